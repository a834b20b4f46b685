"""A record's change history (who changed what, when) and, for objects, where it has been.

HistoryView lists services.history for one record, newest first, with the
changed fields of each step spelled out ("Name (English): Helmet → German helmet").
Actions, fields and the values of enumerated fields (a vocabulary term, a
person's side) are named by exhibit.names in the window's language.
MovementsView lists an object's movements and records a new one as an
undoable step (ui.curator.commands.records.record_movement).
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDateTime, QEvent, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exhibit import names as registry
from exhibit import services, vocab
from exhibit.archive import Archive
from exhibit.dates import format_range, read_date
from exhibit.errors import DateError, ExhibitError, ValidationError
from exhibit.records import HistoryEntry, record_class
from ui.common import naming
from ui.common.events import events
from ui.common.plaintext import tip
from ui.common.problems import error_text, problem_texts
from ui.curator.commands import records as record_commands
from ui.curator.editor.forms import ERROR_STYLE, NOTE_STYLE, form_rows

VALUE_WIDTH = 60  # characters of a value shown in a diff before "…"
# Bookkeeping that changes with every edit, and columns derived from a date text.
_NOT_SHOWN = {"modified", "created", "id"}


def action_label(action: str) -> str:
    """创建 / Created for 'create'; an action this program does not name shows as written."""
    return naming.value_name("history_action", action)


def _short(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    text = " ".join(str(value).split())  # one line: paragraphs become spaces
    return text if len(text) <= VALUE_WIDTH else text[:VALUE_WIDTH - 1] + "…"


def _hidden(record_type: str, name: str) -> bool:
    if name in _NOT_SHOWN:
        return True
    try:
        cls = record_class(record_type)
    except ExhibitError:
        return False
    return any(name in pair for pair in cls.DATES.values())


def describe_change(entry: HistoryEntry, archive: Archive | None = None) -> str:
    """The fields a history step changed, one per line: 'Label: before → after'.

    Fields come in the form's order and are named in the window's language. A value from
    a set (a person's side) shows by its name; with `archive`, so do the terms an
    archive added to its vocabularies.
    """
    known = _known(entry.record_type)
    order = {n: i for i, n in enumerate(n for row in form_rows(entry.record_type) for n in row.names)} \
        if known else {}
    cls = record_class(entry.record_type) if known else None

    def label(name: str) -> str:
        return naming.field_name(entry.record_type, name) if known else name

    def value(name: str, raw: Any) -> str:
        set_name = registry.set_of(entry.record_type, name) if known else None
        if set_name and raw and isinstance(raw, str):
            if archive is not None and cls is not None and name in cls.VOCAB:
                raw = vocab.label(archive.db, set_name, raw, naming.lang())
            else:
                raw = naming.value_name(set_name, raw)
        return _short(raw)

    before, after = entry.before or {}, entry.after or {}
    names = sorted(dict.fromkeys([*before, *after]), key=lambda n: (order.get(n, len(order)), n))
    lines = []
    if entry.before is None or entry.after is None:  # created, restored, deleted: the values it had
        values = after if entry.after is not None else before
        for name in names:
            if values.get(name) not in ("", None, 0, False) and not _hidden(entry.record_type, name) \
                    and name != "is_sample":
                lines.append(f"{label(name)}: {value(name, values[name])}")
        return "\n".join(lines)
    for name in names:
        if _hidden(entry.record_type, name) or before.get(name) == after.get(name):
            continue
        lines.append(f"{label(name)}: {value(name, before.get(name))} → {value(name, after.get(name))}")
    return "\n".join(lines)


def _known(record_type: str) -> bool:
    try:
        record_class(record_type)
        return True
    except ExhibitError:
        return False


def _local_time(at: str) -> str:
    stamp = QDateTime.fromString(at, Qt.DateFormat.ISODate)
    return stamp.toLocalTime().toString("yyyy-MM-dd HH:mm") if stamp.isValid() else at


class HistoryView(QWidget):
    """The history of one record, newest first; for an object, its movements below."""

    def __init__(self, archive: Archive, stack: QUndoStack, record_type: str | None = None,
                 record_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive, self.stack = archive, stack
        self.record_type, self.record_id = record_type, record_id
        self.heading = QLabel()
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.heading.setBuddy(self.tree)
        self.movements = MovementsView(archive, stack)
        self.movements_box = QGroupBox()
        box_layout = QVBoxLayout(self.movements_box)
        box_layout.addWidget(self.movements)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.movements_box, 2)
        events().records_changed.connect(self._on_changed)
        events().record_deleted.connect(self._on_deleted)
        self._connected = True
        self.retranslate()
        self.set_record(record_type, record_id)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Change history"))
        self.tree.setHeaderLabels([self.tr("When"), self.tr("Who"), self.tr("Action"), self.tr("Changes")])
        self.tree.setAccessibleName(self.tr("Change history"))
        self.movements_box.setTitle(self.tr("Movements"))
        if getattr(self, "_connected", True):  # not once closed: the archive may be gone
            self.refresh()  # actions, fields and values are named in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_record(self, record_type: str | None, record_id: int | None) -> None:
        self.record_type, self.record_id = record_type, record_id
        is_object = record_type == "object" and record_id is not None
        self.movements_box.setVisible(is_object)
        self.movements.set_object(record_id if is_object else None)
        self.refresh()

    def entries(self) -> list[HistoryEntry]:
        if self.record_type is None or self.record_id is None:
            return []
        return services.history(self.archive, self.record_type, self.record_id)

    def refresh(self) -> None:
        self.tree.clear()
        for entry in self.entries():
            item = QTreeWidgetItem([_local_time(entry.at), entry.who, action_label(entry.action),
                                    describe_change(entry, self.archive)])
            item.setToolTip(0, tip(entry.at))
            for col in range(4):  # a long diff: when/who/what stay by its first line
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.tree.addTopLevelItem(item)

    def row_texts(self) -> list[list[str]]:
        """What the table shows, row by row (for tests and the window's status)."""
        return [[self.tree.topLevelItem(r).text(c) for c in range(4)]
                for r in range(self.tree.topLevelItemCount())]

    def _on_changed(self, record_type: str, ids: list) -> None:
        if record_type == self.record_type and (not ids or self.record_id in ids):
            self.refresh()

    def _on_deleted(self, record_type: str, record_id: int) -> None:
        if (record_type, record_id) == (self.record_type, self.record_id):
            self.refresh()  # the delete is the newest row

    def closeEvent(self, event) -> None:
        self.disconnect_events()
        self.movements.disconnect_events()
        super().closeEvent(event)

    def disconnect_events(self) -> None:
        if self._connected:
            events().records_changed.disconnect(self._on_changed)
            events().record_deleted.disconnect(self._on_deleted)
            self._connected = False


class MovementsView(QWidget):
    """Where an object has been, and a small form to record where it goes next."""

    def __init__(self, archive: Archive, stack: QUndoStack, object_id: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive, self.stack, self.object_id = archive, stack, object_id
        self.tree = QTreeWidget()
        self.tree.setColumnCount(4)
        self.tree.setRootIsDecorated(False)
        for col in range(3):
            self.tree.header().setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        self.tree.setMinimumHeight(100)

        self.location_label, self.date_label, self.reason_label = QLabel(), QLabel(), QLabel()
        self.location_edit, self.date_edit, self.reason_edit = QLineEdit(), QLineEdit(), QLineEdit()
        self.date_preview = QLabel()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.record_button = QPushButton()
        self.record_button.setMinimumHeight(32)
        self.record_button.setEnabled(False)
        for label, edit in ((self.location_label, self.location_edit), (self.date_label, self.date_edit),
                            (self.reason_label, self.reason_edit)):
            label.setBuddy(edit)
            edit.returnPressed.connect(self.record_movement)
        self.location_edit.textChanged.connect(self._update_enabled)
        self.date_edit.textChanged.connect(self._update_preview)
        self.record_button.clicked.connect(self.record_movement)

        form = QGridLayout()
        form.addWidget(self.location_label, 0, 0)
        form.addWidget(self.location_edit, 0, 1, 1, 2)
        form.addWidget(self.date_label, 1, 0)
        form.addWidget(self.date_edit, 1, 1)
        form.addWidget(self.date_preview, 1, 2)
        form.addWidget(self.reason_label, 2, 0)
        form.addWidget(self.reason_edit, 2, 1, 1, 2)
        form.addWidget(self.record_button, 3, 2, Qt.AlignmentFlag.AlignRight)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(2, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.message)
        layout.addLayout(form)
        QWidget.setTabOrder(self.location_edit, self.date_edit)
        QWidget.setTabOrder(self.date_edit, self.reason_edit)
        QWidget.setTabOrder(self.reason_edit, self.record_button)

        events().records_changed.connect(self._on_changed)
        self._connected = True
        self.retranslate()
        self.set_object(object_id)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([naming.field_name("movement", n)
                                   for n in ("moved_at", "location", "reason", "moved_by")])
        self.tree.setAccessibleName(self.tr("Movements"))
        self.location_label.setText(self.tr("New location"))
        self.date_label.setText(naming.field_name("movement", "moved_at"))
        self.reason_label.setText(naming.field_name("movement", "reason"))
        self.location_edit.setAccessibleName(self.tr("New location"))
        self.date_edit.setAccessibleName(self.tr("Date of the movement"))
        self.date_edit.setPlaceholderText(self.tr("e.g. 2025-03-14 or 2025年3月"))
        self.reason_edit.setAccessibleName(self.tr("Reason for the movement"))
        self.record_button.setText(self.tr("Record movement"))
        self.record_button.setAccessibleName(self.tr("Record movement"))
        self._update_preview()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_object(self, object_id: int | None) -> None:
        self.object_id = object_id
        self.message.hide()
        self.refresh()
        self._update_enabled()

    def refresh(self) -> None:
        self.tree.clear()
        if self.object_id is None:
            return
        for m in services.movements(self.archive, self.object_id):
            self.tree.addTopLevelItem(QTreeWidgetItem([m.moved_at or (m.created or "")[:10], m.location,
                                                       m.reason, m.moved_by]))

    def row_texts(self) -> list[list[str]]:
        return [[self.tree.topLevelItem(r).text(c) for c in range(4)]
                for r in range(self.tree.topLevelItemCount())]

    def _update_enabled(self) -> None:
        self.record_button.setEnabled(self.object_id is not None and bool(self.location_edit.text().strip()))

    def _update_preview(self) -> None:
        try:
            reading = read_date(self.date_edit.text())
        except DateError as exc:  # a date that cannot exist: in red
            self.date_preview.setStyleSheet(ERROR_STYLE)
            self.date_preview.setText(error_text(exc, "movement"))
            return
        parsed = reading.range
        if reading.warning:  # kept as written when recorded: a note, not an error
            self.date_preview.setStyleSheet(NOTE_STYLE)
            self.date_preview.setText(self.tr("Not read as a date: it is kept as written."))
            return
        self.date_preview.setStyleSheet("")
        self.date_preview.setText(f"→ {format_range(parsed, 'zh')} · {format_range(parsed, 'en')}"
                                  if parsed.start else "")

    def record_movement(self) -> bool:
        if not self.record_button.isEnabled():
            return False
        try:
            record_commands.record_movement(self.stack, self.archive, self.object_id,
                                            self.location_edit.text(), self.date_edit.text(),
                                            self.reason_edit.text())
        except ValidationError as exc:
            self._show_message("\n".join(problem_texts(exc.problems, "movement")))
            return False
        except ExhibitError as exc:
            self._show_message(error_text(exc, "movement"))
            return False
        self.message.hide()
        for edit in (self.location_edit, self.date_edit, self.reason_edit):
            edit.clear()
        self.refresh()
        return True

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def _on_changed(self, record_type: str, ids: list) -> None:
        if record_type in ("movement", "object") and self.object_id is not None:
            self.refresh()

    def closeEvent(self, event) -> None:
        self.disconnect_events()
        super().closeEvent(event)

    def disconnect_events(self) -> None:
        if self._connected:
            events().records_changed.disconnect(self._on_changed)
            self._connected = False
