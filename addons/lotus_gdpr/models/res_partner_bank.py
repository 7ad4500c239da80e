# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models


class ResPartnerBank(models.Model):
    """Bank accounts of customers (P6): personal data of their holder,
    kept for refunds while the payments that used them are in the
    bookkeeping; the retention term ``bank_account`` deletes an account
    that no payment or refund used for that long (7 years)."""

    _name = "res.partner.bank"
    _inherit = ["res.partner.bank", "lotus.personal.data.mixin"]

    @api.model
    def _lotus_personal_fields(self):
        # A salted hash keeps deduplication possible without the number.
        return {"acc_number": "hash", "sanitized_acc_number": "hash",
                "acc_holder_name": "blank"}

    @api.model
    def _lotus_export_fields(self):
        return ["acc_number", "acc_holder_name", "bank_id", "create_date"]

    @api.model
    def _lotus_customer_label(self):
        return _("Your bank accounts")

    @api.model
    def _lotus_data_categories(self):
        return ["bank_account"]

    @api.model
    def _lotus_retention_category(self):
        return "bank_account"

    @api.model
    def _lotus_bank_use_sources(self):
        """``[(sql, params)]`` selecting ``(bank account id, date)`` of
        every payment or refund that used a bank account: statement lines
        (money received from or paid to it) and invoices and credit notes
        naming it. Addons add their own."""
        return [
            ("SELECT bank_account_id, date FROM account_bank_statement_line"
             " WHERE bank_account_id IS NOT NULL", []),
            ("SELECT partner_bank_id, date_invoice FROM account_invoice"
             " WHERE partner_bank_id IS NOT NULL"
             " AND state NOT IN ('draft', 'cancel')", []),
        ]

    @api.multi
    def _lotus_retention_expired_ids(self, term):
        """Accounts of customers whose last use (or, never used, their
        last change) is older than the term. Never the accounts of the
        company, its suppliers or other partners the customer term does
        not cover (``lotus.customer.activity``), nor of a partner under
        legal hold. One query for the candidates, one for their roles."""
        cutoff = term._lotus_cutoff()
        uses = self._lotus_bank_use_sources()
        params = [cutoff]
        recent = ""
        if uses:
            recent = "AND b.id NOT IN (SELECT u.bank_id FROM (%s) AS " \
                     "u(bank_id, at) WHERE u.at >= %%s)" % " UNION ALL ".join(
                         sql for sql, _p in uses)
            for _sql, p in uses:
                params += p
            params.append(cutoff)
        self.env.cr.execute(  # pylint: disable=sql-injection
            """SELECT b.id, p.commercial_partner_id
                 FROM res_partner_bank b
                 JOIN res_partner p ON p.id = b.partner_id
                WHERE b.lotus_anonymized IS NOT TRUE
                  AND b.write_date < %%s
                  AND p.lotus_legal_hold IS NOT TRUE
                  %s
                ORDER BY b.id""" % recent, params)
        rows = self.env.cr.fetchall()
        excluded = self.env["lotus.customer.activity"]._lotus_excluded_roots(
            list({root for _id, root in rows}))
        return [bank_id for bank_id, root in rows if root not in excluded]
