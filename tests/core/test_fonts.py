"""CJK font lookup: a TrueType face for Qt and reportlab on any machine."""
from __future__ import annotations

import pytest

from exhibit import fonts


@pytest.fixture(autouse=True)
def fresh_lookup():
    fonts.find_cjk_font.cache_clear()
    yield
    fonts.find_cjk_font.cache_clear()


def test_a_cjk_truetype_font_is_always_found():
    font = fonts.find_cjk_font()
    assert font.path.is_file()
    assert fonts._is_truetype_outlines(font.path)


def test_bundled_fallback_is_installed_with_the_project():
    path = fonts.bundled_font_path()
    assert path is not None and fonts._is_truetype_outlines(path)


def test_configured_font_wins(monkeypatch):
    bundled = fonts.bundled_font_path()
    monkeypatch.setenv(fonts.ENV_VAR, str(bundled))
    font = fonts.find_cjk_font()
    assert font.origin == "configured" and font.path == bundled


def test_cff_opentype_is_not_accepted(tmp_path, monkeypatch):
    """reportlab cannot embed PostScript outlines, so a CFF .otf must be skipped."""
    otf = tmp_path / "NotoSansCJK-Regular.otf"
    otf.write_bytes(b"OTTO" + b"\x00" * 64)
    assert not fonts._is_truetype_outlines(otf)
    monkeypatch.setenv(fonts.ENV_VAR, str(otf))
    assert fonts.find_cjk_font().path != otf


def test_reportlab_embeds_chinese(tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    font = fonts.find_cjk_font()
    # A name of its own: reportlab's registry is global, and re-registering the printing
    # code's "ExhibitCJK" here would swap the face every later label in this process uses.
    pdfmetrics.registerFont(TTFont("TestFallbackCJK", str(font.path), subfontIndex=font.subfont_index))
    out = tmp_path / "zh.pdf"
    c = canvas.Canvas(str(out), pageCompression=0)
    c.setFont("TestFallbackCJK", 24)
    c.drawString(72, 720, "衡阳保卫战 Defence of Hengyang")
    c.save()
    data = out.read_bytes()
    assert b"/FontFile2" in data  # the TrueType subset is embedded, not referenced
