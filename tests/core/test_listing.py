"""Record lists: ordered id lists with filters, search and sort, and rows by the page."""
from __future__ import annotations

import random
from array import array

import pytest

from bench.corpus import generate_objects
from exhibit import listing, search, services, vocab
from exhibit.errors import ExhibitError
from exhibit.listing import ListQuery
from exhibit.records import ArchiveObject

# Each test runs on a SQLite archive and on a server archive (tests/conftest.py).
pytestmark = pytest.mark.both_backends


def objects(archive) -> list[ArchiveObject]:
    return services.list_records(archive, "object")  # type: ignore[return-value]


def ids_of(archive, **kw) -> list[int]:
    result = listing.record_ids(archive, ListQuery("object", **kw))
    assert isinstance(result, array) and result.typecode == "q"
    return list(result)


def nocase(text: str) -> str:
    return text.encode().lower().decode()  # SQLite's NOCASE folds ASCII letters only


def test_default_order_is_accession(archive):
    expected = [o.id for o in sorted(objects(archive), key=lambda o: (nocase(o.accession), o.id))]
    assert ids_of(archive) == expected
    assert len(expected) == 42


@pytest.mark.parametrize("sort, key", [
    ("identifier", lambda o: nocase(o.accession)),
    ("title_zh", lambda o: o.name_zh),
    ("title_en", lambda o: nocase(o.name_en)),
    ("date", lambda o: (o.date_start or "", o.date_end or "")),
    ("modified", lambda o: o.modified),
    ("id", lambda o: 0),
    ("material", lambda o: o.material),  # any field name sorts too
])
@pytest.mark.parametrize("descending", [False, True])
def test_sort_orders(archive, sort, key, descending):
    expected = [o.id for o in sorted(objects(archive), key=lambda o: (key(o), o.id), reverse=descending)]
    assert ids_of(archive, sort=sort, descending=descending) == expected


@pytest.mark.parametrize("field", ["category", "status"])
@pytest.mark.parametrize("descending", [False, True])
def test_vocabulary_columns_sort_in_vocabulary_order(archive, field, descending):
    position = {t.code: t.position for t in vocab.terms(archive.db, field)}
    expected = [o.id for o in sorted(objects(archive), key=lambda o: (position[getattr(o, field)], o.id),
                                     reverse=descending)]
    got = ids_of(archive, sort=field, descending=descending)
    assert got == expected
    # The sample's categories really are in a different order than their codes' alphabet.
    if field == "category":
        assert got != [o.id for o in sorted(objects(archive), key=lambda o: (o.category, o.id))]


def test_unknown_code_sorts_after_the_vocabulary(archive):
    with archive.transaction():  # a term the vocabulary lacks (an older archive, say)
        archive.db.execute("UPDATE objects SET category = 'zz_legacy' WHERE id = 1")
    assert ids_of(archive, sort="category")[-1] == 1
    assert ids_of(archive, sort="category", descending=True)[0] == 1


def test_bad_sort_key_is_an_error(archive):
    with pytest.raises(ExhibitError, match="cannot sort"):
        ids_of(archive, sort="no_such_column; drop table objects")
    with pytest.raises(ExhibitError, match="no date"):
        listing.record_ids(archive, ListQuery("place", sort="date"))


def test_filters(archive):
    everything = objects(archive)
    assert set(ids_of(archive, category="iron_metal")) == {o.id for o in everything if o.category == "iron_metal"}
    assert len(ids_of(archive, category="iron_metal")) == 7
    assert set(ids_of(archive, status="on_loan")) == {o.id for o in everything if o.status == "on_loan"}
    # Dates overlap: the 1930s do not reach 1944, "约1944年" and the 1940s do.
    in_1944 = {o.id for o in everything if o.date_start and o.date_start <= "1944-12-31"
               and o.date_end >= "1944-01-01"}
    assert set(ids_of(archive, date_from="1944", date_to="1944")) == in_1944
    assert 0 < len(in_1944) < 42
    assert set(ids_of(archive, date_from="1944年6月23日")) == {
        o.id for o in everything if o.date_end and o.date_end >= "1944-06-23"}
    # Filters combine, and keep the order.
    both = ids_of(archive, category="archive", status="on_display", sort="title_zh")
    expected = [o.id for o in sorted(everything, key=lambda o: (o.name_zh, o.id))
                if o.category == "archive" and o.status == "on_display"]
    assert both == expected and both


def test_filters_that_do_not_apply_are_ignored(archive):
    people = listing.record_ids(archive, ListQuery("person", category="weapon", status="on_loan"))
    assert len(people) == services.count(archive, "person")


def test_section_filter_is_objects_linked_from_its_panels(archive):
    section = services.list_records(archive, "section")[1]
    panels = services.list_records(archive, "panel", where="section_id = ?", params=[section.id])
    expected = {link.to_id for p in panels for link in services.links(archive, "panel", p.id, "object")}
    got = ids_of(archive, section_id=section.id)
    assert set(got) == expected and len(got) == len(expected) > 0
    # Panels: those of the section; events: linked from them.
    assert set(listing.record_ids(archive, ListQuery("panel", section_id=section.id))) == {p.id for p in panels}
    events = {link.to_id for p in panels for link in services.links(archive, "panel", p.id, "event")}
    assert set(listing.record_ids(archive, ListQuery("event", section_id=section.id))) == events


def test_section_filter_for_media(archive):
    section = services.list_records(archive, "section")[0]
    got = set(listing.record_ids(archive, ListQuery("media", section_id=section.id)))
    panels = {p.id for p in services.list_records(archive, "panel", where="section_id = ?",
                                                   params=[section.id])}
    targets = {("panel", p) for p in panels} | {
        (link.to_type, link.to_id) for p in panels for link in services.links(archive, "panel", p)}
    expected = {m for (m, t, r) in archive.db.execute(
        "SELECT media_id, record_type, record_id FROM media_links").fetchall() if (t, r) in targets}
    assert got == expected and got


def test_search_filter_matches_search(archive):
    result = search.search(archive.db, "钢盔", record_types=["object"], limit=100)
    expected = [h.record_id for h in result.hits]
    assert expected
    # Default order with search text: relevance, as the search box shows it.
    assert ids_of(archive, search="钢盔") == expected
    assert set(listing.search_ids(archive, "钢盔", "object")) == set(expected)
    # Sorted by a column instead.
    by_accession = ids_of(archive, search="钢盔", sort="identifier")
    accession = {o.id: nocase(o.accession) for o in objects(archive)}
    assert by_accession == sorted(expected, key=lambda i: (accession[i], i))
    # Pinyin and English work as in search.
    assert ids_of(archive, search="gangkui") or ids_of(archive, search="helmet")
    assert ids_of(archive, search="no-such-word-anywhere") == []


def test_search_with_filters_and_prefix(archive):
    everything = {o.id: o for o in objects(archive)}
    hits = ids_of(archive, search="衡阳")
    assert len(hits) > 3
    in_store = ids_of(archive, search="衡阳", status="on_display")
    assert in_store == [i for i in hits if everything[i].status == "on_display"]
    # A word still being typed matches as a prefix.
    assert ids_of(archive, search="helm")


def test_broad_search_filters_the_sorted_list(archive, monkeypatch):
    small = ids_of(archive, search="衡阳", sort="title_zh")
    monkeypatch.setattr(listing, "_SMALL_MATCH", 0)  # take the path of 20,000+ matches
    assert ids_of(archive, search="衡阳", sort="title_zh") == small
    assert ids_of(archive, search="衡阳", sort="category") == \
        [i for i in ids_of(archive, sort="category") if i in set(small)]


def test_other_record_types_list(archive):
    panels = listing.record_ids(archive, ListQuery("panel"))
    assert list(panels) == [p.id for p in services.list_records(archive, "panel")]  # exhibition order
    events = listing.record_ids(archive, ListQuery("event"))  # the timeline's order
    assert list(events) == [e.id for e in services.list_records(archive, "event",
                                                                  order="date_start, date_end, id")]
    people = listing.record_ids(archive, ListQuery("person", sort="title_en", descending=True))
    assert list(people) == [p.id for p in sorted(services.list_records(archive, "person"),
                                                 key=lambda p: (nocase(p.name_en), p.id), reverse=True)]
    sources = listing.record_ids(archive, ListQuery("source", sort="title_zh"))  # one title column
    assert len(sources) == services.count(archive, "source")


def test_fetch_rows(archive):
    first = objects(archive)[:3]
    rows = listing.fetch_rows(archive, "object", [o.id for o in first] + [999_999],
                              ["accession", "name_zh", "status"])
    assert rows == {o.id: (o.accession, o.name_zh, o.status) for o in first}  # deleted ids absent
    many = listing.fetch_rows(archive, "object", list(range(1, 2000)), ["accession"])
    assert len(many) == 42
    with pytest.raises(ExhibitError, match="no field"):
        listing.fetch_rows(archive, "object", [1], ["accession FROM objects; --"])


def test_thumbnail_media_is_the_primary_image(archive):
    from exhibit import media_records

    ids = [o.id for o in objects(archive)]
    found = listing.thumbnail_media(archive, "object", ids)
    assert found
    for record_id, media in found.items():
        assert media.id == media_records.primary_media(archive, "object", record_id).id
    media_ids = list(listing.record_ids(archive, ListQuery("media")))[:5]
    assert {m.id for m in listing.thumbnail_media(archive, "media", media_ids).values()} == set(media_ids)


@pytest.mark.sqlite_only("SQLite's query plans")
def test_sort_indexes_are_used(blank_archive):
    listing.create_sort_indexes(blank_archive.db)
    for sort in ("identifier", "title_zh", "title_en", "date", "modified"):
        sql = f"SELECT id FROM objects{listing._order_by(blank_archive.db, 'object', sort, False)}"
        plan = " ".join(r[3] for r in blank_archive.db.execute("EXPLAIN QUERY PLAN " + sql))
        assert "COVERING INDEX" in plan and "TEMP B-TREE" not in plan, (sort, plan)


@pytest.mark.sqlite_only("written with SQLite's bulk loader")
def test_generated_archive_of_200k_objects(blank_archive):
    """Benchmark data: correct lists at scale (not timed here; `python -m bench list` times it)."""
    count = generate_objects(blank_archive, 200_000, random.Random(7))
    assert count == 200_000
    ids = listing.record_ids(blank_archive, ListQuery("object"))
    assert len(ids) == 200_000 and ids.itemsize == 8
    page = listing.fetch_rows(blank_archive, "object", ids[150_000:150_256], ["accession", "name_zh"])
    accessions = [page[i][0] for i in ids[150_000:150_256]]
    assert accessions == sorted(accessions) and len(page) == 256
    by_title = listing.record_ids(blank_archive, ListQuery("object", sort="title_zh", descending=True))
    sample = by_title[::997]
    titles = listing.fetch_rows(blank_archive, "object", sample, ["name_zh"])
    shown = [titles[i][0] for i in sample]
    assert shown == sorted(shown, reverse=True)
    weapons = listing.record_ids(blank_archive, ListQuery("object", category="weapon"))
    assert 0 < len(weapons) < 200_000


@pytest.mark.parametrize("query", [
    ListQuery("object"),
    ListQuery("object", sort="title_zh", descending=True),
    ListQuery("object", sort="category"),
    ListQuery("object", sort="status", descending=True),
    ListQuery("object", status="on_display"),
    ListQuery("object", date_from="1944", sort="date"),
    ListQuery("object", search="衡阳"),
    ListQuery("panel"),
    ListQuery("event"),
])
def test_count_and_first_ids_agree_with_the_full_list(archive, query):
    full = listing.record_ids(archive, query)
    assert listing.count_ids(archive, query) == len(full)
    for limit in (0, 1, 5, 17, len(full), len(full) + 10):
        first = listing.first_ids(archive, query, limit)
        assert isinstance(first, array) and first.typecode == "q"
        assert list(first) == list(full[:limit]), limit


def test_first_ids_across_vocabulary_terms(archive):
    """A limit that ends inside the second term, and one inside the codes outside the vocabulary."""
    with archive.transaction():
        archive.db.execute("UPDATE objects SET category = 'not_a_term' WHERE id IN "
                           "(SELECT id FROM objects ORDER BY id LIMIT 3)")
    for descending in (False, True):
        query = ListQuery("object", sort="category", descending=descending)
        full = list(listing.record_ids(archive, query))
        for limit in range(0, len(full) + 1):
            assert list(listing.first_ids(archive, query, limit)) == full[:limit]
