"""Exporting records as CSV or XLSX: any record type, all of them or a selection.

The header row uses the field names (accession, name_zh, …), which the
importer's suggestions map back onto the same fields, so export → import
gives the same records. References are written as what a person can read and
the importer resolves: an event's place by its key (or Chinese name), a
panel's section by its code, a record's images as paths inside the archive's
media folder, separated by '; ' (import them again with that folder as the
media root). Vocabulary fields hold the term code, or with `labels='zh'`/'en'
the label, which the importer also understands.

Every text cell is protected against formula injection by `cells.neutralise`
(a leading apostrophe, undone on import). CSV is written as UTF-8 with a BOM,
which Excel needs to show Chinese correctly.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange.cells import neutralise
from exhibit.interchange.mapping import MEDIA, PLACE, SECTION, targets
from exhibit.problems import Problem
from exhibit.records import Record, record_class

ProgressFn = Callable[[int, int, str], None]
EXPORT_TYPES = ("object", "person", "place", "event", "source", "section", "panel", "media")


def columns(record_type: str) -> list[str]:
    """The header of an export: every importable field, references last."""
    return targets(record_type)


def _records(archive: Archive, record_type: str, ids: Sequence[int] | None) -> Iterator[Record]:
    cls = record_class(record_type)
    if ids is None:
        cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} ORDER BY id")
        names = [d[0] for d in cursor.description]
        for values in cursor:
            yield cls.from_row(dict(zip(names, values)))
        return
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk)
        names = [d[0] for d in cursor.description]
        found = {r.id: r for r in (cls.from_row(dict(zip(names, v))) for v in cursor)}
        missing = [i for i in chunk if i not in found]
        if missing:
            raise ExhibitError(Problem(None, "export_missing", {"type": record_type, "id": missing[0]}))
        yield from (found[i] for i in chunk)


def ids_for_accessions(archive: Archive, accessions: Iterable[str]) -> list[int]:
    """The objects' ids in the order the accession numbers were given (an export keeps it),
    each once even if it was listed twice."""
    from exhibit import services

    return list(dict.fromkeys(services.object_by_accession(archive, a).saved_id for a in accessions))


def _media_paths(archive: Archive, record_type: str) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for rid, path in archive.db.execute(
            "SELECT ml.record_id, m.path FROM media_links ml JOIN media m ON m.id = ml.media_id "
            "WHERE ml.record_type = ? ORDER BY ml.record_id, ml.position, ml.id", [record_type]):
        out.setdefault(rid, []).append(path)
    return out


def _lookup(archive: Archive, sql: str) -> dict[int, str]:
    return {rid: text for rid, text in archive.db.execute(sql)}


def rows(archive: Archive, record_type: str, ids: Sequence[int] | None = None,
         labels: str | None = None) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the rows (typed values, not yet neutralised) of an export."""
    cls = record_class(record_type)
    header = columns(record_type)
    media = _media_paths(archive, record_type) if MEDIA in header else {}
    places = _lookup(archive, "SELECT id, coalesce(nullif(key, ''), name_zh) FROM places") \
        if PLACE in header else {}
    sections = _lookup(archive, "SELECT id, code FROM sections") if SECTION in header else {}
    term_labels: dict[tuple[str, str], str] = {}
    if labels in ("zh", "en"):
        for vocab_name, code, zh, en in archive.db.execute(
                "SELECT vocab, code, label_zh, label_en FROM vocabularies"):
            term_labels[(vocab_name, code)] = (zh if labels == "zh" else en) or code

    def generate() -> Iterator[list[Any]]:
        for record in _records(archive, record_type, ids):
            out: list[Any] = []
            for name in header:
                if name == MEDIA:
                    out.append("; ".join(media.get(record.saved_id, [])))
                elif name == PLACE:  # a column only of the types with a place_id (events)
                    place_id = getattr(record, "place_id")
                    out.append(places.get(place_id, "") if place_id else "")
                elif name == SECTION:  # a column only of the types with a section_id (panels)
                    section_id = getattr(record, "section_id")
                    out.append(sections.get(section_id, "") if section_id else "")
                else:
                    value = getattr(record, name)
                    if name in cls.VOCAB and term_labels and value:
                        value = term_labels.get((cls.VOCAB[name], value), value)
                    out.append(value)
            yield out
    return header, generate()


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return neutralise(str(value))


def write_csv(archive: Archive, record_type: str, path: Path | str, ids: Sequence[int] | None = None,
              *, labels: str | None = None, delimiter: str = ",",
              progress: ProgressFn | None = None) -> int:
    """Write the records as CSV (UTF-8 with BOM); returns how many."""
    path = Path(path)
    header, data = rows(archive, record_type, ids, labels)
    count = 0
    with _Replacing(path) as tmp, open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        for row in data:
            writer.writerow([_cell_text(v) for v in row])
            count += 1
            if progress is not None and count % 5000 == 0:
                progress(count, 0, path.name)
    return count


def write_xlsx(archive: Archive, record_type: str, path: Path | str, ids: Sequence[int] | None = None,
               *, labels: str | None = None, progress: ProgressFn | None = None) -> int:
    """Write the records as an .xlsx workbook, text cells stored as text; returns how many."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font

    path = Path(path)
    cls = record_class(record_type)
    header, data = rows(archive, record_type, ids, labels)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(record_type)
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    head_cells = []
    for name in header:
        cell = WriteOnlyCell(ws, value=name)
        cell.font = bold
        head_cells.append(cell)
    ws.append(head_cells)
    count = 0
    ident = cls.IDENT
    for row in data:
        out = []
        for name, value in zip(header, row):
            if isinstance(value, str):
                if ILLEGAL_CHARACTERS_RE.search(value):
                    shown = f" {row[header.index(ident)]}" if ident in header else ""
                    raise ExhibitError(Problem(name, "export_control_characters",
                                               {"type": record_type, "ident": shown, "file": path.name}))
                value = neutralise(value)
            out.append(value)
        ws.append(out)
        count += 1
        if progress is not None and count % 5000 == 0:
            progress(count, 0, path.name)
    with _Replacing(path) as tmp:
        wb.save(tmp)
    return count


class _Replacing:
    """Write to a temporary file beside `path` and move it into place only when complete."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = path.with_name(path.name + ".part")

    def __enter__(self) -> Path:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return self.tmp

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.tmp.replace(self.path)
        elif self.tmp.exists():
            self.tmp.unlink()


def write_table(archive: Archive, record_type: str, path: Path | str, ids: Sequence[int] | None = None,
                **options: Any) -> int:
    """CSV, TSV or XLSX by the file's suffix."""
    if record_type not in EXPORT_TYPES:
        raise ExhibitError(f"cannot export {record_type} records as a table "
                           f"(choose one of {', '.join(EXPORT_TYPES)})")
    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(archive, record_type, path, ids, **options)
    if suffix in (".csv", ".tsv", ".txt"):
        return write_csv(archive, record_type, path, ids, delimiter="\t" if suffix == ".tsv" else ",",
                         **options)
    raise ExhibitError(Problem(None, "export_kind", {"file": Path(path).name}))
