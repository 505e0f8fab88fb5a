"""The console's logging, set up in one place: stderr (warnings, or everything from
INFO with ``-v``) and a rotating file in the user's log folder (INFO and above,
5 files of 5 MB), read back by Help › Copy diagnostics.

Secrets never reach either: a password inside a URL in a message (a database's or a
broker's) is shown as ``***`` by the same helper the settings dialog uses."""

from __future__ import annotations

import logging
import re
import sys
from collections import deque
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

import platformdirs

from console import settings as keys
from services.text_rules import masked_url

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
MAX_BYTES = 5 * 1024 * 1024
BACKUPS = 5
FILE_NAME = "youyi-console.log"
# scheme://anything-up-to-a-space-or-quote: each is masked by services.text_rules.masked_url.
_URL = re.compile(r"""[A-Za-z][\w+.-]*://[^\s'"<>]+""")

_installed: list[logging.Handler] = []


def log_folder() -> Path:
    """The user's log folder (Linux: ``$XDG_STATE_HOME/youyi-console/log``)."""
    return Path(platformdirs.user_log_dir(keys.APPLICATION, appauthor=False))


def log_file() -> Path:
    return log_folder() / FILE_NAME


def mask_secrets(text: str) -> str:
    """``text`` with the password of every URL in it shown as ``***``."""
    if "://" not in text:
        return text
    return _URL.sub(lambda m: masked_url(m.group(0)), text)


class SecretFilter(logging.Filter):
    """Masks URLs' passwords in the formatted message (and drops its arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_secrets(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class _Stderr(logging.StreamHandler[TextIO]):
    """Writes to whatever ``sys.stderr`` is when a record comes (as logging's last
    resort does), not the stream of the moment it was made."""

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, _value: TextIO) -> None:
        pass


def setup_logging(verbose: bool = False, folder: Path | None = None) -> Path | None:
    """Log to stderr and to the rotating file in ``folder`` (the user's log folder);
    the file, or None when it cannot be written (said on stderr, never fatal).
    Called again, it replaces what it set up before."""
    reset_logging()
    root = logging.getLogger()
    formatter, secrets = logging.Formatter(FORMAT), SecretFilter()
    stderr = _Stderr()
    stderr.setLevel(logging.INFO if verbose else logging.WARNING)
    _installed.append(stderr)
    target = (folder or log_folder()) / FILE_NAME
    path: Path | None = target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        rotating = RotatingFileHandler(
            target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        rotating.setLevel(logging.INFO)
        _installed.append(rotating)
    except OSError as error:
        print(f"{keys.APPLICATION}: warning: no log file: {error}", file=sys.stderr)
        path = None
    for handler in _installed:
        handler.setFormatter(formatter)
        handler.addFilter(secrets)
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def reset_logging() -> None:
    """Remove (and close) what ``setup_logging`` set up."""
    root = logging.getLogger()
    for handler in _installed:
        root.removeHandler(handler)
        handler.close()
    _installed.clear()


def current_log_file() -> Path | None:
    """The file the console logs to now, if it set one up."""
    for handler in _installed:
        if isinstance(handler, RotatingFileHandler):
            return Path(handler.baseFilename)
    return None


def tail(path: Path | None, lines: int = 200) -> list[str]:
    """The last ``lines`` lines of the log file (none if there is none)."""
    if path is None or not path.is_file():
        return []
    with path.open(encoding="utf-8", errors="replace") as f:
        return [line.rstrip("\n") for line in deque(f, maxlen=lines)]
