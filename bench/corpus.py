"""Generated records for the benchmarks, in the sample collection's own words.

`corpus()` gathers the Chinese characters and English words of the sample
collection, so generated names and descriptions segment, index and wrap like
real ones. `generate_objects()` appends objects straight into the objects
table for the list benchmark (a million through the service layer would take
twenty minutes). `catalogue()` makes catalogue rows with every cataloguing
field (object name, makers with roles, place, technique, medium, dimensions and
weight in the forms museums write, other numbers, links, rights, record status,
label copy; dates in the museum forms of issue 16), one at a time, so a million
never sit in memory. `percentile()` is the one the suites report with.
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Iterable, Iterator

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


# ---------------------------------------------------------------- catalogue rows with every field

# The column each field is written under: a registrar's headings, Chinese and English, which
# the importer's automatic mapping reads (bench tests check that it maps every one).
CATALOGUE_HEADER = {
    "accession": "总登记号", "name_zh": "名称", "name_en": "Name", "object_name_zh": "物品名称",
    "object_name_en": "Object name", "category": "类别", "date_text": "年代", "material": "质地",
    "medium_zh": "材质说明", "medium_en": "Medium", "makers": "制作者", "production_place_zh": "制作地点",
    "production_place_en": "Place made", "technique_zh": "工艺", "technique_en": "Technique",
    "condition": "完残程度", "dimensions": "尺寸", "weight": "质量", "other_numbers": "其他编号",
    "external_links": "外部链接", "rights": "版权", "record_status": "记录状态", "description_zh": "描述",
    "description_en": "Description", "label_zh": "展签", "label_en": "Label", "status": "状态",
}
# Every form is one the archive reads: the benchmark measures an import, not its rejections.
MUSEUM_DATES = ["1944", "1944年6月", "1944-06-23", "民国三十三年", "约1944年", "1938-1945", "c.1830–41",
                "1820-5", "?c.1760", "exhibited 1812", "after c.1830", "early 19th century", "1830s–40s",
                "1944 or earlier", "民国三十三年夏", "清末", "抗战时期", "约1944年6月", "1944年6至8月", "n.d.", ""]
DIMENSION_FORMS = ["{a} × {b} × {c} cm", "support: {a}0 x {b}0 mm", "高{a}厘米", "口径{b}厘米",
                   "c. {a} × {b} cm", "H. {a} cm", "{a} x {b} in.", "高{a}、宽{b}厘米", ""]
WEIGHT_FORMS = ["约{a}0克", "{a}.5 kg", "{b} lb", "", ""]
CATEGORY_CODES = [("weapon", "武器"), ("document_propaganda", "文件、宣传品"), ("archive", "档案文书"),
                  ("personal_relic", "名人遗物"), ("photograph", "照片"), ("textile", "织绣")]
MATERIAL_CODES = [("iron", "铁"), ("paper", "纸"), ("cotton_linen", "棉麻纤维"), ("copper", "铜"), ("wood", "木")]
OBJECT_NAMES = [("钢盔", "helmet"), ("布告", "public notice"), ("地图", "map"), ("日记", "diary"), ("军服", "uniform"),
                ("照片", "photograph"), ("勋章", "medal"), ("水壶", "water bottle"), ("信件", "letter")]
TECHNIQUES = [("石印", "lithograph"), ("铅印", "letterpress"), ("手绘", "hand-drawn"), ("木刻", "woodcut"),
              ("铸造", "cast"), ("锻造", "forged"), ("缝制", "sewn"), ("银盐印相", "gelatin silver print")]
MEDIA_WRITTEN = [("纸，墨", "ink on paper"), ("铁，漆", "painted iron"), ("棉布", "cotton"),
                 ("相纸", "photographic paper"), ("铜", "copper alloy"), ("木，油彩", "oil on wood")]
PLACES = [("衡阳", "Hengyang"), ("长沙", "Changsha"), ("重庆", "Chongqing"), ("东京", "Tokyo"),
          ("上海", "Shanghai"), ("桂林", "Guilin"), ("昆明", "Kunming"), ("", "")]
RIGHTS = ["CC0 1.0", "版权所有", "https://creativecommons.org/licenses/by/4.0/", "In copyright", ""]
CONDITIONS = {True: ("complete", "mostly_complete", "damaged"), False: ("完整", "基本完整", "残缺")}
ROLES = ["", "manufacturer", "printer", "photographer", "author", "issuer", "artist"]


def _makers(rng: random.Random, zh_text: str, words: list[str], pool: int = 2000) -> list[str]:
    """A pool of makers as a curator types them (`名 / Name (role)`), drawn from per row."""
    out = []
    for i in range(pool):
        a = rng.randrange(len(zh_text) - 4)
        zh, en = zh_text[a:a + rng.randint(2, 4)], " ".join(rng.choice(words).title() for _ in range(2))
        role = ROLES[i % len(ROLES)]
        name = zh if i % 3 == 0 else en if i % 3 == 1 else f"{zh} / {en}"
        out.append(f"{name} ({role})" if role else name)
    return out


def catalogue(n: int, rng: random.Random, *, prefix: str = "HC", labels: bool = True,
              start: int = 0) -> Iterator[dict[str, str]]:
    """`n` catalogue rows, field name → cell text, every cataloguing field filled on most rows.

    Vocabulary values are written as codes on odd rows and, with `labels`, as Chinese labels
    on even ones (as spreadsheets mix them). Accession numbers are `prefix` + 7 digits,
    counted from `start` (to add rows to an archive made before)."""
    zh_text, words = corpus()
    makers = _makers(rng, zh_text, words)
    span = len(zh_text) - 210

    def en(low: int, high: int) -> str:
        return " ".join(rng.choices(words, k=rng.randint(low, high)))

    for i in range(start, start + n):
        a, b, c = rng.randrange(span), rng.randrange(span), rng.randrange(span)
        category, material = rng.choice(CATEGORY_CODES), rng.choice(MATERIAL_CODES)
        coded = i % 2 == 1 or not labels
        object_name, technique, medium = rng.choice(OBJECT_NAMES), rng.choice(TECHNIQUES), rng.choice(MEDIA_WRITTEN)
        place = rng.choice(PLACES)
        size = {"a": rng.randint(5, 90), "b": rng.randint(5, 60), "c": rng.randint(2, 30)}
        numbers = [f"previous number: P{i:06d}"] if i % 3 == 0 else []
        numbers += [f"普查编号: 4304001800000{i:07d}"] if i % 5 == 0 else []
        links = [f"https://museum.example/objects/{prefix}{i:07d}"] if i % 4 == 0 else []
        links += [f"wikidata: Q{1000 + i}"] if i % 7 == 0 else []
        yield {
            "accession": f"{prefix}{i:07d}", "name_zh": zh_text[a:a + rng.randint(2, 8)], "name_en": en(2, 5),
            "object_name_zh": object_name[0], "object_name_en": object_name[1],
            "category": category[0] if coded else category[1], "date_text": rng.choice(MUSEUM_DATES),
            "material": material[0] if coded else material[1], "medium_zh": medium[0], "medium_en": medium[1],
            "makers": "; ".join(rng.sample(makers, rng.choice((0, 1, 1, 1, 2)))),
            "production_place_zh": place[0], "production_place_en": place[1],
            "technique_zh": technique[0], "technique_en": technique[1],
            "condition": rng.choice(CONDITIONS[coded]),
            "dimensions": rng.choice(DIMENSION_FORMS).format(**size),
            "weight": rng.choice(WEIGHT_FORMS).format(**size),
            "other_numbers": "; ".join(numbers), "external_links": "; ".join(links),
            "rights": rng.choice(RIGHTS), "record_status": rng.choice(("draft", "reviewed", "published")),
            "description_zh": zh_text[b:b + rng.randint(60, 200)], "description_en": en(30, 80),
            "label_zh": zh_text[c:c + rng.randint(30, 60)], "label_en": en(15, 30), "status": "in_store",
        }
