# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lotus Returns",
    "summary": "Returns linked to orders and order lines, reasons, withdrawal "
               "period, replacement without return, return label and "
               "credit note by e-mail",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://lotus3dprinters.com",
    "author": "Lotus 3D Printers BV",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "lotus_sales",
        "sale_stock",
        "account_invoicing",
        "portal",
    ],
    "data": [
        "security/lotus_returns_security.xml",
        "security/ir.model.access.csv",
        "data/ir_sequence_data.xml",
        "report/lotus_return_label_report.xml",
        "data/mail_template_data.xml",
        "wizards/lotus_return_reject_wizard_views.xml",
        "views/lotus_return_request_views.xml",
        "views/lotus_return_report_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        "views/lotus_returns_menus.xml",
        "views/lotus_return_portal_templates.xml",
    ],
    "demo": [
        "demo/lotus_return_demo.xml",
    ],
}
