"""Keep Python's cycle collector out of the frames.

A full (generation 2) collection walks every tracked object: measured 47 ms
once the curator window, the search tables (pypinyin, ~200,000 objects) and
the list model are loaded — three frames lost whenever enough new objects
(pages of rows read while scrolling) have survived to trigger one. Objects
made at start-up live as long as the program, so after start-up they are
moved out of the collector's sight with gc.freeze(); what is allocated later
is collected as before. Reference counting still frees frozen objects that
are dropped; only cycles among them would stay, and start-up makes few.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import gc
from typing import Callable

from ui.common.background import TaskHandle, run_task


def settle() -> None:
    """Freeze what exists now: later collections skip it."""
    gc.freeze()


FIRST_PAINT_WAIT_MS = 3000  # a window that never paints (minimised) gets its deferred work anyway


def after_first_paint(widget, fn: Callable[[], object]) -> None:
    """Call `fn` once, when `widget` has painted for the first time (the window is on screen).

    Start-up work that the first frame does not need waits for it: a pool
    thread loading the search tables holds Python's lock for ~0.3 s, and
    started before show() it delayed the window's first paint by as much
    (measured by `python -m bench startup`).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class _FirstPaint(QObject):
        done = False

        def run(self) -> None:
            if not self.done:
                self.done = True
                widget.removeEventFilter(self)
                fn()

        def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt's name)
            if event.type() == QEvent.Type.Paint and not self.done:
                QTimer.singleShot(0, self, self.run)  # after this paint (and the rest of the frame) ends
            return False

    watch = _FirstPaint(widget)
    widget.installEventFilter(watch)
    QTimer.singleShot(FIRST_PAINT_WAIT_MS, watch, watch.run)


def warm_then_settle() -> TaskHandle:
    """Load the search tables on a pool thread, then freeze (call once the window shows).

    The first search typed then answers at once instead of after 0.3 s of loading.
    """
    def work() -> None:
        from exhibit import search

        search.warm_up()
        settle()

    return run_task(work)


_trim = None


def release_heap() -> bool:
    """Hand freed heap memory back to the system (glibc's malloc_trim); False where there is none.

    A kiosk runs for weeks, and the kiosk calls this every minute and at each
    reset (~6 ms). The soak's steady growth once blamed on pages glibc kept
    (~2.4 MB per 10,000 touches) was the benchmark's own: it drove the kiosk
    with no event loop running, so Qt never delivered the deferred deletions
    of the image loader's replies (bench/kiosk.py); driven from a loop, as
    the kiosk runs, the soak stays flat. macOS and Windows have no
    malloc_trim; their allocators return memory on their own.
    """
    global _trim
    if _trim is None:
        try:
            _trim = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
        except (OSError, AttributeError):
            _trim = False
    if not _trim:
        return False
    _trim(0)
    return True
