"""What the print dialog asks the core to do, run off the UI thread.

A `PrintRequest` is a plain description of a job (what, how); `build_pdf` and
`check` run it against the archive. They are called on a worker thread, so
each opens its own read-only connection to the archive file: an SQLite
connection must not be shared between threads, and printing only reads.
`JobRunner` runs one such call on a QThread and reports back with queued
signals; `cancel()` sets a flag the core polls between labels (or entries).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, QTimer, Signal, Slot

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.printing.catalogue import CatalogueJob
from exhibit.printing.labels import LabelJob, PrintCancelled
from exhibit.printing.select import Selection

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class PrintRequest:
    kind: str                         # "labels" or "catalogue"
    selection: Selection
    labels: LabelJob | None = None
    catalogue: CatalogueJob | None = None


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    pages: int
    labels: int                       # labels, or catalogue entries
    warnings: list                    # LabelWarning for labels, str for the catalogue


def _open(db_file: Path, user: str) -> Archive:
    return Archive.open(db_file, create=False, readonly=True, user=user)


def build_pdf(db_file: Path, user: str, request: PrintRequest, out: Path,
              progress: Progress, cancelled: Cancelled) -> BuildResult:
    """The PDF of `request` written to `out` (nothing there if cancelled or refused)."""
    from exhibit.printing.catalogue import print_catalogue
    from exhibit.printing.labels import print_labels

    archive = _open(db_file, user)
    try:
        if request.kind == "catalogue":
            # print_* fill in the author: work on copies so a request can be run again.
            rep = print_catalogue(archive, request.selection, replace(request.catalogue), out,
                                  progress=progress, cancelled=cancelled)
            return BuildResult(out, rep.pages, rep.objects, list(rep.warnings))
        rep = print_labels(archive, request.selection, replace(request.labels), out,
                           progress=progress, cancelled=cancelled)
        return BuildResult(out, rep.pages, rep.labels, list(rep.warnings))
    finally:
        archive.close()


def check(db_file: Path, user: str, request: PrintRequest,
          progress: Progress, cancelled: Cancelled) -> list:
    """The label checker's warnings for `request`, in print order; prints nothing."""
    from exhibit.printing.labels import contents, prepare

    archive = _open(db_file, user)
    try:
        items = contents(archive, request.selection, request.labels)
        return [w for prep in prepare(items, request.labels, cancelled=cancelled) for w in prep.warnings]
    finally:
        archive.close()


class _Worker(QObject):
    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()

    def __init__(self, task: Callable[[Progress, Cancelled], object]) -> None:
        super().__init__()
        self._task = task
        # A threading.Event, read by the core on the worker thread, set from the UI thread.
        self.cancel_flag = threading.Event()

    def run(self) -> None:
        try:
            result = self._task(self.progress.emit, self.cancel_flag.is_set)
        except PrintCancelled:
            self.was_cancelled.emit()
        except ExhibitError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a worker thread must always report back
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            if self.cancel_flag.is_set():
                self.was_cancelled.emit()
            else:
                self.succeeded.emit(result)


class JobRunner(QObject):
    """One job at a time on a worker thread; signals arrive on the UI thread."""

    progress = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    ended = Signal()                  # after any of the three above

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._worker: _Worker | None = None

    def is_running(self) -> bool:
        return self._worker is not None

    def start(self, task: Callable[[Progress, Cancelled], object]) -> None:
        if self.is_running():
            raise RuntimeError("a print job is already running")
        worker = _Worker(task)
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

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        if self._worker is not None:
            self.progress.emit(done, total)

    @Slot(object)
    def _on_succeeded(self, result: object) -> None:
        self._finish(self.succeeded, result)

    @Slot(str)
    def _on_failed(self, message: str) -> None:
        self._finish(self.failed, message)

    @Slot()
    def _on_cancelled(self) -> None:
        self._finish(self.cancelled)

    def _finish(self, signal, *args) -> None:
        if self._worker is None:      # shut down meanwhile: nobody is waiting for the result
            return
        thread, self._thread, self._worker = self._thread, None, None
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
        signal.emit(*args)
        self.ended.emit()

    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel_flag.set()

    def cancelling(self) -> bool:
        return self._worker is not None and self._worker.cancel_flag.is_set()

    def wait(self, timeout_ms: int = 120_000) -> bool:
        """Run the event loop until the job has ended (tests, screenshots); False on timeout."""
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
        """Cancel and join the thread before the dialog goes away."""
        worker, thread, self._worker, self._thread = self._worker, self._thread, None, None
        if worker is not None:
            worker.cancel_flag.set()
        if thread is not None:
            thread.quit()
            thread.wait()
            thread.deleteLater()
