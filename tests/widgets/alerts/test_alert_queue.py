"""The alert queue's model and filter (without a view), its panel, tone and flood buffer."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from services.domain import AlarmState, QueuedAlarm
from tests.support.gui import alarm
from widgets.alerts import texts as alert_queue_text
from widgets.alerts.false_alarm_dialog import FalseAlarmDialog
from widgets.alerts.flood_buffer import FloodBuffer
from widgets.alerts.model import BIG_BATCH, AlarmRole, AlertQueueModel, queue_key
from widgets.alerts.queue import AlertQueuePanel
from widgets.alerts.queue_filter import AlertQueueFilter
from widgets.alerts.texts import COLUMN_NAMES, SEVERITY_COLOURS
from widgets.alerts.tone import AlertTone

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
STATE = COLUMN_NAMES.index("state")


def make_model() -> AlertQueueModel:
    model = AlertQueueModel()
    model.tester = QAbstractItemModelTester(  # type: ignore[attr-defined]
        model, QAbstractItemModelTester.FailureReportingMode.Fatal
    )
    return model


def ids(model: AlertQueueModel) -> list[int]:
    return [model.alarm(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]


class Notes:
    """What a model told its views, in order."""

    def __init__(self, model: AlertQueueModel) -> None:
        self.seen: list[tuple[str, int, int]] = []
        model.rowsInserted.connect(lambda _p, a, b: self.seen.append(("insert", a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.seen.append(("remove", a, b)))
        model.rowsMoved.connect(lambda _p, a, _b, _d, to: self.seen.append(("move", a, to)))
        model.dataChanged.connect(lambda a, b: self.seen.append(("data", a.row(), b.row())))
        model.layoutChanged.connect(lambda: self.seen.append(("layout", 0, 0)))
        model.modelReset.connect(lambda: self.seen.append(("reset", 0, 0)))


def test_queue_order_unacknowledged_then_most_severe_then_newest() -> None:
    model = make_model()
    model.replace_all(
        [
            alarm(1, severity=4, state=AlarmState.ACTIVE_ACK),
            alarm(2, severity=2),
            alarm(3, severity=4, state=AlarmState.CLEARED_UNACK),
            alarm(4, severity=2),
            alarm(5, severity=1, state=AlarmState.SHELVED),
            alarm(6, severity=3),
        ]
    )
    assert ids(model) == [3, 6, 4, 2, 1, 5]
    assert model.unacknowledged == 4


def test_apply_inserts_updates_moves_and_removes_with_the_smallest_notes() -> None:
    model = make_model()
    model.replace_all([alarm(i, severity=2) for i in range(1, 6)])  # 5 4 3 2 1
    notes = Notes(model)
    model.apply([alarm(9, severity=4), alarm(8, severity=4), alarm(0, severity=1)])
    assert ids(model) == [9, 8, 5, 4, 3, 2, 1, 0]
    assert notes.seen == [("insert", 0, 1), ("insert", 7, 7)]  # one per run
    notes.seen.clear()
    repeat = replace(alarm(3, severity=2), count=7, version=2)  # same place: data only
    model.apply([repeat])
    assert notes.seen == [("data", 4, 4)] and model.alarm(4).count == 7  # type: ignore[union-attr]
    notes.seen.clear()
    acked = replace(alarm(4, severity=2), state=AlarmState.ACTIVE_ACK, version=2)
    with_seen = replace(alarm(1, severity=2), last_seen=T0 + timedelta(hours=1), version=2)
    model.apply([acked, with_seen])
    assert ids(model) == [9, 8, 1, 5, 3, 2, 0, 4]
    # rows whose place changed leave and come back (a proxy re-filters everything on a move)
    assert notes.seen == [("remove", 6, 6), ("remove", 3, 3), ("insert", 2, 2), ("insert", 7, 7)]
    notes.seen.clear()
    model.apply([], removed=[5, 3, 0, 77])  # 77: not shown, ignored
    assert ids(model) == [9, 8, 1, 2, 4]
    assert notes.seen == [("remove", 6, 6), ("remove", 3, 4)]
    notes.seen.clear()
    stale = replace(alarm(1, severity=2), count=99, version=1)  # older than the row shown
    model.apply([stale])
    assert notes.seen == [] and model.by_id(1).count == 1  # type: ignore[union-attr]


def test_random_batches_keep_the_queue_order() -> None:
    rng = random.Random(7)
    model = make_model()
    shown: dict[int, QueuedAlarm] = {}
    for step in range(40):
        rows = []
        for _ in range(rng.randint(0, 8)):
            i = rng.randint(1, 40)
            old = shown.get(i) or alarm(i)
            seen = T0 + timedelta(seconds=rng.randint(0, 50))
            state = AlarmState(
                rng.choice(["active_unack", "active_ack", "cleared_unack", "shelved"])
            )
            rows.append(
                replace(
                    old, severity=rng.randint(1, 4), state=state, last_seen=seen, version=step + 2
                )
            )
        gone = rng.sample(sorted(shown), min(len(shown), rng.randint(0, 3)))
        model.apply(rows, gone)
        shown.update((a.id, a) for a in rows)
        for i in gone:
            shown.pop(i, None)
        assert ids(model) == [a.id for a in sorted(shown.values(), key=queue_key)]
        assert model.unacknowledged == sum(a.needs_ack for a in shown.values())


def test_big_batch_is_one_layout_change_and_keeps_persistent_indexes() -> None:
    model = make_model()
    model.replace_all([alarm(i, severity=2) for i in range(1, 400)])
    persistent = QPersistentModelIndex(model.index(model.row_of(7), 0))
    notes = Notes(model)
    raised = [replace(alarm(i, severity=2), severity=4, version=2) for i in range(1, 300)]
    model.apply(raised)
    assert notes.seen == [("layout", 0, 0)]
    assert persistent.row() == model.row_of(7) and model.alarm(persistent.row()).id == 7  # type: ignore[union-attr]
    assert ids(model)[:3] == [299, 298, 297] and len(raised) > BIG_BATCH


def test_sync_applies_the_difference_and_counts_unacknowledged(qtbot: QtBot) -> None:
    model = make_model()
    rows = [alarm(i) for i in range(5)]
    model.replace_all(rows)
    notes = Notes(model)
    acked = replace(rows[2], state=AlarmState.ACTIVE_ACK, version=2)
    with qtbot.waitSignal(model.unacknowledged_changed) as count:
        model.sync([*rows[:2], acked, *rows[3:]])
    assert count.args == [4]
    assert notes.seen == [("remove", 2, 2), ("insert", 4, 4)]  # acknowledged: to the bottom
    assert model.data(model.index(4, STATE)) in ("已确认", "Acknowledged")
    notes.seen.clear()
    model.sync([alarm(9), *rows[:2], acked, *rows[3:]])
    assert notes.seen == [("insert", 0, 0)] and model.rowCount() == 6


def test_roles_colour_by_severity_bold_while_unacknowledged() -> None:
    model = make_model()
    model.replace_all([alarm(1, severity=4), alarm(2, severity=1, state=AlarmState.ACTIVE_ACK)])
    critical, info = model.index(0, 0), model.index(1, 0)
    assert (
        model.data(critical, Qt.ItemDataRole.ForegroundRole).color().name() == (SEVERITY_COLOURS[4])
    )
    assert model.data(info, Qt.ItemDataRole.ForegroundRole).color().name() == SEVERITY_COLOURS[1]
    assert model.data(critical, Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(1, 2), Qt.ItemDataRole.BackgroundRole) is None
    font = model.data(critical, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.bold()
    assert model.data(info, Qt.ItemDataRole.FontRole) is None
    assert model.data(critical, AlarmRole).id == 1
    assert "EL-0001" in model.data(critical, Qt.ItemDataRole.ToolTipRole)


def test_last_seen_shows_the_date_only_when_not_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alert_queue_text, "today", lambda: date(2026, 11, 24))
    assert alert_queue_text.when(T0) == "10:00:00"  # 02:00 UTC is 10:00 in Shanghai
    monkeypatch.setattr(alert_queue_text, "today", lambda: date(2026, 11, 25))
    assert alert_queue_text.when(T0) == "11-24 10:00"


def test_filter_by_grid_and_text() -> None:
    model = make_model()
    proxy = AlertQueueFilter()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    other = replace(alarm(3, "G11"), device_name="宝莲城配电箱", kind="arc_fault")
    model.replace_all([alarm(1, "G11"), alarm(2, "G21"), other])
    proxy.set_grid("G11")
    assert proxy.rowCount() == 2 and proxy.grid == "G11"
    proxy.set_text("宝莲城")
    assert proxy.rowCount() == 1
    proxy.set_grid(None)
    proxy.set_text("el-0002")  # device id, any case
    assert proxy.rowCount() == 1
    model.apply([alarm(12, "G21")])  # EL-0012 does not match "el-0002"
    assert proxy.rowCount() == 1
    proxy.set_text("")
    assert proxy.rowCount() == 4


def shown_panel(qtbot: QtBot, alarms: list[QueuedAlarm]) -> AlertQueuePanel:
    panel = AlertQueuePanel()
    panel.tone.sound = None  # no audio in tests
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    panel.show_alarms(alarms)
    panel.table.setFocus()
    qtbot.waitUntil(panel.table.hasFocus, timeout=2000)
    return panel


def test_keyboard_acknowledge_next_order_map(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, [alarm(1), alarm(2, state=AlarmState.ACTIVE_ACK), alarm(3)])
    with qtbot.waitSignal(panel.selection_changed) as selected:
        qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert selected.args == [3] and panel.selected_alarm().id == 3  # type: ignore[union-attr]
    with qtbot.waitSignal(panel.acknowledge_requested) as ack:
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)
    assert ack.args == [3, 1]
    qtbot.keyClick(panel.table, Qt.Key.Key_N)
    assert panel.selected_alarm().id == 1  # type: ignore[union-attr]  # skips the acknowledged
    for key, modifier in (
        (Qt.Key.Key_Return, None),
        (Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier),
    ):
        with qtbot.waitSignal(panel.raise_order_requested) as order:
            qtbot.keyClick(panel.table, key, modifier or Qt.KeyboardModifier.NoModifier)
        assert order.args == [1]
    with qtbot.waitSignal(panel.show_on_map_requested) as on_map:
        qtbot.keyClick(panel.table, Qt.Key.Key_M)
    assert on_map.args == [1]
    acked = replace(alarm(1), state=AlarmState.ACTIVE_ACK, version=2)
    panel.apply([acked])  # it moves down: the selection goes with it
    assert panel.selected_alarm() == acked
    qtbot.waitUntil(lambda: not panel.ack_button.isEnabled(), timeout=2000)
    with qtbot.assertNotEmitted(panel.acknowledge_requested):
        qtbot.keyClick(panel.table, Qt.Key.Key_Space)  # already acknowledged
    with qtbot.waitSignal(panel.selection_changed) as selected:
        panel.apply([], removed=[1])
    assert selected.args == [0] and panel.selected_alarm() is None


def test_false_alarm_needs_a_reason(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, [alarm(1)])
    panel.select_alarm(1)
    answers = iter([None, "风吹动门禁"])
    asked: list[str] = []
    panel.ask_reason = lambda text, _parent: asked.append(text) or next(answers)
    with qtbot.assertNotEmitted(panel.false_alarm_requested):
        qtbot.keyClick(panel.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    with qtbot.waitSignal(panel.false_alarm_requested) as sent:
        qtbot.keyClick(panel.table, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert sent.args == [1, 1, "风吹动门禁"] and asked == ["电梯困人 · 1号楼电梯"] * 2


def test_false_alarm_dialog_refuses_an_empty_reason(qtbot: QtBot) -> None:
    dialog = FalseAlarmDialog("电梯困人")
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reason_box.setEditText("   ")
    assert not dialog.ok_button.isEnabled()
    dialog.reason_box.setEditText(" 设备测试 ")
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert dialog.reason() == "设备测试"


def test_double_click_raises_an_order(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, [alarm(1), alarm(2)])
    index = panel.proxy.index(1, 0)
    rect = panel.table.visualRect(index)
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(panel.raise_order_requested) as order:
        qtbot.mouseDClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert order.args == [1]


def test_grid_filter_shown_and_cleared(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, [alarm(1, "G11"), alarm(2, "G21")])
    panel.set_grid_filter("G21")
    assert panel.proxy.rowCount() == 1 and panel.filter_button.isVisibleTo(panel)
    assert "G21" in panel.filter_button.text()
    with qtbot.waitSignal(panel.grid_filter_cleared):
        panel.filter_button.click()
    assert panel.proxy.rowCount() == 2 and not panel.filter_button.isVisibleTo(panel)


def test_tone_for_new_major_alarms_at_most_once_a_second(qtbot: QtBot) -> None:
    now = [100.0]
    panel = shown_panel(qtbot, [alarm(1, severity=4), alarm(2)])
    panel.tone.clock = lambda: now[0]
    assert panel.tones == 0  # what was there at start does not sound
    panel.apply([alarm(3, severity=4), alarm(4, severity=3), alarm(5, severity=2)])
    assert (panel.tone.requested, panel.tones) == (2, 1)
    now[0] += 0.5
    panel.show_alarms([alarm(i, severity=4) for i in range(1, 8)])  # 6 and 7 are new
    assert (panel.tone.requested, panel.tones) == (4, 1)  # within a second: no second tone
    panel.apply([replace(alarm(3, severity=4), count=5, version=2)])  # a repeat: not new
    assert panel.tone.requested == 4
    now[0] += 0.6
    panel.apply([alarm(8, severity=1)])  # info: silent
    assert (panel.tone.requested, panel.tones) == (4, 1)
    panel.apply([alarm(9, severity=3)])
    assert panel.tones == 2
    panel.mute_button.click()
    now[0] += 5
    panel.apply([alarm(10, severity=4)])
    assert panel.muted and (panel.tone.requested, panel.tones) == (6, 2)


def test_tone_falls_back_to_the_beep_without_a_sound_file() -> None:
    tone = AlertTone(sound=None, clock=lambda: 0.0)
    assert tone.alarms_arrived([4]) and tone.played == 1


def test_flood_buffer_keeps_the_latest_copy_and_keeps_to_its_budget(qtbot: QtBot) -> None:
    applied: list[tuple[list[QueuedAlarm], list[int]]] = []
    buffer = FloodBuffer(lambda rows, gone: applied.append((rows, gone)), chunk=2, budget_ms=0)
    buffer.push([alarm(1), replace(alarm(2), version=3)])
    buffer.push([replace(alarm(1), count=4, version=2), replace(alarm(2), version=2)])
    buffer.push([alarm(3)], removed=[4])
    assert buffer.pending == 4
    assert buffer.flush() == 2  # the budget is spent after the first chunk
    assert applied == [([replace(alarm(1), count=4, version=2), replace(alarm(2), version=3)], [])]
    buffer.drain()
    assert applied[1] == ([alarm(3)], [4]) and buffer.pending == 0


def test_flood_buffer_takes_pushes_from_another_thread(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, [])

    def feed() -> None:
        for start in range(0, 300, 30):
            panel.push([alarm(i, severity=4) for i in range(start, start + 30)])

    thread = threading.Thread(target=feed)
    thread.start()
    thread.join(timeout=5)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 300, timeout=5000)
    assert panel.model.unacknowledged == 300 and panel.flood.pending == 0
    assert panel.model.rowCount(QModelIndex()) == panel.proxy.rowCount()


def test_text_filter_from_the_search_field_and_enter_goes_to_the_table(qtbot: QtBot) -> None:
    other = replace(alarm(3, "G11"), device_id="AF-MN03")
    panel = shown_panel(qtbot, [alarm(1), alarm(2), other])
    panel.search.setFocus()
    qtbot.waitUntil(panel.search.hasFocus, timeout=2000)
    with qtbot.assertNotEmitted(panel.show_on_map_requested):
        qtbot.keyClicks(panel.search, "mn 03")  # typed: M, N and Space are not shortcuts here
    assert panel.proxy.rowCount() == 1 and panel.proxy.text == "mn 03"
    with qtbot.assertNotEmitted(panel.raise_order_requested):
        qtbot.keyClick(panel.search, Qt.Key.Key_Return)
    assert panel.table.hasFocus() and panel.selected_alarm() == other
    with qtbot.waitSignal(panel.raise_order_requested) as order:
        qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert order.args == [3]


def test_a_reload_keeps_the_selected_alarm(qtbot: QtBot) -> None:
    panel = shown_panel(qtbot, [alarm(1), alarm(2), alarm(3)])
    panel.select_alarm(2)
    panel.model.replace_all([alarm(5), alarm(2), alarm(4)])  # a reset
    assert panel.selected_alarm() == alarm(2)
    panel.model.replace_all([alarm(5)])
    assert panel.selected_alarm() is None


def test_times_get_their_date_after_midnight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(alert_queue_text, "today", lambda: date(2026, 11, 24))
    model = make_model()
    model.replace_all([alarm(1)])
    when = COLUMN_NAMES.index("time")
    assert model.data(model.index(0, when)) == "10:00:01"
    model.check_day()  # the same day: nothing to do
    monkeypatch.setattr(alert_queue_text, "today", lambda: date(2026, 11, 25))
    changed: list[int] = []
    model.dataChanged.connect(lambda a, _b: changed.append(a.row()))
    model.check_day()
    assert changed == [0] and model.data(model.index(0, when)) == "11-24 10:00"


def test_the_devices_offline_now_are_a_click_away(qtbot: QtBot) -> None:
    panel = AlertQueuePanel()
    qtbot.addWidget(panel)
    gone = replace(alarm(1, severity=2), alarm_type="device_offline", label="设备离线")
    back = replace(gone, id=2, device_id="EL-0002", state=AlarmState.CLEARED_UNACK)
    panel.apply([gone, back, alarm(3, severity=4)])
    # the header follows on the next turn of the loop; 2 is heard from again: not offline
    qtbot.waitUntil(lambda: panel.offline_button.text() == "Offline devices: 1", timeout=2000)
    assert [a.id for a in panel.offline_devices()] == [1]
    panel.offline_button.click()
    assert panel.proxy.rowCount() == 1 and panel.proxy.offline_only
    panel.apply([replace(gone, state=AlarmState.CLEARED_UNACK, version=2)])  # it is back
    assert panel.proxy.rowCount() == 0
    qtbot.waitUntil(lambda: panel.offline_button.text() == "Offline devices: 0", timeout=2000)
    panel.set_offline_filter(False)
    assert panel.proxy.rowCount() == 3 and not panel.offline_button.isChecked()
