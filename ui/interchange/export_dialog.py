"""The export dialog: which records, which format, where; written on a worker thread.

    open_export_dialog(window, archive, record_type, selected_ids)    # File → Export…

Formats: CSV and XLSX tables of one record type (all, or the selected ids),
the whole archive as JSON, objects as LIDO 1.1 XML, IIIF Presentation 3
manifests of the objects with images, and a whole-archive bundle (.zip or
folder). The export opens its own read-only connection on the worker thread
(tasks.py). Cancel works where the core reports progress (tables, bundles);
the other formats are written in one go.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from exhibit.archive import Archive
from exhibit.interchange.export import EXPORT_TYPES
from exhibit.problems import Problem
from ui.common.problems import message_text
from ui.interchange import tasks
from ui.interchange.file_pages import error_label
from ui.interchange.labels import record_type_name

# format → (suffix, or "" for a folder; per-type?; selection allowed?)
FORMATS: dict[str, tuple[str, bool, bool]] = {
    "csv": (".csv", True, True),
    "xlsx": (".xlsx", True, True),
    "json": (".json", False, False),
    "lido": (".xml", False, True),
    "iiif": ("", False, True),
    "bundle-zip": (".zip", False, False),
    "bundle-folder": ("", False, False),
}
CANCELLABLE = {"csv", "xlsx", "bundle-zip", "bundle-folder"}
# (parent, "file" or "folder", suggested path, file filter) → chosen path
DestinationChooser = Callable[[QWidget, str, str, str], "str | None"]


def ask_destination(parent: QWidget, kind: str, suggested: str, filter_text: str) -> str | None:
    if kind == "folder":
        # A new folder is wanted: choose where, and the suggested name is added to it.
        title = QCoreApplication.translate("ExportDialog", "Export into folder")
        base = QFileDialog.getExistingDirectory(parent, title, str(Path(suggested).parent))
        return str(Path(base) / Path(suggested).name) if base else None
    title = QCoreApplication.translate("ExportDialog", "Export to")
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filter_text)
    return path or None


class ExportDialog(QDialog):
    def __init__(self, archive: Archive, record_type: str = "object", selected_ids: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExportDialog")
        self.archive = archive
        self.initial_type = record_type if record_type in EXPORT_TYPES else "object"
        self.selected_ids = list(selected_ids)
        self.choose_destination: DestinationChooser = ask_destination
        self.export_task = tasks.run_export
        self.runner = tasks.Runner(self)
        self.state = "idle"          # running, done, failed, cancelled
        self.message: Problem | str = ""
        self.result: tasks.ExportDone | None = None

        self.format_combo = QComboBox()
        for fmt in FORMATS:
            self.format_combo.addItem(fmt, fmt)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.type_combo = QComboBox()
        for rtype in EXPORT_TYPES:
            self.type_combo.addItem(record_type_name(rtype), rtype)
        self.type_combo.setCurrentIndex(self.type_combo.findData(self.initial_type))
        self.type_combo.currentIndexChanged.connect(self._update)
        self.selected_radio = QRadioButton()
        self.all_radio = QRadioButton()
        self.scope = QButtonGroup(self)
        self.scope.addButton(self.selected_radio)
        self.scope.addButton(self.all_radio)
        (self.selected_radio if self.selected_ids else self.all_radio).setChecked(True)
        self.dest_edit = QLineEdit()
        self.dest_edit.textChanged.connect(self._update)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)

        self.format_label, self.type_label, self.scope_label, self.dest_label = (QLabel() for _ in range(4))
        self.format_label.setBuddy(self.format_combo)
        self.type_label.setBuddy(self.type_combo)
        self.dest_label.setBuddy(self.dest_edit)
        scope_box = QVBoxLayout()
        scope_box.addWidget(self.selected_radio)
        scope_box.addWidget(self.all_radio)
        dest_row = QHBoxLayout()
        dest_row.addWidget(self.dest_edit, 1)
        dest_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.format_label, self.format_combo)
        form.addRow(self.type_label, self.type_combo)
        form.addRow(self.scope_label, scope_box)
        form.addRow(self.dest_label, dest_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)
        self._format_changed()
        self.retranslate()

    # ------------------------------------------------------------ choices

    def fmt(self) -> str:
        return self.format_combo.currentData()

    def record_type(self) -> str:
        fmt = self.fmt()
        if fmt in ("lido", "iiif"):
            return "object"
        return self.type_combo.currentData()

    def ids(self) -> list[int] | None:
        """The ids to export, or None for all."""
        if self.selected_radio.isChecked() and self.selected_radio.isEnabled():
            return list(self.selected_ids)
        return None

    def destination(self) -> Path | None:
        text = self.dest_edit.text().strip()
        return Path(text).expanduser() if text else None

    def _suggested_name(self) -> str:
        fmt = self.fmt()
        suffix = FORMATS[fmt][0]
        if fmt in ("json", "bundle-zip", "bundle-folder"):
            stem = self.archive.root.name or "archive"
            stem += "-bundle" if fmt.startswith("bundle") else ""
        elif fmt == "iiif":
            stem = "iiif"
        else:
            stem = f"{self.record_type()}s" if self.record_type() != "media" else "media"
        return stem + suffix

    def _format_changed(self) -> None:
        current = self.destination()
        folder = current.parent if current is not None else Path.home()
        self.dest_edit.setText(str(folder / self._suggested_name()))
        self._update()

    def _update(self) -> None:
        fmt = self.fmt()
        _, per_type, selectable = FORMATS[fmt]
        self.type_combo.setEnabled(per_type and not self.runner.is_running())
        if fmt in ("lido", "iiif"):
            self.type_combo.blockSignals(True)
            self.type_combo.setCurrentIndex(self.type_combo.findData("object"))
            self.type_combo.blockSignals(False)
        can_select = bool(self.selected_ids) and selectable and self.record_type() == self.initial_type
        self.selected_radio.setEnabled(can_select)
        self.all_radio.setEnabled(selectable)
        if not can_select:
            self.all_radio.setChecked(True)
        self.export_button.setEnabled(not self.runner.is_running() and self.destination() is not None)
        self.retranslate()

    def _browse(self) -> None:
        fmt = self.fmt()
        suffix = FORMATS[fmt][0]
        kind = "file" if suffix else "folder"
        filters = {".csv": self.tr("CSV files (*.csv)"), ".xlsx": self.tr("Excel workbooks (*.xlsx)"),
                   ".json": self.tr("JSON files (*.json)"), ".xml": self.tr("LIDO XML files (*.xml)"),
                   ".zip": self.tr("Zip files (*.zip)")}
        dest = self.destination()
        suggested = str(dest if dest is not None else Path.home() / self._suggested_name())
        chosen = self.choose_destination(self, kind, suggested, filters.get(suffix, ""))
        if chosen:
            path = Path(chosen)
            if suffix and path.suffix.lower() != suffix:
                path = path.with_name(path.name + suffix)
            self.dest_edit.setText(str(path))

    # ------------------------------------------------------------ running

    def problem(self) -> str:
        dest = self.destination()
        if dest is None:
            return self.tr("Choose where to write the export.")
        suffix = FORMATS[self.fmt()][0]
        if not suffix and dest.exists() and (dest.is_file() or any(dest.iterdir())):
            return self.tr("%1 already exists and is not empty; choose a new folder.").replace("%1", str(dest))
        if suffix and dest.is_dir():
            return self.tr("%1 is a folder; choose a file name.").replace("%1", str(dest))
        if self.fmt() == "bundle-zip" and dest.exists():
            return self.tr("%1 already exists; choose a new name for the bundle.").replace("%1", str(dest))
        return ""

    def start(self) -> None:
        if self.runner.is_running():
            return
        problem = self.problem()
        if problem:
            self.state, self.message = "failed", problem
            self.retranslate()
            return
        db_file, user = self.archive.location, self.archive.user
        fmt, rtype, ids, dest = self.fmt(), self.record_type(), self.ids(), self.destination()
        run = self.export_task
        self.state, self.message, self.result = "running", "", None
        self.progress.setRange(0, 0)
        self.runner.start(lambda progress, cancelled: run(db_file, user, fmt, rtype, ids, dest, progress,
                                                          cancelled),
                          progress=self._on_progress, succeeded=self._on_done, failed=self._on_failed,
                          cancelled=self._on_cancelled)
        self._update()

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _finish(self, state: str, message: Problem | str = "") -> None:
        self.state, self.message = state, message
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if state == "done" else 0)
        self._update()

    def _on_done(self, result: tasks.ExportDone) -> None:
        self.result = result
        self._finish("done")

    def _on_failed(self, message: Problem | str) -> None:
        self._finish("failed", message)

    def _on_cancelled(self, message: str) -> None:
        self._finish("cancelled")

    def reject(self) -> None:
        if self.runner.is_running():
            if self.fmt() in CANCELLABLE:
                self.runner.cancel()
                self.retranslate()
            return          # the format cannot be interrupted: it ends by itself
        super().reject()

    def done(self, result: int) -> None:
        self.runner.shutdown()
        super().done(result)

    def closeEvent(self, event) -> None:
        if self.runner.is_running():
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)

    def shutdown(self) -> None:
        self.runner.shutdown()

    # ------------------------------------------------------------ texts

    def format_names(self) -> dict[str, str]:
        return {"csv": self.tr("CSV table (.csv)"),
                "xlsx": self.tr("Excel workbook (.xlsx)"),
                "json": self.tr("Whole archive as JSON (.json)"),
                "lido": self.tr("Objects as LIDO XML (.xml)"),
                "iiif": self.tr("IIIF manifests of objects with images (folder)"),
                "bundle-zip": self.tr("Whole-archive bundle (.zip)"),
                "bundle-folder": self.tr("Whole-archive bundle (folder)")}

    def status_text(self) -> str:
        if self.state == "running":
            if self.runner.cancelling():
                return self.tr("Cancelling…")
            return self.tr("Exporting…")
        if self.state == "done" and self.result is not None:
            return (self.tr("Exported to %1 (%2).").replace("%1", str(self.result.path))
                    .replace("%2", self.tr("%n item(s)", "", self.result.count)))
        if self.state == "cancelled":
            return self.tr("The export was cancelled; nothing was written.")
        return ""

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export"))
        names = self.format_names()
        for i in range(self.format_combo.count()):
            self.format_combo.setItemText(i, names[self.format_combo.itemData(i)])
        for i in range(self.type_combo.count()):
            self.type_combo.setItemText(i, record_type_name(self.type_combo.itemData(i)))
        self.format_label.setText(self.tr("&Format:"))
        self.format_combo.setAccessibleName(self.tr("Export format"))
        self.type_label.setText(self.tr("&Records:"))
        self.type_combo.setAccessibleName(self.tr("Type of records to export"))
        self.scope_label.setText(self.tr("Which:"))
        self.selected_radio.setText(self.tr("The &selected records (%1)").replace("%1", str(len(self.selected_ids))))
        self.selected_radio.setAccessibleName(self.tr("Export the selected records"))
        self.all_radio.setText(self.tr("&All records of this type") if FORMATS[self.fmt()][2]
                               else self.tr("&The whole archive"))
        self.all_radio.setAccessibleName(self.tr("Export all records"))
        self.dest_label.setText(self.tr("&Destination:"))
        self.dest_edit.setAccessibleName(self.tr("Where to write the export"))
        self.browse.setText(self.tr("&Browse…"))
        self.browse.setAccessibleName(self.tr("Choose where to write the export"))
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setVisible(self.state in ("running", "done"))
        self.status.setText(self.status_text())
        self.status.setAccessibleName(self.tr("Export status"))
        self.error.setText(message_text(self.message, self.record_type()))  # in the UI's language
        self.error.setVisible(bool(self.message))
        self.error.setAccessibleName(self.tr("Why the export failed"))
        self.export_button.setText(self.tr("&Export"))
        self.export_button.setAccessibleName(self.tr("Start the export"))
        running = self.runner.is_running()
        self.cancel_button.setText(self.tr("Cancel") if running else self.tr("Close"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the export") if running else self.tr("Close"))
        self.cancel_button.setEnabled(not running or (self.fmt() in CANCELLABLE and not self.runner.cancelling()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_export_dialog(window: QWidget, archive: Archive, record_type: str,
                       selected_ids: Sequence[int] = ()) -> ExportDialog:
    """Open the export dialog (not modal: exporting only reads) from the curator window."""
    dialog = ExportDialog(archive, record_type, selected_ids, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog
