"""Moving a whole archive between a local SQLite archive and a server archive.

`upload` copies a local archive (every record, link, media record, citation, dispute,
movement, history row, setting and vocabulary term, and the search index's documents)
onto an empty server archive, in ONE server transaction with COPY: either the whole
archive is there afterwards, or nothing is. Ids are kept, so links, history and the
index stay valid. It refuses a server archive that already holds records (uploading
twice must not merge two collections), and a source whose values the server's types
cannot hold, naming the row, before anything is written.

`backup` writes a local SQLite archive from a server archive: made by this program's
own SQLite migrations (so it is an archive of exactly this version, which
`exhibit.schema.inspect` accepts), filled from one consistent snapshot of the server
(REPEATABLE READ), its search index made from the records, then checked (integrity,
schema, row counts against the server) under a temporary name and only then renamed
into place. Every existing command (publish to kiosks, bundle, labels, exports) works
on it. Media files are not in the database: `media_from` copies the ones its media
records name from a media folder (the shared one, or the archive's own), each verified
against its hash.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from sqlite_utils import Database

from exhibit import schema as sqlite_schema
from exhibit import search
from exhibit.errors import ExhibitError, printable
from exhibit.server import schema as server_schema
from exhibit.server import search as server_search
from exhibit.server.address import SCHEMA, ServerError, check_address, connect, display, first_line

if TYPE_CHECKING:
    import psycopg

BATCH = 5000   # rows a server-side cursor hands over at a time, and inserted at a time


@dataclass
class TransferReport:
    source: str
    target: str
    counts: dict[str, int]
    seconds: float
    media_copied: int = 0
    media_missing: list[str] = field(default_factory=list)

    @property
    def records(self) -> int:
        return sum(self.counts.get(t, 0) for t in server_schema.RECORD_TABLES)

    def summary(self, verb: str) -> str:
        media = ""
        if self.media_copied or self.media_missing:
            media = f"; {self.media_copied} media file(s) copied"
            if self.media_missing:
                media += f", {len(self.media_missing)} missing or not matching their hash"
        return (f"{verb} {self.records:,} record(s), {self.counts.get('links', 0):,} link(s) and "
                f"{self.counts.get('history', 0):,} history row(s) from {self.source} to {self.target} "
                f"in {self.seconds:.1f} s{media}")


# ---------------------------------------------------------------- upload

def upload(archive_dir: Path | str, url: str, *, media_to: Path | str | None = None) -> TransferReport:
    """Copy the local archive in `archive_dir` onto the empty server archive at `url`.

    With `media_to` (the shared media folder, e.g. on a network share every workstation
    mounts), the archive's media files are copied there first, each verified against its
    hash, and the server archive's `media_folder` setting names it.
    Raises ServerError (or ExhibitError about the source) with one line; nothing is
    written to the server then.
    """
    import psycopg

    from exhibit.archive import database_path
    from exhibit.keeping import backups

    started = time.perf_counter()
    url = check_address(url)
    db_path = database_path(archive_dir)
    if not db_path.is_file():
        raise ExhibitError(f"no archive at {db_path}; nothing was uploaded")
    damaged = backups.integrity_problems(db_path, full=False)
    if damaged:
        raise ExhibitError(f"{db_path} did not pass SQLite's quick check ({printable(damaged[0])}); "
                           f"nothing was uploaded. Run `main.py check` on it first")
    source, _ = backups.open_readonly(db_path)
    media_copied, media_missing = 0, list[str]()
    try:
        _require_uploadable(source, db_path)
        source.execute("BEGIN")   # one snapshot of the source, whatever writes to it meanwhile
        if media_to is not None:
            from exhibit.archive import MEDIA_DIR

            media_to = Path(media_to).expanduser().resolve()
            rows = [(str(r[0]), str(r[1])) for r in source.execute("SELECT path, sha256 FROM media ORDER BY id")]
            try:
                media_to.mkdir(parents=True, exist_ok=True)
                media_copied, media_missing = _copy_media(rows, db_path.parent / MEDIA_DIR, media_to)
            except OSError as exc:
                raise ExhibitError(f"cannot copy the media files into {media_to}: "
                                   f"{exc.strerror or exc}; nothing was uploaded") from None
        server = connect(url)
        try:
            with server.transaction():
                server_schema.require_current(server, url)
                _lock_and_require_empty(server, url)
                _require_types(source, server, db_path)
                counts = _copy_up(source, server)
                counts["search_words"] = server_search.store_index(
                    server, server_search.index_entries(Database(source), str(db_path)))
                server.execute("INSERT INTO settings (key, value) VALUES ('search_index', %s) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               [search.index_fingerprint()])
                _move_sequences(server)
                copied = {table: counts[table] for table in server_schema.COPY_ORDER}
                _require_counts(copied, _server_counts(server), f"the upload to {display(url)}")
                if media_to is not None:   # after the count: a setting the source did not have
                    server.execute("INSERT INTO settings (key, value) VALUES ('media_folder', %s) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [str(media_to)])
            # Statistics now, not at autovacuum's next round: search chooses how to read the
            # newest matches by them (exhibit/server/search.py, _walkable). A role that does
            # not own the tables is skipped with a warning, and autovacuum does it later.
            server.execute("ANALYZE search_words, search_parts, search_docs")
            server.commit()
        except psycopg.Error as exc:
            context = _copy_context(exc)
            raise ServerError(f"uploading to {display(url)} failed ({first_line(exc)}{context}); "
                              f"nothing was uploaded") from None
        finally:
            server.close()
    finally:
        source.close()
    report = TransferReport(str(db_path.parent), display(url), counts, time.perf_counter() - started)
    report.media_copied, report.media_missing = media_copied, media_missing
    return report


def _require_uploadable(source: sqlite3.Connection, db_path: Path) -> None:
    version = source.execute("PRAGMA user_version").fetchone()[0]
    if version == 0:
        raise ExhibitError(f"{db_path} is not an Exhibit archive (it has no schema version); nothing was uploaded")
    if version > sqlite_schema.LATEST:
        raise ExhibitError(f"{db_path} has schema version {version}; this program knows up to "
                           f"{sqlite_schema.LATEST}. Use a newer version of Exhibit; nothing was uploaded")
    if version != sqlite_schema.LATEST:
        raise ExhibitError(f"{db_path} has schema version {version}, expected {sqlite_schema.LATEST}; open "
                           f"it once with this program to upgrade it, then upload; nothing was uploaded")
    # A trigger or view this program did not make, or a search index not its own: refused,
    # with the advice `check` gives (its --repair or --reindex).
    sqlite_schema.require_expected(source, db_path, what=str(db_path))


def _lock_and_require_empty(server: "psycopg.Connection", url: str) -> None:
    """No one writes while the upload runs (readers carry on), and there is nothing to lose."""
    tables = [*server_schema.COPY_ORDER, server_schema.SEARCH_TEXT_TABLE, server_schema.SEARCH_PARTS_TABLE]
    server.execute(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")
    held = []
    for table in server_schema.COPY_ORDER:
        if table in server_schema.SEEDED_TABLES:
            continue
        count = _count(server, table)
        if count:
            held.append(f"{count:,} {table.replace('_', ' ')} row(s)")
    if held:
        raise ServerError(f"{display(url)} is not empty (it holds {', '.join(held[:3])}"
                          f"{' …' if len(held) > 3 else ''}); upload only into a new server archive "
                          f"(`main.py server init` on an empty database); nothing was uploaded")


# What a server column of each type takes: SQLite's storage classes, and Python's types.
_ACCEPTS = {"text": ("text",), "bigint": ("integer",), "smallint": ("integer",),
            "integer": ("integer",), "double precision": ("real", "integer")}
_PYTHON = {"text": (str,), "bigint": (int,), "smallint": (int,), "integer": (int,),
           "double precision": (float, int)}
_WORDS = {"text": "text without NUL characters", "bigint": "a whole number", "smallint": "a whole number",
          "integer": "a whole number", "double precision": "a number"}


def _server_types(server: "psycopg.Connection", table: str) -> dict[str, str]:
    rows = server.execute("SELECT column_name, data_type FROM information_schema.columns "
                          "WHERE table_schema = %s AND table_name = %s",
                          [SCHEMA, table]).fetchall()
    return {name: kind for name, kind in rows}


def _require_types(source: sqlite3.Connection, server: "psycopg.Connection", db_path: Path) -> None:
    """Refuse, naming the row, a value the server's column cannot hold: SQLite keeps any value
    in any column (a text in an INTEGER column, a blob anywhere), and its text may hold NUL
    characters, which PostgreSQL's cannot. One scan of each table, inside SQLite."""
    for table in server_schema.COPY_ORDER:
        types = _server_types(server, table)
        columns = server_schema.table_columns(table)
        checks = []
        for column in columns:
            allowed = ", ".join(f"'{t}'" for t in (*_ACCEPTS[types[column]], "null"))
            checks.append(f'typeof("{column}") NOT IN ({allowed})')
            if types[column] == "text":
                checks.append(f'instr("{column}", char(0)) > 0')
        key = "id" if "id" in columns else "rowid"
        row = source.execute(f'SELECT {key}, {", ".join(columns)} FROM "{table}" '
                             f"WHERE {' OR '.join(checks)} LIMIT 1").fetchone()
        if row is None:
            continue
        for column, value in zip(columns, row[1:]):
            kind = types[column]
            if value is not None and (not isinstance(value, _PYTHON[kind])
                                      or (isinstance(value, str) and "\x00" in value)):
                shown = printable(repr(value)[:40])
                raise ExhibitError(f"{db_path}: {table} row {row[0]}: {column} holds {shown}, which the "
                                   f"server archive cannot take ({_WORDS[kind]} is expected); correct it "
                                   f"in the local archive, then upload; nothing was uploaded")


def _copy_up(source: sqlite3.Connection, server: "psycopg.Connection") -> dict[str, int]:
    """Every table's rows, with COPY; the seeded tables (vocabularies, settings) replaced."""
    counts: dict[str, int] = {}
    for table in server_schema.SEEDED_TABLES:
        server.execute(f"DELETE FROM {table}")
    with server.cursor() as cur:
        for table in server_schema.COPY_ORDER:
            columns = server_schema.table_columns(table)
            names = ", ".join(columns)
            order = "id" if "id" in columns else "rowid"
            rows = source.execute(f'SELECT {names} FROM "{table}" ORDER BY {order}')
            count = 0
            with cur.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            counts[table] = count
    return counts


def _move_sequences(server: "psycopg.Connection") -> None:
    """Past the highest id copied, so the next record made on the server gets a new one."""
    for table in server_schema.COPY_ORDER:
        if "id" not in server_schema.table_columns(table):
            continue
        server.execute(f"SELECT setval(pg_get_serial_sequence('{SCHEMA}.{table}', 'id'), "
                       f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")


def _copy_context(exc: BaseException) -> str:
    """Where in a COPY the server stopped ('COPY objects, line 12, column width: …')."""
    diag = getattr(exc, "diag", None)
    context = getattr(diag, "context", None) if diag is not None else None
    if not context:
        return ""
    return f"; at {printable(context.splitlines()[0])[:200]}"


# ---------------------------------------------------------------- backup

def backup(url: str, out_dir: Path | str, *, media_from: Path | str | None = None) -> TransferReport:
    """Write the server archive at `url` as a new local archive in `out_dir` (new or empty).

    Raises ServerError / ExhibitError with one line; `out_dir` gets no archive.db then.
    """
    import psycopg

    from exhibit.archive import DB_NAME

    started = time.perf_counter()
    url = check_address(url)
    out = Path(out_dir)
    if out.suffix == ".db" or (out.exists() and not out.is_dir()):
        raise ExhibitError(f"{out} is not a folder; give a new or empty folder for the backup")
    if out.exists() and any(out.iterdir()):
        raise ExhibitError(f"{out} is not empty; choose a new folder, a backup never overwrites one")
    server = connect(url)
    # One snapshot of the server for every table, whatever curators save meanwhile.
    server.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    server.read_only = True
    made_dir = not out.exists()
    tmp = out / f".{DB_NAME}.part-{os.getpid()}"
    try:
        out.mkdir(parents=True, exist_ok=True)
        _remove_database(tmp)
        with server.transaction():
            server_schema.require_current(server, url)
            expected = _server_counts(server)
            counts = _copy_down(server, tmp)
            media_rows = server.execute("SELECT path, sha256 FROM media ORDER BY id").fetchall() \
                if media_from is not None else []
        _verify_local(tmp, expected, url)
        from exhibit.media_files import fsync_path

        fsync_path(tmp)
        os.replace(tmp, out / DB_NAME)
        fsync_path(out, directory=True)
    except psycopg.Error as exc:
        _discard(tmp, out, made_dir)
        raise ServerError(f"backing up {display(url)} failed ({first_line(exc)}); no backup was written") from None
    except BaseException:
        _discard(tmp, out, made_dir)
        raise
    finally:
        server.close()
    report = TransferReport(display(url), str(out), counts, 0.0)
    if media_from is not None:
        from exhibit.archive import MEDIA_DIR

        report.media_copied, report.media_missing = _copy_media(media_rows, Path(media_from), out / MEDIA_DIR)
    report.seconds = time.perf_counter() - started
    return report


def _copy_down(server: "psycopg.Connection", tmp: Path) -> dict[str, int]:
    """A new SQLite archive at `tmp`, made by this program's migrations and filled from the
    server in one SQLite transaction; its search index made from the records."""
    from exhibit.archive import connect as sqlite_connect

    db = sqlite_connect(tmp)
    counts: dict[str, int] = {}
    try:
        sqlite_schema.migrate(db, None)
        conn = db.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in server_schema.SEEDED_TABLES:   # the server's own replace what a new archive has
                conn.execute(f'DELETE FROM "{table}"')
            for table in server_schema.COPY_ORDER:
                if table == "search_docs":
                    continue
                columns = server_schema.table_columns(table)
                insert = (f'INSERT INTO "{table}" ({", ".join(columns)}) '
                          f'VALUES ({", ".join("?" * len(columns))})')
                counts[table] = 0
                for rows in _server_rows(server, table, columns):
                    conn.executemany(insert, rows)
                    counts[table] += len(rows)
            counts["search_docs"] = _make_index(server, db)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        # One self-contained file, as every backup is (keeping/backups.py): no -wal beside it
        # to lose when it is copied away. Opening it for writing switches it back to WAL.
        conn.execute("PRAGMA journal_mode = DELETE")
    finally:
        db.close()
    return counts


def _server_rows(server: "psycopg.Connection", table: str, columns: Iterable[str]) -> Iterable[list[tuple]]:
    """The table's rows by id, BATCH at a time, through a server-side cursor (a million rows
    never sit in this process's memory at once)."""
    order = "id" if "id" in columns else "key"
    with server.cursor(name=f"exhibit_backup_{table}") as cur:
        cur.itersize = BATCH
        cur.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY {order}")
        while rows := cur.fetchmany(BATCH):
            yield rows


def _make_index(server: "psycopg.Connection", db: Database) -> int:
    """The local search index, from the records just copied.

    The server's search_docs keep each entry's id and the sections a record is shown in;
    where they cover exactly the records, the local index is made with the same ids, so
    "newest first" orders the same on both. Otherwise it is made anew (search.rebuild).
    """
    docs = {(rtype, rid): (doc_id, sections) for doc_id, rtype, rid, sections in
            server.execute("SELECT id, record_type, record_id, sections FROM search_docs").fetchall()}
    conn = db.conn
    indexed = 0
    pending: list[tuple[tuple, tuple, tuple]] = []
    for record_type in search.INDEXED_TYPES:
        for record in search.iter_records(db, record_type):
            found = docs.get((record_type, record.saved_id))
            if found is None:
                return _rebuild(db)
            doc_id, sections = found
            # as_row(), as every writer indexes it: the fields in the dataclass's order.
            (doc,), (fts,), (titles,) = search.index_rows(record_type, [record.as_row()], doc_id)
            pending.append(((*doc[:4], sections, *doc[5:]), fts, titles))
            indexed += 1
    if indexed != len(docs):
        return _rebuild(db)   # the server indexes records that are not there: made anew
    pending.sort(key=lambda entry: entry[0][0])
    search.write_index_rows(conn, ([p[0] for p in pending], [p[1] for p in pending], [p[2] for p in pending]))
    search.mark_current(db)
    return indexed


def _rebuild(db: Database) -> int:
    count = search.rebuild(db)
    search.mark_current(db)
    return count


def _verify_local(tmp: Path, expected: dict[str, int], url: str) -> None:
    """The file written is a sound archive of this version with every row of the server."""
    from exhibit.keeping import backups

    problems = backups.integrity_problems(tmp)
    if problems:
        raise ExhibitError(f"the backup of {display(url)} did not verify ({printable(problems[0])}); it was not kept")
    conn, _ = backups.open_readonly(tmp)
    try:
        schema_problems = sqlite_schema.inspect(conn)
        if schema_problems:
            raise ExhibitError(f"the backup of {display(url)} did not verify (its "
                               f"{schema_problems[0].describe()}); it was not kept")
        local = {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                 for table in expected}
    finally:
        conn.close()
    _require_counts(expected, local, f"the backup of {display(url)}")


def _copy_media(rows: list[tuple[str, str]], media_from: Path, media_to: Path) -> tuple[int, list[str]]:
    """The media files the records name, each verified against its hash, into the media
    folder `media_to`. Files are named by their hash: one already there is the same file."""
    from exhibit.media_files import verify_stored

    copied, missing = 0, []
    for relpath, sha256 in rows:
        problem = verify_stored(media_from, relpath, sha256)
        if problem:
            missing.append(problem)
            continue
        target = media_to / relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            shutil.copy2(media_from / relpath, target)
        copied += 1
    return copied, missing


def _remove_database(path: Path) -> None:
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        leftover.unlink(missing_ok=True)


def _discard(tmp: Path, out: Path, made_dir: bool) -> None:
    _remove_database(tmp)
    if made_dir:
        shutil.rmtree(out, ignore_errors=True)


# ---------------------------------------------------------------- counting

def _count(server: "psycopg.Connection", table: str) -> int:
    row = server.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _server_counts(server: "psycopg.Connection") -> dict[str, int]:
    return {table: _count(server, table) for table in server_schema.COPY_ORDER}


def _require_counts(expected: dict[str, int], actual: dict[str, int], what: str) -> None:
    for table, count in expected.items():
        if actual.get(table) != count:
            raise ServerError(f"{what} has {actual.get(table, 0):,} {table} row(s) where {count:,} were "
                              f"expected; it was not kept")
