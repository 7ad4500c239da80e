# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The anonymisation engine (P26, P28 erasure, P33).

Driven only by the declarations of ``lotus.personal.data.mixin``: for each
registered model it applies the field rules in one SQL ``UPDATE`` per
model and batch, deletes the records of models that ask for it, and cleans
the copies of personal data the ORM keeps elsewhere: chatter messages and
their tracking values, e-mails, followers, activities, attachments, the
portal user, newsletter contacts and columns of other models that copy the
partner's name or e-mail. Amounts, taxes, dates, countries, products and
states are never touched, so reports stay right (P33).

The number of SQL queries per batch does not depend on the batch size.
The audit log receives counts, never values.
"""
import logging

from odoo import _, api, models
from odoo.tools import email_split
from odoo.tools import html_escape as esc

from .lotus_consent_event import ENGINE_CONTEXT_KEY

_logger = logging.getLogger(__name__)

PLACEHOLDER = "Anonymised"
PENDING_PREFIX = "Erasure pending: "
# The address in mail_message.email_from ("Name <address>" or "address"),
# lower case; lotus.retention.term.init() indexes this expression.
EMAIL_FROM_ADDRESS = (
    "lower(substring(email_from from '[^<[:space:]]+@[^>[:space:]]+'))")
# Field types whose values are kept in tracking values: they are states,
# amounts and dates, not personal data (P33).
KEPT_TRACKING_TYPES = ("selection", "date", "datetime", "float", "integer",
                       "monetary", "boolean")
# Stored field types listed as "what stays" in the preview.
KEPT_TYPES = ("monetary", "float", "integer", "date", "datetime",
              "selection", "many2one", "boolean")
TECHNICAL_FIELDS = ("id", "create_uid", "write_uid", "create_date",
                    "write_date", "__last_update", "display_name",
                    "message_last_post", "company_id", "currency_id",
                    "active", "sequence")


class LotusAnonymizer(models.AbstractModel):
    _name = "lotus.anonymizer"
    _description = "Anonymisation engine"

    # ------------------------------------------------------------------
    # Configuration an addon may extend
    # ------------------------------------------------------------------
    @api.model
    def _pending_prefix(self):
        return PENDING_PREFIX

    @api.model
    def _lotus_extra_rules(self, model):
        """Rules for columns that copy personal data on a registered model
        although the model does not list them (stored copies of the name
        added by other modules, e.g. partner_firstname)."""
        if model._name != "res.partner":
            return {}
        extra = {
            "firstname": "blank",
            "lastname": "placeholder",
            "commercial_company_name": "blank",
            "company_name": "blank",
            "display_name": "placeholder",
            "signup_token": "blank",
        }
        return {k: v for k, v in extra.items() if k in model._fields}

    @api.model
    def _lotus_partner_copies(self):
        """Models that are not registered but copy a partner's data:
        ``[(model, partner many2one, {field: rule})]``. Only models and
        fields that exist are used."""
        return [
            ("payment.transaction", "partner_id", {
                "partner_name": "blank", "partner_email": "blank",
                "partner_phone": "blank", "partner_address": "blank",
                "partner_city": "blank", "partner_zip": "postal_area"}),
            ("account.bank.statement.line", "partner_id", {
                "partner_name": "blank"}),
        ]

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    @api.model
    def preview(self, partners):
        """What ``anonymize(partners)`` would do, changing nothing.

        Returns the summary described in ``anonymize``."""
        self._check_officer()
        summary = self._plan(partners)
        summary["uncovered"] = self.env[
            "lotus.privacy.finder"]._uncovered_summary(partners)
        return summary

    @api.model
    def anonymize(self, partners, reason=None):
        """Anonymise (or delete) every record of ``partners`` (and their
        contacts and addresses) that may be erased now; restrict the
        partners whose erasure waits for a legal hold or a retention term.

        Returns a dict::

            {"models": [{"model", "name", "count", "anonymized",
                         "blocked", "reasons": {reason: count},
                         "action": "anonymise"|"delete",
                         "fields": [labels erased], "keeps": [labels]}],
             "copies": {"messages", "attachments", "followers"},
             "anonymized_partner_ids": [...],
             "restricted": {partner_id: reason},
             "totals": {"done", "deleted", "blocked"}}
        """
        self._check_officer()
        partners = partners.sudo().with_context(active_test=False).exists()
        plan = self._plan(partners, count_copies=False)
        totals = {"done": 0, "deleted": 0, "blocked": 0}
        copies = plan["copies"]
        for entry in plan["models"]:
            if entry["model"] == "res.partner":
                continue
            counts = self._erase_records(
                entry["model"], entry["todo_ids"],
                delete=entry["action"] == "delete", reason=reason,
                checked=True, blocked=len(entry["blocked_ids"]))
            for key in totals:
                totals[key] += counts[key]
            for key in copies:
                copies[key] += counts.get(key, 0)
        # The partners last: their records above still named them.
        partner_entry = [e for e in plan["models"]
                         if e["model"] == "res.partner"][0]
        counts = self._erase_records(
            "res.partner", partner_entry["todo_ids"], reason=reason,
            checked=True, blocked=len(partner_entry["blocked_ids"]))
        for key in totals:
            totals[key] += counts[key]
        for key in copies:
            copies[key] += counts.get(key, 0)
        cr = self.env.cr
        done_roots = plan["anonymized_partner_ids"]
        if done_roots:
            cr.execute("""
                UPDATE res_partner SET lotus_restricted = false,
                       lotus_restriction_reason = NULL
                 WHERE id = ANY(%s) AND lotus_restriction_reason LIKE %s
            """, (done_roots, PENDING_PREFIX + "%"))
            self.env["lotus.privacy.request"]._lotus_erasure_completed(
                done_roots)
        if plan["restricted"]:
            pids = list(plan["restricted"])
            cr.execute("""
                UPDATE res_partner p SET lotus_restricted = true,
                       lotus_restriction_reason = v.reason
                  FROM unnest(%s::int[], %s::varchar[]) AS v(id, reason)
                 WHERE p.id = v.id
            """, (pids, [(PENDING_PREFIX + plan["restricted"][pid])[:250]
                         for pid in pids]))
        if plan["restricted"]:
            self.env["lotus.audit.log"]._log(
                "erasure_restricted",
                self.env["res.partner"].browse(list(plan["restricted"])),
                note=_("%d partners restricted: erasure pending") % len(
                    plan["restricted"]))
        self.env["res.partner"].invalidate_cache()
        plan["totals"] = totals
        for entry in plan["models"]:
            for key in ("todo_ids", "blocked_ids", "block_reasons",
                        "held_ids", "kept_with_others"):
                entry.pop(key, None)
        return plan

    # ------------------------------------------------------------------
    # Planning
    # ------------------------------------------------------------------
    @api.model
    def _check_officer(self):
        self._lotus_check_privacy_group("officer", _("anonymise customers"))

    @api.model
    def _partner_tree(self, partners):
        """Ids of ``partners`` and all their contacts and addresses, and
        for each the id of the requested partner it belongs to."""
        if not partners:
            return [], {}
        Partner = self.env["res.partner"].sudo().with_context(
            active_test=False)
        all_ids = Partner.search([("id", "child_of", partners.ids)]).ids
        self.env.cr.execute(
            "SELECT id, parent_id FROM res_partner WHERE id = ANY(%s)",
            (all_ids,))
        parent = dict(self.env.cr.fetchall())
        roots = set(partners.ids)
        root_of = {}
        for pid in all_ids:
            node = pid
            while node not in roots and parent.get(node):
                node = parent[node]
            root_of[pid] = node if node in roots else pid
        return all_ids, root_of

    @api.model
    def _subject_domain(self, model, partners, all_ids):
        """The model's subject domain for ``partners``, with each
        ``child_of`` of those partners replaced by ``in`` their tree
        ``all_ids`` (``_partner_tree``): the same records, without a
        hierarchy search per leaf and model (a batch of 500 customers
        made fourteen of them)."""
        ids = partners.ids

        def resolved(leaf):
            if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and \
                    leaf[1] == "child_of" and isinstance(
                        leaf[2], (list, tuple)) and list(leaf[2]) == ids:
                return (leaf[0], "in", list(all_ids))
            return leaf
        return [resolved(leaf) for leaf in model._lotus_subject_domain(
            partners)]

    @api.model
    def _held_partner_ids(self):
        """Ids of the partners under legal hold, archived ones included:
        a few, read from their partial index (lotus.retention.term.init)."""
        self.env.cr.execute(
            "SELECT id FROM res_partner WHERE lotus_legal_hold")
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def _held_ids(self, model, ids):
        """``{id: reason}`` of the records whose data subject (or its
        company) is under legal hold."""
        if not ids:
            return {}
        subject = model._lotus_subject_field()
        if subject != "id" and (
                subject not in model._fields
                or model._fields[subject].comodel_name != "res.partner"
                or not model._fields[subject].store):
            return {}
        # Holds are rare: find the held partners first, and read the batch
        # only when there are any.
        held = self._held_partner_ids()
        if not held:
            return {}
        self.env.cr.execute("""
            SELECT t.id, coalesce(p.lotus_legal_hold_reason,
                                  c.lotus_legal_hold_reason)
              FROM unnest(%%s::int[]) AS u(id)
              JOIN "%s" t ON t.id = u.id
              JOIN res_partner p ON p.id = t."%s"
              LEFT JOIN res_partner c ON c.id = p.commercial_partner_id
             WHERE (p.id = ANY(%%s) OR c.id = ANY(%%s))
        """ % (model._table, subject), (list(ids), held, held))
        if self.env.context.get("lotus_for_subject"):
            # The officer's reason may tip off the subject of an
            # investigation: the subject reads only that a hold applies.
            return {rec_id: _("legal hold: a legal obligation to keep it")
                    for rec_id, _why in self.env.cr.fetchall()}
        return {
            rec_id: _("legal hold: %s") % (why or _("no reason given"))
            for rec_id, why in self.env.cr.fetchall()}

    @api.model
    def _blocks(self, model, ids, held=None):
        """Every reason why records ``ids`` of ``model`` may not be erased
        now: legal hold (``held``: ``_held_ids`` when already known), the
        model's own blocks, internal users."""
        blocks = dict(self._held_ids(model, ids) if held is None else held)
        rest = [i for i in ids if i not in blocks]
        if rest:
            blocks.update(model.browse(rest)._lotus_erasure_blocks() or {})
        if model._name == "res.partner" and ids:
            self.env.cr.execute("""
                SELECT partner_id FROM res_users
                 WHERE partner_id = ANY(%s) AND share IS NOT TRUE
                UNION SELECT partner_id FROM res_company
                 WHERE partner_id = ANY(%s)
            """, (list(ids), list(ids)))
            for (pid,) in self.env.cr.fetchall():
                blocks.setdefault(pid, _(
                    "the partner of an employee user or of the company: "
                    "archive the user first"))
        return blocks

    @api.model
    def _not_anonymized(self, model, ids):
        """The ids that still exist and are not anonymised, in order."""
        if not ids:
            return []
        flag = "lotus_anonymized" in model._fields and \
            model._fields["lotus_anonymized"].store
        # A join on unnest(), not "id = ANY(array)": with thousands of ids
        # in a literal array PostgreSQL scans the whole table (100 ms for
        # 4,000 of 450,000 orders) instead of looking each id up.
        self.env.cr.execute(
            'SELECT t.id FROM unnest(%%s::int[]) AS u(id) '
            'JOIN "%s" t ON t.id = u.id%s ORDER BY t.id' % (
                model._table,
                " WHERE t.lotus_anonymized IS NOT TRUE" if flag else ""),
            (list(ids),))
        return [r[0] for r in self.env.cr.fetchall()]

    @api.model
    def _field_labels(self, model, names):
        return sorted({model._fields[n].string for n in names
                       if n in model._fields})

    @api.model
    def _kept_labels(self, model, personal):
        kept = [
            name for name, field in model._fields.items()
            if field.store and field.type in KEPT_TYPES
            and name not in personal and name not in TECHNICAL_FIELDS
            and not name.startswith(("message_", "activity_", "lotus_",
                                     "website_message", "signup_"))
        ]
        return self._field_labels(model, kept)[:12]

    @api.model
    def _plan(self, partners, count_copies=True):
        partners = partners.sudo().with_context(active_test=False).exists()
        all_ids, root_of = self._partner_tree(partners)
        mixin = self.env["lotus.personal.data.mixin"]
        entries = []
        blocked_roots = {}
        open_partners = set()
        for model_name in mixin._lotus_personal_models():
            model = self.env[model_name].sudo().with_context(
                active_test=False)
            if model_name == "res.partner":
                ids = list(all_ids)
            elif not all_ids:
                ids = []
            else:
                ids = model.search(self._subject_domain(
                    model, partners, all_ids), order="id").ids
            todo = self._not_anonymized(model, ids)
            if model_name == "res.partner":
                open_partners = set(todo)
            held = self._held_ids(model, todo)
            blocks = self._blocks(model, todo, held=held)
            reasons = {}
            for why in blocks.values():
                reasons[why] = reasons.get(why, 0) + 1
            if blocks:
                for rec_id, root in self._roots_of(
                        model, list(blocks), root_of).items():
                    blocked_roots.setdefault(root, set()).add(
                        "%s: %s" % (model._description, blocks[rec_id]))
            personal = dict(model._lotus_personal_fields())
            personal.update(self._lotus_extra_rules(model))
            delete = bool(model._lotus_delete_on_erasure())
            entries.append({
                "model": model_name,
                "name": model._description,
                "count": len(ids),
                "anonymized": len(ids) - len(todo),
                "blocked": len(blocks),
                "blocked_ids": list(blocks),
                # Per record, for what the customer reads (popped by
                # anonymize): the reason, and which are under legal hold.
                "block_reasons": blocks,
                "held_ids": list(held),
                "kept_with_others": [],
                "todo_ids": [i for i in todo if i not in blocks],
                "reasons": reasons,
                "action": "delete" if delete else "anonymise",
                "fields": self._field_labels(model, personal),
                "keeps": [] if delete else self._kept_labels(model, personal),
            })
        # A partner whose records are blocked keeps its own data (and its
        # addresses): invoices and held records still point at it.
        held_tree = {pid for pid in all_ids if root_of[pid] in blocked_roots}
        for entry in entries:
            if entry["model"] != "res.partner":
                continue
            extra = [i for i in entry["todo_ids"] if i in held_tree]
            entry["todo_ids"] = [i for i in entry["todo_ids"]
                                 if i not in held_tree]
            entry["blocked_ids"] += extra
            entry["kept_with_others"] = extra
            if extra:
                why = _("kept while other records of the customer are kept")
                entry["reasons"][why] = entry["reasons"].get(why, 0) + len(
                    extra)
                entry["blocked"] += len(extra)
        copies = self._count_copies(all_ids) if count_copies else {
            "messages": 0, "attachments": 0, "followers": 0}
        restricted = {
            root: "; ".join(sorted(whys))
            for root, whys in blocked_roots.items()}
        done_roots = [pid for pid in partners.ids
                      if pid not in blocked_roots and pid in open_partners]
        return {
            "models": entries,
            "copies": copies,
            "anonymized_partner_ids": done_roots,
            "restricted": restricted,
            "totals": {},
        }

    @api.model
    def _roots_of(self, model, ids, root_of):
        """``{record id: requested partner id}`` for ``ids`` of ``model``."""
        subject = model._lotus_subject_field()
        if subject == "id":
            return {i: root_of.get(i, i) for i in ids}
        field = model._fields.get(subject)
        if not field or not field.store:
            return {}
        self.env.cr.execute(
            'SELECT id, "%s" FROM "%s" WHERE id = ANY(%%s)' % (
                subject, model._table), (list(ids),))
        return {rec_id: root_of.get(pid, pid)
                for rec_id, pid in self.env.cr.fetchall() if pid}

    @api.model
    def _count_copies(self, partner_ids):
        cr = self.env.cr
        cr.execute("""
            SELECT count(*) FROM mail_message
             WHERE (model = 'res.partner' AND res_id = ANY(%s))
                OR author_id = ANY(%s)
        """, (partner_ids, partner_ids))
        messages = cr.fetchone()[0]
        cr.execute("""
            SELECT count(*) FROM ir_attachment
             WHERE res_model = 'res.partner' AND res_id = ANY(%s)
        """, (partner_ids,))
        attachments = cr.fetchone()[0]
        cr.execute("""
            SELECT count(*) FROM mail_followers
             WHERE (res_model = 'res.partner' AND res_id = ANY(%s))
                OR partner_id = ANY(%s)
        """, (partner_ids, partner_ids))
        followers = cr.fetchone()[0]
        return {"messages": messages, "attachments": attachments,
                "followers": followers}

    # ------------------------------------------------------------------
    # Execution
    # ------------------------------------------------------------------
    @api.model
    def _erase_records(self, model_name, ids, delete=False, reason=None,
                       checked=False, blocked=0):
        """Anonymise (or delete) records ``ids`` of ``model_name``.

        Without ``checked`` the blocks (legal hold, the model's own) are
        computed here and blocked records are skipped. Records already
        anonymised or deleted are skipped: running a batch twice changes
        nothing. Returns ``{"done", "deleted", "blocked"}`` counts."""
        model = self.env[model_name].sudo().with_context(active_test=False)
        todo = self._not_anonymized(model, ids)
        if not checked:
            blocks = self._blocks(model, todo)
            blocked = len(blocks)
            todo = [i for i in todo if i not in blocks]
        counts = {"done": 0, "deleted": 0, "blocked": blocked}
        if not todo:
            return counts
        delete = delete or bool(model._lotus_delete_on_erasure())
        copies = self._clean_copies(model, todo)
        records = model.browse(todo)
        personal = dict(model._lotus_personal_fields())
        personal.update(self._lotus_extra_rules(model))
        if delete:
            # The engine's own path: append-only models (proof of consent)
            # let only it delete, once their term has ended.
            records.with_context(**{ENGINE_CONTEXT_KEY: True}).unlink()
            counts["deleted"] = len(todo)
        else:
            self._apply_rules(model, todo, personal)
            if model._lotus_purge_chatter():
                self._purge_threads(records)
            records._lotus_anonymize_hook()
            counts["done"] = len(todo)
        self.env.cache.invalidate()
        note = _("%(done)d anonymised, %(deleted)d deleted, %(blocked)d "
                 "blocked; copies cleaned: %(messages)d messages, "
                 "%(attachments)d attachments, %(followers)d followers") % \
            dict(counts, **copies)
        if reason:
            note = "%s (%s)" % (note, reason)
        self.env["lotus.audit.log"]._log(
            "delete" if delete else "anonymise",
            model.browse(todo), field_names=list(personal), note=note[:250])
        counts.update(copies)
        return counts

    @api.model
    def _salt(self):
        return self.env["ir.config_parameter"].sudo().get_param(
            "database.secret", "lotus")

    @api.model
    def _rule_sql(self, field, rule):
        """``(sql expression, params)`` that a column gets for ``rule``."""
        col = '"%s"' % field.name
        textual = field.type in ("char", "text", "html")
        if field.type == "boolean":
            return "false", []
        if rule == "placeholder" and textual:
            return "%s", [PLACEHOLDER]
        if rule == "postal_area" and field.type == "char":
            return ("NULLIF(left(regexp_replace(upper(coalesce(%s, '')), "
                    "'[^0-9A-Z]', '', 'g'), 4), '')" % col), []
        if rule == "hash" and textual:
            return ("CASE WHEN %s IS NULL THEN NULL ELSE 'anon-' || "
                    "left(md5(%%s || lower(%s::text)), 16) END" % (col, col),
                    [self._salt()])
        if field.required and textual:
            return "%s", [PLACEHOLDER]
        return "NULL", []

    @api.model
    def _apply_rules(self, model, ids, personal):
        """One UPDATE for every stored personal column, plus the removal
        of binary fields kept as attachments."""
        sets, params, binary = [], [], []
        for name, rule in sorted(personal.items()):
            field = model._fields.get(name)
            if not field:
                continue
            if field.type == "binary" and getattr(field, "attachment", False):
                binary.append(name)
                continue
            if not field.store or field.type in (
                    "one2many", "many2many") or field.translate:
                continue
            expr, expr_params = self._rule_sql(field, rule)
            sets.append('"%s" = %s' % (name, expr))
            params += expr_params
        if "lotus_anonymized" in model._fields and \
                model._fields["lotus_anonymized"].store:
            sets += ["lotus_anonymized = true",
                     "lotus_anonymized_date = (now() at time zone 'UTC')"]
        if sets:
            self.env.cr.execute(
                'UPDATE "%s" SET %s WHERE id = ANY(%%s)' % (
                    model._table, ", ".join(sets)), params + [list(ids)])
        if binary:
            self.env.cr.execute("""
                SELECT id FROM ir_attachment WHERE res_model = %s
                   AND res_id = ANY(%s) AND res_field = ANY(%s)
            """, (model._name, list(ids), binary))
            att_ids = [r[0] for r in self.env.cr.fetchall()]
            if att_ids:
                self.env["ir.attachment"].sudo().browse(att_ids).unlink()
        model.invalidate_cache(ids=list(ids))

    @api.model
    def _clean_copies(self, model, ids):
        """Remove the copies of personal data of records ``ids`` kept
        outside the model. Returns counts (never values)."""
        cr = self.env.cr
        is_partner = model._name == "res.partner"
        ids = list(ids)
        partner_ids = ids if is_partner else []
        # Chatter: messages on the records and, for partners, what they
        # wrote anywhere.
        cr.execute("""
            SELECT id FROM mail_message WHERE model = %s AND res_id = ANY(%s)
            UNION
            SELECT id FROM mail_message WHERE author_id = ANY(%s)
        """, (model._name, ids, partner_ids))
        msg_ids = [r[0] for r in cr.fetchall()]
        emails = []
        if is_partner:
            emails = self._erasure_emails(ids)
        if emails:
            # E-mails received from the address before it was linked to
            # the partner.
            # unnest(): one index lookup per address (see _not_anonymized)
            cr.execute("""
                SELECT m.id FROM unnest(%%s::text[]) AS e(address)
                  JOIN mail_message m ON %s = e.address
            """ % EMAIL_FROM_ADDRESS.replace("email_from", "m.email_from"),
                       (emails,))
            msg_ids = sorted(set(msg_ids) | {r[0] for r in cr.fetchall()})
        if emails:
            # Outgoing mails to the address (one of the recipients, exactly)
            # or to the partners.
            cr.execute("""
                SELECT mail_message_id FROM mail_mail
                 WHERE EXISTS (
                       SELECT 1 FROM regexp_split_to_table(
                           lower(coalesce(email_to, '') || ',' ||
                                 coalesce(email_cc, '')), '[,;]') AS a(rcpt)
                        WHERE substring(rcpt from
                                        '[^<[:space:]]+@[^>[:space:]]+')
                              = ANY(%s))
                UNION
                SELECT m.mail_message_id FROM mail_mail m
                  JOIN mail_mail_res_partner_rel r ON r.mail_mail_id = m.id
                 WHERE r.res_partner_id = ANY(%s)
            """, (emails, ids))
            msg_ids = sorted(set(msg_ids) | {r[0] for r in cr.fetchall()})
        if msg_ids:
            cr.execute("""
                UPDATE mail_message SET body = '', subject = NULL,
                       email_from = NULL, reply_to = NULL,
                       record_name = NULL,
                       author_id = CASE WHEN author_id = ANY(%s)
                                        THEN NULL ELSE author_id END
                 WHERE id = ANY(%s)
            """, (partner_ids, msg_ids))
            cr.execute("""
                UPDATE mail_tracking_value
                   SET old_value_char = NULL, new_value_char = NULL,
                       old_value_text = NULL, new_value_text = NULL
                 WHERE mail_message_id = ANY(%s)
                   AND field_type NOT IN %s
            """, (msg_ids, KEPT_TRACKING_TYPES))
            cr.execute("""
                UPDATE mail_mail SET body_html = NULL, email_to = NULL,
                       email_cc = NULL, headers = NULL
                 WHERE mail_message_id = ANY(%s)
            """, (msg_ids,))
        if emails:
            if "mail.mass_mailing.contact" in self.env.registry:
                # Newsletter contacts with the address: deleted with
                # their chatter (mail.thread unlink).
                cr.execute("""
                    SELECT id FROM mail_mass_mailing_contact
                     WHERE lower(trim(email)) = ANY(%s)
                """, (emails,))
                contact_ids = [r[0] for r in cr.fetchall()]
                if contact_ids:
                    self.env["mail.mass_mailing.contact"].sudo().browse(
                        contact_ids).unlink()
        # Attachments of the records and of their messages, followers
        # (partners stop following anything) and activities.
        att_count, followers = self._purge_extras(
            model._name, ids, msg_ids, partner_ids)
        if is_partner:
            self._clean_partner_copies(ids)
        return {"messages": len(msg_ids), "attachments": att_count,
                "followers": followers}

    @api.model
    def _normalized_emails(self, text):
        """The addresses in ``text`` ("Name <a@b>, c@d"), lower case."""
        return sorted({e.strip().lower() for e in email_split(text or "")
                       if e.strip()})

    @api.model
    def _erasure_emails(self, partner_ids):
        """The addresses whose copies the erasure of ``partner_ids`` cleans:
        those recorded by the erasure request when it was made (context
        ``lotus_erasure_emails``, {partner id: [addresses]}), for the other
        partners their current address; exact, normalised addresses."""
        recorded = self.env.context.get("lotus_erasure_emails") or {}
        emails = set()
        for pid in partner_ids:
            emails.update(recorded.get(pid) or [])
        others = [pid for pid in partner_ids if pid not in recorded]
        if others:
            self.env.cr.execute(
                "SELECT email FROM res_partner WHERE id = ANY(%s) "
                "AND coalesce(trim(email), '') != ''", (others,))
            for (email,) in self.env.cr.fetchall():
                emails.update(self._normalized_emails(email))
        return sorted(emails)

    @api.model
    def _purge_extras(self, model_name, ids, msg_ids=(), partner_ids=()):
        """Delete what hangs on records ``ids`` of ``model_name`` besides
        their messages: their attachments and those of messages
        ``msg_ids``, their followers (and every subscription of partners
        ``partner_ids``) and their activities. A constant number of
        statements whatever the number of records; attachments go through
        the ORM so that their files leave the filestore. Returns
        ``(attachments, followers)`` counts."""
        cr = self.env.cr
        ids, msg_ids, partner_ids = list(ids), list(msg_ids), \
            list(partner_ids)
        cr.execute("""
            SELECT id FROM ir_attachment
             WHERE res_model = %s AND res_id = ANY(%s)
            UNION
            SELECT attachment_id FROM message_attachment_rel
             WHERE message_id = ANY(%s)
        """, (model_name, ids, msg_ids))
        att_ids = [r[0] for r in cr.fetchall()]
        if att_ids:
            self.env["ir.attachment"].sudo().browse(att_ids).unlink()
        cr.execute("""
            DELETE FROM mail_followers
             WHERE (res_model = %s AND res_id = ANY(%s))
                OR partner_id = ANY(%s)
        """, (model_name, ids, partner_ids))
        followers = cr.rowcount
        cr.execute("""
            DELETE FROM mail_activity WHERE res_model = %s AND res_id = ANY(%s)
        """, (model_name, ids))
        return len(att_ids), followers

    @api.model
    def _purge_threads(self, records):
        """Delete the whole chatter of ``records`` (anonymisation of a
        document whose mails and PDFs repeat names and addresses): its
        messages with their tracking values, outgoing mails and
        notifications (ON DELETE CASCADE), attachments, followers,
        activities and pending "send by email" composers. SQL, a constant
        number of statements per batch. Returns the number of messages."""
        if not records:
            return 0
        cr = self.env.cr
        ids = list(records.ids)
        cr.execute("SELECT id FROM mail_message WHERE model = %s "
                   "AND res_id = ANY(%s)", (records._name, ids))
        msg_ids = [r[0] for r in cr.fetchall()]
        self._purge_extras(records._name, ids, msg_ids)
        if msg_ids:
            cr.execute("DELETE FROM mail_message WHERE id = ANY(%s)",
                       (msg_ids,))
        cr.execute("DELETE FROM mail_compose_message WHERE model = %s "
                   "AND res_id = ANY(%s)", (records._name, ids))
        for name in ("mail.message", "mail.mail", "mail.followers",
                     "mail.activity", "mail.compose.message",
                     "mail.tracking.value"):
            if name in self.env.registry:
                self.env[name].invalidate_cache()
        records.invalidate_cache()
        return len(msg_ids)

    @api.model
    def _clean_partner_copies(self, partner_ids):
        """Portal users and columns of other models copying the partner."""
        cr = self.env.cr
        cr.execute("""
            UPDATE res_users SET login = 'anonymised-' || id, active = false,
                   signature = NULL
             WHERE partner_id = ANY(%s) AND share IS TRUE
        """, (partner_ids,))
        for model_name, partner_field, rules in self._lotus_partner_copies():
            if model_name not in self.env.registry:
                continue
            model = self.env[model_name].sudo()
            if partner_field not in model._fields:
                continue
            rules = {k: v for k, v in rules.items() if k in model._fields}
            sets, params = [], []
            for name, rule in sorted(rules.items()):
                field = model._fields[name]
                if not field.store:
                    continue
                expr, expr_params = self._rule_sql(field, rule)
                sets.append('"%s" = %s' % (name, expr))
                params += expr_params
            if sets:
                cr.execute('UPDATE "%s" SET %s WHERE "%s" = ANY(%%s)' % (
                    model._table, ", ".join(sets), partner_field),
                    params + [list(partner_ids)])
                model.invalidate_cache()
        self.env["res.users"].invalidate_cache()

    @api.model
    def _html_reasons(self, reasons):
        """``{reason: count}`` as escaped lines "reason x count"."""
        return "<br/>".join("%s &#215; %d" % (esc(why), n)
                            for why, n in sorted(reasons.items()))

    @api.model
    def _html_table(self, headers, rows):
        """A condensed table: ``headers`` are plain texts, ``rows`` lists
        of cells already in HTML (escaped by the caller)."""
        head = "".join("<th>%s</th>" % esc(h) for h in headers)
        body = "".join("<tr>%s</tr>" % "".join(
            "<td>%s</td>" % cell for cell in row) for row in rows)
        return ('<table class="table table-condensed"><thead><tr>%s</tr>'
                "</thead><tbody>%s</tbody></table>") % (head, body)

    @api.model
    def _format_preview(self, summary):
        """HTML table of a summary for the wizard (no personal values)."""
        rows = [[
            "%s<br/><small>%s</small>" % (
                esc(entry["name"]), esc(entry["model"])),
            "%d" % entry["count"],
            "%d" % (entry["count"] - entry["anonymized"] - entry["blocked"]),
            esc(_("deleted") if entry["action"] == "delete"
                else ", ".join(entry["fields"])),
            esc(", ".join(entry["keeps"])),
            "%d" % entry["blocked"] if entry["blocked"] else "",
            self._html_reasons(entry["reasons"]),
        ] for entry in summary["models"]]
        copies = summary["copies"]
        foot = _("Also cleaned: %(messages)d chatter messages, "
                 "%(attachments)d attachments, %(followers)d followers.") % \
            copies
        uncovered = ""
        if summary.get("uncovered"):
            uncovered = "<p><b>%s</b></p><ul>%s</ul>" % (
                esc(_("Kept because the engine does not cover it (remove "
                      "it from the privacy lookup):")),
                "".join("<li>%s</li>" % esc(
                    _("%(model)s.%(field)s (%(label)s), %(count)d records")
                    % {"model": model_name, "field": field_name,
                       "label": label, "count": count})
                    for model_name, label, field_name, count in
                    summary["uncovered"]))
        restricted = ""
        if summary["restricted"]:
            restricted = "<p><b>%s</b></p>" % esc(_(
                "%d partners are restricted until what blocks them ends.")
                % len(summary["restricted"]))
        table = self._html_table((
            _("Model"), _("Records"), _("Erased now"), _("Erased fields"),
            _("Stays"), _("Blocked"), _("Why")), rows)
        return "%s<p>%s</p>%s%s" % (table, esc(foot), restricted, uncovered)
