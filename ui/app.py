"""Start the curator window (or say in one line why it cannot be shown)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def display_available() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux") or sys.platform.startswith("freebsd"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def run_curator(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="main.py")
    parser.add_argument("--archive", metavar="DIR")
    parser.add_argument("--no-sample", action="store_true")
    args = parser.parse_args(argv)
    if not display_available():
        print("No display found: the curator window needs a screen; the headless commands "
              "still work (uv run main.py --help).", file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QApplication

    from ui.common import crash, i18n, plaintext
    from ui.common.qtfonts import ensure_cjk_font

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Exhibit")
    app.setOrganizationName("Exhibit")
    plaintext.install(app)  # before the first message box: archive text is never markup
    ensure_cjk_font()
    # The language chosen last time, else the system's (Chinese or English).
    i18n.set_language(i18n.saved_language(), remember=False)
    restore_from = None
    opened: dict[str, Path] = {}
    # An exception no code expected: one sentence in a dialog, the traceback in the crash log.
    crash.install_for_curator(lambda: opened.get("root"))
    while True:
        archive = open_archive(args.archive, not args.no_sample, restore_from)
        if archive is None:
            return 1
        opened["root"] = archive.root
        window = show_window(archive)
        code = app.exec()
        restore_from = window.safekeeping.restore_requested
        window.deleteLater()  # nothing of the old window may touch the archive after this
        from PySide6.QtCore import QEvent

        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        archive.close()
        if restore_from is None:
            return code


def open_archive(location, load_sample: bool, restore_from=None):
    """The archive for the window, after a requested restore; None if it cannot be opened.

    A damaged archive is not opened: the message says so and offers the newest
    good backup (the damaged file is kept aside, never changed). Another
    instance holding the archive makes this one read-only, and says who.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from exhibit.archive import Archive, default_location
    from exhibit.errors import ExhibitError
    from exhibit.keeping import recovery
    from exhibit.keeping.health import DamagedArchiveError
    from exhibit.sample.loader import ensure_sample

    root = location if location is not None else default_location()
    if restore_from is not None:
        try:
            report = recovery.restore(root, restore_from)
            text = QCoreApplication.translate(
                "ArchiveOpening", "The archive was restored from %1. The state before it was kept in %2.")
            QMessageBox.information(None, QCoreApplication.translate("ArchiveOpening", "Restored"),
                                    text.replace("%1", str(restore_from)).replace("%2", str(report.previous_state)))
        except ExhibitError as exc:
            QMessageBox.warning(None, QCoreApplication.translate("ArchiveOpening", "Restore failed"), str(exc))
    try:
        archive = Archive.open(location, lock=True)
    except DamagedArchiveError as exc:
        title = QCoreApplication.translate("ArchiveOpening", "The archive is damaged")
        if exc.backup is None:
            QMessageBox.critical(None, title, str(exc))
            return None
        question = QCoreApplication.translate(
            "ArchiveOpening", "Restore the newest good backup now? The damaged file is kept aside unchanged.")
        if QMessageBox.question(None, title, f"{exc}\n\n{question}") != QMessageBox.StandardButton.Yes:
            return None
        try:
            recovery.restore(exc.db_path.parent, exc.backup.path)
            archive = Archive.open(location, lock=True)
        except ExhibitError as again:
            QMessageBox.critical(None, QCoreApplication.translate("ArchiveOpening", "Restore failed"), str(again))
            return None
    except ExhibitError as exc:
        QMessageBox.critical(None, QCoreApplication.translate("ArchiveOpening", "The archive cannot be opened"),
                             str(exc))
        return None
    if archive.readonly:
        who = (archive.locked_by.describe() if archive.locked_by
               else QCoreApplication.translate("ArchiveOpening", "another Exhibit window"))
        text = QCoreApplication.translate(
            "ArchiveOpening", "This archive is open in %1, so this window only reads it. Close it there to edit here.")
        QMessageBox.information(None, QCoreApplication.translate("ArchiveOpening", "Read-only"),
                                text.replace("%1", who))
    elif load_sample:
        ensure_sample(archive)
    return archive


def show_window(archive):
    from ui.common import memory
    from ui.curator.window import CuratorWindow

    window = CuratorWindow(archive)
    window.show()
    memory.warm_then_settle()
    return window
