"""Idle reset: no touch for a while → "still there?" with a countdown → back to the attract loop.

The watcher filters the kiosk window's input events; any touch, click or key
restarts the wait. The controller pauses it on the attract loop (nothing to
reset there) and resumes it when a visitor starts.
"""
from __future__ import annotations

from PySide6.QtCore import Property, QEvent, QObject, QTimer, Signal

_INPUT = {QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.MouseButtonPress,
          QEvent.Type.MouseMove, QEvent.Type.KeyPress, QEvent.Type.Wheel,
          QEvent.Type.InputMethod}


class IdleWatcher(QObject):
    remainingChanged = Signal()
    warningChanged = Signal()
    timedOut = Signal()

    def __init__(self, idle_seconds: float, countdown_seconds: int, tick_ms: int = 1000,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.countdown_seconds = max(1, int(countdown_seconds))
        self._remaining = 0
        self._active = False
        self._idle = QTimer(self, singleShot=True, interval=max(1, int(idle_seconds * 1000)))
        self._idle.timeout.connect(self._warn)
        self._tick = QTimer(self, interval=tick_ms)
        self._tick.timeout.connect(self._count)

    # ---------------------------------------------------------------- state for QML
    def _get_remaining(self) -> int:
        return self._remaining

    def _get_warning(self) -> bool:
        return self._tick.isActive()

    remaining = Property(int, _get_remaining, notify=remainingChanged)
    warning = Property(bool, _get_warning, notify=warningChanged)

    # ---------------------------------------------------------------- control
    def set_times(self, idle_seconds: float, countdown_seconds: int | None = None,
                  tick_ms: int | None = None) -> None:
        self._idle.setInterval(max(1, int(idle_seconds * 1000)))
        if countdown_seconds is not None:
            self.countdown_seconds = max(1, int(countdown_seconds))
        if tick_ms is not None:
            self._tick.setInterval(tick_ms)

    def start(self) -> None:
        self._active = True
        self.poke()

    def stop(self) -> None:
        self._active = False
        self._idle.stop()
        self._cancel_warning()

    def poke(self) -> None:
        """A visitor did something: cancel any countdown and wait again."""
        if not self._active:
            return
        self._cancel_warning()
        self._idle.start()

    def _cancel_warning(self) -> None:
        if self._tick.isActive():
            self._tick.stop()
            self.warningChanged.emit()

    def _warn(self) -> None:
        self._remaining = self.countdown_seconds
        self.remainingChanged.emit()
        self._tick.start()
        self.warningChanged.emit()

    def _count(self) -> None:
        self._remaining -= 1
        self.remainingChanged.emit()
        if self._remaining <= 0:
            self.stop()
            self.timedOut.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._active and event.type() in _INPUT:
            self.poke()
        return False
