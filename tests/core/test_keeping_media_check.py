"""Media files present and intact, orphans listed, missing files put back by hash."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from exhibit.keeping import media_check

ROOT = Path(__file__).resolve().parents[2]


def stored(archive, n: int) -> list[tuple[int, str]]:
    return archive.db.execute("SELECT id, path FROM media ORDER BY id LIMIT ?", [n]).fetchall()


def test_sample_media_are_all_present_and_intact(archive):
    report = media_check.check_media(archive)
    assert report.ok and report.checked > 40 and report.orphans == []


def test_missing_damaged_and_orphan_files_are_reported(archive):
    (m1, p1), (m2, p2) = stored(archive, 2)
    (archive.media_root / p1).unlink()
    (archive.media_root / p2).write_bytes(b"overwritten by a careless copy")
    stray = archive.media_root / "originals" / "zz" / "holiday.jpg"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"\xff\xd8 not ours")
    (archive.media_root / "originals" / ".abc.jpg.x1.tmp").write_bytes(b"half a file")

    report = media_check.check_media(archive)
    kinds = {p.media_id: p.kind for p in report.problems}
    assert kinds == {m1: "missing", m2: "mismatch"}
    assert report.orphans == ["originals/.abc.jpg.x1.tmp", "originals/zz/holiday.jpg"]
    lines = "\n".join(report.lines())
    assert f"media #{m1}: missing: {p1}" in lines and "hash mismatch" in lines


def test_repair_puts_moved_files_back_by_hash(archive, tmp_path):
    moved = tmp_path / "found on the old disk" / "nested"
    moved.mkdir(parents=True)
    rows = stored(archive, 3)
    for number, (_mid, path) in enumerate(rows):
        # Renamed, in another folder: only the content identifies them.
        shutil.move(archive.media_root / path, moved / f"photo-{number}.bin")
    damaged = rows[0][1]
    shutil.copy(moved / "photo-0.bin", archive.media_root / damaged)
    with open(archive.media_root / damaged, "r+b") as f:
        f.write(b"XXXX")                                     # damaged in place

    report = media_check.repair_media(archive, tmp_path)
    assert sorted(m for m, _, _ in report.relinked) == sorted(m for m, _ in rows)
    assert report.still_missing == []
    assert [p.name for p in report.moved_aside] == [Path(damaged).name]
    assert report.moved_aside[0].is_relative_to(archive.root / "damaged" / "media")
    assert media_check.check_media(archive).ok


def test_repair_reports_what_it_could_not_find(archive, tmp_path):
    (mid, path), = stored(archive, 1)
    (archive.media_root / path).unlink()
    (tmp_path / "empty").mkdir()
    report = media_check.repair_media(archive, tmp_path / "empty")
    assert [p.media_id for p in report.still_missing] == [mid]
    assert "0 file(s) put back, 1 still missing" == report.summary()


def test_media_check_command(archive, tmp_path):
    (mid, path), = stored(archive, 1)
    shutil.move(archive.media_root / path, tmp_path / "elsewhere.png")
    root = archive.root
    archive.close()

    def run(*args):
        return subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(root), *args],
                              capture_output=True, text=True, encoding="utf-8", timeout=300, cwd=ROOT)

    out = run("media-check")
    assert out.returncode == 1 and f"media #{mid}: missing: {path}" in out.stdout
    fixed = run("media-check", "--repair", str(tmp_path))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert f"put back media #{mid}" in fixed.stdout and "0 problem(s)" in fixed.stdout
