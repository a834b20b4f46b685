"""Verified backups of the archive database, and which of them to keep.

A backup is written with SQLite's online backup API from a connection of its
own, so it is one consistent snapshot of what was committed (a writer in
another process carries on meanwhile, WAL lets it), never a file copy of a
live database. It is written under a temporary name, checked with `PRAGMA
integrity_check`, switched to a rollback journal so it is one self-contained
file, synced, and only then given its final name: a backup that exists is a
good one.

Every copy of the database is written here, by `write_backup`: the
automatic and manual backups (`make_backup`), the one before a schema
migration (`before_migration`), a copy to a place the curator names
(`backup_to`, the `backup` command) and the database inside a bundle.

Backups live in `<archive>/backups/` as `archive-20260125T143015Z-auto.db`
(reasons: auto, import, manual, pre-restore, pre-repair; migrations write
`archive-v2-20260125T143015.db`). Media files are stored once by content hash
and never rewritten, so a database backup and the media folder restore the
whole archive.

Rotation (`rotation_keep`) is a pure function over timestamps: the newest few,
then the newest backup of each of the last N hours, days, ISO weeks and months
that have backups. Counting periods that have backups (not calendar periods)
means an archive left alone for a year still has its last backups. Only the
automatic kinds (auto, import) are ever removed.
"""
from __future__ import annotations

import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Iterable
from urllib.parse import quote

from exhibit.errors import ExhibitError
from exhibit.media_files import fsync_path

if TYPE_CHECKING:
    from exhibit.archive import Archive

BACKUP_DIR = "backups"
ROTATED_REASONS = frozenset({"auto", "import"})
REASONS = ROTATED_REASONS | {"manual", "pre-restore", "pre-repair", "migration"}
DEFAULT_INTERVAL = timedelta(hours=1)

_NAME = re.compile(r"^(?P<stem>.+?)-(?P<stamp>\d{8}T\d{6}Z)(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.db$")
_MIGRATION_NAME = re.compile(r"^(?P<stem>.+?)-v(?P<version>\d+)-(?P<stamp>\d{8}T\d{6})\.db$")
_STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(ExhibitError):
    """A backup could not be written or did not verify; the message names the file."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime      # UTC
    reason: str          # auto, import, manual, pre-restore, pre-repair, migration
    sequence: int = 0    # several backups in one second: 0, 2, 3 …

    @property
    def size(self) -> int:
        try:
            return self.path.stat().st_size
        except OSError:
            return 0

    @property
    def sort_key(self) -> tuple[datetime, int]:
        return self.taken, self.sequence

    def local_time(self) -> datetime:
        """Local time for rotation periods; the sequence keeps same-second backups apart."""
        return self.taken.astimezone() + timedelta(microseconds=self.sequence)


@dataclass(frozen=True)
class RotationPolicy:
    last: int = 10       # the newest backups, whatever their age
    hourly: int = 48
    daily: int = 7
    weekly: int = 5
    monthly: int = 12


DEFAULT_POLICY = RotationPolicy()


# ---------------------------------------------------------------- writing

class ReadOnlyStorageError(ExhibitError):
    """A database on storage we cannot write has changes in its -wal file that cannot be read."""


_SQLITE_READONLY, _SQLITE_CANTOPEN = 8, 14


def readonly_uri(path: Path, *, immutable: bool = False) -> str:
    # Quoted: a folder named with '?' or '#' would otherwise end the file name early.
    return f"file:{quote(Path(path).as_posix())}?mode=ro" + ("&immutable=1" if immutable else "")


def open_readonly(path: Path) -> tuple[sqlite3.Connection, bool]:
    """A read-only connection to the database file `path`, and whether it reads the file as
    it lies on read-only storage.

    A WAL database needs its -shm index, which SQLite makes beside the file: on a read-only
    folder or medium (a DVD, a write-protected share, chmod 0555) it cannot, and `mode=ro`
    fails with 'attempt to write a readonly database' though nothing is wrong with the file.
    Then the file is read as it is (`immutable=1`), which is exact when no -wal file holds
    committed changes; ReadOnlyStorageError when one does. Other failures are raised.
    """
    path = Path(path)
    conn = sqlite3.connect(readonly_uri(path), uri=True, isolation_level=None, check_same_thread=False)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn, False
    except sqlite3.OperationalError as exc:
        conn.close()
        if (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF not in (_SQLITE_READONLY, _SQLITE_CANTOPEN) \
                or is_writable(path):
            raise
    except BaseException:
        conn.close()
        raise
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size > 0:
        raise ReadOnlyStorageError(f"{path} is on storage this program cannot write, and its "
                                   f"{wal.name} holds changes not yet in the database file, which "
                                   f"cannot be read without write access; copy the archive folder "
                                   f"to a writable disk and open the copy")
    conn = sqlite3.connect(readonly_uri(path, immutable=True), uri=True, isolation_level=None,
                           check_same_thread=False)
    return conn, True


def is_writable(path: Path) -> bool:
    """Can this process change the file and make files beside it (-wal, -shm)?"""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def integrity_problems(path: Path, *, full: bool = True) -> list[str]:
    """integrity_check (or quick_check) of a database file, opened read-only; [] when sound."""
    try:
        conn, _ = open_readonly(Path(path))
    except ReadOnlyStorageError as exc:
        return [str(exc)]
    except sqlite3.OperationalError as exc:
        return [f"cannot be opened: {exc}"]
    except sqlite3.DatabaseError as exc:   # "file is not a database", "… malformed"
        return [str(exc)]
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = conn.execute(f"PRAGMA {pragma}(100)").fetchall()
        return [row[0] for row in rows if row[0] != "ok"]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def write_backup(source: sqlite3.Connection, dest: Path) -> Path:
    """Copy `source` to the new file `dest` with the backup API, verified; BackupError if not sound."""
    dest = Path(dest)
    if dest.exists():
        raise BackupError(f"{dest} already exists; a backup never overwrites a file")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create the backup folder {dest.parent}: {exc.strerror or exc}") from None
    tmp = dest.with_name(dest.name + ".part")
    for leftover in (tmp, Path(f"{tmp}-journal")):
        if leftover.exists():
            leftover.unlink()
    try:
        target = sqlite3.connect(tmp)
        try:
            # pages=-1: one step, so the copy is one snapshot even while others write.
            source.backup(target)
            # One self-contained file: no -wal beside it to lose when it is copied away.
            target.execute("PRAGMA journal_mode = DELETE")
        finally:
            target.close()
        problems = integrity_problems(tmp)
        if problems:
            raise BackupError(f"the backup {dest.name} did not verify ({problems[0]}); it was not kept")
        fsync_path(tmp)
        os.replace(tmp, dest)
        fsync_path(dest.parent, directory=True)
    except BackupError:
        tmp.unlink(missing_ok=True)
        raise
    except (sqlite3.Error, OSError) as exc:
        tmp.unlink(missing_ok=True)
        Path(f"{tmp}-journal").unlink(missing_ok=True)
        reason = getattr(exc, "strerror", None) or str(exc)
        raise BackupError(f"could not write the backup {dest}: {reason}") from None
    return dest


def before_migration(conn: sqlite3.Connection, db_path: Path, version: int) -> Path:
    """The backup a schema migration takes first: `<stem>-v<version>-<UTC stamp>.db` in backups/."""
    db_path = Path(db_path)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    dest = db_path.parent / BACKUP_DIR / f"{db_path.stem}-v{version}-{stamp}.db"
    dest.unlink(missing_ok=True)  # a failed upgrade retried in the same second replaces its own
    return write_backup(conn, dest)


def backup_to(archive: "Archive", dest: Path, *, with_media: bool = True) -> Path:
    """A verified copy of the archive at a place the curator names (the `backup` command).

    `dest` is a new .db file (the database alone) or a new or empty folder, which
    gets archive.db and, with `with_media`, the media files. Those are named by
    their hash and never change, so copying them while the archive is open is safe.
    """
    from exhibit.archive import DB_NAME, MEDIA_DIR  # archive.py imports this module

    dest = Path(dest)
    if dest.suffix == ".db":
        if dest.exists():
            raise ExhibitError(f"{dest} already exists; choose a new file name")
        return write_backup(archive.db.conn, dest)
    if dest.exists() and any(dest.iterdir()):
        raise ExhibitError(f"{dest} is not empty; choose a new folder")
    dest.mkdir(parents=True, exist_ok=True)
    write_backup(archive.db.conn, dest / DB_NAME)
    if with_media and archive.media_root.exists():
        target = dest / MEDIA_DIR
        for path in sorted(archive.media_root.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                out = target / path.relative_to(archive.media_root)
                out.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out)
    return dest


def backup_dir(archive: "Archive") -> Path:
    return archive.db_path.parent / BACKUP_DIR


def _name(stem: str, taken: datetime, reason: str, sequence: int) -> str:
    seq = f"-{sequence}" if sequence else ""
    return f"{stem}-{taken.strftime(_STAMP)}{seq}-{reason}.db"


def _read_connection(archive: "Archive") -> sqlite3.Connection:
    """A connection of its own: it sees only what is committed, whatever the archive's is doing."""
    conn = sqlite3.connect(f"file:{archive.db_path.as_posix()}?mode=ro", uri=True)
    conn.execute("PRAGMA busy_timeout = 5000")
    return conn


def make_backup(archive: "Archive", reason: str = "manual", *, folder: Path | None = None,
                now: datetime | None = None) -> BackupInfo:
    """Write a verified backup of what the archive has committed; returns where it went."""
    return backup_file(archive.db_path, reason, folder=folder, now=now)


def backup_file(db_path: Path, reason: str = "manual", *, folder: Path | None = None,
                now: datetime | None = None) -> BackupInfo:
    """make_backup for an archive file that is not open (`check --repair` backs up first)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    db_path = Path(db_path)
    folder = Path(folder) if folder is not None else db_path.parent / BACKUP_DIR
    taken = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    stem = db_path.stem
    sequence = 0
    while (folder / _name(stem, taken, reason, sequence)).exists() or \
            (folder / (_name(stem, taken, reason, sequence) + ".part")).exists():
        sequence = 2 if sequence == 0 else sequence + 1
    dest = folder / _name(stem, taken, reason, sequence)
    source = sqlite3.connect(readonly_uri(db_path), uri=True)
    try:
        source.execute("PRAGMA busy_timeout = 5000")
        write_backup(source, dest)
    finally:
        source.close()
    return BackupInfo(dest, taken, reason, sequence)


# ---------------------------------------------------------------- listing

def parse_name(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match and match["reason"] in REASONS:
        taken = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=timezone.utc)
        return BackupInfo(path, taken, match["reason"], int(match["n"] or 0))
    match = _MIGRATION_NAME.match(path.name)
    if match:
        taken = datetime.strptime(match["stamp"], "%Y%m%dT%H%M%S").replace(tzinfo=timezone.utc)
        return BackupInfo(path, taken, "migration")
    return None


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (files that are not named like a backup are ignored)."""
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return []
    found = [info for p in entries if p.is_file() and (info := parse_name(p)) is not None]
    return sorted(found, key=lambda b: b.sort_key, reverse=True)


def backups(archive: "Archive") -> list[BackupInfo]:
    return list_backups(backup_dir(archive))


# ---------------------------------------------------------------- rotation

def _periods(stamp: datetime) -> dict[str, tuple]:
    iso = stamp.isocalendar()
    return {"hourly": (stamp.year, stamp.month, stamp.day, stamp.hour),
            "daily": (stamp.year, stamp.month, stamp.day),
            "weekly": (iso[0], iso[1]),
            "monthly": (stamp.year, stamp.month)}


def rotation_keep(stamps: Iterable[datetime], policy: RotationPolicy = DEFAULT_POLICY) -> dict[datetime, list[str]]:
    """Which backups to keep, and why: {timestamp: ['last', 'daily', …]} for the kept ones.

    Periods are taken in the timestamps' own time zone (pass local times for a
    curator's days). Pure: the same stamps and policy always give the same answer.
    """
    ordered = sorted(set(stamps), reverse=True)
    kept: dict[datetime, list[str]] = {}
    for stamp in ordered[:max(policy.last, 0)]:
        kept.setdefault(stamp, []).append("last")
    for rule in ("hourly", "daily", "weekly", "monthly"):
        limit = getattr(policy, rule)
        seen: set[tuple] = set()
        for stamp in ordered:              # newest first: the first of a period is its newest
            period = _periods(stamp)[rule]
            if period in seen:
                continue
            if len(seen) >= limit:
                break
            seen.add(period)
            kept.setdefault(stamp, []).append(rule)
    return kept


def rotate(archive: "Archive", policy: RotationPolicy = DEFAULT_POLICY, *,
           dry_run: bool = False) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """Remove the automatic backups the policy does not keep; returns (kept, removed)."""
    found = [b for b in backups(archive) if b.reason in ROTATED_REASONS]
    local = {b.path: b.local_time() for b in found}
    keep = rotation_keep(local.values(), policy)
    kept, removed = [], []
    for info in found:
        if local[info.path] in keep:
            kept.append(info)
            continue
        if not dry_run:
            try:
                info.path.unlink()
            except OSError:
                kept.append(info)  # still there: try again next time
                continue
        removed.append(info)
    return kept, removed


def kept_because(archive: "Archive", policy: RotationPolicy = DEFAULT_POLICY) -> dict[Path, list[str]]:
    """For listing: why each backup stays (rotation rules, or 'never rotated' for manual kinds)."""
    found = backups(archive)
    rotated = [b for b in found if b.reason in ROTATED_REASONS]
    keep = rotation_keep([b.local_time() for b in rotated], policy)
    out: dict[Path, list[str]] = {}
    for info in found:
        if info.reason not in ROTATED_REASONS:
            out[info.path] = ["kept: not rotated"]
        else:
            out[info.path] = keep.get(info.local_time(), [])
    return out


# ---------------------------------------------------------------- when to back up

def change_mark(conn: sqlite3.Connection) -> int:
    """How far the archive's history has come: every write appends a history row."""
    try:
        return conn.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    except sqlite3.DatabaseError:
        return -1


def _mark_of(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    except sqlite3.Error:
        return -1
    try:
        return change_mark(conn)
    finally:
        conn.close()


def _up_to_date(archive: "Archive", newest: BackupInfo | None) -> bool:
    if newest is None:
        return False
    source = _read_connection(archive)
    try:
        current = change_mark(source)
    finally:
        source.close()
    return current >= 0 and _mark_of(newest.path) == current


def backup_if_due(archive: "Archive", *, interval: timedelta = DEFAULT_INTERVAL,
                  policy: RotationPolicy = DEFAULT_POLICY, now: datetime | None = None) -> BackupInfo | None:
    """For the app's idle timer: a backup if the newest is older than `interval` and the archive changed.

    Rotates the automatic backups after writing one. Returns the new backup or None.
    """
    if archive.readonly:
        return None  # the instance that edits the archive keeps its backups
    now = now or datetime.now(timezone.utc)
    found = backups(archive)
    newest = found[0] if found else None
    if newest is not None and now - newest.taken < interval:
        return None
    if _up_to_date(archive, newest):
        return None
    info = make_backup(archive, "auto", now=now)
    rotate(archive, policy)
    return info


def backup_before_import(archive: "Archive", *, policy: RotationPolicy = DEFAULT_POLICY) -> BackupInfo:
    """Call before an import: a verified backup of the state the import starts from.

    If the newest backup already holds exactly this state, that one is returned
    and no new file is written.
    """
    found = backups(archive)
    if found and _up_to_date(archive, found[0]):
        return found[0]
    info = make_backup(archive, "import")
    rotate(archive, policy)
    return info
