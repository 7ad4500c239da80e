# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..models.lotus_return_request import REASONS


class LotusReturnReport(models.Model):
    """Return rates per product, reason and month (P33).

    Only products, reasons, months and quantities: no customer, order,
    address or free text, so the report survives anonymisation and may be
    shown to anyone who analyses returns."""

    _name = "lotus.return.report"
    _description = "Return rates"
    _auto = False
    _rec_name = "product_id"
    _order = "month desc, product_id"

    product_id = fields.Many2one("product.product", "Product", readonly=True)
    product_tmpl_id = fields.Many2one(
        "product.template", "Product template", readonly=True)
    categ_id = fields.Many2one(
        "product.category", "Product category", readonly=True)
    reason = fields.Selection(REASONS, "Reason", readonly=True)
    month = fields.Date("Month", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    qty_returned = fields.Float("Quantity returned", readonly=True)
    qty_sold = fields.Float(
        "Quantity sold", readonly=True, group_operator="max",
        help="Quantity of the product sold in the month (confirmed orders, "
             "in the product's unit).")
    return_rate = fields.Float(
        "Return rate (%)", readonly=True, group_operator="avg",
        help="Returned quantity as a percentage of the quantity sold in "
             "the month. In grouped views: total returned over total sold.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW %s AS (
            WITH returned AS (
                SELECT l.product_id,
                       r.reason,
                       r.company_id,
                       date_trunc('month', r.date_request)::date AS month,
                       SUM(l.quantity / su.factor * pu.factor) AS qty
                  FROM lotus_return_request_line l
                  JOIN lotus_return_request r ON r.id = l.request_id
                  JOIN sale_order_line sol ON sol.id = l.sale_line_id
                  JOIN product_uom su ON su.id = sol.product_uom
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_uom pu ON pu.id = pt.uom_id
                 WHERE r.state NOT IN ('draft', 'cancel', 'rejected')
              GROUP BY l.product_id, r.reason, r.company_id, 4
            ), sold AS (
                SELECT sol.product_id,
                       so.company_id,
                       -- The request date is a calendar date of the
                       -- shop; the order's moment (UTC) is read in the
                       -- company's time zone to fall in the same month.
                       date_trunc('month',
                                  (COALESCE(so.confirmation_date,
                                            so.date_order)
                                   AT TIME ZONE 'UTC')
                                  AT TIME ZONE COALESCE(cp.tz, 'UTC'))::date
                           AS month,
                       SUM(sol.product_uom_qty / su.factor * pu.factor) AS qty
                  FROM sale_order_line sol
                  JOIN sale_order so ON so.id = sol.order_id
                  JOIN res_company c ON c.id = so.company_id
             LEFT JOIN res_partner cp ON cp.id = c.partner_id
                  JOIN product_uom su ON su.id = sol.product_uom
                  JOIN product_product pp ON pp.id = sol.product_id
                  JOIN product_template pt ON pt.id = pp.product_tmpl_id
                  JOIN product_uom pu ON pu.id = pt.uom_id
                 WHERE so.state IN ('sale', 'done')
                   AND sol.product_id IN (SELECT product_id FROM returned)
              GROUP BY sol.product_id, so.company_id, 3
            )
            SELECT row_number() OVER (
                       ORDER BY ret.month, ret.product_id, ret.reason) AS id,
                   ret.product_id,
                   pp.product_tmpl_id,
                   pt.categ_id,
                   ret.reason,
                   ret.month,
                   ret.company_id,
                   ret.qty AS qty_returned,
                   COALESCE(s.qty, 0.0) AS qty_sold,
                   CASE WHEN COALESCE(s.qty, 0.0) > 0
                        THEN 100.0 * ret.qty / s.qty ELSE NULL END
                       AS return_rate
              FROM returned ret
              JOIN product_product pp ON pp.id = ret.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
         LEFT JOIN sold s ON s.product_id = ret.product_id
                         AND s.month = ret.month
                         AND s.company_id = ret.company_id
            )""" % self._table)

    @api.model
    def read_group(self, domain, fields, groupby, offset=0, limit=None,
                   orderby=False, lazy=True):
        """Totals that mean something: the sold quantity of a group is
        counted once per product and month (not once per reason), and the
        rate is total returned over total sold."""
        result = super(LotusReturnReport, self).read_group(
            domain, fields, groupby, offset=offset, limit=limit,
            orderby=orderby, lazy=lazy)
        wanted = set(f.split(":")[0] for f in fields or [])
        if not ({"qty_sold", "return_rate"} & wanted) and fields:
            return result
        for group in result:
            rows = self.search_read(
                group.get("__domain", domain),
                ["product_id", "month", "company_id", "qty_sold",
                 "qty_returned"])
            sold = {}
            returned = 0.0
            for row in rows:
                key = (row["product_id"] and row["product_id"][0],
                       row["month"],
                       row["company_id"] and row["company_id"][0])
                sold[key] = row["qty_sold"]
                returned += row["qty_returned"]
            total_sold = sum(sold.values())
            if "qty_sold" in group:
                group["qty_sold"] = total_sold
            if "return_rate" in group:
                group["return_rate"] = (
                    100.0 * returned / total_sold if total_sold else False)
        return result
