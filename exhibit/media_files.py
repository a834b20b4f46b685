"""Media files: inspect, store (content-addressed), derive thumbnails, verify.

This module only handles FILES under a media root; it never touches the
database.  The service layer inserts rows from the `StoredMedia` it returns.

Layout under the media root::

    originals/<sha[:2]>/<sha256><ext>      the imported file, byte for byte
    derived/thumb/<sha256>.jpg              long edge THUMB px, RGB JPEG
    derived/screen/<sha256>.jpg             long edge SCREEN px, RGB JPEG

Every write goes to a temporary file in the destination folder followed by
`os.replace`, so a crash or an error never leaves a partial file under its
final name.  Every problem the user can act on is raised as `MediaError`,
whose message names the file (control characters escaped) and says what is
wrong in plain words.

Hostile files: a file to import is opened once and every step reads that one
descriptor (a file swapped or deleted mid-import is read as it was opened; a
FIFO cannot block); the memory an image needs is estimated from its header
and refused before decoding when it is over budget (decompression bombs);
derivatives are made from pixels only, converted to sRGB, and carry no
metadata at all, since they are what the kiosk shows in public (a JPEG
comment, EXIF GPS or a profile's text must not reach it).  Links inside a
folder being imported are never followed, so an import never reads a file
outside the folder the user chose.
"""
from __future__ import annotations

import dataclasses
import errno
import hashlib
import io
import os
import re
import stat
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import BinaryIO, cast

from PIL import Image, ImageCms, ImageFile, UnidentifiedImageError

from exhibit.errors import MediaError, printable
from exhibit.problems import Problem

__all__ = [
    "ALLOWED_FORMATS", "THUMB", "SCREEN", "DERIVATIVE_SIZES",
    "ImageInfo", "StoredMedia",
    "inspect_image", "store_file", "make_derivatives", "derivative_path",
    "make_thumbnail", "naive_thumbnail", "resolve_inside", "iter_import_files",
    "derivative_is_clean",
    "collect_import_files", "ImportSelection", "display_name",
    "verify_stored", "original_relpath",
]

ALLOWED_FORMATS: frozenset[str] = frozenset({"JPEG", "PNG", "TIFF", "WEBP", "GIF", "BMP"})
THUMB = 256
SCREEN = 1600
DERIVATIVE_SIZES: dict[str, int] = {"thumb": THUMB, "screen": SCREEN}
JPEG_QUALITY = 85

# Image.open() needs a list or tuple, not a set.
_OPEN_FORMATS: tuple[str, ...] = tuple(sorted(ALLOWED_FORMATS))
_ALLOWED_TEXT = ", ".join(_OPEN_FORMATS)
# Pillow's limit when nobody has changed it; used if MAX_IMAGE_PIXELS was set to None.
_DEFAULT_MAX_PIXELS = 89_478_485
# Memory one image may take while it is decoded and reduced to a preview.  A
# pixel count alone is not enough: a 9,400 × 9,400 PNG is under Pillow's limit
# yet needs about 1 GB as RGBA by the time it is resized.  The budget is a
# quarter of the machine's memory (at most DECODE_BUDGET), and under a process
# memory limit (RLIMIT_DATA/RLIMIT_AS) a share of that limit, so an import
# that would not fit fails with a message before decoding, not with a crash.
DECODE_BUDGET = 2 * 1024 ** 3
_BUDGET_SHARE_OF_LIMIT = 0.6
# Peak bytes per source pixel while decoding and making a preview, measured
# with Pillow 13 (4,000 × 4,000 images; VmHWM) and rounded up: the decoded
# image (1 byte a pixel for 8-bit grey and palette, 2 for 16-bit grey, 4 for
# the rest), a converted full-size copy where one is needed (palette → RGB;
# RGBA → premultiplied RGBa inside resize), and the resampling intermediate.
_BYTES_PER_PIXEL = {
    "1": 4, "L": 3, "P": 10, "PA": 15, "LA": 11, "La": 11, "RGBA": 11, "RGBa": 11,
    "I;16": 9, "I;16L": 9, "I;16B": 9, "I;16N": 9,
}
_OTHER_BYTES_PER_PIXEL = 7      # RGB, CMYK, I, F, … (4 bytes decoded)
_JPEG_DRAFT_BYTES_PER_PIXEL = 11  # per pixel of the reduced (draft) decode; measured 10.5
_PALETTE_ALPHA_BYTES_PER_PIXEL = 15   # "P" with a transparent colour: converted to RGBA
_TIFF_EXTRA_BYTES_PER_PIXEL = 2       # libtiff's strip buffer
# Pillow decodes every WebP through libwebp's animation decoder: several
# full-size RGBA canvases (measured 17.3).
_WEBP_BYTES_PER_PIXEL = 18

_EXT = {"JPEG": ".jpg", "PNG": ".png", "TIFF": ".tif", "WEBP": ".webp", "GIF": ".gif", "BMP": ".bmp"}
_MIME = {
    "JPEG": "image/jpeg", "PNG": "image/png", "TIFF": "image/tiff",
    "WEBP": "image/webp", "GIF": "image/gif", "BMP": "image/bmp",
}
# Pillow reports multi-picture JPEGs (many phones and cameras write them) as
# "MPO"; they are JPEG files and are stored as such.
_FORMAT_ALIASES = {"MPO": "JPEG"}

_SHA_RE = re.compile(r"[0-9a-f]{64}")
_CHUNK = 1 << 20

# EXIF tags
_ORIENTATION = 0x0112
_MAKE = 0x010F
_MODEL = 0x0110
_DATETIME = 0x0132
_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL = 0x9003

# Same table as ImageOps.exif_transpose.
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class ImageInfo:
    """What `inspect_image` learns about a file (before it is stored)."""

    original_name: str
    format: str           # Pillow format name, one of ALLOWED_FORMATS
    mime: str
    ext: str              # canonical extension for the format, e.g. ".jpg"
    width: int            # as displayed, i.e. after EXIF orientation
    height: int
    size_bytes: int
    exif_date: str | None
    camera: str | None
    orientation: int = 1  # EXIF orientation 1..8 (1 = as stored)


@dataclass(frozen=True)
class StoredMedia:
    sha256: str
    path: str             # relative POSIX path under media root: "originals/ab/<sha>.jpg"
    original_name: str
    format: str
    mime: str
    width: int            # as displayed, i.e. after EXIF orientation
    height: int
    size_bytes: int
    exif_date: str | None  # ISO "1944-06-23T10:30:00" from DateTimeOriginal/DateTime
    camera: str | None     # "Make Model" stripped
    created: bool = False  # True when this call wrote the file (it was not stored before)


# --------------------------------------------------------------------------
# Opening images safely


def display_name(path: Path | str) -> str:
    """The name of a file as we store and show it: NFC, control characters escaped.

    NFC because macOS writes names decomposed (NFD) and a curator searching
    for "café" types the composed form; escaped because a name is shown in
    lists, terminals and messages (see `exhibit.errors.printable`), where an
    escape sequence or a bidi override must not act.
    """
    return printable(unicodedata.normalize("NFC", Path(path).name or str(path)))


def _max_pixels() -> int:
    return Image.MAX_IMAGE_PIXELS or _DEFAULT_MAX_PIXELS


def _physical_memory() -> int | None:
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):  # Windows
        return None


def _decode_budget() -> int:
    """Bytes one image may take to decode and reduce (see DECODE_BUDGET)."""
    budget = DECODE_BUDGET
    physical = _physical_memory()
    if physical:
        budget = min(budget, physical // 4)
    try:
        import resource
    except ImportError:  # Windows
        return budget
    for which in (resource.RLIMIT_DATA, getattr(resource, "RLIMIT_AS", None)):
        if which is None:
            continue
        try:
            soft, _hard = resource.getrlimit(which)
        except (ValueError, OSError):
            continue
        if soft != resource.RLIM_INFINITY and soft > 0:
            budget = min(budget, int(soft * _BUDGET_SHARE_OF_LIMIT))
    return budget


def _jpeg_coefficients(img: Image.Image) -> int:
    """Bytes libjpeg holds for a progressive JPEG: every DCT coefficient, 2 bytes each."""
    w, h = img.size
    layers = getattr(img, "layer", None) or [(0, 1, 1, 0)] * len(img.getbands())
    hmax = max(layer[1] for layer in layers) or 1
    vmax = max(layer[2] for layer in layers) or 1
    samples = sum(w * h * layer[1] * layer[2] // (hmax * vmax) for layer in layers)
    return 2 * samples


def _decode_cost(img: Image.Image) -> int:
    """Bytes that decoding `img` and reducing it to a preview take at most (header only)."""
    w, h = img.size
    pixels = w * h
    if img.format in ("JPEG", "MPO"):
        # Decoded reduced (draft mode) by the largest power of two, up to 8,
        # that keeps the screen-size preview sharp; the reduced image costs
        # like any 4-byte one, plus the output.  Progressive JPEGs also keep
        # every coefficient of the full picture, whatever the scale.
        scale = 1
        while scale < 8 and max(w, h) // (scale * 2) >= SCREEN:
            scale *= 2
        progressive = bool(img.info.get("progressive") or img.info.get("progression"))
        return (_JPEG_DRAFT_BYTES_PER_PIXEL * pixels // (scale * scale)
                + (_jpeg_coefficients(img) if progressive else 0))
    if img.format == "WEBP":
        return pixels * _WEBP_BYTES_PER_PIXEL
    if img.mode == "P" and "transparency" in img.info:
        per_pixel = _PALETTE_ALPHA_BYTES_PER_PIXEL
    else:
        per_pixel = _BYTES_PER_PIXEL.get(img.mode, _OTHER_BYTES_PER_PIXEL)
    if img.format == "TIFF":
        per_pixel += _TIFF_EXTRA_BYTES_PER_PIXEL
    return pixels * per_pixel


def _sniff(head: bytes) -> str | None:
    """A plain-words guess at what a file is from its first bytes, for error messages only."""
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head[:4] in (b"\x00\x00\x01\x00", b"\x00\x00\x02\x00"):
        return "an icon (ICO/CUR) file"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "a HEIC/AVIF photo"
    if head.startswith((b"PK\x03\x04",)):
        return "a ZIP archive or office document"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")):
        return "an SVG drawing or other XML text"
    if text.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<script")):
        return "an HTML page"
    return None


def _check_regular(st: os.stat_result, name: str) -> int:
    if stat.S_ISDIR(st.st_mode):
        raise MediaError(f"{name}: is a folder, not an image file")
    if not stat.S_ISREG(st.st_mode):
        raise MediaError(f"{name}: is not a regular file (a pipe, socket or device)")
    if st.st_size == 0:
        raise MediaError(f"{name}: the file is empty (0 bytes)")
    return st.st_size


def _open_source(path: Path, *, follow_symlinks: bool = True,
                 allow_empty: bool = False) -> BinaryIO:
    """Open a file to import once; every later step reads this same open file.

    One descriptor means a file that another program renames, replaces or
    deletes mid-import is read as it was when opened, never half old and half
    new.  O_NONBLOCK keeps a FIFO swapped in for a photo from blocking the
    import; O_NOFOLLOW (files found by walking a folder) refuses a symbolic
    link swapped in after the folder was listed.
    """
    name = display_name(path)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_NONBLOCK", 0)
    if not follow_symlinks:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise MediaError(f"{name}: file not found (was it moved or deleted?)") from None
    except OSError as e:
        if e.errno == errno.ELOOP and not follow_symlinks:
            raise MediaError(f"{name}: is a symbolic link; links inside a folder are not"
                             " followed") from None
        raise MediaError(f"{name}: cannot be read ({e.strerror or e})") from None
    try:
        st = os.fstat(fd)
        if not (allow_empty and stat.S_ISREG(st.st_mode)):
            _check_regular(st, name)
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _too_large(name: str, size: tuple[int, int] | None = None) -> MediaError:
    limit = _max_pixels()
    if size:
        w, h = size
        return MediaError(
            f"{name}: image is too large to open safely ({w:,} × {h:,} = {w * h:,} pixels;"
            f" the limit is {limit:,} pixels)")
    return MediaError(f"{name}: image is too large to open safely (more than {limit:,} pixels)")


def _over_budget(name: str, img: Image.Image, cost: int, budget: int) -> MediaError:
    w, h = img.size
    mb = 1024 * 1024
    return MediaError(
        f"{name}: image is too large to open safely ({w:,} × {h:,} pixels, {img.mode},"
        f" would need about {cost // mb:,} MB of memory; the limit is {budget // mb:,} MB)"
        " — reduce or split the scan")


def _open(source: BinaryIO, name: str) -> Image.Image:
    """Image.open restricted to ALLOWED_FORMATS, with bomb warnings as errors.

    `source` is an open file (see `_open_source`) read from its start; the
    caller closes both.  Returns an unloaded image (so JPEG draft mode is
    still possible) whose decoding fits the memory budget.  Raises MediaError
    with a plain reason.
    """
    source.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(source, formats=_OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name) from None
    except UnidentifiedImageError:
        raise _unsupported(source, name) from None
    except MemoryError:
        raise MediaError(f"{name}: not enough memory to open this image") from None
    except Exception as e:  # noqa: BLE001 - Pillow raises many types on bad files
        raise MediaError(f"{name}: damaged or unreadable image ({_reason(e)})") from None
    try:
        # Belt and braces: independent of warning filters and of Pillow's own
        # check (someone may have set MAX_IMAGE_PIXELS = None).
        w, h = img.size
        if w <= 0 or h <= 0:
            raise MediaError(f"{name}: image has no pixels ({w} × {h})")
        if w * h > _max_pixels():
            raise _too_large(name, (w, h))
        fmt = _FORMAT_ALIASES.get(img.format or "", img.format or "")
        if fmt not in ALLOWED_FORMATS:
            raise MediaError(f"{name}: {img.format} images are not supported"
                             f" (allowed: {_ALLOWED_TEXT})")
        cost, budget = _decode_cost(img), _decode_budget()
        if cost > budget:
            raise _over_budget(name, img, cost, budget)
    except BaseException:
        img.close()
        raise
    return img


def _unsupported(source: BinaryIO, name: str) -> MediaError:
    source.seek(0)
    what = _sniff(source.read(64))
    if what is None:
        # Does Pillow know it under another format?  Only the header is read.
        try:
            source.seek(0)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(source) as other:
                    what = f"an image in {other.format} format"
        except Exception:  # noqa: BLE001
            what = None
    if what:
        return MediaError(f"{name}: unsupported file type — it is {what};"
                          f" only {_ALLOWED_TEXT} images can be imported")
    return MediaError(f"{name}: not an image file that can be imported"
                      f" (only {_ALLOWED_TEXT} images are supported)")


def _reason(e: BaseException) -> str:
    text = str(e).strip()
    if "truncated" in text.lower():
        return "the file is incomplete or truncated"
    return text or type(e).__name__


def _load(img: Image.Image, name: str) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img.load()
    except MediaError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name) from None
    except MemoryError:
        raise MediaError(f"{name}: not enough memory to read this image") from None
    except Exception as e:  # noqa: BLE001
        raise MediaError(f"{name}: damaged or unreadable image ({_reason(e)})") from None

# --------------------------------------------------------------------------
# EXIF


def _orientation(exif: Image.Exif) -> int:
    try:
        value = int(exif.get(_ORIENTATION, 1))
    except (TypeError, ValueError):
        return 1
    return value if 1 <= value <= 8 else 1


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return ""
    return value.replace("\x00", " ").strip()


_DATE_FORMATS = ("%Y:%m:%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y:%m:%dT%H:%M:%S",
                 "%Y-%m-%dT%H:%M:%S", "%Y:%m:%d %H:%M", "%Y-%m-%d %H:%M")


def _exif_date(raw: object) -> str | None:
    text = _text(raw)
    if not text:
        return None
    text = text[:19]  # drop sub-seconds / time zone some writers append
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).isoformat(timespec="seconds")
        except ValueError:
            continue
    return None  # "0000:00:00 00:00:00", blanks, garbage


def _exif_fields(exif: Image.Exif) -> tuple[str | None, str | None]:
    date = None
    try:
        date = _exif_date(exif.get_ifd(_EXIF_IFD).get(_DATETIME_ORIGINAL))
    except Exception:  # noqa: BLE001 - broken EXIF must not block an import
        date = None
    if date is None:
        date = _exif_date(exif.get(_DATETIME))
    make, model = _text(exif.get(_MAKE)), _text(exif.get(_MODEL))
    if make and model.lower().startswith(make.lower()):
        make = ""  # "Canon" + "Canon EOS 5D" -> "Canon EOS 5D"
    camera = printable(" ".join(p for p in (make, model) if p)) or None
    return date, camera


def _safe_exif(img: Image.Image) -> Image.Exif:
    try:
        return img.getexif()
    except Exception:  # noqa: BLE001
        return Image.Exif()


# --------------------------------------------------------------------------
# Inspect


def inspect_image(path: Path) -> ImageInfo:
    """Open and fully decode `path`; return what is needed to store it.

    Raises MediaError for empty, unreadable, truncated, unsupported or
    too-large (decompression bomb) files.
    """
    path = Path(path)
    with _open_source(path) as source:
        return _inspect(source, path)


def _check_decodes(img: Image.Image, name: str) -> None:
    """Decode every byte of the picture data: verify() lets truncated JPEGs through.

    A JPEG is decoded at 1/8 scale (draft mode): libjpeg still reads all of
    its data, so truncation shows, in a 64th of the memory.
    """
    if img.format in ("JPEG", "MPO"):
        w, h = img.size
        img.draft(img.mode if img.mode in ("RGB", "L") else None, (max(1, w // 8), max(1, h // 8)))
    _load(img, name)


def _inspect(source: BinaryIO, path: Path) -> ImageInfo:
    name = display_name(path)
    size_bytes = _check_regular(os.fstat(source.fileno()), name)
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # someone relaxed Pillow globally
        raise MediaError(f"{name}: cannot check the image (truncated-image loading is"
                         " switched on in this program)")
    with _open(source, name) as img:
        w, h = img.size
        fmt = _FORMAT_ALIASES.get(img.format or "", img.format or "")
        _check_decodes(img, name)
        exif = _safe_exif(img)  # after decoding: a PNG may keep EXIF after its pixels
        orientation = _orientation(exif)
        if orientation >= 5:
            w, h = h, w
        exif_date, camera = _exif_fields(exif)
    return ImageInfo(
        original_name=name, format=fmt, mime=_MIME[fmt], ext=_EXT[fmt],
        width=w, height=h, size_bytes=size_bytes, exif_date=exif_date,
        camera=camera, orientation=orientation,
    )


# --------------------------------------------------------------------------
# Atomic writes


def fsync_path(path: Path, directory: bool = False) -> None:
    """Flush a file, or a directory's entries (POSIX only), to disk; best effort."""
    if directory and os.name != "posix":
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_dir(directory: Path) -> None:
    fsync_path(directory, directory=True)


def _temp_in(directory: Path, final_name: str) -> tuple[int, Path]:
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{final_name}.", suffix=".tmp")
    return fd, Path(tmp)


def _unlink_quietly(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def hash_file(path: Path) -> tuple[str, int]:
    """SHA-256 and size of a file, read in chunks; MediaError if it cannot be read."""
    return _hash_file(path)


def _hash_file(path: Path) -> tuple[str, int]:
    with _open_source(path, allow_empty=True) as f:
        return _hash_stream(f, display_name(path))


def _hash_stream(f: BinaryIO, name: str) -> tuple[str, int]:
    h = hashlib.sha256()
    n = 0
    try:
        f.seek(0)
        while chunk := f.read(_CHUNK):
            h.update(chunk)
            n += len(chunk)
    except OSError as e:
        raise MediaError(f"{name}: cannot be read ({e.strerror or e})") from None
    return h.hexdigest(), n


def _stat_key(f: BinaryIO) -> tuple[int, int]:
    st = os.fstat(f.fileno())
    return st.st_size, st.st_mtime_ns


def original_relpath(sha256: str, fmt: str) -> str:
    """'originals/ab/<sha><ext>' for a sha256 and a Pillow format name."""
    fmt = _FORMAT_ALIASES.get(fmt, fmt)
    return f"originals/{sha256[:2]}/{sha256}{_EXT[fmt]}"


def store_file(path: Path, media_root: Path, *, follow_symlinks: bool = True) -> StoredMedia:
    """Inspect `path`, then copy it to originals/<sha[:2]>/<sha><ext>.

    If a file with the same content is already stored, it is reused and
    nothing is copied (`created` is False).  On any error nothing is left in
    `media_root`.  With follow_symlinks=False a path that is a symbolic link
    is refused (files found by walking a folder).
    """
    path, media_root = Path(path), Path(media_root)
    name = display_name(path)
    with _open_source(path, follow_symlinks=follow_symlinks) as source:
        before = _stat_key(source)
        info = _inspect(source, path)
        sha, nbytes = _hash_stream(source, name)
        rel = original_relpath(sha, info.format)
        dest = media_root / PurePosixPath(rel)
        stored = StoredMedia(
            sha256=sha, path=rel, original_name=info.original_name, format=info.format,
            mime=info.mime, width=info.width, height=info.height, size_bytes=nbytes,
            exif_date=info.exif_date, camera=info.camera,
        )
        try:
            if dest.is_file() and dest.stat().st_size == nbytes:
                return stored  # dedupe: identical content already stored
        except OSError:
            pass
        _copy_into(source, dest, sha, name)
        if _stat_key(source) != before:  # written to in place while we read it
            _unlink_quietly(dest)
            raise MediaError(f"{name}: the file changed while it was being imported; try again")
    return dataclasses.replace(stored, created=True)


def copy_verified(source: BinaryIO, dest: Path, sha: str) -> bool:
    """Copy `source` (from its start) to `dest`, hashing while it copies; True if it hashed to `sha`.

    The copy is written to a temporary file beside `dest` and synced, and takes
    `dest`'s name only when its bytes hash to `sha`, so `dest` is never a partial or
    wrong file. On a mismatch (False) or an error (OSError) nothing is left behind.
    Used by the import (store_file) and by the media check's repair.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _temp_in(dest.parent, dest.name)
    try:
        h = hashlib.sha256()
        source.seek(0)
        with os.fdopen(fd, "wb") as out:
            while chunk := source.read(_CHUNK):
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != sha:
            _unlink_quietly(tmp)
            return False
        try:
            os.chmod(tmp, 0o644)
        except OSError:
            pass
        os.replace(tmp, dest)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(dest.parent)
    return True


def _copy_into(source: BinaryIO, dest: Path, sha: str, name: str) -> None:
    """Store `source` as `dest`; MediaError naming the file if it changed or cannot be written."""
    try:
        copied = copy_verified(source, dest, sha)
    except OSError as e:
        raise MediaError(f"{name}: could not be copied into the archive's media folder"
                         f" ({e.strerror or e})") from None
    if not copied:
        raise MediaError(f"{name}: the file changed while it was being imported; try again")


# --------------------------------------------------------------------------
# Derivatives


def derivative_path(media_root: Path, sha256: str, kind: str) -> Path:
    """media_root/derived/<kind>/<sha256>.jpg; kind is 'thumb' or 'screen'."""
    if kind not in DERIVATIVE_SIZES:
        raise ValueError(f"unknown derivative kind {kind!r} (expected one of "
                         f"{', '.join(DERIVATIVE_SIZES)})")
    if not _SHA_RE.fullmatch(sha256 or ""):
        raise ValueError(f"not a sha256 hex digest: {sha256!r}")
    return Path(media_root) / "derived" / kind / f"{sha256}.jpg"


def _stored_source(stored: StoredMedia, media_root: Path) -> Path:
    rel = PurePosixPath(stored.path)
    if rel.is_absolute() or ".." in rel.parts or not rel.parts:
        raise MediaError(f"{stored.original_name}: stored path {stored.path!r}"
                         " is not inside the media folder")
    return Path(media_root) / rel


def make_derivatives(stored: StoredMedia, media_root: Path) -> dict[str, Path]:
    """Make the thumb and screen JPEGs for `stored` (once; existing clean ones are kept)."""
    media_root = Path(media_root)
    src = _stored_source(stored, media_root)
    out: dict[str, Path] = {}
    for kind, size in DERIVATIVE_SIZES.items():
        dst = derivative_path(media_root, stored.sha256, kind)
        try:
            present = dst.stat().st_size > 0
        except OSError:
            present = False
        if present and not derivative_is_clean(dst):
            present = False  # made by an earlier version, with metadata: make it again
        if not present:
            if not src.is_file():
                raise MediaError(f"{stored.original_name}: the stored original"
                                 f" {stored.path} is missing")
            make_thumbnail(src, dst, size, name=stored.original_name)
        out[kind] = dst
    return out


def _fit(w: int, h: int, size: int) -> tuple[int, int]:
    """(w, h) scaled to fit a size×size box, aspect kept, never enlarged.

    Rounds like Image.thumbnail so both thumbnail paths agree.
    """
    if w <= size and h <= size:
        return w, h
    aspect = w / h
    if aspect >= 1:  # landscape or square: width is the long edge
        x = size
        y = min((int(x / aspect), int(x / aspect) + 1),
                key=lambda n: 0 if n == 0 else abs(aspect - x / n))
        return x, max(y, 1)
    y = size
    x = min((int(y * aspect), int(y * aspect) + 1), key=lambda n: abs(aspect - n / y))
    return max(x, 1), y


def _to_rgb(img: Image.Image, *, sixteen_bit: bool = False) -> Image.Image:
    """Flatten any mode to RGB; transparency becomes white.

    `sixteen_bit`: an "I" image that came from 16-bit grey is scaled by 1/256
    rather than stretched between its darkest and lightest value.
    """
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16L", "I;16B", "I;16N") or (img.mode == "I" and sixteen_bit):
        img = img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif img.mode in ("I", "F"):
        lo, hi = cast("tuple[float, float]", img.getextrema())  # "I" and "F" have one band
        scale = 255 / (hi - lo) if hi > lo else 1.0
        offset = -lo * scale
        img = img.convert("F").point(lambda v: v * scale + offset).convert("L")
    if img.mode == "P":
        img = img.convert("RGBA" if "transparency" in img.info else "RGB")
    if img.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = img.convert("RGBA")
        bg = Image.new("RGB", rgba.size, (255, 255, 255))
        bg.paste(rgba, mask=rgba.getchannel("A"))
        return bg
    return img.convert("RGB")


def _prepare_for_resize(img: Image.Image) -> Image.Image:
    """Convert the modes Pillow resizes badly (NEAREST only) or not at all.

    Only what must be converted at full size is: 16-bit grey becomes 32-bit
    ("I", which resizes), and "I"/"F" are scaled to 8 bits after resizing, on
    the small image (see _BYTES_PER_PIXEL, the memory this takes).
    """
    if img.mode == "1":
        return img.convert("L")  # bilevel scans: grey, not NEAREST-sampled
    if img.mode.startswith("I;16"):
        return img.convert("I")
    if img.mode in ("P", "PA"):
        return _to_rgb(img)
    return img


_SRGB: ImageCms.ImageCmsProfile | None = None
# The profile colour space (ICC header bytes 16-20) and the Pillow mode it describes.
_PROFILE_MODES = {b"RGB ": "RGB", b"GRAY": "L", b"CMYK": "CMYK"}


def _in_srgb(img: Image.Image, icc: bytes | None) -> Image.Image:
    """`img`'s colours converted from its embedded ICC profile to sRGB.

    The profile itself is never copied: it is metadata (its description and
    copyright are free text) and a derivative without one is read as sRGB.
    A profile that cannot be read, or does not fit the image's mode, is
    ignored: the pixels are shown as they are, like most viewers do.
    """
    global _SRGB
    if not icc or len(icc) < 128 or _PROFILE_MODES.get(icc[16:20]) != img.mode:
        return img
    try:
        if _SRGB is None:
            _SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(img, source, _SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return img
    return converted if converted is not None else img


def _pixels_only(img: Image.Image) -> Image.Image:
    """A new image holding `img`'s pixels and nothing else.

    Pillow carries `info` (a JPEG or GIF comment, EXIF, XMP, a profile) through
    resize and transpose, and its JPEG writer saves `info["comment"]`; a fresh
    image cannot leak what the original held.
    """
    clean = Image.new(img.mode, img.size)
    clean.paste(img)
    return clean


def derivative_is_clean(path: Path) -> bool:
    """True if the JPEG at `path` carries pixels only: no COM and no APP1–APP15 segment.

    Derivatives made by earlier versions kept a JPEG comment and the
    original's ICC profile; `make_derivatives` makes those again.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(_CHUNK)
    except OSError:
        return False
    if head[:2] != b"\xff\xd8":
        return False
    i = 2
    while i + 4 <= len(head):
        if head[i] != 0xFF:
            return False
        marker = head[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker == 0xDA:  # start of scan: the header, where metadata lives, is over
            return True
        if marker == 0xFE or 0xE1 <= marker <= 0xEF:
            return False
        i += 2 + int.from_bytes(head[i + 2:i + 4], "big")
    return False


def _save_jpeg(img: Image.Image, dst: Path, *, name: str) -> None:
    """Save `img`'s pixels (only) as an RGB JPEG, atomically (temp file, then os.replace)."""
    dst = Path(dst)
    clean = _pixels_only(img)
    tmp: Path | None = None
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_in(dst.parent, dst.name)
        with os.fdopen(fd, "wb") as out:
            clean.save(out, "JPEG", quality=JPEG_QUALITY)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.chmod(tmp, 0o644)
        except OSError:
            pass
        os.replace(tmp, dst)
    except OSError as e:
        if tmp is not None:
            _unlink_quietly(tmp)
        raise MediaError(f"{name}: could not write its preview {dst.name} into the archive's"
                         f" media folder ({e.strerror or e})") from None
    except BaseException:
        if tmp is not None:
            _unlink_quietly(tmp)
        raise


def make_thumbnail(src: Path, dst: Path, size: int, *, name: str | None = None) -> None:
    """Write an RGB JPEG of `src` whose long edge is at most `size`, upright, sRGB, pixels only.

    Fast path: JPEG draft mode decodes at 1/2, 1/4 or 1/8 scale straight from
    the DCT data.  Draft ignores EXIF orientation, so the box is computed for
    the displayed (transposed) size and swapped back to stored orientation;
    the orientation is applied after reducing, on the small image.  `name`
    is the file name the user knows, for messages (default: src's name).
    """
    src, dst = Path(src), Path(dst)
    name = name if name is not None else display_name(src)
    if size < 1:
        raise ValueError(f"thumbnail size must be positive, not {size}")
    with _open_source(src) as source, _open(source, name) as img:
        is_jpeg = img.format in ("JPEG", "MPO")
        if not is_jpeg:
            _load(img, name)  # PNG etc.: EXIF may sit after the pixel data
        orientation = _orientation(_safe_exif(img))
        icc = img.info.get("icc_profile")
        sixteen_bit = img.mode.startswith("I;16")
        w, h = img.size
        swapped = orientation >= 5
        dw, dh = (h, w) if swapped else (w, h)
        tw, th = _fit(dw, dh, size)
        box = (th, tw) if swapped else (tw, th)  # in stored orientation

        crop = None
        if is_jpeg and box != (w, h):
            res = img.draft("RGB", box)
            if res is not None:
                crop = res[1]
        _load(img, name)
        try:
            small: Image.Image = _prepare_for_resize(img)
            if small.size != box or crop is not None:
                small = small.resize(box, Image.Resampling.LANCZOS, box=crop,
                                     reducing_gap=2.0)
            method = _TRANSPOSE.get(orientation)
            if method is not None:
                small = small.transpose(method)
            if small.mode not in ("L", "CMYK"):  # grey and CMYK profiles take those modes
                small = _to_rgb(small, sixteen_bit=sixteen_bit)
            small = _to_rgb(_in_srgb(small, icc))
        except MemoryError:
            raise MediaError(f"{name}: not enough memory to make a preview") from None
        except (ValueError, OSError) as e:
            raise MediaError(f"{name}: could not make a preview ({_reason(e)})") from None
        # Saved before the source is closed: `small` may still be `img` itself.
        _save_jpeg(small, dst, name=name)


def naive_thumbnail(src: Path, dst: Path, size: int) -> None:
    """The usual way (for the benchmark): full decode, transpose, thumbnail."""
    from PIL import ImageOps

    src = Path(src)
    with Image.open(src) as opened:
        img = ImageOps.exif_transpose(opened)
        img.thumbnail((size, size))
        _save_jpeg(_to_rgb(img), Path(dst), name=display_name(src))


# --------------------------------------------------------------------------
# Choosing files to import
#
# Which links are followed: a path the user names one by one (a file or a
# folder on the command line, in a file dialog) is followed like `cp` would,
# unless a root is given; below a folder being walked, no link is ever
# followed, because the user chose that folder, not whatever its links point
# at (/etc/passwd, a private photo, the folder itself).  Each link skipped is
# reported, and the other files import.


def _normalised_twin(path: Path) -> Path | None:
    """The one entry beside `path` whose name is `path`'s name in another Unicode form.

    macOS writes "café" decomposed (NFD); a name typed or pasted is composed
    (NFC).  On Linux those are two different names, so a file copied from a Mac
    is "not found" under the name the user sees.
    """
    want = unicodedata.normalize("NFC", path.name)
    try:
        twins = [name for name in os.listdir(path.parent)
                 if name != path.name and unicodedata.normalize("NFC", name) == want]
    except OSError:
        return None
    return path.parent / twins[0] if len(twins) == 1 else None


def _existing(path: Path) -> Path:
    """`path`, or its Unicode-normalisation twin when only that exists."""
    if os.path.lexists(path):
        return path
    return _normalised_twin(path) or path


def resolve_inside(path: Path, root: Path) -> Path:
    """Return the real path of `path`, which must lie inside `root`.

    Rejects (MediaError) a path that is a symbolic link, passes through one
    below `root`, contains '..', does not exist, or resolves outside `root`.
    `root` itself may sit behind symlinks (e.g. /tmp on macOS); a relative
    `path` is taken relative to `root`.  A name that differs only in Unicode
    normalisation (NFC/NFD) from the one on disk is found.
    """
    path, root = Path(path), Path(root)
    name = display_name(path)
    try:
        root_real = root.resolve(strict=True)
    except OSError:
        raise MediaError(Problem(None, "import_folder_missing", {"file": display_name(root)})) from None
    root_abs = Path(os.path.abspath(root))
    full = path if path.is_absolute() else root_abs / path
    for base in (root_abs, root_real):
        try:
            rel = full.relative_to(base)
            break
        except ValueError:
            continue
    else:
        raise MediaError(Problem(None, "image_outside", {"file": name, "folder": printable(str(root))}))
    if ".." in rel.parts:
        raise MediaError(Problem(None, "image_outside_dotdot", {"file": name, "folder": printable(str(root))}))
    cur = base
    for number, part in enumerate(rel.parts, start=1):
        cur = _existing(cur / part)
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            raise MediaError(Problem(None, "image_not_found", {"file": name})) from None
        except OSError as e:
            raise MediaError(Problem(None, "image_unreadable",
                                     {"file": name, "detail": str(e.strerror or e)})) from None
        if stat.S_ISLNK(st.st_mode):
            if number == len(rel.parts):
                raise MediaError(Problem(None, "image_symlink", {"file": name}))
            raise MediaError(Problem(None, "image_through_symlink", {"file": name, "link": display_name(cur)}))
    try:
        real = cur.resolve(strict=True)
    except OSError as e:
        raise MediaError(Problem(None, "image_unreadable", {"file": name, "detail": str(e.strerror or e)})) from None
    if not real.is_relative_to(root_real):  # e.g. Windows junctions
        raise MediaError(Problem(None, "image_outside", {"file": name, "folder": printable(str(root))}))
    return real


@dataclass
class ImportSelection:
    """The files to import, and what was found but cannot be imported."""

    files: list[Path] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)  # (path, one-line reason)
    # Files the user named one by one without a root: a link there is followed.
    named: set[Path] = field(default_factory=set)


def _hidden(entry: os.DirEntry) -> bool:
    if entry.name.startswith("."):
        return True
    if os.name != "nt":
        return False
    attrs = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def _walk(folder: Path, selection: ImportSelection, seen: set[tuple[int, int]]) -> None:
    """Add the regular files below `folder` (sorted, hidden entries skipped); links are not followed."""
    try:
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in seen:  # a bind mount of a parent: no endless walk
            return
        seen.add((st.st_dev, st.st_ino))
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not _hidden(e)), key=lambda e: e.name)
    except OSError as e:
        selection.problems.append(
            (folder, f"{display_name(folder)}: the folder cannot be read ({e.strerror or e})"))
        return
    for entry in entries:
        p = Path(entry.path)
        name = display_name(p)
        try:
            if entry.is_symlink():
                selection.problems.append((p, f"{name}: is a symbolic link; links inside a folder"
                                              " are not followed"))
            elif entry.is_dir(follow_symlinks=False):
                _walk(p, selection, seen)
            elif entry.is_file(follow_symlinks=False):
                selection.files.append(p)
            else:  # opening a FIFO would block; a device is no photo
                selection.problems.append((p, f"{name}: is not a regular file (a pipe, socket"
                                              " or device); skipped"))
        except OSError as e:
            selection.problems.append((p, f"{name}: cannot be read ({e.strerror or e})"))


def _add_named(raw: Path, root: Path | None, selection: ImportSelection) -> None:
    """Add one path the user named: a file, or a folder to walk."""
    p = resolve_inside(raw, root) if root is not None else _existing(raw)
    name = display_name(p)
    try:
        st = os.stat(p)
    except FileNotFoundError:
        raise MediaError(f"{name}: not found") from None
    except OSError as e:
        raise MediaError(f"{name}: cannot be read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        _walk(p, selection, set())
    elif stat.S_ISREG(st.st_mode):
        selection.files.append(p)
        if root is None:
            selection.named.add(p)
    else:
        raise MediaError(f"{name}: is not a regular file or folder")


def collect_import_files(paths: list[Path], root: Path | None = None) -> ImportSelection:
    """Expand files and folders into the files to import, and the entries that cannot be.

    Folders are walked recursively in sorted order; hidden files and folders
    inside them are skipped (a hidden file named explicitly is kept); links
    inside them are reported, not followed.  With `root`, every named path goes
    through `resolve_inside`.  Duplicates are dropped, first occurrence wins.
    """
    selection = ImportSelection()
    for raw in paths:
        try:
            _add_named(Path(raw), root, selection)
        except MediaError as exc:
            selection.problems.append((Path(raw), str(exc)))
    unique: list[Path] = []
    seen: set[Path] = set()
    for f in selection.files:
        key = Path(os.path.realpath(f))
        if key not in seen:
            seen.add(key)
            unique.append(f)
    selection.files = unique
    return selection


def iter_import_files(paths: list[Path], root: Path | None = None) -> list[Path]:
    """The files `collect_import_files` finds; MediaError for the first entry that cannot be imported."""
    selection = collect_import_files(paths, root)
    if selection.problems:
        raise MediaError(selection.problems[0][1])
    return selection.files


# --------------------------------------------------------------------------
# Checking the archive


def verify_stored(media_root: Path, relpath: str, sha256: str) -> str | None:
    """None if media_root/relpath exists and hashes to sha256, else a message (controls escaped)."""
    message = _verify(Path(media_root), relpath, sha256)
    return printable(message) if message else None


def _verify(media_root: Path, relpath: str, sha256: str) -> str | None:
    rel = PurePosixPath(relpath)
    if not relpath or rel.is_absolute() or ".." in rel.parts or "\\" in relpath:
        return f"bad path: {relpath!r} is not a path inside the media folder"
    full = Path(media_root) / rel
    try:
        st = os.stat(full)
    except FileNotFoundError:
        return f"missing: {relpath}"
    except OSError as e:
        return f"unreadable: {relpath} ({e.strerror or e})"
    if not stat.S_ISREG(st.st_mode):
        return f"missing: {relpath} (a folder or special file is in its place)"
    try:
        actual, _ = _hash_file(full)
    except MediaError as e:
        return f"unreadable: {relpath} ({str(e).split(': ', 1)[-1]})"
    if actual != (sha256 or "").lower():
        return (f"hash mismatch: {relpath} (expected {sha256[:12]}…, found {actual[:12]}…;"
                " the file has been changed or damaged)")
    return None
