"""Find a CJK TrueType font that both Qt and reportlab can use.

Order: a configured file (EXHIBIT_CJK_FONT), the system's CJK TrueType fonts
(Windows, macOS, Linux), then WenQuanYi Micro Hei shipped by a project
dependency, so a fresh machine with no CJK font still shows Chinese.
reportlab embeds TrueType (glyf) outlines only: CFF-flavoured .otf files such
as Noto Sans CJK fail with "postscript outlines are not supported", so only
.ttf/.ttc files whose outlines are TrueType are accepted.
"""
from __future__ import annotations

import os
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ENV_VAR = "EXHIBIT_CJK_FONT"

# Known CJK TrueType faces by platform, most preferred first.
_SYSTEM_CANDIDATES: tuple[str, ...] = (
    # Windows
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    # macOS
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    # Linux (Debian/Ubuntu/Fedora package paths)
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf",
)

# A few characters every face we accept must have.
PROBE_TEXT = "衡阳保卫战方先觉"


@dataclass(frozen=True)
class CJKFont:
    path: Path
    subfont_index: int  # face index inside a .ttc collection
    origin: str  # "configured", "system" or "bundled"


def _is_truetype_outlines(path: Path) -> bool:
    """True when the file (or the first face of a collection) has glyf outlines."""
    try:
        with path.open("rb") as fh:
            head = fh.read(12)
            if head[:4] == b"ttcf":
                fh.seek(12)
                (offset,) = struct.unpack(">I", fh.read(4))
                fh.seek(offset)
                head = fh.read(12)
            tag = head[:4]
            if tag == b"OTTO":  # CFF outlines
                return False
            if tag not in (b"\x00\x01\x00\x00", b"true"):
                return False
            (num_tables,) = struct.unpack(">H", head[4:6])
            tables = fh.read(16 * num_tables)
    except OSError:
        return False
    tags = {tables[i:i + 4] for i in range(0, len(tables), 16)}
    return b"glyf" in tags


def is_truetype_outlines(path: Path) -> bool:
    """True when `path` is a font file reportlab can embed (glyf outlines); False for
    CFF-flavoured OpenType, anything else, or a file that is not there."""
    return path.is_file() and _is_truetype_outlines(path)


def bundled_font_path() -> Path | None:
    try:
        import paperang_p2_fonts_cjk  # the fallback that installs with us
    except ImportError:
        return None
    path = Path(paperang_p2_fonts_cjk.__file__).parent / "fonts" / "wqy-microhei.ttc"
    return path if path.is_file() else None


def _fontconfig_candidates() -> list[Path]:
    """CJK TrueType files fontconfig knows about (Linux), if fc-list exists."""
    import shutil
    import subprocess

    if not shutil.which("fc-list"):
        return []
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "file"], capture_output=True,
                             text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    files = [Path(line.split(":")[0].strip()) for line in out.splitlines() if line.strip()]
    return sorted(f for f in files if f.suffix.lower() in (".ttf", ".ttc"))


@lru_cache(maxsize=1)
def find_cjk_font() -> CJKFont:
    """The CJK TrueType font to use; never fails while dependencies are installed."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        path = Path(configured)
        if path.is_file() and _is_truetype_outlines(path):
            return CJKFont(path, 0, "configured")
    for candidate in [Path(p) for p in _SYSTEM_CANDIDATES] + _fontconfig_candidates():
        if candidate.is_file() and _is_truetype_outlines(candidate):
            return CJKFont(candidate, 0, "system")
    bundled = bundled_font_path()
    if bundled is None:
        from exhibit.errors import ExhibitError
        raise ExhibitError("No CJK TrueType font found; set EXHIBIT_CJK_FONT to a .ttf or .ttc file")
    return CJKFont(bundled, 0, "bundled")
