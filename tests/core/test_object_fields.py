"""An object's list fields (makers, other numbers, external links): typed text, JSON, errors."""
from __future__ import annotations

import json

import pytest

from exhibit import object_fields as of
from exhibit.object_fields import ExternalLink, FieldFormatError, Maker, OtherNumber


@pytest.mark.parametrize("text, expected", [
    ("Turner, Joseph Mallord William", [Maker(name_en="Turner, Joseph Mallord William")]),
    ("Turner, J. M. W. (artist); 汪记印刷厂 (printer)",
     [Maker(name_en="Turner, J. M. W.", role="artist"), Maker(name_zh="汪记印刷厂", role="printer")]),
    ("薛岳 / Xue Yue [xue-yue] (issuer)", [Maker("薛岳", "Xue Yue", "issuer", "xue-yue")]),
    ("Studio of X (Painter)", [Maker(name_en="Studio of X", role="artist")]),
    ("大阪造兵厂（制造）", [Maker(name_zh="大阪造兵厂", role="manufacturer")]),
    ("  ;  ", []),
    ("", []),
])
def test_makers_read_as_typed(text: str, expected: list[Maker]) -> None:
    assert of.read_makers(text) == expected


def test_makers_round_trip_through_json_and_the_form_text() -> None:
    typed = "薛岳 / Xue Yue [xue-yue] (issuer)\nJohn Smith (photographer)\n大阪造兵厂 (manufacturer)"
    stored = of.canonical_makers(typed)
    assert json.loads(stored)[1] == {"name_en": "John Smith", "role": "photographer"}
    assert of.list_text("makers", stored) == typed.replace("\n", "\n")
    assert of.canonical_makers(of.list_text("makers", stored)) == stored


@pytest.mark.parametrize("text, why", [
    ("Someone (dancer)", "not a maker's role"),
    ('[{"name_en": "A", "colour": "red"}]', "unknown key"),
    ('[{"name_en": "A", "role": "juggler"}]', "not a maker's role"),
    ('{"name_en": "A"}', "JSON list"),
    ("[not json", "not valid JSON"),
    ('[{"name_en": 3}]', "not text"),
])
def test_makers_that_cannot_be_read_say_why(text: str, why: str) -> None:
    with pytest.raises(FieldFormatError, match=why):
        of.read_makers(text)


def test_other_numbers_keep_their_kind() -> None:
    assert of.read_other_numbers("source id: 1035; 旧编号：A-17; 44/12") == [
        OtherNumber("1035", "source id"), OtherNumber("A-17", "旧编号"), OtherNumber("44/12")]
    assert of.canonical_other_numbers("") == ""


@pytest.mark.parametrize("text, expected", [
    ("https://www.tate.org.uk/art/artworks/turner-x-d12345",
     [ExternalLink("https://www.tate.org.uk/art/artworks/turner-x-d12345")]),
    ("Q42; 500026846", [ExternalLink("Q42", "wikidata"), ExternalLink("500026846", "ulan")]),
    ("wikidata: Q1234; ULAN: 500012345", [ExternalLink("Q1234", "wikidata"), ExternalLink("500012345", "ulan")]),
])
def test_links_are_recognised_by_their_form(text: str, expected: list[ExternalLink]) -> None:
    assert of.read_links(text) == expected


def test_a_link_leads_somewhere() -> None:
    assert ExternalLink("Q42", "wikidata").url() == "https://www.wikidata.org/wiki/Q42"
    assert ExternalLink("500026846", "ulan").url() == "http://vocab.getty.edu/page/ulan/500026846"


@pytest.mark.parametrize("text", ["javascript:alert(1)", "www.example.org", "wikidata: 42",
                                  '[{"value": "Q1", "kind": "myspace"}]'])
def test_links_that_lead_nowhere_are_refused(text: str) -> None:
    with pytest.raises(FieldFormatError):
        of.read_links(text)
