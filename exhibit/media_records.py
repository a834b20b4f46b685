"""Media in the archive: import files into the store, and link them to records.

`exhibit.media_files` handles the files (checks, content-hash store, derivatives);
this module records them in the database through the same transaction and
history rules as every other write. One bad file in a batch is reported and
skipped; the others import. A file that fails after its bytes were stored
(its previews cannot be made, its record cannot be written) takes its stored
copy with it, unless a record already refers to that content.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from exhibit import media_files
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, NotFoundError, printable
from exhibit.records import Media, MediaLink
from exhibit.services import add_history, exists, get, inserted_id

ProgressFn = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    imported: list[Media] = field(default_factory=list)   # new media records
    reused: list[Media] = field(default_factory=list)     # files already in the archive
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors and not self.cancelled

    def summary(self) -> str:
        parts = [f"{len(self.imported)} imported", f"{len(self.reused)} already in the archive"]
        if self.errors:
            parts.append(f"{len(self.errors)} failed")
        if self.cancelled:
            parts.append("cancelled")
        return ", ".join(parts)


def _media_by_sha(archive: Archive, sha256: str) -> Media | None:
    row = archive.db.execute("SELECT id FROM media WHERE sha256 = ?", [sha256]).fetchone()
    return get(archive, Media, row[0]) if row else None


def import_file(archive: Archive, path: Path, *, caption_zh: str = "", caption_en: str = "",
                creator: str = "", rights: str = "", date_text: str = "",
                is_illustration: bool = False, is_sample: bool = False,
                follow_symlinks: bool = True) -> tuple[Media, bool]:
    """Store one file and record it; returns (media, created). Raises MediaError naming the file."""
    from exhibit.services import create

    stored = media_files.store_file(Path(path), archive.media_root, follow_symlinks=follow_symlinks)
    existing = _media_by_sha(archive, stored.sha256)
    if existing is not None:
        return existing, False
    try:
        media_files.make_derivatives(stored, archive.media_root)
        record = _new_record(stored, caption_zh=caption_zh, caption_en=caption_en, creator=creator,
                             rights=rights, date_text=date_text, is_illustration=is_illustration,
                             is_sample=is_sample)
        return create(archive, record), True
    except BaseException:
        _discard_unrecorded(archive, stored)
        raise


def _discard_unrecorded(archive: Archive, stored: media_files.StoredMedia) -> None:
    """Remove what this import stored if no media record refers to it: no orphans from a failure."""
    if not stored.created or _media_by_sha(archive, stored.sha256) is not None:
        return
    paths = [archive.media_root / stored.path]
    paths += [media_files.derivative_path(archive.media_root, stored.sha256, kind)
              for kind in media_files.DERIVATIVE_SIZES]
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass


def _new_record(stored: media_files.StoredMedia, **fields: Any) -> Media:
    return Media(sha256=stored.sha256, path=stored.path, original_name=stored.original_name,
                 format=stored.format, mime=stored.mime, width=stored.width, height=stored.height,
                 size_bytes=stored.size_bytes, exif_date=stored.exif_date, camera=stored.camera,
                 **fields)


def import_paths(archive: Archive, paths: list[Path], *, root: Path | None = None,
                 link_to: tuple[str, int] | None = None, role: str = "image",
                 progress: ProgressFn | None = None,
                 cancelled: Callable[[], bool] | None = None) -> ImportReport:
    """Import files and folders (recursively). With `root`, every path must lie inside it.

    Each file is its own transaction: a bad file is listed in the report with
    the reason and the rest go on. With `link_to=(record_type, id)` each
    imported image is linked to that record, in order.
    """
    report = ImportReport()
    if link_to is not None and not exists(archive, *link_to):
        raise NotFoundError(f"cannot attach media: {link_to[0]} #{link_to[1]} does not exist")
    selection = media_files.collect_import_files([Path(p) for p in paths], root)
    report.errors += [(str(p), reason) for p, reason in selection.problems]
    files = selection.files
    total = len(files)
    for number, path in enumerate(files, start=1):
        if cancelled is not None and cancelled():
            report.cancelled = True
            break
        if progress is not None:
            progress(number, total, media_files.display_name(path))
        try:
            record, created = import_file(archive, path, follow_symlinks=path in selection.named)
            if link_to is not None:
                link_media(archive, record.saved_id, link_to[0], link_to[1], role=role)
        except OSError as exc:  # a failure of this machine, not of the file
            report.errors.append((str(path), f"{media_files.display_name(path)}: could not be"
                                              f" imported ({exc.strerror or exc})"))
            continue
        except ExhibitError as exc:
            report.errors.append((str(path), printable(str(exc))))
            continue
        (report.imported if created else report.reused).append(record)
    return report


# ---------------------------------------------------------------- media links

def get_media_link(archive: Archive, link_id: int) -> MediaLink:
    """One media link by id; NotFoundError if it is gone."""
    row = archive.db.execute("SELECT id, media_id, record_type, record_id, role, position "
                             "FROM media_links WHERE id = ?", [link_id]).fetchone()
    if row is None:
        raise NotFoundError(f"media link #{link_id} does not exist")
    return MediaLink(*row)


def media_link_dict(link: MediaLink) -> dict:
    """A media link as its history rows record it."""
    return {"id": link.id, "media_id": link.media_id, "record_type": link.record_type,
            "record_id": link.record_id, "role": link.role, "position": link.position}


def media_links(archive: Archive, record_type: str, record_id: int) -> list[MediaLink]:
    """The images of a record, primary first."""
    rows = archive.db.execute(
        "SELECT id, media_id, record_type, record_id, role, position FROM media_links "
        "WHERE record_type = ? AND record_id = ? ORDER BY position, id", [record_type, record_id])
    return [MediaLink(*r) for r in rows]


def media_for(archive: Archive, record_type: str, record_id: int) -> list[Media]:
    return [get(archive, Media, link.media_id) for link in media_links(archive, record_type, record_id)]


def primary_media(archive: Archive, record_type: str, record_id: int) -> Media | None:
    found = media_links(archive, record_type, record_id)
    return get(archive, Media, found[0].media_id) if found else None


def link_media(archive: Archive, media_id: int, record_type: str, record_id: int,
               role: str = "image", position: int | None = None) -> MediaLink:
    with archive.transaction():
        if not exists(archive, "media", media_id):
            raise NotFoundError(f"media #{media_id} does not exist")
        if not exists(archive, record_type, record_id):
            raise NotFoundError(f"{record_type} #{record_id} does not exist")
        row = archive.db.execute("SELECT id FROM media_links WHERE media_id = ? AND record_type = ? "
                                 "AND record_id = ?", [media_id, record_type, record_id]).fetchone()
        if row:
            return get_media_link(archive, row[0])
        if position is None:
            position = archive.db.execute(
                "SELECT coalesce(max(position) + 1, 0) FROM media_links WHERE record_type = ? "
                "AND record_id = ?", [record_type, record_id]).fetchone()[0]
        link_id = inserted_id(archive.db.execute(
            "INSERT INTO media_links (media_id, record_type, record_id, role, position) VALUES (?, ?, ?, ?, ?)",
            [media_id, record_type, record_id, role, position]))
        new = get_media_link(archive, link_id)
        add_history(archive, "link_media", "media_link", link_id, None, media_link_dict(new))
    return new


def unlink_media(archive: Archive, link_id: int) -> None:
    with archive.transaction():
        old = get_media_link(archive, link_id)
        archive.db.execute("DELETE FROM media_links WHERE id = ?", [link_id])
        add_history(archive, "unlink_media", "media_link", link_id, media_link_dict(old), None)


def reorder_media(archive: Archive, record_type: str, record_id: int, media_ids: list[int]) -> None:
    """Order the images of a record; the first is the primary image."""
    with archive.transaction():
        current = media_links(archive, record_type, record_id)
        by_media = {link.media_id: link for link in current}
        if sorted(by_media) != sorted(media_ids):
            raise ExhibitError(f"reorder: the new order must list exactly the {len(current)} images "
                               f"of {record_type} #{record_id}")
        for position, mid in enumerate(media_ids):
            archive.db.execute("UPDATE media_links SET position = ? WHERE id = ?",
                               [position, by_media[mid].id])
        add_history(archive, "reorder_media", record_type, record_id,
                 {"order": [link.media_id for link in current]}, {"order": list(media_ids)})


def set_primary(archive: Archive, record_type: str, record_id: int, media_id: int) -> None:
    order = [link.media_id for link in media_links(archive, record_type, record_id)]
    if media_id not in order:
        raise NotFoundError(f"media #{media_id} is not an image of {record_type} #{record_id}")
    order.remove(media_id)
    reorder_media(archive, record_type, record_id, [media_id] + order)


def file_path(archive: Archive, media: Media) -> Path:
    return archive.media_root / media.path


def derivative(archive: Archive, media: Media, kind: str = "thumb") -> Path:
    """The thumbnail or screen-size image of a media record, made if missing."""
    path = media_files.derivative_path(archive.media_root, media.sha256, kind)
    if not path.exists() or not media_files.derivative_is_clean(path):
        stored = media_files.StoredMedia(
            sha256=media.sha256, path=media.path, original_name=media.original_name,
            format=media.format, mime=media.mime, width=media.width, height=media.height,
            size_bytes=media.size_bytes, exif_date=media.exif_date, camera=media.camera)
        media_files.make_derivatives(stored, archive.media_root)
    return path


