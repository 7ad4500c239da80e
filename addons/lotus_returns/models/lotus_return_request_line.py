# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from odoo.addons import decimal_precision as dp


class LotusReturnRequestLine(models.Model):
    """One returned product: an order line and the quantity that comes
    back (never more than delivered minus what was already returned)."""

    _name = "lotus.return.request.line"
    _description = "Returned product"
    _order = "request_id, id"

    request_id = fields.Many2one(
        "lotus.return.request", "Return", required=True, index=True,
        ondelete="cascade")
    order_id = fields.Many2one(
        related="request_id.order_id", readonly=True)
    sale_line_id = fields.Many2one(
        "sale.order.line", "Order line", required=True, index=True,
        ondelete="restrict")
    product_id = fields.Many2one(
        related="sale_line_id.product_id", store=True, readonly=True,
        index=True)
    product_uom_id = fields.Many2one(
        related="sale_line_id.product_uom", readonly=True, string="Unit")
    quantity = fields.Float(
        "Quantity", required=True, default=1.0,
        digits=dp.get_precision("Product Unit of Measure"))
    qty_returnable = fields.Float(
        "Still returnable", compute="_compute_qty_returnable",
        digits=dp.get_precision("Product Unit of Measure"),
        help="Delivered minus already returned or requested for return.")
    price_unit = fields.Float(
        "Unit price", compute="_compute_amount", store=True,
        digits=dp.get_precision("Product Price"))
    currency_id = fields.Many2one(
        related="request_id.currency_id", readonly=True)
    amount = fields.Monetary(
        "Value", compute="_compute_amount", store=True)
    state = fields.Selection(related="request_id.state", readonly=True)

    @api.depends("sale_line_id", "quantity")
    def _compute_amount(self):
        for line in self:
            sol = line.sale_line_id
            price = sol.price_unit * (1.0 - (sol.discount or 0.0) / 100.0)
            line.price_unit = price
            line.amount = price * line.quantity

    @api.depends("sale_line_id", "quantity")
    def _compute_qty_returnable(self):
        for line in self:
            if not line.sale_line_id:
                line.qty_returnable = 0.0
                continue
            exclude = line if isinstance(line.id, int) else None
            line.qty_returnable = line.sale_line_id._lotus_returnable_qty(
                exclude_lines=exclude).get(line.sale_line_id.id, 0.0)

    @api.constrains("quantity", "sale_line_id", "request_id")
    def _check_quantity(self):
        for line in self:
            request = line.request_id
            if request.state in ("cancel", "rejected"):
                continue
            request._lotus_check_returnable_order()
            if line.sale_line_id.order_id != request.order_id:
                raise ValidationError(_(
                    "Product %(product)s is not on order %(order)s: a return "
                    "can only hold lines of its own order.") % {
                        "product": line.sale_line_id.product_id.display_name,
                        "order": request.order_id.name})
            precision = self.env["decimal.precision"].precision_get(
                "Product Unit of Measure")
            if float_compare(line.quantity, 0.0,
                             precision_digits=precision) <= 0:
                raise ValidationError(_(
                    "The quantity of %s must be more than zero.")
                    % line.product_id.display_name)
            returnable = line.sale_line_id._lotus_returnable_qty(
                exclude_lines=line)[line.sale_line_id.id]
            if float_compare(line.quantity, returnable,
                             precision_digits=precision) > 0:
                raise ValidationError(_(
                    "You cannot return %(qty)s %(uom)s of %(product)s: "
                    "%(max)s were delivered and not yet returned. Lower "
                    "the quantity to at most %(max)s.") % {
                        "qty": line.quantity,
                        "uom": line.product_uom_id.name,
                        "product": line.product_id.display_name,
                        "max": max(returnable, 0.0)})
