"""A larger look at one image: zoom, pan, fit, 100 %, and its captions in both languages.

The screen-size derivative (long edge 1600 px) is shown by default: it opens
at once even when the original is a 24-megapixel scan. "Original" loads the
stored file itself. Every read goes through QImageReader with
autoTransform on, so a photo taken with the camera on its side (EXIF
orientation 6 or 8) stands upright.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QAction, QImageReader, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QGraphicsPixmapItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exhibit import media_records, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Media
from ui.common.events import events
from ui.curator.models import size_text

MIN_SCALE, MAX_SCALE, STEP = 0.02, 16.0, 1.25


class ZoomView(QGraphicsView):
    """A graphics view that zooms with the wheel (with or without Ctrl) and pans by dragging."""

    def __init__(self, viewer: "ZoomControls") -> None:
        super().__init__()
        self._viewer = viewer
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setBackgroundBrush(Qt.GlobalColor.darkGray)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self._viewer.zoom_by(STEP ** steps)
        event.accept()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._viewer.fit_mode:
            self._viewer.fit_to_window()


class ZoomControls:
    """Fit, 100 % and stepped zoom of the picture in a ZoomView: shared by the viewer dialog
    and the editor's image pane. The class using it has `view`, `item` and `fit_mode`, and
    says what a picture's 100 % size is and how its zoom is shown."""

    view: QGraphicsView
    item: QGraphicsPixmapItem
    fit_mode: bool

    def displayed_size(self) -> QSize:
        raise NotImplementedError

    def _update_zoom_label(self) -> None:
        raise NotImplementedError

    def scale(self) -> float:
        return self.view.transform().m11()

    def set_scale(self, scale: float) -> None:
        scale = max(MIN_SCALE, min(MAX_SCALE, scale))
        self.view.resetTransform()
        self.view.scale(scale, scale)
        self._update_zoom_label()

    def zoom_by(self, factor: float) -> None:
        if self.displayed_size().isEmpty():
            return                      # nothing shown (yet): no zoom over an empty view
        self.fit_mode = False
        self.set_scale(self.scale() * factor)

    def actual_size(self) -> None:
        self.fit_mode = False
        self.set_scale(1.0)

    def fit_to_window(self) -> None:
        self.fit_mode = True
        size = self.displayed_size()
        if size.isEmpty():
            self.set_scale(1.0)
            return
        viewport = self.view.viewport().size()
        # Never past 100 % when fitting: a small picture would only blur.
        scale = min(viewport.width() / size.width(), viewport.height() / size.height(), 1.0)
        self.set_scale(scale if scale > 0 else 1.0)
        self.view.centerOn(self.item)


class ImageViewer(QDialog, ZoomControls):
    """Shows `media[index]`; Page Up / Page Down (or the buttons) step through the list."""

    def __init__(self, archive: Archive, media: list[Media] | Media, index: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.archive = archive
        self.media: list[Media] = list(media) if isinstance(media, list) else [media]
        self.index = max(0, min(index, len(self.media) - 1))
        self.fit_mode = True
        self.show_original = False
        self.shown_path: Path | None = None
        self.error_text = ""
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)

        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = ZoomView(self)
        self.view.setScene(self.scene)

        self.prev_button = QPushButton()
        self.next_button = QPushButton()
        self.zoom_out_button = QPushButton()
        self.zoom_in_button = QPushButton()
        self.fit_button = QPushButton()
        self.actual_button = QPushButton()
        self.original_button = QPushButton()
        self.original_button.setCheckable(True)
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(56)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.prev_button.clicked.connect(lambda: self.go(-1))
        self.next_button.clicked.connect(lambda: self.go(+1))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(STEP))
        self.fit_button.clicked.connect(self.fit_to_window)
        self.actual_button.clicked.connect(self.actual_size)
        self.original_button.toggled.connect(self.set_show_original)
        for button in (self.prev_button, self.next_button, self.zoom_out_button,
                       self.zoom_in_button, self.fit_button, self.actual_button, self.original_button):
            button.setMinimumHeight(32)  # a comfortable touch target
            button.setAutoDefault(False)

        # Plain keys as image viewers use them; QAction shortcuts win over the view's own keys.
        self._actions: list[QAction] = []
        self._add_action(["+", "=", QKeySequence.StandardKey.ZoomIn], lambda: self.zoom_by(STEP))
        self._add_action(["-", QKeySequence.StandardKey.ZoomOut], lambda: self.zoom_by(1 / STEP))
        self._add_action(["0", "F"], self.fit_to_window)
        self._add_action(["1"], self.actual_size)
        self._add_action([QKeySequence.StandardKey.MoveToPreviousPage], lambda: self.go(-1))
        self._add_action([QKeySequence.StandardKey.MoveToNextPage], lambda: self.go(+1))

        self.caption_zh = QLabel()
        self.caption_en = QLabel()
        for label in (self.caption_zh, self.caption_en):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)

        tools = QHBoxLayout()
        tools.addWidget(self.prev_button)
        tools.addWidget(self.next_button)
        tools.addStretch(1)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_label)
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.fit_button)
        tools.addWidget(self.actual_button)
        tools.addWidget(self.original_button)
        captions = QHBoxLayout()
        captions.addWidget(self.caption_zh, 1)
        captions.addWidget(self.caption_en, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(tools)
        layout.addWidget(self.view, 1)
        layout.addLayout(captions)
        layout.addWidget(self.info_label)
        self.setTabOrder(self.view, self.prev_button)
        self.resize(1000, 760)

        events().records_changed.connect(self._records_changed)
        events().record_deleted.connect(self._record_deleted)
        self._listening = True
        self.retranslate()
        self.load()
        self.view.setFocus()

    def _add_action(self, keys: list, slot) -> None:
        action = QAction(self)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self._actions.append(action)

    # ------------------------------------------------------------ what is shown

    @property
    def current(self) -> Media | None:
        return self.media[self.index] if self.media else None

    def image_path(self, media: Media) -> Path:
        if not self.show_original:
            try:
                return media_records.derivative(self.archive, media, "screen")
            except (ExhibitError, ValueError, OSError):
                pass  # no screen copy can be made: try the original itself
        return media_records.file_path(self.archive, media)

    def load(self) -> None:
        """Read the current image (upright) and show it fitted to the window."""
        media = self.current
        self.error_text = ""
        pixmap = QPixmap()
        if media is not None:
            self.shown_path = self.image_path(media)
            reader = QImageReader(str(self.shown_path))
            reader.setAutoTransform(True)  # honour EXIF orientation
            image = reader.read()
            if image.isNull():
                self.error_text = reader.errorString()
            else:
                pixmap = QPixmap.fromImage(image)
        self.item.setPixmap(pixmap)
        self.scene.setSceneRect(self.item.boundingRect())
        self.fit_to_window()
        self.retranslate()

    def displayed_size(self) -> QSize:
        """Size of the pixmap on screen at 100 % (after EXIF orientation)."""
        return self.item.pixmap().size()

    def go(self, step: int) -> None:
        if not self.media:
            return
        new = max(0, min(len(self.media) - 1, self.index + step))
        if new != self.index:
            self.index = new
            self.load()

    def set_show_original(self, on: bool) -> None:
        if on != self.show_original:
            self.show_original = on
            self.original_button.setChecked(on)
            self.load()

    # ------------------------------------------------------------ zoom

    def _update_zoom_label(self) -> None:
        self.zoom_label.setText(f"{round(self.scale() * 100)} %")

    # ------------------------------------------------------------ archive events

    def _records_changed(self, record_type: str, ids: list) -> None:
        if record_type != "media" or not self.media:
            return
        for i, m in enumerate(self.media):
            if not ids or m.id in ids:
                try:
                    self.media[i] = services.get(self.archive, "media", m.id)  # type: ignore[assignment]
                except ExhibitError:
                    pass
        self.retranslate()

    def _record_deleted(self, record_type: str, record_id: int) -> None:
        if record_type != "media":
            return
        kept = [m for m in self.media if m.id != record_id]
        if len(kept) != len(self.media):
            current = self.current
            self.media = kept
            if not kept:
                self.close()
                return
            if current is not None and current.id == record_id:
                self.index = min(self.index, len(kept) - 1)
                self.load()
            else:
                self.index = next(i for i, m in enumerate(kept) if current and m.id == current.id)
                self.retranslate()

    def closeEvent(self, event) -> None:
        if self._listening:
            self._listening = False
            events().records_changed.disconnect(self._records_changed)
            events().record_deleted.disconnect(self._record_deleted)
        super().closeEvent(event)

    # ------------------------------------------------------------ texts

    def info_text(self) -> str:
        media = self.current
        if media is None:
            return self.tr("No image")
        parts = [self.tr("Image %1 of %2").replace("%1", str(self.index + 1))
                 .replace("%2", str(len(self.media))), media.original_name]
        if media.width and media.height:
            parts.append(self.tr("original %1 × %2 px").replace("%1", str(media.width))
                         .replace("%2", str(media.height)))
        if media.size_bytes:
            parts.append(size_text(media.size_bytes))
        if media.format:
            parts.append(media.format)
        shown = self.displayed_size()
        if self.error_text:
            parts.append(self.tr("cannot show this image: %1").replace("%1", self.error_text))
        elif not shown.isEmpty():
            which = self.tr("original") if self.show_original else self.tr("screen copy")
            parts.append(self.tr("showing the %1, %2 × %3 px").replace("%1", which)
                         .replace("%2", str(shown.width())).replace("%3", str(shown.height())))
        return " · ".join(parts)

    def retranslate(self) -> None:
        media = self.current
        title = media.original_name if media is not None else ""
        self.setWindowTitle(self.tr("Image — %1").replace("%1", title) if title else self.tr("Image"))
        self.prev_button.setText(self.tr("◀ Previous"))
        self.prev_button.setAccessibleName(self.tr("Previous image"))
        self.prev_button.setToolTip(self.tr("Previous image (Page Up)"))
        self.next_button.setText(self.tr("Next ▶"))
        self.next_button.setAccessibleName(self.tr("Next image"))
        self.next_button.setToolTip(self.tr("Next image (Page Down)"))
        self.prev_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.media) - 1)
        self.zoom_out_button.setText(self.tr("−"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (-, mouse wheel)"))
        self.zoom_in_button.setText(self.tr("+"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (+, mouse wheel)"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setAccessibleName(self.tr("Fit to window"))
        self.fit_button.setToolTip(self.tr("Fit the image to the window (0)"))
        self.actual_button.setText(self.tr("100 %"))
        self.actual_button.setAccessibleName(self.tr("Actual size"))
        self.actual_button.setToolTip(self.tr("Show at 100 % (1)"))
        self.original_button.setText(self.tr("Original"))
        self.original_button.setAccessibleName(self.tr("Show the original file"))
        self.original_button.setToolTip(self.tr("Load the full-size original instead of the screen copy"))
        self.view.setAccessibleName(self.tr("Image; drag to pan, wheel to zoom"))
        zh, en = media.title_pair() if media is not None else ("", "")
        self.caption_zh.setText(zh or self.tr("(no Chinese caption)"))
        self.caption_en.setText(en or self.tr("(no English caption)"))
        self.caption_zh.setAccessibleName(self.tr("Chinese caption"))
        self.caption_en.setAccessibleName(self.tr("English caption"))
        self.info_label.setText(self.info_text())
        self.info_label.setAccessibleName(self.tr("Image details"))
        self._update_zoom_label()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
