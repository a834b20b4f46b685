"""The record list's own painter: what a curator sees must be what QTableView shows."""
from __future__ import annotations

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPalette, QStandardItem, QStandardItemModel  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyleOptionViewItem, QTableView  # noqa: E402

from exhibit import services  # noqa: E402
from exhibit.listing import ListQuery  # noqa: E402
from ui.common.qtfonts import ensure_cjk_font  # noqa: E402
from ui.curator.models import RecordTableModel, configure_table_view  # noqa: E402
from ui.curator.record_table import RecordTableView  # noqa: E402


def _show(qtbot, view, model, size=(900, 420)):
    configure_table_view(view, model)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.resize(*size)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def views(qtbot, archive):
    """The curator's view and Qt's own QTableView, side by side over the same list."""
    ensure_cjk_font()
    models = [RecordTableModel(archive, ListQuery("object"), listen=False) for _ in range(2)]
    ours = _show(qtbot, RecordTableView(), models[0])
    qt = _show(qtbot, QTableView(), models[1])
    yield ours, qt, models[0]
    for m in models:
        m.close()


def _image(view) -> QImage:
    return view.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def _cell_ink(image: QImage, view, row: int, column: int) -> int:
    """Pixels in a cell that differ from the cell's own background (its text)."""
    rect = view.visualRect(view.model().index(row, column)).adjusted(1, 1, -1, -1)
    background = image.pixel(rect.left(), rect.top())
    return sum(1 for y in range(rect.top(), rect.bottom()) for x in range(rect.left(), rect.right())
               if image.pixel(x, y) != background)


def _grid_colour(view) -> QColor:
    option = QStyleOptionViewItem()
    option.initFrom(view)
    return QColor.fromRgba(view.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, view)
                           & 0xFFFFFFFF)


def test_every_visible_cell_shows_its_text_and_the_selected_row_is_highlighted(views, archive):
    ours, qt, model = views
    for view in (ours, qt):
        view.selectRow(2)
    image = _image(ours)
    rows = ours.rowAt(ours.viewport().height() - 1)
    assert rows > 10  # a screenful, not one row
    for row in range(rows):
        for column in range(model.columnCount()):
            ink = _cell_ink(image, ours, row, column)
            assert (ink > 20) == bool(model.text(row, column)), (row, column, model.text(row, column))
    palette = ours.palette()
    cell = ours.visualRect(model.index(2, 1))
    assert QColor(image.pixel(cell.left() + 1, cell.top() + 1)) == palette.color(QPalette.ColorRole.Highlight)
    other = ours.visualRect(model.index(5, 1))
    assert QColor(image.pixel(other.left() + 1, other.top() + 1)) == palette.color(QPalette.ColorRole.Base)
    # The grid lines sit where Qt draws them.
    grid = _grid_colour(ours)
    assert QColor(image.pixel(other.center().x(), other.bottom() + 1)) == grid
    assert QColor(image.pixel(other.right() + 1, other.center().y())) == grid


def test_painted_like_qtableview(views):
    """Cell rectangles, backgrounds, selection and grid as QTableView paints them, text in the
    same cells (Qt's delegate lays text out its own way, so ink is compared cell by cell)."""
    ours, qt, model = views
    for view in (ours, qt):
        view.selectRow(3)
        view.horizontalScrollBar().setValue(40)
        view.verticalScrollBar().setValue(4)
    a, b = _image(ours), _image(qt)
    assert a.size() == b.size()
    first = ours.rowAt(0)
    for row in range(first, first + 8):
        for column in range(model.columnCount()):
            ra = ours.visualRect(model.index(row, column))
            rb = qt.visualRect(qt.model().index(row, column))
            assert ra == rb
            if not ra.intersects(ours.viewport().rect()):
                continue
            x, y = max(ra.left(), 0) + 1, ra.top() + 1
            assert a.pixel(x, y) == b.pixel(x, y), (row, column)          # cell background
            assert a.pixel(x, ra.bottom() + 1) == b.pixel(x, rb.bottom() + 1)  # grid line
            assert (_cell_ink(a, ours, row, column) > 20) == (_cell_ink(b, qt, row, column) > 20)


def test_clicks_and_keys_move_the_highlight(qtbot, views):
    ours, _qt, model = views
    rect = ours.visualRect(model.index(6, 2))
    QTest.mouseClick(ours.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.keyClick(ours, Qt.Key.Key_Down)
    image = _image(ours)
    highlight = ours.palette().color(QPalette.ColorRole.Highlight)
    moved = ours.visualRect(model.index(7, 0))
    assert ours.currentIndex().row() == 7
    assert QColor(image.pixel(moved.left() + 1, moved.top() + 1)) == highlight
    left = ours.visualRect(model.index(6, 0))
    assert QColor(image.pixel(left.left() + 1, left.top() + 1)) != highlight


def test_long_text_is_elided_inside_its_column(qtbot, archive):
    ensure_cjk_font()
    obj = services.find(archive, "object", "HY1944.0001")
    obj.name_en = "A very long English name " * 12
    services.update(archive, obj)
    model = RecordTableModel(archive, ListQuery("object"), listen=False)
    view = _show(qtbot, RecordTableView(), model)
    try:
        view.setColumnWidth(2, 120)
        view.setColumnWidth(3, 200)
        image = _image(view)
        cell = view.visualRect(model.index(0, 2))
        base = image.pixel(cell.right() + 3, cell.top() + 3)
        # Nothing of the long name spills over into the next column.
        nxt = view.visualRect(model.index(0, 3))
        spill = [image.pixel(x, y) for y in range(nxt.top() + 1, nxt.bottom())
                 for x in range(nxt.left() + 1, nxt.left() + 3)]
        assert all(p == base for p in spill)
        assert _cell_ink(image, view, 0, 2) > 20
    finally:
        model.close()


def test_a_model_without_row_texts_is_painted_by_qtableview(qtbot):
    model = QStandardItemModel(3, 2)
    for r in range(3):
        for c in range(2):
            model.setItem(r, c, QStandardItem(f"衡阳 {r}{c}"))
    images = []
    for cls in (RecordTableView, QTableView):
        view = cls()
        view.setModel(model)
        view.resize(300, 200)
        qtbot.addWidget(view)
        view.show()
        qtbot.waitExposed(view)
        images.append(_image(view))
    assert images[0] == images[1]
