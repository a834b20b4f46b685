"""A CSV too large to hold is imported streamed (tables.STREAM_BYTES; a million rows) and
must give exactly what the whole-table import gives: the same records, the same rejected
rows, nothing half-written. Here the threshold is lowered so that small files stream."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from exhibit import integrity, search, services
from exhibit.archive import Archive
from exhibit.cli import run
from exhibit.errors import ExhibitError
from exhibit.interchange import importer, mapping, pipeline, tables
from tests.fixtures.real_world import make
from tests.spreadsheets import archive_args

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends

BOOKKEEPING = {"id", "created", "modified", "version"}   # version: a server archive's own


def objects(archive: Archive) -> set[tuple]:
    cursor = archive.db.execute("SELECT * FROM objects")
    names = [d[0] for d in cursor.description]
    return {tuple(v for k, v in zip(names, row) if k not in BOOKKEEPING) for row in cursor.fetchall()}


def cli_import(archive: Archive, path: Path, *extra: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict]:
    code = run([*archive_args(archive), "--no-sample", "import", str(path), "--json", *extra])
    out = capsys.readouterr().out
    return code, json.loads(out)


def rejected_rows(path: Path, encoding: str) -> list[list[str]]:
    """The rejects file's rows without the reason column (its wording may differ)."""
    with open(path, encoding=encoding, newline="") as f:
        return [row[:-1] for row in csv.reader(f)]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(rows)
    return path


HEADER = ["总登记号", "名称", "Name", "年代"]


def catalogue(n: int) -> list[list[str]]:
    return [[f"ST{i:05d}", f"弹壳{i}", f"Cartridge case {i}", "1944年6月"] for i in range(n)]


@pytest.mark.parametrize("source, encoding", [(make.MUSEUM_FILE, "utf-8-sig"), (make.LEDGER_FILE, "gb18030")])
def test_a_streamed_import_gives_what_the_whole_table_import_gives(
        blank_archive: Archive, source: Path, encoding: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The whole table into a SQLite archive, the streamed one into `blank_archive` (SQLite's, or
    a server archive's: then also the same records on either kind of archive)."""
    whole, streamed = Archive.open(tmp_path / "whole"), blank_archive
    whole.close()
    code, held = cli_import(whole, source, "--skip-rejected", "--rejects", str(tmp_path / "whole.csv"),
                            capsys=capsys)
    assert code == 0
    monkeypatch.setattr(tables, "STREAM_BYTES", 0)
    monkeypatch.setattr(tables, "SAMPLE_ROWS", 200)  # the ledger has 300 rows
    code, read_again = cli_import(streamed, source, "--skip-rejected", "--rejects", str(tmp_path / "streamed.csv"),
                                  capsys=capsys)
    assert code == 0
    assert read_again["rows_listed"] != "all"  # it really was streamed
    for key in ("created", "updated", "unchanged", "rejected"):
        assert read_again[key] == held[key]
    assert read_again["counts"] == held["counts"]
    assert rejected_rows(tmp_path / "streamed.csv", encoding) == rejected_rows(tmp_path / "whole.csv", encoding)
    a = Archive.open(tmp_path / "whole")
    try:
        assert objects(a) == objects(streamed) and len(objects(streamed)) == held["created"]
        assert integrity.check_archive(streamed) == []
    finally:
        a.close()


def test_a_streamed_table_holds_only_its_first_rows_and_reads_them_all_again(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "big.csv", HEADER, catalogue(tables.SAMPLE_ROWS + 500))
    table = tables.read_table(path, stream_over=0)
    held = tables.read_table(path)
    assert table.streamed and not held.streamed
    assert len(table.rows) == tables.SAMPLE_ROWS
    assert [(r.number, r.cells) for r in table.each_row()] == [(r.number, r.cells) for r in held.rows]
    # Under the threshold nothing changes.
    assert not tables.read_table(path, stream_over=path.stat().st_size).streamed


def test_a_key_repeated_a_thousand_rows_later_rejects_both_rows_and_writes_neither(
        blank_archive: Archive, tmp_path: Path) -> None:
    rows = catalogue(3000)
    rows[2500][0] = rows[100][0]          # row 2502 repeats row 102, several batches later
    rows[2800][0] = rows[100][0].lower()  # and again, in another case
    rows[12][0] = rows[10][0]             # within the first batch
    path = write_csv(tmp_path / "dups.csv", HEADER, rows)
    table = tables.read_table(path, stream_over=0)
    chosen = mapping.suggest_for(table, "object")
    # A SQLite archive's streamed import has a worker, a server archive's none (services write it).
    assert pipeline.usable(blank_archive, table) != blank_archive.is_server
    result = importer.apply_import(blank_archive, table, chosen, rejects_to=tmp_path / "rejects.csv")
    assert (result.created, result.rejected) == (2995, 5)
    assert sorted(r.row for r in result.plan.rejected) == [12, 14, 102, 2502, 2802]
    first = next(r for r in result.plan.rejected if r.row == 102)
    assert "2502" in first.describe()
    for accession in (rows[100][0], rows[10][0]):
        assert services.find(blank_archive, "object", accession) is None
        assert not search.search(blank_archive.db, accession).hits
    assert search.search(blank_archive.db, rows[101][0]).hits
    assert integrity.check_archive(blank_archive) == []
    with open(tmp_path / "rejects.csv", encoding="utf-8", newline="") as f:
        assert [r[0] for r in list(csv.reader(f))[1:]] == [rows[10][0], rows[10][0], rows[100][0],
                                                           rows[100][0], rows[100][0].lower()]


def test_all_or_nothing_streamed_refuses_every_row_and_names_both_duplicates(
        blank_archive: Archive, tmp_path: Path) -> None:
    rows = catalogue(3000)
    rows[2500][0] = rows[100][0]
    path = write_csv(tmp_path / "dups.csv", HEADER, rows)
    table = tables.read_table(path, stream_over=0)
    with pytest.raises(importer.ImportRejected) as caught:
        importer.apply_import(blank_archive, table, mapping.suggest_for(table, "object"))
    assert sorted(r.row for r in caught.value.plan.rejected) == [102, 2502]
    assert "2 of 3000 row(s)" in str(caught.value)
    assert blank_archive.db.execute("SELECT count(*) FROM objects").fetchone()[0] == 0


def test_the_dry_run_of_a_streamed_table_counts_every_row(blank_archive: Archive, tmp_path: Path) -> None:
    rows = catalogue(2600)
    rows[2000][3] = "1944年13月"
    path = write_csv(tmp_path / "plan.csv", HEADER, rows)
    table = tables.read_table(path, stream_over=0)
    plan = importer.plan_import(blank_archive, table, mapping.suggest_for(table, "object"))
    assert plan.counts()["create"] == 2599 and plan.counts()["rejected"] == 1
    assert plan.row_count == 2600
    assert [r.row for r in plan.rows] == [2002]  # only the row worth reporting is kept
    assert blank_archive.db.execute("SELECT count(*) FROM objects").fetchone()[0] == 0


def test_a_bad_row_deep_in_a_streamed_file_stops_the_import_and_keeps_the_archive(
        archive: Archive, tmp_path: Path) -> None:
    before = objects(archive)
    rows = catalogue(2600)
    rows[2400][1] = "长" * 40_000  # over a spreadsheet cell's limit, far past the sample
    path = write_csv(tmp_path / "long.csv", HEADER, rows)
    table = tables.read_table(path, stream_over=0)
    with pytest.raises(tables.TableError, match="row 2,402 has a cell"):
        importer.apply_import(archive, table, mapping.suggest_for(table, "object"))
    assert objects(archive) == before


def test_a_file_changed_under_a_streamed_import_is_refused_and_nothing_is_written(
        archive: Archive, tmp_path: Path) -> None:
    before = objects(archive)
    path = write_csv(tmp_path / "moving.csv", HEADER, catalogue(2600))
    table = tables.read_table(path, stream_over=0)
    write_csv(path, ["accession", "title"], [["X1", "x"]] * 2600)
    with pytest.raises(tables.TableError, match="changed"):
        importer.apply_import(archive, table, mapping.suggest_for(table, "object"))
    assert objects(archive) == before


def test_a_file_changed_between_the_plan_and_the_writing_imports_nothing(
        blank_archive: Archive, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if not blank_archive.is_server:
        pytest.skip("a SQLite archive's streamed import reads its file once")
    path = write_csv(tmp_path / "moving.csv", HEADER, catalogue(2600))
    table = tables.read_table(path, stream_over=0)
    planned = importer.plan_import

    def plan_then_the_file_changes(*args, **kwargs) -> importer.ImportPlan:
        plan = planned(*args, **kwargs)
        rows = catalogue(2600)
        rows[2300][1] = "另一件"   # the same header and keys; another name far past the sample
        write_csv(path, HEADER, rows)
        return plan

    monkeypatch.setattr(importer, "plan_import", plan_then_the_file_changes)
    with pytest.raises(ExhibitError, match="moving.csv: the file changed during the import; nothing was imported"):
        importer.apply_import(blank_archive, table, mapping.suggest_for(table, "object"))
    assert objects(blank_archive) == set()


def test_a_streamed_import_links_each_rows_images_to_its_own_record(blank_archive: Archive, tmp_path: Path) -> None:
    from PIL import Image

    from exhibit import media_records, services

    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (64, 48), (120, 30, 30)).save(folder / "军号.jpg")
    Image.new("RGB", (64, 48), (30, 30, 120)).save(folder / "水壶.jpg")
    rows = [row + [""] for row in catalogue(2600)]
    rows[5][4], rows[2400][4] = "军号.jpg", "水壶.jpg"  # in the first batch and far past the sample
    path = write_csv(folder / "list.csv", HEADER + ["图片"], rows)
    table = tables.read_table(path, stream_over=0)
    result = importer.apply_import(blank_archive, table, mapping.suggest_for(table, "object"), media_root=folder)
    assert (result.created, result.media_imported) == (2600, 2)
    for accession, name in ((rows[5][0], "军号.jpg"), (rows[2400][0], "水壶.jpg")):
        record = services.object_by_accession(blank_archive, accession)
        assert media_records.primary_media(blank_archive, "object", record.id).original_name == name
