"""Through the UI: an alarm → a raised order → file → dispatch → acknowledge →
start → report → verify and close, as the demo operator; and a conflict from
another console shown plainly."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from console.app import build_window, create_app
from console.session import Session
from services.db.store import Store
from services.domain import OrderState, Principal, Role
from services.ingest.writer import IngestWriter
from services.workflow.attachments import AttachmentStore
from services.workflow.desk import OrderDesk
from services.workflow.orders import Move, WorkOrderService
from tests.support.gui import signed_in
from tests.support.store import alert, png_bytes
from widgets.orders.model import COLUMNS
from widgets.orders.move import MoveDialog

S = OrderState


def test_alarm_to_closed_order_through_the_ui(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(
        "widgets.orders.form.OrderForm.exec", lambda self: QDialog.DialogCode.Accepted
    )

    photo = tmp_path / "site.png"
    photo.write_bytes(png_bytes((0, 160, 0)))

    def answer(self: MoveDialog) -> QDialog.DialogCode:
        self.note.setPlainText("已处置完毕")
        if self.photos_label is not None:  # 反馈结果: with a photo of the site
            self.add_photos([photo])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MoveDialog, "exec", answer)
    app = create_app()
    window, _ = build_window(app, demo_store.label, "zh_CN")
    qtbot.addWidget(window)
    session = Session(window, demo_store, "zh_CN")
    ws = signed_in(qtbot, session, "operator")
    assert ws is not None
    writer = IngestWriter(demo_store)
    writer.load_devices()
    writer.write_batch([alert("t1", alert_type="door_fault", severity=2)])  # no rule: no order
    qtbot.waitUntil(lambda: len(ws.alert_panel.alarms()) == 1, timeout=5000)
    alarm = ws.alert_panel.alarms()[0]
    assert alarm is not None and alarm.work_order_id is None
    ws.alert_panel.select_alarm(alarm.id)
    ws.alert_panel.raise_order_for_selected()  # Enter in the queue
    qtbot.waitUntil(lambda: ws.desk.shown_order is not None, timeout=5000)
    detail = ws.desk.detail
    assert detail.order.state is S.REPORTED  # type: ignore[union-attr]
    assert "电梯门故障" in detail.order.title  # type: ignore[union-attr]
    steps = [S.FILED, S.DISPATCHED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED]
    for target in steps:
        order = detail.order
        assert order is not None
        texts = [b.text() for b in detail.buttons]
        assert texts, f"no actions in state {order.state}"
        (button,) = [b for b in detail.buttons if b.objectName() == f"orderMove_{target.value}"]
        button.click()
        qtbot.waitUntil(
            lambda t=target: detail.order is not None and detail.order.state is t, timeout=5000
        )
    # The unit it went to, by its name (not its code) in the detail and the table.
    closed = detail.order
    assert closed is not None and closed.unit
    name = dict(OrderDesk(WorkOrderService(demo_store)).units())[closed.unit]
    assert name != closed.unit
    assert f"单位 {name}" in detail.facts.text() and closed.unit not in detail.facts.text()
    column = [c for c, _ in COLUMNS].index("unit")
    cell = ws.desk.model.index(ws.desk.model.row_of(closed.id), column)
    qtbot.waitUntil(lambda: cell.data() == name, timeout=5000)
    history = [e.action for e in WorkOrderService(demo_store).history(detail.order.id)]  # type: ignore[union-attr]
    assert history == [
        "raise",
        "file",
        "dispatch",
        "acknowledge",
        "start",
        "report_result",
        "verify_close",
    ]
    qtbot.waitUntil(lambda: ws.alert_panel.alarms()[0].work_order_id is not None, timeout=5000)
    events = WorkOrderService(demo_store).history(detail.order.id)  # type: ignore[union-attr]
    (with_photo,) = [e for e in events if e.attachments]
    assert with_photo.action == "report_result"
    assert AttachmentStore(demo_store).get(with_photo.attachments[0]).data == photo.read_bytes()
    rows = [detail.history.item(i) for i in range(detail.history.count())]
    (row,) = [r for r in rows if r.data(Qt.ItemDataRole.UserRole)]
    assert "1" in row.text()
    detail.history.itemActivated.emit(row)  # double-click or Enter on the step
    qtbot.waitUntil(lambda: getattr(ws.orders, "viewer", None) is not None, timeout=5000)
    assert ws.orders.viewer.shown == 1
    ws.orders.viewer.close()
    session.close()


def test_a_change_at_another_console_shows_and_reloads(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app()
    window, _ = build_window(app, demo_store.label, "zh_CN")
    qtbot.addWidget(window)
    other = OrderDesk(WorkOrderService(demo_store))
    boss = Principal(9, "admin", "管理员", Role.ADMIN)
    from services.workflow.orders import NewOrder

    order = other.raise_order(boss, NewOrder("楼道堆物", "G21"))
    session = Session(window, demo_store, "zh_CN")
    ws = signed_in(qtbot, session, "operator")
    assert ws is not None
    qtbot.waitUntil(lambda: len(ws.desk.listed_ids()) == 1, timeout=5000)
    newer = other.raise_order(boss, NewOrder("井盖缺失", "G11"))  # raised elsewhere: on top
    qtbot.waitUntil(lambda: len(ws.desk.listed_ids()) == 2, timeout=5000)
    assert ws.desk.listed_ids()[0] == newer.id  # type: ignore[union-attr]
    ws.desk.select_order(order.id)
    qtbot.waitUntil(lambda: ws.desk.shown_order is not None, timeout=5000)
    other.move(boss, order.id, Move(S.FILED), order.version)  # the other console is quicker
    ws.desk.detail.order = order  # our copy is stale (the live reload has not come yet)
    ws.desk.detail.request(S.FILED)
    qtbot.waitUntil(lambda: ws.desk.detail.banner.isVisibleTo(ws.desk.detail), timeout=5000)
    assert "其他席位" in ws.desk.detail.banner.text()
    qtbot.waitUntil(
        lambda: ws.desk.shown_order is not None and ws.desk.shown_order.state is S.FILED,
        timeout=5000,
    )
    session.close()


def test_supervise_and_escalate_from_the_detail_pane(
    qtbot: QtBot, demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """督办 and 上报 are buttons where the role allows them; their dialogs' fields
    reach the order and its history; a supervisor may escalate but not supervise."""
    from widgets.orders.actions import OrderActionDialog

    def answer(self: OrderActionDialog) -> QDialog.DialogCode:
        if self.level_box is not None:
            self.level_box.setCurrentIndex(2)
        self.note.setPlainText("群众反复投诉")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OrderActionDialog, "exec", answer)
    boss = Principal(9, "admin", "管理员", Role.ADMIN)
    from services.workflow.orders import NewOrder

    order = OrderDesk(WorkOrderService(demo_store)).raise_order(boss, NewOrder("占道经营", "G11"))
    app = create_app()
    window, _ = build_window(app, demo_store.label, "zh_CN")
    qtbot.addWidget(window)
    session = Session(window, demo_store, "zh_CN")
    ws = signed_in(qtbot, session, "operator")
    assert ws is not None
    detail = ws.desk.detail
    qtbot.waitUntil(lambda: len(ws.desk.listed_ids()) == 1, timeout=5000)
    ws.desk.select_order(order.id)

    def button(action: str) -> object:
        found = [b for b in detail.buttons if b.objectName() == f"orderAction_{action}"]
        return found[0] if found else None

    qtbot.waitUntil(lambda: button("supervise") is not None, timeout=5000)
    assert button("escalate") is not None
    button("supervise").click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.supervised == 2, timeout=5000)
    assert "2" in detail.facts.text()
    qtbot.waitUntil(lambda: button("escalate") is not None, timeout=5000)
    button("escalate").click()  # type: ignore[attr-defined]
    qtbot.waitUntil(
        lambda: detail.order is not None and detail.order.escalation.value == "block", timeout=5000
    )
    events = WorkOrderService(demo_store).history(order.id)
    assert [(e.action, e.note) for e in events[1:]] == [
        ("supervise", "群众反复投诉"),
        ("escalate", "群众反复投诉"),
    ]
    session.close()

    window2, _ = build_window(app, demo_store.label, "zh_CN")
    qtbot.addWidget(window2)
    session2 = Session(window2, demo_store, "zh_CN")
    ws2 = signed_in(qtbot, session2, "supervisor")  # grids G11-G13
    assert ws2 is not None
    qtbot.waitUntil(lambda: len(ws2.desk.listed_ids()) == 1, timeout=5000)
    ws2.desk.select_order(order.id)
    qtbot.waitUntil(lambda: ws2.desk.shown_order is not None, timeout=5000)
    names = {b.objectName() for b in ws2.desk.detail.buttons}
    assert "orderAction_escalate" in names and "orderAction_supervise" not in names
    session2.close()
