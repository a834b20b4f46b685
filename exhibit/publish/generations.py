"""A kiosk folder that several kiosks read while curators publish into it: numbered generations.

Why generations and not one file replaced in place: a kiosk holds its snapshot
open for hours, and on a Windows share a file that is open cannot be replaced
(on POSIX it can, but a kiosk reading over SMB/NFS may still see a mixture).
So every publish writes a new file, `snapshot-000007.db`, beside the old ones,
and then says which one is current in a small manifest, `current.json`
({generation, file, sha256, counts, published_at}), written to a temporary
file and renamed over the old manifest. A reader therefore sees either the
previous manifest or the new one, and the file a manifest names is complete
before the manifest names it. The SHA-256 in the manifest lets a kiosk tell a
file damaged on the way (a share that dropped a write, a disk that failed)
from the one that was published.

Old generations are pruned after each publish, keeping the last `KEEP`: a
kiosk that has not reached its idle reset yet still reads one of those, and
the file the manifest names is never deleted. The kiosk side (which never
writes here) calls `read_manifest` and `check`; `publish` calls `reserve`,
`commit` and `abandon` (exhibit/publish/snapshot.py).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from exhibit import schema
from exhibit.errors import ExhibitError, printable

MANIFEST_NAME = "current.json"
KEEP = 3                     # generations kept on disk, the current one included
MANIFEST_MAX_BYTES = 64 * 1024  # a manifest is a few hundred bytes; anything larger is not one
_FILE_RE = re.compile(r"^snapshot-(\d{6,})\.db")   # a generation's file and its .part/-journal
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
_REPLACE_TRIES = 5           # Windows refuses a rename over a file a reader has open this instant


class SnapshotRefused(ExhibitError):
    """A kiosk folder's current snapshot (or its manifest) failed a check; nothing was switched."""

    def __init__(self, message: str, generation: int | None = None):
        super().__init__(message)
        self.generation = generation


@dataclass(frozen=True)
class Manifest:
    generation: int
    file: str
    sha256: str
    counts: dict[str, int] = field(default_factory=dict)
    published_at: str = ""


@dataclass(frozen=True)
class Reservation:
    """A generation number taken by one publish: its file exists (empty) so no other publish
    takes the same number; the snapshot is written to `part` and renamed onto `path`."""
    folder: Path
    generation: int
    path: Path

    @property
    def part(self) -> Path:
        return self.path.with_name(self.path.name + ".part")


def file_name(generation: int) -> str:
    return f"snapshot-{generation:06d}.db"


def manifest_path(folder: Path | str) -> Path:
    return Path(folder) / MANIFEST_NAME


# ---------------------------------------------------------------- reading (the kiosk's side)

def read_manifest(folder: Path | str) -> Manifest | None:
    """The folder's manifest, or None if it has none (nothing published, or an older layout).

    Raises SnapshotRefused for a manifest this program did not write: the folder is shared,
    and the file name in it must never lead a kiosk outside its folder.
    """
    raw = manifest_bytes(folder)
    return None if raw is None else parse_manifest(raw, folder)


def manifest_bytes(folder: Path | str) -> bytes | None:
    path = manifest_path(folder)
    try:
        with open(path, "rb") as f:
            raw = f.read(MANIFEST_MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise SnapshotRefused(f"the kiosk manifest {path} cannot be read: {exc.strerror or exc}") from exc
    return raw


def parse_manifest(raw: bytes, folder: Path | str) -> Manifest:
    path = manifest_path(folder)

    def refuse(why: str) -> SnapshotRefused:
        return SnapshotRefused(f"{path} is not a manifest written by `main.py publish`: {why}")

    if len(raw) > MANIFEST_MAX_BYTES:
        raise refuse(f"it is larger than {MANIFEST_MAX_BYTES // 1024} KB")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise refuse(printable(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from exc
    if not isinstance(data, dict):
        raise refuse("it is not a JSON object")
    generation = data.get("generation")
    if type(generation) is not int or generation < 1:
        raise refuse("its generation is not a whole number from 1")
    if data.get("file") != file_name(generation):
        raise refuse(f"its file is not {file_name(generation)}")
    sha = data.get("sha256")
    if not isinstance(sha, str) or not _SHA_RE.match(sha):
        raise refuse("its sha256 is not 64 hexadecimal digits")
    counts = data.get("counts", {})
    if not isinstance(counts, dict) or not all(
            isinstance(k, str) and type(v) is int for k, v in counts.items()):
        raise refuse("its counts are not names with whole numbers")
    published_at = data.get("published_at", "")
    if not isinstance(published_at, str):
        raise refuse("its published_at is not text")
    return Manifest(generation, file_name(generation), sha, counts, published_at)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def check(folder: Path | str, manifest: Manifest) -> Path:
    """The file `manifest` names, after every check a kiosk makes before showing it.

    Its SHA-256 must be the manifest's (the bytes that were published), SQLite's
    integrity_check must pass, and its schema must be this program's at this program's
    version (schema.inspect: no table, view or trigger that `publish` did not make).
    Raises SnapshotRefused, one sentence naming the file and the check it failed.
    Reads the whole file: seconds for a large one, so a kiosk calls it off its UI thread.
    """
    path = Path(folder) / manifest.file
    gen = manifest.generation

    def refuse(why: str) -> SnapshotRefused:
        return SnapshotRefused(f"kiosk snapshot {path} (generation {gen}) is refused: {why}", gen)

    if path.is_symlink() or not path.is_file():
        raise refuse("it is missing or not a plain file")
    try:
        if file_sha256(path) != manifest.sha256:
            raise refuse(f"its SHA-256 differs from the one in {MANIFEST_NAME} (damaged or replaced)")
    except OSError as exc:
        raise refuse(f"it cannot be read ({exc.strerror or exc})") from exc
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise refuse(f"SQLite cannot open it ({exc})") from exc
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        try:
            result = conn.execute("PRAGMA integrity_check(1)").fetchone()
        except sqlite3.DatabaseError as exc:  # too damaged even to be checked
            result = (str(exc),)
        if result is None or result[0] != "ok":
            raise refuse(f"SQLite's integrity check failed ({result[0] if result else 'no answer'})")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != schema.LATEST:
            raise refuse(f"its schema version is {version}, and this kiosk reads version {schema.LATEST}")
        problems = schema.inspect(conn)
        if problems:
            raise refuse(f"its schema is not this program's ({problems[0].describe()})")
    except sqlite3.Error as exc:
        raise refuse(f"SQLite cannot read it ({exc})") from exc
    finally:
        conn.close()
    return path


# ---------------------------------------------------------------- writing (publish's side)

def generation_files(folder: Path | str) -> dict[int, list[Path]]:
    """Every file of every generation in the folder (snapshot, .part, -journal), by number."""
    found: dict[int, list[Path]] = {}
    try:
        entries = list(Path(folder).iterdir())
    except FileNotFoundError:
        return found
    for entry in entries:
        match = _FILE_RE.match(entry.name)
        if match:
            found.setdefault(int(match.group(1)), []).append(entry)
    return found


def check_destination(folder: Path) -> None:
    """Before anything is built: the manifest's place must be free for a file."""
    manifest = manifest_path(folder)
    if manifest.exists() and not manifest.is_file():
        raise ExhibitError(f"{manifest} is not a file; give another folder to publish to")


def reserve(folder: Path) -> Reservation:
    """Take the next generation number: one above any file or manifest in the folder.

    The number is taken by creating its file exclusively, so two curators publishing into
    one folder at once get different numbers instead of writing over each other.
    """
    try:
        current = read_manifest(folder)
    except SnapshotRefused:
        current = None  # a damaged manifest is replaced by this publish
    number = max([*generation_files(folder), current.generation if current else 0]) + 1
    while True:
        path = folder / file_name(number)
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        except FileExistsError:
            number += 1
            continue
        return Reservation(folder, number, path)


def abandon(reservation: Reservation) -> None:
    """A publish that failed: its number's files go; the manifest and older files stay."""
    for path in (reservation.part, Path(f"{reservation.part}-journal"), reservation.path):
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # a leftover is pruned by a later publish; the manifest never names it


def commit(reservation: Reservation, counts: dict[str, int]) -> Manifest:
    """Make the written `part` the folder's current generation, then prune old ones.

    Order matters to a reader: the snapshot file is complete and on disk before it gets
    its final name, and has its final name before the manifest names it.
    """
    folder, part = reservation.folder, reservation.part
    _fsync(part)
    manifest = Manifest(generation=reservation.generation, file=reservation.path.name,
                        sha256=file_sha256(part), counts=dict(counts),
                        published_at=datetime.now(timezone.utc).isoformat(timespec="seconds"))
    try:
        newer = read_manifest(folder)
    except SnapshotRefused:
        newer = None
    if newer is not None and newer.generation > manifest.generation:
        # Another publish into this folder finished first with a later number: it stays current.
        raise ExhibitError(f"generation {newer.generation} was published to {folder} while "
                           f"generation {manifest.generation} was being written; it stays current")
    _replace(part, reservation.path)
    _write_manifest(folder, manifest)
    prune(folder, manifest)
    return manifest


def prune(folder: Path, current: Manifest, keep: int = KEEP) -> list[Path]:
    """Delete generations older than the last `keep`; never the one `current` names.

    Best effort: a file a kiosk holds open on Windows cannot be deleted now, and goes at
    a later publish. Also removes `kiosk.db` of the layout before generations (one file
    replaced in place), which no kiosk of this version reads once a manifest exists.
    """
    removed: list[Path] = []
    protected = folder / current.file
    for number, paths in generation_files(folder).items():
        if number > current.generation - keep:
            continue
        for path in paths:
            if path == protected:
                continue
            try:
                path.unlink()
                removed.append(path)
            except OSError:
                pass
    for legacy in (folder / "kiosk.db", folder / "kiosk.db.part"):
        try:
            if legacy.is_file():
                legacy.unlink()
                removed.append(legacy)
        except OSError:
            pass
    return removed


def _write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write-temp-then-rename: a reader sees the old manifest or the new one, never half of one."""
    fd, tmp = tempfile.mkstemp(prefix=MANIFEST_NAME + ".", suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(asdict(manifest), f, ensure_ascii=False, indent=1)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes it 0600: kiosks under another account must read it
        _replace(Path(tmp), manifest_path(folder))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(folder)


def _replace(src: Path, dst: Path) -> None:
    for attempt in range(_REPLACE_TRIES):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if attempt == _REPLACE_TRIES - 1 or os.name != "nt":
                raise
            time.sleep(0.1 * (attempt + 1))


def _fsync(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some shares and Windows refuse fsync on a read-only handle; the rename still orders
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """The renames themselves durable (POSIX); Windows has no directory handles to sync."""
    if os.name == "nt":
        return
    _fsync(folder)
