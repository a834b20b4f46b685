"""Undo and redo: every curator edit is one service call = one transaction = one undo step.

`run(stack, text, do, undo)` performs the edit first; only if it succeeds is
a command pushed (so a refused edit — a duplicate accession number, say —
leaves nothing on the stack and nothing in the archive). Undo and redo call
the service layer again, so they too are transactions with history rows.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand, QUndoStack

from ui.common.events import events

Changed = list[tuple[str, int]]


class ServiceCommand(QUndoCommand):
    def __init__(self, text: str, do: Callable[[], Any], undo: Callable[[], Any],
                 changed: Callable[[], Changed] | Changed = (), already_done: bool = True) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo
        self._changed = changed
        self._skip_first_redo = already_done
        self.result: Any = None
        self.error: Exception | None = None

    def _announce(self) -> None:
        changed = self._changed() if callable(self._changed) else self._changed
        by_type: dict[str, list[int]] = {}
        for record_type, record_id in changed:
            by_type.setdefault(record_type, []).append(record_id)
        for record_type, ids in by_type.items():
            events().records_changed.emit(record_type, ids)

    def redo(self) -> None:
        if self._skip_first_redo:
            self._skip_first_redo = False
        else:
            try:
                self.result = self._do()
            except Exception as exc:  # a record changed elsewhere meanwhile: report, don't crash
                self.error = exc
                _report(exc)
                return
        self._announce()

    def undo(self) -> None:
        try:
            self._undo()
        except Exception as exc:
            self.error = exc
            _report(exc)
            return
        self._announce()


def _report(exc: Exception) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    parent = QApplication.activeWindow()
    if parent is not None and QApplication.platformName() != "offscreen":
        QMessageBox.warning(parent, QApplication.translate("Commands", "Cannot undo or redo"), str(exc))
    else:
        import logging
        logging.getLogger(__name__).warning("undo/redo failed: %s", exc)


def run(stack: QUndoStack, text: str, do: Callable[[], Any], undo: Callable[[], Any],
        changed: Callable[[], Changed] | Changed = ()) -> Any:
    """Do an edit now; on success push it for undo. Errors propagate and nothing is pushed.

    `do` may return a value (the created record, say); `undo` may read it
    from the command's `result` via a closure over the returned command.
    """
    result = do()
    command = ServiceCommand(text, do, undo, changed)
    command.result = result
    stack.push(command)
    return result
