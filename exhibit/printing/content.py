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


def object_label(archive: Archive, obj: ArchiveObject, *, lang: str = "both",
                 qr_template: str | None = None, photo: bool = True) -> LabelContent:
    meta = " · ".join(t for t in (obj.date_text, _term(archive, "material", obj.material, lang),
                                  obj.dimensions) if t)
    blocks = _blocks([
        ("title", "zh", "name_zh", obj.name_zh),
        ("subtitle", "en", "name_en", obj.name_en),
        ("meta", "mixed", "date/material/dimensions", meta),
        ("body", "zh", "description_zh", obj.description_zh),
        ("body", "en", "description_en", obj.description_en),
    ], lang)
    if not any(b.role in ("title", "subtitle") for b in blocks):
        # The chosen language has no name: show the other rather than a nameless label.
        blocks = _blocks([("title", "mixed", "name", obj.name_zh or obj.name_en)], lang) + blocks
    media = media_records.primary_media(archive, "object", obj.saved_id) if photo else None
    path, aspect, notes = photo_of(archive, media)
    credit = " ".join(t for t in ((obj.credit_zh if _want(lang, "zh") else ""),
                                  (obj.credit_en if _want(lang, "en") else "")) if t)
    small = " · ".join(t for t in (obj.accession, credit) if t)
    if media is not None and media.is_illustration and path is not None:
        small += " · " + {"zh": "图为生成的示意图", "en": "Image: generated illustration"}.get(
            lang, "图为生成的示意图 Image: generated illustration")
    return LabelContent("object", obj.label(), blocks, path, aspect, notes,
                        qr_address(qr_template, obj), _blocks([("small", "mixed", "accession/credit", small)], lang))


def caption_label(archive: Archive, media: Media, *, lang: str = "both") -> LabelContent:
    blocks = _blocks([("body", "zh", "caption_zh", media.caption_zh),
                      ("body", "en", "caption_en", media.caption_en)], lang)
    path, aspect, notes = photo_of(archive, media)
    notice = ""
    if media.is_illustration:
        notice = {"zh": "生成的示意图,非历史照片", "en": "Generated illustration, not a historical photograph"}.get(
            lang, "生成的示意图,非历史照片 · Generated illustration, not a historical photograph")
    small = " · ".join(t for t in (media.creator, media.date_text, media.rights and f"© {media.rights}",
                                   notice) if t)
    name = f"media #{media.id} {media.original_name}".strip()
    if not blocks:
        notes.append(Problem(None, "photo_no_caption"))
    return LabelContent("caption", name, blocks, path, aspect, notes, None,
                        _blocks([("small", "mixed", "creator/date/rights", small)], lang))


def panel_text(archive: Archive, panel: Panel, *, lang: str = "both") -> LabelContent:
    blocks = _blocks([("title", "zh", "title_zh", panel.title_zh),
                      ("subtitle", "en", "title_en", panel.title_en),
                      ("body", "zh", "body_zh", panel.body_zh),
                      ("body", "en", "body_en", panel.body_en)], lang)
    section = ""
    if panel.section_id is not None:
        row = archive.db.execute("SELECT title_zh, title_en FROM sections WHERE id = ?",
                                 [panel.section_id]).fetchone()
        if row:
            section = " ".join(t for t, lang_code in ((row[0], "zh"), (row[1], "en")) if t and _want(lang, lang_code))
    return LabelContent("panel", panel.label(), blocks, footer=_blocks(
        [("small", "mixed", "section/code", " · ".join(t for t in (section, panel.code) if t))], lang))
