# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The outsiders of the security tests, built once per test module through
the administrator's XML-RPC: the demo portal customer Anna, two contacts of
one B2B customer with a portal login each (colleagues), a salesperson, and
the anonymous visitor (no session at all)."""
import re
import time
import xmlrpc.client

import requests

from conftest import ANNA, LUKAS, Rpc

# Fault codes of /xmlrpc/2 (odoo.service.wsgi_server)
ACCESS_FAULTS = (3, 4)  # AccessDenied, AccessError
CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def xmlid(admin, name):
    return admin("ir.model.data", "xmlid_to_res_id", name)


def partner_of(admin, login):
    return admin("res.users", "search_read", [["login", "=", login]],
                 fields=["partner_id"])[0]["partner_id"][0]


def make_login(admin, name, email, groups, password, parent_id=False):
    """A user with its own partner (a contact of ``parent_id``)."""
    partner = admin("res.partner", "create", {
        "name": name, "email": email, "parent_id": parent_id,
        "street": "%s street 1" % name.split()[0], "city": "Arnhem"})
    admin("res.users", "create", {
        "name": name, "login": email, "password": password,
        "partner_id": partner,
        "groups_id": [(6, 0, [xmlid(admin, g) for g in groups])],
    }, context={"no_reset_password": True})
    return partner


class Roles(object):
    """Logins and partners of the four outsiders (and Lukas, a second
    customer whose records are the target of the attacks)."""

    def __init__(self, server, admin):
        self.server, self.admin = server, admin
        stamp = "%d" % (time.time() * 1000)
        self.anna = ANNA
        self.lukas = LUKAS
        self.anna_partner = partner_of(admin, ANNA[0])
        self.lukas_partner = partner_of(admin, LUKAS[0])
        self.company = admin("res.partner", "create", {
            "name": "Bouwbedrijf Sec %s BV" % stamp, "is_company": True,
            "customer": True, "city": "Arnhem",
            "email": "info-%s@bouwsec.example" % stamp})
        self.colleague = ("cora-%s@bouwsec.example" % stamp, "cora-pw-1")
        self.colleague_partner = make_login(
            admin, "Cora Collega", self.colleague[0], ["base.group_portal"],
            self.colleague[1], self.company)
        self.boss = ("bert-%s@bouwsec.example" % stamp, "bert-pw-1")
        self.boss_partner = make_login(
            admin, "Bert Baas", self.boss[0], ["base.group_portal"],
            self.boss[1], self.company)
        self.salesperson = ("sam-%s@lotus.example" % stamp, "sam-pw-1")
        self.salesperson_partner = make_login(
            admin, "Sam Sales", self.salesperson[0],
            ["base.group_user", "sales_team.group_sale_salesman",
             "base.group_partner_manager"],
            self.salesperson[1])
        self.privacy_user = ("pia-%s@lotus.example" % stamp, "pia-pw-1")
        self.privacy_user_partner = make_login(
            admin, "Pia Privacy", self.privacy_user[0],
            ["base.group_user", "lotus_gdpr.group_privacy_user"],
            self.privacy_user[1])
        self.stamp = stamp

    def rpc(self, role):
        return Rpc(self.server, *getattr(self, role))

    def session(self, role):
        return self.server.session(*getattr(self, role))


def fault_code(call, *args, **kw):
    """Call ``call``; the XML-RPC fault code, or None when it answered."""
    try:
        call(*args, **kw)
    except xmlrpc.client.Fault as fault:
        return fault.faultCode
    return None


def anonymous_call_kw(server, model, method, args, kwargs=None):
    """/web/dataset/call_kw without a session: the JSON-RPC error, or None
    when the call answered."""
    resp = requests.post(server.url + "/web/dataset/call_kw", json={
        "jsonrpc": "2.0", "method": "call", "id": 1, "params": {
            "model": model, "method": method, "args": args,
            "kwargs": kwargs or {}}}, timeout=60)
    body = resp.json()
    return body.get("error")


def csrf(http, url):
    found = CSRF_RE.search(http.get(url).text)
    assert found, "no CSRF token on %s" % url
    return found.group(1)
