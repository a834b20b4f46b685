"""One image shown large inside the record's tabs: fitted by default, zoom and pan, caption and file.

The Images tab of a record shows the picture chosen in its strip here, and
an image record shows itself (its Details and Images tabs), so a curator sees
the picture, not only its SHA-256. The screen-size derivative (long edge
1600 px) is decoded on a pool thread (ui.common.thumbnails.read_derivative:
files only, no database) and made first if it is missing; a newer choice
drops an older load. The view fits the picture to the pane, never past 100 %;
the wheel or − / + zoom, dragging pans, Fit and 100 % set the scale, and a
resize keeps the picture fitted until the curator zooms.

The caption is in the window's language, else in the other one; below it the
file's name, pixel size, file size and format.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QGraphicsPixmapItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exhibit.records import Media
from ui.common import naming
from ui.common.background import run_task
from ui.common.plaintext import tip
from ui.common.thumbnails import read_derivative
from ui.curator.editor.viewer import STEP, ZoomControls, ZoomView
from ui.curator.models import size_text


def caption_of(media: Media) -> str:
    """The caption in the window's language, else the other one ('' when there is none)."""
    zh, en = media.caption_zh or "", media.caption_en or ""
    return (zh or en) if naming.lang() == "zh" else (en or zh)


def file_line(media: Media) -> str:
    """map-hengyang.png · 1800 × 1400 px · 367 KB · PNG"""
    parts = [media.original_name or ""]
    if media.width and media.height:
        parts.append(f"{media.width} × {media.height} px")
    if media.size_bytes:
        parts.append(size_text(media.size_bytes))
    if media.format:
        parts.append(media.format)
    return " · ".join(p for p in parts if p)


def _load(media_root: Path, media: Media) -> tuple[QImage, str]:
    """The screen-size picture of `media`, or an empty image and why (pool thread)."""
    try:
        image = read_derivative(media_root, media, "screen")
    except Exception as exc:  # a missing or broken file: the pane says so
        return QImage(), str(exc) or type(exc).__name__
    return image, "" if not image.isNull() else "unreadable image"


class ImagePane(QWidget, ZoomControls):
    """`set_media(media)` shows one image large; `open_requested` asks for the full viewer."""

    open_requested = Signal()

    def __init__(self, media_root: Path, parent: QWidget | None = None, *, open_button: bool = False) -> None:
        super().__init__(parent)
        self.media_root = Path(media_root)
        self.media: Media | None = None
        self.fit_mode = True
        self.error_text = ""
        self.loading = False
        self._generation = 0
        self._closed = False

        self.scene = QGraphicsScene(self)
        self.item = QGraphicsPixmapItem()
        self.item.setTransformationMode(Qt.TransformationMode.SmoothTransformation)
        self.scene.addItem(self.item)
        self.view = _PaneView(self)
        self.view.setScene(self.scene)
        self.view.setMinimumSize(QSize(160, 120))
        self.view.setRenderHint(QPainter.RenderHint.Antialiasing)

        self.zoom_out_button = QToolButton()
        self.zoom_in_button = QToolButton()
        self.fit_button = QToolButton()
        self.actual_button = QToolButton()
        self.open_button = QToolButton()
        self.zoom_label = QLabel()
        self.zoom_label.setMinimumWidth(48)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / STEP))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(STEP))
        self.fit_button.clicked.connect(self.fit_to_window)
        self.actual_button.clicked.connect(self.actual_size)
        self.open_button.clicked.connect(self.open_requested)
        self.buttons = (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button,
                        self.open_button)
        for button in self.buttons:
            button.setMinimumHeight(28)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        self.caption_label = QLabel()
        self.caption_label.setWordWrap(True)
        self.caption_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.caption_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.file_label = QLabel()
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        tools.addWidget(self.zoom_out_button)
        tools.addWidget(self.zoom_label)
        tools.addWidget(self.zoom_in_button)
        tools.addWidget(self.fit_button)
        tools.addWidget(self.actual_button)
        tools.addStretch(1)
        tools.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(tools)
        layout.addWidget(self.caption_label)
        layout.addWidget(self.file_label)  # a line of its own: the name and size are read whole
        # Only once it has a parent: shown before, a button is a window of its own for a moment.
        self.open_button.setVisible(open_button)
        self.retranslate()

    def sizeHint(self) -> QSize:
        # A picture wants room: in a splitter beside an image record's fields it takes the larger share.
        return QSize(480, 440)

    # ------------------------------------------------------------ what is shown

    def set_media(self, media: Media | None) -> None:
        """Show `media` (None: nothing); the picture arrives from a pool thread."""
        same = media is not None and self.media is not None and media.sha256 == self.media.sha256
        self.media = media
        self.error_text = ""
        if not same:
            self._generation += 1
            self.item.setPixmap(QPixmap())
            self.scene.setSceneRect(self.item.boundingRect())
            self.loading = media is not None and not self._closed
            if self.loading:
                run_task(partial(_load, self.media_root, media),
                         partial(self._loaded, self._generation), owner=self)
        self.retranslate()

    def _loaded(self, generation: int, loaded: tuple[QImage, str]) -> None:
        if generation != self._generation or self._closed:
            return  # another image was chosen meanwhile
        image, error = loaded
        self.loading = False
        self.error_text = error
        self.item.setPixmap(QPixmap.fromImage(image) if not error else QPixmap())
        self.scene.setSceneRect(self.item.boundingRect())
        self.fit_to_window()
        self.retranslate()

    def displayed_size(self) -> QSize:
        """The picture's size at 100 % (empty while it loads or when it cannot be read)."""
        return self.item.pixmap().size()

    def shutdown(self) -> None:
        """Ignore loads still running (the owner closes)."""
        self._closed = True
        self._generation += 1

    # ------------------------------------------------------------ zoom (ZoomControls; ZoomView calls it)

    def _update_zoom_label(self) -> None:
        shown = not self.displayed_size().isEmpty()
        self.zoom_label.setText(f"{round(self.scale() * 100)} %" if shown else "")
        for button in (self.zoom_out_button, self.zoom_in_button, self.fit_button, self.actual_button):
            button.setEnabled(shown)

    # ------------------------------------------------------------ texts

    def status_text(self) -> str:
        """What the pane says in place of a picture ('' once it shows one)."""
        if self.media is None:
            return self.tr("No image chosen.")
        if self.loading:
            return self.tr("Loading the image…")
        if self.error_text:
            return self.tr("Cannot show this image: %1").replace("%1", self.error_text)
        return ""

    def retranslate(self) -> None:
        media = self.media
        caption = caption_of(media) if media is not None else ""
        self.caption_label.setText(caption)
        self.caption_label.setVisible(bool(caption))
        self.caption_label.setToolTip(tip("\n".join(t for t in (media.caption_zh, media.caption_en) if t))
                                      if media is not None else "")
        line = file_line(media) if media is not None else ""
        self.file_label.setText(line)
        self.file_label.setToolTip(tip(line))
        self.view.setToolTip(self.status_text())
        self.view.viewport().update()
        self.zoom_out_button.setText(self.tr("−"))
        self.zoom_out_button.setAccessibleName(self.tr("Zoom out"))
        self.zoom_out_button.setToolTip(self.tr("Zoom out (mouse wheel)"))
        self.zoom_in_button.setText(self.tr("+"))
        self.zoom_in_button.setAccessibleName(self.tr("Zoom in"))
        self.zoom_in_button.setToolTip(self.tr("Zoom in (mouse wheel)"))
        self.fit_button.setText(self.tr("Fit"))
        self.fit_button.setAccessibleName(self.tr("Fit to the pane"))
        self.fit_button.setToolTip(self.tr("Show the whole picture"))
        self.actual_button.setText(self.tr("100 %"))
        self.actual_button.setAccessibleName(self.tr("Actual size"))
        self.actual_button.setToolTip(self.tr("Show the picture at 100 %"))
        self.open_button.setText(self.tr("Open…"))
        self.open_button.setAccessibleName(self.tr("Open image viewer"))
        self.open_button.setToolTip(self.tr("Open the picture in its own window, with the original file"))
        self.view.setAccessibleName(self.tr("Picture; drag to pan, wheel to zoom"))
        self.caption_label.setAccessibleName(self.tr("Caption"))
        self.file_label.setAccessibleName(self.tr("File"))
        self._update_zoom_label()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class _PaneView(ZoomView):
    """The pane's view: says what is happening ("Loading the image…") while it has no picture."""

    def __init__(self, pane: ImagePane) -> None:
        super().__init__(pane)  # type: ignore[arg-type]  # ZoomView asks only for zoom_by and fit_to_window
        self._pane = pane

    def drawForeground(self, painter: QPainter, rect) -> None:  # noqa: N802 (Qt's name)
        text = self._pane.status_text()
        if not text:
            return
        painter.save()
        painter.resetTransform()
        painter.setPen(Qt.GlobalColor.white)
        area = self.viewport().rect().adjusted(12, 12, -12, -12)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), text)
        painter.restore()
