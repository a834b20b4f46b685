"""The table view of long record lists: paints a screen of rows in one pass.

QTableView paints cell by cell: for each cell it builds a style option,
asks the model for flags and data and calls the item delegate, which for a
Python delegate means several crossings from C++ into Python a cell. At
1366×768 that is ~190 cells, and measured with bench/curator_list.py the crossings
and enum arithmetic cost more than the text itself: a screen of new rows
took 10–15 ms (6 ms of it inside the delegate, 2.3 ms of which was
drawText), so frames went over 16 ms while scrolling.

`RecordTableView` paints what QTableView would for a list of one-line text
cells (background, selection, text elided with "…", grid lines, the focus
frame), but row by row from the model's cached text tuples
(`RecordTableModel.row_texts`), with the colours worked out once a paint.
Everything else — scrolling, headers, selection, keyboard, drag — is
QTableView's own. A model without `row_texts` is painted by QTableView.
Cell spans are not drawn: record lists have none. A column of one language's
text (name_zh, name_en) is painted in that language's font order
(`column_font`, ui.common.typefaces), the others in the view's font.
"""
from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyleOptionFocusRect, QStyleOptionViewItem, QTableView

from ui.common import typefaces

_FLAGS = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextSingleLine)
_PAD = 4
_ELIDE = Qt.TextElideMode.ElideRight


class RecordTableView(QTableView):
    """A QTableView whose paint of a RecordTableModel costs one Python call a screen, not a few a cell."""

    def paintEvent(self, event) -> None:
        model = self.model()
        row_texts = getattr(model, "row_texts", None)
        if row_texts is None:
            super().paintEvent(event)
            return
        painter = QPainter(self.viewport())
        try:
            self._paint_rows(painter, event.rect(), row_texts)
        finally:
            painter.end()

    # ------------------------------------------------------------ painting

    def _visible_columns(self, left: int, right: int) -> list[tuple[int, int, int]]:
        """(logical column, x, width) of the columns crossing [left, right], in visual order."""
        header = self.horizontalHeader()
        first = header.visualIndexAt(left)
        last = header.visualIndexAt(right)
        if first < 0:
            first = 0
        if last < 0:
            last = header.count() - 1
        out = []
        for visual in range(first, last + 1):
            logical = header.logicalIndex(visual)
            if logical < 0 or header.isSectionHidden(logical):
                continue
            out.append((logical, header.sectionViewportPosition(logical), header.sectionSize(logical)))
        return out

    def _selected_cells(self, first: int, last: int) -> dict[int, tuple[tuple[int, int], ...]]:
        """Per row in [first, last], the column spans (left, right) that are selected."""
        selection = self.selectionModel()
        if selection is None:
            return {}
        out: dict[int, list[tuple[int, int]]] = {}
        for span in selection.selection():
            top, bottom = max(span.top(), first), min(span.bottom(), last)
            for row in range(top, bottom + 1):
                out.setdefault(row, []).append((span.left(), span.right()))
        return {row: tuple(spans) for row, spans in out.items()}

    def column_font(self, column: int) -> QFont:
        """The font a column's texts are painted in: a column of Chinese or of English
        (name_zh, name_en) in that language's family order, as the form's fields, so “” in
        Chinese are full-width and in English narrow (ui.common.typefaces); any other column
        in the view's font, which follows the window's language."""
        model = self.model()
        columns = model.columns() if hasattr(model, "columns") else []
        lang = columns[column].language() if 0 <= column < len(columns) else None
        return typefaces.font_for(lang, self.font()) if lang else self.font()

    def _column_faces(self, columns: list[tuple[int, int, int]]) -> dict[int, tuple[QFont, QFontMetrics, int]]:
        """(font, metrics, widest glyph) per visible column, one of each per family order."""
        made: dict[tuple[str, ...], tuple[QFont, QFontMetrics, int]] = {}
        faces = {}
        for column, _, _ in columns:
            font = self.column_font(column)
            key = tuple(font.families())
            if key not in made:
                metrics = QFontMetrics(font)
                made[key] = (font, metrics, metrics.maxWidth())
            faces[column] = made[key]
        return faces

    def _colours(self) -> tuple[QPalette.ColorGroup, QPalette]:
        palette = self.palette()
        if not self.isEnabled():
            return QPalette.ColorGroup.Disabled, palette
        active = self.isActiveWindow()
        return (QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive), palette

    def _paint_rows(self, painter: QPainter, dirty: QRect, row_texts) -> None:
        vheader = self.verticalHeader()
        count = self.model().rowCount()
        if count == 0:
            return
        first = vheader.visualIndexAt(dirty.top())
        last = vheader.visualIndexAt(dirty.bottom())
        if first < 0:
            return  # the dirty area is below the last row
        if last < 0:
            last = count - 1
        columns = self._visible_columns(dirty.left(), dirty.right())
        if not columns:
            return
        group, palette = self._colours()
        roles = QPalette.ColorRole
        highlight = palette.brush(group, roles.Highlight)
        alternate = palette.brush(group, roles.AlternateBase) if self.alternatingRowColors() else None
        text_pen = QPen(palette.color(group, roles.Text))
        selected_pen = QPen(palette.color(group, roles.HighlightedText))
        grid = 1 if self.showGrid() else 0
        faces = self._column_faces(columns)
        painted_font = None
        selected = self._selected_cells(first, last)
        current = self.currentIndex()
        focus_at = ((current.row(), current.column())
                    if current.isValid() and self.hasFocus() else None)
        left_edge = min(x for _, x, _ in columns)
        right_edge = max(x + w for _, x, w in columns)

        for row in range(first, last + 1):
            if vheader.isSectionHidden(row):
                continue
            y = vheader.sectionViewportPosition(row)
            height = vheader.sectionSize(row) - grid
            texts = row_texts(row)
            spans = selected.get(row, ())
            if alternate is not None and row % 2:
                painter.fillRect(left_edge, y, right_edge - left_edge, height, alternate)
            painter.setPen(text_pen)
            pen_selected = False
            for column, x, width in columns:
                is_selected = any(a <= column <= b for a, b in spans) if spans else False
                if is_selected:
                    painter.fillRect(x, y, width - grid, height, highlight)
                if is_selected != pen_selected:
                    painter.setPen(selected_pen if is_selected else text_pen)
                    pen_selected = is_selected
                text = texts[column] if texts is not None else ""
                if text:
                    font, metrics, wide = faces[column]
                    if font is not painted_font:
                        painter.setFont(font)
                        painted_font = font
                    inner = width - grid - 2 * _PAD
                    # The widest glyph times the length is an upper bound: most
                    # cells (numbers, dates, short names) surely fit unmeasured.
                    if len(text) * wide > inner:
                        text = metrics.elidedText(text, _ELIDE, inner)
                    painter.drawText(QRect(x + _PAD, y, inner, height), _FLAGS, text)
        if grid:
            self._paint_grid(painter, dirty, first, last, columns)
        if focus_at is not None and first <= focus_at[0] <= last:
            self._paint_focus(painter, focus_at, group, palette, selected)

    def _paint_grid(self, painter: QPainter, dirty: QRect, first: int, last: int,
                    columns: list[tuple[int, int, int]]) -> None:
        option = QStyleOptionViewItem()
        option.initFrom(self)
        hint = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        painter.setPen(QPen(QColor.fromRgba(hint & 0xFFFFFFFF), 0, self.gridStyle()))
        vheader = self.verticalHeader()
        bottom = vheader.sectionViewportPosition(last) + vheader.sectionSize(last) - 1
        top = vheader.sectionViewportPosition(first)
        for row in range(first, last + 1):
            y = vheader.sectionViewportPosition(row) + vheader.sectionSize(row) - 1
            painter.drawLine(dirty.left(), y, dirty.right(), y)
        for _, x, width in columns:
            painter.drawLine(x + width - 1, top, x + width - 1, min(bottom, dirty.bottom()))

    def _paint_focus(self, painter: QPainter, at: tuple[int, int], group: QPalette.ColorGroup,
                     palette: QPalette, selected: dict) -> None:
        row, column = at
        index = self.model().index(row, column)
        rect = self.visualRect(index)
        if not rect.isValid():
            return
        spans = selected.get(row, ())
        is_selected = any(a <= column <= b for a, b in spans)
        focus = QStyleOptionFocusRect()
        focus.initFrom(self)
        focus.rect = rect
        # initFrom sets State_KeyboardFocusChange only once the keyboard has moved the
        # focus, as QTableView does: the frame shows for keyboard users, not after a click.
        focus.state = focus.state | QStyle.StateFlag.State_HasFocus
        focus.backgroundColor = palette.color(group, QPalette.ColorRole.Highlight if is_selected
                                              else QPalette.ColorRole.Base)
        self.style().drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus, painter, self)
