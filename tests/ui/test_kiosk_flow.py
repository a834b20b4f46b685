"""The kiosk driven as a visitor would, offscreen, with real touch events (QTest.touchEvent
on a touchscreen QPointingDevice, not mouse events): attract → language → section → panel
swipe → object → pinch zoom → back → pinyin search on the on-screen keyboard → idle reset →
Escape does not exit → long press and PIN."""
from __future__ import annotations

# The on-screen keyboard's input method (QT_IM_MODULE) is set in tests/conftest.py,
# before pytest-qt creates the application.
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QInputDevice, QPointingDevice
from PySide6.QtTest import QTest

from ui.kiosk.controller import short_name

PIN = "2468"
CHEAP_SCRYPT = {"n": 2 ** 10, "r": 8, "p": 1}  # the kiosk's real cost is exhibit/publish/pin.py's
_DEVICE = None


def device() -> QPointingDevice:
    global _DEVICE
    if _DEVICE is None:
        # Created and registered with Qt's window system, as a real touchscreen is.
        _DEVICE = QTest.createTouchDevice(QInputDevice.DeviceType.TouchScreen,
                                          QInputDevice.Capability.Position | QInputDevice.Capability.Area)
    return _DEVICE


def items(root):
    """Every item under root, depth first (delegates are not QObject children, so no findChild)."""
    stack = [root]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(reversed(item.childItems()))


def visible(item) -> bool:
    while item is not None:
        if not item.isVisible() or item.opacity() == 0:
            return False
        item = item.parentItem()
    return True


def named(view, name: str, on_screen: bool = True):
    found = [i for i in items(view.root) if i.objectName() == name and (not on_screen or visible(i))]
    if on_screen:
        w, h = view.view.width(), view.view.height()
        found = [i for i in found if 0 <= centre(i).x() < w and 0 <= centre(i).y() < h]
    assert found, f"no visible item named {name!r}"
    return found[0]


def centre(item) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def touch(qtbot, view, point: QPoint, hold_ms: int = 40) -> None:
    window = view.view
    seq = QTest.touchEvent(window, device())
    seq.press(0, point, window)
    seq.commit()
    qtbot.wait(hold_ms)
    seq = QTest.touchEvent(window, device())
    seq.release(0, point, window)
    seq.commit()
    qtbot.wait(60)


def tap(qtbot, view, name_or_item) -> None:
    item = named(view, name_or_item) if isinstance(name_or_item, str) else name_or_item
    touch(qtbot, view, centre(item))


def swipe(qtbot, view, start: QPoint, end: QPoint, steps: int = 12) -> None:
    window = view.view
    seq = QTest.touchEvent(window, device())
    seq.press(0, start, window)
    seq.commit()
    for i in range(1, steps + 1):
        qtbot.wait(16)
        p = start + (end - start) * (i / steps)
        seq = QTest.touchEvent(window, device())
        seq.move(0, p, window)
        seq.commit()
    seq = QTest.touchEvent(window, device())
    seq.release(0, end, window)
    seq.commit()
    qtbot.wait(60)


def pinch(qtbot, view, middle: QPoint, start_gap: int, end_gap: int, steps: int = 15) -> None:
    window = view.view
    seq = QTest.touchEvent(window, device())
    seq.press(0, middle - QPoint(start_gap // 2, 0), window).press(1, middle + QPoint(start_gap // 2, 0), window)
    seq.commit()
    for i in range(1, steps + 1):
        qtbot.wait(16)
        gap = start_gap + (end_gap - start_gap) * i // steps
        seq = QTest.touchEvent(window, device())
        seq.move(0, middle - QPoint(gap // 2, 0), window).move(1, middle + QPoint(gap // 2, 0), window)
        seq.commit()
    seq = QTest.touchEvent(window, device())
    seq.release(0, middle - QPoint(end_gap // 2, 0), window).release(1, middle + QPoint(end_gap // 2, 0), window)
    seq.commit()
    qtbot.wait(60)


@pytest.fixture
def kiosk_view(qapp, qtbot, archive, tmp_path):
    from exhibit.publish.snapshot import open_snapshot, publish
    from exhibit.publish.visits import VisitCounter, visits_path
    from ui.common.qtfonts import ensure_cjk_font
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless
    from ui.kiosk.lockdown import hash_pin
    from ui.kiosk.settings import KioskSettings

    use_software_renderer_if_headless()
    ensure_cjk_font()
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    visits = VisitCounter(visits_path(tmp_path / "kiosk"))
    settings = KioskSettings(idle_seconds=600, countdown_seconds=3, staff_hold_seconds=0.5,
                             default_language="zh", pin=hash_pin(PIN, params=CHEAP_SCRYPT))
    exits = []
    view = KioskView(snapshot, settings, visits, on_exit=lambda: exits.append(True))
    view.exits = exits
    view.show(fullscreen=False)
    qtbot.waitExposed(view.view)
    qtbot.wait(100)
    yield view
    view.dispose()
    visits.close()
    snapshot.close()
    from ui.common import i18n
    i18n.set_language("en", remember=False)


def keyboard_key(view, text: str):
    """A key of the on-screen keyboard by its label (the VKB's Key items have `text`)."""
    keyboard = named(view, "keyboard")
    for item in items(keyboard):
        if visible(item) and item.property("text") == text and item.property("key") is not None:
            return item
    raise AssertionError(f"no key {text!r} on the on-screen keyboard")


def test_a_visit_from_attract_to_search(qtbot, kiosk_view):
    view, kiosk = kiosk_view, kiosk_view.kiosk
    assert kiosk.screen == "attract" and kiosk.lang == "zh"

    # Language toggle on the attract loop: English, and everything follows.
    tap(qtbot, view, "startEnglish")
    assert kiosk.screen == "home" and kiosk.lang == "en"
    assert named(view, "homeButton").childItems()[0].property("text") == "Home"

    # Into the third section (the siege), then its first panel.
    tap(qtbot, view, "section:s3-siege")
    assert kiosk.screen == "section" and kiosk.section["title"] == "The Forty-Seven Days"
    tap(qtbot, view, named(view, "panelCard:" + kiosk.panels.row(0)["code"]))
    qtbot.waitUntil(lambda: kiosk.screen == "panel")
    pages = named(view, "panelPages")
    assert pages.property("currentIndex") == 0

    # Swipe right-to-left: the next panel.
    swipe(qtbot, view, QPoint(1000, 800), QPoint(150, 800))
    qtbot.waitUntil(lambda: pages.property("currentIndex") == 1)
    qtbot.waitUntil(lambda: not pages.property("moving") and abs(pages.property("contentX") - pages.width()) < 1)
    assert kiosk.panelIndex == 1

    # Open an object shown with that panel.
    first = kiosk.panels.row(1)["objects"][0]
    tap(qtbot, view, "object:" + first["accession"])
    qtbot.waitUntil(lambda: kiosk.screen == "object")
    assert kiosk.objectData["accession"] == first["accession"]

    # Its picture full screen, pinch to zoom in.
    tap(qtbot, view, "objectPicture")
    qtbot.waitUntil(lambda: kiosk.viewerIndex == 0)
    viewer = named(view, "viewer")
    pinch(qtbot, view, QPoint(960, 450), 200, 600)
    qtbot.waitUntil(lambda: viewer.property("zoom") > 1.5)

    # Back: the viewer's Close (it covers the screen, top bar included), then Back to the panel.
    tap(qtbot, view, "closeViewer")
    assert kiosk.viewerIndex == -1 and kiosk.screen == "object"
    tap(qtbot, view, "backButton")
    qtbot.waitUntil(lambda: kiosk.screen == "panel")
    assert kiosk.panelIndex == 1

    # Search by pinyin: Chinese, then h-e-n-g-y-a-n-g on the on-screen keyboard and the candidate.
    tap(qtbot, view, "languageButton")
    assert kiosk.lang == "zh"
    tap(qtbot, view, "searchButton")
    qtbot.waitUntil(lambda: kiosk.screen == "search")
    qtbot.waitUntil(lambda: named(view, "keyboard").property("active"))
    for letter in "hengyang":
        tap(qtbot, view, keyboard_key(view, letter))
    field = named(view, "searchField")
    assert field.property("text") == ""  # still composing: pinyin is not text yet
    candidate = next((i for i in items(named(view, "keyboard"))
                      if visible(i) and i.property("text") == "衡阳" and i.property("key") is None), None)
    if candidate is not None:
        tap(qtbot, view, candidate)
    else:
        tap(qtbot, view, keyboard_key(view, " "))  # space takes the first candidate
    qtbot.waitUntil(lambda: field.property("text") == "衡阳")
    qtbot.waitUntil(lambda: kiosk.results.rowCount() > 0)
    assert kiosk.query == "衡阳"
    assert all("衡阳" in kiosk.results.row(i)["snippet"] + kiosk.results.row(i)["title"]
               for i in range(kiosk.results.rowCount()))

    # Visits: the panels seen and the object opened were counted, nothing else.
    kiosk.flush_visits()
    totals = kiosk.visits.totals()
    assert totals[("object", first["id"])] == 1
    assert {k for k, _ in totals} == {"panel", "object"}


def shown_texts(view) -> set[str]:
    """Every text on screen now (Text items and buttons' labels that are visible)."""
    return {i.property("text") for i in items(view.root)
            if visible(i) and isinstance(i.property("text"), str) and i.property("text")}


def test_screens_seen_before_a_language_switch_show_the_new_language(qtbot, kiosk_view):
    """A switch updates hidden screens only when they are shown again: each must then be in
    the new language, not what it showed when it was last seen."""
    view, kiosk = kiosk_view, kiosk_view.kiosk
    tap(qtbot, view, "startChinese")
    section = next(s for s in kiosk.sections.items() if s.code == "s3-siege")
    tap(qtbot, view, "section:s3-siege")
    panel = kiosk.panels.items()[0]
    tap(qtbot, view, "panelCard:" + panel.code)
    qtbot.waitUntil(lambda: kiosk.screen == "panel")
    tap(qtbot, view, "object:" + panel.objects[0].accession)
    qtbot.waitUntil(lambda: kiosk.screen == "object")
    assert panel.objects[0].name_zh in shown_texts(view)
    tap(qtbot, view, "mapButton")
    assert kiosk.screen == "map"
    tap(qtbot, view, "homeButton")
    assert section.title_zh in shown_texts(view)

    tap(qtbot, view, "languageButton")  # on the home screen: everything else is hidden
    assert kiosk.lang == "en"
    assert section.title_en in shown_texts(view) and section.title_zh not in shown_texts(view)
    tap(qtbot, view, "section:s3-siege")
    assert section.title_en in shown_texts(view) and section.title_zh not in shown_texts(view)
    assert panel.title_en in shown_texts(view)  # its card
    tap(qtbot, view, "panelCard:" + panel.code)
    qtbot.waitUntil(lambda: kiosk.screen == "panel")
    assert panel.body_en in shown_texts(view) and panel.body_zh not in shown_texts(view)
    tap(qtbot, view, "object:" + panel.objects[0].accession)
    qtbot.waitUntil(lambda: kiosk.screen == "object")
    assert panel.objects[0].name_en in shown_texts(view)
    assert panel.objects[0].name_zh not in shown_texts(view)
    tap(qtbot, view, "mapButton")
    place = kiosk.places.row(0)
    assert named(view, "place:" + place["key"])
    labels = shown_texts(view)
    assert "Hengyang, 1944: the positions" in labels
    english = [p for p in kiosk.places.items() if p.name_en and p.name_en != p.name_zh]
    assert any(short_name(p.name_en) in labels for p in english)
    assert not any(short_name(p.name_zh) in labels for p in english)


def test_idle_resets_to_attract_in_the_default_language(qtbot, kiosk_view):
    view, kiosk = kiosk_view, kiosk_view.kiosk
    tap(qtbot, view, "startEnglish")
    tap(qtbot, view, "homeMap")
    assert kiosk.screen == "map" and kiosk.lang == "en"
    kiosk.idle.set_times(0.3, countdown_seconds=2, tick_ms=150)
    kiosk.idle.poke()
    qtbot.waitUntil(lambda: named(view, "stillThere") is not None, timeout=3000)
    # A touch on "still there?" keeps the visit going.
    tap(qtbot, view, "keepExploring")
    assert kiosk.screen == "map" and not kiosk.idle.warning
    qtbot.waitUntil(lambda: kiosk.screen == "attract", timeout=5000)
    assert kiosk.lang == "zh" and kiosk.textScale == 1.0


def test_escape_and_close_do_not_exit_but_the_staff_pin_does(qtbot, kiosk_view):
    view, kiosk = kiosk_view, kiosk_view.kiosk
    tap(qtbot, view, "startChinese")
    for key, modifier in ((Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
                          (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)):
        QTest.keyClick(view.view, key, modifier)
    assert not view.view.close()  # a close request (as Alt+F4 from a window manager) is refused
    qtbot.wait(50)
    assert view.view.isVisible() and kiosk.screen == "home" and not view.exits

    # A short tap in the corner does nothing; a long press asks for the PIN.
    touch(qtbot, view, QPoint(30, 30))
    assert not kiosk.staffOpen
    touch(qtbot, view, QPoint(30, 30), hold_ms=900)
    qtbot.waitUntil(lambda: kiosk.staffOpen)

    for digit in "1111":
        tap(qtbot, view, "pinKey:" + digit)
    tap(qtbot, view, "pinKey:ok")
    qtbot.waitUntil(lambda: kiosk.staffMessage == "wrong")  # checked off the UI thread
    assert view.view.isVisible() and not view.exits

    for digit in PIN:
        tap(qtbot, view, "pinKey:" + digit)
    with qtbot.waitSignal(kiosk.exitRequested, timeout=3000):
        tap(qtbot, view, "pinKey:ok")
    assert view.exits == [True] and not view.view.isVisible()


def test_touch_targets_are_large_enough_on_every_screen(qtbot, kiosk_view):
    from ui.kiosk.metrics import MIN_TARGET_PX

    view, kiosk = kiosk_view, kiosk_view.kiosk
    kiosk.start()
    checked = 0
    for open_screen in (kiosk.goHome, lambda: kiosk.openSection(kiosk.sections.row(2)["id"]),
                        lambda: kiosk.openPanel(0), lambda: kiosk.openObject(1), kiosk.openTimeline,
                        kiosk.openMap, kiosk.openSearch):
        open_screen()
        qtbot.wait(50)
        for item in items(view.root):
            if item.property("touchTarget") and visible(item) and item.width() > 0:
                assert min(item.width(), item.height()) >= MIN_TARGET_PX, \
                    f"{item.objectName() or item.metaObject().className()} on {kiosk.screen}: " \
                    f"{item.width():.0f}×{item.height():.0f}"
                checked += 1
    assert checked > 50


def test_missing_media_and_empty_sections_show_placeholders(qtbot, qapp, archive, tmp_path):
    import shutil

    from exhibit import services
    from exhibit.publish.snapshot import open_snapshot, publish
    from exhibit.records import Section
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless

    use_software_renderer_if_headless()
    services.create(archive, Section(code="s9-empty", title_zh="空单元", title_en="Empty part"))
    shutil.rmtree(archive.media_root)
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    view = KioskView(snapshot)
    try:
        view.show(fullscreen=False)
        kiosk = view.kiosk
        kiosk.setLanguage("en")
        kiosk.start()
        empty = next(kiosk.sections.row(i) for i in range(kiosk.sections.rowCount())
                     if kiosk.sections.row(i)["code"] == "s9-empty")
        kiosk.openSection(empty["id"])
        qtbot.wait(50)
        texts = [i.property("text") for i in items(view.root) if visible(i) and i.property("text")]
        assert "The panels of this part are still being prepared." in texts
        kiosk.openObject(1)
        qtbot.wait(50)
        placeholders = [i for i in items(named(view, "object")) if visible(i)
                        and i.metaObject().className().startswith("Placeholder")]
        assert placeholders
    finally:
        view.dispose()
        snapshot.close()
