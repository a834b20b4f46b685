"""The record form: edit any record type, validated as the curator types, saved as one undo step.

The form is built from the record's dataclass fields. FORM_FIELDS below
decides, per type, the order of the rows; every label is the field's name in
the registry `exhibit.names`, in the window's language, so the form, the
list and the import wizard say the same word. A field whose values come from
a set (a vocabulary, a person's side, a source's kind) is a choice list that
shows each value's name and stores its code. A bilingual pair
(`name_zh`/`name_en`) is one row with the Chinese and English side by side.
Fields the table does not list still appear, after the listed ones, so a
field added to a record type is never silently uneditable.

Validation runs through `services.validate` (which only reads) a moment after
the curator stops typing; each problem is shown next to the field it names.
Saving goes through `ui.curator.commands.records`, so it is one undo step.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, replace
from functools import lru_cache
from typing import Any, Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDoubleValidator, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from exhibit import dimensions, object_fields, services, vocab
from exhibit import names as registry
from exhibit.archive import Archive
from exhibit.conflicts import Conflict, resolve
from exhibit.dates import format_range, read_date
from exhibit.errors import DateError, ExhibitError, NotFoundError, ValidationError
from exhibit.problems import Problem
from exhibit.records import LONG_FIELDS, Record, record_class
from ui.common import naming, typefaces
from ui.common.events import events
from ui.common.problems import error_text, problem_text
from ui.curator.commands import records as record_commands

ERROR_STYLE = "color: #b00020;"
# A note, not an error: the record can still be saved (a date text kept as written).
NOTE_STYLE = "color: #7a5c00;"

# Per record type: the rows, in order (a field, or the base of a _zh/_en pair).
# Only order and layout live here: every label is the field's name in
# exhibit.names, shown in the window's language (ui.common.naming).
FORM_FIELDS: dict[str, tuple[str, ...]] = {
    "object": ("accession", "record_status", "name", "object_name", "category", "date_text", "makers",
               "production_place", "technique", "material", "medium", "dimensions", "weight",
               "measurements", "condition", "grade", "acquisition", "acquisition_date", "credit",
               "rights", "location", "status", "label", "description", "inscription", "other_numbers",
               "external_links"),
    "media": ("caption", "creator", "date_text", "rights", "is_illustration", "original_name", "format",
              "mime", "width", "height", "size_bytes", "exif_date", "camera", "sha256", "path"),
    "section": ("code", "title", "intro", "position"),
    "panel": ("code", "section_id", "title", "subtitle", "lead", "label", "body", "position"),
    "person": ("key", "name", "side", "born", "died", "role", "bio"),
    "place": ("key", "name", "lat", "lon", "coord_basis", "description"),
    "event": ("key", "date_text", "title", "place_id", "description"),
    "source": ("key", "kind", "title", "author", "publisher", "year", "url", "reliability"),
    "citation": ("record_type", "record_id", "source_id", "page", "note"),
    "movement": ("object_id", "location", "moved_at", "reason", "moved_by"),
}
# Every type ends with these, read-only.
COMMON_FIELDS: tuple[str, ...] = ("id", "is_sample", "created", "modified")

# Facts about the file or the row, not curatorial choices: shown, never edited.
READ_ONLY: dict[str, frozenset[str]] = {
    "media": frozenset({"sha256", "path", "original_name", "format", "mime", "width", "height",
                        "size_bytes", "exif_date", "camera"}),
    # A citation belongs to the record it was made on; moving it elsewhere is a new citation.
    "citation": frozenset({"record_type", "record_id"}),
    # Read from the dimension and weight texts on every save.
    "object": frozenset({"measurements"}),
}
# An object's lists (JSON in the archive, exhibit.object_fields) are edited as the text a
# curator would type, one item per line: `薛岳 / Xue Yue [xue-yue] (issuer)`.
LIST_FIELDS = frozenset(object_fields.LIST_FIELDS)
ALWAYS_READ_ONLY = frozenset({"id", "is_sample", "created", "modified"})
FOREIGN_KEYS: dict[tuple[str, str], str] = {
    ("panel", "section_id"): "section", ("event", "place_id"): "place",
    ("movement", "object_id"): "object", ("citation", "source_id"): "source",
}
def type_name(record_type: str) -> str:
    """The record type's name in the window's language (exhibit.names)."""
    return naming.type_name(record_type)


@dataclass(frozen=True)
class Row:
    """One line of the form: a single field, or a Chinese/English pair."""
    key: str                 # field name, or pair prefix ("name" for name_zh/name_en)
    kind: str                # pair, long_pair, text, long, vocab, date, fk, bool, int, float, readonly
    names: tuple[str, ...]   # the dataclass fields it edits (two for a pair)

    def label(self, record_type: str) -> str:
        """The row's label in the window's language: the field's (or the pair's) name."""
        return naming.field_name(record_type, self.key)


def _kind_of(cls: type[Record], name: str) -> str:
    if name in ALWAYS_READ_ONLY or name in READ_ONLY.get(cls.TYPE, ()):
        return "readonly"
    if (cls.TYPE, name) in FOREIGN_KEYS:
        return "fk"
    if registry.set_of(cls.TYPE, name):  # a vocabulary, or a set named in exhibit.names
        return "vocab"
    if name in cls.DATES:
        return "date"
    if name in LONG_FIELDS:
        return "long"
    annotation = str(next(f.type for f in fields(cls) if f.name == name))
    for python_type in ("bool", "float", "int"):
        if python_type in annotation:
            return python_type
    return "text"


@lru_cache(maxsize=None)
def form_rows(record_type: str) -> tuple[Row, ...]:
    """The rows of the form for a record type, in display order."""
    cls = record_class(record_type)
    names = [f.name for f in fields(cls)]
    derived = {column for pair in cls.DATES.values() for column in pair}  # filled in from the date text
    rows: list[Row] = []
    seen: set[str] = set()

    def add(key: str) -> None:
        pair = (f"{key}_zh", f"{key}_en")
        if key not in names and all(n in names for n in pair):
            rows.append(Row(key, "long_pair" if pair[0] in LONG_FIELDS else "pair", pair))
            seen.update(pair)
        elif key in names:
            rows.append(Row(key, _kind_of(cls, key), (key,)))
            seen.add(key)

    for key in FORM_FIELDS.get(record_type, ()):
        add(key)
    for name in names:  # fields the table does not list yet
        if name in seen or name in derived or name in ALWAYS_READ_ONLY:
            continue
        add(name[:-3] if name.endswith(("_zh", "_en")) else name)
    for key in COMMON_FIELDS:
        add(key)
    return tuple(rows)


def problem_row(record_type: str, problem: Problem | str) -> str | None:
    """Which row a problem is about: the row of the field it names (None: the message area)."""
    field = problem.field if isinstance(problem, Problem) else None
    if field is None:
        return None
    for row in form_rows(record_type):
        if field == row.key or field in row.names:  # a pair's row has its base as key ("name")
            return row.key
    return None


def _ask_resolution(conflict: Conflict, parent: QWidget) -> dict[str, str] | None:
    from ui.curator.conflict_dialog import ask_resolution

    return ask_resolution(conflict, parent)


def ask_unsaved_changes(parent: QWidget, title: str, text: str) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel. Tests replace RecordForm.ask with their own answer."""
    buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
               | QMessageBox.StandardButton.Cancel)
    return QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.Save)


# ---------------------------------------------------------------- editors

class _Editor:
    """A field's widget with typed get/set, so the form treats every kind alike."""

    def __init__(self, widget: QWidget, get: Callable[[], Any], set_: Callable[[Any], None],
                 changed: Any, refill: Callable[[], None] | None = None) -> None:
        self.widget, self.get, self.set = widget, get, set_
        self.changed = changed  # a signal, or None for read-only
        self.refill = refill    # a choice list: re-read its choices, keeping the current one


def _line_edit() -> _Editor:
    w = QLineEdit()

    def set_(value: Any) -> None:
        w.setText("" if value is None else str(value))
        w.setCursorPosition(0)  # a loaded name that is wider than its box reads from its start
    return _Editor(w, w.text, set_, w.textChanged)


def _plain_edit() -> _Editor:
    w = QPlainTextEdit()
    w.setTabChangesFocus(True)  # Tab moves on; a curator types paragraphs with Enter
    w.setMinimumHeight(90)
    return _Editor(w, w.toPlainText, lambda v: w.setPlainText(v or ""), w.textChanged)


def _list_edit(name: str) -> _Editor:
    """A list field shown one item per line as typed; a save stores it as JSON."""
    editor = _plain_edit()
    plain_set = editor.set

    def set_(value: Any) -> None:
        try:
            plain_set(object_fields.list_text(name, value or ""))
        except object_fields.FieldFormatError:
            plain_set(value or "")      # shown as stored, so nothing is lost
    editor.set = set_
    editor.widget.setMaximumHeight(90)
    return editor


def _check_box() -> _Editor:
    w = QCheckBox()
    return _Editor(w, w.isChecked, lambda v: w.setChecked(bool(v)), w.toggled)


def _spin_box() -> _Editor:
    w = QSpinBox()
    w.setRange(-1_000_000, 1_000_000)
    return _Editor(w, w.value, lambda v: w.setValue(int(v or 0)), w.valueChanged)


def _combo(choices: Callable[[], list[tuple[str, Any]]], empty: Any) -> _Editor:
    """A choice list; a stored value that is not among the choices is kept, shown as is."""
    w = QComboBox()
    w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    w.setMinimumContentsLength(20)

    def fill(current: Any) -> None:
        w.blockSignals(True)
        w.clear()
        w.addItem("", empty)
        for text, value in choices():
            w.addItem(text, value)
        if current not in (None, empty, "") and w.findData(current) < 0:
            w.addItem(str(current), current)
        w.setCurrentIndex(max(w.findData(current), 0))
        w.blockSignals(False)

    def get() -> Any:
        value = w.currentData()
        return empty if value is None else value

    return _Editor(w, get, fill, w.currentIndexChanged, refill=lambda: fill(get()))


class _FloatEditor(_Editor):
    """Latitude/longitude: empty is None; text that is no number is reported, not saved."""

    def __init__(self) -> None:
        w = QLineEdit()
        validator = QDoubleValidator(w)
        validator.setNotation(QDoubleValidator.Notation.StandardNotation)
        w.setValidator(validator)
        super().__init__(w, self._get, lambda v: w.setText("" if v is None else repr(float(v))),
                         w.textChanged)
        self._w = w

    def _get(self) -> float | None | str:
        text = self._w.text().strip()
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            return text  # the form reports it as not a number


def _choice_text(record: Record) -> str:
    ident = getattr(record, record.IDENT, "") if record.IDENT else ""
    titles = " / ".join(dict.fromkeys(t for t in record.title_pair() if t))
    return " ".join(p for p in (str(ident or ""), titles) if p) or f"#{record.id}"


# ---------------------------------------------------------------- the form

class RecordForm(QWidget):
    """Edit one record (or a new one) of any type. Save = one undo step on `stack`."""

    dirtyChanged = Signal(bool)
    saved = Signal(object)     # the stored Record
    draftChanged = Signal(object)  # the unsaved record as shown, on every edit (live previews)
    VALIDATE_DELAY_MS = 350

    # Injectable for tests: (parent, title, text) -> Save, Discard or Cancel.
    ask: Callable[[QWidget, str, str], QMessageBox.StandardButton] = staticmethod(ask_unsaved_changes)
    # The record changed since it was opened (another curator, another form): the curator
    # chooses per field (ui/curator/conflict_dialog.py). Tests replace it with their own choice.
    choose: Callable[[Conflict, QWidget], dict[str, str] | None] = staticmethod(_ask_resolution)

    def __init__(self, archive: Archive, stack: QUndoStack, record: Record | None = None,
                 record_type: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if record is None:
            record = record_class(record_type or "object")()
        self.archive, self.stack = archive, stack
        self.record_type = record.TYPE
        self._record = record
        self._rows = form_rows(self.record_type)
        self._editors: dict[str, _Editor] = {}
        self._labels: dict[str, QLabel] = {}
        self._problem_labels: dict[str, QLabel] = {}
        self._date_previews: dict[str, QLabel] = {}
        self._loaded: dict[str, Any] = {}
        self._dirty = False
        self._loading = False
        self._saving = False
        self._deleted = False
        self._changed_elsewhere = False
        self._message = ""          # what the message area shows
        self._general_problems: list[str] = []  # problems that name no field, as shown
        self._shown_problems: list[Problem | str] = []
        self._problems: dict[str, list[str]] = {}  # by row key

        self._validate_timer = QTimer(self, singleShot=True, interval=self.VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)

        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title_label.setFont(font)
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()

        self.grid = QGridLayout()
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.zh_header, self.en_header = QLabel(), QLabel()
        for col, header in ((1, self.zh_header), (2, self.en_header)):
            header.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(header, 0, col)
        self._build_rows()
        # Extra height goes below the last row, not into one text box.
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        if not any(len(row.names) == 2 for row in self._rows):
            self.zh_header.hide()  # no bilingual pair (a citation): no language columns
            self.en_header.hide()
        body = QWidget()
        body.setLayout(self.grid)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        self.save_button = QPushButton()
        self.revert_button = QPushButton()
        for button in (self.save_button, self.revert_button):
            button.setMinimumHeight(32)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.save_action = QAction(self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_action.triggered.connect(self.save)
        self.addAction(self.save_action)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.message_label)
        # An image record shows its picture above its fields, not only its file's SHA-256.
        self.picture = None
        if self.record_type == "media":
            from ui.curator.editor.image_pane import ImagePane

            self.picture = ImagePane(archive.media_root, open_button=True)
            self.picture.open_requested.connect(self._open_picture)
            self._viewer = None
            split = QSplitter(Qt.Orientation.Vertical)
            split.setObjectName("pictureSplit")
            split.addWidget(self.picture)
            split.addWidget(scroll)
            split.setStretchFactor(0, 3)
            split.setStretchFactor(1, 2)
            split.setChildrenCollapsible(False)
            layout.addWidget(split, 1)
        else:
            layout.addWidget(scroll, 1)
        layout.addLayout(buttons)
        self._set_tab_order()

        hub = events()
        hub.record_deleted.connect(self._on_record_deleted)
        hub.records_changed.connect(self._on_records_changed)
        self._connected = True
        self.retranslate()
        self.load(record)

    # ------------------------------------------------------------ building

    def _make_editor(self, row: Row, name: str) -> _Editor:
        if name in LIST_FIELDS:
            return _list_edit(name)
        if row.kind in ("long", "long_pair"):
            return _plain_edit()
        if row.kind == "vocab":
            return _combo(lambda: self._value_choices(name), "")
        if row.kind == "fk":
            target = FOREIGN_KEYS[(self.record_type, name)]
            default = next(f.default for f in fields(record_class(self.record_type)) if f.name == name)
            return _combo(lambda: [(_choice_text(r), r.id)
                                   for r in services.list_records(self.archive, target)], default)
        if row.kind == "bool":
            return _check_box()
        if row.kind == "int":
            return _spin_box()
        if row.kind == "float":
            return _FloatEditor()
        editor = _line_edit()
        if row.kind == "readonly":
            # Selectable (and in the tab order, for screen readers) but plainly not an input.
            editor.widget.setReadOnly(True)
            editor.widget.setFrame(False)
            editor.widget.setStyleSheet("background: transparent;")
            editor.changed = None
        return editor

    def _value_choices(self, name: str) -> list[tuple[str, str]]:
        """(shown name, stored code) of a field's values, named in the window's language.

        A vocabulary is read from the archive (it may hold terms of its own); the
        other sets (a person's side, a place's coordinate basis, a source's kind)
        are the ones exhibit.names ships.
        """
        vocab_name = record_class(self.record_type).VOCAB.get(name)
        if vocab_name:
            return [(naming.term_name(t), t.code) for t in vocab.terms(self.archive.db, vocab_name)]
        set_name = registry.set_of(self.record_type, name) or ""
        return [(naming.value_name(set_name, v.code), v.code) for v in registry.values(set_name)]

    def _build_rows(self) -> None:
        for number, row in enumerate(self._rows):
            grid_row = 1 + 2 * number
            label = QLabel()
            # Long text: the label sits by the first line; otherwise level with the field.
            vertical = Qt.AlignmentFlag.AlignTop if row.kind in ("long", "long_pair") \
                else Qt.AlignmentFlag.AlignVCenter
            label.setAlignment(Qt.AlignmentFlag.AlignRight | vertical)
            self.grid.addWidget(label, grid_row, 0)
            self._labels[row.key] = label
            for col, name in enumerate(row.names, start=1):
                editor = self._make_editor(row, name)
                if len(row.names) == 2:
                    # A pair's halves are in known languages: the Chinese in the CJK-first family
                    # order (full-width “” and ——), the English Latin-first (narrow quotes and
                    # apostrophes), whatever the window's language (ui.common.typefaces).
                    editor.widget.setFont(typefaces.font_for(name.rsplit("_", 1)[1]))
                self._editors[name] = editor
                span = 1 if (len(row.names) == 2 or row.kind == "date") else 2
                self.grid.addWidget(editor.widget, grid_row, col, 1, span)
                if editor.changed is not None:
                    editor.changed.connect(lambda *_, n=name: self._on_edited(n))
            label.setBuddy(self._editors[row.names[0]].widget)
            if row.kind == "date":
                preview = QLabel()
                preview.setWordWrap(True)
                preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.grid.addWidget(preview, grid_row, 2)
                self._date_previews[row.key] = preview
            problem = QLabel()
            problem.setWordWrap(True)
            problem.setStyleSheet(ERROR_STYLE)
            problem.hide()
            self.grid.addWidget(problem, grid_row + 1, 1, 1, 2)
            self._problem_labels[row.key] = problem

    def _set_tab_order(self) -> None:
        chain = [self._editors[n].widget for row in self._rows for n in row.names]
        chain += [self.revert_button, self.save_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------ language

    def retranslate(self) -> None:
        self.zh_header.setText(self.tr("中文"))
        self.en_header.setText(self.tr("English"))
        self.save_button.setText(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save the record"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.revert_button.setText(self.tr("Revert"))
        self.revert_button.setAccessibleName(self.tr("Revert to the saved record"))
        self.save_action.setText(self.tr("Save"))
        for row in self._rows:
            label = row.label(self.record_type)
            self._labels[row.key].setText(label)
            for name in row.names:  # a pair's halves are heard as 名称（中文） / Name (Chinese)
                self._editors[name].widget.setAccessibleName(naming.field_name(self.record_type, name))
            # The values' names follow the language too (read from the archive: not once
            # the form let go of it, closed or with the archive closing).
            if row.kind == "vocab" and self._connected:
                self._refill(row.key)
            elif row.kind == "readonly" and self._connected:
                self._show_read_only(row.key)
            if row.key in self._date_previews:
                self._date_previews[row.key].setAccessibleName(
                    self.tr("%1 as understood").replace("%1", label))
                self._update_date_preview(row.key)
            self._problem_labels[row.key].setAccessibleName(self.tr("Problem with %1").replace("%1", label))
        self.message_label.setAccessibleName(self.tr("Messages"))
        self._update_title()
        self._show_problems(self._shown_problems)  # in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _refill(self, name: str) -> None:
        """Re-read a choice list, keeping its value and the form's dirtiness."""
        editor = self._editors[name]
        if editor.refill is None:
            return
        loading, self._loading = self._loading, True
        try:
            editor.refill()
        finally:
            self._loading = loading

    def _update_title(self) -> None:
        kind = type_name(self.record_type)
        if self._record.id is None:
            self.title_label.setText(self.tr("New %1").replace("%1", kind.lower()))
        else:
            ident = getattr(self._record, self._record.IDENT, "") if self._record.IDENT else ""
            titles = " / ".join(dict.fromkeys(t for t in self._record.title_pair() if t))
            if self.picture is not None:
                titles = ""  # an image's captions are sentences: they show under its picture
            parts = [kind, str(ident or f"#{self._record.id}"), titles]
            self.title_label.setText(" ".join(p for p in parts if p))

    # ------------------------------------------------------------ values

    @property
    def record(self) -> Record:
        """The record as last loaded or saved (not the unsaved edits: see draft())."""
        return self._record

    def _values(self) -> dict[str, Any]:
        return {name: e.get() for name, e in self._editors.items() if e.changed is not None}

    def draft(self) -> Record:
        """The record as the form shows it now."""
        return replace(self._record, **self._values())

    def load(self, record: Record) -> None:
        """Show `record`; it becomes what Revert goes back to. Clears problems and dirtiness."""
        self._loading = True
        try:
            self._record = record
            for name, editor in self._editors.items():
                if editor.changed is None:
                    self._show_read_only(name)
                else:
                    editor.set(getattr(record, name))
            self._loaded = self._values()
        finally:
            self._loading = False
        for key in self._date_previews:
            self._update_date_preview(key)
        self._changed_elsewhere = False
        self._show_problems([])
        self._update_title()
        self._set_dirty(False)
        if self.picture is not None:
            self.picture.set_media(record if record.id is not None else None)  # type: ignore[arg-type]

    def _open_picture(self) -> None:
        """The picture pane's Open…: the image viewer (original file, 100 %, both captions)."""
        from ui.curator.editor.viewer import ImageViewer

        if self._record.id is None:
            return
        if self._viewer is not None:
            self._viewer.close()
            self._viewer.deleteLater()
        self._viewer = ImageViewer(self.archive, self._record, parent=self)  # type: ignore[arg-type]
        self._viewer.setWindowFlag(Qt.WindowType.Window, True)
        self._viewer.show()

    def _show_read_only(self, name: str) -> None:
        """A read-only field as the window's language says it (it never makes the form dirty)."""
        record, editor = self._record, self._editors[name]
        set_name = registry.set_of(self.record_type, name)
        if name == "record_id" and self.record_type == "citation":
            editor.set(self._cited_label(record))
        elif set_name:  # a citation's record type: its name, not its code
            editor.set(naming.value_name(set_name, getattr(record, name)))
        elif name == "is_sample":
            editor.set(self.tr("yes") if record.is_sample else self.tr("no"))
        elif name == "measurements":
            try:
                editor.set(dimensions.describe(dimensions.from_json(record.measurements), naming.lang()))
            except ValueError:
                editor.set(record.measurements)
        else:
            editor.set(getattr(record, name))

    def _cited_label(self, record: Record) -> str:
        try:
            cited = services.get(self.archive, record.record_type, record.record_id)
            return registry.name(cited, naming.lang())  # 藏品 HY1944.0001 “军用水壶”
        except ExhibitError:
            return f"{naming.type_name(record.record_type)} #{record.record_id}" if record.record_type else ""

    @property
    def dirty(self) -> bool:
        return self._dirty

    def _set_dirty(self, dirty: bool) -> None:
        changed = dirty != self._dirty
        self._dirty = dirty
        self._update_enabled()
        if changed:
            self.dirtyChanged.emit(dirty)

    def _update_enabled(self) -> None:
        can_save = self._dirty and not self._deleted
        self.save_button.setEnabled(can_save)
        self.save_action.setEnabled(not self._deleted)
        self.revert_button.setEnabled(self._dirty)

    def _on_edited(self, name: str) -> None:
        if self._loading:
            return
        for row in self._rows:
            if name in row.names and row.key in self._date_previews:
                self._update_date_preview(row.key)
        self._set_dirty(self._values() != self._loaded)
        if not self._deleted:
            self._validate_timer.start()
        self.draftChanged.emit(self.draft())

    # ------------------------------------------------------------ dates

    def _update_date_preview(self, key: str) -> None:
        preview = self._date_previews[key]
        text = self._editors[key].get()
        try:
            reading = read_date(text)
        except DateError as exc:  # a date that cannot exist (month 13): a typo to fix, in red
            preview.setStyleSheet(ERROR_STYLE)
            preview.setText(error_text(exc, self.record_type))
            preview.setToolTip("")
            return
        parsed = reading.range
        if reading.warning:
            # Not read as a date: saving keeps the text as written, so a note, not an error.
            preview.setStyleSheet(NOTE_STYLE)
            preview.setText(self.tr("Not read as a date: it is kept as written, without a date range "
                                    "for sorting and the timeline."))
            preview.setToolTip(problem_text(reading.problem, self.record_type) if reading.problem else "")
            return
        preview.setStyleSheet("")
        preview.setToolTip("")
        if parsed.start is None:
            preview.setText("")
            return
        span = parsed.start if parsed.start == parsed.end else f"{parsed.start} – {parsed.end}"
        preview.setText(f"→ {format_range(parsed, 'zh')} · {format_range(parsed, 'en')} ({span})")

    # ------------------------------------------------------------ validation

    def _local_problems(self) -> list[Problem]:
        """What the form itself can tell before asking the archive (a latitude that is no number)."""
        problems = []
        for row in self._rows:
            if row.kind == "float":
                value = self._editors[row.key].get()
                if isinstance(value, str):
                    problems.append(Problem(row.key, "not_a_number", {"value": value}))
        return problems

    def problems(self) -> dict[str, str]:
        """Shown problems by row key ('' = the message area), for tests and the window."""
        out = {key: "\n".join(texts) for key, texts in self._problems.items()}
        if self._message:
            out[""] = self._message
        return out

    def validate_now(self) -> list[Problem | str]:
        """Check the form's record against every rule (reads only); show and return the problems."""
        self._validate_timer.stop()
        problems: list[Problem | str] = list(self._local_problems())
        if not problems:
            try:
                services.validate(self.archive, self.draft())
            except ValidationError as exc:
                problems = list(exc.problems)
            except ExhibitError as exc:
                problems = [exc.problem or str(exc)]
        self._show_problems(problems)
        return problems

    def _text(self, problem: Problem | str) -> str:
        """A problem in the window's language (a sentence of the core's without a code as it is)."""
        return problem_text(problem, self.record_type) if isinstance(problem, Problem) else problem

    def _show_problems(self, problems: list[Problem | str]) -> None:
        self._shown_problems = list(problems)  # shown again in the other language when it changes
        by_row: dict[str, list[str]] = {}
        general: list[str] = []
        for problem in problems:
            key = problem_row(self.record_type, problem)
            if key is None:
                general.append(self._text(problem))
            elif key in self._date_previews and isinstance(problem, Problem) and problem.code in (
                    "bad_date", "field_problem"):
                # A date that cannot be read is already said, in red, right beside the field.
                by_row.setdefault(key, [])
            else:
                by_row.setdefault(key, []).append(self._text(problem))
        self._problems = by_row
        for row in self._rows:
            label = self._problem_labels[row.key]
            texts = by_row.get(row.key, [])
            label.setText("\n".join(texts))
            label.setVisible(bool(texts))
            for name in row.names:  # a screen reader hears the problem with the field
                self._editors[name].widget.setAccessibleDescription("\n".join(texts))
        self._general_problems = general
        self._show_message()

    def _show_message(self) -> None:
        parts = []
        if self._deleted:
            parts.append(self.tr("This record has been deleted (elsewhere, or by undo). It can no "
                                 "longer be saved; copy any text you want to keep."))
        elif self._changed_elsewhere:
            parts.append(self.tr("This record was changed elsewhere while you were editing it. "
                                 "Saving shows both versions, field by field, to choose from; "
                                 "Revert shows theirs."))
        parts += self._general_problems
        self._message = "\n".join(parts)
        self.message_label.setText(self._message)
        self.message_label.setVisible(bool(self._message))

    # ------------------------------------------------------------ saving

    def save(self) -> bool:
        """Validate and save as one undo step. Returns True if the record was stored."""
        if self._deleted:
            return False
        if self._record.id is not None and not self._dirty:
            return True
        self._validate_timer.stop()
        local = self._local_problems()
        if local:
            self._show_problems(local)
            return False
        draft = self.draft()
        self._saving = True
        try:
            if draft.id is None:
                stored = record_commands.create_record(self.stack, self.archive, draft)
            else:
                saved = self._save_over(self._record, draft)
                if saved is None:
                    return False
                stored = saved
        except ValidationError as exc:
            self._show_problems(list(exc.problems))
            return False
        except NotFoundError:
            self._mark_deleted()
            return False
        except ExhibitError as exc:
            self._show_problems([exc.problem or str(exc)])
            return False
        finally:
            self._saving = False
        self.load(stored)
        self.saved.emit(stored)
        return True

    def _save_over(self, base: Record, draft: Record) -> Record | None:
        """Save `draft`, edited from `base`. When someone saved the record since, the curator
        chooses per field whose value to keep, and that is saved against what is stored now
        (and chosen again if yet another save came in between); None if they cancel."""
        while True:
            try:
                return record_commands.update_record(self.stack, self.archive, base, draft)
            except Conflict as conflict:
                if conflict.action != "update" or not conflict.fields:
                    raise
                choices = self.choose(conflict, self)
                if choices is None:
                    self._changed_elsewhere = True
                    self._show_message()
                    return None
                base, draft = conflict.stored.record, resolve(conflict, choices)

    def revert(self) -> None:
        """Back to the stored record (re-read, in case it changed meanwhile)."""
        record = self._record
        if record.id is not None and not self._deleted:
            try:
                record = services.get(self.archive, record.TYPE, record.id)
            except NotFoundError:
                self._mark_deleted()
        self.load(record)

    def maybe_leave(self) -> bool:
        """True if the form may be closed or replaced: saved, discarded, or nothing to lose."""
        if not self._dirty:
            return True
        answer = self.ask(self, self.tr("Unsaved changes"),
                          self.tr("%1 has unsaved changes. Save them?").replace(
                              "%1", self.title_label.text()))
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    # ------------------------------------------------------------ changes elsewhere

    @property
    def deleted(self) -> bool:
        return self._deleted

    def _mark_deleted(self) -> None:
        self._deleted = True
        self._validate_timer.stop()
        self._update_enabled()
        self._show_message()

    def _on_record_deleted(self, record_type: str, record_id: int) -> None:
        if record_type == self.record_type and record_id == self._record.id:
            self._mark_deleted()

    def _on_records_changed(self, record_type: str, ids: list) -> None:
        for row in self._rows:  # lists of records to choose from
            if row.kind == "fk" and FOREIGN_KEYS[(self.record_type, row.key)] == record_type:
                editor = self._editors[row.key]
                self._loading = True
                try:
                    editor.refill()
                finally:
                    self._loading = False
        if (self._saving or record_type != self.record_type or self._record.id is None
                or (ids and self._record.id not in ids)):
            return
        try:
            current = services.get(self.archive, self.record_type, self._record.id)
        except NotFoundError:
            self._mark_deleted()
            return
        if self._deleted:       # back again (undo of the delete, redo of the create)
            self._deleted = False
            self.load(current)
        elif not self._dirty:
            self.load(current)  # show what undo, redo or another window stored
        elif current != self._record:
            self._changed_elsewhere = True
            self._show_message()

    # ------------------------------------------------------------ lifecycle

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._dirty and not self._deleted:
            self._validate_timer.start()  # a check cut short by hiding

    def hideEvent(self, event) -> None:
        # A closed window hides its children: no validation may run after the archive closes.
        self._validate_timer.stop()
        super().hideEvent(event)

    def closeEvent(self, event) -> None:
        self._validate_timer.stop()
        self.disconnect_events()
        super().closeEvent(event)

    def disconnect_events(self) -> None:
        if self.picture is not None:
            self.picture.shutdown()  # a picture still loading is not shown once the window closes
            if self._viewer is not None:
                self._viewer.close()
        if self._connected:
            hub = events()
            hub.record_deleted.disconnect(self._on_record_deleted)
            hub.records_changed.disconnect(self._on_records_changed)
            self._connected = False
