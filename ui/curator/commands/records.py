"""Curator edits as undoable commands: each is one service call, pushed only if it succeeded.

Every function here performs its edit now through `ui.curator.commands.undo.run` and
returns what the service returned. Undo and redo call the service layer again
(each a transaction with history rows). Deleting keeps a snapshot
(`exhibit.undo_snapshots`), so undo brings the record back with the same id and
every link, image, citation and movement it had.

If undo or redo is no longer possible — the record was changed or deleted
elsewhere in the meantime — the step is refused with a message naming the
record, and dropped from the stack rather than left there to fail again.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from exhibit import services, undo_snapshots
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import Movement, Record
from ui.common.events import events
from ui.curator.commands.undo import Changed, ServiceCommand, run


def _title(template: str, record: Record) -> str:
    """Undo-menu text such as 'Edit object HY1944.0001 “钢盔”' (`template` already translated)."""
    return template.replace("%1", record.label())


class _Handle:
    """The pushed command, so an undo/redo that turns out impossible can drop it."""

    def __init__(self) -> None:
        self.command: ServiceCommand | None = None

    def attach(self, stack: QUndoStack) -> None:
        cmd = stack.command(stack.index() - 1)
        self.command = cmd if isinstance(cmd, ServiceCommand) else None

    def guarded(self, fn: Callable[[], Any]) -> Callable[[], Any]:
        def call() -> Any:
            try:
                return fn()
            except ExhibitError:
                # Qt deletes an obsolete command after its undo()/redo() returns.
                if self.command is not None:
                    self.command.setObsolete(True)
                raise
        return call


def _push(stack: QUndoStack, text: str, do: Callable[[], Any], undo: Callable[[], Any],
          redo: Callable[[], Any] | None = None,
          changed: Callable[[], Changed] | Changed = ()) -> Any:
    """run() with guarded undo and redo; `redo` defaults to doing `do` again."""
    handle = _Handle()
    guarded_redo = handle.guarded(redo or do)
    first = [True]

    def do_then_redo() -> Any:
        if first[0]:  # the edit itself: its errors go to the caller, nothing is pushed
            first[0] = False
            return do()
        return guarded_redo()

    result = run(stack, text, do_then_redo, handle.guarded(undo), changed)
    handle.attach(stack)
    return result


def _comparable(record: Record) -> dict[str, Any]:
    row = record.as_row()
    row.pop("modified", None)
    return row


# ---------------------------------------------------------------- records

def _delete_now(archive: Archive, record_type: str, record_id: int,
                cascade: bool = True) -> undo_snapshots.Snapshot:
    """Snapshot, then delete; tells open forms the record is gone."""
    snap = undo_snapshots.snapshot(archive, record_type, record_id)
    services.delete(archive, record_type, record_id, cascade=cascade)
    events().record_deleted.emit(record_type, record_id)
    return snap


def create_record(stack: QUndoStack, archive: Archive, draft: Record) -> Record:
    """Create a record; undo deletes it (keeping a snapshot), redo restores it with the same id."""
    state: dict[str, Any] = {}

    def do() -> Record:
        record = services.create(archive, draft)
        state["record"] = record
        return record

    def undo() -> None:
        record = state["record"]
        state["snap"] = _delete_now(archive, record.TYPE, record.id)

    def redo() -> Record:
        state["record"] = undo_snapshots.restore(archive, state["snap"])
        return state["record"]

    def changed() -> Changed:
        snap = state.get("snap")
        return snap.affected() if snap else [(state["record"].TYPE, state["record"].id)]

    text = QCoreApplication.translate("RecordCommands", "Create %1")
    return _push(stack, _title(text, draft), do, undo, redo, changed)


def update_record(stack: QUndoStack, archive: Archive, before: Record, after: Record) -> Record:
    """Save `after` over `before`. Undo puts `before` back — unless the record changed since."""
    state: dict[str, Record] = {}

    def expect(record: Record, message: str) -> None:
        current = services.get(archive, record.TYPE, record.id)
        if _comparable(current) != _comparable(record):
            raise ExhibitError(message.replace("%1", current.label()))

    def do() -> Record:
        # Against `before`: a record saved by someone else since is refused (Conflict).
        state["saved"] = services.update(archive, after, base=before)
        return state["saved"]

    def undo() -> None:
        expect(state["saved"], QCoreApplication.translate(
            "RecordCommands", "Cannot undo the edit of %1: it has been changed since "
            "(elsewhere, or by a later edit)."))
        state["restored"] = services.update(archive, before, base=state["saved"])

    def redo() -> Record:
        expect(state["restored"], QCoreApplication.translate(
            "RecordCommands", "Cannot redo the edit of %1: it has been changed since "
            "(elsewhere, or by a later edit)."))
        return do()

    text = QCoreApplication.translate("RecordCommands", "Edit %1")
    return _push(stack, _title(text, after), do, undo, redo, [(after.TYPE, after.id)])


def delete_record(stack: QUndoStack, archive: Archive, record_type: str, record_id: int,
                  cascade: bool = False) -> list[str]:
    """Delete a record (refused while linked, unless `cascade`); undo restores it and its links.

    Returns what the cascade removed, as services.delete does.
    """
    state: dict[str, Any] = {}

    def do() -> list[str]:
        snap = undo_snapshots.snapshot(archive, record_type, record_id)
        removed = services.delete(archive, record_type, record_id, cascade=cascade)
        state["snap"] = snap
        events().record_deleted.emit(record_type, record_id)
        return removed

    def undo() -> None:
        undo_snapshots.restore(archive, state["snap"])

    def redo() -> None:
        # Snapshot again: what refers to it now is what the next undo must give back.
        # Without cascade, a link made meanwhile refuses the redo, as it would the delete.
        state["snap"] = _delete_now(archive, record_type, record_id, cascade)

    record = services.get(archive, record_type, record_id)
    text = QCoreApplication.translate("RecordCommands", "Delete %1")
    return _push(stack, _title(text, record), do, undo, redo, lambda: state["snap"].affected())


# ---------------------------------------------------------------- movements

def record_movement(stack: QUndoStack, archive: Archive, object_id: int, location: str,
                    moved_at: str = "", reason: str = "", moved_by: str = "") -> Movement:
    """Move an object (movement row + its current location); undo removes both."""
    obj = services.get(archive, "object", object_id)
    previous = obj.location
    state: dict[str, Any] = {}

    def do() -> Movement:
        state["movement"] = services.record_movement(archive, object_id, location, moved_at,
                                                     reason, moved_by)
        return state["movement"]

    def undo() -> None:
        movement = state["movement"]
        with archive.transaction():  # both or neither
            current = services.get(archive, "object", object_id)
            state["snap"] = undo_snapshots.snapshot(archive, "movement", movement.id)
            services.delete(archive, "movement", movement.id)
            # Only if nobody has moved it again since: a later move stands.
            if current.location == movement.location:
                services.update(archive, replace(current, location=previous))

    def redo() -> Movement:
        with archive.transaction():
            state["movement"] = undo_snapshots.restore(archive, state["snap"])
            current = services.get(archive, "object", object_id)
            services.update(archive, replace(current, location=state["movement"].location))
        return state["movement"]

    def changed() -> Changed:
        return [("object", object_id), ("movement", state["movement"].id)]

    text = QCoreApplication.translate("RecordCommands", "Move %1 to %2") \
        .replace("%1", obj.label()).replace("%2", location)
    return _push(stack, text, do, undo, redo, changed)
