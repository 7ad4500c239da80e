# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""P14: response rate and lead times on high-level data only.

One row per ticket, holding no personal field: no customer, no user, no
text written by anyone. The row is filled by the ticket as it moves and
outlives the ticket's anonymisation and deletion (``ticket_id`` is set
to null when the ticket goes).
"""
from odoo import api, fields, models


def _hours(start, end):
    if not start or not end:
        return 0.0
    delta = (fields.Datetime.from_string(end)
             - fields.Datetime.from_string(start))
    return round(max(delta.total_seconds(), 0.0) / 3600.0, 2)


class LotusHelpdeskTicketStat(models.Model):
    _name = "lotus.helpdesk.ticket.stat"
    _description = "Helpdesk service statistic (no personal data)"
    _order = "ticket_create_date desc, id desc"
    _rec_name = "month"
    # No create_uid/write_uid: not even the user who triggered a row.
    _log_access = False

    ticket_id = fields.Many2one(
        "helpdesk.ticket", string="Ticket", ondelete="set null",
        index=True, readonly=True)
    company_id = fields.Many2one("res.company", string="Company",
                                 readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", string="Team",
                              ondelete="set null", readonly=True)
    category_id = fields.Many2one("helpdesk.ticket.category",
                                  string="Category", ondelete="set null",
                                  readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", string="Channel",
                                 ondelete="set null", readonly=True)
    priority = fields.Selection([
        ("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High"),
    ], readonly=True)
    with_order = fields.Boolean(string="Linked to an order", readonly=True)
    month = fields.Char(readonly=True, index=True,
                        help="Month the ticket was created (YYYY-MM).")
    ticket_create_date = fields.Datetime(string="Created on", readonly=True)
    first_response_date = fields.Datetime(string="First response on",
                                          readonly=True)
    closed_date = fields.Datetime(string="Closed on", readonly=True)
    responded = fields.Boolean(readonly=True)
    closed = fields.Boolean(readonly=True)
    response_rate = fields.Float(
        string="Response rate (%)", group_operator="avg", readonly=True,
        help="100 when staff answered the ticket, 0 otherwise: its "
             "average over a group is the share of answered tickets.")
    response_hours = fields.Float(
        string="Response time (hours)", group_operator="avg", readonly=True,
        help="Hours from creation to the first answer by staff. Empty "
             "until staff answer, so that averages count answered "
             "tickets only.")
    resolution_hours = fields.Float(
        string="Resolution time (hours)", group_operator="avg",
        readonly=True,
        help="Hours from creation to the (last) closing of the ticket. "
             "Empty while the ticket is open, so that averages count "
             "closed tickets only.")
    reopen_count = fields.Integer(string="Reopened", readonly=True,
                                  group_operator="sum")
    ticket_count = fields.Integer(string="Tickets", readonly=True,
                                  group_operator="sum")

    # ------------------------------------------------------------------
    # Filled by helpdesk.ticket (always as superuser: staff never edit)
    # ------------------------------------------------------------------
    @api.model
    def _lotus_values_from_ticket(self, ticket):
        return {
            "company_id": ticket.company_id.id,
            "team_id": ticket.team_id.id,
            "category_id": ticket.category_id.id,
            "channel_id": ticket.channel_id.id,
            "priority": ticket.priority,
            "with_order": bool(ticket.sale_order_id),
        }

    @api.model
    def _lotus_create_for(self, tickets):
        stats = self.browse()
        for ticket in tickets:
            created = ticket.create_date or fields.Datetime.now()
            vals = self._lotus_values_from_ticket(ticket)
            vals.update({
                "ticket_id": ticket.id,
                "ticket_create_date": created,
                "month": created[:7],
                # Odoo 11 applies no field defaults on models without
                # log access: every column is set here.
                "ticket_count": 1,
                "response_rate": 0.0,
                "reopen_count": 0,
                "responded": False,
                "closed": False,
            })
            stats |= self.sudo().create(vals)
        return stats

    @api.model
    def _lotus_for(self, tickets):
        """Stat rows of ``tickets``, created where missing (tickets that
        existed before this module was installed)."""
        stats = self.sudo().search([("ticket_id", "in", tickets.ids)])
        missing = tickets - stats.mapped("ticket_id")
        if missing:
            stats |= self._lotus_create_for(missing)
        return stats

    @api.multi
    def _lotus_sync(self):
        for stat in self.sudo():
            if stat.ticket_id:
                stat.write(self._lotus_values_from_ticket(stat.ticket_id))

    @api.multi
    def _lotus_responded(self, when):
        for stat in self.sudo().filtered(lambda s: not s.responded):
            stat.write({
                "responded": True,
                "first_response_date": when,
                "response_rate": 100.0,
                "response_hours": _hours(stat.ticket_create_date, when),
            })

    @api.multi
    def _lotus_closed(self, when):
        for stat in self.sudo():
            stat.write({
                "closed": True,
                "closed_date": when,
                "resolution_hours": _hours(stat.ticket_create_date, when),
            })

    @api.multi
    def _lotus_reopened(self):
        for stat in self.sudo():
            stat.write({
                "closed": False,
                "closed_date": False,
                "resolution_hours": False,
                "reopen_count": stat.reopen_count + 1,
            })
