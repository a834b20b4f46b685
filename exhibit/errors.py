"""Errors a user can fix: each message names the record, row or file at fault."""
from __future__ import annotations

import re

from exhibit.problems import Problem

# C0, DEL and C1 controls; bidi marks, embeddings, overrides and isolates; line
# and paragraph separators; lone surrogates (undecodable bytes in a file name).
_BEYOND_C0 = "\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNPRINTABLE = re.compile(f"[\x00-\x1f{_BEYOND_C0}]")
_UNPRINTABLE_BUT_LINES = re.compile(f"[\x00-\x08\x0b-\x1f{_BEYOND_C0}]")  # tab and newline pass


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep_lines: bool = False) -> str:
    """`text` safe to show on a terminal or in a list: controls shown as escapes (\\x1b, \\u202e).

    A file name can hold escape sequences, bells, newlines and bidi overrides
    that recolour a terminal or make `photo<RLO>gpj.exe` read as `photoexe.jpg`;
    every name we print or put in a message goes through here. With `keep_lines`
    newline and tab are left as they are: the command line's output of archive
    text, where a description's lines are meant to show as lines.
    """
    return (_UNPRINTABLE_BUT_LINES if keep_lines else _UNPRINTABLE).sub(_escape, text)


class ExhibitError(Exception):
    """A problem the user can act on; `str(err)` is written for them.

    Raised with a Problem instead of a sentence, it keeps it as `problem`, so
    the curator window can say it in its own language (translated by its code);
    `str(err)` is then the problem's English sentence.
    """

    def __init__(self, *args: object):
        # The Problem itself is the argument: str() gives its sentence, and a pickled
        # error (from the import's worker process) comes back with it.
        self.problem = args[0] if args and isinstance(args[0], Problem) else None
        super().__init__(*args)


class ValidationError(ExhibitError):
    """A record failed validation; nothing was written."""

    def __init__(self, record: str, problems: list[Problem]):
        self.record = record
        self.problems = problems
        super().__init__(f"{record}: " + "; ".join(map(str, problems)))


class DateError(ExhibitError):
    """A date text could not be understood."""


class NotFoundError(ExhibitError):
    """A record that was asked for does not exist (any more)."""


class LinkedError(ExhibitError):
    """A record cannot be deleted because other records still link to it."""

    def __init__(self, record: str, links: list[str]):
        self.record = record
        self.links = links
        super().__init__(f"{record} is still linked from: " + ", ".join(links)
                         + " (remove the links first, or delete with cascade)")


class MediaError(ExhibitError):
    """A media file could not be imported; the message names the file (controls escaped)."""

    def __init__(self, message: str | Problem):
        super().__init__(printable(str(message)))
        if isinstance(message, Problem):
            self.problem = message  # its parameters hold the names as they are (escaped when shown)
