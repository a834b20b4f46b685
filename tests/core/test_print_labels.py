"""Labels as a printer would check them: text, fonts, page sizes, the checker, bad input."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from exhibit import media_records, services
from exhibit.cli import run
from exhibit.errors import ExhibitError
from exhibit.printing import layout
from exhibit.printing.labels import LabelJob, check_labels, print_labels
from exhibit.printing.layout import MM
from exhibit.printing.select import EmptySelection, Selection

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
QR = "https://museum.example/objects/{accession}"


def pdf_fonts(reader: PdfReader) -> list[dict]:
    fonts = {}
    for page in reader.pages:
        for ref in (page["/Resources"].get("/Font") or {}).values():
            font = ref.get_object()
            fonts[font["/BaseFont"]] = font
    return list(fonts.values())


def assert_fonts_embedded_subsets(reader: PdfReader) -> None:
    fonts = pdf_fonts(reader)
    assert fonts
    for font in fonts:
        assert re.match(r"^/[A-Z]{6}\+", font["/BaseFont"]), f"{font['/BaseFont']} is not a subset"
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{font['/BaseFont']} is not embedded"


def text_of(path: Path) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(path).pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def no_leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.suffix in (".part",) or p.name.startswith(".")]


def first_objects(archive, section: str):
    from exhibit.printing.select import select_objects
    return select_objects(archive, Selection(section=section))


def test_object_labels_on_a4_sheet(archive, tmp_path):
    objects = first_objects(archive, "s1-road")
    out = tmp_path / "labels.pdf"
    report = print_labels(archive, Selection(section="s1-road"),
                          LabelJob("object", layout.sheet("a4-1x2"), qr_template=QR), out)
    reader = PdfReader(out)
    assert report.labels == len(objects)
    assert len(reader.pages) == report.pages == -(-len(objects) // 2)
    for page in reader.pages:
        assert [round(float(v), 2) for v in page.mediabox[2:]] == list(A4)
    text = squash(text_of(out))
    for obj in objects:
        assert squash(obj.name_zh) in text
        assert squash(obj.name_en) in text
        assert obj.accession in text
    assert_fonts_embedded_subsets(reader)
    meta = reader.metadata
    assert meta.title and meta.author == "tester" and meta["/CreationDate"]
    assert no_leftovers(tmp_path) == []


def test_us_letter_sheet_and_custom_grid(archive, tmp_path):
    out = tmp_path / "letter.pdf"
    report = print_labels(archive, Selection(everything=True),
                          LabelJob("object", layout.sheet("letter-2x3"), overflow="truncate"), out)
    reader = PdfReader(out)
    assert len(reader.pages) == -(-42 // 6) == report.pages
    assert [round(float(v), 2) for v in reader.pages[0].mediabox[2:]] == list(LETTER)

    grid = layout.sheet("a4:3x2", margin_mm=8, gutter_mm=4)
    assert grid.per_page == 6 and round(grid.label_w / MM, 1) == round((210 - 16 - 4) / 2, 1)


def test_one_label_per_page_with_bleed_and_crop_marks(archive, tmp_path):
    out = tmp_path / "single.pdf"
    setup = layout.single_page("100x150mm", bleed_mm=3, crop_marks=True)
    # Bilingual label copy needs more than 100×150 mm at 22 pt: cut to fit, as a proof would be.
    print_labels(archive, Selection(accessions=("HY1944.0001", "HY1944.0002")),
                 LabelJob("object", setup, qr_template=QR, overflow="truncate"), out)
    reader = PdfReader(out)
    assert len(reader.pages) == 2
    page = reader.pages[0]
    trim = [float(v) for v in page.trimbox]
    bleed = [float(v) for v in page.bleedbox]
    assert round((trim[2] - trim[0]) / MM) == 100 and round((trim[3] - trim[1]) / MM) == 150
    assert round((bleed[2] - bleed[0]) / MM) == 106
    assert float(page.mediabox[2]) > bleed[2]          # room for the crop marks outside the bleed


def test_panel_text_on_a2_and_caption_labels(archive, tmp_path):
    out = tmp_path / "panels.pdf"
    report = print_labels(archive, Selection(section="s3-siege"), LabelJob("panel", layout.single_page("A2")), out)
    panels = services.list_records(archive, "panel", "section_id = (SELECT id FROM sections WHERE code = ?)",
                                   ["s3-siege"])
    reader = PdfReader(out)
    assert len(reader.pages) == report.pages == len(panels)
    assert round(float(reader.pages[0].mediabox[3]) / MM) == 594
    text = squash(text_of(out))
    assert squash(panels[0].title_zh) in text and squash(panels[0].title_en) in text

    out = tmp_path / "captions.pdf"
    report = print_labels(archive, Selection(section="s2-defence"), LabelJob("caption", layout.sheet("a4-2x2")), out)
    assert report.labels > 0
    assert "illustration" in text_of(out)        # generated images never pass as photographs


def test_checker_flags_an_over_long_label(archive):
    obj = services.object_by_accession(archive, "HY1944.0003")
    services.update(archive, replace(obj, label_en=" ".join(["The defenders held the line."] * 40)))
    warnings = check_labels(archive, Selection(accessions=("HY1944.0003", "HY1944.0004")),
                            LabelJob("object", layout.single_page("A4")))
    mine = [w for w in warnings if "HY1944.0003" in w.label]
    assert any(w.code == "budget" and "200 words" in w.message for w in mine)
    assert any(w.code in ("shrunk", "overflow") for w in mine)
    assert not any("200 words" in w.message for w in warnings if "HY1944.0004" in w.label)


def test_cli_check_lists_warnings(archive, capsys):
    # On an A5 card both languages fit only at the body's 22 pt floor, below the 24 pt it aims
    # for: a warning for each label, and no error.
    code = run(["--archive", str(archive.root), "labels", "--section", "s1-road", "--page", "A5", "--check"])
    out = capsys.readouterr().out
    assert code == 0
    assert "warning: object HY1944." in out and "set at 22 pt" in out and " 0 error(s)" in out


# ---------------------------------------------------------------- bad input

def test_object_without_photo_prints(archive, tmp_path):
    obj = services.create(archive, services.object_by_accession(archive, "HY1944.0001").__class__(
        accession="HY2026.0001", name_zh="无图藏品", name_en="Object without a photo"))
    out = tmp_path / "nophoto.pdf"
    report = print_labels(archive, Selection(accessions=(obj.accession,)),
                          LabelJob("object", layout.single_page("A6")), out)
    assert report.labels == 1 and "无图藏品" in squash(text_of(out))


def test_missing_photo_file_prints_without_it_and_warns(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0001")
    media = media_records.primary_media(archive, "object", obj.id)
    from exhibit import media_files
    for kind in ("thumb", "screen"):
        media_files.derivative_path(archive.media_root, media.sha256, kind).unlink(missing_ok=True)
    media_records.file_path(archive, media).unlink()
    out = tmp_path / "missing.pdf"
    report = print_labels(archive, Selection(accessions=(obj.accession,)),
                          LabelJob("object", layout.single_page("A4"), lang="zh", photo=True), out)
    assert any(w.code == "photo" and media.path in w.message for w in report.warnings)
    assert out.exists() and squash(obj.name_zh) in squash(text_of(out))


def test_two_thousand_character_label_text(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0002")
    services.update(archive, replace(obj, label_zh="衡阳" * 1000))
    out = tmp_path / "long.pdf"
    out.write_bytes(b"the old file")
    sel = Selection(accessions=(obj.accession,))
    with pytest.raises(ExhibitError, match=r"HY1944\.0002.*does not fit"):
        print_labels(archive, sel, LabelJob("object", layout.single_page("A6")), out)
    assert out.read_bytes() == b"the old file"          # nothing half-written, nothing lost
    assert no_leftovers(tmp_path) == []

    report = print_labels(archive, sel, LabelJob("object", layout.single_page("A6"), overflow="truncate"), out)
    assert any(w.code == "truncated" for w in report.warnings)
    assert "…" in text_of(out)


def test_character_missing_from_the_font_is_reported_before_printing(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0005")
    services.update(archive, replace(obj, name_zh="𠀀字碑"))      # U+20000, CJK Extension B
    out = tmp_path / "rare.pdf"
    with pytest.raises(ExhibitError, match=r"HY1944\.0005.*U\+20000"):
        print_labels(archive, Selection(accessions=(obj.accession,)),
                     LabelJob("object", layout.sheet("a4-2x2")), out)
    assert not out.exists() and no_leftovers(tmp_path) == []
    warnings = check_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", layout.sheet("a4-2x2")))
    assert any(w.code == "missing-glyph" and w.level == "error" for w in warnings)


def test_markup_in_a_field_prints_as_typed(archive, tmp_path):
    obj = services.object_by_accession(archive, "HY1944.0006")
    services.update(archive, replace(obj, name_en='Badge <img src="/etc/passwd"/> & <b>pin</b>'))
    out = tmp_path / "markup.pdf"
    print_labels(archive, Selection(accessions=(obj.accession,)), LabelJob("object", layout.single_page("A4")), out)
    text = text_of(out)
    assert '<img src="/etc/passwd"/>' in text and "<b>pin</b>" in text


def test_empty_selection_is_a_clear_error(archive, tmp_path):
    from exhibit.records import Section
    services.create(archive, Section(code="s9-empty", title_zh="空单元", title_en="Empty section"))
    out = tmp_path / "empty.pdf"
    with pytest.raises(EmptySelection, match="no objects in section s9-empty"):
        print_labels(archive, Selection(section="s9-empty"), LabelJob("object", layout.sheet("a4-2x2")), out)
    assert not out.exists() and no_leftovers(tmp_path) == []


def test_cli_bad_input_is_one_line_and_status_1(archive, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert run(["--archive", str(archive.root), "labels", "--section", "nope", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no section 'nope'") and "Traceback" not in err
    assert run(["--archive", str(archive.root), "labels", "--all", "--sheet", "a9-7x7", "--out", str(out)]) == 1
    assert "unknown sheet" in capsys.readouterr().err
    assert not out.exists()


def test_cli_prints_labels(archive, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    code = run(["--archive", str(archive.root), "labels", "--accessions", "HY1944.0001", "HY1944.0002",
                "--page", "A4", "--crop-marks", "--bleed", "3", "--qr-url", QR, "--out", str(out)])
    assert code == 0
    assert "2 label(s) on 2 page(s)" in capsys.readouterr().out
    assert len(PdfReader(out).pages) == 2
