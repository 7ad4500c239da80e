# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lotus Sales Privacy",
    "summary": "Partners and orders as the privacy policy describes them: names, addresses, carrier-sharing rules, transactional vs marketing mail, order anonymisation",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://lotus3dprinters.com",
    "author": "Lotus 3D Printers BV",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "lotus_gdpr",
        "sale_management",
        "sale_stock",
        "delivery",
        "partner_firstname",
        "payment",
    ],
    "data": [
        "data/ir_config_parameter_data.xml",
        "views/lotus_privacy_disclosure_views.xml",
        "views/res_partner_views.xml",
        "views/delivery_carrier_views.xml",
        "views/sale_order_views.xml",
        "views/stock_picking_views.xml",
        "views/account_invoice_views.xml",
        "views/portal_templates.xml",
        "report/report_invoice.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/res_partner_demo.xml",
        "demo/product_demo.xml",
        "demo/stock_inventory_demo.xml",
        "demo/delivery_carrier_demo.xml",
        "demo/sale_order_demo.xml",
    ],
}
