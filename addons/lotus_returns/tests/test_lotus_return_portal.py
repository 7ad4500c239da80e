# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import SUPERUSER_ID, api
from odoo.tests.common import HttpCase

from .common import ReturnsTestMixin


class TestLotusReturnPortal(ReturnsTestMixin, HttpCase):
    """The customer portal, through real HTTP requests."""

    def setUp(self):
        super().setUp()
        # Odoo 11's HttpCase opens self.cr before the registry enters test
        # mode: the HTTP server only sees the registry's test cursor. Build
        # the data on that cursor and "commit" it (moves its savepoint; the
        # whole transaction is rolled back when the test ends).
        self.env = env = api.Environment(
            self.registry.test_cr, SUPERUSER_ID, {})
        self.Return = env["lotus.return.request"]
        self.customer = self._create_customer(
            env, "Paula Portal", "paula.portal@example.nl")
        self.stranger = self._create_customer(
            env, "Stefan Stranger", "stefan@example.de")
        self.password = "paula-portal-Secret1"
        self.user = env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Paula Portal", "login": "paula.portal.returns",
                "password": self.password,
                "partner_id": self.customer.id,
                "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
            })
        product = self._create_product(env, "Portal filament", 12.0)
        self.order = self._create_order(env, self.customer, [(product, 2)])
        self.foreign_order = self._create_order(
            env, self.stranger, [(product, 1)])
        self.foreign_return = self.Return.create({
            "order_id": self.foreign_order.id, "reason": "defective",
            "line_ids": [(0, 0, {
                "sale_line_id": self.foreign_order.order_line.id,
                "quantity": 1})],
        })
        self.registry.test_cr.commit()
        # authenticate() reads the user's context on self.cr: lend it the
        # test cursor, where the user exists.
        own_cr, self.cr = self.cr, self.registry.test_cr
        try:
            self.authenticate(self.user.login, self.password)
        finally:
            self.cr = own_cr

    def _csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        self.assertTrue(match, "the form carries a CSRF token")
        return page, match.group(1)

    def test_customer_requests_return_from_own_order(self):
        """P9, P17: from their order the customer asks for a return of a
        delivered line; the form offers only delivered lines and allowed
        reasons; /my/returns lists it with its state."""
        order_page = self.url_open("/my/orders/%s" % self.order.id)
        self.assertIn("/my/orders/%s/return" % self.order.id, order_page.text)
        form, token = self._csrf("/my/orders/%s/return" % self.order.id)
        line = self.order.order_line
        self.assertIn('name="qty_%s"' % line.id, form.text)
        self.assertIn('value="withdrawal"', form.text)
        response = self.url_open(
            "/my/orders/%s/return" % self.order.id,
            data={"csrf_token": token, "qty_%s" % line.id: "1",
                  "reason": "withdrawal", "resolution": "refund",
                  "comment": "Bought too much"})
        self.assertEqual(response.status_code, 200)
        self.env["lotus.return.request"].invalidate_cache()
        ret = self.Return.search([("order_id", "=", self.order.id)])
        self.assertEqual(len(ret), 1)
        self.assertEqual(ret.state, "requested")
        self.assertEqual(ret.partner_id, self.customer)
        self.assertEqual(ret.line_ids.quantity, 1.0)
        self.assertIn("/my/returns/%s" % ret.id, response.url)
        self.assertIn(ret.name, response.text)
        listing = self.url_open("/my/returns")
        self.assertIn(ret.name, listing.text)
        self.assertIn("Requested", listing.text)
        self.assertNotIn(self.foreign_return.name, listing.text)
        home = self.url_open("/my/home")
        self.assertIn("/my/returns", home.text)

    def test_too_many_refused_nothing_created(self):
        """P9: a quantity above what was delivered is refused with a clear
        error in the form; nothing is created."""
        form, token = self._csrf("/my/orders/%s/return" % self.order.id)
        line = self.order.order_line
        response = self.url_open(
            "/my/orders/%s/return" % self.order.id,
            data={"csrf_token": token, "qty_%s" % line.id: "5",
                  "reason": "defective", "resolution": "replacement"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("lotus_return_error", response.text)
        self.assertIn("at most 2", response.text)
        self.assertFalse(
            self.Return.search([("order_id", "=", self.order.id)]))

    def test_withdrawal_after_period_refused(self):
        """P9: after the withdrawal period the portal refuses a change of
        mind and says when the period ended; nothing is created."""
        self._set_delivery_date(self.order, 30)
        self.registry.test_cr.commit()
        form, token = self._csrf("/my/orders/%s/return" % self.order.id)
        self.assertNotIn('value="withdrawal"', form.text)
        line = self.order.order_line
        response = self.url_open(
            "/my/orders/%s/return" % self.order.id,
            data={"csrf_token": token, "qty_%s" % line.id: "1",
                  "reason": "withdrawal", "resolution": "refund"})
        self.assertIn("ended on", response.text)
        self.assertFalse(
            self.Return.search([("order_id", "=", self.order.id)]))

    def test_no_return_on_another_customers_order(self):
        """P17: a customer can neither see nor create a return on another
        customer's order."""
        form, token = self._csrf("/my/orders/%s/return" % self.order.id)
        before = self.Return.search_count([])
        response = self.url_open(
            "/my/orders/%s/return" % self.foreign_order.id,
            data={"csrf_token": token,
                  "qty_%s" % self.foreign_order.order_line.id: "1",
                  "reason": "defective", "resolution": "refund"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.Return.search_count([]), before)
        response = self.url_open(
            "/my/orders/%s/return" % self.foreign_order.id)
        self.assertEqual(response.status_code, 404)
        response = self.url_open("/my/returns/%s" % self.foreign_return.id)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.foreign_return.name, response.text)
