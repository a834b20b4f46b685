"""The curator window and the kiosk set type as the printed labels do: Latin runs, with
their curly quotes and apostrophes, in Source Sans 3 and Han in Noto Sans SC, each in a
real bold; Chinese text with its “” ‘’ in Noto Sans SC, full-width as Chinese is set (the
PDF code splits runs by script; Qt picks a font per character, so the family order follows
the text's language); and a start whose fonts are not cut yet still starts, without cutting them.

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

ENGLISH = "“Harbour’s Mouth” 衡阳"
CHINESE = "第十军，别号“泰山军”——‘衡阳’……"
HAN = ("\u3400", "\u9fff")


def _layout(font: QFont, text: str):
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    layout.endLayout()
    return layout, line


def faces_of(font: QFont, text: str, part: str) -> set[tuple[str, str]]:
    """(family, style) of every font Qt draws `part` of `text` with, in `font`."""
    layout, _ = _layout(font, text)
    start = text.index(part)
    return {(run.rawFont().familyName(), run.rawFont().styleName()) for run in layout.glyphRuns(start, len(part))}


def ems(font: QFont, text: str, part: str) -> float:
    """How wide `part` is set within `text`, in ems (the width of a Han character)."""
    _, line = _layout(font, text)
    start = text.index(part)
    width = line.cursorToX(start + len(part))[0] - line.cursorToX(start)[0]
    return width / QFontMetricsF(font).horizontalAdvance("衡")


def styles(font: QFont):
    for bold, style in ((False, "Regular"), (True, "Bold")):
        styled = QFont(font)
        styled.setBold(bold)
        yield styled, style


def assert_english(font: QFont, text: str = ENGLISH) -> None:
    """What a reader checks in English: letters, quotes and apostrophes in the Latin face, a
    Han name in passing in the CJK face, bold in both faces' own bold, and the quotes
    narrow, not a full em."""
    quotes = [q for q in "’“”" if q in text]
    assert quotes, text
    letter = next(ch for ch in text if ch.isascii() and ch.isalpha())
    for styled, style in styles(font):
        for part in quotes + [letter]:
            assert faces_of(styled, text, part) == {(typefaces.LATIN, style)}, (part, style, text)
        for han in (ch for ch in text if HAN[0] <= ch <= HAN[1]):
            assert faces_of(styled, text, han) == {(typefaces.CJK, style)}, (han, style)
        for quote in quotes:
            assert ems(styled, text, quote) < 0.6, (quote, style)   # a full-width quote is 1 em


def assert_chinese(font: QFont, text: str = CHINESE) -> None:
    """What a reader checks in Chinese: Han, quotes, dashes and ellipses all in the CJK face,
    in its own bold too, and the quotes full-width (W3C clreq), not the narrow Latin ones."""
    quotes = [q for q in "“”‘’" if q in text]
    assert quotes, text
    for styled, style in styles(font):
        for part in quotes + [p for p in ("——", "……") if p in text] + [text[0]]:
            assert faces_of(styled, text, part) == {(typefaces.CJK, style)}, (part, style, text)
        for quote in quotes:
            assert ems(styled, text, quote) >= 0.9, (quote, style)


@pytest.fixture
def paired(qapp):
    """The pairing installed as a start installs it; the session's previous font put back after."""
    before = QGuiApplication.font()
    typefaces.cut(typefaces.wanted() or [])   # into the test cache, once per machine (half a minute)
    assert set(typefaces.install() or []) == {typefaces.LATIN, typefaces.CJK} and typefaces.in_force()
    yield
    qapp.setFont(before)


def test_the_cjk_face_alone_would_set_the_quotes_full_width(paired):
    """Why English takes the Latin face first (and that the width check can fail): Noto Sans
    SC's own quotes and apostrophe are a full em wide."""
    font = QFont(QGuiApplication.font())
    font.setFamilies([typefaces.CJK])
    metrics = QFontMetricsF(font)
    for quote in "’“”":
        assert metrics.horizontalAdvance(quote) > 0.9 * metrics.horizontalAdvance("衡"), quote


def test_chinese_takes_the_cjk_face_first_and_english_the_latin_face(paired):
    """Qt takes each character from the first family that has it, whatever the text around it:
    with the Latin face first, the quotes in 别号“泰山军” are the narrow Latin ones (issue #17),
    so the order follows the text's language."""
    base = QFont(QGuiApplication.font())
    base.setPixelSize(40)
    assert typefaces.families_for("zh") == [typefaces.CJK, typefaces.LATIN]
    assert typefaces.families_for("en") == [typefaces.LATIN, typefaces.CJK]
    assert_chinese(typefaces.font_for("zh", base))
    assert_english(typefaces.font_for("en", base))
    latin_first = typefaces.font_for("en", base)
    assert faces_of(latin_first, CHINESE, "“") == {(typefaces.LATIN, "Regular")}
    assert ems(latin_first, CHINESE, "“") < 0.6


def test_the_curator_sets_each_half_of_a_pair_in_its_language_and_the_rest_in_the_windows(qtbot, archive,
                                                                                         paired, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.common import i18n
    from ui.curator.editor.forms import RecordForm
    from ui.curator.window import CuratorWindow

    # The names typed below are not kept: closing the window discards them.
    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *_: QMessageBox.StandardButton.Discard))
    i18n.set_language("en", remember=False)
    window = CuratorWindow(archive)
    window.show()
    try:
        form = window.form.currentWidget()
        assert form.record_type == "object"
        name_zh, name_en = form._editors["name_zh"].widget, form._editors["name_en"].widget
        name_zh.setText("第十军，别号“泰山军”")
        name_en.setText("The “Mount Tai Army”’s commander")
        columns = [c.field for c in window.model.columns()]
        for lang in ("en", "zh", "en"):
            i18n.set_language(lang, remember=False)
            in_the_windows_language = assert_chinese if lang == "zh" else assert_english
            in_the_windows_language(window.table.font())      # labels, menus, the list's other columns
            in_the_windows_language(form.title_label.font())  # the form's bold heading
            in_the_windows_language(form.zh_header.font())    # bold through a style sheet
            assert form.title_label.font().bold() and form.zh_header.font().bold()
            # The Chinese and English halves of a pair, in the form and as the list's columns,
            # keep their own order in either window.
            assert_chinese(name_zh.font(), name_zh.text())
            assert_english(name_en.font(), name_en.text())
            assert_chinese(window.table.column_font(columns.index("name_zh")))
            assert_english(window.table.column_font(columns.index("name_en")))
    finally:
        i18n.set_language("en", remember=False)
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


LANGUAGE_BUTTONS = {"startChinese": "zh", "startEnglish": "en"}


def texts_shown(view) -> list:
    """Every Text (and text field) on screen with its text, and the language it is in: the
    visitor's, but a language button's label is in the language it names."""
    from tests.ui.test_kiosk_flow import items, visible

    lang = view.kiosk.lang
    shown = []
    for item in items(view.root):
        if not (visible(item) and isinstance(item.property("text"), str) and item.property("text")
                and isinstance(item.property("font"), QFont)):
            continue
        in_lang, parent = lang, item.parentItem()
        while parent is not None:
            if parent.objectName() == "languageButton":
                in_lang = "en" if lang == "zh" else "zh"
            in_lang = LANGUAGE_BUTTONS.get(parent.objectName(), in_lang)
            parent = parent.parentItem()
        shown.append((item, in_lang))
    return shown


def test_the_kiosk_sets_each_language_in_its_order_after_every_switch(qtbot, paired, tmp_path_factory,
                                                                     sample_template):
    from exhibit.publish import kiosk_data
    from tests.ui.kiosk_checks import close_view, open_view, publish_sample

    snapshot = publish_sample(tmp_path_factory, sample_template)
    view = open_view(qtbot, snapshot, "zh")
    kiosk = view.kiosk

    def check_every_text(lang: str) -> list:
        shown = texts_shown(view)
        assert len(shown) > 5, lang
        for item, in_lang in shown:   # one family in QML, the other behind it (a substitution)
            assert item.property("font").family() == typefaces.family_for(in_lang), \
                (lang, item.property("text")[:40])
        return [item for item, _ in shown]

    try:
        # A search that finds nothing says so with the query in quotes: 没有找到与“…”相关的内容。
        # in Chinese, Nothing found for “…”. in English; the text already shown is set again
        # at each switch.
        kiosk.start()
        kiosk.openSearch()
        kiosk.search("zzqx")
        for lang in ("zh", "en", "zh"):
            kiosk.setLanguage(lang)
            qtbot.wait(50)
            hint = next(i for i in check_every_text(lang) if i.objectName() == "searchHint")
            font, text = hint.property("font"), hint.property("text")
            assert "“zzqx”" in text
            (assert_chinese if lang == "zh" else assert_english)(font, text)
            assert font.bold() is False

        # The panel of issue #17 in Chinese, then in English with a Chinese name in passing.
        panels = [p for s in kiosk_data.sections(snapshot) for p in kiosk_data.panels(snapshot, s.id)]
        tenth = next(p for p in panels if "别号“泰山军”" in p.body_zh)
        kiosk.openRecord("panel", tenth.id)
        qtbot.wait(50)
        body = next(i for i in check_every_text("zh") if "别号“泰山军”" in i.property("text"))
        assert_chinese(body.property("font"), body.property("text"))
        kiosk.setLanguage("en")
        qtbot.wait(50)
        body = next(i for i in check_every_text("en") if "(第十军)" in i.property("text"))
        font, text = body.property("font"), body.property("text")
        assert faces_of(font, text, "第十军") == {(typefaces.CJK, "Regular")}
        assert faces_of(font, text, "Hengyang") == {(typefaces.LATIN, "Regular")}
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
