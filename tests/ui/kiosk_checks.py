"""What a visitor would check on a kiosk screen, read from the QML items' geometry and colours:
the kiosk on a published sample snapshot, each screen opened, and each text on it looked at.

Used by tests/ui/test_kiosk_reflow.py (nothing clipped or cut at any text size),
test_kiosk_contrast.py (WCAG contrast of what is shown) and test_kiosk_accessible.py.
"""
from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor

from tests.ui.test_kiosk_flow import items, visible

SLACK = 1.0  # px: rounding of layouts and anti-aliasing
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TEXT_SIZES = (1.0, 1.25, 1.5, 2.0)


def publish_sample(tmp_path_factory, sample_template: Path):
    """A snapshot of the sample exhibition, published once for a test module."""
    from exhibit.archive import Archive
    from exhibit.publish.snapshot import open_snapshot, publish

    root = tmp_path_factory.mktemp("kiosk-sample")
    shutil.copytree(sample_template, root / "archive")
    archive = Archive.open(root / "archive", user="tester")
    try:
        publish(archive, root / "kiosk")
    finally:
        archive.close()
    return open_snapshot(root / "kiosk")


def open_view(qtbot, snapshot, lang: str):
    from ui.common.qtfonts import ensure_cjk_font
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless
    from ui.kiosk.settings import KioskSettings

    use_software_renderer_if_headless()
    ensure_cjk_font()
    view = KioskView(snapshot, KioskSettings(idle_seconds=3600, default_language=lang), locked=False)
    view.show(fullscreen=False)
    qtbot.waitExposed(view.view)
    qtbot.wait(50)
    return view


def close_view(view) -> None:
    view.dispose()
    from ui.common import i18n
    i18n.set_language("en", remember=False)


def named(view, name: str):
    return next(i for i in items(view.root) if i.objectName() == name)


@dataclass(frozen=True)
class Screen:
    """A screen a visitor can reach: how to open it, and the items that show it."""
    name: str
    open: Callable[[object], None]   # (the Kiosk controller) -> None
    roots: tuple[str, ...]           # objectNames of the items whose texts are on show


def _first_disputed(kiosk, kind: str) -> int:
    from exhibit.publish import kiosk_data

    return kiosk_data.records_with_disputes(kiosk.snapshot, kind)[0]


def _open_detail(kind: str) -> Callable[[object], None]:
    def open_it(kiosk) -> None:
        kiosk.start()
        kiosk.openObject(1)
        kiosk.openRecord(kind, _first_disputed(kiosk, kind))
    return open_it


def _open_panel(kiosk) -> None:
    from exhibit.publish import kiosk_data

    kiosk.start()
    kiosk.openRecord("panel", kiosk_data.records_with_disputes(kiosk.snapshot, "panel")[0])


def _open_object(kiosk) -> None:
    kiosk.start()
    kiosk.openObject(3)


def _open_section(kiosk) -> None:
    kiosk.start()
    kiosk.openSection(max((kiosk.sections.row(i) for i in range(kiosk.sections.rowCount())),
                          key=lambda s: s["panel_count"])["id"])


SCREENS = (
    Screen("attract", lambda kiosk: kiosk.reset(), ("attract",)),
    Screen("home", lambda kiosk: kiosk.start(), ("home", "topBar")),
    Screen("section", _open_section, ("section", "topBar")),
    Screen("panel", _open_panel, ("panel", "topBar")),
    Screen("object", _open_object, ("object", "topBar")),
    Screen("event", _open_detail("event"), ("detail",)),
    Screen("place", _open_detail("place"), ("detail",)),
    Screen("person", _open_detail("person"), ("detail",)),
)


def show(qtbot, view, screen: Screen, text_size: float) -> None:
    kiosk = view.kiosk
    screen.open(kiosk)
    kiosk.setTextScale(text_size)
    qtbot.wait(120)  # layouts settle; pictures load


def shown_items(view, screen: Screen) -> Iterator:
    for root in screen.roots:
        for item in items(named(view, root)):
            if visible(item):
                yield item


def texts(view, screen: Screen) -> list:
    return [i for i in shown_items(view, screen) if is_text(i) and i.property("text")]


def is_text(item) -> bool:
    return item.metaObject().className().startswith("QQuickText") \
        and not item.metaObject().className().startswith("QQuickTextInput")


def is_flickable(item) -> bool:
    meta = item.metaObject()
    while meta is not None:
        if meta.className() == "QQuickFlickable":
            return True
        meta = meta.superClass()
    return False


def scene_rect(item) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def content_rect(flickable) -> QRectF:
    """Where a Flickable's whole content lies in the scene (what scrolling can bring into view)."""
    content = flickable.property("contentItem")
    return content.mapRectToScene(QRectF(flickable.property("originX"), flickable.property("originY"),
                                         flickable.property("contentWidth"), flickable.property("contentHeight")))


def inside(inner: QRectF, outer: QRectF) -> bool:
    return (inner.left() >= outer.left() - SLACK and inner.top() >= outer.top() - SLACK
            and inner.right() <= outer.right() + SLACK and inner.bottom() <= outer.bottom() + SLACK)


def describe(item) -> str:
    text = item.property("text") or ""
    return f"{item.objectName() or item.metaObject().className()} {text[:50]!r}"


def cut_problems(view, text) -> list[str]:
    """Why a visitor would not read `text` whole: elided, wider or taller than its own box, cut by
    an ancestor that clips (a scrolling one may hide it only where scrolling brings it back),
    spilling out of its card, or off the window."""
    problems = []
    if text.property("truncated"):
        problems.append("elided or cut to its maximum line count")
    if text.property("contentWidth") > text.width() + SLACK or text.property("contentHeight") > text.height() + SLACK:
        problems.append(f"its lines ({text.property('contentWidth'):.0f}×{text.property('contentHeight'):.0f}) "
                        f"overflow its box ({text.width():.0f}×{text.height():.0f})")
    rect = scene_rect(text)
    window = QRectF(0, 0, view.view.width(), view.view.height())
    ground = None
    scrolled = False
    item = text.parentItem()
    while item is not None:
        if is_flickable(item):
            # What scrolling can bring into view: the whole content along the way it scrolls,
            # the visible width (or height) across it.
            view_rect, content = scene_rect(item), content_rect(item)
            across = content if item.property("contentWidth") > item.width() + SLACK else view_rect
            down = content if item.property("contentHeight") > item.height() + SLACK else view_rect
            reach = QRectF(across.left(), down.top(), across.width(), down.height())
            if not inside(rect, reach):
                problems.append(f"beyond what {describe(item)} can scroll to")
            scrolled = True
            rect = view_rect  # further out, the text is seen through this area
        elif item.clip() and not inside(rect, scene_rect(item)):
            problems.append(f"cut by {describe(item)}, which clips")
        if ground is None and is_ground(item) and item is not view.root:
            ground = item
            # (a ground beyond a scrolling area, as a drawer's sheet, holds more than it shows)
            if not scrolled and not inside(rect, scene_rect(item)):
                problems.append(f"spills out of its {describe(item)}")
        item = item.parentItem()
    if not inside(rect, window):  # the text, or the outermost area it scrolls in
        problems.append("off the window")
    return problems


def visible_rect(text) -> QRectF:
    """The part of a text actually on show: its box cut by every ancestor that clips."""
    rect = scene_rect(text)
    item = text.parentItem()
    while item is not None:
        if item.clip() or is_flickable(item):
            rect = rect.intersected(scene_rect(item))
        item = item.parentItem()
    return rect


def overlaps(shown: list) -> list[str]:
    """Texts on show that lie over one another."""
    rects = [(t, visible_rect(t)) for t in shown]
    found = []
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1:]:
            both = ra.intersected(rb)
            if both.width() > SLACK and both.height() > SLACK and not _nested(a, b):
                found.append(f"{describe(a)} lies over {describe(b)}")
    return found


def _nested(a, b) -> bool:
    return _ancestor(a, b) or _ancestor(b, a)


def _ancestor(item, of) -> bool:
    item = of.parentItem()
    while item is not None:
        if item is of:
            return True
        item = item.parentItem()
    return False


# ---------------------------------------------------------------- colours

def is_ground(item) -> bool:
    """An opaque filled Rectangle: what a text lying on it is read against."""
    if not item.metaObject().className().startswith("QQuickRectangle"):
        return False
    color = item.property("color")
    return isinstance(color, QColor) and color.alpha() == 255


def ground_of(view, item) -> QColor:
    node = item.parentItem()
    while node is not None:
        if is_ground(node):
            return node.property("color")
        node = node.parentItem()
    return view.view.color()


def effective_opacity(item) -> float:
    opacity = 1.0
    while item is not None:
        opacity *= item.opacity()
        item = item.parentItem()
    return opacity


def luminance(color: QColor) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(color: QColor, over: QColor, alpha: float) -> QColor:
    """`color` drawn at `alpha` over the opaque `over`."""
    mix = [alpha * c + (1 - alpha) * o for c, o in zip(color.getRgbF()[:3], over.getRgbF()[:3])]
    return QColor.fromRgbF(*mix)


def is_large(text, scale: float) -> bool:
    """WCAG's large text: 18 pt (24 CSS px) and more, or 14 pt (18.67 px) bold; at the
    kiosk's design size (1080 px high) a QML pixel is a CSS pixel."""
    font = text.property("font")
    size = font.pixelSize() / scale
    return size >= 24 or (font.bold() and size >= 18.66)
