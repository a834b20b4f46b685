"""Reading the first (or a named) worksheet of an .xlsx workbook, every size bounded
before it is paid for.

An .xlsx file is a zip of XML parts, and both layers can be made hostile: a
1 MB file can unpack to a 1 GB cell, a 6 MB one to 20 million rows, a part can
declare a document type with entities (an external file, or "billion laughs"),
and a damaged part fails deep inside whichever XML parser reads it. openpyxl,
used before, parsed with lxml where it was installed and with ElementTree
otherwise, built each cell's whole text before anyone could look at it, and
kept reading rows until memory ran out. This reader uses expat (the standard
library's, the same on every machine) and streams each part through it:

- the zip: at most MAX_MEMBERS members (counted from the end record before the
  directory is loaded); no encrypted members; each part read checks its
  declared size against PART_LIMIT first and counts the bytes it actually
  unpacks as well, since the declared size can lie;
- the XML: a document type declaration is refused the moment it starts (so no
  entity is ever defined); no more than TAG_GAP bytes between two tags (expat
  keeps a whole tag or comment in memory until it ends); elements nested at
  most MAX_DEPTH deep;
- the cells: a cell's text stops at Excel's 32,767 characters as it streams
  in; rows, columns and the memory the rows take are held to limits.py.

Everything that goes wrong is a TableError naming the file and, where it
helps, the part, row or cell.
"""
from __future__ import annotations

import datetime as _dt
import functools
import posixpath
import re
import struct
import sys
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from xml.parsers import expat

from exhibit.interchange.limits import (
    CELL_CHARS,
    MAX_COLUMNS,
    STRING_SLACK,
    Budget,
    TableError,
    Where,
    check_cell,
    check_row_number,
    check_width,
)
from exhibit.problems import Problem

ProgressFn = Callable[[int, int, str], None]

PART_LIMIT = 512 * 1024 ** 2  # uncompressed bytes of a sheet or the shared strings (100,000 rows: ~210 MB)
SMALL_PART = 32 * 1024 ** 2   # of the workbook, its relationships and its styles (a few kB to a few MB)
MAX_ELEMENTS = 20_000_000     # in one part: every element costs expat a call into Python (~0.5 µs);
                              # 100,000 rows of 11 cells have ~3.5 million
MAX_MEMBERS = 10_000          # zip members (a workbook has a few dozen)
TAG_GAP = 1024 ** 2           # bytes between two '<': a tag, a comment or one text run
MAX_DEPTH = 64                # element nesting (a worksheet needs about 8)
MAX_STYLES = 65_536           # Excel allows 64,000 cell formats
CHUNK = 1 << 16
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003, and every encrypted workbook
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]*)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Number formats 27-36 and 50-58 are the East Asian locales' built-in dates and times
# (yyyy"年"m"月"d"日", h"时"mm"分" …), which ECMA-376 leaves to the locale.
_EAST_ASIAN_DATES = frozenset([*range(27, 37), *range(50, 59)])


def _at_row(number: int) -> Problem:
    return Problem(None, "at_row", {"row": number})


def _damaged(name: str, detail: str) -> Problem:
    """'<file>: the workbook is damaged (<what is wrong, in the format's own terms>)'."""
    return Problem(None, "xlsx_damaged", {"file": name, "detail": detail})
_TIMES = frozenset([32, 33, 34, 35, 55, 56])


@dataclass
class Sheet:
    title: str
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 (cols 0-based)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)      # (row, col) → "=…"
    results: dict[tuple[int, int], str | None] = field(default_factory=dict)  # their saved results


def cell_text(value: Any) -> str:
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
    return str(value)


def column_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def unescape(text: str) -> str:
    """Excel writes characters XML cannot hold (a carriage return …) as _xHHHH_, and a
    literal '_x' that would look like one as _x005F_x…."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


# ---------------------------------------------------------------- the zip

def check_container(path: Path) -> None:
    """Refuse, by the first bytes, what is not a zip: an old .xls, an encrypted workbook."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            encrypted = head == OLE_MAGIC and _contains(f, "EncryptedPackage".encode("utf-16-le"))
    except OSError as exc:
        raise TableError(Problem(None, "file_unreadable", {"file": path.name,
                                                            "detail": str(exc.strerror or exc)})) from None
    if head == OLE_MAGIC:
        raise TableError(Problem(None, "xlsx_password" if encrypted else "xlsx_is_xls", {"file": path.name}))
    if not head:
        raise TableError(Problem(None, "xlsx_empty", {"file": path.name}))
    if not head.startswith(b"PK"):
        raise TableError(Problem(None, "xlsx_not_zip", {"file": path.name}))


def _contains(f: Any, needle: bytes) -> bool:
    tail = b""
    while chunk := f.read(CHUNK):
        if needle in tail + chunk:
            return True
        tail = chunk[-len(needle):]
    return False


def _member_count(path: Path) -> int | None:
    """Members in the zip's end record, read before zipfile loads the whole directory
    (a small file can list millions). None when the end record cannot be found."""
    try:
        with open(path, "rb") as f:
            end = zipfile._EndRecData(f)  # type: ignore[attr-defined]  # stable since Python 2
    except (OSError, struct.error, AttributeError):
        return None
    return None if end is None else end[4]  # zipfile._ECD_ENTRIES_TOTAL


class Package:
    """The workbook's zip, read part by part within the limits."""

    def __init__(self, path: Path):
        self.path = path
        self.name = path.name
        check_container(path)
        count = _member_count(path)
        if count is not None and count > MAX_MEMBERS:
            raise TableError(Problem(None, "xlsx_too_many_files", {"file": self.name, "count": count}))
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
                struct.error, NotImplementedError, RuntimeError) as exc:
            raise TableError(Problem(None, "xlsx_unreadable", {"file": self.name,
                                                                "detail": str(exc or type(exc).__name__)})) from None
        self.members = {info.filename: info for info in self.zip.infolist()}

    def close(self) -> None:
        self.zip.close()

    def has(self, part: str) -> bool:
        return part in self.members

    def chunks(self, part: str, limit: int = PART_LIMIT) -> Iterator[bytes]:
        info = self.members.get(part)
        if info is None:
            raise TableError(_damaged(self.name, f"its part {part} is missing"))
        if info.flag_bits & 0x1:
            raise TableError(Problem(None, "xlsx_encrypted_part", {"file": self.name, "part": part}))
        if info.file_size > limit:
            raise TableError(Problem(None, "xlsx_part_too_large", {"file": self.name, "part": part,
                                                                    "size": round(info.file_size / 1e6),
                                                                    "mb": limit // 1024 ** 2}))
        total = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > limit:  # the declared size lied
                        raise TableError(Problem(None, "xlsx_part_bomb", {"file": self.name, "part": part,
                                                                          "mb": limit // 1024 ** 2}))
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError, struct.error) as exc:
            raise TableError(_damaged(self.name, f"its part {part} cannot be unpacked: "
                             f"{exc or type(exc).__name__}")) from None

    def parse(self, part: str, handler: "_Handler", limit: int = SMALL_PART) -> None:
        """Stream `part` through expat into `handler`, refusing a DTD, oversized tags, deep nesting."""
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = CHUNK
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = lambda *_: self._refuse_dtd(part)
        parser.EntityDeclHandler = lambda *_: self._refuse_dtd(part)
        parser.StartElementHandler = handler.enter
        parser.EndElementHandler = handler.leave
        parser.CharacterDataHandler = handler.text
        handler.name, handler.part = self.name, part
        gap = 0
        try:
            for chunk in self.chunks(part, limit):
                gap = self._gap(chunk, gap, part)
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise TableError(_damaged(self.name, f"{part}, line {exc.lineno}, column "
                             f"{exc.offset}: {expat.ErrorString(exc.code)}")) from None
        except (LookupError, ValueError, UnicodeError, RecursionError) as exc:
            # An XML declaration naming an encoding expat cannot use (or no encoding at all).
            raise TableError(_damaged(self.name, f"{part} cannot be read: "
                             f"{exc or type(exc).__name__}")) from None

    def _refuse_dtd(self, part: str) -> None:
        raise TableError(Problem(None, "xlsx_dtd", {"file": self.name, "part": part}))

    def _gap(self, chunk: bytes, since: int, part: str) -> int:
        """Bytes since the last '<', checked so that no single tag, comment or text run in
        expat's buffer grows past TAG_GAP."""
        first = chunk.find(b"<")
        if first == -1:
            since += len(chunk)
        else:
            if since + first > TAG_GAP:
                since += first
            else:
                since = len(chunk) - chunk.rfind(b"<") - 1
        if since > TAG_GAP:
            raise TableError(Problem(None, "xlsx_no_tag", {"file": self.name, "part": part,
                                                           "mb": TAG_GAP // 1024 ** 2}))
        return since


# ---------------------------------------------------------------- XML handlers

def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _attr(attrs: dict[str, str], local: str) -> str | None:
    """An attribute by its local name, whatever its prefix."""
    if local in attrs:
        return attrs[local]
    for key, value in attrs.items():
        if key.rpartition(":")[2] == local:
            return value
    return None


class _Handler:
    """Tracks nesting; subclasses see each element's local name."""
    name = ""
    part = ""

    def __init__(self) -> None:
        self.depth = 0
        self.elements = 0

    def enter(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH:
            raise TableError(Problem(None, "xlsx_too_deep", {"file": self.name, "part": self.part,
                                                             "depth": MAX_DEPTH}))
        if self.elements > MAX_ELEMENTS:
            raise TableError(Problem(None, "xlsx_too_many_elements", {"file": self.name, "part": self.part,
                                                                      "limit": MAX_ELEMENTS}))
        self.start(_local(tag), attrs)

    def leave(self, tag: str) -> None:
        self.depth -= 1
        self.end(_local(tag))

    def start(self, tag: str, attrs: dict[str, str]) -> None: ...

    def end(self, tag: str) -> None: ...

    def text(self, data: str) -> None: ...


class _Text:
    """A cell's text as it streams in, refused the moment it passes Excel's limit."""
    __slots__ = ("pieces", "length", "where")

    def __init__(self, where: Where):
        self.pieces: list[str] = []
        self.length = 0
        self.where = where

    def add(self, data: str, name: str) -> None:
        self.length += len(data)
        check_cell(name, self.length, self.where)
        self.pieces.append(data)

    def value(self) -> str:
        return "".join(self.pieces)


class _Relationships(_Handler):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, tuple[str, str]] = {}  # id → (type, target)

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "Relationship" and len(self.found) < MAX_MEMBERS:
            self.found[attrs.get("Id", "")] = (attrs.get("Type", ""), attrs.get("Target", ""))


class _Workbook(_Handler):
    def __init__(self) -> None:
        super().__init__()
        self.sheets: list[tuple[str, str]] = []  # (name, relationship id)
        self.date1904 = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "sheet" and len(self.sheets) < MAX_MEMBERS:
            self.sheets.append((attrs.get("name", ""), _attr(attrs, "id") or ""))
        elif tag == "workbookPr":
            self.date1904 = attrs.get("date1904", "0").lower() in ("1", "true")


class _SharedStrings(_Handler):
    """The workbook's table of strings, each charged to the budget once."""

    def __init__(self, budget: Budget):
        super().__init__()
        self.budget = budget
        self.strings: list[str] = []
        self.current: _Text | None = None
        self.phonetic = 0   # inside <rPh>: a pronunciation guide, not the cell's text
        self.in_t = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "si":
            self.current = _Text(functools.partial(Problem, None, "at_shared_string",
                                                   {"number": len(self.strings) + 1}))
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "t":
            self.in_t = True

    def end(self, tag: str) -> None:
        if tag == "si" and self.current is not None:
            value = unescape(self.current.value())
            self.budget.text(value, self.current.where)
            self.strings.append(value)
            self.current = None
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "t":
            self.in_t = False

    def text(self, data: str) -> None:
        if self.in_t and self.current is not None and not self.phonetic:
            self.current.add(data, self.name)


class _Styles(_Handler):
    """Which cell formats show dates (numbers then read as dates, as Excel shows them)."""

    def __init__(self) -> None:
        super().__init__()
        self.custom: dict[int, str] = {}
        self.formats: list[int] = []  # cellXfs: the number format of each style index
        self.in_cell_xfs = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        if tag == "numFmt":
            number = _int(attrs.get("numFmtId"))
            if number is not None and len(self.custom) < MAX_STYLES:
                self.custom[number] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            self.in_cell_xfs = True
        elif tag == "xf" and self.in_cell_xfs:
            if len(self.formats) >= MAX_STYLES:
                raise TableError(Problem(None, "xlsx_too_many_formats", {"file": self.name, "limit": MAX_STYLES}))
            self.formats.append(_int(attrs.get("numFmtId")) or 0)

    def end(self, tag: str) -> None:
        if tag == "cellXfs":
            self.in_cell_xfs = False

    def kinds(self) -> tuple[set[int], set[int]]:
        """(style indexes that show dates or times, those that show durations)."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        dates: set[int] = set()
        durations: set[int] = set()
        for index, number in enumerate(self.formats):
            code = self.custom.get(number, BUILTIN_FORMATS.get(number))
            if code is None or len(code) > 255:  # Excel's limit for a format code
                if number in _EAST_ASIAN_DATES and number not in self.custom:
                    dates.add(index)
                continue
            if is_date_format(code):
                dates.add(index)
            if is_timedelta_format(code):
                durations.add(index)
        return dates, durations


def _int(text: str | None) -> int | None:
    return int(text) if text is not None and text.isascii() and text.isdigit() and len(text) < 10 else None


class _Worksheet(_Handler):
    """Rows of cell text, merged ranges and formulas, streamed and held to the limits.

    The hot path of a large import (a call per element and per text run): one method
    per event, no object per cell."""

    def __init__(self, title: str, strings: list[str], styles: tuple[set[int], set[int]], date1904: bool,
                 budget: Budget, progress: ProgressFn | None):
        super().__init__()
        self.sheet = Sheet(title)
        self.strings = strings
        self.dates, self.durations = styles
        self.epoch = _dt.datetime(1904, 1, 1) if date1904 else _dt.datetime(1899, 12, 30)
        self.budget = budget
        self.progress = progress
        self.total = 0          # rows the <dimension> claims: for progress only
        self.row: list[str] | None = None
        self.number = 0         # current row
        self.row_size = 0       # bytes of the current row's own strings
        self.column = -1        # current cell (-1: between cells)
        self.last_column = -1
        self.kind = "n"
        self.style = 0
        self.value: list[str] | None = None    # <v> text of the current cell
        self.formula: list[str] | None = None  # <f> text
        self.inline: list[str] | None = None   # <is> text
        self.target: list[str] | None = None   # where text goes now
        self.length = 0                        # characters in target
        self.value_length = self.inline_length = 0
        self.phonetic = 0
        self.in_inline = False
        self.columns: dict[str, int] = {}      # "AB" → 27, worked out once

    # -- events

    def enter(self, tag: str, attrs: dict[str, str]) -> None:
        self.depth += 1
        self.elements += 1
        if self.depth > MAX_DEPTH or self.elements > MAX_ELEMENTS:
            super().enter(tag, attrs)  # raises
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if self.column >= 0:  # inside a cell
            # A cell's text may come in several runs (<is><r><t>…</t></r><r>…): its length
            # counts on from the last run, the limit is the whole cell's.
            if tag == "v":
                self.target, self.length = self.value, self.value_length
            elif tag == "f":
                self.formula = self.target = []
                self.length = 0
            elif tag == "t":
                if self.in_inline and not self.phonetic:
                    self.target, self.length = self.inline, self.inline_length
            elif tag == "is":
                self.in_inline = True
                self.inline = []
            elif tag == "rPh":
                self.phonetic += 1
        elif tag == "c":
            if self.row is not None:
                self._start_cell(attrs)
        elif tag == "row":
            self._start_row(attrs)
        elif tag == "mergeCell":
            self._merge(attrs.get("ref", ""))
        elif tag == "dimension":
            match = re.fullmatch(r"[A-Z]{1,3}[0-9]+:[A-Z]{1,3}([0-9]{1,7})", attrs.get("ref", ""))
            self.total = int(match.group(1)) if match else 0

    def leave(self, tag: str) -> None:
        self.depth -= 1
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if self.column >= 0:
            if tag == "c":
                self._end_cell()
            elif tag in ("v", "f", "t"):
                if self.target is self.value:
                    self.value_length = self.length
                elif self.target is self.inline:
                    self.inline_length = self.length
                self.target = None
            elif tag == "is":
                self.in_inline = False
            elif tag == "rPh":
                self.phonetic -= 1
        elif tag == "row" and self.row is not None:
            self._end_row()

    def text(self, data: str) -> None:
        target = self.target
        if target is not None:
            self.length += len(data)
            if self.length > CELL_CHARS:
                check_cell(self.name, self.length, self._at)
            target.append(data)

    def _where(self) -> str:
        return f"cell {column_letter(self.column)}{self.number}"

    def _at(self) -> Problem:
        return Problem(None, "at_cell", {"cell": f"{column_letter(self.column)}{self.number}"})

    # -- rows

    def _start_row(self, attrs: dict[str, str]) -> None:
        given = attrs.get("r")
        number = self.number + 1 if given is None else _int(given)
        if number is None or number < 1:
            raise TableError(_damaged(self.name, f"a row after row {self.number} "
                             f"has the number {given!r}"))
        if number <= self.number:
            raise TableError(_damaged(self.name, f"row {number} comes after row "
                             f"{self.number}"))
        check_row_number(self.name, number)
        self.number = number
        self.row = []
        self.row_size = 0
        self.last_column = -1

    def _end_row(self) -> None:
        row = self.row
        assert row is not None
        self.budget.row(row, functools.partial(_at_row, self.number), own=self.row_size)
        self.sheet.rows.append((self.number, row))
        self.row = None
        if self.progress is not None and len(self.sheet.rows) % 5000 == 0:
            self.progress(self.number, self.total, self.name)

    # -- cells

    def _start_cell(self, attrs: dict[str, str]) -> None:
        ref = attrs.get("r")
        if ref is None:
            column = self.last_column + 1
        else:
            letters = ref.rstrip("0123456789")
            column = self.columns.get(letters, -1)
            if column < 0:
                if not (0 < len(letters) <= 3 and letters.isascii() and letters.isupper()
                        and letters.isalpha()):
                    raise TableError(_damaged(self.name, f"row {self.number} has a "
                                     f"cell named {ref[:20]!r}"))
                column = self.columns[letters] = column_index(letters)
        if column >= MAX_COLUMNS:
            check_width(self.name, column + 1, _at_row(self.number))
        self.column = self.last_column = column
        self.kind = attrs.get("t", "n")
        style = attrs.get("s")
        self.style = (_int(style) or 0) if style else 0
        self.value = []
        self.formula = self.inline = None
        self.value_length = self.inline_length = 0
        self.phonetic = 0
        self.in_inline = False

    def _end_cell(self) -> None:
        row = self.row
        assert row is not None and self.value is not None
        text, shared = self._cell_value()
        if self.formula is not None:
            where = (self.number, self.column)
            formula = "=" + ("".join(self.formula) or "…")  # a shared formula's other cells carry none
            self.sheet.formulas[where] = formula
            self.sheet.results[where] = text if self.value else None
            text, shared = formula, False
        if text:
            column = self.column
            if len(row) <= column:
                row.extend([""] * (column + 1 - len(row)))
            row[column] = text
            if not shared:
                self.row_size += sys.getsizeof(text) + STRING_SLACK
        self.column = -1
        self.value = self.formula = self.inline = self.target = None

    def _cell_value(self) -> tuple[str, bool]:
        """(the cell's text, whether it is the shared-string table's own string)."""
        assert self.value is not None
        kind = self.kind
        if kind == "inlineStr":
            return unescape("".join(self.inline or ())), False
        raw = "".join(self.value)
        if not raw:
            return "", False
        if kind == "s":
            index = _int(raw.strip())
            if index is None or index >= len(self.strings):
                raise TableError(_damaged(self.name, f"{self._where()} refers to shared "
                                 f"string {raw[:20]!r} of {len(self.strings):,}"))
            return self.strings[index], True
        if kind in ("str", "e"):
            return unescape(raw), False
        if kind == "b":
            return ("true" if raw.strip() in ("1", "true") else "false"), False
        if kind == "d":
            from openpyxl.utils.datetime import from_ISO8601
            try:
                return cell_text(from_ISO8601(raw.strip())), False
            except (ValueError, TypeError, OverflowError):
                return raw, False
        return self._number(raw.strip()), False

    def _number(self, raw: str) -> str:
        try:
            value: Any = float(raw) if any(c in raw for c in ".eEnN") else int(raw)
        except ValueError:
            raise TableError(_damaged(self.name, f"{self._where()} holds {raw[:20]!r} "
                             f"where a number belongs")) from None
        if self.style in self.dates:
            from openpyxl.utils.datetime import from_excel
            try:
                value = from_excel(value, self.epoch, timedelta=self.style in self.durations)
            except (OverflowError, ValueError):
                return "#VALUE!"  # a date Excel itself cannot show
        return cell_text(value)

    # -- merged cells

    def _merge(self, ref: str) -> None:
        match = re.fullmatch(r"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?", ref)
        if match is None:
            return  # openpyxl ignored what it could not read, too
        c1, r1 = column_index(match.group(1)), int(match.group(2))
        c2, r2 = (column_index(match.group(3)), int(match.group(4))) if match.group(3) else (c1, r1)
        r1, r2 = sorted((r1, r2))
        c1, c2 = sorted((c1, c2))
        check_row_number(self.name, r2, "merged_reaches_row")
        where = Problem(None, "at_merged_range", {"range": ref})
        check_width(self.name, c2 + 1, where)
        self.budget.charge(200, where)
        self.sheet.merges.append((r1, c1, r2, c2))


# ---------------------------------------------------------------- the workbook

def read_sheet(path: Path, sheet: str | None, budget: Budget,
               progress: ProgressFn | None = None) -> Sheet:
    """Read worksheet `sheet` (default: the first) of the workbook at `path`."""
    package = Package(path)
    try:
        return _read(package, sheet, budget, progress)
    finally:
        package.close()


def _read(package: Package, wanted: str | None, budget: Budget, progress: ProgressFn | None) -> Sheet:
    name = package.name
    book_part = _office_document(package)
    if book_part is None:
        raise TableError(Problem(None, "xlsx_not_excel", {"file": name}))
    book = _Workbook()
    package.parse(book_part, book)
    links = _relationships(package, book_part)
    sheets = [(title, _target(book_part, links[rid][1])) for title, rid in book.sheets
              if rid in links and links[rid][0].endswith("/worksheet")]
    if not sheets:
        raise TableError(Problem(None, "xlsx_no_sheet", {"file": name}))
    if wanted is None:
        title, part = sheets[0]
    else:
        found = [s for s in sheets if s[0] == wanted]
        if not found:
            names = ", ".join(t for t, _ in sheets[:20]) + (" …" if len(sheets) > 20 else "")
            raise TableError(Problem(None, "xlsx_no_such_sheet", {"file": name, "sheet": wanted, "sheets": names}))
        title, part = found[0]
    strings = _shared_strings(package, book_part, links, budget)
    styles = _styles(package, book_part, links)
    handler = _Worksheet(title, strings, styles, book.date1904, budget, progress)
    package.parse(part, handler, PART_LIMIT)
    return handler.sheet


def _office_document(package: Package) -> str | None:
    """The workbook part, as the package's relationships name it (xl/workbook.xml)."""
    if package.has("_rels/.rels"):
        rels = _Relationships()
        package.parse("_rels/.rels", rels)
        for kind, target in rels.found.values():
            if kind.endswith("/officeDocument"):
                part = _target("", target)
                return part if package.has(part) else None
    return "xl/workbook.xml" if package.has("xl/workbook.xml") else None


def _relationships(package: Package, part: str) -> dict[str, tuple[str, str]]:
    folder, _, base = part.rpartition("/")
    rels_part = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if not package.has(rels_part):
        raise TableError(_damaged(package.name, f"its part {rels_part} is missing"))
    rels = _Relationships()
    package.parse(rels_part, rels)
    return rels.found


def _target(source: str, target: str) -> str:
    """A relationship's target as a member name: relative to the source part's folder,
    or to the package root when it starts with '/'. Only ever looked up in the zip."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    folder = source.rpartition("/")[0]
    return posixpath.normpath(posixpath.join(folder, target)) if folder else posixpath.normpath(target)


def _part_of(package: Package, book_part: str, links: dict[str, tuple[str, str]], kind: str) -> str | None:
    for rel_kind, target in links.values():
        if rel_kind.endswith(kind):
            part = _target(book_part, target)
            return part if package.has(part) else None
    return None


def _shared_strings(package: Package, book_part: str, links: dict[str, tuple[str, str]],
                    budget: Budget) -> list[str]:
    part = _part_of(package, book_part, links, "/sharedStrings")
    if part is None:
        return []
    handler = _SharedStrings(budget)
    package.parse(part, handler, PART_LIMIT)
    return handler.strings


def _styles(package: Package, book_part: str, links: dict[str, tuple[str, str]]) -> tuple[set[int], set[int]]:
    part = _part_of(package, book_part, links, "/styles")
    if part is None:
        return set(), set()
    handler = _Styles()
    package.parse(part, handler)
    return handler.kinds()


__all__ = ["Sheet", "read_sheet", "cell_text", "column_letter", "column_index"]
