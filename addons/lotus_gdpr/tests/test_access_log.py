# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo.tests.common import TransactionCase

from ..controllers.access_log import redact_secrets


class TestAccessLog(TransactionCase):
    """The secret of a single-use link never reaches the server's log."""

    def test_access_log_hides_link_secrets(self):
        """P18: the tokens of confirmation, erasure and consent links, and
        portal access tokens, are written to the access log as
        [redacted]; the rest of the line stays readable."""
        secret = "Zq8Xr2Lk5Vb7Nm1Pw4Ty9Hs3"
        lines = [
            '"GET /newsletter/confirm/%s HTTP/1.1" 200 -',
            '"GET /my/privacy/delete/confirm/%s HTTP/1.1" 200 -',
            '"GET /privacy/consent/confirm/%s/renew HTTP/1.1" 303 -',
            '"GET /privacy/consent/accept/42/%s HTTP/1.1" 200 -',
            '"GET /my/orders/7?access_token=%s&report_type=pdf HTTP/1.1" 200',
            '"GET /web/reset_password?db=lotus&token=%s HTTP/1.1" 200 -',
        ]
        # logging.INFO: Odoo names level 25 "INFO" as well.
        with self.assertLogs("werkzeug", level=logging.INFO) as logs:
            for line in lines:
                # werkzeug formats the request line before logging it
                logging.getLogger("werkzeug").info(
                    '127.0.0.1 - - [26/Nov/2026 10:00:00] ' + line % secret)
            logging.getLogger("werkzeug").info(
                "%s - - %s", "127.0.0.1", '"GET /my/privacy HTTP/1.1" 200 -')
        self.assertEqual(len(logs.output), len(lines) + 1)
        for output in logs.output:
            self.assertNotIn(secret, output)
        self.assertIn("/newsletter/confirm/[redacted] HTTP/1.1", logs.output[0])
        self.assertIn("/privacy/consent/confirm/[redacted]/renew",
                      logs.output[2])
        self.assertIn("access_token=[redacted]&report_type=pdf",
                      logs.output[4])
        self.assertIn('"GET /my/privacy HTTP/1.1" 200 -', logs.output[-1])
        self.assertEqual(redact_secrets("/my/orders/7"), "/my/orders/7")
