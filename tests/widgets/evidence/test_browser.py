"""The evidence browser's widgets with real files: a photograph zoomed and
turned, a real H.264 clip played and stepped through libVLC, the filters as
typed records, a verdict that needs its note, TAMPERED shown in red."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from services.domain import CustodyAction, CustodyStep, EvidenceItem, EvidenceKind, Verdict
from tests.support.video import clip
from widgets.evidence.browser import EvidenceBrowser
from widgets.evidence.detail import EvidenceDetail
from widgets.evidence.image_pane import ImagePane
from widgets.evidence.media_pane import MediaPane
from widgets.video import session as video_session

T = datetime(2026, 12, 1, 2, 30, tzinfo=UTC)


def item(i: int, kind: EvidenceKind = EvidenceKind.IMAGE, **kw: object) -> EvidenceItem:
    fields: dict[str, object] = dict(
        id=i,
        sha256=f"{i:02d}" * 32,
        size=123_456,
        kind=kind,
        media_type="image/png",
        name=f"IMG_{i:04d}.PNG",
        captured_at=T,
        lon=121.49,
        lat=31.40,
        grid="G21",
        officer="li.zf",
        device="DSJ-V7",
        decodes=True,
        flag=None,
        verdict=None,
        verdict_note=None,
        verdict_by=None,
        added_at=T,
    )
    fields.update(kw)
    return EvidenceItem(**fields)  # type: ignore[arg-type]


def png(path: Path, width: int = 400, height: int = 200) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#3d9bff"))
    assert image.save(str(path))
    return path


def test_a_photograph_is_zoomed_panned_and_turned(qtbot: QtBot, tmp_path: Path) -> None:
    pane = ImagePane()
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    assert pane.open(png(tmp_path / "a.png"))
    assert pane.image_size == (400, 200)
    fitted = pane.scale
    pane.zoom(2)
    assert abs(pane.scale - fitted * 2) < 1e-6
    pane.rotate(90)
    rect = pane.scene.sceneRect()
    assert round(rect.width()) == 200 and round(rect.height()) == 400  # upright now
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 64)
    assert not pane.open(broken) and pane.error


def test_a_clip_plays_pauses_and_steps_a_frame(qtbot: QtBot) -> None:
    pane = MediaPane()
    qtbot.addWidget(pane)
    pane.resize(480, 320)
    pane.show()
    pane.open(clip("CAM-001"))
    qtbot.waitUntil(lambda: pane.frames >= 3, timeout=10_000)
    pane.toggle()  # pause
    qtbot.waitUntil(lambda: not pane.playing, timeout=5000)
    shown = pane.frames
    pane.step()
    qtbot.waitUntil(lambda: pane.frames > shown, timeout=5000)
    pane.set_speed(2.0)
    assert pane.speed_box.currentData() == 2.0
    pane.close_media()
    qtbot.waitUntil(lambda: video_session.live_sessions() == 0, timeout=10_000)


def test_the_filters_are_a_typed_record(qtbot: QtBot) -> None:
    browser = EvidenceBrowser(["G11", "G21"])
    qtbot.addWidget(browser)
    asked: list[object] = []
    browser.filter_changed.connect(asked.append)
    browser.kind_box.setCurrentIndex(browser.kind_box.findData("video"))
    browser.review_box.setCurrentIndex(browser.review_box.findData("no"))
    browser.grid_box.setCurrentIndex(browser.grid_box.findData("G21"))
    browser.period.setCurrentIndex(browser.period.findData("1"))  # today
    flt = asked[-1]
    assert flt.kinds == {EvidenceKind.VIDEO} and flt.reviewed is False  # type: ignore[attr-defined]
    assert flt.grids == {"G21"}  # type: ignore[attr-defined]
    today = browser.current_filter(datetime(2026, 12, 2, 1, 0, tzinfo=UTC))  # 09:00 local
    assert today.since == datetime(2026, 12, 1, 16, 0, tzinfo=UTC)  # local midnight
    wanted: list[list[int]] = []
    browser.thumbnails_wanted.connect(wanted.append)
    browser.set_items([item(1), item(2, EvidenceKind.VIDEO, decodes=False, flag="no decoder")])
    assert wanted == [[1, 2]] and browser.model.rowCount() == 2
    flagged = browser.model.index(1, 0)
    assert browser.model.data(flagged, Qt.ItemDataRole.ToolTipRole) == "no decoder"


def test_a_verdict_says_why_and_tampering_shows_in_red(qtbot: QtBot, tmp_path: Path) -> None:
    detail = EvidenceDetail()
    qtbot.addWidget(detail)
    detail.show()
    asked: list[tuple[int, object, str]] = []
    detail.verdict_requested.connect(lambda i, v, n: asked.append((i, v, n)))
    detail.show_item(item(7), png(tmp_path / "p.png"), [], [(3, "YY-20261202-0003")])
    assert detail.stack.currentWidget() is detail.image
    detail.verdict_buttons[Verdict.NOT_USABLE].click()
    assert asked == [] and detail.error.isVisibleTo(detail)  # a note first
    detail.note.setText("画面模糊")
    detail.verdict_buttons[Verdict.NOT_USABLE].click()
    assert asked == [(7, Verdict.NOT_USABLE, "画面模糊")]
    detail.verdict_buttons[Verdict.USABLE].click()  # no note needed
    assert asked[-1][1] is Verdict.USABLE
    assert detail.order_buttons[0].text() == "YY-20261202-0003"
    step = CustodyStep(4, T, "li.zf", "gui:pc", CustodyAction.TAMPERED, {})
    detail.show_tampered(item(7), False, [step])
    assert detail.banner.isVisibleTo(detail) and "SHA-256" in detail.banner.text()
    detail.show_tampered(item(7), True, [step])
    assert "missing" in detail.banner.text()
    assert not detail.verdict_buttons[Verdict.USABLE].isEnabled()
    assert detail.stack.currentWidget() is detail.no_preview  # nothing of it shown
