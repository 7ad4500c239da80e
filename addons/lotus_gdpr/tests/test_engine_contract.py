# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase


class TestEngineContract(SavepointCase):
    """The pieces every lotus addon relies on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity = cls.env["privacy.activity"].create({"name": "Delivery"})
        cls.other_activity = cls.env["privacy.activity"].create(
            {"name": "Newsletter"})
        cls.recipient = cls.env["lotus.privacy.recipient"].create({
            "name": "Carrier NL",
            "kind": "carrier",
            "country_id": cls.env.ref("base.nl").id,
            "activity_ids": [(6, 0, cls.activity.ids)],
        })
        cls.partner = cls.env["res.partner"].create({"name": "Jan Jansen"})

    def test_audit_log_is_append_only(self):
        entry = self.env["lotus.audit.log"]._log("test", self.partner, ["name"])
        with self.assertRaises(UserError):
            entry.write({"action": "changed"})
        with self.assertRaises(UserError):
            entry.unlink()

    def test_disclosure_needs_registered_purpose(self):
        """P24: no data leaves for a purpose the recipient is not registered for."""
        Disclosure = self.env["lotus.privacy.disclosure"]
        with self.assertRaises(UserError):
            Disclosure.record_disclosure(
                self.recipient, self.partner, ["name"], self.other_activity)
        self.assertFalse(Disclosure.search(
            [("activity_id", "=", self.other_activity.id)]))
        done = Disclosure.record_disclosure(
            self.recipient, self.partner, ["name", "street"], self.activity,
            partners=self.partner)
        self.assertEqual(done.field_names, "name, street")
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "disclosure")], limit=1)
        self.assertEqual(log.res_id, self.partner.id)
        self.assertNotIn("Jansen", log.note or "")
