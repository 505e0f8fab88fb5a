#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them:
#   bash build/i18n.sh
# lupdate scans console/ and widgets/ for self.tr(), QCoreApplication.translate()
# and QT_TRANSLATE_NOOP(); new strings arrive as type="unfinished".  Translate
# them in resources/i18n/youyi_zh_CN.ts (Qt Linguist: .venv/bin/pyside6-linguist,
# or any editor) and run this again; tests/console/test_translations.py fails while a
# string is left open or a .qm is stale.  youyi_en.ts stays untranslated on
# purpose: English is the source language.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[[ -x $py ]] || py=python3

tool() {  # pyside6-<name> beside the interpreter, else the bare Qt tool in PySide6/
    local bin
    bin="$(dirname "$py")/pyside6-$1"
    if [[ -x $bin ]]; then
        echo "$bin"
        return
    fi
    "$py" -c "import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent / '$1')"
}
lupdate="$(tool lupdate)"
lrelease="$(tool lrelease)"

mapfile -t sources < <(find console widgets -name '*.py' | LC_ALL=C sort)
for lang in zh_CN en; do
    "$lupdate" -silent -no-obsolete -locations none -source-language en \
        -target-language "$lang" "${sources[@]}" -ts "resources/i18n/youyi_$lang.ts"
    "$lrelease" -silent "resources/i18n/youyi_$lang.ts" -qm "resources/i18n/youyi_$lang.qm"
done
open=$(grep -c 'type="unfinished"' resources/i18n/youyi_zh_CN.ts || true)
echo "zh_CN strings left to translate: $open"
