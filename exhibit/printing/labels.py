"""A batch of labels into one PDF: check every label first, then draw them in order.

Nothing is written when a label cannot print correctly (a missing glyph,
text that does not fit); the error names every such label. Otherwise the
PDF goes to a temporary file that is renamed over the output at the end.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.printing import content as content_mod
from exhibit.printing import typography
from exhibit.printing.checker import LabelWarning, check
from exhibit.printing.content import LabelContent
from exhibit.printing.fit import Fit
from exhibit.printing.fonts import FONT, register
from exhibit.printing.layout import Box, PageSetup, draw_crop_marks
from exhibit.printing.panels import draw_panel, layout_panel, panel_content
from exhibit.printing.pdfwrite import atomic_pdf, set_metadata
from exhibit.printing.qr import encoding_ahead
from exhibit.printing.select import Selection, select_media, select_objects, select_panels, unpublished
from exhibit.printing.templates import TEMPLATES, Plan, draw, layout_label
from exhibit.problems import Problem

ProgressFn = Callable[[int, int], None]
OVERFLOW = ("error", "truncate")


class PrintCancelled(ExhibitError):
    """The user cancelled; no file was written."""


@dataclass
class LabelJob:
    template: str
    setup: PageSetup
    lang: str = "both"
    qr_template: str | None = None
    photo: bool | None = None      # None: the template's own choice (captions show theirs, object labels not)
    overflow: str = "error"        # "truncate": end over-long text with "…" (and warn)
    title: str = ""
    author: str = ""


@dataclass
class LabelReport:
    out: Path | None
    labels: int
    pages: int
    warnings: list[LabelWarning] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def errors(self) -> list[LabelWarning]:
        return [w for w in self.warnings if w.level == "error"]


@dataclass
class Prepared:
    content: LabelContent
    plan: Plan
    fits: list[Fit]
    warnings: list[LabelWarning]


def _validate(job: LabelJob) -> None:
    if job.template not in TEMPLATES:
        raise ExhibitError(f"unknown template '{job.template}'; choose {', '.join(TEMPLATES)}")
    if job.lang not in content_mod.LANGS:
        raise ExhibitError(f"unknown language '{job.lang}'; choose {', '.join(content_mod.LANGS)}")
    if job.overflow not in OVERFLOW:
        raise ExhibitError(f"--overflow must be one of {', '.join(OVERFLOW)}")


def contents(archive: Archive, selection: Selection, job: LabelJob) -> list[LabelContent]:
    _validate(job)
    if job.template == "object":
        out = []
        for o in select_objects(archive, selection):
            item = content_mod.object_label(archive, o, lang=job.lang, qr_template=job.qr_template,
                                            photo=bool(job.photo))
            note = unpublished(o, selection)      # named by accession number, not yet published
            if note is not None:
                item.notes.insert(0, note)
            out.append(item)
        return out
    if job.template == "caption":
        return [content_mod.caption_label(archive, m, lang=job.lang, photo=job.photo is not False)
                for m in select_media(archive, selection)]
    return [panel_content(archive, p, lang=job.lang, photos=job.photo is not False, statuses=selection.statuses())
            for p in select_panels(archive, selection)]


def kind_of(job: LabelJob) -> typography.TemplateType:
    """The row of the type table the job's labels take (template, and where they are read)."""
    return typography.template_type(job.template, job.setup.label_w, job.setup.label_h,
                                    on_sheet=job.setup.is_sheet)


def prepare(items: list[LabelContent], job: LabelJob, *, cancelled: Callable[[], bool] | None = None) -> list[Prepared]:
    slot = job.setup.slots()[0]
    kind = kind_of(job)
    out = []
    for item in items:
        if cancelled is not None and cancelled():
            raise PrintCancelled("printing cancelled; no file was written")
        layout = layout_panel if item.template == "panel" else layout_label   # panels: exhibit/printing/panels.py
        p, fits = layout(item, Box(0, 0, slot.w, slot.h), kind, overflow=job.overflow)
        out.append(Prepared(item, p, fits, check(item, fits, [b.h for b in p.text], kind)))
    return out


def refused(errors: list[LabelWarning], shown: int = 10) -> Problem:
    """Why nothing was printed: the first `shown` labels that cannot be, each with its problem."""
    lines = [Problem(None, "label_problem", {"label": w.label, "why": w.problem}) for w in errors[:shown]]
    more = Problem(None, "and_more", {"count": len(errors) - shown}) if len(errors) > shown else ""
    return Problem(None, "labels_refused", {"count": len(errors), "lines": lines, "more": more})


def check_labels(archive: Archive, selection: Selection, job: LabelJob) -> list[LabelWarning]:
    """Every warning for the labels `job` would print, in print order; prints nothing."""
    return [w for prep in prepare(contents(archive, selection, job), job) for w in prep.warnings]


def _moved(p: Plan, box: Box) -> Plan:
    """The plan of a label laid out at (0, 0), moved onto its slot on the page."""
    dx, dy = box.x - p.box.x, box.y - p.box.y

    def mv(b: Box) -> Box:
        return Box(b.x + dx, b.y + dy, b.w, b.h)

    def mv_optional(b: Box | None) -> Box | None:
        return None if b is None else mv(b)

    return replace(p, box=mv(p.box), text=[mv(b) for b in p.text], photo=mv_optional(p.photo),
                   qr=mv_optional(p.qr), footer=mv_optional(p.footer))


def _marks_clear(setup: PageSetup, slots: list[Box]) -> bool:
    """Crop marks go in the gutters only when they do not run into a neighbour."""
    need = setup.bleed * 2 + 2 * (3 * 72 / 25.4)
    return not setup.is_sheet or (
        (setup.cols == 1 or setup.gutter_x >= need) and (setup.rows == 1 or setup.gutter_y >= need))


def write_labels(prepared: list[Prepared], job: LabelJob, out: Path, *,
                 progress: ProgressFn | None = None, cancelled: Callable[[], bool] | None = None) -> int:
    """Draw prepared labels into `out`; returns the page count."""
    from reportlab.pdfgen.canvas import Canvas

    register()
    setup = job.setup
    slots = setup.slots()
    pages = 0
    with atomic_pdf(out) as tmp:
        # initialFontName: otherwise every page names Helvetica, a font that is not embedded.
        canvas = Canvas(str(tmp), pagesize=(setup.page_w, setup.page_h), pageCompression=1,
                        initialFontName=FONT, initialFontSize=10)
        set_metadata(canvas, job.title or f"{job.template} labels", job.author,
                     f"{len(prepared)} {job.template} label(s), {setup.describe()}")
        if not setup.is_sheet and (setup.bleed or setup.crop_marks):
            trim = slots[0]
            canvas.setTrimBox((trim.x, trim.y, trim.x + trim.w, trim.y + trim.h))
            canvas.setBleedBox((trim.x - setup.bleed, trim.y - setup.bleed,
                                trim.x + trim.w + setup.bleed, trim.y + trim.h + setup.bleed))
        marks = setup.crop_marks and _marks_clear(setup, slots)
        total = len(prepared)
        for i, prep in enumerate(prepared):
            if cancelled is not None and cancelled():
                raise PrintCancelled("printing cancelled; no file was written")
            n = i % setup.per_page
            if n == 0 and i:
                canvas.showPage()
            if n == 0:
                pages += 1
            box = slots[n]
            (draw_panel if prep.content.template == "panel" else draw)(
                canvas, prep.content, _moved(prep.plan, box), prep.fits, setup.bleed)
            if marks:
                draw_crop_marks(canvas, box, setup.bleed)
            if progress is not None:
                progress(i + 1, total)
        canvas.showPage()
        canvas.save()
    return pages


def print_labels(archive: Archive, selection: Selection, job: LabelJob, out: Path, *,
                 progress: ProgressFn | None = None,
                 cancelled: Callable[[], bool] | None = None) -> LabelReport:
    """Check, then print the labels of `selection` into `out` (PDF)."""
    from exhibit.printing.pdfwrite import check_output

    started = time.perf_counter()
    check_output(Path(out))
    job.author = job.author or archive.user
    items = contents(archive, selection, job)
    # With a core to spare, a worker process encodes the QR codes while the labels are fitted and drawn.
    with encoding_ahead(item.qr_url for item in items if item.qr_url):
        prepared = prepare(items, job, cancelled=cancelled)
        warnings = [w for prep in prepared for w in prep.warnings]
        errors = [w for w in warnings if w.level == "error"]
        if errors:
            raise ExhibitError(refused(errors))
        pages = write_labels(prepared, job, Path(out), progress=progress, cancelled=cancelled)
    return LabelReport(Path(out), len(prepared), pages, warnings, time.perf_counter() - started)
