# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime, timedelta

from werkzeug.urls import url_encode

from odoo import fields
from odoo.tests.common import HttpCase
from odoo.tools import config

from .common import confirmation_token, make_activity


class TestConsentLinks(HttpCase):
    """The links a subject follows from a mail, through the real HTTP
    stack (our controller overrides OCA's)."""

    def setUp(self):
        super(TestConsentLinks, self).setUp()
        # Share the cursor of the test server (odoo/odoo#12237, Odoo 11)
        self.env = self.env(self.cursor())
        self.newsletter = make_activity(self.env, "HTTP newsletter")
        self.partner = self.env["res.partner"].create({
            "name": "Link Tester", "email": "link.tester@lotus.test"})
        self.Consent = self.env["privacy.consent"]

    def _give(self):
        consent = self.Consent.lotus_give(self.partner, self.newsletter, "web")
        return consent, confirmation_token(self.env, self.partner)

    def _get(self, url, headers=None):
        # Let the server thread use the shared test cursor meanwhile (a
        # request ends with a rollback to the last simulated commit; a
        # TestCursor's commit only moves its savepoint)
        self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.cr.release()
        try:
            return self.opener.get("http://127.0.0.1:%s%s" % (
                config["http_port"], url), headers=headers or {}, timeout=20)
        finally:
            self.env.cr.acquire()

    def _post(self, url, data, headers=None):
        self.env.cr.commit()  # pylint: disable=invalid-commit
        self.env.cr.release()
        try:
            return self.opener.post("http://127.0.0.1:%s%s" % (
                config["http_port"], url), data=data, headers=headers or {},
                timeout=20)
        finally:
            self.env.cr.acquire()

    def _answer(self, url, headers=None):
        """Open a link as a person does: the page, then its button (a
        page without a button, e.g. an expired link, is the answer)."""
        page = self._get(url, headers)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        if page.status_code != 200 or not csrf or \
                "lotus_consent_answer" not in page.text:
            return page
        return self._post(url, {"csrf_token": csrf.group(1)}, headers)

    def test_opening_a_link_changes_nothing(self):
        """P20: a mail scanner that opens (GET) the confirmation or the
        accept/reject links records nothing: only the button does."""
        consent, token = self._give()
        page = self._get("/privacy/consent/confirm/%s" % token)
        self.assertEqual(page.status_code, 200)
        self.assertIn("lotus_consent_answer", page.text)
        activity = make_activity(self.env, "HTTP scanned offers",
                                 lotus_double_opt_in=False)
        offer = self.Consent.lotus_find_or_create(self.partner, activity)
        for url in (offer._url(True), offer._url(False)):
            self.assertEqual(self._get(url).status_code, 200)
        consent.invalidate_cache()
        offer.invalidate_cache()
        self.assertEqual(consent.lotus_state, "pending")
        self.assertEqual(offer.lotus_state, "requested")
        self.assertFalse(offer.lotus_event_ids)
        self.assertEqual(self._answer(
            "/privacy/consent/confirm/%s" % token).status_code, 200)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")

    def test_confirm_link_ok_then_used(self):
        """P20: the double opt-in link confirms once, with IP and user agent
        as proof; a second click shows 'already used' and changes nothing."""
        consent, token = self._give()
        response = self._answer("/privacy/consent/confirm/%s" % token,
                                {"User-Agent": "LotusTestBrowser/1.0"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("subscription is confirmed", response.text)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")
        self.assertTrue(consent.accepted)
        confirmed = consent.lotus_event_ids.filtered(
            lambda e: e.event_type == "confirmed")
        self.assertEqual(confirmed.channel, "email")
        self.assertEqual(confirmed.ip_address, "127.0.0.1")
        self.assertEqual(confirmed.user_agent, "LotusTestBrowser/1.0")
        self.assertEqual(confirmed.consent_version, "v1")
        again = self._answer("/privacy/consent/confirm/%s" % token)
        self.assertEqual(again.status_code, 410)
        self.assertIn("already been used", again.text)
        self.assertEqual(len(consent.lotus_event_ids.filtered(
            lambda e: e.event_type == "confirmed")), 1)

    def test_confirm_link_expired(self):
        """P20: an expired link is refused with a clear page."""
        consent, token = self._give()
        self.env["lotus.consent.token"].search(
            [("consent_id", "=", consent.id)]).write({
                "expires": fields.Datetime.to_string(
                    datetime.utcnow() - timedelta(hours=1))})
        response = self._answer("/privacy/consent/confirm/%s" % token)
        self.assertEqual(response.status_code, 410)
        self.assertIn("expired", response.text)
        self.assertNotIn("Link Tester", response.text)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "pending")
        # 'Send me a new link': mailed to the address we hold, once
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
        renew = "/privacy/consent/confirm/%s/renew" % token
        response = self._post(renew, {"csrf_token": csrf.group(1)})
        self.assertEqual(response.status_code, 200)
        self.assertIn("new link is on its way", response.text)
        new_token = confirmation_token(self.env, self.partner)
        self.assertNotEqual(new_token, token)
        self.assertEqual(self._post(renew, {
            "csrf_token": csrf.group(1)}).status_code, 404)
        self.assertEqual(self._answer(
            "/privacy/consent/confirm/%s" % new_token).status_code, 200)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")

    def test_confirm_link_invalid(self):
        response = self._answer("/privacy/consent/confirm/not-a-token")
        self.assertEqual(response.status_code, 404)
        self.assertIn("not valid", response.text)

    def test_ip_behind_proxy_only_in_proxy_mode(self):
        """P20: the IP comes from REMOTE_ADDR; X-Forwarded-For is used only
        when Odoo runs in proxy mode (OCA read REMOTE_ADDRESS, which WSGI
        never sets, so their proof never held an IP)."""
        headers = {"X-Forwarded-For": "203.0.113.9"}
        consent, token = self._give()
        self._answer("/privacy/consent/confirm/%s" % token, headers)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_event_ids[0].ip_address, "127.0.0.1")
        consent.action_withdraw()
        consent.action_give(channel="web")
        token = confirmation_token(self.env, self.partner)
        self.patch(type(config), "get", lambda self, key, default=None:
                   True if key == "proxy_mode"
                   else self.options.get(key, default))
        self._answer("/privacy/consent/confirm/%s" % token,
                     {"X-Forwarded-For": "10.0.0.1, 203.0.113.9"})
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")
        self.assertEqual(consent.lotus_event_ids[0].ip_address, "203.0.113.9")

    def test_oca_accept_reject_links_single_use(self):
        """P20: OCA's accept/reject links now carry our proof, work once
        and expire; OCA's old never-expiring HMAC token is refused."""
        activity = make_activity(self.env, "HTTP offers",
                                 lotus_double_opt_in=False)
        consent = self.Consent.lotus_find_or_create(self.partner, activity)
        legacy = "/privacy/consent/accept/%d/%s" % (consent.id, consent._token())
        response = self._answer(legacy)
        self.assertEqual(response.status_code, 404)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "requested")

        accept = consent._url(True)
        response = self._answer(accept, {"User-Agent": "LinkAgent"})
        self.assertEqual(response.status_code, 200)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")
        self.assertEqual(consent.lotus_event_ids[0].ip_address, "127.0.0.1")
        self.assertEqual(consent.lotus_event_ids[0].user_agent, "LinkAgent")
        self.assertEqual(self._answer(accept).status_code, 410)

        reject = consent._url(False)
        # A token of another consent, or of the other choice, is refused
        other = self.Consent.lotus_find_or_create(
            self.env["res.partner"].create({"name": "Other"}), activity)
        self.assertEqual(self._answer(reject.replace(
            "/%d/" % consent.id, "/%d/" % other.id)).status_code, 404)
        self.assertEqual(self._answer(reject.replace(
            "/reject/", "/accept/")).status_code, 404)
        response = self._answer(reject)
        self.assertEqual(response.status_code, 200)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "withdrawn")
        self.assertFalse(consent.accepted)

    def test_newsletter_unsubscribe_link_withdraws(self):
        """P20: one click on the unsubscribe link of a newsletter withdraws
        the consent at once, with the proof of the click."""
        consent, token = self._give()
        self._answer("/privacy/consent/confirm/%s" % token)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "given")
        mailing = self.env["mail.mass_mailing"].create({
            "name": "News", "reply_to_mode": "email", "body_html": "<p>x</p>",
            "mailing_model_id": self.env.ref("base.model_res_partner").id,
            "mailing_domain": repr([("id", "=", self.partner.id)]),
            "lotus_activity_id": self.newsletter.id,
        })
        email = self.partner.email
        url = "/mail/mailing/%d/unsubscribe?%s" % (mailing.id, url_encode({
            "db": self.env.cr.dbname, "res_id": self.partner.id,
            "email": email,
            "token": mailing._unsubscribe_token(self.partner.id, email)}))
        response = self._answer(url, {"User-Agent": "MailClient/2"})
        self.assertEqual(response.status_code, 200)
        consent.invalidate_cache()
        self.assertEqual(consent.lotus_state, "withdrawn")
        event = consent.lotus_event_ids[0]
        self.assertEqual((event.event_type, event.channel, event.ip_address,
                          event.user_agent),
                         ("withdrawn", "email", "127.0.0.1", "MailClient/2"))
