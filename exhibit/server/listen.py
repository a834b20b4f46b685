"""Hearing other curators' edits on a server archive: PostgreSQL's LISTEN/NOTIFY.

Every committed edit (exhibit/server/records.py) sends one notification on CHANNEL, in
the transaction that makes it, so PostgreSQL delivers it at commit and never for an edit
that was rolled back. Its payload is a small JSON object (`Change`): the record's type,
id and new version, the action and the curator. A window refreshes what shows that
record; it can tell its own edits by `pid`, the server process of the connection that
made them (connection.info.backend_pid).

`Listener` holds a connection of its own (a connection busy with a query cannot hear
anything), LISTENs, and calls back once per change, on its own thread: no Qt here, the
window hands the calls to its thread (a queued signal). When the connection is lost (the
server restarted, the network dropped), or cannot be made at the start, it says
'reconnecting', tries again with a growing pause, and says 'connected' once it listens.
Notifications sent while it was away are lost (PostgreSQL keeps none for a listener that
is not there), so 'connected' after 'reconnecting' means: read again whatever is shown.
"""
from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Callable

from exhibit.server.address import ServerError, connect

if TYPE_CHECKING:
    import psycopg

CHANNEL = "exhibit_changes"
CONNECTED, RECONNECTING = "connected", "reconnecting"
POLL = 0.2           # seconds between looks at stop(): how long stop() may wait for the thread
FIRST_PAUSE = 0.25   # seconds before the first reconnection attempt, doubled after each failure …
LONGEST_PAUSE = 8.0  # … up to this
IDLE_PING = 15.0     # seconds of silence after which the connection is tried with a query:
                     # a server that vanished without closing the socket is found out then

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """One committed edit, as the notification carries it."""
    type: str          # record type ("object", "panel" …)
    id: int
    version: int       # the record's version after the edit (for a delete: the one deleted)
    action: str        # "create", "update" or "delete"
    who: str           # the curator, as history names them
    pid: int = 0       # the server process that sent it (0 until received)

    def payload(self) -> str:
        data = asdict(self)
        data.pop("pid")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_payload(cls, text: str, pid: int = 0) -> "Change":
        """The change a payload describes; ValueError for one that is not ours."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return cls(str(data["type"]), int(data["id"]), int(data["version"]), str(data["action"]),
                   str(data["who"]), pid)


class Listener:
    """Calls `on_change(Change)` for every edit committed on the server archive at `url`, and
    `on_state("connected" | "reconnecting")` when its connection comes and goes; both on the
    listener's thread. start() begins, stop() ends it and waits for the thread."""

    def __init__(self, url: str, on_change: Callable[[Change], None],
                 on_state: Callable[[str], None] | None = None, *,
                 connect_to: Callable[[str], "psycopg.Connection"] = connect,
                 first_pause: float = FIRST_PAUSE, longest_pause: float = LONGEST_PAUSE):
        self.url = url
        self.on_change = on_change
        self.on_state = on_state
        self._connect = connect_to
        self._first_pause, self._longest_pause = first_pause, longest_pause
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.state: str | None = None

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the listener has been started already")
        # A daemon: a listener left running never keeps the program from ending.
        self._thread = threading.Thread(target=self._run, name="exhibit-listener", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """End the thread (within POLL seconds, or the connection attempt under way)."""
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # ------------------------------------------------------------ the thread

    def _run(self) -> None:
        import psycopg

        pause = self._first_pause
        while not self._stopping.is_set():
            try:
                conn = self._connect(self.url)
            except ServerError as exc:
                log.info("listener: %s", exc)
                self._set_state(RECONNECTING)
                self._stopping.wait(pause)
                pause = min(pause * 2, self._longest_pause)
                continue
            try:
                conn.execute(f"LISTEN {CHANNEL}")
                self._set_state(CONNECTED)
                pause = self._first_pause
                self._listen(conn)
            except psycopg.Error as exc:
                if not self._stopping.is_set():
                    log.info("listener: connection lost: %s", exc)
                    self._set_state(RECONNECTING)
                    self._stopping.wait(pause)
            finally:
                try:
                    conn.close()
                except psycopg.Error:
                    pass

    def _listen(self, conn: "psycopg.Connection") -> None:
        """Deliver notifications until stop() or until the connection fails (psycopg.Error)."""
        quiet_since = time.monotonic()
        while not self._stopping.is_set():
            heard = False
            for notify in conn.notifies(timeout=POLL):
                heard = True
                if notify.channel == CHANNEL:
                    self._deliver(notify.payload, notify.pid)
                if self._stopping.is_set():
                    return
            now = time.monotonic()
            if heard:
                quiet_since = now
            elif now - quiet_since > IDLE_PING:
                conn.execute("SELECT 1")
                quiet_since = now

    def _deliver(self, payload: str, pid: int) -> None:
        try:
            change = Change.from_payload(payload, pid)
        except (ValueError, KeyError, TypeError) as exc:
            log.warning("listener: ignored a notification that is not a change (%s): %.200s", exc, payload)
            return
        self._call(self.on_change, change)

    def _set_state(self, state: str) -> None:
        if state == self.state:
            return
        self.state = state
        if self.on_state is not None:
            self._call(self.on_state, state)

    @staticmethod
    def _call(callback: Callable[[Any], None], argument: Any) -> None:
        # A callback's own mistake must not end the listening: logged, and the next comes.
        try:
            callback(argument)
        except Exception:
            log.exception("listener: the callback failed on %r", argument)
