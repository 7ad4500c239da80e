# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    lotus_return_id = fields.Many2one(
        "lotus.return.request", "Return request", index=True, readonly=True,
        copy=False)

    @api.multi
    def action_done(self):
        res = super(StockPicking, self).action_done()
        # A validated return receipt means the product came back.
        receipts = self.filtered(
            lambda p: p.lotus_return_id and p.state == "done"
            and p.lotus_return_id.receipt_picking_id == p)
        for picking in receipts:
            picking.lotus_return_id._lotus_on_receipt_done()
        return res
