"""Fitting a label's text into its box.

The whole text shrinks together from the template's target body size
towards its minimum until it fits. Below the minimum it does not fit: the
caller reports that, or (only when asked) ends the last text with "…" and
says so. `Frame.addFromList` would drop what does not fit without a word, so
it is not used for labels.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import repeat
from typing import TYPE_CHECKING

from exhibit.printing import typography
from exhibit.printing.content import Block
from exhibit.printing.fonts import FONT, register
from exhibit.printing.pdfwrite import escape
from exhibit.printing.textlines import Lines, simple

if TYPE_CHECKING:
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

STEP = 0.5          # sizes are multiples of half a point
ELLIPSIS = "…"


@lru_cache(maxsize=4096)
def style(role: str, lang: str, size: float, align: str = "left", color: str = "#000000") -> ParagraphStyle:
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    register()
    return ParagraphStyle(
        f"{role}-{lang}-{size}", fontName=FONT, fontSize=size, leading=typography.leading(role, size),
        # Chinese has no spaces: break between characters (by textlines.Lines' clreq
        # breaker; "CJK" marks the style for it).
        wordWrap="CJK" if lang != "en" else None,
        alignment=TA_CENTER if align == "center" else TA_LEFT,
        splitLongWords=True, allowWidows=1, allowOrphans=1, textColor=_color(color))


@lru_cache(maxsize=16)
def _color(hex_color: str) -> Color:
    # A Color object, not a string: reportlab would parse the string on every draw.
    from reportlab.lib.colors import HexColor

    return HexColor(hex_color)


def paragraph(block: Block, size: float, align: str = "left", color: str = "#000000") -> Lines | Paragraph:
    """The block as a flowable: plain left-aligned text as `textlines.Lines` (the same lines
    as a Paragraph at a fraction of the cost: labels wrap every block once or twice to
    fit), anything else as a reportlab Paragraph."""
    st = style(block.role, block.lang, size, align, color)
    # Chinese text always takes Lines (its clreq breaker); markup characters are drawn as typed.
    if align == "left" and (st.wordWrap == "CJK" or simple(block.text)):
        return Lines(block.text, st)
    from reportlab.platypus import Paragraph

    return Paragraph(escape(block.text), st)


def space_after(block: Block, size: float) -> float:
    return 0.25 * size if block.role in ("title",) else 0.55 * size


@dataclass
class Placed:
    block: Block
    para: Lines | Paragraph  # wrapped
    height: float
    space: float        # gap below it


@dataclass
class Fit:
    body_pt: float
    fits: bool
    height: float                 # of the text at body_pt
    placed: list[Placed] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)   # fields that were cut (truncate mode only)
    line_chars_en: float | None = None                   # characters per English body line


def measure(blocks: list[Block], width: float, body_pt: float, align: str = "left") -> tuple[float, list[Placed]]:
    placed, total = [], 0.0
    for block in blocks:
        size = typography.role_size(block.role, body_pt)
        para = paragraph(block, size, align)
        _, h = para.wrap(width, 1e6)
        gap = space_after(block, size)
        placed.append(Placed(block, para, h, gap))
        total += h + gap
    if placed:
        total -= placed[-1].space
    return total, placed


def _floor(size: float) -> float:
    return math.floor(size / STEP) * STEP


@lru_cache(maxsize=1)
def _advance() -> dict[str, float]:
    """Advance width of every character of the font at 1 pt, for quick estimates."""
    from reportlab.pdfbase import pdfmetrics

    register()
    face = pdfmetrics.getFont(FONT).face
    return {chr(cp): w / 1000 for cp, w in face.charWidths.items()}


@lru_cache(maxsize=8192)
def text_width(text: str) -> float:
    """Width of `text` at 1 pt (a dict lookup per character; kept, as the planner and the
    fitter ask for the same texts, and the dialog checks a batch before printing it)."""
    return sum(map(_advance().get, text, repeat(1.0)))


def _estimate(blocks: list[Block], widths: list[float], width: float, height: float,
              top: float, floor: float) -> float:
    """The largest size on the half-point grid whose estimated height fits: lines are
    the text's width over the line's, plus half a line for the ragged right edge.
    Height grows with size, so a bisection over the grid finds it."""
    def est(size: float) -> float:
        total = 0.0
        for block, w1 in zip(blocks, widths):
            r = typography.role_size(block.role, size)
            lines = math.ceil(w1 * r / width + (0.5 if block.lang == "en" else 0.15))
            total += lines * typography.leading(block.role, r) + space_after(block, r)
        return total

    lo, hi = 0, int(round((top - floor) / STEP))      # steps above the floor
    if est(top) <= height:
        return top
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if est(floor + mid * STEP) <= height:
            lo = mid
        else:
            hi = mid - 1
    return floor + lo * STEP


def fit(blocks: list[Block], width: float, height: float, kind: typography.TemplateType,
        *, target: float | None = None, align: str = "left") -> Fit:
    """A body size ≤ target (and ≥ kind.min_pt) at which `blocks` fit in width × height:
    the largest, or half a point below it.

    A quick estimate from character widths picks the first size to try, so most
    labels are wrapped once or twice instead of once per half point."""
    top = _floor(min(target or kind.target_pt, kind.max_pt))
    widths = [text_width(b.text) for b in blocks]
    size = max(_estimate(blocks, widths, width, height, top, kind.min_pt), kind.min_pt)
    h, placed = measure(blocks, width, size, align)
    if h <= height:
        # The estimate may be half a point cautious; trying one step up would wrap
        # every label a second time (a third of the batch's time), so it is not tried.
        return Fit(size, True, h, placed, line_chars_en=line_chars(blocks, width, size))
    while size > kind.min_pt:
        size = max(kind.min_pt, size - STEP)
        h, placed = measure(blocks, width, size, align)
        if h <= height:
            return Fit(size, True, h, placed, line_chars_en=line_chars(blocks, width, size))
    return Fit(kind.min_pt, False, h, placed, line_chars_en=line_chars(blocks, width, kind.min_pt))


def line_chars(blocks: list[Block], width: float, body_pt: float) -> float | None:
    """Average characters per line of the English body text at this size."""
    text = " ".join(b.text for b in blocks if b.role == "body" and b.lang == "en")
    if not text:
        return None
    avg = text_width(text) * body_pt / len(text)
    return width / avg if avg else None


def truncate(blocks: list[Block], width: float, height: float, kind: typography.TemplateType,
             align: str = "left") -> Fit:
    """At the minimum size, end the body text with "…" where the box is full.
    Only used when the user asked for it; the cut fields are listed in the result."""
    size = kind.min_pt
    blocks = list(blocks)
    cut: list[str] = []
    while blocks:
        h, placed = measure(blocks, width, size, align)
        if h <= height:
            return Fit(size, True, h, placed, cut, line_chars(blocks, width, size))
        i = max((j for j, b in enumerate(blocks) if b.role == "body"), default=len(blocks) - 1)
        victim = blocks[i]
        cut.append(victim.field or victim.role)
        rest = blocks[:i] + blocks[i + 1:]
        lo, hi = 0, len(victim.text)   # longest prefix that fits
        while lo < hi:
            mid = (lo + hi + 1) // 2
            trial = rest[:i] + [replace(victim, text=victim.text[:mid].rstrip() + ELLIPSIS)] + rest[i:]
            if measure(trial, width, size, align)[0] <= height:
                lo = mid
            else:
                hi = mid - 1
        if lo > 0:
            blocks = rest[:i] + [replace(victim, text=victim.text[:lo].rstrip() + ELLIPSIS)] + rest[i:]
        else:
            blocks = rest
    return Fit(size, True, 0.0, [], cut, None)
