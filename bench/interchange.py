"""Interchange benchmark: `uv run python -m bench interchange [--rows 100000] [--records 1000000]`.

Generates catalogue rows (Chinese and English names and descriptions from
the sample collection, vocabulary terms written as codes or as Chinese
labels, dates in the forms curators type), writes them as CSV and XLSX,
imports each file into a fresh archive (reading, checking, writing, search
index and history, one transaction; on 2+ cores the rows are checked and
prepared in a worker process while the main one writes: pipeline.py; the CSV
import is run --repeat times and the median reported), exports both formats
again, and, in the
same run, inserts the same rows with sqlite-utils' plain `insert_all` (no
checks, no index, no history) as the reference, and times `services.create`
on a slice to show what the row-by-row path would cost. Prints one JSON object.

With `--records N` it also measures the archive at scale (`scale`, minutes at a
million): N catalogue rows with every cataloguing field (bench.corpus.catalogue)
written as a CSV and imported by the command line's own path, then exports
of the N records as LIDO, JSON, XLSX and CSV, and search over them. Each import
and export runs in a child process of its own, which reports its own peak
memory (VmHWM in /proc/self/status: what the task took, not what this process
holds); the import's figure also counts its worker processes, sampled every
half second. Search latency is measured per query kind (bench.search's kinds)
over the N records. If the import cannot take N rows, the report says why,
and the archive for the exports and search is filled in chunks through the
import's own checks and bulk writer (`fill`) so those figures still stand.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from bench.corpus import CATALOGUE_HEADER, catalogue, corpus
from exhibit import search, services
from exhibit.archive import Archive
from exhibit.interchange import export, importer, mapping, pipeline, tables

HEADER = ["总登记号", "名称", "Name", "类别", "年代", "质地", "完残程度", "尺寸", "描述", "Description", "状态"]
CATEGORIES = [("weapon", "武器"), ("document_propaganda", "文件、宣传品"), ("archive", "档案文书"),
              ("personal_relic", "名人遗物"), ("photograph", "照片"), ("textile", "织绣")]
MATERIALS = [("iron", "铁"), ("paper", "纸"), ("cotton_linen", "棉麻纤维"), ("copper", "铜"), ("wood", "木")]
CONDITIONS = ["complete", "基本完整", "damaged"]
DATES = ["1944", "1944年6月", "1944-06-23", "民国三十三年", "约1944年", "1938-1945", "1944年8月8日", ""]


def generate(n: int, rng: random.Random) -> list[list[str]]:
    zh, words = corpus()
    span = len(zh) - 210
    rows = []
    for i in range(n):
        a, b = rng.randrange(span), rng.randrange(span)
        code, label = rng.choice(CATEGORIES)
        material = rng.choice(MATERIALS)
        rows.append([f"HB{i:07d}", zh[a:a + rng.randint(2, 8)],
                     " ".join(rng.choice(words) for _ in range(rng.randint(2, 5))),
                     code if i % 2 else label, rng.choice(DATES), material[i % 2],
                     rng.choice(CONDITIONS), f"{rng.randint(5, 90)} × {rng.randint(5, 60)} cm",
                     zh[b:b + rng.randint(60, 200)],
                     " ".join(rng.choice(words) for _ in range(rng.randint(30, 80))), "in_store"])
    return rows


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("藏品")
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    wb.save(path)


def timed(fn: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn(*args, **kwargs)
    return time.perf_counter() - start, value


def import_into(root: Path, path: Path) -> dict[str, Any]:
    archive = Archive.open(root, user="bench")
    try:
        # As `main.py import` does: the worker's process server starts while the file is read.
        pipeline.warm_up()
        read_s, table = timed(tables.read_table, path)
        chosen = mapping.suggest(table.header, "object")
        cpu_before = time.process_time()
        import_s, result = timed(importer.apply_import, archive, table, chosen)
        # This process's CPU time (the worker's not included): steadier than the wall time
        # on a shared machine, and what the main process, the import's limit, spent.
        main_cpu_s = time.process_time() - cpu_before
        # The import returns once committed; copying the WAL into the database file
        # goes on in the background (Archive.deferred_checkpoint). Timed from here.
        checkpoint_s, _ = timed(archive.wait_for_checkpoint)
        rows = len(table.rows)
        hit = search.search(archive.db, table.rows[-1].cells[1], limit=1)
        accession = search.search(archive.db, table.rows[-1].cells[0], limit=1)
        total = read_s + import_s
        archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # so the file holds every page
        return {"rows": rows, "read_s": round(read_s, 2), "check_write_index_s": round(import_s, 2),
                "total_s": round(total, 2), "rows_per_s": round(rows / total),
                "main_process_cpu_s": round(main_cpu_s, 2),
                "background_checkpoint_after_s": round(checkpoint_s, 2),
                "created": result.created, "checked_in_worker_process": result.parallel,
                "found_by_name": bool(hit.hits),
                "found_by_accession": bool(accession.hits and accession.hits[0].ident == table.rows[-1].cells[0]),
                "db_mb": round(archive.db_path.stat().st_size / 1e6, 1),
                "load_average_1min_after": round(os.getloadavg()[0], 2)}
    finally:
        archive.close()


def import_repeated(work: Path, path: Path, name: str, repeat: int) -> dict[str, Any]:
    """`import_into` `repeat` times into fresh archives; the run with the median total is
    reported, with every run's total (a shared machine's runs vary by several seconds)."""
    runs = [import_into(work / f"{name}-{i}", path) for i in range(repeat)]
    for i in range(1, repeat):
        shutil.rmtree(work / f"{name}-{i}", ignore_errors=True)
    ordered = sorted(runs, key=lambda r: r["total_s"])
    median = ordered[len(ordered) // 2]
    return {**median, "runs_total_s": [r["total_s"] for r in runs]} if repeat > 1 else median


def reference_insert(root: Path, rows: list[list[str]]) -> float:
    """sqlite-utils' plain insert of the same rows: no checks, no index, no history."""
    root.mkdir(parents=True, exist_ok=True)
    db = Database(root / "plain.db")
    fields = ["accession", "name_zh", "name_en", "category", "date_text", "material", "condition",
              "dimensions", "description_zh", "description_en", "status"]
    start = time.perf_counter()
    db["objects"].insert_all((dict(zip(fields, r)) for r in rows), batch_size=1000)
    seconds = time.perf_counter() - start
    db.close()
    return seconds


def services_rate(root: Path, rows: list[list[str]], sample: int) -> float:
    """Records a second through services.create (validation, index, history per record)."""
    from exhibit.records import ArchiveObject

    archive = Archive.open(root, user="bench")
    table_codes = {label: code for code, label in CATEGORIES} | {m[1]: m[0] for m in MATERIALS}
    objs = [ArchiveObject(accession=r[0], name_zh=r[1], name_en=r[2], category=table_codes.get(r[3], r[3]),
                          date_text=r[4], material=table_codes.get(r[5], r[5]),
                          condition={"基本完整": "mostly_complete"}.get(r[6], r[6]), dimensions=r[7],
                          description_zh=r[8], description_en=r[9]) for r in rows[:sample]]
    start = time.perf_counter()
    with archive.transaction():
        for obj in objs:
            services.create(archive, obj)
    seconds = time.perf_counter() - start
    archive.close()
    return len(objs) / seconds


# ---------------------------------------------------------------- at scale: --records N

ROOT = Path(__file__).resolve().parents[1]
TARGETS = {"import_s": 200, "import_peak_rss_mb": 1024, "export_peak_rss_mb": 300, "search_p95_ms": 20}
FILL_CHUNK = 20_000


def write_catalogue(path: Path, n: int, seed: int) -> None:
    """N catalogue rows as a registrar's CSV, written as they are made."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(CATALOGUE_HEADER.values())
        for row in catalogue(n, random.Random(seed)):
            writer.writerow([row[name] for name in CATALOGUE_HEADER])


def own_peak_mb() -> float:
    """This process's peak resident memory (VmHWM), in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def _tree_rss_mb(root: int) -> float:
    """Resident memory of `root` and every process below it (the import's workers), in MB."""
    below: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            below.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        try:
            total += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            pass
        stack += below.get(pid, [])
    return total * os.sysconf("SC_PAGE_SIZE") / 1024 ** 2


def in_child(task: str, *args: str) -> dict[str, Any]:
    """Run `task` in a fresh interpreter; its JSON report, with the process tree's sampled peak."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "bench", "interchange", "--child", task, *args],
                                stdout=out, stderr=err, text=True, cwd=ROOT)
        peak = 0.0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_mb(proc.pid))
            time.sleep(0.5)
        out.seek(0)
        err.seek(0)
        lines = out.read().strip().splitlines()
        if proc.returncode != 0 or not lines:
            return {"error": (err.read().strip().splitlines() or [f"exit {proc.returncode}"])[-1][:400],
                    "process_tree_peak_rss_mb": round(peak, 1)}
        return {**json.loads(lines[-1]), "process_tree_peak_rss_mb": round(peak, 1)}


def child(argv: list[str]) -> int:
    """One measured task in this (child) process; prints its report as one JSON line."""
    task, root = argv[0], Path(argv[1])
    start = time.perf_counter()
    report: dict[str, Any] = {}
    archive = Archive.open(root, user="bench")
    try:
        if task == "import":
            # As `main.py import` reads it: a CSV over tables.STREAM_BYTES is streamed.
            pipeline.warm_up()
            table = tables.read_table(argv[2], stream_over=tables.STREAM_BYTES)
            result = importer.apply_import(archive, table, mapping.suggest_for(table, "object"))
            report = {"created": result.created, "parallel": result.parallel, "streamed": table.streamed,
                      "committed_after_s": round(time.perf_counter() - start, 1),
                      "main_process_cpu_s": round(time.process_time(), 1),
                      "worker_cpu_s": round(result.worker_cpu, 1),
                      "main_waited_for_worker_s": round(result.waited_for_worker, 1),
                      "batches": result.pipeline.batches if result.pipeline else None,
                      "batches_indexed_by_main": result.pipeline.indexed_by_writer if result.pipeline else None}
            del table, result
            # The WAL is copied into the database file after the commit, in the background
            # (Archive.deferred_checkpoint); the figure below ("seconds") waits for it too.
            archive.wait_for_checkpoint()
        elif task == "fill":
            report = {"created": fill(archive, int(argv[2]), int(argv[3]))}
        elif task in ("lido", "json", "xlsx", "csv"):
            out = Path(argv[2])
            if task == "lido":
                from exhibit.interchange import lido
                count = lido.write_lido(archive, out)
            elif task == "json":
                from exhibit.interchange import archive_json
                count = archive_json.write_json(archive, out)["object"]
            else:
                count = export.write_table(archive, "object", out)
            report = {"records": count, "file_mb": round(out.stat().st_size / 1e6, 1)}
            out.unlink()
    finally:
        archive.close()
    print(json.dumps({**report, "seconds": round(time.perf_counter() - start, 1), "peak_rss_mb": own_peak_mb()}))
    return 0


def fill(archive: Archive, n: int, seed: int, start: int = 0) -> int:
    """N catalogue rows into the archive through the import's checks and bulk writer, a chunk
    per transaction: the archive the import would make, for when the import itself cannot.
    `start`: the first row's number, to add to an archive filled before."""
    from exhibit.interchange import bulk, checking
    from exhibit.records import ArchiveObject

    checker = checking.RecordChecker.load(archive, "object")
    rows = iter(catalogue(n, random.Random(seed), labels=False, start=start))
    created = 0
    while chunk := [ArchiveObject(**row) for _, row in zip(range(FILL_CHUNK), rows)]:
        checked = []
        for record in chunk:
            record, problems = checker.check(record)
            errors = [p for p in problems if not p.is_warning]
            if errors:
                raise SystemExit(f"{record.label()}: {errors[0]}")
            checked.append(record)
        with archive.transaction():
            created += len(bulk.insert_new(archive, checked))
    return created


def search_at_scale(root: Path, rng: random.Random, per_kind: int) -> dict[str, Any]:
    """Search latency per query kind (bench.search's) over the archive, with a LIKE scan of
    a few of the same queries as the reference."""
    from bench.search import naive_like, queries, time_queries
    from exhibit.records import ArchiveObject

    archive = Archive.open(root, user="bench")
    try:
        total = services.count(archive, "object")
        ids = rng.sample(range(1, total + 1), min(400, total))
        samples = services.list_records(archive, ArchiveObject, where=f"id IN ({','.join(map(str, ids))})")
        archive.db.execute("PRAGMA optimize")
        out: dict[str, Any] = {}
        for kind, items in queries(samples, rng, per_kind).items():
            items = [q for q in items if q]
            search.search(archive.db, items[0])  # warm the page cache and the pinyin tables
            fts = time_queries(lambda q: search.search(archive.db, q, limit=20), items)
            like = time_queries(lambda q: naive_like(archive, q), items[:5])
            hits = sum(1 for q in items if search.search(archive.db, q, limit=1).hits)
            out[kind] = {**fts, "queries": len(items), "recall": round(hits / len(items), 3),
                         "like_p50_ms": like["p50_ms"],
                         "within_target": fts["p95_ms"] <= TARGETS["search_p95_ms"]}
        return out
    finally:
        archive.close()


def scale(n: int, work: Path, seed: int, per_kind: int, import_only: bool = False) -> dict[str, Any]:
    """The figures at N records: CSV import, the exports' peak memory, search."""
    csv_path, root = work / f"catalogue-{n}.csv", work / f"scale-{n}"
    shutil.rmtree(root, ignore_errors=True)
    generate_s, _ = timed(write_catalogue, csv_path, n, seed)
    report: dict[str, Any] = {"records": n, "generate_csv_s": round(generate_s, 1),
                              "csv_mb": round(csv_path.stat().st_size / 1e6, 1),
                              "load_average_1min_before": round(os.getloadavg()[0], 2)}
    imported = in_child("import", str(root), str(csv_path))
    imported["peak_rss_mb_main_process"] = imported.pop("peak_rss_mb", None)
    # The import's time is to its COMMIT (the records are then stored and searchable, and
    # the import reports done); "seconds" also waits for the WAL to be copied into the
    # database file, which runs in the background after it (Archive.deferred_checkpoint).
    imported["within_targets"] = "error" not in imported \
        and imported.get("committed_after_s", 1e9) <= TARGETS["import_s"] \
        and imported["process_tree_peak_rss_mb"] <= TARGETS["import_peak_rss_mb"]
    report["import_csv"] = imported
    csv_path.unlink()
    if import_only:
        report["targets"] = TARGETS
        shutil.rmtree(root, ignore_errors=True)
        return report
    if imported.get("created") != n:
        shutil.rmtree(root, ignore_errors=True)
        report["archive_filled_by_bulk_writer"] = in_child("fill", str(root), str(n), str(seed))
    exports = {}
    for fmt, suffix in (("lido", "xml"), ("json", "json"), ("xlsx", "xlsx"), ("csv", "csv")):
        exports[fmt] = in_child(fmt, str(root), str(work / f"export.{suffix}"))
        exports[fmt]["within_target"] = exports[fmt].get("peak_rss_mb", 1e9) <= TARGETS["export_peak_rss_mb"]
    report["export"] = exports
    report["search"] = search_at_scale(root, random.Random(seed), per_kind)
    report["db_mb"] = round((root / "archive.db").stat().st_size / 1e6, 1)
    report["targets"] = TARGETS
    return report


def everyday(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    """The everyday figures at --rows: imports of a CSV and an XLSX, exports, the references."""
    rng = random.Random(args.seed)
    # pypinyin loads its dictionaries on first use (once per process, also in the
    # command line import); measured on its own so both imports compare alike.
    pinyin_load_s, _ = timed(search.pinyin_for, "衡阳保卫战")
    gen_s, rows = timed(generate, args.rows, rng)
    csv_path, xlsx_path = work / "objects.csv", work / "objects.xlsx"
    write_csv_s, _ = timed(write_csv, csv_path, rows)
    write_xlsx_s, _ = timed(write_xlsx, xlsx_path, rows)
    csv_import = import_repeated(work, csv_path, "from-csv", args.repeat)
    xlsx_import = import_into(work / "from-xlsx", xlsx_path)
    archive = Archive.open(work / "from-csv-0", user="bench")
    export_csv_s, _ = timed(export.write_table, archive, "object", work / "export.csv")
    export_xlsx_s, _ = timed(export.write_table, archive, "object", work / "export.xlsx")
    archive.close()
    plain_s = reference_insert(work / "plain", rows)
    per_s = services_rate(work / "services", rows, min(args.services_sample, args.rows))
    n = args.rows
    result = {
        "rows": n, "cpus": os.cpu_count(),
        "generate_s": round(gen_s, 2), "pinyin_dictionary_load_s": round(pinyin_load_s, 2),
        "file_mb": {"csv": round(csv_path.stat().st_size / 1e6, 1),
                    "xlsx": round(xlsx_path.stat().st_size / 1e6, 1)},
        "import_csv": csv_import,
        "import_xlsx": xlsx_import,
        "export": {"csv_s": round(export_csv_s, 2), "csv_rows_per_s": round(n / export_csv_s),
                   "xlsx_s": round(export_xlsx_s, 2), "xlsx_rows_per_s": round(n / export_xlsx_s)},
        "reference_sqlite_utils_insert": {"seconds": round(plain_s, 2), "rows_per_s": round(n / plain_s)},
        "services_create_per_s": round(per_s, 1),
        "ratios": {
            "csv_import_vs_plain_insert": round(csv_import["total_s"] / plain_s, 1),
            "xlsx_import_vs_plain_insert": round(xlsx_import["total_s"] / plain_s, 1),
            "csv_import_speedup_vs_services_create": round(csv_import["rows_per_s"] / per_s, 1),
        },
        "target_csv_import_s": 20, "csv_import_within_target": csv_import["total_s"] <= 20,
        "writing_source_files_s": {"csv": round(write_csv_s, 2), "xlsx": round(write_xlsx_s, 2)},
    }
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m bench interchange", description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--services-sample", type=int, default=2000,
                        help="rows timed through services.create for comparison")
    parser.add_argument("--seed", type=int, default=1944)
    parser.add_argument("--repeat", type=int, default=3, help="CSV imports to run; the median is reported")
    parser.add_argument("--keep", metavar="DIR", help="work in DIR and keep the files")
    parser.add_argument("--records", type=int, default=0, metavar="N",
                        help="also measure at N records (e.g. 1000000: CSV import, LIDO/JSON/XLSX export "
                             "memory, search); minutes at a million")
    parser.add_argument("--queries", type=int, default=200, help="search queries per kind at --records")
    parser.add_argument("--import-only", action="store_true",
                        help="at --records, measure the CSV import only (no exports, no search)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="exhibit-bench-io-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        result = everyday(args, work) if args.rows else {"cpus": os.cpu_count()}
        if args.records:
            result["at_scale"] = scale(args.records, work, args.seed, args.queries, args.import_only)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
