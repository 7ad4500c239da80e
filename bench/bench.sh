#!/usr/bin/env bash
# make bench: a fresh benchmark database (a copy of the addons template,
# see scripts/lotus.sh bench), the shop benchmark on it (portal, exports,
# anonymise wizard, retention with queue_job's job runner), then the
# privacy lookup of one customer on the same shop. Arguments go to
# bench/shop_bench.py (see bench/README.md), e.g. make bench BENCH_ARGS=--tiny
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
scripts/lotus.sh bench "$@"
# The privacy lookup of one customer on the shop just generated (issue #13).
exec "${VENV:-$ROOT/.venv}/bin/python" bench/lookup_bench.py \
    --db "${BENCH_DB:-lotus_bench}" --partners 0 --explain
