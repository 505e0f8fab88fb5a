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

from services.domain import (
    MOVES,
    NOTE_REQUIRED,
    MoveAction,
    MoveRequest,
    OrderState,
    Outcome,
    WorkOrder,
)
from widgets.labels import codes, label
from widgets.orders.actions import finish_dialog

S = OrderState


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


#: The verb on the button of each move's action (the lifecycle's table,
#: ``services.domain.MOVES``, says which move is which action).
ACTION_TEXT: dict[MoveAction, str] = {
    MoveAction.FILE: QT_TRANSLATE_NOOP("OrderDetail", "File"),
    MoveAction.REFUSE: QT_TRANSLATE_NOOP("OrderDetail", "Refuse to file"),
    MoveAction.DISPATCH: QT_TRANSLATE_NOOP("OrderDetail", "Dispatch"),
    MoveAction.ACKNOWLEDGE: QT_TRANSLATE_NOOP("OrderDetail", "Acknowledge"),
    MoveAction.RETURN: QT_TRANSLATE_NOOP("OrderDetail", "Return"),
    MoveAction.REFILE: QT_TRANSLATE_NOOP("OrderDetail", "File again"),
    MoveAction.START: QT_TRANSLATE_NOOP("OrderDetail", "Start"),
    MoveAction.REPORT_RESULT: QT_TRANSLATE_NOOP("OrderDetail", "Report result"),
    MoveAction.EXTEND: QT_TRANSLATE_NOOP("OrderDetail", "Ask for extension"),
    MoveAction.PARK: QT_TRANSLATE_NOOP("OrderDetail", "Park"),
    MoveAction.RESUME: QT_TRANSLATE_NOOP("OrderDetail", "Resume"),
    MoveAction.CLOSE: QT_TRANSLATE_NOOP("OrderDetail", "Close"),
    MoveAction.VERIFY_CLOSE: QT_TRANSLATE_NOOP("OrderDetail", "Verify and close"),
    MoveAction.REWORK: QT_TRANSLATE_NOOP("OrderDetail", "Send back for rework"),
    MoveAction.ARCHIVE: QT_TRANSLATE_NOOP("OrderDetail", "Archive"),
    MoveAction.REOPEN: QT_TRANSLATE_NOOP("OrderDetail", "Reopen"),
}


def verb(current: S, target: S) -> str:
    """The button's text for ``current → target`` (the target's name if no such move)."""
    action = MOVES.get((current, target))
    text = ACTION_TEXT[action] if action is not None else target.value
    return QCoreApplication.translate("OrderDetail", text)


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
        self.needs_note = (order.state, target) in NOTE_REQUIRED
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
