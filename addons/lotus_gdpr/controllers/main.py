# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.http import request, route
from odoo.tools import config

from odoo.addons.privacy_consent.controllers.main import ConsentController
from odoo.addons.web.controllers.main import ensure_db

STATUS_CODES = {"ok": 200, "ask": 200, "renewed": 200, "expired": 410, "used": 410,
                "invalid": 404}


def client_ip(httprequest):
    """The client's IP address. WSGI names it REMOTE_ADDR (OCA reads
    REMOTE_ADDRESS, which does not exist). Behind a reverse proxy, and only
    when Odoo runs with proxy_mode, the address that the proxy appended to
    X-Forwarded-For is the client's; otherwise that header is ignored
    because any client can send it."""
    environ = httprequest.environ
    if config.get("proxy_mode"):
        forwarded = [ip.strip() for ip in
                     environ.get("HTTP_X_FORWARDED_FOR", "").split(",")
                     if ip.strip()]
        if forwarded:
            return forwarded[-1]
    return environ.get("REMOTE_ADDR") or None


def consent_proof():
    """Proof of an answer given over HTTP: IP address and user agent."""
    httprequest = request.httprequest
    return {
        "ip_address": client_ip(httprequest),
        "user_agent": httprequest.environ.get("HTTP_USER_AGENT"),
    }


class LotusConsentController(ConsentController):

    # Mail scanners open every link of a mail: a GET only shows the
    # question, the answer is the POST of its button (with Odoo's CSRF
    # token, like the erasure and newsletter links).
    @route("/privacy/consent/<any(accept,reject):choice>/"
           "<int:consent_id>/<token>",
           type="http", auth="none", website=True, methods=["GET", "POST"])
    def consent(self, choice, consent_id, token, *args, **kwargs):
        """OCA's answer links, with our proof, expiry and single use."""
        self._lotus_ensure_db()
        Consent = request.env["privacy.consent"].sudo() \
            .with_context(subject_answering=True)
        if request.httprequest.method != "POST":
            status, tok = request.env["lotus.consent.token"].sudo() \
                ._lotus_check(token, [choice], consent_id=consent_id)
            return self._lotus_render(status, tok.consent_id, choice, token,
                                      ask=True)
        status, consent = Consent._lotus_answer_token(
            consent_id, choice, token, consent_proof())
        return self._lotus_render(status, consent, choice)

    @route("/privacy/consent/confirm/<token>",
           type="http", auth="none", website=True, methods=["GET", "POST"])
    def consent_confirm(self, token, **kwargs):
        """Double opt-in: the link mailed when a consent is given."""
        self._lotus_ensure_db()
        if request.httprequest.method != "POST":
            status, tok = request.env["lotus.consent.token"].sudo() \
                ._lotus_check(token, ["confirm"])
            if status == "ok" and tok.consent_id.lotus_state != "pending":
                status = "used"
            return self._lotus_render(status, tok.consent_id, "confirm",
                                      token, ask=True)
        status, consent = request.env["privacy.consent"].sudo() \
            ._lotus_confirm_token(token, consent_proof())
        return self._lotus_render(status, consent, "confirm", token)

    @route("/privacy/consent/confirm/<token>/renew",
           type="http", auth="public", website=True, methods=["POST"])
    def consent_confirm_renew(self, token, **kwargs):
        """'Send me a new link' on the page of an expired link."""
        status = request.env["privacy.consent"].sudo()._lotus_renew_token(token)
        return self._lotus_render(status, request.env["privacy.consent"],
                                  "renew")

    def _lotus_ensure_db(self):
        """Links carry ?db= (as OCA's): select that database, then act as
        the public user (the models are called in sudo)."""
        ensure_db()
        request.uid = request.env.ref("base.public_user").id

    def _lotus_render(self, status, consent, choice, token=None, ask=False):
        if consent and consent.partner_id.lang:
            request.context = dict(request.context,
                                   lang=consent.partner_id.lang)
        if ask and status == "ok":
            # The question: nothing is recorded before the button is pressed
            status = "ask"
        return request.render("lotus_gdpr.consent_answer_page", {
            "status": status,
            "choice": choice,
            "form_action": request.httprequest.full_path.rstrip("?"),
            # Nothing about the subject is shown for a link that failed
            "consent": consent if status in ("ok", "ask")
            else consent.browse(),
            "activity_name": consent.activity_id.name if consent else "",
            # An expired confirmation link may ask for a new one
            "renew_token": token if status == "expired" else None,
        }, status=STATUS_CODES.get(status, 404))
