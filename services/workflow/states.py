"""Checking a move against the lifecycle (``services.domain.lifecycle``)."""

from __future__ import annotations

from services.domain import ALLOWED, MOVES, MoveAction
from services.domain import OrderState as S
from services.errors import TransitionError


def check_move(current: S, target: S) -> MoveAction:
    """The action of ``current → target``, or TransitionError saying what is allowed."""
    allowed = ALLOWED[current]
    if target not in allowed:
        moves = ", ".join(s.value for s in allowed) or "none"
        raise TransitionError(
            f"cannot move a work order from {current.value} to {target.value}; "
            f"from {current.value} it may go to: {moves}"
        )
    return MOVES[(current, target)]
