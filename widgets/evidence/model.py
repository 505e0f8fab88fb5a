"""The evidence browser's list: one row an item, its thumbnail once made."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from services.district.timezone import district_tz
from services.domain import EvidenceItem, EvidenceKind
from widgets.labels import label

_Index = QModelIndex | QPersistentModelIndex
ItemRole = Qt.ItemDataRole.UserRole + 1
THUMB = 64
FLAGGED = QColor("#ffb020")
DISTRICT_TZ = district_tz()


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COLUMNS = (
    QT_TRANSLATE_NOOP("EvidenceList", "File"),
    QT_TRANSLATE_NOOP("EvidenceList", "Kind"),
    QT_TRANSLATE_NOOP("EvidenceList", "Captured"),
    QT_TRANSLATE_NOOP("EvidenceList", "Officer"),
    QT_TRANSLATE_NOOP("EvidenceList", "Grid"),
    QT_TRANSLATE_NOOP("EvidenceList", "Review"),
    QT_TRANSLATE_NOOP("EvidenceList", "Orders"),
)


class EvidenceListModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[EvidenceItem] = []
        self._thumbs: dict[int, QIcon] = {}

    def set_items(self, items: Sequence[EvidenceItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def set_thumbnail(self, item_id: int, image: QImage) -> None:
        self._thumbs[item_id] = QIcon(QPixmap.fromImage(image))
        row = self.row_of(item_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def has_thumbnail(self, item_id: int) -> bool:
        return item_id in self._thumbs

    def replace(self, item: EvidenceItem) -> None:
        """An item changed (a verdict, an order attached): its row follows."""
        row = self.row_of(item.id)
        if row >= 0:
            self._items[row] = item
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def item(self, row: int) -> EvidenceItem | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def items(self) -> list[EvidenceItem]:
        return list(self._items)

    def row_of(self, item_id: int) -> int:
        return next((i for i, it in enumerate(self._items) if it.id == item_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("EvidenceList", COLUMNS[section])
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item(index.row())
        if item is None:
            return None
        column = index.column()
        if role == ItemRole:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._thumbs.get(item.id) or _kind_icon(item.kind)
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and not item.decodes:
            return FLAGGED
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return item.flag or item.name
        return None

    def _text(self, item: EvidenceItem, column: int) -> str:
        if column == 0:
            return item.name
        if column == 1:
            return label("evidence_kind", item.kind)
        if column == 2:
            return local_time(item)
        if column == 3:
            return item.officer or "—"
        if column == 4:
            return item.grid or "—"
        if column == 5:
            if item.verdict is None:
                return QCoreApplication.translate("EvidenceList", "Not reviewed")
            return label("verdict", item.verdict)
        return str(len(item.orders)) if item.orders else "—"


def _kind_icon(kind: EvidenceKind) -> QIcon:
    """The style's icon for an item without a thumbnail (a clip, a sound, a PDF)."""
    pixmap = {
        EvidenceKind.VIDEO: QStyle.StandardPixmap.SP_MediaPlay,
        EvidenceKind.AUDIO: QStyle.StandardPixmap.SP_MediaVolume,
        EvidenceKind.DOCUMENT: QStyle.StandardPixmap.SP_FileIcon,
    }.get(kind, QStyle.StandardPixmap.SP_FileIcon)
    return QApplication.style().standardIcon(pixmap)


def local_time(item: EvidenceItem) -> str:
    """When it was captured, in the district's time (— when unknown)."""
    if item.captured_at is None:
        return "—"
    return item.captured_at.astimezone(DISTRICT_TZ).strftime("%Y-%m-%d %H:%M:%S")
