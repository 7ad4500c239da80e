# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.exceptions import UserError
from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data

MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\x00" * 64
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 64
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 64


class TestNoAudio(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestNoAudio, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.ticket = cls.env["helpdesk.ticket"].create({
            "name": "Call about my printer", "description": "Called",
            "partner_id": cls.d["anna"].id})
        cls.Attachment = cls.env["ir.attachment"].sudo(cls.d["agent"])

    def _attach(self, name, content, **extra):
        vals = {"name": name, "datas_fname": name,
                "datas": base64.b64encode(content),
                "res_model": "helpdesk.ticket", "res_id": self.ticket.id}
        vals.update(extra)
        return self.Attachment.create(vals)

    def _ticket_attachments(self):
        return self.env["ir.attachment"].search([
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "=", self.ticket.id)])

    def test_p15_audio_upload_refused(self):
        """P15: an audio file uploaded on a ticket is refused with a clear
        error and nothing is stored."""
        for name in ("call.mp3", "CALL.WAV", "voicemail.ogg", "memo.m4a",
                     "phone.amr", "x.aac", "x.flac", "x.wma"):
            with self.assertRaisesRegex(UserError, "does not record"):
                self._attach(name, PDF)
        self.assertFalse(self._ticket_attachments())

    def test_p15_audio_by_mimetype_or_content(self):
        """P15: audio is recognised by its mimetype, also when it is
        guessed from the content of a file with a misleading name."""
        with self.assertRaisesRegex(UserError, "audio recording"):
            self._attach("recording", PDF, mimetype="audio/mpeg")
        with self.assertRaises(UserError):
            self._attach("notes.bin", MP3, datas_fname=False)
        with self.assertRaises(UserError):
            self._attach("document", WAV, datas_fname=False)
        self.assertFalse(self._ticket_attachments())

    def test_p15_other_files_and_other_models_accepted(self):
        """P15: documents on tickets, and files elsewhere, are accepted."""
        self.assertTrue(self._attach("invoice.pdf", PDF))
        self.assertTrue(self.env["ir.attachment"].create({
            "name": "jingle.mp3", "datas": base64.b64encode(MP3),
            "datas_fname": "jingle.mp3", "res_model": "res.partner",
            "res_id": self.d["anna"].id}))

    def test_p15_chatter_upload_moved_to_ticket_refused(self):
        """P15: a file uploaded in the chatter (first on the composer, then
        moved to the ticket) is refused when it is audio."""
        attachment = self.env["ir.attachment"].sudo(self.d["agent"]).create({
            "name": "call.mp3", "datas": base64.b64encode(MP3),
            "datas_fname": "call.mp3", "res_model": "mail.compose.message",
            "res_id": 0})
        with self.assertRaisesRegex(UserError, "does not record"):
            self.ticket.sudo(self.d["agent"]).message_post(
                body="The call", message_type="comment",
                subtype="mail.mt_comment", attachment_ids=[attachment.id])
        with self.assertRaises(UserError):
            attachment.write({"res_model": "helpdesk.ticket",
                              "res_id": self.ticket.id})
