# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    """The data subject: the partner itself holds personal data, and the
    privacy state that every addon checks before it processes it."""

    _name = "res.partner"
    _inherit = ["res.partner", "lotus.personal.data.mixin"]

    # Restriction of processing (GDPR art. 18)
    lotus_restricted = fields.Boolean(
        "Processing restricted", track_visibility="onchange",
        help="No marketing, no disclosure to non-essential recipients, "
             "edits by privacy officers only.")
    lotus_restriction_reason = fields.Char("Restriction reason")
    # Objection to marketing (P29)
    lotus_marketing_objection = fields.Boolean(
        "Objects to marketing", track_visibility="onchange",
        help="The customer objected to marketing: every marketing consent "
             "is withdrawn and no mass mailing reaches this partner.")
    # Legal hold: stops erasure and anonymisation (set by an officer)
    lotus_legal_hold = fields.Boolean("Legal hold", track_visibility="onchange")
    lotus_legal_hold_reason = fields.Char("Legal hold reason")
    # Set by the anonymisation engine
    lotus_anonymized = fields.Boolean("Anonymised", readonly=True, copy=False)
    lotus_anonymized_date = fields.Datetime(
        "Anonymised on", readonly=True, copy=False)

    @api.model
    def _lotus_subject_field(self):
        return "id"

    @api.model
    def _lotus_subject_domain(self, partners):
        return [("id", "child_of", partners.ids)]

    @api.model
    def _lotus_personal_fields(self):
        return {
            "name": "placeholder",
            "display_name": "placeholder",
            "email": "blank",
            "phone": "blank",
            "mobile": "blank",
            "street": "blank",
            "street2": "blank",
            "zip": "postal_area",
            "city": "blank",
            "vat": "blank",
            "website": "blank",
            "comment": "blank",
            "ref": "blank",
            "function": "blank",
            "title": "blank",
            "image": "blank",
            "image_medium": "blank",
            "image_small": "blank",
        }
