"""ui/common/problems.py: the core's problems (and errors carrying one) said in the window's language."""
from __future__ import annotations

from pathlib import Path

import pytest

from exhibit.errors import ExhibitError
from exhibit.interchange import importer
from exhibit.interchange.mapping import suggest
from exhibit.interchange.tables import read_table
from exhibit.problems import Problem
from tests.spreadsheets import write_csv
from ui.common import i18n
from ui.common.problems import error_text, message_text, problem_text


@pytest.fixture
def chinese(qtbot):
    i18n.set_language("zh", remember=False)
    yield
    i18n.set_language("en", remember=False)


def plan_of(archive, tmp_path: Path, rows: list[list[str]]) -> importer.ImportPlan:
    table = read_table(write_csv(tmp_path / "ledger.csv", rows))
    return importer.plan_import(archive, table, suggest(table.header))


def test_each_kind_of_bad_row_reads_in_chinese(chinese, blank_archive, tmp_path: Path) -> None:
    plan = plan_of(blank_archive, tmp_path, [
        ["总登记号", "名称", "年代", "类别"],
        ["HY1", "军号", "1944", "武器"],
        ["HY1", "水壶", "1944", "武器"],
        ["HY2", "布告", "1944年13月", "武器"],
        ["HY3", "铜炮", "1944", "大炮"],
        ["", "家书", "1944", "武器"],
        ["HY4", "电报", "1944年2月30日", "武器"],
        ["HY5", "传单", "夏天某日", "武器"],
    ])
    reasons = {r.row: [problem_text(x, "object") for x in r.reasons] for r in plan.rows}
    assert "总登记号“HY1”在文件第 3 行再次出现" in reasons[2]
    assert reasons[4] == ["年代：无法识别日期“1944年13月”：不存在 13 月"]
    assert reasons[7] == ["年代：无法识别日期“1944年2月30日”：1944 年 2 月没有 30 日（该月只有 29 天）"]
    assert any(x.startswith("类别“大炮”不是“类别”词表中的词条") for x in reasons[5])
    assert reasons[6] == ["缺少总登记号"]
    # A date no form matches is kept as written: a warning, and the row imports.
    unread = next(r for r in plan.rows if r.row == 8)
    assert unread.action == "create" and not unread.reasons
    assert problem_text(unread.warnings[0], "object").startswith("年代：无法识别日期“夏天某日”：")
    for texts in reasons.values():  # nothing left in English but the values themselves
        assert not any(word in x for x in texts for word in ("appears", "vocabulary", "cannot read", "required"))


def test_a_problem_without_a_chinese_template_is_shown_in_the_cores_english(chinese, monkeypatch) -> None:
    from ui.common import problems

    monkeypatch.delitem(problems.TEMPLATES, "self_link")
    assert problem_text(Problem(None, "self_link")) == "a record cannot link to itself"


def test_text_without_a_problem_is_shown_as_written(chinese) -> None:
    assert message_text("something the core says for the first time") == "something the core says for the first time"
    assert error_text(ExhibitError("a sentence of its own")) == "a sentence of its own"


def test_in_english_the_sentence_keeps_its_words_and_values(qtbot) -> None:
    i18n.set_language("en", remember=False)
    text = problem_text(Problem("category", "not_a_term", {"value": "大炮", "vocab": "category"}), "object")
    assert text == "Category '大炮' is not a term of the Category vocabulary"
    assert problem_text(Problem("accession", "duplicate_in_file", {"value": "HY1", "rows": "3"}), "object") == \
        "Accession number 'HY1' appears again on row(s) 3 of the file"


def test_a_file_in_a_wrong_encoding_is_explained_in_chinese(chinese, tmp_path: Path) -> None:
    path = tmp_path / "藏品.csv"
    path.write_bytes("总登记号,名称\nHY1,军号\n".encode("utf-8") + b"HY2,\xff\xfe\xfa\n")
    with pytest.raises(ExhibitError) as caught:
        read_table(path)
    text = error_text(caught.value)
    assert text.startswith("藏品.csv：第 3 行既不是 UTF-8、GB18030/GBK 文本")
    assert text.endswith("请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，"
                         "或在 WPS/LibreOffice 中以 UTF-8 保存，然后重新导入")


def test_an_export_that_cannot_be_written_says_why_in_chinese(chinese, blank_archive, tmp_path: Path) -> None:
    """The export dialog shows the core's reason through the same table."""
    from exhibit import services
    from exhibit.interchange import export
    from exhibit.records import ArchiveObject

    services.create(blank_archive, ArchiveObject(accession="HY9", name_zh="电报", description_zh="坏\x07字"))
    with pytest.raises(ExhibitError) as caught:
        export.write_table(blank_archive, "object", tmp_path / "out.xlsx")
    text = error_text(caught.value)
    assert text.startswith("无法把") and " HY9 写入 out.xlsx：" in text and text.endswith("请改为导出 CSV")
    assert "%" not in text and "description_zh" not in text  # every part filled, the field by its name
    with pytest.raises(ExhibitError) as caught:
        export.write_table(blank_archive, "object", tmp_path / "out.doc")
    assert error_text(caught.value) == "out.doc：导出只能写成 .csv、.tsv 或 .xlsx 文件"
    with pytest.raises(ExhibitError) as caught:
        export.write_table(blank_archive, "object", tmp_path / "gone.csv", [999_999])
    assert error_text(caught.value).endswith("#999999：该记录已不存在")


# ---------------------------------------------------------------- one set of sentences for the windows and the files

@pytest.fixture
def catalogue_for_files():
    """The catalogue main.py gives the core, for the files it writes (a rejects file under a Chinese header)."""
    from exhibit import catalogues
    from exhibit import problem_text as sentences
    from main import PROBLEM_CATALOGUES

    assert PROBLEM_CATALOGUES["zh"] == i18n.catalogue_file("exhibit")   # the one the window's Qt loads
    catalogues.use("zh", PROBLEM_CATALOGUES["zh"])
    yield sentences
    catalogues.forget("zh")


def test_a_file_says_every_problem_as_the_window_does(catalogue_for_files, qtbot) -> None:
    from tests.problem_samples import SAMPLES

    for lang in ("zh", "en"):
        i18n.set_language(lang, remember=False)
        for problem in SAMPLES.values():
            for record_type in (None, "object", "person"):
                window = problem_text(problem, record_type)
                if lang == "zh":   # a Chinese file: the window's sentence, word for word
                    assert catalogue_for_files.sentence(problem, "zh", record_type) == window, problem.code
                else:              # the window's English: the same renderer without a translation
                    assert catalogue_for_files.render(problem, "en", lambda t: t, record_type) == window
    i18n.set_language("en", remember=False)


def test_lupdate_collects_the_templates_from_the_core(tmp_path: Path) -> None:
    """The templates live in exhibit/problem_text.py; the curator catalogue's lupdate still finds every one."""
    import subprocess
    import xml.etree.ElementTree as ET

    from exhibit import problem_text as sentences

    source = str(Path(sentences.__file__).resolve())
    assert source in i18n.catalogue_sources("exhibit")
    ts = tmp_path / "fresh.ts"
    lupdate = Path(i18n._lrelease()[0]).with_name("lupdate")
    subprocess.run([str(lupdate), "-silent", source, "-ts", str(ts)], check=True, capture_output=True, timeout=120)
    found = {m.findtext("source") for c in ET.parse(ts).getroot().iter("context")
             if c.findtext("name") == "Problems" for m in c.iter("message")}
    assert found == set(sentences.TEMPLATES.values()) | set(sentences.LABEL_KINDS.values())
