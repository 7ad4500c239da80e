# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import NotFound

from odoo import _
from odoo.exceptions import AccessError
from odoo.http import request, route

from odoo.addons.account.controllers.portal import PortalAccount
from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.sale.controllers.portal import \
    CustomerPortal as SaleCustomerPortal

from ..tools import contains_card_number


class LotusCustomerPortal(CustomerPortal):
    """"My details" asks for first and family name (P1) and a complete
    address with house number and postal code (P2); company name stays
    optional. A form that still posts one ``name`` keeps working."""

    MANDATORY_BILLING_FIELDS = [
        "firstname", "lastname", "phone", "email", "street", "zipcode",
        "city", "country_id",
    ]
    OPTIONAL_BILLING_FIELDS = ["state_id", "vat", "company_name"]

    @route()
    def account(self, redirect=None, **post):
        if post and post.get("name") and not (
                post.get("firstname") or post.get("lastname")):
            # an older form (or a script) that posts the full name only
            Partner = request.env["res.partner"]
            parts = Partner._get_inverse_name(
                Partner._get_whitespace_cleaned_name(post["name"]))
            post["firstname"] = parts["firstname"] or ""
            post["lastname"] = parts["lastname"] or ""
        post.pop("name", None)
        return super(LotusCustomerPortal, self).account(
            redirect=redirect, **post)

    def details_form_validate(self, data):
        error, error_message = super(
            LotusCustomerPortal, self).details_form_validate(data)
        street = data.get("street") or ""
        if street and not any(char.isdigit() for char in street):
            error["street"] = "error"
            error_message.append(_(
                "Please add your house number to the street."))
        if any(contains_card_number(value) for value in data.values()
               if isinstance(value, str)):
            error["common"] = "error"
            error_message.append(_(
                "Please do not enter payment card numbers: you pay safely "
                "through PayPal or MultiSafepay at checkout."))
        return error, error_message


# ----------------------------------------------------------------------
# Orders and invoices of others (P17). The checks override those of
# sale's and account's portal controllers, from subclasses of these:
# overridden from the portal base they lost to sale's own check where
# no other addon of ours ordered the classes (lotus_sales alone).
# ----------------------------------------------------------------------
def _lotus_check_document(model, record_id, check, access_token):
    """Odoo 11 answers a customer who changes the id in
    ``/my/orders/<id>`` or ``/my/invoices/<id>`` with a redirect for
    another customer's document and a server error for one that does
    not exist. Both are a 404 here, the same page, so that nobody
    learns which numbers exist. A visitor who is not logged in is
    still sent to the login page, and a valid ``access_token`` (a link
    the shop shared) still opens the document."""
    try:
        if not request.env[model].sudo().browse(record_id).exists():
            raise AccessError(_("You are not allowed to see this "
                                "document."))
        return check(record_id, access_token=access_token)
    except AccessError:
        if request.env.user._is_public():
            raise
        raise NotFound()


class LotusSaleOrderAccess(SaleCustomerPortal):

    def _order_check_access(self, order_id, access_token=None):
        return _lotus_check_document(
            "sale.order", order_id,
            super(LotusSaleOrderAccess, self)._order_check_access,
            access_token)


class LotusInvoiceAccess(PortalAccount):

    def _invoice_check_access(self, invoice_id, access_token=None):
        return _lotus_check_document(
            "account.invoice", invoice_id,
            super(LotusInvoiceAccess, self)._invoice_check_access,
            access_token)
