"""Decompression bombs (issue #14, helper B): refused from the header, before any decoding.

The cap is the child's RLIMIT_DATA. Exhibit estimates from an image's header
how much memory decoding it and making its previews takes (measured bytes
per pixel by mode and format) and refuses what does not fit a share of that
limit; the last tests import the largest images the 500 MB cap admits, so an
estimate that is too low fails here rather than in a curator's hands.
"""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from tests.hostile.media_samples import png_bomb, png_header_only
from tests.hostile.media_support import Attack
from tests.hostile.support import MEMORY_CAP_MB, assert_refused


@pytest.fixture
def attack(archive, tmp_path: Path) -> Attack:
    archive.close()
    return Attack(archive.root, tmp_path)


def _blank(path: Path, fmt: str, size: tuple[int, int], **params) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (90, 80, 70)).save(path, fmt, **params)
    return path


def test_png_declaring_50000_square_is_refused(attack, tmp_path):
    bomb = png_header_only(tmp_path / "bomb.png", 50_000, 50_000)
    assert bomb.stat().st_size < 200
    attack.snapshot()
    run = attack.run("import-media", str(bomb))
    assert_refused(run, "bomb.png", "too large")
    assert run.peak_rss_mb < 120
    attack.assert_nothing_changed()


def test_blank_png_under_the_pixel_limit_but_over_the_memory_budget(attack, tmp_path):
    """9,400 × 9,400 RGBA: under Pillow's 89 M-pixel limit, 270 KB on disk, ~1 GB to resize."""
    bomb = png_bomb(tmp_path / "blank.png", 9400, 9400, "RGBA")
    attack.snapshot()
    run = attack.run("import-media", str(bomb))
    assert_refused(run, "blank.png", "too large", "MB of memory")
    assert run.peak_rss_mb < 120  # refused from the header
    attack.assert_nothing_changed()


@pytest.mark.parametrize("name, fmt, size, params, cap", [
    # libjpeg keeps every coefficient of a progressive JPEG (6 bytes a pixel in
    # 4:4:4); under a 250 MB cap the budget follows the process's own limit.
    # Before: "damaged or unreadable image (broken data stream)", a wrong reason.
    ("progressive.jpg", "JPEG", (5000, 5000), {"progressive": True, "subsampling": 0}, 250),
    # Pillow decodes WebP through libwebp's animation decoder: ~17 bytes a pixel.
    # Before: decoded until memory ran out, its RSS past the 500 MB cap.
    ("lossless.webp", "WEBP", (6000, 6000), {"lossless": True}, MEMORY_CAP_MB),
])
def test_bomb_refused_before_decoding(attack, tmp_path, name, fmt, size, params, cap):
    bomb = _blank(tmp_path / name, fmt, size, **params)
    attack.snapshot()
    run = attack.run("import-media", str(bomb), memory_mb=cap)
    assert_refused(run, name, "too large", "MB of memory")
    assert run.peak_rss_mb < 120  # refused from the header
    attack.assert_nothing_changed()


@pytest.mark.parametrize("name, make", [
    # 27 M pixels × 11 bytes (RGBA: decoded, premultiplied copy, resampling) ≈ 297 MB.
    ("rgba.png", lambda p: png_bomb(p, 5200, 5200, "RGBA")),
    # 33.6 M pixels: coefficients 6 bytes + reduced decode ≈ 294 MB.
    ("progressive.jpg", lambda p: _blank(p, "JPEG", (5800, 5800), progressive=True, subsampling=0)),
    # 16 M pixels × 18 bytes ≈ 288 MB.
    ("photo.webp", lambda p: _blank(p, "WEBP", (4000, 4000), quality=50)),
])
def test_the_largest_image_admitted_imports_under_the_cap(attack, tmp_path, name, make):
    """Just under the budget (60 % of the 500 MB cap): decodes, previews made, under the cap."""
    path = make(tmp_path / name)
    attack.snapshot()
    run = attack.run("import-media", str(path))
    assert run.returncode == 0, run.output
    assert run.peak_rss_mb < MEMORY_CAP_MB
    (row,) = attack.new_rows()
    thumb = attack.media / "derived" / "thumb" / f"{row[1]}.jpg"
    with Image.open(io.BytesIO(thumb.read_bytes())) as img:
        assert max(img.size) == 256
    attack.assert_nothing_lost()
