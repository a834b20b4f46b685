"""The export dialog: each format written from the dialog, and a CSV export that re-imports as it was."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from exhibit import services
from exhibit.archive import Archive
from ui.common import i18n
from ui.common.qtfonts import ensure_cjk_font
from ui.interchange import ExportDialog, ImportWizard, open_export_dialog


@pytest.fixture
def make_dialog(qtbot, archive):
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    made: list = []

    def make(record_type: str = "object", ids=()) -> ExportDialog:
        d = ExportDialog(archive, record_type, ids)
        qtbot.addWidget(d)
        d.show()
        made.append(d)
        return d

    yield make
    i18n.set_language("en", remember=False)
    for d in made:
        d.shutdown()


def export(qtbot, d: ExportDialog, fmt: str, dest: Path) -> None:
    d.format_combo.setCurrentIndex(d.format_combo.findData(fmt))
    d.choose_destination = lambda parent, kind, suggested, filters: str(dest)
    d.browse.click()
    qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    assert d.runner.wait(120_000)
    assert d.state == "done", d.error.text()
    assert str(d.result.path) in d.status.text()


def comparable(archive: Archive) -> dict[str, dict]:
    """Every object's stored fields, by accession number, without ids and time stamps."""
    out = {}
    for obj in services.list_records(archive, "object"):
        row = obj.as_row()
        for name in ("id", "created", "modified"):
            row.pop(name, None)
        out[obj.accession] = row
    return out


def test_csv_export_reimports_to_identical_records(make_dialog, qtbot, archive, blank_archive, tmp_path):
    d = make_dialog()
    dest = tmp_path / "out" / "objects.csv"
    export(qtbot, d, "csv", dest)
    assert d.result.count == services.count(archive, "object") == 42

    # Into the same archive: every row is matched and unchanged, and Import is allowed.
    w = ImportWizard(archive)
    qtbot.addWidget(w)
    w.show()
    try:
        w.file_page.path_edit.setText(str(dest))
        w.file_page.media_edit.setText(str(archive.media_root))
        w.next()
        assert w.runner.wait(120_000)
        w.next()
        w.next()
        assert w.runner.wait(120_000)
        assert w.plan.counts()["unchanged"] == 42, w.plan.report(limit=5)
        assert w.button(QWizard.WizardButton.CommitButton).isEnabled()
    finally:
        w.shutdown()

    # Into an empty archive, through the wizard: the same objects, field for field.
    w = ImportWizard(blank_archive)
    qtbot.addWidget(w)
    w.show()
    try:
        w.file_page.path_edit.setText(str(dest))
        w.file_page.media_edit.setText(str(archive.media_root))
        w.next()
        assert w.runner.wait(120_000)
        w.next()
        w.next()
        assert w.runner.wait(120_000)
        assert w.plan.counts()["create"] == 42, w.plan.report(limit=5)
        w.next()
        assert w.runner.wait(120_000)
        assert w.import_page.state == "done", w.import_page.error.text()
    finally:
        w.shutdown()
    assert comparable(blank_archive) == comparable(archive)


def test_the_selected_records_go_to_an_xlsx_workbook(make_dialog, qtbot, archive, tmp_path):
    ids = [o.id for o in services.list_records(archive, "object", limit=3)]
    d = make_dialog("object", ids)
    assert d.selected_radio.isChecked() and "(3)" in d.selected_radio.text()
    export(qtbot, d, "xlsx", tmp_path / "three.xlsx")
    ws = load_workbook(tmp_path / "three.xlsx", read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 4 and rows[0][:3] == ("is_sample", "accession", "name_zh")
    assert {r[1] for r in rows[1:]} == {services.get(archive, "object", i).accession for i in ids}
    # Another record type has no selection: all of that type.
    d.type_combo.setCurrentIndex(d.type_combo.findData("person"))
    assert not d.selected_radio.isEnabled() and d.all_radio.isChecked()


@pytest.mark.parametrize("fmt, name", [("json", "archive.json"), ("lido", "objects.xml"),
                                       ("iiif", "iiif"), ("bundle-zip", "bundle.zip")])
def test_each_whole_archive_format_is_written(make_dialog, qtbot, archive, tmp_path, fmt, name):
    d = make_dialog()
    dest = tmp_path / name
    export(qtbot, d, fmt, dest)
    if fmt == "json":
        data = json.loads(dest.read_text(encoding="utf-8"))
        assert data["format"] == "exhibit-archive" and len(data["records"]["object"]) == 42
    elif fmt == "lido":
        root = etree.parse(str(dest)).getroot()
        assert len(root) == 42 and root.tag.endswith("lidoWrap")
    elif fmt == "iiif":
        collection = json.loads((dest / "collection.json").read_text(encoding="utf-8"))
        assert collection["items"] and len(collection["items"]) == d.result.count
    else:
        with zipfile.ZipFile(dest) as zf:
            assert {"archive.db", "bundle-manifest.json"} <= set(zf.namelist())


def test_a_destination_that_cannot_be_used_is_reported_not_written(make_dialog, qtbot, tmp_path):
    d = make_dialog()
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "something.txt").write_text("x")
    d.format_combo.setCurrentIndex(d.format_combo.findData("iiif"))
    d.dest_edit.setText(str(taken))
    qtbot.mouseClick(d.export_button, Qt.MouseButton.LeftButton)
    assert not d.runner.is_running() and d.state == "failed"
    assert d.error.isVisible() and "already exists and is not empty" in d.error.text()
    assert sorted(p.name for p in taken.iterdir()) == ["something.txt"]


def test_the_dialog_switches_to_chinese_and_back(make_dialog):
    d = make_dialog("object", [1, 2])
    i18n.set_language("zh", remember=False)
    QApplication.processEvents()
    assert d.windowTitle() == "导出"
    assert d.format_combo.currentText() == "CSV 表格 (.csv)"
    assert d.type_combo.currentText() == "藏品"
    assert d.export_button.text() == "导出(&E)"
    i18n.set_language("en", remember=False)
    QApplication.processEvents()
    assert d.windowTitle() == "Export"
    assert d.type_combo.currentText() == "Objects"


def test_open_export_dialog_offers_the_selection(qtbot, archive):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    d = open_export_dialog(window, archive, "person", [1])
    try:
        assert d.isVisible() and d.record_type() == "person" and d.ids() == [1]
    finally:
        d.shutdown()
        d.close()
