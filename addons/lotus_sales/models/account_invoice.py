# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import check_card_numbers

CARD_GUARDED_FIELDS = ("comment", "name")
# The retention term (lotus_gdpr) that keeps invoices for the tax
# authorities: its duration is edited by the privacy officer there.
ACCOUNTING_TERM = "accounting"


class AccountInvoice(models.Model):
    _name = "account.invoice"
    _inherit = ["account.invoice", "lotus.personal.data.mixin"]

    # Found by the engine like partner_id (_lotus_subject_domain).
    partner_shipping_id = fields.Many2one(index=True)
    lotus_order_numbers = fields.Char(
        "Order number", compute="_compute_lotus_order_numbers",
        help="Sale order(s) this invoice bills; printed on the invoice.")

    @api.multi
    @api.depends("invoice_line_ids.sale_line_ids")
    def _compute_lotus_order_numbers(self):
        # Read the lines and their orders for the whole set at once (a
        # customer's export lists all their invoices), not per invoice.
        self.mapped("invoice_line_ids.sale_line_ids.order_id.name")
        for invoice in self:
            orders = invoice.mapped("invoice_line_ids.sale_line_ids.order_id")
            invoice.lotus_order_numbers = ", ".join(
                orders.mapped("name")) or invoice.origin or False

    @api.constrains(*CARD_GUARDED_FIELDS)
    def _check_lotus_card_numbers(self):
        """P5: no payment card number in an invoice's texts."""
        check_card_numbers(self, CARD_GUARDED_FIELDS)

    # ------------------------------------------------------------------
    # P1, P2: the invoice carries names and a complete address
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_address_problems(self):
        """Lines "invoice - role (contact): missing parts" for every
        customer invoice or credit note whose customer lacks a first and
        family name (a company: its name) or whose invoice address lacks
        street with house number, postal code, city or country."""
        problems = []
        # translated once per batch, not per invoice
        customer, address, line = (
            _("customer"), _("invoice address"),
            _("%(record)s - %(role)s (%(contact)s): %(missing)s missing"))
        for invoice in self.filtered(
                lambda i: i.type in ("out_invoice", "out_refund")):
            partner = invoice.partner_id
            commercial = partner.commercial_partner_id
            for role, contact, missing in (
                    (customer, commercial, commercial._lotus_names_missing()),
                    (address, partner, partner._lotus_address_missing())):
                if missing:
                    problems.append(line % {
                        "record": invoice.number or invoice.origin
                        or _("draft invoice"),
                        "role": role, "contact": contact.display_name,
                        "missing": ", ".join(missing)})
        return problems

    @api.multi
    def action_invoice_open(self):
        """P1, P2: a customer invoice or credit note is not validated while
        the customer's names or the invoice address are incomplete; one
        error lists every missing part and nothing is validated."""
        problems = self._lotus_address_problems()
        if problems:
            raise UserError(_(
                "The invoice cannot be validated: it needs the customer's "
                "first and family name (or the company name) and an invoice "
                "address with street and house number, postal code, city "
                "and country.\n%s\nComplete the contact(s) and validate "
                "again.") % "\n".join(problems))
        return super(AccountInvoice, self).action_invoice_open()

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
    def _lotus_activity_date_field(self):
        return "date_invoice"

    @api.model
    def _lotus_purchase_domain(self):
        return [("type", "in", ("out_invoice", "out_refund")),
                ("state", "in", ("open", "paid"))]

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
    def _lotus_customer_sequence(self):
        return 30

    @api.model
    def _lotus_customer_label(self):
        return _("Your invoices")

    @api.multi
    def _lotus_customer_titles(self):
        """The invoice number (INV/2026/0001), never the free reference;
        a draft has none yet: "Draft invoice" with its order."""
        titles = {}
        for invoice in self:
            if invoice.number:
                titles[invoice.id] = invoice.number
                continue
            title = _("Draft credit note") if invoice.type in (
                "out_refund", "in_refund") else _("Draft invoice")
            origin = invoice.lotus_order_numbers or invoice.origin
            titles[invoice.id] = "%s (%s)" % (title, origin) if origin \
                else title
        return titles

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "address", "order"]

    @api.model
    def _lotus_erasure_term(self):
        return (ACCOUNTING_TERM, "date_invoice")

    @api.multi
    def _lotus_erasure_blocks(self):
        """P27: an invoice is kept unchanged while the fiscal retention
        term ``accounting`` (Privacy > Register > Retention terms; 7 years
        by default, art. 52 AWR) runs from its date. A draft invoice is
        still being billed and an unpaid one is needed to collect the
        payment: both are kept too."""
        # The engine's blocks of _lotus_erasure_term: the accounting term
        by_term = super(AccountInvoice, self)._lotus_erasure_blocks()
        blocks = {}
        if not self:
            return blocks
        # State and number in one query per batch (no ORM load).
        self.recompute()
        self.env.cr.execute(
            "SELECT id, number, state FROM account_invoice "
            "WHERE id = ANY(%s)", (list(self.ids),))
        for invoice_id, number, state in self.env.cr.fetchall():
            number = number or _("(draft)")
            if invoice_id in by_term:
                blocks[invoice_id] = _("invoice %(number)s %(reason)s") % {
                    "number": number, "reason": by_term[invoice_id]}
            elif state == "draft":
                blocks[invoice_id] = _(
                    "invoice %s is not validated or cancelled yet") % number
            elif state == "open":
                blocks[invoice_id] = _(
                    "invoice %s is not paid yet") % number
        return blocks

    @api.model
    def _lotus_purge_chatter(self):
        # The mailed invoice PDFs repeat names and addresses.
        return True

    @api.multi
    def _lotus_anonymize_hook(self):
        super(AccountInvoice, self)._lotus_anonymize_hook()
        # The receivable/payable line of the journal entry copies the
        # invoice's description (the customer's own order reference):
        # it reads "/" as for an invoice without one. Amounts, accounts,
        # dates and the reconciliation stay.
        if self.ids:
            self.env.cr.execute("""
                UPDATE account_move_line l SET name = '/'
                  FROM account_invoice i
                 WHERE i.id = ANY(%s) AND l.move_id = i.move_id
                   AND l.account_id = i.account_id
            """, (list(self.ids),))
            self.env["account.move.line"].invalidate_cache(["name"])
        return True

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        self.env["res.partner"]._lotus_check_posted_note(args, kwargs)
        return super(AccountInvoice, self).message_post(*args, **kwargs)
