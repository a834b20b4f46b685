"""Disputes: where accounts differ on a value a record's text discusses.

A visitor-facing text may say plainly that accounts differ and give the range
("surrender or ceasefire", a casualty figure, a date); which source says what
is kept here, beside the record, so the kiosk and the catalogue can show the
readings side by side ("说法不一 / Accounts differ"). A dispute refers to its
record as a citation does (record_type, record_id) and each reading names a
source as a citation does; a dispute with fewer than two readings is not a
dispute, so it is refused.

Writes run inside the caller's transaction (a savepoint when one is open) and
leave one history row each, holding the dispute with its readings, so a
deleted dispute can be read back from the history and put back by undo.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Sequence

from exhibit import rules, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, NotFoundError, ValidationError
from exhibit.problems import Problem
from exhibit.rows import insert_row

MIN_READINGS = 2


@dataclass(frozen=True)
class Reading:
    """One source's account of the disputed value."""
    source_id: int
    value_zh: str = ""
    value_en: str = ""
    page: str = ""
    note: str = ""        # a curator's note, private as a citation's is
    position: int = 0
    id: int | None = None


@dataclass(frozen=True)
class Dispute:
    record_type: str
    record_id: int
    key: str
    topic_zh: str = ""
    topic_en: str = ""
    readings: tuple[Reading, ...] = field(default_factory=tuple)
    position: int = 0
    is_sample: bool = False
    id: int | None = None
    created: str | None = None
    modified: str | None = None

    def as_row(self) -> dict[str, Any]:
        """The dispute and its readings as its history rows record them."""
        row = asdict(self)
        row["readings"] = [asdict(r) for r in self.readings]
        return row


_DISPUTE_COLUMNS = ("id", "record_type", "record_id", "key", "topic_zh", "topic_en", "position",
                    "is_sample", "created", "modified")
_READING_COLUMNS = ("id", "source_id", "value_zh", "value_en", "page", "note", "position")


def _readings(archive: Archive, dispute_id: int) -> tuple[Reading, ...]:
    rows = archive.db.execute(f"SELECT {', '.join(_READING_COLUMNS)} FROM dispute_readings "
                              "WHERE dispute_id = ? ORDER BY position, id", [dispute_id]).fetchall()
    return tuple(Reading(**dict(zip(_READING_COLUMNS, row))) for row in rows)


def _from_row(archive: Archive, row: tuple) -> Dispute:
    values = dict(zip(_DISPUTE_COLUMNS, row))
    values["key"] = values["key"] or ""
    values["is_sample"] = bool(values["is_sample"])
    return Dispute(**values, readings=_readings(archive, values["id"]))


def get(archive: Archive, dispute_id: int) -> Dispute:
    row = archive.db.execute(f"SELECT {', '.join(_DISPUTE_COLUMNS)} FROM disputes WHERE id = ?",
                             [dispute_id]).fetchone()
    if row is None:
        raise NotFoundError(f"dispute #{dispute_id} does not exist (it may have been deleted)")
    return _from_row(archive, row)


def disputes_of(archive: Archive, record_type: str, record_id: int) -> list[Dispute]:
    """A record's disputes in order, each with its readings in order."""
    rows = archive.db.execute(f"SELECT {', '.join(_DISPUTE_COLUMNS)} FROM disputes "
                              "WHERE record_type = ? AND record_id = ? ORDER BY position, id",
                              [record_type, record_id]).fetchall()
    return [_from_row(archive, row) for row in rows]


def _check(archive: Archive, dispute: Dispute, label: str) -> Dispute:
    """Refuse what cannot be stored; returns the dispute with its texts as stored."""
    problems: list[Problem] = []
    for name in ("key", "topic_zh", "topic_en"):
        rules.check_text(name, getattr(dispute, name), problems)
    for reading in dispute.readings:
        for name in ("value_zh", "value_en", "page", "note"):
            rules.check_text(name, getattr(reading, name), problems)
        if not services.exists(archive, "source", reading.source_id):
            problems.append(Problem("source_id", "missing_reference",
                                    {"type": "source", "id": reading.source_id}))
    if not services.exists(archive, dispute.record_type, dispute.record_id):
        problems.append(Problem("record_id", "missing_reference",
                                {"type": dispute.record_type, "id": dispute.record_id}))
    if problems:
        raise ValidationError(label, problems)
    if len(dispute.readings) < MIN_READINGS:
        raise ExhibitError(f"{label} has {len(dispute.readings)} reading(s); a dispute needs at "
                           f"least {MIN_READINGS}, each from its own source")
    key = services.clean_text(dispute.key)
    # Another dispute's: `id IS NOT ?` is SQLite's and `IS DISTINCT FROM` a server's, so a
    # new dispute (no id yet) is asked about without one.
    other = "SELECT 1 FROM disputes WHERE key = ?" + ("" if dispute.id is None else " AND id <> ?")
    if key and archive.db.execute(other, [key] if dispute.id is None else [key, dispute.id]).fetchone():
        raise ExhibitError(f"{label}: the key '{key}' is already used by another dispute")
    readings = tuple(replace(r, value_zh=rules.stored_text("value_zh", r.value_zh),
                             value_en=rules.stored_text("value_en", r.value_en),
                             page=rules.stored_text("page", r.page), note=rules.stored_text("note", r.note))
                     for r in dispute.readings)
    return replace(dispute, key=key, topic_zh=rules.stored_text("topic_zh", dispute.topic_zh),
                   topic_en=rules.stored_text("topic_en", dispute.topic_en), readings=readings)


def _insert(archive: Archive, dispute: Dispute) -> Dispute:
    """Write a checked dispute and its readings, with the ids they carry (None: new ones)."""
    dispute_id = insert_row(archive, "disputes", {
        "id": dispute.id, "record_type": dispute.record_type, "record_id": dispute.record_id,
        "key": dispute.key or None, "topic_zh": dispute.topic_zh, "topic_en": dispute.topic_en,
        "position": dispute.position, "is_sample": int(dispute.is_sample), "created": dispute.created,
        "modified": dispute.modified})
    readings = []
    for position, r in enumerate(dispute.readings):
        placed = replace(r, position=position)
        readings.append(replace(placed, id=_insert_reading(archive, dispute_id, placed)))
    return replace(dispute, id=dispute_id, readings=tuple(readings))


def _insert_reading(archive: Archive, dispute_id: int, r: Reading) -> int:
    """Write one reading of a dispute, with its id (None: a new one) and position."""
    return insert_row(archive, "dispute_readings", {
        "id": r.id, "dispute_id": dispute_id, "value_zh": r.value_zh, "value_en": r.value_en,
        "source_id": r.source_id, "page": r.page, "note": r.note, "position": r.position})


def add_dispute(archive: Archive, record_type: str, record_id: int, key: str, topic_zh: str,
                topic_en: str, readings: Sequence[Reading], *, is_sample: bool = False) -> Dispute:
    """Store a dispute about a record, after its others; returns it with its ids.

    Runs inside the caller's transaction when one is open. Raises ValidationError
    (a reading's source or the record does not exist, a text cannot be stored) or
    ExhibitError (fewer than two readings, a key already used); nothing is written then.
    """
    label = f"dispute '{key}' of {record_type} #{record_id}"
    with archive.transaction():
        position = archive.db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM disputes WHERE record_type = ? AND record_id = ?",
            [record_type, record_id]).fetchone()[0]
        stamp = services.now()
        dispute = _check(archive, Dispute(record_type, record_id, key, topic_zh, topic_en,
                                          tuple(readings), position, is_sample, None, stamp, stamp),
                         label)
        dispute = _insert(archive, dispute)
        services.add_history(archive, "create", "dispute", dispute.id, None, dispute.as_row())
    return dispute


def delete_dispute(archive: Archive, dispute_id: int) -> Dispute:
    """Delete a dispute and its readings (one history row holding both); returns what went."""
    with archive.transaction():
        before = get(archive, dispute_id)
        archive.db.execute("DELETE FROM disputes WHERE id = ?", [dispute_id])  # readings cascade
        services.add_history(archive, "delete", "dispute", dispute_id, before.as_row(), None)
    return before


def delete_reading(archive: Archive, reading_id: int) -> Dispute:
    """Delete one reading (its source is being deleted); returns its dispute as it was."""
    with archive.transaction():
        row = archive.db.execute("SELECT dispute_id FROM dispute_readings WHERE id = ?",
                                 [reading_id]).fetchone()
        if row is None:
            raise NotFoundError(f"dispute reading #{reading_id} does not exist")
        before = get(archive, row[0])
        archive.db.execute("DELETE FROM dispute_readings WHERE id = ?", [reading_id])
        after = replace(before, readings=tuple(r for r in before.readings if r.id != reading_id))
        services.add_history(archive, "update", "dispute", before.id, before.as_row(), after.as_row())
    return before


def restore(archive: Archive, dispute: Dispute) -> Dispute | None:
    """Put back a dispute, or the readings of it that are missing, with their ids when free
    (undo of a delete). Readings whose source is gone since are left out; None when its
    record is gone or nothing was missing."""
    with archive.transaction():
        if not services.exists(archive, dispute.record_type, dispute.record_id):
            return None
        present = archive.db.execute("SELECT 1 FROM disputes WHERE id = ?", [dispute.id]).fetchone()
        readings = tuple(replace(r, id=None if _taken(archive, r.id) else r.id) for r in dispute.readings
                         if services.exists(archive, "source", r.source_id)
                         and not (present and _has_reading(archive, dispute.id, r)))
        if present:
            if not readings:
                return None
            before = get(archive, dispute.id or 0)
            for r in readings:
                _insert_reading(archive, before.id or 0, r)
            after = get(archive, before.id or 0)
            services.add_history(archive, "restore", "dispute", after.id, before.as_row(), after.as_row())
            return after
        key_taken = dispute.key and archive.db.execute("SELECT 1 FROM disputes WHERE key = ?",
                                                       [dispute.key]).fetchone()
        restored = _insert(archive, replace(dispute, readings=readings, key="" if key_taken else dispute.key))
        services.add_history(archive, "restore", "dispute", restored.id, None, restored.as_row())
    return restored


def _taken(archive: Archive, reading_id: int | None) -> bool:
    return reading_id is not None and archive.db.execute(
        "SELECT 1 FROM dispute_readings WHERE id = ?", [reading_id]).fetchone() is not None


def _has_reading(archive: Archive, dispute_id: int | None, reading: Reading) -> bool:
    return archive.db.execute("SELECT 1 FROM dispute_readings WHERE dispute_id = ? AND id = ?",
                              [dispute_id, reading.id]).fetchone() is not None
