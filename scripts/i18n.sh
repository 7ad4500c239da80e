#!/usr/bin/env bash
# make i18n: export each lotus addon's terms with Odoo's own exporter into
# addons/<addon>/i18n/<addon>.pot, then merge them into i18n/nl.po: new
# terms arrive untranslated, terms that left the code are dropped, every
# translation already made is kept. Lists what still needs a translator.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
. "$ROOT/scripts/common.sh"
command -v msgmerge >/dev/null 2>&1 || die "msgmerge not found -- install gettext (apt-get install -y gettext)"
# A database with the addons as they are now.
scripts/lotus.sh testdb >/dev/null
DB="${TEST_DB:-lotus_test}"
ADDONS="lotus_gdpr lotus_sales lotus_returns lotus_helpdesk"
env -u HOST -u PORT "${VENV:-$ROOT/.venv}/bin/python" - "$DB" $ADDONS <<'PYEOF'
import io
import os
import re
import sys

import odoo
from odoo.tools import config

db, addons = sys.argv[1], sys.argv[2:]
config.parse_config(["-c", "odoo-test.conf", "-d", db])
registry = odoo.registry(db)
with odoo.api.Environment.manage(), registry.cursor() as cr:
    # The export dates itself: a catalogue whose terms did not change is
    # left as it is, so that the files (and the addons' template key)
    # change only with the terms.
    dated = re.compile(rb'^"(POT-Creation-Date|PO-Revision-Date): .*$', re.M)
    for addon in addons:
        buf = io.BytesIO()
        odoo.tools.trans_export(False, [addon], buf, "po", cr)
        path = "addons/%s/i18n/%s.pot" % (addon, addon)
        if os.path.exists(path):
            with open(path, "rb") as pot:
                if dated.sub(b"", pot.read()) == dated.sub(b"", buf.getvalue()):
                    continue
        with open(path, "wb") as pot:
            pot.write(buf.getvalue())
PYEOF
missing=0
for addon in $ADDONS; do
    po="addons/$addon/i18n/nl.po"
    msgmerge --quiet --no-fuzzy-matching \
        ${COMPENDIUM:+--compendium "$COMPENDIUM"} \
        "$po" "addons/$addon/i18n/$addon.pot" -o "$po.new"
    msgattrib --no-obsolete "$po.new" -o "$po"
    rm -f "$po.new"
    # "N translated messages, M untranslated messages."
    n="$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1 | grep -o '[0-9]* untranslated' | cut -d' ' -f1 || true)"
    n="${n:-0}"
    say "$po: $n term(s) to translate"
    missing=$((missing + n))
done
[ "$missing" -eq 0 ] || say "translate them (msgstr \"\" entries), then commit"
