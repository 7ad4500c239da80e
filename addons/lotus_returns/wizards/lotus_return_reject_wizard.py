# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class LotusReturnRejectWizard(models.TransientModel):
    _name = "lotus.return.reject.wizard"
    _description = "Reject a return request"

    request_id = fields.Many2one(
        "lotus.return.request", "Return", required=True)
    reason = fields.Text("Rejection reason", required=True)

    @api.multi
    def action_reject(self):
        self.ensure_one()
        self.request_id.action_reject(self.reason)
        return {"type": "ir.actions.act_window_close"}
