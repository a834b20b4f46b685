"""Links between records, the exhibition structure and the kiosk preview, offscreen."""
from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QInputMethodEvent, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit  # noqa: E402

from exhibit import services  # noqa: E402
from exhibit.records import Panel  # noqa: E402
from ui.common.qtfonts import ensure_cjk_font  # noqa: E402
from ui.curator.commands import links as link_commands  # noqa: E402
from ui.curator.editor.links import RECORDS_MIME, LinksEditor, records_from_mime, records_to_mime  # noqa: E402
from ui.curator.editor.panel_preview import PanelPreview  # noqa: E402
from ui.curator.editor.picker import RecordPicker  # noqa: E402
from ui.curator.structure import StructureTree  # noqa: E402

DROP_ACTIONS = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction


# ---------------------------------------------------------------- fixtures and helpers

@pytest.fixture
def stack():
    return QUndoStack()


@pytest.fixture
def editor(qtbot, archive, stack):
    ensure_cjk_font()
    w = LinksEditor(archive, stack)
    qtbot.addWidget(w)
    w.resize(640, 900)
    w.show()
    yield w
    w.close()


@pytest.fixture
def tree(qtbot, archive, stack):
    ensure_cjk_font()
    w = StructureTree(archive, stack)
    qtbot.addWidget(w)
    w.resize(700, 560)
    w.show()
    yield w
    w.close()


def panel(archive, code: str) -> Panel:
    return services.find(archive, "panel", code)


def object_ids(archive, panel_id: int) -> list[int]:
    return [r.id for r in services.linked_records(archive, "panel", panel_id, "object")]


def type_chinese(widget, text: str) -> None:
    """Chinese arrives through the input method as a committed string, not as key presses."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def drop(target, pos: QPoint, mime) -> QDropEvent:
    """A drag entering `target` (a widget, or a view's viewport), moving and dropping at `pos`.

    Qt delivers a drop only to a widget that accepted the drag's enter event, as
    in a real drag, so a refused drag is never dropped.
    """
    args = (DROP_ACTIONS, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, QDragEnterEvent(pos, *args))
    QApplication.sendEvent(target, QDragMoveEvent(pos, *args))
    event = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(target, event)
    return event


def row_point(view, row: int, lower: bool = False) -> QPoint:
    rect = view.visualRect(view.model().index(row, 0))
    return QPoint(rect.center().x(), rect.bottom() - 2 if lower else rect.top() + 2)


# ---------------------------------------------------------------- drag data

def test_records_mime_round_trip(archive):
    obj = services.find(archive, "object", "HY1944.0001")
    mime = records_to_mime([obj, ("person", 3), {"type": "place", "id": "4"}])
    assert mime.hasFormat(RECORDS_MIME)
    assert records_from_mime(mime) == [("object", obj.id), ("person", 3), ("place", 4)]
    junk = records_to_mime([])
    junk.setData(RECORDS_MIME, b"not json")
    assert records_from_mime(junk) == []


# ---------------------------------------------------------------- the links editor

def test_panel_shows_its_links_in_order(editor, archive):
    p05 = panel(archive, "p05-positions")
    editor.set_record("panel", p05.id)
    objects = editor.list_for("object")
    assert objects.ids() == object_ids(archive, p05.id)
    assert objects.texts()[0].startswith("HY1944.0005")
    assert "衡阳城区军用地图" in objects.texts()[0] and "Military map" in objects.texts()[0]
    assert editor.groups[("object", False)].title() == "Objects on this panel (9)"
    assert set(t for t, _ in editor.groups) == {"object", "person", "place", "event"}


def test_link_object_via_picker_and_undo(editor, archive, stack, qtbot, monkeypatch):
    p13 = panel(archive, "p13-memorial-city")
    helmet = services.find(archive, "object", "HY1944.0013")
    before = object_ids(archive, p13.id)
    assert helmet.id not in before
    asked = {}

    def fake_pick(parent, arch, record_type, exclude=()):
        asked.update(type=record_type, exclude=list(exclude))
        return [helmet.id]

    monkeypatch.setattr(RecordPicker, "pick", staticmethod(fake_pick))
    editor.set_record("panel", p13.id)
    group = editor.groups[("object", False)]
    qtbot.mouseClick(group.add_button, Qt.MouseButton.LeftButton)

    assert asked == {"type": "object", "exclude": before}
    assert object_ids(archive, p13.id) == before + [helmet.id]
    assert editor.list_for("object").ids() == before + [helmet.id]
    assert "德式M35钢盔" in editor.list_for("object").texts()[-1]
    assert group.title().endswith(f"({len(before) + 1})")
    assert stack.count() == 1

    stack.undo()
    assert object_ids(archive, p13.id) == before
    assert editor.list_for("object").ids() == before
    stack.redo()
    assert editor.list_for("object").ids() == before + [helmet.id]


def test_cancelled_picker_changes_nothing(editor, archive, stack, qtbot, monkeypatch):
    monkeypatch.setattr(RecordPicker, "pick", staticmethod(lambda *a, **k: []))
    editor.set_record("panel", panel(archive, "p01-hunan-front").id)
    qtbot.mouseClick(editor.groups[("person", False)].add_button, Qt.MouseButton.LeftButton)
    assert stack.count() == 0


def test_reorder_by_drop_and_undo(editor, archive, stack):
    p05 = panel(archive, "p05-positions")
    editor.set_record("panel", p05.id)
    objects = editor.list_for("object")
    original = objects.ids()
    first_text = objects.texts()[0]
    # Drag the first row and drop it on the lower half of the third: it becomes third.
    mime = objects.mimeData([objects.item(0)])
    event = drop(objects.viewport(), row_point(objects, 2, lower=True), mime)
    assert event.isAccepted()
    expected = original[1:3] + original[:1] + original[3:]
    assert objects.ids() == expected
    assert objects.texts()[2] == first_text
    assert object_ids(archive, p05.id) == expected
    assert stack.count() == 1

    stack.undo()
    assert objects.ids() == original
    assert object_ids(archive, p05.id) == original


def test_reorder_function_and_keyboard(editor, archive, stack, qtbot):
    p07 = panel(archive, "p07-first-assault")
    editor.set_record("panel", p07.id)
    objects = editor.list_for("object")
    original = objects.ids()
    assert editor.reorder("object", list(reversed(original)))
    assert objects.ids() == list(reversed(original))
    assert object_ids(archive, p07.id) == list(reversed(original))
    stack.undo()
    assert objects.ids() == original

    # Alt+Down moves the selected row down, twice; the row stays selected.
    objects.setFocus()
    objects.setCurrentRow(0)
    qtbot.keyClick(objects, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(objects, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert objects.ids() == original[1:3] + original[:1] + original[3:]
    assert objects.currentRow() == 2
    assert stack.count() == 2
    stack.undo()
    stack.undo()
    assert object_ids(archive, p07.id) == original


def test_remove_link_and_undo_restores_position(editor, archive, stack, qtbot):
    p05 = panel(archive, "p05-positions")
    editor.set_record("panel", p05.id)
    objects = editor.list_for("object")
    group = editor.groups[("object", False)]
    original = objects.ids()
    assert not group.remove_button.isEnabled()
    objects.setCurrentRow(3)
    assert group.remove_button.isEnabled()
    qtbot.mouseClick(group.remove_button, Qt.MouseButton.LeftButton)
    assert objects.ids() == original[:3] + original[4:]
    assert original[3] not in object_ids(archive, p05.id)

    stack.undo()
    assert objects.ids() == original  # back at row 3, not at the end
    assert object_ids(archive, p05.id) == original
    stack.redo()
    assert object_ids(archive, p05.id) == original[:3] + original[4:]


def test_drop_records_on_editor_links_them(editor, archive, stack):
    p13 = panel(archive, "p13-memorial-city")
    editor.set_record("panel", p13.id)
    before = object_ids(archive, p13.id)
    rifle = services.find(archive, "object", "HY1944.0009")
    fang = services.find(archive, "person", "fang-xianjue")
    mime = records_to_mime([rifle, fang])

    enter = QDragEnterEvent(QPoint(10, 10), DROP_ACTIONS, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor, enter)
    assert enter.isAccepted()
    assert enter.dropAction() == Qt.DropAction.CopyAction  # linked, never moved from the source

    drop(editor, QPoint(10, 10), mime)
    assert editor.list_for("object").ids() == before + [rifle.id]
    assert fang.id in editor.list_for("person").ids()
    assert stack.count() == 1  # both links: one undo step
    stack.undo()
    assert object_ids(archive, p13.id) == before
    assert fang.id not in editor.list_for("person").ids()


def test_drop_record_on_list_inserts_at_row(editor, archive):
    p13 = panel(archive, "p13-memorial-city")
    editor.set_record("panel", p13.id)
    objects = editor.list_for("object")
    before = objects.ids()
    rifle = services.find(archive, "object", "HY1944.0009")
    drop(objects.viewport(), row_point(objects, 1), records_to_mime([rifle]))
    assert objects.ids() == before[:1] + [rifle.id] + before[1:]
    assert object_ids(archive, p13.id) == objects.ids()


def test_drop_of_unlinkable_record_is_refused(editor, archive, stack):
    editor.set_record("panel", panel(archive, "p01-hunan-front").id)
    section = services.find(archive, "section", "s1-road")
    mime = records_to_mime([section])
    enter = QDragEnterEvent(QPoint(10, 10), DROP_ACTIONS, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(editor, enter)
    assert not enter.isAccepted()
    editor.drop_records([("section", section.id)])
    assert "Sections cannot be linked here" in editor.message.text()
    assert stack.count() == 0


def test_backlinks_are_read_only_and_open_records(editor, archive, qtbot):
    notice = services.find(archive, "object", "HY1944.0001")
    editor.set_record("object", notice.id)
    panels = editor.list_for("panel")
    group = editor.groups[("panel", True)]
    assert [t.split()[0] for t in panels.texts()] == ["p01-hunan-front", "p02-ichigo"]
    assert group.add_button.isHidden() and group.remove_button.isHidden()
    assert not panels.acceptDrops()
    with qtbot.waitSignal(editor.open_record, timeout=1000) as signal:
        # A real double-click: a click, then the double-click event.
        qtbot.mouseClick(panels.viewport(), Qt.MouseButton.LeftButton, pos=row_point(panels, 1))
        qtbot.mouseDClick(panels.viewport(), Qt.MouseButton.LeftButton, pos=row_point(panels, 1))
    assert signal.args == ["panel", panel(archive, "p02-ichigo").id]


def test_link_error_is_shown_not_raised(editor, archive, stack):
    p01 = panel(archive, "p01-hunan-front")
    editor.set_record("panel", p01.id)
    editor.drop_records([("object", 999_999)])
    assert "does not exist" in editor.message.text()
    assert stack.count() == 0


# ---------------------------------------------------------------- the picker

def test_picker_lists_searches_and_picks(qtbot, archive):
    ensure_cjk_font()
    helmet = services.find(archive, "object", "HY1944.0013")
    notice = services.find(archive, "object", "HY1944.0001")
    dialog = RecordPicker(archive, "object", exclude=[notice.id])
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert dialog.results.topLevelItemCount() == 42
    assert not ok.isEnabled()
    assert "42" in dialog.count_label.text()

    dialog.search_box.setFocus()
    type_chinese(dialog.search_box, "钢盔")
    qtbot.waitUntil(lambda: 0 < dialog.results.topLevelItemCount() < 42, timeout=3000)
    texts = [dialog.results.topLevelItem(r).text(1) for r in range(dialog.results.topLevelItemCount())]
    assert "德式M35钢盔" in texts
    row = texts.index("德式M35钢盔")
    dialog.results.topLevelItem(row).setSelected(True)
    assert ok.isEnabled()
    assert dialog.selected_ids() == [helmet.id]

    # An excluded (already linked) record is listed but cannot be picked.
    dialog.search_box.clear()
    dialog.refresh()
    excluded = next(dialog.results.topLevelItem(r) for r in range(42)
                    if dialog.results.topLevelItem(r).text(0) == "HY1944.0001")
    excluded.setSelected(True)
    assert notice.id not in dialog.selected_ids()
    dialog.close()


def test_pick_returns_the_chosen_ids(qtbot, archive):
    ensure_cjk_font()
    fang = services.find(archive, "person", "fang-xianjue")

    def choose() -> None:
        # Runs inside the dialog's exec(); whatever happens, the dialog must close.
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, RecordPicker) and w.isVisible())
        try:
            dialog.search_box.setText("fang xianjue")
            dialog.refresh()
            dialog.results.topLevelItem(0).setSelected(True)
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, choose)
    assert RecordPicker.pick(None, archive, "person") == [fang.id]


# ---------------------------------------------------------------- the kiosk preview

@pytest.fixture
def preview(qtbot, archive):
    ensure_cjk_font()
    w = PanelPreview(archive)
    qtbot.addWidget(w)
    w.resize(960, 600)
    w.show()
    yield w
    w.close()


def test_preview_follows_the_draft_as_typed(preview, archive, qtbot, tmp_path):
    saved = panel(archive, "p05-positions")
    draft = replace(saved, title_zh="")
    title = QLineEdit()
    qtbot.addWidget(title)
    # What the panel form does: every edit hands the preview an unsaved draft.
    title.textChanged.connect(lambda text: preview.set_panel(replace(draft, title_zh=text)))
    preview.set_panel(draft)
    blank = preview.card.grab().toImage()

    title.setFocus()
    type_chinese(title, "守城布防")
    assert preview.shown_text()["title_zh"] == "守城布防"
    assert "守城布防" in preview.card.accessibleDescription()
    assert preview.card.grab().toImage() != blank
    assert services.get(archive, "panel", saved.id).title_zh == saved.title_zh  # nothing saved
    # Images and objects come from the archive: the map and the panel's objects.
    assert preview.assets.image is not None
    assert preview.assets.object_count == 9 and len(preview.assets.thumbs) == 8
    assert preview.grab().save(str(tmp_path / "preview.png"))


def test_preview_switches_language(preview, archive, qtbot):
    p07 = panel(archive, "p07-first-assault")
    preview.set_panel(p07)
    assert preview.zh_button.isChecked()
    assert preview.shown_text()["body"].startswith(p07.body_zh.split("\n\n")[0].strip())
    zh_image = preview.card.grab().toImage()
    with qtbot.waitSignal(preview.language_changed, timeout=1000):
        qtbot.mouseClick(preview.en_button, Qt.MouseButton.LeftButton)
    assert preview.en_button.isChecked() and not preview.zh_button.isChecked()
    shown = preview.shown_text()
    assert shown["language"] == "en"
    assert shown["body"].startswith(p07.body_en.split("\n\n")[0].strip())
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in shown["body"])  # no Chinese left
    assert shown["title_zh"] == "第一次总攻" and shown["title_en"] == p07.title_en
    assert preview.card.grab().toImage() != zh_image


def test_preview_of_new_panel_has_no_images(preview, archive):
    preview.set_panel(Panel(code="p99-new", title_zh="新展板", body_en="First.\n\nSecond."))
    assert preview.assets.image is None and preview.assets.thumbs == []
    preview.set_language("en")
    assert preview.shown_text()["body"] == "First.\n\nSecond."
    assert not preview.card.grab().isNull()


def test_preview_card_keeps_16_9(preview):
    assert preview.card.heightForWidth(1600) == 900


# ---------------------------------------------------------------- the structure tree

def section_codes(tree) -> list[str]:
    return [tree.topLevelItem(r).text(2) for r in range(tree.topLevelItemCount())]


def panel_codes(tree, row: int) -> list[str]:
    top = tree.topLevelItem(row)
    return [top.child(k).text(2) for k in range(top.childCount())]


ORIGINAL_SECTIONS = ["s1-road", "s2-defence", "s3-siege", "s4-cost", "s5-memory"]


def test_tree_shows_sections_and_panels_in_order(tree):
    assert section_codes(tree) == ORIGINAL_SECTIONS
    assert panel_codes(tree, 0) == ["p01-hunan-front", "p02-ichigo", "p03-junction"]
    # The English window shows the English titles (and the Chinese beside them).
    assert tree.topLevelItem(0).text(0) == "1  The Road to Hengyang"
    assert tree.topLevelItem(0).text(1) == "兵临城下"
    assert tree.topLevelItem(2).child(2).text(0) == "3.3  The Second General Assault"


def test_alt_down_moves_a_section_and_undo_puts_it_back(tree, archive, stack, qtbot):
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(0))
    qtbot.keyClick(tree, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    moved = ["s2-defence", "s1-road", "s3-siege", "s4-cost", "s5-memory"]
    assert section_codes(tree) == moved
    assert [s.code for s in services.list_records(archive, "section")] == moved
    assert tree.currentItem().text(2) == "s1-road"  # the moved row stays selected
    assert tree.topLevelItem(1).text(0) == "2  The Road to Hengyang"  # numbers follow the order
    stack.undo()
    assert section_codes(tree) == ORIGINAL_SECTIONS
    assert [s.code for s in services.list_records(archive, "section")] == ORIGINAL_SECTIONS


def test_drag_section_to_the_end(tree, archive, stack):
    last = tree.visualItemRect(tree.topLevelItem(4).child(0))  # the last section's panel
    drop(tree.viewport(), last.center(), tree.mimeData([tree.topLevelItem(0)]))
    assert section_codes(tree) == ORIGINAL_SECTIONS[1:] + ORIGINAL_SECTIONS[:1]
    stack.undo()
    assert section_codes(tree) == ORIGINAL_SECTIONS


def test_drag_panel_within_its_section(tree, archive, stack):
    first = tree.topLevelItem(0).child(0)
    target = tree.visualItemRect(tree.topLevelItem(0).child(2))
    drop(tree.viewport(), QPoint(target.center().x(), target.bottom() - 2), tree.mimeData([first]))
    assert panel_codes(tree, 0) == ["p02-ichigo", "p03-junction", "p01-hunan-front"]
    s1 = services.find(archive, "section", "s1-road")
    assert [p.code for p in services.list_records(archive, "panel") if p.section_id == s1.id] == \
        ["p02-ichigo", "p03-junction", "p01-hunan-front"]
    stack.undo()
    assert panel_codes(tree, 0) == ["p01-hunan-front", "p02-ichigo", "p03-junction"]


def test_move_panel_to_another_section_and_undo(tree, archive, stack):
    p02 = panel(archive, "p02-ichigo")
    s3 = services.find(archive, "section", "s3-siege")
    # Drop the panel onto the third section's row: it goes to the end of that section.
    target = tree.visualItemRect(tree.topLevelItem(2))
    drop(tree.viewport(), target.center(), tree.mimeData([tree.item_for("panel", p02.id)]))
    assert panel_codes(tree, 0) == ["p01-hunan-front", "p03-junction"]
    assert panel_codes(tree, 2)[-1] == "p02-ichigo"
    assert services.get(archive, "panel", p02.id).section_id == s3.id
    assert stack.count() == 1

    stack.undo()
    assert panel_codes(tree, 0) == ["p01-hunan-front", "p02-ichigo", "p03-junction"]
    assert panel_codes(tree, 2) == ["p07-first-assault", "p14-gas", "p08-second-assault", "p09-air-war",
                                    "p10-last-days"]
    assert services.get(archive, "panel", p02.id).section_id == p02.section_id
    stack.redo()
    assert panel_codes(tree, 2)[-1] == "p02-ichigo"


def test_move_panel_between_sections_at_a_row(archive, stack, tree):
    p13 = panel(archive, "p13-memorial-city")
    s1 = services.find(archive, "section", "s1-road")
    assert link_commands.move_panel(stack, archive, p13.id, s1.id, 1)
    assert panel_codes(tree, 0) == ["p01-hunan-front", "p13-memorial-city", "p02-ichigo", "p03-junction"]
    assert panel_codes(tree, 4) == ["p17-aftermath"]
    stack.undo()
    assert panel_codes(tree, 4) == ["p13-memorial-city", "p17-aftermath"]
    assert panel_codes(tree, 0) == ["p01-hunan-front", "p02-ichigo", "p03-junction"]


def test_alt_up_moves_a_panel_into_the_previous_section(tree, archive, stack, qtbot):
    tree.setFocus()
    tree.setCurrentItem(tree.topLevelItem(1).child(0))  # p04, first of section 2
    qtbot.keyClick(tree, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert panel_codes(tree, 0)[-1] == "p04-tenth-army"
    assert tree.currentItem().text(2) == "p04-tenth-army"
    stack.undo()
    assert panel_codes(tree, 1)[0] == "p04-tenth-army"


def test_selecting_a_row_opens_the_record(tree, archive, qtbot):
    p03 = panel(archive, "p03-junction")
    with qtbot.waitSignal(tree.open_record, timeout=1000) as signal:
        tree.setCurrentItem(tree.item_for("panel", p03.id))
    assert signal.args == ["panel", p03.id]


def test_structure_follows_changes_made_elsewhere(tree, archive, stack, editor):
    # A reorder done through another widget (here: the commands directly) shows in the tree.
    ids = [s.id for s in services.list_records(archive, "section")]
    link_commands.reorder(stack, archive, "section", list(reversed(ids)))
    assert section_codes(tree) == list(reversed(ORIGINAL_SECTIONS))


def test_retranslate_on_language_change(editor, tree, archive):
    editor.set_record("panel", panel(archive, "p01-hunan-front").id)
    QApplication.sendEvent(editor, QEvent(QEvent.Type.LanguageChange))
    QApplication.sendEvent(tree, QEvent(QEvent.Type.LanguageChange))
    assert editor.groups[("object", False)].add_button.text() == "Add…"
    assert tree.headerItem().text(2) == "Code"
