"""Checking an archive and copying it safely.

`check_archive` looks at everything that could have gone wrong below the
service layer: SQLite's own integrity check, foreign keys, links that point at
nothing, the search index, and media files (present, and matching their hash).
`backup` copies the database with SQLite's backup API (never a file copy of a
live WAL database) and the content-addressed media files beside it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from exhibit import media as media_files
from exhibit import schema, search
from exhibit.archive import DB_NAME, MEDIA_DIR, Archive
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
    problems = []
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


def _media(archive: Archive) -> list[str]:
    problems = []
    for mid, relpath, sha in archive.db.execute("SELECT id, path, sha256 FROM media ORDER BY id").fetchall():
        message = media_files.verify_stored(archive.media_root, relpath, sha)
        if message:
            problems.append(f"media #{mid}: {message}")
    return problems


def check_archive(archive: Archive, *, reindex: bool = False) -> list[str]:
    """Every problem found, one line each; an empty list means the archive is sound."""
    db = archive.db
    if reindex:
        with archive.transaction():
            search.rebuild(db)
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


def backup(archive: Archive, dest: Path, *, with_media: bool = True) -> Path:
    """Write a consistent copy of the archive to `dest` (a new folder, or a .db file)."""
    dest = Path(dest)
    if dest.suffix == ".db":
        if dest.exists():
            raise ExhibitError(f"{dest} already exists; choose a new file name")
        return schema.backup_to(archive.db, dest)
    if dest.exists() and any(dest.iterdir()):
        raise ExhibitError(f"{dest} is not empty; choose a new folder")
    dest.mkdir(parents=True, exist_ok=True)
    schema.backup_to(archive.db, dest / DB_NAME)
    if with_media and archive.media_root.exists():
        # Media files are named by their hash and never change: copying them is safe.
        target = dest / MEDIA_DIR
        for path in sorted(archive.media_root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                out = target / path.relative_to(archive.media_root)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out)
    return dest
