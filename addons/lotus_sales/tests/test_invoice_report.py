# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import LotusSalesCase


class TestInvoiceReport(LotusSalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestInvoiceReport, cls).setUpClass()
        cls.company = cls.env["res.partner"].create({
            "name": "Printlab Makers BV", "is_company": True,
            "vat": "NL001234567B01",
            "street": "Groenestraat 215", "zip": "6531 HH",
            "city": "Nijmegen", "country_id": cls.nl.id,
        })
        cls.person = cls.env["res.partner"].create({
            "firstname": "Kees", "lastname": "van Bakel",
            "parent_id": cls.company.id, "type": "contact",
            "email": "kees@example.nl"})
        cls.delivery = cls.env["res.partner"].create({
            "parent_id": cls.company.id, "type": "delivery",
            "name": "Warehouse Printlab",
            "street": "Havenweg 7", "zip": "6541 AD", "city": "Druten",
            "country_id": cls.nl.id})
        cls.order = cls._make_order(
            cls.person, partner_shipping_id=cls.delivery.id)
        cls.order.action_confirm()
        cls.invoice = cls.env["account.invoice"].browse(
            cls.order.action_invoice_create())
        cls.invoice.action_invoice_open()

    def test_invoice_shows_what_the_policy_lists(self):
        """P7: the invoice shows company name and VAT number, first and
        family name, invoice and shipping address, invoice number and order
        number."""
        report = self.env.ref("account.account_invoices")
        html = report.render_qweb_html(self.invoice.ids)[0].decode("utf-8")
        self.assertTrue(self.invoice.number)
        for expected in (
                "Printlab Makers BV", "NL001234567B01",      # company, VAT
                "Kees", "van Bakel",                        # names
                "Groenestraat 215", "6531 HH", "Nijmegen",  # invoice address
                "Havenweg 7", "6541 AD", "Druten",          # shipping address
                self.invoice.number, self.order.name,       # numbers
                "Invoice address", "Shipping address",
                "Invoice number", "Order number"):
            self.assertIn(expected, html)

    def test_order_number_on_invoice(self):
        """P7: the invoice knows the order it bills."""
        self.assertEqual(self.invoice.lotus_order_numbers, self.order.name)
