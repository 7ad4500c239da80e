# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    @api.model
    def _lotus_check_linkable(self, attachment_ids):
        """Raise AccessError unless the current user may read every
        attachment of ``attachment_ids`` (ids, or x2many commands as the
        chatter sends them): the attachment's own document decides, as
        when the user downloads it."""
        ids = set()
        for item in attachment_ids or []:
            if isinstance(item, (list, tuple)):
                if item and item[0] == 4 and len(item) > 1:
                    ids.add(item[1])
                elif item and item[0] == 6 and len(item) > 2:
                    ids.update(item[2] or [])
            elif item:
                ids.add(item)
        try:
            ids = {int(i) for i in ids}
        except (TypeError, ValueError):
            raise UserError(_("Attachments are given by their id."))
        attachments = self.browse(list(ids))
        if attachments:
            attachments.check("read")
            attachments.check_access_rights("read")
        return True
