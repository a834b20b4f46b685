"""Two curators saved one record: the curator chooses, field by field, whose value to keep.

On a server archive a save against a version that is no longer stored is refused with a
`Conflict` (exhibit/server/records.py) listing every field on which the curator's record
and the stored one differ, with the value both started from. Nothing is merged behind the
curator's back, but most of the choosing is obvious: a field only the other curator
changed keeps theirs, a field only this curator changed keeps the curator's. Those are
chosen already; a field both changed has no default, and the dialog cannot be confirmed
until the curator has picked one side for each (the value both started from is shown
under it, so the curator sees what each of them changed).

The dialog returns the choices as `resolve(conflict, choices)` takes them ("mine" or
"theirs" per field); saving the resolved record against `conflict.stored` is the caller's.
Field names and enumerated values are the window's language (ui/common/naming.py), as the
form shows them; values are shown whole and wrapped, long descriptions included.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exhibit import names as registry
from exhibit import object_fields
from exhibit.records import Record
from exhibit.server.records import MINE, THEIRS, Conflict, FieldConflict, resolve
from ui.common import naming

# Foreign keys shown as "分区 #3" (the dialog has no archive to read the other record's name).
_FOREIGN_KEYS: dict[tuple[str, str], str] = {
    ("panel", "section_id"): "section", ("event", "place_id"): "place",
    ("movement", "object_id"): "object", ("citation", "source_id"): "source",
}
MUTED_STYLE = "color: palette(placeholder-text);"
NEEDS_CHOICE_STYLE = "color: #a33; font-weight: bold;"


def default_choice(field: FieldConflict) -> str | None:
    """Who the field's value obviously belongs to: theirs where only they changed it, mine
    where only I did; None where both changed it (the curator must choose)."""
    if field.changed_by_them and not field.changed_by_me:
        return THEIRS
    if field.changed_by_me and not field.changed_by_them:
        return MINE
    return None


def local_time(stamp: str, now: datetime | None = None) -> str:
    """A history time (ISO, the server's clock, UTC) as the workstation's local time: "14:02"
    today, "2024-06-23 14:02" another day; a text that is not a time is shown as it is."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    when = when.astimezone() if when.tzinfo else when
    now = now or datetime.now(when.tzinfo)
    return f"{when:%H:%M}" if when.date() == now.date() else f"{when:%Y-%m-%d %H:%M}"


@dataclass
class _FieldRow:
    field: FieldConflict
    group: QButtonGroup
    mine: QRadioButton
    theirs: QRadioButton
    name: QLabel
    note: QLabel


class ConflictDialog(QDialog):
    """Shows each field of a `Conflict` with yours and theirs side by side; `choices()` is
    what `resolve` takes. Confirm ("Save with these choices") is the default button, enabled
    once every field has a side."""

    def __init__(self, conflict: Conflict, record_type: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        if conflict.action != "update" or conflict.mine is None:
            raise ValueError("only a conflicting save is resolved field by field")
        self.conflict = conflict
        self.record_type = record_type or conflict.stored.record.TYPE
        self.setObjectName("conflictDialog")
        self.setModal(True)
        self._value_labels: list[tuple[QLabel, str, Any, bool]] = []  # (label, field, value, is the base)

        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.yours_header, self.theirs_header = QLabel(), QLabel()
        for header in (self.yours_header, self.theirs_header):
            header.setWordWrap(True)
            header.setStyleSheet("font-weight: bold;")

        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        grid.addWidget(self.yours_header, 0, 1)
        grid.addWidget(self.theirs_header, 0, 2)
        self.rows: dict[str, _FieldRow] = {}
        for field in conflict.fields:
            self._add_row(grid, field)
        grid.setRowStretch(grid.rowCount(), 1)
        body = QWidget()
        body.setLayout(grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # values wrap instead

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.all_mine = QPushButton()
        self.all_theirs = QPushButton()
        self.cancel_button = QPushButton()
        self.save_button = QPushButton()
        for button in (self.all_mine, self.all_theirs, self.cancel_button):
            button.setAutoDefault(False)  # Enter confirms, whatever has the focus
        self.save_button.setDefault(True)
        self.all_mine.clicked.connect(lambda: self.choose_all(MINE))
        self.all_theirs.clicked.connect(lambda: self.choose_all(THEIRS))
        self.cancel_button.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.all_mine)
        buttons.addWidget(self.all_theirs)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.resize(880, 560)
        self.retranslate()
        self._update_state()
        self._focus_first()

    # ------------------------------------------------------------ building

    def _add_row(self, grid: QGridLayout, field: FieldConflict) -> None:
        row = grid.rowCount()
        if row > 1:
            line = QFrame()
            line.setFrameShape(QFrame.Shape.HLine)
            line.setFrameShadow(QFrame.Shadow.Sunken)
            grid.addWidget(line, row, 0, 1, 3)
            row += 1
        name = QLabel()
        name.setStyleSheet("font-weight: bold;")
        name.setWordWrap(True)
        name.setMinimumWidth(110)
        note = QLabel()
        note.setWordWrap(True)
        names = QVBoxLayout()
        names.addWidget(name)
        names.addWidget(note)
        names.addStretch(1)
        grid.addLayout(names, row, 0)

        group = QButtonGroup(self)
        group.setExclusive(True)
        buttons = []
        for column, (side, value) in enumerate(((MINE, field.mine), (THEIRS, field.theirs)), start=1):
            button = QRadioButton()
            button.setObjectName(f"{field.field}:{side}")
            group.addButton(button)
            buttons.append(button)
            shown = self._value_label(field.field, value)
            shown.setBuddy(button)
            cell = QVBoxLayout()
            cell.addWidget(button)
            cell.addWidget(shown)
            cell.addStretch(1)
            grid.addLayout(cell, row, column)
        if field.changed_by_me and field.changed_by_them:
            before = self._value_label(field.field, field.base, before=True)
            grid.addWidget(before, row + 1, 1, 1, 2)
        choice = default_choice(field)
        if choice is not None:
            buttons[0 if choice == MINE else 1].setChecked(True)
        group.buttonToggled.connect(lambda *_: self._update_state())
        self.rows[field.field] = _FieldRow(field, group, buttons[0], buttons[1], name, note)

    def _value_label(self, name: str, value: Any, *, before: bool = False) -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)  # archive text is never markup
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.setObjectName(f"{name}:{'base' if before else 'value'}")
        self._value_labels.append((label, name, value, before))
        return label

    # ------------------------------------------------------------ words

    def shown_value(self, name: str, value: Any) -> str:
        """A value as the form shows it: names of enumerated values, a list one item a line,
        yes/no, the record a key points to; "" for nothing."""
        if value is None or value == "":
            return ""
        if name in object_fields.LIST_FIELDS and isinstance(value, str):
            try:
                return object_fields.list_text(name, value)
            except (ValueError, KeyError):
                return value
        if isinstance(value, bool):
            return self.tr("yes") if value else self.tr("no")
        target = _FOREIGN_KEYS.get((self.record_type, name))
        if target is not None:
            return f"{naming.type_name(target)} #{value}"
        set_name = registry.set_of(self.record_type, name)
        if set_name and isinstance(value, str):
            return naming.value_name(set_name, value)
        return str(value)

    def retranslate(self) -> None:
        conflict = self.conflict
        label = registry.name(conflict.stored.record, naming.lang())  # 藏品 HY1944.0007 “军用水壶”
        who = conflict.changed_by or self.tr("another curator")
        when = local_time(conflict.changed_at) if conflict.changed_at else ""
        self.setWindowTitle(self.tr("Changed by someone else"))
        if when:
            text = self.tr("%1 was saved by %2 at %3 while you were editing it. Nothing of yours "
                           "has been saved yet: choose, for each field below, which version to keep.")
            text = text.replace("%3", when)
        else:
            text = self.tr("%1 was saved by %2 while you were editing it. Nothing of yours "
                           "has been saved yet: choose, for each field below, which version to keep.")
        self.intro.setText(text.replace("%1", label).replace("%2", who))
        self.yours_header.setText(self.tr("Yours (not saved)"))
        if when:
            self.theirs_header.setText(self.tr("Theirs (saved by %1 at %2)").replace("%1", who).replace("%2", when))
        else:
            self.theirs_header.setText(self.tr("Theirs (saved by %1)").replace("%1", who))
        for field_row in self.rows.values():
            field = field_row.field
            field_row.name.setText(naming.field_name(self.record_type, field.field))
            field_row.mine.setText(self.tr("Keep yours"))
            field_row.theirs.setText(self.tr("Keep theirs"))
            field_row.mine.setAccessibleName(self.tr("Keep yours: %1").replace("%1", field_row.name.text()))
            field_row.theirs.setAccessibleName(self.tr("Keep theirs: %1").replace("%1", field_row.name.text()))
            if field.changed_by_me and field.changed_by_them:
                field_row.note.setText(self.tr("changed by both of you: choose one"))
                field_row.note.setStyleSheet(NEEDS_CHOICE_STYLE)
            elif field.changed_by_them:
                field_row.note.setText(self.tr("changed by them"))
                field_row.note.setStyleSheet(MUTED_STYLE)
            else:
                field_row.note.setText(self.tr("changed by you"))
                field_row.note.setStyleSheet(MUTED_STYLE)
        for shown, name, value, before in self._value_labels:
            text = self.shown_value(name, value)
            if before:
                text = self.tr("Before either of you changed it: %1").replace(
                    "%1", text or self.tr("(empty)"))
                shown.setStyleSheet(MUTED_STYLE)
            elif not text:
                text = self.tr("(empty)")
                shown.setStyleSheet(MUTED_STYLE + " font-style: italic;")
            shown.setText(text)
        self.all_mine.setText(self.tr("Keep all &yours"))
        self.all_theirs.setText(self.tr("Keep all &theirs"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.save_button.setText(self.tr("&Save with these choices"))
        self._update_state()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ choosing

    def choice(self, name: str) -> str | None:
        row = self.rows[name]
        return MINE if row.mine.isChecked() else THEIRS if row.theirs.isChecked() else None

    def choose(self, name: str, side: str) -> None:
        row = self.rows[name]
        (row.mine if side == MINE else row.theirs).setChecked(True)

    def choose_all(self, side: str) -> None:
        for name in self.rows:
            self.choose(name, side)

    def unchosen(self) -> list[str]:
        """The fields still without a side (those both curators changed, until chosen)."""
        return [name for name in self.rows if self.choice(name) is None]

    def choices(self) -> dict[str, str]:
        """{field: "mine" | "theirs"} for every field, as resolve() takes them."""
        missing = self.unchosen()
        if missing:
            raise ValueError(f"no side chosen for {', '.join(missing)}")
        return {name: choice for name in self.rows if (choice := self.choice(name)) is not None}

    def resolved(self) -> Record:
        """The record to save against conflict.stored: resolve() with the choices made."""
        return resolve(self.conflict, self.choices())

    def _update_state(self) -> None:
        if not hasattr(self, "save_button"):
            return  # still building
        missing = len(self.unchosen())
        self.save_button.setEnabled(missing == 0)
        if missing:
            self.status.setText(self.tr("Choose yours or theirs for %n field(s) you both changed.", "", missing))
            self.status.setStyleSheet(NEEDS_CHOICE_STYLE)
        else:
            self.status.setText(self.tr("Every field has a version; save to keep these choices."))
            self.status.setStyleSheet("")

    def _focus_first(self) -> None:
        """The first field still to choose, else the confirm button (Enter saves)."""
        for name in self.unchosen():
            self.rows[name].mine.setFocus()
            return
        self.save_button.setFocus()

    def accept(self) -> None:
        if self.unchosen():
            return  # Enter with a choice missing: the status line says what is left
        super().accept()


def ask_resolution(conflict: Conflict, parent: QWidget | None = None,
                   record_type: str | None = None) -> dict[str, str] | None:
    """Show the dialog; the choices for resolve(), or None when the curator cancelled."""
    dialog = ConflictDialog(conflict, record_type, parent)
    try:
        return dialog.choices() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
