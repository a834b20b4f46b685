"""Conflicts: a save refused because someone else changed the record since it was opened.

On a server archive several curators edit at once (exhibit/server/records.py); in one
window an undo, a redo or a form left open meets the same thing on SQLite. Either way the
save says what it started from (`base`), and if the stored record is no longer that, nothing
is written: a `Conflict` lists each differing field with the value the curator started
from, theirs and the one stored now, and `resolve` builds the record to save from the
curator's choice of "mine" or "theirs" per field, to be saved against `conflict.stored`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Generic, Mapping, TypeVar

from exhibit.errors import ExhibitError
from exhibit.records import ArchiveObject, Record, field_names

R = TypeVar("R", bound=Record)

MINE, THEIRS = "mine", "theirs"
# Bookkeeping the program sets on every save: never a curator's choice in a conflict.
_BOOKKEEPING = frozenset({"id", "created", "modified"})
# Columns worked out from other fields by the rules on every save (rules.check_record):
# they follow the fields they are read from, so a conflict lists those fields, not these.
_MEASUREMENTS = "measurements"


@dataclass(frozen=True)
class Stored(Generic[R]):
    """A record as read, with the version it had then (a server archive's version number;
    0 on SQLite, which compares the record itself)."""
    record: R
    version: int


@dataclass(frozen=True)
class FieldConflict:
    """One field on which the curator's record and the stored one differ."""
    field: str
    base: Any      # the value the curator started from (the version they opened)
    mine: Any      # the curator's value (for a delete: the value they saw)
    theirs: Any    # the value stored now

    @property
    def changed_by_them(self) -> bool:
        """Whether someone else changed this field since the curator opened the record."""
        return self.base != self.theirs

    @property
    def changed_by_me(self) -> bool:
        return self.base != self.mine


class Conflict(ExhibitError):
    """A save or delete refused because the record was changed by someone else since it was
    opened; nothing was written. `fields` lists each differing field with both versions."""

    def __init__(self, action: str, base: Stored, mine: Record | None, stored: Stored,
                 fields: tuple[FieldConflict, ...], changed_by: str, changed_at: str):
        self.action = action            # "update" or "delete"
        self.base = base                # what the curator opened
        self.mine = mine                # what the curator meant to save (None for a delete)
        self.stored = stored            # what is stored now: save the resolution against it
        self.fields = fields
        self.changed_by = changed_by    # who saved last, and when (from history)
        self.changed_at = changed_at
        label = stored.record.label()
        who = f" by {changed_by}" if changed_by else ""
        when = f" at {changed_at}" if changed_at else ""
        names = ", ".join(f.field for f in fields) or "no field"
        if action == "delete":
            advice = "look at the changes and delete it again if you still mean to; nothing was deleted"
        else:
            advice = "choose yours or theirs for each; nothing was saved"
        versions = (f" (version {base.version}, now {stored.version})"
                    if base.version or stored.version else "")
        super().__init__(f"{label} was changed{who}{when} since you opened it{versions}; "
                         f"differing: {names}: {advice}")

    @property
    def changed_by_them(self) -> tuple[FieldConflict, ...]:
        return tuple(f for f in self.fields if f.changed_by_them)


def derived_fields(cls: type[Record]) -> frozenset[str]:
    """The columns the rules fill in from other fields on every save (date ranges, measurements)."""
    names = {name for pair in cls.DATES.values() for name in pair}
    if issubclass(cls, ArchiveObject):
        names.add(_MEASUREMENTS)
    return frozenset(names)


def conflict_between(action: str, base: Stored, mine: Record | None, stored: Stored,
                     changed_by: str = "", changed_at: str = "") -> Conflict:
    """The Conflict of saving `mine` (None: deleting) over `stored`, opened as `base`."""
    cls = type(stored.record)
    skip = _BOOKKEEPING | derived_fields(cls)
    seen = mine if mine is not None else base.record
    fields = tuple(FieldConflict(name, getattr(base.record, name), getattr(seen, name),
                                 getattr(stored.record, name))
                   for name in field_names(cls)
                   if name not in skip and getattr(seen, name) != getattr(stored.record, name))
    return Conflict(action, base, mine, stored, fields, changed_by, changed_at)


def resolve(conflict: Conflict, choices: Mapping[str, str]) -> Record:
    """The record to save after a conflict: for every field the conflict lists, the curator's
    value ("mine") or the stored one ("theirs"), as `choices` says; the other fields are the
    same in both. Save it against `conflict.stored` (services.update(archive, record,
    base=conflict.stored.record)), so a save by someone else in between is caught again."""
    label = conflict.stored.record.label()
    if conflict.action != "update" or conflict.mine is None:
        raise ExhibitError(f"{label}: only a conflicting save is resolved by choosing fields; "
                           f"delete it again against the version now stored")
    listed = {f.field: f for f in conflict.fields}
    unknown = sorted(set(choices) - set(listed))
    if unknown:
        raise ExhibitError(f"{label}: {', '.join(unknown)} is not among the conflicting fields "
                           f"({', '.join(listed) or 'none'})")
    bad = sorted(name for name, choice in choices.items() if choice not in (MINE, THEIRS))
    if bad:
        raise ExhibitError(f"{label}: choose '{MINE}' or '{THEIRS}' for {', '.join(bad)}")
    missing = [name for name in listed if name not in choices]
    if missing:
        raise ExhibitError(f"{label}: choose yours or theirs for {', '.join(missing)} too; nothing was saved")
    mine = {name: listed[name].mine for name, choice in choices.items() if choice == MINE}
    return replace(conflict.stored.record, **mine)
