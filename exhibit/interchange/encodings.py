"""Decoding the bytes of a text table the way Chinese spreadsheets really arrive.

The order matters. A byte-order mark decides first (UTF-8, UTF-16, UTF-32).
Then strict UTF-8: it almost never decodes text that is not UTF-8. Only then
GB18030 (a superset of GBK and GB2312): it decodes most UTF-8 byte sequences
into plausible-looking nonsense *without an error*, so trying it first would
silently garble every UTF-8 file. A decode that yields NUL characters (UTF-16
without a BOM) or private-use characters (bytes GB18030 accepts but no real
Chinese text uses) is refused rather than imported as garbage.

The decision is made line by line, streaming (`detect`), because two things
are only visible there:

- a file that mixes the two (a UTF-8 line pasted into a GBK file) is not UTF-8,
  and read whole as GB18030 its UTF-8 lines turn into nonsense (衡阳 becomes
  琛￠槼); it is refused, naming the lines of each kind;
- a short GBK text can also be valid UTF-8 (山 is C9 BD, which UTF-8 reads as
  ɽ). Real Latin text carries its accented letters inside words, so a line
  whose UTF-8 reading has only Latin-extended/IPA letters standing apart from
  any ASCII letter, and whose GB18030 reading is Chinese, is taken as GB18030.

Lines are split where the CSV reader splits them (\r\n, \r or \n), at most
LINE_LIMIT bytes each, so a file of any size is read in bounded memory.
"""
from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Iterator

from exhibit.errors import ExhibitError
from exhibit.problems import Problem

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

HINT = Problem(None, "save_as_utf8")  # what to do about any of these files: the {why} of each error


def _error(code: str, name: str, **params: object) -> "EncodingError":
    return EncodingError(Problem(None, code, {"file": name, **params, "why": HINT}))


class EncodingError(ExhibitError):
    """The file's bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # 'utf-8', 'utf-8-sig', 'gb18030', 'utf-16', 'utf-32'

    @property
    def description(self) -> str:
        return _DESCRIPTIONS.get(self.encoding, self.encoding)


_DESCRIPTIONS = {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "gb18030": "GB18030/GBK",
                 "utf-16": "UTF-16 with BOM", "utf-32": "UTF-32 with BOM"}


CHUNK = 1 << 16
LINE_LIMIT = 4 * 1024 ** 2  # bytes (or characters) of one line: ~120 cells of Excel's longest
_SHOWN = 5                  # line numbers named in a message
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _nul_error(name: str, line: int) -> EncodingError:
    return _error("encoding_nul", name, line=line)


def _too_long(name: str, line: int) -> EncodingError:
    return EncodingError(Problem(None, "line_too_long", {"file": name, "line": line,
                                                          "mb": LINE_LIMIT // 1024 ** 2}))


def physical_lines(stream: BinaryIO, name: str) -> Iterator[bytes]:
    """The lines of `stream` with their line ends, as csv and io split them (\r\n, \r, \n)."""
    carry = b""
    number = 1
    while chunk := stream.read(CHUNK):
        lines = (carry + chunk).splitlines(keepends=True)
        last = lines[-1]
        # An unfinished last line, or a \r whose \n may start the next chunk, waits for more.
        carry = lines.pop() if not last.endswith(b"\n") else b""
        for line in lines:
            yield line
            number += 1
        if len(carry) > LINE_LIMIT:
            raise _too_long(name, number)
    if carry:
        yield carry


def _could_be_gbk(text: str, raw: bytes) -> bool:
    """Whether this line, valid UTF-8, could as well be GBK: its UTF-8 reading has only
    two-byte characters (accented Latin, IPA, Greek, Cyrillic …, never Chinese) and its
    GB18030 reading is Chinese. In a file whose other lines are GBK, such a line is GBK."""
    if max(text) >= "\u0800":
        return False
    try:
        wide = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return not _PRIVATE_USE.search(wide) and bool(_HAN.search(wide))


def _gbk_read_as_utf8(text: str) -> bool:
    """Whether a line that could be GBK (above) should be taken as GBK even in a file with
    no other GBK line (山 C9 BD → ɽ): its UTF-8 reading has only Latin-extended/IPA letters
    (U+0100–U+02AF), none beside an ASCII letter (Fāng or Xiānjué keep theirs inside
    words). Latin-1 letters are left out: a lone “à” or “è” is a French or Italian word.
    """
    for i, ch in enumerate(text):
        if ch < "\x80":
            continue
        if not ("\u0100" <= ch <= "\u02af" and ch.isalpha()):
            return False
        if (i and _ASCII_LETTER.match(text[i - 1])) or _ASCII_LETTER.match(text[i + 1:i + 2]):
            return False
    return True


@dataclass
class _Kind:
    """The lines of one kind: the first few numbers and how many."""
    lines: list[int] = field(default_factory=list)
    count: int = 0

    def add(self, number: int) -> None:
        self.count += 1
        if len(self.lines) < _SHOWN:
            self.lines.append(number)

    def describe(self) -> str:
        more = f" and {self.count - len(self.lines):,} more" if self.count > len(self.lines) else ""
        return ", ".join(map(str, self.lines)) + more

    def __bool__(self) -> bool:
        return self.count > 0


def _bom(head: bytes) -> tuple[bytes, str] | None:
    return next(((bom, enc) for bom, enc in _BOMS if head.startswith(bom)), None)


def detect(stream: BinaryIO, name: str) -> str:
    """The encoding of the table in `stream` (read to its end; seek back before decoding).

    EncodingError names the file and the line(s) when no single encoding reads it all.
    """
    head = stream.read(4096)
    stream.seek(0)
    bom = _bom(head)
    if bom is None and head.count(0) > len(head) // 8:
        # Text with NUL bytes between the characters: UTF-16 (or 32) saved without its BOM.
        raise _error("encoding_wide", name)
    if bom is not None and bom[1] != "utf-8-sig":
        return bom[1]  # UTF-16/32: checked as it is decoded (text_lines)
    start = len(bom[0]) if bom is not None else 0
    stream.seek(start)
    if _plainly_utf8(stream):
        stream.seek(0)
        return "utf-8-sig" if bom is not None else "utf-8"
    stream.seek(start)
    utf8, gbk, either, ambiguous = _Kind(), _Kind(), _Kind(), _Kind()
    for number, line in enumerate(physical_lines(stream, name), start=1):
        if b"\0" in line:
            raise _nul_error(name, number)
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            if bom is not None:
                raise _error("encoding_bom_mismatch", name, line=number) from None
            _check_gb18030(line, name, number)
            gbk.add(number)
            continue
        if bom is not None or not _could_be_gbk(text, line):
            utf8.add(number)     # only UTF-8 reads it
        elif _gbk_read_as_utf8(text):
            ambiguous.add(number)  # as UTF-8 it would be lone IPA letters: GBK, surely
        else:
            either.add(number)   # GBK in a GBK file, else UTF-8
    stream.seek(0)
    if bom is not None:
        return "utf-8-sig"
    if gbk and utf8:
        raise _error("encoding_mixed", name, utf8=utf8.describe(), gbk=gbk.describe())
    if gbk or (ambiguous and not utf8 and not either):
        return "gb18030"
    return "utf-8"


_BEYOND_TWO_BYTES = re.compile("[\u0800-\U0010ffff]")


def _plainly_utf8(stream: BinaryIO) -> bool:
    """The common case, decided at the speed of the codec: the rest of `stream` is UTF-8
    with no NUL, no line over LINE_LIMIT, and either only ASCII or some character beyond
    two bytes (Chinese, say), so no line can be GBK misread. Anything else (False) goes
    line by line, which also finds the line to name in a message."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    since_break = 0
    wide = False
    while chunk := stream.read(CHUNK):
        if b"\0" in chunk:
            return False
        last = max(chunk.rfind(b"\n"), chunk.rfind(b"\r"))
        since_break = since_break + len(chunk) if last < 0 else len(chunk) - last - 1
        if since_break > LINE_LIMIT:
            return False
        try:
            text = decoder.decode(chunk)
        except UnicodeDecodeError:
            return False
        wide = wide or bool(_BEYOND_TWO_BYTES.search(text))
        if not wide and not text.isascii():
            return False  # two-byte characters only so far: let the lines decide
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _check_gb18030(line: bytes, name: str, number: int) -> None:
    try:
        text = line.decode("gb18030")
    except UnicodeDecodeError:
        raise _error("encoding_unknown", name, line=number) from None
    if _PRIVATE_USE.search(text):
        raise _error("encoding_private_use", name, line=number)


def text_lines(stream: BinaryIO, encoding: str, name: str) -> Iterator[str]:
    """The decoded lines of `stream` (from its start) with their line ends, for csv.reader.

    `detect` has checked a UTF-8 or GB18030 file's bytes (no NUL, no line over
    LINE_LIMIT), so its lines come straight from the codec; UTF-16/32 are checked here.
    """
    stream.seek(0)
    wrapper = io.TextIOWrapper(stream, encoding=encoding, errors="strict", newline="")
    if encoding in ("utf-8", "utf-8-sig", "gb18030"):
        return wrapper
    return _checked_lines(wrapper, encoding, name)


def _checked_lines(wrapper: io.TextIOWrapper, encoding: str, name: str) -> Iterator[str]:
    number = 0
    try:
        while line := wrapper.readline(LINE_LIMIT + 1):
            number += 1
            if len(line) > LINE_LIMIT:
                raise _too_long(name, number)
            if "\x00" in line:
                raise _nul_error(name, number)
            yield line
    except UnicodeDecodeError:
        what = _DESCRIPTIONS.get(encoding, encoding)
        raise _error("encoding_invalid", name, line=number + 1, encoding=what) from None


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode `data` (the contents of file `name`); EncodingError names the file and line."""
    encoding = detect(io.BytesIO(data), name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].decode(encoding, "replace").count("\n") + 1
        what = _DESCRIPTIONS.get(encoding, encoding)
        raise _error("encoding_invalid", name, line=line, encoding=what) from None
    text = text.lstrip("\ufeff")
    if "\x00" in text:  # UTF-16/32 text (the byte-level check in `detect` covers the others)
        raise _nul_error(name, text.count("\n", 0, text.index("\x00")) + 1)
    return Decoded(text, encoding)


def read_text(path: Path | str) -> Decoded:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExhibitError(Problem(None, "file_unreadable", {"file": path.name,
                                                             "detail": str(exc.strerror or exc)})) from None
    return decode_bytes(data, path.name)
