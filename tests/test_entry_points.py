# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy rules hold on every entry point, not only on the portal
pages: XML-RPC and JSON-RPC calls of model methods, report URLs, the
chatter and the mail queue. Each test is an attack of a logged-in
customer, a colleague of a B2B customer or a salesperson, made from the
outside against a real server."""
import re
import xmlrpc.client

import pytest
import requests

from security_roles import ACCESS_FAULTS, Roles, csrf, fault_code


@pytest.fixture(scope="module")
def roles(odoo_server, admin):
    return Roles(odoo_server, admin)


def _audit_ids(admin):
    return set(admin("lotus.audit.log", "search", []))


def test_customer_cannot_start_retention_run(roles, admin):
    """P26: a portal customer cannot start the irreversible retention run,
    override the officer's dry-run setting or fill the job queue."""
    before_audit = _audit_ids(admin)
    before_jobs = admin("queue.job", "search_count", [])
    for role in ("anna", "colleague", "salesperson"):
        rpc = roles.rpc(role)
        assert fault_code(rpc, "lotus.retention.term", "cron_apply_retention",
                          dry_run=False, batch_size=1) in ACCESS_FAULTS, role
    assert admin("queue.job", "search_count", []) == before_jobs
    new = admin("lotus.audit.log", "read", list(
        _audit_ids(admin) - before_audit), fields=["action"])
    assert not [e for e in new if e["action"].startswith("retention")]


def test_nobody_writes_the_audit_log_from_outside(roles, admin):
    """P25: the audit log is written by the engine only: no caller, not
    even the administrator, appends an entry with a text of their own."""
    before = _audit_ids(admin)
    for rpc in (roles.rpc("anna"), roles.rpc("salesperson"), admin):
        for method in ("log", "_log", "create"):
            with pytest.raises(xmlrpc.client.Fault):
                rpc("lotus.audit.log", method, "anonymise",
                    note="forged by the caller")
    # Text passed to the engine does not reach the log (nor the proof).
    roles.rpc("colleague")(
        "res.partner", "action_object_to_marketing",
        [roles.colleague_partner], channel="forged note",
        proof={"ip_address": "forged ip", "note": "forged proof"})
    new = admin("lotus.audit.log", "read", list(_audit_ids(admin) - before),
                fields=["note", "action"])
    assert [e for e in new if e["action"] == "marketing_objection"]
    assert not [e for e in new if "forged" in (e["note"] or "")]
    events = admin("lotus.consent.event", "search_read", [
        ["partner_id", "=", roles.colleague_partner]],
        fields=["ip_address", "note", "channel"])
    assert events and not [e for e in events if "forged" in "%s" % e]


LINK_RE = re.compile(
    r"/(privacy/consent/confirm|privacy/consent/accept/\d+|"
    r"privacy/consent/reject/\d+|my/privacy/delete/confirm|"
    r"newsletter/confirm)/([A-Za-z0-9_\-]+)")


def _live_links(texts):
    return [match.group(0) for text in texts
            for match in LINK_RE.finditer(text or "")
            if match.group(2) != "__lotus_token__"]


def test_mail_queue_holds_no_live_link(odoo_server, roles, admin):
    """P17, P20, P28: the confirmation links of consents, sign-ups and
    erasure requests rest nowhere in clear: not in the mail queue, not in
    a chatter; portal customers read no mail of the queue at all, and an
    employee who renders a queued mail gets no live link either."""
    boss = roles.session("boss")
    newsletter = admin("ir.model.data", "xmlid_to_res_id",
                       "lotus_gdpr.activity_newsletter")
    url = odoo_server.url
    boss.post(url + "/my/privacy/consent", data={
        "activity_id": newsletter, "choice": "give",
        "csrf_token": csrf(boss, url + "/my/privacy")})
    boss.post(url + "/my/privacy/delete/request", data={
        "csrf_token": csrf(boss, url + "/my/privacy/delete")})
    visitor = requests.Session()
    visitor.post(url + "/newsletter/subscribe", data={
        "email": "queue-%s@example.org" % roles.colleague[0].split("@")[0],
        "csrf_token": csrf(visitor, url + "/newsletter/subscribe")})
    mails = admin("mail.mail", "search_read", [],
                  fields=["body_html", "email_to"])
    assert len([m for m in mails if LINK_RE.search(m["body_html"] or "")]) \
        >= 3, "the three confirmation mails are queued"
    assert not _live_links(m["body_html"] for m in mails)
    messages = admin("mail.message", "search_read", [], fields=["body"])
    assert not _live_links(m["body"] for m in messages)
    # A portal customer reads no queued mail, not even their own.
    for role in ("anna", "lukas", "colleague"):
        rpc = roles.rpc(role)
        assert rpc("mail.mail", "search_read", [], fields=["body_html"]) == []
        assert fault_code(rpc, "mail.mail", "read", [mails[0]["id"]],
                          fields=["body_html"]) in ACCESS_FAULTS
    # Odoo's public rendering methods give an employee the body as queued.
    sales = roles.rpc("salesperson")
    for mail in mails:
        if LINK_RE.search(mail["body_html"] or ""):
            try:
                body = sales("mail.mail", "send_get_mail_body", [mail["id"]])
            except xmlrpc.client.Fault as fault:
                assert fault.faultCode in ACCESS_FAULTS
            else:
                assert not _live_links([body])


def _report(http, server, report, ids):
    return http.get("%s/report/html/%s/%s" % (
        server.url, report, ",".join(map(str, ids))))


def test_colleague_cannot_read_or_act_on_anothers_privacy(
        odoo_server, roles, admin):
    """P28: a person's privacy data belongs to that person alone: a
    colleague of the same B2B customer opens no personal-data report of
    another contact or of the company, and objects for nobody else."""
    boss = admin("res.partner", "read", [roles.boss_partner],
                 fields=["email", "name"])[0]
    http = roles.session("colleague")
    for target in (roles.boss_partner, roles.company):
        for kind in ("html", "pdf"):
            resp = http.get("%s/report/%s/lotus_gdpr.report_personal_data/%d"
                            % (odoo_server.url, kind, target))
            assert boss["email"] not in resp.text, (kind, target)
            assert boss["name"] not in resp.text, (kind, target)
            assert resp.status_code != 200 or \
                "application/pdf" not in resp.headers.get("Content-Type", "")
    own = _report(http, odoo_server, "lotus_gdpr.report_personal_data",
                  [roles.colleague_partner])
    assert own.status_code == 200 and "Cora Collega" in own.text
    rpc = roles.rpc("colleague")
    for method in ("action_object_to_marketing",
                   "action_lift_marketing_objection"):
        for target in (roles.boss_partner, roles.company):
            assert fault_code(rpc, "res.partner", method, [target]) \
                in ACCESS_FAULTS, (method, target)
    assert not admin("res.partner", "read", [roles.boss_partner],
                     fields=["lotus_marketing_objection"])[0][
                         "lotus_marketing_objection"]


def test_chatter_links_only_attachments_the_poster_may_read(roles, admin):
    """P17: a customer who posts on their own ticket cannot link another
    customer's attachment to it (and so have it mailed to them)."""
    lukas_order = admin("sale.order", "search", [
        ["partner_id", "child_of", roles.lukas_partner]], limit=1)[0]
    secret = admin("ir.attachment", "create", {
        "name": "lukas-invoice.txt", "datas_fname": "lukas-invoice.txt",
        "datas": "THVrYXMgQmVja2VyIHNlY3JldA==",
        "res_model": "sale.order", "res_id": lukas_order})
    ticket = admin("helpdesk.ticket", "create", {
        "name": "Where is my parcel?", "description": "Anna asks",
        "partner_id": roles.anna_partner})
    anna = roles.rpc("anna")
    assert fault_code(anna, "helpdesk.ticket", "message_post", [ticket],
                      body="see attached", message_type="comment",
                      attachment_ids=[secret]) in ACCESS_FAULTS
    for model, res_id in (("res.partner", roles.anna_partner),
                          ("helpdesk.ticket", ticket)):
        assert fault_code(anna, model, "message_post", [res_id],
                          body="x", message_type="comment",
                          attachment_ids=[(4, secret)]) in ACCESS_FAULTS
    linked = admin("mail.message", "search", [
        ["attachment_ids", "in", [secret]]])
    assert linked == []
    assert admin("ir.attachment", "read", [secret],
                 fields=["res_model", "res_id"])[0]["res_id"] == lukas_order
