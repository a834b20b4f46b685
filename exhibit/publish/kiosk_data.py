"""What the kiosk shows, read from a published snapshot: plain functions returning dataclasses.

Every text comes as a zh/en pair; the kiosk shows the chosen language and falls
back to the other when one is empty. Images are paths to the derived files
(screen size, thumbnail) or "" when the file is missing, so the kiosk can show
a placeholder instead of failing.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from exhibit import dates, media_files, search
from exhibit.archive import Archive
from exhibit.errors import DateError

# The siege (the 47 days); events before it belong to the campaign, after it to the aftermath.
SIEGE_START = "1944-06-23"
SIEGE_END = "1944-08-08"
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


@dataclass(frozen=True)
class MapLine:
    """A schematic river or railway, for drawing under the places."""
    kind: str                # "river" or "railway"
    name_zh: str
    name_en: str
    points: list[tuple[float, float]]   # (x, y) in the same 0…1 frame as MapPlace


@dataclass(frozen=True)
class MapData:
    places: list[MapPlace]
    lines: list[MapLine]
    aspect: float            # width / height of the mapped area, in kilometres


@dataclass(frozen=True)
class KioskHit:
    kind: str
    id: int
    title_zh: str
    title_en: str
    snippet: str
    spans: tuple[tuple[int, int], ...]
    thumb: str


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
                        image=pictures[sid].screen if sid in pictures else "", panel_count=panel_count)
            for sid, code, title_zh, title_en, intro_zh, intro_en, panel_count in rows]


def panels(archive: Archive, section_id: int) -> list[PanelCard]:
    """The panels of a section, in order, each with the objects it shows."""
    rows = archive.db.execute(
        "SELECT id, code, section_id, title_zh, title_en, body_zh, body_en FROM panels "
        "WHERE section_id = ? ORDER BY position, id", [section_id]).fetchall()
    pictures = _first_images(archive, "panel", [r[0] for r in rows])
    return [PanelCard(pid, code, section, title_zh, title_en, body_zh, body_en,
                      image=pictures[pid].screen if pid in pictures else "", objects=panel_objects(archive, pid))
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
        panels=_refs(archive, "panel", panel_ids))


def record_detail(archive: Archive, kind: str, record_id: int) -> RecordDetail | None:
    """A person, place or event with what links to it."""
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

def timeline(archive: Archive) -> list[TimelineEvent]:
    """Every dated event in order: the campaign before the siege, the 47 days, and after."""
    from datetime import date

    siege_start = date.fromisoformat(SIEGE_START)
    out = []
    for row in archive.db.execute(
            "SELECT id, date_text, date_start, title_zh, title_en, description_zh, description_en, "
            "place_id FROM events WHERE date_start IS NOT NULL ORDER BY date_start, id").fetchall():
        event_id, text, start, title_zh, title_en, desc_zh, desc_en, place_id = row
        date_zh, date_en = date_pair(text)
        phase = "campaign" if start < SIEGE_START else "siege" if start <= SIEGE_END else "aftermath"
        day = (date.fromisoformat(start) - siege_start).days + 1 if phase == "siege" else 0
        out.append(TimelineEvent(event_id, start, date_zh, date_en, title_zh, title_en,
                                 desc_zh, desc_en, phase, day, place_id))
    return out


# ---------------------------------------------------------------- map

# Schematic lines (lat, lon) through the sample's place coordinates: the Xiang
# flows north past the east side of the old city, the Zheng joins it from the
# west and the Lei from the east; the Canton–Hankow railway runs north–south on
# the east bank through the junction, the Hunan–Guangxi line leaves it to the
# south-west. Drawn as a diagram, not a survey (see shared/research/history.md (d)).
_LINES: tuple[tuple[str, str, str, tuple[tuple[float, float], ...]], ...] = (
    ("river", "湘江", "Xiang River", ((26.835, 112.607), (26.86, 112.612), (26.875, 112.616),
                                     (26.89, 112.62), (26.905, 112.62), (26.91, 112.628),
                                     (26.93, 112.64))),
    ("river", "蒸水", "Zheng River", ((26.918, 112.54), (26.912, 112.57), (26.906, 112.6),
                                     (26.905, 112.62))),
    ("river", "耒水", "Lei River", ((26.87, 112.76), (26.9, 112.75), (26.906, 112.7),
                                   (26.912, 112.66), (26.91, 112.628))),
    ("railway", "粤汉铁路", "Canton–Hankow railway", ((26.93, 112.632), (26.89, 112.63),
                                                    (26.87, 112.634), (26.835, 112.64))),
    ("railway", "湘桂铁路", "Hunan–Guangxi railway", ((26.89, 112.63), (26.872, 112.624),
                                                   (26.858, 112.605), (26.85, 112.575),
                                                   (26.845, 112.54))),
)
MAP_MARGIN = 0.05       # of the map's width, kept free around the places
MIN_SEPARATION = 0.05   # of the map's width: places closer than this are spread apart to be touchable
MAX_ASPECT = 2.0        # a wider area gets more room north and south, to fill a landscape screen


def map_data(archive: Archive) -> MapData:
    rows = archive.db.execute(
        "SELECT p.id, p.key, p.name_zh, p.name_en, p.lat, p.lon, p.coord_basis, "
        "(SELECT count(*) FROM events e WHERE e.place_id = p.id) "
        "FROM places p WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL ORDER BY p.lat DESC, p.lon"
    ).fetchall()
    if not rows:
        return MapData([], [], 16 / 9)
    north = max(r[4] for r in rows)
    west = min(r[5] for r in rows)
    # Equirectangular, in kilometres east and south of the north-west corner.
    kx = 111.32 * math.cos(math.radians(sum(r[4] for r in rows) / len(rows)))

    def km(lat: float, lon: float) -> tuple[float, float]:
        return (lon - west) * kx, (north - lat) * 110.57

    raw = [km(r[4], r[5]) for r in rows]
    span = max(max(x for x, _ in raw) - min(x for x, _ in raw),
               max(y for _, y in raw) - min(y for _, y in raw), 0.5)
    spots = _spread(raw, span * MIN_SEPARATION)
    x0, x1 = min(x for x, _ in spots), max(x for x, _ in spots)
    y0, y1 = min(y for _, y in spots), max(y for _, y in spots)
    pad = span * MAP_MARGIN
    width, height = (x1 - x0) + 2 * pad, (y1 - y0) + 2 * pad
    if width / height > MAX_ASPECT:
        extra = (width / MAX_ASPECT - height) / 2
        y0, y1, height = y0 - extra, y1 + extra, width / MAX_ASPECT

    def unit(x: float, y: float) -> tuple[float, float]:
        return (x - x0 + pad) / width, (y - y0 + pad) / height

    places = [MapPlace(r[0], r[1] or "", r[2], r[3], r[4], r[5], r[6] != "sourced", *unit(x, y), r[7])
              for r, (x, y) in zip(rows, spots)]
    lines = [MapLine(kind, zh, en, [unit(*km(lat, lon)) for lat, lon in points])
             for kind, zh, en, points in _LINES]
    return MapData(places, lines, width / height)


def _spread(points: list[tuple[float, float]], separation: float) -> list[tuple[float, float]]:
    """Move places that would overlap apart from each other, so each can be touched."""
    out = list(points)
    for _ in range(60):
        moved = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                (x1, y1), (x2, y2) = out[i], out[j]
                d = math.hypot(x2 - x1, y2 - y1)
                if d >= separation:
                    continue
                angle = math.atan2(y2 - y1, x2 - x1) if d > 1e-9 else (i + j) * 2.4
                push = (separation - d) / 2 + separation * 1e-3
                dx, dy = math.cos(angle) * push, math.sin(angle) * push
                out[i] = (x1 - dx, y1 - dy)
                out[j] = (x2 + dx, y2 + dy)
                moved = True
        if not moved:
            break
    return out


# ---------------------------------------------------------------- search and attract

def find(archive: Archive, query: str, limit: int = 30) -> list[KioskHit]:
    """Search as the curators do (Chinese, pinyin, English, accession numbers), kiosk types only."""
    result = search.search(archive.db, query, record_types=KIOSK_TYPES, limit=limit)
    thumbs = _first_images(archive, "object", [h.record_id for h in result.hits if h.record_type == "object"])
    return [KioskHit(h.record_type, h.record_id, h.title_zh, h.title_en, h.snippet, h.spans,
                     thumbs[h.record_id].thumb if h.record_type == "object" and h.record_id in thumbs else "")
            for h in result.hits]


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
