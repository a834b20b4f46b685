"""The import's checker takes short cuts (issue #16: a million rows in 200 s) and must still
store exactly what the plain rules store and report exactly the problems they report.

The plain computation is kept here as the reference: every non-empty text field of
`as_row()` through check_text, then stored_text; the list fields read from their text,
written with dataclasses.asdict and json.dumps, the makers read again from that JSON; the
measurements as dimensions.to_json of parse_dimensions and parse_weight. The fast ones
(rules.store_texts, object_fields.stored_makers, rules.measurements_of and the import that
uses them) are held to it on hostile values and on a planned catalogue.
"""
from __future__ import annotations

import copy
import csv
import dataclasses
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.corpus import CATALOGUE_HEADER, catalogue
from exhibit import dimensions, object_fields, rules
from exhibit.archive import Archive
from exhibit.interchange import checking, importer, mapping, tables
from exhibit.problems import Problem
from exhibit.records import LONG_LIMIT, SHORT_LIMIT, ArchiveObject, Event, Person, Place

# ---------------------------------------------------------------- the reference


def plain_store_texts(record: Any, problems: list[Problem]) -> None:
    row = record.as_row()
    names = rules.text_fields(row, skip_empty=True)
    for name in names:
        rules.check_text(name, row[name], problems)
    if problems:
        return
    for name in names:
        if isinstance(row[name], str):
            setattr(record, name, rules.stored_text(name, row[name]))


def plain_list_json(items: list[Any]) -> str:
    if not items:
        return ""
    return json.dumps([{k: v for k, v in dataclasses.asdict(item).items() if v} for item in items],
                      ensure_ascii=False, separators=(",", ":"))


def plain_object_lists(record: ArchiveObject, lookups: rules.Lookups, problems: list[Problem]) -> dict[str, str]:
    changes: dict[str, str] = {}
    for name, read in (("makers", object_fields.read_makers), ("other_numbers", object_fields.read_other_numbers),
                       ("external_links", object_fields.read_links)):
        try:
            changes[name] = plain_list_json(read(getattr(record, name)))
        except object_fields.FieldFormatError as exc:
            problems.append(Problem(name, "field_problem", {"why": str(exc)}))
    for maker in object_fields.read_makers(changes.get("makers", "")):
        if maker.person and not lookups.key_exists("person", maker.person):
            problems.append(Problem("makers", "unknown_person", {"value": maker.person}))
    found: list[dimensions.Measurement] = []
    for name, parse in (("dimensions", dimensions.parse_dimensions), ("weight", dimensions.parse_weight)):
        text = getattr(record, name)
        try:
            found.extend(parse(text))
        except dimensions.DimensionsUnreadable as exc:
            problems.append(Problem(name, "measurements_unreadable", {"text": text, "why": str(exc)}))
    changes["measurements"] = plain_measurements_json(found)
    return changes


def plain_measurements_json(found: list[dimensions.Measurement]) -> str:
    rows = []
    for m in found:
        row: dict[str, object] = {"dimension": m.dimension, "unit": m.unit,
                                  "value": int(m.value) if m.value.is_integer() and abs(m.value) < 2 ** 53 else m.value}
        row = {"dimension": row["dimension"], "value": row["value"], "unit": row["unit"]}
        if m.part:
            row["part"] = m.part
        if m.qualifier:
            row["qualifier"] = m.qualifier
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":")) if rows else ""


def plain_check(record: Any, lookups: rules.Lookups, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, list[Problem]]:
    """RecordChecker.check done the plain way (the rest of check_record is shared)."""
    problems: list[Problem] = []
    plain_store_texts(record, problems)
    if problems:
        return record, problems
    with monkeypatch.context() as patch:
        patch.setattr(rules, "object_lists", plain_object_lists)
        for name, value in rules.check_record(record, lookups, problems).items():
            setattr(record, name, value)
    return record, problems


# ---------------------------------------------------------------- text: store_texts

TEXTS = st.one_of(
    st.sampled_from(["", " ", "  padded ", "衡阳", "e\u0301te", "Ａｂｃ", "\u3000衡阳\u3000", "ﬁ", "a\x00b",
                     "\ud800", "line\r\nbreak", "\ufeff"]),
    st.text(alphabet=st.sampled_from("aé e\u0301衡阳 \t\n\x00\ud800Ａ'’"), max_size=12),
    st.sampled_from([SHORT_LIMIT, SHORT_LIMIT + 1, LONG_LIMIT + 1]).map(lambda n: "x" * n),
)
VALUES = st.one_of(TEXTS, TEXTS, TEXTS, st.none(), st.integers(-2, 2), st.floats(allow_nan=False))


@st.composite
def records(draw: st.DrawFn) -> Any:
    cls = draw(st.sampled_from([ArchiveObject, Person, Event, Place]))
    record = cls()
    for f in dataclasses.fields(cls):
        if draw(st.integers(0, 3)) == 0:
            setattr(record, f.name, draw(VALUES if f.name != "is_sample" else st.one_of(st.booleans(), TEXTS)))
    return record


@given(records())
@settings(max_examples=2000, deadline=None)
def test_store_texts_stores_and_refuses_as_check_text_and_stored_text_do(record: Any) -> None:
    fast, plain = copy.copy(record), copy.copy(record)
    found: list[Problem] = []
    expected: list[Problem] = []
    rules.store_texts(fast, found)
    plain_store_texts(plain, expected)
    assert found == expected
    assert fast.__dict__ == plain.__dict__


def test_a_long_description_is_not_held_to_the_short_limit_and_every_text_is_trimmed() -> None:
    record = ArchiveObject(accession=" HC1 ", name_zh="e\u0301", description_en="y" * (SHORT_LIMIT + 10) + "  ")
    problems: list[Problem] = []
    rules.store_texts(record, problems)
    assert problems == []
    assert (record.accession, record.name_zh, record.description_en) == ("HC1", "é", "y" * (SHORT_LIMIT + 10) + "  ")


# ---------------------------------------------------------------- lists and measurements

class Known:
    """Lookups that know one person."""

    def key_exists(self, record_type: str, key: str) -> bool:
        return key == "xue-yue"


MAKERS = ['薛岳 / Xue Yue [xue-yue] (issuer)', 'Nobody [no-such-person]', '(artist)', 'X (bogus role)',
          '[{"name_en":"A","role":"artist"}]', '[{"name_en":"A","role":"nope"}]', '[{"zz":"A"}]', '[1]',
          '{"a":1}', '[', 'Ａｂｃ （印刷）', ' 衡阳 ; ; Smith ', '[{"person":"xue-yue"}]', 'Tōjō Hideki (author)',
          '', 'a (maker); [xue-yue]; b [nobody] (printer)', '[{"name_zh":"","name_en":""}]',
          "; ".join(f"工匠{i} / Maker {i} [m{i}] (printer)" for i in range(60))]  # too long to remember
NUMBERS = ['', '：', 'kind: ', 'a: 1; b：2', '[{"number":"1","kind":"x"}]', '[{"number":""}]', '[{"kind":"x"}]',
           'P1\nP2', '普查编号：123', '[{"number":1}]']
LINKS = ['', 'ftp://x', 'Q0', 'Q42', '500026846', 'ulan: 123', 'viaf: 123', 'https://a b', 'http://x.org/a',
         '[{"value":"Q1","kind":"wikidata"}]', '[{"value":"x","kind":"nope"}]', 'geonames: 1; wikidata: Q5']
SIZES = ['', '28 x 23', '5 ft 6 in', '12½ × 8 in.', '尺寸不详', 'dimensions variable', '1,200 mm', '28,5 cm',
         'H. 11 1/4 in. (28.6 cm)', '31.8 × 20.3 cm (12 1/2 × 8 in.)', '高28、宽23厘米', '口径12厘米', '约850克',
         '3寸', '28–30 cm', 'support: 394 x 419 mm', 'c. 28 x 23 cm', '(H x W): 28 x 23 cm', 'big', '?',
         'Ｈ２８ｃｍ', '28h x 23w cm', '高约28厘米', '1 2 3 4 cm', '0 cm', '9' * 400 + ' cm', '2 kg', '1.2 kg',
         '2 lb 3 oz', '重1.2千克', '28 cm', '斤', 'frame: 4 x 5 in (10.2 x 12.7 cm)']


@pytest.mark.parametrize("makers", MAKERS)
def test_makers_are_stored_and_checked_as_reading_them_twice_did(makers: str) -> None:
    for numbers, links in zip(NUMBERS, LINKS):
        record = ArchiveObject(makers=makers, other_numbers=numbers, external_links=links)
        found: list[Problem] = []
        expected: list[Problem] = []
        assert rules.object_lists(record, Known(), found) == plain_object_lists(record, Known(), expected)
        assert found == expected


@pytest.mark.parametrize("weight", ["", "1.2 kg", "约850克", "28 cm", "heavy"])
def test_measurements_are_the_json_of_what_parse_dimensions_and_parse_weight_read(weight: str) -> None:
    for size in SIZES:
        record = ArchiveObject(dimensions=size, weight=weight)
        found: list[Problem] = []
        expected: list[Problem] = []
        assert rules.measurements_of(record, found) == plain_object_lists(record, Known(), expected)["measurements"]
        assert found == [p for p in expected if p.code == "measurements_unreadable"]


# ---------------------------------------------------------------- a planned catalogue

HOSTILE = {
    "makers": MAKERS + ["张自忠 [zhang-zizhong] (author)"],
    "other_numbers": NUMBERS, "external_links": LINKS, "dimensions": SIZES, "weight": SIZES[-8:],
    "date_text": ['1944年13月', '1944-02-30', 'sometime', '  1944 ', '1944年6月23日'],
    "name_zh": ['', '  ', 'e\u0301te', 'x' * (SHORT_LIMIT + 1), '\u3000衡阳\u3000', 'Ｈｅｎｇｙａｎｇ', "O’Brien 衡阳"],
    "name_en": [' padded ', 'Tōjō', "Xi'an and O'Brien", 'y' * 600],
    "description_zh": ['衡' * (LONG_LIMIT + 1), '\ufeff衡阳', '第十军‘泰山’臂章', '１９４４年'],
    "category": ['nonsense', '武器', 'WEAPON', ' weapon '], "status": ['on_display', 'lost', ''],
    "label_en": ['\r\nline\r\n', 'tab\there'],
}


def write_catalogue(path: Path, archive: Archive, rows: int) -> None:
    """Catalogue rows with hostile cells, and rows that update the archive's objects."""
    rng = random.Random(16)
    existing = [a for (a,) in archive.db.execute("SELECT accession FROM objects ORDER BY id LIMIT 40")]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CATALOGUE_HEADER.values())
        for number, row in enumerate(catalogue(rows, random.Random(1944))):
            for name, choices in HOSTILE.items():
                if rng.random() < 0.1:
                    row[name] = rng.choice(choices)
            if number < len(existing):
                row["accession"] = existing[number].lower() if number % 2 else existing[number]
            writer.writerow([row[name] for name in CATALOGUE_HEADER])


def test_a_planned_catalogue_stores_and_reports_what_the_plain_rules_give(
        archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "catalogue.csv"
    write_catalogue(path, archive, 1500)
    table = tables.read_table(path)
    checked: list[tuple[Any, Any, list[Problem], checking.RecordChecker]] = []
    check = checking.RecordChecker.check

    def spy(self: checking.RecordChecker, record: Any) -> tuple[Any, list[Problem]]:
        given_record = copy.copy(record)
        out, problems = check(self, record)
        checked.append((given_record, copy.copy(out), list(problems), self))
        return out, problems

    monkeypatch.setattr(checking.RecordChecker, "check", spy)
    plan = importer.plan_import(archive, table, mapping.suggest(table.header, "object"))
    monkeypatch.undo()
    assert len(checked) == 1500
    actions = {o.action for o in plan.rows}
    assert {"create", "update", "rejected"} <= actions  # every path was taken
    codes = {p.code for _, _, problems, _ in checked for p in problems}
    assert {"field_problem", "measurements_unreadable", "unknown_person", "too_long", "date_unreadable"} <= codes
    for given_record, out, problems, checker in checked:
        expected, expected_problems = plain_check(given_record, checker, monkeypatch)
        assert problems == expected_problems, given_record
        assert out.as_row() == expected.as_row(), given_record
