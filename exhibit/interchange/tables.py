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

Both readers stream and hold the file to limits.py as they go (cells, rows,
columns, memory): a CSV is decoded line by line (encodings.py), an .xlsx is
read by our own bounded reader (xlsx.py). A CSV quote that never closes is
refused, naming the row where it opened, rather than swallowing the rows after it.

A CSV too large to hold (a museum's million-row export: 1.3 GB, several GB as
Python strings) is read as a *streamed* table (`read_table(..., stream_over=…)`):
the header, the encoding and the first SAMPLE_ROWS rows (enough for the mapping
guess and the preview) are read at once; `Table.each_row()` reads the file again
from its start, row by row, each time it is called (the import's worker does,
importer.stream_outcomes), holding only the row in hand to the memory limit.
"""
from __future__ import annotations

import bisect
import csv
import functools
import io
import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from exhibit.interchange import xlsx
from exhibit.interchange.encodings import detect, text_lines
from exhibit.interchange.limits import CELL_CHARS, Budget, TableError, check_row_number, check_width
from exhibit.problems import Problem

ProgressFn = Callable[[int, int, str], None]
HEADER_SEARCH = 20  # rows looked at to find the header


@dataclass
class TableRow:
    number: int
    cells: list[str]
    problems: list[Problem] = field(default_factory=list)  # make the row rejected
    notes: list[Problem] = field(default_factory=list)     # warnings; the row still imports

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
    delimiter: str | None = None  # a CSV/TSV file's (a rejects file is written with the same)
    sheet: str | None = None
    empty_rows: list[int] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    path: Path | None = None      # the file, read again by each_row() when streamed
    streamed: bool = False        # `rows` holds only the first rows; each_row() gives them all

    def column(self, name: str) -> int:
        return self.header.index(name)

    def each_row(self) -> Iterator[TableRow]:
        """Every data row in file order: the rows held, or, for a streamed table, the file
        read again from its start (TableError if it changed so that it no longer reads)."""
        if not self.streamed:
            yield from self.rows
            return
        yield from stream_delimited(self)


# ---------------------------------------------------------------- common

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
           header_rows: int = 1, header_at: int | None = None, limit: int | None = None) -> Table:
    """Split numbered raw rows into header and data; skip and report empty rows.

    `limit`: keep only the first `limit` data rows, and mark the table streamed when the
    file has more (the caller sets its path)."""
    table, data, last = _split(name, fmt, numbered, header_rows=header_rows, header_at=header_at)
    rows = _data_rows(table, data, last)
    if limit is None:
        table.rows.extend(rows)
        return table
    table.rows.extend(itertools.islice(rows, limit))
    table.streamed = next(rows, None) is not None
    return table


def _split(name: str, fmt: str, numbered: Iterable[tuple[int, list[str]]], *,
           header_rows: int = 1, header_at: int | None = None
           ) -> tuple[Table, Iterator[tuple[int, list[str]]], int]:
    """The table with its header (no rows yet), the numbered raw rows after the header, and
    the number of the header's last row (a merged header may reach below its last cells)."""
    it = iter(numbered)
    head: list[tuple[int, list[str]]] = []
    for item in it:
        head.append(item)
        if len(head) >= HEADER_SEARCH:
            break
    if all(_blank(c) for _, c in head) and len(head) < HEADER_SEARCH:
        raise TableError(Problem(None, "file_empty", {"file": name}))
    index = _find_header(head) if header_at is None else next(
        (i for i, (n, _) in enumerate(head) if n == header_at), 0)
    table = Table(name=name, format=fmt, header=[], rows=[])
    skipped = [n for n, c in head[:index] if not _blank(c)]
    if skipped:
        table.notes.append(Problem(None, "rows_above_header", {"rows": ", ".join(map(str, skipped))}))
    header_cells = head[index][1]
    last_header = head[index][0]
    # The header's rows by number: an .xlsx leaves out rows that have no cells.
    last = last_header + max(1, header_rows) - 1
    below = index + 1
    while below < len(head) and head[below][0] <= last:
        sub_number, sub = head[below]
        header_cells = [(f"{a} {b}" if b.strip() and b.strip() != a.strip() else a) if a.strip()
                        else b for a, b in _zip_long(header_cells, sub)]
        last_header = sub_number
        below += 1
    table.header = _unique(header_cells)
    table.header_row = last_header
    return table, itertools.chain(head[below:], it), last


def _data_rows(table: Table, data: Iterator[tuple[int, list[str]]], last_header: int) -> Iterator[TableRow]:
    """The data rows as TableRows; empty rows are left out and noted in `table.empty_rows`."""
    width = len(table.header)
    previous = last_header
    for number, cells in data:
        if number > previous + 1:  # rows an .xlsx does not list are empty
            table.empty_rows.extend(range(previous + 1, number))
        previous = number
        if _blank(cells):
            table.empty_rows.append(number)
            continue
        if len(cells) > width and not _blank(cells[width:]):
            yield TableRow(number, cells, problems=[
                Problem(None, "row_too_wide", {"count": len(cells), "width": width})])
            continue
        yield TableRow(number, cells[:width])


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


def read_delimited(path: Path, data: bytes | None = None, *, sample: int | None = None) -> Table:
    """Read a CSV or TSV file (or `data`, its bytes), streaming, within limits.py's limits.

    `sample`: keep only the first `sample` data rows; if the file has more, the table is
    streamed (its `each_row()` reads the file again; `data` cannot be streamed)."""
    path = Path(path)
    try:
        stream: BinaryIO = io.BytesIO(data) if data is not None else open(path, "rb")
    except OSError as exc:
        raise TableError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    try:
        with stream:
            encoding = detect(stream, path.name)
            lines = text_lines(stream, encoding, path.name)
            first = next(iter(lines), "").lstrip("\ufeff")
            delimiter = _delimiter(first, path.suffix.lower())
            records = _CsvRecords(itertools.chain([first], lines), delimiter, path.name)
            table = _build(path.name, "tsv" if delimiter == "\t" else "csv", records,
                           limit=sample if data is None else None)
            if records.unclosed_quote is not None:  # only known once the last record is read
                _check_last_quote(stream, encoding, path.name, delimiter, records.unclosed_quote)
    except OSError as exc:
        raise TableError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    table.encoding = encoding
    table.delimiter = delimiter
    table.path = path if data is None else None
    return table


def stream_delimited(table: Table) -> Iterator[TableRow]:
    """Every data row of a streamed CSV/TSV table, read again from its file as `read_delimited`
    read it (the same encoding, delimiter, header and row numbers), holding one row at a
    time to the memory limit. Empty rows are noted in `table.empty_rows` as they are passed."""
    if table.path is None or table.encoding is None or table.delimiter is None:
        raise TableError(f"{table.name}: only a file that was read can be read again")
    name = table.name
    try:
        stream: BinaryIO = open(table.path, "rb")
    except OSError as exc:
        raise TableError(f"{name}: cannot be read again ({exc.strerror or exc})") from None
    try:
        with stream:
            lines = iter(text_lines(stream, table.encoding, name))
            first = next(lines, "").lstrip("\ufeff")
            records = _CsvRecords(itertools.chain([first], lines), table.delimiter, name, held=False)
            again, data, last = _split(name, table.format, records)
            if again.header != table.header:
                raise TableError(f"{name}: the file changed while it was being imported; import it again")
            table.empty_rows.clear()
            for row in _data_rows(again, data, last):
                yield row
                if again.empty_rows:
                    table.empty_rows.extend(again.empty_rows)
                    again.empty_rows.clear()
            table.empty_rows.extend(again.empty_rows)
            if records.unclosed_quote is not None:
                _check_last_quote(stream, table.encoding, name, table.delimiter, records.unclosed_quote)
    except OSError as exc:
        raise TableError(f"{name}: cannot be read again ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise TableError(f"{name}: the file changed while it was being imported; import it again") from None


class _CsvRecords:
    """(row number, cells) of each CSV record, refusing a cell, row or table beyond the
    limits. A quote that never closes swallows every line after it into one cell: csv
    either stops it at the cell limit (an error here) or, when the file ends first, gives
    the swallowing record as the last one; `unclosed_quote` then holds its (row, line)
    for `_check_last_quote`."""

    def __init__(self, lines: Iterator[str], delimiter: str, name: str, *, held: bool = True):
        self.reader = csv.reader(lines, delimiter=delimiter)
        self.name = name
        self.budget = Budget(name)
        self.held = held  # False: each row is let go before the next (a streamed table)
        self.unclosed_quote: tuple[int, int] | None = None

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader, name = self.reader, self.name
        saved = csv.field_size_limit(CELL_CHARS)  # csv's own check stops an endless quoted cell early
        number = 0
        last: tuple[int, int] | None = None
        try:
            while True:
                start = reader.line_num + 1  # the line this record starts on
                try:
                    cells = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    raise _record_error(name, number + 1, start, reader.line_num, exc) from None
                number += 1
                where = functools.partial(_at_row, number, start)  # made only when a limit is passed
                check_row_number(name, number)
                check_width(name, len(cells), where)
                self.budget.row(cells, where)
                if not self.held:
                    self.budget.used = 0  # one row at a time is held: each is held to the whole limit
                last = (number, start) if reader.line_num > start else None
                yield number, cells
        finally:
            csv.field_size_limit(saved)
        self.unclosed_quote = last


def _check_last_quote(stream: BinaryIO, encoding: str, name: str, delimiter: str,
                      last: tuple[int, int]) -> None:
    """Refuse the file if its last record (`last`: row, line), which ran over several lines,
    ended inside a quote: read strictly, csv then says 'unexpected end of data'."""
    number, start = last
    lines = itertools.islice(text_lines(stream, encoding, name), start - 1, None)
    try:
        for _ in csv.reader(lines, delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise TableError(Problem(None, "csv_quote_never_closed",
                                     {"file": name, "row": number, "line": start})) from None


def _at_row(number: int, start: int) -> Problem:
    """'row 5', or 'row 5 (line 7)' when the rows above held line breaks."""
    return (Problem(None, "at_row", {"row": number}) if start == number
            else Problem(None, "at_row_line", {"row": number, "line": start}))


def _record_error(name: str, number: int, start: int, end: int, exc: csv.Error) -> TableError:
    where = _at_row(number, start)
    if "field larger than field limit" in str(exc):
        code = "csv_quote_too_long" if end > start else "csv_cell_too_long"
        return TableError(Problem(None, code, {"file": name, "where": where, "limit": CELL_CHARS}))
    return TableError(Problem(None, "csv_unreadable", {"file": name, "where": where, "detail": str(exc)}))


# ---------------------------------------------------------------- XLSX

def _letter(col: int) -> str:
    return xlsx.column_letter(col)


def read_xlsx(path: Path, sheet: str | None = None, progress: ProgressFn | None = None) -> Table:
    path = Path(path)
    budget = Budget(path.name)
    found = xlsx.read_sheet(path, sheet, budget, progress)
    raw = found.rows
    by_number = {n: cells for n, cells in raw}
    notes = _apply_merges(found.merges, by_number, raw, budget)
    header_rows, header_at = _header_span(raw, found.merges)
    table = _build(path.name, "xlsx", raw, header_rows=header_rows, header_at=header_at)
    table.sheet = found.title
    table.notes += notes
    _formula_notes(table, found.formulas, found.results)
    return table


def _apply_merges(merges: list[tuple[int, int, int, int]], by_number: dict[int, list[str]],
                  raw: list[tuple[int, list[str]]], budget: Budget) -> list[Problem]:
    """Give each merged range's value to every cell it covers, in the rows the sheet has;
    each covered cell is charged (a range can cover a million rows, ranges can overlap)."""
    numbers = [n for n, _ in raw]
    notes = []
    for r1, c1, r2, c2 in merges:
        top = by_number.get(r1)
        value = top[c1] if top is not None and c1 < len(top) else ""
        where = Problem(None, "at_merged_cells", {"range": f"{_letter(c1)}{r1}:{_letter(c2)}{r2}"})
        for r in numbers[bisect.bisect_left(numbers, r1):bisect.bisect_right(numbers, r2)]:
            cells = by_number[r]
            budget.charge(8 * (c2 - c1 + 1), where)
            if len(cells) <= c2:
                cells.extend([""] * (c2 + 1 - len(cells)))
            cells[c1:c2 + 1] = [value] * (c2 - c1 + 1)
        notes.append(Problem(None, "merged_cells", {"range": f"{_letter(c1)}{r1}:{_letter(c2)}{r2}",
                                                    "value": value}))
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
                   results: dict[tuple[int, int], str | None]) -> None:
    """A formula's saved result is imported with a warning; with none, the row is refused."""
    rows = {row.number: row for row in table.rows}
    for (number, col), formula in sorted(formulas.items()):
        row = rows.get(number)
        if row is None or col >= len(row.cells):
            continue
        cell = f"{_letter(col)}{number}"
        value = results.get((number, col))
        if value is None:
            row.problems.append(Problem(None, "formula_without_value", {"cell": cell, "formula": formula}))
        else:
            row.cells[col] = value
            row.notes.append(Problem(None, "formula_value", {"cell": cell, "formula": formula, "value": value}))


# ---------------------------------------------------------------- any file

SUFFIXES = {".csv": "csv", ".tsv": "tsv", ".txt": "csv", ".xlsx": "xlsx", ".xlsm": "xlsx"}


def read_table(path: Path | str, sheet: str | None = None, progress: ProgressFn | None = None, *,
               stream_over: int | None = None) -> Table:
    """Read a CSV, TSV or XLSX file; TableError/EncodingError name the file when it cannot be.

    `stream_over`: a CSV/TSV file larger than this many bytes is read as a streamed table
    (its first SAMPLE_ROWS rows held; `each_row()` reads them all). An .xlsx is always held.
    """
    path = Path(path)
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        if path.suffix.lower() == ".xls":
            raise TableError(Problem(None, "xls_workbook", {"file": path.name}))
        raise TableError(Problem(None, "file_kind", {"file": path.name}))
    if not path.is_file():
        raise TableError(Problem(None, "file_not_found", {"file": path.name}))
    if kind == "xlsx":
        return read_xlsx(path, sheet, progress)
    big = stream_over is not None and path.stat().st_size > stream_over
    return read_delimited(path, sample=SAMPLE_ROWS if big else None)


SAMPLE_ROWS = 2000   # rows of a streamed table held for the mapping guess and the preview
STREAM_BYTES = 64 * 1024 ** 2  # a CSV larger than this is streamed by the import (~50,000 rows)
