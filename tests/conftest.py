# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""End-to-end fixtures: a real Odoo HTTP server on a free local port.

These tests run without the pytest-odoo plugin (``-p no:odoo``): they talk
to Odoo only from the outside, over HTTP, JSON-RPC and XML-RPC, against the
test database that ``make test`` has just created. The server is started
once per session and stopped by its own PID at the end."""
import asyncore
import email
import os
import signal
import smtpd
import socket
import subprocess
import sys
import threading
import time
import xmlrpc.client

import pytest
import requests

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ADMIN = ("admin", "admin")
ANNA = ("anna.devries@example.nl", "anna-portal")
LUKAS = ("lukas.becker@example.de", "lukas-portal")


def _free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


class OdooServer(object):
    def __init__(self, conf, db, port):
        self.conf, self.db, self.port = conf, db, port
        self.url = "http://127.0.0.1:%d" % port
        self.proc = None
        self.log_path = os.path.join(ROOT, ".odoo-data", "e2e-server.log")

    def start(self, timeout=300):
        os.makedirs(os.path.dirname(self.log_path), exist_ok=True)
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-c",
             "import sys, odoo.cli; sys.exit(odoo.cli.main())",
             "-c", self.conf, "-d", self.db, "--db-filter", "^%s$" % self.db,
             "--http-port", str(self.port), "--workers", "0",
             "--max-cron-threads", "0", "--log-level", "warn",
             # The access log, as a shop's server writes it.
             "--log-handler", "werkzeug:INFO"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT,
            # ODOO_PRELOAD_ADDONS=no: see scripts/lotus.sh; without it a
            # restart with jobs waiting can break the registry for good.
            # PATH: lessc for the web assets, where scripts/lotus.sh puts it.
            env=dict(os.environ, PYTHONUNBUFFERED="1",
                     ODOO_PRELOAD_ADDONS="no", PATH=os.pathsep.join((
                         os.path.join(ROOT, "node_modules", ".bin"),
                         os.environ.get("PATH", "")))))
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError("Odoo exited with %s, see %s"
                                   % (self.proc.returncode, self.log_path))
            # Wait for the port, then ask for one page and wait for it
            # however long it takes: the first request loads the registry
            # and compiles the web assets (lessc), and a client that gives
            # up and asks again would start that again in another thread.
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
            except OSError:
                time.sleep(0.5)
                continue
            try:
                if requests.get(self.url + "/web/login", timeout=max(
                        deadline - time.time(), 1)).status_code:
                    return self
            except requests.RequestException:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError("Odoo did not answer within %ss" % timeout)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()

    # helpers -----------------------------------------------------------
    def session(self, login=None, password=None):
        """A requests session, logged in through JSON-RPC when asked."""
        http = requests.Session()
        if login:
            uid = self.jsonrpc(http, "/web/session/authenticate", {
                "db": self.db, "login": login, "password": password,
            })["uid"]
            assert uid, "login %s failed" % login
        return http

    def jsonrpc(self, http, path, params):
        resp = http.post(self.url + path, json={
            "jsonrpc": "2.0", "method": "call", "params": params, "id": 1})
        resp.raise_for_status()
        body = resp.json()
        if "error" in body:
            raise AssertionError(body["error"])
        # Odoo leaves "result" out of the answer when it is None.
        return body.get("result")


@pytest.fixture(scope="session")
def odoo_server():
    conf = os.environ.get("LOTUS_ODOO_CONF", os.path.join(ROOT, "odoo-test.conf"))
    db = os.environ.get("LOTUS_TEST_DB", "lotus_test")
    if not os.path.exists(conf):
        pytest.fail("no %s: run 'make test' (or 'make testdb') first" % conf)
    server = OdooServer(conf, db, _free_port()).start()
    yield server
    server.stop()


class Rpc(object):
    def __init__(self, server, login, password):
        self.server, self.password = server, password
        common = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/common")
        self.uid = common.authenticate(server.db, login, password, {})
        assert self.uid, login
        self.models = xmlrpc.client.ServerProxy(server.url + "/xmlrpc/2/object")

    def __call__(self, model, method, *args, **kw):
        return self.models.execute_kw(
            self.server.db, self.uid, self.password, model, method, list(args), kw)


def ready_delivery(admin, partner_id, product_code, **order_values):
    """An order of one ``product_code`` for ``partner_id``, confirmed,
    its delivery reserved and packed: the ids of its pickings, ready to be
    validated, as the warehouse would have them."""
    product = admin("product.product", "search",
                    [("default_code", "=", product_code)])[0]
    order_id = admin("sale.order", "create", dict(order_values, **{
        "partner_id": partner_id,
        "order_line": [(0, 0, {"product_id": product,
                               "product_uom_qty": 1})],
    }))
    admin("sale.order", "action_confirm", [order_id])
    picking_ids = admin("sale.order", "read", [order_id], ["picking_ids"])[0][
        "picking_ids"]
    admin("stock.picking", "action_assign", picking_ids)
    for move in admin("stock.move", "search_read",
                      [("picking_id", "in", picking_ids)],
                      ["product_uom_qty"]):
        admin("stock.move", "write", [move["id"]],
              {"quantity_done": move["product_uom_qty"]})
    return order_id, picking_ids


@pytest.fixture(scope="module")
def admin(odoo_server):
    """XML-RPC as the administrator."""
    return Rpc(odoo_server, *ADMIN)


def pytest_collection_modifyitems(items):
    """The browser tests add a customer with her own requests and
    consents: they run last, after the tests that count the demo's."""
    items.sort(key=lambda item: getattr(item.module, "__name__", "")
               == "test_browser")


class Mailbox(smtpd.SMTPServer):
    """The customers' mailboxes: a local SMTP server that the shop's
    outgoing mail server points at. A test reads a mail where the customer
    would, after Odoo sent it (single-use links are made only then)."""

    def __init__(self):
        self.port = _free_port()
        smtpd.SMTPServer.__init__(self, ("127.0.0.1", self.port), None,
                                  decode_data=False)
        self.messages = []
        self.thread = threading.Thread(
            target=asyncore.loop, kwargs={"timeout": 0.2}, daemon=True)
        self.thread.start()

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.messages.append(([r.lower() for r in rcpttos],
                              email.message_from_bytes(data)))

    def texts(self, address):
        """The text parts of the mails received for ``address``, the
        newest first."""
        for rcpttos, message in reversed(self.messages):
            if address.lower() not in rcpttos:
                continue
            for part in message.walk():
                if part.get_content_maintype() == "text":
                    yield part.get_payload(decode=True).decode(
                        part.get_content_charset() or "utf-8", "replace")

    def receive(self, admin, address):
        """Send the mails queued for ``address`` now (the mail queue's
        scheduled action, for these mails only)."""
        ids = admin("mail.mail", "search", [
            ("state", "=", "outgoing"), "|",
            ("email_to", "ilike", address),
            ("recipient_ids.email", "=ilike", address)])
        if ids:
            # JSON-RPC: mail.mail.send answers None, which XML-RPC cannot.
            self.server.jsonrpc(self.http, "/web/dataset/call_kw", {
                "model": "mail.mail", "method": "send", "args": [ids],
                "kwargs": {}})
        return list(self.texts(address))


@pytest.fixture(scope="session")
def mailbox(odoo_server):
    box = Mailbox()
    box.server, box.http = odoo_server, odoo_server.session(*ADMIN)
    rpc = Rpc(odoo_server, *ADMIN)
    server_id = rpc("ir.mail_server", "create", {
        "name": "Mailboxes of the tests", "smtp_host": "127.0.0.1",
        "smtp_port": box.port, "smtp_encryption": "none", "sequence": 1})
    yield box
    rpc("ir.mail_server", "unlink", [server_id])
    box.close()
