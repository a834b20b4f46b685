"""Keeping exported cells from running as formulas, reversibly.

A spreadsheet program treats a cell that starts with = + - @ (and, in some,
a tab, carriage return or NUL before them) as a formula, so an archive text
such as “=HYPERLINK(…)” could run when a curator opens the export. Export
puts an apostrophe in front of such a value, the convention Excel itself uses
for “this is text”. Values that already start with an apostrophe get one too,
so the rule can be undone exactly:

    export:  v                → "'" + v   if v starts with = + - @ TAB CR NUL or '
    import:  "'" + c + rest   → c + rest  if c is one of those characters

Every text survives export → import unchanged (tests check it with hypothesis).
"""
from __future__ import annotations

TRIGGERS = frozenset("=+-@\t\r\0")
_MARK = "'"
_ESCAPED = TRIGGERS | {_MARK}


def neutralise(value: str) -> str:
    return _MARK + value if value and value[0] in _ESCAPED else value


def restore(value: str) -> str:
    return value[1:] if len(value) > 1 and value[0] == _MARK and value[1] in _ESCAPED else value
