"""`main.py publish [DEST]` and `main.py visits-export OUT.csv`."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from exhibit.errors import ExhibitError


def register(subparsers: argparse._SubParsersAction, open_archive: Callable) -> None:
    p = subparsers.add_parser(
        "publish", help="make the kiosk's read-only snapshot (public fields and screen images only)")
    p.add_argument("dest", nargs="?", help="folder for kiosk.db and its images "
                                           "(default: kiosk/ inside the archive folder)")
    p.set_defaults(func=lambda args: cmd_publish(args, open_archive))

    p = subparsers.add_parser("visits-export", help="write the kiosk's anonymous view counts as CSV")
    p.add_argument("out", help="CSV file to write")
    p.add_argument("--snapshot", metavar="DIR",
                   help="the kiosk folder (default: kiosk/ inside the archive folder)")
    p.set_defaults(func=lambda args: cmd_visits_export(args, open_archive))


def _kiosk_folder(args: argparse.Namespace, open_archive: Callable) -> Path:
    if args.snapshot:
        return Path(args.snapshot)
    from exhibit.archive import default_location
    from exhibit.publish.snapshot import DEFAULT_FOLDER

    root = Path(args.archive) if args.archive else default_location()
    return (root.parent if root.suffix == ".db" else root) / DEFAULT_FOLDER


def cmd_publish(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.publish.snapshot import publish

    archive = open_archive(args)
    try:
        report = publish(archive, Path(args.dest) if args.dest else None)
    finally:
        archive.close()
    print(report.summary())
    for missing in report.images_missing:
        print(f"missing image: {missing}")
    return 0


def cmd_visits_export(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.publish.snapshot import open_snapshot, snapshot_path
    from exhibit.publish.visits import export_csv, visits_path

    folder = _kiosk_folder(args, open_archive)
    snapshot = None
    if snapshot_path(folder).exists():
        try:
            snapshot = open_snapshot(folder)
        except ExhibitError:
            snapshot = None  # counts without names are still worth exporting
    try:
        rows = export_csv(visits_path(folder), Path(args.out), snapshot)
    finally:
        if snapshot is not None:
            snapshot.close()
    print(f"wrote {rows} row(s) to {args.out}")
    return 0
