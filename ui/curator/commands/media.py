"""Undoable edits of a record's images: link, unlink, reorder, set primary, and an import's links.

Each function is one curator edit = one service call = one undo step,
pushed through `ui.curator.commands.undo`. Undo restores the previous links and order
exactly: an unlinked image comes back at its old position, a reorder or a
new primary goes back to the order before it.

Importing files is not undone as a file operation (they stay in the
content-addressed store, where they cost nothing and are found again by
their hash), but the links an import made to the record are one undo step.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from exhibit import media_records
from exhibit.archive import Archive
from exhibit.errors import NotFoundError
from exhibit.records import MediaLink
from ui.curator.commands.undo import Changed, ServiceCommand, run


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("MediaCommands", text, None, n)


def order_of(archive: Archive, record_type: str, record_id: int) -> list[int]:
    """Media ids of a record's images, primary first."""
    return [link.media_id for link in media_records.media_links(archive, record_type, record_id)]


def _link_of(archive: Archive, record_type: str, record_id: int, media_id: int) -> MediaLink:
    for link in media_records.media_links(archive, record_type, record_id):
        if link.media_id == media_id:
            return link
    raise NotFoundError(f"media #{media_id} is not an image of {record_type} #{record_id}")


def _changed(record_type: str, record_id: int, media_ids: Iterable[int] = ()) -> Changed:
    # The record's image list changed; each media record's "linked from" did too.
    return [(record_type, record_id)] + [("media", m) for m in media_ids]


def link_media(stack: QUndoStack, archive: Archive, media_id: int, record_type: str,
               record_id: int, role: str = "image") -> MediaLink:
    """Add an image to a record (at the end). Linking an image twice changes nothing."""
    if media_id in order_of(archive, record_type, record_id):
        return _link_of(archive, record_type, record_id, media_id)
    state: dict[str, int] = {}

    def do() -> MediaLink:
        link = media_records.link_media(archive, media_id, record_type, record_id, role=role,
                                        position=state.get("position"))
        state["link"], state["position"] = link.id, link.position
        return link

    return run(stack, _tr("Link image"), do,
               lambda: media_records.unlink_media(archive, state["link"]),
               _changed(record_type, record_id, [media_id]))


def unlink_media(stack: QUndoStack, archive: Archive, record_type: str, record_id: int,
                 media_id: int) -> None:
    """Remove an image from a record (the media record and its file stay)."""
    old = _link_of(archive, record_type, record_id, media_id)
    state = {"link": old.id}

    def undo() -> None:
        # Positions are left with a gap by the unlink, so the old position puts it back in place.
        link = media_records.link_media(archive, media_id, record_type, record_id,
                                        role=old.role, position=old.position)
        state["link"] = link.id  # a new row: redo must remove that one

    run(stack, _tr("Remove image from record"),
        lambda: media_records.unlink_media(archive, state["link"]), undo,
        _changed(record_type, record_id, [media_id]))


def reorder_media(stack: QUndoStack, archive: Archive, record_type: str, record_id: int,
                  media_ids: list[int]) -> None:
    """Put a record's images in a new order; the first is the primary image."""
    before = order_of(archive, record_type, record_id)
    after = list(media_ids)
    if after == before:
        return
    run(stack, _tr("Reorder images"),
        lambda: media_records.reorder_media(archive, record_type, record_id, after),
        lambda: media_records.reorder_media(archive, record_type, record_id, before),
        _changed(record_type, record_id))


def set_primary(stack: QUndoStack, archive: Archive, record_type: str, record_id: int,
                media_id: int) -> None:
    """Make an image the record's primary image (moves it first; the others keep their order)."""
    before = order_of(archive, record_type, record_id)
    if before and before[0] == media_id:
        return
    run(stack, _tr("Set primary image"),
        lambda: media_records.set_primary(archive, record_type, record_id, media_id),
        lambda: media_records.reorder_media(archive, record_type, record_id, before),
        _changed(record_type, record_id))


def move_media(stack: QUndoStack, archive: Archive, record_type: str, record_id: int,
               media_id: int, offset: int) -> None:
    """Move one image left (offset -1) or right (+1) in the order."""
    order = order_of(archive, record_type, record_id)
    i = order.index(media_id)
    j = max(0, min(len(order) - 1, i + offset))
    if i == j:
        return
    order.insert(j, order.pop(i))
    reorder_media(stack, archive, record_type, record_id, order)


@dataclass(frozen=True)
class _LinkSnapshot:
    media_id: int
    role: str
    position: int


def record_import(stack: QUndoStack, archive: Archive, record_type: str, record_id: int,
                  linked_before: set[int]) -> int:
    """Push one undo step for the links an import (already done) made; returns how many.

    `linked_before` is the set of media ids linked to the record before the
    import started: only links to other media are the import's, so undo never
    removes an image that was there already (a re-imported duplicate, say).
    """
    made = [_LinkSnapshot(link.media_id, link.role, link.position)
            for link in media_records.media_links(archive, record_type, record_id)
            if link.media_id not in linked_before]
    if not made:
        return 0
    media_ids = [s.media_id for s in made]

    def undo() -> None:
        # One transaction for the whole step (nested calls become savepoints).
        with archive.transaction():
            for s in made:
                media_records.unlink_media(archive, _link_of(archive, record_type, record_id,
                                                             s.media_id).id)

    def redo() -> None:
        with archive.transaction():
            for s in made:
                media_records.link_media(archive, s.media_id, record_type, record_id,
                                         role=s.role, position=s.position)

    # The links exist already: push without doing them again (already_done).
    # Two source texts rather than "image(s)": right in English with no translator loaded.
    text = _tr("Import %n image", 1) if len(made) == 1 else _tr("Import %n images", len(made))
    command = ServiceCommand(text, redo, undo,
                             _changed(record_type, record_id, media_ids), already_done=True)
    stack.push(command)
    return len(made)
