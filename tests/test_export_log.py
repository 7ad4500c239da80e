# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Staff exports of personal data through a real server (XML-RPC)."""
import uuid
import xmlrpc.client

import pytest

from conftest import Rpc


def _user(admin, groups):
    login = "lt_export_%s" % uuid.uuid4().hex[:8]
    group_ids = [admin("ir.model.data", "xmlid_to_res_id", xmlid)
                 for xmlid in groups]
    admin("res.users", "create", {
        "name": "Export test %s" % login, "login": login,
        "password": "export-pw-1", "groups_id": [(6, 0, group_ids)]},
        context={"no_reset_password": True})
    return login, "export-pw-1"


@pytest.fixture(scope="module")
def limit(admin):
    """A small export limit for the test, the old one back afterwards."""
    Param = "ir.config_parameter"
    old = admin(Param, "get_param", "lotus_gdpr.export_limit")
    admin(Param, "set_param", "lotus_gdpr.export_limit", "3")
    yield 3
    admin(Param, "set_param", "lotus_gdpr.export_limit", old or "100")


def _export_logs(admin, login, action="export"):
    uid = admin("res.users", "search", [["login", "=", login]])[0]
    return admin("lotus.audit.log", "search_read",
                 [["action", "=", action], ["user_id", "=", uid]],
                 fields=["res_model", "record_count", "field_names", "note"])


def test_personal_export_is_logged_and_limited(odoo_server, admin, limit):
    """P24: an employee's export of personal fields over RPC is written to
    the audit log (who, model, how many, which fields, no values); more
    records than the limit need the privacy user group."""
    salesman = _user(admin, ["sales_team.group_sale_salesman",
                             "base.group_partner_manager"])
    rpc = Rpc(odoo_server, *salesman)
    ids = rpc("res.partner", "search", [["customer", "=", True],
                                        ["email", "!=", False]], limit=3)
    assert len(ids) == 3
    rows = rpc("res.partner", "export_data", ids, ["name", "email"])
    assert len(rows["datas"]) == 3
    logs = _export_logs(admin, salesman[0])
    assert len(logs) == 1
    assert logs[0]["res_model"] == "res.partner"
    assert logs[0]["record_count"] == 3
    assert logs[0]["field_names"] == "email, name"
    exported = " ".join(str(value) for row in rows["datas"] for value in row)
    for value in (row[1] for row in rows["datas"]):
        assert value not in "%s %s" % (logs[0]["field_names"], logs[0]["note"])
    assert exported
    # One more than the limit: refused, and nothing logged
    more = rpc("res.partner", "search", [["customer", "=", True]], limit=4)
    with pytest.raises(xmlrpc.client.Fault) as refused:
        rpc("res.partner", "export_data", more, ["name", "email"])
    assert "Privacy User" in refused.value.faultString
    assert len(_export_logs(admin, salesman[0])) == 1
    # Columns without personal data are neither limited nor logged
    rpc("res.partner", "export_data", more, ["id", "customer"])
    assert len(_export_logs(admin, salesman[0])) == 1
    # A privacy user may export more, logged all the same
    privacy = _user(admin, ["base.group_user", "base.group_partner_manager",
                            "lotus_gdpr.group_privacy_user"])
    rpc = Rpc(odoo_server, *privacy)
    rows = rpc("res.partner", "export_data", more, ["name", "email"])
    assert len(rows["datas"]) == 4
    assert _export_logs(admin, privacy[0])[0]["record_count"] == 4


def test_bulk_read_of_personal_data_is_logged(odoo_server, admin, limit):
    """P24: reading personal fields of more records than the limit at once
    (search_read or read over RPC, a list set to show more) copies them
    as an export does: it is in the audit log (who, model, how many, which
    fields; no values). Fewer records, fields without personal data, or
    the ORM reading for its own code are not logged."""
    salesman = _user(admin, ["sales_team.group_sale_salesman",
                             "base.group_partner_manager"])
    rpc = Rpc(odoo_server, *salesman)
    domain = [["customer", "=", True], ["email", "!=", False]]
    rows = rpc("res.partner", "search_read", domain, ["name", "email"],
               limit=4)
    assert len(rows) == 4
    logs = _export_logs(admin, salesman[0], "bulk_read")
    assert len(logs) == 1
    assert logs[0]["res_model"] == "res.partner"
    assert logs[0]["record_count"] == 4
    assert logs[0]["field_names"] == "email, name"
    for row in rows:
        assert row["email"] not in logs[0]["note"]
        assert row["name"] not in logs[0]["note"]
    rpc("res.partner", "read", [row["id"] for row in rows], ["email"])
    assert len(_export_logs(admin, salesman[0], "bulk_read")) == 2
    rpc("res.partner", "search_read", domain, ["name", "email"], limit=3)
    rpc("res.partner", "search_read", domain, ["customer"], limit=4)
    # The ORM's own reads (its prefetch, here under an export of columns
    # without personal data) copy nothing out: not logged.
    rpc("res.partner", "export_data", [row["id"] for row in rows],
        ["id", "customer"])
    assert len(_export_logs(admin, salesman[0], "bulk_read")) == 2
