"""Evidence items made the short way for the export, verify and audit tests:
the file put in an evidence store, its row, its intake and attach custody
entries and its link to a work order written directly (intake has its own
tests), and an order with three items."""

from __future__ import annotations

import io
import os
import stat
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from services.audit import GENESIS
from services.db.evidence_models import EvidenceItem, EvidenceLink
from services.db.models import table_of
from services.db.store import Store
from services.domain import Actor, CustodyAction, Principal, Role
from services.domain import WorkOrder as OrderView
from services.evidence import custody
from services.evidence.vault import Vault
from services.workflow.orders import WorkOrderService
from tests.support.store import png_bytes, raise_order

TAKEN = datetime(2026, 11, 23, 1, 30, tzinfo=UTC)  # 09:30 in Shanghai
INTAKE = Actor("ma.zf", "cli:ma@pc-07")
OFFICER = Principal(user_id=1, login="ma.zf", name="马执法", role=Role.OFFICER, unit="law-youyi")
OPERATOR = Principal(user_id=2, login="wang.op", name="王值班", role=Role.OPERATOR)
SUPERVISOR = Principal(
    user_id=3, login="zhao.gz", name="赵网格", role=Role.SUPERVISOR, grids=frozenset({"G11"})
)


@dataclass(frozen=True)
class Made:
    id: int
    sha256: str
    name: str
    data: bytes


def add_item(
    store: Store,
    vault: Vault,
    data: bytes,
    name: str,
    order_id: int | None = None,
    **fields: object,
) -> Made:
    """Store ``data`` as an item taken in by INTAKE (attached to ``order_id``)."""
    sha, size = vault.put_stream(io.BytesIO(data))
    row = {
        "sha256": sha,
        "size": size,
        "kind": "image",
        "media_type": "image/png",
        "name": name,
        "decodes": True,
        "added_at": TAKEN,
        "custody_seq": 0,
        "custody_hash": GENESIS,
        **fields,
    }
    with store.transaction() as tx:
        item_id = int(
            tx.conn.execute(
                insert(table_of(EvidenceItem)).values(row).returning(table_of(EvidenceItem).c.id)
            ).scalar_one()
        )
        custody.append(tx.conn, item_id, TAKEN, INTAKE, CustodyAction.INTAKE, {"source": name})
        if order_id is not None:
            tx.conn.execute(
                insert(table_of(EvidenceLink)).values(
                    item_id=item_id, order_id=order_id, linked_at=TAKEN, linked_by=INTAKE.user
                )
            )
            custody.append(
                tx.conn, item_id, TAKEN, INTAKE, CustodyAction.ATTACH, {"order": order_id}
            )
    return Made(item_id, sha, name, data)


def order_with_evidence(
    store: Store, vault: Vault, service: WorkOrderService
) -> tuple[OrderView, list[Made]]:
    """A work order in G11 with a photo, a video and a recording attached (the
    video bigger than the export's read size, the recording's name hostile)."""
    order = raise_order(service, grid="G11", title="占道经营")
    photo = add_item(
        store, vault, png_bytes((200, 30, 30)), "IMG_0001.PNG", order.id,
        captured_at=TAKEN, lon=121.4862, lat=31.4041, grid_code="G11",
        officer="ma.zf", device="phone-07", verdict="usable", verdict_note="清晰",
    )  # fmt: skip
    video = add_item(
        store, vault, os.urandom(3 * (1 << 20) + 17), "VID_0002.MP4", order.id,
        kind="video", media_type="video/mp4", captured_at=TAKEN + timedelta(minutes=2),
        officer="ma.zf", device="bodycam-3",
    )  # fmt: skip
    audio = add_item(
        store, vault, b"RIFF" + os.urandom(2000), "../录音 现场:1.wav", order.id,
        kind="audio", media_type="audio/wav", captured_at=TAKEN + timedelta(minutes=5),
    )  # fmt: skip
    return order, [photo, video, audio]


def overwrite(path: Path, data: bytes) -> None:
    """Change a file the evidence store keeps read-only, as someone with the
    share's rights could."""
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    path.write_bytes(data)
