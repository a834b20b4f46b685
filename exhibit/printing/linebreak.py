"""Chinese line breaking by the W3C "Requirements for Chinese Text Layout" (clreq §3.1.7).

reportlab's CJK splitter cuts between any two characters and only rescues one
closing mark by letting it hang past the margin: a line may still start with
"，" when two marks follow each other (“。”"), an opening "“" or "（" may end a
line, and "——" or "……" may be torn in two. Hanging would also put ink outside
the label's box.

Here the text is first cut into unbreakable units by one precompiled regex:
opening marks stick to what follows them, closing marks to what precedes them
(across a space too: "月 · 纸" never leaves "·" at the head of a line),
a run of Latin letters/digits (with its inner apostrophes, hyphens, points)
is one unit, a number keeps its unit of measure ("15厘米"), and "——" / "……"
are one unit. Lines are then filled greedily
with whole units, so a prohibited mark is never separated from its neighbour:
when it does not fit, the character before it is pulled down with it. Only a
unit wider than the whole line is cut between characters (nothing else fits).
Spaces are break opportunities and are dropped at a break, as Paragraph does;
a line feed ends a line.

`break_spans` works on positions in the text and asks its caller for widths,
so the caller can set runs in two faces, space Latin text from Han and
compress adjacent punctuation (textlines.py) without the breaker knowing.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

# Must not start a line (clreq: closing brackets, pause/stop marks, ellipsis, and
# the Latin equivalents that appear inside Chinese text).
CANNOT_START = "，。、；：？！）》」』”’〉】〕〗〙〛｝］〞・…‥％‰℃°,.;:?!)]}>·"
# Must not end a line: opening brackets and quotation marks.
CANNOT_END = "（《「『“‘〈【〔〖〘〚｛［〝([{<"

_LATIN = r"0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"
_OPEN = re.escape(CANNOT_END)
_CLOSE = re.escape(CANNOT_START)
# Units of measure written in Han after a number: "15厘米" is one quantity, so a line does
# not end on "15" and leave "厘米" alone on the next (a tombstone's dimensions).
_MEASURE = "厘米|毫米|公里|千米|公分|公斤|千克|米|克|吨"
# One unit: opening marks, then a core (a Latin word with inner ' ’ - – . , / :
# joiners, a number with its unit of measure, a dash run, an ellipsis run, or any one
# other character), then closing marks. Whitespace runs are their own units (break opportunities).
_UNIT = re.compile(
    rf"(?:[{_OPEN}][^\S\n]*)*"
    rf"(?:[{_LATIN}]+(?:['’\-–./:,][{_LATIN}]+)*(?:(?<=[0-9])(?:{_MEASURE}))?|[—―]+|[…‥]+|\S)"
    rf"(?:[^\S\n]*[{_CLOSE}])*"
    rf"|\s+"
)


@lru_cache(maxsize=4096)
def units(text: str) -> tuple[str, ...]:
    """`text` cut into the pieces a line may not break inside (joined, they give `text`)."""
    return tuple(_UNIT.findall(text))


@lru_cache(maxsize=8192)
def _bounds(text: str) -> tuple[tuple[int, int, int], ...]:
    """(start, end, line feeds) of each unit; line feeds is -1 for a unit that is not whitespace."""
    out, pos = [], 0
    for unit in units(text):
        end = pos + len(unit)
        out.append((pos, end, unit.count("\n") if unit.isspace() else -1))
        pos = end
    return tuple(out)


def break_spans(text: str, width: float, offsets: Sequence[float], pre: Sequence[float],
                tail: Sequence[float]) -> list[tuple[float, int, int]]:
    """Lines of `text` no wider than `width`, as (unused width, start, end) spans of `text`.

    Widths come from the caller, in the unit of `width`: character i starts at
    offsets[i] + pre[i] and ends at offsets[i + 1] (`offsets` has len(text) + 1 entries).
    `pre[i]` is space that belongs before character i and goes when i opens a line
    (the gap between Chinese and Latin text). `tail[i]` is blank space character i
    may leave past the margin when it ends a line: a full-width closing mark counts
    as half an em there (clreq allows it; its right half is empty). A line feed ends
    a line. Whitespace at a break belongs to no line, as in Paragraph.
    """
    lines: list[tuple[float, int, int]] = []
    start = end = -1              # the current line is text[start:end]; -1: none yet
    left = 0.0                    # where the current line's ink starts
    room = width + 1e-6
    for a, b, feeds in _bounds(text):
        if feeds >= 0:
            for _ in range(feeds):                  # each line feed ends a line, blank or not
                lines.append((width - (offsets[end] - left - tail[end - 1]), start, end) if start >= 0
                             else (width, a, a))
                start = -1
            continue
        if start >= 0:
            if offsets[b] - left - tail[b - 1] <= room:      # the gap since the line's end, then the unit
                end = b
                continue
            lines.append((width - (offsets[end] - left - tail[end - 1]), start, end))   # break; whitespace dropped
        start, end, left = a, b, offsets[a] + pre[a]
        if offsets[b] - left - tail[b - 1] > room:           # nothing fits it: cut between characters
            start, left = _cut(text, a, b, width, offsets, pre, lines)
    if start >= 0:
        lines.append((width - (offsets[end] - left - tail[end - 1]), start, end))
    return lines


def _cut(text: str, a: int, b: int, width: float, offsets: Sequence[float], pre: Sequence[float],
         lines: list[tuple[float, int, int]]) -> tuple[int, float]:
    """text[a:b], one unit wider than a whole line, cut between characters: full lines go
    to `lines`; returns the start and left edge of the last, partial line so filling goes on."""
    start, left = a, offsets[a] + pre[a]
    for i in range(a + 1, b + 1):
        if offsets[i] - left > width + 1e-6 and i - 1 > start:
            cut = _allowed_cut(text, start, i - 1)
            lines.append((width - (offsets[cut] - left), start, cut))
            start, left = cut, offsets[cut] + pre[cut]
    return start, left


def _allowed_cut(text: str, start: int, i: int) -> int:
    """The last position in (start, i] where the rules allow a break, else `i` (forced). Not
    next to a space inside a unit: that space joins a mark to its word ("厘米 ·"), so a
    cut there would open a line with " ·" or end one with "（ "."""
    for j in range(i, start, -1):
        before, after = text[j - 1], text[j]
        if after in CANNOT_START or before in CANNOT_END or (before == after and before in "—―…‥") \
                or before.isspace() or after.isspace():
            continue
        return j
    return i
