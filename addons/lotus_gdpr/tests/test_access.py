# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError

from .register_common import LotusPrivacyCase

PRIVACY_MODELS = [
    "privacy.activity",
    "privacy.consent",
    "lotus.privacy.data.category",
    "lotus.audit.log",
]


class TestAccess(LotusPrivacyCase):
    """Roles: salesperson, privacy user, privacy officer (DPO), portal."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({
            "name": "Fenna Visser", "email": "fenna@example.nl",
            "customer": True})
        cls.customer_bank = cls.env["res.partner.bank"].create({
            "acc_number": "NL91ABNA0417164300",
            "partner_id": cls.customer.id})
        cls.company_bank = cls.env["res.partner.bank"].create({
            "acc_number": "NL20INGB0001234567",
            "partner_id": cls.env.user.company_id.partner_id.id})
        Menu = cls.env["ir.ui.menu"]
        cls.menu_top = cls.env.ref("privacy.parent_menu_data_protection")
        cls.menu_register = cls.env.ref("lotus_gdpr.menu_privacy_register")
        cls.menu_audit = cls.env.ref("lotus_gdpr.menu_privacy_audit")
        cls.menu_config = cls.env.ref("lotus_gdpr.menu_privacy_config")
        cls.Menu = Menu

    def _visible_menus(self, user):
        return self.Menu.sudo(user).search([])

    def test_salesperson_sees_no_privacy_model_or_menu(self):
        """A salesperson reads no privacy model and sees no Privacy menu."""
        for model in PRIVACY_MODELS:
            self.assertFalse(
                self.env[model].sudo(self.salesman).check_access_rights(
                    "read", raise_exception=False), model)
        menus = self._visible_menus(self.salesman)
        self.assertNotIn(self.menu_top, menus)
        self.assertNotIn(self.menu_register, menus)
        with self.assertRaises(AccessError):
            self.env["privacy.activity"].sudo(self.salesman).search([])

    def test_salesperson_reads_partner_privacy_state(self):
        """A salesperson sees a partner's consent and restriction state:
        every field of the partner form reads without an access error."""
        partner = self.customer.sudo(self.salesman)
        values = partner.read([
            "lotus_restricted", "lotus_restriction_reason",
            "lotus_marketing_objection"])[0]
        self.assertFalse(values["lotus_restricted"])
        view = partner.fields_view_get(view_type="form")
        partner.read(list(view["fields"]))
        # but not the privacy officer's counters
        self.assertNotIn("lotus_disclosure_count", view["fields"])

    def test_privacy_user_reads_register_not_audit(self):
        """A privacy user reads the register and disclosures, changes
        neither, and does not read the audit log."""
        for model in ("privacy.activity", "lotus.privacy.recipient",
                      "lotus.privacy.disclosure",
                      "lotus.privacy.data.category", "privacy.consent"):
            self.assertTrue(self.env[model].sudo(
                self.privacy_user).check_access_rights("read"), model)
        activity = self.env.ref("lotus_gdpr.activity_delivery")
        with self.assertRaises(AccessError):
            activity.sudo(self.privacy_user).write({"lotus_retention": "x"})
        with self.assertRaises(AccessError):
            self.env.ref("lotus_gdpr.recipient_postnl").sudo(
                self.privacy_user).write({"essential": True})
        with self.assertRaises(AccessError):
            self.env["lotus.audit.log"].sudo(self.privacy_user).search([])
        menus = self._visible_menus(self.privacy_user)
        self.assertIn(self.menu_top, menus)
        self.assertIn(self.menu_register, menus)
        self.assertNotIn(self.menu_audit, menus)

    def test_officer_is_not_administrator(self):
        """The DPO does all privacy work without being an administrator."""
        officer = self.officer
        self.assertFalse(officer.has_group("base.group_system"))
        self.assertFalse(officer.has_group("base.group_erp_manager"))
        self.assertTrue(officer.has_group(
            "privacy.group_data_protection_manager"))
        activity = self.env.ref("lotus_gdpr.activity_delivery").sudo(officer)
        activity.write({"lotus_retention": "Two years after delivery."})
        recipient = self.env["lotus.privacy.recipient"].sudo(officer).create({
            "name": "GLS Netherlands", "kind": "carrier",
            "country_id": self.nl.id, "is_processor": True,
            "dpa_reference": "GLS-DPA-1", "dpa_date": "2025-01-01",
            "activity_ids": [(6, 0, activity.ids)]})
        self.assertIn(recipient, activity.lotus_recipient_ids)
        # reads the audit log (raises AccessError otherwise)
        self.env["lotus.audit.log"].sudo(officer).search([], limit=1)
        menus = self._visible_menus(officer)
        for menu in (self.menu_top, self.menu_register, self.menu_audit,
                     self.menu_config):
            self.assertIn(menu, menus)
        # P20: the proof of consent of everyone, under Audit.
        consent_history = self.env.ref("lotus_gdpr.menu_lotus_consent_event")
        self.assertIn(consent_history, menus)
        self.assertNotIn(consent_history, self._visible_menus(self.salesman))
        # Settings (which only administrators may save) stay out of reach
        self.assertNotIn(
            self.env.ref("privacy.menu_data_protection_setting"), menus)

    def test_portal_user_reads_no_privacy_model(self):
        """A portal customer reads none of the staff's privacy models."""
        models = PRIVACY_MODELS + ["lotus.privacy.recipient",
                                   "lotus.privacy.disclosure"]
        for model in models:
            self.assertFalse(
                self.env[model].sudo(self.portal).check_access_rights(
                    "read", raise_exception=False), model)
        # portal users never load the back-office menus at all
        self.assertFalse(self.Menu.sudo(self.portal).check_access_rights(
            "read", raise_exception=False))

    def test_one_caller_check(self):
        """Every privacy method checks its caller with one helper: the
        refusal names the group that grants it and what was refused; the
        system itself (the superuser: scheduled actions, engine code in
        superuser mode) passes, in a privacy group or not."""
        with self.assertRaisesRegex(
                AccessError, r'group "Privacy Officer \(DPO\)" may '
                             r'anonymise customers\.'):
            self.env["lotus.anonymizer"].sudo(
                self.privacy_user)._check_officer()
        finder = self.env["lotus.privacy.finder"]
        with self.assertRaisesRegex(
                AccessError, r'group "Privacy User" may look up a person'):
            finder.sudo(self.salesman)._check_privacy_user()
        finder.sudo(self.privacy_user)._check_privacy_user()
        with self.assertRaises(AccessError):
            finder.sudo(self.portal)._check_privacy_user()
        self.env.ref("lotus_gdpr.group_privacy_officer").write(
            {"users": [(3, self.env.uid)]})
        self.assertFalse(self.env.user.has_group(
            "lotus_gdpr.group_privacy_officer"))
        self.env["lotus.anonymizer"]._check_officer()
        self.env["lotus.authority.disclosure.wizard"] \
            ._lotus_check_privacy_group("officer", "record a disclosure")

    def test_bank_accounts_accounting_and_officer_only(self):
        """P6: customers' bank accounts are read by accounting and the
        privacy officer only; others see the company's own accounts."""
        Bank = self.env["res.partner.bank"]
        for user in (self.accountant, self.officer):
            found = Bank.sudo(user).search(
                [("id", "in", [self.customer_bank.id, self.company_bank.id])])
            self.assertEqual(found, self.customer_bank | self.company_bank)
            self.assertEqual(
                self.customer_bank.sudo(user).acc_number, "NL91ABNA0417164300")
        for user in (self.salesman, self.privacy_user):
            found = Bank.sudo(user).search(
                [("id", "in", [self.customer_bank.id, self.company_bank.id])])
            self.assertEqual(found, self.company_bank)
            with self.assertRaises(AccessError):
                self.customer_bank.sudo(user).read(["acc_number"])
            self.assertFalse(self.customer.sudo(user).bank_ids)
        with self.assertRaises(AccessError):
            self.customer_bank.sudo(self.portal).read(["acc_number"])

    def test_privacy_screens_open_for_their_roles(self):
        """Every privacy list, form and search view opens for the roles
        whose menu leads to it, and the partner form shows privacy users
        the 'Disclosures' button."""
        screens = {
            self.privacy_user: ["privacy.activity", "lotus.privacy.recipient",
                                "lotus.privacy.disclosure"],
            self.officer: ["privacy.activity", "lotus.privacy.recipient",
                           "lotus.privacy.disclosure",
                           "lotus.privacy.data.category", "lotus.audit.log",
                           "lotus.consent.event"],
        }
        for user, models in screens.items():
            for model in models:
                Model = self.env[model].sudo(user)
                for view_type in ("tree", "form", "search"):
                    view = Model.fields_view_get(view_type=view_type)
                    if view_type != "search":
                        Model.search_read([], list(view["fields"]), limit=5)
        activity_form = self.env["privacy.activity"].sudo(
            self.privacy_user).fields_view_get(view_type="form")
        for field in ("lotus_legal_ground", "lotus_purpose",
                      "lotus_data_category_ids", "lotus_recipient_ids",
                      "lotus_transfer_outside_eea", "lotus_retention"):
            self.assertIn(field, activity_form["fields"])
        partner_form = self.env["res.partner"].sudo(
            self.privacy_user).fields_view_get(view_type="form")
        self.assertIn("lotus_disclosure_count", partner_form["fields"])
        self.assertIn("action_lotus_view_disclosures", partner_form["arch"])

    def test_officer_keeps_privacy_contacts_up_to_date(self):
        """P30: the DPO changes the DPO and authority contacts that the
        privacy page shows without Settings rights; nothing else of the
        company, and a salesperson not even those."""
        company = self.env.user.company_id
        officer, salesman = self.officer, self.salesman
        self.assertFalse(officer.has_group("base.group_erp_manager"))
        # The menu's server action, run as the officer.
        action = self.env.ref("lotus_gdpr.action_lotus_privacy_contacts") \
            .sudo(officer).run()
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("res.company", company.id))
        form = self.env["res.company"].sudo(officer).fields_view_get(
            view_id=action["views"][0][0], view_type="form")
        self.assertIn("lotus_dpo_email", form["fields"])
        self.assertIn(self.env.ref("lotus_gdpr.menu_lotus_privacy_contacts"),
                      self._visible_menus(officer))
        company.sudo(officer).write({
            "lotus_dpo_email": "dpo@lotus3d.example",
            "lotus_authority_url": "https://autoriteitpersoonsgegevens.nl"})
        self.assertEqual(company.lotus_dpo_email, "dpo@lotus3d.example")
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "privacy_contacts_changed")], limit=1)
        self.assertEqual(log.field_names,
                         "lotus_authority_url, lotus_dpo_email")
        self.assertNotIn("dpo@lotus3d.example", log.note or "")
        name = company.name
        for user, vals in ((officer, {"name": "Taken over BV"}),
                           (officer, {"lotus_dpo_email": "x@example.nl",
                                      "vat": "NL000000000B00"}),
                           (salesman, {"lotus_dpo_email": "x@example.nl"})):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                company.sudo(user).write(vals)
        company.invalidate_cache()
        self.assertEqual((company.name, company.lotus_dpo_email),
                         (name, "dpo@lotus3d.example"))
        # Bad input is refused with the field's name.
        with self.assertRaisesRegex(ValidationError, "DPO email"), \
                self.env.cr.savepoint():
            company.sudo(officer).write({"lotus_dpo_email": "not an address"})
