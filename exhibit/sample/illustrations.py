"""Generated illustrations for the sample Hengyang (1944) collection.

Nothing here is a historical photograph or a facsimile: the sample collection
has no real images, so the loader asks this module for a schematic map of the
defences, a drawing of every object (of the kind named by its `drawing` field
in objects.json: `object_kinds.py`), a picture for every panel (drawings of
the objects it shows) and a title card for every section. Every image carries
a visible "illustration" notice and every caption says it is a generated
illustration.

Everything is drawn with Pillow at twice the final size and reduced, which gives
smooth edges without an anti-aliasing library. Chinese text uses the project's
CJK font (`exhibit.fonts.find_cjk_font`). Randomness comes only from generators
seeded by the object, so every run gives the same files.
"""
from __future__ import annotations

import json
import math
import random
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Sequence

from PIL import Image, ImageDraw, ImageFilter

from exhibit.sample.drawing import Pen
from exhibit.sample.drawing import chaikin as _chaikin
from exhibit.sample.drawing import darker as _darker
from exhibit.sample.drawing import draw_text as _text
from exhibit.sample.drawing import fit as _fit
from exhibit.sample.drawing import font as _font
from exhibit.sample.drawing import lighter as _lighter
from exhibit.sample.drawing import line_h as _line_h
from exhibit.sample.drawing import mix as _mix
from exhibit.sample.drawing import rotate as _rotate
from exhibit.sample.drawing import save_png as _save
from exhibit.sample.drawing import text_w as _text_w
from exhibit.sample.drawing import vgradient as _vgradient
from exhibit.sample.drawing import wrap as _wrap
from exhibit.sample.object_kinds import KINDS, DrawingKind, kind_for

# Final sizes in pixels.
MAP_SIZE = (1800, 1400)
OBJECT_SIZE = (1200, 900)
SECTION_SIZE = (1600, 900)

_SS = 2  # supersampling factor: draw at 2x, then reduce

NOTICE_ZH = "示意图（生成插图，非历史照片）"
NOTICE_EN = "Illustration (generated, not a historical photograph)"
BAND_TEXT = "示意图 · Illustration — not a historical photograph"

# The kinds of object drawing, as objects.json names them in `drawing` (object_kinds.KINDS).
MOTIFS = tuple(KINDS)

MAP_TITLE_ZH = "衡阳城防示意图（1944年）"
MAP_TITLE_EN = "Hengyang defences, 1944 (schematic)"


@dataclass(frozen=True)
class Illustration:
    key: str  # "map-hengyang", "object-HY1944.0001", "section-s1-road", "panel-p01-hunan-front"
    path: Path
    caption_zh: str
    caption_en: str


def caption_zh(subject: str) -> str:
    return f"{NOTICE_ZH}：{subject}"


def caption_en(subject: str) -> str:
    return f"{NOTICE_EN}: {subject}"


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
# Object drawings: the kinds are in object_kinds.py, drawn by drawings_paper.py and drawings_things.py

OBJ_BG_TOP = (238, 235, 228)
OBJ_BG_BOTTOM = (214, 209, 198)
BAND = (58, 54, 48)
SHADOW = (120, 112, 100)

# The design space every drawing is made in (drawing.Pen), with a margin for what reaches past it.
_DESIGN = (1000, 560)
_MARGIN = (80, 60)
# How large a drawing is shown on the object card (final px), and how far a small one may be enlarged.
_FIT = (1040, 570)
_MAX_SCALE = 1.45
_PROBE = 0.25  # the scale of the trial drawing that measures the object


def draw_object(kind: DrawingKind, accession: str) -> Image.Image:
    """The object alone, as an RGBA cut-out at final size that fits in _FIT.

    A quick trial drawing at quarter scale measures what the kind draws; the
    real one is then made at _SS times the scale that fits it and reduced,
    which is faster and sharper than drawing at one size and resampling.
    """
    mx, my = _MARGIN
    probe = Image.new("RGBA", (round((_DESIGN[0] + 2 * mx) * _PROBE), round((_DESIGN[1] + 2 * my) * _PROBE)))
    kind.draw(Pen(probe, mx * _PROBE, my * _PROBE, _PROBE, measuring=True), random.Random(f"{kind.name}|{accession}"))
    found = probe.getchannel("A").getbbox() or (0, 0, probe.width, probe.height)
    x0, y0 = found[0] / _PROBE - mx - 6, found[1] / _PROBE - my - 6  # design units, with a little room
    x1, y1 = found[2] / _PROBE - mx + 6, found[3] / _PROBE - my + 6
    scale = min(_FIT[0] / (x1 - x0), _FIT[1] / (y1 - y0), _MAX_SCALE)
    s = scale * _SS
    stage = Image.new("RGBA", (math.ceil((x1 - x0) * s) + 2 * _SS, math.ceil((y1 - y0) * s) + 2 * _SS))
    kind.draw(Pen(stage, -x0 * s + _SS, -y0 * s + _SS, s), random.Random(f"{kind.name}|{accession}"))
    bbox = stage.getchannel("A").getbbox() or (0, 0, stage.width, stage.height)
    bbox = (bbox[0] // _SS * _SS, bbox[1] // _SS * _SS, -(-bbox[2] // _SS) * _SS, -(-bbox[3] // _SS) * _SS)
    return stage.crop(bbox).reduce(_SS)


def _lay_on(img: Image.Image, obj: Image.Image, x: int, y: int, flat: bool) -> None:
    """Put a cut-out on the card with its shadow: cast below-right if it lies flat, a floor shadow if it stands."""
    if flat:
        # blurred at half size: a soft shadow needs no detail, and it is four times less work
        pad = 24
        mask = Image.new("L", ((obj.width + 2 * pad) // 2, (obj.height + 2 * pad) // 2), 0)
        small = obj.getchannel("A").reduce(2).point(lambda a: a * 3 // 8)
        mask.paste(small, (pad // 2, pad // 2))
        mask = mask.filter(ImageFilter.GaussianBlur(3.5)).resize((mask.width * 2, mask.height * 2),
                                                                 Image.Resampling.BILINEAR)
        img.paste(SHADOW, (x - pad + 8, y - pad + 10), mask)
    else:
        cx, base = x + obj.width / 2, y + obj.height + 6
        half = max(60.0, obj.width * 0.48)
        box = (int(cx - half) - 2, int(base - 24), int(cx + half) + 2, int(base + 24))
        shadow = Image.new("L", (box[2] - box[0], box[3] - box[1]), 0)
        sd = ImageDraw.Draw(shadow)
        scx, scy = cx - box[0], base - box[1]
        for k in range(7):
            rx, ry = half * (1 - 0.08 * k), 22 - 2.6 * k
            sd.ellipse((scx - rx, scy - ry, scx + rx, scy + ry), fill=9 + 8 * k)
        img.paste(SHADOW, box[:2], shadow)
    img.paste(obj, (x, y), obj)


def render_object(out: Path, motif: str, name_zh: str, name_en: str, accession: str) -> Image.Image:
    """The object's card: its drawing, its names and number, the notice band. Returns the drawing alone.

    `motif` names the kind of drawing (objects.json's `drawing`); an unknown one
    gets the kind the Chinese name matches, else a generic box.
    """
    kind = kind_for(motif, name_zh)
    obj = draw_object(kind, accession)
    obj_w, obj_h = OBJECT_SIZE
    img = _vgradient((obj_w, obj_h), OBJ_BG_TOP, OBJ_BG_BOTTOM)
    # the drawing sits in the space above the names, centred, a standing object a little lower
    x = (obj_w - obj.width) // 2
    top, bottom = 22, 612 if kind.flat else 626
    y = top + (bottom - top - obj.height) // 2
    _lay_on(img, obj, x, y, kind.flat)
    d = ImageDraw.Draw(img)
    x0, x1 = 70, 1130
    d.line((x0, 652, x1, 652), fill=(150, 140, 124), width=1)
    # accession block on the right
    _text(d, (x1, 668), "藏品编号 Accession no.", _font(17), (112, 102, 88), anchor="ra")
    facc, acc_lines = _fit(accession or "—", 320, 34, 18, 1)
    _text(d, (x1, 694), acc_lines[0], facc, (58, 50, 42), anchor="ra")
    # names on the left
    fzh, zh_lines, fen, en_lines = _fit_names(name_zh or "", name_en or "", 700, 170, 1)
    y = 664
    for ln in zh_lines:
        _text(d, (x0, y), ln, fzh, (40, 34, 28))
        y += round(_line_h(fzh) * 1.02)
    y += 4
    for ln in en_lines:
        _text(d, (x0, y), ln, fen, (84, 74, 62))
        y += _line_h(fen)
    _notice_band(d, obj_w, obj_h)
    _save(img, out)
    return obj


def _notice_band(d: ImageDraw.ImageDraw, w: int, h: int) -> None:
    d.rectangle((0, h - 58, w, h), fill=BAND)
    _text(d, (w // 2, h - 29), BAND_TEXT, _font(23), (236, 228, 210), anchor="mm")


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
# Panel pictures: drawings of the objects a panel shows

PANEL_SIZE = (1280, 720)  # 16:9, as the kiosk's panel cards and the curator's panel preview show it
_PANEL_OBJECTS = 3  # the lead object and up to two beside it


def panel_objects(panels: Sequence[dict], objects: Sequence[dict]) -> dict[str, list[str]]:
    """For each panel code, the accessions its picture shows, lead first.

    A panel's objects are in objects.json order (the order the loader links
    them). The lead is the first that no earlier panel led with, so no two
    panels open on the same picture while there are objects to go round.
    """
    members: dict[str, list[str]] = {}
    for obj in objects:
        acc = str(obj.get("accession") or "").strip()
        for code in obj.get("panels") or []:
            if acc and acc not in members.setdefault(str(code), []):
                members[str(code)].append(acc)
    chosen: dict[str, list[str]] = {}
    leads: set[str] = set()
    for panel in panels:
        code = str(panel.get("code") or "").strip()
        shown = members.get(code, [])
        if not code or not shown:
            continue
        lead = next((acc for acc in shown if acc not in leads), shown[0])
        leads.add(lead)
        chosen[code] = [lead] + [acc for acc in shown if acc != lead][:_PANEL_OBJECTS - 1]
    return chosen


def _shrink(obj: Image.Image, box: tuple[int, int]) -> Image.Image:
    scale = min(box[0] / obj.width, box[1] / obj.height, 1.0)
    if scale >= 1.0:
        return obj
    size = (max(1, round(obj.width * scale)), max(1, round(obj.height * scale)))
    return obj.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def render_panel(out: Path, drawings: Sequence[tuple[Image.Image, bool]], index: int = 0) -> None:
    """A panel's picture: its lead object large on the left, up to two more on the right.

    `drawings` are (cut-out, lies flat) pairs from render_object; the ground
    takes the tint of the panel's section, as the section's title card does.
    """
    w, h = PANEL_SIZE
    tint = SECTION_TINTS[index % len(SECTION_TINTS)]
    img = _vgradient((w, h), _lighter(tint, 0.78), _lighter(tint, 0.6))
    d = ImageDraw.Draw(img)
    top, bottom, margin = 24, h - 76, 40  # the drawings stay above the notice band
    if drawings:
        lead_w = w - 2 * margin if len(drawings) == 1 else round(w * 0.58)
        obj, flat = drawings[0]
        obj = _shrink(obj, (lead_w, bottom - top))
        _lay_on(img, obj, margin + (lead_w - obj.width) // 2, top + (bottom - top - obj.height) // 2, flat)
        x0 = margin + lead_w + 30
        col_w = w - x0 - margin
        rest = drawings[1:]
        slot_h = (bottom - top) // max(1, len(rest))
        for k, (obj, flat) in enumerate(rest):
            obj = _shrink(obj, (col_w, slot_h - 32))
            _lay_on(img, obj, x0 + (col_w - obj.width) // 2, top + k * slot_h + (slot_h - obj.height) // 2, flat)
    _notice_band(d, w, h)
    _save(img, out)


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
    """Render a picture per panel, the map, a drawing per object and a card per section into out_dir.

    Reads objects.json, places.json, sections.json and panels.json from
    data_dir (a missing or unreadable file counts as empty). Returns the
    illustrations in the order the loader links them: panels, map, objects,
    sections (each in file order). Panels come first so that a panel that also
    shows the map keeps its own picture as its primary image.
    """
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    objects = _read_list(data_dir / "objects.json")
    places = _read_list(data_dir / "places.json")
    sections = _read_list(data_dir / "sections.json")
    panels = _read_list(data_dir / "panels.json")

    first: list[tuple[Illustration, Callable[[], None]]] = []
    path = out_dir / "map-hengyang.png"
    first.append((Illustration(
        "map-hengyang", path,
        caption_zh("衡阳城防示意图（1944年），河道、铁路与位置均为示意，空心标记为估计位置"),
        caption_en("schematic map of the Hengyang defences in 1944; rivers, railways and "
                   "positions are approximate, hollow markers are estimates")),
        partial(render_map, path, places)))

    by_acc: dict[str, dict] = {}
    for obj in objects:
        acc = str(obj.get("accession") or "").strip()
        if acc and acc not in by_acc:
            by_acc[acc] = obj
    shown = panel_objects(panels, list(by_acc.values()))
    wanted = {acc for accs in shown.values() for acc in accs}
    drawings: dict[str, tuple[Image.Image, bool]] = {}  # the panels' objects, kept from their cards

    def object_card(path: Path, motif: str, zh: str, en: str, acc: str) -> None:
        drawing = render_object(path, motif, zh, en, acc)
        if acc in wanted:  # each key is written by one worker only
            drawings[acc] = (_shrink(drawing, (round(PANEL_SIZE[0] * 0.58), PANEL_SIZE[1] - 100)),
                             kind_for(motif, zh).flat)

    for acc, obj in by_acc.items():
        zh, en = str(obj.get("name_zh") or ""), str(obj.get("name_en") or "")
        path = out_dir / f"object-{_safe_name(acc)}.png"
        first.append((Illustration(
            f"object-{acc}", path,
            caption_zh(f"{zh or '藏品'}（{acc}）的绘图"),
            caption_en(f"drawing of {en or 'the object'} ({acc})")),
            partial(object_card, path, str(obj.get("drawing") or ""), zh, en, acc)))

    section_index: dict[str, int] = {}
    for index, sec in enumerate(sections):
        code = str(sec.get("code") or "").strip()
        if not code:
            continue
        section_index[code] = index
        zh, en = str(sec.get("title_zh") or ""), str(sec.get("title_en") or "")
        path = out_dir / f"section-{_safe_name(code)}.png"
        first.append((Illustration(
            f"section-{code}", path,
            caption_zh(f"展区标题卡「{zh}」"),
            caption_en(f"title card for the section “{en}”")),
            partial(render_section, path, zh, en, index, code)))

    then: list[tuple[Illustration, Callable[[], None]]] = []
    for panel in panels:
        code = str(panel.get("code") or "").strip()
        if code not in shown:
            continue
        accs = shown.pop(code)
        names_zh = "、".join(str(by_acc[a].get("name_zh") or a) for a in accs)
        names_en = "; ".join(str(by_acc[a].get("name_en") or a) for a in accs)
        path = out_dir / f"panel-{_safe_name(code)}.png"
        index = section_index.get(str(panel.get("section") or ""), 0)
        then.append((Illustration(
            f"panel-{code}", path,
            caption_zh(f"展板「{panel.get('title_zh') or code}」所展藏品的绘图：{names_zh}"),
            caption_en(f"drawings of objects on the panel “{panel.get('title_en') or code}”: {names_en}")),
            partial(lambda p, a, i: render_panel(p, [drawings[x] for x in a if x in drawings], i),
                    path, accs, index)))

    # Pillow releases the GIL while resizing and encoding, so two workers help
    # on a 2-core machine; fonts are per thread. Panels need their objects drawn.
    with ThreadPoolExecutor(max_workers=2) as pool:
        for jobs in (first, then):
            for future in [pool.submit(fn) for _, fn in jobs]:
                future.result()
    return [ill for ill, _ in then] + [ill for ill, _ in first]
