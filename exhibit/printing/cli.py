"""Headless printing: `main.py labels …` and `main.py catalogue …`.

    main.py labels --section s3-siege --template object --sheet a4-2x2 --out labels.pdf
    main.py labels --accessions HY1944.0001 HY1944.0002 --page 100x150mm --crop-marks --bleed 3 --out l.pdf
    main.py labels --all --template panel --page A2 --landscape --out panels.pdf
    main.py labels --changed-since 2026-11-01 --qr-url 'https://museum.example/objects/{accession}' --out new.pdf
    main.py labels --all --check                 # the label checker's warnings, nothing printed
    main.py labels --section 3 --status reviewed --page A4 --out proofs.pdf   # reviewed records too
    main.py labels --fix-punctuation [--apply]   # "衡阳,湖南" → "衡阳，湖南" in the archive
    main.py catalogue --out catalogue.pdf [--lang zh|en|both] [--section s3-siege]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from exhibit.cli_checks import writing_to
from exhibit.errors import ExhibitError

if TYPE_CHECKING:
    from exhibit.archive import Archive
    from exhibit.printing.select import Selection


def _selection(args: argparse.Namespace) -> Selection:
    from exhibit.printing.select import Selection

    status = "draft" if getattr(args, "include_drafts", False) else getattr(args, "status", None) or "published"
    return Selection(accessions=tuple(args.accessions or ()), section=args.section,
                     panels=tuple(getattr(args, "panels", None) or ()), everything=bool(args.all),
                     changed_since=args.changed_since, status=status)


def _fix_punctuation(archive: Archive, *, apply: bool) -> int:
    """`labels --fix-punctuation [--apply]`: list (and with --apply make) the changes."""
    from exhibit.printing.punctuation import fix_archive

    changes = fix_archive(archive, apply=apply)
    for c in changes:
        print(f"{c.record}: {c.field}: {c.before[:60]!r} → {c.after[:60]!r}")
    records = len({c.record for c in changes})
    if apply:
        print(f"{len(changes)} field(s) in {records} record(s) changed, in one transaction "
              f"(each recorded in the history)")
    else:
        print(f"{len(changes)} field(s) in {records} record(s) would change; nothing was written "
              f"(add --apply to change them)")
    return 0


def _progress(done: int, total: int) -> None:
    if sys.stderr.isatty():
        print(f"\r[{done}/{total}]", end="" if done < total else "\n", file=sys.stderr, flush=True)


def _add_selection(p: argparse.ArgumentParser, *, required: bool) -> None:
    g = p.add_argument_group("what to print (combine to narrow)")
    g.add_argument("--accessions", nargs="+", metavar="ACCESSION", help="these objects")
    g.add_argument("--section", metavar="SECTION", help="a section: code, title or number (1 = first)")
    g.add_argument("--panels", nargs="+", metavar="CODE", help="these panels (and their objects)")
    g.add_argument("--all", action="store_true", help="the whole exhibition")
    g.add_argument("--changed-since", metavar="DATE", help="records changed on or after DATE (YYYY-MM-DD)")
    g.add_argument("--status", choices=["published", "reviewed", "draft"], default="published",
                   help="the least finished record status to print (default published; reviewed adds "
                        "reviewed records); objects named with --accessions print whatever their status")
    g.add_argument("--include-drafts", action="store_true", help="print every record, drafts too "
                   "(the same as --status draft)")


def cmd_labels(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.printing import layout
    from exhibit.printing.labels import LabelJob, check_labels, print_labels

    if args.page and args.sheet:
        raise ExhibitError("choose either --page (one label per page) or --sheet, not both")
    template = args.template
    page = args.page or ("A2" if template == "panel" and not args.sheet else "")
    if page and args.landscape and not page.lower().endswith(("landscape", "-l")):
        page += "-landscape"
    if page:
        setup = layout.single_page(page, bleed_mm=args.bleed, crop_marks=args.crop_marks)
    elif args.sheet:
        setup = layout.sheet(args.sheet, margin_mm=args.margin, gutter_mm=args.gutter,
                             bleed_mm=args.bleed, crop_marks=args.crop_marks)
    else:
        setup = layout.sheet("a4-1x2" if template == "object" else "a4-2x2", bleed_mm=args.bleed,
                             crop_marks=args.crop_marks)
    photo = True if args.photo else False if args.no_photo else None     # None: the template's default
    job = LabelJob(template, setup, lang=args.lang, qr_template=args.qr_url, photo=photo,
                   overflow=args.overflow, title=args.title or "")
    archive = open_archive(args)
    if args.fix_punctuation:
        if args.apply and args.dry_run:
            raise ExhibitError("choose either --apply or --dry-run, not both")
        return _fix_punctuation(archive, apply=args.apply)
    selection = _selection(args)
    if args.check:
        warnings = check_labels(archive, selection, job)
        for w in warnings:
            print(w)
        errors = sum(1 for w in warnings if w.level == "error")
        print(f"{len(warnings)} warning(s), {errors} error(s) for {setup.describe()}")
        return 1 if errors else 0
    if not args.out:
        raise ExhibitError("give --out FILE.pdf (or --check to only check the labels)")
    with writing_to(args.out):  # a full disk: one sentence naming the file, no traceback
        report = print_labels(archive, selection, job, Path(args.out), progress=_progress)
    for w in report.warnings if args.verbose else []:
        print(w, file=sys.stderr)
    hint = "" if args.verbose or not report.warnings else " (--verbose or --check lists them)"
    print(f"{report.labels} label(s) on {report.pages} page(s) written to {report.out}; "
          f"{len(report.warnings)} warning(s){hint}")
    return 0


def cmd_catalogue(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.printing.catalogue import CatalogueJob, print_catalogue

    archive = open_archive(args)
    job = CatalogueJob(lang=args.lang, paper=args.paper, title_zh=args.title_zh or "",
                       title_en=args.title_en or "", photos=not args.no_photo)
    with writing_to(args.out):
        report = print_catalogue(archive, _selection(args), job, Path(args.out), progress=_progress)
    for w in report.warnings:
        print(w, file=sys.stderr)  # "warning: <object>: <what>"
    print(f"catalogue of {report.objects} object(s) in {report.sections} section(s): "
          f"{report.pages} page(s) written to {report.out}")
    return 0


def register(subparsers: argparse._SubParsersAction, open_archive: Callable) -> None:
    p = subparsers.add_parser("labels", help="print object labels, photo captions or panel texts as PDF",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_selection(p, required=True)
    p.add_argument("--template", choices=["object", "caption", "panel"], default="object")
    where = p.add_argument_group("page set-up")
    where.add_argument("--sheet", metavar="NAME", help="label sheet: a4-1x2, a4-2x2, a4-2x4, letter-1x2, "
                       "letter-2x3, letter-2x2, or a4:ROWSxCOLS / letter:ROWSxCOLS (default: object labels "
                       "a4-1x2, captions a4-2x2; panels A2)")
    where.add_argument("--page", metavar="SIZE", help="one label per page: 100x150mm, 4x6in, A6, A5, "
                       "A5-landscape, A4, A3, A2, A1 (object labels one to a page are set for reading at "
                       "0.5–1 m: body 22 pt at least)")
    where.add_argument("--landscape", action="store_true", help="turn the --page sideways (A2 --landscape)")
    where.add_argument("--margin", type=float, metavar="MM", help="sheet margin in mm")
    where.add_argument("--gutter", type=float, metavar="MM", help="space between labels in mm")
    where.add_argument("--crop-marks", action="store_true", help="cut marks for a print shop")
    where.add_argument("--bleed", type=float, default=0.0, metavar="MM", help="bleed in mm (e.g. 3)")
    p.add_argument("--qr-url", metavar="TEMPLATE",
                   help="QR code on object labels, e.g. https://museum.example/objects/{accession}")
    p.add_argument("--lang", choices=["both", "zh", "en"], default="both")
    photos = p.add_mutually_exclusive_group()
    photos.add_argument("--photo", action="store_true", help="object labels with the object's photo "
                        "(off by default: a label hangs beside the object itself)")
    photos.add_argument("--no-photo", action="store_true", help="labels without photos")
    p.add_argument("--overflow", choices=["error", "truncate"], default="error",
                   help="text that does not fit at the smallest size: refuse (default) or end it with …")
    p.add_argument("--title", help="PDF document title")
    p.add_argument("--check", action="store_true", help="only list the label checker's warnings")
    p.add_argument("--fix-punctuation", action="store_true",
                   help="make half-width punctuation between Chinese characters full-width in every "
                        "Chinese text of the archive; lists the changes (a dry run) unless --apply")
    p.add_argument("--apply", action="store_true", help="with --fix-punctuation: write the changes "
                   "(one transaction; each change is in the history and can be undone)")
    p.add_argument("--dry-run", action="store_true", help="with --fix-punctuation: only list the changes "
                   "(the default)")
    p.add_argument("--verbose", action="store_true", help="list every warning after printing")
    p.add_argument("--out", metavar="FILE.pdf")
    p.set_defaults(func=lambda args: cmd_labels(args, open_archive))

    p = subparsers.add_parser("catalogue", help="print the exhibition catalogue as PDF")
    _add_selection(p, required=False)
    p.add_argument("--lang", choices=["both", "zh", "en"], default="both")
    p.add_argument("--paper", choices=["a4", "letter", "a5"], default="a4")
    p.add_argument("--title-zh", help="title on the cover (default: the archive's exhibition title)")
    p.add_argument("--title-en")
    p.add_argument("--no-photo", action="store_true")
    p.add_argument("--out", metavar="FILE.pdf", required=True)
    p.set_defaults(func=lambda args: cmd_catalogue(args, open_archive))
