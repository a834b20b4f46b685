"""Every name the curator window shows follows the window's language (exhibit.names).

In the Chinese window no form label, list header, links heading, history
action or value name shows an English word or a raw code (所属方 "ROC",
坐标依据 "estimate"); in the English window none shows Han characters. Record
content (titles, names a curator typed) is not a name and is not checked.
"""
from __future__ import annotations

import re
from dataclasses import replace

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QUndoStack  # noqa: E402

from exhibit import names, services  # noqa: E402
from exhibit.listing import ListQuery  # noqa: E402
from exhibit.records import RECORD_TYPES  # noqa: E402
from ui.common import i18n  # noqa: E402
from ui.common.qtfonts import ensure_cjk_font  # noqa: E402
from ui.curator.editor.forms import RecordForm, form_rows  # noqa: E402
from ui.curator.editor.history import HistoryView, describe_change  # noqa: E402
from ui.curator.editor.links import LINK_SPECS, LinksEditor  # noqa: E402
from ui.curator.models import COLUMNS, RecordTableModel  # noqa: E402
from ui.curator.structure import StructureTree  # noqa: E402
from ui.curator.window import RECORD_TYPES as NAVIGATOR_TYPES  # noqa: E402
from ui.curator.window import type_label

HAN = re.compile(r"[\u3400-\u9fff]")
# Letters that are a name in Chinese too: SHA-256 校验值, MIME 类型, 文件内日期（EXIF）.
ACRONYMS = {"SHA", "MIME", "EXIF"}
WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w not in ACRONYMS]


@pytest.fixture(params=["zh", "en"])
def lang(request, qapp):
    i18n.set_language(request.param, remember=False)
    yield request.param
    i18n.set_language("en", remember=False)


def wrong_language(texts: list[str], lang: str) -> list[str]:
    """The texts that are not in `lang`: English words in Chinese, Han characters in English."""
    if lang == "zh":
        return [t for t in texts if english_words(t) or not HAN.search(t)]
    return [t for t in texts if HAN.search(t)]


def sample(archive, record_type: str):
    if record_type == "movement":
        obj = services.list_records(archive, "object")[0]
        services.record_movement(archive, obj.id, "展厅一", "2025-01-02")
    if record_type == "citation":
        source = services.list_records(archive, "source")[0]
        obj = services.list_records(archive, "object")[0]
        from exhibit.records import Citation
        return services.create(archive, Citation(record_type="object", record_id=obj.id, source_id=source.id))
    return services.list_records(archive, record_type)[0]


def test_form_labels_and_value_names_follow_the_language(qtbot, archive, lang):
    ensure_cjk_font()
    stack = QUndoStack()
    shown: list[str] = []
    for record_type in RECORD_TYPES:
        form = RecordForm(archive, stack, sample(archive, record_type))
        qtbot.addWidget(form)
        for row in form_rows(record_type):
            shown.append(form._labels[row.key].text())
            for name in row.names:
                shown.append(form._editors[name].widget.accessibleName())
            if row.kind == "vocab":
                combo = form._editors[row.key].widget
                shown += [combo.itemText(i) for i in range(1, combo.count())]  # 0 is "no value"
        if record_type == "citation":
            shown.append(form._editors["record_type"].widget.text())  # 藏品, not "object"
        form.close()
    assert wrong_language(shown, lang) == []


def test_a_person_side_and_a_place_basis_show_their_names(qtbot, archive, lang):
    person = next(p for p in services.list_records(archive, "person") if p.side == "ROC")
    place = next(p for p in services.list_records(archive, "place") if p.coord_basis == "estimate")
    stack = QUndoStack()
    form = RecordForm(archive, stack, person)
    qtbot.addWidget(form)
    side = form._editors["side"].widget
    assert side.currentData() == "ROC"  # the code is what is stored
    assert side.currentText() == names.value("side", "ROC").text(lang)
    place_form = RecordForm(archive, stack, place)
    qtbot.addWidget(place_form)
    basis = place_form._editors["coord_basis"].widget
    assert basis.currentText() == ("估计" if lang == "zh" else "Estimate")
    form.close()
    place_form.close()


def test_list_headers_and_vocabulary_cells_follow_the_language(archive, lang):
    shown: list[str] = []
    for record_type in COLUMNS:
        model = RecordTableModel(archive, ListQuery(record_type), listen=False)
        shown += [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        for c, column in enumerate(model.columns()):
            if column.vocab:
                shown += [t for t in (model.text(r, c) for r in range(min(model.rowCount(), 30))) if t]
        model.close()
    shown += [type_label(t) for t in NAVIGATOR_TYPES]
    assert wrong_language(shown, lang) == []


def test_links_headings_follow_the_language(qtbot, archive, lang):
    ensure_cjk_font()
    editor = LinksEditor(archive, QUndoStack())
    qtbot.addWidget(editor)
    shown: list[str] = []
    for record_type in LINK_SPECS:
        editor.set_record(record_type, services.list_records(archive, record_type)[0].id)
        for group in editor.groups.values():
            shown.append(re.sub(r"\s*\(\d+\)$", "", group.title()))  # "People (3)": the count is a number
    editor.close()
    assert shown and wrong_language(shown, lang) == []


def test_history_actions_fields_and_values_follow_the_language(qtbot, archive, lang):
    person = next(p for p in services.list_records(archive, "person") if p.side == "ROC")
    place = next(p for p in services.list_records(archive, "place") if p.coord_basis == "estimate")
    services.update(archive, replace(person, side="Japan"))
    services.update(archive, replace(place, coord_basis="sourced"))
    view = HistoryView(archive, QUndoStack(), "person", person.id)
    qtbot.addWidget(view)
    actions = [row[2] for row in view.row_texts()]
    side_change = services.history(archive, "person", person.id)[0]
    basis_change = services.history(archive, "place", place.id)[0]
    lines = [describe_change(side_change, archive), describe_change(basis_change, archive)]
    headers = [view.movements.tree.headerItem().text(c) for c in range(4)]
    view.close()
    if lang == "zh":
        assert lines == ["所属方: 中华民国 → 日本", "坐标依据: 估计 → 文献记载"]
    else:
        assert lines == ["Side: Republic of China → Japan", "Basis of the coordinates: Estimate → From a source"]
    every_action = [names.value_text("history_action", v.code, lang) for v in names.values("history_action")]
    assert actions and wrong_language(actions + every_action + headers, lang) == []


def test_structure_tree_shows_titles_in_the_windows_language(qtbot, archive, lang):
    ensure_cjk_font()
    tree = StructureTree(archive, QUndoStack())
    qtbot.addWidget(tree)
    first = services.list_records(archive, "section")[0]
    shown = tree.topLevelItem(0).text(0)
    headers = [tree.headerItem().text(c) for c in range(3)]
    tree.close()
    if lang == "zh":
        assert shown == f"1  {first.title_zh}"
        assert headers == ["标题", "标题（英文）", "编号"]
    else:
        assert shown == f"1  {first.title_en}" and not HAN.search(shown)
        assert headers == ["Title", "Title (Chinese)", "Code"]


def test_a_language_switch_renames_an_open_form_and_tree(qtbot, archive, qapp):
    ensure_cjk_font()
    person = next(p for p in services.list_records(archive, "person") if p.side == "ROC")
    form = RecordForm(archive, QUndoStack(), person)
    tree = StructureTree(archive, QUndoStack())
    for widget in (form, tree):
        qtbot.addWidget(widget)
        widget.show()
    first = services.list_records(archive, "section")[0]
    assert (form._labels["side"].text(), form._editors["side"].widget.currentText()) == \
        ("Side", "Republic of China")
    try:
        i18n.set_language("zh", remember=False)
        qtbot.waitUntil(lambda: form._labels["side"].text() == "所属方", timeout=2000)
        assert form._editors["side"].widget.currentText() == "中华民国"
        assert not form.dirty  # renaming the choices is no edit
        qtbot.waitUntil(lambda: tree.topLevelItem(0).text(0) == f"1  {first.title_zh}", timeout=2000)
    finally:
        i18n.set_language("en", remember=False)
    qtbot.waitUntil(lambda: tree.topLevelItem(0).text(0) == f"1  {first.title_en}", timeout=2000)
    form.close()
    tree.close()
