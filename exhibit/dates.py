"""Reading the dates curators and museum catalogues write: ISO, Chinese, Republic-era (民国),
Qing reigns, English, and the qualified forms of museum cataloguing ("c.1830–41", "?1829",
"exhibited 1812", "early 19th century", "清末", "抗战时期").

parse_date() turns free-typed text into a DateRange of full ISO days (earliest and latest
day meant) plus a qualifier, so sorting and searching never have to guess what "1944年6月"
or "before 1850" covers; format_range() writes a range back in a human form that
parse_date() reads again. read_date() is the forgiving reader for saving and importing: a
text it cannot read is kept as written with an empty range and a warning, never refused;
only a date that cannot exist (month 13, 30 February, a range that ends before it starts)
is still an error, because that is a typo the curator can fix.

Conventions (the same in both directions, so a formatted range reads back identically):
- "c."/约 and "?" do not widen the range: "c.1830" is 1830, marked circa; "?1829" is 1829,
  marked uncertain. Decades, centuries and fuzzy periods (清末) are marked circa too.
- An open side ("before 1850", "after 1830", "1944 or earlier", "exhibited 1812") is closed
  OPEN_YEARS years beyond the stated year, so the record still sorts near its known date and
  a period filter that could contain it finds it; the qualifier says that side is a guess.
  "before"/以前/之前 and "after"/以后/之后 exclude the stated date ("民国以前" is before the
  Republic); "or earlier"/或更早, "by" (exhibited, published, 不晚于) and "or later"/或更晚/
  不早于 include it.
- "19th century" is 1800–1899 (CCO/AAT). Its early, mid, late thirds are 1800–1833,
  1834–1866, 1867–1899; halves and quarters are 50 and 25 years. A decade's early, mid,
  late are years 0–3, 4–6, 7–9 ("mid-1940s" = 1944–1946).
- "1820-5", "1820–5", "c.1830–41" abbreviate the end year (1825, 1841). With a hyphen, a
  two-digit end from 01 to 12 stays an ISO month ("1944-06", "1944-12").
- Seasons are meteorological months: spring 3–5, summer/夏 6–8, autumn 9–11, winter/冬
  December to February of the next year; 上半年 1–6, 下半年 7–12; 上/中/下旬 days 1–10,
  11–20, 21–end.
- A Qing reign year (光绪三十年) is the Gregorian year it mostly falls in, marked circa (a
  lunar year runs into the next January); its lunar months are not converted. Reigns and
  named periods use the whole years in _REIGNS and _PERIODS.
- A trailing note after a comma ("1826–7, reprinted 1892") does not change the range.
"""
from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, timedelta

from exhibit.errors import DateError
from exhibit.problems import Problem

MAX_LEN = 100      # far longer than any real date; checked before any regex work
ROC_OFFSET = 1911  # 民国元年 is 1912
MIN_YEAR, MAX_YEAR = 1, 2999
OPEN_YEARS = 10    # how far an open side ("before 1850") reaches beyond the stated year

# What a range's qualifier can be. "" is a plain date; circa and uncertain are approximate.
QUALIFIERS = ("", "circa", "uncertain", "before", "after", "by", "or earlier", "or later")
_OPEN = frozenset(QUALIFIERS[3:])


@dataclass(frozen=True)
class DateRange:
    text: str            # as written, stripped
    start: str | None    # 'YYYY-MM-DD', earliest day meant
    end: str | None      # 'YYYY-MM-DD', latest day meant (inclusive)
    approximate: bool    # 约 / circa / c. / about / ? / 前后 / 左右 / decades / centuries
    qualifier: str = ""  # one of QUALIFIERS

    def __post_init__(self) -> None:
        # approximate and qualifier say the same thing for circa/uncertain; keep them in step
        # so a range built by hand (DateRange("", s, e, True)) formats and reads back alike.
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"unknown date qualifier {self.qualifier!r}")
        if self.approximate and not self.qualifier:
            object.__setattr__(self, "qualifier", "circa")
        elif self.qualifier in ("circa", "uncertain"):
            object.__setattr__(self, "approximate", True)


EMPTY = DateRange("", None, None, False)


@dataclass(frozen=True)
class DateReading:
    """What read_date made of a text: the range, and why it is empty if it could not be read."""
    range: DateRange
    problem: Problem | None = None   # "date_error" naming the text and why; None when it was read

    @property
    def warning(self) -> str:
        """The warning as one English sentence naming the text; "" when it was read (or is no date)."""
        return f"{self.problem}; it is kept as written, without a date range" if self.problem else ""


class _Reason(Exception):
    """Why text is no date we can read; parse_date wraps it, read_date turns it into a warning."""

    def __init__(self, code: str, **params: object):
        self.problem = Problem(None, code, params)
        super().__init__(str(self.problem))


class _Impossible(_Reason):
    """Text that reads as a date which cannot exist: always an error, never a warning."""


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
        raise _Reason("date_not_a_number", value=s) from None


def _year(s: str) -> int:
    """A plain (not era) year. Two digits ('44', '四十四') would silently mean AD 44."""
    if len(s) < 3 or (not s.isdigit() and any(c in s for c in "十廿卅")):
        raise _Reason("date_year_short", value=s)
    return _num(s)


def _check_year(y: int) -> int:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise _Impossible("date_year_range", value=y, low=MIN_YEAR, high=MAX_YEAR)
    return y


def _years(first: int, last: int) -> tuple[date, date]:
    return date(_check_year(first), 1, 1), date(_check_year(last), 12, 31)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


# --- named spans: periods, reigns, parts of centuries and decades -----------------

# Qing reigns (first and last Gregorian year of the era name) and the Republic.
_REIGNS = {"顺治": (1644, 1661), "康熙": (1662, 1722), "雍正": (1723, 1735), "乾隆": (1736, 1795),
           "嘉庆": (1796, 1820), "道光": (1821, 1850), "咸丰": (1851, 1861), "同治": (1862, 1874),
           "光绪": (1875, 1908), "宣统": (1909, 1911)}
_REIGN = re.compile(rf"(?:清|大清)?(?P<r>{'|'.join(_REIGNS)})"
                    rf"(?:(?P<n>{_N}|元)年(?P<rest>.*)|年间|时期|期间|朝)?")

# Named periods: (first day, last day, fuzzy). Fuzzy ones (清末) are conventions, marked circa;
# 清末 is 光绪 and 宣统, 晚清 starts with the Opium War, 民初 is the Beiyang years.
_PERIOD_SPANS: dict[tuple[str, ...], tuple[str, str, bool]] = {
    ("明", "明代", "明朝"): ("1368-01-01", "1644-12-31", False),
    ("明末",): ("1621-01-01", "1644-12-31", True),
    ("清", "清代", "清朝"): ("1644-01-01", "1911-12-31", False),
    ("清初", "清早期", "清代早期"): ("1644-01-01", "1722-12-31", True),
    ("清中期", "清代中期"): ("1723-01-01", "1839-12-31", True),
    ("清末", "清晚期", "清代晚期"): ("1875-01-01", "1911-12-31", True),
    ("晚清",): ("1840-01-01", "1911-12-31", True),
    ("清末民初",): ("1875-01-01", "1927-12-31", True),
    ("民国", "中华民国"): ("1912-01-01", "1949-12-31", False),
    ("民初", "民国初年", "民国初期"): ("1912-01-01", "1927-12-31", True),
    ("北伐", "北伐战争"): ("1926-01-01", "1928-12-31", False),
    ("抗战", "抗日战争", "全面抗战", "八年抗战"): ("1937-01-01", "1945-12-31", False),
    ("解放战争",): ("1945-01-01", "1949-12-31", False),
    ("衡阳保卫战", "衡阳会战"): ("1944-06-23", "1944-08-08", False),
}
_PERIODS = {name + suffix: span for names, span in _PERIOD_SPANS.items() for name in names
            for suffix in ("", "时期", "期间", "年间")}

# Parts of a century (offsets in years within it) and of a decade.
_CENTURY_PARTS = {"early": (0, 33), "mid": (34, 66), "late": (67, 99),
                  "first half": (0, 49), "second half": (50, 99),
                  "first quarter": (0, 24), "second quarter": (25, 49),
                  "third quarter": (50, 74), "fourth quarter": (75, 99)}
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}
_PART_ALIASES = {"beginning": "early", "end": "late", "last quarter": "fourth quarter",
                 "初": "early", "初期": "early", "初叶": "early", "前期": "early",
                 "中": "mid", "中期": "mid", "中叶": "mid",
                 "末": "late", "末期": "late", "末叶": "late", "后期": "late",
                 "上半叶": "first half", "上半期": "first half",
                 "下半叶": "second half", "下半期": "second half"}
_PART_ZH = {"early": "初", "mid": "中叶", "late": "末", "first half": "上半叶", "second half": "下半叶"}
_DECADE_PART_ZH = {"early": "初", "mid": "中期", "late": "末"}

_EN_PART = (r"(?:the\s+)?(?P<part>early|mid|late|beginning|end|first\s+half|second\s+half"
            r"|(?:first|second|third|fourth|last)\s+quarter)(?:\s+of\s+the)?[\s-]*")
_CENTURY_EN = re.compile(rf"(?:{_EN_PART}|the\s+)?(?P<n>\d{{1,2}})(?:st|nd|rd|th)[\s-]*"
                         r"(?:century|cent\.?|c\.)", re.I)
_ZH_PART = r"(?P<{}>初期?|初叶|前期|中期|中叶|中|末期?|末叶|后期|上半叶|上半期|下半叶|下半期)"
_CENTURY_ZH = re.compile(rf"(?P<n>{_N})世纪(?:(?P<dec>{_N})年代)?{_ZH_PART.format('part')}?")


def _part_name(word: str | None) -> str | None:
    if word is None:
        return None
    word = re.sub(r"\s+", " ", word.lower())
    return _PART_ALIASES.get(word, word)


def _century(n: int, part: str | None) -> tuple[date, date]:
    if n < 1:
        raise _Impossible("date_century_zero")
    base = (n - 1) * 100
    lo, hi = _CENTURY_PARTS[part] if part else (0, 99)
    return _years(max(base + lo, MIN_YEAR), base + hi)


def _decade(y: int, part: str | None) -> tuple[date, date]:
    if y % 10:
        raise _Impossible("date_decade_start", value=y)
    if part not in (None, *_DECADE_PARTS):
        raise _Reason("date_decade_part", value=part)
    lo, hi = _DECADE_PARTS[part] if part else (0, 9)
    return _years(y + lo, y + hi)


# --- the forms one side of a range can take ----------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name[:3].lower(): i for name, i in list(_MONTHS.items())} | {"sept": 9}
_MON = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

# Qualifiers of one side; several may be stacked (约1944年左右, ?c.1760).
_CIRCA = re.compile(r"(?:大?约|circa\b|ca\b\.?|c\.|about\b|around\b"
                    r"|approx(?:imately\b|\.|\b))\s*", re.I)
_DOUBT = re.compile(r"(?:\?|probably\b|possibly\b|perhaps\b|疑为|可能|或为)\s*", re.I)
_CIRCA_END = re.compile(r"\s*(?:前后|左右)$")
_DOUBT_END = re.compile(r"\s*\?$")

_DECADE = re.compile(rf"(?:(?P<part>early|mid|late)[\s-]*)?(?P<y>\d{{3}}0)\s*'?s"
                     rf"|(?P<cy>{_N})年代{_ZH_PART.format('zpart')}?", re.I)
_SHORT_DECADE = re.compile(r"(?P<y>\d0)\s*'?s", re.I)           # the '40s' of '1830s–40s'
_NUMERIC = re.compile(r"(\d{1,4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2}))?)?")  # one separator kind
_CJK = re.compile(rf"""
    (?: (?P<era>(?:中华)?民国)(?P<ey>{_N}|元)年 | (?P<y>{_N})年 )?
    (?: (?P<m>{_N})月份? )?
    (?: (?P<d>{_N})(?P<dm>[日号])? )?""", re.X)
_EN_DMY = re.compile(rf"(?P<d>\d{{1,2}})\s*{_MON}(?:,?\s*(?P<y>\d{{1,4}}))?", re.I)
_EN_MDY = re.compile(rf"{_MON}(?:\s*(?P<d>\d{{1,2}})(?!\d))?(?:,?\s*(?P<y>\d{{1,4}}))?", re.I)

# Seasons and parts of a year or month: (first month, last month); 14 is next February.
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
            "winter": (12, 14), "春": (3, 5), "夏": (6, 8), "秋": (9, 11), "冬": (12, 14),
            "上半年": (1, 6), "下半年": (7, 12)}
_SEASON_EN = re.compile(r"(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?\s+(?P<rest>.+)", re.I)
_SEASON_ZH = re.compile(r"(?P<rest>.+年)(?P<season>春|夏|秋|冬|上半年|下半年)(?:季|天)?")
_XUN = re.compile(r"(?P<rest>.+月)(?P<xun>上|中|下)旬")

# Range separators. '-' and '/' also separate a date's own fields, so
# parse_date tries the whole text as one date before splitting at any of these.
_SEP = re.compile(r"\s*(?:[-/~–—〜]+|至|到|\bto\b|\bor\b)\s*", re.I)

# Traditional forms folded to simplified so one regex serves both; dashes to one of ours.
_FOLD = str.maketrans({"國": "国", "華": "华", "號": "号", "約": "约", "後": "后", "間": "间",
                       "紀": "纪", "戰": "战", "緒": "绪", "豐": "丰", "慶": "庆", "為": "为",
                       "詳": "详", "葉": "叶", "攝": "摄", "製": "制", "閒": "间",
                       "‐": "-", "‑": "-", "‒": "-", "−": "-", "﹣": "-", "―": "—"})

# --- what surrounds the date: relations, notes, no-date phrases ------------------

_NO_DATE = re.compile(
    r"[\[(]?\s*(?:date\s+not\s+known|not\s+known|date\s+unknown|unknown(?:\s+date)?|n\.\s?d\.?"
    r"|n\s?d\.?|s\.\s?d\.?|undated|not\s+dated|no\s+date|年代不详|年代不明|年代待考|时间不详"
    r"|日期不详|不详|不明|待考|未知)\s*[\])]?", re.I)
_REL_PREFIX = re.compile(
    r"(?:(?P<en>not\s+before|not\s+after|no\s+later\s+than|no\s+earlier\s+than|before|after|by"
    r"|exhibited|published|printed|made|dated|designed|painted|drawn|cast|executed"
    r"|photographed|taken|created|issued)\b|(?P<abbr>exh\.|pub\.|不晚于|不早于|早于|晚于"
    r"|摄于|拍摄于|制于|作于))\s*", re.I)
_REL_SUFFIX = re.compile(
    r"\s*(?:(?P<en>or\s+earlier|or\s+before|or\s+later|or\s+after)"
    r"|(?P<zh>或更早|或更晚|或以前|或以后|以前|之前|(?<!前)前|以后|之后|(?<!前)后"
    r"|拍摄|摄影|摄|制作|制|造|印制|印|出版))$", re.I)
_RELATIONS = {"not before": "or later", "not after": "by", "no later than": "by",
              "no earlier than": "or later", "before": "before", "after": "after", "by": "by",
              "exhibited": "by", "exh.": "by", "published": "by", "pub.": "by",
              "不晚于": "by", "不早于": "or later", "早于": "before", "晚于": "after",
              "or earlier": "or earlier", "or before": "or earlier", "or later": "or later",
              "or after": "or later", "或更早": "or earlier", "或以前": "or earlier",
              "以前": "before", "之前": "before", "前": "before", "或更晚": "or later",
              "或以后": "or later", "以后": "after", "之后": "after", "后": "after",
              "出版": "by"}   # every other word (printed, 摄 …) names the making itself: ""
_NOTE_TAIL = re.compile(r"[^\W\d_][\w .'-]*\d")   # 'reprinted 1892': words, then a number

_ZH_N = r"(?:\d{1,2}|[〇一二三四五六七八九十两廿卅]{1,3})"
_REWRITES: list[tuple[re.Pattern[str], str]] = [
    # 1944年6至8月 -> 1944年6月至8月; 6月23至28日 -> 6月23日至28日
    (re.compile(rf"(?<!\d)({_ZH_N})\s*(至|到|[-–—~])\s*({_ZH_N})\s*([月日号])"), r"\1\4\2\3\4"),
    # 18th–19th century -> 18th century – 19th century; 18–19世纪 -> 18世纪–19世纪
    (re.compile(r"(?P<a>(?:(?:early|mid|late)[\s-]*)?\d{1,2}(?:st|nd|rd|th))\s*(?:[-–—~]|to)\s*"
                r"(?P<b>(?:(?:early|mid|late)[\s-]*)?\d{1,2}(?:st|nd|rd|th))\s*centur(?:y|ies)",
                re.I), r"\g<a> century – \g<b> century"),
    (re.compile(rf"^({_N})\s*([-–—~至到])\s*({_N})世纪"), r"\1世纪\2\3世纪"),
    # 1937年至1945年间 -> 1937年至1945年
    (re.compile(r"(?<=[\d〇一二三四五六七八九十廿卅元][年月日])(?:之)?间$"), ""),
]
# between 1830 and 1840 / from 1830 to 1840 -> 1830 to 1840. Not a sub() with a function:
# atheris's regex hooks (tests/fault) hand the Match itself on as the result of such a sub().
_BETWEEN = re.compile(r"^(?:between\s+(.+?)\s+and\s+(.+)|from\s+(.+?)\s+to\s+(.+))$", re.I)


@dataclass
class _Part:
    """One side of a range. Fields left None are inherited from the other side."""
    y: int | None = None
    m: int | None = None
    d: int | None = None
    nums: tuple[str, ...] = ()   # '1944-06' style: which field each is depends on the other side
    decade: bool = False
    approx: bool = False         # circa, or a fuzzy form (decade, century, 清末)
    doubt: bool = False          # '?', probably
    span: tuple[date, date] | None = None   # a named span (century, season, reign) as read
    short: str | None = None     # the '40' of '1830s–40s': a decade needing the other side

    @property
    def precision(self) -> int:  # 1 year, 2 month, 3 day
        return len(self.nums) or (3 if self.d is not None else 2 if self.m is not None else 1)

    @property
    def plain_year(self) -> int | None:
        """The year if this part is only a written-out year ('1830', 'c.1830'), else None."""
        if len(self.nums) == 1 and len(self.nums[0]) >= 3:
            return _year(self.nums[0])
        if not self.nums and self.span is None and not self.decade and self.m is None \
                and self.d is None:
            return self.y
        return None

    def place_nums(self, width: int) -> None:
        """'1944-06-23/08-08': the shorter side's numbers are the *last* fields."""
        top = max(width - len(self.nums), 0)
        for name, s in zip(("y", "m", "d")[top:], self.nums):
            setattr(self, name, _year(s) if name == "y" else int(s))
        self.nums = ()


def _strip_qualifiers(s: str) -> tuple[str, bool, bool]:
    """(the text without its circa and doubt markers, circa?, doubtful?)."""
    circa = doubt = False
    while True:
        t, found_circa, found_doubt = _strip_once(s)
        circa, doubt = circa or found_circa, doubt or found_doubt
        if t == s:
            return s, circa, doubt
        s = t


def _strip_once(s: str) -> tuple[str, bool, bool]:
    """One pass of _strip_qualifiers: leading, then trailing markers.

    Written without reassigning a loop's text variable from a match inside the
    loop: under atheris's bytecode instrumentation (tests/fault) that form
    handed the Match object on as the text.
    """
    circa = doubt = False
    start, end = 0, len(s)
    for pattern, is_doubt in ((_CIRCA, False), (_DOUBT, True)):
        lead = pattern.match(s, start)
        if lead is not None:
            start = lead.end()
            circa, doubt = circa or not is_doubt, doubt or is_doubt
    for pattern, is_doubt in ((_CIRCA_END, False), (_DOUBT_END, True)):
        trail = pattern.search(s[start:end])
        if trail is not None:
            end = start + trail.start()
            circa, doubt = circa or not is_doubt, doubt or is_doubt
    return s[start:end].strip(), circa, doubt


def _named(s: str, compact: str) -> _Part | None:
    """Centuries, parts of decades, named periods and reigns: a span read as a whole."""
    if m := _CENTURY_EN.fullmatch(s):
        return _Part(span=_century(int(m["n"]), _part_name(m["part"])), approx=True)
    if m := _CENTURY_ZH.fullmatch(compact):
        part = _part_name(m["part"])
        if m["dec"]:                    # 20世纪40年代(初)
            dec = _num(m["dec"])
            if dec % 10 or dec > 90:
                raise _Impossible("date_no_decade", value=m["dec"])
            return _Part(span=_decade((_num(m["n"]) - 1) * 100 + dec, part), approx=True)
        if part not in (None, *_PART_ZH):
            raise _Reason("date_century_part", value=m["part"])
        return _Part(span=_century(_num(m["n"]), part), approx=True)
    if m := _DECADE.fullmatch(s) or _DECADE.fullmatch(compact):
        y = _year(m["y"] or m["cy"])
        part = _part_name(m["part"] or m["zpart"])
        if part is None:
            if y % 10:
                raise _Impossible("date_decade_start", value=y)
            return _Part(y=y, decade=True, approx=True)
        return _Part(span=_decade(y, part), approx=True)
    if m := _SHORT_DECADE.fullmatch(s):
        return _Part(short=m["y"], decade=True, approx=True)
    if compact in _PERIODS:
        first_day, last_day, fuzzy = _PERIODS[compact]
        return _Part(span=(date.fromisoformat(first_day), date.fromisoformat(last_day)), approx=fuzzy)
    if m := _REIGN.fullmatch(compact):
        first, last = _REIGNS[m["r"]]
        if not m["n"]:
            return _Part(span=_years(first, last))
        if m["rest"]:
            raise _Reason("date_reign_months")
        y = first + _num(m["n"]) - 1
        if not first <= y <= last:
            raise _Impossible("date_reign_years", reign=m["r"], count=last - first + 1, first=first, last=last)
        return _Part(span=_years(y, y), approx=True)   # a lunar year runs into the next January
    return None


def _within(s: str, compact: str) -> _Part | None:
    """A season or half of a year ('1944年夏', 'summer 1944'), or part of a month (6月下旬)."""
    if m := _SEASON_EN.fullmatch(s) or _SEASON_ZH.fullmatch(compact):
        inner = _alone(_part(m["rest"]))
        if inner is None or inner.span or inner.decade or inner.m is not None or inner.y is None:
            return None
        first, last = _SEASONS[m["season"].lower()]
        y = _check_year(inner.y)
        end = _month_end(y + 1, last - 12) if last > 12 else _month_end(y, last)
        _check_year(end.year)
        return _Part(span=(date(y, first, 1), end), approx=inner.approx, doubt=inner.doubt)
    if m := _XUN.fullmatch(compact):
        inner = _alone(_part(m["rest"]))
        if inner is None or inner.span or inner.m is None or inner.d is not None:
            return None
        start, end = _span(inner)
        lo, hi = {"上": (1, 10), "中": (11, 20), "下": (21, end.day)}[m["xun"]]
        return _Part(span=(start.replace(day=lo), start.replace(day=hi)),
                     approx=inner.approx, doubt=inner.doubt)
    return None


def _part(s: str) -> _Part | None:
    """Read one side of a range; None if it is no form we know."""
    s, circa, doubt = _strip_qualifiers(s.strip())
    if not s:
        return None
    p = _form(s)
    if p is not None:
        p.approx, p.doubt = p.approx or circa, p.doubt or doubt
    return p


def _form(s: str) -> _Part | None:
    compact = re.sub(r"\s+", "", s)     # Chinese forms ignore stray spaces
    if (p := _named(s, compact)) is not None or (p := _within(s, compact)) is not None:
        return p
    if m := _NUMERIC.fullmatch(s):
        nums = tuple(g for g in m.group(1, 3, 4) if g)
        if m[2] == "-" and len(nums) == 2 and _abbreviates_year(*nums):
            return None                 # '1820-5' is 1820–1825: read as a range
        return _Part(nums=nums)
    if (m := _CJK.fullmatch(compact)) and any(m.group("ey", "y", "m", "d")):
        if m["d"] and not m["dm"] and not m["m"]:
            return None                 # a bare number is a day only right after 月
        p = _Part(m=_num(m["m"]) if m["m"] else None, d=_num(m["d"]) if m["d"] else None)
        if m["ey"]:
            if (era_year := _num(m["ey"])) < 1:
                raise _Impossible("date_roc_year_zero")
            p.y = era_year + ROC_OFFSET
        elif m["y"]:
            p.y = _year(m["y"])
        return p
    if m := _EN_DMY.fullmatch(s) or _EN_MDY.fullmatch(s):
        return _Part(y=_year(m["y"]) if m["y"] else None, m=_MONTHS[m["mon"].lower()],
                     d=int(m["d"]) if m["d"] else None)
    return None


def _abbreviates_year(first: str, second: str) -> bool:
    """'1820-5', '1830-41': the second number is the end year's last digits, not a month.

    A two-digit 01–12 stays an ISO month (1944-06, 1944-12); so does an end that would not
    be later than the start (1828-5 is May 1828)."""
    if len(first) < 3 or second.startswith("0") or (len(second) == 2 and int(second) <= 12):
        return False
    return int(first[:-len(second)] + second) > int(first)


def _alone(p: _Part | None) -> _Part | None:
    if p is not None:
        p.place_nums(p.precision)       # alone, '1944-06' reads left to right
    return p


def _span(p: _Part) -> tuple[date, date]:
    """Earliest and latest day a complete part means; checks every field."""
    if p.span is not None:
        return p.span
    if p.short is not None:
        raise _Reason("date_decade_short", decade=f"{p.short}s")
    if p.y is None:
        raise _Reason("date_no_year")
    _check_year(p.y)
    if p.decade:
        return date(p.y, 1, 1), date(min(p.y + 9, MAX_YEAR), 12, 31)
    if p.m is None:
        return date(p.y, 1, 1), date(p.y, 12, 31)
    if not 1 <= p.m <= 12:
        raise _Impossible("date_no_month", value=p.m)
    last = calendar.monthrange(p.y, p.m)[1]   # knows leap years
    if p.d is None:
        return date(p.y, p.m, 1), date(p.y, p.m, last)
    if not 1 <= p.d <= last:
        raise _Impossible("date_no_day", value=p.d, month=p.m, year=p.y, days=last)
    return date(p.y, p.m, p.d), date(p.y, p.m, p.d)


def _expand_short(a: _Part, b: _Part) -> None:
    """'1820–5', 'c.1830–41', '1830s–40s': the end gives only the last digits of its year."""
    if b.short is not None and a.decade and a.y is not None:
        y = a.y - a.y % 100 + int(b.short)
        if y <= a.y:
            raise _Impossible("date_reversed")
        b.y, b.short = y, None
        return
    start = a.plain_year if len(b.nums) == 1 and len(b.nums[0]) <= 2 else None
    if start is None or b.nums[0].startswith("0") or len(str(start)) <= len(b.nums[0]):
        return
    digits = b.nums[0]
    y = int(str(start)[:-len(digits)] + digits)
    if y <= start:
        raise _Impossible("date_reversed")
    b.y, b.nums = y, ()


@dataclass(frozen=True)
class _Read:
    start: date
    end: date
    approx: bool
    doubt: bool


def _resolve(a: _Part, b: _Part | None) -> _Read:
    if b is None:
        _alone(a)
        start, end = _span(a)
        return _Read(start, end, a.approx or a.decade, a.doubt)
    _expand_short(a, b)
    if a.span is None and b.span is None:
        pa, pb = a.precision, b.precision
        a.place_nums(pb)
        b.place_nums(pa)
        # '1944年6月23日至8月8日' takes the year forward; 'June–August 1944' takes it back.
        for x, o in ((a, b), (b, a)):
            if x.y is None:
                x.y = o.y
            if x.m is None and x.d is not None:
                x.m = o.m
    else:                               # a named span never lends or borrows fields
        _alone(a)
        _alone(b)
    start, _ = _span(a)
    _, end = _span(b)
    if end < start:
        raise _Impossible("date_reversed")
    return _Read(start, end, a.approx or b.approx or a.decade or b.decade, a.doubt or b.doubt)


def _core(s: str) -> _Read:
    """A date or range without relation words; raises _Reason if it is none."""
    if (whole := _part(s)) is not None:
        return _resolve(whole, None)
    first_error: _Reason | None = None
    for sep in _SEP.finditer(s):        # try each separator; the first reading that works wins
        try:
            a, b = _part(s[:sep.start()]), _part(s[sep.end():])
            if a is not None and b is not None:
                read = _resolve(a, b)
                if sep.group().strip().lower() == "or":   # '1911 or 1912': one of them
                    read = _Read(read.start, read.end, read.approx, True)
                return read
        except _Reason as e:
            first_error = first_error or e
    for comma in re.finditer(r"[,;，；]", s):   # '1826–7, reprinted 1892': a note follows
        if _NOTE_TAIL.match(s[comma.end():].strip()) and s[:comma.start()].strip():
            return _core(s[:comma.start()].strip())
    if first_error is not None:
        raise first_error
    raise _Reason("date_unrecognised")


def _relation(s: str) -> tuple[str, str]:
    """(the text without a leading or trailing relation word, the qualifier that word gives)."""
    found: list[str] = []
    # Plain assignments, not `:=`: under atheris's bytecode instrumentation (tests/fault)
    # a walrus here handed the Match object on as the text.
    prefix = _REL_PREFIX.match(s)
    while prefix is not None:
        found.append(re.sub(r"\s+", " ", (prefix["en"] or prefix["abbr"]).lower()))
        s = s[prefix.end():].strip()
        prefix = _REL_PREFIX.match(s)
    suffix = _REL_SUFFIX.search(s)
    if suffix is not None:
        found.append(re.sub(r"\s+", " ", (suffix["en"] or suffix["zh"]).lower()))
        s = s[:suffix.start()].strip()
    qualifiers = {_RELATIONS.get(word, "") for word in found} - {""}
    if len(qualifiers) > 1:
        raise _Reason("date_two_qualifiers", words=found)
    return s, qualifiers.pop() if qualifiers else ""


def _open(qualifier: str, read: _Read) -> tuple[date, date]:
    """Close the open side of 'before 1850' etc. OPEN_YEARS beyond the stated year."""
    xs, xe = read.start, read.end
    try:
        if qualifier == "before":
            end = xs - timedelta(days=1)
            return date(max(xs.year - OPEN_YEARS, MIN_YEAR), 1, 1), end
        if qualifier in ("by", "or earlier"):
            return date(max(xe.year - OPEN_YEARS, MIN_YEAR), 1, 1), xe
        if qualifier == "after":
            start = xe + timedelta(days=1)
            return start, date(min(xe.year + OPEN_YEARS, MAX_YEAR), 12, 31)
        return xs, date(min(xs.year + OPEN_YEARS, MAX_YEAR), 12, 31)   # or later
    except OverflowError:
        raise _Impossible("date_before_first_year", value=MIN_YEAR) from None


def _read(s: str) -> tuple[str | None, str | None, bool, str]:
    """(start, end, approximate, qualifier) of normalised text; raises _Reason."""
    if _NO_DATE.fullmatch(s):
        return None, None, False, ""
    for pattern, replacement in _REWRITES:
        s = pattern.sub(replacement, s)
    between = _BETWEEN.match(s)
    if between is not None:
        s = f"{between[1] or between[3]} to {between[2] or between[4]}"
    body, qualifier = _relation(s)
    if not _strip_qualifiers(body)[0]:
        raise _Reason("date_no_date_after_qualifier")
    read = _core(body)
    if qualifier:
        start, end = _open(qualifier, read)
        _check_year(start.year)
        _check_year(end.year)
        if end < start:
            raise _Impossible("date_reversed")
    else:
        start, end = read.start, read.end
        qualifier = "uncertain" if read.doubt else "circa" if read.approx else ""
    return start.isoformat(), end.isoformat(), read.approx or read.doubt, qualifier


def _reading(text: str | None) -> tuple[DateRange, _Reason | None]:
    """The range, or the reason it is none (an _Impossible one is for raising)."""
    if text is None:
        return EMPTY, None
    if not isinstance(text, str):
        raise DateError(Problem(None, "date_not_text", {"text": repr(text)}))
    raw = text.strip()
    if not raw:
        return EMPTY, None
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError:          # lone surrogates, e.g. from a broken paste
        shown = raw.encode("utf-8", "backslashreplace").decode("utf-8")
        raise DateError(Problem(None, "date_invalid_characters", {"text": shown})) from None
    unread = DateRange(raw, None, None, False)
    if len(raw) > MAX_LEN:
        return DateRange(raw[:30] + "…", None, None, False), _Reason(
            "date_too_long", length=len(raw), limit=MAX_LEN)
    s = unicodedata.normalize("NFKC", raw).translate(_FOLD)  # full-width digits -> ASCII
    try:
        return DateRange(raw, *_read(s)), None
    except _Reason as reason:
        return unread, reason


def _problem(r: DateRange, reason: _Reason) -> Problem:
    return Problem(None, "date_error", {"text": r.text, "why": reason.problem})


def parse_date(text: str | None) -> DateRange:
    """Read a typed date or date range; DateError says what is wrong with it (strict)."""
    r, reason = _reading(text)
    if reason is not None:
        raise DateError(_problem(r, reason))
    return r


def read_date(text: str | None) -> DateReading:
    """Read a date for keeping: a text no form matches is kept with an empty range and a
    warning; DateError only for a date that cannot exist (month 13, day 31 of June, a range
    that ends before it starts, a year outside 1–2999) or for what is not text at all."""
    r, reason = _reading(text)
    if reason is None:
        return DateReading(r)
    if isinstance(reason, _Impossible):
        raise DateError(_problem(r, reason))
    kept = DateRange(text.strip(), None, None, False) if isinstance(text, str) else r
    return DateReading(kept, _problem(r, reason))


# --- writing ranges back --------------------------------------------------------

def format_range(r: DateRange, lang: str) -> str:
    """Human form of a parsed range: 'zh…' gives Chinese, anything else English."""
    first, last = r.start or r.end, r.end or r.start
    if first is None or last is None:   # neither end known
        return ""
    s, e = date.fromisoformat(first), date.fromisoformat(last)
    zh = lang.lower().startswith("zh")
    if r.qualifier in _OPEN:
        return _format_open(r.qualifier, s, e, r.approximate, zh)
    text = _format_named(s, e, zh) if r.approximate else None
    circa = ""
    if text is None:
        if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31):
            unit = "y"
        elif s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]:
            unit = "m"
        else:
            unit = "d"
        text = (_format_zh if zh else _format_en)(s, e, unit)
        circa = ("约" if zh else "c. ") if r.approximate else ""
    if r.qualifier == "uncertain":      # '1829?', '1829年？': doubt, which already means approximate
        return text + ("？" if zh else "?")
    return circa + text


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _format_named(s: date, e: date, zh: bool) -> str | None:
    """Whole-year approximate spans with a name: 1940s, early 1940s, 19th century, its parts."""
    if (s.month, s.day, e.month, e.day) != (1, 1, 12, 31):
        return None
    base, last = s.year - s.year % 100, e.year - e.year % 100
    n, m = base // 100 + 1, last // 100 + 1
    if base and s.year == base and e.year == last + 99:        # 19th century, 18th–19th century
        if zh:
            return f"{n}世纪" if n == m else f"{n}–{m}世纪"
        return f"{_ordinal(n)} century" if n == m else f"{_ordinal(n)}–{_ordinal(m)} century"
    if s.year % 10 == 0 and (e.year % 10 == 9 or e.year == MAX_YEAR):   # 1940s, 1930s–1940s
        first, final = _yr(s.year), _yr(e.year - e.year % 10)
        if zh:
            return f"{first}年代" if first == final else f"{first}年代–{final}年代"
        return f"{first}s" if first == final else f"{first}s–{final}s"
    decade = s.year - s.year % 10
    for part, (lo, hi) in _DECADE_PARTS.items():
        if (s.year, e.year) == (decade + lo, decade + hi):
            return f"{_yr(decade)}年代{_DECADE_PART_ZH[part]}" if zh else f"{_hyphen(part)}{_yr(decade)}s"
    for part, (lo, hi) in _CENTURY_PARTS.items():
        if base and (s.year, e.year) == (base + lo, base + hi):
            if zh:
                return f"{n}世纪{_PART_ZH[part]}" if part in _PART_ZH else None
            joint = _hyphen(part) if part in _DECADE_PARTS else f"{part} of the "
            return f"{joint}{_ordinal(n)} century"
    return None


def _hyphen(part: str) -> str:
    return "mid-" if part == "mid" else f"{part} "


def _format_open(qualifier: str, s: date, e: date, approx: bool, zh: bool) -> str:
    """'before 1850', '1944 or earlier', '约1830年之后': the stated date, found from the known side."""
    if qualifier in ("before", "or later"):
        x = e + timedelta(days=1) if qualifier == "before" else s
        unit = "y" if (x.month, x.day) == (1, 1) else "m" if x.day == 1 else "d"
    else:
        x = s - timedelta(days=1) if qualifier == "after" else e
        unit = "y" if (x.month, x.day) == (12, 31) else \
            "m" if x.day == calendar.monthrange(x.year, x.month)[1] else "d"
    point = ("约" if zh else "c. ") * approx + _point(x, unit, zh)
    if zh:
        return {"before": f"{point}以前", "after": f"{point}以后", "by": f"不晚于{point}",
                "or earlier": f"{point}或更早", "or later": f"{point}或更晚"}[qualifier]
    return {"before": f"before {point}", "after": f"after {point}", "by": f"by {point}",
            "or earlier": f"{point} or earlier", "or later": f"{point} or later"}[qualifier]


def _point(d: date, unit: str, zh: bool) -> str:
    if zh:
        return (f"{_yr(d.year)}年" + (f"{d.month}月" if unit != "y" else "")
                + (f"{d.day}日" if unit == "d" else ""))
    bits = ([str(d.day)] if unit == "d" else []) + ([calendar.month_name[d.month]] if unit != "y" else [])
    return " ".join(bits + [_yr(d.year)])


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
