"""Search benchmark: `uv run python -m bench search --objects 100000`.

Builds a generated archive in a temporary folder through the real service
layer and prints one JSON object: insert rate with indexing, search latency
(p50/p95) per query kind next to a LIKE scan over the same rows, and the
thumbnail rate for 24-megapixel JPEGs next to the usual `Image.open` +
`thumbnail`. Every ratio compares figures measured in the same run.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import HAN, corpus, percentile
from exhibit import search, services
from exhibit.archive import Archive
from exhibit.records import ArchiveObject


def build(archive: Archive, count: int, rng: random.Random) -> tuple[float, list[ArchiveObject]]:
    zh_text, words = corpus()
    categories = ["weapon", "document_propaganda", "archive", "personal_relic", "photograph", "textile"]
    samples: list[ArchiveObject] = []
    start = time.perf_counter()
    batch = 1000
    for first in range(0, count, batch):
        # One transaction per thousand records, each record still one
        # validated create with its own index and history rows (savepoints).
        with archive.transaction():
            for i in range(first, min(count, first + batch)):
                a = rng.randrange(0, len(zh_text) - 210)
                b = rng.randrange(0, len(zh_text) - 210)
                obj = ArchiveObject(
                    accession=f"BM{i:07d}", name_zh=zh_text[a:a + rng.randint(2, 8)],
                    name_en=" ".join(rng.choice(words) for _ in range(rng.randint(2, 5))),
                    category=rng.choice(categories), date_text=f"{rng.randint(1937, 1948)}",
                    description_zh=zh_text[b:b + rng.randint(60, 200)],
                    description_en=" ".join(rng.choice(words) for _ in range(rng.randint(30, 80))))
                created = services.create(archive, obj)
                if len(samples) < 400 and rng.random() < 0.01:
                    samples.append(created)
    return time.perf_counter() - start, samples


def queries(samples: list[ArchiveObject], rng: random.Random, per_kind: int) -> dict[str, list[str]]:
    from pypinyin import lazy_pinyin

    def han_slice(text: str, n: int) -> str:
        text = "".join(HAN.findall(text))
        if len(text) < n:
            return text
        i = rng.randrange(0, len(text) - n + 1)
        return text[i:i + n]

    picks = [rng.choice(samples) for _ in range(per_kind)]
    return {
        "zh_1char": [han_slice(o.description_zh, 1) for o in picks],
        "zh_2char": [han_slice(o.description_zh, 2) for o in picks],
        "zh_5char": [han_slice(o.description_zh, 5) for o in picks],
        "pinyin": ["".join(lazy_pinyin(han_slice(o.name_zh, 2))) for o in picks],
        "english": [rng.choice(o.name_en.split()) for o in picks],
        "accession": [o.accession for o in picks],
    }


def naive_like(archive: Archive, query: str) -> list[int]:
    """The way without an index: scan every row with LIKE (all matches, as ranking needs)."""
    pattern = f"%{query}%"
    return [r[0] for r in archive.db.execute(
        "SELECT id FROM objects WHERE name_zh LIKE ? OR name_en LIKE ? OR description_zh LIKE ? "
        "OR description_en LIKE ? OR accession LIKE ?", [pattern] * 5)]


def time_queries(fn, items: list[str]) -> dict[str, float]:
    times = []
    for q in items:
        t = time.perf_counter()
        fn(q)
        times.append((time.perf_counter() - t) * 1000)
    return {"p50_ms": round(percentile(times, 50), 3), "p95_ms": round(percentile(times, 95), 3)}


def bench_search(archive: Archive, samples: list[ArchiveObject], rng: random.Random,
                 per_kind: int) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for kind, items in queries(samples, rng, per_kind).items():
        items = [q for q in items if q]
        search.search(archive.db, items[0])  # warm caches (pinyin tables, page cache)
        fts = time_queries(lambda q: search.search(archive.db, q, limit=20), items)
        naive = time_queries(lambda q: naive_like(archive, q), items[: max(5, per_kind // 4)])
        hits = sum(1 for q in items if search.search(archive.db, q, limit=1).hits)
        out[kind] = {**fts, "recall": round(hits / len(items), 3),
                     "like_p50_ms": naive["p50_ms"], "like_p95_ms": naive["p95_ms"],
                     "speedup_p50": round(naive["p50_ms"] / max(fts["p50_ms"], 1e-3), 1)}
    return out


def make_photo(path: Path, size: tuple[int, int] = (6000, 4000)) -> Path:
    """A 24-megapixel JPEG with photo-like detail (noise over gradients), made once."""
    from PIL import Image

    if path.exists():
        return path
    w, h = size
    noise = Image.effect_noise((w // 4, h // 4), 64).resize(size)
    gradient = Image.linear_gradient("L").resize(size)
    rgb = Image.merge("RGB", (noise, gradient, Image.blend(noise, gradient, 0.5)))
    rgb.save(path, "JPEG", quality=90)
    return path


def bench_thumbnails(workdir: Path, rounds: int) -> dict[str, float]:
    from exhibit import media_files

    photo = make_photo(workdir / "photo-24mp.jpg")
    out = workdir / "thumb.jpg"

    def rate(fn) -> float:
        t = time.perf_counter()
        for _ in range(rounds):
            fn(photo, out, media_files.THUMB)
        return rounds / (time.perf_counter() - t)

    fast, naive = rate(media_files.make_thumbnail), rate(media_files.naive_thumbnail)
    return {"photo_bytes": photo.stat().st_size, "per_second": round(fast, 2),
            "naive_per_second": round(naive, 2), "speedup": round(fast / naive, 2)}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench search", description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="queries per kind")
    parser.add_argument("--thumbnails", type=int, default=6, help="thumbnail rounds per method")
    parser.add_argument("--seed", type=int, default=1944)
    parser.add_argument("--keep", metavar="DIR", help="build the archive here and keep it")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="exhibit-bench-") as tmp:
        root = Path(args.keep) if args.keep else Path(tmp) / "archive"
        archive = Archive.open(root, user="bench")
        existing = services.count(archive, "object")
        if existing:
            # --keep DIR of an earlier run: measure its search again without rebuilding.
            seconds, args.objects = float("nan"), existing
            ids = rng.sample(range(1, existing + 1), min(400, existing))
            samples = services.list_records(archive, "object", where=f"id IN ({','.join(map(str, ids))})")
        else:
            seconds, samples = build(archive, args.objects, rng)
        archive.db.execute("PRAGMA optimize")
        result = {
            "objects": args.objects,
            "sqlite": archive.db.execute("select sqlite_version()").fetchone()[0],
            "cpus": os.cpu_count(),
            "insert": {"seconds": round(seconds, 2), "per_second": round(args.objects / seconds, 1),
                       "db_mb": round(archive.db_path.stat().st_size / 1e6, 1)},
            "search": bench_search(archive, samples, rng, args.queries),
            "thumbnails_24mp": bench_thumbnails(Path(tmp), args.thumbnails),
        }
        archive.close()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
