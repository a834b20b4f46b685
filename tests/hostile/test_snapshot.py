"""Attack 2: a schema planted in the archive must not carry private values into the kiosk.

The kiosk's snapshot is a fresh schema made by code and filled from an allow-list
of public columns. These tests plant what a hostile archive could hold — a
trigger that copies the storage location into the description when anything
touches the location, a view, an extra table and an extra column with secrets,
a computed 'public' column — then publish and read every byte of kiosk.db.
The trigger is planted through a second, raw connection after the archive is
open (opening an archive with a foreign trigger may itself be refused).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from exhibit import schema, services
from exhibit.errors import ExhibitError
from exhibit.publish import kiosk_data
from exhibit.publish.snapshot import open_snapshot, publish

SECRETS = {
    "location": "VAULT-7-SECRET-SHELF",
    "acquisition": "ACQ-SECRET-PRIVATE-SALE",
    "acquisition_date": "1999-09-09",
    "condition": "COND-SECRET-CRACKED",
    "grade": "GRADE-SECRET-TOP",
}
MOVED_TO = "MOVEMENT-SECRET-LAB-BENCH"
FILE_NAME = "SECRET-donor-wang-scan-0001.tif"
EXTRA = "EXTRA-TABLE-SECRET"
EXTRA_COLUMN = "EXTRA-COLUMN-SECRET"
NOTE = "CITATION-NOTE-SECRET"


def _plant_private_values(archive) -> int:
    obj = services.object_by_accession(archive, "HY1944.0001")
    obj.description_en = "A public description."
    services.update(archive, obj)  # a history row, which names the curator ("tester")
    services.record_movement(archive, obj.id, MOVED_TO, "2024-01-05", reason="survey")
    conn = sqlite3.connect(archive.db_path, isolation_level=None)
    try:
        assignments = ", ".join(f"{column} = ?" for column in SECRETS)
        conn.execute(f"UPDATE objects SET {assignments} WHERE id = ?", [*SECRETS.values(), obj.id])
        conn.execute("UPDATE media SET original_name = ? WHERE id = (SELECT min(id) FROM media)",
                     [FILE_NAME])
        conn.execute("UPDATE citations SET note = ? WHERE id = (SELECT min(id) FROM citations)", [NOTE])
    finally:
        conn.close()
    return obj.id


def _plant_schema(db_path: Path) -> None:
    """What a hostile archive adds: none of it is the program's schema."""
    conn = sqlite3.connect(db_path, isolation_level=None)
    try:
        conn.execute("CREATE TRIGGER leak_location AFTER UPDATE OF location ON objects BEGIN "
                     "UPDATE objects SET description_en = description_en || OLD.location "
                     "|| OLD.acquisition || OLD.condition || OLD.grade WHERE id = OLD.id; END")
        conn.execute("CREATE TRIGGER leak_on_read AFTER INSERT ON settings BEGIN "
                     "UPDATE objects SET name_en = name_en || location; END")
        conn.execute("CREATE VIEW leak_view AS SELECT accession, location, acquisition FROM objects")
        conn.execute("CREATE TABLE leak_extra (secret TEXT)")
        conn.execute("INSERT INTO leak_extra VALUES (?)", [EXTRA])
        conn.execute("ALTER TABLE objects ADD COLUMN leak_column TEXT")
        conn.execute("UPDATE objects SET leak_column = ?", [EXTRA_COLUMN])
    finally:
        conn.close()


def _fresh_schema_names(tmp_path: Path) -> set[tuple[str, str]]:
    from sqlite_utils import Database

    conn = sqlite3.connect(tmp_path / "fresh.db", isolation_level=None)
    try:
        schema.migrate(Database(conn), None)
        return set(conn.execute("SELECT type, name FROM sqlite_master"))
    finally:
        conn.close()


def test_planted_trigger_view_and_extras_leak_nothing_into_the_kiosk(archive, tmp_path):
    object_id = _plant_private_values(archive)
    _plant_schema(archive.db_path)
    description_before = archive.db.execute(
        "SELECT description_en FROM objects WHERE id = ?", [object_id]).fetchone()[0]

    report = publish(archive, tmp_path / "kiosk")

    raw = report.snapshot.read_bytes()
    for secret in [*SECRETS.values(), MOVED_TO, FILE_NAME, EXTRA, EXTRA_COLUMN, NOTE, "tester",
                   "leak_location", "leak_on_read", "leak_view", "leak_extra", "leak_column"]:
        assert secret.encode() not in raw, f"{secret!r} is in kiosk.db"
    conn = sqlite3.connect(f"file:{report.snapshot.as_posix()}?mode=ro", uri=True)
    try:
        kiosk_schema = set(conn.execute("SELECT type, name FROM sqlite_master"))
        text = " ".join(str(v) for row in conn.execute(
            "SELECT description_en, name_en FROM objects") for v in row)
    finally:
        conn.close()
    assert kiosk_schema == _fresh_schema_names(tmp_path)  # the program's schema, nothing else
    assert "SECRET" not in text
    # Publishing wrote nothing to the archive: the planted trigger never fired there either.
    assert archive.db.execute("SELECT description_en FROM objects WHERE id = ?",
                              [object_id]).fetchone()[0] == description_before
    # And the kiosk still works on it.
    snap = open_snapshot(tmp_path / "kiosk")
    try:
        detail = kiosk_data.object_detail(snap, object_id)
        assert detail.description_en == "A public description."
        assert kiosk_data.find(snap, "cupboard") == [] and kiosk_data.find(snap, "VAULT") == []
        assert snap.db.execute("SELECT count(*) FROM movements").fetchone()[0] == 0
        assert snap.db.execute("SELECT count(*) FROM history").fetchone()[0] == 0
    finally:
        snap.close()


def test_a_computed_public_column_is_refused(archive, tmp_path):
    """A 'public' column the archive computes from a private one (a generated column)."""
    conn = sqlite3.connect(archive.db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ALTER TABLE sources RENAME TO sources_real")
        conn.execute("CREATE TABLE sources (id INTEGER PRIMARY KEY, is_sample INTEGER NOT NULL "
                     "DEFAULT 0, created TEXT, modified TEXT, key TEXT, kind TEXT NOT NULL DEFAULT '', "
                     "author TEXT NOT NULL DEFAULT '', publisher TEXT NOT NULL DEFAULT '', "
                     "year TEXT NOT NULL DEFAULT '', url TEXT NOT NULL DEFAULT '', "
                     "reliability_zh TEXT NOT NULL DEFAULT '', reliability_en TEXT NOT NULL "
                     "DEFAULT '', title TEXT GENERATED ALWAYS AS (reliability_en) VIRTUAL)")
    finally:
        conn.close()
    with pytest.raises(ExhibitError, match="sources.title"):
        publish(archive, tmp_path / "kiosk")
    assert not (tmp_path / "kiosk" / "kiosk.db").exists()
    assert not (tmp_path / "kiosk" / "kiosk.db.part").exists()


def test_a_view_in_place_of_a_public_table_is_refused(archive, tmp_path):
    conn = sqlite3.connect(archive.db_path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("ALTER TABLE links RENAME TO links_real")
        conn.execute("CREATE VIEW links AS SELECT * FROM links_real")
    finally:
        conn.close()
    with pytest.raises(ExhibitError, match="links is not a table"):
        publish(archive, tmp_path / "kiosk")
