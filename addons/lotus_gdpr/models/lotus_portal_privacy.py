# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date
from odoo.http import request as http_request

from ..controllers.access_log import redact_secrets
from .mail_mail import TOKEN_PLACEHOLDER

COOKIE_NAME = "lotus_cookie_consent"
COOKIE_VALUES = ("accepted", "refused")
ANALYTICS = "lotus_gdpr.activity_analytics"
# Google Analytics measurement ids: UA-123-1 (Universal) or G-ABC123 (GA4)
GA_KEY_RE = re.compile(r"^(UA-\d{4,10}-\d{1,4}|G-[A-Z0-9]{4,16})$")


class LotusPortalPrivacy(models.AbstractModel):
    """What the customer portal needs from the privacy engine, in one
    place: the cookie choice (P16), consents given or withdrawn by the
    customer (P20, P28), requests and export (P28), the controller's
    contact data (P30). Methods act for the current user: the customer
    passes only their own partner (the controller makes sure of it)."""

    _name = "lotus.portal.privacy"
    _description = "Customer privacy self-service"

    # ------------------------------------------------------- P16 cookies
    @api.model
    def _lotus_ga_key(self):
        """The Google Analytics id from the system parameter
        ``lotus_gdpr.google_analytics_key``, or False when unset/invalid."""
        key = (self.env["ir.config_parameter"].sudo().get_param(
            "lotus_gdpr.google_analytics_key") or "").strip()
        if http_request and self._lotus_secret_in_url(
                http_request.httprequest.full_path):
            # The page's URL holds a link secret: analytics would receive it
            return False
        return key if GA_KEY_RE.match(key) else False

    @api.model
    def _lotus_secret_in_url(self, url):
        """True when ``url`` carries the secret of a single-use link or an
        access token (the ones the access log redacts)."""
        return redact_secrets(url or "") != (url or "")

    @api.model
    def _lotus_cookie_state(self):
        """"accepted", "refused" or False (not asked yet) for the visitor
        of the current request: the cookie first, then for a logged-in
        customer the choice recorded on their partner."""
        req = http_request
        if not req:
            return False
        value = req.httprequest.cookies.get(COOKIE_NAME)
        if value in COOKIE_VALUES:
            return value
        user = self.env.user
        if user and not user._is_public():
            consent = self._lotus_consent(user.partner_id, ANALYTICS)
            if consent.lotus_state == "given":
                return "accepted"
            if consent.lotus_state == "withdrawn":
                return "refused"
        return False

    @api.model
    def _lotus_record_cookie_choice(self, partner, choice, proof=None):
        proof = dict(proof or {}, note=_("Cookie banner: %s") % choice)
        if choice == "accepted":
            return self._lotus_give_consent(partner, ANALYTICS, proof)
        return self._lotus_withdraw_consent(partner, ANALYTICS, proof)

    # -------------------------------------------------------- rate limits
    @api.model
    def _lotus_rate_exceeded(self, model, limits):
        """True when one of ``limits`` is reached: each is ``(domain,
        minutes, maximum)``, counting the records of ``model`` that match
        ``domain`` and were created in the last ``minutes``."""
        now = datetime.utcnow()
        model = model.sudo().with_context(active_test=False)
        for domain, minutes, maximum in limits:
            since = fields.Datetime.to_string(now - timedelta(minutes=minutes))
            if model.search_count(list(domain) + [
                    ("create_date", ">=", since)]) >= max(0, maximum):
                return True
        return False

    @api.model
    def _lotus_param_int(self, name, default):
        value = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_gdpr.%s" % name, str(default))
        try:
            return int(value)
        except ValueError:
            return default

    # ---------------------------------------------------------- consents
    @api.model
    def _lotus_activity(self, activity):
        if isinstance(activity, str):
            return self.env.ref(activity, raise_if_not_found=False) or \
                self.env["privacy.activity"]
        return activity

    @api.model
    def _lotus_consent(self, partner, activity):
        """The partner's consent record for an activity (record or xmlid)."""
        activity = self._lotus_activity(activity)
        if not activity or not partner:
            return self.env["privacy.consent"].sudo()
        return self.env["privacy.consent"].sudo().with_context(
            active_test=False).search([
                ("partner_id", "=", partner.id),
                ("activity_id", "=", activity.id)], limit=1)

    def _lotus_consents(self):
        """privacy.consent in sudo, remembering the customer as the actor
        for the proof of consent."""
        return self.env["privacy.consent"].with_context(
            lotus_actor=self.env.uid).sudo()

    @api.model
    def _lotus_give_consent(self, partner, activity, proof=None,
                            channel="portal"):
        """Give consent; a double opt-in activity (the newsletter) becomes
        pending and a confirmation link is mailed. Returns the consent."""
        activity = self._lotus_activity(activity)
        if not activity:
            return self.env["privacy.consent"]
        return self._lotus_consents().lotus_give(
            partner, activity, channel, proof)

    @api.model
    def _lotus_withdraw_consent(self, partner, activity, proof=None,
                                channel="portal"):
        """Withdraw (or refuse) consent, effective at once."""
        activity = self._lotus_activity(activity)
        if not activity:
            return self.env["privacy.consent"]
        consent = self._lotus_consents().lotus_find_or_create(
            partner, activity)
        consent.with_context(lotus_actor=self.env.uid).sudo() \
            .action_withdraw(channel=channel, proof=proof)
        return consent

    @api.model
    def _lotus_offered_activities(self, partner):
        """Activities a customer decides on in the consent list: those
        that ask for consent and those the customer has a consent for.
        Analytics has its own place (the cookie choice)."""
        Activity = self.env["privacy.activity"].sudo()
        activities = Activity.search([("consent_required", "in",
                                       ("manual", "auto"))])
        activities |= self.env["privacy.consent"].sudo().search([
            ("partner_id", "=", partner.id)]).mapped("activity_id")
        analytics = self._lotus_activity(ANALYTICS)
        return (activities - analytics).sorted("name")

    # ------------------------------------------- objection, restriction
    @api.model
    def _lotus_object(self, partner, proof=None):
        """P29: objection to marketing, effective at once (as the user:
        the partner method lets a customer object for themselves)."""
        partner._lotus_check_privacy_user(allow_self=True)
        return partner._lotus_object_to_marketing(
            channel="portal", proof=proof)

    @api.model
    def _lotus_lift_objection(self, partner):
        return partner.action_lift_marketing_objection()

    # ------------------------------------------------ requests (P28)
    @api.model
    def _lotus_create_request(self, partner, request_type, description,
                              verified=True):
        """A data subject request made on the portal. A customer logged
        in to their account is identified; an erasure is verified only
        when the link mailed to the account's address is confirmed."""
        Request = self.env["lotus.privacy.request"].sudo()
        vals = {
            "partner_id": partner.id,
            "request_type": request_type,
            "description": description,
            "channel": "portal",
        }
        if verified:
            vals["verification_method"] = "portal_login"
        record = Request.create(vals)
        if verified:
            record.action_verify()
        self.env["lotus.audit.log"]._log(
            "portal_request_%s" % request_type, record)
        return record

    @api.model
    def _lotus_export(self, partner):
        """The customer's own export (as the customer: the partner method
        allows only their own partner)."""
        data = partner._lotus_export_personal_data()
        self.env["lotus.audit.log"]._log("portal_export", partner)
        return data

    # ------------------------------------------------- erasure (P28)
    @api.model
    def _lotus_erasure_preview(self, partner):
        """P26, P27, P28: what deletion would remove and what must be kept,
        per kind of record, in the customer's words: the categories of the
        processing register the records hold (never field labels), how
        many go now, and for what is kept why and until when (the
        retention term's plain reason and end date where a term keeps
        it). A list of ``{"model", "label", "categories", "erase",
        "kept": [{"count", "until", "text"}]}`` in the order the customer
        reads (``_lotus_customer_sequence``); False without the engine."""
        if "lotus.anonymizer" not in self.env:
            return False
        # The language of the page (the portal's), else the customer's.
        lang = self.env.context.get("lang") or partner.lang or "en_US"
        privacy = self.with_context(lang=lang)
        # The engine's plan, not preview(): the preview adds the lookup of
        # copies the engine does not cover (every text table read once,
        # about 2 s on a large shop) for the officer; the customer's page
        # does not show it.
        preview = privacy.env["lotus.anonymizer"].sudo().with_context(
            lotus_for_subject=True)._plan(partner.sudo())
        entries = [e for e in preview.get("models", []) if e.get("count")]
        rows, ends, open_ended = {}, [], False
        for entry in entries:
            model = privacy.env[entry["model"]].sudo().with_context(
                active_test=False)
            kept, row_ends, row_open = privacy._lotus_kept_groups(
                model, entry)
            ends += row_ends
            open_ended = open_ended or row_open
            rows[entry["model"]] = {
                "model": entry["model"],
                "sequence": model._lotus_customer_sequence(),
                "label": model._lotus_customer_label(),
                "categories": privacy._lotus_category_names(
                    model._lotus_data_categories()),
                "erase": len(entry.get("todo_ids") or []),
                "kept": kept,
            }
        for entry in entries:
            # What stays because other records still name the customer
            # (their details on a kept invoice) stays as long as those.
            others = len(entry.get("kept_with_others") or [])
            if not others:
                continue
            until = max(ends) if ends and not open_ended else False
            rows[entry["model"]]["kept"].append({
                "count": others, "until": until,
                "text": privacy._lotus_kept_with_others_text(until)})
        return [row for row in sorted(
            rows.values(), key=lambda r: (r["sequence"], r["model"]))
            if row["erase"] or row["kept"]]

    @api.model
    def _lotus_kept_with_others_text(self, until):
        """Why what names the customer stays: the records that are kept,
        until ``until`` (a date, or False when one of them has no end)."""
        if until:
            return _("Kept until %s at the latest: the records above that "
                     "are kept name you.") % self._lotus_date(until)
        return _("Kept as long as the records above that are kept name "
                 "you.")

    @api.model
    def _lotus_kept_groups(self, model, entry):
        """The records of one entry of the engine's plan that are kept,
        grouped by why: ``(groups, end dates, open_ended)``; open_ended
        when something is kept without an end date."""
        others = set(entry.get("kept_with_others") or [])
        held = set(entry.get("held_ids") or [])
        reasons = entry.get("block_reasons") or {}
        ids = [i for i in entry.get("blocked_ids") or [] if i not in others]
        by_term = model.browse(
            [i for i in ids if i not in held])._lotus_kept_by_term()
        terms, texts = {}, {}
        for rec_id in ids:
            if rec_id in by_term:
                term, until = by_term[rec_id]
                group = terms.setdefault(term.id, [term, until, 0])
                group[1] = max(group[1], until)
                group[2] += 1
            else:
                why = reasons.get(rec_id) or _("still in use")
                texts[why] = texts.get(why, 0) + 1
        groups, ends = [], []
        lang = self.env.context.get("lang")
        for term, until, count in terms.values():
            ends.append(until)
            if term.action == "delete":
                text = _("%(count)d kept until %(until)s, then deleted. "
                         "Why: %(why)s")
            else:
                text = _("%(count)d kept until %(until)s, then anonymised. "
                         "Why: %(why)s")
            groups.append({"count": count, "until": until, "text": text % {
                "count": count, "until": self._lotus_date(until, lang),
                "why": term.with_context(lang=lang)._lotus_customer_reason()}})
        for why, count in sorted(texts.items()):
            groups.append({"count": count, "until": False, "text": _(
                "%(count)d kept for now: %(why)s") % {
                    "count": count, "why": why}})
        return groups, ends, bool(texts)

    @api.model
    def _lotus_category_names(self, codes):
        """The names of the register's data categories ``codes``, in the
        register's order, as the customer reads them."""
        if not codes:
            return ""
        categories = self.env["lotus.privacy.data.category"].sudo().search(
            [("code", "in", list(codes))])
        return ", ".join(categories.mapped("name"))

    @api.model
    def _lotus_date(self, value, lang=None):
        """A date as the customer's language writes it."""
        return format_date(self.env, fields.Date.to_string(value),
                           lang_code=lang or self.env.context.get("lang"))

    @api.model
    def _lotus_request_erasure(self, partner):
        """Create the erasure request (or reuse the one still waiting for
        its confirmation) and mail the confirmation link (a single-use,
        expiring token of which only the hash is stored). Returns False
        when a confirmed erasure request is already being handled."""
        Request = self.env["lotus.privacy.request"].sudo()
        open_requests = Request.search([
            ("partner_id", "=", partner.id), ("request_type", "=", "erasure"),
            ("state", "in", ("new", "verified", "in_progress"))])
        if open_requests.filtered(lambda r: r.state != "new"):
            return False
        self._lotus_check_erasure_rate(partner)
        record = open_requests[:1] or self._lotus_create_request(
            partner, "erasure",
            _("Deletion of my account, asked on the customer portal"),
            verified=False)
        token = self.env["lotus.portal.token"]._lotus_create(
            "erasure", record, partner)
        base = self.env["ir.config_parameter"].sudo().get_param(
            "web.base.url", "")
        template = self.env.ref("lotus_gdpr.mail_template_erasure_confirm")
        # The secret is made when the mail leaves (see mail.mail)
        template.sudo().with_context(
            lang=partner.lang or None,
            confirm_url="%s/my/privacy/delete/confirm/%s" % (
                base, TOKEN_PLACEHOLDER),
        ).send_mail(partner.id, force_send=False, email_values=self.env[
            "mail.mail"]._lotus_link_values(token))
        return record

    @api.model
    def _lotus_check_erasure_rate(self, partner):
        """At most one confirmation mail per ``erasure_rate_minutes`` (15)
        and ``erasure_rate_per_day`` (3) per customer, and
        ``erasure_rate_global_per_hour`` (100) in all."""
        Token = self.env["lotus.portal.token"]
        mine = [("purpose", "=", "erasure"), ("partner_id", "=", partner.id)]
        if self._lotus_rate_exceeded(Token, [
                (mine, self._lotus_param_int("erasure_rate_minutes", 15), 1),
                (mine, 24 * 60, self._lotus_param_int(
                    "erasure_rate_per_day", 3)),
                ([("purpose", "=", "erasure")], 60, self._lotus_param_int(
                    "erasure_rate_global_per_hour", 100))]):
            raise UserError(_(
                "We have just sent you a confirmation link: please use the "
                "link in that mail, or try again later."))

    @api.model
    def _lotus_confirm_erasure(self, record):
        """The e-mail link was confirmed: the identity is verified (the
        link reached the account's address) and the request waits for
        staff, who run it through the anonymisation engine."""
        record = record.sudo()
        if record.state == "new":
            record.write({"verification_method": "known_email"})
            record.action_verify()
        record.message_post(body=_(
            "The customer confirmed the deletion through the e-mail link."))
        self.env["lotus.audit.log"]._log("portal_erasure_confirmed", record)
        return record

    # -------------------------------------------------------------- P30
    @api.model
    def _lotus_controller_info(self, company=None):
        """Controller, DPO and supervisory authority for the privacy page,
        from the company settings (with the Dutch authority as default)."""
        company = (company or self.env.user.company_id).sudo()

        def get(name):
            return company[name] if name in company._fields else False

        return {
            "company": company,
            "dpo_name": get("lotus_dpo_name"),
            "dpo_email": get("lotus_dpo_email") or company.email,
            "dpo_address": get("lotus_dpo_address"),
            "authority_name": get("lotus_authority_name")
            or "Autoriteit Persoonsgegevens",
            "authority_url": get("lotus_authority_url")
            or "https://autoriteitpersoonsgegevens.nl",
        }
