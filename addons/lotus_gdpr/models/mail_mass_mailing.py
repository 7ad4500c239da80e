# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request


class MailMassMailing(models.Model):
    """Mass mailings reach only those who may receive marketing (P20,
    P29): the rule lives in res.partner (_lotus_marketing_allowed and
    _lotus_marketing_blocked_emails); this class applies it to the
    recipients of every mailing, whatever model it targets."""

    _inherit = "mail.mass_mailing"

    lotus_activity_id = fields.Many2one(
        "privacy.activity", "Consent activity",
        domain=[("lotus_marketing", "=", True)],
        default=lambda self: self.env["privacy.activity"]._lotus_newsletter(),
        help="Recipients must have given (and confirmed) their consent for "
             "this activity. Partners who object to marketing or whose "
             "processing is restricted are always skipped.")

    @api.multi
    def _lotus_filter_recipients(self, res_ids):
        """Drop the ids of ``res_ids`` that may not receive this mailing."""
        self.ensure_one()
        if not res_ids:
            return res_ids
        activity = self.lotus_activity_id
        Partner = self.env["res.partner"].sudo()
        target = self.env[self.mailing_model_real].sudo()
        if target._name == "res.partner":
            allowed = set(Partner.browse(res_ids)._lotus_marketing_allowed(
                activity).ids)
            return [i for i in res_ids if i in allowed]
        mail_field = "email" if "email" in target._fields else (
            "email_from" if "email_from" in target._fields else None)
        if not mail_field:
            return res_ids
        self.env.cr.execute(
            "SELECT id, lower(substring(%s, '([^ ,;<@]+@[^> ,;]+)')) "
            "FROM %s WHERE id IN %%s" % (mail_field, target._table),
            [tuple(res_ids)])
        emails = dict(self.env.cr.fetchall())
        blocked = Partner._lotus_marketing_blocked_emails(
            {e for e in emails.values() if e}, activity)
        return [i for i in res_ids if emails.get(i) not in blocked]

    def get_recipients(self):
        res_ids = super(MailMassMailing, self).get_recipients()
        return self._lotus_filter_recipients(res_ids)

    def send_mail(self, res_ids=None):
        if not res_ids:
            return super(MailMassMailing, self).send_mail(res_ids)
        for mailing in self:
            allowed = mailing._lotus_filter_recipients(list(res_ids))
            if not allowed:
                raise UserError(_(
                    "None of the selected recipients may receive '%s': they "
                    "have no confirmed consent, object to marketing or their "
                    "processing is restricted.") % mailing.name)
            super(MailMassMailing, mailing).send_mail(allowed)
        return True

    def _get_blacklist(self):
        """Also skip, by address, partners who object or are restricted
        (a second guard at the moment each mail is composed)."""
        blacklist = set(super(MailMassMailing, self)._get_blacklist() or ())
        self.env.cr.execute(
            "SELECT DISTINCT lower(substring(email, '([^ ,;<@]+@[^> ,;]+)')) "
            "FROM res_partner WHERE email IS NOT NULL AND "
            "(lotus_marketing_objection IS TRUE OR lotus_restricted IS TRUE)")
        blacklist.update(row[0] for row in self.env.cr.fetchall() if row[0])
        return blacklist

    def update_opt_out(self, email, res_ids, value):
        """The unsubscribe link of a mailing withdraws the consent at once
        (P20: one click), with the proof of the click. The unsubscribe
        page calls it in superuser mode; over RPC only mass mailing users
        (who may change the mailing) withdraw consents by address."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        result = super(MailMassMailing, self).update_opt_out(
            email, res_ids, value)
        if value and email:
            self._lotus_withdraw_by_email(email)
        return result

    @api.multi
    def _lotus_withdraw_by_email(self, email):
        proof = {"note": "unsubscribe link of a mass mailing"}
        if request:
            from ..controllers.main import consent_proof
            proof.update(consent_proof())
        self.env.cr.execute(
            "SELECT id FROM res_partner WHERE "
            "lower(substring(email, '([^ ,;<@]+@[^> ,;]+)')) = %s",
            [email.strip().lower()])
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        for mailing in self:
            activity = mailing.lotus_activity_id or \
                self.env["privacy.activity"]._lotus_newsletter()
            consents = self.env["privacy.consent"].sudo().search([
                ("partner_id", "in", partner_ids),
                ("activity_id", "=", activity.id),
                ("lotus_state", "in", ("given", "pending"))])
            consents.action_withdraw(channel="email", proof=proof)
