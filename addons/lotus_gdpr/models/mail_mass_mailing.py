# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
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

    @api.model
    def _lotus_subject_resolver(self, model_name):
        """How a record of ``model_name`` leads to its data subject:
        ``(partner_field, email_field)``, either may be None; None when it
        leads nowhere. Registered personal models name their subject field
        to the engine (``_lotus_subject_field``); others are resolved by a
        stored ``partner_id`` or e-mail field."""
        Model = self.env[model_name]

        def stored(name, comodel=None):
            field = Model._fields.get(name)
            return bool(field and field.store and field.column_type and (
                comodel is None or field.comodel_name == comodel))

        if model_name == "res.partner":
            return ("id", None)
        Mixin = self.env["lotus.personal.data.mixin"]
        partner_field = Model._lotus_subject_field() \
            if model_name in Mixin._lotus_personal_models() else "partner_id"
        if not stored(partner_field, "res.partner"):
            partner_field = None
        email_field = next((name for name in ("email", "email_from")
                            if stored(name)), None)
        if not partner_field and not email_field:
            return None
        return (partner_field, email_field)

    @api.constrains("mailing_model_id")
    def _check_lotus_mailing_model(self):
        """A mailing goes only to records whose data subject is known: the
        consent, objection and restriction are the subject's."""
        for mailing in self:
            model = mailing.mailing_model_real
            if model and model in self.env \
                    and not self._lotus_subject_resolver(model):
                raise ValidationError(_(
                    "'%s' cannot be the target of a mailing: its records "
                    "lead to no contact or e-mail address, so consent and "
                    "objections cannot be checked. Choose contacts, a "
                    "mailing list or another model.") % (
                        self.env[model]._description or model))

    @api.multi
    def _lotus_filter_recipients(self, res_ids):
        """Drop the ids of ``res_ids`` that may not receive this mailing:
        each record is resolved to its data subject (a contact, or an
        e-mail address matched against the contacts) and kept only when
        the subject may receive marketing for the mailing's activity."""
        self.ensure_one()
        if not res_ids:
            return res_ids
        activity = self.lotus_activity_id
        Partner = self.env["res.partner"].sudo()
        target = self.env[self.mailing_model_real].sudo()
        resolver = self._lotus_subject_resolver(target._name)
        if not resolver:
            raise UserError(_(
                "'%s' cannot be the target of a mailing: its records lead "
                "to no contact or e-mail address, so consent and objections "
                "cannot be checked.") % (target._description or target._name))
        partner_field, email_field = resolver
        columns = ", ".join([
            '"%s"' % partner_field if partner_field else "NULL",
            "lower(substring(\"%s\", '([^ ,;<@]+@[^> ,;]+)'))" % email_field
            if email_field else "NULL"])
        # Identifiers come from the model's fields, not from input.
        self.env.cr.execute(  # pylint: disable=sql-injection
            'SELECT id, %s FROM "%s" WHERE id IN %%s' % (
                columns, target._table), [tuple(res_ids)])
        rows = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        partner_ids = {row[0] for row in rows.values() if row[0]}
        allowed = set(Partner.browse(list(partner_ids))
                      ._lotus_marketing_allowed(activity).ids)
        emails = {row[1] for row in rows.values() if not row[0] and row[1]}
        blocked = Partner._lotus_marketing_blocked_emails(
            emails, activity) if emails else set()
        kept = []
        for res_id in res_ids:
            partner_id, email = rows.get(res_id, (None, None))
            if partner_id:
                if partner_id in allowed:
                    kept.append(res_id)
            elif email and email not in blocked:
                kept.append(res_id)
        return kept

    def _get_seen_list(self):
        """Odoo reads the e-mail column of the target for the addresses
        already mailed; a target without one (sale orders) is mailed
        through its contact, so there is no address column to read, and
        the composer, which then sees no address per record, would take
        every record after the first for a duplicate: no seen list."""
        target = self.env[self.mailing_model_real]
        if "email" in target._fields or "email_from" in target._fields:
            return super(MailMassMailing, self)._get_seen_list()
        return None

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
