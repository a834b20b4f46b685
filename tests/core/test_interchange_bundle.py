"""Whole-archive bundles restore on a fresh archive folder with every media hash matching."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from exhibit import services
from exhibit.archive import Archive
from exhibit.integrity import check_archive
from exhibit.interchange import bundle
from exhibit.media_files import verify_stored
from tests.spreadsheets import archive_args

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


@pytest.mark.parametrize("name", ["bundle", "bundle.zip"])
def test_a_bundle_restores_on_a_fresh_archive_with_every_media_hash_matching(
        archive: Archive, tmp_path: Path, name: str) -> None:
    info = bundle.make_bundle(archive, tmp_path / name)
    assert info.counts["object"] == services.count(archive, "object")
    assert bundle.verify_bundle(tmp_path / name) == []
    restored = bundle.restore_bundle(tmp_path / name, tmp_path / "fresh")
    try:
        media = restored.db.execute("SELECT path, sha256 FROM media").fetchall()
        assert len(media) == services.count(archive, "media") > 0
        assert all(verify_stored(restored.media_root, path, sha) is None for path, sha in media)
        assert services.stats(restored) == services.stats(archive)
        assert check_archive(restored) == []
        for record_type in ("object", "panel", "event"):
            assert [r.as_row() for r in services.list_records(restored, record_type)] == \
                [r.as_row() for r in services.list_records(archive, record_type)]
    finally:
        restored.close()


def test_a_bundle_folder_opens_read_only_as_an_archive(archive: Archive, tmp_path: Path) -> None:
    bundle.make_bundle(archive, tmp_path / "kiosk")
    assert not (tmp_path / "kiosk" / "archive.db-wal").exists()
    kiosk = Archive.open(tmp_path / "kiosk", readonly=True)
    try:
        assert services.count(kiosk, "object") == services.count(archive, "object")
    finally:
        kiosk.close()


def test_a_damaged_bundle_is_refused_and_restores_nothing(archive: Archive, tmp_path: Path) -> None:
    bundle.make_bundle(archive, tmp_path / "b")
    manifest = json.loads((tmp_path / "b" / bundle.MANIFEST).read_text(encoding="utf-8"))
    victim = next(e["path"] for e in manifest["files"] if e["path"].startswith("media/originals"))
    target = tmp_path / "b" / victim
    data = bytearray(target.read_bytes())
    data[-10] ^= 0xFF
    target.write_bytes(bytes(data))
    problems = bundle.verify_bundle(tmp_path / "b")
    assert problems == [f"b: {victim} does not match its SHA-256 in the manifest (damaged or changed)"]
    with pytest.raises(bundle.BundleError, match="nothing was restored"):
        bundle.restore_bundle(tmp_path / "b", tmp_path / "fresh")
    assert not (tmp_path / "fresh").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".restore")] == []


def test_a_zip_with_unsafe_paths_or_missing_files_is_refused(archive: Archive, tmp_path: Path) -> None:
    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr(bundle.MANIFEST, json.dumps({"format": bundle.FORMAT, "files": [
            {"path": "archive.db", "sha256": "0" * 64}, {"path": "../../etc/passwd", "sha256": "0" * 64}]}))
    with pytest.raises(bundle.BundleError, match="unsafe path '../../etc/passwd'"):
        bundle.restore_bundle(evil, tmp_path / "x")
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(bundle.BundleError, match="plain.zip: has no bundle-manifest.json"):
        bundle.restore_bundle(plain, tmp_path / "y")
    (tmp_path / "occupied").mkdir()
    (tmp_path / "occupied" / "keep.txt").write_text("mine")
    bundle.make_bundle(archive, tmp_path / "ok.zip")
    with pytest.raises(bundle.BundleError, match="is not empty"):
        bundle.restore_bundle(tmp_path / "ok.zip", tmp_path / "occupied")
    assert (tmp_path / "occupied" / "keep.txt").read_text() == "mine"


def test_cli_bundle_unbundle_import_export(archive: Archive, tmp_path: Path, capsys) -> None:
    from exhibit.cli import run

    opened, media = archive_args(archive), str(archive.media_root)
    archive.close()
    assert run([*opened, "bundle", str(tmp_path / "a.zip")]) == 0
    assert run(["verify-bundle", str(tmp_path / "a.zip")]) == 0
    assert run(["unbundle", str(tmp_path / "a.zip"), str(tmp_path / "restored")]) == 0
    assert run([*opened, "export", "--type", "object", "--format", "csv",
                "--out", str(tmp_path / "o.csv"), "--accessions", "HY1944.0001", "HY1944.0002"]) == 0
    new = str(tmp_path / "new")
    assert run(["--archive", new, "--no-sample", "import", str(tmp_path / "o.csv"), "--dry-run",
                "--media-root", media, "--save-mapping", str(tmp_path / "m.json")]) == 0
    assert run(["--archive", new, "--no-sample", "import", str(tmp_path / "o.csv"),
                "--mapping", str(tmp_path / "m.json"), "--media-root", media]) == 0
    captured = capsys.readouterr()
    assert "2 created" in captured.out and "2 to create" in captured.out
    # The import made a verified backup first (the dry run did not).
    assert "backup before import:" in captured.out
    assert [p.name for p in (Path(new) / "backups").glob("*-import.db")] != []
    (tmp_path / "bad.csv").write_text("总登记号,名称,年代\nHY1,a,1944年13月\n", encoding="utf-8")
    assert run(["--archive", new, "--no-sample", "import", str(tmp_path / "bad.csv")]) == 1
    err = capsys.readouterr().err
    assert "row 2 (HY1): rejected — date_text: cannot read the date '1944年13月'" in err
    assert "nothing was imported" in err
    for fmt, name in (("lido", "l.xml"), ("json", "a.json"), ("xlsx", "o.xlsx"), ("iiif", "iiif")):
        assert run([*opened, "export", "--format", fmt, "--out", str(tmp_path / name)]) == 0
