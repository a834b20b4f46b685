"""Every problem the core reports reads in Chinese in the Chinese record form, import wizard and print dialog.

Problems are triggered through the real services, importer and label checker
where a curator would meet them; then every code (tests/problem_samples.py
has one of each) is shown through the same widgets. A shown text must hold
Chinese, no unfilled %part, and no run of three English words once the values
it quotes (record text, file names, SQLite's own words) are taken out.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication

from exhibit import services
from exhibit.interchange.importer import ImportPlan, RowOutcome
from exhibit.printing.checker import LabelWarning
from exhibit.printing.select import Selection
from exhibit.records import ArchiveObject
from tests.problem_samples import SAMPLES, values_of
from tests.spreadsheets import write_csv
from ui.common import i18n
from ui.common.problems import problem_text
from ui.common.qtfonts import ensure_cjk_font
from ui.curator.editor.forms import RecordForm
from ui.interchange import ImportWizard
from ui.interchange.report_model import REASONS
from ui.printing import PrintDialog

_HAN = re.compile(r"[\u4e00-\u9fff]")
_ENGLISH_RUN = re.compile(r"\b[A-Za-z]+\b(?:[ ,;:'’()\-]+\b[A-Za-z]+\b){2,}")


def assert_chinese(text: str, quoted: list[str] = (), what: str = "") -> None:
    """Chinese, fully filled, and no English sentence beyond the values it quotes."""
    assert _HAN.search(text), f"{what}: no Chinese in {text!r}"
    assert not re.search(r"%[A-Za-z]", text), f"{what}: a part left unfilled in {text!r}"
    rest = text
    for value in sorted(quoted, key=len, reverse=True):
        rest = rest.replace(value, " ")
    found = _ENGLISH_RUN.search(rest)
    assert found is None, f"{what}: English {found.group()!r} in {text!r}"


@pytest.fixture
def chinese(qtbot):
    ensure_cjk_font()
    i18n.set_language("zh", remember=False)
    yield
    i18n.set_language("en", remember=False)


@pytest.fixture
def open_form(qtbot, archive, chinese):
    forms: list[RecordForm] = []

    def make(record_type: str = "object", record=None) -> RecordForm:
        form = RecordForm(archive, QUndoStack(), record, record_type)
        qtbot.addWidget(form)
        form.resize(900, 1000)
        form.show()
        forms.append(form)
        return form

    yield make
    for form in forms:
        form.close()


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:
        widget.insert(text)


def shown(form: RecordForm) -> list[str]:
    return [text for text in form.problems().values() if text]


# ---------------------------------------------------------------- the record form

def test_the_form_says_what_a_curator_gets_wrong_in_chinese(open_form, archive, qtbot) -> None:
    taken = services.list_records(archive, "object")[0]
    form = open_form("object")
    type_into(qtbot, form._editors["accession"].widget, taken.accession.lower())
    type_into(qtbot, form._editors["name_en"].widget, "Another bugle")
    qtbot.waitUntil(lambda: "accession" in form.problems(), timeout=3000)
    text = form.problems()["accession"]
    assert text.startswith("总登记号“") and "已被 藏品 " in text
    assert_chinese(text, [taken.accession, taken.accession.lower(), *taken.title_pair()], "duplicate")

    # Saving with neither accession number nor name: both said by their fields, in Chinese.
    form = open_form("object")
    assert not form.save()
    assert form.problems()["accession"] == "缺少总登记号"
    assert "需要中文或英文的名称" in form.problems()["name"]

    # A date that cannot exist: said beside the field; one no form matches: a note, and its reason.
    date = form._editors["date_text"].widget
    preview = form._date_previews["date_text"]
    type_into(qtbot, date, "1944年13月")
    assert preview.text() == "无法识别日期“1944年13月”：不存在 13 月"
    type_into(qtbot, date, "夏天某日")
    assert_chinese(preview.text(), what="unreadable date note")
    assert_chinese(preview.toolTip(), ["夏天某日"], "unreadable date reason")

    place = open_form("place")
    type_into(qtbot, place._editors["name_zh"].widget, "张家山")
    type_into(qtbot, place._editors["lat"].widget, "-")
    assert not place.save()
    assert place.problems()["lat"] == "纬度“-”不是数字"
    type_into(qtbot, place._editors["lat"].widget, "95")
    assert not place.save()
    assert place.problems()["lat"] == "纬度 95 不在 −90…90 之间"


def test_every_validation_rule_reads_in_chinese_by_its_field(open_form, archive) -> None:
    """Records that break each rule, checked by services.validate, shown by the form."""
    from exhibit.errors import ValidationError
    from exhibit.records import Event, Panel, Place

    taken = services.list_records(archive, "object")[0]
    cases = [ArchiveObject(accession=taken.accession, name_zh="军号" + "长" * 600, category="大炮",
                           description_zh="坏\x00字", date_text="1944年2月30日"),
             ArchiveObject(accession=""),
             Panel(code="p-新", title_zh="展板", section_id=999_999),
             Place(name_zh="张家山", lat=91.0, lon=181.0),
             Event(title_zh="突围")]
    for record in cases:
        with pytest.raises(ValidationError) as caught:
            services.validate(archive, record)
        form = open_form(record.TYPE)
        form._show_problems(caught.value.problems)
        texts = shown(form)
        assert texts, record
        for text in texts:
            assert_chinese(text, [taken.accession, *taken.title_pair(), "大炮", "p-新", "999999"], record.TYPE)


def test_every_problem_code_reads_in_chinese_in_the_form(open_form) -> None:
    form = open_form("object")
    for code, problem in SAMPLES.items():
        form._show_problems([problem])
        texts = shown(form)
        if problem.field == "date_text" and code in ("bad_date", "field_problem"):
            # Beside a date field its preview says this already (in red): not said twice.
            assert texts == [], (code, texts)
            assert_chinese(problem_text(problem, "object"), values_of(problem), code)
            continue
        assert len(texts) == 1, (code, texts)
        assert_chinese(texts[0], values_of(problem), code)


# ---------------------------------------------------------------- the import wizard's report

@pytest.fixture
def wizard(qtbot, archive, chinese):
    made: list[ImportWizard] = []

    def make() -> ImportWizard:
        w = ImportWizard(archive)
        qtbot.addWidget(w)
        w.show()
        made.append(w)
        return w

    yield make
    for w in made:
        w.shutdown()


def reasons_shown(w: ImportWizard) -> dict[int, str]:
    model = w.check_page.model
    return {model.outcome(i).row: model.data(model.index(i, REASONS)) for i in range(model.rowCount())}


def test_the_dry_run_report_reads_in_chinese(wizard, archive, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "总账.csv", [
        ["总登记号", "名称", "年代", "质地", "图片", "备注"],
        ["HY7001", "铜军号", "1944", "铜", "", ""],
        ["HY7001", "水壶", "1944", "铜", "", ""],
        ["HY7002", "布告", "1944年13月", "铜", "", ""],
        ["HY7003", "弹壳", "夏天某日", "铜质", "", ""],
        ["", "家书", "1944", "铜", "", ""],
        ["HY7004", "电报", "1944", "铜", "照片/电报.jpg", ""],
    ])
    w = wizard()
    w.file_page.path_edit.setText(str(path))
    w.next()
    assert w.runner.wait(120_000)
    w.next()
    w.next()
    assert w.currentPage() is w.check_page
    assert w.runner.wait(120_000)
    shown_rows = reasons_shown(w)
    quoted = ["HY7001", "HY7002", "HY7003", "HY7004", "1944年13月", "夏天某日", "铜质", "铜", "copper",
              "照片/电报.jpg"]
    for row in (2, 3, 4, 5, 6, 7):
        assert_chinese(shown_rows[row], quoted, f"row {row}")
    assert "在文件第 3 行再次出现" in shown_rows[2]
    assert shown_rows[4] == "年代：无法识别日期“1944年13月”：不存在 13 月"
    assert shown_rows[5].startswith("质地“铜质”不是“质地”词表中的词条")
    assert "⚠ 年代：无法识别日期“夏天某日”" in shown_rows[5]
    assert shown_rows[6] == "缺少总登记号"
    assert shown_rows[7].startswith("⚠ 列出了 1 个图片")
    notes = [w.check_page.notes.item(i).text() for i in range(w.check_page.notes.count())]
    assert notes == ["列“备注”不导入"]


def test_every_problem_code_reads_in_chinese_in_the_report(wizard) -> None:
    w = wizard()
    rows = [RowOutcome(number, "create" if p.is_warning else "rejected", "HY1",
                       reasons=[] if p.is_warning else [p], warnings=[p] if p.is_warning else [])
            for number, p in enumerate(SAMPLES.values(), start=2)]
    w.check_page.model.set_plan(ImportPlan("总账.csv", "object", "csv", "utf-8", [], [], rows=rows))
    shown_rows = reasons_shown(w)
    for number, problem in enumerate(SAMPLES.values(), start=2):
        assert_chinese(shown_rows[number], values_of(problem), problem.code)


# ---------------------------------------------------------------- the print dialog

@pytest.fixture
def dialog(qtbot, archive, chinese):
    made: list[PrintDialog] = []

    def make(selection: Selection) -> PrintDialog:
        d = PrintDialog(archive, selection)
        qtbot.addWidget(d)
        d.show()
        made.append(d)
        return d

    yield make
    for d in made:
        d.shutdown()


def warning_rows(d: PrintDialog) -> list[list[str]]:
    return [[d.warnings_list.topLevelItem(i).text(c) for c in range(3)]
            for i in range(d.warnings_list.topLevelItemCount())]


def test_the_label_checker_reads_in_chinese(dialog, archive, qtbot) -> None:
    rare = services.object_by_accession(archive, "HY1944.0005")
    services.update(archive, replace(rare, name_zh="𠀀字碑"))            # U+20000: not in the font
    long = services.object_by_accession(archive, "HY1944.0002")
    services.update(archive, replace(long, description_zh="衡阳" * 1000))
    d = dialog(Selection(accessions=("HY1944.0005", "HY1944.0002", "HY1944.0001")))
    d.options.set_setup("page", "A6")
    qtbot.mouseClick(d.check_button, Qt.MouseButton.LeftButton)
    assert d.runner.wait(120_000)
    rows = warning_rows(d)
    assert rows and len(rows) == len(d._warnings)
    for (label, _, message), warning in zip(rows, d._warnings):
        assert_chinese(message, values_of(warning.problem), label)  # a sentence quoted from the label as is
    assert any("字体缺少的字符" in message for _, _, message in rows)
    assert any("也放不下" in message for _, _, message in rows)
    # Printing refused: why, in Chinese, label by label.
    qtbot.mouseClick(d.preview_button, Qt.MouseButton.LeftButton)
    assert d.runner.wait(120_000)
    error = d.error_label.text()
    labels = [services.object_by_accession(archive, a).label() for a in ("HY1944.0005", "HY1944.0002")]
    assert_chinese(error, ["𠀀 (U+20000)", *labels], "refused")
    assert "个标签无法打印" in error


def test_every_problem_code_reads_in_chinese_in_the_print_dialog(dialog) -> None:
    d = dialog(Selection(accessions=("HY1944.0001",)))
    d._show_warnings([LabelWarning("藏品 HY1", p) for p in SAMPLES.values()], checked=True)
    rows = warning_rows(d)
    assert len(rows) == len(SAMPLES)
    for (label, level, message), problem in zip(rows, SAMPLES.values()):
        assert_chinese(message, values_of(problem), problem.code)
        assert _HAN.search(level)
    # And back in English when the window's language changes.
    i18n.set_language("en", remember=False)
    QApplication.processEvents()
    assert warning_rows(d)[0][2] == str(SAMPLES["not_text"]).replace("name_zh", "Name (Chinese)")
