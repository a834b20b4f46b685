"""Partial import: `import FILE --skip-rejected` brings in the good rows and writes the bad ones to a
rejects file (same columns, encoding and format, plus a reason) that imports again once fixed."""
from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from exhibit import services
from exhibit.archive import Archive
from exhibit.cli import run
from exhibit.interchange import importer, rejects
from exhibit.interchange.mapping import suggest
from exhibit.interchange.tables import read_table
from tests.spreadsheets import archive_args

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends

EN_HEADER = ["Accession number", "Name", "Material", "Description"]
EN_ROWS = [
    ["HY3001", "Bugle", "copper", "used by the defenders"],
    ["HY3002", "=HYPERLINK(\"x\")", "brassish", "a name that looks like a formula"],   # unknown material
    ["HY3003", "Letter", "paper", ""],
    ["HY3003", "Letter, copy", "paper", ""],                                         # duplicate accession
    ["HY3004", "Canteen", "aluminium", "-3 dents"],
]
ZH_HEADER = ["总登记号", "名称", "质地", "描述"]
ZH_ROWS = [
    ["HY3101", "铜军号", "铜", "守军号兵所用军号"],
    ["HY3102", "弹壳", "铜质", "张家山阵地出土"],     # 铜质 is not a material term
    ["HY3103", "家书", "纸", "守城士兵的家书"],
]


def _write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str, delimiter: str = ",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f, delimiter=delimiter).writerows([header, *rows])
    return path


def _read_csv(path: Path, encoding: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_bytes().decode(encoding), newline=""), delimiter=delimiter))


def _import(archive: Archive, path: Path, *extra: str) -> int:
    return run([*archive_args(archive), "--no-sample", "import", str(path), *extra])


def _accessions(archive: Archive) -> set[str]:
    return {r[0] for r in archive.db.execute("SELECT accession FROM objects")}


def test_utf8_csv_imports_the_good_rows_and_the_fixed_rejects_file_brings_in_the_rest(
        blank_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_csv(tmp_path / "catalogue.csv", EN_HEADER, EN_ROWS, "utf-8", delimiter=";")
    assert _import(blank_archive, source, "--skip-rejected") == 0
    out = capsys.readouterr().out
    made = tmp_path / "catalogue.rejects.csv"
    assert f"2 row(s) imported; 3 rejected row(s) written to {made}" in out
    assert _accessions(blank_archive) == {"HY3001", "HY3004"}
    assert services.object_by_accession(blank_archive, "HY3004").description_en == "-3 dents"

    raw = made.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")           # plain UTF-8 as the source, no BOM added
    table = _read_csv(made, "utf-8", delimiter=";")      # the source's delimiter
    assert table[0] == EN_HEADER + ["reason"]
    assert [r[:4] for r in table[1:]] == [
        ["HY3002", "'=HYPERLINK(\"x\")", "brassish", "a name that looks like a formula"],  # formula-safe
        EN_ROWS[2], EN_ROWS[3]]
    assert "brassish" in table[1][4] and "HY3003" in table[2][4] and "HY3003" in table[3][4]

    # The curator fixes the rejects file (the reason column left in) and imports it as it is.
    table[1][2] = "copper"
    table[3][0] = "HY3005"
    with open(made, "w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(table)
    assert _import(blank_archive, made) == 0
    assert _accessions(blank_archive) == {"HY3001", "HY3002", "HY3003", "HY3004", "HY3005"}
    assert services.object_by_accession(blank_archive, "HY3002").name_en == "=HYPERLINK(\"x\")"  # same text
    assert services.object_by_accession(blank_archive, "HY3002").description_en == EN_ROWS[1][3]  # not the reason


def test_gb18030_csv_rejects_go_to_a_gb18030_file_with_a_chinese_reason_column(
        blank_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_csv(tmp_path / "藏品.csv", ZH_HEADER, ZH_ROWS, "gb18030")
    chosen = tmp_path / "out" / "待修正.csv"
    assert _import(blank_archive, source, "--skip-rejected", "--rejects", str(chosen)) == 0
    assert f"1 rejected row(s) written to {chosen}" in capsys.readouterr().out
    assert _accessions(blank_archive) == {"HY3101", "HY3103"}
    raw = chosen.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")                              # GB18030, as the source
    table = _read_csv(chosen, "gb18030")
    assert table[0] == ZH_HEADER + ["原因"]
    assert table[1][:4] == ZH_ROWS[1] and "铜质" in table[1][4]

    # Fixed, and without its reason column this time: it imports the same way.
    fixed = [r[:4] for r in table]
    fixed[1][2] = "铜"
    _write_csv(chosen, fixed[0], fixed[1:], "gb18030")
    assert _import(blank_archive, chosen) == 0
    assert services.object_by_accession(blank_archive, "HY3102").material == "copper"


def test_xlsx_rejects_are_an_xlsx_with_the_same_columns(blank_archive: Archive, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "藏品总账"
    for row in [ZH_HEADER, *ZH_ROWS]:
        ws.append(row)
    source = tmp_path / "ledger.xlsx"
    wb.save(source)
    assert _import(blank_archive, source, "--skip-rejected") == 0
    assert _accessions(blank_archive) == {"HY3101", "HY3103"}
    made = tmp_path / "ledger.rejects.xlsx"
    sheet = load_workbook(made).active
    rows = [[c if c is not None else "" for c in r] for r in sheet.iter_rows(values_only=True)]
    assert sheet.title == "藏品总账"
    assert rows[0] == ZH_HEADER + ["原因"] and rows[1][:4] == ZH_ROWS[1] and "铜质" in rows[1][4]

    sheet.cell(row=2, column=3).value = "铜"
    fixed = tmp_path / "ledger.rejects.fixed.xlsx"
    sheet.parent.save(fixed)
    assert _import(blank_archive, fixed) == 0
    assert _accessions(blank_archive) == {"HY3101", "HY3102", "HY3103"}


def test_without_the_flag_a_rejected_row_still_stops_everything(
        blank_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_csv(tmp_path / "catalogue.csv", ZH_HEADER, ZH_ROWS, "utf-8-sig")
    assert _import(blank_archive, source) == 1
    err = capsys.readouterr().err
    assert "nothing was imported" in err and len(err.strip().splitlines()) == 1
    assert _accessions(blank_archive) == set()
    assert not (tmp_path / "catalogue.rejects.csv").exists()


def test_a_rejects_file_that_would_overwrite_the_source_is_refused(
        blank_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = _write_csv(tmp_path / "catalogue.csv", ZH_HEADER, ZH_ROWS, "utf-8-sig")
    before = source.read_bytes()
    assert _import(blank_archive, source, "--skip-rejected", "--rejects", str(source)) == 1
    assert "cannot be the file being imported" in capsys.readouterr().err
    assert source.read_bytes() == before and _accessions(blank_archive) == set()
    assert _import(blank_archive, source, "--rejects", str(tmp_path / "r.csv")) == 1
    assert "--skip-rejected" in capsys.readouterr().err


def test_utf8_bom_is_kept_and_a_rejects_file_rejected_again_keeps_one_reason_column(
        blank_archive: Archive, tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "a.csv", ZH_HEADER, ZH_ROWS, "utf-8-sig")
    table = read_table(source)
    result = importer.apply_import(blank_archive, table, suggest(table.header), rejects_to=tmp_path / "r1.csv")
    assert (result.created, result.rejected) == (2, 1)
    assert (tmp_path / "r1.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    again = read_table(tmp_path / "r1.csv")            # still 铜质: rejected again
    result = importer.apply_import(blank_archive, again, suggest(again.header), rejects_to=tmp_path / "r2.csv")
    assert (result.created, result.rejected) == (0, 1)
    assert _read_csv(tmp_path / "r2.csv", "utf-8-sig")[0] == ZH_HEADER + ["原因"]


def test_a_partial_import_with_nothing_rejected_writes_no_rejects_file(blank_archive: Archive,
                                                                       tmp_path: Path) -> None:
    source = _write_csv(tmp_path / "a.csv", ZH_HEADER, [ZH_ROWS[0], ZH_ROWS[2]], "utf-8")
    table = read_table(source)
    result = importer.apply_import(blank_archive, table, suggest(table.header),
                                   rejects_to=rejects.default_path(source))
    assert (result.created, result.rejected, result.rejects_file) == (2, 0, None)
    assert not rejects.default_path(source).exists()


@pytest.mark.sqlite_only("the worker process of a SQLite archive's import")
def test_the_parallel_import_also_skips_the_rejected_rows(blank_archive: Archive, tmp_path: Path) -> None:
    rows = [[f"HY4{n:04d}", f"藏品{n}", "铜" if n % 97 else "铜质", ""] for n in range(1, 401)]
    source = _write_csv(tmp_path / "many.csv", ZH_HEADER, rows, "utf-8")
    table = read_table(source)
    result = importer.apply_import(blank_archive, table, suggest(table.header), parallel=True,
                                   rejects_to=tmp_path / "many.rejects.csv")
    assert (result.created, result.rejected) == (396, 4)
    assert services.count(blank_archive, "object") == 396
    assert [r[0] for r in _read_csv(tmp_path / "many.rejects.csv", "utf-8")[1:]] == [
        "HY40097", "HY40194", "HY40291", "HY40388"]
