"""Hostile image files for the media attacks, and readers that list what metadata a file carries.

The readers walk the container structure (JPEG markers, PNG chunks, RIFF
chunks) rather than asking Pillow, so a test sees exactly the bytes a kiosk
would serve: Pillow might skip a segment it does not understand.
"""
from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageCms, PngImagePlugin

SECRET = b"SECRET-LOCATION 27.18N 112.61E"

# --------------------------------------------------------------------------
# Readers


def jpeg_segments(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) of every segment before the first scan, and of any after it."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    out: list[tuple[int, bytes]] = []
    i = 2
    while i < len(data):
        if data[i] != 0xFF:
            i += 1  # entropy-coded data
            continue
        marker = data[i + 1]
        if marker in (0x00, 0xFF) or 0xD0 <= marker <= 0xD7:
            i += 1 if marker == 0xFF else 2  # fill, stuffed 0xFF00, restart markers
            continue
        if marker == 0xD9:
            break
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        out.append((marker, data[i + 4:i + 2 + length]))
        i += 2 + length
    return out


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    out, i = [], 8
    while i + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[i:i + 8])
        out.append((kind, data[i + 8:i + 8 + length]))
        i += 12 + length
    return out


def riff_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP", "not a WebP"
    out, i = [], 12
    while i + 8 <= len(data):
        kind, length = struct.unpack("<4sI", data[i:i + 8])
        out.append((kind, data[i + 8:i + 8 + length]))
        i += 8 + length + (length & 1)
    return out


def is_srgb(icc: bytes) -> bool:
    profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
    return "srgb" in (ImageCms.getProfileDescription(profile) or "").lower()


def metadata_in(data: bytes) -> list[str]:
    """Every piece of metadata a derivative carries, by kind; [] for pixels only.

    JPEG: COM and APP1..APP15 (APP0 JFIF is structure; an APP2 ICC profile is
    allowed only when it is sRGB). PNG: text, EXIF and time chunks. WebP:
    EXIF, XMP and ICCP chunks.
    """
    found: list[str] = []
    if data[:2] == b"\xff\xd8":
        icc = b"".join(p[14:] for m, p in jpeg_segments(data)
                       if m == 0xE2 and p.startswith(b"ICC_PROFILE\0"))
        for marker, payload in jpeg_segments(data):
            if marker == 0xFE:
                found.append("COM")
            elif marker == 0xE0 and payload.startswith(b"JFIF\0"):
                continue
            elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\0") and is_srgb(icc):
                continue
            elif 0xE0 <= marker <= 0xEF:
                found.append(f"APP{marker - 0xE0} {payload[:12]!r}")
    elif data[:8] == b"\x89PNG\r\n\x1a\n":
        found += [k.decode() for k, _ in png_chunks(data)
                  if k in (b"tEXt", b"iTXt", b"zTXt", b"eXIf", b"tIME", b"iCCP")]
    elif data[:4] == b"RIFF":
        found += [k.decode() for k, _ in riff_chunks(data) if k in (b"EXIF", b"XMP ", b"ICCP")]
    else:
        raise AssertionError(f"derivative of unknown format: {data[:12]!r}")
    if SECRET in data:  # anywhere at all, e.g. inside an ICC profile
        found.append("secret bytes")
    return found


# --------------------------------------------------------------------------
# Pictures


def picture(size: tuple[int, int] = (400, 300)) -> Image.Image:
    """A two-tone RGB picture: left half grey 64, right half orange."""
    img = Image.new("RGB", size, (64, 64, 64))
    img.paste((200, 120, 40), (size[0] // 2, 0, size[0], size[1]))
    return img


def secret_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010E] = SECRET.decode()                  # ImageDescription
    exif[0x013B] = "Donor: " + SECRET.decode()      # Artist
    exif.get_ifd(0x8769)[0x9286] = b"ASCII\0\0\0" + SECRET  # UserComment
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (27.0, 11.0, 6.0)         # GPSLatitudeRef, GPSLatitude
    gps[3], gps[4] = "E", (112.0, 36.0, 36.0)       # GPSLongitudeRef, GPSLongitude
    gps[0x1B] = b"ASCII\0\0\0" + SECRET             # GPSProcessingMethod
    return exif


XMP = (b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
       b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:description="' + SECRET
       + b'"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>')


def _iptc_app13() -> bytes:
    """An APP13 'Photoshop 3.0' segment holding an IPTC caption with the secret."""
    caption = SECRET
    iptc = b"\x1c\x02\x78" + struct.pack(">H", len(caption)) + caption  # 2:120 Caption/Abstract
    block = b"8BIM" + struct.pack(">H", 0x0404) + b"\0\0" + struct.pack(">I", len(iptc)) + iptc
    if len(iptc) & 1:
        block += b"\0"
    payload = b"Photoshop 3.0\0" + block
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def icc_profile(description: bytes, gamma: float = 1.0) -> bytes:
    """A valid RGB display profile (sRGB primaries, D50-adapted, `gamma` TRC) named `description`.

    With gamma 1.0 it is a linear-light profile: a conversion to sRGB brightens
    mid-tones visibly (64 → about 137), so a test can tell converted from copied.
    """
    def xyz(x: float, y: float, z: float) -> bytes:
        return b"XYZ \0\0\0\0" + _s15(x) + _s15(y) + _s15(z)

    desc = b"desc\0\0\0\0" + struct.pack(">I", len(description) + 1) + description + b"\0" \
        + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    curve = b"curv\0\0\0\0" + struct.pack(">I", 1) + struct.pack(">H", round(gamma * 256)) + b"\0\0"
    text = b"text\0\0\0\0" + b"public domain " + description + b"\0"
    tags = [(b"desc", desc), (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
            (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)), (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
            (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve), (b"cprt", text)]
    offset = 128 + 4 + 12 * len(tags)
    table, body = b"", b""
    for sig, data in tags:
        while len(data) % 4:
            data += b"\0"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    size = offset + len(body)
    header = (struct.pack(">I", size) + b"lcms" + b"\x02\x10\0\0" + b"mntr" + b"RGB " + b"XYZ "
              + b"\0" * 12 + b"acsp" + b"APPL" + b"\0" * 4 + b"\0" * 8 + b"\0" * 8 + b"\0" * 4
              + _s15(0.9642) + _s15(1.0) + _s15(0.8249) + b"lcms" + b"\0" * 44)
    assert len(header) == 128
    return header + struct.pack(">I", len(tags)) + table + body


def _jpeg_bytes(img: Image.Image, **params) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90, **params)
    return buf.getvalue()


def _after_soi(data: bytes, segment: bytes) -> bytes:
    return data[:2] + segment + data[2:]


def hostile_originals(folder: Path) -> dict[str, Path]:
    """One file per kind of metadata, every one carrying SECRET; name → path."""
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)
        made[name] = folder / name

    img = picture()
    put("jpeg-com.jpg", _jpeg_bytes(img, comment=SECRET))
    put("jpeg-exif-gps.jpg", _jpeg_bytes(img, exif=secret_exif()))
    put("jpeg-xmp.jpg", _jpeg_bytes(img, xmp=XMP))
    put("jpeg-iptc.jpg", _after_soi(_jpeg_bytes(img), _iptc_app13()))
    put("jpeg-icc.jpg", _jpeg_bytes(img, icc_profile=icc_profile(b"Linear " + SECRET)))
    # An unknown APPn (APP11: JPEG XT / APP15) with the secret: "all APPn" means all.
    app15 = b"\xff\xef" + struct.pack(">H", len(SECRET) + 2) + SECRET
    put("jpeg-app15.jpg", _after_soi(_jpeg_bytes(img), app15))
    # A polyglot: a valid JPEG with an HTML page after its end marker.
    put("jpeg-trailing-html.jpg", _jpeg_bytes(img) + b"<html><script>" + SECRET + b"</script>")

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET.decode())
    info.add_itxt("Description", SECRET.decode(), lang="en", tkey="Description", zip=True)
    info.add_text("Location", SECRET.decode(), zip=True)
    buf = io.BytesIO()
    img.save(buf, "PNG", pnginfo=info, exif=secret_exif(),
             icc_profile=icc_profile(b"Linear " + SECRET))
    put("png-text.png", buf.getvalue())

    buf = io.BytesIO()
    img.save(buf, "WEBP", quality=90, exif=secret_exif(), xmp=XMP,
             icc_profile=icc_profile(b"Linear " + SECRET))
    put("webp-exif-xmp.webp", buf.getvalue())

    buf = io.BytesIO()
    img.save(buf, "TIFF", tiffinfo={270: SECRET.decode(), 315: SECRET.decode(), 700: XMP},
             icc_profile=icc_profile(b"Linear " + SECRET))
    put("tiff-tags.tif", buf.getvalue())

    buf = io.BytesIO()
    img.convert("P", palette=Image.Palette.ADAPTIVE, colors=4).save(buf, "GIF", comment=SECRET)
    put("gif-comment.gif", buf.getvalue())
    return made


# --------------------------------------------------------------------------
# Bombs and broken files


def png_bomb(path: Path, width: int, height: int, mode: str = "RGBA") -> Path:
    """A PNG of `width`×`height` blank pixels, written row by row so the test never holds the image."""
    colour = {"RGBA": 6, "RGB": 2, "L": 0}[mode]
    channels = {"RGBA": 4, "RGB": 3, "L": 1}[mode]

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    comp = zlib.compressobj(9)
    row = b"\0" * (1 + width * channels)
    idat = bytearray()
    for _ in range(height):
        idat += comp.compress(row)
    idat += comp.flush()
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)))
        f.write(chunk(b"IDAT", bytes(idat)))
        f.write(chunk(b"IEND", b""))
    return path


def png_header_only(path: Path, width: int, height: int) -> Path:
    """A tiny PNG whose header declares an enormous picture (no real pixel data)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))
    return path


def jpeg_file(path: Path, size: tuple[int, int] = (400, 300)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_jpeg_bytes(picture(size)))
    return path


__all__ = ["SECRET", "metadata_in", "jpeg_segments", "png_chunks", "riff_chunks",
           "hostile_originals", "icc_profile", "png_bomb", "png_header_only", "jpeg_file",
           "picture", "secret_exif", "XMP"]
