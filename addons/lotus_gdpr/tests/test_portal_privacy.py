# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's side of privacy, through HTTP as a browser sees it.

Odoo 11's HttpCase serves requests on the test cursor, which exists per
test: the two customers are therefore created in setUp (the data of
setUpClass would not be visible to the HTTP server)."""
import json
import re
from datetime import datetime, timedelta

from odoo import fields
from odoo.tests.common import HttpCase

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
CONFIRM_RE = re.compile(r'(/(?:newsletter|my/privacy/delete)/confirm/[A-Za-z0-9_\-]+)')


class PortalPrivacyCase(HttpCase):

    def setUp(self):
        super(PortalPrivacyCase, self).setUp()
        # Odoo 11: the HTTP server uses the registry's test cursor.
        self.env = self.env(self.cursor())
        portal = self.env.ref("base.group_portal")
        Users = self.env["res.users"].with_context(no_reset_password=True)
        self.user_a = Users.create({
            "name": "Alice Ahrens", "login": "lotus-alice",
            "password": "alice-portal-pw", "email": "alice@example.nl",
            "groups_id": [(6, 0, [portal.id])],
        })
        self.user_b = Users.create({
            "name": "Bram Bosch", "login": "lotus-bram",
            "password": "bram-portal-pw", "email": "bram@example.nl",
            "groups_id": [(6, 0, [portal.id])],
        })
        self.partner_a = self.user_a.partner_id
        self.partner_b = self.user_b.partner_id
        self.partner_a.write({"street": "Alicestraat 1", "city": "Nijmegen",
                              "phone": "+31 24 111 1111"})
        self.partner_b.write({"street": "Bramlaan 2", "city": "Arnhem",
                              "phone": "+31 26 222 2222"})
        self.icp = self.env["ir.config_parameter"].sudo()
        self.icp.set_param("lotus_gdpr.google_analytics_key", "UA-12345-1")

    def tearDown(self):
        # Odoo 11 HttpCase: close the test cursor we opened in setUp.
        self.env.cr.close()
        super(PortalPrivacyCase, self).tearDown()

    # ----------------------------------------------------------- helpers
    def url_open(self, url, data=None, timeout=30):
        """Odoo 11: let the server thread use the test cursor meanwhile.

        A request starts by closing the test cursor, which rolls back to
        its last (simulated) commit: commit what the test prepared."""
        self.env.cr.commit()
        self.env.cr.release()
        try:
            return super(PortalPrivacyCase, self).url_open(
                url, data=data, timeout=timeout)
        finally:
            self.env.cr.acquire()
            self.env["res.partner"].invalidate_cache()

    def login(self, user, password):
        # authenticate() reads the user through self.cr: use the test
        # cursor, where the user exists.
        old_cr, self.cr = self.cr, self.env.cr
        try:
            self.authenticate(user.login, password)
        finally:
            self.cr = old_cr

    def csrf(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200, url)
        found = CSRF_RE.search(page.text)
        self.assertTrue(found, "no CSRF token on %s" % url)
        return found.group(1)

    def post(self, url, data, csrf_from=None):
        data = dict(data)
        data["csrf_token"] = self.csrf(csrf_from or url)
        return self.url_open(url, data=data)

    def last_link(self, email):
        self.env["res.partner"].invalidate_cache()
        mail = self.env["mail.mail"].sudo().search(
            [("email_to", "ilike", email)], order="id desc", limit=1)
        self.assertTrue(mail, "no mail to %s" % email)
        found = CONFIRM_RE.search(mail.body_html or "")
        self.assertTrue(found, "no confirmation link in the mail")
        return found.group(1)

    def mails_to(self, email):
        return self.env["mail.mail"].sudo().search_count(
            [("email_to", "ilike", email)])


class TestCookieConsent(PortalPrivacyCase):

    def test_analytics_only_after_consent(self):
        """P16: Google Analytics (anonymize_ip on) is rendered only after
        consent; never when refused or when nothing was chosen yet."""
        url = "/newsletter/subscribe"
        # Not chosen: the banner, no analytics.
        page = self.url_open(url)
        self.assertIn('id="lotus_cookie_banner"', page.text)
        self.assertNotIn("googletagmanager", page.text)
        self.assertNotIn("UA-12345-1", page.text)
        # Refused: no banner, still no analytics.
        self.opener.cookies.set("lotus_cookie_consent", "refused")
        page = self.url_open(url)
        self.assertNotIn('id="lotus_cookie_banner"', page.text)
        self.assertNotIn("googletagmanager", page.text)
        self.assertNotIn("UA-12345-1", page.text)
        # Accepted: the tag with IP anonymisation.
        self.opener.cookies.set("lotus_cookie_consent", "accepted")
        page = self.url_open(url)
        self.assertNotIn('id="lotus_cookie_banner"', page.text)
        self.assertIn("googletagmanager.com/gtag/js?id=UA-12345-1", page.text)
        self.assertIn("'anonymize_ip': true", page.text)

    def test_banner_choice_sets_cookie_and_records_consent(self):
        """P16: the banner's choice is remembered in a cookie and, for a
        logged-in customer, recorded as their analytics consent; it can be
        changed on /my/privacy."""
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/privacy")
        self.assertIn('id="lotus_cookie_banner"', page.text)
        self.assertNotIn("googletagmanager", page.text)
        response = self.post("/privacy/cookies", {
            "choice": "accepted", "redirect": "/my/privacy"},
            csrf_from="/my/privacy")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self.opener.cookies.get("lotus_cookie_consent"), "accepted")
        self.assertIn("googletagmanager", response.text)
        privacy = self.env["lotus.portal.privacy"]
        self.env["res.partner"].invalidate_cache()
        consent = privacy._lotus_consent(
            self.partner_a, "lotus_gdpr.activity_analytics")
        if privacy._lotus_activity("lotus_gdpr.activity_analytics"):
            self.assertTrue(consent.accepted)
        # Changed on /my/privacy: refused, the tag disappears.
        response = self.post("/privacy/cookies", {
            "choice": "refused", "redirect": "/my/privacy#cookies"},
            csrf_from="/my/privacy")
        self.assertEqual(
            self.opener.cookies.get("lotus_cookie_consent"), "refused")
        self.assertNotIn("googletagmanager", response.text)
        self.assertIn("You refused analytics cookies", response.text)
        if consent:
            self.env["res.partner"].invalidate_cache()
            self.assertFalse(consent.accepted)

    def test_cookie_post_without_csrf_is_refused(self):
        """P16: the cookie form, like every POST, needs a CSRF token."""
        response = self.url_open("/privacy/cookies", data={
            "choice": "accepted"})
        self.assertEqual(response.status_code, 400)
        self.assertIsNone(self.opener.cookies.get("lotus_cookie_consent"))

    def test_open_redirect_refused(self):
        """The cookie form only sends back to a page of this site."""
        response = self.post("/privacy/cookies", {
            "choice": "refused", "redirect": "https://evil.example/x"},
            csrf_from="/newsletter/subscribe")
        self.assertTrue(response.url.startswith("http://"))
        self.assertNotIn("evil.example", response.url)


class TestNewsletterSignup(PortalPrivacyCase):

    def subscribe(self, email):
        return self.post("/newsletter/subscribe", {"email": email})

    def newsletter_consent(self, email):
        self.env["res.partner"].invalidate_cache()
        partner = self.env["res.partner"].search(
            [("email", "=ilike", email)], limit=1)
        return self.env["lotus.portal.privacy"]._lotus_consent(
            partner, "lotus_gdpr.activity_newsletter")

    def test_double_opt_in(self):
        """P20/P28: a public sign-up stores no consent and no subscriber
        until the link of the confirmation mail is opened and confirmed;
        the link then works only once."""
        email = "new.reader@example.org"
        response = self.subscribe(email)
        self.assertEqual(response.status_code, 200)
        self.assertIn("lotus_signup_done", response.text)
        self.assertFalse(self.env["res.partner"].search(
            [("email", "=ilike", email)]))
        signup = self.env["lotus.newsletter.signup"].search(
            [], order="id desc", limit=1)
        link = self.last_link(email)
        token = link.rsplit("/", 1)[1]
        self.assertNotIn(token, signup.token_hash)
        self.assertNotEqual(signup.email_hash, email)
        # Opening the link shows a button; still nothing stored.
        page = self.url_open(link)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Yes, send me the newsletter", page.text)
        self.assertFalse(self.env["res.partner"].search(
            [("email", "=ilike", email)]))
        # Confirming records the consent with its proof.
        page = self.post(link, {})
        self.assertEqual(page.status_code, 200)
        self.assertIn("lotus_signup_confirmed", page.text)
        consent = self.newsletter_consent(email)
        if self.env.ref("lotus_gdpr.activity_newsletter",
                        raise_if_not_found=False):
            self.assertTrue(consent.accepted)
            self.assertIn("double opt-in", consent.last_metadata or "")
        self.env["res.partner"].invalidate_cache()
        self.assertFalse(signup.email, "the address is not kept twice")
        # Reused link: a clear page, nothing changes.
        page = self.url_open(link)
        self.assertEqual(page.status_code, 410)
        self.assertIn("lotus_token_used", page.text)
        self.assertIn("already been used", page.text)

    def test_expired_link(self):
        """P20: an expired confirmation link gets a clear page and stores
        no consent."""
        email = "late.reader@example.org"
        self.subscribe(email)
        link = self.last_link(email)
        signup = self.env["lotus.newsletter.signup"].search(
            [], order="id desc", limit=1)
        signup.write({"expiry": fields.Datetime.to_string(
            datetime.utcnow() - timedelta(minutes=1))})
        page = self.url_open(link)
        self.assertEqual(page.status_code, 410)
        self.assertIn("lotus_token_expired", page.text)
        self.assertIn("has expired", page.text)
        response = self.post(link, {}, csrf_from="/newsletter/subscribe")
        self.assertEqual(response.status_code, 410)
        self.assertFalse(self.env["res.partner"].search(
            [("email", "=ilike", email)]))

    def test_invalid_link(self):
        page = self.url_open("/newsletter/confirm/not-a-real-token")
        self.assertEqual(page.status_code, 404)
        self.assertIn("lotus_token_invalid", page.text)

    def test_rate_limit_same_answer(self):
        """P20: repeated sign-ups for one address send one mail per 15
        minutes (at most 3 a day), and the page answers the same."""
        email = "spam.target@example.org"
        first = self.subscribe(email)
        second = self.subscribe(email.upper())
        self.assertEqual(self.mails_to(email), 1)
        self.assertIn("lotus_signup_done", second.text)
        self.assertEqual(
            re.sub(CSRF_RE, "", first.text).count("lotus_signup_done"),
            re.sub(CSRF_RE, "", second.text).count("lotus_signup_done"))
        # After the window, another mail; the daily cap still holds.
        Signup = self.env["lotus.newsletter.signup"]
        old = fields.Datetime.to_string(datetime.utcnow() - timedelta(hours=1))
        for _i in range(3):
            self.env.cr.execute(
                "UPDATE lotus_newsletter_signup SET create_date = %s "
                "WHERE email_hash = %s", (old, Signup._lotus_email_hash(email)))
            self.subscribe(email)
        self.env["res.partner"].invalidate_cache()
        self.assertEqual(self.mails_to(email), 3)

    def test_bad_address(self):
        response = self.subscribe("not an address")
        self.assertIn("valid e-mail", response.text)
        self.assertFalse(self.env["lotus.newsletter.signup"].search(
            [("email", "=", "not an address")]))

    def test_signup_without_csrf_refused(self):
        """Every POST carries a CSRF token: without it, refused."""
        response = self.url_open("/newsletter/subscribe", data={
            "email": "nocsrf@example.org"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.mails_to("nocsrf@example.org"), 0)
