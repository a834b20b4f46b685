"""The printed type: a CJK face with a real bold and a Latin face for Latin runs.

Labels, panels and the catalogue set Chinese in a Hei (sans) face and Latin
text, quotes, apostrophes and dashes in a Latin face (one CJK font for both
would print "Harbour’s" with a full-width CJK apostrophe). Where the faces
come from, in order:

1. configured files: EXHIBIT_CJK_FONT (and EXHIBIT_CJK_BOLD_FONT for its bold;
   without one, bold text is set in the regular face);
2. a system pair that has both weights (Microsoft YaHei, STHeiti);
3. the bundled pair, installed with the project's dependencies: Noto Sans SC
   (justmytype-intl-cjk) and Source Sans 3 (fontpkg-source-sans-3), whose Latin
   design Noto Sans CJK's own Latin glyphs follow.

The bundled files are variable TrueType fonts. reportlab embeds static
TrueType outlines only, so fontTools cuts the regular and bold instances
once and keeps them in a cache folder (EXHIBIT_FONT_CACHE, else the user's
cache folder); they are never committed. The face of last resort,
`exhibit.fonts.find_cjk_font()` (WenQuanYi Micro Hei), stays as the fallback
for characters neither face has.

No Qt and no reportlab here: the PDF code and the Qt windows both ask this
module for file paths.
"""
from __future__ import annotations

import hashlib
import os
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from exhibit.errors import ExhibitError
from exhibit.fonts import ENV_VAR as CJK_ENV
from exhibit.fonts import CJKFont, find_cjk_font, is_truetype_outlines

CJK_BOLD_ENV = "EXHIBIT_CJK_BOLD_FONT"
CACHE_ENV = "EXHIBIT_FONT_CACHE"
# Bump when the way instances are cut changes, so old cached files are not reused.
_RECIPE = "1"
REGULAR, BOLD = 400, 700

# System fonts that come with a bold of their own: (regular, bold), most preferred first.
_SYSTEM_PAIRS: tuple[tuple[str, str], ...] = (
    ("C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/msyhbd.ttc"),                     # Microsoft YaHei
    ("/System/Library/Fonts/STHeiti Light.ttc", "/System/Library/Fonts/STHeiti Medium.ttc"),
)


@dataclass(frozen=True)
class Face:
    path: Path
    index: int = 0          # face index inside a .ttc collection
    data: bytes | None = field(default=None, repr=False)   # the font itself, when no cache file could be written


@dataclass(frozen=True)
class Faces:
    """The faces every printed document uses (paths of static TrueType files)."""
    cjk: Face
    cjk_bold: Face
    latin: Face
    latin_bold: Face
    latin_italic: Face
    latin_bold_italic: Face
    fallback: Face          # characters neither face has (WenQuanYi Micro Hei)
    origin: str             # where the CJK pair came from: "configured", "system" or "bundled"


@dataclass(frozen=True)
class Sources:
    """The variable font files shipped by the dependencies (what the Qt windows load)."""
    cjk: Path               # Noto Sans SC, wght 100–900
    latin: Path             # Source Sans 3, wght 200–900
    latin_italic: Path


def _package_dir(module: str) -> Path | None:
    """The folder of an installed package, without importing it."""
    spec = find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


@lru_cache(maxsize=1)
def bundled_sources() -> Sources | None:
    """The variable fonts the project's dependencies install, or None if one is missing."""
    cjk_dir, latin_dir = _package_dir("justmytype_intl_cjk"), _package_dir("fontpkg_source_sans_3")
    if cjk_dir is None or latin_dir is None:
        return None
    found = Sources(cjk_dir / "fonts" / "ofl" / "notosanssc" / "NotoSansSC[wght].ttf",
                    latin_dir / "files" / "SourceSans3[wght].ttf",
                    latin_dir / "files" / "SourceSans3-Italic[wght].ttf")
    return found if all(p.is_file() for p in (found.cjk, found.latin, found.latin_italic)) else None


def cache_dir() -> Path:
    """Where derived font files are kept: EXHIBIT_FONT_CACHE, else the platform's cache folder."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "exhibit" / "fonts"


def _key(src: Path, weight: int) -> str:
    st = src.stat()
    from fontTools import version as fonttools_version

    raw = f"{src.name}|{st.st_size}|{st.st_mtime_ns}|{weight}|{fonttools_version}|{_RECIPE}"
    return hashlib.sha1(raw.encode()).hexdigest()[:12]


def _cut_instance(src: Path, weight: int, family: str, italic: bool) -> bytes:
    """A static TrueType font of `src` at `weight`, named as a family member (so Qt and
    PDF readers show "Noto Sans SC Bold"), as the bytes of a .ttf file."""
    import io

    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(str(src))
    # reportlab uses none of the layout tables, and the instancer spends most of its
    # time on them: drop them first (vertical metrics too: labels are set horizontally).
    for tag in ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VVAR", "STAT", "HVAR"):
        if tag in font:
            del font[tag]
    static = instancer.instantiateVariableFont(font, {"wght": weight}, updateFontNames=False)
    bold = weight >= BOLD
    style = (("Bold " if bold else "") + ("Italic" if italic else "")).strip() or "Regular"
    names = static["name"]
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 25):
            names.removeNames(nameID=record.nameID)
    ps_name = f"{family.replace(' ', '')}-{style.replace(' ', '')}"
    for name_id, value in ((1, family), (2, style), (3, f"{ps_name};exhibit"),
                           (4, f"{family} {style}" if style != "Regular" else family), (6, ps_name)):
        names.setName(value, name_id, 3, 1, 0x409)
    os2 = static["OS/2"]
    os2.usWeightClass = weight
    # fsSelection: bit 0 italic, bit 5 bold, bit 6 regular; head.macStyle: bit 0 bold, bit 1 italic.
    os2.fsSelection = (os2.fsSelection & ~0b1100001) | (0b100000 if bold else 0) | (0b1 if italic else 0) \
        | (0b1000000 if not (bold or italic) else 0)
    static["head"].macStyle = (1 if bold else 0) | (2 if italic else 0)
    out = io.BytesIO()
    static.save(out)
    return out.getvalue()


def _store(data: bytes, out: Path) -> bool:
    """Write `data` to `out` through a temporary file; False when the disk will not take it."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{out.stem}-", suffix=".part", dir=out.parent)
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)         # a cache other accounts on the machine may read
        os.replace(tmp, out)
        return True
    except OSError:
        return False
    finally:
        Path(tmp).unlink(missing_ok=True)


def instance_path(src: Path, weight: int) -> Path:
    """Where the static instance of `src` at `weight` is kept in the cache folder, whether
    or not it has been cut yet (the Qt windows look before they ask for a cut)."""
    return cache_dir() / f"{src.stem.split('[')[0]}-{weight}-{_key(src, weight)}.ttf"


def static_instance(src: Path, weight: int, family: str, *, italic: bool = False) -> Face:
    """The static instance of variable font `src` at `weight`: cut on first use and kept in
    the cache folder; kept in memory for this run when the cache cannot be written (a full
    or read-only disk must not stop printing with a font error)."""
    out = instance_path(src, weight)
    if out.is_file():
        return Face(out)
    try:
        data = _cut_instance(src, weight, family, italic)
    except Exception as exc:   # fontTools raises many kinds; each means "cannot be made"
        raise ExhibitError(f"could not make the {family} {weight} font from {src}: {exc}") from exc
    return Face(out) if _store(data, out) else Face(out, data=data)


def _configured() -> tuple[Face, Face] | None:
    regular = os.environ.get(CJK_ENV)
    if not regular or not is_truetype_outlines(Path(regular)):
        return None
    bold = os.environ.get(CJK_BOLD_ENV)
    bold_face = Face(Path(bold)) if bold and is_truetype_outlines(Path(bold)) else Face(Path(regular))
    return Face(Path(regular)), bold_face


def _system() -> tuple[Face, Face] | None:
    for regular, bold in _SYSTEM_PAIRS:
        if is_truetype_outlines(Path(regular)) and is_truetype_outlines(Path(bold)):
            return Face(Path(regular)), Face(Path(bold))
    return None


@lru_cache(maxsize=1)
def print_faces() -> Faces:
    """The faces for printing (cut from the bundled variable fonts on first use: about
    half a minute once per machine, then read from the cache)."""
    fallback_font: CJKFont = find_cjk_font()
    fallback = Face(fallback_font.path, fallback_font.subfont_index)
    sources = bundled_sources()
    if sources is None:
        # Without the bundled faces, everything is set in the face of last resort.
        return Faces(fallback, fallback, fallback, fallback, fallback, fallback, fallback, "fallback")
    latin = [static_instance(src, weight, "Source Sans 3", italic=italic)
             for src, italic in ((sources.latin, False), (sources.latin_italic, True))
             for weight in (REGULAR, BOLD)]
    pair, origin = _configured(), "configured"
    if pair is None:
        pair, origin = _system(), "system"
    if pair is None:
        pair = (static_instance(sources.cjk, REGULAR, "Noto Sans SC"),
                static_instance(sources.cjk, BOLD, "Noto Sans SC"))
        origin = "bundled"
    return Faces(pair[0], pair[1], latin[0], latin[1], latin[2], latin[3], fallback, origin)
