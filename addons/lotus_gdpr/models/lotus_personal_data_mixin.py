# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Declarations that a model holding personal data makes to the engine.

A lotus addon plugs a model into the privacy engine by inheriting this
mixin and overriding the small hooks below::

    class SaleOrder(models.Model):
        _name = "sale.order"
        _inherit = ["sale.order", "lotus.personal.data.mixin"]

        @api.model
        def _lotus_personal_fields(self):
            return {"client_order_ref": "blank", "note": "blank"}

The engine (export, anonymisation, retention, erasure) finds every model
that inherits the mixin through ``_lotus_personal_models()``: there is no
hard-coded list of models anywhere in lotus_gdpr.
"""
from datetime import datetime

from odoo import _, api, fields, models

# What may happen to a personal field when a record is anonymised.
ANONYMIZE_RULES = (
    "blank",        # set to False / empty
    "placeholder",  # replaced by a neutral text ("Anonymised")
    "keep_country",  # (address fields) blank, country_id is kept
    "postal_area",  # keep the postal code area only (6531 HH -> 6531)
    "hash",         # replaced by a salted one-way hash (deduplication)
)


class LotusPersonalDataMixin(models.AbstractModel):
    _name = "lotus.personal.data.mixin"
    _description = "Holds personal data (privacy engine declarations)"

    # Set by the anonymisation engine on every registered model: the
    # retention planner skips these records, a re-run batch leaves them be.
    lotus_anonymized = fields.Boolean(
        "Anonymised", readonly=True, copy=False, index=True)
    lotus_anonymized_date = fields.Datetime(
        "Anonymised on", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Declarations: override in the inheriting model
    # ------------------------------------------------------------------
    @api.model
    def _lotus_personal_fields(self):
        """Return ``{field_name: rule}`` for every personal field.

        ``rule`` is one of ``ANONYMIZE_RULES``. Fields not listed survive
        anonymisation (amounts, taxes, dates, countries, products, states).
        """
        return {}

    @api.model
    def _lotus_subject_field(self):
        """Name of the many2one to ``res.partner`` naming the data subject."""
        return "partner_id"

    @api.model
    def _lotus_subject_domain(self, partners):
        """Domain of the records that hold personal data of ``partners``."""
        return [(self._lotus_subject_field(), "child_of", partners.ids)]

    @api.model
    def _lotus_retention_category(self):
        """Code of the ``lotus.retention.term`` that governs this model,
        or False when the model has no retention term of its own."""
        return False

    @api.model
    def _lotus_retention_date_field(self):
        """Date(time) field from which the retention term runs."""
        return "write_date"

    @api.model
    def _lotus_retention_domain(self):
        """Extra domain of the records a retention term may touch
        (e.g. only closed tickets, only orders in a final state)."""
        return []

    @api.multi
    def _lotus_retention_expired_ids(self, term):
        """Ids of the records of this model that ``term`` has expired and
        that are not anonymised yet, oldest first. The default reads the
        date of ``_lotus_retention_date_field`` within
        ``_lotus_retention_domain``; a model whose term runs from a date
        it does not store (the last activity of a customer, the last use
        of a bank account) computes it here, set-based in SQL."""
        model = self.sudo().with_context(active_test=False)
        date_field = model._lotus_retention_date_field()
        cutoff = term._lotus_cutoff()
        if model._fields[date_field].type == "date":
            cutoff = fields.Date.to_string(cutoff.date())
        else:
            cutoff = fields.Datetime.to_string(cutoff)
        domain = list(model._lotus_retention_domain()) + [
            (date_field, "<", cutoff)]
        if "lotus_anonymized" in model._fields:
            domain.append(("lotus_anonymized", "=", False))
        subject = model._lotus_subject_field()
        if subject == "id" and "lotus_legal_hold" in model._fields:
            domain.append(("lotus_legal_hold", "=", False))
        elif subject in model._fields and model._fields[subject].type == \
                "many2one":
            # The held partners (a few, indexed), not the path
            # "partner_id.lotus_legal_hold": Odoo resolves that into the
            # ids of every partner not held (hundreds of thousands) per
            # model and term.
            held = self.env["lotus.anonymizer"]._held_partner_ids()
            if held:
                domain.append((subject, "not in", held))
        return model.search(domain, order="id").ids

    @api.multi
    def _lotus_retention_recheck(self, term, ids):
        """The ids of ``ids`` that ``term`` still expires when their batch
        runs (planned hours earlier): a model whose date is computed
        (last activity) drops the records that became active meanwhile."""
        return list(ids)

    @api.model
    def _lotus_activity_date_field(self):
        """Date(time) field of this model that counts as activity of the
        record's data subject (``_lotus_subject_field``): the latest one
        over every registered model, for the subject and their contacts,
        is the *last activity* of a customer, from which the retention
        term ``customer_account`` runs. False: the records of this model
        say nothing about the subject's activity."""
        return False

    @api.model
    def _lotus_activity_domain(self):
        """Which records count as activity (default: all)."""
        return []

    @api.model
    def _lotus_purchase_domain(self):
        """Domain of the records that make their subject a *customer* (a
        purchase: a confirmed order, an invoice), or None when the records
        of this model do not."""
        return None

    @api.model
    def _lotus_export_fields(self):
        """Fields shown in a data subject's export (access request).

        By default the personal fields plus the record's display name;
        models add context fields (dates, amounts, states)."""
        return list(self._lotus_personal_fields())

    @api.model
    def _lotus_purge_chatter(self):
        """True when anonymisation deletes the record's whole chatter
        (messages with their mails and tracking, attachments, followers,
        activities) instead of blanking the messages: for documents whose
        mails and PDFs repeat names and addresses (orders, invoices,
        transfers, returns, tickets, requests)."""
        return False

    @api.model
    def _lotus_delete_on_erasure(self):
        """True when erasure deletes the record instead of anonymising it."""
        return False

    # ------------------------------------------------------------------
    # Hooks called by the engine on a batch of records
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_erasure_blocks(self):
        """Return ``{record_id: reason}`` for records that may not be
        anonymised now (legal hold, tax retention, open order...).
        The reason is shown to the officer in the preview. By default the
        records the term of ``_lotus_erasure_term`` still keeps."""
        declared = self._lotus_erasure_term()
        if not declared:
            return {}
        return self._lotus_blocks_by_term(*declared)

    @api.model
    def _lotus_erasure_term(self):
        """``(term code, date field)`` of the retention term that keeps
        this model's records from erasure while it runs (invoices: the
        ``accounting`` term from the invoice date), or False. The engine
        then tells the customer until when and why
        (``_lotus_kept_by_term``); the model's ``_lotus_erasure_blocks``
        names it to the officer (``_lotus_blocks_by_term``)."""
        return False

    @api.multi
    def _lotus_kept_by_term(self):
        """``{id: (term, until)}`` of the records that the term of
        ``_lotus_erasure_term`` still keeps (``until``: a ``date``)."""
        declared = self._lotus_erasure_term()
        if not declared:
            return {}
        return self._lotus_term_until(*declared)

    @api.multi
    def _lotus_term_until(self, term_code, date_field=None):
        """``{id: (term, until)}`` of the records whose retention term
        ``term_code`` still runs on ``date_field`` (default
        ``_lotus_retention_date_field()``): until a ``date`` after today.
        An inactive or missing term keeps nothing."""
        if not self:
            return {}
        term = self.env["lotus.retention.term"].sudo().with_context(
            active_test=False).search([("code", "=", term_code)], limit=1)
        if not term or not term.active:
            return {}
        date_field = date_field or self._lotus_retention_date_field()
        field = self._fields[date_field]
        self.env.cr.execute(
            'SELECT id, "%s" FROM "%s" WHERE id = ANY(%%s)'
            % (field.name, self._table), (list(self.ids),))
        kept = {}
        today = datetime.utcnow().date()
        for rec_id, value in self.env.cr.fetchall():
            if not value:
                continue
            start = value.date() if isinstance(value, datetime) else (
                fields.Date.from_string(value)
                if isinstance(value, str) else value)
            until = term._lotus_expiry(start)
            if until > today:
                kept[rec_id] = (term, until)
        return kept

    @api.multi
    def _lotus_blocks_by_term(self, term_code, date_field=None):
        """Generic block for ``_lotus_erasure_blocks``: the records whose
        retention term ``term_code`` still runs, as ``{id: reason}``.

        ``date_field`` (default ``_lotus_retention_date_field()``) is the
        date the term runs from. A model that must keep its records for a
        legal term (invoices: 7 years of tax retention) returns this from
        its ``_lotus_erasure_blocks``; the reason names the end date and
        the term, so the officer sees until when and why."""
        return {
            rec_id: _("kept until %s (retention term %s: %s)") % (
                fields.Date.to_string(until), term.code, term.name)
            for rec_id, (term, until) in self._lotus_term_until(
                term_code, date_field).items()}

    # ------------------------------------------------------------------
    # What the customer reads: the export ("See my data", the JSON file)
    # and the preview of "Delete my account", in the customer's words
    # ------------------------------------------------------------------
    @api.model
    def _lotus_customer_sequence(self):
        """Where this model's records come in what the customer reads,
        lowest first: their own details (10), orders (20), invoices (30),
        returns (40), tickets (50), consents (60), privacy requests (70),
        then anything else (100, the default)."""
        return 100

    @api.model
    def _lotus_customer_label(self):
        """The heading the customer reads for these records ("Your
        orders"); default: the model's description."""
        return self._description or self._name

    @api.multi
    def _lotus_customer_titles(self):
        """``{id: title}``: each record titled by what the customer knows
        it by (the order number S00012, the invoice number), not by a
        free reference; default: its display name."""
        return {rec.id: rec.display_name for rec in self}

    @api.model
    def _lotus_data_categories(self):
        """Codes of the categories of personal data of the processing
        register (``lotus.privacy.data.category``) these records hold:
        what the customer reads is kept, instead of field labels."""
        return []

    @api.multi
    def _lotus_anonymize_hook(self):
        """Extra clean-up after the engine has applied the field rules
        (copies of the name on related records, computed caches...)."""
        return True

    # ------------------------------------------------------------------
    # Registry
    # ------------------------------------------------------------------
    @api.model
    def _lotus_personal_models(self):
        """Names of every concrete model that inherits this mixin.

        Odoo keeps, per model, the names of the models that ``_inherit``
        it; a lotus addon registers a model simply by inheriting."""
        mixin = self.env.registry[LotusPersonalDataMixin._name]
        return sorted(
            name for name in mixin._inherit_children
            if name in self.env.registry
            and not self.env[name]._abstract
            and not self.env[name]._transient
        )

    @api.model
    def _lotus_customer_models(self):
        """The registered models in the order the customer reads them
        (``_lotus_customer_sequence``, then the model name)."""
        return sorted(
            self._lotus_personal_models(),
            key=lambda name: (self.env[name]._lotus_customer_sequence(),
                              name))
