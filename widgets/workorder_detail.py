"""One work order: its fields, its history, and a button per move the user may
take now (then 督办 / 升级 where allowed).  Plain values out:
``move_requested(order_id, version, target, fields)`` where fields holds what the
move needs (note, unit, outcome); ``action_requested(order_id, version, action,
fields)`` for supervise (level, note) and escalate (note)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.domain import (
    ESCALATION_LADDER,
    NOTE_REQUIRED,
    OrderEvent,
    OrderState,
    Outcome,
    WorkOrder,
)
from widgets.labels import codes, label
from widgets.workorder_actions import (
    CONFIRM,
    OrderActionDialog,
    accept_with_ctrl_enter,
    action_text,
    escalation_text,
    supervision_text,
)

DISTRICT_TZ = ZoneInfo("Asia/Shanghai")
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
        self.error = QLabel(self)
        self.error.setObjectName("moveDialogError")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_accepted)
        buttons.rejected.connect(self.reject)
        accept_with_ctrl_enter(self, self._on_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.note.setFocus()

    def fields(self) -> dict[str, str]:
        out = {"note": self.note.toPlainText().strip()}
        if self.unit_box is not None and self.unit_box.currentData():
            out["unit"] = str(self.unit_box.currentData())
        if self.outcome_box is not None:
            out["outcome"] = str(self.outcome_box.currentData())
        return out

    def _on_accepted(self) -> None:
        if self.needs_note and not self.note.toPlainText().strip():
            self.error.setText(self.tr("This step needs a note."))
            self.error.show()
            return
        self.accept()


class OrderDetail(QWidget):
    move_requested = Signal(int, int, object, dict)  # id, version, OrderState, fields
    action_requested = Signal(int, int, str, dict)  # id, version, "supervise"|"escalate", fields

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orderDetail")
        self.order: WorkOrder | None = None
        self.units: list[tuple[str, str]] = []
        self.ask_fields = True  # tests answer the dialog themselves
        self._refocus = False  # a dialog took the focus: give it to the next step
        self.heading = QLabel(self)
        self.heading.setObjectName("orderHeading")
        self.heading.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setObjectName("orderFacts")
        self.facts.setWordWrap(True)
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.banner = QLabel(self)
        self.banner.setObjectName("orderConflict")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.history = QListWidget(self)
        self.history.setObjectName("orderHistory")
        self.actions_row = QHBoxLayout()
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.facts)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.history, 1)
        self.show_order(None, [], [])

    def show_order(
        self,
        order: WorkOrder | None,
        history: list[OrderEvent],
        allowed: list[S],
        actions: list[str] | tuple[str, ...] = (),
    ) -> None:
        self.order = order
        focused = QApplication.focusWidget()
        keep_focus = self._refocus or (
            focused is not None and (focused is self or self.isAncestorOf(focused))
        )
        self._refocus = False
        for b in self.buttons:
            self.actions_row.removeWidget(b)
            b.deleteLater()
        self.buttons = []
        self.history.clear()
        if order is None:
            self.heading.setText(self.tr("No work order selected"))
            self.facts.setText("")
            return
        self.heading.setText(f"{order.number}  {order.title}")
        due = order.due_at.astimezone(DISTRICT_TZ).strftime("%m-%d %H:%M") if order.due_at else "—"
        self.facts.setText(
            "  ·  ".join(
                [
                    label("order_state", order.state),
                    label("priority", order.priority),
                    label("category", order.category),
                    self.tr("Grid %1").replace("%1", order.grid),
                    self.tr("Unit %1").replace("%1", order.unit or "—"),
                    self.tr("Due %1").replace("%1", due),
                    *_standing(order),
                ]
            )
            + (f"\n{order.description}" if order.description else "")
        )
        first = [a for a in actions if a == CONFIRM]  # the one-key confirmation leads
        for action in first:
            self._add_button(action_text(action), f"orderAction_{action}").clicked.connect(
                lambda _=False, a=action: self.request_action(a, {})
            )
        for target in allowed:
            button = self._add_button(verb(order.state, target), f"orderMove_{target.value}")
            button.clicked.connect(lambda _=False, t=target: self.request(t))
        if self.buttons:
            self.buttons[0].setDefault(True)
            if keep_focus:  # keyboard work goes on with the next step
                self.focus_first_step()
        for action in actions:
            if action not in first:
                self._add_button(action_text(action), f"orderAction_{action}").clicked.connect(
                    lambda _=False, a=action: self.request_action(a)
                )
        for e in reversed(history):
            at = e.at.astimezone(DISTRICT_TZ).strftime("%m-%d %H:%M")
            step = label("order_state", e.to_state) if e.to_state else e.action
            note = f" — {e.note}" if e.note else ""
            self.history.addItem(f"{at}  {e.actor}@{e.console}  {step}{note}")

    def _add_button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        self.actions_row.addWidget(button)
        button.setVisible(self.isVisible())  # now, so that it can take the focus at once
        self.buttons.append(button)
        return button

    def focus_first_step(self) -> None:
        """Keyboard focus on the default step (Enter takes it).  Called for work begun
        at the keyboard in this window, so taking back the activation a closed
        dialog left elsewhere is no theft."""
        if self.buttons:
            if not self.isActiveWindow():
                self.window().activateWindow()
            self.buttons[0].setFocus()

    def request(self, target: S) -> None:
        """Ask for the move (with a dialog when it needs more than a click)."""
        order = self.order
        if order is None:
            return
        needs = (order.state, target) in NEEDS_NOTE or target in (S.DISPATCHED, S.CLOSED)
        fields: dict[str, str] = {}
        if needs and self.ask_fields:
            dialog = MoveDialog(order, target, self.units, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            self._refocus = accepted
            if not accepted:
                return
            fields = dialog.fields()
        self.banner.hide()
        self.move_requested.emit(order.id, order.version, target, fields)

    def request_action(self, action: str, fields: dict[str, str] | None = None) -> None:
        """Ask for 督办 / 升级 (``fields`` given: no dialog, as tests do)."""
        order = self.order
        if order is None:
            return
        if fields is None:
            dialog = OrderActionDialog(order, action, self)
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            self._refocus = accepted
            if not accepted:
                return
            fields = dialog.fields()
        self.banner.hide()
        self.action_requested.emit(order.id, order.version, action, fields)

    def show_conflict(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange and self.order is None:
            self.heading.setText(self.tr("No work order selected"))
        super().changeEvent(event)


def _standing(order: WorkOrder) -> list[str]:
    """Supervision and escalation, when the order has either."""
    out = [supervision_text(order.supervised)] if order.supervised else []
    if order.escalation is not ESCALATION_LADDER[0]:
        out.append(escalation_text(order))
    return out


def outcome_of(fields: dict[str, str]) -> Outcome | None:
    return Outcome(fields["outcome"]) if fields.get("outcome") else None
