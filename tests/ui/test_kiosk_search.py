"""The kiosk's search as a visitor meets it: results grouped under headings with objects first, at
least half the screen of them above the on-screen keyboard (while pinyin is composed too), and a
keyboard in the kiosk's colours whose every key shows what it does and does it."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF

from exhibit.publish.kiosk_data import KIOSK_TYPES
from tests.ui.kiosk_checks import close_view, open_view, publish_sample
from tests.ui.test_kiosk_flow import items, keyboard_key, named, tap, visible


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


def scene_rect(item) -> QRectF:
    return QRectF(item.mapToScene(QPointF(0, 0)), item.mapToScene(QPointF(item.width(), item.height())))


def open_search(qtbot, view, query: str = ""):
    kiosk = view.kiosk
    kiosk.start()
    kiosk.openSearch()
    qtbot.waitUntil(lambda: named(view, "keyboard").property("active"))
    if query:
        named(view, "searchField").setProperty("text", query)
        qtbot.waitUntil(lambda: kiosk.query == query and kiosk.results.rowCount() > 0)
    qtbot.wait(100)


def keys(view):
    """The keys on show (spacers aside)."""
    panel = named(view, "keyboard")
    return [i for i in items(panel) if visible(i) and i.property("keyType") is not None
            and not i.metaObject().className().startswith("FillerKey")]


@pytest.mark.parametrize("lang,query", [("zh", "衡阳"), ("en", "hengyang")])
def test_results_are_grouped_under_headings_objects_first(qtbot, snapshot, lang, query):
    view = open_view(qtbot, snapshot, lang)
    try:
        open_search(qtbot, view, query)
        kinds = [view.kiosk.results.row(i)["kind"] for i in range(view.kiosk.results.rowCount())]
        groups = [k for i, k in enumerate(kinds) if i == 0 or kinds[i - 1] != k]
        assert groups[0] == "object" and groups == [k for k in KIOSK_TYPES if k in groups]
        # On screen: the objects' heading first, above the first hit, which is an object.
        headings = sorted((scene_rect(i).top(), i.objectName()) for i in items(view.root)
                          if i.objectName().startswith("resultGroup:") and visible(i))
        assert headings[0][1] == "resultGroup:object"
        heading = next(t for t in items(named(view, "resultGroup:object")) if t.property("text"))
        shown, found = kinds.count("object"), view.kiosk.resultGroups["object"][1]
        assert heading.property("text") == ({"zh": f"藏品：显示 {shown} 条，共 {found} 条",
                                              "en": f"Objects: {shown} of {found}"}[lang])
        hits = sorted((scene_rect(i).top(), i.objectName()) for i in items(view.root)
                      if i.objectName().startswith("hit:") and visible(i))
        assert hits[0][1].startswith("hit:object:") and hits[0][0] > headings[0][0]
    finally:
        close_view(view)


def test_the_results_keep_half_the_screen_above_the_keyboard(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "zh")
    try:
        open_search(qtbot, view, "衡阳")
        window = view.view.height()
        results, keyboard = named(view, "searchResults"), named(view, "keyboard")
        assert scene_rect(results).bottom() <= scene_rect(keyboard).top() + 1  # above it, not under it
        assert results.height() >= window / 2
        shown = [i for i in items(results) if i.objectName().startswith("hit:") and visible(i)
                 and scene_rect(results).contains(scene_rect(i))]
        assert len(shown) >= 5
        # While pinyin is being composed the candidates sit above the keys: still half the screen.
        named(view, "searchField").setProperty("text", "")
        qtbot.waitUntil(lambda: view.kiosk.query == "")
        for letter in "heng":
            tap(qtbot, view, keyboard_key(view, letter))
        qtbot.waitUntil(lambda: keyboard.height() > 250)  # the candidate bar is up
        assert scene_rect(results).bottom() <= scene_rect(keyboard).top() + 1
        assert results.height() >= window / 2
    finally:
        close_view(view)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_key_says_what_it_does_in_the_kiosks_colours(qtbot, snapshot, lang):
    view = open_view(qtbot, snapshot, lang)
    try:
        open_search(qtbot, view)
        on_show = keys(view)
        assert len(on_show) >= 33
        from ui.kiosk.metrics import MIN_TARGET_PX
        for key in on_show:
            name = key.property("displayText") or key.metaObject().className()
            assert key.property("enabled"), f"{name} is a key that does nothing"
            assert min(key.width(), key.height()) >= MIN_TARGET_PX, name
            drawn = [i for i in items(key) if visible(i) and (
                (isinstance(i.property("text"), str) and i.property("text").strip() and i is not key)
                or i.metaObject().className().startswith("QQuickCanvasItem"))]
            assert drawn, f"{name} shows nothing"
        # The keys are the cards' dark brown, edged like the kiosk's buttons: no grey keyboard.
        letter = keyboard_key(view, "q")
        faces = [i for i in items(letter) if i.metaObject().className().startswith("KeyFace")]
        assert faces and faces[0].property("color").name() == "#2e2a25"
    finally:
        close_view(view)


def test_clear_empties_the_field_and_what_is_being_composed(qtbot, snapshot):
    view = open_view(qtbot, snapshot, "zh")
    try:
        open_search(qtbot, view, "衡阳")
        field = named(view, "searchField")
        for letter in "zhang":
            tap(qtbot, view, keyboard_key(view, letter))
        keyboard = named(view, "keyboard")
        qtbot.waitUntil(lambda: keyboard.height() > 250)
        clear = next(k for k in keys(view) if k.objectName() == "clearKey")
        assert clear.property("displayText") == "清空"
        tap(qtbot, view, clear)
        qtbot.waitUntil(lambda: field.property("text") == "" and view.kiosk.query == "")
        candidates = next(i for i in items(keyboard) if i.objectName() == "wordCandidateView")
        qtbot.waitUntil(lambda: candidates.property("count") == 0)  # nothing left to choose from
        assert view.kiosk.results.rowCount() == 0
    finally:
        close_view(view)
