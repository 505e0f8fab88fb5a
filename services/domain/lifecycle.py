"""The lifecycle of 数字城管 as a table: which state may follow which, the action
each move is (recorded in the history, checked against the rights, named on the
desk's buttons), and the moves that must say why.

发现 → 受理 → 立案 → 派遣 → 处置 → 反馈 → 核查 → 结案, with the side roads
(退单, 延期, 挂账, 返工, 不予立案, 归档 and reopening).
"""

from __future__ import annotations

from enum import StrEnum

from services.domain.orders import OrderState as S


class MoveAction(StrEnum):
    """What a move of an order is called (the history's ``action``)."""

    FILE = "file"  # 立案
    REFUSE = "refuse"  # 不予立案
    DISPATCH = "dispatch"  # 派遣
    ACKNOWLEDGE = "acknowledge"  # 签收
    RETURN = "return"  # 退单
    REFILE = "refile"  # 重新立案
    START = "start"  # 开始处置
    REPORT_RESULT = "report_result"  # 反馈结果
    EXTEND = "extend"  # 申请延期
    PARK = "park"  # 挂账
    RESUME = "resume"  # 恢复处置
    CLOSE = "close"  # 结案
    VERIFY_CLOSE = "verify_close"  # 核查结案
    REWORK = "rework"  # 返工
    ARCHIVE = "archive"  # 归档
    REOPEN = "reopen"  # 重新打开


A = MoveAction

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

#: The action of each allowed move.
MOVES: dict[tuple[S, S], MoveAction] = {
    (S.REPORTED, S.FILED): A.FILE,
    (S.REPORTED, S.NOT_FILED): A.REFUSE,
    (S.FILED, S.DISPATCHED): A.DISPATCH,
    (S.DISPATCHED, S.ACKNOWLEDGED): A.ACKNOWLEDGE,
    (S.DISPATCHED, S.RETURNED): A.RETURN,
    (S.RETURNED, S.FILED): A.REFILE,
    (S.ACKNOWLEDGED, S.IN_PROGRESS): A.START,
    (S.IN_PROGRESS, S.RESOLVED): A.REPORT_RESULT,
    (S.IN_PROGRESS, S.EXTENDED): A.EXTEND,
    (S.IN_PROGRESS, S.PARKED): A.PARK,
    (S.IN_PROGRESS, S.RETURNED): A.RETURN,
    (S.EXTENDED, S.IN_PROGRESS): A.RESUME,
    (S.PARKED, S.IN_PROGRESS): A.RESUME,
    (S.PARKED, S.CLOSED): A.CLOSE,
    (S.RESOLVED, S.CLOSED): A.VERIFY_CLOSE,
    (S.RESOLVED, S.IN_PROGRESS): A.REWORK,
    (S.CLOSED, S.ARCHIVED): A.ARCHIVE,
    (S.NOT_FILED, S.ARCHIVED): A.ARCHIVE,
    (S.ARCHIVED, S.IN_PROGRESS): A.REOPEN,
}

#: Moves that must say why (a refusal, a return, a rework, a reopening ...):
#: the work-order service enforces it, the desk asks for it.
NOTE_REQUIRED: frozenset[tuple[S, S]] = frozenset(
    {
        (S.REPORTED, S.NOT_FILED),
        (S.DISPATCHED, S.RETURNED),
        (S.IN_PROGRESS, S.RETURNED),
        (S.IN_PROGRESS, S.PARKED),
        (S.IN_PROGRESS, S.EXTENDED),
        (S.IN_PROGRESS, S.RESOLVED),
        (S.RESOLVED, S.IN_PROGRESS),
        (S.ARCHIVED, S.IN_PROGRESS),
    }
)
