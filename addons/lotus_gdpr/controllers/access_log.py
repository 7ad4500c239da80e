# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Keep the secret of single-use links out of the web server's log.

A confirmation link carries its token in the URL, and the server's access
log (the ``werkzeug`` logger, at INFO) writes every URL it serves. The
token is stored hashed in the database; it must not lie in clear in a log
file either, where whoever reads the logs could still open the link
within its 48 hours. The filter below replaces the token of every such
URL by ``[redacted]`` before the line is written, for any Odoo server that
loads lotus_gdpr."""
import logging
import re

REDACTED = "[redacted]"

# URL parts followed by a secret, up to the next /, ?, &, space or quote.
_SECRET_URLS = re.compile(
    r"(?P<keep>"
    r"/privacy/consent/(?:accept|reject)/\d+/"
    r"|/(?:privacy/consent|my/privacy/delete|newsletter)/confirm/"
    r"|[?&](?:access_token|token|db_token|signup_token)=)"
    r"(?P<secret>[^/?&\s\"']+)")


def redact_secrets(text):
    """``text`` with the secret of every confirmation or access link
    replaced by ``[redacted]``."""
    return _SECRET_URLS.sub(
        lambda match: match.group("keep") + REDACTED, text)


class SecretRedactingFilter(logging.Filter):
    """Rewrites a log record whose message holds a link secret."""

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a broken record is not ours to judge
            return True
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True


def install(logger_names=("werkzeug",)):
    """Add the filter once to the loggers that write URLs."""
    for name in logger_names:
        logger = logging.getLogger(name)
        if not any(isinstance(f, SecretRedactingFilter)
                   for f in logger.filters):
            logger.addFilter(SecretRedactingFilter())


install()
