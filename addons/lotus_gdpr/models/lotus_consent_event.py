# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError

CHANNELS = [
    ("web", "Web shop"),
    ("portal", "Customer portal"),
    ("phone", "Phone"),
    ("backoffice", "Back office"),
    ("email", "E-mail link"),
]

EVENT_TYPES = [
    ("given", "Given"),
    ("confirmation_sent", "Confirmation link sent"),
    ("confirmed", "Confirmed"),
    ("withdrawn", "Withdrawn"),
    ("objection", "Objection to marketing"),
]

# Context key of the privacy engine (anonymisation, retention): the only
# writer allowed to blank personal fields of append-only records.
ENGINE_CONTEXT_KEY = "lotus_privacy_engine"


class LotusConsentEvent(models.Model):
    """Proof of consent (P20): one line per event in the life of a
    consent. Append-only: the ORM refuses to change or delete a line."""

    _name = "lotus.consent.event"
    _inherit = ["lotus.personal.data.mixin"]
    _description = "Consent event (proof of consent)"
    _order = "date desc, id desc"
    _rec_name = "event_type"

    consent_id = fields.Many2one(
        "privacy.consent", "Consent", required=True, readonly=True,
        index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", "Subject", required=True, readonly=True, index=True,
        ondelete="cascade")
    activity_id = fields.Many2one(
        "privacy.activity", "Activity", required=True, readonly=True,
        ondelete="cascade")
    event_type = fields.Selection(
        EVENT_TYPES, "Event", required=True, readonly=True)
    date = fields.Datetime(
        "When", required=True, readonly=True, default=fields.Datetime.now)
    channel = fields.Selection(
        CHANNELS, "How", required=True, readonly=True)
    ip_address = fields.Char("IP address", readonly=True)
    user_agent = fields.Char("User agent", readonly=True)
    consent_text = fields.Text(
        "Consent text shown", readonly=True,
        help="The exact text of the activity at the moment of the event.")
    consent_version = fields.Char("Consent text version", readonly=True)
    user_id = fields.Many2one(
        "res.users", "Recorded by", readonly=True,
        default=lambda self: self.env.uid)
    note = fields.Char(readonly=True)

    @api.model
    def create(self, vals):
        activity = self.env["privacy.activity"].browse(vals.get("activity_id"))
        if activity and "consent_text" not in vals:
            vals["consent_text"] = activity.lotus_consent_text or False
            vals["consent_version"] = activity.lotus_consent_version or False
        return super(LotusConsentEvent, self).create(vals)

    @api.multi
    def write(self, vals):
        # The only change ever made: the privacy engine (superuser mode, a
        # context key alone grants nothing) blanking the IP address and
        # user agent on erasure.
        personal = set(self._lotus_personal_fields())
        if self.env.uid == SUPERUSER_ID and vals and \
                set(vals) <= personal and not any(vals.values()):
            return super(LotusConsentEvent, self).write(vals)
        raise UserError(_("The consent history is the proof of consent and "
                          "cannot be changed. Record a new event instead "
                          "(e.g. withdraw the consent)."))

    @api.multi
    def unlink(self):
        # Only the retention engine deletes proof, once its term has ended
        # (consent_proof): as superuser, on its own path.
        if self.env.uid == SUPERUSER_ID and self.env.context.get(
                ENGINE_CONTEXT_KEY):
            return super(LotusConsentEvent, self).unlink()
        raise UserError(_("The consent history is the proof of consent and "
                          "cannot be deleted."))

    # Privacy engine declarations
    @api.model
    def _lotus_personal_fields(self):
        return {"ip_address": "blank", "user_agent": "blank"}

    @api.model
    def _lotus_activity_date_field(self):
        # Giving, confirming or withdrawing a consent is the subject's act.
        return "date"

    @api.model
    def _lotus_retention_category(self):
        return "consent_proof"

    @api.multi
    def _lotus_retention_expired_ids(self, term):
        """The proof outlives the consent by the term: every event of a
        consent withdrawn, or never confirmed (its request expired),
        before the cutoff. Events of a consent that is given are kept
        whatever their age. Under legal hold: kept."""
        self.env.cr.execute("""
            SELECT e.id FROM lotus_consent_event e
              JOIN privacy_consent c ON c.id = e.consent_id
              JOIN res_partner p ON p.id = e.partner_id
             WHERE p.lotus_legal_hold IS NOT TRUE
               AND (c.lotus_state = 'withdrawn'
                    AND c.lotus_withdrawn_date < %(cutoff)s
                    OR c.lotus_state IN ('requested', 'pending')
                    AND NOT EXISTS (
                        SELECT 1 FROM lotus_consent_event l
                         WHERE l.consent_id = c.id
                           AND l.date >= %(cutoff)s))
             ORDER BY e.id""", {"cutoff": term._lotus_cutoff()})
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _lotus_export_fields(self):
        # Exported with the consents (see res.partner export), not twice.
        return []

    @api.model
    def _lotus_customer_sequence(self):
        # The consents with this history come after the tickets.
        return 60

    @api.model
    def _lotus_customer_label(self):
        return _("Your consents")

    @api.multi
    def _lotus_customer_titles(self):
        events = dict(self._fields["event_type"]._description_selection(
            self.env))
        return {event.id: "%s: %s" % (event.activity_id.name,
                                      events.get(event.event_type))
                for event in self}

    @api.model
    def _lotus_data_categories(self):
        return ["preferences"]
