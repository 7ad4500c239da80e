# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest import mock

from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from .common import make_user

JOB_FUNC = "<lotus.retention.term>._job_apply_retention_batch"


class TestRetention(SavepointCase):
    """Retention terms and the scheduled action that applies them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.Term = env["lotus.retention.term"]
        cls.term = env.ref("lotus_gdpr.retention_term_customer_account")
        # Nothing else in the database is older than the term.
        env.cr.execute("""
            UPDATE res_partner SET write_date = now() at time zone 'UTC'
             WHERE write_date < now() - interval '3 years'""")
        cls.old = env["res.partner"]
        for i in range(5):
            cls.old |= env["res.partner"].create({
                "name": "Oude Klant %d" % i,
                "email": "oude.klant%d@example.org" % i,
                "street": "Vergeten Laan %d" % i,
                "country_id": env.ref("base.nl").id})
        cls.recent = env["res.partner"].create({
            "name": "Nieuwe Klant", "email": "nieuw@example.org"})
        cls.held = env["res.partner"].create({
            "name": "Held Klant", "lotus_legal_hold": True,
            "lotus_legal_hold_reason": "tax audit"})
        # Customers: each has a portal account (never logged in).
        portal = env.ref("base.group_portal")
        for partner in cls.old | cls.held:
            env["res.users"].with_context(no_reset_password=True).create({
                "login": "ret-%d@example.org" % partner.id,
                "partner_id": partner.id,
                "groups_id": [(6, 0, [portal.id])]})
        env.cr.execute("""
            UPDATE res_partner SET write_date = now() - interval '4 years'
             WHERE id = ANY(%s)""", ((cls.old | cls.held).ids,))
        env["ir.config_parameter"].sudo().set_param(
            "lotus_gdpr.retention_batch_size", "2")
        env["ir.config_parameter"].sudo().set_param(
            "lotus_gdpr.retention_dry_run", "False")
        cls.env.cache.invalidate()
        cls.officer = make_user(env, "ret_officer", [
            "base.group_user", "lotus_gdpr.group_privacy_officer"])
        cls.privacy_user = make_user(env, "ret_user", [
            "base.group_user", "lotus_gdpr.group_privacy_user"])

    def _jobs(self):
        return self.env["queue.job"].search(
            [("method_name", "=", "_job_apply_retention_batch")])

    def test_defaults_seeded(self):
        """P27: documented default terms for a Dutch web shop."""
        accounting = self.env.ref("lotus_gdpr.retention_term_accounting")
        self.assertEqual((accounting.duration_value,
                          accounting.duration_unit), (7, "years"))
        self.assertIn("art. 52", accounting.legal_reason)
        newsletter = self.env.ref(
            "lotus_gdpr.retention_term_newsletter_signup")
        self.assertEqual((newsletter.duration_value,
                          newsletter.duration_unit), (30, "days"))
        self.assertIn("res.partner", self.term.declared_models)
        codes = self.Term.search([]).mapped("code")
        for code in ("accounting", "sale_order", "return", "helpdesk_ticket",
                     "customer_account", "newsletter_signup",
                     "consent_proof", "bank_account"):
            self.assertIn(code, codes)

    def test_officer_edits_user_reads(self):
        """P27: the officer edits the terms, a privacy user only reads."""
        self.term.sudo(self.officer).write({"duration_value": 4})
        self.assertEqual(self.term.sudo(self.privacy_user).duration_value, 4)
        with self.assertRaises(AccessError):
            self.term.sudo(self.privacy_user).write({"duration_value": 1})
        with self.assertRaises(ValidationError):
            self.term.sudo(self.officer).write({"duration_value": -1})

    def test_dry_run_changes_nothing(self):
        """P26: a dry run only counts: no job, no change, a summary."""
        jobs_before = len(self._jobs())
        summary = self.Term.cron_apply_retention(dry_run=True)
        self.assertEqual(summary[("customer_account", "res.partner")], 5)
        self.assertEqual(len(self._jobs()), jobs_before)
        self.assertFalse(any(self.old.mapped("lotus_anonymized")))
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "retention_dry_run"),
             ("res_model", "=", "res.partner")], limit=1)
        self.assertIn("5 expired", log.note)
        self.assertNotIn("Oude", log.note)

    def test_dry_run_parameter(self):
        """P26: the system parameter switches the scheduled action to dry run."""
        self.env["ir.config_parameter"].sudo().set_param(
            "lotus_gdpr.retention_dry_run", "True")
        jobs_before = len(self._jobs())
        self.Term.cron_apply_retention()
        self.assertEqual(len(self._jobs()), jobs_before)

    def test_cron_plans_jobs_on_its_channel(self):
        """P26: the scheduled action only plans: one job per batch on the
        channel root.lotus_retention; planning again adds no duplicate."""
        jobs_before = self._jobs()
        self.Term.cron_apply_retention()
        jobs = self._jobs() - jobs_before
        self.assertEqual(len(jobs), 3)  # 5 expired, batches of 2
        self.assertEqual(set(jobs.mapped("channel")), {"root.lotus_retention"})
        self.assertFalse(any(self.old.mapped("lotus_anonymized")))
        self.Term.cron_apply_retention()
        self.assertEqual(len(self._jobs() - jobs_before), 3)

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_cron_runs_batches_idempotent(self):
        """P26: run synchronously, the batches anonymise what expired,
        skip the legal hold and the recent customer; a second run and a
        re-run batch do nothing."""
        Term = self.Term.with_context(test_queue_job_no_delay=True)
        Term.cron_apply_retention()
        self.old.invalidate_cache()
        self.assertTrue(all(self.old.mapped("lotus_anonymized")))
        self.assertEqual(set(self.old.mapped("name")), {"Anonymised"})
        self.assertEqual(set(self.old.mapped("country_id.code")), {"NL"})
        self.assertFalse(self.recent.lotus_anonymized)
        self.assertEqual(self.held.name, "Held Klant")
        summary = Term.cron_apply_retention()
        self.assertEqual(summary[("customer_account", "res.partner")], 0)
        result = self.term._job_apply_retention_batch(
            "res.partner", self.old.ids)
        self.assertIn("0 anonymised", result)

    @mute_logger("odoo.addons.queue_job.models.base", "odoo.sql_db")
    def test_failed_batch_changes_nothing(self):
        """P26: a batch that crashes leaves nothing half done (its
        transaction rolls back); the retry then does the whole batch once."""
        Anonymizer = type(self.env["lotus.anonymizer"])
        with mock.patch.object(Anonymizer, "_apply_rules",
                               side_effect=RuntimeError("worker killed")):
            with self.assertRaises(RuntimeError):
                with self.env.cr.savepoint():
                    self.term._job_apply_retention_batch(
                        "res.partner", self.old.ids)
        self.env.cache.invalidate()
        self.assertFalse(any(self.old.mapped("lotus_anonymized")))
        self.assertEqual(self.old[0].email, "oude.klant0@example.org")
        result = self.term._job_apply_retention_batch(
            "res.partner", self.old.ids)
        self.assertIn("5 anonymised", result)
        again = self.term._job_apply_retention_batch(
            "res.partner", self.old.ids)
        self.assertIn("0 anonymised", again)

    def test_delete_records(self):
        """P26: erasure can delete records instead of anonymising them."""
        partner = self.env["res.partner"].create({"name": "Weg Klant"})
        counts = self.env["lotus.anonymizer"]._erase_records(
            "res.partner", partner.ids, delete=True)
        self.assertEqual(counts["deleted"], 1)
        self.assertFalse(partner.exists())

    def test_activity_names_term(self):
        """P27: the register names the retention term of an activity."""
        activity = self.env["privacy.activity"].create({
            "name": "Customer accounts",
            "lotus_retention_term_id": self.term.id})
        self.assertEqual(activity.lotus_retention_term_id.code,
                         "customer_account")
