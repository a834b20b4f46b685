"""The images of a record in the curator window: drop, import, order, remove, undo, view."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox  # noqa: E402

from exhibit import media_records, services  # noqa: E402
from exhibit.records import ArchiveObject  # noqa: E402
from ui.common.events import events  # noqa: E402
from ui.common.qtfonts import ensure_cjk_font  # noqa: E402
from ui.curator.editor.media import MEDIA_IDS_MIME, MediaPanel  # noqa: E402

# ---------------------------------------------------------------- helpers

def jpeg(path: Path, n: int, size: tuple[int, int] = (64, 48), orientation: int | None = None) -> Path:
    """A small JPEG whose colour depends on n, so every file has its own content."""
    img = Image.new("RGB", size, (n % 256, (255 - n) % 256, (n * 7) % 256))
    if orientation is None:
        img.save(path, "JPEG", quality=80)
    else:
        exif = Image.Exif()
        exif[0x0112] = orientation
        img.save(path, "JPEG", quality=80, exif=exif.tobytes())
    return path


def make_files(folder: Path, count: int, bad: int | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        p = folder / f"img_{n:03d}.jpg"
        if n == bad:
            p.write_text("这不是图片 — not a picture", encoding="utf-8")
        else:
            jpeg(p, n)
        paths.append(p)
    return paths


def drop(target, paths: list[Path]) -> None:
    """What the desktop does when files are dragged onto a widget: enter, then drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    pos = target.rect().center()
    enter = QDragEnterEvent(pos, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(pos), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    assert event.isAccepted()


def names(panel: MediaPanel) -> list[str]:
    return [m.original_name for m in panel.media]


def item_texts(panel: MediaPanel) -> list[str]:
    return [panel.strip.item(r).text() for r in range(panel.strip.count())]


def select(panel: MediaPanel, qtbot, row: int) -> None:
    """Click the thumbnail in `row` as a curator would."""
    strip = panel.strip
    strip.scrollToItem(strip.item(row))
    rect = strip.visualItemRect(strip.item(row))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert strip.currentRow() == row


def import_via_drop(panel: MediaPanel, paths: list[Path]):
    drop(panel, paths)
    dialog = panel.import_dialog
    assert dialog is not None
    report = dialog.wait(timeout_ms=120_000)
    assert report is not None, "the import did not finish"
    return dialog, report


# ---------------------------------------------------------------- fixtures

@pytest.fixture
def record(blank_archive):
    return services.create(blank_archive, ArchiveObject(accession="HY1944.0900", name_zh="钢盔",
                                                        name_en="Steel helmet"))


@pytest.fixture
def chosen() -> list:
    """What the injected file dialog will return."""
    return []


@pytest.fixture
def panel(qtbot, blank_archive, record, chosen):
    ensure_cjk_font()
    stack = QUndoStack()
    w = MediaPanel(blank_archive, stack, choose_files=lambda parent: list(chosen))
    w.stack_ref = stack  # keep the stack alive as long as the panel
    qtbot.addWidget(w)
    w.resize(900, 300)
    w.show()
    w.set_record("object", record.id)
    yield w
    if w.viewer is not None:
        w.viewer.close()
    if w.import_dialog is not None:
        w.import_dialog.close()
    w.close()


def three(panel: MediaPanel, qtbot, tmp_path: Path) -> list[int]:
    _, report = import_via_drop(panel, make_files(tmp_path / "three", 3))
    assert len(report.imported) == 3
    panel.import_dialog.close()
    qtbot.waitUntil(panel.isActiveWindow)  # the panel takes the focus back
    return panel.media_ids()


# ---------------------------------------------------------------- importing

def test_drop_200_files_one_unreadable(panel, qtbot, tmp_path, blank_archive, record):
    files = make_files(tmp_path / "drop", 200, bad=137)
    dialog, report = import_via_drop(panel, files)

    assert len(report.imported) == 199 and not report.cancelled
    # The dialog lists the bad file by name with the reason, and sums up.
    assert dialog.errors.isVisible()
    assert dialog.errors.topLevelItemCount() == 1
    bad = dialog.errors.topLevelItem(0)
    assert bad.text(0) == "img_137.jpg"
    assert "not an image" in bad.text(1)
    assert dialog.summary_label.text() == "199 imported, 1 failed"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert dialog.progress_bar.value() == dialog.progress_bar.maximum() == 200

    # Linked in the order of the files, shown as 199 thumbnails, primary first.
    expected = [f.name for f in files if f.name != "img_137.jpg"]
    assert names(panel) == expected
    links = media_records.media_links(blank_archive, "object", record.id)
    assert [link.media_id for link in links] == panel.media_ids()
    assert panel.strip.count() == 199
    assert panel.strip.item(0).text().startswith("Primary\n")  # the window's language (issue 18)
    assert "Primary" not in panel.strip.item(1).text()
    assert panel.title_label.text().replace("&", "") == "Images (199)"
    qtbot.waitUntil(lambda: panel.thumbnails_loaded() == 199, timeout=20_000)
    assert not panel.strip.item(198).icon().isNull()

    # The links are one undo step; undo leaves the files in the store.
    assert panel.stack_ref.count() == 1
    assert panel.stack_ref.undoText() == "Import 199 images"
    dialog.close()
    panel.stack_ref.undo()
    assert panel.strip.count() == 0
    assert len(services.list_records(blank_archive, "media")) == 199
    panel.stack_ref.redo()
    assert names(panel) == expected


def test_cancel_midway_keeps_what_was_imported(panel, qtbot, tmp_path, blank_archive, record):
    files = make_files(tmp_path / "many", 200)
    drop(panel.strip.viewport(), files)  # onto the strip this time
    dialog = panel.import_dialog
    assert not panel.add_button.isEnabled()  # one import at a time
    qtbot.waitUntil(lambda: dialog.progress_bar.value() >= 10, timeout=60_000)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    report = dialog.wait()

    assert report.cancelled
    kept = len(report.imported)
    assert 10 <= kept < 200
    assert "cancelled" in dialog.summary_label.text()
    assert dialog.summary_label.text().startswith(f"{kept} imported")
    assert panel.strip.count() == kept
    assert names(panel) == [f.name for f in files[:kept]]
    assert len(media_records.media_links(blank_archive, "object", record.id)) == kept
    assert panel.add_button.isEnabled()


def test_add_images_uses_the_file_dialog(panel, qtbot, tmp_path, chosen):
    chosen.extend(str(p) for p in make_files(tmp_path / "chosen", 2))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    report = panel.import_dialog.wait()
    assert len(report.imported) == 2
    assert names(panel) == ["img_000.jpg", "img_001.jpg"]
    assert panel.import_dialog.summary_label.text() == "2 imported"
    assert not panel.import_dialog.errors.isVisible()


def test_dropping_a_file_already_linked_links_nothing_new(panel, qtbot, tmp_path):
    three(panel, qtbot, tmp_path)
    _, report = import_via_drop(panel, [tmp_path / "three" / "img_001.jpg"])
    assert len(report.reused) == 1 and not report.imported
    assert panel.strip.count() == 3
    assert panel.stack_ref.count() == 1  # no empty "Import 0 images" step
    assert "1 already in the archive" in panel.import_dialog.summary_label.text()


# ---------------------------------------------------------------- ordering and removing

def test_set_primary_then_undo_restores_order(panel, qtbot, tmp_path):
    a, b, c = three(panel, qtbot, tmp_path)
    select(panel, qtbot, 0)
    assert not panel.primary_button.isEnabled()  # already primary
    select(panel, qtbot, 2)
    assert panel.primary_button.isEnabled()
    qtbot.mouseClick(panel.primary_button, Qt.MouseButton.LeftButton)
    assert panel.media_ids() == [c, a, b]
    assert item_texts(panel)[0].startswith("Primary\n")
    assert item_texts(panel)[0].endswith("img_002.jpg")
    assert panel.strip.currentRow() == 0  # the moved image stays selected
    assert panel.stack_ref.undoText() == "Set primary image"
    panel.stack_ref.undo()
    assert panel.media_ids() == [a, b, c]
    assert item_texts(panel)[0].endswith("img_000.jpg")
    panel.stack_ref.redo()
    assert panel.media_ids() == [c, a, b]


def test_move_left_right_by_buttons_and_keys(panel, qtbot, tmp_path):
    a, b, c = three(panel, qtbot, tmp_path)
    select(panel, qtbot, 0)
    assert not panel.left_button.isEnabled() and panel.right_button.isEnabled()
    qtbot.mouseClick(panel.right_button, Qt.MouseButton.LeftButton)
    assert panel.media_ids() == [b, a, c]
    assert panel.strip.currentRow() == 1
    panel.strip.setFocus()
    qtbot.keyClick(panel.strip, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert panel.media_ids() == [b, c, a]
    assert not panel.right_button.isEnabled()
    panel.stack_ref.undo()
    panel.stack_ref.undo()
    assert panel.media_ids() == [a, b, c]


def test_reorder_by_dragging_inside_the_strip(panel, qtbot, tmp_path):
    a, b, c = three(panel, qtbot, tmp_path)
    strip = panel.strip
    # What a drag started on the first picture carries: its media id.
    dragged = strip.model().mimeData([strip.model().index(0, 0)])
    assert json.loads(bytes(dragged.data(MEDIA_IDS_MIME)).decode()) == [a]
    mime = QMimeData()
    mime.setData(MEDIA_IDS_MIME, json.dumps([a]).encode())
    last = strip.visualItemRect(strip.item(2))
    pos = QPoint(last.right() - 2, last.center().y())  # right half of the last picture
    enter = QDragEnterEvent(pos, Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip.viewport(), enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(pos), Qt.DropAction.MoveAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip.viewport(), event)
    assert event.isAccepted()
    assert panel.media_ids() == [b, c, a]
    assert panel.stack_ref.undoText() == "Reorder images"
    panel.stack_ref.undo()
    assert panel.media_ids() == [a, b, c]


def test_remove_from_record_and_undo(panel, qtbot, tmp_path, blank_archive):
    a, b, c = three(panel, qtbot, tmp_path)
    select(panel, qtbot, 1)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert panel.media_ids() == [a, c]
    assert panel.strip.count() == 2
    assert services.get(blank_archive, "media", b).original_name == "img_001.jpg"  # the file stays
    panel.stack_ref.undo()
    assert panel.media_ids() == [a, b, c]  # back in its old place
    panel.stack_ref.redo()
    assert panel.media_ids() == [a, c]
    select(panel, qtbot, 0)
    panel.strip.setFocus()
    qtbot.keyClick(panel.strip, Qt.Key.Key_Delete)
    assert panel.media_ids() == [c]
    assert panel.strip.item(0).text().startswith("Primary\n")


def test_buttons_follow_record_and_selection(panel, qtbot, tmp_path):
    assert panel.add_button.isEnabled()
    assert not panel.remove_button.isEnabled()  # nothing to remove yet
    three(panel, qtbot, tmp_path)
    assert panel.remove_button.isEnabled() and panel.open_button.isEnabled()
    panel.set_record(None)
    assert panel.strip.count() == 0
    assert not any(b.isEnabled() for b in panel.buttons)
    # With no record there is nothing to attach a dropped file to.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "three" / "img_000.jpg"))])
    enter = QDragEnterEvent(panel.rect().center(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(panel, enter)
    assert not enter.isAccepted()


def test_follows_changes_made_elsewhere(panel, qtbot, tmp_path, blank_archive, record):
    ids = three(panel, qtbot, tmp_path)
    media_records.reorder_media(blank_archive, "object", record.id, list(reversed(ids)))
    events().changed("object", record.id)
    assert panel.media_ids() == list(reversed(ids))
    media = services.get(blank_archive, "media", ids[0])
    media.caption_zh = "钢盔正面"
    services.update(blank_archive, media)
    events().changed("media", ids[0])
    assert "钢盔正面" in panel.strip.item(2).text()
    events().record_deleted.emit("object", record.id)
    assert panel.strip.count() == 0 and not panel.add_button.isEnabled()


def test_sample_record_shows_its_illustration_with_caption(qtbot, archive):
    ensure_cjk_font()
    obj = services.object_by_accession(archive, "HY1944.0001")
    w = MediaPanel(archive, QUndoStack())
    qtbot.addWidget(w)
    w.show()
    w.set_record("object", obj.id)
    assert w.strip.count() == 1
    text = w.strip.item(0).text()
    # The English window captions in English (issue 18); both captions are in the tooltip.
    assert text.startswith("Primary\n") and "Illustration" in text and "示意图" not in text
    assert "示意图" in w.strip.item(0).toolTip()
    assert "Illustration" in w.strip.item(0).toolTip()
    qtbot.waitUntil(lambda: w.thumbnails_loaded() == 1, timeout=10_000)
    w.close()


# ---------------------------------------------------------------- viewer

def test_viewer_shows_exif_rotated_photo_upright(panel, qtbot, tmp_path):
    folder = tmp_path / "rotated"
    folder.mkdir()
    jpeg(folder / "side.jpg", 1, size=(120, 60), orientation=6)  # stored landscape, shown portrait
    jpeg(folder / "flat.jpg", 2, size=(120, 60))
    import_via_drop(panel, [folder / "side.jpg", folder / "flat.jpg"])
    panel.import_dialog.close()
    select(panel, qtbot, 0)
    rect = panel.strip.visualItemRect(panel.strip.item(0))
    qtbot.mouseDClick(panel.strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = panel.viewer
    assert viewer is not None and viewer.isVisible()
    qtbot.waitUntil(viewer.isActiveWindow)
    size = viewer.displayed_size()
    assert size.width() < size.height(), size        # the screen copy, upright
    assert "side.jpg" in viewer.windowTitle()
    assert "(no Chinese caption)" in viewer.caption_zh.text()
    assert "60 × 120" in viewer.info_label.text()

    qtbot.mouseClick(viewer.original_button, Qt.MouseButton.LeftButton)
    assert viewer.show_original and viewer.shown_path.name.endswith(".jpg")
    assert "originals" in viewer.shown_path.parts
    size = viewer.displayed_size()
    assert (size.width(), size.height()) == (60, 120)  # EXIF orientation honoured on the original

    viewer.view.setFocus()
    qtbot.keyClick(viewer.view, Qt.Key.Key_Plus)
    qtbot.keyClick(viewer.view, Qt.Key.Key_1)
    assert viewer.scale() == pytest.approx(1.0)
    assert viewer.zoom_label.text() == "100 %"
    qtbot.keyClick(viewer.view, Qt.Key.Key_Plus)
    assert viewer.scale() == pytest.approx(1.25)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus)
    qtbot.keyClick(viewer.view, Qt.Key.Key_Minus)
    assert viewer.scale() == pytest.approx(0.8)
    qtbot.keyClick(viewer.view, Qt.Key.Key_0)
    assert viewer.fit_mode

    assert viewer.next_button.isEnabled() and not viewer.prev_button.isEnabled()
    qtbot.mouseClick(viewer.next_button, Qt.MouseButton.LeftButton)
    assert "flat.jpg" in viewer.windowTitle()
    size = viewer.displayed_size()
    assert size.width() > size.height()


def test_viewer_zooms_with_the_wheel(panel, qtbot, tmp_path):
    from PySide6.QtGui import QWheelEvent

    three(panel, qtbot, tmp_path)
    viewer = panel.open_viewer(0)
    viewer.actual_size()
    center = QPointF(viewer.view.viewport().rect().center())
    wheel = QWheelEvent(center, viewer.view.mapToGlobal(center), QPoint(0, 0), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.ControlModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(viewer.view.viewport(), wheel)
    assert viewer.scale() == pytest.approx(1.25)
    assert viewer.view.dragMode() == viewer.view.DragMode.ScrollHandDrag
