# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError

from .register_common import LotusPrivacyCase


class TestRecipient(LotusPrivacyCase):
    """Recipients and processors (P22-P25)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Recipient = cls.env["lotus.privacy.recipient"]
        cls.delivery = cls.env.ref("lotus_gdpr.activity_delivery")

    def _vals(self, **kw):
        vals = {"name": "Test carrier", "kind": "carrier",
                "country_id": self.nl.id, "is_processor": True,
                "dpa_reference": "DPA-1", "dpa_date": "2025-03-01"}
        vals.update(kw)
        return vals

    def test_eea_is_computed_from_country(self):
        """P25: EEA membership follows the recipient's country."""
        for code, eea in (("nl", True), ("lu", True), ("no", True),
                          ("us", False), ("ch", False), ("uk", False)):
            recipient = self.Recipient.new(self._vals(
                country_id=self.env.ref("base.%s" % code).id))
            self.assertEqual(recipient.is_eea, eea, code)

    def test_outside_eea_needs_safeguard(self):
        """P25: no recipient outside the EEA is accepted without a
        transfer safeguard (and its date)."""
        count = self.Recipient.search_count([])
        with self.assertRaisesRegex(ValidationError, "Transfer safeguard"), \
                self.env.cr.savepoint():
            self.Recipient.create(self._vals(country_id=self.us.id))
        with self.assertRaisesRegex(ValidationError, "Safeguard date"), \
                self.env.cr.savepoint():
            self.Recipient.create(self._vals(
                country_id=self.us.id, transfer_safeguard="scc"))
        self.assertEqual(self.Recipient.search_count([]), count)
        ok = self.Recipient.create(self._vals(
            country_id=self.us.id, transfer_safeguard="scc",
            transfer_safeguard_date="2025-03-01"))
        self.assertFalse(ok.is_eea)
        eu = self.Recipient.create(self._vals(name="EU carrier"))
        with self.assertRaisesRegex(ValidationError, "outside the"), \
                self.env.cr.savepoint():
            eu.write({"country_id": self.us.id})
        eu.invalidate_cache()
        self.assertEqual(eu.country_id, self.nl)

    def test_processor_needs_agreement(self):
        """P23: a processor is saved only with its data processing
        agreement (reference and date)."""
        with self.assertRaisesRegex(ValidationError, "Processing agreement"):
            self.Recipient.create(self._vals(dpa_reference=False))
        with self.assertRaisesRegex(ValidationError, "Agreement date"):
            self.Recipient.create(self._vals(dpa_date=False))
        with self.assertRaisesRegex(ValidationError, "not a processor"):
            self.Recipient.create(self._vals(kind="authority"))

    def test_seeded_recipients(self):
        """P22: P23: P25: the policy's recipients are registered with their
        countries, agreements and safeguards."""
        ref = self.env.ref
        paypal = ref("lotus_gdpr.recipient_paypal")
        self.assertEqual(paypal.country_id, ref("base.lu"))
        self.assertTrue(paypal.is_eea)
        mail = ref("lotus_gdpr.recipient_mail")
        self.assertFalse(mail.is_eea)
        self.assertEqual(mail.transfer_safeguard, "scc")
        for xmlid in ("postnl", "dhl", "dpd", "paypal", "multisafepay",
                      "hosting", "mail", "product_support"):
            recipient = ref("lotus_gdpr.recipient_%s" % xmlid)
            self.assertTrue(recipient.is_processor, xmlid)
            self.assertTrue(recipient.dpa_reference and recipient.dpa_date,
                            xmlid)
            self.assertTrue(recipient.activity_ids, xmlid)
        kinds = {
            "postnl": "carrier", "dhl": "carrier", "dpd": "carrier",
            "paypal": "payment", "multisafepay": "payment",
            "product_support": "support", "hosting": "it", "mail": "it",
            "authority_ap": "authority", "police": "authority",
        }
        for xmlid, kind in kinds.items():
            self.assertEqual(ref("lotus_gdpr.recipient_%s" % xmlid).kind,
                             kind, xmlid)
        ap = ref("lotus_gdpr.recipient_authority_ap")
        self.assertEqual(ap.name, "Autoriteit Persoonsgegevens")
        self.assertTrue(ap.essential)
        self.assertFalse(ref("lotus_gdpr.recipient_postnl").essential)
        self.assertIn(ref("lotus_gdpr.activity_authorities"), ap.activity_ids)
        # The register itself names only the policy's kinds of recipient
        self.assertEqual(
            set(self.Recipient.search([]).mapped("kind")),
            {"carrier", "payment", "support", "it", "authority"})

    def test_kind_onchange(self):
        recipient = self.Recipient.new({"name": "AP", "kind": "authority"})
        recipient._onchange_kind()
        self.assertFalse(recipient.is_processor)
        self.assertTrue(recipient.essential)
