"""Lockdown: visitors cannot leave the kiosk; staff can, with a PIN.

Escape, Alt+F4, Ctrl+Q, Ctrl+W and the window's close requests are swallowed,
context menus never open. The way out is a long press in the top-left corner
(see qml/StaffCorner.qml), then the staff PIN. The PIN is kept only as a salted
scrypt hash in the kiosk settings file (exhibit/publish/pin.py says how slow, and
why); checking one takes ~0.4 s, so the controller runs it off the UI thread.
"""
from __future__ import annotations

import time
from typing import Mapping

from PySide6.QtCore import QEvent, QObject, Qt

from exhibit.publish.pin import PIN_DIGITS, SCRYPT, check_pin_format, hash_pin, is_weak, verify_pin
from ui.kiosk.settings import KioskSettings

MAX_TRIES = 5           # wrong PINs in a row before a pause
PAUSE_SECONDS = 30.0


def set_pin(pin: str, settings: KioskSettings | None = None) -> KioskSettings:
    settings = settings or KioskSettings.load()
    settings.pin = hash_pin(check_pin_format(pin))
    settings.save()
    return settings


class PinGate:
    """Checks PINs, pausing after MAX_TRIES wrong ones in a row."""

    def __init__(self, settings: KioskSettings, clock=time.monotonic, *,
                 params: Mapping[str, int] | None = None, save=None):
        self.settings = settings
        self._clock = clock
        self._params = params or SCRYPT  # tests pass cheap ones
        self._save = save                # where a re-hashed PIN is written (KioskSettings.save)
        self._wrong = 0
        self._paused_until = 0.0

    @property
    def has_pin(self) -> bool:
        return bool(self.settings.pin)

    @property
    def weak(self) -> bool:
        """The stored hash is cheaper than today's: staff should set a new PIN."""
        return self.has_pin and is_weak(self.settings.pin)

    def seconds_paused(self) -> int:
        return max(0, int(self._paused_until - self._clock() + 0.999))

    def check(self, pin: str) -> bool:
        if self.seconds_paused() or not self.has_pin:
            return False
        if verify_pin(pin, self.settings.pin):
            self._wrong = 0
            self._strengthen(pin)
            return True
        self._wrong += 1
        if self._wrong >= MAX_TRIES:
            self._wrong = 0
            self._paused_until = self._clock() + PAUSE_SECONDS
        return False

    def _strengthen(self, pin: str) -> None:
        """A correct PIN under a weak hash: re-hash it with today's parameters, if it is long
        enough to be worth it (a shorter one stays weak until staff set a new PIN)."""
        if not is_weak(self.settings.pin) or len(pin) < PIN_DIGITS[0]:
            return
        self.settings.pin = hash_pin(pin, params=self._params)
        if self._save is not None:
            try:
                self._save()
            except (OSError, ValueError):
                pass  # the kiosk keeps the stronger hash in memory; the file is retried next time


_BLOCKED_KEYS = {
    (Qt.Key.Key_Escape, None),
    (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
    (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
}


def _blocked(event) -> bool:
    key = Qt.Key(event.key())
    modifiers = event.modifiers()
    for blocked, modifier in _BLOCKED_KEYS:
        if key == blocked and (modifier is None or modifiers & modifier):
            return True
    return False


class Lockdown(QObject):
    """An event filter on the kiosk window: swallows the ways out until `release()`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.released = False
        self.swallowed = 0  # for tests and the bench

    def release(self) -> None:
        """Staff entered the right PIN: let the window close."""
        self.released = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            if _blocked(event):
                self.swallowed += 1
                return True
        elif kind == QEvent.Type.Close and not self.released:
            event.ignore()
            self.swallowed += 1
            return True
        elif kind == QEvent.Type.ContextMenu:
            self.swallowed += 1
            return True
        return False
