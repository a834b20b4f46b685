"""Dimensions and weight as data (issue #16): what catalogues write reads as measurements with
unit, part and qualifier; unreadable text is refused with a reason, never a crash; the JSON
form and the display text read back to the same list. Conventions: exhibit/dimensions.py."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exhibit.dimensions import (
    DIMENSIONS,
    LENGTH_UNITS,
    UNITS,
    WEIGHT_UNITS,
    DimensionsUnreadable,
    Measurement,
    describe,
    from_json,
    in_grams,
    in_mm,
    parse_dimensions,
    parse_weight,
    to_json,
)


def m(dimension: str, value: float, unit: str = "cm", part: str = "", approx: bool = False) -> Measurement:
    return Measurement(dimension, value, unit, part, "approximate" if approx else "")


def hwd(h: float, w: float, d: float | None = None, unit: str = "cm", part: str = "",
        approx: bool = False) -> list[Measurement]:
    out = [m("height", h, unit, part, approx), m("width", w, unit, part, approx)]
    return out + ([m("depth", d, unit, part, approx)] if d is not None else [])


READ = [
    # --- H × W × D in order, whatever the times sign
    ("28 × 23 × 15 cm", hwd(28, 23, 15)),
    ("28 x 23 x 15cm", hwd(28, 23, 15)),
    ("28 X 23 cm", hwd(28, 23)),
    ("28*23*15 cm", hwd(28, 23, 15)),
    ("28x23x15cm", hwd(28, 23, 15)),
    ("28 by 23 cm", hwd(28, 23)),
    ("28 cm x 23 cm", hwd(28, 23)),
    ("28cmx23cm", hwd(28, 23)),
    ("3.5 × 3 × 0.3 cm", hwd(3.5, 3, 0.3)),
    ("approx. 28 cm", [m("height", 28, approx=True)]),
    ("1 m", [m("height", 1, "m")]),
    # --- the part measured
    ("support: 394 x 419 mm", hwd(394, 419, unit="mm", part="support")),
    ("image: 300 x 200 mm; support: 394 x 419 mm",
     hwd(300, 200, unit="mm", part="image") + hwd(394, 419, unit="mm", part="support")),
    ("frame: 600 x 700 x 50 mm", hwd(600, 700, 50, unit="mm", part="frame")),
    ("394 × 419 mm (support)", hwd(394, 419, unit="mm", part="support")),
    ("displayed: 100 x 200 x 300 mm", hwd(100, 200, 300, unit="mm", part="displayed")),
    ("support: 394 x 419 mm\nframe: 600 x 700 x 50 mm",
     hwd(394, 419, unit="mm", part="support") + hwd(600, 700, 50, unit="mm", part="frame")),
    ("Overall: 28 x 23 cm", hwd(28, 23, part="Overall")),
    ("frame 60 × 70 cm", hwd(60, 70, part="frame")),
    ("Sheet (trimmed): 30 x 20 cm", hwd(30, 20, part="Sheet (trimmed)")),
    ("Dimensions: support: 394 x 419 mm", hwd(394, 419, unit="mm", part="support")),
    # --- units, fractions, imperial duplicates
    ("12 1/2 x 8 in", hwd(12.5, 8, unit="in")),
    ("12-1/2 x 8 in.", hwd(12.5, 8, unit="in")),
    ("12½ × 8 inches", hwd(12.5, 8, unit="in")),
    ('12" x 8"', hwd(12, 8, unit="in")),
    ("31.8 × 20.3 cm (12 1/2 × 8 in.)", hwd(31.8, 20.3)),
    ("12 1/2 × 8 in. (31.8 × 20.3 cm)", hwd(31.8, 20.3)),         # the metric one is kept
    ("H. 11 1/4 in. (28.6 cm); Diam. 5 in. (12.7 cm)", [m("height", 28.6), m("diameter", 12.7)]),
    ("5 ft 6 in", [m("height", 66, "in")]),                        # feet have no unit of their own
    ("5' 6\"", [m("height", 66, "in")]),
    ("2 ft", [m("height", 24, "in")]),
    ("28,5 cm", [m("height", 28.5)]),                             # decimal comma
    ("1,200 mm", [m("height", 1200, "mm")]),                      # thousands
    ("28 x 23 cm, 1.1 kg", hwd(28, 23) + [m("weight", 1.1, "kg")]),
    ("Overall: 28 x 23 cm (11 x 9 1/16 in.)", hwd(28, 23, part="Overall")),
    ("H. 28 cm (11 in.); W. 23 cm (9 in.)", hwd(28, 23)),
    ("11 in. (28 cm), 9 in. (23 cm)", hwd(28, 23)),               # each bracket repeats its own number
    ("28 x 23 cm (frame: 30 x 25 cm)", hwd(28, 23) + hwd(30, 25, part="frame")),   # a part: no repeat
    ("28 x 23 cm, irregular", hwd(28, 23)),
    ("1.5 m x 80 cm", [m("height", 1.5, "m"), m("width", 80)]),
    # --- labels
    ("H. 28 cm, W. 23 cm", hwd(28, 23)),
    ("h 28 cm", [m("height", 28)]),
    ("Height: 28 cm; Width: 23 cm", hwd(28, 23)),
    ("diam. 12 cm", [m("diameter", 12)]),
    ("Ø 12 cm", [m("diameter", 12)]),
    ("Ø12cm", [m("diameter", 12)]),
    ("⌀ 12 cm", [m("diameter", 12)]),
    ("D 12 cm", [m("depth", 12)]),
    ("L 120 cm", [m("length", 120)]),
    ("thickness 2 mm", [m("thickness", 2, "mm")]),
    ("W 23 × H 28 cm", [m("width", 23), m("height", 28)]),
    ("H 28 x 23 cm", hwd(28, 23)),                                # the unlabelled one takes what is left
    ("28 cm high, 23 cm wide", hwd(28, 23)),
    ("28h x 23w x 15d cm", hwd(28, 23, 15)),
    ("12 cm in diameter", [m("diameter", 12)]),
    ("28 x 23 x 15 cm (h x w x d)", hwd(28, 23, 15)),
    ("28 x 23 cm (w x h)", [m("width", 28), m("height", 23)]),
    ("H x W x D: 28 x 23 x 15 cm", hwd(28, 23, 15)),
    ("28 (h) x 23 (w) cm", hwd(28, 23)),
    # --- Chinese
    ("高28厘米", [m("height", 28)]),
    ("高28、宽23、厚15厘米", [m("height", 28), m("width", 23), m("thickness", 15)]),
    ("长120厘米", [m("length", 120)]),
    ("口径12厘米", [m("diameter", 12, part="口")]),
    ("通高28.5cm", [m("height", 28.5, part="通")]),
    ("直径12cm", [m("diameter", 12)]),
    ("纵28横23厘米", hwd(28, 23)),
    ("28×23×15厘米", hwd(28, 23, 15)),
    ("约高28厘米", [m("height", 28, approx=True)]),
    ("２８×２３×１５厘米", hwd(28, 23, 15)),
    ("２８＊２３Ｘ１５厘米", hwd(28, 23, 15)),
    ("高 28 厘米，宽 23 厘米", hwd(28, 23)),                         # the Chinese comma lists
    ("28，23厘米", hwd(28, 23)),                                    # never a decimal comma
    ("通高28.5、口径12厘米", [m("height", 28.5, part="通"), m("diameter", 12, part="口")]),
    ("口径12、底径8、腹径20厘米", [m("diameter", 12, part="口"), m("diameter", 8, part="底"),
                                  m("diameter", 20, part="腹")]),
    ("画心：纵28横23厘米", hwd(28, 23, part="画心")),
    ("尺寸：28×23厘米", hwd(28, 23)),
    ("28厘米高", [m("height", 28)]),
    ("高28厘米（残）", [m("height", 28, part="残")]),
    ("高28厘米，重1.2千克", [m("height", 28), m("weight", 1.2, "kg")]),
    ("1.2米", [m("height", 1.2, "m")]),
    ("长12公分", [m("length", 12)]),
    # --- qualifiers
    ("c. 28 x 23 cm", hwd(28, 23, approx=True)),
    ("ca. 28 x 23 cm", hwd(28, 23, approx=True)),
    ("约28厘米", [m("height", 28, approx=True)]),
    ("高28厘米左右", [m("height", 28, approx=True)]),
    ("28 x 23 cm approx.", hwd(28, 23, approx=True)),
    ("28 x 23 cm (approx.)", hwd(28, 23, approx=True)),
    ("~28 cm", [m("height", 28, approx=True)]),
    ("H c. 28 × W 23 cm", [m("height", 28, approx=True), m("width", 23)]),   # only after its label
    ("高约28、宽23厘米", [m("height", 28, approx=True), m("width", 23)]),
    ("28 x c. 23 cm", [m("height", 28), m("width", 23, approx=True)]),
]


@pytest.mark.parametrize(("text", "expected"), READ, ids=[t for t, _ in READ])
def test_reads(text: str, expected: list[Measurement]) -> None:
    assert parse_dimensions(text) == expected


def test_table_is_large() -> None:
    assert len(READ) >= 40


@pytest.mark.parametrize("text", ["", "   ", "dimensions variable", "Dimensions variable.", "variable",
                                  "unknown", "n/a", "—", "尺寸不一", "尺寸不详", "不详", "重量不详",
                                  "overall display dimensions variable"])
def test_not_known_is_no_measurement(text: str) -> None:
    assert parse_dimensions(text) == []
    assert parse_weight(text) == []


UNREADABLE = [
    ("various", "various"),
    ("big", "big"),
    ("28 x 23", "no unit"),
    ("28", "no unit"),
    ("28 x 23 cm x 4", "no unit"),            # a unit does not reach forward
    ("-5 cm", "more than zero"),
    ("0 cm", "more than zero"),
    ("0 x 23 cm", "more than zero"),
    ("28 寸", "traditional unit"),            # 市寸 is not a fixed length
    ("3尺", "traditional unit"),
    ("2斤", "traditional unit"),
    ("28 x 23 x 15 x 3 cm", "more than three"),
    ("28 23 cm", "between"),
    ("28 cm 23 cm", "between"),
    ("28–30 cm", "ranges"),
    ("x 23 cm", "no number before"),
    ("28 x cm", "no number after"),
    ("H", "no number after"),
    ("cm", "no number before"),
    ("dimensions:", "no measurement"),
    ("(28 x 23 cm", "not closed"),
    ("28 x 23 cm)", "no opening bracket"),
    ("((28 cm))", "inside brackets"),
    ("28 x 23 cm (h x w x d)", "labels for"),
    ("H 28 kg", "label says height"),
    ("重28厘米", "label says weight"),
    ("28 # 23 cm", "'#'"),
    ("28/23 cm", "fraction"),
    ("1.2.3 cm", "number"),
    ("big box 28 cm", "big box"),
    ("9" * 400 + " cm", "too large"),
]


@pytest.mark.parametrize(("text", "reason"), UNREADABLE, ids=[t[:30] for t, _ in UNREADABLE])
def test_refuses_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(DimensionsUnreadable) as caught:
        parse_dimensions(text)
    assert reason in str(caught.value)


def test_reason_quotes_long_text_briefly() -> None:
    with pytest.raises(DimensionsUnreadable) as caught:
        parse_dimensions("q" * 5000 + " 28 cm")
    assert len(str(caught.value)) < 80


WEIGHTS = [
    ("1.2 kg", [m("weight", 1.2, "kg")]),
    ("1.2kg", [m("weight", 1.2, "kg")]),
    ("约850克", [m("weight", 850, "g", approx=True)]),
    ("850 g", [m("weight", 850, "g")]),
    ("重1.2千克", [m("weight", 1.2, "kg")]),
    ("1.2公斤", [m("weight", 1.2, "kg")]),
    ("净重1.2公斤", [m("weight", 1.2, "kg", part="净")]),
    ("2 lb 3 oz", [m("weight", 35, "oz")]),            # one weight in the smaller unit, exactly
    ("3 lbs", [m("weight", 3, "lb")]),
    ("Wt. 4 oz", [m("weight", 4, "oz")]),
    ("c. 1 kg", [m("weight", 1, "kg", approx=True)]),
    ("weight: 250 g", [m("weight", 250, "g")]),
]


@pytest.mark.parametrize(("text", "expected"), WEIGHTS, ids=[t for t, _ in WEIGHTS])
def test_reads_weights(text: str, expected: list[Measurement]) -> None:
    assert parse_weight(text) == expected


@pytest.mark.parametrize(("text", "reason"), [("28 cm", "not a weight"), ("1.2", "no unit"), ("heavy", "heavy"),
                                              ("2 斤", "traditional unit")])
def test_weight_refuses(text: str, reason: str) -> None:
    with pytest.raises(DimensionsUnreadable, match=reason):
        parse_weight(text)


def test_conversions() -> None:
    assert in_mm(m("height", 28)) == 280
    assert in_mm(m("height", 2, "m")) == 2000
    assert in_mm(m("width", 8, "in")) == pytest.approx(203.2)
    assert in_mm(m("weight", 1, "kg")) is None
    assert in_grams(m("weight", 1.2, "kg")) == pytest.approx(1200)
    assert in_grams(m("weight", 35, "oz")) == pytest.approx(992.233, abs=1e-3)
    assert in_grams(m("weight", 1, "lb")) == pytest.approx(453.59237)
    assert in_grams(m("height", 28)) is None


# --- JSON ------------------------------------------------------------------------------

def test_json_form() -> None:
    ms = [m("height", 394, "mm", "support"), m("width", 28.5, approx=True), m("diameter", 12, part="口")]
    text = to_json(ms)
    assert text == ('[{"dimension":"height","value":394,"unit":"mm","part":"support"},'
                    '{"dimension":"width","value":28.5,"unit":"cm","qualifier":"approximate"},'
                    '{"dimension":"diameter","value":12,"unit":"cm","part":"口"}]')
    assert from_json(text) == ms
    assert to_json([]) == "" and from_json("") == []


@pytest.mark.parametrize("text", [
    "{", "[1", "{}", "[1]", '["x"]', "[{}]",
    '[{"dimension":"girth","value":1,"unit":"cm"}]',
    '[{"dimension":"height","value":1,"unit":"furlong"}]',
    '[{"dimension":"height","value":1,"unit":"kg"}]',
    '[{"dimension":"weight","value":1,"unit":"cm"}]',
    '[{"dimension":"height","value":0,"unit":"cm"}]',
    '[{"dimension":"height","value":-2,"unit":"cm"}]',
    '[{"dimension":"height","value":"28","unit":"cm"}]',
    '[{"dimension":"height","value":true,"unit":"cm"}]',
    '[{"dimension":"height","value":NaN,"unit":"cm"}]',
    '[{"dimension":"height","value":1e999,"unit":"cm"}]',
    '[{"dimension":"height","unit":"cm"}]',
    '[{"dimension":"height","value":1,"unit":"cm","colour":"red"}]',
    '[{"dimension":"height","value":1,"unit":"cm","part":3}]',
    '[{"dimension":"height","value":1,"unit":"cm","qualifier":"maybe"}]',
])
def test_from_json_refuses_malformed(text: str) -> None:
    with pytest.raises(ValueError):
        from_json(text)


# --- display ---------------------------------------------------------------------------

DESCRIBED = [
    (hwd(28, 23, 15), "H 28 × W 23 × D 15 cm", "高28 × 宽23 × 深15厘米"),
    (hwd(394, 419, unit="mm", part="support"), "support: H 394 × W 419 mm", "support：高394 × 宽419毫米"),
    (hwd(28, 23, approx=True) + [m("weight", 1.1, "kg")], "c. H 28 × W 23 cm; 1.1 kg", "约高28 × 宽23厘米；重1.1千克"),
    ([m("height", 28, approx=True), m("width", 23)], "H c. 28 × W 23 cm", "高约28 × 宽23厘米"),
    ([m("diameter", 12, part="口"), m("height", 28.5, part="口")], "口: Diam. 12 × H 28.5 cm", "口径12 × 口高28.5厘米"),
    ([m("height", 12.5, "in"), m("width", 200, "mm")], "H 12.5 in × W 200 mm", "高12.5英寸 × 宽200毫米"),
    ([m("height", 1 / 3, "m")], "H 0.3333 m", "高0.3333米"),
    ([m("thickness", 0.00002, "mm")], "Th. 0.00002 mm", "厚0.00002毫米"),
    ([], "", ""),
]


@pytest.mark.parametrize(("ms", "en", "zh"), DESCRIBED, ids=[en or "empty" for _, en, _ in DESCRIBED])
def test_describe(ms: list[Measurement], en: str, zh: str) -> None:
    assert describe(ms) == en
    assert describe(ms, "zh") == zh


@pytest.mark.parametrize(("text", "expected"), READ, ids=[t for t, _ in READ])
def test_described_text_reads_back(text: str, expected: list[Measurement]) -> None:
    for lang in ("en", "zh"):
        assert parse_dimensions(describe(expected, lang)) == expected


PARTS = ["", "support", "frame", "image", "Sheet (trimmed)", "口", "通", "画心", "mount board"]
MEASUREMENTS = st.builds(
    lambda dim, value, length, weight, part, q: Measurement(
        dim, value, weight if dim == "weight" else length, part, q),
    st.sampled_from(DIMENSIONS),
    st.one_of(st.integers(1, 10 ** 6).map(float), st.integers(1, 10 ** 6).map(lambda n: n / 100)),
    st.sampled_from(LENGTH_UNITS), st.sampled_from(WEIGHT_UNITS), st.sampled_from(PARTS),
    st.sampled_from(["", "approximate"]))


@given(st.lists(MEASUREMENTS, max_size=6), st.sampled_from(["en", "zh"]))
@settings(max_examples=300, deadline=None)
def test_described_measurements_read_back(ms: list[Measurement], lang: str) -> None:
    assert parse_dimensions(describe(ms, lang)) == ms
    assert from_json(to_json(ms)) == ms


# --- robustness ------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "28", "1/2", "12", "0", "3.5", "1,200", "½", " ", "x", "×", "*", "by", "cm", "mm", "in", "in.", '"', "'",
    "ft", "kg", "lb", "oz", "g", "H", "W.", "D", "diam.", "Ø", "high", "c.", "approx.", "~", "support", "frame",
    ":", ";", ",", "(", ")", "[", "-", "–", "/", "\n", "高", "宽", "厚", "纵", "横", "口径", "通高", "重", "约",
    "左右", "厘米", "毫米", "千克", "寸", "、", "，", "（", "）", "：", "２８", "Ｘ", "dimensions variable", "big"])


def check_any(text: str) -> None:
    try:
        found = parse_dimensions(text)
    except DimensionsUnreadable as e:
        assert str(e)
        return
    assert isinstance(found, list)
    for x in found:
        assert x.dimension in DIMENSIONS and x.unit in UNITS and x.value > 0
    assert from_json(to_json(found)) == found


@given(st.text(max_size=60))
@settings(max_examples=500, deadline=None)
def test_any_text_reads_or_is_refused(text: str) -> None:
    check_any(text)


@given(st.lists(FRAGMENTS, max_size=14).map("".join))
@settings(max_examples=1500, deadline=None)
def test_any_mix_of_dimension_words_reads_or_is_refused(text: str) -> None:
    check_any(text)
    try:
        parse_weight(text)
    except DimensionsUnreadable:
        pass


HOSTILE = ["1" * 10_000, "(" * 10_000, "(1)" * 3_334, "1 x " * 2_500, "高" * 10_000, "1/" * 5_000,
           "h x " * 2_500 + ":", "1,000" * 2_000, "1.1" * 3_334, "x" * 10_000, "约" * 10_000,
           "口径1、" * 2_500 + "厘米", "1 x 1 cm x " * 1_000, "H " * 5_000, "a " * 5_000 + "28 cm",
           "28 cm (" + "support " * 1_250 + ")", "5 ft 6 in " * 1_000, "12 1/2 x " * 1_111 + "in"]


@pytest.mark.parametrize("text", HOSTILE, ids=[h[:12] for h in HOSTILE])
def test_long_hostile_text_returns(text: str) -> None:
    assert len(text) >= 10_000
    check_any(text)


def test_measurement_refuses_what_no_text_gives() -> None:
    with pytest.raises(ValueError):
        Measurement("girth", 1, "cm")
    with pytest.raises(ValueError):
        Measurement("height", 1, "kg")
    with pytest.raises(ValueError):
        Measurement("height", float("inf"), "cm")
    assert Measurement("height", 28, "cm").value == 28.0
    assert json.loads(to_json([Measurement("height", 28, "cm")]))[0]["value"] == 28
