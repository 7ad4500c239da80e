# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq, single_email_re
from odoo.tools.sql import escape_psql

from .lotus_portal_token import hash_token
from .mail_mail import TOKEN_PLACEHOLDER


class LotusNewsletterSignup(models.Model):
    """A newsletter sign-up from the public page, waiting for its
    confirmation (double opt-in, P20).

    Nothing here is a consent: the consent is recorded on the partner only
    when the link of the confirmation mail is opened and confirmed. The
    row keeps a keyed hash of the address (for the rate limit), the hash
    of the token and the expiry; the address itself only until it is
    confirmed or has expired (it is needed to create the subscriber)."""

    _name = "lotus.newsletter.signup"
    _inherit = ["lotus.personal.data.mixin"]
    _description = "Pending newsletter sign-up"
    _order = "id desc"

    email = fields.Char(
        readonly=True, help="Erased at confirmation or expiry.")
    email_hash = fields.Char(required=True, readonly=True, index=True)
    ip_hash = fields.Char(
        readonly=True, index=True,
        help="Keyed hash of the visitor's IP address (rate limit).")
    token_hash = fields.Char(required=True, readonly=True, index=True)
    expiry = fields.Datetime(required=True, readonly=True, index=True)
    mail_sent = fields.Boolean(readonly=True)
    confirmed_date = fields.Datetime(readonly=True)
    partner_id = fields.Many2one(
        "res.partner", "Subscriber", readonly=True, ondelete="set null")
    lang = fields.Char(readonly=True)

    # ------------------------------------------------------------ helpers
    @api.model
    def _lotus_normalize_email(self, email):
        email = (email or "").strip().lower()
        if not email or len(email) > 254 or not single_email_re.match(email):
            raise UserError(_("Email address: please enter a valid e-mail "
                              "address, such as name@example.com."))
        return email

    @api.model
    def _lotus_email_hash(self, email):
        """Keyed hash of an address: equal for equal addresses, useless
        without the database secret."""
        secret = self.env["ir.config_parameter"].sudo().get_param(
            "database.secret", "")
        return hmac.new(secret.encode("utf-8"), email.encode("utf-8"),
                        hashlib.sha256).hexdigest()

    @api.model
    def _lotus_param_int(self, name, default):
        return self.env["lotus.portal.privacy"]._lotus_param_int(
            name, default)

    @api.model
    def _lotus_rate_limited(self, email_hash, ip_hash=None):
        """True when the sign-up may not send a mail now: a mail went to
        this address too recently (at most one per
        ``newsletter_rate_minutes`` (15) and ``newsletter_rate_per_day`` (3)
        per 24 hours), this visitor's IP address asked for
        ``newsletter_rate_per_ip_per_hour`` (5) in the last hour, or the
        page sent ``newsletter_rate_global_per_hour`` (200) mails in the
        last hour (a visitor trying many addresses from many places)."""
        minutes = self._lotus_param_int("newsletter_rate_minutes", 15)
        per_day = self._lotus_param_int("newsletter_rate_per_day", 3)
        sent = [("mail_sent", "=", True)]
        limits = [
            (sent + [("email_hash", "=", email_hash)], minutes, 1),
            (sent + [("email_hash", "=", email_hash)], 24 * 60, per_day),
            (sent, 60, self._lotus_param_int(
                "newsletter_rate_global_per_hour", 200)),
        ]
        if ip_hash:
            limits.append((sent + [("ip_hash", "=", ip_hash)], 60,
                           self._lotus_param_int(
                               "newsletter_rate_per_ip_per_hour", 5)))
        return self.env["lotus.portal.privacy"]._lotus_rate_exceeded(
            self, limits)

    # ------------------------------------------------------------ API
    @api.model
    def _lotus_request_signup(self, email, lang=None, ip_address=None):
        """Start a sign-up. Returns True when a mail was sent, False when
        the rate limit held it back. The caller answers the visitor the
        same way in both cases (no account enumeration)."""
        email = self._lotus_normalize_email(email)
        email_hash = self._lotus_email_hash(email)
        ip_hash = ip_address and self._lotus_email_hash(
            "ip:%s" % ip_address)
        if self._lotus_rate_limited(email_hash, ip_hash):
            return False
        signup = self.sudo().create({
            "email": email,
            "email_hash": email_hash,
            "ip_hash": ip_hash or False,
            # The secret is made when the mail leaves (_lotus_mail_token)
            "token_hash": hash_token(secrets.token_urlsafe(32)),
            "expiry": self._lotus_token_expiry(),
            "lang": lang or False,
            "mail_sent": True,
        })
        signup._lotus_send_confirmation()
        self.env["lotus.audit.log"]._log(
            "newsletter_signup_requested", signup)
        return True

    @api.multi
    def _lotus_send_confirmation(self):
        self.ensure_one()
        base = self.env["ir.config_parameter"].sudo().get_param(
            "web.base.url", "")
        template = self.env.ref(
            "lotus_gdpr.mail_template_newsletter_signup_confirm")
        template.sudo().with_context(
            lang=self.lang or None,
            confirm_url="%s/newsletter/confirm/%s" % (base, TOKEN_PLACEHOLDER),
        ).send_mail(self.id, force_send=False, email_values=self.env[
            "mail.mail"]._lotus_link_values(self))

    @api.multi
    def _lotus_mail_token(self):
        """A new secret for the link, made when the mail is sent (see
        mail.mail): stored as its hash, valid from now."""
        self.ensure_one()
        clear = secrets.token_urlsafe(32)
        self.sudo().write({"token_hash": hash_token(clear),
                           "expiry": self._lotus_token_expiry()})
        return clear

    @api.model
    def _lotus_token_expiry(self):
        hours = self._lotus_param_int("newsletter_token_hours", 48)
        return fields.Datetime.to_string(
            datetime.utcnow() + timedelta(hours=max(1, hours)))

    @api.model
    def _lotus_find(self, token):
        """(signup, problem) for a token; problem is False, "invalid",
        "expired" or "used"."""
        digest = hash_token(token)
        signup = self.sudo().search([("token_hash", "=", digest)], limit=1)
        if not signup or not consteq(signup.token_hash, digest):
            return self.browse(), "invalid"
        if signup.confirmed_date:
            return signup, "used"
        if signup.expiry < fields.Datetime.now() or not signup.email:
            return signup, "expired"
        return signup, False

    @api.multi
    def _lotus_confirm(self, proof=None):
        """Record the consent (the only place where it happens) and burn
        the token. Returns the subscriber partner."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT confirmed_date FROM lotus_newsletter_signup "
            "WHERE id = %s FOR UPDATE", (self.id,))
        row = self.env.cr.fetchone()
        if row and row[0]:
            raise UserError(_("This link has already been used. Each link "
                              "works only once."))
        signup = self.sudo()
        newsletter = self.env["privacy.activity"].sudo()._lotus_newsletter()
        if not newsletter:
            raise UserError(_("The newsletter is not available."))
        Partner = self.env["res.partner"].sudo()
        # =ilike is a pattern: "_" and "%" of the address must match
        # themselves (j_smith@ is not j.smith@)
        partner = Partner.search(
            [("email", "=ilike", escape_psql(signup.email))],
            order="id", limit=1)
        if not partner:
            partner = Partner.create({
                "name": signup.email.split("@")[0],
                "email": signup.email,
                "lang": signup.lang or False,
            })
        if partner.lotus_marketing_objection:
            raise UserError(_(
                "This address objected to all marketing earlier. Log in to "
                "your account and lift the objection on the privacy page, "
                "or write to us, to receive the newsletter."))
        consent = self.env["privacy.consent"].sudo() \
            .lotus_find_or_create(partner, newsletter).sudo()
        if consent.lotus_state != "given":
            proof = dict(proof or {})
            # Given on the sign-up page, confirmed from the mailbox now.
            consent._lotus_event("given", "web", dict(
                proof, note=_("Public newsletter sign-up page")))
            consent._lotus_event("confirmed", "email", dict(
                proof, note=_("Double opt-in: confirmation link opened")))
            consent._lotus_set_state("given")
        signup.write({
            "confirmed_date": fields.Datetime.now(),
            "partner_id": partner.id,
            "email": False,
        })
        self.env["lotus.audit.log"]._log(
            "newsletter_signup_confirmed", partner)
        return partner

    @api.model
    def _lotus_gc(self):
        """Scheduled: forget addresses of expired sign-ups at once. The
        rows themselves go when the retention term ``newsletter_signup``
        ends (the scheduled action *apply retention terms*)."""
        now = fields.Datetime.now()
        self.sudo().search([("expiry", "<", now), ("email", "!=", False)]) \
            .write({"email": False})
        return True

    # Privacy engine declarations: the term newsletter_signup deletes a
    # sign-up (confirmed ones keep no address: the consent is the proof).
    @api.model
    def _lotus_personal_fields(self):
        return {"email": "blank"}

    @api.model
    def _lotus_export_fields(self):
        return ["create_date", "confirmed_date"]

    @api.model
    def _lotus_customer_label(self):
        return _("Your newsletter sign-ups")

    @api.model
    def _lotus_data_categories(self):
        return ["contact", "preferences"]

    @api.model
    def _lotus_retention_category(self):
        return "newsletter_signup"

    @api.model
    def _lotus_retention_date_field(self):
        return "create_date"

    @api.model
    def _lotus_delete_on_erasure(self):
        return True

    @api.multi
    def _lotus_retention_expired_ids(self, term):
        # Most sign-ups name no partner yet: no legal hold to look up.
        return self.sudo().search([
            ("create_date", "<",
             fields.Datetime.to_string(term._lotus_cutoff()))],
            order="id").ids
