"""The status bar leaves room for a message beside its permanent labels."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from widgets.status_bar import ConsoleStatusBar


def test_a_message_has_room_left_of_the_permanent_labels(qtbot: QtBot) -> None:
    bar = ConsoleStatusBar()
    qtbot.addWidget(bar)
    bar.resize(1400, 30)
    bar.set_database("SQLite /home/operator/.local/share/youyi/console.db")
    bar.set_broker("消息总线 已连接 mqtt://127.0.0.1:1883", connected=True)
    bar.set_user("王 (值班员)")
    bar.show()
    qtbot.waitExposed(bar)
    bar.showMessage("工单 SJ-20261202-0001 已立案派遣")
    qtbot.wait(50)
    first = min(w.x() for w in (bar.database_label, bar.broker_label, bar.user_label))
    # The labels sit on the right; the message has the room left of them.
    assert first > bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    assert bar.currentMessage().startswith("工单")
