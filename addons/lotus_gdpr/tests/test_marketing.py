# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LotusSubjectCase


class TestMarketing(LotusSubjectCase):

    @classmethod
    def setUpClass(cls):
        super(TestMarketing, cls).setUpClass()
        Partner = cls.env["res.partner"]
        cls.piet = Partner.create({"name": "Piet Test", "email": "piet@lotus.test"})
        cls.noconsent = Partner.create({"name": "Nina Noconsent",
                                        "email": "nina@lotus.test"})
        for partner in (cls.anna, cls.lukas, cls.piet):
            cls.give_confirmed(partner)
        cls.give_confirmed(cls.anna, cls.offers)
        cls.partners = cls.anna | cls.lukas | cls.piet | cls.noconsent
        cls.mailing_list = cls.env["mail.mass_mailing.list"].create(
            {"name": "Lotus test list"})
        Contact = cls.env["mail.mass_mailing.contact"]
        cls.contacts = Contact.browse()
        for email in ("anna@lotus.test", "lukas@lotus.test", "piet@lotus.test",
                      "nina@lotus.test", "stranger@lotus.test"):
            cls.contacts |= Contact.create({
                "name": email, "email": email,
                "list_ids": [(4, cls.mailing_list.id)]})

    def _mailing(self, to_list=False):
        values = {
            "name": "Lotus news",
            "body_html": "<p>News</p>",
            "reply_to_mode": "email",
            "keep_archives": True,
            "lotus_activity_id": self.newsletter.id,
        }
        if to_list:
            values.update({
                "mailing_model_id": self.env.ref(
                    "mass_mailing.model_mail_mass_mailing_list").id,
                "contact_list_ids": [(6, 0, self.mailing_list.ids)],
                "mailing_domain": repr([("list_ids", "in", self.mailing_list.ids),
                                        ("opt_out", "=", False)]),
            })
        else:
            values.update({
                "mailing_model_id": self.env.ref("base.model_res_partner").id,
                "mailing_domain": repr([("id", "in", self.partners.ids)]),
            })
        return self.env["mail.mass_mailing"].create(values)

    def test_list_contacts_as_target_model(self):
        """P20, P29: a mailing whose target is the list contacts themselves
        is filtered on the mail that goes out, like one to a list."""
        mailing = self._mailing()
        mailing.write({
            "mailing_model_id": self.env.ref(
                "mass_mailing.model_mail_mass_mailing_contact").id,
            "mailing_domain": repr([("id", "in", self.contacts.ids)])})
        self.anna.action_object_to_marketing()
        self.assertEqual(self._sent_to(mailing), {
            "lukas@lotus.test", "piet@lotus.test"})

    def test_unresolvable_target_refused(self):
        """P20: a model whose records lead to no contact or address is
        refused as the target of a mailing, with the reason."""
        with self.assertRaisesRegex(ValidationError, "cannot be the target"):
            self._mailing().mailing_model_id = self.env.ref(
                "base.model_res_country")

    def _sent_to(self, mailing):
        mailing.send_mail()
        mails = self.env["mail.mail"].search([
            ("mailing_id", "=", mailing.id), ("state", "!=", "cancel")])
        return {e for e in mails.mapped("email_to") +
                mails.mapped("recipient_ids.email") if e}

    def test_mass_mailing_to_partners_needs_confirmed_consent(self):
        """P20: the newsletter reaches only partners with confirmed consent."""
        self.assertEqual(self._sent_to(self._mailing()), {
            "anna@lotus.test", "lukas@lotus.test", "piet@lotus.test"})

    def test_objection_stops_all_marketing(self):
        """P29: an objection withdraws every marketing consent at once, is
        recorded, and the next mass mailing skips the partner."""
        self.anna.sudo(self.users["privacy_user"]).action_object_to_marketing(
            channel="phone")
        consents = self.Consent.search([("partner_id", "=", self.anna.id)])
        self.assertEqual(consents.mapped("activity_id"),
                         self.newsletter | self.offers)
        self.assertEqual(set(consents.mapped("lotus_state")), {"withdrawn"})
        for consent in consents:
            last = consent.lotus_event_ids[0]
            self.assertEqual(last.event_type, "objection")
            self.assertEqual(last.channel, "phone")
        self.assertTrue(self.anna.lotus_marketing_objection)
        self.assertTrue(self.env["lotus.audit.log"].search([
            ("action", "=", "marketing_objection"),
            ("res_id", "=", self.anna.id)]))
        self.assertEqual(self._sent_to(self._mailing()), {
            "lukas@lotus.test", "piet@lotus.test"})
        # No new marketing consent while the objection stands
        with self.assertRaises(UserError):
            self.Consent.lotus_give(self.anna, self.newsletter, "web")

    def test_objection_without_any_consent_is_recorded(self):
        """P29: an objection is recorded even when no consent existed."""
        self.noconsent.action_object_to_marketing()
        consent = self.Consent.search([("partner_id", "=", self.noconsent.id)])
        self.assertEqual(consent.activity_id, self.env[
            "privacy.activity"]._lotus_newsletter())
        self.assertEqual(consent.lotus_event_ids.event_type, "objection")

    def test_mailing_list_skips_objecting_restricted_unconsented(self):
        """P29: a mailing list mailing skips the contacts whose address
        belongs to a partner who objects, is restricted or never confirmed,
        and a list contact unknown as partner: without a partner there is no
        proof of consent."""
        self.assertEqual(self._sent_to(self._mailing(to_list=True)), {
            "anna@lotus.test", "lukas@lotus.test", "piet@lotus.test"})
        self.anna.action_object_to_marketing()
        self.lukas.action_restrict("accuracy contested")
        self.assertEqual(self._sent_to(self._mailing(to_list=True)), {
            "piet@lotus.test"})
        # The objection also opts the list contact out, visibly
        self.assertTrue(self.contacts.filtered(
            lambda c: c.email == "anna@lotus.test").opt_out)

    def test_restricted_partner_gets_no_marketing(self):
        """P29: a restricted partner is not mailed for marketing."""
        self.piet.action_restrict("contests accuracy")
        self.assertEqual(self._sent_to(self._mailing()), {
            "anna@lotus.test", "lukas@lotus.test"})
        self.piet.action_lift_restriction("accuracy checked")
        self.assertEqual(self.piet._lotus_marketing_allowed(), self.piet)

    def test_explicit_recipients_are_filtered_too(self):
        """P29: send_mail with explicit ids applies the same rule."""
        self.anna.action_object_to_marketing()
        mailing = self._mailing()
        with self.assertRaises(UserError):
            mailing.send_mail(res_ids=[self.anna.id, self.noconsent.id])
        mailing.send_mail(res_ids=[self.anna.id, self.piet.id])
        mails = self.env["mail.mail"].search([("mailing_id", "=", mailing.id)])
        self.assertEqual(mails.mapped("recipient_ids"), self.piet)

    def test_marketing_allowed_search(self):
        """P29: the rule is one domain that staff can filter on."""
        self.lukas.action_object_to_marketing()
        found = self.env["res.partner"].search([
            ("id", "in", self.partners.ids),
            ("lotus_marketing_allowed", "=", True)])
        self.assertEqual(found, self.anna | self.piet)
        self.assertTrue(self.anna.lotus_marketing_allowed)
        self.assertFalse(self.lukas.lotus_marketing_allowed)
        self.assertFalse(self.noconsent.lotus_marketing_allowed)
        # The consent of another marketing activity does not count
        self.assertFalse(self.lukas._lotus_marketing_allowed(self.offers))

    def test_transactional_mail_unaffected(self):
        """P29: P19: an objecting, restricted partner still gets the mails
        of their order (transactional mail is not marketing)."""
        self.anna.action_object_to_marketing()
        self.anna.action_restrict("contests accuracy")
        message = self.anna.with_context(
            mail_notify_force_send=False).message_post(
            body="Your order S00042 is confirmed", partner_ids=self.anna.ids,
            message_type="comment", subtype="mail.mt_comment")
        notified = self.env["mail.mail"].search(
            [("mail_message_id", "=", message.id)])
        self.assertTrue(notified)
        self.assertNotEqual(notified.state, "cancel")

    def test_objection_access(self):
        """P29: a salesperson cannot record an objection or change the
        flag directly; a privacy user can, through the action."""
        with self.assertRaises(AccessError):
            self.piet.sudo(self.users["salesman"]).action_object_to_marketing()
        with self.assertRaises(UserError):
            self.piet.sudo(self.users["salesman"]).write(
                {"lotus_marketing_objection": True})
        self.piet.sudo(self.users["privacy_user"]).action_object_to_marketing()
        self.assertTrue(self.piet.lotus_marketing_objection)

    def test_unsubscribe_link_withdraws_consent(self):
        """P20: the unsubscribe link of a newsletter withdraws the consent
        at once: the next mailing skips the partner."""
        mailing = self._mailing()
        mailing.update_opt_out("Piet@lotus.test", self.piet.ids, True)
        consent = self.Consent.search([("partner_id", "=", self.piet.id),
                                       ("activity_id", "=", self.newsletter.id)])
        self.assertEqual(consent.lotus_state, "withdrawn")
        self.assertEqual((consent.lotus_event_ids[0].event_type,
                          consent.lotus_event_ids[0].channel),
                         ("withdrawn", "email"))
        self.assertEqual(self._sent_to(self._mailing()), {
            "anna@lotus.test", "lukas@lotus.test"})

    def test_portal_self_service_objection(self):
        """P29: a customer objects for themselves (portal); never for
        someone else, and cannot read the consent records directly."""
        portal = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Portal Piet", "login": "lt_portal_piet",
                "partner_id": self.piet.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        with self.assertRaises(AccessError):
            self.anna.sudo(portal).action_object_to_marketing(channel="portal")
        with self.assertRaises(AccessError):
            self.Consent.sudo(portal).search([]).read(["lotus_state"])
        self.piet.sudo(portal).action_object_to_marketing(channel="portal")
        self.assertTrue(self.piet.lotus_marketing_objection)
        self.assertFalse(self.anna.lotus_marketing_objection)
        consent = self.Consent.search([("partner_id", "=", self.piet.id)])
        self.assertEqual(consent.lotus_event_ids[0].user_id, portal)
        self.assertEqual(consent.lotus_event_ids[0].channel, "portal")
