"""Attack 4 and its kin: archive text shown in the kiosk and the curator window is text, never
markup, and cannot disturb what is around it.

Every text field of an object, its panel and section, a person, a place, an
event and the object's photograph holds `<img src="http://127.0.0.1:PORT/…">`
and `<b>bold</b>`. A tiny HTTP server on an ephemeral loopback port counts
requests: a kiosk that read the text as markup fetched the image (Qt Quick's
StyledText loads remote images). Each screen is opened as a visitor would
reach it, offscreen, and each Text item that shows a marked field must be
plain text; the curator window's labels likewise, and tooltips come escaped.
"""
from __future__ import annotations

import http.server
import re
import threading

import pytest

from exhibit import services

BOLD = "<b>bold</b>"
PLAIN_TEXT = 0  # Text.PlainText and Qt.TextFormat.PlainText

TEXT_FIELDS = {
    "object": ("name_zh", "name_en", "dimensions", "weight", "credit_zh", "credit_en",
               "description_zh", "description_en", "inscription_zh", "inscription_en"),
    "panel": ("title_zh", "title_en", "body_zh", "body_en"),
    "section": ("title_zh", "title_en", "intro_zh", "intro_en"),
    "person": ("name_zh", "name_en", "role_zh", "role_en", "bio_zh", "bio_en"),
    "place": ("name_zh", "name_en", "description_zh", "description_en"),
    "event": ("title_zh", "title_en", "description_zh", "description_en"),
    "media": ("caption_zh", "caption_en", "creator", "rights"),
}


class _Counter(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def http_server():
    """A loopback server on an ephemeral port; stops with the test."""
    _Counter.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counter)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server.server_address[1], _Counter.requests
    server.shutdown()
    server.server_close()


def _marker(port: int, field: str) -> str:
    return f'<img src="http://127.0.0.1:{port}/{field}.png">{BOLD} {field}'


def mark_records(archive, port: int) -> dict[str, int]:
    """Markup in every text field of one record of each kind (linked, so each is reachable)."""
    obj = services.object_by_accession(archive, "HY1944.0001")
    panel_id = archive.db.execute("SELECT from_id FROM links WHERE from_type = 'panel' AND to_type = "
                                  "'object' AND to_id = ? ORDER BY id LIMIT 1", [obj.id]).fetchone()[0]
    section_id = services.get(archive, "panel", panel_id).section_id
    ids = {"object": obj.id, "panel": panel_id, "section": section_id}
    for kind, table in (("person", "people"), ("place", "places"), ("event", "events")):
        ids[kind] = archive.db.execute(f"SELECT min(id) FROM {table}").fetchone()[0]
    ids["media"] = archive.db.execute("SELECT media_id FROM media_links WHERE record_type = 'object' "
                                      "AND record_id = ? ORDER BY position LIMIT 1", [obj.id]).fetchone()[0]
    for kind, record_id in ids.items():
        record = services.get(archive, kind, record_id)
        for name in TEXT_FIELDS[kind]:
            setattr(record, name, _marker(port, f"{kind}-{name}"))
        services.update(archive, record)
    return ids


def qml_texts(root) -> list:
    from tests.ui.test_kiosk_flow import items, visible

    return [i for i in items(root) if i.metaObject().className() == "QQuickText" and visible(i)]


def text_format(item) -> int:
    """A QML Text's textFormat, read through QML (the enum has no Python converter)."""
    from PySide6.QtQml import QQmlEngine, QQmlExpression

    result = QQmlExpression(QQmlEngine.contextForObject(item), item, "textFormat + 0").evaluate()
    value = result[0] if isinstance(result, tuple) else result
    return int(value)


def assert_literal(texts, at_least: int, where: str) -> int:
    """Every Text that shows a marked field shows it as plain text; rich text is allowed only
    where the archive's text is escaped and the sole markup is our own <b> highlight (search
    snippets). Returns how many marked fields were shown literally."""
    literal = 0
    for t in texts:
        text = t.property("text") or ""
        if text_format(t) == PLAIN_TEXT:
            literal += BOLD in text
        else:
            assert "<" not in re.sub(r"</?b>", "", text), f"{where}: markup in {text[:80]!r}"
    assert literal >= at_least, f"{where}: only {literal} marked texts shown literally"
    return literal


@pytest.fixture
def marked_kiosk(qapp, qtbot, archive, tmp_path, http_server):
    from exhibit.publish.snapshot import open_snapshot, publish
    from ui.common.qtfonts import ensure_cjk_font
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless

    port, requests = http_server
    ids = mark_records(archive, port)
    use_software_renderer_if_headless()
    ensure_cjk_font()
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    view = KioskView(snapshot, size=(1280, 800))
    view.show(fullscreen=False)
    qtbot.waitExposed(view.view)
    yield view, ids, requests
    view.dispose()
    snapshot.close()
    from ui.common import i18n
    i18n.set_language("en", remember=False)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markup_in_every_field_is_shown_literally_in_the_kiosk(qtbot, marked_kiosk, lang):
    view, ids, requests = marked_kiosk
    kiosk = view.kiosk
    kiosk.setLanguage(lang)
    kiosk.start()
    qtbot.wait(100)
    assert_literal(qml_texts(view.root), 1, "home")              # the section's title and intro
    kiosk.openSection(ids["section"])
    qtbot.wait(100)
    assert_literal(qml_texts(view.root), 1, "section")
    index = [p.id for p in kiosk.panels.items()].index(ids["panel"])
    kiosk.openPanel(index)
    qtbot.wait(150)
    assert_literal(qml_texts(view.root), 2, "panel")             # title, body (object captions)
    kiosk.openObject(ids["object"])
    qtbot.wait(150)
    assert_literal(qml_texts(view.root), 6, "object")            # name, facts, description …
    kiosk.openViewer(0)
    qtbot.wait(100)
    assert_literal(qml_texts(view.root), 1, "photograph")        # caption, creator, rights
    kiosk.closeViewer()
    for kind in ("person", "place", "event"):
        kiosk.openRecord(kind, ids[kind])
        qtbot.wait(100)
        assert_literal(qml_texts(view.root), 2, kind)            # title, subtitle/body
        kiosk.closeDetail()
    kiosk.openSearch()
    kiosk.search("bold")
    qtbot.wait(150)
    assert_literal(qml_texts(view.root), 1, "search")
    snippets = [t for t in qml_texts(view.root) if text_format(t) != PLAIN_TEXT
                and "&lt;b&gt;" in t.property("text")]
    assert snippets, "the search snippets show the markup escaped, with our own highlight"
    qtbot.wait(300)  # time for any image request to arrive
    assert requests == [], f"the kiosk fetched {requests}"


def test_markup_typed_into_the_kiosk_search_is_shown_literally(qtbot, marked_kiosk):
    view, _, requests = marked_kiosk
    kiosk = view.kiosk
    kiosk.start()
    kiosk.openSearch()
    typed = '<img src="http://127.0.0.1:1/typed.png"><b>zzqx</b>' + "x" * 500
    kiosk.search(typed)
    qtbot.wait(150)
    assert len(kiosk.query) <= kiosk.QUERY_MAX
    shown = [t for t in qml_texts(view.root) if "zzqx" in (t.property("text") or "")]
    assert shown and all(text_format(t) == PLAIN_TEXT for t in shown)
    assert requests == []


def test_bidi_controls_and_a_huge_title_do_not_disturb_the_kiosk(qtbot, qapp, archive, tmp_path):
    """An unclosed right-to-left override in a title would reverse the UI's words after it;
    a 1 MB title must not stall the screen (it is cut, the rest of the screen still shows)."""
    from exhibit.publish.snapshot import open_snapshot, publish
    from ui.kiosk.app import KioskView, use_software_renderer_if_headless
    from ui.kiosk.models import MAX_TEXT

    use_software_renderer_if_headless()
    obj = services.object_by_accession(archive, "HY1944.0001")
    # Written past the curators' validation, as an old or hand-edited archive may hold them.
    archive.db.execute("UPDATE objects SET name_en = ?, description_en = ? WHERE id = ?",
                       ["\u202eRIGHT-TO-LEFT\u2066 \x1b[2J\x07 title", "huge " * 200_000, obj.id])
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    view = KioskView(snapshot, size=(1280, 800))
    try:
        view.show(fullscreen=False)
        kiosk = view.kiosk
        kiosk.setLanguage("en")
        kiosk.start()
        kiosk.openObject(obj.id)
        qtbot.wait(200)
        texts = [t.property("text") for t in qml_texts(view.root)]
        title = next(t for t in texts if "RIGHT-TO-LEFT" in t)
        assert title == "RIGHT-TO-LEFT [2J title"  # no override, no isolate, no control left
        longest = max(texts, key=len)
        assert longest.startswith("huge") and len(longest) <= MAX_TEXT + 1
        kiosk.openSearch()
        kiosk.search("RIGHT")
        qtbot.wait(150)
        rows = [t for t in qml_texts(view.root) if "RIGHT-TO-LEFT" in t.property("text")]
        assert rows and not any(c in t.property("text") for t in rows for c in "\u202e\u2066\x1b")
        assert kiosk.screen == "search"
    finally:
        view.dispose()
        snapshot.close()


# ---------------------------------------------------------------- the curator window

@pytest.fixture
def marked_window(qtbot, archive, http_server, monkeypatch):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QMessageBox

    from ui.common import i18n
    from ui.curator.editor.forms import RecordForm
    from ui.curator.window import CuratorWindow

    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    port, requests = http_server
    ids = mark_records(archive, port)
    i18n.set_language("en", remember=False)
    window = CuratorWindow(archive)
    window.show()
    qtbot.waitExposed(window)
    yield window, ids, requests
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _labels(window) -> list:
    from PySide6.QtWidgets import QLabel

    return [w for w in window.findChildren(QLabel) if w.isVisible()]


@pytest.mark.parametrize("kind", ["object", "panel", "section", "person", "place", "event"])
def test_markup_in_every_field_is_shown_literally_in_the_curator_window(qtbot, marked_window, kind):
    from PySide6.QtCore import Qt

    window, ids, requests = marked_window
    window.open_record(kind, ids[kind])
    qtbot.wait(150)
    labels = _labels(window)
    marked = [w for w in labels if BOLD in w.text()]
    assert marked, "the record's name shows in the form's title"
    for w in labels:
        assert w.textFormat() == Qt.TextFormat.PlainText, f"{w.objectName()}: {w.text()[:60]!r}"
    # The list's tooltips show the text escaped (a tooltip reads markup otherwise).
    model = window.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            tip = model.data(model.index(row, column), Qt.ItemDataRole.ToolTipRole) or ""
            assert "<img" not in tip and BOLD not in tip
    assert requests == []


def test_a_message_box_naming_a_record_shows_it_literally(qtbot, marked_window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    window, ids, _ = marked_window
    seen: list[tuple] = []

    def read_and_close() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.extend((label.textFormat(), label.text()) for label in box.findChildren(QLabel) if label.text())
        box.accept()

    name = services.get(window.archive, "object", ids["object"]).name_en
    QTimer.singleShot(100, read_and_close)
    QMessageBox.warning(window, "Exhibit", f"{name} is still linked")
    from PySide6.QtCore import Qt
    assert (Qt.TextFormat.PlainText, f"{name} is still linked") in seen
