"""Search on a server archive: the same hits as SQLite's FTS5 index, on PostgreSQL.

What must stay the same. On SQLite (exhibit/search.py) a record's index entry is six
texts made by `search.document_of_row`: title, body (Han characters split apart),
title2, body2 (Han character pairs), pinyin, ident (accession numbers, folded and
compacted). FTS5's unicode61 tokenizer (remove_diacritics 2) cuts them into tokens, and
`search.build_match` turns a query into an expression of exact tokens, phrases (tokens
in a row, inside one column), a prefix on a phrase's last token, a column filter
(`pinyin : …`), AND and OR. The server keeps the same six texts, made by the same
function, and must find a token, a phrase and a prefix exactly where FTS5 does.

How: PostgreSQL's tsvector, filled with our tokens, not its parser's.

- The tokens are made here, by `Tokenizer`, which is unicode61 itself: each character's
  part (a letter or digit that starts a token, a combining mark that only continues one,
  or a separator) and its folded form are read from SQLite's own unicode61 tokenizer (an
  in-memory FTS5 table and its fts5vocab view), once per process for the characters met.
  So the two backends cannot disagree about a token, whatever Unicode version Python or
  PostgreSQL was built with. tests/core/test_server_search.py compares the tokens of
  every document of the sample archive with the ones SQLite's index holds.
- PostgreSQL gets the tokens as lexemes with their positions, in tsvector's input form
  (`tsvector_literal`: `'衡':1 '阳':2 …`), and a query will be a tsquery literal made the
  same way (`'衡阳' <-> '阳保'`, `'heng':*`): no text-search parser, dictionary or locale
  is involved. `to_tsvector('simple', …)` was not taken because PostgreSQL's parser is
  not unicode61: it keeps HY1944.0001 whole (a "version" or "host" token) and indexes a
  hyphenated word both whole and in parts, and what it calls a letter follows the
  database's locale; accession numbers, hyphenated names and some scripts would be
  found differently. pg_trgm was not taken: trigrams cannot look up a one- or two-
  character query (衡, 衡阳), the queries that matter most in Chinese, and they match
  inside words where FTS5 matches whole tokens.
  Arrays of tokens (text[] with a GIN index) were not taken: GIN answers containment, not
  order, so every phrase (a Han query is a phrase of pairs) would be checked by fetching
  each candidate's tokens; tsvector keeps positions, and its `<->` is checked by the server
  on the rows the index gives, as FTS5 checks a phrase.
- Matching and counting read one row per record (`search_words`, GIN-indexed): the whole
  entry in one vector, each lexeme tagged with its column's number (`'2衡阳':5`), so a
  phrase never spans two columns (as in FTS5, where it cannot), `pinyin : …` is a phrase
  of `'4…'` lexemes, and AND and OR are tsquery's own: a capped count stops at the cap and
  needs no DISTINCT. Ranking reads the positions of the query's lexemes from the same rows
  (which also keep each entry's lengths), in the statement that finds the matches: no
  search_text. An entry too long for one exact vector (see entry_rows) has a NULL one and is
  matched and ranked by its chunks in `search_text`, which holds those entries only.
- The whole entry's vector is large (5.7 KB on average in the benchmark's catalogue) and
  lives in TOAST, a lookup of its own each time a row's vector is read. What the GIN index
  cannot tell by itself (a phrase's words in a row: a Han query of three characters or more
  is a phrase of pairs) is tested on two smaller vectors of the same lexemes, kept in the
  row of `search_parts`: the title columns' and the body's Han pairs. Titles are ranked on
  the first. See _matching for how a capped count and the newest matches are read.
- tsvector keeps at most 256 positions of one lexeme and positions up to 16,383; so a
  long entry's columns are stored in chunks of CHUNK tokens (a lexeme can then never reach
  the limit), each repeating the last OVERLAP tokens of the one before, so that every
  phrase of up to OVERLAP + 1 tokens lies whole in some chunk. `size` counts the tokens
  new in each chunk, so a column's length is the sum over its chunks.
- Tokens longer than MAX_TOKEN_BYTES (tsvector's limit is 2,046 bytes) are cut to it,
  here and in queries alike: such a "word" (a pasted hash or blob) still finds itself.

Matching (`search`, the twin of exhibit/search.search). The query is not parsed here:
search.match_for and build_match write it as an FTS5 expression, with the same prefix
fallback, and `parse_match` reads that expression (only the part of FTS5's syntax
build_match writes; anything else is MatchSyntaxError, so a new construct there fails the
tests instead of matching something else). The expression becomes one tsquery on
search_words (`words_tsquery`: a phrase is its alternatives in the columns it may match in,
AND is &, OR is |, as FTS5's AND holds when each side matches anywhere in the entry). Title
matches are the same expression over columns 0, 2, 4 and 5 (search_titles' columns).
Statements are prepared but planned for each run's values (a generic plan cannot see the
tsquery; see _run), and a search's matches come from the GIN index's posting lists (plan
mode "gin": sequential and plain index scans off), except where _matching chooses a walk
down the newest entries (most of them match) by PostgreSQL's statistics of the lexemes;
what is looked up by id (a phrase's test on search_parts, an entry's rows) runs with index
scans (see _planned). An archive uploaded with many entries has a second GIN index of its
newest ones (schema.SEARCH_WORDS_RECENT), asked first wherever a count or a page needs
only the first matches the index gives or the newest (_tiers): a common word's count
then reads a quarter of its postings.

Ranking: as on SQLite, bm25 only below RANK_CAP matches, title matches first, image
captions after names, broader results by search_docs.id descending (upload keeps the ids
SQLite's). bm25 is FTS5's own formula (fts5_aux.c) computed here, operation for operation,
from what the server holds: each phrase's instances per column (from the positions of the
query's lexemes in the candidates' vectors, or chunks, a start counted once where chunks
overlap), the entry's length (search_words.length, title_length), N and the average length
(search_totals), the IDF of each phrase counted over the whole index (read off the query's
own matches when the phrase alone makes the query match and no filter narrows it; one
count otherwise). The scores are SQLite's to the last bit
(tests/core/test_server_search.py compares them with ==). N and the lengths' sums are kept
in `search_totals` by triggers on search_words (a few rows, one per connection slot, so
concurrent saves do not queue on one row), so ranking never adds them up; the IDF counts
are kept per snapshot (`_totals`).

Where the order can still differ from SQLite's:
- equal scores: here by ascending id. SQLite orders ties as its sorter meets them, which
  is FTS5's ascending rowid scan in every case tried (the sample, a 2,500-object
  catalogue), but SQLite does not promise it.
- a phrase longer than OVERLAP + 1 tokens that crosses a chunk boundary is not found
  (hits, not only order, differ); a typed query that long is not expected.
- FTS5 counts a phrase's instances when its node of the expression sits on the entry. Here
  that is "under AND only when the AND matches"; FTS5 can, rarely, also count a phrase of
  an AND that has run out of entries (its node left on the last one) under an OR.
- when the caller has a READ COMMITTED transaction open, the totals and the matches are
  read in separate statements; on its own, `search` takes one REPEATABLE READ snapshot.

Writing: `entry_rows` makes a record's search_words and search_parts rows (and a long
one's search_text rows); `store_index` writes those of every indexed record of a local
archive (`server upload`), and exhibit/server/records.py a record's in the transaction
that saves it.
"""
from __future__ import annotations

import math
import re
import sqlite3
import tempfile
import threading
import time
import weakref
from collections import Counter
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

from sqlite_utils import Database

from exhibit import search as fts  # the SQLite side (named so: `search` here is the query)
from exhibit.errors import ExhibitError
from exhibit.records import RECORD_TYPES, Record

if TYPE_CHECKING:
    import psycopg

COLUMNS = ("title", "body", "title2", "body2", "pinyin", "ident")   # search.Document's order
CHUNK = 256
OVERLAP = 64
MAX_TOKEN_BYTES = 2000

Row = tuple[int, int, int, int, str]   # doc_id, col, chunk, size, tokens (tsvector_literal)
# doc_id, tagged tokens (or None: a long entry), length, title length, the title columns'
# tagged tokens, the Han pairs' (None: none, or a long entry)
WordsRow = tuple[int, str | None, int, int, str | None, str | None]


class Tokenizer:
    """SQLite's unicode61 tokenizer (remove_diacritics 2), character by character.

    unicode61 reads a text one code point at a time: a letter or digit (by its Unicode
    tables) starts or continues a token and is written folded (lower case, no diacritic);
    a combining mark continues a token and is dropped; anything else ends one. So one
    translation table, learnt from SQLite for each character the first time it is met,
    and a split at spaces give its tokens.
    """

    def __init__(self) -> None:
        self._table: dict[int, str] = {}
        self._lock = threading.Lock()
        self._learn([chr(c) for c in range(128)])

    def tokens(self, text: str) -> list[str]:
        if not text:
            return []
        unknown = {c for c in set(text) if ord(c) not in self._table}
        if unknown:
            self._learn(sorted(unknown))
        out = text.translate(self._table).split()
        if any(len(t) * 4 > MAX_TOKEN_BYTES for t in out):
            out = [clip(t) for t in out]
        return out

    def _learn(self, chars: Sequence[str]) -> None:
        """Ask SQLite's unicode61 what each of `chars` is: alone (does it start a token?)
        and between two letters (does it continue one, and as what?)."""
        conn = sqlite3.connect(":memory:")
        try:
            conn.execute("CREATE VIRTUAL TABLE probe USING fts5(alone, inside, "
                         "tokenize = 'unicode61 remove_diacritics 2')")
            conn.execute("CREATE VIRTUAL TABLE probe_terms USING fts5vocab(probe, 'instance')")
            conn.executemany("INSERT INTO probe (rowid, alone, inside) VALUES (?, ?, ?)",
                             [(i, c, f"x{c}x") for i, c in enumerate(chars)])
            found: dict[tuple[int, str], list[str]] = {}
            for term, doc, column in conn.execute("SELECT term, doc, col FROM probe_terms"):
                found.setdefault((doc, column), []).append(term)
        finally:
            conn.close()
        learnt: dict[int, str] = {}
        for i, c in enumerate(chars):
            alone, inside = found.get((i, "alone"), []), found.get((i, "inside"), [])
            if alone:
                learnt[ord(c)] = alone[0]            # a letter or digit, folded
            elif len(inside) == 1:
                learnt[ord(c)] = inside[0][1:-1]     # a mark inside a token: folded away
            else:
                learnt[ord(c)] = " "                 # a separator
        with self._lock:
            self._table.update(learnt)


def clip(token: str) -> str:
    """A token cut to MAX_TOKEN_BYTES of UTF-8 (whole characters), as tsvector takes it."""
    data = token.encode()
    return token if len(data) <= MAX_TOKEN_BYTES else data[:MAX_TOKEN_BYTES].decode(errors="ignore")


_tokenizer: Tokenizer | None = None


def tokenizer() -> Tokenizer:
    global _tokenizer
    if _tokenizer is None:
        _tokenizer = Tokenizer()
    return _tokenizer


def chunks(tokens: Sequence[str]) -> Iterator[tuple[int, int, list[str]]]:
    """(chunk number, tokens new in it, its tokens) for one column's tokens."""
    if not tokens:
        return
    step = CHUNK - OVERLAP
    start, number = 0, 0
    while True:
        part = list(tokens[start:start + CHUNK])
        yield number, len(part) if number == 0 else len(part) - OVERLAP, part
        if start + CHUNK >= len(tokens):
            return
        start += step
        number += 1


def text_rows(doc_id: int, document: fts.Document) -> list[Row]:
    """One index entry's six texts (as search.document makes them) in chunks: the
    search_text rows of an entry too long for one exact vector (entry_rows)."""
    tok = tokenizer()
    return [(doc_id, col, number, size, tsvector_literal(part))
            for col, text in enumerate(document) for number, size, part in chunks(tok.tokens(text))]


# tsvector's limits (PostgreSQL's ts_type.h): positions up to 16,383 (later ones are
# clamped), at most 256 positions of one lexeme (later ones dropped), 1 MB of lexemes.
MAX_POSITION = 16383
MAX_POSITIONS = 255
MAX_LEXEME_BYTES = 1_000_000


def entry_rows(doc_id: int, document: fts.Document) -> tuple[list[Row], WordsRow]:
    """The search_text rows and the search_words row of one index entry, from one tokenizing.

    search_words holds the whole entry in one vector, each lexeme tagged with its column's
    number (`'2衡阳':5` is 衡阳 at position 5 of title2), so any expression is one tsquery on
    one row per record: counting needs no DISTINCT, AND, OR, phrases and column filters are
    the server's own, and ranking reads the positions there. Beside it, two small vectors of
    the same lexemes, kept in their row of search_parts (not in TOAST), for what the GIN index
    cannot tell (a phrase's words in a row) and for ranking titles: the title columns'
    (`titles`) and the body's Han pairs (`pairs`; None: there are none). Where the
    entry would not fit tsvector's limits exactly (a column past MAX_POSITION tokens, a word
    more than MAX_POSITIONS times in one column) the vectors are NULL, and the entry is kept
    in chunks in search_text instead (every other entry has no search_text rows)."""
    tok = tokenizer()
    columns = [tok.tokens(text) for text in document]
    tagged: list[list[str]] = []
    exact, lexeme_bytes = True, 0
    for col, tokens in enumerate(columns):
        tagged.append([])
        if not tokens:
            continue
        counts = Counter(tokens)
        lexeme_bytes += sum(len(t.encode()) + 1 for t in counts)
        if len(tokens) > MAX_POSITION or max(counts.values()) > MAX_POSITIONS or lexeme_bytes > MAX_LEXEME_BYTES:
            exact = False
            break
        tagged[col] = [f"'{col}{token}':{position}" for position, token in enumerate(tokens, 1)]
    length = sum(len(tokens) for tokens in columns)
    title_length = sum(len(columns[col]) for col in TITLE_COLUMNS)
    if not exact:
        rows = [(doc_id, col, number, size, tsvector_literal(part))
                for col, tokens in enumerate(columns) for number, size, part in chunks(tokens)]
        return rows, (doc_id, None, length, title_length, None, None)
    titles = " ".join(lexeme for col in TITLE_COLUMNS for lexeme in tagged[col])
    pairs = " ".join(tagged[PAIRS_COLUMN]) or None
    return [], (doc_id, " ".join(lexeme for part in tagged for lexeme in part), length, title_length, titles, pairs)


def tsvector_literal(tokens: Sequence[str]) -> str:
    """`'衡':1 '阳':2 …`: the tokens as lexemes at their positions, in tsvector's input form,
    which PostgreSQL reads without a text-search parser or dictionary. A unicode61 token
    is letters and digits only, so it never holds the quote or backslash the form escapes."""
    return " ".join(f"'{token}':{position}" for position, token in enumerate(tokens, 1))


def index_entries(db: Database, what: str) -> Iterator[tuple[int, fts.Document]]:
    """(search_docs id, document) of every indexed record of a local archive; ExhibitError
    when its index is not in step with its records (`what` names the archive)."""
    docs = {(rtype, rid): doc_id for doc_id, rtype, rid in
            db.execute("SELECT id, record_type, record_id FROM search_docs").fetchall()}
    seen = 0
    for record_type in fts.INDEXED_TYPES:
        for record in fts.iter_records(db, record_type):
            doc_id = docs.get((record_type, record.saved_id))
            if doc_id is None:
                raise ExhibitError(f"{what}: {record.label()} is missing from the search index; run "
                                   f"`main.py check --reindex` on it, then upload; nothing was uploaded")
            seen += 1
            yield doc_id, fts.document(record)
    if seen != len(docs):
        raise ExhibitError(f"{what}: its search index holds {len(docs) - seen} entries of records that "
                           f"are gone; run `main.py check --reindex` on it, then upload; nothing was uploaded")


def _copied(vector: str | None) -> str:
    return "\\N" if vector is None else vector


def store_index(server: "psycopg.Connection", entries: Iterable[tuple[int, fts.Document]]) -> int:
    """Write the search_words and search_parts rows of `entries` (and the search_text rows of
    the long ones) into an empty index (server upload), inside the caller's transaction, with
    COPY. The GIN index is made again afterwards in one build, which is several times quicker
    than keeping it up to date row by row. search_words and search_parts are copied after
    search_text (one COPY at a time on a connection), each in one statement from a temporary
    file, so search_words' trigger adds the totals up once.
    Returns the number of entries written."""
    from exhibit.server import schema

    server.execute("DROP INDEX search_words_tokens")
    server.execute(f"DROP INDEX IF EXISTS {schema.SEARCH_WORDS_RECENT}")
    count = 0
    with tempfile.TemporaryFile("w+", encoding="utf-8") as words, \
            tempfile.TemporaryFile("w+", encoding="utf-8") as parts, server.cursor() as cur:
        with cur.copy("COPY search_text (doc_id, col, chunk, size, tokens) FROM STDIN") as copy:
            for doc_id, document in entries:
                rows, (_, tagged, length, title_length, titles, pairs) = entry_rows(doc_id, document)
                for row in rows:
                    copy.write_row(row)
                count += 1
                # COPY's text form: a unicode61 token is letters and digits, never a tab,
                # newline or backslash; \N is NULL.
                words.write(f"{doc_id}\t{_copied(tagged)}\t{length}\t{title_length}\n")
                if titles is not None:
                    parts.write(f"{doc_id}\t{titles}\t{_copied(pairs)}\n")
        for name, columns, source in (("search_words", "doc_id, tokens, length, title_length", words),
                                      ("search_parts", "doc_id, titles, pairs", parts)):
            source.seek(0)
            with cur.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                while block := source.read(1 << 20):
                    copy.write(block)
    # The totals the COPY added are written now (exhibit/server/schema.py's deferred trigger):
    # PostgreSQL builds no index on a table with trigger events pending.
    server.execute("SET CONSTRAINTS search_totals_at_commit IMMEDIATE")
    server.execute("SET CONSTRAINTS search_totals_at_commit DEFERRED")
    server.execute("SET LOCAL maintenance_work_mem = '256MB'")
    server.execute(schema.SEARCH_WORDS_INDEX)
    if count >= schema.RECENT_FROM:
        bound = server.execute("SELECT doc_id FROM search_words ORDER BY doc_id DESC OFFSET %s LIMIT 1",
                               [schema.RECENT_ENTRIES]).fetchone()
        if bound is not None:
            server.execute(schema.recent_index_sql(int(bound[0])))
    return count


# ---------------------------------------------------------------- querying
#
# fts.build_match writes what a user typed as an FTS5 expression; that expression,
# not the query, is what is read here (`parse_match`), so the two backends share every
# rule of how a query becomes tokens, phrases, prefixes and alternatives. Only the small
# part of FTS5's syntax build_match writes is read: quoted phrases, a `*` after one, a
# column filter (`pinyin : …`), AND, OR and parentheses; anything else is refused loudly
# (MatchSyntaxError), so a new construct in build_match fails the server's tests rather
# than matching something else.

TITLE_COLUMNS = (0, 2, 4, 5)                 # search_titles' columns, as search_text numbers them
PAIRS_COLUMN = 3                             # body2: the body's Han pairs (search_parts.pairs)
_TITLE_WEIGHTS = dict(zip(TITLE_COLUMNS, fts.TITLE_WEIGHTS))
_ALL_WEIGHTS = dict(enumerate(fts.BM25_WEIGHTS))
_K1, _B = 1.2, 0.75                           # FTS5's bm25 constants (fts5_aux.c)
_STEP = CHUNK - OVERLAP


class MatchSyntaxError(ValueError):
    """An FTS5 expression using more than the part of the syntax build_match writes."""


@dataclass(frozen=True)
class Phrase:
    """Tokens in a row inside one column; the last a prefix when `prefix`; in `cols` only
    (None: any column)."""
    tokens: tuple[str, ...]
    prefix: bool
    cols: frozenset[int] | None = None

    def within(self, allowed: Iterable[int] | None) -> frozenset[int] | None:
        """The columns this phrase may match in a table of the columns `allowed`."""
        if allowed is None:
            return self.cols
        return frozenset(allowed) if self.cols is None else self.cols & frozenset(allowed)

    def tsquery(self) -> str:
        """`'衡阳' <-> '阳保'`, `'heng':*`: the phrase in tsquery's input form (no parser,
        no dictionary). A unicode61 token is letters and digits only; quotes are doubled anyway."""
        lexemes = ["'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in self.tokens]
        if self.prefix:
            lexemes[-1] += ":*"
        return " <-> ".join(lexemes)

    def tagged(self, col: int, joiner: str = " <-> ") -> str:
        """The phrase in column `col` of search_words (its lexemes tagged with the column);
        with `joiner` " & ", all its lexemes anywhere in the column (the index alone tells)."""
        lexemes = [f"'{col}" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in self.tokens]
        if self.prefix:
            lexemes[-1] += ":*"
        return joiner.join(lexemes)


@dataclass(frozen=True)
class Node:
    op: str                                   # "and" | "or"
    children: tuple["Expr", ...]


Expr = Phrase | Node

_LEX = re.compile(r'\s*(?:(?P<phrase>"(?:[^"]|"")*")|(?P<star>\*)|(?P<open>\()|(?P<close>\))'
                  r'|(?P<colon>:)|(?P<word>[^\s"():*]+))')


@lru_cache(maxsize=512)
def parse_match(expression: str) -> Expr:
    """The tree of an expression build_match wrote (FTS5 precedence: AND before OR)."""
    items: list[tuple[str, str]] = []
    pos = 0
    text = expression.rstrip()
    while pos < len(text):
        found = _LEX.match(text, pos)
        if found is None or found.lastgroup is None:
            raise MatchSyntaxError(f"cannot read the search expression at {text[pos:pos + 20]!r}")
        items.append((found.lastgroup, found.group(found.lastgroup)))
        pos = found.end()
    parser = _Parser(items)
    tree = parser.any_of()
    if parser.at < len(items):
        raise MatchSyntaxError(f"unexpected {items[parser.at][1]!r} in the search expression")
    return tree


class _Parser:
    def __init__(self, items: list[tuple[str, str]]):
        self.items, self.at = items, 0

    def _peek(self) -> tuple[str, str]:
        return self.items[self.at] if self.at < len(self.items) else ("end", "")

    def _next(self) -> tuple[str, str]:
        item = self._peek()
        self.at += 1
        return item

    def any_of(self) -> Expr:
        parts = [self.all_of()]
        while self._peek() == ("word", "OR"):
            self._next()
            parts.append(self.all_of())
        return parts[0] if len(parts) == 1 else Node("or", tuple(parts))

    def all_of(self) -> Expr:
        parts = [self.one()]
        while self._peek() == ("word", "AND"):
            self._next()
            parts.append(self.one())
        return parts[0] if len(parts) == 1 else Node("and", tuple(parts))

    def one(self) -> Expr:
        kind, value = self._next()
        if kind == "open":
            inner = self.any_of()
            if self._next()[0] != "close":
                raise MatchSyntaxError("a parenthesis of the search expression is not closed")
            return inner
        if kind == "phrase":
            tokens = tuple(tokenizer().tokens(value[1:-1].replace('""', '"')))
            star = self._peek()[0] == "star"
            if star:
                self._next()
            return Phrase(tokens, star and bool(tokens))
        if kind == "word" and value not in ("AND", "OR", "NOT", "NEAR") and self._peek()[0] == "colon":
            if value not in COLUMNS:
                raise MatchSyntaxError(f"no column {value!r} in the search index")
            self._next()
            return _filtered(self.one(), frozenset({COLUMNS.index(value)}))
        raise MatchSyntaxError(f"unexpected {value!r} in the search expression")


def _filtered(expr: Expr, cols: frozenset[int]) -> Expr:
    if isinstance(expr, Phrase):
        return Phrase(expr.tokens, expr.prefix, cols if expr.cols is None else expr.cols & cols)
    return Node(expr.op, tuple(_filtered(c, cols) for c in expr.children))


def phrases(expr: Expr) -> list[Phrase]:
    """The phrases in the order FTS5 numbers them (left to right), for bm25."""
    if isinstance(expr, Phrase):
        return [expr]
    return [p for child in expr.children for p in phrases(child)]


# ---------------------------------------------------------------- which entries match

_NOTHING = "SELECT NULL::bigint AS doc_id WHERE false"


def _run(conn: "psycopg.Connection", sql: str, params: Sequence[Any] = ()) -> "psycopg.Cursor[Any]":
    """A query prepared on the server at once (parsed once per connection: a search's
    statements have a few shapes, their tsqueries are parameters), and planned for each
    run's parameters: a search sets plan_cache_mode (_PLAN_SETTINGS), as PostgreSQL's
    generic plan cannot see the tsquery, guesses that it matches many rows and scans
    search_text whole (2 ms became 25 ms at 2,000 objects). About 0.3 ms a search."""
    return conn.execute(sql, params, prepare=True)


def _phrase_sql(tsquery: str, cols: frozenset[int] | None, params: list[Any]) -> str:
    """The long entries (search_words.tokens NULL) a phrase (or phrases ORed) matches in
    their search_text chunks (search_text holds theirs only). They are few, and found by
    doc_id (search_words_long): with sequential scans off, a scan of search_text would be
    costed as disabled, and so high a cost turns on the JIT compiler (75 ms a statement)."""
    params.append(tsquery)
    sql = ("SELECT DISTINCT doc_id FROM search_text WHERE doc_id IN "
           "(SELECT doc_id FROM search_words WHERE tokens IS NULL) AND tokens @@ %s::tsquery")
    if cols is not None:
        params.append(sorted(cols))
        sql += " AND col = ANY(%s::smallint[])"
    return sql


def _long_sql(expr: Expr, allowed: tuple[int, ...] | None, params: list[Any]) -> str:
    """The long entries matching `expr`: a phrase is one lookup in their chunks; phrases ORed
    under the same columns share one tsquery (`a | b`); AND is INTERSECT, as FTS5's AND holds
    when each side matches somewhere in the entry, not necessarily in one column or chunk."""
    if isinstance(expr, Phrase):
        cols = expr.within(allowed)
        if not expr.tokens or (cols is not None and not cols):
            return _NOTHING     # FTS5: a phrase of no token matches nothing
        return _phrase_sql(expr.tsquery(), cols, params)
    if expr.op == "and":
        return " INTERSECT ".join(f"({_long_sql(c, allowed, params)})" for c in expr.children)
    grouped: dict[frozenset[int] | None, list[str]] = {}
    others: list[Expr] = []
    for child in expr.children:
        if isinstance(child, Phrase):
            cols = child.within(allowed)
            if child.tokens and (cols is None or cols):
                grouped.setdefault(cols, []).append(f"({child.tsquery()})")
        else:
            others.append(child)
    parts = [_phrase_sql(" | ".join(queries), cols, params) for cols, queries in grouped.items()]
    parts += [_long_sql(c, allowed, params) for c in others]
    return " UNION ".join(f"({p})" for p in parts) if parts else _NOTHING


def words_tsquery(expr: Expr, allowed: tuple[int, ...] | None, joiner: str = " <-> ") -> str | None:
    """`expr` as one tsquery on search_words' tagged lexemes (None: it matches nothing). A
    phrase is its alternatives in each column it may match in (`'0衡' | '1衡'`); AND and OR
    are tsquery's & and |, which hold on the whole entry, as FTS5's do. With `joiner` " & ",
    a phrase's words need not be in a row: what the index alone can tell, without positions."""
    if isinstance(expr, Phrase):
        cols = expr.within(allowed)
        if not expr.tokens or (cols is not None and not cols):
            return None         # FTS5: a phrase of no token matches nothing
        each = [expr.tagged(col, joiner) for col in sorted(cols if cols is not None else range(len(COLUMNS)))]
        return "(" + " | ".join(f"({q})" for q in each) + ")"
    parts = [words_tsquery(c, allowed, joiner) for c in expr.children]
    if expr.op == "and":
        return None if None in parts else "(" + " & ".join(p for p in parts if p) + ")"
    found = [p for p in parts if p]
    return "(" + " | ".join(found) + ")" if found else None


def docset_sql(expr: Expr, allowed: Iterable[int] | None, params: list[Any]) -> str:
    """A query of the doc_ids matching `expr` in the columns `allowed` (None: all;
    TITLE_COLUMNS for search_titles), each once: the entries whose search_words vector
    matches (one GIN lookup, one row per record), then the long entries, from their chunks."""
    allowed = None if allowed is None else tuple(allowed)
    query = words_tsquery(expr, allowed)
    if query is None:
        return _NOTHING
    params.append(query)
    words = "SELECT doc_id FROM search_words WHERE tokens @@ %s::tsquery"
    return f"{words} UNION ALL ({_long_sql(expr, allowed, params)})"


def _filters(record_types: Iterable[str] | None, category: str | None, section_id: int | None,
             date_from: str | None, date_to: str | None) -> tuple[str, list[Any]]:
    """search._filters on search_docs d (dates are ISO texts, compared byte by byte as SQLite does)."""
    clauses: list[str] = []
    params: list[Any] = []
    if record_types:
        clauses.append("d.record_type = ANY(%s)")
        params.append(list(record_types))
    if category:
        clauses.append("d.category = %s")
        params.append(category)
    if section_id is not None:
        clauses.append("strpos(d.sections, %s) > 0")
        params.append(f",{section_id},")
    if date_from:
        clauses.append('d.date_end COLLATE "C" >= %s')
        params.append(date_from)
    if date_to:
        clauses.append('d.date_start COLLATE "C" <= %s')
        params.append(date_to)
    return "".join(" AND " + c for c in clauses), params


@dataclass
class _Found:
    """A query's matches found so far: doc ids (newest first when `ordered`), whether that
    is all of them, and how many of the first are the newest, newest first (all when
    `ordered`; a count's recent entries, _tiers)."""
    ids: list[int]
    complete: bool
    ordered: bool
    newest: int = 0

    def __post_init__(self) -> None:
        if self.ordered:
            self.newest = len(self.ids)


@dataclass
class _Query:
    """One search's expression and filters, and what the search has found of its matches
    so far, kept for the rest of the search."""
    conn: "psycopg.Connection"
    expr: Expr
    where: str
    where_params: list[Any]
    known: "_Totals | None" = None      # the index's totals, read once per search
    found: dict[tuple[int, ...] | None, _Found] = field(default_factory=dict)
    present: "Expr | None" = None       # _present's

    def totals(self) -> "_Totals":
        if self.known is None:
            self.known = _totals(self.conn)
        return self.known

    def count(self, cap: int, allowed: Iterable[int] | None = None) -> int:
        """How many entries match, up to `cap`: the first `cap` the index gives (a walk's:
        the newest), kept."""
        key = None if allowed is None else tuple(allowed)
        known = self.found.get(key)
        if known is None or not (known.complete or len(known.ids) >= cap):
            ids, ordered, newest = _matching(self, cap, key, ordered=False)
            known = self.found[key] = _Found(ids, len(ids) < cap, ordered, newest)
        return min(len(known.ids), cap)

    def ordered(self, cap: int, allowed: Iterable[int] | None = None) -> list[int]:
        """Up to `cap` matching doc ids, newest (highest id) first: where the count found
        the matches dense (_density), by a walk down the newest entries that stops at the
        cap or at the ids the walk should have needed, else from the index, sorted."""
        key = None if allowed is None else tuple(allowed)
        known = self.found.get(key)
        if known is not None and known.complete:
            return known.ids[:cap] if known.ordered else sorted(known.ids, reverse=True)[:cap]
        if known is not None and known.newest >= cap:
            return known.ids[:cap]
        density = _density(known.ids) if known is not None and not self.where else None
        statement = _matching_sql(self, cap, key, ordered=True, density=density)
        ids = [] if statement is None else _ids(self.conn, statement)
        if statement is not None and statement.span is not None:
            if len(ids) >= cap:
                return ids     # (the count's ids stay kept: they are more)
            statement = _matching_sql(self, cap, key, ordered=True)    # the walk fell short
            ids = [] if statement is None else _ids(self.conn, statement)
        self.found[key] = _Found(ids, len(ids) < cap, True)
        return ids

    def all_found(self, allowed: Iterable[int] | None = None) -> list[int] | None:
        """Every matching doc id, when the search has found them all already."""
        found = self.found.get(None if allowed is None else tuple(allowed))
        return found.ids if found is not None and found.complete else None

    def newest(self, limit: int, allowed: Iterable[int] | None = None, skip: Iterable[int] = ()) -> list[int]:
        """Up to `limit` matching doc ids, newest (highest id) first, leaving out `skip`."""
        skipped = set(skip)
        return [d for d in self.ordered(limit + len(skipped), allowed) if d not in skipped][:limit]


class _Queries:
    """The _Query of each expression one search tries (match_for counts the whole words, then
    perhaps the prefix form), so that the one taken keeps what its count found."""

    def __init__(self, conn: "psycopg.Connection", where: str, where_params: list[Any], totals: "_Totals"):
        self.conn, self.where, self.where_params, self.totals = conn, where, where_params, totals
        self.made: dict[str, _Query] = {}

    def of(self, match: str) -> _Query:
        if match not in self.made:
            self.made[match] = _Query(self.conn, parse_match(match), self.where, self.where_params, self.totals)
        return self.made[match]

    def count(self, match: str, cap: int) -> int:
        return self.of(match).count(cap)


# A capped count, and the newest matches when a page needs them (a page of 20 is often
# filled by title matches: then only a count is asked). The GIN index tells which entries
# hold a query's lexemes, not where: a phrase (a Han query of three or more characters is a
# phrase of pairs) is tested on the entry's own lexemes, and so is every match of a walk.
# Each test reads the smallest vector holding the phrase's columns: the title columns' and
# the body's Han pairs (search_parts, kept in its row: one page) before the whole entry's
# vector, which lives in TOAST, a lookup of its own (at 100,000 objects, testing '第四十六军'
# on 1,000 entries took 20 ms from TOAST, 6 ms on the pairs). How the ids are read
# (_matching):
# - a count: the index's first `cap` entries, in no order; a phrase's: the entries holding
#   all its lexemes, tested one by one in the index's order until the cap (at 100,000
#   objects, '日军第十一': 8 ms, where sorting its 8,354 candidates first took 12), but
#   for the recent entries (_tiers), few enough to be sorted, newest first;
# - the newest: the index's entries sorted by id (a phrase's tested newest first until the
#   cap); where a count met its cap and its ids tell the matches are dense, a walk down the
#   newest entries (_Query.ordered, _density);
# - most entries match ('the', '军'): for either, a walk down the primary key from the
#   newest entry, testing each until the cap (6 ms for 'the' at 100,000 objects, where the
#   index's 134,000 ids took 36 ms to sort). PostgreSQL's statistics of the vectors
#   (pg_stats) tell which.
_WALK_COST_US = {"pairs": 1.5, "titles": 1.0, "tokens": 5.0}   # one walked entry's test, by vector
_SORT_COST_US = 0.4                                             # one id from the index, sorted
_POSTING_COST_US = 0.1                                          # one id from the index, unsorted
_ROW_COST_US = 0.2                                              # one of them read from the table
_INDEX_COST_US = 1500.0                                         # a lookup's own cost
_STATS_SECONDS = 60.0     # how long the lexemes' frequencies (pg_stats) are kept
# Tested in this order (OR stops at the first true): a phrase found at all is most often in
# the body's pairs; the whole entry's vector (TOAST) last.
_VECTORS = {"pairs": "s.pairs", "titles": "s.titles", "tokens": "w.tokens"}


def _needs_positions(expr: Expr) -> bool:
    """Whether the index alone cannot tell a match (a phrase of two or more tokens)."""
    if isinstance(expr, Phrase):
        return len(expr.tokens) > 1
    return any(_needs_positions(c) for c in expr.children)


def _holding(expr: Expr, allowed: tuple[int, ...] | None) -> tuple[str, list[Any]]:
    """A condition on search_words w for the entries holding all the lexemes of `expr`'s
    phrases in a column they may match in (what the GIN index alone can tell), and its
    parameters. One phrase in several columns is one tsquery per column, ORed, which
    PostgreSQL looks up one by one (a BitmapOr): there the GIN index skips through a column's
    lists by the rarest of them, where under one tsquery's `|` it reads every list whole (at
    100,000 objects, '日军第十一' in the two columns of pairs: 7 ms against 10)."""
    if isinstance(expr, Phrase) and len(expr.tokens) > 1:
        cols = expr.within(allowed)
        each = sorted(cols if cols is not None else range(len(COLUMNS)))
        if len(each) > 1:
            return ("(" + " OR ".join(["w.tokens @@ %s::tsquery"] * len(each)) + ")",
                    [expr.tagged(col, " & ") for col in each])
    return "w.tokens @@ %s::tsquery", [words_tsquery(expr, allowed, joiner=" & ")]


def _vector_of(col: int) -> str:
    return "titles" if col in TITLE_COLUMNS else "pairs" if col == PAIRS_COLUMN else "tokens"


def _test_sql(expr: Expr, allowed: tuple[int, ...] | None) -> tuple[str, list[Any], set[str]] | None:
    """SQL telling whether `expr` matches an entry in the columns `allowed`, each phrase
    tested on the smallest vectors holding its columns (search_parts' s.titles and s.pairs
    before search_words' w.tokens); its parameters; the vectors it reads. None: it matches
    nothing. A NULL vector (no Han pairs) tests false."""
    if isinstance(expr, Phrase):
        cols = expr.within(allowed)
        if not expr.tokens or (cols is not None and not cols):
            return None         # FTS5: a phrase of no token matches nothing
        by: dict[str, list[int]] = {}
        for col in sorted(cols if cols is not None else range(len(COLUMNS))):
            by.setdefault(_vector_of(col), []).append(col)
        tests: list[str] = []
        params: list[Any] = []
        for vector in (v for v in _VECTORS if v in by):
            tests.append(f"{_VECTORS[vector]} @@ %s::tsquery")
            params.append(" | ".join(f"({expr.tagged(col)})" for col in by[vector]))
        return "(" + " OR ".join(tests) + ")", params, set(by)
    parts = [_test_sql(c, allowed) for c in expr.children]
    found = [p for p in parts if p is not None]
    if (expr.op == "and" and len(found) < len(parts)) or not found:
        return None
    joiner = " AND " if expr.op == "and" else " OR "
    return ("(" + joiner.join(p[0] for p in found) + ")", [x for p in found for x in p[1]],
            set().union(*(p[2] for p in found)))


_ALL_HAN = re.compile(f"[{fts.HAN}]+")


def _unlikely(phrase: Phrase, col: int) -> bool:
    """Whether column `col` should hold none of the phrase's Han tokens: document_of_row
    writes Han characters one by one in title and body and as pairs in title2 and body2, and
    pinyin and ident as letters and digits. Only a hint: _present asks the index."""
    han = [t for t in phrase.tokens if _ALL_HAN.fullmatch(t)]
    if not han:
        return False
    if col in (0, 1):
        return any(len(t) > 1 for t in han)
    if col in (2, PAIRS_COLUMN):
        return any(len(t) == 1 for t in han)
    return True


def _present(query: _Query) -> Expr:
    """The query's expression without what cannot match because one of a phrase's words is in
    no entry at all in a column (that column's alternative), asked of the GIN index in the
    search's snapshot, where an empty posting list costs almost nothing:
    - in the columns the tokenizer leaves a Han word out of (_unlikely): a Han pair searched
      in the six columns becomes a search in the two that hold pairs, so the index tests a
      third of the lexemes and no candidate's whole vector is read from TOAST for the body's
      column of single characters;
    - in the column given to a phrase of several words (its positions are tested entry by
      entry), for the words PostgreSQL's statistics do not list as common (those are there):
      build_match also searches an English word as pinyin syllables ('bombing' as `pinyin :
      "bom mbing"`), which no entry holds; without them 'bombing' is one word the index
      alone finds, where the phrase's test read each candidate's whole vector (14 ms at
      100,000 objects, now 1). A Han phrase's pairs are seldom missing, and asking about
      each cost more than it saved.
    A part that cannot match is left out (an AND holding one, whole)."""
    if query.present is not None:
        return query.present
    freqs = _stats(query.conn).freqs

    def lexeme(phrase: Phrase, i: int, col: int) -> str:
        return Phrase((phrase.tokens[i],), phrase.prefix and i == len(phrase.tokens) - 1).tagged(col)

    def asks(phrase: Phrase, col: int) -> list[str]:
        """The lexemes of `phrase` in column `col` whose presence is asked of the index."""
        if _unlikely(phrase, col):
            return [lexeme(phrase, i, col) for i in range(len(phrase.tokens))]
        if len(phrase.tokens) > 1 and phrase.cols is not None and freqs:
            # (without statistics, a common word could be asked, its whole list read)
            last = len(phrase.tokens) - 1      # a prefix is not asked: its lists could be many
            return [lexeme(phrase, i, col) for i, t in enumerate(phrase.tokens)
                    if not (phrase.prefix and i == last) and f"{col}{t}" not in freqs]
        return []

    def columns(phrase: Phrase) -> list[int]:
        return sorted(phrase.cols if phrase.cols is not None else range(len(COLUMNS)))

    asked = {name: False for phrase in phrases(query.expr) for col in columns(phrase) for name in asks(phrase, col)}
    if asked:
        # "gin": with index scans, EXISTS could walk the primary key testing each vector.
        for (name,) in _planned(query.conn, "gin", "SELECT q FROM unnest(%s::text[]) q WHERE EXISTS "
                                "(SELECT 1 FROM search_words WHERE tokens @@ q::tsquery)", [list(asked)]):
            asked[name] = True

    def keep(expr: Expr) -> Expr | None:
        """`expr` without what cannot match; None: it cannot match at all."""
        if isinstance(expr, Phrase):
            cols = frozenset(col for col in columns(expr) if all(asked[name] for name in asks(expr, col)))
            return Phrase(expr.tokens, expr.prefix, cols) if cols and expr.tokens else None
        kept = [keep(c) for c in expr.children]
        alive = [k for k in kept if k is not None]
        if not alive or (expr.op == "and" and len(alive) < len(kept)):
            return None
        return alive[0] if len(alive) == 1 else Node(expr.op, tuple(alive))

    query.present = keep(query.expr) or Phrase((), False, frozenset())
    return query.present


def _matching(query: _Query, cap: int, allowed: tuple[int, ...] | None, *,
              ordered: bool) -> tuple[list[int], bool, int]:
    """Up to `cap` matching doc ids; whether they are the newest, newest first (when
    `ordered`, and when a walk read them: see above; else the index's first `cap`, a
    count that stops at the cap); and how many of the first are the newest, newest first
    (a phrase's recent entries, _tiers)."""
    statement = _matching_sql(query, cap, allowed, ordered=ordered)
    if statement is None:
        return [], True, 0
    ids = _ids(query.conn, statement)
    if statement.ordered:
        return ids, True, len(ids)
    newest = 0
    if statement.newest_above is not None:
        while newest < len(ids) and ids[newest] > statement.newest_above:
            newest += 1
    return ids, False, newest


def _ids(conn: "psycopg.Connection", statement: "_Statement") -> list[int]:
    return [int(r[0]) for r in _planned(conn, statement.mode, statement.sql, statement.params)]


@dataclass
class _Statement:
    """A statement of the doc ids matching, the plan mode it runs in (_planned), whether it
    gives them newest first, and how many of the newest ids its walk is bounded to (then
    fewer than the cap tells nothing of the rest)."""
    sql: str
    params: list[Any]
    mode: str
    ordered: bool
    span: int | None = None
    newest_above: int | None = None   # its first ids above this one are the newest, in order


# The newest matches of a query whose count met its cap, from a walk down the newest
# entries where the count's ids tell that the matches are dense (a page's 20 newest of
# '日军第十一', in 7 % of entries: 1.3 ms walking search_parts, where the index's 8,354
# candidates, sorted and tested, took 4-6). The walk is bounded to a few times the ids it
# should need, so a wrong guess costs a little before the index is asked after all.
_WALK_BUDGET_US = 3000.0     # the most an expected walk may cost
_WALK_MARGIN = 3.0           # how far past its expected length a walk may go


def _density(ids: list[int]) -> float | None:
    """The share of entries matching, guessed from a count's ids (the index's first, in
    the table's order, which follows the ids but for edited entries): as many matches as
    ids found in the id range they span. None: too few to tell."""
    if len(ids) < 20:
        return None
    return len(ids) / (max(ids) - min(ids) + 1)


def _walk_cost(vectors: set[str]) -> float:
    """A walked entry's test, in µs: where the whole vector is read, it alone is tested;
    else each of search_parts' that is."""
    return _WALK_COST_US["tokens"] if "tokens" in vectors else sum(_WALK_COST_US[v] for v in vectors)


def _walk_span(density: float, cap: int, vectors: set[str]) -> int | None:
    """How many of the newest ids a walk for `cap` matches may go through, testing the
    vectors `vectors`; None: the walk would cost more than the index."""
    expected = cap / density
    if expected * _walk_cost(vectors) > _WALK_BUDGET_US:
        return None
    return max(int(expected * _WALK_MARGIN), 200)


def _matching_sql(query: _Query, cap: int, allowed: tuple[int, ...] | None, *,
                  ordered: bool, density: float | None = None) -> _Statement | None:
    """_matching's statement; None: nothing can match. With `density` (the share of
    entries a count found matching, _density), a walk bounded to the newest ids, where
    it is cheap (_walk_span): statement.span."""
    # Matched in search_words without the columns its phrases cannot be in (_present); the
    # long entries (search_text) as they are.
    expr = _present(query)
    tsquery = words_tsquery(expr, allowed)
    tested = _test_sql(expr, allowed)
    if tsquery is None or tested is None:
        if words_tsquery(query.expr, allowed) is None:
            return None
        tested = ("false", [], set())       # nothing in search_words can match; a long entry may
    test, test_params, vectors = tested
    join = " JOIN search_docs d ON d.id = w.doc_id" if query.where else ""
    parts = " LEFT JOIN search_parts s ON s.doc_id = w.doc_id" if vectors - {"tokens"} else ""
    span = None if density is None or tsquery is None or query.where else _walk_span(density, cap, vectors)
    walk = span is not None or (tsquery is not None and not query.where
                                and _walkable(query.conn, expr, allowed, cap, vectors, ordered=ordered))
    ordering = _NEWEST_FIRST if ordered else ""
    # A bounded walk goes through the `span` newest ids only.
    bound = " AND {}.doc_id > (SELECT max(doc_id) FROM search_words) - %s" if span is not None else ""
    # Without long entries (most archives), no statement asks search_text for them.
    long = query.totals().long_entries
    if tsquery is None and not long:
        return None
    newest_above: int | None = None
    params: list[Any] = []
    if tsquery is None:
        words, parts = _NOTHING, ""
    elif walk and "tokens" in vectors:
        # Down the primary key, testing each entry's whole vector, until the cap.
        parts = ""
        words = (f"SELECT w.doc_id FROM search_words w WHERE w.tokens @@ %s::tsquery{bound.format('w')} "
                 f"ORDER BY w.doc_id DESC LIMIT %s")
        params += [tsquery, *([span] if bound else []), cap]
    elif walk:
        # The same down search_parts' primary key, testing only its vectors (an entry
        # without a row there has none of them: it would test false).
        parts = ""
        words = f"SELECT s.doc_id FROM search_parts s WHERE {test}{bound.format('s')} ORDER BY s.doc_id DESC LIMIT %s"
        params += [*test_params, *([span] if bound else []), cap]
    elif not _needs_positions(expr):
        # The index alone; `+ 0`: sorted, never a walk down the primary key.
        parts = ""
        words, words_params, _ = _tiers(
            query.conn, f"SELECT w.doc_id FROM search_words w{join} WHERE w.tokens @@ %s::tsquery{_TIER}{query.where} "
                        f"{_ORDER}LIMIT %s", [tsquery, *query.where_params, cap], cap, ordering)
        params += words_params
    else:
        # The entries holding the lexemes (newest first), tested one by one until the cap;
        # the recent ones newest first even for a count: they are few, and a page's newest
        # are then among them (_Found.newest).
        holding, holding_params = _holding(expr, allowed)
        words, words_params, newest_above = _tiers(
            query.conn, f"SELECT w.doc_id FROM (SELECT w.doc_id, w.tokens FROM search_words w{join} "
                        f"WHERE {holding}{_TIER}{query.where} {_ORDER}OFFSET 0) w{parts} WHERE {test} LIMIT %s",
            [*holding_params, *query.where_params, *test_params, cap], cap, ordering, recent_newest=True)
        params += words_params
    if long:
        long_sql = _long_sql(query.expr, allowed, params)
        if query.where:
            long_sql = (f"SELECT l.doc_id FROM ({long_sql}) l JOIN search_docs d ON d.id = l.doc_id "
                        f"WHERE true{query.where}")
            params += query.where_params
        elif bound:
            long_sql = f"SELECT l.doc_id FROM ({long_sql}) l WHERE true{bound.format('l')}"
            params.append(span)
        words = f"({words}) UNION ALL ({long_sql})"
    newest = "ORDER BY doc_id DESC " if ordered or walk else ""
    sql = f"SELECT doc_id FROM ({words}) u {newest}LIMIT %s"
    params.append(cap)
    mode = "walk" if walk else "lookup" if parts else "gin"
    # (a long entry would come after the tiers, wherever its id)
    return _Statement(sql, params, mode, ordered or walk, span, None if long else newest_above)


_TIER = "/* tier */"
_ORDER = "/* order */"
_NEWEST_FIRST = "ORDER BY w.doc_id + 0 DESC "


def _tiers(conn: "psycopg.Connection", sql: str, params: list[Any], cap: int, ordering: str, *,
           recent_newest: bool = False) -> tuple[str, list[Any], int | None]:
    """`sql` (a statement of up to `cap` doc ids, with a _TIER slot among the conditions on
    search_words w and an _ORDER slot for `ordering`: _NEWEST_FIRST or none) over the recent
    entries first, then over the older ones only when those fall short of the cap
    (PostgreSQL runs a UNION ALL's parts in turn, and the LIMIT stops it), where the archive
    has a recent index (schema.SEARCH_WORDS_RECENT). Each part's ids are the newest of its
    own, and every recent id is above every older one, so newest first the first `cap` are
    the newest; with `recent_newest`, the recent part's are newest first whatever
    `ordering`, and the bound is given back: the ids above it, first, are the newest. The
    bound is written out, not a parameter, for the planner to see that the recent index
    holds the first part's entries. At 100,000 objects, a count of '后' (in 68 % of
    entries) read 13,659 postings there in 1.6 ms, where the whole index's 68,298 took 7."""
    bound = _stats(conn).recent_bound
    if bound is None:
        return sql.replace(_TIER, "").replace(_ORDER, ordering), params, None
    recent = sql.replace(_TIER, f" AND w.doc_id > {bound}").replace(
        _ORDER, _NEWEST_FIRST if recent_newest else ordering)
    older = sql.replace(_TIER, f" AND w.doc_id <= {bound}").replace(_ORDER, ordering)
    return (f"SELECT doc_id FROM (({recent}) UNION ALL ({older})) t LIMIT %s", [*params, *params, cap],
            bound if recent_newest else None)


# A search's statements run in one of three plan modes (_PLAN_MODES; see _PLAN_SETTINGS):
# - "gin": without plain index scans, so every match comes from the GIN index's posting
#   lists (_reading starts a search in it);
# - "lookup": with index scans and nested loops only, for the search_parts row of each entry
#   tested and for rows read by known ids: with a hash join, the planner may read the whole
#   of search_parts (or search_docs) where it expects many entries and meets a few;
# - "walk": as "lookup", without bitmap scans, for a walk down the primary key.
# A statement names the mode it needs (None: any), and the mode is changed only when it
# differs, in the same round trip as the statement (a pipeline): a search whose statements
# took turns setting and putting back the settings spent 2 ms of 15 on it.
_PLAN_MODES: dict[str, dict[str, str]] = {
    mode: dict(zip(("enable_indexscan", "enable_bitmapscan", "enable_hashjoin", "enable_mergejoin"), values))
    for mode, values in (("gin", ("off", "on", "on", "on")), ("lookup", ("on", "on", "off", "off")),
                         ("walk", ("on", "off", "off", "off")))}
_mode_of: "weakref.WeakKeyDictionary[psycopg.Connection, str]" = weakref.WeakKeyDictionary()


def _planned(conn: "psycopg.Connection", mode: str | None, sql: str,
             params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of a statement run in plan mode `mode` (None: whichever the search is in)."""
    current = _mode_of.get(conn)
    if mode is None or current is None or current == mode:
        return _run(conn, sql, params).fetchall()
    changed = {name: value for name, value in _PLAN_MODES[mode].items() if _PLAN_MODES[current][name] != value}
    set_sql = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in changed)
    _mode_of[conn] = mode
    with _pipeline(conn):
        _run(conn, set_sql, list(changed.values()))
        cursor = _run(conn, sql, params)
    return cursor.fetchall()


def _pipeline(conn: "psycopg.Connection") -> AbstractContextManager[Any]:
    """Statements sent together, their results read after (one round trip), where psycopg's
    libpq can; one by one elsewhere."""
    return conn.pipeline() if psycopg_pipelines() else nullcontext()


@lru_cache(maxsize=1)
def psycopg_pipelines() -> bool:
    """Whether psycopg's libpq can send several statements before reading their results."""
    import psycopg

    return bool(psycopg.Pipeline.is_supported())


def _walkable(conn: "psycopg.Connection", expr: Expr, allowed: tuple[int, ...] | None, cap: int,
              vectors: set[str], *, ordered: bool) -> bool:
    """Whether a walk down the newest entries, testing each, should find `cap` matches
    sooner than the index gives them (all of them, sorted, when `ordered`; else its first
    `cap`): by the share of entries the expression matches, as far as PostgreSQL's
    statistics of the vectors tell it (the lexemes in at least a few per cent of entries;
    others count as rare). Without statistics (no ANALYZE yet), never. The index read is the
    recent entries' (_tiers) where they should hold the cap."""
    stats = _stats(conn)
    share = _share(expr, allowed, stats.freqs) if stats.freqs else 0.0
    if share <= 0.0:
        return False
    docs = stats.recent_entries if share * stats.recent_entries >= cap else stats.docs
    indexed = share * docs * (_SORT_COST_US if ordered else _POSTING_COST_US) + (0 if ordered else cap * _ROW_COST_US)
    return cap / share * _walk_cost(vectors) < _INDEX_COST_US + indexed


def _share(expr: Expr, allowed: tuple[int, ...] | None, freqs: dict[str, float]) -> float:
    """About how many of the entries `expr` matches, erring low: a word's share is the most
    of its columns' (they overlap), a phrase's the product of its words' (as if unrelated),
    AND multiplies, OR takes the most; a prefix counts as rare."""
    if isinstance(expr, Phrase):
        cols = expr.within(allowed)
        if not expr.tokens or expr.prefix:
            return 0.0
        best = 0.0
        for col in sorted(cols if cols is not None else range(len(COLUMNS))):
            best = max(best, math.prod(freqs.get(f"{col}{token}", 0.0) for token in expr.tokens))
        return best
    parts = [_share(c, allowed, freqs) for c in expr.children]
    return max(parts) if expr.op == "or" else math.prod(parts)


@dataclass
class _Stats:
    """What a search plans by, read at most once a minute (_stats): the share of entries
    holding each of the lexemes ANALYZE found most common (pg_stats.most_common_elems of
    search_words.tokens), about how many entries there are (pg_class.reltuples), and the
    recent index's bound and entries (schema.SEARCH_WORDS_RECENT; None without one)."""
    freqs: dict[str, float]
    docs: float
    recent_bound: int | None
    recent_entries: float


_freqs_cache: dict[tuple[Any, ...], tuple[float, _Stats]] = {}


def _stats(conn: "psycopg.Connection") -> _Stats:
    from exhibit.server.address import SCHEMA
    from exhibit.server.schema import SEARCH_WORDS_RECENT

    key = (conn.info.host, conn.info.port, conn.info.dbname)
    now = time.monotonic()
    with _totals_lock:
        cached = _freqs_cache.get(key)
    if cached is not None and now - cached[0] < _STATS_SECONDS:
        return cached[1]
    # The recent index's bound is read from its own predicate ("(doc_id > 80000)"); its
    # entries are about as many as the ids above it.
    row = _run(conn, "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples, "
                     "b.bound, (SELECT max(doc_id) FROM search_words) - b.bound "
                     "FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = %s AND s.tablename = c.relname "
                     "AND s.attname = 'tokens' LEFT JOIN (SELECT substring(pg_get_expr(indpred, indrelid) "
                     "FROM '[0-9]+')::bigint AS bound FROM pg_index WHERE indexrelid = to_regclass(%s)) b ON true "
                     "WHERE c.oid = 'search_words'::regclass",
               [SCHEMA, f"{SCHEMA}.{SEARCH_WORDS_RECENT}"]).fetchone()
    stats = _Stats({}, 0.0, None, 0.0)
    if row is not None:
        if row[0] is not None and row[1] is not None:
            stats.freqs = dict(zip(row[0], map(float, row[1])))
        stats.docs = max(float(row[2] or 0.0), 0.0)
        if row[3] is not None:
            stats.recent_bound, stats.recent_entries = int(row[3]), max(float(row[4] or 0.0), 0.0)
    with _totals_lock:
        _freqs_cache[key] = (now, stats)
    return stats


# ---------------------------------------------------------------- ranking: FTS5's bm25

@dataclass
class _Totals:
    """What bm25 reads of the whole index: FTS5 keeps these in its averages record; here
    search_totals does (read_totals), and the phrases' IDF counts are kept per snapshot."""
    docs: int
    tokens: int              # every column
    title_tokens: int        # the title columns (search_titles' own total)
    hits: dict[tuple[str, frozenset[int] | None], int] = field(default_factory=dict)
    long_entries: bool = True  # whether any entry is too long for one vector (search_text's)


_totals_cache: dict[tuple[Any, ...], _Totals] = {}
_totals_lock = threading.Lock()


def _totals(conn: "psycopg.Connection") -> _Totals:
    """The index's totals as of this transaction's snapshot, read with the snapshot in one
    statement (_reading sends it with the search's first)."""
    return _totals_from(conn, _run(conn, _SNAPSHOT_TOTALS_SQL, [_pending_name()]).fetchone())


def _totals_from(conn: "psycopg.Connection", row: Sequence[Any] | None) -> _Totals:
    """_totals of its statement's row. The phrases' IDF counts are kept by (server,
    database, snapshot): a committed write anywhere on the server makes a new snapshot, so
    they are never read stale; a snapshot that only reads reuses them."""
    assert row is not None
    found = _totals_of(row[2:])
    found.long_entries = bool(row[6])
    if row[5] is not None:   # a transaction that wrote to the index: its own totals, not a shared snapshot's
        return found
    key = (conn.info.host, conn.info.port, int(row[1]), str(row[0]))
    with _totals_lock:
        known = _totals_cache.get(key)
        if known is not None:
            return known
        if len(_totals_cache) >= 16:
            _totals_cache.clear()
        _totals_cache[key] = found
    return found


_TOTALS_SQL = ("coalesce(sum(docs), 0), coalesce(sum(tokens), 0), coalesce(sum(title_tokens), 0), "
               "nullif(current_setting(%s, true), '')::bigint[]")
_SNAPSHOT_TOTALS_SQL = (f"SELECT pg_current_snapshot()::text, (SELECT oid FROM pg_database WHERE datname = "
                        f"current_database()), {_TOTALS_SQL}, "
                        f"EXISTS (SELECT 1 FROM search_words WHERE tokens IS NULL) FROM search_totals")


def _pending_name() -> str:
    from exhibit.server.schema import TOTALS_PENDING

    return TOTALS_PENDING


def _totals_of(row: Sequence[Any]) -> _Totals:
    # This transaction's own writes, not yet added to search_totals (at its commit).
    pending = row[3] or (0, 0, 0)
    return _Totals(int(row[0]) + pending[0], int(row[1]) + pending[1], int(row[2]) + pending[2])


def read_totals(conn: "psycopg.Connection") -> _Totals:
    """The index's entries and tokens (all columns, title columns), as search_totals keeps
    them: its triggers on search_words add every write's change to one of a few rows."""
    row = _run(conn, f"SELECT {_TOTALS_SQL} FROM search_totals", [_pending_name()]).fetchone()
    assert row is not None
    return _totals_of(row)


ChunkTokens = dict[str, frozenset[int]]       # lexeme → its positions in one chunk


@dataclass
class _Entry:
    """What ranking needs of one index entry: its lengths (every column, the title columns),
    whether it is an image caption, and per column and chunk the positions of the query's
    lexemes. An entry of one exact vector (search_words) has one chunk per column, 0, the
    whole column; a long entry has its search_text chunks."""
    length: int
    title_length: int
    captioned: bool
    chunks: dict[int, dict[int, ChunkTokens]] = field(default_factory=dict)   # col → chunk → …
    counted: dict[Phrase, dict[int, int]] = field(default_factory=dict)

    def instances(self, phrase: Phrase) -> dict[int, int]:
        """How often the phrase occurs in each column it occurs in (ascending, as bm25 adds
        them up): its start positions, counted once where two chunks overlap (FTS5's xInst
        count for the phrase and column). Kept: titles, bm25 and IDFs ask again."""
        found = self.counted.get(phrase)
        if found is None:
            found = self.counted[phrase] = {
                col: n for col in sorted(self.chunks)
                if (phrase.cols is None or col in phrase.cols) and (n := self._instances(phrase, col))}
        return found

    def _instances(self, phrase: Phrase, col: int) -> int:
        if not phrase.tokens:
            return 0            # FTS5: a phrase of no token matches nothing
        chunks = self.chunks[col]
        if len(phrase.tokens) == 1 and not phrase.prefix and len(chunks) == 1:
            # One word in one chunk (every entry of one vector): its positions, each a start.
            return len(next(iter(chunks.values())).get(phrase.tokens[0], ()))
        starts: set[int] = set()
        last = len(phrase.tokens) - 1
        for chunk, found in chunks.items():
            places: list[frozenset[int] | set[int]] = []
            for i, token in enumerate(phrase.tokens):
                if phrase.prefix and i == last:
                    places.append({p for lexeme, ps in found.items() if lexeme.startswith(token) for p in ps})
                else:
                    places.append(found.get(token, frozenset()))
            starts.update(chunk * _STEP + p for p in places[0]
                          if all(p + i in places[i] for i in range(1, len(places))))
        return len(starts)

    def matches(self, expr: Expr, allowed: tuple[int, ...] | None) -> bool:
        """Whether `expr` matches this entry in the columns `allowed`, as the tsquery of
        words_tsquery does on its vector (a phrase: consecutive positions in one column)."""
        plist = phrases(expr)
        return _counted(expr, _phrase_counts(self, plist, allowed), 0, False, [False] * len(plist))[0]


def _picked_lexemes(expr: Expr, allowed: tuple[int, ...] | None) -> tuple[list[str], list[str]]:
    """The tagged lexemes (`'2衡阳'`) ranking reads of a vector: the query's whole tokens and
    its prefixes, in each column their phrase may match in."""
    exact: set[str] = set()
    prefixes: set[str] = set()
    for phrase in phrases(expr):
        cols = phrase.within(allowed)
        for col in sorted(cols if cols is not None else range(len(COLUMNS))):
            for i, token in enumerate(phrase.tokens):
                (prefixes if phrase.prefix and i == len(phrase.tokens) - 1 else exact).add(f"{col}{token}")
    return sorted(exact), sorted(prefixes)


def _entries(conn: "psycopg.Connection", query: _Query, allowed: tuple[int, ...] | None,
             cap: int | None = None) -> dict[int, _Entry]:
    """The _Entry of every entry matching the query in the columns `allowed`, under its
    filters, in one statement: of each one's vector only the query's lexemes leave the
    server (with its lengths and record type, kept in the same rows), so ranking reads no
    search_text. Titles are ranked on the title columns' own small vector (search_parts), of
    the entries the search has found already (_Query.ordered: all of them, by id) when it
    has; with `cap`, when it has not, of the first `cap` it finds, which it keeps as its
    count (all of them when fewer). Long entries (no vector) come from their search_text
    chunks."""
    tsquery = words_tsquery(query.expr, allowed)
    if tsquery is None:
        return {}
    exact, prefixes = _picked_lexemes(query.expr, allowed)
    titles = allowed == TITLE_COLUMNS
    vector = "s.titles" if titles else "w.tokens"
    # Without a prefix, the query's lexemes are picked out of each vector by the server's own
    # lookups (setweight marks them, ts_filter keeps the marked), not by testing each of its
    # lexemes; a prefix needs that test (^@, starts_with) on every unnested lexeme.
    if prefixes:
        tests = (["x.lexeme = ANY(%s::text[])"] if exact else []) + ["x.lexeme ^@ ANY(%s::text[])"]
        source = f"(SELECT x.lexeme, x.positions FROM unnest({vector}) x WHERE {' OR '.join(tests)})"
        picked: list[Any] = [*([exact] if exact else []), prefixes]
    else:
        source, picked = f"unnest(ts_filter(setweight({vector}, 'A', %s::text[]), '{{a}}'))", [exact]
    # Titles: the entries the search has found already, by id (their small vectors are in
    # search_parts); everything else through the GIN index, in one statement.
    def by_id(ids: str) -> str:
        """Each entry's rows of the ids `ids` gives, looked up by its id."""
        return (f"SELECT w.doc_id, w.length, w.title_length, d.record_type, u.lexeme, u.positions "
                f"FROM {ids} i(id) JOIN search_words w ON w.doc_id = i.id "
                f"JOIN search_docs d ON d.id = i.id LEFT JOIN search_parts s ON s.doc_id = i.id "
                f"LEFT JOIN LATERAL {source} u ON true")

    ids = query.all_found(allowed) if titles else None
    if ids is not None:
        # The GIN index is not searched again.
        rows = _planned(conn, "lookup", by_id("unnest(%s::bigint[])"), [ids, *picked])
    elif titles and cap is not None and allowed not in query.found:
        # The title count's statement, and each entry it finds looked up by its id, at once.
        statement = _matching_sql(query, cap, allowed, ordered=True)
        if statement is None:
            query.found[allowed] = _Found([], True, True)
            return {}
        rows = _planned(conn, "lookup" if statement.mode == "gin" else statement.mode,
                        by_id(f"({statement.sql})"), [*statement.params, *picked])
        found = sorted({int(r[0]) for r in rows}, reverse=True)
        query.found[allowed] = _Found(found, len(found) < cap, True)
    else:
        if titles:
            parts = "JOIN search_parts s ON s.doc_id = w.doc_id "
            matching = f"w.tokens @@ %s::tsquery AND s.titles @@ %s::tsquery{query.where}"
            matched: list[Any] = [words_tsquery(query.expr, allowed, joiner=" & "), tsquery]
        else:
            parts, matching, matched = "", f"w.tokens @@ %s::tsquery{query.where}", [tsquery]
        sql = (f"SELECT w.doc_id, w.length, w.title_length, d.record_type, u.lexeme, u.positions "
               f"FROM search_words w JOIN search_docs d ON d.id = w.doc_id {parts}"
               f"LEFT JOIN LATERAL {source} u ON true WHERE {matching}")
        params = [*picked, *matched, *query.where_params]
        if query.totals().long_entries:
            long_params: list[Any] = []
            long_sql = _long_sql(query.expr, allowed, long_params)
            sql += (f" UNION ALL SELECT w.doc_id, w.length, w.title_length, d.record_type, NULL, NULL "
                    f"FROM ({long_sql}) l JOIN search_words w ON w.doc_id = l.doc_id "
                    f"JOIN search_docs d ON d.id = l.doc_id WHERE true{query.where}")
            params += [*long_params, *query.where_params]
        # Titles: each entry's search_parts row looked up by its id.
        rows = _planned(conn, "lookup" if titles else "gin", sql, params)
    out: dict[int, _Entry] = {}
    long: list[int] = []
    for doc, length, title_length, record_type, lexeme, positions in rows:
        entry = out.get(doc)
        if entry is None:
            entry = out[int(doc)] = _Entry(int(length), int(title_length), record_type == fts.CAPTIONED)
            if lexeme is None:
                long.append(int(doc))
        if lexeme is not None:
            entry.chunks.setdefault(int(lexeme[0]), {}).setdefault(0, {})[lexeme[1:]] = frozenset(positions)
    if long:
        _long_chunks(conn, query.expr, {doc: out[doc] for doc in long})
    return out


def _long_chunks(conn: "psycopg.Connection", expr: Expr, entries: dict[int, _Entry]) -> None:
    """Fill in the chunks of long entries (no vector) from search_text: only the rows holding
    a lexeme of the query are unnested, and only the query's lexemes leave the server."""
    every = [p for p in phrases(expr) if p.tokens]
    exact = sorted({t for p in every for t in (p.tokens[:-1] if p.prefix else p.tokens)})
    prefixes = sorted({p.tokens[-1] for p in every if p.prefix})
    any_lexeme = " | ".join(Phrase((t,), False).tsquery() for t in exact)
    any_lexeme = " | ".join(filter(None, [any_lexeme, *(Phrase((t,), True).tsquery() for t in prefixes)]))
    if prefixes:
        tests = (["u.lexeme = ANY(%s::text[])"] if exact else []) + ["u.lexeme ^@ ANY(%s::text[])"]
        source, picked = "unnest(t.tokens) u", f" AND ({' OR '.join(tests)})"
        before, after = [], [*([exact] if exact else []), prefixes]
    else:
        source, picked = "unnest(ts_filter(setweight(t.tokens, 'A', %s::text[]), '{a}')) u", ""
        before, after = [exact], []
    rows = _planned(conn, None,
        f"SELECT t.doc_id, t.col, t.chunk, u.lexeme, u.positions FROM search_text t, {source} "
        f"WHERE t.doc_id = ANY(%s) AND t.tokens @@ %s::tsquery{picked}",
        [*before, list(entries), any_lexeme, *after])
    for doc, col, chunk, lexeme, positions in rows:
        entries[int(doc)].chunks.setdefault(int(col), {}).setdefault(int(chunk), {})[lexeme] = frozenset(positions)


def _phrase_counts(entry: _Entry, plist: list[Phrase], allowed: tuple[int, ...] | None) -> list[dict[int, int]]:
    """Each phrase's instances per column of `entry`, in the columns `allowed` only."""
    if allowed is None:
        return [entry.instances(p) for p in plist]
    return [{col: n for col, n in entry.instances(p).items() if col in allowed} for p in plist]


def _counted(expr: Expr, counts: list[dict[int, int]], at: int, active: bool, out: list[bool]) -> tuple[bool, int]:
    """Whether `expr` matches, given each phrase's counts; marks in `out` the phrases whose
    instances bm25 counts. FTS5 counts a phrase's instances in an entry when its node of the
    expression is on that entry: always under OR, and under AND only when the AND matches
    (its nodes have moved on otherwise)."""
    if isinstance(expr, Phrase):
        out[at] = active
        return bool(counts[at]), at + 1
    if expr.op == "and":
        matched_all, end = True, at
        for child in expr.children:
            matched, end = _counted(child, counts, end, False, [False] * len(out))
            matched_all = matched_all and matched
        end = at
        for child in expr.children:
            _, end = _counted(child, counts, end, active and matched_all, out)
        return matched_all, end
    matched_any, end = False, at
    for child in expr.children:
        matched, end = _counted(child, counts, end, active, out)
        matched_any = matched_any or matched
    return matched_any, end


def _sufficient(expr: Expr) -> list[bool]:
    """For each phrase (FTS5's order): whether its matching an entry is enough for `expr` to
    match it (only ORs above it)."""
    if isinstance(expr, Phrase):
        return [True]
    below = [s for child in expr.children for s in _sufficient(child)]
    return [False] * len(below) if expr.op == "and" else below


def _idf(conn: "psycopg.Connection", totals: _Totals, phrase: Phrase, allowed: tuple[int, ...] | None,
         every: dict[int, _Entry] | None) -> float:
    """FTS5's IDF of a phrase: log((N − n + 0.5) / (n + 0.5)), n the entries it matches in the
    whole index (filters aside, as xQueryPhrase counts), at least 1e-6. `every`, when given,
    holds every entry the phrase can match in `allowed` (the query's unfiltered matches, the
    phrase being enough for the query to match): n is counted there, with no statement."""
    cols = phrase.within(allowed)
    key = (phrase.tsquery() if phrase.tokens else "", cols)
    hits = totals.hits.get(key)
    if hits is None and every is not None:
        hits = totals.hits[key] = sum(any(cols is None or c in cols for c in e.instances(phrase))
                                      for e in every.values())
    if hits is None:
        params: list[Any] = []
        sql = docset_sql(phrase, allowed, params)
        hits = totals.hits[key] = int(_planned(conn, "gin", f"SELECT count(*) FROM ({sql}) h", params)[0][0])
    idf = math.log((totals.docs - hits + 0.5) / (hits + 0.5))
    return idf if idf > 0.0 else 1e-6


def _bm25(conn: "psycopg.Connection", query: _Query, entries: dict[int, _Entry], allowed: tuple[int, ...] | None,
          every: dict[int, _Entry]) -> dict[int, float]:
    """FTS5's bm25 (fts5_aux.c, fts5Bm25Function) of each entry, operation for operation,
    so that the scores are SQLite's to the last bit: the weighted instance counts summed
    column by column, the entry's length over the table's average, k1 = 1.2, b = 0.75.
    `every`: all the query's matches in `allowed` (or more), for the IDFs (see _idf)."""
    expr = query.expr
    totals = query.totals()
    weights = _TITLE_WEIGHTS if allowed == TITLE_COLUMNS else _ALL_WEIGHTS
    total = totals.title_tokens if allowed == TITLE_COLUMNS else totals.tokens
    avgdl = float(total) / float(totals.docs) if totals.docs else 1.0
    plist = phrases(expr)
    local = [ok and not query.where for ok in _sufficient(expr)]
    idfs = [_idf(conn, totals, p, allowed, every if here else None) for p, here in zip(plist, local)]
    scores: dict[int, float] = {}
    titles = allowed == TITLE_COLUMNS
    if isinstance(expr, Phrase):
        # One phrase (most queries): always counted, so the loop below without its bookkeeping.
        idf = idfs[0]
        for doc, entry in entries.items():
            freq = 0.0
            for col, n in entry.instances(expr).items():
                if allowed is None or col in allowed:
                    weight = weights[col]
                    for _ in range(n):
                        freq += weight
            length = float(entry.title_length if titles else entry.length)
            scores[doc] = -1.0 * (0.0 + idf * ((freq * (_K1 + 1.0)) / (freq + _K1 * (1 - _B + _B * length / avgdl))))
        return scores
    for doc, entry in entries.items():
        counts = _phrase_counts(entry, plist, allowed)
        active = [False] * len(plist)
        _counted(expr, counts, 0, True, active)
        length = float(entry.title_length if titles else entry.length)
        score = 0.0
        for i, idf in enumerate(idfs):
            freq = 0.0
            if active[i]:
                for col, n in counts[i].items():
                    for _ in range(n):
                        freq += weights[col]
            score += idf * ((freq * (_K1 + 1.0)) / (freq + _K1 * (1 - _B + _B * length / avgdl)))
        scores[doc] = -1.0 * score
    return scores


# ---------------------------------------------------------------- search

def _ranked_order(conn: "psycopg.Connection", query: _Query, entries: dict[int, _Entry],
                  allowed: tuple[int, ...] | None, every: dict[int, _Entry]) -> list[tuple[int, float]]:
    """(doc id, bm25) of `entries`, best first; equal scores by id, as SQLite's sort keeps
    FTS5's ascending scan order; over the titles, image captions after the rest
    (search._title_matches)."""
    scores = _bm25(conn, query, entries, allowed, every)
    media_last = allowed == TITLE_COLUMNS
    order = sorted(entries, key=lambda d: (media_last and entries[d].captioned, scores[d], d))
    return [(d, scores[d]) for d in order]


def _title_matches(conn: "psycopg.Connection", query: _Query, every: dict[int, _Entry],
                   limit: int, *, all_titled: bool = False) -> list[tuple[int, float]]:
    """search._title_matches: every title match (fewer than TITLE_RANK_CAP here) among
    `every` (the query's matches, or its title matches: `all_titled`), names and titles
    first, then captions, each by bm25 over the titles."""
    titled = every if all_titled else {d: e for d, e in every.items() if e.matches(query.expr, TITLE_COLUMNS)}
    return _ranked_order(conn, query, titled, TITLE_COLUMNS, every)[:limit]


def _ranked(conn: "psycopg.Connection", query: _Query, matched: int, limit: int,
            offset: int) -> list[tuple[int, float]]:
    """search._ranked: title matches, then the rest by bm25 over everything. Every match is
    read once (_entries); the title matches are found among them."""
    wanted = limit + offset
    every = _entries(conn, query, None)
    rows = _title_matches(conn, query, every, wanted)
    if len(rows) < wanted and len(rows) < matched:
        in_titles = {row[0] for row in rows}
        rest = _ranked_order(conn, query, every, None, every)[:wanted + len(rows)]
        rows += [row for row in rest if row[0] not in in_titles]
    return rows[offset:wanted]


def _broad(conn: "psycopg.Connection", query: _Query, limit: int, offset: int) -> list[tuple[int, float]]:
    """search._broad: title matches first (ranked when fewer than TITLE_RANK_CAP, else newest
    first), then the rest, newest first."""
    wanted = limit + offset
    titled: dict[int, _Entry] | None = None
    if _needs_positions(query.expr) and TITLE_COLUMNS not in query.found:
        # A phrase's title matches are few: counted and read in one statement (ranking them
        # then needs no second one).
        titled = _entries(conn, query, TITLE_COLUMNS, cap=fts.TITLE_RANK_CAP)
    in_titles = query.count(fts.TITLE_RANK_CAP, TITLE_COLUMNS)
    rows: list[tuple[int, float]]
    if in_titles >= fts.TITLE_RANK_CAP:
        rows = [(d, 0.0) for d in query.newest(wanted, TITLE_COLUMNS)]
    elif in_titles:
        every = titled if titled is not None else _entries(conn, query, TITLE_COLUMNS)
        rows = _title_matches(conn, query, every, wanted, all_titled=True)
    else:
        rows = []
    if len(rows) < wanted:
        rows += [(d, 0.0) for d in query.newest(wanted - len(rows), skip=[r[0] for r in rows])]
    return rows[offset:offset + limit]


# A search's plans: through the GIN index, never a scan of search_words or a walk of its
# primary key unless _matching chooses one (plan mode "walk", _planned). The planner costs a vector's
# test as one operator and not the reading of the vector from TOAST (out of line:
# toast_tuple_target), so for a capped count (LIMIT) or the newest matches (ORDER BY doc_id
# DESC LIMIT) it takes a scan that stops early, and that reads thousands of vectors where
# the index gives the same ids from its posting lists (38 ms against 1 ms at 20,000
# objects). Bitmap scans remain for every other lookup. The JIT compiler and parallel
# workers are off too: a search's statements take a millisecond or two, compiling one takes
# tens (it starts above jit_above_cost, which a plan can reach), and starting workers two to
# six (the planner takes them where it expects thousands of matches and meets one).
# What _planned changes and _reading puts back; plan_cache_mode: see _run.
_PLAN_SETTINGS = {"enable_seqscan": "off", "jit": "off", "max_parallel_workers_per_gather": "0",
                  "plan_cache_mode": "force_custom_plan", **_PLAN_MODES["gin"]}


@contextmanager
def _reading(conn: "psycopg.Connection") -> Iterator[_Totals]:
    """One snapshot for the whole search (counts, ranks and records agree) when the caller
    has no transaction open; inside the caller's transaction otherwise, with its plan
    settings put back afterwards. The search starts in plan mode "gin" (_planned). Gives
    the index's totals, read in the same round trip as the settings (bm25 needs them)."""
    from psycopg.pq import TransactionStatus

    set_sql = "SELECT " + ", ".join(f"set_config('{name}', %s, true)" for name in _PLAN_SETTINGS)
    if conn.info.transaction_status != TransactionStatus.IDLE:
        row = _run(conn, "SELECT " + ", ".join(f"current_setting('{name}')" for name in _PLAN_SETTINGS)).fetchone()
        assert row is not None
        try:
            with _pipeline(conn):
                _run(conn, set_sql, list(_PLAN_SETTINGS.values()))
                totals = _run(conn, _SNAPSHOT_TOTALS_SQL, [_pending_name()])
            with _searching(conn):
                yield _totals_from(conn, totals.fetchone())
        finally:
            if conn.info.transaction_status == TransactionStatus.INTRANS:
                _run(conn, set_sql, list(row))
        return
    with conn.transaction():
        with _pipeline(conn):   # one round trip for all three
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            _run(conn, set_sql, list(_PLAN_SETTINGS.values()))
            totals = _run(conn, _SNAPSHOT_TOTALS_SQL, [_pending_name()])
        with _searching(conn):
            yield _totals_from(conn, totals.fetchone())


@contextmanager
def _searching(conn: "psycopg.Connection") -> Iterator[None]:
    """While it lasts, _planned keeps track of the connection's plan mode, "gin" first."""
    _mode_of[conn] = "gin"
    try:
        yield
    finally:
        _mode_of.pop(conn, None)


def search(conn: "psycopg.Connection", query: str, *, record_types: Iterable[str] | None = None,
                  category: str | None = None, section_id: int | None = None,
                  date_from: str | None = None, date_to: str | None = None,
                  limit: int = 20, offset: int = 0) -> fts.SearchResult:
    """exhibit.search.search on a server archive: the same hits, in the same order, with the
    same totals, snippets and scores. See the module's docstring for how."""
    result = fts.SearchResult(query=query, total=0)
    where, params = _filters(record_types, category, section_id, date_from, date_to)
    with _reading(conn) as totals:
        queries = _Queries(conn, where, params, totals)
        match, matched, highlights = fts.match_for(query, queries.count, enough=limit + offset, cap=fts.COUNT_CAP)
        if match is None:
            return result
        found = queries.of(match)
        if matched >= fts.RANK_CAP:
            rows = _broad(conn, found, limit, offset)
        elif matched:
            rows = _ranked(conn, found, matched, limit, offset)
        else:
            rows = []
        result.total = matched
        result.total_is_lower_bound = matched >= fts.COUNT_CAP
        docs = {int(r[0]): (str(r[1]), int(r[2])) for r in _run(conn,
            "SELECT id, record_type, record_id FROM search_docs WHERE id = ANY(%s)", [[r[0] for r in rows]])}
        loaded = _load_many(conn, list(docs.values()))
    for doc_id, score in rows:
        if doc_id not in docs:
            continue
        record = loaded.get(docs[doc_id])
        if record is None:
            continue
        snippet, spans = fts.make_snippet(record, highlights)
        zh, en = record.title_pair()
        ident = getattr(record, record.IDENT, "") if record.IDENT else ""
        result.hits.append(fts.Hit(record.TYPE, record.saved_id, zh, en, ident or "", snippet, spans, score))
    return result


def search_ids(conn: "psycopg.Connection", text: str, record_type: str, *, limit: int | None,
               ranked: bool, enough: int, rank_limit: int) -> list[int]:
    """exhibit.listing.search_ids on a server archive: the ids of the `record_type` records
    matching `text`, best first (bm25 over the whole entry) when there are at most
    `rank_limit`, else newest first; the prefix form of the query when the whole words
    match fewer than `enough`."""
    where, params = _filters([record_type], None, None, None, None)
    with _reading(conn) as totals:
        queries = _Queries(conn, where, params, totals)
        match, _, _ = fts.match_for(text, queries.count, enough=enough, cap=enough + 1)
        if match is None:
            return []
        found = queries.of(match)
        if ranked and found.count(rank_limit + 1) <= rank_limit:
            every = _entries(conn, found, None)
            docs = [d for d, _ in _ranked_order(conn, found, every, None, every)]
        else:
            docs = found.newest(limit if limit is not None else 2**62)
        if limit is not None:
            docs = docs[:limit]
        ids = dict(_run(conn, "SELECT id, record_id FROM search_docs WHERE id = ANY(%s)", [docs]).fetchall())
    return [int(ids[d]) for d in docs if d in ids]


def _load_many(conn: "psycopg.Connection", keys: list[tuple[str, int]]) -> dict[tuple[str, int], Record]:
    """The records of a result page, one query per record type (search._load_many's twin)."""
    from psycopg.rows import dict_row

    by_type: dict[str, list[int]] = {}
    for record_type, record_id in keys:
        by_type.setdefault(record_type, []).append(record_id)
    out: dict[tuple[str, int], Record] = {}
    for record_type, ids in by_type.items():
        cls = RECORD_TYPES[record_type]
        with conn.cursor(row_factory=dict_row) as cur:
            for row in cur.execute(f"SELECT * FROM {cls.TABLE} WHERE id = ANY(%s)", [ids]).fetchall():
                row.pop("version", None)
                record = cls.from_row(row)
                out[(record_type, record.saved_id)] = record
    return out
