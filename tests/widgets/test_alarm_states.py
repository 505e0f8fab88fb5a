"""Alarm states are one enum: what waits for a person is said once, and every
state has its name in the UI."""

from __future__ import annotations

from services.domain import UNACKED_ALARM_STATES, AlarmState
from widgets.labels import _SOURCE, label


def test_which_states_wait_for_a_person() -> None:
    waiting = {s for s in AlarmState if s.needs_ack}
    assert waiting == UNACKED_ALARM_STATES == {AlarmState.ACTIVE_UNACK, AlarmState.CLEARED_UNACK}
    assert {s for s in AlarmState if s.acknowledged} == {
        AlarmState.ACTIVE_ACK,
        AlarmState.CLEARED_ACK,
    }


def test_every_state_and_only_those_have_a_name() -> None:
    assert set(_SOURCE["alarm_state"]) == {s.value for s in AlarmState}
    assert label("alarm_state", AlarmState.SHELVED) == "Shelved"  # no translator loaded here
