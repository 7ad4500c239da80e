# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .register_common import LotusPrivacyCase


class TestDisclosure(LotusPrivacyCase):
    """One method through which personal data leaves the system."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.Disclosure = cls.env["lotus.privacy.disclosure"]
        cls.postnl = ref("lotus_gdpr.recipient_postnl")
        cls.hosting = ref("lotus_gdpr.recipient_hosting")
        cls.police = ref("lotus_gdpr.recipient_police")
        cls.delivery = ref("lotus_gdpr.activity_delivery")
        cls.newsletter = ref("lotus_gdpr.activity_newsletter")
        cls.authorities = ref("lotus_gdpr.activity_authorities")
        cls.partner = cls.env["res.partner"].create({
            "name": "Sanne de Boer", "email": "sanne.deboer@example.nl",
            "street": "Molenweg 12", "zip": "6511 AB", "city": "Nijmegen",
            "phone": "+31 6 12345678"})

    def _count(self):
        return self.Disclosure.search_count([])

    def test_unregistered_purpose_refused(self):
        """P24: data is never disclosed to a recipient for a purpose it is
        not registered for; nothing is recorded."""
        before = self._count()
        with self.assertRaisesRegex(UserError, "not a registered recipient"):
            self.Disclosure.record_disclosure(
                self.postnl, self.partner, ["name", "email"], self.newsletter)
        self.assertEqual(self._count(), before)

    def test_disclosure_recorded_and_logged(self):
        """P8: P22: a disclosure records recipient, purpose, fields and
        data subjects, and goes to the audit log."""
        disclosure = self.Disclosure.record_disclosure(
            self.postnl, self.partner, ["street", "name", "phone"],
            self.delivery, reference="3SABCD1234567")
        self.assertEqual(disclosure.partner_ids, self.partner)
        self.assertEqual(disclosure.field_names, "name, phone, street")
        self.assertEqual(disclosure.legal_ground, "contract")
        self.assertEqual(disclosure.record_count, 1)
        self.assertFalse(disclosure.outside_eea)
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "disclosure"), ("res_model", "=", "res.partner"),
             ("res_id", "=", self.partner.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.field_names, "name, phone, street")
        self.assertIn("#%d" % disclosure.id, log.note)
        # visible on the partner for privacy users
        partner = self.partner.sudo(self.privacy_user)
        self.assertEqual(partner.lotus_disclosure_count, 1)
        action = partner.action_lotus_view_disclosures()
        self.assertEqual(
            self.Disclosure.sudo(self.privacy_user).search(action["domain"]),
            disclosure)
        # a record of what happened cannot be changed
        with self.assertRaises(UserError):
            disclosure.write({"reference": "other"})
        with self.assertRaises(UserError):
            disclosure.unlink()

    def test_authority_needs_legal_obligation_and_reference(self):
        """P32: a disclosure to an authority is recorded with the legal
        ground 'legal obligation' and the authority's reference."""
        before = self._count()
        with self.assertRaisesRegex(UserError, "Reference"):
            self.Disclosure.record_disclosure(
                self.police, self.partner, ["name", "email"],
                self.authorities)
        with self.assertRaisesRegex(UserError, "not a registered recipient"):
            self.Disclosure.record_disclosure(
                self.police, self.partner, ["name"], self.delivery,
                reference="PV-2026-0042")
        self.assertEqual(self._count(), before)
        with self.assertRaisesRegex(UserError, "legal ground"):
            self.Disclosure.record_disclosure(
                self.police, self.partner, ["name"], self.authorities,
                reference="PV-2026-0042", legal_ground="consent")
        self.assertEqual(self._count(), before)
        disclosure = self.Disclosure.record_disclosure(
            self.police, self.partner, ["name", "email"], self.authorities,
            reference="PV-2026-0042", legal_ground="legal_obligation")
        self.assertEqual(disclosure.legal_ground, "legal_obligation")
        self.assertEqual(disclosure.reference, "PV-2026-0042")
        self.assertEqual(disclosure.recipient_kind, "authority")

    def test_restricted_partner_only_to_essential(self):
        """GDPR art. 18: a restricted partner's data goes only to essential
        recipients."""
        self.partner.write({"lotus_restricted": True,
                            "lotus_restriction_reason": "Accuracy contested"})
        contact = self.env["res.partner"].create({
            "name": "Contact of restricted", "parent_id": self.partner.id})
        before = self._count()
        for subject in (self.partner, contact):
            with self.assertRaisesRegex(UserError, "restricted"):
                self.Disclosure.record_disclosure(
                    self.postnl, subject, ["name"], self.delivery)
        self.assertEqual(self._count(), before)
        done = self.Disclosure.record_disclosure(
            self.hosting, self.partner, ["name"], self.delivery)
        self.assertTrue(done)

    def test_any_user_can_disclose_never_sees_authority_disclosures(self):
        """A salesperson's shipment records its disclosure and the
        salesperson sees it on the delivery; a disclosure to an authority
        is seen by privacy staff only."""
        self.assertTrue(self.postnl.sudo(self.salesman)._lotus_allows(
            self.delivery.sudo(self.salesman)))
        self.assertFalse(self.postnl.sudo(self.salesman)._lotus_allows(
            self.newsletter.sudo(self.salesman)))
        shipped = self.Disclosure.sudo(self.salesman).record_disclosure(
            self.postnl.sudo(self.salesman), self.partner.sudo(self.salesman),
            ["name", "street"], self.delivery.sudo(self.salesman))
        self.assertEqual(shipped.user_id, self.salesman)
        police = self.Disclosure.record_disclosure(
            self.police, self.partner, ["name"], self.authorities,
            reference="PV-2026-0077")
        both = [("id", "in", (shipped | police).ids)]
        self.assertEqual(
            self.Disclosure.sudo(self.salesman).search(both).ids, shipped.ids)
        with self.assertRaises(AccessError):
            police.sudo(self.salesman).read(["reference"])
        self.assertEqual(
            set(self.Disclosure.sudo(self.privacy_user).search(both).ids),
            set((shipped | police).ids))
        self.assertFalse(self.Disclosure.sudo(self.portal)
                         .check_access_rights("read", raise_exception=False))

    def test_subjects_derived_from_records(self):
        """The data subjects of registered records are found without the
        caller naming them."""
        contact = self.env["res.partner"].create({
            "name": "Delivery contact", "parent_id": self.partner.id})
        disclosure = self.Disclosure.record_disclosure(
            self.postnl, contact, ["name"], self.delivery)
        self.assertEqual(disclosure.partner_ids, contact)

    def test_no_fields_refused(self):
        with self.assertRaisesRegex(UserError, "No fields"):
            self.Disclosure.record_disclosure(
                self.postnl, self.partner, [], self.delivery)
