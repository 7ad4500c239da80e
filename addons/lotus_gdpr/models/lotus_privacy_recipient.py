# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class LotusPrivacyRecipient(models.Model):
    """A party that receives personal data: carrier, payment provider,
    product support, IT provider, authority (P22-P25, P32)."""

    _name = "lotus.privacy.recipient"
    _description = "Recipient of personal data"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one("res.partner", "Organisation")
    kind = fields.Selection([
        ("carrier", "Carrier"),
        ("payment", "Payment provider"),
        ("support", "Product support"),
        ("it", "IT provider"),
        ("authority", "Authority"),
    ], required=True)
    is_processor = fields.Boolean(
        "Processor", help="Processes personal data on our behalf "
                          "(needs a data processing agreement).")
    country_id = fields.Many2one("res.country", required=True)
    activity_ids = fields.Many2many(
        "privacy.activity", string="Purposes",
        help="Processing activities for which this recipient may receive "
             "personal data. A disclosure for any other purpose is refused.")

    @api.multi
    def _lotus_allows(self, activity):
        """True when this recipient is registered for ``activity``."""
        self.ensure_one()
        return self.active and activity in self.activity_ids
