"""The registry of names: every field, type and value a curator sees has a Chinese and an English name."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pytest

from exhibit import names, vocab
from exhibit.records import RECORD_TYPES, ArchiveObject, Person, Record

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "exhibit" / "sample" / "data"
HAN = re.compile(r"[\u3400-\u9fff]")
HALF_WIDTH = re.compile(r"[(),;:!?]")  # Chinese names use （），；：！？


def unnamed_fields(cls: type[Record]) -> list[str]:
    """Fields of `cls` a curator sees that lack a name in either language."""
    missing = []
    for name in names.user_fields(cls):
        try:
            named = names.field(cls.TYPE, name)
        except names.UnknownNameError:
            missing.append(name)
            continue
        if not (named.zh.strip() and named.en.strip() and named.short_zh.strip() and named.short_en.strip()):
            missing.append(name)
    return missing


def badly_named_values(values: Iterable[names.ValueName]) -> list[str]:
    """Values with an empty name, or whose Chinese name is the raw code or has no Chinese in it."""
    return [f"{v.value_set}:{v.code}" for v in values
            if not v.zh.strip() or not v.en.strip() or v.zh == v.code or not HAN.search(v.zh)]


def test_every_record_type_has_names_in_both_languages():
    seen: dict[str, set[str]] = {"zh": set(), "en": set()}
    for code in RECORD_TYPES:
        t = names.record_type(code)
        assert t.zh and t.en and t.plural_zh and t.plural_en, code
        assert HAN.search(t.zh) and HAN.search(t.plural_zh), code
        for lang in ("zh", "en"):
            assert t.text(lang) not in seen[lang], f"two record types are called {t.text(lang)}"
            seen[lang].add(t.text(lang))
    assert [t.code for t in names.record_types()] == list(RECORD_TYPES)


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_every_field_a_curator_sees_has_names_in_both_languages(record_type):
    assert unnamed_fields(RECORD_TYPES[record_type]) == []


def test_a_new_field_without_a_name_is_caught():
    @dataclass
    class GrownObject(ArchiveObject):
        provenance_zh: str = ""
        provenance_en: str = ""
        insurance_value: str = ""

    assert unnamed_fields(GrownObject) == ["provenance_zh", "provenance_en", "insurance_value"]
    # The sortable dates derived from a date text are not shown, so need no name.
    assert "date_start" not in names.user_fields(ArchiveObject)


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_field_names_are_unique_within_a_record_type(record_type):
    named = names.fields(record_type)
    for lang in ("zh", "en"):
        for short in (False, True):
            texts = [f.text(lang, short=short) for f in named]
            doubles = sorted({t for t in texts if texts.count(t) > 1})
            assert doubles == [], f"{record_type} fields share the {lang} name(s) {doubles}"


@pytest.mark.parametrize("record_type", list(RECORD_TYPES))
def test_chinese_field_names_are_chinese_with_full_width_punctuation(record_type):
    for f in names.fields(record_type):
        for text in (f.zh, f.short_zh):
            assert HAN.search(text), f"{record_type}.{f.name}: {text}"
            assert not HALF_WIDTH.search(text), f"{record_type}.{f.name}: {text}"


def test_a_bilingual_pair_is_named_by_its_base_and_the_language():
    assert names.field("object", "name").zh == "名称"
    name_zh, name_en = names.field("object", "name_zh"), names.field("person", "name_en")
    assert (name_zh.zh, name_zh.en) == ("名称（中文）", "Name (Chinese)")
    assert (name_en.zh, name_en.en) == ("姓名（英文）", "Name (English)")
    assert names.field("object", "credit_en").short_en == "Credit (English)"
    with pytest.raises(names.UnknownNameError):
        names.field("object", "accession_zh")  # no such pair
    with pytest.raises(names.UnknownNameError):
        names.field("object", "no_such_field")
    assert names.field_text("object", "no_such_field", "zh") == "no_such_field"


def test_form_and_import_now_say_the_same_thing():
    """The words the issue found differing between the record form and the import wizard."""
    assert names.field("source", "url").en == "Web address"
    assert names.field("section", "position").en == names.field("panel", "position").en == "Order"
    # An import column standing for a field has that field's name.
    place, place_id = names.field("event", "place"), names.field("event", "place_id")
    assert (place.zh, place.en) == (place_id.zh, place_id.en) == ("地点", "Place")
    assert names.field("panel", "section").zh == names.field("panel", "section_id").zh == "单元"
    assert names.field("object", "media").en == "Image files"


@pytest.mark.parametrize("set_name", names.value_sets())
def test_every_value_has_names_and_chinese_is_not_the_raw_code(set_name):
    s = names.value_set(set_name)
    assert s.zh and s.en and HAN.search(s.zh), set_name
    assert s.values, set_name
    assert badly_named_values(s.values) == []
    for lang in ("zh", "en"):
        texts = [v.text(lang) for v in s.values]
        assert len(set(texts)) == len(texts), f"{set_name}: two values share a {lang} name"


def test_a_value_without_a_chinese_name_is_caught():
    bad = [names.ValueName("side", "ROC", "ROC", "Republic of China"),
           names.ValueName("material", "tin", "", "Tin"),
           names.ValueName("material", "zinc", "Zinc", "Zinc")]
    assert badly_named_values(bad) == ["side:ROC", "material:tin", "material:zinc"]


def test_the_raw_codes_of_the_issue_have_chinese_names():
    assert names.value("side", "ROC").zh == "中华民国"
    assert names.value("coord_basis", "estimate").zh == "估计"
    assert names.value_text("side", "Martians", "zh") == "Martians"  # unknown: shown as stored


def test_vocabularies_come_from_the_vocabulary_file():
    shipped = json.loads(vocab.DATA_FILE.read_text(encoding="utf-8"))
    for vocab_name, spec in shipped.items():
        s = names.value_set(vocab_name)
        assert (s.zh, s.en) == (spec["label_zh"], spec["label_en"])
        assert [(v.code, v.zh, v.en) for v in s.values] == [
            (t["code"], t["label_zh"], t["label_en"]) for t in spec["terms"]]


def test_a_field_bound_to_a_set_has_the_sets_name():
    """The form's field name and the vocabulary's name agree (来源 / Acquisition method)."""
    for code, cls in RECORD_TYPES.items():
        for name in names.user_fields(cls):
            set_name = names.set_of(code, name)
            if set_name is None or set_name == "record_type":
                continue
            s, f = names.value_set(set_name), names.field(code, name)
            assert (s.zh, s.en) == (f.zh, f.en), f"{code}.{name}"
    assert names.set_of("person", "side") == "side"
    assert names.set_of("object", "status") == "status"
    assert names.set_of("person", "bio_zh") is None


def _sample(name: str) -> list[dict]:
    return json.loads((SAMPLE / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("record_type,file", [("object", "objects"), ("person", "people"),
                                              ("place", "places"), ("source", "sources")])
def test_every_value_the_sample_archive_stores_has_a_name(record_type, file):
    cls = RECORD_TYPES[record_type]
    for row in _sample(file):
        for name in names.user_fields(cls):
            set_name = names.set_of(record_type, name)
            if set_name and row.get(name):
                names.value(set_name, row[name])  # raises UnknownNameError when one is missing


def _literals(pattern: str) -> set[str]:
    found: set[str] = set()
    for path in (ROOT / "exhibit").rglob("*.py"):
        found |= set(re.findall(pattern, path.read_text(encoding="utf-8")))
    return found


def test_every_history_action_and_image_role_the_core_writes_has_a_name():
    actions = _literals(r"history\(\s*[\w.]+,\s*\"([a-z_]+)\"") | _literals(r"RESTORE = \"([a-z_]+)\"")
    assert {"create", "update", "delete", "link", "restore"} <= actions
    assert actions <= {v.code for v in names.values("history_action")}
    roles = _literals(r"\brole(?::\s*str)?\s*=\s*\"([a-z_]+)\"")
    assert {"image", "illustration"} <= roles
    assert roles <= {v.code for v in names.values("media_role")}


def test_a_record_is_named_in_either_language():
    obj = ArchiveObject(id=3, accession="HY1944.0003", name_zh="水壶", name_en="Canteen")
    assert names.name(obj, "zh") == "藏品 HY1944.0003 “水壶”"
    assert names.name(obj, "en") == "Object HY1944.0003 “Canteen”"
    assert names.name(Person(id=7), "en") == "Person #7"
    assert names.name(names.record_type("person"), "en", plural=True) == "People"
    assert names.name(names.field("object", "accession"), "en", short=True) == "Accession no."
    assert names.name(names.value("source_kind", "memoir"), "zh") == "回忆录"
