"""`python -m bench startup` starts the window in child processes and reports each phase.

No figure is asserted (the benchmark prints them); what is checked is what a
run must show: every phase, the sample's rows on screen, and that none of the
libraries the first paint does not need (printing, spreadsheets, XML, the
pinyin tables loaded after the first frame) was loaded before it.
"""
from __future__ import annotations

import json

from bench import startup


def test_startup_bench_reports_each_phase_and_loads_nothing_heavy(tmp_path, capsys):
    assert startup.main(["--runs", "1", "--lang", "en", "--dir", str(tmp_path)]) == 0
    report = json.loads(capsys.readouterr().out)
    en = report["en"]
    assert set(en["median"]["phases_ms"]) == set(startup.PHASES)
    assert all(value > 0 for value in en["median"]["phases_ms"].values())
    assert en["median"]["total_ms"] >= sum(en["median"]["phases_ms"].values()) * 0.9
    assert en["rows_shown"] > 0  # the sample's objects, built by the first run
    assert not {"reportlab", "openpyxl", "lxml", "pypinyin", "PySide6.QtQml"} & set(
        en["heavy_modules_at_first_paint"])
    assert isinstance(en["median"]["meets_target"], bool) and report["target_ms"] == 1000.0
