"""The map's drawing: rivers and railways of Hengyang, schematic, under the touchable places.

A QQuickPaintedItem (QPainter), because the lines come from Python in the
map's 0…1 frame and must scale with the item; the places themselves are QML
items on top (touch targets). Registered for QML as `Kiosk.MapCanvas`.
"""
from __future__ import annotations

from PySide6.QtCore import Property, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickPaintedItem

QML_IMPORT_NAME = "Kiosk"
QML_IMPORT_MAJOR_VERSION = 1

LAND = QColor("#efe6d2")
WATER = QColor("#5b8db8")
RAIL = QColor("#3a3530")
LABEL = QColor("#2f4f6f")


@QmlElement
class MapCanvas(QQuickPaintedItem):
    linesChanged = Signal()
    fontScaleChanged = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lines: list = []
        self._font_scale = 1.0
        self.setAntialiasing(True)

    def _get_lines(self) -> list:
        return self._lines

    def _set_lines(self, value: list) -> None:
        self._lines = list(value or [])
        self.linesChanged.emit()
        self.update()

    lines = Property("QVariantList", _get_lines, _set_lines, notify=linesChanged)

    def _get_font_scale(self) -> float:
        return self._font_scale

    def _set_font_scale(self, value: float) -> None:
        self._font_scale = float(value)
        self.fontScaleChanged.emit()
        self.update()

    fontScale = Property(float, _get_font_scale, _set_font_scale, notify=fontScaleChanged)

    def paint(self, painter: QPainter) -> None:
        w, h = self.width(), self.height()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(0, 0, int(w), int(h), LAND)
        unit = h / 800.0
        for line in self._lines:
            points = [QPointF(x * w, y * h) for x, y in line.get("points", [])]
            if len(points) < 2:
                continue
            path = QPainterPath(points[0])
            for p in points[1:]:
                path.lineTo(p)
            if line.get("kind") == "river":
                main = "湘" in line.get("name", "") or "Xiang" in line.get("name", "")
                painter.setPen(QPen(WATER, (26 if main else 12) * unit, Qt.PenStyle.SolidLine,
                                    Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
                painter.drawPath(path)
            else:
                painter.setPen(QPen(RAIL, 9 * unit, Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap))
                painter.drawPath(path)
                painter.setPen(QPen(LAND, 5 * unit, Qt.PenStyle.CustomDashLine, Qt.PenCapStyle.FlatCap))
                dashed = painter.pen()
                dashed.setDashPattern([2.5, 2.5])
                painter.setPen(dashed)
                painter.drawPath(path)
        font = QFont()
        font.setPixelSize(max(10, int(22 * unit * self._font_scale)))
        font.setItalic(True)
        painter.setFont(font)
        for line in self._lines:
            pts = line.get("points", [])
            if len(pts) < 2:
                continue
            # Label at the line's start (its far end from the city), where places do not crowd.
            x, y = pts[0]
            painter.setPen(LABEL if line.get("kind") == "river" else RAIL)
            px, py = x * w, y * h
            px = min(max(px + 8 * unit, 6 * unit), w - 260 * unit)
            py = min(max(py + 30 * unit, 30 * unit), h - 10 * unit)
            painter.drawText(QPointF(px, py), line.get("name", ""))
