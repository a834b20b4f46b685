"""Label text wrapped and drawn without reportlab's Paragraph machinery, with the same result.

A label block is one run of plain text in one style. For that case a
Paragraph spends most of its time on things a label never uses: parsing
markup into fragments, and measuring Chinese text one `stringWidth()` call per
character. `Lines` breaks English with a copy of `Paragraph.breakLines`' single-fragment
loop (same lines as a Paragraph; tests/core/test_print_textlines.py compares
them over generated text) and Chinese with the clreq breaker in
`linebreak.py` (reportlab's CJK splitter breaks the rules: see there), and
draws the lines into one text object exactly where the Paragraph would have.

Anything outside that simple case (markup characters, line breaks, soft
hyphens, a word wider than the line, centred text) is handed to a real
Paragraph, so nothing changes there.
"""
from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from exhibit.printing.fonts import FONT, register
from exhibit.printing.linebreak import break_lines

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Paragraph

_FALLBACK = frozenset("&<>\n\xad")


@lru_cache(maxsize=1)
def _metrics() -> tuple[dict, int]:
    """The font's advance widths (per 1000 units of em, by code point) and default width."""
    from reportlab.pdfbase import pdfmetrics

    register()
    face = pdfmetrics.getFont(FONT).face
    return face.charWidths, face.defaultWidth


# Labels wrap each text at one or two sizes, and the same words recur from label to
# label: the cleaned text, its words and their advance widths are kept per text, so
# a re-wrap is only the line-filling arithmetic. The widths are the same sums that
# stringWidth forms, so the lines are unchanged.

@lru_cache(maxsize=8192)
def _clean(text: str) -> str:
    from reportlab.platypus.paragraph import cleanBlockQuotedText

    return cleanBlockQuotedText(text)


@lru_cache(maxsize=65536)
def _units(s: str) -> float:
    """Advance width of `s` in 1/1000 em (summed character by character, as stringWidth does)."""
    widths_1000, default = _metrics()
    get = widths_1000.get
    return sum(get(ord(u), default) for u in s)


@lru_cache(maxsize=4096)
def _words(text: str) -> tuple[tuple[str, float], ...]:
    """The words Paragraph.breakLines sees in plain `text`, each with its width in 1/1000 em."""
    from reportlab.platypus.paragraph import split, strip

    stripped = strip(text)
    return tuple((w, _units(w)) for w in split(stripped)) if stripped else ()


def simple(text: str) -> bool:
    """True when a Paragraph would hold `text` as one plain fragment (so Lines matches it)."""
    return not (_FALLBACK & set(text))


class Lines:
    """Flowable-like: `wrap(width, height)` then `drawOn(canvas, x, y)`, like a Paragraph."""

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        self.style = style
        self.cjk = style.wordWrap == "CJK"
        # What Paragraph makes of the text before breaking it: whitespace runs become one space.
        self.text = _clean(text)
        if self.cjk:                # no hyphenation in Chinese: a soft hyphen is only noise
            self.text = self.text.replace("\xad", "")
        self.lines: list[tuple[float, list[str]]] = []
        self.width = self.height = 0.0
        self._para: Paragraph | None = None  # a real Paragraph, when the text leaves the simple case

    # ------------------------------------------------------------ breaking

    def _cjk_lines(self, width: float) -> list[tuple[float, list[str]]]:
        # The clreq breaker (exhibit/printing/linebreak.py), not reportlab's dumbSplit:
        # dumbSplit starts lines with "，" after a hanging mark and ends them with "“".
        k = 0.001 * self.style.fontSize       # as stringWidth computes it, character by character

        def measure(s: str) -> float:
            return k * _units(s)

        return [(space, [line]) for space, line in break_lines(self.text, width, measure)]

    def _en_lines(self, width: float) -> list[tuple[float, list[str]]] | None:
        """Paragraph.breakLines for one plain fragment, or None when a word needs splitting."""
        words = _words(self.text)
        if not words:
            return []
        k = 0.001 * self.style.fontSize       # as stringWidth computes it: k × the sum of advances
        space = k * _units(" ")
        shrink = self.style.spaceShrinkage * space
        lines: list[tuple[float, list[str]]] = []
        line: list[str] = []
        current = -space
        for word, units in words:
            word_width = k * units
            if word_width > width:
                return None            # Paragraph would split the word: let it
            new = current + space + word_width
            if new <= width + shrink * len(line) or not line:
                line.append(word)
                current = new
            else:
                lines.append((width - current, line))
                line, current = [word], word_width
        if line:
            lines.append((width - current, line))
        return lines

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._para is None:
            lines = self._cjk_lines(avail_width) if self.cjk else self._en_lines(avail_width)
            if lines is not None:
                self.lines, self.width = lines, avail_width
                self.height = len(lines) * self.style.leading
                return self.width, self.height
            self._para = self._paragraph()
        return self._para.wrap(avail_width, avail_height)

    def _paragraph(self) -> Paragraph:
        from reportlab.platypus import Paragraph

        from exhibit.printing.pdfwrite import escape

        return Paragraph(escape(self.text), self.style)

    # ------------------------------------------------------------ drawing

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        if self._para is not None:
            self._para.drawOn(canvas, x, y, _sW)
            return
        if not self.lines:
            return
        st = self.style
        # Paragraph.drawOn → drawPara: translate, first baseline one font size below the top
        # (rl_config.paraFontSizeHeightOffset), one text object, a line feed per line.
        canvas.saveState()
        canvas.translate(x, y)
        canvas.setFillColor(st.textColor)
        tx = canvas.beginText(0, self.height - st.fontSize)
        tx.setFont(st.fontName, st.fontSize, st.leading)
        for extra, words in self.lines:
            text = " ".join(words)
            spaces = len(words) + text.count("\xa0") - 1
            if extra > -1e-8 or spaces <= 0:
                tx._textOut(text, 1)
            else:                      # a line that uses the allowed overrun: close up its spaces
                tx.setWordSpace(extra / float(spaces))
                tx._textOut(text, 1)
                tx.setWordSpace(0)
        canvas.drawText(tx)
        canvas.restoreState()
