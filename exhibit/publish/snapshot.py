"""`publish(archive, dest)`: the kiosk's read-only snapshot, public fields only.

The copy is made with `VACUUM INTO` (a consistent snapshot of the live WAL
database, never a file copy). Private fields are then blanked and private
tables emptied in the copy, the search index is rebuilt from what is left (it
held the private text too), and the copy is vacuumed again so that no deleted
page still carries a private value. Only the derived images the kiosk shows
(screen size and thumbnail) are copied, never the originals.

What counts as private (decided from exhibit/records.py):

- objects: `location` (存放位置: where a piece is stored is a security matter),
  `acquisition` method and `acquisition_date`/start/end (来源, 入藏时间: internal
  registration data, often about private donors and prices), `condition`
  (完残程度: conservation notes) and `grade` (文物级别: tells a thief which piece
  is worth most). The credit line (`credit_zh/en`) is public by definition: it
  is what the label shows.
- media: `original_name` (file names of scans often name donors or private
  folders), `path` (the original is not shipped), `exif_date` and `camera`.
  Caption, creator, date and rights stay: they are the attribution.
- citations: `note` (a curator's working note); sources: `reliability_zh/en`
  (the curators' assessment of a source).
- movements (location history), history (who changed what) and settings: emptied.

Sections, panels, people, places (with coordinates and their basis), events,
vocabulary labels and sources' bibliographic data are public.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from exhibit import media as media_files
from exhibit import schema, search
from exhibit.archive import Archive
from exhibit.errors import ExhibitError

SNAPSHOT_NAME = "kiosk.db"
DEFAULT_FOLDER = "kiosk"  # inside the curators' archive folder, unless told otherwise
PUBLISHED_KEY = "kiosk.published_at"

# table -> {column: blank value}
PRIVATE_FIELDS: dict[str, dict[str, object]] = {
    "objects": {"location": "", "acquisition": "", "acquisition_date": "",
                "acquisition_start": None, "acquisition_end": None,
                "condition": "", "grade": ""},
    "media": {"original_name": "", "path": "", "exif_date": None, "camera": None},
    "citations": {"note": ""},
    "sources": {"reliability_zh": "", "reliability_en": ""},
}
PRIVATE_TABLES = ("movements", "history", "settings")
KIOSK_DERIVATIVES = ("thumb", "screen")


@dataclass
class PublishReport:
    snapshot: Path
    counts: dict[str, int] = field(default_factory=dict)
    images_copied: int = 0
    images_kept: int = 0
    images_missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        text = f"published {parts} to {self.snapshot}; images: {self.images_copied} copied, " \
               f"{self.images_kept} already there"
        if self.images_missing:
            text += f", {len(self.images_missing)} missing (the kiosk shows a placeholder)"
        return text


def default_destination(archive: Archive) -> Path:
    return archive.root / DEFAULT_FOLDER


def snapshot_path(dest: Path | str) -> Path:
    dest = Path(dest)
    return dest if dest.suffix == ".db" else dest / SNAPSHOT_NAME


def publish(archive: Archive, dest: Path | str | None = None) -> PublishReport:
    """Write the kiosk snapshot into folder `dest` (kiosk.db and media/derived/)."""
    folder = Path(dest) if dest is not None else default_destination(archive)
    if folder.suffix == ".db":
        folder = folder.parent
    target = folder / SNAPSHOT_NAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExhibitError(f"cannot create the kiosk folder {folder}: {exc.strerror}") from exc
    part = folder / (SNAPSHOT_NAME + ".part")
    for leftover in (part, part.with_name(part.name + "-journal")):
        leftover.unlink(missing_ok=True)
    try:
        # VACUUM INTO reads one consistent snapshot, even while curators write.
        archive.db.execute("VACUUM INTO ?", [str(part)])
        counts, media_rows = _redact(part)
    except sqlite3.Error as exc:
        part.unlink(missing_ok=True)
        raise ExhibitError(f"could not write the kiosk snapshot {part}: {exc}") from exc
    report = PublishReport(snapshot=target, counts=counts)
    _copy_images(archive, folder / "media", media_rows, report)
    os.chmod(part, 0o444)  # a hint to people; the kiosk's connection is what refuses writes
    # Atomic: a kiosk that has the old file open keeps reading it until it reopens.
    part.replace(target)
    return report


def _redact(path: Path) -> tuple[dict[str, int], list[tuple[str, str]]]:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # read-only opening needs no -wal/-shm files
        conn.execute("PRAGMA secure_delete = ON")     # overwrite what is deleted
        conn.execute("BEGIN IMMEDIATE")
        for table, blanks in PRIVATE_FIELDS.items():
            assignments = ", ".join(f"{column} = ?" for column in blanks)
            conn.execute(f"UPDATE {table} SET {assignments}", list(blanks.values()))
        # History is append-only in the curators' archive (triggers); the copy drops them
        # to empty it, then puts them back so the schema stays the same.
        triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                "AND tbl_name = 'history'").fetchall()
        for name, _ in triggers:
            conn.execute(f"DROP TRIGGER {name}")
        for table in PRIVATE_TABLES:
            conn.execute(f"DELETE FROM {table}")
        for _, sql in triggers:
            conn.execute(sql)
        from sqlite_utils import Database
        search.rebuild(Database(conn))
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                     [PUBLISHED_KEY, datetime.now(timezone.utc).isoformat(timespec="seconds")])
        conn.execute("COMMIT")
        conn.execute("VACUUM")  # no free page keeps a blanked value
        counts = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for name, table in (("sections", "sections"), ("panels", "panels"),
                                      ("objects", "objects"), ("people", "people"),
                                      ("places", "places"), ("events", "events"),
                                      ("images", "media"))}
        media_rows = conn.execute("SELECT sha256, caption_zh FROM media").fetchall()
    finally:
        conn.close()
    return counts, media_rows


def _copy_images(archive: Archive, media_root: Path, media_rows: list[tuple[str, str]],
                 report: PublishReport) -> None:
    for sha256, caption in media_rows:
        for kind in KIOSK_DERIVATIVES:
            try:
                src = media_files.derivative_path(archive.media_root, sha256, kind)
                dst = media_files.derivative_path(media_root, sha256, kind)
            except ValueError:
                report.images_missing.append(f"{caption or sha256} ({kind})")
                continue
            if dst.exists() and dst.stat().st_size > 0:
                report.images_kept += 1
                continue
            if not src.exists():
                src = _make_derivative(archive, sha256, kind)
            if src is None:
                report.images_missing.append(f"{caption or sha256[:12]} ({kind})")
                continue
            dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_suffix(".part")
            shutil.copyfile(src, tmp)
            tmp.replace(dst)
            report.images_copied += 1


def _make_derivative(archive: Archive, sha256: str, kind: str) -> Path | None:
    """The curators' archive lacks this derivative: make it from the original if there is one."""
    from exhibit import media_library, services

    row = archive.db.execute("SELECT id FROM media WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return None
    try:
        return media_library.derivative(archive, services.get(archive, "media", row[0]), kind)
    except (ExhibitError, OSError, ValueError):
        return None  # a missing or broken original: the kiosk shows a placeholder


def open_snapshot(path: Path | str) -> Archive:
    """Open a published snapshot read-only (`mode=ro` and `query_only`): writes fail."""
    db = snapshot_path(path)
    if not db.exists():
        raise ExhibitError(f"no kiosk snapshot at {db}; make one with `main.py publish`")
    archive = Archive.open(db, readonly=True, create=False)
    archive.db.execute("PRAGMA query_only = ON")
    return archive


def is_current(snapshot: Path | str) -> bool:
    """True when the snapshot's schema is the one this program reads."""
    try:
        conn = sqlite3.connect(f"file:{snapshot_path(snapshot).as_posix()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        finally:
            conn.close()
    except sqlite3.Error:
        return False
