"""The wizard's mapping page says how sure each guessed column is, and unknown vocabulary
values can become new terms, named in both languages, a whole column at once."""
from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from exhibit import services, vocab
from exhibit.archive import Archive
from tests.spreadsheets import write_csv
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.interchange import ImportWizard
from ui.interchange.terms_editor import NEW

MUSEUM = [["id", "accession_number", "artist", "artistRole", "title", "medium", "thumbnailCopyright", "width",
           "height", "units"]] + [
    [str(1034 + n), f"N{n:05d}", "Turner, Joseph Mallord William", "artist", f"Study {n}", "Graphite on paper",
     "© the artist's estate", "419", "394", "mm"] for n in range(1, 21)]
LEDGER = [["总登记号", "名称", "质地"], ["HY1", "画", "oil paint on canvas"],
          ["HY2", "另一幅画", "oil paint on canvas"], ["HY3", "钟", "bronze"], ["HY4", "钢盔", "钢"]]


@pytest.fixture
def wizard(qtbot, blank_archive):
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    w = ImportWizard(blank_archive)
    qtbot.addWidget(w)
    w.show()
    yield w
    i18n.set_language("en", remember=False)
    w.shutdown()


def wait(w: ImportWizard) -> None:
    assert w.runner.wait(120_000), "the worker did not finish"


def to_mapping(w: ImportWizard, path: Path) -> None:
    w.file_page.path_edit.setText(str(path))
    w.next()
    wait(w)
    assert w.read is not None, w.preview_page.error.text()
    w.next()
    assert w.currentPage() is w.mapping_page


def test_each_column_shows_how_sure_its_field_is_and_why(wizard, tmp_path):
    to_mapping(wizard, write_csv(tmp_path / "artwork_data.csv", MUSEUM, encoding="utf-8"))
    page = wizard.mapping_page
    assert page.combo_for("id").currentData() == "other_numbers"
    assert page.combo_for("accession_number").currentData() == "accession"
    assert page.combo_for("artistRole").currentData() == "maker_role"
    assert page.combo_for("width").currentData() == "dimension_width"
    assert page.guess_for("accession_number").text() == "✓"
    assert "the name the program shows for this field" in page.guess_for("accession_number").toolTip()
    assert page.guess_for("id").text() == "✓"
    assert "source system" in page.guess_for("id").toolTip() and "1035–1054" in page.guess_for("id").toolTip()
    assert page.guess_for("thumbnailCopyright").text() == "?"
    assert "Not sure" in page.guess_for("thumbnailCopyright").toolTip()
    # The curator's own choice replaces the guess and says so.
    combo = page.combo_for("thumbnailCopyright")
    combo.setCurrentIndex(combo.findData(""))
    assert page.guess_for("thumbnailCopyright").text() == ""
    combo.setCurrentIndex(combo.findData("rights"))
    assert page.guess_for("thumbnailCopyright").text() == "✓"
    assert "Chosen by you" in page.guess_for("thumbnailCopyright").toolTip()
    i18n.set_language("zh", remember=False)
    QApplication.processEvents()
    assert "程序" in page.guess_for("accession_number").toolTip()     # the reason, in Chinese
    wizard.grab().save(str(tmp_path / "mapping.png"))


def test_unknown_values_become_new_terms_named_in_both_languages(wizard, blank_archive, tmp_path, qtbot):
    to_mapping(wizard, write_csv(tmp_path / "ledger.csv", LEDGER))
    terms = wizard.mapping_page.terms
    assert [(u.value, u.count, u.suggestion.code if u.suggestion else None) for u in terms.unknown] == [
        ("oil paint on canvas", 2, None), ("bronze", 1, "copper")]
    assert terms.table.item(0, 2).text() == "2 (rows 2, 3)"
    combo = terms.combo(0)
    assert combo.itemData(1) == NEW                       # no term is close: adding one comes first
    combo.setCurrentIndex(combo.findData(NEW))
    zh, en = terms.name_edit(0, "zh"), terms.name_edit(0, "en")
    assert en.isEnabled() and en.text() == "oil paint on canvas" and zh.text() == ""
    for edit, text in ((zh, "布面油画"), (en, "Oil on canvas")):   # as typed (keyClicks cannot type Han)
        edit.setText(text)
        edit.textEdited.emit(text)
    code = wizard.mapping.terms["material"]["oil paint on canvas"]
    assert code == "oil_paint_on_canvas"
    assert wizard.mapping.new_terms["material"][code].label_zh == "布面油画"
    assert wizard.mapping.new_terms["material"][code].label_en == "Oil on canvas"
    terms.apply_suggestions()                             # bronze → its nearest term
    assert wizard.mapping.terms["material"]["bronze"] == "copper"
    wizard.grab().save(str(tmp_path / "terms.png"))

    wizard.next()
    wait(wizard)
    assert wizard.plan.ok and wizard.plan.counts()["create"] == 4
    wizard.button(QWizard.WizardButton.CommitButton).click()
    wait(wizard)
    assert wizard.import_page.state == "done", wizard.import_page.error.text()
    assert vocab.label(blank_archive.db, "material", "oil_paint_on_canvas", "zh") == "布面油画"
    assert services.object_by_accession(blank_archive, "HY2").material == "oil_paint_on_canvas"
    assert services.object_by_accession(blank_archive, "HY3").material == "copper"


def test_the_rest_can_be_added_as_new_terms_at_once_and_taken_back(wizard, tmp_path):
    to_mapping(wizard, write_csv(tmp_path / "ledger.csv", LEDGER))
    terms = wizard.mapping_page.terms
    terms.add_all.click()
    assert wizard.mapping.terms["material"] == {"oil paint on canvas": "oil_paint_on_canvas", "bronze": "bronze"}
    assert set(wizard.mapping.new_terms["material"]) == {"oil_paint_on_canvas", "bronze"}
    combo = terms.combo(1)
    combo.setCurrentIndex(combo.findData(""))             # bronze: not mapped after all
    assert "bronze" not in wizard.mapping.terms["material"]
    assert set(wizard.mapping.new_terms["material"]) == {"oil_paint_on_canvas"}
    assert not terms.name_edit(1, "en").isEnabled()
    combo.setCurrentIndex(combo.findData(NEW))
    assert terms.name_edit(1, "en").text() == "bronze"
    assert isinstance(wizard.archive, Archive)
