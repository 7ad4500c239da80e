# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

OPEN_STATES = ("new", "verified", "in_progress")
REMINDER_DAYS = 7


class LotusPrivacyRequest(models.Model):
    """A data subject request (GDPR art. 12-22, P28): answered within one
    month of receipt, extendable by two months with a reason (art. 12(3)),
    and only once the identity of the requester is verified."""

    _name = "lotus.privacy.request"
    _inherit = ["mail.thread", "mail.activity.mixin",
                "lotus.personal.data.mixin"]
    _description = "Data subject request"
    _order = "deadline, id"

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/")
    request_type = fields.Selection([
        ("access", "Access / export"),
        ("rectification", "Rectification"),
        ("erasure", "Erasure"),
        ("restriction", "Restriction of processing"),
        ("objection", "Objection to marketing"),
        ("portability", "Data portability"),
    ], "Type", required=True, track_visibility="onchange",
        states={"done": [("readonly", True)], "rejected": [("readonly", True)]})
    partner_id = fields.Many2one(
        "res.partner", "Data subject", required=True, index=True,
        track_visibility="onchange", ondelete="restrict",
        states={"done": [("readonly", True)], "rejected": [("readonly", True)]})
    channel = fields.Selection([
        ("email", "E-mail"),
        ("portal", "Customer portal"),
        ("phone", "Phone"),
        ("letter", "Letter"),
    ], "Received through", default="email", required=True)
    received_date = fields.Date(
        "Received on", required=True, default=fields.Date.context_today,
        track_visibility="onchange",
        states={"done": [("readonly", True)], "rejected": [("readonly", True)]})
    description = fields.Text(
        "Request", help="What the data subject asks; for a rectification "
                        "the change to make.")
    state = fields.Selection([
        ("new", "New"),
        ("verified", "Identity verified"),
        ("in_progress", "In progress"),
        ("done", "Done"),
        ("rejected", "Rejected"),
    ], default="new", required=True, readonly=True, index=True,
        track_visibility="onchange")
    user_id = fields.Many2one(
        "res.users", "Assigned to", track_visibility="onchange",
        default=lambda self: self.env.uid,
        domain=lambda self: [("groups_id", "in", self.env.ref(
            "lotus_gdpr.group_privacy_user").id)])
    # Identity verification (no processing before it)
    verification_method = fields.Selection([
        ("portal_login", "Logged in to the customer account"),
        ("known_email", "Sent from the e-mail address we hold"),
        ("id_document", "Identity document checked (not stored)"),
        ("call_back", "Called back on the phone number we hold"),
        ("order_data", "Confirmed order details only the customer knows"),
    ], "Verification method", track_visibility="onchange")
    verified_by_id = fields.Many2one("res.users", "Verified by", readonly=True)
    verified_on = fields.Datetime("Verified on", readonly=True)
    # Deadline (art. 12(3))
    extension_months = fields.Integer(
        "Extension (months)", default=0, track_visibility="onchange",
        help="Up to two months more when the request is complex or "
             "requests are numerous; tell the data subject within the "
             "first month.")
    extension_reason = fields.Text("Extension reason")
    deadline = fields.Date(
        compute="_compute_deadline", store=True, index=True,
        track_visibility="onchange")
    is_overdue = fields.Boolean(compute="_compute_is_overdue")
    rejection_reason = fields.Text(
        "Rejection reason", track_visibility="onchange")
    result = fields.Text("Outcome", readonly=True)
    done_date = fields.Datetime("Closed on", readonly=True)
    export_attachment_ids = fields.Many2many(
        "ir.attachment", string="Export", readonly=True, copy=False)
    subject_emails = fields.Char(
        "Addresses when received", readonly=True, copy=False,
        groups="lotus_gdpr.group_privacy_user",
        help="The data subject's e-mail addresses (lower case) when the "
             "request was made: an erasure cleans the copies sent to or "
             "from these, not an address the account was changed to "
             "afterwards.")
    lotus_same_person_ids = fields.Many2many(
        "res.partner", "lotus_privacy_request_same_person_rel",
        "request_id", "partner_id", string="Same person",
        help="Other partners that are the same person (same e-mail address "
             "or phone, found by the privacy lookup): erased with the data "
             "subject.")
    lotus_erasure_preview_html = fields.Html(
        "What the erasure does", compute="_compute_lotus_erasure_preview",
        sanitize=False, groups="lotus_gdpr.group_privacy_officer",
        help="What the erasure will erase, what it keeps and why, and what "
             "it does not cover (records of modules the engine does not "
             "know).")

    _sql_constraints = [
        ("extension_range", "CHECK(extension_months BETWEEN 0 AND 2)",
         "Extension (months): a request may be extended by at most two "
         "months (GDPR art. 12(3))."),
    ]

    @api.depends("received_date", "extension_months")
    def _compute_deadline(self):
        for request in self:
            if request.received_date:
                received = fields.Date.from_string(request.received_date)
                request.deadline = fields.Date.to_string(
                    received + relativedelta(
                        months=1 + (request.extension_months or 0)))

    @api.depends("request_type", "state", "partner_id",
                 "lotus_same_person_ids")
    def _compute_lotus_erasure_preview(self):
        anonymizer = self.env["lotus.anonymizer"]
        for request in self:
            if request.request_type != "erasure" or \
                    request.state not in OPEN_STATES or \
                    not request.partner_id:
                request.lotus_erasure_preview_html = False
                continue
            request.lotus_erasure_preview_html = anonymizer._format_preview(
                anonymizer.preview(request._lotus_erasure_partners()))

    @api.multi
    def _lotus_erasure_partners(self):
        return self.partner_id | self.lotus_same_person_ids

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for request in self:
            request.is_overdue = (request.state in OPEN_STATES and
                                  request.deadline and request.deadline < today)

    @api.constrains("extension_months", "extension_reason")
    def _check_extension(self):
        for request in self:
            if not 0 <= request.extension_months <= 2:
                raise ValidationError(_(
                    "Extension (months) of %s: at most two months (GDPR art. "
                    "12(3)).") % request.name)
            if request.extension_months and not (
                    request.extension_reason or "").strip():
                raise ValidationError(_(
                    "Extension reason of %s is required when the deadline is "
                    "extended: tell why the request needs more time.")
                    % request.name)

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code(
                "lotus.privacy.request") or "/"
        partner = self.env["res.partner"].sudo().browse(
            vals.get("partner_id"))
        vals["subject_emails"] = ",".join(
            self.env["lotus.anonymizer"]._normalized_emails(partner.email)
        ) or False
        request = super(LotusPrivacyRequest, self).create(vals)
        request._lotus_schedule_reminder()
        return request

    @api.multi
    def write(self, vals):
        result = super(LotusPrivacyRequest, self).write(vals)
        if {"received_date", "extension_months", "user_id", "state"} & set(vals):
            self._lotus_schedule_reminder()
        return result

    @api.multi
    def unlink(self):
        if any(r.state != "new" for r in self):
            raise UserError(_("Only new requests can be deleted; reject the "
                              "request instead, with a reason."))
        return super(LotusPrivacyRequest, self).unlink()

    # ------------------------------------------------------------------
    # Reminders
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_schedule_reminder(self):
        """One reminder activity per open request, due a week before the
        deadline (or today when that is already past)."""
        activity_type = self.env.ref(
            "lotus_gdpr.mail_activity_type_privacy_request_deadline")
        model = self.env["ir.model"]._get(self._name)
        today = fields.Date.context_today(self)
        Activity = self.env["mail.activity"].sudo()
        existing = Activity.search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "=", activity_type.id)])
        by_request = {a.res_id: a for a in existing}
        for request in self:
            activity = by_request.get(request.id)
            if request.state not in OPEN_STATES or not request.deadline:
                if activity:
                    activity.unlink()
                continue
            due = fields.Date.to_string(
                fields.Date.from_string(request.deadline) -
                timedelta(days=REMINDER_DAYS))
            due = max(due, today)
            user = request.user_id or request.create_uid
            vals = {"date_deadline": due, "user_id": user.id}
            if activity:
                if activity.date_deadline != due or activity.user_id != user:
                    activity.write(vals)
            else:
                vals.update({
                    "res_model_id": model.id,
                    "res_id": request.id,
                    "activity_type_id": activity_type.id,
                    "summary": _("Answer %s before %s") % (
                        request.name, request.deadline),
                })
                Activity.create(vals)

    @api.model
    def _cron_deadline_reminders(self):
        """Daily: make sure every open request has its reminder."""
        self.search([("state", "in", OPEN_STATES)])._lotus_schedule_reminder()

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.multi
    def action_verify(self):
        for request in self:
            if request.state != "new":
                continue
            if not request.verification_method:
                raise UserError(_(
                    "Verification method of %s: choose how the identity of "
                    "the requester was verified before marking it verified.")
                    % request.name)
            request.write({
                "state": "verified",
                "verified_by_id": self.env.uid,
                "verified_on": fields.Datetime.now(),
            })
        return True

    @api.multi
    def _lotus_check_verified(self):
        for request in self:
            if request.state not in ("verified", "in_progress"):
                raise UserError(_(
                    "%s: verify the identity of the requester first "
                    "(Verification method, then 'Identity verified'). No "
                    "personal data is processed before that.") % request.name)

    @api.multi
    def action_process(self):
        """Carry out the request according to its type."""
        self._lotus_check_verified()
        for request in self:
            handler = getattr(request, "_lotus_process_%s" % request.request_type)
            handler()
        return True

    @api.multi
    def _lotus_close(self, result):
        self.write({"state": "done", "result": result,
                    "done_date": fields.Datetime.now()})
        self.env["lotus.audit.log"]._log(
            "privacy_request_%s" % self.request_type, self,
            note="%s for partner #%d" % (self.name, self.partner_id.id))

    @api.multi
    def _lotus_process_access(self):
        attachments = self.partner_id._lotus_export_attachments(
            self._name, self.id)
        self.export_attachment_ids = [(4, a.id) for a in attachments]
        self.message_post(
            body=_("Export of the personal data produced (JSON and HTML)."),
            attachment_ids=attachments.ids)
        self._lotus_close(_("Export produced: %s") % ", ".join(
            attachments.mapped("name")))

    _lotus_process_portability = _lotus_process_access

    @api.multi
    def _lotus_process_restriction(self):
        self.partner_id.action_restrict(
            _("Data subject request %s") % self.name)
        self._lotus_close(_("Processing restricted."))

    @api.multi
    def _lotus_process_objection(self):
        channel = "portal" if self.channel == "portal" else "backoffice"
        self.partner_id.action_object_to_marketing(channel=channel)
        self._lotus_close(_("Every marketing consent withdrawn; no marketing "
                            "mail is sent any more."))

    @api.multi
    def _lotus_process_erasure(self):
        if "lotus.anonymizer" not in self.env:
            raise UserError(_(
                "The anonymisation engine is not available: erasure cannot be "
                "processed. Install it, or reject the request with a reason."))
        # The copies to clean are those of the addresses the subject had
        # when asking (not one the account was changed to since); the same
        # person's other partners, found by the lookup, by their own.
        emails = (self.sudo().subject_emails or "").split(",")
        summary = self.env["lotus.anonymizer"].with_context(
            lotus_erasure_emails={self.partner_id.id: [e for e in emails
                                                       if e]},
        ).anonymize(self._lotus_erasure_partners(), reason=self.name)
        totals = summary["totals"]
        if self.partner_id.id in summary["restricted"]:
            # Something that ends blocks the rest (an open ticket, an order
            # not delivered yet, invoices under fiscal retention): the
            # nightly retention run re-plans the erasure and completes the
            # request when the rest is erased (_lotus_erasure_completed).
            self.write({"state": "in_progress", "result": _(
                "Erasure under way: %(done)s records anonymised, "
                "%(deleted)s deleted, %(blocked)s kept until what blocks "
                "them ends (%(why)s); processing is restricted until then "
                "and the erasure completes on its own.") % {
                    "done": totals.get("done", 0),
                    "deleted": totals.get("deleted", 0),
                    "blocked": totals.get("blocked", 0),
                    "why": summary["restricted"][self.partner_id.id][:500]}})
            return
        self._lotus_close(_(
            "Erasure carried out: %(done)s records anonymised, "
            "%(deleted)s deleted.") % {
                "done": totals.get("done", 0),
                "deleted": totals.get("deleted", 0)})

    @api.model
    def _lotus_erasure_completed(self, partner_ids):
        """Called by the engine when it has erased what was left of
        partners ``partner_ids``: their erasure requests under way are
        completed, with the date."""
        requests = self.sudo().search([
            ("request_type", "=", "erasure"), ("state", "=", "in_progress"),
            ("partner_id", "in", list(partner_ids))])
        for request in requests:
            request._lotus_close(_(
                "Erasure completed: what was kept until its term or block "
                "ended is now erased too."))
        return requests

    @api.multi
    def _lotus_process_rectification(self):
        if not (self.description or "").strip():
            raise UserError(_(
                "Request of %s: describe the requested change before "
                "processing a rectification.") % self.name)
        self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get(self._name).id,
            "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "user_id": (self.user_id or self.env.user).id,
            "date_deadline": max(self.deadline,
                                 fields.Date.context_today(self)),
            "summary": _("Rectify the data of the data subject"),
            "note": "<p>%s</p>" % self.description.replace("<", "&lt;"),
        })
        self.write({"state": "in_progress"})

    @api.multi
    def action_done(self):
        """Close a request whose work was done by hand (rectification)."""
        self._lotus_check_verified()
        for request in self:
            request._lotus_close(_("Done."))
        return True

    @api.multi
    def action_reject(self):
        for request in self:
            if request.state in ("done", "rejected"):
                continue
            if not (request.rejection_reason or "").strip():
                raise UserError(_(
                    "Rejection reason of %s is required: the data subject "
                    "must be told why (e.g. identity could not be verified, "
                    "manifestly unfounded).") % request.name)
            request.write({"state": "rejected",
                           "done_date": fields.Datetime.now()})
        return True

    @api.multi
    def action_lotus_lookup(self):
        """Privacy lookup of the data subject, linked to this request."""
        self.env["lotus.privacy.finder"]._check_privacy_user()
        self.ensure_one()
        lookup = self.env["lotus.privacy.lookup"].create({
            "partner_id": self.partner_id.id, "request_id": self.id})
        lookup._lotus_search()
        return lookup._lotus_reopen()

    @api.multi
    def action_open_partner(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "res.partner",
                "res_id": self.partner_id.id, "view_mode": "form"}

    # ------------------------------------------------------------------
    # Privacy engine declarations
    # ------------------------------------------------------------------
    # A request is itself the data subject's personal data: it is in their
    # export, and their erasure takes its free text, its chatter and the
    # export files attached to it (a full copy of their data). What stays
    # is the accountability of art. 5(2): reference, type, channel, dates,
    # deadline, verification method, state and outcome.
    @api.model
    def _lotus_personal_fields(self):
        return {"description": "blank", "subject_emails": "blank"}

    @api.model
    def _lotus_activity_date_field(self):
        return "received_date"

    @api.model
    def _lotus_export_fields(self):
        return ["name", "request_type", "channel", "received_date",
                "description", "state", "deadline", "result", "done_date"]

    @api.model
    def _lotus_customer_sequence(self):
        return 70

    @api.model
    def _lotus_customer_label(self):
        return _("Your privacy requests")

    @api.multi
    def _lotus_customer_titles(self):
        types = dict(self._fields["request_type"]._description_selection(
            self.env))
        return {request.id: "%s (%s)" % (
            request.name, types.get(request.request_type))
            for request in self}

    @api.model
    def _lotus_data_categories(self):
        return ["identity", "contact"]

    @api.model
    def _lotus_purge_chatter(self):
        return True
