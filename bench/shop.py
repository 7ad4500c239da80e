# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The generated shop of ``make bench`` (bench/README.md): SQL bulk
inserts of partners with their chatter, orders with lines, tickets and
returns (``generate``), the big customer with a portal login
(``generate_big_customer``), and the bare SQL ``UPDATE`` the retention
run is compared with (``bare_update``).

Every generated partner carries ``ref = 'bench:<run>'`` and an address
``@bench.example``: nothing here resembles a real person.
"""
import time

TERM_XMLID = "lotus_gdpr.retention_term_customer_account"


# ------------------------------------------------------------ generation
def clone_sql(cr, table, overrides):
    """INSERT ... SELECT of every column of ``table`` from a source row
    aliased ``src``, with ``overrides`` {column: sql expression}."""
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = %s AND column_name != 'id'
         ORDER BY ordinal_position""", (table,))
    cols = [r[0] for r in cr.fetchall()]
    exprs = [overrides.get(c, 'src."%s"' % c) for c in cols]
    return '"%s"' % '", "'.join(cols), ", ".join(exprs)


def spread(ids, count):
    """``count`` ids spread evenly over ``ids`` (so expired and recent
    partners get their share)."""
    count = max(0, min(count, len(ids)))
    return [ids[i * len(ids) // count] for i in range(count)] if count else []


def generate(env, run, n, expired, orders_per_partner, lines_per_order,
             tickets=0.5, returns=0.1):
    """Insert ``n`` partners (``expired`` share back-dated 5 years) with
    their chatter, and orders with lines, tickets and closed returns when
    those models are registered. ``tickets`` and ``returns`` are shares of
    the partners: 0.5 and 0.1 give 50,000 tickets and 10,000 returns for
    100,000 partners."""
    cr = env.cr
    registered = env["lotus.personal.data.mixin"]._lotus_personal_models()
    nl = env.ref("base.nl").id
    t0 = time.time()
    cr.execute("""
        INSERT INTO res_partner (name, display_name, firstname, lastname,
            email, phone, mobile, street, zip, city, country_id, customer,
            supplier, employee, active, is_company, type, lang, ref,
            invoice_warn, picking_warn, sale_warn, company_id,
            create_date, write_date, create_uid, write_uid)
        SELECT 'Bench Klant ' || g, 'Bench Klant ' || g, 'Bench',
               'Klant ' || g, 'klant' || g || '.%(run)s@bench.example',
               '+31 6 ' || lpad(g::text, 8, '0'), NULL,
               'Benchstraat ' || g, (1000 + g %% 8999) || ' AB', 'Arnhem',
               %(nl)s, true, false, false, true, false, 'contact', 'nl_NL',
               'bench:%(run)s', 'no-message', 'no-message', 'no-message', 1,
               now() at time zone 'UTC' - interval '5 years'
                   - (g %% 365) * interval '1 day',
               now() at time zone 'UTC' - interval '5 years'
                   + (g %% 300) * interval '1 day', 1, 1
          FROM generate_series(1, %(n)s) g
    """ % {"run": run, "nl": nl, "n": n})
    cr.execute("""
        UPDATE res_partner SET commercial_partner_id = id
         WHERE ref = %s AND commercial_partner_id IS NULL
     RETURNING id""", ("bench:%s" % run,))
    ids = sorted(r[0] for r in cr.fetchall())
    # Every contact row is years old (the ORM's write_date says nothing);
    # what tells active from inactive customers is their activity: the
    # orders and tickets of the first ``expired`` share lie 3.5 to 5 years
    # back, those of the others spread over the last 2.5 years.
    last_expired = ids[max(0, int(n * expired)) - 1] if expired else 0
    activity_date = (
        "CASE WHEN p.id <= %d THEN now() at time zone 'UTC' - interval "
        "'42 months' - ((p.id * 7 + {k} * 131) %%%% 540) * interval '1 day' "
        "ELSE now() at time zone 'UTC' - ((p.id * 7 + {k} * 131) %%%% 900) "
        "* interval '1 day' END" % last_expired)
    cr.execute("""
        INSERT INTO mail_message (model, res_id, record_name, body, subject,
            email_from, author_id, message_type, date, create_date,
            write_date, create_uid, write_uid)
        SELECT 'res.partner', p.id, p.name,
               '<p>Vraag van ' || p.name || ' over ' || p.street || '</p>',
               'Vraag ' || p.name, p.name || ' <' || p.email || '>', p.id,
               'comment', p.create_date, p.create_date, p.create_date, 1, 1
          FROM res_partner p WHERE p.id = ANY(%s)""", (ids,))
    cr.execute("""
        INSERT INTO mail_followers (res_model, res_id, partner_id)
        SELECT 'res.partner', id, id FROM res_partner WHERE id = ANY(%s)
    """, (ids,))
    extra = {}
    if orders_per_partner and "sale.order" in registered:
        cr.execute("""SELECT id FROM sale_order WHERE state IN ('sale','done')
                      ORDER BY id LIMIT 1""")
        src = cr.fetchone()
        cr.execute("SELECT id FROM sale_order ORDER BY id LIMIT 1")
        src = src or cr.fetchone()
        if src:
            cols, exprs = clone_sql(cr, "sale_order", {
                "name": "'BENCH/%s/' || p.id || '/' || k" % run,
                "partner_id": "p.id", "partner_invoice_id": "p.id",
                "partner_shipping_id": "p.id",
                "date_order": activity_date.format(k="k"),
                "create_date": activity_date.format(k="k"),
                "write_date": activity_date.format(k="k"),
                "client_order_ref": "p.name",
                # delivered, invoiced and locked: nothing blocks erasure,
                # as for a real old order (no pickings of the demo order)
                "state": "'done'", "invoice_status": "'invoiced'",
                "procurement_group_id": "NULL",
            })
            query = """
                INSERT INTO sale_order (%s)
                SELECT %s FROM sale_order src, res_partner p,
                       generate_series(1, %%s) k
                 WHERE src.id = %%s AND p.id = ANY(%%s)
                RETURNING id, partner_id""" % (cols, exprs)
            cr.execute(query, (orders_per_partner, src[0], ids))
            order_rows = cr.fetchall()
            order_ids = [r[0] for r in order_rows]
            first_order = {}
            for order_id, partner_id in order_rows:
                first_order.setdefault(partner_id, order_id)
            cr.execute("SELECT id FROM sale_order_line WHERE order_id = %s "
                       "ORDER BY id LIMIT 1", (src[0],))
            line = cr.fetchone()
            if line:
                cols, exprs = clone_sql(cr, "sale_order_line", {
                    "order_id": "o.id", "order_partner_id": "o.partner_id",
                    "state": "'done'", "invoice_status": "'invoiced'",
                    "qty_delivered": "src.product_uom_qty",
                    "qty_invoiced": "src.product_uom_qty",
                    "qty_to_invoice": "0",
                    "create_date": "o.date_order",
                    "write_date": "o.date_order"})
                cr.execute("""
                    INSERT INTO sale_order_line (%s)
                    SELECT %s FROM sale_order_line src, sale_order o,
                           generate_series(1, %%s) k
                     WHERE src.id = %%s AND o.id = ANY(%%s)
                """ % (cols, exprs), (lines_per_order, line[0], order_ids))
            extra["sale.order"] = len(order_ids)
    else:
        extra["sale.order"] = "skipped (not registered)"
    if "helpdesk.ticket" in registered:
        cr.execute("SELECT id FROM helpdesk_ticket ORDER BY id LIMIT 1")
        src = cr.fetchone()
        # closed tickets: an open ticket blocks its customer's erasure
        cr.execute("SELECT id FROM helpdesk_ticket_stage WHERE closed "
                   "ORDER BY sequence, id LIMIT 1")
        closed = cr.fetchone()
        if src and closed:
            cols, exprs = clone_sql(cr, "helpdesk_ticket", {
                "partner_id": "p.id", "partner_name": "p.name",
                "partner_email": "p.email",
                "create_date": activity_date.format(k="3"),
                "write_date": activity_date.format(k="3"),
                "closed_date": activity_date.format(k="3"),
                "stage_id": str(closed[0]), "sale_order_id": "NULL",
                "number": "'BENCH-%s-' || p.id" % run})
            cr.execute("""
                INSERT INTO helpdesk_ticket (%s)
                SELECT %s FROM helpdesk_ticket src, res_partner p
                 WHERE src.id = %%s AND p.id = ANY(%%s)
            """ % (cols, exprs), (src[0], spread(ids, int(round(
                n * tickets)))))
            extra["helpdesk.ticket"] = cr.rowcount
    else:
        extra["helpdesk.ticket"] = "skipped (not registered)"
    if "lotus.return.request" not in registered:
        extra["lotus.return.request"] = "skipped (not registered)"
    elif extra.get("sale.order") and isinstance(extra["sale.order"], int):
        extra["lotus.return.request"] = generate_returns(
            cr, run, [first_order[p] for p in spread(
                sorted(first_order), int(round(n * returns)))])
    else:
        extra["lotus.return.request"] = "skipped (no orders generated)"
    cr.execute("ANALYZE res_partner; ANALYZE mail_message; "
               "ANALYZE mail_followers; ANALYZE sale_order; "
               "ANALYZE helpdesk_ticket; ANALYZE lotus_return_request")
    cr.commit()
    return ids, extra, time.time() - t0


def generate_returns(cr, run, order_ids):
    """One closed (refunded) return per order of ``order_ids`` with its
    first order line, closed on the order's date (so the returns of
    expired partners are past the "return records" term too), with the
    free-text fields the engine blanks filled in."""
    if not order_ids:
        return 0
    cr.execute("""
        INSERT INTO lotus_return_request (name, order_id, company_id,
            partner_id, date_request, date_closed, reason, reason_other,
            resolution, return_required, state, note, customer_comment,
            amount_total, create_date, write_date, create_uid, write_uid)
        SELECT 'BENCH-R/%s/' || o.id, o.id, o.company_id, o.partner_id,
               o.date_order::date, o.date_order::date, 'other',
               'Past niet bij ' || p.street, 'refund', true, 'done',
               'Gebeld met ' || p.phone, 'Groet, ' || p.name,
               o.amount_total, o.date_order, o.date_order, 1, 1
          FROM sale_order o JOIN res_partner p ON p.id = o.partner_id
         WHERE o.id = ANY(%%s)
     RETURNING id, order_id""" % run, (order_ids,))
    rows = cr.fetchall()
    cr.execute("""
        INSERT INTO lotus_return_request_line (request_id, sale_line_id,
            product_id, quantity, price_unit, amount, create_date,
            write_date, create_uid, write_uid)
        SELECT r.id, l.id, l.product_id, 1, l.price_unit, l.price_unit,
               r.create_date, r.create_date, 1, 1
          FROM lotus_return_request r
          JOIN LATERAL (SELECT * FROM sale_order_line
                         WHERE order_id = r.order_id
                         ORDER BY id LIMIT 1) l ON true
         WHERE r.id = ANY(%s)""", ([r[0] for r in rows],))
    return len(rows)


# ------------------------------------------------------------ measurement
def bare_update(env, run):
    """Time of a bare SQL UPDATE of the same personal columns of the
    expired partners of this run, of their records in every other
    registered model and of their messages (rolled back)."""
    anonymizer = env["lotus.anonymizer"]
    term = env.ref(TERM_XMLID)
    cr = env.cr
    ids = term._lotus_expired_ids("res.partner")
    cr.execute("SELECT id FROM res_partner WHERE id = ANY(%s) "
               "AND ref = %s", (ids, "bench:%s" % run))
    partner_ids = [r[0] for r in cr.fetchall()]
    timings = []
    for _i in range(3):
        timings.append(_bare_update_once(env, anonymizer, partner_ids))
    # The median of three: the machine is shared, single runs are noisy.
    return sorted(timings)[1], len(partner_ids)


def _bare_update_once(env, anonymizer, partner_ids):
    cr = env.cr
    t0 = time.time()
    for model_name in env["lotus.personal.data.mixin"].\
            _lotus_personal_models():
        model = env[model_name]
        subject = model._lotus_subject_field()
        if subject == "id":
            rec_ids = partner_ids
        elif subject in model._fields and model._fields[subject].store:
            cr.execute('SELECT id FROM "%s" WHERE "%s" = ANY(%%s)' % (
                model._table, subject), (partner_ids,))
            rec_ids = [r[0] for r in cr.fetchall()]
        else:
            continue
        personal = dict(model._lotus_personal_fields())
        personal.update(anonymizer._lotus_extra_rules(model))
        sets, params = [], []
        for name, rule in sorted(personal.items()):
            field = model._fields.get(name)
            if not field or not field.store or field.type in (
                    "one2many", "many2many", "binary") or field.translate:
                continue
            expr, expr_params = anonymizer._rule_sql(field, rule)
            sets.append('"%s" = %s' % (name, expr))
            params += expr_params
        if sets and rec_ids:
            cr.execute('UPDATE "%s" SET %s WHERE id = ANY(%%s)' % (
                model._table, ", ".join(sets)), params + [rec_ids])
        cr.execute("""
            UPDATE mail_message SET body = '', subject = NULL,
                   email_from = NULL, record_name = NULL, author_id = NULL
             WHERE model = %s AND res_id = ANY(%s)""", (model_name, rec_ids))
    total = time.time() - t0
    cr.rollback()
    return total


# -------------------------------------------------------- portal customers
PASSWORD = "bench"


def portal_login(env, partner, login):
    """A portal user for ``partner`` (password ``PASSWORD``)."""
    return env["res.users"].with_context(no_reset_password=True).create({
        "login": login, "password": PASSWORD, "partner_id": partner.id,
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])],
    })


def generate_big_customer(env, run, orders=1000, lines=2, tickets=200,
                          returns=50, invoices=30):
    """The shop's biggest customer: ``orders`` delivered orders with
    ``lines`` lines each over the last two years, ``tickets`` closed
    tickets, ``returns`` closed returns on their first orders,
    ``invoices`` validated invoices, and a portal login. Orders, tickets
    and returns are SQL bulk inserts, the invoices go through the ORM (as
    accounting makes them). Returns (partner, counts)."""
    cr = env.cr
    partner = env["res.partner"].create({
        "firstname": "Bench", "lastname": "Grootklant %s" % run,
        "email": "grootklant.%s@bench.example" % run,
        "phone": "+31 6 99 99 99 99", "street": "Grootklantstraat 1",
        "zip": "6511 AA", "city": "Nijmegen",
        "country_id": env.ref("base.nl").id, "customer": True,
        "ref": "bench:%s" % run,
    })
    counts = {}
    recent = ("now() at time zone 'UTC' - (k %% 700) * interval '1 day' "
              "- interval '1 day'")
    cr.execute("""SELECT id FROM sale_order WHERE state IN ('sale', 'done')
                  ORDER BY id LIMIT 1""")
    src = cr.fetchone()
    if src and orders:
        cols, exprs = clone_sql(cr, "sale_order", {
            "name": "'BENCH/%s/G/' || k" % run, "partner_id": "%d" % partner.id,
            "partner_invoice_id": "%d" % partner.id,
            "partner_shipping_id": "%d" % partner.id,
            "date_order": recent, "create_date": recent,
            "write_date": recent, "client_order_ref": "'PO-' || k",
            "state": "'done'", "invoice_status": "'invoiced'",
            "procurement_group_id": "NULL", "access_token": "NULL",
        })
        cr.execute("""
            INSERT INTO sale_order (%s)
            SELECT %s FROM sale_order src, generate_series(1, %%s) k
             WHERE src.id = %%s RETURNING id""" % (cols, exprs),
                   (orders, src[0]))
        order_ids = sorted(r[0] for r in cr.fetchall())
        cr.execute("SELECT id FROM sale_order_line WHERE order_id = %s "
                   "ORDER BY id LIMIT 1", (src[0],))
        line = cr.fetchone()
        cols, exprs = clone_sql(cr, "sale_order_line", {
            "order_id": "o.id", "order_partner_id": "o.partner_id",
            "state": "'done'", "invoice_status": "'invoiced'",
            "qty_delivered": "src.product_uom_qty",
            "qty_invoiced": "src.product_uom_qty", "qty_to_invoice": "0",
            "create_date": "o.date_order", "write_date": "o.date_order"})
        cr.execute("""
            INSERT INTO sale_order_line (%s)
            SELECT %s FROM sale_order_line src, sale_order o,
                   generate_series(1, %%s) k
             WHERE src.id = %%s AND o.id = ANY(%%s)""" % (cols, exprs),
                   (lines, line[0], order_ids))
        counts["orders"] = len(order_ids)
        counts["returns"] = generate_returns(
            cr, run + "G", order_ids[:returns])
    if tickets and "helpdesk.ticket" in env:
        cr.execute("SELECT id FROM helpdesk_ticket ORDER BY id LIMIT 1")
        src = cr.fetchone()
        cr.execute("SELECT id FROM helpdesk_ticket_stage WHERE closed "
                   "ORDER BY sequence, id LIMIT 1")
        closed = cr.fetchone()
        cols, exprs = clone_sql(cr, "helpdesk_ticket", {
            "partner_id": "%d" % partner.id, "partner_name": "p.name",
            "partner_email": "p.email", "create_date": recent,
            "write_date": recent, "closed_date": recent,
            "stage_id": str(closed[0]), "sale_order_id": "NULL",
            "number": "'BENCH-%s-G-' || k" % run})
        cr.execute("""
            INSERT INTO helpdesk_ticket (%s)
            SELECT %s FROM helpdesk_ticket src, res_partner p,
                   generate_series(1, %%s) k
             WHERE src.id = %%s AND p.id = %%s""" % (cols, exprs),
                   (tickets, src[0], partner.id))
        counts["tickets"] = cr.rowcount
    if invoices:
        counts["invoices"] = len(_invoices(env, partner, invoices))
    portal_login(env, partner, partner.email)
    return partner, counts


def _invoices(env, partner, count):
    """``count`` validated customer invoices of ``partner``."""
    journal = env["account.journal"].search([
        ("type", "=", "sale"), ("company_id", "=", env.user.company_id.id),
    ], limit=1)
    product = env["product.product"].search([("sale_ok", "=", True)],
                                            limit=1)
    invoices = env["account.invoice"]
    for k in range(count):
        invoices |= invoices.create({
            "partner_id": partner.id, "type": "out_invoice",
            "journal_id": journal.id, "origin": "BENCH/G/%d" % (k + 1),
            "invoice_line_ids": [(0, 0, {
                "product_id": product.id, "name": product.name,
                "quantity": 1 + k % 3, "price_unit": 100.0 + k,
                "account_id": journal.default_credit_account_id.id,
            })],
        })
    invoices.action_invoice_open()
    return invoices
