# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every seeded retention term governs real records, and editing its
duration changes what the next run does."""
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from .common import make_activity


class TestRetentionTerms(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Term = env["lotus.retention.term"].with_context(
            test_queue_job_no_delay=True)
        cls.customer = env["res.partner"].create({
            "name": "Termijn Klant", "email": "termijn@example.org"})

    def _ref(self, code):
        return self.env.ref("lotus_gdpr.retention_term_%s" % code)

    def _age(self, table, column, ids, interval):
        # Table and column are literals of the tests.
        self.env.cr.execute(  # pylint: disable=sql-injection
            "UPDATE %s SET %s = now() at time zone 'UTC' - interval %%s "
            "WHERE id = ANY(%%s)" % (table, column), (interval, list(ids)))
        self.env.cache.invalidate()

    def _audit(self, model, action):
        return self.env["lotus.audit.log"].search([
            ("res_model", "=", model), ("action", "=", action)])

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_bank_account(self):
        """P6, P27: a customer's bank account goes 7 years after the last
        payment or refund that used it; a longer term keeps it; a recent
        use keeps it; the company's accounts are never touched."""
        Bank = self.env["res.partner.bank"]
        idle = Bank.create({"acc_number": "NL91ABNA0417164300",
                            "partner_id": self.customer.id})
        used = Bank.create({"acc_number": "NL20INGB0001234567",
                            "partner_id": self.customer.id})
        company = Bank.create({
            "acc_number": "NL39RABO0300065264",
            "partner_id": self.env.user.company_id.partner_id.id})
        self._age("res_partner_bank", "write_date",
                  (idle | used | company).ids, "9 years")
        journal = self.env["account.journal"].search(
            [("type", "=", "bank")], limit=1)
        statement = self.env["account.bank.statement"].create({
            "journal_id": journal.id, "name": "refund"})
        line = self.env["account.bank.statement.line"].create({
            "statement_id": statement.id, "name": "refund", "amount": -10,
            "bank_account_id": used.id, "partner_id": self.customer.id})
        self._age("account_bank_statement_line", "date", line.ids, "2 years")
        term = self._ref("bank_account")
        term.write({"duration_value": 10})
        self.Term.cron_apply_retention()
        self.assertTrue(idle.exists())
        term.write({"duration_value": 7})
        self.Term.cron_apply_retention()
        self.assertFalse(idle.exists())
        self.assertTrue(used.exists() and company.exists())
        log = self._audit("res.partner.bank", "delete")
        self.assertTrue(log)
        self.assertNotIn("NL91", " ".join(log.mapped("note")))

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_consent_proof(self):
        """P20, P27: the proof of a consent is deleted 5 years after its
        withdrawal (the audit log keeps the count); a consent still given
        keeps its proof whatever its age; a longer term keeps it."""
        activity = make_activity(self.env, name="Termijn nieuwsbrief")
        Consent = self.env["privacy.consent"].sudo()
        withdrawn = Consent.lotus_find_or_create(self.customer, activity)
        withdrawn._lotus_event("given", "web")
        withdrawn.action_withdraw(channel="web")
        other = self.env["res.partner"].create({"name": "Blijvende Klant"})
        given = Consent.lotus_find_or_create(other, activity)
        given._lotus_event("given", "web")
        given._lotus_set_state("given")
        self._age("privacy_consent", "lotus_withdrawn_date",
                  withdrawn.ids, "6 years")
        self._age("lotus_consent_event", "date",
                  (withdrawn | given).mapped("lotus_event_ids").ids,
                  "11 years")
        events = withdrawn.lotus_event_ids
        self.assertTrue(events)
        term = self._ref("consent_proof")
        term.write({"duration_value": 7})
        self.Term.cron_apply_retention()
        self.assertEqual(len(events.exists()), len(events))
        term.write({"duration_value": 5})
        self.Term.cron_apply_retention()
        self.assertFalse(events.exists())
        self.assertTrue(given.lotus_event_ids)
        log = self._audit("lotus.consent.event", "delete")
        self.assertIn("%d deleted" % len(events), " ".join(
            log.mapped("note")))
        # Outside the engine, proof is still append-only.
        with self.assertRaises(UserError):
            given.lotus_event_ids[:1].unlink()

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_newsletter_signup(self):
        """P20, P27: a sign-up is deleted when its term ends (30 days by
        default), not by a constant of its own."""
        Signup = self.env["lotus.newsletter.signup"].sudo()
        signup = Signup.create({
            "email": "later@example.org", "email_hash": "x",
            "token_hash": "y", "expiry": "2020-01-01 00:00:00"})
        self._age("lotus_newsletter_signup", "create_date", signup.ids,
                  "40 days")
        Signup._lotus_gc()
        self.assertTrue(signup.exists())
        self.assertFalse(signup.email)
        term = self._ref("newsletter_signup")
        term.write({"duration_value": 60})
        self.Term.cron_apply_retention()
        self.assertTrue(signup.exists())
        term.write({"duration_value": 30})
        self.Term.cron_apply_retention()
        self.assertFalse(signup.exists())
