"""The workstation's settings: the language, the video wall's layout and tour, the
players' options, and (read only) where this workstation connects.

Plain values in and out: the dialog shows a ``WorkstationSettings`` and ``answer()``
hands back the edited one, or None when it was cancelled. The limits are the fields'
own (a spin box takes nothing outside its range). The console reads and saves the
values (console/settings_flow.py); the dialog knows no settings keys."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from services.text_rules import masked_url
from widgets.video.layouts import WallLayout
from widgets.video.player import RENDER_MODES, PlayerOptions
from widgets.video.wall_bar import layout_label

TOUR_SECONDS = (5, 600)
CACHING_MS = (0, 5000)
STALL_SECONDS = (1, 60)


# scheme://user:password@host...: the password up to the last "@" (over-hiding, never under)
@dataclass(frozen=True)
class WorkstationSettings:
    """What the dialog edits. ``wall_layout`` "" means no wall here now (nobody
    signed in): the wall's section is not shown and both its values come back as
    they went in."""

    language: str
    player: PlayerOptions = field(default_factory=PlayerOptions)
    wall_layout: str = ""
    tour_seconds: int = 30


class SettingsDialog(QDialog):
    def __init__(
        self,
        current: WorkstationSettings,
        *,
        languages: Sequence[tuple[str, str]],
        layouts: Sequence[WallLayout] = (),
        database: str = "",
        broker: str = "",
        parent: QWidget | None = None,
    ) -> None:
        """``languages``: (code, the language's name in itself); ``layouts``: the
        wall's, to choose from (none: no wall section); ``database`` and ``broker``:
        where this workstation connects, shown without their passwords."""
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.current = current
        self.labels: dict[str, QLabel] = {}  # each field's label, by key
        self.language_box = QComboBox(self)
        for code, name in languages:
            self.language_box.addItem(name, code)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(current.language)))
        self.language_group = self._group([("language", self.language_box)])

        self.layout_box = QComboBox(self)
        for wall_layout in layouts:
            self.layout_box.addItem(layout_label(wall_layout), wall_layout.name)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(current.wall_layout)))
        self.tour_spin = _spin(self, TOUR_SECONDS, current.tour_seconds)
        self.wall_group = self._group([("layout", self.layout_box), ("tour", self.tour_spin)])
        self.has_wall = bool(layouts) and bool(current.wall_layout)
        self.wall_group.setVisible(self.has_wall)

        player = current.player
        self.tcp_check = _check(self, player.rtsp_tcp)
        self.caching_spin = _spin(self, CACHING_MS, player.network_caching_ms, step=50)
        self.audio_check = _check(self, player.audio)
        self.hardware_check = _check(self, player.hardware_decoding)
        self.stall_spin = _spin(self, STALL_SECONDS, round(player.stall_seconds))
        self.render_box = QComboBox(self)
        for mode in RENDER_MODES:
            self.render_box.addItem(mode, mode)
        self.render_box.setCurrentIndex(max(0, self.render_box.findData(player.render)))
        self.player_note = QLabel(self)
        self.player_note.setObjectName("settingsNote")
        self.player_note.setWordWrap(True)
        self.player_group = self._group(
            [
                ("tcp", self.tcp_check),
                ("caching", self.caching_spin),
                ("audio", self.audio_check),
                ("hardware", self.hardware_check),
                ("stall", self.stall_spin),
                ("render", self.render_box),
            ],
            note=self.player_note,
        )

        self.database_line = _read_only(self, masked_url(database))
        self.broker_line = _read_only(self, masked_url(broker))
        self.connection_group = self._group(
            [("database", self.database_line), ("broker", self.broker_line)]
        )

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        for group in (self.language_group, self.wall_group, self.player_group):
            box.addWidget(group)
        box.addWidget(self.connection_group)
        box.addWidget(buttons)
        self.setMinimumWidth(560)
        self._retranslate()
        self.language_box.setFocus()

    def _group(self, rows: list[tuple[str, QWidget]], note: QLabel | None = None) -> QGroupBox:
        """A titled section: a form of labelled fields (each label its field's buddy,
        kept in ``self.labels`` by key), then maybe a note across the form."""
        group = QGroupBox(self)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for key, widget in rows:
            caption = QLabel(group)
            caption.setBuddy(widget)
            self.labels[key] = caption
            form.addRow(caption, widget)
        if note is not None:
            form.addRow(note)
        return group

    def answer(self) -> WorkstationSettings | None:
        """The settings as edited, once accepted; None when cancelled (or still open)."""
        if self.result() != QDialog.DialogCode.Accepted:
            return None
        shown = self.has_wall
        player = dataclasses.replace(
            self.current.player,
            rtsp_tcp=self.tcp_check.isChecked(),
            network_caching_ms=self.caching_spin.value(),
            audio=self.audio_check.isChecked(),
            hardware_decoding=self.hardware_check.isChecked(),
            stall_seconds=float(self.stall_spin.value()),
            render=str(self.render_box.currentData()),
        )
        return WorkstationSettings(
            language=str(self.language_box.currentData()),
            player=player,
            wall_layout=str(self.layout_box.currentData()) if shown else self.current.wall_layout,
            tour_seconds=self.tour_spin.value() if shown else self.current.tour_seconds,
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_group.setTitle(self.tr("User interface"))
        self.wall_group.setTitle(self.tr("Video wall"))
        self.player_group.setTitle(self.tr("Video players"))
        self.connection_group.setTitle(self.tr("Connection"))
        texts = {
            "language": self.tr("&Language"),
            "layout": self.tr("Default &layout"),
            "tour": self.tr("&Tour interval"),
            "tcp": self.tr("RTSP &transport"),
            "caching": self.tr("Network &caching"),
            "audio": self.tr("&Audio"),
            "hardware": self.tr("&Hardware decoding"),
            "stall": self.tr("&Stalled after"),
            "render": self.tr("&Rendering"),
            "database": self.tr("Database"),
            "broker": self.tr("Message bus"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        widest = max(label.sizeHint().width() for label in self.labels.values())
        for label in self.labels.values():  # the sections' fields in one column
            label.setMinimumWidth(widest)
        self.tcp_check.setText(self.tr("Over TCP (through firewalls and NAT)"))
        self.audio_check.setText(self.tr("Play the cameras' sound"))
        self.hardware_check.setText(self.tr("Use the graphics card where it can decode"))
        for spin in (self.tour_spin, self.stall_spin):
            spin.setSuffix(self.tr(" s"))
        self.caching_spin.setSuffix(self.tr(" ms"))
        renders = (
            self.tr("Automatic"),
            self.tr("Into pictures (callbacks)"),
            self.tr("Native windows"),
        )
        for index, text in enumerate(renders):
            self.render_box.setItemText(index, text)
        self.player_note.setText(
            self.tr(
                "Player options apply to video opened from now on (a new page, layout or "
                "camera); tiles already playing keep theirs."
            )
        )
        nowhere = self.tr("(not known)")
        for line in (self.database_line, self.broker_line):
            line.setPlaceholderText(nowhere)


def _spin(parent: QWidget, limits: tuple[int, int], value: int, step: int = 1) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(*limits)
    spin.setSingleStep(step)
    spin.setValue(value)  # clamped to the range
    return spin


def _check(parent: QWidget, on: bool) -> QCheckBox:
    check = QCheckBox(parent)
    check.setChecked(on)
    return check


def _read_only(parent: QWidget, text: str) -> QLineEdit:
    line = QLineEdit(text, parent)
    line.setReadOnly(True)
    line.setCursorPosition(0)
    line.setToolTip(text)  # the whole of a long URL
    line.ensurePolished()  # the theme's font, to measure with
    line.setMinimumWidth(min(640, line.fontMetrics().horizontalAdvance(text) + 24))
    return line
