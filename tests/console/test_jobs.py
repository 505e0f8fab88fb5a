"""Jobs: work on the worker thread, results and errors back on the GUI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from console.jobs import Jobs


def test_results_and_errors_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    jobs = Jobs("test")
    gui = threading.get_ident()
    seen: list[tuple[str, object, bool]] = []

    def work() -> int:
        assert threading.get_ident() != gui
        return 42

    def fail() -> int:
        raise ValueError("refused")

    jobs.submit(work, lambda v: seen.append(("done", v, threading.get_ident() == gui)))
    jobs.submit(fail, None, lambda e: seen.append(("error", str(e), threading.get_ident() == gui)))
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=5000)
    assert seen == [("done", 42, True), ("error", "refused", True)]
    assert jobs.pending == 0
    jobs.close(wait=True)
    assert jobs.submit(work) is None  # closed: nothing more runs


def test_jobs_run_one_after_another(qtbot: QtBot) -> None:
    jobs = Jobs("test")
    order: list[int] = []
    for i in range(20):
        jobs.submit(lambda i=i: order.append(i))  # type: ignore[misc]
    qtbot.waitUntil(lambda: jobs.pending == 0, timeout=5000)
    jobs.close(wait=True)
    assert order == list(range(20))
