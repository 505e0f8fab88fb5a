"""Evidence (取证): what an item is, the officer's verdict on it, the steps of
its custody, and the records the evidence browser shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class EvidenceKind(StrEnum):
    IMAGE = "image"  # 照片
    VIDEO = "video"  # 视频
    AUDIO = "audio"  # 录音
    DOCUMENT = "document"  # 文书 (PDF)
    OTHER = "other"  # 其他: taken in as it is


class Verdict(StrEnum):
    USABLE = "usable"  # 可采用
    NOT_USABLE = "not_usable"  # 不可采用
    NEEDS_MORE = "needs_more"  # 需补充


class CustodyAction(StrEnum):
    """A step in an item's chain of custody."""

    INTAKE = "intake"  # taken in (again: the same file from another dump)
    VIEW = "view"  # opened by a person
    EXPORT = "export"  # handed on in a signed export
    VERDICT = "verdict"  # reviewed
    ATTACH = "attach"  # linked to a work order
    DETACH = "detach"  # unlinked
    TAMPERED = "tampered"  # its stored bytes no longer match its hash


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One item as the browser lists it."""

    id: int
    sha256: str
    size: int
    kind: EvidenceKind
    media_type: str
    name: str
    captured_at: datetime | None
    lon: float | None
    lat: float | None
    grid: str | None
    officer: str | None
    device: str | None
    decodes: bool  # False: taken in as it is, flagged
    flag: str | None
    verdict: Verdict | None
    verdict_note: str | None
    verdict_by: str | None
    added_at: datetime
    orders: tuple[int, ...] = ()  # the work orders it is attached to

    @property
    def reviewed(self) -> bool:
        return self.verdict is not None


@dataclass(frozen=True, slots=True)
class EvidenceFilter:
    """What the evidence browser asks for; empty fields do not filter."""

    officer: str | None = None
    since: datetime | None = None  # captured at or after
    until: datetime | None = None  # captured before
    grids: frozenset[str] = frozenset()
    order_id: int | None = None
    kinds: frozenset[EvidenceKind] = frozenset()
    reviewed: bool | None = None


@dataclass(frozen=True, slots=True)
class CustodyStep:
    """One entry of an item's custody log."""

    seq: int
    at: datetime
    actor: str
    console: str
    action: CustodyAction
    detail: dict[str, object] = field(default_factory=dict)
