"""Media files: inspect, store, derivatives, confinement, verification."""
from __future__ import annotations

import hashlib
import os
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from exhibit import media_files
from exhibit.errors import MediaError
from exhibit.media_files import (
    SCREEN,
    THUMB,
    StoredMedia,
    collect_import_files,
    derivative_path,
    inspect_image,
    iter_import_files,
    make_derivatives,
    make_thumbnail,
    naive_thumbnail,
    resolve_inside,
    store_file,
    verify_stored,
)

RED, BLUE = (220, 20, 20), (20, 20, 220)


# --------------------------------------------------------------------------
# helpers


def two_tone(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Left half red, right half blue (so orientation mistakes are visible)."""
    w, h = size
    img = Image.new("RGB", size, BLUE)
    img.paste(RED, (0, 0, w // 2, h))
    return img.convert(mode) if mode != "RGB" else img


def exif_bytes(orientation: int | None = None, make: str | None = None,
               model: str | None = None, original: str | None = None,
               datetime: str | None = None) -> bytes:
    e = Image.Exif()
    if orientation is not None:
        e[0x0112] = orientation
    if make is not None:
        e[0x010F] = make
    if model is not None:
        e[0x0110] = model
    if datetime is not None:
        e[0x0132] = datetime
    if original is not None:
        e.get_ifd(0x8769)[0x9003] = original
    return e.tobytes()


def jpeg(path: Path, size=(300, 200), **exif) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    two_tone(size).save(path, "JPEG", quality=90, exif=exif_bytes(**exif))
    return path


def png(path: Path, size=(120, 80), mode="RGB") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    two_tone(size, mode).save(path, "PNG")
    return path


def big_bilevel_png(path: Path, w: int, h: int) -> Path:
    """A valid, all-black 1-bit PNG of w×h, written chunk by chunk.

    Pillow keeps mode '1' at one BYTE per pixel (20,000² = 400 MB), so the
    file is streamed through zlib instead: ~50 kB, well under a second.
    """
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    co = zlib.compressobj(9)
    row = b"\0" * (1 + (w + 7) // 8)  # filter byte + packed bits
    parts, done = [], 0
    while done < h:
        n = min(1000, h - done)
        parts.append(co.compress(row * n))
        done += n
    parts.append(co.flush())
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
                     + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))
    return path


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def everything(root: Path) -> list[Path]:
    return sorted(root.rglob("*")) if root.exists() else []


def mean_rgb(img: Image.Image, box) -> tuple[float, float, float]:
    return tuple(ImageStat.Stat(img.crop(box).convert("RGB")).mean)


def is_reddish(rgb) -> bool:
    return rgb[0] > 150 and rgb[2] < 100


def is_bluish(rgb) -> bool:
    return rgb[2] > 150 and rgb[0] < 100


@pytest.fixture
def root(tmp_path: Path) -> Path:
    r = tmp_path / "media"
    r.mkdir()
    return r


# --------------------------------------------------------------------------
# store


def test_store_jpeg(tmp_path, root):
    src = jpeg(tmp_path / "in" / "Hengyang 1944.JPG", (300, 200))
    s = store_file(src, root)
    assert isinstance(s, StoredMedia)
    assert s.sha256 == sha(src)
    assert s.path == f"originals/{s.sha256[:2]}/{s.sha256}.jpg"
    assert (root / s.path).read_bytes() == src.read_bytes()
    assert (s.original_name, s.format, s.mime) == ("Hengyang 1944.JPG", "JPEG", "image/jpeg")
    assert (s.width, s.height, s.size_bytes) == (300, 200, src.stat().st_size)
    assert s.exif_date is None and s.camera is None


def test_store_png_with_wrong_extension_gets_canonical_one(tmp_path, root):
    src = png(tmp_path / "scan.jpg", (120, 80))
    s = store_file(src, root)
    assert (s.format, s.mime, s.width, s.height) == ("PNG", "image/png", 120, 80)
    assert s.path.endswith(f"{s.sha256}.png")
    assert sha(root / s.path) == s.sha256


def test_dedupe_same_content_stored_once(tmp_path, root):
    a = jpeg(tmp_path / "a.jpg")
    b = tmp_path / "copy of a.jpg"
    b.write_bytes(a.read_bytes())
    s1 = store_file(a, root)
    before = os.stat(root / s1.path)
    s2 = store_file(a, root)
    s3 = store_file(b, root)
    assert s1.sha256 == s2.sha256 == s3.sha256 and s1.path == s3.path
    assert s3.original_name == "copy of a.jpg"
    assert all_files(root) == [root / s1.path]
    after = os.stat(root / s1.path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_mpo_is_stored_as_jpeg(tmp_path, root):
    src = tmp_path / "phone.jpg"
    two_tone((200, 100)).save(src, "MPO", save_all=True,
                              append_images=[two_tone((200, 100))])
    s = store_file(src, root)
    assert (s.format, s.mime) == ("JPEG", "image/jpeg") and s.path.endswith(".jpg")


# --------------------------------------------------------------------------
# EXIF


def test_orientation_6_swaps_size_and_thumbnail_is_portrait(tmp_path, root):
    # Stored landscape 1200×800, left half red; orientation 6 = rotate 90° clockwise,
    # so it displays as 800×1200 portrait with the red half on top.
    src = jpeg(tmp_path / "rotated.jpg", (1200, 800), orientation=6)
    s = store_file(src, root)
    assert (s.width, s.height) == (800, 1200)
    d = make_derivatives(s, root)
    with Image.open(d["thumb"]) as t:
        assert t.size == (171, 256) and t.format == "JPEG" and t.mode == "RGB"
        assert t.getexif().get(0x0112) is None  # upright pixels, no tag to re-apply
        assert is_reddish(mean_rgb(t, (20, 10, 150, 100)))
        assert is_bluish(mean_rgb(t, (20, 156, 150, 246)))
    with Image.open(d["screen"]) as sc:
        assert sc.size == (800, 1200)  # never enlarged


@pytest.mark.parametrize("orientation", [1, 2, 3, 4, 5, 6, 7, 8])
def test_fast_thumbnail_matches_naive(tmp_path, orientation):
    src = jpeg(tmp_path / "o.jpg", (1500, 1000), orientation=orientation)
    make_thumbnail(src, tmp_path / "fast.jpg", THUMB)
    naive_thumbnail(src, tmp_path / "naive.jpg", THUMB)
    with Image.open(tmp_path / "fast.jpg") as f, Image.open(tmp_path / "naive.jpg") as n:
        assert f.size == n.size
        assert max(f.size) == THUMB
        w, h = f.size
        for box in [(5, 5, w // 3, h // 3), (w - w // 3, h - h // 3, w - 5, h - 5)]:
            a, b = mean_rgb(f, box), mean_rgb(n, box)
            assert max(abs(x - y) for x, y in zip(a, b)) < 25, (box, a, b)


@pytest.mark.parametrize("size", [(3000, 2000), (2000, 3000), (1601, 7), (999, 1000)])
def test_thumbnail_sizes_keep_aspect(tmp_path, size):
    src = jpeg(tmp_path / "x.jpg", size)
    for long_edge in (THUMB, SCREEN):
        dst = tmp_path / f"t{long_edge}.jpg"
        make_thumbnail(src, dst, long_edge)
        naive_thumbnail(src, tmp_path / "n.jpg", long_edge)
        with Image.open(dst) as t, Image.open(tmp_path / "n.jpg") as n:
            assert t.size == n.size
            assert max(t.size) == min(long_edge, max(size))


def test_exif_date_and_camera(tmp_path):
    info = inspect_image(jpeg(tmp_path / "a.jpg", make="NIKON CORPORATION ",
                              model="NIKON D70\x00", original="1944:06:23 10:30:00",
                              datetime="2024:01:02 03:04:05"))
    assert info.exif_date == "1944-06-23T10:30:00"
    assert info.camera == "NIKON CORPORATION NIKON D70"

    info = inspect_image(jpeg(tmp_path / "b.jpg", make="Canon", model="Canon EOS 5D",
                              datetime="1944:08:08 08:00:00"))
    assert info.exif_date == "1944-08-08T08:00:00"  # DateTime when no DateTimeOriginal
    assert info.camera == "Canon EOS 5D"

    info = inspect_image(jpeg(tmp_path / "c.jpg", model="Leica",
                              original="0000:00:00 00:00:00"))
    assert info.exif_date is None and info.camera == "Leica"


# --------------------------------------------------------------------------
# rejected files (and nothing left behind)


def _truncated(tmp_path: Path) -> Path:
    img = Image.effect_noise((400, 300), 60).convert("RGB")
    full = tmp_path / "full.jpg"
    img.save(full, "JPEG", quality=95)
    cut = tmp_path / "cut off.jpg"
    cut.write_bytes(full.read_bytes()[: full.stat().st_size // 2])
    return cut


def _empty(tmp_path: Path) -> Path:
    p = tmp_path / "empty.jpg"
    p.write_bytes(b"")
    return p


def _text(tmp_path: Path) -> Path:
    p = tmp_path / "notes.jpg"
    p.write_text("Defence of Hengyang, 47 days.\n" * 20)
    return p


def _huge(tmp_path: Path) -> Path:
    return big_bilevel_png(tmp_path / "huge.png", 20_000, 20_000)


def _between_limits(tmp_path: Path) -> Path:
    # 100 MP: above MAX_IMAGE_PIXELS (only a warning in Pillow), below 2× (an error)
    return big_bilevel_png(tmp_path / "large.png", 10_000, 10_000)


def _ico(tmp_path: Path) -> Path:
    p = tmp_path / "favicon.ico"
    two_tone((32, 32)).save(p, "ICO")
    return p


def _pdf(tmp_path: Path) -> Path:
    p = tmp_path / "report.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    return p


def _pdf_by_pillow(tmp_path: Path) -> Path:
    p = tmp_path / "scan.jpg"  # a PDF wearing an image name
    two_tone((50, 50)).save(p, "PDF")
    return p


BAD = {
    "truncated": (_truncated, ["cut off.jpg", "truncated"]),
    "empty": (_empty, ["empty.jpg", "empty"]),
    "text": (_text, ["notes.jpg", "not an image"]),
    "huge": (_huge, ["huge.png", "too large"]),
    "between_limits": (_between_limits, ["large.png", "too large"]),
    "ico": (_ico, ["favicon.ico", "ICO", "unsupported"]),
    "pdf": (_pdf, ["report.pdf", "PDF"]),
    "pdf_named_jpg": (_pdf_by_pillow, ["scan.jpg", "PDF"]),
}


@pytest.mark.parametrize("case", BAD)
def test_bad_files_rejected_and_nothing_left(tmp_path, root, case):
    make, words = BAD[case]
    src = make(tmp_path)
    with pytest.raises(MediaError) as err:
        store_file(src, root)
    msg = str(err.value)
    for w in words:
        assert w.lower() in msg.lower(), msg
    assert str(tmp_path) not in msg  # the name, not the whole path
    assert everything(root) == []
    with pytest.raises(MediaError):
        inspect_image(src)


def test_missing_file_and_folder(tmp_path, root):
    with pytest.raises(MediaError, match="gone.jpg: file not found"):
        store_file(tmp_path / "gone.jpg", root)
    with pytest.raises(MediaError, match="folder"):
        store_file(tmp_path, root)
    assert everything(root) == []


def test_copy_failure_leaves_no_partial_original(tmp_path, root, monkeypatch):
    src = jpeg(tmp_path / "ok.jpg")

    def boom(a, b):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(media_files.os, "replace", boom)
    with pytest.raises(MediaError, match=r"ok\.jpg: .*No space left"):
        store_file(src, root)
    assert all_files(root) == []


def test_file_changing_during_import_is_rejected(tmp_path, root, monkeypatch):
    src = jpeg(tmp_path / "moving.jpg")
    real_hash = media_files._hash_stream

    def hash_then_change(f, name):
        out = real_hash(f, name)
        with open(src, "ab") as w:  # another program appends to the file we are reading
            w.write(b"more")
        return out

    monkeypatch.setattr(media_files, "_hash_stream", hash_then_change)
    with pytest.raises(MediaError, match="moving.jpg: the file changed"):
        store_file(src, root)
    assert all_files(root) == []


def test_derivative_failure_leaves_no_temp_file(tmp_path, root, monkeypatch):
    s = store_file(jpeg(tmp_path / "a.jpg", (600, 400)), root)

    def failing_save(self, fp, format=None, **kw):
        fp.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Image.Image, "save", failing_save)
    with pytest.raises(MediaError, match="a.jpg|" + s.sha256[:8]):
        make_derivatives(s, root)
    assert all_files(root) == [root / s.path]


# --------------------------------------------------------------------------
# modes and formats that need care in derivatives


@pytest.mark.parametrize("fmt,mode,ext", [
    ("PNG", "RGBA", ".png"), ("GIF", "P", ".gif"), ("PNG", "I;16", ".png"),
    ("TIFF", "1", ".tif"), ("TIFF", "CMYK", ".tif"), ("WEBP", "RGB", ".webp"),
    ("BMP", "L", ".bmp"), ("JPEG", "L", ".jpg"), ("JPEG", "CMYK", ".jpg"),
])
def test_modes_store_and_derive(tmp_path, root, fmt, mode, ext):
    src = tmp_path / f"in{ext}"
    if mode == "I;16":
        img = Image.linear_gradient("L").resize((400, 300)).convert("I").point(
            lambda v: v * 256).convert("I;16")
    elif mode == "RGBA":
        img = two_tone((400, 300)).convert("RGBA")
        img.putalpha(128)
    else:
        img = two_tone((400, 300)).convert(mode)
    img.save(src, fmt)
    s = store_file(src, root)
    assert (s.format, s.width, s.height) == (fmt, 400, 300)
    d = make_derivatives(s, root)
    with Image.open(d["thumb"]) as t:
        assert (t.format, t.mode, t.size) == ("JPEG", "RGB", (256, 192))


# --------------------------------------------------------------------------
# derivatives


def test_make_derivatives_idempotent(tmp_path, root, monkeypatch):
    s = store_file(jpeg(tmp_path / "wide.jpg", (2000, 1000)), root)
    d = make_derivatives(s, root)
    assert d == {"thumb": derivative_path(root, s.sha256, "thumb"),
                 "screen": derivative_path(root, s.sha256, "screen")}
    assert d["thumb"] == root / "derived" / "thumb" / f"{s.sha256}.jpg"
    with Image.open(d["thumb"]) as t, Image.open(d["screen"]) as sc:
        assert t.size == (256, 128) and sc.size == (1600, 800)
    stamps = {k: os.stat(p).st_mtime_ns for k, p in d.items()}

    def must_not_run(*a, **k):
        raise AssertionError("derivative remade")

    monkeypatch.setattr(media_files, "make_thumbnail", must_not_run)
    assert make_derivatives(s, root) == d
    assert {k: os.stat(p).st_mtime_ns for k, p in d.items()} == stamps
    assert not [p for p in root.rglob("*") if p.name.startswith(".")]


def test_derivatives_of_missing_original(tmp_path, root):
    s = store_file(jpeg(tmp_path / "lost.jpg"), root)
    (root / s.path).unlink()
    with pytest.raises(MediaError, match="lost.jpg: .*missing"):
        make_derivatives(s, root)


def test_derivative_path_rejects_bad_input(root):
    with pytest.raises(ValueError):
        derivative_path(root, "0" * 64, "poster")
    with pytest.raises(ValueError):
        derivative_path(root, "../../etc/passwd", "thumb")


# --------------------------------------------------------------------------
# confinement and folder walking


needs_symlinks = pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt",
                                    reason="symlinks need privileges on Windows")


def test_resolve_inside_accepts_inside(tmp_path):
    box = tmp_path / "box"
    f = jpeg(box / "sub" / "a.jpg")
    assert resolve_inside(f, box) == f.resolve()
    assert resolve_inside(Path("sub/a.jpg"), box) == f.resolve()


def test_resolve_inside_rejects_outside(tmp_path):
    box = tmp_path / "box"
    box.mkdir()
    outside = jpeg(tmp_path / "elsewhere" / "x.jpg")
    with pytest.raises(MediaError, match="x.jpg: is outside"):
        resolve_inside(outside, box)
    with pytest.raises(MediaError, match="outside"):
        resolve_inside(box / ".." / "elsewhere" / "x.jpg", box)
    with pytest.raises(MediaError, match="nope.jpg: not found"):
        resolve_inside(box / "nope.jpg", box)


@needs_symlinks
def test_resolve_inside_rejects_symlinks(tmp_path):
    box = tmp_path / "box"
    real = jpeg(box / "real" / "a.jpg")
    secret = jpeg(tmp_path / "secret" / "s.jpg")
    (box / "link.jpg").symlink_to(real)              # points inside, still refused
    (box / "leak.jpg").symlink_to(secret)            # points outside
    (box / "dirlink").symlink_to(box / "real", target_is_directory=True)
    with pytest.raises(MediaError, match="link.jpg: is a symbolic link"):
        resolve_inside(box / "link.jpg", box)
    with pytest.raises(MediaError, match="leak.jpg: is a symbolic link"):
        resolve_inside(box / "leak.jpg", box)
    with pytest.raises(MediaError, match="a.jpg: .*passes through the symbolic link dirlink"):
        resolve_inside(box / "dirlink" / "a.jpg", box)


@needs_symlinks
def test_root_behind_a_symlink_is_fine(tmp_path):
    real_box = tmp_path / "real_box"
    f = jpeg(real_box / "a.jpg")
    alias = tmp_path / "alias"
    alias.symlink_to(real_box, target_is_directory=True)
    assert resolve_inside(alias / "a.jpg", alias) == f.resolve()
    assert resolve_inside(f, alias) == f.resolve()


def test_iter_import_files_recurses_sorted_and_skips_hidden(tmp_path):
    top = tmp_path / "box"
    for rel in ["b.jpg", "a.png", "sub/z.jpg", "sub/deeper/c.jpg", "Sub2/y.jpg",
                ".hidden.jpg", ".git/objects/x.jpg", "sub/.DS_Store", "notes.txt"]:
        p = top / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    single = tmp_path / "loose.jpg"
    single.write_bytes(b"x")
    got = iter_import_files([single, top, top / "b.jpg"])
    rel = [p.relative_to(tmp_path).as_posix() for p in got]
    assert rel == ["loose.jpg", "box/Sub2/y.jpg", "box/a.png", "box/b.jpg", "box/notes.txt",
                   "box/sub/deeper/c.jpg", "box/sub/z.jpg"]
    # An explicitly chosen hidden file is kept.
    assert iter_import_files([top / ".hidden.jpg"]) == [top / ".hidden.jpg"]
    # With a root the same files come back (as resolved paths).
    assert iter_import_files([top], root=top) == [p.resolve() for p in got[1:]]
    with pytest.raises(MediaError, match="missing.jpg: not found"):
        iter_import_files([top / "missing.jpg"])
    with pytest.raises(MediaError, match="missing.jpg: not found"):
        iter_import_files([top / "missing.jpg"], root=top)
    with pytest.raises(MediaError, match="loose.jpg: is outside"):
        iter_import_files([single], root=top)


@needs_symlinks
def test_iter_import_files_with_root_refuses_symlink_inside_folder(tmp_path):
    top = tmp_path / "box"
    jpeg(top / "a.jpg")
    secret = jpeg(tmp_path / "secret.jpg")
    (top / "zz.jpg").symlink_to(secret)
    with pytest.raises(MediaError, match="zz.jpg: is a symbolic link"):
        iter_import_files([top], root=top)
    # Without a root, links inside a folder are not followed either (a folder
    # import never reads outside the folder); they are reported, the rest imports.
    (top / "loop").symlink_to(top, target_is_directory=True)
    found = collect_import_files([top])
    assert [p.name for p in found.files] == ["a.jpg"]
    assert [p.name for p, _ in found.problems] == ["loop", "zz.jpg"]
    # A link the user names one by one is followed, like cp would.
    assert iter_import_files([top / "zz.jpg"]) == [top / "zz.jpg"]


# --------------------------------------------------------------------------
# verify


def test_verify_stored(tmp_path, root):
    s = store_file(jpeg(tmp_path / "a.jpg"), root)
    assert verify_stored(root, s.path, s.sha256) is None
    (root / s.path).write_bytes(b"tampered")
    msg = verify_stored(root, s.path, s.sha256)
    assert msg.startswith("hash mismatch: ") and s.path in msg
    (root / s.path).unlink()
    assert verify_stored(root, s.path, s.sha256) == f"missing: {s.path}"
    assert verify_stored(root, "../outside.jpg", s.sha256).startswith("bad path: ")
