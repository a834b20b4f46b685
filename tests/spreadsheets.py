"""Spreadsheet files for the import tests."""
from __future__ import annotations

import csv
from pathlib import Path


def write_csv(path: Path, rows: list[list[str]], encoding: str = "utf-8-sig") -> Path:
    """`rows` as a CSV file at `path` (UTF-8 with a BOM, as Excel saves it, unless told)."""
    with open(path, "w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def archive_args(archive) -> list[str]:
    """The command line's options that open `archive`: its folder, or a server archive's
    address and media folder."""
    if archive.is_server:
        return ["--archive", archive.url, "--media", str(archive.media_root)]
    return ["--archive", str(archive.root)]
