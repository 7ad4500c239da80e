# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.lotus_gdpr.tests.test_portal_privacy import \
    PortalPrivacyCase
from odoo.exceptions import ValidationError

from ..tools import contains_card_number
from .common import CARD, LotusSalesCase


class TestCardNumbers(LotusSalesCase):

    @classmethod
    def setUpClass(cls):
        super(TestCardNumbers, cls).setUpClass()
        cls.paypal = cls.env["lotus.privacy.recipient"].create({
            "name": "PayPal (test)", "kind": "payment", "is_processor": True,
            "dpa_reference": "DPA-TEST-PSP", "dpa_date": "2025-01-01",
            "country_id": cls.env.ref("base.lu").id})
        cls.order = cls._make_order(cls.customer)

    def test_recogniser(self):
        """P5: card numbers are recognised with spaces or dashes; dates,
        phone numbers, IBANs, postal codes and order numbers are not."""
        for text in (CARD, "4111-1111-1111-1111", "5555555555554444",
                     "Amex 3782 822463 10005 please", "ref 12 " + CARD):
            self.assertTrue(contains_card_number(text), text)
        for text in ("+31 24 555 0101", "2026-11-25", "NL91ABNA0417164300",
                     "6531 HH", "SO0042", "4111 1111 1111 1112",
                     "PAYID-LZ3X7QY12345", "1234567890", False):
            self.assertFalse(contains_card_number(text), text)

    def test_order_fields_refuse_card_numbers(self):
        """P5: a card number in an order's note, customer reference or
        payment reference is refused with a clear error."""
        for field in ("note", "client_order_ref", "lotus_payment_reference"):
            with self.assertRaises(ValidationError) as raised, \
                    self.env.cr.savepoint():
                self.order.write({field: "Paid with %s" % CARD})
            self.assertIn("card number", raised.exception.name)
            self.assertNotIn("1111", raised.exception.name)
            self.order.invalidate_cache()
            self.assertFalse(self.order[field])
        with self.assertRaises(ValidationError):
            self._make_order(self.customer, note="card " + CARD)

    def test_partner_fields_refuse_card_numbers(self):
        """P5: a card number in a contact's fields or notes is refused."""
        for field in ("comment", "street2", "ref"):
            with self.assertRaises(ValidationError):
                self.customer.write({field: CARD})
        with self.assertRaises(ValidationError):
            self._make_customer("Kaart", "Houder", comment="cc " + CARD)

    def test_invoice_and_picking_notes_refuse_card_numbers(self):
        """P5: invoices and deliveries refuse card numbers in their notes."""
        self.order.action_confirm()
        with self.assertRaises(ValidationError):
            self.order.picking_ids.write({"note": CARD})
        invoice = self.env["account.invoice"].browse(
            self.order.action_invoice_create())
        with self.assertRaises(ValidationError):
            invoice.write({"comment": CARD})

    def test_chatter_note_refuses_card_numbers(self):
        """P5: a note logged on an order or contact may not hold a card
        number either."""
        with self.assertRaises(ValidationError):
            self.order.message_post(body="<p>Card: %s</p>" % CARD,
                                    message_type="comment")
        with self.assertRaises(ValidationError):
            self.customer.message_post(body=CARD, message_type="comment")
        self.order.message_post(body="Called the customer about delivery",
                                message_type="comment")

    def test_order_keeps_only_the_transaction_reference(self):
        """P5: the order records the registered payment provider and its
        transaction reference, and has no field for card data."""
        self.order.write({"lotus_payment_provider_id": self.paypal.id,
                          "lotus_payment_reference": "PAYID-LZ3X7QY12345"})
        self.assertEqual(self.order.lotus_payment_reference,
                         "PAYID-LZ3X7QY12345")
        self.assertTrue(self.paypal.is_processor)
        card_fields = [name for name in self.order._fields
                       if "card" in name or "cvc" in name or "iban" in name]
        self.assertEqual(card_fields, [])
        domain = self.order._fields["lotus_payment_provider_id"].domain
        self.assertIn(("kind", "=", "payment"), domain)


class TestNewsletterCardNumber(PortalPrivacyCase):
    """The newsletter sign-up of lotus_gdpr meets lotus_sales's card check:
    tested here, where the check is installed."""

    def test_newsletter_address_refused_on_confirmation_answers_a_page(self):
        """P5, P20: a newsletter address that looks like a card number is
        refused when it is confirmed: the customer gets a page with the
        reason, not a server error, and nothing is recorded."""
        email = "4111111111111111@example.org"
        response = self.post("/newsletter/subscribe", {"email": email})
        self.assertEqual(response.status_code, 200)
        page = self.post(self.last_link(email), {})
        self.assertIn(page.status_code, (200, 409))
        self.assertFalse(self.env["res.partner"].search(
            [("email", "=ilike", email)]))
