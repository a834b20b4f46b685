"""The server's search index finds what SQLite's finds (exhibit/server/search.py).

Its tokens are SQLite's unicode61 tokens, character for character, and after an upload a
token, a phrase or a prefix matches on the server exactly the index entries it matches in
the archive's own FTS5 index. The server part needs tests/pg.py's PostgreSQL."""
from __future__ import annotations

import sqlite3

import pytest

from exhibit import search
from exhibit.archive import Archive
from exhibit.server import schema as server_schema
from exhibit.server import search as server_search
from exhibit.server.address import connect
from exhibit.server.transfer import upload

# Letters that fold, marks that only continue a word, full-width forms, private use,
# Turkish dotted I, roman numerals, superscripts, Arabic-Indic digits, CJK punctuation,
# an emoji, apostrophes and hyphens of several kinds.
TRICKY = ("Tōjō Straße ẞ İstanbul Ⅻ x² ٣٤ e\u0301te \u0301lone ＨＹ１９４４．０００１ "
          "衡阳，保卫战！「方先觉」 \ue000private 🙂 O’Brien tojo-hideki Łódź Nguyễn")


def _sqlite_tokens(texts: list[tuple[str, ...]]) -> dict[tuple[int, int], list[str]]:
    """(entry, column) → the tokens SQLite's own unicode61 makes of them, in order."""
    conn = sqlite3.connect(":memory:")
    names = ", ".join(server_search.COLUMNS)
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5({names}, tokenize = 'unicode61 remove_diacritics 2')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    conn.executemany(f"INSERT INTO t (rowid, {names}) VALUES (?{', ?' * len(server_search.COLUMNS)})",
                     [(i, *cols) for i, cols in enumerate(texts)])
    found: dict[tuple[int, int], dict[int, str]] = {}
    for term, doc, column, offset in conn.execute("SELECT term, doc, col, offset FROM v"):
        found.setdefault((doc, server_search.COLUMNS.index(column)), {})[offset] = term
    return {key: [by_offset[i] for i in sorted(by_offset)] for key, by_offset in found.items()}


def _python_tokens(texts: list[tuple[str, ...]]) -> dict[tuple[int, int], list[str]]:
    tok = server_search.Tokenizer()
    out = {}
    for i, cols in enumerate(texts):
        for col, text in enumerate(cols):
            if tokens := tok.tokens(text):
                out[(i, col)] = tokens
    return out


def test_the_tokens_are_sqlites_for_every_entry_of_the_sample_and_odd_characters(archive: Archive):
    texts = [document for _, document in server_search.index_entries(archive.db, "sample")]
    texts.append(search.document_of_row({"title_zh": TRICKY, "description_en": TRICKY, "accession": TRICKY}))
    texts.append(tuple(TRICKY for _ in server_search.COLUMNS))
    assert len(texts) > 200
    assert _python_tokens(texts) == _sqlite_tokens(texts)


def test_long_columns_are_chunked_so_every_phrase_lies_whole_in_one_chunk():
    tokens = [f"w{i}" for i in range(1000)]
    parts = list(server_search.chunks(tokens))
    assert sum(size for _, size, _ in parts) == len(tokens)
    assert all(len(part) <= server_search.CHUNK for _, _, part in parts)
    phrase_len = server_search.OVERLAP + 1
    for start in range(len(tokens) - phrase_len + 1):
        phrase = tokens[start:start + phrase_len]
        assert any(" ".join(phrase) in " ".join(part) for _, _, part in parts), start


# FTS5 phrases (as search.build_match writes them) and the same tokens as a tsquery.
QUERIES = ["衡 阳", "衡阳", "保卫 卫战", "军", "方 先 觉", "fang xian jue", "hengyang", "hy1944", "0001",
           "hy19440001", "defence of hengyang", "tojo", "helmet"]
PREFIXES = ["heng", "hy1944", "def"]


def _fts_docs(archive: Archive, expression: str) -> set[int]:
    return {r[0] for r in archive.db.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH ?",
                                             [expression])}


def _server_docs(url: str, tsquery: str) -> set[int]:
    with connect(url) as conn:
        return {r[0] for r in conn.execute(
            "SELECT DISTINCT doc_id FROM search_text WHERE tokens @@ %s::tsquery", [tsquery])}


def test_after_upload_phrases_and_prefixes_match_the_same_entries_as_fts5(archive: Archive, pg_url: str):
    server_schema.init(pg_url)
    report = upload(archive.root, pg_url)
    assert report.counts["search_text"] > 0
    tok = server_search.tokenizer()
    for phrase in QUERIES:
        expected = _fts_docs(archive, '"' + phrase + '"')
        tsquery = " <-> ".join(f"'{t}'" for t in tok.tokens(phrase))
        assert _server_docs(pg_url, tsquery) == expected, phrase
    for prefix in PREFIXES:
        expected = _fts_docs(archive, f'"{prefix}"*')
        assert expected and _server_docs(pg_url, f"'{prefix}':*") == expected, prefix
    assert _fts_docs(archive, '"衡阳"') and _fts_docs(archive, '"方 先 觉"')


@pytest.mark.parametrize("length", [10, 300, 1000])
def test_a_columns_length_is_the_sum_of_its_chunks(length: int):
    text = " ".join(f"w{i}" for i in range(length))
    rows = server_search.text_rows(7, (text, "", "", "", "", ""))
    assert sum(row[3] for row in rows) == length
    assert {row[0] for row in rows} == {7} and {row[1] for row in rows} == {0}
