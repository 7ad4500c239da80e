# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Who is a customer, and when were they last active (P26, P27).

The retention term ``customer_account`` runs from the *last activity* of
a customer: the latest date, over the customer and every contact of the
same commercial partner, of what each registered model declares as
activity of its subject (``_lotus_activity_date_field``: orders,
invoices, payments, deliveries, returns, tickets, consent events, privacy
requests, the contact's own edits), plus the sources that are no
registered model (portal logins in ``res_users_log``; addons add theirs
by extending ``_lotus_extra_activity_sources``). No table of another
lotus addon is named here: each addon declares its own.

A *customer* is a commercial partner who bought (a record of a model
whose ``_lotus_purchase_domain`` matches) or has a portal account. The
term never covers suppliers, internal users, the company's own partners,
employees' private addresses or the contacts of registered recipients and
processors (``_lotus_excluded_sources``): a partner with two roles
follows the longest-lived one, and these roles have no end.

Everything is computed set-based: one query for a whole batch of
partners, whatever its size.
"""
from odoo import api, fields, models


class LotusCustomerActivity(models.AbstractModel):
    _name = "lotus.customer.activity"
    _description = "Last activity and role of customers (retention)"

    # ------------------------------------------------------------------
    # Sources (hooks)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_model_sources(self, kind):
        """``[(sql, params)]`` selecting ``(partner_id, at)`` (``kind`` =
        "activity") or ``(partner_id)`` ("purchase") from every registered
        model that declares it, restricted to the partners of the CTE
        ``c``."""
        mixin = self.env["lotus.personal.data.mixin"]
        sources = []
        for name in mixin._lotus_personal_models():
            model = self.env[name].sudo().with_context(active_test=False)
            subject = model._lotus_subject_field()
            if subject != "id" and (
                    subject not in model._fields
                    or not model._fields[subject].store
                    or model._fields[subject].comodel_name != "res.partner"):
                continue
            if kind == "activity":
                date_field = model._lotus_activity_date_field()
                if not date_field or not model._fields[date_field].store:
                    continue
                domain = model._lotus_activity_domain()
            else:
                domain = model._lotus_purchase_domain()
                if domain is None:
                    continue
            query = model._where_calc(list(domain))
            from_clause, where_clause, params = query.get_sql()
            table = '"%s"' % model._table
            where = [where_clause] if where_clause else []
            where.append('%s."%s" IN (SELECT id FROM c)' % (table, subject))
            select = '%s."%s"' % (table, subject)
            if kind == "activity":
                select += ', %s."%s"::timestamp' % (table, date_field)
            sources.append(("SELECT %s FROM %s WHERE %s" % (
                select, from_clause, " AND ".join(where)), params))
        return sources

    @api.model
    def _lotus_extra_activity_sources(self):
        """Activity kept outside the registered models, as ``[(sql,
        params)]`` selecting ``(partner_id, at)`` for the partners of the
        CTE ``c``: portal and back-office logins (``res_users_log``)."""
        return [("""
            SELECT u.partner_id, l.create_date
              FROM res_users_log l
              JOIN res_users u ON u.id = l.create_uid
             WHERE u.partner_id IN (SELECT id FROM c)""", [])]

    @api.model
    def _lotus_extra_purchase_sources(self):
        """Customers that are no purchase of a registered model: partners
        with a portal account."""
        return [("""
            SELECT partner_id FROM res_users
             WHERE share IS TRUE AND partner_id IN (SELECT id FROM c)""", [])]

    @api.model
    def _lotus_excluded_sources(self):
        """``[(sql, params)]`` selecting ids of partners whose commercial
        partner the customer term never covers: suppliers, internal users,
        the company's partners, employees' private addresses, registered
        recipients and processors."""
        sources = [
            ("SELECT id FROM c WHERE supplier IS TRUE", []),
            ("SELECT partner_id FROM res_users WHERE share IS NOT TRUE "
             "AND partner_id IN (SELECT id FROM c)", []),
            ("SELECT partner_id FROM res_company", []),
            ("SELECT partner_id FROM lotus_privacy_recipient "
             "WHERE partner_id IS NOT NULL", []),
        ]
        if "hr.employee" in self.env.registry and "address_home_id" in \
                self.env["hr.employee"]._fields:
            sources.append(("SELECT address_home_id FROM hr_employee "
                            "WHERE address_home_id IS NOT NULL", []))
        return sources

    # ------------------------------------------------------------------
    # Queries for a batch
    # ------------------------------------------------------------------
    @api.model
    def _lotus_cte(self, root_ids):
        """The CTE ``c``: every partner of the commercial partners
        ``root_ids`` with its root."""
        return ("WITH c AS (SELECT id, supplier, commercial_partner_id "
                "AS root FROM res_partner "
                "WHERE commercial_partner_id = ANY(%s))", [list(root_ids)])

    @api.model
    def _lotus_customer_roots(self, root_ids):
        """The commercial partners among ``root_ids`` that the customer
        term covers: they bought or have a portal account, and no partner
        of theirs has a role the term never ends. One query."""
        if not root_ids:
            return set()
        cte, params = self._lotus_cte(root_ids)
        buyers = self._lotus_model_sources("purchase") + \
            self._lotus_extra_purchase_sources()
        excluded = self._lotus_excluded_sources()
        buy_sql = " UNION ".join(sql for sql, _p in buyers)
        excl_sql = " UNION ".join(sql for sql, _p in excluded)
        for _sql, p in buyers:
            params += p
        for _sql, p in excluded:
            params += p
        # Every fragment above is SQL built from the declarations of the
        # registered models; values are passed as parameters.
        self.env.cr.execute(  # pylint: disable=sql-injection
            """%s
            SELECT DISTINCT c.root FROM c WHERE c.id IN (%s)
            EXCEPT
            SELECT c.root FROM c WHERE c.id IN (%s)""" % (
                cte, buy_sql, excl_sql), params)
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _lotus_excluded_roots(self, root_ids):
        """The commercial partners among ``root_ids`` with a role the
        customer term never ends (supplier, user, company...)."""
        if not root_ids:
            return set()
        cte, params = self._lotus_cte(root_ids)
        excluded = self._lotus_excluded_sources()
        for _sql, p in excluded:
            params += p
        self.env.cr.execute(  # pylint: disable=sql-injection
            "%s SELECT DISTINCT c.root FROM c WHERE c.id IN (%s)" % (
                cte, " UNION ".join(sql for sql, _p in excluded)), params)
        return {row[0] for row in self.env.cr.fetchall()}

    @api.model
    def _lotus_last_activity(self, root_ids):
        """``{commercial partner id: "YYYY-MM-DD HH:MM:SS"}``: the last
        activity (UTC) of each of ``root_ids`` and their contacts. One
        query."""
        if not root_ids:
            return {}
        cte, params = self._lotus_cte(root_ids)
        sources = self._lotus_model_sources("activity") + \
            self._lotus_extra_activity_sources()
        union = " UNION ALL ".join(
            "(%s)" % sql for sql, _p in sources)
        for _sql, p in sources:
            params += p
        self.env.cr.execute(  # pylint: disable=sql-injection
            """%s
            SELECT c.root, max(s.at)
              FROM (%s) AS s(partner_id, at)
              JOIN c ON c.id = s.partner_id
             GROUP BY c.root""" % (cte, union), params)
        return dict(self.env.cr.fetchall())

    @api.model
    def _lotus_inactive_customers(self, root_ids, cutoff):
        """The customers among ``root_ids`` last active before ``cutoff``
        (a ``datetime``), in id order. Two queries."""
        customers = self._lotus_customer_roots(root_ids)
        last = self._lotus_last_activity(list(customers))
        # Odoo's cursor reads timestamps as strings in this format.
        cutoff = fields.Datetime.to_string(cutoff)
        return sorted(pid for pid in customers
                      if not last.get(pid) or last[pid] < cutoff)
