"""The curator window as a curator checks it (issue 18).

- The editor always shows the selected record: with HY1944.0014 selected,
  Ctrl+G twice (grid, then list back) left 0014 highlighted in the list while
  the editor and its History tab showed HY1944.0001, so a curator could edit
  the wrong object. These tests select a record, do what a curator does
  (switch views, sort, filter, search, keep unsaved changes) and check that
  the row the list marks is the record the editor, the Images tab and the
  History tab show.
- Every column of every list is on screen at 1366×768 (the Events date was not).
- Pictures show large, fitted, zoomable, captioned in the window's language;
  an image record shows its picture; the Images list names its files whole.
- The first start builds the sample behind a progress dialog that can cancel.
"""
from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from exhibit import services
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.curator.window import RECORD_TYPES, CuratorWindow


@pytest.fixture
def window(qtbot, archive, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.curator.editor.forms import RecordForm

    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    w = CuratorWindow(archive)
    w.view_toggle.setChecked(False)  # the list, whatever an earlier window left in the settings
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    i18n.set_language("en", remember=False)
    QApplication.processEvents()
    w.close()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def object_id(archive, accession: str) -> int:
    return next(o.id for o in services.list_records(archive, "object") if o.accession == accession)


def shown_accession(w) -> str:
    """The accession number the editor shows."""
    return w.form.currentWidget()._editors["accession"].widget.text()


def marked_accession(w) -> str:
    """The accession number of the row the visible view marks as current."""
    view = w.views.currentWidget()
    index = view.selectionModel().currentIndex()
    assert index.isValid(), "no row is marked"
    record_type, record_id = index.data(Qt.ItemDataRole.UserRole)
    return services.get(w.archive, record_type, record_id).accession


def history_record(w) -> tuple[str | None, int | None]:
    return (w.history_view.record_type, w.history_view.record_id)


def click_row(w, qtbot, accession: str) -> None:
    """Click the row of `accession` in the visible view, as a curator would."""
    view = w.views.currentWidget()
    record_id = object_id(w.archive, accession)
    model = view.model()
    row = next(r for r in range(model.rowCount())
               if model.index(r, 0).data(Qt.ItemDataRole.UserRole) == ("object", record_id))
    index = model.index(row, 0)
    view.scrollTo(index)
    QApplication.processEvents()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center())


def assert_editor_follows(w, accession: str) -> None:
    record_id = object_id(w.archive, accession)
    assert marked_accession(w) == accession
    assert shown_accession(w) == accession
    assert w._current == ("object", record_id)
    assert history_record(w) == ("object", record_id)
    assert (w.media_panel.record_type, w.media_panel.record_id) == ("object", record_id)


def test_ctrl_g_twice_keeps_the_selected_record(window, qtbot):
    w = window
    click_row(w, qtbot, "HY1944.0014")
    assert_editor_follows(w, "HY1944.0014")
    w.tabs.setCurrentWidget(w.history_view)
    w.views.currentWidget().setFocus()
    QTest.keyClick(w.views.currentWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.views.currentWidget() is w.grid
    assert_editor_follows(w, "HY1944.0014")
    QTest.keyClick(w.views.currentWidget(), Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    assert w.views.currentWidget() is w.table
    assert_editor_follows(w, "HY1944.0014")


def test_a_click_in_the_grid_then_back_to_the_list(window, qtbot):
    w = window
    w.act_grid.trigger()
    QApplication.processEvents()
    click_row(w, qtbot, "HY1944.0007")
    assert_editor_follows(w, "HY1944.0007")
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, "HY1944.0007")
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, "HY1944.0007")


def test_sorting_keeps_the_selected_record(window, qtbot):
    w = window
    click_row(w, qtbot, "HY1944.0014")
    name_en = next(i for i, c in enumerate(w.model.columns()) if c.field == "name_en")
    w.table.sortByColumn(name_en, Qt.SortOrder.DescendingOrder)
    QApplication.processEvents()
    assert w.model.id_at(0) != object_id(w.archive, "HY1944.0001")  # the order did change
    assert_editor_follows(w, "HY1944.0014")
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, "HY1944.0014")
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, "HY1944.0014")


@pytest.mark.parametrize("grid", [False, True], ids=["list", "grid"])
def test_filter_that_keeps_the_record_keeps_it_open(window, qtbot, grid):
    w = window
    if grid:
        w.act_grid.trigger()
        QApplication.processEvents()
    click_row(w, qtbot, "HY1944.0014")  # a bayonet: category "weapon"
    w.category_filter.setCurrentIndex(w.category_filter.findData("weapon"))
    QApplication.processEvents()
    assert 0 < w.model.rowCount() < 42
    assert_editor_follows(w, "HY1944.0014")
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, "HY1944.0014")


@pytest.mark.parametrize("grid", [False, True], ids=["list", "grid"])
def test_filter_that_drops_the_record_opens_the_first_row(window, qtbot, grid):
    w = window
    if grid:
        w.act_grid.trigger()
        QApplication.processEvents()
    click_row(w, qtbot, "HY1944.0014")
    w.category_filter.setCurrentIndex(w.category_filter.findData("textile"))
    QApplication.processEvents()
    assert w.model.rowCount() > 0
    first = services.get(w.archive, "object", w.model.id_at(0)).accession
    assert first != "HY1944.0014"
    assert_editor_follows(w, first)
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, first)


@pytest.mark.parametrize("grid", [False, True], ids=["list", "grid"])
def test_search_keeps_the_editor_on_the_marked_row(window, qtbot, grid):
    w = window
    if grid:
        w.act_grid.trigger()
        QApplication.processEvents()
    click_row(w, qtbot, "HY1944.0014")
    qtbot.keyClicks(w.search_box, "helmet")
    w.apply_filters()  # what the debounce timer does 250 ms later
    QApplication.processEvents()
    first = services.get(w.archive, "object", w.model.id_at(0)).accession
    assert "helmet" in services.get(w.archive, "object", w.model.id_at(0)).name_en.lower()
    assert_editor_follows(w, first)
    click_row(w, qtbot, services.get(w.archive, "object", w.model.id_at(w.model.rowCount() - 1)).accession)
    last = marked_accession(w)
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, last)
    w.search_box.clear()
    w.apply_filters()
    QApplication.processEvents()
    assert_editor_follows(w, last)  # the cleared search lists it again: it stays open


def test_other_record_types_follow_the_view_switch(window, qtbot):
    w = window
    w.navigator.setCurrentRow(RECORD_TYPES.index("event"))
    QApplication.processEvents()
    w.table.selectRow(5)
    QApplication.processEvents()
    record_id = w.model.id_at(5)
    assert w._current == ("event", record_id)
    w.act_grid.trigger()
    QApplication.processEvents()
    w.act_grid.trigger()
    QApplication.processEvents()
    assert w._current == ("event", record_id)
    assert w.form.currentWidget().record.id == record_id
    assert history_record(w) == ("event", record_id)


# ---------------------------------------------------------------- the list at 1366×768

@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_column_is_on_screen_at_1366x768(window, qtbot, lang):
    """Issue 18: the Events date column was past the right edge; now every column of every type fits."""
    w = window
    i18n.set_language(lang, remember=False)
    QApplication.processEvents()
    for record_type in RECORD_TYPES:
        w.navigator.setCurrentRow(RECORD_TYPES.index(record_type))
        QApplication.processEvents()
        header = w.table.horizontalHeader()
        viewport = w.table.viewport().width()
        columns = w.model.columns()
        assert w.table.horizontalScrollBar().maximum() == 0, record_type  # nothing to scroll to
        char = w.table.fontMetrics().averageCharWidth()
        for i, column in enumerate(columns):
            left = header.sectionViewportPosition(i)
            assert 0 <= left and left + header.sectionSize(i) <= viewport, (record_type, column.field)
            if column.fixed:  # an identifier or a date is never narrowed
                assert header.sectionSize(i) >= column.width * char, (record_type, column.field)
            else:
                assert header.sectionSize(i) >= 8 * char, (record_type, column.field)


def test_event_dates_are_read_whole(window):
    w = window
    w.navigator.setCurrentRow(RECORD_TYPES.index("event"))
    QApplication.processEvents()
    date = next(i for i, c in enumerate(w.model.columns()) if c.field == "date_text")
    metrics = w.table.fontMetrics()
    width = w.table.horizontalHeader().sectionSize(date)
    texts = [w.model.text(r, date) for r in range(w.model.rowCount())]
    assert any("/" in t for t in texts)  # spans such as 1944-06-28/1944-07-02
    cut = [t for t in texts if metrics.horizontalAdvance(t) > width - 8]
    assert not cut


def test_columns_refit_when_the_list_narrows_until_a_curator_drags_one(window, qtbot):
    w = window
    w.navigator.setCurrentRow(RECORD_TYPES.index("event"))
    QApplication.processEvents()
    w.splitter.setSizes([200, 420, 746])
    QApplication.processEvents()
    assert w.table.horizontalScrollBar().maximum() == 0
    header = w.table.horizontalHeader()
    header.resizeSection(1, 300)  # as a drag does, with the mouse button down
    assert not w._widths_by_hand  # no button down: the program's own resize
    qtbot.mousePress(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center())
    header.resizeSection(1, 280)
    qtbot.mouseRelease(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center())
    assert w._widths_by_hand
    w.splitter.setSizes([200, 600, 566])
    QApplication.processEvents()
    assert header.sectionSize(1) == 280  # the curator's width stays
    w.navigator.setCurrentRow(RECORD_TYPES.index("place"))
    QApplication.processEvents()
    assert w.table.horizontalScrollBar().maximum() == 0  # a new type fits again


# ---------------------------------------------------------------- pictures

HAN = re.compile(r"[\u3400-\u9fff]")


def wait_for_picture(qtbot, pane) -> None:
    qtbot.waitUntil(lambda: not pane.displayed_size().isEmpty(), timeout=15_000)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_an_objects_images_tab_shows_the_picture_large_in_the_windows_language(window, qtbot, lang):
    w = window
    i18n.set_language(lang, remember=False)
    click_row(w, qtbot, "HY1944.0001")
    w.tabs.setCurrentWidget(w.media_panel)
    pane = w.media_panel.pane
    wait_for_picture(qtbot, pane)
    QApplication.processEvents()
    viewport = pane.view.viewport().size()
    assert viewport.width() >= 400 and viewport.height() >= 300  # not a 150-px thumbnail
    shown = pane.displayed_size() * pane.scale()
    # Fitted: the whole picture shows, touching the pane on one side.
    assert shown.width() <= viewport.width() + 1 and shown.height() <= viewport.height() + 1
    assert shown.width() >= viewport.width() - 2 or shown.height() >= viewport.height() - 2
    caption = pane.caption_label.text()
    strip = w.media_panel.strip.item(0).text()
    if lang == "en":
        assert caption.startswith("Illustration") and not HAN.search(caption)
        assert strip.startswith("Primary\n") and not HAN.search(strip)
    else:
        assert HAN.search(caption) and strip.startswith("主图\n")
    assert "object-HY1944.0001" in pane.file_label.text() and " KB" in pane.file_label.text()


def test_the_picture_zooms_pans_and_fits_again(window, qtbot):
    w = window
    click_row(w, qtbot, "HY1944.0007")
    w.tabs.setCurrentWidget(w.media_panel)
    pane = w.media_panel.pane
    wait_for_picture(qtbot, pane)
    fitted = pane.scale()
    pane.zoom_in_button.click()
    pane.zoom_in_button.click()
    assert pane.scale() == pytest.approx(fitted * 1.25 ** 2) and not pane.fit_mode
    assert pane.view.horizontalScrollBar().maximum() > 0 or pane.view.verticalScrollBar().maximum() > 0
    bar = pane.view.horizontalScrollBar()
    before = bar.value()
    bar.setValue(bar.maximum())  # what dragging the picture does (ScrollHandDrag moves the bars)
    assert bar.value() != before
    pane.actual_button.click()
    assert pane.scale() == pytest.approx(1.0)
    pane.fit_button.click()
    assert pane.scale() == pytest.approx(fitted) and pane.fit_mode
    assert pane.zoom_label.text() == f"{round(fitted * 100)} %"


def test_an_image_record_shows_its_picture(window, qtbot):
    w = window
    w.navigator.setCurrentRow(RECORD_TYPES.index("media"))
    QApplication.processEvents()
    record = services.get(w.archive, "media", w.model.id_at(0))
    form = w.form.currentWidget()
    assert form.picture is not None
    wait_for_picture(qtbot, form.picture)
    assert form.picture.media.id == record.id
    assert form.picture.view.viewport().height() >= 200
    assert record.original_name in form.title_label.text()
    assert record.caption_en not in form.title_label.text()  # the caption is under the picture
    assert form.picture.caption_label.text() == record.caption_en
    # Its Images tab shows the picture itself, not an empty strip.
    w.tabs.setCurrentWidget(w.media_panel)
    wait_for_picture(qtbot, w.media_panel.pane)
    assert w.media_panel.pane.media.id == record.id and not w.media_panel.strip.isVisible()
    # Another image in the list: both follow.
    w.table.selectRow(3)
    QApplication.processEvents()
    other = w.model.id_at(3)
    assert w.media_panel.pane.media.id == other == w.form.currentWidget().picture.media.id


def test_the_images_list_shows_whole_file_names_and_sizes(window):
    w = window
    w.navigator.setCurrentRow(RECORD_TYPES.index("media"))
    QApplication.processEvents()
    columns = [c.field for c in w.model.columns()]
    name_col, size_col = columns.index("original_name"), columns.index("size_bytes")
    metrics = w.table.fontMetrics()
    width = w.table.horizontalHeader().sectionSize(name_col)
    names = [w.model.text(r, name_col) for r in range(w.model.rowCount())]
    assert len(set(names)) == len(names)  # rows are told apart by their file names
    assert all(metrics.horizontalAdvance(n) <= width - 8 for n in names), "a file name is cut"
    sizes = [w.model.text(r, size_col) for r in range(w.model.rowCount())]
    assert all(re.fullmatch(r"\d+(\.\d)? (KB|MB|B)", s) for s in sizes)
    assert w.model.headerData(size_col, Qt.Orientation.Horizontal) == "Size"
    # The grid captions an image by its file name first.
    first = services.get(w.archive, "media", w.model.id_at(0))
    assert w.grid_model.data(w.grid_model.index(0), Qt.ItemDataRole.DisplayRole).startswith(first.original_name)


# ---------------------------------------------------------------- the first start

def test_the_first_start_builds_the_sample_behind_a_progress_dialog(qtbot, blank_archive):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from ui import app as app_module

    assert app_module.needs_sample(blank_archive)
    seen: list[str] = []

    def look() -> None:
        seen.extend(d.labelText() for d in QApplication.topLevelWidgets()
                    if isinstance(d, QProgressDialog) and d.isVisible())

    QTimer.singleShot(300, look)
    assert app_module.load_sample_with_progress(blank_archive)
    assert seen and "sample exhibition" in seen[0]
    assert services.count(blank_archive, "object") > 0 and not app_module.needs_sample(blank_archive)


def test_cancelling_the_first_start_leaves_the_archive_empty(qtbot, blank_archive):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog, QPushButton

    from ui import app as app_module

    def cancel() -> None:
        for dialog in QApplication.topLevelWidgets():
            if isinstance(dialog, QProgressDialog) and dialog.isVisible():
                dialog.findChild(QPushButton).click()

    QTimer.singleShot(500, cancel)
    assert not app_module.load_sample_with_progress(blank_archive)
    assert services.count(blank_archive, "object") == 0 and services.count(blank_archive, "media") == 0
    assert app_module.needs_sample(blank_archive)  # offered again at the next start


@pytest.mark.parametrize("grid", [False, True], ids=["list", "grid"])
def test_unsaved_changes_kept_keeps_the_row_marked(window, qtbot, monkeypatch, grid):
    from PySide6.QtWidgets import QMessageBox

    from ui.curator.editor.forms import RecordForm

    w = window
    if grid:
        w.act_grid.trigger()
        QApplication.processEvents()
    click_row(w, qtbot, "HY1944.0014")
    qtbot.keyClicks(w.form.currentWidget()._editors["name_en"].widget, " (edited)")
    assert w.form.dirty
    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Cancel))
    click_row(w, qtbot, "HY1944.0003")  # the curator cancels leaving the edited record
    assert_editor_follows(w, "HY1944.0014")
    assert w.form.dirty
    w.act_grid.trigger()
    QApplication.processEvents()
    assert_editor_follows(w, "HY1944.0014")
