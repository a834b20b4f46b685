"""What a label says: its text blocks (role, language, text), photo and QR address.

Built from archive records; the templates only draw what is here and the
checker only reads it, so both see exactly the same text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from exhibit import media_records, vocab
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, MediaError
from exhibit.printing.fonts import clean_text
from exhibit.problems import Problem
from exhibit.records import ArchiveObject, Media, Panel

LANGS = ("both", "zh", "en")


@dataclass(frozen=True)
class Block:
    role: str        # a key of typography.ROLE_SCALE
    lang: str        # "zh", "en" or "mixed" (zh and mixed wrap between Han characters)
    text: str        # plain text, cleaned; escaped only when drawn
    field: str = ""  # the record field it comes from, for messages


@dataclass
class LabelContent:
    template: str                      # "object", "caption" or "panel"
    name: str                          # how messages name it: 'object HY1944.0001 “…”'
    blocks: list[Block]
    photo: Path | None = None          # a JPEG derivative, drawn as stored
    photo_aspect: float = 1.0          # width / height
    notes: list[Problem] = field(default_factory=list)  # things the checker passes on (missing photo …)
    qr_url: str | None = None
    footer: list[Block] = field(default_factory=list)  # accession, credit: bottom of the label


def _want(lang: str, which: str) -> bool:
    return lang == "both" or lang == which


def qr_address(template: str | None, obj: ArchiveObject) -> str | None:
    """The object's URL from a template such as https://museum.example/objects/{accession}."""
    if not template:
        return None
    try:
        return template.format(accession=quote(obj.accession, safe=""), id=obj.id)
    except (KeyError, IndexError, ValueError) as exc:
        raise ExhibitError(f"QR URL template '{template}' is not usable ({exc}); "
                           f"use {{accession}} or {{id}}, e.g. https://museum.example/objects/{{accession}}") from None


def photo_of(archive: Archive, media: Media | None) -> tuple[Path | None, float, list[Problem]]:
    """The print image of a media record (its screen-size JPEG derivative, made once
    and reused), its aspect ratio, and a note when the file is missing."""
    if media is None:
        return None, 1.0, []
    aspect = (media.width / media.height) if media.width and media.height else 1.0
    try:
        path = media_records.derivative(archive, media, "screen")
    except (MediaError, OSError) as exc:
        return None, aspect, [Problem(None, "photo_unreadable", {"file": media.path, "detail": str(exc)})]
    if not path.is_file():
        return None, aspect, [Problem(None, "photo_missing", {"file": media.path})]
    return path, aspect, []


def _term(archive: Archive, vocab_name: str, code: str, lang: str) -> str:
    if not code:
        return ""
    zh = vocab.label(archive.db, vocab_name, code, "zh")
    en = vocab.label(archive.db, vocab_name, code, "en")
    if lang == "zh":
        return zh
    if lang == "en":
        return en
    return zh if zh == en else f"{zh} {en}"


def _blocks(pairs: list[tuple[str, str, str, str]], lang: str) -> list[Block]:
    """(role, lang, field, text) → blocks, skipping empty text and unwanted languages.
    Paragraph breaks (blank lines) become separate blocks."""
    out = []
    for role, block_lang, field_name, text in pairs:
        if not _want(lang, block_lang) and block_lang in ("zh", "en"):
            continue
        for para in clean_text(text).split("\n\n"):
            para = para.strip()
            if para:
                out.append(Block(role, block_lang, para, field_name))
    return out


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def date_label(text: str, lang: str) -> str:
    """A date text as a label prints it: "1944-06" → "1944年6月" / "June 1944",
    "1940s" → "1940年代" / "1940s", "约1944年" → "约1944年" / "c. 1944". A text the
    date reader cannot place, or Chinese text on a Chinese label, is printed as written."""
    from exhibit.dates import parse_date
    from exhibit.errors import DateError

    text = text.strip()
    if not text or (lang == "zh" and _has_han(text)):
        return text
    try:
        d = parse_date(text)
    except DateError:
        return text
    if not d.start or not d.end:
        return text
    (y1, m1, d1), (y2, m2, d2) = ((int(p) for p in day.split("-")) for day in (d.start, d.end))
    zh = lang == "zh"
    whole_years = (m1, d1, m2, d2) == (1, 1, 12, 31)
    if whole_years and y1 % 10 == 0 and y2 == y1 + 9:
        out = f"{y1}年代" if zh else f"{y1}s"
    elif whole_years:
        out = (f"{y1}年" if y1 == y2 else f"{y1}—{y2}年") if zh else (str(y1) if y1 == y2 else f"{y1}–{y2}")
    elif d1 == 1 and (y2, m2, d2) == _month_end(y2, m2):
        if (y1, m1) == (y2, m2):
            out = f"{y1}年{m1}月" if zh else f"{_MONTHS[m1 - 1]} {y1}"
        elif y1 == y2:
            out = f"{y1}年{m1}—{m2}月" if zh else f"{_MONTHS[m1 - 1]}–{_MONTHS[m2 - 1]} {y1}"
        else:
            return text
    elif (y1, m1, d1) == (y2, m2, d2):
        out = f"{y1}年{m1}月{d1}日" if zh else f"{d1} {_MONTHS[m1 - 1]} {y1}"
    elif y1 == y2:
        out = f"{y1}年{m1}月{d1}日至{m2}月{d2}日" if zh else f"{d1} {_MONTHS[m1 - 1]} – {d2} {_MONTHS[m2 - 1]} {y1}"
    else:
        return text
    if d.approximate:
        out = ("约" if zh else "c. ") + out
    return out


def _month_end(year: int, month: int) -> tuple[int, int, int]:
    import calendar

    return year, month, calendar.monthrange(year, month)[1]


def _dimensions(obj: ArchiveObject, lang: str) -> str:
    """Dimensions as the label prints them: from the measurements read on save, in the
    label's language ("高60 × 宽45厘米"); the text as written when none could be read."""
    from exhibit import dimensions

    text = obj.dimensions
    if obj.measurements:
        try:
            found = [m for m in dimensions.from_json(obj.measurements) if m.dimension != "weight"]
        except ValueError:
            found = []
        if found:
            text = dimensions.describe(found, lang)
    return text if lang == "zh" else _measures_unbroken(text)


def _measures_unbroken(text: str) -> str:
    """English dimensions with no-break spaces inside each measure ("W 10 cm"), so a wrapped
    tombstone breaks at a "×" or between runs, never between a number and its label or unit
    (Chinese keeps "10厘米" whole in the line breaker)."""
    return "; ".join(" × ".join(piece.replace(" ", "\u00a0") for piece in run.split(" × "))
                     for run in text.split("; "))


def tombstone(archive: Archive, obj: ArchiveObject, lang: str) -> str:
    """Object name · date · medium · dimensions, in one language (the accession number
    closes the last line: see object_label)."""
    medium = obj.medium_zh if lang == "zh" else obj.medium_en
    if not medium:
        medium = _term(archive, "material", obj.material, lang)
    name = obj.object_name_zh if lang == "zh" else obj.object_name_en
    if name and lang == "en":
        name = name[:1].upper() + name[1:]
    parts = (name, date_label(obj.date_text, lang), medium, _dimensions(obj, lang))
    return tombstone_separator(lang).join(p for p in parts if p)


def tombstone_separator(lang: str) -> str:
    """The dot between a tombstone's parts. The full-width middle dot carries its own space in
    Chinese; English needs spaces round it, the one before it a no-break space, so a wrapped
    line ends with the dot ("… 10 cm ·") instead of the next line opening with one (as the
    Chinese breaker keeps "·" off a line's head)."""
    return "·" if lang == "zh" else "\u00a0· "


def label_copy(record: ArchiveObject | Panel, lang: str, fallback: str) -> tuple[str, str, Problem | None]:
    """(field, text, note): the record's label text in `lang`, or the `fallback` field's text
    with a note for the checker when the label text is empty."""
    field_name = f"label_{lang}"
    text = getattr(record, field_name)
    if text.strip():
        return field_name, text, None
    other = f"{fallback}_{lang}"
    if not getattr(record, other).strip():
        return field_name, "", None
    return other, getattr(record, other), Problem(field_name, "label_no_copy")


def object_label(archive: Archive, obj: ArchiveObject, *, lang: str = "both",
                 qr_template: str | None = None, photo: bool = False) -> LabelContent:
    """An object label: title, object name and tombstone, the label text, then credit and QR.

    The title is printed once: the photo is off unless asked for (a label hangs beside
    the object), and the sample's generated pictures carry the title in the image."""
    langs = [x for x in ("zh", "en") if _want(lang, x)]
    pairs: list[tuple[str, str, str, str]] = [("title", "zh", "name_zh", obj.name_zh),
                                              ("title", "en", "name_en", obj.name_en)]
    stones = [(x, tombstone(archive, obj, x)) for x in langs]
    stones = [(x, t) for x, t in stones if t]
    if stones:
        x, t = stones[-1]
        stones[-1] = (x, f"{t}{tombstone_separator(x)}{obj.accession}" if obj.accession else t)
    elif obj.accession:
        stones = [("en", obj.accession)]
    pairs += [("meta", "mixed" if x == "zh" else "en", "tombstone", t) for x, t in stones]
    notes: list[Problem] = []
    for x in langs:
        field_name, text, note = label_copy(obj, x, "description")
        pairs.append(("body", x, field_name, text))
        if note is not None and (getattr(obj, f"name_{x}") or text):
            notes.append(note)
    blocks = _blocks(pairs, lang)
    if not any(b.role == "title" for b in blocks):
        # The chosen language has no name: show the other rather than a nameless label.
        blocks = _blocks([("title", "mixed", "name", obj.name_zh or obj.name_en)], "both") + blocks
    media = media_records.primary_media(archive, "object", obj.saved_id) if photo else None
    path, aspect, photo_notes = photo_of(archive, media)
    notes += photo_notes
    credit = [t for t in ((obj.credit_zh if _want(lang, "zh") else ""),
                          (obj.credit_en if _want(lang, "en") else "")) if t]
    small = " ".join(credit)
    if media is not None and media.is_illustration and path is not None:
        small += (" · " if small else "") + {"zh": "图为生成的示意图", "en": "Image: generated illustration"}.get(
            lang, "图为生成的示意图 Image: generated illustration")
    return LabelContent("object", obj.label(), blocks, path, aspect, notes,
                        qr_address(qr_template, obj), _blocks([("small", "mixed", "credit", small)], lang))


def caption_label(archive: Archive, media: Media, *, lang: str = "both", photo: bool = True) -> LabelContent:
    blocks = _blocks([("body", "zh", "caption_zh", media.caption_zh),
                      ("body", "en", "caption_en", media.caption_en)], lang)
    path, aspect, notes = photo_of(archive, media) if photo else (None, 1.0, [])
    notice = ""
    if media.is_illustration:
        notice = {"zh": "生成的示意图，非历史照片", "en": "Generated illustration, not a historical photograph"}.get(
            lang, "生成的示意图，非历史照片 · Generated illustration, not a historical photograph")
    small = " · ".join(t for t in (media.creator, media.date_text, media.rights and f"© {media.rights}",
                                   notice) if t)
    name = f"media #{media.id} {media.original_name}".strip()
    if not blocks:
        notes.append(Problem(None, "photo_no_caption"))
    return LabelContent("caption", name, blocks, path, aspect, notes, None,
                        _blocks([("small", "mixed", "creator/date/rights", small)], lang))


def panel_text(archive: Archive, panel: Panel, *, lang: str = "both") -> LabelContent:
    """A panel's text: title, subtitle, lead and body. Its section is named in the band by
    title, never by the panel's internal code."""
    blocks = _blocks([("title", "zh", "title_zh", panel.title_zh),
                      ("title", "en", "title_en", panel.title_en),
                      ("subtitle", "zh", "subtitle_zh", panel.subtitle_zh),
                      ("subtitle", "en", "subtitle_en", panel.subtitle_en),
                      ("body", "zh", "lead_zh", panel.lead_zh),
                      ("body", "en", "lead_en", panel.lead_en),
                      ("body", "zh", "body_zh", panel.body_zh),
                      ("body", "en", "body_en", panel.body_en)], lang)
    section = ""
    if panel.section_id is not None:
        row = archive.db.execute("SELECT title_zh, title_en FROM sections WHERE id = ?",
                                 [panel.section_id]).fetchone()
        if row:
            section = " ".join(t for t, lang_code in ((row[0], "zh"), (row[1], "en")) if t and _want(lang, lang_code))
    return LabelContent("panel", panel.label(), blocks, footer=_blocks([("small", "mixed", "section", section)], lang))
