"""`main.py server init|upload|backup`: setting up a shared archive on a PostgreSQL server.

    python main.py server init postgresql://host/museum
    python main.py server upload ARCHIVE_DIR postgresql://host/museum [--media SHARED_DIR]
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
    q.add_argument("--media", metavar="DIR",
                   help="copy the archive's media files into this shared folder and make it the "
                        "server archive's media folder")
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

    report = upload(Path(args.archive_dir), args.url, media_to=Path(args.media) if args.media else None)
    print(report.summary("uploaded"))
    _media_problems(report.media_missing)
    return 0


def _media_problems(problems: list[str]) -> None:
    for problem in problems[:20]:
        print(f"media: {problem}")
    if len(problems) > 20:
        print(f"… and {len(problems) - 20} more media problem(s)")


def cmd_backup(args: argparse.Namespace) -> int:
    from exhibit.server.transfer import backup

    media = Path(args.media) if args.media else _media_setting(args.url)
    report = backup(args.url, Path(args.out_dir), media_from=media)
    print(report.summary("backed up"))
    _media_problems(report.media_missing)
    return 0


def _media_setting(url: str) -> Path | None:
    """The server archive's shared media folder, if it names one that is there."""
    from exhibit.server.address import connect

    conn = connect(url)
    try:
        row = conn.execute("SELECT value FROM settings WHERE key = 'media_folder'").fetchone()
    finally:
        conn.close()
    return Path(row[0]) if row and row[0] and Path(row[0]).is_dir() else None
