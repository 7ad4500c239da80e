# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every message a user can meet has a Dutch translation (the shop's
customers and staff are Dutch first)."""
import ast
import glob
import os

import pytest
from odoo.tools.translate import PoFile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = sorted(os.path.basename(os.path.dirname(path)) for path in
                glob.glob(os.path.join(ROOT, "addons", "*", "__manifest__.py")))


def _messages(addon):
    """Literal texts passed to _() in the addon's Python code."""
    for path in glob.glob(os.path.join(ROOT, "addons", addon, "**", "*.py"),
                          recursive=True):
        if os.sep + "tests" + os.sep in path:
            continue
        with open(path) as source:
            tree = ast.parse(source.read())
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call)
                    and getattr(node.func, "id", None) == "_"
                    and node.args and isinstance(node.args[0], ast.Str)):
                yield os.path.relpath(path, ROOT), node.args[0].s


@pytest.mark.parametrize("addon", ADDONS)
def test_every_message_has_a_dutch_translation(addon):
    po_path = os.path.join(ROOT, "addons", addon, "i18n", "nl.po")
    assert os.path.exists(po_path), "%s has no i18n/nl.po" % addon
    with open(po_path, "rb") as po:
        translated = {row[3] for row in PoFile(po) if row[4]}
    messages = list(_messages(addon))
    missing = ["%s: %s" % (path, text) for path, text in messages
               if text not in translated]
    assert messages, "no message found in %s" % addon
    assert missing == []


@pytest.mark.parametrize("addon", ADDONS)
def test_every_exported_term_has_a_dutch_translation(addon):
    """Field labels, menus, views, mail templates and demo products too:
    every term of the addon's template catalogue (made by Odoo's exporter,
    `make i18n`) is translated in nl.po."""
    pot_path = os.path.join(ROOT, "addons", addon, "i18n", "%s.pot" % addon)
    po_path = os.path.join(ROOT, "addons", addon, "i18n", "nl.po")
    assert os.path.exists(pot_path), "run make i18n: %s has no .pot" % addon
    with open(pot_path, "rb") as pot:
        terms = {row[3] for row in PoFile(pot)}
    with open(po_path, "rb") as po:
        translated = {row[3] for row in PoFile(po) if row[4]}
    assert terms
    assert sorted(terms - translated) == []
