"""Two curators, one shared archive: two curator windows in two processes (as on two
workstations) on one PostgreSQL archive. One window is here; the other runs in a process
of its own (tests/ui/curator_peer.py), on its own connection, and hears this one only
through the server (LISTEN/NOTIFY), never through this process's "records changed" hub.

One curator creates, edits and links an object while the other sees it appear; both edit
the same record, and the second save shows the conflict field by field and saves the
choice, with nothing overwritten unseen. Needs the throwaway PostgreSQL of tests/pg.py."""
from __future__ import annotations

import json
import os
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from exhibit import services
from exhibit.archive import Archive
from exhibit.conflicts import Conflict
from exhibit.server import schema as server_schema
from exhibit.server import transfer
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.curator.commands import links as link_commands
from ui.curator.shared_archive import follow
from ui.curator.window import CuratorWindow

ROOT = Path(__file__).resolve().parents[2]
WAIT_S = 15.0   # a generous bound for what takes well under a second


class Peer:
    """The other curator's window, in its own process; `ask` sends a command, returns the reply."""

    def __init__(self, url: str, user: str, media: Path):
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", EXHIBIT_MEDIA=str(media))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.ui.curator_peer", url, user], cwd=ROOT, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.replies: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self._reply(60.0) == {"ready": True}

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.replies.put(line)

    def _reply(self, timeout: float = WAIT_S) -> dict[str, Any]:
        try:
            line = self.replies.get(timeout=timeout)
        except queue.Empty:
            self.process.kill()
            err = self.process.stderr.read() if self.process.stderr else ""
            raise AssertionError(f"the other window did not answer: {err[-2000:]}") from None
        return json.loads(line)

    def ask(self, **command: Any) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.process.stdin.flush()
        reply = self._reply()
        assert "error" not in reply, reply["error"]
        return reply

    def until(self, predicate, **command: Any) -> dict[str, Any]:
        """Ask again until the reply satisfies `predicate` (the edit has reached that window)."""
        deadline = time.monotonic() + WAIT_S
        while True:
            reply = self.ask(**command)
            if predicate(reply) or time.monotonic() > deadline:
                return reply
            self.ask(do="wait", ms=50)

    def close(self) -> None:
        try:
            self.ask(do="quit")
            self.process.wait(timeout=WAIT_S)
        except Exception:
            self.process.kill()


@pytest.fixture
def shared_url(pg_url: str, archive: Archive) -> str:
    server_schema.init(pg_url)
    transfer.upload(archive.root, pg_url)
    return pg_url


@pytest.fixture
def mine(qtbot, shared_url: str, tmp_path: Path, monkeypatch) -> Iterator[CuratorWindow]:
    from ui.curator.editor.forms import RecordForm

    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    opened = Archive.open(shared_url, user="alice", media=tmp_path / "media")
    window = CuratorWindow(opened)
    follow(window, opened)
    window.show()
    yield window
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    opened.close()


@pytest.fixture
def theirs(shared_url: str, tmp_path: Path) -> Iterator[Peer]:
    peer = Peer(shared_url, "bob", tmp_path / "media")
    yield peer
    peer.close()


def form(window: CuratorWindow):
    return window.form.current


def type_into(qtbot, window: CuratorWindow, field: str, text: str) -> None:
    widget = form(window)._editors[field].widget
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def test_the_window_title_names_the_shared_archive_by_its_database(mine, shared_url: str):
    from psycopg import conninfo

    database = conninfo.conninfo_to_dict(shared_url)["dbname"]
    title = mine.windowTitle()
    # A socket on this computer: the database alone, never the address, its user or ?host=.
    assert title.endswith(f" — {database}") and "postgresql" not in title and "host=" not in title


def test_what_one_curator_makes_the_other_sees(qtbot, mine, theirs):
    archive = mine.archive
    # A new object, made in this window's form …
    mine.new_record()
    type_into(qtbot, mine, "accession", "HY2026.0001")
    type_into(qtbot, mine, "name_en", "Field telephone")
    assert form(mine).save()
    made = services.find(archive, "object", "HY2026.0001")
    assert made is not None
    # … appears in the other window's list.
    listed = theirs.until(lambda r: "HY2026.0001" in r["listed"], do="listed")["listed"]
    assert "HY2026.0001" in listed
    # The other curator opens it; this one renames it: their form shows the new name.
    theirs.ask(do="open", accession="HY2026.0001")
    type_into(qtbot, mine, "name_en", "Field telephone, Type 83")
    assert form(mine).save()
    shown = theirs.until(lambda r: r["text"] == "Field telephone, Type 83", do="shown", field="name_en")
    assert shown["text"] == "Field telephone, Type 83"
    bar = theirs.ask(do="bar")
    assert bar["shown"] and "alice saved this record" in bar["text"]
    # Linked to a panel here: the other window hears of it (both ends).
    panel = services.list_records(archive, "panel", limit=1)[0]
    link_commands.link(mine.stack, archive, "panel", panel.saved_id, "object", made.saved_id)
    heard = theirs.until(lambda r: any(c["action"] == "link" and c["type"] == "object"
                                       and c["id"] == made.saved_id for c in r["heard"]), do="heard")
    assert any(c["type"] == "panel" and c["id"] == panel.saved_id and c["who"] == "alice"
               for c in heard["heard"])
    assert made.saved_id in [link.to_id for link in services.links(archive, "panel", panel.saved_id, "object")]


def test_the_same_record_saved_by_both_shows_the_conflict_and_keeps_both(qtbot, mine, theirs, monkeypatch):
    archive = mine.archive
    obj = services.find(archive, "object", "HY1944.0010")
    assert obj is not None
    mine.open_record("object", obj.saved_id)
    theirs.ask(do="open", accession="HY1944.0010")
    # I start editing; meanwhile the other curator changes the weight and saves.
    type_into(qtbot, mine, "dimensions", "12 × 20 cm")
    type_into(qtbot, mine, "weight", "1.5 kg")
    theirs.ask(do="type", field="weight", text="1.4 kg")
    assert theirs.ask(do="save")["ok"]
    # This window hears it while editing: the bar says so, and my typing is kept.
    qtbot.waitUntil(lambda: mine.changed_bar.isVisible(), timeout=int(WAIT_S * 1000))
    assert "bob saved this record" in mine.changed_bar.message.text()
    assert form(mine)._editors["weight"].widget.text() == "1.5 kg"
    # My save is refused and shown field by field; I keep my weight.
    shown: list[Conflict] = []

    def choose(conflict: Conflict, parent) -> dict[str, str]:
        shown.append(conflict)
        return {f.field: "mine" for f in conflict.fields}

    monkeypatch.setattr(form(mine), "choose", choose)
    assert form(mine).save()
    (conflict,) = shown
    by_field = {f.field: f for f in conflict.fields}
    assert by_field["weight"].theirs == "1.4 kg" and by_field["weight"].mine == "1.5 kg"
    assert by_field["weight"].changed_by_them and by_field["weight"].changed_by_me
    assert not by_field["dimensions"].changed_by_them   # only I changed it
    assert conflict.changed_by == "bob"
    stored = services.get(archive, "object", obj.saved_id)
    assert (stored.weight, stored.dimensions) == ("1.5 kg", "12 × 20 cm")
    # Both saves are in the history, each under its curator's name.
    whos = [h.who for h in services.history(archive, "object", obj.saved_id, limit=2)]
    assert whos == ["alice", "bob"]
    # The other window, not editing, now shows the chosen values.
    assert theirs.until(lambda r: r["text"] == "1.5 kg", do="shown", field="weight")["text"] == "1.5 kg"


def test_a_conflict_the_curator_cancels_saves_nothing(qtbot, mine, theirs, monkeypatch):
    archive = mine.archive
    obj = services.find(archive, "object", "HY1944.0011")
    assert obj is not None
    mine.open_record("object", obj.saved_id)
    theirs.ask(do="open", accession="HY1944.0011")
    type_into(qtbot, mine, "weight", "9 kg")
    theirs.ask(do="type", field="weight", text="8 kg")
    assert theirs.ask(do="save")["ok"]
    monkeypatch.setattr(form(mine), "choose", lambda conflict, parent: None)
    assert not form(mine).save()
    assert services.get(archive, "object", obj.saved_id).weight == "8 kg"   # theirs stands
    assert "changed elsewhere" in form(mine).message_label.text()
    assert form(mine)._editors["weight"].widget.text() == "9 kg"            # mine is still there
    # The other curator starts editing before my next save: their save is asked in turn,
    # and they keep mine.
    theirs.ask(do="type", field="weight", text="7 kg")
    type_into(qtbot, mine, "weight", "9 kg")
    monkeypatch.setattr(form(mine), "choose", lambda c, p: {f.field: "mine" for f in c.fields})
    assert form(mine).save()
    assert services.get(archive, "object", obj.saved_id).weight == "9 kg"
    theirs.until(lambda r: r["shown"], do="bar")
    reply = theirs.ask(do="save", choose={"weight": "theirs"})
    assert reply["ok"] and reply["conflicts"][0]["fields"] == ["weight"]
    assert reply["conflicts"][0]["by"] == "alice"
    assert services.get(archive, "object", obj.saved_id).weight == "9 kg"


def test_file_open_shared_archive_remembers_the_address_without_its_password(qtbot, shared_url, archive,
                                                                              monkeypatch):
    from ui.curator import shared_archive

    i18n.set_language("en", remember=False)
    window = CuratorWindow(archive)   # on the local archive
    qtbot.addWidget(window)
    told: list[str] = []
    actions = window.shared
    actions.inform = lambda parent, title, text: told.append(text)
    assert not actions.act_open_local.isVisible()
    # A server that does not answer: said in one line, the window stays on its archive.
    nowhere = "postgresql://alice:s3cret@/museum?host=/nonexistent-socket-dir"
    actions.ask = lambda *args: nowhere
    assert not actions.open_shared()
    assert len(told) == 1 and "s3cret" not in told[0] and "\n" not in told[0]
    assert actions.open_requested is None
    # The shared archive: the window asks to be opened again on it, and it is remembered.
    with_password = shared_url.replace("postgresql://postgres@", "postgresql://postgres:pw@")
    actions.ask = lambda *args: with_password
    assert actions.open_shared()
    assert actions.open_requested == with_password
    assert shared_archive.remembered() == shared_url   # the password was not kept
    shared_archive.remember(None)


def test_a_long_list_loads_on_a_connection_of_its_own(qtbot, shared_url, tmp_path, monkeypatch):
    from exhibit.listing import ListQuery
    from ui.curator.models import RecordTableModel

    monkeypatch.setattr(RecordTableModel, "sync_below", 0)   # every list loads as a long one does
    opened = Archive.open(shared_url, user="alice", media=tmp_path / "media")
    try:
        model = RecordTableModel(opened, ListQuery("object", sort="title_en"), listen=False)
        qtbot.waitUntil(lambda: not model.loading, timeout=int(WAIT_S * 1000))
        assert model.rowCount() == 42
        names = [services.get(opened, "object", model.id_at(r)).name_en for r in range(42)]
        assert names == sorted(names, key=str.casefold)   # the server sorts as SQLite's NOCASE
        model.close()
    finally:
        opened.close()
