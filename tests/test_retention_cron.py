# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The retention scheduled action, end to end: an administrator triggers
it, it plans queue_job batches, and the job runner of a real Odoo server
anonymises the expired customer."""
import time

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


def test_retention_cron_anonymises_expired_customer(odoo_server, admin):
    """P26: the scheduled action finds the customer inactive for longer than
    the term, plans a job, and the job runner anonymises the customer; an
    active customer is untouched and the audit log holds counts only."""
    nl = admin("res.country", "search", [["code", "=", "NL"]])[0]
    rita = admin("res.partner", "create", {
        "firstname": "Rita", "lastname": "Retentiana",
        "email": "rita.retentiana@example.nl", "phone": "+31 24 555 0199",
        "street": "Oudestraat 9", "zip": "6511 AA", "city": "Nijmegen",
        "country_id": nl, "customer": True,
    })
    admin("res.partner", "message_post", [rita],
          body="Rita Retentiana called about her parcel")
    _back_date(odoo_server.db, rita, 10)
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
    notes = admin("lotus.audit.log", "search_read",
                  [["action", "=", "retention_planned"]],
                  fields=["note", "record_count"])
    assert notes
    for entry in notes:
        assert "Retentiana" not in (entry["note"] or "")
        assert "rita" not in (entry["note"] or "").lower()
