# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields


class ReturnsTestMixin(object):
    """Builds customers, delivered and invoiced orders for the tests."""

    @classmethod
    def _create_customer(cls, env, name, email, **vals):
        values = {
            "name": name, "email": email, "phone": "+31 24 000 0000",
            "street": "Teststraat 1", "zip": "6511 AA", "city": "Nijmegen",
            "country_id": env.ref("base.nl").id, "customer": True,
        }
        values.update(vals)
        return env["res.partner"].create(values)

    @classmethod
    def _create_product(cls, env, name, price=10.0):
        return env["product.product"].create({
            "name": name, "type": "consu", "list_price": price,
            "invoice_policy": "order",
        })

    @classmethod
    def _create_order(cls, env, partner, products_qty, deliver=True,
                      invoice=True, delivered_days_ago=0):
        order = env["sale.order"].create({
            "partner_id": partner.id,
            "order_line": [(0, 0, {
                "product_id": product.id,
                "product_uom_qty": qty,
                "price_unit": product.list_price,
            }) for product, qty in products_qty],
        })
        order.action_confirm()
        if deliver:
            for picking in order.picking_ids:
                env["lotus.return.request"]._lotus_validate_picking(picking)
            if delivered_days_ago:
                cls._set_delivery_date(order, delivered_days_ago)
        if invoice:
            invoice = env["account.invoice"].browse(
                order.action_invoice_create())
            invoice.action_invoice_open()
        return order

    @classmethod
    def _set_delivery_date(cls, order, days_ago):
        when = datetime.now() - timedelta(days=days_ago)
        order.picking_ids.write(
            {"date_done": fields.Datetime.to_string(when)})
