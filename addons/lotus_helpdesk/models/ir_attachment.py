# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""P15: telephone calls are not recorded, so no audio is kept on a ticket."""
import base64
import binascii
import mimetypes
import os

from odoo import _, api, models
from odoo.exceptions import UserError

AUDIO_EXTENSIONS = (
    ".mp3", ".wav", ".ogg", ".oga", ".opus", ".m4a", ".amr", ".aac",
    ".flac", ".wma", ".aif", ".aiff", ".3ga",
)
# Leading bytes of common audio containers, for files sent without a name
# or with a misleading one.
AUDIO_SIGNATURES = (
    (0, b"ID3"),            # mp3 with id3 tag
    (0, b"\xff\xfb"),       # mp3 frame
    (0, b"\xff\xf3"),
    (0, b"\xff\xf2"),
    (0, b"\xff\xf1"),       # aac adts
    (0, b"\xff\xf9"),
    (0, b"OggS"),
    (0, b"fLaC"),
    (0, b"#!AMR"),
    (8, b"WAVE"),
    (8, b"AIFF"),
    (4, b"ftypM4A"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11"),  # asf (wma)
)
TICKET_MODEL = "helpdesk.ticket"


def is_audio(name=None, mimetype=None, raw=None):
    """True when a file is audio by its mimetype, its extension or its
    first bytes."""
    if mimetype and mimetype.lower().startswith("audio/"):
        return True
    name = (name or "").strip().lower()
    if name:
        if os.path.splitext(name)[1] in AUDIO_EXTENSIONS:
            return True
        guessed = mimetypes.guess_type(name)[0]
        if guessed and guessed.startswith("audio/"):
            return True
    if raw:
        head = raw[:16]
        for offset, signature in AUDIO_SIGNATURES:
            if head[offset:offset + len(signature)] == signature:
                return True
    return False


def _decode(datas):
    if not datas:
        return None
    try:
        return base64.b64decode(datas[:64] if isinstance(datas, bytes)
                                else datas[:64].encode())
    except (binascii.Error, ValueError):
        return None


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _lotus_audio_error(self, name):
        return UserError(_(
            "The file \"%s\" is an audio recording. Lotus 3D Printers does "
            "not record telephone calls and keeps no audio on tickets "
            "(privacy policy). Remove the file and summarise the call in "
            "the ticket instead.") % (name or _("attachment")))

    @api.model
    def _lotus_check_no_audio(self, vals, current=None):
        """Refuse ``vals`` when they put an audio file on a ticket.

        ``current`` is the attachment being written, if any."""
        res_model = vals.get(
            "res_model", current.res_model if current else None)
        if res_model != TICKET_MODEL:
            return
        names = [vals.get("datas_fname"), vals.get("name")]
        if current is not None:
            names += [current.datas_fname, current.name]
        mimetype = vals.get("mimetype") or (
            current.mimetype if current else None)
        raw = _decode(vals.get("datas"))
        guessed = None
        if any(vals.get(k) for k in ("datas", "datas_fname", "mimetype")):
            guessed = self._compute_mimetype(dict(vals))
        for name in names:
            if is_audio(name=name):
                raise self._lotus_audio_error(name)
        if is_audio(mimetype=mimetype) or is_audio(mimetype=guessed) \
                or is_audio(raw=raw):
            raise self._lotus_audio_error(
                vals.get("datas_fname") or vals.get("name")
                or (current.name if current else None))

    @api.model
    def create(self, vals):
        self._lotus_check_no_audio(vals)
        return super(IrAttachment, self).create(vals)

    @api.multi
    def write(self, vals):
        keys = {"res_model", "datas", "datas_fname", "name", "mimetype"}
        if keys.intersection(vals):
            for attachment in self:
                self._lotus_check_no_audio(vals, current=attachment)
        return super(IrAttachment, self).write(vals)
