# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The promises as people see them, in Chromium against the running server.

A new customer, Floor Visser, gets an account and a delivered, invoiced
order (set up by the administrator over XML-RPC, as the shop's checkout
and warehouse would); then, in the browser, she chooses cookies, subscribes
to the newsletter and withdraws, returns a product, asks a question about
her order, looks at and downloads her data and asks to delete her account.
The privacy officer then finds her request, previews the anonymisation and
prints the processing register. Each step checks what the page shows or
the file the browser saved. The tests run in this order and build on each
other; they are skipped, with the reason, where Chromium cannot run."""
import json
import re
import time

import pytest

from browser import start_browser
from conftest import ADMIN, ready_delivery

GA_KEY = "UA-424242-1"
FLOOR = ("floor.visser@example.nl", "floor-portal-pw")
# What the browser receives from a URL: its type, size and first bytes.
FETCH_HEAD = """
    var done = arguments[arguments.length - 1];
    fetch(arguments[0], {credentials: 'same-origin'})
        .then(function (r) { return r.arrayBuffer().then(function (b) {
            var bytes = new Uint8Array(b), head = '';
            for (var i = 0; i < 8 && i < bytes.length; i++) {
                head += String.fromCharCode(bytes[i]); }
            done({type: r.headers.get('Content-Type'), size: bytes.length,
                  head: head}); }); })
        .catch(function (e) { done({error: String(e)}); });
"""
LINK_RE = r"(/(?:privacy/consent|my/privacy/delete)/confirm/[A-Za-z0-9_\-]+)"


@pytest.fixture(scope="module")
def browser(odoo_server):
    browser = start_browser(odoo_server)
    yield browser
    browser.quit()


@pytest.fixture(scope="module")
def floor(admin):
    """Floor Visser: a portal account and a delivered, invoiced order."""
    admin("ir.config_parameter", "set_param",
          "lotus_gdpr.google_analytics_key", GA_KEY)
    portal = admin("ir.model.data", "xmlid_to_res_id", "base.group_portal")
    nl = admin("ir.model.data", "xmlid_to_res_id", "base.nl")
    user_id = admin("res.users", "create", {
        "name": "Floor Visser", "login": FLOOR[0], "password": FLOOR[1],
        "email": FLOOR[0], "groups_id": [(6, 0, [portal])],
    }, context={"no_reset_password": True})
    partner_id = admin("res.users", "read", [user_id], ["partner_id"])[0][
        "partner_id"][0]
    admin("res.partner", "write", [partner_id], {
        "firstname": "Floor", "lastname": "Visser",
        "street": "Lange Hezelstraat 41", "zip": "6511 CB",
        "city": "Nijmegen", "country_id": nl, "phone": "+31 24 555 0199",
        "customer": True,
    })
    product = admin("product.product", "search_read",
                    [("default_code", "=", "LTP-MINI")], ["name"])[0]
    order_id, picking_ids = ready_delivery(admin, partner_id, "LTP-MINI")
    admin("stock.picking", "action_done", picking_ids)
    invoice_ids = admin("sale.order", "action_invoice_create", [order_id])
    admin("account.invoice", "action_invoice_open", invoice_ids)
    order = admin("sale.order", "read", [order_id], ["name"])[0]
    return {"partner_id": partner_id, "order_id": order_id,
            "order": order["name"], "product": product["name"]}


def _mailed_link(admin, mailbox, email, kind):
    """The link of the last mail sent to this address, read in the
    person's mailbox once the shop sent it (the double opt-in, the
    deletion confirmation): the queued mail holds no live link."""
    deadline = time.time() + 20
    while time.time() < deadline:
        for text in mailbox.receive(admin, email):
            for link in re.findall(LINK_RE, text):
                if kind in link:
                    return link
        time.sleep(0.5)
    raise AssertionError("no mail with a %s link to %s" % (kind, email))


def test_cookie_banner_refuse_then_accept(browser, floor):
    """P16: the banner asks first; refused, Google Analytics is not
    loaded; accepted, it is loaded with IP anonymisation."""
    browser.login(*FLOOR)
    browser.wait_text("We would like to use analytics cookies")
    # the shop's logo, not Odoo's "Your logo" placeholder
    assert browser.driver.execute_script(
        "var logo = document.querySelector('.navbar-brand.logo img');"
        "return logo && logo.complete && logo.naturalWidth;") == 360
    assert not browser.all("#lotus_analytics")
    browser.find("#lotus_cookie_banner .lotus_cookie_refuse").click()
    browser.wait(lambda: not any(banner.is_displayed() for banner in
                                 browser.all("#lotus_cookie_banner")),
                 "the banner to go")
    # the choice is sent in the background: the browser keeps it
    browser.wait(lambda: (browser.driver.get_cookie("lotus_cookie_consent")
                          or {}).get("value") == "refused",
                 "the cookie choice to be remembered")
    browser.open("/my")
    assert not browser.all("#lotus_cookie_banner")
    assert not browser.all("#lotus_analytics")
    assert "googletagmanager" not in browser.driver.page_source
    browser.open("/my/privacy")
    browser.wait_text("You refused analytics cookies: no analytics are loaded.")
    browser.find("#cookies ~ form .lotus_cookie_accept, "
                 ".o_lotus_privacy .lotus_cookie_accept").click()
    browser.wait_text("You accepted analytics cookies")
    script = browser.find("#lotus_analytics")
    assert GA_KEY in script.get_attribute("src")
    data_layer = browser.driver.execute_script(
        "return JSON.stringify(window.dataLayer || [])")
    assert '"anonymize_ip":true' in data_layer.replace(" ", "")


def _newsletter(browser, shows, click=None):
    """The newsletter's row on the privacy page: check what it says, then
    click its button (give or withdraw)."""
    row = browser.xpath("//tr[.//strong[normalize-space(.)='Newsletter']]")
    assert shows in row.text, row.text
    if click:
        row.find_element_by_css_selector("button[value=%s]" % click).click()


def test_newsletter_consent_confirmation_and_withdrawal(browser, admin, mailbox,
                                                        floor):
    """P20: newsletter consent is given, confirmed through the link of the
    mail (double opt-in), and withdrawn with one click."""
    browser.open("/my/privacy")
    _newsletter(browser, "Not given", click="give")
    browser.wait_text("We sent you an e-mail: open its link to confirm")
    _newsletter(browser, "Waiting for your e-mail confirmation")
    browser.open(_mailed_link(admin, mailbox, FLOOR[0], "consent"))
    # Opening the link (a mail scanner does too) records nothing yet.
    browser.wait_text("Nothing is recorded until you press the button.")
    browser.click_text("Yes, I confirm", tag="button")
    browser.wait_text("Thank you, your subscription is confirmed")
    assert "Newsletter" in browser.text()
    browser.open("/my/privacy")
    _newsletter(browser, "Given", click="withdraw")
    browser.wait_text("Your consent has been withdrawn. It takes effect at once.")
    _newsletter(browser, "Not given")


def test_return_on_a_delivered_order(browser, floor):
    """P9: the customer asks for a return on her delivered order and sees
    it received, linked to the order."""
    browser.open("/my/orders/%d" % floor["order_id"])
    browser.wait_text(floor["order"])
    browser.click_text("Return or replace")
    browser.wait_text("Return or replace products of order %s" % floor["order"])
    browser.find("input[name^=qty_]").send_keys("1")
    reason = browser.find("select#reason")
    reason.find_elements_by_css_selector("option")[1].click()
    browser.find("textarea#comment").send_keys("The nozzle clogs after an hour.")
    browser.click_text("Request return", tag="button")
    browser.wait_text("Your return request has been received.")
    assert floor["order"] in browser.text()
    browser.open("/my/returns")
    assert floor["order"] in browser.text()


def test_ticket_about_an_order(browser, floor):
    """P22: the customer opens a ticket about her order; the ticket shows
    the order it is about."""
    browser.open("/my/orders/%d" % floor["order_id"])
    browser.click_text("Ask a question")
    browser.wait_text("Order number")
    assert browser.find("#order_ref").get_attribute("value") == floor["order"]
    category = browser.find("select#category")
    options = category.find_elements_by_css_selector("option")
    (options[1] if len(options) > 1 else options[0]).click()
    browser.find("input[name=subject]").send_keys("When does my printer ship?")
    browser.find("textarea[name=description]").send_keys(
        "I would like to know the delivery date of my printer.")
    browser.click_text("Submit Ticket", tag="button")
    browser.wait(lambda: "/new/ticket" not in browser.driver.current_url,
                 "the ticket to be sent")
    browser.open("/my/tickets")
    browser.wait_text("When does my printer ship?")
    browser.click_text("When does my printer ship?", tag="a")
    browser.wait_text(floor["order"], css="#lotus_ticket_order")


def test_see_and_download_my_data(browser, floor):
    """P28: "See my data" shows what the shop holds; the download is a
    JSON file with the same data."""
    browser.open("/my/privacy")
    browser.click_text("See all the personal data we hold about you")
    browser.wait_text("The personal data we hold about you")
    page = browser.text()
    for seen in ("Floor", "Visser", "Lange Hezelstraat 41", floor["order"]):
        assert seen in page, seen
    assert page.index("Your details") < page.index("Your orders")
    browser.click_text("Download as a file (JSON)")
    path = browser.downloaded(".json")
    with open(path) as handle:
        data = json.load(handle)
    text = json.dumps(data)
    for seen in (FLOOR[0], "Lange Hezelstraat 41", floor["order"]):
        assert seen in text, seen


def test_request_deletion_sees_what_is_kept(browser, admin, mailbox, floor):
    """P26, P27: before asking, the customer sees what is removed and what
    is kept, why and until when, in plain words (her invoice, for Dutch
    tax law), no field labels; the deletion is confirmed through the link
    of the mail."""
    browser.open("/my/privacy")
    browser.click_text("Delete my account")
    browser.wait_text("Kept for now, and why")
    preview = browser.text(".lotus_erasure_preview")
    assert "Removed or anonymised" in preview
    assert "Your invoices" in preview
    assert "Dutch tax law" in preview
    assert "7 years" in preview
    assert "art. 52 AWR" in preview
    assert "Credit Limit" not in browser.text()
    browser.click_text("Request the deletion of my account", tag="button")
    browser.wait_text("We sent you an e-mail: open its link to confirm the "
                      "deletion of your account.")
    browser.open(_mailed_link(admin, mailbox, FLOOR[0], "delete"))
    browser.click_text("Yes, delete my account", tag="button")
    browser.wait_text("Your request is confirmed")
    assert "what had to be kept and why" in browser.text()


def test_privacy_officer_requests_wizard_and_register(browser, admin, floor):
    """P28, P26, P21: the privacy officer opens Privacy > Requests and finds
    the customer's erasure request, previews the anonymisation of the
    customer (nothing changes until confirmed) and prints the register of
    processing activities as PDF."""
    browser.logout()
    browser.login(*ADMIN, redirect="/web")
    browser.wait(lambda: browser.all(".o_main_navbar, .o_main_content"),
                 "the web client")
    # The Privacy app opens on its first menu, Requests > Open requests.
    browser.click_text("Privacy", tag="a")
    browser.wait_text("Open requests", css=".o_control_panel .breadcrumb")
    browser.wait_text("Floor Visser", css=".o_content")
    row = browser.xpath("//tr[contains(., 'Floor Visser')]")
    assert "Erasure" in row.text
    # The anonymise wizard on her contact: a preview, nothing erased yet.
    browser.open("/web#id=%d&model=res.partner&view_type=form"
                 % floor["partner_id"])
    browser.wait_text("Floor Visser", css=".o_form_view")
    browser.click_text("Action", tag="button")
    browser.click_text("Anonymise customer", tag="a")
    browser.wait_text("Anonymisation cannot be undone", css=".modal")
    dialog = browser.text(".modal")
    assert "Floor Visser" in dialog
    assert "Invoices" in dialog or "invoice" in dialog.lower()
    browser.click_text("Close", tag="button")
    assert admin("res.partner", "read", [floor["partner_id"]],
                 ["name"])[0]["name"] == "Floor Visser"
    # The register, as the authority receives it.
    ids = admin("privacy.activity", "search", [])
    browser.open("/report/html/lotus_gdpr.privacy_register_document/%s"
                 % ",".join(map(str, ids)))
    browser.wait_text("Newsletter")
    pdf = browser.driver.execute_async_script(
        FETCH_HEAD, "/report/pdf/lotus_gdpr.privacy_register_document/%s"
        % ",".join(map(str, ids)))
    assert pdf.get("type") == "application/pdf", pdf
    assert pdf["head"].startswith("%PDF"), pdf
    assert pdf["size"] > 5000, pdf
