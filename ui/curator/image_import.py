"""Importing image files off the UI thread, with progress, cancel and a per-file error list.

`import_task` runs `exhibit.media_records.import_paths` as a
ui.common.background.Runner task, on a worker thread. A SQLite connection
must not be shared between threads, so the task opens its own connection to
the same archive inside the thread and closes it at the end; WAL and the
busy timeout let it write while the UI thread reads.

`ImportDialog` drives one such task: a progress bar, the current file, a
Cancel button, and at the end a summary line with the list of files that
failed and why. `wait()` makes it usable synchronously (tests, scripts).
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.media_records import ImportReport, import_paths
from ui.common import background
from ui.common.plaintext import tip


def import_task(archive: Archive, paths: list[Path], *, link_to: tuple[str, int] | None = None,
                root: Path | None = None) -> background.Task:
    """Importing `paths` into `archive` as a background.Runner task that always returns a report.

    Only plain values cross into the worker thread, never the UI's connection:
    the task opens the archive's file itself and closes it at the end.
    """
    db_file, user = archive.location, archive.user
    paths = [Path(p) for p in paths]

    def task(progress: background.Progress, cancelled: background.Cancelled) -> ImportReport:
        report = ImportReport()
        try:
            own = Archive.open(db_file, create=False, user=user)
        except ExhibitError as exc:
            report.errors.append(("", str(exc)))
            return report
        try:
            report = import_paths(own, paths, root=root, link_to=link_to,
                                  progress=progress, cancelled=cancelled)
        except ExhibitError as exc:   # e.g. the record was deleted meanwhile
            report.errors.append(("", str(exc)))
        except Exception as exc:  # noqa: BLE001 - the dialog lists it with the files that failed
            report.errors.append(("", f"{type(exc).__name__}: {exc}"))
        finally:
            own.close()
        return report

    return task


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text: QTreeView asks for a size hint without a column width."""

    def sizeHint(self, option, index):
        opt = QStyleOptionViewItem(option)
        opt.rect = QRect(0, 0, self.parent().columnWidth(index.column()), 10_000)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        return super().sizeHint(opt, index)


def _reason_text(file: str, reason: str) -> str:
    """The reason without the leading "name: " the core puts in every message (shown beside it)."""
    name = Path(file).name
    prefix = f"{name}: "
    return reason[len(prefix):] if name and reason.startswith(prefix) else reason


class ImportDialog(QDialog):
    """Progress of one import; at the end, the summary and the files that failed."""

    import_finished = Signal(object)   # ImportReport (QDialog already has finished(int))

    def __init__(self, archive: Archive, paths: list[Path], *,
                 link_to: tuple[str, int] | None = None, root: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: ImportReport | None = None
        self._total = 0
        self._done = 0
        self._task = import_task(archive, paths, link_to=link_to, root=root)
        # Its reports arrive on the UI thread, in order: progress, then the report.
        self.runner = background.Runner(self)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 0)  # busy until the worker has counted the files
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.hide()
        self.errors_label = QLabel()
        self.errors = QTreeWidget()
        self.errors.setColumnCount(2)
        self.errors.setRootIsDecorated(False)
        self.errors.setAlternatingRowColors(True)
        # Reasons are sentences: wrap them rather than cut them off.
        self.errors.setWordWrap(True)
        self.errors.setUniformRowHeights(False)
        self.errors.setItemDelegate(_WrappingDelegate(self.errors))
        self.errors.header().sectionResized.connect(lambda *_: self.errors.doItemsLayout())
        self.errors.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.errors.header().setStretchLastSection(True)
        self.errors_label.setBuddy(self.errors)
        self.errors_label.hide()
        self.errors.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.file_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    # ------------------------------------------------------------ running

    def start(self) -> None:
        if not self.runner.is_running() and self.report is None:
            self.runner.start(self._task, progress=self._on_progress, succeeded=self._on_finished)

    def is_running(self) -> bool:
        return self.report is None and self.runner.is_running()

    def cancel(self) -> None:
        """Stop after the file being imported; what was imported stays."""
        if self.report is None:
            self.runner.cancel()
            self.retranslate()

    def wait(self, timeout_ms: int = 120_000) -> ImportReport | None:
        """Run the event loop until the import has finished (or the timeout); returns the report."""
        if self.report is None:
            loop = QEventLoop()
            self.import_finished.connect(loop.quit)
            timer = QTimer(loop, singleShot=True, interval=timeout_ms)
            timer.timeout.connect(loop.quit)
            timer.start()
            if self.report is None:
                loop.exec()
            self.import_finished.disconnect(loop.quit)
        return self.report

    def shutdown(self) -> None:
        """Cancel and join the thread (before the owner or the archive goes away)."""
        self.runner.shutdown()

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self._total, self._done = total, done
        self.progress_bar.setRange(0, total)
        # `done` is the number of the file now being imported, starting at 1.
        self.progress_bar.setValue(done - 1)
        self.file_label.setText(name)
        self.retranslate_status(done, total)

    def _on_finished(self, report: ImportReport) -> None:
        self.report = report
        processed = len(report.imported) + len(report.reused) + len(report.errors)
        self.progress_bar.setRange(0, max(self._total, processed, 1))
        self.progress_bar.setValue(processed)
        self.file_label.clear()
        self.errors.clear()
        for file, reason in report.errors:
            item = QTreeWidgetItem([Path(file).name or file, _reason_text(file, reason)])
            item.setToolTip(0, tip(file))
            item.setToolTip(1, tip(reason))
            self.errors.addTopLevelItem(item)
        self.errors.setVisible(bool(report.errors))
        self.errors_label.setVisible(bool(report.errors))
        self.summary_label.show()
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)  # rejected -> reject()
        close.setDefault(True)
        close.setFocus()
        self.retranslate()
        self.import_finished.emit(report)

    # ------------------------------------------------------------ closing

    def reject(self) -> None:
        # Escape / Cancel while importing cancels; the dialog stays to show the result.
        if self.is_running():
            self.cancel()
            return
        super().reject()

    def closeEvent(self, event) -> None:
        if self.is_running():
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)

    # ------------------------------------------------------------ texts

    def summary_text(self) -> str:
        r = self.report
        if r is None:
            return ""
        parts = [self.tr("%n imported", "", len(r.imported))]
        if r.reused:
            parts.append(self.tr("%n already in the archive", "", len(r.reused)))
        if r.errors:
            parts.append(self.tr("%n failed", "", len(r.errors)))
        text = ", ".join(parts)
        if r.cancelled:
            text += " — " + self.tr("cancelled; the images imported so far are kept")
        return text

    def retranslate_status(self, done: int = 0, total: int = 0) -> None:
        if self.report is not None:
            self.status_label.setText(self.tr("Import finished") if not self.report.cancelled
                                      else self.tr("Import cancelled"))
        elif self.runner.cancelling():
            self.status_label.setText(self.tr("Cancelling after the current file…"))
        elif total:
            self.status_label.setText(self.tr("Importing image %1 of %2")
                                      .replace("%1", str(done)).replace("%2", str(total)))
        else:
            self.status_label.setText(self.tr("Looking for image files…"))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import images"))
        self.retranslate_status(self._done, self._total)
        self.progress_bar.setAccessibleName(self.tr("Import progress"))
        self.file_label.setAccessibleName(self.tr("File being imported"))
        self.summary_label.setText(self.summary_text())
        self.summary_label.setAccessibleName(self.tr("Import summary"))
        self.errors_label.setText(self.tr("Files that could not be imported:"))
        self.errors.setHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.errors.setAccessibleName(self.tr("Files that could not be imported"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            cancel.setText(self.tr("Cancel"))
            cancel.setAccessibleName(self.tr("Cancel import"))
            cancel.setEnabled(not self.runner.cancelling())
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(self.tr("Close"))
            close.setAccessibleName(self.tr("Close"))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
