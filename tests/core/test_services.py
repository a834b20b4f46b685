"""The service layer: validation rules, history, links, delete and cascade."""
from __future__ import annotations

import sqlite3
from dataclasses import replace

import psycopg
import pytest

from exhibit import services
from exhibit.errors import ExhibitError, LinkedError, NotFoundError, ValidationError
from exhibit.integrity import check_archive
from exhibit.records import ArchiveObject, Event, Panel, Person, Place, Section, Source

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends
# What the database itself refuses with: SQLite's, or the server's (a trigger's RAISE).
DATABASE_ERRORS = (sqlite3.DatabaseError, psycopg.Error)


def snapshot(archive) -> dict:
    """Everything a user could see change: every table's rows."""
    tables = ["objects", "panels", "sections", "people", "places", "events", "sources", "citations",
              "links", "media", "media_links", "movements", "history", "search_docs"]
    return {t: archive.db.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in tables}


def rifle(**changes) -> ArchiveObject:
    base = ArchiveObject(accession="HY1944.0001", name_zh="中正式步枪", name_en="Type 24 rifle",
                         category="weapon", material="steel", condition="mostly_complete",
                         grade="grade3", acquisition="donation", date_text="1944年6月",
                         description_zh="第十军守城时使用的步枪。", status="on_display")
    return replace(base, **changes)


def test_create_fills_dates_and_history(blank_archive):
    obj = services.create(blank_archive, rifle())
    assert obj.id is not None
    assert (obj.date_start, obj.date_end) == ("1944-06-01", "1944-06-30")
    entries = services.history(blank_archive, "object", obj.id)
    assert [e.action for e in entries] == ["create"]
    assert entries[0].who == "tester"
    assert entries[0].before is None and entries[0].after["accession"] == "HY1944.0001"


def test_update_records_before_and_after(blank_archive):
    obj = services.create(blank_archive, rifle())
    services.update(blank_archive, replace(obj, name_en="Chiang Kai-shek rifle (Type 24)"))
    latest = services.history(blank_archive, "object", obj.id)[0]
    assert latest.action == "update"
    assert latest.before["name_en"] == "Type 24 rifle"
    assert latest.after["name_en"] == "Chiang Kai-shek rifle (Type 24)"


def test_unchanged_update_writes_no_history(blank_archive):
    obj = services.create(blank_archive, rifle())
    services.update(blank_archive, obj)
    assert len(services.history(blank_archive, "object", obj.id)) == 1


@pytest.mark.parametrize("accession", ["HY1944.0001", "hy1944.0001", "  HY1944.0001 "])
def test_duplicate_accession_refused_and_nothing_written(blank_archive, accession):
    services.create(blank_archive, rifle())
    before = snapshot(blank_archive)
    with pytest.raises(ValidationError) as err:
        services.create(blank_archive, rifle(accession=accession, name_zh="另一支步枪"))
    assert "HY1944.0001" in str(err.value) and "already used" in str(err.value)
    assert snapshot(blank_archive) == before


@pytest.mark.parametrize("changes, message", [
    ({"accession": ""}, "accession number is required"),
    ({"name_zh": "", "name_en": ""}, "name is needed in Chinese or English"),
    ({"category": "spaceship"}, "category 'spaceship' is not a term"),
    ({"material": "adamantium"}, "material 'adamantium' is not a term"),
    ({"condition": "shiny"}, "condition 'shiny'"),
    ({"grade": "grade9"}, "grade 'grade9'"),
    ({"acquisition": "stolen"}, "acquisition 'stolen'"),
    ({"status": "lost"}, "status 'lost'"),
    ({"date_text": "1944年13月"}, "date_text"),
    ({"date_text": "1944-02-30"}, "day 30 does not exist"),   # unreadable text is kept instead
    ({"acquisition_date": "民国三十三年十三月"}, "acquisition_date"),
    ({"name_zh": "步枪\ud800"}, "name_zh contains characters that are not valid text"),
    ({"description_en": "x" * 100_000}, "description_en is 100,000 characters long"),
    ({"name_en": "y" * 1000}, "name_en is 1,000 characters long"),
])
def test_object_validation_rules(blank_archive, changes, message):
    before = snapshot(blank_archive)
    with pytest.raises(ValidationError) as err:
        services.create(blank_archive, rifle(**changes))
    assert message in str(err.value)
    assert snapshot(blank_archive) == before


def test_title_in_one_language_is_enough(blank_archive):
    assert services.create(blank_archive, rifle(name_zh="", name_en="Rifle")).id
    assert services.create(blank_archive, Person(name_zh="方先觉")).id


def test_all_problems_reported_together(blank_archive):
    with pytest.raises(ValidationError) as err:
        services.create(blank_archive, rifle(category="spaceship", date_text="1944年13月"))
    assert len(err.value.problems) == 2


def test_other_record_rules(blank_archive):
    with pytest.raises(ValidationError, match="needs a date"):
        services.create(blank_archive, Event(title_zh="停火"))
    with pytest.raises(ValidationError, match="latitude"):
        services.create(blank_archive, Place(name_en="Nowhere", lat=126.9, lon=112.6))
    with pytest.raises(ValidationError, match="section #999 does not exist"):
        services.create(blank_archive, Panel(code="p1", title_zh="展板", section_id=999))
    with pytest.raises(ValidationError, match="a code is required"):
        services.create(blank_archive, Section(title_zh="序厅"))
    services.create(blank_archive, Person(key="fang", name_zh="方先觉"))
    with pytest.raises(ValidationError, match="already used"):
        services.create(blank_archive, Person(key="fang", name_zh="方先觉"))
    # Optional keys may be left empty by many records.
    services.create(blank_archive, Person(name_zh="甲"))
    services.create(blank_archive, Person(name_zh="乙"))


def test_history_is_append_only(blank_archive):
    services.create(blank_archive, rifle())
    with pytest.raises(DATABASE_ERRORS, match="append-only"):
        blank_archive.db.execute("UPDATE history SET who = 'someone else'")
    with pytest.raises(DATABASE_ERRORS, match="append-only"):
        blank_archive.db.execute("DELETE FROM history")


def _panel_with_object(archive):
    section = services.create(archive, Section(code="s1", title_zh="四十七天"))
    panel = services.create(archive, Panel(code="p1", section_id=section.id, title_zh="第一次总攻"))
    obj = services.create(archive, rifle())
    link = services.link(archive, "panel", panel.id, "object", obj.id)
    return section, panel, obj, link


def test_delete_linked_record_refused_with_links_listed(blank_archive):
    _, panel, obj, _ = _panel_with_object(blank_archive)
    before = snapshot(blank_archive)
    with pytest.raises(LinkedError) as err:
        services.delete(blank_archive, "object", obj.id)
    assert "p1" in str(err.value) and "第一次总攻" in str(err.value)
    assert snapshot(blank_archive) == before


def test_delete_with_cascade_leaves_no_dangling_links(blank_archive):
    section, panel, obj, link = _panel_with_object(blank_archive)
    source = services.create(blank_archive, Source(key="en-wp", title="Battle of Hengyang"))
    services.cite(blank_archive, "object", obj.id, source.id, page="§2")
    removed = services.delete(blank_archive, "object", obj.id, cascade=True)
    assert len(removed) == 2
    assert services.links(blank_archive, "panel", panel.id) == []
    assert services.citations(blank_archive, "object", obj.id) == []
    assert check_archive(blank_archive) == []
    actions = [e.action for e in services.history(blank_archive)]
    assert actions[:3] == ["delete", "delete", "unlink"]  # object, citation, link: one row each
    # A section with panels: cascade detaches the panels, it does not delete them.
    services.delete(blank_archive, "section", section.id, cascade=True)
    assert services.get(blank_archive, "panel", panel.id).section_id is None


def test_source_with_citations_refused(blank_archive):
    obj = services.create(blank_archive, rifle())
    source = services.create(blank_archive, Source(key="time-1944", title="The Forgotten War"))
    services.cite(blank_archive, "object", obj.id, source.id)
    with pytest.raises(LinkedError, match="cited by object HY1944.0001"):
        services.delete(blank_archive, "source", source.id)


def test_update_of_deleted_record_says_so(blank_archive):
    obj = services.create(blank_archive, rifle())
    services.delete(blank_archive, "object", obj.id)
    # A server archive also says who deleted it (its history is shared).
    with pytest.raises(NotFoundError, match="does not exist|was deleted by tester"):
        services.update(blank_archive, replace(obj, name_en="changed"))


def test_link_reorder_and_unlink(blank_archive):
    section, panel, first, _ = _panel_with_object(blank_archive)
    second = services.create(blank_archive, rifle(accession="HY1944.0002", name_zh="钢盔"))
    third = services.create(blank_archive, rifle(accession="HY1944.0003", name_zh="水壶"))
    services.link(blank_archive, "panel", panel.id, "object", second.id)
    services.link(blank_archive, "panel", panel.id, "object", third.id)

    def order() -> list[int]:
        return [r.id for r in services.linked_records(blank_archive, "panel", panel.id, "object")]

    assert order() == [first.id, second.id, third.id]
    services.reorder_links(blank_archive, "panel", panel.id, "object", [third.id, first.id, second.id])
    assert order() == [third.id, first.id, second.id]
    with pytest.raises(ExhibitError, match="exactly the 3"):
        services.reorder_links(blank_archive, "panel", panel.id, "object", [third.id])
    link = services.links(blank_archive, "panel", panel.id, "object")[0]
    services.unlink(blank_archive, link.id)
    assert order() == [first.id, second.id]
    with pytest.raises(NotFoundError):
        services.link(blank_archive, "panel", panel.id, "object", 9999)


def test_reorder_sections(blank_archive):
    a = services.create(blank_archive, Section(code="a", title_zh="甲"))
    b = services.create(blank_archive, Section(code="b", title_zh="乙"))
    services.reorder(blank_archive, "section", [b.id, a.id])
    assert [s.code for s in services.list_records(blank_archive, "section")] == ["b", "a"]


def test_movement_updates_location_in_one_step(blank_archive):
    obj = services.create(blank_archive, rifle(location="库房A-01"))
    services.record_movement(blank_archive, obj.id, "展厅二 / Gallery 2", moved_at="2024-05-01",
                             reason="展出 display")
    assert services.get(blank_archive, "object", obj.id).location == "展厅二 / Gallery 2"
    moves = services.movements(blank_archive, obj.id)
    assert [m.location for m in moves] == ["展厅二 / Gallery 2"]
    assert moves[0].moved_by == "tester"


def test_failed_step_rolls_back_the_whole_action(blank_archive):
    """A multi-step action (movement + location) that fails halfway writes nothing."""
    obj = services.create(blank_archive, rifle())
    before = snapshot(blank_archive)
    with pytest.raises(ValidationError):
        services.record_movement(blank_archive, obj.id, "x" * 600)
    assert snapshot(blank_archive) == before


def test_panels_list_in_exhibition_order(blank_archive):
    first = services.create(blank_archive, Section(code="s1", title_zh="一", position=0))
    second = services.create(blank_archive, Section(code="s2", title_zh="二", position=1))
    services.create(blank_archive, Panel(code="b1", section_id=second.id, title_zh="乙一", position=0))
    services.create(blank_archive, Panel(code="a2", section_id=first.id, title_zh="甲二", position=1))
    services.create(blank_archive, Panel(code="a1", section_id=first.id, title_zh="甲一", position=0))
    assert [p.code for p in services.list_records(blank_archive, "panel")] == ["a1", "a2", "b1"]
    services.reorder(blank_archive, "section", [second.id, first.id])
    assert [p.code for p in services.list_records(blank_archive, "panel")] == ["b1", "a1", "a2"]
