"""Guessing which field each column of a spreadsheet fills, from its header and its values.

A registrar's first file comes from another system, whose headers are not ours.
The header alone misleads: a museum's open-data CSV starts with `id` (the
source system's row number, 1035, 1036 …) and only later has
`accession_number` (A00001, N04880 …); taken by its name, `id` would have been
the accession number and the real one left out. So each column is guessed from
its header (mapping.header_candidates: the field's own name, the program's
name for it, the names catalogues use, a word of the header) and then from a
profile of its values:

- unique values, nearly all filled and mostly of one pattern with letters and
  digits ('A9' for A00001, 'A9.9' for HY1944.0001) are accession numbers;
- unique whole numbers under an id-like header are the source system's ids:
  other numbers (kind "source id"), not the accession;
- a column of web addresses is external links;
- a "measurements" column that is not the program's own JSON is a dimensions text.

Every guess carries a confidence (exact, alias, data, weak; mapping.CONFIDENCES)
and a reason, which the dry run, `import --json` and the wizard show, so the
curator confirms the columns that need it. Each field is given to one column
(except mapping.MULTI), the surest claim first, ties in the file's order.

Only the first PROFILE_ROWS rows are read: the guess must be quick on a file
of a million rows, and a sample that size shows a column's pattern.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from exhibit.interchange import cells
from exhibit.interchange.mapping import (
    CONFIDENCES,
    DATA,
    EXACT,
    IGNORE,
    MULTI,
    WEAK,
    Candidate,
    Mapping,
    fold,
    header_candidates,
    import_targets,
)
from exhibit.interchange.tables import TableRow

PROFILE_ROWS = 20_000
# Headers that name a record's number in the system it came from, not what the museum calls it.
ID_HEADERS = frozenset({"id", "objectid", "recordid", "systemid", "sourceid", "rowid", "记录编号", "系统编号",
                        "记录号", "数据编号"})
SOURCE_ID = "source id"
FILLED = 0.9        # share of rows an identifying column must fill
UNIQUE = 0.98       # share of its filled values that must be distinct
ONE_PATTERN = 0.6   # share of values of the commonest pattern
URLS = 0.8          # share of web addresses that makes a column of links
_URL = re.compile(r"https?://\S+$", re.IGNORECASE)
_INTEGER = re.compile(r"[0-9]{1,15}$")


@dataclass
class Profile:
    """What a column's values look like (of the rows read)."""
    rows: int
    filled: int
    distinct: int
    pattern: str          # the commonest pattern ('A9' …), '' when nothing is filled
    pattern_share: float  # of the filled values
    integers: list[int]   # the values, when every filled one is a whole number
    urls: int
    json_lists: int
    long_values: int      # values over 60 characters (prose, not identifiers)

    @property
    def unique(self) -> float:
        return self.distinct / self.filled if self.filled else 0.0

    def share(self, count: int) -> float:
        return count / self.filled if self.filled else 0.0

    def looks_like_accessions(self) -> bool:
        return (self.filled >= FILLED * self.rows and self.unique >= UNIQUE
                and self.pattern_share >= ONE_PATTERN and "A" in self.pattern and "9" in self.pattern
                and not self.integers and self.share(self.long_values) < 0.05)

    def looks_like_row_ids(self) -> bool:
        return bool(self.integers) and self.filled >= FILLED * self.rows and self.unique == 1.0


def pattern(value: str) -> str:
    """The shape of a value: letters as A, digits as 9, runs collapsed ('AR00001' → 'A9')."""
    out: list[str] = []
    for ch in value:
        c = "A" if ch.isalpha() else "9" if ch.isdigit() else ch
        if not out or out[-1] != c or c not in "A9":
            out.append(c)
    return "".join(out)


def profile(rows: Sequence[TableRow], index: int, limit: int = PROFILE_ROWS) -> Profile:
    values = [cells.restore(row.get(index)).strip() for row in rows[:limit]]
    filled = [v for v in values if v]
    shapes = Counter(pattern(v) for v in filled)
    top, top_count = shapes.most_common(1)[0] if shapes else ("", 0)
    integers = [int(v) for v in filled] if filled and all(_INTEGER.match(v) for v in filled) else []
    return Profile(len(values), len(filled), len(set(filled)), top, top_count / len(filled) if filled else 0.0,
                   integers, sum(1 for v in filled if _URL.match(v)),
                   sum(1 for v in filled if v.startswith("[")), sum(1 for v in filled if len(v) > 60))


def _percent(share: float) -> str:
    return f"{share * 100:.0f}" if share < 0.995 or share == 1 else f"{share * 100:.1f}"


def _insert(found: list[Candidate], new: Candidate) -> list[Candidate]:
    """`found` with `new` among them by confidence (after those as sure), replacing any
    candidate for the same field."""
    rest = [c for c in found if c.target != new.target]
    rank = CONFIDENCES.index(new.confidence)
    at = next((n for n, c in enumerate(rest) if CONFIDENCES.index(c.confidence) > rank), len(rest))
    return rest[:at] + [new] + rest[at:]


def _with_data(header: str, found: list[Candidate], p: Profile | None) -> list[Candidate]:
    """The header's candidates, corrected and added to by what the values look like."""
    if p is None or not p.filled:
        return found
    out = list(found)
    if fold(header) in ID_HEADERS and p.looks_like_row_ids():
        # The source system's numbering: kept as an other number, never the accession.
        row_ids = Candidate("other_numbers", DATA, "row_ids",
                            (("low", str(min(p.integers))), ("high", str(max(p.integers)))))
        return [row_ids] + [c for c in out if c.target not in ("accession", "other_numbers")]
    if p.looks_like_accessions():
        said = next((c for c in out if c.target == "accession"), None)
        if said is None:
            out = _insert(out, Candidate("accession", DATA, "accession_values", (
                ("unique", _percent(p.unique)), ("pattern", p.pattern), ("share", _percent(p.pattern_share)))))
        elif said.confidence == WEAK:   # a loose header ('编号') the values confirm
            out = _insert(out, Candidate("accession", DATA, "accession_header_values", (
                ("unique", _percent(p.unique)), ("pattern", p.pattern))))
    said = next((c for c in out if c.target == "measurements"), None)
    if said is not None and p.json_lists < p.filled:
        # Our own export's measurements are JSON; a museum's "Measurements" is a dimensions text.
        out = _insert([c for c in out if c.target != "measurements"],
                      Candidate("dimensions", said.confidence, "dimension_text"))
    if p.share(p.urls) >= URLS:
        out = [c for c in out if c.target != "media"]   # image paths are files, not addresses
        said = next((c for c in out if c.target == "external_links"), None)
        if said is None or CONFIDENCES.index(said.confidence) > CONFIDENCES.index(DATA):
            out = _insert(out, Candidate("external_links", DATA, "urls", (("share", _percent(p.share(p.urls))),)))
    return out


def guess(header: list[str], rows: Sequence[TableRow], record_type: str = "object") -> Mapping:
    """The mapping for a file: each column's surest free candidate, with how sure it is."""
    allowed = set(import_targets(record_type))
    profiles = [profile(rows, i) if rows else None for i in range(len(header))]
    options = [[c for c in _with_data(h, header_candidates(h, record_type), profiles[i]) if c.target in allowed]
               for i, h in enumerate(header)]
    empty: set[int] = set()
    for i, p in enumerate(profiles):
        if p is not None and not p.filled and any(c.confidence == WEAK for c in options[i]):
            # A loose guess for a column with no values would only empty that field on a re-import.
            options[i] = [c for c in options[i] if c.confidence != WEAK]
            empty.add(i)
    chosen: dict[int, Candidate] = {}
    owner: dict[str, int] = {}
    # Surest claims first; within one confidence, the file's order.
    for level in CONFIDENCES:
        for i, found in enumerate(options):
            if i in chosen:
                continue
            for c in found:
                if c.confidence != level:
                    continue
                if c.target in owner and c.target not in MULTI:
                    continue
                chosen[i] = c
                owner.setdefault(c.target, i)
                break
    if record_type == "object" and "accession" not in owner:
        _last_resort_accession(header, profiles, chosen, owner)
    columns: dict[str, str] = {}
    guesses: dict[str, Candidate] = {}
    for i, h in enumerate(header):
        picked = chosen.get(i)
        if picked is not None:
            columns[h], guesses[h] = picked.target, picked
            continue
        columns[h] = IGNORE
        taken = next((o for o in options[i] if o.target in owner), None)
        guesses[h] = (Candidate(IGNORE, "", "taken", (("other", header[owner[taken.target]]),
                                                       ("target", taken.target)))
                      if taken is not None else Candidate(IGNORE, "", "empty" if i in empty else "no_field"))
    return Mapping(record_type, columns, guesses=guesses)


def _last_resort_accession(header: list[str], profiles: list[Profile | None], chosen: dict[int, Candidate],
                           owner: dict[str, int]) -> None:
    """No column names the accession number: the first unique, filled column may hold it."""
    for i, p in enumerate(profiles):
        if p is None or not p.filled or p.filled < FILLED * p.rows or p.unique < 1.0 or p.long_values:
            continue
        if i in chosen and chosen[i].target not in ("other_numbers", IGNORE):
            continue
        chosen[i] = Candidate("accession", WEAK, "only_unique", (("unique", _percent(p.unique)),))
        owner["accession"] = i
        return


def number_kind(header: str) -> str:
    """What a plain other number from this column is called: a source system's id ("id"), the
    header as written ("旧编号", "Previous number"), or nothing when the header is the field's
    own name (our export's "other_numbers" column)."""
    if fold(header) in ID_HEADERS:
        return SOURCE_ID
    if any(c.target == "other_numbers" and c.confidence == EXACT for c in header_candidates(header, "object")):
        return ""
    return " ".join(header.split())
