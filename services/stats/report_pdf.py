"""The report as PDF, made with reportlab (no browser): Chinese text in a CJK
font, tables and bar charts drawn as PDF graphics.

The font: a TrueType CJK font of the machine if one loads (reportlab reads
TrueType outlines only; the Noto CJK fonts are CFF), else the Adobe CID font
``STSong-Light`` that every PDF reader carries, which needs no file.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

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

FALLBACK_FONT = "STSong-Light"
TTF_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
)


@functools.cache
def cjk_font() -> str:
    """The name of a registered font that draws Chinese."""
    for path in TTF_CANDIDATES:
        if Path(path).is_file():
            try:
                pdfmetrics.registerFont(TTFont("ReportCJK", path, subfontIndex=0))
                return "ReportCJK"
            except Exception:  # a font reportlab cannot read: try the next
                continue
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT


def _table(font: str, header: list[str], rows: list[list[Any]]) -> Table:
    data = [header, *[["—" if v is None else str(v) for v in r] for r in rows]]
    t = Table(data, repeatRows=1)
    t.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font, 8),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return t


def _bars(font: str, title: str, labels: list[str], values: list[float]) -> Drawing:
    d = Drawing(170 * mm, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 10 * mm, 150 * mm, 40 * mm
    chart.data = [values or [0]]
    chart.categoryAxis.categoryNames = labels or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 7
    chart.bars[0].fillColor = colors.HexColor("#2f6fb0")
    d.add(chart)
    d.add(String(85 * mm, 55 * mm, title, fontName=font, fontSize=10, textAnchor="middle"))
    return d


def report_pdf(report: dict[str, Any]) -> bytes:
    font = cjk_font()
    h1 = ParagraphStyle("h1", fontName=font, fontSize=16, leading=22)
    h2 = ParagraphStyle("h2", fontName=font, fontSize=12, leading=18, spaceBefore=8)
    body = ParagraphStyle("body", fontName=font, fontSize=9, leading=13)
    counts = [zh.replace("(小时)", "") for _k, zh in COUNT_COLUMNS]
    days, kinds = report["days"], report["alerts_by_kind"]
    story: list[Flowable] = [
        Paragraph("城运中心统计报表", h1),
        Paragraph(
            f"统计时段：{report['date_from']} 至 {report['date_to']}（{report['zone']} 本地日）；"
            f"范围：{'、'.join(report['grids'] or ['全部网格'])}；"
            f"生成时间（UTC）：{report['generated_at']}",
            body,
        ),
        Paragraph("工单总体", h2),
        _table(font, counts, [count_cells(report)]),
        Paragraph("每日工单", h2),
        _bars(font, "每日新增工单", [d["day"][5:] for d in days], [d["opened"] for d in days]),
        _table(
            font,
            ["日期", "新增", "结案", "不予立案", "日末积压"],
            [[d["day"], d["opened"], d["closed"], d["not_filed"], d["backlog"]] for d in days],
        ),
        Paragraph("告警按设备类型", h2),
        _bars(font, "告警数", [label(KIND, k) for k in kinds], list(kinds.values())),
        Paragraph("工单按类别", h2),
        _table(
            font,
            ["类别", *counts],
            [[label(CATEGORY, k), *count_cells(c)] for k, c in report["by_category"].items()],
        ),
        Spacer(1, 4 * mm),
        Paragraph("九宫格（按网格）", h2),
        _table(
            font, ["网格", *counts], [[k, *count_cells(c)] for k, c in report["by_grid"].items()]
        ),
        Paragraph("工单来源", h2),
        _table(
            font,
            ["来源", "工单数"],
            [[label(SOURCE, k), n] for k, n in report["orders_by_source"].items()],
        ),
        Paragraph("故障最多的电梯", h2),
        _table(font, FAULT_HEADER, fault_rows(report) or [["无", "", "", ""]]),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title="城运中心统计报表", leftMargin=12 * mm,
                            rightMargin=12 * mm)  # fmt: skip
    doc.build(story)
    return out.getvalue()
