# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two demo customers try every page of each other, through a real server."""
import xmlrpc.client

import pytest

from conftest import ANNA, LUKAS, Rpc

# (model, portal detail URLs) of the customer's own records; a model whose
# addon is not installed is skipped.
PAGES = [
    ("sale.order", ["/my/orders/%d", "/my/orders/pdf/%d"]),
    ("account.invoice", ["/my/invoices/%d", "/my/invoices/pdf/%d"]),
    ("lotus.return.request", ["/my/returns/%d"]),
    ("helpdesk.ticket", ["/my/ticket/%d", "/my/tickets/%d"]),
    ("lotus.privacy.request", ["/my/privacy/requests/%d"]),
]


def _partner_id(admin, login):
    return admin("res.users", "search_read", [["login", "=", login]],
                 fields=["partner_id"])[0]["partner_id"][0]


def _records_of(admin, model, partner_id):
    if not admin("ir.model", "search_count", [["model", "=", model]]):
        return []
    field = "partner_id"
    return admin(model, "search", [[field, "child_of", partner_id]])


@pytest.mark.parametrize("me, other", [(ANNA, LUKAS), (LUKAS, ANNA)],
                         ids=["anna-vs-lukas", "lukas-vs-anna"])
def test_customer_cannot_open_pages_of_other_customer(odoo_server, admin, me, other):
    """P17: a customer sees their own orders, invoices, returns, tickets and
    requests, and nobody else's, whatever id they put in the URL."""
    other_partner = admin("res.partner", "read", [_partner_id(admin, other[0])],
                          fields=["name", "street", "email"])[0]
    http = odoo_server.session(*me)
    tried = 0
    for model, urls in PAGES:
        for rec_id in _records_of(admin, model, other_partner["id"]):
            for url in urls:
                resp = http.get(odoo_server.url + url % rec_id)
                tried += 1
                leaked = [value for value in (other_partner["name"],
                                              other_partner["street"],
                                              other_partner["email"])
                          if value and value in resp.text]
                assert not (resp.status_code == 200 and leaked), (
                    "%s as %s shows %s" % (url % rec_id, me[0], leaked))
    assert tried, "the demo data gives the other customer no record to try"


@pytest.mark.parametrize("me, other", [(ANNA, LUKAS), (LUKAS, ANNA)],
                         ids=["anna-vs-lukas", "lukas-vs-anna"])
def test_customer_xmlrpc_reads_only_own_orders(odoo_server, admin, me, other):
    """P17: over XML-RPC a customer's login reads its own orders only."""
    rpc = Rpc(odoo_server, *me)
    mine = _partner_id(admin, me[0])
    orders = rpc("sale.order", "search_read", [], fields=["partner_id"])
    commercial = admin("res.partner", "read", [mine],
                       fields=["commercial_partner_id"])[0]["commercial_partner_id"][0]
    for order in orders:
        owner = admin("res.partner", "read", [order["partner_id"][0]],
                      fields=["commercial_partner_id"])[0]
        assert owner["commercial_partner_id"][0] == commercial
    theirs = _records_of(admin, "sale.order", _partner_id(admin, other[0]))
    if theirs:
        with pytest.raises(xmlrpc.client.Fault):
            rpc("sale.order", "read", theirs[:1], fields=["name"])


def test_portal_home_shows_everything_of_the_account(odoo_server):
    """P17: the account shows the customer's orders, invoices, returns,
    tickets, email preferences and personal data."""
    http = odoo_server.session(*ANNA)
    home = http.get(odoo_server.url + "/my").text
    for link in ("/my/orders", "/my/invoices", "/my/returns", "/my/tickets",
                 "/my/privacy", "/my/account"):
        assert 'href="%s' % link in home, link
    privacy = http.get(odoo_server.url + "/my/privacy")
    assert privacy.status_code == 200
    assert "Autoriteit Persoonsgegevens" in privacy.text
