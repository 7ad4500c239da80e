# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

# A field name, possibly dotted (partner_id.email): never a value.
FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
# Context marker of _log(): an object, which no RPC call can send (a
# context that arrives over the wire holds only JSON/XML-RPC values).
_ENGINE_WRITE = object()


class LotusAuditLog(models.Model):
    """Append-only trail of what was done with personal data.

    It records who, when, which action, which record and which fields,
    never the values of personal fields. Nobody, not even the
    administrator, can edit or delete an entry through the ORM. Entries
    are written by the engine only, through the private ``_log()``:
    ``create`` refuses every other caller, so no RPC call appends an
    entry or a text of its own."""

    _name = "lotus.audit.log"
    _description = "Privacy audit log"
    _order = "id desc"
    _log_access = True

    user_id = fields.Many2one(
        "res.users", "User", readonly=True, index=True,
        default=lambda self: self.env.uid)
    action = fields.Char(required=True, readonly=True, index=True)
    res_model = fields.Char("Model", readonly=True, index=True)
    res_id = fields.Integer("Record ID", readonly=True, index=True)
    record_count = fields.Integer("Records", readonly=True, default=1)
    field_names = fields.Char("Fields", readonly=True)
    note = fields.Char(readonly=True,
                       help="Context without personal values: counts, "
                            "references, reasons.")

    @api.model
    def _log(self, action, records=None, field_names=None, note=None):
        """Append one entry for ``action`` on ``records`` (any recordset).

        ``field_names`` is an iterable of field names (never values):
        anything that is not shaped like a field name is refused, so that
        a personal value cannot slip into the log by mistake."""
        if isinstance(field_names, str):
            field_names = [field_names]
        field_names = list(field_names or [])
        bad = [name for name in field_names
               if not isinstance(name, str) or not FIELD_NAME.match(name)]
        if bad:
            raise ValueError(
                "lotus.audit.log._log(): field_names takes field names, "
                "got %d other value(s)" % len(bad))
        field_names = sorted(set(field_names))
        vals = {
            "user_id": self.env.uid,
            "action": action,
            "note": note or False,
            "field_names": ", ".join(field_names) or False,
        }
        if records is not None:
            vals.update({
                "res_model": records._name,
                "res_id": records.ids[0] if len(records) == 1 else 0,
                "record_count": len(records),
            })
        return self.sudo().with_context(
            lotus_audit_writer=_ENGINE_WRITE).create(vals)

    @api.model
    def create(self, vals):
        if self.env.context.get("lotus_audit_writer") is not _ENGINE_WRITE:
            raise AccessError(_("The privacy audit log is written by the "
                                "privacy engine only."))
        return super(LotusAuditLog, self).create(vals)

    @api.multi
    def write(self, vals):
        raise UserError(_("The privacy audit log is append-only: "
                          "entries cannot be changed."))

    @api.multi
    def unlink(self):
        raise UserError(_("The privacy audit log is append-only: "
                          "entries cannot be deleted."))
