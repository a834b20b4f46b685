"""Make Chinese render in Qt on a machine with no CJK font installed."""
from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from exhibit.fonts import find_cjk_font

_SAMPLE = "衡阳"


def has_cjk_family() -> bool:
    """True when some installed family declares Simplified Chinese support."""
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_cjk_font() -> str | None:
    """Register the project's CJK face if the system has none; returns the family used."""
    if has_cjk_family():
        families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        return families[0]
    font = find_cjk_font()
    font_id = QFontDatabase.addApplicationFont(str(font.path))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    # Put the CJK face behind the default UI font so Latin text keeps the
    # platform look while Han characters fall back to it.
    for family in (QFont().defaultFamily(), "Sans Serif", "sans-serif"):
        QFont.insertSubstitution(family, families[0])
    return families[0]
