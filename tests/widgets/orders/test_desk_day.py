"""The desk's day (a click in the statistics): a chip in the filter bar says
why the list is narrowed, every state shows, and clearing it puts the
person's open-only choice back."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from services.domain import OrderFilter
from widgets.orders.desk import WorkOrderDesk

DAY = date(2026, 11, 30)


def _desk(qtbot: QtBot) -> tuple[WorkOrderDesk, list[OrderFilter]]:
    desk = WorkOrderDesk(["G11", "G21"])
    qtbot.addWidget(desk)
    desk.show()
    asked: list[OrderFilter] = []
    desk.page_wanted.connect(lambda _token, flt, _after: asked.append(flt))
    desk.apply_filter()
    return desk, asked


def test_a_day_shows_its_chip_and_every_state(qtbot: QtBot) -> None:
    desk, asked = _desk(qtbot)
    assert asked[-1].open_only and asked[-1].raised_on is None
    assert not desk.day_chip.isVisibleTo(desk)
    desk.set_day(DAY)
    assert asked[-1] == OrderFilter(open_only=False, raised_on=DAY)
    assert len(asked) == 2  # one filter change, not one per box
    assert desk.day_chip.isVisibleTo(desk) and desk.day_chip.text() == "2026-11-30 raised  ✕"
    assert desk.preset.currentData() == "all"  # what the list shows, said by the preset too
    desk.set_day(date(2026, 11, 29))  # another day: still every state
    assert asked[-1] == OrderFilter(open_only=False, raised_on=date(2026, 11, 29))
    with qtbot.waitSignal(desk.day_cleared):
        desk.day_chip.click()
    assert not desk.day_chip.isVisibleTo(desk) and desk.day is None
    assert desk.preset.currentData() == "open"  # the person's choice, back
    assert asked[-1] == OrderFilter()


def test_a_preset_kept_or_picked_meanwhile_stands(qtbot: QtBot) -> None:
    desk, asked = _desk(qtbot)
    desk.preset.setCurrentIndex(desk.preset.findData("mine"))
    desk.set_day(DAY)
    assert asked[-1] == OrderFilter(open_only=False, raised_on=DAY)
    desk.set_day(None)
    assert desk.preset.currentData() == "mine" and asked[-1] == OrderFilter(mine=True)
    desk.preset.setCurrentIndex(desk.preset.findData("closed"))  # not open-only: kept
    desk.set_day(DAY)
    assert desk.preset.currentData() == "closed" and asked[-1].raised_on == DAY
    desk.preset.setCurrentIndex(desk.preset.findData("open"))  # the person's own pick
    desk.set_day(None)
    assert desk.preset.currentData() == "open" and asked[-1] == OrderFilter()
    desk.set_day(DAY)
    desk.preset.setCurrentIndex(desk.preset.findData("overdue"))  # picked with a day set
    desk.set_day(None)
    assert desk.preset.currentData() == "overdue"
    assert asked[-1] == OrderFilter(overdue_only=True)
