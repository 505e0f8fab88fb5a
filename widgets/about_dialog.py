"""The About box: a heading over an accent rule, a few lines, a Close button.

(QMessageBox.about sizes its rich-text label before the style sheet applies and
clips it; this dialog lays its labels out like every other widget.)"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFrame, QLabel, QVBoxLayout, QWidget


class AboutDialog(QDialog):
    def __init__(
        self, window_title: str, heading: str, lines: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(window_title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 32, 20)
        layout.setSpacing(10)
        self.heading_label = QLabel(heading, self)
        self.heading_label.setObjectName("aboutHeading")
        layout.addWidget(self.heading_label)
        rule = QFrame(self)
        rule.setObjectName("placeholderRule")  # the theme's short accent rule
        rule.setFixedSize(48, 3)
        layout.addWidget(rule)
        layout.addSpacing(6)
        self.line_labels: list[QLabel] = []
        for line in lines:
            label = QLabel(line, self)
            label.setObjectName("aboutLine")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self.line_labels.append(label)
        layout.addSpacing(12)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetFixedSize)
