"""The archive's schema and its forward-only migrations.

The schema version lives in `PRAGMA user_version`. An upgrade runs every
migration step in ONE transaction (SQLite's DDL and user_version are
transactional), after a verified backup of the whole database made with
SQLite's backup API (never a file copy: a copy of a live WAL database can miss
rows). A step that fails half-way leaves the previous schema and data exactly
as they were.

What the code makes is also the reference an archive from elsewhere is held to
(`inspect`): the migrations are run in an in-memory database up to the
archive's version and the two schemas compared, so a trigger, view or index
someone else wrote into the file is refused before it can run.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from sqlite_utils import Database

from exhibit.errors import ExhibitError, printable

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


# Version 5: "accounts differ" — where sources disagree on a value a record's text
# discusses (a date, a casualty figure, surrender or ceasefire), the record keeps the
# dispute and each source's reading of it, for the kiosk and the catalogue to show side
# by side. A dispute refers to its record as a citation does (record_type, record_id);
# its readings go with it (ON DELETE CASCADE) and each names a source as a citation does.
V5_DISPUTES = f"""
CREATE TABLE disputes ({_COMMON},
    record_type TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    key TEXT UNIQUE,
    topic_zh TEXT NOT NULL DEFAULT '', topic_en TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX disputes_record ON disputes(record_type, record_id, position);
CREATE TABLE dispute_readings (
    id INTEGER PRIMARY KEY,
    dispute_id INTEGER NOT NULL REFERENCES disputes(id) ON DELETE CASCADE,
    value_zh TEXT NOT NULL DEFAULT '', value_en TEXT NOT NULL DEFAULT '',
    source_id INTEGER NOT NULL REFERENCES sources(id),
    page TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dispute_readings_dispute ON dispute_readings(dispute_id, position);
CREATE INDEX dispute_readings_source ON dispute_readings(source_id);
"""


def _v5(db: Database) -> None:
    _script(db, V5_DISPUTES)


# Version 6: the object record of Spectrum and LIDO (object name, makers with roles,
# production place and technique, medium as written, measurements as data, other
# numbers, external links, rights, record status) and label copy for objects and panels,
# with a panel's subtitle and lead for the printed panel. Lists are JSON in one column
# (exhibit/object_fields.py). Objects already in the archive were shown and printed
# before there was a record status, so they are "published"; new ones start as drafts.
_TEXT = "TEXT NOT NULL DEFAULT ''"
V6_OBJECT_FIELDS = "\n".join(
    [f"ALTER TABLE objects ADD COLUMN {name} {_TEXT};" for name in (
        "object_name_zh", "object_name_en", "makers", "production_place_zh", "production_place_en",
        "technique_zh", "technique_en", "medium_zh", "medium_en", "measurements", "other_numbers",
        "external_links", "rights", "label_zh", "label_en")]
    + ["ALTER TABLE objects ADD COLUMN record_status TEXT NOT NULL DEFAULT 'draft';",
       "UPDATE objects SET record_status = 'published';",
       "CREATE INDEX objects_record_status ON objects(record_status);"]
    + [f"ALTER TABLE panels ADD COLUMN {name} {_TEXT};" for name in (
        "subtitle_zh", "subtitle_en", "lead_zh", "lead_en", "label_zh", "label_en")])


def _v6(db: Database) -> None:
    _script(db, V6_OBJECT_FIELDS)
    from exhibit import vocab
    vocab.install_defaults(db)          # the record_status terms
    # Measurements are read from the dimension and weight texts on every save; read
    # those an older archive holds now, so sorting and exports have them at once.
    from exhibit import dimensions
    rows = db.execute("SELECT id, dimensions, weight FROM objects "
                      "WHERE dimensions != '' OR weight != ''").fetchall()
    for object_id, size_text, weight_text in rows:
        try:
            found = dimensions.parse_dimensions(size_text) + dimensions.parse_weight(weight_text)
        except dimensions.DimensionsUnreadable:
            continue                    # kept as written; the next save warns about it
        db.execute("UPDATE objects SET measurements = ? WHERE id = ?",
                   [dimensions.to_json(found), object_id])


MIGRATIONS: list[Callable[[Database], None]] = [_v1, _v2, _v3, _v4, _v5, _v6]
LATEST = len(MIGRATIONS)


def version(db: Database) -> int:
    return db.execute("PRAGMA user_version").fetchone()[0]


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
        from exhibit.keeping.backups import before_migration  # it imports what imports schema

        backup = before_migration(db.conn, db_path, current)
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


# ---------------------------------------------------------------- what the code expects
#
# An archive is a file anyone can hand us, and SQLite runs what its schema says: a
# trigger planted in archive.db (AFTER UPDATE … SET description_en = … || OLD.location)
# would run inside our writes and copy private fields into public ones. So before
# anything writes, the schema is compared with the one this program makes: the
# reference is built from the migrations themselves in an in-memory database at the
# archive's own version, so a future migration changes what is expected with no list
# to keep up to date here. Triggers, views and virtual tables we did not make are
# refused; so are indexes (they can make writes fail); extra plain tables and columns
# are data, which our queries never read, and are left alone.

_SQLITE_INTERNAL = "sqlite_"   # sqlite_stat1 (ANALYZE), sqlite_sequence, sqlite_autoindex_…


@dataclass(frozen=True)
class SchemaObject:
    type: str     # table, index, trigger, view
    name: str
    table: str    # tbl_name: the table an index or trigger belongs to
    sql: str

    @property
    def virtual(self) -> bool:
        return self.type == "table" and _normal(self.sql).startswith("create virtual table")

    @property
    def kind(self) -> str:
        return "virtual table" if self.virtual else self.type


@dataclass(frozen=True)
class Reference:
    """The schema the migrations make at one version."""
    version: int
    objects: dict[str, SchemaObject]
    columns: dict[str, tuple[str, ...]]
    seed_rows: dict[str, list[tuple]]   # the FTS5 shadow tables' rows of an empty index


@dataclass(frozen=True)
class SchemaProblem:
    """One way an archive's schema differs from the program's.

    `problem` is 'foreign' (not made by this program: removed by `check --repair`),
    'changed' (one of ours, redefined: put back by `check --repair`), 'missing' (one of
    ours that is not there: an index or trigger is put back by `check --repair`; a table
    or column cannot be) or 'index' (part of the search index: `check --reindex` makes
    it again, and opening for writing does).
    """
    problem: str
    kind: str       # table, column, index, trigger, view, virtual table
    name: str
    table: str
    sql: str = ""

    @property
    def repairable(self) -> bool:
        return self.problem in ("foreign", "changed") or (
            self.problem == "missing" and self.kind in ("index", "trigger", "view"))

    def describe(self) -> str:
        where = f" on {printable(self.table)}" if self.table and self.table != self.name else ""
        what = f"{self.kind} '{printable(self.name)}'{where}"
        if self.problem == "foreign":
            return f"{what} was not made by this program{_what_it_does(self)}: {_one_line(self.sql)}"
        if self.problem == "changed":
            return f"{what} differs from this program's: {_one_line(self.sql)}"
        if self.problem == "index":
            return f"search index: {what} is missing or not this program's (run `check --reindex`)"
        return f"{what} is missing"


class ForeignSchemaError(ExhibitError):
    """An archive's schema holds triggers, views or other objects this program did not make,
    or lacks some of its own; nothing was written. The message names the first."""

    def __init__(self, db_path: Path | str, problems: list[SchemaProblem], what: str = ""):
        self.db_path = Path(db_path)
        self.problems = problems
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        name = what or str(db_path)
        if first.repairable:
            advice = ("run `main.py check --repair` to see what it does and remove it"
                      if first.problem == "foreign" else "run `main.py check --repair` to put back this program's")
        elif first.problem == "index":
            advice = "run `main.py check --reindex` to make the search index again"
        else:
            advice = "it is not an Exhibit archive of its version, or a damaged one"
        super().__init__(f"{name} was refused and not changed: its {_short(first)}{more}; {advice}.")


_TRIGGER_HEAD = re.compile(r"\b(before|after|instead\s+of)?\s*(delete|insert|update(?:\s+of\s+[\w\s,\"'`]+?)?)"
                           r"\s+on\s+[\"'`]?(\w+)", re.IGNORECASE)
_WRITES = re.compile(r"\b(?:update(?:\s+or\s+\w+)?|insert(?:\s+or\s+\w+)?\s+into|replace\s+into|delete\s+from)"
                     r"\s+[\"'`]?(\w+)", re.IGNORECASE)


def _what_it_does(problem: SchemaProblem) -> str:
    """For a trigger, in words: when it runs and which tables it writes to (read off its SQL)."""
    if problem.kind != "trigger":
        return ""
    upper = problem.sql.upper()
    split = upper.find("BEGIN")
    head, body = (problem.sql[:split], problem.sql[split:]) if split >= 0 else (problem.sql, "")
    when = _TRIGGER_HEAD.search(head)
    writes = sorted({m.group(1) for m in _WRITES.finditer(body)})
    text = ""
    if when:
        timing = (when.group(1) or "before").lower()
        text += f" (it runs {timing} each {' '.join(when.group(2).split()).lower()} on {when.group(3)}"
        text += f" and writes to {', '.join(writes)})" if writes else ")"
    return text


def _short(problem: SchemaProblem) -> str:
    where = f" on {printable(problem.table)}" if problem.table and problem.table != problem.name else ""
    verb = {"foreign": "was not made by this program", "changed": "differs from this program's",
            "missing": "is missing", "index": "is missing or not this program's"}[problem.problem]
    return f"{problem.kind} '{printable(problem.name)}'{where} {verb}"


def _normal(sql: str | None) -> str:
    """SQL text compared loosely: case, spacing and IF NOT EXISTS do not matter."""
    text = " ".join((sql or "").split()).lower()
    return text.replace(" if not exists ", " ")


def _one_line(sql: str, limit: int = 300) -> str:
    # Shown on a terminal: an attacker's SQL may hold escape sequences in its literals.
    text = printable(" ".join(sql.split()))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _objects(conn: sqlite3.Connection, schema_name: str = "main") -> dict[str, SchemaObject]:
    rows = conn.execute(f"SELECT type, name, tbl_name, sql FROM {schema_name}.sqlite_master").fetchall()
    return {name: SchemaObject(type, name, table, sql or "") for type, name, table, sql in rows}


def _columns(conn: sqlite3.Connection, table: str, schema_name: str = "main") -> tuple[str, ...]:
    # table_xinfo also lists generated columns; only ever called on plain tables (a
    # virtual table's would be connected, running its module).
    return tuple(row[1] for row in conn.execute(f'PRAGMA {schema_name}.table_xinfo("{table}")'))


def _build_reference(version: int) -> Reference:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(Database(conn), None, target=version)
        objects = _objects(conn)
        columns = {o.name: _columns(conn, o.name) for o in objects.values()
                   if o.type == "table" and not o.virtual}
        seeds = {}
        for vtab in (o for o in objects.values() if o.virtual):
            for shadow in _shadows(objects, vtab.name):
                seeds[shadow] = conn.execute(f'SELECT * FROM "{shadow}"').fetchall()
        return Reference(version, objects, columns, seeds)
    finally:
        conn.close()


_references: dict[tuple, Reference] = {}


def reference(version: int = LATEST) -> Reference:
    """The schema the migrations make at `version`, built once per process (a few ms)."""
    key = (version, tuple(MIGRATIONS[:version]))   # a test may swap MIGRATIONS
    if key not in _references:
        _references[key] = _build_reference(version)
    return _references[key]


def _shadows(objects: dict[str, SchemaObject], vtab: str) -> list[str]:
    """FTS5's shadow tables of `vtab` (search_fts_data, _idx, _docsize, _config …)."""
    return [o.name for o in objects.values() if o.type == "table" and o.name.startswith(f"{vtab}_")
            and not o.virtual]


def index_objects(ref: Reference) -> set[str]:
    """The search index's schema objects: derived data, made again from the records."""
    from exhibit import search

    names: set[str] = set()
    for table in (*search.INDEX_TABLES,):
        if table in ref.objects:
            names.add(table)
            names.update(_shadows(ref.objects, table))
            names.update(o.name for o in ref.objects.values() if o.table == table and o.type == "index")
    return names


def inspect(conn: sqlite3.Connection, schema_name: str = "main") -> list[SchemaProblem]:
    """How the schema of the database on `conn` differs from this program's at its version.

    Reads sqlite_master and the columns of our plain tables only: runs no trigger, view or
    virtual table. An archive newer than this program is not judged here (opening refuses
    it); a database at version 0 is judged against an empty schema.
    """
    version = conn.execute(f"PRAGMA {schema_name}.user_version").fetchone()[0]
    if not 0 <= version <= LATEST:
        return []
    ref = reference(version) if version else Reference(0, {}, {}, {})
    index = index_objects(ref)
    actual = _objects(conn, schema_name)
    problems: list[SchemaProblem] = []
    for obj in actual.values():
        if obj.name.startswith(_SQLITE_INTERNAL) and obj.type in ("table", "index"):
            continue
        expected = ref.objects.get(obj.name)
        if expected is None:
            if obj.type == "table" and not obj.virtual:
                continue   # data someone added: our queries never read it
            problems.append(SchemaProblem("foreign", obj.kind, obj.name, obj.table, obj.sql))
        elif (expected.kind, expected.table) != (obj.kind, obj.table):
            # A view or virtual table in place of one of our tables, an index on another table…
            problems.append(SchemaProblem("foreign", obj.kind, obj.name, obj.table, obj.sql))
        elif (obj.type != "table" or obj.virtual) and _normal(expected.sql) != _normal(obj.sql):
            problem = "index" if obj.name in index else "changed"
            problems.append(SchemaProblem(problem, obj.kind, obj.name, obj.table, obj.sql))
    for expected in ref.objects.values():
        if expected.name.startswith(_SQLITE_INTERNAL):
            continue
        present = actual.get(expected.name)
        if present is None:
            problem = "index" if expected.name in index else "missing"
            problems.append(SchemaProblem(problem, expected.kind, expected.name, expected.table, expected.sql))
        elif expected.type == "table" and not expected.virtual and present.kind == "table":
            have = set(_columns(conn, present.name, schema_name))
            for column in ref.columns[expected.name]:
                if column not in have:
                    problem = "index" if expected.name in index else "missing"
                    problems.append(SchemaProblem(problem, "column", column, expected.name))
    # A missing virtual table's shadow tables go with it: one line, not five.
    gone = {p.name for p in problems if p.kind == "virtual table" and p.name not in actual}
    problems = [p for p in problems if not (p.name not in actual and p.name not in gone and
                                            any(p.name in _shadows(ref.objects, v) for v in gone))]
    order = {"foreign": 0, "changed": 1, "missing": 2, "index": 3}
    return sorted(problems, key=lambda p: order[p.problem])


def unexpected_objects(conn: sqlite3.Connection, schema_name: str = "main") -> list[SchemaProblem]:
    """Triggers, views, virtual tables and indexes on `conn` this program did not make (or
    made otherwise): what must not run or stay. For an importer to call before it reads."""
    return [p for p in inspect(conn, schema_name) if p.problem in ("foreign", "changed")]


def require_expected(conn: sqlite3.Connection, db_path: Path | str, *, what: str = "",
                     allow_index: bool = False) -> list[SchemaProblem]:
    """Raise ForeignSchemaError for any difference but the search index's (when
    `allow_index`); returns the index problems left."""
    problems = inspect(conn)
    refused = [p for p in problems if not (allow_index and p.problem == "index")]
    if refused:
        raise ForeignSchemaError(db_path, refused, what)
    return problems


def repair(conn: sqlite3.Connection, problems: list[SchemaProblem]) -> list[str]:
    """Remove foreign objects and put back this program's changed or missing triggers,
    views and indexes, in one transaction on `conn` (a plain connection). No record is
    touched: dropping a trigger, view or index drops no row. Returns what was done.
    """
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    ref = reference(version)
    done: list[str] = []
    conn.execute("BEGIN IMMEDIATE")
    try:
        for p in problems:
            if not p.repairable:
                continue
            if p.problem in ("foreign", "changed") and p.name in _objects(conn):
                _drop(conn, p)
                done.append(f"removed {p.kind} '{printable(p.name)}'"
                            + (f" on {printable(p.table)}" if p.table != p.name else "")
                            + f", which did: {_one_line(p.sql, 2000)}")
            ours = ref.objects.get(p.name)
            if ours is not None and p.kind != "table" and ours.kind == p.kind and p.name not in _objects(conn):
                conn.execute(ours.sql)
                done.append(f"put back this program's {ours.kind} '{ours.name}'")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return done


def _drop(conn: sqlite3.Connection, p: SchemaProblem) -> None:
    keyword = {"trigger": "TRIGGER", "view": "VIEW", "index": "INDEX"}.get(p.kind, "TABLE")
    try:
        conn.execute(f'DROP {keyword} "{p.name}"')
    except sqlite3.OperationalError:
        if p.kind != "virtual table":
            raise
        # A virtual table whose module this SQLite lacks cannot be connected to drop it;
        # it has no pages of its own, so its schema row can go (its shadow tables, if any,
        # are plain tables and stay as data).
        conn.execute("PRAGMA writable_schema = ON")
        try:
            conn.execute("DELETE FROM sqlite_master WHERE type = 'table' AND name = ?", [p.name])
        finally:
            conn.execute("PRAGMA writable_schema = OFF")


def restore_index_tables(conn: sqlite3.Connection) -> list[str]:
    """Make the search index's tables again where they are missing or not this program's,
    inside the caller's transaction: an empty index, which `search.rebuild` then fills.
    Returns the names made again."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    ref = reference(version)
    index = index_objects(ref)
    problems = [p for p in inspect(conn) if p.problem == "index"]
    if not problems:
        return []
    actual = _objects(conn)
    made: list[str] = []
    # Virtual tables first: dropping one drops its shadow tables, creating one makes them.
    broken = {p.table if p.kind == "column" else p.name for p in problems}   # names of objects
    for vtab in (o for o in ref.objects.values() if o.virtual and o.name in index):
        shadows = _shadows(ref.objects, vtab.name)
        if vtab.name not in broken and not broken.intersection(shadows):
            continue
        present = actual.get(vtab.name)
        if present is not None:   # a virtual table (inspect calls any other kind foreign)
            # FTS5 cannot connect to the table to drop it while a shadow table is missing:
            # put back the missing ones as an empty index's first.
            for shadow in shadows:
                if shadow not in actual:
                    conn.execute(ref.objects[shadow].sql)
                    marks = ", ".join("?" * len(ref.columns[shadow]))
                    conn.executemany(f'INSERT INTO "{shadow}" VALUES ({marks})', ref.seed_rows[shadow])
            _drop(conn, SchemaProblem("index", "virtual table", vtab.name, vtab.name))
        for shadow in shadows:   # left behind by a virtual table whose schema row was removed
            if shadow in _objects(conn):
                conn.execute(f'DROP TABLE "{shadow}"')
        conn.execute(vtab.sql)
        made.append(vtab.name)
    # Then the plain tables (search_docs) and their indexes.
    for obj in ref.objects.values():
        if obj.name not in index or obj.virtual or obj.name in made or obj.name.startswith(_SQLITE_INTERNAL):
            continue
        if any(obj.name in _shadows(ref.objects, v) for v in made):
            continue
        if obj.name not in broken and obj.table not in broken:
            continue
        current = _objects(conn).get(obj.name)
        if obj.type == "table":
            if current is not None:
                conn.execute(f'DROP {current.type.upper()} "{obj.name}"')   # derived rows only
            conn.execute(obj.sql)
            made.append(obj.name)
    for obj in ref.objects.values():
        if obj.type == "index" and obj.name in index and obj.sql and obj.name not in _objects(conn):
            conn.execute(obj.sql)
            made.append(obj.name)
    return made
