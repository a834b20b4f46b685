"""Editing records on a server archive (exhibit/server/records.py) and hearing the edits
(exhibit/server/listen.py): the same validation, history and index as SQLite's services;
two curators saving one record get a Conflict field by field and nothing is overwritten;
a listener hears every committed edit (and none rolled back), and comes back after the
server restarts. Needs the throwaway PostgreSQL of tests/pg.py."""
from __future__ import annotations

import multiprocessing
import queue
import random
import threading
import time
from dataclasses import replace
from typing import Any, Iterator

import pytest

from exhibit import search, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, LinkedError, NotFoundError, ValidationError
from exhibit.records import ArchiveObject, Event, Panel, Person, Place, Record, Section
from exhibit.server import records as server
from exhibit.server import schema as server_schema
from exhibit.server import search as server_search
from exhibit.server.address import ServerError, connect
from exhibit.server.listen import CONNECTED, RECONNECTING, Change, Listener
from tests.pg import PgServer

WAIT = 10.0   # seconds: a generous bound for what should take well under one


def rifle(**changes: Any) -> ArchiveObject:
    base = ArchiveObject(accession="HY1944.0001", name_zh="中正式步枪", name_en="Type 24 rifle",
                         category="weapon", material="steel", condition="mostly_complete",
                         grade="grade3", acquisition="donation", date_text="1944年6月",
                         dimensions="110 × 8 cm", description_zh="第十军守城时使用的步枪。",
                         status="on_display")
    return replace(base, **changes)


@pytest.fixture
def server_url(pg_url: str) -> str:
    server_schema.init(pg_url)
    return pg_url


@pytest.fixture
def conn(server_url: str) -> Iterator[Any]:
    connection = connect(server_url)
    yield connection
    connection.close()


def _rows(conn: Any, sql: str, *params: Any) -> list[tuple]:
    return conn.execute(sql, list(params)).fetchall()


def _without_times(row: dict[str, Any] | None) -> dict[str, Any] | None:
    return None if row is None else {k: v for k, v in row.items() if k not in ("created", "modified")}


# ---------------------------------------------------------------- the edit path, as on SQLite

def test_create_edit_delete_leave_the_rows_history_and_index_sqlite_leaves(conn: Any, blank_archive: Archive):
    """The same three edits on SQLite (services) and on the server give the same record, the
    same history rows (but the time) and the same search_docs entry."""
    local = services.create(blank_archive, rifle())
    saved = server.create(conn, rifle(), who="tester")
    assert saved.version == 1 and saved.record.id == local.id
    assert _without_times(saved.record.as_row()) == _without_times(local.as_row())
    assert server.get(conn, ArchiveObject, local.saved_id) == saved
    assert (saved.record.date_start, saved.record.date_end) == ("1944-06-01", "1944-06-30")
    assert saved.record.measurements == local.measurements != ""

    edited = replace(local, name_en="Chiang Kai-shek rifle (Type 24)", date_text="1944年7月")
    local = services.update(blank_archive, edited)
    saved = server.update(conn, replace(saved.record, name_en=edited.name_en, date_text=edited.date_text),
                          saved, who="tester")
    assert saved.version == 2
    assert _without_times(saved.record.as_row()) == _without_times(local.as_row())
    docs = "SELECT record_type, record_id, category, sections, date_start, date_end, fts_crc FROM search_docs"
    assert _rows(conn, docs) == blank_archive.db.execute(docs).fetchall()

    services.delete(blank_archive, "object", local.saved_id)
    server.delete(conn, saved, who="tester")
    there = [(e.who, e.action, e.record_type, e.record_id, _without_times(e.before), _without_times(e.after))
             for e in server.history(conn, "object", local.saved_id)]
    here = [(e.who, e.action, e.record_type, e.record_id, _without_times(e.before), _without_times(e.after))
            for e in services.history(blank_archive, "object", local.saved_id)]
    assert there == here and [h[1] for h in there] == ["delete", "update", "create"]
    assert _rows(conn, "SELECT count(*) FROM search_docs") == [(0,)]
    assert _rows(conn, "SELECT count(*) FROM search_words") == [(0,)]
    assert _rows(conn, "SELECT count(*) FROM search_text") == [(0,)]
    with pytest.raises(NotFoundError, match="deleted by tester"):
        server.get(conn, ArchiveObject, local.saved_id)


def test_history_names_each_curator(conn: Any):
    saved = server.create(conn, rifle(), who="王馆员")
    server.update(conn, replace(saved.record, location="库房 A-3"), saved, who="alice")
    entries = server.history(conn, "object", saved.record.saved_id)
    assert [(e.who, e.action) for e in entries] == [("alice", "update"), ("王馆员", "create")]
    assert entries[0].before["location"] == "" and entries[0].after["location"] == "库房 A-3"


def test_the_search_index_follows_every_edit(conn: Any):
    saved = server.create(conn, rifle(), who="tester")
    doc_id = _rows(conn, "SELECT id FROM search_docs WHERE record_type = 'object' AND record_id = %s",
                   saved.record.saved_id)[0][0]

    def stored() -> list[tuple]:
        return _rows(conn, "SELECT w.doc_id, w.tokens::text, w.length, w.title_length, p.titles::text, "
                           "p.pairs::text FROM search_words w LEFT JOIN search_parts p USING (doc_id) "
                           "WHERE w.doc_id = %s", doc_id)

    def expected(record: Record) -> list[tuple]:
        _, (d, tokens, length, title_length, titles, pairs) = server_search.entry_rows(doc_id, search.document(record))

        def read(vector: str | None) -> str | None:
            # tsvector's text form sorts the lexemes; PostgreSQL's own reading of ours is the reference.
            return None if vector is None else conn.execute("SELECT %s::tsvector::text", [vector]).fetchone()[0]

        return [(d, read(tokens), length, title_length, read(titles), read(pairs))]

    assert stored() == expected(saved.record)
    # Short entries live in one vector only (search_text keeps the long ones' chunks).
    assert _rows(conn, "SELECT count(*) FROM search_text WHERE doc_id = %s", doc_id) == [(0,)]
    assert "'0中正式'" not in stored()[0][1] and "'0步'" in stored()[0][1]
    # The titles' own vector holds the title columns (0, 2, 4, 5) and nothing of the body.
    assert "'0步'" in stored()[0][4] and "'1" not in stored()[0][4] and "'3" not in stored()[0][4]
    saved = server.update(conn, replace(saved.record, name_en="Hanyang 88 rifle", name_zh="汉阳造",
                                        description_zh="衡阳守军所用"), saved, who="tester")
    assert stored() == expected(saved.record)
    assert "'0hanyang'" in stored()[0][1] and "'0type'" not in stored()[0][1]
    assert "'0hanyang'" in stored()[0][4] and stored()[0][5] == "'3军所':4 '3守军':3 '3所用':5 '3衡阳':1 '3阳守':2"
    # No Han pairs in the body: none kept.
    saved = server.update(conn, replace(saved.record, description_zh=""), saved, who="tester")
    assert stored() == expected(saved.record) and stored()[0][5] is None


def test_a_panel_moved_to_another_section_takes_its_objects_in_the_index(conn: Any):
    first = server.create(conn, Section(code="S1", title_zh="序厅"), who="tester")
    second = server.create(conn, Section(code="S2", title_zh="单元一"), who="tester")
    panel = server.create(conn, Panel(code="P1", title_zh="守城", section_id=first.record.id), who="tester")
    obj = server.create(conn, rifle(), who="tester")
    conn.execute("INSERT INTO links (from_type, from_id, to_type, to_id) VALUES ('panel', %s, 'object', %s)",
                 [panel.record.id, obj.record.id])
    server.update(conn, replace(panel.record, section_id=second.record.id), panel, who="tester")
    sections = _rows(conn, "SELECT sections FROM search_docs WHERE record_type = 'object' AND record_id = %s",
                     obj.record.saved_id)
    assert sections == [(f",{second.record.id},",)]


# ---------------------------------------------------------------- validation: SQLite's problems

BAD_RECORDS = {
    "duplicate accession": rifle(accession=" hy1944.0001 ", name_zh="另一支步枪"),
    "month 13": rifle(accession="HY1944.0002", date_text="1944年13月"),
    "unknown vocabulary code": rifle(accession="HY1944.0003", category="spaceship", material="unobtainium"),
    "no accession, no name": rifle(accession="", name_zh="", name_en=""),
    "NUL and too long": rifle(accession="HY1944.0004", name_en="a\x00b", description_en="长" * 20_001),
    "a maker's unknown role": rifle(accession="HY1944.0005", makers="汉阳兵工厂 (wizard)"),
    "missing section": Panel(code="P9", title_zh="展板", section_id=999),
    "event without date": Event(key="e1", title_zh="衡阳失守"),
    "latitude out of range": Place(key="p1", name_zh="衡阳", lat=95.0, lon=112.6),
    "duplicate person key and bad dates": Person(key="fang-xianjue", name_zh="方先觉", born="1903年2月30日"),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_bad_record_gets_the_problems_sqlite_gives(case: str, conn: Any, blank_archive: Archive):
    for create in (lambda r: services.create(blank_archive, r), lambda r: server.create(conn, r, who="tester")):
        create(rifle())
        create(Person(key="fang-xianjue", name_zh="方先觉"))
    bad = BAD_RECORDS[case]
    with pytest.raises(ValidationError) as here:
        services.create(blank_archive, bad)
    history_before = _rows(conn, "SELECT count(*) FROM history")
    with pytest.raises(ValidationError) as there:
        server.create(conn, bad, who="tester")
    assert there.value.problems == here.value.problems != []
    assert str(there.value) == str(here.value)
    assert _rows(conn, "SELECT count(*) FROM history") == history_before   # nothing written


def test_an_edit_that_breaks_a_rule_is_refused_as_on_sqlite(conn: Any, blank_archive: Archive):
    local = services.create(blank_archive, rifle())
    services.create(blank_archive, rifle(accession="HY1944.0002"))
    saved = server.create(conn, rifle(), who="tester")
    server.create(conn, rifle(accession="HY1944.0002"), who="tester")
    for changes in ({"accession": "HY1944.0002"}, {"date_text": "1944年13月"}, {"status": "lost"}):
        with pytest.raises(ValidationError) as here:
            services.update(blank_archive, replace(local, **changes))
        with pytest.raises(ValidationError) as there:
            server.update(conn, replace(saved.record, **changes), saved, who="tester")
        assert there.value.problems == here.value.problems, changes
    assert server.get(conn, ArchiveObject, saved.record.saved_id) == saved   # still version 1, unchanged


def test_two_curators_making_one_new_accession_number_at_once_get_the_rule_s_error(server_url: str, conn: Any):
    """Both pass the rule (neither sees the other's uncommitted record); the unique index holds
    the second until the first commits, and the second is then told as the rule tells it."""
    first = connect(server_url)
    outcome: list[BaseException | None] = []
    try:
        with first.transaction():
            server.create(first, rifle(), who="alice")

            def second() -> None:
                try:
                    server.create(conn, rifle(accession="hy1944.0001", name_zh="另一支"), who="bob")
                    outcome.append(None)
                except BaseException as exc:   # handed to the test's thread
                    outcome.append(exc)

            thread = threading.Thread(target=second)
            thread.start()
            _wait_until(lambda: _waiting_on_a_lock(first, conn.info.backend_pid), "bob's insert to wait for alice's")
        thread.join(WAIT)
    finally:
        first.close()
    assert len(outcome) == 1 and isinstance(outcome[0], ValidationError)
    assert [(p.field, p.code) for p in outcome[0].problems] == [("accession", "duplicate")]
    assert _rows(conn, "SELECT accession FROM objects") == [("HY1944.0001",)]


def _waiting_on_a_lock(observer: Any, pid: int) -> bool:
    row = observer.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]).fetchone()
    return row is not None and row[0] == "Lock"


# ---------------------------------------------------------------- two curators, one record

def test_the_second_save_is_refused_field_by_field_and_resolved_by_choice(server_url: str, conn: Any):
    made = server.create(conn, rifle(), who="tester")
    alice, bob = connect(server_url), connect(server_url)
    try:
        seen_by_alice = server.get(alice, ArchiveObject, made.record.saved_id)
        seen_by_bob = server.get(bob, ArchiveObject, made.record.saved_id)
        alices = server.update(alice, replace(seen_by_alice.record, name_en="Type 24 rifle (Hanyang)",
                                              location="展柜 3"), seen_by_alice, who="alice")
        bobs = replace(seen_by_bob.record, name_en="Chiang Kai-shek rifle", description_en="Used in the siege.")
        with pytest.raises(server.Conflict) as caught:
            server.update(bob, bobs, seen_by_bob, who="bob")
        conflict = caught.value
        assert "alice" in str(conflict) and "HY1944.0001" in str(conflict)
        fields = {f.field: (f.base, f.mine, f.theirs, f.changed_by_them) for f in conflict.fields}
        assert fields == {
            "name_en": ("Type 24 rifle", "Chiang Kai-shek rifle", "Type 24 rifle (Hanyang)", True),
            "location": ("", "", "展柜 3", True),
            "description_en": ("", "Used in the siege.", "", False),
        }
        assert conflict.stored == alices and conflict.changed_by == "alice"
        # Nothing of Bob's was written over Alice's save.
        assert server.get(conn, ArchiveObject, made.record.saved_id) == alices

        with pytest.raises(ExhibitError, match="description_en"):
            server.resolve(conflict, {"name_en": "mine", "location": "theirs"})
        resolved = server.resolve(conflict, {"name_en": "mine", "location": "theirs", "description_en": "mine"})
        final = server.update(bob, resolved, conflict.stored, who="bob")
        assert final.version == 3
        assert (final.record.name_en, final.record.location, final.record.description_en) == \
            ("Chiang Kai-shek rifle", "展柜 3", "Used in the siege.")
        assert [(e.who, e.action) for e in server.history(conn, "object", made.record.saved_id)] == \
            [("bob", "update"), ("alice", "update"), ("tester", "create")]
    finally:
        alice.close()
        bob.close()


def test_a_save_in_between_catches_the_resolution_again(server_url: str, conn: Any):
    made = server.create(conn, rifle(), who="tester")
    bob, carol = connect(server_url), connect(server_url)
    try:
        server.update(conn, replace(made.record, location="展柜 1"), made, who="alice")
        with pytest.raises(server.Conflict) as first:
            server.update(bob, replace(made.record, location="展柜 2"), made, who="bob")
        resolved = server.resolve(first.value, {"location": "mine"})
        now = server.get(carol, ArchiveObject, made.record.saved_id)
        server.update(carol, replace(now.record, location="展柜 9"), now, who="carol")
        with pytest.raises(server.Conflict) as second:
            server.update(bob, resolved, first.value.stored, who="bob")
        assert second.value.changed_by == "carol"
        assert [(f.field, f.mine, f.theirs) for f in second.value.fields] == [("location", "展柜 2", "展柜 9")]
        assert server.get(conn, ArchiveObject, made.record.saved_id).record.location == "展柜 9"
    finally:
        bob.close()
        carol.close()


def test_the_same_change_saved_twice_saves_once(conn: Any):
    """Two curators making the same change, or one repeating a save whose answer was lost:
    nothing differs, so the second finds nothing to save and no history row is doubled."""
    made = server.create(conn, rifle(), who="tester")
    first = server.update(conn, replace(made.record, location="展柜 1"), made, who="alice")
    again = server.update(conn, replace(made.record, location="展柜 1"), made, who="alice")
    assert again == first and again.version == 2
    assert len(server.history(conn, "object", made.record.saved_id)) == 2


def test_deleting_a_record_changed_since_is_refused_until_seen(conn: Any):
    made = server.create(conn, rifle(), who="tester")
    changed = server.update(conn, replace(made.record, location="展柜 1"), made, who="alice")
    with pytest.raises(server.Conflict) as caught:
        server.delete(conn, made, who="bob")
    assert caught.value.action == "delete"
    assert [(f.field, f.base, f.theirs) for f in caught.value.fields] == [("location", "", "展柜 1")]
    assert server.get(conn, ArchiveObject, made.record.saved_id) == changed
    with pytest.raises(ExhibitError):
        server.resolve(caught.value, {"location": "mine"})
    server.delete(conn, caught.value.stored, who="bob")
    with pytest.raises(NotFoundError, match="deleted by bob"):
        server.update(conn, replace(changed.record, location="展柜 2"), changed, who="alice")


def test_a_linked_record_is_not_deleted_as_on_sqlite(conn: Any, blank_archive: Archive):
    for make in (lambda r: services.create(blank_archive, r), lambda r: server.create(conn, r, who="tester")):
        section = make(Section(code="S1", title_zh="序厅"))
        make(Panel(code="P1", title_zh="守城", section_id=1))
    with pytest.raises(LinkedError) as here:
        services.delete(blank_archive, "section", 1)
    with pytest.raises(LinkedError) as there:
        server.delete(conn, server.get(conn, Section, 1), who="tester")
    assert str(there.value) == str(here.value) and section is not None
    assert server.get(conn, Section, 1).version == 1


# ---------------------------------------------------------------- hearing the edits

class Heard:
    """What a listener called back with, for the test's thread to wait on."""

    def __init__(self) -> None:
        self.changes: queue.Queue[Change] = queue.Queue()
        self.states: queue.Queue[str] = queue.Queue()

    def next_change(self) -> Change:
        return self.changes.get(timeout=WAIT)

    def wait_for_state(self, state: str) -> None:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                if self.states.get(timeout=max(0.0, deadline - time.monotonic())) == state:
                    return
            except queue.Empty:
                break
        raise AssertionError(f"the listener never said {state!r}")


@pytest.fixture
def heard(server_url: str) -> Iterator[Heard]:
    found = Heard()
    listener = Listener(server_url, found.changes.put, found.states.put)
    listener.start()
    found.wait_for_state(CONNECTED)
    yield found
    listener.stop()
    assert not listener.running


def test_a_listener_hears_another_connection_s_save(heard: Heard, conn: Any):
    made = server.create(conn, rifle(), who="alice")
    assert heard.next_change() == Change("object", made.record.saved_id, 1, "create", "alice",
                                         conn.info.backend_pid)
    server.update(conn, replace(made.record, location="展柜 1"), made, who="王馆员")
    assert heard.next_change() == Change("object", made.record.saved_id, 2, "update", "王馆员",
                                         conn.info.backend_pid)


def test_an_edit_that_is_rolled_back_or_refused_notifies_nothing(heard: Heard, conn: Any):
    class Undone(Exception):
        pass

    with conn.transaction(force_rollback=True):
        server.create(conn, rifle(accession="HY-GONE"), who="alice")     # rolled back with the block
    with pytest.raises(Undone):
        with conn.transaction():
            server.create(conn, rifle(accession="HY-GONE-2"), who="alice")
            raise Undone
    with pytest.raises(ValidationError):
        server.create(conn, rifle(category="spaceship"), who="alice")
    made = server.create(conn, rifle(), who="bob")
    # The first change heard is the one committed: nothing of the three above came before it.
    assert heard.next_change() == Change("object", made.record.saved_id, 1, "create", "bob",
                                         conn.info.backend_pid)
    assert _rows(conn, "SELECT accession FROM objects") == [("HY1944.0001",)]


def test_the_listener_comes_back_after_the_server_restarts(pg_server: PgServer, server_url: str):
    heard = Heard()
    listener = Listener(server_url, heard.changes.put, heard.states.put, first_pause=0.1, longest_pause=0.5)
    listener.start()
    before = connect(server_url)
    try:
        made = server.create(before, rifle(), who="alice")
        heard.wait_for_state(CONNECTED)
        pg_server.down()
        try:
            heard.wait_for_state(RECONNECTING)
        finally:
            pg_server.up()
        heard.wait_for_state(CONNECTED)
        # An edit on a connection the restart ended is refused in one line, naming the record.
        with pytest.raises(ServerError, match="lost while trying to save object HY1944.0001"):
            server.update(before, replace(made.record, location="展柜 1"), made, who="alice")
        with connect(server_url) as conn:
            assert server.get(conn, ArchiveObject, made.record.saved_id) == made
            server.update(conn, replace(made.record, location="展柜 1"), made, who="alice")
        changes = [heard.next_change(), heard.next_change()]
        # The create was heard before the restart; after it, the update is.
        assert [(c.type, c.id, c.version, c.action) for c in changes] == [
            ("object", made.record.saved_id, 1, "create"), ("object", made.record.saved_id, 2, "update")]
    finally:
        before.close()
        listener.stop()
    assert not listener.running


# ---------------------------------------------------------------- two processes at once

RECORDS = 3
SECONDS = 3.0


def edit_for_a_while(url: str, who: str, ids: list[int], start_at: float, stop_at: float) -> tuple[list, int]:
    """One curator's process: save new locations of `ids` in turn until `stop_at`; on a
    Conflict, read the record again and redo the edit on what is stored. Returns the
    acknowledged saves (record id, version edited, version saved, value) and the number of
    conflicts."""
    conn = connect(url)
    acknowledged: list[tuple[int, int, int, str]] = []
    conflicts = 0
    rng = random.Random(who)
    time.sleep(max(0.0, start_at - time.time()))
    try:
        n = 0
        while time.time() < stop_at:
            n += 1
            record_id = rng.choice(ids)
            value = f"{who}-{n}"
            while True:
                base = server.get(conn, ArchiveObject, record_id)
                time.sleep(rng.random() / 500)   # a curator's think time: others save meanwhile
                try:
                    saved = server.update(conn, replace(base.record, location=value), base, who=who)
                except server.Conflict:
                    conflicts += 1
                    continue
                acknowledged.append((record_id, base.version, saved.version, value))
                break
    finally:
        conn.close()
    return acknowledged, conflicts


def test_two_processes_editing_the_same_records_lose_and_double_nothing(conn: Any, server_url: str):
    ids = [server.create(conn, rifle(accession=f"HY-C{i}"), who="tester").record.saved_id
           for i in range(RECORDS)]
    start_at = time.time() + 3.0   # both processes are up (spawned, imported) by then
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(edit_for_a_while, [(server_url, who, ids, start_at, start_at + SECONDS)
                                                  for who in ("alice", "bob")])
    acknowledged = [a for acks, _ in results for a in acks]
    conflicts = sum(c for _, c in results)
    print(f"\n{len(acknowledged)} acknowledged saves ({', '.join(str(len(a)) for a, _ in results)} by "
          f"alice, bob) and {conflicts} conflicts in {SECONDS:.0f} s over {RECORDS} records")
    assert all(acks for acks, _ in results) and conflicts > 0
    for record_id in ids:
        mine = [a for a in acknowledged if a[0] == record_id]
        stored = server.get(conn, ArchiveObject, record_id)
        # Versions add up: one for the create, one per acknowledged save, none lost or doubled.
        assert stored.version == len(mine) + 1
        assert sorted(saved for _, _, saved, _ in mine) == list(range(2, len(mine) + 2))
        # Each save was made on the version before it: nobody's edit went over one they had not seen.
        assert all(saved == edited + 1 for _, edited, saved, _ in mine)
        updates = [e for e in reversed(server.history(conn, "object", record_id)) if e.action == "update"]
        assert [e.after["location"] for e in updates] == [value for *_, value in sorted(mine, key=lambda a: a[2])]
        for earlier, later in zip(updates, updates[1:]):
            assert later.before == earlier.after
        assert stored.record.location == (updates[-1].after["location"] if updates else "")


def _wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
