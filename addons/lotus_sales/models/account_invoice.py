# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models

from ..tools import check_card_numbers

CARD_GUARDED_FIELDS = ("comment", "name")
# Dutch tax law (AWR art. 52): invoices are kept for seven years.
DEFAULT_RETENTION_YEARS = 7


class AccountInvoice(models.Model):
    _name = "account.invoice"
    _inherit = ["account.invoice", "lotus.personal.data.mixin"]

    lotus_order_numbers = fields.Char(
        "Order number", compute="_compute_lotus_order_numbers",
        help="Sale order(s) this invoice bills; printed on the invoice.")

    @api.multi
    @api.depends("invoice_line_ids.sale_line_ids")
    def _compute_lotus_order_numbers(self):
        for invoice in self:
            orders = invoice.mapped("invoice_line_ids.sale_line_ids.order_id")
            invoice.lotus_order_numbers = ", ".join(
                orders.mapped("name")) or invoice.origin or False

    @api.constrains(*CARD_GUARDED_FIELDS)
    def _check_lotus_card_numbers(self):
        """P5: no payment card number in an invoice's texts."""
        check_card_numbers(self, CARD_GUARDED_FIELDS)

    # ------------------------------------------------------------------
    # Privacy engine declarations (P26, P27, P33)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_personal_fields(self):
        """Names and addresses are on the contacts (res.partner); the
        invoice keeps number, dates, amounts, taxes, lines and state."""
        return {"comment": "blank", "name": "blank"}

    @api.model
    def _lotus_subject_domain(self, partners):
        return ["|",
                ("partner_id", "child_of", partners.ids),
                ("partner_shipping_id", "child_of", partners.ids)]

    @api.model
    def _lotus_retention_category(self):
        return "accounting"

    @api.model
    def _lotus_retention_date_field(self):
        return "date_invoice"

    @api.model
    def _lotus_retention_domain(self):
        return [("state", "in", ("paid", "cancel"))]

    @api.model
    def _lotus_export_fields(self):
        return ["number", "date_invoice", "state", "amount_untaxed",
                "amount_tax", "amount_total", "partner_shipping_id",
                "lotus_order_numbers"] + list(self._lotus_personal_fields())

    @api.model
    def _lotus_invoice_retention_years(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_sales.invoice_retention_years")
        try:
            return int(value) if value else DEFAULT_RETENTION_YEARS
        except ValueError:
            return DEFAULT_RETENTION_YEARS

    @api.multi
    def _lotus_erasure_blocks(self):
        """P27: an invoice is kept unchanged for the tax retention term
        (7 years by default) after its date; an unpaid invoice is still
        needed to collect the payment."""
        blocks = super(AccountInvoice, self)._lotus_erasure_blocks()
        years = self._lotus_invoice_retention_years()
        today = fields.Date.from_string(fields.Date.context_today(self))
        for invoice in self:
            start = fields.Date.from_string(
                invoice.date_invoice
                or fields.Date.to_string(fields.Datetime.from_string(
                    invoice.create_date or fields.Datetime.now())))
            until = start + relativedelta(years=years)
            if until > today:
                blocks[invoice.id] = _(
                    "invoice %s must be kept %d years for the tax "
                    "authorities (until %s)") % (
                        invoice.number or _("(draft)"), years,
                        fields.Date.to_string(until))
            elif invoice.state == "open":
                blocks[invoice.id] = _(
                    "invoice %s is not paid yet") % invoice.number
        return blocks

    @api.multi
    def _lotus_anonymize_hook(self):
        super(AccountInvoice, self)._lotus_anonymize_hook()
        self.env["res.partner"]._lotus_purge_thread(self)
        return True

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        self.env["res.partner"]._lotus_check_posted_note(args, kwargs)
        return super(AccountInvoice, self).message_post(*args, **kwargs)
