"""Importing spreadsheets: the dry-run report per row, all-or-nothing, re-import, mappings."""
from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import Workbook
from PIL import Image

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, ValidationError
from exhibit.interchange import bulk, export, importer
from exhibit.interchange.checking import RecordChecker
from exhibit.interchange.mapping import Mapping, MappingError, suggest
from exhibit.interchange.tables import read_table
from exhibit.problems import texts
from exhibit.records import ArchiveObject, Person
from tests.spreadsheets import write_csv

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


def snapshot(archive: Archive) -> tuple:
    """Everything a failed import must leave as it was."""
    db = archive.db
    return (services.stats(archive),
            db.execute("SELECT max(id) FROM history").fetchone()[0],
            db.execute("SELECT count(*) FROM search_docs").fetchone()[0],
            [tuple(r) for r in db.execute("SELECT * FROM objects ORDER BY id")])


def bad_workbook(path: Path) -> Path:
    """A ledger with a merged title, a two-row merged header and one bad row of each kind."""
    wb = Workbook()
    ws = wb.active
    ws.title = "藏品总账"
    ws["A1"] = "衡阳保卫战纪念馆藏品总账"
    ws.merge_cells("A1:G1")
    for col, name in zip("ABCDG", ["总登记号", "名称", "年代", "质地", "类别"]):
        ws[f"{col}2"] = name
        ws.merge_cells(f"{col}2:{col}3")
    ws["E2"] = "尺寸"
    ws.merge_cells("E2:F2")
    ws["E3"], ws["F3"] = "长", "宽"
    rows = {
        4: ["HY2001", "铜军号", "1944年", "铜", "30 cm", "10 cm", "武器"],
        5: ["HY2002", "水壶", "1944", "铝", "", "", "weapon"],
        6: ["HY2003", "布告", "1944年13月", "纸", "", "", "文件、宣传品"],
        7: ["HY2004", "弹壳", "1944", "铜质", "", "", "武器"],
        # row 8 stays empty
        9: ["hy2002", "水壶（另一件）", "1944", "铝", "", "", "weapon"],
        10: ["HY2005", '=A10&"号"', "1944", "纸", "", "", "archive"],
        11: ["HY2006", "家书", "1944年7月", "纸", "", "", "archive"],
    }
    for number, values in rows.items():
        for col, value in zip("ABCDEFG", values):
            ws[f"{col}{number}"] = value
    wb.save(path)
    return path


def test_dry_run_reports_each_bad_row_by_number_and_import_changes_nothing(archive: Archive,
                                                                            tmp_path: Path) -> None:
    table = read_table(bad_workbook(tmp_path / "总账.xlsx"))
    assert table.header[:5] == ["总登记号", "名称", "年代", "质地", "尺寸 长"]
    mapping = suggest(table.header, "object")
    # The merged 尺寸 over 长 and 宽: one measurement per column, composed into the dimensions text.
    assert mapping.columns["总登记号"] == "accession" and mapping.columns["尺寸 长"] == "dimension_length"
    assert mapping.columns["尺寸 宽"] == "dimension_width"
    before = snapshot(archive)

    plan = importer.plan_import(archive, table, mapping)
    by_row = {r.row: r for r in plan.rows}
    assert {n: r.action for n, r in by_row.items()} == {
        4: "create", 5: "rejected", 6: "rejected", 7: "rejected", 9: "rejected", 10: "rejected",
        11: "create"}
    assert "appears again on row(s) 9" in str(by_row[5].reasons[0])
    assert "appears again on row(s) 5" in str(by_row[9].reasons[0])
    assert "date_text: cannot read the date '1944年13月'" in str(by_row[6].reasons[0])
    assert "material '铜质' is not a term of the material vocabulary (nearest term: 铜 copper)" \
        in texts(by_row[7].reasons)
    assert "cell B10 holds the formula" in str(by_row[10].reasons[0])
    assert plan.empty_rows == [8]
    report = plan.report()
    for expected in ("row 8: empty, skipped", "cells A1:G1 are merged", "cells E2:F2 are merged",
                     "row(s) 1 above the header", "row 6 (HY2003): rejected", "row 10 (HY2005): rejected",
                     "unknown term: material '铜质'", "add \"铜质\": \"copper\""):
        assert expected in report, expected
    assert plan.counts() == {"create": 2, "update": 0, "unchanged": 0, "rejected": 5, "empty": 1}
    assert snapshot(archive) == before

    with pytest.raises(importer.ImportRejected, match="5 of 7 row"):
        importer.apply_import(archive, table, mapping)
    assert snapshot(archive) == before


def test_a_formula_with_a_saved_result_imports_that_result_with_a_warning(blank_archive: Archive,
                                                                          tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["总登记号", "名称"])
    ws.append(["HY3001", "=\"军\"&\"号\""])
    wb.save(path)
    # Excel saves the result of each formula beside it; openpyxl cannot, so write one in.
    import zipfile
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b"</f><v></v>", b"</f><v>\xe5\x86\x9b\xe5\x8f\xb7</v>") \
        .replace(b"</f></c>", b'</f><v>\xe5\x86\x9b\xe5\x8f\xb7</v></c>').replace(b't="str"', b'').replace(
            b'<c r="B2"', b'<c r="B2" t="str"')
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    table = read_table(path)
    plan = importer.plan_import(blank_archive, table, suggest(table.header))
    assert plan.rows[0].action == "create"
    assert plan.rows[0].record.name_zh == "军号"
    assert "cell B2 holds the formula" in str(plan.rows[0].warnings[0])


def test_mapping_terms_answer_an_unknown_term_and_are_saved(archive: Archive, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [["总登记号", "名称", "质地"], ["HY2101", "弹壳", "铜质"]])
    table = read_table(path)
    mapping = suggest(table.header)
    plan = importer.plan_import(archive, table, mapping)
    assert plan.unknown_terms[0].suggestion.code == "copper"
    mapping.terms = {"material": {"铜质": plan.unknown_terms[0].suggestion.code}}
    saved = mapping.save(tmp_path / "map.json")
    again = Mapping.load(saved)
    assert again == mapping
    result = importer.apply_import(archive, table, again)
    assert result.created == 1
    assert services.object_by_accession(archive, "HY2101").material == "copper"


def test_bad_mapping_files_are_named(tmp_path: Path) -> None:
    (tmp_path / "m.json").write_text('{"format": "exhibit-mapping", "record_type": "object", '
                                     '"columns": {"名称": "nickname"}}', encoding="utf-8")
    with pytest.raises(MappingError, match=r"m\.json: object records have no field for 名称 → nickname"):
        Mapping.load(tmp_path / "m.json")
    (tmp_path / "n.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(MappingError, match=r"n\.json: is not valid JSON"):
        Mapping.load(tmp_path / "n.json")


def test_headers_in_chinese_and_english_are_suggested() -> None:
    header = ["总登记号", "藏品名称", "英文名称", "年代", "质地", "完残程度", "文物级别", "来源", "入藏时间",
              "尺寸", "重量", "存放位置", "描述", "Description", "铭文", "图片", "备注"]
    columns = suggest(header).columns
    assert columns == {"总登记号": "accession", "藏品名称": "name_zh", "英文名称": "name_en",
                       "年代": "date_text", "质地": "material", "完残程度": "condition", "文物级别": "grade",
                       "来源": "acquisition", "入藏时间": "acquisition_date", "尺寸": "dimensions",
                       "重量": "weight", "存放位置": "location", "描述": "description_zh",
                       "Description": "description_en", "铭文": "inscription_zh", "图片": "media", "备注": ""}
    assert suggest(["Accession No.", "Name", "Date", "Material"]).columns == {
        "Accession No.": "accession", "Name": "name_en", "Date": "date_text", "Material": "material"}
    assert suggest(["编号", "姓名", "出生", "职务"], "person").columns == {
        "编号": "key", "姓名": "name_zh", "出生": "born", "职务": "role_zh"}


def test_reimport_updates_the_matched_records_instead_of_duplicating(archive: Archive,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "objects.csv"
    export.write_table(archive, "object", path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    rows[3][rows[0].index("name_en")] = "A corrected English name"
    rows[5][rows[0].index("accession")] = rows[5][rows[0].index("accession")].lower()  # case differs
    write_csv(path, rows)
    count = services.count(archive, "object")
    table = read_table(path)
    result = importer.apply_import(archive, table, suggest(table.header), media_root=archive.media_root)
    assert (result.created, result.updated, result.unchanged) == (0, 1, count - 1)
    assert services.count(archive, "object") == count
    changed = services.object_by_accession(archive, rows[3][rows[0].index("accession")])
    assert changed.name_en == "A corrected English name"
    assert services.history(archive, "object", changed.id, limit=1)[0].action == "update"


def test_a_record_a_colleague_saves_while_the_import_runs_is_not_overwritten(
        archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not archive.is_server:
        pytest.skip("a SQLite archive's import holds the write lock: nobody saves in between")
    target = services.list_records(archive, ArchiveObject)[0]
    path = write_csv(tmp_path / "u.csv", [["总登记号", "Name"], [target.accession, "Renamed by the import"]])
    table = read_table(path)
    planned = importer.plan_import

    def plan_then_a_colleague_saves(*args, **kwargs) -> importer.ImportPlan:
        plan = planned(*args, **kwargs)
        colleague = Archive.open(archive.location, user="colleague", media=archive.media_root)
        try:
            services.update(colleague, replace(services.get(colleague, ArchiveObject, target.saved_id),
                                               name_zh="同事刚改的名称"))
        finally:
            colleague.close()
        return plan

    monkeypatch.setattr(importer, "plan_import", plan_then_a_colleague_saves)
    with pytest.raises(ExhibitError, match=r"u\.csv row 2: .*nothing was imported"):
        importer.apply_import(archive, table, suggest(table.header))
    now = services.get(archive, ArchiveObject, target.saved_id)
    assert (now.name_zh, now.name_en) == ("同事刚改的名称", target.name_en)


def test_people_are_matched_by_name_when_there_is_no_key(blank_archive: Archive, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "p.csv", [["姓名", "英文名", "职务"], ["方先觉", "Fang Xianjue", "军长"]])
    table = read_table(path)
    importer.apply_import(blank_archive, table, suggest(table.header, "person"))
    write_csv(path, [["姓名", "英文名", "职务"], ["方先觉", "Fang Xianjue", "第十军军长"]])
    table = read_table(path)
    result = importer.apply_import(blank_archive, table, suggest(table.header, "person"))
    assert (result.created, result.updated) == (0, 1)
    people = services.list_records(blank_archive, "person")
    assert [(p.name_zh, p.role_zh) for p in people] == [("方先觉", "第十军军长")]


def test_events_find_their_place_by_key_or_name(archive: Archive, tmp_path: Path) -> None:
    place = services.list_records(archive, "place")[0]
    path = write_csv(tmp_path / "e.csv", [["key", "日期", "标题", "地点"],
                                          ["ev-new-1", "1944-07-01", "测试事件", place.name_zh],
                                          ["ev-new-2", "1944-07-02", "测试事件二", "不存在的地方"]])
    table = read_table(path)
    plan = importer.plan_import(archive, table, suggest(table.header, "event"))
    assert plan.rows[0].action == "create" and plan.rows[0].record.place_id == place.id
    assert texts(plan.rows[1].reasons) == ["place '不存在的地方' is not in the archive (import the places first)"]


def test_images_are_imported_from_inside_the_chosen_folder_only(blank_archive: Archive,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    (folder / "sub").mkdir(parents=True)
    Image.new("RGB", (64, 48), (120, 30, 30)).save(folder / "sub" / "军号.jpg")
    Image.new("RGB", (64, 48), (30, 30, 120)).save(tmp_path / "outside.jpg")
    path = write_csv(folder / "list.csv", [["总登记号", "名称", "图片"],
                                           ["HY4001", "军号", "sub/军号.jpg"],
                                           ["HY4002", "水壶", "../outside.jpg"]])
    table = read_table(path)
    plan = importer.plan_import(blank_archive, table, suggest(table.header), media_root=folder)
    assert plan.rows[0].action == "create"
    assert plan.rows[1].action == "rejected" and "outside the chosen folder" in str(plan.rows[1].reasons[0])

    write_csv(path, [["总登记号", "名称", "图片"], ["HY4001", "军号", "sub/军号.jpg"]])
    table = read_table(path)
    result = importer.apply_import(blank_archive, table, suggest(table.header), media_root=folder)
    assert result.media_imported == 1
    from exhibit import media_records
    obj = services.object_by_accession(blank_archive, "HY4001")
    assert media_records.primary_media(blank_archive, "object", obj.id).original_name == "军号.jpg"


def test_cancel_leaves_the_archive_unchanged_and_progress_is_reported(archive: Archive,
                                                                      tmp_path: Path) -> None:
    rows = [["总登记号", "名称"]] + [[f"HY5{i:04d}", f"藏品{i}"] for i in range(1200)]
    table = read_table(write_csv(tmp_path / "many.csv", rows))
    mapping = suggest(table.header)
    seen: list[tuple[int, int, str]] = []
    before = snapshot(archive)
    with pytest.raises(importer.ImportCancelled, match="nothing was changed"):
        importer.apply_import(archive, table, mapping, progress=lambda *a: seen.append(a),
                              cancelled=lambda: len(seen) >= 2)
    assert snapshot(archive) == before
    assert seen[0] == (500, 1200, "checking")
    plan = importer.plan_import(archive, table, mapping, cancelled=lambda: True)
    assert plan.cancelled and not plan.ok


def test_imported_records_are_searchable_and_pass_the_integrity_check(blank_archive: Archive,
                                                                      tmp_path: Path) -> None:
    from exhibit.integrity import check_archive

    rows = [["总登记号", "名称", "Name", "描述"],
            ["HY6001", "衡阳保卫战家书", "Family letter", "方先觉部士兵写给长沙家人的信"],
            ["HY6002", "长沙会战地图", "Map of Changsha", "1944年长衡会战形势图"]]
    table = read_table(write_csv(tmp_path / "s.csv", rows))
    importer.apply_import(blank_archive, table, suggest(table.header))
    assert search.search(blank_archive.db, "家书").hits[0].ident == "HY6001"
    assert search.search(blank_archive.db, "changsha").hits[0].ident == "HY6002"  # 长 is a polyphone
    assert search.search(blank_archive.db, "hy6002").hits[0].ident == "HY6002"
    assert check_archive(blank_archive) == []
    assert blank_archive.db.execute("SELECT count(*) FROM history WHERE action = 'create'").fetchone()[0] == 2


@pytest.mark.sqlite_only("bulk.py's index rows are SQLite's FTS5 documents")
def test_bulk_index_documents_equal_the_search_modules(archive: Archive) -> None:
    for record_type in search.INDEXED_TYPES:
        for record in services.list_records(archive, record_type):
            assert bulk.document(record.as_row()) == search.document(record), record.label()
    odd = ArchiveObject(accession="Ｈｙ１９４４.9", name_zh="长沙 重庆・行长", name_en="Ｆull width",
                        description_zh="单字衡。𠀀扩展B 々〆 한글 かな 長沙", dimensions="")
    assert bulk.document(odd.as_row()) == search.document(odd)


def test_the_bulk_checker_agrees_with_services_validate(archive: Archive) -> None:
    checker = RecordChecker.load(archive, "object")
    existing = services.list_records(archive, "object")[0]
    cases = [ArchiveObject(accession=" HY7001 ", name_zh=" 军号 ", date_text="1944年6月", material="copper"),
             ArchiveObject(accession="", name_zh="无号"),
             ArchiveObject(accession="HY7002"),
             ArchiveObject(accession="HY7003", name_zh="x", date_text="1944年13月", grade="grade9"),
             ArchiveObject(accession=existing.accession.lower(), name_zh="重号"),
             ArchiveObject(accession="HY7004", name_zh="x" * 501),
             ArchiveObject(accession="HY7005", name_zh="a\x00b"),
             existing]
    for case in cases:
        try:
            expected, problems = services.validate(archive, case), []
        except ValidationError as exc:
            expected, problems = None, exc.problems
        got, found = checker.check(ArchiveObject(**case.as_row() | {"is_sample": case.is_sample}))
        assert found == problems
        if expected is not None:
            assert got.as_row() == expected.as_row()
    people = RecordChecker.load(archive, "person")
    assert people.check(Person(name_zh="  方先觉 ", born="1905"))[0].born_start == "1905-01-01"


@pytest.mark.parametrize("record_type, rows", [
    ("object", [["总登记号", "名称", "Name", "描述", "尺寸"],
                ["HY7001", "铜军号", 'Bugle "Hengyang"', "第十军\n军号\t1944", ""],
                ["HY7002", "家书", "", "", "20 × 10 cm"]]),
    ("person", [["key", "姓名", "英文名", "职务"],
                ["", "方先觉", "Fang Xianjue", "军长"],
                ["p-zhou", "周庆祥", "", ""]]),
    ("place", [["key", "地名", "英文名", "纬度", "经度"],
               ["pl-1", "张家山", "Zhangjiashan", "26.8931", "112.5718"]]),
])
def test_bulk_history_records_each_created_record_as_services_would(blank_archive: Archive, tmp_path: Path,
                                                                    record_type: str, rows: list) -> None:
    """The 'create' entry's `after` is the record as saved (made by SQLite for most types)."""
    table = read_table(write_csv(tmp_path / f"{record_type}.csv", rows))
    importer.apply_import(blank_archive, table, suggest(table.header, record_type), parallel=False)
    records = services.list_records(blank_archive, record_type)
    assert len(records) == len(rows) - 1
    for record in records:
        (entry,) = services.history(blank_archive, record_type, record.id)
        assert entry.action == "create" and entry.before is None
        assert entry.after == record.as_row(), record.label()


@pytest.mark.sqlite_only("the worker's prepared rows are SQLite's bulk writes")
def test_index_rows_left_to_the_writer_equal_those_the_worker_makes(blank_archive: Archive, tmp_path: Path) -> None:
    """A worker behind the writer leaves a batch's index rows to it (pipeline._writer_waiting):
    made from the table rows, they are the rows made from the records."""
    from exhibit import integrity, search
    from exhibit.interchange import bulk
    from exhibit.records import ArchiveObject

    rows = [["总登记号", "名称", "Name", "描述", "材质", "制作者"],
            ["HY7201", "铜军号", "Bugle", "第十军军号，1944 年", "铜", "汉阳兵工厂 / Hanyang Arsenal (manufacturer)"],
            ["", "家书", "Letter home", "", "纸", ""],
            ["HY7203", "弹壳", "Cartridge case", "Tōjō's army", "", ""]]
    table = read_table(write_csv(tmp_path / "objects.csv", rows))
    plan = importer.plan_import(blank_archive, table, suggest(table.header, "object"))
    records = [o.planned_record for o in plan.rows if o.action == "create"]
    db = blank_archive.db.conn
    with blank_archive.transaction():
        numbering = bulk.Numbering.start(db, ArchiveObject)
        first_doc = numbering.next_doc_id
        left = numbering.prepare(records, "2026-12-06T10:00:00", "tester", encoded=True, with_index=False)
        assert left.index is None and left.index_from == first_doc
        made = search.index_rows("object", [r.as_row() for r in records], first_doc)
        assert search.index_rows("object", left.rows(), left.index_from) == made
        bulk.write(db, left)
    assert search.search(blank_archive.db, "Hanyang").hits and search.search(blank_archive.db, "tojo").hits
    assert integrity.check_archive(blank_archive) == []
