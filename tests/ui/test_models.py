"""The record table and thumbnail grid models, offscreen, over the sample archive."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QPixmap, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QListView  # noqa: E402

from bench.corpus import generate_objects  # noqa: E402
from exhibit import listing, services  # noqa: E402
from exhibit.listing import ListQuery  # noqa: E402
from ui.common.events import events  # noqa: E402
from ui.common.qtfonts import ensure_cjk_font  # noqa: E402
from ui.common.thumbnails import ThumbnailLoader, placeholder  # noqa: E402
from ui.curator.commands import undo  # noqa: E402
from ui.curator.models import RecordTableModel, ThumbnailGridModel, configure_grid_view, configure_table_view  # noqa: E402
from ui.curator.record_table import RecordTableView  # noqa: E402

Display = Qt.ItemDataRole.DisplayRole


def column(model, col: int) -> list[str]:
    return [model.data(model.index(r, col), Display) for r in range(model.rowCount())]


@pytest.fixture
def table(qtbot, archive):
    ensure_cjk_font()
    model = RecordTableModel(archive, ListQuery("object"))
    view = RecordTableView()
    configure_table_view(view, model)
    view.resize(1100, 600)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    yield view, model
    view.close()
    model.close()


def test_rows_and_columns_of_objects(table, archive):
    view, model = table
    assert model.rowCount() == 42
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Accession no.", "Name (Chinese)", "Name (English)", "Category", "Date", "Status"]
    first = services.find(archive, "object", "HY1944.0001")
    assert [model.data(model.index(0, c), Display) for c in range(3)] == \
        [first.accession, first.name_zh, first.name_en]
    # Vocabulary codes show as the term's name in the window's language.
    assert model.data(model.index(0, 5), Display) == "On display"
    assert "document_propaganda" not in column(model, 3)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.UserRole) == ("object", first.id)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert view.horizontalHeader().sortIndicatorSection() == 0  # sorted by accession, and it says so


def test_header_click_sorts_by_that_column(table, qtbot):
    view, model = table
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(1) + header.sectionSize(1) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    names = column(model, 1)
    order = header.sortIndicatorOrder()
    assert header.sortIndicatorSection() == 1
    assert names == sorted(names, reverse=order == Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "title_zh"
    # Clicking again reverses the order.
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert column(model, 1) == list(reversed(names))


def test_sort_keeps_the_current_record(table):
    view, model = table
    view.selectRow(10)
    record = model.data(model.index(10, 0), Qt.ItemDataRole.UserRole)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    english = column(model, 2)
    assert english == sorted(english, key=lambda s: s.lower(), reverse=True)
    current = view.currentIndex()
    assert model.data(current, Qt.ItemDataRole.UserRole) == record
    assert current.row() == model.row_of(record[1])
    assert [i.row() for i in view.selectionModel().selectedRows()] == [current.row()]


def test_sort_by_category_uses_vocabulary_order(table, archive):
    _, model = table
    model.sort(3, Qt.SortOrder.AscendingOrder)
    from exhibit import vocab
    position = {t.code: t.position for t in vocab.terms(archive.db, "category")}
    codes = [model.row_values(r)[3] for r in range(model.rowCount())]
    assert [position[c] for c in codes] == sorted(position[c] for c in codes)


def test_paging_deep_in_a_big_list(qtbot, blank_archive):
    generate_objects(blank_archive, 6000, random.Random(3))
    model = RecordTableModel(blank_archive, ListQuery("object"), max_pages=4, listen=False)
    assert model.rowCount() == 6000
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)  # above SYNC_BELOW: ids from a pool thread
    assert model.page_loads == 0  # nothing is read until it is shown
    for row in (5999, 4000, 2570, 256, 255, 0, 3333):
        record_id = model.id_at(row)
        expected = listing.fetch_rows(blank_archive, "object", [record_id], ["accession", "name_zh"])[record_id]
        assert model.data(model.index(row, 0), Display) == expected[0]
        assert model.data(model.index(row, 1), Display) == expected[1]
        assert model.row_of(record_id) == row
    assert model.cached_pages() <= 4  # the LRU stays bounded
    loads = model.page_loads
    model.data(model.index(3334, 0), Display)  # same page as 3333: cached
    assert model.page_loads == loads
    assert model.data(model.index(5999, 0), Display) == "UB0006000"  # accession order, last


def test_set_query_filters_and_searches(table):
    view, model = table
    model.set_query(ListQuery("object", category="iron_metal"))
    assert model.rowCount() == 7
    model.set_query(ListQuery("object", search="钢盔"))
    assert model.rowCount() >= 1 and all("钢盔" in t for t in column(model, 1)[:1])
    model.set_query(ListQuery("person", sort="title_en"))
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Key"
    assert "方先觉" in column(model, 1)


def test_edit_refreshes_the_row(table, archive):
    view, model = table
    stack = QUndoStack()
    row = 5
    record = services.get(archive, "object", model.id_at(row))
    renamed = replace(record, name_zh="测试改名藏品")
    undo.run(stack, "rename", lambda: services.update(archive, renamed),
             lambda: services.update(archive, record), [("object", record.id)])
    assert model.data(model.index(row, 1), Display) == "测试改名藏品"
    stack.undo()
    assert model.data(model.index(row, 1), Display) == record.name_zh


def test_edit_moves_the_row_when_sorted_by_that_column(table, archive):
    _, model = table
    model.sort(1, Qt.SortOrder.AscendingOrder)
    last = model.id_at(model.rowCount() - 1)
    record = services.get(archive, "object", last)
    services.update(archive, replace(record, name_zh="一"))  # sorts first by code point among these
    events().changed("object", last)
    names = column(model, 1)
    assert names == sorted(names)
    assert model.row_of(last) == names.index("一")


def test_refresh_in_a_big_list_rereads_only_the_edited_page(blank_archive, monkeypatch):
    import ui.curator.models as models

    generate_objects(blank_archive, 3000, random.Random(5))
    monkeypatch.setattr(models, "REQUERY_LIMIT", 1000)
    model = RecordTableModel(blank_archive, ListQuery("object"), listen=False)
    row = 2800
    record = services.get(blank_archive, "object", model.id_at(row))
    assert model.data(model.index(row, 1), Display) == record.name_zh
    blank_archive.db.execute("UPDATE objects SET name_zh = '新名' WHERE id = ?", [record.id])
    changed = []
    model.dataChanged.connect(lambda a, b, roles=(): changed.append((a.row(), b.row())))
    model.refresh([record.id])
    assert changed == [(row, row)]
    assert model.data(model.index(row, 1), Display) == "新名"


def test_create_and_delete_change_the_row_count(table, archive):
    from exhibit.records import ArchiveObject

    _, model = table
    new = services.create(archive, ArchiveObject(accession="HY1944.9999", name_zh="新藏品"))
    events().changed("object", new.id)
    assert model.rowCount() == 43
    assert model.data(model.index(model.row_of(new.id), 1), Display) == "新藏品"
    services.delete(archive, "object", new.id)
    events().record_deleted.emit("object", new.id)
    assert model.rowCount() == 42 and model.row_of(new.id) == -1


def test_language_change_asks_for_headers_again(table, qtbot):
    _, model = table
    with qtbot.waitSignal(model.headerDataChanged, timeout=1000):
        events().language_changed.emit("zh")


def test_grid_shows_thumbnails_after_loading(qtbot, archive, tmp_path):
    ensure_cjk_font()
    source = RecordTableModel(archive, ListQuery("object"))
    loader = ThumbnailLoader(archive.media_root, box=96)
    grid = ThumbnailGridModel(source, loader)
    view = QListView()
    configure_grid_view(view, grid)
    view.resize(900, 600)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    try:
        assert grid.rowCount() == 42
        index = grid.index(0)
        assert "\n" in grid.data(index, Display)  # Chinese and English title
        first = grid.data(index, Qt.ItemDataRole.DecorationRole)
        qtbot.waitUntil(lambda: grid.data(index, Qt.ItemDataRole.DecorationRole) is not placeholder(96),
                        timeout=5000)
        pixmap = grid.data(index, Qt.ItemDataRole.DecorationRole)
        assert isinstance(pixmap, QPixmap) and not pixmap.isNull()
        assert max(pixmap.width(), pixmap.height()) == 96
        assert first is placeholder(96) or first.cacheKey() == pixmap.cacheKey()
        # The visible items load too, then the view shows them.
        qtbot.waitUntil(lambda: loader.pending_count() == 0, timeout=10000)
        view.grab().save(str(tmp_path / "grid.png"))
    finally:
        loader.shutdown()
        view.close()
        source.close()


def test_loader_deduplicates_requests(qtbot, archive):
    loader = ThumbnailLoader(archive.media_root, box=64)
    media = listing.thumbnail_media(archive, "object", [1])[1]
    ready = []
    loader.ready.connect(lambda t, i, img: ready.append((t, i, img.width(), img.height())))
    for _ in range(5):
        loader.request("object", 1, media)
    loader.request("object", 2, media)  # another record with the same image: one decode
    assert loader.pending_count() == 1
    qtbot.waitUntil(lambda: len(ready) == 2, timeout=5000)
    assert sorted(r[1] for r in ready) == [1, 2]
    assert max(ready[0][2:]) == 64
    assert loader.pixmap(media) is not None
    loader.shutdown()


def test_loader_reports_a_missing_file(qtbot, archive):
    from exhibit.records import Media

    loader = ThumbnailLoader(archive.media_root, box=64)
    failed = []
    loader.failed.connect(lambda t, i, why: failed.append(why))
    ghost = Media(sha256="0" * 64, path="originals/00/missing.jpg", original_name="missing.jpg")
    loader.request("object", 1, ghost)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert "missing" in failed[0]
    assert loader.pixmap(ghost) is None and loader.has_failed(ghost)
    loader.shutdown()


def test_loader_drops_requests_scrolled_away(qtbot, archive, monkeypatch):
    import threading

    from PySide6.QtCore import QRunnable

    import ui.common.thumbnails as thumbnails

    monkeypatch.setattr(thumbnails, "MAX_WANTED", 1)
    loader = ThumbnailLoader(archive.media_root, box=48, threads=1)
    gate = threading.Event()

    class Block(QRunnable):
        def run(self) -> None:
            gate.wait(5)

    loader.pool.start(Block(), 1_000_000)  # hold the only worker while requests queue up
    found = listing.thumbnail_media(archive, "object", list(range(1, 43)))
    distinct = list({m.sha256: (rid, m) for rid, m in found.items()}.values())[:3]
    assert len(distinct) == 3
    ready = []
    loader.ready.connect(lambda t, i, img: ready.append(i))
    for record_id, media in distinct:
        loader.request("object", record_id, media)
    gate.set()
    qtbot.waitUntil(lambda: loader.pending_count() == 0, timeout=5000)
    assert ready == [distinct[-1][0]]  # only the newest was still wanted
    # Asked for again (scrolled back), an old one loads.
    loader.request("object", distinct[0][0], distinct[0][1])
    qtbot.waitUntil(lambda: distinct[0][0] in ready, timeout=5000)
    loader.shutdown()


# ---------------------------------------------------------------- long lists load their ids off the UI thread

@pytest.fixture
def lazy(monkeypatch):
    """Lists above 10 rows take the long-list path: first ids now, the rest from a pool thread."""
    monkeypatch.setattr(RecordTableModel, "sync_below", 10)


def accessions(model) -> list[str]:
    return column(model, 0)


def test_long_list_shows_its_first_rows_at_once_then_fills_in(qtbot, archive, lazy):
    full = listing.record_ids(archive, ListQuery("object"))
    expected = [services.get(archive, "object", i).accession for i in full]
    model = RecordTableModel(archive, ListQuery("object"), page_size=4)
    view = RecordTableView()
    configure_table_view(view, model)
    view.resize(900, 500)
    qtbot.addWidget(view)
    try:
        # The count and the first 4 pages of ids are there before the event loop runs.
        assert model.loading
        assert model.rowCount() == 42 and view.model().rowCount() == 42
        assert list(model.ids()) == list(full[:16])
        assert accessions(model)[:16] == expected[:16]
        assert accessions(model)[16:] == [""] * 26  # not known yet: empty, not wrong
        assert model.id_at(3) == full[3] and model.id_at(30) == -1
        assert model.data(model.index(30, 0), Qt.ItemDataRole.UserRole) is None
        assert model.row_of(full[3]) == 3 and model.row_of(full[30]) == -1
        view.show()
        qtbot.waitExposed(view)
        with qtbot.waitSignal(model.dataChanged, timeout=5000):
            pass
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        assert accessions(model) == expected
        assert list(model.ids()) == list(full)
        assert model.row_of(full[30]) == 30 and model.id_at(30) == full[30]
        view.scrollToBottom()
        last = view.indexAt(view.viewport().rect().bottomLeft() + QPoint(5, -5))
        assert last.isValid() and last.data(Display) == expected[last.row()] != ""
    finally:
        view.close()
        model.close()


def test_short_lists_keep_the_exact_path(archive, lazy):
    model = RecordTableModel(archive, ListQuery("object", category="iron_metal"), listen=False)
    assert not model.loading and model.rowCount() == 7 == len(model.ids())
    model.set_query(ListQuery("object", search="钢盔"))  # a search never takes the long path
    assert not model.loading and model.rowCount() == len(model.ids()) >= 1
    model.close()


def test_set_query_while_loading_drops_the_stale_list(qtbot, archive, lazy):
    model = RecordTableModel(archive, ListQuery("object"), page_size=4, listen=False)
    assert model.loading
    newer = ListQuery("object", sort="title_en", descending=True)
    model.set_query(newer)
    assert model.loading and model.rowCount() == 42
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    qtbot.wait(200)  # the first load, if it finished late, must change nothing
    assert list(model.ids()) == list(listing.record_ids(archive, newer))
    # A query short enough for the exact path, while a long load runs: the load is ignored.
    model.set_query(ListQuery("object"))
    assert model.loading
    model.set_query(ListQuery("object", category="iron_metal"))
    assert not model.loading and model.rowCount() == 7
    qtbot.wait(300)
    assert model.rowCount() == 7 and len(model.ids()) == 7
    model.close()


def test_close_while_loading_ignores_the_load(qtbot, archive, lazy):
    from PySide6.QtCore import QThreadPool

    model = RecordTableModel(archive, ListQuery("object"), page_size=4)
    changed = []
    model.dataChanged.connect(lambda *a: changed.append(a))
    model.modelReset.connect(lambda: changed.append("reset"))
    known = list(model.ids())
    model.close()
    assert not model.loading
    assert QThreadPool.globalInstance().waitForDone(5000)  # the worker ends (interrupted or done)
    qtbot.wait(100)  # a queued result, if any, is delivered now and ignored
    assert changed == [] and list(model.ids()) == known
    events().records_changed.emit("object", [known[0]])  # closed: no longer listening
    assert changed == []


def test_delete_while_loading(qtbot, archive, lazy):
    full = listing.record_ids(archive, ListQuery("object"))
    model = RecordTableModel(archive, ListQuery("object"), page_size=4, listen=False)
    assert model.loading
    gone = full[30]  # past the known ids
    services.delete(archive, "object", gone, cascade=True)
    model.remove_record(gone)
    qtbot.waitUntil(lambda: not model.loading, timeout=5000)
    assert model.rowCount() == 41 and gone not in model.ids()
    assert list(model.ids()) == list(listing.record_ids(archive, ListQuery("object")))
    model.close()


def test_grid_over_a_long_list_fills_in(qtbot, archive, lazy, tmp_path):
    model = RecordTableModel(archive, ListQuery("object"), page_size=4, listen=False)
    loader = ThumbnailLoader(archive.media_root, box=64)
    grid = ThumbnailGridModel(model, loader)
    try:
        assert grid.rowCount() == 42
        assert grid.data(grid.index(30), Qt.ItemDataRole.UserRole) is None
        assert grid.data(grid.index(30), Display) == ""
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        record_id = model.id_at(30)
        assert grid.data(grid.index(30), Qt.ItemDataRole.UserRole) == ("object", record_id)
        assert grid.data(grid.index(30), Display) != ""
    finally:
        loader.shutdown()
        model.close()


def test_narrow_filter_over_a_long_table_loads_off_the_ui_thread(qtbot, archive, monkeypatch):
    """7 of 42 rows: below the dense share, so no first ids (they would scan the index); rows fill in."""
    monkeypatch.setattr(RecordTableModel, "sync_below", 5)
    query = ListQuery("object", category="iron_metal")
    full = listing.record_ids(archive, query)
    model = RecordTableModel(archive, query, page_size=4, listen=False)
    try:
        assert model.loading and model.rowCount() == 7 == len(full)
        assert accessions(model) == [""] * 7 and model.id_at(0) == -1
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        assert list(model.ids()) == list(full)
        assert accessions(model) == [services.get(archive, "object", i).accession for i in full]
    finally:
        model.close()


def test_sorting_a_long_list_does_not_wait_for_the_whole_list(qtbot, archive, lazy):
    model = RecordTableModel(archive, ListQuery("object"), page_size=4, listen=False)
    try:
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        resets = []
        model.modelReset.connect(lambda: resets.append(1))
        model.sort(2, Qt.SortOrder.DescendingOrder)  # Name (English), Z first
        expected = listing.record_ids(archive, ListQuery("object", sort="title_en", descending=True))
        assert model.loading and resets == [1] and model.rowCount() == 42
        assert list(model.ids()) == list(expected[:16])  # the first rows at once
        qtbot.waitUntil(lambda: not model.loading, timeout=5000)
        assert list(model.ids()) == list(expected)
        assert model.sort_column() == 2
    finally:
        model.close()


def test_curator_keeps_the_open_record_selected_after_a_long_sort(qtbot, archive, monkeypatch):
    from unittest import mock

    from ui.curator.editor.forms import RecordForm
    from ui.curator.window import CuratorWindow

    monkeypatch.setattr(RecordTableModel, "sync_below", 10)
    with mock.patch.object(RecordForm, "ask", return_value=True):
        window = CuratorWindow(archive)
        qtbot.addWidget(window)
        try:
            qtbot.waitUntil(lambda: not window.model.loading, timeout=5000)
            record_id = window.model.id_at(5)
            assert window.select("object", record_id)
            window.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
            qtbot.waitUntil(lambda: not window.model.loading, timeout=5000)
            row = window.model.row_of(record_id)
            assert row >= 0 and window.table.currentIndex().row() == row
            assert window.form.current.record.id == record_id
        finally:
            window.close()
