# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from ..tools import check_card_numbers

# Free-text fields of an order where a card number could be typed (P5).
CARD_GUARDED_FIELDS = (
    "note", "client_order_ref", "origin", "lotus_payment_reference",
)


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "lotus.personal.data.mixin"]

    # P5: the order keeps the provider's transaction reference, nothing else
    # The engine, the export and the lookup find a customer's orders by
    # any of its three partners (_lotus_subject_domain): indexed like
    # partner_id, or every batch of the retention run reads the whole
    # table (6.5 s for 2,000 customers among 450,000 orders).
    partner_invoice_id = fields.Many2one(index=True)
    partner_shipping_id = fields.Many2one(index=True)
    lotus_payment_provider_id = fields.Many2one(
        "lotus.privacy.recipient", "Payment provider",
        domain=[("kind", "=", "payment")], ondelete="restrict", copy=False,
        help="Registered payment service provider (PayPal, MultiSafepay) "
             "that processed the payment. Card and account details stay "
             "with the provider.")
    lotus_payment_reference = fields.Char(
        "Payment transaction reference", copy=False,
        help="The provider's transaction reference, the only payment data "
             "kept on the order. Never a card number.")
    # P8: what went to carriers for this order's deliveries
    lotus_disclosure_ids = fields.Many2many(
        "lotus.privacy.disclosure", string="Shared with carriers",
        compute="_compute_lotus_disclosures")
    lotus_disclosure_count = fields.Integer(
        "Disclosures", compute="_compute_lotus_disclosures")

    # ------------------------------------------------------------------
    # P8: disclosures of this order's deliveries
    # ------------------------------------------------------------------
    @api.multi
    def _compute_lotus_disclosures(self):
        pickings = self.mapped("picking_ids")
        by_picking = pickings._lotus_disclosures_by_picking()
        for order in self:
            disclosures = self.env["lotus.privacy.disclosure"]
            for picking in order.picking_ids:
                disclosures |= by_picking.get(picking.id, disclosures)
            order.lotus_disclosure_ids = disclosures
            order.lotus_disclosure_count = len(disclosures)

    @api.multi
    def action_lotus_view_disclosures(self):
        """Smart button: what was shared with carriers, with whom, when."""
        self.ensure_one()
        return self.env["stock.picking"]._lotus_disclosure_action(
            self.lotus_disclosure_ids)

    # ------------------------------------------------------------------
    # P5: no card numbers
    # ------------------------------------------------------------------
    @api.constrains(*CARD_GUARDED_FIELDS)
    def _check_lotus_card_numbers(self):
        """P5: no payment card number in the order's fields and notes."""
        check_card_numbers(self, CARD_GUARDED_FIELDS)

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        """P5: a note typed in the chatter may not hold a card number
        either (mail that comes in is not refused: it is not typed here)."""
        self.env["res.partner"]._lotus_check_posted_note(args, kwargs)
        return super(SaleOrder, self).message_post(*args, **kwargs)

    @api.multi
    def action_confirm(self):
        """P19: the order confirmation mail goes to every customer.

        P1, P2: names and addresses are checked where the policy needs them,
        when the invoice is validated (account.invoice) and when the parcel
        ships (stock.picking); confirming an order neither invoices nor
        ships, so an order with an incomplete address still confirms (as
        Odoo's own delivery and sale flows expect)."""
        if self._lotus_send_confirmation_mail():
            self = self.with_context(send_email=True)
        return super(SaleOrder, self).action_confirm()

    @api.model
    def _lotus_send_confirmation_mail(self):
        param = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_sales.order_confirmation_mail", "True")
        return param.lower() not in ("0", "false", "")

    # ------------------------------------------------------------------
    # Privacy engine declarations (P26, P33)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_personal_fields(self):
        """Names and addresses live on the invoice and delivery contacts
        (res.partner, anonymised as partners); the order itself keeps
        amounts, taxes, dates, products, quantities, state and, through
        the contacts, the country."""
        return {
            "client_order_ref": "blank",
            "note": "blank",
            "origin": "blank",
            "lotus_payment_reference": "blank",
        }

    @api.model
    def _lotus_subject_domain(self, partners):
        return ["|", "|",
                ("partner_id", "child_of", partners.ids),
                ("partner_invoice_id", "child_of", partners.ids),
                ("partner_shipping_id", "child_of", partners.ids)]

    @api.model
    def _lotus_activity_date_field(self):
        return "date_order"

    @api.model
    def _lotus_purchase_domain(self):
        # A confirmed order makes its customer a customer.
        return [("state", "in", ("sale", "done"))]

    @api.model
    def _lotus_retention_category(self):
        return "sale_order"

    @api.model
    def _lotus_retention_date_field(self):
        return "date_order"

    @api.model
    def _lotus_retention_domain(self):
        return [("state", "in", ("sale", "done", "cancel"))]

    @api.model
    def _lotus_export_fields(self):
        return ["name", "date_order", "state", "amount_untaxed",
                "amount_tax", "amount_total", "partner_invoice_id",
                "partner_shipping_id", "lotus_payment_provider_id"] + list(
                    self._lotus_personal_fields())

    @api.model
    def _lotus_customer_sequence(self):
        return 20

    @api.model
    def _lotus_customer_label(self):
        return _("Your orders")

    @api.multi
    def _lotus_customer_titles(self):
        return {order.id: order.name for order in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact", "address", "order", "payment"]

    @api.multi
    def _lotus_erasure_blocks(self):
        """An order still being delivered or invoiced is needed to fulfil
        the contract: it is restricted, not anonymised, until done."""
        blocks = super(SaleOrder, self)._lotus_erasure_blocks()
        if not self:
            return blocks
        # One query per batch instead of loading the orders and their
        # pickings; pending recomputations (picking state, invoice
        # status) are stored first so that the columns are current.
        self.recompute()
        self.env.cr.execute("""
            SELECT o.id, o.name, EXISTS(
                       SELECT 1 FROM stock_picking p
                        WHERE p.sale_id = o.id
                          AND coalesce(p.state, '') NOT IN ('done', 'cancel')),
                   o.invoice_status
              FROM sale_order o
             WHERE o.id = ANY(%s) AND o.state = 'sale'
        """, (list(self.ids),))
        for order_id, name, undelivered, invoice_status in \
                self.env.cr.fetchall():
            if undelivered:
                blocks[order_id] = _(
                    "order %s is not fully delivered yet") % name
            elif invoice_status == "to invoice":
                blocks[order_id] = _(
                    "order %s is not fully invoiced yet") % name
        return blocks

    @api.model
    def _lotus_purge_chatter(self):
        # Mails and quotation PDFs carry names and addresses: they go
        # with the chatter; the figures stay.
        return True
