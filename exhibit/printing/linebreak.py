"""Chinese line breaking by the W3C "Requirements for Chinese Text Layout" (clreq §3.1.7).

reportlab's CJK splitter cuts between any two characters and only rescues one
closing mark by letting it hang past the margin: a line may still start with
"，" when two marks follow each other (“。”"), an opening "“" or "（" may end a
line, and "——" or "……" may be torn in two. Hanging would also put ink outside
the label's box.

Here the text is first cut into unbreakable units by one precompiled regex:
opening marks stick to what follows them, closing marks to what precedes them,
a run of Latin letters/digits (with its inner apostrophes, hyphens, points)
is one unit, and "——" / "……" are one unit. Lines are then filled greedily
with whole units, so a prohibited mark is never separated from its neighbour:
when it does not fit, the character before it is pulled down with it. Only a
unit wider than the whole line is cut between characters (nothing else fits).
Spaces are break opportunities and are dropped at a break, as Paragraph does.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

# Must not start a line (clreq: closing brackets, pause/stop marks, ellipsis, and
# the Latin equivalents that appear inside Chinese text).
CANNOT_START = "，。、；：？！）》」』”’〉】〕〗〙〛｝］〞・…‥％‰℃°,.;:?!)]}>·"
# Must not end a line: opening brackets and quotation marks.
CANNOT_END = "（《「『“‘〈【〔〖〘〚｛［〝([{<"

_LATIN = r"0-9A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF"
_OPEN = re.escape(CANNOT_END)
_CLOSE = re.escape(CANNOT_START)
# One unit: opening marks, then a core (a Latin word with inner ' ’ - – . , / :
# joiners, a dash run, an ellipsis run, or any one other character), then closing marks.
# Whitespace runs are their own units (break opportunities).
_UNIT = re.compile(
    rf"\s+"
    rf"|[{_OPEN}]*"
    rf"(?:[{_LATIN}]+(?:['’\-–./:,][{_LATIN}]+)*|[—―]+|[…‥]+|\S)"
    rf"[{_CLOSE}]*"
)


@lru_cache(maxsize=4096)
def units(text: str) -> tuple[str, ...]:
    """`text` cut into the pieces a line may not break inside (joined, they give `text`)."""
    return tuple(_UNIT.findall(text))


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[tuple[float, str]]:
    """Lines of `text` no wider than `width`, as (unused width, line text) pairs.

    `measure(s)` is the width of `s` in the same unit as `width` (callers cache it).
    Joined back together, the lines give `text` less the whitespace at each break.
    """
    lines: list[tuple[float, str]] = []
    line: list[str] = []
    used = 0.0
    gap, gap_w = "", 0.0      # whitespace after the last unit: kept only if more follows on the line
    for unit in units(text):
        w = measure(unit)
        if unit.isspace():
            if line:
                gap, gap_w = gap + unit, gap_w + w
            continue
        if line and used + gap_w + w <= width + 1e-6:
            line += (gap, unit)
            used += gap_w + w
        else:
            if line:                                # break here; the gap is dropped
                lines.append((width - used, "".join(line)))
            line, used = [unit], w
            if w > width + 1e-6:                    # nothing fits it: cut between characters
                used, line = _cut(unit, width, measure, lines)
        gap, gap_w = "", 0.0
    if line:
        lines.append((width - used, "".join(line)))
    return lines


def _cut(unit: str, width: float, measure: Callable[[str], float],
         lines: list[tuple[float, str]]) -> tuple[float, list[str]]:
    """A unit wider than a whole line, cut between characters; full lines go to `lines`,
    the last, partial one is returned (width, [text]) so filling goes on after it."""
    start, used = 0, 0.0
    for i, ch in enumerate(unit):
        w = measure(ch)
        if used + w > width + 1e-6 and i > start:
            cut = _allowed_cut(unit, start, i)
            lines.append((width - measure(unit[start:cut]), unit[start:cut]))
            start, used = cut, measure(unit[cut:i])
        used += w
    return used, [unit[start:]]


def _allowed_cut(unit: str, start: int, i: int) -> int:
    """The last position in (start, i] where the rules allow a break, else `i` (forced)."""
    for j in range(i, start, -1):
        before, after = unit[j - 1], unit[j]
        if after in CANNOT_START or before in CANNOT_END or (before == after and before in "—―…‥"):
            continue
        return j
    return i
