"""One move of an order and what it needs: the verb on its button, and the
dialog asking for a note (required where the lifecycle says), the unit of a
dispatch, the outcome of a close, and photos of a reported result."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from services.domain import NOTE_REQUIRED, MoveRequest, OrderState, Outcome, WorkOrder
from widgets.labels import codes, label
from widgets.orders.actions import finish_dialog

S = OrderState


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


#: The verb on each move's button (services.workflow.states.ACTION names the same moves).
VERBS: dict[tuple[S, S], str] = {
    (S.REPORTED, S.FILED): QT_TRANSLATE_NOOP("OrderDetail", "File"),
    (S.REPORTED, S.NOT_FILED): QT_TRANSLATE_NOOP("OrderDetail", "Refuse to file"),
    (S.FILED, S.DISPATCHED): QT_TRANSLATE_NOOP("OrderDetail", "Dispatch"),
    (S.DISPATCHED, S.ACKNOWLEDGED): QT_TRANSLATE_NOOP("OrderDetail", "Acknowledge"),
    (S.DISPATCHED, S.RETURNED): QT_TRANSLATE_NOOP("OrderDetail", "Return"),
    (S.RETURNED, S.FILED): QT_TRANSLATE_NOOP("OrderDetail", "File again"),
    (S.ACKNOWLEDGED, S.IN_PROGRESS): QT_TRANSLATE_NOOP("OrderDetail", "Start"),
    (S.IN_PROGRESS, S.RESOLVED): QT_TRANSLATE_NOOP("OrderDetail", "Report result"),
    (S.IN_PROGRESS, S.EXTENDED): QT_TRANSLATE_NOOP("OrderDetail", "Ask for extension"),
    (S.IN_PROGRESS, S.PARKED): QT_TRANSLATE_NOOP("OrderDetail", "Park"),
    (S.IN_PROGRESS, S.RETURNED): QT_TRANSLATE_NOOP("OrderDetail", "Return"),
    (S.EXTENDED, S.IN_PROGRESS): QT_TRANSLATE_NOOP("OrderDetail", "Resume"),
    (S.PARKED, S.IN_PROGRESS): QT_TRANSLATE_NOOP("OrderDetail", "Resume"),
    (S.PARKED, S.CLOSED): QT_TRANSLATE_NOOP("OrderDetail", "Close"),
    (S.RESOLVED, S.CLOSED): QT_TRANSLATE_NOOP("OrderDetail", "Verify and close"),
    (S.RESOLVED, S.IN_PROGRESS): QT_TRANSLATE_NOOP("OrderDetail", "Send back for rework"),
    (S.CLOSED, S.ARCHIVED): QT_TRANSLATE_NOOP("OrderDetail", "Archive"),
    (S.NOT_FILED, S.ARCHIVED): QT_TRANSLATE_NOOP("OrderDetail", "Archive"),
    (S.ARCHIVED, S.IN_PROGRESS): QT_TRANSLATE_NOOP("OrderDetail", "Reopen"),
}
#: Moves that must say why (as services.workflow.states.NOTE_REQUIRED).
NEEDS_NOTE = NOTE_REQUIRED


def verb(current: S, target: S) -> str:
    return QCoreApplication.translate("OrderDetail", VERBS.get((current, target), target.value))


class MoveDialog(QDialog):
    """What a move needs: a note (required where the lifecycle says), the unit
    for a dispatch, the outcome for a close."""

    def __init__(
        self,
        order: WorkOrder,
        target: S,
        units: list[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("moveDialog")
        self.order, self.target = order, target
        self.needs_note = (order.state, target) in NEEDS_NOTE
        self.setWindowTitle(f"{verb(order.state, target)} · {order.number}")
        form = QFormLayout()
        self.unit_box: QComboBox | None = None
        self.outcome_box: QComboBox | None = None
        if target is S.DISPATCHED:
            self.unit_box = QComboBox(self)
            self.unit_box.addItem(self.tr("As routed"), None)
            for code, name in units:
                self.unit_box.addItem(f"{name} ({code})", code)
            form.addRow(self.tr("Unit"), self.unit_box)
        if target is S.CLOSED:
            self.outcome_box = QComboBox(self)
            for code in codes("outcome"):
                self.outcome_box.addItem(label("outcome", code), code)
            form.addRow(self.tr("Outcome"), self.outcome_box)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(
            self.tr("Required: say why or what was done")
            if self.needs_note
            else self.tr("Optional note")
        )
        self.note.setTabChangesFocus(True)
        form.addRow(self.tr("Note"), self.note)
        self.photos: list[Path] = []
        self.photos_label: QLabel | None = None
        if target is S.RESOLVED:  # 反馈结果: the note and photos of the site
            self.photos_label = QLabel(self.tr("No photos"), self)
            pick = QPushButton(self.tr("Add photos…"), self)
            pick.clicked.connect(self._pick_photos)
            row = QHBoxLayout()
            row.addWidget(self.photos_label, 1)
            row.addWidget(pick)
            form.addRow(self.tr("Photos"), row)
        self.error = finish_dialog(self, form, self._on_accepted)
        self.note.setFocus()

    def add_photos(self, paths: list[Path]) -> None:
        self.photos += [p for p in paths if p not in self.photos]
        if self.photos_label is not None:
            names = ", ".join(p.name for p in self.photos)
            self.photos_label.setText(self.tr("%n photo(s): ", "", len(self.photos)) + names)

    def _pick_photos(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Photos of the result"),
            str(Path.home()),
            self.tr("Pictures (*.png *.jpg *.jpeg *.webp)"),
        )
        self.add_photos([Path(c) for c in chosen])

    def answer(self) -> MoveRequest:
        """The move as the dialog has it now."""
        unit = self.unit_box.currentData() if self.unit_box is not None else None
        outcome = self.outcome_box.currentData() if self.outcome_box is not None else None
        return MoveRequest(
            self.order.id,
            self.order.version,
            self.target,
            note=self.note.toPlainText().strip(),
            unit=str(unit) if unit else None,
            outcome=Outcome(outcome) if outcome else None,
            photos=tuple(self.photos),
        )

    def _on_accepted(self) -> None:
        if self.needs_note and not self.note.toPlainText().strip():
            self.error.setText(self.tr("This step needs a note."))
            self.error.show()
            return
        self.accept()
