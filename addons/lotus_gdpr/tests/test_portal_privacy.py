# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's side of privacy, through HTTP as a browser sees it.

Odoo 11's HttpCase serves requests on the test cursor, which exists per
test: the two customers are therefore created in setUp (the data of
setUpClass would not be visible to the HTTP server)."""
import ast
import json
import os
import re
from datetime import datetime, timedelta
from unittest import mock

from dateutil.relativedelta import relativedelta

import odoo.http
from odoo import fields
from odoo.modules.module import get_module_path
from odoo.tests.common import HttpCase, TransactionCase
from odoo.tools.translate import PoFile

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')
CONFIRM_RE = re.compile(
    r'(/(?:newsletter|my/privacy/delete)/confirm/[A-Za-z0-9_\-]+)')


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
        # Complete addresses: lotus_sales confirms no order without (P2).
        nl = self.env.ref("base.nl").id
        self.partner_a.write({"street": "Alicestraat 1", "city": "Nijmegen",
                              "zip": "6511 AB", "country_id": nl,
                              "phone": "+31 24 111 1111"})
        self.partner_b.write({"street": "Bramlaan 2", "city": "Arnhem",
                              "zip": "6811 CD", "country_id": nl,
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
        its last (simulated) commit: commit what the test prepared.
        In test mode this cursor is a TestCursor: commit() only moves its
        savepoint, and everything is rolled back when the test ends."""
        self.env.cr.commit()  # pylint: disable=invalid-commit
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

    def logout(self):
        """Go on as a visitor who is not logged in (same browser)."""
        self.session.logout(keep_db=True)
        odoo.http.root.session_store.save(self.session)

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
        found = CONFIRM_RE.search(mail._lotus_sent_body())
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
        consent = privacy._lotus_consent(
            self.partner_a, "lotus_gdpr.activity_analytics")
        self.assertEqual(consent.lotus_state, "given")
        self.assertEqual(consent.lotus_event_ids[:1].channel, "portal")
        # Changed on /my/privacy: refused, the tag disappears.
        response = self.post("/privacy/cookies", {
            "choice": "refused", "redirect": "/my/privacy#cookies"},
            csrf_from="/my/privacy")
        self.assertEqual(
            self.opener.cookies.get("lotus_cookie_consent"), "refused")
        self.assertNotIn("googletagmanager", response.text)
        self.assertIn("You refused analytics cookies", response.text)
        self.env["res.partner"].invalidate_cache()
        self.assertEqual(consent.lotus_state, "withdrawn")

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
        """P20: P28: a public sign-up stores no consent and no subscriber
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
        self.assertEqual(consent.lotus_state, "given")
        self.assertTrue(consent.accepted)
        self.assertEqual(
            set(consent.lotus_event_ids.mapped("event_type")),
            {"given", "confirmed"})
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
                "WHERE email_hash = %s",
                (old, Signup._lotus_email_hash(email)))
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


class TestPrivacyPage(PortalPrivacyCase):

    def setUp(self):
        super(TestPrivacyPage, self).setUp()
        self.activity_survey = self.env["privacy.activity"].create({
            "name": "Customer satisfaction survey",
            "subject_find": True,
            "consent_required": "manual",
            "default_consent": False,
        })
        self.activity_private = self.env["privacy.activity"].create({
            "name": "Internal activity without consent",
        })

    def request_of(self, partner, request_type):
        return self.env["lotus.privacy.request"].sudo().search([
            ("partner_id", "=", partner.id),
            ("request_type", "=", request_type)], order="id desc", limit=1)

    def test_privacy_page_names_controller_dpo_authority(self):
        """P30: the privacy page names the controller, the DPO's contact
        and the right to complain to the Autoriteit Persoonsgegevens."""
        company = self.env.user.company_id
        company.write({"name": "Lotus 3D Printers BV",
                       "email": "info@lotus3dprinters.com"})
        company.write({"lotus_dpo_email": "dpo@lotus3dprinters.com",
                       "lotus_dpo_name": "Dana de Privacy"})
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/privacy")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Lotus 3D Printers BV", page.text)
        self.assertIn("Autoriteit Persoonsgegevens", page.text)
        self.assertIn("https://autoriteitpersoonsgegevens.nl", page.text)
        self.assertIn("Data Protection Officer", page.text)
        self.assertIn("dpo@lotus3dprinters.com", page.text)
        self.assertIn("Dana de Privacy", page.text)

    def test_portal_home_entries(self):
        """P17: the portal home leads to email preferences, personal data
        and privacy requests; the sidebar links the privacy page."""
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/home")
        self.assertEqual(page.status_code, 200)
        for href in ('href="/my/privacy"', 'href="/my/privacy#email"',
                     'href="/my/privacy#data"', 'href="/my/privacy/export"'):
            self.assertIn(href, page.text)
        self.assertIn("Alice", page.text)
        self.assertNotIn("Bram", page.text)

    def test_anonymous_is_sent_to_login(self):
        page = self.url_open("/my/privacy")
        self.assertIn("/web/login", page.url)
        page = self.url_open("/my/privacy/export.json")
        self.assertIn("/web/login", page.url)
        self.assertNotIn("alice@example.nl", page.text)

    def test_consent_give_and_withdraw(self):
        """P28: P20: a consent is given and withdrawn with one click, with
        the portal as channel in its proof."""
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/privacy")
        self.assertIn("Customer satisfaction survey", page.text)
        self.assertNotIn("Internal activity without consent", page.text)
        self.post("/my/privacy/consent", {
            "activity_id": self.activity_survey.id, "choice": "give"},
            csrf_from="/my/privacy")
        consent = self.env["lotus.portal.privacy"]._lotus_consent(
            self.partner_a, self.activity_survey)
        self.assertEqual(consent.lotus_state, "given")
        self.assertEqual(consent.lotus_channel, "portal")
        page = self.post("/my/privacy/consent", {
            "activity_id": self.activity_survey.id, "choice": "withdraw"},
            csrf_from="/my/privacy")
        self.assertIn("withdrawn", page.text)
        self.env["res.partner"].invalidate_cache()
        self.assertEqual(consent.lotus_state, "withdrawn")
        self.assertFalse(self.env["lotus.portal.privacy"]._lotus_consent(
            self.partner_b, self.activity_survey))
        # An activity the customer cannot decide on: 404.
        page = self.post("/my/privacy/consent", {
            "activity_id": self.activity_private.id, "choice": "give"},
            csrf_from="/my/privacy")
        self.assertEqual(page.status_code, 404)

    def test_newsletter_from_portal_double_opt_in(self):
        """P20: P28: giving the newsletter consent on the portal mails a
        confirmation link; the consent is valid only once confirmed."""
        newsletter = self.env.ref("lotus_gdpr.activity_newsletter")
        self.login(self.user_a, "alice-portal-pw")
        page = self.post("/my/privacy/consent", {
            "activity_id": newsletter.id, "choice": "give"},
            csrf_from="/my/privacy")
        self.assertIn("confirm the subscription", page.text)
        consent = self.env["lotus.portal.privacy"]._lotus_consent(
            self.partner_a, newsletter)
        self.assertEqual(consent.lotus_state, "pending")
        self.assertFalse(consent.accepted)
        mail = self.env["mail.mail"].sudo().search(
            [("email_to", "ilike", "alice@example.nl")], limit=1,
            order="id desc")
        link = re.search(r"(/privacy/consent/confirm/[A-Za-z0-9_\-]+)",
                         mail._lotus_sent_body()).group(1)
        self.post(link, {})
        self.env["res.partner"].invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")

    def test_objection(self):
        """P29: P28: objecting on the portal stops all marketing at once;
        the customer can lift it again."""
        newsletter = self.env.ref("lotus_gdpr.activity_newsletter")
        self.env["privacy.consent"].lotus_give(
            self.partner_a, newsletter, "backoffice")
        self.login(self.user_a, "alice-portal-pw")
        self.post("/my/privacy/objection", {"objection": "object"},
                  csrf_from="/my/privacy")
        self.assertTrue(self.partner_a.lotus_marketing_objection)
        self.assertFalse(self.partner_b.lotus_marketing_objection)
        page = self.url_open("/my/privacy")
        self.assertIn("You object to marketing", page.text)
        self.post("/my/privacy/objection", {"objection": "lift"},
                  csrf_from="/my/privacy")
        self.env["res.partner"].invalidate_cache()
        self.assertFalse(self.partner_a.lotus_marketing_objection)

    def test_requests_are_private(self):
        """P28: a rectification request made on the portal shows its status
        and legal deadline to its customer, and is 404 for any other."""
        self.login(self.user_a, "alice-portal-pw")
        page = self.post("/my/privacy/request", {
            "request_type": "rectification",
            "description": "My street is Alicestraat 11, not 1."},
            csrf_from="/my/privacy")
        self.assertEqual(page.status_code, 200)
        req = self.request_of(self.partner_a, "rectification")
        self.assertTrue(req)
        self.assertEqual(req.channel, "portal")
        self.assertEqual(req.state, "verified")
        self.assertTrue(req.deadline)
        self.assertIn(req.name, page.text)
        self.assertIn("answered by", page.text)
        detail = self.url_open("/my/privacy/requests/%d" % req.id)
        self.assertEqual(detail.status_code, 200)
        self.assertIn("Alicestraat 11", detail.text)
        # An empty request is refused with a message, nothing stored.
        page = self.post("/my/privacy/request", {
            "request_type": "restriction", "description": "  "},
            csrf_from="/my/privacy")
        self.assertIn("Please describe", page.text)
        self.assertFalse(self.request_of(self.partner_a, "restriction"))
        # The other customer: not listed, and 404 by id.
        self.login(self.user_b, "bram-portal-pw")
        page = self.url_open("/my/privacy")
        self.assertNotIn(req.name, page.text)
        detail = self.url_open("/my/privacy/requests/%d" % req.id)
        self.assertEqual(detail.status_code, 404)
        self.assertNotIn("Alicestraat", detail.text)
        detail = self.url_open("/my/privacy/requests/999999999")
        self.assertEqual(detail.status_code, 404)

    def test_post_without_csrf_refused(self):
        """Every POST of the privacy page needs its CSRF token."""
        self.login(self.user_a, "alice-portal-pw")
        for url, data in [
                ("/my/privacy/request", {"request_type": "rectification",
                                         "description": "x"}),
                ("/my/privacy/objection", {"objection": "object"}),
                ("/my/privacy/delete/request", {"confirm": "1"}),
                ("/my/privacy/consent", {
                    "activity_id": self.activity_survey.id,
                    "choice": "give"})]:
            response = self.url_open(url, data=data)
            self.assertEqual(response.status_code, 400, url)
        self.assertFalse(self.request_of(self.partner_a, "rectification"))
        self.assertFalse(self.request_of(self.partner_a, "erasure"))
        self.assertFalse(self.partner_a.lotus_marketing_objection)

    def test_export_has_own_data_only(self):
        """P28: P17: "Download my data" gives the customer's data (JSON and
        a readable page) and nothing of another customer."""
        self.login(self.user_a, "alice-portal-pw")
        response = self.url_open(
            "/my/privacy/export.json?partner_id=%d" % self.partner_b.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        data = json.loads(response.text)
        self.assertEqual(data["subject"]["id"], self.partner_a.id)
        self.assertIn("alice@example.nl", response.text)
        self.assertIn("Alicestraat 1", response.text)
        self.assertNotIn("bram@example.nl", response.text)
        self.assertNotIn("Bramlaan", response.text)
        self.assertIn("res.partner", data["records"])
        page = self.url_open("/my/privacy/export")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Alicestraat 1", page.text)
        self.assertNotIn("Bramlaan", page.text)
        self.assertTrue(self.env["lotus.audit.log"].sudo().search([
            ("action", "=", "portal_export"),
            ("res_id", "=", self.partner_a.id)]))

    def test_erasure_confirmed_by_mail_link(self):
        """P28: "Delete my account" shows what is kept and why, creates an
        erasure request, and the request counts only once the mailed link
        (single use, expiring, stored hashed) is confirmed."""
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/privacy/delete")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Kept for now, and why", page.text)
        self.post("/my/privacy/delete/request", {},
                  csrf_from="/my/privacy/delete")
        req = self.request_of(self.partner_a, "erasure")
        self.assertEqual(req.state, "new")
        link = self.last_link("alice@example.nl")
        token = link.rsplit("/", 1)[1]
        stored = self.env["lotus.portal.token"].sudo().search(
            [("res_id", "=", req.id)])
        self.assertEqual(len(stored), 1)
        self.assertNotIn(token, stored.token_hash)
        # The link shows a button; a GET alone changes nothing.
        page = self.url_open(link)
        self.assertIn("Yes, delete my account", page.text)
        self.env["res.partner"].invalidate_cache()
        self.assertEqual(req.state, "new")
        page = self.post(link, {})
        self.assertEqual(page.status_code, 200)
        self.assertIn("lotus_erasure_confirmed", page.text)
        self.env["res.partner"].invalidate_cache()
        self.assertEqual(req.state, "verified")
        self.assertEqual(req.verification_method, "known_email")
        # Reused.
        page = self.url_open(link)
        self.assertEqual(page.status_code, 410)
        self.assertIn("lotus_token_used", page.text)
        # Asking again while the confirmed request is handled: no new one.
        page = self.post("/my/privacy/delete/request", {},
                         csrf_from="/my/privacy/delete")
        self.assertIn("already confirmed", page.text)
        self.assertEqual(self.env["lotus.privacy.request"].sudo().search_count(
            [("partner_id", "=", self.partner_a.id),
             ("request_type", "=", "erasure")]), 1)
        # Expired (a new request, once the first one is closed; the rate
        # limit of one mail per 15 minutes is lifted for the test).
        req.sudo().write({"state": "rejected"})
        self.env["ir.config_parameter"].sudo().set_param(
            "lotus_gdpr.erasure_rate_minutes", "0")
        self.post("/my/privacy/delete/request", {},
                  csrf_from="/my/privacy/delete")
        link = self.last_link("alice@example.nl")
        self.env["lotus.portal.token"].sudo().search(
            [], order="id desc", limit=1).write({
                "expiry": fields.Datetime.to_string(
                    datetime.utcnow() - timedelta(minutes=1))})
        page = self.url_open(link)
        self.assertEqual(page.status_code, 410)
        self.assertIn("lotus_token_expired", page.text)

    def test_erasure_preview_from_anonymizer(self):
        """P28: with the anonymisation engine, "Delete my account" lists
        per kind of data, in the categories of the processing register,
        what is removed and what is kept, and why; never field labels."""
        if "lotus.anonymizer" not in self.env:
            self.skipTest("the anonymisation engine is not installed")
        self.login(self.user_a, "alice-portal-pw")
        page = self.url_open("/my/privacy/delete")
        self.assertEqual(page.status_code, 200)
        self.assertIn("lotus_erasure_preview", page.text)
        self.assertIn("Your details", page.text)
        self.assertIn("Identity, Contact details, Address", page.text)
        for label in ("Credit Limit", "Color Index", "Commercial Entity",
                      "Kanban State"):
            self.assertNotIn(label, page.text)

    def test_erasure_preview_says_until_when(self):
        """P27: P28: a record a retention term keeps is listed with the
        date the term ends and the term's plain words; what names the
        customer stays until then at the latest."""
        partner = self.partner_a.sudo()
        term = self.env.ref("lotus_gdpr.retention_term_customer_account")
        Partner = type(self.env["res.partner"])
        with mock.patch.object(
                Partner, "_lotus_erasure_term", autospec=True,
                side_effect=lambda recs: ("customer_account", "create_date")):
            rows = self.env["lotus.portal.privacy"].with_context(
                lang="en_US")._lotus_erasure_preview(partner)
        details = [r for r in rows if r["model"] == "res.partner"][0]
        self.assertEqual(details["erase"], 0)
        kept = details["kept"][0]
        self.assertEqual(kept["until"], fields.Date.from_string(
            partner.create_date[:10]) + relativedelta(years=3))
        self.assertIn("then anonymised", kept["text"])
        self.assertIn(term._lotus_customer_reason(), kept["text"])


class TestPortalDutch(TransactionCase):

    def test_portal_strings_have_dutch(self):
        """P28: every message of the portal, the sign-up and the links has a
        Dutch translation in i18n/nl.po."""
        path = get_module_path("lotus_gdpr")
        with open(os.path.join(path, "i18n", "nl.po"), "rb") as po:
            translated = {row[3] for row in PoFile(po) if row[4]}
        missing, checked = [], 0
        for name in ("controllers/portal.py", "models/lotus_portal_token.py",
                     "models/lotus_portal_privacy.py",
                     "models/lotus_newsletter_signup.py"):
            with open(os.path.join(path, name)) as source:
                tree = ast.parse(source.read())
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and
                        getattr(node.func, "id", None) == "_" and
                        node.args and isinstance(node.args[0], ast.Str)):
                    checked += 1
                    if node.args[0].s not in translated:
                        missing.append(node.args[0].s)
        self.assertGreater(checked, 15)
        self.assertEqual(missing, [])
