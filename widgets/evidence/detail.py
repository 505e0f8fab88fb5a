"""One evidence item under review: the picture, video or sound; what is known
of it; TAMPERED in red when its stored bytes no longer match; the verdict with
a note; the orders it is attached to; its custody log."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from services.district.timezone import district_tz
from services.domain import CustodyAction, CustodyStep, EvidenceItem, EvidenceKind, Verdict
from widgets.evidence.image_pane import ImagePane
from widgets.evidence.media_pane import MediaPane
from widgets.evidence.model import local_time
from widgets.labels import label

DISTRICT_TZ = district_tz()
NOTE_NEEDED = (Verdict.NOT_USABLE, Verdict.NEEDS_MORE)
TAMPERED_RED = QColor("#ff6b6b")


class EvidenceDetail(QWidget):
    verdict_requested = Signal(int, object, str)  # item id, Verdict, note
    attach_requested = Signal(int, str)  # item id, order number
    detach_requested = Signal(int, int)  # item id, order id
    open_order_requested = Signal(int)  # order id
    show_on_map_requested = Signal(float, float)  # lon, lat

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceDetail")
        self.item: EvidenceItem | None = None
        self.banner = QLabel(self)
        self.banner.setObjectName("evidenceTampered")
        self.banner.setStyleSheet(
            "background:#b3261e;color:white;font-weight:bold;padding:6px;border-radius:4px;"
        )
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.image = ImagePane(self)
        self.media = MediaPane(self)
        self.no_preview = QLabel(self)
        self.no_preview.setWordWrap(True)
        self.stack = QStackedWidget(self)
        for pane in (self.no_preview, self.image, self.media):
            self.stack.addWidget(pane)
        self.facts = QLabel(self)
        self.facts.setWordWrap(True)
        self.map_button = QPushButton(self)
        self.map_button.clicked.connect(self._on_map)
        self.note = QLineEdit(self)
        self.verdict_buttons: dict[Verdict, QPushButton] = {}
        verdicts = QHBoxLayout()
        for verdict in Verdict:
            button = QPushButton(self)
            button.setObjectName(f"verdict_{verdict.value}")
            button.clicked.connect(lambda _c=False, v=verdict: self.request_verdict(v))
            self.verdict_buttons[verdict] = button
            verdicts.addWidget(button)
        verdicts.addWidget(self.note, 1)
        self.order_edit = QLineEdit(self)
        self.attach_button = QPushButton(self)
        self.attach_button.clicked.connect(self._on_attach)
        self.orders_row = QHBoxLayout()
        self.orders_row.addStretch(1)
        self.order_buttons: list[QPushButton] = []
        attach = QHBoxLayout()
        attach.addWidget(self.order_edit, 1)
        attach.addWidget(self.attach_button)
        attach.addWidget(self.map_button)
        self.custody = QListWidget(self)
        self.custody.setObjectName("evidenceCustody")
        self.custody.setMaximumHeight(140)
        self.error = QLabel(self)
        self.error.setObjectName("evidenceError")
        self.error.setStyleSheet("color:#ff6b6b;")  # as TAMPERED_RED
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.facts)
        layout.addLayout(verdicts)
        layout.addLayout(attach)
        layout.addLayout(self.orders_row)
        layout.addWidget(self.error)
        layout.addWidget(self.custody)
        self._retranslate()
        self.show_item(None)

    # --- fed by the console ---------------------------------------------------------

    def show_item(
        self,
        item: EvidenceItem | None,
        path: Path | None = None,
        custody: Sequence[CustodyStep] = (),
        orders: Sequence[tuple[int, str]] = (),
    ) -> None:
        """The item (its file at ``path``, checked against its hash), its custody
        log and the (id, number) of the orders it is attached to."""
        self.media.close_media()
        self.item = item
        self.banner.hide()
        self.error.hide()
        self.note.clear()
        self.stack.setCurrentWidget(self.no_preview)
        if item is not None and path is not None:
            self._preview(item, path)
        self._show_facts()
        self._show_orders(orders)
        self._show_custody(custody)
        enabled = item is not None
        for w in (*self.verdict_buttons.values(), self.note, self.order_edit, self.attach_button):
            w.setEnabled(enabled)
        self.map_button.setEnabled(item is not None and item.lon is not None)

    def show_tampered(
        self, item: EvidenceItem, missing: bool, custody: Sequence[CustodyStep]
    ) -> None:
        """The stored file no longer matches its hash (or is gone): nothing of it
        is shown, the verdicts are off."""
        self.show_item(item, None, custody)
        reason = (
            self.tr("its stored file is missing from the evidence store")
            if missing
            else self.tr("its stored file no longer matches its SHA-256")
        )
        self.banner.setText(self.tr("TAMPERED: %1").replace("%1", reason))
        self.banner.show()
        for w in self.verdict_buttons.values():
            w.setEnabled(False)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def close_media(self) -> None:
        self.media.close_media()

    # --- asked for ---------------------------------------------------------------------

    def request_verdict(self, verdict: Verdict) -> None:
        item = self.item
        if item is None:
            return
        note = self.note.text().strip()
        if verdict in NOTE_NEEDED and not note:
            self.show_error(self.tr("Say why in the note first."))
            self.note.setFocus()
            return
        self.error.hide()
        self.verdict_requested.emit(item.id, verdict, note)

    def _on_attach(self) -> None:
        number = self.order_edit.text().strip()
        if self.item is not None and number:
            self.attach_requested.emit(self.item.id, number)

    def _on_map(self) -> None:
        item = self.item
        if item is not None and item.lon is not None and item.lat is not None:
            self.show_on_map_requested.emit(item.lon, item.lat)

    # --- inside --------------------------------------------------------------------

    def _preview(self, item: EvidenceItem, path: Path) -> None:
        if item.kind is EvidenceKind.IMAGE and self.image.open(path):
            self.stack.setCurrentWidget(self.image)
        elif item.kind in (EvidenceKind.VIDEO, EvidenceKind.AUDIO) and item.decodes:
            self.media.open(path)
            self.stack.setCurrentWidget(self.media)

    def _show_facts(self) -> None:
        item = self.item
        if item is None:
            self.facts.setText("")
            self.no_preview.setText(self.tr("Select an item to review it."))
            return
        self.no_preview.setText(
            self.tr("No preview for this kind of file (%1).").replace("%1", item.media_type)
        )
        where = f"{item.lat:.5f}, {item.lon:.5f}" if item.lat is not None and item.lon else "—"
        lines = [
            f"<b>{item.name}</b> · {label('evidence_kind', item.kind)} · {_size(item.size)}",
            self.tr("Captured %1 · by %2 · device %3")
            .replace("%1", local_time(item))
            .replace("%2", item.officer or "—")
            .replace("%3", item.device or "—"),
            self.tr("Position %1 · grid %2").replace("%1", where).replace("%2", item.grid or "—"),
            f"SHA-256 <code>{item.sha256}</code>",
        ]
        if not item.decodes:
            lines.append(self.tr("Flagged: %1").replace("%1", item.flag or ""))
        if item.verdict is not None:
            lines.append(
                self.tr("Review: %1 (%2) %3")
                .replace("%1", label("verdict", item.verdict))
                .replace("%2", item.verdict_by or "")
                .replace("%3", item.verdict_note or "")
            )
        self.facts.setText("<br>".join(lines))

    def _show_orders(self, orders: Sequence[tuple[int, str]]) -> None:
        for button in self.order_buttons:
            self.orders_row.removeWidget(button)
            button.deleteLater()
        self.order_buttons = []
        item = self.item
        for order_id, number in orders:
            open_button = QPushButton(number, self)
            open_button.setToolTip(self.tr("Open the work order"))
            open_button.clicked.connect(
                lambda _c=False, o=order_id: self.open_order_requested.emit(o)
            )
            detach = QPushButton("✕", self)
            detach.setFixedWidth(32)
            detach.setToolTip(self.tr("Detach from %1").replace("%1", number))
            if item is not None:
                detach.clicked.connect(
                    lambda _c=False, o=order_id, i=item.id: self.detach_requested.emit(i, o)
                )
            for button in (open_button, detach):  # before the row's stretch
                self.orders_row.insertWidget(self.orders_row.count() - 1, button)
                self.order_buttons.append(button)

    def _show_custody(self, custody: Sequence[CustodyStep]) -> None:
        self.custody.clear()
        for step in custody:
            at = step.at.astimezone(DISTRICT_TZ).strftime("%m-%d %H:%M:%S")
            text = f"#{step.seq} {at} {label('custody', step.action)} {step.actor} ({step.console})"
            self.custody.addItem(text)
            if step.action is CustodyAction.TAMPERED:
                self.custody.item(self.custody.count() - 1).setForeground(TAMPERED_RED)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        for verdict, button in self.verdict_buttons.items():
            button.setText(label("verdict", verdict))
        self.note.setPlaceholderText(self.tr("Note (needed unless usable)"))
        self.order_edit.setPlaceholderText(self.tr("Work-order number, e.g. YY-20261202-0001"))
        self.attach_button.setText(self.tr("Attach"))
        self.map_button.setText(self.tr("On the map"))
        self._show_facts()


def _size(n: int) -> str:
    value = float(n)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
