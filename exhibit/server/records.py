"""Editing records on a server archive: the same rules, history and index as on SQLite, and
optimistic locking so that two curators never overwrite each other without seeing it.

Each of `create`, `update` and `delete` is one transaction on the server that validates
(exhibit/rules.py, through `ServerLookups`, which asks PostgreSQL what the rules ask the
archive), writes the row, keeps the record's search entry current (search_docs as
exhibit/search.py makes it, search_text as exhibit/server/search.py makes it), appends the
history row services.py would write (with the curator's name in `who`), and queues one
NOTIFY on CHANNEL (exhibit/server/listen.py), which PostgreSQL delivers at commit and never
for an edit that was rolled back.

Optimistic locking. Every record row carries a `version` that a trigger bumps on every
UPDATE (exhibit/server/schema.py). A curator's window reads a record with `get`, which
returns it with its version (`Stored`), and saves with `update(conn, edited, base)`: the
row is locked (SELECT … FOR UPDATE, so two saves of one record take turns) and if its
version is no longer base.version someone else saved in between, and the save is refused
with a `Conflict` listing, field by field, the value the curator started from, the
curator's value and the value stored now. Nothing is merged behind the curator's back:
`resolve(conflict, choices)` builds the record from a choice of "mine" or "theirs" for every
field listed, and it is saved against the stored version the conflict showed
(`conflict.stored`), so a third curator's save in the meantime is caught in turn.

A save repeated after a lost connection is harmless: had the first one been committed,
the version has moved and the stored row equals the curator's record, so the second
finds nothing to save rather than saving twice.

Times (created, modified, history's `at`) are the server's clock, not the workstation's:
several workstations' clocks disagree, and one archive should have one order of events.

Connections are psycopg 3 connections in autocommit mode, as exhibit.server.address.connect
makes them; each function here opens its own transaction block (a savepoint when the
caller already has one open, so a caller may group several edits and roll them back).
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Iterator, TypeVar, overload

from exhibit import search
from exhibit.conflicts import (  # noqa: F401  (re-exported: the server's edits raise these)
    MINE,
    THEIRS,
    Conflict,
    FieldConflict,
    Stored,
    conflict_between,
    derived_fields,
    resolve,
)
from exhibit.dates import DateReading, read_date
from exhibit.errors import ExhibitError, LinkedError, NotFoundError
from exhibit.problems import RecordRef
from exhibit.records import (
    RECORD_TYPES,
    HistoryEntry,
    Panel,
    Record,
    Section,
    record_class,
)
from exhibit.server import search as server_search
from exhibit.server.address import ServerError, first_line
from exhibit.server.listen import CHANNEL, Change
from exhibit.services import row_to_store, validate_with

if TYPE_CHECKING:
    import psycopg

R = TypeVar("R", bound=Record)

# ---------------------------------------------------------------- the rules' questions

class ServerLookups:
    """rules.Lookups on a server archive: what the rules ask, asked of PostgreSQL (the twin of
    services' SQLite lookups; identifiers compared ignoring ASCII case with `nocase`, the
    function the unique accession index is on, as SQLite's COLLATE NOCASE compares them)."""

    def __init__(self, conn: "psycopg.Connection"):
        self.conn = conn

    def term_exists(self, vocab_name: str, code: str) -> bool:
        return self.conn.execute("SELECT 1 FROM vocabularies WHERE vocab = %s AND code = %s",
                                 [vocab_name, code]).fetchone() is not None

    def ident_owner(self, record: Record, value: str) -> RecordRef | None:
        cls = type(record)
        row = self.conn.execute(
            f"SELECT id FROM {cls.TABLE} WHERE nocase({cls.IDENT}) = nocase(%s) "
            f"AND id IS DISTINCT FROM %s ORDER BY id LIMIT 1", [value, record.id]).fetchone()
        if row is None:
            return None
        owner = _read(self.conn, cls, row[0])
        return RecordRef.of(owner.record) if owner else None

    def exists(self, record_type: str, record_id: int | None) -> bool:
        if record_id is None or record_type not in RECORD_TYPES:
            return False
        return self.conn.execute(f"SELECT 1 FROM {RECORD_TYPES[record_type].TABLE} WHERE id = %s",
                                 [record_id]).fetchone() is not None

    def read_date(self, text: str) -> DateReading:
        return read_date(text)

    def key_exists(self, record_type: str, key: str) -> bool:
        cls = RECORD_TYPES[record_type]
        return self.conn.execute(f"SELECT 1 FROM {cls.TABLE} WHERE {cls.IDENT} = %s",
                                 [key]).fetchone() is not None


def validate(conn: "psycopg.Connection", record: R) -> R:
    """services.validate on a server archive: the text checks, the text as stored, then
    rules.check_record; returns the record with its derived columns filled in. Raises
    ValidationError listing every error, with the problems SQLite's archive gives."""
    return validate_with(record, ServerLookups(conn))


# ---------------------------------------------------------------- reading

def _class_of(record_type: str | type[Record]) -> type[Record]:
    return record_type if isinstance(record_type, type) else record_class(record_type)


def _read(conn: "psycopg.Connection", cls: type[R], record_id: int, *, lock: bool = False) -> Stored[R] | None:
    from psycopg.rows import dict_row

    with conn.cursor(row_factory=dict_row) as cur:
        cur.execute(f"SELECT * FROM {cls.TABLE} WHERE id = %s" + (" FOR UPDATE" if lock else ""), [record_id])
        row = cur.fetchone()
    if row is None:
        return None
    version = row.pop("version")
    return Stored(cls.from_row(row), int(version))


@overload
def get(conn: "psycopg.Connection", record_type: type[R], record_id: int) -> Stored[R]: ...
@overload
def get(conn: "psycopg.Connection", record_type: str, record_id: int) -> Stored[Record]: ...
def get(conn: "psycopg.Connection", record_type: str | type[Record], record_id: int) -> Stored[Any]:
    """A record and its version; NotFoundError (naming who deleted it) when it is not there."""
    cls = _class_of(record_type)
    with _server_errors(f"{cls.TYPE} #{record_id}", "read"):
        found = _read(conn, cls, record_id)
        if found is None:
            raise _gone(conn, cls.TYPE, record_id, f"{cls.TYPE} #{record_id}", "")
    return found


def _gone(conn: "psycopg.Connection", record_type: str, record_id: int, label: str, outcome: str) -> NotFoundError:
    """NotFoundError for a record that is not there, naming who deleted it when history knows."""
    who, at, action = _last_change(conn, record_type, record_id)
    tail = f"; {outcome}" if outcome else ""
    if action == "delete":
        return NotFoundError(f"{label} was deleted by {who} at {at}{tail}")
    return NotFoundError(f"{label} does not exist (it may have been deleted){tail}")


def _last_change(conn: "psycopg.Connection", record_type: str, record_id: int) -> tuple[str, str, str]:
    row = conn.execute("SELECT who, at, action FROM history WHERE record_type = %s AND record_id = %s "
                       "ORDER BY id DESC LIMIT 1", [record_type, record_id]).fetchone()
    return (str(row[0]), str(row[1]), str(row[2])) if row else ("", "", "")


# ---------------------------------------------------------------- create / update / delete

def create(conn: "psycopg.Connection", record: R, *, who: str) -> Stored[R]:
    """Validate and insert `record` in one transaction; returns it with its id and version 1."""
    if record.id is not None:
        raise ExhibitError(f"{record.label()} already has an id; use update()")
    with _server_errors(record.label(), "save"), _duplicates_named(conn, record):
        with conn.transaction():
            record = validate(conn, record)
            stamp = _now(conn)
            record = replace(record, created=stamp, modified=stamp)
            row = _storable(row_to_store(record))
            names = list(row)
            made = conn.execute(f"INSERT INTO {record.TABLE} ({', '.join(names)}) "
                                f"VALUES ({', '.join(['%s'] * len(names))}) RETURNING id, version",
                                [row[n] for n in names]).fetchone()
            assert made is not None   # INSERT … RETURNING gives its row
            record = replace(record, id=int(made[0]))
            saved = Stored(record, int(made[1]))
            _index(conn, record)
            _add_history(conn, stamp, who, "create", record.TYPE, record.id, None, record.as_row())
            _notify(conn, Change(record.TYPE, record.saved_id, saved.version, "create", who))
    return saved


def update(conn: "psycopg.Connection", record: R, base: Stored[R], *, who: str) -> Stored[R]:
    """Validate and save `record`, edited from `base` (as `get` returned it), in one transaction.

    Raises Conflict when the stored version is no longer base.version and the stored row
    differs from `record`; NotFoundError when the record was deleted meanwhile;
    ValidationError as services.update does. Returns the saved record and its new version
    (or the stored one, unchanged, when there was nothing to save).
    """
    if record.id is None:
        raise ExhibitError(f"{record.label()} has no id; use create()")
    if base.record.id != record.id or type(base.record) is not type(record):
        raise ExhibitError(f"{record.label()} was not edited from {base.record.label()}; "
                           f"save it against the version it was read as")
    record_id = record.id
    cls = type(record)
    with _server_errors(record.label(), "save"), _duplicates_named(conn, record):
        with conn.transaction():
            stored = _read(conn, cls, record_id, lock=True)
            if stored is None:
                raise _gone(conn, cls.TYPE, record_id, record.label(), "nothing was saved")
            record = validate(conn, record)
            stamp = _now(conn)
            record = replace(record, created=stored.record.created, modified=stamp)
            if _comparable(record) == _comparable(stored.record):
                return stored   # nothing to save (also when someone saved these very values)
            if stored.version != base.version:
                raise _conflict(conn, "update", base, record, stored)
            row = _storable(row_to_store(record))
            names = list(row)
            done = conn.execute(f"UPDATE {cls.TABLE} SET {', '.join(f'{n} = %s' for n in names)} "
                                f"WHERE id = %s AND version = %s RETURNING version",
                                [*(row[n] for n in names), record_id, stored.version]).fetchone()
            assert done is not None   # the row is locked at this version since the read above
            saved = Stored(record, int(done[0]))
            _index(conn, record)
            before = stored.record
            if isinstance(record, Panel) and isinstance(before, Panel) and record.section_id != before.section_id:
                _reindex_linked(conn, "panel", record_id)   # its objects change section with it
            _add_history(conn, stamp, who, "update", cls.TYPE, record_id, before.as_row(), record.as_row())
            _notify(conn, Change(cls.TYPE, record_id, saved.version, "update", who))
    return saved


def delete(conn: "psycopg.Connection", base: Stored[Record], *, who: str) -> None:
    """Delete the record the curator opened as `base`, in one transaction.

    Raises Conflict when it was changed since (the curator sees what changed and may delete
    it again against `conflict.stored`), NotFoundError when it is gone already, and
    LinkedError, as services.delete without cascade does, while anything refers to it.
    """
    cls = type(base.record)
    record_id = base.record.saved_id
    with _server_errors(base.record.label(), "delete"):
        with conn.transaction():
            stored = _read(conn, cls, record_id, lock=True)
            if stored is None:
                raise _gone(conn, cls.TYPE, record_id, base.record.label(), "nothing was deleted")
            if stored.version != base.version:
                raise _conflict(conn, "delete", base, None, stored)
            refs = references_to(conn, cls.TYPE, record_id)
            if refs:
                raise LinkedError(stored.record.label(), refs)
            conn.execute(f"DELETE FROM {cls.TABLE} WHERE id = %s", [record_id])
            # Its search_text and search_words rows go with it (ON DELETE CASCADE); the
            # latter's trigger takes it off the index's totals.
            conn.execute("DELETE FROM search_docs WHERE record_type = %s AND record_id = %s", [cls.TYPE, record_id])
            _add_history(conn, _now(conn), who, "delete", cls.TYPE, record_id, stored.record.as_row(), None)
            _notify(conn, Change(cls.TYPE, record_id, stored.version, "delete", who))


def _comparable(record: Record) -> dict[str, Any]:
    row = record.as_row()
    row.pop("modified", None)
    return row


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    """A row as the server's columns take it: flags are integers there (0/1, as SQLite keeps
    them), and psycopg would send a bool as boolean."""
    return {k: int(v) if isinstance(v, bool) else v for k, v in row.items()}


def _now(conn: "psycopg.Connection") -> str:
    """The server's time at the start of this transaction, as services.now() writes it."""
    row = conn.execute("SELECT now()").fetchone()
    assert row is not None
    stamp: datetime = row[0]
    return stamp.astimezone(timezone.utc).isoformat(timespec="seconds")


def _add_history(conn: "psycopg.Connection", at: str, who: str, action: str, record_type: str,
                 record_id: int | None, before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """One history row, as services.add_history writes it (JSON with sorted keys)."""
    def as_json(data: dict[str, Any] | None) -> str | None:
        return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)

    conn.execute("INSERT INTO history (at, who, action, record_type, record_id, before, after) "
                 "VALUES (%s, %s, %s, %s, %s, %s, %s)",
                 [at, who, action, record_type, record_id, as_json(before), as_json(after)])


def add_history(conn: "psycopg.Connection", who: str, action: str, record_type: str, record_id: int | None,
                before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """services.add_history on a server archive: the history row, and a notification for
    each record the change is about (a link's two ends), sent when the transaction commits.
    Other windows hear the edit as they hear a save; no version is named (0)."""
    _add_history(conn, _now(conn), who, action, record_type, record_id, before, after)
    if record_type in ("link", "media_link"):
        data = after or before or {}
        ends = [(data.get("from_type"), data.get("from_id")), (data.get("to_type"), data.get("to_id"))]
        if record_type == "media_link":
            row = data.get("row") or []
            ends = [("media", row[1] if len(row) > 1 else data.get("media_id")),
                    (row[2] if len(row) > 2 else data.get("record_type"),
                     row[3] if len(row) > 3 else data.get("record_id"))]
        for end_type, end_id in ends:
            if isinstance(end_type, str) and isinstance(end_id, int):
                _notify(conn, Change(end_type, end_id, 0, action, who))
        return
    _notify(conn, Change(record_type, record_id or 0, 0, action, who))


def index(conn: "psycopg.Connection", record: Record) -> None:
    """Add or replace the record's search index entry (services.reindex_record's twin)."""
    _index(conn, record)


def _notify(conn: "psycopg.Connection", change: Change) -> None:
    """Queue the change's notification: PostgreSQL sends it when the transaction commits."""
    conn.execute("SELECT pg_notify(%s, %s)", [CHANNEL, change.payload()])


# ---------------------------------------------------------------- conflicts

def _conflict(conn: "psycopg.Connection", action: str, base: Stored, mine: Record | None,
              stored: Stored) -> Conflict:
    who, at, _ = _last_change(conn, stored.record.TYPE, stored.record.saved_id)
    return conflict_between(action, base, mine, stored, who, at)


# ---------------------------------------------------------------- the search index

def _index(conn: "psycopg.Connection", record: Record) -> None:
    """Add or replace the record's index entry: its search_docs row as SQLite's index_record
    writes it, its search_words and search_parts rows (and a long entry's search_text rows:
    exhibit/server/search.py). An update replaces the whole entry: the index keeps the tokens
    themselves, so no old text is needed."""
    if record.TYPE not in search.INDEXED_TYPES:
        return
    (doc,), (fts,), _ = search.index_rows(record.TYPE, [record.as_row()], 0)
    _, record_type, record_id, category, _, start, end, crc = doc
    document: search.Document = fts[1:]
    row = conn.execute(
        "INSERT INTO search_docs (record_type, record_id, category, sections, date_start, date_end, fts_crc) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (record_type, record_id) DO UPDATE SET "
        "category = excluded.category, sections = excluded.sections, date_start = excluded.date_start, "
        "date_end = excluded.date_end, fts_crc = excluded.fts_crc RETURNING id",
        [record_type, record_id, category, _sections_for(conn, record), start, end, crc]).fetchone()
    assert row is not None
    doc_id = int(row[0])
    text, words = server_search.entry_rows(doc_id, document)
    conn.execute("DELETE FROM search_text WHERE doc_id = %s", [doc_id])   # it may have been long
    if text:
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO search_text (doc_id, col, chunk, size, tokens) "
                            "VALUES (%s, %s, %s, %s, %s::tsvector)", text)
    # Replaced whole, as an UPDATE: search_words' trigger moves the index's totals by the
    # difference (search_totals), so ranking never has to add them up.
    *fields, titles, pairs = words
    conn.execute("INSERT INTO search_words (doc_id, tokens, length, title_length) "
                 "VALUES (%s, %s::tsvector, %s, %s) ON CONFLICT (doc_id) DO UPDATE SET "
                 "tokens = excluded.tokens, length = excluded.length, title_length = excluded.title_length",
                 fields)
    if titles is None:
        conn.execute("DELETE FROM search_parts WHERE doc_id = %s", [doc_id])
    else:
        conn.execute("INSERT INTO search_parts (doc_id, titles, pairs) VALUES (%s, %s::tsvector, %s::tsvector) "
                     "ON CONFLICT (doc_id) DO UPDATE SET titles = excluded.titles, pairs = excluded.pairs",
                     [doc_id, titles, pairs])


def _sections_for(conn: "psycopg.Connection", record: Record) -> str:
    """The sections a record is shown in, as search_docs keeps them (",3,7,"), as SQLite's index does."""
    ids: list[int]
    if isinstance(record, Section):
        ids = [record.saved_id]
    elif isinstance(record, Panel):
        ids = [record.section_id] if record.section_id else []
    else:
        ids = [int(r[0]) for r in conn.execute(
            "SELECT DISTINCT p.section_id FROM links l JOIN panels p ON p.id = l.from_id "
            "WHERE l.from_type = 'panel' AND l.to_type = %s AND l.to_id = %s "
            "AND p.section_id IS NOT NULL", [record.TYPE, record.id])]
    return "".join(f",{i}" for i in sorted(ids)) + ("," if ids else "")


def _reindex_linked(conn: "psycopg.Connection", from_type: str, from_id: int) -> None:
    for to_type, to_id in conn.execute("SELECT to_type, to_id FROM links WHERE from_type = %s AND from_id = %s",
                                       [from_type, from_id]).fetchall():
        if to_type in RECORD_TYPES:
            found = _read(conn, RECORD_TYPES[to_type], int(to_id))
            if found is not None:
                _index(conn, found.record)


# ---------------------------------------------------------------- what refers to a record

def references_to(conn: "psycopg.Connection", record_type: str, record_id: int) -> list[str]:
    """What refers to a record, worded as services.linked_from words it (for LinkedError)."""
    found: list[str] = []

    def label_of(rtype: str, rid: int) -> str:
        cls = RECORD_TYPES.get(rtype)
        other = _read(conn, cls, rid) if cls is not None else None
        return other.record.label() if other else f"{rtype} #{rid}"

    def rows(sql: str, *params: Any) -> list[tuple]:
        return conn.execute(sql, list(params)).fetchall()

    for ftype, fid, ttype, tid in rows(
            "SELECT from_type, from_id, to_type, to_id FROM links WHERE (from_type = %s AND from_id = %s) "
            "OR (to_type = %s AND to_id = %s) ORDER BY id", record_type, record_id, record_type, record_id):
        other = (ttype, tid) if (ftype, fid) == (record_type, record_id) else (ftype, fid)
        found.append(f"link with {label_of(*other)}")
    if record_type == "media":
        found += [f"shown on {label_of(rtype, rid)}" for rtype, rid in rows(
            "SELECT record_type, record_id FROM media_links WHERE media_id = %s ORDER BY id", record_id)]
    else:
        found += [f"image {label_of('media', mid)}" for (mid,) in rows(
            "SELECT media_id FROM media_links WHERE record_type = %s AND record_id = %s ORDER BY id",
            record_type, record_id)]
    found += [f"citation of {label_of('source', sid)}" for (sid,) in rows(
        "SELECT source_id FROM citations WHERE record_type = %s AND record_id = %s ORDER BY id",
        record_type, record_id)]
    if record_type == "source":
        found += [f"cited by {label_of(rtype, rid)}" for rtype, rid in rows(
            "SELECT record_type, record_id FROM citations WHERE source_id = %s ORDER BY id", record_id)]
    found += [f"dispute {key or '#' + str(did)}" for did, key in rows(
        "SELECT id, key FROM disputes WHERE record_type = %s AND record_id = %s ORDER BY id",
        record_type, record_id)]
    if record_type == "source":
        found += [f"reading in dispute {key or '#' + str(rid)}" for rid, key in rows(
            "SELECT r.id, d.key FROM dispute_readings r JOIN disputes d ON d.id = r.dispute_id "
            "WHERE r.source_id = %s ORDER BY r.id", record_id)]
    if record_type == "section":
        found += [f"contains {label_of('panel', pid)}" for (pid,) in rows(
            "SELECT id FROM panels WHERE section_id = %s ORDER BY id", record_id)]
    if record_type == "place":
        found += [f"place of {label_of('event', eid)}" for (eid,) in rows(
            "SELECT id FROM events WHERE place_id = %s ORDER BY id", record_id)]
    if record_type == "object":
        found += [f"movement #{mid}" for (mid,) in rows(
            "SELECT id FROM movements WHERE object_id = %s ORDER BY id", record_id)]
    return found


# ---------------------------------------------------------------- the server's own errors

@contextmanager
def _server_errors(label: str, verb: str) -> Iterator[None]:
    """psycopg's errors as one-line ServerErrors naming the record. A lost connection may have
    lost the edit or not: the message says to look (a save repeated against the same version
    cannot save twice)."""
    import psycopg

    try:
        yield
    except psycopg.OperationalError as exc:
        raise ServerError(f"the connection to the server archive was lost while trying to {verb} {label} "
                          f"({first_line(exc)}); open it again to see whether the change was made") from None
    except psycopg.errors.InsufficientPrivilege as exc:
        raise ServerError(f"the server archive refused to {verb} {label}: {first_line(exc)}; "
                          f"your login may only read this archive") from None
    except psycopg.Error as exc:
        tail = "" if verb == "read" else "; nothing was changed"
        raise ServerError(f"the server archive could not {verb} {label}: {first_line(exc)}{tail}") from None


@contextmanager
def _duplicates_named(conn: "psycopg.Connection", record: Record) -> Iterator[None]:
    """Two curators saving the same new accession number (or code, or key) at once both pass
    the rule, which sees only what is committed; the unique index refuses the second when the
    first commits. That is said as the rule says it: the record is checked again, now that
    the other one is visible, and the rule's ValidationError raised. A uniqueness the rules
    do not know (a media file's hash) stays the server's error."""
    import psycopg

    try:
        yield
    except psycopg.errors.UniqueViolation:
        validate(conn, record)
        raise


# ---------------------------------------------------------------- history

def history(conn: "psycopg.Connection", record_type: str | None = None, record_id: int | None = None,
            limit: int = 1000) -> list[HistoryEntry]:
    """The change history, newest first, of one record or of the whole archive (services.history's twin)."""
    clauses: list[str] = []
    params: list[Any] = []
    if record_type:
        clauses.append("record_type = %s")
        params.append(record_type)
    if record_id is not None:
        clauses.append("record_id = %s")
        params.append(record_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = conn.execute(f"SELECT id, at, who, action, record_type, record_id, before, after FROM history{where} "
                        f"ORDER BY id DESC LIMIT %s", [*params, limit]).fetchall()
    return [HistoryEntry(r[0], r[1], r[2], r[3], r[4], r[5],
                         json.loads(r[6]) if r[6] else None, json.loads(r[7]) if r[7] else None)
            for r in rows]
