# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# Member states of the European Economic Area: the 27 EU member states
# plus Iceland, Liechtenstein and Norway. A transfer to any other country
# needs a safeguard (GDPR chapter V).
EEA_COUNTRY_CODES = frozenset([
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR",
    "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK",
    "SI", "ES", "SE",
    "IS", "LI", "NO",
])


class LotusPrivacyRecipient(models.Model):
    """A party that receives personal data: carrier, payment provider,
    product support, IT provider, authority (P22-P25, P32)."""

    _name = "lotus.privacy.recipient"
    _description = "Recipient of personal data"
    _order = "name"

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    partner_id = fields.Many2one("res.partner", "Organisation")
    kind = fields.Selection([
        ("carrier", "Carrier"),
        ("payment", "Payment provider"),
        ("support", "Product support"),
        ("it", "IT provider"),
        ("authority", "Authority"),
    ], required=True)
    is_processor = fields.Boolean(
        "Processor", help="Processes personal data on our behalf "
                          "(needs a data processing agreement).")
    country_id = fields.Many2one(
        "res.country", required=True,
        help="Country where the recipient processes the personal data.")
    is_eea = fields.Boolean(
        "In the EEA", compute="_compute_is_eea", store=True,
        help="The recipient's country belongs to the European Economic "
             "Area: no transfer safeguard is needed.")
    transfer_safeguard = fields.Selection([
        ("adequacy", "Adequacy decision"),
        ("scc", "Standard contractual clauses"),
    ], "Transfer safeguard",
        help="GDPR art. 45/46: what protects personal data sent outside "
             "the EEA. Required for every recipient outside the EEA.")
    transfer_safeguard_date = fields.Date(
        "Safeguard date",
        help="Date of the adequacy decision or of the signed standard "
             "contractual clauses.")
    transfer_safeguard_reference = fields.Char(
        "Safeguard reference",
        help="E.g. the Commission decision number or the contract number.")
    dpa_reference = fields.Char(
        "Processing agreement",
        help="Reference of the data processing agreement (GDPR art. 28). "
             "Required for processors.")
    dpa_date = fields.Date(
        "Agreement date",
        help="Date the data processing agreement was signed.")
    essential = fields.Boolean(
        help="Essential recipients (hosting, authorities) still receive "
             "the data of a partner whose processing is restricted "
             "(GDPR art. 18); all other recipients are refused.")
    activity_ids = fields.Many2many(
        "privacy.activity", "lotus_privacy_recipient_activity_rel",
        "recipient_id", "activity_id", string="Purposes",
        help="Processing activities for which this recipient may receive "
             "personal data. A disclosure for any other purpose is refused.")
    disclosure_count = fields.Integer(
        "Disclosures", compute="_compute_disclosure_count",
        groups="lotus_gdpr.group_privacy_user")
    note = fields.Text()

    @api.depends("country_id.code")
    def _compute_is_eea(self):
        for recipient in self:
            recipient.is_eea = (recipient.country_id.code or "").upper() \
                in EEA_COUNTRY_CODES

    @api.multi
    def _compute_disclosure_count(self):
        data = self.env["lotus.privacy.disclosure"].sudo().read_group(
            [("recipient_id", "in", self.ids)], ["recipient_id"],
            ["recipient_id"])
        counts = {d["recipient_id"][0]: d["recipient_id_count"] for d in data}
        for recipient in self:
            recipient.disclosure_count = counts.get(recipient.id, 0)

    @api.onchange("kind")
    def _onchange_kind(self):
        if self.kind == "authority":
            self.is_processor = False
            self.essential = True
        elif self.kind:
            self.is_processor = True

    @api.constrains("country_id", "transfer_safeguard",
                    "transfer_safeguard_date")
    def _check_transfer_safeguard(self):
        """P25: nothing goes outside the EEA without a safeguard."""
        for recipient in self:
            if recipient.is_eea:
                continue
            if not recipient.transfer_safeguard \
                    or not recipient.transfer_safeguard_date:
                raise ValidationError(_(
                    "Recipient '%s' is established in %s, outside the "
                    "European Economic Area. Fill in the fields 'Transfer "
                    "safeguard' (adequacy decision or standard contractual "
                    "clauses) and 'Safeguard date' before saving.") % (
                        recipient.name, recipient.country_id.name))

    @api.constrains("is_processor", "dpa_reference", "dpa_date", "kind")
    def _check_processing_agreement(self):
        """P23: every processor works under a data processing agreement."""
        for recipient in self:
            if recipient.kind == "authority" and recipient.is_processor:
                raise ValidationError(_(
                    "Recipient '%s' is an authority: an authority is not a "
                    "processor. Untick the field 'Processor'.")
                    % recipient.name)
            if recipient.is_processor and (
                    not recipient.dpa_reference or not recipient.dpa_date):
                raise ValidationError(_(
                    "Recipient '%s' is a processor: fill in the fields "
                    "'Processing agreement' (reference of the data "
                    "processing agreement) and 'Agreement date' before "
                    "saving.") % recipient.name)

    @api.constrains("kind", "activity_ids")
    def _check_authority_legal_obligation(self):
        """P32: an authority receives data only under a legal obligation."""
        for recipient in self.filtered(lambda r: r.kind == "authority"):
            wrong = recipient.activity_ids.filtered(
                lambda a: a.lotus_legal_ground != "legal_obligation")
            if wrong:
                raise ValidationError(_(
                    "Recipient '%s' is an authority and may only be "
                    "registered for activities with the legal ground "
                    "'Legal obligation'. Remove %s from its purposes or "
                    "change the legal ground of that activity.") % (
                        recipient.name, ", ".join(wrong.mapped("name"))))

    @api.multi
    def _lotus_allows(self, activity):
        """True when this recipient is registered for ``activity``.

        Any employee's flow (a shipment, a payment) may ask, also without
        read access to the register itself."""
        self.ensure_one()
        recipient, activity = self.sudo(), activity.sudo()
        return bool(recipient.active and activity.active
                    and activity in recipient.activity_ids)

    @api.model
    def _lotus_link_problem(self, recipient, activity, holder):
        """Why ``holder`` (a carrier, a payment provider: whatever hands
        personal data to ``recipient`` for ``activity``) may not do so
        now, as a translated sentence; False when it may."""
        if not recipient:
            return _("%s is not linked to a registered recipient (set it "
                     "on its Privacy tab)") % holder.display_name
        if not activity:
            return _("%s has no sharing purpose (set it on its Privacy "
                     "tab)") % holder.display_name
        if not recipient._lotus_allows(activity):
            return _("%(recipient)s is not registered for '%(activity)s' "
                     "(Privacy > Register > Recipients)") % {
                         "recipient": recipient.sudo().name,
                         "activity": activity.sudo().name}
        return False

    @api.model
    def _lotus_check_link_kind(self, holders, kind):
        """Constraint of the models that link to a recipient through
        ``lotus_recipient_id``: the recipient is of ``kind``."""
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for holder in holders:
            recipient = holder.lotus_recipient_id
            if recipient and recipient.kind != kind:
                raise ValidationError(_(
                    "The registered recipient of %(holder)s must be of kind "
                    "'%(kind)s', not '%(actual)s'.") % {
                        "holder": holder.display_name, "kind": kinds[kind],
                        "actual": kinds.get(recipient.kind, recipient.kind)})

    @api.multi
    def action_view_disclosures(self):
        self.ensure_one()
        return self.env["lotus.privacy.disclosure"]._lotus_list_action(
            [("recipient_id", "=", self.id)])
