# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class PrivacyActivity(models.Model):
    """Consent side of a processing activity: the exact text a subject
    agrees to, its version, and how the consent is confirmed (P20)."""

    _inherit = "privacy.activity"

    lotus_marketing = fields.Boolean(
        "Marketing",
        help="Direct marketing (newsletter, offers). An objection to "
             "marketing withdraws every consent of such an activity at once.")
    lotus_double_opt_in = fields.Boolean(
        "Double opt-in",
        help="A consent given for this activity is valid only once the "
             "subject has confirmed it through the link mailed to the "
             "address we hold.")
    lotus_consent_text = fields.Text(
        "Consent text", translate=True,
        help="The exact sentence the subject agrees to. It is copied into "
             "the proof of every consent given.")
    lotus_consent_version = fields.Char(
        "Consent text version",
        help="Change the version whenever the consent text changes: the "
             "proof of each consent records the version that was shown.")
    lotus_link_validity = fields.Integer(
        "Link validity (hours)", default=48,
        help="How long a confirmation or answer link mailed for this "
             "activity stays valid. Each link can be used once.")

    @api.constrains("lotus_link_validity")
    def _check_lotus_link_validity(self):
        for activity in self:
            if activity.lotus_link_validity <= 0:
                raise ValidationError(_(
                    "Link validity (hours) of '%s' must be a positive number "
                    "of hours, e.g. 48.") % activity.name)

    @api.constrains("lotus_marketing", "lotus_double_opt_in",
                    "default_consent")
    def _check_lotus_no_default_consent(self):
        for activity in self:
            if activity.default_consent and (activity.lotus_marketing or
                                             activity.lotus_double_opt_in):
                raise ValidationError(_(
                    "'%s' is a marketing or double opt-in activity: consent "
                    "must be given actively. Untick 'Accepted by default'.")
                    % activity.name)

    @api.multi
    def write(self, vals):
        if "lotus_consent_text" in vals and "lotus_consent_version" not in vals:
            changed = self.filtered(
                lambda a: a.consent_ids
                and (a.lotus_consent_text or "") != (vals["lotus_consent_text"] or ""))
            if changed:
                raise ValidationError(_(
                    "The consent text of '%s' was changed without a new "
                    "version. Set 'Consent text version' too, so that the "
                    "proof of each consent names the text that was shown.")
                    % changed[0].name)
        return super(PrivacyActivity, self).write(vals)

    @api.model
    def _lotus_newsletter(self):
        """The newsletter activity: the shop's seeded record, or else the
        first double opt-in marketing activity."""
        newsletter = self.env.ref("lotus_gdpr.activity_newsletter", False)
        if newsletter and newsletter.sudo().active:
            return newsletter.sudo()
        return self.sudo().search([("lotus_marketing", "=", True),
                                   ("lotus_double_opt_in", "=", True)],
                                  limit=1)
