"""The kiosk says the sample's objects are invented (issue 19, "Presentation"): one line on
the attract loop and the home screen, in the visitor's language, readable and whole at every
text size, clear of the picture's caption and the buttons; and no such line for a real
collection. Offscreen, as tests/ui/test_kiosk_flow.py drives the kiosk."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from exhibit import services
from exhibit.records import ArchiveObject
from tests.ui.test_kiosk_flow import items, visible
from ui.kiosk.controller import TEXT_SCALES

ZH = "示例展览：展品为虚构，图片为生成的示意图，并非历史照片"
EN = ("A sample exhibition: the objects are invented and the pictures are generated drawings, "
      "not historical photographs")
SMALL_BODY = 24  # the smallest body text of the kiosk's screens (Theme.font(24)), at 1080 px high
PLAIN_TEXT = 0   # Text.PlainText


def text_format(item) -> int:
    """A QML Text's textFormat, read through QML (the enum has no Python converter)."""
    from PySide6.QtQml import QQmlEngine, QQmlExpression

    result = QQmlExpression(QQmlEngine.contextForObject(item), item, "textFormat + 0").evaluate()
    return int(result[0] if isinstance(result, tuple) else result)


def open_kiosk(qtbot, tmp_path, archive, lang: str):
    from exhibit.publish.snapshot import open_snapshot, publish
    from ui.common.qtfonts import ensure_cjk_font
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless
    from ui.kiosk.settings import KioskSettings

    use_software_renderer_if_headless()
    ensure_cjk_font()
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    view = KioskView(snapshot, KioskSettings(idle_seconds=600, default_language=lang), locked=False)
    view.show(fullscreen=False)
    qtbot.waitExposed(view.view)
    qtbot.wait(100)
    return view, snapshot


@pytest.fixture
def kiosk_on(qapp, qtbot, tmp_path):
    opened = []

    def start(archive, lang: str = "zh"):
        view, snapshot = open_kiosk(qtbot, tmp_path, archive, lang)
        opened.append((view, snapshot))
        return view

    yield start
    for view, snapshot in opened:
        view.dispose()
        snapshot.close()
    from ui.common import i18n
    i18n.set_language("en", remember=False)


def screen_item(view, name: str):
    return next(i for i in items(view.root) if i.objectName() == name)


def notices(view, screen: str) -> list:
    return [i for i in items(screen_item(view, screen)) if i.objectName() == "sampleNotice" and visible(i)]


def rect(item) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def assert_readable_and_whole(view, notice, text: str) -> None:
    assert notice.property("text") == text
    assert text_format(notice) == PLAIN_TEXT
    scale = view.view.height() / 1080 * view.kiosk.textScale
    assert notice.property("font").pixelSize() >= round(SMALL_BODY * scale)
    assert not notice.property("truncated")
    # Wrapped, not cut: the item is as tall as its lines, and on the screen.
    assert notice.property("contentHeight") <= notice.height() + 1
    box = rect(notice)
    assert box.left() >= 0 and box.top() >= 0
    assert box.right() <= view.view.width() and box.bottom() <= view.view.height()


@pytest.mark.parametrize("lang, text", [("zh", ZH), ("en", EN)])
def test_the_attract_loop_says_the_sample_is_invented(qtbot, kiosk_on, archive, lang, text):
    view = kiosk_on(archive, lang)
    kiosk = view.kiosk
    assert kiosk.screen == "attract" and kiosk.sampleContent
    [notice] = notices(view, "attract")
    assert_readable_and_whole(view, notice, text)
    # Clear of every other text on the loop (the title, the picture's caption, the buttons' labels).
    attract = screen_item(view, "attract")
    others = [i for i in items(attract) if visible(i) and i is not notice and i.property("text")]
    assert any(i.property("text") == kiosk.attract.row(0)["title"] for i in others)  # the caption
    for other in others:
        assert not rect(other).intersects(rect(notice)), other.property("text")
    for button in ("startChinese", "startEnglish"):
        assert not rect(screen_item(view, button)).intersects(rect(notice))


@pytest.mark.parametrize("lang, text", [("zh", ZH), ("en", EN)])
def test_the_home_screen_says_it_at_every_text_size(qtbot, kiosk_on, archive, lang, text):
    view = kiosk_on(archive, lang)
    kiosk = view.kiosk
    kiosk.start()
    qtbot.waitUntil(lambda: kiosk.screen == "home")
    sections = screen_item(view, "sectionList")
    for _ in TEXT_SCALES:  # 100 %, 125 %, 150 %, 200 %: every size the visitor can choose
        qtbot.wait(50)
        [notice] = notices(view, "home")
        assert_readable_and_whole(view, notice, text)
        assert rect(notice).bottom() <= rect(sections).top()  # above the sections, never under them
        kiosk.cycleTextSize()
    assert kiosk.textScale == 1.0


def test_switching_language_switches_the_line(qtbot, kiosk_on, archive):
    view = kiosk_on(archive, "zh")
    kiosk = view.kiosk
    [notice] = notices(view, "attract")
    assert notice.property("text") == ZH
    kiosk.setLanguage("en")
    qtbot.waitUntil(lambda: notice.property("text") == EN)
    kiosk.start()
    [notice] = notices(view, "home")
    assert notice.property("text") == EN


def test_a_real_collection_shows_no_sample_line(qtbot, kiosk_on, blank_archive):
    services.create(blank_archive, ArchiveObject(accession="REAL.1", name_zh="水壶", name_en="Canteen"))
    view = kiosk_on(blank_archive, "zh")
    kiosk = view.kiosk
    assert not kiosk.sampleContent
    assert notices(view, "attract") == []
    kiosk.start()
    qtbot.waitUntil(lambda: kiosk.screen == "home")
    assert notices(view, "home") == []
    kiosk.setLanguage("en")
    assert notices(view, "home") == []
