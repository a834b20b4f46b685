"""Generated records for the benchmarks, in the sample collection's own words.

`corpus()` gathers the Chinese characters and English words of the sample
collection, so generated names and descriptions segment, index and wrap like
real ones. `generate_objects()` appends objects straight into the objects
table for the list benchmark (a million through the service layer would take
twenty minutes). `percentile()` is the one the suites report with.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Iterable

from exhibit import listing, vocab
from exhibit.archive import Archive
from exhibit.dates import parse_date
from exhibit.services import now

HAN = re.compile(r"[\u4e00-\u9fff]")
SAMPLE_DIR = Path(__file__).resolve().parents[1] / "exhibit" / "sample" / "data"


def corpus() -> tuple[str, list[str]]:
    """Chinese and English text from the sample collection, to make realistic records."""
    zh, en = [], []
    for path in sorted(SAMPLE_DIR.glob("*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")):
            for key, value in item.items():
                if isinstance(value, str):
                    (zh if key.endswith("_zh") else en if key.endswith("_en") else []).append(value)
    zh_text = "".join(ch for ch in "".join(zh) if HAN.match(ch)) or "衡阳保卫战第十军方先觉坚守四十七天"
    words = re.findall(r"[A-Za-z]{3,}", " ".join(en)) or ["defence", "hengyang", "army"]
    return zh_text, words


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def generate_objects(archive: Archive, n: int, rng: random.Random, batch: int = 20_000) -> int:
    """BENCHMARK ONLY: append `n` generated objects straight into the objects table.

    Bypasses the service layer on purpose (services.create costs ~1 ms a
    record, 20 minutes for a million): no validation, no history rows and no
    search index, so search does not find these records. Never use it on a
    curator's archive. Returns the number of objects in the table afterwards.
    """
    zh_text, words = corpus()
    categories = [t.code for t in vocab.terms(archive.db, "category")] or ["other"]
    statuses = [t.code for t in vocab.terms(archive.db, "status")] or ["in_store"]
    date_texts = ([str(y) for y in range(1937, 1949)]
                  + [f"1944年{m}月" for m in range(1, 13)] + ["1944-06-23", "1944-08-08", ""])
    parsed = {t: parse_date(t) for t in date_texts}
    first = (archive.db.execute("SELECT coalesce(max(id), 0) FROM objects").fetchone()[0]) + 1
    stamp = now()
    columns = ("id", "accession", "name_zh", "name_en", "category", "status", "date_text",
               "date_start", "date_end", "description_zh", "description_en", "created", "modified")
    sql = (f"INSERT INTO objects ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})")
    span = max(1, len(zh_text) - 120)

    def rows(start: int, stop: int) -> Iterable[tuple]:
        for i in range(start, stop):
            a, b = rng.randrange(span), rng.randrange(span)
            when = rng.choice(date_texts)
            yield (i, f"UB{i:07d}", zh_text[a:a + rng.randint(2, 8)],
                   " ".join(rng.choice(words) for _ in range(rng.randint(2, 5))),
                   rng.choice(categories), rng.choice(statuses), when,
                   parsed[when].start, parsed[when].end,
                   zh_text[b:b + rng.randint(20, 100)],
                   " ".join(rng.choice(words) for _ in range(rng.randint(10, 30))), stamp, stamp)

    for start in range(first, first + n, batch):
        with archive.transaction():
            archive.db.conn.executemany(sql, rows(start, min(first + n, start + batch)))
    with archive.transaction():
        listing.create_sort_indexes(archive.db)
    archive.db.execute("ANALYZE")
    return archive.db.execute("SELECT count(*) FROM objects").fetchone()[0]
