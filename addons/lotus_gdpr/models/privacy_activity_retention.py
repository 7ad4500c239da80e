# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrivacyActivity(models.Model):
    """Each processing activity of the register names the retention term
    of the data it processes (P27)."""

    _inherit = "privacy.activity"

    lotus_retention_term_id = fields.Many2one(
        "lotus.retention.term", "Retention term", ondelete="restrict",
        help="How long the personal data of this activity is kept, and "
             "what happens to it afterwards.")
