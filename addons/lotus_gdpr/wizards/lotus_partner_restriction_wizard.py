# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class LotusPartnerRestrictionWizard(models.TransientModel):
    """Restrict processing of a partner, or lift the restriction, with the
    reason that GDPR art. 18 asks for."""

    _name = "lotus.partner.restriction.wizard"
    _description = "Restrict processing"

    partner_ids = fields.Many2many("res.partner", string="Partners",
                                   required=True)
    lift = fields.Boolean("Lift the restriction")
    reason = fields.Char(required=True)

    @api.multi
    def action_apply(self):
        self.ensure_one()
        if self.lift:
            self.partner_ids.action_lift_restriction(self.reason)
        else:
            self.partner_ids.action_restrict(self.reason)
        return {"type": "ir.actions.act_window_close"}
