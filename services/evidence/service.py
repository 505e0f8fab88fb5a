"""Evidence for a signed-in user: take it in, browse it, open it, review it,
attach it to work orders, read its custody log.

Officers and administrators (the ``evidence.open`` right) do all of it; every
role may count an order's evidence (``evidence.count``: an operator sees that an
order has evidence and how many items), a supervisor only for orders of their
own grid cells.  A refusal raises PermissionDeniedError and is written to the
audit trail first (``evidence.refused``: who, what, which item or order).

Every access is appended to the item's custody log and to the audit trail, in
one transaction: VIEW (``open``), VERDICT, ATTACH, DETACH; INTAKE in
``services.evidence.intake``.  ``open`` re-hashes the stored file before it
hands it out: a file changed or gone is a TAMPERED custody step, an
``evidence.tampered`` audit entry and a TamperedEvidenceError.

Pages are newest capture first by keyset (captured_at, id), items without a
capture time after all the others, so a page costs the same deep in the list.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    delete,
    exists,
    func,
    or_,
    select,
    update,
)

from services import audit
from services.access.permissions import EVIDENCE, EVIDENCE_COUNT, require
from services.db.evidence_models import EvidenceFetch, EvidenceLink
from services.db.evidence_models import EvidenceItem as ItemRow
from services.db.models import WorkOrder, table_of
from services.db.store import Store, Tx
from services.domain import (
    Actor,
    Change,
    CustodyAction,
    CustodyStep,
    EvidenceFilter,
    EvidenceItem,
    EvidenceKind,
    Principal,
    Verdict,
)
from services.errors import (
    NotFoundError,
    PermissionDeniedError,
    TamperedEvidenceError,
    ValidationError,
)
from services.evidence import custody
from services.evidence.intake import IntakeReport, IntakeRequest, OnProgress, link, take_in
from services.evidence.vault import Vault
from services.text_rules import check_text

log = logging.getLogger(__name__)

_fetches = table_of(EvidenceFetch)
PAGE = 100
NOTE_MAX = 4000
NOTE_NEEDED = frozenset({Verdict.NOT_USABLE, Verdict.NEEDS_MORE})
_items, _links, _orders = table_of(ItemRow), table_of(EvidenceLink), table_of(WorkOrder)
_c = _items.c
#: After this row of a page: its capture time (None: not known) and id.
After = tuple[datetime | None, int]


class EvidenceService:
    def __init__(
        self,
        store: Store,
        vault: Vault,
        clock: Callable[[], datetime] | None = None,
        *,
        console: str = "console",
    ) -> None:
        self.store, self.vault = store, vault
        self.clock = clock or (lambda: datetime.now(UTC))
        self.console = console

    # --- intake ------------------------------------------------------------------

    def take_in(
        self, principal: Principal, request: IntakeRequest, progress: OnProgress | None = None
    ) -> IntakeReport:
        """Take files in (``services.evidence.intake``) as this user."""
        self._require(principal, EVIDENCE, "take evidence in", "evidence")
        actor = self._actor(principal)
        return take_in(self.store, self.vault, request, actor, self.clock, progress)

    # --- reading -----------------------------------------------------------------

    def items(
        self,
        principal: Principal,
        flt: EvidenceFilter = EvidenceFilter(),  # noqa: B008 (frozen)
        limit: int = PAGE,
        after: After | None = None,
    ) -> list[EvidenceItem]:
        """Up to ``limit`` items, newest capture first, after the row ``after``
        (the previous page's last: its captured_at and id)."""
        self._require(principal, EVIDENCE, "list evidence", "evidence")
        base = select(_items).where(*_conditions(flt))
        found: list[Any] = []
        with self.store.reading() as conn:
            if after is None or after[0] is not None:
                # Two queries rather than one "NULLS LAST": each walks an index
                # (captured_at's backwards, then the key's) on both databases.
                dated = base.where(_c.captured_at.is_not(None))
                if after is not None and after[0] is not None:
                    dated = dated.where(_after(after[0], after[1]))
                ordered = dated.order_by(_c.captured_at.desc(), _c.id.desc()).limit(limit)
                found = list(conn.execute(ordered).all())
            if len(found) < limit:
                undated = base.where(_c.captured_at.is_(None))
                if after is not None and after[0] is None:
                    undated = undated.where(_c.id < after[1])
                ordered = undated.order_by(_c.id.desc()).limit(limit - len(found))
                found += conn.execute(ordered).all()
            return _views(conn, found)

    def item(self, principal: Principal, item_id: int) -> EvidenceItem:
        self._require(principal, EVIDENCE, "see evidence", _subject(item_id))
        with self.store.reading() as conn:
            return _views(conn, [_row(conn, item_id)])[0]

    def custody(self, principal: Principal, item_id: int) -> list[CustodyStep]:
        """The item's custody log, oldest first."""
        self._require(principal, EVIDENCE, "read a custody log", _subject(item_id))
        with self.store.reading() as conn:
            _row(conn, item_id)
            return custody.steps(conn, item_id)

    def items_for_order(self, principal: Principal, order_id: int) -> list[EvidenceItem]:
        """The items attached to an order, newest capture first."""
        return self.items(principal, EvidenceFilter(order_id=order_id), limit=10_000)

    def count_for_order(self, principal: Principal, order_id: int) -> int:
        """How many items are attached to the order (every role, a supervisor
        for orders of their grid cells)."""
        with self.store.reading() as conn:
            grid = conn.execute(select(_orders.c.grid_code).where(_orders.c.id == order_id)).first()
        if grid is None:
            raise NotFoundError(f"no work order with id {order_id}")
        self._require(principal, EVIDENCE_COUNT, "count evidence", f"order:{order_id}", grid[0])
        with self.store.reading() as conn:
            found = conn.execute(
                select(func.count()).select_from(_links).where(_links.c.order_id == order_id)
            )
            return int(found.scalar_one())

    def order_id(self, number: str) -> int:
        """The id of the work order numbered ``number``."""
        with self.store.reading() as conn:
            found = conn.execute(select(_orders.c.id).where(_orders.c.number == number)).scalar()
        if found is None:
            raise NotFoundError(f"no work order {number}")
        return int(found)

    def order_numbers(self, ids: Sequence[int]) -> dict[int, str]:
        """Order id -> number, for showing an item's orders."""
        if not ids:
            return {}
        with self.store.reading() as conn:
            rows = conn.execute(select(_orders.c.id, _orders.c.number).where(_orders.c.id.in_(ids)))
            return {int(i): str(n) for i, n in rows}

    def fetches(
        self, principal: Principal, failed_only: bool = False, limit: int = PAGE
    ) -> list[dict[str, Any]]:
        """The files mobile events named and the ingest service fetches (newest
        first): the failed ones with their reasons (services/ingest/media.py)."""
        self._require(principal, EVIDENCE, "list evidence fetches", "evidence")
        query = select(_fetches).order_by(_fetches.c.id.desc()).limit(limit)
        if failed_only:
            query = query.where(_fetches.c.state == "failed")
        with self.store.reading() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    # --- acting ------------------------------------------------------------------

    def open(self, principal: Principal, item_id: int) -> tuple[EvidenceItem, Path]:
        """The item and its stored file, re-hashed first: TamperedEvidenceError
        when it changed or is gone (recorded), else a VIEW step."""
        self._require(principal, EVIDENCE, "open evidence", _subject(item_id))
        actor = self._actor(principal)
        item = self._get(item_id)
        path = self.vault.path_of(item.sha256)
        if not self.vault.check(item.sha256):
            state = "changed" if path.exists() else "missing"
            self._record_tampered(item, actor, state)
            why = (
                "its stored file no longer matches its SHA-256"
                if state == "changed"
                else "its stored file is missing from the evidence store"
            )
            raise TamperedEvidenceError(
                f"evidence {item.id} ({item.name}) is TAMPERED: {why}", missing=state == "missing"
            )
        self._step(item_id, actor, CustodyAction.VIEW, {}, "evidence.view")
        return item, path

    def set_verdict(
        self, principal: Principal, item_id: int, verdict: Verdict, note: str = ""
    ) -> EvidenceItem:
        """Usable, not usable or needs more (the last two with a note saying why)."""
        self._require(principal, EVIDENCE, "review evidence", _subject(item_id))
        note = check_text("the note", note, NOTE_MAX)
        if verdict in NOTE_NEEDED and not note:
            raise ValidationError(f"a verdict of {verdict.value} needs a note saying why")
        actor = self._actor(principal)
        values = {
            "verdict": verdict.value,
            "verdict_note": note or None,
            "verdict_by": actor.user,
            "verdict_at": self.clock(),
        }
        detail = {"verdict": verdict.value, "note": note}
        self._step(item_id, actor, CustodyAction.VERDICT, detail, "evidence.verdict", values)
        return self._get(item_id)

    def attach(self, principal: Principal, item_id: int, order_number: str) -> EvidenceItem:
        """Link the item to a work order (nothing happens if it is already)."""
        self._require(principal, EVIDENCE, "attach evidence", _subject(item_id))
        order_id, actor = self.order_id(order_number), self._actor(principal)
        with self.store.transaction() as tx:
            sha = _row(tx.conn, item_id).sha256
            now = self.clock()
            seq = link(tx.conn, item_id, order_id, now, actor)
            if seq is not None:
                detail = {"item": item_id, "order": order_number}
                audit.append(tx.conn, now, actor, "evidence.attach", sha, detail)
                _notify(tx, item_id, seq, "attach", actor)
        return self._get(item_id)

    def detach(self, principal: Principal, item_id: int, order_number: str) -> EvidenceItem:
        """Unlink the item from a work order (the custody log keeps both steps)."""
        self._require(principal, EVIDENCE, "detach evidence", _subject(item_id))
        order_id, actor = self.order_id(order_number), self._actor(principal)
        with self.store.transaction() as tx:
            sha = _row(tx.conn, item_id).sha256
            gone = tx.conn.execute(
                delete(_links).where(_links.c.item_id == item_id, _links.c.order_id == order_id)
            ).rowcount
            if not gone:
                raise ValidationError(f"evidence {item_id} is not attached to {order_number}")
            now = self.clock()
            detail = {"order": order_number}
            seq = custody.append(tx.conn, item_id, now, actor, CustodyAction.DETACH, detail)
            audit.append(tx.conn, now, actor, "evidence.detach", sha, {"item": item_id, **detail})
            _notify(tx, item_id, seq, "detach", actor)
        return self._get(item_id)

    # --- inside ------------------------------------------------------------------

    def _actor(self, principal: Principal) -> Actor:
        return principal.actor(self.console)

    def _require(
        self, principal: Principal, right: str, what: str, subject: str, grid: str | None = None
    ) -> None:
        """``permissions.require``, and a refusal written to the audit trail."""
        try:
            require(principal, right, grid)
        except PermissionDeniedError as exc:
            detail = {"wanted": what, "role": principal.role.value, "reason": str(exc)}
            with self.store.transaction() as tx:
                audit.append(
                    tx.conn,
                    self.clock(),
                    self._actor(principal),
                    "evidence.refused",
                    subject[:96],
                    detail,
                )
            log.info("evidence refused to %s (%s): %s", principal.login, principal.role, what)
            if right != EVIDENCE:
                raise
            who = f"{principal.login}, {principal.role.value}"
            raise PermissionDeniedError(
                f"only officers and administrators may {what} (signed in: {who})"
            ) from None

    def _get(self, item_id: int) -> EvidenceItem:
        with self.store.reading() as conn:
            return _views(conn, [_row(conn, item_id)])[0]

    def _step(
        self,
        item_id: int,
        actor: Actor,
        action: CustodyAction,
        detail: dict[str, Any],
        audited: str,
        values: dict[str, Any] | None = None,
    ) -> None:
        """One custody step (and the item's new values), audited, in one transaction."""
        with self.store.transaction() as tx:
            now = self.clock()
            seq = custody.append(tx.conn, item_id, now, actor, action, detail)
            if values:
                tx.conn.execute(update(_items).where(_c.id == item_id).values(**values))
            sha = _row(tx.conn, item_id).sha256
            audit.append(tx.conn, now, actor, audited, sha, {"item": item_id, **detail})
            _notify(tx, item_id, seq, action.value, actor)

    def _record_tampered(self, item: EvidenceItem, actor: Actor, state: str) -> None:
        detail = {"during": "open", "state": state}
        log.error("evidence %s (%s) is tampered: %s", item.id, item.sha256[:12], state)
        self._step(item.id, actor, CustodyAction.TAMPERED, detail, "evidence.tampered")


def _subject(item_id: int) -> str:
    return f"evidence item {item_id}"


def _notify(tx: Tx, item_id: int, seq: int, what: str, actor: Actor) -> None:
    tx.notify(Change("evidence_items", item_id, seq, what, actor.console))


def _row(conn: Connection, item_id: int) -> Any:
    row = conn.execute(select(_items).where(_c.id == item_id)).first()
    if row is None:
        raise NotFoundError(f"no evidence item {item_id}")
    return row


def _conditions(flt: EvidenceFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.officer:
        where.append(_c.officer == flt.officer)
    if flt.since is not None:
        where.append(_c.captured_at >= flt.since)
    if flt.until is not None:
        where.append(_c.captured_at < flt.until)
    if flt.grids:
        where.append(_c.grid_code.in_(sorted(flt.grids)))
    if flt.kinds:
        where.append(_c.kind.in_(sorted(k.value for k in flt.kinds)))
    if flt.reviewed is not None:
        where.append(_c.verdict.is_not(None) if flt.reviewed else _c.verdict.is_(None))
    if flt.order_id is not None:
        linked = and_(_links.c.item_id == _c.id, _links.c.order_id == flt.order_id)
        where.append(exists().where(linked))
    return where


def _after(captured_at: datetime, item_id: int) -> ColumnElement[bool]:
    """Dated rows after (captured_at, id) in the page order (newest first)."""
    return or_(
        _c.captured_at < captured_at,
        and_(_c.captured_at == captured_at, _c.id < item_id),
    )


def _views(conn: Connection, rows: Sequence[Any]) -> list[EvidenceItem]:
    ids = [r.id for r in rows]
    orders: dict[int, list[int]] = {}
    if ids:
        links = conn.execute(
            select(_links.c.item_id, _links.c.order_id)
            .where(_links.c.item_id.in_(ids))
            .order_by(_links.c.linked_at, _links.c.order_id)
        )
        for item_id, order_id in links:
            orders.setdefault(item_id, []).append(order_id)
    return [_view(r, tuple(orders.get(r.id, ()))) for r in rows]


def _view(r: Any, orders: tuple[int, ...]) -> EvidenceItem:
    return EvidenceItem(
        id=r.id,
        sha256=r.sha256,
        size=r.size,
        kind=EvidenceKind(r.kind),
        media_type=r.media_type,
        name=r.name,
        captured_at=r.captured_at,
        lon=r.lon,
        lat=r.lat,
        grid=r.grid_code,
        officer=r.officer,
        device=r.device,
        decodes=bool(r.decodes),
        flag=r.flag,
        verdict=Verdict(r.verdict) if r.verdict else None,
        verdict_note=r.verdict_note,
        verdict_by=r.verdict_by,
        added_at=r.added_at,
        orders=orders,
    )
