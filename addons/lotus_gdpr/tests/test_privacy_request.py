# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import base64
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common import LotusSubjectCase


class TestPrivacyRequest(LotusSubjectCase):

    @classmethod
    def setUpClass(cls):
        super(TestPrivacyRequest, cls).setUpClass()
        cls.Request = cls.env["lotus.privacy.request"].sudo(
            cls.users["privacy_user"])

    def _request(self, request_type, **vals):
        values = {"request_type": request_type, "partner_id": self.anna.id,
                  "received_date": "2026-03-15"}
        values.update(vals)
        return self.Request.create(values)

    def _verified(self, request_type, **vals):
        request = self._request(request_type, verification_method="known_email",
                                **vals)
        request.action_verify()
        return request

    def test_deadline_one_month_extension_two_months(self):
        """P28: the deadline is one month after receipt, extendable by at most
        two months with a reason (GDPR art. 12(3))."""
        request = self._request("access")
        self.assertTrue(request.name.startswith("DSR/"))
        self.assertEqual(request.deadline, "2026-04-15")
        with self.assertRaises(ValidationError):
            request.write({"extension_months": 2})
        request.write({"extension_months": 2,
                       "extension_reason": "many requests this month"})
        self.assertEqual(request.deadline, "2026-06-15")
        with self.assertRaises(Exception):
            with self.env.cr.savepoint():
                request.write({"extension_months": 3,
                               "extension_reason": "too long"})

    def test_no_processing_before_verification(self):
        """P28: nothing is processed before the identity is verified."""
        request = self._request("access")
        with self.assertRaises(UserError):
            request.action_process()
        self.assertFalse(request.export_attachment_ids)
        with self.assertRaises(UserError):
            request.action_verify()
        request.verification_method = "id_document"
        request.action_verify()
        self.assertEqual(request.state, "verified")
        self.assertEqual(request.verified_by_id, self.users["privacy_user"])
        self.assertTrue(request.verified_on)

    def test_access_request_produces_export(self):
        """P28: an access request produces the JSON and HTML export."""
        request = self._verified("access")
        request.action_process()
        self.assertEqual(request.state, "done")
        attachments = request.export_attachment_ids
        self.assertEqual(sorted(attachments.mapped("mimetype")),
                         ["application/json", "text/html"])
        payload = json.loads(base64.b64decode(attachments.filtered(
            lambda a: a.mimetype == "application/json").datas).decode())
        self.assertEqual(payload["subject"]["id"], self.anna.id)
        self.assertNotIn("lukas@lotus.test", json.dumps(payload))
        html = base64.b64decode(attachments.filtered(
            lambda a: a.mimetype == "text/html").datas).decode()
        self.assertIn("anna@lotus.test", html)
        self.assertEqual(set(attachments.mapped("res_model")),
                         {"lotus.privacy.request"})
        # The requests are the data subject's data too: in the export.
        self.assertEqual(
            [r["name"] for r in
             payload["records"]["lotus.privacy.request"]["records"]],
            [request.name])

    def test_erasure_takes_earlier_exports(self):
        """P26: P28: an erasure takes the export files of earlier access
        requests (a full copy of the data) and the requests' free text; the
        requests stay as proof of how they were handled."""
        access = self._verified("access", description="Please send my data "
                                "to anna@lotus.test")
        access.action_process()
        export_ids = access.export_attachment_ids.ids
        self.assertEqual(len(export_ids), 2)
        self._verified("erasure").sudo(self.users["officer"]).action_process()
        access.invalidate_cache()
        self.assertFalse(self.env["ir.attachment"].sudo().search([
            ("id", "in", export_ids)]))
        self.assertFalse(self.env["ir.attachment"].sudo().search([
            ("res_model", "=", "lotus.privacy.request"),
            ("res_id", "=", access.id)]))
        self.assertFalse(access.description)
        self.assertNotIn("anna@lotus.test", "".join(
            access.message_ids.mapped("body")))
        self.assertEqual((access.request_type, access.state,
                          access.received_date, access.deadline),
                         ("access", "done", "2026-03-15", "2026-04-15"))
        self.assertTrue(access.lotus_anonymized)

    def test_restriction_and_objection_requests(self):
        """P28: P29: restriction and objection requests act on the partner."""
        self._verified("restriction").action_process()
        self.assertTrue(self.anna.lotus_restricted)
        self.give_confirmed(self.lukas)
        self._verified("objection", partner_id=self.lukas.id,
                       channel="portal").action_process()
        self.assertTrue(self.lukas.lotus_marketing_objection)
        self.assertFalse(self.lukas._lotus_marketing_allowed())
        event = self.Consent.search([("partner_id", "=", self.lukas.id),
                                     ("activity_id", "=", self.newsletter.id)]
                                    ).lotus_event_ids[0]
        self.assertEqual((event.event_type, event.channel),
                         ("objection", "portal"))

    def test_rectification_creates_task(self):
        request = self._verified("rectification")
        with self.assertRaises(UserError):
            request.action_process()
        request.description = "New street: Molenstraat 5"
        request.action_process()
        self.assertEqual(request.state, "in_progress")
        task = request.activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref(
                "mail.mail_activity_data_todo"))
        self.assertIn("Molenstraat 5", task.note)
        request.action_done()
        self.assertEqual(request.state, "done")

    def test_erasure_uses_anonymizer(self):
        """P28: erasure goes through the anonymisation engine."""
        request = self._verified("erasure")
        if "lotus.anonymizer" not in self.env:
            with self.assertRaises(UserError):
                request.action_process()
            self.assertEqual(request.state, "verified")
        else:
            # Anonymisation is the officer's (the engine checks it)
            with self.assertRaises(AccessError):
                with self.env.cr.savepoint():
                    request.action_process()
            request.sudo(self.users["officer"]).action_process()
            self.assertEqual(request.state, "done")
            self.assertIn("Erasure carried out", request.result)
            self.anna.invalidate_cache()
            self.assertTrue(self.anna.lotus_anonymized or
                            self.anna.lotus_restricted)
            if self.anna.lotus_anonymized:
                self.assertNotEqual(self.anna.email, "anna@lotus.test")

    def test_reject_needs_reason(self):
        request = self._request("erasure")
        with self.assertRaises(UserError):
            request.action_reject()
        request.rejection_reason = "Identity could not be verified"
        request.action_reject()
        self.assertEqual(request.state, "rejected")

    def test_reminder_activity_and_cron(self):
        """P28: a reminder activity a week before the deadline, kept up to
        date, recreated by the daily cron."""
        today = fields.Date.from_string(fields.Date.context_today(self.Request))
        request = self._request("access",
                                received_date=fields.Date.to_string(today))
        Activity = self.env["mail.activity"]
        reminder_type = self.env.ref(
            "lotus_gdpr.mail_activity_type_privacy_request_deadline")

        def reminder():
            return Activity.search([("res_model", "=", request._name),
                                    ("res_id", "=", request.id),
                                    ("activity_type_id", "=", reminder_type.id)])
        self.assertEqual(len(reminder()), 1)
        self.assertEqual(reminder().user_id, self.users["privacy_user"])
        deadline = fields.Date.from_string(request.deadline)
        self.assertEqual(reminder().date_deadline,
                         fields.Date.to_string(deadline - timedelta(days=7)))
        request.write({"extension_months": 1, "extension_reason": "complex"})
        self.assertEqual(
            reminder().date_deadline,
            fields.Date.to_string(fields.Date.from_string(request.deadline) -
                                  timedelta(days=7)))
        reminder().unlink()
        self.env.ref("lotus_gdpr.cron_privacy_request_reminders").sudo() \
            .method_direct_trigger()
        self.assertEqual(len(reminder()), 1)
        request.rejection_reason = "withdrawn by the customer"
        request.action_reject()
        self.assertFalse(reminder())

    def test_overdue_and_due_this_week_filters(self):
        """P28: the DPO sees overdue requests and those due this week."""
        today = date.today()
        old = self._request("access", received_date=fields.Date.to_string(
            today - timedelta(days=40)))
        soon = self._request("access", received_date=fields.Date.to_string(
            today - timedelta(days=27)))
        later = self._request("access", received_date=fields.Date.to_string(
            today))
        self.assertTrue(old.is_overdue)
        self.assertFalse(soon.is_overdue)
        today_s = fields.Date.to_string(today)
        week = fields.Date.to_string(today + timedelta(days=7))
        open_ = [("state", "in", ("new", "verified", "in_progress"))]
        mine = [("id", "in", (old | soon | later).ids)]
        self.assertEqual(self.Request.search(
            mine + open_ + [("deadline", "<", today_s)]), old)
        self.assertEqual(self.Request.search(
            mine + open_ + [("deadline", "<=", week)]), old | soon)
        search_arch = self.Request.fields_view_get(
            view_type="search")["arch"]
        self.assertIn('name="overdue"', search_arch)
        self.assertIn('name="due_this_week"', search_arch)
        action = self.env.ref("lotus_gdpr.action_lotus_privacy_request_open")
        self.assertIn("search_default_open", action.context)

    def test_access_rights(self):
        """P28: salespeople and portal users cannot see requests; privacy
        users handle them; only officers delete."""
        request = self._request("access")
        with self.assertRaises(AccessError):
            request.sudo(self.users["salesman"]).read(["name"])
        with self.assertRaises(AccessError):
            self.env["lotus.privacy.request"].sudo(
                self.users["salesman"]).create({
                    "request_type": "access", "partner_id": self.anna.id})
        portal = self.env["res.users"].with_context(
            no_reset_password=True).create({
                "name": "Portal Anna", "login": "lt_portal_anna",
                "partner_id": self.anna.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])]})
        with self.assertRaises(AccessError):
            request.sudo(portal).read(["name"])
        with self.assertRaises(AccessError):
            request.unlink()
        request.sudo(self.users["officer"]).unlink()
