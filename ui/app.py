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
    parser.add_argument("--archive", metavar="DIR",
                        help="an archive folder, or a shared archive's address (postgresql://server/database)")
    parser.add_argument("--media", metavar="DIR",
                        help="a shared archive's media folder (default: its media_folder setting)")
    parser.add_argument("--no-sample", action="store_true")
    args = parser.parse_args(argv)
    if not display_available():
        print("No display found: the curator window needs a screen; the headless commands "
              "still work (uv run main.py --help).", file=sys.stderr)
        return 1

    from ui.common import crash

    app = make_application()
    restore_from = None
    opened: dict[str, Path] = {}
    # An exception no code expected: one sentence in a dialog, the traceback in the crash log.
    crash.install_for_curator(lambda: opened.get("root"))
    from ui.curator import shared_archive

    if args.media:   # every connection this window opens (its worker threads' too) takes it
        os.environ["EXHIBIT_MEDIA"] = str(Path(args.media).expanduser().resolve())
    location = args.archive
    remembered = location is None and shared_archive.remembered()
    if remembered:
        location = remembered   # the shared archive opened last
    while True:
        archive = open_archive(location, not args.no_sample, restore_from, media=args.media,
                               fall_back=bool(remembered))
        if archive is None:
            return 1
        opened["root"] = archive.root
        window = show_window(archive)
        code = app.exec()
        restore_from = window.safekeeping.restore_requested
        switch = window.shared.open_requested
        if switch is not None:   # File → Open shared archive… / Open the local archive
            location = None if switch == shared_archive.LOCAL else switch
            remembered = False
        window.deleteLater()  # nothing of the old window may touch the archive after this
        from PySide6.QtCore import QEvent

        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        archive.close()
        if restore_from is None and switch is None:
            return code


def make_application():
    """The QApplication, with the labels' typefaces and the language chosen last time (else the system's)."""
    from PySide6.QtWidgets import QApplication

    from ui.common import i18n, plaintext, typefaces

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Exhibit")
    app.setOrganizationName("Exhibit")
    plaintext.install(app)  # before the first message box: archive text is never markup
    typefaces.install()  # Source Sans 3 for Latin, Noto Sans SC for Han, as the printed labels
    i18n.set_language(i18n.saved_language(), remember=False)
    return app


def open_archive(location, load_sample: bool, restore_from=None, *, media=None, fall_back: bool = False):
    """The archive for the window, after a requested restore; None if it cannot be opened.

    A damaged archive is not opened: the message says so and offers the newest
    good backup (the damaged file is kept aside, never changed). Another
    instance holding the archive makes this one read-only, and says who.
    A shared archive (postgresql://…) is never given the sample; with `fall_back` (it was
    only remembered from last time) one that cannot be reached gives way to the local archive.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from exhibit.archive import Archive, default_location
    from exhibit.errors import ExhibitError
    from exhibit.keeping import recovery
    from exhibit.keeping.health import DamagedArchiveError
    from exhibit.server.address import is_server_address

    if is_server_address(location):
        return _open_shared(location, media, fall_back, load_sample)
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
    elif load_sample and needs_sample(archive):
        load_sample_with_progress(archive)
    return archive


def _open_shared(address: str, media, fall_back: bool, load_sample: bool):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QMessageBox

    from exhibit.archive import Archive
    from exhibit.errors import ExhibitError

    try:
        archive = Archive.open(address, media=media)
    except ExhibitError as exc:
        title = QCoreApplication.translate("ArchiveOpening", "The shared archive cannot be opened")
        if not fall_back:
            QMessageBox.critical(None, title, str(exc))
            return None
        text = QCoreApplication.translate("ArchiveOpening", "%1\n\nThe local archive is opened instead.")
        QMessageBox.warning(None, title, text.replace("%1", str(exc)))
        from ui.curator import shared_archive

        shared_archive.remember(None)
        return open_archive(None, load_sample)
    if archive.readonly:
        QMessageBox.information(None, QCoreApplication.translate("ArchiveOpening", "Read-only"),
                                QCoreApplication.translate(
                                    "ArchiveOpening", "Your login may only read this shared archive, so "
                                    "this window shows it without editing."))
    return archive


def needs_sample(archive) -> bool:
    """True for a new, empty archive: the first start builds the sample exhibition into it."""
    from exhibit.sample.loader import SAMPLE_MARK, is_empty

    return archive.setting(SAMPLE_MARK) is None and is_empty(archive)


def load_sample_with_progress(archive) -> bool:
    """Build the sample exhibition (several seconds: it draws the illustrations) behind a progress dialog.

    The work runs on a pool thread over its own connection, as every long task
    does, so the dialog paints and answers. Cancel stops it: the sample is one
    transaction, so nothing of it stays, and the window opens on the empty
    archive. True if the archive holds the sample now.
    """
    from PySide6.QtCore import QCoreApplication, QEventLoop, Qt
    from PySide6.QtWidgets import QLabel, QProgressDialog

    from exhibit.archive import Archive
    from exhibit.sample.loader import load_sample
    from ui.common.background import run_task

    state: dict = {"cancelled": False, "done": False, "error": None}

    def work() -> None:  # pool thread: its own connection to the same file
        worker = Archive.open(archive.db_path, create=False, check=False, user=archive.user)
        # Once cancelled, the sample's next SQL statement stops ("interrupted") and its
        # one transaction rolls back: the archive stays empty.
        worker.db.conn.set_progress_handler(lambda: 1 if state["cancelled"] else 0, 1000)
        try:
            if not state["cancelled"]:
                load_sample(worker)
        finally:
            worker.close()

    def finished(_result=None) -> None:
        state["done"] = True
        loop.quit()

    def failed(exc: Exception) -> None:
        state["error"] = exc
        finished()

    def cancel() -> None:
        state["cancelled"] = True
        # QProgressDialog hides itself on cancel: show that the window is on its way.
        dialog.setCancelButton(None)
        dialog.setLabelText(QCoreApplication.translate("ArchiveOpening", "Stopping…"))
        dialog.setRange(0, 0)
        dialog.show()

    dialog = QProgressDialog()
    label = QLabel()
    label.setWordWrap(True)
    label.setMinimumWidth(420)
    dialog.setLabel(label)
    dialog.setWindowTitle(QCoreApplication.translate("ArchiveOpening", "Exhibit"))
    dialog.setLabelText(QCoreApplication.translate(
        "ArchiveOpening", "First start: building the sample exhibition on the Defence of Hengyang "
                          "(records, illustrations and the search index). This takes a few seconds."))
    dialog.setCancelButtonText(QCoreApplication.translate("ArchiveOpening", "Start with an empty archive"))
    dialog.setRange(0, 0)  # the loader reports no steps: a busy bar
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.canceled.connect(cancel)
    loop = QEventLoop()
    dialog.show()
    run_task(work, finished, failed)
    if not state["done"]:
        loop.exec()
    dialog.hide()
    dialog.deleteLater()
    error = state["error"]
    if error is not None and not state["cancelled"]:
        from PySide6.QtWidgets import QMessageBox

        from exhibit.errors import ExhibitError

        if not isinstance(error, ExhibitError):
            raise error  # a bug: the crash handler says so and keeps the traceback
        QMessageBox.warning(None, QCoreApplication.translate("ArchiveOpening", "The sample was not loaded"),
                            str(error))
    return not needs_sample(archive)


def show_window(archive):
    from ui.curator.shared_archive import follow
    from ui.curator.window import CuratorWindow

    window = CuratorWindow(archive)
    follow(window, archive)   # a shared archive: other curators' edits appear here
    present(window)
    return window


def present(window) -> None:
    """Show the window, then do what can wait until it is on screen."""
    from ui.common import memory

    # The search tables load once the window has painted, not before: see memory.after_first_paint.
    memory.after_first_paint(window, memory.warm_then_settle)
    window.show()
