"""The disk runs out during an edit and during a media import: a clear error, nothing lost, no partial file.

Two ways to run out: a file-size limit (RLIMIT_FSIZE; portable, no privileges;
writes fail with EFBIG, which SQLite reports as an I/O error) and a real full
file system (a 4 MB tmpfs in a private mount namespace, where `unshare` is
allowed; writes fail with ENOSPC, SQLite's "database or disk is full").
Each is checked twice: the files as a crash at that moment would leave them,
and the archive after the user freed space and carried on.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fault_support import HERE, child_env, python

from exhibit.archive import Archive
from exhibit.integrity import check_archive
from exhibit.keeping import media_check

CHILD = str(HERE / "fault_disk_child.py")


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    from PIL import Image

    root = tmp_path / "archive"
    Archive.open(root, user="setup").close()
    image = tmp_path / "photos" / "noise.png"
    image.parent.mkdir()
    # Noise does not compress: a 270 KB file, larger than the limits below.
    Image.frombytes("RGB", (300, 300), os.urandom(300 * 300 * 3)).save(image)
    return root, image


def accessions(root: Path) -> set[str]:
    archive = Archive.open(root, user="verifier")
    try:
        assert archive.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check_archive(archive) == []      # index, history, links, media hashes all in step
        return {r[0] for r in archive.db.execute("SELECT accession FROM objects")}
    finally:
        archive.close()


def no_partial_media(root: Path) -> list[str]:
    """Every file under media/ is whole: named by its content's hash. Returns the orphans."""
    for path in (root / "media").rglob("*") if (root / "media").exists() else []:
        if path.is_file():
            assert not path.name.endswith(".tmp"), f"partial file left: {path}"
            assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem or "derived" in path.parts, path
    archive = Archive.open(root, user="verifier")
    try:
        return media_check.check_media(archive).orphans
    finally:
        archive.close()


def check_outcome(result: dict, root: Path, snapshot: Path) -> None:
    assert "uncaught" not in result, result
    acked = set(result["acked"])
    # As a crash at the moment of the failure would leave it:
    at_failure = accessions(snapshot)
    assert acked <= at_failure and "K-big" not in at_failure
    # After the user made room and carried on in the same session:
    after = accessions(root)
    assert acked | {"K-after"} <= after and "K-big" not in after
    assert result["imported"] == 0 and result["integrity"] == "ok"
    archive = Archive.open(root, user="verifier")
    assert archive.db.execute("SELECT count(*) FROM media").fetchone()[0] == 0
    archive.close()


def test_file_size_limit_during_edit_and_import(setup):
    root, image = setup
    out = python(CHILD, "rlimit", str(root), str(image))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    write_error = result["errors"]["write"]
    assert write_error.startswith("StorageError: could not save to") and str(root) in write_error
    assert "rolled back" in write_error
    assert result["errors"]["media"] == [
        "noise.png: could not be copied into the archive's media folder (File too large)"]
    check_outcome(result, root, root.parent / "snapshot")
    assert no_partial_media(root) == []


def _unshare() -> list[str] | None:
    """A command prefix that gives a private mount namespace we may mount a tmpfs in, or None."""
    if not sys.platform.startswith("linux") or shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-U", "-r", "-m"], ["unshare", "-m"]):
        probe = subprocess.run([*prefix, "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt && echo ok"],
                               capture_output=True, text=True, timeout=60)
        if probe.stdout.strip() == "ok":
            return prefix
    return None


def test_full_file_system_during_edit_and_import(setup, tmp_path):
    prefix = _unshare()
    if prefix is None:
        pytest.skip("cannot mount a small tmpfs here (no user namespaces); the file-size test covers it")
    root, image = setup
    mnt, out_dir = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out_dir.mkdir()
    script = (f'mount -t tmpfs -o size=4m tmpfs "{mnt}" && cp -r "{root}" "{mnt}/archive" && '
              f'exec "{sys.executable}" "{CHILD}" enospc "{mnt}/archive" "{image}" "{out_dir}"')
    out = subprocess.run([*prefix, "sh", "-c", script], capture_output=True, text=True, encoding="utf-8",
                         env=child_env(), timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.splitlines()[-1])
    assert result["errors"]["write"].startswith("StorageError: could not save to")
    assert "the disk is full" in result["errors"]["write"]
    assert result["errors"]["media"] == [
        "noise.png: could not be copied into the archive's media folder (No space left on device)"]
    # Room for the original but not its thumbnails: a clear reason, and no half-written file.
    assert len(result["errors"]["media_some_room"]) == 1
    assert "No space left on device" in result["errors"]["media_some_room"][0]
    check_outcome(result, out_dir / "archive", out_dir / "snapshot")
    orphans = no_partial_media(out_dir / "archive")
    # What stays behind is whole and listed by media-check (see the note in the report).
    assert all(name.startswith(("originals/", "derived/")) for name in orphans)
