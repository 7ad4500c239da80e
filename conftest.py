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
