"""Every string the UI can show has a Chinese translation, and the compiled .qm
files are what lrelease makes of the committed .ts files."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from console.paths import i18n_dir

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("zh_CN", "en")

Key = tuple[str, str]  # (context, source text)


def _qt_tool(name: str) -> Path:
    """pyside6-<name> beside the interpreter, else Qt's own tool inside PySide6/."""
    wrapper = Path(sys.executable).with_name(f"pyside6-{name}")
    if wrapper.exists():
        return wrapper
    import PySide6

    return Path(PySide6.__file__).with_name(name)


def _messages(ts: Path) -> dict[Key, str]:
    """(context, source) → translation; "" where unfinished, obsolete or vanished."""
    out: dict[Key, str] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            done = translation.get("type") not in ("unfinished", "obsolete", "vanished")
            key = (name, message.findtext("source") or "")
            out[key] = (translation.text or "") if done else ""
    return out


@pytest.fixture(scope="module")
def source_strings(tmp_path_factory: pytest.TempPathFactory) -> set[Key]:
    """What lupdate finds in console/ and widgets/ today (tr, translate, NOOP)."""
    ts = tmp_path_factory.mktemp("lupdate") / "scan.ts"
    sources = sorted(str(p) for d in ("console", "widgets") for p in (ROOT / d).rglob("*.py"))
    subprocess.run(
        [str(_qt_tool("lupdate")), "-silent", "-locations", "none", *sources, "-ts", str(ts)],
        check=True,
        cwd=ROOT,
        timeout=60,
    )
    return set(_messages(ts))


def test_the_scan_finds_the_code_strings(source_strings: set[Key]) -> None:
    assert ("MainWindow", "Youyi Road Sub-district Operations Center") in source_strings
    assert ("Docks", "Video wall") in source_strings


def test_every_ui_string_is_translated_to_chinese(source_strings: set[Key]) -> None:
    zh = _messages(i18n_dir() / "youyi_zh_CN.ts")
    missing = sorted(f"{ctx}: {text}" for ctx, text in source_strings if not zh.get((ctx, text)))
    assert missing == [], "run build/i18n.sh and translate:\n" + "\n".join(missing)


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_files_match_their_sources(language: str, tmp_path: Path) -> None:
    """The committed .qm files are what lrelease makes of the .ts files."""
    ts, qm = i18n_dir() / f"youyi_{language}.ts", i18n_dir() / f"youyi_{language}.qm"
    fresh = tmp_path / qm.name
    subprocess.run(
        [str(_qt_tool("lrelease")), "-silent", str(ts), "-qm", str(fresh)], check=True, timeout=60
    )
    assert fresh.read_bytes() == qm.read_bytes(), "run build/i18n.sh and commit the .qm"


def test_no_translated_text_is_hidden_from_lupdate() -> None:
    """``translate(CONTEXT, "text")`` with the context in a variable is never
    found by lupdate, so its text stays English in the Chinese console: the
    context must be written out (or the text marked with QT_TRANSLATE_NOOP)."""
    import ast

    hidden = []
    for path in sorted(p for d in ("console", "widgets") for p in (ROOT / d).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "translate"
                and len(node.args) >= 2
                and not isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[1], ast.Constant)
            ):
                hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.args[1].value!r}")
    assert hidden == []
