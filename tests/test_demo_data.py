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
