"""Fitting a label's text into its box.

The whole text shrinks together from the template's target body size
towards its floor (typography.py: each role keeps its ratio to the body and
never goes below its own floor) until it fits. Below the floor it does not
fit: the checker reports that as an error, or (only when asked) the last text
ends with "…" and the checker says so. `Frame.addFromList` would drop what does not fit without a word, so
it is not used for labels.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from exhibit.printing import typography
from exhibit.printing.content import Block
from exhibit.printing.fonts import FONT, FONT_BOLD, LATIN, LATIN_BOLD, register
from exhibit.printing.textlines import Lines, shape

if TYPE_CHECKING:
    from reportlab.lib.colors import Color
    from reportlab.lib.styles import ParagraphStyle

STEP = 0.5          # sizes are multiples of half a point
ELLIPSIS = "…"


def face_for(role: str, lang: str) -> str:
    """The style's own face: the Latin one for English blocks, the CJK one otherwise (runs
    of the other script switch face inside the line); bold for titles."""
    bold = role in typography.BOLD_ROLES
    if lang == "en":
        return LATIN_BOLD if bold else LATIN
    return FONT_BOLD if bold else FONT


@lru_cache(maxsize=4096)
def style(role: str, lang: str, size: float, align: str = "left", color: str = "#000000",
          line_height: float | None = None) -> ParagraphStyle:
    """The block's style; `line_height` in points (default: the table's leading for the role)."""
    from reportlab.lib.enums import TA_CENTER, TA_LEFT
    from reportlab.lib.styles import ParagraphStyle

    register()
    return ParagraphStyle(
        f"{role}-{lang}-{size}-{line_height}", fontName=face_for(role, lang), fontSize=size,
        leading=line_height or typography.leading(role, size, lang),
        # Chinese has no spaces: break between characters by the clreq breaker
        # (textlines.Lines; "CJK" marks the style for it).
        wordWrap="CJK" if lang != "en" else None,
        alignment=TA_CENTER if align == "center" else TA_LEFT,
        splitLongWords=True, allowWidows=1, allowOrphans=1, textColor=_color(color))


@lru_cache(maxsize=16)
def _color(hex_color: str) -> Color:
    # A Color object, not a string: reportlab would parse the string on every draw.
    from reportlab.lib.colors import HexColor

    return HexColor(hex_color)


def paragraph(block: Block, size: float, align: str = "left", color: str = "#000000",
              kind: typography.TemplateType | None = None) -> Lines:
    """The block as a flowable, set in its faces by script (textlines.Lines), at the
    leading of `kind`'s row of the type table when given."""
    line_height = typography.leading(block.role, size, block.lang, kind) if kind is not None else None
    return Lines(block.text, style(block.role, block.lang, size, align, color, line_height), align)


def space_after(block: Block, size: float, after: Block | None = None, after_size: float = 0.0) -> float:
    """The gap below a block: lines of one role stay together (the titles, the tombstone),
    paragraphs of body text are spaced, and a change of role gets a clear gap (in the
    larger of the two sizes). Half an em parts paragraphs and roles as clearly as more
    would: the change of size, weight or script already marks the step. The tombstone
    hangs closer under the title it describes (a quarter of the title's em), so the
    object's name and its facts read as one block above the text."""
    if after is not None and after.role == block.role:
        return (0.5 if block.role == "body" else 0.15) * size
    if after is not None and block.role == "title" and after.role == "meta":
        return 0.25 * size
    return 0.5 * max(size, after_size)


@dataclass
class Placed:
    block: Block
    para: Lines         # wrapped
    height: float
    space: float        # gap below it
    size: float = 0.0   # the size it is set at


@dataclass
class Fit:
    body_pt: float
    fits: bool
    height: float                 # of the text at body_pt
    placed: list[Placed] = field(default_factory=list)
    truncated: list[str] = field(default_factory=list)   # fields that were cut (truncate mode only)
    line_chars_en: float | None = None                   # characters per English body line


def measure(blocks: list[Block], width: float, body_pt: float, kind: typography.TemplateType,
            align: str = "left") -> tuple[float, list[Placed]]:
    placed, total = [], 0.0
    for i, block in enumerate(blocks):
        size = typography.role_size(kind, block.role, body_pt)
        para = paragraph(block, size, align, typography.ROLE_COLOR.get(block.role, "#000000"), kind)
        _, h = para.wrap(width, 1e6)
        after = blocks[i + 1] if i + 1 < len(blocks) else None
        gap = space_after(block, size, after, typography.role_size(kind, after.role, body_pt) if after else 0.0)
        placed.append(Placed(block, para, h, gap, size))
        total += h + gap
    if placed:
        total -= placed[-1].space
    return total, placed


def _floor(size: float) -> float:
    return math.floor(size / STEP) * STEP


def text_width(block: Block) -> float:
    """Width of a block's text on one line at 1 pt, in its faces (shapes are cached per text)."""
    return shape(block.text, block.role in typography.BOLD_ROLES, False, block.lang != "en").offsets[-1]


def _estimate(blocks: list[Block], widths: list[float], width: float, height: float,
              top: float, floor: float, kind: typography.TemplateType) -> float:
    """The largest size on the half-point grid whose estimated height fits: lines are
    the text's width over the line's, plus half a line for the ragged right edge.
    Height grows with size, so a bisection over the grid finds it."""
    def est(size: float) -> float:
        sizes = [typography.role_size(kind, block.role, size) for block in blocks]
        total = 0.0
        for i, (block, w1, r) in enumerate(zip(blocks, widths, sizes)):
            lines = math.ceil(w1 * r / width + (0.5 if block.lang == "en" else 0.15))
            total += lines * typography.leading(block.role, r, block.lang, kind)
            if i + 1 < len(blocks):
                total += space_after(block, r, blocks[i + 1], sizes[i + 1])
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
    widths = [text_width(b) for b in blocks]
    size = max(_estimate(blocks, widths, width, height, top, kind.min_pt, kind), kind.min_pt)
    h, placed = measure(blocks, width, size, kind, align)
    if h <= height:
        # The estimate may be half a point cautious; trying one step up would wrap
        # every label a second time (a third of the batch's time), so it is not tried.
        return Fit(size, True, h, placed, line_chars_en=line_chars(blocks, width, size))
    while size > kind.min_pt:
        size = max(kind.min_pt, size - STEP)
        h, placed = measure(blocks, width, size, kind, align)
        if h <= height:
            return Fit(size, True, h, placed, line_chars_en=line_chars(blocks, width, size))
    return Fit(kind.min_pt, False, h, placed, line_chars_en=line_chars(blocks, width, kind.min_pt))


def line_chars(blocks: list[Block], width: float, body_pt: float) -> float | None:
    """Average characters per line of the English body text at this size."""
    text = " ".join(b.text for b in blocks if b.role == "body" and b.lang == "en")
    if not text:
        return None
    avg = text_width(Block("body", "en", text)) * body_pt / len(text)
    return width / avg if avg else None


def truncate(blocks: list[Block], width: float, height: float, kind: typography.TemplateType,
             align: str = "left") -> Fit:
    """At the minimum size, end the body text with "…" where the box is full.
    Only used when the user asked for it; the cut fields are listed in the result.

    The last body block is cut after the last line that fits (the lines come from one
    wrap of the whole text), less a character or two for the "…"; when not even one
    of its lines fits, it goes and the one before it is cut."""
    size = kind.min_pt
    blocks = list(blocks)
    cut: list[str] = []
    while blocks:
        h, placed = measure(blocks, width, size, kind, align)
        if h <= height:
            return Fit(size, True, h, placed, cut, line_chars(blocks, width, size))
        i = max((j for j, b in enumerate(blocks) if b.role == "body"), default=len(blocks) - 1)
        victim, para = blocks[i], placed[i].para
        cut.append(victim.field or victim.role)
        room = height - (h - placed[i].height)          # what the other blocks leave for this one
        keep = int(room // para.style.leading) if room > 0 else 0
        shortened = _shortened(para, keep, width) if keep > 0 else None
        blocks = blocks[:i] + ([replace(victim, text=shortened)] if shortened else []) + blocks[i + 1:]
    return Fit(size, True, 0.0, [], cut, None)


def _shortened(para: Lines, keep: int, width: float) -> str | None:
    """The text of `para` cut to `keep` lines with "…" at the end, or None if nothing is left."""
    keep = min(keep, len(para.spans) - 1)       # it did not fit whole: at least one line goes
    if keep <= 0:
        return None
    end = para.spans[keep - 1][2]
    text = para.text
    while end > 0:
        trial = text[:end].rstrip() + ELLIPSIS
        flow = Lines(trial, para.style, para.align)
        flow.wrap(width, 1e6)
        if len(flow.spans) <= keep:
            return trial
        end -= 1
    return None
