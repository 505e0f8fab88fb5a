"""Sign-in over the window, then the alert queue live from the store: alarms
stored by the ingest writer reach the queue through the change feed; an
acknowledgement goes back to the store for the signed-in user."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot
from sqlalchemy import event, text

from services.db.store import Store
from services.ingest.writer import IngestWriter
from tests.support.gui import shown_session, signed_in
from tests.support.store import alert


def test_sign_in_then_live_queue_and_acknowledge(qtbot: QtBot, demo_store: Store) -> None:
    window, session = shown_session(qtbot, demo_store)
    session.ask()
    dialog = session.dialog
    assert dialog is not None
    dialog.login_edit.setText("supervisor")
    dialog.password_edit.setText("wrong")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=5000)
    assert session.workspace is None
    dialog.password_edit.setText("demo")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: session.workspace is not None, timeout=5000)
    workspace = session.workspace
    assert workspace is not None and workspace.principal.grids == {"G11", "G12", "G13"}
    panel = workspace.alert_panel
    qtbot.waitUntil(lambda: workspace.alerts.loads >= 1, timeout=5000)
    assert len(panel.alarms()) == 0

    writer = IngestWriter(demo_store)
    writer.load_devices()
    writer.write_batch(
        [
            alert("a1", "AF-1102", "arc_fault", "arc_detected", severity=4),  # G12: theirs
            alert("e1", severity=3),  # G21: not theirs
        ]
    )
    qtbot.waitUntil(lambda: len(panel.alarms()) == 1, timeout=5000)
    assert panel.alarms()[0].device_id == "AF-1102"
    assert window.windowTitle().startswith("（1 条未确认）")
    qtbot.waitUntil(lambda: len(workspace.map.markers) == 1, timeout=5000)
    workspace.filter_to_cell("G13")  # a click on the map: queue, desk and map follow
    assert panel.proxy.rowCount() == 0 and workspace.map.selected_cell == "G13"
    workspace.filter_to_cell("G12")
    assert panel.proxy.rowCount() == 1
    assert workspace.desk.current_filter().grids == {"G12"}
    workspace.map.device_clicked.emit("AF-1102")  # a click on the device's dot
    qtbot.waitUntil(
        lambda: workspace.device_window is not None and workspace.device_window.isVisible(),
        timeout=5000,
    )
    card = workspace.device_card
    assert card is not None and card.details is not None
    assert card.details.id == "AF-1102" and "AF-1102" in card.subtitle.text()
    assert card.title.text() == "配电箱"
    workspace.filter_to_cell("")
    assert workspace.desk.current_filter().grids == frozenset() and panel.proxy.grid is None
    panel.select_alarm(panel.alarms()[0].id)
    panel.acknowledge_selected()
    qtbot.waitUntil(lambda: panel.unacknowledged == 0, timeout=5000)
    with demo_store.reading() as conn:
        row = conn.execute(
            text("SELECT state, acknowledged_by FROM alarms WHERE device_id = 'AF-1102'")
        ).one()
    assert tuple(row) == ("active_ack", "supervisor")
    session.close()


def test_sign_out_hands_the_console_to_the_next_person(qtbot: QtBot, demo_store: Store) -> None:
    window, session = shown_session(qtbot, demo_store)
    assert not window.sign_out_action.isEnabled()  # nobody to sign out yet
    first = signed_in(qtbot, session, "supervisor")
    assert first is not None and window.sign_out_action.isEnabled()
    qtbot.waitUntil(lambda: first.alerts.loads >= 1, timeout=5000)
    assert window.sign_out_action.text() == "注销 / 切换用户(&S)"
    window.sign_out_action.trigger()  # the Account menu, or Ctrl+Shift+L
    assert session.workspace is None and session.dialog is not None
    assert session.dialog.login_edit.text() == "supervisor"  # the last one, pre-filled
    assert set(window.panels) == {"video", "map", "alerts", "orders", "dashboard"}  # placeholders
    assert window.panels["alerts"].note_label.text().endswith("登录后显示")
    assert window.user is None and not window.sign_out_action.isEnabled()
    assert "（" not in window.windowTitle()  # no unacknowledged count of the last user
    dialog = session.dialog
    dialog.login_edit.setText("operator")
    dialog.password_edit.setText("demo")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: session.workspace is not None, timeout=5000)
    assert session.workspace.principal.login == "operator"  # type: ignore[union-attr]
    assert window.user is not None and window.user.login == "operator"

    def actions() -> list[tuple[str, str]]:
        with demo_store.reading() as conn:
            found = conn.execute(
                text(
                    "SELECT action, actor FROM audit_log WHERE action LIKE 'user.sign%'"
                    " ORDER BY seq"
                )
            )
            return [(a, b) for a, b in found]

    qtbot.waitUntil(lambda: ("user.sign_out", "supervisor") in actions(), timeout=5000)
    assert actions()[-2:] in (
        [("user.sign_out", "supervisor"), ("user.sign_in", "operator")],
        [("user.sign_in", "operator"), ("user.sign_out", "supervisor")],
    )
    session.close()


def test_the_gui_thread_never_runs_sql(qtbot: QtBot, demo_store: Store) -> None:
    """Signing in, the live queue, an acknowledgement and signing out: every
    statement runs on a worker thread, none on the GUI thread."""
    on_gui: list[str] = []

    def seen(conn, cursor, statement, *rest) -> None:  # type: ignore[no-untyped-def]
        if threading.current_thread() is threading.main_thread():
            on_gui.append(statement.split("\n")[0][:80])

    event.listen(demo_store.engine, "before_cursor_execute", seen)
    try:
        window, session = shown_session(qtbot, demo_store)
        workspace = signed_in(qtbot, session, "operator")
        qtbot.waitUntil(lambda: workspace.alerts.loads >= 1, timeout=5000)

        def ingest() -> None:  # the ingest service, in a thread of its own
            writer = IngestWriter(demo_store)
            writer.load_devices()
            writer.write_batch([alert("g1", severity=3)])

        feeder = threading.Thread(target=ingest)
        feeder.start()
        feeder.join()
        panel = workspace.alert_panel
        qtbot.waitUntil(lambda: len(panel.alarms()) == 1, timeout=5000)
        panel.select_alarm(panel.alarms()[0].id)
        panel.acknowledge_selected()
        qtbot.waitUntil(lambda: panel.unacknowledged == 0, timeout=5000)
        window.sign_out_action.trigger()
        qtbot.waitUntil(lambda: session.dialog is not None, timeout=5000)
        session.close()
    finally:
        event.remove(demo_store.engine, "before_cursor_execute", seen)
    assert on_gui == []
