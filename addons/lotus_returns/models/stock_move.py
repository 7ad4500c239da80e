# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    lotus_return_line_id = fields.Many2one(
        "lotus.return.request.line", "Return line", index=True,
        readonly=True, copy=False, ondelete="set null",
        help="The return request line this move brings back or replaces.")
