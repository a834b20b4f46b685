"""What every export shares so that its memory does not grow with the archive.

An export of a million records must not hold a million records: it reads them
in chunks (`record_chunks`), writes each as soon as it is made, and holds at
most one chunk and the file's small lookup tables. All of its reads see one
snapshot of the archive (`snapshot`), so an export taken while a curator
imports holds either all of that import or none of it, never the first half.
The file appears under its name only when complete (`replacing`): a cancelled
or failed export leaves the previous file, or none, and no half-written one.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence, TypeVar

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.problems import Problem
from exhibit.records import Record

CHUNK = 1000  # records read at a time: ~1-3 MB of rows, and one query per chunk for their images
R = TypeVar("R", bound=Record)


@contextmanager
def snapshot(archive: Archive) -> Iterator[None]:
    """Every read inside sees the archive as it was on entry (one read transaction).

    Inside a transaction already open (a caller's own), that one is the snapshot."""
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
        cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} ORDER BY {order}")
        names = [d[0] for d in cursor.description]
        while rows := cursor.fetchmany(size):
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


def records(archive: Archive, cls: type[R], ids: Sequence[int] | None = None, *,
            order: str = "id") -> Iterator[R]:
    """`record_chunks` one record at a time."""
    for chunk in record_chunks(archive, cls, ids, order=order):
        yield from chunk
