# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase

from .common import LotusSalesCase


class TestPartnerNames(LotusSalesCase):

    def test_name_is_composed_first_then_family(self):
        """P1: first and family name make the name, first name first."""
        partner = self.env["res.partner"].create(
            {"firstname": "Anna", "lastname": "de Vries"})
        self.assertEqual(partner.name, "Anna de Vries")
        self.assertEqual(partner._fields["lastname"].string, "Family name")

    def test_name_only_keeps_working(self):
        """P1: partners created or imported with only a name keep working:
        the name is split into first and family name."""
        partner = self.env["res.partner"].create({"name": "Jan Jansen"})
        self.assertEqual((partner.firstname, partner.lastname),
                         ("Jan", "Jansen"))
        partner.name = "Piet van der Berg"
        self.assertEqual((partner.firstname, partner.lastname),
                         ("Piet", "van der Berg"))
        result = self.env["res.partner"].load(
            ["name", "email", "street", "zip", "city"],
            [["Marieke de Graaf", "marieke@example.nl", "Lange Hezelstraat 8",
              "6511 CA", "Nijmegen"]])
        self.assertFalse(result["messages"])
        imported = self.env["res.partner"].browse(result["ids"])
        self.assertEqual((imported.firstname, imported.lastname),
                         ("Marieke", "de Graaf"))
        self.assertEqual(imported.name, "Marieke de Graaf")

    def test_company_name_optional(self):
        """P1: a company needs no first name; a person needs no company."""
        company = self.env["res.partner"].create(
            {"name": "Printlab BV", "is_company": True})
        self.assertEqual(company.name, "Printlab BV")
        self.assertFalse(company._lotus_names_missing())
        self.assertFalse(self.customer.commercial_company_name)
        self.assertFalse(self.customer._lotus_names_missing())

    def test_registered_for_anonymisation(self):
        """P1, P33: first and family name are personal fields of the
        partner, next to the ones lotus_gdpr declares."""
        fields = self.env["res.partner"]._lotus_personal_fields()
        self.assertEqual(fields["firstname"], "blank")
        self.assertEqual(fields["lastname"], "placeholder")
        self.assertIn("email", fields)


class TestPortalDetails(HttpCase):
    """The portal "My details" form (Odoo 11 /my/account)."""

    def setUp(self):
        super(TestPortalDetails, self).setUp()
        # Odoo 11: the HTTP server works in the registry's test cursor, not
        # in the test case's own one: build the data where it can see it
        # (rolled back when the test leaves test mode).
        own_cr, own_env = self.cr, self.env
        self.cr = self.registry.test_cr
        self.env = api.Environment(self.cr, SUPERUSER_ID, {})

        def restore():
            self.cr, self.env = own_cr, own_env
        self.addCleanup(restore)
        self.user = self.env["res.users"].create({
            "name": "Sanne Visser",
            "login": "sanne.portal@example.nl",
            "password": "sanne-portal-1",
            "email": "sanne.portal@example.nl",
            "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
        })
        self.partner = self.user.partner_id
        self.nl = self.env.ref("base.nl")

    def _post(self, **values):
        page = self.url_open("/my/account").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
        data = {
            "csrf_token": token, "email": "sanne.portal@example.nl",
            "phone": "+31 6 1234 5678", "street": "Burchtstraat 20",
            "zipcode": "6511 RB", "city": "Nijmegen",
            "country_id": str(self.nl.id),
        }
        data.update(values)
        return self.url_open("/my/account", data=data)

    def test_portal_asks_first_and_family_name(self):
        """P1: the portal details form asks for first and family name, the
        company name is optional."""
        self.authenticate("sanne.portal@example.nl", "sanne-portal-1")
        page = self.url_open("/my/account").text
        self.assertIn('name="firstname"', page)
        self.assertIn('name="lastname"', page)
        self.assertNotIn('name="name"', page)
        self.assertIn('name="company_name"', page)
        self._post(firstname="Sanne", lastname="de Wit")
        self.partner.invalidate_cache()
        self.assertEqual((self.partner.firstname, self.partner.lastname),
                         ("Sanne", "de Wit"))
        self.assertEqual(self.partner.name, "Sanne de Wit")
        self.assertEqual(self.partner.zip, "6511 RB")

    def test_portal_name_only_keeps_working(self):
        """P1: a form that still posts one name is split, not refused."""
        self.authenticate("sanne.portal@example.nl", "sanne-portal-1")
        self._post(name="Sanne van Dijk")
        self.partner.invalidate_cache()
        self.assertEqual((self.partner.firstname, self.partner.lastname),
                         ("Sanne", "van Dijk"))

    def test_portal_refuses_incomplete_details(self):
        """P1, P2, P5: a missing family name, a street without number or a
        card number is refused with a message; nothing changes."""
        self.authenticate("sanne.portal@example.nl", "sanne-portal-1")
        for values, message in (
                ({"firstname": "Sanne", "lastname": ""}, "required fields"),
                ({"firstname": "Sanne", "lastname": "Bos",
                  "street": "Burchtstraat"}, "house number"),
                ({"firstname": "Sanne", "lastname": "Bos",
                  "city": "4111 1111 1111 1111"}, "card numbers")):
            response = self._post(**values)
            self.assertIn(message, response.text)
            self.partner.invalidate_cache()
            self.assertEqual(self.partner.name, "Sanne Visser")
