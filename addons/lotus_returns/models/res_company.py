# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    lotus_return_withdrawal_days = fields.Integer(
        "Withdrawal period (days)", default=14,
        help="A customer may return a product because of a change of mind "
             "within this many days after delivery (EU consumer law: at "
             "least 14).")
    lotus_return_warranty_months = fields.Integer(
        "Warranty period (months)", default=24,
        help="Wrong or defective products can be returned or replaced "
             "within this many months after delivery.")
    lotus_return_address_id = fields.Many2one(
        "res.partner", "Return address",
        help="Address printed on return labels. Empty: the company's own "
             "address.")

    @api.constrains("lotus_return_withdrawal_days",
                    "lotus_return_warranty_months")
    def _check_lotus_return_periods(self):
        for company in self:
            if company.lotus_return_withdrawal_days < 0:
                raise ValidationError(_(
                    "The withdrawal period cannot be negative: enter a "
                    "number of days (14 or more)."))
            if company.lotus_return_warranty_months < 0:
                raise ValidationError(_(
                    "The warranty period cannot be negative: enter a number "
                    "of months (24 by default)."))

    @api.multi
    def _lotus_return_address(self):
        self.ensure_one()
        return self.lotus_return_address_id or self.partner_id
