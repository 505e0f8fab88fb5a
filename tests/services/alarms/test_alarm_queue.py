"""The alert queue's store side: order, scope, hold, and checked actions."""

from __future__ import annotations

import pytest

from services.alarms.queue import AlarmQueue
from services.db.store import Store
from services.domain import Principal, Role
from services.errors import PermissionDeniedError
from services.ingest.writer import IngestWriter
from tests.support.store import alert

OPERATOR = Principal(1, "operator", "值班员", Role.OPERATOR)
SUPERVISOR = Principal(2, "supervisor", "网格长", Role.SUPERVISOR, frozenset({"G21"}))
OFFICER = Principal(3, "officer", "执法队员", Role.OFFICER)


@pytest.fixture
def queue(store: Store, writer: IngestWriter) -> AlarmQueue:
    writer.hold = lambda kind, t: 30 if t == "door_fault" else 0
    writer.write_batch(
        [
            alert("e1", seconds=0, severity=2),  # EL-0231 G21 ebike
            alert("t1", alert_type="trapped_passenger", seconds=5, severity=4),  # G21
            alert("a1", "AF-1102", "arc_fault", "arc_detected", seconds=10, severity=4),  # G12
            alert("c1", "CAM-001", "camera", "tamper", seconds=20, severity=3),  # G11
            alert("d1", alert_type="door_fault", seconds=25, severity=2),  # on hold
        ]
    )
    return AlarmQueue(store)


def keys(alarms: list) -> list[str]:  # type: ignore[type-arg]
    return [a.alarm_key for a in alarms]


def test_unacknowledged_first_then_severity_then_newest(queue: AlarmQueue) -> None:
    first = queue.open_alarms(OPERATOR)
    assert keys(first) == [
        "AF-1102:arc_detected",
        "EL-0231:trapped_passenger",
        "CAM-001:tamper",
        "EL-0231:ebike_entering",
    ]  # the door fault is on hold: not shown
    arc = first[0]
    assert (arc.label, arc.kind, arc.grid, arc.latched) == ("故障电弧", "arc_fault", "G12", True)
    queue.acknowledge(OPERATOR, arc.id, arc.version)
    assert keys(queue.open_alarms(OPERATOR))[-1] == "AF-1102:arc_detected"
    assert queue.open_counts_by_grid(OPERATOR) == {"G11": 1, "G12": 1, "G21": 2}


def test_a_supervisor_sees_and_works_only_their_grids(queue: AlarmQueue) -> None:
    mine = queue.open_alarms(SUPERVISOR)
    assert {a.grid for a in mine} == {"G21"} and len(mine) == 2
    assert queue.open_alarms(SUPERVISOR, grid="G12") == []
    arc = queue.open_alarms(OPERATOR, grid="G12")[0]
    assert queue.changes(SUPERVISOR, [arc.id]) == ([], [arc.id])  # not theirs: not in their queue
    with pytest.raises(PermissionDeniedError):
        queue.acknowledge(SUPERVISOR, arc.id, arc.version)
    assert queue.open_counts_by_grid(SUPERVISOR) == {"G21": 2}
    own = mine[0]
    assert queue.acknowledge(SUPERVISOR, own.id, own.version).state == "active_ack"


def test_officers_acknowledge_only_and_false_alarms_leave_the_queue(queue: AlarmQueue) -> None:
    tamper = queue.open_alarms(OPERATOR, grid="G11")[0]
    with pytest.raises(PermissionDeniedError):
        queue.dismiss_false(OFFICER, tamper.id, tamper.version, "a bird")
    with pytest.raises(PermissionDeniedError):
        queue.shelve(OFFICER, tamper.id, tamper.version, 30, "on site")
    acked = queue.acknowledge(OFFICER, tamper.id, tamper.version)
    assert (acked.state, acked.version) == ("active_ack", tamper.version + 1)
    queue.dismiss_false(OPERATOR, tamper.id, acked.version, "a bird on the lens")
    assert queue.open_alarms(OPERATOR, grid="G11") == []
    assert queue.changes(OPERATOR, [tamper.id]) == ([], [tamper.id])  # closed: leaves the queue
    other = queue.open_alarms(OPERATOR)[0]
    assert queue.changes(OPERATOR, [other.id, tamper.id]) == ([other], [tamper.id])


def test_latched_arc_reset_by_its_grid_or_the_centre(queue: AlarmQueue) -> None:
    arc = queue.open_alarms(OPERATOR, grid="G12")[0]
    assert arc.latched
    g12 = Principal(4, "li", "李", Role.SUPERVISOR, frozenset({"G12"}))
    for who in (SUPERVISOR, OFFICER):  # another grid's supervisor; an officer
        with pytest.raises(PermissionDeniedError):
            queue.reset(who, arc.id, arc.version, "线路已检查")
    done = queue.reset(g12, arc.id, arc.version, "线路已检查，已复位")
    assert not done.latched and not done.is_open
    assert queue.open_alarms(OPERATOR, grid="G12") == []
    assert queue.open_counts_by_grid(OPERATOR) == {"G11": 1, "G21": 2}


def test_shelved_alarms_stay_listed_and_the_queue_speaks_english(
    store: Store, queue: AlarmQueue
) -> None:
    own = queue.open_alarms(SUPERVISOR)[0]
    shelved = queue.shelve(SUPERVISOR, own.id, own.version, 60, "维保中")
    assert shelved.state == "shelved"
    mine = {a.id: a.state for a in queue.open_alarms(SUPERVISOR)}
    assert mine[own.id] == "shelved"
    english = AlarmQueue(store, lang="en").open_alarms(OPERATOR, grid="G12")[0]
    assert english.label != "故障电弧" and english.label.isascii() and english.device_name
