"""Sources and disputes on the kiosk (issue 18, "Research notes on the wall"): the visitor's
text speaks to the visitor, and every panel, object, event, place and person has a
"Sources / 资料来源" drawer listing what it cites; where the sources disagree, an "Accounts
differ / 说法不一" box shows each account beside its source. Driven with touches, offscreen."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from exhibit import services
from exhibit.publish import kiosk_data
from exhibit.records import ArchiveObject
from tests.ui.kiosk_checks import close_view, inside, open_view, publish_sample, scene_rect
from tests.ui.test_kiosk_flow import items, tap, visible


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


def cited(snapshot, kind: str, record_id: int) -> set[int]:
    return {r[0] for r in snapshot.db.execute(
        "SELECT source_id FROM citations WHERE record_type = ? AND record_id = ?", [kind, record_id])}


def read_in_readings(snapshot, kind: str, record_id: int) -> set[int]:
    return {r[0] for r in snapshot.db.execute(
        "SELECT r.source_id FROM dispute_readings r JOIN disputes d ON d.id = r.dispute_id "
        "WHERE d.record_type = ? AND d.record_id = ?", [kind, record_id])}


# ---------------------------------------------------------------- what the snapshot gives

def test_a_records_sources_are_its_citations_then_its_readings_sources(snapshot):
    panel = kiosk_data.records_with_disputes(snapshot, "panel")[0]
    sources = kiosk_data.sources_for(snapshot, "panel", panel)
    ids = [s.id for s in sources]
    assert len(ids) == len(set(ids))  # each source once
    assert set(ids) == cited(snapshot, "panel", panel) | read_in_readings(snapshot, "panel", panel)
    first_cited = snapshot.db.execute("SELECT source_id FROM citations WHERE record_type = 'panel' "
                                      "AND record_id = ? ORDER BY id LIMIT 1", [panel]).fetchone()[0]
    assert ids[0] == first_cited
    row = snapshot.db.execute("SELECT title, author, publisher, year, url FROM sources WHERE id = ?",
                              [ids[0]]).fetchone()
    assert (sources[0].title, sources[0].author, sources[0].publisher, sources[0].year, sources[0].url) == row
    assert all(s.title for s in sources) and all(s.kind_zh and s.kind_en for s in sources)


def test_every_record_a_visitor_opens_carries_its_sources_and_disputes(snapshot):
    panel = kiosk_data.records_with_disputes(snapshot, "panel")[0]
    section = snapshot.db.execute("SELECT section_id FROM panels WHERE id = ?", [panel]).fetchone()[0]
    card = next(p for p in kiosk_data.panels(snapshot, section) if p.id == panel)
    assert card.disputes and card.sources
    assert card.disputes == kiosk_data.disputes_for(snapshot, "panel", panel)
    for kind in ("event", "place", "person"):
        record = kiosk_data.records_with_disputes(snapshot, kind)[0]
        detail = kiosk_data.record_detail(snapshot, kind, record)
        assert detail is not None and detail.disputes and len(detail.disputes[0].readings) >= 2
        assert {s.id for s in detail.sources} >= read_in_readings(snapshot, kind, record)
    obj = kiosk_data.object_detail(snapshot, 1)
    assert obj is not None and {s.id for s in obj.sources} == cited(snapshot, "object", 1)


def test_the_curators_working_notes_stay_out(snapshot):
    assert snapshot.db.execute("SELECT count(*) FROM citations WHERE note != ''").fetchone()[0] == 0
    assert snapshot.db.execute("SELECT count(*) FROM dispute_readings WHERE note != ''").fetchone()[0] == 0


@pytest.mark.parametrize("text, lead", [
    ("From 1939 to 1944 Hunan was a front. In April 1944 Japan attacked.", "From 1939 to 1944 Hunan was a front."),
    ("Made c. 1944 by the U.S. Army. Kept since.", "Made c. 1944 by the U.S. Army."),
    ("衡阳之战到底付出了多少生命？中日双方的统计相差很大。", "衡阳之战到底付出了多少生命？"),
    ("第一段没有句号\n第二段。", "第一段没有句号"),
    ("", ""),
])
def test_a_cards_lead_is_a_whole_first_sentence(text, lead):
    assert kiosk_data.first_sentence(text) == lead


# ---------------------------------------------------------------- what the visitor sees

@pytest.fixture
def kiosk_zh(qapp, qtbot, snapshot):
    view = open_view(qtbot, snapshot, "zh")
    yield view
    close_view(view)


def on_screen(view, name: str):
    found = [i for i in items(view.root) if i.objectName() == name and visible(i)
             and 0 <= scene_rect(i).center().x() < view.view.width()]
    assert found, f"no {name} on screen"
    return found[0]


def shown_texts(item) -> list[str]:
    return [i.property("text") for i in items(item) if visible(i) and isinstance(i.property("text"), str)]


def scroll_to_end(qtbot, view, area) -> None:
    """As a visitor does: touch the arrow at the foot of the text until it goes."""
    for _ in range(40):
        arrows = [i for i in items(area) if i.objectName() == "scrollMore" and visible(i)]
        if not arrows:
            return
        tap(qtbot, view, arrows[0])
        qtbot.wait(350)
    raise AssertionError("the arrow never reached the end")


def open_drawer(qtbot, view, area, handle) -> list:
    scroll_to_end(qtbot, view, area)
    tap(qtbot, view, handle)
    drawer = handle.parentItem()
    qtbot.waitUntil(lambda: drawer.property("open"))
    hint = area.childItems()[1]
    qtbot.wait(100)  # the list is laid out, and the area scrolls to it
    qtbot.waitUntil(lambda: not hint.property("stepping"))
    return [i for i in items(drawer) if i.objectName().startswith("source:") and visible(i)]


def test_a_panel_shows_where_accounts_differ_and_its_sources(qtbot, kiosk_zh, snapshot):
    view, kiosk = kiosk_zh, kiosk_zh.kiosk
    panel = kiosk_data.records_with_disputes(snapshot, "panel")[0]
    kiosk.start()
    kiosk.openRecord("panel", panel)
    qtbot.waitUntil(lambda: kiosk.screen == "panel")
    qtbot.wait(150)  # laid out
    area = on_screen(view, "panelText")

    # The box: its heading, each topic, each account with its source's title.
    [heading] = [i for i in items(area) if i.objectName() == "disputesHeading" and visible(i)]
    assert heading.property("text") == "说法不一"
    box = heading.parentItem().parentItem()
    texts = shown_texts(box)
    for dispute in kiosk_data.disputes_for(snapshot, "panel", panel):
        assert dispute.topic_zh in texts
        for reading in dispute.readings:
            assert reading.value_zh in texts
            assert any(reading.source_title in t for t in texts)
    body = on_screen(view, "panelBody")
    assert scene_rect(box).top() > scene_rect(body).top()  # after the text, not instead of it

    # The drawer, closed: its handle says how many sources; opened, it lists each.
    handle = next(i for i in items(area) if i.objectName() == "sourcesHandle")
    sources = kiosk_data.sources_for(snapshot, "panel", panel)
    assert f"资料来源（{len(sources)}）" in shown_texts(handle)
    assert not [i for i in items(area) if i.objectName().startswith("source:") and visible(i)]
    entries = open_drawer(qtbot, view, area, handle)
    assert len(entries) == len(sources)
    listed = [t for e in entries for t in shown_texts(e)]
    for source in sources:
        assert source.title in listed
        if source.url:
            assert source.url in listed
    # Opening it brought the list into view: the handle moved up to the top of the scrolling
    # area (the list is longer than what was left below it), its first entry in view.
    assert scene_rect(handle).top() - scene_rect(area).top() < 60
    assert inside(scene_rect(entries[0]), scene_rect(area))

    tap(qtbot, view, handle)  # and closes again
    qtbot.waitUntil(lambda: not visible(entries[0]))


def test_the_object_screen_has_its_sources_drawer(qtbot, kiosk_zh, snapshot):
    view, kiosk = kiosk_zh, kiosk_zh.kiosk
    kiosk.start()
    kiosk.setLanguage("en")
    kiosk.openObject(1)
    qtbot.wait(150)
    area = on_screen(view, "objectFacts")
    handle = next(i for i in items(area) if i.objectName() == "sourcesHandle")
    entries = open_drawer(qtbot, view, area, handle)
    assert len(entries) == len(cited(snapshot, "object", 1)) > 0
    assert any(t.startswith("Sources (") for t in shown_texts(handle))


@pytest.mark.parametrize("kind", ["event", "place", "person"])
def test_the_detail_drawer_shows_disputes_and_sources(qtbot, kiosk_zh, snapshot, kind):
    view, kiosk = kiosk_zh, kiosk_zh.kiosk
    record = kiosk_data.records_with_disputes(snapshot, kind)[0]
    kiosk.start()
    kiosk.openTimeline()
    kiosk.openRecord(kind, record)
    qtbot.waitUntil(lambda: kiosk.detail.get("id") == record)
    qtbot.wait(150)
    sheet = on_screen(view, "detailSheet")
    detail = kiosk_data.record_detail(snapshot, kind, record)
    assert detail is not None
    texts = shown_texts(sheet)
    assert "说法不一" in texts and detail.disputes[0].topic_zh in texts
    area = on_screen(view, "detailScroll")
    handle = next(i for i in items(area) if i.objectName() == "sourcesHandle")
    assert len(open_drawer(qtbot, view, area, handle)) == len(detail.sources)


def test_a_record_that_cites_nothing_has_no_drawer_and_no_box(qapp, qtbot, blank_archive, tmp_path):
    from exhibit.publish.snapshot import open_snapshot, publish

    obj = services.create(blank_archive, ArchiveObject(accession="REAL.1", name_zh="水壶", name_en="Canteen",
                                                       description_zh="一只军用水壶。", record_status="published"))
    publish(blank_archive, tmp_path / "kiosk")
    snap = open_snapshot(tmp_path / "kiosk")
    view = open_view(qtbot, snap, "zh")
    try:
        view.kiosk.start()
        view.kiosk.openObject(obj.id)
        qtbot.wait(150)
        area = on_screen(view, "objectFacts")
        assert "一只军用水壶。" in shown_texts(area)
        assert not [i for i in items(area) if i.objectName() in ("sourcesHandle", "disputesHeading") and visible(i)]
        # nothing to scroll, so no sign that it scrolls
        assert not [i for i in items(area) if i.objectName() == "scrollMore" and visible(i)]
        assert inside(scene_rect(area), QRectF(0, 0, view.view.width(), view.view.height()))
    finally:
        close_view(view)
        snap.close()
