# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Lotus GDPR",
    "summary": "Privacy engine: processing register, recipients, consent "
               "with proof, data subject requests, retention, audit log",
    "version": "11.0.1.0.0",
    "category": "Data Protection",
    "website": "https://lotus3dprinters.com",
    "author": "Lotus 3D Printers BV",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "portal",
        "mass_mailing",
        "privacy_consent",
        "queue_job",
    ],
    "data": [
        "security/lotus_gdpr_security.xml",
        "security/ir.model.access.csv",
        "views/lotus_gdpr_menus.xml",
        "views/lotus_audit_log_views.xml",
        "views/lotus_privacy_recipient_views.xml",
        "data/lotus_consent_data.xml",
        "data/mail_template_data.xml",
        "data/lotus_privacy_request_data.xml",
        "templates/consent_templates.xml",
        "report/lotus_personal_data_report.xml",
        "views/lotus_privacy_request_views.xml",
        "views/privacy_consent_views.xml",
        "views/res_partner_views.xml",
        "data/lotus_portal_mail_templates.xml",
        "data/lotus_portal_cron.xml",
        "views/lotus_privacy_portal_templates.xml",
    ],
    "demo": [],
}
