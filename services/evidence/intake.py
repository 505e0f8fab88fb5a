"""Taking officers' files in: a phone's or a body camera's dump, file by file.

``take_in`` walks the paths it is given (files, and folders without following
a symbolic link), and for each file: refuses it with its reason, or stores it in
the evidence store (hashed while copied) and records it in the database.  It
never stops at a bad file: the report says what became of every one.

Refused, with the reason: a symbolic link (file or folder: never followed), a
device file, a FIFO or a socket, a path with ``..`` in it or a folder that
leads out of the dump, a file over the size limit (``DEFAULT_MAX_BYTES``), one
that cannot be read, one whose sidecar is malformed (``services.evidence.sidecar``)
or names a work order that does not exist.  A file that does not decode is
taken in as it is, flagged (``services.evidence.metadata``).

The same content twice is one item with two intake records and a second INTAKE
step in its custody log.  Every file's database writes are one transaction:
the item (when new), the intake record, the custody steps (INTAKE, and ATTACH
for each work order it is linked to: ``--order``, and its sidecar's order), the
audit entry.  The file goes into the evidence store before that transaction:
should it fail, the stored file is an orphan, harmless, and used again by the
next intake of the same content.
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Connection, insert, select
from sqlalchemy.exc import IntegrityError

from services import audit
from services.db.evidence_models import EvidenceIntake, EvidenceItem, EvidenceLink
from services.db.models import WorkOrder, table_of
from services.db.store import Store, Tx
from services.district.geo import GridIndex
from services.district.grids import load_grid_index
from services.domain import Actor, Change, CustodyAction
from services.errors import ConfigError, NotFoundError, ValidationError
from services.evidence import custody
from services.evidence.metadata import HEAD_BYTES, Facts, Stated, read_facts
from services.evidence.sidecar import (
    FolderSidecar,
    SidecarError,
    file_sidecar,
    folder_sidecar,
    is_sidecar_name,
)
from services.evidence.vault import SAFE_OPEN, Vault, size_text
from services.text_rules import check_line, shown

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 4 << 30  # 4 GiB: a long body-camera video
_items, _intakes, _links = table_of(EvidenceItem), table_of(EvidenceIntake), table_of(EvidenceLink)
_orders = table_of(WorkOrder)
_KINDS = {
    stat.S_IFCHR: "a device file",
    stat.S_IFBLK: "a device file",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFSOCK: "a socket",
    stat.S_IFLNK: "a symbolic link (not followed)",
}


class Outcome(StrEnum):
    TAKEN = "taken"  # a new item
    DUPLICATE = "duplicate"  # content already kept: one more intake of it
    REFUSED = "refused"


@dataclass(frozen=True, slots=True)
class FileResult:
    source: str  # the path as walked, safe to print
    outcome: Outcome
    reason: str = ""  # why it was refused
    item_id: int | None = None
    sha256: str | None = None
    size: int = 0


@dataclass
class IntakeReport:
    files: list[FileResult] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for f in self.files if f.outcome is outcome)

    @property
    def refused(self) -> list[FileResult]:
        return [f for f in self.files if f.outcome is Outcome.REFUSED]


class Progress(NamedTuple):
    files_done: int
    bytes_done: int
    bytes_total: int
    files_total: int


OnProgress = Callable[[Progress], None]


@dataclass(frozen=True, slots=True)
class IntakeRequest:
    """What to take in and how: ``officer`` for files whose sidecar names none,
    ``order`` (a work-order number) linked to every item."""

    paths: Sequence[Path]
    officer: str | None = None
    order: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class _Found:
    path: Path
    size: int
    folder: FolderSidecar | str  # its folder's evidence.json, or why that is refused


def take_in(
    store: Store,
    vault: Vault,
    request: IntakeRequest,
    actor: Actor,
    clock: Callable[[], datetime],
    progress: OnProgress | None = None,
) -> IntakeReport:
    """Take the files of ``request`` in, each on its own (see the module)."""
    officer = check_line("the officer", request.officer, 64) if request.officer else None
    if request.max_bytes < 1:
        raise ValidationError("the size limit must be at least one byte")
    intake = _Intake(store, vault, actor, clock, request.max_bytes)
    default_order = intake.order_id(request.order) if request.order else None
    report = IntakeReport()
    found: list[_Found] = []
    for item in _walk(request.paths):
        if isinstance(item, FileResult):
            report.files.append(item)
        else:
            found.append(item)
    total = sum(f.size for f in found)
    done_files, done_bytes = 0, 0

    def tell(extra: int = 0) -> None:
        if progress is not None:
            progress(Progress(done_files, done_bytes + extra, total, len(found)))

    tell()
    for f in found:
        result = intake.one(f, officer, default_order, tell)
        report.files.append(result)
        done_files, done_bytes = done_files + 1, done_bytes + f.size
        tell()
    return report


class _Intake:
    def __init__(
        self, store: Store, vault: Vault, actor: Actor, clock: Callable[[], datetime], limit: int
    ) -> None:
        self.store, self.vault, self.actor, self.clock, self.limit = (
            store,
            vault,
            actor,
            clock,
            limit,
        )
        self._orders: dict[str, int] = {}
        self._index: GridIndex | bool | None = False  # False: not loaded yet

    def order_id(self, number: str) -> int:
        if number not in self._orders:
            with self.store.reading() as conn:
                found = conn.execute(select(_orders.c.id).where(_orders.c.number == number))
                order = found.scalar()
            if order is None:
                raise NotFoundError(f"no work order {shown(number)}")
            self._orders[number] = int(order)
        return self._orders[number]

    def grid_of(self, position: tuple[float, float] | None) -> str | None:
        if self._index is False:
            try:
                with self.store.reading() as conn:
                    self._index = load_grid_index(conn)
            except ConfigError as exc:
                log.warning("evidence is not placed in grid cells: %s", exc)
                self._index = None
        if position is None or not isinstance(self._index, GridIndex):
            return None
        found = self._index.find(*position)
        return found.grid_code if found else None

    def one(
        self, f: _Found, officer: str | None, default_order: int | None, tell: Callable[[int], None]
    ) -> FileResult:
        source = shown(str(f.path))
        try:
            if f.size > self.limit:
                limit = size_text(self.limit)
                raise ValidationError(f"{size_text(f.size)} is over the limit of {limit}")
            if isinstance(f.folder, str):
                raise SidecarError(f.folder)
            stated = (file_sidecar(f.path) or Stated()).over(f.folder.for_file(f.path.name))
            orders = [o for o in (default_order,) if o is not None]
            if stated.order is not None:
                try:
                    own = self.order_id(stated.order)
                except NotFoundError as exc:
                    raise SidecarError(f"its sidecar names {exc}") from None
                orders += [own] if own not in orders else []
            sha, size, facts = self._store_file(f.path, tell)
        except ValidationError as exc:
            return FileResult(source, Outcome.REFUSED, str(exc))
        stated = stated.over(Stated(officer=officer)).over(facts.embedded)
        item_id, new = self._record(source, f.path.name, sha, size, facts, stated, orders)
        outcome = Outcome.TAKEN if new else Outcome.DUPLICATE
        return FileResult(source, outcome, item_id=item_id, sha256=sha, size=size)

    def _store_file(self, path: Path, tell: Callable[[int], None]) -> tuple[str, int, Facts]:
        """Copy the file into the evidence store (refusing what is no file)."""
        try:
            fd = os.open(path, SAFE_OPEN)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise ValidationError(_KINDS[stat.S_IFLNK]) from None
            raise ValidationError(f"cannot be read ({exc.strerror})") from None
        with os.fdopen(fd, "rb") as stream:
            mode = os.fstat(stream.fileno()).st_mode
            if not stat.S_ISREG(mode):
                raise ValidationError(_kind_of(mode))
            os.set_blocking(stream.fileno(), True)
            try:
                head = stream.read(HEAD_BYTES)
                stream.seek(0)
                sha, size = self.vault.put_stream(stream, max_bytes=self.limit, on_bytes=tell)
            except OSError as exc:
                raise ValidationError(f"cannot be read ({exc.strerror or exc})") from None
        return sha, size, read_facts(self.vault.path_of(sha), head)

    def _record(
        self,
        source: str,
        name: str,
        sha: str,
        size: int,
        facts: Facts,
        stated: Stated,
        orders: list[int],
    ) -> tuple[int, bool]:
        """The file's rows, in one transaction (tried again once should another
        console take the same content in at the same moment)."""
        for attempt in (1, 2):
            try:
                with self.store.transaction() as tx:
                    return self._write(tx, source, name, sha, size, facts, stated, orders)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _write(
        self,
        tx: Tx,
        source: str,
        name: str,
        sha: str,
        size: int,
        facts: Facts,
        stated: Stated,
        orders: list[int],
    ) -> tuple[int, bool]:
        conn, now = tx.conn, self.clock()
        found = conn.execute(select(_items.c.id).where(_items.c.sha256 == sha)).scalar()
        new = found is None
        if found is None:
            item_id = self._insert_item(conn, name, sha, size, facts, stated)
        else:
            item_id = int(found)
        conn.execute(
            insert(_intakes).values(
                item_id=item_id,
                at=now,
                source=source,
                officer=stated.officer,
                order_id=orders[0] if orders else None,
                actor=self.actor.user,
                console=self.actor.console,
            )
        )
        detail = {"source": source, "size": size, "new": new, "officer": stated.officer}
        seq = custody.append(conn, item_id, now, self.actor, CustodyAction.INTAKE, detail)
        for order_id in orders:
            seq = link(conn, item_id, order_id, now, self.actor) or seq
        action = "evidence.intake" if new else "evidence.intake_again"
        said = {"item": item_id, "source": source}
        audit.append(conn, now, self.actor, action, sha, said)
        tx.notify(Change("evidence_items", item_id, seq, "intake", self.actor.console))
        return item_id, new

    def _insert_item(
        self, conn: Connection, name: str, sha: str, size: int, facts: Facts, stated: Stated
    ) -> int:
        lon, lat = stated.position or (None, None)
        first, genesis = custody.first_link()
        row = conn.execute(
            insert(_items)
            .values(
                sha256=sha,
                size=size,
                kind=facts.kind.value,
                media_type=facts.media_type,
                name=shown(name)[:255],
                captured_at=stated.captured_at,
                lon=lon,
                lat=lat,
                grid_code=self.grid_of(stated.position),
                officer=stated.officer,
                device=stated.device,
                decodes=facts.decodes,
                flag=facts.flag,
                added_at=self.clock(),
                custody_seq=first,
                custody_hash=genesis,
            )
            .returning(_items.c.id)
        )
        return int(row.scalar_one())


def link(conn: Connection, item_id: int, order_id: int, at: datetime, actor: Actor) -> int | None:
    """Attach the item to the order (custody ATTACH) unless it is already;
    returns the custody step's number, None when it was attached before."""
    linked = conn.execute(
        select(_links.c.item_id).where(_links.c.item_id == item_id, _links.c.order_id == order_id)
    ).first()
    if linked is not None:
        return None
    number = conn.execute(select(_orders.c.number).where(_orders.c.id == order_id)).scalar_one()
    conn.execute(
        insert(_links).values(
            item_id=item_id, order_id=order_id, linked_at=at, linked_by=actor.user
        )
    )
    return custody.append(conn, item_id, at, actor, CustodyAction.ATTACH, {"order": number})


# --- walking a dump -----------------------------------------------------------


def _walk(paths: Sequence[Path]) -> Iterator[_Found | FileResult]:
    """Every file under ``paths`` (sidecars aside), or the reason it is refused."""
    for given in paths:
        source = shown(str(given))
        if ".." in given.parts:
            yield _refused(source, "the path has '..' in it: it may lead out of the dump")
            continue
        try:
            mode = given.lstat().st_mode
        except OSError as exc:
            yield _refused(source, f"cannot be read ({exc.strerror})")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk_folder(given)
        elif stat.S_ISREG(mode):
            yield _Found(given, given.lstat().st_size, _folder_sidecar(given.parent, {}))
        else:
            yield _refused(source, _kind_of(mode))


def _walk_folder(root: Path) -> Iterator[_Found | FileResult]:
    top = os.path.realpath(root)
    folders = [root]
    sidecars: dict[Path, FolderSidecar | str] = {}
    while folders:
        folder = folders.pop()
        if not _inside(os.path.realpath(folder), top):
            yield _refused(shown(str(folder)), "leads out of the dump folder")
            continue
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield _refused(shown(str(folder)), f"cannot be read ({exc.strerror})")
            continue
        names = {e.name for e in entries}
        subfolders = []
        for entry in entries:
            path = Path(entry.path)
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError as exc:
                yield _refused(shown(entry.path), f"cannot be read ({exc.strerror})")
                continue
            if stat.S_ISDIR(st.st_mode):
                subfolders.append(path)
            elif not stat.S_ISREG(st.st_mode):
                yield _refused(shown(entry.path), _kind_of(st.st_mode))
            elif not is_sidecar_name(entry.name, names):
                yield _Found(path, st.st_size, _folder_sidecar(folder, sidecars))
        folders.extend(reversed(subfolders))


def _folder_sidecar(folder: Path, cache: dict[Path, FolderSidecar | str]) -> FolderSidecar | str:
    """The folder's ``evidence.json`` (read once a walk), or why it is refused."""
    if folder not in cache:
        try:
            cache[folder] = folder_sidecar(folder)
        except SidecarError as exc:
            cache[folder] = str(exc)
    return cache[folder]


def _refused(source: str, reason: str) -> FileResult:
    return FileResult(source, Outcome.REFUSED, reason)


def _kind_of(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def _inside(path: str, top: str) -> bool:
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)
