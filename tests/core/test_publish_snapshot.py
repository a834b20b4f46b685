"""The kiosk's snapshot: public fields only, read-only, made without touching the live archive."""
from __future__ import annotations

import sqlite3

import pytest

from exhibit import search, services
from exhibit.errors import ExhibitError
from exhibit.publish import kiosk_data
from exhibit.publish.snapshot import PRIVATE_FIELDS, open_snapshot, publish
from exhibit.records import ArchiveObject

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


@pytest.fixture
def published(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0001")
    obj.location = "Store B, cupboard 7, drawer 3"
    obj.grade = "grade1" if obj.grade != "grade1" else obj.grade
    obj.acquisition_date = "2006-05-17"
    services.update(archive, obj)
    services.record_movement(archive, obj.id, "Conservation lab bench 2", "2024-01-05", reason="survey")
    report = publish(archive, tmp_path / "kiosk")
    snap = open_snapshot(tmp_path / "kiosk")
    yield archive, snap, report
    snap.close()


def test_snapshot_refuses_writes(published):
    _, snap, _ = published
    with pytest.raises(sqlite3.OperationalError):
        snap.db.execute("UPDATE objects SET name_zh = 'x'")
    with pytest.raises(sqlite3.OperationalError):
        services.create(snap, ArchiveObject(accession="NEW.1", name_zh="新", name_en="New"))
    assert snap.db.execute("PRAGMA query_only").fetchone()[0] == 1


def test_private_fields_are_gone_even_from_the_file(published, tmp_path):
    live, snap, report = published
    for table, columns in PRIVATE_FIELDS.items():
        for column, blank in columns.items():
            values = {r[0] for r in snap.db.execute(f"SELECT DISTINCT {column} FROM {table}")}
            assert values <= {blank}, f"{table}.{column} still has {values}"
    for table in ("movements", "history"):
        assert snap.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    raw = report.snapshot.read_bytes()
    # No deleted page, index segment or free list still carries a private value.
    for secret in ("Store B, cupboard 7", "Conservation lab bench", "2006-05-17", "tester"):
        assert secret.encode() not in raw, secret
    assert search.search(snap.db, "cupboard").total == 0
    assert live.db.execute("SELECT count(*) FROM objects WHERE location LIKE 'Conservation lab%'"
                           ).fetchone()[0] == 1  # the live archive keeps it


def test_public_content_and_images_are_published(published):
    live, snap, report = published
    assert report.counts["objects"] == services.count(live, "object") == 42
    assert report.counts["panels"] == 17 and not report.images_missing
    detail = kiosk_data.object_detail(snap, services.object_by_accession(live, "HY1944.0001").id)
    assert detail.name_zh and detail.credit_en and detail.images and detail.images[0].screen
    assert not (snap.root / "media" / "originals").exists()  # only derived images travel
    assert search.search(snap.db, "衡阳").total > 0 and search.search(snap.db, "hengyang").total > 0


def test_publish_again_replaces_the_snapshot(published, tmp_path):
    live, snap, _ = published
    obj = services.object_by_accession(live, "HY1944.0002")
    obj.name_en = "Renamed for the second publish"
    services.update(live, obj)
    publish(live, tmp_path / "kiosk")
    again = open_snapshot(tmp_path / "kiosk")
    try:
        assert again.db.execute("SELECT name_en FROM objects WHERE accession = 'HY1944.0002'"
                                ).fetchone()[0] == "Renamed for the second publish"
    finally:
        again.close()


def test_publishing_leaves_the_live_archive_as_it_was(archive, tmp_path):
    def state():
        return [archive.db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("objects", "media", "history", "settings")]

    before = state()
    publish(archive, tmp_path / "kiosk")
    assert state() == before


def test_missing_snapshot_is_a_clear_error(tmp_path):
    with pytest.raises(ExhibitError, match="no kiosk snapshot"):
        open_snapshot(tmp_path / "nowhere")


def test_missing_media_gives_placeholders_not_errors(archive, tmp_path):
    import shutil

    shutil.rmtree(archive.media_root)  # originals and derivatives gone
    report = publish(archive, tmp_path / "kiosk")
    assert report.images_missing
    snap = open_snapshot(tmp_path / "kiosk")
    try:
        first = kiosk_data.sections(snap)[0]
        assert first.image == ""
        panel = kiosk_data.panels(snap, first.id)[0]
        assert all(o.thumb == "" for o in panel.objects)
    finally:
        snap.close()


def test_kiosk_data_timeline_and_map(published):
    _, snap, _ = published
    events = kiosk_data.timeline(snap)
    siege = [e for e in events if e.phase == "siege"]
    assert siege[0].date_start == "1944-06-23" and siege[0].siege_day == 1
    assert max(e.siege_day for e in siege) == 47
    assert any(e.phase == "campaign" for e in events)
    data = kiosk_data.map_data(snap)
    assert len(data.places) == 17 and {line.kind for line in data.lines} == {"river", "railway"}
    assert all(0 <= p.x <= 1 and 0 <= p.y <= 1 for p in data.places)
    keys = {p.key: p for p in data.places}
    assert keys["quanxi"].x > keys["airfield"].x > keys["hengyang-old-city"].x  # east is right
