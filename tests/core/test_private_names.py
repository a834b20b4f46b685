"""A leading underscore means private: no module of the program uses another module's.

What one module needs from another has a public name (`services.add_history`,
`services.exists`, `media_records.get_media_link` …), so a private helper can
change without breaking a caller nobody knew about. This reads every module of
exhibit/, ui/ and bench/ (ast, nothing is imported) and lists each place that
imports an underscore name from another of the project's modules
(`from exhibit.services import _exists`), reaches one through an imported name
(`services._exists`, `exhibit.services._exists`) or asks for one by string
(`getattr(services, "_exists")`). Dunder names (`__version__`) are public.
Tests may use private names (they check the inside of a module); they are not
read.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("exhibit", "ui", "bench")

# Temporary exceptions, each to be removed with the change that fixes it.
PENDING: set[str] = set()


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported_from(node: ast.ImportFrom, path: Path) -> str:
    """The absolute name of the module a `from … import` reads (relative imports resolved)."""
    if node.level == 0:
        return node.module or ""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    package = package[:len(package) - (node.level - 1)]
    return ".".join(package + ([node.module] if node.module else []))


def _ours(module: str) -> bool:
    return module.split(".")[0] in PACKAGES


def private_uses(source: str, path: Path) -> list[str]:
    """Each use of another module's private name in `source`, as 'line: what'."""
    tree = ast.parse(source)
    bound: set[str] = set()  # local names bound to the project's modules or their contents
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if _ours(alias.name):
                    bound.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            module = _imported_from(node, path)
            if not _ours(module):
                continue
            for alias in node.names:
                if _private(alias.name):
                    found.append(f"{node.lineno}: from {module} import {alias.name}")
                bound.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            chain = [node.attr]
            value = node.value
            while isinstance(value, ast.Attribute):
                chain.append(value.attr)
                value = value.value
            if isinstance(value, ast.Name) and value.id in bound and _private(node.attr):
                found.append(f"{node.lineno}: {value.id}.{'.'.join(reversed(chain))}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id in ("getattr", "setattr", "hasattr") and len(node.args) >= 2
              and isinstance(node.args[0], ast.Name) and node.args[0].id in bound
              and isinstance(node.args[1], ast.Constant) and isinstance(node.args[1].value, str)
              and _private(node.args[1].value)):
            found.append(f"{node.lineno}: {node.func.id}({node.args[0].id}, {node.args[1].value!r})")
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def _modules() -> list:
    paths = sorted(p for package in PACKAGES if (ROOT / package).is_dir()
                   for p in (ROOT / package).rglob("*.py"))
    out = []
    for path in paths:
        name = path.relative_to(ROOT).as_posix()
        marks = [pytest.mark.xfail(reason="issue #15 §3: search.match_for() (helper J)", strict=False)] \
            if name in PENDING else []
        out.append(pytest.param(path, id=name, marks=marks))
    return out


@pytest.mark.parametrize("path", _modules())
def test_no_module_uses_another_modules_private_names(path: Path) -> None:
    assert private_uses(path.read_text(encoding="utf-8"), path) == []


def test_the_check_sees_each_way_of_reaching_a_private_name() -> None:
    here = ROOT / "exhibit" / "interchange" / "example.py"
    source = (
        "import exhibit.services\n"
        "from exhibit import services as s, records\n"
        "from exhibit.services import _exists, get\n"
        "from . import _cells\n"
        "from .importer import Planner\n"
        "import json\n"
        "exhibit.services._history(1)\n"
        "s._clean('x')\n"
        "Planner._load(1)\n"
        "getattr(records, '_BOOKKEEPING')\n"
        "json._default_encoder\n"      # not ours
        "s.__doc__, s.get, self_._x\n"  # dunder, public, not an import
    )
    assert private_uses(source, here) == [
        "3: from exhibit.services import _exists",
        "4: from exhibit.interchange import _cells",
        "7: exhibit.services._history",
        "8: s._clean",
        "9: Planner._load",
        "10: getattr(records, '_BOOKKEEPING')",
    ]
