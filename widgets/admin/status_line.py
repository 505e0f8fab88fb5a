"""One plain line under an administration tab: what was done, or why not."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

ERROR_STYLE = "color: #ff6b6b;"
DONE_STYLE = "color: #7fd1a0;"


class StatusLine(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminStatus")
        self.setWordWrap(False)
        self.is_error = False

    def show_error(self, text: str) -> None:
        """A refusal, on one line (the first line of a longer message)."""
        self.is_error = True
        self.setStyleSheet(ERROR_STYLE)
        self._say(text)

    def show_done(self, text: str) -> None:
        self.is_error = False
        self.setStyleSheet(DONE_STYLE)
        self._say(text)

    def _say(self, text: str) -> None:
        line = text.strip().splitlines()[0] if text.strip() else ""
        self.setText(line)
        self.setToolTip(text if line != text.strip() else "")
