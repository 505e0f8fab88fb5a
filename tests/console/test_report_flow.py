"""Export report in the console (View › Export report…): the dialog's request
made into a file off the GUI thread through the command line's code path; its
figures those of the orders raised here; a supervisor kept to their own grid
cells; a path that cannot be written a message box and no file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from console.app import build_window, create_app
from console.jobs import Jobs
from console.main_window import MainWindow
from console.report_flow import ReportFlow
from services.db.store import Store
from services.domain import OrderState, Principal, Role
from services.workflow.orders import WorkOrderService
from tests.support.store import PATH, drive, raise_order
from widgets.report_dialog import ReportDialog, ReportRequest

DAY = QDate(2026, 11, 23)  # the FakeClock's day in Shanghai
OPERATOR = Principal(1, "wang", "王伟", Role.OPERATOR)
SUPERVISOR = Principal(2, "li", "李娜", Role.SUPERVISOR, frozenset({"G11"}))


class Boxes:
    """The message boxes shown (QMessageBox's statics, answered at once) and the
    files handed to the desktop to open."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton):
        self.shown: list[tuple[str, str, str]] = []
        self.opened: list[QUrl] = []

        def box(kind: str) -> object:
            def show(_parent: QWidget, title: str, text: str, *_a: object) -> object:
                self.shown.append((kind, title, text))
                return answer

            return show

        monkeypatch.setattr(QMessageBox, "information", box("information"))
        monkeypatch.setattr(QMessageBox, "warning", box("warning"))
        monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: self.opened.append(url))


@pytest.fixture
def jobs() -> Iterator[Jobs]:
    jobs = Jobs("report-test")
    yield jobs
    jobs.close(wait=True)


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window, _ = build_window(create_app(), "SQLite · test", "en")
    qtbot.addWidget(window)
    return window


def wired(
    window: MainWindow, store: Store, principal: Principal, jobs: Jobs, said: list[str]
) -> ReportFlow:
    """The flow as the workspace makes it once someone has signed in."""
    flow = ReportFlow(window, store, principal, jobs, said.append)
    window.report_action.triggered.connect(flow.open)
    window.report_action.setEnabled(True)
    return flow


def folder(tmp_path: Path) -> Path:
    """A folder of its own for the reports (the store's files are in ``tmp_path``)."""
    out = tmp_path / "reports"
    out.mkdir()
    return out


def asked(qtbot: QtBot, flow: ReportFlow, window: MainWindow) -> ReportDialog:
    window.report_action.trigger()
    qtbot.waitUntil(lambda: flow.dialog is not None and flow.dialog.isVisible(), timeout=5000)
    assert flow.dialog is not None
    return flow.dialog


def finish(qtbot: QtBot, flow: ReportFlow) -> None:
    qtbot.waitUntil(lambda: not flow.busy, timeout=30000)


def test_a_json_report_of_the_orders_raised_here(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    service: WorkOrderService,
    jobs: Jobs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drive(service, raise_order(service, "G11"), *PATH[OrderState.CLOSED])
    drive(service, raise_order(service, "G12"), *PATH[OrderState.NOT_FILED])
    raise_order(service, "G12")
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Open)
    said: list[str] = []
    flow = wired(window, store, OPERATOR, jobs, said)
    dialog = asked(qtbot, flow, window)
    assert len(dialog.grid_checks) == 9 and not dialog.scoped
    dialog.from_edit.setDate(DAY)
    dialog.to_edit.setDate(DAY)
    dialog.format_box.setCurrentIndex(dialog.format_box.findData("json"))
    out = folder(tmp_path) / "十一月.json"
    dialog.path_edit.setText(str(out))
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert flow.busy and flow.progress is not None and flow.progress.isVisible()
    finish(qtbot, flow)
    assert flow.written == out and flow.failure == ""
    report = json.loads(out.read_text(encoding="utf-8"))
    assert (report["date_from"], report["date_to"]) == ("2026-11-23", "2026-11-23")
    assert (report["orders_opened"], report["orders_closed"]) == (3, 1)
    assert (report["orders_not_filed"], report["closed_on_time"]) == (1, 1)
    assert report["by_grid"]["G12"]["orders_opened"] == 2
    assert report["grids"] is None and report["made_by"] == "wang"
    assert said == [f"Report written to {out}"]
    assert [(kind, title) for kind, title, _ in boxes.shown] == [("information", "Report exported")]
    assert str(out) in boxes.shown[0][2]
    assert boxes.opened == [QUrl.fromLocalFile(str(out))]  # "Open" was clicked
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary file left
    assert flow.dialog is None and flow.progress is None


def test_a_supervisors_pdf_covers_their_own_cells(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    service: WorkOrderService,
    jobs: Jobs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raise_order(service, "G11")
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Close)
    flow = wired(window, store, SUPERVISOR, jobs, [])
    dialog = asked(qtbot, flow, window)
    assert dialog.scoped and list(dialog.grid_checks) == ["G11"] and dialog.grids() == ()
    assert dialog.fmt() == "pdf"
    dialog.from_edit.setDate(DAY)
    dialog.to_edit.setDate(DAY)
    out = tmp_path / "r.pdf"
    dialog.path_edit.setText(str(out))
    dialog.accept()
    finish(qtbot, flow)
    assert out.read_bytes().startswith(b"%PDF")
    assert boxes.opened == []  # "Close": nothing opened
    flow.export(ReportRequest(DAY.toPython(), DAY.toPython(), (), "json", tmp_path / "r.json"))
    finish(qtbot, flow)
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["grids"] == ["G11"]


def test_refusals_are_a_message_box_and_no_file(
    qtbot: QtBot,
    window: MainWindow,
    store: Store,
    jobs: Jobs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    boxes = Boxes(monkeypatch, QMessageBox.StandardButton.Ok)
    said: list[str] = []
    flow = wired(window, store, SUPERVISOR, jobs, said)
    out = folder(tmp_path)
    (out / "a-file").write_text("x", encoding="utf-8")
    (out / "a-folder").mkdir()
    day = DAY.toPython()
    refusals = [
        (("G12",), out / "r.json", "grid cell G12 is not one of yours"),
        (("G99",), out / "r.json", "unknown grid cell 'G99'"),
        ((), out / "a-file" / "r.json", f"no folder {out / 'a-file'}"),
        ((), out / "a-folder", f"cannot write {out / 'a-folder'}: Is a directory"),
    ]
    for grids, path, reason in refusals:
        flow.export(ReportRequest(day, day, grids, "json", path))
        finish(qtbot, flow)
        assert reason in flow.failure and "\n" not in flow.failure
        assert boxes.shown[-1] == ("warning", "Report not exported", flow.failure)
        assert said[-1] == f"Report not exported: {flow.failure}"
    assert flow.written is None and len(boxes.shown) == len(refusals)
    assert sorted(p.name for p in out.iterdir()) == ["a-file", "a-folder"]
    assert list((out / "a-folder").iterdir()) == []


def test_the_menu_item_waits_for_a_session(
    qtbot: QtBot, window: MainWindow, store: Store, jobs: Jobs
) -> None:
    action = window.report_action
    assert action.objectName() == "reportAction" and action.text() == "&Export report…"
    assert action.shortcut().toString() == "Ctrl+Shift+R" and not action.isEnabled()
    entries = window.view_menu.actions()
    assert entries.index(action) == entries.index(window.big_screen_action) + 1
    flow = wired(window, store, OPERATOR, jobs, [])
    assert action.isEnabled()
    dialog = asked(qtbot, flow, window)
    flow.close()  # signed out: the dialog goes, the menu item is off and does nothing
    assert not dialog.isVisible() and flow.dialog is None and not action.isEnabled()
    action.setEnabled(True)
    action.trigger()
    qtbot.wait(50)
    assert flow.dialog is None and jobs.pending == 0
