"""The whole archive as one JSON document, and reading it back into an empty archive.

    {"format": "exhibit-archive", "version": 1, "schema_version": 3, "exported": "…",
     "settings": {"museum.name_zh": "…", "records.rights": "CC0 1.0"},
     "vocabularies": [{"vocab": "material", "code": "iron", …}],
     "records": {"object": [{"id": 1, "accession": "HY1944.0001", …}], "person": […], …},
     "links": [{"id": …, "from_type": "panel", …}], "media_links": […],
     "disputes": [{"id": 1, "record_type": "event", "record_id": 3, "key": …}],
     "dispute_readings": [{"id": 1, "dispute_id": 1, "source_id": 2, "value_zh": …}]}

Records keep their ids, time stamps and every stored field, so links,
citations, movements and disputes (each source's reading where accounts
differ) stay valid: an export imported again loses nothing of them. The
museum's settings (exhibit.institution: its names, identifier, the records'
licence) go with it. `settings`, `disputes` and `dispute_readings` are absent
from files written before they existed, which still import. The document is
written as it is read, a record to a line, so memory stays flat at a million
records. The change history is not included (it
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
from typing import Any, Callable, Iterable, Iterator, Sequence, TextIO

from exhibit import disputes, institution, media_files, schema, search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange import jsonfile, streaming
from exhibit.interchange.jsonfile import kind, where
from exhibit.records import RECORD_TYPES, field_names

FORMAT = "exhibit-archive"
# Parents before the records that refer to them.
ORDER = ("source", "section", "panel", "person", "place", "event", "object", "media", "citation", "movement")
_LINK_COLUMNS = ("id", "from_type", "from_id", "to_type", "to_id", "role", "position")
_MEDIA_LINK_COLUMNS = ("id", "media_id", "record_type", "record_id", "role", "position")
_DISPUTE_COLUMNS = ("id", "record_type", "record_id", "key", "topic_zh", "topic_en", "position", "is_sample",
                    "created", "modified")
_READING_COLUMNS = ("id", "dispute_id", "source_id", "value_zh", "value_en", "page", "note", "position")
_TERM_COLUMNS = ("vocab", "code", "label_zh", "label_en", "position")
# The lists after the records: key -> (table, columns), in the order they are written and read back.
_TABLES = {"links": ("links", _LINK_COLUMNS), "media_links": ("media_links", _MEDIA_LINK_COLUMNS),
           "disputes": ("disputes", _DISPUTE_COLUMNS), "dispute_readings": ("dispute_readings", _READING_COLUMNS)}


def _rows(archive: Archive, table: str, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
    """A table's rows as stored, in id order, read a chunk at a time."""
    for _, rows in streaming.query_chunks(archive, f"SELECT {', '.join(columns)} FROM {table} ORDER BY id"):
        yield from (dict(zip(columns, row)) for row in rows)


def _vocabularies(archive: Archive) -> list[dict[str, Any]]:
    return [dict(zip(_TERM_COLUMNS, r)) for r in archive.db.execute(
        f"SELECT {', '.join(_TERM_COLUMNS)} FROM vocabularies ORDER BY vocab, position, code")]


def _record_rows(archive: Archive, record_type: str) -> Iterator[dict[str, Any]]:
    cls = RECORD_TYPES[record_type]
    return _rows(archive, cls.TABLE, field_names(cls))


def _lists(archive: Archive) -> dict[str, Iterator[dict[str, Any]]]:
    """The document's lists after the records, each read as it is written."""
    return {key: _rows(archive, table, columns) for key, (table, columns) in _TABLES.items()}


def _head(archive: Archive) -> dict[str, Any]:
    return {"format": FORMAT, "version": 1, "schema_version": _schema_version(archive),
            "exported": services.now(), "settings": _settings(archive)}


def _schema_version(archive: Archive) -> int:
    """SQLite keeps it in PRAGMA user_version, a server archive in its schema_version table:
    the same numbers (exhibit/server/schema.py)."""
    if archive.is_server:
        from exhibit.server import schema as server_schema

        return server_schema.archive_version(getattr(archive, "conn")) or 0
    return schema.version(archive.db)


def _settings(archive: Archive) -> dict[str, str]:
    """The museum's settings that are set (exhibit.institution's keys; nothing internal)."""
    return {key: value for key, value in institution.settings(archive).items() if value}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _write_list(out: TextIO, items: Iterable[dict[str, Any]], indent: str) -> int:
    """A JSON list of objects, one to a line, written as they come; returns how many."""
    count = 0
    for item in items:
        out.write(("[\n" if count == 0 else ",\n") + indent + " " + _dump(item))
        count += 1
    out.write(f"\n{indent}]" if count else "[]")
    return count


def write_json(archive: Archive, path: Path | str,
               progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Write the whole archive as one JSON document, a record at a time (memory stays flat
    at any size); returns how many records of each type."""
    path = Path(path)
    counts: dict[str, int] = {}
    with streaming.snapshot(archive), streaming.replacing(path) as tmp, \
            open(tmp, "w", encoding="utf-8") as out:
        out.write("{\n" + "".join(f" {_dump(k)}: {_dump(v)},\n" for k, v in _head(archive).items()))
        out.write(' "vocabularies": ')
        _write_list(out, _vocabularies(archive), " ")
        out.write(',\n "records": {')
        for number, record_type in enumerate(ORDER):
            out.write(("\n" if number == 0 else ",\n") + f"  {_dump(record_type)}: ")
            counts[record_type] = _write_list(out, _record_rows(archive, record_type), "  ")
            if progress is not None:
                progress(number + 1, len(ORDER), record_type)
        out.write("\n }")
        for key, rows in _lists(archive).items():
            out.write(f",\n {_dump(key)}: ")
            _write_list(out, rows, " ")
        out.write("\n}\n")
    return counts


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
        "settings": "object", "vocabularies": "list", "records": "object", "links": "list",
        "media_links": "list", "disputes": "list", "dispute_readings": "list"}
_TERM = {"vocab": "name", "code": "name", "label_zh": "text", "label_en": "text", "position": "int"}
_LINK = {"id": "id?", "from_type": "name", "from_id": "id", "to_type": "name", "to_id": "id",
         "role": "text?", "position": "int?"}
_MEDIA_LINK = {"id": "id?", "media_id": "id", "record_type": "name", "record_id": "id",
               "role": "text?", "position": "int?"}
_DISPUTE = {"id": "id", "record_type": "name", "record_id": "id", "key": "text?", "topic_zh": "text",
            "topic_en": "text", "position": "int?", "is_sample": "flag?", "created": "text?", "modified": "text?"}
_READING = {"id": "id", "dispute_id": "id", "source_id": "id", "value_zh": "text", "value_en": "text",
            "page": "text", "note": "text", "position": "int?"}
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
    _check_row(source, data.get("settings", {}), {key: "text" for key in institution.KEY_NAMES}, "settings")
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
    for key, spec in (("links", _LINK), ("media_links", _MEDIA_LINK), ("disputes", _DISPUTE),
                      ("dispute_readings", _READING)):
        for number, row in enumerate(data.get(key, [])):
            _check_row(source, row, spec, key, number)
    for number, row in enumerate(data.get("disputes", [])):
        if row["record_type"] not in RECORD_TYPES:
            raise ShapeError(f"{source}: {where('disputes', number, 'record_type')} is not a kind of record "
                             f"(known: {', '.join(RECORD_TYPES)}); nothing was imported")


def import_json(archive: Archive, path: Path | str, media_root: Path | None = None) -> JsonImportResult:
    """Load a whole-archive JSON export into an archive that has no records yet, in one transaction."""
    path = Path(path)
    data = _read(path)
    if any(services.count(archive, t) for t in ORDER):
        raise ExhibitError(f"{path.name}: a whole-archive export can only be imported into an empty "
                           f"archive; {getattr(archive, 'address', archive.root)} already has records")
    result = JsonImportResult()
    records = data.get("records", {})
    refused = _database_errors(archive)
    unreadable: tuple[type[Exception], ...] = (*refused, TypeError, ValueError)
    with archive.transaction() as db:
        for term in data.get("vocabularies", []):
            db.execute("INSERT INTO vocabularies (vocab, code, label_zh, label_en, position) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (vocab, code) DO NOTHING",
                       [term["vocab"], term["code"], term.get("label_zh", ""), term.get("label_en", ""),
                        term.get("position", 0)])
        for record_type in ORDER:
            cls = RECORD_TYPES[record_type]
            rows = records.get(record_type, [])
            for number, row in enumerate(rows, start=1):
                try:
                    record = cls.from_row(row)
                    columns = {"id": record.id, **services.row_to_store(record)}
                    db.execute(f"INSERT INTO {cls.TABLE} ({', '.join(columns)}) "
                               f"VALUES ({', '.join('?' * len(columns))})", list(columns.values()))
                except unreadable as exc:
                    raise ExhibitError(f"{path.name}: {where('records', record_type, number - 1)} (id "
                                       f"{row.get('id')}) cannot be imported ({exc}); nothing was imported") from None
                services.add_history(archive, "create", record_type, record.id, None, record.as_row())
            result.counts[record_type] = len(rows)
        for key, (table, cols) in _TABLES.items():
            for number, row in enumerate(data.get(key, [])):
                present = [c for c in cols if row.get(c) is not None]  # the rest take their defaults
                try:
                    db.execute(f"INSERT INTO {table} ({', '.join(present)}) "
                               f"VALUES ({', '.join('?' * len(present))})", [row[c] for c in present])
                except refused as exc:
                    raise ExhibitError(f"{path.name}: {where(key, number)} cannot be imported ({exc}); "
                                       f"nothing was imported") from None
        if archive.is_server:
            _server_ids_taken(archive)
        _check_disputes(archive, path.name, data.get("disputes", []))
        institution.set_values(archive, data.get("settings", {}))  # the museum that exported it
        if archive.is_server:   # the server checked each reference as its row was written
            _server_index(archive)
        else:
            problems = db.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise ExhibitError(f"{path.name}: {len(problems)} reference(s) point at records the file "
                                   f"does not contain (first: {problems[0][0]} row {problems[0][1]}); "
                                   f"nothing was imported")
            search.rebuild(db)
        for media in records.get("media", []):
            _copy_media(archive, media, media_root, result)
    return result


def _database_errors(archive: Archive) -> tuple[type[Exception], ...]:
    """What the archive's database raises for a row it refuses."""
    if archive.is_server:
        import psycopg

        return (psycopg.Error,)
    return (sqlite3.Error,)


def _server_ids_taken(archive: Archive) -> None:
    """The rows kept the file's ids: each id sequence is moved past the highest, so that the
    next record made gets a new one (as SQLite gives max(id) + 1)."""
    for table in [RECORD_TYPES[t].TABLE for t in ORDER] + [table for table, _ in _TABLES.values()]:
        archive.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                           f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)")


def _server_index(archive: Archive) -> None:
    """Every imported record's search entry, in the server's form of the index."""
    from exhibit.server import records as server_records

    conn = getattr(archive, "conn")
    for record_type in search.INDEXED_TYPES:
        for record in services.list_records(archive, record_type):
            server_records.index(conn, record)


def _check_disputes(archive: Archive, source: str, rows: list[dict[str, Any]]) -> None:
    """Each dispute is about a record the file holds and has its readings (a dispute of fewer
    than two is none); its history row is the one disputes.py writes, readings included."""
    for number, row in enumerate(rows):
        if not services.exists(archive, row["record_type"], row["record_id"]):
            raise ExhibitError(f"{source}: {where('disputes', number)} is about {row['record_type']} "
                               f"#{row['record_id']}, which the file does not contain; nothing was imported")
        dispute = disputes.get(archive, row["id"])
        if len(dispute.readings) < disputes.MIN_READINGS:
            raise ExhibitError(f"{source}: {where('disputes', number)} has {len(dispute.readings)} reading(s); "
                               f"a dispute needs at least {disputes.MIN_READINGS}; nothing was imported")
        services.add_history(archive, "create", "dispute", dispute.id, None, dispute.as_row())


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
