# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
from unittest import mock

from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import find_in_database, make_user

NAME = "Jantje Zeldzaamheid"
LASTNAME = "Zeldzaamheid"
EMAIL = "jantje.zeldzaam@example.org"
PHONE = "+31 6 98765432"
STREET = "Kweekvijverstraat 77"


class TestAnonymizer(SavepointCase):
    """The anonymisation engine and the 'Anonymise customer' wizard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.anonymizer = env["lotus.anonymizer"]
        cls.officer = make_user(env, "anon_officer", [
            "base.group_user", "base.group_partner_manager",
            "lotus_gdpr.group_privacy_officer"])
        cls.privacy_user = make_user(env, "anon_user", [
            "base.group_user", "lotus_gdpr.group_privacy_user"])
        cls.shop = env["res.partner"].create({
            "name": "Some Other Shop BV", "is_company": True})
        cls.partner = env["res.partner"].create({
            "name": NAME, "email": EMAIL, "phone": PHONE, "mobile": PHONE,
            "street": STREET, "zip": "6531 HH", "city": "Nijmegen",
            "country_id": env.ref("base.nl").id, "customer": True,
            "comment": "Call %s on %s" % (NAME, PHONE),
        })
        cls.delivery = env["res.partner"].create({
            "name": NAME + " (home)", "type": "delivery",
            "parent_id": cls.partner.id, "street": STREET,
            "email": EMAIL, "phone": PHONE})
        cls.portal_user = env["res.users"].with_context(
            no_reset_password=True).create({
                "name": NAME, "login": EMAIL, "partner_id": cls.partner.id,
                "groups_id": [(6, 0, [env.ref("base.group_portal").id])]})
        # Chatter on the customer, with a tracking value and an attachment.
        attachment = env["ir.attachment"].create({
            "name": "letter_%s.txt" % LASTNAME,
            "datas_fname": "letter_%s.txt" % LASTNAME,
            "datas": base64.b64encode(
                ("Dear %s, %s" % (NAME, STREET)).encode()),
            "res_model": "res.partner", "res_id": cls.partner.id,
            "mimetype": "text/plain"})
        message = cls.partner.message_post(
            body="<p>%s phoned from %s about %s</p>" % (NAME, PHONE, STREET),
            subject="Question of %s" % NAME, email_from=EMAIL,
            attachment_ids=[attachment.id])
        env["mail.tracking.value"].create({
            "mail_message_id": message.id, "field": "street",
            "field_desc": "Street", "field_type": "char",
            "old_value_char": STREET, "new_value_char": "Elders 1"})
        # What the customer wrote elsewhere, an e-mail received from the
        # address, and a mail sent to it.
        cls.shop.message_post(body="<p>Regards, %s</p>" % NAME,
                              author_id=cls.partner.id, email_from=EMAIL)
        cls.shop.message_post(body="<p>Hello</p>",
                              email_from="%s <%s>" % (NAME, EMAIL))
        env["mail.mail"].create({
            "email_to": EMAIL, "subject": "Your order, %s" % NAME,
            "body_html": "<p>Dear %s</p>" % NAME})
        # Followers both ways.
        cls.shop.message_subscribe(partner_ids=cls.partner.ids)
        cls.partner.message_subscribe(partner_ids=cls.shop.ids)
        env["mail.activity"].create({
            "res_model_id": env.ref("base.model_res_partner").id,
            "res_id": cls.partner.id, "summary": "Call " + NAME,
            "activity_type_id": env.ref("mail.mail_activity_data_call").id,
        })
        env["mail.mass_mailing.contact"].create({
            "name": NAME, "email": EMAIL})
        cls.other = env["res.partner"].create({
            "name": "Unrelated Klant", "email": "unrelated@example.org",
            "street": "Andere Straat 5"})
        env.cr.execute("DELETE FROM bus_bus")

    def _find_in_database(self, values):
        return find_in_database(self.env.cr, values)

    def test_no_personal_value_left_anywhere(self):
        """P26, P33: after anonymisation no table holds the customer's
        name, e-mail, phone or street; country and flags survive."""
        values = [LASTNAME, EMAIL, PHONE, STREET]
        self.assertTrue(self._find_in_database(values),
                        "the test data must be found before")
        summary = self.anonymizer.sudo(self.officer).anonymize(
            self.partner, reason="erasure request TEST/1")
        self.env.cr.execute("DELETE FROM bus_bus")
        self.assertEqual(self._find_in_database(values), [])
        self.assertIn(self.partner.id, summary["anonymized_partner_ids"])
        self.partner.invalidate_cache()
        self.assertTrue(self.partner.lotus_anonymized)
        self.assertTrue(self.partner.lotus_anonymized_date)
        self.assertEqual(self.partner.name, "Anonymised")
        self.assertEqual(self.partner.zip, "6531")
        self.assertEqual(self.partner.country_id, self.env.ref("base.nl"))
        self.assertTrue(self.partner.customer)
        self.assertFalse(self.portal_user.with_context(
            active_test=False).active)
        # Others are untouched.
        self.assertEqual(self.other.street, "Andere Straat 5")
        self.assertEqual(self.shop.name, "Some Other Shop BV")

    def test_audit_log_counts_never_values(self):
        """P26: every erasure is in the audit log, with counts only."""
        self.anonymizer.anonymize(self.partner, reason="TEST/2")
        logs = self.env["lotus.audit.log"].search(
            [("action", "=", "anonymise"), ("res_model", "=", "res.partner")])
        self.assertTrue(logs)
        for log in logs:
            for value in (LASTNAME, EMAIL, PHONE, STREET):
                self.assertNotIn(value.lower(), (log.note or "").lower())
        self.assertIn("2 anonymised", logs[0].note)

    def test_idempotent(self):
        """P26: anonymising again changes nothing and counts nothing."""
        self.anonymizer.anonymize(self.partner)
        again = self.anonymizer.anonymize(self.partner)
        self.assertEqual(again["totals"]["done"], 0)
        self.assertEqual(again["anonymized_partner_ids"], [])

    def test_legal_hold_blocks_everything(self):
        """P26: a legal hold stops all erasure; the officer sees why and
        the customer is restricted."""
        self.partner.write({"lotus_legal_hold": True,
                            "lotus_legal_hold_reason": "court case 12"})
        preview = self.anonymizer.sudo(self.officer).preview(self.partner)
        entry = [e for e in preview["models"] if e["model"] == "res.partner"][0]
        self.assertEqual(entry["blocked"], 2)
        self.assertIn("legal hold: court case 12", entry["reasons"])
        summary = self.anonymizer.anonymize(self.partner)
        self.assertEqual(summary["totals"]["done"], 0)
        self.partner.invalidate_cache()
        self.assertEqual(self.partner.name, NAME)
        self.assertEqual(self.delivery.street, STREET)
        self.assertTrue(self.partner.lotus_restricted)
        self.assertIn("Erasure pending", self.partner.lotus_restriction_reason)
        self.assertIn("court case 12", self.partner.lotus_restriction_reason)

    def test_term_block_restricts_until_it_ends(self):
        """P26, P27: data under a running retention term is kept, the
        preview names the term and its end, the customer is restricted."""
        blocks = self.partner._lotus_blocks_by_term(
            "customer_account", "create_date")
        self.assertIn("retention term customer_account", blocks[self.partner.id])
        Partner = type(self.env["res.partner"])
        with mock.patch.object(
                Partner, "_lotus_erasure_blocks", autospec=True,
                side_effect=lambda recs: recs._lotus_blocks_by_term(
                    "customer_account", "create_date")):
            preview = self.anonymizer.preview(self.partner)
            self.assertIn(self.partner.id, preview["restricted"])
            self.assertIn("kept until", preview["restricted"][self.partner.id])
            html = self.anonymizer._format_preview(preview)
            self.assertIn("kept until", html)
            self.assertNotIn(LASTNAME, html)
            self.anonymizer.anonymize(self.partner)
        self.partner.invalidate_cache()
        self.assertEqual(self.partner.email, EMAIL)
        self.assertTrue(self.partner.lotus_restricted)
        # Once the term no longer blocks, the pending erasure completes.
        self.anonymizer.anonymize(self.partner)
        self.partner.invalidate_cache()
        self.assertTrue(self.partner.lotus_anonymized)
        self.assertFalse(self.partner.lotus_restricted)

    def test_nothing_selected_changes_nothing(self):
        """An empty selection anonymises nobody (never 'everybody')."""
        summary = self.anonymizer.anonymize(self.env["res.partner"])
        self.assertEqual(summary["totals"]["done"], 0)
        self.assertEqual(self.other.name, "Unrelated Klant")

    def test_employee_partner_blocked(self):
        """The partner of an employee user is never anonymised by mistake."""
        preview = self.anonymizer.preview(self.officer.partner_id)
        self.assertIn(self.officer.partner_id.id, preview["restricted"])

    def test_wizard_preview_then_confirm(self):
        """P28: the officer previews, then confirms, in the wizard."""
        Wizard = self.env["lotus.anonymize.wizard"].sudo(self.officer)
        wizard = Wizard.with_context(
            active_model="res.partner", active_ids=self.partner.ids).create(
                {"reason": "erasure request TEST/3"})
        self.assertEqual(wizard.partner_ids, self.partner)
        self.assertIn("Contact", wizard.preview_html)
        self.assertNotIn(LASTNAME, wizard.preview_html)
        wizard.action_confirm()
        self.assertEqual(wizard.state, "done")
        self.assertIn("Contact", wizard.result_html)
        action = self.env.ref("lotus_gdpr.action_lotus_anonymize_wizard")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        self.assertEqual(action.groups_id, self.env.ref(
            "lotus_gdpr.group_privacy_officer"))
        view = Wizard.fields_view_get(view_type="form")
        self.assertIn("preview_html", view["arch"])
        self.partner.invalidate_cache()
        self.assertTrue(self.partner.lotus_anonymized)

    def test_only_officer_anonymises(self):
        """Only the privacy officer may preview or anonymise."""
        with self.assertRaises(AccessError):
            self.anonymizer.sudo(self.privacy_user).anonymize(self.partner)
        with self.assertRaises(AccessError):
            self.env["lotus.anonymize.wizard"].sudo(
                self.privacy_user).create({
                    "reason": "x", "partner_ids": [(6, 0, self.partner.ids)]})
