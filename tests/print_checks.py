"""What a proof-reader checks on a printed PDF, read back from the PDF itself with poppler.

`pdftotext -bbox-layout` gives every word with its box (xMin, yMin, xMax, yMax in points,
origin top left); `pdftoppm` renders a page to PNG. From those this module rebuilds the
lines a reader sees and checks them: Chinese line-break rules (clreq), text inside its
label, type sizes, internal codes on paper, and the QR codes read back with zxing-cpp.

Lines are rebuilt from the words rather than taken from pdftotext's own <line>s: poppler
starts a new "line" where compressed full-width punctuation overlaps the glyph before it
(片）：第九… comes out as "片）" and "：第九…", side by side at one height), which would
report a line starting with "：" that no reader sees.

Word boxes are font boxes, not ink: their height is the font size times the face's
(ascent − descent) as poppler reads them, a fixed factor per face (about 1.0 for the CJK
face and 1.42 for the Latin one). `calibrate()` measures that factor by printing known
sizes in each face, so the size checks follow the fonts if they change.
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

_XHTML = "{http://www.w3.org/1999/xhtml}"

# clreq §3.1.7 (and JIS X 4051's 行頭禁則/行末禁則): marks no line may start with, and marks no
# line may end with. The half-width ones are wrong at a line start in English text too.
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】〗〙〛｝］〉．｡､・" ",.;:?!)]}")
NO_LINE_END = frozenset("（《「『“‘〔【〖〘〚｛［〈" "([{")
# Full-width closing marks whose glyph is ink on the left half and blank on the right.
CLOSING_HALF = frozenset("，。、；：？！）》」』”’〕】〗〙〛｝］〉")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float      # left, in points from the page's left edge
    y0: float      # top, in points from the page's top edge
    x1: float
    y1: float

    @property
    def h(self) -> float:
        return self.y1 - self.y0

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]


@dataclass(frozen=True)
class Rect:
    """A rectangle in pdftotext's coordinates (points, origin top left)."""
    x0: float
    y0: float
    x1: float
    y1: float

    def shrunk(self, by: float) -> Rect:
        return Rect(self.x0 + by, self.y0 + by, self.x1 - by, self.y1 - by)

    def holds(self, w: Word) -> bool:
        return self.x0 <= w.x0 and w.x1 <= self.x1 and self.y0 <= w.y0 and w.y1 <= self.y1

    def has_centre_of(self, w: Word) -> bool:
        return self.x0 <= w.cx <= self.x1 and self.y0 <= w.cy <= self.y1


def poppler_missing() -> str | None:
    """Why the checks cannot run here, or None: they need poppler's pdftotext and pdftoppm."""
    lacking = [tool for tool in ("pdftotext", "pdftoppm") if shutil.which(tool) is None]
    return f"poppler-utils ({', '.join(lacking)}) is not installed" if lacking else None


def pdf_pages(pdf: Path) -> list[Page]:
    """Every page's words with their boxes, from `pdftotext -bbox-layout`."""
    out = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = ET.fromstring(out)
    pages = []
    for page in root.iter(f"{_XHTML}page"):
        words = [Word(w.text or "", float(w.get("xMin", 0)), float(w.get("yMin", 0)),
                      float(w.get("xMax", 0)), float(w.get("yMax", 0)))
                 for w in page.iter(f"{_XHTML}word")]
        pages.append(Page(float(page.get("width", 0)), float(page.get("height", 0)), words))
    return pages


def render_png(pdf: Path, out_stem: Path, dpi: int, page: int = 1) -> Path:
    """One page of `pdf` as a PNG at `dpi` (pdftoppm), returned as its path."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out_stem)], check=True, capture_output=True)
    return out_stem.with_suffix(".png")


def ink_share(png: Path) -> float:
    """The share of pixels that are not (near) white: 0 for a blank page."""
    from PIL import Image

    with Image.open(png) as im:
        grey = im.convert("L")
        hist = grey.histogram()
    return 1 - sum(hist[245:]) / max(1, sum(hist))


def _same_line(a: Word, b: Word) -> bool:
    """b continues the line that ends with a: at one height (centres within a third of the
    smaller box: font boxes of one baseline differ by ~7 % of the size between the faces,
    lines set at 1.2–1.5 leading differ by a whole box) and close on its right (a Latin
    space or clreq's quarter em; compressed punctuation may overlap by up to half an em;
    a column gutter or a label's padding is wider than half a box)."""
    small = min(a.h, b.h)
    gap = b.x0 - a.x1
    return abs(a.cy - b.cy) <= small / 3 and -0.75 * small <= gap <= 0.5 * small


def visual_lines(words: list[Word]) -> list[list[Word]]:
    """The words as a reader sees them in lines, each left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.x0, w.cy)):
        for line in lines:
            if _same_line(line[-1], w):
                line.append(w)
                break
        else:
            lines.append([w])
    return sorted(lines, key=lambda line: (line[0].cy, line[0].x0))


def line_text(line: list[Word]) -> str:
    return " ".join(w.text for w in line)


def break_faults(lines: list[list[Word]]) -> list[str]:
    """Lines that start with a closing mark or end with an opening one, as 'starts with "，": …'."""
    out = []
    for line in lines:
        text = line_text(line).strip()
        if not text:
            continue
        if text[0] in NO_LINE_START:
            out.append(f"starts with {text[0]!r}: {text[:40]!r}")
        if text[-1] in NO_LINE_END:
            out.append(f"ends with {text[-1]!r}: {text[-40:]!r}")
    return out


def collisions(lines: list[list[Word]]) -> list[str]:
    """Words of different lines drawn over each other: boxes that overlap across more than a
    third of the smaller one's height (font boxes of neighbouring lines overlap by up to ~16 %
    of a box at 1.2 leading, as the Latin box is 1.42 em high)."""
    placed = sorted(((w, n) for n, line in enumerate(lines) for w in line), key=lambda p: p[0].y0)
    out = []
    for i, (a, la) in enumerate(placed):
        for b, lb in placed[i + 1:]:
            if b.y0 >= a.y1:
                break
            if la == lb or min(a.x1, b.x1) - max(a.x0, b.x0) <= 0.5:
                continue
            if min(a.y1, b.y1) - b.y0 > min(a.h, b.h) / 3:
                out.append(f"{a.text!r} and {b.text!r} overlap at ({max(a.x0, b.x0):.1f}, {b.y0:.1f})")
    return out


def outside(words: list[Word], box: Rect) -> list[str]:
    """Words whose box is not inside `box`, with where they are."""
    return [f"{w.text!r} at ({w.x0:.1f}, {w.y0:.1f})–({w.x1:.1f}, {w.y1:.1f}) outside "
            f"({box.x0:.1f}, {box.y0:.1f})–({box.x1:.1f}, {box.y1:.1f})" for w in words if not box.holds(w)]


# ---- Type sizes from word boxes

@dataclass(frozen=True)
class Calibration:
    """Box height per point of font size, for the CJK faces and for the Latin faces."""
    cjk: float
    latin: float


def calibrate(pdf: Path, faces: dict[str, tuple[str, ...]],
              sizes: tuple[float, ...] = (10.0, 24.0, 48.0)) -> Calibration:
    """Print a sample word in each face at known sizes and measure the boxes poppler gives them.
    `faces`: {"cjk": (face names), "latin": (face names)}, registered with reportlab. Each
    script gets the smallest factor of its faces, so a size read from a box is never too small."""
    from reportlab.pdfgen.canvas import Canvas

    step = 1.7 * max(sizes)          # lines far enough apart that their boxes never overlap
    lines = [(script, name, size) for script, names in faces.items() for name in names for size in sizes]
    canvas = Canvas(str(pdf), pagesize=(600, step * (len(lines) + 1)))
    for i, (script, name, size) in enumerate(lines):
        canvas.setFont(name, size)
        canvas.drawString(20, step * (len(lines) - i), "衡阳保卫战" if script == "cjk" else "Hengyang")
    canvas.save()
    words = sorted(pdf_pages(pdf)[0].words, key=lambda w: w.y0)       # top to bottom: the order drawn
    assert len(words) == len(lines), f"calibration printed {len(lines)} words, poppler found {len(words)}"
    ratios: dict[str, list[float]] = {}
    for (script, _name, size), w in zip(lines, words):
        ratios.setdefault(script, []).append(w.h / size)
    return Calibration(min(ratios["cjk"]), min(ratios["latin"]))


def _script(ch: str) -> str:
    """'cjk' for Han, kana and full-width forms, 'latin' for Latin letters and digits, '' for
    marks both scripts use (curly quotes, dashes), whose face depends on the text around them."""
    if unicodedata.category(ch).startswith(("L", "N")):
        return "latin" if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") else "cjk"
    if ch in "“”‘’—–…·" or ch.isascii():
        return ""
    return "cjk" if unicodedata.east_asian_width(ch) in ("W", "F") else ""


def word_size(w: Word, cal: Calibration) -> float:
    """The font size a word is set in, from its box. poppler gives a word the box of its first
    character's font; where that character could be in either face, the larger reading is
    taken, so a size check never fails on a guess."""
    script = _script(w.text[:1]) if w.text else ""
    if script == "cjk":
        return w.h / cal.cjk
    if script == "latin":
        return w.h / cal.latin
    return w.h / min(cal.cjk, cal.latin)


def inked(w: Word, cal: Calibration) -> Word:
    """The word without the blank right half of a full-width closing mark that ends it: clreq
    lets that half pass the end of a line (textlines.py counts it so), and it prints nothing."""
    if w.text and w.text[-1] in CLOSING_HALF:
        return dataclasses.replace(w, x1=w.x1 - word_size(w, cal) / 2)
    return w


def _alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _has_word(text: str, word: str) -> bool:
    """`word` occurs in `text`, not as part of a longer Latin word ("a" is not in "Hengyang")."""
    i = text.find(word)
    while word and i >= 0:
        end = i + len(word)
        cut_before = i > 0 and _alnum(text[i - 1]) and _alnum(word[0])
        cut_after = end < len(text) and _alnum(text[end]) and _alnum(word[-1])
        if not (cut_before or cut_after):
            return True
        i = text.find(word, i + 1)
    return False


def role_words(words: list[Word], blocks: list[tuple[str, str]]) -> dict[str, list[Word]]:
    """The printed words that belong to one role of a label: found in the text of that role's
    blocks (role, text) and in no other role's. Words in several roles' text ("the", "1944")
    and words the printing changed (a truncated one ending with "…") belong to none."""
    out: dict[str, list[Word]] = {}
    for w in words:
        roles = {role for role, text in blocks if _has_word(text, w.text)}
        if len(roles) == 1:
            out.setdefault(roles.pop(), []).append(w)
    return out


# ---- Internal codes

def code_leaks(text: str, codes: set[str]) -> list[str]:
    """Internal names in printed `text`: record codes (given), field names such as label_zh or
    description_en, and Python's None where a value was missing."""
    flat = re.sub(r"\s+", "", text)
    found = sorted(c for c in codes if c in text or c in flat)
    found += sorted(set(re.findall(r"\b[a-z]+(?:_[a-z]+)*_(?:zh|en)\b", text)))
    found += ["None"] if re.search(r"\bNone\b", text) else []
    return found


# ---- QR codes

def decode_qr(png: Path) -> list[str]:
    """The text of every QR code on the image (zxing-cpp)."""
    import zxingcpp
    from PIL import Image

    with Image.open(png) as im:
        results = zxingcpp.read_barcodes(im.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in results]
