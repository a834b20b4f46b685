"""The import wizard's first two pages: which file (and record type, media folder), and how it reads.

Reading runs on the wizard's worker thread (a 100,000-row workbook takes
seconds); a file that cannot be read (wrong encoding, not a workbook, an
empty file) is reported on the preview page in the core's words, which name
the file and the line.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from exhibit.interchange.importer import IMPORT_TYPES
from exhibit.interchange.tables import SUFFIXES
from exhibit.problems import Problem
from ui.common.plaintext import tip
from ui.common.problems import message_text, problem_text
from ui.interchange import tasks
from ui.interchange.labels import record_type_name

if TYPE_CHECKING:
    from ui.interchange.import_wizard import ImportWizard

PREVIEW_ROWS = 20
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (BOM)", "gb18030": "GB18030", "utf-16": "UTF-16",
             "utf-32": "UTF-32"}


def error_label() -> QLabel:
    """The red, selectable line in which a page shows its problem (hidden until there is one)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #b3261e;")
    label.hide()
    return label


class FilePage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.path_edit = QLineEdit()
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.type_combo = QComboBox()
        for rtype in IMPORT_TYPES:
            self.type_combo.addItem(record_type_name(rtype), rtype)
        self.media_edit = QLineEdit()
        self.media_browse = QPushButton()
        self.media_browse.clicked.connect(self._browse_media)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = error_label()

        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse)
        media_row = QHBoxLayout()
        media_row.addWidget(self.media_edit, 1)
        media_row.addWidget(self.media_browse)
        self.form = QFormLayout()
        self.file_label, self.type_label, self.media_label = QLabel(), QLabel(), QLabel()
        self.file_label.setBuddy(self.path_edit)
        self.type_label.setBuddy(self.type_combo)
        self.media_label.setBuddy(self.media_edit)
        self.form.addRow(self.file_label, file_row)
        self.form.addRow(self.type_label, self.type_combo)
        self.form.addRow(self.media_label, media_row)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()

    def _browse(self) -> None:
        chosen = self.w.choose_file(self)
        if chosen:
            self.path_edit.setText(chosen)

    def _browse_media(self) -> None:
        chosen = self.w.choose_folder(self)
        if chosen:
            self.media_edit.setText(chosen)

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        return Path(text).expanduser() if text else None

    def media_root(self) -> Path | None:
        text = self.media_edit.text().strip()
        return Path(text).expanduser() if text else None

    def problem(self) -> str:
        if self.w.archive.readonly:
            return self.tr("This archive is open read-only here, so nothing can be imported into it.")
        path = self.path()
        if path is None:
            return ""
        if path.suffix.lower() not in SUFFIXES:
            return self.tr("Import reads .csv, .tsv and .xlsx files. An old .xls workbook must be "
                           "saved as .xlsx first.")
        if not path.is_file():
            return self.tr("There is no file at %1.").replace("%1", str(path))
        media = self.media_root()
        if media is not None and not media.is_dir():
            return self.tr("The media folder %1 does not exist.").replace("%1", str(media))
        return ""

    def isComplete(self) -> bool:
        problem = self.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        return self.path() is not None and not problem

    def validatePage(self) -> bool:
        self.w.choose_source(self.path(), self.type_combo.currentData(), self.media_root())  # type: ignore[arg-type]
        return True

    def retranslate(self) -> None:
        self.setTitle(self.tr("Choose a file"))
        self.setSubTitle(self.tr("A spreadsheet (CSV, TSV or Excel .xlsx) with one record per row "
                                 "and the column names in the first filled row."))
        self.file_label.setText(self.tr("&File:"))
        self.browse.setText(self.tr("&Browse…"))
        self.browse.setAccessibleName(self.tr("Choose the file to import"))
        self.path_edit.setAccessibleName(self.tr("File to import"))
        self.path_edit.setPlaceholderText(self.tr("Path of a .csv, .tsv or .xlsx file"))
        self.type_label.setText(self.tr("&Records:"))
        self.type_combo.setAccessibleName(self.tr("Type of the records in the file"))
        for i in range(self.type_combo.count()):
            self.type_combo.setItemText(i, record_type_name(self.type_combo.itemData(i)))
        self.media_label.setText(self.tr("&Media folder:"))
        self.media_edit.setAccessibleName(self.tr("Folder the image paths in the file are relative to"))
        self.media_edit.setPlaceholderText(self.tr("Optional: the folder the image paths are relative to"))
        self.media_browse.setText(self.tr("Bro&wse…"))
        self.media_browse.setAccessibleName(self.tr("Choose the media folder"))
        self.hint.setText(self.tr("Image files named in the file are imported only from inside the media "
                                  "folder. Nothing is written before the last step, and the archive is "
                                  "backed up first."))
        self.completeChanged.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class PreviewPage(QWizardPage):
    """The first rows as read, the encoding and sheet, and what the reader noticed."""

    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sheet_label = QLabel()
        self.sheet_combo = QComboBox()
        self.sheet_label.setBuddy(self.sheet_combo)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.error = error_label()
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(120)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table_label = QLabel()
        self.table_label.setBuddy(self.table)
        self.notes = QListWidget()
        self.notes.setMaximumHeight(90)
        self.notes_label = QLabel()
        self.notes_label.setBuddy(self.notes)
        sheet_row = QHBoxLayout()
        sheet_row.addWidget(self.sheet_label)
        sheet_row.addWidget(self.sheet_combo)
        sheet_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(sheet_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addWidget(self.table_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.notes)
        self.retranslate()

    def initializePage(self) -> None:
        if self.w.read is None:
            self.start()
        else:
            self.show_read()

    def start(self) -> None:
        self.w.runner.shutdown()
        self.error.hide()
        self.table.clear()
        self.table.setRowCount(0)
        self.table.setColumnCount(0)
        self.notes.clear()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.w.start_read(self._on_progress, self._on_read, self._on_failed)
        self.retranslate()

    def _sheet_chosen(self, index: int) -> None:
        sheet = self.sheet_combo.itemText(index)
        if self.w.read is not None and sheet != self.w.read.preview.table.sheet:
            self.w.sheet = sheet
            self.w.read = None
            self.start()

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_read(self, read: tasks.FileRead) -> None:
        self.progress.hide()
        self.show_read()
        self.completeChanged.emit()

    def _on_failed(self, message: Problem | str) -> None:
        self.progress.hide()
        self.error.setText(message_text(message))
        self.error.show()
        self.retranslate()
        self.completeChanged.emit()

    def show_read(self) -> None:
        read = self.w.read
        if read is None:
            return
        table = read.preview.table
        self.table.setColumnCount(len(table.header))
        self.table.setHorizontalHeaderLabels(table.header)
        rows = read.preview.rows(PREVIEW_ROWS)
        self.table.setRowCount(len(rows))
        self.table.setVerticalHeaderLabels([str(r.number) for r in table.rows[:PREVIEW_ROWS]])
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells[:len(table.header)]):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(text))
                self.table.setItem(r, c, item)
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        self.sheet_combo.addItems(read.sheets)
        if table.sheet:
            self.sheet_combo.setCurrentText(table.sheet)
        self.sheet_combo.blockSignals(False)
        self.notes.clear()
        self.notes.addItems([problem_text(n) for n in table.notes])
        if table.empty_rows:
            shown = ", ".join(map(str, table.empty_rows[:20])) + (" …" if len(table.empty_rows) > 20 else "")
            self.notes.addItem(self.tr("Empty rows skipped: %1").replace("%1", shown))
        self.retranslate()

    def isComplete(self) -> bool:
        return self.w.read is not None and not self.w.runner.is_running()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows as they were read. If the Chinese looks wrong, the "
                                 "file's encoding was not recognised: save it as UTF-8 and try again."))
        read = self.w.read
        if read is not None:
            table = read.preview.table
            parts = [self.tr("File: %1").replace("%1", table.name),
                     self.tr("Format: %1").replace("%1", table.format.upper())]
            if table.encoding:
                parts.append(self.tr("Encoding: %1").replace("%1", ENCODINGS.get(table.encoding, table.encoding)))
            if table.sheet:
                parts.append(self.tr("Sheet: %1").replace("%1", table.sheet))
            parts.append(self.tr("Header on row %1").replace("%1", str(table.header_row)))
            if table.streamed:  # too large to hold: the first rows are read, the rest when it is checked
                parts.append(self.tr("a large file: the first %n rows are shown; every row is read "
                                     "when it is checked", "", len(table.rows)))
            else:
                parts.append(self.tr("%n data row(s)", "", len(table.rows)))
            self.info.setText(" · ".join(parts))
        elif self.w.runner.is_running():
            self.info.setText(self.tr("Reading %1…").replace("%1", self.w.path.name if self.w.path else ""))
        else:
            self.info.setText(self.tr("The file could not be read."))
        multi = read is not None and len(read.sheets) > 1
        self.sheet_label.setVisible(multi)
        self.sheet_combo.setVisible(multi)
        self.sheet_label.setText(self.tr("&Sheet:"))
        self.sheet_combo.setAccessibleName(self.tr("Worksheet to import"))
        self.progress.setAccessibleName(self.tr("Reading progress"))
        self.table_label.setText(self.tr("First %n row(s):", "", self.table.rowCount()))
        self.table.setAccessibleName(self.tr("First rows of the file"))
        self.notes_label.setText(self.tr("Notes about the file:"))
        self.notes_label.setVisible(self.notes.count() > 0)
        self.notes.setVisible(self.notes.count() > 0)
        self.notes.setAccessibleName(self.tr("Notes about the file"))
        self.error.setAccessibleName(self.tr("Why the file could not be read"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

