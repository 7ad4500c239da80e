# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

REASONS = [
    ("wrong", "Wrong product"),
    ("defective", "Defective product"),
    ("withdrawal", "Change of mind (withdrawal)"),
    ("other", "Other"),
]
RESOLUTIONS = [
    ("refund", "Refund"),
    ("replacement", "Replacement"),
    ("repair", "Repair"),
]
STATES = [
    ("draft", "Draft"),
    ("requested", "Requested"),
    ("approved", "Approved"),
    ("received", "Product received"),
    ("done", "Refunded / replaced"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("draft", "requested", "approved", "received")


class LotusReturnRequest(models.Model):
    """A customer's request to return, replace or repair delivered products
    of one sale order (P9, P10, P11).

    The contact data (customer, addresses, phone, e-mail) is never typed on
    the return: it is read from the order (P10)."""

    _name = "lotus.return.request"
    _inherit = ["mail.thread", "mail.activity.mixin", "portal.mixin",
                "lotus.personal.data.mixin"]
    _description = "Return request"
    _order = "date_request desc, id desc"

    name = fields.Char(
        "Return number", required=True, readonly=True, copy=False,
        default="/", index=True)
    order_id = fields.Many2one(
        "sale.order", "Order", required=True, index=True, ondelete="restrict",
        readonly=True, states={"draft": [("readonly", False)]},
        domain=[("state", "in", ("sale", "done"))],
        track_visibility="onchange")
    company_id = fields.Many2one(
        related="order_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(
        related="order_id.currency_id", readonly=True)
    # P10: contact data comes from the order, never retyped.
    partner_id = fields.Many2one(
        related="order_id.partner_id", store=True, readonly=True, index=True,
        string="Customer")
    partner_shipping_id = fields.Many2one(
        related="order_id.partner_shipping_id", readonly=True,
        string="Delivery address")
    partner_invoice_id = fields.Many2one(
        related="order_id.partner_invoice_id", readonly=True,
        string="Invoice address")
    email = fields.Char(related="order_id.partner_id.email", readonly=True)
    phone = fields.Char(related="order_id.partner_id.phone", readonly=True)
    user_id = fields.Many2one(
        "res.users", "Responsible", track_visibility="onchange",
        default=lambda self: self.env.user if self.env.user.has_group(
            "sales_team.group_sale_salesman") else False)
    date_request = fields.Date(
        "Request date", required=True, readonly=True, copy=False,
        default=fields.Date.context_today, index=True)
    date_closed = fields.Date("Closed on", readonly=True, copy=False)
    reason = fields.Selection(
        REASONS, required=True, readonly=True, index=True,
        states={"draft": [("readonly", False)]},
        track_visibility="onchange")
    reason_other = fields.Text(
        "Reason (other)", readonly=True,
        states={"draft": [("readonly", False)]},
        help="Required when the reason is Other.")
    resolution = fields.Selection(
        RESOLUTIONS, required=True, default="refund",
        readonly=True, states={"draft": [("readonly", False)],
                               "requested": [("readonly", False)]},
        track_visibility="onchange")
    return_required = fields.Boolean(
        "Product must come back", default=True,
        readonly=True, states={"draft": [("readonly", False)],
                               "requested": [("readonly", False)],
                               "approved": [("readonly", False)]},
        help="Untick for a wrong or defective product that is replaced or "
             "refunded without being returned first.")
    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False,
        index=True, track_visibility="onchange")
    reject_reason = fields.Text("Rejection reason", readonly=True, copy=False)
    note = fields.Text("Internal notes")
    customer_comment = fields.Text("Customer comment", readonly=True)
    line_ids = fields.One2many(
        "lotus.return.request.line", "request_id", "Returned products",
        copy=True, readonly=True,
        states={"draft": [("readonly", False)],
                "requested": [("readonly", False)]})
    amount_total = fields.Monetary(
        "Value", compute="_compute_amount_total", store=True)
    delivery_date = fields.Datetime(
        "Delivered on", compute="_compute_deadlines")
    withdrawal_deadline = fields.Date(
        "Withdrawal period ends", compute="_compute_deadlines")
    warranty_deadline = fields.Date(
        "Warranty ends", compute="_compute_deadlines")
    receipt_picking_id = fields.Many2one(
        "stock.picking", "Return receipt", readonly=True, copy=False)
    replacement_picking_id = fields.Many2one(
        "stock.picking", "Replacement delivery", readonly=True, copy=False)
    refund_invoice_id = fields.Many2one(
        "account.invoice", "Credit note", readonly=True, copy=False)

    _sql_constraints = [
        ("name_uniq", "unique(name, company_id)",
         "The return number must be unique per company."),
    ]

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("line_ids.amount")
    def _compute_amount_total(self):
        for rec in self:
            rec.amount_total = sum(rec.line_ids.mapped("amount"))

    @api.depends("order_id", "company_id")
    def _compute_deadlines(self):
        for rec in self:
            delivered = rec.order_id and rec.order_id._lotus_delivery_date()
            rec.delivery_date = delivered
            if not delivered:
                continue
            company = rec.company_id or rec.order_id.company_id
            day = fields.Date.from_string(delivered[:10])
            rec.withdrawal_deadline = fields.Date.to_string(
                day + relativedelta(days=company.lotus_return_withdrawal_days))
            rec.warranty_deadline = fields.Date.to_string(
                day + relativedelta(
                    months=company.lotus_return_warranty_months))

    # ------------------------------------------------------------------
    # Checks (P9)
    # ------------------------------------------------------------------
    @api.constrains("order_id", "reason", "reason_other", "date_request")
    def _check_order_and_period(self):
        for rec in self:
            if rec.state in ("cancel", "rejected"):
                continue
            rec._lotus_check_returnable_order()
            if rec.reason == "other" and not (rec.reason_other or "").strip():
                raise ValidationError(_(
                    "Reason 'Other' needs an explanation: describe the "
                    "reason of the return in the field 'Reason (other)'."))
            rec._lotus_check_period()

    @api.multi
    def _lotus_check_returnable_order(self):
        self.ensure_one()
        order = self.order_id.sudo()
        if order.state == "cancel":
            raise ValidationError(_(
                "Order %s is cancelled: there is nothing to return.")
                % order.name)
        if order.state not in ("sale", "done"):
            raise ValidationError(_(
                "Order %s is not confirmed: only delivered orders can be "
                "returned.") % order.name)
        if not order._lotus_delivery_date():
            raise ValidationError(_(
                "Order %s has not been delivered yet: a return can be "
                "requested once the products have arrived. To cancel an "
                "undelivered order, contact customer service.") % order.name)

    @api.multi
    def _lotus_check_period(self):
        """Withdrawal (change of mind) only within the withdrawal period,
        other reasons within the warranty period, both counted from the
        delivery date."""
        self.ensure_one()
        if not self.withdrawal_deadline:
            return
        lang = self.env["res.lang"]._lang_get(self.env.lang or "en_US")
        date_fmt = lang.date_format if lang else "%Y-%m-%d"
        today = self.date_request or fields.Date.context_today(self)
        company = self.company_id or self.order_id.company_id
        if self.reason == "withdrawal" and today > self.withdrawal_deadline:
            raise ValidationError(_(
                "The withdrawal period of %(days)s days for order %(order)s "
                "ended on %(date)s: a change of mind can no longer be "
                "accepted. A wrong or defective product can still be "
                "reported with that reason.") % {
                    "days": company.lotus_return_withdrawal_days,
                    "order": self.order_id.name,
                    "date": fields.Date.from_string(
                        self.withdrawal_deadline).strftime(date_fmt),
                })
        if self.reason != "withdrawal" and today > self.warranty_deadline:
            raise ValidationError(_(
                "The warranty period of %(months)s months for order "
                "%(order)s ended on %(date)s: a return can no longer be "
                "requested.") % {
                    "months": company.lotus_return_warranty_months,
                    "order": self.order_id.name,
                    "date": fields.Date.from_string(
                        self.warranty_deadline).strftime(date_fmt),
                })

    @api.model
    def _lotus_allowed_reasons(self, order):
        """Reasons a customer may pick today for ``order`` (portal)."""
        probe = self.new({"order_id": order.id})
        today = fields.Date.context_today(self)
        allowed = []
        for key, label in REASONS:
            deadline = (probe.withdrawal_deadline if key == "withdrawal"
                        else probe.warranty_deadline)
            if deadline and today <= deadline:
                allowed.append((key, label))
        return allowed

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            order = self.env["sale.order"].browse(vals.get("order_id"))
            company = order.company_id or self.env.user.company_id
            vals["name"] = self.env["ir.sequence"].with_context(
                force_company=company.id,
            ).next_by_code("lotus.return.request") or "/"
        if "user_id" not in vals and vals.get("order_id"):
            order = self.env["sale.order"].browse(vals["order_id"]).sudo()
            if order.user_id:
                vals["user_id"] = order.user_id.id
        return super(LotusReturnRequest, self).create(vals)

    @api.multi
    def unlink(self):
        if any(rec.state not in ("draft", "cancel") for rec in self):
            raise UserError(_(
                "Only draft or cancelled returns can be deleted: cancel the "
                "return first."))
        return super(LotusReturnRequest, self).unlink()

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_check_state(self, allowed, action):
        for rec in self:
            if rec.state not in allowed:
                raise UserError(_(
                    "Return %(name)s is %(state)s: '%(action)s' is not "
                    "possible in that state.") % {
                        "name": rec.name,
                        "state": rec._lotus_state_label(),
                        "action": action,
                    })

    @api.multi
    def _lotus_check_staff(self):
        """The buttons of a return are staff's (salespeople on the returns
        their rules let them change): a customer, who may read their own
        returns, changes them only through the portal's form."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _lotus_state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(
            self.env))[self.state]

    @api.multi
    def action_submit(self):
        self._lotus_check_staff()
        self._lotus_check_state(("draft",), _("Submit"))
        for rec in self:
            if not rec.line_ids:
                raise UserError(_(
                    "Return %s has no products: add the products and "
                    "quantities that are returned.") % rec.name)
            rec._check_order_and_period()
            rec.line_ids._check_quantity()
        self.write({"state": "requested"})
        return True

    @api.multi
    def action_approve(self):
        """Approve the return. When the product must come back a return
        receipt is prepared and the return label is mailed (P11)."""
        self._lotus_check_staff()
        self._lotus_check_state(("requested",), _("Approve"))
        for rec in self:
            rec.write({"state": "approved"})
            if rec.return_required:
                rec._lotus_create_receipt()
                rec.action_send_label()
        return True

    @api.multi
    def action_receive(self):
        """The returned product arrived: validate the return receipt."""
        self._lotus_check_staff()
        self._lotus_check_state(("approved",), _("Product received"))
        for rec in self:
            picking = rec.receipt_picking_id
            if picking and picking.state not in ("done", "cancel"):
                rec._lotus_validate_picking(picking)
            rec._lotus_on_receipt_done()
        return True

    @api.multi
    def _lotus_on_receipt_done(self):
        for rec in self.filtered(lambda r: r.state == "approved"):
            rec.write({"state": "received"})

    @api.multi
    def action_refund(self):
        """Create and validate the credit note of the returned lines and
        mail it to the customer's address on the order (P11)."""
        self._lotus_check_staff()
        for rec in self:
            # Without a return the refund may follow the approval.
            if not (rec.state == "approved" and not rec.return_required):
                rec._lotus_check_state(("received",), _("Refund"))
            if rec.refund_invoice_id:
                raise UserError(_("Return %s is already refunded.") % rec.name)
            refund = rec._lotus_create_refund()
            rec.write({"refund_invoice_id": refund.id, "state": "done",
                       "date_closed": fields.Date.context_today(rec)})
            rec._lotus_send_refund_mail()
        return True

    @api.multi
    def action_send_replacement(self):
        """Ship a replacement (or the repaired product). Staff may do it
        before the product comes back (replacement without return, P9)."""
        self._lotus_check_staff()
        for rec in self:
            if rec.resolution == "repair":
                rec._lotus_check_state(("received",), _("Send back repaired"))
            else:
                rec._lotus_check_state(("approved", "received"),
                                       _("Send replacement"))
            if rec.replacement_picking_id:
                raise UserError(_(
                    "Return %s already has a replacement delivery.")
                    % rec.name)
            picking = rec._lotus_create_replacement()
            rec.write({"replacement_picking_id": picking.id, "state": "done",
                       "date_closed": fields.Date.context_today(rec)})
            rec.message_post(body=_(
                "Replacement delivery %s created to the delivery address "
                "of the order.") % picking.name)
        return True

    @api.multi
    def action_reject(self, reason):
        self._lotus_check_staff()
        self._lotus_check_state(("draft", "requested", "approved"),
                                _("Reject"))
        if not (reason or "").strip():
            raise UserError(_(
                "A rejection needs a reason: fill in the field 'Rejection "
                "reason' so that the customer knows why."))
        for rec in self:
            rec._lotus_cancel_open_pickings()
            rec.write({"state": "rejected", "reject_reason": reason,
                       "date_closed": fields.Date.context_today(rec)})
            rec.message_post(body=_("Return rejected: %s") % reason,
                             subtype="mail.mt_note")
        return True

    @api.multi
    def action_cancel(self):
        self._lotus_check_staff()
        self._lotus_check_state(("draft", "requested", "approved"),
                                _("Cancel"))
        for rec in self:
            rec._lotus_cancel_open_pickings()
        self.write({"state": "cancel",
                    "date_closed": fields.Date.context_today(self)})
        return True

    @api.multi
    def action_draft(self):
        self._lotus_check_staff()
        self._lotus_check_state(("cancel",), _("Reset to draft"))
        self.write({"state": "draft", "date_closed": False})
        return True

    @api.multi
    def action_open_reject_wizard(self):
        self._lotus_check_staff()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Reject return"),
            "res_model": "lotus.return.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    # ------------------------------------------------------------------
    # Stock
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_cancel_open_pickings(self):
        for rec in self:
            pickings = rec.receipt_picking_id | rec.replacement_picking_id
            for picking in pickings:
                if picking.state not in ("done", "cancel"):
                    picking.sudo().action_cancel()

    @api.multi
    def _lotus_stockable_lines(self):
        self.ensure_one()
        return self.line_ids.filtered(
            lambda l: l.product_id.type in ("product", "consu")
            and l.quantity > 0)

    @api.multi
    def _lotus_create_receipt(self):
        """Incoming picking from the customer back into the warehouse."""
        self.ensure_one()
        lines = self._lotus_stockable_lines()
        if not lines:
            return self.env["stock.picking"]
        order = self.order_id.sudo()
        warehouse = order.warehouse_id
        ptype = (warehouse.out_type_id.return_picking_type_id
                 or warehouse.in_type_id)
        src = order.partner_shipping_id.property_stock_customer
        dest = ptype.default_location_dest_id or warehouse.lot_stock_id
        picking = self._lotus_create_picking(ptype, src, dest, lines)
        self.receipt_picking_id = picking
        return picking

    @api.multi
    def _lotus_create_replacement(self):
        """Outgoing delivery of the same products to the order's delivery
        address, using the warehouse's delivery operation type."""
        self.ensure_one()
        lines = self._lotus_stockable_lines()
        if not lines:
            raise UserError(_(
                "Return %s has no physical products to replace.") % self.name)
        order = self.order_id.sudo()
        warehouse = order.warehouse_id
        ptype = warehouse.out_type_id
        src = ptype.default_location_src_id or warehouse.lot_stock_id
        dest = order.partner_shipping_id.property_stock_customer
        return self._lotus_create_picking(ptype, src, dest, lines)

    @api.multi
    def _lotus_create_picking(self, ptype, src, dest, lines):
        self.ensure_one()
        order = self.order_id.sudo()
        moves = []
        for line in lines:
            moves.append((0, 0, {
                "name": "%s: %s" % (self.name, line.product_id.display_name),
                "product_id": line.product_id.id,
                "product_uom_qty": line.quantity,
                "product_uom": line.product_uom_id.id,
                "location_id": src.id,
                "location_dest_id": dest.id,
                "picking_type_id": ptype.id,
                "company_id": order.company_id.id,
                "lotus_return_line_id": line.id,
                "partner_id": order.partner_shipping_id.id,
            }))
        picking = self.env["stock.picking"].sudo().create({
            "picking_type_id": ptype.id,
            "partner_id": order.partner_shipping_id.id,
            "location_id": src.id,
            "location_dest_id": dest.id,
            "origin": "%s (%s)" % (self.name, order.name),
            "company_id": order.company_id.id,
            "lotus_return_id": self.id,
            "move_lines": moves,
        })
        picking.action_confirm()
        picking.action_assign()
        return picking

    @api.model
    def _lotus_validate_picking(self, picking):
        picking = picking.sudo()
        if picking.state in ("draft", "confirmed", "waiting"):
            picking.action_assign()
        for move in picking.move_lines.filtered(
                lambda m: m.state not in ("done", "cancel")):
            if not move.move_line_ids:
                move.write({"move_line_ids": [(0, 0, {
                    "product_id": move.product_id.id,
                    "product_uom_id": move.product_uom.id,
                    "location_id": move.location_id.id,
                    "location_dest_id": move.location_dest_id.id,
                    "picking_id": picking.id,
                    "qty_done": move.product_uom_qty,
                })]})
            else:
                for move_line in move.move_line_ids:
                    move_line.qty_done = move_line.product_uom_qty
        picking.action_done()

    # ------------------------------------------------------------------
    # Accounting (credit note)
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_create_refund(self):
        """Credit note (Odoo 11 ``account.invoice`` of type out_refund)
        built from the order's validated invoice with the returned
        quantities, validated at once."""
        self.ensure_one()
        Invoice = self.env["account.invoice"].sudo()
        invoices = self.order_id.sudo().invoice_ids.filtered(
            lambda i: i.type == "out_invoice" and i.state in ("open", "paid"))
        if not invoices:
            raise UserError(_(
                "Order %s has no validated invoice to credit: invoice the "
                "order first, or choose another resolution.")
                % self.order_id.name)
        line_vals = []
        source = invoices[0]
        for line in self.line_ids:
            inv_lines = invoices.mapped("invoice_line_ids").filtered(
                lambda il: line.sale_line_id in il.sale_line_ids)
            if not inv_lines:
                raise UserError(_(
                    "Product %(product)s of return %(name)s is not on a "
                    "validated invoice of order %(order)s: invoice it "
                    "first.") % {"product": line.product_id.display_name,
                                 "name": self.name,
                                 "order": self.order_id.name})
            inv_line = inv_lines[0]
            source = inv_line.invoice_id
            vals = Invoice._refund_cleanup_lines(inv_line)[0][2]
            sol_uom = line.sale_line_id.product_uom
            vals["quantity"] = sol_uom._compute_quantity(
                line.quantity, inv_line.uom_id or sol_uom)
            vals["sale_line_ids"] = [(6, 0, line.sale_line_id.ids)]
            vals["name"] = "%s - %s" % (self.name, inv_line.name)
            line_vals.append((0, 0, vals))
        vals = Invoice._prepare_refund(
            source, description=_("Return %s") % self.name)
        vals["invoice_line_ids"] = line_vals
        vals["tax_line_ids"] = []
        vals["origin"] = "%s, %s" % (self.name, source.number)
        refund = Invoice.create(vals)
        refund.compute_taxes()
        refund.action_invoice_open()
        refund.message_post(body=_(
            "Credit note of return %(name)s, from invoice %(inv)s.") % {
                "name": self.name, "inv": source.number})
        return refund

    # ------------------------------------------------------------------
    # Mail (P11)
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_report_attachment(self, report, records, title):
        """Render ``report`` for ``records`` as an attachment of this
        return: PDF when wkhtmltopdf is available, HTML otherwise."""
        self.ensure_one()
        report = report.sudo()
        content, ext, mimetype = None, "html", "text/html"
        if self.env["ir.actions.report"].get_wkhtmltopdf_state() == "ok":
            try:
                content, fmt = report.render_qweb_pdf(records.ids)
                if fmt == "pdf":
                    ext, mimetype = "pdf", "application/pdf"
            except UserError:
                content = None
        if content is None:
            content = report.render_qweb_html(records.ids)[0]
        filename = "%s.%s" % (title.replace("/", "-"), ext)
        return self.env["ir.attachment"].sudo().create({
            "name": filename,
            "datas_fname": filename,
            "datas": base64.b64encode(content if isinstance(content, bytes)
                                      else content.encode("utf-8")),
            "mimetype": mimetype,
            "res_model": self._name,
            "res_id": self.id,
        })

    @api.multi
    def _lotus_label_attachment(self):
        """The return label (shop's return address, RMA number, products)."""
        self.ensure_one()
        return self._lotus_report_attachment(
            self.env.ref("lotus_returns.action_report_return_label"), self,
            _("Return label %s") % self.name)

    @api.multi
    def _lotus_mail(self, template_xmlid, attachments):
        """Post the template in the chatter (logged) and mail it to the
        customer of the order with ``attachments``."""
        self.ensure_one()
        template = self.env.ref(template_xmlid)
        composer = self.env["mail.compose.message"].sudo().with_context(
            default_composition_mode="comment",
            default_model=self._name,
            default_res_id=self.id,
            default_template_id=template.id,
            mail_notify_force_send=False,
            lang=self.partner_id.lang,
        ).create({})
        values = composer.onchange_template_id(
            template.id, "comment", self._name, self.id)["value"]
        att_ids = list(values.get("attachment_ids") or [])
        if att_ids and isinstance(att_ids[0], (list, tuple)):
            att_ids = att_ids[0][2]
        values["attachment_ids"] = [(6, 0, att_ids + attachments.ids)]
        values["partner_ids"] = [(6, 0, self.partner_id.ids)]
        composer.write(values)
        composer.with_context(mail_notify_force_send=False).send_mail()
        return True

    @api.multi
    def action_send_label(self):
        self._lotus_check_staff()
        for rec in self:
            if not rec.email:
                raise UserError(_(
                    "The customer of order %s has no e-mail address: add it "
                    "to the customer, then send the label again.")
                    % rec.order_id.name)
            attachment = rec._lotus_label_attachment()
            rec._lotus_mail("lotus_returns.mail_template_return_label",
                            attachment)
        return True

    @api.multi
    def _lotus_send_refund_mail(self):
        for rec in self:
            if not rec.email:
                rec.message_post(body=_(
                    "The credit note was not mailed: the customer has no "
                    "e-mail address."))
                continue
            attachment = rec._lotus_refund_attachment()
            rec._lotus_mail("lotus_returns.mail_template_return_refund",
                            attachment)

    @api.multi
    def _lotus_refund_attachment(self):
        """The credit note of the refund."""
        self.ensure_one()
        refund = self.refund_invoice_id.sudo()
        return self._lotus_report_attachment(
            self.env.ref("account.account_invoices"), refund,
            _("Credit note %s") % (refund.number or self.name))

    # ------------------------------------------------------------------
    # Portal
    # ------------------------------------------------------------------
    @api.multi
    def _compute_portal_url(self):
        for rec in self:
            rec.portal_url = "/my/returns/%s" % rec.id

    @api.model
    def _lotus_portal_create(self, order, quantities, reason, resolution,
                             reason_other=None, comment=None, author=None):
        """Create and submit a return for ``order`` as its customer.

        ``quantities``: ``{sale_line_id: qty}``. The caller has checked
        that the logged-in user is the order's customer; this method
        checks everything else and raises (nothing is created) on bad
        input."""
        vals = self._lotus_portal_prepare(
            order, quantities, reason, resolution,
            reason_other=reason_other, comment=comment)
        return self._lotus_portal_submit(vals, author=author)

    @api.model
    def _lotus_portal_prepare(self, order, quantities, reason, resolution,
                              reason_other=None, comment=None):
        """Check a customer's return request without writing anything;
        return the values to create it, or raise with a clear message."""
        lines = []
        for line_id, qty in quantities.items():
            if not qty:
                continue
            sale_line = order.order_line.filtered(lambda l: l.id == line_id)
            if not sale_line:
                raise UserError(_("That product is not on order %s.")
                                % order.name)
            lines.append((0, 0, {"sale_line_id": sale_line.id,
                                 "quantity": qty}))
        if not lines:
            raise UserError(_(
                "Choose at least one product and the quantity to return."))
        if resolution not in dict(RESOLUTIONS):
            resolution = "refund"
        vals = {
            "order_id": order.id,
            "reason": reason,
            "reason_other": reason_other or False,
            "resolution": resolution,
            "customer_comment": comment or False,
        }
        # Check everything before writing anything.
        probe = self.sudo().new(vals)
        probe._check_order_and_period()
        returnable = order.order_line._lotus_returnable_qty()
        precision = self.env["decimal.precision"].precision_get(
            "Product Unit of Measure")
        for command in lines:
            sale_line = order.order_line.filtered(
                lambda l: l.id == command[2]["sale_line_id"])
            allowed = returnable.get(sale_line.id, 0.0)
            if float_compare(command[2]["quantity"], 0.0,
                             precision_digits=precision) < 0 or \
                    float_compare(command[2]["quantity"], allowed,
                                  precision_digits=precision) > 0:
                raise ValidationError(_(
                    "You cannot return %(qty)s %(uom)s of %(product)s: "
                    "%(max)s were delivered and not yet returned. Lower "
                    "the quantity to at most %(max)s.") % {
                        "qty": command[2]["quantity"],
                        "uom": sale_line.product_uom.name,
                        "product": sale_line.product_id.display_name,
                        "max": max(allowed, 0.0)})
        vals["line_ids"] = lines
        return vals

    @api.model
    def _lotus_portal_submit(self, vals, author=None):
        request = self.sudo().create(vals)
        request.action_submit()
        request.message_post(
            body=_("Return requested by the customer in the portal."),
            author_id=(author or self.env.user.partner_id).id,
            subtype="mail.mt_note")
        return request

    # ------------------------------------------------------------------
    # Privacy engine hooks
    # ------------------------------------------------------------------
    @api.model
    def _lotus_personal_fields(self):
        # Customer, addresses, phone and e-mail are related to the order
        # and go with it; the return itself holds only free text.
        return {
            "reason_other": "blank",
            "note": "blank",
            "customer_comment": "blank",
            "reject_reason": "blank",
        }

    @api.model
    def _lotus_activity_date_field(self):
        return "date_request"

    @api.model
    def _lotus_retention_category(self):
        return "return"

    @api.model
    def _lotus_retention_date_field(self):
        return "date_closed"

    @api.model
    def _lotus_retention_domain(self):
        return [("state", "in", ("done", "rejected", "cancel"))]

    @api.model
    def _lotus_export_fields(self):
        return ["name", "order_id", "date_request", "reason", "reason_other",
                "resolution", "state", "reject_reason", "customer_comment",
                "amount_total", "line_ids"]

    @api.model
    def _lotus_customer_sequence(self):
        return 40

    @api.model
    def _lotus_customer_label(self):
        return _("Your returns")

    @api.multi
    def _lotus_customer_titles(self):
        """The return number, with the order it belongs to."""
        return {ret.id: "%s (%s)" % (ret.name, ret.order_id.name)
                if ret.order_id else ret.name for ret in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact", "address", "order"]

    @api.multi
    def _lotus_erasure_blocks(self):
        if not self:
            return {}
        # One query per batch (the engine asks for hundreds at a time).
        self.env.cr.execute("""
            SELECT id, name, state FROM lotus_return_request
             WHERE id = ANY(%s) AND state IN %s
        """, (list(self.ids), tuple(OPEN_STATES[1:])))
        labels = dict(self._fields["state"]._description_selection(self.env))
        return {
            rec_id: _("Return %s is still being handled (%s).") % (
                name, labels.get(state, state))
            for rec_id, name, state in self.env.cr.fetchall()
        }

    @api.model
    def _lotus_purge_chatter(self):
        # The mailed labels and credit notes carry names and addresses:
        # they go with the chatter, the return's facts stay.
        return True

    # ------------------------------------------------------------------
    # Demo data
    # ------------------------------------------------------------------
    @api.model
    def _lotus_create_demo_returns(self):
        """Demo: a delivered, invoiced order of the demo customer and three
        returns in different states (called from demo XML only)."""
        partner = (self.env.ref("lotus_sales.partner_anna", False)
                   or self.env.ref("base.res_partner_2"))
        products = (self.env.ref("lotus_returns.demo_product_filament")
                    | self.env.ref("lotus_returns.demo_product_nozzle"))
        order = self.env["sale.order"].create({
            "partner_id": partner.id,
            "client_order_ref": "LOTUS-RMA-DEMO",
            "order_line": [(0, 0, {
                "product_id": product.id,
                "product_uom_qty": qty,
                "price_unit": product.list_price,
            }) for product, qty in zip(products, (3, 2))],
        })
        order.action_confirm()
        for picking in order.picking_ids:
            self._lotus_validate_picking(picking)
        invoice = self.env["account.invoice"].browse(
            order.action_invoice_create())
        invoice.action_invoice_open()
        filament, nozzle = order.order_line[0], order.order_line[1]
        withdrawal = self.create({
            "order_id": order.id, "reason": "withdrawal",
            "resolution": "refund",
            "line_ids": [(0, 0, {"sale_line_id": filament.id,
                                 "quantity": 1})],
        })
        withdrawal.action_submit()
        defective = self.create({
            "order_id": order.id, "reason": "defective",
            "resolution": "replacement", "return_required": False,
            "line_ids": [(0, 0, {"sale_line_id": nozzle.id,
                                 "quantity": 1})],
        })
        defective.action_submit()
        defective.action_approve()
        defective.action_send_replacement()
        other = self.create({
            "order_id": order.id, "reason": "other",
            "reason_other": "Colour differs from the website photo.",
            "resolution": "refund",
            "line_ids": [(0, 0, {"sale_line_id": filament.id,
                                 "quantity": 1})],
        })
        other.action_submit()
        other.action_reject("Colours may differ slightly from the photo; "
                            "the filament matches its specification.")
        return True
