"""The curator window driven as a curator would, offscreen.

Create an object with two photos, edit it, undo and redo, find it by Chinese,
pinyin and accession number, link it to a panel, reorder the panel's objects,
switch the UI language, delete it with confirmation.
"""
from __future__ import annotations

import pytest
from PIL import Image
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from exhibit import media_records, search, services
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.curator.window import RECORD_TYPES, CuratorWindow


@pytest.fixture
def window(qtbot, archive, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from ui.curator.editor.forms import RecordForm

    # Closing with unsaved edits asks Save/Discard/Cancel; a test answers Discard.
    monkeypatch.setattr(RecordForm, "ask", staticmethod(lambda *a: QMessageBox.StandardButton.Discard))
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    w = CuratorWindow(archive)
    w.show()
    yield w
    i18n.set_language("en", remember=False)
    QApplication.processEvents()  # deliver LanguageChange while the archive is open
    w.close()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def type_chinese(widget, text: str) -> None:
    """Chinese arrives through the input method as a committed string, not as key presses."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def visible_titles(w) -> list[str]:
    m = w.model
    return [m.data(m.index(r, 1), Qt.ItemDataRole.DisplayRole) for r in range(m.rowCount())]


def form(w):
    return w.form.currentWidget()


def editor(w, name: str):
    return form(w)._editors[name].widget


def test_opens_on_the_sample_objects(window):
    assert window.model.rowCount() == 42
    assert "42" in window.count_label.text()
    assert form(window).record_type == "object"
    assert editor(window, "accession").text() == "HY1944.0001"


def test_curator_workflow(window, qtbot, archive, tmp_path):
    w = window
    stack = w.stack

    # -- create an object through the form
    w.act_new.trigger()
    qtbot.keyClicks(editor(w, "accession"), "HY2026.0001")
    type_chinese(editor(w, "name_zh"), "钢盔残片")
    qtbot.keyClicks(editor(w, "name_en"), "Helmet fragment")
    qtbot.keyClicks(editor(w, "date_text"), "1944-07")
    category = editor(w, "category")
    category.setCurrentIndex(category.findData("weapon"))
    assert w.form.dirty
    w.act_save.trigger()
    obj = services.object_by_accession(archive, "HY2026.0001")
    assert obj.name_zh == "钢盔残片" and obj.date_start == "1944-07-01"
    assert w._current == ("object", obj.id)
    assert w.model.rowCount() == 43

    # -- two photos, imported into the open record
    photos = []
    for i, color in enumerate(("gray", "olive")):
        path = tmp_path / f"photo{i}.jpg"
        Image.new("RGB", (320, 240), color).save(path)
        photos.append(path)
    dialog = w.media_panel.import_files(photos)
    dialog.wait()
    qtbot.waitUntil(lambda: len(media_records.media_for(archive, "object", obj.id)) == 2, timeout=10000)

    # -- edit, undo, redo
    name_en = editor(w, "name_en")
    name_en.selectAll()
    qtbot.keyClicks(name_en, "Fragment of a steel helmet")
    w.act_save.trigger()
    assert services.get(archive, "object", obj.id).name_en == "Fragment of a steel helmet"
    stack.undo()
    assert services.get(archive, "object", obj.id).name_en == "Helmet fragment"
    qtbot.waitUntil(lambda: editor(w, "name_en").text() == "Helmet fragment", timeout=3000)
    stack.redo()
    assert services.get(archive, "object", obj.id).name_en == "Fragment of a steel helmet"

    # -- search by Chinese, pinyin and accession number in the window
    for query in ("钢盔残片", "gangkui canpian", "HY2026.0001"):
        w.search_box.clear()
        if query.isascii():
            qtbot.keyClicks(w.search_box, query)
        else:
            type_chinese(w.search_box, query)
        qtbot.waitUntil(lambda: w.model.rowCount() < 43 and obj.id in list(w.model.ids()), timeout=3000)
    w.search_box.clear()
    qtbot.waitUntil(lambda: w.model.rowCount() == 43, timeout=3000)

    # -- link it to a panel and reorder the panel's objects
    panel = services.find(archive, "panel", "p07-first-assault")
    from ui.curator.commands import links as link_commands

    link_commands.link(stack, archive, "panel", panel.id, "object", obj.id)
    order = [o.id for o in services.linked_records(archive, "panel", panel.id, "object")]
    assert order[-1] == obj.id
    w.open_record("panel", panel.id)
    assert w.model.record_type == "panel"
    listed = w.links.list_for("object")
    assert listed.count() == len(order)
    new_order = [obj.id] + order[:-1]
    assert w.links.reorder("object", new_order)
    assert [o.id for o in services.linked_records(archive, "panel", panel.id, "object")] == new_order
    stack.undo()
    assert [o.id for o in services.linked_records(archive, "panel", panel.id, "object")] == order
    stack.redo()

    # -- switch the UI language
    w.set_language("zh")
    QApplication.processEvents()
    assert w.menu_file.title() == "文件(&F)"
    assert w.windowTitle().startswith("Exhibit — 衡阳保卫战")
    w.set_language("en")
    QApplication.processEvents()
    assert w.menu_file.title() == "&File"

    # -- delete with confirmation: it says what is linked, and undo brings it all back
    w.open_record("object", obj.id)
    asked = {}

    def confirm(label, linked):
        asked["label"], asked["linked"] = label, linked
        return True

    w.confirm_delete = confirm
    w.act_delete.trigger()
    assert "HY2026.0001" in asked["label"]
    assert any("p07-first-assault" in text for text in asked["linked"])
    assert services.find(archive, "object", "HY2026.0001") is None
    assert search.search(archive.db, "HY2026.0001").total == 0
    stack.undo()
    restored = services.object_by_accession(archive, "HY2026.0001")
    assert restored.id == obj.id
    assert len(media_records.media_for(archive, "object", obj.id)) == 2
    assert obj.id in [o.id for o in services.linked_records(archive, "panel", panel.id, "object")]


def test_refusing_the_confirmation_deletes_nothing(window, archive):
    window.confirm_delete = lambda label, linked: False
    before = services.count(archive, "object")
    window.act_delete.trigger()
    assert services.count(archive, "object") == before


def test_duplicate_accession_is_shown_and_nothing_written(window, qtbot, archive):
    w = window
    w.act_new.trigger()
    qtbot.keyClicks(editor(w, "accession"), "HY1944.0001")
    qtbot.keyClicks(editor(w, "name_en"), "Copy")
    before = services.count(archive, "object")
    w.act_save.trigger()
    assert services.count(archive, "object") == before
    assert w.stack.count() == 0
    assert "already used" in form(w).problems().get("accession", "")


def test_filters_and_navigator(window, qtbot, archive):
    w = window
    w.category_filter.setCurrentIndex(w.category_filter.findData("weapon"))
    weapons = [o for o in services.list_records(archive, "object") if o.category == "weapon"]
    assert w.model.rowCount() == len(weapons)
    w.category_filter.setCurrentIndex(0)
    w.navigator.setCurrentRow(RECORD_TYPES.index("person"))
    assert "方先觉" in visible_titles(w)
    assert form(w).record_type == "person"


def test_screenshot_has_chinese(window, tmp_path):
    from PySide6.QtGui import QFontDatabase

    path = tmp_path / "curator.png"
    assert window.grab().save(str(path))
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_drag_from_list_links_onto_a_panel(window, archive):
    """A row dragged from the object list carries the record; dropping it on a panel links it."""
    from ui.curator.editor.links import records_from_mime

    w = window
    obj = services.object_by_accession(archive, "HY1944.0042")
    row = w.model.row_of(obj.id)
    mime = w.model.mimeData([w.model.index(row, 0)])
    assert records_from_mime(mime) == [("object", obj.id)]
    panel = services.find(archive, "panel", "p01-hunan-front")
    w.open_record("panel", panel.id)
    before = [o.id for o in services.linked_records(archive, "panel", panel.id, "object")]
    assert obj.id not in before
    w.links.drop_records(records_from_mime(mime))
    after = [o.id for o in services.linked_records(archive, "panel", panel.id, "object")]
    assert after == before + [obj.id]
