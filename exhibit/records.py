"""Record dataclasses: one per entity of the archive, and the registry of types.

Services take and return these. Bilingual text is a pair of fields (`…_zh`,
`…_en`). Dates are kept as written (`…_text`) next to a sortable start/end
filled in by the services from `exhibit.dates`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar, Self

# Field names per record class, computed once: as_row runs for every record read or written.
# (A dict, not functools.cache: a dataclass with eq has no __hash__, which typing reads as
# "the class is unhashable" though the class object itself hashes fine.)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


@dataclass
class Record:
    TYPE: ClassVar[str] = ""
    TABLE: ClassVar[str] = ""
    # Fields a record must have in at least one language (zh/en pair prefix).
    TITLE: ClassVar[str] = "title"
    NEEDS_TITLE: ClassVar[bool] = True
    # Vocabulary-controlled fields: field name -> vocabulary name.
    VOCAB: ClassVar[dict[str, str]] = {}
    # Date text fields -> (start column, end column).
    DATES: ClassVar[dict[str, tuple[str, str]]] = {}
    # A human-readable unique identifier column, if any.
    IDENT: ClassVar[str | None] = None

    id: int | None = None
    is_sample: bool = False
    created: str | None = None
    modified: str | None = None

    def as_row(self) -> dict[str, Any]:
        # Every field is a scalar, so a shallow copy is exact (asdict deep-copies: 10× slower).
        # The instance's own dict is the row when it holds the fields alone, in their order
        # (as __init__, replace and copy leave it): copied whole, 3× sooner than field by field.
        names = _field_names(type(self))
        attributes = self.__dict__
        if tuple(attributes) == names:
            row = attributes.copy()
        else:
            row = {name: getattr(self, name) for name in names}
        row["is_sample"] = int(bool(self.is_sample))
        return row

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Self:
        names = {f.name for f in fields(cls)}
        data = {k: v for k, v in row.items() if k in names}
        if "is_sample" in data:
            data["is_sample"] = bool(data["is_sample"])
        if cls.IDENT and data.get(cls.IDENT) is None and cls.IDENT in data:
            data[cls.IDENT] = ""  # optional keys are stored as NULL
        return cls(**data)

    @property
    def saved_id(self) -> int:
        """The id of a record read from the archive or just written to it. Only a record
        not saved yet has none, and asking for it then is a programming error."""
        if self.id is None:
            raise ValueError(f"{self.label()} is not saved yet, so it has no id")
        return self.id

    def title_pair(self) -> tuple[str, str]:
        return (getattr(self, f"{self.TITLE}_zh", "") or "", getattr(self, f"{self.TITLE}_en", "") or "")

    def display_title(self, lang: str = "zh") -> str:
        zh, en = self.title_pair()
        return (zh or en) if lang == "zh" else (en or zh)

    def label(self) -> str:
        """How messages name this record: type, identifier and title."""
        ident = getattr(self, self.IDENT, None) if self.IDENT else None
        title = self.display_title("zh")
        parts = [self.TYPE]
        if ident:
            parts.append(str(ident))
        elif self.id is not None:
            parts.append(f"#{self.id}")
        if title:
            parts.append(f"“{title}”")
        return " ".join(parts)


@dataclass
class ArchiveObject(Record):
    TYPE: ClassVar[str] = "object"
    TABLE: ClassVar[str] = "objects"
    TITLE: ClassVar[str] = "name"
    IDENT: ClassVar[str | None] = "accession"
    VOCAB: ClassVar[dict[str, str]] = {
        "category": "category", "material": "material", "condition": "condition",
        "grade": "grade", "acquisition": "acquisition", "status": "status",
        "record_status": "record_status",
    }
    DATES: ClassVar[dict[str, tuple[str, str]]] = {
        "date_text": ("date_start", "date_end"),
        "acquisition_date": ("acquisition_start", "acquisition_end"),
    }

    accession: str = ""
    name_zh: str = ""
    name_en: str = ""
    category: str = ""
    date_text: str = ""
    date_start: str | None = None
    date_end: str | None = None
    material: str = ""
    dimensions: str = ""
    weight: str = ""
    condition: str = ""
    grade: str = ""
    acquisition: str = ""
    acquisition_date: str = ""
    acquisition_start: str | None = None
    acquisition_end: str | None = None
    credit_zh: str = ""
    credit_en: str = ""
    location: str = ""
    description_zh: str = ""
    description_en: str = ""
    inscription_zh: str = ""
    inscription_en: str = ""
    status: str = "in_store"
    # Version 6: the cataloguing fields of Spectrum and LIDO's production event.
    object_name_zh: str = ""            # what the thing is ("钢盔", "helmet"), beside its category
    object_name_en: str = ""
    makers: str = ""                    # JSON list, see exhibit.object_fields
    production_place_zh: str = ""
    production_place_en: str = ""
    technique_zh: str = ""
    technique_en: str = ""
    medium_zh: str = ""                 # materials as written, beside the material vocabulary
    medium_en: str = ""
    measurements: str = ""              # JSON, read from dimensions and weight on every save
    other_numbers: str = ""             # JSON list: previous numbers, the source system's id
    external_links: str = ""            # JSON list: web pages, Wikidata, Getty ULAN
    rights: str = ""                    # a licence or rights statement for the record
    record_status: str = "draft"        # draft → reviewed → published (the kiosk and labels)
    label_zh: str = ""                  # label copy: short, for a standing reader
    label_en: str = ""


@dataclass
class Media(Record):
    TYPE: ClassVar[str] = "media"
    TABLE: ClassVar[str] = "media"
    TITLE: ClassVar[str] = "caption"
    NEEDS_TITLE: ClassVar[bool] = False
    IDENT: ClassVar[str | None] = "original_name"
    DATES: ClassVar[dict[str, tuple[str, str]]] = {"date_text": ("date_start", "date_end")}

    sha256: str = ""
    path: str = ""
    original_name: str = ""
    format: str = ""
    mime: str = ""
    width: int = 0
    height: int = 0
    size_bytes: int = 0
    exif_date: str | None = None
    camera: str | None = None
    caption_zh: str = ""
    caption_en: str = ""
    creator: str = ""
    date_text: str = ""
    date_start: str | None = None
    date_end: str | None = None
    rights: str = ""
    is_illustration: bool = False


@dataclass
class Section(Record):
    TYPE: ClassVar[str] = "section"
    TABLE: ClassVar[str] = "sections"
    IDENT: ClassVar[str | None] = "code"

    code: str = ""
    title_zh: str = ""
    title_en: str = ""
    intro_zh: str = ""
    intro_en: str = ""
    position: int = 0


@dataclass
class Panel(Record):
    TYPE: ClassVar[str] = "panel"
    TABLE: ClassVar[str] = "panels"
    IDENT: ClassVar[str | None] = "code"

    code: str = ""
    section_id: int | None = None
    title_zh: str = ""
    title_en: str = ""
    body_zh: str = ""
    body_en: str = ""
    position: int = 0
    # Version 6: what a printed panel and a label set besides the body.
    subtitle_zh: str = ""
    subtitle_en: str = ""
    lead_zh: str = ""
    lead_en: str = ""
    label_zh: str = ""
    label_en: str = ""


@dataclass
class Person(Record):
    TYPE: ClassVar[str] = "person"
    TABLE: ClassVar[str] = "people"
    TITLE: ClassVar[str] = "name"
    IDENT: ClassVar[str | None] = "key"
    DATES: ClassVar[dict[str, tuple[str, str]]] = {
        "born": ("born_start", "born_end"), "died": ("died_start", "died_end"),
    }

    key: str = ""
    name_zh: str = ""
    name_en: str = ""
    side: str = ""
    born: str = ""
    born_start: str | None = None
    born_end: str | None = None
    died: str = ""
    died_start: str | None = None
    died_end: str | None = None
    role_zh: str = ""
    role_en: str = ""
    bio_zh: str = ""
    bio_en: str = ""


@dataclass
class Place(Record):
    TYPE: ClassVar[str] = "place"
    TABLE: ClassVar[str] = "places"
    TITLE: ClassVar[str] = "name"
    IDENT: ClassVar[str | None] = "key"

    key: str = ""
    name_zh: str = ""
    name_en: str = ""
    lat: float | None = None
    lon: float | None = None
    coord_basis: str = ""
    description_zh: str = ""
    description_en: str = ""


@dataclass
class Event(Record):
    TYPE: ClassVar[str] = "event"
    TABLE: ClassVar[str] = "events"
    IDENT: ClassVar[str | None] = "key"
    DATES: ClassVar[dict[str, tuple[str, str]]] = {"date_text": ("date_start", "date_end")}

    key: str = ""
    date_text: str = ""
    date_start: str | None = None
    date_end: str | None = None
    title_zh: str = ""
    title_en: str = ""
    description_zh: str = ""
    description_en: str = ""
    place_id: int | None = None


@dataclass
class Source(Record):
    TYPE: ClassVar[str] = "source"
    TABLE: ClassVar[str] = "sources"
    IDENT: ClassVar[str | None] = "key"

    key: str = ""
    kind: str = ""
    title: str = ""
    author: str = ""
    publisher: str = ""
    year: str = ""
    url: str = ""
    reliability_zh: str = ""
    reliability_en: str = ""

    def title_pair(self) -> tuple[str, str]:
        # A bibliographic title is in its own language; show it in both.
        return (self.title, self.title)


@dataclass
class Citation(Record):
    TYPE: ClassVar[str] = "citation"
    TABLE: ClassVar[str] = "citations"
    TITLE: ClassVar[str] = "note"
    NEEDS_TITLE: ClassVar[bool] = False

    record_type: str = ""
    record_id: int = 0
    source_id: int = 0
    page: str = ""
    note: str = ""

    def title_pair(self) -> tuple[str, str]:
        return (self.note, self.note)


@dataclass
class Movement(Record):
    TYPE: ClassVar[str] = "movement"
    TABLE: ClassVar[str] = "movements"
    TITLE: ClassVar[str] = "location"
    DATES: ClassVar[dict[str, tuple[str, str]]] = {"moved_at": ("moved_start", "moved_end")}

    object_id: int = 0
    location: str = ""
    moved_at: str = ""
    moved_start: str | None = None
    moved_end: str | None = None
    reason: str = ""
    moved_by: str = ""

    def title_pair(self) -> tuple[str, str]:
        return (self.location, self.location)


@dataclass(frozen=True)
class Link:
    """A record-to-record link (panel → object, event → person …), ordered by position."""
    id: int
    from_type: str
    from_id: int
    to_type: str
    to_id: int
    role: str
    position: int


@dataclass(frozen=True)
class MediaLink:
    id: int
    media_id: int
    record_type: str
    record_id: int
    role: str
    position: int


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    who: str
    action: str
    record_type: str
    record_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True)
class Term:
    vocab: str
    code: str
    label_zh: str
    label_en: str
    position: int = 0


RECORD_TYPES: dict[str, type[Record]] = {
    cls.TYPE: cls
    for cls in (ArchiveObject, Media, Section, Panel, Person, Place, Event, Source, Citation, Movement)
}

# Fields holding long text; everything else textual is a short field.
LONG_FIELDS = frozenset({
    "description_zh", "description_en", "inscription_zh", "inscription_en", "body_zh", "body_en",
    "intro_zh", "intro_en", "bio_zh", "bio_en", "note", "reliability_zh", "reliability_en",
    "label_zh", "label_en", "lead_zh", "lead_en", "makers", "measurements", "other_numbers",
    "external_links",
})
SHORT_LIMIT = 500
LONG_LIMIT = 20_000


def record_class(record_type: str) -> type[Record]:
    from exhibit.errors import ExhibitError

    try:
        return RECORD_TYPES[record_type]
    except KeyError:
        raise ExhibitError(f"unknown record type '{record_type}' "
                           f"(known: {', '.join(RECORD_TYPES)})") from None


def field_names(cls: type[Record]) -> list[str]:
    return [f.name for f in fields(cls)]


__all__ = [
    "Record", "ArchiveObject", "Media", "Section", "Panel", "Person", "Place", "Event",
    "Source", "Citation", "Movement", "Link", "MediaLink", "HistoryEntry", "Term",
    "RECORD_TYPES", "record_class", "field_names", "LONG_FIELDS", "SHORT_LIMIT", "LONG_LIMIT",
    "field",
]
