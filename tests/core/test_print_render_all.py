"""Every label template at every page and sheet size, in Chinese, English and both, printed and
read back from the PDF as a proof-reader would (issue 17's "Done when").

For each template × size × language a few sample records are printed; the first page is
rendered to PNG (pdftoppm) and must show something; then, from the text positions poppler
reads out of the PDF (tests/print_checks.py), each label is checked:

- no line starts with a closing mark (，。、；：？！）》」』” …) or ends with an opening one (clreq);
- no word outside its label: the page's trim box, or the label's cell on a sheet, less a
  print shop's 3 mm safety zone; no text drawn over other text;
- no text below its template's floor (typography.TYPES): words that belong to one role of
  the label (its title, body, tombstone …) at least that role's floor, every word at least the
  smallest floor of the row;
- no internal code on paper: panel and section codes, field names such as label_zh, None.

Labels whose text does not fit at the floor are refused by the printing code (a checker
error, never a silent shrink); those are printed with overflow="truncate", which sets the same
text at the floor and ends it with "…", so their layout at that size is checked too.

QR codes are printed with a URL template and read back from a 200 dpi rendering with
zxing-cpp; they must give back each object's URL.

Sizes are read from word boxes, whose height is the font size times a factor of the face
(ascent − descent as poppler reads it: 1.0 for the CJK face, 1.42 for the Latin one when this
was written); the `calibration` fixture measures the factors by printing known sizes.
"""
from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from exhibit import records, services
from exhibit.archive import Archive
from exhibit.printing import fonts, layout
from exhibit.printing.content import LabelContent
from exhibit.printing.labels import LabelJob, check_labels, contents, kind_of, print_labels
from exhibit.printing.layout import MM, PageSetup
from exhibit.printing.select import Selection
from tests import print_checks as pc

pytestmark = pytest.mark.skipif(pc.poppler_missing() is not None, reason=pc.poppler_missing() or "")

# A public notice; the blood chit (the longest label copy of the sample); the telegram whose
# title opens with a quotation mark. Their photographs are the caption labels' pictures.
OBJECTS = ("HY1944.0001", "HY1944.0007", "HY1944.0012")
# A panel with a pull quote and pictures; one whose title ends with a question mark.
PANELS = ("p07-first-assault", "p15-surrender")
SIZES = {
    "object": ("A6", "A5", "100x150mm", "a4-1x2", "a4-2x4", "letter-2x3"),
    "caption": tuple(layout.SHEETS),
    "panel": ("A3", "A2", "A1", "A3-landscape", "A2-landscape", "A1-landscape"),
}
LANGS = ("zh", "en", "both")
CASES = [(t, s, lang) for t, sizes in SIZES.items() for s in sizes for lang in LANGS]
QR_URL = "https://museum.example/o/{accession}"
SAFE = 3 * MM          # a print shop's safety zone inside the trim: text there may be cut off
SIZE_SLACK = 0.25      # pt: word boxes are rounded by poppler; sizes are set on a half-point grid


@pytest.fixture(scope="module")
def shelf(sample_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Archive:
    """One copy of the sample archive for the module: printing only reads it (and caches
    photo derivatives), so the 50-odd prints need not copy it each."""
    root = tmp_path_factory.mktemp("render-all") / "archive"
    shutil.copytree(sample_template, root)
    archive = Archive.open(root, user="tester")
    yield archive
    archive.close()


@pytest.fixture(scope="module")
def calibration(tmp_path_factory: pytest.TempPathFactory) -> pc.Calibration:
    fonts.register()
    faces = {"cjk": (fonts.FONT, fonts.FONT_BOLD), "latin": (fonts.LATIN, fonts.LATIN_BOLD)}
    cal = pc.calibrate(tmp_path_factory.mktemp("calibrate") / "sizes.pdf", faces)
    assert 0.8 < cal.cjk < 1.8 and 0.8 < cal.latin < 1.8, cal     # a font box is about an em high
    return cal


@pytest.fixture(scope="module")
def codes(shelf: Archive) -> set[str]:
    """The internal codes of the sample's panels and sections: never printed."""
    found = {p.code for p in services.list_records(shelf, records.Panel)}
    return found | {s.code for s in services.list_records(shelf, records.Section)}


def setup_for(size: str) -> PageSetup:
    return layout.sheet(size) if size.lower() in layout.SHEETS else layout.single_page(size)


def selection_for(template: str) -> Selection:
    return Selection(panels=PANELS) if template == "panel" else Selection(accessions=OBJECTS)


def cell(setup: PageSetup, n: int) -> pc.Rect:
    """The trim box of the n-th label on a page, in pdftotext's coordinates (origin top left)."""
    box = setup.slots()[n]
    return pc.Rect(box.x, setup.page_h - box.y - box.h, box.x + box.w, setup.page_h - box.y)


def printable_job(archive: Archive, sel: Selection, job: LabelJob) -> tuple[LabelJob, bool]:
    """The job, set to truncate when some label does not fit at its floor (the only error
    allowed here: a missing glyph or anything else fails the test); and whether it was."""
    errors = [w for w in check_labels(archive, sel, job) if w.level == "error"]
    assert all(w.code == "overflow" for w in errors), "\n".join(map(str, errors))
    return (dataclasses.replace(job, overflow="truncate"), True) if errors else (job, False)


def label_faults(item: LabelContent, words: list[pc.Word], box: pc.Rect, floors: dict[str, float],
                 cal: pc.Calibration, codes: set[str], *, truncated: bool) -> list[str]:
    """What is wrong with one printed label, read from its words. `truncated`: the job cut
    text that did not fit, which may leave a label with none of its body text."""
    if not words:
        return ["prints no text"]
    lines = pc.visual_lines(words)
    faults = pc.break_faults(lines) + pc.collisions(lines)
    faults += pc.outside([pc.inked(w, cal) for w in words], box.shrunk(SAFE))
    blocks = [(b.role, b.text) for b in item.blocks + item.footer]
    for role, mine in pc.role_words(words, blocks).items():
        floor = floors.get(role, 0.0)
        small = [(round(pc.word_size(w, cal), 1), w.text) for w in mine if pc.word_size(w, cal) < floor - SIZE_SLACK]
        faults += [f"{role} text at {size} pt, below its floor of {floor:g} pt: {text!r}" for size, text in small]
    if not truncated and any(b.role == "body" for b in item.blocks) and not pc.role_words(words, blocks).get("body"):
        faults.append("none of its body text is on the label")
    least = min(floors.values())
    faults += [f"{pc.word_size(w, cal):.1f} pt, below every floor of the template ({least:g} pt): {w.text!r}"
               for w in words if pc.word_size(w, cal) < least - SIZE_SLACK]
    faults += [f"internal name printed: {leak}" for leak in pc.code_leaks(
        "\n".join(pc.line_text(line) for line in pc.visual_lines(words)), codes)]
    return faults


@pytest.mark.parametrize(("template", "size", "lang"), CASES, ids=["-".join(c) for c in CASES])
def test_every_template_size_and_language_reads_right(template: str, size: str, lang: str, shelf: Archive,
                                                      calibration: pc.Calibration, codes: set[str],
                                                      tmp_path: Path) -> None:
    setup = setup_for(size)
    sel = selection_for(template)
    job, truncated = printable_job(shelf, sel, LabelJob(template, setup, lang=lang))
    out = tmp_path / "labels.pdf"
    report = print_labels(shelf, sel, job, out)
    items = contents(shelf, sel, job)
    assert report.labels == len(items) > 0

    png = pc.render_png(out, tmp_path / "page1", dpi=20)
    assert png.is_file(), "pdftoppm made no PNG of the first page"
    assert pc.ink_share(png) > 0.01, "the first page renders blank"

    pages = pc.pdf_pages(out)
    assert len(pages) == report.pages
    floors = dict(kind_of(job).floors)
    faults = []
    for i, item in enumerate(items):
        page, n = pages[i // setup.per_page], i % setup.per_page
        box = cell(setup, n)
        mine = [w for w in page.words if box.has_centre_of(w)]
        faults += [f"{item.name}: {f}" for f in label_faults(item, mine, box, floors, calibration, codes,
                                                                     truncated=truncated)]
    for number, page in enumerate(pages, 1):
        cells = [cell(setup, n) for n in range(setup.per_page)]
        faults += [f"page {number}: {w.text!r} lies on no label" for w in page.words
                   if not any(c.has_centre_of(w) for c in cells)]
    how = " (truncated to fit)" if truncated else ""
    assert not faults, f"{template} {size} {lang}{how}:\n" + "\n".join(faults)


@pytest.mark.parametrize("size", ["A5", "a4-2x4"])
def test_qr_codes_give_back_each_objects_url(size: str, shelf: Archive, tmp_path: Path) -> None:
    pytest.importorskip("zxingcpp", reason="zxing-cpp (the dev dependency group) decodes the QR codes")
    setup = setup_for(size)
    sel = Selection(accessions=OBJECTS)
    job, _ = printable_job(shelf, sel, LabelJob("object", setup, lang="zh", qr_template=QR_URL))
    out = tmp_path / "qr.pdf"
    report = print_labels(shelf, sel, job, out)
    decoded = []
    for page in range(1, report.pages + 1):
        decoded += pc.decode_qr(pc.render_png(out, tmp_path / f"qr-{page}", dpi=200, page=page))
    assert sorted(decoded) == sorted(QR_URL.format(accession=a) for a in OBJECTS)


def test_the_checks_find_what_they_look_for(tmp_path: Path, calibration: pc.Calibration) -> None:
    """A page drawn wrong on purpose: each check must report its fault (else the test above
    could pass on a page it cannot read)."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register()
    pdf = tmp_path / "wrong.pdf"
    canvas = Canvas(str(pdf), pagesize=(400, 400))
    canvas.setFont(fonts.FONT, 20)
    canvas.drawString(40, 340, "衡阳保卫战持续了四十七天")
    canvas.drawString(40, 310, "，守军伤亡惨重。他说“")           # a line opening with "，", one ending with "“"
    canvas.drawString(360, 280, "城外")                           # runs off the right edge
    canvas.setFont(fonts.LATIN, 7)
    canvas.drawString(40, 250, "Small print")
    canvas.drawString(40, 230, "p07-first-assault label_zh None")
    canvas.setFont(fonts.FONT, 12)
    canvas.drawString(40, 150, "正文")
    canvas.drawString(44, 146, "脚注")                              # drawn over the line above
    canvas.save()
    words = pc.pdf_pages(pdf)[0].words
    lines = pc.visual_lines(words)
    assert [pc.line_text(line) for line in lines][:2] == ["衡阳保卫战持续了四十七天", "，守军伤亡惨重。他说“"]
    faults = pc.break_faults(lines)
    assert any(f.startswith("starts with '，'") for f in faults) and any(f.startswith("ends with '“'") for f in faults)
    assert [w.text for w in words if pc.outside([w], pc.Rect(0, 0, 400, 400).shrunk(SAFE))] == ["城外"]
    assert [c.split(" overlap")[0] for c in pc.collisions(lines)] == ["'正文' and '脚注'"]
    small = pc.role_words(words, [("body", "Small print"), ("title", "衡阳保卫战持续了四十七天")])
    assert [round(pc.word_size(w, calibration)) for w in small["body"]] == [7, 7]
    assert [round(pc.word_size(w, calibration)) for w in small["title"]] == [20]
    assert pc.code_leaks("p07-first-\nassault label_zh None", {"p07-first-assault"}) == [
        "p07-first-assault", "label_zh", "None"]
