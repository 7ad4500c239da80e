# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from .common import make_user


class TestRetentionPreview(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.officer = make_user(env, "prev_officer", [
            "base.group_user", "lotus_gdpr.group_privacy_officer"])
        cls.privacy_user = make_user(env, "prev_user", [
            "base.group_user", "lotus_gdpr.group_privacy_user"])
        cls.signup = env["lotus.newsletter.signup"].sudo().create({
            "email": "preview@example.org", "email_hash": "p",
            "token_hash": "q", "expiry": "2020-01-01 00:00:00"})
        env.cr.execute(
            "UPDATE lotus_newsletter_signup SET create_date = now() - "
            "interval '40 days' WHERE id = %s", (cls.signup.id,))

    def test_officer_sees_next_run(self):
        """P26: the officer sees, before any run, what the next run would
        do per term; nothing changes."""
        jobs = self.env["queue.job"].search_count([])
        preview = self.env["lotus.retention.preview"].sudo(
            self.officer).create({})
        html = preview.preview_html
        self.assertIn("Unconfirmed newsletter sign-ups", html)
        self.assertIn("delete", html)
        rows = self.env["lotus.retention.term"]._lotus_preview()
        signups = [r for r in rows
                   if r["model"] == "Pending newsletter sign-up"][0]
        self.assertGreaterEqual(signups["expired"], 1)
        self.assertEqual(signups["done"], signups["expired"])
        self.assertNotIn("preview@example.org", html)
        self.assertTrue(self.signup.exists())
        self.assertEqual(self.env["queue.job"].search_count([]), jobs)

    def test_others_refused(self):
        with self.assertRaises((AccessError, UserError)):
            self.env["lotus.retention.preview"].sudo(
                self.privacy_user).create({})
