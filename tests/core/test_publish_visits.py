"""Anonymous visit counts: kept apart from the snapshot, exported as CSV."""
from __future__ import annotations

import csv
from datetime import date

import pytest

from exhibit import services
from exhibit.cli import run
from exhibit.errors import ExhibitError
from exhibit.publish.snapshot import open_snapshot, publish
from exhibit.publish.visits import VisitCounter, export_csv, visits_path


def test_counts_flush_and_export_with_names(archive, tmp_path):
    publish(archive, tmp_path / "kiosk")
    obj = services.object_by_accession(archive, "HY1944.0001")
    counter = VisitCounter(visits_path(tmp_path / "kiosk"))
    for _ in range(3):
        counter.opened("object", obj.id, date(2026, 5, 1))
    counter.opened("panel", 1, date(2026, 5, 1))
    counter.opened("person", 1)  # not counted: only panels and objects
    counter.close()
    assert (tmp_path / "kiosk" / "visits.db").exists()
    snap = open_snapshot(tmp_path / "kiosk")
    try:
        rows = export_csv(tmp_path / "kiosk" / "visits.db", tmp_path / "visits.csv", snap)
    finally:
        snap.close()
    assert rows == 2
    with open(tmp_path / "visits.csv", encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    by_kind = {r["kind"]: r for r in table}
    assert by_kind["object"]["identifier"] == "HY1944.0001"
    assert by_kind["object"]["opened"] == "3" and by_kind["object"]["day"] == "2026-05-01"
    assert by_kind["panel"]["title_zh"]
    assert set(table[0]) == {"day", "kind", "record_id", "identifier", "title_zh", "title_en", "opened"}


def test_counts_add_up_across_sessions(tmp_path):
    path = tmp_path / "visits.db"
    for _ in range(2):
        counter = VisitCounter(path)
        counter.opened("panel", 5, date(2026, 1, 1))
        counter.close()
    assert VisitCounter(path).totals() == {("panel", 5): 2}


def test_export_without_counts_is_a_clear_error(tmp_path):
    with pytest.raises(ExhibitError, match="no visit counts"):
        export_csv(tmp_path / "visits.db", tmp_path / "out.csv")


def test_cli_publish_and_export(archive, tmp_path, capsys):
    root = str(archive.root)
    archive.close()
    assert run(["--archive", root, "publish"]) == 0
    assert "published" in capsys.readouterr().out
    kiosk = archive.root / "kiosk"
    counter = VisitCounter(visits_path(kiosk))
    counter.opened("object", 1)
    counter.close()
    out = tmp_path / "v.csv"
    assert run(["--archive", root, "visits-export", str(out)]) == 0
    assert "HY1944" in out.read_text(encoding="utf-8-sig")
    assert run(["--archive", root, "visits-export", str(out), "--snapshot", str(tmp_path / "none")]) == 1
