"""The packaged console: `bash build/installer` builds it with PyInstaller (about a
minute here), smoke-tests it, `youyi-console --self-test` included, and makes the
Linux packages.  Marked slow; it runs in the default suite, so CI builds the
package at every run (deselect with -m "not slow")."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_the_packaged_console_passes_its_self_test(tmp_path: Path) -> None:
    out = tmp_path / "out"
    try:
        result = subprocess.run(
            ["bash", str(ROOT / "build" / "installer")],
            env={**os.environ, "YOUYI_BUILD_OUT": str(out), "YOUYI_PACKAGE_FAST": "1"},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "self-test: 4 checks, all passed" in result.stdout
        for check in ("database", "broker", "video", "window"):
            assert f"\nok    {check} " in result.stdout
        assert f"built: {out}/dist/youyi-console/youyi-console" in result.stdout
        assert list(out.glob("youyi-console-*-linux-*.tar.gz"))  # the packages made
        if shutil.which("dpkg-deb"):
            assert list(out.glob("youyi-console_*.deb"))
    finally:
        shutil.rmtree(out, ignore_errors=True)  # some 600 MB
