"""The label checker: per-label warnings before anything is printed.

It reports word and character budgets, over-long sentences, English line
length, text that has to shrink below the template's target size or does
not fit even at its minimum, photos that are missing, and characters the
embedded font has no glyph for. Errors stop printing; warnings do not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from exhibit.printing import typography
from exhibit.printing.content import LabelContent
from exhibit.printing.fit import Fit
from exhibit.printing.fonts import describe_chars, missing_glyphs
from exhibit.printing.layout import MM

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'\-]*")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_SENTENCE_EN = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_SENTENCE_ZH = re.compile(r"(?<=[。！？!?；;])")


@dataclass(frozen=True)
class LabelWarning:
    label: str       # the record, as messages name it
    level: str       # "error": will not print; "warning": prints, but look at it
    code: str        # missing-glyph, overflow, shrunk, truncated, budget, sentence, line-length, photo
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.label}: {self.message}"


def glyph_problems(content: LabelContent) -> list[LabelWarning]:
    out = []
    for block in content.blocks + content.footer:
        missing = missing_glyphs(block.text)
        if missing:
            out.append(LabelWarning(content.name, "error", "missing-glyph",
                                    f"{block.field or block.role} has characters the font lacks: "
                                    f"{describe_chars(missing)}; they would print as empty boxes "
                                    f"(set EXHIBIT_CJK_FONT to a font that has them, or edit the text)"))
    return out


def _first_words(text: str, n: int = 6) -> str:
    words = text.split()
    if len(words) > 1:
        return " ".join(words[:n]) + (" …" if len(words) > n else "")
    return text[:12] + ("…" if len(text) > 12 else "")


def budget_problems(content: LabelContent) -> list[LabelWarning]:
    kind = typography.TYPES[content.template]
    b = kind.budget
    body = [blk for blk in content.blocks if blk.role == "body"]
    out = []
    en_words = sum(len(_WORD.findall(blk.text)) for blk in body if blk.lang == "en")
    zh_chars = sum(len(_HAN.findall(blk.text)) for blk in body if blk.lang == "zh")
    if en_words > b.words_en:
        out.append(LabelWarning(content.name, "warning", "budget",
                                f"English text has {en_words} words; {kind.name} labels should keep to {b.words_en}"))
    if zh_chars > b.chars_zh:
        out.append(LabelWarning(content.name, "warning", "budget",
                                f"Chinese text has {zh_chars} characters; {kind.name} labels should keep to {b.chars_zh}"))
    for blk in body:
        if blk.lang == "en":
            long = [s for s in _SENTENCE_EN.split(blk.text) if len(_WORD.findall(s)) > b.sentence_words_en]
            for s in long[:2]:
                out.append(LabelWarning(content.name, "warning", "sentence",
                                        f"a sentence of {len(_WORD.findall(s))} words (keep to {b.sentence_words_en}): "
                                        f"“{_first_words(s)}”"))
        elif blk.lang == "zh":
            long = [s for s in _SENTENCE_ZH.split(blk.text) if len(_HAN.findall(s)) > b.sentence_chars_zh]
            for s in long[:2]:
                out.append(LabelWarning(content.name, "warning", "sentence",
                                        f"a sentence of {len(_HAN.findall(s))} characters (keep to "
                                        f"{b.sentence_chars_zh}): “{s[:12]}…”"))
    return out


def fit_problems(content: LabelContent, fits: list[Fit], text_heights: list[float]) -> list[LabelWarning]:
    kind = typography.TYPES[content.template]
    out = []
    for f, avail in zip(fits, text_heights):
        if not f.fits:
            out.append(LabelWarning(content.name, "error", "overflow",
                                    f"the text does not fit even at {kind.min_pt:g} pt: it needs "
                                    f"{f.height / MM:.0f} mm of height, the label has {avail / MM:.0f} mm; "
                                    f"shorten it, choose a larger --page/--sheet, or use --overflow truncate"))
            continue
        if f.truncated:
            out.append(LabelWarning(content.name, "warning", "truncated",
                                    f"cut to fit at {f.body_pt:g} pt: {', '.join(f.truncated)} ends with “…”"))
        elif f.body_pt < kind.target_pt:
            out.append(LabelWarning(content.name, "warning", "shrunk",
                                    f"body text set at {f.body_pt:g} pt to fit, below the {kind.target_pt:g} pt "
                                    f"for reading at a distance; use a larger label or shorten the text"))
        lo, hi = kind.line_chars_en
        if f.line_chars_en is not None:
            chars = round(f.line_chars_en)
            if chars > kind.line_chars_max_en:
                out.append(LabelWarning(content.name, "warning", "line-length",
                                        f"English lines hold about {chars} characters; {lo}–{hi} read best"))
            elif chars < lo - 15:
                out.append(LabelWarning(content.name, "warning", "line-length",
                                        f"English lines hold only about {chars} characters; {lo}–{hi} read best"))
    return out


def note_problems(content: LabelContent) -> list[LabelWarning]:
    return [LabelWarning(content.name, "warning", "photo", note) for note in content.notes]


def check(content: LabelContent, fits: list[Fit], text_heights: list[float]) -> list[LabelWarning]:
    return (glyph_problems(content) + fit_problems(content, fits, text_heights)
            + budget_problems(content) + note_problems(content))
