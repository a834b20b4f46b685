"""Item models for record lists of any size: a table and a thumbnail grid.

`RecordTableModel` holds only the ordered ids of what it lists (an
array('q'), 8 bytes a row, from exhibit.listing.record_ids) and reads the
displayed columns a page of 64 rows at a time (exhibit.listing.fetch_rows),
keeping a bounded LRU of pages. Opening 1,000,000 objects costs the id list
and one page, not a million records. Sorting asks the core again (an index
scan) instead of a QSortFilterProxyModel, which would read every row.

A list longer than SYNC_BELOW rows (without search text) does not wait for
its id list: the model counts the rows (one count(*), a few ms), paints,
and loads the whole list on a pool thread over its own read-only
connection (0.2–0.6 s at a million rows would miss the 300 ms first paint
and freeze the window). Where the first ids are cheap — an unfiltered list,
or a filter that keeps most rows, read by the same ORDER BY with a LIMIT
(~1 ms) — they are shown at once; a narrow filter over a big table would
scan the ordering index for them (measured 1.7 s for a 3 % category at a
million rows), so its rows stay blank the ~0.1 s until the list arrives.
Until then rows past the known ids show empty text, id_at() gives -1 for
them and row_of() may give -1. Sorting a long list takes the same path.

`ThumbnailGridModel` shows the same ids as a grid of thumbnails for a
QListView in IconMode; thumbnails load off the UI thread (ui.common.thumbnails).

The table model follows ui.common.events (records_changed, record_deleted,
language_changed) until `close()`, which its owner calls before the archive
closes. Views over these models must keep fixed row heights and never use
ResizeToContents on a big list (measured: 116 s at 100,000 rows);
`configure_table_view` and `configure_grid_view` set them up. Both models
answer Qt 6's multiData (one call from C++ a cell instead of seven).
Measured by bench/curator_list.py.
"""
from __future__ import annotations

from array import array
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QListView, QTableView

from exhibit import listing, vocab
from exhibit.archive import Archive, connect
from exhibit.listing import ListQuery
from exhibit.records import Media
from ui.common import naming
from ui.common.background import run_task
from ui.common.events import events
from ui.common.plaintext import tip
from ui.common.thumbnails import ThumbnailLoader, placeholder

# A screen shows ~25 rows: a jump reads one or two 64-row pages (~0.4 ms), not
# a 256-row page (~1.4 ms, a tenth of a frame). Measured with bench/curator_list.py.
PAGE_SIZE = 64
MAX_PAGES = 256         # 16,384 rows in memory at most (a few MB)
# Up to this many rows an edit re-runs the query at once, so a renamed record
# moves to its sorted place; above it only the edited rows are re-read (the
# order catches up at the next sort or filter) so an edit never costs 0.3 s.
REQUERY_LIMIT = 50_000
# Above this many rows the id list loads off the UI thread (see the module doc).
SYNC_BELOW = 5_000
# A filtered list shows its first ids at once only if it keeps at least this
# share of the table: otherwise the ORDER BY … LIMIT walks most of the index.
DENSE_SHARE = 0.25

Role = Qt.ItemDataRole
# Plain ints: compared thousands of times a frame, faster than enum members.
_DISPLAY, _DECORATION, _TOOLTIP, _SIZE_HINT, _USER = (
    int(Role.DisplayRole.value), int(Role.DecorationRole.value), int(Role.ToolTipRole.value),
    int(Role.SizeHintRole.value), int(Role.UserRole.value))


@dataclass(frozen=True)
class Column:
    field: str             # the record field shown; its header is the field's name in exhibit.names
    sort: str              # the exhibit.listing sort key ("title": the window's language's title)
    vocab: str | None = None  # shown as the vocabulary's names
    width: int = 16        # initial width in average characters
    # Never narrowed to fit the view (an accession number, a key, a date): the
    # long texts beside it give up their room first (ui.curator.window.column_widths).
    fixed: bool = False
    # A bilingual pair shown as one column: `field` is the Chinese half, `pair`
    # the English; the cell shows the window's language, else the other one.
    pair: str | None = None
    show: str | None = None    # how the value is written: "size" (a byte count as KB / MB)
    header: str | None = None  # a header of its own (marked for translation), else the field's name

    def sort_key(self) -> str:
        return f"title_{naming.lang()}" if self.sort == "title" else self.sort

    def language(self) -> str | None:
        """"zh" or "en" for a column of one language's text (name_zh, title_en), painted in that
        language's font order; None for the rest (a pair column shows the window's language)."""
        if self.pair is None and self.field.endswith(("_zh", "_en")):
            return self.field[-2:]
        return None

    def shown_field(self) -> str:
        """The field whose value the cell shows in the window's language (its header names it)."""
        if self.pair is None:
            return self.field
        return self.field.removesuffix("_zh") or self.field  # caption_zh → caption


def _ident(field: str, width: int = 14) -> Column:
    return Column(field, "identifier", width=width, fixed=True)


_OBJECT = [
    _ident("accession"),
    Column("name_zh", "title_zh", width=18),
    Column("name_en", "title_en", width=26),
    Column("category", "category", vocab="category", width=24),
    Column("date_text", "date", width=12, fixed=True),
    Column("status", "status", vocab="status", width=12),
]
_TITLES = [Column("title_zh", "title_zh", width=22), Column("title_en", "title_en", width=30)]
_NAMES = [Column("name_zh", "title_zh", width=18), Column("name_en", "title_en", width=26)]
_DATE = Column("date_text", "date", width=12, fixed=True)
# An event's date is often a span (1944-06-28/1944-07-02): it is what the timeline orders by.
_EVENT_DATE = Column("date_text", "date", width=19, fixed=True)
_KEY = _ident("key")
_CODE = _ident("code")

COLUMNS: dict[str, list[Column]] = {
    "object": _OBJECT,
    # The file name whole (rows of generated illustrations share the start of their
    # captions), its size, and one caption in the window's language: two long
    # captions side by side leave room for neither.
    "media": [_ident("original_name", width=24),
              Column("size_bytes", "size_bytes", width=9, fixed=True, show="size",
                     header=QT_TRANSLATE_NOOP("RecordTableModel", "Size")),
              Column("caption_zh", "title", width=40, pair="caption_en"), _DATE],
    "section": [_CODE, *_TITLES],
    "panel": [_CODE, *_TITLES],
    "person": [_KEY, *_NAMES, Column("born", "date", width=12, fixed=True)],
    "place": [_KEY, *_NAMES],
    "event": [_KEY, *_TITLES, _EVENT_DATE],
    # A bibliographic title is in its own language: one title column, then author and year.
    "source": [_KEY, Column("title", "title_zh", width=36), Column("author", "author", width=18),
               Column("year", "year", width=8, fixed=True)],
}


def columns_for(record_type: str) -> list[Column]:
    return COLUMNS.get(record_type) or COLUMNS["place"]


def fields_of(columns: list[Column]) -> list[str]:
    """The fields a page reads: each column's, then the other halves of bilingual columns."""
    return [c.field for c in columns] + [c.pair for c in columns if c.pair]


def size_text(n: int | None) -> str:
    """A file size as people read it: 375 KB, 2.4 MB."""
    if not n:
        return ""
    if n >= 1 << 20:
        return f"{n / (1 << 20):.1f} MB"
    if n >= 1 << 10:
        return f"{n / (1 << 10):.0f} KB"
    return f"{n} B"


class _IdsLoad:
    """record_ids() of a query, on a pool thread (background.run_task), over its own read-only connection.

    The UI thread's connection is never touched here. cancel() interrupts the
    query, so closing a model does not wait for a load.
    """

    def __init__(self, archive: Archive, query: ListQuery) -> None:
        self._archive, self._query = archive, query
        self._db = None
        self._cancelled = False

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        self._cancelled = True  # set before reading _db: run() sets _db before checking this
        db = self._db
        if db is not None:
            try:
                if self._archive.is_server:
                    db.conn.cancel()   # the server stops the statement running
                else:
                    db.conn.interrupt()
            except Exception:  # already closed: the load has finished
                pass

    def __call__(self) -> array | None:  # pool thread; None if the load failed
        if self._archive.is_server:
            return self._from_server()
        ids = None
        try:
            db = connect(self._archive.db_path, readonly=True)
            self._db = db
            try:
                if not self._cancelled:
                    ids = listing.record_ids(replace(self._archive, db=db, readonly=True), self._query)
            finally:
                self._db = None
                db.close()
        except Exception:  # interrupted, or the archive went away: nothing to show
            ids = None
        return ids

    def _from_server(self) -> array | None:
        """The same on a server archive: a connection of the load's own (one connection is
        not shared between threads), read-only."""
        ids = None
        try:
            own = Archive.open(self._archive.location, readonly=True, user=self._archive.user)
            self._db = own.db
            try:
                if not self._cancelled:
                    ids = listing.record_ids(own, self._query)
            finally:
                self._db = None
                own.close()
        except Exception:  # cancelled, or the server went away: nothing to show
            ids = None
        return ids


@dataclass
class _Page:
    raw: list[tuple | None]     # field values as read (None: the record is gone)
    text: list[tuple[str, ...]]  # what the cells show


class RecordTableModel(QAbstractTableModel):
    """The records a ListQuery selects, read a page at a time. UserRole gives (type, id)."""

    sync_below = SYNC_BELOW  # a class attribute, so tests can lower it
    # The whole id list of a long list has arrived (views re-select their current record).
    ids_loaded = Signal()

    def __init__(self, archive: Archive, query: ListQuery, parent=None, *,
                 page_size: int = PAGE_SIZE, max_pages: int = MAX_PAGES, listen: bool = True) -> None:
        super().__init__(parent)
        self.archive = archive
        self.page_size = page_size
        self.max_pages = max_pages
        self._query = query
        self._columns = columns_for(query.record_type)
        self._fields = fields_of(self._columns)
        self._labels = self._vocab_labels()
        self._headers: tuple[tuple[str, str] | None, list[str]] = (None, [])
        self._pages: OrderedDict[int, _Page] = OrderedDict()
        self._hot_number, self._hot_page = -1, None
        self.page_loads = 0  # pages read from the archive (tests and the benchmark read it)
        self._generation = 0          # bumped by every new id list: a stale load is ignored
        self._load: _IdsLoad | None = None
        self._closed = False
        self._ids: array = array("q")
        self._count = 0
        self._load_ids()
        self._listening = listen
        if listen:
            hub = events()
            hub.records_changed.connect(self._on_records_changed)
            hub.record_deleted.connect(self._on_record_deleted)
            hub.language_changed.connect(self.retranslate)

    def close(self) -> None:
        """Stop listening to the archive's events and drop a running id load (call before the archive closes)."""
        self._closed = True
        self._cancel_load()
        if self._listening:
            self._listening = False
            hub = events()
            hub.records_changed.disconnect(self._on_records_changed)
            hub.record_deleted.disconnect(self._on_record_deleted)
            hub.language_changed.disconnect(self.retranslate)

    # ------------------------------------------------------------ the query

    @property
    def query(self) -> ListQuery:
        return self._query

    @property
    def record_type(self) -> str:
        return self._query.record_type

    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_query(self, query: ListQuery) -> None:
        """Show another selection (type, filters, search text or order): a model reset."""
        self.beginResetModel()
        self._query = query
        self._columns = columns_for(query.record_type)
        self._fields = fields_of(self._columns)
        self._labels = self._vocab_labels()
        self._load_ids()
        self._drop_pages()
        self.endResetModel()

    # ------------------------------------------------------------ the id list

    @property
    def loading(self) -> bool:
        """True while the full id list of a long list is still loading."""
        return self._load is not None

    def _load_ids(self) -> None:
        """Take the query's id list: at once for a short list; count and first ids, then the rest, for a long one."""
        self._cancel_load()
        query = self._query
        count = -1
        if not self._closed and not (query.search or "").strip():  # a search's count costs its whole list
            count = listing.count_ids(self.archive, query)
        if count <= self.sync_below:
            self._ids = listing.record_ids(self.archive, query)
            self._count = len(self._ids)
            return
        if self._first_ids_are_cheap(count):
            self._ids = listing.first_ids(self.archive, query, 4 * self.page_size)
        else:
            self._ids = array("q")
        self._count = count
        self._start_load()

    def _first_ids_are_cheap(self, count: int) -> bool:
        query = self._query
        if not (query.category or query.status or query.date_from or query.date_to
                or query.section_id is not None):
            return True
        return count >= DENSE_SHARE * listing.table_size_estimate(self.archive, query.record_type)

    def _start_load(self) -> None:
        self._cancel_load()
        load = _IdsLoad(self.archive, self._query)
        self._load = load
        run_task(load, partial(self._load_done, load, self._generation), owner=self)

    def _cancel_load(self) -> None:
        self._generation += 1
        load, self._load = self._load, None
        if load is not None:
            load.cancel()

    def _load_done(self, load: _IdsLoad, generation: int, ids: array | None) -> None:
        if not load.cancelled:  # a cancelled load reports nothing
            self._ids_loaded(generation, ids)

    def _ids_loaded(self, generation: int, ids: array | None) -> None:
        if generation != self._generation or self._closed:
            return  # a newer query (or close) made this load stale
        self._load = None
        if ids is None:  # the load failed (it should not): read the list here
            ids = listing.record_ids(self.archive, self._query)
        known = len(self._ids)
        if len(ids) == self._count and ids[:known] == self._ids:
            # The usual case: the same rows, now all known; only their texts change.
            self._ids = ids
            self._drop_pages()
            if self._count:
                self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1))
        else:
            self._apply(ids)  # the archive changed meanwhile
        self.ids_loaded.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order by a column: the core sorts (with an index), the current rows stay selected."""
        key = self._columns[column].sort_key() if 0 <= column < len(self._columns) else "default"
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._effective_sort(), self._query.descending):
            return  # QTableView.setSortingEnabled sorts once on its own: no second query
        self._query = replace(self._query, sort=key, descending=descending)
        if self._count > self.sync_below and not self._query.search.strip():
            # A long list re-sorts on a pool thread: a reset, then the first rows, then the rest.
            self.beginResetModel()
            self._load_ids()
            self._drop_pages()
            self.endResetModel()
            return
        self._requery()

    def _effective_sort(self) -> str:
        key = self._query.sort
        if key == "default" and not self._query.search.strip():
            return listing.default_sort(self.record_type) or key  # objects: by accession
        return key

    def sort_column(self) -> int:
        """The column the current order is by, or -1 (for a header's sort indicator)."""
        key = self._effective_sort()
        return next((i for i, c in enumerate(self._columns) if c.sort_key() == key), -1)

    def _vocab_labels(self) -> dict[str, dict[str, str]]:
        """Each vocabulary column's terms by code, named in the window's language."""
        out: dict[str, dict[str, str]] = {}
        for column in self._columns:
            if column.vocab:
                out[column.vocab] = {t.code: naming.term_name(t)
                                     for t in vocab.terms(self.archive.db, column.vocab)}
        return out

    # ------------------------------------------------------------ rows and ids

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def id_at(self, row: int) -> int:
        """The id in `row`; -1 for a row of a long list whose id has not loaded yet."""
        if len(self._ids) <= row < self._count:
            return -1
        return self._ids[row]

    def row_of(self, record_id: int) -> int:
        """The row showing `record_id`, or -1 (also while a long list loads and it is not known yet).

        A C-speed scan: ~1 ms per million rows, no index kept.
        """
        try:
            return self._ids.index(record_id)
        except ValueError:
            return -1

    def ids(self) -> array:
        """The ids known so far, in row order: all of them unless `loading`."""
        return self._ids

    def _page(self, number: int) -> _Page:
        if number == self._hot_number:  # most calls in a frame hit the page of the last one
            return self._hot_page
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
        else:
            first = number * self.page_size
            ids = self._ids[first:first + self.page_size]
            found = listing.fetch_rows(self.archive, self.record_type, ids, self._fields)
            raw = [found.get(i) for i in ids]  # None: deleted since the list was made
            page = _Page(raw, [self._texts(values) for values in raw])
            self._pages[number] = page
            self.page_loads += 1
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
        self._hot_number, self._hot_page = number, page
        return page

    def _texts(self, values: tuple | None) -> tuple[str, ...]:
        """A row's cell texts, made once a page is read rather than at every paint."""
        if values is None:
            return ("",) * len(self._columns)
        out = []
        others = iter(values[len(self._columns):])  # the other halves of bilingual columns, in order
        zh = naming.lang() == "zh"
        for column, value in zip(self._columns, values):
            if column.pair is not None:
                other = next(others)
                first, second = (value, other) if zh else (other, value)
                out.append(first or second or "")
            elif column.vocab:
                out.append(self._labels[column.vocab].get(value, value))
            elif column.show == "size":
                out.append(size_text(value))
            else:
                out.append("" if value is None else str(value))
        return tuple(out)

    def _drop_pages(self, numbers: list[int] | None = None) -> None:
        if numbers is None:
            self._pages.clear()
        else:
            for number in numbers:
                self._pages.pop(number, None)
        self._hot_number, self._hot_page = -1, None

    def cached_pages(self) -> int:
        return len(self._pages)

    def row_values(self, row: int) -> tuple | None:
        """The displayed fields of a row (raw values), or None if the record is gone or not known yet."""
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // self.page_size).raw[row % self.page_size]

    def title(self, row: int) -> str:
        """A grid caption: the row's titles, the window's language first; an image's file name first."""
        texts = self.row_texts(row)
        values = self.row_values(row)
        if texts is None or values is None:
            return ""
        lines: list[str] = []
        if self.record_type == "media":
            lines = [texts[0], *(texts[i] for i, c in enumerate(self._columns) if c.pair)]
        else:
            titles = [values[i] for i, c in enumerate(self._columns) if c.sort in ("title_zh", "title_en")]
            lines = [v for v in titles if v]
            if naming.lang() == "en":
                lines.reverse()
        return "\n".join(v for v in dict.fromkeys(lines) if v)

    def row_texts(self, row: int) -> tuple[str, ...] | None:
        """What a row's cells show, in column order (None: a row whose id is still loading)."""
        if not 0 <= row < len(self._ids):
            return None
        return self._page(row // self.page_size).text[row % self.page_size]

    def text(self, row: int, column: int) -> str:
        """What a cell shows."""
        if not 0 <= row < len(self._ids):
            return ""  # also a row whose id is still loading
        return self._page(row // self.page_size).text[row % self.page_size][column]

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        if role == _DISPLAY:
            return self.text(index.row(), index.column())
        if role == _TOOLTIP:  # asked on hover only (the delegate's helpEvent), never per paint
            return tip(self.text(index.row(), index.column()))
        if role == _USER:
            row = index.row()
            return (self.record_type, self._ids[row]) if 0 <= row < len(self._ids) else None  # None: not loaded
        return None

    def multiData(self, index: QModelIndex, roles) -> None:
        """All the roles a delegate asks for in one call (Qt 6's item delegates use it).

        data() would be entered from C++ seven times a cell; one call a cell
        takes a third off the paint of a full screen of rows.
        """
        # The delegate hands fresh (invalid) values, so roles we do not answer
        # need no clearData(); the cell text is looked up once for both roles.
        text = None
        for item in roles:
            role = item.role()
            if role == _DISPLAY:
                if text is None:
                    text = self.text(index.row(), index.column())
                item.setData(text)
            elif role == _USER:
                item.setData(self.data(index, role))

    # Rows can be dragged onto a links editor (a panel's objects, an event's people …).
    # Called for every cell of every paint: a constant, not a computation.
    _ROW_FLAGS = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                  | Qt.ItemFlag.ItemIsDragEnabled)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return self._ROW_FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def mimeTypes(self) -> list[str]:
        from ui.curator.editor.links import RECORDS_MIME

        return [RECORDS_MIME]

    def mimeData(self, indexes: list[QModelIndex]):
        from ui.curator.editor.links import records_to_mime

        rows = sorted({i.row() for i in indexes if i.isValid()})
        return records_to_mime([(self.record_type, self.id_at(r)) for r in rows if self.id_at(r) >= 0])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Role.DisplayRole) -> Any:
        if role == Role.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                # Asked for at every paint of the header: named once a language and a type.
                key = (naming.lang(), self.record_type)
                if self._headers[0] != key:
                    self._headers = (key, [self._header(c) for c in self._columns])
                return self._headers[1][section]
        return None

    def _header(self, column: Column) -> str:
        if column.header:
            return QCoreApplication.translate("RecordTableModel", column.header)
        # The short name where there is one: "Accession no.", "File".
        return naming.field_name(self.record_type, column.shown_field(), short=True)

    def retranslate(self, *_: Any) -> None:
        """Headers are named when asked for: tell the views to ask again. Vocabulary
        cells are named when a page is read: read the shown pages again."""
        if not self._columns:
            return
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        if any(c.vocab or c.pair for c in self._columns):
            self._labels = self._vocab_labels()
            self._drop_pages()
            if self._count:
                self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1))

    # ------------------------------------------------------------ changes

    def refresh(self, ids: list[int] | None = None) -> None:
        """Re-read after an edit of `ids` (empty or None: anything may have changed).

        New, deleted or many changed records re-run the query; so does any
        edit in a list of up to REQUERY_LIMIT rows, so the order stays exact.
        In a bigger list, edited rows are re-read where they are.
        """
        ids = list(ids or [])
        if self.loading:
            # The list is still loading: load it again (the running load may predate
            # the edit) and re-read the rows on screen now.
            self._start_load()
            self._drop_pages()
            if self._count:
                self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1))
            return
        rows = [self.row_of(i) for i in ids[:64]]
        if not ids or len(ids) > 64 or -1 in rows or self._count <= REQUERY_LIMIT:
            self._requery()
            return
        for row in sorted(set(rows)):
            self._drop_pages([row // self.page_size])
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def _requery(self) -> None:
        """Run the query again, keeping selected and current rows on the same records."""
        self._cancel_load()  # the list read here is newer than any load running
        self._apply(listing.record_ids(self.archive, self._query))

    def _apply(self, new_ids: array) -> None:
        """Show `new_ids`, keeping selected and current rows on the same records."""
        if len(new_ids) != self._count:
            # Rows came or went: a reset (a layout change must keep the row count).
            self.beginResetModel()
            self._ids, self._count = new_ids, len(new_ids)
            self._drop_pages()
            self.endResetModel()
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        old_ids = [self._ids[p.row()] if 0 <= p.row() < len(self._ids) else None for p in persistent]
        self._ids = new_ids
        self._drop_pages()
        for old, record_id in zip(persistent, old_ids):
            row = self.row_of(record_id) if record_id is not None else -1
            self.changePersistentIndex(old, self.index(row, old.column()) if row >= 0 else QModelIndex())
        self.layoutChanged.emit()

    def remove_record(self, record_id: int) -> None:
        row = self.row_of(record_id)
        if self.loading:
            self._start_load()  # the running load may predate the deletion
        if row < 0:
            return  # not listed, or not known yet: the new load drops it
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._ids[row]
        self._count -= 1
        self._drop_pages()  # every later row moved up one
        self.endRemoveRows()

    def _on_records_changed(self, record_type: str, ids: list) -> None:
        if record_type == self.record_type:
            self.refresh([int(i) for i in ids])

    def _on_record_deleted(self, record_type: str, record_id: int) -> None:
        if record_type == self.record_type:
            self.remove_record(record_id)


# ---------------------------------------------------------------- the grid

class ThumbnailGridModel(QAbstractListModel):
    """The rows of a RecordTableModel as thumbnails with titles, for a QListView in IconMode."""

    def __init__(self, source: RecordTableModel, loader: ThumbnailLoader, parent=None) -> None:
        super().__init__(parent)
        self.source = source
        self.loader = loader
        self._media: OrderedDict[int, dict[int, Media]] = OrderedDict()  # page -> id -> image
        self._asked: OrderedDict[int, int] = OrderedDict()  # record id -> row it was asked for at
        self._item = QSize(loader.box + 24, loader.box + 48)
        s = source
        s.modelAboutToBeReset.connect(self.beginResetModel)
        s.modelReset.connect(self._end_reset)
        # A reorder of the source is a reset here: a grid has no selection worth remapping.
        s.layoutAboutToBeChanged.connect(lambda *_: self.beginResetModel())
        s.layoutChanged.connect(lambda *_: self._end_reset())
        s.rowsAboutToBeRemoved.connect(lambda p, a, b: self.beginRemoveRows(QModelIndex(), a, b))
        s.rowsRemoved.connect(lambda *_: self._end_remove())
        s.dataChanged.connect(self._source_changed)
        loader.ready.connect(self._thumbnail_ready)

    def _end_reset(self) -> None:
        self._media.clear()
        self._asked.clear()
        self.loader.cancel_all()
        self.endResetModel()

    def _end_remove(self) -> None:
        self._media.clear()
        self._asked.clear()
        self.endRemoveRows()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.source.rowCount()

    def _media_for(self, row: int) -> Media | None:
        number = row // self.source.page_size
        page = self._media.get(number)
        if page is None:
            first = number * self.source.page_size
            ids = self.source.ids()[first:first + self.source.page_size]
            page = listing.thumbnail_media(self.source.archive, self.source.record_type, ids)
            self._media[number] = page
            while len(self._media) > self.source.max_pages:
                self._media.popitem(last=False)
        else:
            self._media.move_to_end(number)
        return page.get(self.source.id_at(row))

    def decoration(self, row: int):
        """The thumbnail if it is loaded; else a placeholder, and the thumbnail is asked for."""
        media = self._media_for(row)
        if media is None:
            return placeholder(self.loader.box)
        pixmap = self.loader.pixmap(media)
        if pixmap is not None:
            return pixmap
        record_id = self.source.id_at(row)
        self._asked[record_id] = row
        while len(self._asked) > 4096:
            self._asked.popitem(last=False)
        self.loader.request(self.source.record_type, record_id, media)
        return placeholder(self.loader.box)

    def data(self, index: QModelIndex, role: int = Role.DisplayRole) -> Any:
        row = index.row()
        if not 0 <= row < self.source.rowCount():
            return None
        if role == _DISPLAY:
            return self.source.title(row)
        if role == _DECORATION:
            return self.decoration(row)
        if role == _SIZE_HINT:
            return self._item
        if role == _TOOLTIP:
            texts = self.source.row_texts(row)
            return tip(" · ".join(t for t in (texts or ())[:3] if t))
        if role == _USER:
            record_id = self.source.id_at(row)
            return (self.source.record_type, record_id) if record_id >= 0 else None
        return None

    def multiData(self, index: QModelIndex, roles) -> None:
        """The delegate's roles in one call from C++ (see RecordTableModel.multiData)."""
        for item in roles:
            role = item.role()
            if role in (_DISPLAY, _DECORATION, _SIZE_HINT, _USER):  # a tooltip: data(), on hover
                item.setData(self.data(index, role))
            else:
                item.clearData()

    def _source_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list = ()) -> None:
        size = self.source.page_size
        if bottom.row() // size - top.row() // size > len(self._media):
            self._media.clear()  # e.g. a long list's ids arrived: pages read before them were empty
        else:
            for number in range(top.row() // size, bottom.row() // size + 1):
                self._media.pop(number, None)
        self.dataChanged.emit(self.index(top.row()), self.index(bottom.row()))

    def _thumbnail_ready(self, record_type: str, record_id: int, _image: QImage) -> None:
        if record_type != self.source.record_type:
            return
        row = self._asked.pop(record_id, -1)
        if row < 0 or row >= self.source.rowCount() or self.source.id_at(row) != record_id:
            row = self.source.row_of(record_id)
        if row >= 0:
            index = self.index(row)
            self.dataChanged.emit(index, index, [Role.DecorationRole])


# ---------------------------------------------------------------- views

def configure_table_view(view: QTableView, model: RecordTableModel) -> None:
    """Set up a table for a list of any length: fixed row heights, no measuring of contents.

    Give it a ui.curator.record_table.RecordTableView, which paints a screen of rows
    in one pass; a plain QTableView works too, painting cell by cell.
    """
    view.setModel(model)
    view.setWordWrap(False)
    _prefer_no_shaping(view)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    rows = view.verticalHeader()
    rows.setVisible(False)
    rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    rows.setDefaultSectionSize(view.fontMetrics().height() + 10)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # never ResizeToContents
    header.setStretchLastSection(True)
    char = max(view.fontMetrics().averageCharWidth(), 6)
    for i, column in enumerate(model.columns()):
        view.setColumnWidth(i, column.width * char)
    # The indicator first, so turning sorting on does not sort a million rows again.
    order = Qt.SortOrder.DescendingOrder if model.query.descending else Qt.SortOrder.AscendingOrder
    header.setSortIndicator(model.sort_column(), order)
    view.setSortingEnabled(True)


def configure_grid_view(view: QListView, model: ThumbnailGridModel) -> None:
    """Set up a QListView as a thumbnail grid: uniform item sizes (0.3 s, not 22 s, at 100,000)."""
    box = model.loader.box
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setUniformItemSizes(True)
    view.setMovement(QListView.Movement.Static)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setLayoutMode(QListView.LayoutMode.Batched)
    view.setBatchSize(2000)
    view.setWordWrap(True)
    view.setIconSize(QSize(box, box))
    view.setGridSize(QSize(box + 24, box + 48))
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    _prefer_no_shaping(view)
    view.setModel(model)


def _prefer_no_shaping(view: QAbstractItemView) -> None:
    # Chinese and Latin text need no OpenType shaping to be legible; Qt still
    # shapes scripts that do. Measured: a full 1366×768 table paints ~25 % faster.
    font = view.font()
    font.setStyleStrategy(font.styleStrategy() | QFont.StyleStrategy.PreferNoShaping)
    view.setFont(font)


__all__ = ["RecordTableModel", "ThumbnailGridModel", "Column", "COLUMNS", "columns_for",
           "configure_table_view", "configure_grid_view", "PAGE_SIZE", "MAX_PAGES", "SYNC_BELOW"]
