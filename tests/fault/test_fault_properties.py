"""Property tests (Hypothesis): the service layer, the date parser, the search index, the CSV decoder.

For any input: no crash other than the project's own errors; what was written
reads back identically (after the documented normalisation); a refused write
changes nothing; search finds what was written, in Chinese, English and mixed
text. EXHIBIT_NIGHTLY=1 runs ten times as many examples.
"""
from __future__ import annotations

import codecs
import io
import itertools
import shutil
import tempfile
import unicodedata
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from fault_support import NIGHTLY
from hypothesis import HealthCheck, assume, given, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.dates import DateRange, format_range, parse_date
from exhibit.errors import DateError, ExhibitError, ValidationError
from exhibit.integrity import check_archive
from exhibit.records import LONG_FIELDS, ArchiveObject, Person

SCALE = 10 if NIGHTLY else 1
HAN = ("衡阳保卫战方先觉第十军预备周庆祥葛先才容有略张鹏程孙鸣玉城防湘江蒸水岳屏山张家山虎形巢五桂岭"
       "钢盔步枪手榴弹军号地图日记照片勋章弹壳望远镜")

han_text = st.text(alphabet=st.sampled_from(HAN), min_size=1, max_size=12)
word = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=9)
any_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
mixed_text = st.one_of(
    any_text, han_text,
    st.lists(st.one_of(han_text, word, st.sampled_from([" ", "　", "\t", "·", "（", "）", "\u0301"])),
             max_size=6).map("".join))
vocab_code = st.sampled_from(["", "weapon", "document", "photograph", "no-such-term"])
date_text = st.one_of(st.sampled_from(["", "1944", "1944年6月23日", "民国三十三年", "23 June – 8 August 1944",
                                       "c. 1940s", "1944-02-30", "someday"]), any_text)


def expected(name: str, value: str) -> str:
    """What the services store: NFC; short fields also trimmed."""
    value = unicodedata.normalize("NFC", value)
    return value if name in LONG_FIELDS else value.strip()


# ---------------------------------------------------------------- the service layer

class ServiceLayer(RuleBasedStateMachine):
    """Random creates, updates and deletes; a model of what must be in the archive."""

    objects = Bundle("objects")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="exhibit-props-"))
        self.archive = Archive.open(self.folder / "archive", user="hypothesis")
        self.model: dict[int, dict[str, str]] = {}
        self.counter = itertools.count(1)

    def teardown(self) -> None:
        try:
            assert self.archive.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert check_archive(self.archive) == []
        finally:
            self.archive.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _mark(self) -> tuple[int, int]:
        db = self.archive.db
        return (db.execute("SELECT count(*) FROM objects").fetchone()[0],
                db.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0])

    def _write(self, call, fields: dict[str, str]):
        before = self._mark()
        try:
            saved = call()
        except ValidationError as exc:
            note(f"refused: {exc}")
            assert self._mark() == before, "a refused write changed the archive"
            return None
        stored = services.get(self.archive, "object", saved.id)
        assert stored == saved                                   # read back identically
        for name, value in fields.items():
            assert getattr(stored, name) == expected(name, value), name
        return stored

    @rule(target=objects, name_zh=mixed_text, name_en=mixed_text, description_zh=mixed_text,
          dimensions=mixed_text, category=vocab_code, date_text=date_text)
    def create(self, **fields):
        accession = f"HP.{next(self.counter):04d}"
        stored = self._write(lambda: services.create(self.archive, ArchiveObject(accession=accession, **fields)),
                             fields)
        if stored is None:
            return -1
        self.model[stored.id] = {"name_zh": stored.name_zh, "name_en": stored.name_en}
        return stored.id

    @rule(oid=objects, name_zh=mixed_text, description_en=mixed_text, inscription_zh=mixed_text,
          date_text=date_text)
    def update(self, oid, **fields):
        if oid not in self.model:
            return
        current = services.get(self.archive, "object", oid)
        stored = self._write(lambda: services.update(self.archive, replace(current, **fields)), fields)
        if stored is not None:
            self.model[oid] = {"name_zh": stored.name_zh, "name_en": stored.name_en}

    @rule(oid=consumes(objects))
    def delete(self, oid):
        if oid not in self.model:
            return
        services.delete(self.archive, "object", oid, cascade=True)
        del self.model[oid]
        with pytest.raises(ExhibitError):
            services.get(self.archive, "object", oid)

    @rule(oid=objects)
    def duplicate_accession_is_refused(self, oid):
        if oid not in self.model:
            return
        taken = services.get(self.archive, "object", oid).accession
        before = self._mark()
        with pytest.raises(ValidationError, match="already used"):
            services.create(self.archive, ArchiveObject(accession=taken.lower(), name_zh="重复"))
        assert self._mark() == before

    @invariant()
    def archive_matches_model(self):
        rows = self.archive.db.execute("SELECT id, name_zh, name_en FROM objects").fetchall()
        assert {r[0]: {"name_zh": r[1], "name_en": r[2]} for r in rows} == self.model


ServiceLayer.TestCase.settings = settings(max_examples=15 * SCALE, stateful_step_count=15, deadline=None,
                                          suppress_health_check=[HealthCheck.too_slow])
test_service_layer = ServiceLayer.TestCase


# ---------------------------------------------------------------- the date parser

@settings(max_examples=300 * SCALE, deadline=None)
@given(st.text(max_size=120))
def test_any_text_is_a_date_or_a_date_error(text):
    try:
        parsed = parse_date(text)
    except DateError as exc:
        assert str(exc)
        return
    assert isinstance(parsed, DateRange)
    if parsed.start is not None:
        assert date.fromisoformat(parsed.start) <= date.fromisoformat(parsed.end)


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
CN = "〇一二三四五六七八九"


@settings(max_examples=300 * SCALE, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)), st.integers(0, 4))
def test_every_written_form_of_a_day_reads_as_that_day(day, form):
    text = [day.isoformat(), f"{day.year}年{day.month}月{day.day}日", f"{day.day} {MONTHS[day.month - 1]} {day.year}",
            f"{day.year}/{day.month}/{day.day}",
            "".join(CN[int(c)] for c in str(day.year)) + f"年{day.month}月{day.day}日"][form]
    parsed = parse_date(text)
    assert (parsed.start, parsed.end) == (day.isoformat(), day.isoformat()), text


ranges = st.tuples(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)),
                   st.integers(0, 400), st.booleans()).map(
    lambda t: DateRange("", t[0].isoformat(), date.fromordinal(min(t[0].toordinal() + t[1],
                                                                  date(2999, 12, 31).toordinal())).isoformat(), t[2]))


decades = st.integers(100, 299).map(lambda d: DateRange("", f"{d * 10}-01-01", f"{d * 10 + 9}-12-31", True))


@settings(max_examples=300 * SCALE, deadline=None)
@given(st.one_of(ranges, decades), st.sampled_from(["zh", "en"]))
def test_formatted_ranges_read_back_identically(r, lang):
    text = format_range(r, lang)
    again = parse_date(text)
    assert (again.start, again.end, again.approximate) == (r.start, r.end, r.approximate), text


def test_decades_before_year_1000_read_back():
    """Found by the nightly fuzzer: the decade 0940s was written '940s', which does not parse."""
    r = parse_date("0940s")
    assert parse_date(format_range(r, "zh")).start == r.start
    again = parse_date(format_range(r, "en"))
    assert (again.start, again.end) == (r.start, r.end)


# ---------------------------------------------------------------- the search index

@pytest.fixture(scope="module")
def search_archive(tmp_path_factory):
    archive = Archive.open(tmp_path_factory.mktemp("search") / "archive", user="hypothesis")
    yield archive
    archive.close()


@settings(max_examples=40 * SCALE, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(han=han_text, words=st.lists(word, min_size=1, max_size=3), mixed=st.booleans(), data=st.data())
def test_search_finds_what_was_written(search_archive, han, words, mixed, data):
    name_zh = han + (words[0] if mixed else "")          # mixed text: 衡阳abc
    person = services.create(search_archive, Person(name_zh=name_zh, name_en=" ".join(words),
                                                    bio_zh=han * 2, bio_en=" ".join(reversed(words))))
    start = data.draw(st.integers(0, len(han) - 1), label="start")
    length = data.draw(st.integers(1, min(5, len(han) - start)), label="length")
    queries = [han[start:start + length], data.draw(st.sampled_from(words), label="word")]
    for query in queries:
        hits = search.search(search_archive.db, query, record_types=["person"], limit=1000).hits
        assert person.id in [h.record_id for h in hits], f"{query!r} does not find {name_zh!r}"
    if mixed:
        hits = search.search(search_archive.db, f"{han[start:start + length]} {words[0]}",
                             record_types=["person"], limit=1000).hits
        assert person.id in [h.record_id for h in hits]


# ---------------------------------------------------------------- the CSV decoder

encodings = pytest.importorskip("exhibit.interchange.encodings")

csv_text = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00\ufeff",
                                          exclude_categories=["Co", "Cs"]), max_size=200)


@settings(max_examples=200 * SCALE, deadline=None)
@given(csv_text, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_decoder_round_trips_unicode_encodings(text, encoding):
    data = text.encode(encoding)
    # Lone Latin-extended/IPA letters in UTF-8 are also GBK ('ɽ' is 山's bytes): the decoder
    # takes such a text as GB18030 by design (issue #14), so those are left out here.
    assume(encoding != "utf-8" or encodings.detect(io.BytesIO(data), "table.csv") == "utf-8")
    decoded = encodings.decode_bytes(data, "table.csv")
    assert decoded.text == text


@settings(max_examples=200 * SCALE, deadline=None)
@given(st.text(alphabet=st.sampled_from(HAN + "，。、：；“”《》 0123456789abc\n,"), min_size=1, max_size=200))
def test_decoder_reads_gb18030_chinese(text):
    data = text.encode("gb18030")
    # Bytes that are also valid UTF-8 are ambiguous by nature: '山' is C9 BD in GB18030 and
    # 'ɽ' in UTF-8, and the decoder (by design) prefers UTF-8. Those are left out here.
    try:
        data.decode("utf-8")
        assume(False)
    except UnicodeDecodeError:
        pass
    decoded = encodings.decode_bytes(data, "表格.csv")
    assert decoded.text == text and decoded.encoding == "gb18030"


@settings(max_examples=300 * SCALE, deadline=None)
@given(st.binary(max_size=300))
def test_decoder_takes_any_bytes_or_says_why_not(data):
    try:
        decoded = encodings.decode_bytes(data, "table.csv")
    except encodings.EncodingError as exc:
        assert "table.csv" in str(exc)
        return
    assert isinstance(decoded.text, str)


def test_gb18030_sample_is_not_taken_for_utf8():
    text = "总登记号,名称\nHY1944.0001,钢盔\n"
    assert encodings.decode_bytes(text.encode("gb18030"), "t.csv").encoding == "gb18030"
    assert codecs.lookup("gb18030")
