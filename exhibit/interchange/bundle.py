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
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Callable

from exhibit import media as media_files
from exhibit import schema, services
from exhibit.archive import DB_NAME, MEDIA_DIR, Archive
from exhibit.errors import ExhibitError

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
        raise BundleError(f"{out} already exists; choose a new name for the bundle")
    as_zip = out.suffix.lower() == ".zip"
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".bundle-", dir=out.parent))
    try:
        db_copy = schema.backup_to(archive.db, work / DB_NAME)
        conn = sqlite3.connect(db_copy)
        try:
            # One file, readable from read-only media: no -wal/-shm beside it.
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
        sources = _media_files(archive.media_root)
        entries = [{"path": DB_NAME, "size": db_copy.stat().st_size, "sha256": sha256_file(db_copy)}]
        for number, src in enumerate(sources, start=1):
            rel = PurePosixPath(MEDIA_DIR, *src.relative_to(archive.media_root).parts)
            target = work / Path(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
            # Hash the copy, not the source: the manifest vouches for what was written.
            entries.append({"path": str(rel), "size": target.stat().st_size, "sha256": sha256_file(target)})
            if progress is not None:
                progress(number, len(sources), src.name)
        manifest = {"format": FORMAT, "version": 1, "created": services.now(),
                    "schema_version": schema.version(archive.db), "counts": services.stats(archive),
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


# ---------------------------------------------------------------- reading bundles

def _safe_name(name: str, bundle: str) -> PurePosixPath:
    rel = PurePosixPath(name)
    if not name or rel.is_absolute() or ".." in rel.parts or "\\" in name or ":" in rel.parts[0]:
        raise BundleError(f"{bundle}: contains the unsafe path '{name}'")
    return rel


def _load_manifest(text: bytes, bundle: str) -> dict[str, Any]:
    try:
        manifest = json.loads(text)
    except ValueError as exc:
        raise BundleError(f"{bundle}: {MANIFEST} is not valid JSON ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{bundle}: is not an Exhibit bundle ({MANIFEST} has no \"format\": \"{FORMAT}\")")
    if manifest.get("schema_version", 0) > schema.LATEST:
        raise BundleError(f"{bundle}: was made by a newer Exhibit (schema {manifest['schema_version']})")
    for entry in manifest.get("files", []):
        _safe_name(entry.get("path", ""), bundle)
    if not any(e.get("path") == DB_NAME for e in manifest.get("files", [])):
        raise BundleError(f"{bundle}: the manifest lists no {DB_NAME}")
    return manifest


def _unpack(bundle: Path, dest: Path) -> dict[str, Any]:
    """Copy or extract the bundle's listed files into the empty folder `dest`."""
    if bundle.is_dir():
        manifest_path = bundle / MANIFEST
        if not manifest_path.is_file():
            raise BundleError(f"{bundle.name}: has no {MANIFEST}; it is not a bundle")
        manifest = _load_manifest(manifest_path.read_bytes(), bundle.name)
        for entry in manifest["files"]:
            src = bundle / entry["path"]
            if not src.is_file() or src.is_symlink():
                raise BundleError(f"{bundle.name}: {entry['path']} is missing")
            target = dest / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
        return manifest
    try:
        zf = zipfile.ZipFile(bundle)
    except (zipfile.BadZipFile, OSError) as exc:
        raise BundleError(f"{bundle.name}: is not a bundle folder or a readable .zip ({exc})") from None
    with zf:
        try:
            manifest = _load_manifest(zf.read(MANIFEST), bundle.name)
        except KeyError:
            raise BundleError(f"{bundle.name}: has no {MANIFEST}; it is not a bundle") from None
        names = set(zf.namelist())
        for entry in manifest["files"]:
            if entry["path"] not in names:
                raise BundleError(f"{bundle.name}: {entry['path']} is missing")
            target = dest / entry["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with zf.open(entry["path"]) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out, 1 << 20)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:  # CRC errors, truncation
                raise BundleError(f"{bundle.name}: {entry['path']} cannot be read ({exc})") from None
    return manifest


def _check_hashes(folder: Path, manifest: dict[str, Any], name: str,
                  progress: ProgressFn | None = None) -> list[str]:
    problems = []
    files = manifest["files"]
    for number, entry in enumerate(files, start=1):
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{name}: {entry['path']} is missing")
        elif sha256_file(path) != entry.get("sha256"):
            problems.append(f"{name}: {entry['path']} does not match its SHA-256 in the manifest "
                            f"(damaged or changed)")
        if progress is not None:
            progress(number, len(files), entry["path"])
    return problems


def verify_bundle(bundle: Path | str, progress: ProgressFn | None = None) -> list[str]:
    """Every problem with a bundle (missing or damaged files), one line each; [] when sound."""
    bundle = Path(bundle)
    if not bundle.exists():
        raise BundleError(f"{bundle}: not found")
    if bundle.is_dir():
        manifest = _load_manifest((bundle / MANIFEST).read_bytes(), bundle.name) \
            if (bundle / MANIFEST).is_file() else None
        if manifest is None:
            raise BundleError(f"{bundle.name}: has no {MANIFEST}; it is not a bundle")
        return _check_hashes(bundle, manifest, bundle.name, progress)
    with tempfile.TemporaryDirectory(prefix=".verify-", dir=bundle.parent) as tmp:
        try:
            manifest = _unpack(bundle, Path(tmp))
        except BundleError as exc:
            return [str(exc)]
        return _check_hashes(Path(tmp), manifest, bundle.name, progress)


def restore_bundle(bundle: Path | str, dest: Path | str, progress: ProgressFn | None = None) -> Archive:
    """Restore a bundle as a new archive folder `dest` (which must not exist or be empty).

    Returns the opened archive. Raises BundleError, leaving nothing at `dest`,
    if any file is missing or does not match its hash, or if a media record's
    file does not match the SHA-256 the database holds for it.
    """
    bundle, dest = Path(bundle), Path(dest)
    if not bundle.exists():
        raise BundleError(f"{bundle}: not found")
    if dest.exists() and (dest.is_file() or any(dest.iterdir())):
        raise BundleError(f"{dest} is not empty; restore into a new folder")
    dest.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".restore-", dir=dest.parent))
    try:
        manifest = _unpack(bundle, work)
        problems = _check_hashes(work, manifest, bundle.name, progress)
        if problems:
            raise BundleError(f"{problems[0]}; nothing was restored"
                              + (f" ({len(problems)} problems)" if len(problems) > 1 else ""))
        archive = Archive.open(work)  # migrates a bundle from an older version
        try:
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
