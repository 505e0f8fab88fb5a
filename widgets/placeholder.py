"""A panel that holds a dock's place until its release brings the real thing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class PlaceholderPanel(QFrame):
    """A calm, centred title over a short accent rule and a muted line saying
    what comes here (objectNames ``placeholder*`` are styled by the theme)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPanel")
        self.title_label = QLabel(self)
        self.title_label.setObjectName("placeholderTitle")
        self.rule = QFrame(self)
        self.rule.setObjectName("placeholderRule")
        self.rule.setFixedSize(48, 3)
        self.note_label = QLabel(self)
        self.note_label.setObjectName("placeholderNote")
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(14)
        layout.addStretch(1)
        center = Qt.AlignmentFlag.AlignCenter
        for label in (self.title_label, self.note_label):
            label.setAlignment(center)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        layout.addWidget(self.title_label)
        layout.addWidget(self.rule, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.note_label)
        layout.addStretch(1)

    def set_texts(self, title: str, note: str) -> None:
        self.title_label.setText(title)
        self.note_label.setText(note)
