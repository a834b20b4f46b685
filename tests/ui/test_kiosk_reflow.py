"""Every kiosk screen reflows at every text size a visitor can choose (issue 18, "Clipping"):
home, section, panel, object, the event, place and person drawers and the attract loop, at
100 %, 125 %, 150 % and 200 %, in Chinese and English. Read from the QML items' geometry: no
text is elided or cut to a line count, none overflows its box, is cut by a clipping ancestor
(a scrolling one only hides what scrolling brings back), spills out of its card or lies over
another; and every area that scrolls says so (a fade and an arrow at its foot) until its end.
Chinese is never slanted (there is no Chinese italic)."""
from __future__ import annotations

import pytest

from tests.ui.kiosk_checks import (
    HAN,
    SCREENS,
    TEXT_SIZES,
    close_view,
    cut_problems,
    is_flickable,
    open_view,
    overlaps,
    publish_sample,
    scene_rect,
    show,
    shown_items,
    texts,
)
from tests.ui.test_kiosk_flow import items, visible


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


@pytest.fixture(params=["zh", "en"])
def kiosk_view(request, qapp, qtbot, snapshot):
    view = open_view(qtbot, snapshot, request.param)
    yield view
    close_view(view)


def scroll_areas(view, screen) -> list:
    return [i for i in shown_items(view, screen) if i.metaObject().className().startswith("ScrollArea")]


@pytest.mark.parametrize("size", TEXT_SIZES, ids=lambda s: f"{round(s * 100)}pct")
def test_every_screen_shows_every_text_whole(qtbot, kiosk_view, size):
    view = kiosk_view
    problems = []
    for screen in SCREENS:
        show(qtbot, view, screen, size)
        shown = texts(view, screen)
        assert len(shown) >= 3, f"{screen.name}: almost nothing on show"
        for text in shown:
            problems += [f"{screen.name} at {size:.0%}: {text.property('text')[:40]!r}: {p}"
                         for p in cut_problems(view, text)]
            if HAN.search(text.property("text")) and text.property("font").italic():
                problems.append(f"{screen.name}: Chinese set in italic: {text.property('text')[:40]!r}")
        problems += [f"{screen.name} at {size:.0%}: {p}" for p in overlaps(shown)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("size", (1.0, 2.0), ids=("100pct", "200pct"))
def test_an_area_that_scrolls_says_so_until_its_end(qtbot, kiosk_view, size):
    view = kiosk_view
    seen_more = 0
    for screen in SCREENS:
        show(qtbot, view, screen, size)
        for item in shown_items(view, screen):  # no scrolling text outside a ScrollArea
            if is_flickable(item) and item.property("contentHeight") > item.height() + 1:
                assert item.parentItem().metaObject().className().startswith("ScrollArea"), \
                    f"{screen.name}: {item.objectName() or item.parentItem().objectName()} scrolls with no sign of it"
        for area in scroll_areas(view, screen):
            flick, hint = area.childItems()[0], area.childItems()[1]
            rest = flick.property("contentHeight") - flick.height()
            assert visible(hint) == (rest > 2), f"{screen.name}: {area.objectName()} hint with {rest:.0f} px to go"
            if rest > 2:
                seen_more += 1
                arrow = next(i for i in items(hint) if i.objectName() == "scrollMore")
                assert visible(arrow) and arrow.width() >= 44
                flick.setProperty("contentY", rest)  # at the end: the fade and arrow go
                qtbot.waitUntil(lambda: not visible(hint))
                flick.setProperty("contentY", 0)
                qtbot.waitUntil(lambda: visible(hint))
    assert seen_more >= (3 if size > 1 else 1)


def test_the_scroll_arrow_scrolls_on(qtbot, kiosk_view):
    """The arrow is a control: a touch on it moves the text on by most of a screenful."""
    from tests.ui.test_kiosk_flow import tap

    view = kiosk_view
    panel = SCREENS[3]
    show(qtbot, view, panel, 1.5)
    area = next(a for a in scroll_areas(view, panel) if a.objectName() == "panelText"
                and 0 <= scene_rect(a).center().x() < view.view.width())
    assert area.childItems()[0].property("contentHeight") > area.height()
    flick = area.childItems()[0]
    arrow = next(i for i in items(area) if i.objectName() == "scrollMore")
    tap(qtbot, view, arrow)
    qtbot.waitUntil(lambda: flick.property("contentY") > flick.height() * 0.5)
