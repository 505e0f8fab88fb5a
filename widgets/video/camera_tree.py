"""The camera tree beside the video wall: block → grid cell → community → camera, built
from the catalogue's plain records. A camera dragged out of it carries its id (drop it
on a tile of the wall); a double click asks for the camera (``camera_activated``); the
filter box above it narrows the tree to the matching names and ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QTreeView, QVBoxLayout, QWidget

from services.domain import CameraEntry
from widgets.video.tile import TileCamera
from widgets.video.wall_slot import CAMERA_MIME, camera_mime

CAMERA_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # on camera items only
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2  # what the filter matches: name and code


def tile_camera(entry: CameraEntry) -> TileCamera:
    """What a wall tile needs of a catalogue entry. The tile names the community after
    the camera unless the camera's name says it already ("长滩一期主出入口")."""
    community = entry.community_name or ""
    if community and entry.name.startswith(community):
        community = ""
    return TileCamera(entry.id, entry.name, community, entry.main_url, entry.sub_url)


def _group(text: str, code: str) -> QStandardItem:
    item = QStandardItem(text)
    item.setData(f"{text} {code}", SEARCH_ROLE)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _camera_item(entry: CameraEntry) -> QStandardItem:
    item = QStandardItem(entry.name)
    item.setData(entry.id, CAMERA_ID_ROLE)
    item.setData(f"{entry.name} {entry.id}", SEARCH_ROLE)
    item.setToolTip(entry.id)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    item.setFlags(flags | Qt.ItemFlag.ItemIsDragEnabled)
    return item


def _tree_order(e: CameraEntry) -> tuple[bool, str, str, str, str]:
    place = (e.block_code or "", e.grid_code or "", e.community_code or "")
    return (e.community_code is None, *place, e.id)


class CameraModel(QStandardItemModel):
    """Camera items drag as ``CAMERA_MIME`` with their ids."""

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CAMERA_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        ids = [str(i.data(CAMERA_ID_ROLE)) for i in indexes if i.data(CAMERA_ID_ROLE)]
        return camera_mime(ids)

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.CopyAction


class CameraTree(QTreeView):
    camera_activated = Signal(str)  # camera id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = CameraModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)  # a match keeps its parents
        self.proxy.setAutoAcceptChildRows(True)  # and a matching group its cameras
        self.setModel(self.proxy)
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.doubleClicked.connect(self._on_double_clicked)
        self.others: QStandardItem | None = None

    def set_cameras(self, entries: Sequence[CameraEntry]) -> None:
        self.source.clear()
        self.others = None
        groups: dict[tuple[str, ...], QStandardItem] = {}
        root = self.source.invisibleRootItem()
        for entry in sorted(entries, key=_tree_order):
            if entry.community_code is None:
                if self.others is None:
                    self.others = _group(self.tr("Other cameras"), "")
                    root.appendRow(self.others)
                self.others.appendRow(_camera_item(entry))
                continue
            parent = root
            path: tuple[str, ...] = ()
            for code, name in (
                (entry.block_code or "", entry.block_name or ""),
                (entry.grid_code or "", entry.grid_name or ""),
                (entry.community_code, entry.community_name or ""),
            ):
                path = (*path, code)
                if path not in groups:
                    groups[path] = _group(name or code, code)
                    parent.appendRow(groups[path])
                parent = groups[path]
            parent.appendRow(_camera_item(entry))
        self._expand_blocks()

    def set_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if text.strip():
            self.expandAll()
        else:
            self._expand_blocks()

    def camera_ids(self) -> list[str]:
        """The cameras the tree shows now (the filter applied), top to bottom."""
        found: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                camera_id = index.data(CAMERA_ID_ROLE)
                if camera_id:
                    found.append(str(camera_id))
                walk(index)

        walk(QModelIndex())
        return found

    def _expand_blocks(self) -> None:
        self.collapseAll()
        for row in range(self.proxy.rowCount()):
            self.expand(self.proxy.index(row, 0))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        camera_id = index.data(CAMERA_ID_ROLE)
        if camera_id:
            self.camera_activated.emit(str(camera_id))

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange and self.others is not None:
            self.others.setText(self.tr("Other cameras"))
        super().changeEvent(event)


class CameraBrowser(QWidget):
    """The tree under its filter box."""

    camera_activated = Signal(str)  # camera id (a double click in the tree)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit(self)
        self.filter.setClearButtonEnabled(True)
        self.tree = CameraTree(self)
        self.filter.textChanged.connect(self.tree.set_filter)
        self.tree.camera_activated.connect(self.camera_activated)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.filter)
        box.addWidget(self.tree, 1)
        self.retranslate()

    def set_cameras(self, entries: Sequence[CameraEntry]) -> None:
        """The catalogue's cameras, grouped block → grid cell → community."""
        self.tree.set_cameras(entries)

    def retranslate(self) -> None:
        self.filter.setPlaceholderText(self.tr("Filter cameras: name or id"))

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
