# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class MailThread(models.AbstractModel):
    """Every chatter (every model with mail.thread, ours and Odoo's).

    Odoo 11 links the ``attachment_ids`` given to ``message_post`` to the
    new message and mails them to the followers without checking them: a
    customer could post another customer's upload, invoice or data export
    on their own ticket and receive it by mail. The poster must be able to
    read every attachment they link."""

    _inherit = "mail.thread"

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        attachment_ids = kwargs.get("attachment_ids")
        if attachment_ids:
            self.env["ir.attachment"]._lotus_check_linkable(attachment_ids)
        return super(MailThread, self).message_post(*args, **kwargs)
