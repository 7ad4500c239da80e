# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError

from .common import LotusSalesCase


class TestAddressCheck(LotusSalesCase):

    def _invoice(self, order):
        return self.env["account.invoice"].browse(
            order.action_invoice_create())

    def test_incomplete_address_confirms_but_is_not_invoiced(self):
        """P2: an order with incomplete invoice and delivery addresses is
        confirmed (that neither invoices nor ships; Odoo's own delivery
        flows confirm such orders), but its invoice is not validated: one
        message lists what the invoice address lacks."""
        buyer = self._make_customer(
            "Jan", "Jansen", street="Molenstraat", zip=False)
        delivery = self.env["res.partner"].create({
            "parent_id": buyer.id, "type": "delivery", "name": "Jan Jansen",
            "street": "Kerkstraat 3", "zip": "1017 GC", "city": "Amsterdam",
            "country_id": False,
        })
        order = self._make_order(buyer, partner_shipping_id=delivery.id)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        invoice = self._invoice(order)
        with self.assertRaises(UserError) as raised:
            invoice.action_invoice_open()
        message = raised.exception.name
        self.assertIn("invoice address", message)
        self.assertIn("house number", message)
        self.assertIn("postal code", message)
        self.assertNotIn("city", message.split("\n")[1].split(":")[-1])
        self.assertEqual(invoice.state, "draft")
        self.assertFalse(invoice.number)

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
        order.action_confirm()
        invoice = self._invoice(order)
        with self.assertRaises(UserError) as raised:
            invoice.action_invoice_open()
        self.assertIn("first name", raised.exception.name)
        self.assertEqual(invoice.state, "draft")
        company = self.env["res.partner"].create({
            "name": "Printlab BV", "is_company": True,
            "street": "Groenestraat 215", "zip": "6531 HH",
            "city": "Nijmegen", "country_id": self.nl.id,
        })
        company_order = self._make_order(company)
        company_order.action_confirm()
        company_invoice = self._invoice(company_order)
        company_invoice.action_invoice_open()
        self.assertEqual(company_invoice.state, "open")

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

    def test_delivery_to_an_incomplete_address_is_not_shipped(self):
        """P2: the delivery of a confirmed order whose delivery address
        lacks its country is not validated."""
        order = self._make_order(self._make_customer(
            "Lotte", "Bos", country_id=False), carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        with self.assertRaises(UserError) as raised:
            picking.button_validate()
        self.assertIn("country", raised.exception.name)
        self.assertNotEqual(picking.state, "done")

    def test_batch_validation_is_all_or_nothing(self):
        """P2: validating several invoices at once validates none while one
        of them has an incomplete address."""
        good = self._make_order(self.customer)
        bad = self._make_order(self._make_customer("Joris", "Kok", city=False))
        # one by one: Odoo 11's sale confirms one order at a time once a
        # line has an expense policy
        good.action_confirm()
        bad.action_confirm()
        invoices = self._invoice(good) | self._invoice(bad)
        with self.assertRaises(UserError) as raised:
            invoices.action_invoice_open()
        self.assertIn("Joris Kok", raised.exception.name)
        self.assertNotIn("Anna de Vries", raised.exception.name)
        self.assertEqual(invoices.mapped("state"), ["draft", "draft"])
