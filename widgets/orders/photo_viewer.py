"""The photos of an order's step, one below the other, each with its name; a
picture that cannot be decoded says so in its place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QVBoxLayout, QWidget

MAX_WIDTH = 960


class PhotoViewer(QDialog):
    def __init__(self, title: str, photos: list[tuple[str, bytes]], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("photoViewer")
        self.setWindowTitle(title)
        self.shown = 0  # pictures decoded and shown
        inner = QWidget(self)
        column = QVBoxLayout(inner)
        for name, data in photos:
            image = QImage.fromData(data)
            picture = QLabel(inner)
            if image.isNull():
                picture.setText(self.tr("%1: this picture cannot be shown").replace("%1", name))
                column.addWidget(picture)
                continue
            if image.width() > MAX_WIDTH:
                smooth = Qt.TransformationMode.SmoothTransformation
                image = image.scaledToWidth(MAX_WIDTH, smooth)
            picture.setPixmap(QPixmap.fromImage(image))
            self.shown += 1
            column.addWidget(picture)
            column.addWidget(QLabel(name, inner))
            column.addSpacing(12)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.resize(min(MAX_WIDTH + 60, 1000), 700)
