"""The label checker: per-label warnings before anything is printed.

It reports word and character budgets of the label text, over-long
sentences, English line length, text that has to shrink below the template's
target size, text that does not fit even at its floor (typography.py's
table: an error naming the record and the fields), a label printing the
catalogue description for want of label text, an object that is not
published, half-width punctuation between Chinese characters, photos that
are missing, and characters no embedded font has a glyph for. Errors stop
printing; warnings do not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from exhibit.printing import typography
from exhibit.printing.content import LabelContent
from exhibit.printing.fit import Fit
from exhibit.printing.fonts import describe_chars, missing_glyphs
from exhibit.printing.layout import MM
from exhibit.printing.punctuation import halfwidth_marks
from exhibit.problems import Problem

_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9’'\-]*")
_HAN = re.compile(r"[\u3400-\u9fff\U00020000-\U0003134f]")
_SENTENCE_EN = re.compile(r"(?<=[.!?])[\"'”’)]*\s+")
_SENTENCE_ZH = re.compile(r"(?<=[。！？!?；;])")


# The checker's kinds of warning, as the command line and the tests know them.
_KINDS = {"label_missing_glyph": "missing-glyph", "label_overflow": "overflow", "label_shrunk": "shrunk",
          "label_truncated": "truncated", "label_words": "budget", "label_chars": "budget",
          "label_sentence_words": "sentence", "label_sentence_chars": "sentence",
          "label_lines_long": "line-length", "label_lines_short": "line-length",
          "photo_missing": "photo", "photo_unreadable": "photo", "photo_no_caption": "photo",
          "label_no_copy": "label-copy", "label_unpublished": "status", "label_halfwidth_punct": "punctuation"}


@dataclass(frozen=True)
class LabelWarning:
    label: str          # the record, as messages name it
    problem: Problem    # what is wrong; the print dialog translates it by its code

    @property
    def level(self) -> str:
        """"error": will not print; "warning": prints, but look at it."""
        return self.problem.severity

    @property
    def code(self) -> str:
        """missing-glyph, overflow, shrunk, truncated, budget, sentence, line-length, photo,
        label-copy, status, punctuation."""
        return _KINDS[self.problem.code]

    @property
    def message(self) -> str:
        return str(self.problem)

    def __str__(self) -> str:
        return f"{self.level}: {self.label}: {self.message}"


def glyph_problems(content: LabelContent) -> list[LabelWarning]:
    out = []
    for block in content.blocks + content.footer:
        missing = missing_glyphs(block.text)
        if missing:
            out.append(LabelWarning(content.name, Problem(block.field or block.role, "label_missing_glyph",
                                                          {"chars": describe_chars(missing)})))
    return out


def _first_words(text: str, n: int = 6) -> str:
    words = text.split()
    if len(words) > 1:
        return " ".join(words[:n]) + (" …" if len(words) > n else "")
    return text[:12] + ("…" if len(text) > 12 else "")


def punctuation_problems(content: LabelContent) -> list[LabelWarning]:
    out = []
    for block in content.blocks + content.footer:
        if block.lang == "en":
            continue
        marks = halfwidth_marks(block.text)
        if marks:
            out.append(LabelWarning(content.name, Problem(block.field or block.role, "label_halfwidth_punct",
                                                          {"sample": "、".join(marks[:3])})))
    return out


def budget_problems(content: LabelContent, kind: typography.TemplateType) -> list[LabelWarning]:
    b = kind.budget
    body = [blk for blk in content.blocks if blk.role == "body"]
    out = []
    en_words = sum(len(_WORD.findall(blk.text)) for blk in body if blk.lang == "en")
    zh_chars = sum(len(_HAN.findall(blk.text)) for blk in body if blk.lang == "zh")
    if en_words > b.words_en:
        out.append(LabelWarning(content.name, Problem(None, "label_words", {
            "count": en_words, "kind": kind.name, "limit": b.words_en})))
    if zh_chars > b.chars_zh:
        out.append(LabelWarning(content.name, Problem(None, "label_chars", {
            "count": zh_chars, "kind": kind.name, "limit": b.chars_zh})))
    for blk in body:
        if blk.lang == "en":
            long = [s for s in _SENTENCE_EN.split(blk.text) if len(_WORD.findall(s)) > b.sentence_words_en]
            for s in long[:2]:
                out.append(LabelWarning(content.name, Problem(blk.field, "label_sentence_words", {
                    "count": len(_WORD.findall(s)), "limit": b.sentence_words_en, "start": _first_words(s)})))
        elif blk.lang == "zh":
            long = [s for s in _SENTENCE_ZH.split(blk.text) if len(_HAN.findall(s)) > b.sentence_chars_zh]
            for s in long[:2]:
                out.append(LabelWarning(content.name, Problem(blk.field, "label_sentence_chars", {
                    "count": len(_HAN.findall(s)), "limit": b.sentence_chars_zh, "start": s[:12]})))
    return out


def fit_problems(content: LabelContent, fits: list[Fit], text_heights: list[float],
                 kind: typography.TemplateType) -> list[LabelWarning]:
    out = []
    for f, avail in zip(fits, text_heights):
        if not f.fits:
            body = list(dict.fromkeys(p.block.field for p in f.placed if p.block.role == "body" and p.block.field))
            out.append(LabelWarning(content.name, Problem(None, "label_overflow", {
                "min_pt": kind.min_pt, "needed": f.height / MM, "available": avail / MM,
                "distance": kind.distance, "fields": body or [p.block.field for p in f.placed][:3]})))
            continue
        for p in f.placed:
            # By construction no role is set below its floor; a change to the fitting that
            # broke this would print illegible text, so it is checked, not assumed.
            if p.size + 1e-6 < kind.floor(p.block.role):
                out.append(LabelWarning(content.name, Problem(p.block.field or p.block.role, "label_overflow", {
                    "min_pt": kind.floor(p.block.role), "needed": f.height / MM, "available": avail / MM,
                    "distance": kind.distance, "fields": [p.block.field or p.block.role]})))
                break
        if f.truncated:
            out.append(LabelWarning(content.name, Problem(None, "label_truncated", {
                "pt": f.body_pt, "fields": list(f.truncated)})))
        elif f.body_pt < kind.target_pt and f.body_pt == min(g.body_pt for g in fits) and not any(
                w.problem.code == "label_shrunk" for w in out):      # once per label, for all its columns
            out.append(LabelWarning(content.name, Problem(None, "label_shrunk", {
                "pt": f.body_pt, "target": kind.target_pt})))
        lo, hi = kind.line_chars_en
        if f.line_chars_en is not None:
            chars = round(f.line_chars_en)
            if chars > kind.line_chars_max_en:
                out.append(LabelWarning(content.name, Problem(None, "label_lines_long", {
                    "chars": chars, "low": lo, "high": hi})))
            elif chars < lo - 15:
                out.append(LabelWarning(content.name, Problem(None, "label_lines_short", {
                    "chars": chars, "low": lo, "high": hi})))
    return out


def note_problems(content: LabelContent) -> list[LabelWarning]:
    return [LabelWarning(content.name, note) for note in content.notes]


def check(content: LabelContent, fits: list[Fit], text_heights: list[float],
          kind: typography.TemplateType) -> list[LabelWarning]:
    return (glyph_problems(content) + fit_problems(content, fits, text_heights, kind)
            + budget_problems(content, kind) + note_problems(content) + punctuation_problems(content))
