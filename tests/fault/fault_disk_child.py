"""Child of the disk-full tests: edits and an import with the disk (or the file-size limit) running out.

    python fault_disk_child.py rlimit ARCHIVE IMAGE    file-size limit (RLIMIT_FSIZE): portable, no root
    python fault_disk_child.py enospc ARCHIVE IMAGE    a real full file system (run inside a small tmpfs)

Prints one JSON object: what was acknowledged, the errors the user was shown,
and whether the archive went on working once there was room again.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import sys
from pathlib import Path

from exhibit import media_records, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.records import ArchiveObject

BIG = "衡阳保卫战" * 3999   # 19,995 characters, ~60 KB in UTF-8, under the 20,000 limit


def big_object(accession: str) -> ArchiveObject:
    return ArchiveObject(accession=accession, name_zh="大记录", description_zh=BIG, inscription_zh=BIG,
                         description_en="x" * 19999, inscription_en="y" * 19999)


def limit_files(extra: int) -> None:
    import resource

    # Without this the kernel kills the process with SIGXFSZ instead of failing the write.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (extra, hard))


def unlimit() -> None:
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))


def fill(folder: Path) -> Path:
    """Fill the file system holding `folder` up to the last byte (unbuffered: no flush at close)."""
    filler = folder / "filler.bin"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        for size in (1 << 16, 1 << 12, 1):
            block = b"\0" * size
            try:
                while os.write(fd, block):
                    pass
            except OSError:
                continue
    finally:
        os.close(fd)
    return filler


def main() -> None:
    mode, root, image = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    result: dict = {"acked": [], "errors": {}, "after": []}
    archive = Archive.open(root, user="disk")
    for n in range(5):
        services.create(archive, ArchiveObject(accession=f"K-ok-{n}", name_zh=f"已保存 {n}"))
        result["acked"].append(f"K-ok-{n}")
    # Start from an empty WAL so that the write below needs new space at the end of a file.
    archive.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    filler = None
    if mode == "rlimit":
        limit_files(48 * 1024)
    else:
        filler = fill(root.parent)

    try:
        services.create(archive, big_object("K-big"))
        result["errors"]["write"] = None
    except ExhibitError as exc:
        result["errors"]["write"] = f"{type(exc).__name__}: {exc}"
    report = media_records.import_paths(archive, [image], link_to=("object", services.object_by_accession(
        archive, "K-ok-0").id))
    result["errors"]["media"] = [reason for _, reason in report.errors]
    result["imported"] = len(report.imported)
    if mode == "enospc":
        # Room for the original but not for its thumbnails and record: the import fails later on.
        os.truncate(filler, max(filler.stat().st_size - image.stat().st_size - 24 * 1024, 0))
        report = media_records.import_paths(archive, [image])
        result["errors"]["media_some_room"] = [reason for _, reason in report.errors]
        result["imported"] += len(report.imported)

    # The state on disk at this moment, as a crash now would leave it (db and WAL together).
    snapshot = root.parent / "snapshot"
    if mode == "enospc":
        filler.unlink()          # room for the snapshot copy
        filler = None
    else:
        unlimit()
    snapshot.mkdir()
    for name in ("archive.db", "archive.db-wal"):
        if (root / name).exists():
            shutil.copy2(root / name, snapshot / name)

    # Room again: the same archive, still open, carries on.
    services.create(archive, ArchiveObject(accession="K-after", name_zh="空间恢复后"))
    result["after"].append("K-after")
    result["integrity"] = archive.db.execute("PRAGMA integrity_check").fetchall()[0][0]
    archive.close()
    if mode == "enospc":                     # the tmpfs vanishes with this process: copy out
        out = Path(sys.argv[4])
        shutil.copytree(root, out / "archive")
        shutil.copytree(snapshot, out / "snapshot")
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    try:
        main()
    except sqlite3.Error as exc:
        print(json.dumps({"uncaught": f"{type(exc).__name__}: {exc}"}))
        raise
    os._exit(0)
