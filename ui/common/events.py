"""One signal hub: the views listen for "records changed" instead of reloading everything."""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ArchiveEvents(QObject):
    # record_type, ids (empty list = "many/unknown": reload that type)
    records_changed = Signal(str, list)
    # record_type, id: a record was deleted (open forms must close or warn)
    record_deleted = Signal(str, int)
    # emitted after the UI language changed (widgets also get QEvent.LanguageChange)
    language_changed = Signal(str)

    def changed(self, record_type: str, *ids: int) -> None:
        self.records_changed.emit(record_type, list(ids))


_events: ArchiveEvents | None = None


def events() -> ArchiveEvents:
    """The application-wide hub (created on first use, after QApplication)."""
    global _events
    if _events is None:
        _events = ArchiveEvents()
    return _events
