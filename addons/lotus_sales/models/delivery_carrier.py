# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, ValidationError

# Keys of the shipping payload, in label order, with the switch of the
# carrier's sharing rule that allows each one (P8, P3).
SHARE_FIELDS = [
    ("name", "lotus_share_name"),
    ("company", "lotus_share_company"),
    ("street", "lotus_share_street"),
    ("zip", "lotus_share_zip"),
    ("city", "lotus_share_city"),
    ("country", "lotus_share_country"),
    ("phone", "lotus_share_phone"),
    ("email", "lotus_share_email"),
]


def _default_delivery_activity(model):
    return model.env.ref("lotus_gdpr.activity_delivery", False)


class DeliveryCarrier(models.Model):
    """A carrier is a registered recipient of personal data, and its
    sharing rule says which fields of the delivery address it receives."""

    _inherit = "delivery.carrier"

    lotus_recipient_id = fields.Many2one(
        "lotus.privacy.recipient", "Registered recipient",
        domain=[("kind", "=", "carrier")], ondelete="restrict", copy=False,
        help="The carrier as registered under Privacy > Register > "
             "Recipients. Without it nothing is shipped with this carrier.")
    lotus_activity_id = fields.Many2one(
        "privacy.activity", "Sharing purpose", ondelete="restrict",
        default=_default_delivery_activity,
        help="Processing activity under which the carrier receives the "
             "delivery data; the recipient must be registered for it.")
    lotus_share_name = fields.Boolean(
        "Shares recipient name", default=True,
        help="First and family name of the person the parcel is for.")
    lotus_share_company = fields.Boolean(
        "Shares company name", default=True)
    lotus_share_street = fields.Boolean(
        "Shares street and number", default=True)
    lotus_share_zip = fields.Boolean("Shares postal code", default=True)
    lotus_share_city = fields.Boolean("Shares city", default=True)
    lotus_share_country = fields.Boolean("Shares country", default=True)
    lotus_share_phone = fields.Boolean(
        "Shares phone number",
        help="The phone number goes on the label only for carriers whose "
             "rule allows it, so that the driver can call about the "
             "delivery.")
    lotus_share_email = fields.Boolean(
        "Shares email address",
        help="For carriers that announce the delivery by email.")

    @api.model
    def _lotus_rule_fields(self):
        """Fields that make up the sharing rule."""
        return ["lotus_recipient_id", "lotus_activity_id"] + [
            switch for _key, switch in SHARE_FIELDS]

    @api.model
    def _lotus_check_rule_editor(self):
        if not self.env.user.has_group("lotus_gdpr.group_privacy_officer"):
            raise AccessError(_(
                "Only the Privacy Officer may decide what a carrier receives "
                "(registered recipient, purpose, shared fields). Ask your "
                "Data Protection Officer."))

    @api.model
    def create(self, vals):
        """Anyone who manages carriers may create one with the default
        rule; linking a recipient or sharing phone or email is the privacy
        officer's decision."""
        if vals.get("lotus_recipient_id") or vals.get("lotus_share_phone") \
                or vals.get("lotus_share_email"):
            self._lotus_check_rule_editor()
        carrier = super(DeliveryCarrier, self).create(vals)
        if vals.get("lotus_recipient_id"):
            self.env["lotus.audit.log"]._log(
                "carrier_sharing_rule", carrier,
                carrier._lotus_shared_fields())
        return carrier

    @api.multi
    def write(self, vals):
        """Only the privacy officer changes what a carrier receives; every
        change is logged (field names, never values)."""
        changed = sorted(set(vals) & set(self._lotus_rule_fields()))
        if changed:
            self._lotus_check_rule_editor()
            self.env["lotus.audit.log"]._log(
                "carrier_sharing_rule", self, changed)
        return super(DeliveryCarrier, self).write(vals)

    @api.multi
    def _lotus_shared_fields(self):
        """Payload keys this carrier's rule allows, in label order."""
        self.ensure_one()
        return [key for key, switch in SHARE_FIELDS if self[switch]]

    @api.multi
    def _lotus_sharing_problems(self):
        """Why this carrier may not receive personal data now (a list of
        translated sentences, empty when it may)."""
        self.ensure_one()
        recipient = self.lotus_recipient_id
        if not recipient:
            return [_("carrier %s is not linked to a registered recipient "
                      "(set it on the carrier's Privacy tab)") % self.name]
        if not self.lotus_activity_id:
            return [_("carrier %s has no sharing purpose "
                      "(set it on the carrier's Privacy tab)") % self.name]
        if not recipient._lotus_allows(self.lotus_activity_id):
            return [_("%(recipient)s is not registered for '%(activity)s' "
                      "(Privacy > Register > Recipients)") % {
                          "recipient": recipient.name,
                          "activity": self.lotus_activity_id.name}]
        return []

    @api.constrains("lotus_recipient_id")
    def _check_lotus_recipient_kind(self):
        for carrier in self:
            if carrier.lotus_recipient_id \
                    and carrier.lotus_recipient_id.kind != "carrier":
                raise ValidationError(_(
                    "The registered recipient of carrier %(carrier)s must be "
                    "of kind 'Carrier', not '%(kind)s'.") % {
                        "carrier": carrier.name,
                        "kind": carrier.lotus_recipient_id.kind})
