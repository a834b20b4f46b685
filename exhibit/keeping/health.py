"""Is the archive sound? The quick check on open, the full check, and the damaged-archive path.

On every open for writing `PRAGMA quick_check` reads the whole database
(O(N), without cross-checking indexes against tables); `full_check` adds
integrity_check and every check of exhibit.integrity. A damaged archive is
never opened for writing: `DamagedArchiveError` says what is wrong, that the
file has not been changed, and which backup is the newest good one, so the app
can offer to restore it (exhibit.keeping.recovery keeps the damaged file aside).
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from exhibit.errors import ExhibitError
from exhibit.keeping.backups import BACKUP_DIR, BackupInfo, integrity_problems, list_backups
from exhibit.problems import Problem

if TYPE_CHECKING:
    from exhibit.archive import Archive
    from exhibit.schema import SchemaProblem


class DamagedArchiveError(ExhibitError):
    """The archive database failed its check and was not opened for writing."""

    def __init__(self, db_path: Path, problems: list[Problem] | list[str], backup: BackupInfo | None):
        self.db_path = Path(db_path)
        self.problems = [as_problem(p) for p in problems]  # SQLite's own words arrive as text
        self.backup = backup
        first = problems[0] if problems else "unknown damage"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        text = (f"{self.db_path} is not a readable archive, it is damaged: {first}{more}. It was "
                f"not opened for writing and has not been changed. ")
        if backup is not None:
            when = backup.taken.astimezone().strftime("%Y-%m-%d %H:%M")
            text += (f"The newest good backup is {backup.path} ({when}): restore it with "
                     f"`main.py restore {backup.path}`; the damaged file is then kept aside in "
                     f"{self.db_path.parent / 'damaged'}.")
        else:
            text += "No good backup was found in " f"{self.db_path.parent / BACKUP_DIR}."
        super().__init__(text)


# SQLite result codes that mean the database file itself is damaged. Others
# (I/O error, disk full, busy, cannot open) are about the disk or other
# processes: the file may be fine, so they are raised, not called damage.
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26


def check_connection(conn: sqlite3.Connection, *, full: bool = False) -> list[str]:
    """quick_check (or integrity_check) on an open connection; [] when sound.

    Raises sqlite3.Error for failures that are not damage (an I/O error, a locked file).
    """
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}(100)").fetchall()
    except sqlite3.DatabaseError as exc:   # "file is not a database", "database disk image is malformed"
        code = getattr(exc, "sqlite_errorcode", None)
        if code is not None and code & 0xFF not in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise
        return [str(exc)]
    return [row[0] for row in rows if row[0] != "ok"]


def check_on_open(db_path: Path) -> list[str]:
    """The quick check Archive.open runs before it writes anything (WAL mode, migrations).

    A plain connection: reading recovers a hot WAL or journal as SQLite always
    does, but nothing is written to the database file itself. Raises
    sqlite3.Error when the file cannot be read for a reason other than damage.
    """
    try:
        conn = sqlite3.connect(str(db_path), isolation_level=None)
    except sqlite3.Error as exc:
        return [f"cannot be opened: {exc}"]
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        return check_connection(conn)
    finally:
        conn.close()


def newest_good_backup(db_path: Path) -> BackupInfo | None:
    """The newest backup beside the archive that passes integrity_check."""
    for info in list_backups(Path(db_path).parent / BACKUP_DIR):
        if not integrity_problems(info.path):
            return info
    return None


def damaged(db_path: Path, problems: list[Problem] | list[str]) -> DamagedArchiveError:
    return DamagedArchiveError(db_path, problems, newest_good_backup(db_path))


def as_problem(found: Problem | str, code: str = "db_damage") -> Problem:
    """A problem found by SQLite (integrity_check's lines, its error messages), as a Problem."""
    return found if isinstance(found, Problem) else Problem(None, code, {"detail": found})


def file_problems(db_path: Path) -> list[Problem]:
    """What is wrong with the file itself before SQLite reads it: missing, not a file, empty."""
    path = Path(db_path)
    if not path.exists():
        return [Problem(None, "db_missing", {"file": str(path)})]
    if not path.is_file():
        return [Problem(None, "db_not_a_file", {"file": str(path)})]
    if path.stat().st_size == 0:
        return [Problem(None, "db_empty")]
    return []


def verify_file(db_path: Path) -> list[Problem]:
    """Full integrity_check of a database file opened read-only (works on a damaged archive)."""
    return file_problems(db_path) or [as_problem(p) for p in integrity_problems(Path(db_path), full=True)]


@dataclass
class Verification:
    """What `verify` found, read-only: damage (the file), then what is not damage."""
    damage: list[Problem] = field(default_factory=list)
    schema: list["SchemaProblem"] = field(default_factory=list)
    other: list[Problem] = field(default_factory=list)     # not an archive, too new, search index
    readonly_storage: bool = False

    @property
    def sound(self) -> bool:
        return not (self.damage or self.schema or self.other)


def verify(db_path: Path) -> Verification:
    """integrity_check, then the schema against this program's and the search index's
    structure, all through a read-only connection: nothing in the file runs or changes (a
    foreign trigger fires only on writes; no view is queried). Works on a damaged archive
    and on read-only storage."""
    from exhibit import schema, search
    from exhibit.keeping.backups import ReadOnlyStorageError, open_readonly

    path = Path(db_path)
    found = Verification(damage=file_problems(path))
    if found.damage:
        return found
    try:
        conn, found.readonly_storage = open_readonly(path)
    except ReadOnlyStorageError as exc:
        found.other.append(as_problem(str(exc), "db_other"))
        return found
    except sqlite3.OperationalError as exc:
        found.damage.append(Problem(None, "db_cannot_open", {"detail": str(exc)}))
        return found
    except sqlite3.DatabaseError as exc:
        found.damage.append(as_problem(str(exc)))
        return found
    try:
        found.damage = [as_problem(p) for p in check_connection(conn, full=True)]
        if found.damage:
            return found
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            found.other.append(Problem(None, "db_not_an_archive"))
        elif version > schema.LATEST:
            found.other.append(Problem(None, "db_newer_schema", {"version": version, "known": schema.LATEST}))
        else:
            differences = schema.inspect(conn)
            found.schema = [p for p in differences if p.problem != "index"]
            found.other += [as_problem(p.describe(), "db_other") for p in differences if p.problem == "index"]
            if not differences and version == schema.LATEST:
                found.other += [as_problem(p, "db_other") for p in search.index_problems(conn, writable=False)]
    except sqlite3.DatabaseError as exc:
        found.damage.append(as_problem(str(exc)))
    finally:
        conn.close()
    return found


def full_check(archive: "Archive", *, reindex: bool = False) -> list[str]:
    """Every problem found (integrity, foreign keys, links, index, media hashes), one line each."""
    from exhibit.integrity import check_archive

    return check_archive(archive, reindex=reindex)
