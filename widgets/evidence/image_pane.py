"""Review of a photograph: turned upright by its EXIF orientation, zoom with the
wheel (or + and -), pan by dragging, rotate a quarter turn, fit to the pane."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import (
    QImage,
    QImageReader,
    QKeySequence,
    QPainter,
    QPixmap,
    QResizeEvent,
    QShortcut,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ZOOM_STEP = 1.25
ZOOM_LIMITS = (0.05, 40.0)


class _View(QGraphicsView):
    def __init__(self, scene: QGraphicsScene, parent: QWidget) -> None:
        super().__init__(scene, parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(Qt.GlobalColor.black)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt's name)
        pane = self.parent()
        if isinstance(pane, ImagePane):
            pane.zoom(ZOOM_STEP if event.angleDelta().y() > 0 else 1 / ZOOM_STEP)


class ImagePane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceImage")
        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _View(self.scene, self)
        self.rotate_left = QPushButton(self)
        self.rotate_right = QPushButton(self)
        self.fit_button = QPushButton(self)
        self.rotate_left.clicked.connect(lambda: self.rotate(-90))
        self.rotate_right.clicked.connect(lambda: self.rotate(90))
        self.fit_button.clicked.connect(self.fit)
        bar = QHBoxLayout()
        for button in (self.rotate_left, self.rotate_right, self.fit_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(bar)
        for keys, step in (("+", ZOOM_STEP), ("=", ZOOM_STEP), ("-", 1 / ZOOM_STEP)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda s=step: self.zoom(s))
        self.scale = 1.0
        self.angle = 0
        self.error = ""
        self.fitted = True  # follows the pane's size until the person zooms
        self._retranslate()

    def open(self, path: Path) -> bool:
        """Show the picture (upright by its EXIF orientation); False, with
        ``error`` saying why, when it does not decode."""
        reader = QImageReader(str(path))
        reader.setAutoTransform(True)
        image: QImage = reader.read()
        if image.isNull():
            self.error = reader.errorString()
            self.item.setPixmap(QPixmap())
            return False
        self.error = ""
        self.item.setPixmap(QPixmap.fromImage(image))
        self.item.setTransformOriginPoint(self.item.boundingRect().center())
        self.angle = 0
        self.item.setRotation(0)
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        self.fit()
        return True

    @property
    def image_size(self) -> tuple[int, int]:
        pixmap = self.item.pixmap()
        return pixmap.width(), pixmap.height()

    def zoom(self, factor: float) -> None:
        self.fitted = False
        low, high = ZOOM_LIMITS
        factor = min(max(self.scale * factor, low), high) / self.scale
        self.view.scale(factor, factor)
        self.scale *= factor

    def rotate(self, degrees: int) -> None:
        self.angle = (self.angle + degrees) % 360
        self.item.setRotation(self.angle)
        self.scene.setSceneRect(self.item.sceneBoundingRect())
        self.fit()

    def fit(self) -> None:
        self.fitted = True
        if self.item.pixmap().isNull():
            return
        self.view.resetTransform()
        self.view.fitInView(self.item, Qt.AspectRatioMode.KeepAspectRatio)
        self.scale = self.view.transform().m11() or 1.0

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.fitted:
            self.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.rotate_left.setText(self.tr("Rotate left"))
        self.rotate_right.setText(self.tr("Rotate right"))
        self.fit_button.setText(self.tr("Fit"))
        self.view.setToolTip(self.tr("Wheel or +/- to zoom, drag to pan"))
