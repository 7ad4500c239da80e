# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders and invoices in the portal (sale's pages, with lotus_gdpr's
rule that another customer's document is a 404). Here and not in
lotus_gdpr, which does not depend on sale: its tests run where it is
installed alone."""
from odoo.addons.lotus_gdpr.tests import test_portal_privacy as portal_privacy


class TestOdooDocumentsIsolation(portal_privacy.PortalPrivacyCase):
    """P17: orders and invoices are Odoo's own portal pages; a customer
    changing the id in the URL does not see another customer's."""

    def test_orders_of_others(self):
        product = self.env["product.product"].create({
            "name": "PLA filament 1kg", "type": "consu",
            "list_price": 25.0})
        orders = {}
        for key, partner in (("a", self.partner_a), ("b", self.partner_b)):
            order = self.env["sale.order"].create({
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": product.id,
                                       "product_uom_qty": 1})],
            })
            order.action_confirm()
            orders[key] = order
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/orders")
        self.assertIn(orders["a"].name, page.text)
        self.assertNotIn(orders["b"].name, page.text)
        page = self.url_open("/my/orders/%d" % orders["a"].id)
        self.assertEqual(page.status_code, 200)
        # Another customer's order and one that does not exist: the same
        # 404, nothing to learn from guessing numbers.
        page = self.url_open("/my/orders/%d" % orders["b"].id)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn("Bramlaan", page.text)
        self.assertNotIn(orders["b"].name, page.text)
        self.env.cr.execute("SELECT max(id) + 1000 FROM sale_order")
        missing_id = self.env.cr.fetchone()[0]
        self.assertEqual(
            self.url_open("/my/orders/%d" % missing_id).status_code, 404)
        page = self.url_open("/my/orders/pdf/%d" % orders["b"].id)
        self.assertNotIn(b"%PDF", page.content[:10])
        # Invoices: the other customer's invoice is not reachable either.
        invoice_ids = orders["b"].action_invoice_create()
        invoice = self.env["account.invoice"].browse(invoice_ids)
        invoice.action_invoice_open()
        page = self.url_open("/my/invoices")
        self.assertNotIn(invoice.number, page.text)
        page = self.url_open("/my/invoices/%d" % invoice.id)
        self.assertEqual(page.status_code, 404)
        self.assertNotIn(invoice.number, page.text)
        self.env.cr.execute("SELECT max(id) + 1000 FROM account_invoice")
        missing_id = self.env.cr.fetchone()[0]
        self.assertEqual(
            self.url_open("/my/invoices/%d" % missing_id).status_code, 404)
        # With the link the shop shared (access token) the invoice opens,
        # even for someone who is not logged in.
        self.logout()
        page = self.url_open("/my/invoices/%d?access_token=%s" % (
            invoice.id, invoice.sudo().access_token))
        self.assertEqual(page.status_code, 200)
        self.assertIn(invoice.number, page.text)
        # Without it, a visitor is sent to the login page.
        page = self.url_open("/my/invoices/%d" % invoice.id)
        self.assertIn("/web/login", page.url)
        page = self.url_open("/my/invoices/pdf/%d" % invoice.id)
        self.assertNotIn(b"%PDF", page.content[:10])
