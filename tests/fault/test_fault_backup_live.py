"""A backup taken while another process writes holds every row committed before it began.

The writer (fault_writer.py) edits without pause and acknowledges each commit.
Backups are taken from a read-only instance meanwhile. Each backup must pass
integrity_check and equal the archive as it was after some acknowledged edit
between the backup's start and its end: everything acknowledged before the
start is in it, and nothing half-done is.
"""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys

from fault_support import HERE, NIGHTLY, Lines, child_env
from test_fault_kill9 import apply

from exhibit.archive import Archive
from exhibit.keeping import backups

BACKUPS = 20 if NIGHTLY else 5


def state_of(path) -> dict[str, dict]:
    conn = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        return {acc: {"name_zh": n, "desc": d, "loc": loc} for acc, n, d, loc in conn.execute(
            "SELECT accession, name_zh, description_en, location FROM objects WHERE accession LIKE 'K-%'")}
    finally:
        conn.close()


def test_backup_during_writes_contains_every_committed_row(tmp_path, capsys):
    root = tmp_path / "archive"
    Archive.open(root, user="setup").close()
    writer = subprocess.Popen([sys.executable, str(HERE / "fault_writer.py"), str(root), "7"],
                              stdout=subprocess.PIPE, text=True, encoding="utf-8", env=child_env())
    lines = Lines(writer.stdout)
    models = [{}]                      # models[k]: the archive after k acknowledged edits
    in_flight = None

    def pump(count: int) -> None:
        nonlocal in_flight
        while count > 0:
            line = lines.next()
            if line.startswith("DO "):
                in_flight = json.loads(line[3:])
            elif line.startswith("OK "):
                models.append(apply(models[-1], in_flight))
                count -= 1

    reader = None
    taken = []
    try:
        assert lines.next().startswith("PID ")
        pump(20)
        reader = Archive.open(root, readonly=True, user="backup")
        for _ in range(BACKUPS):
            pump(5)
            first = len(models) - 1          # acknowledged before the backup began
            info = backups.make_backup(reader, "manual")
            pump(25)                         # the writer went on meanwhile: read what it committed
            taken.append((first, info.path))
    finally:
        writer.kill()
        writer.wait(timeout=60)
        if reader is not None:
            reader.close()
    for first, path in taken:
        state = state_of(path)
        matches = [k for k in range(first, len(models)) if models[k] == state]
        assert matches, f"{path.name}: not the archive after any edit from #{first} on"
    with capsys.disabled():
        print(f"\nlive backups: {len(taken)} backups during {len(models) - 1} acknowledged edits, "
              f"each equal to a committed state at or after its start")
