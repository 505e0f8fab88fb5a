#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them.
#   bash build/i18n.sh           # lupdate + lrelease
# Translate new strings in resources/i18n/youyi_zh_CN.ts (Qt Linguist:
# .venv/bin/pyside6-linguist) before committing; tests fail on any left open.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t sources < <(find console widgets -name '*.py' | sort)
for lang in zh_CN en; do
    .venv/bin/pyside6-lupdate -no-obsolete -locations none -source-language en \
        -target-language "$lang" "${sources[@]}" -ts "resources/i18n/youyi_$lang.ts"
    .venv/bin/pyside6-lrelease -silent "resources/i18n/youyi_$lang.ts" \
        -qm "resources/i18n/youyi_$lang.qm"
done
