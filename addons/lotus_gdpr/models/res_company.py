# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import single_email_re


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
