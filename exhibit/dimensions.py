"""Dimensions and weight as data: reading what curators and museum catalogues write
("28 × 23 × 15 cm", "support: 394 x 419 mm", "H. 11 1/4 in. (28.6 cm)", "高28、宽23厘米",
"口径12厘米", "约850克") into Measurements, and writing them back as display text and JSON.

The object keeps its dimensions and weight texts as written; the measurements are derived from
them on every save (as date ranges are derived from date text), so sorting, export (LIDO
objectMeasurementsSet) and search never have to re-read free text. parse_dimensions() raises
DimensionsUnreadable, with a short English reason, for a text it cannot read sensibly; the
caller keeps the text and warns. Nothing but DimensionsUnreadable ever escapes it, and it reads
in one pass over the text (no backtracking regex), so hostile input of any length is safe.

Conventions (read by parse_*, written by describe(), so a described list reads back equal):
- Unlabelled numbers are H × W × D in order (the museum convention): one number is a height,
  two are height and width; more than three need labels. A weight unit makes a weight.
- A unit after several numbers applies to every number before it that has none ("28 × 23 cm",
  "高28、宽23厘米"). A unit is required: "28 x 23" is refused, not guessed.
- Values keep the unit as written, with two exceptions that have no unit of their own: feet
  become inches ("5 ft" = 60 in) and a compound amount becomes its smaller unit exactly
  ("5 ft 6 in" = 66 in, "2 lb 3 oz" = 35 oz: one weight, not two to be added up later).
  in_mm() and in_grams() convert for sorting and export.
- Traditional Chinese units (寸, 尺, 斤, 两) are refused: their size changed with period and
  place, so the text is kept and the curator asked to write metric units.
- A part is kept as written: "support: …", "(support)" after the numbers, a known part word
  before them ("frame 60 × 70 cm"), or a Chinese prefix of a label (口径 = diameter of 口,
  通高 = height of 通, 底径, 腹径). 厚 is thickness, 深 depth, 纵 height, 横 width.
- "c.", "ca.", "approx.", "about", "~", 约, 大约 before a group ("c. 28 x 23 cm", "约高28厘米"),
  or 左右 / 许 / "approx." after it, make every measurement of the group approximate;
  after a label ("H c. 28", "高约28") only that measurement.
- A bracketed group in the other system repeats the one before it ("31.8 × 20.3 cm (12 1/2 ×
  8 in.)", "H. 11 1/4 in. (28.6 cm)"): the metric one is kept, with the labels of either.
- "28,5" is 28.5, "1,200" is 1200 (a comma before exactly three digits groups thousands).
- "dimensions variable", "unknown", "尺寸不一", "不详" and the like are no measurement at all
  ([]), as "n.d." is no date; "various", "big" or "28 x 23" are unreadable.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import deque
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

DIMENSIONS = ("height", "width", "depth", "diameter", "length", "thickness", "weight")
LENGTH_UNITS = ("mm", "cm", "m", "in")
WEIGHT_UNITS = ("g", "kg", "lb", "oz")
UNITS = LENGTH_UNITS + WEIGHT_UNITS
QUALIFIERS = ("", "approximate")
POSITIONAL = ("height", "width", "depth")   # what unlabelled numbers mean, in order

_MM = {"mm": 1.0, "cm": 10.0, "m": 1000.0, "in": 25.4}
_GRAMS = {"g": 1.0, "kg": 1000.0, "lb": 453.59237, "oz": 28.349523125}
_METRIC = frozenset(("mm", "cm", "m", "g", "kg"))
_KEYS = ("dimension", "value", "unit", "part", "qualifier")


@dataclass(frozen=True)
class Measurement:
    dimension: str       # one of DIMENSIONS
    value: float         # > 0, in unit, as written (no conversion)
    unit: str            # one of UNITS; a weight has a weight unit, every other dimension a length unit
    part: str = ""       # the part measured as written ("support", "frame", "口"), "" if none
    qualifier: str = ""  # one of QUALIFIERS

    def __post_init__(self) -> None:
        # Checked here so from_json and hand-built lists cannot hold what no text would give.
        if self.dimension not in DIMENSIONS:
            raise ValueError(f"unknown dimension {self.dimension!r}")
        if self.unit not in UNITS:
            raise ValueError(f"unknown unit {self.unit!r}")
        if (self.dimension == "weight") != (self.unit in WEIGHT_UNITS):
            raise ValueError(f"{self.unit} is not a unit of {self.dimension}")
        v = self.value
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v <= 0:
            raise ValueError(f"a measurement must be a number more than zero, not {v!r}")
        object.__setattr__(self, "value", float(v))
        if not isinstance(self.part, str):
            raise ValueError(f"a part is text, not {self.part!r}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown qualifier {self.qualifier!r}")


class DimensionsUnreadable(ValueError):
    """Text that holds no measurement we can read sensibly; str() is a short English reason."""


def in_mm(m: Measurement) -> float | None:
    """The length in millimetres (for sorting and export); None for a weight."""
    factor = _MM.get(m.unit)
    return None if factor is None else m.value * factor


def in_grams(m: Measurement) -> float | None:
    """The weight in grams; None for a length."""
    factor = _GRAMS.get(m.unit)
    return None if factor is None else m.value * factor


# --- words -----------------------------------------------------------------------------

# Latin words, casefolded and without a final dot. A unit is (unit written out, name, factor):
# name is what compound amounts match on ("ft" then "in"), factor converts to the unit.
_LATIN_UNITS: dict[str, tuple[str, str, float]] = {}
for _names, _unit, _factor, _name in (
        ("mm millimetre millimetres millimeter millimeters", "mm", 1.0, "mm"),
        ("cm cms centimetre centimetres centimeter centimeters", "cm", 1.0, "cm"),
        ("m metre metres meter meters", "m", 1.0, "m"),
        ("in ins inch inches", "in", 1.0, "in"),
        ("ft feet foot", "in", 12.0, "ft"),
        ("g gm gms gram grams gramme grammes", "g", 1.0, "g"),
        ("kg kgs kilo kilos kilogram kilograms kilogramme kilogrammes", "kg", 1.0, "kg"),
        ("lb lbs pound pounds", "lb", 1.0, "lb"),
        ("oz ounce ounces", "oz", 1.0, "oz")):
    for _w in _names.split():
        _LATIN_UNITS[_w] = (_unit, _name, _factor)

_LATIN_LABELS: dict[str, str] = {}
for _names, _dim in (
        ("h ht hgt height heights high tall", "height"),
        ("w wd width widths wide breadth", "width"),
        ("d dp depth depths deep", "depth"),
        ("diam dia diameter diameters ø", "diameter"),
        ("l len length lengths long", "length"),
        ("t th thk thick thickness", "thickness"),
        ("wt weight weighs weighing", "weight")):
    for _w in _names.split():
        _LATIN_LABELS[_w] = _dim

_LATIN_QUALIFIERS = frozenset("c ca circa approx approximately about around abt".split())
_LATIN_TIMES = frozenset(("x", "by"))
_LATIN_AND = frozenset(("and",))
# Headings and notes that say nothing about the numbers.
_LATIN_NOISE = frozenset("""dimensions dimension dims dim size sizes measurements measurement measured
    irregular irreg max maximum each""".split())
# Words that name a part without a colon ("frame 60 × 70 cm", "394 × 419 mm support");
# after any other word a colon is needed ("mount board: …"), so stray text is not taken for one.
_PART_WORDS = frozenset("""support frame framed unframed image sheet plate mark platemark mount
    mounted overall base lid object box case stand page paper canvas stretcher panel displayed
    display sight mat block blade handle hilt scabbard sheath cover book volume closed open
    vessel body foot neck mouth rim""".split()) | frozenset("""框 外框 内框 镜框 画心 画芯 托 裱
    装裱 底座 座 盖 器身 纸本 本体 卷 册""".split())

# Chinese, read by longest match inside a run of Han characters. Any other character in the
# run is a word; directly before a label it is that label's part (口径, 通高, 底径).
_HAN: dict[str, tuple[str, str]] = {}
for _names, _kind, _what in (
        ("毫米 公厘", "unit", "mm"), ("厘米 公分", "unit", "cm"), ("米 公尺", "unit", "m"),
        ("英寸 吋", "unit", "in"), ("英尺 呎", "unit", "ft"), ("克 公克", "unit", "g"),
        ("千克 公斤", "unit", "kg"), ("磅", "unit", "lb"), ("盎司 盎斯", "unit", "oz"),
        ("寸 尺 丈 分 市寸 市尺 斤 两 市斤", "refused", ""),
        ("高 高度", "label", "height"), ("纵", "label", "height"),
        ("宽 宽度 阔 横", "label", "width"), ("深 深度", "label", "depth"),
        ("直径 径", "label", "diameter"), ("长 长度", "label", "length"),
        ("厚 厚度", "label", "thickness"), ("重 重量", "label", "weight"),
        ("约 大约 约略", "qual", ""), ("左右 许", "postqual", ""),
        ("尺寸 规格 大小 为 是", "noise", ""), ("和 及", "comma", "")):
    for _w in _names.split():
        _HAN[_w] = (_kind, _what)
_HAN_LONGEST = max(len(w) for w in _HAN)
_HAN_UNIT_NAMES = {"ft": ("in", "ft", 12.0)}

_TIMES_SYMBOLS = frozenset("×*✕✖⨯╳")
_QUAL_SYMBOLS = frozenset("~≈")
_DASHES = frozenset("-‐‑‒–—―−")

# Whole texts that say the size is not known: no measurements, not an error.
_NOT_KNOWN = frozenset("""dimensionsvariable variabledimensions dimensionvariable sizevariable variable
    variablesize sizesvary displaydimensionsvariable overalldisplaydimensionsvariable
    installationdimensionsvariable dimensionsunknown unknown notknown sizeunknown weightunknown
    notmeasured unmeasured na 尺寸不一 尺寸不详 尺寸不明 尺寸未知 尺寸可变 不详 不明 未知 未测
    未测量 不一 重量不详 重量不明 重量未知""".split())
_NOT_KNOWN_MARKS = frozenset(("-", "–", "—", "--", "?", "/"))

# Before NFKC: vulgar fractions become " n/d " (NFKC alone would glue "12½" into "121/2"),
# and the Chinese comma a list comma (NFKC makes it ",", which would read "28，5" as 28.5).
_PRE = {ord("，"): "、"}
for _cp in (*range(0xBC, 0xBF), *range(0x2150, 0x215F), 0x2189):
    _nfkc = unicodedata.normalize("NFKC", chr(_cp))
    if re.fullmatch(r"\d+\u2044\d+", _nfkc):
        _PRE[_cp] = " " + _nfkc.replace("\u2044", "/") + " "

# One pass, one token per match; every alternative consumes what it matches without
# backtracking further than one character, and the last takes any other single character.
# The spaces before a token are part of its match, outside its group: they only separate
# tokens (every other kind of white space is a line break, nl), and skipping them inside
# the pattern halves the matches a text takes.
_LEX = re.compile(r"""
    [^\S\n\r\u2028\u2029]*
    (?:
        (?P<nl>[\n\r\u2028\u2029\u3002]+)
      | (?P<num>[0-9]+(?:[.,][0-9]+)*)
      | (?P<latin>[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+\.?)
      | (?P<han>[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+)
      | (?P<inch>''|\u2032\u2032|"|\u201c|\u201d|\u2033)
      | (?P<foot>'|\u2032|\u2019)
      | (?P<sym>\S)
    )
""", re.VERBOSE)
_KIND_OF_GROUP = {number: name for name, number in _LEX.groupindex.items()}


@dataclass(slots=True)  # slots: a text makes a dozen of these, ~30 % sooner than with a __dict__
class _Tok:
    kind: str        # num unit label qual postqual times comma semi colon lparen rparen slash dash
    #                  word noise refused other
    text: str
    start: int
    end: int
    value: float = 0.0
    unit: str = ""   # unit: the unit it gives; label: the dimension
    name: str = ""   # unit: the unit as named ("ft"); label: the part prefix (口 of 口径)
    factor: float = 1.0
    whole: bool = False   # num: written as a whole number (can start a mixed number)
    bracketed: bool = False  # word: a bracketed note, taken as a part wherever it stands


def _reason(message: str) -> DimensionsUnreadable:
    return DimensionsUnreadable(message)


def _clip(text: str, limit: int = 40) -> str:
    """Text quoted in a reason, short enough for a warning line."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _number(text: str) -> float:
    """'28', '28.5', '28,5' (decimal comma), '1,200' and '1,234.5' (thousands)."""
    if "," not in text:
        if text.count(".") > 1:
            raise _reason(f"cannot read the number {_clip(text)}")
        return float(text)
    head, *groups = text.split(",")
    last = groups[-1]
    if len(groups) == 1 and "." not in text and 1 <= len(last) <= 2:
        return float(f"{head}.{last}")
    tail = last.split(".")
    if "." not in head and all(len(g) == 3 and "." not in g for g in groups[:-1]) \
            and len(tail[0]) == 3 and len(tail) <= 2 and head != "0":
        return float(head + "".join(groups))
    raise _reason(f"cannot read the number {_clip(text)}")


def _latin(text: str, start: int, end: int) -> list[_Tok]:
    word = text.casefold().rstrip(".")
    known = _LATIN_WORDS.get(word)
    if known is not None:
        kind, unit, name, factor = known
        return [_Tok(kind, text, start, end, unit=unit, name=name, factor=factor)]
    # "28cmx23cm": a unit glued to the × that follows it
    if len(word) > 1 and word.endswith("x") and word[:-1] in _LATIN_UNITS:
        return [*_latin(text[:len(word) - 1], start, end - 1), _Tok("times", "x", end - 1, end)]
    return [_Tok("word", text, start, end)]


# Every Latin word above as the token it makes: (kind, unit, name, factor), looked up once.
# Made in reverse order of precedence, so a word in two lists is what the first says.
_LATIN_WORDS: dict[str, tuple[str, str, str, float]] = {
    **{w: ("noise", "", "", 1.0) for w in _LATIN_NOISE},
    **{w: ("comma", "", "", 1.0) for w in _LATIN_AND},
    **{w: ("qual", "", "", 1.0) for w in _LATIN_QUALIFIERS},
    **{w: ("times", "", "", 1.0) for w in _LATIN_TIMES},
    **{w: ("label", dim, "", 1.0) for w, dim in _LATIN_LABELS.items()},
    **{w: ("unit", unit, name, factor) for w, (unit, name, factor) in _LATIN_UNITS.items()},
}


def _han(run: str, offset: int) -> list[_Tok]:
    """A run of Han characters by longest match; unknown characters make words or parts."""
    return [_Tok(kind, text, offset + start, offset + end, unit=unit, name=name, factor=factor)
            for kind, text, start, end, unit, name, factor in _han_tokens(run)]


# A catalogue's Chinese runs are a few words (高, 宽, 厘米, 口径, 约 …): each read once.
@lru_cache(maxsize=2048)
def _han_tokens(run: str) -> tuple[tuple[str, str, int, int, str, str, float], ...]:
    """_han's tokens of `run` at offset 0, as (kind, text, start, end, unit, name, factor)."""
    toks: list[tuple[str, str, int, int, str, str, float]] = []
    i, loose = 0, -1     # loose: where the current run of unknown characters began
    while i < len(run):
        for n in range(min(_HAN_LONGEST, len(run) - i), 0, -1):
            hit = _HAN.get(run[i:i + n])
            if hit is not None:
                break
        else:
            if loose < 0:
                loose = i
            i += 1
            continue
        kind, what = hit
        s, e = i, i + n
        prefix = run[loose:i] if loose >= 0 else ""
        if prefix and kind != "label":
            toks.append(("word", prefix, loose, s, "", "", 1.0))
        loose = -1
        if kind == "unit":
            unit, name, factor = _HAN_UNIT_NAMES.get(what, (what, what, 1.0))
            toks.append(("unit", run[i:i + n], s, e, unit, name, factor))
        elif kind == "label":
            toks.append(("label", prefix + run[i:i + n], s - len(prefix), e, what, prefix, 1.0))
        else:
            toks.append((kind, run[i:i + n], s, e, "", "", 1.0))
        i += n
    if loose >= 0:
        toks.append(("word", run[loose:], loose, len(run), "", "", 1.0))
    return tuple(toks)


_SYMBOL_KINDS = {":": "colon", ";": "semi", "|": "semi", ".": "semi", ",": "comma", "、": "comma", "&": "comma",
                 "(": "lparen", "[": "lparen", ")": "rparen", "]": "rparen", "/": "slash"}


def _symbol(ch: str, start: int) -> _Tok:
    kind = ("times" if ch in _TIMES_SYMBOLS else "qual" if ch in _QUAL_SYMBOLS
            else "dash" if ch in _DASHES else "label" if ch == "⌀" else _SYMBOL_KINDS.get(ch, "other"))
    return _Tok(kind, ch, start, start + 1, unit="diameter" if kind == "label" else "")


def _tokens(s: str) -> list[_Tok]:
    toks: list[_Tok] = []
    for m in _LEX.finditer(s):
        group = m.lastindex
        if group is None:  # cannot be: every alternative is a group
            continue
        kind = _KIND_OF_GROUP[group]
        text = m.group(group)
        start, end = m.span(group)
        if kind == "nl":
            toks.append(_Tok("semi", text, start, end))
        elif kind == "num":
            toks.append(_Tok("num", text, start, end, value=_number(text), whole=text.isdigit()))
        elif kind == "latin":
            toks.extend(_latin(text, start, end))
        elif kind == "han":
            toks.extend(_han(text, start))
        elif kind == "inch":
            toks.append(_Tok("unit", text, start, end, unit="in", name="in"))
        elif kind == "foot":
            toks.append(_Tok("unit", text, start, end, unit="in", name="ft", factor=12.0))
        else:
            toks.append(_symbol(text, start))
    kinds = [t.kind for t in toks]
    if "slash" in kinds:    # else there is no fraction to read
        toks = _fractions(toks)
        kinds = [t.kind for t in toks]
    if kinds.count("unit") >= 2:  # else there is no compound amount
        toks = _compounds(toks)
    return toks


def _fractions(toks: list[_Tok]) -> list[_Tok]:
    """'1/2' is one number; '12 1/2' and '12-1/2' are one mixed number."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if (t.kind == "num" and t.whole and i + 2 < len(toks) and toks[i + 1].kind == "slash"
                and toks[i + 2].kind == "num" and toks[i + 2].whole):
            num, den = t.value, toks[i + 2].value
            if not 0 < num < den:
                raise _reason(f"cannot read {_clip(t.text + '/' + toks[i + 2].text)} (a fraction is less than one)")
            frac = _Tok("num", f"{t.text}/{toks[i + 2].text}", t.start, toks[i + 2].end, value=num / den)
            if out and out[-1].kind == "num" and out[-1].whole:
                whole = out.pop()
                frac = _Tok("num", f"{whole.text} {frac.text}", whole.start, frac.end, value=whole.value + frac.value)
            elif len(out) >= 2 and out[-1].kind == "dash" and out[-2].kind == "num" and out[-2].whole:
                out.pop()
                whole = out.pop()
                frac = _Tok("num", f"{whole.text}-{frac.text}", whole.start, frac.end, value=whole.value + frac.value)
            out.append(frac)
            i += 3
            continue
        out.append(t)
        i += 1
    return out


_COMPOUND = {("ft", "in"): ("in", 12.0), ("lb", "oz"): ("oz", 16.0)}


def _compounds(toks: list[_Tok]) -> list[_Tok]:
    """'5 ft 6 in' is 66 in and '2 lb 3 oz' 35 oz: one amount in its smaller unit."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        w = toks[i:i + 4]
        if [t.kind for t in w] == ["num", "unit", "num", "unit"] and (w[1].name, w[3].name) in _COMPOUND:
            unit, per = _COMPOUND[(w[1].name, w[3].name)]
            text = f"{w[0].text} {w[1].text} {w[2].text} {w[3].text}"
            out.append(_Tok("num", text, w[0].start, w[2].end, value=w[0].value * per + w[2].value))
            out.append(_Tok("unit", w[3].text, w[3].start, w[3].end, unit=unit, name=unit))
            i += 4
            continue
        out.append(toks[i])
        i += 1
    return out


# --- reading ---------------------------------------------------------------------------

@dataclass
class _Item:
    text: str           # the number as written, for reasons
    value: float
    dim: str = ""       # from a label; "" is positional
    part: str = ""      # from a label's Chinese prefix
    unit: str = ""
    approximate: bool = False


@dataclass
class _Group:
    items: list[_Item] = field(default_factory=list)
    part: str = ""
    approximate: bool = False
    mark: int = 0       # items before it are settled: a bracket after the group speaks of the rest


_ITEM_END = ("semi", "rparen", "comma")


class _Reader:
    """One left-to-right pass over the tokens, building groups of items."""

    def __init__(self, s: str, toks: list[_Tok]):
        self.s, self.toks, self.i = s, toks, 0
        self.groups: list[_Group] = []
        self.group = self._new_group()
        self.outer: _Group | None = None       # the group outside a bracket that holds numbers
        self.label: _Tok | None = None          # a label waiting for its number
        self.template: deque[str] = deque()     # "H x W x D:" waiting for numbers
        self.item_approx = False
        self.words: list[_Tok] = []
        self.prev = ""

    def _new_group(self) -> _Group:
        g = _Group()
        self.groups.append(g)
        return g

    def peek(self, k: int = 1) -> str:
        j = self.i + k
        return self.toks[j].kind if j < len(self.toks) else ""

    def read(self) -> list[_Group]:
        handlers = _HANDLERS
        while self.i < len(self.toks):
            tok = self.toks[self.i]
            kind = tok.kind
            seen: str | None = None
            if kind in ("word", "noise"):
                self.words.append(tok)
            else:
                seen = handlers[kind](self, tok)
            self.prev = seen or kind     # a handler may say the token was something else
            self.i += 1
        self.trail_words()
        self.close()
        return [g for g in self.groups if g.items]

    # words waiting for what follows: a part before numbers, a part or note after them
    def _word_text(self) -> tuple[str, bool]:
        kept = [w for w in self.words if w.kind == "word"]
        self.words = []
        if not kept:
            return "", True
        if len(kept) == 1 and kept[0].bracketed:
            return kept[0].text, True
        known = all(w.bracketed or w.text.casefold().rstrip(".") in _PART_WORDS for w in kept)
        return self.s[kept[0].start:kept[-1].end], known

    def lead_words(self, colon: bool = False) -> None:
        if not self.words:
            return
        text, known = self._word_text()
        if not text:
            return
        if not (known or colon):
            raise _reason(f"cannot read {_clip(text)!r}")
        if self.group.items:
            self.close()
        self.group.part = text

    def trail_words(self) -> None:
        if not self.words:
            return
        text, known = self._word_text()
        if not text:
            return
        if not (known and self.group.items):
            raise _reason(f"cannot read {_clip(text)!r}")
        self.group.part = f"{self.group.part} ({text})" if self.group.part else text

    def close(self) -> None:
        if self.label is not None:
            raise _reason(f"{self.label.text} has no number after it")
        if self.template:
            raise _reason("more labels than numbers")
        if self.item_approx:
            raise _reason("an approximate sign has no number after it")
        if self.group.items or self.group.part or self.group.approximate:
            self.group = self._new_group()

    # --- one method per token kind
    def on_num(self, tok: _Tok) -> None:
        if self.prev in ("num", "unit"):
            raise _reason(f"put × or a comma between the measurements before {_clip(tok.text)}")
        if self.prev == "dash" and not self.group.items:
            raise _reason("a measurement must be more than zero")
        self.lead_words()
        if not tok.value > 0:
            raise _reason("a measurement must be more than zero")
        item = _Item(tok.text, tok.value, approximate=self.item_approx)
        if self.label is not None:
            item.dim, item.part = self.label.unit, self.label.name
            self.label = None
        elif self.template:
            item.dim = self.template.popleft()
        self.item_approx = False
        self.group.items.append(item)

    def on_unit(self, tok: _Tok) -> str | None:
        items = self.group.items
        j = len(items)
        while j > 0 and not items[j - 1].unit:
            j -= 1
        if j == len(items):
            if tok.name == "in" and self.peek() == "label":   # "12 cm in diameter"
                return self.prev
            raise _reason(f"{tok.text} has no number before it")
        for item in items[j:]:
            item.unit, item.value = tok.unit, item.value * tok.factor
        return None

    def on_label(self, tok: _Tok) -> None:
        if self.peek() == "times" and self.peek(2) == "label":
            self.read_template(tok)
            return
        items = self.group.items
        if self.prev in ("num", "unit") and items and not items[-1].dim and self.peek() not in ("num", "qual"):
            items[-1].dim = tok.unit          # after its number: "28 cm high", "28h x 23w"
            items[-1].part = items[-1].part or tok.name
            return
        self.lead_words()
        if self.label is not None or self.template:
            raise _reason(f"two labels in a row before {tok.text}")
        self.label = tok

    def read_template(self, first: _Tok) -> None:
        """'H x W x D' before a colon, in brackets or after the numbers: labels for them."""
        dims = [first.unit]
        while self.peek() == "times" and self.peek(2) == "label":
            self.i += 2
            dims.append(self.toks[self.i].unit)
        if self.peek() == "colon":
            self.lead_words()
            if self.label is not None or self.template:
                raise _reason("two sets of labels in a row")
            self.template.extend(dims)
            self.i += 1
        else:
            self.apply_labels(self.group, dims)

    def apply_labels(self, group: _Group, dims: list[str]) -> None:
        seg = group.items[group.mark:]
        if len(seg) != len(dims) or any(item.dim for item in seg):
            raise _reason(f"{len(dims)} labels for {len(seg)} unlabelled numbers")
        for item, dim in zip(seg, dims):
            item.dim = dim
        group.mark = len(group.items)

    def on_qual(self, tok: _Tok) -> None:
        if self.group.items and self.label is None and self.peek() in ("", "semi", "rparen"):
            self.group.approximate = True     # "28 cm approx."
        elif self.label is None and not self.group.items and not self.template:
            self.group.approximate = True     # "c. 28 x 23 cm", "约高28厘米"
        else:
            self.item_approx = True           # "H c. 28", "高约28", "28 x c. 23"

    def on_postqual(self, tok: _Tok) -> None:
        if not self.group.items:
            raise _reason(f"{tok.text} has no number before it")
        self.group.approximate = True

    def on_times(self, tok: _Tok) -> None:
        if self.words or self.label is not None or not self.group.items \
                or self.prev not in ("num", "unit", "label", "rparen"):
            raise _reason(f"{tok.text} has no number before it")
        if self.peek() not in ("num", "label", "qual"):
            raise _reason(f"{tok.text} has no number after it")

    def on_comma(self, tok: _Tok) -> None:
        self.trail_words()
        if self.label is not None:
            raise _reason(f"{self.label.text} has no number after it")

    def on_semi(self, tok: _Tok) -> None:
        if self.outer is not None:
            self.on_comma(tok)
            return
        self.trail_words()
        self.close()

    def on_colon(self, tok: _Tok) -> None:
        if self.words:
            self.lead_words(colon=True)

    def on_lparen(self, tok: _Tok) -> str | None:
        if self.outer is not None:
            raise _reason("brackets inside brackets")
        j = self.i + 1
        while j < len(self.toks) and self.toks[j].kind not in ("lparen", "rparen"):
            j += 1
        if j == len(self.toks):
            raise _reason(f"{tok.text} is not closed")
        if self.toks[j].kind == "lparen":
            raise _reason("brackets inside brackets")
        inside = self.toks[self.i + 1:j]
        if any(t.kind == "num" for t in inside):
            self.trail_words()
            self.outer, self.group = self.group, self._new_group()
            return None
        self.note(tok, inside, self.toks[j])
        self.i = j
        return "rparen"

    def note(self, lparen: _Tok, inside: list[_Tok], rparen: _Tok) -> None:
        """A bracket without numbers: labels for the numbers before it, a qualifier, or a part."""
        kinds = {t.kind for t in inside}
        if not kinds or kinds <= {"noise"}:
            return
        if kinds <= {"label", "times"}:
            labels = [t.unit for t in inside if t.kind == "label"]
            if self.peek(len(inside) + 2) == "colon":
                self.template.extend(labels)    # "(H x W): 28 x 23 cm"
            else:
                self.apply_labels(self.group, labels)   # "28 x 23 cm (h x w)", "28 (h) x 23 (w) cm"
        elif kinds <= {"qual", "postqual", "noise"}:
            if self.group.items:
                self.group.approximate = True
            else:
                self.item_approx = True
        elif kinds <= {"word", "noise", "times", "comma", "label", "qual"} and "word" in kinds:
            text = self.s[inside[0].start:inside[-1].end]
            self.words.append(_Tok("word", text, lparen.start, rparen.end, bracketed=True))
        else:
            raise _reason(f"cannot read {_clip(self.s[lparen.start:rparen.end])!r}")

    def on_rparen(self, tok: _Tok) -> None:
        outer = self.outer
        if outer is None:
            raise _reason(f"{tok.text} has no opening bracket")
        self.trail_words()
        if self.label is not None or self.template or self.item_approx:
            raise _reason("a label in brackets has no number after it")
        inner, self.group, self.outer = self.group, outer, None
        seg = outer.items[outer.mark:]
        if _repeats(seg, inner):
            self.groups.remove(inner)
            if _system(inner.items) == "metric":    # keep the metric, with the labels of either
                for item, other in zip(seg, inner.items):
                    item.value, item.unit, item.text = other.value, other.unit, other.text
                    item.dim = item.dim or other.dim
                    item.approximate = item.approximate or other.approximate or inner.approximate
            else:
                for item, other in zip(seg, inner.items):
                    item.dim = item.dim or other.dim
        outer.mark = len(outer.items)

    def on_slash(self, tok: _Tok) -> None:
        raise _reason("cannot read '/' there (a fraction is written 1/2)")

    def on_dash(self, tok: _Tok) -> None:
        if self.peek() == "num" and not self.group.items:
            return                               # "-5 cm": refused by on_num
        raise _reason(f"cannot read {tok.text!r} (ranges such as 28–30 cm are not read)")

    def on_refused(self, tok: _Tok) -> None:
        raise _reason(f"{tok.text} is a traditional unit whose size varies; write mm, cm, g or kg")

    def on_other(self, tok: _Tok) -> None:
        raise _reason(f"cannot read {tok.text!r}")


# The handler of each kind of token (the methods named on_<kind>), looked up once.
_HANDLERS: dict[str, Callable[[_Reader, _Tok], str | None]] = {
    name[3:]: method for name, method in vars(_Reader).items() if name.startswith("on_")}


def _system(items: list[_Item]) -> str:
    systems = {"metric" if item.unit in _METRIC else "imperial" if item.unit else "" for item in items}
    return systems.pop() if len(systems) == 1 else ""


def _repeats(seg: list[_Item], inner: _Group) -> bool:
    """Whether a bracketed group only repeats the numbers before it in the other system."""
    if not seg or inner.part or len(seg) != len(inner.items):
        return False
    a, b = _system(seg), _system(inner.items)
    return bool(a and b and a != b)


# A measurement as its fields (dimension, value, unit, part, qualifier): what the import
# keeps is its JSON, so it reads a text without making the Measurement objects.
_Reading = tuple[str, float, str, str, str]


def _readings(groups: list[_Group]) -> list[_Reading]:
    out: list[_Reading] = []
    for g in groups:
        used = {item.dim for item in g.items}
        free = [d for d in POSITIONAL if d not in used]
        for item in g.items:
            if not item.unit:
                raise _reason(f"{_clip(item.text)} has no unit; write mm, cm, m or in (or g, kg) after the numbers")
            if not math.isfinite(item.value):
                raise _reason(f"{_clip(item.text)} is too large")
            weight_unit = item.unit in WEIGHT_UNITS
            dim = item.dim
            if not dim:
                if weight_unit:
                    dim = "weight"
                elif not free:
                    raise _reason("more than three numbers without labels (H, W, D)")
                else:
                    dim = free.pop(0)
            elif (dim == "weight") != weight_unit:
                raise _reason(f"{_clip(item.text)} {item.unit} is a {'weight' if weight_unit else 'length'}, "
                              f"but its label says {dim}")
            # float() as Measurement stores it. Everything a Measurement checks holds here
            # (a known dimension and unit that agree, a finite value above zero: on_num).
            out.append((dim, float(item.value), item.unit, item.part or g.part,
                        "approximate" if item.approximate or g.approximate else ""))
    return out


def _normal(text: str) -> str:
    if text.isascii():  # its own NFKC form, with nothing of _PRE in it
        return text.strip()
    return unicodedata.normalize("NFKC", text.translate(_PRE)).strip()


_DIGIT = re.compile("[0-9]")


def _not_known(s: str) -> bool:
    if _DIGIT.search(s):  # none of those texts has a digit (most measurements do: said at once)
        return False
    key = "".join(ch for ch in s.casefold() if ch.isalnum())
    return key in _NOT_KNOWN or s in _NOT_KNOWN_MARKS


def _read(text: str) -> list[_Reading]:
    if not isinstance(text, str):
        raise DimensionsUnreadable(f"not text but {type(text).__name__}")
    s = _normal(text)
    if not s or _not_known(s):
        return []
    groups = _Reader(s, _tokens(s)).read()
    if not groups:
        raise _reason("no measurement in it")
    return _readings(groups)


def parse_dimensions(text: str) -> list[Measurement]:
    """The measurements a dimensions text gives, in the order written ([] for empty text or
    for "dimensions variable", "unknown", 尺寸不详 and the like). Raises DimensionsUnreadable,
    saying why, when the text is not empty and nothing sensible can be read from it."""
    return [Measurement(*reading) for reading in _read(text)]


def parse_weight(text: str) -> list[Measurement]:
    """The weights a weight text gives ("1.2 kg", "约850克", "重1.2千克"; "2 lb 3 oz" is 35 oz).
    Raises DimensionsUnreadable for unreadable text or a length in it."""
    return [Measurement(*reading) for reading in _weights(text)]


def _weights(text: str) -> list[_Reading]:
    found = _read(text)
    for dimension, value, unit, _part, _qualifier in found:
        if dimension != "weight":
            raise _reason(f"{_fmt(value)} {unit} is a {dimension}, not a weight")
    return found


def dimensions_json(text: str) -> tuple[str, ...]:
    """The JSON object to_json writes for each measurement parse_dimensions(text) gives (the
    same DimensionsUnreadable): to_json of the list is them comma-separated in brackets, so
    the import reads each text once and joins its dimensions' and weight's."""
    return tuple(_json_item(*reading) for reading in _read(text))


def weight_json(text: str) -> tuple[str, ...]:
    """dimensions_json for parse_weight(text)."""
    return tuple(_json_item(*reading) for reading in _weights(text))


# --- JSON ------------------------------------------------------------------------------

def to_json(measurements: list[Measurement]) -> str:
    """Compact JSON for a list ("" for none); empty part and qualifier are left out."""
    if not measurements:
        return ""
    return f"[{','.join(_json_item(m.dimension, m.value, m.unit, m.part, m.qualifier) for m in measurements)}]"


def _json_item(dimension: str, value: float, unit: str, part: str, qualifier: str) -> str:
    """One measurement as json.dumps(…, ensure_ascii=False, separators=(",", ":")) writes its
    object, written out here: json.dumps costs ~2 µs an object, a third of reading a text.
    Dimension, unit and qualifier are words of ours (nothing to escape; Measurement checks
    them); numbers are written as json writes them (repr); the part is escaped by json's own
    string encoder."""
    number = int(value) if value.is_integer() and abs(value) < 2 ** 53 else value
    text = f'{{"dimension":"{dimension}","value":{number!r},"unit":"{unit}"'
    if part:
        text += f',"part":{_encode_text(part)}'
    if qualifier:
        text += f',"qualifier":"{qualifier}"'
    return text + "}"


_encode_text = json.encoder.encode_basestring  # what JSONEncoder(ensure_ascii=False) writes a str with


def from_json(text: str) -> list[Measurement]:
    """The inverse of to_json; "" is []. ValueError for malformed JSON, a missing or unknown
    key, or a dimension, unit, value or qualifier that a Measurement cannot hold."""
    if not text or not text.strip():
        return []
    rows = json.loads(text)
    if not isinstance(rows, list):
        raise ValueError("measurements must be a JSON list")
    out = []
    for row in rows:
        if not isinstance(row, dict):
            raise ValueError(f"a measurement must be a JSON object, not {row!r}")
        unknown = set(row) - set(_KEYS)
        missing = {"dimension", "value", "unit"} - set(row)
        if unknown or missing:
            raise ValueError(f"a measurement has unknown keys {sorted(unknown)} or lacks {sorted(missing)}")
        out.append(Measurement(row["dimension"], row["value"], row["unit"],
                               row.get("part", ""), row.get("qualifier", "")))
    return out


# --- display ---------------------------------------------------------------------------

_LABEL_EN = {"height": "H", "width": "W", "depth": "D", "diameter": "Diam.", "length": "L",
             "thickness": "Th.", "weight": "Wt."}
_LABEL_ZH = {"height": "高", "width": "宽", "depth": "深", "diameter": "直径", "length": "长",
             "thickness": "厚", "weight": "重"}
_UNIT_ZH = {"mm": "毫米", "cm": "厘米", "m": "米", "in": "英寸", "g": "克", "kg": "千克", "lb": "磅", "oz": "盎司"}


def _fmt(v: float) -> str:
    """A value for reading: whole numbers without '.0', else rounded to 4 decimals (more
    for values below 0.001, so a small value never shows as 0); never an exponent."""
    if v.is_integer():
        return f"{v:.0f}"
    places = max(4, 3 - math.floor(math.log10(v)))
    return f"{v:.{places}f}".rstrip("0").rstrip(".")


def _compound_part(part: str) -> bool:
    """A one-character Chinese part is written into its labels (口径, 通高), as catalogues do."""
    return len(part) == 1 and "\u3400" <= part <= "\u9fff"


def _runs(measurements: list[Measurement]) -> list[list[Measurement]]:
    """Consecutive lengths of one part make one run ("H 28 × W 23 cm"); a weight stands alone."""
    runs: list[list[Measurement]] = []
    for m in measurements:
        last = runs[-1] if runs else None
        if last and last[-1].part == m.part and "weight" not in (m.dimension, last[-1].dimension):
            last.append(m)
        else:
            runs.append([m])
    return runs


def _describe_run(run: list[Measurement], zh: bool) -> str:
    part = run[0].part
    compound = zh and _compound_part(part)
    all_approx = all(m.qualifier for m in run)
    shared = len({m.unit for m in run}) == 1
    pieces = []
    for k, m in enumerate(run):
        value = _fmt(m.value)
        approx = bool(m.qualifier) and not all_approx
        unit = m.unit if not shared or k == len(run) - 1 else ""
        if zh:
            label = _LABEL_ZH[m.dimension]
            if compound:
                label = part + ("径" if m.dimension == "diameter" else label)
            piece = f"{label}{'约' if approx else ''}{value}{_UNIT_ZH[unit] if unit else ''}"
        else:
            label = "" if len(run) == 1 and m.dimension == "weight" else _LABEL_EN[m.dimension] + " "
            piece = f"{label}{'c. ' if approx else ''}{value}{' ' + unit if unit else ''}"
        pieces.append(piece)
    text = " × ".join(pieces)
    if all_approx:
        text = ("约" if zh else "c. ") + text
    if part and not compound:
        text = f"{part}{'：' if zh else ': '}{text}"
    return text


def describe(measurements: list[Measurement], lang: str = "en") -> str:
    """A display text ("H 28 × W 23 × D 15 cm", "高28 × 宽23 × 深15厘米"); parse_dimensions
    reads it back to the same list (values are rounded as _fmt says)."""
    zh = lang.casefold().startswith("zh")
    return ("；" if zh else "; ").join(_describe_run(run, zh) for run in _runs(measurements))
