"""Suite-wide settings: Qt offscreen, and no test may leave threads behind."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

# Fixtures every folder may use: stores on SQLite and PostgreSQL, a clock moved by
# hand, the command line signed in, the demo district; a district file of grid cells.
pytest_plugins = ["tests.support.store_fixtures", "tests.support.geo"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The workstation's own settings (a saved database or broker, a layout) never reach
# a test, nor do the tests' reach the workstation: QSettings under a fresh folder.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="youyi-test-config-")
# Likewise the data folder: spools, the audit signing key and its checkpoints.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="youyi-test-data-")
# And the log folder (console/logs.py: the user's state folder).
os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="youyi-test-state-")
# And the pictures folder, where the wall saves snapshots (platformdirs reads it
# from user-dirs.dirs, else takes ~/Pictures).
Path(os.environ["XDG_CONFIG_HOME"], "user-dirs.dirs").write_text(
    f'XDG_PICTURES_DIR="{os.environ["XDG_DATA_HOME"]}/Pictures"\n', encoding="utf-8"
)
# The command line's sign-ins never reach the workstation's keyring: they go to the
# file beside the rest (tests/console/cli/test_sign_in.py tries a keyring of its own).
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"


@pytest.fixture(autouse=True)
def _no_leaked_threads() -> Iterator[None]:
    before = set(threading.enumerate())
    yield
    deadline = time.monotonic() + 5
    while True:
        leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
        if not leaked or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert not leaked, f"test left threads running: {[t.name for t in leaked]}"
