# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The smaller holes of the entry-point review, each tried from the
outside against a real server: a context key that granted rights, reasons
the subject should not read, the erasure's clean-up of copies, wildcards in
addresses, analytics on pages with a secret, the export, rate limits, the
salesperson's returns and bad input that answered 500."""
import json
import xmlrpc.client

import pytest
import requests

from security_roles import ACCESS_FAULTS, Roles, csrf, fault_code


@pytest.fixture(scope="module")
def roles(odoo_server, admin):
    return Roles(odoo_server, admin)


def test_engine_context_key_grants_nothing(roles, admin):
    """P21: the privacy engine's context key unlocks nothing for a caller
    who sends it: the restriction stays, the personal data stays frozen."""
    target = admin("res.partner", "create", {
        "name": "Rena Restricted", "email": "rena-%s@example.org"
        % roles.stamp})
    admin("res.partner", "action_restrict", [target], "accuracy contested")
    sales = roles.rpc("salesperson")
    ctx = {"lotus_privacy_engine": True}
    for vals in ({"lotus_restricted": False}, {"email": "x@example.org"},
                 {"lotus_legal_hold": True}):
        with pytest.raises(xmlrpc.client.Fault):
            sales("res.partner", "write", [target], vals, context=ctx)
    after = admin("res.partner", "read", [target],
                  fields=["lotus_restricted", "email", "lotus_legal_hold"])[0]
    assert after["lotus_restricted"] and not after["lotus_legal_hold"]
    assert after["email"].startswith("rena-")


def test_hold_and_restriction_reasons_hidden_from_the_subject(
        odoo_server, roles, admin):
    """P28: the officer's legal-hold and restriction reasons (which may
    name an investigation) reach neither the customer's deletion page nor
    their RPC reads; the customer sees that data is kept, not why."""
    hold, why = "fraud investigation FR-%s" % roles.stamp, \
        "police case PC-%s" % roles.stamp
    admin("res.partner", "write", [roles.colleague_partner], {
        "lotus_legal_hold": True, "lotus_legal_hold_reason": hold})
    admin("res.partner", "action_restrict", [roles.colleague_partner], why)
    try:
        page = roles.session("colleague").get(
            odoo_server.url + "/my/privacy/delete")
        assert page.status_code == 200
        assert hold not in page.text and why not in page.text
        assert "legal hold" in page.text
        rpc = roles.rpc("colleague")
        for name in ("lotus_legal_hold_reason", "lotus_restriction_reason"):
            assert fault_code(rpc, "res.partner", "read",
                              [roles.colleague_partner],
                              fields=[name]) in ACCESS_FAULTS
        readable = rpc("res.partner", "fields_get", attributes=["type"])
        assert "lotus_legal_hold_reason" not in readable
        assert "lotus_restriction_reason" not in readable
    finally:
        admin("res.partner", "write", [roles.colleague_partner], {
            "lotus_legal_hold": False, "lotus_legal_hold_reason": False})
        admin("res.partner", "action_lift_restriction",
              [roles.colleague_partner], "test over")


def _queued_mail(admin, email_to, body):
    return admin("mail.mail", "create", {
        "email_to": email_to, "subject": "Your order",
        "body_html": "<p>%s</p>" % body, "state": "exception"})


def test_erasure_cleans_only_the_addresses_of_the_request(roles, admin):
    """P28: the erasure cleans the copies of the addresses the customer had
    when asking, exactly: a customer who then changes the address to
    someone else's does not blank their mail or newsletter contact, nor
    does an address that merely contains the customer's."""
    stamp = roles.stamp
    own = "eve-%s@example.org" % stamp
    victim = "victim-%s@example.org" % stamp
    longer = "steve-%s@example.org" % stamp  # holds "eve-..." inside
    eve = admin("res.partner", "create", {"name": "Eve Erased", "email": own})
    own_mail = _queued_mail(admin, own, "Dear Eve")
    victim_mail = _queued_mail(admin, victim, "Dear Victor")
    longer_mail = _queued_mail(admin, "Steve <%s>" % longer, "Dear Steve")
    contact = admin("mail.mass_mailing.contact", "create", {
        "name": "Victor", "email": victim})
    request = admin("lotus.privacy.request", "create", {
        "partner_id": eve, "request_type": "erasure",
        "verification_method": "known_email"})
    # Before staff process it, the account's address becomes the victim's.
    admin("res.partner", "write", [eve], {"email": victim})
    admin("lotus.privacy.request", "action_verify", [request])
    admin("lotus.privacy.request", "action_process", [request])
    mails = {m["id"]: m for m in admin(
        "mail.mail", "read", [own_mail, victim_mail, longer_mail],
        fields=["body_html"])}
    assert "Dear Eve" not in (mails[own_mail]["body_html"] or "")
    assert "Dear Victor" in mails[victim_mail]["body_html"]
    assert "Dear Steve" in mails[longer_mail]["body_html"]
    assert admin("mail.mass_mailing.contact", "search",
                 [["id", "=", contact]])


def test_objection_matches_addresses_without_wildcards(roles, admin):
    """P29: an objection opts out the newsletter contacts of the
    customer's own address only: "_" in an address is not a wildcard."""
    stamp = roles.stamp
    mine = "j_smith-%s@example.org" % stamp
    other = "j.smith-%s@example.org" % stamp
    partner = admin("res.partner", "create", {"name": "J Smith",
                                              "email": mine})
    own = admin("mail.mass_mailing.contact", "create", {
        "name": "J Smith", "email": mine})
    theirs = admin("mail.mass_mailing.contact", "create", {
        "name": "J. Smith", "email": other})
    admin("res.partner", "action_object_to_marketing", [partner])
    opted = {c["id"]: c["opt_out"] for c in admin(
        "mail.mass_mailing.contact", "read", [own, theirs],
        fields=["opt_out"])}
    assert opted == {own: True, theirs: False}


def test_no_analytics_on_pages_with_a_secret(odoo_server, admin):
    """P16: pages whose address carries a confirmation secret never load
    Google Analytics, even after the visitor accepted it."""
    admin("ir.config_parameter", "set_param",
          "lotus_gdpr.google_analytics_key", "UA-1234567-1")
    try:
        http = requests.Session()
        http.cookies.set("lotus_cookie_consent", "accepted")
        plain = http.get(odoo_server.url + "/newsletter/subscribe")
        assert "googletagmanager" in plain.text
        for path in ("/newsletter/confirm/%s", "/my/privacy/delete/confirm/%s",
                     "/privacy/consent/confirm/%s"):
            page = http.get(odoo_server.url + path % ("s3cr3t" * 6))
            assert "googletagmanager" not in page.text, path
            assert "gtag(" not in page.text, path
    finally:
        admin("ir.config_parameter", "set_param",
              "lotus_gdpr.google_analytics_key", "")


def test_export_leaves_out_staff_notes_and_others_records(
        odoo_server, roles, admin):
    """P28: the customer's export holds their own messages, not the
    internal notes of staff nor messages on other people's records."""
    me = roles.colleague_partner
    admin("res.partner", "message_post", [me],
          body="Hello Cora, your account is ready", message_type="comment",
          subtype="mail.mt_comment")
    admin("res.partner", "message_post", [me],
          body="Staff only: Cora sounded angry", message_type="comment",
          subtype="mail.mt_note")
    admin("res.partner", "message_post", [roles.boss_partner],
          body="About Bert: salary talk", message_type="comment",
          subtype="mail.mt_comment", partner_ids=[me])
    http = roles.session("colleague")
    export = http.get(odoo_server.url + "/my/privacy/export.json")
    assert export.status_code == 200
    text = json.dumps(export.json())
    assert "your account is ready" in text
    assert "sounded angry" not in text
    assert "salary talk" not in text


def test_rate_limits_stop_mail_bombing(odoo_server, roles, admin):
    """P20, P28: the sign-up page sends no more than a few mails per
    visitor, whatever the number of addresses, and a customer's repeated
    "Delete my account" sends one confirmation mail, not one per click."""
    url = odoo_server.url
    before = admin("lotus.newsletter.signup", "search_count",
                   [["mail_sent", "=", True]])
    visitor = requests.Session()
    for i in range(8):
        visitor.post(url + "/newsletter/subscribe", data={
            "email": "bomb-%d-%s@example.org" % (i, roles.stamp),
            "csrf_token": csrf(visitor, url + "/newsletter/subscribe")})
    sent = admin("lotus.newsletter.signup", "search_count",
                 [["mail_sent", "=", True]]) - before
    assert sent <= 5
    http = roles.session("colleague")
    email = roles.colleague[0]
    for _i in range(3):
        resp = http.post(url + "/my/privacy/delete/request", data={
            "csrf_token": csrf(http, url + "/my/privacy/delete")})
        assert resp.status_code == 200
    assert admin("mail.mail", "search_count", [
        ["email_to", "ilike", email],
        ["body_html", "ilike", "/my/privacy/delete/confirm/"]]) == 1


def test_salesperson_sees_returns_of_own_orders_only(roles, admin):
    """P17: a salesperson ("own documents only") reads the returns of
    their own orders, not those of every salesperson."""
    returns = admin("lotus.return.request", "search_read", [],
                    fields=["order_id"])
    assert returns, "the demo data has returns"
    users = {o["id"]: o["user_id"] for o in admin(
        "sale.order", "read", list({r["order_id"][0] for r in returns}),
        fields=["user_id"])}
    theirs = [r["id"] for r in returns if users[r["order_id"][0]]]
    assert theirs, "the demo returns have a salesperson"
    sales = roles.rpc("salesperson")
    visible = sales("lotus.return.request", "search", [])
    assert not set(visible) & set(theirs)
    assert fault_code(sales, "lotus.return.request", "read", theirs[:1],
                      fields=["name"]) in ACCESS_FAULTS
    assert fault_code(sales, "lotus.return.request", "write", theirs[:1],
                      {"user_id": False}) \
        in ACCESS_FAULTS


def test_employees_read_only_their_own_mails(roles, admin):
    """P17: the mail queue holds every customer's mails (order
    confirmations, tracking, privacy links); an employee reads only the
    mails they created, not the shop's mails to customers. Posting in a
    document's chatter, which mails the customer, still works for them,
    and the administrator still reads the whole queue."""
    customer_mail = admin("mail.mail", "create", {
        "subject": "Your order %s" % roles.stamp,
        "email_to": "lukas.becker@example.de",
        "body_html": "<p>Lukas Becker, Hauptstrasse 5, Kleve</p>"})
    sales = roles.rpc("salesperson")
    own_mail = sales("mail.mail", "create", {
        "subject": "Quotation %s" % roles.stamp,
        "email_to": "anna.devries@example.nl", "body_html": "<p>Hi</p>"})
    visible = sales("mail.mail", "search", [])
    assert own_mail in visible and customer_mail not in visible
    assert fault_code(sales, "mail.mail", "read", [customer_mail],
                      ["body_html"]) in ACCESS_FAULTS
    assert fault_code(sales, "mail.mail", "write", [customer_mail],
                      {"email_to": "sam@example.org"}) in ACCESS_FAULTS
    sales("res.partner", "message_post", [roles.lukas_partner],
          body="Your printer ships tomorrow.", message_type="comment",
          subtype="mail.mt_comment", partner_ids=[roles.lukas_partner])
    everything = admin("mail.mail", "search", [])
    assert customer_mail in everything and own_mail in everything


def test_bad_input_answers_without_500(odoo_server, roles, admin):
    """P9, P20: quantities "nan" and "inf" on the return form are refused
    with a message; a privacy user cannot set a consent to "given" without
    its proof."""
    http = roles.session("anna")
    orders = admin("sale.order", "search_read", [
        ["partner_id", "child_of", roles.anna_partner],
        ["state", "in", ["sale", "done"]]], fields=["order_line"])
    tried = 0
    for order in orders:
        form = odoo_server.url + "/my/orders/%d/return" % order["id"]
        page = http.get(form)
        if page.status_code != 200 or "csrf_token" not in page.text:
            continue
        for bad in ("nan", "inf", "-inf"):
            resp = http.post(form, data={
                "qty_%d" % order["order_line"][0]: bad, "reason": "defect",
                "resolution": "refund",
                "csrf_token": csrf(http, form)}, allow_redirects=False)
            assert resp.status_code in (200, 302, 303), (bad, resp.status_code)
            if resp.status_code != 200:
                assert "error=" in resp.headers["Location"], bad
            tried += 1
    assert tried, "Anna has a returnable order in the demo"
    consent = admin("privacy.consent", "search", [
        ["lotus_state", "!=", "given"]], limit=1)
    pia = roles.rpc("privacy_user")
    with pytest.raises(xmlrpc.client.Fault):
        pia("privacy.consent", "write", consent, {"lotus_state": "given"})
    with pytest.raises(xmlrpc.client.Fault):
        pia("privacy.consent", "write", consent, {"lotus_state": "given"},
            context={"lotus_consent_internal": True})
    assert admin("privacy.consent", "read", consent,
                 fields=["lotus_state"])[0]["lotus_state"] != "given"
