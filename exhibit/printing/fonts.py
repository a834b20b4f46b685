"""The fonts every PDF embeds, and which of them sets each character.

Two families (see `exhibit.typefaces`): a CJK face in two weights for Chinese
and a Latin face (regular, bold, italic, bold italic) for Latin runs, plus the
face of last resort for characters neither has. reportlab subsets each
TrueType font when it saves, so a PDF embeds only the glyphs it prints.

Runs are split by script inside a line (`faces_of`): Han characters, kana and
full-width punctuation take the CJK face; letters, digits and ASCII
punctuation the Latin face. Marks both scripts use take the script of the
text they sit in:

- a pair of curly quotes is CJK when the text just outside it is Chinese
  (美国记者称之为“the Stalingrad of the East”。), Latin otherwise (he wrote
  “衡阳” in English text), so Chinese quotes are full-width and English ones
  are not;
- an apostrophe between letters ("Harbour’s", "can’t") is Latin;
- dashes, ellipses, middle dots and spaces follow the text before them
  ("——" after Chinese is the CJK double dash, "—" in English the Latin one).
"""
from __future__ import annotations

import io
import unicodedata
from functools import lru_cache

from exhibit.errors import ExhibitError
from exhibit.typefaces import Face, print_faces

FONT = "ExhibitCJK"                  # the CJK regular face (also the catalogue's text face)
FONT_BOLD = "ExhibitCJK-Bold"
LATIN = "ExhibitLatin"
LATIN_BOLD = "ExhibitLatin-Bold"
LATIN_ITALIC = "ExhibitLatin-Italic"
LATIN_BOLD_ITALIC = "ExhibitLatin-BoldItalic"
FALLBACK = "ExhibitFallback"

# Characters that are layout, not glyphs: they never need to be in a font.
_LAYOUT_CHARS = frozenset("\n ")
# Marks both scripts use: their face depends on the text around them.
_OPEN_QUOTES = {"“": "”", "‘": "’"}
_CLOSE_QUOTES = {"”": "“", "’": "‘"}
_FOLLOWERS = frozenset("—―…‥·\u00a0\u3000 \t\n")   # take the script of the text before them


def _face_names(bold: bool, italic: bool) -> tuple[str, str]:
    """(CJK face, Latin face) for a style: CJK has no italic (it stays upright, as it should)."""
    cjk = FONT_BOLD if bold else FONT
    latin = (LATIN_BOLD_ITALIC if italic else LATIN_BOLD) if bold else (LATIN_ITALIC if italic else LATIN)
    return cjk, latin


@lru_cache(maxsize=1)
def register() -> str:
    """Register every face with reportlab once per process; returns the CJK regular's name."""
    from reportlab import rl_config
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    # Images and fonts go into the PDF as binary streams. ASCII85 text encoding only
    # made files 25 % larger and, without the optional C accelerator, cost ~85 ms per
    # photo in pure Python.
    rl_config.useA85 = 0
    faces = print_faces()
    wanted: list[tuple[str, Face]] = [
        (FONT, faces.cjk), (FONT_BOLD, faces.cjk_bold), (LATIN, faces.latin), (LATIN_BOLD, faces.latin_bold),
        (LATIN_ITALIC, faces.latin_italic), (LATIN_BOLD_ITALIC, faces.latin_bold_italic),
        (FALLBACK, faces.fallback)]
    for name, face in wanted:
        try:
            source = io.BytesIO(face.data) if face.data is not None else str(face.path)
            pdfmetrics.registerFont(TTFont(name, source, subfontIndex=face.index))
        except (TTFError, OSError) as exc:
            raise ExhibitError(f"the font {face.path} cannot be embedded in a PDF: {exc}") from exc
    # <b>/<i> in a Paragraph's markup (the catalogue) choose the real bold, never a fake one.
    for family, bold, italic in ((FONT, FONT_BOLD, FONT), (LATIN, LATIN_BOLD, LATIN_ITALIC)):
        addMapping(family, 0, 0, family)
        addMapping(family, 1, 0, bold)
        addMapping(family, 0, 1, italic)
        addMapping(family, 1, 1, LATIN_BOLD_ITALIC if family == LATIN else bold)
    return FONT


@lru_cache(maxsize=8)
def widths(name: str) -> dict[int, int]:
    """Advance widths of a registered face, per 1000 units of em, by code point."""
    from reportlab.pdfbase import pdfmetrics

    register()
    return pdfmetrics.getFont(name).face.charWidths


@lru_cache(maxsize=8)
def default_width(name: str) -> int:
    from reportlab.pdfbase import pdfmetrics

    register()
    return pdfmetrics.getFont(name).face.defaultWidth


@lru_cache(maxsize=8)
def _has(name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register()
    return frozenset(pdfmetrics.getFont(name).face.charToGlyph)


@lru_cache(maxsize=1)
def charmap() -> frozenset[str]:
    """Characters some embedded face has a glyph for (plus line breaks and spaces)."""
    cps = _has(FONT) | _has(FONT_BOLD) | _has(LATIN) | _has(FALLBACK)
    return frozenset(map(chr, cps)) | _LAYOUT_CHARS


def is_cjk(ch: str) -> bool:
    """Han characters, kana, hangul, bopomofo, CJK and full-width punctuation: the CJK face's own."""
    cp = ord(ch)
    return (0x2E80 <= cp <= 0x2FDF or 0x3000 <= cp <= 0x33FF or 0x3400 <= cp <= 0x4DBF
            or 0x4E00 <= cp <= 0x9FFF or 0xAC00 <= cp <= 0xD7AF or 0xF900 <= cp <= 0xFAFF
            or 0xFE30 <= cp <= 0xFE4F or 0xFF00 <= cp <= 0xFFEF or 0x20000 <= cp <= 0x3FFFF)


def is_ideograph(ch: str) -> bool:
    """A CJK character that is a letter (Han, kana, hangul), not punctuation: what
    Latin text inside Chinese is spaced from."""
    return is_cjk(ch) and unicodedata.category(ch).startswith("L")


_STRONG: dict[str, str] = {}      # character → "C", "L" or "" (takes its script from its neighbours)


def _strong(ch: str) -> str:
    """'C' (CJK), 'L' (Latin) or '' for a mark that takes its script from the text around it."""
    found = _STRONG.get(ch)
    if found is None:
        if ch in _OPEN_QUOTES or ch in _CLOSE_QUOTES or ch in _FOLLOWERS or ch.isspace():
            found = ""
        else:
            found = "C" if is_cjk(ch) else "L"
        _STRONG[ch] = found
    return found


def _latin_alnum(ch: str) -> bool:
    return ch.isalnum() and not is_cjk(ch)


def _apostrophe(text: str, i: int) -> bool:
    """’ between two Latin letters ("can’t", "Harbour’s"): an apostrophe, never a closing quote."""
    return 0 < i < len(text) - 1 and _latin_alnum(text[i - 1]) and _latin_alnum(text[i + 1])


def scripts(text: str) -> str:
    """One letter per character of `text`: 'C' for the CJK face, 'L' for the Latin face."""
    if text.isascii():                        # no Han, no curly quotes: all Latin (most English text)
        return "L" * len(text)
    out = [_strong(ch) for ch in text]
    if "" not in out:
        return "".join(out)
    n = len(text)

    def before(i: int) -> str:
        for j in range(i - 1, -1, -1):
            if out[j]:
                return out[j]
        return ""

    def after(i: int) -> str:
        for j in range(i + 1, n):
            if out[j]:
                return out[j]
        return ""

    # Quotation marks in pairs: the pair takes the script of the text outside it.
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch in _OPEN_QUOTES:
            stack.append(i)
        elif ch in _CLOSE_QUOTES:
            if ch == "’" and _apostrophe(text, i):
                out[i] = "L"
                continue
            opened = next((k for k in range(len(stack) - 1, -1, -1) if text[stack[k]] == _CLOSE_QUOTES[ch]), None)
            if opened is None:
                if ch == "’" and i and _latin_alnum(text[i - 1]):
                    out[i] = "L"              # "the soldiers’ letters": a plural's apostrophe
                continue                      # an unpaired mark: resolved with the followers below
            o = stack[opened]
            del stack[opened:]
            script = before(o) or after(i) or next((x for x in out[o + 1:i] if x), "") or "L"
            out[o] = out[i] = script
    # The rest follow the text before them (the text after them at the start).
    last = next((x for x in out if x), "L")
    for i in range(n):
        if out[i]:
            last = out[i]
        else:
            out[i] = last
    return "".join(out)


def _choose(ch: str, script: str, bold: bool, italic: bool) -> str:
    """The face for one character: its script's face, else the other's, else the fallback."""
    cjk, latin = _face_names(bold, italic)
    first, second = (cjk, latin) if script == "C" else (latin, cjk)
    cp = ord(ch)
    if cp in _has(first) or ch in _LAYOUT_CHARS:
        return first
    if cp in _has(second):
        return second
    if cp in _has(FALLBACK):
        return FALLBACK
    return first                              # missing everywhere: the checker refuses the label


@lru_cache(maxsize=16)
def _choices(bold: bool, italic: bool, script: str) -> dict[str, str]:
    """A memo of `_choose` for one style and script (a label batch sets the same characters again and again)."""
    return {}


@lru_cache(maxsize=8)
def _ascii_in(face: str) -> frozenset[str]:
    """The ASCII characters `face` has (all of them, for the Latin faces), plus layout characters."""
    return frozenset(chr(cp) for cp in range(128) if cp in _has(face)) | _LAYOUT_CHARS


@lru_cache(maxsize=8192)
def faces_of(text: str, bold: bool = False, italic: bool = False) -> tuple[str, ...]:
    """The registered face that sets each character of `text`: by script, then by which
    face has the glyph (the Latin face lacks Han; a rare character may be in the fallback only)."""
    register()
    if text.isascii():
        latin = _face_names(bold, italic)[1]
        if _ascii_in(latin).issuperset(text):
            return (latin,) * len(text)       # plain English: one face, no per-character choice
    memo = {"C": _choices(bold, italic, "C"), "L": _choices(bold, italic, "L")}
    out = []
    for ch, script in zip(text, scripts(text)):
        choices = memo[script]
        face = choices.get(ch)
        if face is None:
            face = choices[ch] = _choose(ch, script, bold, italic)
        out.append(face)
    return tuple(out)


def runs(text: str, bold: bool = False, italic: bool = False) -> list[tuple[str, str]]:
    """`text` as (face, text) runs, each set in one face."""
    out: list[tuple[str, str]] = []
    start = 0
    faces = faces_of(text, bold, italic)
    for i in range(1, len(text) + 1):
        if i == len(text) or faces[i] != faces[start]:
            out.append((faces[start], text[start:i]))
            start = i
    return out


def markup(text: str, bold: bool = False, italic: bool = False) -> str:
    """`text` as Paragraph markup with each script run in its face (escaped; line breaks kept):
    for text reportlab's Paragraph sets, such as the catalogue's."""
    from exhibit.printing.pdfwrite import escape

    return "".join(f'<font face="{face}">{escape(part)}</font>' for face, part in runs(text, bold, italic))


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
    """Characters of `text` no embedded face has, each once, in order of appearance."""
    lacking = set(text) - charmap()          # a set difference in C; almost always empty
    if not lacking:
        return []
    return list(dict.fromkeys(ch for ch in text if ch in lacking))


def describe_chars(chars: list[str]) -> str:
    """'𠀀 (U+20000), 鿰 (U+9FF0)' — the character and its code point, for messages."""
    return ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in chars)
