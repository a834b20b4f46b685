"""The whole archive as one JSON document, and reading it back into an empty archive.

    {"format": "exhibit-archive", "version": 1, "schema_version": 3, "exported": "…",
     "vocabularies": [{"vocab": "material", "code": "iron", …}],
     "records": {"object": [{"id": 1, "accession": "HY1944.0001", …}], "person": […], …},
     "links": [{"id": …, "from_type": "panel", …}], "media_links": […]}

Records keep their ids, time stamps and every stored field, so links,
citations and movements stay valid. The change history is not included (it
is the archive's own record of who changed what; a bundle carries it). Image
files are not inside the JSON: `import_json(…, media_root=…)` copies them from
the exporting archive's media folder and checks each one's SHA-256.

Before anything is written, `validate` checks the whole document's shape: every
key it reads, with its type, and no key it does not know (our own exports
have none), so a hand-edited or hostile file is refused with one line naming
the key path (`vocabularies[3].vocab`), not a traceback half-way through. A
media record's path must stay inside the media folder: relative, no '..',
no backslash, no drive letter, no NUL.
"""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from exhibit import media_files, schema, search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange import jsonfile
from exhibit.interchange.jsonfile import kind, where
from exhibit.records import RECORD_TYPES, field_names

FORMAT = "exhibit-archive"
# Parents before the records that refer to them.
ORDER = ("source", "section", "panel", "person", "place", "event", "object", "media", "citation", "movement")
_LINK_COLUMNS = ("id", "from_type", "from_id", "to_type", "to_id", "role", "position")
_MEDIA_LINK_COLUMNS = ("id", "media_id", "record_type", "record_id", "role", "position")


def archive_data(archive: Archive) -> dict[str, Any]:
    db = archive.db
    records: dict[str, list[dict[str, Any]]] = {}
    for record_type in ORDER:
        cls = RECORD_TYPES[record_type]
        names = field_names(cls)
        cursor = db.execute(f"SELECT {', '.join(names)} FROM {cls.TABLE} ORDER BY id")
        records[record_type] = [dict(zip(names, row)) for row in cursor]
    return {
        "format": FORMAT, "version": 1, "schema_version": schema.version(db), "exported": services.now(),
        "vocabularies": [dict(zip(("vocab", "code", "label_zh", "label_en", "position"), r)) for r in db.execute(
            "SELECT vocab, code, label_zh, label_en, position FROM vocabularies ORDER BY vocab, position, code")],
        "records": records,
        "links": [dict(zip(_LINK_COLUMNS, r)) for r in db.execute(
            f"SELECT {', '.join(_LINK_COLUMNS)} FROM links ORDER BY id")],
        "media_links": [dict(zip(_MEDIA_LINK_COLUMNS, r)) for r in db.execute(
            f"SELECT {', '.join(_MEDIA_LINK_COLUMNS)} FROM media_links ORDER BY id")],
    }


def write_json(archive: Archive, path: Path | str) -> dict[str, int]:
    path = Path(path)
    data = archive_data(archive)
    tmp = path.with_name(path.name + ".part")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    tmp.replace(path)
    return {k: len(v) for k, v in data["records"].items()}


@dataclass
class JsonImportResult:
    counts: dict[str, int] = field(default_factory=dict)
    media_copied: int = 0
    media_missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = ", ".join(f"{n} {t}" for t, n in self.counts.items() if n)
        if self.media_copied:
            text += f"; {self.media_copied} media file(s) copied"
        if self.media_missing:
            text += f"; {len(self.media_missing)} media file(s) not available (run `check`)"
        return text


def _read(path: Path) -> dict[str, Any]:
    data = jsonfile.load(path, what="whole-archive export")
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExhibitError(f"{path.name}: is not an Exhibit archive export (no \"format\": \"{FORMAT}\")")
    validate(data, path.name)
    if data.get("schema_version", 0) > schema.LATEST:
        raise ExhibitError(f"{path.name}: was written by a newer Exhibit (schema "
                           f"{data['schema_version']}); upgrade to import it")
    return data


# ---------------------------------------------------------------- the document's shape

class ShapeError(ExhibitError):
    """The JSON is not shaped like an export; the message names the key path."""


_TOP = {"format": "text", "version": "int", "schema_version": "int", "exported": "text",
        "vocabularies": "list", "records": "object", "links": "list", "media_links": "list"}
_TERM = {"vocab": "name", "code": "name", "label_zh": "text", "label_en": "text", "position": "int"}
_LINK = {"id": "id?", "from_type": "name", "from_id": "id", "to_type": "name", "to_id": "id",
         "role": "text?", "position": "int?"}
_MEDIA_LINK = {"id": "id?", "media_id": "id", "record_type": "name", "record_id": "id",
               "role": "text?", "position": "int?"}
_REQUIRED = {"name", "id"}  # the kinds a row cannot do without
_SHA256 = re.compile(r"[0-9a-f]{64}")
# What each annotation of a record's field accepts ("bool" also as SQLite's 0/1).
_ANNOTATIONS = {"str": "text", "str | None": "text?", "int": "int", "int | None": "int?",
                "float | None": "number?", "bool": "flag"}


def _accepts(expected: str, value: Any) -> bool:
    optional = expected.endswith("?")
    expected = expected.rstrip("?")
    if value is None:
        return optional
    if expected in ("text", "name"):
        return isinstance(value, str) and (expected == "text" or bool(value.strip()))
    if expected in ("int", "id"):
        return isinstance(value, int) and not isinstance(value, bool) and (expected == "int" or value >= 1)
    if expected == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected == "flag":
        return isinstance(value, bool) or (isinstance(value, int) and value in (0, 1))
    if expected == "list":
        return isinstance(value, list)
    if expected == "object":
        return isinstance(value, dict)
    return False


_WORDS = {"text": "text", "name": "non-empty text", "int": "a whole number", "id": "a whole number ≥ 1",
          "number": "a number", "flag": "true/false", "list": "a list", "object": "an object"}


def _check(source: str, value: Any, expected: str, *path: str | int) -> None:
    if not _accepts(expected, value):
        words = _WORDS[expected.rstrip("?")] + (" or null" if expected.endswith("?") else "")
        raise ShapeError(f"{source}: {where(*path)} must be {words}, not {kind(value)}; nothing was imported")


def _check_row(source: str, row: Any, spec: dict[str, str], *path: str | int) -> None:
    """An object whose keys are all in `spec`, each of the kind it names; required ones present."""
    if not isinstance(row, dict):
        raise ShapeError(f"{source}: {where(*path)} must be an object, not {kind(row)}; nothing was imported")
    unknown = sorted(set(row) - set(spec))
    if unknown:
        raise ShapeError(f"{source}: {where(*path, unknown[0])} is not a key of this kind of entry; "
                         f"nothing was imported")
    for key, expected in spec.items():
        if key in row:
            _check(source, row[key], expected, *path, key)
        elif expected in _REQUIRED:
            raise ShapeError(f"{source}: {where(*path, key)} is missing; nothing was imported")


def _record_spec(record_type: str) -> dict[str, str]:
    spec = {f.name: _ANNOTATIONS.get(str(f.type), "text?") for f in fields(RECORD_TYPES[record_type])}
    spec["id"] = "id"
    return spec


def safe_media_path(relpath: str) -> bool:
    """A path inside the media folder however it is joined: relative POSIX, no '..' or '.',
    no empty part, no backslash, drive letter or NUL."""
    if not relpath or "\x00" in relpath or "\\" in relpath or relpath.startswith("/"):
        return False
    if re.match(r"[A-Za-z]:", relpath):
        return False
    return all(part not in ("", ".", "..") for part in relpath.split("/"))


def validate(data: dict[str, Any], source: str) -> None:
    """Raise ShapeError, naming the key path, unless `data` is shaped like an export."""
    _check_row(source, data, _TOP)
    if "records" not in data:
        raise ShapeError(f"{source}: records is missing; nothing was imported")
    for number, term in enumerate(data.get("vocabularies", [])):
        _check_row(source, term, _TERM, "vocabularies", number)
    records = data["records"]
    for record_type, rows in records.items():
        if record_type not in ORDER:
            raise ShapeError(f"{source}: {where('records', record_type)} is not a kind of record "
                             f"(known: {', '.join(ORDER)}); nothing was imported")
        _check(source, rows, "list", "records", record_type)
        spec = _record_spec(record_type)
        for number, row in enumerate(rows):
            _check_row(source, row, spec, "records", record_type, number)
    for number, row in enumerate(records.get("media", [])):
        relpath, sha = row.get("path"), row.get("sha256")
        if not isinstance(relpath, str) or not safe_media_path(relpath):
            raise ShapeError(f"{source}: {where('records', 'media', number, 'path')} ({relpath!r}) is not a "
                             f"path inside the media folder; nothing was imported")
        if not isinstance(sha, str) or not _SHA256.fullmatch(sha):
            raise ShapeError(f"{source}: {where('records', 'media', number, 'sha256')} is not a SHA-256 "
                             f"(64 lower-case hex digits); nothing was imported")
    for key, spec in (("links", _LINK), ("media_links", _MEDIA_LINK)):
        for number, row in enumerate(data.get(key, [])):
            _check_row(source, row, spec, key, number)


def import_json(archive: Archive, path: Path | str, media_root: Path | None = None) -> JsonImportResult:
    """Load a whole-archive JSON export into an archive that has no records yet, in one transaction."""
    path = Path(path)
    data = _read(path)
    if any(services.count(archive, t) for t in ORDER):
        raise ExhibitError(f"{path.name}: a whole-archive export can only be imported into an empty "
                           f"archive; {archive.root} already has records")
    result = JsonImportResult()
    records = data.get("records", {})
    with archive.transaction() as db:
        for term in data.get("vocabularies", []):
            db.execute("INSERT OR IGNORE INTO vocabularies (vocab, code, label_zh, label_en, position) "
                       "VALUES (?, ?, ?, ?, ?)", [term["vocab"], term["code"], term.get("label_zh", ""),
                                                  term.get("label_en", ""), term.get("position", 0)])
        for record_type in ORDER:
            cls = RECORD_TYPES[record_type]
            rows = records.get(record_type, [])
            for number, row in enumerate(rows, start=1):
                try:
                    record = cls.from_row(row)
                    columns = {"id": record.id, **services.row_to_store(record)}
                    db.execute(f"INSERT INTO {cls.TABLE} ({', '.join(columns)}) "
                               f"VALUES ({', '.join('?' * len(columns))})", list(columns.values()))
                except (sqlite3.Error, TypeError, ValueError) as exc:
                    raise ExhibitError(f"{path.name}: {where('records', record_type, number - 1)} (id "
                                       f"{row.get('id')}) cannot be imported ({exc}); nothing was imported") from None
                services.add_history(archive, "create", record_type, record.id, None, record.as_row())
            result.counts[record_type] = len(rows)
        for table, cols, key in (("links", _LINK_COLUMNS, "links"),
                                 ("media_links", _MEDIA_LINK_COLUMNS, "media_links")):
            for number, row in enumerate(data.get(key, [])):
                present = [c for c in cols if row.get(c) is not None]  # the rest take their defaults
                try:
                    db.execute(f"INSERT INTO {table} ({', '.join(present)}) "
                               f"VALUES ({', '.join('?' * len(present))})", [row[c] for c in present])
                except sqlite3.Error as exc:
                    raise ExhibitError(f"{path.name}: {where(key, number)} cannot be imported ({exc}); "
                                       f"nothing was imported") from None
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ExhibitError(f"{path.name}: {len(problems)} reference(s) point at records the file does "
                               f"not contain (first: {problems[0][0]} row {problems[0][1]}); nothing was imported")
        search.rebuild(db)
        for media in records.get("media", []):
            _copy_media(archive, media, media_root, result)
    return result


def _copy_media(archive: Archive, media: dict[str, Any], media_root: Path | None,
                result: JsonImportResult) -> None:
    relpath, sha = media.get("path", ""), media.get("sha256", "")
    if media_files.verify_stored(archive.media_root, relpath, sha) is None:
        return  # already there (same hash)
    if media_root is None or media_files.verify_stored(Path(media_root), relpath, sha) is not None:
        result.media_missing.append(relpath)
        return
    target = archive.media_root / relpath
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(Path(media_root) / relpath, target)
    result.media_copied += 1
