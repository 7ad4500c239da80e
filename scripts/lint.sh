#!/usr/bin/env bash
# `make lint`: flake8 and pylint-odoo over the addons and the end-to-end tests.
#
# The linters live in their own virtualenv (.venv-lint, Python 3.7, pinned
# closure in requirements-lint.txt) so that they never change the Odoo
# runtime in .venv.
#
#   .flake8             style and pyflakes (OCA's ignores)
#   .pylintrc           the Odoo checks that fail the build: manifest keys,
#                       SQL injection, translation calls, XML ids and syntax...
#   .pylintrc-advisory  further checks that are printed but do not fail the
#                       build, unless LINT_STRICT=1
#
# Variables: LINT_VENV (default .venv-lint), PYTHON37, LINT_STRICT=1.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

TOOL=lint
# shellcheck source=scripts/common.sh
. "$ROOT/scripts/common.sh"
LINT_VENV="${LINT_VENV:-$ROOT/.venv-lint}"
LINT_STRICT="${LINT_STRICT:-0}"

ensure_lint_venv() {
    local stamp="$LINT_VENV/.requirements-lint.sha"
    if ! requirements_changed requirements-lint.txt "$stamp" && [ -x "$LINT_VENV/bin/pylint" ]; then
        return 0
    fi
    make_venv "$LINT_VENV"
    say "installing lint tools (requirements-lint.txt, pinned, --no-deps)"
    local log="$LINT_VENV/pip-install.log" pip="$LINT_VENV/bin/pip"
    # pylint-odoo 7.0.5 is an sdist built with pbr: install the build tools
    # first, then build it against them (no isolated build environment).
    if ! { "$pip" install --disable-pip-version-check --no-deps setuptools==57.5.0 wheel==0.42.0 \
              "$(grep -E '^pbr==' requirements-lint.txt)" \
           && "$pip" install --disable-pip-version-check --no-deps --no-build-isolation \
              -r requirements-lint.txt; } > "$log" 2>&1; then
        grep -v "is ignored: it is neither" "$log" | tail -n 15 >&2
        die "pip could not install requirements-lint.txt -- see $log"
    fi
    mark_installed requirements-lint.txt "$stamp"
}

ensure_lint_venv

# What to lint: every addon, the end-to-end tests and any top-level Python.
ADDONS=()
for d in addons/*/; do
    [ -f "$d/__manifest__.py" ] && ADDONS+=("${d%/}")
done
[ "${#ADDONS[@]}" -gt 0 ] || die "no addon found under addons/ -- run from the repository"
PY_PATHS=("${ADDONS[@]}")
for p in tests conftest.py bench; do
    [ -e "$p" ] && PY_PATHS+=("$p")
done
# pylint takes addons as packages and the end-to-end tests file by file.
# bench/ holds stand-alone scripts (they print, commit and time on purpose):
# flake8 only.
PYLINT_PATHS=("${ADDONS[@]}")
while IFS= read -r f; do PYLINT_PATHS+=("$f"); done \
    < <(find tests conftest.py -name '*.py' 2>/dev/null | sort)

rc=0
say "flake8 (${PY_PATHS[*]})"
"$LINT_VENV/bin/flake8" "${PY_PATHS[@]}" || rc=1

say "pylint-odoo, checks that fail the build (.pylintrc)"
"$LINT_VENV/bin/pylint" --rcfile=.pylintrc "${PYLINT_PATHS[@]}" || rc=1

if [ "$LINT_STRICT" = 1 ]; then
    say "pylint-odoo, advisory checks (.pylintrc-advisory, LINT_STRICT=1: failing)"
    "$LINT_VENV/bin/pylint" --rcfile=.pylintrc-advisory "${PYLINT_PATHS[@]}" || rc=1
else
    say "pylint-odoo, advisory checks (.pylintrc-advisory, not failing; LINT_STRICT=1 makes them fail)"
    "$LINT_VENV/bin/pylint" --rcfile=.pylintrc-advisory --exit-zero "${PYLINT_PATHS[@]}"
fi

[ "$rc" -eq 0 ] || die "lint found problems -- see the lines above"
say "lint passed"
