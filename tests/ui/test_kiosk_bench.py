"""The kiosk benchmark drives touches from a running event loop, as the kiosk's app.exec() does.

A soak that only spun processEvents() outside any loop kept every deleteLater() posted from
another thread (the image loader's replies) or from outside an event handler, and counted
them as the kiosk's memory growth; `in_event_loop` lets the loop deliver them between steps.
"""
from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QObject

from bench.kiosk import in_event_loop


def test_deferred_deletions_are_delivered_between_steps(qapp):
    passes: list[int] = []

    def steps():
        for _ in range(5):
            from_thread = QObject()
            worker = threading.Thread(target=from_thread.deleteLater)
            worker.start()
            worker.join()
            from_here = QObject()
            from_here.deleteLater()
            n = 0
            while (shiboken6.isValid(from_thread) or shiboken6.isValid(from_here)) and n < 50:
                n += 1
                yield
            passes.append(n)

    in_event_loop(steps())
    assert len(passes) == 5
    assert all(n < 50 for n in passes), passes


def test_a_failing_step_stops_the_loop_and_is_raised(qapp):
    ran: list[int] = []

    def steps():
        ran.append(1)
        yield
        raise RuntimeError("nothing named 'x' on the home screen")

    with pytest.raises(RuntimeError, match="nothing named"):
        in_event_loop(steps())
    assert ran == [1]
