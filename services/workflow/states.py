"""The lifecycle of 数字城管 as a table: which state may follow which.

发现 → 受理 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案, with the side roads
(退单, 延期, 挂账, 返工, 不予立案, 归档 and reopening).
"""

from __future__ import annotations

from services.domain import OrderState as S
from services.errors import TransitionError

ALLOWED: dict[S, tuple[S, ...]] = {
    S.REPORTED: (S.FILED, S.NOT_FILED),
    S.FILED: (S.DISPATCHED,),
    S.DISPATCHED: (S.ACKNOWLEDGED, S.RETURNED),
    S.RETURNED: (S.FILED,),
    S.ACKNOWLEDGED: (S.IN_PROGRESS,),
    S.IN_PROGRESS: (S.RESOLVED, S.EXTENDED, S.PARKED, S.RETURNED),
    S.EXTENDED: (S.IN_PROGRESS,),
    S.PARKED: (S.IN_PROGRESS, S.CLOSED),
    S.RESOLVED: (S.CLOSED, S.IN_PROGRESS),
    S.CLOSED: (S.ARCHIVED,),
    S.NOT_FILED: (S.ARCHIVED,),
    S.ARCHIVED: (S.IN_PROGRESS,),
}

#: The verb recorded in the history for each move.
ACTION: dict[tuple[S, S], str] = {
    (S.REPORTED, S.FILED): "file",
    (S.REPORTED, S.NOT_FILED): "refuse",
    (S.FILED, S.DISPATCHED): "dispatch",
    (S.DISPATCHED, S.ACKNOWLEDGED): "acknowledge",
    (S.DISPATCHED, S.RETURNED): "return",
    (S.RETURNED, S.FILED): "refile",
    (S.ACKNOWLEDGED, S.IN_PROGRESS): "start",
    (S.IN_PROGRESS, S.RESOLVED): "report_result",
    (S.IN_PROGRESS, S.EXTENDED): "extend",
    (S.IN_PROGRESS, S.PARKED): "park",
    (S.IN_PROGRESS, S.RETURNED): "return",
    (S.EXTENDED, S.IN_PROGRESS): "resume",
    (S.PARKED, S.IN_PROGRESS): "resume",
    (S.PARKED, S.CLOSED): "close",
    (S.RESOLVED, S.CLOSED): "verify_close",
    (S.RESOLVED, S.IN_PROGRESS): "rework",
    (S.CLOSED, S.ARCHIVED): "archive",
    (S.NOT_FILED, S.ARCHIVED): "archive",
    (S.ARCHIVED, S.IN_PROGRESS): "reopen",
}


def check_move(current: S, target: S) -> str:
    """The action name of ``current → target``, or TransitionError saying what is allowed."""
    allowed = ALLOWED[current]
    if target not in allowed:
        moves = ", ".join(s.value for s in allowed) or "none"
        raise TransitionError(
            f"cannot move a work order from {current.value} to {target.value}; "
            f"from {current.value} it may go to: {moves}"
        )
    return ACTION[(current, target)]
