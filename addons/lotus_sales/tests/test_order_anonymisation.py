# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields

from .common import LotusSalesCase

PLACEHOLDER = "Anonymised"


def apply_rules(records):
    """The engine's anonymisation of ``records``, blocks left aside: these
    tests are about what stays and what goes."""
    records.env["lotus.anonymizer"].sudo()._erase_records(
        records._name, records.ids, checked=True)
    records.invalidate_cache()


class TestOrderAnonymisation(LotusSalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestOrderAnonymisation, cls).setUpClass()
        cls.lukas = cls._make_customer(
            "Lukas", "Becker", street="Aachener Strasse 101", zip="50674",
            city="Koeln", country_id=cls.de.id)
        cls.orders = cls.env["sale.order"]
        for partner, lines, ref in (
                (cls.customer, [(cls.product, 2), (cls.product_b, 4)], "PO-1"),
                (cls.customer, [(cls.product, 1)], "PO-2"),
                (cls.lukas, [(cls.product_b, 3)], "PO-3")):
            order = cls._make_order(
                partner, lines=lines, client_order_ref=ref,
                note="Leave it with the neighbours at number 14",
                carrier_id=cls.carrier.id)
            order.action_confirm()
            cls.orders |= order

    def _figures(self):
        """Sales per month, country and product, as a report reads them."""
        groups = self.env["sale.report"].read_group(
            [("product_id", "in", (self.product | self.product_b).ids)],
            ["date", "country_id", "product_id", "price_total",
             "product_uom_qty"],
            ["date:month", "country_id", "product_id"], lazy=False)
        return sorted(
            (g["date:month"], g["country_id"] and g["country_id"][0],
             g["product_id"][0], round(g["price_total"], 2),
             g["product_uom_qty"], g["__count"]) for g in groups)

    def _line_figures(self):
        groups = self.env["sale.order.line"].read_group(
            [("order_id", "in", self.orders.ids)],
            ["product_id", "price_subtotal", "price_tax", "product_uom_qty"],
            ["product_id"], lazy=False)
        return sorted((g["product_id"][0], g["price_subtotal"],
                       g["price_tax"], g["product_uom_qty"])
                      for g in groups)

    def test_registered_models(self):
        """P26: orders, invoices, deliveries and payment transactions are
        registered with the privacy engine, each with its retention term."""
        models = self.env["lotus.personal.data.mixin"]._lotus_personal_models()
        for name, category in (("sale.order", "sale_order"),
                               ("account.invoice", "accounting"),
                               ("stock.picking", "sale_order"),
                               ("payment.transaction", "sale_order")):
            self.assertIn(name, models)
            self.assertEqual(self.env[name]._lotus_retention_category(),
                             category)
            model = self.env[name]
            declared = (list(model._lotus_personal_fields())
                        + model._lotus_export_fields()
                        + [model._lotus_retention_date_field()])
            self.assertFalse([f for f in declared if f not in model._fields])
        kept = set(self.env["sale.order"]._lotus_personal_fields())
        for field in ("amount_total", "amount_tax", "date_order", "state",
                      "order_line", "partner_id", "confirmation_date"):
            self.assertNotIn(field, kept)

    def test_reports_unchanged_after_anonymisation(self):
        """P33, P26: anonymised orders keep amounts, taxes, dates, country,
        products, quantities and state: sales per month, country and
        product are the same before and after."""
        before = self._figures()
        lines_before = self._line_figures()
        amounts = self.orders.mapped(lambda o: (
            o.amount_untaxed, o.amount_tax, o.amount_total, o.date_order,
            o.state))
        self.assertTrue(before)
        partners = self.customer | self.lukas
        for model in ("sale.order", "stock.picking"):
            records = self.env[model].search(
                self.env[model]._lotus_subject_domain(partners))
            self.assertTrue(records)
            apply_rules(records)
        apply_rules(partners)
        # personal data is gone ...
        self.assertEqual(self.customer.name, PLACEHOLDER)
        self.assertFalse(self.customer.firstname)
        self.assertFalse(self.customer.street or self.customer.email)
        self.assertFalse(any(self.orders.mapped("client_order_ref")))
        self.assertFalse(any(self.orders.mapped("note")))
        self.assertFalse(self.env["mail.message"].search([
            ("model", "=", "sale.order"), ("res_id", "in", self.orders.ids)]))
        # ... and the figures stay
        self.assertEqual(self.lukas.country_id, self.de)
        self.assertEqual(self._figures(), before)
        self.assertEqual(self._line_figures(), lines_before)
        self.assertEqual(self.orders.mapped(lambda o: (
            o.amount_untaxed, o.amount_tax, o.amount_total, o.date_order,
            o.state)), amounts)

    def test_open_orders_block_erasure(self):
        """P26: an order that is not fully delivered is kept (restricted by
        the engine) until it is; a delivered and invoiced one is not."""
        order = self.orders[0]
        self.assertIn(order.id, order._lotus_erasure_blocks())
        picking = order.picking_ids
        self._process(picking)
        picking.button_validate()
        self.assertIn("invoiced", order._lotus_erasure_blocks()[order.id])
        order.action_invoice_create()
        self.assertFalse(order._lotus_erasure_blocks())

    def test_invoice_retention_blocks(self):
        """P27: an invoice is kept while the retention term ``accounting``
        runs from its date (the reason names the end date and the term);
        an older, settled one may be anonymised; an unpaid one is kept."""
        term = self.env.ref("lotus_gdpr.retention_term_accounting")
        order = self.orders[2]
        invoice = self.env["account.invoice"].browse(
            order.action_invoice_create())
        self.assertIn("not validated",
                      invoice._lotus_erasure_blocks()[invoice.id])
        invoice.action_invoice_open()
        until = fields.Date.to_string(
            fields.Date.from_string(invoice.date_invoice)
            + relativedelta(years=term.duration_value))
        reason = invoice._lotus_erasure_blocks()[invoice.id]
        self.assertIn(invoice.number, reason)
        self.assertIn("kept until %s" % until, reason)
        self.assertIn("retention term accounting", reason)
        # The officer shortens the term: the invoice follows the term,
        # there is no second setting in lotus_sales.
        self.assertFalse(self.env["ir.config_parameter"].sudo().get_param(
            "lotus_sales.invoice_retention_years"))
        term.duration_value = 2
        shorter = fields.Date.to_string(
            fields.Date.from_string(invoice.date_invoice)
            + relativedelta(years=2))
        self.assertIn("kept until %s" % shorter,
                      invoice._lotus_erasure_blocks()[invoice.id])
        term.duration_value = 7
        old = fields.Date.to_string(
            fields.Date.from_string(fields.Date.today())
            - relativedelta(years=8))
        invoice.date_invoice = old
        self.assertIn("not paid", invoice._lotus_erasure_blocks()[invoice.id])
        invoice.journal_id.update_posted = True
        invoice.action_invoice_cancel()
        self.assertFalse(invoice._lotus_erasure_blocks())
        apply_rules(invoice)
        self.assertEqual(invoice.state, "cancel")
        self.assertEqual(invoice.amount_total, order.amount_total)
