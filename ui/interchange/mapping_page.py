"""The import wizard's mapping page: which field each column fills, and what unknown terms mean.

Each column of the file has a combo box of the record type's fields, the
suggestion preselected (guessed from its header and its values, see
exhibit/interchange/guessing.py), and a mark of how sure that guess is: ✓
for a header that names the field or values that show it, ? for a guess to
check; its tooltip says why. A column the curator changed shows ✓ “chosen
by you”. A mapping can be
loaded from and saved to a file for the next spreadsheet from the same
source. The page refuses to go on while two columns fill the same field or
nothing identifies the records (objects need the accession number column).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from exhibit.errors import ExhibitError
from exhibit.interchange.importer import unknown_terms
from exhibit.interchange.mapping import (
    IGNORE,
    MAKER_ROLE,
    MULTI,
    Candidate,
    Mapping,
    import_targets,
    suggest_for,
)
from ui.common.plaintext import tip
from ui.interchange.file_pages import error_label
from ui.interchange.labels import field_choice, field_label, guess_mark, guess_text, record_type_name
from ui.interchange.terms_editor import TermsEditor

if TYPE_CHECKING:
    from ui.interchange.import_wizard import ImportWizard

COLUMN, SAMPLE, TARGET, SURE = range(4)
# What identifies a record of each type, so a re-import updates instead of duplicating.
IDENTIFYING = {"object": ("accession",), "person": ("key", "name_zh", "name_en"),
               "place": ("key", "name_zh", "name_en"), "event": ("key", "title_zh", "title_en"),
               "source": ("key", "title")}


def samples(table, column: int, limit: int = 3) -> str:
    found: list[str] = []
    for row in table.rows:
        value = row.get(column).strip()
        if value and value not in found:
            found.append(value)
            if len(found) >= limit:
                break
    return " · ".join(v if len(v) <= 30 else v[:29] + "…" for v in found)


class MappingPage(QWizardPage):
    def __init__(self, wizard: "ImportWizard") -> None:
        super().__init__()
        self.w = wizard
        self.header: list[str] = []
        self.table = QTableWidget(0, 4)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setTabKeyNavigation(False)   # Tab goes from combo box to combo box
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(SAMPLE, QHeaderView.ResizeMode.Stretch)
        h.setSectionResizeMode(TARGET, QHeaderView.ResizeMode.ResizeToContents)
        h.setSectionResizeMode(SURE, QHeaderView.ResizeMode.ResizeToContents)
        self.table_label = QLabel()
        self.table_label.setBuddy(self.table)
        self.load_button = QPushButton()
        self.load_button.clicked.connect(self.load_mapping)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save_mapping)
        self.suggest_button = QPushButton()
        self.suggest_button.clicked.connect(self.suggest_again)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.error = error_label()
        self.terms = TermsEditor(wizard.archive)
        self.terms.changed.connect(self.w.mark_stale)
        self.terms.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.table_label, 1)
        buttons.addWidget(self.suggest_button)
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addLayout(buttons)
        tl.addWidget(self.table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.terms)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.error)
        self.retranslate()

    # ------------------------------------------------------------ filling

    def initializePage(self) -> None:
        self.fill()

    def fill(self) -> None:
        read, mapping = self.w.read, self.w.mapping
        if read is None or mapping is None:
            return
        table = read.preview.table
        self.header = list(table.header)
        fields = mapping.fields_for(self.header)
        names = import_targets(mapping.record_type)
        self.table.setRowCount(len(self.header))
        for r, (column, target) in enumerate(zip(self.header, fields)):
            item = QTableWidgetItem(column)
            item.setToolTip(tip(column))
            self.table.setItem(r, COLUMN, item)
            sample = samples(table, r)
            item = QTableWidgetItem(sample)
            item.setToolTip(tip(sample))
            self.table.setItem(r, SAMPLE, item)
            combo = QComboBox()
            combo.addItem("", IGNORE)
            for name in names:
                combo.addItem(field_choice(name, mapping.record_type), name)
            combo.setCurrentIndex(max(0, combo.findData(target)))
            combo.currentIndexChanged.connect(lambda _i, row=r: self._changed(row))
            self.table.setCellWidget(r, TARGET, combo)
            self.table.setItem(r, SURE, QTableWidgetItem())
            self.show_guess(r)
        self.refresh_terms()
        self.retranslate()
        self.completeChanged.emit()

    def show_guess(self, row: int) -> None:
        """The ✓ or ? beside a column's field, with the reason as its tooltip."""
        mapping, item = self.w.mapping, self.table.item(row, SURE)
        if mapping is None or item is None:
            return
        column = self.header[row]
        target = mapping.columns.get(column, IGNORE)
        guess = mapping.guesses.get(column)
        if guess is None:
            item.setText("")
            item.setToolTip("")
            return
        item.setText(guess_mark(guess.confidence, target))
        item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        item.setToolTip(tip(guess_text(guess.confidence, guess.reason, dict(guess.params), mapping.record_type)))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, item.toolTip())

    def guess_for(self, column: str) -> QTableWidgetItem:
        return self.table.item(self.header.index(column), SURE)

    def combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, TARGET)  # type: ignore[return-value]

    def combo_for(self, column: str) -> QComboBox:
        return self.combo(self.header.index(column))

    def _changed(self, row: int) -> None:
        mapping = self.w.mapping
        if mapping is None:
            return
        target = self.combo(row).currentData() or IGNORE
        mapping.columns[self.header[row]] = target
        mapping.guesses[self.header[row]] = Candidate(target, "", "curator")
        self.show_guess(row)
        self.w.mark_stale()
        self.refresh_terms()
        self.completeChanged.emit()

    def refresh_terms(self) -> None:
        if self.w.read is None or self.w.mapping is None:
            return
        unknown = unknown_terms(self.w.archive, self.w.read.preview.table, self.w.mapping)
        self.terms.set_terms(self.w.mapping, unknown)

    # ------------------------------------------------------------ mapping files

    def load_mapping(self) -> None:
        chosen = self.w.choose_mapping_file(self, False, "")
        if not chosen:
            return
        try:
            loaded = Mapping.load(chosen)
        except ExhibitError as exc:
            self.show_message(str(exc), error=True)
            return
        if loaded.record_type != self.w.record_type:
            self.show_message(self.tr("%1 is a mapping for %2, but this file is imported as %3. Choose "
                                      "%2 on the first page to use it.")
                              .replace("%1", Path(chosen).name)
                              .replace("%2", record_type_name(loaded.record_type))
                              .replace("%3", record_type_name(self.w.record_type)), error=True)
            return
        # Columns the saved mapping does not name keep the suggestion for this file.
        columns = dict(self.w.mapping.columns) if self.w.mapping else {}
        columns.update({h: f for h, f in loaded.columns.items() if h in self.header})
        guesses = dict(self.w.mapping.guesses) if self.w.mapping else {}
        guesses.update({h: Candidate(f, "", "mapping_file") for h, f in loaded.columns.items() if h in self.header})
        self.w.mapping = Mapping(loaded.record_type, columns, loaded.terms, loaded.new_terms, guesses)
        self.w.mark_stale()
        self.fill()
        missing = [h for h, f in loaded.columns.items() if f and h not in self.header]
        text = self.tr("Loaded %1.").replace("%1", Path(chosen).name)
        if missing:
            text += " " + self.tr("It names column(s) this file does not have: %1").replace("%1", ", ".join(missing))
        self.show_message(text)

    def save_mapping(self) -> None:
        if self.w.mapping is None:
            return
        suggested = (self.w.path.stem + ".mapping.json") if self.w.path else "mapping.json"
        chosen = self.w.choose_mapping_file(self, True, suggested)
        if not chosen:
            return
        try:
            path = self.w.mapping.save(chosen)
        except OSError as exc:
            self.show_message(self.tr("The mapping could not be saved: %1").replace("%1", exc.strerror or str(exc)),
                              error=True)
            return
        self.show_message(self.tr("Saved the mapping as %1.").replace("%1", str(path)))

    def suggest_again(self) -> None:
        if not self.header or self.w.read is None:
            return
        old = self.w.mapping
        self.w.mapping = suggest_for(self.w.read.preview.table, self.w.record_type)
        if old is not None:   # the answers about terms stay
            self.w.mapping.terms, self.w.mapping.new_terms = old.terms, old.new_terms
        self.w.mark_stale()
        self.fill()

    def show_message(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    # ------------------------------------------------------------ checking

    def problem(self) -> str:
        """Why the mapping cannot be used (translated), or ''."""
        mapping = self.w.mapping
        if mapping is None:
            return ""
        seen: dict[str, str] = {}
        for column, target in zip(self.header, mapping.fields_for(self.header)):
            if not target:
                continue
            if target in seen and target not in MULTI:
                return (self.tr("The columns “%1” and “%2” both fill %3; choose one of them.")
                        .replace("%1", seen[target]).replace("%2", column)
                        .replace("%3", field_label(target, mapping.record_type)))
            seen[target] = column
        if MAKER_ROLE in seen and "makers" not in seen:
            return (self.tr("The column “%1” gives the makers' role, but no column fills the makers; "
                            "choose the makers' column too.").replace("%1", seen[MAKER_ROLE]))
        needed = IDENTIFYING.get(mapping.record_type, ())
        if needed and not set(needed) & set(seen):
            if mapping.record_type == "object":
                return self.tr("No column fills the accession number (总登记号). Objects are matched by "
                               "it, so choose the column that holds it.")
            return self.tr("Choose a column for the key or the name (title): the records are matched by "
                           "one of them.")
        return ""

    def isComplete(self) -> bool:
        problem = self.problem()
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        return self.w.mapping is not None and not problem

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        self.setTitle(self.tr("Columns and fields"))
        self.setSubTitle(self.tr("Choose the field each column fills. Columns left empty are not imported; "
                                 "an empty cell in an imported column empties that field."))
        self.table_label.setText(self.tr("&Columns of the file:"))
        self.table.setHorizontalHeaderLabels([self.tr("Column"), self.tr("Example values"),
                                              self.tr("Imported as"), self.tr("Sure?")])
        sure = self.table.horizontalHeaderItem(SURE)
        if sure is not None:
            sure.setToolTip(self.tr("✓: the header or the values show the field. ?: a guess; please check "
                                    "it. Point at a mark to see why."))
        self.table.setAccessibleName(self.tr("Columns and the fields they fill"))
        for r, column in enumerate(self.header):
            combo = self.combo(r)
            if combo is None:
                continue
            combo.setItemText(0, self.tr("(not imported)"))
            for i in range(1, combo.count()):
                combo.setItemText(i, field_choice(combo.itemData(i), self.w.record_type))
            combo.setAccessibleName(self.tr("Field for the column “%1”").replace("%1", column))
            self.show_guess(r)
        self.suggest_button.setText(self.tr("S&uggest again"))
        self.suggest_button.setAccessibleName(self.tr("Suggest the fields from the column names again"))
        self.load_button.setText(self.tr("&Load mapping…"))
        self.load_button.setAccessibleName(self.tr("Load a saved mapping file"))
        self.save_button.setText(self.tr("&Save mapping…"))
        self.save_button.setAccessibleName(self.tr("Save this mapping to a file"))
        self.message.setAccessibleName(self.tr("Mapping message"))
        self.error.setAccessibleName(self.tr("Why the mapping cannot be used"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
