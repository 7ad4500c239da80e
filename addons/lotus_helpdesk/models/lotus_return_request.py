# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class LotusReturnRequest(models.Model):
    _inherit = "lotus.return.request"

    helpdesk_ticket_ids = fields.One2many(
        "helpdesk.ticket", "lotus_return_id", string="Tickets")
    helpdesk_ticket_count = fields.Integer(
        string="Ticket count", compute="_compute_helpdesk_ticket_count")

    @api.multi
    def _compute_helpdesk_ticket_count(self):
        # One query for the whole batch; counts only what the user may see.
        groups = self.env["helpdesk.ticket"].read_group(
            [("lotus_return_id", "in", self.ids)], ["lotus_return_id"],
            ["lotus_return_id"])
        counts = {g["lotus_return_id"][0]: g["lotus_return_id_count"]
                  for g in groups}
        for ret in self:
            ret.helpdesk_ticket_count = counts.get(ret.id, 0)

    @api.multi
    def action_view_helpdesk_tickets(self):
        self.ensure_one()
        action = self.env.ref("helpdesk_mgmt.helpdesk_ticket_action").read()[0]
        action["domain"] = [("lotus_return_id", "=", self.id)]
        action["context"] = {
            "default_lotus_return_id": self.id,
            "default_sale_order_id": self.order_id.id,
            "default_partner_id": self.partner_id.id,
        }
        return action
