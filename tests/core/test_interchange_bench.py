"""The import/export benchmark (`python -m bench interchange`) runs end to end on a few rows
and reports what it measured."""
from __future__ import annotations

import json

from bench.__main__ import main


def test_the_benchmark_imports_exports_and_reports_each_figure(capsys) -> None:
    assert main(["interchange", "--rows", "300", "--services-sample", "20", "--repeat", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    csv_import = report["import_csv"]
    assert csv_import["created"] == 300 and report["import_xlsx"]["created"] == 300
    assert csv_import["found_by_name"] and csv_import["found_by_accession"]
    assert len(csv_import["runs_total_s"]) == 3
    assert csv_import["total_s"] == sorted(csv_import["runs_total_s"])[1]  # the median run
    assert 0 < csv_import["main_process_cpu_s"]
    assert csv_import["db_mb"] > 0  # measured once the background checkpoint has copied the WAL
    assert report["reference_sqlite_utils_insert"]["seconds"] > 0
    assert isinstance(report["csv_import_within_target"], bool)
