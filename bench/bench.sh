#!/usr/bin/env bash
# make bench: ensure the venv, PostgreSQL and the template database
# (scripts/lotus.sh), then run the retention benchmark. Arguments and
# BENCH_* variables go to bench/retention_bench.py (see bench/README.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/lotus.sh template
exec "${VENV:-$ROOT/.venv}/bin/python" bench/retention_bench.py "$@"
