# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from .ir_attachment import is_audio

# Words that look like an order number: letters, then digits (SO042,
# S00042, WEB/2026/0042). Only words that are the name of an existing
# order are considered, whatever the sale.order sequence looks like.
ORDER_REF_RE = re.compile(r"\b([A-Za-z]{1,5}[/-]?(?:\d{2,4}[/-])?\d{3,})\b")
MAX_ORDER_REFS = 10


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "lotus.personal.data.mixin"]
    # A customer who may read a ticket (portal rule: a follower) may
    # answer on it; nobody else may (P17).
    _mail_post_access = "read"

    sale_order_id = fields.Many2one(
        "sale.order", string="Sale order", index=True,
        ondelete="set null", track_visibility="onchange",
        domain="[('partner_id', 'child_of', lotus_commercial_partner_id)]",
        help="An order of this ticket's customer.")
    lotus_commercial_partner_id = fields.Many2one(
        "res.partner", related="partner_id.commercial_partner_id",
        string="Customer account", readonly=True)
    lotus_return_id = fields.Many2one(
        "lotus.return.request", string="Return", index=True,
        ondelete="set null", track_visibility="onchange",
        domain="[('partner_id', 'child_of', lotus_commercial_partner_id)]",
        help="A return of this ticket's customer, of the ticket's order "
             "when one is set.")
    lotus_order_ref = fields.Char(
        string="Order number given",
        help="The order number the customer gave (web form or e-mail). "
             "The ticket is linked to that order only when the sender's "
             "e-mail address or account matches the order's customer.")
    lotus_order_check = fields.Selection([
        ("linked", "Linked: sender matches the order's customer"),
        ("not_verified", "Not linked: could not be verified"),
    ], string="Order number check", readonly=True, copy=False,
        groups="helpdesk_mgmt.group_helpdesk_user_own")
    lotus_order_check_note = fields.Char(
        string="Order number check note", readonly=True, copy=False,
        groups="helpdesk_mgmt.group_helpdesk_user_own")

    # ------------------------------------------------------------------
    # P12: link to the customer's order
    # ------------------------------------------------------------------
    @api.constrains("sale_order_id", "partner_id")
    def _check_sale_order_customer(self):
        for ticket in self.filtered(
                lambda t: t.sale_order_id and t.partner_id):
            order = ticket.sale_order_id.sudo()
            customer = order.partner_id.commercial_partner_id
            if customer != ticket.partner_id.commercial_partner_id:
                raise ValidationError(_(
                    "Ticket %s: order %s belongs to another customer. Pick "
                    "one of the orders of %s, or change the ticket's "
                    "customer first.") % (
                        ticket.number, ticket.sale_order_id.sudo().name,
                        ticket.partner_id.commercial_partner_id.display_name))

    @api.constrains("lotus_return_id", "sale_order_id", "partner_id")
    def _check_return_customer(self):
        """P12: a ticket links only a return of its own customer, and of
        its own order when it has one."""
        for ticket in self.filtered("lotus_return_id"):
            ret = ticket.lotus_return_id.sudo()
            if ticket.partner_id and ret.partner_id.commercial_partner_id \
                    != ticket.partner_id.commercial_partner_id:
                raise ValidationError(_(
                    "Ticket %s: return %s belongs to another customer. Pick "
                    "one of the returns of %s, or change the ticket's "
                    "customer first.") % (
                        ticket.number, ret.name,
                        ticket.partner_id.commercial_partner_id.display_name))
            if ticket.sale_order_id and ret.order_id != \
                    ticket.sale_order_id:
                raise ValidationError(_(
                    "Ticket %s: return %s is a return of order %s, not of "
                    "the ticket's order %s. Pick a return of order %s or "
                    "change the ticket's order.") % (
                        ticket.number, ret.name, ret.order_id.name,
                        ticket.sale_order_id.sudo().name,
                        ticket.sale_order_id.sudo().name))

    @api.onchange("sale_order_id")
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id
        if self.lotus_return_id and self.sale_order_id and \
                self.lotus_return_id.order_id != self.sale_order_id:
            self.lotus_return_id = False
        domain = [("partner_id", "child_of",
                   self.lotus_commercial_partner_id.id or [])]
        if self.sale_order_id:
            domain = [("order_id", "=", self.sale_order_id.id)]
        return {"domain": {"lotus_return_id": domain}}

    @api.onchange("lotus_return_id")
    def _onchange_lotus_return_id(self):
        ret = self.lotus_return_id
        if ret and not self.sale_order_id:
            self.sale_order_id = ret.order_id
        if ret and not self.partner_id:
            self.partner_id = ret.partner_id

    @api.model
    def _lotus_prepare_return_link(self, vals):
        """A ticket about a return is about the return's order too."""
        if vals.get("lotus_return_id") and not vals.get("sale_order_id"):
            ret = self.env["lotus.return.request"].sudo().browse(
                vals["lotus_return_id"])
            vals["sale_order_id"] = ret.order_id.id
            if not vals.get("partner_id"):
                vals["partner_id"] = ret.partner_id.id

    # ------------------------------------------------------------------
    # P13: an order number given by the customer
    # ------------------------------------------------------------------
    @api.model
    def _lotus_order_refs(self, text):
        """Candidate order numbers in a free text, upper-cased, in order."""
        if not text:
            return []
        text = tools.html2plaintext(text) if "<" in text else text
        refs = []
        for match in ORDER_REF_RE.finditer(text):
            ref = match.group(1).upper()
            if ref not in refs:
                refs.append(ref)
            if len(refs) >= MAX_ORDER_REFS:
                break
        return refs

    @api.model
    def _lotus_sender_matches(self, order, partner, email):
        customer = order.partner_id.commercial_partner_id
        if partner and partner.commercial_partner_id == customer:
            return True
        if not email:
            return False
        contacts = (order.partner_id | order.partner_invoice_id
                    | order.partner_shipping_id | customer)
        known = {(c.email or "").strip().lower() for c in contacts if c.email}
        return email.strip().lower() in known

    @api.model
    def _lotus_resolve_order(self, refs, partner, email):
        """Return ``(order, check, note)`` for order numbers given by a
        customer. The note is for staff; it never says whose order a
        number is, nor whether it exists."""
        if not refs:
            return self.env["sale.order"], False, False
        orders = self.env["sale.order"].sudo().search(
            [("name", "in", refs)])
        for ref in refs:
            for order in orders.filtered(lambda o: o.name.upper() == ref):
                if self._lotus_sender_matches(order, partner, email):
                    return order, "linked", _(
                        "Linked to order %s: the sender's e-mail address or "
                        "account matches the order's customer.") % order.name
        return self.env["sale.order"], "not_verified", _(
            "The customer mentioned an order number (%s) that could not be "
            "verified against the sender's e-mail address or account: the "
            "ticket was not linked. Check the customer's identity before "
            "discussing any order.") % ", ".join(refs)

    @api.model
    def _lotus_prepare_order_link(self, vals):
        """Fill ``sale_order_id`` and the check fields of ``vals`` from
        ``lotus_order_ref``; returns the note to post."""
        if vals.get("sale_order_id") or not vals.get("lotus_order_ref"):
            return False
        partner = self.env["res.partner"].browse(vals.get("partner_id") or [])
        emails = tools.email_split(vals.get("partner_email") or "")
        email = emails[0] if emails else (partner.email or "")
        refs = self._lotus_order_refs(vals["lotus_order_ref"])
        order, check, note = self._lotus_resolve_order(refs, partner, email)
        vals["lotus_order_check"] = check
        vals["lotus_order_check_note"] = note
        if order:
            vals["sale_order_id"] = order.id
            if not partner:
                vals["partner_id"] = order.partner_id.id
                vals.setdefault("partner_name", order.partner_id.name)
        return note

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        vals = dict(vals)
        self._lotus_prepare_return_link(vals)
        if vals.get("partner_id"):
            # helpdesk_mgmt fills these copies only in a form onchange.
            partner = self.env["res.partner"].browse(vals["partner_id"])
            if not vals.get("partner_name"):
                vals["partner_name"] = partner.name
            if not vals.get("partner_email"):
                vals["partner_email"] = partner.email
        note = self._lotus_prepare_order_link(vals)
        if not vals.get("team_id"):
            team = self.env[
                "lotus.helpdesk.routing.rule"]._lotus_find_team(vals)
            if team:
                vals["team_id"] = team.id
        ticket = super(HelpdeskTicket, self).create(vals)
        ticket._lotus_subscribe_customer()
        self.env["lotus.helpdesk.ticket.stat"]._lotus_create_for(ticket)
        if note:
            ticket.sudo().message_post(
                body=note, subtype="mail.mt_note", message_type="comment")
        return ticket

    @api.multi
    def write(self, vals):
        was_closed = {}
        if "stage_id" in vals:
            was_closed = {t.id: t.stage_id.closed for t in self}
        if vals.get("lotus_return_id") and "sale_order_id" not in vals:
            vals = dict(vals)
            ret = self.env["lotus.return.request"].sudo().browse(
                vals["lotus_return_id"])
            if all(not t.sale_order_id for t in self):
                vals["sale_order_id"] = ret.order_id.id
        res = super(HelpdeskTicket, self).write(vals)
        if vals.get("partner_id"):
            self._lotus_subscribe_customer()
        Stat = self.env["lotus.helpdesk.ticket.stat"]
        if was_closed:
            now = fields.Datetime.now()
            closing = self.filtered(
                lambda t: t.stage_id.closed and not was_closed[t.id])
            reopening = self.filtered(
                lambda t: not t.stage_id.closed and was_closed[t.id])
            if closing:
                Stat._lotus_for(closing)._lotus_closed(
                    vals.get("closed_date") or now)
            if reopening:
                Stat._lotus_for(reopening)._lotus_reopened()
        if {"team_id", "category_id", "channel_id", "priority",
                "sale_order_id", "company_id"}.intersection(vals):
            Stat._lotus_for(self)._lotus_sync()
        return res

    @api.multi
    def _lotus_subscribe_customer(self):
        """The customer follows their ticket: the portal shows a ticket to
        its followers (helpdesk_mgmt's rule) and replies reach them."""
        for ticket in self.filtered("partner_id"):
            if ticket.partner_id not in ticket.sudo().message_partner_ids:
                ticket.sudo().message_subscribe(
                    partner_ids=[ticket.partner_id.id])

    # ------------------------------------------------------------------
    # Mail: first staff answer (P14), audio dropped (P15), P13 by e-mail
    # ------------------------------------------------------------------
    @api.model
    def message_new(self, msg, custom_values=None):
        """An incoming e-mail: the order number may be in the subject or
        the body; the sender is the one who must match its customer."""
        custom_values = dict(custom_values or {})
        refs = self._lotus_order_refs_in_mail(msg)
        if refs and "lotus_order_ref" not in custom_values:
            custom_values["lotus_order_ref"] = " ".join(refs)
        if "channel_id" not in custom_values:
            channel = self.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_email",
                raise_if_not_found=False)
            if channel:
                custom_values["channel_id"] = channel.id
        return super(HelpdeskTicket, self).message_new(
            msg, custom_values=custom_values)

    @api.model
    def _lotus_order_refs_in_mail(self, msg):
        """Order numbers of existing orders named in a mail's subject or
        body (a printer model or a ticket number is no order)."""
        text = "%s\n%s" % (msg.get("subject") or "",
                           tools.html2plaintext(msg.get("body") or ""))
        refs = self._lotus_order_refs(text)
        if not refs:
            return []
        names = {n.upper() for n in self.env["sale.order"].sudo().search(
            [("name", "in", refs)]).mapped("name")}
        return [r for r in refs if r in names]

    @api.multi
    def message_update(self, msg, update_vals=None):
        """A reply naming an order links a ticket that has none yet, under
        the same check as a new ticket (P13)."""
        res = super(HelpdeskTicket, self).message_update(
            msg, update_vals=update_vals)
        tickets = self.filtered(lambda t: not t.sale_order_id)
        refs = tickets and self._lotus_order_refs_in_mail(msg)
        if not refs:
            return res
        partner = self.env["res.partner"].browse(msg.get("author_id") or [])
        emails = tools.email_split(msg.get("from") or "")
        for ticket in tickets:
            order, check, note = ticket._lotus_resolve_order(
                refs, partner, emails[0] if emails else "")
            customer = order.partner_id.commercial_partner_id
            if order and ticket.partner_id and \
                    ticket.partner_id.commercial_partner_id != customer:
                order, check, note = ticket._lotus_resolve_order(
                    refs, None, None)
            vals = {"lotus_order_ref": " ".join(refs),
                    "lotus_order_check": check,
                    "lotus_order_check_note": note}
            if order:
                vals["sale_order_id"] = order.id
                if not ticket.partner_id:
                    vals["partner_id"] = order.partner_id.id
            ticket.sudo().write(vals)
            ticket.sudo().message_post(
                body=note, subtype="mail.mt_note", message_type="comment")
        return res

    @api.multi
    def message_post(self, body="", subject=None, message_type="notification",
                     subtype=None, parent_id=False, attachments=None,
                     content_subtype="html", **kwargs):
        dropped = []
        if attachments:
            kept = []
            for attachment in attachments:
                name = attachment[0] if attachment else None
                content = attachment[1] if len(attachment) > 1 else None
                raw = content[:16] if isinstance(content, bytes) else None
                if is_audio(name=name, raw=raw):
                    dropped.append(name)
                else:
                    kept.append(attachment)
            attachments = kept
        message = super(HelpdeskTicket, self).message_post(
            body=body, subject=subject, message_type=message_type,
            subtype=subtype, parent_id=parent_id, attachments=attachments,
            content_subtype=content_subtype, **kwargs)
        if dropped:
            self.sudo().message_post(
                body=_("%d audio attachment(s) of this message were not "
                       "stored: Lotus 3D Printers does not record "
                       "telephone calls and keeps no audio on tickets.")
                % len(dropped),
                subtype="mail.mt_note", message_type="comment")
        self._lotus_track_first_response(message)
        return message

    @api.multi
    def _lotus_track_first_response(self, message):
        """P14: the first public answer by an internal user."""
        if message.message_type not in ("comment", "email"):
            return
        if not message.subtype_id or message.subtype_id.internal:
            return
        author = message.author_id
        if not author:
            return
        staff = self.env["res.users"].sudo().search([
            ("partner_id", "=", author.id), ("share", "=", False)], limit=1)
        if not staff:
            return
        tickets = self.filtered(
            lambda t: t.partner_id.commercial_partner_id
            != author.commercial_partner_id or not t.partner_id)
        if tickets:
            self.env["lotus.helpdesk.ticket.stat"]._lotus_for(
                tickets)._lotus_responded(
                    message.date or fields.Datetime.now())

    # ------------------------------------------------------------------
    # Privacy engine declarations (lotus_gdpr)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_personal_fields(self):
        return {
            "name": "placeholder",
            "partner_name": "placeholder",
            "partner_email": "blank",
            "description": "blank",
            "lotus_order_ref": "blank",
            "lotus_order_check_note": "blank",
        }

    @api.model
    def _lotus_activity_date_field(self):
        # Opening a ticket is the customer's act; its closing is ours.
        return "create_date"

    @api.model
    def _lotus_retention_category(self):
        return "helpdesk_ticket"

    @api.model
    def _lotus_retention_date_field(self):
        return "closed_date"

    @api.model
    def _lotus_retention_domain(self):
        return [("stage_id.closed", "=", True)]

    @api.model
    def _lotus_export_fields(self):
        return ["number", "name", "description", "partner_name",
                "partner_email", "create_date", "closed_date", "stage_id",
                "category_id", "team_id", "sale_order_id",
                "lotus_return_id"]

    @api.model
    def _lotus_customer_sequence(self):
        return 50

    @api.model
    def _lotus_customer_label(self):
        return _("Your tickets")

    @api.multi
    def _lotus_customer_titles(self):
        """The ticket number, with its title."""
        return {ticket.id: "%s - %s" % (ticket.number, ticket.name)
                for ticket in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact", "support"]

    @api.multi
    def _lotus_erasure_blocks(self):
        if not self:
            return {}
        # SQL: a batch of tickets is checked in one query.
        self.env.cr.execute("""
            SELECT t.id, t.number FROM helpdesk_ticket t
              LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
             WHERE t.id = ANY(%s) AND s.closed IS NOT TRUE
        """, (list(self.ids),))
        return {
            ticket_id: _("ticket %s is still open: it is anonymised once "
                         "it is closed") % number
            for ticket_id, number in self.env.cr.fetchall()
        }

    @api.model
    def _lotus_purge_chatter(self):
        # Messages, attachments and followers of the tickets go; team,
        # category, dates and the statistics stay.
        return True
