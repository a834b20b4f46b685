"""Media consistency: every recorded file present and matching its hash, orphans listed, repair by hash.

Originals are stored by content hash, so a file that went missing (a folder
moved by hand, a restore from an old disk) is recognised wherever it turns up:
`repair_media` hashes the files of a folder the user points at and copies each
one that some media record is missing back to its place, verified and written
atomically. Damaged files are moved aside into `damaged/media/`, never
deleted. Files under media/ that no record refers to are listed as orphans
(including half-written `.tmp` files a killed import left), not removed.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable

from exhibit import media_files
from exhibit.errors import MediaError, printable
from exhibit.media_files import hash_file

if TYPE_CHECKING:
    from exhibit.archive import Archive

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class MediaProblem:
    media_id: int
    path: str          # relative to media/
    sha256: str
    size_bytes: int
    kind: str          # 'missing', 'mismatch', 'unreadable', 'bad path'
    message: str

    def line(self) -> str:
        return f"media #{self.media_id}: {printable(self.message)}"


@dataclass
class MediaReport:
    checked: int = 0
    problems: list[MediaProblem] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)   # relative to media/, no record refers to them
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems and not self.cancelled

    def lines(self) -> list[str]:
        out = [p.line() for p in self.problems]
        # A file name under media/ can be anything someone put there: controls escaped.
        out += [f"orphan: {printable(name)} (no media record refers to it)" for name in self.orphans]
        return out


@dataclass
class RepairReport:
    relinked: list[tuple[int, str, Path]] = field(default_factory=list)  # (media id, path, found at)
    moved_aside: list[Path] = field(default_factory=list)               # damaged files kept
    still_missing: list[MediaProblem] = field(default_factory=list)
    cancelled: bool = False

    def lines(self) -> list[str]:
        """One line per file put back, names escaped (exhibit.errors.printable)."""
        return [f"put back media #{media_id}: {printable(path)} (from {printable(str(found))})"
                for media_id, path, found in self.relinked]

    def summary(self) -> str:
        text = f"{len(self.relinked)} file(s) put back, {len(self.still_missing)} still missing"
        if self.moved_aside:
            text += f", {len(self.moved_aside)} damaged file(s) kept aside in damaged/media"
        return text + (", cancelled" if self.cancelled else "")


def _kind(message: str) -> str:
    for kind in ("missing", "hash mismatch", "unreadable", "bad path"):
        if message.startswith(kind):
            return "mismatch" if kind == "hash mismatch" else kind
    return "unreadable"


def _rows(archive: "Archive") -> list[tuple[int, str, str, int]]:
    return archive.db.execute("SELECT id, path, sha256, size_bytes FROM media ORDER BY id").fetchall()


def _known_files(archive: "Archive", rows: list[tuple[int, str, str, int]]) -> set[str]:
    known = {path for _, path, _, _ in rows}
    for _, _, sha, _ in rows:
        for kind in media_files.DERIVATIVE_SIZES:
            try:
                known.add(media_files.derivative_path(Path(""), sha, kind).as_posix())
            except ValueError:
                pass  # a malformed hash is reported by the check itself
    return known


def check_media(archive: "Archive", *, progress: ProgressFn | None = None,
                cancelled: Callable[[], bool] | None = None) -> MediaReport:
    """Check every media record's file (present, same hash) and list orphan files."""
    rows = _rows(archive)
    report = MediaReport()
    for number, (mid, path, sha, size) in enumerate(rows, start=1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            return report
        if progress is not None:
            progress(number, len(rows), path)
        message = media_files.verify_stored(archive.media_root, path, sha)
        report.checked += 1
        if message:
            report.problems.append(MediaProblem(mid, path, sha, size or 0, _kind(message), message))
    report.orphans = orphans(archive, rows)
    return report


def orphans(archive: "Archive", rows: list[tuple[int, str, str, int]] | None = None) -> list[str]:
    """Files under media/ that no media record refers to (relative POSIX paths, sorted)."""
    root = archive.media_root
    if not root.is_dir():
        return []
    known = _known_files(archive, rows if rows is not None else _rows(archive))
    found = []
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            rel = (Path(dirpath) / name).relative_to(root).as_posix()
            if rel not in known:
                found.append(rel)
    return sorted(found)


def _hash(path: Path) -> str | None:
    """The file's SHA-256, or None if it cannot be read."""
    try:
        return hash_file(path)[0]
    except MediaError:
        return None


def _put_back(found: Path, dest: Path, sha: str) -> bool:
    """Copy `found` to `dest` through a temporary file; True if the copy hashes right."""
    with open(found, "rb") as src:
        return media_files.copy_verified(src, dest, sha)


def _move_aside(archive: "Archive", relpath: str) -> Path | None:
    src = archive.media_root / PurePosixPath(relpath)
    if not src.exists():
        return None
    target = archive.db_path.parent / "damaged" / "media" / PurePosixPath(relpath)
    target.parent.mkdir(parents=True, exist_ok=True)
    n = 1
    while target.exists():
        n += 1
        target = target.with_name(f"{Path(relpath).stem}-{n}{Path(relpath).suffix}")
    os.replace(src, target)
    return target


def repair_media(archive: "Archive", folder: Path | str, *, progress: ProgressFn | None = None,
                 cancelled: Callable[[], bool] | None = None) -> RepairReport:
    """Put back missing or damaged originals from copies found (by hash) under `folder`.

    Only files whose size matches a wanted file are hashed, so pointing at a
    large photo library stays quick. The database is not changed: a stored
    file's place is fixed by its hash, so putting the bytes back re-links it.
    """
    report = RepairReport()
    wanted = [p for p in check_media(archive).problems if p.kind in ("missing", "mismatch")]
    if not wanted:
        return report
    by_size: dict[int, list[MediaProblem]] = {}
    for item in wanted:
        by_size.setdefault(item.size_bytes, []).append(item)
    hash_all = 0 in by_size   # an old record without a size: every file is a candidate
    candidates: list[Path] = []
    for dirpath, _dirs, files in os.walk(Path(folder)):
        for name in files:
            path = Path(dirpath) / name
            try:
                if hash_all or path.stat().st_size in by_size:
                    candidates.append(path)
            except OSError:
                continue
    by_sha = {p.sha256: p for p in wanted}
    done: set[str] = set()
    for number, path in enumerate(candidates, start=1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(number, len(candidates), path.name)
        sha = _hash(path)
        problem = by_sha.get(sha or "")
        if problem is None or sha in done:
            continue
        dest = archive.media_root / PurePosixPath(problem.path)
        if problem.kind == "mismatch":
            aside = _move_aside(archive, problem.path)
            if aside is not None:
                report.moved_aside.append(aside)
        if _put_back(path, dest, problem.sha256):
            done.add(problem.sha256)
            report.relinked.append((problem.media_id, problem.path, path))
    report.still_missing = [p for p in wanted if p.sha256 not in done]
    return report
