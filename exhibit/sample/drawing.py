"""Drawing primitives for the sample's generated illustrations (Pillow only).

The map, the object drawings and the title cards share these: the CJK font at
any size (cached per thread: FreeType faces are not shared between threads),
text fitting, colour mixing, curve helpers, and `Pen`, which draws an object
in a fixed 1000×560 design space onto a supersampled transparent stage. Every
drawing is made of these calls, with randomness only from a seeded
`random.Random`, so the same object gives the same bytes on every run (the
media store keeps files by content hash, and a rebuilt sample then matches).
"""
from __future__ import annotations

import math
import random
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from PIL import Image, ImageDraw, ImageFont

from exhibit.fonts import find_cjk_font

Point = tuple[float, float]
Colour = tuple[int, ...]

# --------------------------------------------------------------------------
# Fonts and text

_font_local = threading.local()


def font(size: int) -> ImageFont.FreeTypeFont:
    """The CJK font at `size` px; cached per thread (FreeType faces are not shared)."""
    cache = getattr(_font_local, "cache", None)
    if cache is None:
        cache = _font_local.cache = {}
    face = cache.get(size)
    if face is None:
        cjk = find_cjk_font()
        face = ImageFont.truetype(str(cjk.path), size, index=cjk.subfont_index)
        cache[size] = face
    return face


def text_w(face: ImageFont.FreeTypeFont, text: str) -> int:
    if not text:
        return 0
    left, _, right, _ = face.getbbox(text)
    return int(right - left)  # whole pixels for a FreeType font


def line_h(face: ImageFont.FreeTypeFont) -> int:
    ascent, descent = face.getmetrics()
    return int(ascent + descent)


def wrap(text: str, face: ImageFont.FreeTypeFont, max_w: int) -> list[str]:
    """Greedy wrap: by words where there are spaces, else by characters."""
    text = " ".join(text.split())
    if text_w(face, text) <= max_w:
        return [text]
    tokens = re.findall(r"\S+\s*", text) if " " in text else list(text)
    lines: list[str] = []
    current = ""
    for token in tokens:
        trial = current + token
        if current and text_w(face, trial.rstrip()) > max_w:
            lines.append(current.rstrip())
            current = token
        else:
            current = trial
    if current.strip():
        lines.append(current.rstrip())
    return lines


def fit(text: str, max_w: int, size: int, min_size: int, max_lines: int = 2
        ) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font (size..min_size) showing `text` in max_lines lines of max_w."""
    for s in range(size, min_size - 1, -2):
        face = font(s)
        lines = wrap(text, face, max_w)
        if len(lines) <= max_lines and all(text_w(face, ln) <= max_w for ln in lines):
            return face, lines
    face = font(min_size)
    lines = wrap(text, face, max_w)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_w(face, last + "…") > max_w:
            last = last[:-1]
        lines[-1] = last + "…"
    return face, lines


def draw_text(d: ImageDraw.ImageDraw, xy: Point, text: str, face: ImageFont.FreeTypeFont, fill: Colour,
              anchor: str = "la", halo: Colour | None = None, halo_w: int = 0) -> None:
    if halo is not None and halo_w:
        d.text(xy, text, font=face, fill=fill, anchor=anchor, stroke_width=halo_w, stroke_fill=halo)
    else:
        d.text(xy, text, font=face, fill=fill, anchor=anchor)


# --------------------------------------------------------------------------
# Colours and images

def mix(c1: Sequence[float], c2: Sequence[float], t: float) -> tuple[int, ...]:
    """A colour (RGB), or a point, a fraction t of the way from c1 to c2."""
    return tuple(round(a + (b - a) * t) for a, b in zip(c1[:3], c2[:3]))


def lighter(c: Sequence[int], t: float = 0.25) -> tuple[int, ...]:
    return mix(c, (255, 255, 255), t)


def darker(c: Sequence[int], t: float = 0.25) -> tuple[int, ...]:
    return mix(c, (0, 0, 0), t)


_gradients: dict[tuple, Image.Image] = {}
_gradients_lock = threading.Lock()


def vgradient(size: tuple[int, int], top: Sequence[int], bottom: Sequence[int]) -> Image.Image:
    """A new vertical gradient image (the first of each kind is kept as a template)."""
    key = (tuple(size), tuple(top), tuple(bottom))
    with _gradients_lock:
        template = _gradients.get(key)
    if template is None:
        w, h = size
        column = Image.new("RGB", (1, h))
        column.putdata([mix(top, bottom, i / max(1, h - 1)) for i in range(h)])
        template = column.resize((w, h), Image.Resampling.NEAREST)
        with _gradients_lock:
            if len(_gradients) > 16:
                _gradients.clear()
            _gradients[key] = template
    return template.copy()


def save_png(img: Image.Image, out: Path) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # level 1: a fifth faster than 3 for a tenth more bytes; the sample is drawn on first run, while a user waits
    img.save(out, "PNG", optimize=False, compress_level=1)


# --------------------------------------------------------------------------
# Geometry

def chaikin(points: Sequence[Point], rounds: int = 3) -> list[Point]:
    """Smooth an open polyline (end points kept)."""
    pts = list(points)
    for _ in range(rounds):
        if len(pts) < 3:
            break
        out = [pts[0]]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            out.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            out.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        out.append(pts[-1])
        pts = out
    return pts


def bezier(p0: Point, p1: Point, p2: Point, p3: Point, n: int = 24) -> list[Point]:
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def rotate(points: Iterable[Point], deg: float, cx: float, cy: float) -> list[Point]:
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca)
            for x, y in points]


def ellipse_pts(cx: float, cy: float, rx: float, ry: float, a0: float = 0.0, a1: float = 360.0,
                n: int = 72) -> list[Point]:
    out = []
    for i in range(n + 1):
        a = math.radians(a0 + (a1 - a0) * i / n)
        out.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    return out


def star_pts(cx: float, cy: float, r_out: float, r_in: float, n: int = 5, rot: float = -90.0) -> list[Point]:
    out = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + 180.0 * i / n)
        out.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return out


def rounded_rect_pts(x0: float, y0: float, x1: float, y1: float, r: float) -> list[Point]:
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    pts: list[Point] = []
    for cx, cy, a0 in ((x1 - r, y0 + r, 270), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90),
                       (x0 + r, y0 + r, 180)):
        pts += ellipse_pts(cx, cy, r, r, a0, a0 + 90, n=8)
    return pts


def ragged(a: Point, b: Point, rnd: random.Random, depth: float = 6.0, step: float = 14.0) -> list[Point]:
    """A torn edge from a to b (a to b excluded at the far end): small random jags to one side."""
    length = math.dist(a, b)
    n = max(2, int(length / step))
    nx, ny = -(b[1] - a[1]) / (length or 1), (b[0] - a[0]) / (length or 1)
    out = [a]
    for i in range(1, n):
        t = i / n
        off = rnd.uniform(0, depth)
        out.append((a[0] + (b[0] - a[0]) * t + nx * off, a[1] + (b[1] - a[1]) * t + ny * off))
    return out


def inside(pt: Point, poly: Sequence[Point]) -> bool:
    """Whether a point lies inside a polygon (even-odd rule)."""
    x, y = pt
    found = False
    for (x0, y0), (x1, y1) in zip(poly, list(poly[1:]) + [poly[0]]):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            found = not found
    return found


def spans(poly: Sequence[Point], y: float) -> list[tuple[float, float]]:
    """Where the horizontal line at y runs inside a polygon: (x from, x to) pairs, left to right."""
    xs = sorted(x0 + (y - y0) * (x1 - x0) / (y1 - y0)
                for (x0, y0), (x1, y1) in zip(poly, list(poly[1:]) + [poly[0]]) if (y0 > y) != (y1 > y))
    return list(zip(xs[::2], xs[1::2]))


# --------------------------------------------------------------------------
# The pen: objects in a 1000×560 design space

OBJ_INK = (52, 44, 36)
WOOD = (140, 94, 54)
STEEL = (104, 108, 106)
STEEL_LIGHT = (172, 176, 174)
OLIVE = (104, 106, 70)
OLIVE_CLOTH = (122, 118, 82)
BRASS = (192, 152, 74)
COPPER = (172, 100, 62)
RUST = (128, 74, 44)
OLD_PAPER = (230, 218, 186)
CLOTH_RED = (158, 54, 44)
LEATHER = (112, 74, 44)
BRICK_GREY = (126, 126, 120)
INDIGO = (58, 70, 98)
CARDBOARD = (180, 150, 106)
CERAMIC = (236, 232, 220)
PAINT_BLUE = (54, 86, 140)
SEAL_RED = (178, 52, 40)
PRINT_BLACK = (46, 42, 40)
# The flag of the Republic of China: red field, blue canton, white sun
ROC_RED = (190, 40, 36)
ROC_BLUE = (20, 40, 120)
ROC_WHITE = (248, 246, 238)


class Pen:
    """Draw in a 1000×560 design space mapped onto a supersampled stage.

    `ox, oy` place the design origin on the stage and `s` is the stage's pixels
    per design unit. Shapes are outlined in ink unless told otherwise. Inside
    `turned`, everything (text too) is turned about a point: a sheet lying
    askew. Turning transforms the geometry rather than rotating pixels, which
    keeps a drawing to tens of milliseconds.
    """

    def __init__(self, img: Image.Image, ox: float, oy: float, s: float, measuring: bool = False):
        self.img = img
        self.d = ImageDraw.Draw(img)
        self.ox, self.oy, self.s = ox, oy, s
        self.rot: tuple[float, float, float] | None = None
        self.measuring = measuring  # a trial drawing that only finds the extent: text (always inside) is skipped

    def project(self, pts: Iterable[Point]) -> list[Point]:
        pts = list(pts)
        if self.rot:
            pts = rotate(pts, *self.rot)
        return [(self.ox + x * self.s, self.oy + y * self.s) for x, y in pts]

    @contextmanager
    def turned(self, deg: float, cx: float, cy: float) -> Iterator[None]:
        """Draw turned `deg` clockwise about (cx, cy)."""
        before = self.rot
        self.rot = (deg, cx, cy)
        try:
            yield
        finally:
            self.rot = before

    def w(self, width: float) -> int:
        return max(1, round(width * self.s))

    def poly(self, pts: Sequence[Point], fill: Colour | None = None, outline: Colour | None = OBJ_INK,
             width: float = 3) -> None:
        projected = self.project(pts)
        if fill is not None:
            self.d.polygon(projected, fill=fill)
        if outline is not None and width:
            self.d.line(projected + [projected[0]], fill=outline, width=self.w(width), joint="curve")

    def line(self, pts: Sequence[Point], fill: Colour = OBJ_INK, width: float = 3) -> None:
        self.d.line(self.project(pts), fill=fill, width=self.w(width), joint="curve")

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: Colour | None = None,
             outline: Colour | None = OBJ_INK, width: float = 3, r: float = 0) -> None:
        if r or self.rot:
            pts = rounded_rect_pts(x0, y0, x1, y1, r) if r else [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            self.poly(pts, fill, outline, width)
            return
        (a, b), (c, e) = self.project([(x0, y0), (x1, y1)])
        self.d.rectangle((a, b, c, e), fill=fill, outline=outline if width else None,
                         width=self.w(width) if outline is not None else 0)

    def ell(self, cx: float, cy: float, rx: float, ry: float, fill: Colour | None = None,
            outline: Colour | None = OBJ_INK, width: float = 3) -> None:
        if self.rot:
            self.poly(ellipse_pts(cx, cy, rx, ry, n=48)[:-1], fill, outline, width)
            return
        (a, b), (c, e) = self.project([(cx - rx, cy - ry), (cx + rx, cy + ry)])
        self.d.ellipse((a, b, c, e), fill=fill, outline=outline if width else None,
                       width=self.w(width) if outline is not None else 0)

    def arc(self, cx: float, cy: float, rx: float, ry: float, a0: float, a1: float,
            fill: Colour = OBJ_INK, width: float = 3) -> None:
        self.line(ellipse_pts(cx, cy, rx, ry, a0, a1, n=40), fill, width)

    def text(self, x: float, y: float, text: str, size: float, fill: Colour, anchor: str = "mm") -> None:
        if self.measuring:
            return
        (px, py), = self.project([(x, y)])
        face = font(max(1, round(size * self.s)))
        if not self.rot:
            self.d.text((px, py), text, font=face, fill=fill, anchor=anchor)
            return
        # a turned sheet: write on a tile just big enough, turn it, and lay it so the anchor stays put
        left, top, right, bottom = face.getbbox(text, anchor=anchor)
        pad = 2
        tile = Image.new("RGBA", (math.ceil(right - left) + 2 * pad, math.ceil(bottom - top) + 2 * pad), (0, 0, 0, 0))
        ax, ay = pad - left, pad - top  # where the anchor is on the tile
        ImageDraw.Draw(tile).text((ax, ay), text, font=face, fill=fill, anchor=anchor)
        turned = tile.rotate(-self.rot[0], resample=Image.Resampling.BICUBIC, expand=True)
        (dx, dy), = rotate([(ax - tile.width / 2, ay - tile.height / 2)], self.rot[0], 0, 0)
        self.lay(turned, round(px - turned.width / 2 - dx), round(py - turned.height / 2 - dy))

    def lay(self, tile: Image.Image, x: int, y: int) -> None:
        """Alpha-composite an RGBA tile with its top-left at stage pixel (x, y), clipped to the stage."""
        sx, sy = max(0, -x), max(0, -y)
        w, h = min(tile.width, self.img.width - x) - sx, min(tile.height, self.img.height - y) - sy
        if w > 0 and h > 0:
            self.img.alpha_composite(tile.crop((sx, sy, sx + w, sy + h)), (x + sx, y + sy))

    def vtext(self, x: float, y: float, text: str, size: float, fill: Colour, step: float = 1.08) -> float:
        """Chinese written top to bottom, centred on x from y; returns the y below the last character."""
        for ch in text:
            if ch != " ":
                self.text(x, y + size / 2, ch, size, fill)
            y += size * step
        return y

    # ---- marks that several drawings share

    def scribble_column(self, x: float, y0: float, y1: float, rnd: random.Random, size: float = 22,
                        colour: Colour = OBJ_INK, width: float = 2, stroke: float = 0.45) -> None:
        """Handwriting-like marks down a column (stands for vertical Chinese script).

        `stroke` is the longest stroke as a share of the character size: longer for a brush.
        """
        y = y0
        while y + size * 0.8 < y1:
            for _ in range(rnd.randint(2, 4)):
                ax, ay = x + rnd.uniform(-size * 0.4, size * 0.3), y + rnd.uniform(0, size * 0.6)
                bx = ax + rnd.uniform(-size * 0.1, size * stroke)
                by = ay + rnd.uniform(-size * 0.15, size * (stroke - 0.05))
                self.line([(ax, ay), (bx, by)], colour, width)
            y += size * rnd.uniform(0.95, 1.15)

    def scribble_row(self, x0: float, x1: float, y: float, rnd: random.Random, size: float = 16,
                     colour: Colour = OBJ_INK, width: float = 1.6) -> None:
        """Handwriting-like marks along a line, left to right (modern horizontal script)."""
        x = x0
        while x + size * 0.8 < x1:
            for _ in range(rnd.randint(2, 3)):
                ax, ay = x + rnd.uniform(0, size * 0.5), y + rnd.uniform(-size * 0.45, size * 0.1)
                bx, by = ax + rnd.uniform(-size * 0.1, size * 0.5), ay + rnd.uniform(-size * 0.1, size * 0.45)
                self.line([(ax, ay), (bx, by)], colour, width)
            x += size * rnd.uniform(0.95, 1.15)
            if rnd.random() < 0.08:
                x += size * 0.6  # a pause between phrases

    def hatch(self, poly: Sequence[Point], step: float, colour: Colour, width: float = 1) -> None:
        """Horizontal lines across the inside of a polygon (the weave of cloth, a shaded face)."""
        ys = [y for _, y in poly]
        y = min(ys) + step / 2
        while y < max(ys):
            for xa, xb in spans(poly, y):
                self.line([(xa + 1, y), (xb - 1, y)], colour, width)
            y += step

    def print_lines(self, x0: float, x1: float, y0: float, y1: float, rnd: random.Random, gap: float = 12,
                    colour: Colour = (120, 112, 100), width: float = 3, vertical: bool = False) -> None:
        """Rows (or columns) of small grey bars standing for printed text too small to read."""
        if vertical:
            x = x1
            while x >= x0:
                y = y0
                while y < y1:
                    seg = rnd.uniform(20, 70)
                    self.line([(x, y), (x, min(y1, y + seg))], colour, width)
                    y += seg + rnd.uniform(4, 10)
                x -= gap
            return
        y = y0
        while y <= y1:
            end = x1 if rnd.random() > 0.15 else x0 + (x1 - x0) * rnd.uniform(0.4, 0.9)
            self.line([(x0, y), (end, y)], colour, width)
            y += gap

    def seal(self, cx: float, cy: float, r: float, rnd: random.Random, colour: Colour = SEAL_RED,
             square: bool = True) -> None:
        """A red chop: a frame with seal-script strokes too worn to read."""
        if square:
            self.rect(cx - r, cy - r, cx + r, cy + r, None, colour, max(2.0, r / 9))
        else:
            self.ell(cx, cy, r, r, None, colour, max(2.0, r / 10))
            self.ell(cx, cy, r * 0.84, r * 0.84, None, colour, max(1.0, r / 30))
        inner = r * (0.62 if square else 0.5)
        for _ in range(7):
            x, y = cx + rnd.uniform(-inner, inner), cy + rnd.uniform(-inner, inner)
            if rnd.random() < 0.5:
                self.line([(x - r * 0.22, y), (x + r * 0.22, y)], colour, max(1.5, r / 14))
            else:
                self.line([(x, y - r * 0.22), (x, y + r * 0.22)], colour, max(1.5, r / 14))

    def roc_sun(self, cx: float, cy: float, r: float, blue: Colour = ROC_BLUE, white: Colour = ROC_WHITE) -> None:
        """The white sun of the Republic of China: twelve white rays, a blue ring, a white disc."""
        base = r * 0.53
        for k in range(12):
            a = math.radians(-90 + 30 * k)
            left, right = a - math.radians(15), a + math.radians(15)
            self.poly([(cx + r * math.cos(a), cy + r * math.sin(a)),
                       (cx + base * math.cos(right), cy + base * math.sin(right)),
                       (cx + base * math.cos(left), cy + base * math.sin(left))], white, None, 0)
        self.ell(cx, cy, base, base, blue, None)  # the blue ring shows between the rays and the disc
        self.ell(cx, cy, r * 0.45, r * 0.45, white, None)

    def roc_flag(self, x0: float, y0: float, w: float, h: float, red: Colour = ROC_RED,
                 blue: Colour = ROC_BLUE, white: Colour = ROC_WHITE) -> None:
        """The flag of the Republic of China (3:2): red field, blue canton a quarter of it, white sun."""
        self.rect(x0, y0, x0 + w, y0 + h, red, None, 0)
        self.rect(x0, y0, x0 + w / 2, y0 + h / 2, blue, None, 0)
        self.roc_sun(x0 + w / 4, y0 + h / 4, h / 2 * 0.375, blue, white)
