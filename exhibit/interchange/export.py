"""Exporting records as CSV or XLSX: any record type, all of them or a selection.

The header row uses the field names (accession, name_zh, …), which the
importer's suggestions map back onto the same fields, so export → import
gives the same records. References are written as what a person can read and
the importer resolves: an event's place by its key (or Chinese name), a
panel's section by its code, a record's images as paths inside the archive's
media folder, separated by '; ' (import them again with that folder as the
media root). Vocabulary fields hold the term code, or with `labels='zh'`/'en'
the label, which the importer also understands. An object's makers, other
numbers and external links are written as a curator types them
(`薛岳 / Xue Yue [xue-yue] (issuer); 陆军第十军 (printer)`, `previous number:
A.1; wikidata: Q42`), which the importer reads back to the same list; its
measurements (derived from the dimension and weight texts on every save) as
their JSON, for whoever needs the numbers and units.

The records are read a chunk at a time and each row is written as it is made
(streaming.py); an .xlsx is an openpyxl write-only workbook, whose rows go to a
temporary file as they come: memory stays flat at any number of rows.

Every text cell is protected against formula injection by `cells.neutralise`
(a leading apostrophe, undone on import). CSV is written as UTF-8 with a BOM,
which Excel needs to show Chinese correctly.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence

from exhibit import object_fields
from exhibit.archive import Archive
from exhibit.errors import ExhibitError
from exhibit.interchange import streaming
from exhibit.interchange.cells import neutralise
from exhibit.interchange.mapping import MEDIA, PLACE, SECTION, targets
from exhibit.problems import Problem
from exhibit.records import Record, record_class

ProgressFn = Callable[[int, int, str], None]
EXPORT_TYPES = ("object", "person", "place", "event", "source", "section", "panel", "media")


def columns(record_type: str) -> list[str]:
    """The header of an export: every importable field, references last."""
    return targets(record_type)


def ids_for_accessions(archive: Archive, accessions: Iterable[str]) -> list[int]:
    """The objects' ids in the order the accession numbers were given (an export keeps it),
    each once even if it was listed twice."""
    from exhibit import services

    return list(dict.fromkeys(services.object_by_accession(archive, a).saved_id for a in accessions))


def _media_paths(archive: Archive, record_type: str, ids: list[int]) -> dict[int, list[str]]:
    """The image paths of these records (one chunk of an export), in order."""
    out: dict[int, list[str]] = {}
    for rid, path in archive.db.execute(
            f"SELECT ml.record_id, m.path FROM media_links ml JOIN media m ON m.id = ml.media_id "
            f"WHERE ml.record_type = ? AND ml.record_id IN ({','.join('?' * len(ids))}) "
            f"ORDER BY ml.record_id, ml.position, ml.id", [record_type, *ids]):
        out.setdefault(rid, []).append(path)
    return out


def _lookup(archive: Archive, sql: str) -> dict[int, str]:
    return {rid: text for rid, text in archive.db.execute(sql)}


# A list field as a person reads and types it, one item per '; ' (object_fields reads it back).
_LIST_TEXT: dict[str, Callable[[Any], str]] = {
    "makers": lambda makers: "; ".join(object_fields.maker_line(m) for m in makers),
    "other_numbers": object_fields.other_numbers_text,
    "external_links": object_fields.links_text,
}


def list_cell(name: str, stored: str) -> str:
    """A list field's cell: `薛岳 / Xue Yue [xue-yue] (issuer); …`, or the stored JSON when
    that text would not read back as the same list (a name with '; ' or a bracket in it),
    which the importer reads as well. Nothing is lost either way."""
    if not stored:
        return ""
    read = object_fields.LIST_FIELDS[name][1]
    try:
        items = read(stored)
        text = _LIST_TEXT[name](items)
        if read(text) == items:
            return text
    except object_fields.FieldFormatError:
        pass
    return stored


def rows(archive: Archive, record_type: str, ids: Sequence[int] | None = None,
         labels: str | None = None) -> tuple[list[str], Iterator[list[Any]]]:
    """The header and the rows (typed values, not yet neutralised) of an export, read
    from the archive a chunk at a time as they are taken."""
    cls = record_class(record_type)
    header = columns(record_type)
    places = _lookup(archive, "SELECT id, coalesce(nullif(key, ''), name_zh) FROM places") \
        if PLACE in header else {}
    sections = _lookup(archive, "SELECT id, code FROM sections") if SECTION in header else {}
    term_labels: dict[tuple[str, str], str] = {}
    if labels in ("zh", "en"):
        for vocab_name, code, zh, en in archive.db.execute(
                "SELECT vocab, code, label_zh, label_en FROM vocabularies"):
            term_labels[(vocab_name, code)] = (zh if labels == "zh" else en) or code
    lists = set(object_fields.LIST_FIELDS) if record_type == "object" else set()

    def row(record: Record, media: dict[int, list[str]]) -> list[Any]:
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
            elif name in lists:
                out.append(list_cell(name, getattr(record, name)))
            else:
                value = getattr(record, name)
                if name in cls.VOCAB and term_labels and value:
                    value = term_labels.get((cls.VOCAB[name], value), value)
                out.append(value)
        return out

    def generate() -> Iterator[list[Any]]:
        for chunk in streaming.record_chunks(archive, cls, ids):
            media = _media_paths(archive, record_type, [r.saved_id for r in chunk]) if MEDIA in header else {}
            for record in chunk:
                yield row(record, media)
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
    count = 0
    with streaming.snapshot(archive), streaming.replacing(path) as tmp, \
            open(tmp, "w", encoding="utf-8-sig", newline="") as f:
        header, data = rows(archive, record_type, ids, labels)
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
    header = columns(record_type)
    wb = Workbook(write_only=True)  # rows go to a temporary file as they come, strings inline
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
    try:
        with streaming.snapshot(archive):
            for row in rows(archive, record_type, ids, labels)[1]:
                out = []
                for name, value in zip(header, row):
                    if value == "":
                        value = None  # no cell at all: write-only mode skips it (an empty cell reads as "")
                    elif isinstance(value, str):
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
    except BaseException:
        ws.close()  # ends the sheet's writer now, not when the garbage collector finds it half-open
        raise
    with streaming.replacing(path) as tmp:
        wb.save(tmp)
    return count


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
