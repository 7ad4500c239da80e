# Copyright 2026 Lotus 3D Printers BV
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark probe (bench/README.md), never installed in a database.

Loaded by ``make bench`` as a server-wide module of the Odoo server it
measures (``server_wide_modules = web,queue_job,lotus_bench_probe``), in
every HTTP worker: for each request it appends one JSON line to the file
named by ``LOTUS_BENCH_PROBE`` with the path, the status, the SQL
statements the request's thread executed, the time spent in Odoo, the
worker's pid and its resident memory before and after the request, and
the ``X-Lotus-Bench`` header the benchmark client sends to name the
measurement. It holds no personal data: paths and counts only.
"""
import json
import os
import threading
import time

from odoo import sql_db
from odoo.service import wsgi_server

PROBE_FILE = os.environ.get("LOTUS_BENCH_PROBE")
PAGE = os.sysconf("SC_PAGE_SIZE")


def _rss_mb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * PAGE / 1048576.0


def _counting_execute(execute):
    def counted(self, *args, **kwargs):
        thread = threading.current_thread()
        thread.lotus_bench_queries = getattr(
            thread, "lotus_bench_queries", 0) + 1
        return execute(self, *args, **kwargs)
    return counted


def _measured(application):
    def measured(environ, start_response):
        thread = threading.current_thread()
        thread.lotus_bench_queries = 0
        status = {}

        def start(line, headers, exc_info=None):
            status["code"] = int(line.split(" ", 1)[0])
            return start_response(line, headers, exc_info)

        rss0 = _rss_mb()
        t0 = time.time()
        result = application(environ, start)
        line = json.dumps({
            "tag": environ.get("HTTP_X_LOTUS_BENCH", ""),
            "path": environ.get("PATH_INFO", ""),
            "status": status.get("code"),
            "queries": thread.lotus_bench_queries,
            "ms": (time.time() - t0) * 1000.0,
            "pid": os.getpid(),
            "rss0": rss0,
            "rss": _rss_mb(),
            "at": t0,
        })
        with open(PROBE_FILE, "a") as probe:
            probe.write(line + "\n")
        return result
    return measured


if PROBE_FILE:
    sql_db.Cursor.execute = _counting_execute(sql_db.Cursor.execute)
    wsgi_server.application = _measured(wsgi_server.application)
