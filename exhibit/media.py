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
whose message names the file and says what is wrong in plain words.
"""
from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
import warnings
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath

from PIL import Image, ImageFile, UnidentifiedImageError

from exhibit.errors import MediaError

__all__ = [
    "ALLOWED_FORMATS", "THUMB", "SCREEN", "DERIVATIVE_SIZES",
    "ImageInfo", "StoredMedia",
    "inspect_image", "store_file", "make_derivatives", "derivative_path",
    "make_thumbnail", "naive_thumbnail", "resolve_inside", "iter_import_files",
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


# --------------------------------------------------------------------------
# Opening images safely


def _max_pixels() -> int:
    return Image.MAX_IMAGE_PIXELS or _DEFAULT_MAX_PIXELS


def _sniff(path: Path) -> str | None:
    """A plain-words guess at what a file is, for error messages only."""
    try:
        with open(path, "rb") as f:
            head = f.read(16)
    except OSError:
        return None
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head[:4] in (b"\x00\x00\x01\x00", b"\x00\x00\x02\x00"):
        return "an icon (ICO/CUR) file"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypavif"):
        return "a HEIC/AVIF photo"
    if head.startswith((b"PK\x03\x04",)):
        return "a ZIP archive or office document"
    return None


def _regular_file_size(path: Path) -> int:
    name = path.name
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise MediaError(f"{name}: file not found") from None
    except OSError as e:
        raise MediaError(f"{name}: cannot be read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise MediaError(f"{name}: is a folder, not an image file")
    if not stat.S_ISREG(st.st_mode):
        raise MediaError(f"{name}: is not a regular file")
    if st.st_size == 0:
        raise MediaError(f"{name}: the file is empty (0 bytes)")
    return st.st_size


def _too_large(name: str, size: tuple[int, int] | None = None) -> MediaError:
    limit = _max_pixels()
    if size:
        w, h = size
        return MediaError(
            f"{name}: image is too large to open safely ({w:,} × {h:,} = {w * h:,} pixels;"
            f" the limit is {limit:,} pixels)")
    return MediaError(f"{name}: image is too large to open safely (more than {limit:,} pixels)")


def _open(path: Path) -> Image.Image:
    """Image.open restricted to ALLOWED_FORMATS, with bomb warnings as errors.

    Returns an unloaded image (so JPEG draft mode is still possible). The
    caller closes it.  Raises MediaError with a plain reason.
    """
    name = path.name
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path, formats=_OPEN_FORMATS)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_large(name) from None
    except UnidentifiedImageError:
        raise _unsupported(path) from None
    except FileNotFoundError:
        raise MediaError(f"{name}: file not found") from None
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
    except BaseException:
        img.close()
        raise
    return img


def _unsupported(path: Path) -> MediaError:
    name = path.name
    what = _sniff(path)
    if what is None:
        # Does Pillow know it under another format?  Only the header is read.
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                with Image.open(path) as other:
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
    camera = " ".join(p for p in (make, model) if p) or None
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
    name = path.name
    size_bytes = _regular_file_size(path)
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # someone relaxed Pillow globally
        raise MediaError(f"{name}: cannot check the image (truncated-image loading is"
                         " switched on in this program)")
    with _open(path) as img:
        # verify() lets truncated JPEGs through; a full decode does not.
        _load(img, name)
        fmt = _FORMAT_ALIASES.get(img.format or "", img.format or "")
        exif = _safe_exif(img)
        orientation = _orientation(exif)
        w, h = img.size
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
    h = hashlib.sha256()
    n = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(_CHUNK):
                h.update(chunk)
                n += len(chunk)
    except OSError as e:
        raise MediaError(f"{path.name}: cannot be read ({e.strerror or e})") from None
    return h.hexdigest(), n


def _stat_key(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def original_relpath(sha256: str, fmt: str) -> str:
    """'originals/ab/<sha><ext>' for a sha256 and a Pillow format name."""
    fmt = _FORMAT_ALIASES.get(fmt, fmt)
    return f"originals/{sha256[:2]}/{sha256}{_EXT[fmt]}"


def store_file(path: Path, media_root: Path) -> StoredMedia:
    """Inspect `path`, then copy it to originals/<sha[:2]>/<sha><ext>.

    If a file with the same content is already stored, it is reused and
    nothing is copied.  On any error nothing is left in `media_root`.
    """
    path, media_root = Path(path), Path(media_root)
    name = path.name
    try:
        before = _stat_key(path)
    except OSError:
        before = None  # inspect_image reports the reason
    info = inspect_image(path)
    sha, nbytes = _hash_file(path)
    try:
        after = _stat_key(path)
    except OSError:
        after = None
    if before != after:
        raise MediaError(f"{name}: the file changed while it was being imported; try again")

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

    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise MediaError(f"{name}: cannot create the media folder"
                         f" {dest.parent} ({e.strerror or e})") from None
    fd, tmp = _temp_in(dest.parent, dest.name)
    try:
        h = hashlib.sha256()
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            while chunk := src.read(_CHUNK):
                h.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != sha:
            raise MediaError(f"{name}: the file changed while it was being imported; try again")
        try:
            os.chmod(tmp, 0o644)
        except OSError:
            pass
        os.replace(tmp, dest)
    except MediaError:
        _unlink_quietly(tmp)
        raise
    except OSError as e:
        _unlink_quietly(tmp)
        raise MediaError(f"{name}: could not be copied into the archive"
                         f" ({e.strerror or e})") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise
    _fsync_dir(dest.parent)
    return stored


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
    """Make the thumb and screen JPEGs for `stored` (once; existing ones are kept)."""
    media_root = Path(media_root)
    src = _stored_source(stored, media_root)
    out: dict[str, Path] = {}
    for kind, size in DERIVATIVE_SIZES.items():
        dst = derivative_path(media_root, stored.sha256, kind)
        try:
            present = dst.stat().st_size > 0
        except OSError:
            present = False
        if not present:
            if not src.is_file():
                raise MediaError(f"{stored.original_name}: the stored original"
                                 f" {stored.path} is missing")
            make_thumbnail(src, dst, size)
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


def _to_rgb(img: Image.Image) -> Image.Image:
    """Flatten any mode to RGB; transparency becomes white."""
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16L", "I;16B", "I;16N"):
        img = img.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif img.mode in ("I", "F"):
        lo, hi = img.getextrema()
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
    """Modes that resize badly (NEAREST only) or not at all are converted first."""
    if img.mode == "1":
        return img.convert("L")  # bilevel scans: grey, not NEAREST-sampled
    if img.mode in ("P", "PA") or img.mode.startswith(("I", "F")):
        return _to_rgb(img)
    return img


def _save_jpeg(img: Image.Image, dst: Path, *, name: str, icc: bytes | None = None) -> None:
    """Save an RGB JPEG atomically (temp file in dst's folder, then os.replace)."""
    dst = Path(dst)
    try:
        dst.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temp_in(dst.parent, dst.name)
    except OSError as e:
        raise MediaError(f"{name}: cannot create {dst.parent} ({e.strerror or e})") from None
    try:
        params: dict = {"quality": JPEG_QUALITY}
        if icc and icc[16:20] == b"RGB ":
            params["icc_profile"] = icc
        with os.fdopen(fd, "wb") as out:
            img.save(out, "JPEG", **params)
            out.flush()
            os.fsync(out.fileno())
        try:
            os.chmod(tmp, 0o644)
        except OSError:
            pass
        os.replace(tmp, dst)
    except OSError as e:
        _unlink_quietly(tmp)
        raise MediaError(f"{name}: could not write {dst.name} ({e.strerror or e})") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise


def make_thumbnail(src: Path, dst: Path, size: int) -> None:
    """Write an RGB JPEG of `src` whose long edge is at most `size`, upright.

    Fast path: JPEG draft mode decodes at 1/2, 1/4 or 1/8 scale straight from
    the DCT data.  Draft ignores EXIF orientation, so the box is computed for
    the displayed (transposed) size and swapped back to stored orientation;
    the orientation is applied after reducing, on the small image.
    """
    src, dst = Path(src), Path(dst)
    name = src.name
    if size < 1:
        raise ValueError(f"thumbnail size must be positive, not {size}")
    _regular_file_size(src)
    with _open(src) as img:
        is_jpeg = img.format in ("JPEG", "MPO")
        if not is_jpeg:
            _load(img, name)  # PNG etc.: EXIF may sit after the pixel data
        orientation = _orientation(_safe_exif(img))
        icc = img.info.get("icc_profile")
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
            small = _to_rgb(small)
        except MemoryError:
            raise MediaError(f"{name}: not enough memory to make a preview") from None
        except (ValueError, OSError) as e:
            raise MediaError(f"{name}: could not make a preview ({_reason(e)})") from None
        # Saved before the source is closed: `small` may still be `img` itself.
        _save_jpeg(small, dst, name=name, icc=icc)


def naive_thumbnail(src: Path, dst: Path, size: int) -> None:
    """The usual way (for the benchmark): full decode, transpose, thumbnail."""
    from PIL import ImageOps

    src = Path(src)
    with Image.open(src) as img:
        img = ImageOps.exif_transpose(img)
        img.thumbnail((size, size))
        _save_jpeg(_to_rgb(img), Path(dst), name=src.name)


# --------------------------------------------------------------------------
# Choosing files to import


def resolve_inside(path: Path, root: Path) -> Path:
    """Return the real path of `path`, which must lie inside `root`.

    Rejects (MediaError) a path that is a symbolic link, passes through one
    below `root`, contains '..', does not exist, or resolves outside `root`.
    `root` itself may sit behind symlinks (e.g. /tmp on macOS); a relative
    `path` is taken relative to `root`.
    """
    path, root = Path(path), Path(root)
    name = path.name or str(path)
    try:
        root_real = root.resolve(strict=True)
    except OSError:
        raise MediaError(f"{root.name or root}: the import folder does not exist") from None
    root_abs = Path(os.path.abspath(root))
    full = path if path.is_absolute() else root_abs / path
    for base in (root_abs, root_real):
        try:
            rel = full.relative_to(base)
            break
        except ValueError:
            continue
    else:
        raise MediaError(f"{name}: is outside the chosen folder {root}")
    if ".." in rel.parts:
        raise MediaError(f"{name}: is outside the chosen folder {root} (the path uses '..')")
    cur = base
    for part in rel.parts:
        cur = cur / part
        try:
            st = os.lstat(cur)
        except FileNotFoundError:
            raise MediaError(f"{name}: not found") from None
        except OSError as e:
            raise MediaError(f"{name}: cannot be read ({e.strerror or e})") from None
        if stat.S_ISLNK(st.st_mode):
            if cur == full:
                raise MediaError(f"{name}: is a symbolic link; links are not followed"
                                 " when importing from a folder")
            raise MediaError(f"{name}: its path passes through the symbolic link"
                             f" {cur.name}; links are not followed when importing from a folder")
    try:
        real = full.resolve(strict=True)
    except OSError as e:
        raise MediaError(f"{name}: cannot be read ({e.strerror or e})") from None
    if not real.is_relative_to(root_real):  # e.g. Windows junctions
        raise MediaError(f"{name}: is outside the chosen folder {root}")
    return real


def _hidden(entry: os.DirEntry) -> bool:
    if entry.name.startswith("."):
        return True
    if os.name != "nt":
        return False
    attrs = getattr(entry.stat(follow_symlinks=False), "st_file_attributes", 0)
    return bool(attrs & getattr(stat, "FILE_ATTRIBUTE_HIDDEN", 0))


def _walk(folder: Path, root: Path | None, seen: set[str]) -> list[Path]:
    """Regular files below `folder`, sorted, hidden entries skipped."""
    real = os.path.realpath(folder)
    if real in seen:  # symlink loop (only possible without a root)
        return []
    seen.add(real)
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not _hidden(e)), key=lambda e: e.name)
    except OSError as e:
        raise MediaError(f"{folder.name}: the folder cannot be read ({e.strerror or e})") from None
    files: list[Path] = []
    for entry in entries:
        p = Path(entry.path)
        if root is not None:
            p = resolve_inside(p, root)  # raises on symlinks
        try:
            st = os.stat(p)
        except OSError:
            continue  # dangling symlink (no root): nothing to import
        if stat.S_ISDIR(st.st_mode):
            files.extend(_walk(p, root, seen))
        elif stat.S_ISREG(st.st_mode):
            files.append(p)
        # sockets, FIFOs, devices: skipped (opening a FIFO would block)
    return files


def iter_import_files(paths: list[Path], root: Path | None = None) -> list[Path]:
    """Expand files and folders into the list of files to import.

    Folders are walked recursively in sorted order; hidden files and folders
    inside them are skipped (a hidden file named explicitly is kept).  With
    `root`, every path goes through `resolve_inside`.  Duplicates are dropped,
    first occurrence wins.  A missing path raises MediaError.
    """
    out: list[Path] = []
    seen_files: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if root is not None:
            p = resolve_inside(p, root)
        try:
            st = os.stat(p)
        except FileNotFoundError:
            raise MediaError(f"{p.name or p}: not found") from None
        except OSError as e:
            raise MediaError(f"{p.name or p}: cannot be read ({e.strerror or e})") from None
        if stat.S_ISDIR(st.st_mode):
            found = _walk(p, root, set())
        elif stat.S_ISREG(st.st_mode):
            found = [p]
        else:
            raise MediaError(f"{p.name}: is not a regular file or folder")
        for f in found:
            key = Path(os.path.realpath(f))
            if key not in seen_files:
                seen_files.add(key)
                out.append(f)
    return out


# --------------------------------------------------------------------------
# Checking the archive


def verify_stored(media_root: Path, relpath: str, sha256: str) -> str | None:
    """None if media_root/relpath exists and hashes to sha256, else a message."""
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
