# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import html2plaintext

from ..tools import check_card_numbers, contains_card_number

# Free-text fields of a contact where a card number could be typed (P5).
CARD_GUARDED_FIELDS = (
    "name", "firstname", "lastname", "street", "street2", "zip", "city",
    "comment", "ref", "function", "company_name",
)
_HOUSE_NUMBER = re.compile(r"\d")


class ResPartner(models.Model):
    """First and family name come from OCA partner_firstname (P1); this adds
    the address completeness rule (P2), the card-number guard (P5) and the
    name fields for the anonymisation engine."""

    _inherit = "res.partner"

    # The policy (and the invoice) speak of a "family name".
    lastname = fields.Char("Family name")
    lotus_person_id = fields.Many2one(
        "res.partner", "Person", compute="_compute_lotus_person_id",
        help="The person this contact or address stands for (the address "
             "itself, or the person it is an address of); empty for a "
             "company. Printed on invoices and shipping labels.")

    @api.multi
    @api.depends("is_company", "name", "parent_id")
    def _compute_lotus_person_id(self):
        for partner in self:
            person = partner
            while person and not person.is_company and not person.name:
                person = person.parent_id
            partner.lotus_person_id = (
                person if person and not person.is_company else False)

    @api.model
    def _lotus_personal_fields(self):
        fields = super(ResPartner, self)._lotus_personal_fields()
        # name is computed from these two (partner_firstname): the family
        # name carries the placeholder, so the name reads "Anonymised".
        fields.update({
            "firstname": "blank",
            "lastname": "placeholder",
            "company_name": "blank",
        })
        return fields

    @api.constrains(*CARD_GUARDED_FIELDS)
    def _check_lotus_card_numbers(self):
        """P5: no payment card number in a contact's fields or notes."""
        check_card_numbers(self, CARD_GUARDED_FIELDS)

    @api.multi
    def _lotus_address_missing(self):
        """P2: what this address lacks for an invoice or a shipping label.

        Returns a list of translated labels (empty when complete)."""
        self.ensure_one()
        missing = []
        if not (self.street or "").strip():
            missing.append(_("street"))
        elif not _HOUSE_NUMBER.search(self.street):
            missing.append(_("house number (in the street line)"))
        if not (self.zip or "").strip():
            missing.append(_("postal code"))
        if not (self.city or "").strip():
            missing.append(_("city"))
        if not self.country_id:
            missing.append(_("country"))
        return missing

    @api.multi
    def _lotus_names_missing(self):
        """P1: a person on an invoice has a first and a family name; a
        company needs only its name."""
        self.ensure_one()
        if self.is_company:
            return [] if self.name else [_("company name")]
        missing = []
        if not self.firstname:
            missing.append(_("first name"))
        if not self.lastname:
            missing.append(_("family name"))
        return missing

    # ------------------------------------------------------------------
    # Shared helpers (orders, invoices and pickings use them too)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_check_posted_note(self, args, kwargs):
        """P5: refuse a chatter note (message_type comment, typed by a
        user) that holds a card number. ``args``/``kwargs`` are those of
        ``message_post(body, subject, message_type, ...)``."""
        message_type = kwargs.get(
            "message_type", args[2] if len(args) > 2 else "notification")
        if message_type != "comment":
            return
        body = kwargs.get("body", args[0] if args else "")
        if body and contains_card_number(html2plaintext(body)):
            raise ValidationError(_(
                "This message contains what looks like a payment card "
                "number. Card data is never stored here: customers pay "
                "through PayPal or MultiSafepay. Remove the number and "
                "post again."))

    @api.multi
    @api.returns("self", lambda value: value.id)
    def message_post(self, *args, **kwargs):
        self.env["res.partner"]._lotus_check_posted_note(args, kwargs)
        return super(ResPartner, self).message_post(*args, **kwargs)
