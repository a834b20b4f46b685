"""Label text shaped, wrapped and drawn in runs of two typefaces, without reportlab's Paragraph.

A label block is one run of plain text in one style, set in the CJK face and
the Latin face by script (`fonts.faces_of`). `Lines` does what a Paragraph
would, and what a Paragraph cannot:

- Chinese (and mixed) text is broken by the clreq rules (`linebreak.py`) and
  set as clreq asks: a quarter em between Han characters and Latin letters or
  digits (a space typed there becomes that quarter em, so "约 1944 年" and
  "约1944年" print alike), adjacent full-width punctuation compressed
  ("。」", "），", "（“" take half an em less), and a closing mark at the end
  of a line counted as half an em (its right half is blank);
- English text is broken with a copy of `Paragraph.breakLines`' single-fragment
  loop (the same lines as a Paragraph in the Latin face:
  tests/core/test_print_textlines.py compares them over generated text);
- both are drawn as positioned runs, each in its own face, in one text object.

Markup characters are drawn as typed (nothing is parsed), line feeds end a
line, soft hyphens are dropped, a word wider than the line is cut between
characters, and lines may be centred.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from operator import add, ne
from typing import TYPE_CHECKING

from exhibit.printing.fonts import (
    FONT,
    FONT_BOLD,
    LATIN_BOLD,
    LATIN_BOLD_ITALIC,
    LATIN_ITALIC,
    default_width,
    faces_of,
    is_cjk,
    is_ideograph,
    widths,
)
from exhibit.printing.linebreak import break_spans

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas

BOLD_FACES = frozenset({FONT_BOLD, LATIN_BOLD, LATIN_BOLD_ITALIC})
ITALIC_FACES = frozenset({LATIN_ITALIC, LATIN_BOLD_ITALIC})
LATIN_GAP = 0.25           # em between Han and Latin letters or digits (clreq §3.2.2)
# Full-width marks whose ink sits in one half of the em (as Noto Sans SC and the other SC
# faces draw them): two in a row lose the blank half between them (clreq §3.1.6).
CLOSING_HALF = frozenset("，。、；：？！）》」』”’〕】〗〙〛｝］〉")
OPENING_HALF = frozenset("（《「『“‘〔【〖〘〚｛［〈")


def _latin_alnum(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


@dataclass(frozen=True)
class Shape:
    """A text's faces and advances at 1 pt: `pre[i]` is space before character i that
    is dropped when i opens a line; `offsets[i]` is where i starts (prefix sums of pre + adv)."""
    text: str
    faces: tuple[str, ...]
    adv: tuple[float, ...]
    pre: tuple[float, ...]
    offsets: tuple[float, ...]      # len(text) + 1 entries
    adjusted: tuple[bool, ...]      # the advance differs from the glyph's own (compressed punctuation)
    tail: tuple[float, ...]         # blank right half of a full-width closing mark: may pass a line's end
    plain: bool                     # one face, no adjustment: drawn as one string per line

    def width(self, a: int, b: int, first: bool) -> float:
        """Width of text[a:b] at 1 pt; `first`: it opens a line."""
        if b <= a:
            return 0.0
        w = self.offsets[b] - self.offsets[a]
        return w - self.pre[a] if first else w


_IDEOGRAPH: dict[str, bool] = {}
_ALNUM: dict[str, bool] = {}


def _kind(ch: str) -> int:
    """1: a Han character (or kana …), 2: a Latin letter or digit, 0: anything else (memoised)."""
    if ch not in _IDEOGRAPH:
        _IDEOGRAPH[ch] = is_ideograph(ch)
        _ALNUM[ch] = _latin_alnum(ch)
    return 1 if _IDEOGRAPH[ch] else 2 if _ALNUM[ch] else 0


@lru_cache(maxsize=8192)
def shape(text: str, bold: bool = False, italic: bool = False, cjk: bool = True) -> Shape:
    """`text` in faces, with the clreq spacing when `cjk` (Chinese and mixed blocks)."""
    faces = faces_of(text, bold, italic)
    tables = {face: (widths(face), default_width(face)) for face in set(faces)}
    if len(tables) == 1:                      # one face (most English text): no per-character face
        table, default = tables[faces[0]] if faces else ({}, 0)
        natural = [w / 1000 for w in map(table.get, map(ord, text), repeat(default))]
    else:
        natural = [tables[face][0].get(ord(ch), tables[face][1]) / 1000 for ch, face in zip(text, faces)]
    adv = list(natural)
    pre = [0.0] * len(text)
    tail = [0.0] * len(text)
    if cjk and not text.isascii():
        cjk_faces = (FONT, FONT_BOLD)
        kinds = [_kind(ch) for ch in text]
        for i in range(1, len(text)):
            k1, k2 = kinds[i - 1], kinds[i]
            if k1 and k2 and k1 != k2:
                pre[i] = LATIN_GAP              # Han next to a Latin letter or digit
            elif faces[i - 1] in cjk_faces and faces[i] in cjk_faces:
                a, b = text[i - 1], text[i]
                if a in CLOSING_HALF and (b in CLOSING_HALF or b in OPENING_HALF) and adv[i - 1] > 0.9:
                    adv[i - 1] -= 0.5           # "。」", "），", "。“": the closing mark's blank half goes
                elif a in OPENING_HALF and b in OPENING_HALF and adv[i] > 0.9:
                    pre[i] = -0.5               # "（“": the second opening mark's blank half goes
        for i, (ch, face) in enumerate(zip(text, faces)):
            if ch in CLOSING_HALF and face in cjk_faces and adv[i] > 0.9:
                tail[i] = 0.5
    offsets = tuple(accumulate(map(add, pre, adv), initial=0.0))
    adjusted = tuple(map(ne, adv, natural))
    plain = len(tables) <= 1 and not any(pre) and not any(adjusted)
    return Shape(text, faces, tuple(adv), tuple(pre), offsets, adjusted, tuple(tail), plain)


# Labels wrap each text at one or two sizes, and the same words recur from label to
# label: the cleaned text and its shape are kept per text, so a re-wrap is only the
# line-filling arithmetic.

@lru_cache(maxsize=8192)
def _clean(text: str, cjk: bool) -> str:
    """What Paragraph makes of the text before breaking it (whitespace runs become one
    space; line feeds are kept as line ends), without soft hyphens; in Chinese, a space
    between Han and Latin text goes (the quarter-em gap takes its place)."""
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    text = "\n".join(cleanBlockQuotedText(part) for part in text.replace("\xad", "").split("\n"))
    if cjk and " " in text and not text.isascii():
        text = _HAN_LATIN_SPACE.sub("", text)
    return text


# A space between a Han character (or kana, hangul) and a Latin letter or digit, either way round.
_IDEO = "\u3040-\u30fa\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff"
# Latin-1's letters skip × (U+00D7) and ÷ (U+00F7): "高15 × 宽10" keeps its spaces round the sign.
_ALNUM_LATIN = "0-9A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff"
_HAN_LATIN_SPACE = re.compile(rf"(?<=[{_IDEO}]) (?=[{_ALNUM_LATIN}])|(?<=[{_ALNUM_LATIN}]) (?=[{_IDEO}])")


@lru_cache(maxsize=8192)
def _words(text: str, bold: bool, italic: bool) -> tuple[tuple[tuple[int, int, float], ...], ...]:
    """The words of each line of `text` (its line feeds end lines) as (start, end, width at 1 pt)."""
    sh = shape(text, bold, italic, False)
    out, base = [], 0
    for part in text.split("\n"):
        out.append(tuple((base + a, base + b, sh.width(base + a, base + b, True)) for a, b in _split_words(part)))
        base += len(part) + 1
    return tuple(out)


def _split_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of the space-separated words of one line of `text`, as Paragraph's split() sees them."""
    out, i, n = [], 0, len(text)
    while i < n:
        while i < n and text[i] in " \t\n\r\f\v":
            i += 1
        start = i
        while i < n and text[i] not in " \t\n\r\f\v":
            i += 1
        if i > start:
            out.append((start, i))
    return out


def simple(text: str) -> bool:
    """Kept for callers that asked whether a Paragraph was needed: Lines now sets every text."""
    return True


# Wrapped lines by (text, face, size, Chinese or not, shrinkage, width): shared, never changed.
_WRAPPED: dict[tuple[str, str, float, bool, float, float], list[tuple[float, int, int, float]]] = {}


class Lines:
    """Flowable-like: `wrap(width, height)` then `drawOn(canvas, x, y)`, like a Paragraph.

    `lines` holds (unused width, [line text]) per line, as a Paragraph's blPara does."""

    def __init__(self, text: str, style: ParagraphStyle, align: str = "left") -> None:
        self.style = style
        self.cjk = style.wordWrap == "CJK"
        self.bold = style.fontName in BOLD_FACES
        self.italic = style.fontName in ITALIC_FACES
        self.align = "center" if align == "center" or style.alignment == 1 else "left"
        self.text = _clean(text, self.cjk)
        self.shape = shape(self.text, self.bold, self.italic, self.cjk)
        self.spans: list[tuple[float, int, int, float]] = []   # (unused, start, end, extra word space)
        self.width = self.height = 0.0

    # ------------------------------------------------------------ breaking

    def _cjk_spans(self, width: float) -> list[tuple[float, int, int, float]]:
        k, sh = self.style.fontSize, self.shape
        # The shape is measured at 1 pt: break at width / size, then scale back.
        return [(unused * k, a, b, 0.0) for unused, a, b in
                break_spans(self.text, width / k, sh.offsets, sh.pre, sh.tail)]

    def _en_spans(self, width: float) -> list[tuple[float, int, int, float]]:
        """Paragraph.breakLines for one plain fragment, line by line of the text's line feeds;
        a word wider than the line is cut between characters."""
        out: list[tuple[float, int, int, float]] = []
        k, sh = self.style.fontSize, self.shape
        space = k * widths(self.style.fontName).get(32, 0) / 1000   # as stringWidth(" ") in the style's face
        shrink = self.style.spaceShrinkage * space
        for part in _words(self.text, self.bold, self.italic):
            if not part:
                out.append((width, 0, 0, 0.0))
                continue
            line: list[tuple[int, int]] = []
            current = -space
            for a, b, em in part:
                word_width = k * em
                if word_width > width:        # a word no line holds: cut it, as Paragraph splits long words
                    if line:
                        out.append(self._en_line(width, current, line))
                    pieces = self._cut_word(a, b, width)
                    out += [(width - k * sh.width(s, e, True), s, e, 0.0) for s, e in pieces[:-1]]
                    line, current = [pieces[-1]], k * sh.width(*pieces[-1], True)
                    continue
                new = current + space + word_width
                if new <= width + shrink * len(line) or not line:
                    line.append((a, b))
                    current = new
                else:
                    out.append(self._en_line(width, current, line))
                    line, current = [(a, b)], word_width
            if line:
                out.append(self._en_line(width, current, line))
        return out

    def _en_line(self, width: float, current: float, words: list[tuple[int, int]]) -> tuple[float, int, int, float]:
        extra = width - current
        spaces = len(words) - 1
        # A line that uses the allowed overrun closes up its spaces (as Paragraph does).
        squeeze = extra / spaces if extra < -1e-8 and spaces > 0 else 0.0
        return extra, words[0][0], words[-1][1], squeeze

    def _cut_word(self, a: int, b: int, width: float) -> list[tuple[int, int]]:
        k, sh = self.style.fontSize, self.shape
        pieces, start = [], a
        for i in range(a + 1, b + 1):
            if k * sh.width(start, i, True) > width and i - 1 > start:
                pieces.append((start, i - 1))
                start = i - 1
        pieces.append((start, b))
        return pieces

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        st = self.style
        # A label is planned and fitted a few times over (a smaller photo, two columns), and
        # each time most of its blocks are wrapped at the same size and width as before.
        key = (self.text, st.fontName, st.fontSize, self.cjk, st.spaceShrinkage, avail_width)
        spans = _WRAPPED.get(key)
        if spans is None:
            spans = self._cjk_spans(avail_width) if self.cjk else self._en_spans(avail_width)
            if len(_WRAPPED) >= 20000:
                _WRAPPED.clear()
            _WRAPPED[key] = spans
        self.spans = spans
        self.width = avail_width
        self.height = len(spans) * st.leading
        return self.width, self.height

    @property
    def lines(self) -> list[tuple[float, list[str]]]:
        """(unused width, words) per line, as a Paragraph's blPara.lines."""
        return [(unused, [self.text[a:b]] if self.cjk else self.text[a:b].split(" "))
                for unused, a, b, _ in self.spans]

    # ------------------------------------------------------------ drawing

    def runs(self, a: int, b: int, squeeze: float = 0.0) -> list[tuple[float, str, str]]:
        """The line text[a:b] as (x at 1 pt, face, text) runs: a new run where the face changes
        or a position is adjusted (clreq spacing; word spaces closed up by `squeeze` points)."""
        sh, text = self.shape, self.text
        if a >= b:
            return []
        if sh.plain:                            # one face, natural advances: one string
            return [(0.0, sh.faces[a], text[a:b])]
        x0 = sh.offsets[a] + sh.pre[a]          # the line starts at its first character
        extra = squeeze / self.style.fontSize
        runs: list[tuple[float, str, str]] = []
        start, shift = a, 0.0
        for i in range(a + 1, b + 1):
            if i < b and sh.faces[i] == sh.faces[start] and not sh.pre[i] and not sh.adjusted[i - 1] \
                    and not (extra and text[i - 1] == " "):
                continue
            runs.append((sh.offsets[start] + sh.pre[start] - x0 + shift, sh.faces[start], text[start:i]))
            if extra:
                shift += extra * text.count(" ", start, i)
            start = i
        return runs

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if not self.spans:
            return
        st = self.style
        size, leading = st.fontSize, st.leading
        # As Paragraph.drawOn → drawPara: the first baseline one font size below the top
        # (rl_config.paraFontSizeHeightOffset), one text object for the whole block.
        canvas.saveState()
        canvas.translate(x, y)
        canvas.setFillColor(st.textColor)
        tx = canvas.beginText(0, self.height - size)
        face = ""
        baseline = self.height - size
        for unused, a, b, squeeze in self.spans:
            dx = max(unused, 0.0) / 2 if self.align == "center" else 0.0
            word_space = squeeze if squeeze and self.shape.plain else 0.0
            if word_space:                      # Paragraph's way: Tw closes up the spaces
                tx.setWordSpace(word_space)
            for run_x, run_face, run_text in self.runs(a, b, squeeze):
                if run_face != face:
                    tx.setFont(run_face, size, leading)
                    face = run_face
                tx.setTextOrigin(dx + run_x * size, baseline)
                tx._textOut(run_text, 0)
            if word_space:
                tx.setWordSpace(0)
            baseline -= leading
        canvas.drawText(tx)
        canvas.restoreState()
