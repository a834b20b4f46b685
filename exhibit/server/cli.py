"""`main.py server init|upload|backup`: setting up a shared archive on a PostgreSQL server.

    python main.py server init postgresql://host/museum
    python main.py server upload ARCHIVE_DIR postgresql://host/museum
    python main.py server backup postgresql://host/museum OUT_DIR [--media DIR]

Passwords are never given here: libpq finds them (~/.pgpass, a service file, PGPASSWORD).
Addresses are printed with any password masked.
"""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable


def register(subparsers: argparse._SubParsersAction, open_archive: Callable) -> None:
    p = subparsers.add_parser("server", help="a shared archive on a PostgreSQL server: init, upload, backup")
    sub = p.add_subparsers(dest="server_command", metavar="{init,upload,backup}")
    p.set_defaults(func=lambda args: _usage(p))

    q = sub.add_parser("init", help="make the archive's schema and roles in an empty database (or upgrade it)")
    q.add_argument("url", metavar="postgresql://…", help="the database, e.g. postgresql://server/museum")
    q.set_defaults(func=cmd_init)

    q = sub.add_parser("upload", help="copy a local archive onto an empty server archive, in one transaction")
    q.add_argument("archive_dir", metavar="ARCHIVE_DIR", help="the local archive folder (or its archive.db)")
    q.add_argument("url", metavar="postgresql://…")
    q.set_defaults(func=cmd_upload)

    q = sub.add_parser("backup", help="write the server archive as a verified local SQLite archive")
    q.add_argument("url", metavar="postgresql://…")
    q.add_argument("out_dir", metavar="OUT_DIR", help="a new or empty folder")
    q.add_argument("--media", metavar="DIR",
                   help="also copy the media files the records name from this media folder")
    q.set_defaults(func=cmd_backup)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help()
    return 2


def cmd_init(args: argparse.Namespace) -> int:
    from exhibit.server.schema import init

    print(init(args.url).summary())
    return 0


def cmd_upload(args: argparse.Namespace) -> int:
    from exhibit.server.transfer import upload

    print(upload(Path(args.archive_dir), args.url).summary("uploaded"))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from exhibit.server.transfer import backup

    report = backup(args.url, Path(args.out_dir), media_from=Path(args.media) if args.media else None)
    print(report.summary("backed up"))
    for problem in report.media_missing[:20]:
        print(f"media: {problem}")
    if len(report.media_missing) > 20:
        print(f"… and {len(report.media_missing) - 20} more media problem(s)")
    return 0
