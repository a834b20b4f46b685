"""QR codes as vector paths: segno's module matrix drawn as one filled PDF path.

Each run of dark modules in a row becomes one rectangle in module units
(small integers), written straight into the page stream inside a scaled
coordinate system, so a code costs a few hundred short operators instead
of one reportlab shape per module (reportlab's own QrCodeWidget). The
bench measures both.

The mask pattern is fixed (pattern 2) rather than chosen by scoring all
eight: every mask is valid and any reader decodes it, while scoring took
~4 ms of the ~4.7 ms a code cost (segno 1.6).
"""
from __future__ import annotations

from functools import lru_cache

QUIET = 4          # modules of white border the standard asks for
MASK = 2
ERROR = "m"        # 15 % recovery: survives a scuffed label


@lru_cache(maxsize=2048)
def path_ops(data: str) -> tuple[int, str]:
    """(symbol size in modules, PDF path operators in module units, y growing downwards)."""
    import segno

    code = segno.make_qr(data, error=ERROR, mask=MASK, boost_error=False)
    ops: list[str] = []
    for y, row in enumerate(code.matrix):
        x, n = 0, len(row)
        while x < n:
            if row[x]:
                start = x
                while x < n and row[x]:
                    x += 1
                ops.append(f"{start} {y} {x - start} 1 re")
            else:
                x += 1
    ops.append("f")
    return len(code.matrix), "\n".join(ops)


def draw_qr(canvas, data: str, x: float, y: float, size: float, *, quiet: bool = True) -> None:
    """Draw a QR code for `data` with its lower-left corner at (x, y), `size` points square
    (the quiet zone included when `quiet`)."""
    n, ops = path_ops(data)
    total = n + (2 * QUIET if quiet else 0)
    unit = size / total
    offset = QUIET * unit if quiet else 0.0
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    # Top-left of the symbol, y axis flipped so matrix rows count downwards.
    canvas.transform(unit, 0, 0, -unit, x + offset, y + size - offset)
    canvas.addLiteral(ops)
    canvas.restoreState()


def draw_qr_reportlab(canvas, data: str, x: float, y: float, size: float) -> None:
    """The same code drawn with reportlab's QrCodeWidget, for the bench's comparison."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    widget = QrCodeWidget(data, barLevel=ERROR.upper())
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)
