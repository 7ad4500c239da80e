# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import secrets
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.tools import consteq


def hash_token(token):
    """SHA-256 of a token: what the database keeps instead of the token."""
    return hashlib.sha256((token or "").encode("utf-8")).hexdigest()


class LotusPortalToken(models.Model):
    """A one-time link sent by e-mail to confirm a portal action.

    Only the SHA-256 of the token is stored: a copy of the database does
    not give working links. A token expires and can be used once."""

    _name = "lotus.portal.token"
    _description = "Single-use confirmation link"
    _order = "id desc"

    purpose = fields.Selection(
        [("erasure", "Confirm account deletion")],
        required=True, readonly=True, index=True)
    token_hash = fields.Char(required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", readonly=True, index=True,
        ondelete="cascade")
    res_model = fields.Char("Model", readonly=True)
    res_id = fields.Integer("Record ID", readonly=True)
    expiry = fields.Datetime(required=True, readonly=True, index=True)
    used_date = fields.Datetime("Used on", readonly=True)

    @api.model
    def _lotus_validity_hours(self, purpose):
        param = "lotus_gdpr.%s_token_hours" % purpose
        value = self.env["ir.config_parameter"].sudo().get_param(param, "48")
        try:
            return max(1, int(value))
        except ValueError:
            return 48

    @api.model
    def _lotus_issue(self, purpose, record, partner):
        """Create a token for ``record``; return the token in clear.

        The clear token exists only in the returned value (the mail)."""
        return self._lotus_create(purpose, record, partner)._lotus_mail_token()

    @api.model
    def _lotus_create(self, purpose, record, partner):
        """The token record of a link that its mail makes when it is sent
        (``_lotus_mail_token``); until then no secret matches it."""
        return self.sudo().create({
            "purpose": purpose,
            "token_hash": hash_token(secrets.token_urlsafe(32)),
            "partner_id": partner.id,
            "res_model": record._name,
            "res_id": record.id,
            "expiry": fields.Datetime.now(),
        })

    @api.multi
    def _lotus_mail_token(self):
        """A new secret for this link, made when its mail is sent (see
        mail.mail): returned in clear, stored as its hash, valid from now."""
        self.ensure_one()
        clear = secrets.token_urlsafe(32)
        expiry = datetime.utcnow() + timedelta(
            hours=self._lotus_validity_hours(self.purpose))
        self.sudo().write({"token_hash": hash_token(clear),
                           "expiry": fields.Datetime.to_string(expiry)})
        return clear

    @api.model
    def _lotus_find(self, purpose, token):
        """Return (token record, problem) for a token from a link.

        problem is False, "invalid", "expired" or "used"."""
        digest = hash_token(token)
        found = self.sudo().search([
            ("purpose", "=", purpose), ("token_hash", "=", digest)], limit=1)
        if not found or not consteq(found.token_hash, digest):
            return self.browse(), "invalid"
        if found.used_date:
            return found, "used"
        if found.expiry < fields.Datetime.now():
            return found, "expired"
        return found, False

    @api.multi
    def _lotus_consume(self):
        """Mark the token as used (single use). Returns the target record."""
        self.ensure_one()
        # Row lock: two clicks at once cannot both consume the token.
        self.env.cr.execute(
            "SELECT used_date FROM lotus_portal_token WHERE id = %s "
            "FOR UPDATE", (self.id,))
        row = self.env.cr.fetchone()
        if row and row[0]:
            return False
        self.sudo().write({"used_date": fields.Datetime.now()})
        return self.env[self.res_model].sudo().browse(self.res_id).exists()

    @api.model
    def _lotus_gc(self):
        """Scheduled: remove tokens expired more than a week ago."""
        limit = fields.Datetime.to_string(
            datetime.utcnow() - timedelta(days=7))
        self.sudo().search([("expiry", "<", limit)]).unlink()
        return True

    @api.model
    def _lotus_problem_message(self, problem):
        return {
            "invalid": _("This link is not valid. Check that you opened the "
                         "complete link from the e-mail."),
            "expired": _("This link has expired. Please start again from "
                         "your account to receive a new link."),
            "used": _("This link has already been used. Each link works "
                      "only once."),
        }.get(problem, "")
