# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class LotusCustomerActivity(models.AbstractModel):
    _inherit = "lotus.customer.activity"

    @api.model
    def _lotus_extra_activity_sources(self):
        """Payments and refunds registered in accounting (bank transfers
        without an online transaction) count as activity of the payer."""
        sources = super(
            LotusCustomerActivity, self)._lotus_extra_activity_sources()
        return sources + [("""
            SELECT partner_id, payment_date FROM account_payment
             WHERE state NOT IN ('draft', 'cancelled')
               AND partner_id IN (SELECT id FROM c)""", [])]
