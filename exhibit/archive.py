"""Opening an archive: the folder with archive.db and media/, and its connection.

Every connection runs in WAL mode with foreign keys on and a busy timeout.
Writes go through `Archive.transaction()`, one per user action.
"""
from __future__ import annotations

import getpass
import os
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from sqlite_utils import Database

from exhibit import schema
from exhibit.errors import ExhibitError

DB_NAME = "archive.db"
MEDIA_DIR = "media"
ENV_ARCHIVE = "EXHIBIT_ARCHIVE"


def default_location() -> Path:
    """The archive folder: $EXHIBIT_ARCHIVE, else the current directory."""
    return Path(os.environ.get(ENV_ARCHIVE) or ".").resolve()


def connect(db_path: Path | str, readonly: bool = False) -> Database:
    if readonly:
        conn = sqlite3.connect(f"file:{Path(db_path).as_posix()}?mode=ro", uri=True,
                               isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(db_path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        # FULL: an acknowledged edit survives a power cut, not only a crash.
        conn.execute("PRAGMA synchronous = FULL")
    return Database(conn)


def current_user() -> str:
    try:
        return os.environ.get("EXHIBIT_USER") or getpass.getuser()
    except Exception:  # getuser() fails in some containers without a passwd entry
        return "unknown"


@dataclass
class Archive:
    root: Path
    db: Database
    db_file: Path
    user: str = field(default_factory=current_user)
    readonly: bool = False

    @property
    def db_path(self) -> Path:
        return self.db_file

    @property
    def media_root(self) -> Path:
        return self.root / MEDIA_DIR

    @classmethod
    def open(cls, root: Path | str | None = None, *, create: bool = True,
             readonly: bool = False, user: str | None = None) -> "Archive":
        """Open (and migrate) the archive in folder `root`; a path to a .db file works too."""
        root = Path(root) if root is not None else default_location()
        if root.suffix == ".db":
            db_path, root = root, root.parent
        else:
            db_path = root / DB_NAME
        if not db_path.exists() and not create:
            raise ExhibitError(f"no archive at {db_path}")
        if readonly and not db_path.exists():
            raise ExhibitError(f"no archive at {db_path}")
        root.mkdir(parents=True, exist_ok=True)
        try:
            db = connect(db_path, readonly=readonly)
            if not readonly:
                schema.migrate(db, db_path)
            elif schema.version(db) != schema.LATEST:
                raise ExhibitError(f"{db_path} has schema version {schema.version(db)}, "
                                   f"expected {schema.LATEST}; open it once for writing to upgrade")
        except sqlite3.DatabaseError as exc:
            raise ExhibitError(f"{db_path} is not a readable archive: {exc}") from exc
        archive = cls(root=root, db=db, db_file=db_path, readonly=readonly)
        if user:
            archive.user = user
        return archive

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """One user action: BEGIN IMMEDIATE … COMMIT, or a savepoint when nested."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        # IMMEDIATE takes the write lock up front, so two writers queue on
        # busy_timeout instead of failing halfway through with SQLITE_BUSY.
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.conn.execute("ROLLBACK")
            raise
        else:
            self.db.conn.execute("COMMIT")

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT INTO settings (key, value) VALUES (?, ?) "
                            "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
