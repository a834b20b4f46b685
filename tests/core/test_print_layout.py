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
    kind = typography.TYPES["object"]
    short = [Block("title", "zh", "钢盔"), Block("body", "en", "A steel helmet.")]
    assert fit(short, 300, 400, kind).body_pt == kind.target_pt
    long = [Block("body", "en", "word " * 400)]
    result = fit(long, 200, 200, kind)
    assert not result.fits and result.body_pt == kind.min_pt
