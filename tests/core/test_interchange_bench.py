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


def test_at_scale_it_reports_import_export_memory_and_search_per_query_kind(capsys) -> None:
    """`--records N` (a million for the issue's figures; a few hundred here): each figure is there."""
    assert main(["interchange", "--rows", "0", "--records", "400", "--queries", "5"]) == 0
    scale = json.loads(capsys.readouterr().out)["at_scale"]
    assert scale["records"] == 400
    assert scale["import_csv"]["created"] == 400  # every generated row imports by the automatic mapping
    assert scale["import_csv"]["seconds"] > 0 and scale["import_csv"]["process_tree_peak_rss_mb"] > 0
    for fmt in ("lido", "json", "xlsx", "csv"):
        assert scale["export"][fmt]["records"] == 400, fmt
        assert scale["export"][fmt]["peak_rss_mb"] > 0, fmt  # the child's own VmHWM
        assert isinstance(scale["export"][fmt]["within_target"], bool)
    assert set(scale["search"]) == {"zh_1char", "zh_2char", "zh_5char", "pinyin", "english", "accession"}
    assert all(kind["recall"] > 0 and kind["p95_ms"] > 0 for kind in scale["search"].values())
