"""Snapshots and restore: undo of a cascading delete gives everything back, id included."""
from __future__ import annotations

import pytest

from exhibit import media_records, search, services, undo_snapshots
from exhibit.errors import ExhibitError, NotFoundError, ValidationError
from exhibit.integrity import check_archive
from exhibit.records import ArchiveObject

pytestmark = pytest.mark.both_backends

TABLES = ["objects", "panels", "sections", "people", "places", "events", "sources", "citations",
          "links", "media", "media_links", "movements", "history", "search_docs"]


def dump(archive) -> dict:
    return {t: archive.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def refs_of(archive, record_type: str, record_id: int) -> dict:
    """Every row that refers to a record, as stored (ids, positions and all)."""
    db = archive.db
    return {
        "links": db.execute("SELECT * FROM links WHERE (from_type = ? AND from_id = ?) OR "
                            "(to_type = ? AND to_id = ?) ORDER BY id",
                            [record_type, record_id, record_type, record_id]).fetchall(),
        "media_links": db.execute("SELECT * FROM media_links WHERE (record_type = ? AND record_id = ?) "
                                  "OR (? = 'media' AND media_id = ?) ORDER BY id",
                                  [record_type, record_id, record_type, record_id]).fetchall(),
        "citations": db.execute("SELECT * FROM citations WHERE (record_type = ? AND record_id = ?) "
                                "OR (? = 'source' AND source_id = ?) ORDER BY id",
                                [record_type, record_id, record_type, record_id]).fetchall(),
        "movements": db.execute("SELECT * FROM movements WHERE ? = 'object' AND object_id = ? ORDER BY id",
                                [record_type, record_id]).fetchall(),
        "panels": db.execute("SELECT id, section_id FROM panels WHERE ? = 'section' AND section_id = ?",
                             [record_type, record_id]).fetchall(),
        "events": db.execute("SELECT id, place_id FROM events WHERE ? = 'place' AND place_id = ?",
                             [record_type, record_id]).fetchall(),
    }


def hit_ids(archive, query: str, record_type: str, **filters) -> list[int]:
    result = search.search(archive.db, query, record_types=[record_type], limit=100, **filters)
    return [h.record_id for h in result.hits]


def test_object_with_everything_comes_back_identical(archive):
    obj = services.find(archive, "object", "HY1944.0005")
    services.record_movement(archive, obj.id, "展厅二", "1944年7月", reason="exhibition")
    services.record_movement(archive, obj.id, "库房 A-3", "1944年8月", reason="conservation")
    obj = services.get(archive, "object", obj.id)
    before = refs_of(archive, "object", obj.id)
    assert len(before["links"]) >= 5 and before["media_links"] and len(before["citations"]) == 2
    assert len(before["movements"]) == 2
    panel_id = next(r[2] for r in before["links"] if r[1] == "panel")
    panel_order = [link.to_id for link in services.links(archive, "panel", panel_id, "object")]

    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    services.delete(archive, "object", obj.id, cascade=True)
    assert hit_ids(archive, "HY1944.0005", "object") == []
    assert refs_of(archive, "object", obj.id)["links"] == []

    back = undo_snapshots.restore(archive, snap)
    assert back == obj  # same id, fields and time stamps
    assert refs_of(archive, "object", obj.id) == before  # ids, positions, roles: as stored
    assert [link.to_id for link in services.links(archive, "panel", panel_id, "object")] == panel_order
    assert [m.location for m in services.movements(archive, obj.id)] == ["展厅二", "库房 A-3"]
    assert hit_ids(archive, "HY1944.0005", "object") == [obj.id]
    assert obj.id in hit_ids(archive, "军用地图", "object")
    assert check_archive(archive) == []


def test_restore_writes_history_rows(archive):
    obj = services.find(archive, "object", "HY1944.0010")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    services.delete(archive, "object", obj.id, cascade=True)
    last = services.history(archive, limit=1)[0].id
    undo_snapshots.restore(archive, snap)
    new = [e for e in services.history(archive) if e.id > last]
    assert {e.action for e in new} == {"restore"}
    kinds = sorted(e.record_type for e in new)
    assert kinds.count("object") == 1 and kinds.count("citation") == 2
    assert kinds.count("link") == len(snap.links) and kinds.count("media_link") == 1
    own = next(e for e in new if e.record_type == "object")
    assert own.record_id == obj.id and own.before is None and own.after["accession"] == "HY1944.0010"


def test_section_gets_its_panels_back_and_objects_their_section(archive):
    section = services.find(archive, "section", "s3-siege")
    panels_before = refs_of(archive, "section", section.id)["panels"]
    assert panels_before
    some_object = next(link.to_id for pid, _ in panels_before
                       for link in services.links(archive, "panel", pid, "object"))
    obj = services.get(archive, "object", some_object)
    assert some_object in hit_ids(archive, obj.accession, "object", section_id=section.id)

    snap = undo_snapshots.snapshot(archive, "section", section.id)
    services.delete(archive, "section", section.id, cascade=True)
    assert refs_of(archive, "section", section.id)["panels"] == []

    assert undo_snapshots.restore(archive, snap) == section
    assert refs_of(archive, "section", section.id)["panels"] == panels_before
    assert some_object in hit_ids(archive, obj.accession, "object", section_id=section.id)
    assert check_archive(archive) == []


def test_place_gets_its_events_back(archive):
    place = services.find(archive, "place", "yuepingshan")
    before = refs_of(archive, "place", place.id)
    assert len(before["events"]) == 8
    snap = undo_snapshots.snapshot(archive, "place", place.id)
    services.delete(archive, "place", place.id, cascade=True)
    undo_snapshots.restore(archive, snap)
    assert refs_of(archive, "place", place.id) == before
    assert check_archive(archive) == []


def test_source_gets_its_citations_back(archive):
    source_id = archive.db.execute("SELECT source_id FROM citations GROUP BY source_id "
                                   "ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    before = refs_of(archive, "source", source_id)
    assert len(before["citations"]) >= 3
    snap = undo_snapshots.snapshot(archive, "source", source_id)
    services.delete(archive, "source", source_id, cascade=True)
    undo_snapshots.restore(archive, snap)
    assert refs_of(archive, "source", source_id) == before
    assert check_archive(archive) == []


def test_media_gets_shown_again_where_it_was(archive):
    media_id = archive.db.execute("SELECT media_id FROM media_links WHERE record_type = 'panel'").fetchone()[0]
    media = services.get(archive, "media", media_id)
    before = refs_of(archive, "media", media_id)
    snap = undo_snapshots.snapshot(archive, "media", media_id)
    services.delete(archive, "media", media_id, cascade=True)
    assert undo_snapshots.restore(archive, snap) == media
    assert refs_of(archive, "media", media_id) == before
    assert check_archive(archive) == []


@pytest.mark.sqlite_only("SQLite hands a deleted row's id out again; a server's identity never does")
def test_id_taken_fails_cleanly(archive):
    last = services.get(archive, "object", 42)
    snap = undo_snapshots.snapshot(archive, "object", last.id)
    services.delete(archive, "object", last.id, cascade=True)
    # SQLite hands the highest free rowid out again: a new object takes #42.
    other = services.create(archive, ArchiveObject(accession="HY2025.0001", name_zh="新藏品"))
    assert other.id == last.id
    state = dump(archive)
    with pytest.raises(ExhibitError, match="in use"):
        undo_snapshots.restore(archive, snap)
    assert dump(archive) == state
    assert check_archive(archive) == []


def test_restoring_twice_is_refused_and_changes_nothing(archive):
    obj = services.find(archive, "object", "HY1944.0005")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    services.delete(archive, "object", obj.id, cascade=True)
    undo_snapshots.restore(archive, snap)
    state = dump(archive)
    with pytest.raises(ExhibitError, match=f"#{obj.id} is in use"):
        undo_snapshots.restore(archive, snap)
    assert dump(archive) == state


def test_identifier_taken_fails_cleanly(archive):
    obj = services.find(archive, "object", "HY1944.0014")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    services.delete(archive, "object", obj.id, cascade=True)
    services.create(archive, ArchiveObject(accession="HY1944.0014", name_en="A newcomer"))
    state = dump(archive)
    with pytest.raises(ValidationError, match="already used"):
        undo_snapshots.restore(archive, snap)
    assert dump(archive) == state


def test_link_id_reused_meanwhile_still_restores_in_order(archive):
    obj = services.find(archive, "object", "HY1944.0037")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    max_link = archive.db.execute("SELECT max(id) FROM links").fetchone()[0]
    if max_link not in {link.id for link in snap.links}:
        # Make the object's link the newest one, so its id is the one handed out again.
        person = services.list_records(archive, "person")[0]
        services.unlink(archive, services.link(archive, "object", obj.id, "person", person.id, role="x").id)
        snap = undo_snapshots.snapshot(archive, "object", obj.id)
    order = [link.to_id for link in services.links(archive, "object", obj.id)]
    services.delete(archive, "object", obj.id, cascade=True)
    taken = services.link(archive, "event", services.list_records(archive, "event")[0].id,
                          "place", services.list_records(archive, "place")[0].id, role="reuse")
    undo_snapshots.restore(archive, snap)
    assert [link.to_id for link in services.links(archive, "object", obj.id)] == order
    assert services.get_link(archive, taken.id).role == "reuse"
    assert check_archive(archive) == []


def test_references_to_records_deleted_meanwhile_are_left_out(archive):
    obj = services.find(archive, "object", "HY1944.0041")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    person_link = next(link for link in snap.links if link.to_type == "person")
    services.delete(archive, "object", obj.id, cascade=True)
    services.delete(archive, "person", person_link.to_id, cascade=True)
    undo_snapshots.restore(archive, snap)
    assert person_link.to_id not in [link.to_id for link in services.links(archive, "object", obj.id)]
    assert check_archive(archive) == []


def test_snapshot_of_missing_record(archive):
    with pytest.raises(NotFoundError):
        undo_snapshots.snapshot(archive, "object", 9999)


def test_affected_lists_both_ends(archive):
    obj = services.find(archive, "object", "HY1944.0005")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    affected = snap.affected()
    assert affected[0] == ("object", obj.id)
    assert ("panel", next(link.from_id for link in snap.links if link.from_type == "panel")) in affected
    assert ("media", media_records.media_links(archive, "object", obj.id)[0].media_id) in affected


def another_window(archive, user: str = "bob"):
    """The same archive opened by another curator: on a server, a connection of their own."""
    from exhibit.archive import Archive

    if archive.is_server:
        return Archive.open(archive.url, user=user, media=archive.media_root)
    return Archive.open(archive.root, user=user)


def test_a_form_opened_before_the_delete_saves_after_undo_unless_edited_since(archive):
    from dataclasses import replace

    from exhibit.conflicts import Conflict

    obj = services.find(archive, "object", "HY1944.0005")
    obj = services.update(archive, replace(obj, location="展厅一"))   # a version past the first
    with another_window(archive) as bob:
        seen_by_bob = services.get(bob, "object", obj.id)
        snap = undo_snapshots.snapshot(archive, "object", obj.id)
        services.delete(archive, "object", obj.id, cascade=True)
        undo_snapshots.restore(archive, snap)
        # Undo gave back the record Bob has open: his save goes through.
        saved = services.update(bob, replace(seen_by_bob, location="展厅二"), base=seen_by_bob)
        assert services.get(archive, "object", obj.id).location == "展厅二"
        # Undone once more and then edited here: Bob's form (the first restore's) is out of date.
        snap = undo_snapshots.snapshot(archive, "object", obj.id)
        services.delete(archive, "object", obj.id, cascade=True)
        undo_snapshots.restore(archive, snap)
        services.update(archive, replace(services.get(archive, "object", obj.id), location="库房 A-3"))
        with pytest.raises(Conflict):
            services.update(bob, replace(saved, location="展柜 5"), base=saved)
    assert services.get(archive, "object", obj.id).location == "库房 A-3"


def test_other_windows_hear_the_record_come_back(archive, backend):
    import queue

    from exhibit.server.listen import CONNECTED, Listener

    if backend != "server":
        pytest.skip("a SQLite archive has one window; there is no one else to tell")
    obj = services.find(archive, "object", "HY1944.0005")
    snap = undo_snapshots.snapshot(archive, "object", obj.id)
    services.delete(archive, "object", obj.id, cascade=True)
    changes: queue.Queue = queue.Queue()
    states: queue.Queue = queue.Queue()
    listener = Listener(archive.url, changes.put, states.put)
    listener.start()
    try:
        assert states.get(timeout=30) == CONNECTED
        undo_snapshots.restore(archive, snap)
        # The record itself, and the panel that shows it again (a link's ends are both told).
        panel_id = next(link.from_id for link in snap.links if link.from_type == "panel")
        expected = {("object", obj.id, "restore"), ("panel", panel_id, "restore")}
        heard: set = set()
        while not expected <= heard:
            change = changes.get(timeout=30)
            heard.add((change.type, change.id, change.action))
    finally:
        listener.stop()
