"""The Chinese names the reports print (codes stay in English in the data)."""

from __future__ import annotations

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
SOURCE = {"manual": "人工上报", "rule": "规则自动", "rules": "规则自动", "resident": "居民上报"}
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


def label(table: dict[str, str], code: str) -> str:
    return table.get(code, code)
