"""Page set-ups, QR paths and the label fitting rules."""
from __future__ import annotations

import pytest
import segno

from exhibit.errors import ExhibitError
from exhibit.printing import layout, typography
from exhibit.printing.content import Block
from exhibit.printing.fit import fit
from exhibit.printing.layout import MM
from exhibit.printing.qr import MASK, path_ops


def test_presets_fit_their_paper():
    for setup in layout.SHEETS.values():
        for box in setup.slots():
            assert box.x >= 0 and box.y >= 0
            assert box.x + box.w <= setup.page_w + 0.01 and box.y + box.h <= setup.page_h + 0.01
    assert layout.SHEETS["a4-2x4"].per_page == 8 and layout.SHEETS["letter-2x3"].per_page == 6


@pytest.mark.parametrize("text,size", [("100x150mm", (100, 150)), ("A6", (105, 148)), ("a5", (148, 210)),
                                       ("A5-landscape", (210, 148)), ("4x6in", (102, 152))])
def test_page_sizes(text, size):
    setup = layout.single_page(text)
    assert (round(setup.page_w / MM), round(setup.page_h / MM)) == size


def test_bad_set_ups_are_clear():
    with pytest.raises(ExhibitError, match="not understood"):
        layout.single_page("huge")
    with pytest.raises(ExhibitError, match="bleed"):
        layout.sheet("a4-2x4", bleed_mm=3)           # no gutters to bleed into


def test_qr_path_redraws_segnos_matrix():
    data = "https://museum.example/objects/HY1944.0001"
    n, ops = path_ops(data)
    matrix = segno.make_qr(data, error="m", mask=MASK, boost_error=False).matrix
    drawn = [[0] * n for _ in range(n)]
    for op in ops.splitlines()[:-1]:
        x, y, w, _h, _ = op.split()
        for i in range(int(x), int(x) + int(w)):
            drawn[int(y)][i] = 1
    assert drawn == [list(row) for row in matrix]
    assert ops.endswith("f")


def test_text_shrinks_within_limits_and_never_past_the_minimum():
    kind = typography.TYPES[("object", "card")]
    short = [Block("title", "zh", "钢盔"), Block("body", "en", "A steel helmet.")]
    assert fit(short, 300, 400, kind).body_pt == kind.target_pt
    long = [Block("body", "en", "word " * 400)]
    result = fit(long, 200, 200, kind)
    assert not result.fits and result.body_pt == kind.min_pt


def test_the_type_table_keeps_the_floors_for_reading_distance():
    """One table: object cards at A6/A5/100×150 mm (one to a page) read at 0.5–1 m, labels cut
    from sheets read in a case, panels by sheet size for 1–1.5 m."""
    for page in ("A6", "A5", "100x150mm", "A5-landscape", "A4"):
        setup = layout.single_page(page)
        card = typography.template_type("object", setup.label_w, setup.label_h, on_sheet=False)
        assert (card.floor("title"), card.floor("meta"), card.floor("small"), card.floor("body")) == (28, 14, 14, 22)
        assert typography.role_size(card, "title", card.min_pt) >= 28 and "title" in typography.BOLD_ROLES
    for name in ("a4-2x4", "a4-2x2", "letter-2x3"):
        setup = layout.sheet(name)
        for template in ("object", "caption"):
            kind = typography.template_type(template, setup.label_w, setup.label_h, on_sheet=True)
            assert kind.floor("body") >= 12 and kind.min_pt >= 12
    bodies = [typography.template_type("panel", *layout.PAPER[p], on_sheet=False).min_pt for p in ("a3", "a2", "a1")]
    assert bodies == sorted(bodies) and bodies[0] >= 24 and bodies[-1] > bodies[0]
    for kind in typography.TYPES.values():     # a role never shrinks past its floor
        for role in typography.ROLES:
            assert typography.role_size(kind, role, kind.min_pt) >= kind.floor(role)
