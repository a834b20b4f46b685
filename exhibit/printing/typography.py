"""Sizes, line lengths and word budgets for gallery reading: the one place that decides them.

Following accessible exhibition practice (Smithsonian Guidelines for
Accessible Exhibition Design; the V&A's and the Getty's label guides):
object-label body text 24 pt or larger where the label is big enough to be
read at a distance, lines of about 45–55 characters in English, short
sentences and a word budget per kind of label. Chinese is budgeted in
characters (about two characters carry an English word's meaning).

A label's text shrinks as a whole (every role keeps its ratio to the body
size) from the template's target size down to its minimum. The checker warns
whenever the body would be set below the target; below the minimum the text
does not fit and the label is not printed silently cut.
"""
from __future__ import annotations

from dataclasses import dataclass

# Size of each role relative to the body text.
ROLE_SCALE: dict[str, float] = {
    "title": 1.45,      # object name (Chinese), panel title
    "subtitle": 1.2,    # object name (English)
    "meta": 0.8,        # date · material · dimensions
    "body": 1.0,
    "small": 0.66,      # accession number, credit line, rights
}
# Roles set no smaller than this, whatever the body size (legible in hand).
ROLE_FLOOR: dict[str, float] = {"small": 6.5, "meta": 7.0}
LEADING = 1.32          # line height / size for body text; CJK lines need air too
TITLE_LEADING = 1.18


@dataclass(frozen=True)
class Budget:
    words_en: int        # words of English text in the whole label
    chars_zh: int        # Han characters (and other CJK) in the whole label
    sentence_words_en: int
    sentence_chars_zh: int


@dataclass(frozen=True)
class TemplateType:
    name: str
    target_pt: float     # body size to aim for
    min_pt: float        # below this the text does not fit
    max_pt: float        # never larger, however big the label
    budget: Budget
    line_chars_en: tuple[int, int] = (45, 55)   # good range of characters per English line
    line_chars_max_en: int = 70                 # warn above this


TYPES: dict[str, TemplateType] = {
    "object": TemplateType("object", target_pt=24, min_pt=8, max_pt=28,
                           budget=Budget(words_en=75, chars_zh=150, sentence_words_en=25,
                                         sentence_chars_zh=50)),
    "caption": TemplateType("caption", target_pt=18, min_pt=7, max_pt=24,
                            budget=Budget(words_en=40, chars_zh=80, sentence_words_en=25,
                                          sentence_chars_zh=50)),
    "panel": TemplateType("panel", target_pt=30, min_pt=16, max_pt=44,
                          budget=Budget(words_en=250, chars_zh=500, sentence_words_en=25,
                                        sentence_chars_zh=60)),
}


def role_size(role: str, body_pt: float) -> float:
    return max(ROLE_SCALE[role] * body_pt, ROLE_FLOOR.get(role, 0.0))


def leading(role: str, size: float) -> float:
    return size * (TITLE_LEADING if role in ("title", "subtitle") else LEADING)
