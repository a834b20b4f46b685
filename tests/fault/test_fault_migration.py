"""An upgrade that fails half-way leaves the previous schema and data exactly as they were.

Three ways to fail: a migration step that raises after changing schema and
data, the process killed (SIGKILL) in the middle of a step, and the disk
running out. In each case the archive is byte-for-byte the same database at
the old version afterwards, and a later, working upgrade succeeds.
"""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from fault_support import Lines, child_env, python

from exhibit import schema, services
from exhibit.archive import Archive, MigrationError, connect
from exhibit.errors import ExhibitError
from exhibit.keeping import backups


def make_v1(root: Path) -> Path:
    root.mkdir(parents=True)
    db = connect(root / "archive.db")
    schema.migrate(db, root / "archive.db", target=1)
    for n in range(30):
        db.execute("INSERT INTO objects (accession, name_zh, name_en) VALUES (?, ?, ?)",
                   [f"HY1944.{n:04d}", f"衡阳城砖 {n}", f"City wall brick {n}"])
    db.execute("INSERT INTO people (key, name_zh, name_en) VALUES ('fang-xianjue', '方先觉', 'Fang Xianjue')")
    db.close()
    return root / "archive.db"


def dump(db_path: Path) -> tuple:
    """Schema, version and every row: what 'intact' means."""
    conn = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return (conn.execute("PRAGMA user_version").fetchone()[0],
                conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall(),
                {t: conn.execute(f"SELECT * FROM \"{t}\" ORDER BY rowid").fetchall() for t in tables})
    finally:
        conn.close()


def broken_step(db) -> None:
    db.conn.execute("CREATE INDEX half_done ON objects(name_en)")
    db.conn.execute("UPDATE objects SET name_zh = '被改坏了'")
    db.conn.execute("DELETE FROM people")
    raise RuntimeError("migration step 3 failed half-way")


def test_failing_step_leaves_previous_version_intact(tmp_path, monkeypatch):
    db_path = make_v1(tmp_path / "old")
    before = dump(db_path)
    assert before[0] == 1
    monkeypatch.setattr(schema, "MIGRATIONS", [schema.MIGRATIONS[0], schema.MIGRATIONS[1], broken_step])
    with pytest.raises(MigrationError) as caught:
        Archive.open(db_path.parent)
    message = str(caught.value)
    assert isinstance(caught.value, ExhibitError)
    assert f"from schema version 1 to {schema.LATEST} failed" in message
    assert "left as it was, at version 1" in message
    assert "half-way" in message
    # Version 2 (a whole step that succeeded) was rolled back with the failed step 3.
    assert dump(db_path) == before
    migration_backups = [b for b in backups.list_backups(db_path.parent / "backups") if b.reason == "migration"]
    assert migration_backups and dump(migration_backups[0].path)[2] == before[2]
    monkeypatch.undo()
    archive = Archive.open(db_path.parent)
    assert schema.version(archive.db) == schema.LATEST
    assert services.object_by_accession(archive, "HY1944.0007").name_zh == "衡阳城砖 7"
    archive.close()


KILLED_MIGRATION = """
import sys, time
from exhibit import schema
from exhibit.archive import Archive

def slow_step(db):
    db.conn.execute("CREATE TABLE half_done (x)")
    db.conn.execute("UPDATE objects SET name_zh = '被改坏了'")
    db.conn.execute("INSERT INTO half_done SELECT id FROM objects")
    print("HALF", flush=True)
    time.sleep(600)

schema.MIGRATIONS = [schema.MIGRATIONS[0], schema.MIGRATIONS[1], slow_step]
schema.LATEST = 3
Archive.open(sys.argv[1])
"""


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_killed_during_migration_leaves_previous_version_intact(tmp_path):
    db_path = make_v1(tmp_path / "old")
    before = dump(db_path)
    child = subprocess.Popen([sys.executable, "-c", KILLED_MIGRATION, str(db_path.parent)],
                             stdout=subprocess.PIPE, text=True, env=child_env())
    try:
        assert Lines(child.stdout).next() == "HALF"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    assert dump(db_path) == before
    archive = Archive.open(db_path.parent)
    assert schema.version(archive.db) == schema.LATEST
    assert services.find(archive, "person", "fang-xianjue").name_zh == "方先觉"
    archive.close()


DISK_FULL_MIGRATION = """
import os, resource, signal, sys
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[2]), resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
try:
    Archive.open(sys.argv[1])
except ExhibitError as exc:
    print(f"{type(exc).__name__}: {exc}")
print("files:", sorted(os.listdir(os.path.join(sys.argv[1], "backups"))))
"""


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
@pytest.mark.parametrize("fails", ["backup", "upgrade"])
def test_disk_full_during_migration_leaves_previous_version_intact(tmp_path, fails):
    db_path = make_v1(tmp_path / "old")
    # A bigger archive, so the search index built by the upgrade needs more room than the limit.
    conn = sqlite3.connect(db_path)
    # Many different characters: the index keeps no copy of the text, only its words.
    conn.executemany("UPDATE objects SET description_zh = ? WHERE id = ?",
                     [("".join(chr(0x4E00 + (n * 3001 + i * 7) % 20000) for i in range(4000)), n)
                      for n in range(1, 31)])
    conn.commit()
    conn.close()
    before = dump(db_path)
    # 40 KB: room for the WAL index (-shm) but not the pre-upgrade backup. Database size
    # + 64 KB: the backup is written, the search index the upgrade builds is not.
    limit = 40 * 1024 if fails == "backup" else db_path.stat().st_size + 64 * 1024
    out = python("-c", DISK_FULL_MIGRATION, str(db_path.parent), str(limit))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("MigrationError: upgrading"), out.stdout
    assert "left as it was, at version 1" in out.stdout
    assert ("could not write the backup" in out.stdout) == (fails == "backup")
    assert dump(db_path) == before
    archive = Archive.open(db_path.parent)        # with room again, the upgrade succeeds
    assert schema.version(archive.db) == schema.LATEST
    archive.close()
