# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention terms (P26, P27) and the scheduled action that applies them.

The scheduled action only plans: per term and per registered model it
finds the ids of expired records and enqueues them, in batches of a
configurable size, as queue_job jobs on the channel
``root.lotus_retention``. Any number of job workers, on one server or
many sharing the database, then do the work in parallel. Each batch is
one transaction and idempotent: records already anonymised are skipped.
"""
import hashlib
import logging
from datetime import datetime

from dateutil.relativedelta import relativedelta
from psycopg2 import OperationalError

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import job

_logger = logging.getLogger(__name__)

BATCH_SIZE_PARAM = "lotus_gdpr.retention_batch_size"
DRY_RUN_PARAM = "lotus_gdpr.retention_dry_run"
# make bench (bench/README.md): batches of 1,000 make half the jobs of 500
# (each job is a queue.job row created while planning, about 20 ms, and
# some 50 statements of bookkeeping and checks) and take 10 % less time
# inside the jobs; 2,000 gain nothing more and hold their locks longer.
DEFAULT_BATCH_SIZE = 1000
CHANNEL = "root.lotus_retention"
# Why each shipped term keeps data, in the words the customer reads in the
# preview of "Delete my account" (P27), by the term's xml id. Filled in
# where empty on install and update; the officer edits them on the term.
CUSTOMER_REASONS = {
    "retention_term_accounting": (
        "Dutch tax law requires us to keep invoices, credit notes and "
        "payments for 7 years (art. 52 AWR, art. 2:10 BW)."),
    "retention_term_sale_order": (
        "An order belongs to the bookkeeping behind its invoice, which Dutch "
        "tax law requires us to keep for 7 years."),
    "retention_term_return": (
        "We keep a return for 2 years after it is closed, to handle a later "
        "warranty claim about the same product (art. 7:23 BW)."),
    "retention_term_helpdesk_ticket": (
        "We keep a ticket for 2 years after it is closed, to answer "
        "follow-up questions and warranty claims."),
    "retention_term_customer_account": (
        "We keep your account while you buy from us; after 3 years without "
        "any activity it is anonymised."),
    "retention_term_newsletter_signup": (
        "A newsletter sign-up that was never confirmed is deleted after 30 "
        "days."),
    "retention_term_consent_proof": (
        "We must be able to prove what you agreed to and when (art. 7 GDPR), "
        "for 5 years after you withdraw it."),
    "retention_term_bank_account": (
        "Your bank account appears in the payments of our bookkeeping, which "
        "Dutch tax law requires us to keep for 7 years."),
}


class LotusRetentionTerm(models.Model):
    _name = "lotus.retention.term"
    _description = "Retention term"
    _order = "sequence, code"

    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Char(
        required=True, index=True,
        help="Technical code by which a model declares that this term "
             "governs it (_lotus_retention_category).")
    name = fields.Char(required=True, translate=True)
    category_description = fields.Text(
        "Data category", translate=True,
        help="Which personal data this term covers.")
    duration_value = fields.Integer("Duration", required=True, default=1)
    duration_unit = fields.Selection([
        ("days", "Days"),
        ("months", "Months"),
        ("years", "Years"),
    ], "Unit", required=True, default="years")
    action = fields.Selection([
        ("anonymize", "Anonymise"),
        ("delete", "Delete"),
    ], "When it ends", required=True, default="anonymize",
        help="Anonymise keeps amounts, dates, countries, products and "
             "states for analysis (P33); delete removes the record.")
    date_basis = fields.Char(
        "Runs from", translate=True,
        help="The moment the term starts (e.g. end of the fiscal year of "
             "the invoice, closing of the ticket, last order).")
    legal_reason = fields.Text("Legal reason", translate=True)
    customer_reason = fields.Text(
        "In plain words", translate=True,
        help="Why the data is kept, in one sentence the customer reads in "
             "the preview of \"Delete my account\" (e.g. \"Dutch tax law "
             "requires us to keep invoices for 7 years.\"). Empty: the "
             "customer reads the legal reason.")
    model_ids = fields.Many2many(
        "ir.model", string="Also applies to",
        help="Registered models this term governs in addition to the "
             "models that declare its code themselves.")
    declared_models = fields.Char(
        "Governed models", compute="_compute_declared_models",
        help="Registered models governed by this term.")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)",
         "A retention term with this code already exists: codes are how "
         "models refer to their term, choose another code."),
    ]

    @api.model_cr
    def init(self):
        """Indexes the engine needs at scale on tables of other modules:
        the sender address of chatter messages, the partner of users and
        the partners under legal hold."""
        from .lotus_anonymizer import EMAIL_FROM_ADDRESS
        # EMAIL_FROM_ADDRESS is a constant SQL expression of the module (an
        # index on an expression cannot take a query parameter).
        self.env.cr.execute(  # pylint: disable=sql-injection
            "CREATE INDEX IF NOT EXISTS lotus_mail_message_email_from_idx "
            "ON mail_message (%s)" % EMAIL_FROM_ADDRESS)
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS lotus_res_users_partner_id_idx "
            "ON res_users (partner_id)")
        # Every batch asks which partners are under legal hold (a few).
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS lotus_res_partner_legal_hold_idx "
            "ON res_partner (id) WHERE lotus_legal_hold")

    @api.constrains("duration_value")
    def _check_duration(self):
        for term in self:
            if term.duration_value < 0:
                raise ValidationError(_(
                    "Retention term %s: the duration cannot be negative; "
                    "enter 0 or more.") % term.code)

    @api.depends("code", "model_ids")
    def _compute_declared_models(self):
        for term in self:
            term.declared_models = ", ".join(term._lotus_model_names())

    # ------------------------------------------------------------------
    # Dates
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_delta(self):
        self.ensure_one()
        return relativedelta(**{self.duration_unit: self.duration_value})

    @api.multi
    def _lotus_expiry(self, start):
        """Date (a ``date``) on which data dated ``start`` expires."""
        return start + self._lotus_delta()

    @api.multi
    def _lotus_cutoff(self):
        """Records dated before this moment (a ``datetime``) expired."""
        return datetime.utcnow() - self._lotus_delta()

    @api.model
    def _lotus_fill_customer_reasons(self):
        """The plain words of the shipped terms whose field is empty."""
        for xmlid, text in CUSTOMER_REASONS.items():
            term = self.env.ref("lotus_gdpr.%s" % xmlid, False)
            if term and not term.with_context(lang=None).customer_reason:
                term.with_context(lang=None).customer_reason = text
        return True

    @api.multi
    def _lotus_customer_reason(self):
        """Why this term keeps data, as the customer reads it."""
        self.ensure_one()
        return self.customer_reason or self.legal_reason or self.name

    @api.multi
    def _lotus_model_names(self):
        """Registered models governed by this term."""
        self.ensure_one()
        mixin = self.env["lotus.personal.data.mixin"]
        extra = set(self.model_ids.mapped("model"))
        return [
            name for name in mixin._lotus_personal_models()
            if name in extra
            or self.env[name]._lotus_retention_category() == self.code
        ]

    # ------------------------------------------------------------------
    # Planning (the scheduled action)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_batch_size(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            BATCH_SIZE_PARAM, DEFAULT_BATCH_SIZE)
        try:
            return max(1, int(value))
        except (TypeError, ValueError):
            _logger.warning("%s is not a number: using %d",
                            BATCH_SIZE_PARAM, DEFAULT_BATCH_SIZE)
            return DEFAULT_BATCH_SIZE

    @api.model
    def _lotus_dry_run(self):
        value = self.env["ir.config_parameter"].sudo().get_param(
            DRY_RUN_PARAM, "False")
        return str(value).strip().lower() in ("1", "true", "yes")

    @api.multi
    def _lotus_expired_ids(self, model_name):
        """Ids of the records of ``model_name`` that this term expired and
        that are not anonymised yet, oldest first (the model decides how:
        ``_lotus_retention_expired_ids``)."""
        self.ensure_one()
        return self.env[model_name].sudo().with_context(
            active_test=False)._lotus_retention_expired_ids(self)

    @api.model
    def _lotus_pending_partner_ids(self):
        """Partners whose erasure waits for a term to end (restricted by
        the engine): re-planned every night until it can be completed."""
        return self.env["res.partner"].sudo().with_context(
            active_test=False).search([
                ("lotus_restricted", "=", True),
                ("lotus_anonymized", "=", False),
                ("lotus_legal_hold", "=", False),
                ("lotus_restriction_reason", "=like",
                 self.env["lotus.anonymizer"]._pending_prefix() + "%"),
            ], order="id").ids

    @api.model
    def cron_apply_retention(self, dry_run=None, batch_size=None):
        """Scheduled action: plan the work of every active term.

        Enqueues one job per batch of expired records; in dry-run mode
        (argument, or system parameter ``lotus_gdpr.retention_dry_run``)
        only counts. Writes one audit log entry per term and model with
        the counts. Returns ``{(term code, model): expired count}``.

        Only the scheduler (superuser) and privacy officers may start it:
        it is irreversible, so nobody else overrides the dry-run setting or
        fills the job queue."""
        self._lotus_check_privacy_group(
            "officer", _("apply the retention terms"))
        if dry_run is None:
            dry_run = self._lotus_dry_run()
        batch_size = batch_size or self._lotus_batch_size()
        audit = self.env["lotus.audit.log"]
        summary = {}
        plans = []
        for term in self.sudo().search([]):
            for model_name in term._lotus_model_names():
                plans.append((term, model_name,
                              term._lotus_expired_ids(model_name)))
        pending = self._lotus_pending_partner_ids()
        if pending:
            plans.append((self.browse(), "res.partner", pending))
        for term, model_name, ids in plans:
            batches = [ids[i:i + batch_size]
                       for i in range(0, len(ids), batch_size)]
            code = term.code or "erasure_pending"
            summary[(code, model_name)] = len(ids)
            if not dry_run:
                for batch in batches:
                    term._lotus_enqueue_batch(model_name, batch)
            audit._log(
                "retention_dry_run" if dry_run else "retention_planned",
                self.env[model_name].browse(), note=_(
                    "term %s: %d expired records of %s, %d batches of "
                    "at most %d%s") % (
                    code, len(ids), model_name, len(batches), batch_size,
                    _(" (dry run: nothing enqueued)") if dry_run else ""))
        return summary

    @api.model
    def _lotus_preview(self):
        """What the next run would do, changing nothing: per term and
        model ``{"term", "model", "expired", "done", "action",
        "restricted", "blocked", "reasons": {reason: count}}``. Customers
        are planned as the run erases them (with their records)."""
        anonymizer = self.env["lotus.anonymizer"].sudo()
        rows = []
        plans = []
        for term in self.sudo().search([]):
            for model_name in term._lotus_model_names():
                plans.append((term, model_name,
                              term._lotus_expired_ids(model_name)))
        plans.append((self.browse(), "res.partner",
                      self._lotus_pending_partner_ids()))
        for term, model_name, ids in plans:
            model = self.env[model_name].sudo().with_context(
                active_test=False)
            delete = bool(term) and term.action == "delete" or bool(
                model._lotus_delete_on_erasure())
            row = {"term": term.name if term else _("Erasures pending"),
                   "model": model._description, "expired": len(ids),
                   "done": 0, "restricted": 0, "blocked": 0, "reasons": {},
                   "action": _("delete") if delete else _("anonymise")}
            if ids and model_name == "res.partner":
                plan = anonymizer._plan(model.browse(ids), count_copies=False)
                row["done"] = len(plan["anonymized_partner_ids"])
                row["restricted"] = len(plan["restricted"])
                for entry in plan["models"]:
                    row["blocked"] += entry["blocked"]
                    for why, count in entry["reasons"].items():
                        why = "%s: %s" % (entry["name"], why)
                        row["reasons"][why] = row["reasons"].get(
                            why, 0) + count
            elif ids:
                blocks = anonymizer._blocks(model, ids)
                row["done"] = len(ids) - len(blocks)
                row["blocked"] = len(blocks)
                for why in blocks.values():
                    row["reasons"][why] = row["reasons"].get(why, 0) + 1
            rows.append(row)
        return rows

    @api.multi
    def _lotus_enqueue_batch(self, model_name, ids):
        """One job per batch; the identity key keeps a batch that is
        already waiting from being enqueued twice by the next run."""
        key = hashlib.sha1(("%s:%s:%s" % (
            self.id or 0, model_name, ",".join(map(str, ids)))).encode()
        ).hexdigest()
        # No chatter on the job record: creating hundreds of jobs a night
        # should not create hundreds of "Job created" messages. The context
        # is not stored with the job, its execution is unaffected.
        return self.with_context(
            tracking_disable=True, mail_create_nolog=True,
            mail_create_nosubscribe=True,
        ).with_delay(
            channel=CHANNEL, identity_key="lotus_retention:" + key,
            description=_("Retention %s: %d records of %s") % (
                self.code or _("erasure pending"), len(ids), model_name),
        )._job_apply_retention_batch(model_name, ids)

    @api.multi
    @job(default_channel=CHANNEL, retry_pattern={1: 60, 3: 300, 5: 1800})
    def _job_apply_retention_batch(self, model_name, ids):
        """Job: anonymise (or delete) one batch of expired records.

        One transaction (the job runner commits it); idempotent: records
        anonymised meanwhile are skipped, deleted ones are gone; a lock
        conflict postpones the job instead of failing it."""
        anonymizer = self.env["lotus.anonymizer"].sudo()
        try:
            if model_name == "res.partner":
                Partner = self.env["res.partner"].sudo().with_context(
                    active_test=False)
                if self:
                    ids = Partner._lotus_retention_recheck(self, ids)
                partners = Partner.browse(ids).exists()
                result = anonymizer.anonymize(
                    partners, reason=_("retention term %s") % (
                        self.code or _("erasure pending")))
                counts = result["totals"]
            else:
                if self:
                    # Planned hours ago: what became active meanwhile (a
                    # customer's new order) is left alone.
                    ids = self.env[model_name].sudo().with_context(
                        active_test=False)._lotus_retention_recheck(
                            self, ids)
                delete = bool(self) and self.action == "delete"
                counts = anonymizer._erase_records(
                    model_name, ids, delete=delete,
                    reason=_("retention term %s") % self.code)
        except OperationalError as err:
            raise RetryableJobError(
                "database conflict, retried later: %s" % err.pgcode)
        return _("%(done)d anonymised, %(deleted)d deleted, "
                 "%(blocked)d blocked") % counts
