"""What the import wizard and the export dialog ask the core to do, off the UI thread.

Each task is a plain function `task(progress, cancelled) -> result` run by
`Runner` (ui/common/background.py, with the core's cancel errors) on a
QThread. The archive's SQLite connection belongs to the UI thread and
must not be shared with another thread (its transactions would interleave
with the UI's reads and writes), so every task opens its own
`Archive` on the same database file and closes it at the end:

- reading a file touches no archive at all;
- the dry run and every export open it read-only (they only read);
- the import opens it for writing, without the instance lock (the curator
  window already holds that lock for this process), makes the "before
  import" backup, and runs the core's one-transaction import. WAL lets the
  UI thread go on reading the committed state meanwhile; the wizard is
  window-modal, so the curator cannot start an edit of their own that
  would have to wait for the import's write lock.

`cancelled()` reads a threading.Event set from the UI thread; the core polls
it (every 500 rows, between batches) and an import cancelled raises
ImportCancelled after rolling everything back.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from PySide6.QtCore import QObject

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange import pipeline, tables
from exhibit.interchange.importer import (
    ImportCancelled,
    ImportPlan,
    ImportResult,
    Preview,
    apply_import,
    plan_import,
    preview,
)
from exhibit.interchange.mapping import Mapping
from exhibit.interchange.tables import Table
from ui.common import background

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
Task = Callable[[Progress, Cancelled], Any]


class TaskCancelled(ExhibitError):
    """An export stopped by the curator; its partial output was removed by the core."""


# ---------------------------------------------------------------- import

@dataclass
class FileRead:
    preview: Preview
    sheets: list[str]


def sheet_names(path: Path) -> list[str]:
    """The worksheets of an .xlsx file (empty for text files or an unreadable workbook)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    import zipfile

    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return []   # read_table says why, naming the file
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_file(path: Path, record_type: str, sheet: str | None,
              progress: Progress, cancelled: Cancelled) -> FileRead:
    report = _stopping(progress, cancelled, f"{Path(path).name}: reading was cancelled")
    read = FileRead(preview(path, record_type, sheet=sheet, progress=report, stream_over=tables.STREAM_BYTES),
                    sheet_names(Path(path)))
    # A big file's import would check its rows in a worker process: its server starts now,
    # while the curator reviews the preview and the mapping.
    table = read.preview.table
    pipeline.warm_up(None if table.streamed else len(table.rows))
    return read


def copy_mapping(mapping: Mapping) -> Mapping:
    """A copy the worker owns: the curator may change the wizard's mapping while it runs."""
    return Mapping.from_json(mapping.to_json())


def dry_run(db_file: Path | str, user: str, table: Table, mapping: Mapping, media_root: Path | None,
            progress: Progress, cancelled: Cancelled) -> ImportPlan:
    archive = Archive.open(db_file, create=False, readonly=True, user=user)
    try:
        return plan_import(archive, table, mapping, media_root=media_root, progress=progress,
                           cancelled=cancelled)
    finally:
        archive.close()


@dataclass
class ImportDone:
    result: ImportResult
    backup: Path | None
    backup_note: str = ""


def _backup(archive: Archive) -> tuple[Path | None, str]:
    if archive.is_server:   # backed up on its server (`main.py server backup`); the import is one transaction
        return None, "a server archive is backed up on its server"
    try:
        from exhibit.keeping.backups import backup_before_import
    except ImportError:  # the keeping package is optional for this dialog
        return None, "no backup function available"
    return backup_before_import(archive).path, ""


def run_import(db_file: Path | str, user: str, table: Table, mapping: Mapping, media_root: Path | None,
               progress: Progress, cancelled: Cancelled, rejects_to: Path | None = None) -> ImportDone:
    """The import after a backup; with `rejects_to`, a partial one (the rejected rows go to that file)."""
    archive = Archive.open(db_file, create=False, check=False, user=user)
    try:
        if archive.readonly:
            raise ExhibitError(f"{db_file} is open read-only here; nothing was imported")
        progress(0, 0, "backup")
        backup, note = _backup(archive)
        if cancelled():
            raise ImportCancelled(f"{table.name}: the import was cancelled; nothing was changed")
        result = apply_import(archive, table, mapping, media_root=media_root, progress=progress,
                              cancelled=cancelled, rejects_to=rejects_to)
        return ImportDone(result, backup, note)
    finally:
        archive.close()


# ---------------------------------------------------------------- export

@dataclass
class ExportDone:
    path: Path
    count: int


def _stopping(progress: Progress, cancelled: Cancelled,
              message: str = "the export was cancelled; no file was written") -> Progress:
    """A progress callback that ends the task (raising) once the curator cancelled.

    For core calls that report progress but take no `cancelled`: reading a
    workbook, writing a table or a bundle (each cleans up its partial output).
    """
    def report(done: int, total: int, stage: str) -> None:
        if cancelled():
            raise TaskCancelled(message)
        progress(done, total, stage)
    return report


def run_export(db_file: Path | str, user: str, fmt: str, record_type: str, ids: Sequence[int] | None,
               dest: Path, progress: Progress, cancelled: Cancelled) -> ExportDone:
    """Write one export; `fmt` is csv, xlsx, json, lido, iiif, bundle-zip or bundle-folder."""
    from exhibit.interchange import archive_json, bundle, export, iiif, lido

    archive = Archive.open(db_file, create=False, readonly=True, user=user)
    report = _stopping(progress, cancelled)
    try:
        if fmt in ("csv", "xlsx"):
            count = export.write_table(archive, record_type, dest, ids, progress=report)
        elif fmt == "json":
            count = sum(archive_json.write_json(archive, dest).values())
        elif fmt == "lido":
            count = lido.write_lido(archive, dest, ids)
        elif fmt == "iiif":
            count = iiif.write_iiif(archive, dest, ids)
        elif fmt in ("bundle-zip", "bundle-folder"):
            count = bundle.make_bundle(archive, dest, progress=report).files
        else:
            raise ExhibitError(f"unknown export format {fmt}")
        return ExportDone(dest, count)
    finally:
        archive.close()


# ---------------------------------------------------------------- running

class Runner(background.Runner):
    """The shared runner; ImportCancelled and TaskCancelled report `cancelled`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, cancel_errors=(ImportCancelled, TaskCancelled))
