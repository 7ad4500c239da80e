#!/usr/bin/env python3
# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shop benchmark (``make bench``, see bench/README.md).

On a generated shop served by Odoo in multi-process mode, with queue_job's
own job runner, it measures every path people use and prints one table
with each figure, its goal and "met" or "missed":

- the portal pages of the biggest customer and of an ordinary one, with 1
  and 4 concurrent clients (median and p95 latency, SQL queries per page);
- the access export of the biggest customer (time, queries, the worker's
  memory before and after);
- the DPO's anonymise wizard on that customer: preview, then confirm;
- the retention run: the scheduled action plans queue_job jobs, the job
  runner started by ``server_wide_modules = web,queue_job`` dispatches them
  over HTTP to the Odoo workers; with 1 and 2 workers, at two shop sizes,
  against a bare SQL ``UPDATE`` of the same columns measured in the run.

SQL queries, time and memory inside the server come from the probe
(bench/probe/lotus_bench_probe), latency from the client.

Usage (``make bench`` runs it on a fresh copy of the addons template):
    .venv/bin/python bench/shop_bench.py --db lotus_bench
        [--partners 100000] [--small 20000] [--requests 50]
        [--batch-size 500] [--extra-batch-sizes 2000] [--tiny]
"""
import argparse
import datetime
import json
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import requests

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import shop  # noqa: E402  pylint: disable=wrong-import-position

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROBE_DIR = os.path.join(ROOT, "bench", "probe")
CHANNEL = "root.lotus_retention"
CRON_XMLID = "lotus_gdpr.ir_cron_apply_retention"
BATCH_SIZE_PARAM = "lotus_gdpr.retention_batch_size"
PAGES = ("/my", "/my/orders", "/my/invoices", "/my/tickets", "/my/returns",
         "/my/privacy", "/my/privacy/export", "/my/privacy/export.json")
EXPORTS = ("/my/privacy/export", "/my/privacy/export.json")
PAGE_GOAL_MS = 150.0
EXPORT_GOAL_MS = 2000.0
WIZARD_GOAL_MS = 2000.0
RATIO_GOAL = 3.0


def say(msg):
    print("==> %s" % msg, flush=True)


def percentile(values, share):
    """The nearest-rank percentile (``share`` 0.5: median)."""
    values = sorted(values)
    if not values:
        return 0.0
    return values[max(0, int(math.ceil(share * len(values))) - 1)]


# ------------------------------------------------------------- the server
def write_conf(path, db, port, workers):
    import odoo.addons
    data_dir = os.environ.get("DATA_DIR") or os.path.join(ROOT, ".odoo-data")
    with open(path, "w") as conf:
        conf.write("\n".join([
            "[options]",
            "db_user = %s" % os.environ.get("USER", "root"),
            "addons_path = %s,%s,%s" % (
                os.path.join(ROOT, "addons"), PROBE_DIR,
                os.path.dirname(odoo.addons.__file__)),
            "data_dir = %s" % data_dir,
            "http_interface = 127.0.0.1",
            "http_port = %d" % port,
            "db_name = %s" % db,
            "dbfilter = ^%s$" % db,
            "server_wide_modules = web,queue_job,lotus_bench_probe",
            "list_db = False",
            "log_level = warn",
            "log_handler = :WARNING,odoo.modules.loading:ERROR",
            "workers = %d" % workers,
            "max_cron_threads = 0",
            "limit_time_cpu = 600",
            "limit_time_real = 1200",
            "[queue_job]",
            # the runner gives each Odoo worker one job at a time
            "channels = root:%d" % workers,
            "",
        ]))


class Server(object):
    """Odoo in multi-process mode (``workers`` HTTP workers) with the job
    runner thread of queue_job and the probe."""

    def __init__(self, db, port, workers, probe):
        self.db, self.port, self.workers, self.probe = db, port, workers, probe
        self.url = "http://127.0.0.1:%d" % port
        self.conf = os.path.join(tempfile.gettempdir(),
                                 "lotus_bench_server_%s.conf" % db)
        self.log_path = os.path.join(tempfile.gettempdir(),
                                     "lotus_bench_server_%s.log" % db)
        self.proc = None

    def start(self, timeout=600):
        write_conf(self.conf, self.db, self.port, self.workers)
        self.log = open(self.log_path, "a")
        self.proc = subprocess.Popen(
            [sys.executable, "-c",
             "import sys, odoo.cli; sys.exit(odoo.cli.main())",
             "-c", self.conf],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT,
            env=dict(os.environ, PYTHONUNBUFFERED="1",
                     LOTUS_BENCH_PROBE=self.probe, PATH=os.pathsep.join((
                         os.path.join(ROOT, "node_modules", ".bin"),
                         os.environ.get("PATH", "")))))
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.proc.poll() is not None:
                sys.exit("lotus bench: Odoo exited with %s, see %s"
                         % (self.proc.returncode, self.log_path))
            try:
                socket.create_connection(("127.0.0.1", self.port), 1).close()
                if requests.get(self.url + "/web/login", timeout=deadline
                                - time.time()).status_code == 200:
                    return self
            except (OSError, requests.RequestException):
                pass
            time.sleep(0.5)
        self.stop()
        sys.exit("lotus bench: Odoo did not answer within %ss" % timeout)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.kill(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.proc = None

    def login(self, login, password):
        http = requests.Session()
        uid = self.call(http, "/web/session/authenticate", {
            "db": self.db, "login": login, "password": password})["uid"]
        if not uid:
            sys.exit("lotus bench: login %s failed" % login)
        return http

    def call(self, http, path, params, tag=""):
        resp = http.post(self.url + path, json={
            "jsonrpc": "2.0", "method": "call", "params": params, "id": 1},
            headers={"X-Lotus-Bench": tag})
        resp.raise_for_status()
        body = resp.json()
        if "error" in body:
            sys.exit("lotus bench: %s failed: %s" % (
                path, body["error"].get("data", {}).get("message")))
        return body.get("result")

    def call_kw(self, http, model, method, args, tag=""):
        return self.call(http, "/web/dataset/call_kw", {
            "model": model, "method": method, "args": args, "kwargs": {}},
            tag=tag)


def probe_lines(probe, tag=None, path=None, since=0.0, until=None):
    lines = []
    with open(probe) as probe_file:
        for raw in probe_file:
            line = json.loads(raw)
            if tag is not None and line["tag"] != tag:
                continue
            if path is not None and line["path"] != path:
                continue
            if line["at"] < since or (until and line["at"] > until):
                continue
            lines.append(line)
    return lines


# ------------------------------------------------------------- the portal
def measure_page(server, sessions, page, count, tag):
    """``count`` GETs of ``page`` split over the sessions, one thread per
    session; returns the latencies in ms."""
    latencies, errors = [], []
    per_client = int(math.ceil(count / float(len(sessions))))

    def client(http):
        for _i in range(per_client):
            t0 = time.time()
            resp = http.get(server.url + page, allow_redirects=False,
                            headers={"X-Lotus-Bench": tag})
            elapsed = (time.time() - t0) * 1000.0
            if resp.status_code != 200:
                errors.append("%s %s" % (page, resp.status_code))
            latencies.append(elapsed)

    threads = [threading.Thread(target=client, args=(http,))
               for http in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        sys.exit("lotus bench: %s answered %s" % (page, errors[0]))
    return latencies


def portal(server, customers, requests_per_page, rows):
    """Every page for every customer with 1 and 4 clients."""
    for label, login, _partner in customers:
        for clients in (1, 4):
            sessions = [server.login(login, shop.PASSWORD)
                        for _i in range(clients)]
            for page in PAGES:
                # warm both workers: templates, assets, caches
                measure_page(server, sessions, page, 2 * server.workers,
                             "warm")
                tag = "%s|%d|%s" % (label, clients, page)
                lat = measure_page(server, sessions, page, requests_per_page,
                                   tag)
                lines = probe_lines(server.probe, tag=tag)
                rows.append({
                    "customer": label, "clients": clients, "page": page,
                    "n": len(lat), "median": percentile(lat, 0.5),
                    "p95": percentile(lat, 0.95),
                    "queries": percentile([x["queries"] for x in lines], 0.5),
                    "q_max": max(x["queries"] for x in lines),
                    "rss0": min(x["rss0"] for x in lines),
                    "rss": max(x["rss"] for x in lines),
                })
                say("%-8s %d client(s) %-24s median %6.0f ms  p95 %6.0f ms"
                    "  %3d queries" % (
                        label, clients, page, rows[-1]["median"],
                        rows[-1]["p95"], rows[-1]["queries"]))


def wizard(server, admin, partner_id):
    """The DPO's anonymise wizard on one customer: preview, confirm."""
    t0 = time.time()
    wizard_id = server.call_kw(admin, "lotus.anonymize.wizard", "create", [{
        "partner_ids": [[6, 0, [partner_id]]],
        "reason": "make bench"}], tag="wizard-preview")
    preview = server.call_kw(admin, "lotus.anonymize.wizard", "read", [
        [wizard_id], ["preview_html"]], tag="wizard-preview")
    preview_ms = (time.time() - t0) * 1000.0
    t0 = time.time()
    server.call_kw(admin, "lotus.anonymize.wizard", "action_confirm",
                   [[wizard_id]], tag="wizard-confirm")
    confirm_ms = (time.time() - t0) * 1000.0
    result = server.call_kw(admin, "lotus.anonymize.wizard", "read", [
        [wizard_id], ["result_html"]])
    return {
        "preview": preview_ms, "confirm": confirm_ms,
        "preview_q": sum(x["queries"] for x in probe_lines(
            server.probe, tag="wizard-preview")),
        "confirm_q": sum(x["queries"] for x in probe_lines(
            server.probe, tag="wizard-confirm")),
        "preview_chars": len(preview[0]["preview_html"] or ""),
        "result_chars": len(result[0]["result_html"] or ""),
    }


# ---------------------------------------------------------- the retention
def timestamp(value):
    """A timestamp as Odoo's cursor returns it (a string)."""
    if isinstance(value, datetime.datetime):
        return value
    fmt = "%Y-%m-%d %H:%M:%S.%f" if "." in value else "%Y-%m-%d %H:%M:%S"
    return datetime.datetime.strptime(value, fmt)


def retention(server, registry, odoo, admin, args, n, batch_size, rows,
              run=None):
    """Generate ``n`` partners (unless the shop of ``run`` is there and
    not yet processed), time the bare UPDATE, then the scheduled action
    and its jobs run by the job runner."""
    # Through the server: its workers cache the parameters.
    server.call_kw(admin, "ir.config_parameter", "set_param", [
        BATCH_SIZE_PARAM, str(batch_size)])
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if not run:
            run = "%d" % time.time()
            ids, extra, gen_s = shop.generate(
                env, run, n, 0.9, args.orders_per_partner,
                args.lines_per_order, args.tickets_per_partner,
                args.returns_per_partner)
            say("generated %d partners in %.1fs (%s)"
                % (len(ids), gen_s, extra))
        bare_s, bare_n = shop.bare_update(env, run)
        say("bare UPDATE of %d partners, their records and messages: %.2fs"
            % (bare_n, bare_s))
        cron_id = env.ref(CRON_XMLID).id
        cr.execute("SELECT now() at time zone 'UTC', max(id) FROM queue_job")
        start_db, last_job = cr.fetchone()
        cr.commit()
    t0 = time.time()
    server.call_kw(admin, "ir.cron", "method_direct_trigger", [[cron_id]],
                   tag="retention-plan")
    plan_s = time.time() - t0
    with registry.cursor() as cr:
        deadline = time.time() + args.timeout
        while time.time() < deadline:
            cr.execute("""SELECT count(*) FROM queue_job
                           WHERE channel = %s AND id > %s AND state IN
                                 ('pending', 'enqueued', 'started')""",
                       (CHANNEL, last_job or 0))
            if not cr.fetchone()[0]:
                break
            cr.commit()
            time.sleep(0.2)
        cr.execute("""SELECT state, args, date_started, date_done
                        FROM queue_job WHERE channel = %s AND id > %s""",
                   (CHANNEL, last_job or 0))
        jobs = cr.fetchall()
    done = [j for j in jobs if j[0] == "done"]
    end_db = max(j[3] for j in done) if done else start_db
    action_s = (timestamp(end_db) - timestamp(start_db)).total_seconds()
    lines = probe_lines(server.probe, path="/queue_job/runjob",
                        since=t0 - 1, until=time.time())
    queries = [x["queries"] for x in lines]
    in_jobs_s = sum(x["ms"] for x in lines) / 1000.0
    rows.append({
        "partners": n, "workers": server.workers, "batch": batch_size,
        "jobs": len(jobs), "failed": len([j for j in jobs if j[0] != "done"]),
        "records": sum(len(json.loads(j[1])[1]) for j in jobs
                       if j[1] and len(json.loads(j[1])) > 1),
        "plan": plan_s, "seconds": action_s,
        "in_jobs": in_jobs_s, "bare": bare_s,
        "ratio": action_s / bare_s if bare_s else 0.0,
        "q_avg": sum(queries) / float(len(queries)) if queries else 0.0,
        "q_min": min(queries) if queries else 0,
        "q_max": max(queries) if queries else 0,
        "job_ms": percentile([x["ms"] for x in lines], 0.5),
        "rss": max(x["rss"] for x in lines) if lines else 0.0,
        "rss0": min(x["rss0"] for x in lines) if lines else 0.0,
    })
    say("retention: %(jobs)d jobs (%(failed)d not done), %(records)d records"
        " in %(seconds).1fs (planning %(plan).1fs, inside jobs %(in_jobs).1fs"
        "), bare UPDATE %(bare).2fs, ratio %(ratio).1f" % rows[-1])


# ------------------------------------------------------------- the table
def verdict(ok):
    return "met" if ok else "**missed**"


def report(portal_rows, export_rows, wizard_row, ret_rows, batch_size):
    out = ["figure | measured | goal | result", "--- | --- | --- | ---"]

    def add(figure, measured, goal, ok):
        result = verdict(ok) if ok is not None else "(reported)"
        out.append("%s | %s | %s | %s" % (figure, measured, goal, result))

    by = {(r["customer"], r["clients"], r["page"]): r for r in portal_rows}
    for (customer, clients, page), r in sorted(by.items()):
        export = page in EXPORTS
        goal_ms = EXPORT_GOAL_MS if export else PAGE_GOAL_MS
        judged = clients == 1 and (not export or customer == "big")
        add("portal %s, %s customer, %d client%s" % (
            page, customer, clients, "s" if clients > 1 else ""),
            "median %.0f ms, p95 %.0f ms, %d queries" % (
                r["median"], r["p95"], r["queries"]),
            "p95 < %.0f ms" % goal_ms if judged else "-",
            r["p95"] < goal_ms if judged else None)
    for page in PAGES:
        big, small = by.get(("big", 1, page)), by.get(("ordinary", 1, page))
        if big and small:
            add("queries of %s: 1,000 orders against 3" % page,
                "%d against %d" % (big["queries"], small["queries"]),
                "independent of the number of orders (difference <= 2)",
                abs(big["queries"] - small["queries"]) <= 2)
    for r in export_rows:
        add("worker memory around the exports of the big customer (%s)"
            % r["page"], "%.0f MB before, %.0f MB after" % (
                r["rss0"], r["rss"]), "(reported)", None)
    if wizard_row:
        add("anonymise wizard, preview of the big customer",
            "%.0f ms, %d queries" % (wizard_row["preview"],
                                     wizard_row["preview_q"]),
            "< %.0f ms" % WIZARD_GOAL_MS,
            wizard_row["preview"] < WIZARD_GOAL_MS)
        add("anonymise wizard, confirm of the big customer",
            "%.0f ms, %d queries" % (wizard_row["confirm"],
                                     wizard_row["confirm_q"]),
            "< %.0f ms" % WIZARD_GOAL_MS,
            wizard_row["confirm"] < WIZARD_GOAL_MS)
    for r in ret_rows:
        judged = r["batch"] == batch_size
        add("retention, %d partners, %d worker%s, batches of %d" % (
            r["partners"], r["workers"], "s" if r["workers"] > 1 else "",
            r["batch"]),
            "%.1f s for %d records in %d jobs (%d not done); bare UPDATE "
            "%.2f s; ratio %.1f" % (r["seconds"], r["records"], r["jobs"],
                                    r["failed"], r["bare"], r["ratio"]),
            "ratio <= %.0f, every job done" % RATIO_GOAL if judged else "-",
            (r["ratio"] <= RATIO_GOAL and not r["failed"]) if judged
            else None)
    if ret_rows:
        default = [r for r in ret_rows if r["batch"] == batch_size]
        sizes = sorted({r["partners"] for r in default})
        peak = {s: max(r["rss"] for r in default if r["partners"] == s)
                for s in sizes}
        add("retention, peak worker memory by shop size",
            ", ".join("%d partners: %.0f MB" % (s, peak[s]) for s in sizes),
            "flat (within 10 %)",
            max(peak.values()) <= 1.1 * min(peak.values()))
        # The average depends on the mix of jobs (a customer job reads
        # seven models, a ticket job one), so it is compared between the
        # runs of the default batch size; the largest job (customers) is
        # compared between all runs, whatever their batch size.
        averages = [r["q_avg"] for r in default]
        add("retention, queries per job (average [min-max] of each run)",
            ", ".join("%d partners, batches of %d: %.1f [%d-%d]" % (
                r["partners"], r["batch"], r["q_avg"], r["q_min"],
                r["q_max"]) for r in ret_rows),
            "constant: averages within 3 at the default batch size, the "
            "same maximum for every batch size",
            max(averages) - min(averages) <= 3 and len(
                {r["q_max"] for r in ret_rows}) == 1)
    print("\n".join(out), flush=True)
    if ret_rows:
        print()
        head = ("partners", "workers", "batch", "jobs", "records", "planning s",
                "action s", "inside jobs s", "median job ms",
                "queries/job avg [min-max]", "worker RSS MB", "bare UPDATE s",
                "ratio")
        lines = [" | ".join(head), " | ".join("---" for _ in head)]
        for r in ret_rows:
            lines.append(" | ".join([
                "%d" % r["partners"], "%d" % r["workers"], "%d" % r["batch"],
                "%d" % r["jobs"], "%d" % r["records"], "%.1f" % r["plan"],
                "%.1f" % r["seconds"], "%.1f" % r["in_jobs"],
                "%.0f" % r["job_ms"],
                "%.1f [%d-%d]" % (r["q_avg"], r["q_min"], r["q_max"]),
                "%.0f-%.0f" % (r["rss0"], r["rss"]), "%.2f" % r["bare"],
                "%.1f" % r["ratio"]]))
        print("\n".join(lines), flush=True)


# ------------------------------------------------------------------ main
def free_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", default=os.environ.get(
        "BENCH_DB", "lotus_bench"))
    parser.add_argument("--partners", type=int, default=int(os.environ.get(
        "BENCH_PARTNERS", 100000)))
    parser.add_argument("--small", type=int, default=int(os.environ.get(
        "BENCH_SMALL", 20000)))
    parser.add_argument("--big-orders", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=50,
                        help="requests per page, customer and client count")
    parser.add_argument("--orders-per-partner", type=int, default=2)
    parser.add_argument("--lines-per-order", type=int, default=2)
    parser.add_argument("--tickets-per-partner", type=float, default=0.5)
    parser.add_argument("--returns-per-partner", type=float, default=0.1)
    parser.add_argument("--batch-size", type=int, default=None,
                        help="retention batch size (default: the addon's)")
    parser.add_argument("--extra-batch-sizes", default="",
                        help="more retention runs on the small shop with "
                             "one worker, e.g. 200,2000")
    parser.add_argument("--tiny", action="store_true",
                        help="a smoke run: 300 partners, 20 big orders, "
                             "5 requests")
    parser.add_argument("--timeout", type=int, default=3600)
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    if args.tiny:
        args.partners, args.small, args.big_orders, args.requests = \
            300, 100, 20, 5
    probe = os.path.join(tempfile.gettempdir(),
                         "lotus_bench_probe_%s.jsonl" % args.db)
    open(probe, "w").close()
    conf = os.path.join(tempfile.gettempdir(), "lotus_bench_%s.conf"
                        % args.db)
    write_conf(conf, args.db, 0, 0)
    import odoo
    odoo.tools.config.parse_config(["-c", conf, "-d", args.db])
    registry = odoo.registry(args.db)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        batch_size = args.batch_size or int(env["ir.config_parameter"]
                                            .get_param(BATCH_SIZE_PARAM, 500))
        run = "%d" % time.time()
        ids, extra, gen_s = shop.generate(
            env, run, args.partners, 0.9, args.orders_per_partner,
            args.lines_per_order, args.tickets_per_partner,
            args.returns_per_partner)
        say("generated the shop: %d partners in %.1fs (%s)"
            % (len(ids), gen_s, extra))
        scale = args.big_orders / 1000.0
        big, counts = shop.generate_big_customer(
            env, run + "B", orders=args.big_orders,
            tickets=max(1, int(200 * scale)), returns=max(1, int(50 * scale)),
            invoices=max(1, int(30 * scale)))
        say("the big customer: %s" % counts)
        small, counts = shop.generate_big_customer(
            env, run + "S", orders=3, tickets=2, returns=1, invoices=2)
        say("an ordinary customer: %s" % counts)
        customers = [("big", big.email, big.id),
                     ("ordinary", small.email, small.id)]
        cr.commit()
    port = args.port or free_port()
    portal_rows, export_rows, ret_rows, wizard_row = [], [], [], None
    server = Server(args.db, port, 2, probe)
    say("starting Odoo with 2 workers and the job runner on port %d" % port)
    server.start()
    try:
        admin = server.login("admin", "admin")
        portal(server, customers, args.requests, portal_rows)
        for r in portal_rows:
            if r["customer"] == "big" and r["clients"] == 1 and \
                    r["page"] in EXPORTS:
                export_rows.append(r)
        wizard_row = wizard(server, admin, big.id)
        say("anonymise wizard: preview %(preview).0f ms, confirm "
            "%(confirm).0f ms" % wizard_row)
        # the shop of the portal measurements first, then a small one
        retention(server, registry, odoo, admin, args, args.partners,
                  batch_size, ret_rows, run=run)
        retention(server, registry, odoo, admin, args, args.small,
                  batch_size, ret_rows)
    finally:
        server.stop()
    server = Server(args.db, port, 1, probe)
    say("starting Odoo with 1 worker and the job runner")
    server.start()
    try:
        admin = server.login("admin", "admin")
        for n in (args.small, args.partners):
            retention(server, registry, odoo, admin, args, n, batch_size,
                      ret_rows)
        for size in [int(b) for b in args.extra_batch_sizes.split(",") if b]:
            retention(server, registry, odoo, admin, args, args.small, size,
                      ret_rows)
    finally:
        server.stop()
    print()
    report(portal_rows, export_rows, wizard_row, ret_rows, batch_size)


if __name__ == "__main__":
    main()
