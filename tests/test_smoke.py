# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The ERP answers from the outside as staff and customers reach it."""
import xmlrpc.client

from conftest import ADMIN, ANNA


def test_login_page_answers(odoo_server):
    resp = odoo_server.session().get(odoo_server.url + "/web/login")
    assert resp.status_code == 200
    assert "login" in resp.text


def test_admin_logs_in_over_jsonrpc(odoo_server):
    http = odoo_server.session(*ADMIN)
    info = odoo_server.jsonrpc(http, "/web/session/get_session_info", {})
    assert info["username"] == "admin"


def test_customer_reaches_my_account(odoo_server):
    http = odoo_server.session(*ANNA)
    resp = http.get(odoo_server.url + "/my")
    assert resp.status_code == 200
    assert "/web/login" not in resp.url
    assert "Anna" in resp.text


def test_anonymous_my_redirects_to_login(odoo_server):
    resp = odoo_server.session().get(odoo_server.url + "/my")
    assert "/web/login" in resp.url


def test_xmlrpc_reads_partners(odoo_server):
    common = xmlrpc.client.ServerProxy(odoo_server.url + "/xmlrpc/2/common")
    uid = common.authenticate(odoo_server.db, ADMIN[0], ADMIN[1], {})
    assert uid
    models = xmlrpc.client.ServerProxy(odoo_server.url + "/xmlrpc/2/object")
    partners = models.execute_kw(
        odoo_server.db, uid, ADMIN[1], "res.partner", "search_read",
        [[["email", "=", ANNA[0]]]], {"fields": ["name", "email"]})
    assert [p["name"] for p in partners] == ["Anna de Vries"]
