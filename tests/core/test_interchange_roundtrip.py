"""Export → import gives the same records: CSV, XLSX and the whole archive as JSON."""
from __future__ import annotations

import csv
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from exhibit import services
from exhibit.archive import Archive
from exhibit.integrity import check_archive
from exhibit.interchange import archive_json, cells, export, iiif, importer, lido
from exhibit.interchange.mapping import suggest
from exhibit.interchange.tables import read_table
from exhibit.records import RECORD_TYPES, ArchiveObject

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends
TYPES = ("source", "place", "person", "event", "object")  # places before the events that refer to them


def comparable(archive: Archive, record_type: str) -> list[dict]:
    """Records without what belongs to one archive (ids, time stamps); an event's place by key."""
    places = {p.id: p.key for p in services.list_records(archive, "place")}
    out = []
    for record in services.list_records(archive, record_type):
        row = record.as_row()
        for name in ("id", "created", "modified"):
            row.pop(name)
        if "place_id" in row:
            row["place_id"] = places.get(row["place_id"])
        out.append(row)
    key = RECORD_TYPES[record_type].IDENT or "title"
    return sorted(out, key=lambda r: (str(r.get(key)), str(r)))


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_table_export_then_import_gives_identical_records(archive: Archive, blank_archive: Archive,
                                                          tmp_path: Path, suffix: str) -> None:
    for record_type in TYPES:
        path = tmp_path / f"{record_type}.{suffix}"
        assert export.write_table(archive, record_type, path) == services.count(archive, record_type)
        table = read_table(path)
        mapping = suggest(table.header, record_type)
        assert all(header == target for header, target in mapping.columns.items())  # maps onto itself
        result = importer.apply_import(blank_archive, table, mapping, media_root=archive.media_root)
        assert result.created == services.count(archive, record_type)
    for record_type in TYPES:
        assert comparable(blank_archive, record_type) == comparable(archive, record_type), record_type
    # The images came along, in order.
    obj = services.list_records(archive, "object")[0]
    copy = services.object_by_accession(blank_archive, obj.accession)
    from exhibit import media_records
    assert [m.sha256 for m in media_records.media_for(blank_archive, "object", copy.id)] == \
        [m.sha256 for m in media_records.media_for(archive, "object", obj.id)]
    assert check_archive(blank_archive) == []
    # Importing the same files again changes nothing.
    for record_type in TYPES:
        table = read_table(tmp_path / f"{record_type}.{suffix}")
        plan = importer.plan_import(blank_archive, table, suggest(table.header, record_type),
                                    media_root=archive.media_root)
        assert plan.counts()["unchanged"] == len(plan.rows), record_type


def test_vocabulary_labels_export_and_import_as_the_same_codes(archive: Archive, blank_archive: Archive,
                                                               tmp_path: Path) -> None:
    people = tmp_path / "people.csv"  # makers name people by key: the people come first
    export.write_table(archive, "person", people)
    table = read_table(people)
    importer.apply_import(blank_archive, table, suggest(table.header, "person"))
    path = tmp_path / "objects-zh.csv"
    export.write_table(archive, "object", path, labels="zh")
    with open(path, encoding="utf-8-sig") as f:
        assert "文件、宣传品" in f.read()
    table = read_table(path)
    importer.apply_import(blank_archive, table, suggest(table.header, "object"))
    strip = lambda rows: [{k: v for k, v in r.items() if k != "media"} for r in rows]  # noqa: E731
    assert strip(comparable(blank_archive, "object")) == strip(comparable(archive, "object"))


CATALOGUED = [
    ArchiveObject(accession="C.001", name_zh="布告", name_en="Public notice", object_name_zh="布告",
                  object_name_en="public notice", makers="薛岳 / Xue Yue [xue-yue] (issuer); Krupp (manufacturer)",
                  production_place_zh="长沙", production_place_en="Changsha", technique_zh="石印",
                  technique_en="lithograph", medium_zh="纸，墨", medium_en="ink on paper",
                  dimensions="support: 394 x 419 mm; frame: 60 × 70 cm", weight="约850克",
                  other_numbers="previous number: A.1; 普查编号: 4304001800000100001; 70112",
                  external_links="https://museum.example/o/C.001; wikidata: Q42; ulan: 500026846",
                  rights="CC BY 4.0", record_status="reviewed", label_zh="贴在长沙街头的布告。",
                  label_en="Posted in Changsha."),
    # Items whose typed form would not read back the same: a bracket that is no role, a ';'
    # inside a name, a ':' inside a number. They are exported as their JSON, and come back.
    ArchiveObject(accession="C.002", name_en="Carte de visite",
                  makers='[{"name_en":"Atelier Nadar (Paris)","role":"maker"},{"name_en":"Smith; Sons"}]',
                  other_numbers='[{"number":"box 3: item 4","kind":"old"}]', record_status="published"),
]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_cataloguing_fields_export_as_typed_text_and_import_as_the_same_records(
        blank_archive: Archive, tmp_path: Path, suffix: str) -> None:
    from exhibit.records import Person

    services.create(blank_archive, Person(key="xue-yue", name_zh="薛岳", name_en="Xue Yue"))
    for obj in CATALOGUED:
        services.create(blank_archive, obj)
    target = Archive.open(tmp_path / "target", user="tester")
    for record_type in ("person", "object"):
        path = tmp_path / f"{record_type}.{suffix}"
        export.write_table(blank_archive, record_type, path)
        table = read_table(path)
        importer.apply_import(target, table, suggest(table.header, record_type))
    assert comparable(target, "object") == comparable(blank_archive, "object")
    table = read_table(tmp_path / f"object.{suffix}")
    cells = dict(zip(table.header, table.rows[0].cells))
    assert cells["makers"] == "薛岳 / Xue Yue [xue-yue] (issuer); Krupp (manufacturer)"  # as a curator types it
    assert cells["other_numbers"] == "previous number: A.1; 普查编号: 4304001800000100001; 70112"
    assert cells["external_links"] == "https://museum.example/o/C.001; wikidata: Q42; ulan: 500026846"
    assert cells["record_status"] == "reviewed"
    odd = dict(zip(table.header, table.rows[1].cells))
    assert odd["makers"].startswith("[")  # the JSON, since the typed form would read back otherwise
    target.close()


DANGEROUS = ["=HYPERLINK(\"http://x\",\"点击\")", "+86 734 123", "-5 °C", "@SUM(A1)", "\tTAB", "'已有撇号",
             "''两个", "'=", "=", "普通文本"]


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_cells_that_look_like_formulas_are_neutralised_and_come_back_intact(
        blank_archive: Archive, tmp_path: Path, suffix: str) -> None:
    for i, text in enumerate(DANGEROUS):
        services.create(blank_archive, ArchiveObject(accession=f"HY8{i:03d}", name_zh="危险单元格",
                                                     description_zh=text, inscription_en=text + " end"))
    path = tmp_path / f"o.{suffix}"
    export.write_table(blank_archive, "object", path)
    if suffix == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            written = [row[export.columns("object").index("description_zh")] for row in csv.reader(f)][1:]
    else:
        ws = load_workbook(path).active
        column = export.columns("object").index("description_zh") + 1
        written = [ws.cell(row=r, column=column) for r in range(2, len(DANGEROUS) + 2)]
        assert all(c.data_type == "s" for c in written)  # text, never a formula
        written = [c.value for c in written]
    for text in written:
        assert text[0] not in cells.TRIGGERS, text
    table = read_table(path)
    plan = importer.plan_import(blank_archive, table, suggest(table.header))
    assert plan.counts()["unchanged"] == len(DANGEROUS)  # every value read back exactly as stored
    assert [r.record.description_zh for r in plan.rows] == DANGEROUS


@given(st.text())
def test_neutralise_is_undone_exactly_by_restore(text: str) -> None:
    safe = cells.neutralise(text)
    assert not safe or safe[0] not in cells.TRIGGERS
    assert cells.restore(safe) == text


def stored_rows(archive: Archive, table: str) -> list[dict]:
    """A table's rows as stored, without a server's own bookkeeping (each record's version)."""
    cursor = archive.db.execute(f"SELECT * FROM {table} ORDER BY id")
    names = [d[0] for d in cursor.description]
    return [{k: v for k, v in zip(names, row) if k != "version"} for row in cursor.fetchall()]


def test_whole_archive_json_round_trip_keeps_every_record_link_and_id(archive: Archive, blank_archive: Archive,
                                                                      tmp_path: Path) -> None:
    path = tmp_path / "archive.json"
    counts = archive_json.write_json(archive, path)
    assert counts["object"] == services.count(archive, "object")
    target = blank_archive
    result = archive_json.import_json(target, path, media_root=archive.media_root)
    assert result.media_missing == []
    for record_type in RECORD_TYPES:
        assert [r.as_row() for r in services.list_records(target, record_type)] == \
            [r.as_row() for r in services.list_records(archive, record_type)], record_type
    for table in ("links", "media_links", "disputes", "dispute_readings"):
        rows = stored_rows(archive, table)
        assert rows and stored_rows(target, table) == rows, table
    from exhibit import disputes, institution
    some = archive.db.execute("SELECT record_type, record_id FROM disputes ORDER BY id").fetchone()
    assert disputes.disputes_of(target, *some) == disputes.disputes_of(archive, *some)  # readings and all
    assert institution.settings(target) == institution.settings(archive)  # the museum came along
    assert check_archive(target) == []
    from exhibit import search
    assert search.search(target.db, "衡阳").total == search.search(archive.db, "衡阳").total
    with pytest.raises(Exception, match="only be imported into an empty archive"):
        archive_json.import_json(target, path)
    # New records take new ids after the imported ones.
    made = services.create(target, ArchiveObject(accession="HY9999", name_zh="新"))
    assert made.saved_id > max(o.saved_id for o in services.list_records(archive, "object"))


def exports(archive: Archive, out: Path) -> dict[str, bytes]:
    """Every export format of the archive, file by file (an .xlsx by the parts of its zip)."""
    out.mkdir()
    files: dict[str, bytes] = {}
    for record_type in export.EXPORT_TYPES:
        export.write_table(archive, record_type, out / f"{record_type}.csv")
    export.write_table(archive, "object", out / "objects-en.tsv", labels="en")
    some = [o.saved_id for o in services.list_records(archive, ArchiveObject, order="accession desc")][:5]
    export.write_table(archive, "object", out / "some.csv", some)
    lido.write_lido(archive, out / "lido.xml")
    lido.write_lido(archive, out / "some.xml", some)
    iiif.write_iiif(archive, out / "iiif", base_url="https://museum.example/iiif")
    archive_json.write_json(archive, out / "archive.json")
    export.write_table(archive, "object", out / "objects.xlsx")
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        name = str(path.relative_to(out))
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:   # docProps/core.xml holds the time it was written
                files.update({f"{name}:{part}": book.read(part) for part in book.namelist()
                              if part != "docProps/core.xml"})
        elif path.suffix == ".json" and path.parent == out:
            document = json.loads(path.read_text(encoding="utf-8"))
            assert document.pop("exported")   # the time of the export
            files[name] = json.dumps(document, ensure_ascii=False).encode()
        else:
            files[name] = path.read_bytes()
    return files


def test_every_export_of_the_same_records_is_the_same_on_either_kind_of_archive(
        archive: Archive, sample_template: Path, tmp_path: Path) -> None:
    """The sample on a server archive exports byte for byte as the sample on SQLite does."""
    reference = Archive.open(shutil.copytree(sample_template, tmp_path / "reference"), user="tester")
    try:
        expected = exports(reference, tmp_path / "from-sqlite")
    finally:
        reference.close()
    got = exports(archive, tmp_path / "from-archive")
    assert sorted(got) == sorted(expected)
    assert len(got) > 100   # the tables, LIDO, the JSON, the workbook's parts, the IIIF folder and images
    for name in expected:
        assert got[name] == expected[name], name
