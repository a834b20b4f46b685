"""The kiosk's timeline as a visitor meets it: it opens on the siege; the strip marks every one of
the 47 days with a tick and its number, with dates along it; touching a day brings its events;
cards are as tall as what they say; the campaign before and the aftermath are their own parts."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF

from tests.ui.kiosk_checks import close_view, open_view, publish_sample
from tests.ui.test_kiosk_flow import items, tap, touch, visible


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


def scene_rect(item) -> QRectF:
    return QRectF(item.mapToScene(QPointF(0, 0)), item.mapToScene(QPointF(item.width(), item.height())))


def shown(view, prefix: str) -> dict[str, object]:
    return {i.objectName()[len(prefix):]: i for i in items(view.root)
            if i.objectName().startswith(prefix) and visible(i) and i.width() > 0}


def on_screen(view, prefix: str) -> dict[str, object]:
    """Those of the items that the timeline's list shows (not scrolled away)."""
    area = scene_rect(next(i for i in items(view.root) if i.objectName() == "timelineList"))
    return {k: i for k, i in shown(view, prefix).items() if area.intersects(scene_rect(i))}


def open_timeline(qtbot, view, text_size: float = 1.0):
    view.kiosk.start()
    view.kiosk.setTextScale(text_size)
    view.kiosk.openTimeline()
    qtbot.wait(200)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_it_opens_on_the_siege_with_every_day_ticked_numbered_and_dated(qtbot, snapshot, lang):
    view = open_view(qtbot, snapshot, lang)
    try:
        open_timeline(qtbot, view)
        title = next(i for i in items(view.root) if i.objectName() == "timelineTitle")
        assert title.property("text") == ("围城四十七天：1944年6月23日至8月8日" if lang == "zh"
                                          else "The siege: 47 days, 23 June – 8 August 1944")
        assert next(i for i in items(view.root) if i.objectName() == "phaseSiege").property("primary")
        ticks, numbers = shown(view, "tick:"), shown(view, "dayNumber:")
        assert sorted(map(int, ticks)) == list(range(1, 48))
        assert sorted(map(int, numbers)) == list(range(1, 48))  # at 100 % every number fits its day
        dates = {int(k): i.property("text") for k, i in shown(view, "dayDate:").items()}
        first, last = ("6月23日", "8月8日") if lang == "zh" else ("23 June", "8 August")
        assert dates[1] == first and dates[47] == last and len(dates) >= 6
        rects = sorted((scene_rect(i) for i in shown(view, "dayDate:").values()), key=lambda r: r.left())
        assert all(a.right() <= b.left() for a, b in zip(rects, rects[1:]))  # dates never run together
        # The first column is the first day; every column shown is a day of the siege, in order.
        columns = on_screen(view, "timelineDay:")
        assert "siege-day-1" in columns
        assert all(k.startswith("siege-") for k in columns)
    finally:
        close_view(view)


def test_at_double_text_size_every_day_keeps_its_tick_and_numbers_thin_out(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "en")
    try:
        open_timeline(qtbot, view, 2.0)
        assert sorted(map(int, shown(view, "tick:"))) == list(range(1, 48))
        numbers = shown(view, "dayNumber:")
        assert {1, 47} <= set(map(int, numbers)) and len(numbers) >= 20
        rects = sorted((scene_rect(i) for i in numbers.values()), key=lambda r: r.left())
        assert all(a.right() <= b.left() for a, b in zip(rects, rects[1:]))
    finally:
        close_view(view)


def test_touching_a_day_on_the_strip_shows_that_days_events(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "en")
    try:
        open_timeline(qtbot, view)
        day = shown(view, "day:")["29"]
        touch(qtbot, view, scene_rect(day).center().toPoint())
        qtbot.wait(100)
        columns = on_screen(view, "timelineDay:")
        assert "siege-day-29" in columns
        list_area = scene_rect(next(i for i in items(view.root) if i.objectName() == "timelineList"))
        assert list_area.contains(scene_rect(columns["siege-day-29"]).topLeft() + QPointF(1, 1))
        # Its three events are there, each card as tall as its text (no half-empty cards).
        titles = {i.property("text") for i in items(columns["siege-day-29"]) if visible(i)}
        assert "Surrender passes burned" in titles and "Relieving 62nd Army attacks Huangchaling" in titles
        cards = on_screen(view, "event:")
        assert len(cards) >= 6
        for card in cards.values():
            text = next(c for c in card.childItems() if c.metaObject().className().startswith("QQuickColumn"))
            assert card.height() == pytest.approx(max(text.height() + 40, 58), abs=1.5)
        # A day without events brings the next day that has some.
        touch(qtbot, view, scene_rect(shown(view, "day:")["30"]).center().toPoint())
        qtbot.wait(100)
        assert "siege-day-33" in on_screen(view, "timelineDay:")
    finally:
        close_view(view)


def test_the_campaign_and_the_aftermath_are_their_own_parts(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "zh")
    try:
        open_timeline(qtbot, view)
        tap(qtbot, view, "phaseCampaign")
        qtbot.wait(100)
        columns = shown(view, "timelineDay:")
        assert columns and all(k.startswith("campaign-") for k in columns)
        assert not visible(next(i for i in items(view.root) if i.objectName() == "dayStrip"))
        tap(qtbot, view, "phaseAfter")
        qtbot.wait(100)
        columns = shown(view, "timelineDay:")
        assert "aftermath-month-1944-08" in columns and all(k.startswith("aftermath-") for k in columns)
        # The list goes on sideways: the arrow steps on to later columns.
        before = set(on_screen(view, "timelineDay:"))
        tap(qtbot, view, "timelineMore")
        qtbot.wait(100)
        assert set(on_screen(view, "timelineDay:")) != before
        tap(qtbot, view, "phaseSiege")
        qtbot.wait(100)
        assert "siege-day-1" in on_screen(view, "timelineDay:")
    finally:
        close_view(view)
