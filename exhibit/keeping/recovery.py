"""Restoring a backup: the current state is backed up (or, if damaged, kept aside) first.

Not to be confused with exhibit/undo_snapshots.py, which brings back deleted records.

A healthy archive is overwritten in place with SQLite's backup API, which
writes the destination inside one transaction: a crash half-way leaves the
archive as it was, and another process that has it open sees either the old
or the restored state, never a mixture. A damaged archive is not written
into: its files (archive.db and any -wal/-shm) are moved, byte for byte, into
`damaged/` and the backup becomes a new archive.db. Either way the restore is
itself recorded in the restored archive's history.

The app's window closes its archive, calls `restore()`, and opens it again.
Another process that holds the instance lock makes the restore refuse.
"""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from exhibit import schema
from exhibit.errors import ExhibitError
from exhibit.keeping import health
from exhibit.keeping import lock as instance_lock
from exhibit.keeping.backups import BACKUP_DIR, BackupInfo, integrity_problems, open_readonly, parse_name, write_backup
from exhibit.problems import Problem

DAMAGED_DIR = "damaged"
_SIDECARS = ("-wal", "-shm", "-journal")


class RestoreError(ExhibitError):
    """A backup could not be restored; the archive was left as it was."""


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    db_path: Path
    previous_state: Path | None   # the pre-restore backup, or the damaged file kept aside
    previous_was_damaged: bool

    def summary(self) -> str:
        text = f"restored {self.db_path} from {self.restored_from}"
        if self.previous_state is not None:
            what = "the damaged archive was kept aside as" if self.previous_was_damaged else \
                "the state before the restore was backed up to"
            text += f"; {what} {self.previous_state}"
        return text


def _db_path(root: Path | str) -> Path:
    from exhibit.archive import DB_NAME

    root = Path(root)
    return root if root.suffix == ".db" else root / DB_NAME


def verify_backup(path: Path) -> list[Problem]:
    """What is wrong with a backup file ([] if it can be restored)."""
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        return [Problem(None, "backup_missing", {"file": str(path)})]
    if path.stat().st_size == 0:
        return [Problem(None, "backup_empty", {"file": path.name})]
    problems = integrity_problems(path)
    if problems:
        return [Problem(None, "backup_damage", {"file": path.name, "detail": p}) for p in problems]
    try:
        conn, _ = open_readonly(path)
    except (sqlite3.DatabaseError, ExhibitError) as exc:
        return [Problem(None, "backup_damage", {"file": path.name, "detail": str(exc)})]
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        # Restored, it would be the archive: the same schema check as opening one, so
        # that a trigger planted in a backup file does not come in this way.
        differences = schema.inspect(conn) if 0 < version <= schema.LATEST else []
    except sqlite3.DatabaseError as exc:
        return [Problem(None, "backup_damage", {"file": path.name, "detail": str(exc)})]
    finally:
        conn.close()
    if version > schema.LATEST:
        return [Problem(None, "backup_newer", {"file": path.name, "version": version, "known": schema.LATEST})]
    if version == 0:
        return [Problem(None, "backup_not_an_archive", {"file": path.name})]
    refused = [p for p in differences if p.problem != "index"]
    if refused:
        return [Problem(None, "backup_schema", {"file": path.name, "detail": p.describe()}) for p in refused]
    return []


def _stamp() -> str:
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def keep_aside(db_path: Path) -> Path:
    """Move a damaged archive.db and its -wal/-shm into damaged/, untouched; returns the new db path."""
    folder = db_path.parent / DAMAGED_DIR
    folder.mkdir(exist_ok=True)
    base = f"{db_path.stem}-{_stamp()}"
    n = 1
    while (folder / f"{base}.db").exists():
        n += 1
        base = f"{db_path.stem}-{_stamp()}-{n}"
    target = folder / f"{base}.db"
    # Same folder tree, same file system: a rename, so not one byte changes.
    os.replace(db_path, target)
    for suffix in _SIDECARS:
        side = Path(f"{db_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    return target


def _copy_into_place(backup: Path, db_path: Path) -> None:
    """A new archive.db from the backup: written aside, verified, then renamed into place."""
    tmp = db_path.with_name(db_path.name + ".restoring")
    if tmp.exists():
        tmp.unlink()
    source = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    try:
        write_backup(source, tmp)
    finally:
        source.close()
    os.replace(tmp, db_path)


def _overwrite_in_place(backup: Path, db_path: Path) -> None:
    """Write the backup into the live archive.db through the backup API (one transaction)."""
    source = sqlite3.connect(f"file:{backup.as_posix()}?mode=ro", uri=True)
    target = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        target.execute("PRAGMA busy_timeout = 10000")
        source.backup(target)
        target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        target.close()
        source.close()


def _record(db_path: Path, backup: Path, previous: Path | None, damaged: bool, user: str | None) -> None:
    """The restore as a history row of the restored archive (opening it also upgrades an old backup)."""
    from exhibit.archive import Archive
    from exhibit.services import now

    archive = Archive.open(db_path, create=False, user=user)
    try:
        with archive.transaction():
            archive.db.table("history").insert({
                "at": now(), "who": archive.user, "action": "restore_backup", "record_type": "archive",
                "record_id": None,
                "before": None if previous is None else json.dumps(
                    {"kept_aside" if damaged else "backup": previous.as_posix()}, ensure_ascii=False),
                "after": json.dumps({"restored_from": backup.as_posix()}, ensure_ascii=False)})
    finally:
        archive.close()


def restore(root: Path | str, backup: Path | str, *, user: str | None = None) -> RestoreReport:
    """Restore the archive in `root` from the backup file `backup`.

    First the current state is backed up (reason 'pre-restore'), or, if the
    archive is damaged or unreadable, moved aside into damaged/. Raises
    RestoreError (nothing changed) if the backup is not sound or another app
    instance has the archive open.
    """
    db_path = _db_path(root)
    backup = Path(backup)
    problems = verify_backup(backup)
    if problems:
        raise RestoreError(f"cannot restore from {backup}: {problems[0]}. The archive was not changed.")
    if db_path.is_symlink() or (db_path.exists() and not db_path.is_file()):
        raise RestoreError(f"cannot restore into {db_path}: it is a symbolic link, folder or device, "
                           f"not an archive file. The archive was not changed.")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    taken = instance_lock.acquire(db_path, user=user)
    if taken is None:
        who = instance_lock.holder(db_path)
        raise RestoreError(f"cannot restore {db_path}: it is open in "
                           f"{who.describe() if who else 'another Exhibit'}; close it there first. "
                           f"The archive was not changed.")
    try:
        previous: Path | None = None
        was_damaged = False
        if db_path.exists():
            # An empty file is what is left of a lost archive: kept aside like a damaged one.
            damage = health.check_on_open(db_path) if db_path.stat().st_size > 0 else ["empty"]
            if damage:
                was_damaged = True
                previous = keep_aside(db_path)
            else:
                previous = _pre_restore_backup(db_path)
        if was_damaged or not db_path.exists():
            _copy_into_place(backup, db_path)
        else:
            try:
                _overwrite_in_place(backup, db_path)
            except sqlite3.Error:
                # Page sizes differ (the backup API cannot change a WAL database's page size):
                # the pre-restore backup holds the old state, so swap the files instead.
                for suffix in _SIDECARS:
                    Path(f"{db_path}{suffix}").unlink(missing_ok=True)
                _copy_into_place(backup, db_path)
        after = health.check_on_open(db_path)
        if after:
            raise RestoreError(f"the restored {db_path} did not verify ({after[0]}); "
                               f"the previous state is in {previous}")
        _record(db_path, backup, previous, was_damaged, user)
    finally:
        taken.release()
    return RestoreReport(backup, db_path, previous, was_damaged)


def _pre_restore_backup(db_path: Path) -> Path:
    folder = db_path.parent / BACKUP_DIR
    name = f"{db_path.stem}-{_stamp()}-pre-restore.db"
    n = 1
    while (folder / name).exists():
        n += 1
        name = f"{db_path.stem}-{_stamp()}-{n}-pre-restore.db"
    source = sqlite3.connect(f"file:{db_path.as_posix()}?mode=ro", uri=True)
    try:
        source.execute("PRAGMA busy_timeout = 5000")
        return write_backup(source, folder / name)
    finally:
        source.close()


def restorable(root: Path | str) -> list[BackupInfo]:
    """The backups beside the archive, newest first, for a restore dialog."""
    from exhibit.keeping.backups import list_backups

    return list_backups(_db_path(root).parent / BACKUP_DIR)


def describe(path: Path) -> str:
    info = parse_name(Path(path))
    if info is None:
        return Path(path).name
    return f"{info.taken.astimezone():%Y-%m-%d %H:%M} ({info.reason})"

