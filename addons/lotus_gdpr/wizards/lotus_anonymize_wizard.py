# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class LotusAnonymizeWizard(models.TransientModel):
    """Anonymise customer: preview first, then confirm (P26, P28)."""

    _name = "lotus.anonymize.wizard"
    _description = "Anonymise customer"

    partner_ids = fields.Many2many(
        "res.partner", string="Customers", required=True,
        default=lambda self: self._default_partners())
    reason = fields.Char(
        required=True,
        help="Why these customers are anonymised, e.g. the reference of "
             "the erasure request. Recorded in the audit log; never put "
             "personal data here.")
    state = fields.Selection([
        ("preview", "Preview"),
        ("done", "Done"),
    ], default="preview", readonly=True)
    preview_html = fields.Html(
        "What happens", compute="_compute_preview_html", sanitize=False)
    result_html = fields.Html("Result", readonly=True, sanitize=False)

    @api.model
    def _default_partners(self):
        if self.env.context.get("active_model") == "res.partner":
            return [(6, 0, self.env.context.get("active_ids") or [])]
        return []

    @api.model
    def create(self, vals):
        # Transient models have no access rights in Odoo 11: check here.
        self.env["lotus.anonymizer"]._check_officer()
        return super().create(vals)

    @api.depends("partner_ids")
    def _compute_preview_html(self):
        anonymizer = self.env["lotus.anonymizer"]
        for wizard in self:
            if not wizard.partner_ids:
                wizard.preview_html = False
                continue
            wizard.preview_html = anonymizer._format_preview(
                anonymizer.preview(wizard.partner_ids))

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        if not self.partner_ids:
            raise UserError(_("Select at least one customer to anonymise."))
        if not (self.reason or "").strip():
            raise UserError(_("Enter the reason (e.g. the erasure request "
                              "reference) before anonymising."))
        anonymizer = self.env["lotus.anonymizer"]
        summary = anonymizer.anonymize(self.partner_ids, reason=self.reason)
        self.write({
            "state": "done",
            "result_html": anonymizer._format_preview(summary),
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
        }
