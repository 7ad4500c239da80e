# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    lotus_return_ids = fields.One2many(
        "lotus.return.request", "order_id", "Returns", readonly=True)
    lotus_return_count = fields.Integer(
        "Return count", compute="_compute_lotus_return_count")

    @api.multi
    def _compute_lotus_return_count(self):
        data = self.env["lotus.return.request"].read_group(
            [("order_id", "in", self.ids)], ["order_id"], ["order_id"])
        counts = {d["order_id"][0]: d["order_id_count"] for d in data}
        for order in self:
            order.lotus_return_count = counts.get(order.id, 0)

    @api.multi
    def _lotus_delivery_date(self):
        """Datetime (string) of the last validated delivery to the
        customer, or False when nothing has been delivered."""
        self.ensure_one()
        dates = self.sudo().picking_ids.filtered(
            lambda p: p.state == "done"
            and p.picking_type_code == "outgoing"
            and p.location_dest_id.usage == "customer"
            and not p.lotus_return_id
        ).mapped("date_done")
        return max(dates) if dates else False

    @api.multi
    def action_view_lotus_returns(self):
        self.ensure_one()
        action = self.env.ref(
            "lotus_returns.action_lotus_return_request").read()[0]
        action["domain"] = [("order_id", "=", self.id)]
        action["context"] = {"default_order_id": self.id}
        if len(self.lotus_return_ids) == 1:
            action["views"] = [(self.env.ref(
                "lotus_returns.lotus_return_request_view_form").id, "form")]
            action["res_id"] = self.lotus_return_ids.id
        return action
