"""Build the sample Hengyang exhibition into an archive from the data files.

Runs on first start (an empty archive) and in the test fixtures. Everything
goes through the service layer, in one transaction: a sample that fails to
load leaves the archive empty, never half-filled.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from exhibit import disputes, institution, media_records, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import ArchiveObject, Event, Panel, Person, Place, Section, Source

DATA_DIR = Path(__file__).parent / "data"
SAMPLE_MARK = "sample_loaded"


def _load(name: str, data_dir: Path) -> list[dict[str, Any]]:
    path = data_dir / f"{name}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else []


def _pick(data: dict[str, Any], cls: type, **extra: Any) -> Any:
    from dataclasses import fields

    names = {f.name for f in fields(cls)} - {"id", "created", "modified"}
    values = {k: v for k, v in data.items() if k in names}
    values.update(extra)
    return cls(is_sample=True, **values)


def _source_id(sources: dict[str, int], key: str, record_type: str, data: dict[str, Any],
               dispute: str) -> int:
    """A dispute reading's source: one that sources.json holds, or a loader error."""
    if key not in sources:
        ident = data.get("key") or data.get("code") or data.get("accession") or "?"
        raise ExhibitError(f"sample data: {record_type} '{ident}', dispute '{dispute}', names the "
                           f"source '{key}', which is not in sources.json")
    return sources[key]


def is_empty(archive: Archive) -> bool:
    return all(services.count(archive, t) == 0 for t in ("object", "section", "panel"))


def load_sample(archive: Archive, data_dir: Path = DATA_DIR, *, illustrations: bool = True) -> dict[str, int]:
    """Load the sample collection; returns how many records of each type were made."""
    with archive.transaction():
        ids: dict[str, dict[str, int]] = {t: {} for t in
                                          ("section", "panel", "person", "place", "event", "source", "object")}

        def cite_all(record_type: str, record_id: int, data: dict[str, Any]) -> None:
            """The record's citations and its disputes, each naming sources by key."""
            for c in data.get("citations", []):
                source_id = ids["source"].get(c.get("source", ""))
                if source_id is not None:
                    services.cite(archive, record_type, record_id, source_id,
                                  page=c.get("page", ""), note=c.get("note", ""))
            store_disputes(record_type, record_id, data)

        def store_disputes(record_type: str, record_id: int, data: dict[str, Any]) -> None:
            for d in data.get("disputes", []):
                readings = [disputes.Reading(source_id=_source_id(ids["source"], r.get("source", ""),
                                                                  record_type, data, d.get("key", "")),
                                             value_zh=r.get("value_zh", ""), value_en=r.get("value_en", ""),
                                             page=r.get("page", ""), note=r.get("note", ""))
                            for r in d.get("readings", [])]
                disputes.add_dispute(archive, record_type, record_id, d.get("key", ""), d.get("topic_zh", ""),
                                     d.get("topic_en", ""), readings, is_sample=True)

        for d in _load("sources", data_dir):
            ids["source"][d["key"]] = services.create(archive, _pick(d, Source)).id
        for pos, d in enumerate(_load("sections", data_dir)):
            rec = services.create(archive, _pick(d, Section, position=pos))
            ids["section"][d["code"]] = rec.id
            store_disputes("section", rec.id, d)
        for d in _load("people", data_dir):
            rec = services.create(archive, _pick(d, Person))
            ids["person"][d["key"]] = rec.id
            cite_all("person", rec.id, d)
        for d in _load("places", data_dir):
            rec = services.create(archive, _pick(d, Place))
            ids["place"][d["key"]] = rec.id
            cite_all("place", rec.id, d)
        for d in _load("events", data_dir):
            rec = services.create(archive, _pick(d, Event, date_text=d.get("date", ""),
                                                 place_id=ids["place"].get(d.get("place") or "")))
            ids["event"][d["key"]] = rec.id
            cite_all("event", rec.id, d)
            for key in d.get("people", []):
                if key in ids["person"]:
                    services.link(archive, "event", rec.id, "person", ids["person"][key])
        positions: dict[int, int] = {}
        for d in _load("panels", data_dir):
            section_id = ids["section"].get(d.get("section", ""))
            pos = positions.get(section_id or 0, 0)
            positions[section_id or 0] = pos + 1
            rec = services.create(archive, _pick(d, Panel, section_id=section_id, position=pos))
            ids["panel"][d["code"]] = rec.id
            cite_all("panel", rec.id, d)
            for kind, key_type in (("people", "person"), ("places", "place"), ("events", "event")):
                for key in d.get(kind, []):
                    if key in ids[key_type]:
                        services.link(archive, "panel", rec.id, key_type, ids[key_type][key])
        for d in _load("objects", data_dir):
            # The sample exhibition is on show: its objects are published unless the file says not.
            rec = services.create(archive, _pick({"record_status": "published", **d}, ArchiveObject))
            ids["object"][d["accession"]] = rec.id
            cite_all("object", rec.id, d)
            for code in d.get("panels", []):
                if code in ids["panel"]:
                    services.link(archive, "panel", ids["panel"][code], "object", rec.id)
            for kind, key_type in (("people", "person"), ("places", "place")):
                for key in d.get(kind, []):
                    if key in ids[key_type]:
                        services.link(archive, "object", rec.id, key_type, ids[key_type][key])
        media_count = _load_illustrations(archive, data_dir, ids) if illustrations else 0
        # The sample names itself as the holder, so its exports name no real museum.
        institution.set_values(archive, institution.SAMPLE_VALUES)
        archive.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)",
                           [SAMPLE_MARK, services.now()])
    counts = {t: len(v) for t, v in ids.items()}
    counts["media"] = media_count
    return counts


def _load_illustrations(archive: Archive, data_dir: Path, ids: dict[str, dict[str, int]]) -> int:
    from exhibit.sample import illustrations

    with tempfile.TemporaryDirectory(prefix="exhibit-illustrations-") as tmp:
        made = illustrations.render_all(data_dir, Path(tmp))
        for item in made:
            media, _ = media_records.import_file(
                archive, item.path, caption_zh=item.caption_zh, caption_en=item.caption_en,
                creator="Exhibit (generated)", rights="CC0", is_illustration=True, is_sample=True)
            for record_type, record_id in _targets(item.key, ids):
                media_records.link_media(archive, media.saved_id, record_type, record_id, role="illustration")
    return len(made)


def _targets(key: str, ids: dict[str, dict[str, int]]) -> list[tuple[str, int]]:
    """Which records an illustration belongs to, from its key."""
    if key.startswith("object-"):
        found = ids["object"].get(key[len("object-"):])
        return [("object", found)] if found else []
    if key.startswith("section-"):
        found = ids["section"].get(key[len("section-"):])
        return [("section", found)] if found else []
    if key.startswith("panel-"):
        found = ids["panel"].get(key[len("panel-"):])
        return [("panel", found)] if found else []
    if key.startswith("map"):
        targets = [("panel", ids["panel"][code]) for code in ("p05-positions", "p03-junction")
                   if code in ids["panel"]]
        targets += [("place", pid) for pid in ids["place"].values()]
        return targets
    return []


def ensure_sample(archive: Archive) -> dict[str, int] | None:
    """Load the sample into a new, empty archive; leave any other archive alone."""
    if archive.setting(SAMPLE_MARK) is not None or not is_empty(archive):
        return None
    return load_sample(archive)
