"""Attacks 1 and 11, and their kin: whatever lies in archive.db's place is never taken for a new
archive nor written to; restore takes only a sound Exhibit backup; read-only storage is read.

Before the fix a zero-byte archive.db was filled with the sample collection (exit 0), an
SQLite file of another program was migrated into, a future-version archive had its header
rewritten (WAL mode) before it was refused, and `verify` called a healthy archive on
read-only storage damaged.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from exhibit import services
from exhibit.archive import Archive, StorageError
from exhibit.records import Person
from tests.hostile import support
from tests.hostile.archive_support import closed_copy, run_without_override, snapshot_of, sql
from tests.hostile.support import assert_refused


def _break(db: Path, how: str) -> None:
    data = db.read_bytes()
    if how == "empty":
        db.write_bytes(b"")
    elif how == "truncated":
        db.write_bytes(data[:4096])
    elif how == "random":
        db.write_bytes(os.urandom(64 * 1024))
    elif how == "text":
        db.write_text("id,name\n1,衡阳城砖\n" * 200, encoding="utf-8")
    for side in ("-wal", "-shm"):
        Path(f"{db}{side}").unlink(missing_ok=True)


@pytest.mark.parametrize("how", ["empty", "truncated", "random", "text"])
@pytest.mark.parametrize("command", [["stats"], ["search", "衡阳"], ["check"]])
def test_a_broken_archive_db_is_refused_naming_the_newest_good_backup(archive, how, command):
    root, saved = closed_copy(archive)
    _break(root / "archive.db", how)
    before, digest = snapshot_of(root)
    run = support.run_main("--archive", str(root), *command)
    line = assert_refused(run, "archive.db", saved.name, "restore")
    assert "sample" not in run.output.lower()
    assert support.tree(root) == before and support.file_digest(root / "archive.db") == digest, line


def test_an_empty_archive_db_is_never_filled_with_the_sample(archive):
    """The issue's exact steps: `: > A/archive.db; main.py --archive A stats`."""
    root, _ = closed_copy(archive, with_backup=False)
    (root / "archive.db").write_bytes(b"")
    run = support.run_main("--archive", str(root), "stats")
    assert_refused(run, "empty", "No good backup")
    assert (root / "archive.db").stat().st_size == 0


def test_only_a_missing_archive_becomes_a_new_one(tmp_path):
    run = support.run_main("--archive", str(tmp_path / "new"), "--no-sample", "stats")
    assert run.returncode == 0, run.output
    assert (tmp_path / "new" / "archive.db").stat().st_size > 0
    assert not [p for p in (tmp_path / "new").iterdir() if ".new-" in p.name]   # no half-made file left


def test_an_archive_db_that_is_a_folder_is_refused(tmp_path):
    (tmp_path / "a" / "archive.db").mkdir(parents=True)
    before = support.tree(tmp_path)
    assert_refused(support.run_main("--archive", str(tmp_path / "a"), "stats"), "archive.db", "folder")
    assert support.tree(tmp_path) == before


def test_an_archive_db_that_links_elsewhere_is_refused(archive, tmp_path):
    elsewhere, _ = closed_copy(archive, with_backup=False)
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "archive.db").symlink_to(elsewhere / "archive.db")
    before, digest = snapshot_of(elsewhere)
    assert_refused(support.run_main("--archive", str(tmp_path / "a"), "stats"), "symbolic link")
    assert support.tree(elsewhere) == before
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["archive.db"]


def test_an_archive_path_that_is_a_file_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not a folder", encoding="utf-8")
    assert_refused(support.run_main("--archive", str(tmp_path / "notes.txt"), "stats"), "notes.txt", "folder")
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "not a folder"


def test_an_archive_from_a_future_version_is_not_touched(archive):
    root, _ = closed_copy(archive, with_backup=False)
    # Rollback-journal mode: the old code switched it to WAL (rewriting the header) before refusing.
    sql(root / "archive.db", "PRAGMA journal_mode = DELETE", "PRAGMA user_version = 99")
    before, digest = snapshot_of(root)
    assert_refused(support.run_main("--archive", str(root), "stats"), "schema version 99", "newer")
    assert support.tree(root) == before


def test_another_programs_sqlite_file_is_not_migrated_into(tmp_path):
    (tmp_path / "a").mkdir()
    db = tmp_path / "a" / "archive.db"
    sql(db, "CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)", "INSERT INTO invoices VALUES (1, 9.5)")
    before = support.tree(tmp_path / "a")
    assert_refused(support.run_main("--archive", str(tmp_path / "a"), "stats"), "not an Exhibit archive")
    assert support.tree(tmp_path / "a") == before


# ---------------------------------------------------------------- restore

def _trigger_backup(path: Path, source: Path) -> None:
    src = sqlite3.connect(f"file:{source.as_posix()}?mode=ro", uri=True)
    dst = sqlite3.connect(path)
    src.backup(dst)
    src.close()
    dst.execute("CREATE TRIGGER leak AFTER UPDATE OF location ON objects BEGIN "
                "UPDATE objects SET description_en = description_en || OLD.location WHERE id = NEW.id; END")
    dst.commit()
    dst.close()


@pytest.mark.parametrize("kind, words", [
    ("not a database", ["not a database"]),
    ("empty", ["empty"]),
    ("foreign trigger", ["trigger", "leak"]),
    ("another program's", ["not an Exhibit archive"]),
])
def test_restore_takes_only_a_sound_exhibit_backup(archive, tmp_path, kind, words):
    root, _ = closed_copy(archive)
    bad = tmp_path / "bad-backup.db"
    if kind == "not a database":
        bad.write_bytes(b"SQLite format 3\0" + os.urandom(8192))
    elif kind == "empty":
        bad.write_bytes(b"")
    elif kind == "foreign trigger":
        _trigger_backup(bad, root / "archive.db")
    else:
        sql(bad, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    counts = support.counts(root / "archive.db")   # first: a reader leaves -wal/-shm behind
    before, digest = snapshot_of(root)
    assert_refused(support.run_main("--archive", str(root), "restore", str(bad)), "cannot restore", *words)
    assert support.tree(root) == before
    support.assert_archive_intact(root / "archive.db", digest, counts)


def test_restore_over_an_empty_archive_keeps_the_empty_file_aside(archive):
    root, saved = closed_copy(archive)
    counts = support.counts(saved)
    (root / "archive.db").write_bytes(b"")
    run = support.run_main("--archive", str(root), "restore", str(saved))
    assert run.returncode == 0, run.output
    assert [p.stat().st_size for p in (root / "damaged").glob("*.db")] == [0]
    after = support.counts(root / "archive.db")
    assert after["objects"] == counts["objects"] and after["history"] == counts["history"] + 1


# ---------------------------------------------------------------- read-only storage (attack 11)

@pytest.fixture
def readonly_root(archive):
    root, _ = closed_copy(archive, with_backup=False)
    for side in ("-wal", "-shm"):
        assert not Path(f"{root / 'archive.db'}{side}").exists()
    os.chmod(root / "archive.db", 0o444)
    os.chmod(root, 0o555)
    yield root
    os.chmod(root, 0o755)
    os.chmod(root / "archive.db", 0o644)


def test_verify_reads_an_archive_on_read_only_storage(readonly_root):
    probe = run_without_override("--archive", str(readonly_root), "backup", str(readonly_root / "x.db"))
    assert probe.returncode == 1 and not (readonly_root / "x.db").exists(), "the child could still write"
    before = support.tree(readonly_root)
    run = run_without_override("--archive", str(readonly_root), "verify")
    assert run.returncode == 0, run.output
    assert "ok:" in run.stdout and "passed integrity_check" in run.stdout and "cannot write" in run.stdout
    assert "damaged" not in run.output
    assert support.tree(readonly_root) == before


def test_a_read_only_archive_can_be_read_and_says_why_it_cannot_be_changed(readonly_root):
    # immutable=1: a plain reader (root here) would leave a -shm, and the child would use it.
    conn = sqlite3.connect(f"file:{(readonly_root / 'archive.db').as_posix()}?immutable=1", uri=True)
    objects = conn.execute("SELECT count(*) FROM objects").fetchone()[0]
    conn.close()
    before = support.tree(readonly_root)
    run = run_without_override("--archive", str(readonly_root), "stats")
    assert run.returncode == 0, run.output
    assert run.stdout.splitlines()[0].split() == ["object", f"{objects:,}"], run.stdout
    run = run_without_override("--archive", str(readonly_root), "search", "衡阳")
    assert run.returncode == 0 and "result(s)" in run.stdout, run.output
    assert support.tree(readonly_root) == before


# ---------------------------------------------------------------- a folder that vanishes

def test_an_archive_whose_folder_vanishes_saves_nothing_into_the_void(archive, tmp_path):
    """Deleting (or moving) the folder of an open archive: SQLite would keep writing into the
    unlinked file, and every later edit would look saved and be lost."""
    moved = tmp_path / "moved"
    os.rename(archive.root, moved)
    with pytest.raises(StorageError, match="no longer the archive that was opened"):
        services.create(archive, Person(key="ghost", name_zh="幽灵", name_en="Ghost"))
    archive.close()
    reopened = Archive.open(moved)   # where it now is: sound, and without the edit
    try:
        assert reopened.db.execute("SELECT count(*) FROM people WHERE key = 'ghost'").fetchone()[0] == 0
        services.create(reopened, Person(key="ghost", name_zh="幽灵", name_en="Ghost"))
    finally:
        reopened.close()
