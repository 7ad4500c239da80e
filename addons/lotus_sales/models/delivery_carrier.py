# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import logging

import requests

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

# Seconds the HTTP transport waits for the carrier's answer.
TRANSPORT_TIMEOUT = 20

# Delivery types whose send_shipping sends nothing anywhere (the label is
# printed from the delivery slip) and the one type that sends the payload.
LABEL_ONLY_TYPES = ("fixed", "base_on_rule")

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

    delivery_type = fields.Selection(selection_add=[
        ("lotus", "Carrier API (sends only the sharing rule's fields)")])
    lotus_endpoint_url = fields.Char(
        "Shipment endpoint", groups="base.group_system",
        help="URL of the carrier's API to which the shipment is posted as "
             "JSON: the sharing rule's fields plus reference, weight, "
             "packages and service. Without it nothing is sent and the "
             "delivery says so.")
    lotus_api_key = fields.Char(
        "API key", groups="base.group_system", copy=False,
        help="Secret the carrier gave us, sent as a bearer token. Only "
             "administrators can read it.")
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
        self._lotus_check_privacy_group("officer", _(
            "decide what a carrier receives (registered recipient, purpose, "
            "shared fields)"))

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
        endpoint = sorted(set(vals) & {"lotus_endpoint_url", "lotus_api_key",
                                       "delivery_type"})
        if endpoint:
            # where the data goes: logged by name, never the URL or key
            self.env["lotus.audit.log"]._log(
                "carrier_endpoint", self, endpoint)
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
        problem = self.env["lotus.privacy.recipient"]._lotus_link_problem(
            self.lotus_recipient_id, self.lotus_activity_id, self)
        return [problem] if problem else []

    @api.constrains("lotus_recipient_id")
    def _check_lotus_recipient_kind(self):
        self.env["lotus.privacy.recipient"]._lotus_check_link_kind(
            self, "carrier")

    # ------------------------------------------------------------------
    # P8, P3: one way out for carrier data
    # ------------------------------------------------------------------
    @api.multi
    def send_shipping(self, pickings):
        """Every carrier integration goes through here. An integration of
        another module would read the whole delivery, whatever the sharing
        rule says: it is refused. Fixed-price and rule-based carriers send
        nothing (their label is the delivery slip, which prints only the
        rule's fields); the ``lotus`` type posts the payload. Warehouse
        staff only: over RPC it would send any delivery."""
        self._lotus_check_shipper()
        self.ensure_one()
        if self.delivery_type not in LABEL_ONLY_TYPES + ("lotus",):
            raise UserError(_(
                "The carrier integration '%(type)s' of %(carrier)s reads the "
                "whole delivery, not only the fields of the sharing rule: "
                "nothing was shipped. Use the delivery type 'Carrier API' "
                "for this carrier.") % {"type": self.delivery_type,
                                        "carrier": self.name})
        return super(DeliveryCarrier, self).send_shipping(pickings)

    @api.multi
    def lotus_rate_shipment(self, order):
        """Odoo's rate hook of the ``lotus`` type: the fixed price (no
        personal data leaves for a rate)."""
        order.check_access_rights("read")
        order.check_access_rule("read")
        return self.fixed_rate_shipment(order)

    @api.multi
    def lotus_send_shipping(self, pickings):
        """Odoo's shipping hook of the ``lotus`` type (called by
        ``send_shipping``): posts each delivery's payload to the carrier
        and records exactly what was sent. Warehouse staff only."""
        self._lotus_check_shipper()
        self.ensure_one()
        return [self._lotus_ship(picking) for picking in pickings]

    @api.multi
    def lotus_get_tracking_link(self, picking):
        return False

    @api.multi
    def lotus_cancel_shipment(self, pickings):
        self._lotus_check_shipper()
        raise UserError(_(
            "A shipment sent to %s is cancelled with the carrier itself; "
            "the disclosure stays recorded.") % self.name)

    @api.model
    def _lotus_check_shipper(self):
        if not self.env.user.has_group("stock.group_stock_user"):
            raise AccessError(_(
                "Only warehouse staff send deliveries to a carrier."))

    @api.multi
    def _lotus_endpoint_configured(self):
        self.ensure_one()
        return bool(self.sudo().lotus_endpoint_url)

    @api.multi
    def _lotus_ship(self, picking):
        """Send one delivery: the rule-filtered personal data and the
        shipment data that is not personal. The disclosure records the
        keys of what the carrier received, after it accepted them, with
        the carrier's tracking number, in a transaction of its own: if the
        validation is undone later (the next delivery of a batch refused),
        the carrier still has the data and the register still says so."""
        self.ensure_one()
        if not self._lotus_endpoint_configured():
            raise UserError(_(
                "%(carrier)s has no shipment endpoint: nothing was sent "
                "for %(picking)s.") % {"carrier": self.name,
                                       "picking": picking.name})
        personal = picking._lotus_shipping_data()
        body = {"shipment": picking._lotus_shipment_data(),
                "recipient": personal}
        answer = self._lotus_transport_post(body)
        tracking = answer.get("tracking_number") or False
        picking._lotus_record_shipping_disclosure(
            personal, sent=True, tracking=tracking)
        price = answer.get("price")
        if not isinstance(price, (int, float)):
            price = self.fixed_price
        return {"exact_price": price, "tracking_number": tracking}

    @api.multi
    def _lotus_transport_post(self, body):
        """HTTP transport: POST ``body`` as JSON to the endpoint, with the
        API key as bearer token; returns the carrier's JSON answer. A
        failure stops the validation (nothing is recorded as shipped)."""
        self.ensure_one()
        carrier = self.sudo()
        headers = {"Content-Type": "application/json",
                   "Accept": "application/json"}
        if carrier.lotus_api_key:
            headers["Authorization"] = "Bearer %s" % carrier.lotus_api_key
        try:
            response = requests.post(
                carrier.lotus_endpoint_url, data=json.dumps(body),
                headers=headers, timeout=TRANSPORT_TIMEOUT)
            response.raise_for_status()
            answer = response.json() if response.content else {}
        except (requests.RequestException, ValueError) as error:
            # The error names the kind of failure, never the payload.
            _logger.warning("carrier %s: shipment not accepted (%s)",
                            carrier.id, error.__class__.__name__)
            raise UserError(_(
                "%(carrier)s did not accept the shipment "
                "(%(error)s): nothing was shipped. Try again later or "
                "check the carrier's endpoint.") % {
                    "carrier": self.name,
                    "error": error.__class__.__name__})
        return answer if isinstance(answer, dict) else {}
