"""A second curator's window in a process of its own, driven by tests/ui/test_shared_archive.py.

Run as `python -m tests.ui.curator_peer ADDRESS USER`: it opens the curator window on the
shared archive at ADDRESS as USER, offscreen, following the server as `uv run main.py
--archive ADDRESS` does, and answers one JSON line per command read from stdin, so that
the test can drive two windows on two connections in two processes, as on two
workstations. Commands go through the window's own widgets (the form's editors and Save),
and questions are answered from what the window shows.

    {"do": "open", "accession": "HY…"}          open that object in the form
    {"do": "type", "field": "weight", "text": "…"}  type into the open form's field
    {"do": "save", "choose": {"weight": "mine"}}  press Save; a conflict is chosen as given
    {"do": "shown", "field": "name_en"}          the open form's field as shown
    {"do": "listed"}                              the accession numbers the list shows
    {"do": "bar"}                                 whether the "changed elsewhere" bar shows
    {"do": "heard"}                               the other curators' changes heard so far
    {"do": "wait", "ms": 200}                     let the window's events run
    {"do": "quit"}
"""
from __future__ import annotations

import json
import os
import sys
import threading
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main(argv: list[str]) -> int:
    address, user = argv[0], argv[1]
    from PySide6.QtCore import QObject, Qt, QTimer, Signal
    from PySide6.QtTest import QTest

    from exhibit import services
    from exhibit.archive import Archive
    from ui.app import make_application, show_window

    app = make_application()
    archive = Archive.open(address, user=user)
    window = show_window(archive)
    conflicts: list[dict[str, Any]] = []
    heard: list[dict[str, Any]] = []
    window.server_changes.change.connect(
        lambda change: heard.append({"type": change.type, "id": change.id, "action": change.action,
                                     "who": change.who}))

    def form():
        return window.form.current

    def run(command: dict[str, Any]) -> dict[str, Any]:
        what = command["do"]
        if what == "open":
            found = services.find(archive, "object", command["accession"])
            assert found is not None, command
            window.open_record("object", found.saved_id)
            return {"ok": True}
        if what == "type":
            widget = form()._editors[command["field"]].widget
            widget.setFocus()
            widget.selectAll()
            QTest.keyClick(widget, Qt.Key.Key_Delete)
            QTest.keyClicks(widget, command["text"])
            return {"ok": True, "dirty": form().dirty}
        if what == "save":
            def choose(conflict, parent):
                conflicts.append({"fields": [f.field for f in conflict.fields],
                                  "by": conflict.changed_by})
                wanted = command.get("choose")
                return None if wanted is None else {f.field: wanted.get(f.field, "theirs")
                                                     for f in conflict.fields}
            form().choose = choose
            saved = form().save()
            return {"ok": saved, "conflicts": conflicts[-1:] if conflicts else [],
                    "message": form().message_label.text()}
        if what == "shown":
            widget = form()._editors[command["field"]].widget
            return {"text": widget.text()}
        if what == "listed":
            model = window.model
            rows = range(model.rowCount())
            return {"listed": [model.index(r, 0).data() for r in rows]}
        if what == "heard":
            return {"heard": heard}
        if what == "bar":
            return {"shown": window.changed_bar.isVisible(), "text": window.changed_bar.message.text()}
        if what == "wait":
            QTest.qWait(int(command.get("ms", 100)))
            return {"ok": True}
        if what == "quit":
            window.close()
            QTimer.singleShot(0, app.quit)
            return {"ok": True}
        return {"error": f"unknown command {what}"}

    class Bridge(QObject):
        command = Signal(str)

    bridge = Bridge()

    def answer(line: str) -> None:
        try:
            reply = run(json.loads(line))
        except Exception as exc:   # the test reads it and fails with the reason
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(reply, ensure_ascii=False), flush=True)

    bridge.command.connect(answer, Qt.ConnectionType.QueuedConnection)

    def read() -> None:
        for line in sys.stdin:
            if line.strip():
                bridge.command.emit(line)

    threading.Thread(target=read, daemon=True).start()
    print(json.dumps({"ready": True}), flush=True)
    app.exec()
    archive.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
