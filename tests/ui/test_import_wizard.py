"""The import wizard driven as a curator would: file, preview, mapping, dry run, import, cancel."""
from __future__ import annotations

import csv
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWizard

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.records import ArchiveObject
from ui.common import i18n
from ui.common.events import events
from ui.common.qtfonts import ensure_cjk_font
from ui.interchange import ImportWizard, open_import_wizard, tasks

HEADER = ["总登记号", "名称", "年代", "质地", "完残程度", "尺寸", "描述", "备注"]
GOOD = [
    ["HY2101", "铜军号", "1944年", "铜", "完整", "长30厘米", "守军号兵所用军号", "库房甲"],
    ["HY2102", "家书", "1944年7月", "纸", "基本完整", "24×16厘米", "守城士兵的家书", ""],
    ["HY2104", "水壶", "1944", "铝", "完整", "", "", ""],
]
BAD = ["HY2103", "弹壳", "1944", "铜质", "残缺", "", "张家山阵地出土", ""]   # 铜质 is not a material term


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows([HEADER, *rows])
    return path


def snapshot(archive: Archive) -> tuple:
    """Everything a cancelled import must leave as it was."""
    db = archive.db
    return (services.stats(archive),
            db.execute("SELECT max(id) FROM history").fetchone()[0],
            db.execute("SELECT count(*) FROM search_docs").fetchone()[0],
            [tuple(r) for r in db.execute("SELECT * FROM objects ORDER BY id")])


@pytest.fixture
def make_wizard(qtbot, archive):
    ensure_cjk_font()
    i18n.set_language("en", remember=False)
    made: list[ImportWizard] = []

    def make(target: Archive | None = None) -> ImportWizard:
        w = ImportWizard(target or archive)
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    i18n.set_language("en", remember=False)
    for w in made:
        w.shutdown()


def wait(w: ImportWizard) -> None:
    assert w.runner.wait(120_000), "the worker did not finish"


def to_mapping(w: ImportWizard, path: Path, media: Path | None = None) -> None:
    w.file_page.path_edit.setText(str(path))
    if media is not None:
        w.file_page.media_edit.setText(str(media))
    assert w.button(QWizard.WizardButton.NextButton).isEnabled(), w.file_page.error.text()
    w.next()
    wait(w)
    assert w.read is not None, w.preview_page.error.text()
    w.next()
    assert w.currentPage() is w.mapping_page


def to_check(w: ImportWizard, path: Path, media: Path | None = None) -> None:
    to_mapping(w, path, media)
    w.next()
    assert w.currentPage() is w.check_page
    wait(w)


def import_button(w: ImportWizard):
    return w.button(QWizard.WizardButton.CommitButton)


def test_chinese_headers_get_the_suggested_fields_and_the_preview_shows_the_encoding(make_wizard, tmp_path):
    w = make_wizard()
    path = write_csv(tmp_path / "藏品登记表.csv", GOOD, encoding="gb18030")
    w.file_page.path_edit.setText(str(path))
    w.next()
    wait(w)
    page = w.preview_page
    assert "Encoding: GB18030" in page.info.text()
    assert "3 data row(s)" in page.info.text()
    assert page.table.rowCount() == 3
    assert page.table.horizontalHeaderItem(0).text() == "总登记号"
    assert page.table.item(1, 1).text() == "家书"          # Chinese decoded, not garbled
    w.next()
    chosen = {column: w.mapping_page.combo_for(column).currentData() for column in HEADER}
    assert chosen == {"总登记号": "accession", "名称": "name_zh", "年代": "date_text", "质地": "material",
                      "完残程度": "condition", "尺寸": "dimensions", "描述": "description_zh", "备注": ""}
    assert w.mapping_page.combo_for("名称").currentText() == "Name (Chinese) · name_zh"
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_file_in_a_wrong_encoding_is_reported_in_the_wizard(make_wizard, tmp_path):
    w = make_wizard()
    path = tmp_path / "utf16.csv"
    path.write_bytes("总登记号,名称\nHY1,铜军号\n".encode("utf-16-le"))   # UTF-16 without its BOM
    w.file_page.path_edit.setText(str(path))
    w.next()
    wait(w)
    page = w.preview_page
    assert page.error.isVisible()
    assert "utf16.csv" in page.error.text() and "UTF-16 without a byte-order mark" in page.error.text()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_missing_accession_column_stops_the_wizard_with_a_message(make_wizard, tmp_path):
    w = make_wizard()
    to_mapping(w, write_csv(tmp_path / "a.csv", GOOD))
    combo = w.mapping_page.combo_for("总登记号")
    combo.setCurrentIndex(combo.findData(""))
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    assert w.mapping_page.error.isVisible() and "accession number" in w.mapping_page.error.text()
    # Two columns onto one field is refused too, naming both.
    combo.setCurrentIndex(combo.findData("accession"))
    other = w.mapping_page.combo_for("备注")
    other.setCurrentIndex(other.findData("name_zh"))
    assert "“名称” and “备注” both fill Name (Chinese)" in w.mapping_page.error.text()
    assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
    other.setCurrentIndex(other.findData(""))
    assert w.button(QWizard.WizardButton.NextButton).isEnabled()


def test_a_bad_row_is_rejected_and_mapping_its_unknown_term_enables_import(make_wizard, tmp_path):
    w = make_wizard()
    to_mapping(w, write_csv(tmp_path / "a.csv", [GOOD[0], GOOD[1], BAD, GOOD[2]]))
    # The mapping page already lists the unknown term, with the nearest term offered.
    assert [(u.field, u.value, u.rows) for u in w.mapping_page.terms.unknown] == [("material", "铜质", [4])]
    w.next()
    wait(w)
    page = w.check_page
    assert [(r.row, r.action) for r in w.plan.rows] == [(2, "create"), (3, "create"), (4, "rejected"),
                                                         (5, "create")]
    assert "3 to create, 0 to update, 0 unchanged, 1 rejected" in page.counts.text()
    assert not import_button(w).isEnabled()
    page.rejected_only.setChecked(True)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 0).data() == 4
    assert page.model.index(0, 2).data() == "rejected"
    assert "铜质" in page.model.index(0, 3).data()

    combo = page.terms.combo(0)
    assert combo.itemData(1) == "copper" and "nearest" in combo.itemText(1)
    combo.setCurrentIndex(combo.findData("copper"))
    assert not import_button(w).isEnabled()       # not until the check has run again
    page.recheck.timeout.emit()
    wait(w)
    assert w.plan.ok and w.plan.counts()["create"] == 4
    assert w.mapping.terms == {"material": {"铜质": "copper"}}
    assert import_button(w).isEnabled()


def test_the_import_creates_the_records_and_tells_the_lists(make_wizard, archive, tmp_path, qtbot):
    before = services.count(archive, "object")
    w = make_wizard()
    to_check(w, write_csv(tmp_path / "a.csv", GOOD))
    assert import_button(w).isEnabled()
    heard: list[tuple[str, list]] = []
    events().records_changed.connect(lambda t, ids: heard.append((t, ids)))
    qtbot.mouseClick(import_button(w), Qt.MouseButton.LeftButton)
    assert w.currentPage() is w.import_page
    wait(w)
    page = w.import_page
    assert page.state == "done", page.error.text()
    assert services.count(archive, "object") == before + 3
    obj = services.object_by_accession(archive, "HY2101")
    assert (obj.name_zh, obj.material, obj.condition, obj.date_text) == ("铜军号", "copper", "complete", "1944年")
    hits = search.search(archive.db, "HY2102", record_types=["object"])
    assert [h.record_id for h in hits.hits] == [services.object_by_accession(archive, "HY2102").id]
    assert ("object", []) in heard
    assert "3 created, 0 updated, 0 unchanged" in page.summary.text()
    assert "cannot be undone with Edit → Undo" in page.note.text()
    assert w.import_task is tasks.run_import and w.import_page.done.backup is not None
    assert w.import_page.done.backup.exists()        # the backup made before the import
    assert w.button(QWizard.WizardButton.FinishButton).isEnabled()


def test_cancel_during_the_import_rolls_everything_back(make_wizard, archive, tmp_path):
    rows = [[f"HY9{n:04d}", f"藏品{n}", "1944", "铜", "完整", "", "", ""] for n in range(1, 1201)]
    path = write_csv(tmp_path / "many.csv", rows)
    w = make_wizard()
    to_check(w, path)
    assert import_button(w).isEnabled()
    released = threading.Event()
    inside: list[str] = []

    def held(db_file, user, table, mapping, media, progress, cancelled):
        # The import waits until the curator has pressed Cancel, and the flag is shown to the
        # core only once it is inside its transaction (its re-check has reported progress), so
        # what is tested is the rollback of a started import, not a refusal to start.
        assert released.wait(60)

        def report(done, total, stage):
            inside.append(stage)
            progress(done, total, stage)

        return tasks.run_import(db_file, user, table, mapping, media, report,
                                lambda: "checking" in inside and cancelled())

    w.import_task = held
    before = snapshot(archive)
    w.next()
    assert w.import_page.state == "running"
    w.reject()                                     # the wizard's Cancel button
    assert w.isVisible()                           # it stays to say what happened
    assert "rolled back" in w.import_page.status.text()
    released.set()
    wait(w)
    assert w.import_page.state == "cancelled"
    assert "checking" in inside                    # the core had started before it was cancelled
    assert "Nothing was changed" in w.import_page.status.text()
    assert snapshot(archive) == before
    assert services.find(archive, "object", "HY90001") is None


def test_a_saved_mapping_loads_back(make_wizard, tmp_path):
    w = make_wizard()
    to_mapping(w, write_csv(tmp_path / "a.csv", [GOOD[0], BAD]))
    other = w.mapping_page.combo_for("备注")
    other.setCurrentIndex(other.findData("location"))
    w.mapping.terms = {"material": {"铜质": "copper"}}
    saved = tmp_path / "ledger.mapping.json"
    w.choose_mapping_file = lambda parent, save, suggested: str(saved)
    w.mapping_page.save_button.click()
    assert saved.exists() and "Saved the mapping" in w.mapping_page.message.text()
    w.mapping_page.suggest_again()
    assert w.mapping_page.combo_for("备注").currentData() == ""
    w.mapping_page.load_button.click()
    assert w.mapping_page.combo_for("备注").currentData() == "location"
    assert w.mapping.terms == {"material": {"铜质": "copper"}}
    assert w.mapping_page.terms.combo(0).currentData() == "copper"


def test_the_wizard_switches_to_chinese_and_back(make_wizard, tmp_path):
    w = make_wizard()
    to_check(w, write_csv(tmp_path / "a.csv", [GOOD[0], BAD]))
    i18n.set_language("zh", remember=False)
    QApplication.processEvents()          # LanguageChange is a posted event
    assert w.windowTitle() == "从电子表格导入记录"
    assert w.file_page.title() == "选择文件"
    assert w.check_page.title() == "检查（试运行）"
    assert w.check_page.model.index(1, 2).data() == "拒绝"
    assert "新建 1 条" in w.check_page.counts.text()
    assert w.buttonText(QWizard.WizardButton.BackButton) == "< 上一步(&B)"
    assert w.mapping_page.combo_for("名称").currentText() == "名称（中文） · name_zh"
    i18n.set_language("en", remember=False)
    QApplication.processEvents()
    assert w.windowTitle() == "Import records from a spreadsheet"
    assert w.check_page.model.index(1, 2).data() == "rejected"


def test_open_import_wizard_is_window_modal_over_the_window(qtbot, archive):
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    qtbot.addWidget(window)
    w = open_import_wizard(window, archive)
    try:
        assert w.isVisible() and w.parent() is window
        assert w.windowModality() == Qt.WindowModality.WindowModal
    finally:
        w.shutdown()
        w.close()


def test_an_archive_open_read_only_is_not_offered_for_import(make_wizard, archive, tmp_path):
    reader = Archive.open(archive.db_file, create=False, readonly=True, user="tester")
    try:
        w = make_wizard(reader)
        w.file_page.path_edit.setText(str(write_csv(tmp_path / "a.csv", GOOD)))
        assert not w.button(QWizard.WizardButton.NextButton).isEnabled()
        assert "read-only" in w.file_page.error.text()
    finally:
        reader.close()


def test_the_partial_import_choice_imports_the_good_rows_and_saves_the_rejected_ones(make_wizard, archive,
                                                                                     tmp_path, qtbot):
    before = services.count(archive, "object")
    w = make_wizard()
    source = write_csv(tmp_path / "ledger.csv", [GOOD[0], BAD, GOOD[1]])
    to_check(w, source)
    page = w.check_page
    assert not page.skip_rejected.isChecked()           # all or nothing unless the curator chooses
    assert not import_button(w).isEnabled()
    page.skip_rejected.setChecked(True)
    assert import_button(w).isEnabled()
    assert "ledger.rejects.csv" in page.counts.text()
    qtbot.mouseClick(import_button(w), Qt.MouseButton.LeftButton)
    wait(w)
    done = w.import_page
    assert done.state == "done", done.error.text()
    assert services.count(archive, "object") == before + 2
    assert services.find(archive, ArchiveObject, "HY2103") is None
    rejects = tmp_path / "ledger.rejects.csv"
    assert str(rejects) in done.summary.text() and "1 rejected row(s)" in done.summary.text()
    with open(rejects, encoding="utf-8-sig", newline="") as f:
        saved = list(csv.reader(f))
    assert saved[0] == HEADER + ["原因"] and saved[1][:8] == BAD and "铜质" in saved[1][8]
