# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
import os

from odoo.modules.module import get_module_path
from odoo.tests.common import TransactionCase
from odoo.tools.translate import PoFile

FILES = ("privacy_consent.py", "lotus_consent_event.py", "res_partner.py",
         "lotus_privacy_request.py", "mail_mass_mailing.py",
         "privacy_activity_consent.py")


class TestDutch(TransactionCase):

    def test_every_message_has_a_dutch_translation(self):
        """Every error and message of consent, objection, restriction and
        requests has a Dutch translation in i18n/nl.po."""
        path = get_module_path("lotus_gdpr")
        with open(os.path.join(path, "i18n", "nl.po"), "rb") as po:
            translated = {row[3] for row in PoFile(po) if row[4]}
        missing, checked = [], 0
        for name in FILES:
            with open(os.path.join(path, "models", name)) as source:
                tree = ast.parse(source.read())
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and
                        getattr(node.func, "id", None) == "_" and node.args and
                        isinstance(node.args[0], ast.Str)):
                    checked += 1
                    if node.args[0].s not in translated:
                        missing.append(node.args[0].s)
        self.assertGreater(checked, 30)
        self.assertEqual(missing, [])
