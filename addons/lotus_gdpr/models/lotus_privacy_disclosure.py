# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .privacy_activity import LEGAL_GROUNDS

# What record_disclosure() records besides recipient, purpose and fields.
DETAIL_FIELDS = ("legal_reference", "request_date", "data_category_ids",
                 "confidential", "confidential_reason")

_logger = logging.getLogger(__name__)


class _NotCommitted(Exception):
    """The records of a disclosure are not committed yet."""


class LotusPrivacyDisclosure(models.Model):
    """Personal data that left the system: to whom, for what, which
    fields of which records (P8, P22, P24, P32).

    Records are only created by ``record_disclosure()``; they are read-only
    in the web client and nobody edits or deletes them through the ORM."""

    _name = "lotus.privacy.disclosure"
    _description = "Disclosure of personal data"
    _order = "id desc"
    recipient_id = fields.Many2one(
        "lotus.privacy.recipient", required=True, readonly=True,
        ondelete="restrict", index=True)
    recipient_kind = fields.Selection(
        related="recipient_id.kind", store=True, readonly=True,
        string="Recipient kind")
    activity_id = fields.Many2one(
        "privacy.activity", "Purpose", required=True, readonly=True,
        ondelete="restrict", index=True)
    legal_ground = fields.Selection(
        LEGAL_GROUNDS, readonly=True,
        help="Legal ground of the purpose at the time of the disclosure.")
    res_model = fields.Char("Model", required=True, readonly=True, index=True)
    res_ids = fields.Char("Record IDs", readonly=True)
    record_count = fields.Integer("Records", readonly=True)
    partner_ids = fields.Many2many(
        "res.partner", "lotus_privacy_disclosure_partner_rel",
        "disclosure_id", "partner_id", string="Data subjects", readonly=True)
    field_names = fields.Char("Fields", readonly=True)
    reference = fields.Char(
        readonly=True,
        help="Shipment, payment or case reference; required for a "
             "disclosure to an authority (the order or request number).")
    user_id = fields.Many2one("res.users", "Disclosed by", readonly=True,
                              default=lambda self: self.env.uid)
    outside_eea = fields.Boolean(
        "Outside the EEA", readonly=True,
        help="The recipient was established outside the EEA at the time.")
    legal_reference = fields.Char(
        readonly=True,
        help="The provision of law that obliges the disclosure (for a "
             "disclosure to an authority).")
    request_date = fields.Date(
        readonly=True, help="Date of the authority's request.")
    data_category_ids = fields.Many2many(
        "lotus.privacy.data.category", "lotus_privacy_disclosure_category_rel",
        "disclosure_id", "category_id", string="Data categories",
        readonly=True)
    confidential = fields.Boolean(
        readonly=True,
        help="The authority asked that the data subject is not told (e.g. "
             "a criminal investigation): the disclosure is left out of the "
             "data subject's access export.")
    confidential_reason = fields.Text(
        "Why confidential", readonly=True,
        groups="lotus_gdpr.group_privacy_user")

    @api.multi
    def name_get(self):
        return [(d.id, _("Disclosure %s") % d.id) for d in self]

    @api.model
    def _lotus_list_action(self, domain):
        """The Disclosures list (menu action), showing ``domain``: the
        smart buttons of a recipient and of a contact."""
        action = self.env.ref(
            "lotus_gdpr.action_lotus_privacy_disclosure").read()[0]
        action.update(domain=domain, context={})
        return action

    @api.model
    def _lotus_subjects_of(self, records):
        """The data subjects (res.partner) of ``records``."""
        Partner = self.env["res.partner"]
        if records._name == "res.partner":
            return records
        if hasattr(records, "_lotus_subject_field"):
            field = records._lotus_subject_field()
            if field in records._fields and \
                    records._fields[field].comodel_name == "res.partner":
                return records.sudo().mapped(field).with_env(self.env)
        if "partner_id" in records._fields and \
                records._fields["partner_id"].comodel_name == "res.partner":
            return records.sudo().mapped("partner_id").with_env(self.env)
        return Partner

    @api.model
    def record_disclosure(self, recipient, records, field_names, activity,
                          reference=None, partners=None, legal_ground=None,
                          details=None):
        """Record that ``field_names`` of ``records`` go to ``recipient``
        for ``activity``. Every addon calls this before personal data
        leaves the system.

        Raises UserError, and records nothing, when:

        * the recipient is not registered for that purpose (P22, P24);
        * the recipient is an authority and the purpose's legal ground is
          not 'legal obligation', or no reference is given (P32);
        * a data subject's processing is restricted (GDPR art. 18) and the
          recipient is not essential.

        ``partners`` are the data subjects; by default they are derived
        from ``records`` (the subject field of a registered model).
        ``legal_ground``, when given, is the ground the caller relies on
        (e.g. 'legal_obligation' for a demand of the police): it must be
        the purpose's registered ground.
        ``details`` adds what a disclosure to an authority records besides:
        a dict with keys among ``DETAIL_FIELDS`` (legal reference, request
        date, data categories, confidential with its reason).
        Returns the new ``lotus.privacy.disclosure``.

        Called by the flows of employees (and in superuser mode), never by
        a portal customer: the disclosure register is the shop's."""
        if self.env.uid != SUPERUSER_ID and \
                not self.env.user.has_group("base.group_user"):
            raise AccessError(_("Only the shop's own flows record a "
                                "disclosure of personal data."))
        recipient = recipient.sudo()
        activity = activity.sudo()
        recipient.ensure_one()
        activity.ensure_one()
        field_names = sorted(set(field_names or []))
        details = dict(details or {})
        unknown = set(details) - set(DETAIL_FIELDS)
        if unknown:
            raise UserError(_("A disclosure does not record %s.")
                            % ", ".join(sorted(unknown)))
        if details.get("confidential") and not (
                details.get("confidential_reason") or "").strip():
            raise UserError(_(
                "A confidential disclosure needs the reason why the data "
                "subject is not told (e.g. the authority's order)."))
        if not field_names:
            raise UserError(_(
                "No fields named for the disclosure to %s: list the fields "
                "that leave the system.") % recipient.name)
        if not recipient._lotus_allows(activity):
            raise UserError(_(
                "%s is not a registered recipient for '%s': personal data "
                "is not disclosed. Register it under Privacy > Register > "
                "Recipients first.") % (recipient.name, activity.name))
        if legal_ground and legal_ground != activity.lotus_legal_ground:
            grounds = dict(self.env["privacy.activity"]._fields[
                "lotus_legal_ground"]._description_selection(self.env))
            raise UserError(_(
                "The disclosure relies on the legal ground '%s', but the "
                "purpose '%s' is registered with '%s'. Choose the purpose "
                "registered for that ground.") % (
                    grounds.get(legal_ground, legal_ground), activity.name,
                    grounds.get(activity.lotus_legal_ground, "-")))
        reference = (reference or "").strip()
        if recipient.kind == "authority":
            if not activity._lotus_is_legal_obligation():
                raise UserError(_(
                    "A disclosure to the authority %s needs a purpose with "
                    "the legal ground 'Legal obligation'; '%s' has another "
                    "ground. Choose the right purpose.") % (
                        recipient.name, activity.name))
            if not reference:
                raise UserError(_(
                    "A disclosure to the authority %s needs a reference "
                    "(the authority's request or case number): fill in "
                    "the field 'Reference'.") % recipient.name)
        if partners is None:
            partners = self._lotus_subjects_of(records)
        partners = partners.sudo()
        if not recipient.essential:
            subjects = partners | partners.mapped("commercial_partner_id")
            restricted = subjects.filtered("lotus_restricted")
            if restricted:
                raise UserError(_(
                    "The processing of %d data subject(s) is restricted: "
                    "their personal data goes only to essential recipients, "
                    "and %s is not one. Lift the restriction first or leave "
                    "them out.") % (len(restricted), recipient.name))
        disclosure = self.sudo().create(dict(details, **{
            "recipient_id": recipient.id,
            "activity_id": activity.id,
            "legal_ground": activity.lotus_legal_ground,
            "res_model": records._name,
            "res_ids": ",".join(str(i) for i in records.ids),
            "record_count": len(records),
            "partner_ids": [(6, 0, partners.ids)],
            "field_names": ", ".join(field_names),
            "reference": reference or False,
            "outside_eea": not recipient.is_eea,
            "user_id": self.env.uid,
        }))
        note = "disclosure #%d to recipient #%d (%s) for activity #%d" % (
            disclosure.id, recipient.id, recipient.kind, activity.id)
        if disclosure.confidential:
            note += "; confidential, left out of the access export: %s" % (
                details["confidential_reason"].strip())
        self.env["lotus.audit.log"]._log(
            "disclosure", records, field_names, note=note)
        # The caller (a shipment, a payment) may not read disclosures
        # itself: it gets the record as recorded, in superuser mode.
        return disclosure

    @api.model
    def _lotus_record_sent(self, recipient, records, field_names, activity,
                           **kwargs):
        """Record a disclosure whose data has already left the system (a
        carrier accepted the shipment): ``record_disclosure()`` in a
        transaction of its own, committed at once. The caller's
        transaction may still roll back after this (the next delivery of
        the same validation is refused, a later step fails), and the
        record of data that is gone must stay (P8).

        When the independent transaction cannot record it (the records
        or data subjects were created in the caller's transaction and are
        not committed yet, or a row it needs is locked), the disclosure is
        recorded in the caller's transaction, as ``record_disclosure()``
        does. A refusal of ``record_disclosure()`` (UserError,
        AccessError) is raised as it is. Returns the disclosure, readable
        in the caller's transaction."""
        try:
            with self.pool.cursor() as cr:
                # Never wait on the caller's own transaction: it waits on
                # this one.
                cr.execute("SET LOCAL lock_timeout = '2s'")
                env = api.Environment(cr, self.env.uid, self.env.context)
                committed = records.with_env(env)
                if len(committed.exists()) != len(records):
                    raise _NotCommitted()
                own = dict(kwargs)
                if own.get("partners") is not None:
                    own["partners"] = own["partners"].with_env(env)
                disclosure_id = env[self._name].record_disclosure(
                    recipient.with_env(env), committed, field_names,
                    activity.with_env(env), **own).id
        except (psycopg2.Error, _NotCommitted) as error:
            _logger.info("disclosure to recipient #%s recorded in the "
                         "caller's transaction (%s)", recipient.id,
                         error.__class__.__name__)
            return self.record_disclosure(recipient, records, field_names,
                                          activity, **kwargs)
        return self.sudo().browse(disclosure_id)

    @api.multi
    def write(self, vals):
        raise UserError(_("A disclosure is a record of what happened: it "
                          "cannot be changed."))

    @api.multi
    def unlink(self):
        raise UserError(_("A disclosure is a record of what happened: it "
                          "cannot be deleted."))
