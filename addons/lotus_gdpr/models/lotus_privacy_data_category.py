# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LotusPrivacyDataCategory(models.Model):
    """A category of personal data named in the processing register
    (GDPR art. 30(1)(c)): identity, contact, address, bank account..."""

    _name = "lotus.privacy.data.category"
    _description = "Category of personal data"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True,
        help="Stable technical code, used by the lotus addons and reports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True,
        help="Which data this category holds, e.g. first name, family name.")
    special = fields.Boolean(
        "Special category",
        help="Special category of personal data (GDPR art. 9) or data "
             "that needs extra protection, such as bank account numbers.")
    activity_ids = fields.Many2many(
        "privacy.activity", "lotus_privacy_activity_data_category_rel",
        "data_category_id", "activity_id", string="Processing activities",
        readonly=True)

    _sql_constraints = [
        ("code_unique", "unique(code)",
         "The code of a data category must be unique."),
    ]
