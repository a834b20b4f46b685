"""Other curators' edits on a server archive, brought to the window's thread and its hub.

exhibit/server/listen.py's `Listener` hears every committed edit on its own thread and
knows no Qt. `ServerChanges` owns one and hands each `Change` to the GUI thread through a
queued signal, where it

- skips the changes this window made itself (their `pid` is the server process of one of
  the window's own connections, `own_pids`): its undo commands told the hub already;
- emits `change`, so the window can tell the curator when the record open in the editor
  was saved or deleted by someone else (before the hub makes the form re-read it);
- tells the "records changed" hub (ui/common/events.py) exactly as a local edit does, so
  the lists, counts, trees and open forms refresh themselves.

An import on another workstation commits thousands of records at once, one notification
each. The first change of a burst reaches the hub at once; the rest of the burst, for
BURST_MS, is told to it together: one "records changed" per type (the ids, or "any" beyond
BURST_IDS), so the lists re-read once and not thousands of times.

The listener's connection state comes out as `state_changed` ('connected' /
'reconnecting') and is shown in the status bar by `ServerStatus`. Notifications sent
while the listener was away are lost (PostgreSQL keeps none for a listener not there),
so 'connected' after 'reconnecting' tells the hub that every record type may have
changed: whatever is shown is read again.
"""
from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from exhibit.records import RECORD_TYPES
from exhibit.server.listen import CONNECTED, RECONNECTING, Change, Listener
from ui.common.events import events

ListenerFactory = Callable[..., Listener]
RECONNECTED_SHOWN_MS = 8000  # how long "connected again" stays in the status bar
BURST_MS = 150    # changes heard within this of the first are told to the hub together
BURST_IDS = 64    # more changed records of one type than this: "any may have changed"


class ServerChanges(QObject):
    """Other connections' edits as `change` signals and hub events, on the GUI thread.

    `own_pids` are the server process ids (connection.info.backend_pid) of this window's own
    connections; add to it when the window opens another one (after a reconnection)."""

    change = Signal(object)       # a Change made by someone else
    state_changed = Signal(str)   # CONNECTED or RECONNECTING

    # Emitted on the listener's thread; connected queued, so the slots run on ours.
    _heard = Signal(object)
    _heard_state = Signal(str)

    def __init__(self, url: str, own_pids: Iterable[int] = (), parent: QObject | None = None, *,
                 listener: ListenerFactory = Listener) -> None:
        super().__init__(parent)
        self.own_pids: set[int] = set(own_pids)
        self.state: str | None = None
        self._heard.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._heard_state.connect(self._deliver_state, Qt.ConnectionType.QueuedConnection)
        self.listener = listener(url, self._heard.emit, self._heard_state.emit)
        self._burst: dict[str, set[int]] | None = None   # changes held until the burst ends
        self._burst_timer = QTimer(self, singleShot=True, interval=BURST_MS)
        self._burst_timer.timeout.connect(self._end_burst)

    def start(self) -> None:
        self.listener.start()

    def stop(self) -> None:
        """End the listener's thread (before the window and this object go)."""
        self._burst_timer.stop()
        self._burst = None
        self.listener.stop()

    # ------------------------------------------------------------ on the GUI thread

    def _deliver(self, change: Change) -> None:
        if change.pid in self.own_pids:
            return
        self.change.emit(change)
        hub = events()
        if change.action == "delete":
            hub.record_deleted.emit(change.type, change.id)
        if self._burst is not None:   # within a burst: told when it ends
            self._burst.setdefault(change.type, set()).add(change.id)
            return
        self._burst = {}
        self._burst_timer.start()
        # id 0: a change to the order of a type's records (reorder), not to one record.
        hub.records_changed.emit(change.type, [change.id] if change.id else [])

    def _end_burst(self) -> None:
        held, self._burst = self._burst or {}, None
        hub = events()
        for record_type, ids in held.items():
            whole = 0 in ids or len(ids) > BURST_IDS
            hub.records_changed.emit(record_type, [] if whole else sorted(ids))

    def _deliver_state(self, state: str) -> None:
        came_back = state == CONNECTED and self.state == RECONNECTING
        self.state = state
        self.state_changed.emit(state)
        if came_back:
            # What was saved while we were away was never heard: read everything shown again.
            hub = events()
            for record_type in RECORD_TYPES:
                hub.records_changed.emit(record_type, [])


class ServerStatus(QLabel):
    """The status bar's word on the server connection: "Reconnecting to the server…" while
    the listener is away, "Connected to the server again" for a moment when it is back,
    nothing while all is well."""

    def __init__(self, changes: ServerChanges, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("serverStatus")
        self.state: str | None = None
        self._back = False   # connected again after reconnecting (shown for a moment)
        self._hide_timer = QTimer(self, singleShot=True, interval=RECONNECTED_SHOWN_MS)
        self._hide_timer.timeout.connect(self.settle)
        changes.state_changed.connect(self.set_state)
        self.hide()

    def set_state(self, state: str) -> None:
        self._back = state == CONNECTED and self.state == RECONNECTING
        self.state = state
        if self._back:
            self._hide_timer.start()
        else:
            self._hide_timer.stop()
        self.retranslate()

    def settle(self) -> None:
        """The moment "connected again" is shown is over: back to saying nothing."""
        self._back = False
        self.retranslate()

    def retranslate(self) -> None:
        if self.state == RECONNECTING:
            self.setText(self.tr("Reconnecting to the server…"))
            self.setStyleSheet("color: #a33; font-weight: bold;")
        elif self._back:
            self.setText(self.tr("Connected to the server again; the lists were read again"))
            self.setStyleSheet("")
        else:
            self.setText("")
        self.setVisible(bool(self.text()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
