# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import UserError, ValidationError

from .common import LotusSalesCase


class TestPaymentDisclosure(LotusSalesCase):
    """A payment transaction hands the payer's data to the provider."""

    @classmethod
    def setUpClass(cls):
        super(TestPaymentDisclosure, cls).setUpClass()
        cls.payment_activity = cls.env.ref("lotus_gdpr.activity_payment")
        cls.psp = cls.env["lotus.privacy.recipient"].create({
            "name": "Payment Provider NL (test)",
            "kind": "payment",
            "is_processor": True,
            "dpa_reference": "DPA-TEST-PSP",
            "dpa_date": "2025-01-01",
            "country_id": cls.nl.id,
            "activity_ids": [(6, 0, cls.payment_activity.ids)],
        })
        cls.acquirer = cls.env["payment.acquirer"].create({
            "name": "Card payments (test)",
            "provider": "manual",
            "lotus_recipient_id": cls.psp.id,
        })

    def _pay(self, acquirer=None):
        return self.env["payment.transaction"].create({
            "acquirer_id": (acquirer or self.acquirer).id,
            "amount": 50.0,
            "currency_id": self.env.ref("base.EUR").id,
            "partner_id": self.customer.id,
            "reference": "TX-TEST-%s" % self.env["payment.transaction"]
            .search_count([]),
        })

    def _disclosures(self, transaction):
        return self.env["lotus.privacy.disclosure"].search([
            ("res_model", "=", "payment.transaction"),
            ("res_ids", "=", str(transaction.id))])

    def test_transaction_is_recorded_with_what_it_carries(self):
        """P22: starting a payment with a registered provider records the
        disclosure: the provider, the payment purpose and the fields the
        transaction carries (no card data: the shop never has it)."""
        transaction = self._pay()
        disclosure = self._disclosures(transaction)
        self.assertEqual(len(disclosure), 1)
        self.assertEqual(disclosure.recipient_id, self.psp)
        self.assertEqual(disclosure.activity_id, self.payment_activity)
        self.assertEqual(disclosure.partner_ids, self.customer)
        self.assertEqual(disclosure.reference, transaction.reference)
        carried = set(disclosure.field_names.split(", "))
        self.assertTrue({"partner_name", "partner_email", "partner_address",
                         "partner_zip", "partner_city", "partner_country_id",
                         "amount"} <= carried)
        self.assertEqual(
            {name for name in carried if name.startswith("partner_")},
            {name for name in transaction._fields
             if name.startswith("partner_") and name != "partner_id"
             and name != "partner_lang" and transaction[name]})
        self.assertFalse([name for name in carried if "card" in name])

    def test_unregistered_provider_refused(self):
        """P22, P23: a provider that is not registered for payments gets
        no transaction, and nothing is created."""
        self.psp.activity_ids = [(5, 0, 0)]
        count = self.env["payment.transaction"].search_count([])
        with self.assertRaisesRegex(UserError, "not registered for"):
            self._pay()
        self.assertEqual(self.env["payment.transaction"].search_count([]),
                         count)
        self.psp.activity_ids = [(6, 0, self.payment_activity.ids)]
        self.psp.active = False
        with self.assertRaises(UserError):
            self._pay()

    def test_provider_without_recipient_refused(self):
        """P22: a provider through which data leaves needs a registered
        recipient; a bank transfer (nothing sent) does not."""
        transfer = self.env["payment.acquirer"].create({
            "name": "Bank transfer (test)", "provider": "manual"})
        transaction = self._pay(transfer)
        self.assertFalse(self._disclosures(transaction))
        # A provider of another module (e.g. PayPal) without recipient
        self.env.cr.execute(
            "UPDATE payment_acquirer SET provider = 'paypal' WHERE id = %s",
            (transfer.id,))
        transfer.invalidate_cache()
        with self.assertRaisesRegex(UserError, "not linked"):
            self._pay(transfer)

    def test_outside_eea_needs_safeguard_processor_needs_agreement(self):
        """P23, P25: a provider outside the EEA cannot be registered
        without a transfer safeguard, nor a processor without an
        agreement; so it can never receive a transaction."""
        with self.assertRaises(ValidationError):
            self.env["lotus.privacy.recipient"].create({
                "name": "US PSP (test)", "kind": "payment",
                "is_processor": True, "dpa_reference": "DPA",
                "dpa_date": "2025-01-01",
                "country_id": self.env.ref("base.us").id})
        with self.assertRaises(ValidationError):
            self.env["lotus.privacy.recipient"].create({
                "name": "PSP without agreement (test)", "kind": "payment",
                "is_processor": True, "country_id": self.nl.id})
        with self.assertRaises(ValidationError):
            self.acquirer.lotus_recipient_id = self.recipient
