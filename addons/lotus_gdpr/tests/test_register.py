# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .register_common import LotusPrivacyCase

ACTIVITIES = {
    "activity_ordering": "contract",
    "activity_delivery": "contract",
    "activity_payment": "contract",
    "activity_returns": "contract",
    "activity_customer_service": "legitimate_interest",
    "activity_account": "contract",
    "activity_newsletter": "consent",
    "activity_analytics": "consent",
    "activity_authorities": "legal_obligation",
}


class TestRegister(LotusPrivacyCase):
    """The processing register (GDPR art. 30)."""

    def test_seeded_register_is_complete(self):
        """P21: every use of data in the policy is registered with purpose,
        legal ground, data categories, subjects, recipients and retention."""
        for xmlid, ground in ACTIVITIES.items():
            activity = self.env.ref("lotus_gdpr.%s" % xmlid)
            self.assertEqual(activity.lotus_legal_ground, ground, xmlid)
            self.assertTrue(activity.lotus_purpose, xmlid)
            self.assertTrue(activity.lotus_data_category_ids, xmlid)
            self.assertTrue(activity.lotus_data_subjects, xmlid)
            self.assertTrue(activity.lotus_recipient_ids, xmlid)
            self.assertTrue(activity.lotus_retention, xmlid)
            self.assertEqual(activity.controller_id,
                             self.env.ref("base.main_partner"))
        newsletter = self.env.ref("lotus_gdpr.activity_newsletter")
        self.assertEqual(newsletter.consent_required, "manual")
        payment = self.env.ref("lotus_gdpr.activity_payment")
        self.assertIn(self.env.ref("lotus_gdpr.data_category_bank_account"),
                      payment.lotus_data_category_ids)

    def test_transfer_outside_eea_follows_recipients(self):
        """P21: P25: the register shows which activities send data outside
        the EEA, computed from the recipients."""
        newsletter = self.env.ref("lotus_gdpr.activity_newsletter")
        self.assertTrue(newsletter.lotus_transfer_outside_eea)
        self.assertIn(self.us.name, newsletter.lotus_transfer_countries)
        payment = self.env.ref("lotus_gdpr.activity_payment")
        self.assertFalse(payment.lotus_transfer_outside_eea)
        self.env["lotus.privacy.recipient"].create({
            "name": "Stripe Payments (US)", "kind": "payment",
            "country_id": self.us.id, "is_processor": True,
            "dpa_reference": "Stripe DPA", "dpa_date": "2025-01-01",
            "transfer_safeguard": "scc",
            "transfer_safeguard_date": "2025-01-01",
            "activity_ids": [(6, 0, payment.ids)]})
        self.assertTrue(payment.lotus_transfer_outside_eea)

    def test_authority_only_under_legal_obligation(self):
        """P32: an activity with an authority among its recipients must
        have the legal ground 'legal obligation'."""
        authorities = self.env.ref("lotus_gdpr.activity_authorities")
        with self.assertRaisesRegex(ValidationError, "Legal ground"), \
                self.env.cr.savepoint():
            authorities.write({"lotus_legal_ground": "legitimate_interest"})
        authorities.invalidate_cache()
        self.assertEqual(authorities.lotus_legal_ground, "legal_obligation")
        delivery = self.env.ref("lotus_gdpr.activity_delivery")
        with self.assertRaisesRegex(ValidationError, "Legal obligation"):
            delivery.write({"lotus_recipient_ids": [
                (4, self.env.ref("lotus_gdpr.recipient_police").id)]})

    def test_register_report_renders(self):
        """P21: the register prints for the supervisory authority."""
        activities = self.env["privacy.activity"].search([])
        report = self.env.ref("lotus_gdpr.report_privacy_register")
        self.assertEqual(report.report_type, "qweb-html")
        html = report.sudo(self.privacy_user).render_qweb_html(
            activities.ids)[0].decode("utf-8")
        self.assertIn("Register of processing activities", html)
        for xmlid in ACTIVITIES:
            self.assertIn(self.env.ref("lotus_gdpr.%s" % xmlid).name, html)
        for text in ("Legal obligation", "Legitimate interest", "Consent",
                     "Standard contractual clauses", "72208015",
                     "NL859030374B01", "Autoriteit Persoonsgegevens",
                     "PostNL"):
            self.assertIn(text, html)
        # The officer, and the administrator of a company that has not yet
        # chosen a document layout, both get the register itself.
        self.env.user.company_id.external_report_layout = False
        for user in (self.privacy_user, self.env.ref("base.user_root")):
            action = self.env["privacy.activity"].sudo(
                user)._lotus_action_print_register()
            self.assertEqual(action["report_name"],
                             "lotus_gdpr.privacy_register_document")
