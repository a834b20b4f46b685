"""Helpers for the attacks on archive files, schemas, backups and bundles (helper A of issue #14).

`run_without_override` runs main.py like support.run_main, but as a root
without CAP_DAC_OVERRIDE: file modes then bind root too, so a folder chmod'ed
0555 really is read-only storage for the child (the tests run as root, where
chmod alone stops nothing).
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import sqlite3
from pathlib import Path

from exhibit.archive import Archive
from exhibit.keeping import backups
from tests.hostile import support


def closed_copy(archive: Archive, *, with_backup: bool = True) -> tuple[Path, Path | None]:
    """Close the fixture's archive (so the child is the only user); a verified backup
    beside it first when `with_backup`. Returns (folder, backup file)."""
    saved = backups.make_backup(archive, "manual").path if with_backup else None
    archive.close()
    return archive.root, saved


def snapshot_of(root: Path) -> tuple[dict[str, str], str]:
    """What 'nothing was written' is compared against: every file's digest, and archive.db's."""
    return support.tree(root), support.file_digest(root / "archive.db")


_EMPTY = hashlib.sha256(b"").hexdigest()


def without_reader_files(files: dict[str, str]) -> dict[str, str]:
    """support.tree() less what a read-only SQLite connection leaves beside a WAL database and
    cannot remove: the -shm index and an empty -wal (no data in either). A -wal with
    frames in it stays in the comparison."""
    return {name: digest for name, digest in files.items()
            if not name.endswith("-shm") and not (name.endswith("-wal") and digest == _EMPTY)}


def sql(db: Path, *statements: str) -> None:
    """Plant something in a database file as an attacker would, with a plain connection."""
    conn = sqlite3.connect(db)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


# ---------------------------------------------------------------- read-only storage as root

_PR_CAPBSET_DROP = 24
_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH = 1, 2


def _drop_override_and_cap(mb: int):
    cap = support._cap_memory(mb)

    def apply() -> None:
        cap()
        if os.geteuid() == 0:
            libc = ctypes.CDLL(None, use_errno=True)
            for capability in (_CAP_DAC_OVERRIDE, _CAP_DAC_READ_SEARCH):
                # Out of the bounding set: the exec'd python starts without it.
                if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                    os._exit(97)
    return apply


def run_without_override(*args: str, memory_mb: int = support.MEMORY_CAP_MB,
                         timeout: float = 120) -> support.Run:
    """support.run_main, in a child for which file permissions hold even though it is root."""
    return support.run_main(*args, memory_mb=memory_mb, timeout=timeout,
                            preexec=_drop_override_and_cap(memory_mb))
