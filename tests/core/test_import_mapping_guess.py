"""The mapping guess reads the values as well as the header, says how sure it is, and the
columns it spreads over (makers and role, one measurement per column, several numbers and
links) import as one field."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exhibit import object_fields, services
from exhibit.archive import Archive
from exhibit.cli import run
from exhibit.dimensions import from_json
from exhibit.interchange import importer
from exhibit.interchange.mapping import Mapping, MappingError, suggest, suggest_for
from exhibit.interchange.tables import read_table
from tests.spreadsheets import archive_args, write_csv

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends

TATE = ["id", "accession_number", "artist", "artistRole", "artistId", "title", "dateText", "medium",
        "creditLine", "year", "acquisitionYear", "dimensions", "width", "height", "depth", "units",
        "inscription", "thumbnailCopyright", "thumbnailUrl", "url"]


def tate_row(n: int, **cells: str) -> list[str]:
    values = {"id": str(1034 + n), "accession_number": f"N{n:05d}", "artist": "Turner, Joseph Mallord William",
              "artistRole": "artist", "artistId": "558", "title": f"Study {n}", "dateText": "c.1830–41",
              "medium": "Graphite on paper", "creditLine": "Purchased 1965", "year": "1830",
              "acquisitionYear": "1965", "dimensions": "support: 394 x 419 mm", "width": "419", "height": "394",
              "depth": "", "units": "mm", "inscription": "",
              "thumbnailCopyright": "© the artist's estate" if n % 2 else "",
              "thumbnailUrl": f"https://collection.example.org/images/N{n:05d}_8.jpg",
              "url": f"https://collection.example.org/art/n{n:05d}"}
    values.update(cells)
    return [values[h] for h in TATE]


def tate_file(tmp_path: Path, rows: list[list[str]]) -> Path:
    return write_csv(tmp_path / "artwork_data.csv", [TATE, *rows], encoding="utf-8")


def guessed(mapping: Mapping) -> dict[str, tuple[str, str]]:
    return {h: (mapping.columns[h], mapping.guesses[h].confidence) for h in mapping.columns}


def test_a_museum_files_id_column_is_the_source_id_and_the_accession_comes_from_its_own_column(
        tmp_path: Path) -> None:
    table = read_table(tate_file(tmp_path, [tate_row(n) for n in range(1, 41)]))
    mapping = suggest_for(table)
    assert guessed(mapping) == {
        "id": ("other_numbers", "data"), "accession_number": ("accession", "exact"),
        "artist": ("makers", "alias"), "artistRole": ("maker_role", "alias"), "artistId": ("", ""),
        "title": ("name_en", "alias"), "dateText": ("date_text", "exact"), "medium": ("medium_en", "exact"),
        "creditLine": ("credit_en", "exact"), "year": ("", ""), "acquisitionYear": ("acquisition_date", "alias"),
        "dimensions": ("dimensions", "exact"), "width": ("dimension_width", "exact"),
        "height": ("dimension_height", "exact"), "depth": ("dimension_depth", "exact"),
        "units": ("dimension_unit", "alias"), "inscription": ("inscription_en", "exact"),
        "thumbnailCopyright": ("rights", "weak"), "thumbnailUrl": ("external_links", "data"),
        "url": ("external_links", "alias")}
    assert "source system's row ids" in mapping.guesses["id"].why()
    assert "“artist” fills makers more surely" in mapping.guesses["artistId"].why()
    # From the header alone (no values), `id` was the accession number's rival and lost.
    assert suggest(TATE).columns["id"] == ""
    # A loose guess is not made for a column without values (it would only empty the field).
    empty = read_table(tate_file(tmp_path, [tate_row(n, thumbnailCopyright="") for n in range(1, 5)]))
    assert guessed(suggest_for(empty))["thumbnailCopyright"] == ("", "")


def test_values_find_the_accession_number_under_a_header_the_program_does_not_know(tmp_path: Path) -> None:
    rows = [["Nummer", "Bezeichnung", "Lfd"]] + [[f"GM.{n:04d}", f"Objekt {n}", str(n)] for n in range(1, 31)]
    table = read_table(write_csv(tmp_path / "inventar.csv", rows))
    mapping = suggest_for(table)
    assert mapping.columns["Nummer"] == "accession"
    assert mapping.guesses["Nummer"].confidence == "data"
    assert "pattern (A.9, 100 %)" in mapping.guesses["Nummer"].why()
    assert mapping.columns["Lfd"] == "" and mapping.columns["Bezeichnung"] == ""   # numbers, prose: no guess


def test_a_loose_header_is_confirmed_by_its_values_and_row_numbers_are_never_the_accession(tmp_path: Path) -> None:
    rows = [["ID", "编号", "名称"]] + [[str(n), f"HY{n:04d}", f"藏品{n}"] for n in range(1, 21)]
    mapping = suggest_for(read_table(write_csv(tmp_path / "a.csv", rows)))
    assert guessed(mapping)["编号"] == ("accession", "data")        # 编号 alone would be a weak guess
    assert guessed(mapping)["ID"] == ("other_numbers", "data")
    # With nothing better, a unique column is offered as the accession number, marked as unsure.
    only = suggest_for(read_table(write_csv(tmp_path / "b.csv", [["id", "名称"], ["1", "钢盔"], ["2", "水壶"]])))
    assert guessed(only)["id"] == ("accession", "weak")


def test_web_addresses_and_measurement_texts_are_recognised_by_their_values(tmp_path: Path) -> None:
    rows = [["总登记号", "Web", "Measurements", "图片"]] + [
        [f"HY{n}", f"https://museum.example/o/{n}", f"{20 + n} × 10 cm", f"https://img.example/{n}.jpg"]
        for n in range(1, 11)]
    mapping = suggest_for(read_table(write_csv(tmp_path / "a.csv", rows)))
    assert guessed(mapping)["Web"] == ("external_links", "data")
    assert guessed(mapping)["图片"] == ("external_links", "data")    # addresses, not image files to import
    assert guessed(mapping)["Measurements"] == ("dimensions", "exact")  # a text, not the program's JSON


def test_the_columns_a_museum_spreads_a_field_over_import_as_one_field(blank_archive: Archive,
                                                                        tmp_path: Path) -> None:
    rows = [
        tate_row(1),
        tate_row(2, dimensions="", width="419", height="394", units="mm"),            # text written from parts
        tate_row(3, dimensions="", width="300", height="200", depth="150", units="cm"),
        tate_row(4, artistRole="after"),                                              # an attribution
        tate_row(5, artist="Blake, William; Linnell, John", artistRole="engraver; publisher"),
        tate_row(6, dimensions="", width="", height="", units=""),                   # nothing measured
    ]
    table = read_table(tate_file(tmp_path, rows))
    result = importer.apply_import(blank_archive, table, suggest_for(table))
    assert result.created == 6
    get = {o.accession: o for o in services.list_records(blank_archive, "object")}
    first = get["N00001"]
    assert object_fields.read_makers(first.makers) == [
        object_fields.Maker(name_en="Turner, Joseph Mallord William", role="artist")]
    assert object_fields.read_other_numbers(first.other_numbers) == [object_fields.OtherNumber("1035", "source id")]
    assert [link.value for link in object_fields.read_links(first.external_links)] == [
        "https://collection.example.org/images/N00001_8.jpg", "https://collection.example.org/art/n00001"]
    assert first.dimensions == "support: 394 x 419 mm"                             # the text wins
    assert get["N00002"].dimensions == "394 × 419 mm"
    assert [(m.dimension, m.value, m.unit) for m in from_json(get["N00002"].measurements)] == [
        ("height", 394.0, "mm"), ("width", 419.0, "mm")]
    assert get["N00003"].dimensions == "200 × 300 × 150 cm"
    assert object_fields.read_makers(get["N00004"].makers)[0].name_en == "after Turner, Joseph Mallord William"
    assert [(m.name_en, m.role) for m in object_fields.read_makers(get["N00005"].makers)] == [
        ("Blake, William", "engraver"), ("Linnell, John", "publisher")]
    assert get["N00006"].dimensions == "" and get["N00006"].measurements == ""
    assert first.date_start == "1830-01-01" and first.date_end == "1841-12-31"


def test_chinese_measurement_columns_make_a_chinese_dimensions_text(blank_archive: Archive, tmp_path: Path) -> None:
    rows = [["总登记号", "名称", "高", "宽", "尺寸单位"], ["HY1", "钢盔", "16", "28", "厘米"]]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = suggest_for(table)
    assert mapping.fields_for(table.header) == ["accession", "name_zh", "dimension_height", "dimension_width",
                                                "dimension_unit"]
    importer.apply_import(blank_archive, table, mapping)
    helmet = services.object_by_accession(blank_archive, "HY1")
    assert helmet.dimensions == "高16 × 宽28厘米"
    assert [(m.dimension, m.value, m.unit) for m in from_json(helmet.measurements)] == [
        ("height", 16.0, "cm"), ("width", 28.0, "cm")]


def test_a_role_column_without_a_makers_column_is_refused(tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "a.csv", [["总登记号", "artistRole"], ["HY1", "artist"]]))
    mapping = Mapping("object", {"总登记号": "accession", "artistRole": "maker_role"})
    with pytest.raises(MappingError, match="“artistRole” gives the makers' role"):
        importer.empty_plan(table, mapping)


def test_the_dry_run_shows_each_guess_with_how_sure_it_is(blank_archive: Archive, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    path = tate_file(tmp_path, [tate_row(n) for n in range(1, 11)])
    code = run([*archive_args(blank_archive), "--no-sample", "import", str(path), "--dry-run"])
    out = capsys.readouterr().out
    assert code == 0
    assert "  id → other_numbers  [data: unique whole numbers (1035–1044): the source system's row ids" in out
    assert "  thumbnailCopyright → rights  [weak: a word of the header (Copyright) names it]" in out
    assert "  artistId → (not imported)  [the column “artist” fills makers more surely]" in out

    code = run([*archive_args(blank_archive), "--no-sample", "import", str(path), "--dry-run", "--json"])
    report = json.loads(capsys.readouterr().out)   # nothing but the JSON document
    assert code == 0 and report["counts"]["create"] == 10
    assert report["mapping"]["confidence"]["accession_number"] == {
        "target": "accession", "confidence": "exact",
        "why": "the header is the name the program shows for this field"}
    assert report["mapping"]["confidence"]["id"]["confidence"] == "data"
    assert report["mapping"]["columns"]["artistRole"] == "maker_role"


def test_other_numbers_from_several_columns_keep_the_kind_their_column_names(blank_archive: Archive,
                                                                          tmp_path: Path) -> None:
    rows = [["总登记号", "名称", "旧编号", "其他编号"], ["HY1", "钢盔", "A.1", "普查编号: 4304001800000100001; X9"]]
    table = read_table(write_csv(tmp_path / "a.csv", rows))
    mapping = suggest_for(table)
    assert mapping.fields_for(table.header) == ["accession", "name_zh", "other_numbers", "other_numbers"]
    importer.apply_import(blank_archive, table, mapping)
    numbers = object_fields.read_other_numbers(services.object_by_accession(blank_archive, "HY1").other_numbers)
    # 旧编号 names what its numbers are; 其他编号 is the field's own name and adds no kind.
    assert numbers == [object_fields.OtherNumber("A.1", "旧编号"),
                       object_fields.OtherNumber("4304001800000100001", "普查编号"), object_fields.OtherNumber("X9")]
