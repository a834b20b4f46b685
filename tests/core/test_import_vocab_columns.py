"""Unknown vocabulary values, a whole column at once: listed with counts and a suggestion only
when it is really close, mapped to a term or added as a new term in the import's transaction."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from exhibit import services, vocab
from exhibit.archive import Archive
from exhibit.cli import run
from exhibit.interchange import importer
from exhibit.interchange.mapping import Mapping, MappingError, NewTerm, TermMatcher, suggest_for
from exhibit.interchange.tables import read_table
from tests.spreadsheets import archive_args, write_csv

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends

# What real catalogues write in a medium or material column, and the suggestion each must get
# (None: nothing is close enough; the curator maps it or adds it as a term).
SUGGESTIONS = {
    "material": {
        "oil paint on canvas": None, "graphite on paper": None, "on paper, unique": None,
        "Lithograph on paper, unique": None, "Gouache, graphite and ink on paper": None, "Mixed media": None,
        "bronze": "copper", "Brass": "copper", "铜": "copper", "铁": "iron", "纸本": "paper", "铜质": "copper",
        "木制": "wood", "Copper-alloy": "copper", "porcelian": "porcelain", "Papers": "paper", "icon": None,
        "銅": None, "其它金属": None, "steel wool": None, "silver gelatin print": None,
    },
    "category": {
        "on paper, unique": None, "oil paint on canvas": None, "bronze": "bronze", "photo": "photograph",
        "Coins": "coin", "铜器": "bronze", "metal": None, "Iron and other metal": "iron_metal",
    },
}


@pytest.mark.parametrize("vocab_name", list(SUGGESTIONS))
def test_a_term_is_suggested_only_when_it_is_really_close(blank_archive: Archive, vocab_name: str) -> None:
    matcher = TermMatcher.for_archive(blank_archive.db)
    found = {value: (matcher.match(vocab_name, value) or
                     (t.code if (t := matcher.nearest(vocab_name, value)) else None))
             for value in SUGGESTIONS[vocab_name]}
    assert found == SUGGESTIONS[vocab_name]


def ledger(tmp_path: Path) -> Path:
    rows = [["总登记号", "名称", "质地", "类别"],
            ["HY1", "画", "oil paint on canvas", "绘画"],
            ["HY2", "素描", "graphite on paper", "绘画"],
            ["HY3", "钟", "bronze", "铜器"],
            ["HY4", "另一幅画", "oil paint on canvas", "绘画"],
            ["HY5", "钢盔", "钢", "武器"],
            ["HY6", "书", "纸本", "古籍图书"]]
    return write_csv(tmp_path / "ledger.csv", rows)


def test_the_unknown_values_of_a_column_are_listed_once_with_their_count_and_suggestion(
        blank_archive: Archive, tmp_path: Path) -> None:
    table = read_table(ledger(tmp_path))
    unknown = importer.unknown_terms(blank_archive, table, suggest_for(table))
    assert [(u.field, u.value, u.count, u.rows, u.suggestion.code if u.suggestion else None) for u in unknown] == [
        ("material", "oil paint on canvas", 2, [2, 5], None),
        ("material", "bronze", 1, [4], "copper"),
        ("material", "graphite on paper", 1, [3], None),
        ("material", "纸本", 1, [7], "paper")]


def answered(tmp_path: Path) -> Mapping:
    table = read_table(ledger(tmp_path))
    mapping = suggest_for(table)
    mapping.answer("material", "bronze", "copper")
    mapping.answer("material", "纸本", "paper")
    mapping.answer("material", "oil paint on canvas", "oil_on_canvas", NewTerm("布面油画", "Oil on canvas"))
    mapping.answer("material", "graphite on paper", "graphite_on_paper", NewTerm("", "Graphite on paper"))
    return mapping


def test_new_terms_are_added_in_the_imports_transaction_and_the_rows_use_them(blank_archive: Archive,
                                                                           tmp_path: Path) -> None:
    table = read_table(ledger(tmp_path))
    mapping = answered(tmp_path)
    plan = importer.plan_import(blank_archive, table, mapping)
    assert plan.ok and plan.counts()["create"] == 6
    assert not vocab.term_exists(blank_archive.db, "material", "oil_on_canvas")   # a dry run adds nothing
    result = importer.apply_import(blank_archive, table, mapping)
    assert result.terms_added == 2 and "2 new vocabulary term(s) added" in result.summary()
    assert vocab.label(blank_archive.db, "material", "oil_on_canvas", "zh") == "布面油画"
    assert vocab.label(blank_archive.db, "material", "graphite_on_paper", "en") == "Graphite on paper"
    materials = {o.accession: o.material for o in services.list_records(blank_archive, "object")}
    assert materials == {"HY1": "oil_on_canvas", "HY2": "graphite_on_paper", "HY3": "copper",
                         "HY4": "oil_on_canvas", "HY5": "steel", "HY6": "paper"}
    added = [h for h in services.history(blank_archive, "vocabulary")]
    assert sorted(h.after["code"] for h in added) == ["graphite_on_paper", "oil_on_canvas"]
    # Imported again with the same mapping: the terms are there, nothing is added twice.
    again = importer.apply_import(blank_archive, table, mapping)
    assert again.terms_added == 0 and again.unchanged == 6


@pytest.mark.sqlite_only("the worker process of a SQLite archive's import")
def test_new_terms_run_through_the_worker_process_too(blank_archive: Archive, tmp_path: Path) -> None:
    table = read_table(ledger(tmp_path))
    result = importer.apply_import(blank_archive, table, answered(tmp_path), parallel=True)
    assert result.parallel and result.created == 6 and result.terms_added == 2
    assert services.object_by_accession(blank_archive, "HY1").material == "oil_on_canvas"


def test_a_rejected_import_adds_no_term(blank_archive: Archive, tmp_path: Path) -> None:
    table = read_table(ledger(tmp_path))
    mapping = answered(tmp_path)
    mapping.answer("material", "graphite on paper", "")      # taken back: that row is rejected again
    assert "graphite_on_paper" not in mapping.new_terms.get("material", {})
    with pytest.raises(importer.ImportRejected):
        importer.apply_import(blank_archive, table, mapping)
    assert not vocab.term_exists(blank_archive.db, "material", "oil_on_canvas")
    assert services.count(blank_archive, "object") == 0


def test_new_terms_are_saved_with_the_mapping_and_checked_when_loaded(tmp_path: Path) -> None:
    path = answered(tmp_path).save(tmp_path / "map.json")
    loaded = Mapping.load(path)
    assert loaded.new_terms["material"]["oil_on_canvas"] == NewTerm("布面油画", "Oil on canvas")
    assert loaded.terms["material"]["oil paint on canvas"] == "oil_on_canvas"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["new_terms"]["material"]["Bad Code"] = {"label_en": "x"}
    (tmp_path / "bad.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MappingError, match=r"bad\.json: new_terms\.material\.Bad Code needs a code"):
        Mapping.load(tmp_path / "bad.json")
    data["new_terms"] = {"side": {}}
    (tmp_path / "bad2.json").write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(MappingError, match="is not a vocabulary of object records"):
        Mapping.load(tmp_path / "bad2.json")


def test_add_terms_on_the_command_line_adds_each_unknown_value_named_by_itself(
        blank_archive: Archive, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ledger(tmp_path)
    saved = tmp_path / "answers.json"
    code = run([*archive_args(blank_archive), "--no-sample", "import", str(path), "--add-terms",
                "--save-mapping", str(saved)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "new term for material 'oil paint on canvas' (2 row(s)): oil_paint_on_canvas" in out
    assert "new term for material '纸本' (1 row(s)): zhi_ben" in out
    assert vocab.label(blank_archive.db, "material", "oil_paint_on_canvas", "en") == "oil paint on canvas"
    assert vocab.label(blank_archive.db, "material", "zhi_ben", "zh") == "纸本"
    assert services.object_by_accession(blank_archive, "HY3").material == "bronze"   # its own term now
    # The answers, saved, serve the next file of the same source with --terms.
    other = write_csv(tmp_path / "more.csv", [["总登记号", "名称", "质地"], ["HY7", "又一幅画", "oil paint on canvas"]])
    code = run([*archive_args(blank_archive), "--no-sample", "import", str(other), "--terms", str(saved)])
    capsys.readouterr()
    assert code == 0
    assert services.object_by_accession(blank_archive, "HY7").material == "oil_paint_on_canvas"
