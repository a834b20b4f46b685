"""Files that change under an import (issue #14, helper B), made deterministic in-process.

`import_paths` calls its progress callback just before it reads each file,
so a callback that deletes, swaps or links the next file is a second program
doing it between the folder listing and the read. Each case checks what the
curator sees: one report line naming the file, the other files imported,
nothing left behind in the media folder.
"""
from __future__ import annotations

import os
import shutil
import signal
from pathlib import Path

import pytest

from exhibit import media_files, media_records, services
from exhibit.errors import MediaError
from tests.hostile.media_samples import jpeg_file


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    folder = tmp_path / "drop"
    for n, name in enumerate(("a.jpg", "b.jpg", "c.jpg")):
        jpeg_file(folder / name, (60 + n, 40))
    return folder


def _media_files(archive) -> set[str]:
    return {p.relative_to(archive.media_root).as_posix()
            for p in archive.media_root.rglob("*") if p.is_file()}


def _on(name: str, action):
    """A progress callback that runs `action` once, just before `name` is read."""
    def progress(done: int, total: int, shown: str) -> None:
        if shown == name:
            action()
    return progress


def test_file_deleted_between_listing_and_reading(blank_archive, drop):
    report = media_records.import_paths(blank_archive, [drop],
                                        progress=_on("b.jpg", (drop / "b.jpg").unlink))
    assert [m.original_name for m in report.imported] == ["a.jpg", "c.jpg"]
    ((_, reason),) = report.errors
    assert reason.startswith("b.jpg: file not found")
    assert services.count(blank_archive, "media") == 2


def test_folder_removed_mid_import(blank_archive, drop):
    report = media_records.import_paths(blank_archive, [drop],
                                        progress=_on("b.jpg", lambda: shutil.rmtree(drop)))
    assert [m.original_name for m in report.imported] == ["a.jpg"]
    assert [reason.split(":")[0] for _, reason in report.errors] == ["b.jpg", "c.jpg"]
    assert all(media_files.verify_stored(blank_archive.media_root, m.path, m.sha256) is None
               for m in report.imported)


def test_fifo_swapped_in_does_not_block(blank_archive, drop):
    def swap() -> None:
        (drop / "b.jpg").unlink()
        os.mkfifo(drop / "b.jpg")

    def hung(signum, frame):  # a guard: without O_NONBLOCK the open would wait forever
        raise AssertionError("the import blocked opening a FIFO")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    try:
        report = media_records.import_paths(blank_archive, [drop], progress=_on("b.jpg", swap))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    ((_, reason),) = report.errors
    assert reason.startswith("b.jpg:") and "not a regular file" in reason
    assert len(report.imported) == 2


def test_link_swapped_in_after_listing_is_not_followed(blank_archive, drop, tmp_path):
    private = jpeg_file(tmp_path / "private" / "secret.jpg", (123, 77))

    def swap() -> None:
        (drop / "b.jpg").unlink()
        (drop / "b.jpg").symlink_to(private)

    report = media_records.import_paths(blank_archive, [drop], progress=_on("b.jpg", swap))
    ((_, reason),) = report.errors
    assert reason.startswith("b.jpg:") and "symbolic link" in reason
    assert (123, 77) not in {(m.width, m.height) for m in report.imported}


def test_file_replaced_while_read_is_read_as_opened(blank_archive, drop, monkeypatch):
    """Another program renames a new file over the one being imported: we keep what we opened."""
    real = media_files._inspect
    original = (drop / "b.jpg").read_bytes()

    def inspect_then_replace(source, path):
        info = real(source, path)
        if path.name == "b.jpg":
            jpeg_file(drop / "other.tmp", (500, 500))
            os.replace(drop / "other.tmp", drop / "b.jpg")
        return info

    monkeypatch.setattr(media_files, "_inspect", inspect_then_replace)
    report = media_records.import_paths(blank_archive, [drop / "b.jpg"])
    (m,) = report.imported
    assert (blank_archive.media_root / m.path).read_bytes() == original
    assert (m.width, m.height) == (61, 40)


@pytest.mark.parametrize("stage", ["previews", "record"])
def test_failure_after_storing_leaves_no_orphan(blank_archive, drop, monkeypatch, stage):
    before = _media_files(blank_archive)

    def fail(*args, **kwargs):
        raise MediaError("b.jpg: could not make a preview (simulated)")

    if stage == "previews":
        monkeypatch.setattr(media_files, "make_thumbnail", fail)
    else:
        monkeypatch.setattr(services, "create", fail)
    report = media_records.import_paths(blank_archive, [drop / "b.jpg"])
    assert report.errors and not report.imported
    assert _media_files(blank_archive) == before
    assert services.count(blank_archive, "media") == 0


def test_failure_never_removes_a_file_it_did_not_write(blank_archive, drop, monkeypatch):
    """The same content stored earlier (an orphan, or another process's) stays after a failure."""
    earlier = media_files.store_file(drop / "a.jpg", blank_archive.media_root)
    monkeypatch.setattr(services, "create", lambda *a, **k: (_ for _ in ()).throw(
        MediaError("a.jpg: simulated")))
    report = media_records.import_paths(blank_archive, [drop / "a.jpg"])
    assert report.errors
    assert (blank_archive.media_root / earlier.path).exists()
