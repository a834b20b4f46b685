"""The printed wall panel: A3, A2 or A1, portrait or landscape, laid out on a grid.

What a panel shows, top to bottom:

- a band across the top, running into the bleed, in its section's colour
  (exhibit.palette: a fixed palette, by the section's place in the exhibition)
  with the section's name as visitors know it ("第三单元　四十七天 · Section 3
  The Forty-Seven Days"), never its internal code, and the exhibition's title
  on the right;
- the panel's title (bold) and subtitle (in the section's colour), Chinese
  first: each pair on one line when both fit, else the English under the Chinese;
- the text in columns: for each language its lead paragraph (a size larger),
  then the body. The English starts at the top of a column when that still
  fits, otherwise after a short rule in the same column;
- a pull quote, where the panel text holds one: a body paragraph that is only a
  quotation ("“…”" or "「…」", at most 80 characters or 40 words), optionally
  with a last line naming who said it ("——方先觉"). It stays where it is in
  the text and is set larger, in the section's colour, between rules. Text
  that is merely quoted inside a sentence is never lifted out (the sample
  quotes figures and names that way), and the kiosk shows the same paragraph
  as plain text, so nothing is marked up;
- up to four pictures along the bottom, right-aligned on the grid, each with
  its caption. The objects' pictures come first, in the panel's order (a panel
  speaks of the objects beside it, and a picture named by its object lets the
  visitor find it in the case), then the panel's own pictures (a map, a
  photograph the collection does not hold). A credit that every picture shares
  ("generated illustration, not a historical photograph", a creator and
  licence) is printed once under the row, not under each picture.

The grid: margins of 6 % of the short side; text columns two modules wide, as
many as keep a line of English near 36 characters at the row's target size
(2 on a portrait A3, A2 or A1, 3 on a landscape A2 or A1), two at least;
pictures one module wide (two where they fit); one gutter between columns,
modules, the header and the picture row.

Sizes come from the type table (typography.py: the panel rows for A3, A2 and
A1, read at 1–1.5 m). The body starts at the row's target and the whole text
shrinks together towards the row's floor; titles, captions and credits keep
their ratio to the body and never fall below their own floors (typography's
PANEL_SCALE adds the lead and the pull quote). The layout places as many
pictures as fit with the body at its target, or else up to two that fit with
the body above its floor (two pictures are worth smaller type, more are not),
and with both languages it prefers each language starting a column when that
costs at most SEPARATE_PT of body size. Text that does not fit without
pictures at the floor is a checker error naming the panel (`label_overflow`),
never a silent shrink or a silent cut (`--overflow truncate` ends it with "…"
and the checker says so).

This module plugs into the label pipeline (labels.py): `panel_content` is the
panel's `LabelContent`, `layout_panel` its plan and its one Fit (every
text it prints with its size, so the checker's floors and overflow apply), `draw_panel` draws it.
"""
from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from exhibit import media_records, names, palette, services
from exhibit.archive import Archive
from exhibit.printing import typography
from exhibit.printing.content import Block, LabelContent, photo_of
from exhibit.printing.fit import Fit, Placed, line_chars, text_width
from exhibit.printing.fonts import FONT, FONT_BOLD, LATIN, LATIN_BOLD, LATIN_ITALIC, clean_text, register
from exhibit.printing.layout import Box
from exhibit.printing.templates import Plan
from exhibit.printing.textlines import Lines
from exhibit.problems import Problem
from exhibit.records import ArchiveObject, Media, Panel, Section

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

MAX_IMAGES = 4
ESSENTIAL_IMAGES = 2         # pictures worth setting the body below its target for
SEPARATE_PT = 2.0            # body size worth giving up so that each language starts a column
INK = "#1a1a1a"
GREY = "#555555"
STEP = 0.5                    # body sizes are tried on a half-point grid
ELLIPSIS = "…"
# Text columns: as many as keep a line of English near this many characters at the row's
# target size, two at least (one for each language) and four at most.
MEASURE = 36
COLUMN_RANGE = (2, 4)
_SAMPLE_EN = ("The siege began at dawn on 23 June with a river crossing. Five days later came the first "
              "general assault, and on its first morning a Chinese mortar salvo badly wounded a general.")
# A picture's box is one module wide and at most this much of its width high, so a
# tall picture is narrower rather than taller than the row.
IMAGE_HEIGHT = 0.75
# A paragraph that is only a quotation, with an optional attribution on its last line.
_QUOTE = re.compile(r"^([“「『\"].*[”」』\"])(?:\s*\n\s*((?:——|—|–|--)\s*\S.*))?$", re.S)
_QUOTE_MAX = {"zh": 80, "en": 40}       # characters of Chinese, words of English
_CN_DIGITS = "零一二三四五六七八九"


# ---------------------------------------------------------------- what a panel says

@dataclass(frozen=True)
class Flow:
    """One paragraph of a panel's running text, in reading order."""
    kind: str        # "lead", "body", "quote" or "attribution"
    block: Block


@dataclass(frozen=True)
class PanelImage:
    path: Path
    aspect: float                  # width / height
    caption: tuple[Block, ...]     # the object's name, or the picture's caption (zh, en)
    credit: tuple[str, ...]        # what the picture is (a generated illustration), creator, rights


@dataclass
class PanelContent(LabelContent):
    """A panel's text, pictures and colour. `blocks` holds the titles and the running text
    and `footer` the band, captions and credits, so the checker reads every word."""
    colour: str = palette.NO_SECTION
    band: list[Block] = field(default_factory=list)        # the section's name (zh, en)
    band_right: list[Block] = field(default_factory=list)  # the exhibition's title
    titles: list[Block] = field(default_factory=list)      # title zh, en, subtitle zh, en
    flows: list[list[Flow]] = field(default_factory=list)  # one per language, Chinese first
    images: list[PanelImage] = field(default_factory=list)


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (section numbers)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")


def _want(lang: str, which: str) -> bool:
    return lang in ("both", which)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in clean_text(text).split("\n\n") if p.strip()]


def quotation(paragraph: str, lang: str) -> tuple[str, str] | None:
    """(quotation, attribution) when `paragraph` is only a short quotation, else None."""
    m = _QUOTE.match(paragraph.strip())
    if not m:
        return None
    quote, who = m.group(1), (m.group(2) or "").strip()
    size = len(quote.split()) if lang == "en" else len(quote)
    if size > _QUOTE_MAX[lang] or "\n" in quote:
        return None
    return quote, who


def _flow(panel: Panel, lang: str) -> list[Flow]:
    out: list[Flow] = []
    for para in _paragraphs(getattr(panel, f"lead_{lang}")):
        out.append(Flow("lead", Block("body", lang, para, f"lead_{lang}")))
    for para in _paragraphs(getattr(panel, f"body_{lang}")):
        found = quotation(para, lang)
        if found is None:
            out.append(Flow("body", Block("body", lang, para, f"body_{lang}")))
            continue
        quote, who = found
        out.append(Flow("quote", Block("subtitle", lang, quote, f"body_{lang}")))
        if who:
            out.append(Flow("attribution", Block("meta", "mixed" if lang == "zh" else "en", who, f"body_{lang}")))
    return out


def section_names(archive: Archive, section_id: int | None) -> tuple[int | None, Section | None]:
    """(index of the section in exhibition order, the section) for a panel's section_id."""
    if section_id is None:
        return None, None
    for i, s in enumerate(services.list_records(archive, Section)):
        if s.id == section_id:
            return i, s
    return None, None


def _section_band(section: Section | None, index: int | None, lang: str) -> list[Block]:
    if section is None or index is None:
        return []
    n = index + 1
    out = []
    if _want(lang, "zh"):
        zh = f"第{chinese_number(n)}{names.type_text('section', 'zh')}"
        out.append(Block("meta", "mixed", f"{zh}　{section.title_zh}".strip(), "section"))
    if _want(lang, "en"):
        en = f"{names.type_text('section', 'en')} {n}"
        out.append(Block("meta", "en", f"{en} · {section.title_en}" if section.title_en else en, "section"))
    return out


def _exhibition(archive: Archive, lang: str) -> list[Block]:
    zh = (archive.setting("exhibition.title_zh") or "").strip()
    en = (archive.setting("exhibition.title_en") or "").strip()
    text = "  ".join(t for t, code in ((zh, "zh"), (en, "en")) if t and _want(lang, code))
    return [Block("meta", "mixed", text, "exhibition title")] if text else []


def _picture_credit(media: Media, lang: str) -> list[str]:
    """The parts of a picture's credit: what it is (a generated illustration), who made it, its rights."""
    parts = []
    if media.is_illustration:
        parts.append({"zh": "生成的示意图，非历史照片", "en": "Generated illustration, not a historical photograph"}
                     .get(lang, "生成的示意图，非历史照片 · Generated illustration, not a historical photograph"))
    return parts + [t for t in (media.creator.strip(), media.rights.strip()) if t]


def _images(archive: Archive, panel: Panel, lang: str,
            statuses: tuple[str, ...]) -> tuple[list[PanelImage], list[Problem]]:
    """Up to four pictures (objects' first, then the panel's own) and notes on pictures whose
    files are missing."""
    found: list[tuple[Media, list[tuple[str, str, str]]]] = []
    seen: set[int] = set()
    notes: list[Problem] = []
    for obj in services.linked_records(archive, "panel", panel.saved_id, "object"):
        assert isinstance(obj, ArchiveObject)
        if obj.record_status not in statuses:
            continue
        media = media_records.primary_media(archive, "object", obj.saved_id)
        if media is not None and media.saved_id not in seen:
            seen.add(media.saved_id)
            found.append((media, [("zh", "name_zh", obj.name_zh), ("en", "name_en", obj.name_en)]))
    for media in media_records.media_for(archive, "panel", panel.saved_id):
        if media.saved_id not in seen:
            seen.add(media.saved_id)
            found.append((media, [("zh", "caption_zh", media.caption_zh), ("en", "caption_en", media.caption_en)]))
    images: list[PanelImage] = []
    for media, captions in found:
        if len(images) == MAX_IMAGES:
            break
        path, aspect, problems = photo_of(archive, media)
        if path is None:
            notes += problems                 # the checker passes them on; the next picture steps in
            continue
        caption = tuple(Block("meta", "mixed" if code == "zh" else "en", clean_text(text).strip(), name)
                        for code, name, text in captions if text.strip() and _want(lang, code))
        images.append(PanelImage(path, aspect, caption, tuple(_picture_credit(media, lang))))
    return images, notes


def credits(images: list[PanelImage]) -> tuple[list[Block], list[Block]]:
    """(each picture's own credit, the credit all share): what every picture's credit says is
    printed once, under the row of pictures."""
    shared = [part for part in images[0].credit if all(part in im.credit for im in images)] if images else []
    own = [" · ".join(p for p in im.credit if p not in shared) for im in images]
    return ([Block("small", "mixed", text, "picture credit") for text in own],
            [Block("small", "mixed", " · ".join(shared), "picture credit")] if shared else [])


def panel_content(archive: Archive, panel: Panel, *, lang: str = "both", photos: bool = True,
                  statuses: tuple[str, ...] = ("draft", "reviewed", "published")) -> PanelContent:
    """Everything a printed panel shows, in `lang` ("both", "zh" or "en"); pictures of
    objects whose record status is in `statuses`."""
    index, section = section_names(archive, panel.section_id)
    langs = [x for x in ("zh", "en") if _want(lang, x)]
    titles = [Block(role, x, clean_text(getattr(panel, f"{name}_{x}")).strip(), f"{name}_{x}")
              for role, name in (("title", "title"), ("subtitle", "subtitle")) for x in langs
              if getattr(panel, f"{name}_{x}").strip()]
    flows = [f for f in (_flow(panel, x) for x in langs) if f]
    images, missing = _images(archive, panel, lang, statuses) if photos else ([], [])
    band = _section_band(section, index, lang)
    right = _exhibition(archive, lang)
    own, shared = credits(images)
    footer = band + right + [b for im in images for b in im.caption] + [b for b in own if b.text] + shared
    content = PanelContent(
        "panel", panel.label(), titles + [f.block for flow in flows for f in flow], footer=footer,
        colour=palette.section_colour(index), band=band, band_right=right, titles=titles, flows=flows,
        images=images)
    content.notes += missing
    return content


# ---------------------------------------------------------------- type

@lru_cache(maxsize=512)
def _style(face: str, size: float, leading: float, colour: str, cjk: bool) -> ParagraphStyle:
    from reportlab.lib.colors import HexColor
    from reportlab.lib.styles import ParagraphStyle

    register()
    return ParagraphStyle(f"panel-{face}-{size}-{leading}-{colour}", fontName=face, fontSize=size,
                          leading=leading, wordWrap="CJK" if cjk else None, textColor=HexColor(colour))


def _face(kind: str, block: Block) -> str:
    latin = block.lang == "en"
    if block.role == "title" or (kind == "band" and block.field == "section" and not latin):
        return LATIN_BOLD if latin else FONT_BOLD
    if kind == "quote":
        return LATIN_ITALIC if latin else FONT
    return LATIN if latin else FONT


@dataclass(frozen=True)
class Sizes:
    """Every size on a panel for one body size (pt)."""
    body: float
    lead: float
    title: float
    subtitle: float
    quote: float
    caption: float
    credit: float
    band: float          # the section's name in the band


def sizes(kind: typography.TemplateType, body: float) -> Sizes:
    scale = typography.PANEL_SCALE
    return Sizes(body, body * scale["lead"], typography.role_size(kind, "title", body),
                 typography.role_size(kind, "subtitle", body),
                 max(body * scale["quote"], kind.floor("subtitle")),
                 typography.role_size(kind, "meta", body), typography.role_size(kind, "small", body),
                 max(typography.role_size(kind, "meta", body), body * scale["band"]))


def _lines(block: Block, kind: str, size: float, width: float, colour: str = INK, leading: float = 0.0) -> Lines:
    lead = leading or typography.leading(block.role if kind != "lead" else "body", size, block.lang)
    lines = Lines(block.text, _style(_face(kind, block), size, lead, colour, block.lang != "en"))
    lines.wrap(width, 1e6)
    return lines


def _slice(lines: Lines, first: int, last: int) -> Lines:
    """Lines first..last-1 of a wrapped paragraph, drawn where they are put: a paragraph
    that runs on into the next column is the same wrapped text cut between two lines."""
    part = copy.copy(lines)
    part.spans = lines.spans[first:last]        # what drawOn draws, line by line
    part.height = (last - first) * lines.style.leading
    return part


# ---------------------------------------------------------------- the layout

@dataclass
class Drawn:
    """A wrapped text put at (x, top) in the panel's own coordinates (origin bottom left)."""
    lines: Lines
    x: float
    top: float
    block: Block
    size: float


@dataclass
class PicturePlaced:
    image: PanelImage
    box: Box                       # the picture itself
    captions: list[Drawn]


@dataclass
class PanelPlan(Plan):
    """A panel's layout in its own coordinates; `box` says where it goes on the page.
    `column_boxes` are the text columns; `text` is one box as tall as all of them, which the
    checker sets the panel's one Fit against."""
    colour: str = palette.NO_SECTION
    column_boxes: list[Box] = field(default_factory=list)
    band_text: list[Drawn] = field(default_factory=list)
    header: list[Drawn] = field(default_factory=list)
    body: list[Drawn] = field(default_factory=list)
    rules: list[tuple[float, float, float]] = field(default_factory=list)   # x, y, width
    pictures: list[PicturePlaced] = field(default_factory=list)
    credit: list[Drawn] = field(default_factory=list)
    sizes: Sizes | None = None


@dataclass
class _Grid:
    w: float
    h: float
    margin: float
    gutter: float
    columns: int

    @property
    def text_w(self) -> float:
        return self.w - 2 * self.margin

    @property
    def modules(self) -> int:
        return 2 * self.columns

    @property
    def module_w(self) -> float:
        return (self.text_w - (self.modules - 1) * self.gutter) / self.modules

    @property
    def column_w(self) -> float:
        return 2 * self.module_w + self.gutter

    def column_x(self, i: int) -> float:
        return self.margin + i * (self.column_w + self.gutter)

    def module_x(self, i: int) -> float:
        return self.margin + i * (self.module_w + self.gutter)


@lru_cache(maxsize=1)
def _latin_char_width() -> float:
    """The average advance of the Latin face at 1 pt, over running English text."""
    return text_width(Block("body", "en", _SAMPLE_EN)) / len(_SAMPLE_EN)


def grid(kind: typography.TemplateType, w: float, h: float) -> _Grid:
    """Margins of 6 % of the short side, gutters a little over half a margin, and as many
    text columns as keep English lines near MEASURE characters at the row's target size."""
    short = min(w, h)
    margin = short * 0.06
    gutter = margin * 0.55
    column = MEASURE * _latin_char_width() * kind.target_pt
    lo, hi = COLUMN_RANGE
    columns = max(lo, min(hi, round((w - 2 * margin + gutter) / (column + gutter))))
    return _Grid(w, h, margin, gutter, columns)


def _band_height(s: Sizes, g: _Grid) -> float:
    return max(g.margin * 1.1, s.band * 2.4)


def _band_text(content: PanelContent, s: Sizes, g: _Grid) -> list[Drawn]:
    """The section's name on the left of the band, the exhibition's title on the right."""
    band_h = _band_height(s, g)
    out: list[Drawn] = []
    x = g.margin
    right_w = 0.0
    if content.band_right:
        block = content.band_right[0]
        lines = _lines(block, "band", s.caption, g.text_w / 2, "#ffffff", s.caption * 1.2)
        if len(lines.spans) == 1:
            right_w = g.text_w / 2 - lines.spans[0][0]
            out.append(Drawn(lines, g.w - g.margin - right_w, g.h - (band_h - lines.height) / 2, block,
                             s.caption))
    for block in content.band:
        avail = g.text_w - right_w - g.gutter - (x - g.margin)
        lines = _lines(block, "band", s.band, avail, "#ffffff", s.band * 1.2)
        if len(lines.spans) != 1:
            break                     # no room on the line: the section's name in the first language only
        out.append(Drawn(lines, x, g.h - (band_h - lines.height) / 2, block, s.band))
        x += avail - lines.spans[0][0] + s.band * 1.2
    return out


def _pairs(blocks: list[Block], role: str) -> list[Block]:
    return [b for b in blocks if b.role == role]


def _header(content: PanelContent, s: Sizes, g: _Grid, top: float) -> tuple[list[Drawn], float]:
    """Title and subtitle, Chinese first; a pair shares a line when both fit on it.
    Returns the drawn lines and the y of the header's bottom."""
    out: list[Drawn] = []
    y = top
    for role, size, colour in (("title", s.title, INK), ("subtitle", s.subtitle, content.colour)):
        pair = _pairs(content.titles, role)
        if not pair:
            continue
        lead = size * typography.TITLE_LEADING
        wrapped = [_lines(b, role, size, g.text_w, colour, lead) for b in pair]
        widths = [g.text_w - lines.spans[0][0] if len(lines.spans) == 1 else g.text_w for lines in wrapped]
        sep = size * 0.8
        if len(pair) == 2 and all(len(w.spans) == 1 for w in wrapped) and sum(widths) + sep <= g.text_w:
            out.append(Drawn(wrapped[0], g.margin, y, pair[0], size))
            out.append(Drawn(wrapped[1], g.margin + widths[0] + sep, y, pair[1], size))
            y -= wrapped[0].height
        else:
            for block, lines in zip(pair, wrapped):
                out.append(Drawn(lines, g.margin, y, block, size))
                y -= lines.height
        y -= size * 0.25
    return out, y


@dataclass
class _Item:
    flow: Flow
    lines: Lines
    size: float
    space_before: float
    starts_language: bool


def _items(content: PanelContent, s: Sizes, width: float) -> list[_Item]:
    out: list[_Item] = []
    for n, flow in enumerate(content.flows):
        for i, f in enumerate(flow):
            kind = f.kind
            size = {"lead": s.lead, "body": s.body, "quote": s.quote, "attribution": s.caption}[kind]
            colour = content.colour if kind in ("quote", "attribution") else INK
            lines = _lines(f.block, kind, size, width, colour)
            before = 0.0
            if i:
                prev = flow[i - 1].kind
                before = (s.body * 0.3 if kind == "attribution" else
                          s.body * 1.0 if kind == "quote" or prev in ("quote", "attribution", "lead") else
                          s.body * 0.6)
            elif n:
                before = s.body * 2.0       # the next language: after a rule, when it shares a column
            out.append(_Item(f, lines, size, before, i == 0 and n > 0))
    return out


@dataclass
class _Flowed:
    drawn: list[list[Drawn]]       # per column
    rules: list[tuple[float, float, float]]
    left: float                    # height still needed (0 when everything fitted)
    used: list[float]              # height used in each column


def _flow_columns(items: list[_Item], cols: list[Box], *, new_column_for_language: bool) -> _Flowed:
    """Pour the paragraphs into the columns, cutting a paragraph between lines (never
    leaving one line of a paragraph of four or more alone) and never cutting a lead,
    a quotation or a paragraph of three lines or fewer."""
    drawn: list[list[Drawn]] = [[] for _ in cols]
    rules: list[tuple[float, float, float]] = []
    c = 0
    y = cols[0].y + cols[0].h if cols else 0.0
    left = 0.0
    for n, item in enumerate(items):
        if c >= len(cols):
            left += item.lines.height + item.space_before
            continue
        if item.starts_language and drawn[c] and new_column_for_language and c + 1 < len(cols):
            c += 1
            y = cols[c].y + cols[c].h
        lead = item.lines.style.leading
        total = len(item.lines.spans)
        first = 0
        while first < total:
            if c >= len(cols):
                left += (total - first) * lead
                break
            col = cols[c]
            gap = item.space_before if drawn[c] and first == 0 else 0.0
            room = y - gap - col.y
            fit = int((room + 1e-6) // lead)
            rest = total - first
            if fit >= rest:
                take = rest
            elif item.flow.kind != "body" or total <= 3:
                take = 0
            else:
                take = min(fit, rest - 2)
                take = take if take >= 2 else 0
            if take == 0:
                c += 1
                if c < len(cols):
                    y = cols[c].y + cols[c].h
                continue
            if item.starts_language and first == 0 and drawn[c]:
                rules.append((col.x, y - gap / 2, min(col.w, item.size * 4)))
            if item.flow.kind == "quote" and first == 0:
                rules.append((col.x, y - gap / 2, col.w))
            part = item.lines if take == total else _slice(item.lines, first, first + take)
            drawn[c].append(Drawn(part, col.x, y - gap, item.flow.block, item.size))
            y -= gap + part.height
            if item.flow.kind == "quote" and first + take == total and not (
                    n + 1 < len(items) and items[n + 1].flow.kind == "attribution"):
                rules.append((col.x, y - item.size * 0.3, col.w))
            if item.flow.kind == "attribution":
                rules.append((col.x, y - item.size * 0.4, col.w))
            first += take
    used = [(cols[i].y + cols[i].h - min((d.top - d.lines.height for d in col_drawn), default=cols[i].y + cols[i].h))
            for i, col_drawn in enumerate(drawn)]
    return _Flowed(drawn, rules, left, used)


def _picture_row(content: PanelContent, n: int, s: Sizes, g: _Grid, span: int = 1,
                 left: bool = False) -> tuple[list[PicturePlaced], list[Drawn], float]:
    """The first `n` pictures, `span` modules each, along the bottom margin at the right (or
    the left), their captions under them and the credit they share under the row. Returns
    the row's height."""
    if n == 0:
        return [], [], 0.0
    images = content.images[:n]
    own, shared = credits(images)
    box_w = span * g.module_w + (span - 1) * g.gutter
    box_h = box_w * IMAGE_HEIGHT
    captions: list[list[Drawn]] = []
    cap_h = 0.0
    for image, credit_block in zip(images, own):
        y = 0.0
        drawn = []
        for block in image.caption + ((credit_block,) if credit_block.text else ()):
            size = s.caption if block.role == "meta" else s.credit
            lines = _lines(block, "caption", size, box_w, INK if block.role == "meta" else GREY)
            drawn.append(Drawn(lines, 0.0, -y, block, size))
            y += lines.height + size * 0.15
        captions.append(drawn)
        cap_h = max(cap_h, y)
    width = n * box_w + (n - 1) * g.gutter
    row_x = g.margin if left else g.w - g.margin - width
    credit = [Drawn(_lines(block, "caption", s.credit, width, GREY), row_x, 0.0, block, s.credit)
              for block in shared]
    credit_h = sum(d.lines.height for d in credit) + (s.credit * 0.4 if credit else 0.0)
    y = g.margin + credit_h - s.credit * 0.4 * bool(credit)
    for d in credit:
        d.top = y
        y -= d.lines.height
    gap = s.caption * 0.4
    row_h = box_h + gap + cap_h + credit_h
    top = g.margin + row_h
    placed = []
    for i, (image, drawn) in enumerate(zip(images, captions)):
        x = g.module_x(i * span if left else g.modules - (n - i) * span)
        w, h = box_w, box_w / image.aspect
        if h > box_h:
            h, w = box_h, box_h * image.aspect
        pic = Box(x, top - box_h, w, h)            # sits on the caption line: captions align across the row
        for d in drawn:
            d.x = x
            d.top += top - box_h - gap
        placed.append(PicturePlaced(image, pic, drawn))
    return placed, credit, row_h


def _columns(g: _Grid, top: float, modules: int, row_h: float, left: bool = False) -> list[Box]:
    """The text columns from `top` down to the bottom margin, or to the picture row over
    the columns it reaches into."""
    first_module = 0 if left else g.modules - modules
    out = []
    for i in range(g.columns):
        bottom = g.margin
        under = 2 * i < modules if left else 2 * i + 1 >= first_module
        if modules and under:
            bottom = g.margin + row_h + g.gutter
        out.append(Box(g.column_x(i), bottom, g.column_w, max(0.0, top - bottom)))
    return out


@dataclass
class _Attempt:
    plan: PanelPlan
    flowed: _Flowed
    columns: list[Box]


def _attempt(content: PanelContent, box: Box, kind: typography.TemplateType, body: float,
             n_pictures: int, *, separate: bool | None = None, span: int = 1, left: bool = False) -> _Attempt:
    """The panel laid out at one body size with `n_pictures`. `separate`: True, each language
    starts at the top of a column (or the text does not fit); None, it does where that fits."""
    g = grid(kind, box.w, box.h)
    s = sizes(kind, body)
    band_h = _band_height(s, g)
    header, bottom = _header(content, s, g, g.h - band_h - g.margin * 0.8)
    span = span if n_pictures * span <= g.modules else 1
    pictures, credit, row_h = _picture_row(content, n_pictures, s, g, span, left)
    top = bottom - g.gutter * 0.8
    columns = _columns(g, top, n_pictures * span, row_h, left)
    items = _items(content, s, g.column_w)
    flowed = _flow_columns(items, columns, new_column_for_language=True)
    if flowed.left and not separate:
        flowed = _flow_columns(items, columns, new_column_for_language=False)
    # The checker sets the one Fit against one text box: the columns, end to end.
    text = [Box(g.margin, g.margin, g.column_w, sum(c.h for c in columns))]
    plan = PanelPlan(box=box, pad=g.margin, band=band_h, text=text, columns=[[]], kind=kind, column_boxes=columns,
                     colour=content.colour, band_text=_band_text(content, s, g), header=header,
                     body=[d for col in flowed.drawn for d in col], rules=flowed.rules, pictures=pictures,
                     credit=credit, sizes=s)
    return _Attempt(plan, flowed, columns)


def _steps(kind: typography.TemplateType) -> list[float]:
    top = min(kind.target_pt, kind.max_pt)
    n = int(round((top - kind.min_pt) / STEP))
    return [kind.min_pt + i * STEP for i in range(n + 1)]


def _largest(content: PanelContent, box: Box, kind: typography.TemplateType, n: int,
             separate: bool | None = None, left: bool = False) -> _Attempt | None:
    """The attempt at the largest body size (on the half-point grid, target down to the floor)
    at which everything fits with `n` pictures; None when it does not fit even at the floor.
    Larger type never fits where smaller did not, so a bisection finds it."""
    steps = _steps(kind)
    low = _attempt(content, box, kind, steps[0], n, separate=separate, left=left)
    if low.flowed.left:
        return None
    lo, hi = 0, len(steps) - 1
    best = low
    while lo < hi:
        mid = (lo + hi + 1) // 2
        trial = _attempt(content, box, kind, steps[mid], n, separate=separate, left=left)
        if trial.flowed.left:
            hi = mid - 1
        else:
            lo, best = mid, trial
    return best


def _body(a: _Attempt | None) -> float:
    return a.plan.sizes.body if a is not None and a.plan.sizes is not None else 0.0


def _best(content: PanelContent, box: Box, kind: typography.TemplateType, n: int) -> _Attempt | None:
    """The largest type with `n` pictures, the row at the right or (where that gives larger
    type, as under a short Chinese column) at the left; with both languages, each starting
    at the top of a column when that costs no more than SEPARATE_PT of body size (a reader
    of either finds its start at a glance). Then the pictures twice as wide, where they fit."""
    found: list[tuple[_Attempt, bool | None, bool]] = []
    for left in ((False, True) if n else (False,)):
        chosen = _largest(content, box, kind, n, left=left)
        separate: bool | None = None
        if chosen is not None and len(content.flows) > 1:
            apart = _largest(content, box, kind, n, separate=True, left=left)
            if apart is not None and _body(apart) >= _body(chosen) - SEPARATE_PT:
                chosen, separate = apart, True
        if chosen is not None:
            found.append((chosen, separate, left))
    if not found:
        return None
    chosen, separate, left = max(found, key=lambda f: (_body(f[0]), f[1] is True, not f[2]))
    if not n:
        return chosen
    wide = _attempt(content, box, kind, _body(chosen), n, separate=separate, span=2, left=left)
    return chosen if wide.flowed.left or len(wide.plan.pictures) != n else wide


def _checked(content: PanelContent, a: _Attempt) -> None:
    """The checker reads `footer`: make it the band and the captions and credits of the
    pictures that are placed, so a picture left out is not checked for what it does not print."""
    placed = [p.image for p in a.plan.pictures]
    own, shared = credits(placed)
    content.footer = content.band + content.band_right + [b for im in placed for b in im.caption] + \
        [b for b in own if b.text] + shared


def _fits(content: PanelContent, a: _Attempt, kind: typography.TemplateType, *, truncated: list[str]) -> list[Fit]:
    """The panel's one Fit: everything it prints (band, titles, running text, captions and
    credits, so every size meets its floor), at which body size, and whether it all fitted.
    Its height is the column height the text needs, set against the plan's one text box, the
    columns' heights added up, so an overflow says how much is missing in all."""
    _checked(content, a)
    plan = a.plan
    s = plan.sizes
    assert s is not None
    drawn = plan.band_text + plan.header + plan.body + plan.credit + [d for p in plan.pictures for d in p.captions]
    placed = [Placed(d.block, d.lines, d.lines.height, 0.0, d.size) for d in drawn]
    needed = sum(a.flowed.used) + a.flowed.left
    width = a.columns[0].w if a.columns else 0.0
    return [Fit(s.body, not a.flowed.left, needed, placed, truncated,
                line_chars([d.block for d in plan.body], width, s.body) if width else None)]


def layout_panel(content: LabelContent, box: Box, kind: typography.TemplateType, *,
                 overflow: str = "error") -> tuple[PanelPlan, list[Fit]]:
    """Plan and fit a panel: the most pictures (up to four) that fit with the body at its
    target, else the most that fit with the body at or above its floor, at the largest
    body size that then fits. Nothing fitting even without pictures at the floor is
    an overflow (the checker's error), or with overflow="truncate" the text is cut."""
    assert isinstance(content, PanelContent)
    available = len(content.images)
    # More than two pictures only where the type stays at its target; two (a panel needs
    # something to look at) are worth smaller type, down to the floor.
    for n in range(available, ESSENTIAL_IMAGES, -1):
        best = _best(content, box, kind, n)
        if best is not None and best.plan.sizes is not None and best.plan.sizes.body >= kind.target_pt:
            return best.plan, _fits(content, best, kind, truncated=[])
    for n in range(min(available, ESSENTIAL_IMAGES), -1, -1):
        best = _best(content, box, kind, n)
        if best is not None:
            return best.plan, _fits(content, best, kind, truncated=[])
    at_floor = _attempt(content, box, kind, kind.min_pt, 0)
    if overflow != "truncate":
        return at_floor.plan, _fits(content, at_floor, kind, truncated=[])
    return _truncate(content, box, kind)


def _truncate(content: PanelContent, box: Box, kind: typography.TemplateType) -> tuple[PanelPlan, list[Fit]]:
    """At the floor without pictures, the running text cut where the columns are full and
    ended with "…" (only when asked for): the last language's paragraphs are dropped from
    the end, and the last one kept is cut to the longest prefix that fits, with "…"."""
    flows = [list(f) for f in content.flows]
    cut: list[str] = []

    def trial(keep: list[list[Flow]]) -> _Attempt:
        return _attempt(_with_flows(content, keep), box, kind, kind.min_pt, 0)

    while True:
        a = trial(flows)
        if not a.flowed.left or not any(flows):
            return a.plan, _fits(content, a, kind, truncated=cut)
        lang_i = max(i for i, f in enumerate(flows) if f)
        flow = flows[lang_i]
        last = flow[-1]
        if last.block.field not in cut:
            cut.append(last.block.field)
        text = last.block.text.rstrip(ELLIPSIS)
        lo, hi = 0, len(text) - 1       # the longest prefix that fits, shorter than the whole
        while lo < hi:
            mid = (lo + hi + 1) // 2
            shorter = flow[:-1] + [Flow(last.kind, _cut_block(last.block, text[:mid]))]
            if trial(flows[:lang_i] + [shorter] + flows[lang_i + 1:]).flowed.left:
                hi = mid - 1
            else:
                lo = mid
        if lo > 0 and text[:lo].strip():
            flows[lang_i] = flow[:-1] + [Flow(last.kind, _cut_block(last.block, text[:lo]))]
        elif len(flow) > 1:
            # Nothing of it fits: it goes, and the paragraph before it ends with "…" instead.
            before = flow[-2]
            flows[lang_i] = flow[:-2] + [Flow(before.kind, _cut_block(before.block, before.block.text))]
        else:
            flows[lang_i] = []


def _cut_block(block: Block, text: str) -> Block:
    return Block(block.role, block.lang, text.rstrip().rstrip(ELLIPSIS).rstrip() + ELLIPSIS, block.field)


def _with_flows(content: PanelContent, flows: list[list[Flow]]) -> PanelContent:
    return replace(content, flows=flows)


# ---------------------------------------------------------------- drawing

def draw_panel(canvas: Canvas, content: LabelContent, p: Plan, fits: list[Fit], bleed: float = 0.0) -> None:
    """Draw a planned panel; `p.box` is where its trim box lies on the page."""
    assert isinstance(p, PanelPlan)
    box = p.box
    canvas.saveState()
    canvas.translate(box.x, box.y)
    # The band runs into the bleed on three sides, so a trimmed panel has no white sliver.
    canvas.setFillColorRGB(*palette.rgb(p.colour))
    canvas.rect(-bleed, box.h - p.band, box.w + 2 * bleed, p.band + bleed, stroke=0, fill=1)
    for d in p.band_text + p.header + p.body + p.credit:
        d.lines.drawOn(canvas, d.x, d.top - d.lines.height)
    canvas.setStrokeColorRGB(*palette.rgb(p.colour))
    canvas.setLineWidth(max(0.75, (p.sizes.body if p.sizes else 24) / 16))
    for x, y, w in p.rules:
        canvas.line(x, y, x + w, y)
    for pic in p.pictures:
        canvas.drawImage(str(pic.image.path), pic.box.x, pic.box.y, pic.box.w, pic.box.h)
        for d in pic.captions:
            d.lines.drawOn(canvas, d.x, d.top - d.lines.height)
    canvas.restoreState()


def text_boxes(p: PanelPlan) -> list[Box]:
    """Where text is drawn, in the panel's own coordinates (for tests and previews)."""
    drawn = p.band_text + p.header + p.body + p.credit + [d for pic in p.pictures for d in pic.captions]
    return [Box(d.x, d.top - d.lines.height, d.lines.width - (min((s[0] for s in d.lines.spans), default=0.0)),
                d.lines.height) for d in drawn]


