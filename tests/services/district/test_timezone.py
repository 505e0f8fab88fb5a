"""One place names the district's time zone: resources/calendar.toml."""

from __future__ import annotations

from pathlib import Path

from services.district.timezone import DEFAULT_ZONE, district_tz
from services.workflow.calendar import WorkingCalendar

ROOT = Path(__file__).resolve().parents[3]


def test_the_zone_is_the_working_calendars() -> None:
    assert district_tz() == WorkingCalendar.load().tz
    assert str(district_tz()) == "Asia/Shanghai"


def test_no_module_names_the_zone_itself() -> None:
    named = [
        str(p.relative_to(ROOT))
        for d in ("console", "widgets", "services")
        for p in (ROOT / d).rglob("*.py")
        if DEFAULT_ZONE in p.read_text(encoding="utf-8") and p.name != "timezone.py"
    ]
    assert named == []
