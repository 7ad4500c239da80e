# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who may call what from the outside: the allow-list of the registry walk
(``tests/test_rpc_registry.py``).

Every public method (no leading underscore) that the four addons define on
a model, and every report they ship, is an entry point: Odoo answers it
through ``/web/dataset/call_kw``, JSON-RPC and XML-RPC, or as
``/report/html|pdf/<report>/<ids>``. The walk calls each of them as a
portal customer, a colleague of a B2B customer, a salesperson and an
anonymous visitor, and expects an access refusal (``AccessError`` or
``AccessDenied``) unless this list allows that outsider.

One entry per method or report::

    ("<model>", "<method>"): Allow({<roles>}, "<why, and where it is checked>"),
    ("<model>", "<method>"): Allow({<roles>}, "<why>", own=True),
    ("report", "<report_name>"): Allow({<roles>}, "<why>", own=True),

``<model>`` ``"*"`` covers the method on every model (Odoo's own API that
our addons extend: the ORM's access rights and record rules decide).
Roles: ``PORTAL`` (a customer with a portal login), ``COLLEAGUE`` (a
contact of a B2B customer, portal login), ``SALES`` (a salesperson,
group Sales / User: Own Documents Only), ``ANONYMOUS`` (no session);
``OUTSIDERS`` is all four. An allowed outsider is not called by the walk
(the test of the method's own feature proves what it does for them),
except with ``own=True``: allowed on the caller's own records only, so the
walk calls it on another customer's record and expects a refusal. A new
public method fails the walk until it is refused or has an entry here;
make it private (``_name``) when nobody outside should call it.
"""
from collections import namedtuple

PORTAL, COLLEAGUE, SALES, ANONYMOUS = "portal", "colleague", "sales", \
    "anonymous"
CUSTOMERS = frozenset({PORTAL, COLLEAGUE})
OUTSIDERS = frozenset({PORTAL, COLLEAGUE, SALES, ANONYMOUS})
LOGGED_IN = frozenset({PORTAL, COLLEAGUE, SALES})

Allow = namedtuple("Allow", "roles why own", defaults=(False,))

ORM = ("Odoo's ORM method, extended by our addons: the access rights "
       "(security/ir.model.access.csv) and record rules decide, before our "
       "override changes anything")

ALLOW = {
    # ---------------------------------------------------- Odoo's own API
    ("*", "create"): Allow(LOGGED_IN, ORM),
    ("*", "write"): Allow(LOGGED_IN, ORM),
    ("*", "unlink"): Allow(LOGGED_IN, ORM),
    ("*", "name_get"): Allow(LOGGED_IN, ORM),
    ("*", "read_group"): Allow(LOGGED_IN, ORM),
    ("*", "init"): Allow(
        LOGGED_IN, "Odoo's schema hook (@api.model_cr): idempotent "
        "CREATE INDEX IF NOT EXISTS / CREATE OR REPLACE VIEW, no data"),
    ("*", "message_post"): Allow(
        LOGGED_IN, "the chatter: Odoo checks that the poster may read the "
        "record (mail.message create rights), lotus_gdpr's mail.thread "
        "checks every linked attachment (ir.attachment.check('read'))"),
    ("*", "message_new"): Allow(
        LOGGED_IN, "the mail gateway's hook; over RPC Odoo's create() "
        "access rights of the model decide"),
    ("*", "message_update"): Allow(
        LOGGED_IN, "the mail gateway's hook; over RPC the write() access "
        "rights and record rules of the model decide"),
    ("mail.mail", "send_get_mail_body"): Allow(
        {SALES}, "Odoo renders a queued mail for employees; lotus_gdpr "
        "renders it as queued, without a live link (mail_mail.py); portal "
        "users read no queued mail (rule_mail_mail_portal)"),
    ("sale.order", "action_confirm"): Allow(
        {SALES}, "a salesperson confirms the orders the sale.order rules "
        "let them write; P1/P2 address check in lotus_sales"),
    ("account.invoice", "action_invoice_open"): Allow(
        {SALES}, "Odoo's invoice validation: the account.invoice access "
        "rights and rules decide; lotus_sales checks the P2 address first"),
    ("*", "export_data"): Allow(
        LOGGED_IN, ORM + "; lotus_gdpr's base.export_data logs an export of "
        "personal fields and refuses a large one without the Privacy User "
        "group (P24)"),
    ("*", "read"): Allow(
        LOGGED_IN, ORM + "; lotus_gdpr's base.read logs an employee's read "
        "of personal fields of more records than the export limit at once "
        "(P24)"),
    ("delivery.carrier", "lotus_rate_shipment"): Allow(
        LOGGED_IN, "Odoo's rate hook of the Carrier API type (called as "
        "<delivery_type>_rate_shipment): the fixed price, nothing leaves; "
        "the caller's read access to the order is checked first"),
    ("delivery.carrier", "lotus_get_tracking_link"): Allow(
        LOGGED_IN, "Odoo's tracking hook of the Carrier API type: returns "
        "no link and reads nothing"),
    # ----------------------------------------------------------- lotus_gdpr
    ("res.partner", "action_object_to_marketing"): Allow(
        CUSTOMERS, "P29: a customer objects for themselves only, never for "
        "a colleague (res.partner._lotus_check_privacy_user(allow_self)); "
        "their proof and channel are the engine's, not the caller's",
        own=True),
    ("res.partner", "action_lift_marketing_objection"): Allow(
        CUSTOMERS, "a customer lifts their own objection only "
        "(_lotus_check_privacy_user(allow_self))", own=True),
    ("res.partner", "action_lotus_restriction_wizard"): Allow(
        LOGGED_IN, "returns a window action and does nothing else; the "
        "wizard's model is for privacy users only (access rights)"),
    ("res.partner", "action_lotus_view_disclosures"): Allow(
        LOGGED_IN, "returns a window action on disclosures (read through "
        "its own access rights and rules: privacy users, employees see "
        "their flows' own)"),
    ("lotus.privacy.recipient", "action_view_disclosures"): Allow(
        LOGGED_IN, "returns a window action; recipients and disclosures are "
        "read through their access rights (employees)"),
    ("sale.order", "action_lotus_view_disclosures"): Allow(
        LOGGED_IN, "returns a window action; the disclosures' access rights "
        "decide what it shows"),
    ("stock.picking", "action_lotus_view_disclosures"): Allow(
        LOGGED_IN, "returns a window action; the disclosures' access rights "
        "decide what it shows"),
    ("lotus.privacy.disclosure", "record_disclosure"): Allow(
        {SALES}, "the flows of employees record what leaves the system "
        "(a delivery validated, a payment); it refuses portal users and "
        "visitors, and unregistered recipients and purposes for everyone"),
    # -------------------------------------------------------- lotus_returns
    ("sale.order", "action_view_lotus_returns"): Allow(
        LOGGED_IN, "returns a window action on the returns of an order the "
        "caller can read; lotus.return.request rules decide what it shows"),
    ("lotus.return.request", "action_view_helpdesk_tickets"): Allow(
        LOGGED_IN, "returns a window action; helpdesk.ticket rules decide"),
    ("sale.order", "action_view_helpdesk_tickets"): Allow(
        LOGGED_IN, "returns a window action; helpdesk.ticket rules decide"),
    # ------------------------------------------------------------- reports
    ("report", "lotus_gdpr.report_personal_data"): Allow(
        CUSTOMERS, "the customer's own export only: the report calls "
        "res.partner._lotus_export_personal_data(), which allows the "
        "person themselves and privacy users, never a colleague", own=True),
}


def allowed(model, method, role):
    """The entry allowing ``role`` to call ``model.method`` (or report), or
    None."""
    for key in ((model, method), ("*", method)):
        entry = ALLOW.get(key)
        if entry is not None:
            return entry if role in entry.roles else None
    return None
