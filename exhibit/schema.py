"""The archive's schema and its forward-only migrations.

The schema version lives in `PRAGMA user_version`. An upgrade runs every
migration step in ONE transaction (SQLite's DDL and user_version are
transactional), after a verified backup of the whole database made with
SQLite's backup API (never a file copy: a copy of a live WAL database can miss
rows). A step that fails half-way leaves the previous schema and data exactly
as they were.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

_COMMON = """
    id INTEGER PRIMARY KEY,
    is_sample INTEGER NOT NULL DEFAULT 0,
    created TEXT,
    modified TEXT"""

V1_CORE = f"""
CREATE TABLE vocabularies (
    id INTEGER PRIMARY KEY,
    vocab TEXT NOT NULL,
    code TEXT NOT NULL,
    label_zh TEXT NOT NULL DEFAULT '',
    label_en TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (vocab, code)
);
CREATE TABLE objects ({_COMMON},
    accession TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name_zh TEXT NOT NULL DEFAULT '', name_en TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    date_text TEXT NOT NULL DEFAULT '', date_start TEXT, date_end TEXT,
    material TEXT NOT NULL DEFAULT '', dimensions TEXT NOT NULL DEFAULT '',
    weight TEXT NOT NULL DEFAULT '', condition TEXT NOT NULL DEFAULT '',
    grade TEXT NOT NULL DEFAULT '', acquisition TEXT NOT NULL DEFAULT '',
    acquisition_date TEXT NOT NULL DEFAULT '', acquisition_start TEXT, acquisition_end TEXT,
    credit_zh TEXT NOT NULL DEFAULT '', credit_en TEXT NOT NULL DEFAULT '',
    location TEXT NOT NULL DEFAULT '',
    description_zh TEXT NOT NULL DEFAULT '', description_en TEXT NOT NULL DEFAULT '',
    inscription_zh TEXT NOT NULL DEFAULT '', inscription_en TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'in_store'
);
CREATE INDEX objects_category ON objects(category);
CREATE INDEX objects_date ON objects(date_start, date_end);
CREATE TABLE media ({_COMMON},
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    original_name TEXT NOT NULL DEFAULT '',
    format TEXT NOT NULL DEFAULT '', mime TEXT NOT NULL DEFAULT '',
    width INTEGER NOT NULL DEFAULT 0, height INTEGER NOT NULL DEFAULT 0,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    exif_date TEXT, camera TEXT,
    caption_zh TEXT NOT NULL DEFAULT '', caption_en TEXT NOT NULL DEFAULT '',
    creator TEXT NOT NULL DEFAULT '',
    date_text TEXT NOT NULL DEFAULT '', date_start TEXT, date_end TEXT,
    rights TEXT NOT NULL DEFAULT '',
    is_illustration INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE media_links (
    id INTEGER PRIMARY KEY,
    media_id INTEGER NOT NULL REFERENCES media(id),
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    role TEXT NOT NULL DEFAULT 'image',
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (media_id, record_type, record_id)
);
CREATE INDEX media_links_record ON media_links(record_type, record_id, position);
CREATE TABLE sections ({_COMMON},
    code TEXT NOT NULL UNIQUE,
    title_zh TEXT NOT NULL DEFAULT '', title_en TEXT NOT NULL DEFAULT '',
    intro_zh TEXT NOT NULL DEFAULT '', intro_en TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE panels ({_COMMON},
    code TEXT NOT NULL UNIQUE,
    section_id INTEGER REFERENCES sections(id),
    title_zh TEXT NOT NULL DEFAULT '', title_en TEXT NOT NULL DEFAULT '',
    body_zh TEXT NOT NULL DEFAULT '', body_en TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX panels_section ON panels(section_id, position);
CREATE TABLE people ({_COMMON},
    key TEXT UNIQUE,
    name_zh TEXT NOT NULL DEFAULT '', name_en TEXT NOT NULL DEFAULT '',
    side TEXT NOT NULL DEFAULT '',
    born TEXT NOT NULL DEFAULT '', born_start TEXT, born_end TEXT,
    died TEXT NOT NULL DEFAULT '', died_start TEXT, died_end TEXT,
    role_zh TEXT NOT NULL DEFAULT '', role_en TEXT NOT NULL DEFAULT '',
    bio_zh TEXT NOT NULL DEFAULT '', bio_en TEXT NOT NULL DEFAULT ''
);
CREATE TABLE places ({_COMMON},
    key TEXT UNIQUE,
    name_zh TEXT NOT NULL DEFAULT '', name_en TEXT NOT NULL DEFAULT '',
    lat REAL, lon REAL, coord_basis TEXT NOT NULL DEFAULT '',
    description_zh TEXT NOT NULL DEFAULT '', description_en TEXT NOT NULL DEFAULT ''
);
CREATE TABLE events ({_COMMON},
    key TEXT UNIQUE,
    date_text TEXT NOT NULL DEFAULT '', date_start TEXT, date_end TEXT,
    title_zh TEXT NOT NULL DEFAULT '', title_en TEXT NOT NULL DEFAULT '',
    description_zh TEXT NOT NULL DEFAULT '', description_en TEXT NOT NULL DEFAULT '',
    place_id INTEGER REFERENCES places(id)
);
CREATE INDEX events_date ON events(date_start);
CREATE TABLE sources ({_COMMON},
    key TEXT UNIQUE,
    kind TEXT NOT NULL DEFAULT '', title TEXT NOT NULL DEFAULT '',
    author TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '',
    year TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '',
    reliability_zh TEXT NOT NULL DEFAULT '', reliability_en TEXT NOT NULL DEFAULT ''
);
CREATE TABLE citations ({_COMMON},
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources(id),
    page TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX citations_record ON citations(record_type, record_id);
CREATE INDEX citations_source ON citations(source_id);
CREATE TABLE links (
    id INTEGER PRIMARY KEY,
    from_type TEXT NOT NULL, from_id INTEGER NOT NULL,
    to_type TEXT NOT NULL, to_id INTEGER NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (from_type, from_id, to_type, to_id, role)
);
CREATE INDEX links_to ON links(to_type, to_id);
CREATE TABLE movements ({_COMMON},
    object_id INTEGER NOT NULL REFERENCES objects(id),
    location TEXT NOT NULL DEFAULT '',
    moved_at TEXT NOT NULL DEFAULT '', moved_start TEXT, moved_end TEXT,
    reason TEXT NOT NULL DEFAULT '',
    moved_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX movements_object ON movements(object_id, moved_start);
CREATE TABLE history (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    record_type TEXT NOT NULL,
    record_id INTEGER,
    before TEXT,
    after TEXT
);
CREATE INDEX history_record ON history(record_type, record_id);
-- History is append-only: the database itself refuses to rewrite the past.
CREATE TRIGGER history_no_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_no_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Version 2: the search index. Han characters are stored split by spaces so
# that unicode61 makes each one a token (title, body), and again as overlapping
# character pairs (title2, body2) so that longer queries read short doclists
# (see exhibit/search.py and shared/research/tech-notes.md).
V2_SEARCH = """
CREATE TABLE search_docs (
    id INTEGER PRIMARY KEY,
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    sections TEXT NOT NULL DEFAULT '',
    date_start TEXT, date_end TEXT,
    UNIQUE (record_type, record_id)
);
CREATE INDEX search_docs_category ON search_docs(category);
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, title2, body2, pinyin, ident,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Titles alone, for queries so broad that title matches must come first:
-- a small index answers them without reading the body's position lists.
CREATE VIRTUAL TABLE search_titles USING fts5(
    title, title2, pinyin, ident,
    tokenize = 'unicode61 remove_diacritics 2'
);
"""


# Version 3: indexes for sorting long lists by the columns the curator window
# shows. Sorting 1,000,000 rows without one is a full scan and sort (~1 s);
# with one it is an index-only scan.
V3_SORT_INDEXES = """
CREATE INDEX IF NOT EXISTS objects_name_zh ON objects(name_zh);
CREATE INDEX IF NOT EXISTS objects_name_en ON objects(name_en COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS objects_status ON objects(status);
CREATE INDEX IF NOT EXISTS objects_modified ON objects(modified);
CREATE INDEX IF NOT EXISTS media_caption_zh ON media(caption_zh);
CREATE INDEX IF NOT EXISTS media_caption_en ON media(caption_en COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS media_original_name ON media(original_name COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS media_date ON media(date_start, date_end);
"""


def _v1(db: Database) -> None:
    _script(db, V1_CORE)
    from exhibit import vocab
    vocab.install_defaults(db)


def _v2(db: Database) -> None:
    _script(db, V2_SEARCH)  # filled by _v4, which makes these tables again


def _script(db: Database, sql: str) -> None:
    """Run a multi-statement script inside the open transaction."""
    for statement in _split(sql):
        db.conn.execute(statement)


def _split(sql: str) -> list[str]:
    statements, buf = [], []
    for line in sql.splitlines():
        stripped = line.strip()
        if stripped.startswith("--"):
            continue
        buf.append(line)
        joined = "\n".join(buf).strip()
        if joined.endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buf = []
    if "\n".join(buf).strip():
        statements.append("\n".join(buf).strip())
    return statements


def _v3(db: Database) -> None:
    _script(db, V3_SORT_INDEXES)


# Version 4: the full-text tables keep no copy of the indexed texts (content=''), which
# were 38 % of the database (312 of 820 MB at 100,000 objects) and, written on every
# import, ~2 s of a 100,000-row one. An entry is taken out with FTS5's 'delete' command
# and the texts made again from the record as it was (search._forget); search_docs keeps
# a checksum of them to show they are the same, and the index is rebuilt when they are not.
V4_CONTENTLESS_SEARCH = """
ALTER TABLE search_docs ADD COLUMN fts_crc INTEGER NOT NULL DEFAULT 0;
DROP TABLE search_fts;
DROP TABLE search_titles;
CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body, title2, body2, pinyin, ident,
    tokenize = 'unicode61 remove_diacritics 2', content = ''
);
CREATE VIRTUAL TABLE search_titles USING fts5(
    title, title2, pinyin, ident,
    tokenize = 'unicode61 remove_diacritics 2', content = ''
);
"""


def _v4(db: Database) -> None:
    _script(db, V4_CONTENTLESS_SEARCH)
    # Index what an older archive already holds.
    from exhibit import search
    search.rebuild(db)
    search.mark_current(db)


MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2, _v3, _v4]
LATEST = len(MIGRATIONS)


def version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


def backup_to(db: Database, dest: Path) -> Path:
    """Copy the live database to `dest` with SQLite's online backup API, verified by integrity_check."""
    from exhibit.keeping.backups import write_backup

    if dest.exists():
        dest.unlink()  # callers choose new names; a stale file of a failed run is replaced
    return write_backup(db.conn, dest)


def migrate(db: Database, db_path: Path | None, target: int = LATEST) -> Path | None:
    """Bring the schema up to `target`. Returns the pre-migration backup, if one was made."""
    current = version(db)
    if current > LATEST:
        from exhibit.errors import ExhibitError
        raise ExhibitError(f"this archive has schema version {current}; this program knows "
                           f"up to {LATEST}. Use a newer version of Exhibit.")
    if current >= target:
        return None
    backup = None
    has_data = current > 0
    if has_data and db_path is not None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        backup = backup_to(db, db_path.parent / "backups" / f"{db_path.stem}-v{current}-{stamp}.db")
    # One transaction for the whole upgrade: v1 → v3 either completes or is not there at all.
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        for number in range(current + 1, target + 1):
            MIGRATIONS[number - 1](db)
            # PRAGMA user_version is transactional: it commits with the schema.
            db.conn.execute(f"PRAGMA user_version = {number}")
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    return backup
