# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A carrier's shipment API on a local port, for the addon's tests and the
end-to-end tests (plain Python, no Odoo import): keeps every request and
answers with a tracking number, or with 503 once it has accepted
``accept`` shipments (a carrier that goes down)."""
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer


class _Handler(BaseHTTPRequestHandler):

    def do_POST(self):  # noqa: N802 (http.server's name)
        server = self.server
        length = int(self.headers.get("Content-Length") or 0)
        server.received.append({
            "path": self.path,
            "authorization": self.headers.get("Authorization"),
            "body": json.loads(self.rfile.read(length).decode("utf-8")),
        })
        count = len(server.received)
        if server.accept is not None and count > server.accept:
            self.send_error(503, "Carrier unavailable")
            return
        answer = json.dumps({"tracking_number": "3STEST%04d" % count})
        raw = answer.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(raw)))
        self.end_headers()
        self.wfile.write(raw)

    def log_message(self, *args):
        pass


class CarrierStub(object):
    """``received``: the requests, each {path, authorization, body};
    ``url``: the shipment endpoint to configure on the carrier."""

    def __init__(self, accept=None):
        self.server = HTTPServer(("127.0.0.1", 0), _Handler)
        self.server.received = self.received = []
        self.server.accept = accept
        self.url = "http://127.0.0.1:%d/shipments" % self.server.server_port
        self.thread = threading.Thread(target=self.server.serve_forever)
        self.thread.daemon = True
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
