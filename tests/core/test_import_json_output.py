"""`import … --json` writes one JSON document to stdout and nothing else, so scripts can parse it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exhibit import services
from exhibit.archive import Archive
from exhibit.cli import run
from tests.spreadsheets import archive_args, write_csv

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


def _csv(tmp_path: Path, *rows: list[str]) -> Path:
    return write_csv(tmp_path / "objects.csv", [["总登记号", "名称", "质地"], *rows])


def test_dry_run_json_is_only_json_and_carries_the_mapping(blank_archive: Archive, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, ["HY2201", "弹壳", "铜"], ["HY2202", "钢盔", "铁"])
    saved = tmp_path / "map.json"
    code = run([*archive_args(blank_archive), "--no-sample", "import", str(path), "--dry-run", "--json",
                "--save-mapping", str(saved)])
    out = capsys.readouterr()
    assert code == 0
    report = json.loads(out.out)  # the whole of stdout, no column list before it
    assert report["counts"]["create"] == 2
    assert report["mapping"]["columns"]["总登记号"] == "accession"
    assert report["mapping"]["suggested"] is True and report["mapping"]["saved_to"] == str(saved)
    assert saved.exists()
    assert services.count(blank_archive, "object") == 0


def test_rejected_dry_run_json_still_parses_and_the_error_goes_to_stderr(
        blank_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, ["HY2201", "弹壳", "铜"], ["HY2201", "重复", "铜"])
    code = run([*archive_args(blank_archive), "--no-sample", "import", str(path), "--dry-run", "--json"])
    out = capsys.readouterr()
    assert code == 1
    report = json.loads(out.out)
    assert report["counts"]["rejected"] >= 1
    assert out.err.startswith("error: ") and len(out.err.strip().splitlines()) == 1


def test_an_import_with_json_reports_its_outcome_as_json(blank_archive: Archive, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    path = _csv(tmp_path, ["HY2201", "弹壳", "铜"])
    code = run([*archive_args(blank_archive), "--no-sample", "import", str(path), "--json"])
    out = capsys.readouterr()
    assert code == 0
    report = json.loads(out.out)
    assert report["imported"] is True and report["created"] == 1
    # An archive folder is backed up first; a server archive is backed up on its server (`server backup`).
    assert report["backup"] is None if blank_archive.is_server else Path(report["backup"]).exists()
    assert report["mapping"]["columns"]["名称"] == "name_zh"
    assert services.object_by_accession(blank_archive, "HY2201").name_zh == "弹壳"
    assert services.count(blank_archive, "object") == 1
