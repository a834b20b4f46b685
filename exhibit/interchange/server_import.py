"""An import into a server archive: the plan and report of the SQLite import, written
through the services.

A SQLite archive's import writes its new records as prepared rows in batches (bulk.py),
checked by a worker process that reads the archive file beside the writer (pipeline.py);
neither can write PostgreSQL. Here the rows are planned as the dry run plans them
(importer.plan_import: the mapping, the record rules, duplicate keys, rejected rows, the
same report) and each record is then written by services.create / services.update, which
on a server validate it again, write its search entry and its history row and tell the
other windows (exhibit/server/records.py); images go through media_records, their files
copied into the archive's media folder.

All of it is one server transaction (each record a savepoint inside it): a rejected row
(unless the rejected rows are skipped), a cancel, a row the server refuses or any other
failure rolls everything back, and the other windows hear of nothing (PostgreSQL delivers
the notifications at commit). Nothing is written before the plan is complete, so a file
with a rejected row costs no writes at all.

Order inside the transaction: the plan; the vocabulary terms the mapping adds (the
server's rules look terms up in the archive, so they come before the records that use
them); the new records; the updates, each saved against the record as the plan read it
(`RowOutcome.base`: a record another curator saved meanwhile is a Conflict that stops the
import, never overwritten); the images; the rejects file of a partial import.

A streamed table (a CSV too large to hold) is read twice: once for its (compact) plan, once
to write its new records, planned again row by row. A row's outcome does not depend on
what the import wrote before it (the identifiers rows are matched against are read when
the planner is made, before the first write), so the second reading gives the plan's
outcomes; a row that comes out otherwise, or a file whose size or modification time
changed between the first reading and the end of the second, stops the import.

Speed: each record is about a dozen statements on the server (the rules' look-ups, its
row, its index entry, its history row, its notification) and a savepoint: 1.9 ms a row
for 5,000 new objects on a 2-core machine that also ran the server (a SQLite archive:
~0.12 ms). The index's totals are written once, at commit (exhibit/server/schema.py):
rewritten once per record, their row's old versions, which PostgreSQL cannot prune inside
one transaction, were walked by every write, and 10,000 rows took 160 s.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from exhibit import services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange import importer
from exhibit.interchange.importer import (
    CancelFn,
    ImportPlan,
    ImportResult,
    ProgressFn,
    RowOutcome,
    stop_if_cancelled,
)
from exhibit.interchange.mapping import Mapping
from exhibit.interchange.tables import Table

PROGRESS_EVERY = 100   # rows between progress reports and polls of cancelled()


class ImportChanged(ExhibitError):
    """A streamed table's file changed between its two readings, or a row came out otherwise."""


def apply_import(archive: Archive, table: Table, mapping: Mapping, *, media_root: Path | None = None,
                 progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
                 rejects_to: Path | None = None) -> ImportResult:
    """importer.apply_import on a server archive (see the module's docstring)."""
    started = time.perf_counter()
    state = _file_state(table)
    with archive.transaction():
        plan = importer.checked_plan(archive, table, mapping, media_root=media_root, progress=progress,
                                     cancelled=cancelled, skip_rejected=rejects_to is not None)
        result = ImportResult(plan)
        result.terms_added = importer.add_new_terms(archive, mapping)
        if table.streamed:
            _require_unchanged(table, state)   # before the second reading writes anything …
            result.created = _create_streamed(archive, table, mapping, plan, media_root, progress, cancelled)
            _require_unchanged(table, state)   # … and after it, before anything is committed
        else:
            result.created = _create(archive, table.name, [r for r in plan.rows if r.action == "create"],
                                     progress, cancelled)
        result.updated = _update(archive, table.name, [r for r in plan.rows if r.action == "update"],
                                 progress, cancelled)
        result.unchanged = plan.counts()["unchanged"]
        importer.import_media(archive, plan, media_root, result, progress, cancelled, table.name)
        if rejects_to is not None:
            importer.write_rejects(table, plan, rejects_to, result)
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _row(name: str, outcome: RowOutcome) -> Iterator[None]:
    """A record the server refuses (a rule, a key another curator took meanwhile, a record
    changed since the plan read it) stops the import with an error naming the row."""
    try:
        yield
    except ExhibitError as exc:
        raise ExhibitError(f"{name} row {outcome.row}: {exc}; nothing was imported") from exc


def _create(archive: Archive, name: str, creates: list[RowOutcome], progress: ProgressFn | None,
            cancelled: CancelFn | None) -> int:
    for number, outcome in enumerate(creates, start=1):
        with _row(name, outcome):
            outcome.record = services.create(archive, outcome.planned_record)
        _report(number, len(creates), "writing", progress, cancelled, name)
    return len(creates)


def _update(archive: Archive, name: str, updates: list[RowOutcome], progress: ProgressFn | None,
            cancelled: CancelFn | None) -> int:
    for number, outcome in enumerate(updates, start=1):
        with _row(name, outcome):
            outcome.record = services.update(archive, outcome.planned_record, base=outcome.base)
        _report(number, len(updates), "updating", progress, cancelled, name)
    return len(updates)


def _report(number: int, total: int, stage: str, progress: ProgressFn | None, cancelled: CancelFn | None,
            name: str) -> None:
    if number % PROGRESS_EVERY and number != total:
        return
    stop_if_cancelled(cancelled, name)
    if progress is not None:
        progress(number, total, stage)


def _file_state(table: Table) -> tuple[int, int] | None:
    """A streamed table's file as (size, modification time): read twice, it must not change."""
    if not table.streamed or table.path is None:
        return None
    try:
        found = table.path.stat()
    except OSError:
        return (-1, -1)
    return found.st_size, found.st_mtime_ns


def _require_unchanged(table: Table, state: tuple[int, int] | None) -> None:
    if _file_state(table) != state:
        raise ImportChanged(f"{table.name}: the file changed during the import; nothing was imported")


def _create_streamed(archive: Archive, table: Table, mapping: Mapping, plan: ImportPlan,
                     media_root: Path | None, progress: ProgressFn | None, cancelled: CancelFn | None) -> int:
    """Write the new records of a streamed table, planned again as its file is read again.

    The compact plan keeps the rows that are not plain creates (rejected, updated, with
    images or warnings); a created row it kept gets its saved record (its images are
    linked to that)."""
    planner = importer.Planner(archive, mapping, media_root)   # made before the first write
    kept = {r.row: r for r in plan.rows}
    expected = plan.counts()["create"]
    created = 0
    for item in importer.stream_outcomes(archive, table, mapping, plan.fields, planner):
        if isinstance(item, importer.Retraction):
            continue   # the plan has it rejected; it is not written (below)
        planned = kept.get(item.row)
        if planned is not None and planned.action == "rejected":
            continue   # a row the plan rejected (retracted, perhaps, after it was read)
        # A row the compact plan did not keep was a plain create or left unchanged.
        allowed = (planned.action,) if planned is not None else ("create", "unchanged")
        if item.action not in allowed:
            raise ImportChanged(f"{table.name} row {item.row}: planned to {allowed[0]}, but read again it "
                                f"would {item.action}; the file or the archive changed during the import, "
                                f"so nothing was imported")
        if item.action != "create":
            continue
        with _row(table.name, item):
            record = services.create(archive, item.planned_record)
        if planned is not None:
            planned.record = record
        created += 1
        _report(created, expected, "writing", progress, cancelled, table.name)
    if created != expected:
        raise ImportChanged(f"{table.name}: {expected} row(s) were planned to create, but {created} were read "
                            f"again; the file changed during the import, so nothing was imported")
    return created
