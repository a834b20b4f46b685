"""The map's, the timeline's and the search's controls can be announced by a screen reader: each
place, label, pointer, day, card and result has a control's role and a name in the visitor's
language (the other screens: test_kiosk_accessible.py)."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible

from tests.ui.kiosk_checks import close_view, open_view, publish_sample
from tests.ui.test_kiosk_accessible import CONTROL_ROLES, is_control
from tests.ui.test_kiosk_flow import items, named, visible


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


def nameless_controls(view, root: str) -> tuple[list[str], int]:
    missing, count = [], 0
    for item in items(named(view, root)):
        if not visible(item) or not is_control(item) or item.objectName() == "searchField":
            continue  # the search field is announced as the editable text it is
        count += 1
        face = QAccessible.queryAccessibleInterface(item)
        name = face.text(QAccessible.Text.Name).strip() if face is not None else ""
        if not name or face.role() not in CONTROL_ROLES:
            missing.append(f"{item.objectName() or item.metaObject().className()}: {name!r}")
    return missing, count


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_map_timeline_and_search_controls_have_names(qapp, qtbot, snapshot, lang):
    view = open_view(qtbot, snapshot, lang)
    try:
        kiosk = view.kiosk
        kiosk.start()
        for open_screen, root, at_least in ((kiosk.openMap, "map", 20), (kiosk.openTimeline, "timeline", 30),
                                            (kiosk.openSearch, "search", 5)):
            open_screen()
            if root == "search":
                kiosk.search("衡阳")
            qtbot.wait(300)
            missing, count = nameless_controls(view, root)
            assert missing == [] and count >= at_least, (root, count, missing)
        kiosk.openTimeline()
        qtbot.wait(100)
        face = QAccessible.queryAccessibleInterface(named(view, "day:8"))
        assert face.text(QAccessible.Text.Name) == ("第 8 天，6月30日：一件事" if lang == "zh"
                                                    else "Day 8, 30 June: one event")
    finally:
        close_view(view)
