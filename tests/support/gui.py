"""Helpers the GUI tests share."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from console.app import build_window, create_app
from console.main_window import MainWindow
from console.session import Session
from console.workspace import Workspace
from services.db.store import Store
from services.domain import AlarmState, QueuedAlarm

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
        state=AlarmState(state),
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


def shown_session(qtbot: QtBot, store: Store) -> tuple[MainWindow, Session]:
    """The console's window shown in Chinese on ``store``, nobody signed in yet."""
    window, _ = build_window(create_app(), store.label, "zh_CN")
    qtbot.addWidget(window)
    window.show()
    return window, Session(window, store, "zh_CN")


def signed_in(qtbot: QtBot, session: Session, login: str) -> Workspace:
    """``login`` signed in without a password (as the demo does), once the
    database worker has read who they are: the workspace built for them."""
    session.sign_in_as(login)
    qtbot.waitUntil(lambda: session.workspace is not None, timeout=5000)
    assert session.workspace is not None
    return session.workspace
