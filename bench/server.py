"""Server archive benchmark: `uv run python -m bench server --objects 100000`.

On the same data in the same run: a SQLite archive filled with the import's bulk writer
(bench.interchange.fill), then `server upload`ed to a throwaway PostgreSQL (initdb and
pg_ctl into a folder under /tmp, tests/pg.py's way; stopped and removed at the end). It
prints one JSON object:

- search p50/p95 per query kind (bench/search.py's generator) on SQLite and on the server,
  the ratio, and how many queries gave different hits (there should be none);
- edits per second with 1, 4 and 16 writer processes, each a loop of records.get +
  records.update on a small set of shared objects (so that saves collide): acknowledged
  edits, conflicts, and a check that none was lost (the objects' versions went up by
  exactly the acknowledged edits, and history holds one row each);
- the time from one connection's save to a Listener's callback (median, p95);
- the targets (search p95 ≤ 20 ms, save → refresh ≤ 1 s), the machine's load before and
  after, and its CPUs. Every ratio compares figures of the same run.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.corpus import percentile

SEARCH_P95_TARGET_MS = 20.0
REFRESH_TARGET_MS = 1000.0
# The throwaway server as a museum's would be set up for this load, durable (fsync on):
# edits per second mean nothing without it.
SERVER_OPTIONS = "-c max_connections=60 -c shared_buffers=256MB -c work_mem=16MB"


def _ms(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(percentile(values, 50), 2), "p95_ms": round(percentile(values, 95), 2)}


def bench_search(archive: Any, url: str, rng: random.Random, per_kind: int) -> dict[str, Any]:
    from bench.search import queries
    from exhibit import search, services
    from exhibit.records import ArchiveObject
    from exhibit.server import search as server_search
    from exhibit.server.address import connect

    total = services.count(archive, "object")
    ids = rng.sample(range(1, total + 1), min(400, total))
    samples = services.list_records(archive, ArchiveObject, where=f"id IN ({','.join(map(str, ids))})")
    out: dict[str, Any] = {}
    with connect(url) as conn:
        for kind, items in queries(samples, rng, per_kind).items():
            items = [q for q in items if q]
            search.search(archive.db, items[0])             # warm caches on both sides
            server_search.search(conn, items[0])
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
            sqlite, server = _ms(local_ms), _ms(server_ms)
            out[kind] = {"queries": len(items), "sqlite": sqlite, "server": server,
                         "server_over_sqlite_p95": round(server["p95_ms"] / max(sqlite["p95_ms"], 1e-3), 1),
                         "meets_target": server["p95_ms"] <= SEARCH_P95_TARGET_MS,
                         "different_hits": differ}
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench server", description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100, help="queries per kind")
    parser.add_argument("--writers", default="1,4,16", help="writer process counts, comma-separated")
    parser.add_argument("--edit-seconds", type=float, default=10.0, help="how long each writer count runs")
    parser.add_argument("--hot", type=int, default=50, help="objects the writers share (and collide on)")
    parser.add_argument("--refresh-rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1944)
    args = parser.parse_args(argv)

    from bench.interchange import fill
    from exhibit.archive import Archive
    from exhibit.server import schema as server_schema
    from exhibit.server.transfer import upload
    from tests.pg import NoServer, throwaway_server

    rng = random.Random(args.seed)
    result: dict[str, Any] = {"objects": args.objects, "cpus": os.cpu_count(),
                              "load_before": [round(x, 2) for x in os.getloadavg()],
                              "targets": {"search_p95_ms": SEARCH_P95_TARGET_MS,
                                          "save_to_refresh_ms": REFRESH_TARGET_MS}}
    with tempfile.TemporaryDirectory(prefix="exhibit-bench-server-") as tmp:
        root = Path(tmp) / "archive"
        archive = Archive.open(root, user="bench")
        t = time.perf_counter()
        fill(archive, args.objects, args.seed)
        archive.db.execute("PRAGMA optimize")
        result["fill_seconds"] = round(time.perf_counter() - t, 1)
        try:
            with throwaway_server(SERVER_OPTIONS) as pg:
                pg.execute("CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8'")
                url = pg.url("bench")
                server_schema.init(url)
                t = time.perf_counter()
                report = upload(root, url)
                result["upload"] = {"seconds": round(time.perf_counter() - t, 1),
                                    "index_entries": report.counts.get("search_words", 0)}
                pg.execute("VACUUM ANALYZE", "bench")
                with __import__("psycopg").connect(url) as conn:
                    result["postgresql"] = conn.info.server_version
                result["search"] = bench_search(archive, url, rng, args.queries)
                result["edits"] = [bench_edits(url, int(w), args.edit_seconds, args.hot, rng)
                                   for w in args.writers.split(",")]
                result["save_to_refresh"] = bench_refresh(url, args.refresh_rounds)
        except NoServer as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        finally:
            archive.close()
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
