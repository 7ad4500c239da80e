# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.lotus_gdpr.tests.common import make_user

from .common import LotusSalesCase


class TestCarrierSharing(LotusSalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestCarrierSharing, cls).setUpClass()
        cls.order = cls._make_order(cls.customer, carrier=cls.carrier)
        cls.order.action_confirm()
        cls.picking = cls.order.picking_ids
        cls.stock_user = cls.env["res.users"].create({
            "name": "Warehouse Worker (test)",
            "login": "lotus_sales_stock_user",
            "email": "warehouse@example.nl",
            "groups_id": [(6, 0, [cls.env.ref("stock.group_stock_user").id])],
        })

    def test_payload_holds_exactly_the_allowed_fields(self):
        """P8: a carrier receives only the fields its sharing rule allows,
        and the disclosure is recorded with the delivery purpose."""
        payload = self.picking._lotus_shipping_payload()
        self.assertEqual(set(payload),
                         {"name", "street", "zip", "city", "country"})
        self.assertEqual(payload["name"], "Anna de Vries")
        self.assertEqual(payload["street"], "Molenstraat 12")
        self.assertEqual(payload["zip"], "6511 HH")
        self.assertEqual(payload["country"], "NL")
        # nothing else leaks, not even in a value
        flat = " ".join(str(value) for value in payload.values())
        self.assertNotIn(self.customer.email, flat)
        self.assertNotIn("555", flat)
        disclosure = self._disclosures(self.picking)
        self.assertEqual(len(disclosure), 1)
        self.assertEqual(disclosure.recipient_id, self.recipient)
        self.assertEqual(disclosure.activity_id, self.activity)
        self.assertEqual(disclosure.field_names,
                         "city, country, name, street, zip")
        self.assertEqual(disclosure.reference, self.picking.name)
        self.assertIn(self.customer, disclosure.partner_ids)

    def test_phone_only_when_the_rule_allows_it(self):
        """P3: the phone number goes on the label only for a carrier whose
        rule allows it; email likewise."""
        self.assertNotIn("phone", self.picking._lotus_shipping_payload())
        self.carrier.write({"lotus_share_phone": True,
                            "lotus_share_email": True})
        payload = self.picking._lotus_shipping_payload()
        self.assertEqual(payload["phone"], "+31 24 555 0101")
        self.assertEqual(payload["email"], self.customer.email)
        latest = self._disclosures(self.picking)[0]
        self.assertIn("phone", latest.field_names)

    def test_company_name_for_a_business_customer(self):
        """P8: a business customer's label carries company and person."""
        company = self.env["res.partner"].create({
            "name": "Printlab BV", "is_company": True,
            "street": "Groenestraat 215", "zip": "6531 HH",
            "city": "Nijmegen", "country_id": self.nl.id,
        })
        person = self.env["res.partner"].create({
            "firstname": "Kees", "lastname": "Bakker",
            "parent_id": company.id, "type": "contact"})
        order = self._make_order(person, carrier=self.carrier)
        order.action_confirm()
        payload = order.picking_ids._lotus_shipping_payload()
        self.assertEqual(payload["company"], "Printlab BV")
        self.assertEqual(payload["name"], "Kees Bakker")
        self.assertEqual(payload["street"], "Groenestraat 215")

    def test_unregistered_carrier_is_refused(self):
        """P8: a carrier that is not a registered recipient gets nothing, and
        the delivery is not shipped."""
        self.carrier.lotus_recipient_id = False
        with self.assertRaises(UserError) as raised:
            self.picking._lotus_shipping_payload()
        self.assertIn("registered recipient", raised.exception.name)
        self._process(self.picking)
        with self.assertRaises(UserError):
            self.picking.button_validate()
        self.assertNotEqual(self.picking.state, "done")
        self.assertFalse(self._disclosures(self.picking))

    def test_recipient_not_registered_for_delivery_is_refused(self):
        """P8: the recipient must be registered for the sharing purpose."""
        self.recipient.activity_ids = [(5, 0, 0)]
        with self.assertRaises(UserError):
            self.picking._lotus_shipping_payload()
        self.assertFalse(self._disclosures(self.picking))

    def test_restricted_customer(self):
        """P8: while the customer's processing is restricted, only an
        essential recipient may receive the delivery data."""
        self.customer.lotus_restricted = True
        with self.assertRaises(UserError) as raised:
            self.picking._lotus_shipping_payload()
        self.assertIn("restricted", raised.exception.name)
        self.assertFalse(self._disclosures(self.picking))
        if "essential" in self.recipient._fields:
            self.recipient.essential = True
            self.assertTrue(self.picking._lotus_shipping_payload())

    def test_recipient_must_be_a_carrier(self):
        """P8: a carrier links to a recipient of kind carrier."""
        payment = self.env["lotus.privacy.recipient"].create({
            "name": "Some PSP (test)", "kind": "payment",
            "country_id": self.nl.id})
        with self.assertRaises(ValidationError):
            self.carrier.lotus_recipient_id = payment

    def test_shipping_records_and_shows_the_disclosure(self):
        """P8: validating the delivery shares the label data once; staff see
        on the delivery and on the order what was shared, with whom, when."""
        self._process(self.picking)
        self.picking.button_validate()
        self.assertEqual(self.picking.state, "done")
        disclosures = self._disclosures(self.picking)
        self.assertEqual(len(disclosures), 1)
        self.assertEqual(self.picking.lotus_disclosure_ids, disclosures)
        self.assertEqual(self.picking.lotus_disclosure_count, 1)
        self.assertEqual(self.order.lotus_disclosure_ids, disclosures)
        action = self.order.action_lotus_view_disclosures()
        self.assertEqual(action["res_model"], "lotus.privacy.disclosure")
        self.assertEqual(action["domain"], [("id", "in", disclosures.ids)])
        # a warehouse worker (not a privacy user) sees it on the picking
        as_worker = self.picking.sudo(self.stock_user)
        self.assertEqual(as_worker.lotus_disclosure_ids.mapped(
            "recipient_id.name"), [self.recipient.name])
        self.assertTrue(as_worker.lotus_disclosure_ids.create_date)
        # the audit log names the fields, never their values
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "disclosure"),
             ("res_model", "=", "stock.picking"),
             ("res_id", "=", self.picking.id)])
        self.assertTrue(log)
        self.assertNotIn("Molenstraat", "%s %s" % (log.note, log.field_names))

    def test_no_carrier_no_disclosure(self):
        """P8: a delivery without carrier (pick-up) ships without sharing."""
        order = self._make_order(self.customer)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        self.assertFalse(self._disclosures(picking))
        with self.assertRaises(UserError):
            picking._lotus_shipping_payload()


class TestCarrierRuleEditing(LotusSalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestCarrierRuleEditing, cls).setUpClass()
        cls.stock_manager = make_user(
            cls.env, "lotus_sales_stock_manager",
            ["stock.group_stock_manager", "sales_team.group_sale_manager"],
            name="Stock Manager (test)", email="stockmanager@example.nl")
        cls.officer = make_user(
            cls.env, "lotus_sales_officer",
            ["stock.group_stock_manager", "lotus_gdpr.group_privacy_officer"],
            name="Privacy Officer (test)", email="dpo@example.nl")

    def test_only_the_officer_changes_the_rule(self):
        """P8, P3: a stock manager cannot make a carrier receive the phone
        number or link it to a recipient; the privacy officer can, and the
        change is logged without values."""
        as_manager = self.carrier.sudo(self.stock_manager)
        with self.assertRaises(AccessError):
            as_manager.write({"lotus_share_phone": True})
        with self.assertRaises(AccessError):
            self.env["delivery.carrier"].sudo(self.stock_manager).create({
                "name": "Courier (test)",
                "product_id": self.shipping_product.id,
                "lotus_recipient_id": self.recipient.id})
        # the manager still manages the rest of the carrier
        as_manager.write({"fixed_price": 4.95})
        plain = self.env["delivery.carrier"].sudo(self.stock_manager).create({
            "name": "Courier (test)", "product_id": self.shipping_product.id})
        self.assertFalse(plain.lotus_share_phone)
        self.assertFalse(plain.lotus_recipient_id)
        self.carrier.sudo(self.officer).write({"lotus_share_phone": True})
        self.assertTrue(self.carrier.lotus_share_phone)
        log = self.env["lotus.audit.log"].search([
            ("action", "=", "carrier_sharing_rule"),
            ("res_id", "=", self.carrier.id)], limit=1)
        self.assertEqual(log.field_names, "lotus_share_phone")

    def test_views_show_rule_and_disclosures(self):
        """P8: the carrier form shows its sharing rule; order and delivery
        forms show "Shared with carriers"."""
        carrier_arch = self.env["delivery.carrier"].fields_view_get(
            view_type="form")["arch"]
        for field in ("lotus_recipient_id", "lotus_activity_id",
                      "lotus_share_phone", "lotus_share_email"):
            self.assertIn(field, carrier_arch)
        for model in ("sale.order", "stock.picking"):
            arch = self.env[model].fields_view_get(view_type="form")["arch"]
            self.assertIn("action_lotus_view_disclosures", arch)
            self.assertIn("lotus_disclosure_ids", arch)
