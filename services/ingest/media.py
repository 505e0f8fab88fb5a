"""The files ``mobile`` events name, fetched into the evidence store.

The writer records each reference of an event's ``media`` with its alert
(``evidence_fetches``, state ``pending``).  ``MediaFetcher.run_once`` claims the
ones due, resolves each and hands the file to the evidence intake:

- a store path: relative to the media folder the handsets' uploads land in
  (``MediaPolicy.root``); a path that leaves it, a symlink or anything but a
  regular file is refused;
- a URL: ``https`` (or ``http``) on a host of the allow-list, downloaded
  streamed with a size limit and a time-out, into a temporary file.

A failure is kept on the fetch with its reason and tried again with back-off
(1 min, 5 min, 30 min, 2 h ...); after ``max_attempts`` the fetch is ``failed``
(``youyi-console evidence fetches`` lists them).  Nothing is dropped silently."""

from __future__ import annotations

import logging
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from sqlalchemy import select, update

from services.db.evidence_models import EvidenceFetch
from services.db.models import table_of
from services.db.store import Store

log = logging.getLogger(__name__)
_fetches = table_of(EvidenceFetch)

BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
CHUNK = 1 << 20
_DUE_COLUMNS = (
    _fetches.c.id,
    _fetches.c.ref,
    _fetches.c.officer,
    _fetches.c.alert_id,
    _fetches.c.attempts,
)

#: Take a fetched file into the evidence store: (file, source, officer, alert id)
#: -> the item's id.  Raises to refuse it (the reason is kept on the fetch).
TakeIn = Callable[[Path, str, str | None, int], int]


class FetchRefusedError(Exception):
    """This reference will never be fetched (outside the media folder, a host not
    allowed, too big): failed at once, with the reason."""


@dataclass(frozen=True)
class MediaPolicy:
    root: Path | None = None  # where store paths are resolved; None: store paths refused
    hosts: frozenset[str] = frozenset()  # hosts URLs may name; empty: URLs refused
    max_bytes: int = 4 << 30
    timeout_s: float = 30.0
    max_attempts: int = 6

    @classmethod
    def from_environment(cls) -> MediaPolicy:
        """``YOUYI_MEDIA_ROOT`` and ``YOUYI_MEDIA_HOSTS`` (comma-separated)."""
        root = os.environ.get("YOUYI_MEDIA_ROOT")
        hosts = os.environ.get("YOUYI_MEDIA_HOSTS", "")
        return cls(
            root=Path(root) if root else None,
            hosts=frozenset(h.strip().lower() for h in hosts.split(",") if h.strip()),
        )


@dataclass
class FetchRound:
    done: int = 0
    retried: int = 0
    failed: int = 0
    reasons: list[str] = field(default_factory=list)


class MediaFetcher:
    def __init__(
        self,
        store: Store,
        take_in: TakeIn,
        policy: MediaPolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self.store, self.take_in, self.policy, self.clock = store, take_in, policy, clock

    def run_once(self, limit: int = 20) -> FetchRound:
        """Fetch the references due now (one at a time; each its own outcome)."""
        now = self.clock()
        with self.store.reading() as conn:
            due = conn.execute(
                select(*_DUE_COLUMNS)
                .where(_fetches.c.state == "pending", _fetches.c.next_try_at <= now)
                .order_by(_fetches.c.next_try_at, _fetches.c.id)
                .limit(limit)
            ).all()
        result = FetchRound()
        for row in due:
            self._fetch_one(row.id, row.ref, row.officer, row.alert_id, row.attempts, result)
        return result

    def _fetch_one(
        self, fetch_id: int, ref: str, officer: str | None, alert_id: int, attempts: int,
        result: FetchRound,
    ) -> None:  # fmt: skip
        try:
            with self.resolve(ref) as path:
                item_id = self.take_in(path, ref, officer, alert_id)
        except FetchRefusedError as refused:
            self._failed(fetch_id, attempts + 1, str(refused), result, final=True)
        except Exception as exc:
            reason = f"{type(exc).__name__}: {exc}"
            final = attempts + 1 >= self.policy.max_attempts
            self._failed(fetch_id, attempts + 1, reason, result, final=final)
        else:
            self._mark(fetch_id, state="done", attempts=attempts + 1, item_id=item_id)
            result.done += 1

    def _failed(
        self, fetch_id: int, attempts: int, reason: str, result: FetchRound, *, final: bool
    ) -> None:
        result.reasons.append(reason)
        if final:
            result.failed += 1
            log.warning("evidence fetch %d failed for good: %s", fetch_id, reason)
            self._mark(fetch_id, state="failed", attempts=attempts, last_error=reason)
            return
        result.retried += 1
        wait = BACKOFF[min(attempts - 1, len(BACKOFF) - 1)]
        self._mark(fetch_id, attempts=attempts, last_error=reason, next_try_at=self.clock() + wait)

    def _mark(self, fetch_id: int, **values: object) -> None:
        with self.store.transaction() as tx:
            tx.conn.execute(update(_fetches).where(_fetches.c.id == fetch_id).values(**values))

    # --- where a reference points ------------------------------------------------------

    @contextmanager
    def resolve(self, ref: str) -> Iterator[Path]:
        """The file ``ref`` names (a temporary download for a URL, removed after)."""
        scheme = urlsplit(ref).scheme.lower()
        if scheme in ("http", "https"):
            with self._download(ref) as path:
                yield path
        elif scheme in ("", "file"):
            yield self._store_path(ref)
        else:
            raise FetchRefusedError(f"{ref!r}: neither a store path nor an http(s) URL")

    def _store_path(self, ref: str) -> Path:
        root = self.policy.root
        if root is None:
            raise FetchRefusedError(f"{ref!r}: no media folder is set for store paths")
        relative = PurePosixPath(urlsplit(ref).path if ref.startswith("file:") else ref)
        if relative.is_absolute() or ".." in relative.parts:
            raise FetchRefusedError(f"{ref!r}: a store path must stay inside the media folder")
        base = root.resolve()
        path = base
        for part in relative.parts:  # no link on the way, the file itself included
            path = path / part
            if path.is_symlink():
                raise FetchRefusedError(f"{ref!r}: a symbolic link is not taken")
        if not path.exists():
            raise FileNotFoundError(f"{ref!r} is not in the media folder (yet)")
        mode = path.lstat().st_mode
        if not stat.S_ISREG(mode):
            raise FetchRefusedError(f"{ref!r}: not a regular file")
        if path.stat().st_size > self.policy.max_bytes:
            raise FetchRefusedError(f"{ref!r}: larger than {self.policy.max_bytes} bytes")
        if base not in path.resolve().parents:
            raise FetchRefusedError(f"{ref!r}: a store path must stay inside the media folder")
        return path

    @contextmanager
    def _download(self, url: str) -> Iterator[Path]:
        host = (urlsplit(url).hostname or "").lower()
        if host not in self.policy.hosts:
            raise FetchRefusedError(f"{url!r}: host {host!r} is not on the allow-list")
        name = PurePosixPath(urlsplit(url).path).name or "download"
        folder = Path(tempfile.mkdtemp(prefix="youyi-fetch-"))
        target = folder / name
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "youyi-console"})
            opener = urllib.request.build_opener(_NoRedirect())
            with opener.open(request, timeout=self.policy.timeout_s) as answer:
                declared = int(answer.headers.get("Content-Length") or 0)
                if declared > self.policy.max_bytes:
                    raise FetchRefusedError(f"{url!r}: {declared} bytes, over the limit")
                with target.open("wb") as out:
                    copied = 0
                    while chunk := answer.read(CHUNK):
                        copied += len(chunk)
                        if copied > self.policy.max_bytes:
                            raise FetchRefusedError(f"{url!r}: over {self.policy.max_bytes} bytes")
                        out.write(chunk)
            yield target
        finally:
            shutil.rmtree(folder, ignore_errors=True)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect could lead off the allow-list: refused, not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        raise FetchRefusedError(f"{req.full_url!r}: redirected to {newurl!r} (not followed)")
