"""What the map shows at one view: the names along rivers and railways, each place's label,
and pointers at the edge towards places out of view.

QML keeps the view (its centre in kilometres and its scale in pixels per
kilometre) and asks for a layout when the view settles (shown, zoomed, panned,
the language or the text size changed); while a finger moves the map, labels
ride along with their points and the layout is made again when it stops. The
geometry is maplabels.py's; this module measures the texts with the fonts QML
draws them in and turns the answer into plain lists QML binds to.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from PySide6.QtGui import QFont, QFontMetricsF

from exhibit.publish.kiosk_data import MapData
from ui.common import typefaces
from ui.kiosk.maplabels import Box, Glyph, Stroke, StrokeIndex, glyph_boxes, intersects, line_label, place_labels

ARROWS = 8   # a pointer's arrow turns in steps of 45°


@dataclass(frozen=True)
class View:
    width: float        # the map's viewport, pixels
    height: float
    cx: float           # the view's centre, kilometres east and south of the map's north-west corner
    cy: float
    scale: float        # pixels per kilometre

    def to_px(self, km_x: float, km_y: float) -> tuple[float, float]:
        return (km_x - self.cx) * self.scale + self.width / 2, (km_y - self.cy) * self.scale + self.height / 2

    def to_km(self, px: float, py: float) -> tuple[float, float]:
        return (px - self.width / 2) / self.scale + self.cx, (py - self.height / 2) / self.scale + self.cy


def _font(px: float, lang: str, italic: bool = False, bold: bool = False) -> QFont:
    """The font QML draws a `lang` text in: its language's family order (Theme.family)."""
    font = typefaces.font_for(lang)
    font.setPixelSize(max(1, round(px)))
    font.setItalic(italic)
    font.setBold(bold)
    return font


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


def layout(data: MapData, rows: list[dict[str, Any]], lang: str, view: View, *, label_px: float,
           name_px: float, marker_radius: float, touch: float = 58.0, obstacles: list[Box] = (),
           margin: float = 6.0) -> dict:
    """The layout of `rows` (the places model's rows, in model order) over `data` at `view`."""
    if view.width <= 0 or view.height <= 0 or view.scale <= 0 or not data.width_km:
        return {"labels": [], "features": [], "pointers": []}
    km_w, km_h = data.width_km, data.width_km / data.aspect
    points = [view.to_px(r["x"] * km_w, r["y"] * km_h) for r in rows]
    # A place counts as in view while its marker shows at all; out of view, it gets a pointer.
    in_view = [0 <= x <= view.width and 0 <= y <= view.height for x, y in points]
    marker_boxes = [(x - marker_radius, y - marker_radius, x + marker_radius, y + marker_radius)
                    for (x, y), r, seen in zip(points, rows, in_view) if seen and r.get("shape") == "point"]

    strokes = _strokes(data, view)
    pointers = _pointers(rows, points, in_view, view, label_px, lang, touch, list(obstacles) + marker_boxes, margin)
    taken = list(obstacles) + [p["box"] for p in pointers]
    features = _feature_names(data, lang, view, name_px, marker_boxes, taken, strokes, margin)
    taken += [b for f in features for b in f["boxes"]]

    # Place labels: markers' names; an area's name sits on its point (the wall's inside).
    label_font = QFontMetricsF(_font(label_px, lang))
    area_font = QFontMetricsF(_font(label_px * 1.15, lang, bold=True))
    pad_x, pad_y = label_px * 0.6, label_px * 0.2
    shapes = [r.get("shape", "point") for r in rows]
    sizes = [((area_font if s == "area" else label_font).horizontalAdvance(r["shortName"]) + pad_x,
              (area_font if s == "area" else label_font).height() + pad_y) for r, s in zip(rows, shapes)]
    wanted = [seen and s != "line" for seen, s in zip(in_view, shapes)]
    placed = place_labels([p if w else (-1e6, -1e6) for p, w in zip(points, wanted)], sizes,
                          view.width, view.height, marker_radius,
                          obstacles=taken, centred=[s == "area" for s in shapes],
                          markers=[s == "point" for s in shapes],
                          priority=[float(r.get("event_count") or 0) for r in rows],
                          strokes=StrokeIndex([st for _, st in strokes], view.width, view.height),
                          margin=margin)
    labels = []
    for (px, py), label in zip(points, placed):
        if label is None:
            labels.append({"shown": False, "dx": 0.0, "dy": 0.0, "w": 0.0, "h": 0.0, "leader": False})
        else:
            labels.append({"shown": True, "dx": label.x - px, "dy": label.y - py, "w": label.w, "h": label.h,
                           "leader": label.leader})
    return {"labels": labels,
            "features": [{k: v for k, v in f.items() if k != "boxes"} for f in features],
            "pointers": [{k: v for k, v in p.items() if k != "box"} for p in pointers]}


def _strokes(data: MapData, view: View) -> list[tuple[object, Stroke]]:
    """Every line drawn (rivers to their width, railways, the wall) in pixels, with what it draws."""
    km_w, km_h = data.width_km, data.width_km / data.aspect
    out: list[tuple[object, Stroke]] = []
    for line in data.lines:
        half = max(line.width * km_w * view.scale, 4.0) / 2 if line.kind == "river" else 4.0
        out.append((line, ([view.to_px(x * km_w, y * km_h) for x, y in line.points], half)))
    for area in data.areas:
        out.append((area, ([view.to_px(x * km_w, y * km_h) for x, y in area.points], 4.0)))
    return out


def _feature_names(data: MapData, lang: str, view: View, name_px: float, markers: list[Box],
                   taken: list[Box], strokes: list[tuple[object, Stroke]], margin: float) -> list[dict]:
    """Each river's and railway's name along its course where it shows, rivers first."""
    out: list[dict] = []
    km_w, km_h = data.width_km, data.width_km / data.aspect
    ordered = sorted(data.lines, key=lambda line: (line.kind != "river", -line.width))
    for line in ordered:
        name = line.name_zh if lang == "zh" else line.name_en
        name = name or line.name_en or line.name_zh
        if not name:
            continue
        upright = _has_han(name)
        river = line.kind == "river"
        px = name_px if river else name_px * 0.85
        font = _font(px, lang, italic=river and not upright)
        metrics = QFontMetricsF(font)
        advances = [metrics.horizontalAdvance(ch) for ch in name]
        height = metrics.height() * (0.9 if upright else 0.8)
        stroke = line.width * km_w * view.scale
        inside_water = river and stroke >= height * 1.15
        offset = 0.0 if inside_water else max(stroke, 6.0) / 2 + height * 0.75
        points = [view.to_px(x * km_w, y * km_h) for x, y in line.points]
        others = StrokeIndex([st for owner, st in strokes if owner is not line], view.width, view.height)
        glyphs = line_label(points, advances, name, height, view.width, view.height, upright=upright,
                            offset=offset, avoid=markers, taken=taken, strokes=others, margin=margin)
        if glyphs is None:
            continue
        boxes = glyph_boxes(glyphs, advances, height)
        taken = taken + boxes
        x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
        x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
        out.append({"kind": line.kind, "place": line.place_key, "name": name, "inWater": inside_water,
                    "italic": river and not upright, "fontPx": px, "families": font.families(),
                    "glyphs": [_glyph_km(g, view) for g in glyphs],
                    "centre": list(view.to_km((x0 + x1) / 2, (y0 + y1) / 2)),
                    "w": x1 - x0, "h": y1 - y0, "boxes": boxes})
    return out


def _glyph_km(g: Glyph, view: View) -> list:
    """A glyph as [character, km x, km y, angle]: drawn from kilometres, it rides along with a gesture."""
    x, y = view.to_km(g.x, g.y)
    return [g.ch, x, y, g.angle]


def _pointers(rows: list[dict[str, Any]], points: list[tuple[float, float]], in_view: list[bool],
              view: View, label_px: float, lang: str, touch: float, obstacles: list[Box],
              margin: float) -> list[dict]:
    """A chip at the map's edge for each place out of view, on the line from the centre towards it."""
    metrics = QFontMetricsF(_font(label_px, lang))
    arrow = label_px * 1.1
    chips: list[dict] = []
    cx, cy = view.width / 2, view.height / 2
    for i, ((x, y), seen, row) in enumerate(zip(points, in_view, rows)):
        if seen or row.get("shape") == "line":
            continue
        w = metrics.horizontalAdvance(row["shortName"]) + arrow + label_px * 1.2
        h = max(metrics.height() + label_px * 0.5, touch)  # a finger must hit it
        dx, dy = x - cx, y - cy
        # Where the ray from the centre leaves the map, less the chip's own half size.
        half_w, half_h = view.width / 2 - w / 2 - margin, view.height / 2 - h / 2 - margin
        t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf)
        px, py = cx + dx * t, cy + dy * t
        angle = round(math.degrees(math.atan2(dy, dx)) / (360 / ARROWS)) * (360 / ARROWS)
        chips.append({"index": i, "key": row.get("key", ""), "x": px - w / 2, "y": py - h / 2, "w": w, "h": h,
                      "angle": angle, "arrowFirst": dx < 0})
    _separate(chips, view, obstacles, margin)
    # A chip that found no free spot along its edge is left out rather than drawn over another.
    kept: list[dict] = []
    for chip in chips:
        chip["box"] = (chip["x"], chip["y"], chip["x"] + chip["w"], chip["y"] + chip["h"])
        if not any(intersects(chip["box"], o, 2) for o in [k["box"] for k in kept] + obstacles):
            kept.append(chip)
    return kept


def _separate(chips: list[dict], view: View, obstacles: list[Box], margin: float) -> None:
    """Slide chips along their edge until none covers another or an overlay (scale bar, buttons)."""
    for _ in range(40):
        moved = False
        for i, a in enumerate(chips):
            others = [(b["x"], b["y"], b["x"] + b["w"], b["y"] + b["h"]) for j, b in enumerate(chips) if j != i]
            box = (a["x"], a["y"], a["x"] + a["w"], a["y"] + a["h"])
            hit = next((o for o in others + list(obstacles)
                        if box[0] < o[2] + 4 and o[0] < box[2] + 4 and box[1] < o[3] + 4 and o[1] < box[3] + 4),
                       None)
            if hit is None:
                continue
            vertical_edge = a["x"] <= margin + 1 or a["x"] + a["w"] >= view.width - margin - 1
            if vertical_edge:  # on the left or right edge: move up or down
                a["y"] = hit[3] + 4 if (a["y"] + a["h"] / 2) >= (hit[1] + hit[3]) / 2 else hit[1] - a["h"] - 4
                a["y"] = min(max(a["y"], margin), view.height - a["h"] - margin)
            else:
                a["x"] = hit[2] + 4 if (a["x"] + a["w"] / 2) >= (hit[0] + hit[2]) / 2 else hit[0] - a["w"] - 4
                a["x"] = min(max(a["x"], margin), view.width - a["w"] - margin)
            moved = True
        if not moved:
            return
