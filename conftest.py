# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""pytest glue for the addon tests run through pytest-odoo.

``odoo.tests.common`` reads the HTTP port when it is imported, before
pytest-odoo has parsed the Odoo configuration, so HttpCase would talk to
the default port 8069 (where ``make run`` may serve the demo database)
instead of the test server that ``--odoo-http`` starts. Point it at the
configured port once the configuration is parsed."""


def pytest_configure(config):
    if not config.pluginmanager.hasplugin("odoo"):
        return
    import odoo.tools
    import odoo.tests.common as common
    common.PORT = odoo.tools.config["http_port"]


def _odoo_http_wanted(config):
    return (config.pluginmanager.hasplugin("odoo")
            and bool(config.getoption("--odoo-database", default=None)))


try:
    import pytest
except ImportError:  # pragma: no cover
    pytest = None

if pytest is not None:
    @pytest.fixture(scope="session", autouse=True)
    def _lotus_odoo_http_server(request):
        """Serve HTTP for HttpCase tests, once for the whole session.

        pytest-odoo's ``--odoo-http`` starts a new Odoo server for every
        test module, and in Odoo 11 the first one (started before the test
        flag is set) never spawns its HTTP thread, while the later ones
        fight for the port. Do without the flag: spawn the HTTP thread of
        the server pytest-odoo started at launch, once."""
        if _odoo_http_wanted(request.config):
            import socket
            import time
            import odoo.service.server as server_module
            import odoo.tools
            server = server_module.server
            if server is not None and not getattr(server, "httpd", None):
                server.http_spawn()
                port = odoo.tools.config["http_port"]
                deadline = time.time() + 30
                while time.time() < deadline:
                    try:
                        socket.create_connection(("127.0.0.1", port), 1).close()
                        break
                    except OSError:
                        time.sleep(0.2)
        yield
