"""Export report (menu View › Export report…, Ctrl+Shift+R; issue 14): the dialog
asks which days, grid cells, format and file; the report is made and written off
the GUI thread (``Jobs``) by ``services.stats.report_files.write_report``, the
code path of ``youyi-console report``.

While it is made a small progress dialog shows; then the status bar says where
it went and a message box offers to open it; a refusal (a grid cell not the
user's, a folder that cannot be written) is a message box with the one-line
reason, and no file is left half-written.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMainWindow, QMessageBox, QProgressDialog

from console.jobs import Jobs
from services.db.store import Store
from services.domain import Principal
from services.errors import ServiceError
from services.stats.report_files import MAX_DAYS, report_cells, write_report
from widgets.report_dialog import ReportDialog, ReportRequest

log = logging.getLogger(__name__)


class ReportFlow(QObject):
    """Opens the Export report dialog and makes the report it asks for."""

    def __init__(
        self,
        window: QMainWindow,
        store: Store,
        principal: Principal,
        jobs: Jobs,
        notify: Callable[[str], None],
    ) -> None:
        super().__init__()
        self.window, self.store, self.principal = window, store, principal
        self.jobs, self.notify = jobs, notify
        self.dialog: ReportDialog | None = None
        self.progress: QProgressDialog | None = None
        self.written: Path | None = None  # the last report written
        self.failure = ""  # the last refusal's reason
        self._opening = self._closed = False

    @property
    def busy(self) -> bool:
        """A report is being made."""
        return self.progress is not None

    def open(self) -> None:
        """Show the dialog (once the grid cells the user may choose are read)."""
        if self._closed or self._opening or self.busy:
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        self._opening = True
        store, principal = self.store, self.principal
        self.jobs.submit(lambda: report_cells(store, principal), self._show, self._not_opened)

    def _show(self, cells: list[tuple[str, str]]) -> None:
        self._opening = False
        if self._closed:
            return
        self.dialog = ReportDialog(
            cells, scoped=self.principal.scoped, max_days=MAX_DAYS, parent=self.window
        )
        self.dialog.finished.connect(self._on_dialog_finished)
        self.dialog.open()  # modal to the window; the answer comes with ``finished``

    def _not_opened(self, exc: BaseException) -> None:
        self._opening = False
        log.warning("grid cells for the report not read: %s", exc, exc_info=exc)
        self.notify(self.tr("Report not exported: %1").replace("%1", _one_line(exc)))

    def _on_dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is None:
            return
        request = dialog.answer()
        dialog.deleteLater()
        if request is not None and not self._closed:
            self.export(request)

    def export(self, request: ReportRequest) -> None:
        """Make the report ``request`` asks for, off the GUI thread."""
        if self._closed or self.busy:
            return
        self.progress = QProgressDialog(self.tr("Making the report…"), "", 0, 0, self.window)
        self.progress.setObjectName("reportProgress")
        self.progress.setWindowTitle(self.tr("Export report"))
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        store, principal, r = self.store, self.principal, request

        def make() -> int:
            return write_report(store, principal, r.date_from, r.date_to, r.grids, r.fmt, r.path)

        self.jobs.submit(make, lambda size: self._written(r, size), self._failed)

    def _written(self, request: ReportRequest, size: int) -> None:
        self._stop_progress()
        self.written, self.failure = request.path, ""
        self.notify(self.tr("Report written to %1").replace("%1", str(request.path)))
        text = self.tr("The report of %1 … %2 is written to\n%3").replace(
            "%1", request.date_from.isoformat()
        )
        text = text.replace("%2", request.date_to.isoformat()).replace("%3", str(request.path))
        buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close
        answer = QMessageBox.information(
            self.window,
            self.tr("Report exported"),
            text,
            buttons,
            QMessageBox.StandardButton.Close,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(request.path)))
        log.info("report written to %s (%d bytes)", request.path, size)

    def _failed(self, exc: BaseException) -> None:
        self._stop_progress()
        if isinstance(exc, ServiceError):
            log.info("report refused: %s", exc)
        else:
            log.error("report failed", exc_info=exc)
        self.failure = _one_line(exc)
        self.notify(self.tr("Report not exported: %1").replace("%1", self.failure))
        QMessageBox.warning(self.window, self.tr("Report not exported"), self.failure)

    def _stop_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def close(self) -> None:
        """Signed out: the menu item off and disconnected, the dialog closed; a
        report still being made is dropped with the workspace's jobs."""
        self._closed = True
        action = getattr(self.window, "report_action", None)
        if action is not None:
            with warnings.catch_warnings():  # it may never have been connected
                warnings.simplefilter("ignore", RuntimeWarning)
                action.triggered.disconnect(self.open)
            action.setEnabled(False)
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.close()
            dialog.deleteLater()
        self._stop_progress()


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
