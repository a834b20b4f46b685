"""Publishing into a folder several kiosks read: numbered generations named by an atomic manifest.

What a museum's staff would check: each publish is a new generation with a higher number;
`current.json` always names a complete file whose SHA-256 it states; old generations are
pruned but the current one never is; a failed publish leaves the kiosks' snapshot as it was;
and a kiosk reading the folder while it is published never meets half a file. The kiosk's
checks (generations.check) refuse a damaged file, a foreign schema and a manifest that
points outside its folder.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import pytest

from exhibit import services
from exhibit.errors import ExhibitError
from exhibit.publish import generations, kiosk_data
from exhibit.publish import snapshot as snap
from exhibit.publish.generations import KEEP, MANIFEST_NAME, SnapshotRefused
from exhibit.records import Section

ROOT = Path(__file__).resolve().parents[2]


def _retitle(archive, title_en: str) -> int:
    section = services.list_records(archive, Section)[0]
    section.title_en = title_en
    services.update(archive, section)
    return section.id


def _manifest(folder: Path) -> dict:
    return json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_file())


def test_each_publish_is_a_new_generation_named_by_the_manifest(archive, tmp_path):
    folder = tmp_path / "kiosk"
    seen = []
    for n in range(1, KEEP + 3):
        section_id = _retitle(archive, f"Title of publish {n}")
        report = snap.publish(archive, folder)
        data = _manifest(folder)
        seen.append(data["generation"])
        assert report.generation == data["generation"] == n
        assert data["file"] == f"snapshot-{n:06d}.db" and report.snapshot == folder / data["file"]
        assert data["sha256"] == generations.file_sha256(folder / data["file"])
        assert data["counts"] == report.counts and data["counts"]["objects"] > 0
        assert datetime.fromisoformat(data["published_at"]).tzinfo is not None
        opened = snap.open_snapshot(folder)  # a folder opens its current generation
        try:
            titles = {s.id: s.title_en for s in kiosk_data.sections(opened)}
            assert titles[section_id] == f"Title of publish {n}"
        finally:
            opened.close()
    assert seen == sorted(seen) and len(set(seen)) == len(seen)
    # The last KEEP generations stay (kiosks not yet at their idle reset read them); no leftovers.
    last = KEEP + 2
    assert [f for f in _files(folder) if f.startswith("snapshot-")] == \
        [f"snapshot-{n:06d}.db" for n in range(last - KEEP + 1, last + 1)]
    assert not [f for f in _files(folder) if f.endswith(".part") or "journal" in f]
    assert "current.json" in _files(folder) and (folder / "media" / "derived").is_dir()


def test_pruning_never_deletes_the_current_generation_nor_a_later_one(tmp_path):
    folder = tmp_path / "kiosk"
    folder.mkdir()
    for n in range(1, 8):
        (folder / generations.file_name(n)).write_bytes(b"x")
    (folder / "snapshot-000002.db.part").write_bytes(b"left by a crashed publish")
    (folder / "kiosk.db").write_bytes(b"the layout before generations")
    current = generations.Manifest(5, generations.file_name(5), "0" * 64)
    generations.prune(folder, current, keep=0)  # even told to keep nothing
    # 5 is current; 6 and 7 belong to publishes still running (their numbers are reserved).
    assert _files(folder) == ["snapshot-000005.db", "snapshot-000006.db", "snapshot-000007.db"]


def test_two_publishes_into_one_folder_take_different_numbers(tmp_path):
    folder = tmp_path / "kiosk"
    folder.mkdir()
    first = generations.reserve(folder)
    second = generations.reserve(folder)
    assert (first.generation, second.generation) == (1, 2)
    generations.abandon(first)
    assert generations.reserve(folder).generation == 3  # a number is never handed out twice in a row


def test_a_failed_publish_leaves_the_kiosks_snapshot_as_it_was(archive, tmp_path, monkeypatch):
    folder = tmp_path / "kiosk"
    snap.publish(archive, folder)
    before = {name: (folder / name).read_bytes() for name in _files(folder)}

    def disk_full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(snap, "_copy_images", disk_full)
    with pytest.raises(ExhibitError, match="disk is full"):
        snap.publish(archive, folder)
    assert {name: (folder / name).read_bytes() for name in _files(folder)} == before
    assert _manifest(folder)["generation"] == 1


def test_a_reader_never_sees_a_half_written_snapshot(archive, tmp_path, monkeypatch):
    """A kiosk reading the folder over and over while two publishes run, and a look at the
    folder just before and just after every rename publishing makes: each time, either no
    manifest yet, or a manifest naming a file that is complete (its SHA-256 is the stated one)."""
    folder = tmp_path / "kiosk"
    problems: list[str] = []
    generations_seen: set[int] = set()

    def read_as_a_kiosk() -> None:
        try:
            manifest = generations.read_manifest(folder)
        except SnapshotRefused as exc:  # a half-written manifest would land here
            problems.append(str(exc))
            return
        if manifest is None:
            return
        try:
            if generations.file_sha256(folder / manifest.file) != manifest.sha256:
                problems.append(f"generation {manifest.generation} is not the published file")
        except FileNotFoundError:
            problems.append(f"generation {manifest.generation} is named but missing")
        generations_seen.add(manifest.generation)

    real_replace = os.replace

    def replace_looked_at(src, dst):
        read_as_a_kiosk()
        real_replace(src, dst)
        read_as_a_kiosk()

    monkeypatch.setattr(generations.os, "replace", replace_looked_at)
    stop = threading.Event()
    reads = 0

    def keep_reading() -> None:
        nonlocal reads
        while not stop.is_set():
            read_as_a_kiosk()
            reads += 1

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        snap.publish(archive, folder)
        _retitle(archive, "Changed between the publishes")
        snap.publish(archive, folder)
    finally:
        stop.set()
        reader.join()
    assert problems == []
    assert generations_seen == {1, 2} and reads > 0
    print(f"\n{reads} reads of the folder while publishing twice; none saw a partial snapshot")


def _damaged_copy(folder: Path, how: str) -> generations.Manifest:
    """Generation 2 in `folder`: generation 1 damaged `how`; the manifest names it."""
    current = generations.read_manifest(folder)
    path = folder / generations.file_name(2)
    shutil.copyfile(folder / current.file, path)
    sha = None
    if how == "bytes changed":
        with open(path, "r+b") as f:
            f.seek(path.stat().st_size // 2)
            f.write(b"\x00" * 4096)
    elif how == "pages scrambled, new checksum":  # what a careless copy and re-hash would give
        page = int.from_bytes(path.read_bytes()[16:18], "big")  # the header's page size
        page = 65536 if page == 1 else page
        with open(path, "r+b") as f:
            f.seek(page * 2)
            f.write(os.urandom(page * 3))
        sha = generations.file_sha256(path)
    elif how == "a trigger added":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TRIGGER planted AFTER INSERT ON settings BEGIN SELECT 1; END")
        conn.commit()
        conn.close()
        sha = generations.file_sha256(path)
    manifest = generations.Manifest(2, path.name, sha or current.sha256, current.counts)
    (folder / MANIFEST_NAME).write_text(json.dumps(asdict(manifest)), encoding="utf-8")
    return manifest


@pytest.mark.parametrize("how, why", [("bytes changed", "SHA-256 differs"),
                                      ("pages scrambled, new checksum", "integrity check"),
                                      ("a trigger added", "schema is not this program's")])
def test_the_kiosks_check_refuses_a_damaged_generation(blank_archive, tmp_path, how, why):
    folder = tmp_path / "kiosk"
    snap.publish(blank_archive, folder)
    good = generations.read_manifest(folder)
    assert generations.check(folder, good) == folder / good.file
    manifest = _damaged_copy(folder, how)
    with pytest.raises(SnapshotRefused, match=why) as refused:
        generations.check(folder, manifest)
    assert refused.value.generation == 2 and "snapshot-000002.db" in str(refused.value)
    with pytest.raises(SnapshotRefused):
        snap.open_current(folder)


@pytest.mark.parametrize("manifest", [
    {"generation": 1, "file": "../../archive/archive.db", "sha256": "0" * 64},
    {"generation": 1, "file": "snapshot-000002.db", "sha256": "0" * 64},
    {"generation": True, "file": "snapshot-000001.db", "sha256": "0" * 64},
    {"generation": 1, "file": "snapshot-000001.db", "sha256": "not hex"},
    ["not", "an", "object"],
])
def test_a_manifest_not_written_by_publish_is_refused(tmp_path, manifest):
    folder = tmp_path / "kiosk"
    folder.mkdir()
    (folder / MANIFEST_NAME).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(SnapshotRefused, match="not a manifest written by"):
        generations.read_manifest(folder)
    assert not snap.is_current(folder)


def test_a_folder_of_the_older_layout_still_opens_and_the_next_publish_replaces_it(blank_archive, tmp_path):
    folder = tmp_path / "kiosk"
    snap.publish(blank_archive, folder)
    # What the program wrote before generations: one kiosk.db, no manifest.
    os.replace(folder / "snapshot-000001.db", folder / "kiosk.db")
    (folder / MANIFEST_NAME).unlink()
    opened, generation = snap.open_current(folder)
    opened.close()
    assert generation == 0 and snap.is_current(folder)
    snap.publish(blank_archive, folder)
    assert generations.read_manifest(folder).generation == 1
    assert "kiosk.db" not in _files(folder)


def test_publish_to_names_the_folder_on_the_command_line(archive, tmp_path):
    archive.close()
    folder = tmp_path / "shared" / "kiosks"
    for _ in range(2):
        out = subprocess.run([sys.executable, str(ROOT / "main.py"), "--archive", str(archive.root),
                              "publish", "--to", str(folder)], capture_output=True, text=True,
                             encoding="utf-8", timeout=300, cwd=ROOT)
        assert out.returncode == 0, out.stderr
    assert "(generation 2)" in out.stdout and _manifest(folder)["generation"] == 2
