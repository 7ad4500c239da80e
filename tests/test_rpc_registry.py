# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The registry walk: every public method our addons define on a model and
every report they ship, called from the outside by a portal customer, a
B2B colleague, a salesperson and an anonymous visitor, is refused unless
``rpc_allow_list.py`` allows that outsider and says why.

The methods are found in the addons' source (``ast``): those defined in
our code, not the ones inherited from Odoo; the reports in their XML."""
import ast
import glob
import os
import xmlrpc.client

import pytest
from lxml import etree

from conftest import ROOT
from rpc_allow_list import ANONYMOUS, COLLEAGUE, PORTAL, SALES, allowed
from security_roles import ACCESS_FAULTS, Roles, anonymous_call_kw, \
    fault_code

ADDONS = ("lotus_gdpr", "lotus_sales", "lotus_returns", "lotus_helpdesk")
CODE_DIRS = ("models", "wizards", "report")
ROLE_LOGINS = {PORTAL: "anna", COLLEAGUE: "colleague", SALES: "salesperson"}


def _literal(node):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def _model_name(cls):
    """The model a class defines or extends: its _name, else _inherit."""
    attrs = {}
    for stmt in cls.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and \
                isinstance(stmt.targets[0], ast.Name):
            attrs[stmt.targets[0].id] = _literal(stmt.value)
    name = attrs.get("_name") or attrs.get("_inherit")
    if isinstance(name, (list, tuple)):
        name = name[0] if len(name) == 1 else None
    return name if isinstance(name, str) else None


def _decorators(func):
    names = set()
    for deco in func.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Attribute):
            names.add(target.attr)
        elif isinstance(target, ast.Name):
            names.add(target.id)
    return names


def public_methods():
    """[(addon, model, method, is_model_method, required arg count)]"""
    found = []
    for addon in ADDONS:
        for folder in CODE_DIRS:
            pattern = os.path.join(ROOT, "addons", addon, folder, "*.py")
            for path in sorted(glob.glob(pattern)):
                with open(path) as handle:
                    tree = ast.parse(handle.read(), path)
                for cls in [n for n in tree.body
                            if isinstance(n, ast.ClassDef)]:
                    model = _model_name(cls)
                    if not model:
                        continue
                    for func in cls.body:
                        if not isinstance(func, ast.FunctionDef) or \
                                func.name.startswith("_"):
                            continue
                        args = func.args
                        required = len(args.args) - 1 - len(args.defaults)
                        found.append((addon, model, func.name,
                                      "model" in _decorators(func),
                                      required))
    return found


def shipped_reports():
    """[(addon, report name, model)] of every report in the addons' XML."""
    found = []  # a report may be declared twice (tag and record)
    for addon in ADDONS:
        pattern = os.path.join(ROOT, "addons", addon, "**", "*.xml")
        for path in sorted(glob.glob(pattern, recursive=True)):
            tree = etree.parse(path)
            for node in tree.iter("report"):
                found.append((addon, node.get("name"), node.get("model")))
            for node in tree.iter("record"):
                if node.get("model") != "ir.actions.report":
                    continue
                values = {f.get("name"): (f.text or "").strip()
                          for f in node.iter("field")}
                if values.get("report_name"):
                    found.append((addon, values["report_name"],
                                  values.get("model")))
    return sorted(set(found))


@pytest.fixture(scope="module")
def roles(odoo_server, admin):
    return Roles(odoo_server, admin)


# Wizards (transient records, owned by who made them): made by the
# administrator for the other customer's records, so that the outsider
# calls a wizard that is not theirs.
WIZARDS = {
    "lotus.anonymize.wizard": lambda t: {
        "partner_ids": [(6, 0, t("res.partner"))], "reason": "walk"},
    "lotus.partner.restriction.wizard": lambda t: {
        "partner_ids": [(6, 0, t("res.partner"))], "reason": "walk"},
    "lotus.return.reject.wizard": lambda t: {
        "request_id": t("lotus.return.request")[0], "reason": "walk"},
}


class Targets(object):
    """Per model, the ids a method is called on: a record of another
    customer (Lukas) when the model has one, else the newest record."""

    def __init__(self, admin, roles):
        self.admin, self.roles, self.cache = admin, roles, {}

    def __call__(self, model):
        if model not in self.cache:
            try:
                self.cache[model] = self._find(model)
            except xmlrpc.client.Fault:  # an abstract model: no records
                self.cache[model] = []
        return self.cache[model]

    def _find(self, model):
        admin, lukas = self.admin, self.roles.lukas_partner
        if model == "res.partner":
            return [lukas]
        ctx = {"active_test": False}
        fields = admin(model, "fields_get", attributes=["type", "relation"])
        ours = [self.roles.anna_partner, self.roles.company]
        for name in ("partner_id", "commercial_partner_id"):
            if fields.get(name, {}).get("relation") == "res.partner":
                # Lukas's, else any record that is not the outsiders' own
                for domain in ([[name, "child_of", lukas]],
                               ["!", [name, "child_of", ours]]):
                    ids = admin(model, "search", domain, limit=1,
                                context=ctx)
                    if ids:
                        return ids
        if model in WIZARDS:
            return [admin(model, "create", WIZARDS[model](self))]
        return admin(model, "search", [], limit=1, order="id desc",
                     context=ctx)


def _call_args(targets, model, is_model, required):
    """Positional arguments of the call: the ids of another customer's
    record (a record method), then False for each required argument (the
    check of the caller comes before any use of them)."""
    args = [False] * required
    return args if is_model else [targets(model)] + args


@pytest.fixture(scope="module")
def targets(admin, roles):
    return Targets(admin, roles)


def test_walk_finds_our_entry_points():
    """The walk sees the methods and reports our addons add."""
    names = {(m, f) for _a, m, f, _k, _r in public_methods()}
    assert ("lotus.retention.term", "cron_apply_retention") in names
    assert ("res.partner", "action_object_to_marketing") in names
    assert ("helpdesk.ticket", "message_post") in names
    assert "lotus_gdpr.report_personal_data" in {
        r for _a, r, _m in shipped_reports()}


def test_every_public_method_refuses_outsiders(odoo_server, roles, targets):
    """P17: every public method of our models refuses the portal customer,
    the B2B colleague, the salesperson and the anonymous visitor, unless
    the allow-list says who may call it and why."""
    clients = {role: roles.rpc(login) for role, login in ROLE_LOGINS.items()}
    problems = []
    for addon, model, method, is_model, required in public_methods():
        for role, rpc in sorted(clients.items()):
            entry = allowed(model, method, role)
            if entry and not entry.own:
                continue
            code = fault_code(rpc, model, method, *_call_args(
                targets, model, is_model, required))
            if code not in ACCESS_FAULTS:
                problems.append("%s: %s.%s as %s answered %s" % (
                    addon, model, method, role,
                    "without refusal" if code is None else
                    "fault %s (not an access refusal)" % code))
        entry = allowed(model, method, ANONYMOUS)
        if not entry or entry.own:
            error = anonymous_call_kw(odoo_server, model, method, _call_args(
                targets, model, is_model, required))
            if not error:
                problems.append("%s: %s.%s answered an anonymous visitor" % (
                    addon, model, method))
    assert not problems, "\n".join(
        ["refused to nobody, and not on tests/rpc_allow_list.py:"] + problems)


def test_every_report_refuses_outsiders(odoo_server, roles, targets):
    """P17: every report our addons ship answers no outsider with another
    customer's document, unless the allow-list says who may and why."""
    sessions = {role: roles.session(login)
                for role, login in ROLE_LOGINS.items()}
    sessions[ANONYMOUS] = odoo_server.session()
    problems = []
    for addon, report, model in shipped_reports():
        ids = targets(model) if model else []
        if not ids:
            problems.append("%s: no %s record to try %s on" % (
                addon, model, report))
            continue
        for role, http in sorted(sessions.items()):
            entry = allowed("report", report, role)
            if entry and not entry.own:
                continue
            for kind in ("html", "pdf"):
                resp = http.get("%s/report/%s/%s/%s" % (
                    odoo_server.url, kind, report,
                    ",".join(map(str, ids))), allow_redirects=False)
                if resp.status_code == 200:
                    problems.append("%s: /report/%s/%s as %s answered 200" % (
                        addon, kind, report, role))
    assert not problems, "\n".join(
        ["refused to nobody, and not on tests/rpc_allow_list.py:"] + problems)
