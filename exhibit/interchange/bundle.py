"""Whole-archive bundles: the database, every media file and a manifest of hashes.

A bundle is an archive folder that can travel:

    archive.db            a consistent copy made with SQLite's backup API, in
                          rollback-journal mode so it is one self-contained file
    media/…               the originals and derived images, as in the archive
    bundle-manifest.json  format, schema version, record counts, and the size
                          and SHA-256 of every file above

as a folder (which the kiosk can open read-only as it is) or as one .zip.
`verify_bundle` recomputes every hash; `restore_bundle` verifies, unpacks into
a new folder beside the destination, opens it as an archive (migrating an
older schema), checks that every media record's file matches its SHA-256, and
only then moves it into place. A bundle that fails any check restores nothing.

A server archive travels the same way: its database is written down as a local
archive.db by `server backup`'s copy (exhibit/server/transfer.py: one snapshot of
the server, checked row count by row count), its files come from its media
folder, and the bundle restores as an archive folder like any other.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable, TypeGuard

from exhibit import media_files, schema, services
from exhibit.archive import DB_NAME, MEDIA_DIR, Archive
from exhibit.errors import ExhibitError
from exhibit.keeping import backups
from exhibit.problems import Problem

MANIFEST = "bundle-manifest.json"
FORMAT = "exhibit-bundle"
ProgressFn = Callable[[int, int, str], None]


class BundleError(ExhibitError):
    """A bundle that is incomplete, damaged or not a bundle; the message says which file."""


def sha256_file(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def _media_files(media_root: Path) -> list[Path]:
    if not media_root.is_dir():
        return []
    out = []
    for dirpath, dirnames, filenames in os.walk(media_root):  # symlinks are not followed
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not name.startswith(".") and not name.endswith(".part") and path.is_file() \
                    and not path.is_symlink():
                out.append(path)
    return out


@dataclass
class BundleInfo:
    path: Path
    files: int
    bytes: int
    counts: dict[str, int]


def make_bundle(archive: Archive, out: Path | str, progress: ProgressFn | None = None) -> BundleInfo:
    """Write the archive as a bundle folder, or as a .zip when `out` ends in .zip."""
    out = Path(out)
    if out.exists() and (out.is_file() or any(out.iterdir())):
        raise BundleError(Problem(None, "bundle_exists", {"file": str(out)}))
    as_zip = out.suffix.lower() == ".zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".bundle-", dir=out.parent))
    try:
        db_copy = _database_copy(archive, work)
        conn = sqlite3.connect(db_copy)
        try:
            # One file, readable from read-only media: no -wal/-shm beside it.
            conn.execute("PRAGMA journal_mode = DELETE")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
        sources = _media_files(archive.media_root)
        entries: list[dict[str, Any]] = [
            {"path": DB_NAME, "size": db_copy.stat().st_size, "sha256": sha256_file(db_copy)}]
        for number, src in enumerate(sources, start=1):
            rel = PurePosixPath(MEDIA_DIR, *src.relative_to(archive.media_root).parts)
            target = work / Path(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            # Hash the copy, not the source: the manifest vouches for what was written.
            entries.append({"path": str(rel), "size": target.stat().st_size, "sha256": sha256_file(target)})
            if progress is not None:
                progress(number, len(sources), src.name)
        manifest: dict[str, Any] = {"format": FORMAT, "version": 1, "created": services.now(),
                    "schema_version": version, "counts": services.stats(archive),
                    "files": entries}
        (work / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        if as_zip:
            tmp_zip = out.with_name(out.name + ".part")
            with zipfile.ZipFile(tmp_zip, "w", allowZip64=True) as zf:
                zf.write(work / MANIFEST, MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
                for entry in entries:
                    # Images are compressed already; the database is not.
                    method = zipfile.ZIP_DEFLATED if entry["path"] == DB_NAME else zipfile.ZIP_STORED
                    zf.write(work / entry["path"], entry["path"], compress_type=method)
            tmp_zip.replace(out)
        else:
            if out.exists():
                out.rmdir()
            work.rename(out)
        return BundleInfo(out, len(entries), sum(e["size"] for e in entries), manifest["counts"])
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def _database_copy(archive: Archive, work: Path) -> Path:
    """A consistent copy of the archive's database as work/archive.db: SQLite's backup API,
    or a server archive written down as a local one."""
    if not archive.is_server:
        return backups.write_backup(archive.db.conn, work / DB_NAME)
    from exhibit.server import transfer

    local = work / ".server-copy"
    transfer.backup(getattr(archive, "url"), local)   # the database only: the files come next
    (local / DB_NAME).replace(work / DB_NAME)
    shutil.rmtree(local)
    return work / DB_NAME


# ---------------------------------------------------------------- reading bundles
#
# A bundle comes from elsewhere: every part of it is checked before it is trusted.
# The manifest's shape (one line naming what is wrong, never a traceback), every
# path (no absolute path, '..', NUL, symbolic link, duplicate, or a file where
# another entry needs a folder), the declared sizes against the free space before
# anything is written and against what is written while it is (a member that
# decompresses past its declared size stops there), then the hashes, then the
# database itself: not empty, sound, of the version the manifest says, with this
# program's schema (no foreign trigger comes in this way) and the record counts
# the manifest says.

MAX_MANIFEST_BYTES = 64 * 1024 * 1024   # ~300 bytes an entry: far beyond any real archive
# Beyond the files themselves, room for opening the restored archive (WAL, an upgrade's backup).
SPACE_MARGIN = 64 * 1024 * 1024
_HEX = frozenset("0123456789abcdef")


def _safe_name(name: Any, bundle: str) -> PurePosixPath:
    """A manifest path that can only name a file inside the new archive folder."""
    if not isinstance(name, str) or not name:
        raise BundleError(f"{bundle}: {MANIFEST} has a file entry without a path")
    rel = PurePosixPath(name)
    if (rel.is_absolute() or "\\" in name or any(ord(c) < 32 or c == "\x7f" for c in name)
            or any(part in ("", ".", "..") or ":" in part for part in name.split("/"))
            or (name != DB_NAME and rel.parts[0] != MEDIA_DIR) or name == MEDIA_DIR):
        raise BundleError(f"{bundle}: contains the unsafe path {name!r}")
    return rel


def _is_count(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _load_manifest(text: bytes, bundle: str) -> dict[str, Any]:
    try:
        manifest = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BundleError(f"{bundle}: {MANIFEST} is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{bundle}: is not an Exhibit bundle ({MANIFEST} has no \"format\": \"{FORMAT}\")")
    files = manifest.get("files")
    if not isinstance(files, list) or not all(isinstance(e, dict) for e in files):
        raise BundleError(f"{bundle}: {MANIFEST} has no list of files (\"files\" must be a list of entries)")
    # Every path first: the one line names the most telling problem.
    paths = [_safe_name(entry.get("path"), bundle) for entry in files]
    _check_layout(paths, bundle)
    for entry in files:
        if not _is_count(entry.get("size")):
            raise BundleError(f"{bundle}: {MANIFEST} gives {entry['path']} no size in bytes")
        sha = entry.get("sha256")
        if not isinstance(sha, str) or len(sha) != 64 or not set(sha) <= _HEX:
            raise BundleError(f"{bundle}: {MANIFEST} gives {entry['path']} no SHA-256")
    version = manifest.get("schema_version")
    if not _is_count(version) or version == 0:
        raise BundleError(f"{bundle}: {MANIFEST} has no schema version (\"schema_version\" must be a "
                          f"whole number, not {version!r})")
    if version > schema.LATEST:
        raise BundleError(f"{bundle}: was made by a newer Exhibit (schema {version}; this one knows up to "
                          f"{schema.LATEST})")
    counts = manifest.get("counts")
    if not isinstance(counts, dict) or not all(isinstance(k, str) and _is_count(v) for k, v in counts.items()):
        raise BundleError(f"{bundle}: {MANIFEST} has no record counts (\"counts\" must map names to numbers)")
    return manifest


def _check_layout(paths: list[PurePosixPath], bundle: str) -> None:
    """One archive.db; no path twice (also by case: Windows and macOS would merge them); no
    file where another entry needs a folder (media/x and media/x/y)."""
    seen: dict[str, str] = {}
    for rel in paths:
        key = str(rel).casefold()
        if key in seen:
            raise BundleError(f"{bundle}: {MANIFEST} lists {seen[key]!r} twice")
        seen[key] = str(rel)
    folders = {str(parent).casefold() for rel in paths for parent in rel.parents if str(parent) != "."}
    for rel in paths:
        if str(rel).casefold() in folders:
            raise BundleError(f"{bundle}: {MANIFEST} lists {str(rel)!r} both as a file and as a folder")
    if DB_NAME.casefold() not in seen:
        raise BundleError(f"{bundle}: the manifest lists no {DB_NAME}")


def _check_space(manifest: dict[str, Any], dest: Path, bundle: str) -> None:
    need = sum(entry["size"] for entry in manifest["files"]) + SPACE_MARGIN
    try:
        free = shutil.disk_usage(dest).free
    except OSError:
        return  # cannot tell: the sizes are still enforced while writing
    if need > free:
        raise BundleError(f"{bundle}: needs {need / 1e6:,.0f} MB free in {dest}, which has "
                          f"{free / 1e6:,.0f} MB; nothing was restored")


def _copy_limited(src: Any, target: Path, size: int, name: str, bundle: str) -> None:
    """Copy at most `size` bytes (the manifest's): a member that holds more is refused there,
    so a small bundle cannot fill the disk before the hash check would catch it."""
    written = 0
    with open(target, "xb") as out:
        while chunk := src.read(min(1 << 20, size - written + 1)):
            written += len(chunk)
            if written > size:
                raise BundleError(f"{bundle}: {name} holds more than the {size:,} bytes its manifest "
                                  f"says; nothing was restored")
            out.write(chunk)
    if written != size:
        raise BundleError(f"{bundle}: {name} holds {written:,} bytes, not the {size:,} its manifest says")


def _folder_member(bundle: Path, rel: str) -> Path:
    """The bundle folder's file `rel`: a regular file reached through no symbolic link."""
    path = bundle
    for part in PurePosixPath(rel).parts:
        path = path / part
        if path.is_symlink():
            raise BundleError(f"{bundle.name}: {rel} is a symbolic link, which a bundle may not hold")
    if not path.is_file():
        raise BundleError(f"{bundle.name}: {rel} is missing")
    return path


def _read_manifest_folder(bundle: Path) -> dict[str, Any]:
    manifest_path = bundle / MANIFEST
    if manifest_path.is_symlink() or not manifest_path.is_file():
        raise BundleError(f"{bundle.name}: has no {MANIFEST}; it is not a bundle")
    if manifest_path.stat().st_size > MAX_MANIFEST_BYTES:
        raise BundleError(f"{bundle.name}: its {MANIFEST} is too large to be a bundle's")
    return _load_manifest(manifest_path.read_bytes(), bundle.name)


def _read_manifest_zip(zf: zipfile.ZipFile, name: str) -> dict[str, Any]:
    try:
        info = zf.getinfo(MANIFEST)
    except KeyError:
        raise BundleError(f"{name}: has no {MANIFEST}; it is not a bundle") from None
    if info.file_size > MAX_MANIFEST_BYTES:
        raise BundleError(f"{name}: its {MANIFEST} is too large to be a bundle's")
    try:
        with zf.open(info) as f:
            return _load_manifest(f.read(MAX_MANIFEST_BYTES + 1), name)
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise BundleError(f"{name}: {MANIFEST} cannot be read ({exc})") from None


def _zip_members(zf: zipfile.ZipFile, name: str) -> dict[str, zipfile.ZipInfo]:
    """Every member by name, after refusing names a careless unzip would write outside its
    folder, symbolic links, and names given twice (which copy would a tool take?)."""
    members: dict[str, zipfile.ZipInfo] = {}
    for info in zf.infolist():
        if info.filename in members:
            raise BundleError(f"{name}: holds {info.filename!r} twice")
        members[info.filename] = info
        if info.filename == MANIFEST:
            continue
        if stat.S_ISLNK(info.external_attr >> 16):
            raise BundleError(f"{name}: {info.filename!r} is a symbolic link, which a bundle may not hold")
        _safe_name(info.filename.rstrip("/") if info.is_dir() else info.filename, name)
    return members


def _unpack(bundle: Path, dest: Path) -> dict[str, Any]:
    """Copy or extract the bundle's listed files into the empty folder `dest`."""
    if bundle.is_dir():
        manifest = _read_manifest_folder(bundle)
        sources = {entry["path"]: _folder_member(bundle, entry["path"]) for entry in manifest["files"]}
        _check_space(manifest, dest, bundle.name)
        for entry in manifest["files"]:
            target = dest / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(sources[entry["path"]], "rb") as src:
                _copy_limited(src, target, entry["size"], entry["path"], bundle.name)
        return manifest
    try:
        zf = zipfile.ZipFile(bundle)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BundleError(f"{bundle.name}: is not a bundle folder or a readable .zip ({exc})") from None
    with zf:
        manifest = _read_manifest_zip(zf, bundle.name)
        members = _zip_members(zf, bundle.name)
        for entry in manifest["files"]:
            info = members.get(entry["path"])
            if info is None or info.is_dir():
                raise BundleError(f"{bundle.name}: {entry['path']} is missing")
            if info.file_size != entry["size"]:
                raise BundleError(f"{bundle.name}: {entry['path']} unpacks to {info.file_size:,} bytes, not the "
                                  f"{entry['size']:,} its manifest says; nothing was restored")
        _check_space(manifest, dest, bundle.name)
        for entry in manifest["files"]:
            target = dest / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(members[entry["path"]]) as src:
                    _copy_limited(src, target, entry["size"], entry["path"], bundle.name)
            except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError) as exc:
                # CRC errors, truncation, encryption, compression methods zipfile lacks
                raise BundleError(f"{bundle.name}: {entry['path']} cannot be read ({exc})") from None
    return manifest


def _check_hashes(folder: Path, manifest: dict[str, Any], name: str,
                  progress: ProgressFn | None = None) -> list[str]:
    problems = []
    files = manifest["files"]
    for number, entry in enumerate(files, start=1):
        path = folder / entry["path"]
        if path.is_symlink() or not path.is_file():
            problems.append(f"{name}: {entry['path']} is missing")
        elif path.stat().st_size != entry["size"]:
            problems.append(f"{name}: {entry['path']} holds {path.stat().st_size:,} bytes, not the "
                            f"{entry['size']:,} its manifest says")
        elif sha256_file(path) != entry["sha256"]:
            problems.append(f"{name}: {entry['path']} does not match its SHA-256 in the manifest "
                            f"(damaged or changed)")
        if progress is not None:
            progress(number, len(files), entry["path"])
    return problems


def _check_database(db_path: Path, manifest: dict[str, Any], name: str) -> None:
    """The bundle's database before it is opened for writing: a sound Exhibit archive of the
    version the manifest says, with this program's schema. Read-only: nothing in it runs."""
    from exhibit.keeping.backups import open_readonly
    from exhibit.keeping.health import check_connection

    if db_path.stat().st_size == 0:
        raise BundleError(f"{name}: its {DB_NAME} is empty (0 bytes); nothing was restored")
    try:
        conn, _ = open_readonly(db_path)
    except (sqlite3.DatabaseError, ExhibitError) as exc:
        raise BundleError(f"{name}: its {DB_NAME} cannot be read ({exc}); nothing was restored") from None
    try:
        damage = check_connection(conn)
        if damage:
            raise BundleError(f"{name}: its {DB_NAME} is damaged ({damage[0]}); nothing was restored")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != manifest["schema_version"]:
            raise BundleError(f"{name}: its {DB_NAME} has schema version {version}, its manifest says "
                              f"{manifest['schema_version']}; nothing was restored")
        refused = [p for p in schema.inspect(conn) if p.problem != "index"]
        if refused:
            raise BundleError(f"{name}: its {DB_NAME} holds a schema this program did not make: "
                              f"{refused[0].describe()}; nothing was restored")
    except sqlite3.DatabaseError as exc:
        raise BundleError(f"{name}: its {DB_NAME} cannot be read ({exc}); nothing was restored") from None
    finally:
        conn.close()


def _check_counts(archive: Archive, manifest: dict[str, Any], name: str) -> None:
    """The records the database holds are the ones the manifest counted when it was made."""
    found = services.stats(archive)
    for key, expected in manifest["counts"].items():
        if key in found and found[key] != expected:
            raise BundleError(f"{name}: its {DB_NAME} holds {found[key]:,} {key} record(s), its manifest "
                              f"says {expected:,}; nothing was restored")
    missing = [key for key in found if key not in manifest["counts"]]
    if missing:
        raise BundleError(f"{name}: {MANIFEST} gives no count of {', '.join(missing)}; nothing was restored")


def verify_bundle(bundle: Path | str, progress: ProgressFn | None = None) -> list[str]:
    """Every problem with a bundle (missing or damaged files, a database that would be
    refused), one line each; [] when sound."""
    bundle = Path(bundle)
    if not bundle.exists():
        raise BundleError(f"{bundle}: not found")
    if bundle.is_dir():
        manifest = _read_manifest_folder(bundle)
        problems = []
        for entry in manifest["files"]:
            try:
                _folder_member(bundle, entry["path"])
            except BundleError as exc:
                problems.append(str(exc))
        problems = problems or _check_hashes(bundle, manifest, bundle.name, progress)
        return problems or _database_problems(bundle, manifest, bundle.name)
    with tempfile.TemporaryDirectory(prefix=".verify-", dir=bundle.parent) as tmp:
        try:
            manifest = _unpack(bundle, Path(tmp))
        except BundleError as exc:
            return [str(exc)]
        problems = _check_hashes(Path(tmp), manifest, bundle.name, progress)
        return problems or _database_problems(Path(tmp), manifest, bundle.name)


def _database_problems(folder: Path, manifest: dict[str, Any], name: str) -> list[str]:
    """What restore_bundle would refuse in the database, read-only (counts only at the
    current schema version: an older one would have to be upgraded to be counted)."""
    try:
        _check_database(folder / DB_NAME, manifest, name)
        if manifest["schema_version"] == schema.LATEST:
            archive = Archive.open(folder / DB_NAME, readonly=True, create=False)
            try:
                _check_counts(archive, manifest, name)
            finally:
                archive.close()
    except ExhibitError as exc:
        return [str(exc).replace("; nothing was restored", "")]
    return []


def restore_bundle(bundle: Path | str, dest: Path | str, progress: ProgressFn | None = None) -> Archive:
    """Restore a bundle as a new archive folder `dest` (which must not exist or be empty).

    Returns the opened archive. Raises BundleError, leaving nothing at `dest`,
    if the manifest is malformed, any file is missing, larger than declared or
    does not match its hash, if the database is empty, damaged, holds a schema
    this program did not make or other record counts than the manifest, or if a
    media record's file does not match the SHA-256 the database holds for it.
    """
    bundle, dest = Path(bundle), Path(dest)
    if not bundle.exists():
        raise BundleError(f"{bundle}: not found")
    if dest.is_symlink() or (dest.exists() and (not dest.is_dir() or any(dest.iterdir()))):
        raise BundleError(f"{dest} is not empty; restore into a new folder")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=".restore-", dir=dest.parent))
    except OSError as exc:
        raise BundleError(f"cannot restore into {dest}: {exc.strerror or exc}") from None
    try:
        manifest = _unpack(bundle, work)
        problems = _check_hashes(work, manifest, bundle.name, progress)
        if problems:
            raise BundleError(f"{problems[0]}; nothing was restored"
                              + (f" ({len(problems)} problems)" if len(problems) > 1 else ""))
        _check_database(work / DB_NAME, manifest, bundle.name)
        try:
            archive = Archive.open(work)  # migrates a bundle from an older version
        except ExhibitError as exc:
            raise BundleError(f"{bundle.name}: its {DB_NAME} cannot be opened ({exc}); "
                              f"nothing was restored") from None
        try:
            _check_counts(archive, manifest, bundle.name)
            media_problems = [f"media #{mid}: {msg}" for mid, path, sha in archive.db.execute(
                "SELECT id, path, sha256 FROM media ORDER BY id").fetchall()
                if (msg := media_files.verify_stored(archive.media_root, path, sha))]
        finally:
            archive.close()
        if media_problems:
            raise BundleError(f"{bundle.name}: {media_problems[0]}; nothing was restored")
        (work / MANIFEST).unlink(missing_ok=True)
        if dest.exists():
            dest.rmdir()
        work.rename(dest)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    return Archive.open(dest)
