# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data
from .test_ticket_return import deliver, make_return


class TestCustomerReads(SavepointCase):
    """P17, P28: with the four addons, what a customer reads comes in the
    order they know their records by, each titled by its number."""

    @classmethod
    def setUpClass(cls):
        super(TestCustomerReads, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.customer = cls.d["lukas"]
        cls.order = cls.d["order_lukas"]
        deliver(cls.env, cls.order)
        cls.ret = make_return(cls.env, cls.order)
        cls.ticket = cls.env["helpdesk.ticket"].create({
            "name": "Nozzle clogs", "description": "<p>Help</p>",
            "partner_id": cls.customer.id})
        cls.request = cls.env["lotus.privacy.request"].create({
            "request_type": "access", "partner_id": cls.customer.id})
        cls.env["lotus.portal.privacy"]._lotus_give_consent(
            cls.customer, cls.env["privacy.activity"]._lotus_newsletter())

    def test_export_in_the_customer_order(self):
        """P17: P28: details, orders, returns, tickets, then the privacy
        requests, then the rest (deliveries); titled by the order number,
        the return number with its order and the ticket number."""
        data = self.customer._lotus_export_personal_data()
        models = list(data["records"])
        self.assertEqual(
            [m for m in models if m in (
                "res.partner", "sale.order", "lotus.return.request",
                "helpdesk.ticket", "lotus.privacy.request", "stock.picking")],
            ["res.partner", "sale.order", "lotus.return.request",
             "helpdesk.ticket", "lotus.privacy.request", "stock.picking"])
        titles = {model: [r["record_title"] for r in block["records"]]
                  for model, block in data["records"].items()}
        self.assertEqual(titles["sale.order"], [self.order.name])
        self.assertEqual(titles["lotus.return.request"],
                         ["%s (%s)" % (self.ret.name, self.order.name)])
        self.assertEqual(titles["helpdesk.ticket"],
                         ["%s - Nozzle clogs" % self.ticket.number])
        self.assertIn(self.request.name, titles["lotus.privacy.request"][0])
        self.assertEqual(data["records"]["helpdesk.ticket"]["label"],
                         "Your tickets")
        self.assertTrue(data["consents"])

    def test_deletion_preview_open_ticket(self):
        """P28: an open ticket is kept until it is closed, said in plain
        words under "Your tickets"; the customer's details then stay
        without an end date."""
        rows = self.env["lotus.portal.privacy"].with_context(
            lang="en_US")._lotus_erasure_preview(self.customer)
        models = [row["model"] for row in rows]
        self.assertLess(models.index("lotus.return.request"),
                        models.index("helpdesk.ticket"))
        tickets = rows[models.index("helpdesk.ticket")]
        self.assertEqual(tickets["label"], "Your tickets")
        self.assertIn("Customer service", tickets["categories"])
        self.assertEqual(len(tickets["kept"]), 1)
        self.assertIn(self.ticket.number, tickets["kept"][0]["text"])
        self.assertIn("once it is closed", tickets["kept"][0]["text"])
        self.assertFalse(tickets["kept"][0]["until"])
        details = rows[models.index("res.partner")]
        self.assertNotIn("at the latest", details["kept"][0]["text"])
