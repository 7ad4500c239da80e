# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import ValidationError
from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data


def deliver(env, order):
    """Deliver an order so that a return may be requested for it."""
    for picking in order.picking_ids:
        env["lotus.return.request"]._lotus_validate_picking(picking)


def make_return(env, order):
    return env["lotus.return.request"].create({
        "order_id": order.id,
        "reason": "defective",
        "line_ids": [(0, 0, {"sale_line_id": order.order_line[0].id,
                             "quantity": 1})],
    })


class TestTicketReturn(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestTicketReturn, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.Ticket = cls.env["helpdesk.ticket"]
        for key in ("order_anna", "order_lukas"):
            deliver(cls.env, cls.d[key])
        cls.order_anna2 = cls.d["order_anna"].copy()
        cls.order_anna2.action_confirm()
        deliver(cls.env, cls.order_anna2)
        cls.return_anna = make_return(cls.env, cls.d["order_anna"])
        cls.return_anna2 = make_return(cls.env, cls.order_anna2)
        cls.return_lukas = make_return(cls.env, cls.d["order_lukas"])

    def _ticket(self, **vals):
        values = {"name": "Question", "description": "<p>Hello</p>"}
        values.update(vals)
        return self.Ticket.sudo(self.d["agent"]).create(values)

    def test_p12_ticket_links_return_and_its_order(self):
        """P12: a ticket links to the customer's return, and so to the
        return's order; the return shows its tickets (smart button)."""
        ticket = self._ticket(partner_id=self.d["anna"].id,
                              lotus_return_id=self.return_anna.id)
        self.assertEqual(ticket.lotus_return_id, self.return_anna)
        self.assertEqual(ticket.sale_order_id, self.d["order_anna"],
                         "a ticket about a return is about its order")
        returns = self.return_anna | self.return_anna2 | self.return_lukas
        returns.invalidate_cache()
        self.assertEqual(returns.mapped("helpdesk_ticket_count"), [1, 0, 0])
        action = self.return_anna.sudo(
            self.d["agent"]).action_view_helpdesk_tickets()
        self.assertEqual(self.Ticket.search(action["domain"]), ticket)
        self.assertEqual(action["context"]["default_lotus_return_id"],
                         self.return_anna.id)

    def test_p12_return_of_another_customer_refused(self):
        """P12: a ticket never links a return of another customer, at
        creation or later."""
        with self.assertRaisesRegex(ValidationError, "another customer"):
            self._ticket(partner_id=self.d["anna"].id,
                         lotus_return_id=self.return_lukas.id)
        ticket = self._ticket(partner_id=self.d["anna"].id)
        with self.assertRaisesRegex(ValidationError, "another customer"), \
                self.env.cr.savepoint():
            ticket.write({"lotus_return_id": self.return_lukas.id})
        ticket.invalidate_cache()
        self.assertFalse(ticket.lotus_return_id)
        self.assertFalse(ticket.sale_order_id)

    def test_p12_return_of_another_order_refused(self):
        """P12: the return must be a return of the ticket's order."""
        with self.assertRaisesRegex(ValidationError, "not of the ticket"):
            self._ticket(partner_id=self.d["anna"].id,
                         sale_order_id=self.d["order_anna"].id,
                         lotus_return_id=self.return_anna2.id)
        ticket = self._ticket(partner_id=self.d["anna"].id,
                              sale_order_id=self.order_anna2.id,
                              lotus_return_id=self.return_anna2.id)
        self.assertEqual(ticket.lotus_return_id, self.return_anna2)

    def test_p12_form_offers_returns_of_the_order(self):
        """P12: staff pick the return from the returns of the ticket's
        order; changing the order drops a return of another order."""
        ticket = self.Ticket.new({
            "partner_id": self.d["anna"].id,
            "sale_order_id": self.d["order_anna"].id,
            "lotus_return_id": self.return_anna2.id})
        res = ticket._onchange_sale_order_id()
        self.assertFalse(ticket.lotus_return_id)
        domain = res["domain"]["lotus_return_id"]
        self.assertEqual(
            self.env["lotus.return.request"].search(domain),
            self.return_anna)
        ticket = self.Ticket.new({"lotus_return_id": self.return_anna.id})
        ticket._onchange_lotus_return_id()
        self.assertEqual(ticket.sale_order_id, self.d["order_anna"])
        self.assertEqual(ticket.partner_id, self.d["anna"])

    def test_p12_routing_has_a_return(self):
        """P12: the seeded rule "Return questions" sends a ticket about a
        return to the returns team, whatever its category."""
        returns_team = self.env.ref("lotus_helpdesk.team_returns")
        product = self.env.ref("lotus_helpdesk.category_product")
        ticket = self._ticket(partner_id=self.d["anna"].id,
                              category_id=product.id,
                              lotus_return_id=self.return_anna.id)
        self.assertEqual(ticket.team_id, returns_team)
        other = self._ticket(partner_id=self.d["anna"].id,
                             category_id=product.id,
                             sale_order_id=self.d["order_anna"].id)
        self.assertEqual(other.team_id, self.env.ref(
            "lotus_helpdesk.team_technical_support"))
        rule = self.env.ref("lotus_helpdesk.routing_rule_return_linked")
        self.assertEqual(rule.return_condition, "with_return")
        rule.write({"return_condition": "without_return",
                    "team_id": self.env.ref(
                        "lotus_helpdesk.team_customer_service").id})
        third = self._ticket(partner_id=self.d["anna"].id,
                             category_id=product.id)
        self.assertEqual(third.team_id, self.env.ref(
            "lotus_helpdesk.team_customer_service"))
