"""A search across every record type lists objects first and says how many it did not list.

Issue 18: `search 钢盔` ranked image captions above the object, and `衡阳`
said "122 results" but listed 10 without saying so.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from exhibit import search
from exhibit.listing import GROUPED_ORDER, grouped_search

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(archive), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT)


def test_objects_come_before_their_images(archive):
    result = grouped_search(archive.db, "钢盔", limit=10)
    types = [h.record_type for h in result.hits]
    assert types[0] == "object" and "media" in types
    assert types.index("media") > max(i for i, t in enumerate(types) if t == "object")


def test_groups_follow_the_order_and_count_every_type(archive):
    result = grouped_search(archive.db, "衡阳", limit=1000)
    order = [GROUPED_ORDER.index(h.record_type) for h in result.hits]
    assert order == sorted(order)
    assert result.total == search.search(archive.db, "衡阳", limit=1).total  # the same matches in all
    assert len(result.hits) == result.total


def test_a_limit_keeps_the_total(archive):
    result = grouped_search(archive.db, "衡阳", limit=10)
    assert len(result.hits) == 10 and result.total > 10
    assert {h.record_type for h in result.hits} == {"object"}  # the sample has more than 10 such objects


def test_cli_says_how_many_it_shows_and_lists_all_on_request(archive):
    out = run("search", "衡阳", archive=archive.root)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    total = int(lines[0].split()[0])
    assert lines[-1] == f"showing 10 of {total}; --limit N or --all lists more"
    assert " object " in lines[1]
    every = run("search", "衡阳", "--all", "--json", archive=archive.root)
    data = json.loads(every.stdout)
    assert data["total"] == total and data["shown"] == total == len(data["hits"])


def test_cli_lists_everything_without_the_note_when_it_fits(archive):
    out = run("search", "钢盔", "--limit", "50", archive=archive.root)
    assert out.returncode == 0, out.stderr
    assert "showing" not in out.stdout
    ranks = [line.split()[1] for line in out.stdout.splitlines()[1:] if line[:4].strip().rstrip(".").isdigit()]
    assert ranks[0] == "object" and ranks[-1] == "media"
