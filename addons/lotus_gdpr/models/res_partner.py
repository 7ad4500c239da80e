# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_split, html2plaintext, html_escape
from odoo.tools.sql import escape_psql

from .lotus_consent_event import CHANNELS, ENGINE_CONTEXT_KEY

# Privacy state: changed by officers, or by the engine and the actions
# below (in sudo with ENGINE_CONTEXT_KEY), never by a plain write.
PRIVACY_FIELDS = (
    "lotus_restricted", "lotus_restriction_reason",
    "lotus_marketing_objection", "lotus_legal_hold",
    "lotus_legal_hold_reason", "lotus_anonymized", "lotus_anonymized_date",
)
# Personal fields beyond the anonymisation rules that a restriction freezes
RESTRICTED_EXTRA_FIELDS = (
    "country_id", "state_id", "firstname", "lastname", "company_name",
    "parent_id", "lang",
)
# Commercial partners whose last activity is computed in one query.
ACTIVITY_CHUNK = 10000
EMAIL_SQL = "lower(substring(%s, '([^ ,;<@]+@[^> ,;]+)'))"


class ResPartner(models.Model):
    """The data subject: the partner itself holds personal data, and the
    privacy state that every addon checks before it processes it."""

    _name = "res.partner"
    _inherit = ["res.partner", "lotus.personal.data.mixin"]

    # Restriction of processing (GDPR art. 18)
    lotus_restricted = fields.Boolean(
        "Processing restricted", track_visibility="onchange",
        help="No marketing, no disclosure to non-essential recipients, "
             "edits by privacy officers only.")
    # The officer's reasons may tip off the subject of an investigation:
    # staff only, never the customer (portal, RPC).
    lotus_restriction_reason = fields.Char(
        "Restriction reason", groups="base.group_user")
    # Objection to marketing (P29)
    lotus_marketing_objection = fields.Boolean(
        "Objects to marketing", track_visibility="onchange",
        help="The customer objected to marketing: every marketing consent "
             "is withdrawn and no mass mailing reaches this partner.")
    # Legal hold: stops erasure and anonymisation (set by an officer)
    lotus_legal_hold = fields.Boolean("Legal hold", track_visibility="onchange")
    lotus_legal_hold_reason = fields.Char(
        "Legal hold reason", groups="base.group_user")
    # Set by the anonymisation engine
    lotus_anonymized = fields.Boolean("Anonymised", readonly=True, copy=False)
    lotus_anonymized_date = fields.Datetime(
        "Anonymised on", readonly=True, copy=False)

    # Read-only summary for every employee (salespeople cannot read
    # privacy.consent itself: it holds the proof, with IP addresses).
    lotus_newsletter_state = fields.Selection([
        ("none", "Not asked"),
        ("requested", "Requested"),
        ("pending", "Pending confirmation"),
        ("given", "Given"),
        ("withdrawn", "Withdrawn"),
    ], "Newsletter consent", compute="_compute_lotus_consent_summary")
    lotus_consent_summary = fields.Html(
        "Consents", compute="_compute_lotus_consent_summary", sanitize=False)
    lotus_marketing_allowed = fields.Boolean(
        "Marketing allowed", compute="_compute_lotus_marketing_allowed",
        search="_search_lotus_marketing_allowed",
        help="May receive the newsletter: confirmed consent, no objection, "
             "processing not restricted.")
    lotus_request_ids = fields.One2many(
        "lotus.privacy.request", "partner_id", "Privacy requests",
        groups="lotus_gdpr.group_privacy_user")

    # ------------------------------------------------------------------
    # Engine declarations
    # ------------------------------------------------------------------
    @api.model
    def _lotus_subject_field(self):
        return "id"

    @api.model
    def _lotus_subject_domain(self, partners):
        return [("id", "child_of", partners.ids)]

    @api.model
    def _lotus_activity_date_field(self):
        # The contact's own edits (address, e-mail) count as activity.
        return "write_date"

    @api.multi
    def _lotus_retention_expired_ids(self, term):
        """The customer term runs from the last activity of a customer
        (``lotus.customer.activity``), not from the partner row: only
        customers, as commercial partners with their contacts, whose own
        row was not edited since the cutoff either (the cheap first
        filter), then their last activity, set-based per chunk."""
        cutoff = term._lotus_cutoff()
        self.env.cr.execute("""
            SELECT id FROM res_partner
             WHERE id = commercial_partner_id
               AND lotus_anonymized IS NOT TRUE
               AND lotus_legal_hold IS NOT TRUE
               AND write_date < %s
             ORDER BY id""", (cutoff,))
        candidates = [row[0] for row in self.env.cr.fetchall()]
        activity = self.env["lotus.customer.activity"]
        expired = []
        for start in range(0, len(candidates), ACTIVITY_CHUNK):
            expired += activity._lotus_inactive_customers(
                candidates[start:start + ACTIVITY_CHUNK], cutoff)
        return expired

    @api.multi
    def _lotus_retention_recheck(self, term, ids):
        """A customer who ordered, logged in or wrote after the batch was
        planned is active again: dropped from the batch."""
        return self.env["lotus.customer.activity"]._lotus_inactive_customers(
            list(ids), term._lotus_cutoff())

    @api.model
    def _lotus_personal_fields(self):
        return {
            "name": "placeholder",
            "display_name": "placeholder",
            "email": "blank",
            "phone": "blank",
            "mobile": "blank",
            "street": "blank",
            "street2": "blank",
            "zip": "postal_area",
            "city": "blank",
            "vat": "blank",
            "website": "blank",
            "comment": "blank",
            "ref": "blank",
            "function": "blank",
            "title": "blank",
            "image": "blank",
            "image_medium": "blank",
            "image_small": "blank",
        }

    @api.model
    def _lotus_export_fields(self):
        fields_ = [f for f in self._lotus_personal_fields()
                   if f not in ("display_name", "image_medium", "image_small")]
        fields_ += ["country_id", "state_id", "lang", "type", "parent_id",
                    "create_date", "lotus_restricted",
                    "lotus_marketing_objection"]
        return [f for f in fields_ if f in self._fields]

    @api.model
    def _lotus_customer_sequence(self):
        return 10

    @api.model
    def _lotus_customer_label(self):
        return _("Your details")

    @api.multi
    def _lotus_customer_titles(self):
        """The name, and for an address or contact of the customer what
        kind it is ("Anna de Vries (Delivery address)")."""
        kinds = dict(self._fields["type"]._description_selection(self.env))
        return {
            partner.id: partner.name or partner.display_name
            if partner.type == "contact" or not partner.parent_id
            else "%s (%s)" % (partner.name or partner.display_name,
                              kinds.get(partner.type, partner.type))
            for partner in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact", "address", "preferences"]

    # ------------------------------------------------------------------
    # Consent summary and the marketing rule (P20, P29)
    # ------------------------------------------------------------------
    @api.depends("privacy_consent_ids.lotus_state")
    def _compute_lotus_consent_summary(self):
        newsletter = self.env["privacy.activity"]._lotus_newsletter()
        consents = self.env["privacy.consent"].sudo().search(
            [("partner_id", "in", self.ids)])
        states = dict(self.env["privacy.consent"]._fields[
            "lotus_state"]._description_selection(self.env))
        by_partner = {}
        for consent in consents:
            by_partner.setdefault(consent.partner_id.id, []).append(consent)
        for partner in self:
            mine = by_partner.get(partner.id, [])
            partner.lotus_newsletter_state = next(
                (c.lotus_state for c in mine if c.activity_id == newsletter),
                "none")
            if not mine:
                partner.lotus_consent_summary = "<p>%s</p>" % html_escape(
                    _("No consent recorded."))
                continue
            rows = "".join(
                "<tr><td>%s</td><td>%s</td><td>%s</td></tr>" % (
                    html_escape(c.activity_id.name),
                    html_escape(states.get(c.lotus_state, "")),
                    html_escape(c.lotus_withdrawn_date
                                if c.lotus_state == "withdrawn"
                                else c.lotus_given_date or ""))
                for c in mine)
            partner.lotus_consent_summary = (
                '<table class="table table-condensed"><thead><tr><th>%s</th>'
                "<th>%s</th><th>%s</th></tr></thead><tbody>%s</tbody></table>"
                % (html_escape(_("Activity")), html_escape(_("State")),
                   html_escape(_("Since (UTC)")), rows))

    @api.multi
    def _compute_lotus_marketing_allowed(self):
        allowed = set(self._lotus_marketing_allowed().ids)
        for partner in self:
            partner.lotus_marketing_allowed = partner.id in allowed

    def _search_lotus_marketing_allowed(self, operator, value):
        positive = (operator == "=") == bool(value)
        query, params = self._lotus_marketing_allowed_query()
        return [("id", "inselect" if positive else "not inselect",
                 (query, params))]

    @api.model
    def _lotus_marketing_allowed_query(self, activity=None):
        """SQL of the ids of partners that may receive marketing mail for
        ``activity`` (default: the newsletter): a confirmed consent, no
        objection, processing not restricted, not anonymised. This is the
        one rule every marketing channel applies."""
        activity = activity or self.env["privacy.activity"]._lotus_newsletter()
        query = """
            SELECT c.partner_id FROM privacy_consent c
              JOIN res_partner p ON p.id = c.partner_id
             WHERE c.activity_id = %s AND c.lotus_state = 'given'
               AND c.active
               AND p.lotus_marketing_objection IS NOT TRUE
               AND p.lotus_restricted IS NOT TRUE
               AND p.lotus_anonymized IS NOT TRUE"""
        return query, [activity.id or 0]

    @api.multi
    def _lotus_marketing_allowed(self, activity=None):
        """The partners of ``self`` that may receive marketing mail."""
        if not self.ids:
            return self.browse()
        query, params = self._lotus_marketing_allowed_query(activity)
        self.env.cr.execute(query + " AND c.partner_id IN %s",
                            params + [tuple(self.ids)])
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _lotus_marketing_blocked_emails(self, emails=None, activity=None):
        """Lower-cased e-mail addresses that marketing must skip: those of
        a partner who objects or is restricted, and those whose partners
        have no confirmed consent. With ``emails``, only those are checked,
        and an address that belongs to no partner is skipped too: without a
        partner there is no proof of consent (an imported list contact must
        sign up through the double opt-in first)."""
        activity = activity or self.env["privacy.activity"]._lotus_newsletter()
        where, params = "", [activity.id or 0]
        if emails is not None:
            if not emails:
                return set()
            where = " AND %s IN %%s" % (EMAIL_SQL % "p.email")
            params.append(tuple(emails))
        self.env.cr.execute("""
            SELECT %(email)s,
                   bool_or(p.lotus_marketing_objection IS TRUE
                           OR p.lotus_restricted IS TRUE),
                   bool_or(c.id IS NOT NULL)
              FROM res_partner p
              LEFT JOIN privacy_consent c
                ON c.partner_id = p.id AND c.activity_id = %%s
               AND c.lotus_state = 'given' AND c.active
             WHERE p.email IS NOT NULL %(where)s
             GROUP BY 1""" % {"email": EMAIL_SQL % "p.email", "where": where},
                            params)
        rows = self.env.cr.fetchall()
        blocked = {email for email, blocked, consented in rows
                   if email and (blocked or not consented)}
        if emails is not None:
            blocked |= set(emails) - {row[0] for row in rows}
        return blocked

    # ------------------------------------------------------------------
    # Privacy state changes
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_check_privacy_user(self, allow_self=False):
        # A person's privacy data belongs to that person alone: not to the
        # colleagues of a B2B customer, nor to the company's contact.
        if allow_self and self and self == self.env.user.partner_id:
            return True
        self._lotus_check_privacy_group("user", _(
            "change the privacy state of a partner (Privacy tab)"))
        return True

    @api.multi
    def _lotus_engine(self):
        return self.sudo().with_context(**{ENGINE_CONTEXT_KEY: True})

    @api.multi
    def action_object_to_marketing(self, channel=None, proof=None):
        """P29: withdraw every marketing consent at once, record the
        objection, and keep mass mailings away from this partner.

        Privacy users record it for anyone, with the channel and proof of
        the customer's request; a customer only for themselves, and the
        proof of a customer's own call is not theirs to write (the portal
        page records the proof of its request)."""
        self._lotus_check_privacy_user(allow_self=True)
        if not self.env.user.has_group("lotus_gdpr.group_privacy_user"):
            channel, proof = "portal", None
        return self._lotus_object_to_marketing(channel, proof)

    @api.multi
    def _lotus_object_to_marketing(self, channel=None, proof=None):
        channel = channel or self.env.context.get("lotus_channel", "backoffice")
        if channel not in dict(CHANNELS):
            # The channel goes into the proof and the audit log: a value of
            # ours, never text of the caller.
            raise UserError(_("Unknown channel %r.") % channel[:40])
        Consent = self.env["privacy.consent"].sudo().with_context(
            lotus_actor=self.env.uid)
        newsletter = self.env["privacy.activity"]._lotus_newsletter()
        for partner in self:
            consents = Consent.search([
                ("partner_id", "=", partner.id),
                ("activity_id.lotus_marketing", "=", True)])
            if newsletter and newsletter not in consents.mapped("activity_id"):
                consents |= Consent.lotus_find_or_create(partner, newsletter)
            consents.action_withdraw(channel=channel, proof=proof,
                                     event_type="objection")
            partner._lotus_engine().write({"lotus_marketing_objection": True})
            emails = {e.lower() for e in email_split(partner.email or "")}
            Contact = self.env["mail.mass_mailing.contact"].sudo()
            for email in emails:
                Contact.search([("email", "=ilike", escape_psql(email)),
                                ("opt_out", "=", False)]).write(
                                    {"opt_out": True})
            partner._lotus_engine().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("Objected to marketing: every marketing consent is "
                       "withdrawn and no mass mailing reaches this partner."))
            self.env["lotus.audit.log"]._log(
                "marketing_objection", partner,
                ["lotus_marketing_objection"], note="channel: %s" % channel)
        return True

    @api.multi
    def action_lift_marketing_objection(self):
        """When the customer asks to receive marketing again. Consents stay
        withdrawn until the customer gives them anew."""
        self._lotus_check_privacy_user(allow_self=True)
        for partner in self.filtered("lotus_marketing_objection"):
            partner._lotus_engine().write({"lotus_marketing_objection": False})
            partner._lotus_engine().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("Objection to marketing lifted."))
            self.env["lotus.audit.log"]._log(
                "marketing_objection_lifted", partner,
                ["lotus_marketing_objection"])
        return True

    @api.multi
    def action_restrict(self, reason):
        """GDPR art. 18: restrict processing, with a reason."""
        self._lotus_check_privacy_user()
        if not (reason or "").strip():
            raise UserError(_("Give a reason for the restriction of "
                              "processing (e.g. 'accuracy contested')."))
        for partner in self:
            partner._lotus_engine().write({
                "lotus_restricted": True,
                "lotus_restriction_reason": reason.strip(),
            })
            partner._lotus_engine().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("Processing restricted. Reason: %s")
                % html_escape(reason))
            self.env["lotus.audit.log"]._log(
                "restriction", partner, ["lotus_restricted"])
        return True

    @api.multi
    def action_lift_restriction(self, reason):
        self._lotus_check_privacy_user()
        if not (reason or "").strip():
            raise UserError(_("Give a reason for lifting the restriction of "
                              "processing (e.g. 'accuracy verified')."))
        for partner in self.filtered("lotus_restricted"):
            partner._lotus_engine().write({
                "lotus_restricted": False,
                "lotus_restriction_reason": False,
            })
            partner._lotus_engine().message_post(
                author_id=self.env.user.partner_id.id,
                body=_("Restriction of processing lifted. Reason: %s")
                % html_escape(reason))
            self.env["lotus.audit.log"]._log(
                "restriction_lifted", partner, ["lotus_restricted"])
        return True

    @api.multi
    def action_lotus_restriction_wizard(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": "lotus.partner.restriction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_ids": [(6, 0, self.ids)],
                "default_lift": bool(self.filtered("lotus_restricted")),
            },
        }

    @api.model
    def _lotus_restricted_fields(self):
        names = set(self._lotus_personal_fields()) | set(RESTRICTED_EXTRA_FIELDS)
        return {n for n in names if n in self._fields}

    @api.multi
    def write(self, vals):
        if not self._lotus_privileged():
            privacy = set(vals) & set(PRIVACY_FIELDS)
            if privacy and any(
                    (partner.sudo()[f] or False) != (vals[f] or False)
                    for partner in self for f in privacy):
                raise UserError(_(
                    "Only a privacy officer can change the privacy state "
                    "(%s) directly. Use the buttons of the Privacy tab.")
                    % ", ".join(sorted(self._fields[f].string
                                       for f in privacy)))
            if set(vals) & self._lotus_restricted_fields():
                restricted = self.filtered("lotus_restricted")
                if restricted:
                    raise UserError(_(
                        "Processing of %s is restricted (GDPR art. 18): "
                        "only a privacy officer can change this partner's "
                        "personal data.") % restricted[0].display_name)
        return super(ResPartner, self).write(vals)

    @api.model
    def _lotus_privileged(self):
        """Privacy officers, and the engine: code that already runs in
        superuser mode and says so with ENGINE_CONTEXT_KEY (the key alone,
        which any RPC call can send, grants nothing)."""
        engine = self.env.uid == SUPERUSER_ID and \
            bool(self.env.context.get(ENGINE_CONTEXT_KEY))
        return engine or \
            self.env.user.has_group("lotus_gdpr.group_privacy_officer")

    # ------------------------------------------------------------------
    # Export of personal data (P28 access / portability)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_export_value(self, record, name):
        field = record._fields[name]
        value = record[name]
        if field.type == "many2one":
            return value.display_name if value else None
        if field.type in ("one2many", "many2many"):
            return value.mapped("display_name")
        if field.type == "binary":
            if not value:
                return None
            return value.decode() if isinstance(value, bytes) else value
        if field.type == "selection" and value:
            return dict(field._description_selection(self.env)).get(
                value, value)
        if field.type == "html":
            return html2plaintext(value or "") or None
        if value is False and field.type != "boolean":
            return None
        return value

    @api.multi
    def _lotus_export_personal_data(self):
        """Every piece of personal data we hold on this data subject, as a
        JSON-able dict, built from the registry of personal data models
        (no model is named here), plus the consents with their history and
        the messages. Staff need the privacy user group; a customer may
        export only their own data.

        P17, P28: ``records`` comes in the order the customer reads it
        (``_lotus_customer_sequence``: their details, orders, invoices,
        returns, tickets, requests, the rest), each block headed by its
        ``label`` ("Your orders") and each record with its
        ``record_title``, the number the customer knows it by (``title``
        may be a field: a partner's)."""
        self.ensure_one()
        self._lotus_check_privacy_user(allow_self=True)
        partner = self.sudo()
        Mixin = self.env["lotus.personal.data.mixin"]
        data = {
            "subject": {"id": partner.id, "name": partner.display_name},
            "controller": partner.env.user.company_id.name,
            "generated_on": fields.Datetime.now(),
            "records": {},
            "consents": [],
            "messages": [],
        }
        threads = []
        for model_name in Mixin._lotus_customer_models():
            # prefetch_fields=False: read the exported fields only, a query
            # per field and model, not every column of a customer's
            # thousand orders (20 s of cache filling at 1,000 orders).
            Model = self.env[model_name].sudo().with_context(
                active_test=False, lang=partner.lang or self.env.lang,
                prefetch_fields=False)
            names = [n for n in Model._lotus_export_fields()
                     if n in Model._fields]
            if not names:
                continue
            records = Model.search(Model._lotus_subject_domain(partner))
            if not records:
                continue
            # One query for every stored field exported, then the cache.
            records.read([n for n in names if Model._fields[n].store],
                         load=None)
            titles = records._lotus_customer_titles()
            data["records"][model_name] = {
                "label": Model._lotus_customer_label(),
                "fields": {n: Model._fields[n].get_description(
                    Model.env)["string"] for n in names},
                "types": {n: Model._fields[n].type for n in names},
                "records": [
                    dict({"id": rec.id, "record_title": titles.get(rec.id),
                          "name": rec.display_name},
                         **{n: self._lotus_export_value(rec, n)
                            for n in names})
                    for rec in records],
            }
            if "message_ids" in Model._fields:
                threads.append((model_name, records.ids))
        consents = self.env["privacy.consent"].sudo().with_context(
            active_test=False).search([("partner_id", "child_of", partner.id)])
        for consent in consents:
            data["consents"].append({
                "activity": consent.activity_id.name,
                "state": self._lotus_export_value(consent, "lotus_state"),
                "given_on": consent.lotus_given_date or None,
                "withdrawn_on": consent.lotus_withdrawn_date or None,
                "history": [{
                    "event": self._lotus_export_value(ev, "event_type"),
                    "when": ev.date,
                    "channel": self._lotus_export_value(ev, "channel"),
                    "ip_address": ev.ip_address or None,
                    "user_agent": ev.user_agent or None,
                    "consent_text": ev.consent_text or None,
                    "consent_version": ev.consent_version or None,
                } for ev in consent.lotus_event_ids.sorted("id")],
            })
        data["messages"] = self._lotus_export_messages(partner, threads)
        data["disclosures"] = self._lotus_export_disclosures(partner)
        return data

    @api.model
    def _lotus_export_disclosures(self, partner):
        """GDPR art. 15(1)(c): to whom the subject's data went, when, for
        what and which data. A disclosure to an authority marked
        confidential is left out (the audit log says why)."""
        partners = self.sudo().search([("id", "child_of", partner.id)])
        disclosures = self.env["lotus.privacy.disclosure"].sudo().search([
            ("partner_ids", "in", partners.ids),
            ("confidential", "=", False)], order="id")
        return [{
            "date": disclosure.create_date,
            "recipient": disclosure.recipient_id.name,
            "recipient_kind": self._lotus_export_value(
                disclosure, "recipient_kind"),
            "purpose": disclosure.activity_id.name,
            "legal_ground": self._lotus_export_value(
                disclosure, "legal_ground"),
            "legal_reference": disclosure.legal_reference or None,
            "fields": disclosure.field_names or None,
            "data_categories": disclosure.data_category_ids.mapped("name"),
            "outside_eea": disclosure.outside_eea,
        } for disclosure in disclosures]

    @api.model
    def _lotus_export_messages(self, partner, threads):
        """The mails and comments on the subject's own records, and the
        direct messages they wrote or received. Left out: staff's internal
        notes (an internal subtype: staff's working notes, not a message
        to or from the subject) and messages on other people's records
        (they are the data of those people)."""
        partners = self.sudo().search([("id", "child_of", partner.id)])
        domain = ["&", ("model", "=", False),
                  "|", ("author_id", "in", partners.ids),
                  ("partner_ids", "in", partners.ids)]
        for model_name, ids in threads:
            domain = ["|", "&", ("model", "=", model_name),
                      ("res_id", "in", ids)] + domain
        messages = self.env["mail.message"].sudo().search(
            [("message_type", "in", ("email", "comment")),
             "|", ("subtype_id", "=", False),
             ("subtype_id.internal", "=", False)] + domain,
            order="date, id")
        return [{
            "date": msg.date,
            "on": msg.record_name or msg.model or None,
            "author": msg.author_id.display_name
            if msg.author_id in partners else None,
            "subject": msg.subject or None,
            "body": html2plaintext(msg.body or "") or None,
        } for msg in messages if msg.body or msg.subject]

    @api.multi
    def _lotus_export_json(self):
        self.ensure_one()
        # Not sorted: the sections keep the order the customer reads.
        return json.dumps(self._lotus_export_personal_data(), indent=2,
                          ensure_ascii=False, default=str)

    @api.multi
    def _lotus_export_attachments(self, res_model=None, res_id=None):
        """JSON (portability) and HTML (readable) export as attachments."""
        self.ensure_one()
        report = self.env.ref("lotus_gdpr.report_lotus_personal_data")
        html = report.sudo().render_qweb_html(self.ids)[0]
        if not isinstance(html, bytes):
            html = html.encode("utf-8")
        stamp = fields.Date.context_today(self)
        Attachment = self.env["ir.attachment"].sudo()
        values = {"res_model": res_model or self._name,
                  "res_id": res_id or self.id}
        return Attachment.create(dict(values, **{
            "name": "personal-data-%s-%s.json" % (self.id, stamp),
            "datas_fname": "personal-data-%s-%s.json" % (self.id, stamp),
            "mimetype": "application/json",
            "datas": base64.b64encode(self._lotus_export_json().encode()),
        })) | Attachment.create(dict(values, **{
            "name": "personal-data-%s-%s.html" % (self.id, stamp),
            "datas_fname": "personal-data-%s-%s.html" % (self.id, stamp),
            "mimetype": "text/html",
            "datas": base64.b64encode(html),
        }))

    @api.multi
    def action_lotus_privacy_lookup(self):
        """Privacy lookup of this contact (privacy users)."""
        self.env["lotus.privacy.finder"]._check_privacy_user()
        self.ensure_one()
        lookup = self.env["lotus.privacy.lookup"].create(
            {"partner_id": self.id})
        lookup._lotus_search()
        return lookup._lotus_reopen()

    @api.multi
    def action_lotus_export_html(self):
        self.ensure_one()
        self._lotus_check_privacy_user()
        self.env["lotus.audit.log"]._log("export_viewed", self)
        return self.env.ref(
            "lotus_gdpr.report_lotus_personal_data").report_action(
                self, config=False)

    # ------------------------------------------------------------------
    # Disclosures of this data subject (smart button)
    # ------------------------------------------------------------------
    lotus_disclosure_count = fields.Integer(
        "Disclosures", compute="_compute_lotus_disclosure_count",
        groups="lotus_gdpr.group_privacy_user",
        help="How often personal data of this partner was disclosed to a "
             "recipient.")

    @api.multi
    def _compute_lotus_disclosure_count(self):
        counts = {}
        if self.ids:
            self.env.cr.execute(
                "SELECT partner_id, count(*) "
                "FROM lotus_privacy_disclosure_partner_rel "
                "WHERE partner_id IN %s GROUP BY partner_id",
                (tuple(self.ids),))
            counts = dict(self.env.cr.fetchall())
        for partner in self:
            partner.lotus_disclosure_count = counts.get(partner.id, 0)

    @api.multi
    def action_lotus_view_disclosures(self):
        self.ensure_one()
        return self.env["lotus.privacy.disclosure"]._lotus_list_action(
            [("partner_ids", "in", self.ids)])
