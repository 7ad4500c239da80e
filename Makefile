# Lotus privacy addons: set-up, run, test, lint, benchmark.
# Every target installs what it needs first (see scripts/lotus.sh).
#
#   make run     demo database "lotus" served on http://127.0.0.1:8069
#   make test    fresh test database, then the whole test suite
#   make lint    flake8 + pylint-odoo
#   make bench   retention benchmark (see bench/README.md)
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

.PHONY: run test testdb setup lint bench clean i18n

run:
	@scripts/lotus.sh run

test:
	@scripts/lotus.sh test

testdb:
	@scripts/lotus.sh testdb

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
