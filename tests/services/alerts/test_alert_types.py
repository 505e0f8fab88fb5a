"""The alert-type table: complete for the schemas and the rules, and refused
with a clear message when it is broken."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.alarms.rules import RuleSet
from services.alerts.alert_types import AlertTypes
from services.alerts.messages import DeviceKind
from services.alerts.schemas import event_types
from services.errors import ConfigError


@pytest.fixture(scope="module")
def types() -> AlertTypes:
    return AlertTypes.load()


def test_the_table_and_the_schemas_name_the_same_types(types: AlertTypes) -> None:
    for kind in DeviceKind:
        assert sorted(event_types(kind)) == sorted(t.type for t in types.of_kind(kind.value))


def test_every_rule_refers_to_a_known_type(types: AlertTypes) -> None:
    rules = RuleSet.load()
    for (kind, alert_type), _rule in rules._rules.items():
        assert types.get(kind, alert_type), f"rules.toml: {kind}/{alert_type} is not a type"


def test_look_ups(types: AlertTypes) -> None:
    assert types.severity("elevator", "trapped_passenger") == 4
    assert types.hold_s("elevator", "trapped_passenger") == 0
    assert types.hold_s("elevator", "ebike_entering") == 10
    assert types.latches("arc_fault", "arc_detected")
    assert types.latches("arc_fault", "residual_current_high")
    assert not types.latches("elevator", "door_fault")
    assert types.label("elevator", "trapped_passenger") == "电梯困人"
    assert types.label("elevator", "trapped_passenger", "en") == "Passenger trapped"
    assert types.severity("elevator", "nope") is None and not types.latches("x", "y")
    assert types.label("x", "y") == "y"
    assert len(types) == len(list(types)) > 20


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('[[type]]\nkind = "elevator"\ntype = "x"\nseverity = 5\nlabel = "x"\n', "<= 4"),
        ('[[type]]\nkind = "toaster"\ntype = "x"\nseverity = 1\nlabel = "x"\n', "kind"),
        ('[[type]]\nkind = "camera"\ntype = "x"\nseverity = 1\n', "label"),
        ('[[type]]\nkind = "camera"\ntype = "x"\nseverity = 1\nlabel = "x"\nhue = 1\n', "hue"),
        ("[[type]\n", "alert types"),
        (
            '[[type]]\nkind = "camera"\ntype = "x"\nseverity = 1\nlabel = "x"\n' * 2,
            "listed twice",
        ),
    ],
)
def test_a_broken_table_is_refused(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "alert_types.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=words):
        AlertTypes.load(path)
