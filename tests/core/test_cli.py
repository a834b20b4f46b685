"""The headless commands, run as a user runs them: `python main.py …` in a shell."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, archive: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(archive), *args],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT)


def test_search_prints_ranked_hits_from_the_sample(archive):
    out = run("search", "衡阳", archive=archive.root)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert "result(s) for “衡阳”" in lines[0] and int(lines[0].split()[0]) > 10
    assert lines[1].lstrip().startswith("1.")
    assert "【衡阳】" in out.stdout


def test_search_with_filters_and_json(archive):
    import json

    out = run("search", "fang", "xianjue", "--type", "person", "--json", archive=archive.root)
    data = json.loads(out.stdout)
    assert data["hits"][0]["title_zh"] == "方先觉"
    assert {h["type"] for h in data["hits"]} == {"person"}


def test_show_object(archive):
    out = run("show", "HY1944.0001", archive=archive.root)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("HY1944.0001")
    assert "类别 Category" in out.stdout


def test_unknown_accession_is_one_line_error(archive):
    out = run("show", "HY9999.9999", archive=archive.root)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == ["error: no object with accession number 'HY9999.9999'"]


def test_check_stats_and_backup(archive, tmp_path):
    assert run("check", archive=archive.root).returncode == 0
    stats = run("stats", archive=archive.root)
    assert "object" in stats.stdout
    dest = tmp_path / "copy"
    out = run("backup", str(dest), archive=archive.root)
    assert out.returncode == 0, out.stderr
    assert (dest / "archive.db").exists() and (dest / "media").is_dir()
    # The copy is a complete archive in its own right.
    assert run("check", archive=dest).returncode == 0
    again = run("backup", str(dest), archive=archive.root)
    assert again.returncode == 1 and "not empty" in again.stderr


def test_import_media_reports_each_bad_file(archive, tmp_path):
    from PIL import Image

    folder = tmp_path / "photos"
    folder.mkdir()
    Image.new("RGB", (400, 300), "gray").save(folder / "ok.jpg")
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    out = run("import-media", str(folder), "--root", str(folder), "--attach", "HY1944.0001",
              archive=archive.root)
    assert out.returncode == 1
    assert "1 imported" in out.stdout
    assert "broken.jpg" in out.stderr


def test_new_archive_gets_the_sample(tmp_path):
    out = run("stats", archive=tmp_path / "fresh")
    assert out.returncode == 0, out.stderr
    counts = {line.split()[0]: int(line.split()[1].replace(",", "")) for line in out.stdout.splitlines()}
    assert counts["object"] >= 40 and counts["panel"] >= 12


def test_curator_without_display_says_so(tmp_path, monkeypatch):
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(tmp_path / "a"),
                          "--no-sample"], capture_output=True, text=True, env=env, timeout=120)
    if sys.platform.startswith("linux"):
        assert out.returncode == 1
        assert len(out.stderr.strip().splitlines()) == 1 and "No display" in out.stderr
