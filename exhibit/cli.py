"""Headless commands: everything but the windows, for scripts, servers and CI.

    python main.py [--archive DIR] search QUERY [--type object] [--category weapon] [--limit N]
    python main.py show ACCESSION
    python main.py import-media PATH… [--root DIR] [--attach ACCESSION]
    python main.py check
    python main.py backup DEST
    python main.py stats
    python main.py settings [KEY [VALUE]]

An error prints one line naming what was wrong and exits with status 1.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from exhibit.cli_checks import OneLineParser, accession_text, bounded_int, disk_full_error, iso_date
from exhibit.errors import ExhibitError, printable

if TYPE_CHECKING:
    from exhibit.archive import Archive  # imported when a command runs: `--help` stays quick

Command = Callable[[argparse.Namespace], int]

# Each part of the program adds its own subcommands: a module here has
# `register(subparsers, open_archive)`, where open_archive(args) -> Archive.
EXTENSIONS = (
    "exhibit.printing.cli",
    "exhibit.interchange.cli",
    "exhibit.keeping.cli",
    "exhibit.publish.cli",
    "exhibit.server.cli",
)


def _open(args: argparse.Namespace, **options: Any) -> Archive:
    from exhibit.archive import Archive
    from exhibit.sample.loader import ensure_sample

    if getattr(args, "media", None):
        options.setdefault("media", args.media)
    archive = Archive.open(args.archive, **options)
    # A shared archive is the museum's own: it never gets the sample (server upload fills it).
    if not archive.is_server and not getattr(args, "no_sample", False) and ensure_sample(archive):
        print(f"Created a new archive with the sample Hengyang collection in {archive.root}",
              file=sys.stderr)
    return archive


def _say(line: str) -> None:
    """Print a line that holds archive text: a control character in it shows as an escape."""
    print(printable(line, keep_lines=True))


def cmd_search(args: argparse.Namespace) -> int:
    from exhibit.listing import grouped_search

    archive = _open(args)
    types = [args.type] if args.type else None
    # Objects first, then panels … images last (listing.GROUPED_ORDER); --all lists every hit.
    result = grouped_search(archive.db, " ".join(args.query), record_types=types, category=args.category,
                            date_from=args.date_from, date_to=args.date_to,
                            limit=SEARCH_LIMIT_MAX if args.all else args.limit)
    if args.json:
        print(json.dumps({"query": result.query, "total": result.total, "shown": len(result.hits),
                          "total_is_lower_bound": result.total_is_lower_bound, "hits": [
            {"type": h.record_type, "id": h.record_id, "ident": h.ident, "title_zh": h.title_zh,
             "title_en": h.title_en, "snippet": h.highlighted(), "score": round(h.score, 3)}
            for h in result.hits]}, ensure_ascii=False, indent=1))
        return 0
    _say(f"{result.total_text()} result(s) for “{result.query}”")
    for rank, hit in enumerate(result.hits, start=1):
        ident = f" [{hit.ident}]" if hit.ident else ""
        title = hit.title_zh or hit.title_en
        if hit.title_en and hit.title_en != title:
            title += f" / {hit.title_en}"
        _say(f"{rank:>3}. {hit.record_type:<7}{ident} {title}")
        if hit.snippet:
            _say(f"       {hit.highlighted()}")
    if len(result.hits) < result.total:
        _say(f"showing {len(result.hits)} of {result.total_text()}; --limit N or --all lists more")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from exhibit import media_records, services, vocab
    from exhibit.records import ArchiveObject, Source

    archive = _open(args)
    obj = services.object_by_accession(archive, args.accession)
    assert isinstance(obj, ArchiveObject)
    db = archive.db
    _say(f"{obj.accession}  {obj.name_zh}  {obj.name_en}")
    rows = [("类别 Category", vocab.label(db, "category", obj.category, "zh") + " / "
             + vocab.label(db, "category", obj.category, "en") if obj.category else ""),
            ("年代 Date", obj.date_text + (f"  ({obj.date_start} – {obj.date_end})" if obj.date_start else "")),
            ("质地 Material", vocab.label(db, "material", obj.material) if obj.material else ""),
            ("尺寸 Dimensions", obj.dimensions), ("质量 Weight", obj.weight),
            ("完残程度 Condition", vocab.label(db, "condition", obj.condition) if obj.condition else ""),
            ("文物级别 Grade", vocab.label(db, "grade", obj.grade) if obj.grade else ""),
            ("来源 Acquisition", (vocab.label(db, "acquisition", obj.acquisition) if obj.acquisition else "")
             + (f", {obj.acquisition_date}" if obj.acquisition_date else "")),
            ("鸣谢 Credit", " / ".join(t for t in (obj.credit_zh, obj.credit_en) if t)),
            ("存放位置 Location", obj.location),
            ("状态 Status", vocab.label(db, "status", obj.status) + " / "
             + vocab.label(db, "status", obj.status, "en"))]
    for label, value in rows:
        if value:
            _say(f"  {label}: {value}")
    for label, text in (("描述", obj.description_zh), ("Description", obj.description_en),
                        ("铭文", obj.inscription_zh), ("Inscription", obj.inscription_en)):
        if text:
            _say(f"  {label}: {text}")
    for link in services.backlinks(archive, "object", obj.saved_id):
        _say(f"  ← {services.get(archive, link.from_type, link.from_id).label()}")
    for link in services.links(archive, "object", obj.saved_id):
        _say(f"  → {services.get(archive, link.to_type, link.to_id).label()}")
    for media in media_records.media_for(archive, "object", obj.saved_id):
        _say(f"  image: {media.path} {media.width}×{media.height} {media.caption_zh}")
    for cit in services.citations(archive, "object", obj.saved_id):
        src = services.get(archive, Source, cit.source_id)
        _say(f"  source: {src.title}" + (f", {cit.page}" if cit.page else ""))
    return 0


def cmd_import_media(args: argparse.Namespace) -> int:
    from exhibit import media_records, services

    archive = _open(args)
    link_to = None
    if args.attach:
        link_to = ("object", services.object_by_accession(archive, args.attach).saved_id)

    def progress(done: int, total: int, name: str) -> None:
        if sys.stderr.isatty():
            print(f"\r[{done}/{total}] {printable(name)[:60]:<60}", end="", file=sys.stderr, flush=True)

    report = media_records.import_paths(archive, [Path(p) for p in args.paths],
                                        root=Path(args.root) if args.root else None,
                                        link_to=link_to, progress=progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    # Names come from the disk or the archive: escape controls (exhibit.errors.printable).
    for media in report.imported:
        print(f"imported {printable(media.original_name)} → {media.path} ({media.width}×{media.height})")
    for media in report.reused:
        print(f"already in the archive: {printable(media.original_name)} ({printable(media.path)})")
    for name, reason in report.errors:
        print(f"error: {printable(reason)}", file=sys.stderr)
    print(report.summary())
    return 0 if not report.errors else 1


def cmd_check(args: argparse.Namespace) -> int:
    from exhibit.archive import Archive, database_path
    from exhibit.integrity import check_archive, schema_check

    # The schema first, read-only: `check` reports (and with --repair removes) what
    # opening would refuse, such as a trigger this program did not make.
    db_path = database_path(args.archive)
    foreign = [p for p in schema_check(db_path, repair=args.repair) if p.problem != "index"]
    if foreign:
        # Read-only, so that no trigger of theirs runs while the rest is checked.
        archive = Archive.open(db_path, readonly=True, schema_gate=False)
        problems = [p.describe() for p in foreign] + check_archive(archive)
        if args.reindex:
            problems.append("the search index was not rebuilt: run `check --repair` first")
    else:
        archive = _open(args, schema_gate=False)
        problems = check_archive(archive, reindex=args.reindex)
    for problem in problems:
        print(problem)
    print("ok: the archive passed every check" if not problems else f"{len(problems)} problem(s) found")
    return 0 if not problems else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from exhibit.keeping.backups import backup_to

    archive = _open(args)
    if archive.is_server:   # a verified local SQLite archive of the server's (exhibit/server/transfer.py)
        from exhibit.server.transfer import backup

        if Path(args.dest).suffix == ".db":
            raise ExhibitError("a shared archive is backed up into a folder (a new local archive), "
                               "not a .db file")
        report = backup(getattr(archive, "url"), Path(args.dest),
                        media_from=None if args.db_only else archive.media_root)
        archive.close()
        print(report.summary("backed up"))
        for problem in report.media_missing[:20]:
            print(f"media: {problem}")
        return 0
    dest = backup_to(archive, Path(args.dest), with_media=not args.db_only)
    print(f"backup written to {dest}")
    return 0


def cmd_settings(args: argparse.Namespace) -> int:
    """List the museum settings, show one, or set one (only keys exhibit.institution knows)."""
    from exhibit import institution

    if args.key is not None:
        institution.check_key(args.key)  # refuse an unknown key before opening the archive
    archive = _open(args)
    if args.key is None:
        width = max(map(len, institution.KEY_NAMES)) + 2
        for key, value in institution.settings(archive).items():
            _say(f"{key:<{width}}{value}")
    elif args.value is None:
        _say(institution.settings(archive)[args.key])
    else:
        changed = institution.set_value(archive, args.key, args.value)
        print(f"{args.key} {'set' if changed else 'unchanged'}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from exhibit import services

    archive = _open(args)
    for name, value in services.stats(archive).items():
        print(f"{name:<12}{value:>10,}")
    return 0


SEARCH_LIMIT_MAX = 10_000


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="main.py", description="Exhibit: the Hengyang 1944 archive")
    parser.add_argument("--archive", metavar="DIR",
                        help="archive folder (default: $EXHIBIT_ARCHIVE or the current folder), or a "
                             "shared archive's address, postgresql://server/database")
    parser.add_argument("--media", metavar="DIR",
                        help="a shared archive's media folder (default: $EXHIBIT_MEDIA, else the "
                             "archive's media_folder setting)")
    parser.add_argument("--no-sample", action="store_true",
                        help="do not load the sample collection into a new archive")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("search", help="search every record (Chinese, pinyin, English, accession numbers)")
    p.add_argument("query", nargs="+")
    p.add_argument("--type", choices=["object", "media", "section", "panel", "person", "place", "event", "source"])
    p.add_argument("--category", help="object category code, e.g. weapon")
    p.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=iso_date)
    p.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=iso_date)
    p.add_argument("--limit", type=bounded_int(1, SEARCH_LIMIT_MAX), default=10,
                   help=f"how many results to list (1 to {SEARCH_LIMIT_MAX}); objects come first")
    p.add_argument("--all", action="store_true", help=f"list every result (up to {SEARCH_LIMIT_MAX})")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("show", help="show one object by accession number")
    p.add_argument("accession", type=accession_text)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("import-media", help="import image files or folders")
    p.add_argument("paths", nargs="+")
    p.add_argument("--root", help="only accept files inside this folder (no symlinks)")
    p.add_argument("--attach", metavar="ACCESSION", help="link the images to this object")
    p.set_defaults(func=cmd_import_media)

    p = sub.add_parser("check", help="integrity, foreign keys, links, search index, media files")
    p.add_argument("--reindex", action="store_true", help="rebuild the search index first")
    p.add_argument("--repair", action="store_true",
                   help="remove triggers, views and indexes this program did not make (after a backup)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("backup", help="consistent copy of the archive (SQLite backup API) and its media")
    p.add_argument("dest", help="a new folder, or a file name ending in .db for the database only")
    p.add_argument("--db-only", action="store_true")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("settings", help="the museum's name, identifier and record rights used by exports")
    p.add_argument("key", nargs="?", help="e.g. museum.name_en; without it, list every setting")
    p.add_argument("value", nargs="?", help="the new value ('' to clear)")
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser("stats", help="how many records of each kind")
    p.set_defaults(func=cmd_stats)

    for name in EXTENSIONS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is not None and name.startswith(exc.name):
                continue  # that part is not built yet
            raise
        module.register(sub, _open)
    return parser


def run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except ExhibitError as exc:
        print(f"error: {printable(str(exc), keep_lines=True)}", file=sys.stderr)
        return 1
    except sqlite3.DatabaseError as exc:
        print(f"error: the archive database failed: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed early: not an error.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        full = disk_full_error(exc)
        if full is None:
            raise  # not ours to explain: main.py's crash log takes it
        print(f"error: {printable(str(full), keep_lines=True)}", file=sys.stderr)
        return 1
