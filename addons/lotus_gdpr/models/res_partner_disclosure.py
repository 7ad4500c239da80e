# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The disclosures of a data subject, for the partner form's smart button.

Kept apart from ``res_partner.py`` (the partner's privacy state) because it
belongs to the disclosure register: same model, separate concern."""
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    lotus_disclosure_count = fields.Integer(
        "Disclosures", compute="_compute_lotus_disclosure_count",
        groups="lotus_gdpr.group_privacy_user",
        help="How often personal data of this partner was disclosed to a "
             "recipient.")

    @api.multi
    def _compute_lotus_disclosure_count(self):
        counts = {}
        if self.ids:
            self.env.cr.execute(
                "SELECT partner_id, count(*) "
                "FROM lotus_privacy_disclosure_partner_rel "
                "WHERE partner_id IN %s GROUP BY partner_id",
                (tuple(self.ids),))
            counts = dict(self.env.cr.fetchall())
        for partner in self:
            partner.lotus_disclosure_count = counts.get(partner.id, 0)

    @api.multi
    def action_lotus_view_disclosures(self):
        self.ensure_one()
        action = self.env.ref(
            "lotus_gdpr.action_lotus_privacy_disclosure").read()[0]
        action["domain"] = [("partner_ids", "in", self.ids)]
        action["context"] = {}
        return action
