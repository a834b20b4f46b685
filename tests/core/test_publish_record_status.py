"""Visitors see published records only: a draft or a record under review stays off the kiosk,
with everything that would mention it (links, citations, images only it uses)."""
from __future__ import annotations

from dataclasses import replace

from exhibit import media_records, search, services
from exhibit.publish.snapshot import open_snapshot, publish
from exhibit.records import ArchiveObject


def _kiosk_accessions(folder) -> set[str]:
    snapshot = open_snapshot(folder)
    try:
        return {o.accession for o in services.list_records(snapshot, ArchiveObject)}
    finally:
        snapshot.close()


def test_drafts_and_reviewed_records_stay_off_the_kiosk(archive, tmp_path):
    helmet = services.object_by_accession(archive, "HY1944.0004")
    services.update(archive, replace(helmet, record_status="draft"))
    canteen = services.object_by_accession(archive, "HY1944.0002")
    services.update(archive, replace(canteen, record_status="reviewed"))
    new = services.create(archive, ArchiveObject(accession="HY2026.0001", name_zh="新入藏的水壶"))
    assert new.record_status == "draft"

    publish(archive, tmp_path / "kiosk")
    shown = _kiosk_accessions(tmp_path / "kiosk")
    assert {"HY1944.0004", "HY1944.0002", "HY2026.0001"}.isdisjoint(shown)
    assert "HY1944.0001" in shown

    snapshot = open_snapshot(tmp_path / "kiosk")
    try:
        db = snapshot.db
        for object_id in (helmet.id, canteen.id):
            assert not db.execute("SELECT 1 FROM links WHERE (from_type = 'object' AND from_id = ?) "
                                  "OR (to_type = 'object' AND to_id = ?)", [object_id, object_id]).fetchall()
            assert not db.execute("SELECT 1 FROM citations WHERE record_type = 'object' AND record_id = ?",
                                  [object_id]).fetchall()
            assert not db.execute("SELECT 1 FROM media_links WHERE record_type = 'object' AND record_id = ?",
                                  [object_id]).fetchall()
        # Nothing the kiosk can search for names the draft.
        assert not [h for h in search.search(db, "HY1944.0004").hits if h.ident == "HY1944.0004"]
    finally:
        snapshot.close()

    publish(archive, tmp_path / "kiosk2", ("published", "reviewed"))
    assert "HY1944.0002" in _kiosk_accessions(tmp_path / "kiosk2")
    assert "HY1944.0004" not in _kiosk_accessions(tmp_path / "kiosk2")


def test_an_image_only_a_draft_uses_is_left_out_but_a_shared_one_stays(archive, tmp_path):
    helmet = services.object_by_accession(archive, "HY1944.0004")
    images = media_records.media_for(archive, "object", helmet.id)
    assert images
    services.update(archive, replace(helmet, record_status="draft"))
    publish(archive, tmp_path / "kiosk")
    snapshot = open_snapshot(tmp_path / "kiosk")
    try:
        kept = {row[0] for row in snapshot.db.execute("SELECT sha256 FROM media")}
        for image in images:
            shared = archive.db.execute(
                "SELECT count(*) FROM media_links WHERE media_id = ? AND NOT (record_type = 'object' "
                "AND record_id = ?)", [image.id, helmet.id]).fetchone()[0]
            assert (image.sha256 in kept) == bool(shared)
    finally:
        snapshot.close()
