"""Dismiss an alarm as a false alarm: a reason is required (it goes on record).

A few common reasons are offered; any other may be typed.  OK stays disabled
until there is a reason; Enter confirms, Escape cancels."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COMMON_REASONS = (
    QT_TRANSLATE_NOOP("FalseAlarmDialog", "Device test or maintenance"),
    QT_TRANSLATE_NOOP("FalseAlarmDialog", "Triggered by mistake"),
    QT_TRANSLATE_NOOP("FalseAlarmDialog", "Interference (light, wind, animals)"),
    QT_TRANSLATE_NOOP("FalseAlarmDialog", "Checked on camera: nothing there"),
)


class FalseAlarmDialog(QDialog):
    def __init__(self, alarm_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("falseAlarmDialog")
        self.setWindowTitle(self.tr("False alarm"))
        question = QLabel(self.tr("Why is “%1” a false alarm?").replace("%1", alarm_text), self)
        question.setWordWrap(True)
        self.reason_box = QComboBox(self)
        self.reason_box.setEditable(True)
        self.reason_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for reason in COMMON_REASONS:
            self.reason_box.addItem(self.tr(reason))
        self.reason_box.setCurrentIndex(-1)
        self.reason_box.setEditText("")
        line = self.reason_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Reason (required)"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Dismiss as false alarm"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        self.reason_box.editTextChanged.connect(self._on_reason_edited)
        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(self.reason_box)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self._on_reason_edited("")
        self.reason_box.setFocus()

    def reason(self) -> str:
        return self.reason_box.currentText().strip()

    def _on_reason_edited(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    def _on_accepted(self) -> None:
        if self.reason():  # Enter in the field reaches here even while OK is disabled
            self.accept()


def ask_false_alarm_reason(alarm_text: str, parent: QWidget | None = None) -> str | None:
    """The reason the operator gives, or None when they cancel."""
    dialog = FalseAlarmDialog(alarm_text, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.reason():
            return dialog.reason()
        return None
    finally:
        dialog.deleteLater()
