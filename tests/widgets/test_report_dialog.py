"""The Export report dialog: the month so far by default, the request it hands
back, OK held back (with a line saying why) while the range or the file is wrong,
the file's suffix following the format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QStandardPaths
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from widgets.report_dialog import (
    ReportDialog,
    ReportRequest,
    district_today,
    documents_folder,
    with_suffix,
)

CELLS = [("G11", "友谊一网格"), ("G12", "友谊二网格"), ("G21", "友谊四网格")]
TODAY = date(2026, 11, 24)


def dialog(qtbot: QtBot, tmp_path: Path, **kw: object) -> ReportDialog:
    shown = ReportDialog(CELLS, today=TODAY, folder=tmp_path, **kw)  # type: ignore[arg-type]
    qtbot.addWidget(shown)
    shown.show()
    return shown


def ok(shown: ReportDialog) -> QWidget:
    return shown.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_defaults_the_month_so_far_as_pdf_in_the_folder(qtbot: QtBot, tmp_path: Path) -> None:
    shown = dialog(qtbot, tmp_path)
    assert shown.objectName() == "reportDialog" and shown.windowTitle() == "Export report"
    assert (shown.date_from(), shown.date_to()) == (date(2026, 11, 1), TODAY)
    assert shown.from_edit.calendarPopup() and shown.to_edit.calendarPopup()
    assert shown.fmt() == "pdf" and shown.grids() == ()
    assert shown.path_edit.text() == str(tmp_path / "report_2026-11-01_2026-11-24.pdf")
    assert ok(shown).isEnabled() and not shown.problem_label.isVisible()
    assert shown.grid_note.text() == "None checked: the whole district."
    assert [check.text() for check in shown.grid_checks.values()] == [f"{c}  {n}" for c, n in CELLS]
    assert shown.labels["grids"].buddy() is shown.grid_checks["G11"]
    assert shown.answer() is None  # still open
    assert shown.request() == ReportRequest(
        date(2026, 11, 1), TODAY, (), "pdf", tmp_path / "report_2026-11-01_2026-11-24.pdf"
    )


def test_the_request_accepted(qtbot: QtBot, tmp_path: Path) -> None:
    shown = dialog(qtbot, tmp_path, scoped=True)
    assert shown.grid_note.text() == "None checked: all your grid cells."
    shown.from_edit.setDate(QDate(2026, 10, 1))
    shown.to_edit.setDate(QDate(2026, 10, 31))
    shown.set_grids(["G21", "G11"])
    shown.format_box.setCurrentIndex(shown.format_box.findData("json"))
    ok(shown).click()
    assert shown.answer() == ReportRequest(
        date(2026, 10, 1),
        date(2026, 10, 31),
        ("G11", "G21"),
        "json",
        tmp_path / "report_2026-10-01_2026-10-31.json",
    )


def test_cancelled_answers_nothing(qtbot: QtBot, tmp_path: Path) -> None:
    shown = dialog(qtbot, tmp_path)
    shown.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
    assert shown.answer() is None


def test_ok_held_back_while_the_range_or_the_file_is_wrong(qtbot: QtBot, tmp_path: Path) -> None:
    shown = dialog(qtbot, tmp_path, max_days=367)
    shown.from_edit.setDate(QDate(2026, 11, 25))
    assert not ok(shown).isEnabled() and shown.request() is None
    assert shown.problem_label.isVisible()
    assert shown.problem_label.text() == "The first day is after the last one."
    shown.from_edit.setDate(QDate(2026, 11, 24))  # one day is a range
    assert ok(shown).isEnabled() and not shown.problem_label.isVisible()
    shown.from_edit.setDate(QDate(2025, 11, 22))  # 368 days
    assert shown.problem_label.text() == "A report covers at most 367 days."
    assert not ok(shown).isEnabled()
    shown.from_edit.setDate(QDate(2025, 11, 23))  # 367
    assert ok(shown).isEnabled()
    shown.path_edit.setText("  ")
    assert not ok(shown).isEnabled()
    assert shown.problem_label.text() == "Name the file to write the report to."
    shown.path_edit.setText(str(tmp_path / "mine.csv"))
    assert ok(shown).isEnabled()


def test_the_suffix_follows_the_format(qtbot: QtBot, tmp_path: Path) -> None:
    shown = dialog(qtbot, tmp_path)
    shown.format_box.setCurrentIndex(shown.format_box.findData("html"))
    assert shown.path_edit.text() == str(tmp_path / "report_2026-11-01_2026-11-24.html")
    shown.to_edit.setDate(QDate(2026, 11, 20))  # a default name follows the days
    assert shown.path_edit.text() == str(tmp_path / "report_2026-11-01_2026-11-20.html")
    shown.path_edit.setText("/srv/share/十一月")  # chosen by hand: the days leave it be
    shown.to_edit.setDate(QDate(2026, 11, 21))
    assert shown.path_edit.text() == "/srv/share/十一月"
    shown.format_box.setCurrentIndex(shown.format_box.findData("csv"))
    assert shown.path_edit.text() == "/srv/share/十一月.csv"
    shown.format_box.setCurrentIndex(shown.format_box.findData("json"))
    assert shown.path_edit.text() == "/srv/share/十一月.json"
    assert with_suffix("a/b.PDF", "csv") == "a/b.csv" and with_suffix("a/b.v2", "pdf") == (
        "a/b.v2.pdf"
    )
    assert with_suffix("", "pdf") == ""


def test_browse_asks_for_a_file_of_the_format(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[str, str]] = []

    def save_as(_parent: QWidget, _title: str, start: str, filters: str) -> tuple[str, str]:
        asked.append((start, filters))
        return str(tmp_path / "chosen"), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    shown = dialog(qtbot, tmp_path)
    shown.format_box.setCurrentIndex(shown.format_box.findData("csv"))
    shown.browse_button.click()
    assert asked == [(str(tmp_path / "report_2026-11-01_2026-11-24.csv"), "CSV (*.csv)")]
    assert shown.path_edit.text() == str(tmp_path / "chosen.csv")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: ("", ""))
    shown.browse_button.click()  # cancelled: the file stays
    assert shown.path_edit.text() == str(tmp_path / "chosen.csv")


def test_the_default_folder_is_documents_and_today_is_the_districts(qtbot: QtBot) -> None:
    shown = ReportDialog(CELLS)
    qtbot.addWidget(shown)
    today = district_today()
    assert (shown.date_from(), shown.date_to()) == (today.replace(day=1), today)
    assert Path(shown.path_edit.text()).parent == shown.folder == documents_folder()
    where = QStandardPaths.StandardLocation.DocumentsLocation
    documents = Path(QStandardPaths.writableLocation(where))
    assert documents_folder() == (documents if documents.is_dir() else Path.home())
