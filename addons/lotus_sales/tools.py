# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Recognising payment card numbers in free text (P5).

Card data never belongs in the ERP: payments go straight from the
checkout to PayPal or MultiSafepay. A number "looks like a card number"
when it has 13 to 19 digits (single spaces or dashes between groups are
allowed), starts with 2-6 (the ISO/IEC 7812 ranges of card issuers:
Mastercard 2/5, Amex and Diners 3, Visa 4, Maestro and Discover 5/6) and
passes the Luhn check. Dates, phone numbers, IBANs and postal codes do not.
"""
import re

# Runs of digit groups separated by one space or dash: "4111 1111-1111 1111"
_DIGIT_RUN = re.compile(r"\d+(?:[ \-]\d+)*")
_SEPARATOR = re.compile(r"[ \-]")
MIN_DIGITS = 13
MAX_DIGITS = 19


def luhn_valid(digits):
    """True when the digit string passes the Luhn (mod 10) check."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _looks_like_card(digits):
    return (MIN_DIGITS <= len(digits) <= MAX_DIGITS
            and digits[0] in "23456"
            and luhn_valid(digits))


def contains_card_number(text):
    """True when ``text`` contains something that looks like a card number.

    Every window of consecutive digit groups is tried, so a card number
    glued to an order number ("SO 12 4111 1111 1111 1111") is found too."""
    if not text or not isinstance(text, str):
        return False
    for match in _DIGIT_RUN.finditer(text):
        groups = _SEPARATOR.split(match.group())
        for start in range(len(groups)):
            digits = ""
            for group in groups[start:]:
                digits += group
                if len(digits) > MAX_DIGITS:
                    break
                if _looks_like_card(digits):
                    return True
            # a single group longer than 19 digits is no card number, but a
            # window inside it is not one either: groups are not split
    return False


def check_card_numbers(records, field_names):
    """Raise ValidationError when one of ``field_names`` of ``records``
    holds a card number. The message names the record and the field, never
    the number itself (it must not reach logs or screens again)."""
    # imported here so that the pure functions above stay importable
    # without an Odoo environment
    from odoo import _
    from odoo.exceptions import ValidationError
    for record in records:
        for name in field_names:
            value = record[name]
            if isinstance(value, str) and contains_card_number(value):
                field = record._fields[name]
                raise ValidationError(_(
                    "%(field)s of %(record)s contains what looks like a "
                    "payment card number. Card data is never stored here: "
                    "customers pay through PayPal or MultiSafepay, and the "
                    "order keeps only the provider's transaction reference. "
                    "Remove the number and save again.") % {
                        "field": field.get_description(record.env)["string"],
                        # a contact's name is personal data: name the kind
                        "record": (_("this contact")
                                   if record._name == "res.partner"
                                   else record.display_name),
                })
