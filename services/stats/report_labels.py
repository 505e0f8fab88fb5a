"""The Chinese names the reports print (codes stay in English in the data)."""

from __future__ import annotations

from typing import Any

KIND = {
    "elevator": "智慧云梯",
    "arc_fault": "电气灭弧",
    "eagle_eye": "鹰眼",
    "camera": "视频监控",
    "nonmotor_probe": "非机动车整治",
    "storefront_probe": "跨门经营治理",
    "mobile": "移动取证",
    "system": "系统",
}
CATEGORY = {
    "elevator_fault": "电梯故障",
    "electrical_safety": "用电安全",
    "nonmotor_parking": "非机动车停放",
    "storefront_occupation": "跨门经营",
    "sanitation": "环境卫生",
    "other": "其他",
}
SOURCE = {
    "manual": "人工上报",
    "alarm": "报警转工单",
    "rule": "规则自动",
    "rules": "规则自动",
    "resident": "居民上报",
}
COUNT_COLUMNS = [
    ("orders_opened", "新增工单"),
    ("orders_closed", "结案"),
    ("orders_not_filed", "不予立案"),
    ("closed_on_time", "按期结案"),
    ("on_time_rate", "按期办结率"),
    ("overdue_open", "超时未结"),
    ("median_hours_to_close", "结案时长中位数(小时)"),
    ("p90_hours_to_close", "结案时长90分位(小时)"),
]


#: Figures that mean nothing when nothing closed: the pages show "—" there.
_NO_CLOSES = frozenset({"on_time_rate", "median_hours_to_close", "p90_hours_to_close"})


def count_cells(c: dict[str, Any]) -> list[Any]:
    """The cells of a counts row as the pages show them (the rate in per cent,
    "—" (None) for the rate and hours when nothing closed)."""
    closed = bool(c["orders_closed"])
    cells: list[Any] = []
    for key, _zh in COUNT_COLUMNS:
        value = c[key]
        if key in _NO_CLOSES and not closed:
            value = None
        elif key == "on_time_rate":
            value = f"{value * 100:.1f}%"
        cells.append(value)
    return cells


def label(table: dict[str, str], code: str) -> str:
    return table.get(code, code)


#: The elevators with most faults, as the pages' rows.
FAULT_HEADER = ["电梯", "编号", "小区", "故障次数"]


def fault_rows(report: dict[str, Any]) -> list[list[Any]]:
    return [
        [f["name"] or f["device_id"], f["device_id"], f["community"] or "—", f["faults"]]
        for f in report["elevator_faults"]
    ]
