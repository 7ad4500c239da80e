# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lotus Returns",
    "summary": "Returns linked to orders and order lines, reasons, withdrawal period, replacement without return",
    "version": "11.0.1.0.0",
    "category": "Sales",
    "website": "https://lotus3dprinters.com",
    "author": "Lotus 3D Printers BV",
    "license": "AGPL-3",
    "installable": True,
    "depends": [
        "lotus_sales",
    ],
    "data": [
    ],
    "demo": [
    ],
}
