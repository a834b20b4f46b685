"""The import wizard's last two pages: the dry run (what each row would do) and the import itself.

The dry run is the commit page: its button is “Import”, enabled only when
the check has finished with no rejected row and nothing changed since, or,
with “Import the good rows and save the rejected ones to a file” ticked (off
by default), with rejected rows too: a partial import, whose rejects file the
import page names. An
unknown vocabulary term can be mapped right here; the check then runs again.
The import page runs the one-transaction import on the worker thread; Cancel
rolls it back, so nothing is changed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from exhibit.interchange.importer import ImportPlan, unknown_terms
from exhibit.problems import Problem
from ui.common.problems import message_text, problem_text
from ui.interchange import tasks
from ui.interchange.file_pages import error_label
from ui.interchange.labels import record_type_name
from ui.interchange.report_model import REASONS, ReportModel
from ui.interchange.terms_editor import TermsEditor

if TYPE_CHECKING:
    from ui.interchange.import_wizard import ImportWizard

STAGES = {"checking", "writing", "updating", "images", "backup"}


class CheckPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.setCommitPage(True)
        self.state = "idle"           # idle, running, done, failed, cancelled
        self.message: Problem | str = ""
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.w.runner.cancel)
        self.again_button = QPushButton()
        self.again_button.clicked.connect(self.start)
        self.rejected_only = QCheckBox()
        self.rejected_only.toggled.connect(self._filter)
        self.skip_rejected = QCheckBox()
        self.skip_rejected.toggled.connect(self._skip_toggled)
        self.model = ReportModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        hh = self.view.horizontalHeader()
        for col in range(REASONS):
            hh.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(REASONS, QHeaderView.ResizeMode.Stretch)
        self.view_label = QLabel()
        self.view_label.setBuddy(self.view)
        self.notes = QListWidget()
        self.notes.setMaximumHeight(70)
        self.error = error_label()
        self.terms = TermsEditor(wizard.archive)
        self.terms.changed.connect(self._terms_changed)
        self.terms.hide()
        # Re-check shortly after the last change, not after each of several quick ones.
        self.recheck = QTimer(self, singleShot=True, interval=300)
        self.recheck.timeout.connect(self.start)

        bar = QHBoxLayout()
        bar.addWidget(self.progress, 1)
        bar.addWidget(self.stop_button)
        bar.addWidget(self.again_button)
        filters = QHBoxLayout()
        filters.addWidget(self.view_label, 1)
        filters.addWidget(self.rejected_only)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(filters)
        tl.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.terms)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counts)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.skip_rejected)
        self.retranslate()

    # ------------------------------------------------------------ running

    def initializePage(self) -> None:
        if self.w.read is not None and self.w.mapping is not None:
            unknown = unknown_terms(self.w.archive, self.w.read.preview.table, self.w.mapping)
            self.terms.set_terms(self.w.mapping, unknown)
        if self.w.plan is None or self.w.plan_stale:
            self.start()
        else:
            self.show_plan(self.w.plan)

    def cleanupPage(self) -> None:  # Back: stop a check still running
        self.recheck.stop()
        if self.state == "running":
            self.w.runner.shutdown()
            self.state = "cancelled"
        super().cleanupPage()

    def start(self) -> None:
        self.recheck.stop()
        # A check still running for the old mapping is stopped (it polls every 500 rows) and dropped.
        self.w.runner.shutdown()
        self.state = "running"
        self.message: Problem | str = ""
        self.w.plan = None
        self.model.set_plan(None)
        self.progress.setRange(0, 0)
        self.w.start_check(self._on_progress, self._on_plan, self._on_failed, self._on_cancelled)
        self.retranslate()
        self.completeChanged.emit()

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _on_plan(self, plan: ImportPlan) -> None:
        self.w.plan = plan   # still stale if the mapping changed while it ran
        self.state = "cancelled" if plan.cancelled else "done"
        self.show_plan(plan)
        self.completeChanged.emit()

    def _on_failed(self, message: Problem | str) -> None:
        self.state, self.message = "failed", message
        self.retranslate()
        self.completeChanged.emit()

    def _on_cancelled(self, message: str) -> None:
        self.state = "cancelled"
        self.retranslate()
        self.completeChanged.emit()

    def _terms_changed(self) -> None:
        self.w.mark_stale()
        self.completeChanged.emit()
        self.recheck.start()

    def _skip_toggled(self, on: bool) -> None:
        self.w.skip_rejected = on
        self.retranslate()
        self.completeChanged.emit()

    def _filter(self, on: bool) -> None:
        self.model.set_rejected_only(on)
        self.view.resizeRowsToContents()
        self.retranslate()

    def show_plan(self, plan: ImportPlan) -> None:
        self.model.set_plan(plan)
        self.progress.setRange(0, max(1, plan.row_count))
        self.progress.setValue(plan.row_count)
        if len(plan.rows) <= 2000:     # wrapped reasons; beyond that, one line each keeps it fast
            self.view.resizeRowsToContents()
        self.notes.clear()
        self.notes.addItems([problem_text(n, plan.record_type) for n in plan.notes])
        if plan.empty_rows:
            shown = ", ".join(map(str, plan.empty_rows[:20])) + (" …" if len(plan.empty_rows) > 20 else "")
            self.notes.addItem(self.tr("Empty rows skipped: %1").replace("%1", shown))
        self.retranslate()

    def isComplete(self) -> bool:
        plan = self.w.plan
        acceptable = plan is not None and (plan.ok or (self.w.skip_rejected and not plan.cancelled))
        return (self.state == "done" and acceptable and not self.w.plan_stale
                and not self.w.runner.is_running())

    # ------------------------------------------------------------ texts

    def counts_text(self) -> str:
        plan = self.w.plan
        if self.state == "running":
            return self.tr("Checking every row; nothing is written…")
        if self.state == "failed":
            return self.tr("The check could not be run.")
        if self.state == "cancelled" or plan is None:
            return self.tr("The check was stopped before the end. Check again to import.")
        c = plan.counts()
        text = (self.tr("%n row(s) checked: ", "", plan.row_count)
                + self.tr("%1 to create, %2 to update, %3 unchanged, %4 rejected.")
                .replace("%1", str(c["create"])).replace("%2", str(c["update"]))
                .replace("%3", str(c["unchanged"])).replace("%4", str(c["rejected"])))
        if c["empty"]:
            text += " " + self.tr("%n empty row(s) skipped.", "", c["empty"])
        if c["rejected"] and self.w.skip_rejected and not self.w.plan_stale:
            text += " " + (self.tr("Press Import to import the other rows, in one step; the rejected ones "
                                   "are saved to %1 to correct and import again.")
                           .replace("%1", str(self.w.rejects_path())))
        elif c["rejected"]:
            text += " " + self.tr("Nothing can be imported while a row is rejected: correct the file, "
                                  "the mapping or the terms, and check again.")
        elif self.w.plan_stale:
            text += " " + self.tr("The mapping changed: checking again…")
        else:
            text += " " + self.tr("Press Import to import them all, in one step.")
        return text

    def retranslate(self) -> None:
        self.setTitle(self.tr("Check (dry run)"))
        self.setSubTitle(self.tr("What importing would do to each row. Nothing has been written yet."))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.counts.setText(self.counts_text())
        self.counts.setAccessibleName(self.tr("Result of the check"))
        self.error.setText(message_text(self.message, self.w.record_type))
        self.error.setVisible(bool(self.message))
        self.error.setAccessibleName(self.tr("Why the check failed"))
        running = self.state == "running"
        self.stop_button.setText(self.tr("S&top"))
        self.stop_button.setAccessibleName(self.tr("Stop the check"))
        self.stop_button.setEnabled(running)
        self.again_button.setText(self.tr("Check &again"))
        self.again_button.setAccessibleName(self.tr("Run the check again"))
        self.again_button.setEnabled(not running)
        self.progress.setAccessibleName(self.tr("Check progress"))
        self.rejected_only.setText(self.tr("Only &rejected rows"))
        self.rejected_only.setAccessibleName(self.tr("Show only the rejected rows"))
        self.skip_rejected.setText(self.tr("Import the good rows and save the rejected ones to a file"))
        self.skip_rejected.setAccessibleName(self.tr("Partial import"))
        self.view_label.setText(self.tr("&Rows (%1 shown):").replace("%1", str(self.model.rowCount())))
        self.view.setAccessibleName(self.tr("Report for each row"))
        self.model.set_headers([self.tr("Row"), self.tr("Key"), self.tr("Result"), self.tr("Reasons")])
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        self.notes.setVisible(self.notes.count() > 0)
        self.notes.setAccessibleName(self.tr("Notes about the file"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class ImportPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.state = "idle"           # running, done, failed, cancelled
        self.message: Problem | str = ""
        self.stage = ""
        self.done: tasks.ImportDone | None = None
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.error)
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.retranslate()

    def initializePage(self) -> None:
        self.state, self.message, self.done = "running", "", None
        self.progress.setRange(0, 0)
        self.w.start_import(self._on_progress, self._on_done, self._on_failed, self._on_cancelled)
        self.retranslate()

    def cancel(self) -> None:
        if self.state == "running":
            self.w.runner.cancel()
            self.retranslate()

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        self.stage = stage if stage in STAGES else ""
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        else:
            self.progress.setRange(0, 0)
        self.retranslate()

    def _finish(self, state: str, message: Problem | str = "") -> None:
        self.state, self.message = state, message
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if state == "done" else 0)
        self.w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.retranslate()
        self.completeChanged.emit()

    def _on_done(self, done: tasks.ImportDone) -> None:
        self.done = done
        self._finish("done")

    def _on_failed(self, message: Problem | str) -> None:
        self._finish("failed", message)

    def _on_cancelled(self, message: str) -> None:
        self._finish("cancelled")

    def isComplete(self) -> bool:
        return self.state in ("done", "failed", "cancelled")

    def status_text(self) -> str:
        if self.state == "running":
            if self.w.runner.cancelling():
                return self.tr("Cancelling: everything is being rolled back…")
            return {"backup": self.tr("Backing up the archive before the import…"),
                    "checking": self.tr("Checking the rows again…"),
                    "writing": self.tr("Writing the new records…"),
                    "updating": self.tr("Updating the matched records…"),
                    "images": self.tr("Importing the images…")}.get(self.stage, self.tr("Importing…"))
        if self.state == "done":
            return self.tr("The import is complete.")
        if self.state == "cancelled":
            return self.tr("The import was cancelled. Nothing was changed.")
        if self.state == "failed":
            return self.tr("The import failed. Nothing was changed.")
        return ""

    def summary_text(self) -> str:
        if self.done is None:
            return ""
        r = self.done.result
        text = (self.tr("%1: %2 created, %3 updated, %4 unchanged.")
                .replace("%1", r.plan.source).replace("%2", str(r.created))
                .replace("%3", str(r.updated)).replace("%4", str(r.unchanged)))
        if r.media_imported or r.media_reused:
            text += " " + (self.tr("Images: %1 imported, %2 already in the archive.")
                           .replace("%1", str(r.media_imported)).replace("%2", str(r.media_reused)))
        if r.rejects_file is not None:
            text += " " + (self.tr("%1 rejected row(s) were saved to %2: correct them there and import "
                                   "that file.").replace("%1", str(r.rejected)).replace("%2", str(r.rejects_file)))
        return text

    def note_text(self) -> str:
        text = self.tr("An import cannot be undone with Edit → Undo: it is one transaction of its own, "
                       "not an edit in the undo history.")
        if self.done is not None and self.done.backup is not None:
            text += " " + (self.tr("The archive was backed up just before it, to %1; restore that backup "
                                   "to go back.").replace("%1", str(self.done.backup)))
        elif self.done is not None:
            text += " " + self.tr("No backup was made before it (%1).").replace("%1", self.done.backup_note)
        return text

    def retranslate(self) -> None:
        self.setTitle(self.tr("Import"))
        subtitle = (self.tr("Importing %1 in one step: the good rows; the rejected ones are saved to a file.")
                    if self.w.skip_rejected else self.tr("Importing %1 in one step: all rows, or none."))
        self.setSubTitle(subtitle.replace("%1", record_type_name(self.w.record_type)))
        self.status.setText(self.status_text())
        self.status.setAccessibleName(self.tr("Import status"))
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.summary.setText(self.summary_text())
        self.summary.setVisible(self.done is not None)
        self.summary.setAccessibleName(self.tr("Import summary"))
        self.error.setText(message_text(self.message, self.w.record_type))
        self.error.setVisible(bool(self.message))
        self.error.setAccessibleName(self.tr("Why the import failed"))
        self.note.setText(self.note_text() if self.state != "running" else "")
        self.note.setAccessibleName(self.tr("About undoing the import"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
