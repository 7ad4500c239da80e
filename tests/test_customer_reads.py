# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a demo customer reads on "See my data" and "Delete my account",
through a real server."""
import html
import json
import re

from conftest import ANNA

# The headings of the export page, in the order the customer reads them.
ORDER = ["Your details", "Your orders", "Your invoices", "Your returns",
         "Your tickets", "Your consents", "Your privacy requests"]
TECHNICAL_LABELS = ("Credit Limit", "Color Index", "Kanban State",
                    "Incoterms", "Commercial Entity", "Cash Rounding")


def _invoices_of(admin, login):
    partner = admin("res.users", "search_read", [["login", "=", login]],
                    fields=["partner_id"])[0]["partner_id"][0]
    return admin("account.invoice", "search_read",
                 [["partner_id", "child_of", partner]],
                 fields=["number", "name"])


def test_export_page_in_the_customer_order(odoo_server, admin):
    """P17: P28: "See my data" opens with the customer's details, then
    orders, invoices, returns, tickets, consents and requests (those she
    has), and titles each invoice by its number, never by its free
    reference; the JSON file keeps the same order."""
    http = odoo_server.session(*ANNA)
    page = http.get(odoo_server.url + "/my/privacy/export")
    assert page.status_code == 200
    headings = [html.unescape(h) for h in re.findall(
        r"<h4>([^<]+)</h4>", page.text)]
    shown = [h for h in headings if h in ORDER]
    assert shown[:3] == ["Your details", "Your orders", "Your invoices"]
    assert shown == sorted(shown, key=ORDER.index), shown
    for heading in ("Your returns", "Your tickets"):
        assert heading in shown
    titles = [html.unescape(t) for t in re.findall(
        r'class="lotus_export_title">([^<]+)<', page.text)]
    invoices = _invoices_of(admin, ANNA[0])
    assert invoices, "the demo gives Anna no invoice"
    for invoice in invoices:
        assert invoice["number"] in titles, (invoice["number"], titles)
        if invoice["name"]:
            assert invoice["name"] not in titles
    data = json.loads(http.get(odoo_server.url + "/my/privacy/export.json")
                      .text)
    labels = [block["label"] for block in data["records"].values()]
    assert [h for h in labels if h in ORDER] == [
        h for h in shown if h in labels]
    assert list(data["records"])[0] == "res.partner"


def test_deletion_preview_in_plain_words(odoo_server):
    """P27: P28: "Delete my account" says per kind of record what is kept,
    why and until when, in plain words: Anna's invoices are kept for
    Dutch tax law until a date; no field label of the database."""
    http = odoo_server.session(*ANNA)
    page = http.get(odoo_server.url + "/my/privacy/delete")
    assert page.status_code == 200
    text = html.unescape(page.text)
    preview = text[text.index("lotus_erasure_preview"):]
    assert "Your invoices" in preview
    kept = re.findall(r'class="lotus_kept_reason">([^<]+)<', preview)
    assert any("Dutch tax law" in line and "kept until" in line
               for line in kept), kept
    for label in TECHNICAL_LABELS:
        assert label not in text
