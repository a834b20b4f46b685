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
"""
from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exhibit import media as media_files
from exhibit import schema, search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
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
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ExhibitError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise ExhibitError(f"{path.name}: is not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExhibitError(f"{path.name}: is not an Exhibit archive export (no \"format\": \"{FORMAT}\")")
    if data.get("schema_version", 0) > schema.LATEST:
        raise ExhibitError(f"{path.name}: was written by a newer Exhibit (schema "
                           f"{data['schema_version']}); upgrade to import it")
    return data


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
            allowed = set(field_names(cls))
            rows = records.get(record_type, [])
            for number, row in enumerate(rows, start=1):
                unknown = set(row) - allowed
                if unknown:
                    raise ExhibitError(f"{path.name}: {record_type} {number} has unknown field(s) "
                                       f"{', '.join(sorted(unknown))}; nothing was imported")
                try:
                    record = cls.from_row(row)
                    columns = {"id": record.id, **services._write_row(record)}
                    db.execute(f"INSERT INTO {cls.TABLE} ({', '.join(columns)}) "
                               f"VALUES ({', '.join('?' * len(columns))})", list(columns.values()))
                except (sqlite3.Error, TypeError, ValueError) as exc:
                    raise ExhibitError(f"{path.name}: {record_type} {number} (id {row.get('id')}) cannot "
                                       f"be imported ({exc}); nothing was imported") from None
                services._history(archive, "create", record_type, record.id, None, record.as_row())
            result.counts[record_type] = len(rows)
        for table, cols, key in (("links", _LINK_COLUMNS, "links"), ("media_links", _MEDIA_LINK_COLUMNS, "media_links")):
            for row in data.get(key, []):
                db.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                           [row.get(c) for c in cols])
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
