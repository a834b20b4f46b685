"""Reading a dimensions text takes short cuts (issue #16: an import reads ~10,000 distinct
texts per 20,000 rows) and must read every text as the plain reader does.

Kept here as the reference: the tokenizer as first written (one match per token, spaces
included, each Latin word looked up list by list, each run of Han characters matched
character by character) and the JSON as json.dumps writes it. The fast tokenizer, the import's
JSON of a text (dimensions_json, weight_json) and the texts it settles at once (_normal,
_not_known) are held to them on mixes of the words catalogues write and on any text.
"""
from __future__ import annotations

import json
import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from exhibit import dimensions as d

PLAIN_LEX = re.compile(r"""
    (?P<nl>[\n\r\u2028\u2029\u3002]+)
  | (?P<space>[^\S\n\r\u2028\u2029]+)
  | (?P<num>[0-9]+(?:[.,][0-9]+)*)
  | (?P<latin>[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+\.?)
  | (?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)
  | (?P<inch>''|\u2032\u2032|"|\u201c|\u201d|\u2033)
  | (?P<foot>'|\u2032|\u2019)
  | (?P<sym>.)
""", re.VERBOSE | re.DOTALL)


def plain_latin(text: str, start: int, end: int) -> list[tuple]:
    word = text.casefold().rstrip(".")
    if word in d._LATIN_UNITS:
        unit, name, factor = d._LATIN_UNITS[word]
        return [("unit", text, start, end, unit, name, factor)]
    for words, kind in ((d._LATIN_LABELS, "label"), (d._LATIN_TIMES, "times"), (d._LATIN_QUALIFIERS, "qual"),
                        (d._LATIN_AND, "comma"), (d._LATIN_NOISE, "noise")):
        if word in words:
            return [(kind, text, start, end, d._LATIN_LABELS[word] if kind == "label" else "", "", 1.0)]
    if len(word) > 1 and word.endswith("x") and word[:-1] in d._LATIN_UNITS:
        return [*plain_latin(text[:len(word) - 1], start, end - 1), ("times", "x", end - 1, end, "", "", 1.0)]
    return [("word", text, start, end, "", "", 1.0)]


def plain_han(run: str, offset: int) -> list[tuple]:
    toks: list[tuple] = []
    i, loose = 0, -1
    while i < len(run):
        for n in range(min(d._HAN_LONGEST, len(run) - i), 0, -1):
            hit = d._HAN.get(run[i:i + n])
            if hit is not None:
                break
        else:
            loose = i if loose < 0 else loose
            i += 1
            continue
        kind, what = hit
        s, e = offset + i, offset + i + n
        prefix = run[loose:i] if loose >= 0 else ""
        if prefix and kind != "label":
            toks.append(("word", prefix, offset + loose, s, "", "", 1.0))
        loose = -1
        if kind == "unit":
            unit, name, factor = d._HAN_UNIT_NAMES.get(what, (what, what, 1.0))
            toks.append(("unit", run[i:i + n], s, e, unit, name, factor))
        elif kind == "label":
            toks.append(("label", prefix + run[i:i + n], s - len(prefix), e, what, prefix, 1.0))
        else:
            toks.append((kind, run[i:i + n], s, e, "", "", 1.0))
        i += n
    if loose >= 0:
        toks.append(("word", run[loose:], offset + loose, offset + len(run), "", "", 1.0))
    return toks


def plain_tokens(s: str) -> list[d._Tok]:
    toks: list[tuple] = []
    for m in PLAIN_LEX.finditer(s):
        kind, text, start, end = m.lastgroup or "sym", m.group(), m.start(), m.end()
        if kind == "space":
            continue
        if kind == "nl":
            toks.append(("semi", text, start, end, "", "", 1.0))
        elif kind == "num":
            toks.append(("num", text, start, end, "", "", 1.0))
        elif kind == "latin":
            toks += plain_latin(text, start, end)
        elif kind == "han":
            toks += plain_han(text, start)
        elif kind == "inch":
            toks.append(("unit", text, start, end, "in", "in", 1.0))
        elif kind == "foot":
            toks.append(("unit", text, start, end, "in", "ft", 12.0))
        else:
            tok = d._symbol(text, start)
            toks.append((tok.kind, text, start, end, tok.unit, "", 1.0))
    made = [d._Tok(kind, text, start, end, unit=unit, name=name, factor=factor)
            if kind != "num" else d._Tok("num", text, start, end, value=d._number(text), whole=text.isdigit())
            for kind, text, start, end, unit, name, factor in toks]
    return d._compounds(d._fractions(made))  # always, as the plain tokenizer did


def as_tuples(toks: list[d._Tok]) -> list[tuple]:
    return [(t.kind, t.text, t.start, t.end, t.value, t.unit, t.name, t.factor, t.whole, t.bracketed) for t in toks]


FRAGMENTS = st.sampled_from([
    "28", "1/2", "12", "3.5", "1,200", "½", " ", "  ", "\t", "\u00a0", "\u3000", "x", "X", "×", "*", "by", "cm",
    "cmx", "mm", "in", "in.", '"', "'", "''", "′", "ft", "kg", "lb", "oz", "g", "H", "W.", "D", "diam.", "⌀",
    "high", "c.", "approx.", "~", "and", "support", "frame", "sheet", "dims", ":", ";", ",", ".", "(", ")", "[",
    "]", "-", "–", "/", "|", "&", "?", "\n", "\r\n", "。", "高", "宽", "厚", "纵", "横", "口径", "通高", "重", "约",
    "左右", "许", "厘米", "毫米", "千克", "公斤", "英尺", "寸", "尺寸", "和", "、", "，", "（", "）", "：", "２８",
    "Ｘ", "é", "Ø", "dimensions variable", "unknown", "不详", "big"])
MIXES = st.lists(FRAGMENTS, max_size=16).map("".join)


def outcome(read, text: str) -> object:
    try:
        return read(text)
    except d.DimensionsUnreadable as exc:
        return ("unreadable", str(exc))


@given(st.one_of(MIXES, MIXES, st.text(max_size=40)))
@settings(max_examples=4000, deadline=None)
def test_tokens_are_the_plain_tokenizer_s(text: str) -> None:
    for s in (d._normal(text), text):  # as read, and with spaces or line breaks at either end
        assert outcome(lambda t: as_tuples(d._tokens(t)), s) == outcome(lambda t: as_tuples(plain_tokens(t)), s)


@given(st.one_of(MIXES, st.text(max_size=40)))
@settings(max_examples=3000, deadline=None)
def test_normal_and_not_known_are_the_plain_ones(text: str) -> None:
    plain = unicodedata.normalize("NFKC", text.translate(d._PRE)).strip()
    assert d._normal(text) == plain
    key = "".join(ch for ch in plain.casefold() if ch.isalnum())
    assert d._not_known(plain) == (key in d._NOT_KNOWN or plain in d._NOT_KNOWN_MARKS)


def test_no_text_that_says_the_size_is_unknown_has_a_digit() -> None:
    """_not_known answers at once for a text with a digit."""
    assert not any(ch.isdigit() for word in d._NOT_KNOWN | d._NOT_KNOWN_MARKS for ch in word)


def plain_json(found: list[d.Measurement]) -> tuple[str, ...]:
    rows = []
    for m in found:
        row: dict[str, object] = {"dimension": m.dimension,
                                  "value": int(m.value) if m.value.is_integer() and abs(m.value) < 2 ** 53 else m.value,
                                  "unit": m.unit}
        if m.part:
            row["part"] = m.part
        if m.qualifier:
            row["qualifier"] = m.qualifier
        rows.append(json.dumps(row, ensure_ascii=False, separators=(",", ":")))
    return tuple(rows)


@given(st.one_of(MIXES, st.text(max_size=40)))
@settings(max_examples=3000, deadline=None)
def test_the_import_s_json_of_a_text_is_that_of_its_measurements(text: str) -> None:
    for parse, as_json in ((d.parse_dimensions, d.dimensions_json), (d.parse_weight, d.weight_json)):
        found = outcome(parse, text)
        expected = found if isinstance(found, tuple) else plain_json(found)
        assert outcome(as_json, text) == expected
        if not isinstance(found, tuple):
            assert d.to_json(found) == (f"[{','.join(expected)}]" if expected else "")


@given(st.lists(st.builds(d.Measurement, st.sampled_from(d.DIMENSIONS[:-1]),
                          st.floats(min_value=1e-300, max_value=1e300) | st.integers(1, 2 ** 60).map(float),
                          st.sampled_from(d.LENGTH_UNITS), st.text(max_size=8), st.sampled_from(d.QUALIFIERS)),
                max_size=4))
@settings(max_examples=1000, deadline=None)
def test_to_json_writes_what_json_dumps_writes(found: list[d.Measurement]) -> None:
    assert d.to_json(found) == (f"[{','.join(plain_json(found))}]" if found else "")
    assert d.from_json(d.to_json(found)) == found
