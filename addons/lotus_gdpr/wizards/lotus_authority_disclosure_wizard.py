# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LotusAuthorityDisclosureWizard(models.TransientModel):
    """P32: the privacy officer records what the shop handed to an
    authority on its lawful request: which authority, on which legal
    ground and provision, which categories of data of which customer and
    records, the request's reference and date."""

    _name = "lotus.authority.disclosure.wizard"
    _description = "Record a disclosure to an authority"

    @api.model
    def _default_partner(self):
        if self.env.context.get("active_model") == "res.partner":
            return self.env.context.get("active_id")
        return False

    @api.model
    def _default_activity(self):
        return self.env.ref("lotus_gdpr.activity_authorities", False)

    @api.model
    def _selection_record_models(self):
        Mixin = self.env["lotus.personal.data.mixin"]
        return [(name, self.env[name]._description or name)
                for name in Mixin._lotus_personal_models()]

    recipient_id = fields.Many2one(
        "lotus.privacy.recipient", "Authority", required=True,
        domain=[("kind", "=", "authority")],
        help="The authority as registered under Privacy > Register > "
             "Recipients.")
    activity_id = fields.Many2one(
        "privacy.activity", "Purpose", required=True,
        default=_default_activity,
        domain=[("lotus_legal_ground", "=", "legal_obligation")])
    legal_ground = fields.Selection(
        [("legal_obligation", "Legal obligation (GDPR art. 6(1)(c))")],
        required=True, default="legal_obligation", readonly=True)
    legal_reference = fields.Char(
        "Legal provision", required=True,
        help="The provision that obliges the shop to hand over the data, "
             "e.g. art. 126nd Wetboek van Strafvordering.")
    category_ids = fields.Many2many(
        "lotus.privacy.data.category", "lotus_authority_wizard_category_rel",
        "wizard_id", "category_id", string="Data categories", required=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, default=_default_partner)
    record_ref = fields.Reference(
        selection="_selection_record_models", string="Record",
        help="The document handed over (an order, an invoice...); empty "
             "when the customer's data as such was handed over.")
    request_reference = fields.Char(
        "Request reference", required=True,
        help="The authority's reference or case number.")
    request_date = fields.Date(
        required=True, default=fields.Date.context_today)
    confidential = fields.Boolean(
        help="The authority forbids telling the customer (e.g. during a "
             "criminal investigation): the disclosure is left out of the "
             "customer's access export and the audit log says why.")
    confidential_reason = fields.Text("Why confidential")

    @api.model
    def create(self, vals):
        self._lotus_check_privacy_group(
            "officer", _("record a disclosure to an authority"))
        return super(LotusAuthorityDisclosureWizard, self).create(vals)

    @api.multi
    def action_record(self):
        """Record the disclosure (button of the wizard)."""
        self._lotus_check_privacy_group(
            "officer", _("record a disclosure to an authority"))
        self.ensure_one()
        records = self.partner_id
        if self.record_ref:
            records = self.record_ref
            Disclosure = self.env["lotus.privacy.disclosure"]
            subjects = Disclosure._lotus_subjects_of(records.sudo())
            if self.partner_id.commercial_partner_id not in (
                    subjects | subjects.mapped("commercial_partner_id")):
                raise UserError(_(
                    "%(record)s is not a record of %(partner)s: choose one "
                    "of the customer's records or leave it empty.") % {
                        "record": records.display_name,
                        "partner": self.partner_id.display_name})
        # The categories are what left, named by their codes (the audit
        # log takes names, never values).
        codes = [re.sub(r"\W", "_", category.code or "") or
                 "category_%d" % category.id for category in self.category_ids]
        codes = [code if re.match(r"[A-Za-z_]", code) else "c_" + code
                 for code in codes]
        disclosure = self.env[
            "lotus.privacy.disclosure"].record_disclosure(
                self.recipient_id, records, codes, self.activity_id,
                reference=self.request_reference, partners=self.partner_id,
                legal_ground=self.legal_ground, details={
                    "legal_reference": self.legal_reference,
                    "request_date": self.request_date,
                    "data_category_ids": [(6, 0, self.category_ids.ids)],
                    "confidential": self.confidential,
                    "confidential_reason": self.confidential_reason
                    or False,
                })
        return {
            "type": "ir.actions.act_window",
            "name": _("Disclosure to an authority"),
            "res_model": "lotus.privacy.disclosure",
            "res_id": disclosure.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
