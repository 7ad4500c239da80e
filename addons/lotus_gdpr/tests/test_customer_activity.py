# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who the customer-account term covers, and from which date."""
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from .common import make_activity


class TestCustomerActivity(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.term = env.ref("lotus_gdpr.retention_term_customer_account")
        cls.term.write({"duration_value": 3, "duration_unit": "years"})
        cls.Partner = env["res.partner"].with_context(
            tracking_disable=True)
        cls.portal = env.ref("base.group_portal")
        env["ir.config_parameter"].sudo().set_param(
            "lotus_gdpr.retention_batch_size", "50")
        cls.idle = cls._customer("Idle Klant")
        cls.logged_in = cls._customer("Ingelogde Klant")
        cls.with_contact = cls._customer("Klant met Adres", company=True)
        cls.address = cls.Partner.create({
            "name": "Afleveradres", "type": "delivery",
            "parent_id": cls.with_contact.id})
        cls.consenting = cls._customer("Instemmende Klant")
        cls.supplier = cls._customer("Leverancier Klant", supplier=True)
        cls.prospect = cls.Partner.create({"name": "Alleen Contact"})
        recipient_org = cls.Partner.create({
            "name": "Verwerker BV", "is_company": True})
        env["lotus.privacy.recipient"].create({
            "name": "Verwerker", "partner_id": recipient_org.id,
            "kind": "it", "is_processor": True, "dpa_reference": "DPA-1",
            "dpa_date": "2024-01-01",
            "country_id": env.ref("base.nl").id})
        cls.processor_contact = cls._customer(
            "Contact Verwerker", parent=recipient_org)
        cls.company_contact = cls._customer(
            "Eigen Medewerker", parent=env.user.company_id.partner_id)
        everyone = cls.Partner.with_context(active_test=False).search([
            ("id", "child_of", (
                cls.idle | cls.logged_in | cls.with_contact |
                cls.consenting | cls.supplier | cls.prospect |
                recipient_org | cls.processor_contact).ids)])
        env.cr.execute("""
            UPDATE res_partner SET write_date = now() - interval '4 years',
                   create_date = now() - interval '4 years'
             WHERE id = ANY(%s)""", (everyone.ids,))
        env.cr.execute("""
            UPDATE res_partner SET write_date = now() - interval '4 years'
             WHERE id = %s""", (cls.company_contact.id,))
        # Logged in to the portal last month.
        env.cr.execute("""
            INSERT INTO res_users_log (create_uid, create_date, write_uid,
                                       write_date)
            VALUES (%s, now() - interval '1 month', %s,
                    now() - interval '1 month')""", (
            cls.logged_in.user_ids.id, cls.logged_in.user_ids.id))
        # The delivery address of a customer edited last week.
        env.cr.execute("""
            UPDATE res_partner SET write_date = now() - interval '7 days'
             WHERE id = %s""", (cls.address.id,))
        # A consent given last month.
        activity = make_activity(env, name="Activity test newsletter")
        consent = env["privacy.consent"].sudo().lotus_find_or_create(
            cls.consenting, activity)
        consent._lotus_event("given", "web")
        env.cr.execute("""
            UPDATE lotus_consent_event SET date = now() - interval '1 month'
             WHERE partner_id = %s""", (cls.consenting.id,))
        env.cr.execute("""
            UPDATE res_partner SET write_date = now() - interval '4 years'
             WHERE id = %s""", (cls.consenting.id,))
        env.cache.invalidate()

    @classmethod
    def _customer(cls, name, supplier=False, parent=None, company=False):
        """A partner with a portal account: a customer."""
        partner = cls.Partner.create({
            "name": name, "email": "%s@example.org" % name.replace(" ", "."),
            "supplier": supplier, "is_company": company,
            "parent_id": parent.id if parent else False})
        cls.env["res.users"].with_context(no_reset_password=True).create({
            "login": partner.email, "partner_id": partner.id,
            "groups_id": [(6, 0, [cls.portal.id])]})
        return partner

    def _expired(self):
        return set(self.term._lotus_expired_ids("res.partner"))

    def test_last_activity_not_the_partner_row(self):
        """P26: the term runs from the customer's last activity: a login
        last month, a consent given last month or an address of theirs
        edited last week keep a customer whose own row is four years old;
        the idle customer expires."""
        expired = self._expired()
        self.assertIn(self.idle.id, expired)
        for partner in (self.logged_in, self.with_contact, self.consenting):
            self.assertNotIn(partner.id, expired, partner.name)
        last = self.env["lotus.customer.activity"]._lotus_last_activity(
            (self.idle | self.logged_in).ids)
        self.assertLess(last[self.idle.id], last[self.logged_in.id])

    def test_only_customers(self):
        """P26: the term covers customers only: never a supplier (two
        roles: the longest-lived wins), a contact who never bought and has
        no account, the contact of a registered processor, the company's
        own contacts or an internal user."""
        expired = self._expired()
        for partner in (self.supplier, self.prospect, self.processor_contact,
                        self.company_contact, self.env.user.partner_id):
            self.assertNotIn(partner.id, expired, partner.name)
        self.assertNotIn(self.processor_contact.commercial_partner_id.id,
                         expired)

    def test_duration_changes_next_run(self):
        """P27: editing the term changes what the next run does."""
        self.assertIn(self.idle.id, self._expired())
        self.term.write({"duration_value": 5})
        self.assertNotIn(self.idle.id, self._expired())

    @mute_logger("odoo.addons.queue_job.models.base")
    def test_run_through_jobs(self):
        """P26: the run anonymises the idle customer only; a customer who
        logs in between planning and the batch is left alone."""
        Term = self.env["lotus.retention.term"]
        Term.cron_apply_retention()
        job = self.env["queue.job"].search([
            ("method_name", "=", "_job_apply_retention_batch"),
            ("state", "=", "pending")], order="id desc", limit=1)
        self.assertTrue(job)
        self.env.cr.execute("""
            INSERT INTO res_users_log (create_uid, create_date, write_uid,
                                       write_date)
            VALUES (%s, now(), %s, now())""", (
            self.idle.user_ids.id, self.idle.user_ids.id))
        self.term._job_apply_retention_batch("res.partner", [self.idle.id])
        self.idle.invalidate_cache()
        self.assertFalse(self.idle.lotus_anonymized)
        self.env.cr.execute(
            "DELETE FROM res_users_log WHERE create_uid = %s",
            (self.idle.user_ids.id,))
        Term.with_context(test_queue_job_no_delay=True).cron_apply_retention()
        self.env.cache.invalidate()
        self.assertTrue(self.idle.lotus_anonymized)
        for partner in (self.logged_in, self.with_contact, self.address,
                        self.consenting, self.supplier, self.prospect,
                        self.processor_contact, self.company_contact):
            self.assertFalse(partner.lotus_anonymized, partner.name)
            self.assertFalse(partner.lotus_restricted, partner.name)
