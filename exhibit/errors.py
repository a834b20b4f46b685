"""Errors a user can fix: each message names the record, row or file at fault."""
from __future__ import annotations

import re

# C0, DEL and C1 controls; bidi marks, embeddings, overrides and isolates; line
# and paragraph separators; lone surrogates (undecodable bytes in a file name).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                          "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte os.fsdecode could not decode
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` safe to show on a terminal or in a list: controls shown as escapes (\\x1b, \\u202e).

    A file name can hold escape sequences, bells, newlines and bidi overrides
    that recolour a terminal or make `photo<RLO>gpj.exe` read as `photoexe.jpg`;
    every name we print or put in a message goes through here.
    """
    return _UNPRINTABLE.sub(_escape, text)


class ExhibitError(Exception):
    """A problem the user can act on; `str(err)` is written for them."""


class ValidationError(ExhibitError):
    """A record failed validation; nothing was written."""

    def __init__(self, record: str, problems: list[str]):
        self.record = record
        self.problems = problems
        super().__init__(f"{record}: " + "; ".join(problems))


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

    def __init__(self, message: str):
        super().__init__(printable(message))
