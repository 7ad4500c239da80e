# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data


class TestAnonymize(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestAnonymize, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.ticket = cls.Ticket.create({
            "name": "Anna Test: printer broken", "description": "<p>Call me "
            "on 06-12345678</p>", "partner_id": cls.d["anna"].id,
            "sale_order_id": cls.d["order_anna"].id,
            "category_id": cls.env.ref("lotus_helpdesk.category_product").id,
        })
        cls.ticket.message_post(body="My address is Street 1",
                                author_id=cls.d["anna"].id,
                                message_type="comment",
                                subtype="mail.mt_comment")
        cls.ticket.message_subscribe(partner_ids=[cls.d["anna"].id])
        cls.env["ir.attachment"].create({
            "name": "photo.pdf", "datas": base64.b64encode(b"%PDF-1.4 x"),
            "datas_fname": "photo.pdf", "res_model": "helpdesk.ticket",
            "res_id": cls.ticket.id})
        cls.ticket.sudo(cls.d["agent"]).message_post(
            body="Answer", message_type="comment", subtype="mail.mt_comment")
        cls.ticket.write({"stage_id": cls.done.id})
        cls.stat = cls.env["lotus.helpdesk.ticket.stat"].search(
            [("ticket_id", "=", cls.ticket.id)])

    def _anonymize(self, tickets):
        """Apply the ticket's declarations the way the engine does."""
        if "lotus.anonymizer" in self.env.registry:
            self.env["lotus.anonymizer"].anonymize(
                tickets.mapped("partner_id"), reason="test")
            return
        vals = {}
        for name, rule in tickets._lotus_personal_fields().items():
            vals[name] = "Anonymised" if rule == "placeholder" else False
        tickets.write(vals)
        tickets._lotus_anonymize_hook()

    def test_ticket_registered_in_privacy_engine(self):
        """The ticket declares its personal data, retention and export."""
        Ticket = self.Ticket
        self.assertIn("helpdesk.ticket", Ticket._lotus_personal_models())
        fields_ = Ticket._lotus_personal_fields()
        for name in ("partner_name", "partner_email", "description"):
            self.assertIn(name, fields_)
        self.assertNotIn("team_id", fields_)
        code = Ticket._lotus_retention_category()
        self.assertEqual(code, "helpdesk_ticket")
        if "lotus.retention.term" in self.env.registry:
            term = self.env["lotus.retention.term"].with_context(
                active_test=False).search([("code", "=", code)])
            self.assertTrue(term, "a retention term governs tickets")
            self.assertIn("helpdesk.ticket", term._lotus_model_names())
        self.assertEqual(Ticket._lotus_retention_date_field(), "closed_date")
        self.assertIn(self.ticket,
                      Ticket.search(Ticket._lotus_retention_domain()))
        open_ticket = Ticket.create({"name": "Open", "description": "x"})
        self.assertNotIn(open_ticket,
                         Ticket.search(Ticket._lotus_retention_domain()))
        self.assertIn(open_ticket.id, open_ticket._lotus_erasure_blocks())
        self.assertFalse(self.ticket._lotus_erasure_blocks())
        for name in Ticket._lotus_export_fields():
            self.assertIn(name, Ticket._fields)

    def test_p14_anonymisation_keeps_team_dates_and_statistics(self):
        """P14: anonymising a ticket removes the customer's name and e-mail
        copies, the description, messages and attachments; team, category,
        dates and the statistics stay."""
        stat_before = self.stat.read(
            ["team_id", "category_id", "ticket_create_date",
             "first_response_date", "closed_date", "response_hours",
             "resolution_hours"])[0]
        team, category = self.ticket.team_id, self.ticket.category_id
        closed_date = self.ticket.closed_date
        self._anonymize(self.ticket)
        self.ticket.invalidate_cache()
        self.assertNotIn("Anna", self.ticket.partner_name or "")
        self.assertFalse(self.ticket.partner_email)
        self.assertFalse(self.ticket.description)
        self.assertNotIn("Anna", self.ticket.name)
        self.assertFalse(self.env["mail.message"].search([
            ("model", "=", "helpdesk.ticket"),
            ("res_id", "=", self.ticket.id),
            ("body", "ilike", "Street")]))
        self.assertFalse(self.env["ir.attachment"].search([
            ("res_model", "=", "helpdesk.ticket"),
            ("res_id", "=", self.ticket.id)]))
        self.assertFalse(self.ticket.message_follower_ids)
        self.assertEqual(self.ticket.team_id, team)
        self.assertEqual(self.ticket.category_id, category)
        self.assertEqual(self.ticket.closed_date, closed_date)
        self.stat.invalidate_cache()
        self.assertEqual(self.stat.read(list(stat_before) and [
            k for k in stat_before if k != "id"])[0], stat_before)
