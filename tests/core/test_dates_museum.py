"""Dates as museums write them (issue #16): qualified, abbreviated, named and undated forms.

Each expression of a real catalogue reads as a range with a qualifier; undated phrases are an
empty date; a text no form matches is kept with a warning instead of being refused; a date
that cannot exist is still an error. Conventions are in exhibit/dates.py's docstring.
"""
from __future__ import annotations

import pytest

from exhibit import services
from exhibit.dates import OPEN_YEARS, DateRange, format_range, parse_date, read_date
from exhibit.errors import DateError, ValidationError
from exhibit.records import ArchiveObject

Y = "-01-01", "-12-31"


def years(first: int, last: int) -> tuple[str, str]:
    return f"{first:04d}{Y[0]}", f"{last:04d}{Y[1]}"


# (text, (start, end), qualifier, approximate)
MUSEUM = [
    # --- the English forms of a museum's open-data CSV
    ("c.1830–41", years(1830, 1841), "circa", True),
    ("1820-5", years(1820, 1825), "", False),                  # not May 1820
    ("1820–5", years(1820, 1825), "", False),
    ("1826–7, reprinted 1892", years(1826, 1827), "", False),  # the note does not move the range
    ("?1829", years(1829, 1829), "uncertain", True),
    ("?c.1760", years(1760, 1760), "uncertain", True),
    ("exhibited 1812", years(1812 - OPEN_YEARS, 1812), "by", False),
    ("published 1815", years(1815 - OPEN_YEARS, 1815), "by", False),
    ("after c.1830", ("1831-01-01", "1840-12-31"), "after", True),
    ("before 1850", ("1840-01-01", "1849-12-31"), "before", False),
    ("early 19th century", years(1800, 1833), "circa", True),
    ("1830s–40s", years(1830, 1849), "circa", True),
    ("c.1900–10", years(1900, 1910), "circa", True),
    ("1944 or earlier", years(1934, 1944), "or earlier", False),
    ("mid-19th century", years(1834, 1866), "circa", True),
    ("late 19th century", years(1867, 1899), "circa", True),
    ("19th century", years(1800, 1899), "circa", True),
    ("19th-century", years(1800, 1899), "circa", True),
    ("the 20th century", years(1900, 1999), "circa", True),
    ("first half of the 20th century", years(1900, 1949), "circa", True),
    ("second half of the 19th century", years(1850, 1899), "circa", True),
    ("third quarter of the 18th century", years(1750, 1774), "circa", True),
    ("18th–19th century", years(1700, 1899), "circa", True),
    ("early 1940s", years(1940, 1943), "circa", True),
    ("mid-1940s", years(1944, 1946), "circa", True),
    ("late 1940s", years(1947, 1949), "circa", True),
    ("circa 1830s", years(1830, 1839), "circa", True),
    ("1940s?", years(1940, 1949), "uncertain", True),
    ("c.1944", years(1944, 1944), "circa", True),
    ("1944–5", years(1944, 1945), "", False),
    ("1830-41", years(1830, 1841), "", False),
    ("1944-45", years(1944, 1945), "", False),
    ("1944-06", ("1944-06-01", "1944-06-30"), "", False),      # 01–12 after a hyphen: ISO month
    ("1944-12", ("1944-12-01", "1944-12-31"), "", False),
    ("1828-5", ("1828-05-01", "1828-05-31"), "", False),       # 1825 is not after 1828: a month
    ("1944-6", years(1944, 1946), "", False),                  # as 1820-5; write 1944-06 for June
    ("between 1830 and 1840", years(1830, 1840), "", False),
    ("1911 or 1912", years(1911, 1912), "uncertain", True),
    ("summer 1944", ("1944-06-01", "1944-08-31"), "", False),
    ("Winter of 1944", ("1944-12-01", "1945-02-28"), "", False),
    ("before June 1944", ("1934-01-01", "1944-05-31"), "before", False),
    ("after 8 August 1944", ("1944-08-09", "1954-12-31"), "after", False),
    ("by 1812", years(1802, 1812), "by", False),
    ("not before 1830", years(1830, 1840), "or later", False),
    ("1944 or later", years(1944, 1954), "or later", False),
    ("before c.1850", years(1840, 1849), "before", True),
    ("probably 1944", years(1944, 1944), "uncertain", True),
    ("c. 1944–1945?", years(1944, 1945), "uncertain", True),
    ("printed 1815", years(1815, 1815), "", False),
    ("dated 23 June 1944", ("1944-06-23", "1944-06-23"), "", False),
    ("exhibited 1812, reprinted 1830", years(1802, 1812), "by", False),
    ("Jun 23, 1944", ("1944-06-23", "1944-06-23"), "", False),
    ("0940s", years(940, 949), "circa", True),
    ("before 0005", years(1, 4), "before", False),             # the open side stops at year 1
    # --- Chinese forms
    ("民国三十三年夏", ("1944-06-01", "1944-08-31"), "", False),
    ("民國三十三年夏", ("1944-06-01", "1944-08-31"), "", False),
    ("清末", years(1875, 1911), "circa", True),
    ("光绪年间", years(1875, 1908), "", False),
    ("抗战时期", years(1937, 1945), "", False),
    ("约1944年6月", ("1944-06-01", "1944-06-30"), "circa", True),
    ("約1944年6月", ("1944-06-01", "1944-06-30"), "circa", True),
    ("1944年6至8月", ("1944-06-01", "1944-08-31"), "", False),
    ("１９４４年６至８月", ("1944-06-01", "1944-08-31"), "", False),
    ("1944年6月至8月", ("1944-06-01", "1944-08-31"), "", False),
    ("一九四四年六至八月", ("1944-06-01", "1944-08-31"), "", False),
    ("民国三十三年冬", ("1944-12-01", "1945-02-28"), "", False),
    ("1944年上半年", ("1944-01-01", "1944-06-30"), "", False),
    ("1944年下半年", ("1944-07-01", "1944-12-31"), "", False),
    ("1944年6月下旬", ("1944-06-21", "1944-06-30"), "", False),
    ("1944年2月下旬", ("1944-02-21", "1944-02-29"), "", False),
    ("1944年6月23至28日", ("1944-06-23", "1944-06-28"), "", False),
    ("光绪三十年", years(1904, 1904), "circa", True),           # a lunar year: marked circa
    ("清光绪元年", years(1875, 1875), "circa", True),
    ("宣统三年", years(1911, 1911), "circa", True),
    ("乾隆年间", years(1736, 1795), "", False),
    ("康熙时期", years(1662, 1722), "", False),
    ("光绪", years(1875, 1908), "", False),
    ("晚清", years(1840, 1911), "circa", True),
    ("清代", years(1644, 1911), "", False),
    ("清", years(1644, 1911), "", False),
    ("民国", years(1912, 1949), "", False),
    ("民国时期", years(1912, 1949), "", False),
    ("抗日战争时期", years(1937, 1945), "", False),
    ("解放战争时期", years(1945, 1949), "", False),
    ("衡阳保卫战期间", ("1944-06-23", "1944-08-08"), "", False),
    ("19世纪末", years(1867, 1899), "circa", True),
    ("十九世纪中叶", years(1834, 1866), "circa", True),
    ("二十世纪四十年代", years(1940, 1949), "circa", True),
    ("20世纪40年代初", years(1940, 1943), "circa", True),
    ("1940年代末", years(1947, 1949), "circa", True),
    ("18–19世纪", years(1700, 1899), "circa", True),
    ("20世纪上半叶", years(1900, 1949), "circa", True),
    ("1944年以前", years(1934, 1943), "before", False),        # 以前 excludes 1944 ('民国以前')
    ("1944年以后", years(1945, 1954), "after", False),
    ("1944年或更早", years(1934, 1944), "or earlier", False),
    ("不晚于1944年", years(1934, 1944), "by", False),
    ("抗战前", years(1927, 1936), "before", False),
    ("约1830年以后", years(1831, 1840), "after", True),
    ("1944年摄", years(1944, 1944), "", False),
    ("1937年至1945年间", years(1937, 1945), "", False),
    ("疑为1944年", years(1944, 1944), "uncertain", True),
    ("1944年前后", years(1944, 1944), "circa", True),
    ("清末至民国", years(1875, 1949), "circa", True),
]


def test_the_table_holds_the_issue_s_80_expressions():
    assert len(MUSEUM) >= 80
    assert len({row[0] for row in MUSEUM}) == len(MUSEUM)


@pytest.mark.parametrize("text,span,qualifier,approx", MUSEUM)
def test_reads_museum_forms(text, span, qualifier, approx):
    reading = read_date(text)
    r = reading.range
    assert (r.start, r.end, r.qualifier, r.approximate) == (*span, qualifier, approx)
    assert reading.warning == ""
    assert r.text == text
    assert parse_date(text) == r


@pytest.mark.parametrize("text", [row[0] for row in MUSEUM])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_written_back_reads_back(text, lang):
    r = parse_date(text)
    written = format_range(r, lang)
    again = parse_date(written)
    assert (again.start, again.end, again.approximate, again.qualifier) \
        == (r.start, r.end, r.approximate, r.qualifier), written


# (text, zh, en): what a label or the kiosk shows for the new forms
WRITTEN = [
    ("c.1830–41", "约1830年–1841年", "c. 1830–1841"),
    ("?1829", "1829年？", "1829?"),
    ("exhibited 1812", "不晚于1812年", "by 1812"),
    ("before 1850", "1850年以前", "before 1850"),
    ("after c.1830", "约1830年以后", "after c. 1830"),
    ("1944 or earlier", "1944年或更早", "1944 or earlier"),
    ("1944 or later", "1944年或更晚", "1944 or later"),
    ("before June 1944", "1944年6月以前", "before June 1944"),
    ("early 19th century", "19世纪初", "early 19th century"),
    ("mid-19th century", "19世纪中叶", "mid-19th century"),
    ("third quarter of the 18th century", "约1750年–1774年", "third quarter of the 18th century"),
    ("18th–19th century", "18–19世纪", "18th–19th century"),
    ("1830s–40s", "1830年代–1840年代", "1830s–1840s"),
    ("mid-1940s", "1940年代中期", "mid-1940s"),
    ("民国三十三年夏", "1944年6月–8月", "June–August 1944"),
    ("光绪三十年", "约1904年", "c. 1904"),
    ("抗战时期", "1937年–1945年", "1937–1945"),
]


@pytest.mark.parametrize("text,zh,en", WRITTEN)
def test_writes_new_forms_readably(text, zh, en):
    r = parse_date(text)
    assert (format_range(r, "zh"), format_range(r, "en")) == (zh, en)


@pytest.mark.parametrize("text", ["date not known", "Date not known", "n.d.", "N.D.", "[n.d.]",
                                  "undated", "no date", "unknown", "年代不详", "不详"])
def test_no_date_phrases_are_an_empty_date(text):
    reading = read_date(text)
    assert (reading.range.start, reading.range.end, reading.warning) == (None, None, "")
    assert reading.range.text == text
    assert parse_date(text).start is None
    assert format_range(reading.range, "en") == ""


# (text, words of the warning): kept as written, no range, never refused
UNREADABLE = [
    ("sometime in summer", "expected a date"),
    ("June", "no year"),
    ("44年", "in full"),
    ("circa", "no date after the qualifier"),
    ("1944-06-23 noon", "expected a date"),
    ("光绪三十年五月", "lunar"),
    ("before after 1850", "two qualifiers"),
    ("40s", "in full"),
    ("x" * 150, "150 characters long"),
]


@pytest.mark.parametrize("text,words", UNREADABLE)
def test_unreadable_text_is_kept_with_a_warning(text, words):
    reading = read_date(f"  {text} ")
    assert reading.range == DateRange(text, None, None, False)
    assert words in reading.warning and "kept as written" in reading.warning
    assert reading.warning.startswith("cannot read the date '")
    with pytest.raises(DateError, match=words):  # the strict reader still refuses it
        parse_date(text)


# (text, words): dates that cannot exist stay errors for the curator to fix
IMPOSSIBLE = [
    ("1944-13", "month 13"),
    ("1944年2月30日", "day 30"),
    ("1945–1944", "ends before it starts"),
    ("1838–5", "ends before it starts"),
    ("光绪三十五年", "光绪 has years 1 to 34"),
    ("before 0001", "before the year 1"),
    ("after 2999", "year 3000"),
    ("民国0年", "no year 0"),
    ("0th century", "no century 0"),
    ("1944年代", "decade"),
]


@pytest.mark.parametrize("text,words", IMPOSSIBLE)
def test_impossible_dates_stay_errors(text, words):
    with pytest.raises(DateError, match=words) as info:
        read_date(text)
    assert f"'{text}'" in str(info.value)


def test_before_excludes_and_or_earlier_includes_the_stated_year():
    assert parse_date("before 1850").end == "1849-12-31"
    assert parse_date("1850 or earlier").end == "1850-12-31"
    assert parse_date("after 1830").start == "1831-01-01"
    assert parse_date("1830 or later").start == "1830-01-01"


def test_qualifier_and_approximate_agree():
    assert DateRange("", "1944-01-01", "1944-12-31", True).qualifier == "circa"
    assert DateRange("", "1944-01-01", "1944-12-31", False, "uncertain").approximate
    with pytest.raises(ValueError):
        DateRange("", None, None, False, "roughly")


# --- saving through the services: a museum's dates never block a save -------------

def museum_object(date_text: str) -> ArchiveObject:
    return ArchiveObject(accession="T01234", name_en="Landscape", date_text=date_text)


def test_unreadable_date_is_saved_as_written_with_a_warning(blank_archive):
    saved = services.create(blank_archive, museum_object("sometime in summer"))
    stored = services.get(blank_archive, "object", saved.id)
    assert (stored.date_text, stored.date_start, stored.date_end) == ("sometime in summer", None, None)
    assert [str(w) for w in services.date_warnings(stored)] == [
        "date_text: cannot read the date 'sometime in summer': expected a date such as 1944-06-23,"
        " 1944年6月23日, 民国三十三年, 23 June 1944, c.1830–41 or early 19th century; it is kept as"
        " written, without a date range"]


def test_museum_dates_are_saved_with_their_range(blank_archive):
    saved = services.create(blank_archive, museum_object("c.1830–41"))
    assert (saved.date_start, saved.date_end) == ("1830-01-01", "1841-12-31")
    assert services.date_warnings(saved) == []
    updated = services.update(blank_archive, museum_object("date not known").__class__(
        **{**saved.as_row(), "date_text": "date not known"}))
    assert (updated.date_text, updated.date_start, updated.date_end) == ("date not known", None, None)
    assert services.date_warnings(updated) == []


def test_impossible_date_is_still_refused(blank_archive):
    with pytest.raises(ValidationError, match="date_text: cannot read the date '1944-02-30': day 30"):
        services.create(blank_archive, museum_object("1944-02-30"))
    assert services.count(blank_archive, "object") == 0
