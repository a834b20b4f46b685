"""The service layer: every change to the archive goes through here.

The curator window, the command line, the importers and the tests all call
these functions. Each call is one transaction that validates, writes the
record, updates the search index and appends one history row per change, so
a failed call leaves the archive exactly as it was.

The core's other writers (media records, undo snapshots, the archive's JSON
import) write through the public helpers here rather than their own copies:
`exists`, `get_link`, `row_to_store`, `link_dict`, `inserted_id`, `add_history`
(the history writer), `reindex_record`, `clean_text`, and the rules `check_text`,
`check_ident` and `check_references`. A leading underscore means private to
this module (tests/core/test_private_names.py checks that nothing else uses one).
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Iterable, Sequence, TypeVar, overload

from exhibit import rules, search, vocab
from exhibit.archive import Archive
from exhibit.dates import DateReading, read_date
from exhibit.errors import ExhibitError, LinkedError, NotFoundError, ValidationError
from exhibit.problems import Problem, RecordRef
from exhibit.records import (
    RECORD_TYPES,
    ArchiveObject,
    Citation,
    Event,
    HistoryEntry,
    Link,
    Movement,
    Panel,
    Record,
    field_names,
    record_class,
)

R = TypeVar("R", bound=Record)


# ---------------------------------------------------------------- the server's twins
# A server archive (exhibit/server/archive.py) runs the readers' plain SQL as it is; its
# writes go through exhibit/server/records.py, which adds the record's version (optimistic
# locking) and tells the other windows. Imported when used: a SQLite archive never loads psycopg.

def _server(archive: Archive) -> Any:
    return archive  # a ServerArchive: typed Any so that SQLite's Archive needs no server methods


def _conn(archive: Archive) -> Any:
    return _server(archive).conn


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------- reading
# The readers take a record type by name ("object") or by class (ArchiveObject); given the
# class, what they return is typed as that class.

def _class_of(record_type: str | type[Record]) -> type[Record]:
    return record_type if isinstance(record_type, type) else record_class(record_type)


def _row_to_record(cls: type[R], cursor_row: tuple, names: list[str]) -> R:
    return cls.from_row(dict(zip(names, cursor_row)))


@overload
def get(archive: Archive, record_type: type[R], record_id: int) -> R: ...
@overload
def get(archive: Archive, record_type: str, record_id: int) -> Record: ...
def get(archive: Archive, record_type: str | type[Record], record_id: int) -> Record:
    cls = _class_of(record_type)
    if archive.is_server:
        from exhibit.server import records as server_records

        stored = server_records.get(_conn(archive), cls, record_id)
        _server(archive).remember(stored)
        return stored.record
    cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} WHERE id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFoundError(f"{cls.TYPE} #{record_id} does not exist (it may have been deleted)")
    return _row_to_record(cls, row, [d[0] for d in cursor.description])


@overload
def find(archive: Archive, record_type: type[R], ident: str) -> R | None: ...
@overload
def find(archive: Archive, record_type: str, ident: str) -> Record | None: ...
def find(archive: Archive, record_type: str | type[Record], ident: str) -> Record | None:
    """A record by its accession number, code or key (case-insensitive)."""
    cls = _class_of(record_type)
    if not cls.IDENT:
        raise ExhibitError(f"{record_type} records have no identifier to look up")
    # A server compares as SQLite's COLLATE NOCASE does with its `nocase` (exhibit/server/schema.py).
    same = (f"nocase({cls.IDENT}) = nocase(?)" if archive.is_server
            else f"{cls.IDENT} = ? COLLATE NOCASE")
    cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} WHERE {same}", [clean_text(ident)])
    row = cursor.fetchone()
    return _row_to_record(cls, row, [d[0] for d in cursor.description]) if row else None


# Panels are ordered within their section, sections by their own position.
_DEFAULT_ORDER = {
    "panel": "coalesce((SELECT s.position FROM sections s WHERE s.id = panels.section_id), 1e9), "
             "position, id",
    "event": "date_start, id",
}


@overload
def list_records(archive: Archive, record_type: type[R], where: str = "", params: Iterable[Any] = (),
                 order: str | None = None, limit: int | None = None) -> list[R]: ...
@overload
def list_records(archive: Archive, record_type: str, where: str = "", params: Iterable[Any] = (),
                 order: str | None = None, limit: int | None = None) -> list[Record]: ...
def list_records(archive: Archive, record_type: str | type[Record], where: str = "", params: Iterable[Any] = (),
                 order: str | None = None, limit: int | None = None) -> Sequence[Record]:
    cls = _class_of(record_type)
    if order is None:
        order = _DEFAULT_ORDER.get(cls.TYPE) or (
            "position, id" if "position" in field_names(cls) else "id")
    sql = f"SELECT * FROM {cls.TABLE}" + (f" WHERE {where}" if where else "") + f" ORDER BY {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    cursor = archive.db.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [_row_to_record(cls, row, names) for row in cursor.fetchall()]


def count(archive: Archive, record_type: str) -> int:
    cls = record_class(record_type)
    return archive.db.execute(f"SELECT count(*) FROM {cls.TABLE}").fetchone()[0]


# ---------------------------------------------------------------- validation

def clean_text(value: str) -> str:
    """Short text as stored: NFC-normalised and trimmed (identifiers are compared this way)."""
    return rules.clean_text(value)


# The rules themselves are in exhibit/rules.py, shared with the import's checker; these
# bind them to an archive (one query per term, identifier or reference asked about).

class _ArchiveLookups:
    def __init__(self, archive: Archive):
        self.archive = archive

    def term_exists(self, vocab_name: str, code: str) -> bool:
        return vocab.term_exists(self.archive.db, vocab_name, code)

    def ident_owner(self, record: Record, value: str) -> RecordRef | None:
        cls = type(record)
        row = self.archive.db.execute(
            f"SELECT id FROM {cls.TABLE} WHERE {cls.IDENT} = ? COLLATE NOCASE AND id IS NOT ?",
            [value, record.id]).fetchone()
        return RecordRef.of(get(self.archive, cls.TYPE, row[0])) if row else None

    def exists(self, record_type: str, record_id: int | None) -> bool:
        return exists(self.archive, record_type, record_id)

    def read_date(self, text: str) -> DateReading:
        return read_date(text)

    def key_exists(self, record_type: str, key: str) -> bool:
        cls = RECORD_TYPES[record_type]
        return self.archive.db.execute(f"SELECT 1 FROM {cls.TABLE} WHERE {cls.IDENT} = ?",
                                       [key]).fetchone() is not None


def check_text(name: str, value: Any, problems: list[Problem]) -> None:
    """Append to `problems` what makes `value` unstorable as the text field `name`."""
    rules.check_text(name, value, problems)


def _normalized(record: R) -> R:
    """Trim and NFC-normalise short text; long text keeps its line breaks."""
    cleaned: dict[str, Any] = {name: rules.stored_text(name, value)
                               for name in rules.text_fields(record.as_row())
                               if isinstance(value := getattr(record, name), str)}
    return replace(record, **cleaned)


def validate(archive: Archive, record: R) -> R:
    """Check `record` against every rule (exhibit/rules.py); returns it with parsed dates filled in.

    Raises ValidationError listing every problem (errors only: a date kept as
    written is a warning, see date_warnings), so a form can show them all.
    """
    if archive.is_server:
        from exhibit.server import records as server_records

        return server_records.validate(_conn(archive), record)
    return validate_with(record, _ArchiveLookups(archive))


def validate_with(record: R, lookups: rules.Lookups) -> R:
    """`validate` against any archive's answers (`lookups`): SQLite's here, a server's in
    exhibit/server/records.py, so both refuse a record with the same problems."""
    problems: list[Problem] = []
    for name in rules.text_fields(record.as_row()):
        rules.check_text(name, getattr(record, name), problems)
    if problems:
        raise ValidationError(record.label(), problems)
    record = _normalized(record)
    changes = rules.check_record(record, lookups, problems)
    errors = [p for p in problems if not p.is_warning]
    if errors:
        raise ValidationError(record.label(), errors)
    return replace(record, **changes)


def date_warnings(record: Record) -> list[Problem]:
    """What a save keeps without understanding: one '<field>: cannot read the date …' per date
    text that has no range. The record is saved all the same; a form or an import shows these."""
    return rules.date_warnings(record)


def _lookups(archive: Archive) -> rules.Lookups:
    """What the rules ask, asked of this archive: SQLite here, PostgreSQL on a server."""
    if archive.is_server:
        from exhibit.server import records as server_records

        return server_records.ServerLookups(_conn(archive))
    return _ArchiveLookups(archive)


def check_ident(archive: Archive, record: Record, problems: list[Problem]) -> None:
    """The identifier rule: required where the type needs one, and not used by another record."""
    rules.check_ident(record, _lookups(archive), problems)


def exists(archive: Archive, record_type: str, record_id: int | None) -> bool:
    """Whether the record is there (False for an unknown type or a missing id)."""
    if record_id is None or record_type not in RECORD_TYPES:
        return False
    table = RECORD_TYPES[record_type].TABLE
    return archive.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone() is not None


def check_references(archive: Archive, record: Record, problems: list[Problem]) -> None:
    """The reference rule: every id a record points at (section, place, source …) exists."""
    rules.check_references(record, _lookups(archive), problems)


# ---------------------------------------------------------------- history

def _json(data: dict[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id SQLite gave the row that the INSERT run on `cursor` just wrote."""
    if cursor.lastrowid is None:  # only a cursor that has run no INSERT has none
        raise RuntimeError("no row was inserted")
    return cursor.lastrowid


def add_history(archive: Archive, action: str, record_type: str, record_id: int | None,
                before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    """Append one history row; call it inside the transaction of the write it describes.

    On a server archive the row also tells the other windows (NOTIFY, sent at commit)."""
    if archive.is_server:
        from exhibit.server import records as server_records

        server_records.add_history(_conn(archive), archive.user, action, record_type, record_id, before, after)
        return
    archive.db.execute(
        "INSERT INTO history (at, who, action, record_type, record_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [now(), archive.user, action, record_type, record_id, _json(before), _json(after)])


def history(archive: Archive, record_type: str | None = None, record_id: int | None = None,
            limit: int = 1000) -> list[HistoryEntry]:
    """The change history, newest first, of one record or of the whole archive."""
    clauses: list[str] = []
    params: list[Any] = []
    if record_type:
        clauses.append("record_type = ?")
        params.append(record_type)
    if record_id is not None:
        clauses.append("record_id = ?")
        params.append(record_id)
    if archive.is_server:
        from exhibit.server import records as server_records

        return server_records.history(_conn(archive), record_type, record_id, limit)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = archive.db.execute(
        f"SELECT id, at, who, action, record_type, record_id, before, after FROM history{where} "
        f"ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    return [HistoryEntry(r[0], r[1], r[2], r[3], r[4], r[5],
                         json.loads(r[6]) if r[6] else None, json.loads(r[7]) if r[7] else None)
            for r in rows]


# ---------------------------------------------------------------- create / update / delete

def row_to_store(record: Record) -> dict[str, Any]:
    """The columns to write for `record` (no id; an empty optional key as NULL)."""
    row = record.as_row()
    row.pop("id")
    ident = record.IDENT
    if ident and ident != "accession" and not row.get(ident) and record.TYPE != "media":
        row[ident] = None  # empty optional keys are NULL, so UNIQUE allows many
    return row


def create(archive: Archive, record: R) -> R:
    """Validate and insert `record`; returns it with its id."""
    if record.id is not None:
        raise ExhibitError(f"{record.label()} already has an id; use update()")
    if archive.is_server:
        from exhibit.server import records as server_records

        _server(archive).require_writable()
        stored = server_records.create(_conn(archive), record, who=archive.user)
        _server(archive).remember(stored)
        return stored.record
    with archive.transaction():
        record = validate(archive, record)
        stamp = now()
        record = replace(record, created=stamp, modified=stamp)
        table = archive.db.table(record.TABLE)
        table.insert(row_to_store(record))
        record = replace(record, id=table.last_pk)
        search.index_record(archive.db, record)
        add_history(archive, "create", record.TYPE, record.id, None, record.as_row())
    return record


def update(archive: Archive, record: R, *, base: R | None = None) -> R:
    """Validate and save changes to an existing record.

    `base` is the record as the curator opened it (as get or list_records returned it).
    Given, the save is refused with a Conflict (exhibit/conflicts.py), field by field and
    with nothing written, when the stored record is no longer `base`: someone else saved it
    since (another curator on a server archive; an undo or another form here). Without it
    the save replaces whatever is stored.
    """
    if record.id is None:
        raise ExhibitError(f"{record.label()} has no id; use create()")
    record_id = record.id
    if archive.is_server:
        return _server_update(archive, record, base)
    with archive.transaction():
        before = get(archive, type(record), record_id)
        record = validate(archive, record)
        record = replace(record, created=before.created, modified=now())
        if _comparable(record) == _comparable(before):
            return before
        if base is not None and _comparable(base) != _comparable(before):
            raise _changed_since(archive, "update", base, record, before)
        archive.db.table(record.TABLE).update(record_id, row_to_store(record))
        search.index_record(archive.db, record, previous=before)
        if isinstance(record, Panel) and isinstance(before, Panel) and record.section_id != before.section_id:
            _reindex_linked(archive, "panel", record_id)
        add_history(archive, "update", record.TYPE, record_id, before.as_row(), record.as_row())
    return record


def _comparable(record: Record) -> dict[str, Any]:
    row = record.as_row()
    row.pop("modified", None)
    return row


def _changed_since(archive: Archive, action: str, base: Record, mine: Record | None,
                   stored: Record) -> Exception:
    """The Conflict of a save (or delete) of a record that changed since `base` was read."""
    from exhibit.conflicts import Stored, conflict_between

    last = history(archive, stored.TYPE, stored.id, limit=1)
    who, at = (last[0].who, last[0].at) if last else ("", "")
    return conflict_between(action, Stored(base, 0), mine, Stored(stored, 0), who, at)


def _server_base(archive: Archive, record: R, base: R | None) -> Any:
    """The version the save starts from: `base`'s, as this archive read it; without a base,
    the version stored now (the save then replaces it, as on SQLite)."""
    from exhibit.conflicts import Stored
    from exhibit.server import records as server_records

    if base is not None:
        known = _server(archive).base_for(base)
        if known is not None:
            return known
    stored = server_records.get(_conn(archive), type(record), record.saved_id)
    if base is None or _comparable(base) == _comparable(stored.record):
        return stored
    return Stored(base, -1)   # read elsewhere, and not what is stored: the server lists the fields


def _server_update(archive: Archive, record: R, base: R | None) -> R:
    from exhibit.server import records as server_records

    _server(archive).require_writable()
    stored = server_records.update(_conn(archive), record, _server_base(archive, record, base),
                                   who=archive.user)
    _server(archive).remember(stored)
    return stored.record


def linked_from(archive: Archive, record_type: str, record_id: int) -> list[tuple[str, str, str]]:
    """Everything that refers to a record: (kind of reference, table, sql where-id) descriptions."""
    db = archive.db
    found: list[tuple[str, str, str]] = []

    def label_of(rtype: str, rid: int) -> str:
        try:
            return get(archive, rtype, rid).label()
        except (NotFoundError, ExhibitError):
            return f"{rtype} #{rid}"

    for lid, ftype, fid, ttype, tid in db.execute(
            "SELECT id, from_type, from_id, to_type, to_id FROM links "
            "WHERE (from_type = ? AND from_id = ?) OR (to_type = ? AND to_id = ?)",
            [record_type, record_id, record_type, record_id]).fetchall():
        other = (ttype, tid) if (ftype, fid) == (record_type, record_id) else (ftype, fid)
        found.append(("link", str(lid), f"link with {label_of(*other)}"))
    if record_type == "media":
        for lid, rtype, rid in db.execute(
                "SELECT id, record_type, record_id FROM media_links WHERE media_id = ?", [record_id]):
            found.append(("media_link", str(lid), f"shown on {label_of(rtype, rid)}"))
    else:
        for lid, mid in db.execute(
                "SELECT id, media_id FROM media_links WHERE record_type = ? AND record_id = ?",
                [record_type, record_id]):
            found.append(("media_link", str(lid), f"image {label_of('media', mid)}"))
    for cid, sid in db.execute("SELECT id, source_id FROM citations WHERE record_type = ? AND record_id = ?",
                               [record_type, record_id]):
        found.append(("citation", str(cid), f"citation of {label_of('source', sid)}"))
    if record_type == "source":
        for cid, rtype, rid in db.execute(
                "SELECT id, record_type, record_id FROM citations WHERE source_id = ?", [record_id]):
            found.append(("citation", str(cid), f"cited by {label_of(rtype, rid)}"))
    # Disputes go with their record; a deleted source takes its readings out of disputes.
    for did, key in db.execute("SELECT id, key FROM disputes WHERE record_type = ? AND record_id = ?",
                               [record_type, record_id]):
        found.append(("dispute", str(did), f"dispute {key or '#' + str(did)}"))
    if record_type == "source":
        for rid, key in db.execute("SELECT r.id, d.key FROM dispute_readings r "
                                   "JOIN disputes d ON d.id = r.dispute_id WHERE r.source_id = ?",
                                   [record_id]):
            found.append(("dispute_reading", str(rid), f"reading in dispute {key or '#' + str(rid)}"))
    if record_type == "section":
        for (pid,) in db.execute("SELECT id FROM panels WHERE section_id = ?", [record_id]):
            found.append(("panel_section", str(pid), f"contains {label_of('panel', pid)}"))
    if record_type == "place":
        for (eid,) in db.execute("SELECT id FROM events WHERE place_id = ?", [record_id]):
            found.append(("event_place", str(eid), f"place of {label_of('event', eid)}"))
    if record_type == "object":
        for (mid,) in db.execute("SELECT id FROM movements WHERE object_id = ?", [record_id]):
            found.append(("movement", str(mid), f"movement #{mid}"))
    return found


def delete(archive: Archive, record_type: str, record_id: int, *, cascade: bool = False,
           base: Record | None = None) -> list[str]:
    """Delete a record. Refused while anything links to it, unless `cascade`.

    With cascade, the links, media links, citations, disputes (and, for a source,
    the dispute readings naming it) and movements that refer to it are removed
    and references from panels/events are cleared, each change with its own
    history row. Returns what was removed. With `base` (the record as the curator saw it),
    a record changed since is not deleted: Conflict, as update raises.
    """
    with archive.transaction():
        record = get(archive, record_type, record_id)
        if base is not None and _comparable(base) != _comparable(record):
            raise _changed_since(archive, "delete", base, None, record)
        refs = linked_from(archive, record_type, record_id)
        if refs and not cascade:
            raise LinkedError(record.label(), [text for _, _, text in refs])
        removed = []
        for kind, ref_id, text in refs:
            _remove_reference(archive, kind, int(ref_id))
            removed.append(text)
        if archive.is_server:
            from exhibit.server import records as server_records

            server_records.delete(_conn(archive), _server_base(archive, record, record), who=archive.user)
            return removed
        archive.db.execute(f"DELETE FROM {record.TABLE} WHERE id = ?", [record_id])
        search.unindex(archive.db, record_type, record_id, record)
        add_history(archive, "delete", record_type, record_id, record.as_row(), None)
    return removed


def _remove_reference(archive: Archive, kind: str, ref_id: int) -> None:
    db = archive.db
    if kind == "link":
        link = get_link(archive, ref_id)
        db.execute("DELETE FROM links WHERE id = ?", [ref_id])
        add_history(archive, "unlink", "link", ref_id, link_dict(link), None)
        reindex_record(archive, link.to_type, link.to_id)
    elif kind == "media_link":
        row = db.execute("SELECT * FROM media_links WHERE id = ?", [ref_id]).fetchone()
        db.execute("DELETE FROM media_links WHERE id = ?", [ref_id])
        add_history(archive, "unlink_media", "media_link", ref_id, {"row": list(row)}, None)
    elif kind == "citation":
        before = get(archive, "citation", ref_id)
        db.execute("DELETE FROM citations WHERE id = ?", [ref_id])
        add_history(archive, "delete", "citation", ref_id, before.as_row(), None)
    elif kind in ("dispute", "dispute_reading"):
        from exhibit import disputes  # it builds on this module

        if kind == "dispute":
            disputes.delete_dispute(archive, ref_id)
        else:
            disputes.delete_reading(archive, ref_id)
    elif kind == "movement":
        before = get(archive, "movement", ref_id)
        db.execute("DELETE FROM movements WHERE id = ?", [ref_id])
        add_history(archive, "delete", "movement", ref_id, before.as_row(), None)
    elif kind == "panel_section":
        panel = get(archive, Panel, ref_id)
        moved = replace(panel, section_id=None, modified=now())
        db.execute("UPDATE panels SET section_id = NULL, modified = ? WHERE id = ?", [moved.modified, ref_id])
        _index(archive, moved, previous=panel)
        _reindex_linked(archive, "panel", ref_id)  # its objects leave the section too
        add_history(archive, "update", "panel", ref_id, panel.as_row(), moved.as_row())
    elif kind == "event_place":
        event = get(archive, Event, ref_id)
        placeless = replace(event, place_id=None, modified=now())
        db.execute("UPDATE events SET place_id = NULL, modified = ? WHERE id = ?", [placeless.modified, ref_id])
        add_history(archive, "update", "event", ref_id, event.as_row(), placeless.as_row())


# ---------------------------------------------------------------- links between records

def link_dict(link: Link) -> dict[str, Any]:
    """A link as its history rows record it."""
    return {"id": link.id, "from_type": link.from_type, "from_id": link.from_id,
            "to_type": link.to_type, "to_id": link.to_id, "role": link.role, "position": link.position}


def get_link(archive: Archive, link_id: int) -> Link:
    """One link by id; NotFoundError if it is gone."""
    row = archive.db.execute("SELECT id, from_type, from_id, to_type, to_id, role, position "
                             "FROM links WHERE id = ?", [link_id]).fetchone()
    if row is None:
        raise NotFoundError(f"link #{link_id} does not exist")
    return Link(*row)


def links(archive: Archive, from_type: str, from_id: int, to_type: str | None = None) -> list[Link]:
    """Outgoing links of a record, in order."""
    sql = ("SELECT id, from_type, from_id, to_type, to_id, role, position FROM links "
           "WHERE from_type = ? AND from_id = ?")
    params: list[Any] = [from_type, from_id]
    if to_type:
        sql += " AND to_type = ?"
        params.append(to_type)
    return [Link(*r) for r in archive.db.execute(sql + " ORDER BY to_type, position, id", params)]


def backlinks(archive: Archive, to_type: str, to_id: int, from_type: str | None = None) -> list[Link]:
    sql = ("SELECT id, from_type, from_id, to_type, to_id, role, position FROM links "
           "WHERE to_type = ? AND to_id = ?")
    params: list[Any] = [to_type, to_id]
    if from_type:
        sql += " AND from_type = ?"
        params.append(from_type)
    return [Link(*r) for r in archive.db.execute(sql + " ORDER BY from_type, position, id", params)]


def linked_records(archive: Archive, from_type: str, from_id: int, to_type: str) -> list[Record]:
    return [get(archive, to_type, link.to_id) for link in links(archive, from_type, from_id, to_type)]


def reindex_record(archive: Archive, record_type: str, record_id: int) -> None:
    """A panel link changes which sections an object belongs to: refresh its index entry."""
    if exists(archive, record_type, record_id):
        _index(archive, get(archive, record_type, record_id))


def _index(archive: Archive, record: Record, previous: Record | None = None) -> None:
    """Write the record's search index entry, in the archive's own form of the index."""
    if archive.is_server:
        from exhibit.server import records as server_records

        server_records.index(_conn(archive), record)
    else:
        search.index_record(archive.db, record, previous=previous)


def _reindex_linked(archive: Archive, from_type: str, from_id: int) -> None:
    for link in links(archive, from_type, from_id):
        reindex_record(archive, link.to_type, link.to_id)


def link(archive: Archive, from_type: str, from_id: int, to_type: str, to_id: int,
         role: str = "", position: int | None = None) -> Link:
    """Link two records (a panel shows an object, an event involves a person …)."""
    with archive.transaction():
        for rtype, rid in ((from_type, from_id), (to_type, to_id)):
            if not exists(archive, rtype, rid):
                raise NotFoundError(f"cannot link: {rtype} #{rid} does not exist")
        if (from_type, from_id) == (to_type, to_id):
            raise ValidationError(f"{from_type} #{from_id}", [Problem(None, "self_link")])
        existing = archive.db.execute(
            "SELECT id FROM links WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id = ? "
            "AND role = ?", [from_type, from_id, to_type, to_id, role]).fetchone()
        if existing:
            return get_link(archive, existing[0])
        if position is None:
            position = archive.db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM links WHERE from_type = ? AND from_id = ? "
                "AND to_type = ?", [from_type, from_id, to_type]).fetchone()[0]
        link_id = inserted_id(archive.db.execute(
            "INSERT INTO links (from_type, from_id, to_type, to_id, role, position) VALUES (?, ?, ?, ?, ?, ?)",
            [from_type, from_id, to_type, to_id, role, position]))
        new = get_link(archive, link_id)
        add_history(archive, "link", "link", link_id, None, link_dict(new))
        if from_type == "panel":
            reindex_record(archive, to_type, to_id)
    return new


def unlink(archive: Archive, link_id: int) -> None:
    with archive.transaction():
        _remove_reference(archive, "link", link_id)


def reorder_links(archive: Archive, from_type: str, from_id: int, to_type: str,
                  ordered_ids: list[int]) -> None:
    """Put the linked `to_type` records of one record in the given order (ids of the targets)."""
    with archive.transaction():
        current = links(archive, from_type, from_id, to_type)
        by_target = {link.to_id: link for link in current}
        if sorted(by_target) != sorted(ordered_ids):
            raise ExhibitError(f"reorder: the new order must list exactly the {len(current)} "
                               f"linked {to_type} records of {from_type} #{from_id}")
        before = [link.to_id for link in current]
        for position, target in enumerate(ordered_ids):
            archive.db.execute("UPDATE links SET position = ? WHERE id = ?", [position, by_target[target].id])
        add_history(archive, "reorder", from_type, from_id, {"to_type": to_type, "order": before},
                 {"to_type": to_type, "order": list(ordered_ids)})


def reorder(archive: Archive, record_type: str, ordered_ids: list[int]) -> None:
    """Set the display order of sections, or of the panels of one section."""
    cls = record_class(record_type)
    if "position" not in field_names(cls):
        raise ExhibitError(f"{record_type} records have no order")
    with archive.transaction():
        before = [r.id for r in list_records(archive, record_type,
                                             where=f"id IN ({','.join('?' * len(ordered_ids))})",
                                             params=ordered_ids)]
        if len(before) != len(set(ordered_ids)):
            raise NotFoundError(f"reorder: some of the {record_type} ids do not exist")
        for position, rid in enumerate(ordered_ids):
            archive.db.execute(f"UPDATE {cls.TABLE} SET position = ? WHERE id = ?", [position, rid])
        add_history(archive, "reorder", record_type, None, {"order": before}, {"order": list(ordered_ids)})


# ---------------------------------------------------------------- citations and movements

def cite(archive: Archive, record_type: str, record_id: int, source_id: int,
         page: str = "", note: str = "") -> Citation:
    return create(archive, Citation(record_type=record_type, record_id=record_id,
                                    source_id=source_id, page=page, note=note))


def citations(archive: Archive, record_type: str, record_id: int) -> list[Citation]:
    return list_records(archive, Citation, where="record_type = ? AND record_id = ?",
                        params=[record_type, record_id])


def record_movement(archive: Archive, object_id: int, location: str, moved_at: str = "",
                    reason: str = "", moved_by: str = "") -> Movement:
    """Move an object: a movement row and the object's current location, in one transaction."""
    with archive.transaction():
        obj = get(archive, ArchiveObject, object_id)
        movement = create(archive, Movement(object_id=object_id, location=location, moved_at=moved_at,
                                            reason=reason, moved_by=moved_by or archive.user))
        update(archive, replace(obj, location=location))
    return movement


def movements(archive: Archive, object_id: int) -> list[Movement]:
    return list_records(archive, Movement, where="object_id = ?", params=[object_id],
                        order="coalesce(moved_start, created), id")


def object_by_accession(archive: Archive, accession: str) -> ArchiveObject:
    found = find(archive, ArchiveObject, accession)
    if found is None:
        raise NotFoundError(f"no object with accession number '{accession}'")
    return found


def stats(archive: Archive) -> dict[str, int]:
    out = {rtype: count(archive, rtype) for rtype in RECORD_TYPES}
    out["links"] = archive.db.execute("SELECT count(*) FROM links").fetchone()[0]
    out["media_links"] = archive.db.execute("SELECT count(*) FROM media_links").fetchone()[0]
    out["history"] = archive.db.execute("SELECT count(*) FROM history").fetchone()[0]
    return out
