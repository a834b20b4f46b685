"""Errors a user can fix: each message names the record, row or file at fault."""
from __future__ import annotations


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
    """A media file could not be imported; the message names the file."""
