"""textlines.Lines: English broken and drawn exactly as reportlab's Paragraph would, in the Latin
face; Chinese and mixed text in runs of two faces, spaced and compressed as clreq asks."""
from __future__ import annotations

import io
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from exhibit.printing.fit import style
from exhibit.printing.fonts import FONT, LATIN, clean_text, faces_of, is_cjk, register
from exhibit.printing.pdfwrite import escape
from exhibit.printing.textlines import LATIN_GAP, Lines, shape

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
    return [(round(space, 6), list(words)) for space, words in lines.lines], round(h, 6)


def _word_wider_than(text: str, st_, width: float) -> bool:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return any(stringWidth(w, st_.fontName, st_.fontSize) > width for w in text.split())


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
    if any(is_cjk(ch) for ch in text):
        return                                    # Chinese in English text takes the CJK face: Paragraph cannot
    if _word_wider_than(text, st_, width):
        return                                    # a word wider than the line: cut (tested below)
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


def test_english_is_drawn_where_a_paragraph_draws_it():
    from reportlab.platypus import Paragraph

    register()
    text = "The Tenth Army held Hengyang for forty-seven days against a far larger force. " * 4
    st_ = style("body", "en", 11.0)
    assert st_.fontName == LATIN
    ours = _draw(Lines(text, st_), 300)
    theirs = _draw(Paragraph(escape(text), st_), 300)
    assert len(ours) >= 3
    # Same runs at the same places (pypdf adds a line feed after a Paragraph's last line).
    assert [(t.strip(), *r) for t, *r in ours] == [(t.strip(), *r) for t, *r in theirs]


def _faces(flow: Lines) -> list[tuple[str, str]]:
    return [(face, part) for _, a, b, squeeze in flow.spans for _, face, part in flow.runs(a, b, squeeze)]


def test_mixed_text_is_set_in_two_faces_by_script():
    register()
    flow = Lines("1944年6月 · Paper · 60 × 45 cm · 衡阳 Hengyang", style("meta", "mixed", 11.0))
    flow.wrap(1000, 1e6)
    runs = _faces(flow)
    assert {face for face, _ in runs} == {FONT, LATIN}
    for face, part in runs:
        if any("\u4e00" <= ch <= "\u9fff" for ch in part):
            assert face == FONT, runs
        if any(ch.isascii() and ch.isalnum() for ch in part):
            assert face == LATIN, runs


@pytest.mark.parametrize("text,latin", [
    ("The notice says “Commander Xue Yue”, Harbour’s Mouth — can’t.", "“”’’—"),
    ("“You can’t hold it,” he said. 他没有回答。", "“’,”"),
    ("He wrote ‘衡阳’ in English.", "‘’"),
])
def test_quotes_apostrophes_and_dashes_in_english_are_latin(text, latin):
    faces = faces_of(text)
    for ch in latin:
        for i, c in enumerate(text):
            if c == ch:
                assert faces[i] == LATIN, f"{ch!r} at {i} set in {faces[i]}"


@pytest.mark.parametrize("text,cjk", [
    ("美国记者称之为“the Stalingrad of the East”。", "“”。"),
    ("他们说：“‘死守’二字，写在每个人心里。”", "“‘’”："),
    ("城南的阵地——张家山——七次易手。", "——"),
])
def test_quotes_and_dashes_in_chinese_are_full_width(text, cjk):
    faces = faces_of(text)
    for i, c in enumerate(text):
        if c in cjk:
            assert faces[i] == FONT, f"{c!r} at {i} set in {faces[i]}"


def test_latin_inside_chinese_gets_a_quarter_em_and_a_typed_space_counts_the_same():
    register()
    spaced, tight = shape(_clean_for("约 1944 年"), cjk=True), shape(_clean_for("约1944年"), cjk=True)
    assert spaced.text == tight.text == "约1944年"
    assert spaced.pre[1] == LATIN_GAP and spaced.pre[5] == LATIN_GAP
    assert spaced.offsets[-1] == pytest.approx(tight.offsets[-1])
    # At the start of a line the gap goes: "1944" opens the second line flush with the first.
    flow = Lines("代表自1939年起守卫湖南的第九战区", style("body", "zh", 10.0))
    flow.wrap(35, 1e6)
    starts = [flow.runs(a, b)[0][0] for _, a, b, _ in flow.spans]
    assert starts == [0.0] * len(starts)


def _clean_for(text: str) -> str:
    return Lines(text, style("body", "zh", 10.0)).text


def test_the_sign_between_dimensions_has_the_same_space_on_both_sides():
    """"高26 × 宽18厘米" printed as "高 26 ×宽 18 厘米" when × (U+00D7, in Latin-1's letter range)
    was taken for a letter and the space between it and 宽 dropped."""
    register()
    for text in ("高26 × 宽18厘米", "高28 × 宽23 × 深15厘米", "长3 ÷ 2"):
        flow = Lines(text, style("meta", "mixed", 14.0))
        assert flow.text == text
        sh = flow.shape
        for i, ch in enumerate(text):
            if ch in "×÷":
                before = sh.offsets[i] - sh.offsets[i - 2]      # the space and the digit's blank
                after = sh.offsets[i + 2] + sh.pre[i + 2] - sh.offsets[i + 1]
                assert sh.adv[i - 1] == sh.adv[i + 1] > 0 and after == pytest.approx(sh.adv[i + 1]), text
                assert before > 0


@pytest.mark.parametrize("pair", ["。」", "），", "。“", "”，", "（“", "《「"])
def test_adjacent_full_width_punctuation_is_compressed_by_half_an_em(pair):
    register()
    def width(marks: str) -> float:              # the marks' advance inside Chinese text
        return shape("衡" + marks + "阳").offsets[-1] - shape("衡阳").offsets[-1]

    alone = sum(width(ch) for ch in pair)
    assert alone == pytest.approx(2.0)              # each mark alone is full-width
    together = width(pair)
    assert together == pytest.approx(alone - 0.5)


def test_markup_line_breaks_and_long_words_are_set_as_typed():
    register()
    flow = Lines("Badge <img src='x'/> & pin", style("body", "en", 10))
    flow.wrap(400, 1e6)
    assert [w for _, words in flow.lines for w in words] == ["Badge", "<img", "src='x'/>", "&", "pin"]
    flow = Lines("first line\nsecond line", style("body", "en", 10))
    flow.wrap(400, 1e6)
    assert [" ".join(words) for _, words in flow.lines] == ["first line", "second line"]
    flow = Lines("第一行\n第二行", style("body", "zh", 10))
    flow.wrap(400, 1e6)
    assert [words[0] for _, words in flow.lines] == ["第一行", "第二行"]
    long_word = Lines("x" * 400, style("body", "en", 10))
    long_word.wrap(100, 1e6)
    assert len(long_word.lines) > 1 and "".join(w for _, words in long_word.lines for w in words) == "x" * 400
    assert all(unused >= -1e-6 for unused, _ in long_word.lines)      # every piece fits its line
    centred = Lines("衡阳保卫战", style("title", "zh", 20, align="center"), align="center")
    centred.wrap(400, 1e6)
    assert centred.align == "center" and centred.lines[0][0] > 0
