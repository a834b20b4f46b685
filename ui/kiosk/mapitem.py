"""The map's drawing: the rivers to their width, the old city's wall, the railways, and their names.

A QQuickPaintedItem (QPainter), because the geometry comes from Python (the base
map, in the map's 0…1 frame) and is drawn at whatever view QML holds: its centre
in kilometres and its scale in pixels per kilometre, changing with every pinch and
drag. The names along the lines are placed by maplayout.py and given here in
kilometres, so they ride along with a gesture until the next layout. The places
are QML items on top (touch targets). Registered for QML as `Kiosk.MapCanvas`.
"""
from __future__ import annotations

from PySide6.QtCore import Property, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickPaintedItem

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

LAND = QColor("#efe6d2")
CITY = QColor("#e2d2b2")
WALL = QColor("#6b4a2b")
WATER = QColor("#5b8db8")
WATER_TEXT = QColor("#1f4e79")      # a river's name beside it: dark blue on the paper
IN_WATER_TEXT = QColor("#ffffff")   # on a wide river: white on the water
RAIL = QColor("#3a3530")
MIN_RIVER_PX = 4.0


@QmlElement
class MapCanvas(QQuickPaintedItem):
    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list = []
        self._areas: list = []
        self._features: list = []
        self._view: dict = {}
        self.setAntialiasing(True)

    def _set(self, name: str, value) -> None:
        setattr(self, name, value)
        self.changed.emit()
        self.update()

    # The base map's lines and outlines (kiosk.mapLines, kiosk.mapAreas), in the 0…1 frame.
    lines = Property("QVariantList", lambda self: self._lines,
                     lambda self, v: self._set("_lines", list(v or [])), notify=changed)
    areas = Property("QVariantList", lambda self: self._areas,
                     lambda self, v: self._set("_areas", list(v or [])), notify=changed)
    # The names along the lines, from the last layout (maplayout.py), in kilometres.
    features = Property("QVariantList", lambda self: self._features,
                        lambda self, v: self._set("_features", list(v or [])), notify=changed)
    # {cx, cy, scale, kmW, kmH}: the view's centre (km), pixels per km, and the map's size in km.
    view = Property("QVariantMap", lambda self: self._view,
                    lambda self, v: self._set("_view", dict(v or {})), notify=changed)

    def _transform(self):
        v = self._view
        scale = float(v.get("scale") or 0)
        if scale <= 0:
            return None
        km_w, km_h = float(v["kmW"]), float(v["kmH"])
        cx, cy = float(v["cx"]), float(v["cy"])
        w, h = self.width(), self.height()

        def unit(x: float, y: float) -> QPointF:
            return QPointF((x * km_w - cx) * scale + w / 2, (y * km_h - cy) * scale + h / 2)

        def km(x: float, y: float) -> QPointF:
            return QPointF((x - cx) * scale + w / 2, (y - cy) * scale + h / 2)
        return unit, km, scale * km_w

    def paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(0, 0, int(self.width()) + 1, int(self.height()) + 1, LAND)
        transform = self._transform()
        if transform is None:
            return
        unit, km, px_per_unit = transform
        for area in self._areas:
            ring = QPolygonF([unit(x, y) for x, y in area.get("points", [])])
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(CITY))
            painter.drawPolygon(ring)
        for line in self._lines:
            if line.get("kind") == "river":
                self._river(painter, line, unit, px_per_unit)
        for area in self._areas:
            self._wall(painter, [unit(x, y) for x, y in area.get("points", [])])
        for line in self._lines:
            if line.get("kind") == "railway":
                self._railway(painter, self._path([unit(x, y) for x, y in line.get("points", [])]))
        for feature in self._features:
            self._name(painter, feature, km)

    @staticmethod
    def _path(points: list[QPointF]) -> QPainterPath:
        path = QPainterPath(points[0]) if points else QPainterPath()
        for p in points[1:]:
            path.lineTo(p)
        return path

    def _river(self, painter: QPainter, line: dict, unit, px_per_unit: float) -> None:
        points = [unit(x, y) for x, y in line.get("points", [])]
        if len(points) < 2:
            return
        width = max(float(line.get("width") or 0) * px_per_unit, MIN_RIVER_PX)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(WATER, width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                            Qt.PenJoinStyle.RoundJoin))
        painter.drawPath(self._path(points))

    def _wall(self, painter: QPainter, ring: list[QPointF]) -> None:
        """A city wall as maps draw one: a dark line with battlements on its outer side."""
        if len(ring) < 3:
            return
        path = self._path(ring)
        path.closeSubpath()
        scale = max(1.0, self.height() / 800)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(WALL, 3.5 * scale, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap,
                            Qt.PenJoinStyle.MiterJoin))
        painter.drawPath(path)
        merlons = QPen(WALL, 7 * scale, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap,
                       Qt.PenJoinStyle.MiterJoin)
        merlons.setDashPattern([0.8, 0.8])
        painter.setPen(merlons)
        painter.drawPath(path)

    def _railway(self, painter: QPainter, path: QPainterPath) -> None:
        scale = max(1.0, self.height() / 800)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(RAIL, 7 * scale, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
        painter.drawPath(path)
        dashes = QPen(LAND, 3.5 * scale, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap)
        dashes.setDashPattern([3, 3])
        painter.setPen(dashes)
        painter.drawPath(path)

    def _name(self, painter: QPainter, feature: dict, km) -> None:
        """Each glyph at its place along the line, with a halo so it reads over lines and land."""
        font = QFont()
        if feature.get("families"):   # the order maplayout measured it in: its language's
            font.setFamilies([str(f) for f in feature["families"]])
        font.setPixelSize(max(1, round(float(feature.get("fontPx") or 20))))
        font.setItalic(bool(feature.get("italic")))
        font.setBold(feature.get("kind") == "river")
        in_water = bool(feature.get("inWater"))
        fill = IN_WATER_TEXT if in_water else WATER_TEXT if feature.get("kind") == "river" else RAIL
        halo = QPen(WATER if in_water else LAND, max(2.0, font.pixelSize() / 6), Qt.PenStyle.SolidLine,
                    Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        metrics = QFontMetricsF(font)
        for ch, x, y, angle in feature.get("glyphs", []):
            glyph = QPainterPath()
            advance = metrics.horizontalAdvance(ch)
            glyph.addText(QPointF(-advance / 2, (metrics.ascent() - metrics.descent()) / 2), font, ch)
            centre = km(float(x), float(y))
            painter.save()
            painter.translate(centre)
            painter.rotate(float(angle))
            painter.strokePath(glyph, halo)
            painter.fillPath(glyph, QBrush(fill))
            painter.restore()

