"""What to print: a selection of accession numbers, a section, the whole exhibition,
or everything changed since a date. Accession numbers listed by hand keep the
order the user gave (`--accessions B A` prints B first: the list is the order
wanted); everything else comes in exhibition order (section, then panel, then
the object's place on the panel; objects on no panel come last).

Record status: only published objects get labels, as only they reach the
kiosk, unless the selection asks for more (`labels --status reviewed` adds the
reviewed ones, `--include-drafts` every record; the print dialog has the same
choice). An object named by its accession number is printed whatever its
status, because it was asked for by name, and the checker warns that it is
not published (`label_unpublished`): a curator proofing a draft label gets it,
and nobody prints a draft by accident without being told.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from exhibit import names, services
from exhibit.archive import Archive
from exhibit.dates import parse_date
from exhibit.errors import DateError, ExhibitError, NotFoundError
from exhibit.problems import Problem
from exhibit.records import ArchiveObject, Media, Panel, Section

_LAST = (1e18, 1e18, 1e18)
# Record statuses from least to most finished (the record_status vocabulary).
STATUSES = ("draft", "reviewed", "published")


@dataclass(frozen=True)
class Selection:
    accessions: tuple[str, ...] = ()
    section: str | None = None           # code, title (zh/en) or position number (1 = first)
    panels: tuple[str, ...] = ()         # panel codes
    everything: bool = False
    changed_since: str | None = None     # a date: YYYY-MM-DD, or any text exhibit.dates reads
    status: str = "published"            # the least finished record status printed (see STATUSES)

    def statuses(self) -> tuple[str, ...]:
        """The record statuses this selection prints: `status` and every later one."""
        if self.status not in STATUSES:
            raise ExhibitError(f"unknown record status '{self.status}'; choose {', '.join(STATUSES)}")
        return STATUSES[STATUSES.index(self.status):]

    def whole(self) -> bool:
        """True when nothing narrows the selection: the whole exhibition."""
        return not (self.accessions or self.section or self.panels or self.changed_since)

    def choices(self) -> list[Problem]:
        """What narrows the selection, one problem each ('chosen_section' …): the print dialog
        translates them; str() of each is the English of describe()."""
        given: list[tuple[str, dict[str, Any], object]] = [
            ("chosen_accessions", {"count": len(self.accessions)}, self.accessions),
            ("chosen_section", {"section": self.section}, self.section),
            ("chosen_panels", {"panels": list(self.panels)}, self.panels),
            ("chosen_changed_since", {"date": self.changed_since}, self.changed_since)]
        return [Problem(None, code, params) for code, params, value in given if value] \
            or [Problem(None, "chosen_everything")]

    def describe(self) -> str:
        """In English, for messages and the CLI: 'section s3-siege, changed since 2026-11-01'."""
        return ", ".join(str(choice) for choice in self.choices())

    def describe_in(self, lang: str) -> str:
        """What a printed page says was chosen, in `lang`; the names come from exhibit.names."""
        if lang != "zh":
            return self.describe()
        parts = []
        if self.accessions:
            parts.append(f"{len(self.accessions)} 个{names.field_text('object', 'accession', 'zh')}")
        if self.section:
            parts.append(f"{names.type_text('section', 'zh')} {self.section}")
        if self.panels:
            parts.append(f"{names.type_text('panel', 'zh')} {'、'.join(self.panels)}")
        if self.changed_since:
            parts.append(f"{self.changed_since} 以后修改的")
        return "，".join(parts) or "整个展览"


class EmptySelection(ExhibitError):
    """Nothing matched: printing an empty PDF would only waste paper."""


def _nothing(what: str, sel: Selection) -> EmptySelection:
    """'nothing to print: no <what> in <the choices>', the choices as problems the print dialog translates."""
    return EmptySelection(Problem(None, f"nothing_{what}", {"selection": sel.choices()}))


def find_section(archive: Archive, ident: str) -> Section:
    ident = ident.strip()
    sections = services.list_records(archive, Section)
    for s in sections:
        if ident.lower() in (s.code.lower(), s.title_zh.lower(), s.title_en.lower()):
            return s
    if ident.isdigit() and 1 <= int(ident) <= len(sections):
        return sections[int(ident) - 1]
    known = ", ".join(f"{s.code} ({s.title_zh or s.title_en})" for s in sections) or "none"
    raise NotFoundError(f"no section '{ident}' (sections: {known})")


def _since(text: str) -> str:
    try:
        start = parse_date(text).start
    except DateError as exc:
        raise ExhibitError(f"--changed-since '{text}': {exc}") from None
    if not start:
        raise ExhibitError(f"--changed-since '{text}': give a date such as 2026-11-01")
    return start


def object_order(archive: Archive) -> dict[int, tuple[float, float, float]]:
    """Each object's first place in the exhibition: (section position, panel position, link position)."""
    rows = archive.db.execute(
        "SELECT l.to_id, coalesce(s.position, 1e17), p.position, l.position FROM links l "
        "JOIN panels p ON l.from_type = 'panel' AND l.from_id = p.id "
        "LEFT JOIN sections s ON s.id = p.section_id WHERE l.to_type = 'object'")
    order: dict[int, tuple[float, float, float]] = {}
    for oid, sp, pp, lp in rows:
        key = (sp, pp, lp)
        if oid not in order or key < order[oid]:
            order[oid] = key
    return order


def object_section(archive: Archive) -> dict[int, int]:
    """Object id → id of the section where it first appears."""
    rows = archive.db.execute(
        "SELECT l.to_id, p.section_id FROM links l JOIN panels p ON l.from_type = 'panel' AND l.from_id = p.id "
        "LEFT JOIN sections s ON s.id = p.section_id WHERE l.to_type = 'object' AND p.section_id IS NOT NULL "
        "ORDER BY s.position, p.position, l.position")
    out: dict[int, int] = {}
    for oid, sid in rows:
        out.setdefault(oid, sid)
    return out


def _sort_objects(archive: Archive, objects: list[ArchiveObject]) -> list[ArchiveObject]:
    order = object_order(archive)
    return sorted(objects, key=lambda o: (order.get(o.saved_id, _LAST), o.accession))


def select_objects(archive: Archive, sel: Selection) -> list[ArchiveObject]:
    clauses: list[str] = []
    params: list[Any] = []
    given: list[int] = []  # the ids of the accession numbers listed, in the order listed
    if sel.accessions:
        found: list[ArchiveObject] = []
        missing: list[str] = []
        for acc in sel.accessions:
            obj = services.find(archive, ArchiveObject, acc)
            (found.append(obj) if obj else missing.append(acc))
        if missing:
            raise NotFoundError(f"no object with accession number {', '.join(repr(m) for m in missing)}")
        clauses.append(f"id IN ({','.join('?' * len(found))})")
        params += [o.id for o in found]
        given = [o.saved_id for o in found]
    if sel.section:
        section = find_section(archive, sel.section)
        clauses.append("id IN (SELECT l.to_id FROM links l JOIN panels p ON l.from_type = 'panel' "
                       "AND l.from_id = p.id WHERE l.to_type = 'object' AND p.section_id = ?)")
        params.append(section.id)
    if sel.panels:
        ids = [_panel(archive, code).id for code in sel.panels]
        clauses.append(f"id IN (SELECT to_id FROM links WHERE from_type = 'panel' AND to_type = 'object' "
                       f"AND from_id IN ({','.join('?' * len(ids))}))")
        params += ids
    if sel.changed_since:
        clauses.append("modified >= ?")
        params.append(_since(sel.changed_since))
    if not clauses and not sel.everything:
        raise ExhibitError("say what to print: --accessions, --section, --panels, --all or --changed-since")
    objects = services.list_records(archive, ArchiveObject, " AND ".join(clauses), params)
    if not objects:
        raise _nothing("objects", sel)
    if given:
        return _in_given_order(objects, given)      # named by hand: printed whatever their status
    statuses = sel.statuses()
    shown = [o for o in objects if o.record_status in statuses]
    if not shown:
        raise EmptySelection(Problem(None, "nothing_published", {"count": len(objects),
                                                                "selection": sel.choices()}))
    return _sort_objects(archive, shown)


def unpublished(obj: ArchiveObject, sel: Selection) -> Problem | None:
    """The checker's note for an object printed although its status is not one `sel` prints
    (it was named by accession number), else None."""
    if obj.record_status in sel.statuses():
        return None
    return Problem("record_status", "label_unpublished", {"status": obj.record_status})


def _in_given_order(objects: list[ArchiveObject], given: list[int]) -> list[ArchiveObject]:
    """`objects` in the order of the ids `given` (a repeated id counts where it first appears)."""
    rank: dict[int, int] = {}
    for position, oid in enumerate(given):
        rank.setdefault(oid, position)
    return sorted(objects, key=lambda o: rank[o.saved_id])


def _panel(archive: Archive, code: str) -> Panel:
    panel = services.find(archive, Panel, code)
    if panel is None:
        raise NotFoundError(f"no panel with code '{code}'")
    return panel


def select_panels(archive: Archive, sel: Selection) -> list[Panel]:
    if sel.accessions:
        raise ExhibitError("panel texts are chosen with --section, --panels, --all or --changed-since, "
                           "not --accessions")
    clauses: list[str] = []
    params: list[Any] = []
    if sel.section:
        clauses.append("section_id = ?")
        params.append(find_section(archive, sel.section).id)
    if sel.panels:
        ids = [_panel(archive, code).id for code in sel.panels]
        clauses.append(f"id IN ({','.join('?' * len(ids))})")
        params += ids
    if sel.changed_since:
        clauses.append("modified >= ?")
        params.append(_since(sel.changed_since))
    if not clauses and not sel.everything:
        raise ExhibitError("say what to print: --section, --panels, --all or --changed-since")
    panels = services.list_records(archive, Panel, " AND ".join(clauses), params)
    if not panels:
        raise _nothing("panels", sel)
    return panels


def select_media(archive: Archive, sel: Selection) -> list[Media]:
    """Photographs for caption labels: those of the selected objects and panels, in their
    order (the section's own images first), or every image for --all."""
    if sel.everything and not (sel.accessions or sel.section or sel.panels or sel.changed_since):
        owners: list[tuple[str, int]] = [("section", s.saved_id) for s in services.list_records(archive, Section)]
        owners += [("panel", p.saved_id) for p in services.list_records(archive, Panel)]
        statuses = sel.statuses()
        owners += [("object", o.saved_id) for o in _sort_objects(archive, [
            o for o in services.list_records(archive, ArchiveObject) if o.record_status in statuses])]
    else:
        owners = []
        if sel.section:
            owners.append(("section", find_section(archive, sel.section).saved_id))
        if sel.section or sel.panels:
            owners += [("panel", p.saved_id) for p in select_panels(archive, Selection(
                section=sel.section, panels=sel.panels))]
        try:
            owners += [("object", o.saved_id) for o in select_objects(archive, sel)]
        except EmptySelection:
            pass
    seen: dict[int, Media] = {}
    for rtype, rid in owners:
        for link in archive.db.execute(
                "SELECT media_id FROM media_links WHERE record_type = ? AND record_id = ? "
                "ORDER BY position, id", [rtype, rid]).fetchall():
            if link[0] not in seen:
                seen[link[0]] = services.get(archive, Media, link[0])
    media = list(seen.values())
    if not media:
        raise _nothing("photographs", sel)
    return media
