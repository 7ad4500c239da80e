# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.tools import html_escape as esc


class LotusRetentionPreview(models.TransientModel):
    """What the next retention run will do (P26): the dry run made
    visible to the Privacy Officer, per term, before any run."""

    _name = "lotus.retention.preview"
    _description = "Next retention run"

    preview_html = fields.Html(
        "What the next run will do", compute="_compute_preview_html",
        sanitize=False)

    @api.model
    def create(self, vals):
        # Transient models have no access rights in Odoo 11: check here.
        self._lotus_check_privacy_group(
            "officer", _("see what the next retention run will do"))
        return super().create(vals)

    @api.multi
    def _compute_preview_html(self):
        self._lotus_check_privacy_group(
            "officer", _("see what the next retention run will do"))
        rows = self.env["lotus.retention.term"]._lotus_preview()
        html = self._lotus_format(rows)
        for wizard in self:
            wizard.preview_html = html

    @api.model
    def _lotus_format(self, rows):
        anonymizer = self.env["lotus.anonymizer"]
        return anonymizer._html_table((
            _("Retention term"), _("Records"), _("Expired"), _("Then"),
            _("Done now"), _("Restricted"), _("Blocked"), _("Why")), [[
                esc(row["term"]), esc(row["model"]), "%d" % row["expired"],
                esc(row["action"]), "%d" % row["done"],
                "%d" % row["restricted"], "%d" % row["blocked"],
                anonymizer._html_reasons(row["reasons"]),
            ] for row in rows])
