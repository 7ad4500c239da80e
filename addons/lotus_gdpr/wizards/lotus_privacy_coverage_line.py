# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class LotusPrivacyCoverageLine(models.TransientModel):
    """A field that plausibly holds personal data and that no lotus
    declaration covers: Privacy > Register > Coverage. Holds model and
    field names and counts only, no personal data."""

    _name = "lotus.privacy.coverage.line"
    _description = "Personal data outside the privacy engine"
    _order = "records desc, model, field_name"

    model = fields.Char(readonly=True)
    model_description = fields.Char("Kind of record", readonly=True)
    field_name = fields.Char("Field", readonly=True)
    field_label = fields.Char("Field label", readonly=True)
    sign = fields.Char(
        "Why it looks personal", readonly=True,
        help="A link to a partner or user, a contact field (e-mail, phone, "
             "address), or the text of a record linked to a partner.")
    records = fields.Integer(
        readonly=True, help="Records where the field is set.")

    @api.model
    def create(self, vals):
        # Transient models have no access rights in Odoo 11: check here.
        self.env["lotus.privacy.finder"]._check_privacy_user()
        return super(LotusPrivacyCoverageLine, self).create(vals)

    @api.model
    def _lotus_action_coverage(self):
        """Compute the report now (menu server action) and show it."""
        finder = self.env["lotus.privacy.finder"]
        finder._check_privacy_user()
        self.search([("create_uid", "=", self.env.uid)]).unlink()
        for row in finder._coverage():
            model = self.env[row["model"]]
            self.create({
                "model": row["model"],
                "model_description": model._description,
                "field_name": row["field"],
                "field_label": model._fields[row["field"]].string,
                "sign": row["sign"],
                "records": row["records"],
            })
        action = self.env.ref(
            "lotus_gdpr.action_lotus_privacy_coverage_line").read()[0]
        return action
