# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

from .lotus_consent_event import CHANNELS
from .mail_mail import TOKEN_PLACEHOLDER

INTERNAL = "lotus_consent_internal"


class PrivacyConsent(models.Model):
    """OCA keeps one consent per partner and activity; we add its state,
    the proof of every event (``lotus.consent.event``) and the double
    opt-in of newsletters (P20). ``accepted`` follows our state so that
    OCA's server actions (e.g. opt-out sync) keep working, with one
    exception: a consent OCA creates "accepted by default" (an opt-out
    activity, never marketing: ``privacy.activity`` refuses that) keeps
    ``accepted`` as OCA's assumption while our state stays *requested*
    until the subject answers. Only an answer of the subject (or staff
    recording one, with its channel) is a given consent with proof."""

    _inherit = "privacy.consent"

    lotus_state = fields.Selection([
        ("requested", "Requested"),
        ("pending", "Pending confirmation"),
        ("given", "Given"),
        ("withdrawn", "Withdrawn"),
    ], "Consent state", default="requested", required=True, readonly=True,
        index=True, track_visibility="onchange",
        help="Requested: asked, no answer yet. Pending confirmation: given, "
             "waiting for the subject to confirm through the mailed link. "
             "Given: valid consent. Withdrawn: refused, withdrawn or "
             "objected to.")
    lotus_given_date = fields.Datetime("Given on", readonly=True)
    lotus_withdrawn_date = fields.Datetime("Withdrawn on", readonly=True)
    lotus_channel = fields.Selection(
        CHANNELS, "Last channel", readonly=True)
    lotus_event_ids = fields.One2many(
        "lotus.consent.event", "consent_id", "History", readonly=True)
    lotus_marketing = fields.Boolean(
        related="activity_id.lotus_marketing", readonly=True)

    # ------------------------------------------------------------------
    # Keep OCA's entry points on our single path
    # ------------------------------------------------------------------
    @api.model
    def _lotus_internal(self):
        """The engine's own writes: superuser mode that says so (the context
        key alone, which any RPC call can send, grants nothing)."""
        return self.env.uid == SUPERUSER_ID and \
            bool(self.env.context.get(INTERNAL))

    @api.model
    def create(self, vals):
        if not self._lotus_internal():
            self._lotus_check_state_vals(vals)
        consent = super(PrivacyConsent, self).create(vals)
        if consent.accepted and not self._lotus_internal() and \
                not consent.activity_id.default_consent:
            # Staff who create a consent ticked "accepted" record an
            # answer: the path of the button, with its proof, double
            # opt-in and the objection check.
            consent.action_give()
        # OCA "accepted by default" (an activity with default_consent, as
        # OCA's action_new_consents and its cron create them) is an
        # assumption until the subject answers, not a consent given: it
        # stays a draft that OCA's notification mail asks about, our state
        # *requested*, and no "given" event enters the proof (P20).
        return consent

    @api.model
    def _lotus_check_state_vals(self, vals):
        """The state and its dates change only with an event of the proof
        (action_give, action_withdraw, the links): never by a write."""
        proof_fields = {"lotus_state", "lotus_given_date",
                        "lotus_withdrawn_date", "lotus_channel"}
        if proof_fields & set(vals):
            raise UserError(_(
                "The state of a consent changes only with its proof: use "
                "the buttons (give, withdraw) or the customer's answer."))

    @api.multi
    def write(self, vals):
        internal = self._lotus_internal()
        if not internal:
            self._lotus_check_state_vals(vals)
        if "accepted" in vals and not internal:
            vals = dict(vals)
            accepted = vals.pop("accepted")
            result = super(PrivacyConsent, self).write(vals) if vals else True
            channel = ("email" if self.env.context.get("subject_answering")
                       else self.env.context.get("lotus_channel", "backoffice"))
            for consent in self:
                if accepted:
                    consent.action_give(channel=channel)
                elif consent.lotus_state != "withdrawn":
                    consent.action_withdraw(channel=channel)
            return result
        return super(PrivacyConsent, self).write(vals)

    @api.multi
    def _lotus_set_state(self, state):
        now = fields.Datetime.now()
        vals = {"lotus_state": state, "accepted": state == "given"}
        if state == "given":
            vals.update(lotus_given_date=now, lotus_withdrawn_date=False,
                        state="answered")
        elif state == "withdrawn":
            vals.update(lotus_withdrawn_date=now, state="answered")
        elif state == "pending":
            vals.update(state="sent")
        self.with_context(**{INTERNAL: True}).sudo().write(vals)

    @api.multi
    def _lotus_event(self, event_type, channel, proof=None, note=None):
        proof = proof or {}
        Event = self.env["lotus.consent.event"].sudo()
        for consent in self:
            Event.create({
                "consent_id": consent.id,
                "partner_id": consent.partner_id.id,
                "activity_id": consent.activity_id.id,
                "event_type": event_type,
                "channel": channel,
                "ip_address": proof.get("ip_address") or False,
                "user_agent": (proof.get("user_agent") or "")[:500] or False,
                "note": note or proof.get("note") or False,
                "user_id": self.env.context.get("lotus_actor", self.env.uid),
            })
        self.with_context(**{INTERNAL: True}).sudo().write(
            {"lotus_channel": channel})

    # ------------------------------------------------------------------
    # The consent API (web shop, portal, back office, mail links)
    # ------------------------------------------------------------------
    @api.model
    def lotus_find_or_create(self, partner, activity):
        """The consent of ``partner`` for ``activity`` (created when
        missing). Staff with write access to consents, or code that
        checked the customer and runs in superuser mode."""
        self._lotus_check_write()
        consent = self.sudo().with_context(active_test=False).search([
            ("partner_id", "=", partner.id),
            ("activity_id", "=", activity.id)], limit=1)
        if not consent:
            consent = self.sudo().with_context(**{INTERNAL: True}).create({
                "partner_id": partner.id,
                "activity_id": activity.id,
                "accepted": False,
            })
        elif not consent.active:
            consent.active = True
        return self.browse(consent.id)

    @api.model
    def lotus_give(self, partner, activity, channel, proof=None):
        """Record that ``partner`` gives consent for ``activity`` through
        ``channel`` with ``proof`` (``ip_address``, ``user_agent``,
        ``note``). Double opt-in activities become valid only once the
        link mailed to the partner is followed."""
        self._lotus_check_write()
        consent = self.lotus_find_or_create(partner, activity)
        consent.action_give(channel=channel, proof=proof)
        return consent

    @api.multi
    def action_give(self, channel=None, proof=None):
        channel = channel or self.env.context.get("lotus_channel", "backoffice")
        self._lotus_check_write()
        for consent in self._lotus_sudo():
            partner = consent.partner_id
            activity = consent.activity_id
            if activity.lotus_marketing and partner.lotus_marketing_objection:
                raise UserError(_(
                    "%s objected to marketing: no marketing consent can be "
                    "recorded. Lift the objection first (partner form, "
                    "Privacy tab) when the customer asks for it.")
                    % partner.display_name)
            if consent.lotus_state == "given":
                continue
            if activity.lotus_double_opt_in and not partner.email:
                raise UserError(_(
                    "%s has no e-mail address: '%s' needs a confirmation "
                    "by e-mail. Fill in the e-mail address first.")
                    % (partner.display_name, activity.name))
            consent._lotus_event("given", channel, proof)
            if activity.lotus_double_opt_in:
                consent._lotus_set_state("pending")
                consent._lotus_send_confirmation()
            else:
                consent._lotus_set_state("given")
        return True

    @api.multi
    def action_withdraw(self, channel=None, proof=None, event_type="withdrawn"):
        """Withdraw consent: one action, effective at once. Open links of
        the consent stop working."""
        channel = channel or self.env.context.get("lotus_channel", "backoffice")
        self._lotus_check_write()
        for consent in self._lotus_sudo():
            consent._lotus_event(event_type, channel, proof)
            consent._lotus_set_state("withdrawn")
            consent._lotus_expire_tokens()
        return True

    @api.multi
    def _lotus_check_write(self):
        """Staff need write access to consents (privacy users); the web
        shop and the portal call these methods in sudo after checking
        that the consent is the customer's own."""
        self.check_access_rights("write")
        self.check_access_rule("write")

    @api.multi
    def _lotus_sudo(self):
        """sudo() that remembers who acted, for the proof."""
        return self.sudo().with_context(
            lotus_actor=self.env.context.get("lotus_actor", self.env.uid))

    @api.multi
    def action_resend_confirmation(self):
        self._lotus_check_write()
        for consent in self._lotus_sudo():
            if consent.lotus_state != "pending":
                raise UserError(_(
                    "Only a consent pending confirmation can be sent a new "
                    "confirmation link (%s is '%s').") % (
                    consent.partner_id.display_name,
                    dict(self._fields["lotus_state"].selection)[
                        consent.lotus_state]))
            consent._lotus_expire_tokens()
            consent._lotus_send_confirmation()
        return True

    @api.multi
    def _lotus_expire_tokens(self):
        self.env["lotus.consent.token"].sudo().search([
            ("consent_id", "in", self.ids), ("used_on", "=", False),
        ])._lotus_use()

    @api.multi
    def _lotus_send_confirmation(self):
        """Mail a single-use, expiring confirmation link to the partner."""
        template = self.env.ref("lotus_gdpr.mail_template_consent_confirmation")
        Token = self.env["lotus.consent.token"].sudo()
        base_url = self.env["ir.config_parameter"].sudo().get_param(
            "web.base.url")
        Mail = self.env["mail.mail"].sudo()
        for consent in self.sudo():
            consent._lotus_check_mail_rate()
            token = Token._lotus_create(consent, "confirm")[0]
            # The secret is made when the mail leaves (see mail.mail)
            url = "%s/privacy/consent/confirm/%s?db=%s" % (
                base_url, TOKEN_PLACEHOLDER, self.env.cr.dbname)
            values = template.with_context(
                lang=consent.partner_id.lang or self.env.lang,
                lotus_confirm_url=url,
            ).generate_email(token.id, fields=[
                "subject", "body_html", "email_from", "reply_to"])
            # Sent outside the consent's chatter, so that nobody reading
            # the consent can confirm on the subject's behalf.
            Mail.create(dict(Mail._lotus_link_values(token), **{
                "subject": values.get("subject"),
                "body_html": values.get("body_html"),
                "email_from": values.get("email_from"),
                "reply_to": values.get("reply_to"),
                "email_to": consent.partner_id.email,
                "auto_delete": True,
            }))
            consent._lotus_event("confirmation_sent", "email")

    @api.multi
    def _lotus_check_mail_rate(self):
        """No mail bombing through the confirmation mails: at most
        ``consent_mail_per_day`` (5) per person a day and
        ``consent_mail_global_per_hour`` (300) in all per hour."""
        privacy = self.env["lotus.portal.privacy"]
        Token = self.env["lotus.consent.token"]
        base = [("purpose", "=", "confirm")]
        if privacy._lotus_rate_exceeded(Token, [
                (base + [("consent_id.partner_id", "=", self.partner_id.id)],
                 24 * 60, privacy._lotus_param_int(
                     "consent_mail_per_day", 5)),
                (base, 60, privacy._lotus_param_int(
                    "consent_mail_global_per_hour", 300))]):
            raise UserError(_(
                "Too many confirmation mails were sent to %s recently. "
                "Please try again tomorrow.") % self.partner_id.display_name)

    # ------------------------------------------------------------------
    # Links answered by the subject
    # ------------------------------------------------------------------
    @api.model
    def _lotus_confirm_token(self, token, proof=None):
        """Double opt-in link. Returns ``(status, consent)``; status in
        ``ok``, ``expired``, ``used``, ``invalid``."""
        status, tok = self.env["lotus.consent.token"]._lotus_check(
            token, ["confirm"], lock=True)
        consent = tok.consent_id._lotus_sudo()
        if status != "ok":
            return status, consent
        tok._lotus_use()
        if consent.lotus_state != "pending":
            return "used", consent
        consent._lotus_event("confirmed", "email", proof)
        consent._lotus_set_state("given")
        return "ok", consent

    @api.model
    def _lotus_renew_token(self, token):
        """An expired confirmation link asks for a new one: mailed to the
        address we hold (never to one given by the visitor), once per
        expired link. Returns ``renewed`` or ``invalid``."""
        status, tok = self.env["lotus.consent.token"]._lotus_check(
            token, ["confirm"])
        consent = tok.consent_id._lotus_sudo()
        if status != "expired" or consent.lotus_state != "pending":
            return "invalid"
        try:
            consent._lotus_check_mail_rate()
        except UserError:
            return "invalid"
        tok._lotus_use()
        consent._lotus_expire_tokens()
        consent._lotus_send_confirmation()
        return "renewed"

    @api.model
    def _lotus_answer_token(self, consent_id, choice, token, proof=None):
        """Accept/reject link of OCA's consent request mail."""
        status, tok = self.env["lotus.consent.token"]._lotus_check(
            token, [choice], consent_id=consent_id, lock=True)
        consent = tok.consent_id._lotus_sudo()
        if status != "ok":
            return status, consent
        tok._lotus_use()
        if choice == "accept":
            if consent.lotus_state != "given":
                consent._lotus_event("given", "email", proof)
                if consent.activity_id.lotus_double_opt_in:
                    # The link came from the mailbox: the address is proven
                    consent._lotus_event("confirmed", "email", proof)
                consent._lotus_set_state("given")
        elif consent.lotus_state != "withdrawn":
            consent.action_withdraw(channel="email", proof=proof)
        return "ok", consent

    def _url(self, accept):
        """OCA's answer links, now random, single-use and expiring."""
        token = self.env["lotus.consent.token"]._lotus_issue(
            self, "accept" if accept else "reject")
        return "/privacy/consent/{}/{}/{}?db={}".format(
            "accept" if accept else "reject", self.id, token,
            self.env.cr.dbname)
