"""The label templates: each divides a label's trim box, fits its text and draws it.

A template is an object with `plan(content, box, kind, photo_share)` and
`draw(canvas, content, plan, fits, bleed)`, named in `TEMPLATES`. The object
label, the photo caption and (until a panel template of its own takes its
place beside them) the panel text share `CardTemplate`: an accent band,
the text column(s), an optional photo, and a footer with the credit line and
the QR code. `layout_label()` plans and fits any template's label; the checker
calls the same functions, so what it reports is what prints.

The type comes from the table in typography.py (`template_type`): the
template, and where the label is read (a card one to a page, a label cut
from a sheet, a panel's sheet size).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from exhibit.printing import typography
from exhibit.printing.content import Block, LabelContent
from exhibit.printing.fit import Fit, Placed, fit, line_chars, measure, paragraph, truncate
from exhibit.printing.layout import Box, mm
from exhibit.printing.qr import draw_qr

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

ACCENT = (0.45, 0.12, 0.10)     # the exhibition's dark red, for the band along the top
RULE = (0.55, 0.55, 0.55)
# The margin round a card's text, as a share of its short side: 7.4 mm on A5, 5.3 mm on A6.
# A card stands in a holder or is mounted flush, so a designer's 5 % is room enough, and
# every millimetre given to the text column is a character more on each 22 pt line.
MARGIN = 0.05


@dataclass
class Plan:
    box: Box
    pad: float
    band: float                   # height of the accent band at the top
    text: list[Box]               # one box, or two columns (panel: zh | en)
    columns: list[list[Block]]    # the blocks each text box holds
    kind: typography.TemplateType
    photo: Box | None = None
    qr: Box | None = None
    footer: Box | None = None     # small print beside the QR
    footer_pt: float = 8.0
    target_pt: float | None = None  # body size to aim for (bigger labels read from further away)
    footer_placed: list[Placed] = field(default_factory=list)  # the footer's wrapped paragraphs


class Template(Protocol):
    def plan(self, content: LabelContent, box: Box, kind: typography.TemplateType,
             photo_share: float = 1.0, columns: int = 0) -> Plan: ...

    def draw(self, canvas: Canvas, content: LabelContent, p: Plan, fits: list[Fit], bleed: float = 0.0) -> None: ...


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


def _photo_rect(area: Box, aspect: float) -> Box:
    """The largest rectangle of the photo's aspect in `area`, centred."""
    w, h = area.w, area.w / aspect
    if h > area.h:
        h, w = area.h, area.h * aspect
    return Box(area.x + (area.w - w) / 2, area.y + (area.h - h) / 2, w, h)


def _target(blocks: list[Block], width: float, kind: typography.TemplateType) -> float:
    """The template's target size, raised (up to its maximum) on wide labels so that
    English lines stay near the good length instead of growing ever longer."""
    per_pt = line_chars(blocks, width, 1.0)
    if per_pt is None:
        return kind.target_pt
    best = per_pt / sum(kind.line_chars_en) * 2
    return max(kind.target_pt, min(kind.max_pt, best))


def _too_long(blocks: list[Block], width: float, size: float, kind: typography.TemplateType) -> bool:
    """Chinese and English side by side when one column would make English lines too long."""
    if not any(b.lang == "en" for b in blocks) or not any(b.lang == "zh" for b in blocks):
        return False
    chars = line_chars(blocks, width, size)
    return chars is not None and chars > kind.line_chars_max_en


class CardTemplate:
    """Band, text, optional photo, footer (credit and QR): object labels, captions, panel text."""

    def plan(self, content: LabelContent, box: Box, kind: typography.TemplateType,
             photo_share: float = 1.0, columns: int = 0) -> Plan:
        """Divide the label; `photo_share` < 1 gives the photo less room so more text fits;
        `columns` 1 or 2 sets the text in one column or Chinese | English (0: by line length)."""
        short = min(box.w, box.h)
        panel = content.template == "panel"
        pad = _clamp(short * MARGIN, mm(4), mm(25))
        band = _clamp(short * 0.05, mm(8), mm(30)) if panel else _clamp(short * 0.02, mm(1.5), mm(8))
        inner = Box(box.x + pad, box.y + pad, box.w - 2 * pad, box.h - 2 * pad - band)
        # The footer (credit, rights) is set at its role's floor: the smallest legible size.
        footer_pt = typography.role_size(kind, "small", kind.min_pt)
        gap = pad * 0.5

        # Footer: small print on the left, the QR code on the right.
        qr = None
        footer_h = 0.0
        footer_placed: list[Placed] = []
        qr_size = 0.0
        if content.qr_url:
            # 13 % of the short side, never under 16 mm: 19 mm on an A5 card, 17 mm on a half-A4
            # label; an object's address is a 29-module code, so modules of 0.6 mm or more, which a
            # phone reads from a hand's length. Larger only takes the text's room.
            qr_size = min(_clamp(short * 0.13, mm(16), mm(32)), inner.w / 3)
        footer_w = inner.w - (qr_size + gap if qr_size else 0)
        if content.footer and not panel:
            footer_h, footer_placed = measure(content.footer, footer_w, kind.min_pt, kind)
        footer_h = max(footer_h, qr_size)
        if qr_size:
            qr = Box(inner.x + inner.w - qr_size, inner.y, qr_size, qr_size)
        footer = Box(inner.x, inner.y, footer_w, footer_h) if content.footer and not panel else None
        lift = footer_h + gap * 1.5 if footer_h else 0.0
        body = Box(inner.x, inner.y + lift, inner.w, inner.h - lift)

        photo = None
        if content.photo is not None:
            if box.w >= 1.2 * box.h:       # landscape: photo in a column on the left
                share = (0.5 if content.template == "caption" else 0.4) * photo_share
                area = Box(body.x, body.y, body.w * share, body.h)
                photo = _photo_rect(area, content.photo_aspect)
                photo = Box(photo.x, area.y + area.h - photo.h, photo.w, photo.h)   # top-aligned
                body = Box(body.x + area.w + gap, body.y, body.w - area.w - gap, body.h)
            else:                          # portrait: photo across the top
                share = (0.55 if content.template == "caption" else 0.33) * photo_share
                area = Box(body.x, body.y + body.h - body.h * share, body.w, body.h * share)
                photo = _photo_rect(area, content.photo_aspect)
                photo = Box(photo.x, area.y + area.h - photo.h, photo.w, photo.h)   # top-aligned
                body = Box(body.x, body.y, body.w, body.h - photo.h - gap)

        blocks = content.blocks
        target = _target(blocks, body.w, kind)
        bilingual = any(b.lang == "en" for b in blocks) and any(b.lang == "zh" for b in blocks)
        if bilingual and (columns == 2 or (columns == 0 and _too_long(blocks, body.w, target, kind))):
            # Too wide for one column of English: Chinese and English side by side.
            col_w = (body.w - 2 * gap) / 2
            zh = [b for b in blocks if b.lang != "en"]
            en = [b for b in blocks if b.lang == "en"]
            return Plan(box, pad, band, [Box(body.x, body.y, col_w, body.h),
                                         Box(body.x + col_w + 2 * gap, body.y, col_w, body.h)],
                        [zh, en], kind, photo, qr, footer, footer_pt, _target(en, col_w, kind), footer_placed)
        return Plan(box, pad, band, [body], [blocks], kind, photo, qr, footer, footer_pt, target, footer_placed)

    def draw(self, canvas: Canvas, content: LabelContent, p: Plan, fits: list[Fit], bleed: float = 0.0) -> None:
        box = p.box
        canvas.saveState()
        # The band runs into the bleed on three sides, so a trimmed label has no white sliver.
        canvas.setFillColorRGB(*ACCENT)
        canvas.rect(box.x - bleed, box.y + box.h - p.band, box.w + 2 * bleed, p.band + bleed, stroke=0, fill=1)
        if content.template == "panel" and content.footer:
            # Panels name their section in the band.
            para = paragraph(content.footer[0], p.footer_pt, color="#ffffff")
            _, h = para.wrap(box.w - 2 * p.pad, p.band)
            para.drawOn(canvas, box.x + p.pad, box.y + box.h - p.band + (p.band - h) / 2)
        canvas.restoreState()

        if p.photo is not None and content.photo is not None:
            canvas.drawImage(str(content.photo), p.photo.x, p.photo.y, p.photo.w, p.photo.h)

        for text_box, f in zip(p.text, fits):
            y = text_box.y + text_box.h
            for placed in f.placed:
                y -= placed.height
                placed.para.drawOn(canvas, text_box.x, y)
                y -= placed.space

        if p.footer is not None:
            footer_lines = p.footer_placed
            y = p.footer.y + sum(pl.height + pl.space for pl in footer_lines) - (
                footer_lines[-1].space if footer_lines else 0)
            canvas.saveState()
            canvas.setStrokeColorRGB(*RULE)
            canvas.setLineWidth(0.5)
            rule_y = p.footer.y + p.footer.h + p.pad * 0.4
            canvas.line(p.footer.x, rule_y, p.footer.x + p.footer.w, rule_y)   # clear of the QR's quiet zone
            canvas.restoreState()
            for pl in footer_lines:
                y -= pl.height
                pl.para.drawOn(canvas, p.footer.x, y)
                y -= pl.space
        if p.qr is not None and content.qr_url:
            draw_qr(canvas, content.qr_url, p.qr.x, p.qr.y, p.qr.w, quiet=False)


CARD = CardTemplate()
# Template name → its layout. A panel template of its own goes here beside the card.
TEMPLATES: dict[str, Template] = {"object": CARD, "caption": CARD, "panel": CARD}


def plan(content: LabelContent, box: Box, kind: typography.TemplateType, photo_share: float = 1.0,
         columns: int = 0) -> Plan:
    return TEMPLATES[content.template].plan(content, box, kind, photo_share, columns)


def draw(canvas: Canvas, content: LabelContent, p: Plan, fits: list[Fit], bleed: float = 0.0) -> None:
    TEMPLATES[content.template].draw(canvas, content, p, fits, bleed)


def fit_label(content: LabelContent, p: Plan, *, overflow: str = "error") -> list[Fit]:
    """Fit each text column; columns share one size (the smallest that all need)."""
    kind = p.kind
    fits = [fit(blocks, box.w, box.h, kind, target=p.target_pt) for box, blocks in zip(p.text, p.columns)]
    if len(fits) > 1:
        size = min(f.body_pt for f in fits)
        fits = [fit(blocks, box.w, box.h, kind, target=size) for box, blocks in zip(p.text, p.columns)]
    if overflow == "truncate":
        fits = [f if f.fits else truncate(blocks, box.w, box.h, kind)
                for f, box, blocks in zip(fits, p.text, p.columns)]
    return fits


def _photo_may_help(p: Plan, fits: list[Fit]) -> bool:
    """Whether shrinking the photo could make room enough: a photo across the top gives back
    at most two thirds of its height (a photo in a side column widens the text: always try)."""
    if p.photo is None or p.photo.w < 0.9 * sum(b.w for b in p.text):
        return True
    short = max(f.height - b.h for f, b in zip(fits, p.text))
    return short <= p.photo.h * 0.65 + 1.0


def _lines_too_long(fits: list[Fit], kind: typography.TemplateType) -> bool:
    return any(f.line_chars_en is not None and f.line_chars_en > kind.line_chars_max_en for f in fits)


def layout_label(content: LabelContent, box: Box, kind: typography.TemplateType, *,
                 overflow: str = "error") -> tuple[Plan, list[Fit]]:
    """Plan and fit a label. When the text does not fit, the photo gives up room first
    (down to about a third of its usual share) before anything is cut or refused."""
    p = plan(content, box, kind)
    fits = fit_label(content, p)
    if len(p.text) == 1 and _lines_too_long(fits, kind):
        # Shrunk to fit, the English lines grew too long: try Chinese | English side by side.
        split = plan(content, box, kind, columns=2)
        if len(split.text) == 2:
            split_fits = fit_label(content, split)
            if all(f.fits for f in split_fits):
                p, fits = split, split_fits
    if content.photo is not None and not all(f.fits for f in fits) and _photo_may_help(p, fits):
        # The smallest photo first (a thumbnail that still identifies the picture): when the
        # text does not fit beside it either, no larger photo needs trying.
        smallest = plan(content, box, kind, photo_share=0.35, columns=len(p.text))
        smallest_fits = fit_label(content, smallest)
        if all(f.fits for f in smallest_fits):
            p, fits = smallest, smallest_fits
            middle = plan(content, box, kind, photo_share=0.6, columns=len(p.text))
            middle_fits = fit_label(content, middle)
            if all(f.fits for f in middle_fits):
                p, fits = middle, middle_fits
        elif overflow != "truncate":
            p, fits = smallest, smallest_fits
    if overflow == "truncate" and not all(f.fits for f in fits):
        fits = [f if f.fits else truncate(blocks, box.w, box.h, p.kind)
                for f, box, blocks in zip(fits, p.text, p.columns)]
    return p, fits
