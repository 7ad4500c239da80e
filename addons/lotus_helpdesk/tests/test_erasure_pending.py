# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger


class TestErasurePending(SavepointCase):
    """An erasure held back by something that ends completes on its own."""

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_open_ticket_then_closed(self):
        """P28: erasure of a customer with an open ticket erases what may
        go and restricts the customer; once the ticket is closed the
        nightly run anonymises the customer and the data subject request
        shows done, with the date."""
        env = self.env
        customer = env["res.partner"].create({
            "name": "Wachtende Klant", "email": "wacht@example.nl",
            "street": "Wachtstraat 3"})
        ticket = env["helpdesk.ticket"].create({
            "name": "Where is my parcel?", "description": "<p>Wacht</p>",
            "partner_id": customer.id})
        request = env["lotus.privacy.request"].create({
            "request_type": "erasure", "partner_id": customer.id,
            "verification_method": "known_email"})
        request.action_verify()
        request.action_process()
        self.assertEqual(request.state, "in_progress")
        self.assertFalse(request.done_date)
        self.assertTrue(customer.lotus_restricted)
        self.assertIn(ticket.number, customer.lotus_restriction_reason)
        self.assertFalse(customer.lotus_anonymized)

        ticket.write({"stage_id": env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_done").id})
        env["lotus.retention.term"].with_context(
            test_queue_job_no_delay=True).cron_apply_retention()
        env.cache.invalidate()
        self.assertTrue(customer.lotus_anonymized)
        self.assertFalse(customer.lotus_restricted)
        self.assertNotEqual(customer.email, "wacht@example.nl")
        self.assertTrue(ticket.lotus_anonymized)
        self.assertEqual(request.state, "done")
        self.assertTrue(request.done_date)
        self.assertIn("Erasure completed", request.result)
