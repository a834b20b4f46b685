"""The bar above the open record that says another curator saved (or deleted) it just now.

On a server archive several curators edit at once; ui/common/server_changes.py hears their
saves. When one names the record open in the editor the curator is told who and when, in
a bar that takes nothing away from the form (not a dialog: the curator may be mid-sentence):

- the form had no unsaved edits: it already shows their version (the hub made it re-read
  it); the bar says so, and closes;
- the form has unsaved edits: "Reload" takes their version (dropping the edits), "Keep
  editing" closes the bar; saving later meets the conflict dialog
  (ui/curator/conflict_dialog.py), which shows both versions field by field;
- it was deleted: the form says it can no longer be saved; the bar says who deleted it.
"""
from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from exhibit.server.listen import Change

BAR_STYLE = ("QFrame#recordChangedBar { background: palette(tooltip-base); "
             "border: 1px solid palette(mid); border-radius: 3px; }")


class RecordChangedBar(QFrame):
    """Hidden until `show_change`; `reload_requested` asks the window to re-read the record."""

    reload_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordChangedBar")
        self.setStyleSheet(BAR_STYLE)
        self.change: Change | None = None
        self.editing = False     # the form had unsaved edits when the change came
        self.at = ""             # when it was heard, "14:02"
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.reload_button = QPushButton()
        self.keep_button = QPushButton()
        self.reload_button.clicked.connect(self._reload)
        self.keep_button.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.reload_button)
        layout.addWidget(self.keep_button)
        self.hide()

    def show_change(self, change: Change, editing: bool, at: datetime | None = None) -> None:
        """Tell of `change` to the open record; `editing`: the form has unsaved edits."""
        self.change, self.editing = change, editing
        # The notification comes at commit: the time it is heard is the time it was saved.
        self.at = f"{at or datetime.now():%H:%M}"
        self.retranslate()
        self.show()
        if editing and change.action != "delete":
            self.keep_button.setFocus()   # Enter or Space keeps the curator's edits

    def _reload(self) -> None:
        self.hide()
        self.reload_requested.emit()

    def retranslate(self) -> None:
        change = self.change
        if change is None:
            return
        who = change.who or self.tr("Another curator")
        if change.action == "delete":
            text = self.tr("%1 deleted this record at %2.")
        elif self.editing:
            text = self.tr("%1 saved this record at %2 while you were editing it.")
        else:
            text = self.tr("%1 saved this record at %2; it now shows their version.")
        self.message.setText(text.replace("%1", who).replace("%2", self.at))
        self.reload_button.setText(self.tr("Reload (drop my edits)"))
        self.reload_button.setVisible(self.editing and change.action != "delete")
        self.keep_button.setText(self.tr("Keep editing") if self.editing and change.action != "delete"
                                 else self.tr("OK"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
