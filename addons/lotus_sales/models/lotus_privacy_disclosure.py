# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class LotusPrivacyDisclosure(models.Model):
    """Deliveries look up their disclosures by record id ("Shared with
    carriers"): with one disclosure per shipment the table grows with the
    shipments, so the lookup needs an index."""

    _inherit = "lotus.privacy.disclosure"

    res_ids = fields.Char(index=True)
