# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Helpers that the demo data calls to walk orders through their life.

Demo XML can confirm or cancel an order with ``<function>``, but validating
a delivery and posting an invoice take wizards in the user interface. These
methods do what a warehouse worker and a bookkeeper would do, dated after
the order so that the history reads as it would in a real shop. They are
called only from ``demo/sale_order_demo.xml`` and change nothing else."""
import logging
import re
from contextlib import contextmanager
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)

# Mails the shop sends on its own when an order is confirmed or shipped.
# The demo orders are history: nobody is mailed about them (and the order
# confirmation would need wkhtmltopdf for its PDF while the demo loads).
QUIET_PARAMS = (
    "lotus_sales.order_confirmation_mail",
    "lotus_sales.tracking_mail",
)


# The link of the double opt-in mail (lotus_gdpr's confirmation template).
CONFIRM_LINK = re.compile(r"/privacy/consent/confirm/([A-Za-z0-9_\-]+)")


class LotusDemo(models.AbstractModel):
    _name = "lotus.demo"
    _description = "Lotus demo data helpers"

    @contextmanager
    def _demo_quiet(self):
        """Switch off the shop's automatic customer mails for the duration,
        then put the settings back as they were."""
        params = self.env["ir.config_parameter"].sudo()
        previous = {key: params.get_param(key) for key in QUIET_PARAMS}
        for key in QUIET_PARAMS:
            params.set_param(key, "False")
        try:
            yield
        finally:
            for key, value in previous.items():
                # set_param with False removes a parameter that was not set
                params.set_param(key, value or False)

    @api.model
    def _demo_orders(self, order_refs):
        orders = self.env["sale.order"]
        for ref in order_refs:
            orders |= self.env.ref(ref)
        return orders

    @api.model
    def _demo_chart(self, template_ref):
        """Give the company the demo chart of accounts when it has none
        yet (see demo/account_chart_demo.xml); a chart already there stays.
        Odoo's own loader creates the accounts, taxes and journals."""
        company = self.env.user.company_id
        if company.chart_template_id or self.env["account.account"].search(
                [("company_id", "=", company.id)], limit=1):
            return False
        self.env.ref(template_ref).try_loading_for_current_company()
        return True

    @api.model
    def _demo_vat(self, category_refs, rate=21.0):
        """Give the products of these categories the Dutch VAT rate,
        included in the price as consumer prices are in the Netherlands.

        The tax is a copy of the company's sale tax (so it books on the
        accounts of whatever chart of accounts is installed) with the rate
        and name changed; an existing one of that rate is reused."""
        company = self.env.user.company_id
        Tax = self.env["account.tax"]
        tax = Tax.search([
            ("company_id", "=", company.id),
            ("type_tax_use", "=", "sale"),
            ("amount_type", "=", "percent"),
            ("amount", "=", rate),
            ("price_include", "=", True),
        ], limit=1)
        if not tax:
            model = Tax.search([
                ("company_id", "=", company.id),
                ("type_tax_use", "=", "sale"),
                ("amount_type", "=", "percent"),
            ], limit=1)
            if not model:
                # No chart of accounts: leave the products without tax.
                return False
            # account.tax.copy() forces "<name> (Copy)": rename afterwards.
            tax = model.copy({"amount": rate, "price_include": True})
            tax.write({
                "name": _("VAT %(rate)s%% (incl.)") % {"rate": int(rate)},
                "description": "%s%%" % int(rate),
            })
        categories = self.env["product.category"]
        for ref in category_refs:
            categories |= self.env.ref(ref)
        products = self.env["product.template"].search([
            ("categ_id", "child_of", categories.ids)])
        products.write({"taxes_id": [(6, 0, tax.ids)]})
        return True

    @api.model
    def _demo_link_carriers(self, links):
        """Link each demo carrier to the recipient of personal data that
        the privacy register holds for it (P8): ``{carrier_ref:
        recipient_ref}``. Carriers stay unlinked where the register or the
        link field is not there (then they ship without sharing data)."""
        Carrier = self.env["delivery.carrier"]
        if "lotus_recipient_id" not in Carrier._fields:
            return False
        for carrier_ref, recipient_ref in links.items():
            recipient = self.env.ref(recipient_ref, raise_if_not_found=False)
            if recipient:
                self.env.ref(carrier_ref).lotus_recipient_id = recipient
        return True

    @api.model
    def _demo_add_shipping(self, order_refs):
        """Add the shipping line of each quotation's carrier, as the web
        shop's checkout does."""
        for order in self._demo_orders(order_refs).filtered("carrier_id"):
            order.get_delivery_price()
            if order.delivery_rating_success:
                order.set_delivery_line()
        return True

    @api.model
    def _demo_send(self, order_refs):
        """Mark the quotations as sent by e-mail, without sending one. The
        customer follows the quotation, as after a real sending, so that
        it shows in the portal under /my/quotes."""
        for order in self._demo_orders(order_refs):
            order.message_subscribe([order.partner_id.id])
            order.write({"state": "sent"})
        return True

    @api.model
    def _demo_confirm(self, order_refs):
        """Confirm the orders and date the confirmation one hour after the
        order, as the web shop does when the payment comes in."""
        for order in self._demo_orders(order_refs):
            # one by one: sale's _action_confirm in Odoo 11 assumes a
            # single order once a line has an expense policy
            with self._demo_quiet():
                order.action_confirm()
            ordered = fields.Datetime.from_string(order.date_order)
            order.write({"confirmation_date": fields.Datetime.to_string(
                ordered + timedelta(hours=1))})
            order.picking_ids.write({"scheduled_date": fields.Datetime.to_string(
                ordered + timedelta(days=1))})
        return True

    @api.model
    def _demo_cancel(self, order_refs):
        """Cancel the orders (and so their open deliveries)."""
        return self._demo_orders(order_refs).action_cancel()

    @api.model
    def _demo_deliver(self, order_refs, days_after=2):
        """Validate every open delivery of the orders in full, dated
        ``days_after`` days after the order."""
        orders = self._demo_orders(order_refs)
        for order in orders:
            pickings = order.picking_ids.filtered(
                lambda p: p.state not in ("done", "cancel"))
            if not pickings:
                raise UserError(_(
                    "Demo data: order %(order)s has no delivery to validate; "
                    "confirm it first.") % {"order": order.name})
            self._demo_check_carriers(pickings)
            pickings.action_assign()
            short = pickings.filtered(lambda p: p.state != "assigned")
            if short:
                raise UserError(_(
                    "Demo data: not enough stock to deliver %(order)s; raise "
                    "the quantities in demo/stock_inventory_demo.xml.")
                    % {"order": order.name})
            for move_line in pickings.mapped("move_line_ids"):
                move_line.qty_done = move_line.product_uom_qty
            with self._demo_quiet():
                pickings.action_done()
            done = fields.Datetime.to_string(
                fields.Datetime.from_string(order.date_order)
                + timedelta(days=days_after))
            pickings.write({"date_done": done})
            pickings.mapped("move_lines").write({"date": done})
        return True

    @api.model
    def _demo_check_carriers(self, pickings):
        """A carrier that may not receive the delivery data (not linked to
        a registered recipient) would stop the shipment: ship those demo
        parcels without a carrier instead, and say so in the log (no
        personal data there, only the transfer's reference)."""
        for picking in pickings.filtered("carrier_id"):
            carrier = picking.carrier_id
            if not hasattr(carrier, "_lotus_sharing_problems"):
                continue
            if carrier._lotus_sharing_problems():
                _logger.warning(
                    "Demo data: carrier %s may not receive personal data; "
                    "%s ships without a carrier.", carrier.name, picking.name)
                picking.carrier_id = False
        return True

    @api.model
    def _demo_invoice(self, order_refs, days_after=2, pay=False):
        """Invoice what was ordered, post the invoice dated ``days_after``
        days after the order (due two weeks later) and, with ``pay``,
        register the customer's bank transfer the next day."""
        orders = self._demo_orders(order_refs)
        journal = self.env["account.journal"].search([
            ("type", "=", "bank"),
            ("company_id", "=", self.env.user.company_id.id),
        ], limit=1)
        for order in orders:
            invoice_date = (fields.Datetime.from_string(order.date_order)
                            + timedelta(days=days_after)).date()
            invoices = self.env["account.invoice"].browse(
                order.action_invoice_create())
            invoices.write({
                "date_invoice": fields.Date.to_string(invoice_date),
                "date_due": fields.Date.to_string(
                    invoice_date + timedelta(days=14)),
            })
            invoices.action_invoice_open()
            if not pay:
                continue
            if not journal:
                raise UserError(_(
                    "Demo data: no bank journal to register the payment of "
                    "%(order)s.") % {"order": order.name})
            for invoice in invoices:
                payment = self.env["account.payment"].create({
                    "payment_type": "inbound",
                    "partner_type": "customer",
                    "partner_id": invoice.commercial_partner_id.id,
                    "amount": invoice.residual,
                    "currency_id": invoice.currency_id.id,
                    "journal_id": journal.id,
                    "payment_method_id": self.env.ref(
                        "account.account_payment_method_manual_in").id,
                    "payment_date": fields.Date.to_string(
                        invoice_date + timedelta(days=1)),
                    "communication": invoice.number,
                    "invoice_ids": [(6, 0, invoice.ids)],
                })
                payment.post()
        return True

    @api.model
    def _demo_deliver_and_invoice(self, order_refs, pay=False, lock=False,
                                  days_after=2):
        """Deliver and invoice the (confirmed) orders; optionally register
        the payment and lock the order, as a finished sale looks."""
        self._demo_deliver(order_refs, days_after=days_after)
        self._demo_invoice(order_refs, days_after=days_after, pay=pay)
        if lock:
            self._demo_orders(order_refs).action_done()
        return True

    # ------------------------------------------------------------------
    # Privacy: consents with their proof, an objection, a restriction and
    # data subject requests, recorded through the same methods as the
    # portal and the back office use.
    # ------------------------------------------------------------------
    @api.model
    def _demo_proof(self, host, note):
        # 192.0.2.0/24 is reserved for documentation (RFC 5737).
        return {"ip_address": "192.0.2.%d" % host,
                "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/115.0",
                "note": note}

    @api.model
    def _demo_confirm_consent(self, consent, proof):
        """What the customer does in the mailbox: open the link of the
        confirmation mail the shop just sent."""
        mail = self.env["mail.mail"].sudo().search(
            [("email_to", "ilike", consent.partner_id.email)],
            order="id desc", limit=1)
        # The link is made when the mail leaves the queue (lotus_gdpr's
        # mail.mail): the body as it is sent holds it.
        found = CONFIRM_LINK.search(mail._lotus_sent_body() if mail else "")
        if not found:
            raise UserError(_("Demo data: no confirmation mail for %s.")
                            % consent.partner_id.display_name)
        status, _consent = self.env["privacy.consent"].sudo() \
            ._lotus_confirm_token(found.group(1), proof)
        if status != "ok":
            raise UserError(_("Demo data: the confirmation of %s failed.")
                            % consent.partner_id.display_name)

    @api.model
    def _demo_privacy(self):
        """Newsletter subscribers (confirmed, pending, withdrawn), an
        objection to marketing, a restricted customer and a request of
        each kind a DPO meets first."""
        Consent = self.env["privacy.consent"].sudo()
        newsletter = self.env["privacy.activity"]._lotus_newsletter()
        if not newsletter:
            return

        def partner(key):
            return self.env.ref("lotus_sales.%s" % key)

        subscribers = [
            ("partner_anna", "portal", 11, "Customer portal, privacy page"),
            ("partner_sanne", "web", 12, "Newsletter sign-up page"),
            ("partner_julia", "web", 13, "Newsletter sign-up page"),
            ("partner_pieter", "web", 14, "Newsletter sign-up page"),
        ]
        for key, channel, host, note in subscribers:
            proof = self._demo_proof(host, note)
            consent = Consent.lotus_give(partner(key), newsletter, channel,
                                         proof)
            self._demo_confirm_consent(consent, proof)
        # Daan signed up and has not opened the confirmation link yet.
        Consent.lotus_give(partner("partner_daan"), newsletter, "web",
                           self._demo_proof(15, "Newsletter sign-up page"))
        # Pieter unsubscribed by phone.
        Consent.lotus_find_or_create(partner("partner_pieter"), newsletter) \
            .action_withdraw(channel="phone", proof={
                "note": "Asked on the phone to stop the newsletter"})
        # Emma objects to every kind of marketing (P29).
        partner("partner_emma").action_object_to_marketing(
            channel="email", proof={"note": "E-mail to the DPO"})
        # Marie contests her address: processing restricted (art. 18).
        partner("partner_marie").action_restrict(
            "Contests the accuracy of her delivery address (GDPR art. "
            "18(1)(a)); being checked with the carrier.")
        # Data subject requests (P28).
        Request = self.env["lotus.privacy.request"]
        today = fields.Date.from_string(fields.Date.context_today(self))
        access = Request.create({
            "request_type": "access", "partner_id": partner("partner_lukas").id,
            "channel": "portal", "verification_method": "portal_login",
            "received_date": fields.Date.to_string(today - timedelta(days=6)),
            "description": "Download of my data from the privacy page."})
        access.action_verify()
        access.action_process()
        Request.create({
            "request_type": "erasure", "partner_id": partner("partner_thomas").id,
            "channel": "email",
            "received_date": fields.Date.to_string(today - timedelta(days=3)),
            "description": "Please delete my account and my data."})
        rectification = Request.create({
            "request_type": "rectification",
            "partner_id": partner("partner_camille").id,
            "channel": "phone", "verification_method": "call_back",
            "received_date": fields.Date.to_string(today - timedelta(days=20)),
            "description": "New address: Rue Saint-Laurent 30, 4000 Liège "
                           "(was Rue Saint-Gilles 112)."})
        rectification.action_verify()
        rectification.action_process()
