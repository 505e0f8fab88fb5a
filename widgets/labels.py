"""What the UI calls the codes of services.domain: one place, translated when shown.

The source text is English; resources/i18n/youyi_zh_CN.ts gives the Chinese.
``label(value)`` takes any code of the enums below (an enum member or its
string) and returns its translated name, or the code itself when unknown.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

#: Translation context of each group (one each: "Closed" is 已结案 for an order
#: and 已关闭 for an alarm).
CONTEXTS = {
    "order_state": "OrderState",
    "category": "Category",
    "priority": "Priority",
    "outcome": "Outcome",
    "escalation": "Escalation",
    "order_step": "OrderStep",
    "role": "Role",
    "device_kind": "DeviceKind",
    "alarm_state": "AlarmState",
    "severity": "Severity",
    "evidence_kind": "EvidenceKind",
    "verdict": "Verdict",
    "custody": "CustodyAction",
    "order_source": "OrderSource",
}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate looks for)
    return text


_SOURCE: dict[str, dict[str, str]] = {
    "evidence_kind": {
        "image": QT_TRANSLATE_NOOP("EvidenceKind", "Photo"),
        "video": QT_TRANSLATE_NOOP("EvidenceKind", "Video"),
        "audio": QT_TRANSLATE_NOOP("EvidenceKind", "Audio"),
        "document": QT_TRANSLATE_NOOP("EvidenceKind", "Document"),
        "other": QT_TRANSLATE_NOOP("EvidenceKind", "Other"),
    },
    "verdict": {
        "usable": QT_TRANSLATE_NOOP("Verdict", "Usable"),
        "not_usable": QT_TRANSLATE_NOOP("Verdict", "Not usable"),
        "needs_more": QT_TRANSLATE_NOOP("Verdict", "Needs more"),
    },
    "custody": {
        "intake": QT_TRANSLATE_NOOP("CustodyAction", "Taken in"),
        "view": QT_TRANSLATE_NOOP("CustodyAction", "Viewed"),
        "export": QT_TRANSLATE_NOOP("CustodyAction", "Exported"),
        "verdict": QT_TRANSLATE_NOOP("CustodyAction", "Reviewed"),
        "attach": QT_TRANSLATE_NOOP("CustodyAction", "Attached"),
        "detach": QT_TRANSLATE_NOOP("CustodyAction", "Detached"),
        "tampered": QT_TRANSLATE_NOOP("CustodyAction", "TAMPERED"),
    },
    "order_source": {
        "manual": QT_TRANSLATE_NOOP("OrderSource", "Operators"),
        "alarm": QT_TRANSLATE_NOOP("OrderSource", "Operators, from an alarm"),
        "rule": QT_TRANSLATE_NOOP("OrderSource", "Rules"),
        "rules": QT_TRANSLATE_NOOP("OrderSource", "Rules"),
        "resident": QT_TRANSLATE_NOOP("OrderSource", "Residents"),
    },
    "order_state": {
        "reported": QT_TRANSLATE_NOOP("OrderState", "Reported"),
        "filed": QT_TRANSLATE_NOOP("OrderState", "Filed"),
        "not_filed": QT_TRANSLATE_NOOP("OrderState", "Not filed"),
        "dispatched": QT_TRANSLATE_NOOP("OrderState", "Dispatched"),
        "returned": QT_TRANSLATE_NOOP("OrderState", "Returned"),
        "acknowledged": QT_TRANSLATE_NOOP("OrderState", "Acknowledged"),
        "in_progress": QT_TRANSLATE_NOOP("OrderState", "In progress"),
        "extended": QT_TRANSLATE_NOOP("OrderState", "Extended"),
        "parked": QT_TRANSLATE_NOOP("OrderState", "Parked"),
        "resolved": QT_TRANSLATE_NOOP("OrderState", "Resolved, to verify"),
        "closed": QT_TRANSLATE_NOOP("OrderState", "Closed"),
        "archived": QT_TRANSLATE_NOOP("OrderState", "Archived"),
    },
    "category": {
        "elevator_fault": QT_TRANSLATE_NOOP("Category", "Elevator fault"),
        "electrical_safety": QT_TRANSLATE_NOOP("Category", "Electrical safety"),
        "nonmotor_parking": QT_TRANSLATE_NOOP("Category", "Non-motor vehicle parking"),
        "storefront_occupation": QT_TRANSLATE_NOOP("Category", "Storefront occupation"),
        "sanitation": QT_TRANSLATE_NOOP("Category", "Sanitation"),
        "other": QT_TRANSLATE_NOOP("Category", "Other"),
    },
    "priority": {
        "critical": QT_TRANSLATE_NOOP("Priority", "Critical"),
        "urgent": QT_TRANSLATE_NOOP("Priority", "Urgent"),
        "normal": QT_TRANSLATE_NOOP("Priority", "Normal"),
    },
    "outcome": {
        "fixed": QT_TRANSLATE_NOOP("Outcome", "Fixed"),
        "duplicate": QT_TRANSLATE_NOOP("Outcome", "Duplicate"),
        "not_responsible": QT_TRANSLATE_NOOP("Outcome", "Not our responsibility"),
        "false_alarm": QT_TRANSLATE_NOOP("Outcome", "False alarm"),
        "unable_to_fix": QT_TRANSLATE_NOOP("Outcome", "Unable to fix"),
    },
    "escalation": {
        "grid": QT_TRANSLATE_NOOP("Escalation", "Grid"),
        "block": QT_TRANSLATE_NOOP("Escalation", "Block"),
        "sub_district": QT_TRANSLATE_NOOP("Escalation", "Sub-district"),
        "district": QT_TRANSLATE_NOOP("Escalation", "District"),
    },
    # steps of an order's history that do not change its state
    "order_step": {
        "supervise": QT_TRANSLATE_NOOP("OrderStep", "Supervised"),
        "escalate": QT_TRANSLATE_NOOP("OrderStep", "Escalated"),
        "attach": QT_TRANSLATE_NOOP("OrderStep", "Pictures added"),
        "near_due": QT_TRANSLATE_NOOP("OrderStep", "Near its deadline"),
        "overdue": QT_TRANSLATE_NOOP("OrderStep", "Overdue"),
    },
    "role": {
        "operator": QT_TRANSLATE_NOOP("Role", "Operator"),
        "supervisor": QT_TRANSLATE_NOOP("Role", "Grid supervisor"),
        "officer": QT_TRANSLATE_NOOP("Role", "Law-enforcement officer"),
        "admin": QT_TRANSLATE_NOOP("Role", "Administrator"),
    },
    "device_kind": {
        "camera": QT_TRANSLATE_NOOP("DeviceKind", "Community camera"),
        "elevator": QT_TRANSLATE_NOOP("DeviceKind", "Smart elevator"),
        "arc_fault": QT_TRANSLATE_NOOP("DeviceKind", "Arc-fault sensor"),
        "eagle_eye": QT_TRANSLATE_NOOP("DeviceKind", "Eagle-eye camera"),
        "nonmotor_probe": QT_TRANSLATE_NOOP("DeviceKind", "Non-motor vehicle probe"),
        "storefront_probe": QT_TRANSLATE_NOOP("DeviceKind", "Storefront probe"),
        "mobile": QT_TRANSLATE_NOOP("DeviceKind", "Mobile evidence"),
    },
    "alarm_state": {
        "pending": QT_TRANSLATE_NOOP("AlarmState", "On hold"),
        "active_unack": QT_TRANSLATE_NOOP("AlarmState", "Unacknowledged"),
        "active_ack": QT_TRANSLATE_NOOP("AlarmState", "Acknowledged"),
        "cleared_unack": QT_TRANSLATE_NOOP("AlarmState", "Cleared, unacknowledged"),
        "cleared_ack": QT_TRANSLATE_NOOP("AlarmState", "Closed"),
        "shelved": QT_TRANSLATE_NOOP("AlarmState", "Shelved"),
    },
    "severity": {
        "1": QT_TRANSLATE_NOOP("Severity", "Info"),
        "2": QT_TRANSLATE_NOOP("Severity", "Minor"),
        "3": QT_TRANSLATE_NOOP("Severity", "Major"),
        "4": QT_TRANSLATE_NOOP("Severity", "Critical"),
    },
}
GROUPS = tuple(_SOURCE)


def label(group: str, code: object) -> str:
    """The translated name of ``code`` in ``group`` (e.g. ``label("priority",
    Priority.URGENT)``); the code itself when the group does not know it."""
    key = str(getattr(code, "value", code))
    source = _SOURCE.get(group, {}).get(key)
    return QCoreApplication.translate(CONTEXTS[group], source) if source else key


def codes(group: str) -> list[str]:
    """The codes of ``group`` in their natural order (for filters and menus)."""
    return list(_SOURCE.get(group, {}))
