"""The rejects file of a partial import: the rows that could not be imported, to fix and import again.

A registrar's large file should not wait, all of it, for a few bad cells: with
`apply_import(..., rejects_to=PATH)` the good rows are imported and the
rejected ones are written here, in the form the curator gave them, so the same
spreadsheet program and the same mapping open and import the file again:

- the same columns (the header as read) and, last, a reason column ("reason",
  or "原因" when the header is Chinese) with the row's reasons joined by "; ",
  in the header's language: under 原因 in the sentences the import wizard shows
  (exhibit.problem_text, with the Chinese of the curator window's catalogue),
  under "reason" as the command line says them;
- the same format: a CSV/TSV with the source's delimiter and encoding (UTF-8
  with its BOM if it had one, GB18030, UTF-16 …), an .xlsx for an .xlsx;
- each cell as the import read it, made formula-safe as an export is (cells.py):
  it imports again to the same text.

On import, a last column named like the reason column is ignored
(`reason_column`), so the curator may fix a cell and import the file as it is.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from exhibit import problem_text
from exhibit.errors import ExhibitError
from exhibit.interchange import cells
from exhibit.interchange.tables import Table
from exhibit.problems import Problem

REASON_EN = "reason"
REASON_ZH = "原因"
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def reason_column(header: list[str]) -> int | None:
    """The index of a rejects file's reason column (the last one, so named), else None."""
    if header and header[-1].strip().lower() in (REASON_EN, REASON_ZH):
        return len(header) - 1
    return None


def default_path(source: Path | str) -> Path:
    """Beside the input: 藏品.csv → 藏品.rejects.csv (a TSV or .txt keeps its suffix)."""
    source = Path(source)
    return source.with_name(f"{source.stem}.rejects{source.suffix}")


def check_path(source: Path | str, rejects: Path | str) -> None:
    """Refuse a rejects file that would overwrite the file being imported, before anything is done."""
    source, rejects = Path(source), Path(rejects)
    if rejects.resolve() == source.resolve():
        raise ExhibitError(f"{rejects.name}: the rejects file cannot be the file being imported; "
                           f"choose another name")
    want = ".xlsx" if source.suffix.lower() in (".xlsx", ".xlsm") else None
    if want and rejects.suffix.lower() != want:
        raise ExhibitError(f"{rejects.name}: the rows of an .xlsx file are rejected to an .xlsx file; "
                           f"name the rejects file …{want}")


def write_rejects(table: Table, rejected: dict[int, list[Problem | str]], path: Path | str,
                  record_type: str | None = None) -> int:
    """Write the rows numbered in `rejected` (row number → its reasons) to `path`; returns how many.

    A reason that is a Problem is said in the header's language, its fields named as
    `record_type`'s; one already a sentence is written as it is.
    Written to a temporary file beside `path` and moved into place when complete.
    """
    path = Path(path)
    header = list(table.header)
    keep = reason_column(header)  # a rejects file rejected again: its old reasons are replaced
    if keep is not None:
        header = header[:keep]
    width = len(header)
    lang = "zh" if any(_HAN.search(h) for h in header) else "en"
    reason = REASON_ZH if lang == "zh" else REASON_EN
    separator = "；" if lang == "zh" else "; "
    out_rows = []
    for row in table.each_row():  # a streamed table: its file read once more
        if row.number in rejected:
            texts = [cells.neutralise(cells.restore(c)) for c in row.cells]
            # A row wider than the header keeps its extra cells after the reason, which stays in its column.
            why = separator.join(problem_text.sentence(p, lang, record_type) if isinstance(p, Problem) else p
                                 for p in rejected[row.number])
            out_rows.append(texts[:width] + [""] * (width - len(texts)) + [why]
                            + texts[width + (keep is not None):])  # the old reason is dropped
    tmp = path.with_name(path.name + ".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if table.format == "xlsx":
            _write_xlsx(tmp, table.sheet or "rejects", header + [reason], out_rows)
        else:
            _write_delimited(tmp, table, header + [reason], out_rows)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExhibitError(f"{path.name}: the rejects file cannot be written ({exc.strerror or exc}); "
                           f"nothing was imported") from None
    return len(out_rows)


def _write_delimited(path: Path, table: Table, header: list[str], rows: list[list[str]]) -> None:
    delimiter = table.delimiter or ("\t" if table.format == "tsv" else ",")
    # The detected encoding, BOM included ('utf-8-sig', 'utf-16' write theirs).
    with open(path, "w", encoding=table.encoding or "utf-8", newline="", errors="strict") as f:
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)


def _write_xlsx(path: Path, title: str, header: list[str], rows: list[list[str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title[:31])
    ws.append(header)
    for row in rows:
        ws.append(row)  # all text: a neutralised '=…' is stored as a string, not a formula
    wb.save(path)
