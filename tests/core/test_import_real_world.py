"""A registrar's real catalogue imports with the automatic mapping and --skip-rejected: the
museum's open-data CSV (Tate's layout) and a 可移动文物普查 ledger in GB18030 go into a
blank archive, only the rows planted as really wrong are rejected (tests/fixtures/real_world/
make.py says which), and the rest arrive with makers, medium, measurements and dates.

(The LIDO export of such an archive is validated against the LIDO schema by the export's
own tests.)
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Iterator

import pytest

from exhibit import catalogues, object_fields, services
from exhibit.archive import Archive
from exhibit.cli import run
from exhibit.dimensions import from_json
from exhibit.records import ArchiveObject
from main import PROBLEM_CATALOGUES
from tests.fixtures.real_world import make
from tests.spreadsheets import archive_args

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


def test_the_committed_fixtures_are_what_the_generator_writes() -> None:
    assert make.MUSEUM_FILE.read_bytes() == make.museum_bytes()
    assert make.LEDGER_FILE.read_bytes() == make.ledger_bytes()
    assert len(make.museum_rows()) >= 2000 and make.LEDGER_ROWS >= 200


@pytest.fixture(autouse=True)
def problem_catalogues() -> Iterator[None]:
    """The catalogues main.py gives the core: a Chinese header's reasons in Chinese, an English one's in English."""
    for lang, path in PROBLEM_CATALOGUES.items():
        catalogues.use(lang, path)
    yield
    for lang in PROBLEM_CATALOGUES:
        catalogues.forget(lang)


def import_file(archive: Archive, path: Path, rejects: Path, capsys: pytest.CaptureFixture[str]) -> dict:
    code = run([*archive_args(archive), "--no-sample", "import", str(path), "--skip-rejected",
                "--rejects", str(rejects), "--json"])
    out = capsys.readouterr().out
    assert code == 0, out
    return json.loads(out)


def read_rejects(path: Path, encoding: str) -> list[dict[str, str]]:
    with open(path, encoding=encoding, newline="") as f:
        return list(csv.DictReader(f))


def obj(archive: Archive, accession: str) -> ArchiveObject:
    return services.object_by_accession(archive, accession)


def measured(o: ArchiveObject) -> list[tuple[str, float, str, str]]:
    return [(m.dimension, m.value, m.unit, m.part) for m in from_json(o.measurements)]


def test_the_museums_open_data_imports_rejecting_only_the_wrong_rows(blank_archive: Archive, tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    rejects = tmp_path / "rejects.csv"
    report = import_file(blank_archive, make.MUSEUM_FILE, rejects, capsys)
    confidence = {h: (g["target"], g["confidence"]) for h, g in report["mapping"]["confidence"].items()}
    assert confidence["id"] == ("other_numbers", "data")
    assert confidence["accession_number"] == ("accession", "exact")
    assert confidence["artistRole"] == ("maker_role", "alias")
    assert (report["created"], report["rejected"]) == (make.MUSEUM_ROWS - 5, 5)
    assert services.count(blank_archive, "object") == make.MUSEUM_ROWS - 5

    rows = read_rejects(rejects, "utf-8")
    assert list(rows[0]) == [*make.TATE_HEADER, "reason"]      # the same columns, and why
    assert [(r["accession_number"], r["reason"]) for r in rows] == [
        ("N01201", "accession number 'N01201' appears again on row(s) 1203 of the file"),
        ("N01201", "accession number 'N01201' appears again on row(s) 1202 of the file"),
        ("A01500", "date_text: cannot read the date '1944-02-30': day 30 does not exist in February 1944 "
                   "(it has 29 days)"),
        ("A01700", "name_en is 600 characters long; the limit is 500"),
        ("", "an accession number is required")]
    assert rows[3]["title"].startswith("A very long title") and rows[4]["artist"] == "Mucha, Alfons"

    first = obj(blank_archive, "N00001")
    assert object_fields.read_makers(first.makers) == [object_fields.Maker(name_en="Gainsborough, Thomas",
                                                                           role="artist")]
    assert (first.name_en, first.medium_en, first.credit_en) == ("Still Life", "Screenprint on paper",
                                                                 "Presented by the artist 1895")
    assert (first.date_text, first.date_start, first.date_end) == ("1830s–40s", "1830-01-01", "1849-12-31")
    assert measured(first) == [("height", 486.0, "mm", "support"), ("width", 900.0, "mm", "support")]
    assert object_fields.read_other_numbers(first.other_numbers) == [object_fields.OtherNumber("1037", "source id")]
    assert len(object_fields.read_links(first.external_links)) == 2
    assert (first.acquisition_date, first.acquisition_start) == ("1895", "1895-01-01")
    # Dimensions written from width, height, depth and units where the text was missing.
    assert obj(blank_archive, "N00006").dimensions == "1092 × 880 × 356 mm"
    assert measured(obj(blank_archive, "T00022")) == [("height", 2391.0, "mm", ""), ("width", 1054.0, "mm", "")]
    # Museum dates, accented names, attributions.
    assert (obj(blank_archive, "T00012").date_start, obj(blank_archive, "T00012").date_end) == (
        "1760-01-01", "1760-12-31")                                               # ?c.1760
    unknown_date = obj(blank_archive, "N00016")
    assert unknown_date.date_text == "date not known" and unknown_date.date_start is None
    assert obj(blank_archive, "A00030").name_en == "View of Łódź"
    assert "Kupka, František" in obj(blank_archive, "A00030").makers
    assert object_fields.read_makers(obj(blank_archive, "P00023").makers)[0].name_en == "circle of Kusama, Yayoi"
    assert obj(blank_archive, "T00002").rights == "© Fāng Lìjūn, CC-BY-NC-ND"
    # Every imported row has its maker and medium; all but the unmeasured ones their measurements.
    objects = services.list_records(blank_archive, "object")
    assert all(o.makers and o.medium_en for o in objects)
    assert sum(1 for o in objects if o.measurements) == sum(1 for o in objects if o.dimensions) > 1900

    # The rejects file, corrected, imports as it is (its reason column is ignored).
    with open(rejects, encoding="utf-8", newline="") as f:
        fixed = list(csv.reader(f))
    fixed[2][1], fixed[3][6], fixed[4][5], fixed[5][1] = "N01201b", "1944-02-29", "A shorter title", "N99999"
    with open(rejects, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(fixed)
    again = import_file(blank_archive, rejects, tmp_path / "rejects-again.csv", capsys)
    assert (again["created"], again["rejected"]) == (5, 0)
    assert services.count(blank_archive, "object") == make.MUSEUM_ROWS


def test_the_survey_ledger_in_gb18030_imports_rejecting_only_the_wrong_rows(blank_archive: Archive,
                                                                            tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    rejects = tmp_path / "rejects.csv"
    report = import_file(blank_archive, make.LEDGER_FILE, rejects, capsys)
    assert report["encoding"] == "gb18030"
    columns = report["mapping"]["columns"]
    assert columns == {"总登记号": "accession", "名称": "name_zh", "类别": "category", "年代": "date_text",
                       "质地": "material", "数量": "", "尺寸": "dimensions", "质量": "weight",
                       "完残程度": "condition", "来源": "acquisition", "入藏时间": "acquisition_date",
                       "备注": "description_zh"}
    assert report["mapping"]["confidence"]["备注"]["confidence"] == "weak"
    assert (report["created"], report["rejected"]) == (make.LEDGER_ROWS - 5, 5)

    rows = read_rejects(rejects, "gb18030")
    assert list(rows[0]) == [*make.LEDGER_HEADER, "原因"]
    # Why, in Chinese, in the sentences the import wizard shows: each field by its Chinese name.
    assert [(r["总登记号"], r["原因"]) for r in rows] == [
        ("HYK.0101", "总登记号“HYK.0101”在文件第 103 行再次出现"),
        ("HYK.0101", "总登记号“HYK.0101”在文件第 102 行再次出现"),
        ("HYK.0150", "年代：无法识别日期“1944-02-30”：1944 年 2 月没有 30 日（该月只有 29 天）"),
        ("HYK.0200", "名称（中文）长 600 个字符，上限为 500 个"),
        ("", "缺少总登记号")]
    assert not any(re.search(r"[A-Za-z]{3,}", r["原因"].replace(r["总登记号"], "")) for r in rows)

    first = obj(blank_archive, "HYK.0001")
    assert (first.name_zh, first.category, first.material, first.condition, first.acquisition) == (
        "皮质子弹盒", "leather", "leather", "complete", "donation")
    assert (first.date_text, first.date_start, first.date_end) == ("约1944年6月", "1944-06-01", "1944-06-30")
    assert first.description_zh == "守军第十军官兵后人捐赠"
    binoculars = obj(blank_archive, "HYK.0002")
    assert measured(binoculars) == [("length", 18.0, "cm", ""), ("width", 12.0, "cm", ""),
                                    ("height", 6.0, "cm", ""), ("weight", 780.0, "g", "")]
    assert measured(obj(blank_archive, "HYK.0006")) == [("height", 10.5, "cm", ""), ("width", 15.0, "cm", "")]
    assert (obj(blank_archive, "HYK.0012").date_start, obj(blank_archive, "HYK.0012").date_end) == (
        "1937-01-01", "1945-12-31")                                               # 抗战时期
    assert obj(blank_archive, "HYK.0010").date_start is None                    # 年代不详: no date, no error

    # The rejects file, fixed in place (its Chinese reasons left in), imports as it is, still GB18030.
    with open(rejects, encoding="gb18030", newline="") as f:
        fixed = list(csv.reader(f))
    fixed[2][0], fixed[3][3], fixed[4][1], fixed[5][0] = "HYK.0101b", "1944-02-29", "铜军号", "HYK.9999"
    with open(rejects, "w", encoding="gb18030", newline="") as f:
        csv.writer(f).writerows(fixed)
    again = import_file(blank_archive, rejects, tmp_path / "rejects-again.csv", capsys)
    assert (again["encoding"], again["created"], again["rejected"]) == ("gb18030", 5, 0)
    assert services.count(blank_archive, "object") == make.LEDGER_ROWS
    assert obj(blank_archive, "HYK.0150").date_start == "1944-02-29"
    assert obj(blank_archive, "HYK.0101b").description_zh == fixed[2][11]   # not the reason beside it
