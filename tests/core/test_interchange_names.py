"""A sheet headed with the program's own words (exhibit.names) maps back onto the fields without help."""
from __future__ import annotations

import pytest

from exhibit import names
from exhibit.interchange import export
from exhibit.interchange.mapping import IGNORE, suggest, suggest_field

HALF_WIDTH = str.maketrans({"（": "(", "）": ")"})


def spellings(record_type: str, column: str) -> set[str]:
    """Every way the program itself names an export column: both languages, full and short,
    full-width and half-width brackets."""
    named = names.field(record_type, column)
    texts = {named.zh, named.en, named.short_zh, named.short_en}
    return texts | {t.translate(HALF_WIDTH) for t in texts} | {t.replace("(", "（").replace(")", "）")
                                                               for t in texts}


def exported_header(blank_archive, record_type: str, tmp_path) -> list[str]:
    path = tmp_path / f"{record_type}.csv"
    export.write_table(blank_archive, record_type, path)
    first = path.read_text(encoding="utf-8-sig").splitlines()[0]
    return first.split(",")


@pytest.mark.parametrize("record_type", export.EXPORT_TYPES)
def test_every_exported_column_maps_back_from_its_registry_names(blank_archive, tmp_path, record_type):
    header = exported_header(blank_archive, record_type, tmp_path)
    assert header == export.columns(record_type)
    wrong = {}
    for column in header:
        for text in spellings(record_type, column):
            got = suggest_field(text, record_type)
            if got != column:
                wrong[text] = got
    assert wrong == {}, f"{record_type}: header → suggested field"


@pytest.mark.parametrize("record_type", export.EXPORT_TYPES)
def test_a_pairs_base_name_is_resolved_by_the_headers_language(record_type):
    pairs = {c[:-3] for c in export.columns(record_type) if c.endswith("_zh")}
    for base in pairs:
        named = names.field(record_type, base)
        assert suggest_field(named.zh, record_type) == f"{base}_zh"
        assert suggest_field(named.en, record_type) == f"{base}_en"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_whole_sheet_in_the_programs_words_maps_every_column(lang):
    """The export's header renamed to the form's words, as a curator's sheet would be."""
    header = [names.field("object", c).text(lang) for c in export.columns("object")]
    mapping = suggest(header, "object")
    assert mapping.fields_for(header) == export.columns("object")


def test_names_of_the_form_that_catalogues_never_used_now_map():
    assert suggest_field("导语", "section") == "intro_zh"
    assert suggest_field("Introduction", "section") == "intro_en"
    assert suggest_field("顺序", "panel") == "position"
    assert suggest_field("Web address", "source") == "url"
    assert suggest_field("图注（英文）", "media") == "caption_en"
    # A word the program gives no field of this type is still not imported.
    assert suggest_field("导语", "object") == IGNORE
