"""How large a table the import reads, and the running count that holds a file to it.

A spreadsheet is read into memory before it is checked (the header, merged
cells and duplicates need all of it), so a file that is small on disk but
large once read could take the machine's memory: a 1 MB .xlsx can unpack to
gigabytes, and a CSV of two-letter cells costs twenty times its size as Python
strings. Every reader therefore counts, while it reads, what the rows it has
made so far take, and stops at the first cell, row or byte beyond a limit,
naming the file and the row. The limits are Excel's own where Excel has one
(nothing larger can come from a spreadsheet program), and a memory budget that
a 100,000-row catalogue (the benchmark's, ~200 MB by this count) fits with room to spare.
"""
from __future__ import annotations

import sys

from exhibit.errors import ExhibitError

CELL_CHARS = 32_767           # Excel's limit on the text of one cell
MAX_ROWS = 1_048_576          # Excel's rows per sheet
MAX_COLUMNS = 16_384          # Excel's columns per sheet (A … XFD)
TABLE_BUDGET = 320 * 1024 ** 2  # bytes the rows of one table may take in memory
# What a row costs besides its cells: the list, the (number, cells) pair, the TableRow
# and its two lists of problems and notes (measured with sys.getsizeof, rounded up).
ROW_OVERHEAD = 400
_SLOT = 9                     # a list's pointer to a cell's string, with the list's spare room
STRING_SLACK = 16             # what the allocator adds to each string beyond sys.getsizeof
# (measured: 1,000 two-letter cells a row take ~76 KB where getsizeof counts 58 KB)


class TableError(ExhibitError):
    """The file cannot be read as a table; the message names it."""


class Budget:
    """The memory the rows read so far take (an estimate that errs high), for one file."""

    def __init__(self, name: str, limit: int = TABLE_BUDGET):
        self.name = name
        self.limit = limit
        self.used = 0

    def charge(self, size: int, where: str) -> None:
        self.used += size
        if self.used > self.limit:
            raise TableError(f"{self.name}: is too large to import at once (at {where} its cells "
                             f"already take more than {self.limit // 1024 ** 2} MB in memory); "
                             f"split it into smaller files")

    def row(self, cells: list[str], where: str, *, own: int | None = None) -> None:
        """Charge a row whose cells are new strings; `own` overrides the cells' own size
        (an .xlsx row whose text comes from the shared-string table, already charged)."""
        size = ROW_OVERHEAD + _SLOT * len(cells)
        if own is None:
            own = string_size(cells)
        self.charge(size + own, where)

    def text(self, value: str, where: str) -> None:
        """A string kept once and shared by the cells that use it."""
        self.charge(sys.getsizeof(value) + STRING_SLACK + _SLOT, where)


def string_size(cells: list[str]) -> int:
    """What the non-empty strings of `cells` take (the empty string is shared)."""
    return sum(map(sys.getsizeof, filter(None, cells))) + STRING_SLACK * (len(cells) - cells.count(""))


def check_cell(name: str, length: int, where: str) -> None:
    if length > CELL_CHARS:
        raise TableError(f"{name}: {where} holds more than {CELL_CHARS:,} characters, more than "
                         f"a spreadsheet cell can (Excel's limit); it cannot be imported")


def check_row_number(name: str, number: int, what: str = "row") -> None:
    if number > MAX_ROWS:
        raise TableError(f"{name}: has more than {MAX_ROWS:,} rows ({what} {number:,}), more than "
                         f"a spreadsheet can hold; split it into smaller files")


def check_width(name: str, width: int, where: str) -> None:
    if width > MAX_COLUMNS:
        raise TableError(f"{name}: {where} has {width:,} cells, more than the {MAX_COLUMNS:,} "
                         f"columns a spreadsheet can hold; it cannot be imported")
