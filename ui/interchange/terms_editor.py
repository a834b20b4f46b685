"""Unknown vocabulary values: what the file says, and what the curator makes of it.

The core lists every distinct value of a vocabulary column that is not a term
(`importer.unknown_terms`: by code, Chinese or English label), column by
column, with how many rows have it and the nearest term when one is really
close. `TermsEditor` shows one line per value with a choice:

- “Not mapped”: the rows with it are rejected (the default);
- the nearest term (listed first and marked) or any other term;
- “Add as a new term”: a term of the archive's own, whose Chinese and English
  names are typed beside it (filled in from the value to start with). The
  import adds it in its transaction.

Buttons answer the whole list at once: every value to its nearest term, or
every value still unmapped as a new term. Each answer is written into
`mapping.terms` (and `mapping.new_terms`), which the check, the import and a
saved mapping file use. The list itself ignores the answers, so it stays put
while the curator works through it.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exhibit import vocab
from exhibit.archive import Archive
from exhibit.interchange.importer import UnknownTerm, new_term_code
from exhibit.interchange.mapping import Mapping, NewTerm
from exhibit.records import Term
from ui.common.plaintext import tip
from ui.interchange.labels import field_label

FIELD, VALUE, ROWS, TERM, NAME_ZH, NAME_EN = range(6)
NEW = "__new__"   # the combo's data for "add as a new term" (term codes start with a letter or digit)
_HAN = re.compile(r"[\u3400-\u9fff]")


def term_text(term: Term) -> str:
    labels = " / ".join(t for t in (term.label_zh, term.label_en) if t)
    return f"{labels} ({term.code})" if labels else term.code


def starting_names(value: str) -> NewTerm:
    """A new term's names before the curator types: the value, in its own language."""
    han = bool(_HAN.search(value))
    return NewTerm(label_zh=value if han else "", label_en="" if han else value)


class TermsEditor(QWidget):
    """One line per unknown value; `changed` after the curator answered (or took back) one."""

    changed = Signal()

    def __init__(self, archive: Archive, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.mapping: Mapping | None = None
        self.unknown: list[UnknownTerm] = []
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.use_suggestions = QPushButton()
        self.use_suggestions.clicked.connect(self.apply_suggestions)
        self.add_all = QPushButton()
        self.add_all.clicked.connect(self.add_all_as_new)
        self.table = QTableWidget(0, 6)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)   # Tab goes from combo box to combo box
        header = self.table.horizontalHeader()
        for col in (FIELD, VALUE, ROWS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TERM, QHeaderView.ResizeMode.Stretch)
        for col in (NAME_ZH, NAME_EN):   # as wide as the header says, so the names can be read
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.title.setBuddy(self.table)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.use_suggestions)
        top.addWidget(self.add_all)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def set_terms(self, mapping: Mapping, unknown: list[UnknownTerm]) -> None:
        self.mapping = mapping
        self.unknown = unknown
        self.table.setRowCount(len(unknown))
        for line, u in enumerate(unknown):
            named = field_label(u.field, mapping.record_type)
            for col, text in ((FIELD, named), (VALUE, u.value), (ROWS, self._rows_text(u))):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(text))
                self.table.setItem(line, col, item)
            combo = QComboBox()
            combo.setProperty("line", line)
            self._fill(combo, u)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._picked(c))
            self.table.setCellWidget(line, TERM, combo)
            for col in (NAME_ZH, NAME_EN):
                edit = QLineEdit()
                edit.setProperty("line", line)
                edit.textEdited.connect(lambda _t, e=edit: self._renamed(e))
                self.table.setCellWidget(line, col, edit)
            self._show_names(line)
        self.table.resizeRowsToContents()
        self.setVisible(bool(unknown))
        self.retranslate()

    def _rows_text(self, u: UnknownTerm) -> str:
        shown = ", ".join(map(str, u.rows[:8])) + (" …" if len(u.rows) > 8 else "")
        return self.tr("%1 (rows %2)").replace("%1", str(u.count)).replace("%2", shown)

    def _fill(self, combo: QComboBox, u: UnknownTerm) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Not mapped: these rows are rejected"), "")
        terms = vocab.terms(self.archive.db, u.vocab)
        if u.suggestion is not None:
            combo.addItem(self.tr("%1 — nearest").replace("%1", term_text(u.suggestion)), u.suggestion.code)
        combo.addItem(self.tr("Add as a new term (names on the right)"), NEW)
        for term in terms:
            if u.suggestion is None or term.code != u.suggestion.code:
                combo.addItem(term_text(term), term.code)
        chosen = self._answer(u)
        if chosen and chosen in self._new_codes(u.vocab):
            combo.setCurrentIndex(combo.findData(NEW))
        else:
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.setAccessibleName(self.tr("Term for “%1”").replace("%1", u.value))
        combo.blockSignals(False)

    def _answer(self, u: UnknownTerm) -> str:
        return (self.mapping.terms.get(u.vocab, {}) if self.mapping else {}).get(u.value, "")

    def _new_codes(self, vocab_name: str) -> dict[str, NewTerm]:
        return self.mapping.new_terms.get(vocab_name, {}) if self.mapping else {}

    def combo(self, line: int) -> QComboBox:
        return self.table.cellWidget(line, TERM)  # type: ignore[return-value]

    def name_edit(self, line: int, lang: str) -> QLineEdit:
        return self.table.cellWidget(line, NAME_ZH if lang == "zh" else NAME_EN)  # type: ignore[return-value]

    def _picked(self, combo: QComboBox) -> None:
        u = self.unknown[combo.property("line")]
        data = combo.currentData() or ""
        if data == NEW:
            self._make_new(u)
        else:
            self._set(u, data)
        self._show_names(combo.property("line"))
        self.changed.emit()

    def _make_new(self, u: UnknownTerm, names: NewTerm | None = None) -> None:
        """Answer `u` with a new term under a code made from the value."""
        if self.mapping is None:
            return
        current = self._answer(u)
        if current and current in self._new_codes(u.vocab):
            return   # already a new term: keep its code and names
        taken = {t.code for t in vocab.terms(self.archive.db, u.vocab)} | set(self._new_codes(u.vocab))
        self.mapping.answer(u.vocab, u.value, new_term_code(u.value, taken), names or starting_names(u.value))

    def _set(self, u: UnknownTerm, code: str) -> None:
        if self.mapping is not None:
            self.mapping.answer(u.vocab, u.value, code)

    def _show_names(self, line: int) -> None:
        """The name fields of a line: editable, with the new term's names, only for a new term."""
        u = self.unknown[line]
        new = self._new_codes(u.vocab).get(self._answer(u))
        for lang in ("zh", "en"):
            edit = self.name_edit(line, lang)
            if edit is None:
                continue
            edit.setEnabled(new is not None)
            edit.setText((new.label_zh if lang == "zh" else new.label_en) if new is not None else "")

    def _renamed(self, edit: QLineEdit) -> None:
        line = edit.property("line")
        u = self.unknown[line]
        code = self._answer(u)
        if self.mapping is None or code not in self._new_codes(u.vocab):
            return
        zh, en = self.name_edit(line, "zh").text().strip(), self.name_edit(line, "en").text().strip()
        # A term needs a name: with both fields emptied, the value names it.
        self.mapping.new_terms[u.vocab][code] = NewTerm(zh, en) if (zh or en) else starting_names(u.value)
        self.changed.emit()

    def _select(self, line: int, data: str) -> None:
        combo = self.combo(line)
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(data))
        combo.blockSignals(False)

    def apply_suggestions(self) -> None:
        """Map every value still unmapped to its nearest term."""
        touched = False
        for line, u in enumerate(self.unknown):
            if not self.combo(line).currentData() and u.suggestion is not None:
                self._select(line, u.suggestion.code)
                self._set(u, u.suggestion.code)
                self._show_names(line)
                touched = True
        if touched:
            self.changed.emit()

    def add_all_as_new(self) -> None:
        """Add every value still unmapped as a new term, named by the value."""
        touched = False
        for line, u in enumerate(self.unknown):
            if not self.combo(line).currentData():
                self._make_new(u)
                self._select(line, NEW)
                self._show_names(line)
                touched = True
        if touched:
            self.changed.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Values that are not terms of the vocabulary (%n). For each, choose the "
                                   "term it means, add it as a new term, or leave it unmapped (its rows are "
                                   "rejected).", "", len(self.unknown)))
        self.use_suggestions.setText(self.tr("Use the &nearest terms"))
        self.use_suggestions.setAccessibleName(self.tr("Map every unmapped value to its nearest term"))
        self.use_suggestions.setEnabled(any(u.suggestion is not None for u in self.unknown))
        self.add_all.setText(self.tr("Add the rest as &new terms"))
        self.add_all.setAccessibleName(self.tr("Add every unmapped value as a new term named by the value"))
        self.add_all.setEnabled(bool(self.unknown))
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value in the file"), self.tr("Rows"),
                                              self.tr("Term"), self.tr("New term: Chinese name"),
                                              self.tr("New term: English name")])
        self.table.setAccessibleName(self.tr("Unknown vocabulary terms"))
        for line, u in enumerate(self.unknown):
            combo = self.combo(line)
            if combo is not None:
                combo.setItemText(0, self.tr("Not mapped: these rows are rejected"))
                if u.suggestion is not None:
                    combo.setItemText(1, self.tr("%1 — nearest").replace("%1", term_text(u.suggestion)))
                combo.setItemText(combo.findData(NEW), self.tr("Add as a new term (names on the right)"))
                combo.setAccessibleName(self.tr("Term for “%1”").replace("%1", u.value))
            for lang, text in (("zh", self.tr("Chinese name of the new term for “%1”")),
                               ("en", self.tr("English name of the new term for “%1”"))):
                edit = self.name_edit(line, lang)
                if edit is not None:
                    edit.setAccessibleName(text.replace("%1", u.value))
            item = self.table.item(line, FIELD)
            if item is not None:
                item.setText(field_label(u.field, self.mapping.record_type if self.mapping else None))
            item = self.table.item(line, ROWS)
            if item is not None:
                item.setText(self._rows_text(u))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
