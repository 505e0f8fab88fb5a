"""The evidence browser (officers and administrators): filters, the list with
thumbnails, and the item under review.

Plain values out: ``filter_changed(EvidenceFilter)``, ``item_selected(id)``,
``thumbnails_wanted(ids)`` and the detail's requests (verdict, attach, detach,
open an order, show on the map).  In: ``set_items``, ``set_thumbnail``,
``show_item`` / ``show_tampered``, ``item_changed``."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelection, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from services.district.timezone import district_tz
from services.domain import CustodyStep, EvidenceFilter, EvidenceItem, EvidenceKind
from widgets.combos import refill
from widgets.evidence.detail import EvidenceDetail
from widgets.evidence.model import THUMB, EvidenceListModel, ItemRole
from widgets.labels import label

TYPING_MS = 300
PERIODS = (("all", 0), ("day", 1), ("week", 7), ("month", 30))


class EvidenceBrowser(QWidget):
    filter_changed = Signal(object)  # EvidenceFilter
    item_selected = Signal(int)  # 0: none
    thumbnails_wanted = Signal(list)  # item ids shown without a thumbnail yet
    export_requested = Signal(str)  # the work-order number typed in the filter

    def __init__(self, grids: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceBrowser")
        self.model = EvidenceListModel(self)
        self.officer = QLineEdit(self)
        self.order = QLineEdit(self)
        self.period = QComboBox(self)
        self.grid_box = QComboBox(self)
        self.kind_box = QComboBox(self)
        self.review_box = QComboBox(self)
        self._grids = list(grids)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_MS)
        self._typing.timeout.connect(self.apply_filter)
        for edit in (self.officer, self.order):
            edit.setClearButtonEnabled(True)
            edit.textChanged.connect(self._typing.start)
        self.table = QTableView(self)
        self.table.setObjectName("evidenceTable")
        self.table.setModel(self.model)
        self.table.setIconSize(QSize(THUMB, THUMB))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(THUMB + 6)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.count = QLabel(self)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("evidenceExport")
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export)
        self.order.textChanged.connect(
            lambda text: self.export_button.setEnabled(bool(text.strip()))
        )
        self.detail = EvidenceDetail(self)
        bar = QHBoxLayout()
        for w in (self.period, self.grid_box, self.kind_box, self.review_box):
            bar.addWidget(w)
        bar.addWidget(self.officer, 1)
        bar.addWidget(self.order, 1)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.table, 1)
        footer = QHBoxLayout()
        footer.addWidget(self.count, 1)
        footer.addWidget(self.export_button)
        left_layout.addLayout(footer)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)
        self._retranslate()
        for box in (self.period, self.grid_box, self.kind_box, self.review_box):
            box.currentIndexChanged.connect(self.apply_filter)

    # --- asked for ---------------------------------------------------------------------

    def current_filter(self, now: datetime | None = None) -> EvidenceFilter:
        days = int(self.period.currentData() or 0)
        since = None
        if days:
            local = (now or datetime.now(district_tz())).astimezone(district_tz())
            midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
            since = midnight - timedelta(days=days - 1)
        grid = self.grid_box.currentData()
        kind = self.kind_box.currentData()
        review = self.review_box.currentData()
        return EvidenceFilter(
            officer=self.officer.text().strip() or None,
            since=since,
            grids=frozenset({grid}) if grid else frozenset(),
            kinds=frozenset({EvidenceKind(kind)}) if kind else frozenset(),
            reviewed=None if review in (None, "") else review == "yes",
        )

    def order_number(self) -> str:
        """The order number typed in the filter (the console finds its id)."""
        return self.order.text().strip()

    def _on_export(self) -> None:
        if self.order_number():
            self.export_requested.emit(self.order_number())

    def apply_filter(self) -> None:
        self.filter_changed.emit(self.current_filter())

    # --- fed by the console -------------------------------------------------------------

    def set_items(self, items: Sequence[EvidenceItem]) -> None:
        selected = self.selected_id()
        self.model.set_items(items)
        self.count.setText(self.tr("%1 items").replace("%1", str(len(items))))
        if selected and self.select_item(selected):
            return
        self.detail.show_item(None)
        missing = [i.id for i in items if not self.model.has_thumbnail(i.id)]
        if missing:
            self.thumbnails_wanted.emit(missing)

    def set_thumbnail(self, item_id: int, image: QImage) -> None:
        self.model.set_thumbnail(item_id, image)

    def item_changed(self, item: EvidenceItem) -> None:
        """An item changed (reviewed, attached): its row follows."""
        self.model.replace(item)

    def show_item(
        self,
        item: EvidenceItem,
        path: Path | None,
        custody: Sequence[CustodyStep],
        orders: Sequence[tuple[int, str]] = (),
    ) -> None:
        self.model.replace(item)
        self.detail.show_item(item, path, custody, orders)

    def show_tampered(
        self, item: EvidenceItem, missing: bool, custody: Sequence[CustodyStep]
    ) -> None:
        self.detail.show_tampered(item, missing, custody)

    def select_item(self, item_id: int) -> bool:
        row = self.model.row_of(item_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def selected_id(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        item = self.model.data(rows[0], ItemRole) if rows else None
        return item.id if item is not None else 0

    def close_media(self) -> None:
        self.detail.close_media()

    # --- inside ------------------------------------------------------------------------

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.item_selected.emit(self.selected_id())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        names = {
            "all": self.tr("Any time"),
            "day": self.tr("Today"),
            "week": self.tr("Last 7 days"),
            "month": self.tr("Last 30 days"),
        }
        refill(self.period, [(str(d), names[n]) for n, d in PERIODS])
        everywhere = self.tr("Every grid")
        refill(self.grid_box, [(g, g) for g in self._grids], everywhere)
        kinds = [(k.value, label("evidence_kind", k)) for k in EvidenceKind]
        refill(self.kind_box, kinds, self.tr("Every kind"))
        reviews = [("no", self.tr("Not reviewed")), ("yes", self.tr("Reviewed"))]
        refill(self.review_box, reviews, self.tr("Reviewed or not"))
        self.officer.setPlaceholderText(self.tr("Officer"))
        self.order.setPlaceholderText(self.tr("Work-order number"))
        self.export_button.setText(self.tr("Export the order's evidence…"))
        self.export_button.setToolTip(
            self.tr("Originals, a signed manifest and a printable page, for a court or a complaint")
        )
