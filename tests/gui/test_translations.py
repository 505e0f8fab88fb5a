"""Every string the UI can show has a Chinese translation."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from services.resources import resource

ROOT = Path(__file__).resolve().parents[2]
TR_CALL = re.compile(r"""\btr\(\s*(?P<q>["'])(?P<text>.+?)(?P=q)""", re.S)


def _translations(language: str) -> dict[str, str]:
    tree = ET.parse(resource("i18n", f"youyi_{language}.ts"))
    out = {}
    for msg in tree.iter("message"):
        tr = msg.find("translation")
        assert tr is not None
        done = tr.get("type") not in ("unfinished", "obsolete", "vanished")
        out[msg.findtext("source") or ""] = (tr.text or "") if done else ""
    return out


def _source_strings() -> set[str]:
    found: set[str] = set()
    for path in [*ROOT.glob("console/**/*.py"), *ROOT.glob("widgets/**/*.py")]:
        for match in TR_CALL.finditer(path.read_text(encoding="utf-8")):
            found.add(match.group("text"))
    return found


def test_every_ui_string_is_translated_to_chinese() -> None:
    strings = _source_strings()
    assert "Video wall" in strings  # the scan finds the code's strings at all
    zh = _translations("zh_CN")
    missing = sorted(s for s in strings if not zh.get(s))
    assert missing == [], "run build/i18n.sh and translate: " + "; ".join(missing)


def test_compiled_files_match_their_sources(tmp_path: Path) -> None:
    """The committed .qm files are what lrelease makes of the .ts files."""
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    for language in ("zh_CN", "en"):
        ts, qm = resource("i18n", f"youyi_{language}.ts"), resource("i18n", f"youyi_{language}.qm")
        fresh = tmp_path / qm.name
        subprocess.run([str(lrelease), "-silent", str(ts), "-qm", str(fresh)], check=True)
        assert fresh.read_bytes() == qm.read_bytes(), "run build/i18n.sh and commit the .qm"
