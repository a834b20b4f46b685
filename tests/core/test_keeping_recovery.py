"""The damaged-archive path and restoring backups, headless and through main.py."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.keeping import backups, health, recovery
from exhibit.keeping.health import DamagedArchiveError
from exhibit.records import ArchiveObject

ROOT = Path(__file__).resolve().parents[2]


def damage(db_path: Path) -> None:
    """Overwrite the objects table's root page with garbage, as a failing disk would."""
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'objects'").fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(db_path, "r+b") as f:
        f.seek((page - 1) * size)
        f.write(b"\x0d\xff\xff\xff" * (size // 4))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(archive), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT)


def test_full_check_of_the_sample_is_clean(archive):
    assert health.full_check(archive) == []
    assert health.verify_file(archive.db_path) == []


def test_curators_archive_runs_with_synchronous_full(archive):
    assert archive.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_damaged_archive_is_refused_for_writing_and_left_untouched(archive):
    root, db_path = archive.root, archive.db_path
    good = backups.make_backup(archive, "manual")
    archive.close()
    damage(db_path)
    before = digest(db_path)
    with pytest.raises(DamagedArchiveError) as caught:
        Archive.open(root)
    err = caught.value
    assert err.backup is not None and err.backup.path == good.path
    assert str(good.path) in str(err) and "not opened for writing" in str(err)
    assert digest(db_path) == before
    assert not Path(f"{db_path}-wal").exists()   # not even switched to WAL mode


def test_damaged_archive_without_backups_says_so(archive):
    root, db_path = archive.root, archive.db_path
    archive.close()
    damage(db_path)
    with pytest.raises(DamagedArchiveError, match="No good backup"):
        Archive.open(root)


def test_damaged_backups_are_skipped_when_offering_one(archive):
    good = backups.make_backup(archive, "manual")
    newer = backups.make_backup(archive, "auto")
    archive.close()
    newer.path.write_bytes(newer.path.read_bytes()[:4096] + b"\0" * 100)   # cut short
    assert health.newest_good_backup(archive.db_path).path == good.path


def test_restore_backs_up_the_current_state_first(archive):
    root = archive.root
    saved = backups.make_backup(archive, "manual")
    later = services.create(archive, ArchiveObject(accession="HY2026.0100", name_zh="后来的记录"))
    archive.close()

    report = recovery.restore(root, saved.path, user="tester")
    assert not report.previous_was_damaged and report.previous_state.exists()
    restored = Archive.open(root, user="tester")
    assert services.find(restored, "object", "HY2026.0100") is None
    entry = services.history(restored, "archive", limit=1)[0]
    assert entry.action == "restore_backup" and entry.after == {"restored_from": saved.path.as_posix()}
    restored.close()
    # The state before the restore is itself a restorable backup holding the later record.
    recovery.restore(root, report.previous_state, user="tester")
    again = Archive.open(root, user="tester")
    assert services.find(again, "object", "HY2026.0100").id == later.id
    assert health.full_check(again) == []
    again.close()


def test_restore_of_a_damaged_archive_keeps_it_aside(archive):
    root, db_path = archive.root, archive.db_path
    count = services.count(archive, "object")
    saved = backups.make_backup(archive, "manual")
    archive.close()
    damage(db_path)
    before = digest(db_path)

    report = recovery.restore(root, saved.path)
    assert report.previous_was_damaged
    assert report.previous_state.parent == root / "damaged" and digest(report.previous_state) == before
    restored = Archive.open(root)
    assert services.count(restored, "object") == count
    assert health.full_check(restored) == []
    restored.close()


def test_restore_refuses_a_bad_backup_and_changes_nothing(archive, tmp_path):
    root, db_path = archive.root, archive.db_path
    archive.close()
    before = digest(db_path)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 500)
    with pytest.raises(recovery.RestoreError, match="junk.db"):
        recovery.restore(root, junk)
    with pytest.raises(recovery.RestoreError, match="does not exist"):
        recovery.restore(root, tmp_path / "missing.db")
    other = sqlite3.connect(tmp_path / "other.db")
    other.execute("CREATE TABLE t (x)")
    other.close()
    with pytest.raises(recovery.RestoreError, match="not an Exhibit archive"):
        recovery.restore(root, tmp_path / "other.db")
    assert digest(db_path) == before and not (root / "backups").exists()


def test_migration_backups_are_listed_and_restorable(tmp_path):
    from exhibit import schema
    from exhibit.archive import connect

    root = tmp_path / "old"
    root.mkdir()
    db = connect(root / "archive.db")
    schema.migrate(db, root / "archive.db", target=1)
    db.execute("INSERT INTO objects (accession, name_zh) VALUES ('HY1944.0100', '衡阳城砖')")
    db.close()
    Archive.open(root).close()                       # upgrades, after a migration backup
    found = recovery.restorable(root)
    assert [b.reason for b in found] == ["migration"]
    recovery.restore(root, found[0].path)            # restoring a v1 backup upgrades it again
    archive = Archive.open(root)
    assert services.object_by_accession(archive, "HY1944.0100").name_zh == "衡阳城砖"
    archive.close()


def test_headless_verify_and_restore_of_a_damaged_archive(archive):
    root, db_path = archive.root, archive.db_path
    saved = backups.make_backup(archive, "manual")
    archive.close()
    damage(db_path)

    refused = run("stats", archive=root)
    assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) == 1
    assert "damaged" in refused.stderr and saved.path.name in refused.stderr

    verify = run("verify", "--backups", archive=root)
    assert verify.returncode == 1 and f"main.py restore {saved.path}" in verify.stdout

    out = run("restore", str(saved.path), archive=root)
    assert out.returncode == 0, out.stderr
    assert "damaged archive was kept aside" in out.stdout
    assert run("verify", archive=root).returncode == 0
    assert run("check", archive=root).returncode == 0


def test_backups_command_lists_takes_and_prunes(archive):
    root = archive.root
    archive.close()
    out = run("backups", "--take", archive=root)
    assert out.returncode == 0, out.stderr
    assert "backup written and verified" in out.stdout and "1 backup(s)" in out.stdout
    assert "manual" in out.stdout and "kept: not rotated" in out.stdout
    pruned = run("backups", "--prune", archive=root)
    assert "0 automatic backup(s) removed" in pruned.stdout


def test_restore_is_refused_while_another_instance_has_the_archive(archive):
    root = archive.root
    saved = backups.make_backup(archive, "manual")
    archive.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from exhibit.archive import Archive; "
         f"a = Archive.open({str(root)!r}, lock=True, user='葛先才'); print('held', flush=True); sys.stdin.read()"],
        cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(recovery.RestoreError, match="葛先才"):
            recovery.restore(root, saved.path)
    finally:
        holder.stdin.close()
        holder.wait(timeout=60)
    recovery.restore(root, saved.path)                # free now


def test_restore_errors_are_exhibit_errors():
    assert issubclass(recovery.RestoreError, ExhibitError)
    assert issubclass(DamagedArchiveError, ExhibitError)
