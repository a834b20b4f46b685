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

import functools
import operator
import unicodedata
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from functools import lru_cache
from typing import Any, Callable, Mapping, Protocol

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


@dataclass(frozen=True)
class _TextFields:
    """A record class's fields that `text_fields` may name, grouped for store_texts."""
    specs: tuple[tuple[str, bool, bool], ...]  # (name, long, bilingual) of each, in row order
    short: tuple[str, ...]                     # the short and the long ones declared `str`:
    long: tuple[str, ...]                      # read all at once by the getters below
    get_short: Callable[[Any], tuple[Any, ...]]
    get_long: Callable[[Any], tuple[Any, ...]]
    others: tuple[tuple[str, bool, bool], ...]  # the rest (str | None, numbers): one by one


# Per record class, made once (a dict, not functools.cache: see exhibit/records.py).
_TEXT_FIELDS: dict[type, _TextFields] = {}


def _text_fields_of(cls: type[Record]) -> _TextFields:
    found = _TEXT_FIELDS.get(cls)
    if found is None:
        # is_sample is left out: as_row makes it a number, so text_fields never names it.
        declared = [(f.name, f.type) for f in dataclass_fields(cls)
                    if f.name not in BOOKKEEPING and f.name != "is_sample"]
        specs = tuple((name, name in LONG_FIELDS, name.endswith(("_zh", "_en"))) for name, _ in declared)
        text = {name for name, kind in declared if kind in ("str", str)}
        short = tuple(name for name, is_long, _ in specs if name in text and not is_long)
        long = tuple(name for name, is_long, _ in specs if name in text and is_long)
        found = _TEXT_FIELDS[cls] = _TextFields(
            specs, short, long, _getter(short), _getter(long),
            tuple(spec for spec in specs if spec[0] not in text))
    return found


def _getter(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The values of `names` of a record as a tuple, read in one call."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda record: tuple(getattr(record, name) for name in names)


_NFC = functools.partial(unicodedata.normalize, "NFC")


def store_texts(record: Record, problems: list[Problem]) -> None:
    """What the import's checker does with a record's text: check_text on every non-empty
    text field (`text_fields(record.as_row(), skip_empty=True)`), then, when none has a
    problem, each set to its stored_text. The same problems and values as those three
    functions (tests/core/test_rules_fast.py compares them), without making the row.

    An import runs this on every row (~45 fields, ~25 of them filled): the common case,
    every field declared `str` holding text that can be stored as it is, is settled by a
    few operations over all of them at once; only a record with a problem (or a field
    holding something else) is gone through field by field, as check_text does.
    """
    fields_ = _text_fields_of(type(record))
    short, long = fields_.get_short(record), fields_.get_long(record)
    others = [(name, value, is_long) for name, is_long, bilingual in fields_.others
              if (value := getattr(record, name)) != "" and (isinstance(value, str) or bilingual)]
    try:
        joined_short, joined_long = "".join(short), "".join(long)
        all_text = True
    except TypeError:  # a field declared `str` holds something else
        joined_short = joined_long = ""
        all_text = False
    if (not all_text or not _storable(joined_short + joined_long)
            # no field is longer than all of them together
            or (len(joined_short) > SHORT_LIMIT and max(map(len, short)) > SHORT_LIMIT)
            or (len(joined_long) > LONG_LIMIT and max(map(len, long)) > LONG_LIMIT)
            or any(not isinstance(value, str) for _, value, _ in others)):
        _store_texts_slowly(record, fields_.specs, problems)
        return
    joined = joined_short + joined_long
    for name, value, is_long in others:   # the few optional text fields, checked as check_text does
        check_text(name, value, problems)
    if problems:
        return
    ascii_only = joined.isascii()  # ASCII is its own NFC form: only the trimming is left
    stored_short = tuple(map(str.strip, short if ascii_only else map(_NFC, short)))
    stored_long = long if ascii_only else tuple(map(_NFC, long))
    for names, before, after in ((fields_.short, short, stored_short), (fields_.long, long, stored_long)):
        if after != before:
            for name, old, new in zip(names, before, after):
                if new != old:
                    setattr(record, name, new)
    for name, value, is_long in others:
        stored = stored_text(name, value)
        if stored != value:
            setattr(record, name, stored)


def _store_texts_slowly(record: Record, specs: tuple[tuple[str, bool, bool], ...],
                        problems: list[Problem]) -> None:
    """store_texts field by field: the plain loop over text_fields, check_text and stored_text."""
    texts: list[tuple[str, Any]] = []
    for name, _long, bilingual in specs:
        value = getattr(record, name)
        if value != "" and (isinstance(value, str) or bilingual):
            check_text(name, value, problems)
            texts.append((name, value))
    if problems:
        return
    for name, value in texts:
        if isinstance(value, str):
            setattr(record, name, stored_text(name, value))


def _storable(text: str) -> bool:
    """Whether `text` can be stored: no NUL character, and UTF-8 (a lone surrogate is not)."""
    if "\x00" in text:
        return False
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


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
    persons: tuple[str, ...] = ()
    for name, (canonical, _read) in object_fields.LIST_FIELDS.items():
        try:
            if name == "makers":  # the canonical JSON and the person keys, read once
                changes[name], persons = object_fields.stored_makers(record.makers)
            else:
                changes[name] = canonical(getattr(record, name))
        except object_fields.FieldFormatError as exc:
            problems.append(Problem(name, "field_problem", {"why": str(exc)}))
    for person in persons:
        if not lookups.key_exists("person", person):
            problems.append(Problem("makers", "unknown_person", {"value": person}))
    changes["measurements"] = measurements_of(record, problems)
    return changes


def measurements_of(record: ArchiveObject, problems: list[Problem]) -> str:
    """dimensions.to_json of the measurements read from the dimensions, then the weight."""
    items: list[str] = []
    for name, reader in (("dimensions", _read_dimensions), ("weight", _read_weight)):
        text = getattr(record, name)
        if text == "":
            continue  # no measurements (what the parsers give for it)
        try:
            items.extend(reader(text))
        except dimensions.DimensionsUnreadable as exc:
            problems.append(Problem(name, "measurements_unreadable", {"text": text, "why": str(exc)}))
    # to_json of the whole list is its items' JSON objects between brackets.
    return f"[{','.join(items)}]" if items else ""


# Each text's measurements as the JSON objects dimensions.to_json writes for them. Weight
# texts repeat (a catalogue's few forms); dimension texts are mostly distinct, so their
# cache is for the repeats close together (the same text pasted down a column).
@lru_cache(maxsize=4096)
def _read_dimensions(text: str) -> tuple[str, ...]:
    return dimensions.dimensions_json(text)


@lru_cache(maxsize=1024)
def _read_weight(text: str) -> tuple[str, ...]:
    return dimensions.weight_json(text)


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
