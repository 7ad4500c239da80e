# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LotusSubjectCase, confirmation_token, make_activity


class TestConsent(LotusSubjectCase):

    def test_double_opt_in_pending_until_confirmed(self):
        """P20: a newsletter consent is valid only once confirmed through the
        link mailed to the partner's address."""
        consent = self.Consent.lotus_give(
            self.anna, self.newsletter, "web",
            {"ip_address": "192.0.2.7", "user_agent": "Firefox/99"})
        self.assertEqual(consent.lotus_state, "pending")
        self.assertFalse(consent.accepted)
        self.assertFalse(self.anna._lotus_marketing_allowed(self.newsletter))
        mail = self.env["mail.mail"].search(
            [("email_to", "=", "anna@lotus.test")], order="id desc", limit=1)
        self.assertIn("/privacy/consent/confirm/", mail.body_html)
        self.assertIn("Yes, send me the newsletter.", mail.body_html)
        token = confirmation_token(self.env, self.anna)
        # Stored hashed only
        self.assertFalse(self.env["lotus.consent.token"].sudo().search(
            [("token_hash", "=", token)]))
        # The clear token is in no chatter message of the consent
        self.assertFalse(consent.message_ids.filtered(
            lambda m: token in (m.body or "")))
        status, confirmed = self.Consent._lotus_confirm_token(
            token, {"ip_address": "192.0.2.8", "user_agent": "Firefox/99"})
        self.assertEqual(status, "ok")
        self.assertEqual(confirmed, consent)
        self.assertEqual(consent.lotus_state, "given")
        self.assertTrue(consent.accepted)
        self.assertEqual(self.anna._lotus_marketing_allowed(self.newsletter),
                         self.anna)
        # Single use
        self.assertEqual(self.Consent._lotus_confirm_token(token)[0], "used")

    def test_proof_records_text_version_channel_ip(self):
        """P20: each event records when, how, IP, user agent and the exact
        consent text and its version."""
        consent = self.Consent.lotus_give(
            self.anna, self.offers, "portal",
            {"ip_address": "198.51.100.4", "user_agent": "Safari/17"})
        self.assertEqual(consent.lotus_state, "given")
        event = consent.lotus_event_ids
        self.assertEqual(len(event), 1)
        self.assertEqual(event.event_type, "given")
        self.assertEqual(event.channel, "portal")
        self.assertEqual(event.ip_address, "198.51.100.4")
        self.assertEqual(event.user_agent, "Safari/17")
        self.assertEqual(event.consent_text, "Send me offers.")
        self.assertEqual(event.consent_version, "o1")
        self.assertTrue(event.date)
        # A new text needs a new version; old proofs keep the old text
        with self.assertRaises(ValidationError):
            self.offers.write({"lotus_consent_text": "Other text"})
        self.offers.write({"lotus_consent_text": "Other text",
                           "lotus_consent_version": "o2"})
        self.assertEqual(event.consent_text, "Send me offers.")

    def test_history_is_append_only(self):
        """P20: the history of a consent is never edited, even by admin."""
        consent = self.Consent.lotus_give(self.anna, self.offers, "phone")
        event = consent.lotus_event_ids
        with self.assertRaises(UserError):
            event.write({"channel": "web"})
        with self.assertRaises(UserError):
            event.unlink()
        with self.assertRaises(UserError):
            event.sudo(self.users["officer"]).write({"ip_address": "1.2.3.4"})
        with self.assertRaises(UserError):
            event.sudo(self.users["officer"]).write({"ip_address": False})
        with self.assertRaises(UserError):
            event.sudo().write({"channel": "web"})
        # Only the erasure of the IP address and user agent by the engine
        event.sudo().write({"ip_address": False, "user_agent": False})

    def test_withdraw_one_action_immediate(self):
        """P20: withdrawal is one action and takes effect at once."""
        consent = self.give_confirmed(self.anna)
        self.assertTrue(self.anna._lotus_marketing_allowed(self.newsletter))
        consent.sudo(self.users["privacy_user"]).action_withdraw()
        self.assertEqual(consent.lotus_state, "withdrawn")
        self.assertFalse(consent.accepted)
        self.assertTrue(consent.lotus_withdrawn_date)
        self.assertFalse(self.anna._lotus_marketing_allowed(self.newsletter))
        self.assertEqual(
            consent.lotus_event_ids.mapped("event_type"),
            ["withdrawn", "confirmed", "confirmation_sent", "given"])
        self.assertEqual(consent.lotus_event_ids[0].user_id,
                         self.users["privacy_user"])

    def test_withdraw_invalidates_open_link(self):
        """P20: a confirmation link stops working once consent is withdrawn."""
        consent = self.Consent.lotus_give(self.anna, self.newsletter, "web")
        token = confirmation_token(self.env, self.anna)
        consent.action_withdraw()
        self.assertEqual(self.Consent._lotus_confirm_token(token)[0], "used")
        self.assertEqual(consent.lotus_state, "withdrawn")

    def test_link_expires(self):
        """P20: confirmation links expire (default 48 hours)."""
        consent = self.Consent.lotus_give(self.anna, self.newsletter, "web")
        token = consent.env["lotus.consent.token"].sudo().search(
            [("consent_id", "=", consent.id)], limit=1)
        expected = datetime.utcnow() + timedelta(hours=48)
        expires = fields.Datetime.from_string(token.expires)
        self.assertLess(abs((expires - expected).total_seconds()), 120)
        # The link as mailed, then time passes
        clear = confirmation_token(self.env, self.anna)
        token.expires = fields.Datetime.to_string(
            datetime.utcnow() - timedelta(minutes=1))
        self.assertEqual(self.Consent._lotus_confirm_token(clear)[0], "expired")
        self.assertEqual(consent.lotus_state, "pending")
        self.assertEqual(self.Consent._lotus_confirm_token("nonsense")[0],
                         "invalid")

    def test_oca_accepted_flag_follows_state(self):
        """P20: OCA's accepted flag and server actions stay in sync: a
        direct write goes through our path and is recorded."""
        consent = self.Consent.lotus_find_or_create(self.anna, self.offers)
        consent.write({"accepted": True})
        self.assertEqual(consent.lotus_state, "given")
        consent.write({"accepted": False})
        self.assertEqual(consent.lotus_state, "withdrawn")
        self.assertEqual(consent.lotus_event_ids.mapped("event_type"),
                         ["withdrawn", "given"])
        # One consent per partner and activity (OCA's constraint kept)
        self.assertEqual(
            self.Consent.lotus_find_or_create(self.anna, self.offers), consent)

    def test_accepted_by_default_is_no_consent_given(self):
        """P20: a consent OCA creates "accepted by default" (an opt-out
        activity, asked by OCA's mail) keeps OCA's assumption in
        ``accepted`` but is no consent given: it stays requested, with no
        event in the proof, until the subject answers."""
        opt_out = make_activity(
            self.env, "Test product support follow-up",
            lotus_marketing=False, lotus_double_opt_in=False,
            consent_required="auto", default_consent=True,
            subject_domain=repr([("id", "=", self.anna.id)]))
        opt_out.action_new_consents()
        consent = opt_out.consent_ids
        self.assertEqual(len(consent), 1)
        self.assertTrue(consent.accepted)
        self.assertEqual(consent.state, "draft")
        self.assertEqual(consent.lotus_state, "requested")
        self.assertFalse(consent.lotus_event_ids)
        self.assertFalse(consent.lotus_given_date)
        # The subject's answer is the consent, with its proof
        consent.with_context(subject_answering=True).write(
            {"accepted": True})
        self.assertEqual(consent.lotus_state, "given")
        self.assertEqual(consent.lotus_event_ids.mapped("event_type"),
                         ["given"])

    def test_staff_creating_an_accepted_consent_record_an_answer(self):
        """P20: staff who create a consent ticked "accepted" go through
        the same path as the button: a double opt-in consent waits for
        its confirmation, and the proof names the channel."""
        consent = self.Consent.sudo(self.users["privacy_user"]).create({
            "partner_id": self.lukas.id,
            "activity_id": self.newsletter.id,
            "accepted": True,
        })
        self.assertEqual(consent.lotus_state, "pending")
        self.assertFalse(consent.accepted)
        self.assertEqual(
            consent.lotus_event_ids.mapped("event_type"),
            ["confirmation_sent", "given"])
        self.assertEqual(consent.lotus_event_ids[-1].channel, "backoffice")
        self.assertFalse(self.lukas._lotus_marketing_allowed(self.newsletter))

    def test_marketing_activity_cannot_default_to_accepted(self):
        """P20: marketing consent must be given actively."""
        with self.assertRaises(ValidationError):
            self.newsletter.default_consent = True

    def test_no_email_no_double_opt_in(self):
        partner = self.env["res.partner"].create({"name": "No Mail"})
        with self.assertRaises(UserError):
            self.Consent.lotus_give(partner, self.newsletter, "phone")

    def test_access(self):
        """P20: salespeople cannot read or change consents; privacy users can
        record and withdraw them."""
        consent = self.Consent.lotus_give(self.anna, self.offers, "web")
        with self.assertRaises(AccessError):
            consent.sudo(self.users["salesman"]).read(["lotus_state"])
        with self.assertRaises(AccessError):
            consent.sudo(self.users["salesman"]).action_withdraw()
        with self.assertRaises(AccessError):
            consent.lotus_event_ids.sudo(self.users["salesman"]).read(
                ["ip_address"])
        consent.sudo(self.users["privacy_user"]).action_withdraw()
        self.assertEqual(consent.lotus_state, "withdrawn")
        # Salespeople see the state on the partner form, read-only
        anna = self.anna.sudo(self.users["salesman"])
        self.assertEqual(anna.lotus_newsletter_state, "none")
        self.give_confirmed(self.anna)
        anna.invalidate_cache()
        self.assertEqual(anna.lotus_newsletter_state, "given")
        self.assertIn("Test offers by mail", anna.lotus_consent_summary)
