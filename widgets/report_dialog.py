"""Export report (导出统计报表): which days, which grid cells, which format, which file.

Plain values in and out: the dialog is given the grid cells the user may see, as
(code, name), and ``answer()`` hands back a ``ReportRequest`` once accepted. No
cell checked means all of them: the whole district, or all of a supervisor's own
cells. OK stays disabled, with a line saying why, while the range is backwards or
too long or no file is named. The console makes the report (console/report_flow.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QEvent, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from services.district.timezone import district_tz

#: The formats offered, the first the default: (format, its name, the file's suffix).
FORMATS = (
    ("pdf", "PDF", ".pdf"),
    ("html", "HTML", ".html"),
    ("csv", "CSV", ".csv"),
    ("json", "JSON", ".json"),
)
SUFFIXES = {fmt: suffix for fmt, _name, suffix in FORMATS}
GRID_COLUMNS = 3
GRID_ROWS_SHOWN = 6  # more cells than these rows hold scroll


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """A report asked for: the local days ``date_from`` … ``date_to`` (both included),
    the grid cells (empty: all the user may see), the format, the file to write."""

    date_from: date
    date_to: date
    grids: tuple[str, ...]
    fmt: str
    path: Path


def district_today() -> date:
    """Today in the district's zone (calendar.toml), whatever the workstation's zone."""
    return datetime.now(UTC).astimezone(district_tz()).date()


def documents_folder() -> Path:
    """The user's Documents folder, or their home folder where there is none."""
    where = QStandardPaths.StandardLocation.DocumentsLocation
    documents = Path(QStandardPaths.writableLocation(where))
    return documents if documents.is_dir() else Path.home()


def with_suffix(path: str, fmt: str) -> str:
    """``path`` ending in ``fmt``'s suffix: another format's replaced, else added."""
    if not path:
        return path
    p = Path(path)
    if p.suffix.lower() in SUFFIXES.values():
        p = p.with_suffix("")
    return str(p.with_name(p.name + SUFFIXES[fmt]))


class ReportDialog(QDialog):
    def __init__(
        self,
        cells: Sequence[tuple[str, str]],
        *,
        scoped: bool = False,
        max_days: int | None = None,
        today: date | None = None,
        folder: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``cells``: the grid cells the user may see, (code, name); ``scoped``: they
        are a supervisor's own; ``max_days``: the longest range; ``today``: the
        district's (the range starts on the first of its month); ``folder``: where
        the file goes unless one is chosen (``documents_folder()``)."""
        super().__init__(parent)
        self.setObjectName("reportDialog")
        self.scoped, self.max_days = scoped, max_days
        today = today or district_today()
        self.folder = folder or documents_folder()
        self.from_edit = _date_edit(self, today.replace(day=1), "reportFrom")
        self.to_edit = _date_edit(self, today, "reportTo")
        self.grid_checks = {code: QCheckBox(_cell_text(code, name), self) for code, name in cells}
        self.grid_box = _grid_box(self, list(self.grid_checks.values()))
        self.grid_box.setObjectName("reportGrids")
        self.grid_note = QLabel(self)
        self.grid_note.setObjectName("reportGridNote")
        self.format_box = QComboBox(self)
        self.format_box.setObjectName("reportFormat")
        for fmt, name, _suffix in FORMATS:
            self.format_box.addItem(name, fmt)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("reportPath")
        self.browse_button = QPushButton(self)
        self.browse_button.setObjectName("reportBrowse")
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("reportProblem")
        self.problem_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self._retranslate()
        self._auto_path = self.default_path()
        self.path_edit.setText(self._auto_path)
        self.from_edit.dateChanged.connect(self._on_range_changed)
        self.to_edit.dateChanged.connect(self._on_range_changed)
        self.format_box.currentIndexChanged.connect(self._on_format_box_changed)
        self.path_edit.textChanged.connect(self._on_path_edit_text_changed)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self._check()
        self.from_edit.setFocus()

    def _lay_out(self) -> None:
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse_button)
        grids = QVBoxLayout()
        grids.addWidget(self.grid_box)
        grids.addWidget(self.grid_note)
        fields: list[tuple[str, QWidget, QWidget | QHBoxLayout | QVBoxLayout]] = [
            ("from", self.from_edit, self.from_edit),
            ("to", self.to_edit, self.to_edit),
            ("grids", next(iter(self.grid_checks.values()), self.grid_box), grids),
            ("format", self.format_box, self.format_box),
            ("file", self.path_edit, where),
        ]
        for key, buddy, field in fields:
            caption = QLabel(self)
            caption.setBuddy(buddy)
            self.labels[key] = caption
            form.addRow(caption, field)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem_label)
        box.addWidget(self.buttons)
        self.setMinimumWidth(600)

    # --- what is chosen ------------------------------------------------------------

    def date_from(self) -> date:
        return _day(self.from_edit.date())

    def date_to(self) -> date:
        return _day(self.to_edit.date())

    def fmt(self) -> str:
        return str(self.format_box.currentData())

    def grids(self) -> tuple[str, ...]:
        """The cells checked, in the order given (none: all the user may see)."""
        return tuple(code for code, check in self.grid_checks.items() if check.isChecked())

    def set_grids(self, codes: Sequence[str]) -> None:
        for code, check in self.grid_checks.items():
            check.setChecked(code in codes)

    def default_path(self) -> str:
        """The file unless one is chosen: ``报表_<from>_<to>.<format>`` in the folder."""
        start = self.tr("report", "the start of a report's file name (报表)")
        name = f"{start}_{self.date_from()}_{self.date_to()}"
        return with_suffix(str(self.folder / name), self.fmt())

    def problem(self) -> str:
        """Why the report cannot be asked for as it stands ("": it can)."""
        span = (self.date_to() - self.date_from()).days + 1
        if span < 1:
            return self.tr("The first day is after the last one.")
        if self.max_days is not None and span > self.max_days:
            return self.tr("A report covers at most %1 days.").replace("%1", str(self.max_days))
        if not self.path_edit.text().strip():
            return self.tr("Name the file to write the report to.")
        return ""

    def request(self) -> ReportRequest | None:
        """What is asked for as it stands; None while ``problem()`` says why not."""
        if self.problem():
            return None
        path = Path(self.path_edit.text().strip()).expanduser()
        return ReportRequest(self.date_from(), self.date_to(), self.grids(), self.fmt(), path)

    def answer(self) -> ReportRequest | None:
        """The request once accepted; None when cancelled (or still open)."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        return self.request()

    # --- reactions -----------------------------------------------------------------

    def _check(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def _on_path_edit_text_changed(self, text: str) -> None:
        self.path_edit.setToolTip(text)  # the whole of a long path
        self._check()

    def _on_range_changed(self) -> None:
        if self.path_edit.text() == self._auto_path:  # not chosen by hand: follows the days
            self._auto_path = self.default_path()
            self.path_edit.setText(self._auto_path)
        self._check()

    def _on_format_box_changed(self) -> None:
        following = self.path_edit.text() == self._auto_path
        self._auto_path = self.default_path()
        text = self.path_edit.text().strip()
        self.path_edit.setText(self._auto_path if following else with_suffix(text, self.fmt()))

    def _on_browse_button_clicked(self) -> None:
        fmt = self.fmt()
        name = self.format_box.currentText()
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export report"),
            self.path_edit.text().strip() or self.default_path(),
            f"{name} (*{SUFFIXES[fmt]})",
        )
        if chosen:
            self.path_edit.setText(with_suffix(chosen, fmt))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export report"))
        texts = {
            "from": self.tr("&From"),
            "to": self.tr("&To"),
            "grids": self.tr("&Grid cells"),
            "format": self.tr("F&ormat"),
            "file": self.tr("F&ile"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.grid_note.setText(
            self.tr("None checked: all your grid cells.")
            if self.scoped
            else self.tr("None checked: the whole district.")
        )
        self.browse_button.setText(self.tr("&Browse…"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export"))
        if hasattr(self, "_auto_path"):  # a switch of language while open
            if self.path_edit.text() == self._auto_path:
                self._auto_path = self.default_path()
                self.path_edit.setText(self._auto_path)
            self._check()


def _cell_text(code: str, name: str) -> str:
    return f"{code}  {name}" if name and name != code else code


def _grid_box(parent: QWidget, checks: list[QCheckBox]) -> QWidget:
    """The cells' check boxes three to a row, as the nine-grid lies; a long list
    of cells scrolls."""
    inner = QWidget(parent)
    layout = QGridLayout(inner)
    layout.setContentsMargins(0, 0, 0, 0)
    for n, check in enumerate(checks):
        layout.addWidget(check, n // GRID_COLUMNS, n % GRID_COLUMNS)
    if len(checks) <= GRID_COLUMNS * GRID_ROWS_SHOWN:
        return inner
    scroll = QScrollArea(parent)
    scroll.setWidget(inner)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    row = checks[0].sizeHint().height() + layout.verticalSpacing()
    scroll.setFixedHeight(GRID_ROWS_SHOWN * row)
    return scroll


def _date_edit(parent: QWidget, day: date, name: str) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(d: QDate) -> date:
    return date(d.year(), d.month(), d.day())
