"""Decoding the bytes of a text table the way Chinese spreadsheets really arrive.

The order matters. A byte-order mark decides first (UTF-8, UTF-16, UTF-32).
Then strict UTF-8: it almost never decodes text that is not UTF-8. Only then
GB18030 (a superset of GBK and GB2312): it decodes most UTF-8 byte sequences
into plausible-looking nonsense *without an error*, so trying it first would
silently garble every UTF-8 file. A decode that yields NUL characters (UTF-16
without a BOM) or private-use characters (bytes GB18030 accepts but no real
Chinese text uses) is refused rather than imported as garbage.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from exhibit.errors import ExhibitError

_BOMS = (  # longest first: the UTF-32-LE mark starts with the UTF-16-LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

HINT = ("save it from Excel as “CSV UTF-8 (comma delimited)”, or from WPS/LibreOffice "
        "as UTF-8, and import it again")


class EncodingError(ExhibitError):
    """The file's bytes are not text in any encoding we accept."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # 'utf-8', 'utf-8-sig', 'gb18030', 'utf-16', 'utf-32'

    @property
    def description(self) -> str:
        return {"utf-8-sig": "UTF-8 with BOM", "utf-8": "UTF-8", "gb18030": "GB18030/GBK",
                "utf-16": "UTF-16 with BOM", "utf-32": "UTF-32 with BOM"}.get(self.encoding, self.encoding)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _check_plausible(text: str, name: str, encoding: str) -> None:
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise EncodingError(f"{name}: line {line} contains NUL characters; the file is probably "
                            f"UTF-16 without a byte-order mark — {HINT}")
    found = _PRIVATE_USE.search(text) if encoding == "gb18030" else None
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise EncodingError(f"{name}: line {line} is neither UTF-8 nor meaningful GB18030 text "
                            f"(it decodes to private-use characters); {HINT}")


def decode_bytes(data: bytes, name: str) -> Decoded:
    """Decode `data` (the contents of file `name`); EncodingError names the file and line."""
    has_bom = any(data.startswith(bom) for bom, _ in _BOMS)
    if not has_bom and data[:4096].count(0) > len(data[:4096]) // 8:
        # Text with NUL bytes between the characters: UTF-16 (or 32) saved without its BOM.
        raise EncodingError(f"{name}: is UTF-16 without a byte-order mark (or another wide "
                            f"encoding), which cannot be read reliably; {HINT}")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise EncodingError(f"{name}: starts with a {encoding.upper()} byte-order mark but "
                                    f"byte {exc.start} is not valid {encoding.upper()}; {HINT}") from None
            text = text.lstrip("\ufeff")
            _check_plausible(text, name, encoding)
            return Decoded(text, encoding)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        _check_plausible(text, name, "utf-8")
        return Decoded(text, "utf-8")
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise EncodingError(f"{name}: line {_line_of(data, exc.start)} is not text in UTF-8, "
                            f"GB18030/GBK or UTF-16 with a byte-order mark; {HINT}") from None
    _check_plausible(text, name, "gb18030")
    return Decoded(text, "gb18030")


def read_text(path: Path | str) -> Decoded:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExhibitError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    return decode_bytes(data, path.name)
