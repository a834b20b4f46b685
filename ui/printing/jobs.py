"""What the print dialog asks the core to do, run off the UI thread.

A `PrintRequest` is a plain description of a job (what, how); `build_pdf` and
`check` run it against the archive. They are called on a worker thread, so
each opens its own read-only connection to the archive file: an SQLite
connection must not be shared between threads, and printing only reads.
`JobRunner` (ui/common/background.py) runs one such call on a QThread and reports
back with queued signals; `cancel()` sets a flag the core polls between
labels (or entries).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject

from exhibit.archive import Archive
from exhibit.printing.catalogue import CatalogueJob
from exhibit.printing.labels import LabelJob, PrintCancelled
from exhibit.printing.select import Selection
from ui.common import background

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class PrintRequest:
    kind: str                         # "labels" or "catalogue"
    selection: Selection
    labels: LabelJob | None = None
    catalogue: CatalogueJob | None = None


@dataclass(frozen=True)
class BuildResult:
    pdf: Path
    pages: int
    labels: int                       # labels, or catalogue entries
    warnings: list                    # LabelWarning (exhibit.printing.checker), for labels and the catalogue


def _open(db_file: Path | str, user: str) -> Archive:
    return Archive.open(db_file, create=False, readonly=True, user=user)


def build_pdf(db_file: Path | str, user: str, request: PrintRequest, out: Path,
              progress: Progress, cancelled: Cancelled) -> BuildResult:
    """The PDF of `request` written to `out` (nothing there if cancelled or refused)."""
    from exhibit.printing.catalogue import print_catalogue
    from exhibit.printing.labels import print_labels

    archive = _open(db_file, user)
    try:
        if request.kind == "catalogue":
            # print_* fill in the author: work on copies so a request can be run again.
            rep = print_catalogue(archive, request.selection, replace(request.catalogue), out,
                                  progress=progress, cancelled=cancelled)
            return BuildResult(out, rep.pages, rep.objects, list(rep.warnings))
        rep = print_labels(archive, request.selection, replace(request.labels), out,
                           progress=progress, cancelled=cancelled)
        return BuildResult(out, rep.pages, rep.labels, list(rep.warnings))
    finally:
        archive.close()


def check(db_file: Path | str, user: str, request: PrintRequest,
          progress: Progress, cancelled: Cancelled) -> list:
    """The label checker's warnings for `request`, in print order; prints nothing."""
    from exhibit.printing.labels import contents, prepare

    archive = _open(db_file, user)
    try:
        items = contents(archive, request.selection, request.labels)
        return [w for prep in prepare(items, request.labels, cancelled=cancelled) for w in prep.warnings]
    finally:
        archive.close()


class JobRunner(background.Runner):
    """The shared runner (ui/common/background.py); PrintCancelled reports `cancelled`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, cancel_errors=(PrintCancelled,))
