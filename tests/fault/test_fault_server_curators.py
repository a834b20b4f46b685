"""Two curators' processes editing the same records of a shared archive for a minute.

Each process opens the server archive as the window does (Archive.open with the address)
and saves through exhibit.services with the record it read as the base, as the form does:
a save refused with a Conflict is read again and made again on what is stored, as a curator
choosing "mine" would. At the end every acknowledged save is in the history in order, each
one made on the version before it, the versions add up (none lost, none doubled), and every
conflict was reported to its curator (none silently overwritten). Needs tests/pg.py's server.
"""
from __future__ import annotations

import multiprocessing
import random
import time
from dataclasses import replace

from exhibit import services
from exhibit.archive import Archive
from exhibit.conflicts import Conflict
from exhibit.records import ArchiveObject
from exhibit.server import schema as server_schema

SECONDS = 60.0
RECORDS = 3


def curator(url: str, who: str, ids: list[int], start_at: float, stop_at: float) -> tuple[list, int]:
    """Save new locations of `ids` until `stop_at`; returns the acknowledged saves
    (record id, value) in order and the number of conflicts met."""
    archive = Archive.open(url, user=who)
    acknowledged: list[tuple[int, str]] = []
    conflicts = 0
    rng = random.Random(who)
    time.sleep(max(0.0, start_at - time.time()))
    try:
        n = 0
        while time.time() < stop_at:
            n += 1
            record_id = rng.choice(ids)
            value = f"{who}-{n}"
            base = services.get(archive, ArchiveObject, record_id)
            while True:
                time.sleep(rng.random() / 200)   # a curator's think time: the other saves meanwhile
                try:
                    services.update(archive, replace(base, location=value), base=base)
                except Conflict as conflict:
                    conflicts += 1
                    assert [f.field for f in conflict.fields] == ["location"], conflict
                    base = conflict.stored.record   # chosen "mine": saved against what is stored
                    continue
                acknowledged.append((record_id, value))
                break
    finally:
        archive.close()
    return acknowledged, conflicts


def test_two_curators_for_a_minute_lose_double_and_overwrite_nothing(pg_url: str, capsys):
    server_schema.init(pg_url)
    with Archive.open(pg_url, user="registrar") as archive:
        ids = [services.create(archive, ArchiveObject(accession=f"HY-F{i}", name_zh=f"测试{i}")).saved_id
               for i in range(RECORDS)]
    start_at = time.time() + 3.0   # both processes are up (spawned, imported) by then
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        results = pool.starmap(curator, [(pg_url, who, ids, start_at, start_at + SECONDS)
                                         for who in ("alice", "bob")])
    conflicts = sum(c for _, c in results)
    assert all(acks for acks, _ in results) and conflicts > 0
    with Archive.open(pg_url, user="verifier") as archive:
        conn = getattr(archive, "conn")
        for record_id in ids:
            mine = [value for acks, _ in results for rid, value in acks if rid == record_id]
            version = conn.execute("SELECT version FROM objects WHERE id = %s", [record_id]).fetchone()[0]
            assert version == len(mine) + 1   # the create, then one per acknowledged save
            updates = [h for h in reversed(services.history(archive, "object", record_id, limit=100_000))
                       if h.action == "update"]
            assert sorted(h.after["location"] for h in updates) == sorted(mine)
            for earlier, later in zip(updates, updates[1:]):   # each save made on the one before
                assert later.before["location"] == earlier.after["location"]
            # Each curator's own saves of a record are in the history in the order made.
            for who in ("alice", "bob"):
                theirs = [h.after["location"] for h in updates if h.who == who]
                assert theirs == [v for v in mine if v.startswith(who)]
            assert services.get(archive, ArchiveObject, record_id).location == updates[-1].after["location"]
    with capsys.disabled():
        print(f"\ntwo curators for {SECONDS:.0f} s: {sum(len(a) for a, _ in results)} acknowledged saves, "
              f"{conflicts} conflicts reported, none lost or doubled")
