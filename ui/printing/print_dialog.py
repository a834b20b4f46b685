"""The print dialog: choose, check, preview, save and print labels or the catalogue.

Every build runs on a worker thread (`jobs.JobRunner`) into a temporary file
owned by the dialog, with progress and Cancel; the preview shows that file
with QtPdf. "Save PDF…" copies it, "Print…" renders its pages onto the
printer the system print dialog returns. Both build first when the preview
is missing or the options changed since. The file chooser and the printer
chooser are attributes, so tests can answer them without a modal dialog.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.printing.select import Selection
from exhibit.problems import Problem
from ui.common.plaintext import tip
from ui.common.problems import message_text, problem_text
from ui.printing import jobs
from ui.printing.options import PrintOptions

SaveChooser = Callable[[QWidget, str], "str | None"]
PrinterChooser = Callable[[QWidget], "QPrinter | None"]
ZOOMS = (0.5, 0.75, 1.0, 1.5, 2.0)


def ask_save_path(parent: QWidget, suggested: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Save PDF"), suggested, parent.tr("PDF files (*.pdf)"))
    return path or None


def ask_printer(parent: QWidget) -> QPrinter | None:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def _accessions(archive: Archive, object_ids: list[int]) -> list[str]:
    out = []
    for oid in object_ids:
        try:
            out.append(services.get(archive, "object", oid).accession)
        except ExhibitError:
            continue      # deleted meanwhile: nothing to print for it
    return out


class PrintDialog(QDialog):
    def __init__(self, archive: Archive, selection: Selection | None = None, parent: QWidget | None = None,
                 *, section_code: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PrintDialog")
        self.archive = archive
        self.choose_save_path: SaveChooser = ask_save_path
        self.choose_printer: PrinterChooser = ask_printer
        self._tmp = tempfile.TemporaryDirectory(prefix="exhibit-print-")
        self.tmp_dir = Path(self._tmp.name)
        self._builds = 0
        self.built: jobs.BuildResult | None = None
        self._built_request: jobs.PrintRequest | None = None
        self._then: str | None = None          # "save" or "print" after the build
        self._running: str | None = None       # "check", "build" or "print"
        self._status: tuple[str, tuple] = ("ready", ())
        self._warnings: list = []
        self._checked = False

        sel = selection or Selection()
        self.options = PrintOptions(archive, list(sel.accessions), sel.section or section_code, self)
        self.options.changed.connect(self._on_options_changed)
        scroll = QScrollArea()
        scroll.setWidget(self.options)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.options.sizeHint().width() + 24)

        # -- preview
        self.document = QPdfDocument(self)
        self.view = QPdfView()
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)
        self.zoom_out = QToolButton()
        self.zoom_out.setText("−")
        self.zoom_in = QToolButton()
        self.zoom_in.setText("+")
        self.zoom_combo = QComboBox()
        self.pages_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.zoom_out)
        bar.addWidget(self.zoom_combo)
        bar.addWidget(self.zoom_in)
        bar.addStretch(1)
        bar.addWidget(self.pages_label)
        preview = QWidget()
        pv = QVBoxLayout(preview)
        pv.setContentsMargins(0, 4, 0, 0)
        pv.addLayout(bar)
        pv.addWidget(self.view, 1)

        # -- check results
        self.warnings_list = QTreeWidget()
        self.warnings_list.setColumnCount(3)
        self.warnings_list.setRootIsDecorated(False)
        self.warnings_list.setAlternatingRowColors(True)
        self.warnings_list.setWordWrap(True)
        self.warnings_list.setUniformRowHeights(False)
        header = self.warnings_list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.warnings_list.setColumnWidth(0, 260)
        self.check_summary = QLabel()
        self.check_summary.setWordWrap(True)
        checks = QWidget()
        cv = QVBoxLayout(checks)
        cv.setContentsMargins(0, 4, 0, 0)
        cv.addWidget(self.check_summary)
        cv.addWidget(self.warnings_list, 1)

        self.tabs = QTabWidget()
        self.tabs.addTab(preview, "")
        self.tabs.addTab(checks, "")

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(self.tabs)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)

        # -- messages, progress, buttons
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("QLabel { color: #a01818; }")
        # A refused batch names every label that cannot print: scroll rather than push the preview away.
        self.error_box = QScrollArea()
        self.error_box.setWidget(self.error_label)
        self.error_box.setWidgetResizable(True)
        self.error_box.setFrameShape(QScrollArea.Shape.NoFrame)
        self.error_box.setMaximumHeight(110)
        self.error_box.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.cancel_button = QPushButton()
        self.cancel_button.hide()
        self.check_button = QPushButton()
        self.preview_button = QPushButton()
        self.save_button = QPushButton()
        self.print_button = QPushButton()
        self.close_button = QPushButton()
        self.preview_button.setDefault(True)
        for b in (self.check_button, self.save_button, self.print_button, self.close_button,
                  self.cancel_button):
            b.setAutoDefault(False)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.progress)
        status.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        for b in (self.preview_button, self.save_button, self.print_button, self.close_button):
            buttons.addWidget(b)

        main = QVBoxLayout(self)
        main.addWidget(split, 1)
        main.addWidget(self.error_box)
        main.addLayout(status)
        main.addLayout(buttons)

        self.runner = jobs.JobRunner(self)
        self.runner.progress.connect(self._on_progress)
        self.runner.succeeded.connect(self._on_succeeded)
        self.runner.failed.connect(self._on_failed)
        self.runner.cancelled.connect(self._on_cancelled)
        self.check_button.clicked.connect(self.check)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_pdf)
        self.close_button.clicked.connect(self.reject)
        self.cancel_button.clicked.connect(self.cancel)
        self.zoom_in.clicked.connect(lambda: self._step_zoom(1))
        self.zoom_out.clicked.connect(lambda: self._step_zoom(-1))
        self.zoom_combo.activated.connect(self._on_zoom_chosen)
        self.view.zoomFactorChanged.connect(lambda *_: self._show_zoom())
        self.document.pageCountChanged.connect(lambda *_: self._show_pages())
        for keys, slot in ((QKeySequence.StandardKey.ZoomIn, lambda: self._step_zoom(1)),
                           (QKeySequence.StandardKey.ZoomOut, lambda: self._step_zoom(-1)),
                           (QKeySequence.StandardKey.Print, self.print_pdf),
                           (QKeySequence.StandardKey.Save, self.save_pdf)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        QShortcut(QKeySequence("F5"), self, activated=self.preview)
        # A job's thread must be joined before Qt deletes this dialog with its parent window.
        if parent is not None:
            parent.installEventFilter(self)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.runner.shutdown)
        self.setSizeGripEnabled(True)
        self.resize(1200, 720)
        self.retranslate()
        self._update_buttons()

    # ------------------------------------------------------------ actions

    def _request(self) -> jobs.PrintRequest | None:
        try:
            return self.options.request()
        except ExhibitError as exc:
            self._show_error(exc.problem or str(exc))
            return None

    def check(self) -> None:
        """Run the label checker; its warnings fill the list, label by label."""
        if self.runner.is_running() or self.options.is_catalogue():
            return
        request = self._request()
        if request is None:
            return
        db, user = self.archive.location, self.archive.user
        self._start("check", lambda progress, cancelled: jobs.check(db, user, request, progress, cancelled))

    def preview(self) -> None:
        """Build the PDF on the worker thread and show it."""
        self._then = None
        self._build()

    def _build(self) -> None:
        if self.runner.is_running():
            return
        request = self._request()
        if request is None:
            self._then = None
            return
        self._builds += 1
        out = self.tmp_dir / f"preview-{self._builds}.pdf"
        db, user = self.archive.location, self.archive.user
        self._pending_request = request
        self._start("build", lambda progress, cancelled: jobs.build_pdf(db, user, request, out,
                                                                         progress, cancelled))

    def _is_current(self) -> bool:
        try:
            return self.built is not None and self._built_request == self.options.request()
        except ExhibitError:
            return False

    def save_pdf(self) -> None:
        """Copy the built PDF to a file the user chooses (building it first if needed)."""
        if self.runner.is_running():
            return
        if not self._is_current():
            self._then = "save"
            self._build()
            return
        self._then = None
        suggested = str(Path.home() / self._suggested_name())
        path = self.choose_save_path(self, suggested)
        if not path:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            # A copy next to the target, then a rename: an existing file is only replaced whole.
            fd, part = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.part", dir=target.parent)
            os.close(fd)
            try:
                shutil.copyfile(self.built.pdf, part)
                os.replace(part, target)
            except BaseException:
                Path(part).unlink(missing_ok=True)
                raise
        except OSError as exc:
            self._show_error(self.tr("The PDF could not be saved to %1: %2")
                             .replace("%1", str(target)).replace("%2", exc.strerror or str(exc)))
            return
        self.saved_path = target
        self._set_status("saved", str(target))

    def print_pdf(self) -> None:
        """Send the built PDF to a printer chosen in the system print dialog."""
        if self.runner.is_running():
            return
        if not self._is_current():
            self._then = "print"
            self._build()
            return
        self._then = None
        printer = self.choose_printer(self)
        if printer is None:
            return
        self._printer = printer        # kept alive while the worker paints on it
        from ui.printing.printer import print_pdf

        pdf = self.built.pdf
        self._start("print", lambda progress, cancelled: print_pdf(pdf, printer, progress=progress,
                                                                   cancelled=cancelled))

    def cancel(self) -> None:
        if self.runner.is_running():
            self.runner.cancel()
            self._then = None
            self._set_status("cancelling")
            self.cancel_button.setEnabled(False)

    # ------------------------------------------------------------ the worker

    def _start(self, what: str, task) -> None:
        self._running = what
        self._hide_error()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.setEnabled(True)
        self.cancel_button.show()
        self.cancel_button.setFocus()
        self._set_status({"check": "checking", "build": "building", "print": "printing"}[what])
        self.runner.start(task)
        self._update_buttons()

    def _on_progress(self, done: int, total: int, _stage: str = "") -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _end(self) -> None:
        self._running = None
        self.progress.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _on_succeeded(self, result) -> None:
        what = self._running
        self._end()
        if what == "check":
            self._show_warnings(result, checked=True)
            self._set_status("checked", len(result), sum(1 for w in result if w.level == "error"))
            self.tabs.setCurrentIndex(1)
        elif what == "build":
            self._show_pdf(result)
            then, self._then = self._then, None
            if then == "save":
                self.save_pdf()
            elif then == "print":
                self.print_pdf()
        elif what == "print":
            self._printer = None
            self._set_status("printed", result)

    def _on_failed(self, message: Problem | str) -> None:
        what = self._running
        self._end()
        self._then = None
        self._printer = None
        self._set_status("failed_" + (what or "build"))
        self._show_error(message)

    def _on_cancelled(self, _message: str = "") -> None:
        self._end()
        self._printer = None
        self._set_status("cancelled")

    def _show_pdf(self, result: jobs.BuildResult) -> None:
        old = self.built
        self.document.close()
        if self.document.load(str(result.pdf)) != QPdfDocument.Error.None_:
            self._show_error(self.tr("The preview could not be opened."))
            return
        self.built, self._built_request = result, self._pending_request
        if old is not None and old.pdf != result.pdf:
            old.pdf.unlink(missing_ok=True)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)    # a whole sheet at a glance
        self._show_zoom()
        self.view.pageNavigator().jump(0, QPointF(), 0)
        self._show_warnings(result.warnings, checked=False)
        kind = self._built_request.kind
        self._set_status("built_catalogue" if kind == "catalogue" else "built_labels", result.labels, result.pages)
        self.tabs.setCurrentIndex(0)
        self._update_buttons()

    def _show_warnings(self, warnings: list, *, checked: bool) -> None:
        self._warnings, self._checked = list(warnings), checked
        self.warnings_list.clear()
        for w in warnings:                     # LabelWarning: the label, and its problem
            item = QTreeWidgetItem([w.label, "", ""])
            item.setData(1, Qt.ItemDataRole.UserRole, w.level)
            item.setToolTip(0, tip(w.label))
            if w.level == "error":
                item.setForeground(1, Qt.GlobalColor.darkRed)
            self.warnings_list.addTopLevelItem(item)
        self._retranslate_warnings()

    # ------------------------------------------------------------ state and texts

    def _on_options_changed(self) -> None:
        self._update_buttons()
        if self.built is not None and not self.runner.is_running():
            self._set_status("stale")

    def _update_buttons(self) -> None:
        busy = self.runner.is_running()
        self.options.setEnabled(not busy)
        self.check_button.setEnabled(not busy and not self.options.is_catalogue())
        for b in (self.preview_button, self.save_button, self.print_button):
            b.setEnabled(not busy)
        has = self.document.pageCount() > 0
        for w in (self.zoom_in, self.zoom_out, self.zoom_combo):
            w.setEnabled(has)

    def _step_zoom(self, step: int) -> None:
        current = self.view.zoomFactor()
        if self.view.zoomMode() != QPdfView.ZoomMode.Custom:
            current = self._effective_zoom()
        ups = [z for z in ZOOMS if z > current + 0.01]
        downs = [z for z in ZOOMS if z < current - 0.01]
        target = (ups[0] if ups else ZOOMS[-1] * 1.5) if step > 0 else (downs[-1] if downs else ZOOMS[0] / 1.5)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.1, min(8.0, target)))
        self._show_zoom()

    def _effective_zoom(self) -> float:
        """The zoom a fit mode shows, as a factor (for stepping from it)."""
        if self.document.pageCount() == 0:
            return 1.0
        page_w = self.document.pagePointSize(0).width() * self.logicalDpiX() / 72
        return max(0.1, (self.view.viewport().width() - 2 * self.view.documentMargins().left()) / max(page_w, 1))

    def _on_zoom_chosen(self, index: int) -> None:
        data = self.zoom_combo.itemData(index)
        if data == "width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif data == "page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(float(data))
        self._show_zoom()

    def _show_zoom(self) -> None:
        mode = self.view.zoomMode()
        if mode == QPdfView.ZoomMode.FitToWidth:
            self.zoom_combo.setCurrentIndex(0)
        elif mode == QPdfView.ZoomMode.FitInView:
            self.zoom_combo.setCurrentIndex(1)
        else:
            text = f"{self.view.zoomFactor() * 100:.0f} %"
            i = self.zoom_combo.findText(text)
            if i < 0:
                self.zoom_combo.setItemText(self.zoom_combo.count() - 1, text)
                self.zoom_combo.setItemData(self.zoom_combo.count() - 1, str(self.view.zoomFactor()))
                i = self.zoom_combo.count() - 1
            self.zoom_combo.setCurrentIndex(i)

    def _show_pages(self) -> None:
        n = self.document.pageCount()
        self.pages_label.setText(self._pages(n) if n else "")

    @staticmethod
    def _n(n: int, one: str, many: str) -> str:
        """A count in words: English needs the singular; "%1" is the number."""
        return (one if n == 1 else many).replace("%1", str(n))

    def _pages(self, n: int) -> str:
        return self._n(n, self.tr("1 page"), self.tr("%1 pages"))

    def _labels(self, n: int) -> str:
        return self._n(n, self.tr("1 label"), self.tr("%1 labels"))

    def _warnings_text(self, n: int) -> str:
        return self._n(n, self.tr("1 warning"), self.tr("%1 warnings"))

    def _suggested_name(self) -> str:
        if self._built_request is not None and self._built_request.kind == "catalogue":
            return self.tr("catalogue") + ".pdf"
        return self.tr("labels") + ".pdf"

    def _show_error(self, message: Problem | str) -> None:
        self._error = message
        self._retranslate_error()
        self.error_box.show()

    def _hide_error(self) -> None:
        self._error = ""
        self.error_label.clear()
        self.error_box.hide()

    def _retranslate_error(self) -> None:
        if getattr(self, "_error", ""):
            self.error_label.setText(self.tr("Cannot print: %1").replace("%1", message_text(self._error)))

    def _set_status(self, key: str, *args) -> None:
        self._status = (key, args)
        self._retranslate_status()

    def _retranslate_status(self) -> None:
        key, args = self._status
        texts = {
            "ready": lambda: self.tr("Choose what to print, then Preview."),
            "checking": lambda: self.tr("Checking the labels…"),
            "building": lambda: self.tr("Building the PDF…"),
            "printing": lambda: self.tr("Sending the pages to the printer…"),
            "cancelling": lambda: self.tr("Cancelling…"),
            "cancelled": lambda: self.tr("Cancelled; no file was written."),
            "checked": lambda: self.tr("Check: %1").replace("%1", self._warnings_text(args[0]))
                + (self.tr("; %1 cannot be printed").replace("%1", self._labels(args[1])) if args[1] else ""),
            "built_labels": lambda: self.tr("Preview: %1 on %2").replace("%1", self._labels(args[0]))
                .replace("%2", self._pages(args[1])),
            "built_catalogue": lambda: self.tr("Preview: catalogue of %1 on %2")
                .replace("%1", self._n(args[0], self.tr("1 object"), self.tr("%1 objects")))
                .replace("%2", self._pages(args[1])),
            "stale": lambda: self.tr("The options changed: Preview again to see them."),
            "saved": lambda: self.tr("Saved to %1").replace("%1", args[0]),
            "printed": lambda: self.tr("%1 sent to the printer").replace("%1", self._pages(args[0])),
            "failed_check": lambda: self.tr("The check could not run."),
            "failed_build": lambda: self.tr("Nothing was printed."),
            "failed_print": lambda: self.tr("Printing failed."),
        }
        self.status_label.setText(texts[key]())

    def _retranslate_warnings(self) -> None:
        levels = {"error": self.tr("error"), "warning": self.tr("warning")}
        for i, warning in zip(range(self.warnings_list.topLevelItemCount()), self._warnings):
            item = self.warnings_list.topLevelItem(i)
            item.setText(1, levels.get(item.data(1, Qt.ItemDataRole.UserRole), ""))
            message = problem_text(warning.problem)  # the checker's problem, in the window's language
            item.setText(2, message)
            item.setToolTip(2, tip(message))
        n = len(self._warnings)
        if not self._checked and not n:
            self.check_summary.setText(self.tr("Check lists, label by label, the texts that are over "
                                               "budget, set too small, or cannot print."))
        elif not n:
            self.check_summary.setText(self.tr("No warnings: every label reads well."))
        else:
            labels = len({self.warnings_list.topLevelItem(i).text(0) for i in range(n)})
            self.check_summary.setText(self.tr("%1 on %2").replace("%1", self._warnings_text(n))
                                       .replace("%2", self._labels(labels)))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print labels and catalogue"))
        self.tabs.setTabText(0, self.tr("Preview"))
        self.tabs.setTabText(1, self.tr("Check results"))
        self.check_button.setText(self.tr("Chec&k"))
        self.preview_button.setText(self.tr("&Preview"))
        self.save_button.setText(self.tr("&Save PDF…"))
        self.print_button.setText(self.tr("Pr&int…"))
        self.close_button.setText(self.tr("Close"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.zoom_in.setToolTip(self.tr("Zoom in (Ctrl++)"))
        self.zoom_out.setToolTip(self.tr("Zoom out (Ctrl+-)"))
        self.warnings_list.setHeaderLabels([self.tr("Label"), self.tr("Level"), self.tr("Warning")])
        keep = self.zoom_combo.currentIndex()
        self.zoom_combo.clear()
        self.zoom_combo.addItem(self.tr("Fit width"), "width")
        self.zoom_combo.addItem(self.tr("Whole page"), "page")
        for z in ZOOMS:
            self.zoom_combo.addItem(f"{z * 100:.0f} %", str(z))
        self.zoom_combo.addItem("", "1.0")         # a custom zoom from the buttons shows here
        self.zoom_combo.setCurrentIndex(keep if keep >= 0 else 1)
        for w, name in ((self.view, self.tr("Print preview")), (self.warnings_list, self.tr("Check results")),
                        (self.zoom_in, self.tr("Zoom in")), (self.zoom_out, self.tr("Zoom out")),
                        (self.zoom_combo, self.tr("Zoom")), (self.progress, self.tr("Progress")),
                        (self.status_label, self.tr("Status")), (self.error_label, self.tr("Error")),
                        (self.cancel_button, self.tr("Cancel"))):
            w.setAccessibleName(name)
        self._show_pages()
        self._retranslate_status()
        self._retranslate_warnings()
        self._retranslate_error()

    # ------------------------------------------------------------ closing

    def reject(self) -> None:
        # Escape while a job runs cancels the job; the dialog stays open to say so.
        if self.runner.is_running():
            self.cancel()
            return
        super().reject()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def shutdown(self) -> None:
        """Stop any job and remove the temporary PDFs (before the archive closes)."""
        self.runner.shutdown()
        self.document.close()
        self._tmp.cleanup()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.runner.shutdown()        # the curator window is closing (or the app quits)
        return super().eventFilter(watched, event)

    def closeEvent(self, event) -> None:
        if self.runner.is_running():
            self.cancel()
            event.ignore()
            return
        super().closeEvent(event)


def open_print_dialog(window: QWidget, archive: Archive, selected_object_ids: list[int],
                      section_id: int | None = None) -> PrintDialog:
    """Open the print dialog (not modal) from the curator window: the selected objects
    are offered first; `section_id` preselects that section."""
    section_code = None
    if section_id is not None:
        try:
            section_code = services.get(archive, "section", section_id).code
        except ExhibitError:
            section_code = None
    selection = Selection(accessions=tuple(_accessions(archive, selected_object_ids)))
    dialog = PrintDialog(archive, selection, window, section_code=section_code)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.raise_()
    return dialog
