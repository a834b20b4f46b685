"""One app instance edits an archive at a time; the next one opens it read-only, or waits.

SQLite already keeps single transactions from different processes apart. This
lock is about sessions: two curator windows on one archive would each show and
save records the other is changing. It is an operating-system lock on a file
beside the database (`archive.db.lock`: flock on POSIX, LockFileEx through
msvcrt on Windows), so a holder that crashes or is killed releases it at once
and there is never a stale lock to clean up. Within one process the lock is
shared (a worker thread may open the archive again), counted, and released
when the last holder closes.
"""
from __future__ import annotations

import getpass
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

LOCK_SUFFIX = ".lock"
_INFO_OFFSET = 1   # byte 0 is the locked byte; Windows forbids reading a locked range

_mutex = threading.Lock()
_held: dict[str, list] = {}   # lock path -> [fd, count]


@dataclass(frozen=True)
class Holder:
    """Who holds the lock, as they wrote it into the lock file."""
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, since {self.since})"


@dataclass
class InstanceLock:
    path: Path
    released: bool = False

    def release(self) -> None:
        if self.released:
            return
        self.released = True
        key = _key(self.path)
        with _mutex:
            entry = _held.get(key)
            if entry is None:
                return
            entry[1] -= 1
            if entry[1] <= 0:
                del _held[key]
                _unlock(entry[0])
                os.close(entry[0])


def lock_path(db_path: Path) -> Path:
    return Path(db_path).with_name(Path(db_path).name + LOCK_SUFFIX)


def _key(path: Path) -> str:
    return os.path.normcase(os.path.realpath(path))


if sys.platform.startswith("win"):
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass


def _user(user: str | None) -> str:
    if user:
        return user
    try:
        return os.environ.get("EXHIBIT_USER") or getpass.getuser()
    except Exception:  # getuser() fails in containers without a passwd entry
        return "unknown"


def _write_info(fd: int, user: str | None) -> None:
    info = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(user),
            "since": datetime.now(timezone.utc).astimezone().isoformat(timespec="seconds")}
    data = json.dumps(info).encode()
    try:
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        os.write(fd, data)
        os.ftruncate(fd, _INFO_OFFSET + len(data))
    except OSError:
        pass  # who holds it is a courtesy; the lock itself is what counts


def acquire(db_path: Path, *, user: str | None = None, wait: float = 0.0,
            poll: float = 0.1) -> InstanceLock | None:
    """Take the lock of the archive `db_path`, waiting up to `wait` seconds.

    Returns None if another process still holds it. Raises OSError only if the
    lock file cannot be created at all (a read-only folder).
    """
    path = lock_path(db_path)
    key = _key(path)
    deadline = time.monotonic() + max(wait, 0.0)
    while True:
        with _mutex:
            entry = _held.get(key)
            if entry is not None:           # this process has it already: share it
                entry[1] += 1
                return InstanceLock(path)
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
            if _try_lock(fd):
                _held[key] = [fd, 1]
                _write_info(fd, user)
                return InstanceLock(path)
            os.close(fd)
        if time.monotonic() >= deadline:
            return None
        time.sleep(poll)


def holder(db_path: Path) -> Holder | None:
    """Who holds the archive's lock now, or None if nobody (in another process) does."""
    path = lock_path(db_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        with _mutex:
            if _key(path) in _held:
                return _read_info(fd)
            if _try_lock(fd):            # free: nobody holds it
                _unlock(fd)
                return None
        return _read_info(fd) or Holder(0, "?", "another user", "?")
    finally:
        os.close(fd)


def _read_info(fd: int) -> Holder | None:
    try:
        os.lseek(fd, _INFO_OFFSET, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode())
        return Holder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
