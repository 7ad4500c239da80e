# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The privacy lookup and the coverage of the engine (P28).

The module the addons do not know is played by analytic accounts
(``account.analytic.account``, installed with accounting, registered by no
lotus addon): a record with the customer's e-mail and phone in its name
and a link to the customer."""
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase

from odoo.addons.lotus_gdpr.models.lotus_privacy_finder import (
    LOTUS_MODULES, NOT_PERSONAL)

from .common import make_users

UNKNOWN = "account.analytic.account"


class TestPrivacyLookup(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestPrivacyLookup, cls).setUpClass()
        cls.env = cls.env(context=dict(cls.env.context,
                                       tracking_disable=True))
        cls.users = make_users(cls.env)
        Partner = cls.env["res.partner"]
        nl = cls.env.ref("base.nl")
        cls.anna = Partner.create({
            "name": "Annelies Lookupvrouw", "email": "annelies@lotus.test",
            "phone": "+31 24 555 0199", "country_id": nl.id})
        # The newsletter sign-up made a second partner for her.
        cls.duplicate = Partner.create({
            "name": "A. Lookupvrouw", "email": " Annelies@Lotus.test "})
        # Addresses that contain hers but are not hers.
        cls.other = Partner.create({
            "name": "Someone Else",
            "email": "xannelies@lotus.test",
            "comment": "Wrote from annelies@lotus.test.example.com",
            "phone": "+31 24 555 01990"})
        Analytic = cls.env[UNKNOWN]
        cls.unknown = Analytic.create({
            "name": "Call annelies@lotus.test or 024-5550199"})
        cls.linked = Analytic.create({
            "name": "Support contract", "partner_id": cls.anna.id})
        cls.named = Analytic.create({
            "name": "Visit of annelies   lookupvrouw"})

    def lookup(self, user=None, **vals):
        Lookup = self.env["lotus.privacy.lookup"]
        if user:
            Lookup = Lookup.sudo(user)
        lookup = Lookup.create(vals)
        lookup.action_search()
        return lookup

    def hits(self, lookup, model=UNKNOWN):
        return {(line.res_id, line.field_name): line
                for line in lookup.line_ids if line.model == model}

    def test_link_email_phone_name(self):
        """P28: from a contact the lookup finds the records of a model the
        engine does not know: linked to her, with her e-mail address, her
        phone in its national form, her full name; none is covered."""
        lookup = self.lookup(self.users["privacy_user"],
                             partner_id=self.anna.id)
        hits = self.hits(lookup)
        self.assertEqual(hits[(self.linked.id, "partner_id")].kind, "link")
        line = hits[(self.unknown.id, "name")]
        self.assertIn("E-mail address", line.kinds)
        self.assertIn("Phone number", line.kinds)
        self.assertIn("Full name", hits[(self.named.id, "name")].kinds)
        for line in hits.values():
            self.assertFalse(line.covered)
        # Her own contact is covered by the engine.
        self.assertTrue(self.hits(lookup, "res.partner")[
            (self.anna.id, "email")].covered)
        self.assertGreaterEqual(lookup.uncovered_count, 3)

    def test_exact_address_and_digits(self):
        """An address that contains hers, or a longer number, is not hers;
        a typed phone in international form finds the national one."""
        lookup = self.lookup(email="annelies@lotus.test")
        partners = self.hits(lookup, "res.partner")
        self.assertNotIn((self.other.id, "email"), partners)
        self.assertNotIn((self.other.id, "comment"), partners)
        self.assertIn((self.duplicate.id, "email"), partners)
        lookup = self.lookup(phone="+31 (0)24 555 0199")
        self.assertIn((self.unknown.id, "name"), self.hits(lookup))
        self.assertNotIn((self.other.id, "phone"),
                         self.hits(lookup, "res.partner"))
        self.assertIn((self.anna.id, "phone"),
                      self.hits(lookup, "res.partner"))

    def test_duplicates_join_the_erasure(self):
        """P28: another partner with her e-mail address is the same person;
        from an erasure request the officer adds it to the erasure, which
        then erases both."""
        request = self.env["lotus.privacy.request"].create({
            "request_type": "erasure", "partner_id": self.anna.id})
        lookup = self.env["lotus.privacy.lookup"].browse(
            request.sudo(self.users["officer"]).action_lotus_lookup()[
                "res_id"]).sudo(self.users["officer"])
        dup = lookup.line_ids.filtered("is_duplicate")
        self.assertEqual(set(dup.mapped("res_id")), {self.duplicate.id})
        self.assertFalse(dup[0].covered)
        lookup.action_include_duplicates()
        self.assertEqual(request.lotus_same_person_ids, self.duplicate)
        request.write({"verification_method": "known_email"})
        request.action_verify()
        request.action_process()
        self.assertTrue(self.duplicate.lotus_anonymized)
        self.assertTrue(self.anna.lotus_anonymized)
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "lookup_merge_duplicates")], limit=1)
        self.assertEqual(log.res_id, request.id)

    def test_preview_names_uncovered(self):
        """P28: the erasure preview says what the engine keeps because it
        does not cover it, by model and field, with a count."""
        wizard = self.env["lotus.anonymize.wizard"].sudo(
            self.users["officer"]).create({
                "partner_ids": [(6, 0, self.anna.ids)], "reason": "t"})
        html = wizard.preview_html
        self.assertIn("Kept because the engine does not cover it", html)
        self.assertIn("%s.name" % UNKNOWN, html)
        self.assertIn("%s.partner_id" % UNKNOWN, html)
        request = self.env["lotus.privacy.request"].create({
            "request_type": "erasure", "partner_id": self.anna.id})
        self.assertIn("%s.name" % UNKNOWN, request.sudo(
            self.users["officer"]).lotus_erasure_preview_html)

    def test_officer_removes_uncovered(self):
        """P28: the officer deletes or archives a record the engine does
        not cover; the audit log has the model and field, no value."""
        lookup = self.lookup(self.users["officer"], partner_id=self.anna.id)
        line = self.hits(lookup)[(self.unknown.id, "name")]
        with self.assertRaises(AccessError):
            line.sudo(self.users["privacy_user"]).action_delete_record()
        line.action_delete_record()
        self.assertFalse(self.unknown.exists())
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "lookup_delete")], limit=1)
        self.assertEqual((log.res_model, log.field_names),
                         (UNKNOWN, "name"))
        self.assertNotIn("annelies", (log.note or "").lower())
        line = self.hits(lookup)[(self.linked.id, "partner_id")]
        line.action_archive_record()
        self.assertFalse(self.linked.active)
        covered = lookup.line_ids.filtered("covered")[:1]
        if covered:
            with self.assertRaises(UserError):
                covered.action_delete_record()

    def test_terms_not_kept_or_logged(self):
        """The typed terms are blanked after the search and never reach
        the audit log."""
        lookup = self.lookup(self.users["privacy_user"],
                             email="annelies@lotus.test",
                             phone="024 555 0199")
        self.assertFalse(lookup.email or lookup.phone)
        log = self.env["lotus.audit.log"].search(
            [("action", "=", "privacy_lookup")], limit=1)
        self.assertNotIn("annelies", log.note)
        self.assertNotIn("555", log.note)

    def test_forged_line_refused(self):
        """A line not written by the lookup cannot delete anything."""
        lookup = self.lookup(self.users["officer"], partner_id=self.anna.id)
        forged = self.env["lotus.privacy.lookup.line"].sudo(
            self.users["officer"]).create({
                "lookup_id": lookup.id, "model": "res.partner",
                "res_id": self.other.id, "field_name": "email",
                "kind": "email"})
        with self.assertRaises(AccessError):
            forged.action_delete_record()
        self.assertTrue(self.other.exists())

    def test_access(self):
        """Only privacy users look people up; bad input is refused."""
        with self.assertRaises(AccessError):
            self.lookup(self.users["salesman"], partner_id=self.anna.id)
        with self.assertRaises(AccessError):
            self.anna.sudo(self.users["salesman"]).action_lotus_privacy_lookup()
        with self.assertRaises(UserError):
            self.lookup(email="not an address")
        with self.assertRaises(UserError):
            self.lookup(name="Annelies")
        with self.assertRaises(UserError):
            self.lookup()

    def test_add_to_export(self):
        """P28: what the engine misses is added to the export of an access
        request, as a JSON attachment with the values."""
        request = self.env["lotus.privacy.request"].create({
            "request_type": "access", "partner_id": self.anna.id,
            "verification_method": "known_email"})
        request.action_verify()
        lookup = self.env["lotus.privacy.lookup"].browse(
            request.action_lotus_lookup()["res_id"])
        lookup.action_add_to_export()
        attachment = request.export_attachment_ids
        self.assertEqual(len(attachment), 1)
        self.assertIn(b"Support contract", __import__("base64").b64decode(
            attachment.datas))


class TestCoverage(SavepointCase):

    def test_coverage_of_lotus_models(self):
        """No field of the four lotus addons is personal by the signs of
        the coverage report without a declaration or an explained
        exclusion (NOT_PERSONAL): a new field cannot slip past the
        engine."""
        finder = self.env["lotus.privacy.finder"]
        rows = finder._coverage()
        ours = [
            "%s.%s (%s)" % (row["model"], row["field"], row["sign"])
            for row in rows
            if self.env[row["model"]]._original_module in LOTUS_MODULES
            or self.env[row["model"]]._fields[row["field"]]._module
            in LOTUS_MODULES]
        self.assertEqual(ours, [], "personal fields the engine does not "
                                   "cover: declare them or explain them in "
                                   "NOT_PERSONAL")
        for reason in NOT_PERSONAL.values():
            self.assertTrue(reason)

    def test_coverage_report_lists_unknown_models(self):
        """The coverage report shows a model the engine does not know,
        with its record count."""
        partner = self.env["res.partner"].create({"name": "Cover Test"})
        self.env[UNKNOWN].create({"name": "x", "partner_id": partner.id})
        action = self.env["lotus.privacy.coverage.line"].\
            _lotus_action_coverage()
        self.assertEqual(action["res_model"], "lotus.privacy.coverage.line")
        line = self.env["lotus.privacy.coverage.line"].search([
            ("model", "=", UNKNOWN), ("field_name", "=", "partner_id")])
        self.assertGreaterEqual(line.records, 1)
        rows = self.env["lotus.privacy.finder"]._coverage()
        self.assertFalse([r for r in rows if r["model"] == "res.partner"
                          and r["field"] in ("email", "phone")])
