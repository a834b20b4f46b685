"""Writing many new records at once: rows, search index and history, batched.

`services.create` writes one record with about ten statements (~1.3 ms: 20
minutes for a million rows). An import has already checked every row
(`checking.RecordChecker`, the same rules), so here the rows and their index
documents go in with one `executemany` per table per batch, and their history
entries with one statement at the end (`write_history`), inside the import's
single transaction. The index documents are built
by `search.index_many`, the same entries `search.index_record` writes
(tests compare the two).
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any, Callable, Iterable, Iterator, Sequence

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Record, field_names, record_class

BATCH = 5000
ProgressFn = Callable[[int, int, str], None]


def document(row: dict[str, Any]) -> tuple[str, str, str, str, str, str]:
    """The index columns of a record given as its as_row(): search.document_of_row."""
    return search.document_of_row(row)


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_new(archive: Archive, records: Sequence[Record], *, progress: ProgressFn | None = None,
               cancelled: Callable[[], bool] | None = None, stamp: str | None = None) -> list[Record]:
    """Insert checked new records of one type; returns them with ids and time stamps.

    Must run inside `archive.transaction()`: the caller's rollback undoes
    everything, including the index and history rows.
    """
    if not records:
        return []
    if not archive.db.conn.in_transaction:
        raise ExhibitError("bulk inserts must run inside archive.transaction()")
    cls = type(records[0])
    stamp = stamp or services.now()
    db = archive.db.conn
    done = list(records)  # the caller's fresh records, given their ids in place
    plan = Numbering.start(db, cls)
    total = len(done)
    written = 0
    first_id = plan.next_id
    with loading(db, cls.TABLE, total):
        for batch in _chunks(done, BATCH):
            if cancelled is not None and cancelled():
                from exhibit.interchange.importer import ImportCancelled
                raise ImportCancelled("the import was cancelled; nothing was changed")
            write(db, plan.prepare(batch, stamp, archive.user))
            written += len(batch)
            if progress is not None:
                progress(written, total, "writing")
        write_history(db, cls, first_id, stamp, archive.user)
    if cls.TYPE == "section":
        for r in done:  # sections: their index entry lists themselves; few of them, the usual way
            search.index_record(archive.db, r)
    return done


@dataclass
class Numbering:
    """Where the next new records' ids and index document ids start.

    `prepare` needs no database, so a worker process that read these from the
    same snapshot (the import holds the write lock) prepares the batches the
    main process writes; `start` reads them again there to make sure.
    """
    record_type: str
    next_id: int
    next_doc_id: int

    @classmethod
    def start(cls, db: sqlite3.Connection, record_class: type[Record]) -> "Numbering":
        return cls(record_class.TYPE, _next_id(db, record_class.TABLE), search.next_doc_id(db))

    def prepare(self, batch: Sequence[Record], stamp: str, user: str, encoded: bool = False,
                with_index: bool = True) -> "Prepared":
        """Number `batch` (in place: id, created, modified) and make the rows that `write` inserts.

        `encoded`: history and index texts as UTF-8 bytes (rows sent from a worker process;
        `write` stores them as the same TEXT). `with_index=False`:
        leave the search index rows to `write` (their document ids are kept for them), for
        a writer that would otherwise wait for this batch.
        """
        first = self.next_id
        for number, r in enumerate(batch):
            r.id, r.created, r.modified = first + number, stamp, stamp
        self.next_id += len(batch)
        cls = type(batch[0])
        history = _history_sql(cls) is None  # else write_history makes them, after the last batch
        rows, values, history_rows = _prepare(batch, stamp, user, self.record_type, encoded, history)
        index, index_from = None, None
        if self.record_type in search.INDEXED_TYPES and self.record_type != "section":
            if with_index:
                index = search.index_rows(self.record_type, rows, self.next_doc_id, encoded)
            else:
                index_from = self.next_doc_id
            self.next_doc_id += len(batch)
        return Prepared(self.record_type, _insert_sql(cls), values, history_rows, index, encoded, index_from)


@dataclass
class Prepared:
    """One batch of new records as parameter rows: table, history and index (picklable)."""
    record_type: str
    insert: str
    values: list[list[Any]]
    history: list[tuple]  # empty where write_history makes them
    index: search.IndexRows | None
    encoded: bool = False
    index_from: int | None = None  # the index rows are left to `write`: their first document id

    def __len__(self) -> int:
        return len(self.values)

    def rows(self) -> list[dict[str, Any]]:
        """The records' as_row() dicts again, from the table rows (an optional identifier
        stored as NULL comes back as None where as_row() had "": both index alike)."""
        names = ["id", *_columns(record_class(self.record_type))]
        return [dict(zip(names, line)) for line in self.values]


_HISTORY = ("INSERT INTO history (at, who, action, record_type, record_id, before, after) "
            "VALUES (?, ?, 'create', ?, ?, NULL, ?)")
_HISTORY_ENCODED = _HISTORY.replace("NULL, ?)", "NULL, CAST(? AS TEXT))")


def write(db: sqlite3.Connection, batch: Prepared) -> None:
    """Insert a prepared batch (inside the import's transaction)."""
    db.executemany(batch.insert, batch.values)
    db.executemany(_HISTORY_ENCODED if batch.encoded else _HISTORY, batch.history)
    if batch.index is not None:
        search.write_index_rows(db, batch.index, batch.encoded)
    elif batch.index_from is not None:
        search.write_index_rows(db, search.index_rows(batch.record_type, batch.rows(), batch.index_from))


def write_history(db: sqlite3.Connection, record_class: type[Record], first_id: int, stamp: str,
                  user: str) -> None:
    """The 'create' history entries of every record written from id `first_id` on, for the
    types whose batches leave them to SQLite (`_history_sql`); call once, after the last
    batch.

    Once, not per batch: a statement that inserts many rows opens a statement savepoint,
    and FTS5 (3.40) writes its pending terms out at every savepoint: per batch that was 2.5 s
    more and a fifth more index segments at 100,000 rows.
    """
    sql = _history_sql(record_class)
    if sql is not None:
        db.execute(sql, [stamp, user, record_class.TYPE, first_id, _MAX_ID])


_MAX_ID = 2 ** 63 - 1


def _next_id(db: sqlite3.Connection, table: str) -> int:
    return db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def _columns(cls: type[Record]) -> list[str]:
    return [name for name in field_names(cls) if name != "id"]  # = services.row_to_store's keys


def _insert_sql(cls: type[Record]) -> str:
    columns = _columns(cls)
    return (f"INSERT INTO {cls.TABLE} (id, {', '.join(columns)}) "
            f"VALUES ({', '.join('?' * (len(columns) + 1))})")


@contextmanager
def loading(db: sqlite3.Connection, table: str | None = None, rows: int = 0, *,
            lean: bool = False) -> Iterator[None]:
    """Bigger page cache and FTS5 term buffers while loading, put back afterwards.

    FTS5 flushes its pending terms to a new segment whenever they pass
    'hashsize' (1 MB by default) and merges segments as they pile up; with
    64 MB it writes a tenth of the segments (measured: FTS inserts 40 % faster).

    When `rows` new rows of `table` are at least as many as it holds, its
    secondary indexes (sort orders, not UNIQUE constraints) are dropped and made
    again at the end, from the same SQL: sorting the keys once costs less than
    inserting them one by one in random order (names). All inside the import's
    transaction, so a rollback puts them back as they were.

    `lean`: a streamed import of a file too large to hold (a million rows), which must
    stay within its memory budget: a smaller page cache and term buffers (LEAN_*), and
    the secondary indexes always rebuilt (`rows` is not known in advance).
    """
    rebuilt = _indexes_to_rebuild(db, table, max(rows, REBUILD_INDEXES_MIN) if lean else rows) if table else []
    for name, _ in rebuilt:
        db.execute(f'DROP INDEX "{name}"')
    with _settings(db, lean):
        try:
            yield
        finally:
            # Made again while the big page cache still holds the table (measured: 1.7 s
            # for six indexes of 100,000 rows after the cache was shrunk, 0.9 s before).
            if db.in_transaction:  # after a rollback the indexes are there as they were
                for _, sql in rebuilt:
                    db.execute(sql)


def _indexes_to_rebuild(db: sqlite3.Connection, table: str, rows: int) -> list[tuple[str, str]]:
    existing = db.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} LIMIT ?)", [rows + 1]).fetchone()[0]
    if rows < REBUILD_INDEXES_MIN or existing * 2 > rows:  # only when the table at least doubles
        return []
    return [(name, sql) for name, sql in db.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL "
        "ORDER BY name", [table])
        if not sql.lstrip().upper().startswith("CREATE UNIQUE")]


REBUILD_INDEXES_MIN = 10_000  # rows; below this the indexes are cheap to keep up


@contextmanager
def _settings(db: sqlite3.Connection, lean: bool = False) -> Iterator[None]:
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    before = {}
    for table in search.FTS_TABLES:
        row = db.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
        before[table] = row[0] if row else DEFAULT_HASHSIZE
    db.execute(f"PRAGMA cache_size = -{(LEAN_CACHE if lean else LOAD_CACHE) // 1024}")
    for table in search.FTS_TABLES:
        db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', "
                   f"{LEAN_HASHSIZE if lean else LOAD_HASHSIZE})")
    try:
        yield
    finally:
        if db.in_transaction:  # after a rollback the settings were never written
            for table in search.FTS_TABLES:
                db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {int(before[table])})")
        db.execute(f"PRAGMA cache_size = {int(cache)}")


DEFAULT_HASHSIZE = 1024 * 1024
LOAD_HASHSIZE = 64 * 1024 * 1024
LOAD_CACHE = 256 * 1024 ** 2    # bytes of page cache while loading
# A streamed import's: the page cache and both FTS tables' buffers took 640 MB of the
# process at 1,000,000 rows with the LOAD_ sizes. 1,000,000 rows, page cache 96 / 160 /
# 192 MB: 204 / 198.5 / 191.5 s to commit, 799 / 945 / 990 MB for the processes (≤ 1 GB).
LEAN_HASHSIZE = 32 * 1024 * 1024
LEAN_CACHE = 160 * 1024 ** 2


def _null_if_empty(cls: type[Record]) -> str | None:
    """The column services.row_to_store stores as NULL when empty (UNIQUE allows many NULLs)."""
    return cls.IDENT if cls.IDENT and cls.IDENT != "accession" and cls.TYPE != "media" else None


# Per record class, made once (a dict, not functools.cache, for the reason in exhibit/records.py).
_HISTORY_SQL: dict[type[Record], str | None] = {}


def _history_sql(cls: type[Record]) -> str | None:
    if cls not in _HISTORY_SQL:
        _HISTORY_SQL[cls] = _make_history_sql(cls)
    return _HISTORY_SQL[cls]


def _make_history_sql(cls: type[Record]) -> str | None:
    """The INSERT that makes the import's 'create' history entries from its rows just
    written, or None where Python must write them.

    The entry's `after` is the record's as_row() as JSON; SQLite's json_object builds the
    same object (keys sorted as `_dumps` sorts them, is_sample the same 0/1, an empty
    optional key "" again) from the table row, so the import's worker no longer encodes
    ~2 KB of JSON a record and sends it across (196 MB at 100,000 records).
    Types with REAL fields (places: lat, lon) keep Python's encoding, whose float digits
    SQLite would not reproduce.
    """
    names = sorted(field_names(cls))  # as _dumps sorts them
    if any("float" in str(f.type) for f in dataclass_fields(cls)) or 2 * len(names) > 120:
        return None
    optional = _null_if_empty(cls)
    pairs = ", ".join(f"'{n}', " + (f'coalesce("{n}", \'\')' if n == optional else f'"{n}"') for n in names)
    return (f"INSERT INTO history (at, who, action, record_type, record_id, before, after) "
            f"SELECT ?, ?, 'create', ?, id, NULL, json_object({pairs}) FROM {cls.TABLE} "
            f"WHERE id BETWEEN ? AND ? ORDER BY id")


def _prepare(batch: Sequence[Record], stamp: str, user: str, record_type: str,
             encoded: bool = False, history: bool = True
             ) -> tuple[list[dict[str, Any]], list[list[Any]], list[tuple]]:
    """The records' rows and the parameter rows of the table and history (no database access).

    `history=False`: no history rows (`write_history` makes them all at the end).
    """
    cls = type(batch[0])
    columns = _columns(cls)
    null_if_empty = _null_if_empty(cls)
    rows = [r.as_row() for r in batch]  # once per record: table row, history and index
    values = []
    for row in rows:
        line = [row["id"]] + [row[c] for c in columns]
        if null_if_empty and not row[null_if_empty]:
            line[columns.index(null_if_empty) + 1] = None
        values.append(line)
    if not history:
        return rows, values, []
    if encoded:
        return rows, values, [(stamp, user, record_type, row["id"], _dumps(row).encode()) for row in rows]
    return rows, values, [(stamp, user, record_type, row["id"], _dumps(row)) for row in rows]


_dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
