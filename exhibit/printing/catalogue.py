"""The printed catalogue (reportlab platypus).

Cover; table of contents with page numbers; for each section an opening page
with its introduction and its panels' texts, then an entry per object (photo,
bilingual fields, description, inscription, numbered sources); an index of
accession numbers and names with page numbers; a bibliography of the sources
cited. Running headers name the exhibition and the section; every page but
the cover is numbered. Both languages, or one.

Page numbers come from reportlab's multi-pass build: the contents and the
index are `IndexingFlowable`s that ask for another pass until their page
numbers stop changing (usually two passes).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable

from exhibit import names, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.printing import content as content_mod
from exhibit.printing.checker import LabelWarning
from exhibit.printing.content import photo_of
from exhibit.printing.fonts import FONT, clean_text, describe_chars, missing_glyphs, register
from exhibit.printing.labels import PrintCancelled
from exhibit.printing.layout import PAPER, mm
from exhibit.printing.pdfwrite import atomic_pdf, check_output, escape
from exhibit.printing.select import Selection, object_section, select_objects
from exhibit.records import ArchiveObject, Panel, Section, Source

ProgressFn = Callable[[int, int], None]
INK = "#1a1a1a"
GREY = "#666666"
ACCENT = "#731f1a"
# A table sets its cells' font even when they hold paragraphs; the default Helvetica
# would be a font in the PDF that is not embedded.
_TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), FONT)

# The fields of an entry's table, in order; their names (the short, tombstone
# form) come from exhibit.names and their values' labels from the vocabularies.
ENTRY_FIELDS = ("date_text", "category", "material", "dimensions", "weight", "condition", "grade",
                "acquisition", "acquisition_date", "credit")


@dataclass
class CatalogueJob:
    lang: str = "both"
    paper: str = "a4"
    title_zh: str = ""
    title_en: str = ""
    author: str = ""
    photos: bool = True
    # Who publishes the catalogue (the colophon); from the archive's settings when not given.
    publisher_zh: str = ""
    publisher_en: str = ""


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
        return ParagraphStyle(name, fontName=FONT, fontSize=size, leading=lead or size * 1.4,
                              wordWrap="CJK", textColor=kw.pop("color", INK), **kw)

    return {
        "cover_title": st("cover_title", 30, 40, alignment=TA_CENTER, spaceAfter=10),
        "cover_sub": st("cover_sub", 16, 24, alignment=TA_CENTER, color=GREY, spaceAfter=6),
        "cover_small": st("cover_small", 10, 15, alignment=TA_CENTER, color=GREY),
        "h1": st("h1", 22, 30, spaceAfter=4, color=ACCENT),
        "h1en": st("h1en", 15, 21, spaceAfter=14, color=ACCENT),
        "h2": st("h2", 14, 20, spaceBefore=12, spaceAfter=4),
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
        "biblio": ParagraphStyle("biblio", fontName=FONT, fontSize=9, leading=13, leftIndent=18,
                                 firstLineIndent=-18, spaceAfter=4, wordWrap="CJK", textColor=INK),
    }


# ---------------------------------------------------------------- flowables that know their page

def _marker_classes():
    from reportlab.platypus import Paragraph
    from reportlab.platypus.tableofcontents import IndexingFlowable

    class Heading(Paragraph):
        """A paragraph that puts itself in the contents (and the PDF outline) when drawn."""

        def __init__(self, text: str, style, *, toc_text: str = "", level: int = 0,
                     key: str = "", section: str | None = None, entry: str | None = None):
            super().__init__(text, style)
            self.toc_text, self.level, self.key = toc_text, level, key
            self.section, self.entry = section, entry

    class PageIndex(IndexingFlowable):
        """The index: accession numbers and names with the page of each entry."""

        def __init__(self, rows: list[tuple[str, str, str]], styles: dict, heading: tuple[str, str, str]):
            super().__init__()
            self.rows, self.styles, self.heading = rows, styles, heading
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

        def _build(self):
            from reportlab.platypus import Paragraph, Table, TableStyle

            s = self.styles["index"]
            data = [[Paragraph(escape(h), self.styles["cell_label"]) for h in self.heading]]
            for key, first, second in self.rows:
                page = self._last.get(key, self._pages.get(key))
                data.append([Paragraph(escape(first), s), Paragraph(escape(second), s),
                             Paragraph(str(page) if page else "?", s)])
            table = Table(data, colWidths=[self._width * 0.3, self._width * 0.6, self._width * 0.1],
                          repeatRows=1)
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), _TABLE_FONT,
                                       ("LINEBELOW", (0, 0), (-1, 0), 0.5, GREY),
                                       ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                                       ("TOPPADDING", (0, 0), (-1, -1), 2)]))
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
        from exhibit.printing.select import find_section
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


def _glyph_errors(groups: list[_Group], sources: list[Source], job: CatalogueJob) -> list[str]:
    problems = []
    checks: list[tuple[str, str]] = [("the title", job.title_zh + job.title_en),
                                     ("the publisher", job.publisher_zh + job.publisher_en)]
    for g in groups:
        if g.section:
            checks.append((g.section.label(),
                           _record_text(g.section, ["title_zh", "title_en", "intro_zh", "intro_en"])))
        for p in g.panels:
            checks.append((p.label(), _record_text(p, ["title_zh", "title_en", "body_zh", "body_en"])))
        for o in g.objects:
            checks.append((o.label(), _record_text(o, [
                "accession", "name_zh", "name_en", "date_text", "dimensions", "weight", "acquisition_date",
                "credit_zh", "credit_en", "description_zh", "description_en", "inscription_zh", "inscription_en"])))
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


# ---------------------------------------------------------------- the story

class _Builder:
    def __init__(self, archive: Archive, job: CatalogueJob, styles: dict, width: float, height: float):
        self.archive, self.job, self.s = archive, job, styles
        self.width, self.height = width, height
        self.warnings: list[LabelWarning] = []
        self.Heading, self.PageIndex = _marker_classes()
        self._terms: dict[tuple[str, str], str] = {}

    def p(self, text: str, style: str):
        from reportlab.platypus import Paragraph

        return Paragraph(escape(clean_text(text)), self.s[style])

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

    def cover(self, count: int, groups: list[_Group], selection: Selection) -> list:
        from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

        job = self.job
        story = [Spacer(1, self.height * 0.28)]
        if job.lang != "en" and job.title_zh:
            story.append(self.p(job.title_zh, "cover_title"))
        if job.lang != "zh" and job.title_en:
            story.append(self.p(job.title_en, "cover_sub" if job.lang == "both" and job.title_zh else "cover_title"))
        story.append(Spacer(1, mm(12)))
        story.append(self.p(self.label("展览图录", "Exhibition catalogue"), "cover_sub"))
        story.append(Spacer(1, mm(40)))
        sections = len([g for g in groups if g.section])
        (sections_zh, sections_en), (objects_zh, objects_en) = self.type_name("section"), self.type_name("object")
        what = self.label(f"{sections} 个{sections_zh} · {count} 件{objects_zh}",
                          f"{sections} {sections_en} · {count} {objects_en}")
        story.append(self.p(what, "cover_small"))
        if not selection.whole():
            # A Chinese catalogue says what was chosen in Chinese (it printed "section s3-siege").
            chosen = ("选印：" + selection.describe_in("zh") if job.lang == "zh"
                      else self.label("选印", "Selection") + ": " + selection.describe())
            story.append(self.p(chosen, "cover_small"))
        story.append(self.p(self.label("印制日期", "Printed") + " " + date.today().isoformat(), "cover_small"))
        story += [NextPageTemplate("colophon"), PageBreak()]
        return story

    def colophon(self, objects: list[ArchiveObject]) -> list:
        """The cover's back: who published it, when, and, before any entry is read, that
        sample objects are invented and generated pictures are not historical photographs."""
        from reportlab.platypus import NextPageTemplate, PageBreak, Spacer

        job = self.job
        story: list = [Spacer(1, self.height * 0.45)]
        title = _both(job, job.title_zh, job.title_en, " · ")
        story.append(self.p(title, "h2"))
        publisher = _both(job, job.publisher_zh, job.publisher_en, " · ")
        if publisher:
            story.append(self.p(self.named_value("出版", "Published by", publisher), "small"))
        story.append(self.p(self.named_value("印制日期", "Printed", date.today().isoformat()), "small"))
        notice = self.sample_notice(objects)
        if notice is not None:
            story.append(Spacer(1, mm(6)))
            story += self.bilingual(*notice)
        return story + [NextPageTemplate("body"), PageBreak()]

    def sample_notice(self, objects: list[ArchiveObject]) -> tuple[str, str] | None:
        """What the colophon says when printed objects are sample records (exhibit.sample) or
        printed pictures are generated illustrations; None for a real collection's catalogue."""
        from exhibit import media_records

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
        return [self.Heading(escape(self.label("目录", "Contents")), self.s["h1"],
                             section=self.label("目录", "Contents")),
                toc, PageBreak()]

    def section(self, g: _Group, cited: dict) -> list:
        from reportlab.platypus import CondPageBreak, PageBreak, Spacer

        story: list = []
        if g.section is not None:
            s = g.section
            title = self.label(s.title_zh, s.title_en)
            if self.job.lang == "both" and s.title_zh and s.title_en:
                story.append(self.Heading(escape(s.title_zh), self.s["h1"],
                                          toc_text=escape(f"{s.title_zh}  {s.title_en}"),
                                          key=f"section-{s.id}", section=title))
                story.append(self.p(s.title_en, "h1en"))
            else:
                story.append(self.Heading(escape(title), self.s["h1"], toc_text=escape(title), key=f"section-{s.id}",
                                          section=title))
                story.append(Spacer(1, 8))
            story += self.bilingual(s.intro_zh, s.intro_en)
            story += self.sources_line(cited.get(("section", s.id)))
            for panel in g.panels:
                story.append(CondPageBreak(mm(40)))
                story.append(self.p(self.label(panel.title_zh, panel.title_en), "h2"))
                story += self.bilingual(panel.body_zh, panel.body_en)
                story += self.sources_line(cited.get(("panel", panel.id)))
        else:
            objects_zh, objects_en = self.type_name("object")
            title = self.label(f"其他{objects_zh}", f"Other {objects_en}")
            story.append(self.Heading(escape(title), self.s["h1"], toc_text=escape(title), key="section-other",
                                      section=title))
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
            from exhibit import media_records

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
            if fname == "credit":
                value = _both(self.job, obj.credit_zh, obj.credit_en, " / ")
            else:
                raw = getattr(obj, fname) or ""
                vocab_name = obj.VOCAB.get(fname)
                value = self.term(vocab_name, raw) if vocab_name and raw else raw
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
        story += self.bilingual(obj.description_zh, obj.description_en)
        if obj.inscription_zh or obj.inscription_en:
            story.append(self.p(self.field_name("inscription"), "cell_label"))
            story += self.bilingual(obj.inscription_zh, obj.inscription_en)
        story += self.sources_line(cited.get(("object", obj.id)))
        story.append(Spacer(1, mm(8)))
        return story

    def index(self, objects: list[ArchiveObject]) -> list:
        from reportlab.platypus import PageBreak

        title = self.label("索引", "Index")
        by_acc = sorted(objects, key=lambda o: o.accession)
        rows = [(f"object-{o.id}", o.accession, self.label(o.name_zh, o.name_en)) for o in by_acc]
        story = [self.Heading(escape(title), self.s["h1"], toc_text=escape(title), key="index", section=title),
                 self.p(self.label("按总登记号", "By accession number"), "h2"),
                 self.PageIndex(rows, self.s, (self.field_name("accession"),
                                               self.field_name("name"), self.label("页", "Page")))]
        by_name: list[tuple[str, str, str, str]] = []  # not `names`: that is the registry
        if self.job.lang != "en":
            from pypinyin import lazy_pinyin

            by_name += [(" ".join(lazy_pinyin(o.name_zh)), f"object-{o.id}", o.name_zh, o.accession)
                        for o in objects if o.name_zh]
        if self.job.lang != "zh":
            by_name += [(o.name_en.lower(), f"object-{o.id}", o.name_en, o.accession) for o in objects if o.name_en]
        if by_name:
            by_name.sort()
            story += [PageBreak(), self.p(self.label("按名称（中文按拼音）", "By name") if self.job.lang != "en"
                                          else "By name", "h2"),
                      self.PageIndex([(key, name, acc) for _, key, name, acc in by_name], self.s,
                                     (self.field_name("name"), self.field_name("accession"),
                                      self.label("页", "Page")))]
        return story + [PageBreak()]

    def bibliography(self, sources: list[Source]) -> list:
        if not sources:
            return []
        title = self.label("参考文献", "Bibliography")
        story: list = [self.Heading(escape(title), self.s["h1"], toc_text=escape(title), key="bibliography",
                                    section=title)]
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
                self.canv.addOutlineEntry(flowable.toc_text.replace("&amp;", "&").replace("&lt;", "<")
                                          .replace("&gt;", ">"), key, level=flowable.level)
                self.notify("TOCEntry", (flowable.level, flowable.toc_text, self.page, key))
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
    problems = _glyph_errors(groups, sources, job)
    if problems:
        shown = "\n  ".join(problems[:10]) + (f"\n  … and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise ExhibitError(f"the catalogue cannot be printed; nothing was written:\n  {shown}")

    page_w, page_h = PAPER[job.paper]
    margin_x, margin_top, margin_bottom = mm(20), mm(22), mm(20)
    frame_w, frame_h = page_w - 2 * margin_x, page_h - margin_top - margin_bottom
    styles = _styles()
    builder = _Builder(archive, job, styles, frame_w, frame_h)
    header_title = _both(job, job.title_zh, job.title_en, " · ")

    def cover_page(canvas, doc):
        canvas.saveState()
        canvas.setFillColor(ACCENT)
        canvas.rect(0, page_h - mm(30), page_w, mm(30), stroke=0, fill=1)
        canvas.rect(0, 0, page_w, mm(12), stroke=0, fill=1)
        canvas.restoreState()

    def body_page(canvas, doc):
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(GREY)
        y = page_h - margin_top + mm(8)
        canvas.drawString(margin_x, y, header_title)
        canvas.drawRightString(page_w - margin_x, y, doc.current_section)
        canvas.setStrokeColor(GREY)
        canvas.setLineWidth(0.4)
        canvas.line(margin_x, y - mm(2), page_w - margin_x, y - mm(2))
        canvas.setFont(FONT, 9)
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
                              PageTemplate("body", [frame], onPageEnd=body_page)])
        story = builder.cover(len(objects), groups, selection) + builder.colophon(objects) + builder.contents()
        for g in groups:
            story += builder.section(g, cited)
        story += builder.index(objects)
        story += builder.bibliography(sources)
        passes = doc.multiBuild(story)
        pages = doc.page
    return CatalogueReport(out, len(objects), len([g for g in groups if g.section]), pages, passes,
                           builder.warnings, time.perf_counter() - started)
