"""Widgets that take drops as copies: one set of drag handlers for the curator window.

The record editor's links (records dragged from the list or the picker) and
its media panel (image files from a file manager) both accept a drop only
when it carries something they can use, and never as a move: a drag from the
record list must not remove anything from that list. A widget says what it
wants (`wants_drop`) and what to do with it (`take_drop`); the mixin gives it
the dragEnter/dragMove/drop handlers. Put it before the Qt class:
`class MediaPanel(CopyDrops, QWidget)`.
"""
from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent


class CopyDrops:
    """Drag handlers for a widget that accepts what `wants_drop` says yes to, as a copy."""

    def wants_drop(self, mime: QMimeData) -> bool:
        raise NotImplementedError

    def take_drop(self, mime: QMimeData) -> None:
        raise NotImplementedError

    def dragEnterEvent(self, event: QDragMoveEvent) -> None:
        if self.wants_drop(event.mimeData()):
            _as_copy(event)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not self.wants_drop(mime):
            event.ignore()
            return
        _as_copy(event)
        self.take_drop(mime)


def _as_copy(event: QDropEvent) -> None:
    """Accept the drag or drop as a copy (where the source offers one)."""
    if event.possibleActions() & Qt.DropAction.CopyAction:
        event.setDropAction(Qt.DropAction.CopyAction)
    event.accept()
