"""Snapshots of a record and everything that refers to it, and restoring them.

Undo of a delete (and redo of an undone create) must give the record back as
it was: the same id — other records, bookmarks and printed labels refer to
it by id — the same field values and time stamps, and every reference that a
cascading delete removed or cleared: links (in the same order), media links,
citations, disputes (or, for a source, its readings in disputes), movements,
panels in a section, events at a place.

`snapshot()` reads all of that before the delete; `restore()` writes it back
in one transaction, with a history row ("restore") for each row it writes,
and re-indexes what search sees. A restore either completes or writes nothing.

On a server archive the same SQL writes the rows (an identity column takes the id it is
given); what differs is asked of the server's modules: the rules' lookups (identifiers
compared with its `nocase`), its search index, and each record's `version`, which comes
back as it was when the snapshot was read, so a curator who opened the record before the
delete can still save it, and one who opened it before a later edit is still refused.
Every history row written here also tells the other windows (services.add_history).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field, replace
from typing import Any

from exhibit import disputes, media_records, search, services
from exhibit.archive import Archive
from exhibit.disputes import Dispute
from exhibit.errors import ExhibitError, NotFoundError, ValidationError
from exhibit.problems import Problem
from exhibit.records import Citation, Link, MediaLink, Movement, Record
from exhibit.rows import insert_row

RESTORE = "restore"


@dataclass
class Snapshot:
    """A record as stored, with the rows that refer to it (all read in one go)."""
    record: Record
    links: list[Link] = field(default_factory=list)             # from or to the record
    media_links: list[MediaLink] = field(default_factory=list)  # its images, or where a media shows
    citations: list[Citation] = field(default_factory=list)     # of the record, or citing a source
    movements: list[Movement] = field(default_factory=list)     # of an object
    disputes: list[Dispute] = field(default_factory=list)  # of the record, or (a source's) readings
    panel_ids: list[int] = field(default_factory=list)          # panels in a section
    event_ids: list[int] = field(default_factory=list)          # events at a place
    # On a server archive: the version of the record and of its citations and movements,
    # by (type, id), as read (rows of a SQLite archive have none).
    versions: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def record_type(self) -> str:
        return self.record.TYPE

    @property
    def record_id(self) -> int:
        return self.record.saved_id

    def affected(self) -> list[tuple[str, int]]:
        """Every (type, id) whose display changes when the record goes or comes back."""
        out: list[tuple[str, int]] = [(self.record_type, self.record_id)]
        for link in self.links:
            out += [(link.from_type, link.from_id), (link.to_type, link.to_id)]
        for m in self.media_links:
            out += [("media", m.media_id), (m.record_type, m.record_id)]
        for c in self.citations:
            out += [("citation", c.saved_id), (c.record_type, c.record_id), ("source", c.source_id)]
        out += [("movement", m.saved_id) for m in self.movements]
        out += [(d.record_type, d.record_id) for d in self.disputes]
        out += [("panel", pid) for pid in self.panel_ids]
        out += [("event", eid) for eid in self.event_ids]
        return list(dict.fromkeys(out))  # unique, first-seen order


def snapshot(archive: Archive, record_type: str, record_id: int) -> Snapshot:
    """Read a record and everything that refers to it (raises NotFoundError if it is gone)."""
    record = services.get(archive, record_type, record_id)
    snap = Snapshot(record=record)
    for kind, ref_id, _text in services.linked_from(archive, record_type, record_id):
        rid = int(ref_id)
        if kind == "link":
            snap.links.append(services.get_link(archive, rid))
        elif kind == "media_link":
            snap.media_links.append(media_records.get_media_link(archive, rid))
        elif kind == "citation":
            snap.citations.append(services.get(archive, Citation, rid))
        elif kind == "movement":
            snap.movements.append(services.get(archive, Movement, rid))
        elif kind == "dispute":
            snap.disputes.append(disputes.get(archive, rid))
        elif kind == "dispute_reading":
            _add_reading(archive, snap, rid)
        elif kind == "panel_section":
            snap.panel_ids.append(rid)
        elif kind == "event_place":
            snap.event_ids.append(rid)
    # Keep the stored order, so links come back in the order they were listed.
    snap.links.sort(key=lambda link: (link.from_type, link.from_id, link.to_type, link.position, link.id))
    snap.media_links.sort(key=lambda m: (m.record_type, m.record_id, m.position, m.id))
    if archive.is_server:
        for rec in [snap.record, *snap.citations, *snap.movements]:
            row = archive.db.execute(f"SELECT version FROM {rec.TABLE} WHERE id = ?", [rec.id]).fetchone()
            if row is not None:
                snap.versions[(rec.TYPE, rec.saved_id)] = int(row[0])
    return snap


def _add_reading(archive: Archive, snap: Snapshot, reading_id: int) -> None:
    """A source's reading in a dispute: kept as its dispute holding only the source's readings."""
    dispute_id = archive.db.execute("SELECT dispute_id FROM dispute_readings WHERE id = ?",
                                    [reading_id]).fetchone()[0]
    if any(d.id == dispute_id for d in snap.disputes):
        return
    whole = disputes.get(archive, dispute_id)
    source_id = snap.record.id
    snap.disputes.append(replace(whole, readings=tuple(r for r in whole.readings if r.source_id == source_id)))


# ---------------------------------------------------------------- writing back

def _insert_record(archive: Archive, snap: Snapshot, record: Record, keep_id: bool) -> Record:
    """Insert a record exactly as it was (time stamps, and a server's version, included);
    its id if `keep_id`."""
    row = {"id": record.id if keep_id else None, **services.row_to_store(record)}
    version = snap.versions.get((record.TYPE, record.saved_id))
    if version is not None:
        row["version"] = version
    return replace(record, id=insert_row(archive, record.TABLE, row))


def _id_taken(archive: Archive, table: str, row_id: int) -> bool:
    return archive.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [row_id]).fetchone() is not None


def _check_restorable(archive: Archive, record: Record) -> None:
    """The record's own id must be free, and its identifier and references still valid."""
    if _id_taken(archive, record.TABLE, record.saved_id):
        raise ExhibitError(f"cannot restore {record.label()}: #{record.id} is in use by another "
                           f"{record.TYPE} record")
    problems: list[Problem] = []
    services.check_ident(archive, record, problems)
    services.check_references(archive, record, problems)
    if problems:
        raise ValidationError(f"cannot restore {record.label()}", problems)


def _restore_link(archive: Archive, link: Link) -> int | None:
    """Re-insert a link with its id and position; None if an end is gone or it exists again."""
    if not (services.exists(archive, link.from_type, link.from_id)
            and services.exists(archive, link.to_type, link.to_id)):
        return None
    if archive.db.execute("SELECT 1 FROM links WHERE from_type = ? AND from_id = ? AND to_type = ? "
                          "AND to_id = ? AND role = ?",
                          [link.from_type, link.from_id, link.to_type, link.to_id, link.role]).fetchone():
        return None
    # The old id may have been handed out again (SQLite reuses the highest rowid).
    link_id = None if _id_taken(archive, "links", link.id) else link.id
    new_id = insert_row(archive, "links", {
        "id": link_id, "from_type": link.from_type, "from_id": link.from_id, "to_type": link.to_type,
        "to_id": link.to_id, "role": link.role, "position": link.position})
    services.add_history(archive, RESTORE, "link", new_id, None,
                         services.link_dict(replace(link, id=new_id)))
    return new_id


def _restore_media_link(archive: Archive, ml: MediaLink) -> int | None:
    if not (services.exists(archive, "media", ml.media_id)
            and services.exists(archive, ml.record_type, ml.record_id)):
        return None
    if archive.db.execute("SELECT 1 FROM media_links WHERE media_id = ? AND record_type = ? "
                          "AND record_id = ?", [ml.media_id, ml.record_type, ml.record_id]).fetchone():
        return None
    link_id = None if _id_taken(archive, "media_links", ml.id) else ml.id
    new_id = insert_row(archive, "media_links", {
        "id": link_id, "media_id": ml.media_id, "record_type": ml.record_type,
        "record_id": ml.record_id, "role": ml.role, "position": ml.position})
    services.add_history(archive, RESTORE, "media_link", new_id, None,
                         media_records.media_link_dict(replace(ml, id=new_id)))
    return new_id


def _restore_dependent(archive: Archive, snap: Snapshot, record: Record) -> Record | None:
    """A citation or movement the cascade deleted: back with its id when that is free."""
    problems: list[Problem] = []
    services.check_references(archive, record, problems)
    if problems:
        return None  # what it pointed at (a source, say) has been deleted meanwhile
    restored = _insert_record(archive, snap, record,
                              keep_id=not _id_taken(archive, record.TABLE, record.saved_id))
    services.add_history(archive, RESTORE, restored.TYPE, restored.id, None, restored.as_row())
    return restored


def _reattach(archive: Archive, record_type: str, record_id: int, column: str, value: int) -> bool:
    """Put back a panel's section or an event's place that the cascade cleared.

    Only while it is still empty: if a curator has since set another one, that
    later choice stands.
    """
    try:
        before = services.get(archive, record_type, record_id)
    except NotFoundError:
        return False
    if getattr(before, column) is not None:
        return False
    changes: dict[str, Any] = {column: value, "modified": services.now()}
    after = replace(before, **changes)
    archive.db.execute(f"UPDATE {before.TABLE} SET {column} = ?, modified = ? WHERE id = ?",
                       [value, after.modified, record_id])
    if archive.is_server:
        services.reindex_record(archive, record_type, record_id)  # the server's index, from the row
    else:
        search.index_record(archive.db, after, previous=before)
    services.add_history(archive, RESTORE, record_type, record_id, before.as_row(), after.as_row())
    return True


def restore(archive: Archive, snap: Snapshot) -> Record:
    """Re-create the snapshot's record with its original id and every reference it had.

    Raises ExhibitError (nothing written) if the id is taken, or if its
    identifier (accession number, code, key) is now used by another record.
    References whose other end has been deleted since are left out.
    """
    record = snap.record
    to_index: dict[tuple[str, int], None] = {}
    try:
        with archive.transaction():
            _check_restorable(archive, record)
            _insert_record(archive, snap, record, keep_id=True)
            services.add_history(archive, RESTORE, record.TYPE, record.id, None, record.as_row())
            for link in snap.links:
                if _restore_link(archive, link) is not None:
                    to_index[(link.from_type, link.from_id)] = None
                    to_index[(link.to_type, link.to_id)] = None
            for ml in snap.media_links:
                _restore_media_link(archive, ml)
            for citation in snap.citations:
                _restore_dependent(archive, snap, citation)
            for movement in snap.movements:
                _restore_dependent(archive, snap, movement)
            for dispute in snap.disputes:
                disputes.restore(archive, dispute)
            for pid in snap.panel_ids:
                if _reattach(archive, "panel", pid, "section_id", snap.record_id):
                    # The panel's objects now belong to this section again.
                    for link in services.links(archive, "panel", pid):
                        to_index[(link.to_type, link.to_id)] = None
            for eid in snap.event_ids:
                _reattach(archive, "event", eid, "place_id", snap.record_id)
            # Index last: an object's sections come from the panel links restored above.
            to_index[(record.TYPE, snap.record_id)] = None
            for rtype, rid in to_index:
                services.reindex_record(archive, rtype, rid)
    except _integrity_errors(archive) as exc:  # a constraint the checks above did not foresee
        raise ExhibitError(f"cannot restore {record.label()}: {str(exc).splitlines()[0]}") from exc
    return services.get(archive, record.TYPE, snap.record_id)


def _integrity_errors(archive: Archive) -> tuple[type[Exception], ...]:
    """What the archive raises for a row its constraints refuse (a unique key, a foreign key)."""
    if archive.is_server:
        import psycopg

        return (sqlite3.IntegrityError, psycopg.IntegrityError)
    return (sqlite3.IntegrityError,)

