# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lotus benchmark probe",
    "summary": "Per-request SQL query count, time and worker memory, for "
               "make bench only (loaded as a server-wide module)",
    "version": "11.0.1.0.0",
    "license": "AGPL-3",
    "author": "Lotus 3D Printers BV",
    "depends": ["base"],
    "installable": False,
}
