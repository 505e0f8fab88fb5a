"""The report as JSON and as CSV (one table per section; UTF-8 with a BOM so
that Excel opens the Chinese right)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from services.stats.report_labels import (
    CATEGORY,
    COUNT_COLUMNS,
    FAULT_HEADER,
    KIND,
    SOURCE,
    fault_rows,
    label,
)


def report_json(report: dict[str, Any]) -> bytes:
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _table(w: Any, title: str, header: list[str], rows: list[list[Any]]) -> None:
    w.writerow([f"# {title}"])
    w.writerow(header)
    w.writerows(rows)
    w.writerow([])


def _counts_row(c: dict[str, Any]) -> list[Any]:
    return [c[key] if c[key] is not None else "" for key, _zh in COUNT_COLUMNS]


def report_csv(report: dict[str, Any]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")
    counts = [zh for _k, zh in COUNT_COLUMNS]
    _table(
        w,
        "报表范围",
        ["起始日期", "结束日期", "时区", "网格", "生成时间(UTC)"],
        [[report["date_from"], report["date_to"], report["zone"],
          " ".join(report["grids"] or ["全部"]), report["generated_at"]]],
    )  # fmt: skip
    _table(w, "工单总体", counts, [_counts_row(report)])
    _table(
        w,
        "告警按类型",
        ["设备类型", "代码", "告警数"],
        [[label(KIND, k), k, n] for k, n in report["alerts_by_kind"].items()],
    )
    _table(
        w,
        "工单按类别",
        ["类别", "代码", *counts],
        [[label(CATEGORY, k), k, *_counts_row(c)] for k, c in report["by_category"].items()],
    )
    _table(
        w,
        "工单按网格",
        ["网格", *counts],
        [[k, *_counts_row(c)] for k, c in report["by_grid"].items()],
    )
    _table(
        w,
        "工单来源",
        ["来源", "代码", "工单数"],
        [[label(SOURCE, k), k, n] for k, n in report["orders_by_source"].items()],
    )
    _table(w, "故障最多的电梯", FAULT_HEADER, fault_rows(report))
    _table(
        w,
        "每日工单",
        ["日期", "新增", "结案", "不予立案", "日末积压"],
        [
            [d["day"], d["opened"], d["closed"], d["not_filed"], d["backlog"]]
            for d in report["days"]
        ],
    )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
