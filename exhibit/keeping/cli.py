"""Headless commands for safe keeping (registered into exhibit/cli.py through EXTENSIONS).

    python main.py backups [--take] [--prune] [--dry-run]   list the backups, take one, rotate
    python main.py restore BACKUP                           restore it (the current state is backed up first)
    python main.py verify [--backups]                       full integrity check, read-only, works on a damaged archive
    python main.py media-check [--repair FOLDER]            media files present and intact; orphans; repair by hash

`restore` and `verify` never open the archive for writing, so they work when
opening it would be refused (damaged, or open in another window).
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from exhibit.errors import ExhibitError


def _db_path(args: argparse.Namespace) -> Path:
    from exhibit.archive import DB_NAME, default_location

    root = Path(args.archive) if args.archive else default_location()
    return root if root.suffix == ".db" else root / DB_NAME


def _size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def cmd_backups(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.keeping import backups

    archive = open_archive(args)
    if args.take:
        info = backups.make_backup(archive, "manual")
        print(f"backup written and verified: {info.path}")
    if args.prune or args.dry_run:
        _kept, removed = backups.rotate(archive, dry_run=args.dry_run)
        verb = "would remove" if args.dry_run else "removed"
        for info in removed:
            print(f"{verb} {info.path.name}")
        print(f"{len(removed)} automatic backup(s) {verb} by rotation")
    found = backups.backups(archive)
    why = backups.kept_because(archive)
    print(f"{len(found)} backup(s) in {backups.backup_dir(archive)}")
    for info in found:
        reasons = ", ".join(why.get(info.path, [])) or "removed at the next rotation"
        print(f"  {info.taken.astimezone():%Y-%m-%d %H:%M:%S}  {info.reason:<11} "
              f"{_size(info.size):>9}  {info.path.name}  [{reasons}]")
    return 0


def cmd_restore(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.keeping.recovery import restore

    report = restore(_db_path(args), Path(args.backup))
    print(report.summary())
    return 0


def cmd_verify(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.keeping import backups, health

    db_path = _db_path(args)
    found = health.verify(db_path)
    for problem in [*found.damage, *(p.describe() for p in found.schema), *found.other]:
        print(f"{db_path.name}: {problem}")
    failed = not found.sound
    where = ("; it is on storage this program cannot write, so it was read as it lies on disk"
             if found.readonly_storage else "")
    if found.damage:
        good = health.newest_good_backup(db_path)
        print(f"{db_path} is damaged. " + (f"Newest good backup: {good.path} — restore it with "
                                           f"`main.py restore {good.path}`" if good else "No good backup found."))
    elif found.schema:
        print(f"{db_path} passed integrity_check{where}, but its schema is not this program's: "
              f"`main.py check --repair` says what each object does and removes it")
    elif found.other:
        print(f"{db_path} passed integrity_check{where}, but {len(found.other)} problem(s) were found")
    else:
        print(f"ok: {db_path} passed integrity_check{where}")
    if args.backups:
        for info in backups.list_backups(db_path.parent / backups.BACKUP_DIR):
            bad = backups.integrity_problems(info.path)
            print(f"  {'ok ' if not bad else 'BAD'}  {info.path.name}" + (f": {bad[0]}" if bad else ""))
            failed = failed or bool(bad)
    return 1 if failed else 0


def cmd_media_check(args: argparse.Namespace, open_archive: Callable) -> int:
    from exhibit.keeping import media_check

    archive = open_archive(args)
    if args.repair:
        folder = Path(args.repair)
        if not folder.is_dir():
            raise ExhibitError(f"{folder} is not a folder")
        repaired = media_check.repair_media(archive, folder)
        for line in repaired.lines():  # names escaped
            print(line)
        print(repaired.summary())
    report = media_check.check_media(archive)
    for line in report.lines():
        print(line)
    print(f"{report.checked} media file(s) checked: {len(report.problems)} problem(s), "
          f"{len(report.orphans)} orphan file(s)")
    return 0 if not report.problems else 1


def register(subparsers: argparse._SubParsersAction, open_archive: Callable) -> None:
    def bind(func: Callable[[argparse.Namespace, Callable], int]) -> Callable[[argparse.Namespace], int]:
        return lambda args: func(args, open_archive)

    p = subparsers.add_parser("backups", help="list the automatic backups; take one; apply rotation")
    p.add_argument("--take", action="store_true", help="take a verified backup now")
    p.add_argument("--prune", action="store_true",
                   help="remove automatic backups outside the rotation (hourly 48, daily 7, weekly 5, monthly 12)")
    p.add_argument("--dry-run", action="store_true", help="show what --prune would remove")
    p.set_defaults(func=bind(cmd_backups))

    p = subparsers.add_parser("restore", help="restore a backup (the current state is backed up first)")
    p.add_argument("backup", help="a backup file, e.g. backups/archive-20260125T143015Z-auto.db")
    p.set_defaults(func=bind(cmd_restore))

    p = subparsers.add_parser("verify", help="full integrity check without opening for writing")
    p.add_argument("--backups", action="store_true", help="check every backup too")
    p.set_defaults(func=bind(cmd_verify))

    p = subparsers.add_parser("media-check", help="media files present and intact, orphans; --repair FOLDER")
    p.add_argument("--repair", metavar="FOLDER", help="put back missing files found (by hash) in FOLDER")
    p.set_defaults(func=bind(cmd_media_check))


__all__ = ["register"]
