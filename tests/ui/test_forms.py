"""The record form, undoable record commands and the history view, driven as a curator would."""
from __future__ import annotations

from dataclasses import replace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent, QUndoStack  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from exhibit import search, services  # noqa: E402
from exhibit.integrity import check_archive  # noqa: E402
from exhibit.records import RECORD_TYPES, ArchiveObject  # noqa: E402
from ui.common.qtfonts import ensure_cjk_font  # noqa: E402
from ui.curator.commands import records as record_commands  # noqa: E402
from ui.curator.editor.forms import RecordForm, form_rows, problem_row  # noqa: E402
from ui.curator.editor.history import HistoryView  # noqa: E402


@pytest.fixture
def stack(qtbot):
    return QUndoStack()


@pytest.fixture
def open_form(qtbot, archive, stack):
    """open_form(record=None, record_type="object") -> a shown RecordForm, closed after the test."""
    ensure_cjk_font()
    forms: list[RecordForm] = []

    def make(record=None, record_type="object") -> RecordForm:
        form = RecordForm(archive, stack, record, record_type)
        qtbot.addWidget(form)
        form.resize(900, 1000)
        with qtbot.waitActive(form):  # keyboard shortcuts go to the active window only
            form.show()
            form.activateWindow()
        forms.append(form)
        return form

    yield make
    for form in forms:
        form.close()


def type_chinese(widget, text: str) -> None:
    """Chinese arrives through the input method as a committed string, not as key presses."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def replace_text(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        type_chinese(widget, text)


def choose(qtbot, combo, data) -> None:
    """Pick a combo entry with the keyboard: Home, then Down until it is the one."""
    target = combo.findData(data)
    assert target >= 0, data
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(target):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == data


def editor(form: RecordForm, name: str):
    return form._editors[name].widget


def found(archive, text: str) -> list[int]:
    return [h.record_id for h in search.search(archive.db, text, record_types=["object"]).hits]


# ---------------------------------------------------------------- create, undo, redo

def test_create_object_through_the_form_then_undo_and_redo(open_form, archive, stack, qtbot):
    form = open_form()
    assert form.title_label.text() == "New object"
    assert not form.save_button.isEnabled()
    qtbot.keyClicks(editor(form, "accession"), "HY2025.0100")
    type_chinese(editor(form, "name_zh"), "铁皮饭盒")
    qtbot.keyClicks(editor(form, "name_en"), "Tin mess tin")
    choose(qtbot, editor(form, "category"), "iron_metal")
    assert editor(form, "category").currentText() == "Iron and other metals"  # the window's language
    type_chinese(editor(form, "date_text"), "1944年6月")
    preview = form._date_previews["date_text"]
    assert "1944-06-01 – 1944-06-30" in preview.text() and "June 1944" in preview.text()
    assert form.dirty and form.save_button.isEnabled()

    objects_before = services.count(archive, "object")
    editor(form, "accession").setFocus()
    qtbot.keyClick(editor(form, "accession"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.count(archive, "object") == objects_before + 1, form.problems()
    created = services.find(archive, "object", "HY2025.0100")
    assert (created.name_zh, created.category, created.date_start) == ("铁皮饭盒", "iron_metal", "1944-06-01")
    assert not form.dirty and form.record.id == created.id
    assert "HY2025.0100" in form.title_label.text()
    assert found(archive, "饭盒") == [created.id]
    assert stack.count() == 1 and stack.undoText().startswith("Create object HY2025.0100")

    stack.undo()
    assert services.count(archive, "object") == objects_before
    assert found(archive, "饭盒") == []
    assert form.deleted and not form.save_button.isEnabled()
    assert "deleted" in form.message_label.text()

    stack.redo()
    again = services.get(archive, "object", created.id)
    assert again == created  # same id, same values, same time stamps
    assert found(archive, "饭盒") == [created.id]
    assert not form.deleted and "deleted" not in form.message_label.text()
    assert check_archive(archive) == []


def test_edit_name_then_undo_and_redo(open_form, archive, stack, qtbot):
    obj = services.find(archive, "object", "HY1944.0005")
    form = open_form(obj)
    assert editor(form, "name_zh").text() == obj.name_zh
    replace_text(qtbot, editor(form, "name_en"), "Hengyang city map, annotated")
    assert form.dirty
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert services.get(archive, "object", obj.id).name_en == "Hengyang city map, annotated"
    assert not form.dirty and not form.save_button.isEnabled()

    stack.undo()
    assert services.get(archive, "object", obj.id).name_en == obj.name_en
    assert editor(form, "name_en").text() == obj.name_en  # the form shows what undo stored
    assert not form.dirty
    stack.redo()
    assert services.get(archive, "object", obj.id).name_en == "Hengyang city map, annotated"
    assert editor(form, "name_en").text() == "Hengyang city map, annotated"
    actions = [e.action for e in services.history(archive, "object", obj.id)]
    assert actions[:3] == ["update", "update", "update"]


def test_a_long_name_reads_from_its_start(open_form, archive):
    obj = services.find(archive, "object", "HY1944.0001")
    obj.name_en = "Public notice of the Ninth War Area Command, posted in Hengyang before the siege"
    services.update(archive, obj)
    form = open_form(services.get(archive, "object", obj.id))
    box = editor(form, "name_en")
    assert box.fontMetrics().horizontalAdvance(box.text()) > box.width()
    # The first character is under the box's left edge, not scrolled out of sight.
    assert box.cursorPosition() == 0
    assert box.cursorRect().left() < box.fontMetrics().horizontalAdvance("Pub")


def test_undo_refused_when_record_changed_elsewhere(open_form, archive, stack, qtbot, caplog):
    obj = services.find(archive, "object", "HY1944.0010")
    form = open_form(obj)
    replace_text(qtbot, editor(form, "weight"), "1.2 kg")
    assert form.save()
    # Another program (no signal to this window) edits the same object meanwhile.
    services.update(archive, replace(services.get(archive, "object", obj.id), weight="1.3 kg"))
    stack.undo()
    assert services.get(archive, "object", obj.id).weight == "1.3 kg"  # their change stands
    assert "has been changed since" in caplog.text and obj.accession in caplog.text
    assert stack.count() == 0  # the impossible step is dropped, not left to fail again


# ---------------------------------------------------------------- validation

def test_duplicate_accession_shown_by_the_field_and_nothing_written(open_form, archive, stack, qtbot):
    form = open_form()
    qtbot.keyClicks(editor(form, "accession"), "hy1944.0001")
    qtbot.keyClicks(editor(form, "name_en"), "Another notice")
    problem = form._problem_labels["accession"]
    qtbot.waitUntil(lambda: problem.isVisible(), timeout=3000)
    assert "already used by object HY1944.0001" in problem.text()
    # Next to the field: the line right below the accession number, in its column.
    field = editor(form, "accession")
    assert abs(problem.geometry().left() - field.geometry().left()) < 5
    assert 0 <= problem.geometry().top() - field.geometry().bottom() < 30
    assert not form._problem_labels["name"].isVisible()

    objects, history = services.count(archive, "object"), len(services.history(archive))
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert services.count(archive, "object") == objects
    assert len(services.history(archive)) == history
    assert stack.count() == 0
    assert form.dirty and problem.isVisible()


def test_impossible_date_shown_next_to_the_date(open_form, archive, qtbot):
    form = open_form()
    qtbot.keyClicks(editor(form, "accession"), "HY2025.0200")
    type_chinese(editor(form, "date_text"), "1944年2月30日")
    preview = form._date_previews["date_text"]
    assert "day 30 does not exist in February 1944" in preview.text()
    assert "#b00020" in preview.styleSheet()
    date_field = editor(form, "date_text")
    assert preview.geometry().left() > date_field.geometry().right()  # beside it, same line
    assert abs(preview.geometry().center().y() - date_field.geometry().center().y()) < 15
    qtbot.waitUntil(lambda: "date_text" in form.problems(), timeout=3000)
    assert not form.save()
    # Fixed: the red goes away as the curator types.
    replace_text(qtbot, date_field, "1944-06-23")
    assert "#b00020" not in preview.styleSheet() and "23 June 1944" in preview.text()


def test_unreadable_date_is_a_note_and_the_record_saves(open_form, archive, qtbot):
    """Text no date form matches is kept as written: said mildly (not in red), and saving works."""
    form = open_form()
    qtbot.keyClicks(editor(form, "accession"), "HY2025.0210")
    qtbot.keyClicks(editor(form, "name_en"), "Field diary")
    type_chinese(editor(form, "date_text"), "抗战胜利前夕某日")
    preview = form._date_previews["date_text"]
    assert "kept as written" in preview.text()
    assert "#b00020" not in preview.styleSheet() and preview.styleSheet()  # a note's colour, not the error's
    assert form.save(), form.problems()
    stored = services.find(archive, "object", "HY2025.0210")
    assert (stored.date_text, stored.date_start) == ("抗战胜利前夕某日", None)


def test_problems_map_to_their_rows(archive):
    """Each rule's problem is shown by the field it names (its `field`), whatever its words."""
    from exhibit.errors import ValidationError
    from exhibit.problems import Problem
    from exhibit.records import Event, Panel, Place, Section

    def rows(record) -> set[str | None]:
        with pytest.raises(ValidationError) as caught:
            services.validate(archive, record)
        return {problem_row(record.TYPE, p) for p in caught.value.problems}

    taken = services.list_records(archive, "object")[0].accession
    assert rows(ArchiveObject(accession=taken.lower(), name_zh="x")) == {"accession"}
    assert rows(ArchiveObject(accession="")) == {"accession", "name"}
    assert rows(ArchiveObject(accession="HY9", name_zh="x", category="x")) == {"category"}
    assert rows(ArchiveObject(accession="HY9", name_zh="x", date_text="1944年13月")) == {"date_text"}
    assert rows(ArchiveObject(accession="HY9", name_zh="x" * 600)) == {"name"}
    assert rows(Panel(code="p-new", title_zh="x", section_id=999_999)) == {"section_id"}
    assert rows(Place(name_zh="x", lat=91.0)) == {"lat"}
    assert rows(Event(title_zh="x")) == {"date_text"}
    section = services.list_records(archive, "section")[0]
    assert rows(Section(code=section.code, title_zh="x")) == {"code"}
    assert problem_row("object", Problem(None, "self_link")) is None     # the message area
    assert problem_row("object", "a sentence with no field") is None


# ---------------------------------------------------------------- leaving a dirty form

def test_dirty_form_asks_before_leaving(open_form, archive, qtbot):
    obj = services.find(archive, "object", "HY1944.0014")
    form = open_form(obj)
    assert form.maybe_leave()  # nothing to lose: no question
    asked: list[str] = []
    dirty_signals: list[bool] = []
    form.dirtyChanged.connect(dirty_signals.append)

    def answer(button):
        def ask(parent, title, text):
            asked.append(text)
            return button
        return ask

    replace_text(qtbot, editor(form, "dimensions"), "20 × 30 cm")
    assert form.dirty and dirty_signals == [True]
    form.ask = answer(QMessageBox.StandardButton.Cancel)
    assert not form.maybe_leave() and form.dirty
    assert "unsaved changes" in asked[-1]

    form.ask = answer(QMessageBox.StandardButton.Discard)
    assert form.maybe_leave() and not form.dirty
    assert editor(form, "dimensions").text() == obj.dimensions
    assert services.get(archive, "object", obj.id).dimensions == obj.dimensions

    replace_text(qtbot, editor(form, "dimensions"), "20 × 30 cm")
    form.ask = answer(QMessageBox.StandardButton.Save)
    assert form.maybe_leave() and not form.dirty
    assert services.get(archive, "object", obj.id).dimensions == "20 × 30 cm"
    assert len(asked) == 3


def test_typing_back_the_stored_value_is_not_dirty(open_form, archive, qtbot):
    obj = services.find(archive, "object", "HY1944.0014")
    form = open_form(obj)
    replace_text(qtbot, editor(form, "weight"), "9 kg")
    assert form.dirty
    replace_text(qtbot, editor(form, "weight"), obj.weight)
    assert not form.dirty and not form.revert_button.isEnabled()


# ---------------------------------------------------------------- delete and restore

def test_delete_and_undo_restores_links(archive, stack, qtbot):
    obj = services.find(archive, "object", "HY1944.0005")
    links_before = services.links(archive, "object", obj.id)
    backlinks_before = services.backlinks(archive, "object", obj.id)
    citations_before = services.citations(archive, "object", obj.id)
    assert links_before and backlinks_before and citations_before
    with qtbot.waitSignal(record_commands.events().record_deleted) as deleted:
        record_commands.delete_record(stack, archive, "object", obj.id, cascade=True)
    assert deleted.args == ["object", obj.id]
    assert services.backlinks(archive, "object", obj.id) == []
    assert found(archive, "HY1944.0005") == []

    stack.undo()
    assert services.get(archive, "object", obj.id) == obj
    assert services.links(archive, "object", obj.id) == links_before
    assert services.backlinks(archive, "object", obj.id) == backlinks_before
    assert services.citations(archive, "object", obj.id) == citations_before
    assert found(archive, "HY1944.0005") == [obj.id]
    stack.redo()
    assert services.find(archive, "object", "HY1944.0005") is None
    stack.undo()
    assert services.links(archive, "object", obj.id) == links_before
    assert check_archive(archive) == []


def test_linked_record_needs_cascade(archive, stack):
    obj = services.find(archive, "object", "HY1944.0005")
    with pytest.raises(services.LinkedError):
        record_commands.delete_record(stack, archive, "object", obj.id)
    assert stack.count() == 0


def test_record_deleted_elsewhere_while_open(open_form, archive, qtbot):
    obj = services.find(archive, "object", "HY1944.0037")
    form = open_form(obj)
    replace_text(qtbot, editor(form, "weight"), "2 kg")
    other_window_stack = QUndoStack()
    record_commands.delete_record(other_window_stack, archive, "object", obj.id, cascade=True)
    assert form.deleted
    assert "This record has been deleted" in form.message_label.text()
    assert form.message_label.isVisible()
    assert not form.save_button.isEnabled() and not form.save()
    assert editor(form, "weight").text() == "2 kg"  # the curator's text is still there to copy
    other_window_stack.undo()  # put back elsewhere: the form may save again
    assert not form.deleted


def test_changed_elsewhere_while_editing_is_said(open_form, archive, qtbot):
    obj = services.find(archive, "object", "HY1944.0037")
    form = open_form(obj)
    replace_text(qtbot, editor(form, "weight"), "2 kg")
    other_window_stack = QUndoStack()
    record_commands.update_record(other_window_stack, archive, obj, replace(obj, dimensions="1 × 2 m"))
    assert "changed elsewhere" in form.message_label.text()
    assert editor(form, "weight").text() == "2 kg"  # the curator's typing is kept
    qtbot.mouseClick(form.revert_button, Qt.MouseButton.LeftButton)
    assert editor(form, "dimensions").text() == "1 × 2 m" and not form.dirty
    assert "changed elsewhere" not in form.message_label.text()


def test_deleted_without_notice_found_on_save(open_form, archive, qtbot):
    obj = services.find(archive, "object", "HY1944.0041")
    form = open_form(obj)
    replace_text(qtbot, editor(form, "weight"), "3 kg")
    form.disconnect_events()  # as if the delete happened in another program
    services.delete(archive, "object", obj.id, cascade=True)
    assert not form.save()
    assert form.deleted and not form.save_button.isEnabled()
    assert "deleted" in form.message_label.text()


# ---------------------------------------------------------------- history and movements
# (link and order commands live in ui/curator/commands/links.py, tested in test_links.py)

def test_history_and_movements_view(open_form, archive, stack, qtbot):
    form = open_form()
    qtbot.keyClicks(editor(form, "accession"), "HY2025.0400")
    qtbot.keyClicks(editor(form, "name_en"), "Field telephone")
    assert form.save()
    replace_text(qtbot, editor(form, "name_en"), "Field telephone, Type 1")
    assert form.save()
    view = HistoryView(archive, stack, "object", form.record.id)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    rows = view.row_texts()
    assert [r[2] for r in rows] == ["Edited", "Created"]  # newest first
    assert rows[0][1] == "tester"
    assert rows[0][3] == "Name (English): Field telephone → Field telephone, Type 1"
    assert "Accession number: HY2025.0400" in rows[1][3]
    assert view.movements_box.isVisible()

    moves = view.movements
    assert not moves.record_button.isEnabled()
    type_chinese(moves.location_edit, "库房 B-2")
    qtbot.keyClicks(moves.date_edit, "2025-03-14")
    assert "14 March 2025" in moves.date_preview.text()
    qtbot.keyClicks(moves.reason_edit, "conservation")
    qtbot.mouseClick(moves.record_button, Qt.MouseButton.LeftButton)
    assert moves.row_texts() == [["2025-03-14", "库房 B-2", "conservation", "tester"]]
    assert services.get(archive, "object", form.record.id).location == "库房 B-2"
    assert editor(form, "location").text() == "库房 B-2"  # the open form follows
    assert view.row_texts()[0][3] == "Location: — → 库房 B-2"
    stack.undo()
    assert moves.row_texts() == []
    assert services.get(archive, "object", form.record.id).location == ""
    stack.redo()
    assert moves.row_texts()[0][1] == "库房 B-2"
    view.close()


# ---------------------------------------------------------------- every record type

@pytest.mark.parametrize("record_type", sorted(RECORD_TYPES))
def test_every_record_type_edits_and_undoes(open_form, archive, stack, qtbot, record_type):
    if record_type == "movement":
        obj = services.list_records(archive, "object")[0]
        services.record_movement(archive, obj.id, "展厅一", "2025-01-02")
    record = services.list_records(archive, record_type)[0]
    form = open_form(record)
    rows = form_rows(record_type)
    shown = {n for row in rows for n in row.names}
    derived = {c for pair in type(record).DATES.values() for c in pair}
    assert shown | derived == set(record.as_row())  # every field has a place
    for row in rows:
        assert form._labels[row.key].buddy() is editor(form, row.names[0])
    # A short text field every type has, edited with the keyboard.
    name = next(row.names[-1] for row in rows if row.kind in ("pair", "text")
                and row.key not in ("accession", "code", "key"))
    replace_text(qtbot, editor(form, name), "Edited in a test")
    assert form.dirty
    assert form.save(), form.problems()
    assert getattr(services.get(archive, record_type, record.id), name) == "Edited in a test"
    stack.undo()
    assert getattr(services.get(archive, record_type, record.id), name) == getattr(record, name)
    assert editor(form, name).text() == getattr(record, name)


def test_keyboard_order_follows_the_rows(open_form, qtbot):
    form = open_form()
    editor(form, "accession").setFocus()
    order = []
    for _ in range(4):
        order.append(form.focusWidget())
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
    assert order == [editor(form, n) for n in ("accession", "record_status", "name_zh", "name_en")]
    assert editor(form, "name_zh").accessibleName() == "Name (Chinese)"


def test_foreign_key_is_a_choice_of_records(open_form, archive, qtbot):
    panel = services.list_records(archive, "panel")[0]
    form = open_form(panel)
    combo = editor(form, "section_id")
    section = services.get(archive, "section", panel.section_id)
    assert combo.currentData() == section.id and section.title_zh in combo.currentText()
    assert combo.count() == services.count(archive, "section") + 1  # and "no section"
    other = next(s for s in services.list_records(archive, "section") if s.id != section.id)
    choose(qtbot, combo, other.id)
    assert form.save()
    assert services.get(archive, "panel", panel.id).section_id == other.id


def test_read_only_info_is_not_editable(open_form, archive):
    media = services.list_records(archive, "media")[0]
    form = open_form(media)
    for name in ("id", "created", "modified", "width", "height", "sha256"):
        assert editor(form, name).isReadOnly()
    assert editor(form, "sha256").text() == media.sha256
    assert editor(form, "width").text() == str(media.width)
    assert "sha256" not in form._values()


def test_screenshot_has_chinese(open_form, archive, tmp_path):
    from PySide6.QtGui import QFontDatabase

    form = open_form(services.find(archive, "object", "HY1944.0005"))
    path = tmp_path / "form.png"
    assert form.grab().save(str(path))
    assert QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)


def test_makers_are_typed_as_text_and_kept_as_data(open_form, archive, qtbot):
    """A curator types makers one per line with their role; the record keeps them as data,
    and the form shows them again as typed. Measurements are read from the dimensions."""
    form = open_form(services.object_by_accession(archive, "HY1944.0004"))
    typed = "薛岳 / Xue Yue [xue-yue] (issuer)\n大阪造兵厂 (manufacturer)"
    editor(form, "makers").setPlainText(typed)
    editor(form, "dimensions").setText("高28、宽23厘米")
    assert form.save()
    saved = services.get(archive, "object", form.record.id)
    assert '"role":"manufacturer"' in saved.makers and '"person":"xue-yue"' in saved.makers
    assert '"dimension":"height"' in saved.measurements
    assert editor(form, "makers").toPlainText() == typed
    assert "28" in editor(form, "measurements").text()
