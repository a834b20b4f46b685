"""The curator window and the kiosk set type as the printed labels do: Latin runs, with
their curly quotes and apostrophes, in Source Sans 3 and Han in Noto Sans SC, each in a
real bold; and a start whose fonts are not cut yet still starts, without cutting them.

The faces are read from what Qt lays out (QTextLayout's glyph runs name the font that
draws each run), with the font the window's widgets and the kiosk's QML Text items have.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication, QTextLayout
from PySide6.QtWidgets import QApplication

from exhibit.typefaces import CACHE_ENV, instance_path
from ui.common import typefaces

SAMPLE = "“Harbour’s Mouth” 衡阳"


def faces_of(font: QFont, text: str, part: str) -> set[tuple[str, str]]:
    """(family, style) of every font Qt draws `part` of `text` with, in `font`."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    start = text.index(part)
    return {(run.rawFont().familyName(), run.rawFont().styleName()) for run in layout.glyphRuns(start, len(part))}


def assert_paired(font: QFont) -> None:
    """What a reader checks: Latin, quotes and apostrophe in the Latin face, Han in the CJK
    face, bold in both faces' own bold, and the quotes narrow, not a full em."""
    for bold, style in ((False, "Regular"), (True, "Bold")):
        font = QFont(font)
        font.setBold(bold)
        for part in ("’", "“", "”", "Harbour"):
            assert faces_of(font, SAMPLE, part) == {(typefaces.LATIN, style)}, (part, bold)
        assert faces_of(font, SAMPLE, "衡阳") == {(typefaces.CJK, style)}, bold
    metrics = QFontMetricsF(font)
    em = metrics.horizontalAdvance("衡")
    for quote in "’“”":
        assert metrics.horizontalAdvance(quote) < 0.6 * em, quote   # a full-width quote is 1 em


@pytest.fixture
def paired(qapp):
    """The pairing installed as a start installs it; the session's previous font put back after."""
    before = QGuiApplication.font()
    typefaces.cut(typefaces.wanted() or [])   # into the test cache, once per machine (half a minute)
    assert typefaces.install() == [typefaces.LATIN, typefaces.CJK]
    yield
    qapp.setFont(before)


def test_the_cjk_face_alone_would_set_the_quotes_full_width(paired):
    """Why Latin comes first (and that the width check below can fail): Noto Sans SC's own
    quotes and apostrophe are a full em wide."""
    font = QFont(QGuiApplication.font())
    font.setFamilies([typefaces.CJK])
    metrics = QFontMetricsF(font)
    for quote in "’“”":
        assert metrics.horizontalAdvance(quote) > 0.9 * metrics.horizontalAdvance("衡"), quote


def test_curator_window_sets_latin_in_source_sans_and_han_in_noto_sans_sc(qtbot, archive, paired):
    from ui.common import i18n
    from ui.curator.window import CuratorWindow

    i18n.set_language("zh", remember=False)
    window = CuratorWindow(archive)
    window.show()
    try:
        assert_paired(window.table.font())          # the record list
        form = window.form.currentWidget()
        assert_paired(form.title_label.font())      # the form's bold heading
        # A row of the sample as the list shows it: its Chinese name in the CJK face.
        name = window.model.data(window.model.index(0, 1))
        han = next(ch for ch in name if "\u4e00" <= ch <= "\u9fff")
        assert faces_of(window.table.font(), name, han) == {(typefaces.CJK, "Regular")}
    finally:
        i18n.set_language("en", remember=False)
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_kiosk_text_sets_latin_in_source_sans_and_han_in_noto_sans_sc(qtbot, paired, tmp_path_factory,
                                                                      sample_template):
    from tests.ui.kiosk_checks import close_view, open_view, publish_sample
    from tests.ui.test_kiosk_flow import items, visible

    snapshot = publish_sample(tmp_path_factory, sample_template)
    view = open_view(qtbot, snapshot, "zh")
    try:
        view.kiosk.start()
        qtbot.wait(50)
        texts = [i for i in items(view.root) if visible(i) and isinstance(i.property("text"), str)
                 and i.property("font") is not None and any("\u4e00" <= ch <= "\u9fff" for ch in i.property("text"))]
        assert texts, "no Chinese text on the kiosk's home screen"
        bold = [i for i in texts if i.property("font").bold()]
        assert bold, "no bold Chinese text on the kiosk's home screen"
        for item in (texts[0], bold[0]):
            font, text = item.property("font"), item.property("text")
            assert font.families()[:2] == [typefaces.LATIN, typefaces.CJK]
            assert_paired(font)
            han = next(ch for ch in text if "\u4e00" <= ch <= "\u9fff")
            style = "Bold" if font.bold() else "Regular"
            assert faces_of(font, text, han) == {(typefaces.CJK, style)}, text
    finally:
        close_view(view)
        snapshot.close()


def test_a_start_with_the_fonts_not_cut_keeps_the_old_fonts_and_hands_the_cut_on(qapp, tmp_path, monkeypatch,
                                                                                caplog):
    before = QGuiApplication.font()
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cold"))
    asked: list[bool] = []
    try:
        got = typefaces.install(start_cut=lambda: asked.append(True) or "cutting them in the background")
        assert got is None and asked == [True]
        assert QGuiApplication.font().families() == before.families()   # the window starts as before
        assert not list((tmp_path / "cold").glob("*.ttf"))               # and nothing was cut on the way
        assert [r.message for r in caplog.records if r.name == typefaces.__name__] == [
            f"screen fonts: 6 of the {typefaces.CJK}/{typefaces.LATIN} faces are not in {tmp_path / 'cold'} yet; "
            "cutting them in the background; this start keeps the previous fonts"]
    finally:
        qapp.setFont(before)


def test_one_background_cut_at_a_time_and_a_failed_one_not_again_the_same_day(tmp_path, monkeypatch):
    import subprocess

    started: list[list[str]] = []
    monkeypatch.setattr(subprocess, "Popen", lambda command, **options: started.append(command))
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    lock = tmp_path / typefaces.LOCK_NAME
    lock.write_text("cutting\n")
    assert typefaces.start_background_cut() == "another start is cutting them now"
    lock.write_text("failed: no space left on device\n")
    assert "failed: no space left on device" in typefaces.start_background_cut()
    assert started == []
    yesterday = lock.stat().st_mtime - typefaces.RETRY_AFTER - 1
    os.utime(lock, (yesterday, yesterday))
    assert "in the background" in typefaces.start_background_cut()
    assert started == [[sys.executable, "-m", "ui.common.typefaces"]] and lock.read_text() == "cutting\n"

    (tmp_path / "a-file").write_text("")   # where the cache folder should be: it cannot be written
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "a-file" / "fonts"))
    assert "cannot be written" in typefaces.start_background_cut()
    assert len(started) == 1


def test_the_background_process_cuts_what_is_missing_and_clears_its_lock(tmp_path, monkeypatch):
    """The Latin faces cut for real (about a second each); the CJK ones, half a minute each,
    are taken from the test cache as they are."""
    warm = Path(os.environ[CACHE_ENV])
    instances = typefaces.wanted()
    assert instances is not None
    cjk = [i for i in instances if i.family == typefaces.CJK]
    typefaces.cut(cjk)   # into the test cache, once per machine
    monkeypatch.setenv(CACHE_ENV, str(tmp_path))
    for instance in cjk:
        name = instance_path(instance.source, instance.weight).name
        shutil.copyfile(warm / name, tmp_path / name)
    monkeypatch.setattr(os, "nice", lambda increment: 0)   # not the test process's priority
    (tmp_path / typefaces.LOCK_NAME).write_text("cutting\n")
    assert [i.family for i in typefaces.missing(instances)] == [typefaces.LATIN] * 4
    assert typefaces.cut_missing() == 0
    assert typefaces.missing(instances) == []
    assert not (tmp_path / typefaces.LOCK_NAME).exists()
