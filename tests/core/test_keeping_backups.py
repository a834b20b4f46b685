"""Verified backups, their rotation, and the idle-timer and pre-import triggers."""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exhibit import services
from exhibit.keeping import backups
from exhibit.keeping.backups import RotationPolicy, rotation_keep
from exhibit.records import ArchiveObject

UTC = timezone.utc


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_backup_is_a_verified_self_contained_copy(archive):
    services.create(archive, ArchiveObject(accession="HY2026.0001", name_zh="新入藏的钢盔"))
    info = backups.make_backup(archive, "manual")
    assert info.path.parent == archive.root / "backups"
    assert info.reason == "manual" and backups.parse_name(info.path) == info
    # One file, no -wal beside it; it passes integrity_check; it has the new object.
    assert not Path(f"{info.path}-wal").exists()
    assert rows(info.path, "PRAGMA journal_mode") == [("delete",)]
    assert rows(info.path, "PRAGMA integrity_check") == [("ok",)]
    assert rows(info.path, "SELECT name_zh FROM objects WHERE accession = 'HY2026.0001'") == [("新入藏的钢盔",)]
    assert [b.path for b in backups.backups(archive)] == [info.path]


def test_two_backups_in_one_second_get_two_files(archive):
    now = datetime(2026, 1, 25, 14, 30, 15, tzinfo=UTC)
    first = backups.make_backup(archive, "manual", now=now)
    second = backups.make_backup(archive, "manual", now=now)
    assert first.path != second.path and first.path.exists() and second.path.exists()
    assert backups.backups(archive)[0] == second   # newest first


def test_a_backup_that_does_not_verify_is_not_kept(archive, monkeypatch):
    monkeypatch.setattr(backups, "integrity_problems", lambda path, full=True: ["page 7: btree damaged"])
    with pytest.raises(backups.BackupError, match="did not verify"):
        backups.make_backup(archive, "manual")
    assert list((archive.root / "backups").iterdir()) == []   # no .part, no half backup


def test_backup_if_due_only_when_old_enough_and_changed(archive):
    t0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    first = backups.backup_if_due(archive, now=t0)
    assert first is not None and first.reason == "auto"
    assert backups.backup_if_due(archive, now=t0 + timedelta(minutes=20)) is None   # too soon
    assert backups.backup_if_due(archive, now=t0 + timedelta(hours=3)) is None      # nothing changed
    services.create(archive, ArchiveObject(accession="HY2026.0002", name_zh="弹壳"))
    second = backups.backup_if_due(archive, now=t0 + timedelta(hours=3))
    assert second is not None
    assert rows(second.path, "SELECT count(*) FROM objects WHERE accession = 'HY2026.0002'") == [(1,)]


def test_idle_backups_are_rotated(archive):
    policy = RotationPolicy(last=2, hourly=0, daily=3, weekly=0, monthly=0)
    start = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    for day in range(8):
        services.create(archive, ArchiveObject(accession=f"HY2026.{day + 10:04d}", name_zh="弹壳"))
        assert backups.backup_if_due(archive, now=start + timedelta(days=day), policy=policy) is not None
    autos = [b for b in backups.backups(archive) if b.reason == "auto"]
    # The newest 3 days (the newest 2 are also the 'last' 2) survive; older ones were removed.
    assert [b.taken.date().day for b in autos] == [8, 7, 6]


def test_rotation_never_removes_manual_or_pre_restore_backups(archive):
    manual = backups.make_backup(archive, "manual", now=datetime(2020, 1, 1, tzinfo=UTC))
    old_auto = backups.make_backup(archive, "auto", now=datetime(2020, 1, 1, tzinfo=UTC))
    for day in range(1, 4):
        backups.make_backup(archive, "auto", now=datetime(2026, 1, day, tzinfo=UTC))
    kept, removed = backups.rotate(archive, RotationPolicy(last=1, hourly=0, daily=3, weekly=0, monthly=0))
    assert [r.path for r in removed] == [old_auto.path]
    assert manual.path.exists() and not old_auto.path.exists()


def test_backup_before_import_reuses_an_up_to_date_backup(archive):
    first = backups.backup_before_import(archive)
    assert first.reason == "import" and first.path.exists()
    assert backups.backup_before_import(archive) == first          # nothing changed since
    services.create(archive, ArchiveObject(accession="HY2026.0003", name_zh="军号"))
    second = backups.backup_before_import(archive)
    assert second != first
    assert rows(second.path, "SELECT count(*) FROM objects WHERE accession = 'HY2026.0003'") == [(1,)]


def test_existing_backup_command_now_verifies(archive, tmp_path):
    out = backups.backup_to(archive, tmp_path / "copy.db")
    assert rows(out, "PRAGMA integrity_check") == [("ok",)]


# ---------------------------------------------------------------- rotation as a pure function

def test_rotation_of_a_year_of_daily_backups():
    stamps = [datetime(2025, 1, 1, 18, 0, tzinfo=UTC) + timedelta(days=d) for d in range(365)]
    keep = rotation_keep(stamps, RotationPolicy(last=0, hourly=0, daily=7, weekly=5, monthly=12))
    kept = sorted(keep)
    # 7 newest days; newest of each of 5 ISO weeks; newest of each of 12 months.
    assert kept[-7:] == stamps[-7:]
    assert {k.date().isoformat() for k in kept if "monthly" in keep[k]} == {
        f"2025-{m:02d}-{[31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]:02d}" for m in range(1, 13)}
    assert len([k for k in kept if "weekly" in keep[k]]) == 5
    assert len(kept) <= 7 + 5 + 12


stamp_lists = st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1),
                                    timezones=st.just(UTC)), max_size=120)
policies = st.builds(RotationPolicy, last=st.integers(0, 12), hourly=st.integers(0, 50),
                     daily=st.integers(0, 10), weekly=st.integers(0, 6), monthly=st.integers(0, 14))


@settings(max_examples=150, deadline=None)
@given(stamp_lists, policies)
def test_rotation_properties(stamps, policy):
    keep = rotation_keep(stamps, policy)
    assert set(keep) <= set(stamps)
    # Bounded by the policy, and the newest backup always survives (if any rule keeps anything).
    assert len(keep) <= policy.last + policy.hourly + policy.daily + policy.weekly + policy.monthly
    if stamps and any((policy.last, policy.hourly, policy.daily, policy.weekly, policy.monthly)):
        assert max(stamps) in keep
    # Each of the newest `daily` days that have backups keeps exactly its newest backup.
    days = sorted({s.date() for s in stamps}, reverse=True)[:policy.daily]
    for day in days:
        newest = max(s for s in stamps if s.date() == day)
        assert newest in keep and "daily" in keep[newest]
    # Rotating again removes nothing more: a second pass is a no-op.
    assert set(rotation_keep(list(keep), policy)) == set(keep)
