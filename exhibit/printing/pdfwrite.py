"""Writing PDF files safely: escaped field text, metadata, temporary file then rename.

A failed or cancelled job leaves no file behind under the output name, and an
existing file of that name stays as it was until the new one is complete.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator
from xml.sax.saxutils import escape as _xml_escape

from exhibit.errors import ExhibitError

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas


def escape(text: str) -> str:
    """Field text as reportlab Paragraph markup: `<img src=…>` prints as typed, never
    opens a file; single line breaks are kept."""
    return _xml_escape(text).replace("\n", "<br/>")


def check_output(path: Path) -> Path:
    """The output path, checked before any work starts."""
    path = Path(path).expanduser()
    if path.suffix.lower() != ".pdf":
        raise ExhibitError(f"{path}: the output file name must end in .pdf")
    if path.is_dir():
        raise ExhibitError(f"{path} is a folder; give a file name ending in .pdf")
    if not path.parent.is_dir():
        raise ExhibitError(f"{path}: the folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise ExhibitError(f"{path}: the folder {path.parent} is not writable")
    return path


@contextmanager
def atomic_pdf(path: Path) -> Iterator[Path]:
    """Yield a temporary path next to `path`; rename it into place only on success."""
    path = check_output(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".pdf.part", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if tmp.stat().st_size == 0:
            raise ExhibitError(f"{path}: nothing was written")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def set_metadata(canvas: Canvas, title: str, author: str, subject: str = "") -> None:
    """Title, author and subject in the PDF's Info dictionary (reportlab adds the
    creation date itself)."""
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setSubject(subject)
    canvas.setCreator("Exhibit (reportlab)")
