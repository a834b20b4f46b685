"""Server archive benchmark: `uv run python -m bench server --objects 100000`.

On the same data in the same run: a SQLite archive filled with the import's bulk writer
(bench.interchange.fill), then `server upload`ed to a throwaway PostgreSQL (initdb and
pg_ctl into a folder under /tmp, tests/pg.py's way; stopped and removed at the end). It
prints one JSON object:

- search p50/p95 per query kind (bench/search.py's generator) on SQLite and on the server,
  the ratio, and how many queries gave different hits (there should be none), twice: a
  first pass right after the upload, the server's buffers holding what the upload left
  there (every page a query reads comes from the operating system's cache), and a steady
  pass over the same queries with the search tables in the server's buffers (pg_prewarm),
  as on a server that has answered searches for a while (PostgreSQL's autoprewarm keeps
  them there across restarts). The target is judged on the steady pass; both are printed;
- edits per second with 1, 4 and 16 writer processes, each a loop of records.get +
  records.update on a small set of shared objects (so that saves collide): acknowledged
  edits, conflicts, and a check that none was lost (the objects' versions went up by
  exactly the acknowledged edits, and history holds one row each);
- the time from one connection's save to a Listener's callback (median, p95);
- the curator list's figures (`list`, bench_list) on SQLite and on the server, over
  `--list-objects` objects (1,000,000 by default: the list's own archive and database when
  that differs from `--objects`): first paint, the whole id list, and scroll pages, for
  the default sort, a title sort and a 2-character Chinese search;
- the targets (search p95 ≤ 20 ms, save → refresh ≤ 1 s, list first paint ≤ 300 ms), the
  machine's load before and after, and its CPUs. Every ratio compares figures of the same run.

`--skip-search`, `--skip-edits`, `--skip-refresh` and `--skip-list` leave sections out
(with all three of the first skipped, only the list's data is made):
`python -m bench server --list-objects 1000000 --skip-search --skip-edits --skip-refresh`.
"""
from __future__ import annotations

import argparse
import gc
import json
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from array import array
from contextlib import ExitStack, closing
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any, Callable

from bench.corpus import percentile
from bench.curator_list import TARGET_FIRST_PAINT_MS

SEARCH_P95_TARGET_MS = 20.0
REFRESH_TARGET_MS = 1000.0
# The throwaway server as a museum's would be set up for this load, durable (fsync on):
# edits per second mean nothing without it.
SERVER_OPTIONS = "-c max_connections=60 -c work_mem=16MB"


def shared_buffers() -> str:
    """PostgreSQL's own advice for a dedicated server's shared_buffers: a quarter of its memory
    (here at least 256 MB and at most 4 GB). The search tables take about 1.1 GB at 100,000
    objects; 256 MB holds them only in part."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    return f"{max(256, min(4096, memory // 4 // 2**20))}MB"


def _ms(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2)}


def prewarm(url: str) -> dict[str, Any]:
    """Load the search tables, their TOAST and their indexes into the server's buffers with
    pg_prewarm (in PostgreSQL's contrib, which Debian's postgresql package includes)."""
    import psycopg

    from exhibit.server.address import SCHEMA, connect

    with connect(url) as conn:
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm SCHEMA public")
        except psycopg.Error as exc:
            return {"prewarmed": False, "why": str(exc).strip().splitlines()[0]}
        t = time.perf_counter()
        row = conn.execute(
            "WITH t AS (SELECT c.oid, c.reltoastrelid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r' AND c.relname LIKE 'search\\_%%'), "
            "r AS (SELECT oid FROM t UNION SELECT reltoastrelid FROM t WHERE reltoastrelid <> 0), "
            "a AS (SELECT oid FROM r UNION SELECT indexrelid FROM pg_index WHERE indrelid IN (SELECT oid FROM r)) "
            "SELECT count(*), coalesce(sum(public.pg_prewarm(oid)), 0) FROM a", [SCHEMA]).fetchone()
        blocks = int(row[1]) if row else 0
        return {"prewarmed": True, "relations": int(row[0]) if row else 0,
                "mb": round(blocks * 8192 / 2**20), "seconds": round(time.perf_counter() - t, 1)}


def _search_pass(archive: Any, conn: Any, kinds: dict[str, list[str]]) -> dict[str, Any]:
    """Each query once on SQLite and once on the server: the times per kind, and how many
    queries gave different hits or totals."""
    from exhibit import search
    from exhibit.server import search as server_search

    out: dict[str, Any] = {}
    for kind, items in kinds.items():
        local_ms, server_ms, differ = [], [], 0
        for query in items:
            t = time.perf_counter()
            local = search.search(archive.db, query, limit=20)
            local_ms.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            remote = server_search.search(conn, query, limit=20)
            server_ms.append((time.perf_counter() - t) * 1000)
            same = ([(h.record_type, h.record_id) for h in local.hits]
                    == [(h.record_type, h.record_id) for h in remote.hits] and local.total == remote.total)
            differ += not same
        out[kind] = {"sqlite": _ms(local_ms), "server": _ms(server_ms), "different_hits": differ}
    return out


def bench_search(archive: Any, url: str, rng: random.Random, per_kind: int) -> dict[str, Any]:
    from bench.search import queries
    from exhibit import search, services
    from exhibit.records import ArchiveObject
    from exhibit.server import search as server_search
    from exhibit.server.address import connect

    total = services.count(archive, "object")
    ids = rng.sample(range(1, total + 1), min(400, total))
    samples = services.list_records(archive, ArchiveObject, where=f"id IN ({','.join(map(str, ids))})")
    kinds = {kind: [q for q in items if q] for kind, items in queries(samples, rng, per_kind).items()}
    # As the curator window does once it shows (ui/common/memory.py): the search tables are
    # loaded and what exists then is frozen out of the cycle collector's walks, whose full
    # collections (30-60 ms in this process) would otherwise land on a query now and then.
    search.warm_up()
    gc.freeze()
    with connect(url) as conn:
        for items in kinds.values():
            search.search(archive.db, items[0])             # the code's own caches, both sides
            server_search.search(conn, items[0])
        first = _search_pass(archive, conn, kinds)
        warmed = prewarm(url)
        steady = _search_pass(archive, conn, kinds)
    out: dict[str, Any] = {"prewarm": warmed}
    for kind, items in kinds.items():
        sqlite, server = steady[kind]["sqlite"], steady[kind]["server"]
        out[kind] = {"queries": len(items), "sqlite": sqlite, "server": server,
                     "server_over_sqlite_p95": round(server["p95_ms"] / max(sqlite["p95_ms"], 1e-3), 1),
                     "meets_target": server["p95_ms"] <= SEARCH_P95_TARGET_MS,
                     "first_pass": {"sqlite": first[kind]["sqlite"], "server": first[kind]["server"],
                                    "meets_target": first[kind]["server"]["p95_ms"] <= SEARCH_P95_TARGET_MS},
                     "different_hits": first[kind]["different_hits"] + steady[kind]["different_hits"]}
    return out


def _writer(url: str, ids: list[int], seconds: float, seed: int, start: Any, results: Any) -> None:
    """One curator saving as fast as it can: read a shared object, change its English name,
    save against the version read. Conflicts are counted, not retried."""
    from exhibit import search
    from exhibit.records import ArchiveObject
    from exhibit.server import records
    from exhibit.server.address import connect

    rng = random.Random(seed)
    acked = conflicts = 0
    with connect(url) as conn:
        # Load what the first save would (pinyin tables, rules): on a 2-core machine 16
        # writers loading them at once would be timed as saving.
        search.warm_up()
        records.validate(conn, records.get(conn, ArchiveObject, ids[0]).record)
        start.wait()
        t0 = time.perf_counter()
        end = t0 + seconds
        n = 0
        while time.perf_counter() < end:
            n += 1
            object_id = rng.choice(ids)
            stored = records.get(conn, ArchiveObject, object_id)
            edited = replace(stored.record, name_en=f"edited by writer {seed} #{n}")
            try:
                saved = records.update(conn, edited, stored, who=f"writer{seed}")
            except records.Conflict:
                conflicts += 1
                continue
            acked += saved.version == stored.version + 1
        results.put((acked, conflicts, time.perf_counter() - t0))


def bench_edits(url: str, writers: int, seconds: float, hot: int, rng: random.Random) -> dict[str, Any]:
    from exhibit.server.address import connect

    with connect(url) as conn:
        ids = [int(r[0]) for r in conn.execute("SELECT id FROM objects ORDER BY id LIMIT %s", [hot])]
        before = dict(conn.execute("SELECT id, version FROM objects WHERE id = ANY(%s)", [ids]).fetchall())
        history_before = conn.execute("SELECT count(*) FROM history WHERE action = 'update'").fetchone()
    context = multiprocessing.get_context("spawn")   # each writer its own interpreter and connection
    start, results = context.Event(), context.Queue()
    procs = [context.Process(target=_writer, args=(url, ids, seconds, 1000 * writers + i, start, results))
             for i in range(writers)]
    for p in procs:
        p.start()
    time.sleep(3.0 + 1.0 * writers)                   # let every writer import, connect and warm up
    start.set()
    done = [results.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(30)
    acked = sum(d[0] for d in done)
    conflicts = sum(d[1] for d in done)
    wall = max(d[2] for d in done)
    with connect(url) as conn:
        after = dict(conn.execute("SELECT id, version FROM objects WHERE id = ANY(%s)", [ids]).fetchall())
        history_after = conn.execute("SELECT count(*) FROM history WHERE action = 'update'").fetchone()
    assert history_before is not None and history_after is not None
    bumps = sum(after[i] - before[i] for i in ids)
    return {"writers": writers, "seconds": round(wall, 2), "acknowledged": acked, "conflicts": conflicts,
            "edits_per_second": round(acked / wall, 1),
            "version_increase": bumps, "history_rows": history_after[0] - history_before[0],
            "none_lost": bumps == acked == history_after[0] - history_before[0]}


def bench_refresh(url: str, rounds: int) -> dict[str, Any]:
    """Save on one connection; time until a Listener (its own connection) calls back."""
    from exhibit.records import ArchiveObject
    from exhibit.server import records
    from exhibit.server.address import connect
    from exhibit.server.listen import CONNECTED, Listener

    heard: dict[tuple[int, int], float] = {}
    arrived = threading.Condition()
    connected = threading.Event()

    def on_change(change: Any) -> None:
        with arrived:
            heard[(change.id, change.version)] = time.perf_counter()
            arrived.notify_all()

    listener = Listener(url, on_change, lambda state: connected.set() if state == CONNECTED else None)
    listener.start()
    times: list[float] = []
    missed = 0
    try:
        if not connected.wait(30):
            raise SystemExit("the listener did not connect")
        with connect(url) as conn:
            object_id = int(conn.execute("SELECT max(id) FROM objects").fetchone()[0])  # type: ignore[index]
            for n in range(rounds):
                stored = records.get(conn, ArchiveObject, object_id)
                edited = replace(stored.record, name_en=f"refresh round {n}")
                t = time.perf_counter()
                saved = records.update(conn, edited, stored, who="bench")
                key = (object_id, saved.version)
                with arrived:
                    if not arrived.wait_for(lambda: key in heard, timeout=10):
                        missed += 1
                        continue
                times.append((heard[key] - t) * 1000)
                time.sleep(0.02)
    finally:
        listener.stop()
    return {"rounds": rounds, "missed": missed, "median_ms": round(percentile(times, 50), 2),
            "p95_ms": round(percentile(times, 95), 2),
            "meets_target": bool(times) and percentile(times, 95) <= REFRESH_TARGET_MS}


# ---------------------------------------------------------------- the curator's list

def _stats(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2),
            "max_ms": round(max(values), 2)}


def _timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    t = time.perf_counter()
    value = fn()
    return value, (time.perf_counter() - t) * 1000


def _open_list(archive: Any, q: Any) -> dict[str, Any]:
    """What RecordTableModel does from nothing to its first screen's rows (ui/curator/models.py
    _load_ids, then _page(0)), step by step, each step timed in ms.

    A list without search text is counted; a short one (≤ SYNC_BELOW rows) reads its whole id
    list, a long one its first 4 pages of ids if they are cheap (unfiltered, or a filter that
    keeps DENSE_SHARE of the table, checked against the size estimate). A search list reads
    its whole id list (its count would cost as much). Then the first page's rows."""
    from exhibit import listing
    from ui.curator.models import DENSE_SHARE, PAGE_SIZE, SYNC_BELOW, columns_for, fields_of

    steps: dict[str, float] = {}
    count = -1
    if not q.search.strip():
        count, steps["count"] = _timed(lambda: listing.count_ids(archive, q))
    if count <= SYNC_BELOW:
        ids, steps["record_ids"] = _timed(lambda: listing.record_ids(archive, q))
        count = len(ids)
    else:
        cheap = not (q.category or q.status or q.date_from or q.date_to or q.section_id is not None)
        if not cheap:
            size, steps["size_estimate"] = _timed(lambda: listing.table_size_estimate(archive, q.record_type))
            cheap = count >= DENSE_SHARE * size
        if cheap:
            ids, steps["first_ids"] = _timed(lambda: listing.first_ids(archive, q, 4 * PAGE_SIZE))
        else:
            ids = array("q")   # blank rows until the whole list has loaded
    fields = fields_of(columns_for(q.record_type))
    rows, steps["fetch_rows"] = _timed(
        lambda: listing.fetch_rows(archive, q.record_type, ids[:PAGE_SIZE], fields))
    return {"count": count, "ids": ids, "rows": rows, "steps": steps}


def _list_figures(archive: Any, q: Any, runs: int, pages: int, rng: random.Random) -> dict[str, Any]:
    """One backend's figures for one list: first paint (the data part of it: from nothing
    to the first screen's rows), the whole id list, and scroll pages at random offsets."""
    from exhibit import listing
    from ui.curator.models import PAGE_SIZE, columns_for, fields_of

    paints, steps = [], []
    for _ in range(runs):
        opened, ms = _timed(lambda: _open_list(archive, q))
        paints.append(ms)
        steps.append(opened["steps"])
    # The whole id list: what the model loads on a pool thread after the first paint.
    # Fewer runs than the first paint: at a million rows it takes seconds.
    loads = [_timed(lambda: listing.record_ids(archive, q)) for _ in range(min(runs, 3))]
    ids = loads[-1][0]
    fields = fields_of(columns_for(q.record_type))
    # A page of PAGE_SIZE rows, as the model reads one when the view scrolls onto it; a
    # jump anywhere in the list lands on a page not read yet.
    numbers = [rng.randrange(max(1, -(-len(ids) // PAGE_SIZE))) for _ in range(pages)]

    def page(number: int) -> dict[int, tuple]:
        return listing.fetch_rows(archive, q.record_type, ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE], fields)

    frames = [_timed(partial(page, n))[1] for n in numbers]
    return {
        "rows": len(ids),
        "first_paint": {"runs": runs, "median_ms": round(percentile(paints, 50), 2),
                        "p95_ms": round(percentile(paints, 95), 2),
                        "steps_median_ms": {k: round(percentile([s[k] for s in steps], 50), 2)
                                            for k in steps[0]},
                        "meets_target": percentile(paints, 95) <= TARGET_FIRST_PAINT_MS},
        "id_list": {"runs": len(loads), "median_ms": round(percentile([ms for _, ms in loads], 50), 1),
                    "max_ms": round(max(ms for _, ms in loads), 1)},
        "scroll_page": {"pages": pages, "page_rows": PAGE_SIZE, **_stats(frames)},
        # Kept for the comparison of the two backends (dropped from the printed figures).
        "_ids": ids, "_first_rows": opened["rows"], "_count": opened["count"],
    }


def _search_text(archive: Any, rng: random.Random) -> str:
    """A 2-character Chinese query as a curator types it: two adjacent characters of an
    object's description (bench/search.py's zh_2char kind)."""
    from bench.search import queries
    from exhibit import services
    from exhibit.records import ArchiveObject

    total = services.count(archive, "object")
    ids = rng.sample(range(1, total + 1), min(50, total))
    samples = services.list_records(archive, ArchiveObject, where=f"id IN ({','.join(map(str, ids))})")
    while True:
        text = queries(samples, rng, 1)["zh_2char"][0]
        if len(text) == 2:
            return text


def bench_list(sqlite_archive: Any, server_archive: Any, rng: random.Random, *,
               runs: int = 11, pages: int = 200) -> dict[str, Any]:
    """The curator list (exhibit/listing.py as RecordTableModel uses it) on both archives of
    the same data: the default sort, the Chinese title sort and a 2-character search; each
    backend's figures, the server's over SQLite's, and whether both listed the same rows."""
    from exhibit.listing import ListQuery

    text = _search_text(sqlite_archive, rng)
    lists = {"default": ListQuery("object"), "title_zh": ListQuery("object", sort="title_zh"),
             "search": ListQuery("object", search=text)}
    out: dict[str, Any] = {"search_text": text}
    for name, q in lists.items():
        seed = rng.randrange(2**32)   # both backends scroll onto the same pages
        local = _list_figures(sqlite_archive, q, runs, pages, random.Random(seed))
        remote = _list_figures(server_archive, q, runs, pages, random.Random(seed))
        ratio = {
            "first_paint_median": round(remote["first_paint"]["median_ms"]
                                        / max(local["first_paint"]["median_ms"], 1e-3), 1),
            "first_paint_p95": round(remote["first_paint"]["p95_ms"] / max(local["first_paint"]["p95_ms"], 1e-3), 1),
            "id_list_median": round(remote["id_list"]["median_ms"] / max(local["id_list"]["median_ms"], 1e-3), 1),
            "scroll_page_p95": round(remote["scroll_page"]["p95_ms"] / max(local["scroll_page"]["p95_ms"], 1e-3), 1),
        }
        # The search ranks on each backend's own index (bm25 on both, ties may fall apart
        # differently): its rows should be the same, their order may differ.
        same = {"count": local["_count"] == remote["_count"],
                "ids_in_order": local["_ids"] == remote["_ids"],
                "ids_as_set": set(local["_ids"]) == set(remote["_ids"]),
                "first_rows": local["_first_rows"] == remote["_first_rows"]}
        for figures in (local, remote):
            for key in [k for k in figures if k.startswith("_")]:
                del figures[key]
        out[name] = {"sqlite": local, "server": remote, "server_over_sqlite": ratio, "same": same}
    out["meets_target"] = {name: out[name]["server"]["first_paint"]["meets_target"] for name in lists}
    return out


def _prepare(stack: ExitStack, pg: Any, tmp: Path, name: str, objects: int, seed: int) -> dict[str, Any]:
    """A SQLite archive of `objects` objects (the import's bulk writer) and the same uploaded
    to a new database `name` on the throwaway server; both closed when `stack` closes."""
    from bench.interchange import fill
    from exhibit.archive import Archive
    from exhibit.server import schema as server_schema
    from exhibit.server.transfer import upload

    root = tmp / name
    archive = stack.enter_context(closing(Archive.open(root, user="bench")))
    t = time.perf_counter()
    fill(archive, objects, seed)
    archive.db.execute("PRAGMA optimize")
    fill_seconds = round(time.perf_counter() - t, 1)
    pg.execute(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8'")
    url = pg.url(name)
    server_schema.init(url)
    t = time.perf_counter()
    report = upload(root, url)
    uploaded = {"seconds": round(time.perf_counter() - t, 1),
                "index_entries": report.counts.get("search_words", 0)}
    t = time.perf_counter()
    pg.execute("VACUUM ANALYZE", name)
    uploaded["vacuum_analyze_seconds"] = round(time.perf_counter() - t, 1)
    return {"archive": archive, "url": url, "fill_seconds": fill_seconds, "upload": uploaded}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench server", description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="queries per kind")
    parser.add_argument("--writers", default="1,4,16", help="writer process counts, comma-separated")
    parser.add_argument("--edit-seconds", type=float, default=10.0, help="how long each writer count runs")
    parser.add_argument("--hot", type=int, default=50, help="objects the writers share (and collide on)")
    parser.add_argument("--refresh-rounds", type=int, default=100)
    parser.add_argument("--list-objects", type=int, default=1_000_000,
                        help="objects for the list section (its own archive when not --objects)")
    parser.add_argument("--list-runs", type=int, default=11, help="first paints timed per list and backend")
    parser.add_argument("--list-pages", type=int, default=200, help="scroll pages timed per list and backend")
    for section in ("search", "edits", "refresh", "list"):
        parser.add_argument(f"--skip-{section}", action="store_true", help=f"leave out the {section} section")
    parser.add_argument("--seed", type=int, default=1944)
    parser.add_argument("--shared-buffers", default=shared_buffers(),
                        help="the server's shared_buffers (default a quarter of this machine's memory, "
                             f"at most 4 GB: {shared_buffers()})")
    args = parser.parse_args(argv)

    from tests.pg import NoServer, throwaway_server

    rng = random.Random(args.seed)
    main_sections = not (args.skip_search and args.skip_edits and args.skip_refresh)
    result: dict[str, Any] = {"cpus": os.cpu_count(), "load_before": [round(x, 2) for x in os.getloadavg()],
                              "targets": {"search_p95_ms": SEARCH_P95_TARGET_MS,
                                          "save_to_refresh_ms": REFRESH_TARGET_MS,
                                          "list_first_paint_ms": TARGET_FIRST_PAINT_MS}}
    with tempfile.TemporaryDirectory(prefix="exhibit-bench-server-") as tmp, ExitStack() as stack:
        try:
            pg = stack.enter_context(throwaway_server(f"{SERVER_OPTIONS} -c shared_buffers={args.shared_buffers}"))
            with __import__("psycopg").connect(pg.url()) as conn:
                result["postgresql"] = conn.info.server_version
                result["shared_buffers"] = conn.execute("SHOW shared_buffers").fetchone()[0]
            data = None
            if main_sections:
                data = _prepare(stack, pg, Path(tmp), "bench", args.objects, args.seed)
                url = data["url"]
                result.update({"objects": args.objects, "fill_seconds": data["fill_seconds"],
                               "upload": data["upload"]})
                if not args.skip_search:
                    result["search"] = bench_search(data["archive"], url, rng, args.queries)
            if not args.skip_list:
                # Before the edits, which change the server's rows (and so its list) only.
                result["list"] = _run_list(pg, Path(tmp), data, args, rng)
            if data is not None and not args.skip_edits:
                result["edits"] = [bench_edits(data["url"], int(w), args.edit_seconds, args.hot, rng)
                                   for w in args.writers.split(",")]
            if data is not None and not args.skip_refresh:
                result["save_to_refresh"] = bench_refresh(data["url"], args.refresh_rounds)
        except NoServer as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def _run_list(pg: Any, tmp: Path, data: dict[str, Any] | None, args: Any,
              rng: random.Random) -> dict[str, Any]:
    """The list section over `--list-objects` objects: the other sections' data when it has
    that many, else an archive and database of its own (removed with the rest at the end)."""
    from exhibit.archive import Archive

    out: dict[str, Any] = {"objects": args.list_objects}
    with ExitStack() as own:
        if data is not None and args.list_objects == args.objects:
            out["data"] = "shared with the other sections"
        else:
            data = _prepare(own, pg, tmp, "bench_list", args.list_objects, args.seed + 1)
            out.update({"fill_seconds": data["fill_seconds"], "upload": data["upload"]})
        server = own.enter_context(closing(Archive.open(data["url"], user="bench", media=tmp / "server-media")))
        out.update(bench_list(data["archive"], server, rng, runs=args.list_runs, pages=args.list_pages))
    return out


if __name__ == "__main__":
    sys.exit(main())
