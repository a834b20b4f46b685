"""The kiosk's map as a visitor meets it: names that never cover each other nor leave the map (at
the gallery's 1920×1080, at 100 % and 150 % text), every place named somewhere, the map to
scale, pinch and drag within bounds and back, and the touched place kept beside its drawer."""
from __future__ import annotations

import math
import random

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF

from tests.ui.kiosk_checks import close_view, open_view, publish_sample
from tests.ui.test_kiosk_flow import centre, items, pinch, swipe, tap, visible
from ui.kiosk.maplabels import inside, intersects, leader_end, place_labels, segment_hits_box


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


def map_view(view):
    return next(i for i in items(view.root) if i.objectName() == "mapView")


def open_map(qtbot, view, text_size: float = 1.0):
    kiosk = view.kiosk
    kiosk.start()
    kiosk.setTextScale(text_size)
    kiosk.openMap()
    mv = map_view(view)
    qtbot.waitUntil(lambda: bool(value(mv, "request")))
    qtbot.wait(150)
    return mv


def value(item, name):
    v = item.property(name)
    return v.toVariant() if hasattr(v, "toVariant") else v


# ---------------------------------------------------------------- the placement itself

def test_placed_labels_never_overlap_nor_leave_the_map():
    """Crowded random maps: whatever is shown is clear of the others, the markers and the edge."""
    rng = random.Random(1944)
    total = shown_total = 0
    for _ in range(60):
        n = rng.randint(5, 30)
        width, height = rng.choice(((1800, 780), (1300, 560), (900, 700)))
        points = [(rng.uniform(0, width), rng.uniform(0, height)) for _ in range(n)]
        sizes = [(rng.uniform(60, 360), rng.choice((30.0, 44.0))) for _ in range(n)]
        obstacles = [(0, height - 60, 300, height)]
        placed = place_labels(points, sizes, width, height, 15, obstacles=obstacles, margin=6)
        boxes = [p.box for p in placed if p is not None]
        markers = [(x - 15, y - 15, x + 15, y + 15) for x, y in points]
        for i, a in enumerate(boxes):
            assert inside(a, width, height, 6)
            assert not any(intersects(a, b) for b in boxes[i + 1:])
            assert not any(intersects(a, m) for m in markers)
            assert not intersects(a, obstacles[0])
        # A leader line never runs through another name (it would read as that name's).
        for i, label in enumerate(placed):
            if label is not None and label.leader:
                line = (points[i], leader_end(label, *points[i]))
                assert not any(segment_hits_box(*line, other.box)
                               for j, other in enumerate(placed) if other is not None and j != i)
        assert len(boxes) >= n / 2
        total, shown_total = total + n, shown_total + len(boxes)
    assert shown_total >= total * 0.9  # and nearly all find room, even this crowded


# ---------------------------------------------------------------- on the kiosk

@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("text_size", [1.0, 1.5])
def test_place_names_do_not_overlap_and_stay_on_the_map(qtbot, snapshot, lang, text_size):
    view = open_view(qtbot, snapshot, lang)
    try:
        assert (view.view.width(), view.view.height()) == (1920, 1080)
        mv = open_map(qtbot, view, text_size)
        area = scene_rect(mv)
        labels = {k: scene_rect(i) for k, i in shown(view, "placeLabel:").items()}
        pointers = {k: scene_rect(i) for k, i in shown(view, "mapPointer:").items()}
        overlays = [scene_rect(i) for i in items(view.root)
                    if i.objectName() in ("mapScaleBar", "mapNorth", "mapZoomIn", "mapZoomOut", "mapNote")
                    and visible(i)]
        boxes = [(f"label {k}", r) for k, r in labels.items()] + [(f"pointer {k}", r) for k, r in pointers.items()]
        assert len(labels) >= 10
        for i, (name, rect) in enumerate(boxes):
            assert area.contains(rect), f"{name} leaves the map: {rect} not in {area}"
            for other, second in boxes[i + 1:]:
                assert not rect.intersects(second), f"{name} overlaps {other}"
            for overlay in overlays:
                assert not rect.intersects(overlay), f"{name} covers the map's {overlay}"
        # Every place is named: by its label, by a pointer at the edge, or along its river.
        layout = value(mv, "layout")
        along = {f["place"] for f in layout["features"] if f["place"]}
        kiosk = view.kiosk
        for row in (kiosk.places.row(i) for i in range(kiosk.places.rowCount())):
            assert row["key"] in labels or row["key"] in pointers or row["key"] in along, row["key"]
        # No label hides another place's marker.
        markers = {k: centre(i) for k, i in shown(view, "place:").items()}
        radius = value(mv, "markerRadius")
        for key, rect in labels.items():
            for other, point in markers.items():
                if other != key and kiosk_shape(kiosk, other) == "point":
                    dot = QRectF(point.x() - radius, point.y() - radius, 2 * radius, 2 * radius)
                    assert not rect.intersects(dot), f"label {key} covers the marker of {other}"
    finally:
        close_view(view)


def kiosk_shape(kiosk, key: str) -> str:
    return next(p.shape for p in kiosk.places.items() if p.key == key)


def test_the_map_is_to_scale_with_a_scale_bar_and_the_rivers_drawn(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "en")
    try:
        mv = open_map(qtbot, view)
        info = view.kiosk.mapInfo
        places = {p.key: p for p in view.kiosk.places.items()}
        markers = shown(view, "place:")
        ppk = value(mv, "ppk")
        a, b = places["zhangjiashan"], places["airfield"]
        km = math.hypot((a.x - b.x) * info["kmW"], (a.y - b.y) * info["kmH"])
        pa, pb = centre(markers["zhangjiashan"]), centre(markers["airfield"])
        assert math.hypot(pa.x() - pb.x(), pa.y() - pb.y()) == pytest.approx(km * ppk, abs=2)
        bar = next(i for i in items(view.root) if i.objectName() == "mapScaleBar")
        assert value(bar, "length") == pytest.approx(value(bar, "km") * ppk)
        assert visible(next(i for i in items(view.root) if i.objectName() == "mapNorth"))
        # The Xiang is a river drawn with its name along it, not a dot: its name opens the place.
        layout = value(mv, "layout")
        names = {f["place"]: f for f in layout["features"] if f["kind"] == "river"}
        assert "xiang-river" in names and len(names["xiang-river"]["glyphs"]) == len("Xiang River")
        tap(qtbot, view, markers["xiang-river"])
        qtbot.waitUntil(lambda: view.kiosk.detail.get("kind") == "place")
        assert view.kiosk.detail["title"] == "Xiang River"
    finally:
        close_view(view)


def test_pinch_and_drag_move_the_map_within_its_bounds_and_reset_brings_it_back(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "zh")
    try:
        mv = open_map(qtbot, view)
        home = value(mv, "ppk"), value(mv, "cx"), value(mv, "cy")
        middle = centre(mv)
        pinch(qtbot, view, middle, 200, 600)
        qtbot.waitUntil(lambda: not value(mv, "moving"))
        assert value(mv, "ppk") > home[0] * 1.5
        assert not value(mv, "atHome")
        swipe(qtbot, view, middle, middle + QPoint(400, 150))
        qtbot.waitUntil(lambda: not value(mv, "moving"))
        assert value(mv, "cx") < home[1]  # dragged right: the view looks further west
        for _ in range(6):  # far beyond the map's edge: the view stops at it
            swipe(qtbot, view, middle, middle + QPoint(700, 0))
        qtbot.waitUntil(lambda: not value(mv, "moving"))
        half = value(mv, "width") / 2 / value(mv, "ppk")
        assert value(mv, "cx") == pytest.approx(half, abs=0.01)
        for _ in range(4):  # pinching out stops at the whole map
            pinch(qtbot, view, middle, 700, 100)
        qtbot.waitUntil(lambda: not value(mv, "moving"))
        assert value(mv, "ppk") == pytest.approx(value(mv, "minScale"))
        tap(qtbot, view, "mapReset")
        qtbot.waitUntil(lambda: value(mv, "atHome"), timeout=3000)
        assert (value(mv, "ppk"), value(mv, "cx"), value(mv, "cy")) == pytest.approx(home, rel=0.01)
    finally:
        close_view(view)


@pytest.mark.parametrize("key", ["airfield", "railway-station"])
def test_the_touched_place_stays_in_sight_beside_its_drawer(qtbot, snapshot, key):
    view = open_view(qtbot, snapshot, "en")
    try:
        mv = open_map(qtbot, view)
        marker = shown(view, "place:")[key]
        sheet_width = min(view.view.width() * 0.46, 900 * view.view.height() / 1080)
        # Under where the drawer comes, or so near its edge that the drawer would crowd it.
        assert centre(marker).x() > view.view.width() - sheet_width - 60
        tap(qtbot, view, marker)
        qtbot.waitUntil(lambda: view.kiosk.detail.get("kind") == "place")
        sheet = next(i for i in items(view.root) if i.objectName() == "detailSheet")
        qtbot.waitUntil(lambda: not value(mv, "moving"), timeout=3000)
        qtbot.wait(100)
        edge = scene_rect(sheet).left()
        point = centre(marker)
        assert scene_rect(mv).contains(QPointF(point)) and point.x() < edge - 80, (point, edge)
    finally:
        close_view(view)
