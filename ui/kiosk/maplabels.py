"""Where each place's name goes on the map: no two names overlap, none leaves the map.

Pure geometry (the caller measures the texts). Each label tries candidate
positions around its marker: the eight positions touching it first, in the
cartographers' order of preference (upper right, right, lower right, above,
below, upper left, left, lower left), then the same eight farther out, drawn
with a leader line back to the marker. A candidate is refused if it leaves the
map, covers a marker or something the map keeps clear (scale bar, the river
names, the pointers at the edge), or touches a label already placed. Labels
with the fewest free candidates choose first; a label left without any tries
to move one label in its way to another free spot. What still finds no room
is not shown (the place keeps its marker, and zooming in makes room): a label
is never drawn over another.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

Box = tuple[float, float, float, float]   # x0, y0, x1, y1

# Unit directions, in order of preference; (0, 0) is "centred on the point" (areas only).
DIRECTIONS: tuple[tuple[float, float], ...] = (
    (1, -1), (1, 0), (1, 1), (0, -1), (0, 1), (-1, -1), (-1, 0), (-1, 1))
# Then above and below, the box slid to start or end over the point (a long name finds room
# beside a neighbour's): (direction up or down, which way the box extends).
SLID: tuple[tuple[float, float], ...] = ((-1, 1), (-1, -1), (1, 1), (1, -1))
RINGS = 5          # rings of candidates: the first touches the marker, the others need a leader
GAP = 4.0          # pixels kept between a label and anything else


@dataclass(frozen=True)
class Label:
    x: float               # top-left corner, pixels
    y: float
    w: float
    h: float
    leader: bool = False   # placed away from its marker: draw a line back to it

    @property
    def box(self) -> Box:
        return self.x, self.y, self.x + self.w, self.y + self.h


def intersects(a: Box, b: Box, gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


def inside(a: Box, width: float, height: float, margin: float = 0.0) -> bool:
    return a[0] >= margin and a[1] >= margin and a[2] <= width - margin and a[3] <= height - margin


def _candidates(cx: float, cy: float, w: float, h: float, radius: float, centred: bool) -> list[tuple[Label, float]]:
    """(label, cost) for every position tried, cheapest first within each ring."""
    out: list[tuple[Label, float]] = []
    if centred:  # an area's name: on its point, or shifted a little, never with a leader
        for k, (fx, fy) in enumerate(((0, 0), (-0.3, 0), (0.3, 0), (0, -1), (0, 1), (-0.3, -1), (0.3, -1),
                                      (-0.3, 1), (0.3, 1))):
            out.append((Label(cx - w / 2 + fx * w, cy - h / 2 + fy * h, w, h), k * 0.5))
        base = 30.0   # the ring positions, with a leader, only if nothing near the point is free
    else:
        base = 0.0
    step = h * 1.1
    for ring in range(RINGS):
        reach = radius + GAP + ring * step
        for rank, (dx, dy) in enumerate(DIRECTIONS):
            # The box's nearest corner or edge sits `reach` from the point, along the direction.
            diagonal = dx != 0 and dy != 0
            d = reach * (0.75 if diagonal else 1.0)
            x = cx + dx * d - (w / 2) * (1 - dx)
            y = cy + dy * d - (h / 2) * (1 - dy)
            if dx == 0:
                x = cx - w / 2
            if dy == 0:
                y = cy - h / 2
            if centred and ring > 1:
                break   # an area's name far from the area would not read as its name
            out.append((Label(x, y, w, h, leader=ring > 0 or centred), base + ring * 10.0 + rank))
        if centred and ring > 1:
            continue
        for rank, (dy, extends) in enumerate(SLID, start=len(DIRECTIONS)):
            y = cy - reach - h if dy < 0 else cy + reach
            x = cx - radius if extends > 0 else cx + radius - w
            out.append((Label(x, y, w, h, leader=ring > 0 or centred), base + ring * 10.0 + rank * 0.75))
    return out


class BoxIndex:
    """Boxes filed by grid cell: "does this label touch any of them?" without trying every one."""
    CELL = 64.0

    def __init__(self, boxes: list[Box] = ()):
        self._boxes: list[Box] = []
        self._grid: dict[tuple[int, int], list[int]] = {}
        for box in boxes:
            self.add(box)

    def add(self, box: Box) -> None:
        k = len(self._boxes)
        self._boxes.append(box)
        for cell in self._cells(box, 0.0):
            self._grid.setdefault(cell, []).append(k)

    def _cells(self, box: Box, gap: float):
        for gx in range(int((box[0] - gap) // self.CELL), int((box[2] + gap) // self.CELL) + 1):
            for gy in range(int((box[1] - gap) // self.CELL), int((box[3] + gap) // self.CELL) + 1):
                yield gx, gy

    def touches(self, box: Box, gap: float = 0.0) -> bool:
        for cell in self._cells(box, gap):
            for k in self._grid.get(cell, ()):
                if intersects(box, self._boxes[k], gap):
                    return True
        return False

    def count(self, box: Box, gap: float = 0.0) -> int:
        found = {k for cell in self._cells(box, gap) for k in self._grid.get(cell, ())
                 if intersects(box, self._boxes[k], gap)}
        return len(found)


Stroke = tuple[list[tuple[float, float]], float]   # a drawn line (points in pixels) and its half width


class StrokeIndex:
    """The drawn lines, cut into segments and filed by the grid cells they cross, so asking which
    lines pass under a label looks at a few segments instead of every one (a layout asks
    thousands of times). Cells outside the map are never asked about, so none is filed."""
    CELL = 64.0

    def __init__(self, strokes: list[Stroke], width: float, height: float):
        self._segments: list[tuple[tuple[float, float], tuple[float, float], float, int]] = []
        self._grid: dict[tuple[int, int], list[int]] = {}
        last_x, last_y = int(width // self.CELL), int(height // self.CELL)
        for sid, (points, half) in enumerate(strokes):
            for p, q in zip(points, points[1:]):
                x0, x1 = min(p[0], q[0]) - half, max(p[0], q[0]) + half
                y0, y1 = min(p[1], q[1]) - half, max(p[1], q[1]) + half
                if x1 < 0 or y1 < 0 or x0 > width or y0 > height:
                    continue
                k = len(self._segments)
                self._segments.append((p, q, half, sid))
                for gx in range(max(0, int(x0 // self.CELL)), min(last_x, int(x1 // self.CELL)) + 1):
                    for gy in range(max(0, int(y0 // self.CELL)), min(last_y, int(y1 // self.CELL)) + 1):
                        self._grid.setdefault((gx, gy), []).append(k)

    def hits(self, box: Box) -> int:
        """How many of the lines pass under the box (a label over a river or a railway reads worse)."""
        seen: set[int] = set()
        found: set[int] = set()
        for gx in range(int(box[0] // self.CELL), int(box[2] // self.CELL) + 1):
            for gy in range(int(box[1] // self.CELL), int(box[3] // self.CELL) + 1):
                for k in self._grid.get((gx, gy), ()):
                    if k in seen:
                        continue
                    seen.add(k)
                    p, q, half, sid = self._segments[k]
                    if sid not in found and segment_hits_box(p, q, (box[0] - half, box[1] - half,
                                                                     box[2] + half, box[3] + half)):
                        found.add(sid)
        return len(found)


def segment_hits_box(p: tuple[float, float], q: tuple[float, float], box: Box) -> bool:
    """Whether the segment p–q passes through the box (Liang–Barsky clipping)."""
    x0, y0 = p
    dx, dy = q[0] - x0, q[1] - y0
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def leader_end(label: Label, cx: float, cy: float) -> tuple[float, float]:
    """The point of the label's box nearest the marker: where its leader line meets it."""
    return min(max(cx, label.x), label.x + label.w), min(max(cy, label.y), label.y + label.h)


def place_labels(points: list[tuple[float, float]], sizes: list[tuple[float, float]],
                 width: float, height: float, radius: float, *,
                 obstacles: list[Box] = (), centred: list[bool] | None = None,
                 markers: list[bool] | None = None, priority: list[float] | None = None,
                 strokes: StrokeIndex | None = None, margin: float = 0.0) -> list[Label | None]:
    """A label for each point (pixels, the map's top-left at 0, 0), or None where none fits.

    points: marker centres; sizes: label (w, h); radius: a marker's radius. `centred[i]`:
    the label may sit on its point (an area's name, with no marker under it); `markers[i]`
    False: the point has no marker to keep clear. `priority`: higher is placed first among
    labels with as little room. `strokes`: drawn lines a label had better not cover (a cost,
    not a refusal). Points off the map get None.
    """
    n = len(points)
    centred = centred or [False] * n
    markers = markers or [True] * n
    priority = priority or [0.0] * n
    marker_boxes = [(x - radius, y - radius, x + radius, y + radius)
                    for (x, y), has in zip(points, markers) if has]
    on_map = [0 <= x <= width and 0 <= y <= height for x, y in points]

    marker_index, obstacle_index = BoxIndex(marker_boxes), BoxIndex(obstacles)

    def fixed_ok(label: Label) -> bool:
        box = label.box
        return (inside(box, width, height, margin) and not marker_index.touches(box, GAP / 2)
                and not obstacle_index.touches(box, GAP))

    options: list[list[tuple[Label, float]]] = []
    for i in range(n):
        if not on_map[i]:
            options.append([])
            continue
        found = []
        for label, cost in _candidates(*points[i], *sizes[i], radius, centred[i]):
            if not fixed_ok(label):
                continue
            if label.leader:  # a leader through another marker would point at the wrong place,
                end = leader_end(label, *points[i])  # one through a river's name would cut it
                own = (points[i][0] - radius, points[i][1] - radius, points[i][0] + radius, points[i][1] + radius)
                if any(segment_hits_box(points[i], end, m) for m in marker_boxes if m != own) \
                        or any(segment_hits_box(points[i], end, o) for o in obstacles):
                    continue
            found.append((label, cost + (4.0 * strokes.hits(label.box) if strokes else 0.0)))
        found.sort(key=lambda option: option[1])
        options.append(found)

    placed: list[Label | None] = [None] * n

    def leader(i: int, label: Label) -> tuple[tuple[float, float], tuple[float, float]] | None:
        return (points[i], leader_end(label, *points[i])) if label.leader else None

    def clashes(i: int, label: Label) -> list[int]:
        """The labels in the way of label i at `label`: boxes that touch, or a leader through a box
        (a line through a name makes it read as that name's)."""
        mine = leader(i, label)
        out = []
        for j, other in enumerate(placed):
            if other is None or j == i:
                continue
            theirs = leader(j, other)
            if (intersects(label.box, other.box, GAP) or (mine and segment_hits_box(*mine, other.box))
                    or (theirs and segment_hits_box(*theirs, label.box))):
                out.append(j)
        return out

    def crossing_cost(i: int, label: Label) -> float:
        """Leaders that cross each other read badly: a cost, not a refusal."""
        mine = leader(i, label)
        if not mine:
            return 0.0
        return sum(15.0 for j, other in enumerate(placed) if other is not None and j != i
                   and (theirs := leader(j, other)) and _segments_cross(*mine, *theirs))

    def best(i: int) -> Label | None:
        """The cheapest free spot; spots are tried cheapest first, so the search stops as soon
        as no spot left can beat the best found (crossings only ever add to a spot's cost)."""
        found, found_cost = None, math.inf
        for label, cost in options[i]:
            if cost >= found_cost:
                break
            if not clashes(i, label):
                total = cost + crossing_cost(i, label)
                if total < found_cost:
                    found, found_cost = label, total
        return found

    order = sorted((i for i in range(n) if options[i]),
                   key=lambda i: (min(len(options[i]), 12), -priority[i], i))
    unplaced = []
    for i in order:
        placed[i] = best(i)
        if placed[i] is None:
            unplaced.append(i)

    def make_room(i: int) -> bool:
        """Put label i down by moving the one or two labels in the way of one of its spots."""
        for label, _ in options[i]:
            blockers = clashes(i, label)
            if not blockers or len(blockers) > 2:
                if not blockers:
                    placed[i] = label
                    return True
                continue
            saved = {j: placed[j] for j in blockers}
            for j in blockers:
                placed[j] = None
            placed[i] = label
            for j in blockers:
                placed[j] = best(j)
                if placed[j] is None:
                    break
            else:
                return True
            for j, old in saved.items():
                placed[j] = old
            placed[i] = None
        return False

    # Improve: with every label down, each looks again for its best spot among the others
    # (the first pass chose before later labels and their leaders were known), and a label
    # still without room asks the labels in its way to move.
    for _ in range(3):
        changed = False
        for i in sorted(unplaced, key=lambda i: -priority[i]):
            if placed[i] is None and make_room(i):
                changed = True
        for i in order:
            if placed[i] is None:
                continue
            current = placed[i]
            better = best(i)
            if better is not None and better != current:
                placed[i] = better
                changed = True
        if not changed:
            break
    return placed


def _segments_cross(p1: tuple[float, float], p2: tuple[float, float],
                    q1: tuple[float, float], q2: tuple[float, float]) -> bool:
    def side(a, b, c) -> float:
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    d1, d2 = side(q1, q2, p1), side(q1, q2, p2)
    d3, d4 = side(p1, p2, q1), side(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


# ---------------------------------------------------------------- names along a line

@dataclass(frozen=True)
class Glyph:
    ch: str
    x: float        # centre, pixels
    y: float
    angle: float    # degrees, clockwise (Qt's rotation); 0 for upright Chinese characters


def _lengths(points: list[tuple[float, float]]) -> list[float]:
    out = [0.0]
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        out.append(out[-1] + math.hypot(x1 - x0, y1 - y0))
    return out


def _at(points: list[tuple[float, float]], lengths: list[float], s: float) -> tuple[float, float, float]:
    """(x, y, direction in radians) at arc length s along the polyline."""
    for k in range(1, len(points)):
        if lengths[k] >= s or k == len(points) - 1:
            seg = lengths[k] - lengths[k - 1] or 1e-9
            t = min(max((s - lengths[k - 1]) / seg, 0.0), 1.0)
            (x0, y0), (x1, y1) = points[k - 1], points[k]
            return x0 + (x1 - x0) * t, y0 + (y1 - y0) * t, math.atan2(y1 - y0, x1 - x0)
    x, y = points[0]
    return x, y, 0.0


def line_label(points: list[tuple[float, float]], advances: list[float], chars: str, height: float,
               width: float, viewport_h: float, *, upright: bool, offset: float = 0.0,
               avoid: list[Box] = (), taken: list[Box] = (), strokes: StrokeIndex | None = None,
               margin: float = 0.0, step: float = 0.0) -> list[Glyph] | None:
    """A name set along a river or railway inside the viewport, or None where it does not fit.

    Chinese characters stand upright, spaced along the course; Latin letters turn with
    it and read left to right (bottom to top on a line running north–south). `offset`
    moves the name off the line's centre (beside a thin line; 0 sits it on a wide river).
    The stretch chosen is straight enough to read, clear of `taken` (refused), of `avoid`
    (markers) and other lines' `strokes` where it can be, and as near the middle of what shows.
    """
    if len(points) < 2 or not chars:
        return None
    spacing = height * 0.55 if upright else 0.0   # river names are set spaced out
    total = sum(advances) + spacing * (len(chars) - 1) if not upright else \
        len(chars) * height + spacing * (len(chars) - 1)
    lengths = _lengths(points)
    step = step or max(16.0, height)   # positions tried along the line, a glyph's height apart
    taken_index, avoid_index = BoxIndex(taken), BoxIndex(avoid)
    if lengths[-1] < total + 2 * step:
        return None
    best: tuple[float, list[Glyph]] | None = None
    s = total / 2 + step
    while s <= lengths[-1] - total / 2 - step:
        glyphs = _set_along(points, lengths, chars, advances, height, s, total, spacing, upright, offset)
        if glyphs is not None:
            boxes = [_glyph_box(g, adv, height) for g, adv in zip(glyphs, advances)]
            if all(inside(b, width, viewport_h, margin) for b in boxes) \
                    and not any(taken_index.touches(b, GAP) for b in boxes):
                cost = abs(s - lengths[-1] / 2) / max(lengths[-1], 1.0) * 10
                cost += sum(25.0 * avoid_index.count(b, GAP) for b in boxes)
                cost += sum(8.0 * strokes.hits(b) for b in boxes) if strokes else 0.0
                if best is None or cost < best[0]:
                    best = (cost, glyphs)
        s += step
    return best[1] if best else None


def _set_along(points, lengths, chars, advances, height, centre, total, spacing, upright, offset):
    """The glyphs of a name centred at arc length `centre`, or None if the stretch bends too much."""
    start = centre - total / 2
    _, _, first_dir = _at(points, lengths, start)
    _, _, last_dir = _at(points, lengths, start + total)
    if abs(_turn(first_dir, last_dir)) > math.radians(35):
        return None
    mean = first_dir + _turn(first_dir, last_dir) / 2
    dx, dy = math.cos(mean), math.sin(mean)
    if upright:  # Chinese reads left to right, or top to bottom down a steep line
        reverse = dy < 0 if abs(dy) > abs(dx) else dx < 0
    else:        # Latin turns with the line: left to right, or upwards on a line straight north–south
        reverse = dx < -1e-6 or (abs(dx) <= 1e-6 and dy > 0)
    order = list(range(len(chars)))
    s = start
    sequence = list(reversed(order)) if reverse else order
    placed: dict[int, Glyph] = {}
    for k in sequence:
        size = height if upright else advances[k]
        x, y, direction = _at(points, lengths, s + size / 2)
        normal = direction - math.pi / 2            # the left side of the direction of travel
        if reverse:
            direction += math.pi
            normal += math.pi
        x += math.cos(normal) * offset
        y += math.sin(normal) * offset
        angle = 0.0 if upright else math.degrees(direction)
        placed[k] = Glyph(chars[k], x, y, angle)
        s += size + spacing
    return [placed[k] for k in order]


def _turn(a: float, b: float) -> float:
    return (b - a + math.pi) % (2 * math.pi) - math.pi


def _glyph_box(g: Glyph, advance: float, height: float) -> Box:
    """A square that holds the glyph whatever its angle (a turned letter's exact box is no better)."""
    r = max(advance, height) / 2
    return g.x - r, g.y - r, g.x + r, g.y + r


def glyph_boxes(glyphs: list[Glyph], advances: list[float], height: float) -> list[Box]:
    return [_glyph_box(g, a, height) for g, a in zip(glyphs, advances)]
