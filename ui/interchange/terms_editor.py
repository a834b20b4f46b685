"""Unknown vocabulary terms: what the file says, and which existing term it means.

`find_unknown_terms` lists every value of a vocabulary column that is not a
term (by code, Chinese or English label), ignoring the curator's own answers
so the list stays put while they answer it. `TermsEditor` shows one combo box
per value: "not mapped" (the rows stay rejected) or an existing term, the
nearest one listed first and marked. A choice is written into
`mapping.terms`, which the import (and a saved mapping file) use.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from exhibit import vocab
from exhibit.archive import Archive
from exhibit.interchange import cells
from exhibit.interchange.importer import UnknownTerm
from exhibit.interchange.mapping import Mapping, TermMatcher
from exhibit.interchange.tables import Table
from exhibit.records import Term, record_class
from ui.common.plaintext import tip
from ui.interchange.labels import field_label

FIELD, VALUE, ROWS, TERM = range(4)


def find_unknown_terms(archive: Archive, table: Table, mapping: Mapping) -> list[UnknownTerm]:
    """Values of the mapped vocabulary columns that match no term, with the rows they are on."""
    try:
        cls = record_class(mapping.record_type)
    except Exception:  # noqa: BLE001 - an unknown type has no vocabularies to check
        return []
    fields = mapping.fields_for(table.header)
    columns = [(i, f) for i, f in enumerate(fields) if f in cls.VOCAB]
    if not columns:
        return []
    matcher = TermMatcher.for_archive(archive.db)  # without the curator's answers: the list stays put
    rows_of: dict[tuple[str, str, str], list[int]] = {}
    for row in table.rows:
        for index, name in columns:
            value = row.get(index)
            if value.strip():
                rows_of.setdefault((cls.VOCAB[name], name, value), []).append(row.number)
    # Each distinct value is matched once (a 100,000-row file has a few dozen of them).
    found: dict[tuple[str, str], UnknownTerm] = {}
    for (vocab_name, name, raw), numbers in rows_of.items():
        value = cells.restore(raw).strip()
        if (vocab_name, value) in found:
            found[(vocab_name, value)].rows.extend(numbers)
        elif matcher.match(vocab_name, value) is None:
            found[(vocab_name, value)] = UnknownTerm(vocab_name, name, value, numbers,
                                                     matcher.nearest(vocab_name, value))
    for unknown in found.values():
        unknown.rows.sort()
    return list(found.values())


def term_text(term: Term) -> str:
    labels = " / ".join(t for t in (term.label_zh, term.label_en) if t)
    return f"{labels} ({term.code})" if labels else term.code


class TermsEditor(QWidget):
    """One line per unknown value; `changed` after the curator mapped (or unmapped) one."""

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
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)   # Tab goes from combo box to combo box
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(FIELD, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ROWS, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TERM, QHeaderView.ResizeMode.Stretch)
        self.title.setBuddy(self.table)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.use_suggestions)
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
            rows = ", ".join(map(str, u.rows[:8])) + (" …" if len(u.rows) > 8 else "")
            named = field_label(u.field, mapping.record_type)
            for col, text in ((FIELD, named), (VALUE, u.value), (ROWS, rows)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(text))
                self.table.setItem(line, col, item)
            combo = QComboBox()
            combo.setProperty("line", line)
            self._fill(combo, u)
            combo.currentIndexChanged.connect(lambda _i, c=combo: self._picked(c))
            self.table.setCellWidget(line, TERM, combo)
        self.table.resizeRowsToContents()
        self.setVisible(bool(unknown))
        self.retranslate()

    def _fill(self, combo: QComboBox, u: UnknownTerm) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Not mapped: these rows are rejected"), "")
        terms = vocab.terms(self.archive.db, u.vocab)
        if u.suggestion is not None:
            combo.addItem(self.tr("%1 — nearest").replace("%1", term_text(u.suggestion)), u.suggestion.code)
        for term in terms:
            if u.suggestion is None or term.code != u.suggestion.code:
                combo.addItem(term_text(term), term.code)
        chosen = (self.mapping.terms.get(u.vocab, {}) if self.mapping else {}).get(u.value, "")
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        combo.setAccessibleName(self.tr("Term for “%1”").replace("%1", u.value))
        combo.blockSignals(False)

    def combo(self, line: int) -> QComboBox:
        return self.table.cellWidget(line, TERM)  # type: ignore[return-value]

    def _picked(self, combo: QComboBox) -> None:
        u = self.unknown[combo.property("line")]
        self._set(u, combo.currentData() or "")
        self.changed.emit()

    def _set(self, u: UnknownTerm, code: str) -> None:
        if self.mapping is None:
            return
        answers = self.mapping.terms.setdefault(u.vocab, {})
        if code:
            answers[u.value] = code
        else:
            answers.pop(u.value, None)
            if not answers:
                self.mapping.terms.pop(u.vocab, None)

    def apply_suggestions(self) -> None:
        """Map every value still unmapped to its nearest term."""
        touched = False
        for line, u in enumerate(self.unknown):
            combo = self.combo(line)
            if not combo.currentData() and u.suggestion is not None:
                combo.blockSignals(True)
                combo.setCurrentIndex(combo.findData(u.suggestion.code))
                combo.blockSignals(False)
                self._set(u, u.suggestion.code)
                touched = True
        if touched:
            self.changed.emit()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Values that are not terms of the vocabulary (%n). Choose the term "
                                   "each one means, or leave it unmapped.", "", len(self.unknown)))
        self.use_suggestions.setText(self.tr("Use the &nearest terms"))
        self.use_suggestions.setAccessibleName(self.tr("Map every unmapped value to its nearest term"))
        self.use_suggestions.setEnabled(any(u.suggestion is not None for u in self.unknown))
        self.table.setHorizontalHeaderLabels([self.tr("Field"), self.tr("Value in the file"),
                                              self.tr("Rows"), self.tr("Existing term")])
        self.table.setAccessibleName(self.tr("Unknown vocabulary terms"))
        for line, u in enumerate(self.unknown):
            combo = self.combo(line)
            if combo is not None:
                combo.setItemText(0, self.tr("Not mapped: these rows are rejected"))
                if u.suggestion is not None:
                    combo.setItemText(1, self.tr("%1 — nearest").replace("%1", term_text(u.suggestion)))
                combo.setAccessibleName(self.tr("Term for “%1”").replace("%1", u.value))
            item = self.table.item(line, FIELD)
            if item is not None:
                item.setText(field_label(u.field, self.mapping.record_type if self.mapping else None))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
