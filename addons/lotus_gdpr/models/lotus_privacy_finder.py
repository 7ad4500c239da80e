# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Find a person everywhere, and what of it the engine covers (P28).

The engine exports and erases what the lotus addons declare. This finder
looks past the declarations, over every table of the installed modules:

- *links*: records whose many2one or many2many to ``res.partner`` (or
  ``res.users``) points to the person or one of their contacts;
- *text*: stored char, text and html columns holding their e-mail address
  (exact address, not part of another one), their phone number (compared
  on its digits, national and international forms) or their full name;
- *duplicates*: other partners with the same e-mail address or phone.

Every hit says whether the engine covers it: the record is erased with the
person (a registered model, the field declared with its rule) or the copy
is cleaned by the engine (chatter, mails, portal user, partner copies).

Set-based: one query per table (a condition per column), never one per
record; the number of statements depends on the installed modules, not on
the data. Search terms are query parameters: they are never logged, and
no hit keeps the value it matched.
"""
import re

from odoo import _, api, models
from odoo.exceptions import UserError

try:
    import phonenumbers
except ImportError:  # pragma: no cover - in requirements.txt
    phonenumbers = None

# Models whose tables hold configuration, not data about people: never
# searched, never in the coverage report.
SKIP_MODEL_PREFIXES = (
    "ir.", "base.", "base_import.", "res.country", "res.currency",
    "res.lang", "res.groups", "report.", "web_editor.", "web_tour.",
    "lotus.audit.log", "lotus.privacy.data.category", "privacy.activity",
    "lotus.retention.term", "mail.template", "mail.alias",
    "mail.activity.type", "mail.message.subtype", "account.account",
    "account.tax", "account.journal", "product.", "uom.", "decimal.",
)
# ... except these ir.* models, which hold data of people.
KEEP_MODELS = ("ir.attachment",)

# Fields that are personal by the signs below but that the engine does not
# need to erase, each with the reason. This is the one place where such an
# exclusion is made; the coverage report and its test read it.
# Keys: (model or "*", field).
NOT_PERSONAL = {
    ("*", "create_uid"): "who created the record: a user, whose login and "
                         "partner the erasure anonymises",
    ("*", "write_uid"): "who last changed the record: a user, whose login "
                        "and partner the erasure anonymises",
    ("*", "user_id"): "the employee in charge (salesperson, assignee, "
                      "officer): staff, not a data subject of the shop",
    ("*", "verified_by_id"): "the employee who verified an identity",
    ("*", "company_id"): "the controller company, not a person",
    ("res.company", "partner_id"): "the controller company's own partner",
    ("res.company", "email"): "the controller company's address",
    ("res.company", "phone"): "the controller company's phone",
    ("res.company", "street"): "the controller company's address",
    ("res.company", "street2"): "the controller company's address",
    ("res.company", "zip"): "the controller company's address",
    ("res.company", "city"): "the controller company's address",
    ("res.company", "lotus_dpo_email"): "the DPO's business address, "
                                        "published in the privacy policy",
    ("res.company", "lotus_dpo_phone"): "the DPO's business phone, "
                                        "published in the privacy policy",
    ("res.company", "lotus_authority_email"): "the supervisory authority",
    ("res.company", "lotus_authority_phone"): "the supervisory authority",
    ("res.company", "lotus_authority_address"): "the supervisory authority",
    ("res.company", "lotus_dpo_id"): "the DPO, an employee, published in "
                                     "the privacy policy",
    ("lotus.privacy.recipient", "partner_id"): "a carrier, processor or "
                                               "authority: a company",
    ("lotus.privacy.recipient", "email"): "a company's business address",
    ("delivery.carrier", "lotus_recipient_partner_id"): "a carrier: a "
                                                        "company",
    ("*", "salesman_id"): "the salesperson: staff",
    ("helpdesk.ticket.team", "alias_contact"): "a setting, not a value",
    ("helpdesk.ticket.team", "user_ids"): "the team's employees",
    ("crm.team", "favorite_user_ids"): "employees' favourites",
    ("res.company", "user_ids"): "access rights of users; a portal user "
                                 "is anonymised by the erasure",
    ("res.partner", "parent_id"): "the company a contact belongs to: "
                                  "contacts are erased with their parent",
    ("res.partner", "commercial_partner_id"): "the company a contact "
                                              "belongs to: contacts are "
                                              "erased with their parent",
    ("stock.warehouse", "partner_id"): "the warehouse's address: the shop",
    ("mail.mass_mailing", "email_from"): "the shop's sender address",
    ("res.company", "lotus_return_address_id"): "the shop's own return "
                                                "address",
    ("lotus.privacy.disclosure", "partner_ids"): "accountability (art. "
                                                 "5(2) GDPR): to whom data "
                                                 "was disclosed; references,"
                                                 " no values",
    ("lotus.privacy.request", "lotus_same_person_ids"): "partners erased "
                                                        "with the request's "
                                                        "subject",
    ("lotus.portal.token", "partner_id"): "a hashed single-use link: no "
                                          "value, deleted at expiry",
    ("lotus.newsletter.signup", "email_hash"): "a keyed hash for the rate "
                                               "limit, deleted with the "
                                               "sign-up",
}

# Copies of personal data the engine cleans although their models are
# not registered (lotus.anonymizer._clean_copies and
# _clean_partner_copies): {model: {field: what the engine does}}.
ENGINE_COPIES = {
    "mail.message": {
        "author_id": "chatter clean-up", "body": "chatter clean-up",
        "subject": "chatter clean-up", "email_from": "chatter clean-up",
        "reply_to": "chatter clean-up", "record_name": "chatter clean-up",
        "partner_ids": "chatter clean-up", "res_id": "chatter clean-up",
        "needaction_partner_ids": "chatter clean-up",
    },
    "mail.mail": {
        "body_html": "chatter clean-up", "email_to": "chatter clean-up",
        "email_cc": "chatter clean-up", "headers": "chatter clean-up",
        "recipient_ids": "chatter clean-up",
    },
    "mail.tracking.value": {
        "old_value_char": "chatter clean-up",
        "new_value_char": "chatter clean-up",
        "old_value_text": "chatter clean-up",
        "new_value_text": "chatter clean-up",
    },
    "mail.followers": {"partner_id": "deleted"},
    "mail.notification": {"res_partner_id": "deleted with the message"},
    "mail.activity": {"res_id": "deleted"},
    "mail.mass_mailing.contact": {"email": "deleted", "name": "deleted"},
    "res.users": {"partner_id": "portal user anonymised",
                  "login": "portal user anonymised",
                  "signature": "portal user anonymised"},
}

# Copies that belong to a chatter message: cleaned with it.
MESSAGE_CHILDREN = ("mail.mail", "mail.tracking.value", "mail.notification")

# Names of char fields that hold contact data wherever they appear.
CONTACT_FIELD = re.compile(
    r"(^|_)(e_?mail|email_from|email_to|email_cc|phone|mobile|fax|street2?"
    r"|zip|city|address)(_|$)")
# Per table, at most this many records are listed.
ROW_LIMIT = 500
EMAIL_RE = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
# Characters a phone number is written with between its digits: removed
# with translate() (far cheaper than a regular expression) before the
# digits are compared.
PHONE_SEPARATORS = " ()./-"
# Columns that hold codes, tokens and technical names, never a person's
# e-mail, phone or name.
TECHNICAL_COLUMN = re.compile(
    r"(^|_)(token|hash|password|barcode|model|res_model|message_id|"
    r"signup_type|access_url|state|uuid)$")
LOTUS_MODULES = ("lotus_gdpr", "lotus_sales", "lotus_returns",
                 "lotus_helpdesk")


def like_escape(value):
    return value.replace("\\", "\\\\").replace("%", r"\%").replace(
        "_", r"\_")


def regex_escape(value):
    """A literal for a PostgreSQL ARE: every non-alphanumeric escaped."""
    return "".join(c if c.isalnum() else "\\" + c for c in value)


class LotusPrivacyFinder(models.AbstractModel):
    _name = "lotus.privacy.finder"
    _description = "Privacy lookup and coverage engine"

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @api.model
    def _check_privacy_user(self):
        self._lotus_check_privacy_group("user", _(
            "look up a person or see the coverage of the privacy engine"))

    @api.model
    def _check_privacy_officer(self):
        self._lotus_check_privacy_group("officer", _(
            "remove records found by the privacy lookup"))

    # ------------------------------------------------------------------
    # Normalisation of the search terms
    # ------------------------------------------------------------------
    @api.model
    def _normalize_email(self, value):
        value = (value or "").strip().lower()
        match = re.search(r"<([^>]+)>", value)
        if match:
            value = match.group(1).strip()
        return value if EMAIL_RE.match(value) else False

    @api.model
    def _default_region(self):
        country = self.env.user.company_id.country_id
        return (country.code or "NL").upper()

    @api.model
    def _normalize_phone(self, value, region=None):
        """``(country code, national number)`` of a phone number, or
        False when it is no phone number."""
        value = (value or "").strip()
        digits = re.sub(r"\D", "", value)
        if len(digits) < 6:
            return False
        number = None
        if phonenumbers:
            try:
                number = phonenumbers.parse(
                    value, (region or self._default_region()))
            except phonenumbers.NumberParseException:
                number = None
        if number:
            return (str(number.country_code), str(number.national_number))
        return ("", digits.lstrip("0"))

    @api.model
    def _name_words(self, value):
        words = re.findall(r"\w+", value or "", re.UNICODE)
        return words if len(words) >= 2 else []

    @api.model
    def _terms(self, partners, name=None, email=None, phone=None):
        """The search terms: those typed, plus the names, addresses and
        phones of ``partners``. Invalid typed terms raise."""
        emails, phones, names = set(), set(), set()
        if email:
            normalized = self._normalize_email(email)
            if not normalized:
                raise UserError(_(
                    "E-mail address: enter one complete address "
                    "(name@domain.tld)."))
            emails.add(normalized)
        if phone:
            normalized = self._normalize_phone(phone)
            if not normalized:
                raise UserError(_(
                    "Phone number: enter at least six digits."))
            phones.add(normalized)
        if name:
            words = self._name_words(name)
            if not words:
                raise UserError(_(
                    "Name: enter the full name (first and family name); "
                    "a single word would match too many records."))
            names.add(tuple(words))
        for partner in partners:
            normalized = self._normalize_email(partner.email)
            if normalized:
                emails.add(normalized)
            region = partner.country_id.code
            for number in (partner.phone, partner.mobile):
                normalized = number and self._normalize_phone(number, region)
                if normalized:
                    phones.add(normalized)
            words = self._name_words(partner.name)
            if words and not partner.is_company:
                names.add(tuple(words))
        return {"emails": sorted(emails), "phones": sorted(phones),
                "names": sorted(names)}

    @api.model
    def _patterns(self, terms):
        """``{kind: (like patterns, regular expression, case-insensitive,
        compare on the digits)}`` for the terms."""
        patterns = {}
        if terms["emails"]:
            patterns["email"] = (
                ["%%%s%%" % like_escape(e) for e in terms["emails"]],
                "(?<![a-z0-9._%%+-])(%s)(?![a-z0-9_-]|\\.[a-z0-9])" % "|".join(
                    regex_escape(e) for e in terms["emails"]),
                True, False)
        if terms["phones"]:
            alternatives = []
            likes = set()
            tails = set()
            for code, national in terms["phones"]:
                prefix = "(\\+|00)%s0?|0" % code if code else "0"
                alternatives.append("(%s)?%s" % (prefix, national))
                likes.add("%%%s%%" % national)
                # The last four digits as they are written: together or
                # as two pairs (06 12 34 56 78).
                tails.update("%%%s%s%s%%" % (national[-4:-2], sep,
                                             national[-2:])
                             for sep in ("", " ", "-", "."))
            patterns["phone"] = (
                (sorted(tails), sorted(likes)),
                "(?<![0-9])(%s)(?![0-9])" % "|".join(alternatives),
                False, True)
        if terms["names"]:
            patterns["name"] = (
                ["%%%s%%" % "%".join(like_escape(w) for w in words)
                 for words in terms["names"]],
                "\\m(%s)\\M" % "|".join(
                    "[[:space:]]+".join(regex_escape(w) for w in words)
                    for words in terms["names"]),
                True, False)
        return patterns

    # ------------------------------------------------------------------
    # The models and columns searched
    # ------------------------------------------------------------------
    @api.model
    def _searchable_models(self):
        """Concrete models with a table of their own, minus configuration
        (``SKIP_MODEL_PREFIXES``)."""
        result = []
        for name in sorted(self.env.registry):
            model = self.env[name]
            if model._abstract or model._transient or not model._auto:
                continue
            if name.startswith(SKIP_MODEL_PREFIXES) and \
                    name not in KEEP_MODELS:
                continue
            result.append(model)
        return result

    @api.model
    def _stored(self, field):
        return field.store and field.column_type and not field.inherited

    @api.model
    def _link_fields(self, model):
        """Stored many2one and many2many fields to a partner or a user."""
        return [
            field for field in model._fields.values()
            if field.type in ("many2one", "many2many")
            and field.comodel_name in ("res.partner", "res.users")
            and field.store and not field.inherited
            and field.name not in ("create_uid", "write_uid")
            and (field.type == "many2many" or field.column_type)
        ]

    @api.model
    def _text_fields(self, model):
        return [field for field in model._fields.values()
                if field.type in ("char", "text", "html")
                and self._stored(field)
                and not TECHNICAL_COLUMN.search(field.name)]

    # ------------------------------------------------------------------
    # What the engine covers
    # ------------------------------------------------------------------
    @api.model
    def _registered(self):
        """``{model: {field: rule}}`` of the registered models, with the
        subject field (the record is erased with its subject)."""
        mixin = self.env["lotus.personal.data.mixin"]
        anonymizer = self.env["lotus.anonymizer"]
        result = {}
        for name in mixin._lotus_personal_models():
            model = self.env[name]
            if model._lotus_delete_on_erasure():
                rules = {f: "delete" for f in model._fields}
            else:
                rules = dict(model._lotus_personal_fields())
                rules.update(anonymizer._lotus_extra_rules(model))
            subject = model._lotus_subject_field()
            if subject in model._fields:
                rules.setdefault(subject, _("erased with the subject"))
            result[name] = rules
        for name, partner_field, rules in anonymizer._lotus_partner_copies():
            if name in self.env.registry:
                entry = result.setdefault(name, {})
                entry.update(rules)
                entry.setdefault(partner_field, _("copy of the partner"))
        for name, rules in ENGINE_COPIES.items():
            if name in self.env.registry:
                for field, rule in rules.items():
                    result.setdefault(name, {}).setdefault(field, rule)
        return result

    @api.model
    def _exclusion(self, model_name, field_name):
        """Why ``model.field`` is deliberately not personal, or None."""
        return NOT_PERSONAL.get((model_name, field_name)) or \
            NOT_PERSONAL.get(("*", field_name))

    @api.model
    def _processed_ids(self, partners, all_ids):
        """``{model: set(ids)}``: the records an erasure of ``partners``
        processes (one search per registered model)."""
        mixin = self.env["lotus.personal.data.mixin"]
        result = {"res.partner": set(all_ids)}
        if not all_ids:
            return result
        for name in mixin._lotus_personal_models():
            if name == "res.partner":
                continue
            model = self.env[name].sudo().with_context(active_test=False)
            result[name] = set(model.search(
                model._lotus_subject_domain(partners)).ids)
        for name, partner_field, _rules in \
                self.env["lotus.anonymizer"]._lotus_partner_copies():
            if name in self.env.registry and \
                    partner_field in self.env[name]._fields:
                model = self.env[name].sudo().with_context(active_test=False)
                result.setdefault(name, set()).update(model.search(
                    [(partner_field, "in", all_ids)]).ids)
        return result

    @api.model
    def _covered_messages(self, msg_ids, all_ids, emails, processed):
        """The messages among ``msg_ids`` that an erasure cleans: on a
        processed record, written by the person, or mailed to or from
        their address (as lotus.anonymizer._clean_copies selects them)."""
        if not msg_ids:
            return set()
        clauses = ["author_id = ANY(%s)"]
        params = [list(all_ids)]
        if emails:
            clauses.append(
                "lower(substring(email_from from "
                "'[^<[:space:]]+@[^>[:space:]]+')) = ANY(%s)")
            params.append(list(emails))
        for name, ids in sorted(processed.items()):
            if ids:
                clauses.append("(model = %s AND res_id = ANY(%s))")
                params += [name, list(ids)]
        self.env.cr.execute(
            "SELECT id FROM mail_message WHERE id = ANY(%%s) AND (%s)"
            % " OR ".join(clauses), [list(msg_ids)] + params)
        return {r[0] for r in self.env.cr.fetchall()}

    # ------------------------------------------------------------------
    # The lookup
    # ------------------------------------------------------------------
    @api.model
    def _find(self, partners, name=None, email=None, phone=None):
        """Every hit for ``partners`` (with their contacts) and the typed
        terms. Returns a list of dicts ``{model, res_id, field, kinds,
        covered, rule}``, ``kinds`` a set of "link", "email", "phone",
        "name", "duplicate". Never the matched values."""
        self._check_privacy_user()
        partners = partners.sudo().with_context(active_test=False).exists()
        anonymizer = self.env["lotus.anonymizer"]
        all_ids, _root_of = anonymizer._partner_tree(partners)
        terms = self._terms(
            self.env["res.partner"].sudo().browse(all_ids), name=name,
            email=email, phone=phone)
        if not all_ids and not any(terms.values()):
            raise UserError(_(
                "Choose a contact, or enter a name, an e-mail address or a "
                "phone number to look up."))
        cr = self.env.cr
        user_ids = []
        if all_ids:
            cr.execute("SELECT id FROM res_users WHERE partner_id = ANY(%s)",
                       (list(all_ids),))
            user_ids = [r[0] for r in cr.fetchall()]
        hits = {}

        def add(model_name, res_id, field_name, kind):
            key = (model_name, res_id, field_name)
            hits.setdefault(key, set()).add(kind)

        patterns = self._patterns(terms)
        own = set(all_ids)
        for model in self._searchable_models():
            # Links: one query per column.
            for field in self._link_fields(model):
                targets = all_ids if field.comodel_name == "res.partner" \
                    else user_ids
                if not targets:
                    continue
                if field.type == "many2one":
                    # No ORDER BY: with a LIMIT it would invite a walk of
                    # the primary key through the whole table.
                    cr.execute('SELECT id FROM "%s" WHERE "%s" = ANY(%%s) '
                               'LIMIT %d' % (
                                   model._table, field.name, ROW_LIMIT),
                               (list(targets),))
                else:
                    cr.execute(
                        'SELECT DISTINCT "%s" FROM "%s" WHERE "%s" = ANY(%%s)'
                        ' LIMIT %d' % (
                            field.column1, field.relation, field.column2,
                            ROW_LIMIT), (list(targets),))
                for (rec_id,) in cr.fetchall():
                    if model._name == "res.partner" and rec_id in own:
                        continue
                    add(model._name, rec_id, field.name, "link")
            # Text: one query per table, a condition per column.
            if patterns:
                self._find_text(model, patterns, add)
        return self._classify(partners, all_ids, terms, hits)

    @api.model
    def _find_text(self, model, patterns, add):
        """One query for the text columns of ``model``: a cheap prefilter
        on all of them at once (LIKE on their concatenation: one pass per
        row instead of one per column and term), then the exact match of
        each column on the rows it lets through."""
        columns = self._text_fields(model)
        if not columns:
            return
        joined = "concat_ws(chr(1), %s)" % ", ".join(
            '"%s"' % field.name for field in columns)
        wheres, params_where = [], []
        insensitive_likes = []
        for kind, (likes, _regex, insensitive, digits) in sorted(
                patterns.items()):
            if digits:
                # A plain LIKE on the last four digits first, translate()
                # only on the rows that pass.
                tails, numbers = likes
                wheres.append(
                    "(%s LIKE ANY(%%s) AND translate(%s, '%s', '') "
                    "LIKE ANY(%%s))" % (joined, joined, PHONE_SEPARATORS))
                params_where += [tails, numbers]
            elif insensitive:
                insensitive_likes += likes
            else:
                wheres.append("%s LIKE ANY(%%s)" % joined)
                params_where.append(likes)
        if insensitive_likes:
            # lower() once and LIKE: several times cheaper than ILIKE.
            wheres.append("lower(%s) LIKE ANY(%%s)" % joined)
            params_where.append([like.lower() for like in insensitive_likes])
        selects, params_select, flags = [], [], []
        for field in columns:
            col = '"%s"' % field.name
            for kind, (likes, regex, insensitive, digits) in sorted(
                    patterns.items()):
                value = "translate(%s, '%s', '')" % (
                    col, PHONE_SEPARATORS) if digits else col
                selects.append("coalesce(%s %s %%s, false)" % (
                    value, "~*" if insensitive else "~"))
                params_select.append(regex)
                flags.append((field.name, kind))
        self.env.cr.execute(
            'SELECT id, %s FROM "%s" WHERE %s LIMIT %d' % (
                ", ".join(selects), model._table, " OR ".join(wheres),
                ROW_LIMIT), params_select + params_where)
        for row in self.env.cr.fetchall():
            for (field_name, kind), matched in zip(flags, row[1:]):
                if matched:
                    add(model._name, row[0], field_name, kind)

    @api.model
    def _classify(self, partners, all_ids, terms, hits):
        """Whether the engine covers each hit. A record the erasure
        processes covers its declared fields, and its links to the person
        (they point to a partner the erasure anonymises); chatter copies
        are covered when the engine cleans their message."""
        registered = self._registered()
        processed = self._processed_ids(partners, all_ids)
        msg_ids = {res_id for (name, res_id, _f) in hits
                   if name == "mail.message"}
        message_of = {}
        for name in MESSAGE_CHILDREN:
            ids = [res_id for (model, res_id, _f) in hits if model == name]
            if ids:
                self.env.cr.execute(
                    'SELECT id, mail_message_id FROM "%s" WHERE id = ANY(%%s)'
                    % self.env[name]._table, (ids,))
                message_of[name] = dict(self.env.cr.fetchall())
                msg_ids |= set(message_of[name].values())
        covered_msgs = self._covered_messages(
            msg_ids, all_ids, terms["emails"], processed)
        own = set(all_ids)
        result = []
        for (name, res_id, field_name), kinds in sorted(hits.items()):
            rule = registered.get(name, {}).get(field_name)
            if name == "mail.message":
                covered = bool(rule) and res_id in covered_msgs
            elif name in MESSAGE_CHILDREN:
                covered = bool(rule) and \
                    message_of[name].get(res_id) in covered_msgs
            elif name in ENGINE_COPIES:
                covered = bool(rule)
            elif res_id in processed.get(name, ()):
                if not rule and kinds == {"link"}:
                    rule = _("erased with the subject")
                covered = bool(rule)
            else:
                covered = False
            if name == "res.partner" and res_id not in own and \
                    kinds & {"email", "phone"} and \
                    field_name in ("email", "phone", "mobile"):
                kinds = kinds | {"duplicate"}
                covered = False
            result.append({
                "model": name, "res_id": res_id, "field": field_name,
                "kinds": kinds, "covered": covered,
                "rule": rule if covered else False,
            })
        return result

    @api.model
    def _uncovered_summary(self, partners):
        """``[(model, field label, field, count)]`` of what the engine does
        not cover for ``partners``: the lines "kept because the engine does
        not cover it" of the erasure preview."""
        counts = {}
        for hit in self._find(partners):
            if hit["covered"]:
                continue
            key = (hit["model"], hit["field"])
            counts.setdefault(key, set()).add(hit["res_id"])
        result = []
        for (name, field_name), ids in sorted(counts.items()):
            field = self.env[name]._fields.get(field_name)
            result.append((name, field.string if field else field_name,
                           field_name, len(ids)))
        return result

    # ------------------------------------------------------------------
    # Coverage of the whole database
    # ------------------------------------------------------------------
    @api.model
    def _personal_signs(self, model):
        """``{field: sign}`` of the stored fields of ``model`` that
        plausibly hold personal data."""
        signs = {}
        links = self._link_fields(model)
        partner_link = any(f.comodel_name == "res.partner" for f in links)
        for field in links:
            signs[field.name] = "link to %s" % field.comodel_name
        for field in self._text_fields(model):
            if CONTACT_FIELD.search(field.name) and field.type == "char":
                signs[field.name] = "contact data"
            elif field.type == "html" and partner_link:
                signs[field.name] = "text of a record linked to a partner"
        return signs

    @api.model
    def _coverage(self, models_=None):
        """Every personal-looking field no lotus declaration covers:
        ``[{model, field, sign, records}]``; one count query per table."""
        self._check_privacy_user()
        registered = self._registered()
        rows = []
        for model in models_ or self._searchable_models():
            signs = self._personal_signs(model)
            missing = [
                name for name in sorted(signs)
                if not registered.get(model._name, {}).get(name)
                and not self._exclusion(model._name, name)]
            if not missing:
                continue
            counts = self._count_set(model, missing)
            for name in missing:
                rows.append({"model": model._name, "field": name,
                             "sign": signs[name],
                             "records": counts.get(name, 0)})
        return rows

    @api.model
    def _count_set(self, model, names):
        """``{field: number of records where it is set}``. Table and column
        names come from the registry, never from input."""
        cr = self.env.cr
        counts = {}
        columns = [n for n in names if model._fields[n].type != "many2many"]
        if columns:
            cr.execute(  # pylint: disable=sql-injection
                'SELECT %s FROM "%s"' % (
                    ", ".join('count("%s")' % n for n in columns),
                    model._table))
            counts.update(zip(columns, cr.fetchone()))
        for name in names:
            field = model._fields[name]
            if field.type == "many2many":
                cr.execute(  # pylint: disable=sql-injection
                    'SELECT count(DISTINCT "%s") FROM "%s"' % (
                        field.column1, field.relation))
                counts[name] = cr.fetchone()[0]
        return counts
