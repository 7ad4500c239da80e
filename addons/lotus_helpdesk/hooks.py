# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""P14: statistics for the tickets that existed before installation.

One INSERT ... SELECT for all tickets (a shop may have hundreds of
thousands): the first answer by staff is read from the ticket's
messages, the closing from its stage and closed date."""

BACKFILL_SQL = """
INSERT INTO lotus_helpdesk_ticket_stat (
    ticket_id, company_id, team_id, category_id, channel_id, priority,
    with_order, month, ticket_create_date, first_response_date,
    closed_date, responded, closed, response_rate, response_hours,
    resolution_hours, reopen_count, ticket_count)
SELECT t.id, t.company_id, t.team_id, t.category_id, t.channel_id,
       t.priority, t.sale_order_id IS NOT NULL,
       to_char(t.create_date, 'YYYY-MM'), t.create_date, fr.date,
       CASE WHEN s.closed THEN t.closed_date END,
       fr.date IS NOT NULL, COALESCE(s.closed, FALSE),
       CASE WHEN fr.date IS NOT NULL THEN 100.0 ELSE 0.0 END,
       CASE WHEN fr.date IS NOT NULL THEN round(CAST(GREATEST(
           EXTRACT(EPOCH FROM fr.date - t.create_date), 0) / 3600.0
           AS numeric), 2) END,
       CASE WHEN s.closed AND t.closed_date IS NOT NULL THEN round(CAST(
           GREATEST(EXTRACT(EPOCH FROM t.closed_date - t.create_date), 0)
           / 3600.0 AS numeric), 2) END,
       0, 1
  FROM helpdesk_ticket t
  LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
  LEFT JOIN LATERAL (
        SELECT min(m.date) AS date
          FROM mail_message m
          JOIN mail_message_subtype st ON st.id = m.subtype_id
          JOIN res_users u ON u.partner_id = m.author_id AND NOT u.share
         WHERE m.model = 'helpdesk.ticket' AND m.res_id = t.id
           AND m.message_type IN ('comment', 'email')
           AND NOT COALESCE(st.internal, FALSE)
           AND (t.partner_id IS NULL OR m.author_id <> t.partner_id)
  ) fr ON TRUE
 WHERE NOT EXISTS (SELECT 1 FROM lotus_helpdesk_ticket_stat x
                    WHERE x.ticket_id = t.id)
"""


def post_init_hook(cr, registry):
    cr.execute(BACKFILL_SQL)
