"""Disputes ("accounts differ"): stored from the sample, published to the kiosk, kept on upgrade,
removed (and given back by undo) with their record."""
from __future__ import annotations

import json
import sqlite3

import pytest

from exhibit import disputes, schema, services, undo_snapshots
from exhibit.archive import Archive, connect
from exhibit.errors import ExhibitError, LinkedError, ValidationError
from exhibit.publish import kiosk_data
from exhibit.publish.snapshot import open_snapshot, publish
from exhibit.sample import loader
from exhibit.sample.loader import DATA_DIR

pytestmark = pytest.mark.both_backends

# The records that carry disputes, by file: the record type and the field that names each.
FILES = {"sections": ("section", "code"), "panels": ("panel", "code"), "people": ("person", "key"),
         "places": ("place", "key"), "events": ("event", "key"), "objects": ("object", "accession")}


def sample_disputes() -> list[tuple[str, str, dict]]:
    """Every dispute of the sample's JSON, as (record type, record identifier, dispute)."""
    found = []
    for name, (record_type, ident) in FILES.items():
        for record in json.loads((DATA_DIR / f"{name}.json").read_text(encoding="utf-8")):
            found += [(record_type, record[ident], d) for d in record.get("disputes", [])]
    return found


def test_the_sample_archive_holds_every_dispute_of_the_data(archive):
    expected = sample_disputes()
    assert expected, "the sample data has disputes"
    stored = 0
    for record_type, ident, data in expected:
        record = services.find(archive, record_type, ident)
        assert record is not None
        held = {d.key: d for d in disputes.disputes_of(archive, record_type, record.id)}
        dispute = held[data["key"]]
        assert (dispute.topic_zh, dispute.topic_en) == (data["topic_zh"], data["topic_en"])
        assert dispute.is_sample
        assert len(dispute.readings) >= 2
        assert [(r.value_zh, r.value_en, r.page) for r in dispute.readings] == \
            [(r["value_zh"], r["value_en"], r["page"]) for r in data["readings"]]
        for reading, want in zip(dispute.readings, data["readings"]):
            assert services.get(archive, "source", reading.source_id).key == want["source"]
        stored += 1
    assert archive.db.execute("SELECT count(*) FROM disputes").fetchone()[0] == stored


def test_an_unknown_source_key_is_a_loader_error_naming_record_and_key(blank_archive, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.json").write_text(json.dumps([{"key": "en-wp", "title": "Wikipedia"}]), encoding="utf-8")
    (data / "people.json").write_text(json.dumps([{
        "key": "fang-xianjue", "name_zh": "方先觉", "name_en": "Fang Xianjue",
        "disputes": [{"key": "escape", "topic_zh": "出逃日期", "topic_en": "Date of escape", "readings": [
            {"value_zh": "11月", "value_en": "November", "source": "en-wp", "page": "", "note": ""},
            {"value_zh": "12月", "value_en": "December", "source": "no-such-book", "page": "", "note": ""}]}]}]),
        encoding="utf-8")
    with pytest.raises(ExhibitError, match="fang-xianjue.*no-such-book"):
        loader.load_sample(blank_archive, data, illustrations=False)
    assert services.count(blank_archive, "person") == 0   # nothing half-loaded


def test_the_kiosk_snapshot_holds_the_disputes_but_not_the_curators_notes(archive, tmp_path):
    publish(archive, tmp_path / "kiosk")
    snap = open_snapshot(tmp_path / "kiosk")
    try:
        for record_type, ident, data in sample_disputes():
            record_id = services.find(archive, record_type, ident).id
            shown = {d.key: d for d in kiosk_data.disputes_for(snap, record_type, record_id)}
            dispute = shown[data["key"]]
            assert dispute.topic_zh == data["topic_zh"]
            assert [(r.value_zh, r.value_en) for r in dispute.readings] == \
                [(r["value_zh"], r["value_en"]) for r in data["readings"]]
            assert all(r.source_title for r in dispute.readings)
        assert snap.db.execute("SELECT count(*) FROM dispute_readings WHERE note != ''").fetchone()[0] == 0
    finally:
        snap.close()
    assert archive.db.execute("SELECT count(*) FROM dispute_readings WHERE note != ''").fetchone()[0] > 0


def test_an_archive_of_the_previous_version_upgrades_and_takes_disputes(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    db = connect(root / "archive.db")
    schema.migrate(db, root / "archive.db", target=4)  # the version before disputes
    db.execute("INSERT INTO people (key, name_zh, name_en) VALUES ('fang-xianjue', '方先觉', 'Fang Xianjue')")
    db.execute("INSERT INTO sources (key, title) VALUES ('a', 'Source A'), ('b', 'Source B')")
    db.close()
    archive = Archive.open(root)
    try:
        assert schema.version(archive.db) == schema.LATEST
        assert schema.inspect(archive.db.conn) == []
        fang = services.find(archive, "person", "fang-xianjue")
        a, b = (services.find(archive, "source", k).id for k in ("a", "b"))
        disputes.add_dispute(archive, "person", fang.id, "escape", "出逃日期", "Date of escape",
                             [disputes.Reading(a, "11月", "November"), disputes.Reading(b, "12月", "December")])
        [held] = disputes.disputes_of(archive, "person", fang.id)
        assert [r.value_en for r in held.readings] == ["November", "December"]
        assert services.history(archive, "dispute", held.id)[0].action == "create"
    finally:
        archive.close()
    backups = list((root / "backups").glob("archive-v4-*.db"))
    assert len(backups) == 1
    old = sqlite3.connect(backups[0])
    assert "disputes" not in {r[0] for r in old.execute("SELECT name FROM sqlite_master")}
    old.close()


def test_a_dispute_needs_two_readings_from_sources_that_exist(archive):
    fang = services.find(archive, "person", "fang-xianjue")
    source = services.find(archive, "source", "en-wp").id
    before = archive.db.execute("SELECT count(*) FROM disputes").fetchone()[0]
    with pytest.raises(ExhibitError, match="at least 2"):
        disputes.add_dispute(archive, "person", fang.id, "x", "x", "x", [disputes.Reading(source, "1", "1")])
    with pytest.raises(ValidationError, match="source #999999 does not exist"):
        disputes.add_dispute(archive, "person", fang.id, "x", "x", "x",
                             [disputes.Reading(source, "1", "1"), disputes.Reading(999999, "2", "2")])
    assert archive.db.execute("SELECT count(*) FROM disputes").fetchone()[0] == before


def test_deleting_a_record_removes_its_disputes_and_undo_gives_them_back(archive):
    record_type, ident, data = next(d for d in sample_disputes() if d[0] == "place")
    place = services.find(archive, record_type, ident)
    [before] = [d for d in disputes.disputes_of(archive, record_type, place.id) if d.key == data["key"]]
    with pytest.raises(LinkedError, match=f"dispute {data['key']}"):
        services.delete(archive, record_type, place.id)
    snap = undo_snapshots.snapshot(archive, record_type, place.id)
    services.delete(archive, record_type, place.id, cascade=True)
    assert archive.db.execute("SELECT count(*) FROM disputes WHERE id = ?", [before.id]).fetchone()[0] == 0
    assert archive.db.execute("SELECT count(*) FROM dispute_readings WHERE dispute_id = ?",
                              [before.id]).fetchone()[0] == 0
    assert services.history(archive, "dispute", before.id)[0].action == "delete"
    undo_snapshots.restore(archive, snap)
    assert disputes.disputes_of(archive, record_type, place.id) == [before]


def test_deleting_a_source_takes_its_readings_out_and_undo_puts_them_back(archive):
    _, _, data = sample_disputes()[0]
    source = services.find(archive, "source", data["readings"][0]["source"])
    rows_before = archive.db.execute("SELECT * FROM dispute_readings ORDER BY id").fetchall()
    snap = undo_snapshots.snapshot(archive, "source", source.id)
    services.delete(archive, "source", source.id, cascade=True)
    assert archive.db.execute("SELECT count(*) FROM dispute_readings WHERE source_id = ?",
                              [source.id]).fetchone()[0] == 0
    undo_snapshots.restore(archive, snap)
    assert archive.db.execute("SELECT * FROM dispute_readings ORDER BY id").fetchall() == rows_before
