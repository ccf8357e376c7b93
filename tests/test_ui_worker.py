"""worker.Task: results and errors come back by signal; no garbage collection in a pool thread."""

from __future__ import annotations

import gc
import threading
from typing import Any

import shiboken6

from perfdesk.ui.core.worker import Task, active_tasks


def test_result_progress_and_cleanup(app, qtbot) -> None:
    seen: list[Any] = []
    threads: list[Any] = []

    def work(task: Task) -> int:
        threads.append(threading.current_thread())
        seen.append(("gc in worker", gc.isenabled()))
        task.report(1, 2, "half")
        return 42

    task = Task(work)
    task.progress.connect(lambda *args: seen.append(args))
    task.succeeded.connect(lambda result: seen.append(("result", result)))
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert threads[0] is not threading.main_thread()
    assert seen == [("gc in worker", False), (1, 2, "half"), ("result", 42)]
    assert gc.isenabled() and task not in active_tasks()
    qtbot.waitUntil(lambda: not shiboken6.isValid(task))  # deleted in the GUI thread


def test_an_exception_is_reported_never_raised(app, qtbot) -> None:
    failures: list[BaseException] = []

    def work(task: Task) -> None:
        raise ValueError("坏了")

    task = Task(work)
    task.failed.connect(failures.append)
    with qtbot.waitSignal(task.finished, timeout=10_000):
        task.start()
    assert isinstance(failures[0], ValueError) and str(failures[0]) == "坏了"
    assert "Traceback" in failures[0].__traceback_text__  # type: ignore[attr-defined]


def test_cancel_is_seen_by_the_work(app, qtbot) -> None:
    gate = threading.Event()
    results: list[bool] = []

    def work(task: Task) -> bool:
        assert gate.wait(10)
        return task.cancelled()

    task = Task(work)
    task.succeeded.connect(results.append)
    task.start()
    task.cancel()
    gate.set()
    qtbot.waitUntil(lambda: results == [True], timeout=10_000)
