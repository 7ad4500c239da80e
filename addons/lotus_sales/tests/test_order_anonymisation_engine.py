# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue #5 acceptance with orders, through the real engine
(``lotus.anonymizer``) and the scheduled action (``queue_job``)."""
import base64

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import mute_logger

# The engine's own database scan (every text column of every table).
from odoo.addons.lotus_gdpr.tests.common import find_in_database

from .common import LotusSalesCase

FIRSTNAME = "Griselda"
LASTNAME = "Zonnebloemkamp"
NAME = "%s %s" % (FIRSTNAME, LASTNAME)
EMAIL = "griselda.zonnebloemkamp@example.org"
PHONE = "+31 6 44557788"
STREET = "Klaprooslaantje 93"
STREET_DE = "Lindenhofweg 7"
STREET_BE = "Kastanjedreef 41"


def _years_ago(years, months=0):
    """A datetime string ``years`` (and ``months``) before now."""
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now())
        - relativedelta(years=years, months=months))


class TestOrderAnonymisationEngine(LotusSalesCase):
    """P26, P33: the real engine on a customer with orders, deliveries,
    invoices, payments, chatter, attachments and followers."""

    @classmethod
    def setUpClass(cls):
        super(TestOrderAnonymisationEngine, cls).setUpClass()
        env = cls.env
        cls.be = env.ref("base.be")
        cls.officer = env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Sales DPO (test)", "login": "sales_dpo_test",
                "email": "sales.dpo@lotus.test",
                "groups_id": [(6, 0, [
                    env.ref("base.group_user").id,
                    env.ref("lotus_gdpr.group_privacy_officer").id])]})
        cls.bank = env["account.journal"].search(
            [("type", "=", "bank"),
             ("company_id", "=", env.user.company_id.id)], limit=1)
        cls.anonymizer = env["lotus.anonymizer"].sudo(cls.officer)
        cls.term = env.ref("lotus_gdpr.retention_term_accounting")

    # ------------------------------------------------------------------
    # Data
    # ------------------------------------------------------------------
    def _customer(self, suffix=""):
        """A customer with a complete address and two addresses abroad
        (she lived in Germany and in Belgium) from which she ordered."""
        customer = self._make_customer(
            FIRSTNAME, LASTNAME + suffix, email=EMAIL, phone=PHONE,
            mobile=PHONE, street=STREET, zip="6531 HH", city="Nijmegen",
            country_id=self.nl.id)
        Partner = self.env["res.partner"]
        home_de = Partner.create({
            "type": "other", "parent_id": customer.id,
            "firstname": FIRSTNAME, "lastname": LASTNAME + suffix,
            "email": EMAIL, "phone": PHONE, "street": STREET_DE,
            "zip": "10115", "city": "Berlin", "country_id": self.de.id})
        home_be = Partner.create({
            "type": "other", "parent_id": customer.id,
            "firstname": FIRSTNAME, "lastname": LASTNAME + suffix,
            "email": EMAIL, "phone": PHONE, "street": STREET_BE,
            "zip": "2000", "city": "Antwerpen", "country_id": self.be.id})
        return customer, home_de, home_be

    def _sold(self, partner, date_order, lines, settle=None, invoice_date=None):
        """Confirm, deliver and invoice an order dated ``date_order``;
        ``settle`` is "paid", "cancel" or None (invoice left open)."""
        order = self._make_order(
            partner, carrier=self.carrier, lines=lines, date_order=date_order,
            client_order_ref="PO %s" % LASTNAME,
            note="Ring twice, %s, %s" % (NAME, STREET))
        order.action_confirm()
        # A sale that fell through (settle "cancel") is never shipped.
        for picking in order.picking_ids.filtered(
                lambda p: settle != "cancel"):
            self._process(picking)
            picking.button_validate()
        invoice = self.env["account.invoice"].browse(
            order.action_invoice_create())
        invoice.write({"date_invoice": invoice_date or date_order[:10],
                       "comment": "Thank you, %s" % FIRSTNAME})
        invoice.action_invoice_open()
        if settle == "paid":
            invoice.pay_and_reconcile(self.bank, invoice.amount_total,
                                      date=invoice.date_invoice)
        elif settle == "cancel":
            # The sale fell through: invoice, order and transfer cancelled.
            invoice.journal_id.update_posted = True
            invoice.action_invoice_cancel()
            order.action_cancel()
        cr = self.env.cr
        cr.execute("UPDATE sale_order SET confirmation_date = date_order "
                   "WHERE id = %s", (order.id,))
        cr.execute("""UPDATE stock_picking SET scheduled_date = %s,
                             date_done = %s, date = %s
                       WHERE id = ANY(%s)""",
                   (date_order, date_order, date_order,
                    order.picking_ids.ids))
        self.env.cache.invalidate()
        return order, invoice

    def _old_customer(self, suffix=""):
        """Orders in different months and countries, all 8 to 10 years
        old and settled (paid or cancelled): nothing blocks their erasure.
        Chatter, an attachment and a follower carry her data too."""
        customer, home_de, home_be = self._customer(suffix)
        p, q = self.product, self.product_b
        sold = [
            self._sold(customer, _years_ago(10, 2), [(p, 2), (q, 4)], "paid"),
            self._sold(customer, _years_ago(9, 7), [(p, 1)], "paid"),
            self._sold(home_de, _years_ago(9, 1), [(q, 3)], "paid"),
            self._sold(home_be, _years_ago(8, 5), [(p, 5), (q, 1)], "cancel"),
            self._sold(home_de, _years_ago(8, 3), [(p, 1), (q, 2)], "paid"),
        ]
        orders = self.env["sale.order"].browse([o.id for o, _i in sold])
        invoices = self.env["account.invoice"].browse(
            [i.id for _o, i in sold])
        orders[0].message_post(
            body="<p>%s asked to deliver to %s, call %s</p>" % (
                NAME, STREET, PHONE),
            subject="Delivery for %s" % NAME, email_from=EMAIL,
            message_type="comment", subtype="mail.mt_comment")
        attachment = self.env["ir.attachment"].create({
            "name": "address_%s.txt" % LASTNAME,
            "datas_fname": "address_%s.txt" % LASTNAME,
            "datas": base64.b64encode(
                ("%s, %s, %s" % (NAME, STREET, EMAIL)).encode()),
            "res_model": "sale.order", "res_id": orders[1].id,
            "mimetype": "text/plain"})
        orders[1].message_post(body="<p>Signed delivery note</p>",
                               attachment_ids=[attachment.id])
        customer.message_post(body="<p>%s moved from %s</p>" % (NAME, STREET))
        orders[2].message_subscribe(partner_ids=customer.ids)
        customer.message_subscribe(partner_ids=self.officer.partner_id.ids)
        return customer, orders, invoices

    # ------------------------------------------------------------------
    # Figures and scan
    # ------------------------------------------------------------------
    def _figures(self):
        """Sales per month, country and product as the sales and the
        invoice analysis read them (amounts, quantities, counts)."""
        products = (self.product | self.product_b).ids
        groupby = ["date:month", "country_id", "product_id"]
        sales = self.env["sale.report"].read_group(
            [("product_id", "in", products)],
            ["date", "country_id", "product_id", "price_total",
             "price_subtotal", "product_uom_qty", "qty_delivered",
             "qty_invoiced", "amt_invoiced"], groupby, lazy=False)
        invoiced = self.env["account.invoice.report"].read_group(
            [("product_id", "in", products)],
            ["date", "country_id", "product_id", "price_total",
             "product_qty", "residual"], groupby, lazy=False)
        return (
            sorted((g["date:month"], g["country_id"] and g["country_id"][0],
                    g["product_id"][0], round(g["price_total"], 2),
                    round(g["price_subtotal"], 2), g["product_uom_qty"],
                    g["qty_delivered"], g["qty_invoiced"],
                    round(g["amt_invoiced"], 2), g["__count"])
                   for g in sales),
            sorted((g["date:month"], g["country_id"] and g["country_id"][0],
                    g["product_id"][0], round(g["price_total"], 2),
                    g["product_qty"], round(g["residual"], 2),
                    g["__count"]) for g in invoiced),
        )

    def _find_in_database(self, values):
        return find_in_database(self.env.cr, values)

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_anonymise_keeps_figures_and_leaves_no_trace(self):
        """P33, P26: after the engine anonymised a customer with old,
        settled orders, sales per month, country and product are the same
        (sales and invoice analysis), and no table of the database holds
        her name, first or family name, e-mail, phone or streets."""
        customer, orders, invoices = self._old_customer()
        before = self._figures()
        sales, invoiced = before
        self.assertEqual(len({g[0] for g in sales}), 5, "5 months")
        self.assertEqual({g[1] for g in sales},
                         {self.nl.id, self.de.id, self.be.id})
        self.assertTrue(invoiced)
        values = [NAME, FIRSTNAME + " ", LASTNAME, EMAIL, PHONE, STREET,
                  STREET_DE, STREET_BE]
        self.assertTrue(self._find_in_database(values),
                        "the customer's data must be found before")

        preview = self.anonymizer.preview(customer)
        self.assertFalse(preview["restricted"])
        summary = self.anonymizer.anonymize(customer, reason="REQ/TEST/1")

        self.assertEqual(summary["anonymized_partner_ids"], customer.ids)
        self.assertEqual(summary["totals"]["blocked"], 0)
        done = {e["model"]: e["count"] for e in summary["models"]}
        self.assertEqual(done["sale.order"], 5)
        self.assertEqual(done["account.invoice"], 5)
        self.assertEqual(self._figures(), before)
        self.assertEqual(self._find_in_database(values), [])
        # What stays: amounts, dates, states, countries.
        self.env.cache.invalidate()
        self.assertTrue(all(orders.mapped("lotus_anonymized")))
        self.assertTrue(all(invoices.mapped("lotus_anonymized")))
        self.assertEqual(sorted(set(orders.mapped("state"))),
                         ["cancel", "sale"])
        self.assertEqual(sorted(set(invoices.mapped("state"))),
                         ["cancel", "paid"])
        self.assertEqual(
            set(orders.mapped("partner_id.country_id.code")),
            {"NL", "DE", "BE"})
        self.assertEqual(customer.name, "Anonymised")
        self.assertFalse(customer.lotus_restricted)

    def test_recent_invoice_blocks_and_restricts(self):
        """P26, P27: a customer with a recent invoice: what may go goes
        (a quotation, a delivered order's notes), the invoice is kept
        under the term accounting and an undelivered order until it is
        delivered; the customer is restricted, the preview names the term
        and the date."""
        customer, _home_de, _home_be = self._customer(" Recent")
        today = fields.Date.context_today(self.env["res.partner"])
        order, invoice = self._sold(
            customer, fields.Datetime.now(), [(self.product, 1)],
            invoice_date=today)
        open_order = self._make_order(customer, carrier=self.carrier,
                                      note="Deliver to %s" % STREET)
        open_order.action_confirm()
        quotation = self._make_order(customer, note="Quote for %s" % NAME)
        until = fields.Date.to_string(
            fields.Date.from_string(invoice.date_invoice)
            + relativedelta(years=self.term.duration_value))

        preview = self.anonymizer.preview(customer)
        entries = {e["model"]: e for e in preview["models"]}
        self.assertEqual(entries["account.invoice"]["blocked"], 1)
        reason = list(entries["account.invoice"]["reasons"])[0]
        self.assertIn(invoice.number, reason)
        self.assertIn("kept until %s" % until, reason)
        self.assertIn("retention term accounting", reason)
        self.assertEqual(entries["sale.order"]["blocked"], 1)
        self.assertIn("not fully delivered",
                      list(entries["sale.order"]["reasons"])[0])
        html = self.anonymizer._format_preview(preview)
        self.assertIn(until, html)
        self.assertNotIn(LASTNAME, html)
        self.assertIn(customer.id, preview["restricted"])

        summary = self.anonymizer.anonymize(customer, reason="REQ/TEST/2")
        self.env.cache.invalidate()
        self.assertFalse(summary["anonymized_partner_ids"])
        # What may go, went ...
        self.assertTrue(quotation.lotus_anonymized)
        self.assertFalse(quotation.note)
        self.assertTrue(order.lotus_anonymized)
        self.assertFalse(order.note or order.client_order_ref)
        # ... the invoice, the open order and the customer are kept,
        # restricted with the reason.
        self.assertFalse(invoice.lotus_anonymized)
        self.assertEqual(invoice.comment, "Thank you, %s" % FIRSTNAME)
        self.assertFalse(open_order.lotus_anonymized)
        self.assertTrue(customer.lotus_restricted)
        self.assertIn("Erasure pending", customer.lotus_restriction_reason)
        self.assertIn("kept until %s" % until,
                      customer.lotus_restriction_reason)

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_scheduled_action_anonymises_expired_customer(self):
        """P26: the scheduled action, with its queue_job batches run
        synchronously, anonymises a customer whose orders, invoices and
        last activity are older than every term; the audit log holds a
        summary per term and model with counts only."""
        customer, orders, invoices = self._old_customer(" Cron")
        before = self._figures()
        self.env.cr.execute("""
            UPDATE res_partner SET write_date = %s, create_date = %s
             WHERE id = ANY(%s)""", (
            _years_ago(8), _years_ago(11),
            self.env["res.partner"].search(
                [("id", "child_of", customer.ids)]).ids))
        self.env.cache.invalidate()
        Log = self.env["lotus.audit.log"]
        last_log = Log.search([], order="id desc", limit=1).id

        Term = self.env["lotus.retention.term"].with_context(
            test_queue_job_no_delay=True)
        planned = Term.cron_apply_retention(dry_run=False)

        self.assertGreaterEqual(planned[("sale_order", "sale.order")], 5)
        self.assertGreaterEqual(planned[("accounting", "account.invoice")], 5)
        self.env.cache.invalidate()
        self.assertTrue(all(orders.mapped("lotus_anonymized")))
        self.assertTrue(all(invoices.mapped("lotus_anonymized")))
        self.assertTrue(customer.lotus_anonymized)
        self.assertEqual(customer.name, "Anonymised")
        self.assertFalse(any(orders.mapped("note")))
        self.assertEqual(self._figures(), before)
        self.assertEqual(self._find_in_database(
            [LASTNAME, EMAIL, PHONE, STREET, STREET_DE, STREET_BE]), [])
        logs = Log.search([("id", ">", last_log)])
        summaries = logs.filtered(lambda l: l.action == "retention_planned")
        for model in ("sale.order", "account.invoice", "stock.picking",
                      "res.partner"):
            self.assertTrue(summaries.filtered(
                lambda l, m=model: l.res_model == m), model)
        self.assertIn("expired records of sale.order", " ".join(
            summaries.mapped("note")))
        self.assertTrue(logs.filtered(lambda l: l.action == "anonymise"))
        for log in logs:
            text = " ".join(filter(None, (log.note, log.field_names))).lower()
            for value in (FIRSTNAME, LASTNAME, EMAIL, PHONE, STREET):
                self.assertNotIn(value.lower(), text)

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_customer_who_ordered_last_week_untouched(self):
        """P26: a customer whose contact was created and last edited years
        ago but who ordered last week is active: the scheduled action
        neither restricts nor anonymises them, their old orders or their
        new one; a supplier unedited for years is no customer at all."""
        customer, orders, _invoices = self._old_customer(" Loyal")
        recent, _invoice = self._sold(
            customer, _years_ago(0, 0)[:10] + " 08:00:00",
            [(self.product, 1)], "paid")
        supplier = self.env["res.partner"].create({
            "name": "Filament Supplier BV", "is_company": True,
            "customer": False, "supplier": True,
            "email": "sales@filament.example.nl"})
        self.env.cr.execute("""
            UPDATE res_partner SET write_date = %s, create_date = %s
             WHERE id = ANY(%s)""", (
            _years_ago(8), _years_ago(11),
            self.env["res.partner"].search(
                [("id", "child_of", (customer | supplier).ids)]).ids))
        self.env.cr.execute(
            "UPDATE sale_order SET date_order = now() - interval '7 days' "
            "WHERE id = %s", (recent.id,))
        self.env.cache.invalidate()
        term = self.env.ref("lotus_gdpr.retention_term_customer_account")
        self.assertNotIn(customer.id, term._lotus_expired_ids("res.partner"))
        self.env["lotus.retention.term"].with_context(
            test_queue_job_no_delay=True).cron_apply_retention(dry_run=False)
        self.env.cache.invalidate()
        for partner in (customer, supplier):
            self.assertFalse(partner.lotus_anonymized)
            self.assertFalse(partner.lotus_restricted)
        self.assertEqual(supplier.name, "Filament Supplier BV")
        self.assertFalse(recent.lotus_anonymized)
