"""Writing many new records at once: rows, search index and history, batched.

`services.create` writes one record with about ten statements (~1.3 ms: 20
minutes for a million rows). An import has already checked every row
(`checking.RecordChecker`, the same rules), so here the rows, their history
entries and their index documents go in with one `executemany` per table per
batch, inside the import's single transaction. The index documents are built
by `search.index_many`, the same entries `search.index_record` writes
(tests compare the two).
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from typing import Any, Callable, Iterable, Iterator, Sequence

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Record

BATCH = 5000
ProgressFn = Callable[[int, int, str], None]


def document(row: dict[str, Any]) -> tuple[str, str, str, str, str, str]:
    """The index columns of a record given as its as_row(): search.document_of_row."""
    return search.document_of_row(row)


def _next_id(archive: Archive, table: str) -> int:
    return archive.db.execute(f"SELECT coalesce(max(id), 0) + 1 FROM {table}").fetchone()[0]


def _chunks(items: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def insert_new(archive: Archive, records: Sequence[Record], *, progress: ProgressFn | None = None,
               cancelled: Callable[[], bool] | None = None) -> list[Record]:
    """Insert checked new records of one type; returns them with ids and time stamps.

    Must run inside `archive.transaction()`: the caller's rollback undoes
    everything, including the index and history rows.
    """
    if not records:
        return []
    if not archive.db.conn.in_transaction:
        raise ExhibitError("bulk inserts must run inside archive.transaction()")
    cls = type(records[0])
    stamp = services.now()
    first = _next_id(archive, cls.TABLE)
    done = list(records)
    for number, r in enumerate(done):  # the caller's fresh records, given their ids in place
        r.id, r.created, r.modified = first + number, stamp, stamp
    columns = list(services._write_row(done[0]))
    # services._write_row stores an empty optional key as NULL (UNIQUE allows many NULLs).
    null_if_empty = cls.IDENT if cls.IDENT and cls.IDENT != "accession" and cls.TYPE != "media" else None
    insert = (f"INSERT INTO {cls.TABLE} (id, {', '.join(columns)}) "
              f"VALUES ({', '.join('?' * (len(columns) + 1))})")
    history = ("INSERT INTO history (at, who, action, record_type, record_id, before, after) "
               "VALUES (?, ?, 'create', ?, ?, NULL, ?)")
    indexed = cls.TYPE in search.INDEXED_TYPES and cls.TYPE != "section"
    db = archive.db.conn
    with _loading(db):
        _write(db, done, columns, null_if_empty, insert, history, indexed, stamp, archive.user,
               cls.TYPE, progress, cancelled)
    if not indexed and cls.TYPE in search.INDEXED_TYPES:
        for r in done:  # sections: their index entry lists themselves; few of them, the usual way
            search.index_record(archive.db, r)
    return done


@contextmanager
def _loading(db: sqlite3.Connection) -> Iterator[None]:
    """Bigger page cache and FTS5 term buffers while loading, put back afterwards.

    FTS5 flushes its pending terms to a new segment whenever they pass
    'hashsize' (1 MB by default) and merges segments as they pile up; with
    64 MB it writes a tenth of the segments (measured: FTS inserts 40 % faster).
    """
    cache = db.execute("PRAGMA cache_size").fetchone()[0]
    before = {}
    for table in _FTS_TABLES:
        row = db.execute(f"SELECT v FROM {table}_config WHERE k = 'hashsize'").fetchone()
        before[table] = row[0] if row else DEFAULT_HASHSIZE
    db.execute("PRAGMA cache_size = -262144")
    for table in _FTS_TABLES:
        db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {LOAD_HASHSIZE})")
    try:
        yield
    finally:
        if db.in_transaction:  # after a rollback the settings were never written
            for table in _FTS_TABLES:
                db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('hashsize', {int(before[table])})")
        db.execute(f"PRAGMA cache_size = {int(cache)}")


_FTS_TABLES = ("search_fts", "search_titles")
DEFAULT_HASHSIZE = 1024 * 1024
LOAD_HASHSIZE = 64 * 1024 * 1024


def _prepare(batch: Sequence[Record], columns: list[str], null_if_empty: str | None, stamp: str, user: str,
             record_type: str, dumps: Callable[[Any], str]) -> tuple[list, list, list]:
    """The records' rows and the parameter rows of the table and history (no database access)."""
    rows = [r.as_row() for r in batch]  # once per record: table row, history and index
    values = []
    for row in rows:
        line = [row["id"]] + [row[c] for c in columns]
        if null_if_empty and not row[null_if_empty]:
            line[columns.index(null_if_empty) + 1] = None
        values.append(line)
    history = [(stamp, user, record_type, row["id"], dumps(row)) for row in rows]
    return rows, values, history


def _write(db: sqlite3.Connection, done: list[Record], columns: list[str], null_if_empty: str | None,
           insert: str, history: str, indexed: bool, stamp: str, user: str, record_type: str,
           progress: ProgressFn | None,
           cancelled: Callable[[], bool] | None) -> None:
    # Preparing the next batch in a helper thread while SQLite writes was tried and
    # measured slower: each row's parameter binding waits for the GIL.
    total = len(done)
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode
    written = 0
    for batch in _chunks(done, BATCH):
        if cancelled is not None and cancelled():
            from exhibit.interchange.importer import ImportCancelled
            raise ImportCancelled("the import was cancelled; nothing was changed")
        rows, values, history_rows = _prepare(batch, columns, null_if_empty, stamp, user, record_type, dumps)
        db.executemany(insert, values)
        db.executemany(history, history_rows)
        if indexed:
            search.index_many(db, batch, rows)
        written += len(batch)
        if progress is not None:
            progress(written, total, "writing")
