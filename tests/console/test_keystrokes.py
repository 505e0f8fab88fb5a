"""Operator time, counted: keys pressed from a new alert to a dispatched work order.

Only key presses reach the console here (no clicks, no slot calls): each goes to
the widget that has the keyboard focus, as a real keyboard's would, and is
counted.  The operator's place at the start is the alert queue.

- A rule raised the order (reported, waiting for the centre): Enter reviews the
  alarm's order (the focus lands on 立案派遣), Enter confirms: 2 keys.
- The operator raises it: Enter opens the pre-filled form, Enter raises, Enter
  files and dispatches as routed: 3 actions (the issue allows 5).
- Every later step of the lifecycle by keyboard alone, notes typed and
  confirmed with Ctrl+Enter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from console.app import build_window, create_app
from console.session import Session
from console.workspace import Workspace
from services.alarms.rules import RuleEngine, RuleSet
from services.db.store import Store
from services.domain import OrderState
from services.ingest.writer import IngestWriter
from services.workflow.orders import WorkOrderService
from tests.support.gui import signed_in
from tests.support.store import alert

S = OrderState
Key = Qt.Key


class Keyboard:
    """Presses keys on whatever has the focus (or the open dialog), counting them."""

    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.count = 0

    def target(self) -> QWidget:
        widget = QApplication.activeModalWidget() or QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        modal = QApplication.activeModalWidget()
        if modal is not None and QApplication.focusWidget() is not None:
            focus = QApplication.focusWidget()
            if focus is modal or modal.isAncestorOf(focus):
                return focus
        return widget

    def press(
        self, key: Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        self.count += 1
        self.qtbot.keyClick(self.target(), key, modifier)

    def type(self, text: str) -> None:
        """Typing a note is writing, not a step: not counted.  (ASCII: QTest types
        no Chinese; an operator does, through the input method.)"""
        if text:
            self.qtbot.keyClicks(self.target(), text)

    def in_dialog(self, *steps: Callable[[], None]) -> None:
        """Run ``steps`` once the dialog that the next key opens is up."""

        def run() -> None:
            modal = QApplication.activeModalWidget()
            if modal is None:
                QTimer.singleShot(20, run)
                return
            if not modal.isActiveWindow():  # offscreen: no window manager hands it over
                modal.activateWindow()
                QTimer.singleShot(20, run)
                return
            for step in steps:
                step()

        QTimer.singleShot(20, run)


def console(qtbot: QtBot, store: Store) -> tuple[Session, Workspace]:
    app = create_app()
    window, _ = build_window(app, store.label, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    session = Session(window, store, "zh_CN")
    ws = signed_in(qtbot, session, "operator")
    assert ws is not None
    return session, ws


def wait_state(qtbot: QtBot, ws: Workspace, state: S) -> None:
    detail = ws.desk.detail
    qtbot.waitUntil(lambda: detail.order is not None and detail.order.state is state, timeout=5000)


def at_the_queue(qtbot: QtBot, ws: Workspace) -> None:
    qtbot.waitUntil(lambda: len(ws.alert_panel.alarms()) == 1, timeout=5000)
    ws.alert_panel.table.setFocus()
    qtbot.waitUntil(lambda: ws.alert_panel.table.hasFocus(), timeout=2000)


def test_a_rules_order_is_dispatched_in_two_keys(qtbot: QtBot, demo_store: Store) -> None:
    session, ws = console(qtbot, demo_store)
    writer = IngestWriter(demo_store)
    writer.on_alarms = RuleEngine(RuleSet.load(), WorkOrderService(demo_store)).on_alarms
    writer.load_devices()
    writer.write_batch([alert("k1", alert_type="door_fault")])  # rule: order, no dispatch
    at_the_queue(qtbot, ws)
    keys = Keyboard(qtbot)
    keys.press(Key.Key_Return)  # review: the alarm's order, focus on 立案派遣
    wait_state(qtbot, ws, S.REPORTED)
    qtbot.waitUntil(lambda: ws.desk.detail.buttons[0].hasFocus(), timeout=5000)
    keys.press(Key.Key_Return)  # confirm
    wait_state(qtbot, ws, S.DISPATCHED)
    assert keys.count == 2
    order = ws.desk.shown_order
    assert order is not None and order.unit  # dispatched to the routed unit
    qtbot.waitUntil(
        lambda: (a := ws.alert_panel.alarms()[0]) is not None and a.state == "active_ack",
        timeout=5000,
    )
    session.close()


def test_an_operators_order_is_dispatched_in_three_actions_and_closed_by_keyboard(
    qtbot: QtBot, demo_store: Store
) -> None:
    session, ws = console(qtbot, demo_store)
    writer = IngestWriter(demo_store)
    writer.load_devices()
    writer.write_batch([alert("k2", alert_type="over_speed", severity=4)])  # no rule's order
    at_the_queue(qtbot, ws)
    keys = Keyboard(qtbot)
    keys.in_dialog(lambda: keys.press(Key.Key_Return))  # the form: Enter raises
    keys.press(Key.Key_Return)  # the pre-filled form
    wait_state(qtbot, ws, S.REPORTED)
    qtbot.waitUntil(lambda: ws.desk.detail.buttons[0].hasFocus(), timeout=5000)
    keys.press(Key.Key_Return)  # 立案派遣
    wait_state(qtbot, ws, S.DISPATCHED)
    assert keys.count == 3
    # on to the close, by keyboard alone: the focus follows each step's first button
    ctrl = Qt.KeyboardModifier.ControlModifier
    for state in (S.ACKNOWLEDGED, S.IN_PROGRESS):
        qtbot.waitUntil(lambda: ws.desk.detail.buttons[0].hasFocus(), timeout=5000)
        keys.press(Key.Key_Return)
        wait_state(qtbot, ws, state)
    for state, note in ((S.RESOLVED, "running again"), (S.CLOSED, "")):
        qtbot.waitUntil(lambda: ws.desk.detail.buttons[0].hasFocus(), timeout=5000)
        keys.in_dialog(lambda n=note: keys.type(n), lambda: keys.press(Key.Key_Return, ctrl))
        keys.press(Key.Key_Return)
        wait_state(qtbot, ws, state)
    order = ws.desk.shown_order
    assert order is not None
    history = WorkOrderService(demo_store).history(order.id)
    assert [e.action for e in history][-2:] == ["report_result", "verify_close"]
    assert history[-2].note == "running again"
    session.close()


def test_n_picks_the_next_alarm_and_space_acknowledges_it(qtbot: QtBot, demo_store: Store) -> None:
    session, ws = console(qtbot, demo_store)
    writer = IngestWriter(demo_store)
    writer.load_devices()
    writer.write_batch([alert("k3", alert_type="over_speed", severity=4)])
    at_the_queue(qtbot, ws)
    assert ws.alert_panel.selected_alarm() is None
    keys = Keyboard(qtbot)
    keys.press(Key.Key_N)
    assert ws.alert_panel.selected_alarm() is not None
    keys.press(Key.Key_Space)
    qtbot.waitUntil(
        lambda: (a := ws.alert_panel.alarms()[0]) is not None and a.state == "active_ack",
        timeout=5000,
    )
    session.close()
