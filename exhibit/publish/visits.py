"""Anonymous counts of what visitors opened: panels and objects, per day, nothing else.

The counts live in their own small SQLite file next to the snapshot (the
snapshot itself is read-only and replaced on every publish). No time of day,
no sequence, no session: a count per record per day cannot be traced to a
person. Counts are kept in memory and written in one transaction by
`flush()` (the kiosk flushes every minute and on exit), so a touch never
waits for the disk.
"""
from __future__ import annotations

import csv
import os
import sqlite3
from collections import Counter
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, TextIO

from exhibit.cli_checks import writing_to
from exhibit.errors import ExhibitError

if TYPE_CHECKING:
    from exhibit.archive import Archive

VISITS_NAME = "visits.db"
KINDS = ("panel", "object")
_SCHEMA = """CREATE TABLE IF NOT EXISTS opened (
    kind TEXT NOT NULL, record_id INTEGER NOT NULL, day TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, record_id, day))"""
CSV_HEADER = ["day", "kind", "record_id", "identifier", "title_zh", "title_en", "opened"]


def visits_path(snapshot_folder: Path | str) -> Path:
    folder = Path(snapshot_folder)
    return (folder.parent if folder.suffix == ".db" else folder) / VISITS_NAME


class VisitCounter:
    def __init__(self, path: Path | str):
        self.path = Path(path)
        self._pending: Counter[tuple[str, int, str]] = Counter()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise ExhibitError(f"cannot open the visit counts {self.path}: {exc}") from exc

    def opened(self, kind: str, record_id: int, day: date | None = None) -> None:
        if kind not in KINDS:
            return
        self._pending[(kind, int(record_id), (day or date.today()).isoformat())] += 1

    def flush(self) -> int:
        """Write the pending counts in one transaction; returns how many rows changed."""
        if not self._pending:
            return 0
        pending, self._pending = self._pending, Counter()
        try:
            with self._conn:
                self._conn.execute("BEGIN")
                self._conn.executemany(
                    "INSERT INTO opened (kind, record_id, day, count) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (kind, record_id, day) DO UPDATE SET count = count + excluded.count",
                    [(k, r, d, n) for (k, r, d), n in pending.items()])
        except sqlite3.Error:
            self._pending.update(pending)  # keep them for the next try
            raise
        return len(pending)

    def totals(self) -> dict[tuple[str, int], int]:
        out: Counter[tuple[str, int]] = Counter()
        for kind, record_id, count in self._conn.execute(
                "SELECT kind, record_id, sum(count) FROM opened GROUP BY kind, record_id"):
            out[(kind, record_id)] += count
        for (kind, record_id, _), count in self._pending.items():
            out[(kind, record_id)] += count
        return dict(out)

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self._conn.close()


@contextmanager
def _replacing(out: Path) -> Iterator[TextIO]:
    """A text file written next to `out` and renamed over it only when complete: a full disk
    leaves no half CSV and an earlier file as it was. A device or pipe (/dev/stdout) is
    written directly: it cannot be replaced, and must never be."""
    if out.is_dir():
        raise ExhibitError(f"{out} is a folder; give a file name for the CSV")
    if not out.parent.is_dir():
        raise ExhibitError(f"cannot write {out}: the folder {out.parent} does not exist")
    direct = out.exists() and not out.is_file()
    tmp = out if direct else out.with_name(f".{out.name}.{os.getpid()}.part")
    try:
        with writing_to(out):
            with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
                yield handle
            if not direct:
                os.replace(tmp, out)
    except OSError as exc:
        raise ExhibitError(f"cannot write {out}: {exc.strerror or exc}") from exc
    finally:
        if not direct:
            tmp.unlink(missing_ok=True)


def export_csv(visits_file: Path | str, out: Path | str, snapshot: Archive | None = None) -> int:
    """Write the counts as CSV (UTF-8 with BOM, for spreadsheets); returns the number of rows.

    With `snapshot` (an opened Archive) each row also names the panel or object.
    """
    visits_file = Path(visits_file)
    if not visits_file.exists():
        raise ExhibitError(f"no visit counts at {visits_file} (the kiosk has not run there yet)")
    conn = sqlite3.connect(f"file:{visits_file.as_posix()}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT day, kind, record_id, count FROM opened "
                            "ORDER BY day, kind, count DESC, record_id").fetchall()
    except sqlite3.Error as exc:
        raise ExhibitError(f"{visits_file} is not a visit-count file: {exc}") from exc
    finally:
        conn.close()
    names: dict[tuple[str, int], tuple[str, str, str]] = {}
    if snapshot is not None:
        from exhibit.publish.kiosk_data import open_counts_titles

        for kind in KINDS:
            ids = sorted({r[2] for r in rows if r[1] == kind})
            for record_id, value in open_counts_titles(snapshot, kind, ids).items():
                names[(kind, record_id)] = value
    out = Path(out)
    with _replacing(out) as handle:
        writer = csv.writer(handle)
        writer.writerow(CSV_HEADER)
        for day, kind, record_id, count in rows:
            ident, zh, en = names.get((kind, record_id), ("", "", ""))
            writer.writerow([day, kind, record_id, ident, zh, en, count])
    return len(rows)
