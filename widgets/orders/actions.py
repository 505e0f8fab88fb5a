"""The steps on an order besides its moves: 立案派遣 (file a reported order and
dispatch it as routed: one key for the operator confirming a rule's order), 督办
(supervise, at a level, or lift it) and 升级 (escalate one step up the ladder,
saying why).  The detail pane shows a button for each the user may take now; a
dialog asks what the step needs and hands back plain fields."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from services.domain import ESCALATION_LADDER, ActionRequest, OrderAction, WorkOrder
from widgets.labels import label

CONFIRM, SUPERVISE, ESCALATE = (
    OrderAction.FILE_AND_DISPATCH,
    OrderAction.SUPERVISE,
    OrderAction.ESCALATE,
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


_BUTTONS = {
    CONFIRM: QT_TRANSLATE_NOOP("OrderActions", "File and dispatch"),
    SUPERVISE: QT_TRANSLATE_NOOP("OrderActions", "Supervise…"),
    ESCALATE: QT_TRANSLATE_NOOP("OrderActions", "Escalate…"),
}
_LEVELS = (
    QT_TRANSLATE_NOOP("OrderActions", "Lift supervision"),
    QT_TRANSLATE_NOOP("OrderActions", "Level 1 (by the grid centre)"),
    QT_TRANSLATE_NOOP("OrderActions", "Level 2 (by the sub-district)"),
    QT_TRANSLATE_NOOP("OrderActions", "Level 3 (by the district)"),
)


def accept_with_ctrl_enter(dialog: QDialog, accept: Callable[[], None]) -> None:
    """Ctrl+Enter confirms a dialog whose focus is in a multi-line note (where a
    plain Enter starts a new line)."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        QShortcut(QKeySequence(keys), dialog).activated.connect(accept)


def finish_dialog(dialog: QDialog, form: QFormLayout, accept: Callable[[], None]) -> QLabel:
    """The form, a hidden error line and OK / Cancel (Ctrl+Enter for OK, which
    ``accept`` judges); returns the error line."""
    error = QLabel(dialog)
    error.setObjectName("moveDialogError")
    error.hide()
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(accept)
    buttons.rejected.connect(dialog.reject)
    accept_with_ctrl_enter(dialog, accept)
    layout = QVBoxLayout(dialog)
    layout.addLayout(form)
    layout.addWidget(error)
    layout.addWidget(buttons)
    return error


def action_text(action: OrderAction) -> str:
    return QCoreApplication.translate("OrderActions", _BUTTONS.get(action, action))


def supervision_text(level: int) -> str:
    """``督办 2`` style for the facts line; empty when not supervised."""
    if not level:
        return ""
    return QCoreApplication.translate("OrderActions", "Supervised, level %1").replace(
        "%1", str(level)
    )


def escalation_text(order: WorkOrder) -> str:
    return QCoreApplication.translate("OrderActions", "Escalated to %1").replace(
        "%1", label("escalation", order.escalation)
    )


def next_rung(order: WorkOrder) -> str | None:
    i = ESCALATION_LADDER.index(order.escalation)
    return ESCALATION_LADDER[i + 1].value if i + 1 < len(ESCALATION_LADDER) else None


class OrderActionDialog(QDialog):
    """Supervise: a level (the current one preselected one higher) and a note.
    Escalate: the next level shown, a note required."""

    def __init__(
        self, order: WorkOrder, action: OrderAction, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("orderActionDialog")
        self.order = order
        self.action = action
        self.setWindowTitle(f"{action_text(action).rstrip('…')} · {order.number}")
        form = QFormLayout()
        self.level_box: QComboBox | None = None
        if action == SUPERVISE:
            self.level_box = QComboBox(self)
            for level, text in enumerate(_LEVELS):
                self.level_box.addItem(QCoreApplication.translate("OrderActions", text), level)
            self.level_box.setCurrentIndex(min(3, order.supervised + 1))
            form.addRow(self.tr("Level"), self.level_box)
        else:
            rung = next_rung(order)
            target = QLabel(
                f"{label('escalation', order.escalation)} → {label('escalation', rung or '')}",
                self,
            )
            form.addRow(self.tr("To"), target)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(
            self.tr("Required: say why") if action == ESCALATE else self.tr("Optional note")
        )
        form.addRow(self.tr("Note"), self.note)
        self.error = finish_dialog(self, form, self._on_accepted)
        (self.level_box or self.note).setFocus()

    def answer(self) -> ActionRequest:
        """The step as the dialog has it now."""
        level = int(self.level_box.currentData()) if self.level_box is not None else 1
        note = self.note.toPlainText().strip()
        return ActionRequest(self.order.id, self.order.version, self.action, note, level)

    def _on_accepted(self) -> None:
        if self.action == ESCALATE and not self.note.toPlainText().strip():
            self.error.setText(self.tr("Escalating needs a note saying why."))
            self.error.show()
            return
        self.accept()
