# Lotus privacy addons: set-up, run, test, lint, benchmark.
# Every target installs what it needs first (see scripts/lotus.sh).
#
#   make run     demo database "lotus" served on http://127.0.0.1:8069
#   make test    each addon installed alone on a copy of a template, then
#                its tests; the four together, the OCA and end-to-end and
#                browser tests
#   make install-check  one -i of the four and of each alone on a new
#                database with demo data, as an Odoo user installs (slow)
#   make peer-tests     the suites of the modules we extend, without and
#                with our addons, and the difference (slow)
#   make screenshots    PNGs of the main screens into docs/ (Chromium)
#   make readme  each addon's README.rst and static/description/index.html
#                from its readme/ fragments (OCA layout)
#   make lint    flake8 + pylint-odoo
#   make bench   shop benchmark: portal, export, anonymise wizard, retention
#                with queue_job's runner (see bench/README.md; BENCH_ARGS)
#   make i18n    export the terms (.pot) and merge them into the nl.po files
#
# Variables: DB, TEST_DB, HOST, PORT, TEST_PORT, TEST_JOBS, PYTEST_ARGS, e.g.
#   make run DB=lotus2 PORT=8070
#   make test TEST_DB=lotus_test2 TEST_PORT=8170
#   make test PYTEST_ARGS="-k consent" TEST_JOBS=1

DB ?= lotus
TEST_DB ?= lotus_test
HOST ?= 127.0.0.1
PORT ?= 8069
TEST_PORT ?= 8169
PYTEST_ARGS ?=
BENCH_ARGS ?=
TEST_JOBS ?= 2
export DB TEST_DB HOST PORT TEST_PORT PYTEST_ARGS TEST_JOBS

.PHONY: run test testdb setup lint bench clean i18n install-check peer-tests screenshots readme

run:
	@scripts/lotus.sh run

test:
	@scripts/lotus.sh test

testdb:
	@scripts/lotus.sh testdb

install-check:
	@scripts/lotus.sh install-check

peer-tests:
	@scripts/lotus.sh peer-tests

screenshots:
	@scripts/lotus.sh screenshots

readme:
	@scripts/lotus.sh readme

setup:
	@scripts/lotus.sh setup

lint:
	@scripts/lint.sh

bench:
	@bench/bench.sh $(BENCH_ARGS)

clean:
	rm -rf .venv .odoo-data node_modules odoo.conf odoo-test.conf

i18n:
	@scripts/i18n.sh
