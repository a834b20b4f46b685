"""The kiosk's colours meet WCAG 2.2 AA (issue 18, "Accessibility"): 4.5:1 for text, 3:1 for
large text (18 pt, or 14 pt bold) and for what a visitor must see to find a control.

The table: every text/ground pair Theme.qml declares, its ratio computed from the theme's
colours (printed: `pytest -s`). On screen: every text shown on the kiosk's screens, in both
languages, against the ground it lies on, as drawn (its opacity included), so a colour that
never made it into the table is caught as well."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtGui import QColor

from tests.ui.kiosk_checks import (
    SCREENS,
    blend,
    close_view,
    contrast,
    effective_opacity,
    ground_of,
    is_large,
    open_view,
    publish_sample,
    show,
    texts,
)

THEME = Path(__file__).resolve().parents[2] / "ui" / "kiosk" / "qml" / "Theme.qml"
NEEDED = {"normal": 4.5, "large": 3.0, "ui": 3.0}


def theme_colours() -> dict[str, QColor]:
    found = re.findall(r'property color (\w+): "(#[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?)"', THEME.read_text())
    return {name: QColor(value) for name, value in found}


def theme_pairs() -> list[tuple[str, str, str]]:
    block = THEME.read_text().split("property var pairs:", 1)[1].split("]\n", 1)[0] + "]"
    return re.findall(r'\["(\w+)", "(\w+)", "(normal|large|ui)"\]', block)


def test_theme_pairs_meet_wcag_aa():
    colours, pairs = theme_colours(), theme_pairs()
    assert {"text", "muted", "brass", "bg", "card", "accent"} <= colours.keys()
    assert len(pairs) >= 20
    failing = []
    print(f"\n{'text':12} {'ground':12} {'kind':7} ratio  needed")
    for fore, ground, kind in pairs:
        assert fore in colours and ground in colours, (fore, ground)
        ratio = contrast(colours[fore], colours[ground])
        print(f"{fore:12} {ground:12} {kind:7} {ratio:5.2f}  {NEEDED[kind]}")
        if ratio < NEEDED[kind]:
            failing.append(f"{fore} on {ground}: {ratio:.2f} < {NEEDED[kind]}")
    assert failing == []


def test_the_contrast_formula():
    """WCAG's own end points: black on white is 21:1, a colour on itself 1:1."""
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#a8402c"), QColor("#a8402c")) == 1.0


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory, sample_template):
    snap = publish_sample(tmp_path_factory, sample_template)
    yield snap
    snap.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_text_on_the_screens_meets_wcag_aa(qapp, qtbot, snapshot, lang):
    view = open_view(qtbot, snapshot, lang)
    try:
        failing, checked = [], 0
        for screen in SCREENS:
            show(qtbot, view, screen, 1.0)
            for text in texts(view, screen):
                if not text.isEnabled():
                    continue  # WCAG exempts controls that are switched off ("‹ Previous" on the first panel)
                ground = ground_of(view, text)
                shown = blend(text.property("color"), ground, text.property("color").alphaF() * effective_opacity(text))
                needed = NEEDED["large" if is_large(text, 1.0) else "normal"]
                ratio = contrast(shown, ground)
                checked += 1
                if ratio < needed:
                    failing.append(f"{screen.name}: {text.property('text')[:40]!r} {shown.name()} on "
                                   f"{ground.name()}: {ratio:.2f} < {needed}")
        assert checked > 100
        assert failing == []
    finally:
        close_view(view)
