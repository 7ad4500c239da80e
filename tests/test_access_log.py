# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a running server writes about the links it serves."""
import time


def test_server_log_holds_no_link_secret(odoo_server):
    """P18: a confirmation link opened on a real server leaves its path in
    the access log, never its token."""
    secret = "Lq3Wn8Zx1Rc6Vt0Ym5Hb2Ks7"
    http = odoo_server.session()
    for path in ("/newsletter/confirm/%s", "/my/privacy/delete/confirm/%s",
                 "/privacy/consent/confirm/%s"):
        resp = http.get(odoo_server.url + path % secret)
        assert resp.status_code < 500
    deadline = time.time() + 10
    while time.time() < deadline:
        with open(odoo_server.log_path) as log:
            text = log.read()
        if "/privacy/consent/confirm/[redacted]" in text:
            break
        time.sleep(0.2)
    assert "/newsletter/confirm/[redacted]" in text
    assert "/my/privacy/delete/confirm/[redacted]" in text
    assert "/privacy/consent/confirm/[redacted]" in text
    assert secret not in text
