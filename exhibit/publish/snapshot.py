"""`publish(archive, dest)`: the kiosk's read-only snapshot, public fields only.

The snapshot is a new database whose schema this code makes (the program's own
migrations, never the archive's schema), filled with plain `INSERT … SELECT`
of an explicit allow-list of public columns (`PUBLIC_COLUMNS`) from the
archive, attached read-only. Nothing is written to the archive and nothing of
its schema is carried over, so a trigger, view, extra table or extra column
planted in an archive can neither run at publish nor reach the kiosk: an
earlier version copied everything (VACUUM INTO) and blanked the private fields
afterwards, and a trigger on that blanking copied storage locations into the
published descriptions. A column not in the allow-list keeps the fresh
schema's default ('' or NULL); the search index is built from what was copied.
Only the derived images the kiosk shows (screen size and thumbnail) are
copied, never the originals.

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
  (the curators' assessment of a source). Dispute readings: `note`, by the same
  rule (the readings' values, sources and pages are the visitor's "accounts differ").
- every record's `created`/`modified` times (when curators worked on what).
- movements (location history), history (who changed what) and settings: not copied.

Sections, panels, people, places (with coordinates and their basis), events,
disputes, vocabulary labels and sources' bibliographic data are public.

Each publish is a new numbered generation in the kiosk folder, named current by
the manifest `current.json` only once it is complete (exhibit/publish/generations.py),
so kiosks reading the folder while it is published never see half a snapshot.
"""
from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from exhibit import media_files, schema, search
from exhibit.archive import Archive
from exhibit.cli_checks import disk_full_error
from exhibit.errors import ExhibitError
from exhibit.publish import generations

SNAPSHOT_NAME = "kiosk.db"  # the single file of the layout before generations, still opened
DEFAULT_FOLDER = "kiosk"  # inside the curators' archive folder, unless told otherwise
PUBLISHED_KEY = "kiosk.published_at"

# The allow-list: table -> the columns copied to the kiosk, in the fresh schema's names.
_COMMON = ("id", "is_sample")
PUBLIC_COLUMNS: dict[str, tuple[str, ...]] = {
    "vocabularies": ("id", "vocab", "code", "label_zh", "label_en", "position"),
    "objects": (*_COMMON, "accession", "name_zh", "name_en", "category", "date_text", "date_start",
                "date_end", "material", "dimensions", "weight", "credit_zh", "credit_en",
                "description_zh", "description_en", "inscription_zh", "inscription_en", "status",
                "object_name_zh", "object_name_en", "makers", "production_place_zh",
                "production_place_en", "technique_zh", "technique_en", "medium_zh", "medium_en",
                "measurements", "external_links", "rights", "record_status", "label_zh", "label_en"),
    "media": (*_COMMON, "sha256", "format", "mime", "width", "height", "size_bytes", "caption_zh",
              "caption_en", "creator", "date_text", "date_start", "date_end", "rights",
              "is_illustration"),
    "media_links": ("id", "media_id", "record_type", "record_id", "role", "position"),
    "sections": (*_COMMON, "code", "title_zh", "title_en", "intro_zh", "intro_en", "position"),
    "panels": (*_COMMON, "code", "section_id", "title_zh", "title_en", "body_zh", "body_en",
               "position", "subtitle_zh", "subtitle_en", "lead_zh", "lead_en", "label_zh", "label_en"),
    "people": (*_COMMON, "key", "name_zh", "name_en", "side", "born", "born_start", "born_end",
               "died", "died_start", "died_end", "role_zh", "role_en", "bio_zh", "bio_en"),
    "places": (*_COMMON, "key", "name_zh", "name_en", "lat", "lon", "coord_basis",
               "description_zh", "description_en"),
    "events": (*_COMMON, "key", "date_text", "date_start", "date_end", "title_zh", "title_en",
               "description_zh", "description_en", "place_id"),
    "sources": (*_COMMON, "key", "kind", "title", "author", "publisher", "year", "url"),
    "citations": (*_COMMON, "record_type", "record_id", "source_id", "page"),
    "disputes": (*_COMMON, "record_type", "record_id", "key", "topic_zh", "topic_en", "position"),
    "dispute_readings": ("id", "dispute_id", "value_zh", "value_en", "source_id", "page", "position"),
    "links": ("id", "from_type", "from_id", "to_type", "to_id", "role", "position"),
}
# Columns outside the allow-list that have no default in the schema: what the kiosk gets.
_REQUIRED_BLANKS: dict[str, dict[str, str]] = {"media": {"path": ""}}
# What the kiosk holds instead of each private field (the fresh schema's defaults).
PRIVATE_FIELDS: dict[str, dict[str, object]] = {
    "objects": {"location": "", "acquisition": "", "acquisition_date": "",
                "acquisition_start": None, "acquisition_end": None,
                "condition": "", "grade": "", "other_numbers": ""},
    "media": {"original_name": "", "path": "", "exif_date": None, "camera": None},
    "citations": {"note": ""},
    "dispute_readings": {"note": ""},
    "sources": {"reliability_zh": "", "reliability_en": ""},
}
PRIVATE_TABLES = ("movements", "history", "settings")  # made empty by the schema, never filled
# Which objects visitors see: those whose record is published, unless a curator asks for
# more (`publish --status reviewed`, to try a kiosk on records still being checked).
PUBLIC_STATUSES = ("published",)
KIOSK_DERIVATIVES = ("thumb", "screen")


@dataclass
class PublishReport:
    snapshot: Path
    counts: dict[str, int] = field(default_factory=dict)
    generation: int = 0
    images_copied: int = 0
    images_kept: int = 0
    images_missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = ", ".join(f"{n} {name}" for name, n in self.counts.items())
        text = f"published {parts} to {self.snapshot} (generation {self.generation}); " \
               f"images: {self.images_copied} copied, {self.images_kept} already there"
        if self.images_missing:
            text += f", {len(self.images_missing)} missing (the kiosk shows a placeholder)"
        return text


def default_destination(archive: Archive) -> Path:
    return archive.root / DEFAULT_FOLDER


def snapshot_path(dest: Path | str) -> Path:
    """The snapshot file `dest` means: a .db file as it is; for a kiosk folder, the file its
    manifest names (the current generation), else the older layout's kiosk.db."""
    dest = Path(dest)
    if dest.suffix == ".db":
        return dest
    manifest = generations.read_manifest(dest)
    return dest / (manifest.file if manifest else SNAPSHOT_NAME)


def publish(archive: Archive, dest: Path | str | None = None,
            statuses: tuple[str, ...] = PUBLIC_STATUSES) -> PublishReport:
    """Write a new snapshot generation into kiosk folder `dest` (snapshot-NNNNNN.db, media/derived/
    and current.json naming it), with the objects whose record status is one of `statuses`;
    then prune the generations older than the last few."""
    folder = Path(dest) if dest is not None else default_destination(archive)
    if folder.suffix == ".db":
        folder = folder.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExhibitError(f"cannot create the kiosk folder {folder}: {exc.strerror}") from exc
    generations.check_destination(folder)
    try:
        reservation = generations.reserve(folder)
    except OSError as exc:
        raise (disk_full_error(exc, folder)
               or ExhibitError(f"could not write the kiosk snapshot in {folder}: "
                               f"{exc.strerror or exc}; the previous snapshot is unchanged")) from exc
    part = reservation.part
    try:
        with _source_file(archive) as source:
            counts, media_rows = _build(source, part, statuses)
        report = PublishReport(snapshot=reservation.path, counts=counts,
                               generation=reservation.generation)
        _copy_images(archive, folder / "media", media_rows, report)
        os.chmod(part, 0o444)  # a hint to people; the kiosk's connection is what refuses writes
        # A new file, then the manifest: kiosks keep reading their generation until their reset.
        generations.commit(reservation, counts)
    except sqlite3.Error as exc:
        generations.abandon(reservation)
        raise ExhibitError(f"could not write the kiosk snapshot {part}: {exc}") from exc
    except OSError as exc:  # a full disk, a folder that turned read-only: the old snapshot stays
        generations.abandon(reservation)
        raise (disk_full_error(exc, folder)
               or ExhibitError(f"could not write the kiosk snapshot in {folder}: "
                               f"{exc.strerror or exc}; the previous snapshot is unchanged")) from exc
    except BaseException:
        generations.abandon(reservation)
        raise
    return report


@contextmanager
def _source_file(archive: Archive) -> Iterator[Path]:
    """The SQLite file the snapshot is read from: the archive's own, or for a shared archive
    a verified local copy of the server's (exhibit/server/transfer.backup: one consistent
    read of every table), removed afterwards."""
    if not archive.is_server:
        yield archive.db_path
        return
    from exhibit.archive import DB_NAME
    from exhibit.server.transfer import backup

    with tempfile.TemporaryDirectory(prefix="exhibit-publish-") as tmp:
        backup(getattr(archive, "url"), Path(tmp) / "copy")
        yield Path(tmp) / "copy" / DB_NAME


def _leave_out_unpublished(conn: sqlite3.Connection, statuses: tuple[str, ...]) -> None:
    """Take out the objects whose record status visitors may not see, and everything that
    refers to them: their links, citations, disputes and the images only they use."""
    marks = ", ".join("?" * len(statuses))
    conn.execute(f"DELETE FROM main.objects WHERE record_status NOT IN ({marks})", list(statuses))
    gone = "NOT IN (SELECT id FROM main.objects)"
    conn.execute(f"DELETE FROM main.links WHERE (from_type = 'object' AND from_id {gone}) "
                 f"OR (to_type = 'object' AND to_id {gone})")
    conn.execute(f"DELETE FROM main.citations WHERE record_type = 'object' AND record_id {gone}")
    conn.execute(f"DELETE FROM main.dispute_readings WHERE dispute_id IN (SELECT id FROM main.disputes "
                 f"WHERE record_type = 'object' AND record_id {gone})")
    conn.execute(f"DELETE FROM main.disputes WHERE record_type = 'object' AND record_id {gone}")
    # An image that showed only left-out objects goes with them (its caption describes them).
    conn.execute(f"DELETE FROM main.media WHERE id IN (SELECT media_id FROM main.media_links "
                 f"WHERE record_type = 'object' AND record_id {gone}) AND id NOT IN ("
                 f"SELECT media_id FROM main.media_links WHERE NOT (record_type = 'object' "
                 f"AND record_id {gone}))")
    conn.execute(f"DELETE FROM main.media_links WHERE (record_type = 'object' AND record_id {gone}) "
                 f"OR media_id NOT IN (SELECT id FROM main.media)")


def _build(source: Path, path: Path, statuses: tuple[str, ...] = PUBLIC_STATUSES,
           ) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Make the fresh schema in `path`, then copy the allow-listed columns from `source`."""
    from sqlite_utils import Database

    conn = sqlite3.connect(path, isolation_level=None, uri=True)
    try:
        conn.execute("PRAGMA journal_mode = DELETE")  # read-only opening needs no -wal/-shm files
        conn.execute("PRAGMA trusted_schema = OFF")   # no SQL function runs from a schema we did not write
        db = Database(conn)
        schema.migrate(db, None)                      # the program's schema, from code
        uri = "file:" + quote(source.resolve().as_posix()) + "?mode=ro"
        conn.execute("ATTACH DATABASE ? AS src", [uri])
        try:
            conn.execute("BEGIN")  # one read transaction on the archive: a consistent copy
            conn.execute("DELETE FROM main.vocabularies")  # the defaults; the archive's labels follow
            for table, columns in PUBLIC_COLUMNS.items():
                _check_source_table(conn, table, columns)
                blanks = _REQUIRED_BLANKS.get(table, {})
                names = ", ".join([*columns, *blanks])
                values = ", ".join([*(f"src.{table}.{c}" for c in columns), *(["?"] * len(blanks))])
                conn.execute(f"INSERT INTO main.{table} ({names}) SELECT {values} FROM src.{table}",
                             list(blanks.values()))
            _leave_out_unpublished(conn, statuses)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        finally:
            conn.execute("DETACH DATABASE src")
        conn.execute("BEGIN IMMEDIATE")
        search.rebuild(db)                            # from the public columns only
        search.mark_current(db)
        conn.execute("INSERT INTO settings (key, value) VALUES (?, ?)",
                     [PUBLISHED_KEY, datetime.now(timezone.utc).isoformat(timespec="seconds")])
        conn.execute("COMMIT")
        conn.execute("VACUUM")  # no free page keeps the default vocabulary rows
        counts = {name: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                  for name, table in (("sections", "sections"), ("panels", "panels"),
                                      ("objects", "objects"), ("people", "people"),
                                      ("places", "places"), ("events", "events"),
                                      ("images", "media"))}
        media_rows = conn.execute("SELECT sha256, caption_zh FROM media").fetchall()
    finally:
        conn.close()
    return counts, media_rows


def _check_source_table(conn: sqlite3.Connection, table: str, columns: tuple[str, ...]) -> None:
    """The archive's `table` must be a real table whose allow-listed columns are stored ones:
    a view, or a generated column, could compute a 'public' value from a private one."""
    row = conn.execute("SELECT type FROM src.sqlite_master WHERE name = ?", [table]).fetchone()
    if row is None or row[0] != "table":
        raise ExhibitError(f"the archive's {table} is not a table of this program's schema; "
                           "nothing was published")
    stored = {r[1]: r[6] for r in conn.execute(f"PRAGMA src.table_xinfo({table})")}
    for column in columns:
        if stored.get(column) != 0:  # missing, hidden (virtual table) or generated
            raise ExhibitError(f"the archive's column {table}.{column} is missing or computed; "
                               "nothing was published")


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
                made = _make_derivative(archive, sha256, kind)
                if made is None:
                    report.images_missing.append(f"{caption or sha256[:12]} ({kind})")
                    continue
                src = made
            dst.parent.mkdir(parents=True, exist_ok=True)
            tmp = dst.with_suffix(".part")
            shutil.copyfile(src, tmp)
            tmp.replace(dst)
            report.images_copied += 1


def _make_derivative(archive: Archive, sha256: str, kind: str) -> Path | None:
    """The curators' archive lacks this derivative: make it from the original if there is one."""
    from exhibit import media_records, services
    from exhibit.records import Media

    row = archive.db.execute("SELECT id FROM media WHERE sha256 = ?", [sha256]).fetchone()
    if row is None:
        return None
    try:
        return media_records.derivative(archive, services.get(archive, Media, row[0]), kind)
    except (ExhibitError, OSError, ValueError):
        return None  # a missing or broken original: the kiosk shows a placeholder


def open_snapshot(path: Path | str) -> Archive:
    """Open a published snapshot read-only (`mode=ro` and `query_only`): writes fail.

    `path` is a snapshot file or a kiosk folder (its current generation); a kiosk uses
    open_current, which checks the file first."""
    db = snapshot_path(path)
    if not db.exists():
        raise ExhibitError(f"no kiosk snapshot at {db}; make one with `main.py publish`")
    archive = Archive.open(db, readonly=True, create=False)
    archive.db.execute("PRAGMA query_only = ON")
    return archive


def open_current(folder: Path | str) -> tuple[Archive, int]:
    """A kiosk folder's current snapshot, checked (generations.check) and opened, and its
    generation (0 for a folder of the layout before generations, which has no manifest)."""
    folder = Path(folder)
    manifest = generations.read_manifest(folder)
    if manifest is None:
        return open_snapshot(folder), 0
    path = generations.check(folder, manifest)
    try:
        return open_snapshot(path), manifest.generation
    except ExhibitError as exc:
        raise generations.SnapshotRefused(
            f"kiosk snapshot {path} (generation {manifest.generation}) is refused: {exc}",
            manifest.generation) from exc


def is_current(snapshot: Path | str) -> bool:
    """True when the snapshot's schema is the one this program reads."""
    try:
        conn = sqlite3.connect(f"file:{snapshot_path(snapshot).as_posix()}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
        finally:
            conn.close()
    except (sqlite3.Error, ExhibitError):  # ExhibitError: a manifest this program did not write
        return False
