"""The service layer: every change to the archive goes through here.

The curator window, the command line, the importers and the tests all call
these functions. Each call is one transaction that validates, writes the
record, updates the search index and appends one history row per change, so
a failed call leaves the archive exactly as it was.
"""
from __future__ import annotations

import json
import unicodedata
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Iterable

from exhibit import search, vocab
from exhibit.archive import Archive
from exhibit.dates import read_date
from exhibit.errors import DateError, ExhibitError, LinkedError, NotFoundError, ValidationError
from exhibit.records import (LONG_FIELDS, LONG_LIMIT, RECORD_TYPES, SHORT_LIMIT, ArchiveObject,
                             Citation, HistoryEntry, Link, Movement, Record, field_names,
                             record_class)

_BOOKKEEPING = {"id", "created", "modified"}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# ---------------------------------------------------------------- reading

def _row_to_record(cls: type[Record], cursor_row: tuple, names: list[str]) -> Record:
    return cls.from_row(dict(zip(names, cursor_row)))


def get(archive: Archive, record_type: str, record_id: int) -> Record:
    cls = record_class(record_type)
    cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} WHERE id = ?", [record_id])
    row = cursor.fetchone()
    if row is None:
        raise NotFoundError(f"{record_type} #{record_id} does not exist (it may have been deleted)")
    return _row_to_record(cls, row, [d[0] for d in cursor.description])


def find(archive: Archive, record_type: str, ident: str) -> Record | None:
    """A record by its accession number, code or key (case-insensitive)."""
    cls = record_class(record_type)
    if not cls.IDENT:
        raise ExhibitError(f"{record_type} records have no identifier to look up")
    cursor = archive.db.execute(
        f"SELECT * FROM {cls.TABLE} WHERE {cls.IDENT} = ? COLLATE NOCASE", [_clean(ident)])
    row = cursor.fetchone()
    return _row_to_record(cls, row, [d[0] for d in cursor.description]) if row else None


# Panels are ordered within their section, sections by their own position.
_DEFAULT_ORDER = {
    "panel": "coalesce((SELECT s.position FROM sections s WHERE s.id = panels.section_id), 1e9), "
             "position, id",
    "event": "date_start, id",
}


def list_records(archive: Archive, record_type: str, where: str = "", params: Iterable[Any] = (),
                 order: str | None = None, limit: int | None = None) -> list[Record]:
    cls = record_class(record_type)
    if order is None:
        order = _DEFAULT_ORDER.get(record_type) or (
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

def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _check_text(name: str, value: Any, problems: list[str]) -> None:
    if not isinstance(value, str):
        problems.append(f"{name} must be text, not {type(value).__name__}")
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(f"{name} contains characters that are not valid text (lone surrogates)")
        return
    limit = LONG_LIMIT if name in LONG_FIELDS else SHORT_LIMIT
    if len(value) > limit:
        problems.append(f"{name} is {len(value):,} characters long; the limit is {limit:,}")
    if "\x00" in value:
        problems.append(f"{name} contains a NUL character")


def _str_fields(record: Record) -> list[str]:
    return [name for name, value in record.as_row().items()
            if name not in _BOOKKEEPING and (isinstance(value, str) or name.endswith(("_zh", "_en")))]


def _normalized(record: Record) -> Record:
    """Trim and NFC-normalise short text; long text keeps its line breaks."""
    changes = {}
    for name in _str_fields(record):
        value = getattr(record, name)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                continue  # reported by validation, not silently "fixed"
            changes[name] = _clean(value) if name not in LONG_FIELDS else unicodedata.normalize("NFC", value)
    return replace(record, **changes)


def validate(archive: Archive, record: Record) -> Record:
    """Check `record` against every rule; returns it with parsed dates filled in.

    Raises ValidationError listing every problem, so a form can show them all.
    """
    problems: list[str] = []
    for name in _str_fields(record):
        _check_text(name, getattr(record, name), problems)
    if problems:
        raise ValidationError(record.label(), problems)
    record = _normalized(record)

    zh, en = record.title_pair()
    if record.NEEDS_TITLE and not (zh or en):
        problems.append(f"a {record.TITLE} is needed in Chinese or English")

    for field_name, vocab_name in record.VOCAB.items():
        code = getattr(record, field_name)
        if code and not vocab.term_exists(archive.db, vocab_name, code):
            problems.append(f"{field_name} '{code}' is not a term of the {vocab_name} vocabulary")

    changes: dict[str, Any] = {}
    for text_field, (start_field, end_field) in record.DATES.items():
        # A date no form matches is kept as written with an empty range (date_warnings says
        # so); only a date that cannot exist (month 13, 30 February) is refused.
        try:
            parsed = read_date(getattr(record, text_field)).range
        except DateError as exc:
            problems.append(f"{text_field}: {exc}")
            continue
        changes[start_field], changes[end_field] = parsed.start, parsed.end

    _check_ident(archive, record, problems)
    _check_references(archive, record, problems)
    if record.TYPE == "event" and not record.date_text:
        problems.append("an event needs a date for the timeline")
    if record.TYPE == "place":
        if record.lat is not None and not -90 <= record.lat <= 90:
            problems.append(f"latitude {record.lat} is outside −90…90")
        if record.lon is not None and not -180 <= record.lon <= 180:
            problems.append(f"longitude {record.lon} is outside −180…180")
    if problems:
        raise ValidationError(record.label(), problems)
    return replace(record, **changes)


def date_warnings(record: Record) -> list[str]:
    """What a save keeps without understanding: one '<field>: cannot read the date …' per date
    text that has no range. The record is saved all the same; a form or an import shows these."""
    found = []
    for text_field in record.DATES:
        try:
            warning = read_date(getattr(record, text_field)).warning
        except DateError:
            continue                    # validate() refuses these; no warning to give
        if warning:
            found.append(f"{text_field}: {warning}")
    return found


def _check_ident(archive: Archive, record: Record, problems: list[str]) -> None:
    cls = type(record)
    if not cls.IDENT or cls.TYPE == "media":
        return
    value = getattr(record, cls.IDENT)
    required = cls.TYPE in ("object", "section", "panel")
    if not value:
        if required:
            what = "an accession number" if cls.TYPE == "object" else "a code"
            problems.append(f"{what} is required")
        return
    row = archive.db.execute(
        f"SELECT id FROM {cls.TABLE} WHERE {cls.IDENT} = ? COLLATE NOCASE AND id IS NOT ?",
        [value, record.id]).fetchone()
    if row:
        other = get(archive, cls.TYPE, row[0])
        what = "accession number" if cls.TYPE == "object" else cls.IDENT
        problems.append(f"{what} '{value}' is already used by {other.label()}")


def _exists(archive: Archive, record_type: str, record_id: int | None) -> bool:
    if record_id is None or record_type not in RECORD_TYPES:
        return False
    table = RECORD_TYPES[record_type].TABLE
    return archive.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone() is not None


def _check_references(archive: Archive, record: Record, problems: list[str]) -> None:
    refs: list[tuple[str, str, int | None]] = []
    if record.TYPE == "panel" and record.section_id is not None:
        refs.append(("section_id", "section", record.section_id))
    if record.TYPE == "event" and record.place_id is not None:
        refs.append(("place_id", "place", record.place_id))
    if record.TYPE == "citation":
        refs.append(("source_id", "source", record.source_id))
        refs.append(("record_id", record.record_type, record.record_id))
    if record.TYPE == "movement":
        refs.append(("object_id", "object", record.object_id))
    for name, target_type, target_id in refs:
        if not _exists(archive, target_type, target_id):
            problems.append(f"{name}: {target_type} #{target_id} does not exist")


# ---------------------------------------------------------------- history

def _json(data: dict[str, Any] | None) -> str | None:
    return None if data is None else json.dumps(data, ensure_ascii=False, sort_keys=True)


def _history(archive: Archive, action: str, record_type: str, record_id: int | None,
             before: dict[str, Any] | None, after: dict[str, Any] | None) -> None:
    archive.db.execute(
        "INSERT INTO history (at, who, action, record_type, record_id, before, after) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [now(), archive.user, action, record_type, record_id, _json(before), _json(after)])


def history(archive: Archive, record_type: str | None = None, record_id: int | None = None,
            limit: int = 1000) -> list[HistoryEntry]:
    """The change history, newest first, of one record or of the whole archive."""
    clauses, params = [], []
    if record_type:
        clauses.append("record_type = ?")
        params.append(record_type)
    if record_id is not None:
        clauses.append("record_id = ?")
        params.append(record_id)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    rows = archive.db.execute(
        f"SELECT id, at, who, action, record_type, record_id, before, after FROM history{where} "
        f"ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    return [HistoryEntry(r[0], r[1], r[2], r[3], r[4], r[5],
                         json.loads(r[6]) if r[6] else None, json.loads(r[7]) if r[7] else None)
            for r in rows]


# ---------------------------------------------------------------- create / update / delete

def _write_row(record: Record) -> dict[str, Any]:
    row = record.as_row()
    row.pop("id")
    ident = record.IDENT
    if ident and ident != "accession" and not row.get(ident) and record.TYPE != "media":
        row[ident] = None  # empty optional keys are NULL, so UNIQUE allows many
    return row


def create(archive: Archive, record: Record) -> Record:
    """Validate and insert `record`; returns it with its id."""
    if record.id is not None:
        raise ExhibitError(f"{record.label()} already has an id; use update()")
    with archive.transaction():
        record = validate(archive, record)
        stamp = now()
        record = replace(record, created=stamp, modified=stamp)
        table = archive.db.table(record.TABLE)
        table.insert(_write_row(record))
        record = replace(record, id=table.last_pk)
        search.index_record(archive.db, record)
        _history(archive, "create", record.TYPE, record.id, None, record.as_row())
    return record


def update(archive: Archive, record: Record) -> Record:
    """Validate and save changes to an existing record."""
    if record.id is None:
        raise ExhibitError(f"{record.label()} has no id; use create()")
    with archive.transaction():
        before = get(archive, record.TYPE, record.id)
        record = validate(archive, record)
        record = replace(record, created=before.created, modified=now())
        if _comparable(record) == _comparable(before):
            return before
        archive.db.table(record.TABLE).update(record.id, _write_row(record))
        search.index_record(archive.db, record, previous=before)
        if record.TYPE == "panel" and record.section_id != before.section_id:
            _reindex_linked(archive, "panel", record.id)
        _history(archive, "update", record.TYPE, record.id, before.as_row(), record.as_row())
    return record


def _comparable(record: Record) -> dict[str, Any]:
    row = record.as_row()
    row.pop("modified", None)
    return row


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


def delete(archive: Archive, record_type: str, record_id: int, *, cascade: bool = False) -> list[str]:
    """Delete a record. Refused while anything links to it, unless `cascade`.

    With cascade, the links, media links, citations and movements that refer to
    it are removed and references from panels/events are cleared, each change
    with its own history row. Returns what was removed.
    """
    with archive.transaction():
        record = get(archive, record_type, record_id)
        refs = linked_from(archive, record_type, record_id)
        if refs and not cascade:
            raise LinkedError(record.label(), [text for _, _, text in refs])
        removed = []
        for kind, ref_id, text in refs:
            _remove_reference(archive, kind, int(ref_id))
            removed.append(text)
        archive.db.execute(f"DELETE FROM {record.TABLE} WHERE id = ?", [record_id])
        search.unindex(archive.db, record_type, record_id, record)
        _history(archive, "delete", record_type, record_id, record.as_row(), None)
    return removed


def _remove_reference(archive: Archive, kind: str, ref_id: int) -> None:
    db = archive.db
    if kind == "link":
        link = _get_link(archive, ref_id)
        db.execute("DELETE FROM links WHERE id = ?", [ref_id])
        _history(archive, "unlink", "link", ref_id, _link_row(link), None)
        _reindex_target(archive, link.to_type, link.to_id)
    elif kind == "media_link":
        row = db.execute("SELECT * FROM media_links WHERE id = ?", [ref_id]).fetchone()
        db.execute("DELETE FROM media_links WHERE id = ?", [ref_id])
        _history(archive, "unlink_media", "media_link", ref_id, {"row": list(row)}, None)
    elif kind == "citation":
        before = get(archive, "citation", ref_id)
        db.execute("DELETE FROM citations WHERE id = ?", [ref_id])
        _history(archive, "delete", "citation", ref_id, before.as_row(), None)
    elif kind == "movement":
        before = get(archive, "movement", ref_id)
        db.execute("DELETE FROM movements WHERE id = ?", [ref_id])
        _history(archive, "delete", "movement", ref_id, before.as_row(), None)
    elif kind == "panel_section":
        before = get(archive, "panel", ref_id)
        after = replace(before, section_id=None, modified=now())
        db.execute("UPDATE panels SET section_id = NULL, modified = ? WHERE id = ?", [after.modified, ref_id])
        search.index_record(db, after, previous=before)
        _reindex_linked(archive, "panel", ref_id)  # its objects leave the section too
        _history(archive, "update", "panel", ref_id, before.as_row(), after.as_row())
    elif kind == "event_place":
        before = get(archive, "event", ref_id)
        after = replace(before, place_id=None, modified=now())
        db.execute("UPDATE events SET place_id = NULL, modified = ? WHERE id = ?", [after.modified, ref_id])
        _history(archive, "update", "event", ref_id, before.as_row(), after.as_row())


# ---------------------------------------------------------------- links between records

def _link_row(link: Link) -> dict[str, Any]:
    return {"id": link.id, "from_type": link.from_type, "from_id": link.from_id,
            "to_type": link.to_type, "to_id": link.to_id, "role": link.role, "position": link.position}


def _get_link(archive: Archive, link_id: int) -> Link:
    row = archive.db.execute("SELECT id, from_type, from_id, to_type, to_id, role, position "
                             "FROM links WHERE id = ?", [link_id]).fetchone()
    if row is None:
        raise NotFoundError(f"link #{link_id} does not exist")
    return Link(*row)


def get_link(archive: Archive, link_id: int) -> Link:
    return _get_link(archive, link_id)


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
    return [get(archive, to_type, l.to_id) for l in links(archive, from_type, from_id, to_type)]


def _reindex_target(archive: Archive, record_type: str, record_id: int) -> None:
    """A panel link changes which sections an object belongs to: refresh its index entry."""
    if _exists(archive, record_type, record_id):
        search.index_record(archive.db, get(archive, record_type, record_id))


def _reindex_linked(archive: Archive, from_type: str, from_id: int) -> None:
    for link in links(archive, from_type, from_id):
        _reindex_target(archive, link.to_type, link.to_id)


def link(archive: Archive, from_type: str, from_id: int, to_type: str, to_id: int,
         role: str = "", position: int | None = None) -> Link:
    """Link two records (a panel shows an object, an event involves a person …)."""
    with archive.transaction():
        for rtype, rid in ((from_type, from_id), (to_type, to_id)):
            if not _exists(archive, rtype, rid):
                raise NotFoundError(f"cannot link: {rtype} #{rid} does not exist")
        if (from_type, from_id) == (to_type, to_id):
            raise ValidationError(f"{from_type} #{from_id}", ["a record cannot link to itself"])
        existing = archive.db.execute(
            "SELECT id FROM links WHERE from_type = ? AND from_id = ? AND to_type = ? AND to_id = ? "
            "AND role = ?", [from_type, from_id, to_type, to_id, role]).fetchone()
        if existing:
            return _get_link(archive, existing[0])
        if position is None:
            position = archive.db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM links WHERE from_type = ? AND from_id = ? "
                "AND to_type = ?", [from_type, from_id, to_type]).fetchone()[0]
        link_id = archive.db.execute(
            "INSERT INTO links (from_type, from_id, to_type, to_id, role, position) VALUES (?, ?, ?, ?, ?, ?)",
            [from_type, from_id, to_type, to_id, role, position]).lastrowid
        new = _get_link(archive, link_id)
        _history(archive, "link", "link", link_id, None, _link_row(new))
        if from_type == "panel":
            _reindex_target(archive, to_type, to_id)
    return new


def unlink(archive: Archive, link_id: int) -> None:
    with archive.transaction():
        _remove_reference(archive, "link", link_id)


def reorder_links(archive: Archive, from_type: str, from_id: int, to_type: str,
                  ordered_ids: list[int]) -> None:
    """Put the linked `to_type` records of one record in the given order (ids of the targets)."""
    with archive.transaction():
        current = links(archive, from_type, from_id, to_type)
        by_target = {l.to_id: l for l in current}
        if sorted(by_target) != sorted(ordered_ids):
            raise ExhibitError(f"reorder: the new order must list exactly the {len(current)} "
                               f"linked {to_type} records of {from_type} #{from_id}")
        before = [l.to_id for l in current]
        for position, target in enumerate(ordered_ids):
            archive.db.execute("UPDATE links SET position = ? WHERE id = ?", [position, by_target[target].id])
        _history(archive, "reorder", from_type, from_id, {"to_type": to_type, "order": before},
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
        _history(archive, "reorder", record_type, None, {"order": before}, {"order": list(ordered_ids)})


# ---------------------------------------------------------------- citations and movements

def cite(archive: Archive, record_type: str, record_id: int, source_id: int,
         page: str = "", note: str = "") -> Citation:
    return create(archive, Citation(record_type=record_type, record_id=record_id,
                                    source_id=source_id, page=page, note=note))


def citations(archive: Archive, record_type: str, record_id: int) -> list[Citation]:
    return list_records(archive, "citation", where="record_type = ? AND record_id = ?",
                        params=[record_type, record_id])


def record_movement(archive: Archive, object_id: int, location: str, moved_at: str = "",
                    reason: str = "", moved_by: str = "") -> Movement:
    """Move an object: a movement row and the object's current location, in one transaction."""
    with archive.transaction():
        obj = get(archive, "object", object_id)
        movement = create(archive, Movement(object_id=object_id, location=location, moved_at=moved_at,
                                            reason=reason, moved_by=moved_by or archive.user))
        update(archive, replace(obj, location=location))
    return movement


def movements(archive: Archive, object_id: int) -> list[Movement]:
    return list_records(archive, "movement", where="object_id = ?", params=[object_id],
                        order="coalesce(moved_start, created), id")


def object_by_accession(archive: Archive, accession: str) -> ArchiveObject:
    found = find(archive, "object", accession)
    if found is None:
        raise NotFoundError(f"no object with accession number '{accession}'")
    return found  # type: ignore[return-value]


def stats(archive: Archive) -> dict[str, int]:
    out = {rtype: count(archive, rtype) for rtype in RECORD_TYPES}
    out["links"] = archive.db.execute("SELECT count(*) FROM links").fetchone()[0]
    out["media_links"] = archive.db.execute("SELECT count(*) FROM media_links").fetchone()[0]
    out["history"] = archive.db.execute("SELECT count(*) FROM history").fetchone()[0]
    return out
