# Shared by scripts/lotus.sh and scripts/lint.sh (sourced, not run).
# Each failure stops with one line: "<tool>: <what is wrong> -- <what to do>".

PYTHON37="${PYTHON37:-${PYENV_ROOT:-$HOME/.pyenv}/versions/3.7.16/bin/python3.7}"

die() { echo "${TOOL:-lotus}: $*" >&2; exit 1; }
say() { echo "==> $*"; }

# make_venv DIR: a virtualenv with Python 3.7 in DIR, unless it exists.
make_venv() {
    local dir="$1"
    [ -x "$dir/bin/python" ] && return 0
    [ -x "$PYTHON37" ] || command -v "$PYTHON37" >/dev/null 2>&1 || die \
        "Python 3.7 not found at $PYTHON37 -- install it with 'pyenv install 3.7.16' or set PYTHON37=/path/to/python3.7"
    say "creating $dir with $("$PYTHON37" --version 2>&1)"
    "$PYTHON37" -m venv "$dir" || die "could not create $dir -- check that $PYTHON37 has the venv module"
}

# requirements_changed FILE STAMP: true when FILE differs from the hash
# recorded in STAMP by the last successful install.
requirements_changed() {
    [ ! -f "$2" ] || [ "$(cat "$2")" != "$(sha1sum < "$1" | cut -d' ' -f1)" ]
}

# mark_installed FILE STAMP
mark_installed() { sha1sum < "$1" | cut -d' ' -f1 > "$2"; }
