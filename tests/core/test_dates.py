"""parse_date / format_range: every form curators type, every way it can be wrong."""
from __future__ import annotations

import dataclasses
import time

import pytest

from exhibit.dates import DateRange, format_range, parse_date
from exhibit.errors import DateError, ExhibitError

# (text, start, end, approximate)
GOOD = [
    # numeric
    ("1944-06-23", "1944-06-23", "1944-06-23", False),
    ("1944/6/23", "1944-06-23", "1944-06-23", False),
    ("1944.6.23", "1944-06-23", "1944-06-23", False),
    ("1944-06", "1944-06-01", "1944-06-30", False),
    ("1944", "1944-01-01", "1944-12-31", False),
    ("1944-02", "1944-02-01", "1944-02-29", False),          # leap year
    ("1943-02", "1943-02-01", "1943-02-28", False),
    ("1900-02", "1900-02-01", "1900-02-28", False),          # century rule
    ("2000-02-29", "2000-02-29", "2000-02-29", False),
    ("1944-12", "1944-12-01", "1944-12-31", False),
    ("0001", "0001-01-01", "0001-12-31", False),
    ("2999-12-31", "2999-12-31", "2999-12-31", False),
    # Chinese
    ("1944年6月23日", "1944-06-23", "1944-06-23", False),
    ("1944年6月23号", "1944-06-23", "1944-06-23", False),
    ("1944年6月23", "1944-06-23", "1944-06-23", False),
    ("1944年6月", "1944-06-01", "1944-06-30", False),
    ("1944年06月", "1944-06-01", "1944-06-30", False),
    ("1944年", "1944-01-01", "1944-12-31", False),
    ("1944 年 6 月", "1944-06-01", "1944-06-30", False),
    ("一九四四年六月二十三日", "1944-06-23", "1944-06-23", False),
    ("一九四四年十二月三十一日", "1944-12-31", "1944-12-31", False),
    ("一九四〇年十月十日", "1940-10-10", "1940-10-10", False),
    ("一九四四年六月廿三日", "1944-06-23", "1944-06-23", False),
    ("民国三十三年六月二十三日", "1944-06-23", "1944-06-23", False),
    ("民國33年6月", "1944-06-01", "1944-06-30", False),
    ("中华民国三十三年", "1944-01-01", "1944-12-31", False),
    ("中華民國三十三年", "1944-01-01", "1944-12-31", False),
    ("民国三十三年六月", "1944-06-01", "1944-06-30", False),
    ("民国元年", "1912-01-01", "1912-12-31", False),
    ("民国十年", "1921-01-01", "1921-12-31", False),
    ("民国1年1月1日", "1912-01-01", "1912-01-01", False),
    # English
    ("23 June 1944", "1944-06-23", "1944-06-23", False),
    ("June 1944", "1944-06-01", "1944-06-30", False),
    ("Jun 23, 1944", "1944-06-23", "1944-06-23", False),
    ("June 23 1944", "1944-06-23", "1944-06-23", False),
    ("23 Sept. 1944", "1944-09-23", "1944-09-23", False),
    ("may 1944", "1944-05-01", "1944-05-31", False),
    ("FEBRUARY 1944", "1944-02-01", "1944-02-29", False),
    # ranges
    ("1944-06/1944-08", "1944-06-01", "1944-08-31", False),
    ("1944-06-23/1944-08-08", "1944-06-23", "1944-08-08", False),
    ("1944-06-23/08-08", "1944-06-23", "1944-08-08", False),
    ("1944-06-23/28", "1944-06-23", "1944-06-28", False),
    ("1944-06/08", "1944-06-01", "1944-08-31", False),
    ("1944-06-23-08-08", "1944-06-23", "1944-08-08", False),
    ("1944-1945", "1944-01-01", "1945-12-31", False),
    ("1944 – 1945", "1944-01-01", "1945-12-31", False),
    ("1944—1945", "1944-01-01", "1945-12-31", False),
    ("1944~1945", "1944-01-01", "1945-12-31", False),
    ("1944～1945", "1944-01-01", "1945-12-31", False),
    ("1944年6月23日至8月8日", "1944-06-23", "1944-08-08", False),
    ("1944年6月23日到8月8日", "1944-06-23", "1944-08-08", False),
    ("1944年6月23日至28日", "1944-06-23", "1944-06-28", False),
    ("1944年6月–8月", "1944-06-01", "1944-08-31", False),
    ("1944年6月-8月", "1944-06-01", "1944-08-31", False),
    ("1944年12月–1945年1月", "1944-12-01", "1945-01-31", False),
    ("1944–1945年", "1944-01-01", "1945-12-31", False),
    ("民国三十三年六月至八月", "1944-06-01", "1944-08-31", False),
    ("1944年6月–8月8日", "1944-06-01", "1944-08-08", False),
    ("June–August 1944", "1944-06-01", "1944-08-31", False),
    ("23 June – 8 August 1944", "1944-06-23", "1944-08-08", False),
    ("23–28 June 1944", "1944-06-23", "1944-06-28", False),
    ("June 1944 to August 1944", "1944-06-01", "1944-08-31", False),
    ("December 1944 – January 1945", "1944-12-01", "1945-01-31", False),
    ("1944-06-23/1944-06-23", "1944-06-23", "1944-06-23", False),
    # decades
    ("1940s", "1940-01-01", "1949-12-31", True),
    ("1940's", "1940-01-01", "1949-12-31", True),
    ("1940年代", "1940-01-01", "1949-12-31", True),
    ("一九四〇年代", "1940-01-01", "1949-12-31", True),
    ("1930s–1940s", "1930-01-01", "1949-12-31", True),
    # approximate
    ("约1944年", "1944-01-01", "1944-12-31", True),
    ("約1944年", "1944-01-01", "1944-12-31", True),
    ("大约1944年6月", "1944-06-01", "1944-06-30", True),
    ("1944年前后", "1944-01-01", "1944-12-31", True),
    ("1944年前後", "1944-01-01", "1944-12-31", True),
    ("1944年左右", "1944-01-01", "1944-12-31", True),
    ("约1944年左右", "1944-01-01", "1944-12-31", True),
    ("circa 1944", "1944-01-01", "1944-12-31", True),
    ("Circa 1944", "1944-01-01", "1944-12-31", True),
    ("c. 1944", "1944-01-01", "1944-12-31", True),
    ("c.1944", "1944-01-01", "1944-12-31", True),
    ("ca. 1944", "1944-01-01", "1944-12-31", True),
    ("ca 1944", "1944-01-01", "1944-12-31", True),
    ("about 1944", "1944-01-01", "1944-12-31", True),
    ("approx. June 1944", "1944-06-01", "1944-06-30", True),
    ("1944?", "1944-01-01", "1944-12-31", True),
    ("1944？", "1944-01-01", "1944-12-31", True),
    ("1944-06-23?", "1944-06-23", "1944-06-23", True),
    ("c. 1944–1945", "1944-01-01", "1945-12-31", True),
    ("1944–1945?", "1944-01-01", "1945-12-31", True),
    ("约民国三十三年", "1944-01-01", "1944-12-31", True),
    # full-width and whitespace
    ("１９４４", "1944-01-01", "1944-12-31", False),
    ("１９４４年６月２３日", "1944-06-23", "1944-06-23", False),
    ("１９４４－０６－２３", "1944-06-23", "1944-06-23", False),
    ("  1944-06-23 \n", "1944-06-23", "1944-06-23", False),
    ("\u30001944年\u3000", "1944-01-01", "1944-12-31", False),
]


@pytest.mark.parametrize("text,start,end,approx", GOOD)
def test_parses(text, start, end, approx):
    r = parse_date(text)
    assert (r.start, r.end, r.approximate) == (start, end, approx)
    assert r.text == text.strip()


@pytest.mark.parametrize("text", [None, "", "   ", "\t\n", "\u3000"])
def test_empty_is_no_date(text):
    assert parse_date(text) == DateRange("", None, None, False)


def test_daterange_is_frozen():
    r = parse_date("1944")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.start = "1945-01-01"  # type: ignore[misc]


# (text, words the message must contain besides the text itself)
BAD = [
    ("1944年13月", "month 13 does not exist"),
    ("1944-13", "month 13"),
    ("1944-00-10", "month 0"),
    ("1944-06-31", "day 31"),
    ("1944年6月31日", "day 31"),
    ("1944-06-00", "day 0"),
    ("1943-02-29", "day 29"),
    ("1900-02-29", "day 29"),
    ("1944-06-23/1944-06-31", "day 31"),
    ("1944-08/1944-06", "ends before it starts"),
    ("1945–1944", "ends before it starts"),
    ("1944年8月至6月", "ends before it starts"),
    ("约", "no date"),
    ("circa", "no date"),
    ("?", "no date"),
    ("约 ？", "no date"),
    ("前后", "no date"),
    ("sometime in summer", "expected a date"),
    ("summer in 1944", "expected a date"),       # 'summer 1944' reads (test_dates_museum.py)
    ("1944-06-23 noon", "expected a date"),
    ("0", "in full"),
    ("0000", "year 0"),
    ("3000", "year 3000"),
    ("3000-01-01", "year 3000"),
    ("9999年", "year 9999"),
    ("民国0年", "no year 0"),
    ("民国〇年", "no year 0"),
    ("民国1089年", "year 3000"),
    ("44年", "in full"),
    ("四十四年", "in full"),
    ("June", "no year"),
    ("6月23日", "no year"),
    ("June 31 1944", "day 31"),
    ("1944年代", "decade"),
    ("1945s", "expected a date"),
    ("民国民国", "expected a date"),               # '民国' alone is the period 1912–1949
    ("1944年6月23日至", "expected a date"),
    ("1944-06-23 / 1944-08-08 / 1944-09-01", "expected a date"),
]


@pytest.mark.parametrize("text,words", BAD)
def test_rejects(text, words):
    with pytest.raises(DateError) as info:
        parse_date(text)
    message = str(info.value)
    assert f"'{text.strip()}'" in message
    assert words in message
    assert isinstance(info.value, ExhibitError)


def test_error_message_form():
    with pytest.raises(DateError, match=r"^cannot read the date '1944年13月': month 13 does not exist$"):
        parse_date("1944年13月")


def test_error_names_text_as_written_not_normalised():
    with pytest.raises(DateError, match="'１９４４年１３月'"):
        parse_date(" １９４４年１３月 ")


@pytest.mark.parametrize("text", ["x" * 100_000, "1944" * 25_000, "1" * 101, "-" * 100_000,
                                  "1944-" * 20_000, "约" * 100_000])
def test_huge_input_fails_fast(text):
    t0 = time.perf_counter()
    with pytest.raises(DateError, match="characters long"):
        parse_date(text)
    assert time.perf_counter() - t0 < 0.1


@pytest.mark.parametrize("text", ["1944-06/" * 12, "-/" * 50, "1" + "-1" * 49, "约" * 100])
def test_longest_allowed_junk_is_still_quick(text):
    t0 = time.perf_counter()
    with pytest.raises(DateError):
        parse_date(text)
    assert time.perf_counter() - t0 < 0.5


@pytest.mark.parametrize("text", ["\ud800", "1944\udfff", "\udc80年"])
def test_lone_surrogates_raise_date_error(text):
    with pytest.raises(DateError, match="invalid characters") as info:
        parse_date(text)
    str(info.value).encode("utf-8")     # the message itself is printable


@pytest.mark.parametrize("value", [1944, 19.44, b"1944"])
def test_non_text_raises_date_error(value):
    with pytest.raises(DateError):
        parse_date(value)  # type: ignore[arg-type]


# (text, zh, en)
FORMATS = [
    ("1944-06-23", "1944年6月23日", "23 June 1944"),
    ("1944-06", "1944年6月", "June 1944"),
    ("1944", "1944年", "1944"),
    ("1944-06/1944-08", "1944年6月–8月", "June–August 1944"),
    ("1944-06-23/1944-08-08", "1944年6月23日–8月8日", "23 June – 8 August 1944"),
    ("1944-06-23/28", "1944年6月23日–28日", "23–28 June 1944"),
    ("1944-12/1945-01", "1944年12月–1945年1月", "December 1944 – January 1945"),
    ("1944-12-30/1945-01-02", "1944年12月30日–1945年1月2日", "30 December 1944 – 2 January 1945"),
    ("1944-1945", "1944年–1945年", "1944–1945"),
    ("1944年6月–8月8日", "1944年6月1日–8月8日", "1 June – 8 August 1944"),
    ("约1944年", "约1944年", "c. 1944"),
    ("1944-06-23?", "1944年6月23日？", "23 June 1944?"),   # uncertain, no longer written as circa
    ("c. 1944–1945", "约1944年–1945年", "c. 1944–1945"),
    ("1940s", "1940年代", "1940s"),
    ("1940–1949", "1940年–1949年", "1940–1949"),   # exact years, not a vague decade
    ("民国三十三年", "1944年", "1944"),
]


@pytest.mark.parametrize("text,zh,en", FORMATS)
def test_format_range(text, zh, en):
    r = parse_date(text)
    assert format_range(r, "zh") == zh
    assert format_range(r, "zh-CN") == zh
    assert format_range(r, "en") == en


def test_format_empty():
    assert format_range(parse_date(""), "zh") == ""
    assert format_range(parse_date(None), "en") == ""


@pytest.mark.parametrize("text", [g[0] for g in GOOD])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_format_reads_back(text, lang):
    r = parse_date(text)
    again = parse_date(format_range(r, lang))
    assert (again.start, again.end, again.approximate) == (r.start, r.end, r.approximate)
