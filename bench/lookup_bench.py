# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Privacy lookup benchmark (issue #13): the lookup of one customer on a
generated shop, its time and its number of SQL statements, and the plans
of the largest text scans.

    bench/lookup_bench.py --db lotus_bench [--partners 100000]

The database must exist with the lotus addons (``make bench`` creates
``lotus_bench``; any copy of a test database works too). When it holds
fewer than ``--partners`` generated partners, the retention benchmark's
generator adds them (with orders, tickets and returns); nothing is
committed when ``--rollback`` is given. Prints one line per measurement.
"""
import argparse
import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import shop  # noqa: E402  pylint: disable=wrong-import-position


def odoo_env(conf, db):
    import odoo
    odoo.tools.config.parse_config(["-c", conf, "-d", db])
    return odoo, odoo.registry(db)


def count_statements(cr):
    """Wrap ``cr.execute`` to count statements; returns the counter."""
    counter = {"n": 0}
    original = cr.execute

    def execute(query, params=None, *args, **kwargs):
        counter["n"] += 1
        return original(query, params, *args, **kwargs)

    cr.execute = execute
    return counter, original


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", default=os.environ.get(
        "BENCH_DB", "lotus_bench"))
    parser.add_argument(
        "--conf", help="Odoo configuration (default: the one the retention "
                       "benchmark wrote for --db, else odoo-test.conf)")
    parser.add_argument("--partners", type=int, default=100000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--explain", action="store_true",
                        help="print the plan of the largest text scans")
    args = parser.parse_args()
    if not args.conf:
        bench_conf = os.path.join(tempfile.gettempdir(),
                                  "lotus_bench_%s.conf" % args.db)
        args.conf = bench_conf if os.path.exists(bench_conf) \
            else "odoo-test.conf"
    odoo, registry = odoo_env(args.conf, args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.execute("SELECT count(*) FROM res_partner "
                   "WHERE email LIKE '%%@bench.example'")
        have = cr.fetchone()[0]
        if have < args.partners:
            ids, extra, gen_s = shop.generate(
                env, "%d" % time.time(), args.partners - have, 0.9, 2, 2)
            cr.commit()
            print("generated %d partners in %.1fs (%s)"
                  % (len(ids), gen_s, extra))
        cr.execute("SELECT count(*) FROM res_partner")
        partners = cr.fetchone()[0]
        cr.execute("""SELECT id FROM res_partner
                       WHERE email LIKE '%%@bench.example'
                       ORDER BY id DESC LIMIT 1""")
        customer = env["res.partner"].browse(cr.fetchone()[0])
        finder = env["lotus.privacy.finder"]
        for run in range(args.runs):
            counter, original = count_statements(cr)
            t0 = time.time()
            hits = finder._find(customer)
            elapsed = time.time() - t0
            cr.execute = original
            print("lookup of one customer among %d partners: %.2fs, "
                  "%d statements, %d hits (%d not covered)" % (
                      partners, elapsed, counter["n"], len(hits),
                      len([h for h in hits if not h["covered"]])))
        if args.explain:
            terms = finder._terms(customer)
            patterns = finder._patterns(terms)
            for table in ("res_partner", "sale_order", "mail_message"):
                model = [m for m in finder._searchable_models()
                         if m._table == table][0]
                captured = []

                def capture(query, params=None, *a, **k):
                    captured.append((query, params))
                    return original(query, params, *a, **k)

                cr.execute = capture
                finder._find_text(model, patterns, lambda *a: None)
                cr.execute = original
                query, params = captured[-1]
                cr.execute("EXPLAIN ANALYZE " + query, params)
                print("--- %s" % table)
                for (line,) in cr.fetchall():
                    print(line)
        cr.rollback()


if __name__ == "__main__":
    main()
