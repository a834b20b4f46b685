"""Printing benchmark: `uv run python -m bench print [--labels 1000] [--catalogue 500]`.

Builds a generated archive (sections, panels, objects with bilingual text and
photos) through the service layer, then measures in the same run: 1,000
object labels with photo and QR code on A4 sheets, a 500-object catalogue
with photos, peak memory, and QR codes drawn from segno's matrix against
reportlab's own QrCodeWidget. Prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

from bench.corpus import corpus
from exhibit import media_records, services
from exhibit.archive import Archive
from exhibit.records import ArchiveObject, Panel, Section


def _rss_mb() -> float:
    # ru_maxrss is in KiB on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def _photo(path: Path, rng: random.Random) -> Path:
    from PIL import Image, ImageDraw

    w, h = rng.choice([(1200, 900), (900, 1200), (1200, 800)])
    img = Image.effect_noise((w // 8, h // 8), rng.randint(30, 80)).resize((w, h)).convert("RGB")
    draw = ImageDraw.Draw(img)
    for _ in range(6):
        x, y = rng.randrange(w), rng.randrange(h)
        draw.ellipse((x, y, x + rng.randint(50, 400), y + rng.randint(50, 400)),
                     fill=tuple(rng.randrange(256) for _ in range(3)))
    img.save(path, "JPEG", quality=85)
    return path


def build(root: Path, objects: int, photos: int, rng: random.Random) -> Archive:
    archive = Archive.open(root, user="bench")
    if services.count(archive, "object") >= objects:
        return archive
    zh, words = corpus()

    def zh_text(n: int) -> str:
        i = rng.randrange(0, len(zh) - n)
        return zh[i:i + n] + "。"

    def en_text(n: int) -> str:
        return " ".join(rng.choice(words) for _ in range(n)).capitalize() + "."

    with archive.transaction():
        sections = [services.create(archive, Section(code=f"s{i}", title_zh=zh_text(4)[:-1], title_en=en_text(3),
                                                     intro_zh=zh_text(120), intro_en=en_text(60), position=i))
                    for i in range(5)]
        panels = [services.create(archive, Panel(code=f"p{i:02d}", section_id=sections[i % 5].id,
                                                 title_zh=zh_text(5)[:-1], title_en=en_text(4),
                                                 body_zh=zh_text(200) + "\n\n" + zh_text(150),
                                                 body_en=en_text(90) + "\n\n" + en_text(70), position=i))
                  for i in range(20)]
    with tempfile.TemporaryDirectory(prefix="exhibit-bench-photos-") as tmp:
        media = [media_records.import_file(archive, _photo(Path(tmp) / f"p{i}.jpg", rng),
                                           caption_zh=zh_text(20), caption_en=en_text(12))[0]
                 for i in range(photos)]
    with archive.transaction():
        for i in range(objects):
            obj = services.create(archive, ArchiveObject(
                accession=f"BM{i:06d}", name_zh=zh_text(rng.randint(3, 9))[:-1],
                name_en=en_text(rng.randint(2, 6))[:-1], date_text=str(rng.randint(1937, 1946)),
                dimensions=f"{rng.randint(5, 80)} × {rng.randint(5, 60)} cm", material="paper",
                credit_zh="本馆征集", credit_en="Museum purchase",
                description_zh=zh_text(rng.randint(50, 90)), description_en=en_text(rng.randint(25, 45))))
            services.link(archive, "panel", panels[i % len(panels)].id, "object", obj.id)
            media_records.link_media(archive, media[i % len(media)].id, "object", obj.id)
    return archive


def bench_qr(count: int) -> dict:
    from reportlab.pdfgen.canvas import Canvas

    from exhibit.printing.fonts import register
    from exhibit.printing.qr import draw_qr, draw_qr_reportlab, path_ops

    register()
    out = {}
    for name, fn in (("segno_path", draw_qr), ("reportlab_widget", draw_qr_reportlab)):
        path_ops.cache_clear()
        with tempfile.TemporaryDirectory() as tmp:
            canvas = Canvas(str(Path(tmp) / "qr.pdf"))
            t = time.perf_counter()
            for i in range(count):
                fn(canvas, f"https://museum.example/objects/BM{i:06d}", 50 + (i % 8) * 60, 50 + (i // 8 % 10) * 70, 56)
                if i % 80 == 79:
                    canvas.showPage()
            canvas.save()
            out[name + "_ms_per_code"] = round((time.perf_counter() - t) / count * 1000, 3)
    out["codes"] = count
    out["speedup"] = round(out["reportlab_widget_ms_per_code"] / out["segno_path_ms_per_code"], 1)
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench print", description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--catalogue", type=int, default=500)
    parser.add_argument("--photos", type=int, default=200, help="distinct photos, shared round-robin")
    parser.add_argument("--qr", type=int, default=300, help="QR codes drawn each way for the comparison")
    parser.add_argument("--seed", type=int, default=1944)
    parser.add_argument("--keep", metavar="DIR", help="build the archive here and keep it (and the PDFs)")
    args = parser.parse_args(argv)

    from exhibit import media_files
    from exhibit.printing import layout
    from exhibit.printing.catalogue import CatalogueJob, print_catalogue
    from exhibit.printing.fonts import register
    from exhibit.printing.labels import LabelJob, print_labels
    from exhibit.printing.select import Selection

    rng = random.Random(args.seed)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="exhibit-bench-print-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        t = time.perf_counter()
        archive = build(work / "archive", max(args.labels, args.catalogue), args.photos, rng)
        result["build_seconds"] = round(time.perf_counter() - t, 1)
        register()
        result["rss_mb_before"] = _rss_mb()

        # Count derivative files made while printing: they must all be reused.
        made = {"n": 0}
        original = media_files.make_derivatives

        def counting(*a, **kw):
            made["n"] += 1
            return original(*a, **kw)
        media_files.make_derivatives = counting
        try:
            accessions = tuple(r[0] for r in archive.db.execute(
                "SELECT accession FROM objects ORDER BY accession LIMIT ?", [args.labels]))
            out = work / "labels.pdf"
            job = LabelJob("object", layout.sheet("a4-2x2"), qr_template="https://museum.example/objects/{accession}",
                           overflow="truncate", photo=True)
            t, cpu = time.perf_counter(), time.process_time()
            report = print_labels(archive, Selection(accessions=accessions), job, out)
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
            data = out.read_bytes()
            result["labels"] = {"count": report.labels, "seconds": round(seconds, 2),
                                "cpu_seconds": round(cpu, 2), "pages": report.pages,
                                "ms_per_label": round(seconds / max(report.labels, 1) * 1000, 2),
                                "pdf_mb": round(len(data) / 1e6, 1),
                                "images_embedded": data.count(b"/Subtype /Image"),
                                "warnings": len(report.warnings), "rss_mb_peak": _rss_mb()}
            del data

            out = work / "catalogue.pdf"
            t, cpu = time.perf_counter(), time.process_time()
            cat = print_catalogue(archive, Selection(accessions=accessions[:args.catalogue]),
                                  CatalogueJob(title_zh="基准测试图录", title_en="Benchmark catalogue"), out)
            seconds, cpu = time.perf_counter() - t, time.process_time() - cpu
            data = out.read_bytes()
            result["catalogue"] = {"objects": cat.objects, "seconds": round(seconds, 2),
                                   "cpu_seconds": round(cpu, 2), "pages": cat.pages,
                                   "passes": cat.passes, "pdf_mb": round(len(data) / 1e6, 1),
                                   "images_embedded": data.count(b"/Subtype /Image"),
                                   "rss_mb_peak": _rss_mb()}
            del data
        finally:
            media_files.make_derivatives = original
        result["photos"] = {"distinct": args.photos, "derivatives_made_while_printing": made["n"]}
        result["qr"] = bench_qr(args.qr)
        result["load_average"] = [round(x, 2) for x in __import__("os").getloadavg()]
        result["targets"] = {"labels_le_3s": result["labels"]["seconds"] <= 3.0,
                             "catalogue_le_30s": result["catalogue"]["seconds"] <= 30.0}
        archive.close()
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0
