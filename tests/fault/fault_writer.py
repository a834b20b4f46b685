"""A writer process for the fault battery: random edits through exhibit.services, each acknowledged.

Protocol on stdout, one line each, flushed:
    PID <pid>            the writer's process id (to kill it)
    DO <json>            the edit about to be made (at most one is in flight)
    OK <seq>             that edit's service call returned: it is committed
Edits: create / update / move (a movement row and the object's location, one
transaction) / delete, all on objects whose accession starts with "K-".

    python fault_writer.py ARCHIVE SEED [--lock] [--max N]   write until killed (or N edits)
    python fault_writer.py --serve                           fork server: imports once, then for
        each stdin line "ROUND <archive> <seed> <lock 0|1>" forks a writer; "REAP <pid>" waits for
        it and prints "DONE <pid>". Forking keeps 1,000 nightly rounds cheap.
"""
from __future__ import annotations

import json
import os
import random
import sys
from dataclasses import replace

from exhibit import services
from exhibit.archive import Archive
from exhibit.records import ArchiveObject

HAN = "衡阳保卫战方先觉第十军预备周庆祥葛先才容有略张鹏程孙鸣玉城防湘江蒸水岳屏山张家山虎形巢五桂岭"


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(HAN) for _ in range(n))


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def write(root: str, seed: int, lock: bool, max_edits: int | None = None) -> None:
    rng = random.Random(seed)
    archive = Archive.open(root, user=f"writer-{seed}", lock=lock)
    if archive.readonly:
        raise SystemExit(f"writer {seed}: archive is read-only ({archive.locked_by})")
    live = [r[0] for r in archive.db.execute("SELECT accession FROM objects WHERE accession LIKE 'K-%'")]
    _say(f"PID {os.getpid()}")
    seq = 0
    while max_edits is None or seq < max_edits:
        seq += 1
        tag = f"{seed}.{seq}"
        kind = rng.choices(["create", "update", "move", "delete"], [4, 3, 2, 1])[0] if live else "create"
        if kind == "create":
            edit = {"op": "create", "acc": f"K-{tag}", "name_zh": _text(rng, rng.randint(2, 8)),
                    "desc": f"created {tag}"}
        else:
            edit = {"op": kind, "acc": rng.choice(live), "name_zh": _text(rng, rng.randint(2, 8)),
                    "desc": f"updated {tag}", "loc": f"库房 {tag}"}
        _say("DO " + json.dumps(edit, ensure_ascii=False))
        if kind == "create":
            services.create(archive, ArchiveObject(accession=edit["acc"], name_zh=edit["name_zh"],
                                                   name_en=f"Object {tag}", description_en=edit["desc"]))
            live.append(edit["acc"])
        else:
            obj = services.object_by_accession(archive, edit["acc"])
            if kind == "update":
                services.update(archive, replace(obj, name_zh=edit["name_zh"], description_en=edit["desc"]))
            elif kind == "move":
                services.record_movement(archive, obj.id, edit["loc"], reason="fault battery")
            else:
                services.delete(archive, "object", obj.id, cascade=True)
                live.remove(edit["acc"])
        _say(f"OK {seq}")
    archive.close()


def serve() -> None:
    """The fork server: the test kills the forked writers, never this process."""
    from exhibit import search

    # Load what the first edit would load lazily (pinyin tables: ~0.4 s), once for every fork.
    search.pinyin_for("衡阳保卫战")
    search.segment_pinyin("hengyang")
    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == "ROUND":
            root, seed, lock = parts[1], int(parts[2]), parts[3] == "1"
            pid = os.fork()
            if pid == 0:
                code = 0
                try:
                    write(root, seed, lock)
                except BaseException as exc:  # noqa: BLE001 - reported to the test, which fails
                    _say("FAIL " + json.dumps(f"{type(exc).__name__}: {exc}", ensure_ascii=False))
                    code = 1
                finally:
                    os._exit(code)
        elif parts[0] == "REAP":
            os.waitpid(int(parts[1]), 0)
            _say(f"DONE {parts[1]}")
        elif parts[0] == "QUIT":
            return


if __name__ == "__main__":
    if sys.argv[1:2] == ["--serve"]:
        serve()
    else:
        args = sys.argv[1:]
        max_edits = int(args[args.index("--max") + 1]) if "--max" in args else None
        write(args[0], int(args[1]), "--lock" in args, max_edits)
