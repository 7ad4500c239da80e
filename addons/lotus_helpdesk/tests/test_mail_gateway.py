# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from email.mime.application import MIMEApplication
from email.mime.audio import MIMEAudio
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data
from .test_no_audio import MP3, PDF


class TestMailGateway(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestMailGateway, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.counter = 0

    def _receive(self, sender, subject, body, attachments=()):
        TestMailGateway.counter += 1
        msg = MIMEMultipart()
        msg["From"] = sender
        msg["To"] = "support@lotus.example.com"
        msg["Subject"] = subject
        msg["Message-Id"] = "<lotus-hd-test-%d@example.com>" % self.counter
        msg.attach(MIMEText(body, "plain"))
        for part in attachments:
            msg.attach(part)
        thread_id = self.env["mail.thread"].message_process(
            "helpdesk.ticket", msg.as_string())
        return self.env["helpdesk.ticket"].browse(thread_id)

    def test_p13_mail_naming_own_order_links(self):
        """P13: an e-mail whose subject names the sender's order links it."""
        order = self.d["order_anna"]
        ticket = self._receive("Anna Test <anna.test@example.nl>",
                               "Question about %s" % order.name, "Hello")
        self.assertEqual(ticket.partner_id, self.d["anna"])
        self.assertEqual(ticket.sale_order_id, order)
        self.assertEqual(ticket.channel_id, self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_channel_email"))

    def test_p13_mail_body_order_by_unknown_sender(self):
        """P13: the order number in the body; the sender is known only by
        the order's e-mail address."""
        self.d["lukas"].email = "lukas.orders@example.de"
        self.d["order_lukas"].partner_invoice_id = self.env[
            "res.partner"].create({"name": "Lukas Billing", "type": "invoice",
                                   "parent_id": self.d["lukas"].id,
                                   "email": "billing.lukas@example.de"})
        ticket = self._receive(
            "billing.lukas@example.de", "Invoice",
            "Dear shop,\nmy order %s has a wrong invoice.\n"
            % self.d["order_lukas"].name)
        self.assertEqual(ticket.sale_order_id, self.d["order_lukas"])

    def test_p13_mail_naming_someone_elses_order_stays_unlinked(self):
        """P13: an e-mail naming another customer's order is not linked;
        an internal note tells staff why."""
        ticket = self._receive("Anna Test <anna.test@example.nl>",
                               "Where is %s?" % self.d["order_lukas"].name,
                               "Please tell me the address")
        self.assertFalse(ticket.sale_order_id)
        self.assertEqual(ticket.lotus_order_check, "not_verified")
        note = ticket.message_ids.filtered(
            lambda m: "could not be verified" in (m.body or ""))
        self.assertTrue(note and note.subtype_id.internal)

    def test_p13_mail_with_no_order_number(self):
        """P13: words that are no order number are ignored quietly."""
        ticket = self._receive("someone@example.org",
                               "Printer X200 model HT00001", "Hello")
        self.assertFalse(ticket.sale_order_id)
        self.assertFalse(ticket.lotus_order_check)

    def test_p15_mail_audio_attachment_dropped(self):
        """P15: an audio attachment of an incoming e-mail is not stored; the
        mail itself and its other attachments are, with a note."""
        audio = MIMEAudio(MP3, "mpeg")
        audio.add_header("Content-Disposition", "attachment",
                         filename="voicemail.mp3")
        doc = MIMEApplication(PDF, "pdf")
        doc.add_header("Content-Disposition", "attachment",
                       filename="photo-of-error.pdf")
        ticket = self._receive("Anna Test <anna.test@example.nl>",
                               "My call", "See attached", [audio, doc])
        self.assertTrue(ticket)
        names = self.env["ir.attachment"].search([
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "=", ticket.id)]).mapped("datas_fname")
        self.assertEqual(names, ["photo-of-error.pdf"])
        self.assertTrue(ticket.message_ids.filtered(
            lambda m: "audio attachment" in (m.body or "")))

    def test_p15_mail_reply_audio_dropped(self):
        """P15: also on a reply to an existing ticket."""
        ticket = self._receive("anna.test@example.nl", "Printer", "Hello")
        audio = MIMEAudio(MP3, "mpeg")
        audio.add_header("Content-Disposition", "attachment",
                         filename="call.mp3")
        msg = MIMEMultipart()
        msg["From"] = "anna.test@example.nl"
        msg["To"] = "support@lotus.example.com"
        msg["Subject"] = "Re: Printer"
        msg["Message-Id"] = "<lotus-hd-reply@example.com>"
        msg["In-Reply-To"] = ticket.message_ids[-1].message_id
        msg.attach(MIMEText("Here is the call", "plain"))
        msg.attach(audio)
        self.env["mail.thread"].message_process("helpdesk.ticket",
                                                msg.as_string())
        self.assertFalse(self.env["ir.attachment"].search([
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "=", ticket.id)]))

    def test_p13_reply_naming_own_order_links(self):
        """P13: a reply that names the customer's order links a ticket that
        had none; a reply naming someone else's order does not."""
        ticket = self._receive("anna.test@example.nl", "Printer", "Hello")
        self.assertFalse(ticket.sale_order_id)

        def reply(body, msg_id):
            msg = MIMEMultipart()
            msg["From"] = "Anna Test <anna.test@example.nl>"
            msg["To"] = "support@lotus.example.com"
            msg["Subject"] = "Re: Printer"
            msg["Message-Id"] = msg_id
            msg["In-Reply-To"] = ticket.message_ids[-1].message_id
            msg.attach(MIMEText(body, "plain"))
            self.env["mail.thread"].message_process("helpdesk.ticket",
                                                    msg.as_string())
            ticket.invalidate_cache()

        reply("It is order %s" % self.d["order_lukas"].name,
              "<lotus-hd-reply-1@example.com>")
        self.assertFalse(ticket.sale_order_id)
        self.assertEqual(ticket.lotus_order_check, "not_verified")
        reply("Sorry, I meant %s" % self.d["order_anna"].name,
              "<lotus-hd-reply-2@example.com>")
        self.assertEqual(ticket.sale_order_id, self.d["order_anna"])
        self.assertEqual(ticket.lotus_order_check, "linked")
