"""Alert queue under an alarm flood (issue 4), offscreen:

    .venv/bin/python -m tests.bench.bench_queue [--alarms 5000] [--rounds 3]

A thread plays the change feed: every ``period`` ms it hands the GUI thread (by
a queued signal, as the console's hand-off does) a batch of about 35 new
alarms, a few repeats of earlier ones (count, last seen and version up) and one
alarm closed; 5,000 new alarms arrive in about 3 s.  The alert queue panel is
shown (1000x600); a 5 ms timer on the GUI thread measures the gaps between its
ticks (the GUI stall).  The same flood, in the same run, three ways:

- flood buffer: ``panel.push`` (coalesced, flushed every 100 ms within 30 ms);
- per batch: ``panel.apply`` for each batch as it arrives, no buffer;
- one by one: ``panel.apply`` for each alarm (and each close) on its own.

The modes take turns for ``--rounds`` rounds; the last lines are the medians.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from services.domain import AlarmState, QueuedAlarm

T0 = datetime(2026, 11, 24, 2, 0, tzinfo=UTC)
KINDS = (
    ("arc_fault", "arc_detected", "故障电弧", 4),
    ("elevator", "ebike_entering", "电动车入梯", 3),
)
KINDS += (("nonmotor_probe", "parking_overflow", "非机动车乱停放", 2),)
Batch = tuple[list[QueuedAlarm], list[int]]


def new_alarm(i: int, rng: random.Random) -> QueuedAlarm:
    kind, alarm_type, label, severity = KINDS[0] if rng.random() < 0.7 else rng.choice(KINDS)
    grid = f"G{rng.randint(1, 3)}{rng.randint(1, 3)}"
    return QueuedAlarm(
        id=i + 1,
        alarm_key=f"D{i:05d}:{alarm_type}",
        device_id=f"D-{i:05d}",
        device_name=f"{i % 90 + 1}号楼设备{i}",
        kind=kind,
        alarm_type=alarm_type,
        label=label,
        severity=severity,
        state=AlarmState.ACTIVE_UNACK,
        latched=kind == "arc_fault",
        count=1,
        first_seen=T0 + timedelta(milliseconds=i),
        last_seen=T0 + timedelta(milliseconds=i),
        grid=grid,
        community=f"C{i % 84 + 1:02d}",
        community_name=f"示例小区{i % 84 + 1}",
        lon=121.49,
        lat=31.40,
        work_order_id=None,
        version=1,
    )


def make_flood(alarms: int, per_batch: int, repeats: int, seed: int = 4) -> list[Batch]:
    """The batches the change feed delivers: new alarms, repeats, one close each."""
    rng = random.Random(seed)
    latest: dict[int, QueuedAlarm] = {}
    closed: set[int] = set()
    batches: list[Batch] = []
    made = 0
    while made < alarms:
        rows = [new_alarm(i, rng) for i in range(made, min(made + per_batch, alarms))]
        made += len(rows)
        open_ids = [i for i in latest if i not in closed]
        for alarm_id in rng.sample(open_ids, min(repeats, len(open_ids))):
            old = latest[alarm_id]
            seen = T0 + timedelta(milliseconds=made + rng.random())
            rows.append(replace(old, count=old.count + 1, last_seen=seen, version=old.version + 1))
        gone = [rng.choice(open_ids)] if open_ids else []
        closed.update(gone)
        latest.update((a.id, a) for a in rows)
        batches.append((rows, gone))
    return batches


class Feed(QObject):
    arrived = Signal(object, object)  # rows, closed ids: emitted from the feed's thread


def run(mode: str, batches: list[Batch], period_s: float, app: QApplication) -> dict[str, float]:
    from widgets.alerts.queue import AlertQueuePanel

    panel = AlertQueuePanel()
    panel.muted = True
    panel.tone.sound = None
    panel.resize(1000, 600)
    panel.show()
    panel.show_alarms([])
    app.processEvents()
    expected = len({a.id for rows, _gone in batches for a in rows}) - sum(
        len(g) for _r, g in batches
    )

    def on_batch(rows: list[QueuedAlarm], gone: list[int]) -> None:
        if mode == "flood buffer":
            panel.push(rows, gone)
        elif mode == "per batch":
            panel.apply(rows, gone)
        else:
            for alarm in rows:
                panel.apply([alarm])
            for alarm_id in gone:
                panel.apply([], [alarm_id])

    feed = Feed()
    feed.arrived.connect(on_batch, Qt.ConnectionType.QueuedConnection)
    done = threading.Event()

    def produce() -> None:
        start = time.perf_counter()
        for n, (rows, gone) in enumerate(batches):
            time.sleep(max(0.0, start + n * period_s - time.perf_counter()))
            feed.arrived.emit(rows, gone)
        done.set()

    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(5)
    ticker.timeout.connect(tick)
    loop = QEventLoop()
    finished = [0.0]

    def check() -> None:
        if done.is_set() and not panel.flood.pending and panel.model.rowCount() == expected:
            finished[0] = time.perf_counter()
            loop.quit()

    checker = QTimer()
    checker.setInterval(10)
    checker.timeout.connect(check)
    thread = threading.Thread(target=produce, daemon=True)
    began = time.perf_counter()
    last[0] = began
    ticker.start()
    checker.start()
    QTimer.singleShot(120_000, loop.quit)
    thread.start()
    loop.exec()
    ticker.stop()
    checker.stop()
    thread.join(timeout=5)
    shown = panel.model.rowCount()
    panel.flood.stop()
    panel.close()
    panel.deleteLater()
    app.processEvents()
    ordered = sorted(gaps)
    return {
        "max": ordered[-1],
        "p99": ordered[max(0, int(len(ordered) * 0.99) - 1)],
        "median": statistics.median(ordered),
        "took": (finished[0] or time.perf_counter()) - began,
        "shown": shown,
        "expected": expected,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--alarms", type=int, default=5000)
    ap.add_argument("--per-batch", type=int, default=34, help="new alarms per batch")
    ap.add_argument("--repeats", type=int, default=6, help="repeats of open alarms per batch")
    ap.add_argument("--period-ms", type=float, default=20)
    ap.add_argument("--modes", default="flood buffer,per batch,one by one")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    batches = make_flood(args.alarms, args.per_batch, args.repeats)
    changes = sum(len(r) + len(g) for r, g in batches)
    span = len(batches) * args.period_ms / 1000
    print(
        f"flood: {args.alarms:,} new alarms, {changes:,} changes in {len(batches)} batches, "
        f"one every {args.period_ms:g} ms (~{span:.1f} s); 5 ms timer on the GUI thread"
    )
    modes = [m.strip() for m in args.modes.split(",")]
    results: dict[str, list[dict[str, float]]] = {m: [] for m in modes}
    head = f"{'round':<6}{'mode':<14}{'max gap':>10}{'p99 gap':>10}{'median':>9}"
    print(f"{head}{'all shown':>11}  rows")
    for round_ in range(1, args.rounds + 1):
        for mode in modes:  # interleaved: the machine's load falls on every mode alike
            r = run(mode, batches, args.period_ms / 1000, app)
            results[mode].append(r)
            print(
                f"{round_:<6}{mode:<14}{r['max']:>8.0f} ms{r['p99']:>7.0f} ms{r['median']:>6.1f} ms"
                f"{r['took']:>9.2f} s  {r['shown']:,}/{r['expected']:,}"
            )
    if args.rounds > 1:
        print(f"median of {args.rounds} rounds:")
        for mode, rs in results.items():
            worst = statistics.median(r["max"] for r in rs)
            p99 = statistics.median(r["p99"] for r in rs)
            print(f"      {mode:<14}{worst:>8.0f} ms{p99:>7.0f} ms")


if __name__ == "__main__":
    main()
