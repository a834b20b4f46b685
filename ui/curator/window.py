"""The curator window: browse, search, edit, link and illustrate every record type.

Layout: the navigator (record types, and the exhibition's sections and
panels) on the left; the filter bar and the record list or thumbnail grid in
the middle; the open record on the right in tabs (details, images, links,
kiosk preview, history). Every edit goes through the core's services as one
undoable step (ui/curator/commands/undo.py); views refresh from the "records changed" hub.

One record is open at a time, and the list, the grid and every tab show that
one: whatever opens, reorders, reloads or switches views marks its row in
both views (`_mark_open_record`), so the editor never shows another record
than the one the list marks. The tabs after Details are built when first
shown, and the list's columns fit its width (`column_widths`).
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QItemSelectionModel, QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exhibit import services, vocab
from exhibit.archive import Archive
from exhibit.dates import parse_date
from exhibit.errors import DateError, ExhibitError
from exhibit.listing import ListQuery
from ui.common import i18n, naming, plaintext
from ui.common.events import events

if TYPE_CHECKING:
    from ui.curator.editor.forms import RecordForm

RECORD_TYPES = ("object", "media", "section", "panel", "person", "place", "event", "source")
# The record's tabs after Details, in order: built when first shown (CuratorWindow._tab).
LAZY_TABS = ("media_panel", "links", "preview", "history_view")


def type_label(record_type: str) -> str:
    """The navigator's name for a record type: its plural in exhibit.names (藏品 / Objects)."""
    return naming.type_name(record_type, plural=True)


class CuratorWindow(QMainWindow):
    _closed = False  # set once closeEvent has let go of the archive

    def __init__(self, archive: Archive) -> None:
        super().__init__()
        from ui.common.thumbnails import ThumbnailLoader
        from ui.curator.models import RecordTableModel, ThumbnailGridModel, configure_grid_view, configure_table_view
        from ui.curator.record_table import RecordTableView
        from ui.curator.structure import StructureTree

        plaintext.install()  # every label shows archive text literally (ui/common/plaintext.py)
        self.archive = archive
        self.setObjectName("CuratorWindow")
        self.stack = QUndoStack(self)
        self._current: tuple[str, int] | None = None
        self._marking = False  # True while the window marks a row itself (_mark)

        # ---- navigator
        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        for record_type in RECORD_TYPES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, record_type)
            self.navigator.addItem(item)
        self.structure = StructureTree(archive, self.stack)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self.navigator)
        left.addWidget(self.structure)
        left.setSizes([260, 400])

        # ---- filter bar
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self._debounce = QTimer(self, singleShot=True, interval=250)
        self._debounce.timeout.connect(self.apply_filters)
        self.search_box.textChanged.connect(lambda _: self._debounce.start())
        self.category_filter = QComboBox()
        self.section_filter = QComboBox()
        self.status_filter = QComboBox()
        self.date_from = QLineEdit()
        self.date_to = QLineEdit()
        for box in (self.date_from, self.date_to):
            box.setMaximumWidth(110)
            box.textChanged.connect(lambda _: self._debounce.start())
        for combo in (self.category_filter, self.section_filter, self.status_filter):
            combo.currentIndexChanged.connect(lambda _: self.apply_filters())
        self.view_toggle = QToolButton()
        self.view_toggle.setCheckable(True)
        self.view_toggle.toggled.connect(self._toggle_grid)
        # Two rows: the search box gets the full width; the filters sit below it.
        bar = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.search_box, 1)
        top.addWidget(self.view_toggle)
        filters = QHBoxLayout()
        for w in (self.category_filter, self.section_filter, self.status_filter):
            w.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            w.setMinimumContentsLength(8)
            filters.addWidget(w, 1)
        filters.addWidget(self.date_from)
        filters.addWidget(self.date_to)
        bar.addLayout(top)
        bar.addLayout(filters)

        # ---- list and grid
        self.model = RecordTableModel(archive, ListQuery("object"), self)
        self.table = RecordTableView()
        self.table.setObjectName("records")
        configure_table_view(self.table, self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragEnabled(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.table.setDefaultDropAction(Qt.DropAction.CopyAction)
        # Columns fit the list's width (identifiers and dates stay in view) until the
        # curator drags a column edge; then the widths are theirs until the type changes.
        self._fitting = False
        self._widths_by_hand = False
        self._header_held = False  # a mouse button is down on the header (a drag of a column edge)
        self.table.horizontalHeader().sectionResized.connect(self._column_resized)
        self.table.horizontalHeader().viewport().installEventFilter(self)
        self.table.viewport().installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(
            lambda cur, prev: self._view_row_changed(self.table, cur, prev))
        self.model.ids_loaded.connect(self._mark_open_record)
        self.thumbnails = ThumbnailLoader(archive.media_root, parent=self)
        self.grid_model = ThumbnailGridModel(self.model, self.thumbnails, self)
        self.grid = QListView()
        self.grid.setObjectName("grid")
        configure_grid_view(self.grid, self.grid_model)
        self.grid.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.grid.selectionModel().currentChanged.connect(
            lambda cur, prev: self._view_row_changed(self.grid, cur, prev))
        # The grid's model resets whenever the list's does (and on every sort): its
        # current row is gone then, and the next focus-in would mark (and open) its
        # first row. Mark the open record's row again at once.
        self.grid_model.modelReset.connect(self._mark_open_record)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.grid)

        middle = QWidget()
        mid_layout = QVBoxLayout(middle)
        mid_layout.setContentsMargins(4, 4, 4, 4)
        mid_layout.addLayout(bar)
        mid_layout.addWidget(self.views)

        # ---- the open record
        self.form = FormHost(archive, self.stack)
        self._shown_record = None  # the record the Details tab shows (the panel preview's too)
        # Above the form: "someone else saved this record" (a server archive; see follow_server).
        from ui.curator.editor.changed_bar import RecordChangedBar

        self.changed_bar = RecordChangedBar()
        self.changed_bar.reload_requested.connect(self._reload_open_record)
        self.server_changes = None
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.changed_bar)
        details_layout.addWidget(self.form, 1)
        self.tabs = RecordTabs()
        self.tabs.setObjectName("recordTabs")
        self.tabs.addTab(details, "")
        # The other tabs are built when first shown or first asked for (see _tab).
        self._tabs_made: dict[str, QWidget] = {}
        for _ in LAZY_TABS:
            holder = QWidget()
            QVBoxLayout(holder).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(holder, "")
        self.tabs.currentChanged.connect(lambda index: self._tab(LAZY_TABS[index - 1]) if index > 0 else None)
        self.structure.open_record.connect(self.open_record)
        self.form.draftChanged.connect(self._draft_changed)
        self.form.saved.connect(self._saved)
        self.structure.problem.connect(lambda text: self.statusBar().showMessage(text, 8000))

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)

        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        self._build_actions()

        events().records_changed.connect(self._records_changed)
        events().record_deleted.connect(self._record_deleted)
        self.navigator.currentRowChanged.connect(self._type_changed)
        self.retranslate()
        self._fill_filters()
        self._restore_layout()
        self.navigator.setCurrentRow(0)

    # ------------------------------------------------------------ actions and menus

    def _build_actions(self) -> None:
        self.act_new = QAction(self, shortcut=QKeySequence.StandardKey.New, triggered=self.new_record)
        self.act_save = QAction(self, shortcut=QKeySequence.StandardKey.Save, triggered=self.form.save)
        self.act_delete = QAction(self, shortcut=QKeySequence.StandardKey.Delete, triggered=self.delete_current)
        self.act_find = QAction(self, shortcut=QKeySequence.StandardKey.Find, triggered=self.focus_search)
        self.act_quit = QAction(self, shortcut=QKeySequence.StandardKey.Quit, triggered=self.close)
        self.act_print = QAction(self, shortcut=QKeySequence.StandardKey.Print, triggered=self.open_print)
        self.act_import = QAction(self, shortcut="Ctrl+I", triggered=self.open_import)
        self.act_export = QAction(self, shortcut="Ctrl+E", triggered=self.open_export)
        self.act_museum = QAction(self, triggered=self.open_museum)
        self.act_undo = self.stack.createUndoAction(self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.stack.createRedoAction(self)
        self.act_redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.act_grid = QAction(self, checkable=True, shortcut="Ctrl+G")
        self.act_grid.toggled.connect(self.view_toggle.setChecked)
        self.view_toggle.toggled.connect(self.act_grid.setChecked)
        self.act_zh = QAction("中文", self, checkable=True, triggered=lambda: self.set_language("zh"))
        self.act_en = QAction("English", self, checkable=True, triggered=lambda: self.set_language("en"))
        group = QActionGroup(self)
        for act in (self.act_zh, self.act_en):
            group.addAction(act)
        self.act_delete.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(self.act_delete)
        self.grid.addAction(self.act_delete)

        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addActions([self.act_new, self.act_save])
        self.menu_file.addSeparator()
        self.menu_file.addActions([self.act_import, self.act_export, self.act_museum])
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_print)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        from ui.keeping import SafekeepingActions

        self.safekeeping = SafekeepingActions(self, self.archive)
        from ui.curator.shared_archive import SharedArchiveActions

        self.shared = SharedArchiveActions(self, self.archive)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addActions([self.act_undo, self.act_redo])
        self.menu_edit.addSeparator()
        self.menu_edit.addActions([self.act_find, self.act_delete])
        self.menu_view = bar.addMenu("")
        self.menu_view.addAction(self.act_grid)
        self.menu_language = bar.addMenu("")
        self.menu_language.addActions([self.act_zh, self.act_en])
        (self.act_zh if i18n.current_language() == "zh" else self.act_en).setChecked(True)

    def retranslate(self) -> None:
        title = self.tr("Exhibit — Defence of Hengyang archive")
        if self.archive.is_server:   # which shared archive: a curator may have two open
            from exhibit.server.address import brief

            database, host = brief(str(self.archive.location))
            title += " — " + (self.tr("%1 on %2").replace("%1", database).replace("%2", host) if host else database)
        self.setWindowTitle(title)
        for row in range(self.navigator.count()):
            item = self.navigator.item(row)
            item.setText(type_label(item.data(Qt.ItemDataRole.UserRole)))
        self.navigator.setAccessibleName(self.tr("Record types"))
        self.search_box.setPlaceholderText(self.tr("Search: Chinese, pinyin, English or accession number"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.date_from.setPlaceholderText(self.tr("From date"))
        self.date_to.setPlaceholderText(self.tr("To date"))
        self.date_from.setAccessibleName(self.tr("From date"))
        self.date_to.setAccessibleName(self.tr("To date"))
        self.category_filter.setAccessibleName(self.tr("Category filter"))
        self.section_filter.setAccessibleName(self.tr("Section filter"))
        self.status_filter.setAccessibleName(self.tr("Status filter"))
        self.view_toggle.setText(self.tr("Grid"))
        self.view_toggle.setToolTip(self.tr("Show thumbnails (Ctrl+G)"))
        self.table.setAccessibleName(self.tr("Records"))
        self.grid.setAccessibleName(self.tr("Thumbnails"))
        for index, text in enumerate((self.tr("Details"), self.tr("Images"), self.tr("Links"),
                                      self.tr("Kiosk preview"), self.tr("History"))):
            self.tabs.setTabText(index, text)
        self.act_new.setText(self.tr("&New record"))
        self.act_save.setText(self.tr("&Save"))
        self.act_delete.setText(self.tr("&Delete record…"))
        self.act_find.setText(self.tr("&Find"))
        self.act_quit.setText(self.tr("&Quit"))
        self.act_print.setText(self.tr("&Print labels or catalogue…"))
        self.act_import.setText(self.tr("&Import a spreadsheet…"))
        self.act_export.setText(self.tr("E&xport…"))
        self.act_museum.setText(self.tr("&Museum…"))
        self.act_undo.setText(self.tr("&Undo"))
        self.act_redo.setText(self.tr("&Redo"))
        self.act_grid.setText(self.tr("&Thumbnail grid"))
        self.menu_file.setTitle(self.tr("&File"))
        self.menu_edit.setTitle(self.tr("&Edit"))
        self.menu_view.setTitle(self.tr("&View"))
        self.menu_language.setTitle(self.tr("&Language"))
        self._fill_filters()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        # A closed window may outlive its archive (until Qt deletes it): it has nothing to retranslate.
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        i18n.set_language(lang)
        (self.act_zh if lang == "zh" else self.act_en).setChecked(True)

    # ------------------------------------------------------------ filters and the list

    def current_type(self) -> str:
        item = self.navigator.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else "object"

    def _fill_filters(self) -> None:
        lang = i18n.current_language()
        for combo, entries, any_text in (
                (self.category_filter, [(t.code, t.label_zh if lang == "zh" else t.label_en)
                                        for t in vocab.terms(self.archive.db, "category")],
                 self.tr("All categories")),
                (self.status_filter, [(t.code, t.label_zh if lang == "zh" else t.label_en)
                                      for t in vocab.terms(self.archive.db, "status")],
                 self.tr("Any status")),
                (self.section_filter, [(s.id, s.display_title(lang))
                                       for s in services.list_records(self.archive, "section")],
                 self.tr("All sections"))):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(any_text, None)
            for value, text in entries:
                combo.addItem(text, value)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)

    def _date_bound(self, box: QLineEdit, end: bool) -> str | None:
        text = box.text().strip()
        if not text:
            box.setToolTip("")
            return None
        try:
            parsed = parse_date(text)
        except DateError as exc:
            box.setToolTip(plaintext.tip(str(exc)))
            box.setStyleSheet("color: #b00020")
            return None
        box.setStyleSheet("")
        box.setToolTip(f"{parsed.start} – {parsed.end}")
        return parsed.end if end else parsed.start

    def query(self) -> ListQuery:
        record_type = self.current_type()
        is_object = record_type == "object"
        return ListQuery(
            record_type,
            search=self.search_box.text().strip(),
            category=self.category_filter.currentData() if is_object else None,
            status=self.status_filter.currentData() if is_object else None,
            section_id=self.section_filter.currentData() if record_type in ("object", "panel") else None,
            date_from=self._date_bound(self.date_from, end=False),
            date_to=self._date_bound(self.date_to, end=True))

    def apply_filters(self) -> None:
        record_type = self.current_type()
        self.category_filter.setEnabled(record_type == "object")
        self.status_filter.setEnabled(record_type == "object")
        self.section_filter.setEnabled(record_type in ("object", "panel"))
        keep = self._current
        self.model.set_query(self.query())
        self._fit_columns()
        self._update_count()
        if keep and keep[0] == record_type and self.select(*keep):
            return
        if self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_record(None)

    def _update_count(self) -> None:
        if hasattr(self, "model"):
            self.count_label.setText(self.tr("%n record(s)", "", self.model.rowCount()))

    def _type_changed(self, _row: int) -> None:
        if not self.form.maybe_leave():
            return
        self._current = None
        self._widths_by_hand = False
        self.apply_filters()

    def _fit_columns(self) -> None:
        if self._widths_by_hand:
            return
        self._fitting = True
        try:
            configure_columns(self.table, self.model)
        finally:
            self._fitting = False

    def _column_resized(self, *_: int) -> None:
        # The last column stretches with the view by itself; a drag holds a button down on the header.
        if not self._fitting and self._header_held:
            self._widths_by_hand = True

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_columns()
        elif watched is self.table.horizontalHeader().viewport():
            if kind == QEvent.Type.MouseButtonPress:
                self._header_held = True
            elif kind == QEvent.Type.MouseButtonRelease:
                self._header_held = False
        return super().eventFilter(watched, event)

    def _toggle_grid(self, on: bool) -> None:
        # Both views mark the open record before the other one shows: a view
        # without a current row marks its first row when it takes the focus,
        # which opened HY1944.0001 in the editor while the list still showed 0014.
        self._mark_open_record()
        self.views.setCurrentWidget(self.grid if on else self.table)

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    # ------------------------------------------------------------ opening records

    def _view_row_changed(self, view: QAbstractItemView, current: QModelIndex, previous: QModelIndex) -> None:
        """The curator moved to another row of the list or the grid: open its record there.

        Rows the window marks itself (_mark_open_record) open nothing: the
        record they mark is open already.
        """
        if self._marking or not current.isValid():
            return
        if self._current and not self.form.maybe_leave():
            self._mark_open_record()  # stay on the record with unsaved changes
            return
        self._open_row(current.row())

    def _mark_open_record(self) -> None:
        """Mark the open record's row in the list and in the grid (opening nothing).

        The editor, the list and the grid show one record: every path that
        opens a record, reorders or reloads the list, or switches views comes
        here, so a view never keeps (or invents) a current row of its own.
        """
        row = -1
        if self._current is not None and self._current[0] == self.model.record_type:
            row = self.model.row_of(self._current[1])
        for view in (self.table, self.grid):
            self._mark(view, row)

    def _mark(self, view: QAbstractItemView, row: int) -> None:
        """Make `row` the current, selected row of `view` (-1: none) without opening it."""
        selection = view.selectionModel()
        model = view.model()
        index = model.index(row, 0) if 0 <= row < model.rowCount() else QModelIndex()
        if selection.currentIndex() == index and (not index.isValid() or selection.isSelected(index)):
            return
        self._marking = True
        try:
            if index.isValid():
                flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
                if view is self.table:
                    flags |= QItemSelectionModel.SelectionFlag.Rows
                selection.setCurrentIndex(index, flags)
            else:
                selection.clear()  # nothing open here: no row may claim to be
        finally:
            self._marking = False

    def _open_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            record_id = self.model.id_at(row)
            if record_id >= 0:  # -1: a long list whose ids are still loading
                self._show_record((self.model.record_type, record_id))

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows of the list, in row order (known rows only)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [i for i in (self.model.id_at(r) for r in rows) if i >= 0]

    def open_print(self):
        """File → Print: the selected objects first, the section filter preselected."""
        from ui.printing import open_print_dialog

        objects = self.selected_ids() if self.model.record_type == "object" else []
        return open_print_dialog(self, self.archive, objects, self.section_filter.currentData())

    def open_import(self):
        """File → Import: the wizard (window-modal: the import holds the write lock)."""
        from ui.interchange import open_import_wizard

        if not self.form.maybe_leave():
            return None
        return open_import_wizard(self, self.archive)

    def open_export(self):
        """File → Export: the selected records of the list, or all of its type."""
        from ui.interchange import open_export_dialog

        dialog = open_export_dialog(self, self.archive, self.model.record_type, self.selected_ids())
        self._export_dialogs = [d for d in getattr(self, "_export_dialogs", []) if shiboken6.isValid(d)]
        self._export_dialogs.append(dialog)
        return dialog

    def open_museum(self):
        """File → Museum: the name, identifier and rights that exports give for this archive."""
        from ui.curator.museum_dialog import open_museum_dialog

        return open_museum_dialog(self, self.archive)

    def select(self, record_type: str, record_id: int) -> bool:
        if record_type != self.model.record_type:
            return False
        row = self.model.row_of(record_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self._show_record((record_type, record_id))
        return True

    def open_record(self, record_type: str, record_id: int) -> None:
        """Jump to any record (from a link, the structure tree …)."""
        if not self.form.maybe_leave():
            return
        if record_type != self.current_type():
            row = RECORD_TYPES.index(record_type)
            self.navigator.blockSignals(True)
            self.navigator.setCurrentRow(row)
            self.navigator.blockSignals(False)
            self.search_box.blockSignals(True)
            self.search_box.clear()
            self.search_box.blockSignals(False)
            self._widths_by_hand = False
            self.model.set_query(self.query())
            self._fit_columns()
            self._update_count()
        if not self.select(record_type, record_id):
            self._show_record((record_type, record_id))

    def _show_record(self, key: tuple[str, int] | None) -> None:
        if key != self._current:
            self.changed_bar.hide()  # it spoke of the record shown before
        self._current = key
        self._mark_open_record()
        if key is None:
            self.form.clear(self.current_type())
            self._shown_record = None
            self._sync_tabs()
            return
        record_type, record_id = key
        try:
            record = services.get(self.archive, record_type, record_id)
        except ExhibitError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self.form.set_record(record)
        self._shown_record = record
        self.tabs.setTabVisible(1 + LAZY_TABS.index("preview"), record_type == "panel")
        self._sync_tabs()

    # ------------------------------------------------------------ the record's other tabs

    def _tab(self, name: str) -> QWidget:
        """The tab `name` of LAZY_TABS, built now if it was not yet, showing the open record.

        A curator who never opens a record's links or history does not wait
        for them at start-up, nor when moving from record to record.
        """
        widget = self._tabs_made.get(name)
        if widget is None:
            holder = self.tabs.widget(1 + LAZY_TABS.index(name))
            widget = self._make_tab(name, holder)  # made inside its page, never a window of its own
            self._tabs_made[name] = widget
            holder.layout().addWidget(widget)
            self._sync_tab(name, widget)
        return widget

    def _make_tab(self, name: str, parent: QWidget) -> QWidget:
        if name == "media_panel":
            from ui.curator.editor.media import MediaPanel

            return MediaPanel(self.archive, self.stack, parent)
        if name == "links":
            from ui.curator.editor.links import LinksEditor

            links = LinksEditor(self.archive, self.stack, parent)
            links.open_record.connect(self.open_record)
            return links
        if name == "preview":
            from ui.curator.editor.panel_preview import PanelPreview

            return PanelPreview(self.archive, parent)
        from ui.curator.editor.history import HistoryView

        return HistoryView(self.archive, self.stack, parent=parent)

    def _sync_tabs(self) -> None:
        for name, widget in self._tabs_made.items():
            self._sync_tab(name, widget)

    def _sync_tab(self, name: str, widget) -> None:
        """Show the open record (or none) in one of the built tabs."""
        key = self._current if self._shown_record is not None else None
        if name != "preview":
            widget.set_record(*(key or (None, None)))
        elif key is not None and key[0] == "panel":
            widget.set_panel(self._shown_record)

    @property
    def media_panel(self):
        """The Images tab (ui.curator.editor.media.MediaPanel)."""
        return self._tab("media_panel")

    @property
    def links(self):
        """The Links tab (ui.curator.editor.links.LinksEditor)."""
        return self._tab("links")

    @property
    def preview(self):
        """The Kiosk preview tab of a panel (ui.curator.editor.panel_preview.PanelPreview)."""
        return self._tab("preview")

    @property
    def history_view(self):
        """The History tab (ui.curator.editor.history.HistoryView)."""
        return self._tab("history_view")

    def _draft_changed(self, draft) -> None:
        if draft is not None and draft.TYPE == "panel" and "preview" in self._tabs_made:
            self.preview.set_panel(draft)

    def _saved(self, record) -> None:
        """A new record was stored: show it in the list, selected."""
        self.changed_bar.hide()  # the curator's own save answered it
        if self._current != (record.TYPE, record.id):
            self._current = (record.TYPE, record.id)
            if record.TYPE == self.model.record_type and self.model.row_of(record.id) < 0:
                self.model.refresh([])
            self.select(record.TYPE, record.id)

    def new_record(self) -> None:
        if not self.form.maybe_leave():
            return
        self.tabs.setCurrentWidget(self.form)
        self._current = None
        self.changed_bar.hide()
        self._mark_open_record()  # no row is the new record's
        self.form.new_record(self.current_type())
        self._shown_record = None
        self._sync_tabs()

    # ------------------------------------------------------------ deleting

    def delete_current(self) -> None:
        if self._current is None:
            return
        from ui.curator.commands.records import delete_record

        record_type, record_id = self._current
        try:
            record = services.get(self.archive, record_type, record_id)
        except ExhibitError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        linked = [text for _, _, text in services.linked_from(self.archive, record_type, record_id)]
        if not self.confirm_delete(record.label(), linked):
            return
        try:
            delete_record(self.stack, self.archive, record_type, record_id, cascade=bool(linked))
        except ExhibitError as exc:
            QMessageBox.warning(self, self.tr("Cannot delete"), str(exc))

    def confirm_delete(self, label: str, linked: list[str]) -> bool:
        """Ask before deleting; say what else is linked. Tests replace this method."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete record"))
        box.setText(self.tr("Delete %1?").replace("%1", label))
        if linked:
            box.setInformativeText(self.tr("It is linked to %n record(s); the links will be removed too:",
                                           "", len(linked)) + "\n" + "\n".join(linked[:20]))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------ keeping in step

    def _records_changed(self, record_type: str, ids: list) -> None:
        # The list model and the open form follow the hub themselves.
        if record_type == self.model.record_type:
            self._update_count()
        if record_type == "section":
            self._fill_filters()

    def _record_deleted(self, record_type: str, record_id: int) -> None:
        if record_type == self.model.record_type:
            self._update_count()
        if self._current == (record_type, record_id):
            self._current = None

    # ------------------------------------------------------------ other curators (a server archive)

    def follow_server(self, changes) -> None:
        """Hear other curators' edits through `changes` (ui.common.server_changes.ServerChanges):
        the hub refreshes the lists and forms, the status bar shows the connection's state,
        and the bar above the form tells of a change to the open record. The window stops
        the listener when it closes."""
        from ui.common.server_changes import ServerStatus

        self.server_changes = changes
        self.server_status = ServerStatus(changes)
        self.statusBar().addPermanentWidget(self.server_status)
        changes.change.connect(self._server_change)

    def _server_change(self, change) -> None:
        # Emitted before the hub makes the form re-read: `dirty` is still the curator's.
        if self._current == (change.type, change.id) and change.action in ("update", "delete"):
            self.changed_bar.show_change(change, editing=self.form.dirty)

    def _reload_open_record(self) -> None:
        form = self.form.current
        if form is not None:
            form.revert()  # re-reads the stored record, dropping the unsaved edits

    # ------------------------------------------------------------ window state

    def _restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("curator/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1366, 768)
        state = settings.value("curator/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([200, 640, 520])
        self.view_toggle.setChecked(settings.value("curator/grid", False, type=bool))

    def closeEvent(self, event) -> None:
        if not self.form.maybe_leave():
            event.ignore()
            return
        # Nothing may touch the archive after the window is gone: stop the
        # pending search, the worker threads and the hub listeners.
        self._debounce.stop()
        self.safekeeping.stop()
        if self.server_changes is not None:
            self.server_changes.stop()
            self.server_changes.change.disconnect(self._server_change)
        for dialog in getattr(self, "_export_dialogs", []):
            if shiboken6.isValid(dialog):
                dialog.shutdown()  # a running export's worker must end before the archive closes
        made = self._tabs_made
        if "media_panel" in made:
            made["media_panel"].shutdown()
        self.thumbnails.shutdown()
        self.model.close()
        self.form.disconnect_events()
        if "history_view" in made:
            made["history_view"].disconnect_events()
            made["history_view"].movements.disconnect_events()
        _disconnect_hub(*(made[n] for n in ("preview", "links") if n in made), self.structure)
        self._closed = True
        settings = QSettings()
        settings.setValue("curator/geometry", self.saveGeometry())
        settings.setValue("curator/splitter", self.splitter.saveState())
        settings.setValue("curator/grid", self.view_toggle.isChecked())
        super().closeEvent(event)


def _disconnect_hub(*widgets: QWidget) -> None:
    """Stop widgets that outlive the window from reacting to later archive events."""
    import warnings

    hub = events()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "failed to disconnect": was not connected
        _disconnect_each(hub, widgets)


def _disconnect_each(hub, widgets) -> None:
    for widget in widgets:
        for signal in (hub.records_changed, hub.record_deleted, hub.language_changed):
            for name in ("_records_changed", "_record_deleted", "retranslate"):
                slot = getattr(widget, name, None)
                if slot is None:
                    continue
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass  # was not connected to this signal


MIN_CHARS = 8  # a long text column is never narrowed below this many average characters


def column_widths(columns, char: int, available: int) -> list[int]:
    """Widths in pixels that fit `available`: the long texts give up room, identifiers and dates never.

    Each column wants `width` average characters. When they do not all fit,
    the columns that are not `fixed` give up room down to MIN_CHARS, the
    vocabulary columns first, each the same share of what it has above it, so
    an event's date or an object's status stays on screen at 1366×768 instead
    of past the right edge. Room to spare widens them. Never measured from contents.
    """
    wanted = [c.width * char for c in columns]
    excess = sum(wanted) - available
    if excess < 0:
        # Room to spare goes to the long texts (not all to the last column, a date, say).
        flexible = sum(w for c, w in zip(columns, wanted) if not c.fixed)
        if flexible:
            return [w if c.fixed else w + (-excess * w) // flexible for c, w in zip(columns, wanted)]
        return wanted
    floor = MIN_CHARS * char
    # Vocabulary columns (a category, a status) give up room first: a cut term still
    # reads; then the names and titles share what is left.
    for tier in ([i for i, c in enumerate(columns) if not c.fixed and c.vocab],
                 [i for i, c in enumerate(columns) if not c.fixed and not c.vocab]):
        room = sum(max(0, wanted[i] - floor) for i in tier)
        if excess <= 0 or room <= 0:
            continue
        share = min(1.0, excess / room)
        for i in tier:
            above = max(0, wanted[i] - floor)
            cut = min(above, math.ceil(above * share))
            wanted[i] -= cut
            excess -= cut
    return wanted


def configure_columns(view: QTableView, model) -> None:
    """Column widths for the record type now shown, fitted to the list's width."""
    char = max(view.fontMetrics().averageCharWidth(), 6)
    widths = column_widths(model.columns(), char, view.viewport().width())
    for i, width in enumerate(widths):
        view.setColumnWidth(i, width)


class RecordTabs(QTabWidget):
    """The open record's tabs; a tab built later sits in a holder page, and is found by itself too."""

    def _page_of(self, widget: QWidget) -> QWidget:
        for index in range(self.count()):
            page = self.widget(index)
            if page is widget or widget.parentWidget() is page:
                return page
        return widget

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 (Qt's name)
        super().setCurrentWidget(self._page_of(widget))

    def indexOf(self, widget: QWidget) -> int:  # noqa: N802 (Qt's name)
        return super().indexOf(self._page_of(widget))


class FormHost(QStackedWidget):
    """One RecordForm per record type (their fields differ), made when first needed."""

    draftChanged = Signal(object)
    saved = Signal(object)

    def __init__(self, archive: Archive, stack: QUndoStack) -> None:
        super().__init__()
        self.archive, self.stack = archive, stack
        self.forms: dict[str, "RecordForm"] = {}
        self.setObjectName("formHost")

    def form_for(self, record_type: str):
        from ui.curator.editor.forms import RecordForm

        if record_type not in self.forms:
            form = RecordForm(self.archive, self.stack, record_type=record_type)
            form.draftChanged.connect(self.draftChanged)
            form.saved.connect(self.saved)
            self.forms[record_type] = form
            self.addWidget(form)
        return self.forms[record_type]

    @property
    def current(self):
        return self.currentWidget()

    def set_record(self, record) -> None:
        form = self.form_for(record.TYPE)
        form.load(record)
        self.setCurrentWidget(form)

    def new_record(self, record_type: str) -> None:
        from exhibit.records import record_class

        self.set_record(record_class(record_type)())

    def clear(self, record_type: str) -> None:
        self.new_record(record_type)

    def save(self) -> bool:
        form = self.currentWidget()
        return form.save() if form is not None else False

    @property
    def dirty(self) -> bool:
        form = self.currentWidget()
        return bool(form is not None and form.dirty)

    def maybe_leave(self) -> bool:
        form = self.currentWidget()
        return form.maybe_leave() if form is not None else True

    def disconnect_events(self) -> None:
        for form in self.forms.values():
            form.disconnect_events()
