"""Checking an archive.

`check_archive` looks at everything that could have gone wrong below the
service layer: SQLite's own integrity check, foreign keys, links that point at
nothing, the search index (its tables, FTS5's own integrity check, every record
indexed), and media files (present, and matching their hash). `schema_check`
runs first, read-only: a trigger or view this program did not make is reported,
and with `repair` removed after a backup, saying what it did. Copies of the
archive are made in one place, exhibit/keeping/backups.py.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Callable

from exhibit import media_files, schema, search
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import RECORD_TYPES


def _dangling(archive: Archive) -> list[str]:
    db = archive.db
    problems = []
    checks = [("links", "from_type", "from_id"), ("links", "to_type", "to_id"),
              ("media_links", "record_type", "record_id"), ("citations", "record_type", "record_id")]
    for table, type_col, id_col in checks:
        for rid, rtype, target in db.execute(f"SELECT id, {type_col}, {id_col} FROM {table}").fetchall():
            cls = RECORD_TYPES.get(rtype)
            if cls is None:
                problems.append(f"{table} #{rid}: unknown record type '{rtype}'")
            elif db.execute(f"SELECT 1 FROM {cls.TABLE} WHERE id = ?", [target]).fetchone() is None:
                problems.append(f"{table} #{rid}: points to {rtype} #{target}, which does not exist")
    return problems


def _vocab_terms(archive: Archive) -> list[str]:
    problems = []
    for record_type, cls in RECORD_TYPES.items():
        for field_name, vocab_name in cls.VOCAB.items():
            rows = archive.db.execute(
                f"SELECT id, {field_name} FROM {cls.TABLE} WHERE {field_name} != '' AND {field_name} NOT IN "
                f"(SELECT code FROM vocabularies WHERE vocab = ?)", [vocab_name]).fetchall()
            problems += [f"{record_type} #{rid}: {field_name} '{code}' is not in the {vocab_name} vocabulary"
                         for rid, code in rows]
    return problems


def _index(archive: Archive) -> list[str]:
    # Its tables and FTS5's own consistency check first: a damaged index says 'ok' to the
    # counts below and fails only when searched ('database disk image is malformed').
    if archive.is_server:
        problems = _server_index(archive)
    else:
        problems = search.index_problems(archive.db, writable=not archive.readonly)
    if problems:
        return problems
    for record_type in search.INDEXED_TYPES:
        table = RECORD_TYPES[record_type].TABLE
        missing = archive.db.execute(
            f"SELECT count(*) FROM {table} WHERE id NOT IN "
            f"(SELECT record_id FROM search_docs WHERE record_type = ?)", [record_type]).fetchone()[0]
        stale = archive.db.execute(
            f"SELECT count(*) FROM search_docs WHERE record_type = ? AND record_id NOT IN "
            f"(SELECT id FROM {table})", [record_type]).fetchone()[0]
        if missing or stale:
            problems.append(f"search index: {missing} {record_type} record(s) missing, {stale} stale "
                            f"(run `check --reindex`)")
    return problems


def _server_index(archive: Archive) -> list[str]:
    """A server archive's index: every entry has its words, and every entry of one vector
    its title and pair vectors, which phrases are tested on (exhibit/server/search.py)."""
    unworded = archive.db.execute(
        "SELECT count(*) FROM search_docs d WHERE NOT EXISTS "
        "(SELECT 1 FROM search_words w WHERE w.doc_id = d.id)").fetchone()[0]
    unparted = archive.db.execute(
        "SELECT count(*) FROM search_words w WHERE w.tokens IS NOT NULL AND NOT EXISTS "
        "(SELECT 1 FROM search_parts p WHERE p.doc_id = w.doc_id)").fetchone()[0]
    return ([f"search index: {unworded} entries have no words"] if unworded else []) + \
        ([f"search index: {unparted} entries have no title and pair vectors"] if unparted else [])


def _media(archive: Archive) -> list[str]:
    problems = []
    for mid, relpath, sha in archive.db.execute("SELECT id, path, sha256 FROM media ORDER BY id").fetchall():
        message = media_files.verify_stored(archive.media_root, relpath, sha)
        if message:
            problems.append(f"media #{mid}: {message}")
    return problems


def _server_checks(archive: Archive, reindex: bool) -> list[str]:
    """What the server does not check itself: its pages and foreign keys are its own
    (PostgreSQL enforces every foreign key), the schema version is the archive's."""
    from exhibit.server import schema as server_schema

    if reindex:
        raise ExhibitError(f"{archive.address}: a server archive's index is kept by every save; "
                           f"`check --reindex` rebuilds a local archive's only")
    version = server_schema.archive_version(getattr(archive, "conn"))
    if version != schema.LATEST:
        return [f"schema version {version}, expected {schema.LATEST}"]
    return []


def check_archive(archive: Archive, *, reindex: bool = False) -> list[str]:
    """Every problem found, one line each; an empty list means the archive is sound."""
    db = archive.db
    if archive.is_server:
        problems = _server_checks(archive, reindex)
    else:
        if reindex:
            with archive.transaction():
                search.rebuild(db, remake_tables=True)   # from scratch if its tables are gone
                search.mark_current(db)
        problems = [f"integrity: {row[0]}" for row in db.execute("PRAGMA integrity_check").fetchall()
                    if row[0] != "ok"]
        problems += [f"foreign key: {table} row {rowid} → {parent}"
                     for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall()]
        if schema.version(db) != schema.LATEST:
            problems.append(f"schema version {schema.version(db)}, expected {schema.LATEST}")
    problems += _dangling(archive)
    problems += _vocab_terms(archive)
    problems += _index(archive)
    problems += _media(archive)
    return problems


def schema_check(db_path: Path, *, repair: bool = False,
                 say: Callable[[str], None] = print) -> list[schema.SchemaProblem]:
    """For `check`, before it opens the archive: how its schema differs from this program's,
    read through a read-only connection (nothing in it runs).

    With `repair`, on a file that passes quick_check: a verified backup first (reason
    'pre-repair'), then, in one transaction, every trigger, view, virtual table and index
    this program did not make is removed and its own changed or missing ones put back;
    `say` is told what each removed object did. Returns the problems left. A file that
    cannot be read this way returns [] and is reported by Archive.open.
    """
    from exhibit.keeping import backups, health

    db_path = Path(db_path)
    if not db_path.is_file() or db_path.is_symlink() or db_path.stat().st_size == 0:
        return []
    try:
        conn, _ = backups.open_readonly(db_path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            problems = schema.inspect(conn) if 0 < version <= schema.LATEST else []
        finally:
            conn.close()
    except (sqlite3.DatabaseError, ExhibitError):
        return []
    if not repair or not any(p.repairable for p in problems) or health.check_on_open(db_path):
        return problems
    saved = backups.backup_file(db_path, "pre-repair")
    say(f"backed up to {saved.path} before repairing the schema")
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        for line in schema.repair(conn, problems):
            say(line)
        return schema.inspect(conn)
    finally:
        conn.close()
