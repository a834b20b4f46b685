"""Where each place's label goes on the map (right, left, below or above its marker).

Greedy: places in crowded spots choose first; each takes the side whose label
box overlaps least with the markers, the labels already placed and the map's
edge. Pure geometry: the caller measures the label widths.
"""
from __future__ import annotations

SIDES = ("right", "left", "below", "above")


def _box(side: str, cx: float, cy: float, w: float, h: float, r: float) -> tuple[float, float, float, float]:
    if side == "right":
        return cx + r, cy - h / 2, cx + r + w, cy + h / 2
    if side == "left":
        return cx - r - w, cy - h / 2, cx - r, cy + h / 2
    if side == "below":
        return cx - w / 2, cy + r * 0.8, cx + w / 2, cy + r * 0.8 + h
    return cx - w / 2, cy - r * 0.8 - h, cx + w / 2, cy - r * 0.8


def _overlap(a, b) -> float:
    dx = min(a[2], b[2]) - max(a[0], b[0])
    dy = min(a[3], b[3]) - max(a[1], b[1])
    return dx * dy if dx > 0 and dy > 0 else 0.0


def place_labels(points: list[tuple[float, float]], sizes: list[tuple[float, float]],
                 width: float, height: float, radius: float) -> list[str]:
    """points: marker centres in pixels; sizes: label (w, h); radius: half a marker's touch area."""
    markers = [(x - radius * 0.8, y - radius * 0.8, x + radius * 0.8, y + radius * 0.8) for x, y in points]

    def crowding(i: int) -> float:
        x, y = points[i]
        return -sum(1 for j, (a, b) in enumerate(points) if j != i and abs(a - x) + abs(b - y) < 6 * radius)

    sides = ["right"] * len(points)
    placed: list[tuple[float, float, float, float]] = []
    for i in sorted(range(len(points)), key=crowding):
        best, best_cost = "right", float("inf")
        for rank, side in enumerate(SIDES):
            box = _box(side, *points[i], *sizes[i], radius)
            cost = sum(_overlap(box, m) for j, m in enumerate(markers) if j != i)
            cost += sum(_overlap(box, p) for p in placed) * 2
            outside = (max(0, -box[0]) + max(0, box[2] - width)) * sizes[i][1] \
                + (max(0, -box[1]) + max(0, box[3] - height)) * sizes[i][0]
            cost += outside * 3 + rank  # ties go to the reading order: right first
            if cost < best_cost:
                best, best_cost = side, cost
        sides[i] = best
        placed.append(_box(best, *points[i], *sizes[i], radius))
    return sides
