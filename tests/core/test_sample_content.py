"""The sample exhibition's integrity as data, checked the way a historian or an editor would.

The sample is what the program shows, prints and demonstrates first, so its
content is held to the rules in exhibit/sample/FORMAT.md: every citation and
every disputed reading points at a real source record, no two places sit on
the same spot, Chinese text uses full-width punctuation, the invented objects
say that they are invented, and visitor-facing text speaks to the visitor
instead of discussing its sources. These tests read the JSON files directly
(no Qt, no database) except the last ones, which load the sample the way the
program does on first start.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

import pytest

from exhibit import services
from exhibit.sample.loader import DATA_DIR, load_sample

FILES = ("sections", "panels", "objects", "people", "places", "events", "sources")
# Han characters and the full-width punctuation that belongs with them.
CJK = "\u3400-\u9fff\u3000-\u303f\uff01-\uff5e“”‘’…—"
HALF_WIDTH = re.escape(",;:()?!")
# Half-width punctuation touching Chinese text on either side, e.g. "衡阳,1944" or "）,2007".
HALF_WIDTH_NEXT_TO_HAN = re.compile(f"[{CJK}][{HALF_WIDTH}]|[{HALF_WIDTH}][{CJK}]")

# Words that betray a text talking about its sources rather than to the visitor.
# They caught every such passage in the first sample ("English Wikipedia dates …",
# "No source found …", "尚待核对", "据通俗记述", "研究者换算") and none of the history.
SOURCE_TALK = (
    "wikipedia", "维基", "source", "资料", "尚待核对", "待核", "出处", "研究者", "researcher",
    "research note", "研究笔记", "镜像", "mirror", "通俗", "popular account", "本展所依据",
)
# Fields a visitor reads on the kiosk, on labels and in the catalogue.
VISITOR_FIELDS = {
    "sections": ("intro_zh", "intro_en"),
    "panels": ("body_zh", "body_en"),
    "objects": ("description_zh", "description_en"),
    "people": ("bio_zh", "bio_en"),
    "places": ("description_zh", "description_en"),
    "events": ("description_zh", "description_en"),
}
SAMPLE_MARK_ZH = "示例藏品，虚构"
SAMPLE_MARK_EN = "invented for this demonstration"


def _data(name: str) -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def data() -> dict[str, list[dict[str, Any]]]:
    return {name: _data(name) for name in FILES}


def _label(name: str, record: dict[str, Any]) -> str:
    return f"{name}:{record.get('key') or record.get('code') or record.get('accession')}"


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every (field path, text) in a record, nested disputes included."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, str):
        yield path, value


def test_every_citation_and_disputed_reading_names_a_source_record(data):
    sources = {s["key"] for s in data["sources"]}
    assert len(sources) == len(data["sources"]), "two source records share a key"
    unresolved = []
    for name in FILES:
        for record in data[name]:
            for cite in record.get("citations", []):
                if cite.get("source") not in sources:
                    unresolved.append(f"{_label(name, record)} cites {cite.get('source')!r}")
            for dispute in record.get("disputes", []):
                for reading in dispute.get("readings", []):
                    if reading.get("source") not in sources:
                        unresolved.append(f"{_label(name, record)} dispute {dispute.get('key')} "
                                          f"reads {reading.get('source')!r}")
    assert unresolved == []


def test_every_source_record_names_a_publication_and_is_cited(data):
    cited = set()
    for name in FILES:
        for record in data[name]:
            cited |= {c["source"] for c in record.get("citations", [])}
            for dispute in record.get("disputes", []):
                cited |= {r["source"] for r in dispute["readings"]}
    for source in data["sources"]:
        assert source["title"] and source["kind"], source["key"]
        assert source["author"] or source["publisher"], f"{source['key']} names neither author nor publisher"
        assert source["reliability_zh"] and source["reliability_en"], source["key"]
        assert source["key"] in cited, f"source {source['key']} is never cited"


def test_every_dispute_has_two_sourced_readings_and_a_unique_key(data):
    keys = []
    for name in FILES:
        for record in data[name]:
            for dispute in record.get("disputes", []):
                keys.append(dispute["key"])
                assert dispute["topic_zh"] and dispute["topic_en"], dispute["key"]
                readings = dispute["readings"]
                assert len(readings) >= 2, f"{dispute['key']} has fewer than two readings"
                for reading in readings:
                    assert reading["value_zh"] and reading["value_en"] and reading["source"], dispute["key"]
                    assert "page" in reading and "note" in reading, dispute["key"]
    assert len(keys) == len(set(keys)), "two disputes share a key"
    # The disputes the historians asked to see presented as disputes.
    for wanted in ("surrender-or-ceasefire", "talks-venue", "wounded-and-prisoners", "ceasefire-time",
                   "tomb-levelled-year", "chinese-dead", "japanese-casualties", "fang-escape-date"):
        assert wanted in keys, wanted


def test_no_two_places_share_coordinates(data):
    seen: dict[tuple[float, float], str] = {}
    for place in data["places"]:
        point = (round(place["lat"], 5), round(place["lon"], 5))
        assert point not in seen, f"{place['key']} sits on the same point as {seen[point]}"
        seen[point] = place["key"]


def test_chinese_text_uses_full_width_punctuation(data):
    offenders = []
    for name in FILES:
        for record in data[name]:
            for path, text in _strings(record, _label(name, record)):
                if path.split(".")[-1].split("[")[0].endswith("_zh"):
                    match = HALF_WIDTH_NEXT_TO_HAN.search(text)
                    if match:
                        offenders.append(f"{path}: …{text[max(0, match.start() - 8):match.end() + 8]}…")
    assert offenders == []


def test_visitor_text_does_not_discuss_its_sources(data):
    offenders = []
    for name, fields in VISITOR_FIELDS.items():
        for record in data[name]:
            for field in fields:
                text = record.get(field, "").lower()
                offenders += [f"{_label(name, record)}.{field}: {word!r}" for word in SOURCE_TALK if word in text]
    assert offenders == []


def test_every_object_says_it_is_invented(data):
    for obj in data["objects"]:
        assert SAMPLE_MARK_ZH in obj["credit_zh"], obj["accession"]
        assert SAMPLE_MARK_EN in obj["credit_en"], obj["accession"]


def test_panels_keep_the_length_rules(data):
    for panel in data["panels"]:
        chars = len(panel["body_zh"].replace("\n", ""))
        words = len(panel["body_en"].split())
        assert 150 <= chars <= 400, f"{panel['code']}: {chars} Chinese characters"
        assert 100 <= words <= 250, f"{panel['code']}: {words} English words"
        assert "\n\n" in panel["body_zh"] and "\n\n" in panel["body_en"], panel["code"]


def test_records_link_only_to_records_that_exist(data):
    keys = {name: {r.get("key") or r.get("code") or r.get("accession") for r in data[name]} for name in FILES}
    for panel in data["panels"]:
        assert panel["section"] in keys["sections"], panel["code"]
        for kind in ("people", "places", "events"):
            missing = set(panel[kind]) - keys[kind]
            assert not missing, f"{panel['code']} links to unknown {kind}: {missing}"
    for obj in data["objects"]:
        assert set(obj["panels"]) <= keys["panels"], obj["accession"]
        assert set(obj["people"]) <= keys["people"] and set(obj["places"]) <= keys["places"], obj["accession"]
    for event in data["events"]:
        assert event["place"] in keys["places"] | {""}, event["key"]
        assert set(event["people"]) <= keys["people"], event["key"]


def test_the_corrected_facts_stay_corrected(data):
    """The errors a historian's check found in the first sample must not come back."""
    visitor = " ".join(record.get(field, "") for name, fields in VISITOR_FIELDS.items()
                       for record in data[name] for field in fields)
    assert "来生相见" not in visitor and "此电恐为最后一电，来生再见" in visitor
    assert "四个师" not in visitor and "four divisions" not in visitor
    assert "facsimile" not in json.dumps(data["objects"], ensure_ascii=False)
    zhangjiashan = next(p for p in data["places"] if p["key"] == "zhangjiashan")
    assert "不存在" in zhangjiashan["description_zh"] and "no longer exists" in zhangjiashan["description_en"]
    people = {p["key"]: p for p in data["people"]}
    assert "副局长" in people["dai-li"]["bio_zh"] and "deputy director" in people["dai-li"]["bio_en"]
    assert any(p["side"] == "civilian" for p in data["people"])
    sakuma_sources = {c["source"] for c in people["sakuma-tameto"]["citations"]}
    assert "gpwd" not in sakuma_sources


def test_sample_loads_into_a_blank_archive_with_the_counts_the_docs_give(blank_archive, data):
    counts = load_sample(blank_archive, illustrations=False)
    assert counts["section"] == len(data["sections"]) == 5
    assert counts["panel"] == len(data["panels"])
    assert counts["object"] == len(data["objects"])
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert (f"{counts['section']} sections, {counts['panel']} narrative panels, "
            f"{counts['object']} objects") in readme
    fmt = (DATA_DIR.parent / "FORMAT.md").read_text(encoding="utf-8")
    assert f"{counts['panel']} panels" in fmt and f"{counts['object']} objects" in fmt
    for obj in services.list_records(blank_archive, "object"):
        assert obj.is_sample, obj.label()
        assert SAMPLE_MARK_ZH in obj.credit_zh and SAMPLE_MARK_EN in obj.credit_en, obj.label()
    # Every citation in the files became a citation row: none was silently dropped.
    expected = sum(len(r.get("citations", [])) for name in FILES for r in data[name])
    assert services.stats(blank_archive)["citation"] == expected
