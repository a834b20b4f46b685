"""What every export shares so that its memory does not grow with the archive.

An export of a million records must not hold a million records: it reads them
in chunks (`record_chunks`), writes each as soon as it is made, and holds at
most one chunk and the file's small lookup tables. All of its reads see one
snapshot of the archive (`snapshot`), so an export taken while a curator
imports holds either all of that import or none of it, never the first half.
The file appears under its name only when complete (`replacing`): a cancelled
or failed export leaves the previous file, or none, and no half-written one.

On a server archive the snapshot is a REPEATABLE READ transaction and the rows come
through a server-side cursor (`query_chunks`): psycopg's ordinary cursor would fetch the
whole result into this process at once.
"""
from __future__ import annotations

import itertools
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence, TypeVar

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.problems import Problem
from exhibit.records import Record

CHUNK = 1000  # records read at a time: ~1-3 MB of rows, and one query per chunk for their images
R = TypeVar("R", bound=Record)
_cursor_names = itertools.count(1)   # a server-side cursor's name is unique on its connection


@contextmanager
def snapshot(archive: Archive) -> Iterator[None]:
    """Every read inside sees the archive as it was on entry (one read transaction).

    Inside a transaction already open (a caller's own), that one is the snapshot."""
    if archive.is_server:   # a REPEATABLE READ transaction there (exhibit/server/archive.py)
        with getattr(archive, "snapshot")():
            yield
        return
    conn = archive.db.conn
    ours = not conn.in_transaction
    if ours:
        conn.execute("BEGIN")  # deferred: takes no lock until the first read, never a write lock
    try:
        yield
    finally:
        if ours and conn.in_transaction:
            conn.execute("COMMIT")  # nothing was written; this only ends the read


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary file beside `path`, moved onto it only when the block completes."""
    tmp = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        yield tmp
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    tmp.replace(path)


def record_chunks(archive: Archive, cls: type[R], ids: Sequence[int] | None = None, *,
                  order: str = "id", size: int | None = None) -> Iterator[list[R]]:
    """The records of `cls`, all in `order` or those of `ids` in the order given, `size`
    (default CHUNK) at a time.

    Raises ExhibitError (export_missing) for an id that names no record, before any
    record of its chunk is yielded."""
    size = size or CHUNK
    if ids is None:
        for names, rows in query_chunks(archive, f"SELECT * FROM {cls.TABLE} ORDER BY {order}", size=size):
            yield [cls.from_row(dict(zip(names, values))) for values in rows]
        return
    for start in range(0, len(ids), size):
        chunk = list(ids[start:start + size])
        cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk)
        names = [d[0] for d in cursor.description]
        found = {r.saved_id: r for r in (cls.from_row(dict(zip(names, v))) for v in cursor)}
        missing = [i for i in chunk if i not in found]
        if missing:
            raise ExhibitError(Problem(None, "export_missing", {"type": cls.TYPE, "id": missing[0]}))
        yield [found[i] for i in chunk]


def query_chunks(archive: Archive, sql: str, params: Sequence[Any] = (), *,
                 size: int | None = None) -> Iterator[tuple[list[str], list[Any]]]:
    """(column names, the next `size` rows) of a query, until its rows are all read: only one
    chunk is held at a time. Call it inside `snapshot` (on a server archive it opens one
    of its own otherwise, which must then end before any other transaction does)."""
    size = size or CHUNK
    if not archive.is_server:
        cursor = archive.db.execute(sql, params)
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(size):
            yield names, rows
        return
    import psycopg

    from exhibit.server.address import ServerError, first_line
    from exhibit.server.archive import server_sql

    conn = getattr(archive, "conn")
    try:
        with snapshot(archive), conn.cursor(name=f"exhibit_chunks_{next(_cursor_names)}") as cursor:
            # A cursor declared on the server (its rows stay there until fetched), inside the
            # snapshot's transaction, which it needs.
            cursor.execute(server_sql(sql) if params else sql, list(params) or None)
            names = [d.name for d in cursor.description or ()]
            while rows := cursor.fetchmany(size):
                yield names, rows
    except psycopg.OperationalError as exc:
        raise ServerError(f"the connection to {getattr(archive, 'address')} was lost ({first_line(exc)}); "
                          f"nothing was exported") from None


def records(archive: Archive, cls: type[R], ids: Sequence[int] | None = None, *,
            order: str = "id") -> Iterator[R]:
    """`record_chunks` one record at a time."""
    for chunk in record_chunks(archive, cls, ids, order=order):
        yield from chunk
