"""The evidence store: a folder of files named by their SHA-256.

A file is kept at ``<root>/<sha[:2]>/<sha>``, byte for byte, read-only.  The
folder may be shared storage (an NFS or SMB share every console mounts); the
database holds what is known of each file (``services.db.evidence_models``).

Storing streams: the file is hashed while it is copied, in ``CHUNK``-sized
pieces (a 2 GB video is never in memory), into a temporary file in the root
folder (the same file system as its final place), fsync'd, made read-only and
renamed into place, then the folder is fsync'd.  A reader never sees half a
file, a crash leaves at most a ``.part-*`` file behind, and the same content
stored twice is kept once (the first copy stays: a stored file is never
overwritten, so one changed behind the console's back is found by ``check``
rather than quietly repaired).

The root is ``$YOUYI_EVIDENCE_DIR`` when set, else ``evidence/`` in the user's
data folder (``default_root``); the command line's ``--evidence-dir`` names
another.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import re
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import platformdirs

from services.errors import ConfigError, ValidationError

log = logging.getLogger(__name__)

CHUNK = 1 << 20  # 1 MiB: sha256 runs at disk speed, memory stays flat
ENV = "YOUYI_EVIDENCE_DIR"
_SHA = re.compile(r"[0-9a-f]{64}")
_READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH  # 0o444
#: Open a source without following a symbolic link at its last step, and without
#: waiting on a FIFO that nobody writes (it is then refused as not a file).
SAFE_OPEN = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
SAFE_OPEN |= getattr(os, "O_BINARY", 0)

#: Told the bytes copied so far of the file being stored (a progress bar).
OnBytes = Callable[[int], None]


class TooLargeError(ValidationError):
    """The file grew past the size limit while it was being stored."""


def default_root() -> Path:
    """``$YOUYI_EVIDENCE_DIR``, else ``evidence/`` in the user's data folder."""
    named = os.environ.get(ENV, "").strip()
    if named:
        return Path(named).expanduser()
    return Path(platformdirs.user_data_dir("youyi-console", appauthor=False)) / "evidence"


class Vault:
    """Content-addressed files under ``root`` (made when first written)."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or default_root()).expanduser()

    def path_of(self, sha: str) -> Path:
        """Where the file of this SHA-256 is (or would be) kept."""
        if not _SHA.fullmatch(sha):
            raise ValidationError(f"{sha!r} is not a SHA-256 in hex")
        return self.root / sha[:2] / sha

    def has(self, sha: str) -> bool:
        return self.path_of(sha).is_file()

    def put(
        self, source: Path, *, max_bytes: int | None = None, on_bytes: OnBytes | None = None
    ) -> tuple[str, int]:
        """Store the file at ``source`` (a regular file; a symbolic link is not
        followed); returns its SHA-256 and size."""
        try:
            fd = os.open(source, SAFE_OPEN)
        except OSError as exc:
            raise ValidationError(f"{source.name}: cannot be read ({exc.strerror})") from exc
        with os.fdopen(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
                raise ValidationError(f"{source.name}: not a regular file")
            return self.put_stream(stream, max_bytes=max_bytes, on_bytes=on_bytes)

    def put_stream(
        self, stream: BinaryIO, *, max_bytes: int | None = None, on_bytes: OnBytes | None = None
    ) -> tuple[str, int]:
        """Store what ``stream`` holds from where it is to its end, hashing it
        while it is copied; returns its SHA-256 and size.  ``max_bytes``: more
        than that is a TooLargeError and nothing is stored."""
        self._make_root()
        digest, size = hashlib.sha256(), 0
        fd, part = tempfile.mkstemp(prefix=".part-", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise TooLargeError(f"it holds more than {size_text(max_bytes)}")
                    digest.update(chunk)
                    out.write(chunk)
                    if on_bytes is not None:
                        on_bytes(size)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            self._settle(Path(part), sha)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(part)
            raise
        return sha, size

    def check(self, sha: str) -> bool:
        """Does the stored file still hash to ``sha``?  False when it is
        missing or unreadable too.  Streamed, like ``put``."""
        digest = hashlib.sha256()
        try:
            with open(self.path_of(sha), "rb") as f:
                while chunk := f.read(CHUNK):
                    digest.update(chunk)
        except OSError as exc:
            log.warning("evidence %s cannot be read: %s", sha[:12], exc)
            return False
        return digest.hexdigest() == sha

    def _make_root(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"the evidence store {self.root} cannot be made ({exc.strerror})"
            ) from exc

    def _settle(self, part: Path, sha: str) -> None:
        """Move the finished temporary file to its place, read-only, unless the
        same content is kept already."""
        target = self.path_of(sha)
        if target.exists():
            part.unlink()
            return
        target.parent.mkdir(exist_ok=True)
        os.chmod(part, _READ_ONLY)
        os.replace(part, target)  # atomic on one file system
        _sync_folder(target.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename durable (POSIX); Windows has no folder handles to sync."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # some network file systems refuse it
        pass
    finally:
        os.close(fd)


def size_text(n: int) -> str:
    """A size as people read it (``4 GiB``, ``1.5 MiB``, ``12 bytes``)."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.3g} {unit}"
    return f"{n} bytes"
