# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import AccessError

from .common import LotusSubjectCase


class TestExport(LotusSubjectCase):

    @classmethod
    def setUpClass(cls):
        super(TestExport, cls).setUpClass()
        cls.anna_delivery = cls.env["res.partner"].create({
            "name": "Anna delivery", "type": "delivery",
            "parent_id": cls.anna.id, "street": "Bezorgweg 9"})
        cls.give_confirmed(cls.anna)
        cls.give_confirmed(cls.lukas)
        cls.anna.message_post(body="Anna called about her printer",
                              message_type="comment",
                              subtype="mail.mt_comment")
        # Staff's internal note: their working note, not Anna's data
        cls.anna.message_post(body="Staff note: Anna was rude",
                              message_type="comment", subtype="mail.mt_note")
        cls.lukas.message_post(body="Lukas secret note",
                               message_type="comment")
        Users = cls.env["res.users"].with_context(no_reset_password=True)
        portal = cls.env.ref("base.group_portal")
        cls.portal_anna = Users.create({
            "name": "Anna Test", "login": "lt_exp_anna",
            "partner_id": cls.anna.id, "groups_id": [(6, 0, portal.ids)]})

    def test_export_is_complete_and_only_the_subjects(self):
        """P28: the export holds the subject's personal data from every
        registered model, consents with history and messages, and nothing of
        another partner."""
        data = self.anna.sudo(self.users["privacy_user"]) \
            ._lotus_export_personal_data()
        registered = self.env["lotus.personal.data.mixin"] \
            ._lotus_personal_models()
        self.assertIn("res.partner", registered)
        self.assertIn("lotus.consent.event", registered)
        for model in data["records"]:
            self.assertIn(model, registered)
        partners = data["records"]["res.partner"]["records"]
        self.assertEqual({p["id"] for p in partners},
                         {self.anna.id, self.anna_delivery.id})
        self.assertIn("anna@lotus.test", [p["email"] for p in partners])
        consent = [c for c in data["consents"]
                   if c["activity"] == self.newsletter.name][0]
        self.assertEqual(consent["state"], "Given")
        self.assertEqual([h["event"] for h in consent["history"]],
                         ["Given", "Confirmation link sent", "Confirmed"])
        self.assertEqual(consent["history"][0]["consent_version"], "v1")
        bodies = " ".join(m["body"] or "" for m in data["messages"])
        self.assertIn("Anna called about her printer", bodies)
        self.assertNotIn("Anna was rude", bodies)
        text = json.dumps(data, default=str)
        for other in ("lukas", "Lukas", "Kleve"):
            self.assertNotIn(other, text)
        # JSON for portability
        self.assertEqual(json.loads(self.anna._lotus_export_json())[
            "subject"]["id"], self.anna.id)

    def test_export_html(self):
        """P28: a readable HTML page of the same data."""
        report = self.env.ref("lotus_gdpr.report_lotus_personal_data")
        html = report.render_qweb_html(self.anna.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("Your personal data", html)
        self.assertIn("Bezorgweg 9", html)
        self.assertIn("Yes, send me the newsletter.", html)
        self.assertNotIn("Lukas", html)
        action = self.anna.sudo(
            self.users["privacy_user"]).action_lotus_export_html()
        self.assertEqual(action["report_name"], "lotus_gdpr.report_personal_data")

    def test_export_access(self):
        """P28: a customer exports only their own data; a salesperson
        cannot export."""
        own = self.anna.sudo(self.portal_anna)._lotus_export_personal_data()
        self.assertEqual(own["subject"]["id"], self.anna.id)
        with self.assertRaises(AccessError):
            self.lukas.sudo(self.portal_anna)._lotus_export_personal_data()
        with self.assertRaises(AccessError):
            self.anna.sudo(self.users["salesman"])._lotus_export_personal_data()
        with self.assertRaises(AccessError):
            self.anna.sudo(self.users["salesman"]).action_lotus_export_html()
