"""Record lists that scale to a million rows: the ordered id list, and rows by the page.

The idea is calibre's: a list view holds only the ordered ids of what it shows
(8 bytes a row in an `array('q')`), and fetches the displayed columns of the
rows on screen a page at a time. Loading every row as a record instead costs
seconds and hundreds of megabytes at 1,000,000 objects (measured: 2 s, 750 MB,
against 0.27 s and 79 MB for ids plus pages).

`record_ids()` applies a `ListQuery` (filters, search text, sort) in SQL;
sorting by a displayed column reads an index where one exists (see
`SORT_INDEXES`). `fetch_rows()` reads the columns of one page of ids in one
query. Nothing here writes to the archive except `create_sort_indexes()` (for
a schema migration).
"""
from __future__ import annotations

import binascii
import json
import sys
from array import array
from dataclasses import dataclass
from typing import Any, Sequence

from sqlite_utils import Database

from exhibit import schema, search, vocab
from exhibit.archive import Archive
from exhibit.dates import parse_date
from exhibit.errors import ExhibitError
from exhibit.records import Media, Record, field_names, record_class

# Sort keys every record type understands; any field name of the type works too.
SORT_KEYS = ("default", "relevance", "identifier", "title_zh", "title_en", "date",
             "category", "status", "modified", "id")

# Above this many search matches, the list is ordered by the sort column's
# index and filtered in Python; below it SQL looks the matches up by id.
_SMALL_MATCH = 20_000
# bm25 costs ~3 µs a match (exhibit/search.py); rank at most this many.
_RANK_LIMIT = 10_000
# Like search.search: whole words first, the prefix form only for a word still being typed.
_PREFIX_BELOW = 20
_PAGE_VARS = 900  # ids per IN (…) list; far below SQLite's variable limit


@dataclass
class ListQuery:
    """What a record list shows: one record type, filtered, searched and sorted.

    Filters that do not apply to the type (a category for people, say) are
    ignored, so a view can keep its filter bar while switching types.
    """
    record_type: str
    sort: str = "default"        # a SORT_KEYS entry or a field name
    descending: bool = False
    category: str | None = None
    section_id: int | None = None
    status: str | None = None
    date_from: str | None = None  # any text parse_date reads ("1944", "1944-06-23", "民国三十三年")
    date_to: str | None = None
    search: str = ""


# ---------------------------------------------------------------- indexes

# The sort indexes are part of the schema (exhibit/schema.py, version 3).
SORT_INDEXES: tuple[str, ...] = tuple(
    line.strip().rstrip(";") for line in schema.V3_SORT_INDEXES.strip().splitlines() if line.strip())


def create_sort_indexes(db: Database) -> None:
    """Create the sort indexes (idempotent). Meant for a schema migration step."""
    for statement in SORT_INDEXES:
        db.conn.execute(statement)


# ---------------------------------------------------------------- sort orders

def _fields(record_type: str) -> list[str]:
    return field_names(record_class(record_type))


def _title_column(cls: type[Record], lang: str) -> str | None:
    names = field_names(cls)
    for name in (f"{cls.TITLE}_{lang}", cls.TITLE):
        if name in names:
            return name
    return None


def _date_columns(cls: type[Record]) -> tuple[str, str] | None:
    return next(iter(cls.DATES.values()), None)


def default_sort(record_type: str) -> str:
    """The sort key a type's list uses by default ("" = its position or id order)."""
    return {"object": "identifier", "event": "date", "media": "id"}.get(record_type, "")


def _terms(record_type: str, key: str) -> list[str] | str:
    """ORDER BY terms (id is appended by the caller), or a vocabulary name to order by."""
    cls = record_class(record_type)
    names = field_names(cls)
    if key in ("default", "relevance"):
        key = default_sort(record_type)
        if not key:
            if record_type == "panel":  # exhibition order, as services.list_records
                return ["coalesce((SELECT s.position FROM sections s WHERE s.id = panels.section_id), 1e9)",
                        "position"]
            return ["position"] if "position" in names else []
    if key == "id":
        return []
    if key == "identifier":
        if not cls.IDENT:
            return []
        # objects.accession is UNIQUE COLLATE NOCASE: the same collation reads that index.
        nocase = record_type in ("object", "media")
        return [cls.IDENT + (" COLLATE NOCASE" if nocase else "")]
    if key in ("title_zh", "title_en"):
        column = _title_column(cls, key[-2:])
        if column is None:
            raise ExhibitError(f"{record_type} records have no title to sort by")
        return [column + (" COLLATE NOCASE" if key == "title_en" else "")]
    if key == "date":
        dates = _date_columns(cls)
        if dates is None:
            raise ExhibitError(f"{record_type} records have no date to sort by")
        return list(dates)  # start, then end: matches the (start, end) index exactly
    if key in cls.VOCAB and key in ("category", "status"):
        return cls.VOCAB[key]
    if key in names:
        return [key]
    raise ExhibitError(f"cannot sort {record_type} records by '{key}' "
                       f"(known: {', '.join(SORT_KEYS)} or a field name)")


def _vocab_codes(db: Database, vocab_name: str) -> list[str]:
    return [t.code for t in vocab.terms(db, vocab_name)]


def _on_server(db: Database) -> bool:
    """Whether `db` is a server archive's connection (exhibit/server/archive.py)."""
    return bool(getattr(db, "is_server", False))


def _dialect(db: Database, terms: list[str]) -> list[str]:
    """ORDER BY terms as the archive's database writes them: SQLite's `x COLLATE NOCASE` is
    `nocase(x)` on a server, the function its case-blind indexes are on (exhibit/server/schema.py)."""
    if not _on_server(db):
        return terms
    return [f"nocase({t[:-len(' COLLATE NOCASE')]})" if t.endswith(" COLLATE NOCASE") else t for t in terms]


def _in_ids(db: Database, ids: Sequence[int]) -> tuple[str, Any]:
    """`id IN (the ids)` with one parameter: a JSON array SQLite reads with json_each, a
    list PostgreSQL reads as an array."""
    if _on_server(db):
        return "id = ANY(?)", list(ids)
    return "id IN (SELECT value FROM json_each(?))", json.dumps(list(ids))


def _order_by(db: Database, record_type: str, key: str, desc: bool) -> str:
    """A full ORDER BY clause; vocabulary columns order by the vocabulary's own order."""
    terms = _terms(record_type, key)
    if isinstance(terms, list):
        terms = _dialect(db, terms)
    if isinstance(terms, str):
        field = _vocab_field(record_type, terms)
        codes = _vocab_codes(db, terms)
        cases = " ".join(f"WHEN {_sql_str(c)} THEN {i}" for i, c in enumerate(codes))
        terms = [f"CASE {field} {cases} ELSE {len(codes)} END" if codes else field, field]
    direction = " DESC" if desc else ""
    return " ORDER BY " + ", ".join(t + direction for t in [*terms, "id"])


def _vocab_field(record_type: str, vocab_name: str) -> str:
    cls = record_class(record_type)
    return next(f for f, v in cls.VOCAB.items() if v == vocab_name)


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# ---------------------------------------------------------------- filters

def _where(db: Database, q: ListQuery) -> tuple[list[str], list[Any]]:
    cls = record_class(q.record_type)
    names = field_names(cls)
    clauses: list[str] = []
    params: list[Any] = []
    if q.category and "category" in names:
        clauses.append("category = ?")
        params.append(q.category)
    if q.status and "status" in names:
        clauses.append("status = ?")
        params.append(q.status)
    dates = _date_columns(cls)
    if dates and (q.date_from or q.date_to):
        start, end = dates
        # Overlap, as search does: a record dated 1944 is in "June 1944 to 1945".
        if q.date_from:
            clauses.append(f"{end} >= ?")
            params.append(_bound(q.date_from, "start"))
        if q.date_to:
            clauses.append(f"{start} <= ?")
            params.append(_bound(q.date_to, "end"))
    if q.section_id is not None:
        clause = _section_clause(q.record_type)
        if clause:
            clauses.append(clause)
            params += [q.section_id] * clause.count("?")
    return clauses, params


def _bound(text: str, which: str) -> str:
    parsed = parse_date(text)
    value = parsed.start if which == "start" else parsed.end
    if value is None:
        raise ExhibitError(f"cannot filter by the date '{text}'")
    return value


# Records "in" a section: the panels of the section and whatever those panels
# link to (services.link panel → object/person/…), as search's sections column.
_PANEL_TARGETS = ("SELECT l.to_id FROM links l JOIN panels p ON p.id = l.from_id "
                  "WHERE l.from_type = 'panel' AND p.section_id = ? AND l.to_type = '{type}'")


def _section_clause(record_type: str) -> str | None:
    if record_type == "section":
        return "id = ?"
    if record_type == "panel":
        return "section_id = ?"
    if record_type == "media":
        # Images of the section's panels, or of the records those panels link to.
        return ("id IN (SELECT m.media_id FROM media_links m WHERE "
                "(m.record_type = 'panel' AND m.record_id IN (SELECT id FROM panels WHERE section_id = ?)) "
                "OR EXISTS (SELECT 1 FROM links l JOIN panels p ON p.id = l.from_id "
                "WHERE l.from_type = 'panel' AND p.section_id = ? "
                "AND l.to_type = m.record_type AND l.to_id = m.record_id))")
    if record_type in ("object", "person", "place", "event", "source"):
        return f"id IN ({_PANEL_TARGETS.format(type=record_type)})"
    return None


# ---------------------------------------------------------------- search

def _match_count(db: Database, match: str, record_type: str, cap: int) -> int:
    return db.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
        "WHERE search_fts MATCH ? AND d.record_type = ? LIMIT ?)", [match, record_type, cap]).fetchone()[0]


def _match_for(db: Database, text: str, record_type: str) -> str | None:
    match, _, _ = search.match_for(text, lambda m, cap: _match_count(db, m, record_type, cap),
                                   enough=_PREFIX_BELOW, cap=_PREFIX_BELOW + 1)
    return match


def search_ids(archive: Archive, text: str, record_type: str, limit: int | None = None,
               ranked: bool = True) -> list[int]:
    """Ids of the `record_type` records matching `text` in the search index, best first.

    The same query language as search.search (Chinese phrases, pinyin, English,
    accession numbers), without loading records or making snippets, and without
    its page limit. Up to 10,000 matches are ranked by bm25; broader queries
    come newest first.
    """
    db = archive.db
    if archive.is_server:
        from exhibit.server import search as server_search

        return server_search.search_ids(_server_conn(archive), text, record_type, limit=limit,
                                        ranked=ranked, enough=_PREFIX_BELOW, rank_limit=_RANK_LIMIT)
    match = _match_for(db, text, record_type)
    if match is None:
        return []
    weights = ", ".join(str(w) for w in search.BM25_WEIGHTS)  # the search module's own column weights
    if ranked and _match_count(db, match, record_type, _RANK_LIMIT + 1) <= _RANK_LIMIT:
        order = f"bm25(search_fts, {weights})"
    else:
        order = "search_fts.rowid DESC"
    sql = ("SELECT d.record_id FROM search_fts JOIN search_docs d ON d.id = search_fts.rowid "
           f"WHERE search_fts MATCH ? AND d.record_type = ? ORDER BY {order}")
    params: list[Any] = [match, record_type]
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [row[0] for row in db.execute(sql, params)]


# ---------------------------------------------------------------- the id list

def _ids(db: Database, sql: str, params: Sequence[Any]) -> array:
    """The first column of `sql`'s rows, in order, as an array('q').

    SQLite writes the ids as one blob of 16 hex digits each and Python
    unpacks it in C, a slice at a time. What matters is the GIL: a long list
    loads on a pool thread while the window paints, and SQLite runs without
    the GIL where Python's unpacking holds it. Measured at 1,000,000 ids: the
    GIL held 9 ms (in slices of < 1 ms) against ~145 ms for a JSON array
    (json.loads plus the array, one stretch, a paint stalled behind it); the
    query itself takes longer (0.32 s against 0.14 s) but off the UI thread.
    The subquery keeps its ORDER BY: SQLite never flattens an ordered
    subquery into an aggregate.
    """
    if _on_server(db):
        return array("q", (row[0] for row in db.execute(sql, list(params))))
    blob = db.execute(f"SELECT CAST(group_concat(printf('%016x', id), '') AS BLOB) FROM ({sql})",
                      list(params)).fetchone()[0]
    out = array("q")
    if not blob:
        return out
    view = memoryview(blob)
    for start in range(0, len(view), _HEX_SLICE):
        out.frombytes(binascii.unhexlify(view[start:start + _HEX_SLICE]))
    if sys.byteorder == "little":
        out.byteswap()  # the hex digits are big-endian
    return out


_HEX_SLICE = 16 * 65536  # 65,536 ids a slice: well under a millisecond with the GIL


def _ordered(db: Database, q: ListQuery, clauses: list[str], params: list[Any],
             limit: int | None = None) -> array:
    """Every id passing the filters, in the query's order (no search text); the first `limit` if given."""
    cls = record_class(q.record_type)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    terms = _terms(q.record_type, q.sort)

    def upto(sql: str, args: list[Any], have: int = 0) -> array:
        # The same ORDER BY with a LIMIT reads only the first rows of the index.
        if limit is None:
            return _ids(db, sql, args)
        return _ids(db, sql + " LIMIT ?", [*args, max(0, limit - have)])

    if isinstance(terms, str):
        # One index range scan per vocabulary term, in the vocabulary's order:
        # ORDER BY CASE … would sort the whole table instead.
        field = _vocab_field(q.record_type, terms)
        codes = _vocab_codes(db, terms)
        direction = " DESC" if q.descending else ""
        joiner = " AND " if where else " WHERE "
        others = f"{field} NOT IN ({','.join('?' * len(codes))})" if codes else "1 = 1"
        rest_sql = (f"SELECT id FROM {cls.TABLE}{where}{joiner}{others} "
                    f"ORDER BY {field}{direction}, id{direction}")
        out = array("q")
        if q.descending:  # the codes outside the vocabulary come first
            out.extend(upto(rest_sql, [*params, *codes]))
        for code in (reversed(codes) if q.descending else codes):
            if limit is not None and len(out) >= limit:
                break
            out.extend(upto(f"SELECT id FROM {cls.TABLE}{where}{joiner}{field} = ? ORDER BY id{direction}",
                            [*params, code], len(out)))
        if not q.descending and (limit is None or len(out) < limit):
            out.extend(upto(rest_sql, [*params, *codes], len(out)))
        return out
    return upto(f"SELECT id FROM {cls.TABLE}{where}{_order_by(db, q.record_type, q.sort, q.descending)}",
                params)


def _server_conn(archive: Archive) -> Any:
    return getattr(archive, "conn")   # a ServerArchive's psycopg connection


def record_ids(archive: Archive, q: ListQuery) -> array:
    """The ids of the records `q` selects, in its order, as an array('q')."""
    db = archive.db
    cls = record_class(q.record_type)
    clauses, params = _where(db, q)
    text = (q.search or "").strip()
    if not text:
        return _ordered(db, q, clauses, params)

    by_relevance = q.sort in ("default", "relevance")
    matched = search_ids(archive, text, q.record_type, ranked=by_relevance)
    if not matched:
        return array("q")
    if by_relevance:
        if clauses:
            among, listed = _in_ids(db, matched)
            allowed = _ids(db, f"SELECT id FROM {cls.TABLE} WHERE {among} "
                               f"AND {' AND '.join(clauses)}", [listed, *params])
            keep = set(allowed)
            matched = [i for i in matched if i in keep]
        out = array("q", matched)
        if q.descending:
            out.reverse()
        return out
    if len(matched) <= _SMALL_MATCH:
        among, listed = _in_ids(db, matched)
        where = " AND ".join([among, *clauses])
        return _ids(db, f"SELECT id FROM {cls.TABLE} WHERE {where}"
                        f"{_order_by(db, q.record_type, q.sort, q.descending)}",
                    [listed, *params])
    # A broad search: the sorted list (an index scan), kept where it matched.
    keep = set(matched)
    ordered = _ordered(db, q, clauses, params)
    return array("q", (i for i in ordered if i in keep))


def count_ids(archive: Archive, q: ListQuery) -> int:
    """How many records `q` selects: len(record_ids(archive, q)), cheaply when there is no search text.

    Without search text it is one SELECT count(*) with the filters (measured:
    ~10 ms at 1,000,000 objects, an index scan). With search text the count
    needs the matches themselves, so it costs as much as the list.
    """
    if (q.search or "").strip():
        return len(record_ids(archive, q))
    db = archive.db
    clauses, params = _where(db, q)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return db.execute(f"SELECT count(*) FROM {record_class(q.record_type).TABLE}{where}",
                      params).fetchone()[0]


def table_size_estimate(archive: Archive, record_type: str) -> int:
    """About how many records of `record_type` there are, in microseconds: the largest id.

    count(*) reads a whole index (~50 ms at a million rows); max(id) is one
    b-tree descent, and an upper bound that deleted rows make a little high.
    """
    table = record_class(record_type).TABLE
    return archive.db.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()[0]


def first_ids(archive: Archive, q: ListQuery, limit: int) -> array:
    """The first `limit` ids of record_ids(archive, q), in the same order, without reading the rest.

    The same ORDER BY with a LIMIT: a list of a million rows can show its first
    screen at once (~1 ms) while the whole list loads elsewhere.
    """
    if (q.search or "").strip():
        return record_ids(archive, q)[:limit]
    clauses, params = _where(archive.db, q)
    return _ordered(archive.db, q, clauses, params, limit)


# ---------------------------------------------------------------- search across types

# The order in which a search across every record type lists them: what the
# museum holds first, then the exhibition's texts, the context, the sources,
# and the image files last (an image's caption repeats its object's name).
GROUPED_ORDER = ("object", "panel", "section", "event", "person", "place", "source", "media")


def grouped_search(db: Database, query: str, *, record_types: Sequence[str] | None = None,
                   category: str | None = None, date_from: str | None = None,
                   date_to: str | None = None, limit: int = 10) -> search.SearchResult:
    """search.search over several record types, grouped by type in GROUPED_ORDER, best first within each.

    One ranked search per type (each uses the index alone); `total` counts the
    matches of every type, `hits` holds the first `limit` of them in the
    grouped order, so a caller can say "showing 10 of 122".
    """
    wanted = [t for t in GROUPED_ORDER if record_types is None or t in record_types]
    merged = search.SearchResult(query=query, total=0)
    for record_type in wanted:
        room = limit - len(merged.hits)
        # With no room left the search still counts this type's matches (one hit is read).
        part = search.search(db, query, record_types=[record_type], category=category,
                             date_from=date_from, date_to=date_to, limit=max(room, 1))
        merged.query = part.query
        merged.total += part.total
        merged.total_is_lower_bound = merged.total_is_lower_bound or part.total_is_lower_bound
        if room > 0:
            merged.hits.extend(part.hits[:room])
    return merged


# ---------------------------------------------------------------- rows

def fetch_rows(archive: Archive, record_type: str, ids: Sequence[int],
               columns: Sequence[str]) -> dict[int, tuple]:
    """`columns` of the records `ids` (one query per 900 ids): {id: values}. Deleted ids are absent."""
    cls = record_class(record_type)
    names = set(field_names(cls))
    bad = [c for c in columns if c not in names]
    if bad:
        raise ExhibitError(f"{record_type} records have no field {', '.join(bad)}")
    select = ", ".join(["id", *columns])
    out: dict[int, tuple] = {}
    ids = list(ids)
    for first in range(0, len(ids), _PAGE_VARS):
        chunk = ids[first:first + _PAGE_VARS]
        for row in archive.db.execute(
                f"SELECT {select} FROM {cls.TABLE} WHERE id IN ({','.join('?' * len(chunk))})", chunk):
            out[row[0]] = tuple(row[1:])
    return out


def thumbnail_media(archive: Archive, record_type: str, ids: Sequence[int]) -> dict[int, Media]:
    """The image to show for each record of a page: a media record itself, else its primary image."""
    out: dict[int, Media] = {}
    ids = list(ids)
    for first in range(0, len(ids), _PAGE_VARS):
        chunk = ids[first:first + _PAGE_VARS]
        marks = ",".join("?" * len(chunk))
        if record_type == "media":
            cursor = archive.db.execute(f"SELECT id AS record_id, * FROM media WHERE id IN ({marks})", chunk)
        else:
            cursor = archive.db.execute(
                "SELECT l.record_id, m.* FROM media_links l JOIN media m ON m.id = l.media_id "
                f"WHERE l.record_type = ? AND l.record_id IN ({marks}) "
                "ORDER BY l.record_id, l.position, l.id", [record_type, *chunk])
        names = [d[0] for d in cursor.description]
        for row in cursor:
            record_id = row[0]
            if record_id not in out:  # primary image = first by position
                out[record_id] = Media.from_row(dict(zip(names[1:], row[1:])))
    return out


__all__ = ["ListQuery", "SORT_KEYS", "SORT_INDEXES", "create_sort_indexes", "record_ids",
           "count_ids", "first_ids", "GROUPED_ORDER", "grouped_search",
           "search_ids", "fetch_rows", "thumbnail_media"]
