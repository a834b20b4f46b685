"""run_task: the function runs off the UI thread; its result or error arrives on the UI thread."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from ui.common.background import run_task


def test_the_result_arrives_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    arrived: list[tuple[int, int]] = []
    run_task(threading.get_ident, lambda worker: arrived.append((worker, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(arrived))
    worker, receiver = arrived[0]
    assert worker != ui_thread and receiver == ui_thread


def test_an_error_goes_to_on_error_on_the_ui_thread(qtbot):
    ui_thread = threading.get_ident()
    errors: list[tuple[Exception, int]] = []
    run_task(lambda: 1 // 0, lambda _: errors.append((None, 0)),
             lambda exc: errors.append((exc, threading.get_ident())))
    qtbot.waitUntil(lambda: bool(errors))
    exc, receiver = errors[0]
    assert isinstance(exc, ZeroDivisionError) and receiver == ui_thread


def test_an_error_without_on_error_reaches_the_crash_hook(qtbot, monkeypatch):
    hooked: list[type] = []
    monkeypatch.setattr(threading, "excepthook", lambda args: hooked.append(args.exc_type))
    assert run_task(lambda: [][1]).join(timeout=30)
    assert hooked == [IndexError]


def test_a_deleted_owner_hears_nothing(qtbot):
    owner = QObject()
    release = threading.Event()
    heard: list[object] = []
    handle = run_task(lambda: release.wait(30), heard.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    release.set()
    assert handle.join(timeout=30)
    later = QObject()  # a second task's result arrives after the first one's would have
    run_task(lambda: None, heard.append, owner=later)
    qtbot.waitUntil(lambda: bool(heard))
    assert heard == [None]


def _alive(obj: QObject) -> bool:
    import shiboken6

    return shiboken6.isValid(obj)
