# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Crash safety of the retention run, proved with queue_job's own runner:
the server is killed with SIGKILL in the middle of the run, restarted,
and every record is done exactly once."""
import os
import signal
import time

import psycopg2
import pytest

from conftest import ROOT, OdooServer, Rpc, ADMIN, _free_port

TICKETS = 24
BATCH = 2


def _sql(db, query, params=None, fetch=False):
    conn = psycopg2.connect(dbname=db)
    try:
        with conn.cursor() as cr:
            cr.execute(query, params)
            rows = cr.fetchall() if fetch else None
        conn.commit()
        return rows
    finally:
        conn.close()


def _job_states(db):
    return dict(_sql(db, """
        SELECT state, count(*) FROM queue_job
         WHERE channel = 'root.lotus_retention' GROUP BY state""",
                     fetch=True))


def _wait(predicate, timeout, step=0.2):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


@pytest.fixture(scope="module")
def own_server(odoo_server):
    """The database to itself: the shared server (and its job runner) is
    stopped for this module and started again afterwards."""
    odoo_server.stop()
    server = OdooServer(odoo_server.conf, odoo_server.db, _free_port())
    server.log_path = os.path.join(ROOT, ".odoo-data", "e2e-crash.log")
    try:
        yield server
    finally:
        server.stop()
        odoo_server.start()


def test_sigkill_mid_run_every_record_once(own_server):
    """P26: a retention run survives its server being killed (SIGKILL)
    in the middle: after a restart the jobs the dead process left
    enqueued or started are requeued, every expired ticket is anonymised
    exactly once (one audit count each), none is half anonymised, none is
    skipped, and no job is left enqueued, started or failed."""
    db = own_server.db
    own_server.start()
    admin = Rpc(own_server, *ADMIN)
    done_stage = admin("ir.model.data", "xmlid_to_res_id",
                       "helpdesk_mgmt.helpdesk_ticket_stage_done")
    customer = admin("res.partner", "create", {
        "name": "Crash Klant", "email": "crash.klant@example.nl"})
    tickets = sorted(
        admin("helpdesk.ticket", "create", {
            "name": "Crash question %d" % i,
            "description": "<p>Crash Klant, Kapotstraat %d</p>" % i,
            "partner_id": customer, "stage_id": done_stage})
        for i in range(TICKETS))
    _sql(db, """UPDATE helpdesk_ticket SET closed_date = now() - interval
                '3 years' WHERE id = ANY(%s)""", (tickets,))
    _sql(db, "DELETE FROM queue_job WHERE channel = 'root.lotus_retention'")
    admin("ir.config_parameter", "set_param",
          "lotus_gdpr.retention_batch_size", str(BATCH))
    first_log = _sql(db, "SELECT coalesce(max(id), 0) FROM lotus_audit_log",
                     fetch=True)[0][0]

    # Hold the rows of one batch: its job starts and then waits, so that
    # the kill surely finds a job started (and others enqueued/pending).
    holder = psycopg2.connect(dbname=db)
    held = tickets[6:8]
    with holder.cursor() as cr:
        cr.execute("SELECT id FROM helpdesk_ticket WHERE id = ANY(%s) "
                   "FOR UPDATE", (held,))
    try:
        cron = admin("ir.model.data", "xmlid_to_res_id",
                     "lotus_gdpr.ir_cron_apply_retention")
        admin("ir.cron", "method_direct_trigger", [cron])
        planned = sum(_job_states(db).values())
        assert planned >= TICKETS // BATCH

        def mid_run():
            states = _job_states(db)
            return states.get("done", 0) >= 2 and states.get("started")
        assert _wait(mid_run, 90), _job_states(db)
        os.kill(own_server.proc.pid, signal.SIGKILL)
        own_server.proc.wait()
        before = _job_states(db)
    finally:
        holder.rollback()
        holder.close()
    assert before.get("started"), before
    assert before.get("done", 0) < planned, before
    # The dead server's database sessions end (the waiting one once the
    # rows are free): nothing of their transactions stays.
    assert _wait(lambda: not _sql(db, """
        SELECT 1 FROM pg_locks WHERE locktype = 'advisory'
           AND classid = 106701""", fetch=True), 30)

    own_server.stop()
    own_server.start()

    def finished():
        states = _job_states(db)
        return set(states) == {"done"} and states
    if not _wait(finished, 150, step=1):
        with open(own_server.log_path) as log:
            text = log.read()
        # The first error says why; what follows often only repeats it.
        first = text.find(" ERROR ")
        pytest.fail("jobs %s; sessions %s; first error in the log: %s; "
                    "end of the log: %s" % (
                        _job_states(db), _sql(db, """
                SELECT pid, state, wait_event_type, left(query, 80)
                  FROM pg_stat_activity WHERE datname = %s""", (db,),
                                              fetch=True),
                        text[first:first + 4000] if first >= 0 else "none",
                        text[-1500:]))

    rows = _sql(db, """
        SELECT id, lotus_anonymized, name, partner_email, description
          FROM helpdesk_ticket WHERE id = ANY(%s)""", (tickets,), fetch=True)
    assert len(rows) == TICKETS
    for ticket_id, anonymized, name, email, description in rows:
        assert anonymized, ticket_id
        assert name == "Anonymised" and not email, ticket_id
        assert "Kapotstraat" not in (description or ""), ticket_id
    # Exactly once: the audit counts of the anonymised tickets add up.
    counts = _sql(db, """
        SELECT coalesce(sum(record_count), 0) FROM lotus_audit_log
         WHERE id > %s AND action = 'anonymise'
           AND res_model = 'helpdesk.ticket'""", (first_log,), fetch=True)
    assert counts[0][0] == TICKETS
