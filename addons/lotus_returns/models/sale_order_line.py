# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

# Return requests in these states no longer hold a quantity.
INACTIVE_RETURN_STATES = ("cancel", "rejected")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.multi
    def _lotus_returnable_qty(self, exclude_lines=None):
        """``{line_id: quantity}`` the customer may still return.

        Delivered to the customer (validated outgoing moves of the line),
        minus what came back through a standard stock return, minus what
        is already on a return request that is not cancelled or rejected
        (``exclude_lines``: request lines left out of that sum, e.g. the
        line being checked). All in the unit of measure of the order line.
        """
        exclude_ids = exclude_lines.ids if exclude_lines else []
        result = {}
        for line in self.sudo():
            qty = 0.0
            for move in line.move_ids.filtered(
                    lambda m: m.state == "done" and not m.scrapped
                    and not m.lotus_return_line_id):
                move_qty = move.product_uom._compute_quantity(
                    move.product_uom_qty, line.product_uom)
                if move.location_dest_id.usage == "customer":
                    qty += move_qty
                elif move.location_id.usage == "customer":
                    qty -= move_qty
            result[line.id] = qty
        if not result:
            return result
        # One query for what is already claimed on return requests.
        self.env.cr.execute("""
            SELECT l.sale_line_id, SUM(l.quantity)
              FROM lotus_return_request_line l
              JOIN lotus_return_request r ON r.id = l.request_id
             WHERE l.sale_line_id IN %s
               AND r.state NOT IN %s
               AND l.id NOT IN %s
          GROUP BY l.sale_line_id
        """, (tuple(result), INACTIVE_RETURN_STATES,
              tuple(exclude_ids) or (0,)))
        for line_id, claimed in self.env.cr.fetchall():
            result[line_id] -= claimed or 0.0
        return result
