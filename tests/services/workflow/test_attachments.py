"""Pictures attached to order steps: kept in the shared database by their hash,
refused plainly when they are not pictures, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from services.db.models import Attachment, table_of
from services.db.store import Store
from services.domain import OrderState
from services.errors import NotFoundError, ValidationError
from services.workflow.attachments import MAX_BYTES, PREFIX, AttachmentStore, picture_type
from services.workflow.orders import Move, NewOrder, WorkOrderService
from tests.support.store import png_bytes


def png(tmp_path: Path, name: str, rgb: tuple[int, int, int]) -> Path:
    path = tmp_path / name
    path.write_bytes(png_bytes(rgb))
    return path


def stored(store: Store) -> int:
    with store.reading() as conn:
        return int(conn.execute(select(func.count()).select_from(table_of(Attachment))).scalar())


def test_pictures_are_stored_once_and_read_back(store: Store, tmp_path: Path) -> None:
    pictures = AttachmentStore(store)
    red, blue = png(tmp_path, "red.png", (255, 0, 0)), png(tmp_path, "blue.jpg", (0, 0, 255))
    refs = pictures.add_files([red, blue, red], "operator")
    assert refs[0] == refs[2] != refs[1] and all(r.startswith(PREFIX) for r in refs)
    again = AttachmentStore(store).add_files([red], "supervisor")  # another console
    assert again == refs[:1]
    got = pictures.get(refs[1])
    assert got.name == "blue.jpg" and got.mime == "image/png"  # by content, not name
    assert got.data == blue.read_bytes()
    assert stored(store) == 2
    with pytest.raises(NotFoundError):
        pictures.get(PREFIX + "0" * 64)


def test_what_is_not_a_picture_is_refused_and_nothing_is_written(
    store: Store, tmp_path: Path
) -> None:
    pictures = AttachmentStore(store)
    good = png(tmp_path, "ok.png", (0, 128, 0))
    fake = tmp_path / "photo.jpg"
    fake.write_text("not a picture")
    with pytest.raises(ValidationError, match=r"photo\.jpg: not a PNG, JPEG or WebP"):
        pictures.add_files([good, fake], "operator")
    with pytest.raises(ValidationError, match="empty"):
        pictures.add([("empty.png", b"")], "operator")
    with pytest.raises(ValidationError, match="more than 20 MB"):
        pictures.add([("huge.png", b"\x89PNG\r\n\x1a\n" + bytes(MAX_BYTES))], "operator")
    with pytest.raises(ValidationError, match="cannot be read"):
        pictures.add_files([tmp_path / "gone.png"], "operator")
    assert stored(store) == 0  # the good one went with its batch
    assert picture_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"


def test_a_reported_result_carries_its_photos(
    store: Store, service: WorkOrderService, tmp_path: Path
) -> None:
    from services.domain import Actor

    actor = Actor("operator", "test")
    order = service.raise_order(NewOrder("楼道堆物", "G11"), actor)
    for target in (OrderState.FILED, OrderState.DISPATCHED, OrderState.ACKNOWLEDGED):
        order = service.move(order.id, Move(target), version=order.version, actor=actor)
    order = service.move(order.id, Move(OrderState.IN_PROGRESS), version=order.version, actor=actor)
    refs = AttachmentStore(store).add_files(
        [png(tmp_path, "after.png", (255, 255, 255))], "operator"
    )
    service.move(
        order.id,
        Move(OrderState.RESOLVED, note="已清理", attachments=refs),
        version=order.version,
        actor=actor,
    )
    last = service.history(order.id)[-1]
    assert last.attachments == tuple(refs)
    assert AttachmentStore(store).get(refs[0]).name == "after.png"


def test_pictures_attached_to_an_open_order_as_a_step_of_its_own(
    store: Store, service: WorkOrderService, tmp_path: Path
) -> None:
    from services.domain import Principal, Role
    from services.errors import PermissionDeniedError, TransitionError
    from services.workflow.desk import OrderDesk

    desk = OrderDesk(service)
    operator = Principal(1, "operator", "值班员", Role.OPERATOR)
    elsewhere = Principal(2, "supervisor", "网格长", Role.SUPERVISOR, frozenset({"G33"}))
    order = desk.raise_order(operator, NewOrder("电动车进电梯", "G11"))
    refs = AttachmentStore(store).add_files([png(tmp_path, "CAM-003.png", (9, 9, 9))], "operator")
    with pytest.raises((NotFoundError, PermissionDeniedError)):
        desk.attach(elsewhere, order.id, refs)  # not one of their grid cells
    after = desk.attach(operator, order.id, refs, "CAM-003 snapshot")
    assert after.version == order.version + 1 and after.state is OrderState.REPORTED
    last = desk.history(operator, order.id)[-1]
    assert (last.action, last.attachments, last.note) == ("attach", tuple(refs), "CAM-003 snapshot")
    with pytest.raises(ValidationError):
        desk.attach(operator, order.id, [])
    closed = desk.move(operator, order.id, Move(OrderState.NOT_FILED, note="重复"), after.version)
    with pytest.raises(TransitionError, match="closed"):
        desk.attach(operator, closed.id, refs)


def test_a_huge_file_is_refused_before_it_is_read(store: Store, tmp_path: Path) -> None:
    import tracemalloc

    huge = tmp_path / "huge.jpg"
    with open(huge, "wb") as f:
        f.truncate(1024**3)  # 1 GB, sparse: no disk used
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match=r"huge.jpg: 1024.0 MB is more than 20 MB"):
            AttachmentStore(store).add_files([huge], "li")
        with pytest.raises(ValidationError, match=r"zero: what it holds is more than 20 MB"):
            AttachmentStore(store).add_files([Path("/dev/zero")], "li")  # no size, never ends
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024**2  # not the gigabyte; at most the limit and a byte


@pytest.mark.parametrize(
    "ref", ["../../etc/passwd", "file:///etc/passwd", "att:" + "0" * 64, "att:../x"]
)
def test_only_pictures_the_store_holds_can_be_attached(
    store: Store, service: WorkOrderService, ref: str
) -> None:
    from tests.support.store import OPERATOR, raise_order

    order = raise_order(service)
    with pytest.raises(ValidationError, match="picture"):
        move = Move(OrderState.FILED, attachments=[ref])
        service.move(order.id, move, version=1, actor=OPERATOR)
    assert service.get(order.id).version == 1
    assert [e.attachments for e in service.history(order.id)] == [()]
