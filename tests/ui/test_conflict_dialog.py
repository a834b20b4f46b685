"""The conflict dialog (ui/curator/conflict_dialog.py): two curators saved one record; the
curator sees each differing field, theirs beside their own, in the window's language, and
chooses. Obvious sides are chosen already; a field both changed must be chosen by hand
before the dialog can be confirmed. Built from a Conflict made by hand (no server)."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel

from exhibit.records import ArchiveObject
from exhibit.server.records import MINE, THEIRS, Conflict, FieldConflict, Stored
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.curator.conflict_dialog import ConflictDialog, local_time

LONG_ZH = ("第十军士兵在衡阳守城时使用的铝制水壶，壶身有弹痕。据家属回忆，此壶曾随其父参加1944年6月23日"
           "至8月8日的全部战斗，壶底刻有“预十师”字样，另有手刻姓名一处，字迹已模糊不清。")


def canteen_conflict() -> Conflict:
    """They renamed it in English and judged it damaged; I judged it mostly complete and
    wrote a long description."""
    base = ArchiveObject(id=7, accession="HY1944.0007", name_zh="军用水壶", name_en="Canteen",
                         condition="complete", description_zh="铝制水壶。")
    mine = replace(base, condition="mostly_complete", description_zh=LONG_ZH)
    theirs = replace(base, name_en="Army canteen (aluminium)", condition="damaged")
    fields = tuple(FieldConflict(name, getattr(base, name), getattr(mine, name), getattr(theirs, name))
                   for name in ("name_en", "condition", "description_zh"))
    return Conflict("update", Stored(base, 1), mine, Stored(theirs, 2), fields, "张三", "2024-06-23T06:02:00+00:00")


@pytest.fixture(params=["en"])
def language(request, qapp):
    ensure_cjk_font()
    i18n.set_language(request.param, remember=False)
    yield request.param
    i18n.set_language("en", remember=False)


def texts(dialog: QDialog) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel) if label.text()]


def test_the_obvious_sides_are_chosen_and_a_field_both_changed_waits_for_the_curator(qtbot, language):
    dialog = ConflictDialog(canteen_conflict())
    qtbot.addWidget(dialog)
    assert dialog.choice("name_en") == THEIRS          # only they changed it
    assert dialog.choice("description_zh") == MINE     # only I changed it
    assert dialog.choice("condition") is None          # both did: no default
    assert dialog.unchosen() == ["condition"]
    assert not dialog.save_button.isEnabled()
    with pytest.raises(ValueError):
        dialog.choices()

    dialog.rows["condition"].mine.click()
    assert dialog.save_button.isEnabled()
    assert dialog.choices() == {"name_en": THEIRS, "condition": MINE, "description_zh": MINE}
    saved = dialog.resolved()
    assert (saved.name_en, saved.condition, saved.description_zh) == (
        "Army canteen (aluminium)", "mostly_complete", LONG_ZH)


def test_explicit_choices_override_the_defaults(qtbot, language):
    dialog = ConflictDialog(canteen_conflict())
    qtbot.addWidget(dialog)
    dialog.rows["name_en"].mine.click()
    dialog.rows["condition"].theirs.click()
    dialog.rows["description_zh"].theirs.click()
    assert dialog.choices() == {"name_en": MINE, "condition": THEIRS, "description_zh": THEIRS}
    saved = dialog.resolved()
    assert (saved.name_en, saved.condition, saved.description_zh) == ("Canteen", "damaged", "铝制水壶。")
    dialog.all_mine.click()
    assert set(dialog.choices().values()) == {MINE}


def test_enter_confirms_only_once_every_field_has_a_side(qtbot, language):
    dialog = ConflictDialog(canteen_conflict())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.focusWidget() is dialog.rows["condition"].mine   # the field to choose first
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)          # choose "keep yours"
    assert dialog.choice("condition") == MINE
    assert dialog.save_button.isDefault()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_fields_and_values_are_named_in_english(qtbot, language):
    dialog = ConflictDialog(canteen_conflict())
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert {"Name (English)", "Condition", "Description (Chinese)"} <= set(shown)
    assert LONG_ZH in shown and "Army canteen (aluminium)" in shown
    assert "condition" not in shown and "mostly_complete" not in shown   # names, not codes
    when = local_time("2024-06-23T06:02:00+00:00")
    assert any("张三" in text and when in text for text in shown)        # who saved theirs, when
    assert any(text.startswith("Before either of you changed it:") for text in shown)


@pytest.mark.parametrize("language", ["zh"], indirect=True)
def test_the_dialog_speaks_chinese(qtbot, language):
    dialog = ConflictDialog(canteen_conflict())
    qtbot.addWidget(dialog)
    shown = texts(dialog)
    assert {"名称（英文）", "完残程度", "描述（中文）"} <= set(shown)
    assert "藏品 HY1944.0007 “军用水壶”" in dialog.intro.text()
    assert dialog.rows["condition"].mine.text() == "保留您的"
    assert dialog.save_button.text() == "按所选保存(&S)"
    assert "1 个" in dialog.status.text()


def test_a_delete_conflict_is_not_resolved_by_fields(qtbot, language):
    conflict = canteen_conflict()
    gone = Conflict("delete", conflict.base, None, conflict.stored, conflict.fields, "张三", "")
    with pytest.raises(ValueError):
        ConflictDialog(gone)


@pytest.mark.parametrize("language", ["zh", "en"], indirect=True)
def test_rendered_nothing_is_clipped(qtbot, language, tmp_path):
    """Every label gets the height its wrapped text needs, at the default and a narrow width
    (the PNGs are for a person to look at)."""
    dialog = ConflictDialog(canteen_conflict())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    for width in (880, 560):
        dialog.resize(width, 560)
        qtbot.wait(0)
        dialog.grab().save(str(tmp_path / f"conflict_{language}_{width}.png"))
        for label in dialog.findChildren(QLabel):
            if label.isVisible() and label.text() and label.wordWrap():
                assert label.height() >= label.heightForWidth(label.width()), label.text()
