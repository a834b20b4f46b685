"""The font every PDF embeds: the CJK TrueType face found by `exhibit.fonts`.

One face covers Chinese and Latin text (WenQuanYi Micro Hei, the bundled
fallback, has both), so every PDF holds exactly one embedded subset font and
no unembedded base-14 font. reportlab subsets TrueType fonts when it saves.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from exhibit.errors import ExhibitError
from exhibit.fonts import find_cjk_font

FONT = "ExhibitCJK"

# Characters that are layout, not glyphs: they never need to be in the font.
_LAYOUT_CHARS = frozenset("\n ")


@lru_cache(maxsize=1)
def register() -> str:
    """Register the font with reportlab once per process; returns its name."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    # Images and fonts go into the PDF as binary streams. ASCII85 text encoding only
    # made files 25 % larger and, without the optional C accelerator, cost ~85 ms per
    # photo in pure Python.
    rl_config.useA85 = 0
    found = find_cjk_font()
    try:
        font = TTFont(FONT, str(found.path), subfontIndex=found.subfont_index)
    except (TTFError, OSError) as exc:
        raise ExhibitError(f"the font {found.path} cannot be embedded in a PDF: {exc}") from exc
    pdfmetrics.registerFont(font)
    # <b>/<i> in a style or markup map to the same face instead of failing on a missing family.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(FONT, bold, italic, FONT)
    return FONT


@lru_cache(maxsize=1)
def charmap() -> frozenset[str]:
    """Characters the embedded font has a glyph for (plus line breaks and spaces)."""
    from reportlab.pdfbase import pdfmetrics

    register()
    return frozenset(map(chr, pdfmetrics.getFont(FONT).face.charToGlyph)) | _LAYOUT_CHARS


def font_file() -> str:
    return str(find_cjk_font().path)


def clean_text(text: str | None) -> str:
    """Text as it will be printed: NFC, Unix line breaks, tabs as spaces, no control or
    zero-width characters (they have no glyph and would print as boxes)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if text.replace("\n", "").isprintable():
        # No character of the categories below (isprintable() is False for all of them):
        # skip the per-character test (about 5 % of a 1,000-label batch).
        return text
    return "".join(ch for ch in text
                   if ch == "\n" or unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` the font lacks, each once, in order of appearance."""
    lacking = set(text) - charmap()          # a set difference in C; almost always empty
    if not lacking:
        return []
    return list(dict.fromkeys(ch for ch in text if ch in lacking))


def describe_chars(chars: list[str]) -> str:
    """'𠀀 (U+20000), 鿰 (U+9FF0)' — the character and its code point, for messages."""
    return ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in chars)
