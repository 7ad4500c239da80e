# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class PaymentTransaction(models.Model):
    """Odoo's payment transaction copies the payer's name and address
    when a payment starts. Card data never reaches it (P5): the provider's
    reference is kept, the copies are anonymised with the orders."""

    _name = "payment.transaction"
    _inherit = ["payment.transaction", "lotus.personal.data.mixin"]

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
