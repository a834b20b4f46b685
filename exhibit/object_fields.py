"""An object's repeating fields: its makers, its other numbers and its external links.

Each is a short list kept in one column of the object's row as JSON (a
column of the record rather than a table of its own, so history, undo,
bundles, the kiosk snapshot and every export carry it with the rest of the
row). A curator or a spreadsheet may also write them as plain text, one item
per `;` — `Turner, J. M. W. (artist); 汪精卫印刷厂 (printer)` — and a save
stores the canonical JSON (see `canonical_*`). An empty list is stored as "".

The JSON keys are the dataclass fields; unknown keys are refused, so a typo in
an imported file is not kept silently.
"""
from __future__ import annotations

import json
import re
from dataclasses import MISSING, dataclass, fields
from functools import lru_cache
from typing import Any, TypeVar

# The roles a maker can have (LIDO's eventActor/roleActor; Spectrum's "object production
# person role"). Free text would split one role into many spellings across an import.
MAKER_ROLES = ("maker", "artist", "manufacturer", "photographer", "author", "printer",
               "publisher", "designer", "engraver", "issuer", "calligrapher")
DEFAULT_ROLE = MAKER_ROLES[0]
# How a role reads in either language (the UI and labels name a role by these).
ROLE_NAMES = {
    "maker": ("制作者", "maker"), "artist": ("艺术家", "artist"),
    "manufacturer": ("制造商", "manufacturer"), "photographer": ("摄影者", "photographer"),
    "author": ("作者", "author"), "printer": ("印刷者", "printer"),
    "publisher": ("出版者", "publisher"), "designer": ("设计者", "designer"),
    "engraver": ("刻工", "engraver"), "issuer": ("颁发者", "issuer"),
    "calligrapher": ("书写者", "calligrapher"),
}
# Words a museum's spreadsheet uses for a role, mapped to ours.
_ROLE_WORDS = {
    **{role: role for role in MAKER_ROLES},
    **{zh: role for role, (zh, _en) in ROLE_NAMES.items()},
    "made by": "maker", "creator": "maker", "制作": "maker", "制作人": "maker", "作者": "author",
    "painter": "artist", "sculptor": "artist", "drawer": "artist", "draughtsman": "artist",
    "manufactured by": "manufacturer", "factory": "manufacturer", "厂家": "manufacturer",
    "制造": "manufacturer", "photo": "photographer", "摄影": "photographer", "摄": "photographer",
    "writer": "author", "撰": "author", "printed by": "printer", "印刷": "printer",
    "published by": "publisher", "出版": "publisher", "design": "designer", "设计": "designer",
    "engraved by": "engraver", "issued by": "issuer", "颁发": "issuer", "书": "calligrapher",
    "题": "calligrapher", "书法": "calligrapher",
}
LINK_KINDS = ("url", "wikidata", "ulan", "viaf", "geonames")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")
_ULAN = re.compile(r"50[0-9]{7}")
_WEB = re.compile(r"https?://")
_WEB_ADDRESS = re.compile(r"https?://\S+$")


class FieldFormatError(ValueError):
    """A list field that cannot be read; str() is a short English reason."""


@dataclass(frozen=True)
class Maker:
    name_zh: str = ""
    name_en: str = ""
    role: str = DEFAULT_ROLE
    person: str = ""        # the key of a person record, when the maker has one

    def name(self, lang: str = "zh") -> str:
        return (self.name_zh or self.name_en) if lang == "zh" else (self.name_en or self.name_zh)


@dataclass(frozen=True)
class OtherNumber:
    number: str
    kind: str = ""          # "previous number", "source system id", "总登记号" … as the museum calls it


@dataclass(frozen=True)
class ExternalLink:
    value: str
    kind: str = "url"       # one of LINK_KINDS

    def url(self) -> str:
        """Where the link leads, for a catalogue or a QR code."""
        base = {"wikidata": "https://www.wikidata.org/wiki/",
                "ulan": "http://vocab.getty.edu/page/ulan/",
                "viaf": "https://viaf.org/viaf/", "geonames": "https://www.geonames.org/"}
        return self.value if self.kind == "url" else base[self.kind] + self.value


T = TypeVar("T", Maker, OtherNumber, ExternalLink)
# Each list item's field names, in order (the JSON keys): looked up per item, so made once.
_KEYS: dict[type, tuple[str, ...]] = {cls: tuple(f.name for f in fields(cls))
                                      for cls in (Maker, OtherNumber, ExternalLink)}


def _from_json(text: str, cls: type[T]) -> list[T]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldFormatError(f"not valid JSON ({exc.msg})") from None
    if not isinstance(data, list):
        raise FieldFormatError("a JSON list is expected")
    names = _KEYS[cls]
    items: list[T] = []
    for position, item in enumerate(data, start=1):
        if not isinstance(item, dict):
            raise FieldFormatError(f"item {position} is not an object")
        unknown = sorted(set(item).difference(names))
        if unknown:
            raise FieldFormatError(f"item {position} has unknown key(s) {', '.join(unknown)}")
        if not all(isinstance(v, str) for v in item.values()):
            raise FieldFormatError(f"item {position} has a value that is not text")
        try:
            items.append(cls(**item))
        except TypeError:
            raise FieldFormatError(f"item {position} lacks {_required(cls)}") from None
    return items


def _required(cls: type) -> str:
    return ", ".join(f.name for f in fields(cls) if f.default is MISSING)


def _to_json(items: list[Any]) -> str:
    """Compact JSON without the empty members (so a plain maker is {"name_en": "…"})."""
    if not items:
        return ""
    # The fields by name, not dataclasses.asdict: every member is a str, and asdict
    # deep-copies each one (a third of an import's list-field time).
    return _encode([{k: v for k in _KEYS[type(item)] if (v := getattr(item, k))} for item in items])


# json.dumps with arguments makes a new encoder per call; one made once writes the same text.
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_PARTS = re.compile(r"[;；\n]")


def _parts(text: str) -> list[str]:
    return [part for raw in _PARTS.split(text) if (part := raw.strip())]


def _is_json(text: str) -> bool:
    return text.lstrip().startswith(("[", "{"))


# ---------------------------------------------------------------- makers

def role_code(word: str) -> str | None:
    """Our role for a role word as a spreadsheet writes it ("Painter", "印刷"), or None."""
    return _ROLE_WORDS.get(word.strip().casefold().rstrip("."))


_HAN_CHAR = re.compile("[\u3400-\u9fff]")
_ROLE_AT_END = re.compile(r"(.*?)\s*[(（]([^()（）]*)[)）]")
_KEY_AT_END = re.compile(r"\s*\[([^\[\]]*)\]$")


def _has_han(text: str) -> bool:
    return _HAN_CHAR.search(text) is not None


def _maker_of_text(part: str) -> Maker:
    """`中文名 / English name [person-key] (role)`; every part but a name is optional, and
    a single name in Han characters is the Chinese one."""
    role = DEFAULT_ROLE
    match = _ROLE_AT_END.fullmatch(part)
    if match and (code := role_code(match.group(2))) is not None:
        part, role = match.group(1).strip(), code
    elif match:
        raise FieldFormatError(f"'{match.group(2)}' is not a maker's role "
                               f"(roles: {', '.join(MAKER_ROLES)})")
    person = ""
    if key := _KEY_AT_END.search(part):
        part, person = part[:key.start()].strip(), key.group(1).strip()
    zh, slash, en = part.partition(" / ")
    if slash:
        return Maker(zh.strip(), en.strip(), role, person)
    if not part and not person:
        raise FieldFormatError("a maker needs a name")
    return Maker(name_zh=part, role=role, person=person) if _has_han(part) \
        else Maker(name_en=part, role=role, person=person)


def read_makers(text: str) -> list[Maker]:
    """The makers in a field's text: JSON as stored, or `Name (role); Name` as typed."""
    if not text.strip():
        return []
    makers = _from_json(text, Maker) if _is_json(text) else [_maker_of_text(p) for p in _parts(text)]
    for maker in makers:
        if maker.role not in MAKER_ROLES:
            raise FieldFormatError(f"'{maker.role}' is not a maker's role (roles: {', '.join(MAKER_ROLES)})")
        if not (maker.name_zh or maker.name_en or maker.person):
            raise FieldFormatError("a maker needs a name or a person")
    return makers


def makers_text(makers: list[Maker], lang: str = "zh") -> str:
    """`Name (role); Name (role)` in one language, for a form, a CSV cell or a label."""
    def one(maker: Maker) -> str:
        role = ROLE_NAMES[maker.role][0 if lang == "zh" else 1]
        name = maker.name(lang) or maker.person
        return name if maker.role == "maker" else f"{name} ({role})"
    return "; ".join(one(m) for m in makers)


def maker_line(maker: Maker) -> str:
    """One maker as a curator types it, both names kept: `薛岳 / Xue Yue [xue-yue] (issuer)`."""
    names = " / ".join(n for n in (maker.name_zh, maker.name_en) if n)
    key = f" [{maker.person}]" if maker.person else ""
    role = "" if maker.role == "maker" else f" ({maker.role})"
    return f"{names}{key}{role}".strip()


def canonical_makers(text: str) -> str:
    return stored_makers(text)[0]


def stored_makers(text: str) -> tuple[str, tuple[str, ...]]:
    """(canonical_makers(text), the person keys its makers name, in order): what a save
    keeps and what it must find in the archive. Raises FieldFormatError as read_makers.

    Remembered per text (up to a few makers long): a catalogue names the same makers on
    many rows, and reading them (`Name / Name [key] (role)`, then their JSON) costs more
    than all the record's other checks.
    """
    return _stored_makers(text) if len(text) <= _REMEMBERED else _read_makers_stored(text)


_REMEMBERED = 1000  # characters: at most ~4096 × 4 KB remembered


@lru_cache(maxsize=4096)
def _stored_makers(text: str) -> tuple[str, tuple[str, ...]]:
    return _read_makers_stored(text)


def _read_makers_stored(text: str) -> tuple[str, tuple[str, ...]]:
    makers = read_makers(text)
    return _to_json(makers), tuple(maker.person for maker in makers if maker.person)


# ---------------------------------------------------------------- other numbers

def read_other_numbers(text: str) -> list[OtherNumber]:
    """JSON as stored, or `kind: number; number` as typed."""
    if not text.strip():
        return []
    if _is_json(text):
        numbers = _from_json(text, OtherNumber)
    else:
        numbers = []
        for part in _parts(text):
            kind, sep, number = part.rpartition(":") if ":" in part else part.rpartition("：")
            numbers.append(OtherNumber(number.strip(), kind.strip()) if sep else OtherNumber(part))
    for item in numbers:
        if not item.number.strip():
            raise FieldFormatError("an other number is empty")
    return numbers


def other_numbers_text(numbers: list[OtherNumber]) -> str:
    return "; ".join(f"{n.kind}: {n.number}" if n.kind else n.number for n in numbers)


def canonical_other_numbers(text: str) -> str:
    return _to_json(read_other_numbers(text))


# ---------------------------------------------------------------- external links

def _link_of_text(part: str) -> ExternalLink:
    """A URL, a Wikidata id (Q42), a ULAN id (500026846) or `kind: id`."""
    if _WEB.match(part):
        return ExternalLink(part)
    kind, sep, value = part.partition(":")
    if sep and kind.strip().casefold() in LINK_KINDS:
        return ExternalLink(value.strip(), kind.strip().casefold())
    if _WIKIDATA.fullmatch(part):
        return ExternalLink(part, "wikidata")
    if _ULAN.fullmatch(part):
        return ExternalLink(part, "ulan")
    raise FieldFormatError(f"'{part[:60]}' is not a web address (http…), a Wikidata id (Q…) or a ULAN id")


def read_links(text: str) -> list[ExternalLink]:
    if not text.strip():
        return []
    links = _from_json(text, ExternalLink) if _is_json(text) else [_link_of_text(p) for p in _parts(text)]
    for link in links:
        if link.kind not in LINK_KINDS:
            raise FieldFormatError(f"'{link.kind}' is not a kind of link (kinds: {', '.join(LINK_KINDS)})")
        if link.kind == "url" and not _WEB_ADDRESS.match(link.value):
            raise FieldFormatError(f"'{link.value[:60]}' is not a web address (http:// or https://)")
        if link.kind == "wikidata" and not _WIKIDATA.fullmatch(link.value):
            raise FieldFormatError(f"'{link.value[:60]}' is not a Wikidata id (Q followed by digits)")
        if link.kind == "ulan" and not _ULAN.fullmatch(link.value):
            raise FieldFormatError(f"'{link.value[:60]}' is not a Getty ULAN id (nine digits, 500…)")
    return links


def links_text(links: list[ExternalLink]) -> str:
    return "; ".join(link.value if link.kind == "url" else f"{link.kind}: {link.value}" for link in links)


def canonical_links(text: str) -> str:
    return _to_json(read_links(text))


def list_text(name: str, stored: str) -> str:
    """A list field's stored JSON as a curator edits it: one item per line, nothing lost."""
    if name == "makers":
        return "\n".join(maker_line(m) for m in read_makers(stored))
    if name == "other_numbers":
        return other_numbers_text(read_other_numbers(stored)).replace("; ", "\n")
    if name == "external_links":
        return links_text(read_links(stored)).replace("; ", "\n")
    raise KeyError(name)


# What each list field of an object is read with, for the rules and the exports.
LIST_FIELDS = {
    "makers": (canonical_makers, read_makers),
    "other_numbers": (canonical_other_numbers, read_other_numbers),
    "external_links": (canonical_links, read_links),
}
