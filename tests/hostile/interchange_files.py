"""Hostile import files built small (a bomb is a highly compressible part), and the check
every import attack shares: refused with one line, the archive as it was, nothing written
beside it."""
from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path
from typing import Callable, Iterable, Iterator

from tests.hostile.support import Run, assert_archive_intact, assert_refused, counts, file_digest, run_main

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/content-types"><Default Extension="rels" ContentType="application/'
                 'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
                 'ContentType="application/xml"/></Types>')
ROOT_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}"><Relationship Id="rId1" '
             f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{NS}" xmlns:r="{REL}"><workbookPr/>'
            f'<sheets><sheet name="藏品总账" sheetId="1" r:id="rId1"/></sheets></workbook>')
BOOK_RELS = (f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{PKG}">'
             f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="{{sheet}}"/>'
             f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
             f'</Relationships>')
SHEET_HEAD = f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{NS}"><sheetData>'
SHEET_TAIL = "</sheetData></worksheet>"
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>总登记号</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>名称</t></is></c></row>')


def row(number: int, accession: str, name: str) -> str:
    return (f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{accession}</t></is></c>'
            f'<c r="B{number}" t="inlineStr"><is><t>{name}</t></is></c></row>')


GOOD_ROWS = HEADER_ROW + row(2, "HY9.0001", "钢盔") + row(3, "HY9.0002", "水壶")
SHARED = f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{NS}"><si><t>HY9.0003</t></si></sst>'

Part = str | bytes | Callable[[], Iterable[bytes]]


def workbook(path: Path, *, rows: Part = GOOD_ROWS, sheet: Part | None = None, book: Part = WORKBOOK,
             shared: Part = SHARED, sheet_target: str = "worksheets/sheet1.xml",
             extra: dict[str, Part] | None = None) -> Path:
    """An .xlsx with one worksheet; any part may be text, bytes or a generator of chunks
    (streamed into the zip, so a part of a gigabyte costs a few MB on disk)."""
    parts: dict[str, Part] = {
        "[Content_Types].xml": CONTENT_TYPES, "_rels/.rels": ROOT_RELS, "xl/workbook.xml": book,
        "xl/_rels/workbook.xml.rels": BOOK_RELS.replace("{sheet}", sheet_target),
        "xl/sharedStrings.xml": shared,
        "xl/worksheets/sheet1.xml": sheet if sheet is not None else (
            SHEET_HEAD + rows + SHEET_TAIL if isinstance(rows, str) else _around(rows)),
        **(extra or {}),
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            if callable(data):
                with zf.open(name, "w", force_zip64=True) as out:
                    for chunk in data():
                        out.write(chunk)
            else:
                zf.writestr(name, data)
    return path


def _around(rows: Part) -> Callable[[], Iterator[bytes]]:
    def chunks() -> Iterator[bytes]:
        yield SHEET_HEAD.encode()
        yield from rows() if callable(rows) else [rows if isinstance(rows, bytes) else rows.encode()]
        yield SHEET_TAIL.encode()
    return chunks


def repeated(piece: bytes, total: int, *, before: bytes = b"", after: bytes = b"") -> Callable[[], Iterator[bytes]]:
    """`before`, then `piece` repeated to about `total` bytes, then `after`."""
    def chunks() -> Iterator[bytes]:
        yield before
        block = piece * max(1, (1 << 20) // len(piece))
        for _ in range(max(1, total // len(block))):
            yield block
        yield after
    return chunks


def outside(root: Path) -> dict[str, str]:
    """Every file beside the archive folder (its parent holds the hostile inputs), with its
    digest. Hashed in chunks: support.tree reads each file whole, and a child started by
    fork reports the parent's resident memory as its own peak."""
    found = {}
    for path in sorted(root.parent.rglob("*")):
        if path.is_file() and not path.is_symlink() and root not in path.parents:
            digest = hashlib.sha256()
            with open(path, "rb") as f:
                while chunk := f.read(1 << 20):
                    digest.update(chunk)
            found[str(path.relative_to(root.parent))] = digest.hexdigest()
    return found


def refused(root: Path, *args: str, words: Iterable[str], db_name: str = "archive.db") -> Run:
    """Run `main.py --archive root args…`: refused with one line holding `words`, the archive
    byte-identical (or intact with the same counts), nothing written beside it, no crash log."""
    db = root / db_name
    digest, before, beside = file_digest(db), counts(db), outside(root)
    run = run_main("--archive", str(root), *args)
    assert_refused(run, *words)
    assert_archive_intact(db, digest, before)
    assert outside(root) == beside
    assert not list(root.glob("*crash*")), run.stderr
    return run
