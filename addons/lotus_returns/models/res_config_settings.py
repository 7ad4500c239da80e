# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    lotus_return_withdrawal_days = fields.Integer(
        related="company_id.lotus_return_withdrawal_days")
    lotus_return_warranty_months = fields.Integer(
        related="company_id.lotus_return_warranty_months")
    lotus_return_address_id = fields.Many2one(
        related="company_id.lotus_return_address_id")
