"""The windows' last line of defence: an exception no code expected, in a slot or a thread.

PySide prints such an exception on stderr and carries on, which a curator
never sees, or the program dies with it. Here sys.excepthook and
threading.excepthook write the traceback to the crash log
(exhibit/crashlog.py: the archive folder, else the cache folder) and then
- in the curator window, show one translated sentence naming the log (one
  dialog at a time: a burst of errors does not stack dialogs);
- in the kiosk, show nothing to visitors: the kiosk logs, returns to its
  start screen and carries on.
"""
from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Callable

from PySide6.QtCore import QCoreApplication, QObject, Signal

from exhibit import crashlog

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def message(log: Path | None) -> str:
    """The one sentence the curator reads (translated)."""
    if log is None:
        return QCoreApplication.translate(
            "CrashReport", "Something went wrong and Exhibit could not finish what it was doing. "
            "No crash log could be written.")
    return QCoreApplication.translate(
        "CrashReport", "Something went wrong and Exhibit could not finish what it was doing. "
        "The details were written to %1; please send that file to whoever looks after "
        "Exhibit.").replace("%1", str(log))


class _Relay(QObject):
    """Carries a report from any thread to the UI thread (a queued signal)."""
    reported = Signal(object)
    said = Signal(str)   # a failure that is not a bug: its own sentence, no crash log


class CrashHandler:
    """Installed once per window: `folder()` says where the archive is (None: the cache folder);
    `react(log)` runs on the UI thread after the log is written."""

    def __init__(self, folder: Callable[[], Path | None], react: Callable[[Path | None], None],
                 say: Callable[[str], None] | None = None):
        self._folder = folder
        self._react = react
        self._say = say
        self._relay = _Relay()
        self._relay.reported.connect(self._on_ui_thread)
        self._relay.said.connect(self._said_on_ui_thread)
        self._busy = False
        self.logged: list[Path | None] = []  # for tests
        self._previous = (sys.excepthook, threading.excepthook)

    def install(self) -> "CrashHandler":
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook
        return self

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def _write(self, info: ExcInfo, where: str) -> Path | None:
        try:
            folder = self._folder()
        except Exception:
            folder = None
        log = crashlog.write(info, folder, where)
        self.logged.append(log)
        try:
            print(crashlog.sentence(log, info[1]), file=sys.stderr)
        except (OSError, ValueError, AttributeError):
            pass
        return log

    def _hook(self, kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, value, tb)
            return
        if self._say is not None and _not_a_bug(value):
            self._relay.said.emit(str(value))
            return
        log = self._write((kind, value, tb), "the UI thread")
        self._relay.reported.emit(log)

    def _thread_hook(self, args) -> None:
        if args.exc_type is SystemExit:
            return
        name = args.thread.name if args.thread is not None else "?"
        log = self._write((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")
        self._relay.reported.emit(log)

    def _said_on_ui_thread(self, text: str) -> None:
        if self._busy or self._say is None:
            return
        self._busy = True
        try:
            self._say(text)
        except Exception:
            pass
        finally:
            self._busy = False

    def _on_ui_thread(self, log: Path | None) -> None:
        if self._busy:
            return  # a dialog is already open: the log has this one too
        self._busy = True
        try:
            self._react(log)
        except Exception:
            pass  # the reaction itself failed: the log is written, nothing more to do
        finally:
            self._busy = False


def _not_a_bug(exc: BaseException) -> bool:
    """A shared archive's server that went away mid-action (exhibit.server.address.ServerError):
    the curator is told so in its own words; the next action connects again."""
    from exhibit.server.address import ServerError

    return isinstance(exc, ServerError)


def install_for_curator(folder: Callable[[], Path | None], parent=None) -> CrashHandler:
    def show(log: Path | None) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Critical,
                          QCoreApplication.translate("CrashReport", "Exhibit"), message(log),
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("crashReport")
        box.exec()

    def say(text: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning,
                          QCoreApplication.translate("CrashReport", "The shared archive's server"),
                          text, QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("serverLost")
        box.exec()

    return CrashHandler(folder, show, say).install()


def install_for_kiosk(folder: Callable[[], Path | None], recover: Callable[[], None]) -> CrashHandler:
    """Visitors see no dialog: after logging, `recover` puts the kiosk back on its feet."""
    return CrashHandler(folder, lambda log: recover()).install()
