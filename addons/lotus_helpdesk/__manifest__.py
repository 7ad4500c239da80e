# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lotus Helpdesk Privacy",
    "summary": "Tickets linked to customer and order, team routing, service statistics without personal data",
    "version": "11.0.1.0.0",
    "category": "Helpdesk",
    "website": "https://lotus3dprinters.com",
    "author": "Lotus 3D Printers BV",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "lotus_sales",
        "lotus_returns",
        "helpdesk_mgmt",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/lotus_helpdesk_security.xml",
        "data/helpdesk_data.xml",
        "views/helpdesk_ticket_views.xml",
        "views/sale_order_views.xml",
        "views/lotus_helpdesk_routing_rule_views.xml",
        "views/lotus_helpdesk_ticket_stat_views.xml",
        "views/helpdesk_portal_templates.xml",
        "views/lotus_return_request_views.xml",
    ],
    "demo": [
        "demo/helpdesk_ticket_demo.xml",
    ],
    "post_init_hook": "post_init_hook",
}
