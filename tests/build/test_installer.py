"""The packaged console: `bash build/installer` builds it with PyInstaller (about a
minute here) and smoke-tests it, `youyi-console --self-test` included.  Marked slow
and run only when asked for (`bash build/test -m slow tests/build`, as CI does): the
default run stays as quick as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def asked_for(config: pytest.Config) -> bool:
    """Whether ``-m`` selects the slow tests (``-m slow``, not ``-m "not slow"``)."""
    expression = str(config.getoption("markexpr") or "")
    return "slow" in expression and "not slow" not in expression


def test_the_packaged_console_passes_its_self_test(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    if not asked_for(request.config):
        pytest.skip("builds the package (about a minute): run with -m slow")
    out = tmp_path / "out"
    try:
        result = subprocess.run(
            ["bash", str(ROOT / "build" / "installer")],
            env={**os.environ, "YOUYI_BUILD_OUT": str(out)},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        assert "self-test: 4 checks, all passed" in result.stdout
        for check in ("database", "broker", "video", "window"):
            assert f"\nok    {check} " in result.stdout
        assert f"built: {out}/dist/youyi-console/youyi-console" in result.stdout
    finally:
        shutil.rmtree(out, ignore_errors=True)  # some 600 MB
