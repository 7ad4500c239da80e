# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""P12: a new ticket goes to the right service team."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class LotusHelpdeskRoutingRule(models.Model):
    _name = "lotus.helpdesk.routing.rule"
    _description = "Helpdesk routing rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10,
        help="Rules are tried in this order; the first rule whose "
             "conditions all hold assigns the team.")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", string="Company",
        default=lambda self: self.env["res.company"]._company_default_get(
            "helpdesk.ticket"))
    category_id = fields.Many2one(
        "helpdesk.ticket.category", string="Category",
        help="Only tickets of this category (empty: any category).")
    channel_id = fields.Many2one(
        "helpdesk.ticket.channel", string="Channel",
        help="Only tickets that came in through this channel "
             "(empty: any channel).")
    order_condition = fields.Selection([
        ("any", "With or without order"),
        ("with_order", "Linked to an order"),
        ("without_order", "Not linked to an order"),
    ], string="Order link", default="any", required=True)
    return_condition = fields.Selection([
        ("any", "With or without return"),
        ("with_return", "Linked to a return"),
        ("without_return", "Not linked to a return"),
    ], string="Return link", default="any", required=True,
        help="Tickets about a return (opened from a return, or linked to "
             "one by staff) can go to the returns team.")
    order_state = fields.Selection(
        selection=lambda self: self.env["sale.order"]._fields[
            "state"].selection,
        string="Order status",
        help="Only tickets whose linked order is in this status "
             "(empty: any status).")
    keywords = fields.Char(
        translate=True,
        help="Comma-separated words; the rule holds when the ticket "
             "title contains one of them (case-insensitive). Empty: "
             "any title.")
    team_id = fields.Many2one(
        "helpdesk.ticket.team", string="Team", required=True,
        ondelete="cascade")

    @api.constrains("order_condition", "order_state")
    def _check_order_condition(self):
        for rule in self:
            if rule.order_state and rule.order_condition == "without_order":
                raise ValidationError(_(
                    "Routing rule \"%s\": an order status needs a linked "
                    "order; set \"Order link\" to \"Linked to an order\" "
                    "or clear the order status.") % rule.name)

    @api.multi
    def _lotus_matches(self, values):
        """Does this rule hold for a ticket about to be created?

        ``values`` holds records: category, channel, order and return
        (possibly empty) and the title."""
        self.ensure_one()
        if self.category_id and self.category_id != values["category"]:
            return False
        if self.channel_id and self.channel_id != values["channel"]:
            return False
        order = values["order"]
        if self.order_condition == "with_order" and not order:
            return False
        if self.order_condition == "without_order" and order:
            return False
        if self.order_state and (not order or order.state != self.order_state):
            return False
        ret = values.get("return")
        if self.return_condition == "with_return" and not ret:
            return False
        if self.return_condition == "without_return" and ret:
            return False
        if self.keywords:
            title = (values.get("title") or "").lower()
            words = [w.strip().lower() for w in self.keywords.split(",")
                     if w.strip()]
            if words and not any(w in title for w in words):
                return False
        return True

    @api.model
    def _lotus_find_team(self, vals):
        """Team of the first rule that holds for ticket ``vals``."""
        values = {
            "category": self.env["helpdesk.ticket.category"].browse(
                vals.get("category_id") or []),
            "channel": self.env["helpdesk.ticket.channel"].browse(
                vals.get("channel_id") or []),
            "order": self.env["sale.order"].sudo().browse(
                vals.get("sale_order_id") or []),
            "return": self.env["lotus.return.request"].sudo().browse(
                vals.get("lotus_return_id") or []),
            "title": vals.get("name"),
        }
        company_id = vals.get("company_id") or self.env.user.company_id.id
        rules = self.sudo().search([
            "|", ("company_id", "=", False), ("company_id", "=", company_id)])
        for rule in rules:
            if rule._lotus_matches(values):
                return rule.team_id
        return self.env["helpdesk.ticket.team"]
