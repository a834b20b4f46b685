"""`main.py publish [--to DIR]` and `main.py visits-export OUT.csv`.

`publish` writes a new snapshot generation into the kiosk folder, which any number of
kiosks may read (`main.py kiosk --snapshot DIR`); see exhibit/publish/generations.py.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from exhibit.errors import ExhibitError


def register(subparsers: argparse._SubParsersAction, open_archive: Callable) -> None:
    p = subparsers.add_parser(
        "publish", help="make the kiosk's read-only snapshot (public fields and screen images only)")
    p.add_argument("dest", nargs="?", help="the kiosk folder, as --to")
    p.add_argument("--to", metavar="DIR",
                   help="the kiosk folder kiosks read: each publish adds snapshot-NNNNNN.db and "
                        "updates current.json (default: kiosk/ inside the archive folder)")
    p.add_argument("--include-reviewed", action="store_true",
                   help="also show objects whose record is reviewed but not yet published "
                        "(to try a kiosk on them); drafts are never shown")
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
    from exhibit.publish.snapshot import PUBLIC_STATUSES, publish

    if args.to and args.dest and Path(args.to) != Path(args.dest):
        raise ExhibitError(f"publish was given two kiosk folders, {args.dest} and {args.to}; give one")
    dest = args.to or args.dest
    archive = open_archive(args)
    try:
        statuses = (*PUBLIC_STATUSES, "reviewed") if args.include_reviewed else PUBLIC_STATUSES
        report = publish(archive, Path(dest) if dest else None, statuses)
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
