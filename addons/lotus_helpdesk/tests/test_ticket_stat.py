# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import re

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .common import make_helpdesk_data


def hours_ago(hours):
    return fields.Datetime.to_string(
        datetime.datetime.now() - datetime.timedelta(hours=hours))


class TestTicketStat(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestTicketStat, cls).setUpClass()
        cls.d = make_helpdesk_data(cls.env)
        cls.Stat = cls.env["lotus.helpdesk.ticket.stat"]
        cls.done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress")
        cls.ticket = cls.env["helpdesk.ticket"].create({
            "name": "Nozzle clogged, Anna Test", "description": "Help",
            "partner_id": cls.d["anna"].id,
            "category_id": cls.env.ref("lotus_helpdesk.category_product").id,
            "channel_id": cls.env.ref(
                "helpdesk_mgmt.helpdesk_ticket_channel_web").id,
        })
        cls.stat = cls.Stat.search([("ticket_id", "=", cls.ticket.id)])

    def test_p14_stat_model_has_no_personal_field(self):
        """P14: the statistics model holds no personal field."""
        personal_models = {"res.partner", "res.users", "mail.message",
                           "mail.followers", "ir.attachment"}
        for name, field in self.Stat._fields.items():
            if field.type in ("many2one", "one2many", "many2many"):
                self.assertNotIn(field.comodel_name, personal_models,
                                 "%s links to personal data" % name)
            if field.type in ("char", "text", "html"):
                self.assertIn(name, ("month", "display_name"),
                              "%s may hold free text" % name)
            self.assertFalse(
                re.search(r"partner|user|email|phone|mail|street|"
                          r"description|body|author", name),
                "%s sounds personal" % name)
        self.assertNotIn("create_uid", self.Stat._fields)
        self.assertTrue(re.match(r"^\d{4}-\d{2}$", self.stat.month))

    def test_p14_filled_on_create(self):
        """P14: a new ticket gets a statistic row with team, category,
        channel and creation time."""
        self.assertEqual(len(self.stat), 1)
        self.assertEqual(self.stat.team_id, self.ticket.team_id)
        self.assertEqual(self.stat.category_id, self.ticket.category_id)
        self.assertEqual(self.stat.channel_id, self.ticket.channel_id)
        self.assertEqual(self.stat.ticket_create_date,
                         self.ticket.create_date)
        self.assertFalse(self.stat.responded)
        self.assertEqual(self.stat.response_rate, 0.0)

    def test_p14_first_staff_reply_is_the_response(self):
        """P14: the first public answer by staff sets the response time;
        the customer's own messages and internal notes do not."""
        self.stat.write({"ticket_create_date": hours_ago(5)})
        self.ticket.message_post(body="More details", author_id=self.d[
            "anna"].id, message_type="comment", subtype="mail.mt_comment")
        self.ticket.sudo(self.d["agent"]).message_post(
            body="Internal", message_type="comment", subtype="mail.mt_note")
        self.assertFalse(self.stat.responded)
        self.ticket.sudo(self.d["agent"]).message_post(
            body="Try this", message_type="comment",
            subtype="mail.mt_comment")
        self.assertTrue(self.stat.responded)
        self.assertEqual(self.stat.response_rate, 100.0)
        self.assertAlmostEqual(self.stat.response_hours, 5.0, delta=0.1)
        first = self.stat.first_response_date
        self.ticket.sudo(self.d["agent"]).message_post(
            body="Again", message_type="comment", subtype="mail.mt_comment")
        self.assertEqual(self.stat.first_response_date, first)

    def test_p14_close_and_reopen(self):
        """P14: closing sets the resolution time, reopening counts."""
        self.stat.write({"ticket_create_date": hours_ago(48)})
        self.ticket.write({"stage_id": self.done.id})
        self.assertTrue(self.stat.closed)
        self.assertAlmostEqual(self.stat.resolution_hours, 48.0, delta=0.1)
        self.ticket.write({"stage_id": self.in_progress.id})
        self.assertFalse(self.stat.closed)
        self.assertFalse(self.stat.resolution_hours)
        self.assertEqual(self.stat.reopen_count, 1)
        self.ticket.write({"stage_id": self.done.id})
        self.assertTrue(self.stat.closed)
        self.assertEqual(self.stat.reopen_count, 1)

    def test_p14_team_change_follows(self):
        """P14: the statistic follows the ticket's team and category."""
        team = self.env.ref("lotus_helpdesk.team_returns")
        self.ticket.write({"team_id": team.id})
        self.assertEqual(self.stat.team_id, team)

    def test_p14_survives_ticket_deletion(self):
        """P14: deleting the ticket keeps its statistic, unlinked."""
        self.ticket.write({"stage_id": self.done.id})
        self.ticket.sudo(self.d["manager"]).unlink()
        self.assertTrue(self.stat.exists())
        self.stat.invalidate_cache()
        self.assertFalse(self.stat.ticket_id)
        self.assertTrue(self.stat.closed)
        self.assertTrue(self.stat.team_id)

    def test_p14_per_team_and_month_for_managers_only(self):
        """P14: the service manager reads response rate and lead times per
        team and month; agents do not see the statistics."""
        self.ticket.sudo(self.d["agent"]).message_post(
            body="Answer", message_type="comment", subtype="mail.mt_comment")
        groups = self.Stat.sudo(self.d["manager"]).read_group(
            [("ticket_id", "=", self.ticket.id)],
            ["team_id", "month", "response_rate", "response_hours",
             "resolution_hours", "ticket_count"],
            ["team_id", "month"], lazy=False)
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["response_rate"], 100.0)
        self.assertEqual(groups[0]["ticket_count"], 1)
        with self.assertRaises(AccessError):
            self.Stat.sudo(self.d["agent"]).search([])
        with self.assertRaises(AccessError):
            self.stat.sudo(self.d["manager"]).write({"reopen_count": 9})

    def test_p14_backfill_of_existing_tickets(self):
        """P14: tickets older than the module get their statistics at
        installation, the first staff answer read from their messages."""
        from ..hooks import post_init_hook
        self.ticket.sudo(self.d["agent"]).message_post(
            body="Answer", message_type="comment", subtype="mail.mt_comment")
        self.ticket.write({"stage_id": self.done.id})
        self.env.cr.execute(
            "DELETE FROM lotus_helpdesk_ticket_stat WHERE ticket_id = %s",
            (self.ticket.id,))
        self.Stat.invalidate_cache()
        post_init_hook(self.env.cr, self.env.registry)
        stat = self.Stat.search([("ticket_id", "=", self.ticket.id)])
        self.assertEqual(len(stat), 1)
        self.assertTrue(stat.responded)
        self.assertTrue(stat.closed)
        self.assertEqual(stat.team_id, self.ticket.team_id)
        self.assertEqual(stat.month, self.ticket.create_date[:7])
        post_init_hook(self.env.cr, self.env.registry)
        self.assertEqual(
            self.Stat.search_count([("ticket_id", "=", self.ticket.id)]), 1)
