"""Headless import, export and bundles (registered into exhibit.cli).

    main.py import FILE [--type object] [--mapping MAP.json] [--dry-run] [--media-root DIR]
                        [--sheet NAME] [--save-mapping OUT.json] [--json] [--skip-rejected [--rejects FILE]]
                        [--terms MAP.json] [--add-terms]
    main.py import ARCHIVE.json [--media-root DIR]          whole-archive JSON into an empty archive
    main.py export --type object --format csv|tsv|xlsx|json|lido|iiif --out PATH
                   [--accessions A B …] [--labels zh|en] [--base-url URL]
    main.py bundle OUT[.zip]
    main.py unbundle BUNDLE DEST
    main.py verify-bundle BUNDLE
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Callable

from exhibit.interchange.importer import IMPORT_TYPES


def _progress(stage_width: int = 10) -> Callable[[int, int, str], None] | None:
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int, what: str) -> None:
        count = f"{done:,}/{total:,}" if total else f"{done:,}"
        print(f"\r{what[:30]:<{stage_width}} {count}   ", end="", file=sys.stderr, flush=True)
    return show


def _end_progress() -> None:
    if sys.stderr.isatty():
        print(file=sys.stderr)


def _emit(document: dict[str, Any]) -> None:
    """With --json, stdout is this one document and nothing else, so a script can parse it."""
    print(json.dumps(document, ensure_ascii=False, indent=1))


def _mapping_json(chosen: Any, suggested: bool, saved_to: str | None) -> dict[str, Any]:
    """The mapping as the JSON report carries it: what --json shows instead of the column list
    (with, for a suggested one, how sure each column's guess is and why)."""
    return {**chosen.to_json(), "suggested": suggested, "saved_to": saved_to,
            "confidence": chosen.guesses_json()}


def cmd_import(args: argparse.Namespace, open_archive: Callable[[argparse.Namespace], Any]) -> int:
    from exhibit.interchange import archive_json, importer, mapping, tables

    path = Path(args.file)
    as_json = bool(args.json)
    # Human text (the column list, the backup, warnings) goes only to a person's terminal;
    # with --json the same facts are keys of the one JSON document on stdout.
    say: Callable[[str], None] = (lambda text: None) if as_json else print
    archive = open_archive(args)
    if path.suffix.lower() == ".json":
        json_result = archive_json.import_json(archive, path, Path(args.media_root) if args.media_root else None)
        if as_json:
            _emit({"source": path.name, "counts": json_result.counts,
                   "media_copied": json_result.media_copied, "media_missing": json_result.media_missing})
        say(f"imported {json_result.summary()}")
        return 0
    rejects_to = _rejects_path(args, path)
    progress = _progress()
    if not args.dry_run and not archive.is_server:   # a server archive's import needs no worker
        from exhibit.interchange import pipeline

        pipeline.warm_up()  # the worker's server starts while the file is read
    # A CSV too large to hold is streamed: read again by the import as it writes (tables.py).
    table = tables.read_table(path, sheet=args.sheet, progress=progress, stream_over=tables.STREAM_BYTES)
    if args.mapping:
        chosen = mapping.Mapping.load(args.mapping)
        if args.type and args.type != chosen.record_type and args.type_given:
            print(f"error: {Path(args.mapping).name} maps {chosen.record_type} records, not {args.type}",
                  file=sys.stderr)
            return 1
    else:
        chosen = mapping.suggest_for(table, args.type)
        say("columns (suggested mapping, how sure and why; save it with --save-mapping, edit, "
            "and pass --mapping):")
        for line in chosen.describe_columns():
            say(line)
    if args.terms:
        # The answers about vocabulary values of another mapping file, with these columns.
        answers = mapping.Mapping.load(args.terms)
        chosen.terms.update(answers.terms)
        chosen.new_terms.update(answers.new_terms)
    if args.add_terms:
        added = importer.answer_with_new_terms(archive, table, chosen)
        for u in added:
            say(f"new term for {u.field} '{u.value}' ({u.count} row(s)): {chosen.terms[u.vocab][u.value]}")
    if args.save_mapping:
        chosen.save(args.save_mapping)
        say(f"mapping saved to {args.save_mapping}")
    report: dict[str, Any] = {"mapping": _mapping_json(chosen, not args.mapping, args.save_mapping)}
    media_root = Path(args.media_root) if args.media_root else path.parent
    # Reports go to stdout; stderr gets the one line that says why the command failed.
    if args.dry_run:
        plan = importer.plan_import(archive, table, chosen, media_root=media_root, progress=progress)
        _end_progress()
        if as_json:
            _emit({**plan.to_json(), **report})
        say(plan.report(limit=args.limit))
        if not plan.ok and rejects_to is not None and not plan.cancelled:
            say(f"with --skip-rejected, the other rows would be imported and the {plan.counts()['rejected']} "
                f"rejected one(s) written to {rejects_to}")
            return 0
        if not plan.ok:
            print(f"error: {plan.source}: {plan.counts()['rejected']} of {plan.row_count} row(s) cannot be "
                  f"imported (see the report)", file=sys.stderr)
        return 0 if plan.ok else 1
    if archive.is_server:
        # Its backups are the server's (`main.py server backup`); every record the import
        # changes keeps its previous values in the history, and the import is one transaction.
        say("backup before import: none made here (back up a server archive with `main.py server backup`)")
        report["backup"] = None
    else:
        from exhibit.keeping.backups import backup_before_import

        # A verified backup first (the newest one is reused if nothing changed since).
        backup = backup_before_import(archive).path
        say(f"backup before import: {backup}")
        report["backup"] = str(backup)
    try:
        result = importer.apply_import(archive, table, chosen, media_root=media_root, progress=progress,
                                       rejects_to=rejects_to)
    except importer.ImportRejected as exc:
        _end_progress()
        if as_json:
            _emit({**exc.plan.to_json(), **report, "imported": False})
        say(exc.plan.report(limit=args.limit))
        raise
    _end_progress()
    if as_json:
        _emit({**result.plan.to_json(), **report, "imported": True, "created": result.created,
               "updated": result.updated, "unchanged": result.unchanged,
               "media_imported": result.media_imported, "media_reused": result.media_reused,
               "seconds": round(result.seconds, 3), "rejected": result.rejected,
               "terms_added": result.terms_added,
               "rejects_file": str(result.rejects_file) if result.rejects_file else None})
    say(result.summary() + f" in {result.seconds:.1f} s")
    if rejects_to is not None:
        imported = result.created + result.updated + result.unchanged
        say(f"{imported} row(s) imported; " + (f"{result.rejected} rejected row(s) written to {result.rejects_file} "
                                              f"(fix them there and import that file)" if result.rejected
                                              else "no row was rejected, so no rejects file was written"))
    for outcome in result.plan.rows:
        if outcome.warnings:
            say(f"warning: {outcome.describe()}")
    return 0


def _rejects_path(args: argparse.Namespace, source: Path) -> Path | None:
    """Where a partial import (--skip-rejected) writes the rejected rows; None: all or nothing."""
    from exhibit.errors import ExhibitError
    from exhibit.interchange import rejects

    if not args.skip_rejected:
        if args.rejects:
            raise ExhibitError("--rejects names the file of a partial import: add --skip-rejected")
        return None
    chosen = Path(args.rejects) if args.rejects else rejects.default_path(source)
    rejects.check_path(source, chosen)
    return chosen


def cmd_export(args: argparse.Namespace, open_archive: Callable[[argparse.Namespace], Any]) -> int:
    from exhibit.interchange import archive_json, export, iiif, lido

    archive = open_archive(args)
    out = Path(args.out)
    ids = None
    if args.accessions:
        if args.type != "object":
            print("error: --accessions selects objects; use --type object", file=sys.stderr)
            return 1
        ids = export.ids_for_accessions(archive, args.accessions)
    fmt = args.format or {".xlsx": "xlsx", ".json": "json", ".xml": "lido", ".tsv": "tsv"}.get(
        out.suffix.lower(), "csv")
    if fmt == "json":
        counts = archive_json.write_json(archive, out)
        print(f"wrote the whole archive ({sum(counts.values()):,} records) to {out}")
    elif fmt == "lido":
        print(f"wrote {lido.write_lido(archive, out, ids):,} LIDO record(s) to {out}")
    elif fmt == "iiif":
        count = iiif.write_iiif(archive, out, ids, base_url=args.base_url)
        print(f"wrote {count:,} IIIF manifest(s) to {out} (publish the folder at {args.base_url})")
    else:
        if fmt in ("csv", "tsv", "xlsx") and out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}") if not out.suffix else out.with_suffix(f".{fmt}")
        count = export.write_table(archive, args.type, out, ids, labels=args.labels)
        print(f"wrote {count:,} {args.type} record(s) to {out}")
    return 0


def cmd_bundle(args: argparse.Namespace, open_archive: Callable[[argparse.Namespace], Any]) -> int:
    from exhibit.interchange import bundle

    archive = open_archive(args)
    info = bundle.make_bundle(archive, Path(args.out), progress=_progress())
    _end_progress()
    print(f"bundle written to {info.path}: {info.files:,} files, {info.bytes / 1e6:.1f} MB")
    return 0


def cmd_unbundle(args: argparse.Namespace, open_archive: Callable[[argparse.Namespace], Any]) -> int:
    from exhibit.interchange import bundle

    archive = bundle.restore_bundle(Path(args.bundle), Path(args.dest), progress=_progress())
    _end_progress()
    archive.close()
    print(f"restored {args.bundle} into {args.dest}; every file matched its SHA-256")
    return 0


def cmd_verify_bundle(args: argparse.Namespace, open_archive: Callable[[argparse.Namespace], Any]) -> int:
    from exhibit.interchange import bundle

    problems = bundle.verify_bundle(Path(args.bundle), progress=_progress())
    _end_progress()
    for problem in problems:
        print(problem)
    print("ok: every file matches its SHA-256" if not problems else f"{len(problems)} problem(s) found")
    return 0 if not problems else 1


class _TypeAction(argparse.Action):
    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: Any = None) -> None:
        setattr(namespace, self.dest, values)
        namespace.type_given = True


def register(subparsers: Any, open_archive: Callable[[argparse.Namespace], Any]) -> None:
    def bind(fn: Callable[[argparse.Namespace, Any], int]) -> Callable[[argparse.Namespace], int]:
        return lambda args: fn(args, open_archive)

    p = subparsers.add_parser("import", help="import records from CSV/TSV/XLSX (or a whole-archive JSON)")
    p.add_argument("file")
    p.add_argument("--type", default="object", choices=IMPORT_TYPES, action=_TypeAction)
    p.add_argument("--mapping", metavar="MAP.json", help="column mapping (default: suggested from the header)")
    p.add_argument("--save-mapping", metavar="OUT.json", help="save the mapping used, to edit and reuse")
    p.add_argument("--dry-run", action="store_true", help="report what would happen; change nothing")
    p.add_argument("--media-root", metavar="DIR",
                   help="folder the image paths are relative to (default: the file's folder); "
                        "files outside it are refused")
    p.add_argument("--sheet", help="worksheet of an .xlsx file (default: the first)")
    p.add_argument("--limit", type=int, default=200, help="rows shown in the report (default 200)")
    p.add_argument("--json", action="store_true",
                   help="print one JSON document (mapping, report, outcome) and no other text")
    p.add_argument("--skip-rejected", action="store_true",
                   help="import the good rows and write the rejected ones, with a reason column, to a "
                        "rejects file to fix and import again (default: any rejected row stops the import)")
    p.add_argument("--rejects", metavar="FILE",
                   help="the rejects file of --skip-rejected (default: beside FILE, <name>.rejects.<ext>)")
    p.add_argument("--terms", metavar="MAP.json",
                   help="use the vocabulary answers (terms, new_terms) of this mapping file with the "
                        "columns of --mapping or the suggestion")
    p.add_argument("--add-terms", action="store_true",
                   help="add every value that is no vocabulary term as a new term of the archive "
                        "(named by the value) instead of rejecting its rows")
    p.set_defaults(func=bind(cmd_import), type_given=False)

    p = subparsers.add_parser("export", help="export records as CSV/XLSX, the archive as JSON, LIDO or IIIF")
    p.add_argument("--type", default="object",
                   choices=["object", "person", "place", "event", "source", "section", "panel", "media"])
    p.add_argument("--format", choices=["csv", "tsv", "xlsx", "json", "lido", "iiif"],
                   help="default: from the file name")
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--accessions", nargs="+", metavar="ACCESSION", help="only these objects")
    p.add_argument("--labels", choices=["zh", "en"], help="vocabulary labels instead of codes (CSV/XLSX)")
    p.add_argument("--base-url", default="http://localhost:8000/iiif",
                   help="where the IIIF folder will be published")
    p.set_defaults(func=bind(cmd_export))

    p = subparsers.add_parser("bundle", help="whole archive (database, media, SHA-256 manifest) as a folder or .zip")
    p.add_argument("out", metavar="OUT")
    p.set_defaults(func=bind(cmd_bundle))

    p = subparsers.add_parser("unbundle", help="verify a bundle and restore it as a new archive folder")
    p.add_argument("bundle")
    p.add_argument("dest")
    p.set_defaults(func=bind(cmd_unbundle))

    p = subparsers.add_parser("verify-bundle", help="check every file of a bundle against its SHA-256")
    p.add_argument("bundle")
    p.set_defaults(func=bind(cmd_verify_bundle))
