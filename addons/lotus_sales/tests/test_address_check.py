# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import LotusSalesCase


class TestAddressCheck(LotusSalesCase):

    def test_confirm_refused_lists_missing_parts_per_address(self):
        """P2: an order with incomplete invoice and delivery addresses is not
        confirmed; one message lists what each address lacks."""
        buyer = self._make_customer(
            "Jan", "Jansen", street="Molenstraat", zip=False)
        delivery = self.env["res.partner"].create({
            "parent_id": buyer.id, "type": "delivery", "name": "Jan Jansen",
            "street": "Kerkstraat 3", "zip": "1017 GC", "city": "Amsterdam",
            "country_id": False,
        })
        order = self._make_order(buyer, partner_shipping_id=delivery.id)
        with self.assertRaises(UserError) as raised:
            order.action_confirm()
        message = raised.exception.name
        self.assertIn("invoice address", message)
        self.assertIn("house number", message)
        self.assertIn("postal code", message)
        self.assertIn("delivery address", message)
        self.assertIn("country", message)
        self.assertNotIn("city", message.split("\n")[1].split(":")[-1])
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.picking_ids)

    def test_complete_address_confirms(self):
        """P2: a complete address (street with number, postal code, city,
        country) confirms and creates the delivery."""
        order = self._make_order(self.customer)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.picking_ids)

    def test_first_and_family_name_needed_for_a_person(self):
        """P1: the invoice needs the customer's first and family name; a
        company needs only its name."""
        single = self.env["res.partner"].create({
            "name": "Jansen", "street": "Molenstraat 12", "zip": "6511 HH",
            "city": "Nijmegen", "country_id": self.nl.id,
        })
        self.assertEqual(single.lastname, "Jansen")
        self.assertFalse(single.firstname)
        order = self._make_order(single)
        with self.assertRaises(UserError) as raised:
            order.action_confirm()
        self.assertIn("first name", raised.exception.name)
        company = self.env["res.partner"].create({
            "name": "Printlab BV", "is_company": True,
            "street": "Groenestraat 215", "zip": "6531 HH",
            "city": "Nijmegen", "country_id": self.nl.id,
        })
        company_order = self._make_order(company)
        company_order.action_confirm()
        self.assertEqual(company_order.state, "sale")

    def test_shipping_refused_when_address_became_incomplete(self):
        """P2: a delivery whose address lost its postal code is not shipped:
        nothing moves, nothing goes to the carrier."""
        customer = self._make_customer("Eva", "Smit")
        order = self._make_order(customer, carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        customer.write({"zip": False, "street": "Dorpsstraat"})
        with self.assertRaises(UserError) as raised:
            picking.button_validate()
        self.assertIn("postal code", raised.exception.name)
        self.assertIn("house number", raised.exception.name)
        with self.assertRaises(UserError):
            picking.action_done()
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(self._disclosures(picking))

    def test_batch_confirmation_is_all_or_nothing(self):
        """P2: confirming several orders at once confirms none while one of
        them has an incomplete address."""
        good = self._make_order(self.customer)
        bad = self._make_order(self._make_customer("Joris", "Kok", city=False))
        with self.assertRaises(UserError) as raised:
            (good | bad).action_confirm()
        self.assertIn(bad.name, raised.exception.name)
        self.assertNotIn(good.name, raised.exception.name)
        self.assertEqual((good | bad).mapped("state"), ["draft", "draft"])
