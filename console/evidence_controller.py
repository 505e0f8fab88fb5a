"""The evidence window for officers and administrators: the browser wired to the
evidence service, every read and write off the GUI thread; thumbnails made on
the worker; a file taken in from the console with a progress dialog; an item
opened only after its stored bytes were checked (TAMPERED otherwise)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader
from PySide6.QtWidgets import QDialog, QFileDialog, QProgressDialog, QVBoxLayout, QWidget

from console.jobs import Jobs
from services.db.store import Store
from services.domain import EvidenceFilter, EvidenceItem, EvidenceKind, Principal, Verdict
from services.errors import NotFoundError, ServiceError, TamperedEvidenceError
from services.evidence.export import ExportResult, export_order
from services.evidence.intake import IntakeReport, IntakeRequest, Progress
from services.evidence.service import EvidenceService
from services.evidence.signing import EvidenceSigner
from services.evidence.vault import Vault
from widgets.evidence.browser import EvidenceBrowser
from widgets.evidence.model import THUMB

log = logging.getLogger(__name__)


def clip_thumbnail(path: Path) -> QImage | None:
    """The first picture of a clip, small, made on the worker thread (PyAV)."""
    try:
        import av

        with av.open(str(path)) as container:
            if not container.streams.video:
                return None
            frame = next(iter(container.decode(container.streams.video[0])), None)
            if frame is None:
                return None
            rgb = frame.to_ndarray(format="rgb24")
    except Exception:
        log.debug("no thumbnail of %s", path, exc_info=True)
        return None
    height, width = rgb.shape[0], rgb.shape[1]
    image = QImage(rgb.tobytes(), width, height, 3 * width, QImage.Format.Format_RGB888)
    return image.scaled(
        QSize(THUMB, THUMB),
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )


def thumbnail(path: Path) -> QImage | None:
    """A small picture of a photograph (upright), made on the worker thread."""
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and size.width() > 0 and size.height() > 0:
        reader.setScaledSize(size.scaled(QSize(THUMB, THUMB), Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class EvidenceController(QObject):
    _progress = Signal(object)  # Progress, from the worker thread

    def __init__(
        self,
        store: Store,
        principal: Principal,
        grids: list[str],
        notify: Callable[[str], None],
        open_order: Callable[[int], None],
        show_on_map: Callable[[float, float], None],
        parent: QWidget,
        console: str,
        vault: Vault | None = None,
    ) -> None:
        super().__init__(parent)
        self.principal, self.notify = principal, notify
        self.open_order, self.show_on_map = open_order, show_on_map
        self.service = EvidenceService(store, vault or Vault(), console=console)
        self.jobs = Jobs("evidence")
        self.window = QDialog(parent)
        self.window.setObjectName("evidenceWindow")
        self.window.resize(1280, 800)
        self.browser = EvidenceBrowser(grids, self.window)
        layout = QVBoxLayout(self.window)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
        self.window.setWindowTitle(self.tr("Evidence"))
        self.window.finished.connect(lambda _r: self.browser.close_media())
        b, d = self.browser, self.browser.detail
        b.filter_changed.connect(self.load)
        b.item_selected.connect(self.open_item)
        b.thumbnails_wanted.connect(self._make_thumbnails)
        b.export_requested.connect(self.ask_export)
        d.verdict_requested.connect(self.set_verdict)
        d.attach_requested.connect(self.attach)
        d.detach_requested.connect(self.detach)
        d.open_order_requested.connect(self.open_order)
        d.show_on_map_requested.connect(self.show_on_map)
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.progress: QProgressDialog | None = None
        self.last_report: IntakeReport | None = None
        self.last_export: ExportResult | None = None

    def show(self, order_id: int | None = None) -> None:
        """The window, on every item or on the items of one order."""
        self.window.show()
        self.window.raise_()
        if order_id is not None:
            self.load(EvidenceFilter(order_id=order_id))
        else:
            self.browser.apply_filter()

    def close(self) -> None:
        self.browser.close_media()
        self.window.close()
        self.jobs.close()

    # --- reading -----------------------------------------------------------------------

    def load(self, flt: EvidenceFilter) -> None:
        p, number = self.principal, self.browser.order_number()

        def read() -> list[EvidenceItem]:
            wanted = flt
            if number and wanted.order_id is None:
                try:
                    wanted = replace(flt, order_id=self.service.order_id(number))
                except NotFoundError:
                    return []
            return self.service.items(p, wanted)

        self.jobs.submit(read, self.browser.set_items, self.failed)

    def open_item(self, item_id: int) -> None:
        self.browser.close_media()
        if not item_id:
            return
        p = self.principal

        def read() -> tuple[Any, ...]:
            try:
                item, path = self.service.open(p, item_id)
            except TamperedEvidenceError as exc:
                return ("tampered", self.service.item(p, item_id), exc.missing,
                        self.service.custody(p, item_id))  # fmt: skip
            numbers = self.service.order_numbers(list(item.orders))
            orders = [(i, numbers.get(i, str(i))) for i in item.orders]
            return ("ok", item, path, self.service.custody(p, item_id), orders)

        self.jobs.submit(read, self._opened, self.failed)

    def _opened(self, found: tuple[Any, ...]) -> None:
        if found[1].id != self.browser.selected_id():
            return  # another one was picked meanwhile
        if found[0] == "tampered":
            _, item, missing, steps = found
            self.browser.show_tampered(item, missing, steps)
            self.notify(self.browser.detail.banner.text())
        else:
            _, item, path, steps, orders = found
            self.browser.show_item(item, path, steps, orders)

    def _make_thumbnails(self, ids: list[int]) -> None:
        items = {i.id: i for i in self.browser.model.items() if i.id in set(ids)}
        vault = self.service.vault

        def make() -> list[tuple[int, QImage]]:
            made = []
            for item in items.values():
                if not item.decodes:
                    continue
                path = vault.path_of(item.sha256)
                if item.kind is EvidenceKind.IMAGE:
                    image = thumbnail(path)
                elif item.kind is EvidenceKind.VIDEO:
                    image = clip_thumbnail(path)
                else:
                    continue
                if image is not None:
                    made.append((item.id, image))
            return made

        def show(made: list[tuple[int, QImage]]) -> None:
            for item_id, image in made:
                self.browser.set_thumbnail(item_id, image)

        self.jobs.submit(make, show, self.failed)

    # --- acting --------------------------------------------------------------------------

    def set_verdict(self, item_id: int, verdict: Verdict, note: str) -> None:
        p = self.principal
        self.jobs.submit(
            lambda: self.service.set_verdict(p, item_id, verdict, note), self._changed, self.failed
        )

    def attach(self, item_id: int, number: str) -> None:
        p = self.principal
        self.jobs.submit(
            lambda: self.service.attach(p, item_id, number), self._changed, self.failed
        )

    def detach(self, item_id: int, order_id: int) -> None:
        p = self.principal

        def step() -> EvidenceItem:
            number = self.service.order_numbers([order_id]).get(order_id, str(order_id))
            return self.service.detach(p, item_id, number)

        self.jobs.submit(step, self._changed, self.failed)

    def _changed(self, item: EvidenceItem) -> None:
        self.browser.item_changed(item)
        if item.id == self.browser.selected_id():
            self.open_item(item.id)

    def ask_export(self, number: str) -> None:
        """The order's evidence into a new folder named after it, in a folder asked for."""
        where = QFileDialog.getExistingDirectory(self.window, self.tr("Export to"))
        if where:
            self.export(number, Path(where) / number)

    def export(self, number: str, out: Path) -> None:
        p, store, vault = self.principal, self.service.store, self.service.vault
        console = self.service.console

        def run() -> ExportResult:
            return export_order(
                store, p, number, out, vault.root, EvidenceSigner(), console=console
            )

        self.jobs.submit(run, self._exported, self.failed)

    def _exported(self, result: ExportResult) -> None:
        self.last_export = result
        text = self.tr("%1 files of %2 exported to %3, signed by key %4")
        for n, value in enumerate(
            (result.files, result.order, result.out_dir, result.fingerprint), start=1
        ):
            text = text.replace(f"%{n}", str(value))
        self.notify(text)

    def ask_import(self) -> None:
        """File → Take in evidence…: files or a folder, then a progress dialog."""
        paths, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Take in evidence"))
        if paths:
            self.take_in([Path(p) for p in paths])

    def take_in(self, paths: list[Path], order: str | None = None) -> None:
        self.progress = QProgressDialog(self.tr("Taking evidence in…"), "", 0, 100, self.window)
        self.progress.setObjectName("evidenceProgress")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.show()
        p, request = self.principal, IntakeRequest(paths, order=order)
        self.jobs.submit(
            lambda: self.service.take_in(p, request, self._progress.emit),
            self._taken_in,
            self.failed,
        )

    def _on_progress(self, progress: Progress) -> None:
        if self.progress is not None and progress.bytes_total:
            self.progress.setValue(int(100 * progress.bytes_done / progress.bytes_total))

    def _taken_in(self, report: IntakeReport) -> None:
        self.last_report = report
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        refused = report.refused
        text = self.tr("%1 taken in, %2 refused").replace(
            "%1", str(len(report.files) - len(refused))
        )
        self.notify(text.replace("%2", str(len(refused))))
        for r in refused:
            self.notify(f"{r.source}: {r.reason}")
        self.browser.apply_filter()

    def failed(self, exc: BaseException) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress = None
        if isinstance(exc, ServiceError):
            self.browser.detail.show_error(str(exc))
            self.notify(str(exc))
        else:
            log.error("evidence action failed", exc_info=exc)
            self.notify(self.tr("The action failed: %1").replace("%1", str(exc)))
