"""Hostile media files (issue #14, helper B): metadata leaks, hostile names, lying files, links.

Each attack goes through `python main.py import-media` in a child capped at
500 MB, the way a curator would run it, then checks what a user would: the
exit status and the one readable line naming the file, the archive and its
media folder unchanged (or only grown, for a folder where some files are
good), nothing written outside the archive, and the bytes the kiosk would be
served carrying pixels and nothing else.
"""
from __future__ import annotations

import io
import os
import unicodedata
from pathlib import Path

import pytest
from PIL import Image

from tests.hostile.media_samples import SECRET, hostile_originals, is_srgb, jpeg_file, jpeg_segments, metadata_in
from tests.hostile.media_support import Attack, assert_no_raw_controls
from tests.hostile.support import MEMORY_CAP_MB, assert_refused


@pytest.fixture
def attack(archive, tmp_path: Path) -> Attack:
    """The sample Hengyang archive, closed, ready to be attacked through main.py."""
    archive.close()
    return Attack(archive.root, tmp_path)


# ---------------------------------------------------------------- 3. metadata never reaches a derivative

# Files whose embedded ICC profile is a linear-light one: their grey 64 must
# come out brighter once converted to sRGB (about 137), proving the colours
# were converted, not the profile copied.
_WITH_PROFILE = {"jpeg-icc.jpg", "png-text.png", "webp-exif-xmp.webp", "tiff-tags.tif"}


@pytest.fixture(scope="module")
def imported_hostile(tmp_path_factory: pytest.TempPathFactory):
    """One import of a folder holding every kind of metadata, each carrying SECRET."""
    from exhibit.archive import Archive

    work = tmp_path_factory.mktemp("metadata")
    Archive.open(work / "archive", user="tester").close()
    originals = hostile_originals(work / "drop")
    attack = Attack(work / "archive", work).snapshot()
    run = attack.run("import-media", str(work / "drop"))
    return attack, run, originals


def test_hostile_metadata_folder_imports(imported_hostile):
    attack, run, originals = imported_hostile
    assert run.returncode == 0, run.output
    assert "Traceback" not in run.output
    assert run.peak_rss_mb < MEMORY_CAP_MB
    names = sorted(row[3] for row in attack.new_rows())
    assert names == sorted(originals)
    attack.assert_nothing_outside()


@pytest.mark.parametrize("name", [
    "jpeg-com.jpg", "jpeg-exif-gps.jpg", "jpeg-xmp.jpg", "jpeg-iptc.jpg", "jpeg-icc.jpg",
    "jpeg-app15.jpg", "jpeg-trailing-html.jpg", "png-text.png", "webp-exif-xmp.webp",
    "tiff-tags.tif", "gif-comment.gif"])
def test_derivatives_carry_pixels_only(imported_hostile, name):
    attack, _run, originals = imported_hostile
    assert SECRET in originals[name].read_bytes()  # the attack is real
    row = next(r for r in attack.new_rows() if r[3] == name)
    for kind in ("thumb", "screen"):
        data = (attack.media / "derived" / kind / f"{row[1]}.jpg").read_bytes()
        assert metadata_in(data) == [], f"{kind} of {name}"
        markers = {m for m, _ in jpeg_segments(data)}
        assert 0xFE not in markers and not markers & set(range(0xE1, 0xF0))
        grey = Image.open(io.BytesIO(data)).convert("RGB").getpixel((2, 2))
        expected = 137 if name in _WITH_PROFILE else 64
        assert all(abs(c - expected) <= 8 for c in grey), f"{kind} of {name}: {grey}"


def test_metadata_reader_sees_every_kind():
    """The reader the tests above rely on does flag each kind (no test that cannot fail)."""
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        for name, path in hostile_originals(Path(d)).items():
            data = path.read_bytes()
            if data[:2] == b"\xff\xd8" or data[:4] in (b"\x89PNG", b"RIFF"):
                assert metadata_in(data), name
    from tests.hostile.media_samples import icc_profile
    assert not is_srgb(icc_profile(b"Linear " + SECRET))


def test_old_derivative_with_metadata_is_made_again(archive):
    """Derivatives made before this fix kept the comment: asking for one makes it clean again."""
    from exhibit import media_records, services

    record = services.list_records(archive, "media")[0]
    thumb = media_records.derivative(archive, record, "thumb")
    with Image.open(thumb) as img:
        leaky = io.BytesIO()
        img.save(leaky, "JPEG", comment=SECRET)
    thumb.write_bytes(leaky.getvalue())
    again = media_records.derivative(archive, record, "thumb")
    assert metadata_in(again.read_bytes()) == []


# ---------------------------------------------------------------- 12. names are escaped

_EVIL = ["evil\x1b[31mred\x1b[0m\x07.jpg", "photo\u202egpj.exe.jpg", "two\nlines.jpg",
         "csi\x9b2J.jpg", "iso\u2066late\u2069\u200e.jpg", "del\x7f\r.jpg"]


def test_control_characters_in_names_are_escaped(attack, tmp_path):
    drop = tmp_path / "drop"
    for n, name in enumerate(_EVIL):
        jpeg_file(drop / name, (40 + n, 30))
    bad = Path(os.fsdecode(os.fsencode(drop) + b"/bytes\xff\xfe.jpg"))
    jpeg_file(bad, (99, 30))
    attack.snapshot()
    run = attack.run("import-media", str(drop))
    assert run.returncode == 0, run.output
    assert_no_raw_controls(run.output)
    assert "evil\\x1b[31mred\\x1b[0m\\x07.jpg" in run.stdout
    assert "photo\\u202egpj.exe.jpg" in run.stdout and "two\\x0alines.jpg" in run.stdout
    assert "bytes\\xff\\xfe.jpg" in run.stdout  # undecodable bytes shown, not a crash
    stored = [row[3] for row in attack.new_rows()]
    assert len(stored) == len(_EVIL) + 1
    for name in stored:  # the archive keeps the visible form: lists and exports are safe too
        assert_no_raw_controls(name)
    attack.assert_nothing_lost()


def test_refused_file_with_escape_sequences_is_one_escaped_line(attack, tmp_path):
    bad = tmp_path / "in" / "x\x1b]0;owned\x07\nerror: fake.jpg"
    bad.parent.mkdir()
    bad.write_text("not a picture")
    attack.snapshot()
    run = attack.run("import-media", str(bad))
    line = assert_refused(run, "not an image", "x\\x1b]0;owned\\x07\\x0aerror: fake.jpg")
    assert_no_raw_controls(line)
    attack.assert_nothing_changed()


def test_media_check_escapes_names_found_in_the_media_folder(attack):
    (attack.media / "originals" / "zz\x1b[2Jwipe\u202e.jpg").write_bytes(b"dropped here")
    run = attack.run("media-check")
    assert_no_raw_controls(run.output)
    assert "zz\\x1b[2Jwipe\\u202e.jpg" in run.stdout


# ---------------------------------------------------------------- files that are not what they say


@pytest.mark.parametrize("name, content, words", [
    ("empty.jpg", b"", ("empty.jpg", "empty")),
    ("notes.jpg", "这不是图片 not an image".encode(), ("notes.jpg", "not an image")),
    ("drawing.jpg", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
                    b'<script>alert(1)</script></svg>', ("drawing.jpg", "SVG")),
    ("page.jpg", b"<!DOCTYPE html><html><body onload=alert(1)>", ("page.jpg", "HTML")),
    ("scan.png", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", ("scan.png", "PDF")),
])
def test_file_whose_extension_lies_is_refused(attack, tmp_path, name, content, words):
    path = tmp_path / "in" / name
    path.parent.mkdir()
    path.write_bytes(content)
    attack.snapshot()
    assert_refused(attack.run("import-media", str(path)), *words)
    attack.assert_nothing_changed()


def test_truncated_jpeg_is_refused(attack, tmp_path):
    good = jpeg_file(tmp_path / "in" / "good.jpg", (1200, 900)).read_bytes()
    cut = tmp_path / "in" / "cut.jpg"
    cut.write_bytes(good[: len(good) // 2])
    attack.snapshot()
    assert_refused(attack.run("import-media", str(cut)), "cut.jpg", "truncated")
    attack.assert_nothing_changed()


def test_png_called_jpg_is_stored_as_what_it_is(attack, tmp_path):
    path = tmp_path / "in" / "really-a-png.jpg"
    path.parent.mkdir()
    Image.new("RGB", (50, 40), (1, 2, 3)).save(path, "PNG")
    attack.snapshot()
    run = attack.run("import-media", str(path))
    assert run.returncode == 0, run.output
    (row,) = attack.new_rows()
    assert row[2].endswith(".png")


# ---------------------------------------------------------------- links, loops, special files


def test_links_inside_a_folder_are_reported_not_followed(attack, tmp_path):
    """Policy: a folder import never reads through a link (to /etc/passwd, to a private photo)."""
    drop = tmp_path / "drop"
    jpeg_file(drop / "a-good.jpg", (64, 48))
    private = jpeg_file(tmp_path / "private" / "donor-home.jpg", (123, 77))
    (drop / "passwd.jpg").symlink_to("/etc/passwd")
    (drop / "holiday.jpg").symlink_to(private)
    (drop / "elsewhere").symlink_to(private.parent, target_is_directory=True)
    attack.snapshot()
    for extra in ((), ("--root", str(drop))):
        run = attack.run("import-media", str(drop), *extra)
        assert run.returncode == 1, run.output
        assert "Traceback" not in run.output
        errors = [line for line in run.stderr.splitlines() if line.strip()]
        assert len(errors) == 3 and all("symbolic link" in e for e in errors), run.stderr
        assert {e.split(":")[1].strip() for e in errors} == {"passwd.jpg", "holiday.jpg", "elsewhere"}
    sizes = {(row[4], row[5]) for row in attack.new_rows()}
    assert sizes == {(64, 48)}  # the good file, once; never the private photo
    attack.assert_nothing_lost()


def test_link_loops_in_a_folder_end(attack, tmp_path):
    drop = tmp_path / "drop"
    jpeg_file(drop / "b.jpg", (50, 50))
    (drop / "x.jpg").symlink_to(drop / "y.jpg")
    (drop / "y.jpg").symlink_to(drop / "x.jpg")
    (drop / "again").symlink_to(drop, target_is_directory=True)
    attack.snapshot()
    run = attack.run("import-media", str(drop), timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.output
    assert len(run.stderr.strip().splitlines()) == 3
    assert [(r[4], r[5]) for r in attack.new_rows()] == [(50, 50)]
    attack.assert_nothing_lost()


def test_a_named_link_loop_is_one_line(attack, tmp_path):
    loop = tmp_path / "loop.jpg"
    loop.symlink_to(loop)
    attack.snapshot()
    assert_refused(attack.run("import-media", str(loop)), "loop.jpg")
    attack.assert_nothing_changed()


def test_dangling_link_is_not_found(attack, tmp_path):
    link = tmp_path / "gone.jpg"
    link.symlink_to(tmp_path / "never-was.jpg")
    attack.snapshot()
    assert_refused(attack.run("import-media", str(link)), "gone.jpg", "not found")
    attack.assert_nothing_changed()


def test_fifo_named_or_in_a_folder_never_blocks(attack, tmp_path):
    drop = tmp_path / "drop"
    jpeg_file(drop / "a.jpg", (70, 60))
    os.mkfifo(drop / "pipe.jpg")
    attack.snapshot()
    assert_refused(attack.run("import-media", str(drop / "pipe.jpg"), timeout=60),
                   "pipe.jpg", "not a regular file")
    attack.assert_nothing_changed()
    run = attack.run("import-media", str(drop), timeout=60)
    assert run.returncode == 1 and "pipe.jpg" in run.stderr and "Traceback" not in run.output
    assert [(r[4], r[5]) for r in attack.new_rows()] == [(70, 60)]
    attack.assert_nothing_lost()


def test_outside_the_root_is_refused(attack, tmp_path):
    root = tmp_path / "box"
    root.mkdir()
    outside = jpeg_file(tmp_path / "elsewhere" / "x.jpg")
    attack.snapshot()
    assert_refused(attack.run("import-media", str(outside), "--root", str(root)), "x.jpg", "outside")
    assert_refused(attack.run("import-media", str(root / ".." / "elsewhere" / "x.jpg"),
                              "--root", str(root)), "outside")
    attack.assert_nothing_changed()


# ---------------------------------------------------------------- Unicode normalisation


def test_name_typed_composed_finds_the_file_written_decomposed(attack, tmp_path):
    """macOS writes "café" as NFD; the curator types NFC. Same file, found, stored as NFC."""
    nfd = unicodedata.normalize("NFD", "café-衡阳.jpg")
    nfc = unicodedata.normalize("NFC", "café-衡阳.jpg")
    jpeg_file(tmp_path / "in" / nfd, (33, 44))
    attack.snapshot()
    for extra in ((), ("--root", str(tmp_path / "in"))):
        run = attack.run("import-media", str(tmp_path / "in" / nfc), *extra)
        assert run.returncode == 0, run.output
    (row,) = attack.new_rows()
    assert row[3] == nfc and (row[4], row[5]) == (33, 44)


def test_composed_and_decomposed_twins_both_import(attack, tmp_path):
    drop = tmp_path / "drop"
    jpeg_file(drop / unicodedata.normalize("NFD", "é.jpg"), (20, 10))
    jpeg_file(drop / unicodedata.normalize("NFC", "é.jpg"), (21, 10))
    attack.snapshot()
    run = attack.run("import-media", str(drop))
    assert run.returncode == 0, run.output
    assert sorted((r[4], r[5]) for r in attack.new_rows()) == [(20, 10), (21, 10)]


# ---------------------------------------------------------------- storage that refuses writes


def test_read_only_media_folder(attack, tmp_path):
    from tests.hostile.archive_support import run_without_override

    photo = jpeg_file(tmp_path / "in" / "helmet.jpg", (90, 60))
    attack.snapshot()
    folders = [attack.media, *[p for p in attack.media.rglob("*") if p.is_dir()]]
    for folder in folders:
        folder.chmod(0o555)
    try:
        run = run_without_override("--archive", str(attack.root), "--no-sample",
                                   "import-media", str(photo))
    finally:
        for folder in folders:
            folder.chmod(0o755)
    assert_refused(run, "helmet.jpg", "media folder")
    attack.assert_nothing_changed()
