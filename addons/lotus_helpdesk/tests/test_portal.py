# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer portal over real HTTP, as two portal customers."""
import re

from odoo.tests.common import HttpCase

from .common import address
from .test_no_audio import MP3

CSRF_RE = re.compile(r'name="csrf_token"\s+value="([^"]+)"')


class TestPortal(HttpCase):
    """HttpCase in Odoo 11 has no class-level cursor shared with the
    server: the customers are built in setUp, on the test cursor that the
    HTTP server uses (the same work-around as privacy_consent's tests)."""

    def setUp(self):
        super(TestPortal, self).setUp()
        self._old_env = self.env
        self.env = self._old_env(self.cursor())
        env = self.env
        portal = env.ref("base.group_portal")
        Users = env["res.users"].with_context(no_reset_password=True)
        self.user_anna = Users.create({
            "name": "Anna Portal Test", "login": "anna_portal_test",
            "password": "anna-portal-test", "email": "anna.pt@example.nl",
            "groups_id": [(6, 0, [portal.id])]})
        self.user_lukas = Users.create({
            "name": "Lukas Portal Test", "login": "lukas_portal_test",
            "password": "lukas-portal-test", "email": "lukas.pt@example.de",
            "groups_id": [(6, 0, [portal.id])]})
        self.anna = self.user_anna.partner_id
        self.lukas = self.user_lukas.partner_id
        self.anna.write(address(env))
        self.lukas.write(address(env, "de"))
        product = env["product.product"].create({
            "name": "Lotus Portal Printer", "type": "consu"})

        def order(partner):
            so = env["sale.order"].create({
                "partner_id": partner.id,
                "order_line": [(0, 0, {
                    "product_id": product.id, "product_uom_qty": 1,
                    "price_unit": 100.0, "name": product.name})]})
            so.action_confirm()
            return so

        self.order_anna = order(self.anna)
        self.order_lukas = order(self.lukas)
        self.ticket_lukas = env["helpdesk.ticket"].create({
            "name": "Lukas' private question", "description": "secret",
            "partner_id": self.lukas.id,
            "sale_order_id": self.order_lukas.id})
        self.ticket_lukas.message_subscribe(partner_ids=[self.lukas.id])
        self.category = env.ref("lotus_helpdesk.category_order")
        # make the data visible to the server thread, then let it work
        env.cr.commit()
        env.cr.release()

    def tearDown(self):
        self.env = self._old_env
        super(TestPortal, self).tearDown()

    def _login(self, user, password):
        # HttpCase.authenticate reads the user on self.cr, which in Odoo 11
        # is not the cursor the server (and our data) live on.
        old_cr = self.cr
        self.cr = self.env.cr
        self.env.cr.acquire()
        try:
            self.authenticate(user.login, password)
        finally:
            self.env.cr.release()
            self.cr = old_cr

    def _csrf(self, url="/new/ticket"):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return CSRF_RE.search(response.text).group(1)

    def _submit(self, **data):
        values = {"csrf_token": self._csrf(), "name": "ignored",
                  "email": "ignored@example.com",
                  "category": str(self.category.id), "subject": "Question",
                  "description": "Where is my printer?"}
        values.update(data)
        return self.url_open("/submitted/ticket", data=values)

    def _tickets_of(self, partner):
        self.env["helpdesk.ticket"].invalidate_cache()
        return self.env["helpdesk.ticket"].search(
            [("partner_id", "=", partner.id)])

    def test_p17_new_ticket_from_order_page(self):
        """P17: from the order page the customer opens a ticket about that
        order; the form is prefilled, the ticket linked (P12)."""
        self._login(self.user_anna, "anna-portal-test")
        page = self.url_open("/my/orders/%d" % self.order_anna.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("/new/ticket?order_id=%d" % self.order_anna.id,
                      page.text)
        form = self.url_open("/new/ticket?order_id=%d" % self.order_anna.id)
        self.assertIn('value="%s"' % self.order_anna.name, form.text)
        response = self._submit(order_ref=self.order_anna.name)
        self.assertEqual(response.status_code, 200)
        ticket = self._tickets_of(self.anna)
        self.assertEqual(len(ticket), 1)
        self.assertTrue(response.url.endswith("/my/ticket/%d" % ticket.id))
        self.assertEqual(ticket.sale_order_id, self.order_anna)
        self.assertEqual(ticket.partner_email, "anna.pt@example.nl",
                         "the customer is the logged-in user, not the form")
        self.assertEqual(ticket.channel_id, self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_web"))
        self.assertIn(self.order_anna.name, response.text)
        page = self.url_open("/my/orders/%d" % self.order_anna.id)
        self.assertIn("/my/ticket/%d" % ticket.id, page.text)

    def test_p13_portal_guessed_order_number_answers_the_same(self):
        """P13: another customer's order number and a number that does not
        exist give the same portal answer, and nothing of that order."""
        self._login(self.user_anna, "anna-portal-test")
        form = self.url_open("/new/ticket?order_id=%d" % self.order_lukas.id)
        self.assertNotIn(self.order_lukas.name, form.text)
        foreign = self._submit(order_ref=self.order_lukas.name)
        missing = self._submit(order_ref="SO987654")
        self.assertEqual(foreign.status_code, missing.status_code)
        tickets = self._tickets_of(self.anna)
        self.assertEqual(len(tickets), 2)
        self.assertFalse(tickets.mapped("sale_order_id"))
        self.assertEqual(set(tickets.mapped("lotus_order_check")),
                         {"not_verified"})

        def normalise(html, ticket):
            html = html.replace(ticket.number, "N").replace(
                "/my/ticket/%d" % ticket.id, "U")
            html = html.replace('data-res_id="%d"' % ticket.id, "")
            html = re.sub(r'value="[^"]*"', "", html)
            html = re.sub(r"\d{4}-\d{2}-\d{2}", "D", html)
            html = re.sub(r"\d{2}/\d{2}/\d{4}", "D", html)
            return re.sub(r"\d{2}:\d{2}:\d{2}", "T", html)

        by_url = {t.id: t for t in tickets}
        t_foreign = by_url[int(foreign.url.rsplit("/", 1)[1])]
        t_missing = by_url[int(missing.url.rsplit("/", 1)[1])]
        self.assertNotIn(self.order_lukas.name, foreign.text)
        self.assertNotIn("Lukas", foreign.text)
        self.assertEqual(normalise(foreign.text, t_foreign),
                         normalise(missing.text, t_missing))

    def test_p17_only_own_tickets(self):
        """P17: a customer sees their own tickets, never someone else's;
        another's ticket answers like one that does not exist."""
        self._login(self.user_anna, "anna-portal-test")
        self._submit(subject="Anna's question")
        listing = self.url_open("/my/tickets")
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Anna&#39;s question", listing.text.replace(
            "&#x27;", "&#39;").replace("'", "&#39;"))
        self.assertNotIn("private question", listing.text)
        other = self.url_open("/my/ticket/%d" % self.ticket_lukas.id)
        nowhere = self.url_open("/my/ticket/99999999")
        self.assertEqual(other.status_code, 404)
        self.assertEqual(nowhere.status_code, 404)
        self.assertNotIn("secret", other.text)
        self._login(self.user_lukas, "lukas-portal-test")
        own = self.url_open("/my/ticket/%d" % self.ticket_lukas.id)
        self.assertEqual(own.status_code, 200)
        self.assertIn("private question", own.text)
        self.assertIn(self.order_lukas.name, own.text)

    def test_p17_reply_on_own_ticket_only(self):
        """P17: a customer replies on their own ticket; a post on someone
        else's ticket is refused and stores nothing."""
        self._login(self.user_lukas, "lukas-portal-test")
        csrf = self._csrf()
        self.opener.headers["Referer"] = "http://127.0.0.1:%s/my/ticket/%d" % (
            self._port(), self.ticket_lukas.id)
        ok = self.url_open("/mail/chatter_post", data={
            "csrf_token": csrf, "res_model": "helpdesk.ticket",
            "res_id": str(self.ticket_lukas.id),
            "message": "Thanks, that helps"})
        self.assertIn(ok.status_code, (200, 303))
        self._login(self.user_anna, "anna-portal-test")
        csrf = self._csrf()
        bad = self.url_open("/mail/chatter_post", data={
            "csrf_token": csrf, "res_model": "helpdesk.ticket",
            "res_id": str(self.ticket_lukas.id),
            "message": "Intruder message"})
        self.assertNotEqual(bad.status_code, 200)
        self.env["helpdesk.ticket"].invalidate_cache()
        bodies = self.ticket_lukas.message_ids.mapped("body")
        self.assertTrue(any("Thanks, that helps" in b for b in bodies))
        self.assertFalse(any("Intruder" in b for b in bodies))

    def test_p17_cannot_close_someone_elses_ticket(self):
        """P17: closing a ticket from the portal needs access to it."""
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        stage = self.ticket_lukas.stage_id
        self._login(self.user_anna, "anna-portal-test")
        data = {"ticket_id": str(self.ticket_lukas.id),
                "stage_id": str(done.id)}
        response = self.url_open("/ticket/close", data=dict(
            data, csrf_token=self._csrf()))
        self.assertEqual(response.status_code, 404)
        self.env["helpdesk.ticket"].invalidate_cache()
        self.assertEqual(self.ticket_lukas.stage_id, stage)
        self._login(self.user_lukas, "lukas-portal-test")
        page = self.url_open("/my/ticket/%d" % self.ticket_lukas.id)
        self.assertIn('action="/ticket/close"', page.text)
        self.assertIn('method="POST"', page.text)
        response = self.url_open("/ticket/close?ticket_id=%d&stage_id=%d" % (
            self.ticket_lukas.id, done.id))
        self.assertNotEqual(response.status_code, 200,
                            "a link (GET) cannot close a ticket")
        self.env["helpdesk.ticket"].invalidate_cache()
        self.assertEqual(self.ticket_lukas.stage_id, stage)
        response = self.url_open("/ticket/close", data=dict(
            data, csrf_token=self._csrf()))
        self.assertEqual(response.status_code, 200)
        self.env["helpdesk.ticket"].invalidate_cache()
        self.assertEqual(self.ticket_lukas.stage_id, done)

    def test_p15_portal_audio_upload_refused(self):
        """P15: an audio file in the portal form is refused with a clear
        message; no ticket and no file are stored."""
        self._login(self.user_anna, "anna-portal-test")
        data = {"csrf_token": self._csrf(), "category": str(self.category.id),
                "subject": "My call", "description": "Listen to this"}
        response = self.opener.post(
            "http://%s:%s/submitted/ticket" % (
                "127.0.0.1", self._port()),
            data=data, files={"attachment": ("call.mp3", MP3, "audio/mpeg")},
            timeout=10)
        self.assertEqual(response.status_code, 200)
        self.assertIn("audio recording", response.text)
        self.assertFalse(self._tickets_of(self.anna))

    def _port(self):
        from odoo.tests import common
        return common.PORT

    def _returns(self):
        """A return of Anna's and of Lukas' order, committed on the
        cursor the HTTP server uses."""
        from .test_ticket_return import deliver, make_return
        self.env.cr.acquire()
        try:
            deliver(self.env, self.order_anna)
            deliver(self.env, self.order_lukas)
            ret_anna = make_return(self.env, self.order_anna)
            ret_lukas = make_return(self.env, self.order_lukas)
            # A TestCursor: commit() only moves its savepoint.
            self.env.cr.commit()  # pylint: disable=invalid-commit
        finally:
            self.env.cr.release()
        return ret_anna, ret_lukas

    def test_p12_new_ticket_from_return_page(self):
        """P12: from a return page the customer opens a ticket about that
        return; it is linked to the return and its order, and goes to the
        returns team."""
        ret_anna, _ret_lukas = self._returns()
        self._login(self.user_anna, "anna-portal-test")
        page = self.url_open("/my/returns/%d" % ret_anna.id)
        self.assertEqual(page.status_code, 200)
        self.assertIn("/new/ticket?return_id=%d" % ret_anna.id, page.text)
        form = self.url_open("/new/ticket?return_id=%d" % ret_anna.id)
        self.assertIn('name="return_id" value="%d"' % ret_anna.id, form.text)
        self.assertIn(ret_anna.name, form.text)
        response = self._submit(return_id=str(ret_anna.id),
                                order_ref=self.order_anna.name)
        self.assertEqual(response.status_code, 200)
        ticket = self._tickets_of(self.anna)
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.lotus_return_id, ret_anna)
        self.assertEqual(ticket.sale_order_id, self.order_anna)
        self.assertEqual(ticket.team_id,
                         self.env.ref("lotus_helpdesk.team_returns"))
        self.assertIn(ret_anna.name, response.text)

    def test_p13_guessed_return_answers_the_same(self):
        """P13: a return id of another customer and an id that does not
        exist give the same form and the same ticket: unlinked, nothing
        of the other customer's return shown."""
        _ret_anna, ret_lukas = self._returns()
        self._login(self.user_anna, "anna-portal-test")

        def normalise(html):
            return re.sub(r'value="[^"]*"', "", html)

        foreign = self.url_open("/new/ticket?return_id=%d" % ret_lukas.id)
        missing = self.url_open("/new/ticket?return_id=99999999")
        self.assertEqual(foreign.status_code, missing.status_code)
        self.assertNotIn(ret_lukas.name, foreign.text)
        self.assertNotIn(self.order_lukas.name, foreign.text)
        self.assertNotIn('name="return_id"', foreign.text)
        self.assertEqual(normalise(foreign.text), normalise(missing.text))
        posted = self._submit(return_id=str(ret_lukas.id))
        self.assertEqual(posted.status_code, 200)
        self.assertNotIn(ret_lukas.name, posted.text)
        ticket = self._tickets_of(self.anna)
        self.assertEqual(len(ticket), 1)
        self.assertFalse(ticket.lotus_return_id)
        self.assertFalse(ticket.sale_order_id)
        ret_lukas.invalidate_cache()
        self.assertEqual(ret_lukas.helpdesk_ticket_count, 0)
