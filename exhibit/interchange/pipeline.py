"""A large import on two cores: a worker process checks the rows and prepares them,
the main process writes.

`importer.apply_import` holds the archive's write lock (BEGIN IMMEDIATE) and
has written nothing yet when it starts the worker, so the worker's read-only
connection sees exactly the archive the import plans against, and nothing can
change it until the import ends. The worker runs the dry run's own code
(`importer.planning`: the same outcome for every row) and, for the rows to
create, `bulk.Numbering.prepare` (ids, time stamps, table and index rows; the
history entries are made by SQLite at the end, `bulk.write_history`), and hands
them over in batches of `bulk.BATCH` rows. The table's rows go to the worker and
the batches come back as pickled files in memory (`_Spool`), up to AHEAD batches
ahead, so neither process waits on a 64 KB pipe. The main process writes each
batch while the worker prepares the next ones.

Where the time goes at 100,000 rows (bench/interchange.py's rows, 2-core
VM): the worker needs ~11 s of CPU (checking ~4.5 s, index texts ~4.5 s, pickling
~1 s); the main process ~13-15 s, of which SQLite's inserts ~9.5 s (the full-text
index most of it) and, after the last batch, the history entries, the sort indexes
and the COMMIT ~2.5 s. The two are about even now: the main process waits ~1 s in
all, ~0.8 s of it for the first batch (the worker needs every row's key first, for
the duplicates). The import takes ~15 s after a ~1.5 s read.

Everything is still written in the main process's one transaction: a rejected
row, a cancel or a failure of the worker rolls it all back. Writing stops at
the first rejected row; the worker keeps checking so that the report names
every bad row, as the dry run does. A partial import (`skip_rejected`) writes
the other rows of every batch and leaves the rejected ones out.

The worker is started with forkserver (or spawn), never a plain fork: a
forked child would inherit this process's SQLite connection and lock state.
"""
from __future__ import annotations

import bisect
import gc
import mmap
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
from array import array
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable

from exhibit import cpu, services
from exhibit.archive import Archive, connect
from exhibit.errors import ExhibitError
from exhibit.interchange import bulk, importer
from exhibit.interchange.mapping import Mapping
from exhibit.interchange.tables import Table, TableRow
from exhibit.records import record_class

PARALLEL_MIN = 2000  # rows; below this the worker's start-up (~0.5 s) costs more than it saves
POLL_S = 0.2         # how often a wait for the worker looks at cancelled()
FIRST_BATCH = 500    # rows

ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]


def usable(archive: Archive, table: Table, *, minimum: int | None = None) -> bool:
    """Whether `apply_import` should use a worker: enough rows, a second core, a database
    file a second connection can read, and no outer transaction (whose writes the
    worker could not see). Never on a server archive (server_import.py writes it)."""
    if archive.is_server:
        return False
    rows = len(table.rows)
    if (rows < (PARALLEL_MIN if minimum is None else minimum) and not table.streamed) or _start_method() is None:
        return False
    possible = archive.db_path.is_file() and not archive.readonly and not archive.db.conn.in_transaction
    # A streamed table has no other way (its rows are never all in memory): a worker even on a busy CPU.
    return possible and (table.streamed or cpu.spare_core())  # last: it samples the CPUs for 0.1 s


def warm_up(rows: int | None = None) -> None:
    """Start the worker's process server ahead of a big import (the command line while it
    reads the file, the wizard once it has the preview): a fresh interpreter importing
    the import's code and pypinyin takes ~0.5 s, which an import started later then does
    not wait for. Does nothing where no worker would run (`rows` known and too few, one
    core, no forkserver). Returns at once."""
    if (rows is not None and rows < PARALLEL_MIN) or cpu.cores() < 2 or _start_method() != "forkserver":
        return
    from multiprocessing import forkserver

    _context()  # names the modules the server preloads
    forkserver.ensure_running()


def _start_method() -> str | None:
    methods = multiprocessing.get_all_start_methods()
    for method in ("forkserver", "spawn"):
        if method in methods:
            return method
    return None


def plan_and_write(archive: Archive, table: Table, mapping: Mapping, *, media_root: Path | None,
                   progress: ProgressFn | None, cancelled: CancelFn | None,
                   skip_rejected: bool = False) -> tuple[importer.ImportPlan, "Figures"]:
    """Plan every row in a worker and write the new records as their batches arrive.

    Must run inside `archive.transaction()`, before anything was written in it.
    Returns the complete plan, as `plan_import` makes it, with the created
    records numbered and written, and the figures that say which of the two processes
    held the import up (Figures); raises ImportRejected or ImportCancelled
    (the caller's transaction then rolls everything back). With `skip_rejected`,
    the rejected rows are left out and the others written: no ImportRejected.
    """
    db = archive.db.conn
    if not db.in_transaction:
        raise ExhibitError("the import's writes must run inside archive.transaction()")
    plan = importer.empty_plan(table, mapping)  # a bad mapping fails here, before any process starts
    stamp = services.now()
    ctx = _context()
    receiving, sending = ctx.Pipe(duplex=False)
    rows_in, rows_out = ctx.Pipe(duplex=False)
    where = _spool_dir()
    _sweep_stale_spools(Path(where or tempfile.gettempdir()))
    spool = _Spool(Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=where)), ctx.Semaphore(AHEAD))
    worker = ctx.Process(target=_work, name="exhibit-import",
                         args=(sending, rows_in, spool, archive.db_path, archive.root, archive.user,
                               replace(table, rows=[]), mapping, media_root, stamp, bulk.BATCH, skip_rejected),
                         daemon=True)
    try:
        worker.start()
    except BaseException:
        shutil.rmtree(spool.folder, ignore_errors=True)
        raise
    sending.close()
    rows_in.close()
    if table.streamed:
        plan.make_compact()
    try:
        if table.streamed:
            rows_out.send(None)  # the worker reads the file itself
        else:
            _send_rows(rows_out, replace(spool, room=None), table)
        kind, total, next_id, next_doc_id = _receive(receiving, worker, cancelled, table.name, spool)
        numbering = bulk.Numbering.start(db, record_class(mapping.record_type))
        if (numbering.next_id, numbering.next_doc_id) != (next_id, next_doc_id):
            raise ExhibitError(f"{table.name}: the import's worker saw another state of the archive; "
                               f"nothing was imported")
        ok = True
        cls = record_class(mapping.record_type)
        waited, worker_cpu = 0.0, 0.0
        moved = [0, 0]  # batches whose index rows this process made; all batches
        with bulk.loading(db, cls.TABLE, total, lean=table.streamed):
            while True:
                asked = time.perf_counter()
                message = _receive(receiving, worker, cancelled, table.name, spool)
                waited += time.perf_counter() - asked
                if message[0] == "end":
                    plan.unknown_terms, empty_rows, worker_cpu = message[1:]
                    if table.streamed:
                        plan.empty_rows = empty_rows
                    break
                if message[0] == "retract":
                    _retract(archive, plan, message[1], message[2] if ok else None)
                    ok = ok and skip_rejected
                    continue
                _, outcomes, prepared, plain = message
                ok = ok and (skip_rejected or not any(o.action == "rejected" for o in outcomes))
                if ok and prepared is not None:
                    bulk.write(db, prepared)
                    moved[0] += prepared.index_from is not None
                    moved[1] += 1
                    if not table.streamed:  # a streamed table's rows with images came with their records
                        _records_from(prepared, [o for o in outcomes if o.action == "create"])
                for outcome in outcomes:
                    plan.add(outcome)
                plan.add_plain(plain)
                if progress is not None:
                    progress(plan.row_count, total, "writing" if ok else "checking")
            plan.finish()
            if ok:
                bulk.write_history(db, cls, numbering.next_id, stamp, archive.user)
        worker.join(timeout=5)
    finally:
        receiving.close()
        rows_out.close()
        if worker.is_alive():
            worker.terminate()
            worker.join(timeout=5)
        shutil.rmtree(spool.folder, ignore_errors=True)
    if not plan.ok and not skip_rejected:
        raise importer.ImportRejected(plan)
    return plan, Figures(waited, worker_cpu, moved[1], moved[0])


@dataclass
class Figures:
    waited_s: float      # this process's time waiting for the worker's batches
    worker_cpu_s: float  # the worker's own CPU time
    batches: int = 0
    indexed_by_writer: int = 0   # batches whose index rows this process made (_writer_waiting)


@dataclass
class _Spool:
    """Batches handed over as files in memory (/dev/shm where there is one), their names
    through the pipe.

    Sent through the pipe itself, a batch of ~20 MB crossed in 64 KB pieces, each
    waiting for the other side: ~5,000 reads (1 s of the main process at 100,000
    rows), and the worker stood still until the main process had read it all. Now the
    worker writes up to AHEAD batches ahead and goes on.
    """
    folder: Path
    room: Any  # a semaphore: how many more batches may wait unread (None: no limit)
    count: int = 0

    def put(self, sending: Any, message: Any, prefix: str = "batch") -> None:
        if self.room is not None:
            self.room.acquire()
        self.count += 1
        path = self.folder / f"{prefix}-{self.count}"
        path.write_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
        sending.send(("file", path.name))

    def take(self, name: str) -> Any:
        path = self.folder / name
        # Unpickled straight from the mapped file: no copy of its ~20 MB read into memory first.
        with open(path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            message = pickle.loads(data)
        path.unlink()
        if self.room is not None and name.startswith("batch-"):
            self.room.release()
        return message


AHEAD = 3  # batches (~20 MB each at 5,000 rows of the benchmark's objects)


def _spool_dir() -> str | None:
    """/dev/shm when it has room for the table and the batches ahead (a container's is often
    64 MB), else the usual temporary folder (on disk, but read back from the page cache)."""
    shm = Path("/dev/shm")
    try:
        stat = os.statvfs(shm)
    except (OSError, AttributeError):
        return None
    roomy = stat.f_bavail * stat.f_frsize >= SHM_NEEDED
    return str(shm) if roomy and os.access(shm, os.W_OK) else None


SHM_NEEDED = 1024 ** 3  # bytes: 100,000 rows' table (~90 MB) and AHEAD batches, with a wide margin
SPOOL_PREFIX = "exhibit-import-"
STALE_SPOOL_S = 3600  # an import's spool changes every few seconds while it runs


def _sweep_stale_spools(folder: Path) -> None:
    """Remove the spool folders of imports whose process was killed (a normal end, a cancel
    or a failure removes its own): any not changed for an hour. They can hold hundreds
    of MB, in memory when they are in /dev/shm."""
    cutoff = time.time() - STALE_SPOOL_S
    try:
        candidates = list(folder.glob(SPOOL_PREFIX + "*"))
    except OSError:
        return
    for old in candidates:
        try:
            if old.is_dir() and old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            continue  # gone meanwhile, or not ours to read


def _receive(receiving: Any, worker: Any, cancelled: CancelFn | None, name: str,
             spool: _Spool | None = None) -> tuple:
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
    if message[0] == "file" and spool is not None:
        message = spool.take(message[1])
    if message[0] == "error":
        raise message[1]
    return message


def _context() -> Any:
    ctx = multiprocessing.get_context(_start_method())
    if ctx.get_start_method() == "forkserver":
        # The server imports these once; each worker then starts with them loaded
        # (else every import re-imports them: ~0.3 s before the first row).
        ctx.set_forkserver_preload(["exhibit.interchange.pipeline", "pypinyin"])  # pypinyin: 0.2 s
    return ctx


def _send_rows(rows_out: Any, spool: "_Spool", table: Table) -> None:
    """The table's rows, in chunks the worker reads back while the next is pickled (as
    process arguments, the whole table was pickled, then read, one after the other: 1.7 s
    before the worker began at 100,000 rows). Rows as tuples: read back far faster than
    TableRow dataclasses."""
    try:
        for start in range(0, len(table.rows), ROWS_CHUNK):
            spool.put(rows_out, [(r.number, r.cells, r.problems, r.notes)
                                 for r in table.rows[start:start + ROWS_CHUNK]], prefix="rows")
        rows_out.send(None)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the worker stopped: _receive reports why
    finally:
        rows_out.close()


def _receive_rows(rows_in: Any, spool: "_Spool", each: Callable[[list[TableRow]], None]) -> list[TableRow]:
    """The table's rows; `each` sees every chunk as it comes (the worker reads the rows'
    keys then, while the main process pickles the next chunk)."""
    rows: list[TableRow] = []
    while (message := rows_in.recv()) is not None:
        chunk = spool.take(message[1])
        received = [TableRow(number, cells, problems, notes) for number, cells, problems, notes in chunk]
        each(received)
        rows.extend(received)
    rows_in.close()
    return rows


ROWS_CHUNK = 5000


def _work(sending: Any, rows_in: Any, spool: _Spool, db_path: Path, root: Path, user: str, table: Table,
          mapping: Mapping, media_root: Path | None, stamp: str, batch_rows: int,
          skip_rejected: bool = False) -> None:
    """The worker: plan every row from one snapshot, send batches of outcomes with the
    prepared rows of their new records, then the unknown terms."""
    # This short-lived process makes no reference cycles worth collecting (exceptions
    # caught per row are unbound on leaving their except block); the collector's passes
    # over the table's and outcomes' millions of objects cost about a second.
    gc.disable()
    try:
        db = connect(db_path, readonly=True)
        db.conn.execute("BEGIN")  # one read snapshot for the whole plan
        archive = Archive(root=root, db=db, db_file=db_path, user=user, readonly=True)
        plan = importer.empty_plan(table, mapping)
        planner = importer.Planner(archive, mapping, media_root)  # loads what it needs while rows arrive
        if table.streamed:
            rows_in.recv()  # nothing is sent: the rows come from the file
            rows_in.close()
            _work_streamed(sending, spool, archive, table, mapping, plan.fields, planner, stamp, user,
                           batch_rows, skip_rejected)
            return
        keys: list[importer.RowKey] = []
        table.rows = _receive_rows(rows_in, spool, lambda rows: keys.extend(
            importer.row_keys(rows, plan.fields, mapping.record_type)))
        planner, total, outcomes = importer.planning(archive, table, mapping, plan.fields, media_root,
                                                      planner=planner, keys=keys)
        numbering = bulk.Numbering.start(db.conn, planner.cls)
        sending.send(("start", total, numbering.next_id, numbering.next_doc_id))
        ok = True
        chunk: list[importer.RowOutcome] = []
        size = min(FIRST_BATCH, batch_rows)  # a short first batch: the main process starts writing sooner
        for outcome in outcomes:
            chunk.append(outcome)
            if len(chunk) == size:
                ok = _send_chunk(sending, spool, chunk, numbering, stamp, user, ok, skip_rejected)
                chunk, size = [], batch_rows
        if chunk:
            _send_chunk(sending, spool, chunk, numbering, stamp, user, ok, skip_rejected)
        sending.send(("end", list(planner.unknown.values()), [], time.process_time()))
    except BaseException as exc:  # noqa: BLE001 - every failure goes to the main process
        try:
            sending.send(("error", exc))
        except Exception:  # not picklable
            sending.send(("error", ExhibitError(f"the import's worker failed: {type(exc).__name__}: {exc}")))
    finally:
        sending.close()


def _retract(archive: Archive, plan: importer.ImportPlan, retraction: importer.Retraction,
             written: int | None) -> None:
    """A row found to be a duplicate after it was planned (a streamed table): rejected in the
    plan, and its record, if its batch was written (`written`: its id), taken out again:
    row, search index and all, in the import's transaction (its history is made at the end
    from the rows still there)."""
    from exhibit import search

    plan.retract(retraction)
    if written is not None:
        cls = record_class(plan.record_type)
        search.unindex(archive.db, cls.TYPE, written)
        archive.db.execute(f"DELETE FROM {cls.TABLE} WHERE id = ?", [written])


def _work_streamed(sending: Any, spool: _Spool, archive: Archive, table: Table, mapping: Mapping,
                   fields: list[str], planner: importer.Planner, stamp: str, user: str, batch_rows: int,
                   skip_rejected: bool) -> None:
    """The worker's part for a streamed table: plan its rows in one pass over the file
    (importer.stream_outcomes) and send batches as in `_work`. A row retracted while its
    batch is still here is rejected in it; one already sent is retracted in the main
    process, with its record's id if the batch was written (ids follow the created rows
    in order from the first: kept as row numbers, 8 bytes each)."""
    numbering = bulk.Numbering.start(archive.db.conn, planner.cls)
    first_id = numbering.next_id
    sending.send(("start", 0, numbering.next_id, numbering.next_doc_id))
    created = array("q")  # row numbers of the created rows sent, in id order
    ok = True
    chunk: list[importer.RowOutcome] = []
    waiting: dict[int, importer.RowOutcome] = {}
    size = min(FIRST_BATCH, batch_rows)
    for item in importer.stream_outcomes(archive, table, mapping, fields, planner):
        if isinstance(item, importer.Retraction):
            if item.row in waiting:
                importer.reject_as_duplicate(waiting[item.row], item.problem)
                continue
            at = bisect.bisect_left(created, item.row)
            written = first_id + at if at < len(created) and created[at] == item.row else None
            sending.send(("retract", item, written))
            ok = ok and skip_rejected
            continue
        chunk.append(item)
        waiting[item.row] = item
        if len(chunk) == size:
            ok = _send_streamed(sending, spool, chunk, numbering, stamp, user, ok, skip_rejected, created)
            chunk, size = [], batch_rows
            waiting.clear()
    if chunk:
        _send_streamed(sending, spool, chunk, numbering, stamp, user, ok, skip_rejected, created)
    sending.send(("end", list(planner.unknown.values()), list(table.empty_rows), time.process_time()))


def _send_streamed(sending: Any, spool: _Spool, chunk: list[importer.RowOutcome], numbering: bulk.Numbering,
                   stamp: str, user: str, ok: bool, skip_rejected: bool, created: "array[int]") -> bool:
    rows = [o.row for o in chunk if o.action == "create"]
    ok = _send_chunk(sending, spool, chunk, numbering, stamp, user, ok, skip_rejected, compact=True)
    if ok:  # the batch's new records were numbered and will be written
        created.extend(rows)
    return ok


def _writer_waiting(spool: _Spool) -> bool:
    """Whether the main process has read every batch sent (it is writing the last one, or
    waiting): this worker holds the import up, so the batch's search index rows (~40 µs a
    row) are left to the main process (bulk.write). Asked per batch: the work moves back as
    soon as batches wait again. (The history entries were moved the other way, to the
    worker while the writer was behind, and that made the writer slower: interleaved with
    the index, the history's pages crowded the page cache; 1,000,000 rows: 233 s against
    204 s. SQLite makes them at the end, in one statement.)"""
    if spool.room is None:
        return False
    try:
        return bool(spool.room.get_value() >= AHEAD)
    except NotImplementedError:
        return False


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


def _send_chunk(sending: Any, spool: _Spool, chunk: list[importer.RowOutcome], numbering: bulk.Numbering,
                stamp: str, user: str, ok: bool, skip_rejected: bool = False, compact: bool = False) -> bool:
    """Number and prepare the chunk's new records (while the import may still write) and send
    them with the outcomes. `compact` (a streamed table, whose plan keeps only the rows it
    needs again): a plain created row, with no warning and no image, is sent as a count."""
    ok = ok and (skip_rejected or not any(o.action == "rejected" for o in chunk))
    creates = [o.planned_record for o in chunk if o.action == "create"]
    prepared = (numbering.prepare(creates, stamp, user, encoded=True, with_index=not _writer_waiting(spool))
                if ok and creates else None)
    plain = 0
    if compact:
        plain = sum(1 for o in chunk if o.action == "create" and not o.warnings and not o.media)
        chunk = [o for o in chunk if o.action != "create" or o.warnings or o.media]
        for o in chunk:
            if o.action == "create" and not o.media:
                o.record = None  # a row with images keeps its record (numbered): they are linked to it
    elif prepared is not None:
        for o in chunk:
            if o.action == "create":
                o.record = None  # made again from the rows by the main process (_records_from)
    # One message: pickle stores each string once, shared by the records and the rows.
    spool.put(sending, ("rows", chunk, prepared, plain))
    return ok

