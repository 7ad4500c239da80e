# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's side of privacy: cookie choice (P16), the privacy page
with consents, requests, export and deletion (P28), the controller and
the authority (P30), and the public newsletter sign-up with double
opt-in (P20).

Every POST goes through Odoo's CSRF check (``csrf=True`` is the default
of ``type="http"`` routes). Everything a customer reaches by id is
checked to be theirs and answers 404 otherwise."""
import json

from markupsafe import Markup, escape
from werkzeug.exceptions import NotFound
from werkzeug.urls import url_parse

from odoo import _, fields, http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request
from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.lotus_portal_privacy import COOKIE_NAME, COOKIE_VALUES
from .main import consent_proof

COOKIE_MAX_AGE = 180 * 24 * 3600  # the choice is asked again after 6 months


def _safe_redirect(target, default="/my/privacy"):
    """Only local paths: no open redirect through our forms."""
    if not target:
        return default
    parsed = url_parse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") \
            or target.startswith("//") or "\\" in target:
        return default
    return target


class LotusPrivacyPortal(CustomerPortal):

    # ------------------------------------------------------------ helpers
    def _lotus_partner(self):
        return request.env.user.partner_id

    def _lotus_privacy(self):
        return request.env["lotus.portal.privacy"]

    def _lotus_requests_domain(self, partner):
        # The data subject is the person, not their company: colleagues
        # of the same company do not see each other's requests.
        return [("partner_id", "=", partner.id)]

    def _lotus_request_model(self):
        if "lotus.privacy.request" in request.env:
            return request.env["lotus.privacy.request"].sudo()
        return None

    def _lotus_request_check_access(self, request_id):
        """The request if it is the customer's own, else 404."""
        Request = self._lotus_request_model()
        if Request is None:
            raise NotFound()
        record = Request.browse(request_id).exists()
        if not record or record.partner_id != self._lotus_partner():
            raise NotFound()
        return record

    def _prepare_portal_layout_values(self):
        values = super(LotusPrivacyPortal, self) \
            ._prepare_portal_layout_values()
        Request = self._lotus_request_model()
        count = 0
        if Request is not None and not request.env.user._is_public():
            count = Request.search_count(
                self._lotus_requests_domain(self._lotus_partner()))
        values["lotus_privacy_request_count"] = count
        return values

    # ------------------------------------------------------- P16 cookies
    @http.route("/privacy/cookies", type="http", auth="public",
                methods=["POST"], website=True)
    def lotus_cookie_choice(self, choice=None, redirect=None, **kw):
        """Remember the visitor's cookie choice; for a logged-in customer
        also record it as their analytics consent."""
        if choice not in COOKIE_VALUES:
            raise NotFound()
        user = request.env.user
        if not user._is_public():
            self._lotus_privacy()._lotus_record_cookie_choice(
                user.partner_id, choice, consent_proof())
        response = request.redirect(_safe_redirect(
            redirect or request.httprequest.referrer and
            url_parse(request.httprequest.referrer).replace(
                scheme="", netloc="").to_url(), "/"))
        response.set_cookie(
            COOKIE_NAME, choice, max_age=COOKIE_MAX_AGE, path="/",
            secure=request.httprequest.scheme == "https")
        return response

    # ------------------------------------------------- P28/P30 the page
    def _lotus_privacy_values(self, **extra):
        partner = self._lotus_partner()
        privacy = self._lotus_privacy()
        values = self._prepare_portal_layout_values()
        activities = privacy._lotus_offered_activities(partner)
        consents = [(activity, privacy._lotus_consent(partner, activity))
                    for activity in activities]
        Request = self._lotus_request_model()
        requests_ = Request.search(
            self._lotus_requests_domain(partner), order="id desc") \
            if Request is not None else []
        values.update({
            "page_name": "lotus_privacy",
            "partner": partner,
            "consents": consents,
            "cookie_state": privacy._lotus_cookie_state(),
            "privacy_requests": requests_,
            "controller": privacy._lotus_controller_info(),
            "message": request.params.get("message"),
            "request_types": self._lotus_request_types(),
        })
        values.update(extra)
        return values

    def _lotus_request_types(self):
        Request = self._lotus_request_model()
        if Request is None:
            return {}
        return dict(Request._fields["request_type"]._description_selection(
            request.env))

    @http.route("/my/privacy", type="http", auth="user", website=True)
    def lotus_privacy(self, **kw):
        """P28/P30: the customer's privacy page."""
        return request.render("lotus_gdpr.portal_my_privacy",
                              self._lotus_privacy_values())

    def _lotus_back(self, message):
        return request.redirect("/my/privacy?message=%s" % message)

    @http.route("/my/privacy/consent", type="http", auth="user",
                methods=["POST"], website=True)
    def lotus_privacy_consent(self, activity_id=None, choice=None, **kw):
        """One click gives or withdraws a consent. Giving the newsletter
        consent sends the double opt-in mail: it counts once confirmed."""
        partner = self._lotus_partner()
        privacy = self._lotus_privacy()
        try:
            activity_id = int(activity_id)
        except (TypeError, ValueError):
            raise NotFound()
        activity = request.env["privacy.activity"].sudo().browse(activity_id)
        if activity not in privacy._lotus_offered_activities(partner) \
                or choice not in ("give", "withdraw"):
            raise NotFound()
        proof = dict(consent_proof(), note=_("Privacy page"))
        if choice == "withdraw":
            privacy._lotus_withdraw_consent(partner, activity, proof)
            return self._lotus_back("consent_withdrawn")
        try:
            consent = privacy._lotus_give_consent(partner, activity, proof)
        except UserError as error:
            return request.render("lotus_gdpr.portal_my_privacy",
                                  self._lotus_privacy_values(error=error.name))
        if consent.lotus_state == "pending":
            return self._lotus_back("double_opt_in_sent")
        return self._lotus_back("consent_given")

    @http.route("/my/privacy/objection", type="http", auth="user",
                methods=["POST"], website=True)
    def lotus_privacy_objection(self, objection=None, **kw):
        """P29: object to all marketing at once (or lift the objection)."""
        partner = self._lotus_partner()
        if objection == "lift":
            self._lotus_privacy()._lotus_lift_objection(partner)
            return self._lotus_back("objection_lifted")
        self._lotus_privacy()._lotus_object(partner, dict(
            consent_proof(), note=_("Privacy page")))
        return self._lotus_back("objection_recorded")

    @http.route("/my/privacy/request", type="http", auth="user",
                methods=["POST"], website=True)
    def lotus_privacy_request_create(self, request_type=None,
                                     description=None, **kw):
        """A request handled by staff: rectification or restriction."""
        if request_type not in ("rectification", "restriction"):
            raise NotFound()
        description = (description or "").strip()
        if not description:
            values = self._lotus_privacy_values(
                error=_("Please describe what should be corrected or "
                        "why processing should be restricted."),
                error_type=request_type)
            return request.render("lotus_gdpr.portal_my_privacy", values)
        self._lotus_privacy()._lotus_create_request(
            self._lotus_partner(), request_type, description[:4000])
        return self._lotus_back("request_created")

    @http.route("/my/privacy/requests/<int:request_id>", type="http",
                auth="user", website=True)
    def lotus_privacy_request(self, request_id, **kw):
        record = self._lotus_request_check_access(request_id)
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "lotus_privacy_request",
            "privacy_request": record,
            "request_types": self._lotus_request_types(),
        })
        return request.render("lotus_gdpr.portal_my_privacy_request", values)

    # ---------------------------------------------------- export (access)
    def _lotus_export(self):
        partner = self._lotus_partner()
        return self._lotus_privacy()._lotus_export(partner)

    @http.route("/my/privacy/export", type="http", auth="user",
                website=True)
    def lotus_privacy_export(self, **kw):
        """The customer's own data, readable (the access right)."""
        export = self._lotus_export()
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "lotus_privacy_export",
                       "export": export,
                       "sections": self._lotus_export_sections(export)})
        return request.render("lotus_gdpr.portal_my_privacy_export", values)

    def _lotus_export_sections(self, export):
        """P17, P28: the export as the readable page shows it, in the
        order of the export (their details, orders, invoices, returns,
        tickets, consents, requests, then the rest): a list of
        ``{"kind": "records", "title", "rows": [(record title, [(label,
        text)])]}`` (empty and binary values left out) with the consents
        (``{"kind": "consents", "title", "consents"}``) where the consent
        history's ``_lotus_customer_sequence`` puts them."""
        Event = request.env["lotus.consent.event"]
        consents = {"kind": "consents", "title": Event._lotus_customer_label(),
                    "consents": export.get("consents") or []}
        consents_at = Event._lotus_customer_sequence()
        sections = []
        for model, block in export.get("records", {}).items():
            if consents and model in request.env and request.env[
                    model]._lotus_customer_sequence() > consents_at:
                sections.append(consents)
                consents = None
            rows = []
            for rec in block["records"]:
                lines = []
                for name, label in block["fields"].items():
                    value = rec.get(name)
                    if block["types"].get(name) == "binary" or \
                            value in (None, False, "", []):
                        continue
                    if isinstance(value, (list, tuple)):
                        value = ", ".join("%s" % v for v in value)
                    elif value is True:
                        value = _("Yes")
                    lines.append((label, "%s" % value))
                rows.append((rec.get("record_title") or rec.get("name"), lines))
            sections.append({"kind": "records", "title": block["label"],
                             "rows": rows, "html": self._lotus_rows_html(rows)})
        if consents:
            sections.append(consents)
        return sections

    @staticmethod
    def _lotus_rows_html(rows):
        """The table rows of one section, escaped. Built here rather than
        by a QWeb loop: a customer with a thousand orders has some 15,000
        rows, which QWeb's per-row loop bookkeeping took seconds to render
        (make bench); the markup is the same."""
        parts = []
        for title, lines in rows:
            parts.append('<tr class="active"><th colspan="2" class='
                         '"lotus_export_title">%s</th></tr>' % escape(
                             "%s" % (title or "")))
            parts.extend('<tr><td>%s</td><td>%s</td></tr>' % (
                escape(label), escape(text)) for label, text in lines)
        return Markup("".join(parts))

    @http.route("/my/privacy/export.json", type="http", auth="user",
                website=True)
    def lotus_privacy_export_json(self, **kw):
        """The customer's own data as a JSON file (portability)."""
        export = self._lotus_export()
        # Not sorted: the sections keep the order the customer reads.
        body = json.dumps(export, indent=2, default=str, ensure_ascii=False)
        filename = "personal-data-%s.json" % fields.Date.today()
        return request.make_response(body.encode("utf-8"), headers=[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Disposition", 'attachment; filename="%s"' % filename),
            ("Cache-Control", "no-store"),
        ])

    # -------------------------------------------------- erasure (delete)
    @http.route("/my/privacy/delete", type="http", auth="user",
                website=True)
    def lotus_privacy_delete(self, **kw):
        """What deletion would do: what goes, what is kept and why."""
        partner = self._lotus_partner()
        values = self._prepare_portal_layout_values()
        values.update({
            "page_name": "lotus_privacy_delete",
            "preview": self._lotus_privacy()._lotus_erasure_preview(partner),
        })
        return request.render("lotus_gdpr.portal_my_privacy_delete", values)

    @http.route("/my/privacy/delete/request", type="http", auth="user",
                methods=["POST"], website=True)
    def lotus_privacy_delete_request(self, **kw):
        """Create the erasure request, to be confirmed by e-mail link."""
        partner = self._lotus_partner()
        try:
            requested = self._lotus_privacy()._lotus_request_erasure(partner)
        except UserError as error:
            return request.render("lotus_gdpr.portal_my_privacy",
                                  self._lotus_privacy_values(error=error.name))
        if not requested:
            return self._lotus_back("erasure_already_confirmed")
        return self._lotus_back("erasure_mail_sent")

    def _lotus_token_page(self, problem, title):
        values = {
            "title": title,
            "problem": problem,
            "problem_message": request.env["lotus.portal.token"].sudo()
            ._lotus_problem_message(problem),
        }
        return request.render("lotus_gdpr.portal_token_problem", values,
                              status=410 if problem != "invalid" else 404)

    @http.route("/my/privacy/delete/confirm/<string:token>", type="http",
                auth="public", methods=["GET", "POST"], website=True)
    def lotus_privacy_delete_confirm(self, token, **kw):
        """The link of the erasure mail: a page with a button (mail
        scanners open links, only a POST confirms), then confirmation."""
        Token = request.env["lotus.portal.token"].sudo()
        found, problem = Token._lotus_find("erasure", token)
        if problem:
            return self._lotus_token_page(
                problem, _("Confirm the deletion of your account"))
        if request.httprequest.method != "POST":
            return request.render("lotus_gdpr.portal_delete_confirm", {
                "token": token})
        record = found._lotus_consume()
        if not record:
            return self._lotus_token_page(
                "used", _("Confirm the deletion of your account"))
        self._lotus_privacy()._lotus_confirm_erasure(record)
        return request.render("lotus_gdpr.portal_delete_confirmed", {
            "privacy_request": record})

    # ------------------------------------------- public newsletter sign-up
    @http.route("/newsletter/subscribe", type="http", auth="public",
                methods=["GET", "POST"], website=True)
    def lotus_newsletter_subscribe(self, email=None, **kw):
        """P20: sign up; the same answer whether or not a mail was sent."""
        values = {"email": email or "", "error": False, "done": False}
        if request.httprequest.method == "POST":
            Signup = request.env["lotus.newsletter.signup"].sudo()
            try:
                with request.env.cr.savepoint():
                    Signup._lotus_request_signup(
                        email, lang=request.lang,
                        ip_address=consent_proof()["ip_address"])
            except (UserError, ValidationError) as error:
                values["error"] = error.name
            else:
                values.update({"done": True, "email": ""})
        return request.render("lotus_gdpr.newsletter_subscribe", values)

    @http.route("/newsletter/confirm/<string:token>", type="http",
                auth="public", methods=["GET", "POST"], website=True)
    def lotus_newsletter_confirm(self, token, **kw):
        """The link of the confirmation mail: the consent exists only
        after the visitor presses the button on this page."""
        Signup = request.env["lotus.newsletter.signup"].sudo()
        signup, problem = Signup._lotus_find(token)
        title = _("Confirm your newsletter subscription")
        if problem:
            return self._lotus_token_page(problem, title)
        if request.httprequest.method != "POST":
            return request.render("lotus_gdpr.newsletter_confirm",
                                  {"token": token})
        try:
            # A refusal (e.g. an address that looks like a card number, P5)
            # leaves nothing half done
            with request.env.cr.savepoint():
                signup._lotus_confirm(consent_proof())
        except (UserError, ValidationError) as error:
            return request.render("lotus_gdpr.portal_token_problem", {
                "title": title, "problem": "refused",
                "problem_message": error.name}, status=409)
        return request.render("lotus_gdpr.newsletter_confirmed", {})
