# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

LEGAL_GROUNDS = [
    ("contract", "Contract"),
    ("legitimate_interest", "Legitimate interest"),
    ("legal_obligation", "Legal obligation"),
    ("consent", "Consent"),
]


class PrivacyActivity(models.Model):
    """The processing register of GDPR art. 30 (P21): every use of
    personal data with its purpose, legal ground, data categories, data
    subjects, recipients, transfers and retention."""

    _inherit = "privacy.activity"

    lotus_purpose = fields.Text(
        "Purpose", translate=True, track_visibility="onchange",
        help="Why the personal data is processed, in words the data "
             "subject understands.")
    lotus_legal_ground = fields.Selection(
        LEGAL_GROUNDS, "Legal ground", track_visibility="onchange",
        help="GDPR art. 6(1): the legal ground of this processing. "
             "A disclosure to an authority needs 'Legal obligation'.")
    lotus_legal_ground_note = fields.Char(
        "Legal ground details", translate=True,
        help="The law, contract clause or interest the ground rests on, "
             "e.g. 'art. 52 General Tax Act (AWR)'.")
    lotus_data_category_ids = fields.Many2many(
        "lotus.privacy.data.category",
        "lotus_privacy_activity_data_category_rel",
        "activity_id", "data_category_id", string="Data categories")
    lotus_data_subjects = fields.Char(
        "Data subjects", translate=True,
        help="Whose personal data: customers, prospects, newsletter "
             "subscribers, website visitors...")
    lotus_recipient_ids = fields.Many2many(
        "lotus.privacy.recipient", "lotus_privacy_recipient_activity_rel",
        "activity_id", "recipient_id", string="Recipients",
        help="Who may receive personal data for this purpose. Personal "
             "data is never disclosed to anyone else.")
    lotus_transfer_outside_eea = fields.Boolean(
        "Transfer outside the EEA", compute="_compute_lotus_transfer",
        store=True,
        help="At least one recipient is established outside the European "
             "Economic Area (covered by its transfer safeguard).")
    lotus_transfer_countries = fields.Char(
        "Transfer countries", compute="_compute_lotus_transfer", store=True)
    lotus_retention = fields.Text(
        "Retention", translate=True,
        help="How long the personal data is kept, and what happens then.")

    @api.depends("lotus_recipient_ids.is_eea",
                 "lotus_recipient_ids.country_id",
                 "lotus_recipient_ids.active")
    def _compute_lotus_transfer(self):
        for activity in self:
            outside = activity.lotus_recipient_ids.filtered(
                lambda r: r.active and not r.is_eea)
            activity.lotus_transfer_outside_eea = bool(outside)
            activity.lotus_transfer_countries = ", ".join(
                sorted(set(outside.mapped("country_id.name")))) or False

    @api.constrains("lotus_legal_ground", "lotus_recipient_ids")
    def _check_lotus_authority_recipients(self):
        """P32: an authority receives data only under a legal obligation."""
        for activity in self:
            if activity.lotus_legal_ground == "legal_obligation":
                continue
            authorities = activity.lotus_recipient_ids.filtered(
                lambda r: r.kind == "authority")
            if authorities:
                raise ValidationError(_(
                    "Activity '%s' lists the authority %s as recipient: "
                    "set its field 'Legal ground' to 'Legal obligation' "
                    "or remove the authority from its recipients.") % (
                        activity.name,
                        ", ".join(authorities.mapped("name"))))

    @api.multi
    def _lotus_is_legal_obligation(self):
        self.ensure_one()
        return self.lotus_legal_ground == "legal_obligation"

    @api.model
    def _lotus_action_print_register(self):
        """The register of all active processing activities, printable
        for the supervisory authority (GDPR art. 30(4))."""
        activities = self.search([])
        # config=False: the officer gets the register, never Odoo's
        # "choose your document layout" wizard (it opens instead of the
        # report for the superuser while the company has no layout yet).
        return self.env.ref(
            "lotus_gdpr.report_privacy_register").report_action(
                activities, config=False)

    @api.multi
    def _lotus_legal_ground_label(self):
        self.ensure_one()
        return dict(self._fields["lotus_legal_ground"]._description_selection(
            self.env)).get(self.lotus_legal_ground, "")

    # ------------------------------------------------------------------
    # Retention (P27): the term that governs the data of the activity
    # ------------------------------------------------------------------
    lotus_retention_term_id = fields.Many2one(
        "lotus.retention.term", "Retention term", ondelete="restrict",
        help="How long the personal data of this activity is kept, and "
             "what happens to it afterwards.")

    # ------------------------------------------------------------------
    # Consent (P20): the exact text a subject agrees to, its version, and
    # how the consent is confirmed
    # ------------------------------------------------------------------
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
