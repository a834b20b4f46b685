"""Lockdown: visitors cannot leave the kiosk; staff can, with a PIN.

Escape, Alt+F4, Ctrl+Q, Ctrl+W and the window's close requests are swallowed,
context menus never open. The way out is a long press in the top-left corner
(see qml/StaffCorner.qml), then the staff PIN. The PIN is kept only as a salted
scrypt hash in the kiosk settings file.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import time

from PySide6.QtCore import QEvent, QObject, Qt

from exhibit.errors import ExhibitError
from ui.kiosk.settings import KioskSettings

# scrypt costs ~50 ms a try here: cheap for staff, slow for guessing a stolen hash.
SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}
PIN_DIGITS = (4, 12)
MAX_TRIES = 5           # wrong PINs in a row before a pause
PAUSE_SECONDS = 30.0


def check_pin_format(pin: str) -> str:
    pin = pin.strip()
    if not pin.isdigit() or not PIN_DIGITS[0] <= len(pin) <= PIN_DIGITS[1]:
        raise ExhibitError(f"the staff PIN must be {PIN_DIGITS[0]} to {PIN_DIGITS[1]} digits "
                           "(the kiosk's keypad has digits only)")
    return pin


def hash_pin(pin: str, salt: bytes | None = None) -> dict:
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=32, **SCRYPT)
    return {"algorithm": "scrypt", **SCRYPT, "salt": salt.hex(), "hash": digest.hex()}


def verify_pin(pin: str, stored: dict) -> bool:
    if not stored or stored.get("algorithm") != "scrypt":
        return False
    try:
        salt = bytes.fromhex(stored["salt"])
        expected = bytes.fromhex(stored["hash"])
        digest = hashlib.scrypt(pin.encode(), salt=salt, dklen=len(expected),
                                n=int(stored["n"]), r=int(stored["r"]), p=int(stored["p"]))
    except (KeyError, ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def set_pin(pin: str, settings: KioskSettings | None = None) -> KioskSettings:
    settings = settings or KioskSettings.load()
    settings.pin = hash_pin(check_pin_format(pin))
    settings.save()
    return settings


class PinGate:
    """Checks PINs, pausing after MAX_TRIES wrong ones in a row."""

    def __init__(self, settings: KioskSettings, clock=time.monotonic):
        self.settings = settings
        self._clock = clock
        self._wrong = 0
        self._paused_until = 0.0

    @property
    def has_pin(self) -> bool:
        return bool(self.settings.pin)

    def seconds_paused(self) -> int:
        return max(0, int(self._paused_until - self._clock() + 0.999))

    def check(self, pin: str) -> bool:
        if self.seconds_paused() or not self.has_pin:
            return False
        if verify_pin(pin, self.settings.pin):
            self._wrong = 0
            return True
        self._wrong += 1
        if self._wrong >= MAX_TRIES:
            self._wrong = 0
            self._paused_until = self._clock() + PAUSE_SECONDS
        return False


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

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
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
