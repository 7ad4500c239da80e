# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import AccessError

from .lotus_audit_log import FIELD_NAME

# Records of personal data one employee may export at once without the
# privacy user group (system parameter lotus_gdpr.export_limit).
DEFAULT_EXPORT_LIMIT = 100


class Base(models.AbstractModel):
    """P24: data is never sold; exports of personal data are logged.

    The Export button of the web client and ``export_data`` over RPC both
    end in ``export_data``: when the exported columns hold personal data
    (a field that a registered model declares personal, or a contact),
    the export is written to the audit log (who, model, how many records,
    which fields; never values), and more records than the configured
    limit need the privacy user group."""

    _inherit = "base"

    @api.multi
    def export_data(self, fields_to_export, raw_data=False):
        personal = self._lotus_personal_export_paths(fields_to_export)
        if personal:
            self._lotus_check_personal_export(fields_to_export, personal)
        return super(Base, self).export_data(fields_to_export, raw_data)

    @api.model
    def _lotus_personal_export_paths(self, paths):
        """The export paths (``partner_id/email``) that reach personal
        data: a personal field of a registered model, or a contact."""
        personal = []
        for path in paths or []:
            model = self
            for position, name in enumerate(path.split("/")):
                field = model._fields.get(name)
                if not field:
                    break
                declared = getattr(model, "_lotus_personal_fields", None)
                last = position == len(path.split("/")) - 1
                if (declared and name in declared()) or (
                        last and field.comodel_name == "res.partner"):
                    personal.append(path)
                    break
                if not field.comodel_name:
                    break
                model = self.env[field.comodel_name]
        return personal

    @api.multi
    def _lotus_check_personal_export(self, paths, personal):
        limit = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_gdpr.export_limit", DEFAULT_EXPORT_LIMIT)
        try:
            limit = int(limit)
        except (TypeError, ValueError):
            limit = DEFAULT_EXPORT_LIMIT
        if len(self) > limit and not self.env.user.has_group(
                "lotus_gdpr.group_privacy_user"):
            raise AccessError(_(
                "Exporting personal data (%(fields)s) of %(count)d records "
                "needs the Privacy User group; without it at most "
                "%(limit)d records at once. Ask your Data Protection "
                "Officer.") % {"fields": ", ".join(personal),
                               "count": len(self), "limit": limit})
        names = [".".join(part.lstrip(".") for part in path.split("/"))
                 for path in paths]
        names = [name for name in names if FIELD_NAME.match(name)]
        self.env["lotus.audit.log"]._log(
            "export", self, names,
            note="export of %d record(s); personal: %s" % (
                len(self), ", ".join(sorted(
                    path.replace("/", ".") for path in personal))))
