"""kill -9 of a writer in the middle of its edits, again and again: nothing acknowledged is lost.

A writer process makes random edits through exhibit.services and prints "OK"
after each call returns (the commit is done). The test kills it with SIGKILL
at a random moment, usually inside a transaction or its fsync, then opens the
archive the way the app does (quick_check, WAL recovery) and checks: PRAGMA
integrity_check is ok; every acknowledged edit is there; the one edit in flight
is either wholly there or wholly absent (record, movement, location, history
and search index together). 30 rounds by default, 1,000 with EXHIBIT_NIGHTLY=1.

The same battery runs against a shared archive on PostgreSQL (tests/pg.py): the writer is
a curator's process editing the server archive, killed mid-edit; nothing it was told was
saved may be missing, and the edit in flight is all there or not at all.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from fault_support import HERE, NIGHTLY, Lines, child_env

from exhibit import search
from exhibit.archive import Archive
from exhibit.integrity import check_archive

ROUNDS = 1000 if NIGHTLY else 30
MAX_EDITS_PER_ROUND = 25

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and fork are POSIX")


def apply(model: dict[str, dict], edit: dict) -> dict[str, dict]:
    out = {k: dict(v) for k, v in model.items()}
    if edit["op"] == "create":
        out[edit["acc"]] = {"name_zh": edit["name_zh"], "desc": edit["desc"], "loc": ""}
    elif edit["op"] == "update":
        out[edit["acc"]].update(name_zh=edit["name_zh"], desc=edit["desc"])
    elif edit["op"] == "move":
        out[edit["acc"]]["loc"] = edit["loc"]
    elif edit["op"] == "delete":
        del out[edit["acc"]]
    return out


def observed(archive: Archive) -> dict[str, dict]:
    db = archive.db
    state = {}
    for oid, acc, name_zh, desc, loc in db.execute(
            "SELECT id, accession, name_zh, description_en, location FROM objects WHERE accession LIKE 'K-%'"):
        state[acc] = {"name_zh": name_zh, "desc": desc, "loc": loc}
        # The record and its movements, history and index entry were written together.
        last_move = db.execute("SELECT location FROM movements WHERE object_id = ? ORDER BY id DESC LIMIT 1",
                               [oid]).fetchone()
        assert (last_move[0] if last_move else "") == loc, f"{acc}: location without its movement"
        after = db.execute("SELECT after FROM history WHERE record_type = 'object' AND record_id = ? "
                           "ORDER BY id DESC LIMIT 1", [oid]).fetchone()
        row = json.loads(after[0])
        assert (row["name_zh"], row["description_en"], row["location"]) == (name_zh, desc, loc), \
            f"{acc}: history out of step with the record"
    return state


def check_round(root, model: dict[str, dict], in_flight: dict | None) -> dict[str, dict]:
    archive = Archive.open(root, user="verifier", lock=True)   # the app's way: quick_check, recovery
    try:
        assert not archive.readonly, "the killed writer's instance lock was not released"
        if not archive.is_server:   # the server recovers its own pages; its transactions are what count
            assert archive.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        state = observed(archive)
        candidates = [model] + ([apply(model, in_flight)] if in_flight else [])
        assert state in candidates, _diff(state, model, in_flight)
        return state
    finally:
        archive.close()


def _diff(state: dict, model: dict, in_flight: dict | None) -> str:
    lost = sorted(set(model) - set(state))
    extra = sorted(set(state) - set(model))
    changed = sorted(k for k in set(state) & set(model) if state[k] != model[k])
    return f"lost {lost[:5]}, unexpected {extra[:5]}, changed {changed[:5]}; in flight: {in_flight}"


@pytest.mark.parametrize("backend", ["sqlite", "server"])
def test_kill9_during_edits_loses_no_acknowledged_edit(backend, tmp_path, capsys, request):
    if backend == "server":
        from exhibit.server import schema as server_schema

        root = request.getfixturevalue("pg_url")
        server_schema.init(root)
    else:
        root = tmp_path / "archive"
        Archive.open(root, user="setup").close()
    server = subprocess.Popen([sys.executable, str(HERE / "fault_writer.py"), "--serve"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                              env=child_env())
    lines = Lines(server.stdout)
    rng = random.Random(1944)
    model: dict[str, dict] = {}
    acknowledged = in_flight_committed = in_flight_lost = 0
    started = time.monotonic()
    try:
        for number in range(1, ROUNDS + 1):
            server.stdin.write(f"ROUND {root} {number} {int(rng.random() < 0.3)}\n")
            server.stdin.flush()
            first = lines.next()
            assert first.startswith("PID "), first
            pid = int(first.split()[1])
            kill_at = rng.randint(1, MAX_EDITS_PER_ROUND)
            output, doing = [], 0
            while doing < kill_at:
                line = lines.next()
                assert not line.startswith("FAIL"), f"round {number}: writer failed: {line}"
                output.append(line)
                doing += line.startswith("DO ")
            # Somewhere inside the edit (~9 ms on SQLite, ~30 ms on the server), its commit or its fsync.
            time.sleep(rng.uniform(0, 0.010 if backend == "sqlite" else 0.040))
            os.kill(pid, signal.SIGKILL)
            server.stdin.write(f"REAP {pid}\n")
            server.stdin.flush()
            while (line := lines.next()) != f"DONE {pid}":
                assert not line.startswith("FAIL"), f"round {number}: writer failed: {line}"
                output.append(line)

            in_flight = None
            for line in output:                   # every OK follows its DO: replay the acknowledged
                if line.startswith("DO "):
                    in_flight = json.loads(line[3:])
                elif line.startswith("OK "):
                    model = apply(model, in_flight)
                    acknowledged += 1
                    in_flight = None
            state = check_round(root, model, in_flight)
            if in_flight is not None:
                if state != model:
                    in_flight_committed += 1
                else:
                    in_flight_lost += 1
            model = state
    finally:
        if server.poll() is None:
            server.stdin.write("QUIT\n")
            server.stdin.close()
            server.wait(timeout=60)
    elapsed = time.monotonic() - started

    archive = Archive.open(root, user="verifier")
    assert check_archive(archive) == []          # index, links and history in step at the end
    for acc in list(model)[:20]:
        hits = search.search(archive.db, acc, record_types=["object"], limit=50).hits
        assert acc in [h.ident for h in hits]
    archive.close()
    with capsys.disabled():
        print(f"\nkill -9 battery ({backend}): {ROUNDS} rounds, {acknowledged} acknowledged edits verified, "
              f"in-flight edits {in_flight_committed} committed / {in_flight_lost} rolled back, "
              f"{len(model)} objects at the end, {elapsed:.1f} s")
