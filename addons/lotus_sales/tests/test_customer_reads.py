# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from dateutil.relativedelta import relativedelta

from odoo import fields

from .common import LotusSalesCase

# Labels of fields that are no personal data: a customer must never read
# them as "what we keep about you".
TECHNICAL_LABELS = ("Credit Limit", "Color Index", "Kanban State",
                    "Incoterms", "Commercial Entity", "Cash Rounding")


class TestCustomerReads(LotusSalesCase):
    """P17, P27, P28: what a customer reads about their orders and
    invoices on "See my data" and "Delete my account"."""

    @classmethod
    def setUpClass(cls):
        super(TestCustomerReads, cls).setUpClass()
        bank = cls.env["account.journal"].search(
            [("type", "=", "bank"),
             ("company_id", "=", cls.env.user.company_id.id)], limit=1)
        cls.order = cls._make_order(cls.customer, carrier=cls.carrier)
        cls.order.action_confirm()
        for picking in cls.order.picking_ids:
            cls._process(picking)
            picking.button_validate()
        cls.invoice = cls.env["account.invoice"].browse(
            cls.order.action_invoice_create())
        # A free reference the customer does not know the invoice by
        cls.invoice.name = "LOTUS-FREE-REF"
        cls.invoice.action_invoice_open()
        cls.invoice.pay_and_reconcile(bank, cls.invoice.amount_total)
        cls.privacy = cls.env["lotus.portal.privacy"].with_context(
            lang="en_US")

    def test_deletion_preview_says_why_and_until_when(self):
        """P27: P28: the preview of "Delete my account" of a customer with
        an invoice says, per kind of record in the register's categories,
        that the invoice is kept for Dutch tax law until 7 years after its
        date, then anonymised; no field label is listed."""
        rows = self.privacy._lotus_erasure_preview(self.customer)
        models = [row["model"] for row in rows]
        self.assertLess(models.index("res.partner"),
                        models.index("sale.order"))
        self.assertLess(models.index("sale.order"),
                        models.index("account.invoice"))
        invoices = rows[models.index("account.invoice")]
        self.assertEqual(invoices["label"], "Your invoices")
        self.assertEqual(invoices["categories"],
                         "Identity, Address, Orders and invoices")
        self.assertEqual(invoices["erase"], 0)
        self.assertEqual(len(invoices["kept"]), 1)
        kept = invoices["kept"][0]
        until = fields.Date.from_string(
            self.invoice.date_invoice) + relativedelta(years=7)
        self.assertEqual(kept["until"], until)
        self.assertIn("Dutch tax law", kept["text"])
        self.assertIn("then anonymised", kept["text"])
        self.assertIn(self.privacy._lotus_date(until, "en_US"), kept["text"])
        # The order went: delivered and invoiced, nothing keeps it
        orders = rows[models.index("sale.order")]
        self.assertEqual((orders["label"], orders["erase"], orders["kept"]),
                         ("Your orders", 1, []))
        # The customer's details stay as long as the invoice that names them
        details = rows[models.index("res.partner")]
        self.assertEqual(details["label"], "Your details")
        self.assertIn("Identity", details["categories"])
        self.assertIn("at the latest", details["kept"][0]["text"])
        self.assertEqual(details["kept"][0]["until"], until)
        text = json.dumps(rows, default=str)
        for label in TECHNICAL_LABELS:
            self.assertNotIn(label, text)

    def test_deletion_preview_in_dutch(self):
        """P28: the preview reads in Dutch on a Dutch page."""
        self.env["res.lang"].load_lang("nl_NL")
        self.env["ir.translation"].load_module_terms(
            ["lotus_gdpr", "lotus_sales"], ["nl_NL"])
        rows = self.privacy.with_context(
            lang="nl_NL")._lotus_erasure_preview(self.customer)
        invoices = [row for row in rows
                    if row["model"] == "account.invoice"][0]
        self.assertEqual(invoices["label"], "Uw facturen")
        self.assertIn("belastingwet", invoices["kept"][0]["text"])

    def test_export_order_and_titles(self):
        """P17: P28: the export opens with the customer's details, then
        the orders, then the invoices; an invoice is titled by its number,
        never by its free reference, a draft by what it is."""
        data = self.customer._lotus_export_personal_data()
        self.assertEqual(list(data["records"])[:3],
                         ["res.partner", "sale.order", "account.invoice"])
        self.assertEqual(data["records"]["sale.order"]["label"], "Your orders")
        orders = data["records"]["sale.order"]["records"]
        self.assertEqual([r["record_title"] for r in orders],
                         [self.order.name])
        invoices = data["records"]["account.invoice"]["records"]
        self.assertEqual([r["record_title"] for r in invoices],
                         [self.invoice.number])
        self.assertTrue(self.invoice.number)
        draft = self.invoice.copy()
        self.assertFalse(draft.number)
        self.assertTrue(draft._lotus_customer_titles()[draft.id].startswith(
            "Draft invoice"))
        self.assertEqual(self.invoice.browse()._lotus_customer_titles(), {})
