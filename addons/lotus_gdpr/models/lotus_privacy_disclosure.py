# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LotusPrivacyDisclosure(models.Model):
    """Personal data that left the system: to whom, for what, which
    fields of which records (P8, P22, P24, P32)."""

    _name = "lotus.privacy.disclosure"
    _description = "Disclosure of personal data"
    _order = "id desc"

    recipient_id = fields.Many2one(
        "lotus.privacy.recipient", required=True, readonly=True,
        ondelete="restrict")
    activity_id = fields.Many2one(
        "privacy.activity", "Purpose", required=True, readonly=True,
        ondelete="restrict")
    res_model = fields.Char("Model", required=True, readonly=True, index=True)
    res_ids = fields.Char("Record IDs", readonly=True)
    partner_ids = fields.Many2many(
        "res.partner", string="Data subjects", readonly=True)
    field_names = fields.Char("Fields", readonly=True)
    reference = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", readonly=True,
                              default=lambda self: self.env.uid)

    @api.model
    def record_disclosure(self, recipient, records, field_names, activity,
                          reference=None, partners=None):
        """Record that ``field_names`` of ``records`` go to ``recipient``
        for ``activity``. Every addon calls this before personal data
        leaves the system. Raises UserError (and records nothing) when the
        recipient is not registered for that purpose."""
        recipient.ensure_one()
        activity.ensure_one()
        if not recipient._lotus_allows(activity):
            raise UserError(_(
                "%s is not a registered recipient for '%s': personal data "
                "is not disclosed. Register it under Privacy > Register > "
                "Recipients first.") % (recipient.name, activity.name))
        if partners is None:
            partners = self.env["res.partner"]
        disclosure = self.sudo().create({
            "recipient_id": recipient.id,
            "activity_id": activity.id,
            "res_model": records._name,
            "res_ids": ",".join(str(i) for i in records.ids),
            "partner_ids": [(6, 0, partners.ids)],
            "field_names": ", ".join(sorted(field_names)),
            "reference": reference or False,
        })
        self.env["lotus.audit.log"].log(
            "disclosure", records, field_names,
            note="to recipient #%d for activity #%d" % (recipient.id, activity.id))
        return disclosure
