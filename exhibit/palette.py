"""The exhibition's section colours: one fixed palette, a colour per section by its position.

Sections have no colour field: a printed panel's band, the catalogue's section
openings (and any screen that wants to tell sections apart) take the colour of
the section's place in the exhibition, first section first colour. Keeping the
table here, in the core and nowhere else, means the panel on the wall and the
catalogue page of the same section are the same colour; the kiosk's Theme.qml
has no section colours of its own to agree with.

Every colour carries white type at WCAG AA for normal text (contrast ≥ 4.5:1,
checked in tests/core/test_print_panels.py), so a band's section name stays
legible at any size, and the colours are muted (ink-like, not signage-bright)
to sit beside historical photographs. The first is the exhibition's dark red,
the accent of the labels and the catalogue.
"""
from __future__ import annotations

SECTION_COLOURS: tuple[str, ...] = (
    "#7a2a1f",   # brick red: the exhibition's accent
    "#2e4a62",   # slate blue
    "#3d5a3a",   # olive green
    "#85590f",   # ochre
    "#5b3a5e",   # plum
    "#1f5a5a",   # teal
    "#6b3a1f",   # umber
    "#4a4a52",   # graphite
)
# A record that belongs to no section (a panel not yet placed) prints in graphite.
NO_SECTION = "#4a4a52"


def section_colour(index: int | None) -> str:
    """The colour of the section at `index` (0 = the first section in exhibition order);
    the palette repeats after its last colour."""
    if index is None or index < 0:
        return NO_SECTION
    return SECTION_COLOURS[index % len(SECTION_COLOURS)]


def rgb(colour: str) -> tuple[float, float, float]:
    """'#7a2a1f' → (0.478, 0.165, 0.122), as reportlab's setFillColorRGB takes it."""
    value = colour.lstrip("#")
    return int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255


def contrast_with_white(colour: str) -> float:
    """WCAG 2 contrast ratio of white type on `colour` (1 to 21)."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)
