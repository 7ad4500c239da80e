# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo database can be explored right away.

A person who opens the demo database finds products with stock, customers
in NL, BE and DE with complete addresses, orders in every state, and the two
portal customers find their own orders, quotations and invoices in /my
(and nobody else's)."""
import re
import xmlrpc.client

import pytest

from conftest import ADMIN, ANNA, LUKAS

DEMO_MODULE = "lotus_sales"


@pytest.fixture(scope="module")
def rpc(odoo_server):
    common = xmlrpc.client.ServerProxy(odoo_server.url + "/xmlrpc/2/common")
    uid = common.authenticate(odoo_server.db, ADMIN[0], ADMIN[1], {})
    models = xmlrpc.client.ServerProxy(
        odoo_server.url + "/xmlrpc/2/object", allow_none=True)

    def call(model, method, *args, **kwargs):
        return models.execute_kw(
            odoo_server.db, uid, ADMIN[1], model, method, list(args), kwargs)
    return call


def _demo_ids(rpc, model):
    rows = rpc("ir.model.data", "search_read",
               [("module", "=", DEMO_MODULE), ("model", "=", model)],
               fields=["res_id"])
    return [row["res_id"] for row in rows]


def _orders_of(rpc, login):
    partner = rpc("res.users", "search_read", [("login", "=", login)],
                  fields=["partner_id"])[0]["partner_id"][0]
    return rpc("sale.order", "search_read", [("partner_id", "=", partner)],
               fields=["name", "state", "picking_ids", "invoice_ids"])


def test_demo_orders_cover_every_state(rpc):
    orders = rpc("sale.order", "read", _demo_ids(rpc, "sale.order"),
                 ["state", "invoice_status", "picking_ids", "invoice_ids"])
    states = {order["state"] for order in orders}
    assert states == {"draft", "sent", "sale", "done", "cancel"}
    pickings = rpc("stock.picking", "read",
                   sum((o["picking_ids"] for o in orders), []), ["state"])
    assert {"assigned", "done", "cancel"} <= {p["state"] for p in pickings}
    invoices = rpc("account.invoice", "read",
                   sum((o["invoice_ids"] for o in orders), []), ["state"])
    assert {"open", "paid"} <= {i["state"] for i in invoices}
    # confirmed and delivered, but not invoiced yet
    assert any(o["state"] == "sale" and o["invoice_status"] == "to invoice"
               and o["picking_ids"] for o in orders)


def test_demo_customers_in_nl_be_de_with_complete_addresses(rpc):
    """P1, P2: every demo customer and every address an order uses has a
    name, a street with a number, a postal code, a city and a country."""
    partners = rpc("res.partner", "read", _demo_ids(rpc, "res.partner"),
                   ["is_company", "firstname", "lastname", "street", "zip",
                    "city", "country_id", "email", "type"])
    countries = {p["country_id"][1] for p in partners if p["country_id"]}
    assert {"Netherlands", "Belgium", "Germany"} <= countries
    persons = [p for p in partners if not p["is_company"]]
    assert len(persons) >= 12
    for partner in partners:
        assert partner["street"] and re.search(r"\d", partner["street"]), partner
        assert partner["zip"] and partner["city"] and partner["country_id"], partner
        if not partner["is_company"]:
            assert partner["firstname"] and partner["lastname"], partner
        if partner["email"]:
            assert re.search(r"[@.]example\.(nl|be|de)$", partner["email"]), partner
    assert {"delivery", "invoice"} <= {p["type"] for p in partners}
    assert any(p["is_company"] for p in partners)


def test_demo_products_have_stock(rpc):
    products = rpc("product.product", "read", _demo_ids(rpc, "product.product"),
                   ["type", "qty_available", "default_code", "list_price",
                    "categ_id", "taxes_id"])
    categories = {p["categ_id"][1].split(" / ")[-1] for p in products}
    assert {"3D Printers", "Filament", "Spare parts"} <= categories
    for product in products:
        assert product["default_code"] and product["list_price"] > 0, product
        if product["type"] == "product":
            assert product["qty_available"] > 0, product


@pytest.mark.parametrize("login", [ANNA, LUKAS], ids=["anna", "lukas"])
def test_portal_customer_has_a_delivered_order(rpc, login):
    """The returns helper needs a delivered order line for each portal
    customer."""
    orders = [o for o in _orders_of(rpc, login[0]) if o["state"] in ("sale", "done")]
    pickings = rpc("stock.picking", "read",
                   sum((o["picking_ids"] for o in orders), []), ["state"])
    assert any(p["state"] == "done" for p in pickings)


def test_anna_sees_her_orders_quotes_and_invoices_in_the_portal(odoo_server, rpc):
    """P17: the portal shows the customer her own orders, quotations and
    invoices, and not another customer's."""
    anna = _orders_of(rpc, ANNA[0])
    lukas = _orders_of(rpc, LUKAS[0])
    http = odoo_server.session(*ANNA)

    page = http.get(odoo_server.url + "/my/orders").text
    confirmed = [o["name"] for o in anna if o["state"] in ("sale", "done")]
    assert len(confirmed) >= 3
    for name in confirmed:
        assert name in page
    for order in lukas:
        assert order["name"] not in page

    quotes = http.get(odoo_server.url + "/my/quotes").text
    for order in anna:
        if order["state"] == "sent":
            assert order["name"] in quotes

    invoices = rpc("account.invoice", "read",
                   sum((o["invoice_ids"] for o in anna), []), ["number"])
    assert invoices
    page = http.get(odoo_server.url + "/my/invoices").text
    for invoice in invoices:
        assert invoice["number"] in page


def _partner(rpc, email):
    return rpc("res.partner", "search", [("email", "=", email)])[0]


def test_demo_privacy_choices_with_their_proof(rpc, odoo_server):
    """P20, P28, P29: the DPO finds consents in every state with their
    proof, an objection, a restriction and open and answered requests;
    Anna sees her newsletter subscription on her privacy page."""
    newsletter = rpc("ir.model.data", "xmlid_to_res_id",
                     "lotus_gdpr.activity_newsletter")
    consents = rpc("privacy.consent", "search_read",
                   [("activity_id", "=", newsletter)],
                   fields=["partner_id", "lotus_state"])
    states = {c["partner_id"][0]: c["lotus_state"] for c in consents}
    for email, state in (
            ("anna.devries@example.nl", "given"),
            ("sanne.jansen@example.nl", "given"),
            ("daan.visser@example.nl", "pending"),
            ("pieter.bakker@makerspace-arnhem.example.nl", "withdrawn"),
            ("emma.smit@vormkracht-zwolle.example.nl", "withdrawn")):
        assert states[_partner(rpc, email)] == state, email
    events = rpc("lotus.consent.event", "search_read",
                 [("activity_id", "=", newsletter)],
                 fields=["event_type", "channel", "ip_address",
                         "consent_text"])
    assert {"given", "confirmation_sent", "confirmed", "withdrawn",
            "objection"} <= {e["event_type"] for e in events}
    given = [e for e in events if e["event_type"] == "given"]
    assert all(e["consent_text"] for e in given)
    assert any(e["ip_address"] for e in given if e["channel"] == "web")
    emma, marie = (_partner(rpc, "emma.smit@vormkracht-zwolle.example.nl"),
                   _partner(rpc, "marie.hoffmann@example.de"))
    assert rpc("res.partner", "read", [emma], ["lotus_marketing_objection"]
               )[0]["lotus_marketing_objection"]
    assert rpc("res.partner", "read", [marie], ["lotus_restricted"]
               )[0]["lotus_restricted"]
    requests = rpc("lotus.privacy.request", "search_read", [],
                   fields=["request_type", "state", "export_attachment_ids"])
    by_type = {r["request_type"]: r for r in requests}
    assert by_type["access"]["state"] == "done"
    assert len(by_type["access"]["export_attachment_ids"]) == 2
    assert by_type["erasure"]["state"] == "new"
    assert by_type["rectification"]["state"] == "in_progress"
    page = odoo_server.session(*ANNA).get(odoo_server.url + "/my/privacy")
    assert page.status_code == 200
    assert "Newsletter" in page.text
