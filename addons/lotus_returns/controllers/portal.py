# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Returns in the customer portal (P9, P17).

Every route finds the logged-in customer's own order or return first and
answers 404 for anything else: a customer can neither see nor create a
return on another customer's order."""
import math

from werkzeug.exceptions import NotFound
from werkzeug.urls import url_encode

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError, \
    ValidationError
from odoo.http import request
from odoo.addons.portal.controllers.portal import CustomerPortal, \
    pager as portal_pager


class LotusReturnsPortal(CustomerPortal):

    def _lotus_return_domain(self):
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", [partner.id])]

    def _prepare_portal_layout_values(self):
        values = super(
            LotusReturnsPortal, self)._prepare_portal_layout_values()
        values["return_count"] = request.env[
            "lotus.return.request"].search_count(self._lotus_return_domain())
        return values

    def _lotus_return_check_access(self, return_id):
        """The return, in sudo, if the logged-in user may read it."""
        rec = request.env["lotus.return.request"].browse(return_id)
        try:
            rec.check_access_rights("read")
            rec.check_access_rule("read")
            if not rec.exists():
                raise MissingError(_("This return does not exist."))
        except (AccessError, MissingError):
            raise NotFound()
        rec_sudo = rec.sudo()
        own = request.env.user.partner_id.commercial_partner_id
        if rec_sudo.partner_id.commercial_partner_id != own:
            raise NotFound()
        return rec_sudo

    def _lotus_order_check_access(self, order_id):
        """The order, in sudo, if the logged-in user is its customer."""
        order = request.env["sale.order"].sudo().browse(order_id).exists()
        own = request.env.user.partner_id.commercial_partner_id
        if not order or order.partner_id.commercial_partner_id != own:
            raise NotFound()
        return order

    @http.route(["/my/returns", "/my/returns/page/<int:page>"],
                type="http", auth="user", website=True)
    def portal_my_returns(self, page=1, sortby=None, filterby=None, **kw):
        values = self._prepare_portal_layout_values()
        Return = request.env["lotus.return.request"]
        domain = self._lotus_return_domain()
        searchbar_sortings = {
            "date": {"label": _("Newest"),
                     "order": "date_request desc, id desc"},
            "name": {"label": _("Return number"), "order": "name desc"},
            "state": {"label": _("Status"), "order": "state"},
        }
        searchbar_filters = {
            "all": {"label": _("All"), "domain": []},
            "open": {"label": _("In progress"), "domain": [
                ("state", "in", ("requested", "approved", "received"))]},
            "closed": {"label": _("Closed"), "domain": [
                ("state", "in", ("done", "rejected", "cancel"))]},
        }
        sortby = sortby if sortby in searchbar_sortings else "date"
        filterby = filterby if filterby in searchbar_filters else "all"
        domain = domain + searchbar_filters[filterby]["domain"]
        count = Return.search_count(domain)
        pager = portal_pager(
            url="/my/returns",
            url_args={"sortby": sortby, "filterby": filterby},
            total=count, page=page, step=self._items_per_page)
        returns = Return.search(
            domain, order=searchbar_sortings[sortby]["order"],
            limit=self._items_per_page, offset=pager["offset"])
        values.update({
            "returns": returns.sudo(),
            "page_name": "return",
            "pager": pager,
            "default_url": "/my/returns",
            "searchbar_sortings": searchbar_sortings,
            "sortby": sortby,
            "searchbar_filters": searchbar_filters,
            "filterby": filterby,
        })
        return request.render("lotus_returns.portal_my_returns", values)

    @http.route(["/my/returns/<int:return_id>"], type="http", auth="user",
                website=True)
    def portal_return_page(self, return_id, **kw):
        rec = self._lotus_return_check_access(return_id)
        values = self._prepare_portal_layout_values()
        values.update({
            "lotus_return": rec,
            "page_name": "return",
            "success": kw.get("success"),
        })
        return request.render("lotus_returns.portal_return_page", values)

    def _lotus_return_form_values(self, order, **kw):
        Return = request.env["lotus.return.request"].sudo()
        lines = order.order_line.filtered(
            lambda l: l.product_id.type in ("product", "consu"))
        returnable = lines._lotus_returnable_qty()
        values = self._prepare_portal_layout_values()
        values.update({
            "order": order,
            "sales_order": order,
            "page_name": "return",
            "return_lines": [(line, returnable.get(line.id, 0.0))
                             for line in lines
                             if returnable.get(line.id, 0.0) > 0],
            "reasons": Return._lotus_allowed_reasons(order),
            "resolutions": Return._fields["resolution"].selection,
            "probe": Return.new({"order_id": order.id}),
            "error": kw.get("error"),
            "posted": kw.get("posted") or {},
        })
        return values

    @http.route(["/my/orders/<int:order_id>/return"], type="http",
                auth="user", website=True, methods=["GET"])
    def portal_return_form(self, order_id, error=None, **kw):
        order = self._lotus_order_check_access(order_id)
        values = self._lotus_return_form_values(order, error=error)
        return request.render("lotus_returns.portal_return_form", values)

    @http.route(["/my/orders/<int:order_id>/return"], type="http",
                auth="user", website=True, methods=["POST"])
    def portal_return_post(self, order_id, **post):
        order = self._lotus_order_check_access(order_id)
        Return = request.env["lotus.return.request"].sudo()
        error = None
        quantities = {}
        for key, value in post.items():
            if not key.startswith("qty_") or not (value or "").strip():
                continue
            try:
                qty = float(value.replace(",", "."))
                if not math.isfinite(qty):  # "nan", "inf" parse as floats
                    raise ValueError(value)
                quantities[int(key[4:])] = qty
            except ValueError:
                error = _("Enter the quantities as numbers.")
        reason = post.get("reason")
        # The model refuses a reason outside its period with the date the
        # period ended; here only an unknown value is stopped.
        if not error and reason not in dict(
                Return._fields["reason"].selection):
            error = _("Choose one of the reasons offered.")
        if not error:
            # Everything is checked before anything is written; an
            # unexpected error later rolls the whole request back.
            try:
                vals = Return._lotus_portal_prepare(
                    order, quantities, reason, post.get("resolution"),
                    reason_other=post.get("reason_other"),
                    comment=post.get("comment"))
            except (UserError, ValidationError) as exc:
                error = exc.name
            else:
                rec = Return._lotus_portal_submit(
                    vals, author=request.env.user.partner_id)
                return request.redirect("/my/returns/%s?success=1" % rec.id)
        # Post/redirect/get: the form shows the error, nothing was created.
        return request.redirect("/my/orders/%s/return?%s" % (
            order.id, url_encode({"error": error})))
