"""Thumbnails loaded off the UI thread, with a bounded cache.

The UI thread looks up which image a record shows (exhibit.listing.
thumbnail_media, one query a page) and hands the Media record — plain data —
to a pool job. The worker computes the derivative's path, makes the
derivative if it is missing (file work only: exhibit.media_files never touches the
database) and decodes it with QImageReader at the size shown. Workers never
see the archive or its SQLite connection. Jobs go through background.run_task
on the loader's own pool, so thumbnails never queue behind a list's load.

Decoded images go into QPixmapCache (QPixmap must be made on the UI thread)
under an explicit limit, keyed by the image's content hash, so records
sharing an image share one pixmap. Requests are deduplicated; only the most
recent ones stay wanted, so a worker skips images of rows long scrolled away,
and newer requests run first.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QThreadPool, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap, QPixmapCache

from exhibit import media_files
from exhibit.records import Media
from ui.common.background import run_task

CACHE_KB = 64 * 1024       # QPixmapCache's default is 10 MB: ~40 thumbnails of 256 px
MAX_WANTED = 400           # a few screens of a grid; older requests are dropped


def fit(size: QSize, box: int) -> QSize:
    """`size` scaled to fit a box×box square, aspect kept, never enlarged."""
    w, h = size.width(), size.height()
    if w <= 0 or h <= 0:
        return QSize(box, box)
    scale = min(1.0, box / max(w, h))
    return QSize(max(1, round(w * scale)), max(1, round(h * scale)))


def read_thumbnail(media_root: Path, media: Media, box: int) -> QImage:
    """Decode a record's thumbnail at `box` px (worker thread: files only, no database)."""
    return read_derivative(media_root, media, "thumb", box)


def read_derivative(media_root: Path, media: Media, kind: str, box: int | None = None) -> QImage:
    """Decode a record's derivative ('thumb' or 'screen'), upright, at most `box` px if given.

    A worker thread's job: files only, no database. A missing derivative is
    made first (from the stored original).
    """
    path = media_files.derivative_path(media_root, media.sha256, kind)
    if not path.exists():
        stored = media_files.StoredMedia(
            sha256=media.sha256, path=media.path, original_name=media.original_name,
            format=media.format, mime=media.mime, width=media.width, height=media.height,
            size_bytes=media.size_bytes, exif_date=media.exif_date, camera=media.camera)
        media_files.make_derivatives(stored, media_root)
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and box is not None:
        # Decoding straight to the shown size: JPEG scales while decoding.
        reader.setScaledSize(fit(size, box))
    image = reader.read()
    return image


def _load(key: str, media_root: Path, media: Media, box: int, wanted) -> tuple[QImage, str]:
    """(image, error) for one request; error "dropped" if nobody wants it any more (worker thread)."""
    if not wanted(key):
        return QImage(), "dropped"
    try:
        image = read_thumbnail(media_root, media, box)
        return image, "" if not image.isNull() else "unreadable image"
    except Exception as exc:  # a missing or broken file: the placeholder stays
        return QImage(), str(exc) or type(exc).__name__


class ThumbnailLoader(QObject):
    """Loads record thumbnails with a private QThreadPool; emits `ready` on the UI thread."""

    ready = Signal(str, int, QImage)   # record_type, record_id, image
    failed = Signal(str, int, str)     # record_type, record_id, reason

    def __init__(self, media_root: Path, box: int = 128, cache_kb: int = CACHE_KB,
                 threads: int | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.media_root = Path(media_root)
        self.box = box
        # The cache is process-wide; make sure it holds at least what we ask for.
        QPixmapCache.setCacheLimit(max(QPixmapCache.cacheLimit(), cache_kb))
        self.pool = QThreadPool(self)
        if threads:
            self.pool.setMaxThreadCount(threads)
        # key -> records waiting for it; the order is the order of requests.
        self._pending: OrderedDict[str, tuple[Media, set[tuple[str, int]]]] = OrderedDict()
        self._wanted: set[str] = set()
        self._lock = threading.Lock()
        self._priority = 0
        self._failed: set[str] = set()

    # ------------------------------------------------------------ keys and cache

    def key(self, media: Media) -> str:
        return f"thumb:{self.box}:{media.sha256}"

    def pixmap(self, media: Media) -> QPixmap | None:
        """The cached pixmap of `media`, or None if it is not loaded (yet)."""
        found = QPixmapCache.find(self.key(media))
        return found if found is not None and not found.isNull() else None

    def has_failed(self, media: Media) -> bool:
        return self.key(media) in self._failed

    # ------------------------------------------------------------ requests

    def _is_wanted(self, key: str) -> bool:  # worker thread
        with self._lock:
            return key in self._wanted

    def request(self, record_type: str, record_id: int, media: Media) -> None:
        """Load `media`'s thumbnail for a record; `ready` follows unless it is dropped or fails."""
        key = self.key(media)
        if key in self._failed:
            return
        entry = self._pending.get(key)
        if entry is not None:
            entry[1].add((record_type, record_id))
            self._pending.move_to_end(key)
            self._want(key)
            return
        self._pending[key] = (media, {(record_type, record_id)})
        self._want(key)
        self._start(key, media)

    def _want(self, key: str) -> None:
        with self._lock:
            self._wanted.add(key)
            # Keep only the newest requests wanted: rows scrolled far away are skipped.
            if len(self._wanted) > MAX_WANTED:
                for old in self._pending:
                    if len(self._wanted) <= MAX_WANTED:
                        break
                    if old != key:
                        self._wanted.discard(old)

    def _start(self, key: str, media: Media) -> None:
        self._priority += 1
        job = partial(_load, key, self.media_root, media, self.box, self._is_wanted)
        # higher runs first: newest = on screen now
        run_task(job, partial(self._on_loaded, key), owner=self, pool=self.pool,
                 priority=self._priority)

    def pending_count(self) -> int:
        return len(self._pending)

    def cancel_all(self) -> None:
        """Forget every queued request (a new list is shown)."""
        with self._lock:
            self._wanted.clear()

    def shutdown(self) -> None:
        """Stop: drop queued work and wait for running workers (call before closing the archive)."""
        self.cancel_all()
        self.pool.clear()
        self.pool.waitForDone()
        self._pending.clear()

    def _on_loaded(self, key: str, loaded: tuple[QImage, str]) -> None:  # UI thread
        image, error = loaded
        entry = self._pending.get(key)
        if entry is None:  # shut down meanwhile
            return
        if error == "dropped":
            with self._lock:
                wanted_again = key in self._wanted
            if wanted_again:  # scrolled back before the worker skipped it
                self._start(key, entry[0])
            else:
                del self._pending[key]
            return
        del self._pending[key]
        with self._lock:
            self._wanted.discard(key)
        waiting = entry[1]
        if error or image.isNull():
            self._failed.add(key)
            for record_type, record_id in waiting:
                self.failed.emit(record_type, record_id, error or "unreadable image")
            return
        QPixmapCache.insert(key, QPixmap.fromImage(image))
        for record_type, record_id in waiting:
            self.ready.emit(record_type, record_id, image)


_placeholders: dict[int, QPixmap] = {}


def placeholder(box: int) -> QPixmap:
    """A neutral square shown until a thumbnail arrives (made once per size, UI thread)."""
    pixmap = _placeholders.get(box)
    if pixmap is None:
        pixmap = QPixmap(box, box)
        pixmap.fill(QColor(232, 228, 220))
        painter = QPainter(pixmap)
        painter.setPen(QColor(200, 194, 184))
        painter.drawRect(0, 0, box - 1, box - 1)
        painter.end()
        _placeholders[box] = pixmap
    return pixmap
