"""Importing media into an archive and linking it to records."""
from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from exhibit import media_records, services
from exhibit.integrity import check_archive
from exhibit.records import ArchiveObject

pytestmark = pytest.mark.both_backends


def jpeg(path: Path, size=(640, 480), color=(120, 90, 60)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG", quality=90)
    return path


@pytest.fixture
def drop(tmp_path: Path) -> Path:
    """A folder like one a curator drags in: good photos and the usual bad files."""
    folder = tmp_path / "drop"
    jpeg(folder / "helmet-front.jpg")
    jpeg(folder / "helmet-back.jpg", color=(30, 60, 90))
    jpeg(folder / "sub" / "detail.jpg", size=(300, 800), color=(10, 200, 10))
    good = (folder / "helmet-front.jpg").read_bytes()
    (folder / "truncated.jpg").write_bytes(good[: len(good) // 2])
    (folder / "empty.jpg").write_bytes(b"")
    (folder / "notes.jpg").write_text("这不是图片 not an image", encoding="utf-8")
    return folder


def test_batch_import_reports_bad_files_and_keeps_the_rest(blank_archive, drop):
    obj = services.create(blank_archive, ArchiveObject(accession="HY1944.0005", name_zh="钢盔"))
    report = media_records.import_paths(blank_archive, [drop], root=drop, link_to=("object", obj.id))
    assert len(report.imported) == 3
    bad = {Path(name).name: reason for name, reason in report.errors}
    assert set(bad) == {"truncated.jpg", "empty.jpg", "notes.jpg"}
    assert all(name in reason for name, reason in bad.items())
    images = media_records.media_for(blank_archive, "object", obj.id)
    assert len(images) == 3
    assert services.count(blank_archive, "media") == 3
    assert check_archive(blank_archive) == []


def test_same_file_twice_is_stored_once(blank_archive, drop):
    media_records.import_paths(blank_archive, [drop / "helmet-front.jpg"])
    again = media_records.import_paths(blank_archive, [drop / "helmet-front.jpg"])
    assert len(again.reused) == 1 and not again.imported
    assert services.count(blank_archive, "media") == 1


def test_primary_image_and_order(blank_archive, drop):
    obj = services.create(blank_archive, ArchiveObject(accession="HY1944.0005", name_zh="钢盔"))
    media_records.import_paths(blank_archive, [drop / "helmet-front.jpg", drop / "helmet-back.jpg"],
                               link_to=("object", obj.id))
    front, back = media_records.media_for(blank_archive, "object", obj.id)
    assert media_records.primary_media(blank_archive, "object", obj.id).id == front.id
    media_records.set_primary(blank_archive, "object", obj.id, back.id)
    assert [m.id for m in media_records.media_for(blank_archive, "object", obj.id)] == [back.id, front.id]
    assert media_records.derivative(blank_archive, back, "thumb").exists()


def test_path_outside_chosen_folder_refused(blank_archive, drop, tmp_path):
    outside = jpeg(tmp_path / "elsewhere" / "secret.jpg")
    report = media_records.import_paths(blank_archive, [outside], root=drop)
    assert report.errors and "secret.jpg" in report.errors[0][1]
    assert services.count(blank_archive, "media") == 0


def test_symlink_refused(blank_archive, drop, tmp_path):
    target = jpeg(tmp_path / "elsewhere" / "secret.jpg")
    (drop / "link.jpg").symlink_to(target)
    report = media_records.import_paths(blank_archive, [drop / "link.jpg"], root=drop)
    assert report.errors and "link.jpg" in report.errors[0][1]
    assert services.count(blank_archive, "media") == 0


def test_cancel_stops_between_files(blank_archive, drop):
    calls = []
    report = media_records.import_paths(blank_archive, [drop], progress=lambda d, t, n: calls.append(d),
                                        cancelled=lambda: len(calls) >= 1)
    assert report.cancelled and len(report.imported) + len(report.errors) == 1


def test_deleting_linked_media_is_refused(blank_archive, drop):
    from exhibit.errors import LinkedError

    obj = services.create(blank_archive, ArchiveObject(accession="HY1944.0005", name_zh="钢盔"))
    media_records.import_paths(blank_archive, [drop / "helmet-front.jpg"], link_to=("object", obj.id))
    media = media_records.primary_media(blank_archive, "object", obj.id)
    with pytest.raises(LinkedError, match="HY1944.0005"):
        services.delete(blank_archive, "media", media.id)


def test_check_finds_missing_and_altered_files(blank_archive, drop):
    media_records.import_paths(blank_archive, [drop / "helmet-front.jpg", drop / "helmet-back.jpg"])
    first, second = services.list_records(blank_archive, "media")
    (blank_archive.media_root / first.path).unlink()
    (blank_archive.media_root / second.path).write_bytes(b"tampered")
    problems = check_archive(blank_archive)
    assert any("missing" in p and f"media #{first.id}" in p for p in problems)
    assert any("hash" in p and f"media #{second.id}" in p for p in problems)
