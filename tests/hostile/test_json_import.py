"""The whole-archive JSON import with hostile documents (issue #14, attack 9).

`main.py --archive EMPTY --no-sample import ARCHIVE.json --media-root DIR` used to print a
traceback for a missing or mistyped key (KeyError: 'vocab', AttributeError, TypeError) and
stored a media path with '..' in it. Now the whole document's shape is checked before
anything is written: one line names the key path, the empty archive stays empty, no file
is copied anywhere. Our own export still imports (the check rejects unknown keys, which
our exports never have).
"""
from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any, Callable

import pytest

from exhibit.archive import Archive
from exhibit.interchange import archive_json
from tests.hostile.interchange_files import refused
from tests.hostile.support import MEMORY_CAP_MB, counts, run_main


@pytest.fixture
def export(archive: Archive, tmp_path: Path) -> tuple[dict[str, Any], Path]:
    """The sample archive as our own JSON export, and its media folder."""
    path = tmp_path / "全部.json"
    archive_json.write_json(archive, path)
    media = archive.media_root
    archive.close()
    return json.loads(path.read_text(encoding="utf-8")), media


@pytest.fixture
def empty(blank_archive: Archive) -> Path:
    blank_archive.close()
    return blank_archive.root


def write(tmp_path: Path, data: Any, name: str = "archive.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def files_in(root: Path) -> set[str]:
    """The archive folder's files other than its database (media copied in, above all)."""
    return {str(p.relative_to(root)) for p in root.rglob("*")
            if p.is_file() and not p.name.startswith("archive.db") and "lock" not in p.name}


def attack(empty: Path, path: Path, media: Path, *words: str) -> None:
    before = files_in(empty)
    refused(empty, "--no-sample", "import", str(path), "--media-root", str(media), words=(path.name, *words))
    assert files_in(empty) == before
    assert not any(counts(empty / "archive.db")[t] for t in ("objects", "media", "links"))


def test_our_own_export_imports_into_an_empty_archive(export: tuple[dict[str, Any], Path], empty: Path,
                                                      tmp_path: Path) -> None:
    data, media = export
    path = write(tmp_path, data)
    run = run_main("--archive", str(empty), "--no-sample", "import", str(path), "--media-root", str(media))
    assert run.returncode == 0, run.output
    assert run.peak_rss_mb < MEMORY_CAP_MB
    got = counts(empty / "archive.db")
    for record_type, rows in data["records"].items():
        table = archive_json.RECORD_TYPES[record_type].TABLE
        assert got[table] == len(rows), record_type
    assert got["links"] == len(data["links"]) and got["media_links"] == len(data["media_links"])
    for item in data["records"]["media"]:
        stored = empty / "media" / item["path"]
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == item["sha256"]


def _drop(path: tuple[Any, ...]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
    return change


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


@pytest.mark.parametrize("change, words", [
    (_drop(("vocabularies", 3, "vocab")), ("vocabularies[3].vocab", "missing")),
    (_set(("vocabularies",), {"material": []}), ("vocabularies must be a list",)),
    (_set(("vocabularies", 0, "code"), 7), ("vocabularies[0].code",)),
    (_set(("records",), []), ("records must be an object",)),
    (_drop(("records",)), ("records", "missing")),
    (_set(("records", "object", 2), "HY1944.0001"), ("records.object[2] must be an object",)),
    (_set(("records", "object", 0, "name_zh"), {"zh": "钢盔"}), ("records.object[0].name_zh", "text")),
    (_set(("records", "object", 0, "bogus"), 1), ("records.object[0].bogus",)),
    (_drop(("records", "object", 0, "id")), ("records.object[0].id", "missing")),
    (_set(("records", "object", 0, "id"), "1"), ("records.object[0].id",)),
    (_set(("records", "object", 0, "is_sample"), "yes"), ("records.object[0].is_sample",)),
    (_set(("records", "place", 0, "lat"), "27.9"), ("records.place[0].lat",)),
    (_set(("records", "secret"), []), ("records.secret", "not a kind of record")),
    (_set(("links",), 5), ("links must be a list",)),
    (_drop(("links", 0, "to_id")), ("links[0].to_id", "missing")),
    (_set(("media_links", 0, "media_id"), None), ("media_links[0].media_id",)),
    (_set(("schema_version",), "9"), ("schema_version",)),
    (_set(("schema_version",), 10_000), ("newer Exhibit",)),
    (_set(("extra",), {"sql": "DROP TABLE objects"}), ("extra",)),
    (_set(("records", "object", 1, "id"), 1), ("records.object[1]", "cannot be imported")),
    (_set(("media_links", 0, "media_id"), 999_999), ("media_links[0]", "FOREIGN KEY")),
])
def test_a_mistyped_or_incomplete_export_is_refused_naming_the_key(export: tuple[dict[str, Any], Path],
                                                                   empty: Path, tmp_path: Path, change,
                                                                   words: tuple[str, ...]) -> None:
    data, media = export
    data = copy.deepcopy(data)
    change(data)
    attack(empty, write(tmp_path, data), media, *words)


@pytest.mark.parametrize("bad", ["../evil/x.png", "originals/../../../evil/x.png", "/etc/passwd",
                                 "..\\..\\evil\\x.png", "originals\\x.png", "C:/evil/x.png",
                                 "originals/x\x00.png", "originals//x.png", "./x.png", ""])
def test_a_media_path_leaving_the_media_folder_is_refused(export: tuple[dict[str, Any], Path], empty: Path,
                                                          tmp_path: Path, bad: str) -> None:
    data, media = export
    data = copy.deepcopy(data)
    first = data["records"]["media"][0]
    # A real file with the claimed hash where the path leads, for a careless importer to copy.
    source = media / first["path"]
    if bad.startswith("../") and "\\" not in bad:
        decoy = (media / bad).resolve()
        decoy.parent.mkdir(parents=True, exist_ok=True)
        decoy.write_bytes(source.read_bytes())
    first["path"] = bad
    attack(empty, write(tmp_path, data), media, "records.media[0].path")


def test_a_media_hash_that_is_not_a_sha256_is_refused(export: tuple[dict[str, Any], Path], empty: Path,
                                                      tmp_path: Path) -> None:
    data, media = export
    data = copy.deepcopy(data)
    data["records"]["media"][0]["sha256"] = "../../etc"
    attack(empty, write(tmp_path, data), media, "records.media[0].sha256")


@pytest.mark.parametrize("content, words", [
    (b'{"format": "exhibit-archive", "records": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", ("too deeply",)),
    (b"not json at all", ("not valid JSON",)),
    ('{"format": "exhibit-archive", "records": {}}'.encode("utf-16"), ("not UTF-8",)),
    (b'["exhibit-archive"]', ("not an Exhibit archive export",)),
])
def test_a_file_that_is_not_an_export_is_refused(export: tuple[dict[str, Any], Path], empty: Path,
                                                 tmp_path: Path, content: bytes, words: tuple[str, ...]) -> None:
    _, media = export
    path = tmp_path / "odd.json"
    path.write_bytes(content)
    attack(empty, path, media, *words)


def test_a_fault_in_the_last_entry_of_the_document_is_found(export: tuple[dict[str, Any], Path], empty: Path,
                                                             tmp_path: Path) -> None:
    data, media = export
    data = copy.deepcopy(data)
    last = len(data["media_links"]) - 1
    data["media_links"][last]["position"] = "first"
    attack(empty, write(tmp_path, data), media, f"media_links[{last}].position")
