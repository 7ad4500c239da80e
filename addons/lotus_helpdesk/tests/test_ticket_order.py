# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data


class TestTicketOrder(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestTicketOrder, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.Ticket = cls.env["helpdesk.ticket"]

    def _ticket(self, **vals):
        values = {"name": "Question", "description": "<p>Hello</p>"}
        values.update(vals)
        return self.Ticket.sudo(self.d["agent"]).create(values)

    def test_p12_ticket_links_customer_and_order(self):
        """P12: a ticket links to the customer account and to one of their
        orders; the order shows its tickets."""
        order = self.d["order_anna"]
        ticket = self._ticket(partner_id=self.d["anna"].id,
                              sale_order_id=order.id)
        self.assertEqual(ticket.sale_order_id, order)
        self.assertEqual(ticket.lotus_commercial_partner_id,
                         self.d["anna_company"])
        self.assertEqual(ticket.partner_email, "anna.test@example.nl")
        order.invalidate_cache()
        self.assertEqual(order.helpdesk_ticket_count, 1)
        action = order.sudo(self.d["agent"]).action_view_helpdesk_tickets()
        self.assertEqual(self.Ticket.search(action["domain"]), ticket)
        self.assertEqual(action["context"]["default_sale_order_id"], order.id)

    def test_p12_order_of_colleague_in_same_company(self):
        """P12: an order of the customer's company may be linked by any
        contact of that company."""
        ticket = self._ticket(partner_id=self.d["anna_colleague"].id,
                              sale_order_id=self.d["order_anna"].id)
        self.assertEqual(ticket.sale_order_id, self.d["order_anna"])

    def test_p12_order_of_another_customer_refused(self):
        """P12: staff cannot link a ticket to another customer's order."""
        with self.assertRaisesRegex(ValidationError, "another customer"):
            self._ticket(partner_id=self.d["lukas"].id,
                         sale_order_id=self.d["order_anna"].id)
        ticket = self._ticket(partner_id=self.d["lukas"].id)
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                ticket.write({"sale_order_id": self.d["order_anna"].id})

    def test_p12_order_field_domain_is_customer(self):
        """P12: staff pick the order among the customer's orders."""
        field = self.Ticket._fields["sale_order_id"]
        self.assertIn("lotus_commercial_partner_id", field.domain)
        domain = [("partner_id", "child_of",
                   self.d["anna"].commercial_partner_id.id)]
        orders = self.env["sale.order"].search(domain)
        self.assertIn(self.d["order_anna"], orders)
        self.assertNotIn(self.d["order_lukas"], orders)

    def test_p13_order_number_of_own_order_links(self):
        """P13: an order number given by its customer links the ticket."""
        order = self.d["order_anna"]
        ticket = self._ticket(partner_id=self.d["anna"].id,
                              lotus_order_ref=order.name.lower())
        self.assertEqual(ticket.sale_order_id, order)
        self.assertEqual(ticket.lotus_order_check, "linked")

    def test_p13_order_number_matched_by_email(self):
        """P13: without an account the sender's e-mail must match."""
        order = self.d["order_lukas"]
        ticket = self._ticket(partner_email="Lukas <LUKAS.test@example.de>",
                              lotus_order_ref="about %s please" % order.name)
        self.assertEqual(ticket.sale_order_id, order)
        self.assertEqual(ticket.partner_id, self.d["lukas"])

    def test_p13_guessed_order_number_stays_unlinked(self):
        """P13: another customer's order number does not link the ticket,
        and the ticket tells staff why, without naming that customer."""
        order = self.d["order_lukas"]
        ticket = self._ticket(partner_id=self.d["anna"].id,
                              partner_email="anna.test@example.nl",
                              lotus_order_ref=order.name)
        self.assertFalse(ticket.sale_order_id)
        self.assertEqual(ticket.lotus_order_check, "not_verified")
        self.assertIn("could not be verified", ticket.lotus_order_check_note)
        self.assertNotIn("Lukas", ticket.lotus_order_check_note)
        notes = ticket.message_ids.filtered(
            lambda m: "could not be verified" in (m.body or ""))
        self.assertEqual(len(notes), 1)
        self.assertTrue(notes.subtype_id.internal,
                        "the reason is an internal note, not a reply")

    def test_p13_nonexistent_number_looks_the_same(self):
        """P13: a number that is no order gives the same result as another
        customer's number (nothing to learn by guessing)."""
        foreign = self._ticket(partner_id=self.d["anna"].id,
                               lotus_order_ref=self.d["order_lukas"].name)
        missing = self._ticket(partner_id=self.d["anna"].id,
                               lotus_order_ref="SO999999")
        for ticket in (foreign, missing):
            self.assertFalse(ticket.sale_order_id)
            self.assertEqual(ticket.lotus_order_check, "not_verified")
        self.assertEqual(
            foreign.lotus_order_check_note.replace(
                self.d["order_lukas"].name, "X"),
            missing.lotus_order_check_note.replace("SO999999", "X"))
