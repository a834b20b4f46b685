"""File menu → Back up now, Check the archive, Restore from a backup; and backups while idle.

A restore replaces the database file, so it cannot happen under an open
window: the window records which backup to restore and closes, and
ui/app.py restores it (exhibit.keeping.recovery.restore backs up the current
state first) and opens a new window on the result.

Idle backups: every few minutes, if nothing was typed or clicked for a
while, exhibit.keeping.backups.backup_if_due runs on a pool thread
(ui.common.background.run_task; it reads through its own connection and
writes only into backups/); it writes a verified, rotated backup when the
newest is over an hour old and the archive changed since. Quitting during
one waits for it to end.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.keeping import backups, health, media_check, recovery
from ui.common.background import run_task

IDLE_CHECK_MS = 5 * 60 * 1000   # look every five minutes …
IDLE_AFTER_MS = 2 * 60 * 1000   # … and back up only after two minutes without input

Inform = Callable[[QWidget, str, str], None]
Choose = Callable[[QWidget, str, str, list[str]], int]   # index chosen, or -1


def _inform(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def _choose(parent: QWidget, title: str, label: str, items: list[str]) -> int:
    item, ok = QInputDialog.getItem(parent, title, label, items, 0, False)
    return items.index(item) if ok and item in items else -1


class SafekeepingActions(QObject):
    """The actions, the idle timer and the restore request of one curator window."""

    backup_finished = Signal(str)   # a message for the status bar (after an idle backup)

    def __init__(self, window, archive: Archive, *, inform: Inform = _inform, choose: Choose = _choose,
                 confirm: Callable[[QWidget, str, str], bool] | None = None) -> None:
        super().__init__(window)
        self.window, self.archive = window, archive
        self.inform, self.choose = inform, choose
        self.confirm = confirm or (lambda parent, title, text: QMessageBox.question(parent, title, text)
                                   == QMessageBox.StandardButton.Yes)
        self.restore_requested: Path | None = None
        self._busy = False
        self.act_backup = QAction(self, triggered=self.back_up_now)
        self.act_check = QAction(self, triggered=self.check_archive)
        self.act_restore = QAction(self, triggered=self.restore_from_backup)
        menu = window.menu_file
        first = menu.actions()[-1] if menu.actions() else None   # before Quit
        menu.insertActions(first, [self.act_backup, self.act_check, self.act_restore])
        menu.insertSeparator(first)
        for act in (self.act_backup, self.act_restore):
            act.setEnabled(not archive.readonly)
        # A server archive is kept by its server (and `main.py backup` copies it to a local
        # archive): this window's copies of a local archive.db do not apply.
        for act in (self.act_backup, self.act_check, self.act_restore):
            act.setVisible(not archive.is_server)
        self.backup_finished.connect(lambda text: window.statusBar().showMessage(text, 8000))
        self._since_input = QElapsedTimer()
        self._since_input.start()
        window.installEventFilter(self)
        self.idle_timer = QTimer(self, interval=IDLE_CHECK_MS, timeout=self._idle_tick)
        self.idle_timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.act_backup.setText(self.tr("&Back up now"))
        self.act_check.setText(self.tr("&Check the archive…"))
        self.act_restore.setText(self.tr("&Restore from a backup…"))

    def stop(self) -> None:
        """Before the archive closes: no more idle backups."""
        self.idle_timer.stop()
        self.window.removeEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel):
            self._since_input.restart()
        elif event.type() == QEvent.Type.LanguageChange and watched is self.window:
            self.retranslate()
        return False

    # ------------------------------------------------------------ backups

    def back_up_now(self) -> None:
        try:
            info = backups.make_backup(self.archive, "manual")
        except (ExhibitError, OSError) as exc:
            self.inform(self.window, self.tr("Backup failed"), str(exc))
            return
        self.inform(self.window, self.tr("Backed up"),
                    self.tr("A verified backup was written to:") + f"\n{info.path}")

    def _idle_tick(self) -> None:
        if (self._busy or self.archive.readonly or self.archive.is_server
                or self._since_input.elapsed() < IDLE_AFTER_MS):
            return
        self._busy = True
        archive = self.archive  # pool thread: its own connection, files in backups/ only
        run_task(lambda: backups.backup_if_due(archive), self._backup_done, self._backup_failed,
                 owner=self)

    def _backup_done(self, info: backups.BackupInfo | None) -> None:
        self._busy = False
        if info is not None:
            self.backup_finished.emit(self.tr("Automatic backup written:") + f" {info.path.name}")

    def _backup_failed(self, exc: Exception) -> None:  # told in the status bar; the next tick tries again
        self._busy = False
        self.backup_finished.emit(self.tr("Automatic backup failed:") + f" {exc}")

    # ------------------------------------------------------------ checking

    def check_archive(self) -> None:
        try:
            problems = health.full_check(self.archive)
            report = media_check.check_media(self.archive)
        except ExhibitError as exc:
            self.inform(self.window, self.tr("Check failed"), str(exc))
            return
        lines = problems + report.lines()
        if not lines:
            text = self.tr("No problems found: the database, its links, the search index and every "
                      "image file (%n file(s) checked) are sound.").replace("%n", str(report.checked))
        else:
            shown = "\n".join(lines[:30]) + ("\n…" if len(lines) > 30 else "")
            text = self.tr("Problems found:") + f"\n{shown}\n\n" + self.tr(
                "Nothing was changed. `main.py media-check --repair FOLDER` puts moved image files back.")
        self.inform(self.window, self.tr("Check the archive"), text)

    # ------------------------------------------------------------ restoring

    def restore_from_backup(self) -> None:
        found = recovery.restorable(self.archive.root)
        if not found:
            self.inform(self.window, self.tr("Restore"), self.tr("There are no backups of this archive yet."))
            return
        index = self.choose(self.window, self.tr("Restore from a backup"),
                            self.tr("Backup to restore (newest first):"),
                            [recovery.describe(info.path) for info in found])
        if index < 0:
            return
        chosen = found[index].path
        if not self.confirm(self.window, self.tr("Restore from a backup"), self.tr(
                "The archive will be closed, its current state backed up, and the backup of %1 "
                "restored; then it opens again. Continue?").replace("%1", recovery.describe(chosen))):
            return
        self.restore_requested = chosen
        self.window.close()
