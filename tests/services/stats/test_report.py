"""The report of a range with nothing in it: numbers throughout (zeros, not
nulls or an error), and the pages say "—" where a rate means nothing."""

from __future__ import annotations

import json
from datetime import date

from services.db.store import Store
from services.stats.report import build_report
from services.stats.report_html import report_html


def test_an_empty_range_reports_zeros(store: Store) -> None:
    report = build_report(store, date(2026, 1, 1), date(2026, 1, 31))
    figures = {
        key: report[key]
        for key in (
            "orders_opened",
            "orders_closed",
            "orders_not_filed",
            "closed_on_time",
            "on_time_rate",
            "overdue_open",
        )
    }
    assert figures == dict.fromkeys(figures, 0)
    assert report["alerts_by_kind"] in ({}, [])
    for counts in [*report["by_grid"].values(), *report["by_category"].values()]:
        assert counts["median_hours_to_close"] == 0 and counts["on_time_rate"] == 0
    json.dumps(report)  # all of it serialisable as it stands
    page = report_html(report)
    assert "—" in page and "0.0%" not in page  # no rate where nothing closed
