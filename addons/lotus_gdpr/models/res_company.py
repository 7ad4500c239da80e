# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import single_email_re

# What the privacy officer keeps up to date without being an administrator
# (Settings and the company form are the administrator's).
OFFICER_FIELDS = ("lotus_dpo_name", "lotus_dpo_email", "lotus_dpo_address",
                  "lotus_authority_name", "lotus_authority_url")


class ResCompany(models.Model):
    """The controller (P31): identity, Data Protection Officer and the
    supervisory authority, shown on the portal privacy page (P30) and on
    the processing register."""

    _inherit = "res.company"

    lotus_eori = fields.Char(
        "EORI number",
        help="Economic Operators Registration and Identification number "
             "(customs), e.g. NL859030374.")
    lotus_dpo_name = fields.Char(
        "Data Protection Officer",
        help="Name (or function) of the Data Protection Officer, shown to "
             "customers on the privacy page.")
    lotus_dpo_email = fields.Char(
        "DPO email", help="Where customers send privacy questions and "
                          "requests.")
    lotus_dpo_address = fields.Text(
        "DPO postal address",
        help="Postal address for privacy questions and requests.")
    lotus_authority_name = fields.Char(
        "Supervisory authority",
        help="Where customers can complain about the processing of their "
             "personal data.")
    lotus_authority_url = fields.Char("Supervisory authority website")

    @api.constrains("lotus_dpo_email")
    def _check_lotus_dpo_email(self):
        for company in self:
            email = company.lotus_dpo_email
            if email and not single_email_re.match(email.strip()):
                raise ValidationError(_(
                    "The field 'DPO email' of %s must hold one e-mail "
                    "address, such as privacy@example.com.") % company.name)

    @api.constrains("lotus_authority_url")
    def _check_lotus_authority_url(self):
        for company in self:
            url = (company.lotus_authority_url or "").strip()
            if url and not url.lower().startswith(("https://", "http://")):
                raise ValidationError(_(
                    "The field 'Supervisory authority website' of %s must "
                    "be a web address starting with https://.")
                    % company.name)

    @api.multi
    def write(self, vals):
        """The privacy officer may change the DPO and authority contacts of
        their own companies, and nothing else of the company."""
        if vals and set(vals) <= set(OFFICER_FIELDS) and \
                not self.env.user.has_group("base.group_erp_manager") and \
                self.env.user.has_group("lotus_gdpr.group_privacy_officer"):
            if self - self.env.user.company_ids:
                raise AccessError(_(
                    "You can change the privacy contacts of your own "
                    "companies only."))
            result = super(ResCompany, self.sudo()).write(vals)
            self.env["lotus.audit.log"]._log(
                "privacy_contacts_changed", self, field_names=list(vals))
            return result
        return super(ResCompany, self).write(vals)

    @api.model
    def _lotus_action_privacy_contacts(self):
        """Privacy > Configuration > Controller and DPO: the contacts of
        the user's company, editable by the officer."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Controller and DPO"),
            "res_model": "res.company",
            "res_id": self.env.user.company_id.id,
            "view_mode": "form",
            "views": [(self.env.ref(
                "lotus_gdpr.view_res_company_privacy_contacts_form").id,
                "form")],
            "target": "current",
        }
