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


def _server_docs(url: str, tokens: list[str], prefix: bool = False) -> set[int]:
    """The entries whose search_words vector holds the tokens in a row in one of its columns
    (each lexeme tagged with its column's number)."""
    def in_column(col: int) -> str:
        return "(" + " <-> ".join(f"'{col}{t}'" for t in tokens) + (":*" if prefix else "") + ")"

    tsquery = " | ".join(in_column(col) for col in range(len(server_search.COLUMNS)))
    with connect(url) as conn:
        return {r[0] for r in conn.execute("SELECT doc_id FROM search_words WHERE tokens @@ %s::tsquery", [tsquery])}


def test_after_upload_phrases_and_prefixes_match_the_same_entries_as_fts5(archive: Archive, pg_url: str):
    server_schema.init(pg_url)
    report = upload(archive.root, pg_url)
    assert report.counts["search_words"] == archive.db.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    tok = server_search.tokenizer()
    for phrase in QUERIES:
        expected = _fts_docs(archive, '"' + phrase + '"')
        assert _server_docs(pg_url, tok.tokens(phrase)) == expected, phrase
    for prefix in PREFIXES:
        expected = _fts_docs(archive, f'"{prefix}"*')
        assert expected and _server_docs(pg_url, [prefix], prefix=True) == expected, prefix
    assert _fts_docs(archive, '"衡阳"') and _fts_docs(archive, '"方 先 觉"')


@pytest.mark.parametrize("length", [10, 300, 1000])
def test_a_columns_length_is_the_sum_of_its_chunks(length: int):
    text = " ".join(f"w{i}" for i in range(length))
    rows = server_search.text_rows(7, (text, "", "", "", "", ""))
    assert sum(row[3] for row in rows) == length
    assert {row[0] for row in rows} == {7} and {row[1] for row in rows} == {0}


# ---------------------------------------------------------------- whole searches: the same hits

# Every kind of query bench/search.py times, written as a curator or visitor would type them.
KINDS = {
    "zh_1char": ["衡", "军", "阳", "战", "炮", "城"],
    "zh_2char": ["衡阳", "军长", "保卫", "方先", "日军", "阵地", "张家"],
    "zh_5char": ["衡阳保卫战", "第十军军长", "衡阳，保卫", "守军伤亡", "张家山阵地"],
    "pinyin": ["hengyang", "heng yang", "fang xianjue", "fangxianjue", "héngyáng", "Héng Yáng", "hybwz",
               "hengy", "xue yue", "junzhang", "yue"],
    "english": ["defence", "Tōjō", "tojo", "TOJO", "helmet", "Hengyang", "defen", "the", "siege of hengyang",
                "O'Brien", "O’Brien", "Straße", "japanese army", "photograph"],
    "accession": [],   # filled from the sample's own objects
    "no_hit": ["zzzqqq", "龘龘", "xyzzy 衡阳", "qqqq*", '"', "()", "hy9999.9999"],
    "operators": ["AND", "OR", "NOT", "a OR b", "NEAR(x)", "pinyin:heng", "title : 衡阳"],
}


def _accessions(archive: Archive) -> list[str]:
    found = [r[0] for r in archive.db.execute(
        "SELECT accession FROM objects WHERE accession != '' ORDER BY id LIMIT 6")]
    assert found
    # As typed: whole, lower case, without separators, and a beginning.
    return found + [found[0].lower(), "".join(c for c in found[1] if c.isalnum()), found[2][:4]]


def _hits(result: search.SearchResult) -> list[tuple[str, int, float, str]]:
    return [(h.record_type, h.record_id, h.score, h.snippet) for h in result.hits]


@pytest.fixture
def uploaded(archive: Archive, pg_url: str):
    server_schema.init(pg_url)
    upload(archive.root, pg_url)
    with connect(pg_url) as conn:
        yield archive, conn


def test_every_kind_of_query_finds_the_same_hits_in_the_same_order_on_both(uploaded):
    archive, conn = uploaded
    KINDS["accession"] = _accessions(archive)
    seen_ranked = 0
    for kind, queries in KINDS.items():
        finding = 0
        for query in queries:
            local = search.search(archive.db, query, limit=20)
            remote = server_search.search(conn, query, limit=20)
            assert (remote.total, remote.total_is_lower_bound) == (local.total, local.total_is_lower_bound), \
                (kind, query)
            assert _hits(remote) == _hits(local), (kind, query)
            finding += bool(local.hits)
            seen_ranked += 0 < local.total < search.RANK_CAP
        # A list of queries that finds nothing would prove nothing (and no_hit must find nothing).
        assert finding == 0 if kind == "no_hit" else finding >= len(queries) // 2, kind
    assert seen_ranked > 10   # ranked by bm25 (the sample is too small for broad queries: see below)


def test_pages_and_filters_give_the_same_hits(uploaded):
    archive, conn = uploaded
    category = archive.db.execute("SELECT category FROM objects WHERE category != '' LIMIT 1").fetchone()[0]
    section = archive.db.execute("SELECT id FROM sections ORDER BY id LIMIT 1").fetchone()[0]
    cases = [dict(limit=5, offset=0), dict(limit=5, offset=5), dict(limit=7, offset=13),
             dict(record_types=["object"]), dict(record_types=["person", "place"]),
             dict(category=category), dict(section_id=section),
             dict(date_from="1944-06-23", date_to="1944-08-08"), dict(date_to="1944-07-01")]
    for query in ["衡阳", "军", "hengyang", "the", "defence", "fang xianjue"]:
        for options in cases:
            local = search.search(archive.db, query, **options)
            remote = server_search.search(conn, query, **options)
            assert remote.total == local.total and _hits(remote) == _hits(local), (query, options)


def test_the_bench_queries_over_the_sample_give_the_same_hits(uploaded):
    """bench/search.py's own generator, over the sample's objects (many queries of each kind)."""
    import random

    from bench.search import queries
    from exhibit import services
    from exhibit.records import ArchiveObject

    archive, conn = uploaded
    samples = [o for o in services.list_records(archive, ArchiveObject) if o.description_zh and o.name_zh]
    for kind, items in queries(samples, random.Random(7), 40).items():
        for query in filter(None, items):
            local = search.search(archive.db, query, limit=20)
            remote = server_search.search(conn, query, limit=20)
            assert remote.total == local.total and _hits(remote) == _hits(local), (kind, query)


def test_the_benchmarks_search_section_times_both_passes_and_finds_the_same_hits(uploaded, pg_url: str):
    """`python -m bench server`'s search section, on the sample: a first pass, the search
    tables loaded into the server's buffers, a steady pass; no query differs on either."""
    import gc
    import random

    from bench.server import bench_search

    archive, _ = uploaded
    try:
        out = bench_search(archive, pg_url, random.Random(3), 6)
    finally:
        gc.unfreeze()
    warmed = out.pop("prewarm")
    assert warmed["prewarmed"] is False and warmed["why"] or warmed["relations"] >= 8 and warmed["mb"] >= 1
    assert set(out) == {"zh_1char", "zh_2char", "zh_5char", "pinyin", "english", "accession"}
    for kind, figures in out.items():
        assert figures["different_hits"] == 0, kind
        for figures_of in (figures, figures["first_pass"]):
            assert figures_of["server"]["p95_ms"] >= figures_of["server"]["p50_ms"] > 0, kind


def test_a_save_on_the_server_is_found_at_once(uploaded):
    from exhibit.records import ArchiveObject
    from exhibit.server import records

    archive, conn = uploaded
    assert not server_search.search(conn, "xylophone").hits
    object_id = archive.db.execute("SELECT id FROM objects ORDER BY id LIMIT 1").fetchone()[0]
    stored = records.get(conn, ArchiveObject, object_id)
    from dataclasses import replace
    records.update(conn, replace(stored.record, name_en="Xylophone of the 10th Army"), stored, who="test")
    found = server_search.search(conn, "xylophone")
    assert [(h.record_type, h.record_id) for h in found.hits] == [("object", object_id)]
    assert found.hits[0].snippet and "Xylophone" in found.hits[0].title_en


def test_words_where_the_tokenizer_seldom_puts_them_are_still_found(uploaded):
    """Han pairs in an accession number (ident) and a single character in a pair column: the
    server leaves out columns no entry holds a word in (exhibit/server/search.py, _present),
    so these must be found because they are there, as on SQLite."""
    from exhibit import services
    from exhibit.records import ArchiveObject
    from exhibit.server import records

    archive, conn = uploaded
    odd = ArchiveObject(accession="鼗鼙", name_zh="鼗", name_en="Odd accession")
    services.create(archive, odd)
    records.create(conn, odd, who="test")
    conn.commit()
    for query in ["鼗鼙", "鼗", "鼗鼙 Odd"]:
        local = search.search(archive.db, query, limit=20)
        remote = server_search.search(conn, query, limit=20)
        assert remote.total == local.total and _hits(remote) == _hits(local), query
        assert [h.title_en for h in remote.hits] == ["Odd accession"], query


@pytest.mark.parametrize("pipelines", [True, False])
def test_a_search_inside_a_transaction_leaves_its_plan_settings_as_they_were(uploaded, monkeypatch, pipelines):
    """A search changes the planner's settings as its statements need (exhibit/server/search.py,
    _planned), in one round trip with the statement where libpq can (a pipeline) and in two
    where it cannot; inside a caller's transaction it must put them back, whichever it ended
    in, and find what SQLite finds."""
    archive, conn = uploaded
    monkeypatch.setattr(server_search, "psycopg_pipelines", lambda: pipelines)
    names = ["enable_seqscan", "enable_indexscan", "enable_bitmapscan", "enable_hashjoin",
             "enable_mergejoin", "jit", "max_parallel_workers_per_gather"]
    read = "SELECT " + ", ".join(f"current_setting('{name}')" for name in names)
    with conn.transaction():
        before = conn.execute(read).fetchone()
        # a phrase (its entries looked up in search_parts), a single character, a pinyin prefix
        for query in ["衡阳保卫战", "军", "hengy"]:
            remote = server_search.search(conn, query)
            assert remote.hits and _hits(remote) == _hits(search.search(archive.db, query)), query
            assert conn.execute(read).fetchone() == before, query
    remote = server_search.search(conn, "衡阳保卫战")     # in a transaction of its own
    assert _hits(remote) == _hits(search.search(archive.db, "衡阳保卫战"))


def test_a_phrase_with_a_word_no_entry_holds_is_left_out_before_matching(uploaded):
    """An English word is also searched as pinyin syllables ('bombing' as `pinyin : "bom
    mbing"`); no entry holds them, so the server matches the one word through its index
    alone (exhibit/server/search.py, _present), with SQLite's hits; a phrase that is there
    stays."""
    archive, conn = uploaded
    match, _ = search.build_match("bombing", prefix=False)
    assert "pinyin" in match
    query = server_search._Query(conn, server_search.parse_match(match), "", [])
    present = server_search._present(query)
    assert present == server_search.Phrase(("bombing",), False, frozenset(range(6)))
    assert not server_search._needs_positions(present)
    for text in ["bombing", "fang xianjue", "衡阳保卫战"]:
        local = search.search(archive.db, text, limit=20)
        remote = server_search.search(conn, text, limit=20)
        assert remote.total == local.total and _hits(remote) == _hits(local), text
    kept = server_search._present(server_search._Query(
        conn, server_search.parse_match(search.build_match("衡阳保卫战", prefix=False)[0]), "", []))
    assert server_search._needs_positions(kept) and search.search(archive.db, "衡阳保卫战").total > 0


def test_an_expression_outside_build_matchs_syntax_is_refused():
    with pytest.raises(server_search.MatchSyntaxError):
        server_search.parse_match('"a" NEAR "b"')
    tree = server_search.parse_match('("a" AND "b c") OR pinyin : "hengyang"*')
    assert tree == server_search.Node("or", (
        server_search.Node("and", (server_search.Phrase(("a",), False), server_search.Phrase(("b", "c"), False))),
        server_search.Phrase(("hengyang",), True, frozenset({4}))))


@pytest.mark.parametrize("walk", ["by statistics", "always", "never", "bounded walks cut short",
                                  "by statistics, with a recent index"])
def test_broad_queries_over_a_filled_catalogue_give_the_same_hits(blank_archive: Archive, pg_url: str, walk: str,
                                                                  monkeypatch: pytest.MonkeyPatch):
    """Thousands of matches: title matches first (ranked, or newest first beyond TITLE_RANK_CAP),
    then the rest newest first, and totals capped at COUNT_CAP, as on SQLite; whether the
    newest matches are read by a walk down the newest entries or from the index, and when
    a walk bounded by the count's density stops short of the matches a page needs; and with
    the newest entries in an index of their own, asked first (schema.SEARCH_WORDS_RECENT)."""
    import random

    from bench.interchange import fill
    from bench.search import queries
    from exhibit import services
    from exhibit.records import ArchiveObject

    fill(blank_archive, 2500, seed=3)
    server_schema.init(pg_url)
    recent = walk.endswith("with a recent index")
    # An upload of 2,500 entries makes one over its newest 800 where 1,000 entries are enough.
    monkeypatch.setattr(server_schema, "RECENT_FROM", 1000 if recent else 10**9)
    monkeypatch.setattr(server_schema, "RECENT_ENTRIES", 800)
    upload(blank_archive.root, pg_url)
    server_search._freqs_cache.clear()   # the upload's ANALYZE gave the statistics, its recent index a bound
    samples = services.list_records(blank_archive, ArchiveObject, where="id % 50 = 0")
    kinds = queries(samples, random.Random(11), 12)
    broad = 0
    walks: list[bool] = []
    choose = server_search._walkable
    if walk.startswith("by statistics"):
        def spied(*args, **kwargs) -> bool:
            walks.append(choose(*args, **kwargs))
            return walks[-1]
        monkeypatch.setattr(server_search, "_walkable", spied)
    else:
        monkeypatch.setattr(server_search, "_walkable", lambda *args, **kwargs: walk == "always")
    spans: list[int | None] = []
    span_of = server_search._walk_span

    def spied_span(*args, **kwargs) -> int | None:
        spans.append(3 if walk == "bounded walks cut short" else span_of(*args, **kwargs))
        return spans[-1]
    monkeypatch.setattr(server_search, "_walk_span", spied_span)
    with connect(pg_url) as conn:
        bound = server_search._stats(conn).recent_bound
        assert (bound is not None) == recent
        if recent:
            assert conn.execute("SELECT count(*) FROM search_words WHERE doc_id > %s", [bound]).fetchone()[0] == 800
        for kind, items in kinds.items():
            for query in filter(None, items):
                pages: list[dict] = [dict(limit=20), dict(limit=10, offset=30)]
                if recent:   # a filter joins search_docs in both tiers
                    pages.append(dict(limit=20, record_types=["object"]))
                for options in pages:
                    local = search.search(blank_archive.db, query, **options)
                    remote = server_search.search(conn, query, **options)
                    assert (remote.total, remote.total_is_lower_bound) == (local.total, local.total_is_lower_bound)
                    assert _hits(remote) == _hits(local), (kind, query, options)
                    broad += local.total >= search.RANK_CAP
    assert broad >= 10
    if walk.startswith("by statistics"):
        assert True in walks and False in walks   # both ways were taken
    if walk in ("by statistics", "bounded walks cut short"):
        assert any(span is not None for span in spans)   # the newest were walked to


def _recounted(conn) -> tuple[int, int, int]:
    """The index's totals added up from what it holds (each vector's positions, a long entry's
    chunks), as bm25 would need them without search_totals."""
    docs = conn.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    titles = [str(c) for c in server_search.TITLE_COLUMNS]
    tokens, title_tokens = conn.execute(
        "SELECT coalesce(sum(cardinality(u.positions)), 0), "
        "coalesce(sum(cardinality(u.positions)) FILTER (WHERE left(u.lexeme, 1) = ANY(%s)), 0) "
        "FROM search_words w, unnest(w.tokens) u", [titles]).fetchone()
    long, long_titles = conn.execute(
        "SELECT coalesce(sum(size), 0), coalesce(sum(size) FILTER (WHERE col = ANY(%s)), 0) FROM search_text",
        [list(server_search.TITLE_COLUMNS)]).fetchone()
    return int(docs), int(tokens + long), int(title_tokens + long_titles)


def _kept(conn) -> tuple[int, int, int]:
    totals = server_search.read_totals(conn)
    return totals.docs, totals.tokens, totals.title_tokens


def test_the_index_totals_stay_right_after_uploads_edits_and_deletes(uploaded, pg_url: str):
    """search_totals (what bm25 divides by) is kept by the writers: after an upload, and after
    creates, edits that lengthen or shorten a record and deletes, from two connections (two
    curators write to different rows of it), it equals the totals counted from the index."""
    from dataclasses import replace

    from exhibit.records import ArchiveObject, Person
    from exhibit.server import records

    archive, conn = uploaded
    conn.autocommit = True
    assert _kept(conn) == _recounted(conn)
    assert _kept(conn)[0] == archive.db.execute("SELECT count(*) FROM search_docs").fetchone()[0]
    with connect(pg_url) as other:
        other.autocommit = True
        made = records.create(conn, ArchiveObject(accession="HY-TOTALS-1", name_zh="衡阳守军钢盔",
                                                  name_en="Zorblax helmet of the garrison"), who="a")
        person = records.create(other, Person(name_zh="方先觉", name_en="Fang Xianjue"), who="b")
        longer = records.update(other, replace(made.record, description_en="long " * 300), made, who="b")
        records.update(conn, replace(longer.record, description_en="", name_en="Zorblax"), longer, who="a")
        records.delete(other, records.get(other, Person, person.record.saved_id), who="b")
        slots = conn.execute("SELECT count(*) FROM search_totals").fetchone()[0]
    assert slots >= 2   # the two connections kept their own rows
    assert _kept(conn) == _recounted(conn)
    found = server_search.search(conn, "zorblax")
    assert [(h.record_type, h.record_id) for h in found.hits] == [("object", made.record.saved_id)]


def test_a_record_too_long_for_one_vector_is_still_found_and_counted(uploaded):
    """A column whose word repeats past tsvector's 256 positions cannot be one exact vector:
    such an entry is matched by its chunks instead, and found by a phrase as any other."""
    from exhibit.records import ArchiveObject
    from exhibit.server import records

    archive, conn = uploaded
    conn.autocommit = True
    text = " ".join(["xylo marimba"] * 400) + " glockenspiel celesta"
    made = records.create(conn, ArchiveObject(accession="HY-LONG-1", name_en="Chimes", description_en=text), who="a")
    long = conn.execute("SELECT count(*) FROM search_words WHERE tokens IS NULL").fetchone()[0]
    assert long == 1
    for query in ["glockenspiel celesta", "marimba xylo", "xylo"]:
        hits = [(h.record_type, h.record_id) for h in server_search.search(conn, query).hits]
        assert hits == [("object", made.record.saved_id)], query
    def phrase(expression: str) -> set[int]:
        params: list = []
        sql = server_search.docset_sql(server_search.parse_match(expression), None, params)
        return {r[0] for r in conn.execute(sql, params)}

    doc = conn.execute("SELECT id FROM search_docs WHERE record_type = 'object' AND record_id = %s",
                       [made.record.saved_id]).fetchone()[0]
    assert doc in phrase('"glockenspiel celesta"') and doc in phrase('"marimba xylo"')
    assert doc not in phrase('"celesta glockenspiel"')   # a phrase keeps its order in a long entry too
    assert _kept(conn) == _recounted(conn)
