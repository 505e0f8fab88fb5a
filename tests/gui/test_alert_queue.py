"""The alert queue panel and its model: updates, filter, keyboard, sound."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from services.domain import QueuedAlarm
from widgets.alert_queue import AlertQueuePanel
from widgets.alert_queue_model import AlertQueueModel

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)


def alarm(i: int, grid: str = "G21", severity: int = 3, state: str = "active_unack") -> QueuedAlarm:
    return QueuedAlarm(
        id=i,
        alarm_key=f"EL-{i:04d}:trapped_passenger",
        device_id=f"EL-{i:04d}",
        device_name=f"{i}号楼电梯",
        kind="elevator",
        alarm_type="trapped_passenger",
        label="电梯困人",
        severity=severity,
        state=state,
        latched=False,
        count=1,
        first_seen=T0,
        last_seen=T0 + timedelta(seconds=i),
        grid=grid,
        community="C01",
        community_name="宝山八村",
        lon=121.49,
        lat=31.40,
        work_order_id=None,
        version=1,
    )


def test_model_tells_the_views_as_little_as_it_can(qtbot: QtBot) -> None:
    model = AlertQueueModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    rows = [alarm(i) for i in range(5)]
    with qtbot.waitSignal(model.modelReset):
        model.replace_all(rows)
    changed: list[int] = []
    model.dataChanged.connect(lambda a, b: changed.append(a.row()))
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    acked = replace(rows[2], state="active_ack", version=2)
    with qtbot.waitSignal(model.unacknowledged_changed) as count:
        model.replace_all([*rows[:2], acked, *rows[3:]])
    assert changed == [2] and resets == [] and count.args == [4]
    assert (
        model.data(model.index(2, 7)) == "已确认" or model.data(model.index(2, 7)) == "Acknowledged"
    )
    model.replace_all([alarm(9), *rows])  # a new one on top: the order changed
    assert resets == [1] and model.rowCount() == 6 and model.alarm(0).id == 9  # type: ignore[union-attr]


def test_keyboard_acknowledge_next_and_order(qtbot: QtBot) -> None:
    panel = AlertQueuePanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    panel.show_alarms([alarm(1), alarm(2, state="active_ack"), alarm(3)])
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus, timeout=2000)
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.selected_alarm().id == 1  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.acknowledge_requested) as ack:
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert ack.args == [1, 1]
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.selected_alarm().id == 3  # type: ignore[union-attr]  # skips the acknowledged
    with qtbot.waitSignal(panel.raise_order_requested) as order:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert order.args == [3]
    with qtbot.waitSignal(panel.show_on_map_requested) as on_map:
        qtbot.keyClick(panel.table, Qt.Key.Key_M)
    assert on_map.args == [3]
    panel.show_alarms([alarm(3), alarm(1)])  # refreshed: the selection stays on the alarm
    assert panel.selected_alarm().id == 3  # type: ignore[union-attr]


def test_false_alarm_needs_a_reason(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    panel = AlertQueuePanel()
    qtbot.addWidget(panel)
    panel.show_alarms([alarm(1)])
    panel.select_alarm(1)
    answers = iter([("   ", True), ("风吹动门禁", True)])
    monkeypatch.setattr("widgets.alert_queue.QInputDialog.getText", lambda *a, **k: next(answers))
    with qtbot.assertNotEmitted(panel.false_alarm_requested):
        panel.dismiss_selected()
    with qtbot.waitSignal(panel.false_alarm_requested) as sent:
        panel.dismiss_selected()
    assert sent.args == [1, 1, "风吹动门禁"]


def test_grid_filter_and_sound_for_new_major_alarms(qtbot: QtBot) -> None:
    panel = AlertQueuePanel()
    qtbot.addWidget(panel)
    panel.show_alarms([alarm(1, "G11"), alarm(2, "G21")])
    assert panel.tones == 0  # what was there at start does not sound
    panel.set_grid_filter("G21")
    assert panel.proxy.rowCount() == 1 and panel.filter_button.isVisibleTo(panel)
    panel.show_alarms([alarm(1, "G11"), alarm(2, "G21"), alarm(3, "G21", severity=4)])
    assert panel.proxy.rowCount() == 2 and panel.tones == 1
    panel.show_alarms([alarm(i, "G21", severity=4) for i in range(1, 6)])
    assert panel.tones == 1  # within a second: one tone for the lot
    panel.show_alarms([alarm(i, "G21", severity=1) for i in range(1, 9)])
    assert panel.tones == 1  # minor ones are silent
    with qtbot.waitSignal(panel.grid_filter_cleared):
        panel.filter_button.click()
    assert panel.proxy.rowCount() == 8
