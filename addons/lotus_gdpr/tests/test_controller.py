# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from passlib.context import CryptContext

from odoo.exceptions import AccessDenied, AccessError, ValidationError

from .register_common import LotusPrivacyCase


class TestController(LotusPrivacyCase):
    """The controller's identity, DPO and authority; stored passwords."""

    def test_passwords_stored_hashed(self):
        """P18: a password is stored as a salted hash, never in clear."""
        clear = "Lotus-Pr1nt3r-Secret!"
        users = self.portal | self.salesman
        users.write({"password": clear})
        self.env.cr.execute(
            "SELECT password, password_crypt FROM res_users "
            "WHERE id IN %s ORDER BY id", (tuple(users.ids),))
        rows = self.env.cr.fetchall()
        self.assertEqual(len(rows), 2)
        context = CryptContext(["pbkdf2_sha512"])
        for password, password_crypt in rows:
            self.assertFalse(password)
            self.assertNotIn(clear, password_crypt)
            self.assertEqual(context.identify(password_crypt), "pbkdf2_sha512")
            self.assertTrue(context.verify(clear, password_crypt))
        # salted: the same password gives two different hashes
        self.assertNotEqual(rows[0][1], rows[1][1])
        # and the user still logs in with it
        self.portal.sudo(self.portal).check_credentials(clear)
        with self.assertRaises(AccessDenied):
            self.portal.sudo(self.portal).check_credentials("wrong")

    def test_controller_data_shipped(self):
        """P31: Lotus 3D Printers BV is the controller, with its address,
        registration, VAT and EORI numbers, DPO and authority."""
        company = self.env.ref("base.main_company")
        self.assertEqual(company.name, "Lotus 3D Printers BV")
        self.assertEqual(company.street, "Groenestraat 215")
        self.assertEqual(company.zip, "6531 HH")
        self.assertEqual(company.city, "Nijmegen")
        self.assertEqual(company.country_id, self.nl)
        self.assertEqual(company.phone, "+31 (0)85 7432 000")
        self.assertEqual(company.email, "info@lotus3dprinters.com")
        self.assertEqual(company.company_registry, "72208015")
        self.assertEqual(company.vat, "NL859030374B01")
        self.assertEqual(company.lotus_eori, "NL859030374")
        self.assertEqual(company.lotus_dpo_email, "info@lotus3dprinters.com")
        self.assertIn("Data Protection Officer", company.lotus_dpo_name)
        self.assertIn("Groenestraat 215", company.lotus_dpo_address)
        self.assertEqual(company.lotus_authority_name,
                         "Autoriteit Persoonsgegevens")
        self.assertTrue(company.lotus_authority_url.startswith("https://"))
        self.assertEqual(
            self.env.ref("lotus_gdpr.activity_ordering").controller_id,
            company.partner_id)

    def test_settings_privacy_block(self):
        """P30: P31: the administrator sets the DPO contact and the
        authority in Settings > Privacy."""
        Settings = self.env["res.config.settings"]
        view = Settings.fields_view_get(view_type="form")
        for field in ("lotus_dpo_name", "lotus_dpo_email",
                      "lotus_dpo_address", "lotus_authority_name",
                      "lotus_authority_url", "lotus_eori"):
            self.assertIn(field, view["fields"])
        self.assertIn('data-key="lotus_gdpr"', view["arch"])
        settings = Settings.create({
            "lotus_dpo_name": "Mr. J. Privacy",
            "lotus_dpo_email": "dpo@lotus3dprinters.com",
            "lotus_authority_url": "https://www.autoriteitpersoonsgegevens.nl",
        })
        settings.execute()
        company = self.env.user.company_id
        self.assertEqual(company.lotus_dpo_email, "dpo@lotus3dprinters.com")
        self.assertEqual(company.lotus_dpo_name, "Mr. J. Privacy")
        self.assertEqual(
            Settings.create({}).lotus_dpo_email, "dpo@lotus3dprinters.com")

    def test_settings_refuse_bad_values(self):
        """A malformed DPO email or authority website is refused with the
        field's name; nothing changes."""
        company = self.env.user.company_id
        company.invalidate_cache()
        before = company.lotus_dpo_email
        with self.assertRaisesRegex(ValidationError, "DPO email"), \
                self.env.cr.savepoint():
            company.write({"lotus_dpo_email": "not an address"})
        with self.assertRaisesRegex(ValidationError, "authority website"), \
                self.env.cr.savepoint():
            company.write({"lotus_authority_url": "autoriteit.nl"})
        company.invalidate_cache()
        self.assertEqual(company.lotus_dpo_email, before)

    def test_officer_cannot_change_settings(self):
        """The DPO is not an administrator: Settings stay the admin's."""
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].sudo(self.officer).create(
                {"lotus_dpo_email": "x@example.com"}).execute()
