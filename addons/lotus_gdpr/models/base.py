# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading

from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

from .lotus_audit_log import FIELD_NAME

# Records of personal data one employee may export at once without the
# privacy user group (system parameter lotus_gdpr.export_limit).
DEFAULT_EXPORT_LIMIT = 100
# Set while the ORM prefetches a field for code that reads records (it
# calls read() for the whole prefetch set): such a read copies nothing out.
# A thread-local, not a context key, which any RPC caller could send.
_PREFETCHING = threading.local()
# The privacy roles a caller check asks for (_lotus_check_privacy_group).
PRIVACY_GROUPS = {
    "user": "lotus_gdpr.group_privacy_user",
    "officer": "lotus_gdpr.group_privacy_officer",
}


class Base(models.AbstractModel):
    """The one caller check of the privacy engine, and P24: data is never
    sold; exports of personal data are logged.

    ``_lotus_check_privacy_group`` is the check every privacy method makes
    at its top, before any ``sudo()``: the caller is in a privacy group or
    is the system itself (the superuser: scheduled actions, and engine code
    already in superuser mode).

    The Export button of the web client and ``export_data`` over RPC both
    end in ``export_data``: when the exported columns hold personal data
    (a field that a registered model declares personal, or a contact),
    the export is written to the audit log (who, model, how many records,
    which fields; never values), and more records than the configured
    limit need the privacy user group.

    ``read`` (and ``search_read``, which ends in it) is the other way to
    copy personal data in bulk, over RPC or a list view set to show more:
    an employee's read of personal fields of more records than the limit
    at once is written to the audit log as well ("bulk_read"). It is not
    refused: the web client reads lists, kanbans and a company's contacts
    the same way, and a list of 200 orders is not an export. The ORM's
    prefetch, which reads through ``read()`` whenever code touches a field
    of many records, copies nothing out and is not logged."""

    _inherit = "base"

    @api.model
    def _lotus_check_privacy_group(self, role, action):
        """Raise an AccessError unless the caller is the superuser or in
        the privacy group of ``role`` (``"user"`` or ``"officer"``, see
        ``PRIVACY_GROUPS``; an officer is also a user). ``action`` is the
        translated refused action, an infinitive ("anonymise customers")
        that the message names together with the group."""
        xmlid = PRIVACY_GROUPS[role]
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group(xmlid):
            return
        raise AccessError(_(
            "Only members of the group \"%(group)s\" may %(action)s. Ask "
            "your Data Protection Officer.") % {
                "group": self.env.ref(xmlid).sudo().name, "action": action})

    @api.multi
    def read(self, fields=None, load="_classic_read"):
        result = super(Base, self).read(fields=fields, load=load)
        # One record (forms, parameters), the system itself and the ORM's
        # prefetch: nothing to check, and no parameter read inside the
        # parameters' own read.
        if len(result) > 1 and self.env.uid != SUPERUSER_ID \
                and not getattr(_PREFETCHING, "depth", 0) \
                and len(result) > self._lotus_export_limit():
            # Without ``fields``: what the read returned, every column.
            paths = fields or list(result[0])
            personal = self._lotus_personal_export_paths(paths)
            if personal:
                self._lotus_log_personal_copy(
                    "bulk_read", "read", paths, personal)
        return result

    def _prefetch_field(self, field):
        depth = getattr(_PREFETCHING, "depth", 0)
        _PREFETCHING.depth = depth + 1
        try:
            return super(Base, self)._prefetch_field(field)
        finally:
            _PREFETCHING.depth = depth

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

    @api.model
    def _lotus_export_limit(self):
        """Records of personal data an employee without the privacy user
        group may export at once (system parameter)."""
        limit = self.env["ir.config_parameter"].sudo().get_param(
            "lotus_gdpr.export_limit", DEFAULT_EXPORT_LIMIT)
        try:
            return int(limit)
        except (TypeError, ValueError):
            return DEFAULT_EXPORT_LIMIT

    @api.multi
    def _lotus_check_personal_export(self, paths, personal):
        limit = self._lotus_export_limit()
        if len(self) > limit:
            self._lotus_check_privacy_group("user", _(
                "export personal data (%(fields)s) of %(count)d records; "
                "without the group at most %(limit)d records at once") % {
                    "fields": ", ".join(personal), "count": len(self),
                    "limit": limit})
        self._lotus_log_personal_copy("export", "export", paths, personal)

    @api.multi
    def _lotus_log_personal_copy(self, action, verb, paths, personal):
        """Audit log: ``verb`` ("export", "read") of ``paths`` of these
        records, of which ``personal`` hold personal data; names only."""
        names = [".".join(part.lstrip(".") for part in path.split("/"))
                 for path in paths]
        names = [name for name in names if FIELD_NAME.match(name)]
        self.env["lotus.audit.log"]._log(
            action, self, names,
            note="%s of %d record(s); personal: %s" % (
                verb, len(self), ", ".join(sorted(
                    path.replace("/", ".") for path in personal))))
