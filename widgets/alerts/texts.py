"""What the alert queue shows of an alarm: column texts, severity colours, tooltip.

Times are local to the district (its zone in resources/calendar.toml): ``HH:MM:SS`` today,
``MM-DD HH:MM`` before.  Severity colours are chosen for the dark theme
(text on #121922): critical red, major orange, minor yellow, info grey; the
severity cell gets a tint of its colour, an unacknowledged row a fainter one.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics

from services.district.timezone import district_tz
from services.domain import QueuedAlarm
from widgets.labels import codes, label

DISTRICT_TZ = district_tz()
CONTEXT = "AlertQueueModel"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


COLUMNS = (
    ("severity", QT_TRANSLATE_NOOP("AlertQueueModel", "Level")),
    ("label", QT_TRANSLATE_NOOP("AlertQueueModel", "Alarm")),
    ("device", QT_TRANSLATE_NOOP("AlertQueueModel", "Device")),
    ("kind", QT_TRANSLATE_NOOP("AlertQueueModel", "Kind")),
    ("community", QT_TRANSLATE_NOOP("AlertQueueModel", "Community")),
    ("grid", QT_TRANSLATE_NOOP("AlertQueueModel", "Grid")),
    ("time", QT_TRANSLATE_NOOP("AlertQueueModel", "Last seen")),
    ("count", QT_TRANSLATE_NOOP("AlertQueueModel", "Count")),
    ("state", QT_TRANSLATE_NOOP("AlertQueueModel", "State")),
    ("order", QT_TRANSLATE_NOOP("AlertQueueModel", "Order")),
)
COLUMN_NAMES = tuple(name for name, _text in COLUMNS)
RIGHT_ALIGNED = frozenset({"count", "order"})
#: What the narrow columns must fit (besides their titles and code labels).
WIDTH_SAMPLES = {"grid": "G88", "time": "88-88 88:88", "count": "×888", "order": "#88888"}
WIDTH_SAMPLES |= {"label": "故障电弧 · 需复位", "community": "宝山八村东"}
#: Columns showing code labels (their widest label, within reason).
LABEL_GROUPS = {"severity": "severity", "kind": "device_kind", "state": "alarm_state"}
#: Severity colours, legible on the dark theme: info, minor, major, critical.
SEVERITY_COLOURS = {1: "#9aa5b1", 2: "#e6c84f", 3: "#f0913a", 4: "#ff5a4f"}
_FOREGROUND = {s: QBrush(QColor(c)) for s, c in SEVERITY_COLOURS.items()}


def _tint(colour: str, alpha: int) -> QBrush:
    tint = QColor(colour)
    tint.setAlpha(alpha)
    return QBrush(tint)


_CELL_TINT = {s: _tint(c, 70) for s, c in SEVERITY_COLOURS.items()}
_ROW_TINT = {s: _tint(c, 22) for s, c in SEVERITY_COLOURS.items()}


def today() -> date:
    """Today's date in the district (tests replace it)."""
    return datetime.now(DISTRICT_TZ).date()


def when(at: datetime) -> str:
    local = at.astimezone(DISTRICT_TZ)
    return local.strftime("%H:%M:%S" if local.date() == today() else "%m-%d %H:%M")


def cell_text(a: QueuedAlarm, column: str) -> str:
    if column == "severity":
        return "●  " + label("severity", str(a.severity))
    if column == "label":
        if not a.latched:
            return a.label
        return a.label + QCoreApplication.translate("AlertQueueModel", " · latched")
    if column == "device":
        return a.device_name or a.device_id
    if column == "kind":
        return label("device_kind", a.kind)
    if column == "community":
        return a.community_name or a.community or ""
    if column == "grid":
        return a.grid or ""
    if column == "time":
        return when(a.last_seen)
    if column == "count":
        return f"×{a.count}" if a.count > 1 else ""
    if column == "state":
        return label("alarm_state", a.state)
    if column == "order":
        return f"#{a.work_order_id}" if a.work_order_id else ""
    return ""


def row_texts(a: QueuedAlarm) -> tuple[str, ...]:
    return tuple(cell_text(a, column) for column in COLUMN_NAMES)


def foreground(a: QueuedAlarm, column: str) -> QBrush | None:
    return _FOREGROUND.get(a.severity) if column in ("severity", "label") else None


def background(a: QueuedAlarm, column: str, unacknowledged: bool) -> QBrush | None:
    if column == "severity":
        return _CELL_TINT.get(a.severity)
    return _ROW_TINT.get(a.severity) if unacknowledged else None


def tooltip(a: QueuedAlarm) -> str:
    kind = label("device_kind", a.kind)
    seen = QCoreApplication.translate("AlertQueueModel", "First seen %1, last seen %2, %3 times")
    seen = seen.replace("%1", when(a.first_seen)).replace("%2", when(a.last_seen))
    seen = seen.replace("%3", str(a.count))
    return f"{a.label} · {kind} {a.device_id}\n{seen}"


def haystack(a: QueuedAlarm) -> str:
    """What the text filter searches in (lower case)."""
    parts = (
        a.label,
        a.device_name,
        a.device_id,
        label("device_kind", a.kind),
        a.community_name or "",
        a.community or "",
        a.grid or "",
        a.alarm_type,
        f"#{a.work_order_id}" if a.work_order_id else "",
    )
    return "\n".join(parts).casefold()


def column_widths(font: QFont, padding: int = 18) -> dict[int, int]:
    """Widths of every column but the device's (it takes the rest), from what
    they show in the current language, in bold (unacknowledged rows)."""
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    cap = metrics.horizontalAdvance("中" * 7)  # a longer label is elided
    widths = {}
    for column, (name, title) in enumerate(COLUMNS):
        texts = [QCoreApplication.translate(CONTEXT, title), WIDTH_SAMPLES.get(name, "")]
        group = LABEL_GROUPS.get(name)
        if group:
            texts += [label(group, code) for code in codes(group)]
        if name == "severity":
            texts = [f"●  {t}" for t in texts]
        if name == "device":
            continue
        fixed = max(metrics.horizontalAdvance(t) for t in texts[:2])
        labels = max((metrics.horizontalAdvance(t) for t in texts[2:]), default=0)
        widths[column] = max(fixed, min(labels, cap)) + padding
    return widths
