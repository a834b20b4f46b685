"""The import wizard: file → preview → mapping → check (dry run) → import.

    wizard = open_import_wizard(window, archive)      # File → Import spreadsheet…

The wizard holds what the pages share (the file read, the mapping, the last
dry-run plan) and one `tasks.Runner`: reading, checking and importing each
run on a worker thread with its own connection to the archive (see
tasks.py for why). It is window-modal, so the curator window cannot edit
while the import holds the write lock. File and folder choosers are
attributes, so tests answer them without a modal dialog.

After a successful import `events().records_changed` is emitted for the
record type (and for images when some were imported), so lists reload.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from exhibit.archive import Archive
from exhibit.interchange.importer import ImportPlan
from exhibit.interchange.mapping import Mapping
from ui.common.events import events
from ui.interchange import tasks
from ui.interchange.file_pages import FilePage, PreviewPage
from ui.interchange.mapping_page import MappingPage
from ui.interchange.run_pages import CheckPage, ImportPage

FileChooser = Callable[[QWidget], "str | None"]
MappingChooser = Callable[[QWidget, bool, str], "str | None"]   # (parent, save?, suggested name)


def ask_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("ImportWizard", "Choose a spreadsheet"), "",
        QCoreApplication.translate("ImportWizard", "Spreadsheets (*.csv *.tsv *.txt *.xlsx *.xlsm)"))
    return path or None


def ask_folder(parent: QWidget) -> str | None:
    title = QCoreApplication.translate("ImportWizard", "Choose the media folder")
    return QFileDialog.getExistingDirectory(parent, title) or None


def ask_mapping_file(parent: QWidget, save: bool, suggested: str) -> str | None:
    kinds = QCoreApplication.translate("ImportWizard", "Column mappings (*.json)")
    if save:
        title = QCoreApplication.translate("ImportWizard", "Save mapping")
        path, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    else:
        title = QCoreApplication.translate("ImportWizard", "Load mapping")
        path, _ = QFileDialog.getOpenFileName(parent, title, "", kinds)
    return path or None


class ImportWizard(QWizard):
    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ImportWizard")
        self.archive = archive
        self.choose_file: FileChooser = ask_file
        self.choose_folder: FileChooser = ask_folder
        self.choose_mapping_file: MappingChooser = ask_mapping_file
        # The core calls, replaceable by tests (e.g. to hold an import until Cancel was pressed).
        self.read_task = tasks.read_file
        self.check_task = tasks.dry_run
        self.import_task = tasks.run_import
        self.runner = tasks.Runner(self)
        self.path: Path | None = None
        self.record_type = "object"
        self.media_root: Path | None = None
        self.sheet: str | None = None
        self.read: tasks.FileRead | None = None
        self.mapping: Mapping | None = None
        self.plan: ImportPlan | None = None
        self.plan_stale = True
        self.imported = False
        self.skip_rejected = False   # the check page's choice: import the good rows, save the rejected ones

        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.file_page = FilePage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.import_page = ImportPage(self)
        for page in (self.file_page, self.preview_page, self.mapping_page, self.check_page, self.import_page):
            self.addPage(page)
        self.resize(1000, 680)
        self.retranslate()

    # ------------------------------------------------------------ shared state

    def choose_source(self, path: Path | None, record_type: str, media_root: Path | None) -> None:
        """The first page's choices; a different file or type is read (and suggested) again."""
        if path != self.path or record_type != self.record_type:
            self.read, self.mapping, self.sheet = None, None, None
        self.path, self.record_type, self.media_root = path, record_type, media_root
        self.mark_stale()

    def mark_stale(self) -> None:
        self.plan_stale = True

    def start_read(self, on_progress: Callable, on_read: Callable, on_failed: Callable[[str], None]) -> None:
        path, rtype, sheet, read_task = self.path, self.record_type, self.sheet, self.read_task

        def done(read: tasks.FileRead) -> None:
            self.read = read
            self.mapping = read.preview.mapping
            self.plan = None
            self.mark_stale()
            on_read(read)

        self.runner.start(lambda progress, cancelled: read_task(path, rtype, sheet, progress, cancelled),
                          progress=on_progress, succeeded=done, failed=on_failed, cancelled=on_failed)

    def start_check(self, on_progress: Callable, on_plan: Callable, on_failed: Callable[[str], None],
                    on_cancelled: Callable[[str], None]) -> None:
        assert self.read is not None and self.mapping is not None
        db_file, user = self.archive.location, self.archive.user
        table, mapping, media = self.read.preview.table, tasks.copy_mapping(self.mapping), self.media_root
        check = self.check_task
        self.plan_stale = False     # set again if the mapping changes while this runs
        self.runner.start(lambda progress, cancelled: check(db_file, user, table, mapping, media, progress,
                                                            cancelled),
                          progress=on_progress, succeeded=on_plan, failed=on_failed, cancelled=on_cancelled)

    def start_import(self, on_progress: Callable, on_done: Callable, on_failed: Callable[[str], None],
                     on_cancelled: Callable[[str], None]) -> None:
        assert self.read is not None and self.mapping is not None
        db_file, user = self.archive.location, self.archive.user
        table, mapping, media = self.read.preview.table, tasks.copy_mapping(self.mapping), self.media_root
        run = self.import_task
        # Only a partial import passes rejects_to: a replaced import_task need not know it otherwise.
        extra = {"rejects_to": self.rejects_path()} if self.skip_rejected and self.rejects_path() else {}

        def done(result: tasks.ImportDone) -> None:
            self.imported = True
            hub = events()
            hub.records_changed.emit(self.record_type, [])
            if result.result.media_imported or result.result.media_reused:
                hub.records_changed.emit("media", [])
            on_done(result)

        self.runner.start(lambda progress, cancelled: run(db_file, user, table, mapping, media, progress,
                                                          cancelled, **extra),
                          progress=on_progress, succeeded=done, failed=on_failed, cancelled=on_cancelled)

    def rejects_path(self) -> Path | None:
        """Where a partial import saves the rejected rows: beside the file, <name>.rejects.<ext>."""
        from exhibit.interchange.rejects import default_path

        return default_path(self.path) if self.path is not None else None

    # ------------------------------------------------------------ closing

    def reject(self) -> None:
        # Cancel during the import rolls it back; the page then says so and Finish closes.
        if self.currentPage() is self.import_page and self.import_page.state == "running":
            self.import_page.cancel()
            return
        self.runner.shutdown()
        super().reject()

    def done(self, result: int) -> None:
        if self.runner.is_running() and self.currentPage() is self.import_page:
            self.import_page.cancel()
            return
        self.runner.shutdown()
        super().done(result)

    def closeEvent(self, event) -> None:
        if self.currentPage() is self.import_page and self.import_page.state == "running":
            self.import_page.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop and join any worker (tests, the owner going away); a running import rolls back."""
        self.runner.shutdown()

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import records from a spreadsheet"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Finish"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        for which, name in ((QWizard.WizardButton.NextButton, self.tr("Next page")),
                            (QWizard.WizardButton.BackButton, self.tr("Previous page")),
                            (QWizard.WizardButton.FinishButton, self.tr("Close the wizard")),
                            (QWizard.WizardButton.CancelButton, self.tr("Cancel the import")),
                            (QWizard.WizardButton.CommitButton, self.tr("Import the checked rows"))):
            button = self.button(which)
            if button is not None:
                button.setAccessibleName(name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_import_wizard(window: QWidget, archive: Archive) -> ImportWizard:
    """Open the import wizard over the curator window (window-modal, returns at once)."""
    wizard = ImportWizard(archive, window)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wizard.open()
    return wizard
