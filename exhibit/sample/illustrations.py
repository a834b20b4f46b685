"""Generated illustrations for the sample Hengyang (1944) collection.

Nothing here is a historical photograph or a facsimile: the sample collection
has no real images, so the loader asks this module for a schematic map of the
defences, a simple drawing for every object (by the `drawing` motif named in
objects.json) and a title card for every section. Every image carries a visible
"illustration" notice and every caption says it is a generated illustration.

Everything is drawn with Pillow at twice the final size and reduced, which gives
smooth edges without an anti-aliasing library. Chinese text uses the project's
CJK font (`exhibit.fonts.find_cjk_font`).
"""
from __future__ import annotations

import json
import math
import random
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from exhibit.fonts import find_cjk_font

# Final sizes in pixels.
MAP_SIZE = (1800, 1400)
OBJECT_SIZE = (1200, 900)
SECTION_SIZE = (1600, 900)

_SS = 2  # supersampling factor: draw at 2x, then reduce

NOTICE_ZH = "示意图(生成插图,非历史照片)"
NOTICE_EN = "Illustration (generated, not a historical photograph)"
BAND_TEXT = "示意图 · Illustration — not a historical photograph"

MOTIFS = (
    "rifle", "helmet", "canteen", "shell", "leaflet", "telegram", "map", "medal",
    "badge", "letter", "photo_album", "bayonet", "radio", "flag", "armband",
    "coin", "bowl", "brick", "book",
)

MAP_TITLE_ZH = "衡阳城防示意图(1944年)"
MAP_TITLE_EN = "Hengyang defences, 1944 (schematic)"


@dataclass(frozen=True)
class Illustration:
    key: str  # "map-hengyang", "object-HY1944.0001", "section-s1-road"
    path: Path
    caption_zh: str
    caption_en: str


def caption_zh(subject: str) -> str:
    return f"{NOTICE_ZH}:{subject}"


def caption_en(subject: str) -> str:
    return f"{NOTICE_EN}: {subject}"


# --------------------------------------------------------------------------
# Fonts and small drawing helpers

_font_local = threading.local()


def _font(size: int) -> ImageFont.FreeTypeFont:
    """The CJK font at `size` px; cached per thread (FreeType faces are not shared)."""
    cache = getattr(_font_local, "cache", None)
    if cache is None:
        cache = _font_local.cache = {}
    font = cache.get(size)
    if font is None:
        cjk = find_cjk_font()
        font = ImageFont.truetype(str(cjk.path), size, index=cjk.subfont_index)
        cache[size] = font
    return font


def _text_w(font: ImageFont.FreeTypeFont, text: str) -> int:
    if not text:
        return 0
    left, _, right, _ = font.getbbox(text)
    return int(right - left)  # whole pixels for a FreeType font


def _line_h(font: ImageFont.FreeTypeFont) -> int:
    ascent, descent = font.getmetrics()
    return ascent + descent


def _wrap(text: str, font: ImageFont.FreeTypeFont, max_w: int) -> list[str]:
    """Greedy wrap: by words where there are spaces, else by characters."""
    text = " ".join(text.split())
    if _text_w(font, text) <= max_w:
        return [text]
    tokens = re.findall(r"\S+\s*", text) if " " in text else list(text)
    lines: list[str] = []
    current = ""
    for token in tokens:
        trial = current + token
        if current and _text_w(font, trial.rstrip()) > max_w:
            lines.append(current.rstrip())
            current = token
        else:
            current = trial
    if current.strip():
        lines.append(current.rstrip())
    return lines


def _fit(text: str, max_w: int, size: int, min_size: int, max_lines: int = 2
         ) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest font (size..min_size) showing `text` in max_lines lines of max_w."""
    for s in range(size, min_size - 1, -2):
        font = _font(s)
        lines = _wrap(text, font, max_w)
        if len(lines) <= max_lines and all(_text_w(font, ln) <= max_w for ln in lines):
            return font, lines
    font = _font(min_size)
    lines = _wrap(text, font, max_w)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and _text_w(font, last + "…") > max_w:
            last = last[:-1]
        lines[-1] = last + "…"
    return font, lines


def _fit_names(zh: str, en: str, max_w: int, max_h: int, u: int):
    """Chinese and English names at the largest common scale that fits the box."""
    k = 1.0
    while True:
        zs, es = max(round(50 * k * u), 24 * u), max(round(30 * k * u), 16 * u)
        fzh, fen = _font(zs), _font(es)
        zl, el = _wrap(zh, fzh, max_w), _wrap(en, fen, max_w)
        height = round(_line_h(fzh) * 1.02) * len(zl) + 4 * u + _line_h(fen) * len(el)
        if (len(zl) <= 2 and len(el) <= 2 and height <= max_h) or k < 0.5:
            break
        k -= 0.05
    fzh, zl = _fit(zh, max_w, zs, zs, 2)
    fen, el = _fit(en, max_w, es, es, 2)
    return fzh, zl, fen, el


def _mix(c1: Sequence[float], c2: Sequence[float], t: float) -> tuple[int, ...]:
    """A colour (RGB), or a point, a fraction t of the way from c1 to c2."""
    return tuple(round(a + (b - a) * t) for a, b in zip(c1[:3], c2[:3]))


def _lighter(c: Sequence[int], t: float = 0.25) -> tuple[int, ...]:
    return _mix(c, (255, 255, 255), t)


def _darker(c: Sequence[int], t: float = 0.25) -> tuple[int, ...]:
    return _mix(c, (0, 0, 0), t)


_gradients: dict[tuple, Image.Image] = {}
_gradients_lock = threading.Lock()


def _vgradient(size: tuple[int, int], top: Sequence[int], bottom: Sequence[int]) -> Image.Image:
    """A new vertical gradient image (the first of each kind is kept as a template)."""
    key = (tuple(size), tuple(top), tuple(bottom))
    with _gradients_lock:
        template = _gradients.get(key)
    if template is None:
        template = _make_vgradient(size, top, bottom)
        with _gradients_lock:
            if len(_gradients) > 16:
                _gradients.clear()
            _gradients[key] = template
    return template.copy()


def _make_vgradient(size: tuple[int, int], top: Sequence[int], bottom: Sequence[int]) -> Image.Image:
    w, h = size
    column = Image.new("RGB", (1, h))
    column.putdata([_mix(top, bottom, i / max(1, h - 1)) for i in range(h)])
    return column.resize((w, h), Image.Resampling.NEAREST)


def _chaikin(points: Sequence[tuple[float, float]], rounds: int = 3) -> list[tuple[float, float]]:
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


def _bezier(p0, p1, p2, p3, n: int = 24) -> list[tuple[float, float]]:
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _rotate(points: Iterable[tuple[float, float]], deg: float, cx: float, cy: float
            ) -> list[tuple[float, float]]:
    a = math.radians(deg)
    ca, sa = math.cos(a), math.sin(a)
    return [(cx + (x - cx) * ca - (y - cy) * sa, cy + (x - cx) * sa + (y - cy) * ca)
            for x, y in points]


def _ellipse_pts(cx, cy, rx, ry, a0=0.0, a1=360.0, n=72) -> list[tuple[float, float]]:
    out = []
    for i in range(n + 1):
        a = math.radians(a0 + (a1 - a0) * i / n)
        out.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    return out


def _star_pts(cx, cy, r_out, r_in, n=5, rot=-90.0) -> list[tuple[float, float]]:
    out = []
    for i in range(2 * n):
        r = r_out if i % 2 == 0 else r_in
        a = math.radians(rot + 180.0 * i / n)
        out.append((cx + r * math.cos(a), cy + r * math.sin(a)))
    return out


def _save(img: Image.Image, out: Path) -> None:
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out, "PNG", optimize=False, compress_level=3)


def _text(d: ImageDraw.ImageDraw, xy, text, font, fill, anchor="la", halo=None, halo_w=0):
    if halo is not None and halo_w:
        d.text(xy, text, font=font, fill=fill, anchor=anchor, stroke_width=halo_w, stroke_fill=halo)
    else:
        d.text(xy, text, font=font, fill=fill, anchor=anchor)


# --------------------------------------------------------------------------
# The map

# Palette (muted, archival)
PAPER = (238, 229, 205)
PAPER_EDGE = (222, 209, 178)
FRAME = (84, 68, 48)
INK = (42, 35, 28)
INK_SOFT = (86, 74, 60)
GRID = (206, 193, 162)
WATER = (158, 188, 204)
WATER_BANK = (86, 120, 145)
WATER_TEXT = (40, 82, 116)
RAIL = (28, 26, 24)
WALL = (112, 76, 46)
CITY_FILL = (224, 208, 176)
DEFENCE = (166, 36, 28)
HILL = (190, 160, 112)
RUNWAY = (150, 140, 120)
OTHER = (70, 62, 52)

# Schematic geometry (lat, lon), drawn from history.md (d); all ESTIMATES.
XIANG = [(26.76, 112.598), (26.80, 112.603), (26.82, 112.607), (26.835, 112.610),
         (26.85, 112.6135), (26.865, 112.617), (26.88, 112.619), (26.895, 112.6205),
         (26.905, 112.6235), (26.912, 112.629), (26.92, 112.635), (26.93, 112.6385),
         (26.945, 112.641), (26.97, 112.644), (26.99, 112.650)]
ZHENG = [(26.94, 112.48), (26.93, 112.505), (26.921, 112.525), (26.916, 112.545),
         (26.913, 112.560), (26.910, 112.575), (26.9085, 112.590), (26.907, 112.603),
         (26.9055, 112.614), (26.905, 112.6235)]
LEI = [(26.84, 112.82), (26.87, 112.80), (26.89, 112.775), (26.899, 112.752),
       (26.901, 112.73), (26.899, 112.705), (26.902, 112.682), (26.906, 112.662),
       (26.909, 112.645), (26.912, 112.629)]
# Canton–Hankow railway, north to south along the east bank
RAIL_YUEHAN = [(27.02, 112.685), (26.98, 112.672), (26.95, 112.661), (26.93, 112.652),
               (26.915, 112.640), (26.90, 112.6335), (26.89, 112.6315), (26.878, 112.6335),
               (26.865, 112.640), (26.85, 112.652), (26.83, 112.668), (26.80, 112.69),
               (26.76, 112.715)]
# Hunan–Guangxi railway, leaving the junction and heading south-west
RAIL_XIANGGUI = [(26.878, 112.6335), (26.871, 112.629), (26.866, 112.622), (26.862, 112.6165),
                 (26.856, 112.604), (26.849, 112.590), (26.840, 112.574), (26.828, 112.556),
                 (26.815, 112.537), (26.80, 112.515), (26.78, 112.49)]
WALLED_CITY = [(26.9025, 112.6060), (26.9035, 112.6120), (26.9028, 112.6195), (26.8960, 112.6185),
               (26.8890, 112.6175), (26.8825, 112.6165), (26.8815, 112.6100), (26.8830, 112.6045),
               (26.8920, 112.6035)]

DEFENCE_KEYS = ("zhangjiashan", "huxingchao", "xiaojiashan", "wuguiling", "yuepingshan",
                "huangchaling", "xichan-temple")
HILL_KEYS = ("zhangjiashan", "huxingchao", "xiaojiashan", "wuguiling", "yuepingshan",
             "huangchaling")
MOUTH_KEYS = ("zheng-river-mouth", "lei-river-mouth")


class _Proj:
    """Equirectangular projection (x east, y south) at a fixed px/km about a centre."""

    def __init__(self, lat_c: float, lon_c: float, px_per_km: float, w: float, h: float):
        self.lat_c, self.lon_c = lat_c, lon_c
        self.kx = px_per_km * 111.32 * math.cos(math.radians(lat_c))
        self.ky = px_per_km * 110.95
        self.w, self.h = w, h
        self.px_per_km = px_per_km

    def __call__(self, lat: float, lon: float) -> tuple[float, float]:
        return (self.w / 2 + (lon - self.lon_c) * self.kx,
                self.h / 2 - (lat - self.lat_c) * self.ky)

    def many(self, pts: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
        return [self(lat, lon) for lat, lon in pts]

    def inside(self, xy, margin: float = 0) -> bool:
        x, y = xy
        return margin <= x <= self.w - margin and margin <= y <= self.h - margin


def _km_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    dx = (b[1] - a[1]) * 111.32 * math.cos(lat)
    dy = (b[0] - a[0]) * 110.95
    return math.hypot(dx, dy)


def _clean_places(places: Iterable[dict]) -> list[dict]:
    out = []
    for p in places or []:
        lat_value, lon_value = p.get("lat"), p.get("lon")
        if lat_value is None or lon_value is None:
            continue
        try:
            lat, lon = float(lat_value), float(lon_value)
        except (TypeError, ValueError):
            continue
        if not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        q = dict(p)
        q["lat"], q["lon"] = lat, lon
        q["key"] = str(p.get("key") or "")
        q["name_zh"] = str(p.get("name_zh") or "")
        q["name_en"] = str(p.get("name_en") or "")
        q["estimate"] = str(p.get("coord_basis") or "estimate").strip().lower() != "sourced"
        out.append(q)
    return out


def _draw_river(d: ImageDraw.ImageDraw, pts: list[tuple[float, float]], width: float, bank: float,
                fill=WATER, outline=WATER_BANK, stage: str = "both") -> None:
    smooth = _chaikin(pts, 3)
    if stage in ("both", "bank"):
        d.line(smooth, fill=outline, width=round(width + 2 * bank), joint="curve")
        r = (width + 2 * bank) / 2
        for x, y in (smooth[0], smooth[-1]):
            d.ellipse((x - r, y - r, x + r, y + r), fill=outline)
    if stage in ("both", "fill"):
        d.line(smooth, fill=fill, width=round(width), joint="curve")
        r = width / 2
        for x, y in (smooth[0], smooth[-1]):
            d.ellipse((x - r, y - r, x + r, y + r), fill=fill)


def _resample(pts: list[tuple[float, float]], step: float) -> list[tuple[float, float, float]]:
    """Points every `step` px along a polyline, with the direction angle."""
    out = []
    carry = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
        seg = math.hypot(x1 - x0, y1 - y0)
        if seg == 0:
            continue
        ang = math.atan2(y1 - y0, x1 - x0)
        t = step - carry
        while t <= seg:
            out.append((x0 + (x1 - x0) * t / seg, y0 + (y1 - y0) * t / seg, ang))
            t += step
        carry = seg - (t - step)
    return out


def _draw_railway(d: ImageDraw.ImageDraw, pts: list[tuple[float, float]], u: float,
                  width: float = 2.2, tie: float = 6.0, spacing: float = 11.0) -> None:
    smooth = _chaikin(pts, 2)
    for x, y, ang in _resample(smooth, spacing * u):
        nx, ny = -math.sin(ang) * tie * u, math.cos(ang) * tie * u
        d.line((x - nx, y - ny, x + nx, y + ny), fill=RAIL, width=max(1, round(1.3 * u)))
    d.line(smooth, fill=RAIL, width=round(width * u), joint="curve")


def _marker(d: ImageDraw.ImageDraw, kind: str, x: float, y: float, u: float, hollow: bool) -> None:
    """Draw a place marker; hollow = estimated position."""
    paper = PAPER
    if kind == "defence":
        r = 9 * u
        pts = [(x, y - r * 1.15), (x + r, y + r * 0.7), (x - r, y + r * 0.7)]
        d.polygon(pts, fill=paper if hollow else DEFENCE)
        d.line(pts + [pts[0]], fill=DEFENCE, width=round(3 * u), joint="curve")
    elif kind == "church":
        r = 9 * u
        d.ellipse((x - r, y - r, x + r, y + r), fill=paper if hollow else INK, outline=INK,
                  width=round(2.5 * u))
        c = INK if hollow else paper
        d.line((x, y - r * 0.6, x, y + r * 0.6), fill=c, width=round(2.2 * u))
        d.line((x - r * 0.4, y - r * 0.2, x + r * 0.4, y - r * 0.2), fill=c, width=round(2.2 * u))
    elif kind == "station":
        r = 8 * u
        d.rectangle((x - r * 1.3, y - r * 0.8, x + r * 1.3, y + r * 0.8),
                    fill=paper if hollow else RAIL, outline=RAIL, width=round(2.5 * u))
    elif kind == "airfield":
        r = 10 * u
        d.ellipse((x - r, y - r, x + r, y + r), fill=paper if hollow else INK, outline=INK,
                  width=round(2.5 * u))
        c = INK if hollow else paper
        # a small aircraft: fuselage and wings
        d.line((x, y - r * 0.6, x, y + r * 0.6), fill=c, width=round(2 * u))
        d.line((x - r * 0.6, y - r * 0.1, x + r * 0.6, y - r * 0.1), fill=c, width=round(2 * u))
        d.line((x - r * 0.3, y + r * 0.5, x + r * 0.3, y + r * 0.5), fill=c, width=round(1.6 * u))
    elif kind == "mouth":
        r = 7.5 * u
        d.ellipse((x - r, y - r, x + r, y + r), fill=paper if hollow else WATER_TEXT,
                  outline=WATER_TEXT, width=round(2.5 * u))
    elif kind == "memorial":
        r = 9 * u
        pts = [(x, y - r), (x + r, y), (x, y + r), (x - r, y)]
        d.polygon(pts, fill=paper if hollow else OTHER)
        d.line(pts + [pts[0]], fill=OTHER, width=round(2.5 * u), joint="curve")
    elif kind == "arrow":
        pass
    else:
        r = 7.5 * u
        d.ellipse((x - r, y - r, x + r, y + r), fill=paper if hollow else OTHER, outline=OTHER,
                  width=round(2.5 * u))


def _place_kind(key: str) -> str:
    if key in DEFENCE_KEYS:
        return "defence"
    if key in MOUTH_KEYS:
        return "mouth"
    return {"oujiating-church": "church", "railway-station": "station", "airfield": "airfield",
            "memorial-hall": "memorial"}.get(key, "other")


class _Labeler:
    """Greedy placement of bilingual labels around points, avoiding each other,
    the markers and (softly) water and railways."""

    def __init__(self, w: int, h: int, cost_mask: Image.Image, mask_scale: int, u: float):
        self.w, self.h = w, h
        self.mask = cost_mask
        self.ms = mask_scale
        self.u = u
        self.boxes: list[tuple[float, float, float, float]] = []
        self.hard: list[tuple[float, float, float, float]] = []

    def block(self, box) -> None:
        self.hard.append(tuple(box))

    @staticmethod
    def _overlap(a, b) -> float:
        w = min(a[2], b[2]) - max(a[0], b[0])
        h = min(a[3], b[3]) - max(a[1], b[1])
        return w * h if w > 0 and h > 0 else 0.0

    def _mask_cost(self, box) -> float:
        x0, y0, x1, y1 = (int(v / self.ms) for v in box)
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.mask.width, max(x0 + 1, x1)), min(self.mask.height, max(y0 + 1, y1))
        hist = self.mask.crop((x0, y0, x1, y1)).histogram()
        total = sum(hist) or 1
        return sum(i * n for i, n in enumerate(hist)) / (255.0 * total)

    def place(self, x: float, y: float, w: float, h: float, clearance: float,
              prefer: float | None = None) -> tuple[float, float, float, float]:
        u = self.u
        pad = 4 * u
        best, best_cost = None, float("inf")
        area = w * h
        for r in (0, 12, 30, 55, 85, 120, 160, 210):
            for k in range(16):
                a = 2 * math.pi * k / 16
                dx, dy = math.cos(a), math.sin(a)
                gap = clearance + r * u
                cx = x + dx * (gap + w / 2)
                cy = y + dy * (gap + h / 2)
                box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
                if box[0] < 6 * u or box[1] < 6 * u or box[2] > self.w - 6 * u or box[3] > self.h - 6 * u:
                    continue
                padded = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
                cost = 0.0
                for b in self.boxes:
                    cost += 60.0 * self._overlap(padded, b) / area
                for b in self.hard:
                    cost += 40.0 * self._overlap(padded, b) / area
                if cost > best_cost:
                    continue
                cost += 4.0 * self._mask_cost(box)
                cost += 0.011 * r
                # prefer labels to the right or above, as cartographers do
                if prefer is None:
                    cost += 0.12 * (1 - dx) / 2 + 0.06 * (1 + dy) / 2
                else:
                    cost += 0.5 * (1 - math.cos(a - prefer)) / 2
                if cost < best_cost:
                    best, best_cost = box, cost
        if best is None:  # nowhere in the frame: put it on the point
            best = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        self.boxes.append(best)
        return best


def _label_block(zh: str, en: str, u: float, zh_size: int = 23, en_size: int = 16,
                 en_max: int = 270):
    fzh, fen = _font(round(zh_size * u)), _font(round(en_size * u))
    en_lines = _wrap(en, fen, round(en_max * u)) if en else []
    w = max([_text_w(fzh, zh)] + [_text_w(fen, ln) for ln in en_lines]) if (zh or en_lines) else 0
    h = (_line_h(fzh) if zh else 0) + _line_h(fen) * len(en_lines)
    return fzh, fen, en_lines, w, h


def _draw_label(d, box, zh, fzh, fen, en_lines, color_zh=INK, color_en=INK_SOFT, align="center"):
    x0, y0, x1, _ = box
    y = y0
    halo = PAPER
    for text, font, color in [(zh, fzh, color_zh)] + [(ln, fen, color_en) for ln in en_lines]:
        if not text:
            continue
        if align == "center":
            xy, anchor = ((x0 + x1) / 2, y), "ma"
        else:
            xy, anchor = (x0, y), "la"
        _text(d, xy, text, font, color, anchor=anchor, halo=halo,
              halo_w=max(2, round(font.size / 8)))
        y += _line_h(font)


def _nearest_on_box(box, x, y):
    return (min(max(x, box[0]), box[2]), min(max(y, box[1]), box[3]))


def render_map(out: Path, places: list[dict]) -> None:
    """Schematic map of Hengyang in 1944 with the given places (places.json records)."""
    u = _SS
    map_w, map_h = MAP_SIZE[0] * u, MAP_SIZE[1] * u
    img = Image.new("RGB", (map_w, map_h), PAPER)
    d = ImageDraw.Draw(img)
    pl = _clean_places(places)
    by_key = {p["key"]: p for p in pl}

    # Layout (final px): title band, main map frame on the left, side column.
    fx0, fy0, fx1, fy1 = 30, 128, 1330, 1318
    col_x0, col_x1 = 1356, 1772

    # ---- main map, drawn into its own image so everything is clipped to the frame
    fw, fh = (fx1 - fx0) * u, (fy1 - fy0) * u
    px_per_km = 115 * u
    proj = _Proj(26.886, 112.599, px_per_km, fw, fh)
    mimg = Image.new("RGB", (fw, fh), PAPER)
    md = ImageDraw.Draw(mimg)
    mask_scale = 4
    cost_mask = Image.new("L", (fw // mask_scale, fh // mask_scale), 0)
    cd = ImageDraw.Draw(cost_mask)

    # graticule
    flat = _font(13 * u)
    lat_lines = [26.84 + 0.01 * i for i in range(0, 11)]
    lon_lines = [112.54 + 0.01 * i for i in range(0, 13)]
    for lat in lat_lines:
        _, y = proj(lat, proj.lon_c)
        if 0 < y < fh:
            for dash_x in range(0, fw, 14 * u):
                md.line((dash_x, y, dash_x + 6 * u, y), fill=GRID, width=u)
    for lon in lon_lines:
        x, _ = proj(proj.lat_c, lon)
        if 0 < x < fw:
            for dash_y in range(0, fh, 14 * u):
                md.line((x, dash_y, x, dash_y + 6 * u), fill=GRID, width=u)

    # hills around the defence positions (schematic contours)
    for key in HILL_KEYS:
        p = by_key.get(key)
        if not p:
            continue
        x, y = proj(p["lat"], p["lon"])
        rnd = random.Random(key)
        for i, rr in enumerate((46, 32, 19)):
            rx, ry = rr * u * rnd.uniform(1.0, 1.25), rr * u * rnd.uniform(0.75, 0.95)
            pts = []
            for k in range(40):
                a = 2 * math.pi * k / 40
                wob = 1 + 0.07 * math.sin(3 * a + rnd.uniform(0, 6)) + 0.04 * math.sin(5 * a)
                pts.append((x + rx * wob * math.cos(a), y + ry * wob * math.sin(a)))
            md.polygon(pts, fill=_mix(PAPER, HILL, 0.10 + 0.07 * i))
            md.line(pts + [pts[0]], fill=_mix(PAPER, HILL, 0.55), width=round(1.2 * u))

    # walled city
    wall = proj.many(WALLED_CITY)
    wall_s = _chaikin(wall + [wall[0]], 2)
    md.polygon(wall_s, fill=CITY_FILL)
    bx0, by0 = min(x for x, _ in wall_s), min(y for _, y in wall_s)
    bx1, by1 = max(x for x, _ in wall_s), max(y for _, y in wall_s)
    hatch = Image.new("L", (fw, fh), 0)
    hd = ImageDraw.Draw(hatch)
    hd.polygon(wall_s, fill=255)
    hatch_lines = Image.new("RGB", (fw, fh), CITY_FILL)
    hl = ImageDraw.Draw(hatch_lines)
    for k in range(int(bx0 - (by1 - by0)), int(bx1), 12 * u):
        hl.line((k, by1, k + (by1 - by0), by0), fill=_mix(CITY_FILL, WALL, 0.22), width=u)
    mimg.paste(hatch_lines, (0, 0), hatch)
    # crenellated wall: thick line plus small outward merlons
    md.line(wall_s, fill=WALL, width=round(4 * u), joint="curve")
    cxm, cym = sum(x for x, _ in wall) / len(wall), sum(y for _, y in wall) / len(wall)
    for x, y, ang in _resample(wall_s, 13 * u):
        nx, ny = -math.sin(ang), math.cos(ang)
        if (x + nx - cxm) ** 2 + (y + ny - cym) ** 2 < (x - cxm) ** 2 + (y - cym) ** 2:
            nx, ny = -nx, -ny
        md.line((x, y, x + nx * 5 * u, y + ny * 5 * u), fill=WALL, width=round(4 * u))
    cd.polygon([(x / mask_scale, y / mask_scale) for x, y in wall_s], fill=70)

    # rivers (banks first, then water, so the junctions merge)
    rivers = [(proj.many(XIANG), 34 * u), (proj.many(ZHENG), 15 * u), (proj.many(LEI), 17 * u)]
    for pts, wdt in rivers:
        _draw_river(md, pts, wdt, 2 * u, stage="bank")
    for pts, wdt in rivers:
        _draw_river(md, pts, wdt, 2 * u, stage="fill")
        cd.line([(x / mask_scale, y / mask_scale) for x, y in _chaikin(pts, 2)],
                fill=255, width=max(1, round((wdt + 8 * u) / mask_scale)))

    # airfield runway (at the airfield place, or the estimate from history.md)
    af = by_key.get("airfield") or {"lat": 26.88, "lon": 112.64}
    ax, ay = proj(af["lat"] + 0.0005, af["lon"] + 0.0035)
    rw = _rotate([(ax - 9 * u, ay - 105 * u), (ax + 9 * u, ay - 105 * u),
                  (ax + 9 * u, ay + 105 * u), (ax - 9 * u, ay + 105 * u)], 14, ax, ay)
    apron = _rotate([(ax - 50 * u, ay - 120 * u), (ax + 50 * u, ay - 120 * u),
                     (ax + 50 * u, ay + 120 * u), (ax - 50 * u, ay + 120 * u)], 14, ax, ay)
    md.polygon(apron, fill=_mix(PAPER, RUNWAY, 0.22))
    md.polygon(rw, fill=RUNWAY, outline=_darker(RUNWAY, 0.3))
    cl = _rotate([(ax, ay - 95 * u), (ax, ay + 95 * u)], 14, ax, ay)
    for dash in range(0, 19, 2):
        p0 = _mix(cl[0], cl[1], dash / 19)
        p1 = _mix(cl[0], cl[1], (dash + 1) / 19)
        md.line((p0, p1), fill=PAPER, width=round(1.5 * u))
    cd.polygon([(x / mask_scale, y / mask_scale) for x, y in rw], fill=120)

    # railways
    for line in (RAIL_YUEHAN, RAIL_XIANGGUI):
        pts = proj.many(line)
        _draw_railway(md, pts, u)
        cd.line([(x / mask_scale, y / mask_scale) for x, y in _chaikin(pts, 2)],
                fill=190, width=max(1, round(12 * u / mask_scale)))

    labeler = _Labeler(fw, fh, cost_mask, mask_scale, u)

    # water names (fixed), drawn along the rivers
    water_font = _font(round(22 * u))
    water_en = _font(round(15 * u))

    def water_label(zh: str, en: str, lat: float, lon: float, vertical: bool):
        x, y = proj(lat, lon)
        if vertical:  # Chinese stacked vertically in the river, English rotated beside it
            ch_h = _line_h(water_font) * 0.92
            top = y - ch_h * len(zh) / 2
            for i, ch in enumerate(zh):
                _text(md, (x, top + i * ch_h), ch, water_font, WATER_TEXT, anchor="ma",
                      halo=WATER, halo_w=2 * u)
            tw, th = _text_w(water_en, en) + 8 * u, _line_h(water_en) + 4 * u
            timg = Image.new("L", (tw, th), 0)
            ImageDraw.Draw(timg).text((4 * u, 2 * u), en, font=water_en, fill=255)
            timg = timg.rotate(90, expand=True)
            ox = round(x + 22 * u)
            oy = round(y - timg.height / 2)
            mimg.paste(Image.new("RGB", timg.size, WATER_TEXT), (ox, oy), timg)
            box = (x - 14 * u, top, ox + timg.width, max(top + ch_h * len(zh), oy + timg.height))
        else:
            fzh, fen, lines, w, h = _label_block(zh, en, u, 22, 15)
            box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
            _draw_label(md, box, zh, fzh, fen, lines, WATER_TEXT, WATER_TEXT)
        labeler.block(box)

    xiang = by_key.get("xiang-river")
    water_label(xiang["name_zh"] if xiang else "湘江", "Xiang River", 26.856, 112.6138, True)
    water_label("蒸水", "Zheng River", 26.9195, 112.553, False)
    water_label("耒水", "Lei River", 26.9155, 112.6495, False)

    # railway names, written along the line inside the frame
    rfont = _font(round(14 * u))
    for text, line, lat_t, side in (("粤汉铁路 Canton–Hankow Railway", RAIL_YUEHAN, 26.921, 1),
                                    ("湘桂铁路 Hunan–Guangxi Railway", RAIL_XIANGGUI, 26.8485, 1)):
        smooth = _chaikin(proj.many(line), 2)
        _, y_t = proj(lat_t, proj.lon_c)
        seg = min(zip(smooth, smooth[1:]), key=lambda s: abs((s[0][1] + s[1][1]) / 2 - y_t))
        (x0_, y0_), (x1_, y1_) = seg
        ang = math.degrees(math.atan2(y1_ - y0_, x1_ - x0_))
        if ang > 90:
            ang -= 180
        elif ang <= -90:
            ang += 180
        nx, ny = -math.sin(math.radians(ang)), math.cos(math.radians(ang))
        off = side * 21 * u
        x, y = (x0_ + x1_) / 2 + nx * off, (y0_ + y1_) / 2 + ny * off
        tw, th = _text_w(rfont, text) + 10 * u, _line_h(rfont) + 6 * u
        timg = Image.new("L", (tw, th), 0)
        ImageDraw.Draw(timg).text((5 * u, 3 * u), text, font=rfont, fill=255)
        timg = timg.rotate(-ang, expand=True, resample=Image.Resampling.BICUBIC)
        halo = timg.filter(ImageFilter.MaxFilter(5))
        pos_ = (round(x - timg.width / 2), round(y - timg.height / 2))
        mimg.paste(Image.new("RGB", timg.size, PAPER), pos_, halo)
        mimg.paste(Image.new("RGB", timg.size, RAIL), pos_, timg)
        for t in (0.2, 0.4, 0.6, 0.8):  # block the label's band, not its whole bounding box
            bx = x + (t - 0.5) * tw * math.cos(math.radians(ang))
            by = y + (t - 0.5) * tw * math.sin(math.radians(ang))
            labeler.block((bx - th / 2, by - th / 2, bx + th / 2, by + th / 2))

    # ---- places
    in_frame: list[dict] = []
    outside: list[dict] = []
    for p in pl:
        if p["key"] == "xiang-river":
            continue
        xy = proj(p["lat"], p["lon"])
        (in_frame if proj.inside(xy, 10 * u) else outside).append(p)

    # marker positions, nudged apart where estimates coincide
    pos: dict[int, list[float]] = {}
    for i, p in enumerate(in_frame):
        pos[i] = list(proj(p["lat"], p["lon"]))
    for _ in range(6):
        for i in pos:
            for j in pos:
                if j <= i:
                    continue
                dx, dy = pos[j][0] - pos[i][0], pos[j][1] - pos[i][1]
                dist = math.hypot(dx, dy)
                need = 22 * u
                if dist < need:
                    if dist < 1e-6:
                        dx, dy, dist = 1.0, 0.0, 1.0
                    push = (need - dist) / 2
                    pos[i][0] -= dx / dist * push
                    pos[i][1] -= dy / dist * push
                    pos[j][0] += dx / dist * push
                    pos[j][1] += dy / dist * push

    city = None
    for i, p in enumerate(in_frame):
        x, y = pos[i]
        if p["key"] == "hengyang-old-city":
            city = (i, p)
            continue
        labeler.block((x - 11 * u, y - 11 * u, x + 11 * u, y + 11 * u))

    # old city: label inside the walls
    if city:
        i, p = city
        fzh, fen, lines, w, h = _label_block(p["name_zh"], p["name_en"], u, 22, 15, en_max=120)
        cx, cy = (bx0 + bx1) / 2, (by0 + by1) / 2 - 6 * u
        box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        _draw_label(md, box, p["name_zh"], fzh, fen, lines, WALL, WALL)
        labeler.block(box)

    # edge pointers for places outside the main map (e.g. Quanxi, 15 km east)
    ref = by_key.get("hengyang-old-city")
    ref_ll = (ref["lat"], ref["lon"]) if ref else (proj.lat_c, proj.lon_c)
    pointers = []
    for p in outside:
        x, y = proj(p["lat"], p["lon"])
        cx, cy = fw / 2, fh / 2
        dx, dy = x - cx, y - cy
        m = 26 * u
        t = min((fw / 2 - m) / abs(dx) if dx else 1e9, (fh / 2 - m) / abs(dy) if dy else 1e9)
        ex, ey = cx + dx * t, cy + dy * t
        ang = math.atan2(dy, dx)
        km = _km_between(ref_ll, (p["lat"], p["lon"]))
        pointers.append((p, ex, ey, ang, km))
        labeler.block((ex - 16 * u, ey - 16 * u, ex + 16 * u, ey + 16 * u))

    # label order: crowded places first
    def crowd(i: int) -> int:
        return sum(1 for j in pos if j != i and math.dist(pos[i], pos[j]) < 150 * u)

    order = sorted((i for i, p in enumerate(in_frame) if p["key"] != "hengyang-old-city"),
                   key=lambda i: -crowd(i))
    leaders = []
    labels = []
    for p, ex, ey, ang, km in pointers:
        zh = f"{p['name_zh']}(约{km:.0f}公里)"
        en = f"{p['name_en']} (≈{km:.0f} km)"
        fzh, fen, lines, w, h = _label_block(zh, en, u, 20, 14)
        box = labeler.place(ex, ey, w, h, 18 * u, prefer=ang + math.pi)
        labels.append((box, zh, fzh, fen, lines, INK))
    for i in order:
        p = in_frame[i]
        x, y = pos[i]
        kind = _place_kind(p["key"])
        color = DEFENCE if kind == "defence" else (WATER_TEXT if kind == "mouth" else INK)
        fzh, fen, lines, w, h = _label_block(p["name_zh"], p["name_en"], u)
        box = labeler.place(x, y, w, h, 12 * u)
        labels.append((box, p["name_zh"], fzh, fen, lines, color))
        nx, ny = _nearest_on_box(box, x, y)
        if math.hypot(nx - x, ny - y) > 22 * u:
            leaders.append((x, y, nx, ny))

    for x, y, nx, ny in leaders:
        md.line((x, y, nx, ny), fill=PAPER, width=round(4 * u))
        md.line((x, y, nx, ny), fill=INK_SOFT, width=round(1.4 * u))
    for i, p in enumerate(in_frame):
        if p["key"] == "hengyang-old-city":
            continue
        _marker(md, _place_kind(p["key"]), pos[i][0], pos[i][1], u, p["estimate"])
    for p, ex, ey, ang, km in pointers:
        pointer_len = 26 * u
        tip = (ex + math.cos(ang) * pointer_len / 2, ey + math.sin(ang) * pointer_len / 2)
        tail = (ex - math.cos(ang) * pointer_len / 2, ey - math.sin(ang) * pointer_len / 2)
        md.line((tail, tip), fill=INK, width=round(3 * u))
        left = (tip[0] - math.cos(ang - 0.5) * 12 * u, tip[1] - math.sin(ang - 0.5) * 12 * u)
        right = (tip[0] - math.cos(ang + 0.5) * 12 * u, tip[1] - math.sin(ang + 0.5) * 12 * u)
        md.polygon([tip, left, right], fill=INK)
    for box, zh, fzh, fen, lines, color in labels:
        _draw_label(md, box, zh, fzh, fen, lines, color, INK_SOFT)

    img.paste(mimg, (fx0 * u, fy0 * u))
    # frame with graticule ticks and degree labels
    d.rectangle((fx0 * u, fy0 * u, fx1 * u, fy1 * u), outline=FRAME, width=round(2.5 * u))
    d.rectangle(((fx0 - 6) * u, (fy0 - 6) * u, (fx1 + 6) * u, (fy1 + 6) * u), outline=FRAME,
                width=round(1 * u))
    for lat in lat_lines[::2]:
        _, y = proj(lat, proj.lon_c)
        if 20 * u < y < fh - 20 * u:
            yy = fy0 * u + y
            d.line((fx1 * u, yy, (fx1 + 6) * u, yy), fill=FRAME, width=u)
            txt = f"{lat:.2f}°N"
            _text(d, (fx0 * u + 6 * u, yy - 2 * u), txt, flat, INK_SOFT, anchor="ld",
                  halo=PAPER, halo_w=u)
    for lon in lon_lines[::2]:
        x, _ = proj(proj.lat_c, lon)
        if 40 * u < x < fw - 40 * u:
            xx = fx0 * u + x
            d.line((xx, fy1 * u, xx, (fy1 + 6) * u), fill=FRAME, width=u)
            _text(d, (xx + 4 * u, fy1 * u - 5 * u), f"{lon:.2f}°E", flat, INK_SOFT, anchor="ld",
                  halo=PAPER, halo_w=u)

    # ---- title
    _text(d, (fx0 * u, 22 * u), MAP_TITLE_ZH, _font(46 * u), INK)
    _text(d, (fx0 * u, 80 * u), MAP_TITLE_EN, _font(26 * u), INK_SOFT)

    # ---- side column: overview, legend, north arrow, scale bar, notes
    _side_column(img, d, u, col_x0, fy0, col_x1, fy1, pl, proj)

    # ---- notice along the bottom
    nf = _font(19 * u)
    _text(d, (fx0 * u, (fy1 + 40) * u), f"{NOTICE_ZH} · {NOTICE_EN}", nf, INK_SOFT, anchor="lm")

    final = img.reduce(u)
    _save(final, out)


def _side_column(img, d, u, x0, y0, x1, y1, places, main_proj) -> None:
    col_w = (x1 - x0) * u
    col_x = x0 * u
    y = y0 * u
    head = _font(19 * u)
    sub = _font(14 * u)
    # overview inset
    _text(d, (col_x, y), "位置总览 Overview", head, INK)
    y += 30 * u
    ow, oh = col_w, round(col_w * 0.62)
    ov = Image.new("RGB", (ow, oh), _mix(PAPER, (255, 255, 255), 0.25))
    od = ImageDraw.Draw(ov)
    oproj = _Proj(26.89, 112.655, ow / 26.5, ow, oh)
    for line, wdt in ((XIANG, 6), (ZHENG, 3), (LEI, 3.5)):
        _draw_river(od, oproj.many(line), wdt * u, 0.8 * u)
    for line in (RAIL_YUEHAN, RAIL_XIANGGUI):
        _draw_railway(od, oproj.many(line), u * 0.55, width=2.5, tie=5, spacing=12)
    # the main map's extent
    a = oproj(main_proj.lat_c + main_proj.h / 2 / main_proj.ky, main_proj.lon_c - main_proj.w / 2 / main_proj.kx)
    b = oproj(main_proj.lat_c - main_proj.h / 2 / main_proj.ky, main_proj.lon_c + main_proj.w / 2 / main_proj.kx)
    od.rectangle((a[0], a[1], b[0], b[1]), outline=DEFENCE, width=round(2 * u))
    _text(od, (a[0] + 5 * u, a[1] + 4 * u), "主图范围 main map", sub, DEFENCE, halo=PAPER, halo_w=u)
    for p in places:
        mx, my = main_proj(p["lat"], p["lon"])
        if main_proj.inside((mx, my), 10 * _SS):
            continue
        x, y2 = oproj(p["lat"], p["lon"])
        if 0 <= x <= ow and 0 <= y2 <= oh:
            _marker(od, _place_kind(p["key"]), x, y2, u * 0.8, p["estimate"])
            _text(od, (x, y2 - 12 * u), p["name_zh"], _font(17 * u), INK, anchor="md", halo=PAPER, halo_w=2 * u)
            _text(od, (x, y2 + 12 * u), p["name_en"], sub, INK_SOFT, anchor="ma", halo=PAPER, halo_w=2 * u)
    # 5 km scale in the inset
    sx, sy = 12 * u, oh - 16 * u
    seg = oproj.px_per_km * 5
    od.line((sx, sy, sx + seg, sy), fill=INK, width=round(2 * u))
    for t in (0, seg):
        od.line((sx + t, sy - 5 * u, sx + t, sy), fill=INK, width=round(2 * u))
    _text(od, (sx + seg + 6 * u, sy), "5 km", sub, INK, anchor="lm")
    img.paste(ov, (col_x, y))
    d.rectangle((col_x, y, col_x + ow, y + oh), outline=FRAME, width=round(1.5 * u))
    y += oh + 26 * u

    # legend
    _text(d, (col_x, y), "图例 Legend", head, INK)
    y += 34 * u
    row = 40 * u
    fzh = _font(17 * u)
    fen = _font(13 * u)

    def legend_row(draw_symbol: Callable[[float, float], None], zh: str, en: str):
        nonlocal y
        draw_symbol(col_x + 24 * u, y + 16 * u)
        _text(d, (col_x + 58 * u, y - 1 * u), zh, fzh, INK)
        _text(d, (col_x + 58 * u, y + 19 * u), en, fen, INK_SOFT)
        y += row

    def sym_river(x, yy):
        d.line((x - 22 * u, yy + 4 * u, x - 6 * u, yy - 3 * u, x + 8 * u, yy + 3 * u, x + 22 * u, yy - 4 * u),
               fill=WATER_BANK, width=round(12 * u), joint="curve")
        d.line((x - 22 * u, yy + 4 * u, x - 6 * u, yy - 3 * u, x + 8 * u, yy + 3 * u, x + 22 * u, yy - 4 * u),
               fill=WATER, width=round(8 * u), joint="curve")

    def sym_rail(x, yy):
        _draw_railway(d, [(x - 22 * u, yy), (x + 22 * u, yy)], u)

    def sym_wall(x, yy):
        d.rectangle((x - 20 * u, yy - 11 * u, x + 20 * u, yy + 11 * u), fill=CITY_FILL, outline=WALL,
                    width=round(3 * u))

    def sym_runway(x, yy):
        d.rectangle((x - 22 * u, yy - 6 * u, x + 22 * u, yy + 6 * u), fill=RUNWAY)

    def sym_kind(kind, hollow):
        return lambda x, yy: _marker(d, kind, x, yy, u, hollow)

    legend_row(sym_river, "河流", "river")
    legend_row(sym_rail, "铁路", "railway")
    legend_row(sym_wall, "旧城城墙(示意)", "old city wall (schematic)")
    legend_row(sym_runway, "机场跑道(示意)", "airfield runway (schematic)")
    legend_row(sym_kind("defence", True), "守军阵地", "defence position")
    legend_row(sym_kind("church", True), "教堂", "church")
    legend_row(sym_kind("station", True), "车站", "railway station")
    legend_row(sym_kind("mouth", True), "河口", "river mouth")
    legend_row(sym_kind("other", True), "其他地点", "other place")
    y += 4 * u

    def sym_pair(x, yy):
        _marker(d, "other", x - 10 * u, yy, u, True)
        _marker(d, "other", x + 12 * u, yy, u, False)

    draw_pair_y = y
    sym_pair(col_x + 24 * u, draw_pair_y + 16 * u)
    _text(d, (col_x + 58 * u, y - 1 * u), "空心标记为估计位置", fzh, INK)
    _text(d, (col_x + 58 * u, y + 19 * u), "hollow markers: estimated positions", fen, INK_SOFT)
    y += row
    _text(d, (col_x + 58 * u, y - 1 * u), "实心标记为有出处的位置", fzh, INK)
    _text(d, (col_x + 58 * u, y + 19 * u), "filled markers: sourced positions", fen, INK_SOFT)
    y += row + 16 * u

    # north arrow and scale bar
    nx, ny = col_x + 34 * u, y + 12 * u
    arrow_h = 74 * u
    left = [(nx, ny + 14 * u), (nx - 14 * u, ny + arrow_h), (nx, ny + arrow_h - 16 * u)]
    right = [(nx, ny + 14 * u), (nx + 14 * u, ny + arrow_h), (nx, ny + arrow_h - 16 * u)]
    d.polygon(left, fill=INK)
    d.polygon(right, fill=PAPER, outline=INK)
    d.line(right + [right[0]], fill=INK, width=round(1.5 * u))
    _text(d, (nx, ny + 12 * u), "N 北", _font(17 * u), INK, anchor="md")

    km = main_proj.px_per_km
    sx, sy = col_x + 90 * u, ny + 44 * u
    half = km / 2
    for k in range(4):
        d.rectangle((sx + k * half, sy, sx + (k + 1) * half, sy + 9 * u),
                    fill=INK if k % 2 == 0 else PAPER, outline=INK, width=round(1.5 * u))
    for k in range(3):
        _text(d, (sx + k * km, sy + 14 * u), str(k), sub, INK, anchor="ma")
    _text(d, (sx, sy - 8 * u), "比例尺 scale (主图 main map)", sub, INK, anchor="ld")
    _text(d, (sx + 2 * km + 10 * u, sy + 5 * u), "公里 km", sub, INK, anchor="lm")
    y = ny + arrow_h + 24 * u

    # notes
    notes = [
        "位置依据展览研究笔记,多为估计,误差约1–2公里;",
        "河道、铁路与城墙均为示意。",
        "Positions from the exhibition's research notes, mostly",
        "estimates (error about 1–2 km); rivers, railways and",
        "the city wall are schematic.",
    ]
    nf = _font(13 * u)
    for note in notes:
        if y + 16 * u > y1 * u:
            break
        _text(d, (col_x, y), note, nf, INK_SOFT)
        y += 19 * u


# --------------------------------------------------------------------------
# Object drawings

OBJ_INK = (52, 44, 36)
WOOD = (140, 94, 54)
STEEL = (104, 108, 106)
STEEL_LIGHT = (172, 176, 174)
OLIVE = (104, 106, 70)
OLIVE_CLOTH = (122, 118, 82)
BRASS = (192, 152, 74)
COPPER = (172, 100, 62)
OLD_PAPER = (230, 218, 186)
CLOTH_RED = (158, 54, 44)
ENAMEL_BLUE = (42, 66, 118)
LEATHER = (112, 74, 44)
BRICK_GREY = (126, 126, 120)
INDIGO = (58, 70, 98)
CARDBOARD = (180, 150, 106)
CERAMIC = (236, 232, 220)
PAINT_BLUE = (54, 86, 140)
SEAL_RED = (178, 52, 40)


class _G:
    """Draw in a 1000×560 design space mapped onto the supersampled stage,
    optionally rotated about a point (for sheets of paper lying askew)."""

    def __init__(self, img: Image.Image, ox: float, oy: float, s: float):
        self.img = img
        self.d = ImageDraw.Draw(img)
        self.ox, self.oy, self.s = ox, oy, s
        self.rot: tuple[float, float, float] | None = None
        self.zoom = 1.0  # about the stage centre (500, 290)

    def project(self, pts: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
        pts = list(pts)
        if self.rot:
            pts = _rotate(pts, *self.rot)
        z, s = self.zoom, self.s
        return [(self.ox + (500 + (x - 500) * z) * s, self.oy + (290 + (y - 290) * z) * s)
                for x, y in pts]

    def w(self, width: float) -> int:
        return max(1, round(width * self.s))

    def poly(self, pts, fill=None, outline=OBJ_INK, width: float = 3) -> None:
        projected = self.project(pts)
        if fill is not None:
            self.d.polygon(projected, fill=fill)
        if outline is not None and width:
            self.d.line(projected + [projected[0]], fill=outline, width=self.w(width), joint="curve")

    def line(self, pts, fill=OBJ_INK, width: float = 3) -> None:
        self.d.line(self.project(pts), fill=fill, width=self.w(width), joint="curve")

    def rect(self, x0, y0, x1, y1, fill=None, outline=OBJ_INK, width: float = 3, r: float = 0) -> None:
        if self.rot or r:
            if r:
                pts = _rounded_rect_pts(x0, y0, x1, y1, r)
            else:
                pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
            self.poly(pts, fill, outline, width)
        else:
            (a, b), (c, e) = self.project([(x0, y0), (x1, y1)])
            self.d.rectangle((a, b, c, e), fill=fill, outline=outline if width else None,
                             width=self.w(width) if outline is not None else 0)

    def ell(self, cx, cy, rx, ry, fill=None, outline=OBJ_INK, width: float = 3) -> None:
        if self.rot:
            self.poly(_ellipse_pts(cx, cy, rx, ry, n=60)[:-1], fill, outline, width)
        else:
            (a, b), (c, e) = self.project([(cx - rx, cy - ry), (cx + rx, cy + ry)])
            self.d.ellipse((a, b, c, e), fill=fill, outline=outline if width else None,
                           width=self.w(width) if outline is not None else 0)

    def arc(self, cx, cy, rx, ry, a0, a1, fill=OBJ_INK, width: float = 3) -> None:
        self.line(_ellipse_pts(cx, cy, rx, ry, a0, a1, n=40), fill, width)

    def text(self, x, y, text, size, fill, anchor="mm") -> None:
        (px, py), = self.project([(x, y)])
        self.d.text((px, py), text, font=_font(round(size * self.s * self.zoom)), fill=fill, anchor=anchor)


def _rounded_rect_pts(x0, y0, x1, y1, r) -> list[tuple[float, float]]:
    r = min(r, (x1 - x0) / 2, (y1 - y0) / 2)
    pts: list[tuple[float, float]] = []
    for cx, cy, a0 in ((x1 - r, y0 + r, 270), (x1 - r, y1 - r, 0), (x0 + r, y1 - r, 90),
                       (x0 + r, y0 + r, 180)):
        pts += _ellipse_pts(cx, cy, r, r, a0, a0 + 90, n=8)
    return pts


def _scribble_column(g: _G, x: float, y0: float, y1: float, rnd: random.Random,
                     size: float = 22, color=OBJ_INK, width: float = 2) -> None:
    """Handwriting-like marks down a column (stands for vertical Chinese script)."""
    y = y0
    while y + size * 0.8 < y1:
        for _ in range(rnd.randint(2, 4)):
            ax, ay = x + rnd.uniform(-size * 0.4, size * 0.3), y + rnd.uniform(0, size * 0.6)
            bx, by = ax + rnd.uniform(-size * 0.1, size * 0.45), ay + rnd.uniform(-size * 0.15, size * 0.4)
            g.line([(ax, ay), (bx, by)], color, width)
        y += size * rnd.uniform(0.95, 1.15)


def _draw_rifle(g: _G, rnd: random.Random) -> None:
    sling = _bezier((175, 330), (320, 440), (580, 420), (705, 298))
    g.line(sling, OBJ_INK, 13)
    g.line(sling, (132, 116, 76), 8)
    g.rect(420, 265, 955, 279, STEEL)
    g.poly([(936, 265), (941, 254), (949, 254), (951, 265)], STEEL_LIGHT, width=2)
    wood = [(70, 256), (110, 259), (250, 274), (292, 280), (318, 280), (330, 276), (790, 276),
            (800, 281), (794, 292), (460, 296), (452, 310), (390, 310), (372, 298), (322, 300),
            (290, 306), (250, 318), (110, 344), (70, 348)]
    g.poly(wood, WOOD)
    for k, (a, b) in enumerate(((262, 272), (276, 300), (290, 318))):
        g.line(_chaikin([(92, b + 6), (170, (a + b) / 2 + 14), (260, a + 10)], 2),
               _darker(WOOD, 0.22), 1.5)
    g.line([(520, 284), (770, 283)], _darker(WOOD, 0.2), 1.5)
    g.rect(64, 254, 76, 350, STEEL, width=2.5)
    g.rect(300, 260, 452, 283, STEEL)
    g.rect(318, 255, 420, 268, STEEL_LIGHT, width=2.5, r=5)
    g.line([(372, 266), (386, 300)], OBJ_INK, 8)
    g.line([(372, 266), (386, 300)], STEEL_LIGHT, 4)
    g.ell(388, 304, 9, 9, STEEL_LIGHT, width=2.5)
    g.rect(470, 256, 505, 265, STEEL, width=2)
    g.arc(420, 306, 26, 22, 0, 180, OBJ_INK, 4)
    g.line([(418, 298), (412, 318)], OBJ_INK, 3.5)
    for x in (560, 772):
        g.rect(x, 271, x + 12, 300, STEEL, width=2.5)
    g.ell(176, 330, 7, 7, STEEL_LIGHT, width=2)
    g.ell(705, 298, 7, 7, STEEL_LIGHT, width=2)


def _draw_helmet(g: _G, rnd: random.Random) -> None:
    dome = [(500 - 235 * math.cos(math.radians(t)), 352 - 212 * math.sin(math.radians(t)) ** 0.85)
            for t in range(0, 181, 6)]
    shell = dome + [(758, 384), (806, 402), (786, 412), (520, 398), (300, 390), (246, 382),
                    (238, 370)]
    strap = _bezier((330, 388), (350, 510), (640, 510), (690, 394))
    g.line(strap, OBJ_INK, 13)
    g.line(strap, LEATHER, 8)
    g.rect(478, 470, 522, 492, BRASS, width=2.5, r=4)
    g.poly(shell, OLIVE)
    hl = [(500 - 190 * math.cos(math.radians(t)), 346 - 170 * math.sin(math.radians(t)) ** 0.85)
          for t in range(30, 101, 5)]
    g.line(hl, _lighter(OLIVE, 0.28), 14)
    g.line([(262, 356), (500, 364), (738, 356)], _darker(OLIVE, 0.25), 4)
    g.ell(640, 300, 9, 9, _darker(OLIVE, 0.15), width=2.5)
    g.ell(360, 300, 9, 9, _darker(OLIVE, 0.15), width=2.5)


def _draw_canteen(g: _G, rnd: random.Random) -> None:
    strap = _bezier((372, 250), (250, 40), (760, 40), (628, 250))
    g.line(strap, OBJ_INK, 18)
    g.line(strap, (142, 130, 94), 12)
    left = _bezier((470, 176), (400, 186), (350, 220), (350, 300)) + \
        _bezier((350, 300), (350, 420), (380, 480), (500, 480))[1:]
    body = left + [(1000 - x, y) for x, y in reversed(left)][1:]
    g.poly(body, OLIVE_CLOTH)
    g.line(_bezier((604, 230), (636, 280), (640, 420), (590, 460)), _darker(OLIVE_CLOTH, 0.16), 16)
    g.line(_bezier((396, 240), (376, 300), (376, 400), (410, 450)), _lighter(OLIVE_CLOTH, 0.16), 12)
    g.poly(body, None)
    for x in range(366, 636, 14):
        g.line([(x, 340), (x + 7, 340)], _darker(OLIVE_CLOTH, 0.35), 2)
    for x in (372, 628):
        g.rect(x - 12, 236, x + 12, 262, BRASS, width=2.5, r=4)
    g.rect(464, 134, 536, 182, STEEL)
    g.rect(450, 98, 550, 138, _darker(STEEL, 0.2), r=10)
    for y in (108, 118, 128):
        g.line([(458, y), (542, y)], _lighter(STEEL, 0.1), 1.5)
    chain = _bezier((550, 120), (586, 134), (596, 170), (592, 206))
    for link_x, link_y in chain[::3]:
        g.ell(link_x, link_y, 3.5, 3.5, None, OBJ_INK, 1.5)


def _draw_shell(g: _G, rnd: random.Random) -> None:
    g.rect(440, 248, 560, 462, BRASS)
    g.rect(456, 256, 472, 454, _lighter(BRASS, 0.3), outline=None)
    g.rect(538, 256, 552, 454, _darker(BRASS, 0.15), outline=None)
    g.rect(440, 248, 560, 462, None)
    g.rect(428, 452, 572, 478, _darker(BRASS, 0.12), r=3)
    left = _bezier((446, 152), (446, 96), (474, 62), (492, 46))
    right = [(1000 - x, y) for x, y in reversed(left)]
    body = left + right + [(554, 252), (446, 252)]
    g.poly(body, (96, 100, 80))
    g.rect(458, 160, 470, 246, _lighter((96, 100, 80), 0.2), outline=None)
    g.poly(body, None)
    g.rect(442, 222, 558, 240, COPPER, r=3)
    fuze = _bezier((474, 88), (478, 64), (488, 50), (494, 42)) + \
        [(1000 - x, y) for x, y in reversed(_bezier((474, 88), (478, 64), (488, 50), (494, 42)))]
    g.poly(fuze, (150, 150, 140), width=2.5)
    g.line([(474, 88), (526, 88)], OBJ_INK, 2.5)
    for y in (176, 192):
        g.line([(478, y), (522, y)], (214, 196, 120), 4)
    g.ell(500, 470, 60, 4, None, _darker(BRASS, 0.35), 1.5)


def _draw_leaflet(g: _G, rnd: random.Random) -> None:
    g.rot = (-5, 500, 285)
    g.poly([(334, 62), (666, 62), (666, 470), (620, 512), (334, 512)], (226, 210, 170))
    g.poly([(666, 470), (620, 512), (628, 478)], _darker((226, 210, 170), 0.12), width=2)
    g.rect(370, 92, 630, 116, (146, 58, 46), outline=None)
    g.rect(400, 124, 600, 136, (146, 58, 46), outline=None)
    g.rect(370, 152, 630, 304, (238, 226, 192), width=2.5)
    g.ell(430, 200, 22, 22, None, OBJ_INK, 2.5)
    for k in range(8):
        a = math.radians(45 * k)
        g.line([(430 + 28 * math.cos(a), 200 + 28 * math.sin(a)),
                (430 + 38 * math.cos(a), 200 + 38 * math.sin(a))], OBJ_INK, 2)
    g.line([(372, 286), (430, 246), (480, 272), (540, 226), (628, 280)], OBJ_INK, 3)
    g.line([(372, 298), (460, 280), (530, 292), (628, 288)], OBJ_INK, 2)
    for x in range(610, 380, -26):
        _scribble_column(g, x, 322, 494 - (30 if x < 420 else 0), rnd, 18, (70, 58, 46), 2.5)


def _draw_telegram(g: _G, rnd: random.Random) -> None:
    g.rot = (3, 500, 280)
    g.rect(230, 80, 770, 480, (234, 224, 196))
    g.text(500, 120, "電 報", 38, (150, 62, 48))
    g.line([(260, 150), (740, 150)], (150, 62, 48), 3)
    g.line([(260, 157), (740, 157)], (150, 62, 48), 1.5)
    for x0, x1 in ((260, 380), (390, 560), (570, 740)):
        g.rect(x0, 170, x1, 205, None, (150, 62, 48), 1.5)
        g.line([(x0 + 10, 194), (x0 + 10 + (x1 - x0) * rnd.uniform(0.3, 0.7), 194)], (70, 66, 64), 2)
    for row, y in enumerate(range(236, 440, 36)):
        groups = 5 if row < 4 else 3
        for k in range(groups):
            code = "".join(str(rnd.randint(0, 9)) for _ in range(4))
            g.text(300 + k * 92, y, code, 24, (58, 56, 62))
    g.ell(680, 420, 40, 40, None, (176, 60, 50), 3)
    g.ell(680, 420, 30, 30, None, (176, 60, 50), 1.5)
    g.line([(646, 420), (714, 420)], (176, 60, 50), 2)


def _draw_map(g: _G, rnd: random.Random) -> None:
    g.rot = (-3, 500, 280)
    x0, y0, x1, y1 = 220, 90, 780, 470
    base = (226, 216, 184)
    for i in range(3):
        for j in range(2):
            shade = _darker(base, 0.05) if (i + j) % 2 else _lighter(base, 0.1)
            g.rect(x0 + i * (x1 - x0) / 3, y0 + j * (y1 - y0) / 2,
                   x0 + (i + 1) * (x1 - x0) / 3, y0 + (j + 1) * (y1 - y0) / 2, shade, outline=None)
    for x in range(x0 + 70, x1, 70):
        g.line([(x, y0), (x, y1)], (196, 184, 150), 1)
    for y in range(y0 + 70, y1, 70):
        g.line([(x0, y), (x1, y)], (196, 184, 150), 1)
    for cx, cy, rmax in ((360, 330, 90), (640, 190, 70)):
        for r in range(rmax, 10, -20):
            pts = [(cx + r * 1.3 * math.cos(a) * (1 + 0.08 * math.sin(3 * a)),
                    cy + r * 0.8 * math.sin(a) * (1 + 0.08 * math.cos(2 * a)))
                   for a in (2 * math.pi * k / 36 for k in range(37))]
            g.line(pts, (150, 112, 70), 1.8)
    river = _chaikin([(230, 160), (330, 190), (450, 160), (520, 250), (560, 380), (600, 470)], 3)
    g.line(river, (70, 110, 150), 9)
    g.line(river, (140, 176, 200), 5)
    g.line([(x0, 420), (300, 400), (420, 430), (560, 300), (700, 260), (780, 230)], OBJ_INK, 2.5)
    for x, y in ((300, 400), (420, 430), (560, 300), (700, 260)):
        g.line([(x - 5, y - 5), (x + 5, y + 5)], OBJ_INK, 2)
    arrow = _chaikin([(690, 400), (640, 330), (580, 310)], 3)
    g.line(arrow, (176, 48, 40), 5)
    g.poly([(580, 310), (606, 298), (600, 324)], (176, 48, 40), (176, 48, 40), 2)
    g.ell(520, 250, 46, 34, None, (176, 48, 40), 4)
    g.rect(x0, y0, x1, y1, None)
    for i in (1, 2):
        g.line([(x0 + i * (x1 - x0) / 3, y0), (x0 + i * (x1 - x0) / 3, y1)], _darker(base, 0.25), 2)
    g.line([(x0, (y0 + y1) / 2), (x1, (y0 + y1) / 2)], _darker(base, 0.25), 2)


def _draw_medal(g: _G, rnd: random.Random) -> None:
    stripes = [(150, 44, 40), (230, 222, 200), (44, 64, 118), (230, 222, 200), (150, 44, 40)]
    for k, c in enumerate(stripes):
        g.rect(440 + k * 24, 50, 464 + k * 24, 190, c, outline=None)
    g.poly([(440, 50), (560, 50), (560, 190), (500, 214), (440, 190)], None)
    g.poly([(440, 190), (500, 214), (560, 190)], None, width=2)
    g.ell(500, 222, 12, 14, None, BRASS, 5)
    star = _star_pts(500, 365, 140, 100, 8, -90)
    g.poly(star, BRASS)
    g.poly(_star_pts(500, 365, 118, 86, 8, -90), _lighter(BRASS, 0.2), _darker(BRASS, 0.2), 2)
    g.ell(500, 365, 62, 62, ENAMEL_BLUE)
    g.ell(500, 365, 34, 34, (240, 236, 226), width=2.5)
    g.ell(500, 365, 74, 74, None, _darker(BRASS, 0.3), 2)


def _draw_badge(g: _G, rnd: random.Random) -> None:
    outer = [(350, 100), (650, 100), (650, 290)] + _bezier((650, 290), (650, 390), (560, 440), (500, 480))[1:] + \
        _bezier((500, 480), (440, 440), (350, 390), (350, 290))[1:]
    inner = [(374, 122), (626, 122), (626, 288)] + _bezier((626, 288), (626, 372), (552, 416), (500, 450))[1:] + \
        _bezier((500, 450), (448, 416), (374, 372), (374, 288))[1:]
    g.poly(outer, BRASS)
    g.poly(inner, ENAMEL_BLUE, _darker(BRASS, 0.3), 2)
    g.poly([(374, 122), (626, 122), (626, 180), (374, 180)], CLOTH_RED, None, 0)
    g.line([(374, 180), (626, 180)], _darker(BRASS, 0.3), 2)
    g.poly(_star_pts(500, 290, 78, 32), (236, 232, 220), width=2.5)
    g.rect(410, 376, 590, 408, (236, 232, 220), width=2)
    for x in range(428, 580, 30):
        g.line([(x, 386), (x + 14, 398)], OBJ_INK, 2.5)
        g.line([(x + 14, 386), (x, 398)], OBJ_INK, 1.5)
    g.line([(360, 106), (640, 106)], _lighter(BRASS, 0.35), 3)


def _draw_letter(g: _G, rnd: random.Random) -> None:
    g.rot = (-6, 295, 290)
    g.rect(170, 80, 420, 500, (222, 204, 166))
    g.rect(250, 150, 340, 440, None, (176, 56, 44), 3)
    g.rect(258, 158, 332, 432, None, (176, 56, 44), 1.2)
    _scribble_column(g, 295, 180, 420, rnd, 26, OBJ_INK, 3)
    _scribble_column(g, 385, 120, 330, rnd, 17, OBJ_INK, 2)
    _scribble_column(g, 210, 300, 480, rnd, 15, OBJ_INK, 2)
    g.rect(190, 96, 238, 150, (120, 70, 64), (240, 232, 214), 3)
    g.ell(236, 150, 26, 26, None, (60, 56, 60), 2)
    g.rot = (4, 655, 280)
    g.rect(470, 60, 840, 500, (238, 228, 200))
    g.line([(490, 84), (820, 84)], (186, 74, 58), 2)
    g.line([(490, 476), (820, 476)], (186, 74, 58), 2)
    for x in range(490, 821, 30):
        g.line([(x, 84), (x, 476)], (200, 110, 90), 1.2)
    cols = list(range(805, 500, -30))
    for k, x in enumerate(cols):
        end = 466 if k < len(cols) - 3 else rnd.randint(200, 380)
        _scribble_column(g, x - 15, 96, end, rnd, 22, (40, 36, 40), 2.2)


def _photo(g: _G, x0, y0, x1, y1, rnd: random.Random) -> None:
    g.rect(x0, y0, x1, y1, (238, 232, 216), None)
    ix0, iy0, ix1, iy1 = x0 + 10, y0 + 10, x1 - 10, y1 - 10
    g.rect(ix0, iy0, ix1, iy1, (206, 186, 150), None)
    h = iy1 - iy0
    hills = [(ix0, iy0 + h * 0.62)]
    for k in range(1, 7):
        hills.append((ix0 + (ix1 - ix0) * k / 6, iy0 + h * rnd.uniform(0.35, 0.7)))
    g.poly(hills + [(ix1, iy1), (ix0, iy1)], (150, 124, 92), None, 0)
    g.rect(ix0, iy0 + h * 0.78, ix1, iy1, (120, 98, 72), None)
    if rnd.random() < 0.6:
        bx = ix0 + (ix1 - ix0) * rnd.uniform(0.2, 0.6)
        g.rect(bx, iy0 + h * 0.5, bx + 40, iy0 + h * 0.8, (96, 78, 58), None)
        g.poly([(bx - 8, iy0 + h * 0.5), (bx + 20, iy0 + h * 0.38), (bx + 48, iy0 + h * 0.5)],
               (84, 68, 52), None, 0)
    for cx, cy, sx, sy in ((x0, y0, 1, 1), (x1, y0, -1, 1), (x1, y1, -1, -1), (x0, y1, 1, -1)):
        g.poly([(cx - 4 * sx, cy - 4 * sy), (cx + 24 * sx, cy - 4 * sy), (cx - 4 * sx, cy + 24 * sy)],
               (110, 106, 100), None, 0)


def _draw_photo_album(g: _G, rnd: random.Random) -> None:
    g.rect(166, 96, 834, 484, (96, 70, 50), r=8)
    g.rect(182, 110, 498, 470, (50, 48, 46), None)
    g.rect(502, 110, 818, 470, (56, 54, 52), None)
    g.line([(500, 110), (500, 470)], (30, 28, 26), 4)
    for (x0, y0, x1, y1, ang) in ((212, 136, 468, 298, -2), (238, 318, 432, 448, 3),
                                  (532, 142, 792, 306, 1.5), (560, 326, 762, 444, -3)):
        g.rot = (ang, (x0 + x1) / 2, (y0 + y1) / 2)
        _photo(g, x0, y0, x1, y1, rnd)
    g.rot = None
    g.line([(452, 458), (480, 458)], (200, 196, 186), 2)
    g.line([(740, 458), (790, 458)], (200, 196, 186), 2)


def _draw_bayonet(g: _G, rnd: random.Random) -> None:
    g.rect(300, 348, 860, 382, _darker(STEEL, 0.2), r=14)
    g.poly([(860, 350), (905, 365), (860, 380)], _darker(STEEL, 0.2))
    g.line([(320, 356), (840, 356)], _lighter(STEEL, 0.15), 2.5)
    g.rect(336, 320, 424, 420, LEATHER, r=6)
    for y in (334, 406):
        for x in range(346, 416, 10):
            g.line([(x, y), (x + 5, y)], _lighter(LEATHER, 0.35), 1.5)
    g.poly([(300, 238), (820, 242), (905, 258), (820, 274), (300, 278)], STEEL_LIGHT)
    g.line([(320, 252), (780, 254)], _darker(STEEL_LIGHT, 0.25), 2.5)
    g.line([(320, 262), (780, 263)], _lighter(STEEL_LIGHT, 0.4), 2)
    g.rect(282, 222, 302, 296, STEEL)
    g.ell(292, 210, 15, 15, None, OBJ_INK, 9)
    g.ell(292, 210, 15, 15, None, STEEL, 5)
    g.rect(140, 236, 284, 282, WOOD, r=12)
    for x in (180, 240):
        g.ell(x, 259, 7, 7, STEEL_LIGHT, width=2)
    g.line([(150, 268), (270, 270)], _darker(WOOD, 0.2), 1.5)
    g.rect(118, 230, 146, 288, STEEL, r=5)
    g.line([(126, 248), (138, 248)], OBJ_INK, 2)


def _draw_radio(g: _G, rnd: random.Random) -> None:
    g.line([(700, 152), (820, 36)], OBJ_INK, 6)
    g.line([(700, 152), (820, 36)], STEEL_LIGHT, 3)
    g.ell(821, 35, 8, 8, STEEL_LIGHT, width=2)
    g.arc(500, 152, 80, 48, 180, 360, OBJ_INK, 12)
    g.arc(500, 152, 80, 48, 180, 360, (70, 60, 50), 7)
    g.rect(250, 146, 750, 456, OLIVE, r=16)
    g.rect(282, 180, 718, 424, _darker(OLIVE, 0.18), r=6)
    g.ell(380, 262, 56, 56, (232, 226, 206))
    g.arc(380, 262, 42, 42, 200, 340, OBJ_INK, 2)
    for k in range(9):
        a = math.radians(200 + 17.5 * k)
        g.line([(380 + 36 * math.cos(a), 262 + 36 * math.sin(a)),
                (380 + 44 * math.cos(a), 262 + 44 * math.sin(a))], OBJ_INK, 2)
    g.line([(380, 262), (404, 228)], (170, 40, 36), 3)
    g.ell(380, 262, 5, 5, OBJ_INK, None)
    for cx, cy, r in ((560, 250, 34), (656, 250, 26), (560, 352, 24), (656, 352, 24)):
        g.ell(cx, cy, r, r, (40, 38, 36), width=2.5)
        g.ell(cx, cy, r * 0.6, r * 0.6, (62, 60, 56), None)
        g.line([(cx, cy), (cx + r * 0.8 * math.cos(rnd.uniform(3.6, 5.8)),
                           cy + r * 0.8 * math.sin(rnd.uniform(3.6, 5.8)))], (220, 214, 200), 3)
    g.rect(310, 346, 460, 400, BRASS, width=2)
    for y in (360, 372, 384):
        g.line([(322, y), (322 + rnd.randint(60, 120), y)], _darker(BRASS, 0.45), 2)
    for x in (480, 500):
        g.rect(x - 6, 380, x + 6, 406, (30, 30, 30), width=1.5)
    for x in (250, 750):
        g.rect(x - 14, 270, x + 14, 330, _darker(OLIVE, 0.3), r=6)


def _draw_flag(g: _G, rnd: random.Random) -> None:
    top = [(252 + t * 530, 84 + 14 * math.sin(t * 9.0) + 24 * t) for t in (i / 40 for i in range(41))]
    bottom = [(252 + t * 518, 384 + 16 * math.sin(t * 9.0 + 0.5) - 10 * t) for t in (i / 40 for i in range(41))]
    edge = []
    for k in range(1, 12):
        t = k / 12
        y = top[-1][1] + (bottom[-1][1] - top[-1][1]) * t
        x = top[-1][0] + (bottom[-1][0] - top[-1][0]) * t - (18 if k % 2 else 0) - rnd.uniform(0, 10)
        edge.append((x, y))
    cloth = top + edge + list(reversed(bottom))
    g.poly(cloth, CLOTH_RED, None, 0)
    for t0 in (0.1, 0.45, 0.8):
        x = 252 + t0 * 520
        g.poly([(x, 100), (x + 40, 104), (x + 44, 372), (x + 6, 378)], _darker(CLOTH_RED, 0.14), None, 0)
        g.line([(x + 60, 104), (x + 66, 370)], _lighter(CLOTH_RED, 0.18), 5)
    g.poly(cloth, None)
    g.rect(236, 40, 252, 524, WOOD, width=2.5)
    g.ell(244, 36, 13, 13, BRASS, width=2.5)
    for y in (96, 370):
        g.rect(248, y - 8, 262, y + 8, STEEL, width=2)


def _draw_armband(g: _G, rnd: random.Random) -> None:
    g.rot = (-4, 500, 290)
    cloth = (230, 224, 206)

    def edge(off: float) -> list[tuple[float, float]]:
        return [(170 + 660 * t, 210 + off + 46 * (2 * t - 1) ** 2) for t in (i / 40 for i in range(41))]

    top, bottom = edge(0), edge(140)
    band = top + list(reversed(bottom))
    g.poly(band, cloth)
    # the folded-under end on the left
    g.poly([top[0], top[3], bottom[3], bottom[0]], _darker(cloth, 0.12), width=2)
    for off in (18, 122):
        g.line(edge(off)[4:], PAINT_BLUE, 5)
    g.rect(436, 256, 564, 342, None, SEAL_RED, 4)
    for x in (476, 524):
        _scribble_column(g, x, 266, 338, rnd, 16, SEAL_RED, 4.5)
    g.line([(738, 270), (820, 262)], STEEL_LIGHT, 5)
    g.line([(738, 282), (812, 276)], STEEL_LIGHT, 3)
    g.ell(736, 276, 8, 8, None, STEEL, 3)
    g.arc(822, 268, 7, 7, -90, 90, STEEL, 3)
    g.rot = None


def _draw_coin(g: _G, rnd: random.Random) -> None:
    for cx, cy, r, face in ((370, 290, 150, 0), (670, 300, 126, 1)):
        silver = (198, 198, 190) if face == 0 else (186, 186, 178)
        g.ell(cx + 6, cy + 8, r, r, _darker(silver, 0.45), None)
        g.ell(cx, cy, r, r, silver, width=3)
        g.ell(cx, cy, r * 0.92, r * 0.92, None, _darker(silver, 0.25), 2)
        for k in range(0, 360, 6):
            a = math.radians(k)
            g.ell(cx + r * 0.84 * math.cos(a), cy + r * 0.84 * math.sin(a), 2.2, 2.2,
                  _darker(silver, 0.35), None)
        if face == 0:  # plum blossom
            for k in range(5):
                a = math.radians(-90 + 72 * k)
                g.ell(cx + r * 0.3 * math.cos(a), cy + r * 0.3 * math.sin(a), r * 0.2, r * 0.2,
                      _lighter(silver, 0.15), _darker(silver, 0.4), 2.5)
            g.ell(cx, cy, r * 0.12, r * 0.12, _darker(silver, 0.2), _darker(silver, 0.4), 2)
        else:  # wreath
            for side in (-1, 1):
                for k in range(8):
                    a = math.radians(110 + 18 * k) if side < 0 else math.radians(70 - 18 * k)
                    x, y = cx + r * 0.62 * math.cos(a), cy + r * 0.62 * math.sin(a)
                    g.ell(x, y, 7, 12, _lighter(silver, 0.1), _darker(silver, 0.4), 1.8)
            g.ell(cx, cy, r * 0.26, r * 0.26, None, _darker(silver, 0.4), 3)
            g.ell(cx, cy, r * 0.08, r * 0.08, _darker(silver, 0.3), None)
        g.arc(cx, cy, r * 0.97, r * 0.97, 200, 250, _lighter(silver, 0.5), 4)


def _draw_bowl(g: _G, rnd: random.Random) -> None:
    cx, rim, rx, ry = 500, 200, 232, 44
    left = _bezier((cx - rx, rim), (cx - rx + 6, 330), (cx - 150, 410), (cx - 80, 420))
    right = [(2 * cx - x, y) for x, y in reversed(left)]
    body = _ellipse_pts(cx, rim, rx, ry, 0, 180, n=40)[::-1][:-1] + left + right
    g.rect(cx - 84, 414, cx + 84, 448, _darker(CERAMIC, 0.06), r=6)
    g.poly(body, CERAMIC)
    g.poly(_ellipse_pts(cx, rim, rx, ry, n=72)[:-1], _darker(CERAMIC, 0.1))
    g.poly(_ellipse_pts(cx, rim + 10, rx - 20, ry - 10, 180, 360, n=36) +
           list(reversed(_ellipse_pts(cx, rim, rx - 4, ry - 2, 180, 360, n=36))),
           _darker(CERAMIC, 0.2), None, 0)
    g.line(_ellipse_pts(cx, rim + 22, rx - 6, ry, 10, 170, n=40), PAINT_BLUE, 5)
    g.line(_ellipse_pts(cx, rim + 34, rx - 10, ry, 14, 166, n=40), PAINT_BLUE, 2)
    for k in range(5):
        x = cx - 150 + k * 75
        y = 330 + (8 if k % 2 else 0)
        g.line(_chaikin([(x - 20, y + 18), (x, y - 14), (x + 18, y + 20)], 2), PAINT_BLUE, 3)
        g.ell(x, y - 18, 6, 6, PAINT_BLUE, None)
    g.line(_ellipse_pts(cx, 400, 92, 12, 10, 170, n=24), PAINT_BLUE, 3)
    g.poly([(412, 236), (428, 246), (440, 236)], _darker(CERAMIC, 0.35), None, 0)


def _draw_brick(g: _G, rnd: random.Random) -> None:
    front = [(230, 240), (700, 240), (700, 430), (230, 430)]
    top = [(230, 240), (330, 170), (800, 170), (700, 240)]
    side = [(700, 240), (800, 170), (800, 360), (700, 430)]
    g.poly(top, _lighter(BRICK_GREY, 0.18))
    g.poly(side, _darker(BRICK_GREY, 0.18))
    g.poly(front, BRICK_GREY)
    for _ in range(160):
        x, y = rnd.uniform(240, 690), rnd.uniform(250, 420)
        c = _lighter(BRICK_GREY, 0.25) if rnd.random() < 0.5 else _darker(BRICK_GREY, 0.22)
        g.ell(x, y, rnd.uniform(1.5, 3.5), rnd.uniform(1.5, 3), c, None)
    g.rect(380, 276, 560, 396, _darker(BRICK_GREY, 0.12), _darker(BRICK_GREY, 0.4), 3)
    g.line([(384, 392), (556, 392), (556, 280)], _lighter(BRICK_GREY, 0.2), 2)
    for x in (412, 470, 528):  # worn, illegible stamped marks
        for y in range(290, 370, 26):
            for _ in range(rnd.randint(2, 3)):
                ax, ay = x + rnd.uniform(-14, 8), y + rnd.uniform(0, 16)
                if rnd.random() < 0.5:
                    g.line([(ax, ay), (ax + rnd.uniform(8, 20), ay + rnd.uniform(-3, 3))],
                           _darker(BRICK_GREY, 0.42), 4)
                else:
                    g.line([(ax, ay), (ax + rnd.uniform(-4, 4), ay + rnd.uniform(8, 18))],
                           _darker(BRICK_GREY, 0.42), 4)
    g.poly([(230, 240), (260, 240), (250, 262), (230, 270)], _darker(BRICK_GREY, 0.3), None, 0)
    g.poly([(560, 240), (600, 240), (590, 252)], _darker(BRICK_GREY, 0.3), None, 0)
    g.poly(front, None)


def _draw_book(g: _G, rnd: random.Random) -> None:
    g.rect(340, 104, 700, 482, _darker(INDIGO, 0.25))
    g.rect(326, 94, 686, 476, (226, 216, 190))
    for y in range(104, 472, 8):
        g.line([(676, y), (686, y + 4)], (190, 180, 156), 1)
    g.rect(306, 82, 666, 466, INDIGO)
    for y in (120, 220, 328, 428):
        g.line([(640, y), (666, y)], (236, 230, 214), 3)
    g.line([(640, 120), (640, 428)], (236, 230, 214), 3)
    for y in (120, 220, 328, 428):
        g.ell(640, y, 4, 4, (30, 30, 40), None)
    g.line([(640, 82), (640, 96)], (236, 230, 214), 3)
    g.line([(640, 452), (640, 466)], (236, 230, 214), 3)
    g.rect(334, 110, 388, 330, (232, 222, 196), width=2)
    g.rect(340, 116, 382, 324, None, (120, 100, 80), 1.2)
    _scribble_column(g, 361, 130, 316, rnd, 28, OBJ_INK, 3.5)
    g.line([(312, 88), (312, 460)], _lighter(INDIGO, 0.2), 3)


def _draw_generic(g: _G, rnd: random.Random) -> None:
    front = [(310, 250), (660, 250), (660, 460), (310, 460)]
    top = [(310, 250), (400, 180), (750, 180), (660, 250)]
    side = [(660, 250), (750, 180), (750, 390), (660, 460)]
    g.poly(top, _lighter(CARDBOARD, 0.15))
    g.poly(side, _darker(CARDBOARD, 0.15))
    g.poly(front, CARDBOARD)
    g.poly([(310, 250), (660, 250), (660, 292), (310, 292)], _lighter(CARDBOARD, 0.06))
    g.poly([(660, 250), (750, 180), (750, 222), (660, 292)], _darker(CARDBOARD, 0.08))
    g.rect(420, 326, 550, 412, (240, 236, 226), width=2.5)
    g.text(485, 369, "?", 52, (110, 96, 76))
    g.ell(705, 330, 22, 12, _darker(CARDBOARD, 0.45), width=2)


_MOTIF_DRAWERS: dict[str, Callable[[_G, random.Random], None]] = {
    "rifle": _draw_rifle, "helmet": _draw_helmet, "canteen": _draw_canteen, "shell": _draw_shell,
    "leaflet": _draw_leaflet, "telegram": _draw_telegram, "map": _draw_map, "medal": _draw_medal,
    "badge": _draw_badge, "letter": _draw_letter, "photo_album": _draw_photo_album,
    "bayonet": _draw_bayonet, "radio": _draw_radio, "flag": _draw_flag, "armband": _draw_armband,
    "coin": _draw_coin, "bowl": _draw_bowl, "brick": _draw_brick, "book": _draw_book,
}

_MOTIF_ZOOM = {
    "rifle": 1.04, "helmet": 1.22, "canteen": 1.12, "shell": 1.12, "leaflet": 1.08,
    "telegram": 1.14, "map": 1.1, "medal": 1.1, "badge": 1.14, "letter": 1.04,
    "photo_album": 1.1, "bayonet": 1.1, "radio": 1.16, "flag": 1.04, "armband": 1.2,
    "coin": 1.16, "bowl": 1.22, "brick": 1.18, "book": 1.1,
}

OBJ_BG_TOP = (238, 235, 228)
OBJ_BG_BOTTOM = (214, 209, 198)
BAND = (58, 54, 48)


def render_object(out: Path, motif: str, name_zh: str, name_en: str, accession: str) -> None:
    """A simple drawing for an object; an unknown motif gets a generic box."""
    # Only the drawing is supersampled; the ground and the text are drawn at 1x
    # (FreeType already smooths text), which keeps a drawing near 50 ms.
    u = _SS
    obj_w, obj_h = OBJECT_SIZE
    img = _vgradient((obj_w, obj_h), OBJ_BG_TOP, OBJ_BG_BOTTOM)
    # the object is drawn on a transparent stage first, so its shadow can sit under it
    sx, sy, sw, sh = 40, 10, 1120, 630
    layer = Image.new("RGBA", (sw * u, sh * u), (0, 0, 0, 0))
    g = _G(layer, (100 - sx) * u, (40 - sy) * u, u)
    key = (motif or "").strip().lower().replace("-", "_").replace(" ", "_")
    drawer = _MOTIF_DRAWERS.get(key, _draw_generic)
    rnd = random.Random(f"{key}|{accession}")
    g.zoom = _MOTIF_ZOOM.get(key, 1.2)
    drawer(g, rnd)
    left, top, right, bottom = layer.getchannel("A").getbbox() or (sw // 2, sh // 2, 3 * sw // 2, 3 * sh // 2)
    bbox = (left // u * u, top // u * u, -(-right // u) * u, -(-bottom // u) * u)  # out to whole u
    obj = layer.crop(bbox).reduce(u)
    ox, oy = sx + bbox[0] // u, sy + bbox[1] // u
    cx = ox + obj.width / 2
    base = min(oy + obj.height + 14, 622)
    half = max(120, obj.width * 0.48)
    box = (int(cx - half) - 2, int(base - 28), int(cx + half) + 2, int(base + 28))
    shadow = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
    sd = ImageDraw.Draw(shadow)
    scx, scy = cx - box[0], base - box[1]
    for k in range(7):
        rx, ry = half * (1 - 0.08 * k), 26 - 3 * k
        sd.ellipse((scx - rx, scy - ry, scx + rx, scy + ry), fill=9 + 8 * k)
    img.paste((120, 112, 100), box[:2], shadow)
    img.paste(obj, (ox, oy), obj)
    u = 1
    g = _G(img, 0, 0, u)

    d = g.d
    x0, x1 = 70 * u, 1130 * u
    d.line((x0, 652 * u, x1, 652 * u), fill=(150, 140, 124), width=u)
    # accession block on the right
    acc_label = _font(17 * u)
    _text(d, (x1, 668 * u), "藏品编号 Accession no.", acc_label, (112, 102, 88), anchor="ra")
    facc, acc_lines = _fit(accession or "—", 320 * u, 34 * u, 18 * u, 1)
    _text(d, (x1, 694 * u), acc_lines[0], facc, (58, 50, 42), anchor="ra")
    # names on the left
    fzh, zh_lines, fen, en_lines = _fit_names(name_zh or "", name_en or "", 700 * u, 170 * u, u)
    y = 664 * u
    for ln in zh_lines:
        _text(d, (x0, y), ln, fzh, (40, 34, 28))
        y += round(_line_h(fzh) * 1.02)
    y += 4 * u
    for ln in en_lines:
        _text(d, (x0, y), ln, fen, (84, 74, 62))
        y += _line_h(fen)
    # the notice band
    d.rectangle((0, 842 * u, obj_w, obj_h), fill=BAND)
    _text(d, (obj_w // 2, 871 * u), BAND_TEXT, _font(23 * u), (236, 228, 210), anchor="mm")
    _save(img, out)


# --------------------------------------------------------------------------
# Section title cards

SECTION_TINTS = [(200, 176, 132), (150, 162, 136), (182, 124, 104), (136, 150, 166), (170, 150, 128),
                 (158, 146, 168)]
_CN_NUM = "一二三四五六七八九十"


def render_section(out: Path, title_zh: str, title_en: str, index: int = 0, code: str = "") -> None:
    """A title card: the section title in Chinese and English on a tinted ground."""
    u = _SS
    sec_w, sec_h = SECTION_SIZE[0] * u, SECTION_SIZE[1] * u
    tint = SECTION_TINTS[index % len(SECTION_TINTS)]
    img = _vgradient((sec_w, sec_h), _lighter(tint, 0.55), _lighter(tint, 0.22))
    d = ImageDraw.Draw(img)
    dark = _darker(tint, 0.62)
    # a large faint numeral on the right
    numeral = _CN_NUM[index] if 0 <= index < len(_CN_NUM) else str(index + 1)
    mx, my, mr = sec_w - 330 * u, sec_h // 2, 220 * u
    ring = _mix(_lighter(tint, 0.4), tint, 0.5)
    d.ellipse((mx - mr, my - mr, mx + mr, my + mr), outline=ring, width=10 * u)
    d.ellipse((mx - mr + 22 * u, my - mr + 22 * u, mx + mr - 22 * u, my + mr - 22 * u), outline=ring,
              width=3 * u)
    _text(d, (mx, my), numeral, _font(250 * u), ring, anchor="mm")
    # double frame
    d.rectangle((36 * u, 36 * u, sec_w - 36 * u, sec_h - 36 * u), outline=_darker(tint, 0.3), width=3 * u)
    d.rectangle((48 * u, 48 * u, sec_w - 48 * u, sec_h - 48 * u), outline=_darker(tint, 0.3), width=u)
    x = 130 * u
    label = f"第{numeral}展区 · Section {index + 1}"
    _text(d, (x, 170 * u), label, _font(30 * u), _darker(tint, 0.45))
    fzh, zh_lines = _fit(title_zh or "", 1060 * u, 128 * u, 60 * u, 2)
    y = 250 * u
    for ln in zh_lines:
        _text(d, (x, y), ln, fzh, dark)
        y += round(_line_h(fzh) * 1.0)
    y += 14 * u
    d.rectangle((x, y, x + 160 * u, y + 6 * u), fill=_darker(tint, 0.35))
    y += 36 * u
    fen, en_lines = _fit(title_en or "", 1060 * u, 60 * u, 30 * u, 2)
    for ln in en_lines:
        _text(d, (x, y), ln, fen, _darker(tint, 0.5))
        y += _line_h(fen)
    foot = _font(24 * u)
    _text(d, (x, sec_h - 96 * u), "衡阳保卫战 1944 · The Defence of Hengyang, 1944", foot, _darker(tint, 0.45),
          anchor="ls")
    _text(d, (sec_w - 80 * u, sec_h - 96 * u), "示意图 · generated title card", _font(20 * u), _darker(tint, 0.4),
          anchor="rs")
    _save(img.reduce(u), out)


# --------------------------------------------------------------------------
# Everything for the loader

def _read_list(path: Path) -> list[dict]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [r for r in data if isinstance(r, dict)] if isinstance(data, list) else []


def _safe_name(text: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", text, flags=re.ASCII).strip("._") or "x"


def render_all(data_dir: Path, out_dir: Path) -> list[Illustration]:
    """Render the map, one drawing per object and one card per section into out_dir.

    Reads objects.json, places.json and sections.json from data_dir (a missing
    or unreadable file counts as empty). Returns the illustrations in order:
    map, objects (file order), sections (file order).
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    objects = _read_list(data_dir / "objects.json")
    places = _read_list(data_dir / "places.json")
    sections = _read_list(data_dir / "sections.json")

    jobs: list[tuple[Illustration, Callable[[], None]]] = []
    path = out_dir / "map-hengyang.png"
    jobs.append((Illustration(
        "map-hengyang", path,
        caption_zh("衡阳城防示意图(1944年),河道、铁路与位置均为示意,空心标记为估计位置"),
        caption_en("schematic map of the Hengyang defences in 1944; rivers, railways and "
                   "positions are approximate, hollow markers are estimates")),
        partial(render_map, path, places)))

    seen: set[str] = set()
    for obj in objects:
        acc = str(obj.get("accession") or "").strip()
        if not acc or acc in seen:
            continue
        seen.add(acc)
        zh, en = str(obj.get("name_zh") or ""), str(obj.get("name_en") or "")
        motif = str(obj.get("drawing") or "")
        path = out_dir / f"object-{_safe_name(acc)}.png"
        jobs.append((Illustration(
            f"object-{acc}", path,
            caption_zh(f"{zh or '藏品'}({acc})的简单绘图"),
            caption_en(f"simple drawing of {en or 'the object'} ({acc})")),
            partial(render_object, path, motif, zh, en, acc)))

    for index, sec in enumerate(sections):
        code = str(sec.get("code") or "").strip()
        if not code:
            continue
        zh, en = str(sec.get("title_zh") or ""), str(sec.get("title_en") or "")
        path = out_dir / f"section-{_safe_name(code)}.png"
        jobs.append((Illustration(
            f"section-{code}", path,
            caption_zh(f"展区标题卡「{zh}」"),
            caption_en(f"title card for the section “{en}”")),
            partial(render_section, path, zh, en, index, code)))

    # Pillow releases the GIL while resizing and encoding, so two workers help
    # on a 2-core machine; fonts are per thread.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(fn) for _, fn in jobs]:
            future.result()
    return [ill for ill, _ in jobs]
