# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.exceptions import AccessError, UserError

from .common import LotusSubjectCase


class TestRestriction(LotusSubjectCase):

    def test_restrict_needs_reason_and_is_logged(self):
        """P28: restriction of processing (art. 18) with a reason, logged
        without personal values."""
        anna = self.anna.sudo(self.users["privacy_user"])
        with self.assertRaises(UserError):
            anna.action_restrict("  ")
        self.assertFalse(self.anna.lotus_restricted)
        anna.action_restrict("accuracy contested")
        self.assertTrue(self.anna.lotus_restricted)
        self.assertEqual(self.anna.lotus_restriction_reason,
                         "accuracy contested")
        log = self.env["lotus.audit.log"].search([
            ("action", "=", "restriction"), ("res_id", "=", self.anna.id)])
        self.assertEqual(len(log), 1)
        self.assertNotIn("Anna", log.note or "")
        self.assertIn("accuracy contested",
                      self.anna.message_ids[0].body)
        anna.action_lift_restriction("accuracy verified")
        self.assertFalse(self.anna.lotus_restricted)
        self.assertTrue(self.env["lotus.audit.log"].search([
            ("action", "=", "restriction_lifted"),
            ("res_id", "=", self.anna.id)]))

    def test_restricted_partner_frozen_for_non_officers(self):
        """P28: a restricted partner's personal data can be changed by a
        privacy officer only."""
        self.anna.action_restrict("accuracy contested")
        for user in ("salesman", "privacy_user"):
            with self.assertRaises(UserError):
                self.anna.sudo(self.users[user]).write({"email": "x@y.z"})
        self.assertEqual(self.anna.email, "anna@lotus.test")
        # Business fields that are not personal data stay editable
        self.anna.sudo(self.users["salesman"]).write({"customer": True})
        # The officer may rectify
        self.anna.sudo(self.users["officer"]).write(
            {"street": "Nieuwe straat 3"})
        self.assertEqual(self.anna.street, "Nieuwe straat 3")
        # Unrestricted partners are unaffected
        self.lukas.sudo(self.users["salesman"]).write({"phone": "+49 1"})

    def test_privacy_state_not_writable_by_staff(self):
        """P28: P29: the privacy flags change only through the actions."""
        with self.assertRaises(UserError):
            self.lukas.sudo(self.users["salesman"]).write(
                {"lotus_restricted": True})
        with self.assertRaises(AccessError):
            self.lukas.sudo(self.users["salesman"]).action_restrict("x")
        self.assertFalse(self.lukas.lotus_restricted)
        # Saving the form with unchanged flags is fine
        self.lukas.sudo(self.users["salesman"]).write(
            {"lotus_restricted": False, "name": "Lukas Test"})

    def test_wizard(self):
        wizard = self.env["lotus.partner.restriction.wizard"].sudo(
            self.users["privacy_user"]).create({
                "partner_ids": [(6, 0, self.lukas.ids)],
                "reason": "unlawful processing claimed"})
        wizard.action_apply()
        self.assertTrue(self.lukas.lotus_restricted)
        action = self.lukas.action_lotus_restriction_wizard()
        self.assertTrue(action["context"]["default_lift"])

    def test_partner_form_privacy_tab(self):
        """P28: every employee sees the consent and restriction state on a
        Privacy tab with a banner; only privacy users get the buttons."""
        Partner = self.env["res.partner"]

        def form(user):
            return etree.fromstring(Partner.sudo(user).fields_view_get(
                view_type="form")["arch"])

        def actions_hidden(arch):
            button = arch.xpath(
                "//button[@name='action_object_to_marketing']")[0]
            return button.getparent().get("invisible") == "1"

        arch = form(self.users["salesman"])
        self.assertTrue(arch.xpath("//div[contains(@class, "
                                   "'lotus_restriction_banner')]"))
        self.assertTrue(arch.xpath(
            "//page[@name='lotus_privacy']//field[@name='lotus_newsletter_state']"))
        self.assertTrue(actions_hidden(arch))
        self.assertFalse(actions_hidden(form(self.users["privacy_user"])))
        # Every field of the form reads without an access error
        view = Partner.sudo(self.users["salesman"]).fields_view_get(
            view_type="form")
        self.assertNotIn("lotus_request_ids", view["fields"])
        self.lukas.sudo(self.users["salesman"]).read(list(view["fields"]))
        self.lukas.action_restrict("accuracy contested")
        values = self.lukas.sudo(self.users["salesman"]).read([
            "lotus_restricted", "lotus_restriction_reason",
            "lotus_newsletter_state", "lotus_consent_summary"])[0]
        self.assertTrue(values["lotus_restricted"])
        self.assertEqual(values["lotus_restriction_reason"],
                         "accuracy contested")
