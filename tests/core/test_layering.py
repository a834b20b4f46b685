"""The core never imports Qt or names the UI, and the UI never writes SQL."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_core_imports_without_qt():
    modules = sorted(p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
                     for p in (ROOT / "exhibit").rglob("*.py"))
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""


def test_ui_has_no_sql():
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\b\s+(\*|INTO|FROM|\w+\s+SET)", re.IGNORECASE)
    for path in (ROOT / "ui").rglob("*.py"):
        assert not sql.search(path.read_text(encoding="utf-8")), path.name


# "ui.bench_ui", "ui/kiosk": a module or file of the UI package, named in code or a string.
_NAMES_UI = re.compile(r"(?<![\w.])ui(?:[./][A-Za-z_]|$)")


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the docstring nodes: prose may say where the UI shows a thing; code may not name it."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def core_names_of_outer_packages(source: str) -> list[str]:
    """Where a core module imports ui or bench, or names a ui module in a string (importlib …)."""
    found = []
    tree = ast.parse(source)
    prose = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            roots = [(node.module or "").split(".")[0]] if node.level == 0 else []
        elif (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in prose
              and _NAMES_UI.search(node.value)):
            found.append(f"{node.lineno}: {node.value[:60]!r}")
            continue
        else:
            continue
        found += [f"{node.lineno}: import {root}" for root in roots if root in ("ui", "bench")]
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def test_core_never_names_the_ui_or_the_benchmarks():
    """The core reaches neither the UI (not even through importlib and a string) nor bench/."""
    for path in sorted((ROOT / "exhibit").rglob("*.py")):
        assert core_names_of_outer_packages(path.read_text(encoding="utf-8")) == [], path


def test_the_check_sees_a_ui_module_named_in_a_string():
    source = ('"""Shown by ui/kiosk (a docstring may say so)."""\nfrom ui.kiosk import app\n'
              'import bench.search\nimportlib.import_module("ui.bench_ui")\npath = "ui/kiosk/qml"\n'
              'font = "gui.ttf"; word = "build"\n')
    assert core_names_of_outer_packages(source) == [
        "2: import ui", "3: import bench", "4: 'ui.bench_ui'", "5: 'ui/kiosk/qml'"]
