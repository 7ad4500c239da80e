# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq, single_email_re

from .lotus_portal_token import hash_token


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
        value = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_gdpr.%s" % name, str(default))
        try:
            return int(value)
        except ValueError:
            return default

    @api.model
    def _lotus_rate_limited(self, email_hash):
        """True when a mail went to this address too recently: at most one
        per ``newsletter_rate_minutes`` (15) and ``newsletter_rate_per_day``
        (3) per 24 hours."""
        now = datetime.utcnow()
        minutes = self._lotus_param_int("newsletter_rate_minutes", 15)
        per_day = self._lotus_param_int("newsletter_rate_per_day", 3)
        base = [("email_hash", "=", email_hash), ("mail_sent", "=", True)]
        recent = fields.Datetime.to_string(now - timedelta(minutes=minutes))
        if self.sudo().search_count(base + [("create_date", ">=", recent)]):
            return True
        day = fields.Datetime.to_string(now - timedelta(days=1))
        return self.sudo().search_count(
            base + [("create_date", ">=", day)]) >= per_day

    # ------------------------------------------------------------ API
    @api.model
    def lotus_request_signup(self, email, lang=None):
        """Start a sign-up. Returns True when a mail was sent, False when
        the rate limit held it back. The caller answers the visitor the
        same way in both cases (no account enumeration)."""
        email = self._lotus_normalize_email(email)
        email_hash = self._lotus_email_hash(email)
        if self._lotus_rate_limited(email_hash):
            return False
        token = secrets.token_urlsafe(32)
        hours = self._lotus_param_int("newsletter_token_hours", 48)
        signup = self.sudo().create({
            "email": email,
            "email_hash": email_hash,
            "token_hash": hash_token(token),
            "expiry": fields.Datetime.to_string(
                datetime.utcnow() + timedelta(hours=max(1, hours))),
            "lang": lang or False,
            "mail_sent": True,
        })
        signup._lotus_send_confirmation(token)
        self.env["lotus.audit.log"].log(
            "newsletter_signup_requested", signup)
        return True

    @api.multi
    def _lotus_send_confirmation(self, token):
        self.ensure_one()
        base = self.env["ir.config_parameter"].sudo().get_param(
            "web.base.url", "")
        template = self.env.ref(
            "lotus_gdpr.mail_template_newsletter_signup_confirm")
        template.sudo().with_context(
            lang=self.lang or None,
            confirm_url="%s/newsletter/confirm/%s" % (base, token),
        ).send_mail(self.id, force_send=False)

    @api.model
    def lotus_find(self, token):
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
    def lotus_confirm(self, proof=None):
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
        partner = Partner.search(
            [("email", "=ilike", signup.email)], order="id", limit=1)
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
        self.env["lotus.audit.log"].log(
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
