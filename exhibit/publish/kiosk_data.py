"""What the kiosk shows, read from a published snapshot: plain functions returning dataclasses.

Every text comes as a zh/en pair; the kiosk shows the chosen language and falls
back to the other when one is empty. Images are paths to the derived files
(screen size, thumbnail) or "" when the file is missing, so the kiosk can show
a placeholder instead of failing.
"""
from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from exhibit import dates, media_files, names, search
from exhibit.archive import Archive
from exhibit.errors import DateError
from exhibit.publish.basemap import Basemap, load_basemap

# The siege (the 47 days); events before it belong to the campaign, after it to the aftermath.
SIEGE_START = "1944-06-23"
SIEGE_END = "1944-08-08"
# The kinds of record the kiosk shows, in the order search results are grouped: objects first.
KIOSK_TYPES = ("object", "panel", "section", "person", "place", "event")


@dataclass(frozen=True)
class Image:
    media_id: int
    screen: str          # path of the screen-size JPEG, or "" if missing
    thumb: str           # path of the thumbnail, or ""
    caption_zh: str = ""
    caption_en: str = ""
    creator: str = ""
    rights: str = ""
    is_illustration: bool = False


@dataclass(frozen=True)
class Ref:
    """A link to another record, as a button shows it."""
    kind: str
    id: int
    title_zh: str
    title_en: str
    subtitle_zh: str = ""
    subtitle_en: str = ""
    thumb: str = ""


@dataclass(frozen=True)
class SectionCard:
    id: int
    code: str
    title_zh: str
    title_en: str
    intro_zh: str
    intro_en: str
    image: str
    panel_count: int
    lead_zh: str = ""        # the introduction's first sentence, for the section's card
    lead_en: str = ""


@dataclass(frozen=True)
class ObjectCard:
    id: int
    accession: str
    name_zh: str
    name_en: str
    thumb: str
    image: str


@dataclass(frozen=True)
class PanelCard:
    id: int
    code: str
    section_id: int | None
    title_zh: str
    title_en: str
    body_zh: str
    body_en: str
    image: str
    objects: list[ObjectCard] = field(default_factory=list)
    lead_zh: str = ""        # the body's first paragraph, for the panel's card
    lead_en: str = ""
    sources: list[KioskSource] = field(default_factory=list)
    disputes: list[KioskDispute] = field(default_factory=list)


@dataclass(frozen=True)
class ObjectDetail:
    id: int
    accession: str
    name_zh: str
    name_en: str
    date_zh: str
    date_en: str
    category_zh: str
    category_en: str
    material_zh: str
    material_en: str
    dimensions: str
    weight: str
    credit_zh: str
    credit_en: str
    description_zh: str
    description_en: str
    inscription_zh: str
    inscription_en: str
    images: list[Image] = field(default_factory=list)
    people: list[Ref] = field(default_factory=list)
    places: list[Ref] = field(default_factory=list)
    events: list[Ref] = field(default_factory=list)
    panels: list[Ref] = field(default_factory=list)
    sources: list[KioskSource] = field(default_factory=list)
    disputes: list[KioskDispute] = field(default_factory=list)


@dataclass(frozen=True)
class RecordDetail:
    """A person, place or event, opened from a link, the timeline, the map or a search."""
    kind: str
    id: int
    title_zh: str
    title_en: str
    subtitle_zh: str
    subtitle_en: str
    body_zh: str
    body_en: str
    image: str = ""
    related: list[Ref] = field(default_factory=list)
    sources: list[KioskSource] = field(default_factory=list)
    disputes: list[KioskDispute] = field(default_factory=list)


@dataclass(frozen=True)
class TimelineEvent:
    id: int
    date_start: str
    date_zh: str
    date_en: str
    title_zh: str
    title_en: str
    description_zh: str
    description_en: str
    phase: str               # "campaign", "siege" or "aftermath"
    siege_day: int           # 1…47 during the siege, else 0
    place_id: int | None
    date_end: str = ""
    siege_day_end: int = 0   # the siege day a span of days ends on (the first general assault: 6…10)
    precise: bool = True     # dated to the day or a span of days, not only to a month or a year


@dataclass(frozen=True)
class SiegeDay:
    """One of the 47 days, for the timeline's strip."""
    day: int                 # 1 (23 June 1944) … 47 (8 August 1944)
    iso: str                 # its date, 1944-06-23
    date_zh: str             # "6月23日"
    date_en: str             # "23 June"
    event_count: int         # events that began that day
    month_start: bool = False  # the first day shown of a month (the strip names the month there)


@dataclass(frozen=True)
class TimelineGroup:
    """Events told together: a day of the siege, or a month or year before or after it."""
    phase: str               # "campaign", "siege" or "aftermath"
    key: str                 # "siege-day-8", "siege-month-1944-07", "aftermath-year-1946"
    kind: str                # "day", "month" or "year"
    day: int                 # the siege day, or 0
    label_zh: str            # "6月30日", "1944年7月", "1946年"
    label_en: str            # "30 June", "July 1944", "1946"
    events: list[TimelineEvent] = field(default_factory=list)


@dataclass(frozen=True)
class MapPlace:
    id: int
    key: str
    name_zh: str
    name_en: str
    lat: float
    lon: float
    estimated: bool
    x: float                 # 0…1 across the map, west to east
    y: float                 # 0…1 down the map, north to south
    event_count: int
    # "point": a marker; "line" or "area": a river or the wall drawn on the map stands for
    # the place, and its name there (not a dot beside it) opens it.
    shape: str = "point"


@dataclass(frozen=True)
class MapLine:
    """A river or railway of the base map, for drawing under the places."""
    kind: str                # "river" or "railway"
    name_zh: str
    name_en: str
    points: list[tuple[float, float]]   # (x, y) in the same 0…1 frame as MapPlace
    place_key: str = ""      # the place this line stands for ("xiang-river"), if any
    width: float = 0.0       # a river's width as a fraction of the map's width (0: a thin line)


@dataclass(frozen=True)
class MapArea:
    """An outline on the base map: the old city's wall."""
    kind: str                # "wall"
    name_zh: str
    name_en: str
    points: list[tuple[float, float]]   # a closed ring, same frame as MapPlace
    place_key: str = ""


@dataclass(frozen=True)
class MapData:
    places: list[MapPlace]
    lines: list[MapLine]
    aspect: float            # width / height of the mapped area, in kilometres
    areas: list[MapArea] = field(default_factory=list)
    width_km: float = 0.0    # the mapped area's width: the scale bar's measure
    focus: tuple[float, float, float, float] = (0.0, 0.0, 1.0, 1.0)  # x0, y0, x1, y1 it opens on
    approximate: bool = True  # the drawn courses and outline are estimates (the map says so)


@dataclass(frozen=True)
class KioskHit:
    kind: str
    id: int
    title_zh: str
    title_en: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    thumb: str
    group_total: int = 0     # how many records of this kind match (more than are shown, at times)


@dataclass(frozen=True)
class AttractSlide:
    image: str
    title_zh: str
    title_en: str
    caption_zh: str
    caption_en: str


# ---------------------------------------------------------------- images

def _existing(path: Path) -> str:
    return str(path) if path.is_file() and path.stat().st_size > 0 else ""


def _image(archive: Archive, row: tuple) -> Image:
    media_id, sha256, caption_zh, caption_en, creator, rights, illustration = row
    try:
        screen = _existing(media_files.derivative_path(archive.media_root, sha256, "screen"))
        thumb = _existing(media_files.derivative_path(archive.media_root, sha256, "thumb"))
    except ValueError:  # a damaged hash: no file can be found for it
        screen = thumb = ""
    return Image(media_id, screen, thumb or screen, caption_zh, caption_en, creator, rights,
                 bool(illustration))


def images(archive: Archive, kind: str, record_id: int) -> list[Image]:
    rows = archive.db.execute(
        "SELECT m.id, m.sha256, m.caption_zh, m.caption_en, m.creator, m.rights, m.is_illustration "
        "FROM media_links l JOIN media m ON m.id = l.media_id "
        "WHERE l.record_type = ? AND l.record_id = ? ORDER BY l.position, l.id", [kind, record_id])
    return [_image(archive, row) for row in rows.fetchall()]


def _first_images(archive: Archive, kind: str, ids: list[int]) -> dict[int, Image]:
    """The primary image of each record, one query for the lot."""
    if not ids:
        return {}
    rows = archive.db.execute(
        "SELECT l.record_id, m.id, m.sha256, m.caption_zh, m.caption_en, m.creator, m.rights, "
        "m.is_illustration FROM media_links l JOIN media m ON m.id = l.media_id "
        f"WHERE l.record_type = ? AND l.record_id IN ({','.join('?' * len(ids))}) "
        "ORDER BY l.record_id, l.position, l.id", [kind, *ids]).fetchall()
    out: dict[int, Image] = {}
    for record_id, *rest in rows:
        out.setdefault(record_id, _image(archive, tuple(rest)))
    return out


# ---------------------------------------------------------------- dates and labels

def date_pair(text: str) -> tuple[str, str]:
    """A date as Chinese and English text; what the curator typed if it cannot be read."""
    try:
        parsed = dates.parse_date(text)
    except DateError:
        return text, text
    return dates.format_range(parsed, "zh") or text, dates.format_range(parsed, "en") or text


def _labels(archive: Archive, vocab: str, code: str) -> tuple[str, str]:
    if not code:
        return "", ""
    row = archive.db.execute("SELECT label_zh, label_en FROM vocabularies WHERE vocab = ? AND code = ?",
                             [vocab, code]).fetchone()
    return (row[0] or row[1], row[1] or row[0]) if row else (code, code)


# ---------------------------------------------------------------- the exhibition

def sections(archive: Archive) -> list[SectionCard]:
    rows = archive.db.execute(
        "SELECT s.id, s.code, s.title_zh, s.title_en, s.intro_zh, s.intro_en, "
        "(SELECT count(*) FROM panels p WHERE p.section_id = s.id) "
        "FROM sections s ORDER BY s.position, s.id").fetchall()
    pictures = _first_images(archive, "section", [r[0] for r in rows])
    return [SectionCard(sid, code, title_zh, title_en, intro_zh, intro_en,
                        image=pictures[sid].screen if sid in pictures else "", panel_count=panel_count,
                        lead_zh=first_sentence(intro_zh), lead_en=first_sentence(intro_en))
            for sid, code, title_zh, title_en, intro_zh, intro_en, panel_count in rows]


def panels(archive: Archive, section_id: int) -> list[PanelCard]:
    """The panels of a section, in order, each with the objects it shows."""
    rows = archive.db.execute(
        "SELECT id, code, section_id, title_zh, title_en, body_zh, body_en FROM panels "
        "WHERE section_id = ? ORDER BY position, id", [section_id]).fetchall()
    pictures = _first_images(archive, "panel", [r[0] for r in rows])
    return [PanelCard(pid, code, section, title_zh, title_en, body_zh, body_en,
                      image=pictures[pid].screen if pid in pictures else "", objects=panel_objects(archive, pid),
                      lead_zh=first_sentence(body_zh), lead_en=first_sentence(body_en),
                      sources=sources_for(archive, "panel", pid), disputes=disputes_for(archive, "panel", pid))
            for pid, code, section, title_zh, title_en, body_zh, body_en in rows]


def panel_objects(archive: Archive, panel_id: int) -> list[ObjectCard]:
    rows = archive.db.execute(
        "SELECT o.id, o.accession, o.name_zh, o.name_en FROM links l JOIN objects o ON o.id = l.to_id "
        "WHERE l.from_type = 'panel' AND l.from_id = ? AND l.to_type = 'object' "
        "ORDER BY l.position, l.id", [panel_id]).fetchall()
    pictures = _first_images(archive, "object", [r[0] for r in rows])
    return [ObjectCard(oid, accession, name_zh, name_en, thumb=pictures[oid].thumb if oid in pictures else "",
                       image=pictures[oid].screen if oid in pictures else "")
            for oid, accession, name_zh, name_en in rows]


def _refs(archive: Archive, kind: str, ids: list[int]) -> list[Ref]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    if kind == "person":
        sql = f"SELECT id, name_zh, name_en, role_zh, role_en FROM people WHERE id IN ({marks})"
    elif kind == "place":
        sql = f"SELECT id, name_zh, name_en, '', '' FROM places WHERE id IN ({marks})"
    elif kind == "event":
        sql = f"SELECT id, title_zh, title_en, date_text, date_text FROM events WHERE id IN ({marks})"
    elif kind == "panel":
        sql = f"SELECT id, title_zh, title_en, '', '' FROM panels WHERE id IN ({marks})"
    elif kind == "object":
        sql = f"SELECT id, name_zh, name_en, accession, accession FROM objects WHERE id IN ({marks})"
    else:
        return []
    found = {r[0]: r for r in archive.db.execute(sql, ids).fetchall()}
    thumbs = _first_images(archive, kind, ids) if kind == "object" else {}
    out = []
    for record_id in ids:
        if record_id not in found:
            continue
        _, zh, en, sub_zh, sub_en = found[record_id]
        if kind == "event":
            sub_zh, sub_en = date_pair(sub_zh)
        out.append(Ref(kind, record_id, zh, en, sub_zh or "", sub_en or "",
                       thumbs[record_id].thumb if record_id in thumbs else ""))
    return out


def _linked_ids(archive: Archive, from_type: str, from_id: int, to_type: str) -> list[int]:
    return [r[0] for r in archive.db.execute(
        "SELECT to_id FROM links WHERE from_type = ? AND from_id = ? AND to_type = ? "
        "ORDER BY position, id", [from_type, from_id, to_type]).fetchall()]


def _linking_ids(archive: Archive, from_type: str, to_type: str, to_id: int) -> list[int]:
    return [r[0] for r in archive.db.execute(
        "SELECT from_id FROM links WHERE from_type = ? AND to_type = ? AND to_id = ? "
        "ORDER BY position, id", [from_type, to_type, to_id]).fetchall()]


def _by_date(archive: Archive, event_ids: list[int], limit: int) -> list[int]:
    if not event_ids:
        return []
    unique = list(dict.fromkeys(event_ids))
    rows = archive.db.execute(
        f"SELECT id FROM events WHERE id IN ({','.join('?' * len(unique))}) "
        f"ORDER BY date_start, id LIMIT ?", [*unique, limit]).fetchall()
    return [r[0] for r in rows]


def object_detail(archive: Archive, object_id: int) -> ObjectDetail | None:
    row = archive.db.execute(
        "SELECT id, accession, name_zh, name_en, date_text, category, material, dimensions, weight, "
        "credit_zh, credit_en, description_zh, description_en, inscription_zh, inscription_en "
        "FROM objects WHERE id = ?", [object_id]).fetchone()
    if row is None:
        return None
    (oid, accession, name_zh, name_en, date_text, category, material, dimensions, weight,
     credit_zh, credit_en, desc_zh, desc_en, ins_zh, ins_en) = row
    date_zh, date_en = date_pair(date_text)
    panel_ids = _linking_ids(archive, "panel", "object", oid)
    # Events: linked to the object, or told on the panels that show it.
    event_ids = _linked_ids(archive, "object", oid, "event")
    for panel_id in panel_ids:
        event_ids += _linked_ids(archive, "panel", panel_id, "event")
    return ObjectDetail(
        oid, accession, name_zh, name_en, date_zh, date_en,
        *_labels(archive, "category", category), *_labels(archive, "material", material),
        dimensions, weight, credit_zh, credit_en, desc_zh, desc_en, ins_zh, ins_en,
        images=images(archive, "object", oid),
        people=_refs(archive, "person", _linked_ids(archive, "object", oid, "person")),
        places=_refs(archive, "place", _linked_ids(archive, "object", oid, "place")),
        events=_refs(archive, "event", _by_date(archive, event_ids, 8)),
        panels=_refs(archive, "panel", panel_ids),
        sources=sources_for(archive, "object", oid), disputes=disputes_for(archive, "object", oid))


def record_detail(archive: Archive, kind: str, record_id: int) -> RecordDetail | None:
    """A person, place or event with what links to it, its sources and where accounts differ."""
    found = _record_detail(archive, kind, record_id)
    if found is None:
        return None
    return replace(found, sources=sources_for(archive, kind, record_id),
                   disputes=disputes_for(archive, kind, record_id))


def _record_detail(archive: Archive, kind: str, record_id: int) -> RecordDetail | None:
    if kind == "person":
        row = archive.db.execute("SELECT name_zh, name_en, role_zh, role_en, bio_zh, bio_en, born, died "
                                 "FROM people WHERE id = ?", [record_id]).fetchone()
        if row is None:
            return None
        zh, en, role_zh, role_en, bio_zh, bio_en, born, died = row
        life_zh, life_en = _life(born, died)
        events = _by_date(archive, _linking_ids(archive, "event", "person", record_id), 12)
        related = (_refs(archive, "event", events)
                   + _refs(archive, "object", _linking_ids(archive, "object", "person", record_id)))
        sub_zh = " · ".join(t for t in (role_zh, life_zh) if t)
        sub_en = " · ".join(t for t in (role_en, life_en) if t)
        picture = _first_images(archive, "person", [record_id])
        return RecordDetail("person", record_id, zh, en, sub_zh, sub_en, bio_zh, bio_en,
                            picture[record_id].screen if picture else "", related)
    if kind == "place":
        row = archive.db.execute("SELECT name_zh, name_en, description_zh, description_en, coord_basis "
                                 "FROM places WHERE id = ?", [record_id]).fetchone()
        if row is None:
            return None
        zh, en, desc_zh, desc_en, basis = row
        events = _by_date(archive, [r[0] for r in archive.db.execute(
            "SELECT id FROM events WHERE place_id = ?", [record_id])]
            + _linking_ids(archive, "event", "place", record_id), 20)
        related = (_refs(archive, "event", events)
                   + _refs(archive, "object", _linking_ids(archive, "object", "place", record_id))
                   + _refs(archive, "panel", _linking_ids(archive, "panel", "place", record_id)))
        sub = ("位置为估计", "Location estimated") if basis == "estimate" else ("", "")
        return RecordDetail("place", record_id, zh, en, sub[0], sub[1], desc_zh, desc_en, "", related)
    if kind == "event":
        row = archive.db.execute("SELECT title_zh, title_en, date_text, description_zh, description_en, "
                                 "place_id FROM events WHERE id = ?", [record_id]).fetchone()
        if row is None:
            return None
        zh, en, date_text, desc_zh, desc_en, place_id = row
        date_zh, date_en = date_pair(date_text)
        related = (_refs(archive, "place", [place_id] if place_id else [])
                   + _refs(archive, "place", _linked_ids(archive, "event", record_id, "place"))
                   + _refs(archive, "person", _linked_ids(archive, "event", record_id, "person"))
                   + _refs(archive, "panel", _linking_ids(archive, "panel", "event", record_id)))
        return RecordDetail("event", record_id, zh, en, date_zh, date_en, desc_zh, desc_en, "", related)
    return None


def _life(born: str, died: str) -> tuple[str, str]:
    if not born and not died:
        return "", ""
    b_zh, b_en = date_pair(born) if born else ("?", "?")
    d_zh, d_en = date_pair(died) if died else ("", "")
    return f"{b_zh}–{d_zh}", f"{b_en} – {d_en}".strip()


def panel_position(archive: Archive, panel_id: int) -> tuple[int | None, int]:
    """(section id, index of the panel within its section), to open a panel from a link."""
    row = archive.db.execute("SELECT section_id FROM panels WHERE id = ?", [panel_id]).fetchone()
    if row is None or row[0] is None:
        return None, 0
    ids = [r[0] for r in archive.db.execute(
        "SELECT id FROM panels WHERE section_id = ? ORDER BY position, id", [row[0]])]
    return row[0], ids.index(panel_id)


# ---------------------------------------------------------------- timeline

SIEGE_DAYS = 47
PHASES = ("campaign", "siege", "aftermath")
PRECISE_DAYS = 7   # an event dated to at most a week is told under the day it began


def _siege_day(iso: str) -> int:
    return (date.fromisoformat(iso) - date.fromisoformat(SIEGE_START)).days + 1


def _phase(start: str, end: str, precise: bool) -> str:
    """Before the siege, the 47 days, or after; what only a month dates and runs past the
    ceasefire (the occupation, the puppet army) belongs to the aftermath."""
    if start < SIEGE_START:
        return "campaign"
    if start <= SIEGE_END and (precise or end <= SIEGE_END):
        return "siege"
    return "aftermath"


def timeline(archive: Archive) -> list[TimelineEvent]:
    """Every dated event in order: the campaign before the siege, the 47 days, and after."""
    out = []
    for row in archive.db.execute(
            "SELECT id, date_text, date_start, date_end, title_zh, title_en, description_zh, description_en, "
            "place_id FROM events WHERE date_start IS NOT NULL ORDER BY date_start, id").fetchall():
        event_id, text, start, end, title_zh, title_en, desc_zh, desc_en, place_id = row
        end = end or start
        date_zh, date_en = date_pair(text)
        precise = (date.fromisoformat(end) - date.fromisoformat(start)).days < PRECISE_DAYS
        phase = _phase(start, end, precise)
        day = _siege_day(start) if phase == "siege" else 0
        last = min(_siege_day(end), SIEGE_DAYS) if phase == "siege" and precise else day
        out.append(TimelineEvent(event_id, start, date_zh, date_en, title_zh, title_en,
                                 desc_zh, desc_en, phase, day, place_id, end, last, precise))
    return out


def _day_label(day: date) -> tuple[str, str]:
    return f"{day.month}月{day.day}日", f"{day.day} {calendar.month_name[day.month]}"


def siege_days(events: list[TimelineEvent]) -> list[SiegeDay]:
    """The 47 days, each with its date and the number of events that began on it."""
    first = date.fromisoformat(SIEGE_START)
    counts: dict[int, int] = {}
    for event in events:
        if event.phase == "siege" and event.precise:
            counts[event.siege_day] = counts.get(event.siege_day, 0) + 1
    out = []
    for n in range(1, SIEGE_DAYS + 1):
        day = first + timedelta(days=n - 1)
        out.append(SiegeDay(n, day.isoformat(), *_day_label(day), counts.get(n, 0),
                            month_start=n == 1 or day.day == 1))
    return out


def timeline_groups(events: list[TimelineEvent]) -> list[TimelineGroup]:
    """The events in the groups the timeline shows them in, in order: each day of the siege
    that has events; the siege's events dated only to a month under that month; before the
    siege by month; after it by month until the war's end, then by year."""
    groups: dict[str, TimelineGroup] = {}
    order: list[tuple[int, str, int, str]] = []
    for event in events:
        start = date.fromisoformat(event.date_start)
        if event.phase == "siege" and event.precise:
            key, kind = f"siege-day-{event.siege_day}", "day"
            zh, en = _day_label(start)
        elif event.phase == "aftermath" and start.year > 1945:
            key, kind = f"aftermath-year-{start.year}", "year"
            zh, en = date_pair(str(start.year))
        else:
            key, kind = f"{event.phase}-month-{start.year}-{start.month:02d}", "month"
            zh, en = date_pair(f"{start.year}-{start.month:02d}")
        if key not in groups:
            groups[key] = TimelineGroup(event.phase, key, kind, event.siege_day if kind == "day" else 0, zh, en)
            # Phase by phase; a month's group after the days that begin it (its events have no day).
            order.append((PHASES.index(event.phase), event.date_start if kind == "day"
                          else event.date_start[:7] + "-99", len(order), key))
        groups[key].events.append(event)
    return [groups[item[-1]] for item in sorted(order)]


# ---------------------------------------------------------------- map

MAP_MARGIN_KM = 0.8      # kept free around the places and the focus, so no marker sits on the edge
KM_PER_DEGREE_LAT = 110.57


def map_data(archive: Archive, base: Basemap | None = None) -> MapData:
    """The places with coordinates and the base map (rivers, wall, railways) in one frame, to scale.

    Equirectangular about the places' mean latitude: over the twenty kilometres of the
    battle its error is far below that of the estimated positions. Places stay where
    their coordinates put them (never nudged apart: the wall and the rivers would then
    be wrong around them); the kiosk zooms instead. The frame spans the places and the
    base map's focus, which is where the kiosk opens.
    """
    rows = archive.db.execute(
        "SELECT p.id, p.key, p.name_zh, p.name_en, p.lat, p.lon, p.coord_basis, "
        "(SELECT count(*) FROM events e WHERE e.place_id = p.id) "
        "FROM places p WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL ORDER BY p.lat DESC, p.lon"
    ).fetchall()
    if not rows:
        return MapData([], [], 16 / 9)
    base = base if base is not None else load_basemap()
    lats, lons = [r[4] for r in rows], [r[5] for r in rows]
    if base.focus is not None:
        lons += [base.focus[0], base.focus[2]]
        lats += [base.focus[1], base.focus[3]]
    north, south, west, east = max(lats), min(lats), min(lons), max(lons)
    kx = 111.32 * math.cos(math.radians(sum(r[4] for r in rows) / len(rows)))
    width = (east - west) * kx + 2 * MAP_MARGIN_KM
    height = max((north - south) * KM_PER_DEGREE_LAT + 2 * MAP_MARGIN_KM, width / 8)

    def unit(lat: float, lon: float) -> tuple[float, float]:
        return (((lon - west) * kx + MAP_MARGIN_KM) / width,
                ((north - lat) * KM_PER_DEGREE_LAT + MAP_MARGIN_KM) / height)

    shapes = {f.place_key: ("area" if f.kind == "wall" else "line") for f in base.features if f.place_key}
    places = [MapPlace(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6] != "sourced", *unit(r[4], r[5]), r[7],
                       shape=shapes.get(r[1] or "", "point"))
              for r in rows]
    lines = [MapLine(f.kind, f.name_zh, f.name_en, [unit(*p) for p in f.points], f.place_key,
                     f.width_m / 1000 / width)
             for f in base.features if f.kind != "wall"]
    areas = [MapArea(f.kind, f.name_zh, f.name_en, [unit(*p) for p in f.points], f.place_key)
             for f in base.features if f.kind == "wall"]
    focus = (0.0, 0.0, 1.0, 1.0)
    if base.focus is not None:
        focus = (*unit(base.focus[3], base.focus[0]), *unit(base.focus[1], base.focus[2]))
    return MapData(places, lines, width / height, areas, width, focus, base.approximate)


# ---------------------------------------------------------------- search and attract

def find(archive: Archive, query: str, per_kind: int = 12) -> list[KioskHit]:
    """Search as the curators do (Chinese, pinyin, English, accession numbers), kiosk types only,
    grouped by kind in KIOSK_TYPES order (objects first: what a visitor came to see), each
    group ranked and at most `per_kind` long. A query per kind, so a kind with many weak hits
    (events mention everything) never crowds the objects out of the list."""
    out: list[KioskHit] = []
    for kind in KIOSK_TYPES:
        result = search.search(archive.db, query, record_types=(kind,), limit=per_kind)
        if not result.hits:
            continue
        thumbs = _first_images(archive, "object", [h.record_id for h in result.hits]) if kind == "object" else {}
        out += [KioskHit(kind, h.record_id, h.title_zh, h.title_en, h.snippet, h.spans,
                         thumbs[h.record_id].thumb if h.record_id in thumbs else "", result.total)
                for h in result.hits]
    return out


def attract_slides(archive: Archive, limit: int = 12) -> list[AttractSlide]:
    """Section pictures first, then objects with pictures: what the attract loop cycles through."""
    slides = [AttractSlide(s.image, s.title_zh, s.title_en, s.intro_zh, s.intro_en)
              for s in sections(archive) if s.image]
    rows = archive.db.execute(
        "SELECT DISTINCT o.id, o.name_zh, o.name_en, o.date_text FROM objects o "
        "JOIN media_links l ON l.record_type = 'object' AND l.record_id = o.id "
        "ORDER BY o.id LIMIT ?", [limit]).fetchall()
    pictures = _first_images(archive, "object", [r[0] for r in rows])
    for object_id, zh, en, date_text in rows:
        if object_id in pictures and pictures[object_id].screen and len(slides) < limit:
            date_zh, date_en = date_pair(date_text)
            slides.append(AttractSlide(pictures[object_id].screen, zh, en, date_zh, date_en))
    return slides


def has_sample_content(archive: Archive) -> bool:
    """True when the snapshot shows sample objects or pictures (records marked `is_sample`).

    The kiosk then says, on its attract and home screens, that the objects are invented and
    the pictures generated, so no visitor takes them for real holdings or historical
    photographs. Objects and media are what the notice speaks of; one sample record left
    among real ones is enough to show it.
    """
    row = archive.db.execute(
        "SELECT EXISTS (SELECT 1 FROM objects WHERE is_sample) "
        "OR EXISTS (SELECT 1 FROM media WHERE is_sample)").fetchone()
    return bool(row[0])


def open_counts_titles(archive: Archive, kind: str, ids: list[int]) -> dict[int, tuple[str, str, str]]:
    """(identifier, title zh, title en) of panels or objects, for the visits export."""
    if not ids or kind not in ("panel", "object"):
        return {}
    table, ident, zh, en = (("panels", "code", "title_zh", "title_en") if kind == "panel"
                            else ("objects", "accession", "name_zh", "name_en"))
    rows = archive.db.execute(f"SELECT id, {ident}, {zh}, {en} FROM {table} "
                              f"WHERE id IN ({','.join('?' * len(ids))})", ids).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


@dataclass(frozen=True)
class KioskReading:
    """One source's account in an "accounts differ" box: the value and where it is read."""
    value_zh: str
    value_en: str
    source_title: str
    source_author: str
    source_year: str
    page: str


@dataclass(frozen=True)
class KioskDispute:
    """Where accounts differ on a value a record's text gives (说法不一 / Accounts differ)."""
    id: int
    key: str
    topic_zh: str
    topic_en: str
    readings: tuple[KioskReading, ...]


def disputes_for(snapshot: Archive, record_type: str, record_id: int) -> list[KioskDispute]:
    """A record's disputes, each with its readings in order (the snapshot holds no reading notes)."""
    out = []
    for did, key, topic_zh, topic_en in snapshot.db.execute(
            "SELECT id, coalesce(key, ''), topic_zh, topic_en FROM disputes "
            "WHERE record_type = ? AND record_id = ? ORDER BY position, id", [record_type, record_id]).fetchall():
        readings = tuple(KioskReading(*row) for row in snapshot.db.execute(
            "SELECT r.value_zh, r.value_en, coalesce(s.title, ''), coalesce(s.author, ''), "
            "coalesce(s.year, ''), r.page FROM dispute_readings r LEFT JOIN sources s ON s.id = r.source_id "
            "WHERE r.dispute_id = ? ORDER BY r.position, r.id", [did]))
        out.append(KioskDispute(did, key, topic_zh, topic_en, readings))
    return out


@dataclass(frozen=True)
class KioskSource:
    """A source a record cites, as the "Sources / 资料来源" drawer lists it: its bibliographic
    data and the pages cited (the citations' working notes stay with the curators)."""
    id: int
    title: str
    author: str
    publisher: str
    year: str
    url: str
    kind_zh: str = ""        # what sort of source ("百科" / "Encyclopedia"), from exhibit/names.py
    kind_en: str = ""
    pages: tuple[str, ...] = ()


def sources_for(snapshot: Archive, record_type: str, record_id: int) -> list[KioskSource]:
    """The sources a record cites, in the order it cites them, each once with every page cited;
    then the sources its disputes' readings name that it does not cite itself, so the drawer
    lists every source the visitor sees named in an "accounts differ" box."""
    rows = snapshot.db.execute(
        "SELECT s.id, s.title, s.author, s.publisher, s.year, s.url, s.kind, c.page, "
        "0 AS part, c.id AS o1, 0 AS o2, 0 AS o3, 0 AS o4 FROM citations c "
        "JOIN sources s ON s.id = c.source_id WHERE c.record_type = ? AND c.record_id = ? "
        "UNION ALL "
        "SELECT s.id, s.title, s.author, s.publisher, s.year, s.url, s.kind, r.page, "
        "1, d.position, d.id, r.position, r.id FROM disputes d "
        "JOIN dispute_readings r ON r.dispute_id = d.id JOIN sources s ON s.id = r.source_id "
        "WHERE d.record_type = ? AND d.record_id = ? ORDER BY part, o1, o2, o3, o4",
        [record_type, record_id, record_type, record_id]).fetchall()
    found: dict[int, tuple[KioskSource, list[str]]] = {}
    for sid, title, author, publisher, year, url, kind, page, *_order in rows:  # citations first
        if sid not in found:
            kind_zh, kind_en = (names.value_text("source_kind", kind, "zh"),
                                names.value_text("source_kind", kind, "en")) if kind else ("", "")
            found[sid] = (KioskSource(sid, title, author, publisher, year, url, kind_zh, kind_en), [])
        pages = found[sid][1]
        if page and page not in pages:
            pages.append(page)
    return [replace(source, pages=tuple(pages)) for source, pages in found.values()]


# The end of a sentence: Chinese full-width marks (a closing quote may follow), or an English
# full stop, question or exclamation mark before a space, unless it ends an initial ("U.S. Army")
# or a "c." before a date.
_SENTENCE_END = re.compile(r"[。！？][”’」』）]*|(?<![A-Z]\.)(?<!\bc\.)(?<=[.!?])[”’\")]*(?=\s)")


def first_sentence(text: str) -> str:
    """The first sentence of a text's first paragraph: a card's lead, whole, never cut mid-word."""
    paragraph = text.strip().split("\n", 1)[0].strip()
    match = _SENTENCE_END.search(paragraph)
    return paragraph[:match.end()].strip() if match else paragraph


def records_with_disputes(snapshot: Archive, record_type: str) -> list[int]:
    """The ids of a type's records that have an "accounts differ" box, in record order
    (the screenshots show one; the tests open them)."""
    return [r[0] for r in snapshot.db.execute(
        "SELECT DISTINCT record_id FROM disputes WHERE record_type = ? ORDER BY record_id", [record_type])]
