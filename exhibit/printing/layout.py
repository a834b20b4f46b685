"""Page set-ups: one label per page at a given size, or label sheets.

All sizes are in PostScript points (1/72 in); `mm()` converts. A set-up
knows where each label's trim box lies on the page; crop marks and bleed
are drawn around the trim boxes. For a single label with crop marks or
bleed the page grows by the bleed and a slug for the marks, as a print shop
expects (the TrimBox and BleedBox of the page say where to cut).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from exhibit.errors import ExhibitError

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

MM = 72 / 25.4
INCH = 72.0


def mm(value: float) -> float:
    return value * MM


PAPER: dict[str, tuple[float, float]] = {
    "a1": (mm(594), mm(841)),
    "a2": (mm(420), mm(594)),
    "a3": (mm(297), mm(420)),
    "a4": (mm(210), mm(297)),
    "a5": (mm(148), mm(210)),
    "a6": (mm(105), mm(148)),
    "letter": (8.5 * INCH, 11 * INCH),
}

CROP_MARK_LENGTH = mm(5)
CROP_MARK_OFFSET = mm(2)      # marks start this far outside the bleed
SLUG = CROP_MARK_OFFSET + CROP_MARK_LENGTH + mm(1)


@dataclass(frozen=True)
class Box:
    """A rectangle in page coordinates (origin bottom left)."""
    x: float
    y: float
    w: float
    h: float


@dataclass(frozen=True)
class PageSetup:
    name: str
    page_w: float
    page_h: float
    label_w: float
    label_h: float
    rows: int = 1
    cols: int = 1
    margin_left: float = 0.0
    margin_top: float = 0.0
    gutter_x: float = 0.0
    gutter_y: float = 0.0
    bleed: float = 0.0
    crop_marks: bool = False

    @property
    def per_page(self) -> int:
        return self.rows * self.cols

    @property
    def is_sheet(self) -> bool:
        return self.per_page > 1

    def slots(self) -> list[Box]:
        """Trim boxes of the labels on one page: rows top to bottom, left to right."""
        out = []
        for r in range(self.rows):
            for c in range(self.cols):
                x = self.margin_left + c * (self.label_w + self.gutter_x)
                top = self.page_h - self.margin_top - r * (self.label_h + self.gutter_y)
                out.append(Box(x, top - self.label_h, self.label_w, self.label_h))
        return out

    def describe(self) -> str:
        size = f"{self.label_w / MM:.0f}×{self.label_h / MM:.0f} mm"
        if self.is_sheet:
            return f"{self.name}: {self.cols}×{self.rows} labels of {size} per page"
        return f"{self.name}: one {size} label per page"


def _sheet(name: str, paper: str, cols: int, rows: int, label_w_mm: float, label_h_mm: float,
           left_mm: float, top_mm: float, gx_mm: float, gy_mm: float) -> PageSetup:
    pw, ph = PAPER[paper]
    return PageSetup(name, pw, ph, mm(label_w_mm), mm(label_h_mm), rows, cols,
                     mm(left_mm), mm(top_mm), mm(gx_mm), mm(gy_mm))


# Sheets sold ready-cut or easy to guillotine. Avery L7165 (A4, 8 labels of
# 99.1×67.7 mm) and Avery 5164/8164 (US Letter, 6 labels of 4×3⅓ in) are the
# common adhesive ones; the quarter sheets cut into A6 / half-letter cards; the
# half sheets hold a bilingual object label (Chinese | English) at case-label size.
SHEETS: dict[str, PageSetup] = {
    "a4-2x4": _sheet("a4-2x4", "a4", 2, 4, 99.1, 67.7, 4.65, 13.1, 2.5, 0.0),
    "a4-2x2": _sheet("a4-2x2", "a4", 2, 2, 95.0, 138.5, 5.0, 5.0, 10.0, 10.0),
    "a4-1x2": _sheet("a4-1x2", "a4", 1, 2, 190.0, 133.5, 10.0, 10.0, 0.0, 10.0),
    "letter-1x2": _sheet("letter-1x2", "letter", 1, 2, 195.9, 124.7, 10.0, 10.0, 0.0, 10.0),
    "letter-2x3": _sheet("letter-2x3", "letter", 2, 3, 101.6, 84.7, 4.0, 12.7, 4.8, 0.0),
    "letter-2x2": _sheet("letter-2x2", "letter", 2, 2, 98.4, 127.0, 6.35, 6.35, 6.35, 6.35),
}

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*[x×]\s*(\d+(?:\.\d+)?)\s*(mm|cm|in)?\s*$", re.I)
_CUSTOM_SHEET = re.compile(r"^\s*(a4|letter)\s*:\s*(\d+)\s*[x×]\s*(\d+)\s*$", re.I)


def parse_size(text: str) -> tuple[float, float, str]:
    """'100x150mm', '4x6in', 'A6', 'A5-landscape' → (width, height, name) in points."""
    raw = text.strip().lower()
    landscape = raw.endswith(("-landscape", "-l", " landscape"))
    key = re.sub(r"[- ]?(landscape|l)$", "", raw) if landscape else raw
    if key in PAPER:
        w, h = PAPER[key]
        return (h, w, f"{key.upper()} landscape") if landscape else (w, h, key.upper())
    m = _SIZE.match(raw)
    if not m:
        raise ExhibitError(f"page size '{text}' is not understood; use e.g. 100x150mm, 4x6in, "
                           f"A6, A5 or A5-landscape ({', '.join(k.upper() for k in PAPER)})")
    unit = (m.group(3) or "mm").lower()
    scale = {"mm": MM, "cm": 10 * MM, "in": INCH}[unit]
    w, h = float(m.group(1)) * scale, float(m.group(2)) * scale
    if not (mm(20) <= w <= mm(1200) and mm(20) <= h <= mm(1200)):
        raise ExhibitError(f"page size '{text}' is outside 20–1200 mm")
    return w, h, f"{m.group(1)}×{m.group(2)} {unit}"


def single_page(text: str, *, bleed_mm: float = 0.0, crop_marks: bool = False) -> PageSetup:
    """One label per page; with bleed or crop marks the page grows around the trim box."""
    w, h, name = parse_size(text)
    bleed = mm(bleed_mm)
    pad = bleed + (SLUG if crop_marks else 0.0)
    return PageSetup(name, w + 2 * pad, h + 2 * pad, w, h, margin_left=pad, margin_top=pad,
                     bleed=bleed, crop_marks=crop_marks)


def sheet(name: str, *, margin_mm: float | None = None, gutter_mm: float | None = None,
          bleed_mm: float = 0.0, crop_marks: bool = False) -> PageSetup:
    """A preset sheet by name, or 'a4:ROWSxCOLS' / 'letter:ROWSxCOLS' with margins and gutters."""
    key = name.strip().lower()
    m = _CUSTOM_SHEET.match(key)
    if key in SHEETS:
        setup = SHEETS[key]
        if margin_mm is not None or gutter_mm is not None:
            setup = _grid(setup.name, key.split("-")[0], setup.rows, setup.cols,
                          margin_mm if margin_mm is not None else setup.margin_left / MM,
                          gutter_mm if gutter_mm is not None else setup.gutter_x / MM)
    elif m:
        setup = _grid(key, m.group(1), int(m.group(2)), int(m.group(3)),
                      10.0 if margin_mm is None else margin_mm, 5.0 if gutter_mm is None else gutter_mm)
    else:
        raise ExhibitError(f"unknown sheet '{name}'; choose one of {', '.join(SHEETS)} "
                           f"or a4:ROWSxCOLS / letter:ROWSxCOLS")
    bleed = mm(bleed_mm)
    if bleed and setup.is_sheet and (min(setup.gutter_x, setup.gutter_y) < 2 * bleed
                                     or min(setup.margin_left, setup.margin_top) < bleed):
        raise ExhibitError(f"sheet {setup.name}: a bleed of {bleed_mm:g} mm needs gutters of at least "
                           f"{2 * bleed_mm:g} mm and margins of {bleed_mm:g} mm; choose a wider "
                           f"--gutter/--margin or print one label per page with --page")
    return replace(setup, bleed=bleed, crop_marks=crop_marks)


def _grid(name: str, paper: str, rows: int, cols: int, margin_mm: float, gutter_mm: float) -> PageSetup:
    if not (1 <= rows <= 20 and 1 <= cols <= 10):
        raise ExhibitError(f"sheet {name}: {rows} rows × {cols} columns is outside 1–20 × 1–10")
    pw, ph = PAPER[paper]
    margin, gutter = mm(margin_mm), mm(gutter_mm)
    w = (pw - 2 * margin - (cols - 1) * gutter) / cols
    h = (ph - 2 * margin - (rows - 1) * gutter) / rows
    if w < mm(30) or h < mm(20):
        raise ExhibitError(f"sheet {name}: labels of {w / MM:.0f}×{h / MM:.0f} mm are too small to print")
    return PageSetup(name, pw, ph, w, h, rows, cols, margin, margin, gutter, gutter)


def draw_crop_marks(canvas: Canvas, box: Box, bleed: float) -> None:
    """Hairline marks outside each corner of the trim box, clear of the bleed."""
    canvas.saveState()
    canvas.setLineWidth(0.25)
    canvas.setStrokeColorRGB(0, 0, 0)
    off, length = bleed + CROP_MARK_OFFSET, CROP_MARK_LENGTH
    for x, sx in ((box.x, -1), (box.x + box.w, 1)):
        for y, sy in ((box.y, -1), (box.y + box.h, 1)):
            canvas.line(x + sx * off, y, x + sx * (off + length), y)
            canvas.line(x, y + sy * off, x, y + sy * (off + length))
    canvas.restoreState()
