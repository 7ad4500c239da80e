#!/usr/bin/env bash
# make bench: ensure the venv, PostgreSQL and the template database
# (scripts/lotus.sh), then run the retention benchmark and the privacy
# lookup benchmark (bench/lookup_bench.py). Arguments and
# BENCH_* variables go to bench/retention_bench.py (see bench/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/lotus.sh template
"${VENV:-$ROOT/.venv}/bin/python" bench/retention_bench.py "$@"
# The privacy lookup of one customer on the shop just generated (issue #13).
exec "${VENV:-$ROOT/.venv}/bin/python" bench/lookup_bench.py \
    --db "${BENCH_DB:-lotus_bench}" --partners 0 --explain
