# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    """Settings > Privacy: the controller's DPO and supervisory authority."""

    _inherit = "res.config.settings"

    lotus_eori = fields.Char(related="company_id.lotus_eori")
    lotus_dpo_name = fields.Char(related="company_id.lotus_dpo_name")
    lotus_dpo_email = fields.Char(related="company_id.lotus_dpo_email")
    lotus_dpo_address = fields.Text(related="company_id.lotus_dpo_address")
    lotus_authority_name = fields.Char(
        related="company_id.lotus_authority_name")
    lotus_authority_url = fields.Char(
        related="company_id.lotus_authority_url")
