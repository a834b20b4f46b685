"""Problems as data: every code has its English sentence, a template in exhibit/problem_text.py and a Chinese
translation."""
from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exhibit import services
from exhibit.errors import ValidationError
from exhibit.interchange import importer
from exhibit.interchange.mapping import suggest
from exhibit.interchange.tables import read_table
from exhibit.problems import CODES, Problem
from exhibit.records import ArchiveObject
from tests.problem_samples import SAMPLES
from tests.spreadsheets import write_csv

ROOT = Path(__file__).resolve().parents[2]
_PART = re.compile(r"%([A-Za-z][A-Za-z0-9_]*)")


def template_tables() -> dict[str, dict[str, str]]:
    """TEMPLATES and LABEL_KINDS of exhibit/problem_text.py as lupdate reads them: each a QT_TRANSLATE_NOOP mark."""
    tables: dict[str, dict[str, str]] = {}
    for node in ast.parse((ROOT / "exhibit/problem_text.py").read_text(encoding="utf-8")).body:
        target = node.target if isinstance(node, ast.AnnAssign) else (
            node.targets[0] if isinstance(node, ast.Assign) else None)
        if isinstance(target, ast.Name) and target.id in ("TEMPLATES", "LABEL_KINDS"):
            value = node.value
            assert isinstance(value, ast.Dict)
            for v in value.values:  # a literal in QT_TRANSLATE_NOOP("Problems", "…"), or lupdate misses it
                assert isinstance(v, ast.Call) and getattr(v.func, "id", "") == "QT_TRANSLATE_NOOP", v.lineno
                assert [type(a) for a in v.args] == [ast.Constant] * 2 and v.args[0].value == "Problems", v.lineno
            tables[target.id] = {k.value: v.args[1].value for k, v in zip(value.keys, value.values)}
    return tables


def chinese_catalogue() -> dict[str, str]:
    """The Problems context of the curator window's .ts: source → finished translation."""
    root = ET.parse(ROOT / "ui/translations/exhibit_zh_CN.ts").getroot()
    found: dict[str, str] = {}
    for context in root.iter("context"):
        if context.findtext("name") != "Problems":
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") not in ("unfinished", "obsolete", "vanished"):
                found[message.findtext("source") or ""] = translation.text or ""
    return found


def test_every_code_has_an_english_sentence_and_a_sample() -> None:
    assert set(SAMPLES) == set(CODES), "add a sample to tests/problem_samples.py for each new code"
    for code, problem in SAMPLES.items():
        text = str(problem)
        assert text.strip() and "{" not in text and "}" not in text, code
        assert problem.severity in ("error", "warning")


def test_an_unknown_code_is_refused_when_made() -> None:
    with pytest.raises(ValueError):
        Problem("accession", "dupilcate")


def test_every_code_has_a_ui_template_and_a_chinese_translation() -> None:
    tables = template_tables()
    templates = tables["TEMPLATES"]
    assert set(templates) == set(CODES), "exhibit/problem_text.py TEMPLATES must list every code"
    chinese = chinese_catalogue()
    missing = [code for code, source in templates.items() if not chinese.get(source)]
    missing += [kind for kind, source in tables["LABEL_KINDS"].items() if not chinese.get(source)]
    assert not missing, f"no Chinese in ui/translations/exhibit_zh_CN.ts (context Problems) for {missing}"
    for code, source in templates.items():
        # A translator may reorder the parts but must keep each one (a month by number in Chinese).
        english = set(_PART.findall(source)) - {"month_name"}
        assert english <= set(_PART.findall(chinese[source])) | {"month"} - {"month_name"}, code
        sample = SAMPLES[code]
        known = set(sample.params) | {"field", "month_name"}
        assert set(_PART.findall(source)) <= known, f"{code}: the template names a part its rule does not give"


def test_the_command_line_keeps_its_sentences(archive) -> None:
    existing = services.list_records(archive, "object")[0]
    with pytest.raises(ValidationError) as caught:
        services.validate(archive, ArchiveObject(accession=existing.accession.lower(), name_zh="x",
                                                 date_text="1944年13月", category="spaceship"))
    assert [str(p) for p in caught.value.problems] == [
        "category 'spaceship' is not a term of the category vocabulary",
        "date_text: cannot read the date '1944年13月': month 13 does not exist",
        f"accession number '{existing.accession.lower()}' is already used by {existing.label()}"]
    duplicate = caught.value.problems[2]
    assert (duplicate.field, duplicate.code, duplicate.params["other"].ident) == (
        "accession", "duplicate", existing.accession)
    with pytest.raises(ValidationError) as caught:
        services.validate(archive, ArchiveObject(accession=""))
    assert [str(p) for p in caught.value.problems] == ["a name is needed in Chinese or English",
                                                       "an accession number is required"]
    with pytest.raises(ValidationError) as caught:
        services.validate(archive, ArchiveObject(accession="HY9", name_zh="x", date_text=7))  # type: ignore[arg-type]
    assert [str(p) for p in caught.value.problems] == ["date_text: cannot read the date 7: it is not text"]


def test_the_importer_keeps_an_unreadable_date_with_a_warning_and_refuses_an_impossible_one(
        blank_archive, tmp_path: Path) -> None:
    table = read_table(write_csv(tmp_path / "a.csv", [["总登记号", "名称", "年代"],
                                                      ["HY1", "军号", "抗战胜利前夕"],
                                                      ["HY2", "水壶", "1944年2月30日"]]))
    plan = importer.plan_import(blank_archive, table, suggest(table.header))
    kept, refused = plan.rows
    assert kept.action == "create" and kept.record.date_text == "抗战胜利前夕"
    assert kept.record.date_start is None and [w.code for w in kept.warnings] == ["date_unreadable"]
    assert str(kept.warnings[0]).startswith("date_text: cannot read the date '抗战胜利前夕'")
    assert refused.action == "rejected" and [(p.field, p.code) for p in refused.reasons] == [("date_text", "bad_date")]
    assert refused.reasons[0].params["why"].code == "date_no_day"
    # The same text saved through the services: kept, with the same warning.
    saved = services.create(blank_archive, ArchiveObject(accession="HY3", name_zh="x", date_text="抗战胜利前夕"))
    assert services.date_warnings(saved) == kept.warnings
