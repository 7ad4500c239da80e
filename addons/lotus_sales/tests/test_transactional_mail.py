# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from .common import LotusSalesCase


class TestTransactionalMail(LotusSalesCase):
    """Order status, invoice and tracking mails are part of the contract:
    they reach every customer, whatever their marketing choices. (That
    marketing mail reaches only consenting partners is proved in
    lotus_gdpr.)"""

    @classmethod
    def setUpClass(cls):
        super(TestTransactionalMail, cls).setUpClass()
        # no newsletter consent at all, objects to marketing, opted out of
        # mass mailing
        cls.objector = cls._make_customer(
            "Piet", "de Boer", opt_out=True, email="piet.deboer@example.nl")
        cls.objector.lotus_marketing_objection = True
        cls.assert_no_consent = not cls.env["privacy.consent"].search(
            [("partner_id", "=", cls.objector.id)])

    def _mails_to(self, record, partner):
        """Messages posted on ``record`` for ``partner`` and the email
        notifications that went out for them (in test mode Odoo sends the
        mail.mail at once and deletes it; the notification stays)."""
        messages = self.env["mail.message"].search([
            ("model", "=", record._name), ("res_id", "=", record.id),
            ("partner_ids", "in", partner.ids),
        ])
        mails = self.env["mail.notification"].search([
            ("mail_message_id", "in", messages.ids),
            ("res_partner_id", "=", partner.id),
            ("is_email", "=", True),
            ("email_status", "in", ("ready", "sent")),
        ])
        return messages, mails

    def test_order_confirmation_reaches_customer_without_consent(self):
        """P19, P4: a customer without consent and with a marketing
        objection still gets the order confirmation mail."""
        self.assertTrue(self.assert_no_consent)
        order = self._make_order(self.objector)
        order.action_confirm()
        messages, mails = self._mails_to(order, self.objector)
        self.assertTrue(messages, "no order confirmation was posted")
        self.assertTrue(mails, "no order confirmation mail was queued")
        self.assertIn(order.name, messages[0].subject or messages[0].body)

    def test_confirmation_mail_can_be_switched_off(self):
        """P19: the automatic confirmation is a setting of the shop."""
        self.env["ir.config_parameter"].sudo().set_param(
            "lotus_sales.order_confirmation_mail", "False")
        order = self._make_order(self.objector)
        order.action_confirm()
        messages, _mails = self._mails_to(order, self.objector)
        self.assertFalse(messages)

    def test_invoice_mail_reaches_customer_without_consent(self):
        """P4: the invoice is mailed to a customer who objects to
        marketing, through the standard "Send by email" composer."""
        order = self._make_order(self.objector)
        order.action_confirm()
        invoice = self.env["account.invoice"].browse(
            order.action_invoice_create())
        invoice.action_invoice_open()
        action = invoice.action_invoice_sent()
        composer = self.env["mail.compose.message"].with_context(
            **action["context"]).create({})
        composer.onchange_template_id_wrapper()
        composer.send_mail()
        messages, mails = self._mails_to(invoice, self.objector)
        self.assertTrue(messages and mails)
        self.assertTrue(invoice.sent)

    def test_tracking_mail_reaches_customer_without_consent(self):
        """P4, P19: the shipment (tracking) mail goes to the customer when
        the delivery leaves with a carrier."""
        order = self._make_order(self.objector, carrier=self.carrier)
        order.action_confirm()
        picking = order.picking_ids
        self._process(picking)
        picking.carrier_tracking_ref = "3SABCD1234567"
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        messages, mails = self._mails_to(picking, self.objector)
        self.assertTrue(messages and mails)
        self.assertIn("3SABCD1234567", messages[0].body)
