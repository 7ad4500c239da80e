# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""make screenshots: PNGs of the screens the README shows, taken in the
browser of the end-to-end tests (Chromium) from a copy of the demo
database.

    python scripts/screenshots.py ODOO_CONF DATABASE OUT_DIR
"""
import os
import re
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests"))

from browser import chromium_paths, start_browser  # noqa: E402
from conftest import (  # noqa: E402
    ADMIN, ANNA, LUKAS, Mailbox, OdooServer, Rpc, _free_port)

LINK_RE = r"(/privacy/consent/confirm/[A-Za-z0-9_\-]+)"


def shoot(browser, out, name):
    time.sleep(0.5)  # let the page settle (fonts, web client)
    path = os.path.join(out, name)
    browser.driver.save_screenshot(path)
    print("  %s" % os.path.relpath(path, ROOT))


def portal_pages(browser, admin, mailbox, out):
    browser.login(*ANNA, redirect="/my/privacy")
    browser.wait_text("Your privacy")
    shoot(browser, out, "portal-privacy.png")
    browser.open("/my/privacy/export")
    browser.wait_text("The personal data we hold about you")
    shoot(browser, out, "portal-export.png")
    browser.open("/my/privacy/delete")
    browser.wait_text("Delete my account")
    shoot(browser, out, "portal-delete-preview.png")
    # Lukas subscribes to the newsletter and opens the link of the mail.
    browser.logout()
    browser.login(*LUKAS, redirect="/my/privacy")
    row = browser.xpath("//tr[.//strong[normalize-space(.)='Newsletter']]")
    row.find_element_by_css_selector("button[value=give]").click()
    browser.wait_text("We sent you an e-mail")
    # The queued mail holds no live link: read it in Lukas's mailbox once
    # the shop sent it, as the browser test does.
    link = next(found for text in mailbox.receive(admin, LUKAS[0])
                for found in re.findall(LINK_RE, text))
    browser.open(link)
    browser.wait_text("Nothing is recorded until you press the button.")
    shoot(browser, out, "consent-confirm.png")
    browser.click_text("Yes, I confirm", tag="button")
    browser.wait_text("Thank you, your subscription is confirmed")
    shoot(browser, out, "consent-confirmed.png")
    browser.logout()


def officer_screens(browser, admin, out):
    browser.login(*ADMIN, redirect="/web")
    browser.wait(lambda: browser.all(".o_main_navbar, .o_main_content"),
                 "the web client")
    # The Privacy app opens on its first menu, Requests > Open requests.
    browser.click_text("Privacy", tag="a")
    browser.wait_text("Open requests", css=".o_control_panel .breadcrumb")
    browser.wait(lambda: browser.all(".o_list_view tbody tr"), "the requests")
    shoot(browser, out, "dpo-requests.png")
    anna = admin("res.partner", "search", [("email", "=", ANNA[0])])[0]
    browser.open("/web#id=%d&model=res.partner&view_type=form" % anna)
    browser.wait_text("Anna", css=".o_form_view")
    browser.click_text("Action", tag="button")
    browser.click_text("Anonymise customer", tag="a")
    browser.wait_text("Anonymisation cannot be undone", css=".modal")
    shoot(browser, out, "dpo-anonymise-preview.png")
    browser.click_text("Close", tag="button")
    carrier = admin("ir.model.data", "xmlid_to_res_id",
                    "lotus_sales.carrier_postnl")
    browser.open("/web#id=%d&model=delivery.carrier&view_type=form" % carrier)
    browser.wait_text("PostNL", css=".o_form_view")
    browser.click_text("Privacy", tag="a")
    shoot(browser, out, "carrier-privacy-tab.png")
    ids = admin("privacy.activity", "search", [])
    browser.open("/report/html/lotus_gdpr.privacy_register_document/%s"
                 % ",".join(map(str, ids)))
    browser.wait_text("Newsletter")
    shoot(browser, out, "register-report.png")


def main(conf, db, out):
    paths, reason = chromium_paths()
    if not paths:
        sys.exit("screenshots: %s" % reason)
    os.makedirs(out, exist_ok=True)
    server = OdooServer(conf, db, _free_port()).start()
    browser = None
    try:
        admin = Rpc(server, *ADMIN)
        mailbox = Mailbox()
        mailbox.server, mailbox.http = server, server.session(*ADMIN)
        admin("ir.mail_server", "create", {
            "name": "Mailboxes of the screenshots", "smtp_host": "127.0.0.1",
            "smtp_port": mailbox.port, "smtp_encryption": "none",
            "sequence": 1})
        browser = start_browser(server)
        portal_pages(browser, admin, mailbox, out)
        officer_screens(browser, admin, out)
    finally:
        if browser:
            browser.quit()
        server.stop()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
