"""exhibit.problem_text: the core says a problem in Chinese, in the windows' sentences, in the files it writes.

The Chinese comes from the curator window's catalogue (ui/translations/exhibit_zh_CN.ts,
context "Problems"), which main.py names for the core; without it the core keeps the
command line's English rather than writing half-translated text.
"""
from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from exhibit import catalogues, problem_text
from exhibit.problems import Problem
from main import PROBLEM_CATALOGUES
from tests.fixtures.real_world import make
from tests.problem_samples import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DATE = Problem("date_text", "bad_date", {"text": "1944-02-30", "why": Problem(
    None, "date_no_day", {"value": 30, "month": 2, "year": 1944, "days": 29})})


@pytest.fixture
def chinese_catalogue() -> Iterator[Path]:
    path = PROBLEM_CATALOGUES["zh"]
    catalogues.use("zh", path)
    yield path
    catalogues.forget("zh")


def test_main_py_names_the_catalogue_that_holds_the_chinese() -> None:
    assert PROBLEM_CATALOGUES["zh"].is_file()
    assert set(problem_text.read_catalogue(PROBLEM_CATALOGUES["zh"])) >= set(problem_text.TEMPLATES.values())


def test_every_problem_reads_in_chinese_with_the_catalogue(chinese_catalogue) -> None:
    assert problem_text.sentence(_DATE, "zh", "object") == \
        "年代：无法识别日期“1944-02-30”：1944 年 2 月没有 30 日（该月只有 29 天）"
    for code, problem in SAMPLES.items():
        text = problem_text.sentence(problem, "zh")
        assert _HAN.search(text) and not re.search(r"%[A-Za-z]", text), (code, text)
    # English stays the command line's sentence, whatever catalogues there are.
    assert problem_text.sentence(_DATE, "en") == str(_DATE)


def test_without_a_catalogue_a_file_keeps_the_command_lines_english(tmp_path: Path) -> None:
    catalogues.forget("zh")
    assert problem_text.sentence(_DATE, "zh") == str(_DATE)
    catalogues.use("zh", tmp_path / "missing.ts")      # an installation without its .ts
    try:
        assert problem_text.sentence(_DATE, "zh") == str(_DATE)
    finally:
        catalogues.forget("zh")


def test_the_catalogue_is_read_as_lrelease_compiles_it_and_again_when_edited(tmp_path: Path) -> None:
    ts = tmp_path / "exhibit_zh_CN.ts"

    def write(required: str) -> None:
        ts.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="zh_CN">
<context><name>Other</name>
  <message><source>%field is required</source><translation>别的上下文</translation></message></context>
<context><name>Problems</name>
  <message><source>%field is required</source><translation>{required}</translation></message>
  <message><source>no year given</source><translation type="unfinished">未给出年份</translation></message>
  <message><source>there is no century 0</source><translation type="obsolete">没有第 0 世纪</translation></message>
  <message><source>month %value does not exist</source><translation type="unfinished"></translation></message>
</context></TS>""", encoding="utf-8")

    write("缺少%field")
    assert problem_text.read_catalogue(ts) == {"%field is required": "缺少%field", "no year given": "未给出年份"}
    catalogues.use("zh", ts)
    try:
        assert problem_text.sentence(Problem("accession", "required"), "zh", "object") == "缺少总登记号"
        write("必须填写%field")   # a translator's fix reaches the next file written
        assert problem_text.sentence(Problem("accession", "required"), "zh", "object") == "必须填写总登记号"
    finally:
        catalogues.forget("zh")


def test_the_ledgers_rejects_file_says_why_in_chinese_through_main_py(tmp_path: Path) -> None:
    """The program as a registrar runs it: main.py import … --skip-rejected on the GB18030 survey ledger."""
    rejects = tmp_path / "ledger.rejects.csv"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(tmp_path / "a"), "--no-sample",
                           "import", str(make.LEDGER_FILE), "--skip-rejected", "--rejects", str(rejects)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "5 rejected row(s)" in done.stdout        # the terminal's report stays English
    with open(rejects, encoding="gb18030", newline="") as f:
        rows = list(csv.DictReader(f))
    reasons = [r["原因"] for r in rows]
    assert len(reasons) == 5 and all(_HAN.search(r) for r in reasons)
    assert any(r.startswith("年代：") for r in reasons)                      # the field by its Chinese name
    english = ("appears", "again", "cannot", "read", "date", "required", "characters", "limit", "accession")
    assert not [r for r in reasons if any(word in r for word in english)]
