"""What the kiosk's map, timeline and search are given (exhibit/publish/kiosk_data.py, basemap.py):
the map to scale with the old city's wall and the rivers as drawn features, the 47 days with a
date each, events grouped by day, and search results grouped with objects first."""
from __future__ import annotations

import json
import math

import pytest

from exhibit.publish import kiosk_data
from exhibit.publish.basemap import BASEMAP_FILE, BasemapError, load_basemap
from exhibit.publish.snapshot import open_snapshot, publish


@pytest.fixture
def snap(archive, tmp_path):
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    yield snapshot
    snapshot.close()


def inside(point, ring) -> bool:
    """Even–odd rule: whether (x, y) lies inside the closed ring."""
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


# ---------------------------------------------------------------- the map

def test_the_old_city_is_walled_and_the_rivers_run_where_the_sources_put_them(snap):
    data = kiosk_data.map_data(snap)
    places = {p.key: p for p in data.places}
    wall = next(a for a in data.areas if a.kind == "wall")
    assert wall.place_key == "hengyang-old-city" and places["hengyang-old-city"].shape == "area"
    # Yuepingshan is in the southern part of the old city; the hills and the church are outside it.
    assert inside((places["yuepingshan"].x, places["yuepingshan"].y), wall.points)
    for key in ("zhangjiashan", "xichan-temple", "wuguiling", "oujiating-church", "airfield", "shigu-academy"):
        assert not inside((places[key].x, places[key].y), wall.points), key
    rivers = {line.name_en: line for line in data.lines if line.kind == "river"}
    xiang = rivers["Xiang River"]
    # The Xiang runs along the city's east side, south to north, and stands for its place record.
    assert xiang.place_key == "xiang-river" and places["xiang-river"].shape == "line"
    wall_east = max(x for x, _ in wall.points)
    north, south = min(y for _, y in wall.points), max(y for _, y in wall.points)
    along = [x for x, y in xiang.points if north <= y <= south]
    assert along and min(along) > wall_east
    assert xiang.points[0][1] > xiang.points[-1][1]  # drawn from upstream (south) to downstream
    # The Zheng joins it from the west at the city's north end: its mouth is the Xiang's and lies north.
    zheng = rivers["Zheng River"]
    assert zheng.points[0][0] < zheng.points[-1][0] and zheng.points[-1][1] < north
    assert min(math.dist(zheng.points[-1], p) for p in xiang.points) < 0.01
    assert xiang.width > zheng.width > 0
    assert data.approximate


def test_the_map_is_to_scale_and_opens_on_the_battlefield(snap):
    data = kiosk_data.map_data(snap)
    places = {p.key: p for p in data.places}
    km_w, km_h = data.width_km, data.width_km / data.aspect

    def km(a, b):
        return math.hypot((a.x - b.x) * km_w, (a.y - b.y) * km_h)

    def great_circle(a, b):
        la, lb = math.radians(a.lat), math.radians(b.lat)
        d = math.sin((lb - la) / 2) ** 2 + math.cos(la) * math.cos(lb) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
        return 2 * 6371.0 * math.asin(math.sqrt(d))

    # Places are where their coordinates say (never nudged apart): distances within 1 %.
    for a, b in (("memorial-hall", "quanxi"), ("zhangjiashan", "xiaojiashan"), ("airfield", "huangchaling")):
        assert km(places[a], places[b]) == pytest.approx(great_circle(places[a], places[b]), rel=0.01)
    assert places["quanxi"].x > places["airfield"].x > places["hengyang-old-city"].x  # east is right
    x0, y0, x1, y1 = data.focus
    assert 0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1
    for key in ("hengyang-old-city", "zhangjiashan", "airfield", "huangchaling"):
        assert x0 <= places[key].x <= x1 and y0 <= places[key].y <= y1, key
    assert not x0 <= places["quanxi"].x <= x1  # 15 km east: reached by panning or its pointer


def test_a_damaged_basemap_is_refused_with_the_file_and_the_feature_named(tmp_path):
    good = json.loads(BASEMAP_FILE.read_text(encoding="utf-8"))
    assert len(load_basemap().features) == len(good["features"])
    bad = tmp_path / "basemap.geojson"
    good["features"][1]["geometry"]["coordinates"][0] = [112.6, "north"]
    bad.write_text(json.dumps(good), encoding="utf-8")
    with pytest.raises(BasemapError, match=r"basemap\.geojson: feature 2"):
        load_basemap(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(BasemapError, match="basemap.geojson"):
        load_basemap(bad)


# ---------------------------------------------------------------- the timeline

def test_the_47_days_each_have_a_date_and_their_events(snap):
    events = kiosk_data.timeline(snap)
    days = kiosk_data.siege_days(events)
    assert [d.day for d in days] == list(range(1, 48))
    assert (days[0].iso, days[0].date_zh, days[0].date_en) == ("1944-06-23", "6月23日", "23 June")
    assert (days[-1].iso, days[-1].date_en) == ("1944-08-08", "8 August")
    assert [d.day for d in days if d.month_start] == [1, 9, 40]  # 23 June, 1 July, 1 August
    counted = sum(d.event_count for d in days)
    assert counted == sum(1 for e in events if e.phase == "siege" and e.precise) > 20


def test_events_are_grouped_by_day_and_only_what_a_month_dates_stays_off_the_days(snap):
    events = kiosk_data.timeline(snap)
    groups = kiosk_data.timeline_groups(events)
    phases = [g.phase for g in groups]
    # The three parts, each in one run, in order.
    assert phases == sorted(phases, key=("campaign", "siege", "aftermath").index)
    for group in groups:
        if group.kind == "day":
            assert all(e.siege_day == group.day and e.precise for e in group.events)
    first_assault = next(e for g in groups for e in g.events if e.title_en == "First general assault")
    assert (first_assault.siege_day, first_assault.siege_day_end) == (6, 10)
    shigu = next(g for g in groups if any(e.title_en == "Shigu Academy destroyed" for e in g.events))
    assert (shigu.phase, shigu.kind, shigu.label_en) == ("siege", "month", "July 1944")
    occupation = next(g for g in groups if any(e.title_en == "Hengyang under occupation" for e in g.events))
    assert occupation.phase == "aftermath"  # begins on the last day but is the year after
    assert next(g for g in groups if g.kind == "day").key == "siege-day-1"


# ---------------------------------------------------------------- search

def test_search_results_come_grouped_with_objects_first(snap):
    hits = kiosk_data.find(snap, "衡阳")
    kinds = [h.kind for h in hits]
    order = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
    assert order[0] == "object" and len(order) == len(set(order))  # each kind once, together
    assert order == [k for k in kiosk_data.KIOSK_TYPES if k in order]
    for kind in order:
        shown = kinds.count(kind)
        assert all(h.group_total >= shown for h in hits if h.kind == kind)
    assert any(h.group_total > kinds.count("object") for h in hits if h.kind == "object")  # more than shown
    assert kiosk_data.find(snap, "cupboard") == []
