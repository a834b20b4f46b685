"""A running kiosk and a curator publishing into its folder: the kiosk shows the new content
after its idle reset, never under a visitor's finger, and keeps what it shows when a newer
generation arrives damaged (one line in the log, no retry until a newer one comes)."""
from __future__ import annotations

import logging
import os
import sqlite3

import pytest

from exhibit import services
from exhibit.publish import generations
from exhibit.publish.snapshot import open_current, publish
from exhibit.records import Section

FIRST = "The Forty-Seven Days"


def _items(root):
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(item.childItems()))


def _visible(item) -> bool:
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True


def shown_texts(view) -> set[str]:
    """Every text on screen now."""
    return {i.property("text") for i in _items(view.root)
            if _visible(i) and isinstance(i.property("text"), str) and i.property("text")}


def _retitle(archive, code: str, title_en: str) -> None:
    section = services.find(archive, Section, code)
    section.title_en = title_en
    services.update(archive, section)


@pytest.fixture
def running_kiosk(qapp, qtbot, archive, tmp_path):
    from ui.common import i18n
    from ui.common.qtfonts import ensure_cjk_font
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless
    from ui.kiosk.settings import KioskSettings

    use_software_renderer_if_headless()
    ensure_cjk_font()
    folder = tmp_path / "kiosks"
    publish(archive, folder)
    snapshot, generation = open_current(folder)
    view = KioskView(snapshot, KioskSettings(idle_seconds=600, countdown_seconds=1,
                                             default_language="en"), locked=False, size=(1280, 800))
    view.show(fullscreen=False)
    qtbot.waitExposed(view.view)
    # No periodic look during the test: the folder watcher notices each publish.
    view.watch_folder(folder, generation, poll_seconds=3600)
    yield view, archive, folder, snapshot
    view.dispose()
    view.kiosk.snapshot.close()
    snapshot.close()
    i18n.set_language("en", remember=False)


def _damage(path) -> None:
    """What a network share that dropped a write leaves: the right size, the wrong bytes."""
    path.chmod(0o644)
    with open(path, "r+b") as f:
        f.seek(path.stat().st_size // 2)
        f.write(b"\x00" * 8192)


def test_publishing_twice_while_a_kiosk_runs(qtbot, running_kiosk, caplog, monkeypatch):
    view, archive, folder, first = running_kiosk
    kiosk, watch = view.kiosk, view.watch
    caplog.set_level(logging.INFO, logger="exhibit.kiosk")
    kiosk.start()  # a visitor is on the home screen
    qtbot.waitUntil(lambda: FIRST in shown_texts(view))
    assert watch.generation == 1

    # Second publish: the kiosk notices it and has it checked, but the visitor's screen stays.
    _retitle(archive, "s3-siege", "Forty-Seven Days That Held")
    publish(archive, folder)
    qtbot.waitUntil(lambda: watch.pending_generation == 2, timeout=10_000)
    assert kiosk.screen == "home" and watch.generation == 1
    assert FIRST in shown_texts(view) and "Forty-Seven Days That Held" not in shown_texts(view)

    # The visitor leaves: "still there?", the countdown, the attract loop, and then the switch.
    kiosk.idle.set_times(0.2, countdown_seconds=1, tick_ms=100)
    with qtbot.waitSignal(watch.switched, timeout=10_000) as switched:
        kiosk.idle.poke()
    assert switched.args == [2] and kiosk.screen == "attract"
    kiosk.start()
    qtbot.waitUntil(lambda: "Forty-Seven Days That Held" in shown_texts(view))
    assert FIRST not in shown_texts(view)
    with pytest.raises(sqlite3.ProgrammingError):  # the first generation was let go
        first.db.execute("SELECT 1")

    # A third generation, damaged on the way (after its SHA-256 was taken, before the manifest
    # names it): refused in one line; the kiosk keeps the second.
    _retitle(archive, "s3-siege", "Never Shown")
    real_replace = os.replace

    def damaged_on_the_way(src, dst):
        if os.path.basename(dst) == generations.MANIFEST_NAME:
            _damage(folder / generations.file_name(3))
        real_replace(src, dst)

    with monkeypatch.context() as patch, qtbot.waitSignal(watch.refused, timeout=10_000) as refusal:
        patch.setattr(generations.os, "replace", damaged_on_the_way)
        publish(archive, folder)
    line = refusal.args[0]
    assert "generation 3" in line and "SHA-256" in line and "still showing generation 2" in line
    assert watch.generation == 2 and watch.pending_generation is None
    kiosk.reset()  # another visitor, another idle reset: still the second generation
    kiosk.start()
    qtbot.waitUntil(lambda: "Forty-Seven Days That Held" in shown_texts(view))
    assert "Never Shown" not in shown_texts(view)

    # The damaged one is not tried again until a newer generation appears.
    watch.check_now()
    qtbot.wait(300)
    refusals = [r for r in caplog.records if r.name == "exhibit.kiosk" and r.levelno == logging.WARNING]
    assert len(refusals) == 1 and "\n" not in refusals[0].getMessage()

    # A sound fourth generation while nobody is at the kiosk: taken at once.
    kiosk.reset()
    _retitle(archive, "s3-siege", "The Fourth Edition")
    with qtbot.waitSignal(watch.switched, timeout=10_000) as switched:
        publish(archive, folder)
    assert switched.args == [4]
    kiosk.start()
    qtbot.waitUntil(lambda: "The Fourth Edition" in shown_texts(view))
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.INFO][-1] \
        .startswith("showing kiosk snapshot generation 4")
