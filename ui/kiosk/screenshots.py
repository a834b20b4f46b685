"""The kiosk's screens rendered offscreen to PNG, in each language and size.

`render_all(out_dir)` renders attract, home, section, panel, object (and again
with its sources drawer open), the event and place drawers, timeline, map and
search (with the on-screen keyboard), at every text size a visitor can choose,
from a fresh sample exhibition,
published to a temporary snapshot as `main.py publish` would. Call it before
any QApplication exists if the keyboard should be live (QT_IM_MODULE is read
at start-up); otherwise the keyboard is drawn but not connected.
"""
from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

SCREENS = ("attract", "home", "section", "panel", "object", "object-sources", "event", "place",
           "timeline", "map", "search")


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
    from ui.common import typefaces

    app = QGuiApplication.instance() or QGuiApplication(["exhibit-kiosk-screenshots"])
    typefaces.install(wait=True)
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
    """Every screen at every text size a visitor can choose: at 100 % as
    kiosk-<screen>-<lang>-<size>.png, larger as kiosk-<screen>-<percent>pct-<lang>-<size>.png."""
    from exhibit.publish import kiosk_data
    from ui.kiosk.app import KioskView
    from ui.kiosk.controller import TEXT_SCALES
    from ui.kiosk.settings import KioskSettings

    kv = KioskView(snapshot, KioskSettings(idle_seconds=3600, default_language=lang),
                   size=(width, height), locked=False)
    kv.show(fullscreen=False)
    kiosk = kv.kiosk
    shots: list[Path] = []
    # What shows the most of the kiosk: a panel, an event and a place where accounts differ.
    disputed = {kind: (kiosk_data.records_with_disputes(snapshot, kind) or [None])[0]
                for kind in ("panel", "event", "place")}
    timeline = kiosk.timeline.items()
    places = kiosk.places.items()
    event = disputed["event"] or (timeline[0].id if timeline else None)
    place = disputed["place"] or (places[0].id if places else None)

    def shoot(name: str, scale: float, seconds: float = 0.4) -> None:
        _settle(app, seconds)
        percent = "" if scale == 1.0 else f"-{round(scale * 100)}pct"
        path = out / f"kiosk-{name}{percent}-{lang}-{width}x{height}.png"
        kv.view.grabWindow().save(str(path))
        shots.append(path)

    try:
        for scale in TEXT_SCALES:
            kiosk.reset()
            kiosk.setTextScale(scale)
            shoot("attract", scale)
            kiosk.start()
            shoot("home", scale)
            _shoot_exhibition(kiosk, kv, disputed["panel"], lambda name: shoot(name, scale),
                              lambda name: shoot(name, scale, 1.0))
            kiosk.openTimeline()
            shoot("timeline", scale)
            if event is not None:  # an event drawer, over the timeline it is opened from
                kiosk.openRecord("event", event)
                shoot("event", scale)
            kiosk.openMap()
            shoot("map", scale)
            if place is not None:  # and a place's, over the map
                kiosk.openRecord("place", place)
                shoot("place", scale)
            kiosk.openSearch()
            field = next((i for i in _items(kv.root) if i.objectName() == "searchField"), None)
            if field is not None:
                field.forceActiveFocus()
                field.setProperty("text", "衡阳" if lang == "zh" else "airfield")
            kiosk.search("衡阳" if lang == "zh" else "airfield")
            shoot("search", scale)
    finally:
        kv.dispose()
        _settle(app, 0.1)
    return shots


def _shoot_exhibition(kiosk, kv, panel_id, shoot, shoot_slowly) -> None:
    """A section, one of its panels, an object of that panel, and the object with its sources open."""
    if panel_id is not None:
        kiosk.openRecord("panel", panel_id)      # opens its section, then the panel
        kiosk.back()
    else:
        section = next((kiosk.sections.row(i) for i in range(kiosk.sections.rowCount())
                        if kiosk.sections.row(i)["panel_count"] > 1), kiosk.sections.row(0))
        if not section:
            return
        kiosk.openSection(section["id"])
    if kiosk.screen != "section":
        return
    shoot("section")
    index = kiosk.panelIndex if panel_id is not None else min(1, max(0, kiosk.panels.rowCount() - 1))
    kiosk.openPanel(index)
    shoot("panel")
    objects = kiosk.panels.row(kiosk.panelIndex).get("objects") or []
    if not objects:
        return
    kiosk.openObject(objects[0]["id"])
    shoot("object")
    drawer = next((i for i in _items(kv.root) if i.objectName() == "objectSources" and i.isVisible()), None)
    if drawer is not None:
        drawer.setProperty("open", True)  # the list scrolls into view
        shoot_slowly("object-sources")


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
