"""Background work, one way for the whole UI: work on a pool thread, its result on the UI thread.

`run_task(fn, on_done, on_error)` (as Picard's run_task) runs `fn()` on a
QThreadPool (the global one unless a pool is given, e.g. the thumbnail
loader's own, with priorities) and calls `on_done(result)` or
`on_error(exception)` on the UI thread. Use it for a job that needs neither
progress nor cancel from the UI: a list's ids, a thumbnail, the kiosk's PIN
check, the idle backup, the search tables' warm-up. An `owner` QObject that
is deleted meanwhile drops the delivery, so a closed view never hears back.
An exception with no `on_error` goes to threading.excepthook (the crash
log), as it would from a thread of its own.

`Runner` runs one cancellable task with progress at a time on its own
QThread. A task is a plain function `task(progress, cancelled) -> result`:
it calls `progress(done, total)` or `progress(done, total, stage)` as it
goes and polls `cancelled()` (a threading.Event set from the UI thread).
The print dialog, the import wizard, the export dialog and the image import
use it.

Whatever a task touches must be its own: an archive task opens its own
connection to the database file (an SQLite connection must not be shared
with the UI thread's transactions).

An exception in a Runner's `cancel_errors` (the core's "cancelled" errors,
such as PrintCancelled or ImportCancelled) reports `cancelled`; any other
ExhibitError reports `failed` with its Problem when it carries one (so the
window can say it in its own language), else its message; anything else
`failed` with the type named, so a worker always reports back.
"""
from __future__ import annotations

import threading
from typing import Any, Callable, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)

from exhibit.errors import ExhibitError

Progress = Callable[..., None]       # (done, total) or (done, total, stage)
Cancelled = Callable[[], bool]
Task = Callable[[Progress, Cancelled], Any]
T = TypeVar("T")


class TaskHandle:
    """What run_task returns: `join()` waits, on any thread, until the function has ended.

    It does not wait for `on_done` (that needs the UI thread's event loop).
    """

    def __init__(self) -> None:
        self._ended = threading.Event()

    def done(self) -> bool:
        return self._ended.is_set()

    def join(self, timeout: float | None = None) -> bool:
        """True once the function has ended; False if `timeout` seconds passed first."""
        return self._ended.wait(timeout)


class _Delivery(QObject):
    """The one receiver of every run_task result: it lives on the UI thread, so its slot runs there."""

    arrived = Signal(object, object)   # the UI-thread callback, its argument

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], value: object) -> None:
        callback(value)


_delivery: _Delivery | None = None
_delivery_lock = threading.Lock()


def _delivery_object() -> _Delivery:
    global _delivery
    with _delivery_lock:
        if _delivery is None or not shiboken6.isValid(_delivery):
            delivery = _Delivery()
            app = QCoreApplication.instance()
            if app is not None:  # made on whichever thread asked first; delivers on the UI thread
                delivery.moveToThread(app.thread())
            _delivery = delivery
        return _delivery


def _unexpected(exc: BaseException) -> None:
    """No on_error: the crash handler hears of it as of any thread's uncaught exception."""
    threading.excepthook(threading.ExceptHookArgs(
        (type(exc), exc, exc.__traceback__, threading.current_thread())))


class _PoolTask(QRunnable):
    def __init__(self, fn: Callable[[], Any], on_done: Callable[[Any], None] | None,
                 on_error: Callable[[Exception], None] | None, delivery: _Delivery,
                 handle: TaskHandle) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._on_done, self._on_error = fn, on_done, on_error
        self._delivery, self._handle = delivery, handle

    def run(self) -> None:  # pool thread
        try:
            try:
                value = self._fn()
            except Exception as exc:  # noqa: BLE001 - reported to on_error or the crash log
                if self._on_error is not None:
                    self._delivery.arrived.emit(self._on_error, exc)
                else:
                    _unexpected(exc)
            else:
                if self._on_done is not None:
                    self._delivery.arrived.emit(self._on_done, value)
        finally:
            self._handle._ended.set()


def _guarded(callback: Callable[[Any], None] | None,
             owner: QObject | None) -> Callable[[Any], None] | None:
    """`callback`, skipped if `owner` (a QObject) was deleted before the result arrived."""
    if callback is None or owner is None:
        return callback

    def call(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)
    return call


def run_task(fn: Callable[[], T], on_done: Callable[[T], None] | None = None,
             on_error: Callable[[Exception], None] | None = None, *, owner: QObject | None = None,
             pool: QThreadPool | None = None, priority: int = 0) -> TaskHandle:
    """Run `fn()` on a pool thread; then `on_done(result)` or `on_error(exception)` on the UI thread.

    Call it from the UI thread. `fn` must not touch widgets or the UI thread's
    archive connection. Results arrive in the order the functions end; a
    higher `priority` starts first when the pool is busy.
    """
    handle = TaskHandle()
    task = _PoolTask(fn, _guarded(on_done, owner), _guarded(on_error, owner),
                     _delivery_object(), handle)
    (pool if pool is not None else QThreadPool.globalInstance()).start(task, priority)
    return handle


class _Worker(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)           # the error's Problem when it has one (translated where shown), else text
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
            self.failed.emit(exc.problem or str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker thread must always report back
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)


class Runner(QObject):
    """One task at a time on a worker thread; its signals arrive on the UI thread, in order."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)           # a Problem (ui.common.problems.message_text shows it) or text
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
              succeeded: Callable[[Any], None] | None = None, failed: Callable[[Any], None] | None = None,
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

    @Slot(object)
    def _on_failed(self, message: object) -> None:
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
