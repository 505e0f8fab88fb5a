"""The report as one self-contained Chinese HTML page: tables and inline SVG
charts, printable, no script and nothing fetched."""

from __future__ import annotations

from html import escape
from typing import Any

from services.stats.report_labels import (
    CATEGORY,
    COUNT_COLUMNS,
    FAULT_HEADER,
    KIND,
    SOURCE,
    count_cells,
    fault_rows,
    label,
)
from services.stats.report_svg import bar_chart, line_chart

_STYLE = (
    "body{font-family:'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:right}"
    "th:first-child,td:first-child{text-align:left}th{background:#eef2f7}"
    "svg{display:block;margin:.5em 0}"
)


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    return escape(str(value))


def _table(header: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in r) + "</tr>" for r in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def report_html(report: dict[str, Any]) -> str:
    counts = [zh for _k, zh in COUNT_COLUMNS]
    grids = "、".join(report["grids"] or ["全部网格"])
    days = report["days"]
    kinds = report["alerts_by_kind"]
    parts = [
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>城运中心统计报表 {report['date_from']} 至 {report['date_to']}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>城运中心统计报表</h1><p>统计时段：{report['date_from']} 至 {report['date_to']}"
        f"（{escape(report['zone'])} 本地日）；范围：{escape(grids)}；"
        f"生成时间（UTC）：{escape(report['generated_at'])}</p>",
        "<h2>工单总体</h2>",
        _table(counts, [count_cells(report)]),
        "<h2>每日工单</h2>",
        line_chart(
            [d["day"][5:] for d in days],
            {
                "新增": [d["opened"] for d in days],
                "结案": [d["closed"] for d in days],
                "积压": [d["backlog"] for d in days],
            },
            "新增、结案与积压",
        ),
        _table(
            ["日期", "新增", "结案", "不予立案", "日末积压"],
            [[d["day"], d["opened"], d["closed"], d["not_filed"], d["backlog"]] for d in days],
        ),
        "<h2>告警按设备类型</h2>",
        bar_chart([label(KIND, k) for k in kinds], list(kinds.values()), "告警数"),
        _table(["设备类型", "告警数"], [[label(KIND, k), n] for k, n in kinds.items()]),
        "<h2>工单按类别</h2>",
        _table(
            ["类别", *counts],
            [[label(CATEGORY, k), *count_cells(c)] for k, c in report["by_category"].items()],
        ),
        "<h2>九宫格排名</h2>",
        bar_chart(
            [r["grid"] for r in report["grid_ranking"]],
            [round((r["on_time_rate"] or 0) * 100, 1) for r in report["grid_ranking"]],
            "各网格按期办结率（%）",
        ),
        _table(["网格", *counts], [[k, *count_cells(c)] for k, c in report["by_grid"].items()]),
        "<h2>工单来源</h2>",
        _table(
            ["来源", "工单数"],
            [[label(SOURCE, k), n] for k, n in report["orders_by_source"].items()],
        ),
        "<h2>故障最多的电梯</h2>",
        _table(FAULT_HEADER, fault_rows(report)) if report["elevator_faults"] else "<p>无</p>",
        "</body></html>\n",
    ]
    return "".join(parts)
