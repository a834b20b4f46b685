"""A cell painter for long record lists: one line of plain text, nothing else.

QStyledItemDelegate lays out every cell with a QTextLayout through the style
(check box, icon and decoration slots, wrapping, eliding), which is most of a
frame when a screen of new rows is painted: measured at 1,000,000 objects,
10.7 ms for a 1366×768 table of new rows against 8.0 ms drawing the same
text with QPainter.drawText (ui/bench_ui.py). Record lists show one line of
text a cell, so this delegate draws just that: background (selected or
alternate), the text (elided with "…" only when it might not fit) and the
focus frame. Editing is not offered (the form on the right edits).
"""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionFocusRect, QStyleOptionViewItem

_FLAGS = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine)
_PAD = 4
_SELECTED = QStyle.StateFlag.State_Selected
_FOCUS = QStyle.StateFlag.State_HasFocus
_ACTIVE = QStyle.StateFlag.State_Active
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate


class PlainTextDelegate(QStyledItemDelegate):
    """Paints `model.text(row, column)` of a RecordTableModel (or anything with that method)."""

    def __init__(self, model, parent=None) -> None:
        super().__init__(parent)
        self._model = model

    def set_model(self, model) -> None:
        self._model = model

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect: QRect = option.rect
        palette = option.palette
        state = option.state
        group = QPalette.ColorGroup.Active if state & _ACTIVE else QPalette.ColorGroup.Inactive
        if state & _SELECTED:
            painter.fillRect(rect, palette.brush(group, QPalette.ColorRole.Highlight))
            painter.setPen(palette.color(group, QPalette.ColorRole.HighlightedText))
        else:
            if option.features & _ALTERNATE:
                painter.fillRect(rect, palette.brush(group, QPalette.ColorRole.AlternateBase))
            painter.setPen(palette.color(group, QPalette.ColorRole.Text))
        text = self._model.text(index.row(), index.column())
        if text:
            inner = rect.adjusted(_PAD, 0, -_PAD, 0)
            metrics = option.fontMetrics
            # The widest glyph times the length is an upper bound: most cells
            # (numbers, dates, short names) surely fit and skip measuring.
            if len(text) * metrics.maxWidth() > inner.width():
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
            painter.drawText(inner, _FLAGS, text)
        if state & _FOCUS:
            focus = QStyleOptionFocusRect()
            focus.rect = rect
            focus.state = state
            focus.backgroundColor = palette.color(group, QPalette.ColorRole.Highlight
                                                  if state & _SELECTED else QPalette.ColorRole.Base)
            widget = option.widget
            style = widget.style() if widget is not None else None
            if style is not None:
                style.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, widget)
