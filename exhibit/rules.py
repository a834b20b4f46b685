"""A record's rules, written once: what services.validate and the import's checker both apply.

`services.validate` checks one record and asks the database (is this a
vocabulary term, who uses this accession number); the import's
`interchange.checking.RecordChecker` checks many rows against what it loaded
once. Both call these functions with their own `Lookups`, so a rule changed
here changes for the record form, the command line and every import at once.
Each rule appends `Problem`s (exhibit.problems): errors refuse the record,
warnings (a date kept as written) do not.

The functions take the record's values as they are and never build a new
record, so the checker can run them on 100,000 rows without copying any.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Any, Mapping, Protocol

from exhibit import dimensions, object_fields
from exhibit.dates import DateReading, read_date
from exhibit.errors import DateError
from exhibit.problems import Problem, RecordRef
from exhibit.records import (
    LONG_FIELDS,
    LONG_LIMIT,
    SHORT_LIMIT,
    ArchiveObject,
    Citation,
    Event,
    Movement,
    Panel,
    Place,
    Record,
)

BOOKKEEPING = frozenset({"id", "created", "modified"})
IDENT_REQUIRED = frozenset({"object", "section", "panel"})  # types whose identifier must be filled


class Lookups(Protocol):
    """What the rules need to know of the archive."""

    def term_exists(self, vocab_name: str, code: str) -> bool: ...

    def ident_owner(self, record: Record, value: str) -> RecordRef | None:
        """Another record of the type whose identifier is `value` (ignoring ASCII case), if any."""

    def exists(self, record_type: str, record_id: int | None) -> bool: ...

    def read_date(self, text: str) -> DateReading: ...

    def key_exists(self, record_type: str, key: str) -> bool:
        """Whether a record of the type has the key (a maker's person record)."""


# ---------------------------------------------------------------- text

def clean_text(value: str) -> str:
    """Short text as stored: NFC-normalised and trimmed (identifiers are compared this way)."""
    return unicodedata.normalize("NFC", value).strip()


def stored_text(name: str, value: str) -> str:
    """`value` as the field `name` stores it: long text keeps its line breaks and spaces."""
    return clean_text(value) if name not in LONG_FIELDS else unicodedata.normalize("NFC", value)


def text_fields(row: Mapping[str, Any], *, skip_empty: bool = False) -> list[str]:
    """The text fields of a record's row (a bilingual half is text even when it holds something else).

    With skip_empty, empty ones are left out: they pass every check and store as they are.
    """
    return [name for name, value in row.items()
            if name not in BOOKKEEPING and (isinstance(value, str) or name.endswith(("_zh", "_en")))
            and not (skip_empty and value == "")]


def check_text(name: str, value: Any, problems: list[Problem]) -> None:
    """Append what makes `value` unstorable as the text field `name`."""
    if not isinstance(value, str):
        problems.append(Problem(name, "not_text", {"kind": type(value).__name__}))
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        problems.append(Problem(name, "invalid_text"))
        return
    limit = LONG_LIMIT if name in LONG_FIELDS else SHORT_LIMIT
    if len(value) > limit:
        problems.append(Problem(name, "too_long", {"length": len(value), "limit": limit}))
    if "\x00" in value:
        problems.append(Problem(name, "nul_character"))


# ---------------------------------------------------------------- the record's rules

def check_record(record: Record, lookups: Lookups, problems: list[Problem]) -> dict[str, Any]:
    """Every rule after the text checks, on a record whose text is already stored_text.

    Appends errors and warnings; returns the sortable date columns read from its date texts.
    """
    zh, en = record.title_pair()
    if record.NEEDS_TITLE and not (zh or en):
        problems.append(Problem(record.TITLE, "title_required"))
    for field_name, vocab_name in record.VOCAB.items():
        code = getattr(record, field_name)
        if code and not lookups.term_exists(vocab_name, code):
            problems.append(Problem(field_name, "not_a_term", {"value": code, "vocab": vocab_name}))
    dates: dict[str, Any] = {}
    for text_field, (start_field, end_field) in record.DATES.items():
        reading = date_reading(text_field, getattr(record, text_field), lookups, problems)
        if reading is not None:
            dates[start_field], dates[end_field] = reading.range.start, reading.range.end
    check_ident(record, lookups, problems)
    check_references(record, lookups, problems)
    if isinstance(record, ArchiveObject):
        dates.update(object_lists(record, lookups, problems))
    if isinstance(record, Event) and not record.date_text:
        problems.append(Problem("date_text", "event_date_required"))
    if isinstance(record, Place):
        if record.lat is not None and not -90 <= record.lat <= 90:
            problems.append(Problem("lat", "lat_range", {"value": record.lat}))
        if record.lon is not None and not -180 <= record.lon <= 180:
            problems.append(Problem("lon", "lon_range", {"value": record.lon}))
    return dates


def object_lists(record: ArchiveObject, lookups: Lookups, problems: list[Problem]) -> dict[str, str]:
    """An object's list fields as stored (canonical JSON) and its measurements read from
    its dimension and weight texts; a list that cannot be read is an error, measurements
    that cannot be read a warning (the texts are kept as written, like a date's)."""
    changes: dict[str, str] = {}
    for name, (canonical, _read) in object_fields.LIST_FIELDS.items():
        try:
            changes[name] = canonical(getattr(record, name))
        except object_fields.FieldFormatError as exc:
            problems.append(Problem(name, "field_problem", {"why": str(exc)}))
    for maker in object_fields.read_makers(changes.get("makers", "")):
        if maker.person and not lookups.key_exists("person", maker.person):
            problems.append(Problem("makers", "unknown_person", {"value": maker.person}))
    changes["measurements"] = measurements_of(record, problems)
    return changes


def measurements_of(record: ArchiveObject, problems: list[Problem]) -> str:
    found: list[dimensions.Measurement] = []
    for name, reader in (("dimensions", _read_dimensions), ("weight", _read_weight)):
        text = getattr(record, name)
        try:
            found.extend(reader(text))
        except dimensions.DimensionsUnreadable as exc:
            problems.append(Problem(name, "measurements_unreadable", {"text": text, "why": str(exc)}))
    return dimensions.to_json(found)


# A catalogue repeats the same few dimension texts; read each once.
@lru_cache(maxsize=4096)
def _read_dimensions(text: str) -> tuple[dimensions.Measurement, ...]:
    return tuple(dimensions.parse_dimensions(text))


@lru_cache(maxsize=1024)
def _read_weight(text: str) -> tuple[dimensions.Measurement, ...]:
    return tuple(dimensions.parse_weight(text))


def date_reading(text_field: str, text: Any, lookups: Lookups, problems: list[Problem]) -> DateReading | None:
    """A date text read for keeping: a date no form matches is kept as written with a
    warning; one that cannot exist (month 13, 30 February) is an error and gives None."""
    try:
        reading = lookups.read_date(text)
    except DateError as exc:
        problems.append(field_problem(text_field, exc))
        return None
    if reading.problem is not None:
        problems.append(Problem(text_field, "date_unreadable", reading.problem.params))
    return reading


def field_problem(field: str, exc: DateError) -> Problem:
    """A DateError about the text of `field`, as that field's problem."""
    if exc.problem is not None and exc.problem.code == "date_error":
        return Problem(field, "bad_date", exc.problem.params)
    return Problem(field, "field_problem", {"why": exc.problem or str(exc)})


def date_warnings(record: Record) -> list[Problem]:
    """What a save keeps without understanding: one date_unreadable warning per date text with no range."""
    found: list[Problem] = []
    for text_field in record.DATES:
        try:
            reading = read_date(getattr(record, text_field))
        except DateError:
            continue                    # refused by validation; no warning to give
        if reading.problem is not None:
            found.append(Problem(text_field, "date_unreadable", reading.problem.params))
    return found


def check_ident(record: Record, lookups: Lookups, problems: list[Problem]) -> None:
    """The identifier rule: required where the type needs one, and not used by another record."""
    cls = type(record)
    if not cls.IDENT or cls.TYPE == "media":
        return
    value = getattr(record, cls.IDENT)
    if not value:
        if cls.TYPE in IDENT_REQUIRED:
            problems.append(Problem(cls.IDENT, "required"))
        return
    other = lookups.ident_owner(record, value)
    if other is not None:
        problems.append(Problem(cls.IDENT, "duplicate", {"value": value, "other": other}))


def references(record: Record) -> list[tuple[str, str, int | None]]:
    """(field, record type, id) of every record this one points at."""
    refs: list[tuple[str, str, int | None]] = []
    if isinstance(record, Panel) and record.section_id is not None:
        refs.append(("section_id", "section", record.section_id))
    if isinstance(record, Event) and record.place_id is not None:
        refs.append(("place_id", "place", record.place_id))
    if isinstance(record, Citation):
        refs.append(("source_id", "source", record.source_id))
        refs.append(("record_id", record.record_type, record.record_id))
    if isinstance(record, Movement):
        refs.append(("object_id", "object", record.object_id))
    return refs


def check_references(record: Record, lookups: Lookups, problems: list[Problem]) -> None:
    """The reference rule: every id a record points at (section, place, source …) exists."""
    for name, target_type, target_id in references(record):
        if not lookups.exists(target_type, target_id):
            problems.append(Problem(name, "missing_reference", {"type": target_type, "id": target_id}))
