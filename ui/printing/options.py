"""The print dialog's left side: what to print and how, turned into a `PrintRequest`.

Every choice the headless `labels`/`catalogue` commands offer is here:
selection (selected objects, a section, the whole exhibition, changed since a
date), which records by status (published only, reviewed too, drafts too),
document (labels or catalogue), template, sheet or page size (custom A4/Letter
grids too), crop marks and bleed, language, QR address, photos (object labels
leave them out unless asked: a label hangs beside its object).
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.printing import layout
from exhibit.printing.catalogue import CatalogueJob
from exhibit.printing.labels import LabelJob
from exhibit.printing.select import Selection
from ui.common import naming
from ui.printing.jobs import PrintRequest

SINGLE_PAGES = ("100x150mm", "A6", "A5", "A5-landscape", "A4", "A3", "A2", "A1")
# Two bilingual object labels to an A4 sheet; captions four to a sheet; a wall panel on an A2
# (a full bilingual panel text does not fit an A3 at the 24 pt a reader needs at 1–1.5 m).
DEFAULT_SETUP = {"object": "sheet|a4-1x2", "caption": "sheet|a4-2x2", "panel": "page|A2"}
# Whether a template's labels show the photo unless the user says otherwise.
DEFAULT_PHOTO = {"object": False, "caption": True, "panel": True}
QR_EXAMPLE = "https://museum.example/objects/{accession}"


class NothingSelected(ExhibitError):
    """The dialog was asked for the selected objects, and none are selected."""


@dataclass(frozen=True)
class SectionChoice:
    code: str
    title: str


class PrintOptions(QWidget):
    changed = Signal()

    def __init__(self, archive: Archive, accessions: list[str], section_code: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accessions = list(accessions)
        self.sections = [SectionChoice(s.code, " ".join(t for t in (s.title_zh, s.title_en) if t) or s.code)
                         for s in services.list_records(archive, "section")]

        # -- what
        self.what_box = QGroupBox()
        self.doc_label = QLabel()
        self.doc_combo = QComboBox()
        self.doc_label.setBuddy(self.doc_combo)
        self.scope = QButtonGroup(self)
        self.rb_selected = QRadioButton()
        self.rb_section = QRadioButton()
        self.rb_all = QRadioButton()
        self.rb_since = QRadioButton()
        for i, rb in enumerate((self.rb_selected, self.rb_section, self.rb_all, self.rb_since)):
            self.scope.addButton(rb, i)
        self.section_combo = QComboBox()
        for s in self.sections:
            self.section_combo.addItem(s.title, s.code)
        self.since_edit = QDateEdit(QDate.currentDate().addDays(-30))
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy-MM-dd")
        self.status_label = QLabel()
        self.status_combo = QComboBox()
        self.status_label.setBuddy(self.status_combo)
        what = QFormLayout(self.what_box)
        what.addRow(self.doc_label, self.doc_combo)
        what.addRow(self.rb_selected)
        row = QHBoxLayout()
        row.addWidget(self.rb_section)
        row.addWidget(self.section_combo, 1)
        what.addRow(row)
        what.addRow(self.rb_all)
        row = QHBoxLayout()
        row.addWidget(self.rb_since)
        row.addWidget(self.since_edit, 1)
        what.addRow(row)
        what.addRow(self.status_label, self.status_combo)

        # -- label and page
        self.page_box = QGroupBox()
        self.template_label = QLabel()
        self.template_combo = QComboBox()
        self.template_label.setBuddy(self.template_combo)
        self.setup_label = QLabel()
        self.setup_combo = QComboBox()
        self.setup_label.setBuddy(self.setup_combo)
        self.custom = QWidget()
        self.custom_paper = QComboBox()
        self.custom_paper.addItem("A4", "a4")
        self.custom_paper.addItem("US Letter", "letter")
        self.rows_spin = QSpinBox(minimum=1, maximum=20, value=3)
        self.cols_spin = QSpinBox(minimum=1, maximum=10, value=2)
        self.rows_label, self.cols_label = QLabel(), QLabel()
        self.rows_label.setBuddy(self.rows_spin)
        self.cols_label.setBuddy(self.cols_spin)
        crow = QHBoxLayout(self.custom)
        crow.setContentsMargins(0, 0, 0, 0)
        for w in (self.custom_paper, self.rows_label, self.rows_spin, self.cols_label, self.cols_spin):
            crow.addWidget(w)
        crow.addStretch(1)
        self.paper_label = QLabel()
        self.paper_combo = QComboBox()      # catalogue paper
        for name, key in (("A4", "a4"), ("US Letter", "letter"), ("A5", "a5")):
            self.paper_combo.addItem(name, key)
        self.paper_label.setBuddy(self.paper_combo)
        self.crop_check = QCheckBox()
        self.bleed_label = QLabel()
        self.bleed_spin = QDoubleSpinBox(minimum=0.0, maximum=10.0, singleStep=0.5, decimals=1)
        self.bleed_spin.setSuffix(" mm")
        self.bleed_label.setBuddy(self.bleed_spin)
        page = QFormLayout(self.page_box)
        page.addRow(self.template_label, self.template_combo)
        page.addRow(self.setup_label, self.setup_combo)
        page.addRow(self.custom)
        page.addRow(self.paper_label, self.paper_combo)
        marks = QHBoxLayout()
        marks.addWidget(self.crop_check)
        marks.addStretch(1)
        marks.addWidget(self.bleed_label)
        marks.addWidget(self.bleed_spin)
        page.addRow(marks)

        # -- content
        self.content_box = QGroupBox()
        self.lang_label = QLabel()
        self.lang_combo = QComboBox()
        self.lang_label.setBuddy(self.lang_combo)
        self.qr_label = QLabel()
        self.qr_edit = QLineEdit()
        self.qr_edit.setPlaceholderText(QR_EXAMPLE)
        self.qr_edit.setClearButtonEnabled(True)
        self.qr_label.setBuddy(self.qr_edit)
        self.photo_check = QCheckBox()
        self.photo_check.setChecked(False)
        self.truncate_check = QCheckBox()
        content = QFormLayout(self.content_box)
        content.addRow(self.lang_label, self.lang_combo)
        content.addRow(self.qr_label, self.qr_edit)
        content.addRow(self.photo_check)
        content.addRow(self.truncate_check)

        col = QVBoxLayout(self)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.what_box)
        col.addWidget(self.page_box)
        col.addWidget(self.content_box)
        col.addStretch(1)

        self.retranslate()
        # Start where the curator is: the selected objects, else the open section.
        if self.accessions or not self.sections:
            self.rb_selected.setChecked(True)
        else:
            self.rb_section.setChecked(True)
        if section_code is not None:
            i = self.section_combo.findData(section_code)
            if i >= 0:
                self.section_combo.setCurrentIndex(i)
                if not self.accessions:
                    self.rb_section.setChecked(True)
        self._apply_template_default()
        self._sync()
        for signal in (self.doc_combo.currentIndexChanged, self.template_combo.currentIndexChanged,
                       self.setup_combo.currentIndexChanged, self.section_combo.currentIndexChanged,
                       self.custom_paper.currentIndexChanged, self.paper_combo.currentIndexChanged,
                       self.lang_combo.currentIndexChanged, self.rows_spin.valueChanged,
                       self.cols_spin.valueChanged, self.bleed_spin.valueChanged, self.since_edit.dateChanged,
                       self.crop_check.toggled, self.photo_check.toggled, self.truncate_check.toggled,
                       self.qr_edit.textChanged, self.scope.idToggled, self.status_combo.currentIndexChanged):
            signal.connect(self._on_changed)
        self.template_combo.currentIndexChanged.connect(self._apply_template_default)
        self.doc_combo.currentIndexChanged.connect(self._apply_photo_default)
        self.section_combo.activated.connect(lambda _: self.rb_section.setChecked(True))
        self.since_edit.dateChanged.connect(lambda _: self.rb_since.setChecked(True))

    # ------------------------------------------------------------ state

    def is_catalogue(self) -> bool:
        return self.doc_combo.currentData() == "catalogue"

    def _on_changed(self, *_) -> None:
        self._sync()
        self.changed.emit()

    def _sync(self) -> None:
        labels = not self.is_catalogue()
        for w in (self.template_label, self.template_combo, self.setup_label, self.setup_combo,
                  self.crop_check, self.bleed_label, self.bleed_spin, self.qr_label, self.qr_edit,
                  self.truncate_check):
            w.setVisible(labels)
        self.custom.setVisible(labels and self.setup_combo.currentData() == "custom|")
        self.page_box.setTitle(self.tr("Label and page") if labels else self.tr("Page"))
        self.paper_label.setVisible(not labels)
        self.paper_combo.setVisible(not labels)
        self.section_combo.setEnabled(bool(self.sections))
        self.rb_section.setEnabled(bool(self.sections))

    def _apply_template_default(self, *_) -> None:
        template = self.template_combo.currentData() or "object"
        i = self.setup_combo.findData(DEFAULT_SETUP.get(template))
        if i >= 0:
            self.setup_combo.setCurrentIndex(i)
        self._apply_photo_default()

    def _apply_photo_default(self, *_) -> None:
        """The catalogue shows photos; labels as their template does (DEFAULT_PHOTO)."""
        template = self.template_combo.currentData() or "object"
        self.photo_check.setChecked(self.is_catalogue() or DEFAULT_PHOTO.get(template, False))

    def set_setup(self, kind: str, name: str) -> None:
        """Choose a page set-up: ("sheet", "a4-2x2"), ("page", "A6") or ("custom", "")."""
        i = self.setup_combo.findData(f"{kind}|{name}")
        if i < 0:
            raise KeyError(f"no page set-up {kind} {name}")
        self.setup_combo.setCurrentIndex(i)

    # ------------------------------------------------------------ the request

    def selection(self) -> Selection:
        which = self.scope.checkedId()
        status = self.status_combo.currentData() or "published"
        if which == 0:
            if not self.accessions:
                raise NothingSelected(self.tr("No objects are selected. Select objects in the list first, "
                                              "or choose a section or the whole exhibition."))
            return Selection(accessions=tuple(self.accessions), status=status)
        if which == 1:
            return Selection(section=self.section_combo.currentData(), status=status)
        if which == 3:
            return Selection(changed_since=self.since_edit.date().toString("yyyy-MM-dd"), status=status)
        return Selection(everything=True, status=status)

    def page_setup(self) -> layout.PageSetup:
        kind, name = self.setup_combo.currentData().split("|", 1)
        bleed, marks = self.bleed_spin.value(), self.crop_check.isChecked()
        if kind == "page":
            return layout.single_page(name, bleed_mm=bleed, crop_marks=marks)
        if kind == "custom":
            name = f"{self.custom_paper.currentData()}:{self.rows_spin.value()}x{self.cols_spin.value()}"
        return layout.sheet(name, bleed_mm=bleed, crop_marks=marks)

    def request(self) -> PrintRequest:
        """The job as chosen; raises ExhibitError for a choice that cannot print."""
        selection = self.selection()
        lang = self.lang_combo.currentData()
        if self.is_catalogue():
            return PrintRequest("catalogue", selection, catalogue=CatalogueJob(
                lang=lang, paper=self.paper_combo.currentData(), photos=self.photo_check.isChecked()))
        qr = self.qr_edit.text().strip() or None
        job = LabelJob(self.template_combo.currentData(), self.page_setup(), lang=lang, qr_template=qr,
                       photo=self.photo_check.isChecked(),
                       overflow="truncate" if self.truncate_check.isChecked() else "error")
        return PrintRequest("labels", selection, labels=job)

    # ------------------------------------------------------------ texts

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill(self, combo: QComboBox, items: list[tuple[str, object]]) -> None:
        """Refill a combo's texts keeping its choice (and without emitting `changed`)."""
        keep = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)
        i = combo.findData(keep)
        combo.setCurrentIndex(max(i, 0))
        combo.blockSignals(False)

    def _setup_text(self, setup: layout.PageSetup) -> str:
        paper = "A4" if abs(setup.page_w - layout.PAPER["a4"][0]) < 1 else "US Letter"
        return self.tr("%1 sheet: %2 × %3 labels of %4 × %5 mm").replace("%1", paper) \
            .replace("%2", str(setup.cols)).replace("%3", str(setup.rows)) \
            .replace("%4", f"{setup.label_w / layout.MM:.0f}").replace("%5", f"{setup.label_h / layout.MM:.0f}")

    def _page_text(self, name: str) -> str:
        shown = {"100x150mm": self.tr("100 × 150 mm"), "A5-landscape": self.tr("A5 landscape")}.get(name, name)
        return self.tr("One label per page: %1").replace("%1", shown)

    def retranslate(self) -> None:
        self.what_box.setTitle(self.tr("What to print"))
        self.doc_label.setText(self.tr("&Document:"))
        self._fill(self.doc_combo, [(self.tr("Labels"), "labels"), (self.tr("Catalogue"), "catalogue")])
        self.rb_selected.setText(self.tr("The s&elected objects (%1)").replace("%1", str(len(self.accessions))))
        self.rb_section.setText(self.tr("Sectio&n:"))
        self.rb_all.setText(self.tr("The &whole exhibition"))
        self.rb_since.setText(self.tr("Chan&ged since:"))
        self.status_label.setText(self.tr("Rec&ords:"))
        self._fill(self.status_combo, [(self.tr("Published only"), "published"),
                                       (self.tr("Reviewed and published"), "reviewed"),
                                       (self.tr("All, drafts too"), "draft")])
        self.status_combo.setToolTip(self.tr("Objects chosen one by one print whatever their record status; "
                                             "the label checker says which are not published."))
        self.template_label.setText(self.tr("&Template:"))
        self._fill(self.template_combo, [(self.tr("Object label"), "object"),
                                         (self.tr("Photo caption"), "caption"),
                                         (self.tr("Panel text"), "panel")])
        self.setup_label.setText(self.tr("Page set-&up:"))
        items = [(self._setup_text(s), f"sheet|{name}") for name, s in layout.SHEETS.items()]
        items.append((self.tr("Custom sheet…"), "custom|"))
        items += [(self._page_text(name), f"page|{name}") for name in SINGLE_PAGES]
        self._fill(self.setup_combo, items)
        self.rows_label.setText(self.tr("&Rows:"))
        self.cols_label.setText(self.tr("Colu&mns:"))
        self.paper_label.setText(self.tr("P&aper:"))
        self.crop_check.setText(self.tr("Cr&op marks"))
        self.bleed_label.setText(self.tr("&Bleed:"))
        self.content_box.setTitle(self.tr("Content"))
        self.lang_label.setText(self.tr("&Language:"))
        self._fill(self.lang_combo, [(self.tr("Both (中文 and English)"), "both"),
                                     ("中文", "zh"), ("English", "en")])
        self.qr_label.setText(self.tr("&QR code address:"))
        self.qr_edit.setToolTip(self.tr("Leave empty for no QR code. {accession} is replaced by the "
                                        "object's accession number."))
        self.photo_check.setText(self.tr("P&hotos"))
        self.photo_check.setToolTip(self.tr("Object labels hang beside the object, so they leave the photo "
                                            "out unless you ask for it; photo captions show theirs."))
        self.truncate_check.setText(self.tr("Shorten text that does not &fit (ends with …)"))
        for w, name in ((self.doc_combo, self.tr("Document")), (self.section_combo, naming.type_name("section")),
                        (self.since_edit, self.tr("Changed since")), (self.template_combo, self.tr("Template")),
                        (self.setup_combo, self.tr("Page set-up")), (self.custom_paper, self.tr("Sheet paper")),
                        (self.rows_spin, self.tr("Rows")), (self.cols_spin, self.tr("Columns")),
                        (self.paper_combo, self.tr("Catalogue paper")), (self.bleed_spin, self.tr("Bleed")),
                        (self.lang_combo, self.tr("Language")), (self.qr_edit, self.tr("QR code address")),
                        (self.status_combo, self.tr("Records"))):
            w.setAccessibleName(name)
        self.custom_paper.setItemText(1, self.tr("US Letter"))
        self.paper_combo.setItemText(1, self.tr("US Letter"))
        self._sync()
