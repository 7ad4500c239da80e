# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import SavepointCase

CARD = "4111 1111 1111 1111"  # the well-known Visa test number


class LotusSalesCase(SavepointCase):
    """Own data for every test class: a customer with a complete address,
    a product, a carrier that is a registered recipient for delivery."""

    @classmethod
    def setUpClass(cls):
        super(LotusSalesCase, cls).setUpClass()
        cls.nl = cls.env.ref("base.nl")
        cls.de = cls.env.ref("base.de")
        cls.activity = cls.env["privacy.activity"].create(
            {"name": "Delivery of orders (test)"})
        cls.recipient = cls.env["lotus.privacy.recipient"].create({
            "name": "Parcel Carrier NL (test)",
            "kind": "carrier",
            "is_processor": True,
            "dpa_reference": "DPA-TEST-CARRIER",
            "dpa_date": "2025-01-01",
            "country_id": cls.nl.id,
            "activity_ids": [(6, 0, cls.activity.ids)],
        })
        cls.product = cls.env["product.product"].create({
            "name": "PLA filament 1.75 mm (test)",
            "type": "consu",
            "list_price": 25.0,
            "invoice_policy": "order",
        })
        cls.product_b = cls.env["product.product"].create({
            "name": "Nozzle 0.4 mm (test)",
            "type": "consu",
            "list_price": 7.5,
            "invoice_policy": "order",
        })
        cls.shipping_product = cls.env["product.product"].create({
            "name": "Shipping (test)",
            "type": "service",
            "list_price": 0.0,
        })
        cls.carrier = cls.env["delivery.carrier"].create({
            "name": "Parcel Carrier (test)",
            "delivery_type": "fixed",
            "fixed_price": 0.0,
            "product_id": cls.shipping_product.id,
            "lotus_recipient_id": cls.recipient.id,
            "lotus_activity_id": cls.activity.id,
            "lotus_share_name": True,
            "lotus_share_company": True,
            "lotus_share_street": True,
            "lotus_share_zip": True,
            "lotus_share_city": True,
            "lotus_share_country": True,
            "lotus_share_phone": False,
            "lotus_share_email": False,
        })
        cls.customer = cls._make_customer("Anna", "de Vries")

    @classmethod
    def _make_customer(cls, firstname, lastname, **extra):
        vals = {
            "firstname": firstname,
            "lastname": lastname,
            "email": "%s.test@example.nl" % firstname.lower(),
            "phone": "+31 24 555 0101",
            "street": "Molenstraat 12",
            "zip": "6511 HH",
            "city": "Nijmegen",
            "country_id": cls.nl.id,
            "customer": True,
        }
        vals.update(extra)
        return cls.env["res.partner"].create(vals)

    @classmethod
    def _make_order(cls, partner, carrier=None, lines=None, **extra):
        lines = lines or [(cls.product, 2)]
        vals = {
            "partner_id": partner.id,
            "partner_invoice_id": partner.id,
            "partner_shipping_id": partner.id,
            "pricelist_id": partner.property_product_pricelist.id,
            "carrier_id": carrier.id if carrier else False,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "product_uom_qty": qty,
                "price_unit": product.list_price,
            }) for product, qty in lines],
        }
        vals.update(extra)
        return cls.env["sale.order"].create(vals)

    @staticmethod
    def _process(picking):
        """Put every quantity in the picking as done (no validation yet)."""
        picking.action_assign()
        for move in picking.move_lines:
            move.quantity_done = move.product_uom_qty

    def _disclosures(self, picking):
        return self.env["lotus.privacy.disclosure"].search([
            ("res_model", "=", "stock.picking"),
            ("res_ids", "=", str(picking.id)),
        ])
