"""Raise a work order, pre-filled (from an alarm): title, category, priority.
Enter confirms, so reviewing and confirming takes two keystrokes at most."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from services.domain import Category, Priority
from widgets.labels import codes, label


class OrderForm(QDialog):
    def __init__(
        self,
        title: str,
        grid: str,
        category: Category,
        priority: Priority,
        context: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderForm")
        self.setWindowTitle(self.tr("Raise a work order"))
        self.grid = grid
        self.title_edit = QLineEdit(title, self)
        self.category_box = QComboBox(self)
        for c in codes("category"):
            self.category_box.addItem(label("category", c), c)
        self.category_box.setCurrentIndex(self.category_box.findData(category.value))
        self.priority_box = QComboBox(self)
        for p in codes("priority"):
            self.priority_box.addItem(label("priority", p), p)
        self.priority_box.setCurrentIndex(self.priority_box.findData(priority.value))
        form = QFormLayout()
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Grid"), QLabel(grid, self))
        form.addRow(self.tr("Category"), self.category_box)
        form.addRow(self.tr("Priority"), self.priority_box)
        if context:
            form.addRow(self.tr("From"), QLabel(context, self))
        self.error = QLabel(self)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Raise"))
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.title_edit.setFocus()

    def values(self) -> tuple[str, Category, Priority]:
        return (
            self.title_edit.text().strip(),
            Category(self.category_box.currentData()),
            Priority(self.priority_box.currentData()),
        )

    def _on_accepted(self) -> None:
        if not self.title_edit.text().strip():
            self.error.setText(self.tr("A work order needs a title."))
            self.error.show()
            return
        self.accept()
