"""One work order: its fields, its history, and a button per move the user may
take now (then 督办 / 升级 where allowed).  Plain values out:
``move_requested(MoveRequest)`` with what the move needs (note, unit, outcome,
photos); ``action_requested(ActionRequest)`` for file-and-dispatch, supervise
(level, note) and escalate (note)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from services.district.timezone import district_tz
from services.domain import (
    ESCALATION_LADDER,
    NOTE_REQUIRED,
    ActionRequest,
    MoveRequest,
    OrderAction,
    OrderEvent,
    OrderState,
    WorkOrder,
)
from widgets.labels import label
from widgets.orders.actions import (
    CONFIRM,
    OrderActionDialog,
    action_text,
    escalation_text,
    supervision_text,
)
from widgets.orders.move import MoveDialog, verb

DISTRICT_TZ = district_tz()
BUTTONS_PER_ROW = 3
S = OrderState


class OrderDetail(QWidget):
    move_requested = Signal(object)  # MoveRequest
    action_requested = Signal(object)  # ActionRequest
    photos_wanted = Signal(list)  # attachment references of a step
    evidence_requested = Signal(int)  # order id: its evidence in the evidence window

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
        self.evidence_access = False  # officers and administrators open evidence
        self.evidence_button = QPushButton(self)
        self.evidence_button.setObjectName("orderEvidence")
        self.evidence_button.hide()
        self.evidence_button.clicked.connect(self._on_evidence_clicked)
        self.history = QListWidget(self)
        self.history.setObjectName("orderHistory")
        self.history.itemActivated.connect(self._on_history_activated)
        self.actions_row = QGridLayout()  # three a row: a narrow pane keeps them legible
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.banner)
        layout.addWidget(self.facts)
        layout.addWidget(self.evidence_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(self.actions_row)
        layout.addWidget(self.history, 1)
        self.show_order(None, [], [])

    def set_units(self, units: list[tuple[str, str]]) -> None:
        """The units (code, name) the dispatch dialog offers and the facts name."""
        self.units = list(units)
        if self.order is not None:
            self._show_facts(self.order)

    def _show_facts(self, order: WorkOrder) -> None:
        due = order.due_at.astimezone(DISTRICT_TZ).strftime("%m-%d %H:%M") if order.due_at else "—"
        self.facts.setText(
            "  ·  ".join(
                [
                    label("order_state", order.state),
                    label("priority", order.priority),
                    label("category", order.category),
                    self.tr("Grid %1").replace("%1", order.grid),
                    self.tr("Unit %1").replace("%1", self.unit_name(order.unit)),
                    self.tr("Due %1").replace("%1", due),
                    *_standing(order),
                ]
            )
            + (f"\n{order.description}" if order.description else "")
        )

    def set_evidence(self, count: int) -> None:
        """How many evidence items the order has: a button to them for those who
        may open evidence, the count alone for everyone else."""
        self.evidence_button.setVisible(count > 0 and self.order is not None)
        self.evidence_button.setText(self.tr("Evidence: %1 items").replace("%1", str(count)))
        self.evidence_button.setEnabled(self.evidence_access)
        self.evidence_button.setToolTip(
            self.tr("Open them in the evidence window")
            if self.evidence_access
            else self.tr("Only officers and administrators open evidence")
        )

    def _on_evidence_clicked(self) -> None:
        if self.order is not None:
            self.evidence_requested.emit(self.order.id)

    def unit_name(self, code: str | None) -> str:
        """The unit's name as the console knows it (its code until the units load)."""
        if not code:
            return "—"
        return next((name for c, name in self.units if c == code), code)

    def show_order(
        self,
        order: WorkOrder | None,
        history: list[OrderEvent],
        allowed: list[S],
        actions: list[OrderAction] | tuple[OrderAction, ...] = (),
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
            self.evidence_button.hide()
            return
        self.heading.setText(f"{order.number}  {order.title}")
        self._show_facts(order)
        first = [a for a in actions if a == CONFIRM]  # the one-key confirmation leads
        for action in first:
            self._add_button(action_text(action), f"orderAction_{action}").clicked.connect(
                lambda _=False, a=action: self.request_action(a, ask=False)
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
            step = label("order_state", e.to_state) if e.to_state else label("order_step", e.action)
            note = f" — {e.note}" if e.note else ""
            item = QListWidgetItem(f"{at}  {e.actor}@{e.console}  {step}{note}")
            if e.attachments:
                item.setText(item.text() + "  " + self.tr("[%n photo(s)]", "", len(e.attachments)))
                item.setData(Qt.ItemDataRole.UserRole, list(e.attachments))
                item.setToolTip(self.tr("Double-click to see the photos"))
            self.history.addItem(item)

    def _add_button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumWidth(button.sizeHint().width())  # a narrow pane never clips a verb
        n = len(self.buttons)
        self.actions_row.addWidget(button, n // BUTTONS_PER_ROW, n % BUTTONS_PER_ROW)
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
        needs = (order.state, target) in NOTE_REQUIRED or target in (S.DISPATCHED, S.CLOSED)
        asked: MoveRequest | None = MoveRequest(order.id, order.version, target)
        if needs and self.ask_fields:
            dialog = MoveDialog(order, target, self.units, self)
            asked = dialog.answer() if self._ask(dialog) else None
        if asked is None:
            return
        self.banner.hide()
        self.move_requested.emit(asked)

    def request_action(self, action: OrderAction, *, ask: bool = True) -> None:
        """Ask for 立案派遣 (no dialog), 督办 or 升级 (a dialog unless ``ask`` is
        False)."""
        order = self.order
        if order is None:
            return
        asked: ActionRequest | None = ActionRequest(order.id, order.version, action)
        if ask:
            dialog = OrderActionDialog(order, action, self)
            asked = dialog.answer() if self._ask(dialog) else None
        if asked is None:
            return
        self.banner.hide()
        self.action_requested.emit(asked)

    def _ask(self, dialog: MoveDialog | OrderActionDialog) -> bool:
        """Whether the dialog was accepted; after it the focus goes to the
        order's next step."""
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self._refocus = accepted
        return accepted

    def _on_history_activated(self, item: QListWidgetItem) -> None:
        refs = item.data(Qt.ItemDataRole.UserRole)
        if refs:
            self.photos_wanted.emit(list(refs))

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
