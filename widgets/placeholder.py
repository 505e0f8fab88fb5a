"""A panel that holds a dock's place until its release brings the real thing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class PlaceholderPanel(QFrame):
    """A calm, centred title and a muted line saying what comes here."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPanel")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("placeholderTitle")
        self.note_label = QLabel(self)
        self.note_label.setObjectName("placeholderNote")
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (self.title_label, self.note_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addStretch(1)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(12)

    def set_texts(self, title: str, note: str) -> None:
        self.title_label.setText(title)
        self.note_label.setText(note)
