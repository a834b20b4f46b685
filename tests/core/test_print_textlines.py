"""textlines.Lines breaks and draws label text exactly as reportlab's Paragraph would."""
from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exhibit.printing.content import Block
from exhibit.printing.fit import paragraph, style
from exhibit.printing.fonts import FONT, clean_text, register
from exhibit.printing.pdfwrite import escape
from exhibit.printing.textlines import Lines

ZH = "衡阳保卫战第十军方先觉守城四十七天日军伤亡惨重，。、；：“”（）《》！？"
EN = "The defenders held line at Hengyang for forty-seven days, (1944) “quoted” it's —"
WORDS = st.lists(st.sampled_from(EN.split() + ["", "  ", "\u3000", "\xa0", "1944–45", "Xiangjiang"]),
                 min_size=1, max_size=60).map(" ".join)
CHARS = st.text(alphabet=ZH + EN + " \u3000", min_size=1, max_size=300)


def reportlab_lines(text: str, st_, width: float):
    from reportlab.platypus import Paragraph

    p = Paragraph(escape(text), st_)
    _, h = p.wrap(width, 1e6)
    lines = [(round(space, 6), [str(w) for w in words]) for space, words in p.blPara.lines]
    return lines, round(h, 6)


def our_lines(text: str, st_, width: float):
    lines = Lines(text, st_)
    _, h = lines.wrap(width, 1e6)
    assert lines._para is None, "fell back to a Paragraph"
    return [(round(space, 6), list(words)) for space, words in lines.lines], round(h, 6)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.one_of(WORDS, CHARS), size=st.sampled_from([8.0, 9.5, 12.0, 24.0, 31.5]),
       width=st.floats(min_value=120, max_value=700), lang=st.sampled_from(["zh", "mixed", "en"]))
def test_same_lines_as_a_paragraph(text, size, width, lang):
    register()
    text = clean_text(text)
    if not text.strip():
        return
    st_ = style("body", lang, size)
    if lang != "en":       # Chinese takes the clreq breaker, not reportlab's (test_print_linebreak.py)
        lines, _ = our_lines(text, st_, width)
        assert re.sub(r"\s+", "", "".join(w[0] for _, w in lines)) == re.sub(r"\s+", "", text)
        return
    if any(Lines(w, st_)._en_lines(width) is None for w in [text]):
        return                                    # a word wider than the line: Paragraph splits it
    assert our_lines(text, st_, width) == reportlab_lines(text, st_, width)


def _draw(flowable, width: float) -> list[tuple[str, float, float]]:
    from reportlab.pdfgen.canvas import Canvas

    buf = io.BytesIO()
    canvas = Canvas(buf, pagesize=(800, 800), initialFontName=FONT)
    _, h = flowable.wrap(width, 1e6)
    flowable.drawOn(canvas, 40, 760 - h)
    canvas.showPage()
    canvas.save()
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((text, round(cm[4] + tm[4], 3), round(cm[5] + tm[5], 3), round(size * tm[0], 3)))

    PdfReader(io.BytesIO(buf.getvalue())).pages[0].extract_text(visitor_text=visit)
    return runs


@pytest.mark.parametrize("lang,text", [
    ("zh", "方先觉率第十军守衡阳四十七天，“孤城”之名由此而来。" * 4),
    ("en", "The Tenth Army held Hengyang for forty-seven days against a far larger force. " * 4),
    ("mixed", "1944年 · Paper · 60 × 45 cm · 衡阳 Hengyang " * 3),
])
def test_drawn_where_a_paragraph_draws(lang, text):
    from reportlab.platypus import Paragraph

    register()
    st_ = style("body", lang, 11.0)
    ours = _draw(Lines(text, st_), 300)
    theirs = _draw(Paragraph(escape(text), st_), 300)
    assert len(ours) >= 3 and [r[1:] for r in ours] == [r[1:] for r in theirs]   # same baselines, size
    joined = [re.sub(r"\s+", "", "".join(r[0] for r in runs)) for runs in (ours, theirs)]
    assert joined[0] == joined[1]
    if lang == "en":       # Chinese lines may break elsewhere: the clreq breaker (test_print_linebreak.py)
        assert ours == theirs


def test_markup_and_line_breaks_go_to_a_real_paragraph():
    from reportlab.platypus import Paragraph

    register()
    for text in ("Badge <img src='x'/> & pin", "first line\nsecond line", "soft\xadhyphen"):
        assert isinstance(paragraph(Block("body", "en", text), 10), Paragraph)
    assert isinstance(paragraph(Block("body", "en", "plain text"), 10), Lines)
    assert isinstance(paragraph(Block("body", "en", "plain text"), 10, align="center"), Paragraph)
    long_word = Lines("x" * 400, style("body", "en", 10))
    long_word.wrap(100, 1e6)
    assert long_word._para is not None               # split as Paragraph splits long words
