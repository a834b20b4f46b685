"""Reading CSV, TSV and XLSX files into a header and rows of text.

What real catalogue spreadsheets contain and how each is handled:

- a title row above the header (often merged across the sheet): the header is
  the first row with at least two filled cells; rows above it are reported;
- merged header cells ("尺寸" over three columns, or "总登记号" over two header
  rows): the merged text names every column it covers, a second header row
  under a horizontal merge is joined to it ("尺寸 长"); merged cells in data rows
  give their value to every cell they cover; each merge is reported;
- formula cells: their last computed value (saved by Excel) is used and the
  row gets a warning; a formula with no saved value makes the row's problem;
- empty rows are skipped and reported by row number.

Row numbers are the ones the user sees: the spreadsheet's row, or the CSV
record counted from 1 for the header (as Excel numbers a CSV file's rows).
XLSX is read with openpyxl in read-only mode, so 100,000 rows stream.
"""
from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from exhibit.errors import ExhibitError
from exhibit.interchange.encodings import decode_bytes

ProgressFn = Callable[[int, int, str], None]
HEADER_SEARCH = 20  # rows looked at to find the header


@dataclass
class TableRow:
    number: int
    cells: list[str]
    problems: list[str] = field(default_factory=list)  # make the row rejected
    notes: list[str] = field(default_factory=list)     # warnings; the row still imports

    def get(self, index: int) -> str:
        return self.cells[index] if index < len(self.cells) else ""


@dataclass
class Table:
    name: str                     # file name, for messages
    format: str                   # 'csv', 'tsv', 'xlsx'
    header: list[str]
    rows: list[TableRow]
    header_row: int = 1           # row number of the (last) header row
    encoding: str | None = None   # how a text file was decoded
    sheet: str | None = None
    empty_rows: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def column(self, name: str) -> int:
        return self.header.index(name)


class TableError(ExhibitError):
    """The file cannot be read as a table; the message names it."""


# ---------------------------------------------------------------- common

def _text(value: Any) -> str:
    """A cell's value as the text a curator typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, _dt.datetime):
        return value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    text = getattr(value, "text", None)  # openpyxl ArrayFormula
    return str(text if isinstance(text, str) else value)


def _blank(cells: list[str]) -> bool:
    # The same as every cell being blank, in two C calls (a third of reading a large CSV
    # went to the per-cell generator).
    return not "".join(cells).strip()


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, name in enumerate(names):
        name = " ".join(name.split()) or f"column {i + 1}"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        out.append(name)
    return out


def _find_header(rows: list[tuple[int, list[str]]]) -> int:
    """Index in `rows` of the header: the first row with two or more different filled cells.

    (A title merged across the sheet fills every cell with the same text.)
    """
    for i, (_, cells) in enumerate(rows[:HEADER_SEARCH]):
        if len({c.strip() for c in cells if c.strip()}) >= 2:
            return i
    for i, (_, cells) in enumerate(rows):
        if not _blank(cells):
            return i
    return 0


def _build(name: str, fmt: str, numbered: Iterable[tuple[int, list[str]]], *,
           header_rows: int = 1, header_at: int | None = None) -> Table:
    """Split numbered raw rows into header and data; skip and report empty rows."""
    it = iter(numbered)
    head: list[tuple[int, list[str]]] = []
    for item in it:
        head.append(item)
        if len(head) >= HEADER_SEARCH:
            break
    if all(_blank(c) for _, c in head) and len(head) < HEADER_SEARCH:
        raise TableError(f"{name}: the file has no rows (it is empty)")
    index = _find_header(head) if header_at is None else next(
        (i for i, (n, _) in enumerate(head) if n == header_at), 0)
    table = Table(name=name, format=fmt, header=[], rows=[])
    skipped = [n for n, c in head[:index] if not _blank(c)]
    if skipped:
        table.notes.append(f"row(s) {', '.join(map(str, skipped))} above the header were not imported "
                           f"(a title or note?)")
    header_cells = head[index][1]
    last_header = head[index][0]
    for extra in range(1, header_rows):
        if index + extra < len(head):
            sub_number, sub = head[index + extra]
            header_cells = [(f"{a} {b}" if b.strip() and b.strip() != a.strip() else a) if a.strip()
                            else b for a, b in _zip_long(header_cells, sub)]
            last_header = sub_number
    table.header = _unique(header_cells)
    table.header_row = last_header
    width = len(table.header)

    def data() -> Iterator[tuple[int, list[str]]]:
        yield from (item for item in head[index + max(1, header_rows):])
        yield from it

    for number, cells in data():
        if _blank(cells):
            table.empty_rows.append(number)
            continue
        if len(cells) > width and not _blank(cells[width:]):
            table.rows.append(TableRow(number, cells, problems=[
                f"has {len(cells)} cells but the header has only {width} columns "
                f"(a cell with an unquoted separator?)"]))
            continue
        table.rows.append(TableRow(number, cells[:width]))
    return table


def _zip_long(a: list[str], b: list[str]) -> Iterator[tuple[str, str]]:
    for i in range(max(len(a), len(b))):
        yield (a[i] if i < len(a) else ""), (b[i] if i < len(b) else "")


# ---------------------------------------------------------------- CSV / TSV

def _delimiter(first_line: str, suffix: str) -> str:
    if suffix == ".tsv":
        return "\t"
    counts = {d: first_line.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_delimited(path: Path, data: bytes | None = None) -> Table:
    path = Path(path)
    if data is None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise TableError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    decoded = decode_bytes(data, path.name)
    text = decoded.text
    first_line = text[: text.find("\n") if "\n" in text else len(text)]
    delimiter = _delimiter(first_line, path.suffix.lower())
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        table = _build(path.name, "tsv" if delimiter == "\t" else "csv",
                       ((n, row) for n, row in enumerate(reader, start=1)))
    except csv.Error as exc:
        raise TableError(f"{path.name}: line {reader.line_num} cannot be read as CSV ({exc})") from None
    table.encoding = decoded.encoding
    return table


# ---------------------------------------------------------------- XLSX

_MERGE_RE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _col_index(letters: bytes | str) -> int:
    n = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        n = n * 26 + ord(ch) - 64
    return n - 1


def _merges(ws: Any) -> list[tuple[int, int, int, int]]:
    """(min_row, min_col, max_row, max_col) of every merged range, 1-based rows, 0-based cols.

    Read-only worksheets do not parse <mergeCells>, which sits after the cell
    data; scanning the raw XML for it streams even a 100,000-row sheet quickly.
    """
    found: list[tuple[int, int, int, int]] = []
    tail = b""
    with ws._get_source() as src:  # the sheet's XML inside the zip
        while chunk := src.read(1 << 20):
            buf = tail + chunk
            if b"mergeCell" in buf:
                for m in _MERGE_RE.finditer(buf):
                    c1, r1 = _col_index(m.group(1)), int(m.group(2))
                    c2, r2 = (_col_index(m.group(3)), int(m.group(4))) if m.group(3) else (c1, r1)
                    found.append((r1, c1, r2, c2))
            tail = buf[-200:]
    return sorted(set(found))


def _letter(col: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(col + 1)


def _sheet(wb: Any, name: str | None, file_name: str) -> Any:
    if name is None:
        return wb.worksheets[0]
    if name not in wb.sheetnames:
        raise TableError(f"{file_name}: has no sheet “{name}” (sheets: {', '.join(wb.sheetnames)})")
    return wb[name]


def read_xlsx(path: Path, sheet: str | None = None, progress: ProgressFn | None = None) -> Table:
    import openpyxl

    path = Path(path)
    # A damaged workbook fails deep inside zipfile, zlib or openpyxl with many
    # kinds of error (found by tests/fault's fuzzer); each becomes one message.
    damaged = (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error,
               NotImplementedError, IndexError, TypeError, AttributeError)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=False)
    except damaged as exc:
        raise TableError(f"{path.name}: is not a readable .xlsx workbook ({exc or type(exc).__name__})") from None
    try:
        return _read_workbook(wb, path, sheet, progress)
    except TableError:
        raise
    except damaged as exc:
        raise TableError(f"{path.name}: the workbook is damaged ({exc or type(exc).__name__})") from None


def _read_workbook(wb: Any, path: Path, sheet: str | None, progress: ProgressFn | None) -> Table:
    try:
        if not wb.worksheets:
            raise TableError(f"{path.name}: the workbook has no worksheet")
        ws = _sheet(wb, sheet, path.name)
        merges = _merges(ws)
        formulas: dict[tuple[int, int], str] = {}
        raw: list[tuple[int, list[str]]] = []
        total = ws.max_row or 0
        for number, values in enumerate(ws.iter_rows(values_only=True), start=ws.min_row or 1):
            cells = [_text(v) for v in values]
            for col, value in enumerate(values):
                if isinstance(value, str) and value.startswith("=") or hasattr(value, "text"):
                    formulas[(number, col)] = _text(value)
            raw.append((number, cells))
            if progress is not None and number % 5000 == 0:
                progress(number, total, path.name)
        title = ws.title
    finally:
        wb.close()
    cached = _cached_values(path, sheet, formulas) if formulas else {}
    by_number = {n: cells for n, cells in raw}
    notes = _apply_merges(merges, by_number)
    header_rows, header_at = _header_span(raw, merges)
    table = _build(path.name, "xlsx", raw, header_rows=header_rows, header_at=header_at)
    table.sheet = title
    table.notes += notes
    _formula_notes(table, formulas, cached)
    return table


def _cached_values(path: Path, sheet: str | None, formulas: dict[tuple[int, int], str]
                   ) -> dict[tuple[int, int], Any]:
    """The values Excel saved for the formula cells (None where it saved none)."""
    import openpyxl

    wanted_rows = {r for r, _ in formulas}
    out: dict[tuple[int, int], Any] = {}
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = _sheet(wb, sheet, path.name)
        last = max(wanted_rows)
        for number, values in enumerate(ws.iter_rows(values_only=True, max_row=last), start=ws.min_row or 1):
            if number in wanted_rows:
                for (r, c) in formulas:
                    if r == number:
                        out[(r, c)] = values[c] if c < len(values) else None
    finally:
        wb.close()
    return out


def _apply_merges(merges: list[tuple[int, int, int, int]],
                  by_number: dict[int, list[str]]) -> list[str]:
    notes = []
    for r1, c1, r2, c2 in merges:
        top = by_number.get(r1)
        value = top[c1] if top is not None and c1 < len(top) else ""
        for r in range(r1, r2 + 1):
            cells = by_number.get(r)
            if cells is None:
                continue
            while len(cells) <= c2:
                cells.append("")
            for c in range(c1, c2 + 1):
                cells[c] = value
        notes.append(f"cells {_letter(c1)}{r1}:{_letter(c2)}{r2} are merged; “{value}” was read "
                     f"for each cell they cover")
    return notes


def _header_span(raw: list[tuple[int, list[str]]], merges: list[tuple[int, int, int, int]]
                 ) -> tuple[int, int | None]:
    """How many rows the header takes: more than one when its merged cells reach down."""
    index = _find_header(raw[:HEADER_SEARCH])
    if not raw:
        return 1, None
    header_number = raw[index][0]
    depth = max((r2 - r1 + 1 for r1, _, r2, _ in merges if r1 == header_number), default=1)
    return depth, header_number


def _formula_notes(table: Table, formulas: dict[tuple[int, int], str],
                   cached: dict[tuple[int, int], Any]) -> None:
    rows = {row.number: row for row in table.rows}
    for (number, col), formula in sorted(formulas.items()):
        row = rows.get(number)
        if row is None or col >= len(row.cells):
            continue
        where = f"cell {_letter(col)}{number}"
        value = cached.get((number, col))
        if value is None:
            row.problems.append(f"{where} holds the formula {formula} with no saved result; "
                                f"formulas are not calculated on import — paste the values instead")
        elif _text(value) == formula:
            continue  # text that merely starts with '=' (typed with a leading apostrophe)
        else:
            row.cells[col] = _text(value)
            row.notes.append(f"{where} holds the formula {formula}; its saved result "
                             f"“{_text(value)}” was imported")


# ---------------------------------------------------------------- any file

SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def read_table(path: Path | str, sheet: str | None = None, progress: ProgressFn | None = None) -> Table:
    """Read a CSV, TSV or XLSX file; TableError/EncodingError name the file when it cannot be."""
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() == ".xls":
            raise TableError(f"{path.name}: is an old Excel 97–2003 workbook; save it as .xlsx "
                             f"(Excel Workbook) and import that")
        raise TableError(f"{path.name}: import reads .csv, .tsv and .xlsx files")
    if not path.is_file():
        raise TableError(f"{path.name}: not found")
    if kind == "xlsx":
        return read_xlsx(path, sheet, progress)
    return read_delimited(path)
