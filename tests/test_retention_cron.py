# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The retention scheduled action, end to end: an administrator triggers
it, it plans queue_job batches, and the job runner of a real Odoo server
anonymises the expired customer."""
import time
import xmlrpc.client

import psycopg2

from conftest import ANNA


def _back_date(db, partner_id, years):
    """A customer last active ``years`` ago (the ORM always sets
    write_date to now, so the test back-dates it in the database)."""
    conn = psycopg2.connect(dbname=db)
    try:
        with conn.cursor() as cr:
            cr.execute(
                "UPDATE res_partner SET write_date = now() - %s * interval "
                "'1 year', create_date = now() - %s * interval '1 year' "
                "WHERE id = %s", (years, years, partner_id))
        conn.commit()
    finally:
        conn.close()


def _customer(admin, first, last, password=None, **vals):
    """A customer with a portal account, as the web shop creates one."""
    nl = admin("res.country", "search", [["code", "=", "NL"]])[0]
    email = "%s.%s@example.nl" % (first.lower(), last.lower())
    values = {
        "firstname": first, "lastname": last, "email": email,
        "phone": "+31 24 555 0199", "street": "Oudestraat 9",
        "zip": "6511 AA", "city": "Nijmegen", "country_id": nl,
        "customer": True}
    values.update(vals)
    partner = admin("res.partner", "create", values)
    portal = admin("ir.model.data", "xmlid_to_res_id", "base.group_portal")
    admin("res.users", "create", {
        "login": email, "partner_id": partner, "password": password or email,
        "groups_id": [[6, 0, [portal]]]}, context={"no_reset_password": True})
    return partner


def test_retention_cron_anonymises_expired_customer(odoo_server, admin):
    """P26: the scheduled action finds the customer inactive for longer than
    the term, plans a job, and the job runner anonymises the customer; the
    customers whose contact is just as old but who ordered last week,
    logged in to the portal or opened a ticket are untouched, as is a
    supplier (who also has an account), and the audit log holds counts
    only."""
    rita = _customer(admin, "Rita", "Retentiana")
    admin("res.partner", "message_post", [rita],
          body="Rita Retentiana called about her parcel")
    _back_date(odoo_server.db, rita, 10)
    # Active customers, their contact rows four years old.
    olga = _customer(admin, "Olga", "Orderdam")
    product = admin("product.product", "search",
                    [["sale_ok", "=", True], ["type", "=", "consu"]],
                    limit=1)[0]
    order = admin("sale.order", "create", {
        "partner_id": olga, "order_line": [[0, 0, {
            "product_id": product, "product_uom_qty": 1}]]})
    admin("sale.order", "action_confirm", [order])
    lars = _customer(admin, "Lars", "Loginga", password="lars-portal-1")
    tina = _customer(admin, "Tina", "Ticketveld")
    admin("helpdesk.ticket", "create", {
        "name": "Nozzle question", "description": "<p>Which nozzle?</p>",
        "partner_id": tina})
    sam = _customer(admin, "Sam", "Supplierman", supplier=True)
    for partner in (olga, lars, tina, sam):
        _back_date(odoo_server.db, partner, 4)
    # Lars logs in (the portal login is his only activity).
    assert xmlrpc.client.ServerProxy(
        odoo_server.url + "/xmlrpc/2/common").authenticate(
            odoo_server.db, "lars.loginga@example.nl", "lars-portal-1", {})
    cron = admin("ir.model.data", "xmlid_to_res_id",
                 "lotus_gdpr.ir_cron_apply_retention")
    admin("ir.cron", "method_direct_trigger", [cron])

    jobs = admin("queue.job", "search_read",
                 [["channel", "=", "root.lotus_retention"]],
                 fields=["state"])
    assert jobs, "the scheduled action planned no job"
    deadline = time.time() + 120
    while time.time() < deadline:
        partner = admin("res.partner", "read", [rita],
                        fields=["name", "email", "phone", "street",
                                "lotus_anonymized"])[0]
        if partner["lotus_anonymized"]:
            break
        time.sleep(1)
    assert partner["lotus_anonymized"], (
        "the job runner did not anonymise the customer: %s" % admin(
            "queue.job", "search_read",
            [["channel", "=", "root.lotus_retention"]],
            fields=["state", "exc_info"]))
    assert "Retentiana" not in (partner["name"] or "")
    assert not partner["email"] and not partner["phone"]
    assert not partner["street"]
    anna = admin("res.partner", "search_read", [["email", "=", ANNA[0]]],
                 fields=["name", "lotus_anonymized"])
    assert anna and not anna[0]["lotus_anonymized"]
    deadline = time.time() + 60
    while time.time() < deadline and admin(
            "queue.job", "search_count",
            [["channel", "=", "root.lotus_retention"],
             ["state", "in", ["pending", "enqueued", "started"]]]):
        time.sleep(1)
    for partner in admin("res.partner", "read", [olga, lars, tina, sam],
                         fields=["name", "lotus_anonymized",
                                 "lotus_restricted"]):
        assert not partner["lotus_anonymized"], partner["name"]
        assert not partner["lotus_restricted"], partner["name"]
        assert partner["name"] != "Anonymised"
    notes = admin("lotus.audit.log", "search_read",
                  [["action", "=", "retention_planned"]],
                  fields=["note", "record_count"])
    assert notes
    for entry in notes:
        assert "Retentiana" not in (entry["note"] or "")
        assert "rita" not in (entry["note"] or "").lower()
