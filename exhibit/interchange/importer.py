"""Importing rows of a spreadsheet as records: a dry run first, then all or nothing.

    table = tables.read_table("藏品总账.xlsx")
    mapping = mapping.suggest_for(table, "object")           # or Mapping.load(...)
    plan = plan_import(archive, table, mapping)              # dry run: what each row would do
    result = apply_import(archive, table, mapping)           # one transaction, or nothing

`plan_import` writes nothing; it reports per row whether the record would be
created, updated, left unchanged or rejected, and why. Objects are matched
by accession number (case-insensitive, as the archive compares them); people,
places, events and sources by their key column when it is filled, else by
their name or title. Re-importing a file updates the matched records.

`apply_import` takes the write lock, plans again inside the transaction (so
nothing can change between the check and the write) and refuses, changing
nothing, if any row is rejected; or, given `rejects_to` (a partial import),
imports the other rows in the same one transaction and writes the rejected
ones to that file (rejects.py), to be fixed and imported again. New records are written in batches
(`bulk.insert_new`), changed ones through `services.update`, images through
`media_records.import_paths` confined to the chosen folder. On a server archive the same
plan is written record by record through the services, in one server transaction
(server_import.py).

An empty cell in a mapped column empties that field; columns the mapping
ignores leave the field as it is. Fields a museum spreads over several
columns (makers and their role, one measurement per column, several numbers
or links) are put together first (compose.py).

A value of a vocabulary column that is no term rejects its row unless the
mapping answers it (`mapping.terms`): with an existing term, or with a new
term of the archive's own (`mapping.new_terms`), which the plan treats as
present and `apply_import` adds in its transaction (`add_new_terms`).
`unknown_terms` lists such values column by column with their counts, for
the wizard and `import --add-terms` (`answer_with_new_terms`). Exported cells that were protected against
formula injection (`cells.py`: a leading apostrophe before = + - @ …) are
restored here.

Both functions take `progress(done, total, stage)` and `cancelled() -> bool`:
a cancelled plan says so, a cancelled import raises ImportCancelled after
rolling everything back.
"""
from __future__ import annotations

import gc
import re
import time
import unicodedata
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable, Iterator

from exhibit import media_files, media_records, services
from exhibit.archive import Archive
from exhibit.errors import ExhibitError, MediaError
from exhibit.interchange import bulk, cells
from exhibit.interchange.checking import RecordChecker, fold_ident
from exhibit.interchange.compose import Composer
from exhibit.interchange.mapping import (
    MEDIA,
    PLACE,
    SECTION,
    TERM_CODE,
    Mapping,
    MappingError,
    NewTerm,
    TermMatcher,
    suggest_for,
)
from exhibit.interchange.tables import Table, TableRow
from exhibit.problems import Problem, texts
from exhibit.records import Record, Term, record_class

IMPORT_TYPES = ("object", "person", "place", "event", "source")
ProgressFn = Callable[[int, int, str], None]
CancelFn = Callable[[], bool]
_FLOATS = {"lat", "lon"}
_INTS = {"position"}
_BOOLS = {"is_sample", "is_illustration"}
_TRUE = {"1", "true", "yes", "y", "是", "对", "√", "x"}
_FALSE = {"", "0", "false", "no", "n", "否", "不是"}
_MEDIA_SPLIT = re.compile(r"\s*[;；|\n]\s*")
_NAME_FIELDS = {"person": ("name_zh", "name_en"), "place": ("name_zh", "name_en"),
                "event": ("title_zh", "title_en"), "source": ("title",), "object": ()}
CHECK_EVERY = 500  # rows between polls of cancelled()
BIG_IMPORT = 2000  # rows; from here the WAL checkpoint runs after the import, in the background


class ImportCancelled(ExhibitError):
    """The curator cancelled; nothing was written."""


class ImportRejected(ExhibitError):
    """Some rows cannot be imported, so none were."""

    def __init__(self, plan: "ImportPlan"):
        self.plan = plan
        first = plan.rejected[0] if plan.rejected else None
        detail = f" First: {first.describe()}" if first else ""
        super().__init__(f"{plan.source}: {plan.counts()['rejected']} of {plan.row_count} row(s) cannot be "
                         f"imported, so nothing was imported.{detail}")


@dataclass
class RowOutcome:
    row: int                 # the row number the user sees in the file
    action: str              # 'create', 'update', 'unchanged', 'rejected'
    key: str = ""            # accession number, key or name, for the report
    reasons: list[Problem] = field(default_factory=list)    # why it is rejected
    warnings: list[Problem] = field(default_factory=list)   # what it imports all the same
    record: Record | None = None
    media: list[Path] = field(default_factory=list)
    # An update's record as the plan read it (kept on a server archive only: its import saves
    # against it, so that a record another curator saved meanwhile is a conflict, not lost).
    base: Record | None = field(default=None, repr=False)

    @property
    def planned_record(self) -> Record:
        """The record a 'create' or 'update' row writes; only other rows may have none."""
        if self.record is None:
            raise ValueError(f"row {self.row} ({self.action}) has no record to write")
        return self.record

    def describe(self) -> str:
        who = f" ({self.key})" if self.key else ""
        text = f"row {self.row}{who}: {self.action}"
        if self.reasons:
            text += " — " + "; ".join(texts(self.reasons))
        if self.warnings:
            text += " [" + "; ".join(texts(self.warnings)) + "]"
        return text


@dataclass
class UnknownTerm:
    vocab: str
    field: str
    value: str
    rows: list[int]          # the first ROWS_NAMED rows with the value
    suggestion: Term | None
    more: int = 0            # rows with it beyond those

    @property
    def count(self) -> int:
        """How many rows have the value."""
        return len(self.rows) + self.more

    def add_row(self, number: int) -> None:
        if len(self.rows) < ROWS_NAMED:
            self.rows.append(number)
        else:
            self.more += 1

    def describe(self) -> str:
        rows = ", ".join(map(str, self.rows[:10])) + (" …" if len(self.rows) > 10 else "")
        hint = (f"; nearest term: {self.suggestion.label_zh} / {self.suggestion.label_en} "
                f"({self.suggestion.code}) — to use it, add \"{self.value}\": \"{self.suggestion.code}\" "
                f"under terms → {self.vocab} in the mapping" if self.suggestion else "")
        return (f"{self.field} '{self.value}' is not a term of the {self.vocab} vocabulary "
                f"({self.count} row(s): {rows}){hint}")


ROWS_NAMED = 1000  # rows an unknown value, or a compact plan's warnings, name; the others are counted


@dataclass
class ImportPlan:
    source: str
    record_type: str
    format: str
    encoding: str | None
    header: list[str]
    fields: list[str]
    rows: list[RowOutcome] = field(default_factory=list)
    empty_rows: list[int] = field(default_factory=list)
    notes: list[Problem] = field(default_factory=list)
    unknown_terms: list[UnknownTerm] = field(default_factory=list)
    cancelled: bool = False
    # A streamed table's plan (`compact`): every row is counted in `tally`, and `rows` keeps
    # only those a report or the import needs again (rejected, updated, with images, and
    # the first ROWS_NAMED with warnings), so a million rows do not stay in memory.
    tally: dict[str, int] | None = None
    warnings_kept: int = 0
    warnings_not_kept: int = 0
    _kept: dict[int, RowOutcome] = field(default_factory=dict, repr=False)

    @property
    def rejected(self) -> list[RowOutcome]:
        return [r for r in self.rows if r.action == "rejected"]

    @property
    def ok(self) -> bool:
        return not self.cancelled and not self.counts()["rejected"]

    @property
    def row_count(self) -> int:
        """The rows planned (a compact plan keeps fewer in `rows`)."""
        return sum(self.tally.values()) if self.tally is not None else len(self.rows)

    def counts(self) -> dict[str, int]:
        out = {"create": 0, "update": 0, "unchanged": 0, "rejected": 0}
        if self.tally is not None:
            out.update(self.tally)
        else:
            for r in self.rows:
                out[r.action] += 1
        out["empty"] = len(self.empty_rows)
        return out

    def make_compact(self) -> None:
        self.tally = {"create": 0, "update": 0, "unchanged": 0, "rejected": 0}

    def add(self, outcome: RowOutcome) -> None:
        """Count a compact plan's row, and keep it if it will be needed again."""
        if self.tally is None:
            self.rows.append(outcome)
            return
        self.tally[outcome.action] += 1
        keep = outcome.action in ("rejected", "update") or bool(outcome.media)
        if outcome.warnings and not keep:
            keep = self.warnings_kept < ROWS_NAMED
            if keep:
                self.warnings_kept += 1
            else:
                self.warnings_not_kept += 1
        if keep:
            self.rows.append(outcome)
            self._kept[outcome.row] = outcome

    def add_plain(self, created: int) -> None:
        """Count created rows with nothing to report (a compact plan's worker sends only their number)."""
        if created:
            if self.tally is None:
                raise ValueError("only a compact plan counts rows it does not keep")
            self.tally["create"] += created

    def retract(self, retraction: "Retraction") -> RowOutcome:
        """A row planned before a later row showed its key is duplicated: rejected after all."""
        kept = self._kept.get(retraction.row) if self.tally is not None else next(
            (r for r in self.rows if r.row == retraction.row), None)
        if self.tally is not None:
            self.tally[retraction.was] -= 1
            self.tally["rejected"] += 1
        if kept is None:
            kept = RowOutcome(retraction.row, "rejected", retraction.key)
            self.rows.append(kept)
            self._kept[kept.row] = kept
        reject_as_duplicate(kept, retraction.problem)
        return kept

    def finish(self) -> None:
        """Rows in file order again (retracted ones were added as they were found)."""
        self.rows.sort(key=lambda r: r.row)

    def summary(self) -> str:
        c = self.counts()
        how = ", ".join(x for x in (self.format.upper(), _ENCODINGS.get(self.encoding or "", "")) if x)
        text = (f"{self.source} ({how}): {len(self.rows)} row(s) — {c['create']} to create, "
                f"{c['update']} to update, {c['unchanged']} unchanged, {c['rejected']} rejected")
        if c["empty"]:
            text += f"; {c['empty']} empty row(s) skipped"
        return text + ("; cancelled before the end" if self.cancelled else "")

    def report(self, limit: int | None = None, all_rows: bool = False) -> str:
        """The dry-run report: summary, file notes, then each row that is not a plain create."""
        lines = [self.summary()]
        lines += [f"note: {n}" for n in self.notes]  # str(Problem): its English sentence
        lines += [(f"row {a}" if a == b else f"rows {a}–{b}") + ": empty, skipped"
                  for a, b in _runs(self.empty_rows)]  # an .xlsx can skip a million rows
        shown = [r for r in self.rows if all_rows or r.action == "rejected" or r.warnings]
        for r in shown[:limit] if limit else shown:
            lines.append(r.describe())
        if limit and len(shown) > limit:
            lines.append(f"… and {len(shown) - limit} more row(s)")
        if self.warnings_not_kept:
            lines.append(f"… and {self.warnings_not_kept} more row(s) with warnings, not listed")
        lines += [f"unknown term: {u.describe()}" for u in self.unknown_terms]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "record_type": self.record_type, "format": self.format,
                "encoding": self.encoding, "counts": self.counts(), "notes": texts(self.notes),
                "empty_rows": self.empty_rows, "cancelled": self.cancelled,
                "rows_listed": "all" if self.tally is None else "rows with problems, updates or images",
                "warnings_not_listed": self.warnings_not_kept,
                "rows": [{"row": r.row, "action": r.action, "key": r.key, "reasons": texts(r.reasons),
                          "warnings": texts(r.warnings)} for r in self.rows],
                "unknown_terms": [{"vocab": u.vocab, "field": u.field, "value": u.value, "count": u.count,
                                   "rows": u.rows, "suggestion": u.suggestion.code if u.suggestion else None}
                                  for u in self.unknown_terms]}


def _runs(numbers: list[int]) -> Iterator[tuple[int, int]]:
    """Runs of consecutive numbers: [3, 4, 5, 9] → (3, 5), (9, 9)."""
    run: tuple[int, int] | None = None  # (first, last) of the run so far
    for n in numbers:
        if run is not None and n == run[1] + 1:
            run = (run[0], n)
            continue
        if run is not None:
            yield run
        run = (n, n)
    if run is not None:
        yield run


_ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with BOM", "gb18030": "GB18030",
              "utf-16": "UTF-16", "utf-32": "UTF-32"}


@dataclass
class ImportResult:
    plan: ImportPlan
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    media_imported: int = 0
    media_reused: int = 0
    seconds: float = 0.0
    parallel: bool = False   # checked in a worker process while this one wrote (pipeline.py)
    rejected: int = 0        # a partial import's rows left out, written to rejects_file
    rejects_file: Path | None = None
    terms_added: int = 0     # new vocabulary terms the mapping asked for (mapping.new_terms)
    waited_for_worker: float = 0.0  # seconds this process waited for the worker's batches
    worker_cpu: float = 0.0         # the worker's CPU seconds
    pipeline: Any = None            # pipeline.Figures of a parallel import: how the work was shared

    def summary(self) -> str:
        text = (f"{self.plan.source}: {self.created} created, {self.updated} updated, "
                f"{self.unchanged} unchanged")
        if self.media_imported or self.media_reused:
            text += f"; images: {self.media_imported} imported, {self.media_reused} already in the archive"
        if self.terms_added:
            text += f"; {self.terms_added} new vocabulary term(s) added"
        if self.rejects_file is not None:
            text += f"; {self.rejected} rejected row(s) written to {self.rejects_file}"
        return text


# ---------------------------------------------------------------- planning

@dataclass
class _Draft:
    row: int
    values: dict[str, str]
    key: str
    problems: list[Problem]
    notes: list[Problem]


def _required(mapping: Mapping, fields: list[str], source: str) -> None:
    rtype = mapping.record_type
    if rtype not in IMPORT_TYPES:
        raise MappingError(f"{source}: import makes {', '.join(IMPORT_TYPES)} records, not {rtype}")
    if rtype == "object" and "accession" not in fields:
        raise MappingError(f"{source}: no column is mapped to the accession number (总登记号); "
                           f"objects are matched by it")
    if rtype != "object" and "key" not in fields and not set(_NAME_FIELDS[rtype]) & set(fields):
        raise MappingError(f"{source}: map a key column or a name/title column: {rtype} records "
                           f"are matched by one of them")


def _used(fields: list[str]) -> list[tuple[int, str]]:
    return [(i, f) for i, f in enumerate(fields) if f]


def _draft(row: Any, used: list[tuple[int, str]], rtype: str, composer: Composer | None = None) -> _Draft:
    values: dict[str, str] = {}
    media: list[str] = []
    for i, f in used:
        if composer is not None and composer.takes(f):
            continue
        value = cells.restore(row.get(i))
        if f == MEDIA:
            media += [p for p in _MEDIA_SPLIT.split(value.strip()) if p]
        else:
            values[f] = value
    if media:
        values[MEDIA] = "\n".join(media)
    if composer is not None:
        composer.fill(row, values)
    return _Draft(row.number, values, _key(values, rtype), list(row.problems), list(row.notes))


def _key(values: dict[str, str], rtype: str) -> str:
    key = services.clean_text(values.get("accession" if rtype == "object" else "key", ""))
    if not key and rtype != "object":
        key = next((services.clean_text(values[n]) for n in _NAME_FIELDS[rtype] if values.get(n, "").strip()), "")
    return key


@dataclass
class RowKey:
    """What matching needs of a row, read before the rest of it (a draft is made per row
    as its outcome is wanted, so the worker's first batch is ready sooner)."""
    row: int
    key: str
    keyed: bool  # the key column is filled (else a name or title is the key)
    folded: str = ""  # fold_ident(key), worked out once: duplicates and matching compare it


def row_keys(rows: list[TableRow], fields: list[str], rtype: str) -> list[RowKey]:
    wanted = {"accession"} if rtype == "object" else {"key", *_NAME_FIELDS[rtype]}
    used = [(i, f) for i, f in _used(fields) if f in wanted]
    out = []
    for row in rows:
        values = {f: cells.restore(row.get(i)) for i, f in used}  # the last column of a field wins
        key = _key(values, rtype)
        out.append(RowKey(row.number, key, bool(values.get("key", "").strip()), fold_ident(key) if key else ""))
    return out


def _duplicates(keys: list[RowKey], rtype: str) -> dict[int, Problem]:
    """The problem of each row whose key appears on other rows of the file, by row number."""
    rows_of: dict[str, list[int]] = {}
    for k in keys:
        if k.key:
            rows_of.setdefault(k.folded, []).append(k.row)
    column, code = (("accession", "duplicate_in_file") if rtype == "object" else ("key", "duplicate_in_file")
                    if rtype != "source" else ("key", "duplicate_in_file_title"))
    out = {}
    for k in keys:
        rows = rows_of.get(k.folded) if k.key else None
        if rows and len(rows) > 1:
            others = ", ".join(str(n) for n in rows if n != k.row)
            out[k.row] = Problem(column, code, {"value": k.key, "rows": others})
    return out


class RowProblem(Exception):
    """A cell that names something the archive does not have (a place, a section)."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


class Planner:
    def __init__(self, archive: Archive, mapping: Mapping, media_root: Path | None):
        self.archive = archive
        self.rtype = mapping.record_type
        self.cls = record_class(self.rtype)
        self.terms = TermMatcher.for_archive(archive.db, mapping.terms, mapping.new_terms)
        self.checker = RecordChecker.load(archive, self.rtype)
        for vocab_name, codes in mapping.new_terms.items():   # added by the import itself
            self.checker.vocab_codes.setdefault(vocab_name, set()).update(codes)
        self.media_root = Path(media_root) if media_root else None
        self.keep_base = archive.is_server   # see RowOutcome.base
        self.unknown: dict[tuple[str, str, str], UnknownTerm] = {}
        self._names: dict[str, list[int]] | None = None
        self._places: dict[str, list[int]] | None = None

    def names(self) -> dict[str, list[int]]:
        """Existing records by name or title, for types matched by name."""
        if self._names is None:
            self._names = {}
            for column in _NAME_FIELDS[self.rtype][:1]:
                for rid, name in self.archive.db.execute(f"SELECT id, {column} FROM {self.cls.TABLE}"):
                    if name:
                        self._names.setdefault(services.clean_text(name), []).append(rid)
        return self._names

    def place_id(self, text: str) -> int:
        if self._places is None:
            self._places = {}
            for rid, key, zh, en in self.archive.db.execute("SELECT id, key, name_zh, name_en FROM places"):
                for name in (key, zh, en):
                    if name:
                        self._places.setdefault(fold_ident(name), []).append(rid)
        found = sorted(set(self._places.get(fold_ident(text), [])))
        if not found:
            raise RowProblem(Problem(PLACE, "unknown_place", {"value": text}))
        if len(found) > 1:
            raise RowProblem(Problem(PLACE, "ambiguous_place", {"value": text, "count": len(found)}))
        return found[0]

    def section_id(self, text: str) -> int:
        # A server compares as SQLite's COLLATE NOCASE does with its `nocase` (exhibit/server/schema.py).
        same = "nocase(code) = nocase(?)" if self.archive.is_server else "code = ? COLLATE NOCASE"
        row = self.archive.db.execute(f"SELECT id FROM sections WHERE {same}", [text]).fetchone()
        if row is None:
            raise RowProblem(Problem(SECTION, "unknown_section", {"value": text}))
        return row[0]

    def existing_id(self, key: RowKey, problems: list[Problem]) -> int | None:
        """The id of the record the row updates, if any (a problem when that is ambiguous)."""
        if not key.key:
            return None
        rtype = self.rtype
        if rtype == "object" or key.keyed:
            return self.checker.idents.get(key.folded)
        ids = self.names().get(key.key, [])
        if len(ids) > 1:
            problems.append(Problem("key", "ambiguous_name", {"count": len(ids), "type": rtype,
                                                              "value": key.key}))
            return None
        return ids[0] if ids else None

    def convert(self, draft: _Draft) -> tuple[dict[str, Any], list[Path]]:
        """Field values of the row (vocabulary codes, numbers, references) and its media files."""
        out: dict[str, Any] = {}
        media: list[Path] = []
        for name, text in draft.values.items():
            if name == MEDIA:
                media = self._media(draft, text.split("\n"))
            elif name in self.cls.VOCAB:
                out[name] = self._term(draft, name, text)
            elif name in _FLOATS or name in _INTS:
                value = text.strip()
                try:
                    out[name] = None if not value else (float(value) if name in _FLOATS else int(value))
                except ValueError:
                    draft.problems.append(Problem(name, "not_a_number", {"value": value}))
            elif name in _BOOLS:
                folded = text.strip().lower()
                if folded in _TRUE or folded in _FALSE:
                    out[name] = folded in _TRUE
                else:
                    draft.problems.append(Problem(name, "not_yes_no", {"value": text}))
            elif name == PLACE:
                try:
                    out["place_id"] = self.place_id(text.strip()) if text.strip() else None
                except RowProblem as exc:
                    draft.problems.append(exc.problem)
            elif name == SECTION:
                try:
                    out["section_id"] = self.section_id(text.strip()) if text.strip() else None
                except RowProblem as exc:
                    draft.problems.append(exc.problem)
            else:
                out[name] = text
        return out, media

    def _term(self, draft: _Draft, name: str, text: str) -> str:
        vocab_name = self.cls.VOCAB[name]
        value = text.strip()
        if not value:
            return "in_store" if name == "status" else ""
        code = self.terms.match(vocab_name, value)
        if code is not None:
            return code
        key = (vocab_name, name, value)
        if key not in self.unknown:
            self.unknown[key] = UnknownTerm(vocab_name, name, value, [], self.terms.nearest(vocab_name, value))
        unknown = self.unknown[key]
        unknown.add_row(draft.row)
        found = unknown.suggestion
        draft.problems.append(Problem(name, "not_a_term_nearest", {"value": value, "vocab": vocab_name,
                                                                   "label": found.label_zh, "term": found.code})
                              if found else Problem(name, "not_a_term", {"value": value, "vocab": vocab_name}))
        return value

    def _media(self, draft: _Draft, paths: list[str]) -> list[Path]:
        if self.media_root is None:
            draft.notes.append(Problem(MEDIA, "images_without_folder", {"count": len(paths)}))
            return []
        found = []
        for raw in paths:
            try:
                found.append(media_files.resolve_inside(Path(raw), self.media_root))
            except MediaError as exc:
                draft.problems.append(Problem(MEDIA, "image_problem", {"why": exc.problem or str(exc)}))
        return found


def _comparable(record: Record) -> dict[str, Any]:
    row = record.as_row()
    row.pop("modified", None)
    row.pop("created", None)
    return row


def plan_import(archive: Archive, table: Table, mapping: Mapping, *, media_root: Path | None = None,
                progress: ProgressFn | None = None, cancelled: CancelFn | None = None) -> ImportPlan:
    """The dry run: what importing `table` with `mapping` would do to each row. Writes nothing."""
    plan = empty_plan(table, mapping)
    if table.streamed:
        return _plan_streamed(archive, table, mapping, plan, media_root, progress, cancelled)
    planner, total, outcomes = planning(archive, table, mapping, plan.fields, media_root)
    for number in range(1, total + 1):
        if cancelled is not None and number % CHECK_EVERY == 0 and cancelled():
            plan.cancelled = True
            break
        plan.rows.append(next(outcomes))
        if progress is not None and number % CHECK_EVERY == 0:
            progress(number, total, "checking")
    plan.unknown_terms = list(planner.unknown.values())
    if progress is not None:
        progress(len(plan.rows), total, "checking")
    return plan


def empty_plan(table: Table, mapping: Mapping) -> ImportPlan:
    """The plan's header, notes and file-level checks, before any row (raises MappingError)."""
    from exhibit.interchange.rejects import reason_column

    header = table.header
    fields = mapping.fields_for(header)
    reason = reason_column(header)
    if reason is not None:  # a rejects file imported again: its reasons are not data
        header, fields = header[:reason], fields[:reason] + [""]
    _required(mapping, fields, table.name)
    plan = ImportPlan(table.name, mapping.record_type, table.format, table.encoding, table.header, fields,
                      empty_rows=list(table.empty_rows), notes=list(table.notes))
    plan.notes += mapping.check(header, table.name)
    return plan


def planning(archive: Archive, table: Table, mapping: Mapping, fields: list[str],
              media_root: Path | None, *, planner: "Planner | None" = None,
              keys: list[RowKey] | None = None) -> tuple["Planner", int, Iterator[RowOutcome]]:
    """(the planner, the number of rows, each row's outcome in file order, planned as iterated).

    Shared by the dry run and by the import's worker process (pipeline.py), so
    both give the same outcome for every row.
    """
    rtype = mapping.record_type
    planner = planner or Planner(archive, mapping, media_root)
    keys = row_keys(table.rows, fields, rtype) if keys is None else keys
    duplicate = _duplicates(keys, rtype)
    problems: dict[int, list[Problem]] = {}
    matched = {k.row: planner.existing_id(k, problems.setdefault(k.row, [])) for k in keys}
    existing = _load(archive, rtype, [i for i in matched.values() if i is not None])
    used = _used(fields)
    composer = Composer.of(table.header, fields) if rtype == "object" else None

    def outcomes() -> Iterator[RowOutcome]:
        for row in table.rows:
            draft = _draft(row, used, rtype, composer)
            if row.number in duplicate:
                draft.problems.append(duplicate[row.number])
            draft.problems += problems[row.number]
            yield _outcome(planner, draft, matched[row.number], existing)
    return planner, len(keys), outcomes()


def _plan_streamed(archive: Archive, table: Table, mapping: Mapping, plan: ImportPlan, media_root: Path | None,
                   progress: ProgressFn | None, cancelled: CancelFn | None) -> ImportPlan:
    """plan_import of a streamed table: one pass over the file, a compact plan."""
    plan.make_compact()
    planner = Planner(archive, mapping, media_root)
    for item in stream_outcomes(archive, table, mapping, plan.fields, planner):
        if isinstance(item, Retraction):
            plan.retract(item)
            continue
        plan.add(item)
        done = plan.row_count
        if done % CHECK_EVERY == 0:
            if cancelled is not None and cancelled():
                plan.cancelled = True
                break
            if progress is not None:
                progress(done, 0, "checking")
    plan.finish()
    plan.empty_rows = list(table.empty_rows)
    plan.unknown_terms = list(planner.unknown.values())
    return plan


@dataclass
class Retraction:
    """A row planned before a later row with the same key showed it to be a duplicate: a
    streamed table is planned in one pass, so the first of two such rows is rejected after
    it was planned (and, in a partial import, after it was written: pipeline.py removes it)."""
    row: int
    key: str
    was: str            # the action it was planned with
    problem: Problem    # the duplicate, naming the later row


def reject_as_duplicate(outcome: RowOutcome, problem: Problem) -> None:
    outcome.action, outcome.record = "rejected", None
    outcome.reasons = outcome.reasons + [problem]


STREAM_CHUNK = 1000  # rows planned together: matched against the archive in one query
_ACTIONS = ("create", "update", "unchanged", "rejected")
_RETRACTED = 4


def stream_outcomes(archive: Archive, table: Table, mapping: Mapping, fields: list[str],
                    planner: Planner) -> Iterator["RowOutcome | Retraction"]:
    """Each row's outcome in file order, in one pass over a streamed table (planning() reads
    every key first). A key seen before rejects the row naming the first one, and the
    first one is then retracted (a Retraction, once) for the consumer to reject too.

    Holds per row only its folded key, its row number and its action (a million keys:
    ~100 MB), never the rows themselves.
    """
    rtype = mapping.record_type
    used = _used(fields)
    composer = Composer.of(table.header, fields) if rtype == "object" else None
    code = "duplicate_in_file_title" if rtype == "source" else "duplicate_in_file"
    column = "accession" if rtype == "object" else "key"
    # folded key → first row number × 8 + its action's index (or _RETRACTED once retracted):
    # one int per key instead of a tuple.
    first: dict[str, int] = {}
    chunk: list[TableRow] = []

    def plan(rows: list[TableRow]) -> Iterator[RowOutcome | Retraction]:
        keys = row_keys(rows, fields, rtype)
        problems: dict[int, list[Problem]] = {}
        matched = {k.row: planner.existing_id(k, problems.setdefault(k.row, [])) for k in keys}
        existing = _load(archive, rtype, [i for i in matched.values() if i is not None])
        for row, key in zip(rows, keys):
            draft = _draft(row, used, rtype, composer)
            draft.problems += problems[row.number]
            earlier = first.get(key.folded) if key.key else None
            if earlier is not None:
                draft.problems.append(Problem(column, code, {"value": key.key, "rows": str(earlier >> 3)}))
                if earlier & 7 != _RETRACTED:
                    first[key.folded] = (earlier >> 3) * 8 + _RETRACTED
                    yield Retraction(earlier >> 3, key.key, _ACTIONS[earlier & 7],
                                     Problem(column, code, {"value": key.key, "rows": str(row.number)}))
            outcome = _outcome(planner, draft, matched[row.number], existing)
            if key.key and earlier is None:
                first[key.folded] = row.number * 8 + _ACTIONS.index(outcome.action)
            yield outcome

    for row in table.each_row():
        chunk.append(row)
        if len(chunk) == STREAM_CHUNK:
            yield from plan(chunk)
            chunk = []
    if chunk:
        yield from plan(chunk)


def _outcome(planner: "Planner", draft: _Draft, match: int | None, existing: dict[int, Record]) -> RowOutcome:
    cls = planner.cls
    values, media = planner.convert(draft)
    before = existing.get(match) if match is not None else None
    outcome = RowOutcome(draft.row, "rejected", draft.key, warnings=draft.notes, media=media)
    record = replace(before, **values) if before is not None else cls(**values)
    if before is not None and cls.IDENT:
        stored = getattr(before, cls.IDENT) or ""
        if fold_ident(getattr(record, cls.IDENT) or "") == fold_ident(stored):
            setattr(record, cls.IDENT, stored)  # matched ignoring case: the stored spelling stays
    record, found = planner.checker.check(record)
    problems = draft.problems + [p for p in found if not p.is_warning and p not in draft.problems
                                 and not _same_problem(p, draft.problems)]
    outcome.warnings = outcome.warnings + [p for p in found if p.is_warning]
    if problems:
        outcome.reasons = problems
    elif before is None:
        outcome.action, outcome.record = "create", record
    elif _comparable(record) == _comparable(before):
        outcome.action, outcome.record = "unchanged", before
    else:
        outcome.action, outcome.record = "update", record
        if planner.keep_base:
            outcome.base = before
    return outcome


def _same_problem(problem: Problem, known: list[Problem]) -> bool:
    # An unknown vocabulary term is reported once, with its suggestion, not twice.
    return problem.code == "not_a_term" and any(
        k.field == problem.field and k.code == "not_a_term_nearest" for k in known)


def _load(archive: Archive, record_type: str, ids: list[int]) -> dict[int, Record]:
    cls = record_class(record_type)
    out: dict[int, Record] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        cursor = archive.db.execute(f"SELECT * FROM {cls.TABLE} WHERE id IN ({','.join('?' * len(chunk))})",
                                    chunk)
        names = [d[0] for d in cursor.description]
        for values in cursor:
            record = cls.from_row(dict(zip(names, values)))
            out[record.saved_id] = record
    return out


# ---------------------------------------------------------------- applying

def checked_plan(archive: Archive, table: Table, mapping: Mapping, *, media_root: Path | None,
                 progress: ProgressFn | None, cancelled: CancelFn | None, skip_rejected: bool) -> ImportPlan:
    """The plan of an import about to write: ImportCancelled when it was cancelled, and
    ImportRejected when a row is rejected and the rejected rows are not to be skipped."""
    plan = plan_import(archive, table, mapping, media_root=media_root, progress=progress, cancelled=cancelled)
    if plan.cancelled:
        raise ImportCancelled(f"{table.name}: the import was cancelled; nothing was changed")
    if not plan.ok and not skip_rejected:
        raise ImportRejected(plan)
    return plan


def apply_import(archive: Archive, table: Table, mapping: Mapping, *, media_root: Path | None = None,
                 progress: ProgressFn | None = None, cancelled: CancelFn | None = None,
                 parallel: bool | None = None, rejects_to: Path | None = None) -> ImportResult:
    """Import every row in one transaction, or nothing (ImportRejected, ImportCancelled).

    With `rejects_to`, a partial import: the accepted rows are imported in the one
    transaction and the rejected ones written to that file (rejects.py) before it
    commits; a file that cannot be written rolls the import back.

    Large files are checked in a worker process while this one writes
    (pipeline.py; `parallel=None` decides by size and cores, True or False
    forces it either way): the same records, report and all-or-nothing.
    """
    from exhibit.interchange import pipeline

    if archive.is_server:   # neither the worker nor the batched writes can write PostgreSQL
        from exhibit.interchange import server_import

        return server_import.apply_import(archive, table, mapping, media_root=media_root, progress=progress,
                                          cancelled=cancelled, rejects_to=rejects_to)
    started = time.perf_counter()
    parallel = pipeline.usable(archive, table) if parallel is None else parallel
    if table.streamed and not parallel:
        # Only the worker's path writes as it reads; held whole, the rows would not fit.
        raise ExhibitError(f"{table.name}: is too large to import in this process; import it with "
                           f"main.py import, on an archive file that is not open read-only")
    big = table.streamed or len(table.rows) >= BIG_IMPORT
    with (_collector_paused() if big else nullcontext(), archive.deferred_checkpoint() if big else nullcontext(),
          archive.transaction()):
        if parallel:
            # Rows checked and prepared in a worker process while this one writes them.
            plan, figures = pipeline.plan_and_write(archive, table, mapping, media_root=media_root,
                                                   progress=progress, cancelled=cancelled,
                                                   skip_rejected=rejects_to is not None)
            result = ImportResult(plan, parallel=True, waited_for_worker=figures.waited_s,
                                  worker_cpu=figures.worker_cpu_s, pipeline=figures)
            result.created = plan.counts()["create"]
        else:
            plan = checked_plan(archive, table, mapping, media_root=media_root, progress=progress,
                                cancelled=cancelled, skip_rejected=rejects_to is not None)
            result = ImportResult(plan)
            creates = [r for r in plan.rows if r.action == "create"]
            written = bulk.insert_new(archive, [r.planned_record for r in creates],
                                      progress=progress, cancelled=cancelled)
            for outcome, record in zip(creates, written):
                outcome.record = record
            result.created = len(written)
        updates = [r for r in plan.rows if r.action == "update"]
        for number, outcome in enumerate(updates, start=1):
            stop_if_cancelled(cancelled, table.name)
            try:
                outcome.record = services.update(archive, outcome.planned_record)
            except ExhibitError as exc:
                raise ExhibitError(f"{table.name} row {outcome.row}: {exc}; nothing was imported") from exc
            if progress is not None:
                progress(number, len(updates), "updating")
        result.updated = len(updates)
        result.unchanged = plan.counts()["unchanged"]
        result.terms_added = add_new_terms(archive, mapping)
        import_media(archive, plan, media_root, result, progress, cancelled, table.name)
        if rejects_to is not None:
            write_rejects(table, plan, rejects_to, result)
    result.seconds = time.perf_counter() - started
    return result


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a big import runs (it makes no cycles to collect).

    Its passes scan every tracked object it allocates (rows, outcomes, batches): 0.9 s
    of a 100,000-row import's main process, more in a process that also holds much else.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def stop_if_cancelled(cancelled: CancelFn | None, name: str) -> None:
    if cancelled is not None and cancelled():
        raise ImportCancelled(f"{name}: the import was cancelled; nothing was changed")


def import_media(archive: Archive, plan: ImportPlan, media_root: Path | None, result: ImportResult,
                  progress: ProgressFn | None, cancelled: CancelFn | None, name: str) -> None:
    with_media = [r for r in plan.rows if r.media and r.record is not None]
    for number, outcome in enumerate(with_media, start=1):
        stop_if_cancelled(cancelled, name)
        report = media_records.import_paths(archive, outcome.media, root=media_root,
                                            link_to=(plan.record_type, outcome.planned_record.saved_id))
        if report.errors:
            file, reason = report.errors[0]
            raise ExhibitError(f"{name} row {outcome.row}: image {reason}; nothing was imported")
        result.media_imported += len(report.imported)
        result.media_reused += len(report.reused)
        if progress is not None:
            progress(number, len(with_media), "images")


def write_rejects(table: Table, plan: ImportPlan, path: Path, result: ImportResult) -> None:
    """The rejected rows to `path` (no file when none was rejected), inside the import's
    transaction: if it cannot be written, nothing is imported."""
    from exhibit.interchange import rejects

    rejected: dict[int, list[Problem | str]] = {r.row: list(r.reasons) for r in plan.rejected}
    result.rejected = len(rejected)
    if rejected:  # said in the header's language by rejects.py
        rejects.write_rejects(table, rejected, path, plan.record_type)
        result.rejects_file = Path(path)


# ---------------------------------------------------------------- unknown vocabulary values

def unknown_terms(archive: Archive, table: Table, mapping: Mapping, *,
                  answered: bool = False) -> list[UnknownTerm]:
    """Each distinct value of the mapped vocabulary columns that is no term, column by
    column, with the rows it is on (`count`) and the nearest term when one is really close.

    Without `answered` the mapping's answers are not applied, so the wizard's list stays
    put while the curator answers it; with it, only the values still unanswered are listed.
    """
    cls = record_class(mapping.record_type)
    fields = mapping.fields_for(table.header)
    columns = [(i, f) for i, f in enumerate(fields) if f in cls.VOCAB]
    if not columns:
        return []
    matcher = TermMatcher.for_archive(archive.db, mapping.terms if answered else None,
                                      mapping.new_terms if answered else None)
    rows_of: dict[tuple[str, str, str], UnknownTerm] = {}
    for row in table.each_row():  # a streamed table: its file read once more
        for index, name in columns:
            value = row.get(index)
            if value.strip():
                key = (cls.VOCAB[name], name, value)
                if key not in rows_of:
                    rows_of[key] = UnknownTerm(cls.VOCAB[name], name, value, [], None)
                rows_of[key].add_row(row.number)
    # Each distinct value is matched once (a 100,000-row file has a few dozen of them).
    found: dict[tuple[str, str, str], UnknownTerm] = {}
    for (vocab_name, name, raw), seen in rows_of.items():
        value = cells.restore(raw).strip()
        if (vocab_name, name, value) in found:
            into = found[(vocab_name, name, value)]
            for number in seen.rows:
                into.add_row(number)
            into.more += seen.more
        elif matcher.match(vocab_name, value) is None:
            found[(vocab_name, name, value)] = UnknownTerm(vocab_name, name, value, seen.rows,
                                                           matcher.nearest(vocab_name, value), seen.more)
    for unknown in found.values():
        unknown.rows.sort()
    return sorted(found.values(), key=lambda u: (fields.index(u.field), -u.count, u.value))


def new_term_code(value: str, taken: set[str]) -> str:
    """A code for a new term made from a value: 'Oil paint on canvas' → 'oil_paint_on_canvas',
    铜质 → 'tong_zhi' (by its pinyin), unique among `taken`."""
    text = unicodedata.normalize("NFKD", value)
    if _HAN.search(text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(text))
    ascii_text = text.encode("ascii", "ignore").decode().lower()
    base = re.sub(r"[^a-z0-9]+", "_", ascii_text).strip("_")[:48] or "term"
    code, n = base, 1
    while code in taken or not TERM_CODE.fullmatch(code):
        n += 1
        code = f"{base}_{n}" if TERM_CODE.fullmatch(f"{base}_{n}") else f"term_{n}"
    return code


def answer_with_new_terms(archive: Archive, table: Table, mapping: Mapping) -> list[UnknownTerm]:
    """Answer every value still unknown with a new term of its own (`import --add-terms`):
    named by the value in its language (an English value is the English name), under a
    code made from it. Returns the values so answered; the import adds the terms."""
    unknown = unknown_terms(archive, table, mapping, answered=True)
    for u in unknown:
        if u.vocab in mapping.terms and u.value in mapping.terms[u.vocab]:
            continue   # the same value in two columns of one vocabulary
        taken = {code for (code,) in archive.db.execute("SELECT code FROM vocabularies WHERE vocab = ?",
                                                        [u.vocab])}
        taken |= set(mapping.new_terms.get(u.vocab, {}))
        han = bool(_HAN.search(u.value))
        names = NewTerm(label_zh=u.value if han else "", label_en="" if han else u.value)
        mapping.answer(u.vocab, u.value, new_term_code(u.value, taken), names)
    return unknown


def add_new_terms(archive: Archive, mapping: Mapping) -> int:
    """Add the terms the mapping names that the archive lacks (in the caller's transaction,
    each with a history row); an existing code is left as it is. Returns how many were added."""
    from exhibit import vocab

    added = 0
    for vocab_name, codes in mapping.new_terms.items():
        for code, names in codes.items():
            if vocab.add_term(archive.db, vocab_name, code, names.label_zh, names.label_en):
                services.add_history(archive, "create", "vocabulary", None, None,
                                     {"vocab": vocab_name, "code": code, "label_zh": names.label_zh,
                                      "label_en": names.label_en})
                added += 1
    return added


_HAN = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------- one call

def import_file(archive: Archive, path: Path | str, mapping: Mapping | None = None, *,
                record_type: str = "object", dry_run: bool = False, media_root: Path | None = None,
                sheet: str | None = None, progress: ProgressFn | None = None,
                cancelled: CancelFn | None = None,
                rejects_to: Path | None = None) -> tuple[ImportPlan, ImportResult | None]:
    """Read, map (suggesting a mapping when none is given), and plan or apply an import
    (a partial one with `rejects_to`: see apply_import)."""
    from exhibit.interchange.tables import read_table

    table = read_table(path, sheet=sheet)
    mapping = mapping or suggest_for(table, record_type)
    if dry_run:
        return plan_import(archive, table, mapping, media_root=media_root, progress=progress,
                           cancelled=cancelled), None
    if rejects_to is not None:
        from exhibit.interchange.rejects import check_path

        check_path(path, rejects_to)
    result = apply_import(archive, table, mapping, media_root=media_root, progress=progress,
                          cancelled=cancelled, rejects_to=rejects_to)
    return result.plan, result


@dataclass
class Preview:
    """What the wizard's first pages show: the table, its first rows and a suggested mapping."""
    table: Table
    mapping: Mapping

    def rows(self, limit: int = 20) -> list[list[str]]:
        return [r.cells for r in self.table.rows[:limit]]


def preview(path: Path | str, record_type: str = "object", sheet: str | None = None,
            progress: ProgressFn | None = None, stream_over: int | None = None) -> Preview:
    """`stream_over`: a CSV larger than this many bytes is read as a streamed table (tables.py)."""
    from exhibit.interchange.tables import read_table

    table = read_table(path, sheet=sheet, progress=progress, stream_over=stream_over)
    return Preview(table, suggest_for(table, record_type))
