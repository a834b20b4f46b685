"""Printed wall panels (exhibit/printing/panels.py): what a visitor and a print shop would check
on the PDF itself — the section named as visitors know it and never by an internal code, the
pictures on the page and clear of every line of text, nothing below its size floor, the whole
sample fitting at A2 — and the panel's pull quote, grid and colours."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from exhibit import palette, services
from exhibit.cli import run
from exhibit.errors import ExhibitError
from exhibit.printing import layout, typography
from exhibit.printing.labels import LabelJob, check_labels, contents, prepare, print_labels
from exhibit.printing.layout import MM, Box
from exhibit.printing.panels import PanelContent, PanelPlan, chinese_number, quotation, text_boxes
from exhibit.printing.select import Selection
from exhibit.records import Panel, Section
from tests.core.test_print_labels import assert_fonts_embedded_subsets

EVERYTHING = Selection(everything=True)


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _mul(m: list[float], n: list[float]) -> list[float]:
    """m × n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return [a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2]


def images_on(page) -> list[Box]:
    """Where the page draws its images, from its content stream (q/Q/cm and Do of an image)."""
    xobjects = page["/Resources"].get("/XObject", {})
    ctm, stack, found = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0], [], []
    for operands, op in ContentStream(page.get_contents(), page.pdf).operations:
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop()
        elif op == b"cm":
            ctm = _mul([float(v) for v in operands], ctm)
        elif op == b"Do" and xobjects[operands[0]].get_object()["/Subtype"] == "/Image":
            found.append(Box(ctm[4], ctm[5], ctm[0], ctm[3]))
    return found


def text_on(page) -> list[tuple[float, float, float, str]]:
    """(x, y, size, text) of every run of text the page draws: its origin on the page and its size."""
    found = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            m = _mul(tm, cm)
            found.append((m[4], m[5], size * m[0], text))
    page.extract_text(visitor_text=visit)
    return found


def inside(x: float, y: float, box: Box, pad: float = 0.0) -> bool:
    return box.x - pad <= x <= box.x + box.w + pad and box.y - pad <= y <= box.y + box.h + pad


def overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("page", ["A2", "A2-landscape"])
def test_every_sample_panel_fits_at_a2(archive, page):
    warnings = check_labels(archive, EVERYTHING, LabelJob("panel", layout.single_page(page)))
    assert [str(w) for w in warnings if w.level == "error"] == []


def test_a2_panels_name_their_section_never_a_code_and_keep_pictures_clear_of_text(archive, tmp_path):
    out = tmp_path / "panels.pdf"
    report = print_labels(archive, EVERYTHING, LabelJob("panel", layout.single_page("A2")), out)
    reader = PdfReader(out)
    panels = services.list_records(archive, Panel)
    sections = services.list_records(archive, Section)
    assert report.pages == len(reader.pages) == len(panels) == 17
    assert_fonts_embedded_subsets(reader)
    kind = typography.template_type("panel", *layout.PAPER["a2"], on_sheet=False)
    smallest = min(kind.floors.values())
    codes = [p.code for p in panels] + [s.code for s in sections]
    for panel, page in zip(panels, reader.pages):
        text = squash(page.extract_text())
        assert not [c for c in codes if c in text], panel.code
        section = next(s for s in sections if s.id == panel.section_id)
        n = sections.index(section) + 1
        # The band: "第三单元　四十七天 · Section 3 · The Forty-Seven Days", and the titles.
        assert f"第{chinese_number(n)}单元{squash(section.title_zh)}" in text
        assert squash(f"Section {n} · {section.title_en}") in text
        assert squash(panel.title_zh) in text and squash(panel.title_en) in text
        assert squash(panel.lead_zh)[:20] in text and squash(panel.lead_en)[:30] in text
        w, h = float(page.mediabox.width), float(page.mediabox.height)
        margin = min(w, h) * 0.06
        runs = text_on(page)
        assert runs and min(size for *_, size, _ in runs) >= smallest - 0.01
        images = images_on(page)
        assert len(images) >= 2, panel.code         # two pictures are worth smaller type
        for image in images:
            # Inside the page's margins …
            assert margin - 0.5 <= image.x and image.x + image.w <= w - margin + 0.5
            assert margin - 0.5 <= image.y and image.y + image.h <= h - margin + 0.5
            # … and no line of text starts on it.
            assert not [t for x, y, _, t in runs if inside(x, y, image)], panel.code
        assert all(0 <= x <= w and 0 <= y <= h for x, y, _, _ in runs)


def test_the_plan_keeps_text_boxes_apart_and_every_size_above_its_floor(archive):
    job = LabelJob("panel", layout.single_page("A3"), lang="zh")
    for prep in prepare(contents(archive, EVERYTHING, job), job):
        plan = prep.plan
        assert isinstance(plan, PanelPlan)
        page = Box(0, 0, plan.box.w, plan.box.h)
        boxes = text_boxes(plan)
        for pic in plan.pictures:
            assert inside(pic.box.x, pic.box.y, page) and inside(pic.box.x + pic.box.w, pic.box.y + pic.box.h, page)
            assert not [b for b in boxes if overlaps(b, pic.box)]
        body = text_boxes(replace(plan, band_text=[], header=[], credit=[], pictures=[]))
        for i, a in enumerate(body):
            assert not [b for b in body[i + 1:] if overlaps(a, b)]
        for fit in prep.fits:
            assert all(p.size + 1e-6 >= plan.kind.floor(p.block.role) for p in fit.placed)


def test_grid_columns_by_sheet_and_orientation(archive):
    """As many columns as keep English lines near 36 characters at the sheet's target size."""
    panel = services.find(archive, Panel, "p14-gas")
    for page, columns in (("A3", 2), ("A2", 2), ("A2-landscape", 3), ("A1", 2), ("A1-landscape", 3)):
        job = LabelJob("panel", layout.single_page(page))
        items = contents(archive, Selection(panels=(panel.code,)), job)
        plan = prepare(items, job)[0].plan
        assert isinstance(plan, PanelPlan) and len(plan.column_boxes) == columns, page
        xs = [c.x for c in plan.column_boxes]
        gutters = {round(b - a - plan.column_boxes[0].w, 3) for a, b in zip(xs, xs[1:])}
        assert len(gutters) == 1 and gutters.pop() > 0         # one gutter, the same everywhere
        assert not [w for w in prepare(items, job)[0].warnings if w.code == "line-length"], page


def test_text_that_does_not_fit_is_an_error_naming_the_panel(archive, tmp_path):
    panel = services.find(archive, Panel, "p14-gas")
    services.update(archive, replace(panel, body_en="\n\n".join(["The defenders held the line that day."] * 60)))
    job = LabelJob("panel", layout.single_page("A2"))
    errors = [w for w in check_labels(archive, Selection(panels=("p14-gas",)), job) if w.level == "error"]
    assert [w.code for w in errors] == ["overflow"] and errors[0].label == panel.label()
    assert "24 pt" in errors[0].message          # the floor, not a silent shrink below it
    out = tmp_path / "p.pdf"
    with pytest.raises(ExhibitError, match="p14-gas"):
        print_labels(archive, Selection(panels=("p14-gas",)), job, out)
    assert not out.exists()
    # Asked for, the text is cut with "…", and the checker says which field was cut.
    report = print_labels(archive, Selection(panels=("p14-gas",)), replace(job, overflow="truncate"), out)
    assert any(w.code == "truncated" and "body_en" in w.message for w in report.warnings)
    assert "…" in PdfReader(out).pages[0].extract_text()


def test_a_quotation_paragraph_is_set_as_the_pull_quote(archive, tmp_path):
    panel = services.find(archive, Panel, "p10-last-days")
    quote_zh = "“此电恐为最后一电，来生再见。”"
    quote_en = "“I fear this may be my last telegram. We shall meet again in the next life.”"
    services.update(archive, replace(
        panel, body_zh=f"{quote_zh}\n——方先觉，1944年8月7日\n\n{panel.body_zh}",
        body_en=f"{quote_en}\n— Fang Xianjue, 7 August 1944\n\n{panel.body_en}"))
    job = LabelJob("panel", layout.single_page("A1"))
    prep = prepare(contents(archive, Selection(panels=("p10-last-days",)), job), job)[0]
    assert isinstance(prep.content, PanelContent) and isinstance(prep.plan, PanelPlan)
    quotes = [d for d in prep.plan.body if d.block.role == "subtitle"]
    assert [d.block.text for d in quotes] == [quote_zh, quote_en]
    assert all(d.size >= prep.plan.kind.floor("subtitle") for d in quotes)
    assert all(d.size > prep.plan.sizes.body for d in quotes)
    out = tmp_path / "q.pdf"
    print_labels(archive, Selection(panels=("p10-last-days",)), job, out)
    text = squash(PdfReader(out).pages[0].extract_text())
    assert squash(quote_en) in text and "——方先觉" in text


def test_what_counts_as_a_quotation():
    assert quotation("“此电恐为最后一电，来生再见。”", "zh") == ("“此电恐为最后一电，来生再见。”", "")
    assert quotation("「守城者，守民也。」\n——佚名", "zh") == ("「守城者，守民也。」", "——佚名")
    assert quotation("他说“守城”，然后离开。", "zh") is None             # quoted inside a sentence
    assert quotation("“48000余人”是日军的说法。", "zh") is None
    assert quotation("“" + "长" * 90 + "”", "zh") is None                 # too long to display
    assert quotation('"Hold ten days to two weeks."\n— Chiang Kai-shek', "en") == (
        '"Hold ten days to two weeks."', "— Chiang Kai-shek")


def test_section_colours_come_from_one_palette_by_position(archive):
    assert all(palette.contrast_with_white(c) >= 4.5 for c in SECTION_COLOURS)
    job = LabelJob("panel", layout.single_page("A2"))
    items = contents(archive, EVERYTHING, job)
    sections = services.list_records(archive, Section)
    by_code = {p.label(): p for p in services.list_records(archive, Panel)}
    for item in items:
        assert isinstance(item, PanelContent)
        panel = by_code[item.name]
        index = [s.id for s in sections].index(panel.section_id)
        assert item.colour == palette.section_colour(index)
    assert len({item.colour for item in items}) == len(sections)


SECTION_COLOURS = palette.SECTION_COLOURS


def test_chinese_section_numbers():
    assert [chinese_number(n) for n in (1, 3, 10, 12, 20, 21, 99)] == ["一", "三", "十", "十二", "二十",
                                                                        "二十一", "九十九"]


def test_cli_prints_landscape_panels(archive, tmp_path, capsys):
    out = tmp_path / "a2.pdf"
    assert run(["--archive", str(archive.root), "labels", "--all", "--template", "panel", "--page", "A2",
                "--landscape", "--out", str(out)]) == 0
    assert "17 label(s) on 17 page(s)" in capsys.readouterr().out
    page = PdfReader(out).pages[0]
    assert round(float(page.mediabox.width) / MM) == 594 and round(float(page.mediabox.height) / MM) == 420
