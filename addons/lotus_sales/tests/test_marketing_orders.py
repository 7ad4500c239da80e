# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.lotus_gdpr.tests.common import make_activity

from .common import LotusSalesCase


class TestMarketingOrders(LotusSalesCase):
    """A mailing to sale orders reaches only the customers who may receive
    marketing."""

    @classmethod
    def setUpClass(cls):
        super(TestMarketingOrders, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context,
                                       tracking_disable=True))
        cls.offers = make_activity(
            cls.env, "Offers to customers (test)", lotus_double_opt_in=False,
            lotus_consent_text="Send me offers.", lotus_consent_version="t1")
        Consent = cls.env["privacy.consent"]
        cls.lukas = cls._make_customer("Lukas", "Becker")
        cls.piet = cls._make_customer("Piet", "Jansen")
        cls.nina = cls._make_customer("Nina", "Noconsent")
        for partner in (cls.customer, cls.lukas, cls.piet):
            Consent.lotus_give(partner, cls.offers, "web")
        cls.orders = cls.env["sale.order"]
        for partner in (cls.customer, cls.lukas, cls.piet, cls.nina):
            cls.orders |= cls._make_order(partner)

    def _sent_to(self):
        mailing = self.env["mail.mass_mailing"].create({
            "name": "Offers for our customers",
            "body_html": "<p>Offers</p>",
            "reply_to_mode": "email",
            "keep_archives": True,
            "lotus_activity_id": self.offers.id,
            "mailing_model_id": self.env.ref("sale.model_sale_order").id,
            "mailing_domain": repr([("id", "in", self.orders.ids)]),
        })
        mailing.send_mail()
        mails = self.env["mail.mail"].search([
            ("mailing_id", "=", mailing.id), ("state", "!=", "cancel")])
        return mails.mapped("recipient_ids")

    def test_sale_order_mailing_follows_consent(self):
        """P20, P29: a mailing to sale orders goes out only to the
        customers with consent who neither object nor are restricted."""
        self.assertEqual(self._sent_to(),
                         self.customer | self.lukas | self.piet)
        self.piet.action_object_to_marketing()
        self.lukas.action_restrict("accuracy contested")
        self.assertEqual(self._sent_to(), self.customer)
