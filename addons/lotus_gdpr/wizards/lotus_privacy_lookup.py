# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

EXPORT_TYPES = ("access", "portability")


class LotusPrivacyLookup(models.TransientModel):
    """Privacy lookup: everything the database holds on one person, and
    what of it the engine covers (P28).

    The terms typed are personal data: they live in this transient record
    only until the search ran (then blanked), are never logged, and the
    audit log receives counts and field names only."""

    _name = "lotus.privacy.lookup"
    _description = "Privacy lookup"

    partner_id = fields.Many2one(
        "res.partner", "Contact",
        help="The person looked up: their contacts, addresses, e-mail "
             "addresses, phone numbers and names are searched.")
    request_id = fields.Many2one(
        "lotus.privacy.request", "Data subject request")
    name = fields.Char(
        "Full name", help="First and family name, searched in every text "
                          "column.")
    email = fields.Char("E-mail address")
    phone = fields.Char(
        "Phone number", help="Compared on its digits: +31 24 555 0199 "
                             "finds 024-5550199 too.")
    searched = fields.Char(
        "Searched for", readonly=True,
        help="What the last search looked for (the terms themselves are "
             "not kept).")
    line_ids = fields.One2many(
        "lotus.privacy.lookup.line", "lookup_id", "Found", readonly=True)
    hit_count = fields.Integer("Hits", compute="_compute_counts")
    uncovered_count = fields.Integer(
        "Not covered by the engine", compute="_compute_counts")
    duplicate_count = fields.Integer(
        "Same person (other partners)", compute="_compute_counts")

    @api.depends("line_ids.covered", "line_ids.is_duplicate")
    def _compute_counts(self):
        for lookup in self:
            lines = lookup.line_ids
            lookup.hit_count = len(lines)
            lookup.uncovered_count = len(lines.filtered(
                lambda l: not l.covered))
            lookup.duplicate_count = len(set(lines.filtered(
                "is_duplicate").mapped("res_id")))

    @api.model
    def create(self, vals):
        # Transient models have no access rights in Odoo 11: check here.
        self.env["lotus.privacy.finder"]._check_privacy_user()
        return super(LotusPrivacyLookup, self).create(vals)

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    @api.multi
    def action_search(self):
        """Run the lookup; the typed terms are blanked afterwards."""
        self.env["lotus.privacy.finder"]._check_privacy_user()
        self.ensure_one()
        self._lotus_search()
        return self._lotus_reopen()

    @api.multi
    def action_add_to_export(self):
        """Add the values of the hits the engine does not cover to the
        export of the access request (a JSON attachment)."""
        self.env["lotus.privacy.finder"]._check_privacy_user()
        self.ensure_one()
        request = self.request_id
        if not request or request.request_type not in EXPORT_TYPES:
            raise UserError(_(
                "Start the lookup from an access or portability request to "
                "add what it found to that request's export."))
        if request.state in ("done", "rejected"):
            raise UserError(_(
                "%s is closed: its export can no longer change.")
                % request.name)
        request._lotus_check_verified()
        lines = self.line_ids.filtered(
            lambda l: not l.covered)._lotus_checked()
        if not lines:
            raise UserError(_("Nothing found outside the engine to add."))
        records = []
        for line in lines:
            record = self.env[line.model].sudo().with_context(
                active_test=False).browse(line.res_id).exists()
            if not record or line.field_name not in record._fields:
                continue
            records.append({
                "model": line.model_description or line.model,
                "record": line.res_id,
                "name": line.record_name,
                "field": line.field_label,
                "value": self.env["res.partner"]._lotus_export_value(
                    record, line.field_name),
            })
        data = json.dumps({"subject": request.partner_id.id,
                           "outside_the_engine": records},
                          indent=2, ensure_ascii=False, default=str)
        stamp = fields.Date.context_today(self)
        filename = "personal-data-%s-other-records-%s.json" % (
            request.partner_id.id, stamp)
        attachment = self.env["ir.attachment"].sudo().create({
            "name": filename,
            "datas_fname": filename,
            "mimetype": "application/json",
            "res_model": request._name,
            "res_id": request.id,
            "datas": base64.b64encode(data.encode()),
        })
        request.sudo().write({"export_attachment_ids": [(4, attachment.id)]})
        self.env["lotus.audit.log"]._log(
            "lookup_export", request,
            field_names=sorted(set(lines.mapped("field_name"))),
            note=_("%d records outside the engine added to the export")
            % len(records))
        return self._lotus_reopen()

    @api.multi
    def action_include_duplicates(self):
        """Include the other partners that are the same person in the
        erasure: on an erasure request they are erased with the data
        subject; otherwise the Anonymise customer wizard opens with them."""
        self.env["lotus.privacy.finder"]._check_privacy_user()
        self.ensure_one()
        lines = self.line_ids.filtered("is_duplicate")._lotus_checked()
        duplicates = self.env["res.partner"].browse(
            sorted(set(lines.mapped("res_id"))))
        if not duplicates:
            raise UserError(_("No other partner is the same person."))
        request = self.request_id
        if request and request.request_type == "erasure":
            if request.state in ("done", "rejected"):
                raise UserError(_(
                    "%s is closed: its erasure can no longer change.")
                    % request.name)
            request.sudo().write({
                "lotus_same_person_ids": [(4, p.id) for p in duplicates]})
            self.env["lotus.audit.log"]._log(
                "lookup_merge_duplicates", request,
                field_names=["lotus_same_person_ids"],
                note=_("%d partners of the same person added to the "
                       "erasure") % len(duplicates))
            return self._lotus_reopen()
        partners = duplicates | self.partner_id
        return {
            "type": "ir.actions.act_window",
            "name": _("Anonymise customer"),
            "res_model": "lotus.anonymize.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": [(6, 0, partners.ids)]},
        }

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    @api.multi
    def _lotus_reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.multi
    def _lotus_search(self):
        finder = self.env["lotus.privacy.finder"]
        finder._check_privacy_user()
        typed = [label for value, label in (
            (self.name, _("name")), (self.email, _("e-mail")),
            (self.phone, _("phone"))) if value]
        hits = finder._find(self.partner_id, name=self.name,
                            email=self.email, phone=self.phone)
        names = self._lotus_record_names(hits)
        Line = self.env["lotus.privacy.lookup.line"]
        kind_labels = dict(Line._fields["kind"]._description_selection(
            self.env))
        commands = [(5, 0, 0)]
        for hit in hits:
            model = self.env[hit["model"]]
            field = model._fields.get(hit["field"])
            kinds = hit["kinds"]
            main = "duplicate" if "duplicate" in kinds else (
                "link" if "link" in kinds else sorted(kinds)[0])
            vals = {
                "model": hit["model"],
                "model_description": model._description,
                "res_id": hit["res_id"],
                "record_name": names.get((hit["model"], hit["res_id"])),
                "field_name": hit["field"],
                "field_label": field.string if field else hit["field"],
                "kind": main,
                "kinds": ", ".join(kind_labels[k] for k in sorted(kinds)),
                "covered": hit["covered"],
                "rule": hit["rule"] or False,
            }
            vals["signature"] = Line._lotus_sign(self.id, vals)
            commands.append((0, 0, vals))
        parts = typed + ([_("contact %s") % self.partner_id.display_name]
                         if self.partner_id else [])
        # The typed terms are not kept once the search ran.
        self.write({"line_ids": commands, "name": False, "email": False,
                    "phone": False, "searched": ", ".join(parts)})
        self.env["lotus.audit.log"]._log(
            "privacy_lookup", self.request_id or self.partner_id or None,
            note=_("%(hits)d hits, %(uncovered)d not covered by the engine, "
                   "searched by %(kinds)s") % {
                       "hits": len(hits),
                       "uncovered": len([h for h in hits
                                         if not h["covered"]]),
                       "kinds": ", ".join(typed + (
                           [_("contact")] if self.partner_id else []))})

    @api.model
    def _lotus_record_names(self, hits):
        """Display names of the records hit: one name_get per model."""
        by_model = {}
        for hit in hits:
            by_model.setdefault(hit["model"], set()).add(hit["res_id"])
        names = {}
        for model_name, ids in by_model.items():
            records = self.env[model_name].sudo().with_context(
                active_test=False).browse(sorted(ids)).exists()
            for rec_id, name in records.name_get():
                names[(model_name, rec_id)] = name
        return names
