"""The images of one record: a thumbnail strip to add, order, remove and open photographs,
and the chosen one shown large below it (ui.curator.editor.image_pane: fitted, zoom, pan).

An image record's own tab shows that picture itself, large, in place of the strip.

Files and folders dropped from the desktop (or chosen with "Add images…")
are imported off the UI thread by `ui.curator.image_import.ImportDialog` and linked
to the record in order; the links are one undo step. Every other edit
(set primary, move, remove, reorder by dragging inside the strip) is an
undoable command from `ui.curator.commands.media`. Thumbnails are read on a thread
pool and cached by content hash, so a refresh after an edit is instant.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QSize, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QIcon, QImage, QKeySequence, QPixmap, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exhibit import media_records, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Media
from ui.common.drops import CopyDrops
from ui.common.events import events
from ui.common.plaintext import tip as plain_tip
from ui.common.thumbnails import ThumbnailLoader, placeholder
from ui.curator.commands import media as media_commands
from ui.curator.editor.image_pane import ImagePane, caption_of
from ui.curator.editor.viewer import ImageViewer
from ui.curator.image_import import ImportDialog

ICON = QSize(128, 128)
TEXT_HEIGHT = 48   # room for two lines of text under each thumbnail
MEDIA_IDS_MIME = "application/x-exhibit-media-ids"
MEDIA_ID_ROLE = Qt.ItemDataRole.UserRole
LOADED_ROLE = Qt.ItemDataRole.UserRole + 1   # True once the real thumbnail is shown
PRIMARY_BACKGROUND = QColor(255, 236, 179)   # warm amber: visible in light and dark themes

FileChooser = Callable[[QWidget], list]


def _placeholder() -> QIcon:
    return QIcon(placeholder(ICON.width()))


def local_paths(mime: QMimeData) -> list[Path]:
    """The local files and folders in a drop (web links and the like are not importable)."""
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class ThumbStrip(CopyDrops, QListWidget):
    """A horizontal strip of thumbnails; reorders by internal drag, accepts files from outside."""

    files_dropped = Signal(list)   # list[Path]
    reordered = Signal(list)       # media ids in the new order

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(False)
        self.setIconSize(ICON)
        self.setGridSize(QSize(ICON.width() + 28, ICON.height() + TEXT_HEIGHT))
        self.setUniformItemSizes(True)
        # Two lines per picture (marker or number, then caption), each elided:
        # a long caption must not grow past the grid into its neighbours.
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Static: Qt's free icon placement would move pictures without changing the order.
        self.setMovement(QListView.Movement.Static)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setFixedHeight(ICON.height() + TEXT_HEIGHT + 2 * self.frameWidth()
                            + self.horizontalScrollBar().sizeHint().height() + 8)

    # Internal drags carry the media ids, so a drop knows what moved without
    # trusting QDropEvent.source() (which synthetic and cross-window drops lack).
    def mimeTypes(self) -> list[str]:
        return [MEDIA_IDS_MIME, "text/uri-list"]

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        ids = [int(i.data(MEDIA_ID_ROLE)) for i in items]
        mime.setData(MEDIA_IDS_MIME, json.dumps(ids).encode())
        return mime

    def wants_drop(self, mime: QMimeData) -> bool:
        """CopyDrops' test for dragEnter/dragMove: its own thumbnails (a reorder) or image files."""
        return self.isEnabled() and (mime.hasFormat(MEDIA_IDS_MIME) or bool(local_paths(mime)))

    def drop_row(self, pos) -> int:
        """The row a drop at viewport position `pos` inserts before."""
        index = self.indexAt(pos)
        if index.isValid():
            rect = self.visualRect(index)
            return index.row() + (1 if pos.x() > rect.center().x() else 0)
        first = self.item(0)
        if first is not None and pos.x() < self.visualItemRect(first).left():
            return 0
        return self.count()

    def dropEvent(self, event) -> None:
        mime = event.mimeData()
        if mime.hasFormat(MEDIA_IDS_MIME):
            moved = [int(i) for i in json.loads(bytes(mime.data(MEDIA_IDS_MIME)).decode() or "[]")]
            order = [int(self.item(r).data(MEDIA_ID_ROLE)) for r in range(self.count())]
            row = self.drop_row(event.position().toPoint())
            row -= sum(1 for r in range(min(row, len(order))) if order[r] in moved)
            rest = [m for m in order if m not in moved]
            new = rest[:row] + [m for m in moved if m in order] + rest[row:]
            # Copy, not Move: the view must not delete the dragged rows itself;
            # the strip is rebuilt from the archive after the reorder.
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            if new != order:
                self.reordered.emit(new)
            return
        paths = local_paths(mime)
        if paths:
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self.files_dropped.emit(paths)
            return
        event.ignore()


def _default_chooser(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("MediaPanel", "Add images"), "",
        QCoreApplication.translate(
            "MediaPanel", "Images (*.jpg *.jpeg *.png *.tif *.tiff *.webp *.gif *.bmp);;All files (*)"))
    return files


class MediaPanel(CopyDrops, QWidget):
    """The images of one record (`set_record(type, id)`), primary first."""

    def __init__(self, archive: Archive, stack: QUndoStack, parent: QWidget | None = None,
                 choose_files: FileChooser | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.stack = stack
        self.choose_files: FileChooser = choose_files or _default_chooser
        self.record_type: str | None = None
        self.record_id: int | None = None
        self.media: list[Media] = []
        self.import_dialog: ImportDialog | None = None
        self.viewer: ImageViewer | None = None
        self._closed = False
        self.setAcceptDrops(True)

        # The same loader as the record list's grid: a worker pool and Qt's pixmap
        # cache by content hash, so a record's images show at once after any edit.
        self.loader = ThumbnailLoader(archive.media_root, box=ICON.width(), threads=2, parent=self)
        self.loader.ready.connect(self._thumbnail_loaded)

        self.title_label = QLabel()
        self.hint_label = QLabel()
        self.hint_label.setWordWrap(True)
        self.message_label = QLabel()   # errors the curator can act on; never a modal box
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.message_label.hide()
        self.strip = ThumbStrip()
        self.title_label.setBuddy(self.strip)
        self.strip.files_dropped.connect(self.import_files)
        self.strip.reordered.connect(self.reorder)
        self.strip.itemActivated.connect(lambda item: self.open_viewer(self.strip.row(item)))
        self.strip.currentRowChanged.connect(lambda _: self._update_buttons())
        self.strip.currentRowChanged.connect(lambda _: self._show_chosen())
        self.pane = ImagePane(archive.media_root, open_button=True)
        self.pane.open_requested.connect(self._open_shown)

        self.add_button = QPushButton()
        self.primary_button = QPushButton()
        self.left_button = QPushButton()
        self.right_button = QPushButton()
        self.remove_button = QPushButton()
        self.open_button = QPushButton()
        self.add_button.clicked.connect(self.add_images)
        self.primary_button.clicked.connect(self.set_primary)
        self.left_button.clicked.connect(lambda: self.move_selected(-1))
        self.right_button.clicked.connect(lambda: self.move_selected(+1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.open_button.clicked.connect(lambda: self.open_viewer(self.strip.currentRow()))
        self.buttons = [self.add_button, self.primary_button, self.left_button,
                        self.right_button, self.remove_button, self.open_button]
        for button in self.buttons:
            button.setMinimumHeight(32)  # touch-friendly

        # Keyboard: the strip has focus while choosing a picture.
        self.remove_action = self._strip_action(QKeySequence.StandardKey.Delete, self.remove_selected)
        self.left_action = self._strip_action(QKeySequence("Ctrl+Left"), lambda: self.move_selected(-1))
        self.right_action = self._strip_action(QKeySequence("Ctrl+Right"), lambda: self.move_selected(+1))
        self.primary_action = self._strip_action(QKeySequence("Ctrl+P"), self.set_primary)

        header = QHBoxLayout()
        header.addWidget(self.title_label)
        header.addWidget(self.hint_label, 1)
        row = QHBoxLayout()
        for button in self.buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.strip)
        layout.addWidget(self.message_label)
        layout.addLayout(row)
        layout.addWidget(self.pane, 1)  # the chosen picture takes the rest of the tab
        QWidget.setTabOrder(self.strip, self.add_button)
        for a, b in zip(self.buttons, self.buttons[1:]):
            QWidget.setTabOrder(a, b)

        events().records_changed.connect(self._records_changed)
        events().record_deleted.connect(self._record_deleted)
        self.retranslate()
        self._update_buttons()

    def _strip_action(self, keys, slot) -> QAction:
        action = QAction(self.strip)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        self.strip.addAction(action)
        return action

    # ------------------------------------------------------------ showing a record

    def set_record(self, record_type: str | None, record_id: int | None = None) -> None:
        self.record_type, self.record_id = (record_type, record_id) if record_type else (None, None)
        self.message_label.hide()
        self.refresh()

    def media_ids(self) -> list[int]:
        return [m.id for m in self.media]

    def selected_media(self) -> Media | None:
        row = self.strip.currentRow()
        return self.media[row] if 0 <= row < len(self.media) else None

    def select_media(self, media_id: int) -> None:
        ids = self.media_ids()
        if media_id in ids:
            self.strip.setCurrentRow(ids.index(media_id))

    @property
    def is_image_record(self) -> bool:
        """An image record is shown itself: it has no images of its own to order."""
        return self.record_type == "media"

    def refresh(self) -> None:
        """Rebuild the strip from the archive, keeping the selected image selected."""
        keep = self.selected_media()
        self.media = []
        own: Media | None = None
        if self.record_type is not None:
            try:
                if self.is_image_record and self.record_id is not None:
                    own = services.get(self.archive, "media", self.record_id)  # type: ignore[assignment]
                else:
                    self.media = media_records.media_for(self.archive, self.record_type, self.record_id)
            except ExhibitError as exc:
                self.show_message(str(exc))
        for widget in (self.strip, *self.buttons, self.hint_label):
            widget.setVisible(not self.is_image_record)
        self.strip.clear()
        placeholder = _placeholder()
        for media in self.media:
            item = QListWidgetItem()
            item.setData(MEDIA_ID_ROLE, media.id)
            pixmap = self.loader.pixmap(media)
            if pixmap is None:
                self.loader.request("media", media.id, media)
            item.setIcon(QIcon(pixmap) if pixmap is not None else placeholder)
            item.setData(LOADED_ROLE, pixmap is not None)
            item.setSizeHint(self.strip.gridSize())
            item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            self.strip.addItem(item)
        self._label_items()
        if keep is not None and keep.id in self.media_ids():
            self.select_media(keep.id)
        elif self.media:
            self.strip.setCurrentRow(0)
        self.retranslate()
        self._update_buttons()
        if self.is_image_record:
            self.pane.set_media(own)
        else:
            self._show_chosen()

    def _show_chosen(self) -> None:
        """The picture chosen in the strip, large (the first, primary one, when none is chosen)."""
        if self.is_image_record:
            return
        self.pane.set_media(self.selected_media() or (self.media[0] if self.media else None))

    def _open_shown(self) -> None:
        """The pane's Open…: the viewer on the picture shown (an image record's own, or the chosen one)."""
        if self.is_image_record:
            media = self.pane.media
            if media is not None:
                self._open_viewer_on([media], 0)
            return
        self.open_viewer(self.strip.currentRow())

    def thumbnails_loaded(self) -> int:
        """How many items show their real thumbnail (the rest a grey placeholder)."""
        return sum(1 for r in range(self.strip.count()) if self.strip.item(r).data(LOADED_ROLE))

    def _thumbnail_loaded(self, _record_type: str, media_id: int, image: QImage) -> None:
        for row, media in enumerate(self.media):
            if media.id == media_id and row < self.strip.count():
                icon = QIcon(self.loader.pixmap(media) or QPixmap.fromImage(image))
                item = self.strip.item(row)
                item.setIcon(icon)
                item.setData(LOADED_ROLE, True)

    def _label_items(self) -> None:
        for row, media in enumerate(self.media):
            item = self.strip.item(row)
            zh, en = media.title_pair()
            name = caption_of(media) or media.original_name  # the window's language, else the other
            first = self.tr("Primary") if row == 0 else str(row + 1)
            item.setText(f"{first}\n{name}")
            item.setBackground(QBrush(PRIMARY_BACKGROUND) if row == 0 else QBrush())
            tip = [t for t in (zh, en, media.original_name) if t]
            if media.width and media.height:
                tip.append(f"{media.width} × {media.height} px")
            item.setToolTip(plain_tip("\n".join(dict.fromkeys(tip))))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{first}: {name}")

    def _update_buttons(self) -> None:
        has_record = self.record_type is not None
        row = self.strip.currentRow()
        selected = has_record and 0 <= row < len(self.media)
        busy = self.import_dialog is not None and self.import_dialog.report is None
        self.add_button.setEnabled(has_record and not busy)
        self.primary_button.setEnabled(selected and row > 0)
        self.primary_action.setEnabled(selected and row > 0)
        self.left_button.setEnabled(selected and row > 0)
        self.left_action.setEnabled(selected and row > 0)
        self.right_button.setEnabled(selected and row < len(self.media) - 1)
        self.right_action.setEnabled(selected and row < len(self.media) - 1)
        self.remove_button.setEnabled(selected)
        self.remove_action.setEnabled(selected)
        self.open_button.setEnabled(selected)
        self.strip.setEnabled(has_record)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    # ------------------------------------------------------------ edits (each one undo step)

    def _edit(self, fn: Callable[[], object]) -> None:
        """Run one command; a refusal the curator can act on is shown, never raised."""
        self.show_message("")
        try:
            fn()
        except ExhibitError as exc:
            self.show_message(str(exc))
            self.refresh()

    def set_primary(self) -> None:
        media = self.selected_media()
        if media is None or self.record_type is None:
            return
        self._edit(lambda: media_commands.set_primary(
            self.stack, self.archive, self.record_type, self.record_id, media.id))
        self.select_media(media.id)

    def move_selected(self, offset: int) -> None:
        media = self.selected_media()
        if media is None or self.record_type is None:
            return
        self._edit(lambda: media_commands.move_media(
            self.stack, self.archive, self.record_type, self.record_id, media.id, offset))
        self.select_media(media.id)

    def reorder(self, media_ids: list[int]) -> None:
        if self.record_type is None:
            return
        keep = self.selected_media()
        self._edit(lambda: media_commands.reorder_media(
            self.stack, self.archive, self.record_type, self.record_id, media_ids))
        if keep is not None:
            self.select_media(keep.id)

    def remove_selected(self) -> None:
        media = self.selected_media()
        if media is None or self.record_type is None:
            return
        row = self.strip.currentRow()
        self._edit(lambda: media_commands.unlink_media(
            self.stack, self.archive, self.record_type, self.record_id, media.id))
        if self.media:
            self.strip.setCurrentRow(min(row, len(self.media) - 1))

    # ------------------------------------------------------------ importing

    def add_images(self) -> None:
        if self.record_type is None:
            return
        files = self.choose_files(self)
        if files:
            self.import_files([Path(f) for f in files])

    def import_files(self, paths: list[Path]) -> ImportDialog | None:
        """Import files/folders and link them to the record, showing progress; returns the dialog."""
        if self.record_type is None or not paths:
            return None
        if self.import_dialog is not None and self.import_dialog.report is None:
            self.show_message(self.tr("An import is still running; wait for it or cancel it first."))
            return None
        self.show_message("")
        record_type, record_id = self.record_type, self.record_id
        before = set(self.media_ids())
        if self.import_dialog is not None:
            self.import_dialog.shutdown()
            self.import_dialog.deleteLater()
        dialog = ImportDialog(self.archive, paths, link_to=(record_type, record_id), parent=self)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.import_finished.connect(
            lambda report: self._import_done(report, record_type, record_id, before))
        dialog.finished.connect(self._dialog_closed)
        self.import_dialog = dialog
        self._update_buttons()
        dialog.show()
        dialog.start()
        return dialog

    def _import_done(self, report, record_type: str, record_id: int, before: set[int]) -> None:
        if self._closed:
            return
        try:
            made = media_commands.record_import(self.stack, self.archive, record_type, record_id, before)
        except ExhibitError as exc:
            made = 0
            self.show_message(str(exc))
        new_media = [m.id for m in report.imported]
        if not made and new_media:
            # Nothing linked (the record went away?), but new media records exist.
            events().records_changed.emit("media", new_media)
        if (record_type, record_id) == (self.record_type, self.record_id):
            self.refresh()
        self._update_buttons()

    def _dialog_closed(self, _result: int) -> None:
        # Back to the pictures, so the keys (Delete, Ctrl+arrows) work at once.
        if not self._closed:
            self.activateWindow()
            self.strip.setFocus()

    # ------------------------------------------------------------ viewer

    def open_viewer(self, row: int) -> ImageViewer | None:
        if not 0 <= row < len(self.media):
            return None
        return self._open_viewer_on(list(self.media), row)

    def _open_viewer_on(self, media: list[Media], row: int) -> ImageViewer:
        if self.viewer is not None:
            self.viewer.close()
            self.viewer.deleteLater()
        self.viewer = ImageViewer(self.archive, media, row, parent=self)
        self.viewer.setWindowFlag(Qt.WindowType.Window, True)
        self.viewer.show()
        self.viewer.activateWindow()
        return self.viewer

    # ------------------------------------------------------------ drops on the panel itself (CopyDrops)

    def wants_drop(self, mime: QMimeData) -> bool:
        return self.record_type is not None and bool(local_paths(mime))

    def take_drop(self, mime: QMimeData) -> None:
        self.import_files(local_paths(mime))

    # ------------------------------------------------------------ archive events

    def _records_changed(self, record_type: str, ids: list) -> None:
        if self.record_type is None or self._closed:
            return
        if record_type == self.record_type and (not ids or self.record_id in ids):
            self.refresh()  # an image record's caption shows under its picture too
        elif record_type == "media" and (not ids or set(ids) & set(self.media_ids())):
            self.refresh()   # a caption changed

    def _record_deleted(self, record_type: str, record_id: int) -> None:
        if self._closed:
            return
        if (record_type, record_id) == (self.record_type, self.record_id):
            self.set_record(None)
        elif record_type == "media" and record_id in self.media_ids():
            self.refresh()

    # ------------------------------------------------------------ closing

    def shutdown(self) -> None:
        """Stop the import and thumbnail threads and stop listening (before the archive closes).

        A panel inside another window does not get its own closeEvent: the
        owner calls this from its closeEvent.
        """
        if self._closed:
            return
        self._closed = True
        events().records_changed.disconnect(self._records_changed)
        events().record_deleted.disconnect(self._record_deleted)
        if self.import_dialog is not None:
            self.import_dialog.shutdown()
        self.loader.shutdown()
        self.pane.shutdown()
        if self.viewer is not None:
            self.viewer.close()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------ texts

    def retranslate(self) -> None:
        n = len(self.media)
        if self.record_type is None:
            self.title_label.setText(self.tr("&Images"))
        elif self.is_image_record:
            self.title_label.setText(self.tr("This image"))
        else:
            self.title_label.setText(self.tr("&Images (%1)").replace("%1", str(n)))
        self.hint_label.setText(self.tr("Drop image files or folders here to add them to this record.")
                                if self.record_type is not None else self.tr("No record chosen."))
        self.strip.setAccessibleName(self.tr("Images of this record, primary first"))
        self.strip.setAccessibleDescription(self.tr(
            "Enter opens the image; Ctrl+Left and Ctrl+Right move it; Delete removes it from the record."))
        self.add_button.setText(self.tr("Add images…"))
        self.add_button.setAccessibleName(self.tr("Add images"))
        self.add_button.setToolTip(self.tr("Import image files and add them to this record"))
        self.primary_button.setText(self.tr("Set as primary"))
        self.primary_button.setAccessibleName(self.tr("Set as primary image"))
        self.primary_button.setToolTip(self.tr("Make the selected image the first, primary image (Ctrl+P)"))
        self.left_button.setText(self.tr("◀ Move left"))
        self.left_button.setAccessibleName(self.tr("Move image left"))
        self.left_button.setToolTip(self.tr("Move the selected image one place earlier (Ctrl+Left)"))
        self.right_button.setText(self.tr("Move right ▶"))
        self.right_button.setAccessibleName(self.tr("Move image right"))
        self.right_button.setToolTip(self.tr("Move the selected image one place later (Ctrl+Right)"))
        self.remove_button.setText(self.tr("Remove from record"))
        self.remove_button.setAccessibleName(self.tr("Remove image from record"))
        self.remove_button.setToolTip(self.tr(
            "Take the selected image off this record; the file stays in the archive (Delete)"))
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setAccessibleName(self.tr("Open image viewer"))
        self.open_button.setToolTip(self.tr("Show the selected image larger (Enter, double-click)"))
        self._label_items()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
