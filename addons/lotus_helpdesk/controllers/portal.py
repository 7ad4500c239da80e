# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer portal for tickets (P12, P13, P15, P17).

helpdesk_mgmt's routes trust the form: the new-ticket form names the
customer by the name and e-mail typed in it, and ``/ticket/close`` closes
any ticket id as superuser. Here the customer is always the logged-in
user, every route checks access to the ticket first, and a ticket the
user may not see answers exactly like a ticket that does not exist.
"""
import base64

from odoo import _, http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.helpdesk_mgmt.controllers.main import \
    HelpdeskTicketController
from odoo.addons.helpdesk_mgmt.controllers.myaccount import \
    CustomerPortal as HelpdeskCustomerPortal
from odoo.addons.sale.controllers.portal import \
    CustomerPortal as SaleCustomerPortal

from ..models.ir_attachment import is_audio


class LotusHelpdeskPortal(HelpdeskCustomerPortal):

    def _helpdesk_ticket_check_access(self, ticket_id):
        """The ticket as superuser, once the user has proved they may
        read it; AccessError otherwise (also for ids that don't exist)."""
        ticket = request.env["helpdesk.ticket"].browse([int(ticket_id)])
        try:
            if not ticket.exists():
                raise AccessError(_("This ticket does not exist."))
            ticket.check_access_rights("read")
            ticket.check_access_rule("read")
        except MissingError:
            raise AccessError(_("This ticket does not exist."))
        return ticket.sudo()

    @http.route(["/my/ticket/<int:ticket_id>"], type="http", auth="user",
                website=True)
    def portal_my_ticket(self, ticket_id=None, **kw):
        try:
            ticket_sudo = self._helpdesk_ticket_check_access(ticket_id)
        except AccessError:
            return request.not_found()
        values = self._ticket_get_page_view_values(ticket_sudo, **kw)
        return request.render("helpdesk_mgmt.portal_helpdesk_ticket_page",
                              values)


class LotusSaleOrderPortal(SaleCustomerPortal):
    """The order page lists the questions asked about the order."""

    def _order_get_page_view_values(self, order, access_token, **kwargs):
        values = super(LotusSaleOrderPortal, self)._order_get_page_view_values(
            order, access_token, **kwargs)
        tickets = request.env["helpdesk.ticket"]
        user = request.env.user
        if not user._is_public() and tickets.check_access_rights(
                "read", raise_exception=False):
            # with the user's own rights: only tickets they may read
            tickets = tickets.search([("sale_order_id", "=", order.id)])
        values["order_tickets"] = tickets
        return values


class LotusHelpdeskTicketController(HelpdeskTicketController):

    def _lotus_portal_order(self, order_id):
        """The user's own order ``order_id``, or an empty recordset."""
        Order = request.env["sale.order"]
        try:
            order = Order.browse(int(order_id))
            if not order.exists():
                return Order
            order.check_access_rights("read")
            order.check_access_rule("read")
        except (AccessError, MissingError, ValueError, TypeError):
            return Order
        return order

    def _lotus_portal_return(self, return_id):
        """The user's own return ``return_id`` (sudo), or an empty
        recordset: for someone else's return exactly as for an id that
        does not exist, so guessing ids tells nothing."""
        Return = request.env["lotus.return.request"]
        try:
            ret = Return.browse(int(return_id))
            if not ret.exists():
                return Return.sudo()
            ret.check_access_rights("read")
            ret.check_access_rule("read")
        except (AccessError, MissingError, ValueError, TypeError):
            return Return.sudo()
        ret = ret.sudo()
        own = request.env.user.partner_id.commercial_partner_id
        if ret.partner_id.commercial_partner_id != own:
            return Return.sudo()
        return ret

    def _lotus_ticket_form_values(self, **kw):
        user = request.env.user
        order_ref = kw.get("order_ref") or ""
        ret = self._lotus_portal_return(kw["return_id"]) \
            if kw.get("return_id") else request.env["lotus.return.request"]
        if ret and not order_ref:
            order_ref = ret.order_id.name or ""
        if kw.get("order_id") and not order_ref:
            order = self._lotus_portal_order(kw["order_id"])
            order_ref = order.sudo().name or ""
        return {
            "lotus_return": ret,
            "categories": request.env["helpdesk.ticket.category"].search(
                [("active", "=", True)]),
            "email": user.partner_id.email,
            "name": user.partner_id.name,
            "order_ref": order_ref,
            "subject": kw.get("subject") or "",
            "description": kw.get("description") or "",
            "category_id": kw.get("category"),
            "error": kw.get("error"),
        }

    @http.route("/new/ticket", type="http", auth="user", website=True)
    def create_new_ticket(self, **kw):
        return request.render("helpdesk_mgmt.portal_create_ticket",
                              self._lotus_ticket_form_values(**kw))

    @http.route("/submitted/ticket", type="http", auth="user",
                website=True, csrf=True, methods=["POST"])
    def submit_ticket(self, **kw):
        partner = request.env.user.partner_id
        category = request.env["helpdesk.ticket.category"]
        if kw.get("category"):
            try:
                category = category.search([
                    ("id", "=", int(kw["category"])),
                    ("active", "=", True)])
            except ValueError:
                category = category.browse()
        files = [f for f in request.httprequest.files.getlist("attachment")
                 if f.filename]
        error = False
        if not (kw.get("subject") or "").strip():
            error = _("Please give your question a subject.")
        elif not (kw.get("description") or "").strip():
            error = _("Please describe your question.")
        elif kw.get("category") and not category:
            error = _("Please choose one of the listed categories.")
        else:
            for upload in files:
                if is_audio(name=upload.filename, mimetype=upload.mimetype,
                            raw=upload.stream.read(16)):
                    error = _(
                        "The file \"%s\" is an audio recording. We do not "
                        "record telephone calls and keep no audio with "
                        "tickets: please remove it and describe your "
                        "question in writing.") % upload.filename
                    break
                upload.stream.seek(0)
        if error:
            values = self._lotus_ticket_form_values(**kw)
            values["error"] = error
            return request.render("helpdesk_mgmt.portal_create_ticket",
                                  values)
        channel = request.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_web",
            raise_if_not_found=False)
        # Opened from a return page: linked only when the return is the
        # customer's own (checked again: the form is not trusted).
        ret = self._lotus_portal_return(kw["return_id"]) \
            if kw.get("return_id") else request.env["lotus.return.request"]
        vals = {
            "lotus_return_id": ret.id,
            "name": kw["subject"].strip(),
            "description": kw["description"],
            "category_id": category.id,
            "channel_id": channel.id if channel else False,
            "company_id": request.env.user.company_id.id,
            "partner_id": partner.id,
            "partner_name": partner.name,
            "partner_email": partner.email,
            "lotus_order_ref": (kw.get("order_ref") or "").strip()[:64],
        }
        # The portal user may not create tickets (helpdesk_mgmt's access
        # rights): created as superuser, for the logged-in customer only,
        # who becomes a follower and so sees it (helpdesk_mgmt's rule).
        ticket = request.env["helpdesk.ticket"].sudo().create(vals)
        for upload in files:
            request.env["ir.attachment"].sudo().create({
                "name": upload.filename,
                "datas": base64.b64encode(upload.read()),
                "datas_fname": upload.filename,
                "res_model": "helpdesk.ticket",
                "res_id": ticket.id,
            })
        # The same answer whether or not an order number or a return was
        # linked:
        # the page shows only what the customer already owns.
        return request.redirect("/my/ticket/%d" % ticket.id)

    @http.route("/ticket/close", type="http", auth="user", website=True,
                methods=["POST"], csrf=True)
    def support_ticket_close(self, **kw):
        portal = LotusHelpdeskPortal()
        try:
            ticket = portal._helpdesk_ticket_check_access(
                int(kw.get("ticket_id")))
            stage = request.env["helpdesk.ticket.stage"].browse(
                int(kw.get("stage_id"))).exists()
        except (AccessError, ValueError, TypeError):
            return request.not_found()
        if not stage or not stage.closed:
            return request.not_found()
        ticket.stage_id = stage
        return request.redirect("/my/ticket/%d" % ticket.id)
