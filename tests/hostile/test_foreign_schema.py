"""Attacks 2 and 10: a schema this program did not make, and a damaged search index.

Before the fix a trigger planted in archive.db (AFTER UPDATE OF location … SET
description_en = description_en || OLD.location) ran inside our writes and carried
storage locations into the kiosk snapshot, survived bundle/unbundle and restore, and
`check` said the archive passed; `check` and `verify` said ok over a search index
with rows torn out of its FTS data table, and `check --reindex` failed with 'no such
table' once the FTS table was dropped. Now the schema is compared with the one the
migrations make (schema.inspect) before anything writes, and the index is checked
with FTS5's own integrity check.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exhibit import schema
from exhibit.archive import Archive, connect
from tests.hostile import support
from tests.hostile.archive_support import closed_copy, snapshot_of, sql, without_reader_files
from tests.hostile.support import assert_refused

LEAK = ("CREATE TRIGGER leak AFTER UPDATE OF location ON objects BEGIN "
        "UPDATE objects SET description_en = description_en || OLD.location WHERE id = NEW.id; END")

PLANTS = {
    "trigger": ([LEAK], ["trigger", "leak"]),
    "view": (["CREATE VIEW public_objects AS SELECT accession, location AS description_en FROM objects"],
             ["view", "public_objects"]),
    "index": (["CREATE INDEX by_place ON objects(location)"], ["index", "by_place"]),
    "virtual table": (["CREATE VIRTUAL TABLE notes USING fts5(body)"], ["virtual table", "notes"]),
    "our trigger, emptied": (["DROP TRIGGER history_no_update",
                              "CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN SELECT 1; END"],
                             ["trigger", "history_no_update", "differs"]),
    "our trigger, gone": (["DROP TRIGGER history_no_delete"], ["history_no_delete", "missing"]),
}


@pytest.mark.parametrize("plant", list(PLANTS))
@pytest.mark.parametrize("command", [["stats"], ["publish"], ["bundle", "{tmp}/b.zip"]])
def test_an_archive_with_a_foreign_schema_is_refused_before_anything_runs(archive, tmp_path, plant, command):
    root, _ = closed_copy(archive, with_backup=False)
    statements, words = PLANTS[plant]
    sql(root / "archive.db", *statements)
    before, digest = snapshot_of(root)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    assert_refused(support.run_main("--archive", str(root), *args), "refused", *words)
    assert support.tree(root) == before
    assert not (root / "kiosk").exists() and not (tmp_path / "b.zip").exists()


def test_check_and_verify_report_a_planted_trigger_and_change_nothing(archive):
    root, _ = closed_copy(archive, with_backup=False)
    sql(root / "archive.db", LEAK)
    before, _ = snapshot_of(root)
    check = support.run_main("--archive", str(root), "check")
    assert check.returncode == 1 and "passed" not in check.stdout, check.output
    assert "trigger 'leak' on objects was not made by this program" in check.stdout
    assert "writes to objects" in check.stdout            # what it does, in words
    verify = support.run_main("--archive", str(root), "verify")
    assert verify.returncode == 1 and "trigger 'leak'" in verify.stdout, verify.output
    assert "check --repair" in verify.stdout
    assert without_reader_files(support.tree(root)) == without_reader_files(before)


def test_check_repair_says_what_it_removes_then_the_archive_publishes_clean(archive):
    obj = archive.db.execute("SELECT accession, location, description_en FROM objects "
                             "WHERE location != '' LIMIT 1").fetchone()
    root, _ = closed_copy(archive, with_backup=False)
    accession, location, description = obj
    sql(root / "archive.db", LEAK, "CREATE VIEW v AS SELECT location FROM objects",
        "DROP TRIGGER history_no_delete")
    counts = support.counts(root / "archive.db")
    run = support.run_main("--archive", str(root), "check", "--repair")
    assert run.returncode == 0, run.output
    assert "removed trigger 'leak' on objects, which did: CREATE TRIGGER leak AFTER UPDATE OF location" in run.stdout
    assert "removed view 'v'" in run.stdout
    assert "put back this program's trigger 'history_no_delete'" in run.stdout
    assert "ok: the archive passed every check" in run.stdout
    assert [p.name for p in (root / "backups").glob("*-pre-repair.db")] != []   # the state before, kept
    assert support.counts(root / "archive.db") == counts                        # no record touched
    published = support.run_main("--archive", str(root), "publish")
    assert published.returncode == 0, published.output
    kiosk = sqlite3.connect(next((root / "kiosk").glob("*.db")))
    try:
        assert kiosk.execute("SELECT description_en FROM objects WHERE accession = ?",
                             [accession]).fetchone()[0] == description
        for (text,) in kiosk.execute("SELECT description_en FROM objects"):
            assert location not in text
    finally:
        kiosk.close()
    conn = sqlite3.connect(root / "archive.db")
    try:
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute("DELETE FROM history")
    finally:
        conn.close()


def test_a_trigger_planted_after_opening_cannot_survive_the_next_opening(archive):
    """A planted trigger fires only on writes, so the gate is at opening: the writer that
    opened the archive before the plant is not protected, the next one is refused."""
    sql(archive.db_path, LEAK)
    archive.close()
    with pytest.raises(schema.ForeignSchemaError, match="trigger 'leak' on objects"):
        Archive.open(archive.root)
    with pytest.raises(schema.ForeignSchemaError):
        Archive.open(archive.root, readonly=True)


def test_what_is_expected_comes_from_the_migrations_at_every_version(tmp_path):
    """No list to keep up to date: an archive made at any version, and one migrated from
    version 1, match the reference the code builds for its version."""
    for version in range(1, schema.LATEST + 1):
        db = connect(tmp_path / f"v{version}.db")
        schema.migrate(db, None, target=version)
        assert schema.inspect(db.conn) == [], version
        db.close()
    (tmp_path / "old").mkdir()
    db = connect(tmp_path / "old" / "archive.db")
    schema.migrate(db, None, target=1)
    db.close()
    migrated = Archive.open(tmp_path / "old")
    try:
        assert schema.inspect(migrated.db.conn) == []
        migrated.db.execute("ANALYZE")               # sqlite_stat1 is SQLite's own
        assert schema.unexpected_objects(migrated.db.conn) == []
    finally:
        migrated.close()


def test_extra_tables_and_columns_are_data_and_stay(archive):
    root, _ = closed_copy(archive, with_backup=False)
    sql(root / "archive.db", "CREATE TABLE curator_notes (note TEXT)",
        "ALTER TABLE objects ADD COLUMN shelf_mark TEXT")
    reopened = Archive.open(root)
    try:
        assert reopened.db.execute("SELECT count(*) FROM objects").fetchone()[0] > 0
    finally:
        reopened.close()


# ---------------------------------------------------------------- the search index (attack 10)

def _tear_fts_rows(db: Path) -> None:
    sql(db, "DELETE FROM search_fts_data WHERE rowid IN (SELECT id FROM search_fts_data WHERE id > 10 LIMIT 5)")


def test_a_torn_search_index_is_found_by_check_and_verify_and_reindex_mends_it(archive):
    root, _ = closed_copy(archive, with_backup=False)
    _tear_fts_rows(root / "archive.db")
    verify = support.run_main("--archive", str(root), "verify")
    assert verify.returncode == 1 and "search_fts is damaged" in verify.stdout, verify.output
    check = support.run_main("--archive", str(root), "check")
    assert check.returncode == 1 and "search_fts is damaged" in check.stdout, check.output
    counts = support.counts(root / "archive.db")
    mend = support.run_main("--archive", str(root), "check", "--reindex")
    assert mend.returncode == 0 and "ok: the archive passed every check" in mend.stdout, mend.output
    search = support.run_main("--archive", str(root), "search", "衡阳")
    assert search.returncode == 0 and "result(s)" in search.stdout, search.output
    after = support.counts(root / "archive.db")
    records = [t for t in counts if not t.startswith("search_")]   # the index is made again
    assert {t: after[t] for t in records} == {t: counts[t] for t in records}


def test_a_dropped_search_index_is_reported_then_made_again_from_scratch(archive):
    root, _ = closed_copy(archive, with_backup=False)
    sql(root / "archive.db", "DROP TABLE search_fts")
    check = support.run_main("--archive", str(root), "check")
    assert check.returncode == 1 and "virtual table 'search_fts' is missing" in check.stdout, check.output
    verify = support.run_main("--archive", str(root), "verify")
    assert verify.returncode == 1 and "search_fts" in verify.stdout, verify.output
    mend = support.run_main("--archive", str(root), "check", "--reindex")
    assert mend.returncode == 0 and "ok: the archive passed every check" in mend.stdout, mend.output
    search = support.run_main("--archive", str(root), "search", "衡阳", "--json")
    assert search.returncode == 0 and '"total": 0' not in search.stdout, search.output


def test_a_search_index_missing_a_shadow_table_is_made_again(archive):
    root, _ = closed_copy(archive, with_backup=False)
    sql(root / "archive.db", "DROP TABLE search_titles_config")
    mend = support.run_main("--archive", str(root), "check", "--reindex")
    assert mend.returncode == 0 and "ok: the archive passed every check" in mend.stdout, mend.output


def test_a_read_only_opening_refuses_an_index_it_cannot_mend(archive):
    root, _ = closed_copy(archive, with_backup=False)
    sql(root / "archive.db", "DROP TABLE search_fts")
    with pytest.raises(schema.ForeignSchemaError, match="check --reindex"):
        Archive.open(root, readonly=True)
