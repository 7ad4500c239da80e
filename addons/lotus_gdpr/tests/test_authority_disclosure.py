# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError

from .register_common import LotusPrivacyCase


class TestAuthorityDisclosure(LotusPrivacyCase):
    """P32: the officer records what went to an authority."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ref = cls.env.ref
        cls.police = ref("lotus_gdpr.recipient_police")
        cls.postnl = ref("lotus_gdpr.recipient_postnl")
        cls.authorities = ref("lotus_gdpr.activity_authorities")
        cls.categories = ref("lotus_gdpr.data_category_identity") | ref(
            "lotus_gdpr.data_category_address")
        cls.partner = cls.env["res.partner"].create({
            "name": "Sanne de Boer", "email": "sanne.deboer@example.nl",
            "street": "Molenweg 12", "zip": "6511 AB", "city": "Nijmegen"})
        cls.Wizard = cls.env["lotus.authority.disclosure.wizard"]

    def _wizard(self, user=None, **vals):
        values = {
            "recipient_id": self.police.id,
            "legal_reference": "art. 126nd Wetboek van Strafvordering",
            "category_ids": [(6, 0, self.categories.ids)],
            "request_reference": "PV-2026-0099",
            "request_date": "2026-11-20",
        }
        values.update(vals)
        Wizard = self.Wizard.sudo(user or self.officer).with_context(
            active_model="res.partner", active_id=self.partner.id)
        return Wizard.create(values)

    def _export(self):
        return self.partner.sudo(self.officer)._lotus_export_personal_data()

    def test_recorded_in_register_audit_log_and_export(self):
        """P32: a disclosure to an authority, recorded from the customer,
        is in the register with its legal ground, provision, categories,
        request reference and date, in the audit log, and in the
        customer's access export (GDPR art. 15(1)(c))."""
        wizard = self._wizard()
        self.assertEqual(wizard.partner_id, self.partner)
        self.assertEqual(wizard.activity_id, self.authorities)
        action = wizard.action_record()
        disclosure = self.env["lotus.privacy.disclosure"].browse(
            action["res_id"])
        self.assertEqual(disclosure.recipient_id, self.police)
        self.assertEqual(disclosure.legal_ground, "legal_obligation")
        self.assertEqual(disclosure.legal_reference,
                         "art. 126nd Wetboek van Strafvordering")
        self.assertEqual(disclosure.reference, "PV-2026-0099")
        self.assertEqual(disclosure.request_date, "2026-11-20")
        self.assertEqual(disclosure.data_category_ids, self.categories)
        self.assertEqual(disclosure.partner_ids, self.partner)
        self.assertEqual(disclosure.field_names, "address, identity")
        log = self.env["lotus.audit.log"].search([
            ("action", "=", "disclosure"), ("res_model", "=", "res.partner"),
            ("res_id", "=", self.partner.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.user_id, self.officer)
        self.assertIn("#%d" % disclosure.id, log.note)
        exported = self._export()["disclosures"]
        self.assertEqual(len(exported), 1)
        self.assertEqual(exported[0]["recipient"], self.police.name)
        self.assertEqual(exported[0]["legal_reference"],
                         "art. 126nd Wetboek van Strafvordering")
        self.assertEqual(set(exported[0]["data_categories"]),
                         set(self.categories.mapped("name")))
        html = self.env.ref("lotus_gdpr.report_lotus_personal_data") \
            .render_qweb_html(self.partner.ids)[0].decode("utf-8")
        self.assertIn(self.police.name, html)

    def test_confidential_left_out_of_the_export(self):
        """P32: a confidential disclosure is in the register, the export
        says nothing about it and the audit log says why."""
        with self.assertRaisesRegex(UserError, "reason"):
            self._wizard(confidential=True).action_record()
        self._wizard(confidential=True, confidential_reason=(
            "Order of the public prosecutor not to inform")).action_record()
        disclosure = self.env["lotus.privacy.disclosure"].search([
            ("partner_ids", "in", self.partner.ids)])
        self.assertTrue(disclosure.confidential)
        self.assertEqual(self._export()["disclosures"], [])
        log = self.env["lotus.audit.log"].search([
            ("action", "=", "disclosure"), ("res_id", "=", self.partner.id)])
        self.assertIn("Order of the public prosecutor", log.note)

    def test_only_registered_authorities_for_a_legal_obligation(self):
        """P32, P24: only an authority registered for a purpose with the
        legal ground 'legal obligation' is accepted; nothing is recorded
        otherwise."""
        Disclosure = self.env["lotus.privacy.disclosure"]
        before = Disclosure.search_count([])
        self.police.activity_ids = [(5, 0, 0)]
        with self.assertRaisesRegex(UserError, "not a registered recipient"):
            self._wizard().action_record()
        self.assertEqual(Disclosure.search_count([]), before)

    def test_record_must_be_the_customers(self):
        """P32: the records handed over belong to the customer."""
        other = self.env["res.partner"].create({"name": "Someone else"})
        with self.assertRaisesRegex(UserError, "not a record of"):
            self._wizard(record_ref="res.partner,%d" % other.id) \
                .action_record()

    def test_only_the_officer(self):
        """P32: only the privacy officer records a disclosure to an
        authority."""
        for user in (self.privacy_user, self.salesman):
            with self.assertRaises(AccessError):
                self._wizard(user=user)

    def test_menu_and_partner_action(self):
        """P32: the wizard opens from the Disclosures menu and from a
        customer's Action menu, for the officer."""
        action = self.env.ref(
            "lotus_gdpr.action_lotus_authority_disclosure_wizard_partner")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        menu = self.env.ref(
            "lotus_gdpr.menu_lotus_authority_disclosure_wizard")
        self.assertEqual(menu.parent_id, self.env.ref(
            "lotus_gdpr.menu_lotus_privacy_disclosure").parent_id)
        self.assertIn(self.env.ref("lotus_gdpr.group_privacy_officer"),
                      menu.groups_id)
