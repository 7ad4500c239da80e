# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data


class TestRouting(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestRouting, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.returns = cls.env.ref("lotus_helpdesk.team_returns")
        cls.service = cls.env.ref("lotus_helpdesk.team_customer_service")
        cls.support = cls.env.ref("lotus_helpdesk.team_technical_support")

    def _ticket(self, **vals):
        values = {"name": "Question", "description": "Hello"}
        values.update(vals)
        return self.Ticket.sudo(self.d["agent"]).create(values)

    def test_p12_return_questions_go_to_returns_team(self):
        """P12: a return question is assigned to the returns team."""
        ticket = self._ticket(
            category_id=self.env.ref("lotus_helpdesk.category_return").id)
        self.assertEqual(ticket.team_id, self.returns)
        ticket = self._ticket(name="Retour van mijn printer")
        self.assertEqual(ticket.team_id, self.returns)

    def test_p12_other_rules_and_fallback(self):
        """P12: product questions go to support, the rest to service."""
        ticket = self._ticket(
            category_id=self.env.ref("lotus_helpdesk.category_product").id)
        self.assertEqual(ticket.team_id, self.support)
        self.assertEqual(self._ticket(name="Opening hours?").team_id,
                         self.service)

    def test_p12_explicit_team_is_kept(self):
        """P12: a team chosen by staff is never overridden by a rule."""
        ticket = self._ticket(name="Return", team_id=self.support.id)
        self.assertEqual(ticket.team_id, self.support)

    def test_p12_rule_on_channel_and_order_state(self):
        """P12: staff route by channel and by the state of the order."""
        vip = self.env["helpdesk.ticket.team"].create({"name": "Orders"})
        self.env["lotus.helpdesk.routing.rule"].sudo(
            self.d["manager"]).create({
                "name": "Mail about confirmed orders", "sequence": 1,
                "channel_id": self.env.ref(
                    "helpdesk_mgmt.helpdesk_ticket_channel_email").id,
                "order_condition": "with_order", "order_state": "sale",
                "team_id": vip.id})
        email = self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_email")
        with_order = self._ticket(partner_id=self.d["anna"].id,
                                  channel_id=email.id,
                                  sale_order_id=self.d["order_anna"].id)
        self.assertEqual(with_order.team_id, vip)
        without = self._ticket(partner_id=self.d["anna"].id,
                               channel_id=email.id)
        self.assertEqual(without.team_id, self.service)

    def test_routing_rules_maintained_by_managers_only(self):
        """Routing rules: helpdesk managers maintain them, agents read."""
        Rule = self.env["lotus.helpdesk.routing.rule"]
        vals = {"name": "X", "team_id": self.service.id}
        rule = Rule.sudo(self.d["manager"]).create(vals)
        self.assertTrue(Rule.sudo(self.d["agent"]).search(
            [("id", "=", rule.id)]))
        with self.assertRaises(AccessError):
            Rule.sudo(self.d["agent"]).create(vals)
        with self.assertRaises(AccessError):
            rule.sudo(self.d["agent"]).write({"sequence": 1})

    def test_rule_order_state_needs_order(self):
        """Routing rules: contradictory conditions are refused."""
        with self.assertRaisesRegex(ValidationError, "Order link"):
            self.env["lotus.helpdesk.routing.rule"].create({
                "name": "Impossible", "order_condition": "without_order",
                "order_state": "sale", "team_id": self.service.id})
