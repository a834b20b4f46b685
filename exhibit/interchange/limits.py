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
from typing import Callable, Union

from exhibit.errors import ExhibitError
from exhibit.problems import Problem

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


# Where in the file a limit was passed ("row 5", "cell B2"): a Problem (at_row, at_cell …),
# or a function making it, so that a reader's loop makes one only when a limit is passed.
Where = Union[Problem, Callable[[], Problem]]


def _where(where: Where) -> Problem:
    return where if isinstance(where, Problem) else where()


class Budget:
    """The memory the rows read so far take (an estimate that errs high), for one file."""

    def __init__(self, name: str, limit: int = TABLE_BUDGET):
        self.name = name
        self.limit = limit
        self.used = 0

    def charge(self, size: int, where: Where) -> None:
        self.used += size
        if self.used > self.limit:
            raise TableError(Problem(None, "table_too_large", {"file": self.name, "where": _where(where),
                                                               "mb": self.limit // 1024 ** 2}))

    def row(self, cells: list[str], where: Where, *, own: int | None = None) -> None:
        """Charge a row whose cells are new strings; `own` overrides the cells' own size
        (an .xlsx row whose text comes from the shared-string table, already charged)."""
        size = ROW_OVERHEAD + _SLOT * len(cells)
        if own is None:
            own = string_size(cells)
        self.charge(size + own, where)

    def text(self, value: str, where: Where) -> None:
        """A string kept once and shared by the cells that use it."""
        self.charge(sys.getsizeof(value) + STRING_SLACK + _SLOT, where)


def string_size(cells: list[str]) -> int:
    """What the non-empty strings of `cells` take (the empty string is shared)."""
    return sum(map(sys.getsizeof, filter(None, cells))) + STRING_SLACK * (len(cells) - cells.count(""))


def check_cell(name: str, length: int, where: Where) -> None:
    if length > CELL_CHARS:
        raise TableError(Problem(None, "cell_too_long", {"file": name, "where": _where(where),
                                                         "limit": CELL_CHARS}))


def check_row_number(name: str, number: int, code: str = "at_row") -> None:
    """`code` says how the row was reached: at_row, or merged_reaches_row for a merged range."""
    if number > MAX_ROWS:
        raise TableError(Problem(None, "too_many_rows", {"file": name, "limit": MAX_ROWS,
                                                         "where": Problem(None, code, {"row": number})}))


def check_width(name: str, width: int, where: Where) -> None:
    if width > MAX_COLUMNS:
        raise TableError(Problem(None, "too_many_columns", {"file": name, "where": _where(where),
                                                            "count": width, "limit": MAX_COLUMNS}))
