"""A coverage-guided fuzzer (atheris/libFuzzer) over the import surface, for a fixed time.

Images (exhibit.media_files.inspect_image: what every import goes through), typed
dates (exhibit.dates.parse_date), the CSV decoder (exhibit.interchange.encodings)
and the CSV/XLSX reader of the spreadsheet import (exhibit.interchange.tables). Any exception that is not one of the
project's own errors fails the test, with the traceback and the input that
caused it (saved under the test's tmp_path). A few seconds per target by
default; EXHIBIT_NIGHTLY=1 fuzzes each for EXHIBIT_FUZZ_SECONDS (default 120).
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys

import pytest
from fault_support import HERE, NIGHTLY, child_env

pytest.importorskip("atheris")

SECONDS = int(os.environ.get("EXHIBIT_FUZZ_SECONDS", "120")) if NIGHTLY else None
DEFAULT_SECONDS = {"image": 3, "date": 2, "csv-decode": 1, "csv": 1, "xlsx": 2}
# This fuzzer found, within ~50 inputs, damaged .xlsx files that made read_xlsx raise
# zlib.error, EOFError, NotImplementedError or IndexError instead of TableError (fixed).

def image_seeds() -> list[bytes]:
    from PIL import Image

    seeds = []
    picture = Image.new("RGB", (24, 16), (120, 30, 30))
    picture.putpixel((3, 3), (0, 200, 0))
    exif = Image.Exif()
    exif[0x0112] = 6                               # rotated: the orientation path
    exif[0x0132] = "1944:06:23 10:30:00"
    for fmt, extra in (("JPEG", {"exif": exif}), ("PNG", {}), ("GIF", {}), ("BMP", {}),
                       ("TIFF", {"compression": "tiff_lzw"}), ("WEBP", {})):
        buf = io.BytesIO()
        picture.save(buf, fmt, **extra)
        data = buf.getvalue()
        seeds += [data, data[: len(data) * 2 // 3]]   # whole, and truncated
    buf = io.BytesIO()
    Image.new("P", (8, 8)).save(buf, "PNG")
    seeds.append(buf.getvalue())
    return seeds


def xlsx_seeds() -> list[bytes]:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["衡阳保卫战藏品登记表"])
    ws.append(["总登记号", "名称", "尺寸", None, "年代"])
    ws.append(["HY1944.0001", "钢盔", "长 30", "宽 20", "1944年6月"])
    ws.append(["HY1944.0002", "=B3", 12.5, None, None])
    ws.merge_cells("A1:E1")
    ws.merge_cells("C2:D2")
    buf = io.BytesIO()
    wb.save(buf)
    return [buf.getvalue()]


SEEDS = {
    "image": image_seeds,
    "date": lambda: [t.encode() for t in (
        "1944-06-23", "1944年6月23日", "民国三十三年六月", "23 June – 8 August 1944", "c. 1940s",
        "约1944年", "1944/6/23—1944/8/8", "一九四四年六月二十三日", "Summer 1944", "1944?")],
    "csv-decode": lambda: [
        "总登记号,名称\nHY1944.0001,钢盔\n".encode(enc) for enc in ("utf-8", "utf-8-sig", "gb18030", "utf-16")],
    "csv": lambda: [t.encode(enc) for enc in ("utf-8", "gb18030") for t in (
        "衡阳保卫战藏品\n总登记号,名称,年代\nHY1944.0001,钢盔,1944年6月\n\nHY1944.0002,\"军号, 铜\",1944\n",
        "总登记号\t名称\nHY1944.0003\t日记\n")],
    "xlsx": xlsx_seeds,
}


@pytest.mark.parametrize("target", ["image", "date", "csv-decode", "csv",
                                    "xlsx"])
def test_fuzz_import_surface(target, tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, seed in enumerate(SEEDS[target]()):
        (corpus / f"seed-{number}").write_bytes(seed)
    seconds = SECONDS or DEFAULT_SECONDS[target]
    args = [sys.executable, str(HERE / "fault_fuzz_targets.py"), target,
            f"-max_total_time={seconds}", "-timeout=60", "-rss_limit_mb=3072", "-print_final_stats=1",
            f"-artifact_prefix={tmp_path}{os.sep}", str(corpus)]
    if not NIGHTLY:
        args.insert(3, "-seed=1944")               # the same inputs on every CI run
    out = subprocess.run(args, capture_output=True, text=True, encoding="utf-8", errors="replace",
                         cwd=tmp_path, env=child_env(), timeout=seconds + 600)
    log = out.stdout + out.stderr
    if "SKIP" in out.stdout:
        pytest.skip(out.stdout.strip())
    crashes = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-")))
    assert out.returncode == 0 and not crashes, (
        f"fuzzing {target} found a failure (inputs saved: {crashes}):\n" + "\n".join(log.splitlines()[-60:]))
    runs = re.search(r"Done (\d+) runs in (\d+) second", log)
    assert runs, log[-2000:]
    with capsys.disabled():
        print(f"\nfuzz {target}: {int(runs[1]):,} inputs in {runs[2]} s, no uncaught exception")
