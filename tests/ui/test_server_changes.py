"""Other curators' edits reach the curator window (ui/common/server_changes.py): a Change
heard on the listener's thread arrives on the GUI thread, feeds the "records changed" hub
so lists and forms refresh, and is skipped when it was this window's own; the connection's
state shows in the status bar; a change to the open record shows a bar above the form.
A fake listener calls back from a thread of its own, as the real one does; one test runs
the real Listener against the throwaway PostgreSQL of tests/pg.py."""
from __future__ import annotations

import threading
from dataclasses import replace
from typing import Any, Callable

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from exhibit import services
from exhibit.records import RECORD_TYPES
from exhibit.server.listen import CONNECTED, RECONNECTING, Change
from ui.common import i18n
from ui.common.events import events
from ui.common.qtfonts import ensure_cjk_font
from ui.common.server_changes import ServerChanges
from ui.curator.window import CuratorWindow

OWN_PID, OTHER_PID = 4242, 5151
WAIT_MS = 10_000  # a bound for what takes well under a second


class FakeListener:
    """Listener's interface; `say`/`state` call back from another thread, as the real one."""

    def __init__(self, url: str, on_change: Callable[[Change], None], on_state: Callable[[str], None]):
        self.url, self.on_change, self.on_state = url, on_change, on_state
        self.started = self.stopped = False

    def start(self) -> None:
        self.started = True

    def stop(self, timeout: float = 5.0) -> None:
        self.stopped = True

    def _from_thread(self, call: Callable[[Any], None], argument: Any) -> None:
        thread = threading.Thread(target=call, args=(argument,))
        thread.start()
        thread.join()

    def say(self, change: Change) -> None:
        self._from_thread(self.on_change, change)

    def state(self, state: str) -> None:
        self._from_thread(self.on_state, state)


class Heard:
    """What the hub said, in order."""

    def __init__(self) -> None:
        self.changed: list[tuple[str, list]] = []
        self.deleted: list[tuple[str, int]] = []
        hub = events()
        hub.records_changed.connect(self._changed)
        hub.record_deleted.connect(self._deleted)

    def _changed(self, record_type: str, ids: list) -> None:
        self.changed.append((record_type, list(ids)))

    def _deleted(self, record_type: str, record_id: int) -> None:
        self.deleted.append((record_type, record_id))

    def close(self) -> None:
        hub = events()
        hub.records_changed.disconnect(self._changed)
        hub.record_deleted.disconnect(self._deleted)


@pytest.fixture
def heard(qapp):
    found = Heard()
    yield found
    found.close()


@pytest.fixture
def bridge(qapp):
    changes = ServerChanges("postgresql://example/archive", own_pids=[OWN_PID], listener=FakeListener)
    changes.start()
    yield changes
    changes.stop()
    changes.deleteLater()


def test_another_curator_s_change_reaches_the_hub_and_our_own_does_not(qtbot, bridge, heard):
    fake: FakeListener = bridge.listener
    assert fake.started
    mine = Change("object", 3, 2, "update", "tester", OWN_PID)
    theirs = Change("object", 4, 5, "update", "张三", OTHER_PID)
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS) as signal:
        fake.say(mine)     # queued first: had it been delivered, it would come before theirs
        fake.say(theirs)
    assert signal.args == [theirs]
    assert heard.changed == [("object", [4])]
    assert heard.deleted == []


def test_a_delete_elsewhere_tells_open_forms_it_is_gone(qtbot, bridge, heard):
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS):
        bridge.listener.say(Change("panel", 9, 3, "delete", "李四", OTHER_PID))
    assert heard.deleted == [("panel", 9)]
    assert heard.changed == [("panel", [9])]


def test_a_pid_added_later_is_ours_too(qtbot, bridge, heard):
    bridge.own_pids.add(OTHER_PID)   # the window reconnected: its connection has a new server process
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS) as signal:
        bridge.listener.say(Change("object", 1, 2, "update", "tester", OTHER_PID))
        bridge.listener.say(Change("object", 2, 2, "update", "王五", 6161))
    assert signal.args[0].id == 2
    assert heard.changed == [("object", [2])]


def test_back_after_reconnecting_every_list_is_read_again(qtbot, bridge, heard):
    with qtbot.waitSignal(bridge.state_changed, timeout=WAIT_MS):
        bridge.listener.state(CONNECTED)
    assert heard.changed == []             # the first connection: what is shown was just read
    with qtbot.waitSignal(bridge.state_changed, timeout=WAIT_MS):
        bridge.listener.state(RECONNECTING)
    with qtbot.waitSignal(bridge.state_changed, timeout=WAIT_MS):
        bridge.listener.state(CONNECTED)
    assert sorted(heard.changed) == sorted((t, []) for t in RECORD_TYPES)


# ---------------------------------------------------------------- in the curator window

@pytest.fixture
def window(qtbot, archive, monkeypatch, bridge):
    from ui.curator.editor.forms import RecordForm

    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    w = CuratorWindow(archive)
    w.follow_server(bridge)
    w.show()
    yield w
    i18n.set_language("en", remember=False)
    QApplication.processEvents()
    w.close()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_status_bar_says_when_the_server_is_away(qtbot, window, bridge):
    status = window.server_status
    assert not status.isVisible()
    with qtbot.waitSignal(bridge.state_changed, timeout=WAIT_MS):
        bridge.listener.state(RECONNECTING)
    assert status.isVisible() and status.text() == "Reconnecting to the server…"
    assert status.parentWidget() is not None and window.statusBar().isAncestorOf(status)
    i18n.set_language("zh", remember=False)
    QApplication.processEvents()
    assert status.text() == "正在重新连接服务器…"
    with qtbot.waitSignal(bridge.state_changed, timeout=WAIT_MS):
        bridge.listener.state(CONNECTED)
    assert status.text() == "已重新连接服务器；列表已重新读取"
    status.settle()                       # the moment is over
    assert not status.isVisible()
    window.close()
    assert bridge.listener.stopped         # the window's listener ends with it


def test_the_open_record_saved_elsewhere_shows_a_bar_and_reloads(qtbot, window, bridge, archive):
    record_id = window.model.id_at(0)
    window.open_record("object", record_id)
    form = window.form.current
    other = services.get(archive, "object", record_id)
    # Another curator saves it (here through the same file; on a server through theirs).
    services.update(archive, replace(other, name_en="Renamed by Zhang San"))
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS):
        bridge.listener.say(Change("object", record_id, 2, "update", "张三", OTHER_PID))
    bar = window.changed_bar
    assert bar.isVisible() and "张三 saved this record at" in bar.message.text()
    assert not bar.reload_button.isVisible()              # nothing of ours to lose
    assert form.record.name_en == "Renamed by Zhang San"  # the hub made the form re-read it
    window.open_record("object", window.model.id_at(1))
    assert not bar.isVisible()                            # it spoke of the other record


def test_unsaved_edits_are_kept_until_the_curator_reloads(qtbot, window, bridge, archive):
    record_id = window.model.id_at(0)
    window.open_record("object", record_id)
    form = window.form.current
    box = form._editors["description_en"].widget
    box.setFocus()
    qtbot.keyClicks(box, "My note.")
    assert form.dirty
    stored = services.get(archive, "object", record_id)
    services.update(archive, replace(stored, name_en="Renamed by Zhang San"))
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS):
        bridge.listener.say(Change("object", record_id, 2, "update", "张三", OTHER_PID))
    bar = window.changed_bar
    assert bar.isVisible() and "while you were editing it" in bar.message.text()
    assert bar.reload_button.isVisible() and bar.keep_button.text() == "Keep editing"
    assert form.dirty and "My note." in box.toPlainText()    # nothing taken away
    bar.reload_button.click()
    assert not bar.isVisible() and not form.dirty
    assert form.record.name_en == "Renamed by Zhang San"


def test_a_change_to_another_record_shows_no_bar(qtbot, window, bridge):
    window.open_record("object", window.model.id_at(0))
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS):
        bridge.listener.say(Change("object", window.model.id_at(1), 2, "update", "张三", OTHER_PID))
    assert not window.changed_bar.isVisible()


# ---------------------------------------------------------------- a real server

def test_a_save_on_the_server_reaches_the_hub_and_our_own_does_not(qtbot, pg_url, heard):
    from exhibit.records import ArchiveObject
    from exhibit.server import records as server
    from exhibit.server import schema as server_schema
    from exhibit.server.address import connect

    server_schema.init(pg_url)
    ours, theirs = connect(pg_url), connect(pg_url)
    changes = ServerChanges(pg_url, own_pids=[ours.info.backend_pid])
    try:
        with qtbot.waitSignal(changes.state_changed, timeout=WAIT_MS) as state:
            changes.start()
        assert state.args == [CONNECTED]
        server.create(ours, ArchiveObject(accession="HY1944.0901", name_zh="我的"), who="tester")
        with qtbot.waitSignal(changes.change, timeout=WAIT_MS) as signal:
            made = server.create(theirs, ArchiveObject(accession="HY1944.0902", name_zh="他的"), who="张三")
        change = signal.args[0]
        assert (change.type, change.id, change.action, change.who) == ("object", made.record.id, "create", "张三")
        assert heard.changed == [("object", [made.record.id])]   # ours (created first) was skipped
    finally:
        changes.stop()
        ours.close()
        theirs.close()


def test_a_burst_of_changes_reaches_the_hub_once_per_type(qtbot, bridge, heard):
    from ui.common.server_changes import BURST_IDS

    # An import elsewhere commits many records at once: one notification each.
    first = Change("object", 1, 1, "create", "王五", OTHER_PID)
    rest = [Change("object", i, 1, "create", "王五", OTHER_PID) for i in range(2, BURST_IDS + 10)]
    few = [Change("person", i, 1, "create", "王五", OTHER_PID) for i in (7, 8)]
    with qtbot.waitSignal(bridge.change, timeout=WAIT_MS):
        bridge.listener.say(first)
    assert heard.changed == [("object", [1])]   # the first is told at once
    for change in rest + few:
        bridge.listener.say(change)
    qtbot.waitUntil(lambda: len(heard.changed) == 3, timeout=WAIT_MS)
    # Then once per type: "any object may have changed" (too many to list), and the two people.
    assert sorted(heard.changed[1:]) == [("object", []), ("person", [7, 8])]
