"""A large import on two cores: a worker process checks the rows and prepares them,
the main process writes.

`importer.apply_import` holds the archive's write lock (BEGIN IMMEDIATE) and
has written nothing yet when it starts the worker, so the worker's read-only
connection sees exactly the archive the import plans against, and nothing can
change it until the import ends. The worker runs the dry run's own code
(`importer._planning`: the same outcome for every row) and, for the rows to
create, `bulk.Numbering.prepare` (ids, time stamps, table, history and index
rows), and sends them in batches of `bulk.BATCH` rows. The main process writes
each batch while the worker prepares the next one. Profiled at 100,000 rows
(one process): checking ~7 s, index entries ~9.6 s, table and history rows
~2.4 s of Python, next to ~20 s of SQLite. Measured on the idle 2-core machine
(exhibit/interchange/bench.py's rows, alternating runs): 33.0 s against 35.5 s
in one process, the main process's CPU time 25.5 s against 35.3 s. The main
process is now the limit: SQLite (~14 s of it the FTS index), receiving the
rows (~3 s) and the commit.

Everything is still written in the main process's one transaction: a rejected
row, a cancel or a failure of the worker rolls it all back. Writing stops at
the first rejected row; the worker keeps checking so that the report names
every bad row, as the dry run does.

The worker is started with forkserver (or spawn), never a plain fork: a
forked child would inherit this process's SQLite connection and lock state.
"""
from __future__ import annotations

import multiprocessing
import os
from dataclasses import replace
from pathlib import Path
from typing import Any, Callable

from exhibit import services
from exhibit.archive import Archive, connect
from exhibit.errors import ExhibitError
from exhibit.interchange import bulk, importer
from exhibit.interchange.mapping import Mapping
from exhibit.interchange.tables import Table, TableRow
from exhibit.records import record_class

PARALLEL_MIN = 2000  # rows; below this the worker's start-up (~0.5 s) costs more than it saves
POLL_S = 0.2         # how often a wait for the worker looks at cancelled()
FIRST_BATCH = 1000   # rows

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


def usable(archive: Archive, table: Table, *, minimum: int | None = None) -> bool:
    """Whether `apply_import` should use a worker: enough rows, a second core, a database
    file a second connection can read, and no outer transaction (whose writes the
    worker could not see)."""
    rows = len(table.rows)
    if rows < (PARALLEL_MIN if minimum is None else minimum) or _start_method() is None:
        return False
    return (_spare_core() and archive.db_path.is_file() and not archive.readonly
            and not archive.db.conn.in_transaction)


def _spare_core() -> bool:
    """A worker pays only when a core would otherwise idle (as printing's QR worker,
    exhibit/printing/qr.py). On a machine whose other core was busy with another
    program, the 100,000-row import took 55-58 s with the worker against 39-44 s
    without: the worker's CPU time is taken from this process, and sending its rows
    costs ~3 s more. The load average counts this process itself."""
    try:
        load = os.getloadavg()[0]
    except (OSError, AttributeError):   # not on Windows
        load = 0.0
    cores = _cores()
    return cores >= 2 and load < cores - 0.5


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _start_method() -> str | None:
    methods = multiprocessing.get_all_start_methods()
    for method in ("forkserver", "spawn"):
        if method in methods:
            return method
    return None


def plan_and_write(archive: Archive, table: Table, mapping: Mapping, *, media_root: Path | None,
                   progress: ProgressFn | None, cancelled: CancelFn | None) -> importer.ImportPlan:
    """Plan every row in a worker and write the new records as their batches arrive.

    Must run inside `archive.transaction()`, before anything was written in it.
    Returns the complete plan, as `plan_import` makes it, with the created
    records numbered and written; raises ImportRejected or ImportCancelled
    (the caller's transaction then rolls everything back).
    """
    db = archive.db.conn
    if not db.in_transaction:
        raise ExhibitError("the import's writes must run inside archive.transaction()")
    plan = importer._empty_plan(table, mapping)  # a bad mapping fails here, before any process starts
    stamp = services.now()
    ctx = _context()
    receiving, sending = ctx.Pipe(duplex=False)
    rows_in, rows_out = ctx.Pipe(duplex=False)
    worker = ctx.Process(target=_work, name="exhibit-import",
                         args=(sending, rows_in, archive.db_path, archive.root, archive.user,
                               replace(table, rows=[]), mapping, media_root, stamp, bulk.BATCH), daemon=True)
    worker.start()
    sending.close()
    rows_in.close()
    try:
        _send_rows(rows_out, table)
        kind, total, next_id, next_doc_id = _receive(receiving, worker, cancelled, table.name)
        numbering = bulk.Numbering.start(db, record_class(mapping.record_type))
        if (numbering.next_id, numbering.next_doc_id) != (next_id, next_doc_id):
            raise ExhibitError(f"{table.name}: the import's worker saw another state of the archive; "
                               f"nothing was imported")
        ok = True
        with bulk.loading(db, record_class(mapping.record_type).TABLE, total):
            while True:
                message = _receive(receiving, worker, cancelled, table.name)
                if message[0] == "end":
                    plan.unknown_terms = message[1]
                    break
                _, outcomes, prepared = message
                plan.rows.extend(outcomes)
                ok = ok and not any(o.action == "rejected" for o in outcomes)
                if ok and prepared is not None:
                    bulk.write(db, prepared)
                    _records_from(prepared, [o for o in outcomes if o.action == "create"])
                if progress is not None:
                    progress(len(plan.rows), total, "writing" if ok else "checking")
        worker.join(timeout=5)
    finally:
        receiving.close()
        rows_out.close()
        if worker.is_alive():
            worker.terminate()
            worker.join(timeout=5)
    if not plan.ok:
        raise importer.ImportRejected(plan)
    return plan


def _receive(receiving: Any, worker: Any, cancelled: CancelFn | None, name: str) -> tuple:
    while not receiving.poll(POLL_S):
        if cancelled is not None and cancelled():
            raise importer.ImportCancelled(f"{name}: the import was cancelled; nothing was changed")
        if not worker.is_alive() and not receiving.poll(0):
            raise ExhibitError(f"{name}: the import's worker process stopped (exit code "
                               f"{worker.exitcode}); nothing was imported")
    if cancelled is not None and cancelled():
        raise importer.ImportCancelled(f"{name}: the import was cancelled; nothing was changed")
    try:
        message = receiving.recv()
    except EOFError as exc:
        raise ExhibitError(f"{name}: the import's worker process stopped; nothing was imported") from exc
    if message[0] == "error":
        raise message[1]
    return message


def _context() -> Any:
    ctx = multiprocessing.get_context(_start_method())
    if ctx.get_start_method() == "forkserver":
        # The server imports these once; each worker then starts with them loaded
        # (else every import re-imports them: ~0.3 s before the first row).
        ctx.set_forkserver_preload(["exhibit.interchange.pipeline"])
    return ctx


def _send_rows(rows_out: Any, table: Table) -> None:
    """The table's rows, in chunks the worker reads back while the next is pickled (as
    process arguments, the whole table was pickled, then read, one after the other: 1.7 s
    before the worker began at 100,000 rows). Rows as tuples: read back far faster than
    TableRow dataclasses."""
    try:
        for start in range(0, len(table.rows), ROWS_CHUNK):
            rows_out.send([(r.number, r.cells, r.problems, r.notes)
                           for r in table.rows[start:start + ROWS_CHUNK]])
        rows_out.send(None)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the worker stopped: _receive reports why
    finally:
        rows_out.close()


def _receive_rows(rows_in: Any) -> list[TableRow]:
    rows: list[TableRow] = []
    while (chunk := rows_in.recv()) is not None:
        rows.extend(TableRow(number, cells, problems, notes) for number, cells, problems, notes in chunk)
    rows_in.close()
    return rows


ROWS_CHUNK = 5000


def _work(sending: Any, rows_in: Any, db_path: Path, root: Path, user: str, table: Table, mapping: Mapping,
          media_root: Path | None, stamp: str, batch_rows: int) -> None:
    """The worker: plan every row from one snapshot, send batches of outcomes with the
    prepared rows of their new records, then the unknown terms."""
    try:
        table.rows = _receive_rows(rows_in)
        db = connect(db_path, readonly=True)
        db.conn.execute("BEGIN")  # one read snapshot for the whole plan
        archive = Archive(root=root, db=db, db_file=db_path, user=user, readonly=True)
        plan = importer._empty_plan(table, mapping)
        planner, total, outcomes = importer._planning(archive, table, mapping, plan.fields, media_root)
        numbering = bulk.Numbering.start(db.conn, planner.cls)
        sending.send(("start", total, numbering.next_id, numbering.next_doc_id))
        ok = True
        chunk: list[importer.RowOutcome] = []
        size = min(FIRST_BATCH, batch_rows)  # a short first batch: the main process starts writing sooner
        for outcome in outcomes:
            chunk.append(outcome)
            if len(chunk) == size:
                ok = _send_chunk(sending, chunk, numbering, stamp, user, ok)
                chunk, size = [], batch_rows
        if chunk:
            _send_chunk(sending, chunk, numbering, stamp, user, ok)
        sending.send(("end", list(planner.unknown.values())))
    except BaseException as exc:  # noqa: BLE001 - every failure goes to the main process
        try:
            sending.send(("error", exc))
        except Exception:  # not picklable
            sending.send(("error", ExhibitError(f"the import's worker failed: {type(exc).__name__}: {exc}")))
    finally:
        sending.close()


def _records_from(prepared: bulk.Prepared, creates: list[importer.RowOutcome]) -> None:
    """Give the created rows' outcomes their records, made from the rows just written
    (cheaper than sending the records too: unpickling dataclasses cost ~80 ms a batch)."""
    cls = record_class(prepared.record_type)
    ident = cls.IDENT
    for outcome, line in zip(creates, prepared.values):
        record = cls(*line)  # the table row: id, then the fields in their order (bulk._columns)
        record.is_sample = bool(record.is_sample)
        if ident and getattr(record, ident) is None:
            setattr(record, ident, "")  # an empty optional key is stored as NULL (Record.from_row)
        outcome.record = record


def _send_chunk(sending: Any, chunk: list[importer.RowOutcome], numbering: bulk.Numbering, stamp: str,
                user: str, ok: bool) -> bool:
    ok = ok and not any(o.action == "rejected" for o in chunk)
    creates = [o.record for o in chunk if o.action == "create"]
    prepared = numbering.prepare(creates, stamp, user, encoded=True) if ok and creates else None
    if prepared is not None:
        for o in chunk:
            if o.action == "create":
                o.record = None  # made again from the rows by the main process (_records_from)
    # One message: pickle stores each string once, shared by the records and the rows.
    sending.send(("rows", chunk, prepared))
    return ok

