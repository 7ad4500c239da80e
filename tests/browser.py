# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A real browser for the end-to-end tests: Chromium from the
distribution's packages (``scripts/lotus.sh setup`` installs ``chromium``
and ``chromium-driver`` with apt-get), driven by Selenium through
chromedriver. ``start_browser`` skips the calling tests with a one-line
reason when either is missing; it never skips silently."""
import os
import shutil
import tempfile
import time

import pytest

# Flags that work on these machines (no sandbox as root, no GPU, nothing
# that talks to Google in the background), and a new empty profile.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
    "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
    "--window-size=1280,1024",
)


def _find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium_paths():
    """(browser, driver) or a reason why the browser tests cannot run."""
    browser = os.environ.get("LOTUS_CHROMIUM") or _find(
        "chromium", "chromium-browser", "google-chrome")
    driver = os.environ.get("LOTUS_CHROMEDRIVER") or _find("chromedriver")
    if not browser or not driver:
        return None, ("Chromium or chromedriver is not installed (as root "
                      "'make setup' installs them: apt-get install chromium "
                      "chromium-driver)")
    try:
        import selenium  # noqa: F401 pylint: disable=unused-import
    except ImportError:
        return None, "selenium is not installed (requirements.txt)"
    return (browser, driver), None


class Browser(object):
    """What a person does in the browser, and what they see."""

    def __init__(self, server, driver, profile, downloads):
        self.server, self.driver = server, driver
        self.profile, self.downloads = profile, downloads

    # navigation --------------------------------------------------------
    def open(self, path):
        self.driver.get(self.server.url + path)
        return self

    def login(self, login, password, redirect="/my"):
        self.driver.delete_all_cookies()
        self.open("/web/login?redirect=%s" % redirect)
        self.driver.find_element_by_name("login").send_keys(login)
        self.driver.find_element_by_name("password").send_keys(password)
        self.driver.find_element_by_css_selector(
            "form.oe_login_form button[type=submit]").click()
        self.wait(lambda: "/web/login" not in self.driver.current_url,
                  "the login of %s" % login)
        return self

    def logout(self):
        self.open("/web/session/logout")
        self.driver.delete_all_cookies()

    # what the person sees ----------------------------------------------
    def text(self, css="body"):
        return self.driver.find_element_by_css_selector(css).text

    def wait(self, condition, what, timeout=30):
        deadline = time.time() + timeout
        while time.time() < deadline:
            try:
                if condition():
                    return True
            except Exception:  # pylint: disable=broad-except
                pass  # the page is still loading
            time.sleep(0.2)
        raise AssertionError("waited %ss for %s; the page shows:\n%s" % (
            timeout, what, self.text()[:2000]))

    def wait_text(self, text, css="body", timeout=30):
        self.wait(lambda: text in self.text(css), repr(text), timeout)
        return self

    def find(self, css):
        return self.driver.find_element_by_css_selector(css)

    def all(self, css):
        return self.driver.find_elements_by_css_selector(css)

    def xpath(self, xpath):
        return self.driver.find_element_by_xpath(xpath)

    def click_text(self, text, tag="*"):
        """Click the visible element (link, button, menu) showing text."""
        xpath = ("//%s[normalize-space(.)=%s or normalize-space(text())=%s]"
                 % (tag, _xpath_literal(text), _xpath_literal(text)))
        self.wait(lambda: any(e.is_displayed() for e in
                              self.driver.find_elements_by_xpath(xpath)),
                  "something to click showing %r" % text)
        element = [e for e in self.driver.find_elements_by_xpath(xpath)
                   if e.is_displayed()][-1]
        element.click()
        return self

    def downloaded(self, suffix, timeout=30):
        """The path of the file with this suffix the browser downloaded."""
        found = []

        def done():
            found[:] = [name for name in os.listdir(self.downloads)
                        if name.endswith(suffix)]
            return bool(found)
        self.wait(done, "a downloaded %s file" % suffix, timeout)
        return os.path.join(self.downloads, found[0])

    def screenshot(self, path):
        self.driver.save_screenshot(path)

    def quit(self):
        try:
            self.driver.quit()
        finally:
            shutil.rmtree(self.profile, ignore_errors=True)
            shutil.rmtree(self.downloads, ignore_errors=True)


def _xpath_literal(text):
    if "'" not in text:
        return "'%s'" % text
    return "concat('%s')" % "', \"'\", '".join(text.split("'"))


def start_browser(server):
    """A Chromium with a new empty profile and its own download folder;
    skips the calling test (with the reason) when it cannot run."""
    paths, reason = chromium_paths()
    if not paths:
        pytest.skip(reason)
    from selenium import webdriver
    browser, driver_path = paths
    profile = tempfile.mkdtemp(prefix="lotus-chromium-")
    downloads = tempfile.mkdtemp(prefix="lotus-downloads-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument("--user-data-dir=%s" % profile)
    options.add_experimental_option("prefs", {
        "download.default_directory": downloads,
        "download.prompt_for_download": False,
    })
    try:
        driver = webdriver.Chrome(executable_path=driver_path,
                                  options=options)
    except Exception as error:  # pylint: disable=broad-except
        shutil.rmtree(profile, ignore_errors=True)
        pytest.skip("Chromium did not start: %s" % str(error).splitlines()[0])
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(180)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {
        "behavior": "allow", "downloadPath": downloads})
    return Browser(server, driver, profile, downloads)
