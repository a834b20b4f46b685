"""One task at a time on a worker thread, its reports delivered on the UI thread in order.

A task is a plain function `task(progress, cancelled) -> result`: it calls
`progress(done, total)` or `progress(done, total, stage)` as it goes and
polls `cancelled()` (a threading.Event set from the UI thread). Whatever
it touches must be its own: an archive task opens its own connection to
the database file (an SQLite connection must not be shared with the UI
thread's transactions). The print dialog, the import wizard and the export
dialog use it.

An exception in `cancel_errors` (the core's "cancelled" errors, such as
PrintCancelled or ImportCancelled) reports `cancelled`; any other
ExhibitError reports `failed` with its message; anything else `failed`
with the type named, so a worker always reports back.
"""
from __future__ import annotations

import threading
from typing import Any, Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot

from exhibit.errors import ExhibitError

Progress = Callable[..., None]       # (done, total) or (done, total, stage)
Cancelled = Callable[[], bool]
Task = Callable[[Progress, Cancelled], Any]


class _Worker(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal(str)

    def __init__(self, task: Task, cancel_errors: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self._task = task
        self._cancel_errors = cancel_errors
        self.cancel_flag = threading.Event()

    def _report(self, done: int, total: int, stage: str = "") -> None:
        self.progress.emit(done, total, stage)

    def run(self) -> None:
        try:
            result = self._task(self._report, self.cancel_flag.is_set)
        except self._cancel_errors as exc:
            self.was_cancelled.emit(str(exc))
        except ExhibitError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker thread must always report back
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)


class Runner(QObject):
    """One task at a time on a worker thread; its signals arrive on the UI thread, in order."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)
    ended = Signal()                  # after any of the three above

    def __init__(self, parent: QObject | None = None, *,
                 cancel_errors: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__(parent)
        self._cancel_errors = tuple(cancel_errors)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None
        self._handlers: dict[str, Any] = {}

    def is_running(self) -> bool:
        return self._worker is not None

    def start(self, task: Task, *, progress: Callable[[int, int, str], None] | None = None,
              succeeded: Callable[[Any], None] | None = None, failed: Callable[[str], None] | None = None,
              cancelled: Callable[[str], None] | None = None) -> None:
        """Run `task`; the callbacks given here are called for this run only."""
        if self.is_running():
            raise RuntimeError("a task is already running")
        self._handlers = {"progress": progress, "succeeded": succeeded, "failed": failed,
                          "cancelled": cancelled}
        worker = _Worker(task, self._cancel_errors)
        thread = QThread()
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        queued = Qt.ConnectionType.QueuedConnection
        # Bound slots of this object (which lives on the UI thread): queued there, in order.
        worker.progress.connect(self._on_progress, queued)
        worker.succeeded.connect(self._on_succeeded, queued)
        worker.failed.connect(self._on_failed, queued)
        worker.was_cancelled.connect(self._on_cancelled, queued)
        self._worker, self._thread = worker, thread
        thread.start()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if self._worker is not None:
            self.progress.emit(done, total, stage)
            if self._handlers.get("progress"):
                self._handlers["progress"](done, total, stage)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._finish("succeeded", result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finish("failed", message)

    @Slot(str)
    def _on_cancelled(self, message: str) -> None:
        self._finish("cancelled", message)

    def _finish(self, name: str, *args: Any) -> None:
        if self._worker is None:      # shut down meanwhile: nobody waits for the result
            return
        thread, self._thread, self._worker = self._thread, None, None
        handler = self._handlers.get(name)
        self._handlers = {}
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        getattr(self, name).emit(*args)
        if handler is not None:
            handler(*args)
        self.ended.emit()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel_flag.set()

    def cancelling(self) -> bool:
        return self._worker is not None and self._worker.cancel_flag.is_set()

    def wait(self, timeout_ms: int = 120_000) -> bool:
        """Run the event loop until the task has ended (tests, screenshots); False on timeout."""
        if not self.is_running():
            return True
        loop = QEventLoop()
        self.ended.connect(loop.quit)
        timer = QTimer(singleShot=True, interval=timeout_ms)
        timer.timeout.connect(loop.quit)
        timer.start()
        if self.is_running():
            loop.exec()
        self.ended.disconnect(loop.quit)
        return not self.is_running()

    def shutdown(self) -> None:
        """Cancel and join the thread before the owner goes away (an import rolls back, a print leaves no file)."""
        worker, thread, self._worker, self._thread = self._worker, self._thread, None, None
        self._handlers = {}
        if worker is not None:
            worker.cancel_flag.set()
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
