"""`main.py screenshots --out DIR` renders every view, both languages, both sizes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]


def test_screenshots_command(tmp_path):
    out = tmp_path / "shots"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "screenshots", "--out", str(out)],
                         capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    files = sorted(out.glob("*.png"))
    names = {f.name for f in files}
    for lang in ("zh", "en"):
        for size in ("1366x768", "1920x1080"):
            for view in ("objects", "images", "grid", "panel-preview", "panel-links"):
                assert f"curator-{view}-{lang}-{size}.png" in names
        for screen in ("attract", "home", "section", "panel", "object", "timeline", "map", "search"):
            assert f"kiosk-{screen}-{lang}-1920x1080.png" in names
        assert f"print-dialog-{lang}-1366x768.png" in names
        assert {f"import-{page}-{lang}-1366x768.png" for page in range(1, 6)} <= names
    for f in files:
        with Image.open(f) as img:
            width, height = img.size
            assert f.name.endswith(f"{width}x{height}.png")
            # A real picture, not a blank window: many distinct colours.
            assert len(img.convert("RGB").getcolors(maxcolors=1 << 20) or []) > 50
