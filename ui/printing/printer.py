"""Sending a built PDF to a QPrinter: each page rendered by QtPdf at the printer's resolution.

Pages are printed at 100 % on a full page (no scaling to the printable area):
label sheets are pre-cut, so a label moved by a few millimetres would be cut
through. The page size of the printer is set from the PDF's pages.

A page is rendered in horizontal bands (QPdfDocumentRenderOptions' clip
rectangle) so a 600 dpi A3 panel never needs one 200 MB image in memory.
Runs on a worker thread (QPainter may paint on a QPrinter outside the GUI
thread); `cancelled()` is polled between bands.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import QMarginsF, QRect, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from PySide6.QtPrintSupport import QPrinter

from exhibit.errors import ExhibitError
from exhibit.printing.labels import PrintCancelled

PDF_DPI = 300
BAND_PIXELS = 8_000_000       # at most this many pixels rendered at once (32 MB as ARGB)


def _page_layout(size_pt: QSizeF) -> QPageLayout:
    orientation = (QPageLayout.Orientation.Landscape if size_pt.width() > size_pt.height()
                   else QPageLayout.Orientation.Portrait)
    # QPageSize is always portrait; the orientation turns it.
    w, h = sorted((size_pt.width(), size_pt.height()))
    page = QPageSize(QSizeF(w, h), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch)
    return QPageLayout(page, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def print_pdf(pdf: Path, printer: QPrinter, *, progress: Callable[[int, int], None] | None = None,
              cancelled: Callable[[], bool] | None = None) -> int:
    """Print every page of `pdf` on `printer`; returns the number of pages sent."""
    doc = QPdfDocument()
    if doc.load(str(pdf)) != QPdfDocument.Error.None_:
        raise ExhibitError(f"{pdf}: the PDF cannot be read for printing")
    try:
        pages = doc.pageCount()
        if pages == 0:
            raise ExhibitError(f"{pdf}: the PDF has no pages")
        if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat and printer.resolution() > PDF_DPI:
            # "Print to file": a raster at 1200 dpi would be gigabytes; Save PDF… keeps the vectors.
            printer.setResolution(PDF_DPI)
        printer.setFullPage(True)
        printer.setPageLayout(_page_layout(doc.pagePointSize(0)))
        painter = QPainter()
        if not painter.begin(printer):
            raise ExhibitError("the printer could not be started (is it connected and ready?)")
        try:
            for i in range(pages):
                if i:
                    printer.setPageLayout(_page_layout(doc.pagePointSize(i)))
                    printer.newPage()
                _render_page(doc, i, printer, painter, cancelled)
                if progress is not None:
                    progress(i + 1, pages)
        except PrintCancelled:
            printer.abort()
            raise
        finally:
            if painter.isActive():
                painter.end()
        return pages
    finally:
        doc.close()


def _render_page(doc: QPdfDocument, index: int, printer: QPrinter, painter: QPainter,
                 cancelled: Callable[[], bool] | None) -> None:
    dpi = printer.resolution()
    size_pt = doc.pagePointSize(index)
    full = QSize(max(1, round(size_pt.width() * dpi / 72)), max(1, round(size_pt.height() * dpi / 72)))
    band = max(1, BAND_PIXELS // full.width())
    y = 0
    while y < full.height():
        if cancelled is not None and cancelled():
            raise PrintCancelled("printing cancelled")
        h = min(band, full.height() - y)
        options = QPdfDocumentRenderOptions()
        options.setScaledSize(full)
        options.setScaledClipRect(QRect(0, y, full.width(), h))
        image = doc.render(index, QSize(full.width(), h), options)
        if image.isNull():
            raise ExhibitError(f"page {index + 1} could not be rendered for printing")
        painter.drawImage(QRect(0, y, full.width(), h), image)
        y += h
