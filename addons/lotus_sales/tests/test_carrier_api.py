# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import UserError

from .carrier_stub import CarrierStub
from .common import LotusSalesCase


class TestCarrierApi(LotusSalesCase):
    """The carrier integration receives the payload, and only the payload."""

    @classmethod
    def setUpClass(cls):
        super(TestCarrierApi, cls).setUpClass()
        cls.carrier_api = CarrierStub()
        cls.carrier.write({
            "delivery_type": "lotus",
            "lotus_endpoint_url": cls.carrier_api.url,
            "lotus_api_key": "secret-test-key",
        })

    @classmethod
    def tearDownClass(cls):
        cls.carrier_api.stop()
        super(TestCarrierApi, cls).tearDownClass()

    def setUp(self):
        super(TestCarrierApi, self).setUp()
        self.carrier_api.received[:] = []

    def _ship(self, partner=None):
        order = self._make_order(partner or self.customer,
                                 carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        picking.button_validate()
        return picking

    def test_carrier_receives_exactly_the_rule(self):
        """P8, P3: validating a delivery posts to the carrier exactly the
        fields of its sharing rule plus shipment data that is not
        personal; the disclosure log names exactly what the carrier
        received, and the tracking number comes back."""
        picking = self._ship()
        self.assertEqual(picking.state, "done")
        self.assertEqual(len(self.carrier_api.received), 1)
        request = self.carrier_api.received[0]
        self.assertEqual(request["path"], "/shipments")
        self.assertEqual(request["authorization"], "Bearer secret-test-key")
        body = request["body"]
        self.assertEqual(set(body), {"shipment", "recipient"})
        self.assertEqual(body["recipient"], {
            "name": "Anna de Vries", "street": "Molenstraat 12",
            "zip": "6511 HH", "city": "Nijmegen", "country": "NL"})
        self.assertEqual(set(body["shipment"]), {
            "reference", "weight", "weight_uom", "packages", "service"})
        self.assertEqual(body["shipment"]["reference"], picking.name)
        raw = json.dumps(body)
        for secret in (self.customer.email, "555 0101"):
            self.assertNotIn(secret, raw)
        disclosure = self._disclosures(picking)
        self.assertEqual(len(disclosure), 1)
        self.assertEqual(disclosure.field_names.split(", "),
                         sorted(body["recipient"]))
        self.assertEqual(disclosure.recipient_id, self.recipient)
        self.assertEqual(picking.carrier_tracking_ref, "3STEST0001")
        self.assertIn(picking.name, disclosure.reference)
        self.assertIn("3STEST0001", disclosure.reference)

    def test_phone_sent_only_when_the_rule_allows_it(self):
        """P3: the phone number reaches the carrier only when its rule
        shares it, and then the disclosure says so."""
        self.carrier.lotus_share_phone = True
        picking = self._ship()
        body = self.carrier_api.received[0]["body"]
        self.assertEqual(body["recipient"]["phone"], "+31 24 555 0101")
        self.assertEqual(self._disclosures(picking).field_names.split(", "),
                         sorted(body["recipient"]))

    def test_return_receipt_is_not_a_new_shipment(self):
        """P8: receiving a return, even one with the delivery's carrier,
        sends nothing to the carrier: it is no new shipment."""
        picking = self._ship()
        wizard = self.env["stock.return.picking"].with_context(
            active_id=picking.id, active_ids=picking.ids,
            active_model="stock.picking").create({})
        returned = self.env["stock.picking"].browse(
            wizard._create_returns()[0])
        self.assertEqual(returned.picking_type_code, "incoming")
        returned.carrier_id = self.carrier  # e.g. picked up by the carrier
        for move in returned.move_lines:
            move.quantity_done = move.product_uom_qty
        returned.button_validate()
        self.assertEqual(returned.state, "done")
        self.assertEqual(len(self.carrier_api.received), 1)
        self.assertFalse(self._disclosures(returned))

    def test_unregistered_carrier_gets_nothing(self):
        """P8: a carrier without a registered recipient receives no request
        at all, and the delivery is not validated."""
        self.carrier.lotus_recipient_id = False
        order = self._make_order(self.customer, carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        with self.assertRaises(UserError):
            picking.button_validate()
        self.assertEqual(self.carrier_api.received, [])
        self.assertNotEqual(picking.state, "done")
        self.assertFalse(self._disclosures(picking))

    def test_no_endpoint_nothing_sent_and_the_delivery_says_so(self):
        """P8: without a configured endpoint nothing is sent, nothing is
        recorded as disclosed, and the delivery says so."""
        self.carrier.lotus_endpoint_url = False
        picking = self._ship()
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.carrier_api.received, [])
        self.assertFalse(self._disclosures(picking))
        self.assertTrue(any("Nothing was sent" in (message.body or "")
                            for message in picking.message_ids))

    def test_unreachable_carrier_stops_the_validation(self):
        """P8: a carrier that does not answer gets no disclosure recorded
        and the delivery stays open."""
        self.carrier.lotus_endpoint_url = "http://127.0.0.1:1/shipments"
        order = self._make_order(self.customer, carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        with self.assertRaisesRegex(UserError, "did not accept"):
            picking.button_validate()
        self.assertFalse(self._disclosures(picking))

    def test_other_integrations_are_refused(self):
        """P8: an integration that would read the whole delivery is not
        used."""
        self.env.cr.execute(
            "UPDATE delivery_carrier SET delivery_type = 'fedex' "
            "WHERE id = %s", (self.carrier.id,))
        self.carrier.invalidate_cache()
        with self.assertRaisesRegex(UserError, "whole delivery"):
            self.carrier.send_shipping(self.env["stock.picking"])

    def test_api_key_is_secret(self):
        """The carrier's credentials are readable by administrators only;
        a change of where the data goes is in the audit log, without the
        URL or the key."""
        log = self.env["lotus.audit.log"].search([
            ("action", "=", "carrier_endpoint"),
            ("res_id", "=", self.carrier.id)], limit=1)
        self.assertEqual(log.field_names,
                         "delivery_type, lotus_api_key, lotus_endpoint_url")
        self.assertNotIn("secret-test-key", "%s" % log.note)
        from odoo.addons.lotus_gdpr.tests.common import make_user
        manager = make_user(self.env, "lotus_sales_carrier_manager",
                            ["stock.group_stock_manager"])
        fields = self.carrier.sudo(manager).fields_get()
        self.assertNotIn("lotus_api_key", fields)
        self.assertNotIn("lotus_api_key",
                         self.env["delivery.carrier"].sudo(manager)
                         .fields_view_get(view_type="form")["arch"])

    def test_delivery_slip_prints_only_the_rule(self):
        """P3: the delivery slip prints the phone only when the carrier's
        rule shares it."""
        order = self._make_order(self.customer, carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        report = self.env.ref("stock.action_report_delivery")
        html = report.render_qweb_html(picking.ids)[0].decode("utf-8")
        self.assertIn("Molenstraat 12", html)
        self.assertNotIn("555 0101", html)
        self.assertNotIn(self.customer.email, html)
        self.carrier.lotus_share_phone = True
        html = report.render_qweb_html(picking.ids)[0].decode("utf-8")
        self.assertIn("555 0101", html)
