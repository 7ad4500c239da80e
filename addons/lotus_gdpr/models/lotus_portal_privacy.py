# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.http import request as http_request

COOKIE_NAME = "lotus_cookie_consent"
COOKIE_VALUES = ("accepted", "refused")
# Google Analytics measurement ids: UA-123-1 (Universal) or G-ABC123 (GA4)
GA_KEY_RE = re.compile(r"^(UA-\d{4,10}-\d{1,4}|G-[A-Z0-9]{4,16})$")


class LotusPortalPrivacy(models.AbstractModel):
    """What the customer portal needs from the privacy engine, in one
    place: the cookie choice (P16), consents given or withdrawn by the
    customer (P20, P28) and the controller's contact data (P30)."""

    _name = "lotus.portal.privacy"
    _description = "Customer privacy self-service"

    # ------------------------------------------------------- P16 cookies
    @api.model
    def _lotus_ga_key(self):
        """The Google Analytics id from the system parameter
        ``lotus_gdpr.google_analytics_key``, or False when unset/invalid."""
        key = (self.env["ir.config_parameter"].sudo().get_param(
            "lotus_gdpr.google_analytics_key") or "").strip()
        return key if GA_KEY_RE.match(key) else False

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
            consent = self._lotus_consent(
                user.partner_id, "lotus_gdpr.activity_analytics")
            if consent and consent.state == "answered":
                return "accepted" if consent.accepted else "refused"
        return False

    # ---------------------------------------------------------- consents
    @api.model
    def _lotus_activity(self, xmlid):
        return self.env.ref(xmlid, raise_if_not_found=False)

    @api.model
    def _lotus_consent(self, partner, activity):
        """The partner's consent record for an activity (record or xmlid)."""
        if isinstance(activity, str):
            activity = self._lotus_activity(activity)
        if not activity or not partner:
            return self.env["privacy.consent"]
        return self.env["privacy.consent"].sudo().with_context(
            active_test=False).search([
                ("partner_id", "=", partner.id),
                ("activity_id", "=", activity.id)], limit=1)

    @api.model
    def _lotus_metadata(self, how):
        """Proof of a choice: how, when, from where (no personal content
        beyond what the consent proof needs)."""
        lines = [how, "Date and time (UTC): %s" % datetime.utcnow().strftime(
            "%Y-%m-%d %H:%M:%S")]
        if http_request:
            env = http_request.httprequest.environ
            remote = (env.get("HTTP_X_FORWARDED_FOR") or "").split(",")[0]
            lines.append("Remote IP: %s" % (
                remote.strip() or env.get("REMOTE_ADDR") or ""))
            lines.append("User agent: %s" % env.get("HTTP_USER_AGENT", ""))
        return "\n".join(lines)

    @api.model
    def _lotus_give_consent(self, partner, activity, how, metadata=None,
                            double_opt_in=False):
        """Record an accepted consent of ``partner`` for ``activity``."""
        if isinstance(activity, str):
            activity = self._lotus_activity(activity)
        if not activity:
            return self.env["privacy.consent"]
        consent = self._lotus_consent(partner, activity)
        if not consent:
            consent = self.env["privacy.consent"].sudo().create({
                "partner_id": partner.id,
                "activity_id": activity.id,
            })
        elif not consent.active:
            consent.write({"active": True})
        consent.with_context(subject_answering=True).action_answer(
            True, metadata or self._lotus_metadata(how))
        return consent

    @api.model
    def _lotus_withdraw_consent(self, partner, activity, how, metadata=None):
        """Withdraw (or refuse) ``partner``'s consent for ``activity``."""
        if isinstance(activity, str):
            activity = self._lotus_activity(activity)
        if not activity:
            return self.env["privacy.consent"]
        consent = self._lotus_consent(partner, activity)
        if not consent:
            consent = self.env["privacy.consent"].sudo().create({
                "partner_id": partner.id,
                "activity_id": activity.id,
            })
        consent.with_context(subject_answering=True).action_answer(
            False, metadata or self._lotus_metadata(how))
        return consent

    @api.model
    def _lotus_record_cookie_choice(self, partner, choice):
        how = "Cookie banner on the customer portal: %s" % choice
        if choice == "accepted":
            return self._lotus_give_consent(
                partner, "lotus_gdpr.activity_analytics", how)
        return self._lotus_withdraw_consent(
            partner, "lotus_gdpr.activity_analytics", how)

    @api.model
    def _lotus_start_double_opt_in(self, partner, activity, how):
        """Giving the newsletter consent from the portal: a confirmation
        mail to the partner's address; the consent counts once the link
        in it is confirmed (same path as the public sign-up)."""
        if not partner.email:
            raise UserError(_("Email address: your account has no e-mail "
                              "address. Add one under Your Details first."))
        Signup = self.env["lotus.newsletter.signup"].sudo()
        return Signup.lotus_request_signup(
            partner.email, lang=partner.lang, partner=partner)

    # ------------------------------------------- objection, restriction
    @api.model
    def _lotus_object(self, partner):
        """P29: objection to marketing, effective at once."""
        partner = partner.sudo()
        if hasattr(partner, "action_object_to_marketing"):
            partner.action_object_to_marketing()
        else:
            partner.write({"lotus_marketing_objection": True})
            for consent in self.env["privacy.consent"].sudo().search([
                    ("partner_id", "child_of", partner.id),
                    ("accepted", "=", True)]):
                self._lotus_withdraw_consent(
                    consent.partner_id, consent.activity_id,
                    "Objection to marketing on the customer portal")
        self.env["lotus.audit.log"].log(
            "portal_marketing_objection", partner,
            ["lotus_marketing_objection"])
        return True

    @api.model
    def _lotus_lift_objection(self, partner):
        """The customer no longer objects; no consent is given back: they
        give each one again themselves."""
        partner.sudo().write({"lotus_marketing_objection": False})
        self.env["lotus.audit.log"].log(
            "portal_marketing_objection_lifted", partner,
            ["lotus_marketing_objection"])
        return True

    # ------------------------------------------------ requests (P28)
    @api.model
    def _lotus_create_request(self, partner, request_type, description):
        """A data subject request made on the portal, handled by staff
        within the legal deadline."""
        Request = self.env["lotus.privacy.request"].sudo()
        request = Request.create({
            "partner_id": partner.id,
            "request_type": request_type,
            "description": description,
            "channel": "portal",
        })
        return request

    @api.model
    def _lotus_export(self, partner):
        """{"data": exportable dict, "html": readable html or False}."""
        partner = partner.sudo()
        data = partner._lotus_export_personal_data()
        html = False
        if hasattr(partner, "_lotus_export_personal_data_html"):
            html = partner._lotus_export_personal_data_html()
        self.env["lotus.audit.log"].log("portal_export", partner)
        return {"data": data, "html": html}

    # ------------------------------------------------- erasure (P28)
    @api.model
    def _lotus_erasure_preview(self, partner):
        """What deletion would remove and what must be kept, and why."""
        if "lotus.anonymizer" not in self.env:
            return False
        return self.env["lotus.anonymizer"].sudo().preview(
            partner.commercial_partner_id.sudo())

    @api.model
    def _lotus_request_erasure(self, partner):
        """Create the erasure request and mail the confirmation link."""
        request = self._lotus_create_request(
            partner, "erasure",
            _("Deletion of my account, asked on the customer portal"))
        token = self.env["lotus.portal.token"]._lotus_issue(
            "erasure", request, partner)
        base = self.env["ir.config_parameter"].sudo().get_param(
            "web.base.url", "")
        template = self.env.ref(
            "lotus_gdpr.mail_template_erasure_confirm")
        template.sudo().with_context(
            lang=partner.lang or None,
            confirm_url="%s/my/privacy/delete/confirm/%s" % (base, token),
        ).send_mail(partner.id, force_send=False)
        return request

    @api.model
    def _lotus_confirm_erasure(self, request):
        """The e-mail link was confirmed: the request goes to the staff
        queue (its legal deadline runs)."""
        request = request.sudo()
        request.message_post(body=_(
            "The customer confirmed the deletion through the e-mail link."))
        self.env["lotus.audit.log"].log("portal_erasure_confirmed", request)
        return request

    # -------------------------------------------------------------- P30
    @api.model
    def _lotus_controller_info(self, company=None):
        """Controller, DPO and supervisory authority for the privacy page,
        from the company settings (with the Dutch authority as default)."""
        company = company or self.env.user.company_id
        company = company.sudo()

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
