# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import secrets
from datetime import datetime, timedelta

from odoo import api, fields, models
from odoo.tools import consteq


def _hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class LotusConsentToken(models.Model):
    """A link mailed to a subject (confirm, accept or reject a consent).

    Only the sha256 of the random token is stored; a token expires after
    the activity's link validity and can be used once."""

    _name = "lotus.consent.token"
    _description = "Consent link token"
    _order = "id desc"
    _rec_name = "purpose"

    consent_id = fields.Many2one(
        "privacy.consent", required=True, index=True, ondelete="cascade")
    purpose = fields.Selection([
        ("confirm", "Confirm"),
        ("accept", "Accept"),
        ("reject", "Reject"),
    ], required=True)
    token_hash = fields.Char(required=True, index=True, copy=False)
    expires = fields.Datetime(required=True)
    used_on = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("token_hash_unique", "UNIQUE(token_hash)", "Token already exists."),
    ]

    @api.model
    def _lotus_issue(self, consent, purpose):
        """Create a token for ``consent`` and return it in clear (the only
        time it exists in clear: it goes into the mail, never the DB)."""
        return self._lotus_create(consent, purpose)[1]

    @api.model
    def _lotus_create(self, consent, purpose):
        """(token record, clear token) for ``consent``."""
        token = self.sudo().create({
            "consent_id": consent.id,
            "purpose": purpose,
            "token_hash": _hash(secrets.token_urlsafe(32)),
            "expires": fields.Datetime.now(),
        })
        return token, token._lotus_mail_token()

    @api.multi
    def _lotus_mail_token(self):
        """A new secret for this link, made when its mail is sent (see
        mail.mail): returned in clear, stored as its hash, valid from now
        for the activity's link validity."""
        self.ensure_one()
        clear = secrets.token_urlsafe(32)
        hours = self.consent_id.activity_id.lotus_link_validity or 48
        self.sudo().write({
            "token_hash": _hash(clear),
            "expires": fields.Datetime.to_string(
                datetime.utcnow() + timedelta(hours=hours)),
        })
        return clear

    @api.model
    def _lotus_check(self, token, purposes, consent_id=None, lock=False):
        """Return ``(status, token_record)``, status in ``ok``,
        ``expired``, ``used``, ``invalid``. Does not consume the token;
        with ``lock``, the token's row stays locked until the transaction
        ends, so that two clicks at once answer once (the second sees the
        token used)."""
        if not token or len(token) > 200:
            return "invalid", self.browse()
        digest = _hash(token)
        domain = [("purpose", "in", list(purposes))]
        if consent_id:
            # Candidates of one consent, compared in constant time
            domain.append(("consent_id", "=", consent_id))
        else:
            domain.append(("token_hash", "=", digest))
        found = self.browse()
        for candidate in self.sudo().search(domain):
            if consteq(candidate.token_hash, digest):
                found = candidate
                break
        if not found:
            return "invalid", found
        if lock:
            self.env.cr.execute(
                "SELECT id FROM lotus_consent_token WHERE id = %s FOR UPDATE",
                (found.id,))
            found.invalidate_cache()
        if found.used_on:
            return "used", found
        if found.expires < fields.Datetime.now():
            return "expired", found
        return "ok", found

    @api.multi
    def _lotus_use(self):
        self.sudo().write({"used_on": fields.Datetime.now()})
