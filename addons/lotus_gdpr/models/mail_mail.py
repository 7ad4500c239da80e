# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Single-use links are put into a mail when it is sent, never before.

A mail that carries a link (consent confirmation, erasure confirmation,
newsletter sign-up) is queued with ``TOKEN_PLACEHOLDER`` where the secret
goes, and names the record that issues it (``lotus_link_model``,
``lotus_link_res_id``). The sending step asks that record for a fresh
token (its ``_lotus_mail_token()``, which stores only the hash) and puts it
into the outgoing message only: the queue, the chatter copy and a mail
that failed and waits for a retry hold no live link, whoever reads them.
"""
from odoo import api, fields, models

TOKEN_PLACEHOLDER = "__lotus_token__"
# Context marker set by _send() only: an object, which no RPC call can send.
_SENDING = object()


class MailMail(models.Model):
    _inherit = "mail.mail"

    lotus_link_model = fields.Char(
        "Link issued by", readonly=True,
        help="Model whose record issues the single-use link of this mail "
             "when it is sent.")
    lotus_link_res_id = fields.Integer("Link record", readonly=True)

    @api.multi
    def _send(self, auto_commit=False, raise_exception=False,
              smtp_session=None):
        return super(MailMail, self.with_context(lotus_mail_sending=_SENDING))\
            ._send(auto_commit=auto_commit, raise_exception=raise_exception,
                   smtp_session=smtp_session)

    @api.multi
    def send_get_mail_body(self, partner=None):
        # Links are made only while sending: Odoo's public method, called
        # through RPC, renders the body as queued, without a live link
        # (OCA privacy_consent makes its accept/reject links here too).
        sending = self.env.context.get("lotus_mail_sending") is _SENDING
        if not sending and self.model == "privacy.consent":
            self.ensure_one()
            return self.body_html or ""
        body = super(MailMail, self).send_get_mail_body(partner=partner)
        if sending and self.lotus_link_model and TOKEN_PLACEHOLDER in body:
            body = body.replace(TOKEN_PLACEHOLDER, self._lotus_token())
        return body

    @api.multi
    def _lotus_sent_body(self, partner=None):
        """The body as it leaves for ``partner`` (tests and previews in
        code): with a fresh link in place of the placeholder."""
        return self.with_context(lotus_mail_sending=_SENDING) \
            .send_get_mail_body(partner=partner)

    @api.multi
    def _lotus_token(self):
        self.ensure_one()
        if self.lotus_link_model not in self.env:
            return ""
        record = self.env[self.lotus_link_model].sudo().browse(
            self.lotus_link_res_id).exists()
        return record._lotus_mail_token() if record else ""

    @api.model
    def _lotus_link_values(self, record):
        """``email_values`` of a queued mail whose link ``record`` issues."""
        return {"lotus_link_model": record._name,
                "lotus_link_res_id": record.id}
