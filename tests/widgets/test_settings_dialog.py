"""The Settings dialog: plain values in, edited, plain values out; the fields' own
limits; every field labelled; no password on screen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from services.text_rules import masked_url
from widgets.settings_dialog import SettingsDialog, WorkstationSettings
from widgets.video.layouts import BUILT_IN
from widgets.video.player import PlayerOptions

LANGUAGES = [("zh_CN", "简体中文"), ("en", "English")]
CURRENT = WorkstationSettings("zh_CN", PlayerOptions(), wall_layout="16", tour_seconds=30)


def dialog(qtbot: QtBot, current: WorkstationSettings = CURRENT, **kw: object) -> SettingsDialog:
    shown = SettingsDialog(
        current, languages=LANGUAGES, layouts=kw.pop("layouts", list(BUILT_IN.values())), **kw
    )  # type: ignore[arg-type]
    qtbot.addWidget(shown)
    shown.show()
    return shown


def press(shown: SettingsDialog, which: QDialogButtonBox.StandardButton) -> None:
    box = shown.findChild(QDialogButtonBox)
    assert box is not None
    box.button(which).click()


def test_values_in_edited_and_out(qtbot: QtBot) -> None:
    current = replace(CURRENT, player=PlayerOptions(network_caching_ms=300, connect_seconds=7))
    shown = dialog(qtbot, current)
    assert shown.objectName() == "settingsDialog" and shown.wall_group.isVisible()
    assert (shown.language_box.currentData(), shown.layout_box.currentData()) == ("zh_CN", "16")
    assert (shown.tour_spin.value(), shown.caching_spin.value(), shown.stall_spin.value()) == (
        30,
        300,
        5,
    )
    assert shown.tcp_check.isChecked() and not shown.audio_check.isChecked()
    assert shown.answer() is None  # still open
    shown.language_box.setCurrentIndex(shown.language_box.findData("en"))
    shown.layout_box.setCurrentIndex(shown.layout_box.findData("9"))
    shown.tour_spin.setValue(90)
    shown.tcp_check.click()
    shown.audio_check.click()
    shown.hardware_check.click()
    shown.caching_spin.setValue(1200)
    shown.stall_spin.setValue(12)
    shown.render_box.setCurrentIndex(shown.render_box.findData("native"))
    press(shown, QDialogButtonBox.StandardButton.Ok)
    assert shown.answer() == WorkstationSettings(
        "en",
        PlayerOptions(
            rtsp_tcp=False,
            network_caching_ms=1200,
            audio=True,
            hardware_decoding=False,
            stall_seconds=12.0,
            render="native",
            connect_seconds=7,  # not the dialog's: kept as it came
        ),
        wall_layout="9",
        tour_seconds=90,
    )


def test_cancel_answers_none(qtbot: QtBot) -> None:
    shown = dialog(qtbot)
    shown.tour_spin.setValue(90)
    press(shown, QDialogButtonBox.StandardButton.Cancel)
    assert shown.answer() is None


def test_the_fields_refuse_what_is_out_of_range(qtbot: QtBot) -> None:
    shown = dialog(qtbot, replace(CURRENT, tour_seconds=1))  # the wall's bar allows 1 s
    assert shown.tour_spin.value() == 5
    for spin, low, high in (
        (shown.tour_spin, 5, 600),
        (shown.caching_spin, 0, 5000),
        (shown.stall_spin, 1, 60),
    ):
        spin.setValue(low - 1)
        assert spin.value() == low
        spin.setValue(high + 1)
        assert spin.value() == high
    shown.caching_spin.selectAll()
    qtbot.keyClicks(shown.caching_spin, "9999")  # the fourth 9 is refused as typed
    assert shown.caching_spin.value() == 999
    press(shown, QDialogButtonBox.StandardButton.Ok)
    answer = shown.answer()
    assert answer is not None and answer.player.network_caching_ms == 999
    assert (answer.tour_seconds, answer.player.stall_seconds) == (600, 60.0)


def test_without_a_wall_its_section_is_hidden_and_its_values_kept(qtbot: QtBot) -> None:
    current = WorkstationSettings("en", PlayerOptions(), wall_layout="", tour_seconds=45)
    shown = dialog(qtbot, current, layouts=[])
    assert not shown.wall_group.isVisible() and shown.player_group.isVisible()
    press(shown, QDialogButtonBox.StandardButton.Ok)
    assert shown.answer() == current


def test_every_field_has_a_label(qtbot: QtBot) -> None:
    shown = dialog(qtbot)
    rows = 0
    for form in shown.findChildren(QFormLayout):
        for row in range(form.rowCount()):
            if form.itemAt(row, QFormLayout.ItemRole.SpanningRole) is not None:
                continue  # the note across the players' form
            caption = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
            rows += 1
            label = caption.widget() if caption is not None else None
            assert isinstance(label, QLabel) and label.text().strip()
            assert field is not None and label.buddy() is field.widget()
    assert rows == 11


def test_no_password_is_ever_shown(qtbot: QtBot) -> None:
    shown = dialog(
        qtbot,
        database="postgresql+psycopg://op:s3cret@db.lan:5432/youyi?password=other",
        broker="mqtts://ingest:hunter2@broker.lan:8883",
    )
    assert (
        shown.database_line.text() == "postgresql+psycopg://op:***@db.lan:5432/youyi?password=***"
    )
    assert shown.broker_line.text() == "mqtts://ingest:***@broker.lan:8883"
    assert shown.database_line.isReadOnly() and shown.broker_line.isReadOnly()
    texts = [w.text() for w in shown.findChildren(QWidget) if isinstance(w, QLabel | QLineEdit)]
    assert not [t for t in texts if "s3cret" in t or "hunter2" in t or "other" in t]


def test_without_password_leaves_urls_without_one_alone() -> None:
    for url in ("sqlite:////home/op/youyi.db", "mqtt://op@broker:1883", "SQLite · /tmp/x.db"):
        assert masked_url(url) == url
    assert masked_url("postgresql://op:p@ss/w:rd@db/youyi") == "postgresql://op:***@db/youyi"
    assert masked_url("host=db password=x dbname=y") == "host=db password=*** dbname=y"
