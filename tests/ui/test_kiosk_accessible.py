"""Every control on the kiosk's screens can be announced by a screen reader (issue 18,
"Accessibility"): each button, card, chip, link, drawer handle and scroll arrow a finger can
touch has an accessible role and a name, in the visitor's language, read through Qt's
accessibility interface as assistive technology reads it."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible

from tests.ui.kiosk_checks import SCREENS, close_view, open_view, publish_sample, show, shown_items

CONTROL_ROLES = {QAccessible.Role.Button, QAccessible.Role.Link, QAccessible.Role.CheckBox,
                 QAccessible.Role.RadioButton, QAccessible.Role.ListItem, QAccessible.Role.PageTab}


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


def is_control(item) -> bool:
    """A touch target (the kiosk marks them) or anything a tap acts on."""
    return bool(item.property("touchTarget")) or any(
        child.metaObject().className().startswith("QQuickTapHandler") for child in item.children())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_control_has_an_accessible_name(qapp, qtbot, snapshot, lang):
    view = open_view(qtbot, snapshot, lang)
    try:
        nameless, seen = [], set()
        for screen in SCREENS:
            show(qtbot, view, screen, 1.0)
            for item in shown_items(view, screen):
                if not is_control(item):
                    continue
                face = QAccessible.queryAccessibleInterface(item)
                name = face.text(QAccessible.Text.Name).strip() if face is not None else ""
                role = face.role() if face is not None else None
                seen.add(role)
                if not name or role not in CONTROL_ROLES:
                    nameless.append(f"{screen.name}: {item.objectName() or item.metaObject().className()} "
                                    f"(role {role}, name {name!r})")
        assert QAccessible.Role.Button in seen
        assert nameless == []
    finally:
        close_view(view)


def test_names_follow_the_visitor_language(qapp, qtbot, snapshot):
    view = open_view(qtbot, snapshot, "zh")
    try:
        kiosk = view.kiosk
        show(qtbot, view, SCREENS[4], 1.0)  # an object: its sources drawer's handle
        handle = next(i for i in shown_items(view, SCREENS[4]) if i.objectName() == "sourcesHandle")
        name = QAccessible.queryAccessibleInterface(handle).text(QAccessible.Text.Name)
        assert name.startswith("资料来源")
        kiosk.setLanguage("en")
        qtbot.wait(50)
        assert QAccessible.queryAccessibleInterface(handle).text(QAccessible.Text.Name).startswith("Sources")
    finally:
        close_view(view)
