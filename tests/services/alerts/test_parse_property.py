"""Properties of ``parse``: it never raises, whatever arrives; valid payloads of
every kind become the right record; a redelivered message keeps its key."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.alerts.messages import (
    AlertIn,
    Channel,
    DeviceKind,
    Parsed,
    Rejected,
    StatusIn,
    TelemetryIn,
)
from services.alerts.parse import parse
from tests.services.alerts.strategies import RECEIVED, Case, valid_cases

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

levels = st.one_of(
    st.sampled_from([k.value for k in DeviceKind] + [c.value for c in Channel] + ["youyi"]),
    st.text(alphabet="AZaz09._-", max_size=8),
    st.text(max_size=8),
)
structured_topics = st.lists(levels, min_size=1, max_size=6).map("/".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=5,
)


def assert_sound(result: Parsed, topic: str, payload: bytes) -> None:
    """A record of the right shape; a rejection that came from a rule, not a crash."""
    assert isinstance(result, AlertIn | TelemetryIn | StatusIn | Rejected)
    if isinstance(result, Rejected):
        assert (result.topic, result.raw, result.received_at) == (topic, payload, RECEIVED)
        assert result.reason and not result.reason.startswith("parser error"), result.reason
        return
    assert str(result.topic) == topic
    if isinstance(result, AlertIn):
        assert result.event_key.startswith(f"{result.device_id}:")
        assert 1 <= result.severity <= 4
        assert result.occurred_at.utcoffset() == timedelta(0)


@FAST
@given(topic=st.text(max_size=60) | structured_topics, payload=st.binary(max_size=200))
def test_arbitrary_bytes_and_topics_never_raise(topic: str, payload: bytes) -> None:
    assert_sound(parse(topic, payload, RECEIVED), topic, payload)


@FAST
@given(topic=structured_topics, value=json_values)
def test_arbitrary_json_never_raises(topic: str, value: Any) -> None:
    payload = json.dumps(value).encode()
    assert_sound(parse(topic, payload, RECEIVED), topic, payload)


@FAST
@given(case=valid_cases)
def test_valid_payloads_become_the_right_record(case: Case) -> None:
    result = parse(case.topic, case.payload, RECEIVED)
    assert not isinstance(result, Rejected), (result.reason, case.payload)
    assert str(result.topic) == case.topic
    assert (result.topic.kind, result.topic.channel) == (case.kind, case.channel)
    if isinstance(result, AlertIn):
        assert result.occurred_at == case.at
        got = {k: getattr(result, k) for k in case.expect}
        assert got == case.expect
    elif isinstance(result, TelemetryIn):
        assert (result.at, result.values) == (case.at, case.expect["values"])
    else:
        assert isinstance(result, StatusIn)
        assert (result.at, result.online) == (case.at, case.expect["online"])


@FAST
@given(case=valid_cases, later=st.integers(0, 3600))
def test_redelivery_keeps_the_event_key(case: Case, later: int) -> None:
    first = parse(case.topic, case.payload, RECEIVED)
    again = parse(case.topic, case.payload, RECEIVED + timedelta(seconds=later))
    assert first == parse(case.topic, case.payload, RECEIVED)
    if isinstance(first, AlertIn):
        assert isinstance(again, AlertIn) and again.event_key == first.event_key


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    case = draw(valid_cases.filter(lambda c: isinstance(c.body, dict)))
    body = dict(case.body)  # type: ignore[arg-type]
    how = draw(st.sampled_from(["drop", "retype", "flip", "truncate", "byte"]))
    key = draw(st.sampled_from(sorted(body)))
    if how == "drop":
        del body[key]
    elif how == "retype":
        body[key] = draw(json_values)
    elif how == "flip":
        v = body[key]
        body[key] = (not v) if isinstance(v, bool) else -v if isinstance(v, int | float) else ""
    payload = json.dumps(body, ensure_ascii=False).encode()
    if how == "truncate":
        payload = payload[: draw(st.integers(0, len(payload) - 1))]
    elif how == "byte":
        at = draw(st.integers(0, len(payload) - 1))
        payload = payload[:at] + bytes([draw(st.integers(0, 255))]) + payload[at + 1 :]
    return case.topic, payload


@settings(FAST, max_examples=150)
@given(message=mutated())
def test_mutated_payloads_never_raise(message: tuple[str, bytes]) -> None:
    topic, payload = message
    assert_sound(parse(topic, payload, RECEIVED), topic, payload)
