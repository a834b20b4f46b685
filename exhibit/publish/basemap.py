"""The kiosk map's base drawing: rivers, the old city wall and railways, read from GeoJSON.

The geometry is data (`exhibit/data/basemap.geojson`), not code, so a curator or a
later survey can correct a river's course or the wall's outline without touching
the program. Coordinates are WGS-84 `[lon, lat]` as RFC 7946 has them. A feature
may name the place record it stands for (`place`): on the map the river's name,
not a dot beside it, then opens that place.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from exhibit.errors import ExhibitError

BASEMAP_FILE = Path(__file__).resolve().parent.parent / "data" / "basemap.geojson"
KINDS = {"river": "LineString", "railway": "LineString", "wall": "Polygon"}


class BasemapError(ExhibitError):
    """The base map file cannot be read; the message names the file and the feature."""


@dataclass(frozen=True)
class Feature:
    kind: str                              # "river", "railway" or "wall"
    name_zh: str
    name_en: str
    points: tuple[tuple[float, float], ...]  # (lat, lon); a wall's ring is closed
    place_key: str = ""                    # the place record this feature stands for, if any
    width_m: float = 0.0                   # a river's width, for drawing it to scale
    approximate: bool = True


@dataclass(frozen=True)
class Basemap:
    features: tuple[Feature, ...]
    focus: tuple[float, float, float, float] | None  # (west, south, east, north) the map opens on

    @property
    def approximate(self) -> bool:
        return any(f.approximate for f in self.features)


def load_basemap(path: Path = BASEMAP_FILE) -> Basemap:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BasemapError(f"{path}: the base map cannot be read ({exc})") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise BasemapError(f"{path}: the base map is not a GeoJSON FeatureCollection")
    features = tuple(_feature(path, i, f) for i, f in enumerate(data.get("features") or []))
    focus = data.get("focus")
    if focus is not None:
        if not (isinstance(focus, list) and len(focus) == 4 and all(_number(v) for v in focus)
                and focus[0] < focus[2] and focus[1] < focus[3]):
            raise BasemapError(f"{path}: 'focus' must be [west, south, east, north] in degrees")
        focus = tuple(float(v) for v in focus)
    return Basemap(features, focus)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _feature(path: Path, index: int, raw: object) -> Feature:
    where = f"{path}: feature {index + 1}"
    if not isinstance(raw, dict):
        raise BasemapError(f"{where} is not a GeoJSON feature")
    props = raw.get("properties") or {}
    geometry = raw.get("geometry") or {}
    kind = props.get("kind")
    if kind not in KINDS:
        raise BasemapError(f"{where}: kind must be one of {', '.join(sorted(KINDS))}, not {kind!r}")
    if geometry.get("type") != KINDS[kind]:
        raise BasemapError(f"{where} ({kind}) needs a {KINDS[kind]} geometry")
    coords = geometry.get("coordinates") or []
    if kind == "wall":
        coords = coords[0] if coords else []
    points = []
    for pair in coords:
        if not (isinstance(pair, list) and len(pair) >= 2 and _number(pair[0]) and _number(pair[1])
                and -180 <= pair[0] <= 180 and -90 <= pair[1] <= 90):
            raise BasemapError(f"{where}: {pair!r} is not a [lon, lat] pair")
        points.append((float(pair[1]), float(pair[0])))
    if len(points) < (4 if kind == "wall" else 2):
        raise BasemapError(f"{where}: too few points for a {kind}")
    width = props.get("width_m", 0)
    return Feature(kind, str(props.get("name_zh") or ""), str(props.get("name_en") or ""), tuple(points),
                   str(props.get("place") or ""), float(width) if _number(width) else 0.0,
                   bool(props.get("approximate", True)))
