# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models


class PaymentTransaction(models.Model):
    """Odoo's payment transaction copies the payer's name and address
    when a payment starts. Card data never reaches it (P5): the provider's
    reference is kept, the copies are anonymised with the orders."""

    _name = "payment.transaction"
    _inherit = ["payment.transaction", "lotus.personal.data.mixin"]

    @api.model
    def create(self, vals):
        """P22, P23, P25: a transaction hands the payer's data to the
        provider: refused before anything is created when the provider is
        not a registered recipient, recorded as a disclosure otherwise."""
        acquirer = self.env["payment.acquirer"].browse(
            vals.get("acquirer_id") or [])
        discloses = bool(acquirer) and acquirer._lotus_discloses()
        transaction = super(PaymentTransaction, self).create(vals)
        if discloses:
            transaction._lotus_record_payment_disclosure()
        return transaction

    @api.multi
    def _lotus_record_payment_disclosure(self):
        """Record the fields this transaction carries to its provider."""
        self.ensure_one()
        acquirer = self.acquirer_id.sudo()
        carried = [name for name in list(self._lotus_personal_fields())
                   + ["partner_country_id", "reference", "amount"]
                   if self[name]]
        return self.env["lotus.privacy.disclosure"].record_disclosure(
            acquirer.lotus_recipient_id, self, carried,
            acquirer.lotus_activity_id, reference=self.reference,
            partners=self.partner_id)

    @api.model
    def _lotus_personal_fields(self):
        return {
            "partner_name": "placeholder",
            "partner_email": "blank",
            "partner_phone": "blank",
            "partner_address": "blank",
            "partner_zip": "postal_area",
            "partner_city": "blank",
        }

    @api.model
    def _lotus_export_fields(self):
        return ["reference", "acquirer_id", "acquirer_reference", "amount",
                "currency_id", "state", "create_date"] + list(
                    self._lotus_personal_fields())

    @api.model
    def _lotus_customer_label(self):
        return _("Your payments")

    @api.multi
    def _lotus_customer_titles(self):
        return {tx.id: tx.reference for tx in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact", "address", "payment"]

    @api.model
    def _lotus_activity_date_field(self):
        return "create_date"

    @api.model
    def _lotus_retention_category(self):
        return "sale_order"

    @api.model
    def _lotus_retention_date_field(self):
        return "create_date"

    @api.model
    def _lotus_retention_domain(self):
        return [("state", "in", ("done", "refunded", "error", "cancel"))]
