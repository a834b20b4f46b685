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
- One row per record, column and chunk (`search_text`), GIN-indexed: a phrase never
  spans two columns (as in FTS5, where it cannot), and `pinyin : …` is `col = 4`.
- tsvector keeps at most 256 positions of one lexeme and positions up to 16,383; so a
  column's tokens are stored in chunks of CHUNK tokens (a lexeme can then never reach
  the limit), each repeating the last OVERLAP tokens of the one before, so that every
  phrase of up to OVERLAP + 1 tokens lies whole in some chunk. `size` counts the tokens
  new in each chunk, so a column's length is the sum over its chunks.
- Tokens longer than MAX_TOKEN_BYTES (tsvector's limit is 2,046 bytes) are cut to it,
  here and in queries alike: such a "word" (a pasted hash or blob) still finds itself.

Matching, then (the next step of the server archive): each phrase of `build_match` is
`tokens @@ '<phrase>'::tsquery` on search_text (with `col = 4` under the pinyin filter),
giving a set of documents from the GIN index; AND and OR of phrases are intersections and
unions of those sets. Ranking: SQLite ranks with bm25 only when fewer than RANK_CAP
records match, and orders broader results by index id, newest first. The server does
the same: for at most RANK_CAP candidates it reads their chunks and computes FTS5's
bm25 formula (the same column weights; phrase counts per column from the positions;
document length from `size`; N and the average length from search_text), ties by id;
broader results by search_docs.id descending, which upload keeps equal to SQLite's. The
search_titles ranking is the same formula over columns 0, 2, 4 and 5. Totals are counted
up to COUNT_CAP, as on SQLite.

Writing: `store_index` makes the rows of every indexed record of a local archive, for
`server upload`; the server's services will write a record's rows in the transaction
that saves it, as the SQLite ones do.
"""
from __future__ import annotations

import sqlite3
import threading
from typing import TYPE_CHECKING, Iterable, Iterator, Sequence

from sqlite_utils import Database

from exhibit import search
from exhibit.errors import ExhibitError

if TYPE_CHECKING:
    import psycopg

COLUMNS = ("title", "body", "title2", "body2", "pinyin", "ident")   # search.Document's order
CHUNK = 256
OVERLAP = 64
MAX_TOKEN_BYTES = 2000

Row = tuple[int, int, int, int, str]   # doc_id, col, chunk, size, tokens (tsvector_literal)


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


def text_rows(doc_id: int, document: search.Document) -> list[Row]:
    """The search_text rows of one index entry (its six texts, as search.document makes them)."""
    tok = tokenizer()
    rows: list[Row] = []
    for col, text in enumerate(document):
        for number, size, part in chunks(tok.tokens(text)):
            rows.append((doc_id, col, number, size, tsvector_literal(part)))
    return rows


def tsvector_literal(tokens: Sequence[str]) -> str:
    """`'衡':1 '阳':2 …`: the tokens as lexemes at their positions, in tsvector's input form,
    which PostgreSQL reads without a text-search parser or dictionary. A unicode61 token
    is letters and digits only, so it never holds the quote or backslash the form escapes."""
    return " ".join(f"'{token}':{position}" for position, token in enumerate(tokens, 1))


def index_entries(db: Database, what: str) -> Iterator[tuple[int, search.Document]]:
    """(search_docs id, document) of every indexed record of a local archive; ExhibitError
    when its index is not in step with its records (`what` names the archive)."""
    docs = {(rtype, rid): doc_id for doc_id, rtype, rid in
            db.execute("SELECT id, record_type, record_id FROM search_docs").fetchall()}
    seen = 0
    for record_type in search.INDEXED_TYPES:
        for record in search.iter_records(db, record_type):
            doc_id = docs.get((record_type, record.saved_id))
            if doc_id is None:
                raise ExhibitError(f"{what}: {record.label()} is missing from the search index; run "
                                   f"`main.py check --reindex` on it, then upload; nothing was uploaded")
            seen += 1
            yield doc_id, search.document(record)
    if seen != len(docs):
        raise ExhibitError(f"{what}: its search index holds {len(docs) - seen} entries of records that "
                           f"are gone; run `main.py check --reindex` on it, then upload; nothing was uploaded")


def store_index(server: "psycopg.Connection", entries: Iterable[tuple[int, search.Document]]) -> int:
    """Write the search_text rows of `entries` into an empty search_text (server upload),
    inside the caller's transaction, with COPY. The GIN index is made again afterwards
    in one build, which is several times quicker than keeping it up to date row by row.
    Returns the number of rows written."""
    from exhibit.server.schema import SEARCH_TEXT_INDEX

    server.execute("DROP INDEX search_text_tokens")
    count = 0
    with server.cursor() as cur:
        with cur.copy("COPY search_text (doc_id, col, chunk, size, tokens) FROM STDIN") as copy:
            for doc_id, document in entries:
                for row in text_rows(doc_id, document):
                    copy.write_row(row)
                    count += 1
    server.execute("SET LOCAL maintenance_work_mem = '256MB'")
    server.execute(SEARCH_TEXT_INDEX)
    return count
