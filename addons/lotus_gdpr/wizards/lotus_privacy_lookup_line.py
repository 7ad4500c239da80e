# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import hmac

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import consteq

# What a line's signature covers: a line names the record an officer may
# delete, so a line not written by the lookup itself is refused.
SIGNED_FIELDS = ("model", "res_id", "field_name", "covered", "kind")


class LotusPrivacyLookupLine(models.TransientModel):
    """One record and field the privacy lookup found."""

    _name = "lotus.privacy.lookup.line"
    _description = "Privacy lookup hit"
    _order = "covered, model, res_id, field_name"

    lookup_id = fields.Many2one(
        "lotus.privacy.lookup", required=True, ondelete="cascade")
    model = fields.Char(readonly=True)
    model_description = fields.Char("Kind of record", readonly=True)
    res_id = fields.Integer("Record ID", readonly=True)
    record_name = fields.Char("Record", readonly=True)
    field_name = fields.Char("Field", readonly=True)
    field_label = fields.Char("Field label", readonly=True)
    kind = fields.Selection([
        ("link", "Link to the person"),
        ("email", "E-mail address"),
        ("phone", "Phone number"),
        ("name", "Full name"),
        ("duplicate", "Same person (other partner)"),
    ], "Found by", readonly=True)
    kinds = fields.Char("Found by (all)", readonly=True)
    covered = fields.Boolean(
        "Covered by the engine", readonly=True,
        help="Exported and erased by the privacy engine: a registered "
             "model with this field declared, or a copy the engine "
             "cleans.")
    rule = fields.Char("Engine rule", readonly=True)
    is_duplicate = fields.Boolean(
        compute="_compute_is_duplicate", store=True)
    signature = fields.Char(readonly=True)

    @api.depends("kind")
    def _compute_is_duplicate(self):
        for line in self:
            line.is_duplicate = line.kind == "duplicate"

    @api.model
    def create(self, vals):
        # Transient models have no access rights in Odoo 11: check here.
        self.env["lotus.privacy.finder"]._check_privacy_user()
        return super(LotusPrivacyLookupLine, self).create(vals)

    # ------------------------------------------------------------------
    # Integrity
    # ------------------------------------------------------------------
    @api.model
    def _lotus_sign(self, lookup_id, vals):
        secret = self.env["ir.config_parameter"].sudo().get_param(
            "database.secret", "")
        message = "|".join([str(lookup_id)] + [
            str(vals.get(name) or "") for name in SIGNED_FIELDS])
        return hmac.new(secret.encode(), message.encode(),
                        hashlib.sha256).hexdigest()

    @api.multi
    def _lotus_checked(self):
        """The lines, when each was written by the lookup (signed)."""
        for line in self:
            expected = self._lotus_sign(line.lookup_id.id, {
                name: line[name] for name in SIGNED_FIELDS})
            if not consteq(line.signature or "", expected):
                raise AccessError(_(
                    "This lookup result was not produced by the privacy "
                    "lookup: run the search again."))
        return self

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    @api.multi
    def action_open(self):
        self.env["lotus.privacy.finder"]._check_privacy_user()
        self.ensure_one()
        self._lotus_checked()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }

    @api.multi
    def action_archive_record(self):
        """Archive a record the engine does not cover (officer)."""
        self.env["lotus.privacy.finder"]._check_privacy_officer()
        return self._lotus_remove(archive=True)

    @api.multi
    def action_delete_record(self):
        """Delete a record the engine does not cover (officer)."""
        self.env["lotus.privacy.finder"]._check_privacy_officer()
        return self._lotus_remove(archive=False)

    @api.multi
    def _lotus_remove(self, archive):
        self.env["lotus.privacy.finder"]._check_privacy_officer()
        self.ensure_one()
        self._lotus_checked()
        if self.covered:
            raise UserError(_(
                "%s is covered by the privacy engine: erase it with the "
                "data subject (Anonymise customer or an erasure request), "
                "so that legal holds and retention terms apply.")
                % self.record_name)
        model = self.env[self.model].sudo().with_context(active_test=False)
        record = model.browse(self.res_id).exists()
        if not record:
            raise UserError(_("This record no longer exists."))
        if self.model in ("res.users", "res.company"):
            raise UserError(_(
                "Users and companies are not removed from the lookup: "
                "archive the user in Settings."))
        if self.model == "res.partner":
            blocks = self.env["lotus.anonymizer"]._blocks(model, record.ids)
            if blocks:
                raise UserError(_("%(record)s cannot be removed: %(why)s") % {
                    "record": self.record_name, "why": blocks[record.id]})
        if archive:
            if "active" not in model._fields:
                raise UserError(_(
                    "%s cannot be archived: delete it instead.")
                    % (self.model_description or self.model))
            record.write({"active": False})
        else:
            try:
                with self.env.cr.savepoint():
                    record.unlink()
            except Exception:  # pylint: disable=broad-except
                raise UserError(_(
                    "%s cannot be deleted: other records still need it. "
                    "Archive it instead.") % self.record_name)
        self.env["lotus.audit.log"]._log(
            "lookup_archive" if archive else "lookup_delete", record,
            field_names=[self.field_name],
            note=_("Record outside the privacy engine %s from the privacy "
                   "lookup") % (_("archived") if archive else _("deleted")))
        lookup = self.lookup_id
        if not archive:
            lookup.line_ids.filtered(
                lambda l: l.model == self.model and
                l.res_id == self.res_id).unlink()
        else:
            self.write({"rule": _("archived")})
        return lookup._lotus_reopen()
