"""Attacks 6 and 9 (bundles), and attack 1's and 2's bundle half.

Before the fix a manifest listing media/bomb.bin as 10 bytes let `unbundle` write
everything the member unpacked to before the hash check; manifests of the wrong shape
stopped `unbundle` with a traceback (FileExistsError for media/x beside media/x/y,
AttributeError when "files" was a string, TypeError when "schema_version" was "9");
a bundle whose database was empty, or held other counts than its manifest, or a
trigger, was opened as an archive.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import struct
import zipfile
from pathlib import Path
from typing import Any, Callable

import pytest

from exhibit.interchange import bundle
from tests.hostile import support
from tests.hostile.support import assert_refused


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def made(archive, tmp_path) -> Path:
    """A sound bundle folder of the sample archive."""
    bundle.make_bundle(archive, tmp_path / "made")
    archive.close()
    return tmp_path / "made"


def manifest_of(folder: Path) -> dict[str, Any]:
    return json.loads((folder / bundle.MANIFEST).read_text(encoding="utf-8"))


def write_zip(folder: Path, out: Path, *, manifest: Any = None,
              members: list[tuple[str, bytes]] | None = None) -> Path:
    """The bundle folder as a zip, with the manifest and members an attacker chose."""
    manifest = manifest_of(folder) if manifest is None else manifest
    text = manifest if isinstance(manifest, str) else json.dumps(manifest)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(bundle.MANIFEST, text)
        for entry in manifest_of(folder)["files"]:
            zf.write(folder / entry["path"], entry["path"])
        for name, data in members or []:
            zf.writestr(zipfile.ZipInfo(name), data)
    return out


def unbundle(source: Path, dest: Path) -> support.Run:
    return support.run_main("unbundle", str(source), str(dest))


def assert_nothing_restored(tmp_path: Path, dest: Path, before: dict[str, str]) -> None:
    assert not dest.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".restore", ".verify"))]
    assert support.tree(tmp_path) == before


# ---------------------------------------------------------------- manifests of the wrong shape

def _shapes() -> dict[str, tuple[Callable[[dict], Any], list[tuple[str, bytes]], list[str]]]:
    def with_files(*extra):
        return lambda m: {**m, "files": m["files"] + list(extra)}
    return {
        "files is a string": (lambda m: {**m, "files": "archive.db"}, [], ["files"]),
        "schema_version is a string": (lambda m: {**m, "schema_version": "9"}, [], ["schema_version", "'9'"]),
        "schema_version from the future": (lambda m: {**m, "schema_version": 99}, [], ["newer"]),
        "a file and a folder of one name": (
            with_files({"path": "media/x", "size": 1, "sha256": sha(b"a")},
                       {"path": "media/x/y", "size": 1, "sha256": sha(b"b")}),
            [("media/x", b"a"), ("media/x/y", b"b")], ["media/x", "folder"]),
        "an entry that is not an object": (with_files("media/a.jpg"), [], ["files"]),
        "a size that is not a number": (
            with_files({"path": "media/a", "size": "big", "sha256": sha(b"a")}), [("media/a", b"a")], ["size"]),
        "a hash that is not one": (
            with_files({"path": "media/a", "size": 1, "sha256": "x"}), [("media/a", b"a")], ["SHA-256"]),
        "counts that are not counts": (lambda m: {**m, "counts": ["object", 42]}, [], ["counts"]),
        "the manifest is a list": (lambda m: [m], [], ["not an Exhibit bundle"]),
        "not JSON": (lambda m: "{'format': ", [], ["not valid JSON"]),
        "deeply nested JSON": (lambda m: "[" * 100000 + "]" * 100000, [], ["bundle-manifest.json"]),
    }


@pytest.mark.parametrize("shape", list(_shapes()))
def test_a_manifest_of_the_wrong_shape_is_refused_in_one_line(made, tmp_path, shape):
    change, members, words = _shapes()[shape]
    evil = write_zip(made, tmp_path / "evil.zip", manifest=change(manifest_of(made)), members=members)
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "evil.zip", *words)
    assert_nothing_restored(tmp_path, tmp_path / "out", before)
    check = support.run_main("verify-bundle", str(evil))
    assert check.returncode == 1 and "Traceback" not in check.output and "evil.zip" in check.output
    assert support.tree(tmp_path) == before


# ---------------------------------------------------------------- path tricks

@pytest.mark.parametrize("name, words", [
    ("/tmp/evil", ["unsafe path"]),
    ("media/../../evil", ["unsafe path"]),
    ("media/a\x00b", ["unsafe path"]),
    ("media\\..\\evil", ["unsafe path"]),
    ("C:/evil", ["unsafe path"]),
    ("media/./a", ["unsafe path"]),
    ("notes/readme.txt", ["unsafe path"]),   # only archive.db and media/… belong in a bundle
])
def test_a_manifest_path_that_leaves_the_folder_is_refused(made, tmp_path, name, words):
    m = manifest_of(made)
    m["files"].append({"path": name, "size": 1, "sha256": sha(b"a")})
    evil = write_zip(made, tmp_path / "evil.zip", manifest=m, members=[(name, b"a")])
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), *words)
    assert_nothing_restored(tmp_path, tmp_path / "out", before)
    assert not Path("/tmp/evil").exists() and not (tmp_path / "evil").exists()


def test_a_zip_member_outside_the_manifest_with_a_path_trick_is_refused(made, tmp_path):
    evil = write_zip(made, tmp_path / "evil.zip", members=[("../../escaped.txt", b"x")])
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "unsafe path")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)


def test_a_symlink_member_is_refused(made, tmp_path):
    m = manifest_of(made)
    target = b"/etc/passwd"
    m["files"].append({"path": "media/link.jpg", "size": len(target), "sha256": sha(target)})
    evil = tmp_path / "evil.zip"
    write_zip(made, evil, manifest=m)
    with zipfile.ZipFile(evil, "a") as zf:
        info = zipfile.ZipInfo("media/link.jpg")
        info.create_system = 3
        info.external_attr = 0o120777 << 16
        zf.writestr(info, target)
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "symbolic link")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)


def test_a_symlink_in_a_bundle_folder_is_refused(made, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private", encoding="utf-8")
    m = manifest_of(made)
    m["files"].append({"path": "media/link.txt", "size": 7, "sha256": sha(b"private")})
    (made / bundle.MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    (made / "media" / "link.txt").symlink_to(secret)
    before = support.tree(tmp_path)
    assert_refused(unbundle(made, tmp_path / "out"), "symbolic link")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)


@pytest.mark.parametrize("twice", ["in the manifest", "in the zip", "by case"])
def test_a_name_given_twice_is_refused(made, tmp_path, twice):
    m = manifest_of(made)
    db_entry = next(e for e in m["files"] if e["path"] == "archive.db")
    evil = tmp_path / "evil.zip"
    if twice == "in the manifest":
        m["files"].append(dict(db_entry))
        write_zip(made, evil, manifest=m)
    elif twice == "by case":   # one file on Windows and macOS: which one would stay?
        media = next(e for e in m["files"] if e["path"].startswith("media/"))
        other = media["path"].rsplit("/", 1)[0] + "/" + media["path"].rsplit("/", 1)[1].upper()
        m["files"].append({**media, "path": other})
        write_zip(made, evil, manifest=m, members=[(other, (made / media["path"]).read_bytes())])
    else:
        write_zip(made, evil)
        with pytest.warns(UserWarning), zipfile.ZipFile(evil, "a") as zf:
            zf.writestr("archive.db", b"another database altogether")
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "twice")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)


# ---------------------------------------------------------------- bombs (attack 6)

def _bomb_zip(made: Path, out: Path, real_size: int, *, forge_header: bool) -> Path:
    m = manifest_of(made)
    m["files"].append({"path": "media/bomb.bin", "size": 10, "sha256": sha(b"\0" * 10)})
    write_zip(made, out, manifest=m)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        with zf.open("media/bomb.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * (1 << 20)
            for _ in range(real_size >> 20):
                f.write(chunk)
    if forge_header:
        _forge_sizes(out, "media/bomb.bin", 10)
    return out


def _forge_sizes(path: Path, name: str, size: int) -> None:
    """Make the zip's central directory, which is what readers trust, claim `size` bytes for
    member `name`, as a forger would."""
    data = bytearray(path.read_bytes())
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        name_len = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + name_len]) == name.encode():
            assert struct.unpack_from("<I", data, at + 24)[0] != 0xFFFFFFFF   # no zip64 size here
            struct.pack_into("<I", data, at + 24, size)
        at += 4
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("forge_header", [False, True])
def test_a_bundle_bomb_writes_no_more_than_its_manifest_declares(made, tmp_path, forge_header):
    evil = _bomb_zip(made, tmp_path / "bomb.zip", 256 << 20, forge_header=forge_header)
    with zipfile.ZipFile(evil) as zf:
        assert zf.getinfo("media/bomb.bin").compress_size < 1 << 20   # a small member …
    before = support.tree(tmp_path)
    line = assert_refused(unbundle(evil, tmp_path / "out"), "media/bomb.bin")   # … refused before 256 MB land
    # Told by the zip's own header, or (forged) found while unpacking: zipfile stops at the size
    # its central directory gives, and the CRC then fails.
    assert ("not the 10 its manifest says" in line) if not forge_header else ("cannot be read" in line), line
    assert_nothing_restored(tmp_path, tmp_path / "out", before)


def test_a_bundle_folder_bomb_is_cut_at_its_declared_size(made, tmp_path):
    with open(made / "media" / "bomb.bin", "wb") as f:
        f.truncate(256 << 20)                 # sparse: costs no disk here, would cost 256 MB there
    m = manifest_of(made)
    m["files"].append({"path": "media/bomb.bin", "size": 10, "sha256": sha(b"\0" * 10)})
    (made / bundle.MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    dest_parent = tmp_path / "restore-here"
    dest_parent.mkdir()
    assert_refused(unbundle(made, dest_parent / "out"), "media/bomb.bin", "more than the 10 bytes")
    assert list(dest_parent.iterdir()) == []


def test_a_bundle_larger_than_the_free_space_is_refused_before_writing(made, tmp_path):
    free = shutil.disk_usage(tmp_path).free
    huge = free + (1 << 30)
    with open(made / "media" / "huge.bin", "wb") as f:
        f.truncate(huge)                       # sparse
    m = manifest_of(made)
    m["files"].append({"path": "media/huge.bin", "size": huge, "sha256": "0" * 64})
    (made / bundle.MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    dest_parent = tmp_path / "restore-here"
    dest_parent.mkdir()
    assert_refused(unbundle(made, dest_parent / "out"), "free", "nothing was restored")
    assert list(dest_parent.iterdir()) == []


# ---------------------------------------------------------------- the database inside

def _with_db(made: Path, tmp_path: Path, data: bytes, **manifest_changes: Any) -> Path:
    m = manifest_of(made)
    for entry in m["files"]:
        if entry["path"] == "archive.db":
            entry.update(size=len(data), sha256=sha(data))
    m.update(manifest_changes)
    (made / "archive.db").write_bytes(data)
    (made / bundle.MANIFEST).write_text(json.dumps(m), encoding="utf-8")
    return write_zip(made, tmp_path / "evil.zip")


def test_a_bundle_with_an_empty_database_is_refused(made, tmp_path):
    evil = _with_db(made, tmp_path, b"")
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "archive.db", "empty")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)
    assert_verify_says(evil, "empty")


def test_a_bundle_whose_counts_disagree_with_its_manifest_is_refused(made, tmp_path):
    m = manifest_of(made)
    m["counts"]["object"] += 1000
    evil = write_zip(made, tmp_path / "evil.zip", manifest=m)
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "object", "manifest")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)
    assert_verify_says(evil, "object record(s), its manifest says")


def test_a_bundle_carrying_a_foreign_trigger_is_refused(made, tmp_path):
    db = tmp_path / "planted.db"
    shutil.copy(made / "archive.db", db)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TRIGGER leak AFTER UPDATE OF location ON objects BEGIN "
                 "UPDATE objects SET description_en = description_en || OLD.location WHERE id = NEW.id; END")
    conn.commit()
    conn.close()
    evil = _with_db(made, tmp_path, db.read_bytes())
    db.unlink()
    before = support.tree(tmp_path)
    assert_refused(unbundle(evil, tmp_path / "out"), "trigger 'leak'")
    assert_nothing_restored(tmp_path, tmp_path / "out", before)
    assert_verify_says(evil, "trigger 'leak'")


def assert_verify_says(bundle_file: Path, words: str) -> None:
    """`verify-bundle` finds what `unbundle` refuses, not only damaged files."""
    run = support.run_main("verify-bundle", str(bundle_file))
    assert run.returncode == 1 and words in run.stdout and "Traceback" not in run.output, run.output


def test_a_sound_bundle_still_restores(made, tmp_path):
    good = write_zip(made, tmp_path / "good.zip")
    run = unbundle(good, tmp_path / "out")
    assert run.returncode == 0, run.output
    assert support.counts(tmp_path / "out" / "archive.db")["objects"] == manifest_of(made)["counts"]["object"]
