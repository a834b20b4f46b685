"""A large import checked in a worker process while the main one writes (pipeline.py):
the same records, history, index and report as the one-process import."""
from __future__ import annotations

import json

import pytest

from exhibit import cpu, search, services
from exhibit.archive import Archive
from exhibit.interchange import bulk, importer, pipeline
from exhibit.interchange.mapping import suggest
from exhibit.interchange.tables import read_table
from tests.search_words import indexed_words
from tests.spreadsheets import write_csv

OBJECTS = [["总登记号", "名称", "Name", "类别", "年代", "质地", "描述", "Description"]] + [
    [f"HY7{i:03d}", ["衡阳城砖", "步枪", "军号", "家书"][i % 4] + str(i), f"Thing {i}",
     ["武器", "weapon", "archive", ""][i % 4], ["1944年6月", "民国三十三年", "1944", ""][i % 4],
     ["铁", "paper", "", "铜"][i % 4], f"第十军守衡阳四十七天，第{i}件。" * (i % 3), f"Held for {i} days"]
    for i in range(40)]
PEOPLE = [["key", "姓名", "Name"]] + [[f"p{i}" if i % 2 else "", f"士兵{i}", f"Soldier {i}"] for i in range(20)]


def contents(archive: Archive) -> dict:
    """Every row an import writes, time stamps left out."""
    db = archive.db
    out = {}
    for table in ("objects", "people"):
        cursor = db.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cursor.description]
        out[table] = [{k: v for k, v in zip(names, row) if k not in ("created", "modified")} for row in cursor]
    out["history"] = [(who, action, rtype, rid, before,
                       {k: v for k, v in json.loads(after).items() if k not in ("created", "modified")})
                      for who, action, rtype, rid, before, after in db.execute(
                          "SELECT who, action, record_type, record_id, before, after FROM history ORDER BY id")]
    out["docs"] = db.execute("SELECT * FROM search_docs ORDER BY id").fetchall()
    out["fts"] = indexed_words(db, "search_fts")
    out["titles"] = indexed_words(db, "search_titles")
    out["types"] = db.execute("SELECT DISTINCT typeof(after) FROM history").fetchall()
    return out


def _records(result: importer.ImportResult) -> list:
    return [(r.row, r.action, r.key, r.reasons, r.warnings,
             {k: v for k, v in r.record.as_row().items() if k not in ("created", "modified")})
            for r in result.plan.rows]


@pytest.mark.parametrize("rows, record_type", [(OBJECTS, "object"), (PEOPLE, "person")])
def test_the_worker_writes_what_the_one_process_import_writes(tmp_path, monkeypatch, rows, record_type):
    monkeypatch.setattr(bulk, "BATCH", 7)  # several batches, the last one short
    table = read_table(write_csv(tmp_path / "in.csv", rows))
    mapping = suggest(table.header, record_type)
    results, written = [], []
    for parallel in (False, True):
        archive = Archive.open(tmp_path / f"parallel-{parallel}", user="tester")
        services.create(archive, services.record_class("object")(accession="HY0001", name_zh="已有"))
        results.append(importer.apply_import(archive, table, mapping, parallel=parallel))
        written.append(contents(archive))
        archive.close()
    assert written[1] == written[0]
    assert written[1]["types"] == [("text",)]
    imported = {r.record.id for r in results[1].plan.rows if r.action == "create"}
    assert {w[1] for w in written[1]["fts"] if w[0] == record_type} >= imported  # every new record has words
    assert results[1].created == results[0].created == len(rows) - 1
    assert _records(results[1]) == _records(results[0])
    assert results[1].plan.report(all_rows=True) == results[0].plan.report(all_rows=True)


def test_a_rejected_row_in_the_worker_changes_nothing_and_every_bad_row_is_reported(blank_archive, tmp_path,
                                                                                 monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 5)
    rows = OBJECTS[:12] + [["HY7001", "重复", "", "", "", "", "", ""], ["HY8000", "布告", "", "", "1944年13月",
                                                                   "", "", ""]] + OBJECTS[12:20]
    table = read_table(write_csv(tmp_path / "bad.csv", rows))
    mapping = suggest(table.header)
    dry = importer.plan_import(blank_archive, table, mapping)
    with pytest.raises(importer.ImportRejected) as caught:
        importer.apply_import(blank_archive, table, mapping, parallel=True)
    assert caught.value.plan.report(all_rows=True) == dry.report(all_rows=True)
    assert caught.value.plan.counts()["rejected"] == 3
    assert services.count(blank_archive, "object") == 0
    assert blank_archive.db.execute("SELECT count(*) FROM search_docs").fetchone()[0] == 0
    assert blank_archive.db.execute("SELECT count(*) FROM history WHERE action = 'create'").fetchone()[0] == 0


def test_cancelling_stops_the_worker_and_changes_nothing(blank_archive, tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "BATCH", 5)
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr(pipeline, "_spool_dir", lambda: str(spool))
    table = read_table(write_csv(tmp_path / "in.csv", OBJECTS))
    seen: list[tuple] = []
    with pytest.raises(importer.ImportCancelled, match="nothing was changed"):
        importer.apply_import(blank_archive, table, suggest(table.header), parallel=True,
                              progress=lambda *a: seen.append(a), cancelled=lambda: len(seen) >= 2)
    assert seen[0] == (5, 40, "writing")
    assert services.count(blank_archive, "object") == 0
    assert list(spool.iterdir()) == []  # the batches handed over are gone with the worker
    assert search.search(blank_archive.db, "步枪").hits == []


def test_the_worker_is_used_for_large_files_with_a_spare_core_never_inside_another_transaction(
        blank_archive, tmp_path, monkeypatch):
    table = read_table(write_csv(tmp_path / "in.csv", OBJECTS))
    monkeypatch.setattr(cpu, "spare_core", lambda: True)
    assert not pipeline.usable(blank_archive, table)
    assert pipeline.usable(blank_archive, table, minimum=10) == (pipeline._start_method() is not None)
    with blank_archive.transaction():
        assert not pipeline.usable(blank_archive, table, minimum=10)
    monkeypatch.setattr(cpu, "spare_core", lambda: False)
    assert not pipeline.usable(blank_archive, table, minimum=10)


def test_a_large_import_rebuilds_the_sort_indexes_and_a_failed_one_keeps_them(blank_archive, tmp_path,
                                                                            monkeypatch):
    monkeypatch.setattr(bulk, "REBUILD_INDEXES_MIN", 10)
    db = blank_archive.db

    def indexes():
        return db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'objects' "
                          "ORDER BY name").fetchall()

    before = indexes()
    assert ("objects_name_zh", "CREATE INDEX objects_name_zh ON objects(name_zh)") in before
    bad = OBJECTS + [["HY7001", "重复", "", "", "", "", "", ""]]
    for parallel in (False, True):
        table = read_table(write_csv(tmp_path / "bad.csv", bad))
        with pytest.raises(importer.ImportRejected):
            importer.apply_import(blank_archive, table, suggest(table.header), parallel=parallel)
        assert indexes() == before
    table = read_table(write_csv(tmp_path / "in.csv", OBJECTS))
    importer.apply_import(blank_archive, table, suggest(table.header), parallel=True)
    assert indexes() == before
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    plan = db.execute("EXPLAIN QUERY PLAN SELECT id FROM objects ORDER BY name_zh").fetchall()
    assert "objects_name_zh" in str(plan)


def test_batches_are_spooled_on_disk_when_shared_memory_is_small(monkeypatch) -> None:
    from exhibit.interchange import pipeline

    class Small:
        f_bavail, f_frsize = 16, 4096  # 64 KB free, as a container's /dev/shm can be

    monkeypatch.setattr(pipeline.os, "statvfs", lambda path: Small())
    assert pipeline._spool_dir() is None  # the usual temporary folder


def test_spool_folders_left_by_a_killed_import_are_swept(tmp_path):
    """A killed import cannot remove its spool folder; the next import removes those that
    have not changed for an hour, and nothing else."""
    import os
    import time

    old = tmp_path / f"{pipeline.SPOOL_PREFIX}killed"
    running = tmp_path / f"{pipeline.SPOOL_PREFIX}running"
    other = tmp_path / "someone-else"
    for folder in (old, running, other):
        folder.mkdir()
        (folder / "batch-1").write_bytes(b"x" * 100)
    long_ago = time.time() - pipeline.STALE_SPOOL_S - 60
    for folder in (old, other):
        os.utime(folder, (long_ago, long_ago))
    pipeline._sweep_stale_spools(tmp_path)
    assert not old.exists() and running.exists() and other.exists()
