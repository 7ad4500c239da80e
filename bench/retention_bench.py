#!/usr/bin/env python3
# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Retention benchmark (``make bench``, see bench/README.md).

1. creates (or reuses) the database ``lotus_bench``: a copy of the
   template database plus the lotus addons;
2. generates a shop with SQL bulk inserts: partners (back-dated, most of
   them expired under the "inactive customer accounts" term) with a chatter
   message and a follower each, and, when their models are registered with
   the privacy engine, orders with lines and helpdesk tickets;
3. measures a bare SQL ``UPDATE`` of the same personal columns (rolled
   back), then runs the scheduled action (it only plans queue_job jobs) and
   executes the jobs of the channel ``root.lotus_retention`` in 1 and 2
   worker processes through queue_job's own Job API (load, set_started,
   perform, set_done, store: what its /queue_job/runjob controller does);
4. prints records anonymised per second, peak RSS of a worker, SQL queries
   per batch (two batch sizes), and the ratio action time / bare UPDATE.

Usage (from the project root; `make bench` runs it with the defaults):
    .venv/bin/python bench/retention_bench.py [--partners 100000]
        [--small 20000] [--orders-per-partner 2] [--workers 1,2]
        [--batch-sizes 500,100] [--db lotus_bench] [--recreate]
"""
import argparse
import hashlib
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

from psycopg2 import OperationalError

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHANNEL = "root.lotus_retention"
TERM_XMLID = "lotus_gdpr.retention_term_customer_account"
LOTUS_ADDONS = "lotus_gdpr,lotus_sales,lotus_returns,lotus_helpdesk"


def say(msg):
    print("==> %s" % msg, flush=True)


def psql(sql, db="postgres"):
    out = subprocess.run(["psql", "-d", db, "-tAc", sql], check=True,
                         stdout=subprocess.PIPE, universal_newlines=True)
    return out.stdout.strip()


# ----------------------------------------------------------------- set-up
def write_conf(path):
    import odoo.addons
    data_dir = os.environ.get("DATA_DIR") or os.path.join(ROOT, ".odoo-data")
    with open(path, "w") as conf:
        conf.write("\n".join([
            "[options]",
            "db_user = %s" % os.environ.get("USER", "root"),
            "addons_path = %s,%s" % (
                os.path.join(ROOT, "addons"),
                os.path.dirname(odoo.addons.__file__)),
            "data_dir = %s" % data_dir,
            "server_wide_modules = web,queue_job",
            "list_db = False",
            "log_level = warn",
            "log_handler = :WARNING,odoo.modules.loading:ERROR,"
            "odoo.addons.queue_job:ERROR,odoo.sql_db:CRITICAL",
            "workers = 0",
            "max_cron_threads = 0",
            "",
        ]))
    return data_dir


def template_db():
    """The template database of scripts/lotus.sh (same key)."""
    with open(os.path.join(ROOT, "scripts", "lotus.sh")) as script:
        base = re.search(r'^BASE_MODULES="([^"]+)"', script.read(), re.M)
    with open(os.path.join(ROOT, "requirements.txt"), "rb") as req:
        key = hashlib.sha1(
            req.read() + base.group(1).encode() + b"\n").hexdigest()[:12]
    name = "lotus_base_%s" % key
    if psql("select 1 from pg_database where datname='%s'" % name) != "1":
        sys.exit("lotus: template database %s missing -- run "
                 "'scripts/lotus.sh template' (bench/bench.sh does)" % name)
    return name


def ensure_db(args, conf, data_dir):
    exists = psql("select 1 from pg_database where datname='%s'"
                  % args.db) == "1"
    if exists and not args.recreate:
        say("reusing database %s" % args.db)
        return
    if exists:
        subprocess.run(["dropdb", args.db], check=True)
    tpl = template_db()
    say("creating %s from %s" % (args.db, tpl))
    subprocess.run(["createdb", "-T", tpl, args.db], check=True)
    src = os.path.join(data_dir, "filestore", tpl)
    dst = os.path.join(data_dir, "filestore", args.db)
    subprocess.run(["rm", "-rf", dst], check=True)
    if os.path.isdir(src):
        subprocess.run(["cp", "-r", src, dst], check=True)
    say("installing the lotus addons into %s" % args.db)
    subprocess.run([
        sys.executable, "-c",
        "import sys, odoo.cli; sys.exit(odoo.cli.main())",
        "-c", conf, "-d", args.db, "-i", LOTUS_ADDONS, "--stop-after-init",
        "--http-port", "0"], check=True, stdout=subprocess.DEVNULL)


def odoo_env(conf, db):
    import odoo
    odoo.tools.config.parse_config(["-c", conf, "-d", db])
    registry = odoo.registry(db)
    return odoo, registry


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


def run_workers(conf, db, n_workers):
    """Run the pending jobs of the channel in ``n_workers`` processes;
    returns (seconds, [worker reports])."""
    procs = []
    t0 = time.time()
    for i in range(n_workers):
        out = tempfile.NamedTemporaryFile(
            "w+", suffix=".bench", delete=False)
        procs.append((subprocess.Popen(
            [sys.executable, __file__, "--worker", "--conf", conf,
             "--db", db], stdout=out), out))
    reports = []
    for proc, out in procs:
        proc.wait()
        out.seek(0)
        for line in out:
            if line.startswith("REPORT "):
                reports.append(eval(line[7:]))  # our own repr of a dict
        out.close()
        os.unlink(out.name)
    return time.time() - t0, reports


def claim(registry):
    """Take the next pending job of the channel (one per worker)."""
    with registry.cursor() as cr:
        cr.execute("""
            UPDATE queue_job SET state = 'enqueued',
                   date_enqueued = now() at time zone 'UTC'
             WHERE id = (SELECT id FROM queue_job
                          WHERE state = 'pending' AND channel = %s
                            AND (eta IS NULL OR
                                 eta <= now() at time zone 'UTC')
                          ORDER BY priority, id
                          FOR UPDATE SKIP LOCKED LIMIT 1)
         RETURNING uuid, record_ids, args""", (CHANNEL,))
        row = cr.fetchone()
    return row


def worker(conf, db):
    """A job worker: takes pending jobs of the channel one by one
    (FOR UPDATE SKIP LOCKED, so workers never take the same job), runs
    each in its own transaction as queue_job's runjob controller does."""
    odoo, registry = odoo_env(conf, db)
    from odoo.addons.queue_job.job import Job
    from odoo.sql_db import Cursor
    counter = {"n": 0}
    original = Cursor.execute

    def counting_execute(self, *a, **kw):
        counter["n"] += 1
        return original(self, *a, **kw)

    Cursor.execute = counting_execute
    rss_start = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    jobs, records, queries, failed = 0, 0, [], 0
    first_start = last_end = None
    while True:
        try:
            row = claim(registry)
        except OperationalError:
            # Two workers raced for the same row (repeatable read): the
            # job stays pending, take another.
            continue
        if not row:
            break
        uuid = row[0]
        first_start = first_start or time.time()
        with odoo.api.Environment.manage(), registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            job = Job.load(env, uuid)
            job.set_started()
            job.store()
            cr.commit()
            try:
                before = counter["n"]
                job.perform()
                queries.append(counter["n"] - before)
                job.set_done()
                job.store()
                cr.commit()
                jobs += 1
                records += len(job.args[1])
            except Exception as err:  # noqa: B902 - reported, job failed
                cr.rollback()
                job.set_failed(exc_info=repr(err))
                job.store()
                cr.commit()
                failed += 1
        last_end = time.time()
    print("REPORT %r" % {
        "start": first_start, "end": last_end,
        "jobs": jobs, "records": records, "failed": failed,
        "queries": queries,
        "rss_start_mb": rss_start / 1024.0,
        "rss_peak_mb": resource.getrusage(
            resource.RUSAGE_SELF).ru_maxrss / 1024.0}, flush=True)


def plan(odoo, registry, batch_size):
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        env["ir.config_parameter"].set_param(
            "lotus_gdpr.retention_batch_size", str(batch_size))
        t0 = time.time()
        summary = env["lotus.retention.term"].cron_apply_retention(
            dry_run=False)
        cr.commit()
        return time.time() - t0, summary


def one_run(odoo, registry, conf, args, n, n_workers, batch_size, rows):
    run = "%d%d" % (time.time(), n_workers)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        ids, extra, gen_s = generate(
            env, run, n, args.expired, args.orders_per_partner,
            args.lines_per_order, args.tickets_per_partner,
            args.returns_per_partner)
        say("generated %d partners in %.1fs (%s)" % (len(ids), gen_s, extra))
        bare_s, bare_n = bare_update(env, run)
    say("bare UPDATE of %d partners and their messages: %.2fs"
        % (bare_n, bare_s))
    plan_s, summary = plan(odoo, registry, batch_size)
    say("planned in %.2fs: %s" % (plan_s, {
        "%s/%s" % k: v for k, v in summary.items() if v}))
    wall_s, reports = run_workers(conf, args.db, n_workers)
    starts = [r["start"] for r in reports if r["start"]]
    ends = [r["end"] for r in reports if r["end"]]
    # From the first job taken to the last job done: the workers' own
    # start-up (loading the registry) is not the action's time.
    work_s = max(ends) - min(starts) if starts else 0.0
    done = sum(r["records"] for r in reports)
    queries = [q for r in reports for q in r["queries"]]
    failed = sum(r["failed"] for r in reports)
    action_s = plan_s + work_s
    rows.append({
        "partners": n, "workers": n_workers, "batch": batch_size,
        "records": done, "failed": failed, "seconds": action_s,
        "per_s": done / action_s if action_s else 0,
        "rss": max(r["rss_peak_mb"] for r in reports) if reports else 0,
        "rss0": max(r["rss_start_mb"] for r in reports) if reports else 0,
        "q_min": min(queries) if queries else 0,
        "q_max": max(queries) if queries else 0,
        "q_avg": sum(queries) / len(queries) if queries else 0,
        "bare": bare_s, "ratio": action_s / bare_s if bare_s else 0,
    })
    say("run done: %(records)d records in %(seconds).1fs, ratio %(ratio).1f"
        % rows[-1])
    # the table so far: a long run that is stopped still leaves its rows
    print_table(rows)


def print_table(rows):
    head = ("partners", "workers", "batch", "records", "failed", "time s",
            "rec/s", "peak RSS MB (start)", "queries/batch avg [min-max]",
            "bare UPDATE s", "ratio")
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        lines.append(" | ".join([
            "%d" % r["partners"], "%d" % r["workers"], "%d" % r["batch"],
            "%d" % r["records"], "%d" % r["failed"], "%.1f" % r["seconds"],
            "%.0f" % r["per_s"], "%.0f (%.0f)" % (r["rss"], r["rss0"]),
            "%.1f [%d-%d]" % (r["q_avg"], r["q_min"], r["q_max"]),
            "%.2f" % r["bare"], "%.1f" % r["ratio"]]))
    print("\n".join(lines), flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=os.environ.get(
        "BENCH_DB", "lotus_bench"))
    parser.add_argument("--partners", type=int, default=int(os.environ.get(
        "BENCH_PARTNERS", 100000)))
    parser.add_argument("--small", type=int, default=int(os.environ.get(
        "BENCH_SMALL", 20000)), help="the smaller shop (memory, batches)")
    parser.add_argument("--expired", type=float, default=0.9)
    parser.add_argument("--orders-per-partner", type=int, default=2,
                        help="orders per partner when sale.order is "
                             "registered with the engine (0: none)")
    parser.add_argument("--lines-per-order", type=int, default=2)
    parser.add_argument("--tickets-per-partner", type=float, default=float(
        os.environ.get("BENCH_TICKETS_PER_PARTNER", 0.5)),
        help="tickets as a share of the partners when helpdesk.ticket is "
             "registered (0.5: 50,000 for 100,000 partners; 0: none)")
    parser.add_argument("--returns-per-partner", type=float, default=float(
        os.environ.get("BENCH_RETURNS_PER_PARTNER", 0.1)),
        help="closed returns (with a line, on a generated order) as a "
             "share of the partners when lotus.return.request is "
             "registered (0.1: 10,000 for 100,000 partners; 0: none)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--batch-sizes", default="500,100",
                        help="first: all runs; second: extra run on the "
                             "small shop to compare queries per batch")
    parser.add_argument("--recreate", action="store_true")
    parser.add_argument("--worker", action="store_true",
                        help=argparse.SUPPRESS)
    parser.add_argument("--conf", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.conf, args.db)
    conf = os.path.join(tempfile.gettempdir(), "lotus_bench_%s.conf"
                        % args.db)
    data_dir = write_conf(conf)
    ensure_db(args, conf, data_dir)
    odoo, registry = odoo_env(conf, args.db)
    with registry.cursor() as cr:
        cr.execute("SELECT count(*) FROM queue_job WHERE state = 'pending' "
                   "AND channel = %s", (CHANNEL,))
        left = cr.fetchone()[0]
    if left:
        say("running %d jobs left from an earlier run first" % left)
        run_workers(conf, args.db, 2)
    workers = [int(w) for w in args.workers.split(",")]
    batches = [int(b) for b in args.batch_sizes.split(",")]
    rows = []
    sizes = sorted({args.small, args.partners})
    for n in sizes:
        for w in workers:
            say("shop of %d partners, %d worker(s), batches of %d"
                % (n, w, batches[0]))
            one_run(odoo, registry, conf, args, n, w, batches[0], rows)
    for b in batches[1:]:
        say("shop of %d partners, 1 worker, batches of %d"
            % (args.small, b))
        one_run(odoo, registry, conf, args, args.small, 1, b, rows)
    print()
    print_table(rows)


if __name__ == "__main__":
    main()
