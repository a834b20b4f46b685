"""What the headless commands check before they start: numbers in range, real dates, a disk
that has room.

argparse's `type=int` takes any integer, and a number past SQLite's 64 bits
stopped `search --limit 99999999999999999999` with an OverflowError
traceback; a `--from 2026-13-45` was passed on and matched nothing. These
types refuse such values in argparse's own one line. A full disk is not a bug
either: `writing_to(path)` turns it into one sentence naming the file.
"""
from __future__ import annotations

import argparse
import errno
import math
import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Callable, Iterator, NoReturn

from exhibit.errors import ExhibitError, printable

# errno values that mean "no room", whatever the file system calls it.
DISK_FULL = {errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)}


class OneLineParser(argparse.ArgumentParser):
    """A wrong option is one line and exit status 1, like every other refusal (subcommands'
    parsers are made of the same class)."""

    def error(self, message: str) -> NoReturn:  # argparse's name
        print(f"error: {printable(message, keep_lines=True)} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(1)


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `low` to `high`."""
    def parse(text: str) -> int:
        try:
            value = int(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a whole number") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text[:40]} is out of range: give {low} to {high}")
        return value
    parse.__name__ = "number"  # argparse names the type in its message
    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number from `low` to `high` (no nan, no inf)."""
    def parse(text: str) -> float:
        try:
            value = float(text.strip())
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text[:40]}' is not a number") from None
        if not math.isfinite(value) or not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{text[:40]} is out of range: give {low:g} to {high:g}")
        return value
    parse.__name__ = "number"
    return parse


def iso_date(text: str) -> str:
    """An argparse type: a real calendar day written YYYY-MM-DD (2026-13-45 is refused)."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text[:40]}' is not a date: write a real day as YYYY-MM-DD, e.g. 1944-06-23") from None


iso_date.__name__ = "date"


def accession_text(text: str) -> str:
    """An argparse type: an accession number, which never holds control characters."""
    if printable(text) != text:
        raise argparse.ArgumentTypeError(
            f"'{printable(text)[:60]}' is not an accession number (it has control characters)")
    if len(text) > 200:
        raise argparse.ArgumentTypeError("an accession number is at most 200 characters")
    return text


accession_text.__name__ = "accession"


def disk_full_error(exc: OSError, path: Path | str | None = None) -> ExhibitError | None:
    """The one-sentence error for a write that failed for lack of room, else None."""
    if exc.errno not in DISK_FULL:
        return None
    name = path or exc.filename or "a file"
    why = ("the file is larger than this disk or this system allows" if exc.errno == errno.EFBIG
           else "the disk is full")
    return ExhibitError(f"{name} could not be written: {why}; nothing was changed")


@contextmanager
def writing_to(path: Path | str) -> Iterator[None]:
    """Around code that writes `path`: a full disk becomes an ExhibitError naming it."""
    try:
        yield
    except OSError as exc:
        error = disk_full_error(exc, path)
        if error is None:
            raise
        raise error from exc
