# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID
from odoo.exceptions import AccessError, UserError

from .register_common import LotusPrivacyCase


class TestAuditLog(LotusPrivacyCase):
    """The append-only audit log."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["lotus.audit.log"]
        cls.partner = cls.env["res.partner"].create({
            "name": "Maartje Zwanenburg", "email": "maartje.zw@example.nl",
            "street": "Kastanjelaan 77", "zip": "6543 KL", "city": "Wijchen",
            "phone": "+31 6 98765432", "vat": "NL000099998B57"})

    def test_admin_cannot_write_or_unlink(self):
        """The administrator cannot change or delete an entry through the
        ORM."""
        entry = self.Log._log("export", self.partner, ["name", "email"])
        admin = self.env(user=SUPERUSER_ID)["lotus.audit.log"].browse(
            entry.id)
        with self.assertRaisesRegex(UserError, "append-only"):
            admin.write({"action": "nothing happened"})
        with self.assertRaisesRegex(UserError, "append-only"):
            admin.unlink()
        with self.assertRaisesRegex(UserError, "append-only"):
            admin.search([("id", "=", entry.id)]).unlink()
        self.assertEqual(admin.action, "export")
        self.assertEqual(admin.user_id, self.env.user)
        self.assertTrue(admin.exists())
        # who did it is the acting user, not the superuser used to write
        by_officer = self.Log.sudo(self.officer)._log("export", self.partner)
        self.assertEqual(by_officer.user_id, self.officer)
        # the officer reads the log but cannot create entries by hand
        with self.assertRaises(AccessError):
            self.Log.sudo(self.officer).create({"action": "forged"})

    def test_entries_never_hold_personal_values(self):
        """Personal values never reach the audit log: only actions, models,
        record ids and field names."""
        values = ["Maartje", "Zwanenburg", "maartje.zw@example.nl",
                  "Kastanjelaan", "6543 KL", "Wijchen", "98765432",
                  "NL000099998B57"]
        start = self.Log.search([], limit=1).id or 0
        self.env["lotus.privacy.disclosure"].record_disclosure(
            self.env.ref("lotus_gdpr.recipient_postnl"), self.partner,
            ["name", "email", "street", "zip", "city", "phone"],
            self.env.ref("lotus_gdpr.activity_delivery"),
            reference="3SXYZ")
        self.Log._log("rectify", self.partner, ["email", "vat"],
                      note="request #12")
        with self.assertRaises(ValueError):
            self.Log._log("rectify", self.partner, ["maartje.zw@example.nl"])
        with self.assertRaises(ValueError):
            self.Log._log("rectify", self.partner, ["Maartje Zwanenburg"])
        self.env.cr.execute(
            "SELECT * FROM lotus_audit_log WHERE id > %s", (start,))
        rows = self.env.cr.fetchall()
        self.assertGreaterEqual(len(rows), 2)
        text = repr(rows)
        for value in values:
            self.assertNotIn(value, text)
        self.assertIn("email", text)
