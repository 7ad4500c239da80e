# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Users, data and checks shared by the tests of the lotus addons."""
import re

from odoo.tests.common import SavepointCase

CONFIRM_RE = re.compile(r"/privacy/consent/confirm/([A-Za-z0-9_\-]+)")


def make_user(env, login, groups, name=None, email=None):
    """A user in the groups named by xml id (no invitation mail)."""
    return env["res.users"].with_context(
        no_reset_password=True, tracking_disable=True,
        mail_create_nosubscribe=True).create({
            "name": name or "Test %s" % login,
            "login": login,
            "email": email or "%s@lotus.test" % login,
            # a group of a module that is not installed (sales_team where
            # lotus_gdpr is installed alone) stands back for an employee
            "groups_id": [(6, 0, [
                (env.ref(g, raise_if_not_found=False)
                 or env.ref("base.group_user")).id for g in groups])],
        })


def make_users(env, suffix=""):
    def user(login, groups):
        return make_user(env, login + suffix, groups)

    return {
        "salesman": user("lt_salesman", [
            "sales_team.group_sale_salesman", "base.group_partner_manager"]),
        "privacy_user": user("lt_privacy_user", [
            "base.group_user", "lotus_gdpr.group_privacy_user"]),
        "officer": user("lt_officer", [
            "base.group_user", "lotus_gdpr.group_privacy_officer"]),
    }


def make_activity(env, name="Test newsletter", **vals):
    values = {
        "name": name,
        "subject_find": True,
        "consent_required": "manual",
        "lotus_marketing": True,
        "lotus_double_opt_in": True,
        "lotus_consent_text": "Yes, send me the newsletter.",
        "lotus_consent_version": "v1",
    }
    values.update(vals)
    return env["privacy.activity"].create(values)


def confirmation_token(env, partner):
    """The clear token of the last confirmation mail sent to partner (the
    queue holds none: it is made when the mail leaves)."""
    mail = env["mail.mail"].sudo().search(
        [("email_to", "=", partner.email)], order="id desc", limit=1)
    match = CONFIRM_RE.search(mail._lotus_sent_body() if mail else "")
    return match and match.group(1)


class LotusSubjectCase(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(LotusSubjectCase, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.users = make_users(cls.env)
        # The shop's newsletter: the activity mass mailings use by default
        cls.newsletter = cls.env["privacy.activity"]._lotus_newsletter()
        cls.newsletter.write({
            "lotus_consent_text": "Yes, send me the newsletter.",
            "lotus_consent_version": "v1",
        })
        cls.offers = make_activity(
            cls.env, "Test offers by mail", lotus_double_opt_in=False,
            lotus_consent_text="Send me offers.", lotus_consent_version="o1")
        Partner = cls.env["res.partner"]
        cls.anna = Partner.create({"name": "Anna Test", "email": "anna@lotus.test",
                                   "street": "Annastraat 1", "city": "Nijmegen"})
        cls.lukas = Partner.create({"name": "Lukas Test",
                                    "email": "lukas@lotus.test",
                                    "street": "Lukasweg 2", "city": "Kleve"})
        cls.Consent = cls.env["privacy.consent"]

    @classmethod
    def give_confirmed(cls, partner, activity=None):
        activity = activity or cls.newsletter
        consent = cls.Consent.lotus_give(partner, activity, "web")
        if consent.lotus_state == "pending":
            token = confirmation_token(cls.env, partner)
            cls.Consent._lotus_confirm_token(token)
        return consent


def find_in_database(cr, values):
    """Every ``table.column`` of the database whose text contains one of
    ``values`` (case-insensitive): every text, varchar and json column of
    every table. The proof that anonymisation left no copy anywhere."""
    # Bus notifications are transient (the bus vacuums them itself).
    cr.execute("DELETE FROM bus_bus")
    cr.execute("""
        SELECT c.table_name, array_agg(c.column_name::text)
          FROM information_schema.columns c
          JOIN information_schema.tables t
            ON t.table_name = c.table_name
           AND t.table_schema = c.table_schema
         WHERE c.table_schema = 'public'
           AND t.table_type = 'BASE TABLE'
           AND c.data_type IN ('text', 'character varying', 'jsonb', 'json')
         GROUP BY c.table_name
    """)
    patterns = ["%%%s%%" % value.lower() for value in values]
    found = []
    for table, columns in cr.fetchall():
        # One scan per table; identifiers come from information_schema,
        # not from input.
        columns = sorted(columns)
        cr.execute(  # pylint: disable=sql-injection
            'SELECT %s FROM "%s"' % (", ".join(
                'bool_or(lower("%s"::text) LIKE ANY(%%(patterns)s))' % column
                for column in columns), table), {"patterns": patterns})
        hits = cr.fetchone()
        found += ["%s.%s" % (table, column)
                  for column, hit in zip(columns, hits) if hit]
    return found
