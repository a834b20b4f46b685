"""The kiosk's screens rendered offscreen to PNG, in each language and size.

`render_all(out_dir)` renders attract, home, section, panel, object, timeline,
map and search (with the on-screen keyboard) from a fresh sample exhibition,
published to a temporary snapshot as `main.py publish` would. Call it before
any QApplication exists if the keyboard should be live (QT_IM_MODULE is read
at start-up); otherwise the keyboard is drawn but not connected.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

SCREENS = ("attract", "home", "section", "panel", "object", "timeline", "map", "search")


def _settle(app, seconds: float = 0.4) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)


def render_all(out_dir: Path | str, sizes=((1920, 1080),), languages=("zh", "en"),
               archive_dir: Path | None = None) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ui.kiosk.app import prepare_environment, use_software_renderer_if_headless

    prepare_environment()
    use_software_renderer_if_headless()
    from PySide6.QtGui import QGuiApplication

    from exhibit.archive import Archive
    from exhibit.publish.snapshot import open_snapshot, publish
    from exhibit.sample.loader import load_sample
    from ui.common.qtfonts import ensure_cjk_font

    app = QGuiApplication.instance() or QGuiApplication(["exhibit-kiosk-screenshots"])
    ensure_cjk_font()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="exhibit-kiosk-shots-") as tmp:
        if archive_dir is None:
            archive = Archive.open(Path(tmp) / "archive", user="screenshots")
            load_sample(archive)
        else:
            archive = Archive.open(archive_dir, user="screenshots")
        try:
            publish(archive, Path(tmp) / "kiosk")
        finally:
            archive.close()
        snapshot = open_snapshot(Path(tmp) / "kiosk")
        try:
            for lang in languages:
                for width, height in sizes:
                    written += _shoot(app, snapshot, out, lang, width, height)
        finally:
            snapshot.close()
    return written


def _shoot(app, snapshot, out: Path, lang: str, width: int, height: int) -> list[Path]:
    from ui.kiosk.app import KioskView
    from ui.kiosk.settings import KioskSettings

    kv = KioskView(snapshot, KioskSettings(idle_seconds=3600, default_language=lang),
                   size=(width, height), locked=False)
    kv.show(fullscreen=False)
    kiosk = kv.kiosk
    shots: list[Path] = []

    def shoot(name: str) -> None:
        _settle(app)
        path = out / f"kiosk-{name}-{lang}-{width}x{height}.png"
        kv.view.grabWindow().save(str(path))
        shots.append(path)

    try:
        shoot("attract")
        kiosk.start()
        shoot("home")
        siege = next((kiosk.sections.row(i) for i in range(kiosk.sections.rowCount())
                      if kiosk.sections.row(i)["panel_count"] > 1), kiosk.sections.row(0))
        if siege:
            kiosk.openSection(siege["id"])
            shoot("section")
            kiosk.openPanel(min(1, max(0, kiosk.panels.rowCount() - 1)))
            shoot("panel")
            objects = kiosk.panels.row(kiosk.panelIndex).get("objects") or []
            if objects:
                kiosk.openObject(objects[0]["id"])
                shoot("object")
        kiosk.openTimeline()
        shoot("timeline")
        kiosk.openMap()
        shoot("map")
        kiosk.openSearch()
        field = next((i for i in _items(kv.root) if i.objectName() == "searchField"), None)
        if field is not None:
            field.forceActiveFocus()
            field.setProperty("text", "衡阳" if lang == "zh" else "airfield")
        kiosk.search("衡阳" if lang == "zh" else "airfield")
        shoot("search")
    finally:
        kv.dispose()
        _settle(app, 0.1)
    return shots


def _items(root):
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(item.childItems()))


if __name__ == "__main__":  # python -m ui.kiosk.screenshots OUT_DIR
    import sys

    for shot in render_all(sys.argv[1] if len(sys.argv) > 1 else "kiosk-screenshots"):
        print(shot)
