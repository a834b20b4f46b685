"""The printed catalogue (reportlab platypus).

In order: a cover with the exhibition's title, the museum's name and a cover
picture; on the cover's back the colophon (publisher, date, the records'
licence, the cover picture's credit and, for the sample, that its objects are
invented and its pictures generated); a title page; the contents with page
numbers; for each section an opening page with its introduction and its
panels' texts, then an entry per object (picture, name and object name,
makers, date, medium, measurements, … the catalogue description, or the label
text where there is none, the inscription and numbered sources); the indexes
(accession numbers; a Chinese index ordered by pinyin and an English one A–Z
ignoring leading punctuation, each of objects, people and places with the
pages they appear on); a bibliography of the sources cited. Running headers
name the exhibition and the section; pages after the title page are numbered.
Both languages, or one.

Titles, names and the cover picture come from the archive's settings
(exhibit.institution: exhibition.title_zh/en, museum.name_zh/en,
exhibition.cover_image, records.rights); the job may override the title and the
cover. Without a cover picture set, the first picture of the first section
that has one is used, then the first of its panels' or objects'.

Type: two weights (headings bold), each script run in its own face
(fonts.markup), so an English quote or apostrophe is a Latin glyph, never a
full-width one; each section's opening takes its colour from exhibit.palette,
as the printed panels of that section do.

Page numbers come from reportlab's multi-pass build: the contents and the
indexes are `IndexingFlowable`s that ask for another pass until their page
numbers stop changing (usually two passes).
"""
from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from exhibit import media_records, names, palette, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.printing import content as content_mod
from exhibit.printing.checker import LabelWarning
from exhibit.printing.content import photo_of
from exhibit.printing.fonts import FONT, FONT_BOLD, clean_text, describe_chars, markup, missing_glyphs, register
from exhibit.printing.labels import PrintCancelled
from exhibit.printing.layout import PAPER, mm
from exhibit.printing.panels import chinese_number
from exhibit.printing.pdfwrite import atomic_pdf, check_output, escape
from exhibit.printing.select import Selection, find_section, object_section, select_objects
from exhibit.problems import Problem
from exhibit.records import ArchiveObject, Media, Panel, Section, Source

ProgressFn = Callable[[int, int], None]
INK = "#1a1a1a"
GREY = "#666666"
ACCENT = palette.SECTION_COLOURS[0]      # the exhibition's dark red
PAPER_TONE = "#efe6d2"                   # behind a cover picture that does not fill its area
# A table sets its cells' font even when they hold paragraphs; the default Helvetica
# would be a font in the PDF that is not embedded.
_TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), FONT)

# The fields of an entry's table, in order; their names (the short, tombstone
# form) come from exhibit.names and their values' labels from the vocabularies.
ENTRY_FIELDS = ("object_name", "makers", "date_text", "medium", "dimensions", "weight", "category",
                "condition", "grade", "acquisition", "acquisition_date", "credit")
# Styles set in the bold faces: the heading hierarchy is size, weight and colour.
BOLD_STYLES = frozenset({"cover_title", "title_zh", "h1", "h2", "h3", "index_letter", "toc0"})


@dataclass
class CatalogueJob:
    lang: str = "both"
    paper: str = "a4"
    title_zh: str = ""
    title_en: str = ""
    author: str = ""
    photos: bool = True
    # Who publishes the catalogue (the cover and colophon); from the archive's settings when not given.
    publisher_zh: str = ""
    publisher_en: str = ""
    # The cover picture: a media number ("18" or "#18") or an original file name; the
    # exhibition.cover_image setting when not given, else the first section's picture.
    cover_image: str = ""


@dataclass
class CatalogueReport:
    out: Path
    objects: int
    sections: int
    pages: int
    passes: int
    warnings: list[LabelWarning] = field(default_factory=list)
    seconds: float = 0.0


def _both(job: CatalogueJob, zh: str, en: str, sep: str = " ") -> str:
    if job.lang == "zh":
        return zh or en
    if job.lang == "en":
        return en or zh
    return sep.join(t for t in (zh, en) if t) if zh != en else zh


# ---------------------------------------------------------------- styles

def _styles() -> dict:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    register()

    def st(name: str, size: float, lead: float | None = None, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, fontName=FONT_BOLD if name in BOLD_STYLES else FONT, fontSize=size,
                              leading=lead or size * 1.4, wordWrap="CJK", textColor=kw.pop("color", INK), **kw)

    return {
        "cover_title": st("cover_title", 36, 46, color="#ffffff"),
        "cover_sub": st("cover_sub", 18, 25, color="#ffffff"),
        "cover_small": st("cover_small", 11, 16, color="#ffffff"),
        "title_zh": st("title_zh", 28, 38, color=ACCENT, spaceAfter=4),
        "title_en": st("title_en", 17, 24, color=ACCENT, spaceAfter=18),
        "title_small": st("title_small", 10.5, 16, color=GREY),
        "centred_small": st("centred_small", 9, 13, alignment=TA_CENTER, color=GREY),
        "h1": st("h1", 22, 30, spaceAfter=4, color=ACCENT),
        "h1en": st("h1en", 15, 21, spaceAfter=14, color=ACCENT),
        "h2": st("h2", 13.5, 19, spaceBefore=12, spaceAfter=4),
        "h3": st("h3", 13, 18, spaceBefore=2, spaceAfter=1),
        "h3en": st("h3en", 11, 15, spaceAfter=6, color=GREY),
        "acc": st("acc", 8.5, 11, color=ACCENT, spaceBefore=6),
        "body_zh": st("body_zh", 10, 16, spaceAfter=5),
        "body_en": ParagraphStyle("body_en", fontName=FONT, fontSize=9.5, leading=14, spaceAfter=5, textColor=INK),
        "cell": st("cell", 8.5, 11.5),
        "cell_label": st("cell_label", 8, 11.5, color=GREY),
        "small": st("small", 8, 11, color=GREY),
        "toc0": st("toc0", 11, 16, leftIndent=0, spaceBefore=4),
        "toc1": st("toc1", 9, 13, leftIndent=14, color=GREY),
        "index": st("index", 8.5, 11.5),
        "index_letter": st("index_letter", 10, 14, color=ACCENT),
        "biblio": ParagraphStyle("biblio", fontName=FONT, fontSize=9, leading=13, leftIndent=18,
                                 firstLineIndent=-18, spaceAfter=4, wordWrap="CJK", textColor=INK),
    }


def _markup(text: str, style_name: str) -> str:
    """Plain text as Paragraph markup: escaped, each script in its face, bold for bold styles."""
    return markup(clean_text(text), bold=style_name in BOLD_STYLES)


# ---------------------------------------------------------------- flowables that know their page

@dataclass(frozen=True)
class IndexRow:
    """A line of an index: a name, what it is (an accession number, 人物 …), and the keys of
    the flowables whose pages it lists; a row without keys is a letter heading."""
    keys: tuple[str, ...]
    first: str
    second: str = ""


def _marker_classes():
    from reportlab.platypus import Paragraph
    from reportlab.platypus.tableofcontents import IndexingFlowable

    class Heading(Paragraph):
        """A paragraph that puts itself in the contents (and the PDF outline) when drawn, and
        tells the indexes its page (`entry`: an object's entry, counted for progress;
        `marks`: other records shown there, such as a panel)."""

        def __init__(self, text: str, style, *, toc_text: str = "", outline: str = "", level: int = 0,
                     key: str = "", section: str | None = None, entry: str | None = None,
                     marks: tuple[str, ...] = ()):
            super().__init__(text, style)
            self.toc_text, self.outline, self.level, self.key = toc_text, outline, level, key
            self.section, self.entry, self.marks = section, entry, marks

    class PageIndex(IndexingFlowable):
        """An index: rows of names with the pages their keys were drawn on."""

        def __init__(self, rows: list[IndexRow], styles: dict, heading: tuple[str, str, str],
                     widths: tuple[float, float, float] = (0.3, 0.6, 0.1)):
            super().__init__()
            self.rows, self.styles, self.heading, self.widths = rows, styles, heading, widths
            self._pages: dict[str, int] = {}
            self._last: dict[str, int] = {}
            self._table: Any = None  # a reportlab Table, made at each wrap()

        def notify(self, kind, stuff):
            if kind == "IndexEntry":
                key, page = stuff
                self._pages.setdefault(key, page)

        def beforeBuild(self):
            self._last, self._pages = self._pages, {}

        def isSatisfied(self):
            return self._last == self._pages

        def pages(self, keys: tuple[str, ...]) -> str:
            found = {self._last.get(k, self._pages.get(k)) for k in keys}
            known = sorted(p for p in found if p)
            return ", ".join(map(str, known)) if known else "?"

        def _build(self):
            from reportlab.platypus import Paragraph, Table, TableStyle

            s = self.styles["index"]
            data = [[Paragraph(_markup(h, "cell_label"), self.styles["cell_label"]) for h in self.heading]]
            letters = []
            for row in self.rows:
                if not row.keys:
                    letters.append(len(data))
                    data.append([Paragraph(_markup(row.first, "index_letter"), self.styles["index_letter"]), "", ""])
                    continue
                data.append([Paragraph(_markup(row.first, "index"), s), Paragraph(_markup(row.second, "index"), s),
                             Paragraph(self.pages(row.keys), s)])
            table = Table(data, colWidths=[self._width * w for w in self.widths], repeatRows=1)
            style = [("VALIGN", (0, 0), (-1, -1), "TOP"), _TABLE_FONT,
                     ("LINEBELOW", (0, 0), (-1, 0), 0.5, GREY),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("TOPPADDING", (0, 0), (-1, -1), 2)]
            for i in letters:
                style += [("SPAN", (0, i), (-1, i)), ("TOPPADDING", (0, i), (-1, i), 8)]
            table.setStyle(TableStyle(style))
            return table

        def wrap(self, availWidth, availHeight):
            self._width = availWidth
            self._table = self._build()
            return self._table.wrap(availWidth, availHeight)

        def split(self, availWidth, availHeight):
            self._width = availWidth
            self._table = self._build()
            return self._table.split(availWidth, availHeight)

        def drawOn(self, canvas, x, y, _sW=0):
            self._table.drawOn(canvas, x, y, _sW)

    return Heading, PageIndex


# ---------------------------------------------------------------- index order

_LEADING_MARKS = re.compile(r"^[\W_]+", re.UNICODE)


def english_key(name: str) -> tuple[str, str]:
    """A–Z order: case and accents ignored, and leading punctuation ("'Ten days…", "“Taishan”")."""
    bare = _LEADING_MARKS.sub("", name)
    folded = "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))
    return folded.casefold(), name


def english_letter(name: str) -> str:
    first = english_key(name)[0][:1].upper()
    return first if "A" <= first <= "Z" else "#"


def pinyin_key(name: str) -> tuple[list[str], list[int], str]:
    """Chinese order by pinyin, as a dictionary orders it: by the letters of each syllable,
    then by tone; leading punctuation (《》“”) ignored; digits and Latin letters as they are."""
    from pypinyin import Style, lazy_pinyin

    bare = _LEADING_MARKS.sub("", name)
    letters, tones = [], []
    for syllable in lazy_pinyin(bare, style=Style.TONE3, neutral_tone_with_five=True):
        if syllable[-1:].isdigit() and syllable[:-1].isalpha():
            letters.append(syllable[:-1].lower())
            tones.append(int(syllable[-1]))
        elif syllable.strip(" \u3000"):
            letters.append(_LEADING_MARKS.sub("", syllable).lower())
            tones.append(0)
    return letters, tones, name


def pinyin_letter(name: str) -> str:
    letters = [part for part in pinyin_key(name)[0] if part]
    first = letters[0][:1].upper() if letters else ""
    return first if "A" <= first <= "Z" else "#"


# ---------------------------------------------------------------- gathering

@dataclass
class _Group:
    section: Section | None
    panels: list[Panel]
    objects: list[ArchiveObject]


def _groups(archive: Archive, selection: Selection, objects: list[ArchiveObject]) -> list[_Group]:
    where = object_section(archive)
    sections = services.list_records(archive, Section)
    chosen = None
    if selection.section:
        chosen = find_section(archive, selection.section).saved_id
    by_section: dict[int | None, list[ArchiveObject]] = {}
    for obj in objects:
        # A section's catalogue shows all its objects, even those first shown in an earlier section.
        by_section.setdefault(chosen or where.get(obj.saved_id), []).append(obj)
    groups = []
    for s in sections:
        if s.id in by_section or s.id == chosen:
            panels = services.list_records(archive, Panel, "section_id = ?", [s.id])
            groups.append(_Group(s, panels, by_section.get(s.id, [])))
    if None in by_section:
        groups.append(_Group(None, [], by_section[None]))
    return groups


def _record_text(rec, fields: list[str]) -> str:
    return "\n".join(clean_text(str(getattr(rec, f, "") or "")) for f in fields)


def _glyph_errors(groups: list[_Group], sources: list[Source], job: CatalogueJob,
                  extra: list[tuple[str, str]]) -> list[str]:
    problems = []
    checks: list[tuple[str, str]] = [("the title", job.title_zh + job.title_en),
                                     ("the publisher", job.publisher_zh + job.publisher_en), *extra]
    for g in groups:
        if g.section:
            checks.append((g.section.label(),
                           _record_text(g.section, ["title_zh", "title_en", "intro_zh", "intro_en"])))
        for p in g.panels:
            checks.append((p.label(), _record_text(p, ["title_zh", "title_en", "subtitle_zh", "subtitle_en",
                                                       "lead_zh", "lead_en", "body_zh", "body_en"])))
        for o in g.objects:
            checks.append((o.label(), _record_text(o, [
                "accession", "name_zh", "name_en", "object_name_zh", "object_name_en", "makers", "date_text",
                "medium_zh", "medium_en", "dimensions", "weight", "acquisition_date", "credit_zh", "credit_en",
                "description_zh", "description_en", "label_zh", "label_en", "inscription_zh", "inscription_en"])))
    for s in sources:
        checks.append((s.label(), _record_text(s, ["title", "author", "publisher", "year", "url",
                                                    "reliability_zh", "reliability_en"])))
    for name, text in checks:
        missing = missing_glyphs(text)
        if missing:
            problems.append(f"{name}: characters the font lacks: {describe_chars(missing)}")
    return problems


def _sources(archive: Archive,
             groups: list[_Group]) -> tuple[list[Source], dict[tuple[str, int], list[tuple[int, str]]]]:
    """Sources cited by the printed records, numbered in bibliography order, and
    each record's citations as (number, page)."""
    refs: list[tuple[str, int]] = []
    for g in groups:
        if g.section:
            refs.append(("section", g.section.saved_id))
        refs += [("panel", p.saved_id) for p in g.panels] + [("object", o.saved_id) for o in g.objects]
    cited: dict[tuple[str, int], list[tuple[int, str]]] = {}
    used: dict[int, Source] = {}
    rows = []
    for rtype, rid in refs:
        for cit in services.citations(archive, rtype, rid):
            rows.append((rtype, rid, cit.source_id, cit.page))
            if cit.source_id not in used:
                used[cit.source_id] = services.get(archive, Source, cit.source_id)
    ordered = sorted(used.values(), key=lambda s: ((s.author or s.title).lower(), s.title.lower(), s.year))
    number = {s.id: i + 1 for i, s in enumerate(ordered)}
    for rtype, rid, sid, page in rows:
        cited.setdefault((rtype, rid), []).append((number[sid], page))
    return ordered, cited


def _named(archive: Archive, groups: list[_Group]) -> dict[tuple[str, int], set[str]]:
    """The people and places the printed objects and panels are linked to, each with the
    index keys of the flowables that show those records (an object's entry, a panel's heading)."""
    found: dict[tuple[str, int], set[str]] = {}
    for g in groups:
        shown = [("object", o.saved_id) for o in g.objects] + [("panel", p.saved_id) for p in g.panels]
        for rtype, rid in shown:
            for link in services.links(archive, rtype, rid):
                if link.to_type in ("person", "place"):
                    found.setdefault((link.to_type, link.to_id), set()).add(f"{rtype}-{rid}")
    return found


def find_media(archive: Archive, spec: str) -> Media | None:
    """A picture named by its media number ("18", "#18") or its original file name."""
    spec = spec.strip()
    number = spec.lstrip("#")
    if number.isdigit():
        found = services.list_records(archive, Media, "id = ?", [int(number)])
    else:
        found = services.list_records(archive, Media, "original_name = ?", [spec], order="id")
    return found[0] if found else None


def cover_media(archive: Archive, job: CatalogueJob, groups: list[_Group]) -> tuple[Media | None, list[LabelWarning]]:
    """The cover picture: the job's, else the exhibition.cover_image setting, else the first
    picture of the first section that has one (or of its panels, then its objects). A
    picture the job names that is not in the archive is an error; one the setting names
    is a warning, and the first section's picture is used."""
    warnings: list[LabelWarning] = []
    if job.cover_image:
        media = find_media(archive, job.cover_image)
        if media is None:
            raise ExhibitError(f"the cover image '{job.cover_image}' is not a picture in the archive; "
                               f"give its media number or its file name")
        return media, warnings
    setting = (archive.setting("exhibition.cover_image") or "").strip()
    if setting:
        media = find_media(archive, setting)
        if media is not None:
            return media, warnings
        warnings.append(LabelWarning("the cover", Problem("exhibition.cover_image", "photo_missing",
                                                          {"file": setting})))
    for g in groups:
        owners = ([("section", g.section.saved_id)] if g.section else []) + \
            [("panel", p.saved_id) for p in g.panels] + [("object", o.saved_id) for o in g.objects]
        for rtype, rid in owners:
            media = media_records.primary_media(archive, rtype, rid)
            if media is not None:
                return media, warnings
    return None, warnings


def selection_line(archive: Archive, selection: Selection, lang: str) -> str:
    """What a selection holds, as a title page says it: sections and panels by their titles
    (never an internal code such as s3-siege)."""
    zh = lang == "zh"
    parts = []
    if selection.section:
        sections = services.list_records(archive, Section)
        s = find_section(archive, selection.section)
        n = next((i + 1 for i, x in enumerate(sections) if x.id == s.id), 0)
        parts.append(f"第{chinese_number(n)}{names.type_text('section', 'zh')}　{s.title_zh}".strip() if zh
                     else f"{names.type_text('section', 'en')} {n}, {s.title_en or s.title_zh}")
    if selection.panels:
        titles = []
        for code in selection.panels:
            panel = services.find(archive, Panel, code)
            if panel is not None:
                titles.append((panel.title_zh or panel.title_en) if zh else (panel.title_en or panel.title_zh))
        parts.append(("展板" + "、".join(f"“{t}”" for t in titles)) if zh
                     else "panels " + ", ".join(f"“{t}”" for t in titles))
    if selection.accessions:
        parts.append(f"{len(selection.accessions)} 件藏品" if zh else f"{len(selection.accessions)} chosen objects")
    if selection.changed_since:
        parts.append(f"{selection.changed_since} 以后修改的藏品" if zh
                     else f"objects changed since {selection.changed_since}")
    return ("，" if zh else "; ").join(parts)


# ---------------------------------------------------------------- the story

class _Builder:
    def __init__(self, archive: Archive, job: CatalogueJob, styles: dict, width: float, height: float):
        self.archive, self.job, self.s = archive, job, styles
        self.width, self.height = width, height
        self.warnings: list[LabelWarning] = []
        self.Heading, self.PageIndex = _marker_classes()
        self._terms: dict[tuple[str, str], str] = {}
        self._section_index = {s.id: i for i, s in enumerate(services.list_records(archive, Section))}

    def p(self, text: str, style: str | Any):
        """A paragraph of plain text in a style (by name, or a style object)."""
        from reportlab.platypus import Paragraph

        st = self.s[style] if isinstance(style, str) else style
        return Paragraph(_markup(text, st.name), st)

    def heading(self, text: str, style: str | Any, *, toc: str = "", **kw):
        """A heading; with `toc`, the line it has in the contents and the PDF's outline."""
        st = self.s[style] if isinstance(style, str) else style
        return self.Heading(_markup(text, st.name), st, toc_text=_markup(toc, "toc0") if toc else "",
                            outline=clean_text(toc), **kw)

    def paras(self, text: str, style: str) -> list:
        return [self.p(part.strip(), style) for part in clean_text(text).split("\n\n") if part.strip()]

    def bilingual(self, zh: str, en: str) -> list:
        out = []
        if self.job.lang in ("both", "zh") or not en:
            out += self.paras(zh, "body_zh")
        if self.job.lang in ("both", "en") or not zh:
            out += self.paras(en, "body_en")
        return out

    def label(self, zh: str, en: str) -> str:
        return _both(self.job, zh, en)

    def named_value(self, zh: str, en: str, value: str) -> str:
        """"出版：…" in Chinese (a full-width colon), "Published by: …" otherwise."""
        return f"{zh}：{value}" if self.job.lang == "zh" else f"{self.label(zh, en)}: {value}"

    def field_name(self, name: str, record_type: str = "object") -> str:
        """A field's printed name in the job's language(s): the short form, as on a tombstone."""
        named = names.field(record_type, name)
        return self.label(named.short_zh, named.short_en)

    def type_name(self, code: str) -> tuple[str, str]:
        """A record type's plural, as a count says it: ('藏品', 'objects')."""
        named = names.record_type(code)
        return named.plural_zh, named.plural_en.lower()

    def term(self, vocab_name: str, code: str) -> str:
        from exhibit import vocab

        key = (vocab_name, code)
        if key not in self._terms:
            self._terms[key] = _both(self.job, vocab.label(self.archive.db, vocab_name, code, "zh"),
                                     vocab.label(self.archive.db, vocab_name, code, "en"))
        return self._terms[key]

    def section_style(self, section: Section | None, name: str):
        """A heading style in the section's colour (exhibit.palette), as its panels are printed."""
        index = self._section_index.get(section.id) if section is not None else None
        colour = palette.section_colour(index) if section is not None else ACCENT
        return self.s[name].clone(f"{name}-{colour}", textColor=colour)

    # ------------------------------------------------------------ front matter

    def cover(self) -> list:
        """The cover is drawn by the page itself (`draw_cover`); the story only turns the page."""
        from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

        return [Spacer(1, 1), NextPageTemplate("colophon"), PageBreak()]

    def colophon(self, objects: list[ArchiveObject], cover: Media | None) -> list:
        """The cover's back: who published it, when, under which licence, what the cover shows,
        and, before any entry is read, that sample objects are invented and generated
        pictures are not historical photographs."""
        from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

        job = self.job
        story: list = [Spacer(1, self.height * 0.45)]
        title = _both(job, job.title_zh, job.title_en, " · ")
        story.append(self.p(title, "h2"))
        publisher = _both(job, job.publisher_zh, job.publisher_en, " · ")
        if publisher:
            story.append(self.p(self.named_value("出版", "Published by", publisher), "small"))
        url = (self.archive.setting("museum.url") or "").strip()
        if url:
            story.append(self.p(url, "small"))
        story.append(self.p(self.named_value("印制日期", "Printed", date.today().isoformat()), "small"))
        rights = (self.archive.setting("records.rights") or "").strip()
        if rights:
            story.append(self.p(self.named_value("著录数据许可", "Licence of the records", rights), "small"))
        if cover is not None:
            caption = _both(job, cover.caption_zh, cover.caption_en)
            credit = " · ".join(t for t in (cover.creator, cover.rights) if t)
            text = "；".join(t for t in (caption, credit) if t) if job.lang == "zh" else \
                ". ".join(t.rstrip(".") for t in (caption, credit) if t)
            if text:
                story.append(self.p(self.named_value("封面", "Cover", text), "small"))
        notice = self.sample_notice(objects)
        if notice is not None:
            story.append(Spacer(1, mm(6)))
            story += self.bilingual(*notice)
        return story + [NextPageTemplate("title"), PageBreak()]

    def title_page(self, count: int, groups: list[_Group], selection: Selection) -> list:
        """The title page: the exhibition, the kind of book, the museum; then what it holds."""
        from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

        job = self.job
        story: list = [Spacer(1, self.height * 0.22)]
        if job.lang != "en" and job.title_zh:
            story.append(self.p(job.title_zh, "title_zh"))
        if job.lang != "zh" and job.title_en:
            story.append(self.p(job.title_en, "title_en" if job.lang == "both" and job.title_zh else "title_zh"))
        story.append(self.p(self.label("展览图录", "Exhibition catalogue"), "h2"))
        publisher = _both(job, job.publisher_zh, job.publisher_en, "\n")
        if publisher:
            story += [Spacer(1, mm(4)), self.p(publisher, "title_small")]
        story.append(Spacer(1, self.height * 0.3))
        sections = len([g for g in groups if g.section])
        (sections_zh, sections_en), (objects_zh, objects_en) = self.type_name("section"), self.type_name("object")
        if sections == 1:
            sections_en = names.record_type("section").en.lower()
        if count == 1:
            objects_en = names.record_type("object").en.lower()
        story.append(self.p(self.label(f"{sections} 个{sections_zh} · {count} 件{objects_zh}",
                                       f"{sections} {sections_en} · {count} {objects_en}"), "title_small"))
        if not selection.whole():
            zh, en = selection_line(self.archive, selection, "zh"), selection_line(self.archive, selection, "en")
            chosen = "选印：" + zh if job.lang == "zh" else (
                "Selection: " + en if job.lang == "en" else f"选印：{zh}\nSelection: {en}")
            story.append(self.p(chosen, "title_small"))
        return story + [NextPageTemplate("body"), PageBreak()]

    def sample_notice(self, objects: list[ArchiveObject]) -> tuple[str, str] | None:
        """What the colophon says when printed objects are sample records (exhibit.sample) or
        printed pictures are generated illustrations; None for a real collection's catalogue."""
        invented = any(o.is_sample for o in objects)
        drawn = self.job.photos and any(
            getattr(media_records.primary_media(self.archive, "object", o.saved_id), "is_illustration", False)
            for o in objects)
        zh, en = [], []
        if invented:
            zh.append("本图录为示例展览：所收藏品均为虚构，并非真实馆藏。")
            en.append("This catalogue shows a sample exhibition: its objects are invented, not real holdings.")
        if drawn:
            zh.append("本图录的图片为生成的示意图，并非历史照片。")
            en.append("The illustrations in this catalogue are generated drawings, not historical photographs.")
        return ("".join(zh), " ".join(en)) if zh else None

    def contents(self) -> list:
        from reportlab.platypus import PageBreak, TableStyle
        from reportlab.platypus.tableofcontents import TableOfContents

        toc = TableOfContents(levelStyles=[self.s["toc0"], self.s["toc1"]], dotsMinLevel=0)
        toc.tableStyle = TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _TABLE_FONT,
                                     ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                     ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
        return [self.heading(self.label("目录", "Contents"), "h1", section=self.label("目录", "Contents")),
                toc, PageBreak()]

    # ------------------------------------------------------------ sections and entries

    def section(self, g: _Group, cited: dict) -> list:
        from reportlab.platypus import CondPageBreak, PageBreak, Spacer

        story: list = []
        if g.section is not None:
            s = g.section
            title = self.label(s.title_zh, s.title_en)
            h1, h1en = self.section_style(s, "h1"), self.section_style(s, "h1en")
            if self.job.lang == "both" and s.title_zh and s.title_en:
                story.append(self.heading(s.title_zh, h1, toc=f"{s.title_zh}  {s.title_en}",
                                          key=f"section-{s.id}", section=title))
                story.append(self.p(s.title_en, h1en))
            else:
                story.append(self.heading(title, h1, toc=title, key=f"section-{s.id}", section=title))
                story.append(Spacer(1, 8))
            story += self.bilingual(s.intro_zh, s.intro_en)
            story += self.sources_line(cited.get(("section", s.id)))
            for panel in g.panels:
                story.append(CondPageBreak(mm(40)))
                story.append(self.heading(self.label(panel.title_zh, panel.title_en), "h2",
                                          marks=(f"panel-{panel.id}",)))
                subtitle = self.label(panel.subtitle_zh, panel.subtitle_en)
                if subtitle:
                    story.append(self.p(subtitle, "h3en"))
                story += self.bilingual(panel.lead_zh, panel.lead_en)
                story += self.bilingual(panel.body_zh, panel.body_en)
                story += self.sources_line(cited.get(("panel", panel.id)))
        else:
            objects_zh, objects_en = self.type_name("object")
            title = self.label(f"其他{objects_zh}", f"Other {objects_en}")
            story.append(self.heading(title, "h1", toc=title, key="section-other", section=title))
        if g.objects:
            story.append(PageBreak())
        for obj in g.objects:
            story += self.entry(obj, cited)
        story.append(PageBreak())
        return story

    def sources_line(self, refs: list[tuple[int, str]] | None) -> list:
        if not refs:
            return []
        text = "; ".join(f"[{n}]" + (f" {page}" if page else "") for n, page in refs)
        return [self.p(self.label("资料来源", "Sources") + ": " + text, "small")]

    def field_value(self, obj: ArchiveObject, fname: str) -> str:
        """An entry's value of one field, in the job's language(s)."""
        from exhibit import dimensions, object_fields

        job = self.job
        if fname == "credit":
            return _both(job, obj.credit_zh, obj.credit_en, " / ")
        if fname == "object_name":
            return _both(job, obj.object_name_zh, obj.object_name_en, " / ")
        if fname == "medium":
            return _both(job, obj.medium_zh, obj.medium_en, " / ") or (
                self.term("material", obj.material) if obj.material else "")
        if fname == "makers":
            try:
                makers = object_fields.read_makers(obj.makers)
            except (ExhibitError, ValueError):
                return obj.makers
            return _both(job, object_fields.makers_text(makers, "zh"), object_fields.makers_text(makers, "en"),
                         " / ")
        if fname == "dimensions" and obj.measurements:
            try:
                found = [m for m in dimensions.from_json(obj.measurements) if m.dimension != "weight"]
            except ValueError:
                found = []
            if found:
                return _both(job, dimensions.describe(found, "zh"), dimensions.describe(found, "en"), " / ")
        if fname == "date_text" and obj.date_text:
            return _both(job, content_mod.date_label(obj.date_text, "zh"), content_mod.date_label(obj.date_text, "en"),
                         " / ")
        raw = getattr(obj, fname) or ""
        vocab_name = obj.VOCAB.get(fname)
        return self.term(vocab_name, raw) if vocab_name and raw else raw

    def entry(self, obj: ArchiveObject, cited: dict) -> list:
        from reportlab.platypus import CondPageBreak, Image, KeepTogether, Spacer, Table, TableStyle

        head = [self.Heading(escape(obj.accession), self.s["acc"], entry=f"object-{obj.id}",
                             key=f"object-{obj.id}")]
        if self.job.lang != "en" and obj.name_zh:
            head.append(self.p(obj.name_zh, "h3"))
        if self.job.lang != "zh" and obj.name_en:
            head.append(self.p(obj.name_en, "h3en" if self.job.lang == "both" and obj.name_zh else "h3"))
        if self.job.lang == "zh" and not obj.name_zh and obj.name_en:
            head.append(self.p(obj.name_en, "h3"))
        if self.job.lang == "en" and not obj.name_en and obj.name_zh:
            head.append(self.p(obj.name_zh, "h3"))
        if self.job.photos:
            media = media_records.primary_media(self.archive, "object", obj.saved_id)
            path, aspect, notes = photo_of(self.archive, media)
            if path is not None:
                w = min(self.width * 0.62, mm(110))
                h = w / aspect
                if h > mm(85):
                    h, w = mm(85), mm(85) * aspect
                img = Image(str(path), width=w, height=h, hAlign="LEFT")
                head += [img, Spacer(1, 2)]
                if media is not None and media.is_illustration:  # a path means a media record
                    head.append(self.p(self.label("图为生成的示意图，非历史照片",
                                                  "Generated illustration, not a historical photograph"), "small"))
                head.append(Spacer(1, 4))
            elif notes:
                self.warnings.append(LabelWarning(obj.label(), notes[0]))
                head.append(self.p(self.label("（照片文件缺失）", "(photo file missing)"), "small"))
        rows = []
        for fname in ENTRY_FIELDS:
            value = self.field_value(obj, fname)
            if value:
                rows.append([self.p(self.field_name(fname), "cell_label"), self.p(value, "cell")])
        story: list = [CondPageBreak(mm(60)), KeepTogether(head)]
        if rows:
            table = Table(rows, colWidths=[mm(32), self.width - mm(32)], hAlign="LEFT")
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _TABLE_FONT,
                                       ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                       ("TOPPADDING", (0, 0), (-1, -1), 1),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
            story += [table, Spacer(1, 6)]
        # The catalogue's own text is the description; the label text stands in where there is none.
        story += self.bilingual(obj.description_zh or obj.label_zh, obj.description_en or obj.label_en)
        if obj.inscription_zh or obj.inscription_en:
            story.append(self.p(self.field_name("inscription"), "cell_label"))
            story += self.bilingual(obj.inscription_zh, obj.inscription_en)
        story += self.sources_line(cited.get(("object", obj.id)))
        story.append(Spacer(1, mm(8)))
        return story

    # ------------------------------------------------------------ indexes

    def index(self, objects: list[ArchiveObject], groups: list[_Group]) -> list:
        from reportlab.platypus import PageBreak

        title = self.label("索引", "Index")
        by_acc = sorted(objects, key=lambda o: o.accession)
        rows = [IndexRow((f"object-{o.id}",), o.accession, self.label(o.name_zh, o.name_en)) for o in by_acc]
        page = self.label("页", "Page")
        story = [self.heading(title, "h1", toc=title, key="index", section=title),
                 self.p(self.label("按总登记号", "By accession number"), "h2"),
                 self.PageIndex(rows, self.s, (self.field_name("accession"), self.field_name("name"), page))]
        named = _named(self.archive, groups)
        if self.job.lang != "en":
            story += [PageBreak(), self.p("中文索引（按拼音排序）", "h2"),
                      self.PageIndex(self.index_rows(objects, named, "zh"), self.s, ("名称", "类别", "页"),
                                     widths=(0.55, 0.3, 0.15))]
        if self.job.lang != "zh":
            story += [PageBreak(), self.p("English index (A–Z)", "h2"),
                      self.PageIndex(self.index_rows(objects, named, "en"), self.s, ("Name", "Kind", "Pages"),
                                     widths=(0.55, 0.3, 0.15))]
        return story + [PageBreak()]

    def index_rows(self, objects: list[ArchiveObject], named: dict[tuple[str, int], set[str]],
                   lang: str) -> list[IndexRow]:
        """One script's index: objects, people and places under letter headings, Chinese by
        pinyin, English A–Z; a name in the other script only is left to that index."""
        entries: list[tuple[str, tuple[str, ...], str]] = []
        for o in objects:
            name = o.name_zh if lang == "zh" else o.name_en
            if name:
                entries.append((name, (f"object-{o.id}",), o.accession))
        for (rtype, rid), keys in named.items():
            rec = services.get(self.archive, rtype, rid)
            name = getattr(rec, f"name_{lang}", "")
            if name:
                entries.append((name, tuple(sorted(keys)), names.type_text(rtype, lang)))
        if lang == "zh":
            entries.sort(key=lambda e: (pinyin_key(e[0]), e[2]))
            letter = pinyin_letter
        else:
            entries.sort(key=lambda e: (english_key(e[0]), e[2]))
            letter = english_letter
        rows: list[IndexRow] = []
        current = None
        for name, row_keys, kind in entries:
            if letter(name) != current:
                current = letter(name)
                rows.append(IndexRow((), current))
            rows.append(IndexRow(row_keys, name, kind))
        return rows

    def bibliography(self, sources: list[Source]) -> list:
        if not sources:
            return []
        title = self.label("参考文献", "Bibliography")
        story: list = [self.heading(title, "h1", toc=title, key="bibliography", section=title)]
        for i, src in enumerate(sources, start=1):
            parts = [src.author, src.title, src.publisher, src.year]
            text = f"[{i}] " + ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip()) + "."
            if src.url:
                text += f" {src.url}"
            note = _both(self.job, src.reliability_zh, src.reliability_en, " ")
            story.append(self.p(text, "biblio"))
            if note:
                story.append(self.p(note, "small"))
        return story


# ---------------------------------------------------------------- the cover

def draw_cover(canvas, job: CatalogueJob, picture: Path | None, aspect: float, page_w: float, page_h: float,
               styles: dict) -> None:
    """The cover, drawn to the page's edges: the picture above (whole, never cropped: a
    historical photograph or a drawing's notice is not cut), a block in the exhibition's
    colour below with the title, the kind of book and the museum's name."""
    from reportlab.lib.colors import HexColor
    from reportlab.platypus import Paragraph

    split = page_h * 0.44
    margin = page_w * 0.09
    canvas.saveState()
    canvas.setFillColor(HexColor(PAPER_TONE))
    canvas.rect(0, split, page_w, page_h - split, stroke=0, fill=1)
    if picture is not None:
        area_w, area_h = page_w, page_h - split
        w, h = area_w, area_w / aspect
        if h > area_h:
            h, w = area_h, area_h * aspect
        canvas.drawImage(str(picture), (area_w - w) / 2, split + (area_h - h) / 2, w, h)
    canvas.setFillColor(HexColor(ACCENT))
    canvas.rect(0, 0, page_w, split, stroke=0, fill=1)
    scale = page_w / PAPER["a4"][0]
    width = page_w - 2 * margin
    y = split - margin * 0.8
    lines: list[tuple[str, str, float]] = []
    if job.lang != "en" and job.title_zh:
        lines.append((job.title_zh, "cover_title", 0))
    if job.lang != "zh" and job.title_en:
        lines.append((job.title_en, "cover_sub" if lines else "cover_title", 0))
    lines.append((_both(job, "展览图录", "Exhibition catalogue", " · "), "cover_small", mm(8) * scale))
    for text, name, before in lines:
        st = styles[name].clone(f"{name}-cover", fontSize=styles[name].fontSize * scale,
                                leading=styles[name].leading * scale)
        para = Paragraph(_markup(text, name), st)
        _, h = para.wrap(width, page_h)
        y -= before + h
        para.drawOn(canvas, margin, y)
        y -= mm(2) * scale
    canvas.setStrokeColor(HexColor("#ffffff"))
    canvas.setLineWidth(0.8)
    canvas.line(margin, margin * 1.35, margin + width * 0.18, margin * 1.35)
    museum = _both(job, job.publisher_zh, job.publisher_en, "\n")
    if museum:
        st = styles["cover_small"].clone("cover-museum", fontSize=11 * scale, leading=16 * scale)
        para = Paragraph(_markup(museum, "cover_small"), st)
        _, h = para.wrap(width, page_h)
        para.drawOn(canvas, margin, margin * 1.35 - mm(3) - h)
    canvas.restoreState()


# ---------------------------------------------------------------- the document

def _doc_class():
    from reportlab.platypus import BaseDocTemplate

    class CatalogueDoc(BaseDocTemplate):
        def __init__(self, *args, on_progress=None, cancelled=None, **kw):
            super().__init__(*args, **kw)
            self.current_section = ""
            self.header_title = ""
            self._progress, self._cancelled = on_progress, cancelled
            self._drawn = 0
            self._total = 1

        def afterFlowable(self, flowable):
            key = getattr(flowable, "key", "")
            if getattr(flowable, "section", None):
                self.current_section = flowable.section
            if getattr(flowable, "toc_text", ""):
                self.canv.bookmarkPage(key)
                self.canv.addOutlineEntry(flowable.outline, key, level=flowable.level)
                self.notify("TOCEntry", (flowable.level, flowable.toc_text, self.page, key))
            for mark in getattr(flowable, "marks", ()):
                self.notify("IndexEntry", (mark, self.page))
            if getattr(flowable, "entry", None):
                self.notify("IndexEntry", (flowable.entry, self.page))
                self._drawn += 1
                if self._cancelled is not None and self._cancelled():
                    raise PrintCancelled("catalogue cancelled; no file was written")
                if self._progress is not None:
                    self._progress(self._drawn, self._total)

        def beforeDocument(self):
            self._drawn = 0
            self.current_section = ""

    return CatalogueDoc


def print_catalogue(archive: Archive, selection: Selection, job: CatalogueJob, out: Path, *,
                    progress: ProgressFn | None = None,
                    cancelled: Callable[[], bool] | None = None) -> CatalogueReport:
    """Build the catalogue of `selection` into `out`. Missing glyphs stop it before
    anything is written; missing photo files are reported and the entry says so."""
    from reportlab.platypus import Frame, PageTemplate

    started = time.perf_counter()
    if job.lang not in content_mod.LANGS:
        raise ExhibitError(f"unknown language '{job.lang}'; choose {', '.join(content_mod.LANGS)}")
    if job.paper not in ("a4", "letter", "a5"):
        raise ExhibitError(f"catalogue paper '{job.paper}' is not offered; choose a4, letter or a5")
    out = check_output(Path(out))
    register()
    job.author = job.author or archive.user
    if not (job.title_zh or job.title_en):
        job.title_zh = archive.setting("exhibition.title_zh") or "展览图录"
        job.title_en = archive.setting("exhibition.title_en") or "Exhibition catalogue"
    if not (job.publisher_zh or job.publisher_en):
        job.publisher_zh = archive.setting("museum.name_zh") or ""
        job.publisher_en = archive.setting("museum.name_en") or ""
    objects = select_objects(archive, selection if selection != Selection() else Selection(everything=True))
    groups = _groups(archive, selection, objects)
    sources, cited = _sources(archive, groups)
    cover, cover_warnings = cover_media(archive, job, groups) if job.photos else (None, [])
    named = _named(archive, groups)
    extra = [(services.get(archive, t, i).label(), _record_text(services.get(archive, t, i), ["name_zh", "name_en"]))
             for t, i in named]
    if cover is not None:
        extra.append(("the cover picture", cover.caption_zh + cover.caption_en + cover.creator + cover.rights))
    problems = _glyph_errors(groups, sources, job, extra)
    if problems:
        shown = "\n  ".join(problems[:10]) + (f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise ExhibitError(f"the catalogue cannot be printed; nothing was written:\n  {shown}")
    picture, aspect, notes = photo_of(archive, cover)
    cover_warnings += [LabelWarning("the cover", n) for n in notes]

    page_w, page_h = PAPER[job.paper]
    margin_x, margin_top, margin_bottom = mm(20), mm(22), mm(20)
    frame_w, frame_h = page_w - 2 * margin_x, page_h - margin_top - margin_bottom
    styles = _styles()
    builder = _Builder(archive, job, styles, frame_w, frame_h)
    builder.warnings += cover_warnings
    header_title = _both(job, job.title_zh, job.title_en, " · ")

    def cover_page(canvas, doc):
        draw_cover(canvas, job, picture, aspect, page_w, page_h, styles)

    def body_page(canvas, doc):
        from reportlab.platypus import Paragraph

        canvas.saveState()
        y = page_h - margin_top + mm(8)
        small = styles["small"].clone("running", fontSize=8, leading=10)
        left = Paragraph(_markup(header_title, "running"), small)
        right = Paragraph(_markup(doc.current_section, "running"), small.clone("running-r", alignment=2))
        for para, x in ((left, margin_x), (right, margin_x)):
            para.wrap(frame_w, mm(10))
            para.drawOn(canvas, x, y - 2)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(margin_x, y - mm(2), page_w - margin_x, y - mm(2))
        canvas.setFont(FONT, 9)
        canvas.setFillColor(GREY)
        canvas.drawCentredString(page_w / 2, margin_bottom - mm(10), str(doc.page))
        canvas.restoreState()

    with atomic_pdf(out) as tmp:
        doc_class = _doc_class()
        doc = doc_class(str(tmp), pagesize=(page_w, page_h), title=header_title, author=job.author,
                        subject=f"Catalogue: {selection.describe()}, {len(objects)} objects",
                        creator="Exhibit (reportlab)", initialFontName=FONT,
                        on_progress=progress, cancelled=cancelled)
        doc._total = len(objects)
        frame = Frame(margin_x, margin_bottom, frame_w, frame_h, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate("cover", [frame], onPage=cover_page),
                              PageTemplate("colophon", [frame]),  # the cover's back: no header, no number
                              PageTemplate("title", [frame]),
                              PageTemplate("body", [frame], onPageEnd=body_page)])
        story = (builder.cover() + builder.colophon(objects, cover if picture is not None else None)
                 + builder.title_page(len(objects), groups, selection) + builder.contents())
        for g in groups:
            story += builder.section(g, cited)
        story += builder.index(objects, groups)
        story += builder.bibliography(sources)
        passes = doc.multiBuild(story)
        pages = doc.page
    return CatalogueReport(out, len(objects), len([g for g in groups if g.section]), pages, passes,
                           builder.warnings, time.perf_counter() - started)
