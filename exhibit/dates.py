"""Reading the dates curators type: ISO, Chinese, Republic-era (民国) and English.

parse_date() turns free-typed text into a DateRange of full ISO days (earliest
and latest day meant), so sorting and searching never have to guess what
"1944年6月" covers; format_range() writes a range back in a human form that
parse_date() reads again.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from exhibit.errors import DateError

MAX_LEN = 100      # far longer than any real date; checked before any regex work
ROC_OFFSET = 1911  # 民国元年 is 1912
MIN_YEAR, MAX_YEAR = 1, 2999


@dataclass(frozen=True)
class DateRange:
    text: str            # as written, stripped
    start: str | None    # 'YYYY-MM-DD', earliest day meant
    end: str | None      # 'YYYY-MM-DD', latest day meant (inclusive)
    approximate: bool    # 约 / circa / c. / about / ? / 前后 / 左右 / decades


EMPTY = DateRange("", None, None, False)


class _Reason(Exception):
    """Why text that looks like a date is still wrong; parse_date wraps it."""


# --- numbers ---------------------------------------------------------------

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3,
              "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_N = r"(?:\d{1,4}|[〇○零一二三四五六七八九十两廿卅]{1,4})"  # one number, Arabic or Chinese


def _num(s: str) -> int:
    """'23', '二十三', '廿三', '六', or digit-by-digit '一九四四' -> int."""
    if s.isascii() and s.isdigit():
        return int(s)
    if s == "元":                       # 民国元年: the first year of an era
        return 1
    s = s.replace("廿", "二十").replace("卅", "三十")
    try:
        if "十" in s:                   # positional: 十, 十二, 二十, 三十三
            tens, _, units = s.partition("十")
            if len(tens) > 1 or len(units) > 1:
                raise KeyError(s)
            return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)
        return int("".join(str(_CN_DIGITS[c]) for c in s))   # 一九四四: read digit by digit
    except KeyError:
        raise _Reason(f"'{s}' is not a number") from None


def _year(s: str) -> int:
    """A plain (not era) year. Two digits ('44', '四十四') would silently mean AD 44."""
    if len(s) < 3 or (not s.isdigit() and any(c in s for c in "十廿卅")):
        raise _Reason(f"write the year '{s}' in full, e.g. 1944")
    return _num(s)


# --- the forms one side of a range can take ----------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name[:3].lower(): i for name, i in list(_MONTHS.items())} | {"sept": 9}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# Qualifiers that make a date approximate; several may be stacked (约1944年左右).
_PREFIX = re.compile(r"(?:大?约|circa\b|ca\b\.?|c\.|about\b|around\b"
                     r"|approx(?:imately\b|\.|\b))\s*", re.I)
_SUFFIX = re.compile(r"\s*(?:前后|左右|\?)$")

_DECADE = re.compile(rf"(?P<y>\d{{3}}0)\s*'?s|(?P<cy>{_N})年代", re.I)
_NUMERIC = re.compile(r"(\d{1,4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?")  # one separator kind
_CJK = re.compile(rf"""
    (?: (?P<era>(?:中华)?民国)(?P<ey>{_N}|元)年 | (?P<y>{_N})年 )?
    (?: (?P<m>{_N})月份? )?
    (?: (?P<d>{_N})(?P<dm>[日号])? )?""", re.X)
_EN_DMY = re.compile(rf"(?P<d>\d{{1,2}})\s*{_MON}(?:,?\s*(?P<y>\d{{1,4}}))?", re.I)
_EN_MDY = re.compile(rf"{_MON}(?:\s*(?P<d>\d{{1,2}})(?!\d))?(?:,?\s*(?P<y>\d{{1,4}}))?", re.I)

# Range separators. '-' and '/' also separate a date's own fields, so
# parse_date tries the whole text as one date before splitting at any of these.
_SEP = re.compile(r"\s*(?:[-/~–—〜]+|至|到|\bto\b)\s*", re.I)

# Traditional forms folded to simplified so one regex serves both.
_FOLD = str.maketrans({"國": "国", "華": "华", "號": "号", "約": "约", "後": "后"})


@dataclass
class _Part:
    """One side of a range. Fields left None are inherited from the other side."""
    y: int | None = None
    m: int | None = None
    d: int | None = None
    nums: tuple[str, ...] = ()   # '1944-06' style: which field each is depends on the other side
    decade: bool = False
    approx: bool = False

    @property
    def precision(self) -> int:  # 1 year, 2 month, 3 day
        return len(self.nums) or (3 if self.d is not None else 2 if self.m is not None else 1)

    def place_nums(self, width: int) -> None:
        """'1944-06-23/08-08': the shorter side's numbers are the *last* fields."""
        top = max(width - len(self.nums), 0)
        for name, s in zip(("y", "m", "d")[top:], self.nums):
            setattr(self, name, _year(s) if name == "y" else int(s))
        self.nums = ()


def _strip_qualifiers(s: str) -> tuple[str, bool]:
    approx = False
    while True:
        t = _SUFFIX.sub("", _PREFIX.sub("", s, count=1)).strip()
        if t == s:
            return s, approx
        s, approx = t, True


def _part(s: str) -> _Part | None:
    """Read one side of a range; None if it is no form we know."""
    s, approx = _strip_qualifiers(s.strip())
    if not s:
        return None
    compact = re.sub(r"\s+", "", s)     # Chinese forms ignore stray spaces
    if m := _DECADE.fullmatch(s) or _DECADE.fullmatch(compact):
        y = _year(m["y"] or m["cy"])
        if y % 10:
            raise _Reason(f"a decade starts at a year ending in 0, not {y}")
        return _Part(y=y, decade=True, approx=True)
    if m := _NUMERIC.fullmatch(s):
        return _Part(nums=tuple(g for g in m.group(1, 3, 4) if g), approx=approx)
    if (m := _CJK.fullmatch(compact)) and any(m.group("ey", "y", "m", "d")):
        if m["d"] and not m["dm"] and not m["m"]:
            return None                 # a bare number is a day only right after 月
        p = _Part(m=m["m"] and _num(m["m"]), d=m["d"] and _num(m["d"]), approx=approx)
        if m["ey"]:
            if (era_year := _num(m["ey"])) < 1:
                raise _Reason("the Republic era (民国) has no year 0")
            p.y = era_year + ROC_OFFSET
        elif m["y"]:
            p.y = _year(m["y"])
        return p
    if m := _EN_DMY.fullmatch(s) or _EN_MDY.fullmatch(s):
        return _Part(y=m["y"] and _year(m["y"]), m=_MONTHS[m["mon"].lower()],
                     d=m["d"] and int(m["d"]), approx=approx)
    return None


def _span(p: _Part) -> tuple[date, date]:
    """Earliest and latest day a complete part means; checks every field."""
    if p.y is None:
        raise _Reason("no year given")
    if not MIN_YEAR <= p.y <= MAX_YEAR:
        raise _Reason(f"year {p.y} is outside {MIN_YEAR}–{MAX_YEAR}")
    if p.decade:
        return date(p.y, 1, 1), date(min(p.y + 9, MAX_YEAR), 12, 31)
    if p.m is None:
        return date(p.y, 1, 1), date(p.y, 12, 31)
    if not 1 <= p.m <= 12:
        raise _Reason(f"month {p.m} does not exist")
    last = calendar.monthrange(p.y, p.m)[1]   # knows leap years
    if p.d is None:
        return date(p.y, p.m, 1), date(p.y, p.m, last)
    if not 1 <= p.d <= last:
        raise _Reason(f"day {p.d} does not exist in {calendar.month_name[p.m]} {p.y}"
                      f" (it has {last} days)")
    return date(p.y, p.m, p.d), date(p.y, p.m, p.d)


def _resolve(a: _Part, b: _Part | None) -> tuple[date, date, bool]:
    if b is None:
        a.place_nums(a.precision)      # alone, '1944-06' reads left to right
        start, end = _span(a)
        return start, end, a.approx or a.decade
    pa, pb = a.precision, b.precision
    a.place_nums(pb)
    b.place_nums(pa)
    # '1944年6月23日至8月8日' takes the year forward; 'June–August 1944' takes it back.
    for x, o in ((a, b), (b, a)):
        if x.y is None:
            x.y = o.y
        if x.m is None and x.d is not None:
            x.m = o.m
    start, _ = _span(a)
    _, end = _span(b)
    if end < start:
        raise _Reason("the range ends before it starts")
    return start, end, a.approx or b.approx or a.decade or b.decade


def parse_date(text: str | None) -> DateRange:
    """Read a typed date or date range; DateError says what is wrong with it."""
    if text is None:
        return EMPTY
    if not isinstance(text, str):
        raise DateError(f"cannot read the date {text!r}: it is not text")
    raw = text.strip()
    if not raw:
        return EMPTY
    if len(raw) > MAX_LEN:
        raise DateError(f"cannot read the date '{raw[:30]}…': it is {len(raw)} characters"
                        f" long (a date has at most {MAX_LEN})")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:          # lone surrogates, e.g. from a broken paste
        shown = raw.encode("utf-8", "backslashreplace").decode("utf-8")
        raise DateError(f"cannot read the date '{shown}': it contains invalid characters") from None

    def fail(reason: str) -> DateError:
        return DateError(f"cannot read the date '{raw}': {reason}")

    s = unicodedata.normalize("NFKC", raw).translate(_FOLD)  # full-width digits -> ASCII
    if not _strip_qualifiers(s)[0]:
        raise fail("there is no date after the qualifier")
    try:
        if (whole := _part(s)) is not None:
            return DateRange(raw, *_iso(*_resolve(whole, None)))
    except _Reason as e:
        raise fail(str(e)) from None
    first_error: _Reason | None = None
    for sep in _SEP.finditer(s):        # try each separator; the first reading that works wins
        try:
            a, b = _part(s[:sep.start()]), _part(s[sep.end():])
            if a is not None and b is not None:
                return DateRange(raw, *_iso(*_resolve(a, b)))
        except _Reason as e:
            first_error = first_error or e
    if first_error is not None:
        raise fail(str(first_error))
    raise fail("expected a date such as 1944-06-23, 1944年6月23日, 民国三十三年 or 23 June 1944")


def _iso(start: date, end: date, approx: bool) -> tuple[str, str, bool]:
    return start.isoformat(), end.isoformat(), approx


# --- writing ranges back --------------------------------------------------------

def format_range(r: DateRange, lang: str) -> str:
    """Human form of a parsed range: 'zh…' gives Chinese, anything else English."""
    if r.start is None and r.end is None:
        return ""
    s = date.fromisoformat(r.start or r.end)
    e = date.fromisoformat(r.end or r.start)
    zh = lang.lower().startswith("zh")
    if r.approximate and (s.month, s.day) == (1, 1) and s.year % 10 == 0 \
            and e == date(min(s.year + 9, MAX_YEAR), 12, 31):
        return f"{_yr(s.year)}年代" if zh else f"{_yr(s.year)}s"
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
        unit = "y"
    elif s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]:
        unit = "m"
    else:
        unit = "d"
    text = (_format_zh if zh else _format_en)(s, e, unit)
    return ("约" if zh else "c. ") + text if r.approximate else text


def _yr(y: int) -> str:
    """Years below 1000 keep leading zeros: parse_date reads '44' as a typo for 1944
    and a decade written '940s' not at all ('0940s' reads back)."""
    return str(y) if y >= 1000 else f"{y:04d}"


def _same(s: date, e: date, unit: str) -> tuple[bool, bool, bool]:
    """(same year, same month, one single unit)."""
    year = s.year == e.year
    month = year and s.month == e.month
    return year, month, {"y": year, "m": month, "d": s == e}[unit]


def _format_zh(s: date, e: date, unit: str) -> str:
    def one(d: date, year: bool = True, month: bool = True) -> str:
        out = f"{_yr(d.year)}年" if year else ""
        if unit != "y" and month:
            out += f"{d.month}月"
        return out + (f"{d.day}日" if unit == "d" else "")

    year, month, single = _same(s, e, unit)
    if single:
        return one(s)
    return f"{one(s)}–{one(e, year=not year, month=not month)}"


def _format_en(s: date, e: date, unit: str) -> str:
    def one(d: date, year: bool = True, month: bool = True) -> str:
        bits = [str(d.day)] if unit == "d" else []
        if unit != "y" and month:
            bits.append(calendar.month_name[d.month])
        return " ".join(bits + ([_yr(d.year)] if year else []))

    year, month, single = _same(s, e, unit)
    if single:
        return one(s)
    if unit == "y":
        return f"{_yr(s.year)}–{_yr(e.year)}"
    if month:                           # 23–28 June 1944
        return f"{s.day}–{one(e)}"
    if year:                            # June–August 1944, 23 June – 8 August 1944
        sep = "–" if unit == "m" else " – "
        return f"{one(s, year=False)}{sep}{one(e)}"
    return f"{one(s)} – {one(e)}"
